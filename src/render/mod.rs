//! Stage 6, render: the archive → pages (path + bytes), through Tera.
//!
//! Templates hold presentation; this module prepares plain contexts. No
//! page's context holds the whole archive: each gets what it shows. Pages
//! go to a [`Sink`] as they are made (the writer of stage 7, or a
//! [`Collect`] in memory), so a build never holds the whole site at once.

pub mod body;
pub mod charts;
pub mod data;
pub mod feeds;
pub mod pages;
pub mod paging;
pub mod reuse;

use std::io;
use std::path::Path;
use std::sync::Mutex;

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
    #[error("{page}: {source}")]
    Sink { page: String, source: SinkError },
}

/// Why a sink could not take a page (an I/O error, a refused path).
pub type SinkError = Box<dyn std::error::Error + Send + Sync>;

/// Where rendered pages go. Called from several threads at once; the order
/// of calls varies from run to run, so a sink must not depend on it.
pub trait Sink: Sync {
    /// Takes one page.
    fn put(&self, page: Page) -> Result<(), SinkError>;

    /// Whether the sink may keep pages of an earlier build; only then are
    /// pages' inputs hashed (see [`reuse`]).
    fn reuses(&self) -> bool {
        false
    }

    /// Keeps the earlier build's file at `path` if it was made from
    /// `inputs`, and if it did gives the file's size (then the file is not
    /// made again).
    fn reuse(&self, _path: &str, _inputs: reuse::Inputs) -> Option<u64> {
        None
    }

    /// Takes one page made from `inputs`.
    fn put_made(&self, page: Page, _inputs: reuse::Inputs) -> Result<(), SinkError> {
        self.put(page)
    }

    /// What an earlier build kept with [`Sink::keep`] under `key`, if the
    /// sink keeps anything (see [`crate::cache::Kept`]).
    fn kept(&self, _key: reuse::Inputs) -> Option<Vec<u8>> {
        None
    }

    /// Keeps `bytes`, something costly to make that is not a page, under
    /// `key` (the hash of what they are made from) for the next build.
    fn keep(&self, _key: reuse::Inputs, _bytes: &[u8]) {}

    /// Takes one file that `write` produces piece by piece (the large data
    /// files), made from `inputs` if given, and returns its size. The
    /// default collects it first.
    fn put_stream(
        &self,
        path: &str,
        inputs: Option<reuse::Inputs>,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<u64, SinkError> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        let size = bytes.len() as u64;
        let page = Page {
            path: path.to_string(),
            bytes,
        };
        match inputs {
            Some(inputs) => self.put_made(page, inputs)?,
            None => self.put(page)?,
        }
        Ok(size)
    }
}

/// Hands the file at `path` that `write` writes piece by piece to `sink`,
/// or, with `inputs`, has the sink keep the one made from the same inputs
/// (as [`put_or_keep`]); gives the file's size.
pub fn stream_or_keep(
    sink: &dyn Sink,
    path: &str,
    inputs: Option<reuse::Inputs>,
    write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
) -> Result<u64, RenderError> {
    if let Some(size) = inputs.and_then(|inputs| sink.reuse(path, inputs)) {
        return Ok(size);
    }
    sink.put_stream(path, inputs, write)
        .map_err(|source| RenderError::Sink {
            page: path.to_string(),
            source,
        })
}

/// Hands `page`, made from `inputs`, to `sink`, naming the page if the
/// sink fails.
pub fn put_made(sink: &dyn Sink, page: Page, inputs: reuse::Inputs) -> Result<(), RenderError> {
    let path = page.path.clone();
    sink.put_made(page, inputs)
        .map_err(|source| RenderError::Sink { page: path, source })
}

/// Hands the file at `path` to `sink`. With `inputs` (the sink reuses
/// files, see [`reuse`]), a sink that still has the file made from the same
/// inputs keeps it and `make` is not called; otherwise `make` makes it.
pub fn put_or_keep(
    sink: &dyn Sink,
    path: String,
    inputs: Option<reuse::Inputs>,
    make: impl FnOnce(String) -> Result<Page, RenderError>,
) -> Result<(), RenderError> {
    match inputs {
        Some(inputs) if sink.reuse(&path, inputs).is_some() => Ok(()),
        Some(inputs) => put_made(sink, make(path)?, inputs),
        None => put(sink, make(path)?),
    }
}

