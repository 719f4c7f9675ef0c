//! Stage 5, the archive graph: articles ↔ directives, built once; every
//! page, the search index and the data files read from it.

pub mod relations;
pub mod views;

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::article::Article;
use crate::gazetteer::Gazetteer;
use crate::refs::registry::{Registry, RegistryEntry};
use crate::refs::Citation;
use crate::vi;

pub use relations::{CoCitations, Relation, RelationKind};
pub use views::ProvinceView;

/// An article with its slug and citations.
#[derive(Debug, Clone)]
pub struct Entry {
    pub article: Article,
    pub slug: String,
    pub citations: Vec<Citation>,
}

/// Where one directive is cited: article index and citation index in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct CiteRef {
    pub article: usize,
    pub citation: usize,
}

/// One directive and the articles that cite it.
#[derive(Debug, Clone, Serialize)]
pub struct Directive {
    pub key: String,
    pub slug: String,
    /// `Nghị quyết`, `Chỉ thị`, ...
    pub kind: String,
    /// The number for display: two digits below 10 (`05`).
    pub number: Option<String>,
    pub code: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<NaiveDate>,
    /// The subject: the registry's title, else the fullest `về ...` seen.
    pub title: Option<String>,
    /// `Trung ương`, or the province's name.
    pub scope: String,
    /// The province's slug for a local directive (`...@bac-kan`), else none.
    pub scope_slug: Option<String>,
    /// How a reader would say it: `Chỉ thị số 26-CT/TU của ...`.
    pub name: String,
    pub citing: Vec<CiteRef>,
    /// Number of distinct citing articles.
    pub article_count: usize,
    #[serde(skip)]
    pub registry: Option<RegistryEntry>,
}

/// The whole archive.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    /// In the order of their relative paths.
    pub entries: Vec<Entry>,
    /// Sorted by kind, then number, then key.
    pub directives: Vec<Directive>,
    pub by_key: HashMap<String, usize>,
    /// "A implements B", read from the text (see [`relations`]), sorted by
    /// (from, to) keys; one per pair, with the citations that say so.
    pub relations: Vec<Relation>,
    /// Directives cited in the same articles (by directive index).
    pub co_cited: CoCitations,
    /// Entry indices, newest first, undated last (ties by slug).
    pub by_date: Vec<usize>,
    /// Directive indices, most cited (by articles) first (ties in the order
    /// of `directives`: kind, then number).
    pub most_cited: Vec<usize>,
    /// Every province with articles or scoped directives, in Vietnamese
    /// alphabetical order.
    pub provinces: Vec<ProvinceView>,
}

impl Directive {
    /// The year of issue: from the date, else from the key's `#YYYY`.
    pub fn year(&self) -> Option<i32> {
        use chrono::Datelike;
        self.date.map(|d| d.year()).or_else(|| {
            self.key
                .split('#')
                .nth(1)
                .and_then(|y| y.get(..4))
                .and_then(|y| y.parse().ok())
        })
    }
}

