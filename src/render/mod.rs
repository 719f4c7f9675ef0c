//! Stage 6, render: the archive → pages (path + bytes), through Tera.
//!
//! Templates hold presentation; this module prepares plain contexts. No
//! page's context holds the whole archive: each gets what it shows.

pub mod body;
pub mod feeds;

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::archive::{Archive, Directive, Entry};
use crate::config::SiteConfig;
use crate::refs::Citation;

/// One file of the site, relative to the output folder.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template {template}: {message}")]
    Template { template: String, message: String },
    #[error("rendering {page} with template {template}: {message}")]
    Page {
        page: String,
        template: String,
        message: String,
    },
}

/// Built-in templates: used for any file the site's `templates/` lacks.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    (
        "directive.html",
        include_str!("../../templates/directive.html"),
    ),
    (
        "directives.html",
        include_str!("../../templates/directives.html"),
    ),
    (
        "articles.html",
        include_str!("../../templates/articles.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "search_box.html",
        include_str!("../../templates/search_box.html"),
    ),
];
/// Every word of the interface, in one place.
const STRINGS: &str = include_str!("../../templates/strings.toml");
const STYLE: &str = include_str!("../../static/style.css");

/// Loads the templates: the site's own where present, else the built-in.
pub fn load_templates(dir: &Path) -> Result<(Tera, toml::Table), RenderError> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    let mut sources = Vec::new();
    for (name, built_in) in TEMPLATES {
        let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|_| built_in.to_string());
        sources.push((name.to_string(), text));
    }
    tera.add_raw_templates(sources)
        .map_err(|e| RenderError::Template {
            template: dir.display().to_string(),
            message: error_chain(&e),
        })?;
    let strings_text =
        std::fs::read_to_string(dir.join("strings.toml")).unwrap_or_else(|_| STRINGS.to_string());
    let strings: toml::Table =
        toml::from_str(&strings_text).map_err(|e| RenderError::Template {
            template: dir.join("strings.toml").display().to_string(),
            message: e.to_string(),
        })?;
    Ok((tera, strings))
}

/// Tera's message with its causes (the line of a template error is in them).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        cur = s.source();
    }
    msg
}

/// What every page's context holds.
#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    description: &'a str,
    article_count: usize,
    directive_count: usize,
    citation_count: usize,
}

/// An article as lists show it.
#[derive(Serialize)]
struct ArticleCard<'a> {
    slug: &'a str,
    title: &'a str,
    date: Option<String>,
    province: Option<&'a str>,
    source: Option<&'a str>,
    citations: usize,
}

/// A directive as lists show it.
#[derive(Serialize)]
struct DirectiveCard<'a> {
    slug: &'a str,
    key: &'a str,
    name: &'a str,
    kind: &'a str,
    title: Option<&'a str>,
    scope: &'a str,
    articles: usize,
}

/// One place a directive is cited, for its page.
#[derive(Serialize)]
struct CitedIn<'a> {
    article: ArticleCard<'a>,
    /// The sentence around the mention, split so the mention can be marked.
    before: &'a str,
    mention: &'a str,
    after: &'a str,
    anchor: String,
}

/// dd/mm/yyyy, as Vietnamese readers write dates.
pub fn vi_date(d: &chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn card(e: &Entry) -> ArticleCard<'_> {
    ArticleCard {
        slug: &e.slug,
        title: &e.article.title,
        date: e.article.date.as_ref().map(vi_date),
        province: e.article.province.as_ref().map(|p| p.name.as_str()),
        source: e.article.source.as_deref(),
        citations: e.citations.len(),
    }
}

fn directive_card(d: &Directive) -> DirectiveCard<'_> {
    DirectiveCard {
        slug: &d.slug,
        key: &d.key,
        name: &d.name,
        kind: &d.kind,
        title: d.title.as_deref(),
        scope: &d.scope,
        articles: d.article_count,
    }
}

/// The sentence of `text` around `c`'s span, as (before, mention, after).
pub fn sentence<'a>(text: &'a str, c: &Citation) -> (&'a str, &'a str, &'a str) {
    let (s, e) = (c.span.start.min(text.len()), c.span.end.min(text.len()));
    let start = text[..s]
        .char_indices()
        .rev()
        .find(|&(i, ch)| {
            ch == '\n'
                || ((ch == '.' || ch == '?' || ch == '!' || ch == ';')
                    && text[i + 1..].starts_with(' '))
        })
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    let end = text[e..]
        .char_indices()
        .find(|&(i, ch)| {
            ch == '\n'
                || ((ch == '.' || ch == '?' || ch == '!' || ch == ';')
                    && text[e + i + 1..].starts_with([' ', '\n', '\r']))
        })
        .map_or(text.len(), |(i, ch)| e + i + ch.len_utf8());
    match (text.get(start..s), text.get(s..e), text.get(e..end)) {
        (Some(b), Some(m), Some(a)) => (b.trim_start(), m, a.trim_end()),
        _ => ("", "", ""),
    }
}