/// Hands `page` to `sink`, naming the page if the sink fails.
pub fn put(sink: &dyn Sink, page: Page) -> Result<(), RenderError> {
    let path = page.path.clone();
    sink.put(page)
        .map_err(|source| RenderError::Sink { page: path, source })
}

/// A sink that keeps every page in memory (tests, `serve`).
#[derive(Default)]
pub struct Collect(Mutex<Vec<Page>>);

impl Collect {
    /// The pages, sorted by path.
    pub fn into_pages(self) -> Vec<Page> {
        let mut pages = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        pages
    }
}

impl Sink for Collect {
    fn put(&self, page: Page) -> Result<(), SinkError> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(page);
        Ok(())
    }
}

/// A sink that hands each page to two others (`serve` writes the site and
/// keeps it in memory).
pub struct Tee<'a>(pub &'a dyn Sink, pub &'a dyn Sink);

impl Sink for Tee<'_> {
    fn put(&self, page: Page) -> Result<(), SinkError> {
        self.0.put(page.clone())?;
        self.1.put(page)
    }
}

/// Records the path of every page on its way to another sink (the sitemap
/// lists them all).
struct Paths<'s> {
    inner: &'s dyn Sink,
    paths: Mutex<Vec<String>>,
}

impl Sink for Paths<'_> {
    fn put(&self, page: Page) -> Result<(), SinkError> {
        self.record(&page.path);
        self.inner.put(page)
    }

    fn reuses(&self) -> bool {
        self.inner.reuses()
    }

    fn reuse(&self, path: &str, inputs: reuse::Inputs) -> Option<u64> {
        let kept = self.inner.reuse(path, inputs);
        if kept.is_some() {
            self.record(path);
        }
        kept
    }

    fn put_made(&self, page: Page, inputs: reuse::Inputs) -> Result<(), SinkError> {
        self.record(&page.path);
        self.inner.put_made(page, inputs)
    }

    fn kept(&self, key: reuse::Inputs) -> Option<Vec<u8>> {
        self.inner.kept(key)
    }

    fn keep(&self, key: reuse::Inputs, bytes: &[u8]) {
        self.inner.keep(key, bytes)
    }

    fn put_stream(
        &self,
        path: &str,
        inputs: Option<reuse::Inputs>,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<u64, SinkError> {
        self.record(path);
        self.inner.put_stream(path, inputs, write)
    }
}

impl Paths<'_> {
    fn record(&self, path: &str) {
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
    }
}

/// Built-in templates: used for any file the site's `templates/` lacks.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "components.html",
        include_str!("../../templates/components.html"),
    ),
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

/// The site's templates, loaded: what renders pages, the interface words,
/// and a hash of every source they came from (pages made from other
/// sources are not reused, see [`reuse`]).
pub struct Templates {
    pub tera: Tera,
    /// Every word of the interface (strings.toml).
    pub strings: toml::Table,
    pub inputs: reuse::Inputs,
}

/// Loads the templates: the site's own where present, else the built-in.
pub fn load_templates(dir: &Path) -> Result<Templates, RenderError> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    let sources: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(name, built_in)| {
            let text =
                std::fs::read_to_string(dir.join(name)).unwrap_or_else(|_| built_in.to_string());
            (name.to_string(), text)
        })
        .collect();
    let strings_text =
        std::fs::read_to_string(dir.join("strings.toml")).unwrap_or_else(|_| STRINGS.to_string());
    let mut parts: Vec<&str> = Vec::new();
    for (name, text) in &sources {
        parts.extend([name.as_str(), text.as_str()]);
    }
    parts.push(&strings_text);
    let inputs = reuse::hash_parts(&parts);
    tera.add_raw_templates(sources)
        .map_err(|e| RenderError::Template {
            template: dir.display().to_string(),
            message: error_chain(&e),
        })?;
    let strings: toml::Table =
        toml::from_str(&strings_text).map_err(|e| RenderError::Template {
            template: dir.join("strings.toml").display().to_string(),
            message: e.to_string(),
        })?;
    Ok(Templates {
        tera,
        strings,
        inputs,
    })
}