impl Archive {
    /// Builds the graph from cleaned, cited articles (in any order).
    pub fn build(mut articles: Vec<(Article, Vec<Citation>)>, registry: &Registry) -> Archive {
        articles.par_sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
        let slugs = unique_slugs(articles.iter().map(|(a, _)| a));
        let entries: Vec<Entry> = articles
            .into_iter()
            .zip(slugs)
            .map(|((article, citations), slug)| Entry {
                article,
                slug,
                citations,
            })
            .collect();

        // Every citation under its key; a stable sort keeps each key's
        // citations in reading order.
        let mut cites: Vec<(&str, CiteRef)> = entries
            .iter()
            .enumerate()
            .flat_map(|(a, e)| {
                e.citations.iter().enumerate().map(move |(c, cit)| {
                    let at = CiteRef {
                        article: a,
                        citation: c,
                    };
                    (cit.key.as_str(), at)
                })
            })
            .collect();
        cites.par_sort_by(|x, y| x.0.cmp(y.0));
        let mut grouped: Vec<(&str, Vec<CiteRef>)> = Vec::new();
        for (key, at) in cites {
            match grouped.last_mut() {
                Some((k, citing)) if *k == key => citing.push(at),
                _ => grouped.push((key, vec![at])),
            }
        }
        let mut directives: Vec<Directive> = grouped
            .into_par_iter()
            .map(|(key, citing)| describe(key, citing, &entries, registry))
            .collect();
        directives
            .par_sort_by_cached_key(|d| (vi::sort_key(&d.kind), number_of(&d.key), d.key.clone()));
        let mut used = HashMap::new();
        for d in &mut directives {
            let n = used.entry(d.slug.clone()).or_insert(0usize);
            *n += 1;
            if *n > 1 {
                d.slug = format!("{}-{}", d.slug, n);
            }
        }
        let by_key: HashMap<String, usize> = directives
            .iter()
            .enumerate()
            .map(|(i, d)| (d.key.clone(), i))
            .collect();
        // The two costly views of the entries, side by side.
        let index_of = |k: &str| by_key.get(k).copied();
        let (relations, co_cited) = rayon::join(
            || relations::implementing(&entries),
            || relations::co_citations(&entries, &index_of, directives.len()),
        );
        let by_date = views::articles_by_date(&entries);
        let most_cited = views::most_cited(&directives);
        let provinces = views::provinces(&entries, &directives, &by_date, &most_cited);
        Archive {
            entries,
            directives,
            by_key,
            relations,
            co_cited,
            by_date,
            most_cited,
            provinces,
        }
    }

    pub fn directive(&self, key: &str) -> Option<&Directive> {
        self.by_key.get(key).map(|&i| &self.directives[i])
    }

    /// The province view of `slug`, if the archive has one.
    pub fn province(&self, slug: &str) -> Option<&ProvinceView> {
        self.provinces.iter().find(|p| p.slug == slug)
    }

    pub fn citation_count(&self) -> usize {
        self.entries.iter().map(|e| e.citations.len()).sum()
    }
}

fn number_of(key: &str) -> u32 {
    key.split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(u32::MAX)
}

/// Slug of a directive key: `26-CT/TU@hoa-binh#2019` → `26-ct-tu-hoa-binh-2019`.
pub fn directive_slug(key: &str) -> String {
    let s = vi::slugify(&key.replace(['/', '@', '#', '|'], "-"));
    if s.is_empty() {
        "van-ban".to_string()
    } else {
        s
    }
}

/// Article slugs: from the title (or the front matter's `slug`), ASCII,
/// at most 80 characters. Articles that would share a slug are told apart by
/// a hash of their file path, so no slug depends on the order files are read.
fn unique_slugs<'a>(articles: impl Iterator<Item = &'a Article>) -> Vec<String> {
    let articles: Vec<&Article> = articles.collect();
    let bases: Vec<String> = articles
        .iter()
        .map(|a| {
            let from = a.slug_hint.as_deref().unwrap_or(&a.title);
            let mut s = vi::slugify(from);
            if s.len() > 80 {
                let cut = s[..80].rfind('-').unwrap_or(80);
                s.truncate(cut);
            }
            if s.is_empty() {
                s = "bai-viet".into();
            }
            s
        })
        .collect();
    let rels: Vec<&str> = articles.iter().map(|a| a.rel.as_str()).collect();
    disambiguate(&bases, &rels)
}

