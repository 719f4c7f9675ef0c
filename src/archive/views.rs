//! Orders and groupings that several pages share, computed once: articles
//! by date, and each province's articles and scoped directives.

use serde::Serialize;

use super::{Directive, Entry};
use crate::vi;

/// One province as the archive sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvinceView {
    /// As in keys and page names: `bac-kan`.
    pub slug: String,
    /// As displayed: `Bắc Kạn`.
    pub name: String,
    /// Its articles (indices into `Archive::entries`), newest first,
    /// undated last.
    pub articles: Vec<usize>,
    /// Its own directives, keyed `...@<slug>` (indices into
    /// `Archive::directives`), most cited first.
    pub directives: Vec<usize>,
}

/// Entry indices, newest first, undated last; ties by slug.
pub fn articles_by_date(entries: &[Entry]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| {
        let (ea, eb) = (&entries[a], &entries[b]);
        match (ea.article.date, eb.article.date) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| ea.slug.cmp(&eb.slug))
    });
    order
}

/// Directive indices, most cited (by articles) first; ties in the
/// archive's order (kind, then number).
pub fn most_cited(directives: &[Directive]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..directives.len()).collect();
    order.sort_by(|&a, &b| {
        directives[b]
            .article_count
            .cmp(&directives[a].article_count)
            .then(a.cmp(&b))
    });
    order
}

/// Every province with an article or a scoped directive, in Vietnamese
/// alphabetical order.
pub fn provinces(
    entries: &[Entry],
    directives: &[Directive],
    by_date: &[usize],
    most_cited: &[usize],
) -> Vec<ProvinceView> {
    let mut views: Vec<ProvinceView> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut view_of = |slug: &str, name: &str, views: &mut Vec<ProvinceView>| -> usize {
        *index.entry(slug.to_string()).or_insert_with(|| {
            views.push(ProvinceView {
                slug: slug.to_string(),
                name: name.to_string(),
                articles: Vec::new(),
                directives: Vec::new(),
            });
            views.len() - 1
        })
    };
    for &a in by_date {
        if let Some(p) = &entries[a].article.province {
            let v = view_of(&p.slug, &p.name, &mut views);
            views[v].articles.push(a);
        }
    }
    for &d in most_cited {
        if let Some(slug) = &directives[d].scope_slug {
            let v = view_of(slug, &directives[d].scope, &mut views);
            views[v].directives.push(d);
        }
    }
    views.sort_by_cached_key(|v| (vi::sort_key(&v.name), v.slug.clone()));
    views
}