/// Renders every page of the site.
pub fn render_site(
    archive: &Archive,
    config: &SiteConfig,
    tera: &Tera,
    strings: &toml::Table,
) -> Result<Vec<Page>, RenderError> {
    let site = SiteInfo {
        title: &config.title,
        description: &config.description,
        article_count: archive.entries.len(),
        directive_count: archive.directives.len(),
        citation_count: archive.citation_count(),
    };
    let base = |root: &str| {
        let mut ctx = Context::new();
        ctx.insert("site", &site);
        ctx.insert("t", strings);
        ctx.insert("root", root);
        ctx
    };
    let render = |template: &str, path: String, ctx: &Context| -> Result<Page, RenderError> {
        // With base_url, each page names its published address (feeds.rs).
        let canonical = feeds::canonical(config, &path);
        let with_canonical;
        let ctx = match canonical {
            Some(url) => {
                let mut c = ctx.clone();
                c.insert("canonical", &url);
                with_canonical = c;
                &with_canonical
            }
            None => ctx,
        };
        tera.render(template, ctx)
            .map(|html| Page {
                path: path.clone(),
                bytes: html.into_bytes(),
            })
            .map_err(|e| RenderError::Page {
                page: path,
                template: template.to_string(),
                message: error_chain(&e),
            })
    };

    let mut pages = Vec::new();

    // Home.
    let mut by_date: Vec<&Entry> = archive.entries.iter().collect();
    by_date.sort_by(|a, b| {
        b.article
            .date
            .cmp(&a.article.date)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let mut most_cited: Vec<&Directive> = archive.directives.iter().collect();
    most_cited.sort_by(|a, b| {
        b.article_count
            .cmp(&a.article_count)
            .then_with(|| a.key.cmp(&b.key))
    });
    let mut ctx = base("");
    ctx.insert(
        "latest",
        &by_date.iter().take(10).map(|e| card(e)).collect::<Vec<_>>(),
    );
    ctx.insert(
        "most_cited",
        &most_cited
            .iter()
            .take(10)
            .map(|d| directive_card(d))
            .collect::<Vec<_>>(),
    );
    pages.push(render("index.html", "index.html".into(), &ctx)?);

    // Index of articles.
    let mut ctx = base("");
    ctx.insert(
        "articles",
        &by_date.iter().map(|e| card(e)).collect::<Vec<_>>(),
    );
    pages.push(render("articles.html", "articles.html".into(), &ctx)?);

    // Index of directives, grouped by kind (the archive keeps them sorted by kind).
    #[derive(Serialize)]
    struct Group<'a> {
        kind: &'a str,
        directives: Vec<DirectiveCard<'a>>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for d in &archive.directives {
        match groups.last_mut() {
            Some(g) if g.kind == d.kind => g.directives.push(directive_card(d)),
            _ => groups.push(Group {
                kind: &d.kind,
                directives: vec![directive_card(d)],
            }),
        }
    }
    let mut ctx = base("");
    ctx.insert("groups", &groups);
    pages.push(render("directives.html", "directives.html".into(), &ctx)?);

    // 404: GitHub Pages serves it at any depth, so links use base_url when set.
    let mut ctx = base(
        &config
            .base_url()
            .map(|u| format!("{u}/"))
            .unwrap_or_default(),
    );
    ctx.insert("is_404", &true);
    pages.push(render("404.html", "404.html".into(), &ctx)?);

    // Articles.
    let article_pages: Result<Vec<Page>, RenderError> = archive
        .entries
        .par_iter()
        .map(|e| {
            #[derive(Serialize)]
            struct Cited<'a> {
                directive: DirectiveCard<'a>,
                anchor: String,
            }
            let mut cited: Vec<Cited> = Vec::new();
            for (i, c) in e.citations.iter().enumerate() {
                if cited.iter().any(|x| x.directive.key == c.key) {
                    continue;
                }
                if let Some(d) = archive.directive(&c.key) {
                    cited.push(Cited {
                        directive: directive_card(d),
                        anchor: format!("c{i}"),
                    });
                }
            }
            let mut ctx = base("../");
            ctx.insert("article", &card(e));
            ctx.insert("author", &e.article.author);
            ctx.insert("extra", &e.article.extra);
            ctx.insert(
                "body",
                &body::render(archive, e, "../", config.allow_raw_html),
            );
            ctx.insert("cited", &cited);
            render("article.html", format!("articles/{}.html", e.slug), &ctx)
        })
        .collect();
    pages.extend(article_pages?);

    // Directives.
    let directive_pages: Result<Vec<Page>, RenderError> = archive
        .directives
        .par_iter()
        .map(|d| {
            let mut cited_in: Vec<CitedIn> = d
                .citing
                .iter()
                .map(|r| {
                    let e = &archive.entries[r.article];
                    let c = &e.citations[r.citation];
                    let (before, mention, after) = sentence(&e.article.text, c);
                    CitedIn {
                        article: card(e),
                        before,
                        mention,
                        after,
                        anchor: format!("c{}", r.citation),
                    }
                })
                .collect();
            // Newest first, undated last; ties in reading order.
            cited_in.sort_by(|a, b| {
                let da = archive
                    .entries
                    .iter()
                    .find(|e| e.slug == a.article.slug)
                    .and_then(|e| e.article.date);
                let db = archive
                    .entries
                    .iter()
                    .find(|e| e.slug == b.article.slug)
                    .and_then(|e| e.article.date);
                db.cmp(&da)
            });
            let mut ctx = base("../");
            ctx.insert("directive", d);
            ctx.insert("date", &d.date.as_ref().map(vi_date));
            ctx.insert("cited_in", &cited_in);
            render(
                "directive.html",
                format!("directives/{}.html", d.slug),
                &ctx,
            )
        })
        .collect();
    pages.extend(directive_pages?);

    pages.push(Page {
        path: "static/style.css".into(),
        bytes: STYLE.as_bytes().to_vec(),
    });
    pages.push(Page {
        path: ".nojekyll".into(),
        bytes: Vec::new(),
    });

    // Search: the page, its script and the index (src/search.rs).
    pages.push(render("search.html", "search.html".into(), &base(""))?);
    pages.extend(crate::search::pages(
        archive,
        &crate::search::Options::default(),
    ));
    // Sitemap, robots.txt, Atom feeds: only with base_url (feeds.rs).
    let published = feeds::pages(archive, config, &pages);
    pages.extend(published);
    Ok(pages)
}