/// Slugs from `bases`, unique: a base shared by several articles gets a
/// short hash of the article's path (stable when other articles come and
/// go); should two of those still meet (the hash is short), or meet another
/// slug, the later one in path order gets `-2`, `-3`, ...
fn disambiguate(bases: &[String], rels: &[&str]) -> Vec<String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for b in bases {
        *count.entry(b).or_default() += 1;
    }
    let wanted: Vec<String> = bases
        .iter()
        .zip(rels)
        .map(|(b, rel)| {
            if count[b.as_str()] > 1 {
                format!("{b}-{}", short_hash(rel))
            } else {
                b.clone()
            }
        })
        .collect();
    let mut taken: std::collections::HashSet<String> = wanted.iter().cloned().collect();
    let mut given: std::collections::HashSet<&str> = std::collections::HashSet::new();
    wanted
        .iter()
        .map(|slug| {
            if given.insert(slug) {
                return slug.clone();
            }
            let mut n = 2;
            loop {
                let other = format!("{slug}-{n}");
                if taken.insert(other.clone()) {
                    return other;
                }
                n += 1;
            }
        })
        .collect()
}

/// A short stable hash (FNV-1a), for telling same-titled articles apart.
fn short_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{:06x}", h & 0xff_ffff)
}

/// A directive's description, from the registry or the fullest mention.
fn describe(key: &str, citing: Vec<CiteRef>, entries: &[Entry], registry: &Registry) -> Directive {
    let cits: Vec<&Citation> = citing
        .iter()
        .map(|r| &entries[r.article].citations[r.citation])
        .collect();
    // The fullest mention: most of date, issuer, subject, code known.
    let fullest = cits
        .iter()
        .max_by_key(|c| {
            (
                c.date.is_some() as u8
                    + c.issuer.is_some() as u8
                    + c.subject.is_some() as u8
                    + c.code.is_some() as u8,
                std::cmp::Reverse(c.span.start),
            )
        })
        .copied();
    let entry = registry.get(key).cloned();
    let kind = entry
        .as_ref()
        .map(|e| e.kind.clone())
        .or_else(|| fullest.map(|c| c.kind.clone()))
        .unwrap_or_else(|| "Văn bản".into());
    let base = key.split(['#', '@']).next().unwrap_or(key);
    let (number, code) = split_code(base);
    let issuer = entry
        .as_ref()
        .and_then(|e| e.issuer.clone())
        .or_else(|| cits.iter().find_map(|c| c.issuer.clone()));
    let date = entry
        .as_ref()
        .and_then(|e| e.naive_date())
        .or_else(|| cits.iter().find_map(|c| c.date));
    let title = entry.as_ref().and_then(|e| e.title.clone()).or_else(|| {
        cits.iter()
            .filter_map(|c| c.subject.clone())
            .max_by_key(|s| s.chars().count())
    });
    let scope_slug = key
        .split('@')
        .nth(1)
        .map(|s| s.split(['#', '/']).next().unwrap_or(s));
    let scope = match scope_slug {
        Some(slug) => Gazetteer::get()
            .province_by_slug(slug)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| slug.to_string()),
        None => "Trung ương".to_string(),
    };
    let mut article_ids: Vec<usize> = citing.iter().map(|r| r.article).collect();
    article_ids.dedup();
    let name = display_name(
        &kind,
        number.as_deref(),
        code.as_deref(),
        base,
        issuer.as_deref(),
        scope_slug.is_some().then_some(scope.as_str()),
    );
    Directive {
        key: key.to_string(),
        slug: directive_slug(key),
        kind,
        number,
        code,
        issuer,
        date,
        title,
        scope,
        scope_slug: scope_slug.map(str::to_string),
        name,
        article_count: article_ids.len(),
        citing,
        registry: entry,
    }
}

