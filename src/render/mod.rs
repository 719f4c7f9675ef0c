//! Stage 6, render: the archive → pages (path + bytes), through Tera.
//!
//! Templates hold presentation; this module prepares plain contexts. No
//! page's context holds the whole archive: each gets what it shows.

pub mod body;
pub mod charts;
pub mod data;
pub mod feeds;
pub mod pages;
pub mod paging;

use std::path::Path;

use tera::Tera;

use crate::archive::Archive;
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
    #[error("writing the data file {file}: {message}")]
    Data { file: String, message: String },
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
    ("list.html", include_str!("../../templates/list.html")),
    (
        "province.html",
        include_str!("../../templates/province.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    ("data.html", include_str!("../../templates/data.html")),
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

/// dd/mm/yyyy, as Vietnamese readers write dates.
pub fn vi_date(d: &chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The sentence of `text` around `c`'s span, as (before, mention, after).
pub fn sentence<'a>(text: &'a str, c: &Citation) -> (&'a str, &'a str, &'a str) {
    let (s, e) = (c.span.start.min(text.len()), c.span.end.min(text.len()));
    let start = text.get(..s).map_or(0, |head| {
        head.char_indices()
            .rev()
            .find(|&(i, ch)| {
                ch == '\n'
                    || ((ch == '.' || ch == '?' || ch == '!' || ch == ';')
                        && text[i + 1..].starts_with(' '))
            })
            .map_or(0, |(i, ch)| i + ch.len_utf8())
    });
    let end = text.get(e..).map_or(text.len(), |tail| {
        tail.char_indices()
            .find(|&(i, ch)| {
                ch == '\n'
                    || ((ch == '.' || ch == '?' || ch == '!' || ch == ';')
                        && text[e + i + 1..].starts_with([' ', '\n', '\r']))
            })
            .map_or(text.len(), |(i, ch)| e + i + ch.len_utf8())
    });
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
    let mut pages = pages::Renderer::new(archive, config, tera, strings).all()?;
    pages.push(Page {
        path: "static/style.css".into(),
        bytes: STYLE.as_bytes().to_vec(),
    });
    pages.push(Page {
        path: ".nojekyll".into(),
        bytes: Vec::new(),
    });
    // The search index (src/search.rs), loaded by search.html's script tags.
    pages.extend(crate::search::pages(
        archive,
        &crate::search::Options::default(),
    ));
    // Sitemap, robots.txt, Atom feeds: only with base_url (feeds.rs).
    let published = feeds::pages(archive, config, &pages);
    pages.extend(published);

    Ok(pages)
}