/// Tera's message with its causes (the line of a template error is in them).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    // Tera's reports open with their own `error: `; ours already says it.
    let text = e.to_string();
    let mut msg = text.strip_prefix("error: ").unwrap_or(&text).to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        cur = s.source();
    }
    msg
}

/// dd/mm/yyyy, as Vietnamese readers write dates. Made digit by digit:
/// pages show a million dates at 10,000 articles, and chrono's `format`
/// (which reads its pattern anew each time) was 2% of a cold build. Years
/// that need a sign or a fifth digit go through chrono.
pub fn vi_date(d: &chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let Ok(year @ 0..=9999) = u32::try_from(d.year()) else {
        return d.format("%d/%m/%Y").to_string();
    };
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let (day, month) = (d.day(), d.month());
    [
        digit(day / 10),
        digit(day),
        '/',
        digit(month / 10),
        digit(month),
        '/',
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
    ]
    .into_iter()
    .collect()
}

/// The sentence of `text` around `c`'s span, as (before, mention, after).
pub fn sentence<'a>(text: &'a str, c: &Citation) -> (&'a str, &'a str, &'a str) {
    let bounds = crate::refs::sentence_bounds(text, &c.span);
    match (
        text.get(bounds.start..c.span.start),
        text.get(c.span.clone()),
        text.get(c.span.end..bounds.end),
    ) {
        (Some(b), Some(m), Some(a)) => (b.trim_start(), m, a.trim_end()),
        _ => ("", "", ""),
    }
}

/// The sentence of `text` around `c`'s span, whole: what [`sentence`]'s
/// three parts make together.
pub fn sentence_text<'a>(text: &'a str, c: &Citation) -> &'a str {
    let (before, mention, after) = sentence(text, c);
    if mention.is_empty() {
        return "";
    }
    // The three parts are consecutive slices of `text`.
    let start = c.span.start - before.len();
    let end = c.span.end + after.len();
    text.get(start..end).unwrap_or("")
}

/// Renders every page of the site into memory, sorted by path.
pub fn render_site(
    archive: &Archive,
    config: &SiteConfig,
    templates: &Templates,
) -> Result<Vec<Page>, RenderError> {
    let pages = Collect::default();
    emit_site(archive, config, templates, &pages)?;
    Ok(pages.into_pages())
}

/// Renders every page of the site into `sink`.
pub fn emit_site(
    archive: &Archive,
    config: &SiteConfig,
    templates: &Templates,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let sink = Paths {
        inner: sink,
        paths: Mutex::new(Vec::new()),
    };
    let renderer = pages::Renderer::new(archive, config, templates, &sink);
    // The data files are a few large files, each written by one thread:
    // beside the pages, which keep every thread busy, they cost no wall
    // time of their own. (Beside the search index they would add their rows
    // to the build's largest memory.)
    let (pages, data) = rayon::join(|| renderer.emit(), || renderer.emit_data());
    pages?;
    data?;
    // Its cards go before the search index grows (the build's peak).
    drop(renderer);
    crate::release_freed_memory();
    put(
        &sink,
        Page {
            path: "static/style.css".into(),
            bytes: STYLE.as_bytes().to_vec(),
        },
    )?;
    put(
        &sink,
        Page {
            path: ".nojekyll".into(),
            bytes: Vec::new(),
        },
    )?;
    // The search index (src/search.rs), loaded by search.html's script tags.
    crate::search::emit(archive, &crate::search::Options::default(), &sink)?;
    crate::release_freed_memory();
    // Sitemap, robots.txt, Atom feeds: only with base_url (feeds.rs).
    let mut paths = sink.paths.into_inner().unwrap_or_else(|e| e.into_inner());
    paths.sort();
    feeds::emit(archive, config, &paths, sink.inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn vi_date_is_chronos_dd_mm_yyyy(days in -800_000i32..4_000_000) {
            // From year -219 to 10,951: signs, leading zeros, five digits.
            let date = chrono::NaiveDate::from_num_days_from_ce_opt(days);
            if let Some(d) = date {
                proptest::prop_assert_eq!(vi_date(&d), d.format("%d/%m/%Y").to_string());
            }
        }
    }
}