/// `26-CT/TU` → (`26`, `CT/TU`); `114/2014/NĐ-CP` → (`114`, `NĐ-CP`);
/// `30a/2008/NQ-CP` → (`30a`, `NQ-CP`).
fn split_code(base: &str) -> (Option<String>, Option<String>) {
    let digits = base.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return (None, None);
    }
    let suffix = base
        .as_bytes()
        .get(digits)
        .filter(|c| c.is_ascii_alphabetic());
    let rest = &base[digits + usize::from(suffix.is_some())..];
    let code = rest.rsplit('/').next().filter(|_| rest.starts_with('/'));
    let code = if let Some(after) = rest.strip_prefix('-') {
        Some(after.to_string())
    } else {
        code.map(str::to_string)
    };
    let n: u32 = base[..digits].parse().unwrap_or(0);
    let suffix = suffix
        .map(|&c| char::from(c).to_string())
        .unwrap_or_default();
    (Some(format!("{n:02}{suffix}")), code)
}

/// `Chỉ thị số 26-CT/TU của Ban Thường vụ Tỉnh ủy Hòa Bình`.
fn display_name(
    kind: &str,
    number: Option<&str>,
    code: Option<&str>,
    base: &str,
    issuer: Option<&str>,
    province: Option<&str>,
) -> String {
    let ident = match (number, code) {
        (Some(n), Some(c)) if base.contains('-') && !base.contains('/') => format!("{n}-{c}"),
        (Some(n), Some(c)) if base.find('-') < base.find('/') => format!("{n}-{c}"),
        _ => base.to_string(),
    };
    let mut name = if base.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{kind} số {ident}")
    } else {
        format!("{kind} {ident}")
    };
    if let Some(i) = issuer {
        name.push_str(" của ");
        name.push_str(i);
        if let Some(p) = province {
            if !vi::fold(i).contains(&vi::fold(p)) {
                name.push(' ');
                name.push_str(p);
            }
        }
    } else if let Some(p) = province {
        name.push_str(&format!(" ({p})"));
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_article_gets_its_own_slug_even_when_short_hashes_meet() {
        // A hundred thousand articles of one title: their 24-bit path hashes
        // meet, and one of them is named like another's suffixed slug.
        let mut bases = vec!["bai".to_string(); 100_000];
        let rels: Vec<String> = (0..100_000).map(|i| format!("{i:06}.txt")).collect();
        let mut rels: Vec<&str> = rels.iter().map(String::as_str).collect();
        let clash = format!("bai-{}", short_hash(rels[0]));
        bases.push(clash.clone());
        rels.push("zz.txt");
        let slugs = disambiguate(&bases, &rels);
        let distinct: std::collections::HashSet<&String> = slugs.iter().collect();
        assert_eq!(distinct.len(), slugs.len());
        assert_eq!(slugs[0], clash, "the first keeps its hashed slug");
        let hashes: std::collections::HashSet<String> =
            rels[..100_000].iter().map(|r| short_hash(r)).collect();
        assert!(hashes.len() < 100_000, "the test needs hashes that meet");
    }

    #[test]
    fn directive_slugs_are_ascii() {
        assert_eq!(
            directive_slug("26-CT/TU@hoa-binh#2019"),
            "26-ct-tu-hoa-binh-2019"
        );
        assert_eq!(directive_slug("114/2014/NĐ-CP"), "114-2014-nd-cp");
        assert_eq!(directive_slug("8-QĐi/TW"), "8-qdi-tw");
    }

    #[test]
    fn names_read_naturally() {
        assert_eq!(
            display_name(
                "Chỉ thị",
                Some("26"),
                Some("CT/TU"),
                "26-CT/TU",
                Some("Ban Thường vụ Tỉnh ủy"),
                Some("Hòa Bình")
            ),
            "Chỉ thị số 26-CT/TU của Ban Thường vụ Tỉnh ủy Hòa Bình"
        );
        assert_eq!(
            split_code("5-CT/TW"),
            (Some("05".into()), Some("CT/TW".into()))
        );
        assert_eq!(
            split_code("30a/2008/NQ-CP"),
            (Some("30a".into()), Some("NQ-CP".into()))
        );
        assert_eq!(
            split_code("9a-NQ/TU"),
            (Some("09a".into()), Some("NQ/TU".into()))
        );
    }
}
