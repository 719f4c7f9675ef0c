//! Stage 2, clean: a [`Source`] → an [`Article`] as a reader sees it: where
//! the body ends, its blocks (paragraphs, subheadings, captions), and its
//! title, date, source, province and author.
//!
//! Blocks are byte ranges into the source text, never copies, so the
//! citations found in them keep offsets into the file's own text.
//!
//! A scraped page is read line by line, in this order (a `.md` one too;
//! its blocks then stay Markdown):
//! - `boilerplate`: where the portal's teasers, widgets and forms begin
//!   ([`Article::body_end`]); nothing after it becomes a block;
//! - `title` and `date`: the rubric, headline and date line at the top
//!   (metadata, not body);
//! - `structure`: the remaining lines as paragraphs, subheadings, captions
//!   and bylines;
//! - `provenance`: source, province and author.
//!
//! Overrides (front matter, site.toml's `[articles."FILE"]`) beat all of it.

mod boilerplate;
mod date;
mod lines;
mod provenance;
mod structure;
mod title;

use std::ops::Range;

use chrono::NaiveDate;

use crate::config::{ArticleOverride, SiteConfig};
use crate::gazetteer::{Gazetteer, Province};
use crate::source::{Format, Source};

/// What a block of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    Heading,
    Caption,
    Byline,
    /// The headline: shown as the page's title, but the article's own words,
    /// so the references it makes are citations too.
    Title,
    /// The rubric line above the headline (`Đưa nghị quyết ĐH Đảng bộ tỉnh vào cuộc sống`).
    Rubric,
    /// A Markdown body, rendered by pulldown-cmark.
    Markdown,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range in [`Article::text`].
    pub range: Range<usize>,
}

/// One article, cleaned. (Serialised only into the rebuild cache,
/// [`crate::cache`], which leaves `extra` out.)
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// The path as reached (for messages and `scan`).
    pub file: String,
    /// The path relative to the content folder.
    pub rel: String,
    pub format: Format,
    #[serde(with = "crate::source::encoding_name")]
    pub encoding: crate::source::EncodingName,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub province: Option<Province>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// A slug asked for by front matter; the archive makes it safe and unique.
    pub slug_hint: Option<String>,
    /// The whole decoded text; spans point into it. Not in the serde form
    /// (the article cache's): the file holds it, and a rebuild reads it
    /// from there rather than keep a second copy.
    #[serde(skip)]
    pub text: String,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
    /// Where the portal's boilerplate starts (`text.len()` if none).
    pub body_end: usize,
    /// The section line printed above the headline
    /// (`Đưa nghị quyết ĐH Đảng bộ tỉnh vào cuộc sống`), if any.
    pub rubric: Option<String>,
    /// The key of the document the article reprints, when it is one (set
    /// by the refs stage: `Số: 17/CT-UBND` heading the text).
    pub document: Option<String>,
    /// Front-matter keys vanban does not use itself, passed to templates.
    #[serde(skip)]
    pub extra: toml::Table,
}

/// Front-matter keys vanban reads itself; everything else goes to `extra`.
const KNOWN_KEYS: &[&str] = &["title", "date", "province", "source", "author", "slug"];

/// Cleans one source. `config` supplies overrides and extra markers.
pub fn clean(source: Source, config: &SiteConfig) -> Article {
    let Source {
        path,
        rel,
        format,
        encoding,
        text,
        front_matter,
        body_start,
    } = source;
    let mut article = Article {
        file: path.to_string_lossy().replace('\\', "/"),
        rel: rel.clone(),
        format,
        encoding,
        title: String::new(),
        date: None,
        province: None,
        source: None,
        author: None,
        slug_hint: None,
        blocks: Vec::new(),
        body_end: text.len(),
        rubric: None,
        document: None,
        extra: toml::Table::new(),
        text,
    };
    read_page(&mut article, body_start, config);
    if format == Format::Markdown {
        // A `# ` heading is the Markdown page's own title.
        if let Some(t) = markdown_heading(&article.text[body_start..article.body_end]) {
            article.title = t;
        }
    }
    let mut over = config.articles.get(&rel).cloned().unwrap_or_default();
    if let Some(fm) = front_matter {
        apply_front_matter(&mut over, &mut article, fm);
    }
    apply_override(&mut article, over);
    if article.title.trim().is_empty() {
        article.title = rel.clone();
    }
    article
}

/// A scraped portal page: cut the boilerplate, read the head (rubric,
/// headline, date), make blocks of the rest, then the title, source,
/// province and author. Every step is one pass over the lines.
///
/// A Markdown page is read the same way (scrapers export pages as Markdown
/// too), but its text stays Markdown: its blocks are the runs of lines
/// that are neither boilerplate nor the page's top nor the date line.
fn read_page(article: &mut Article, body_start: usize, config: &SiteConfig) {
    let text = &article.text;
    let all = lines::split(text, body_start..text.len());
    let extra = (!config.boilerplate.markers.is_empty())
        .then(|| boilerplate::Markers::new(&config.boilerplate.markers));
    let cut = boilerplate::cut(text, &all, extra.as_ref());
    article.body_end = all.get(cut.at).map_or(text.len(), |l| l.start);
    let body = &all[..cut.at];

    let mut skip = vec![false; body.len()];
    for &i in &cut.skipped {
        skip[i] = true;
    }
    let head = title::head(text, body, &skip);
    // Markdown keeps its headline and rubric in its text.
    let mut markdown_skip = skip.clone();
    for &i in &head.chrome {
        markdown_skip[i] = true;
    }
    for i in [head.rubric, head.headline, head.date.map(|d| d.0)]
        .into_iter()
        .flatten()
        .chain(head.chrome.iter().copied())
    {
        skip[i] = true;
    }
    article.blocks = structure::blocks(text, body, &skip);
    // Headline and rubric are no paragraphs, but they cite like one.
    for (line, kind) in [
        (head.rubric, BlockKind::Rubric),
        (head.headline, BlockKind::Title),
    ] {
        if let Some(i) = line {
            article.blocks.push(Block {
                kind,
                range: body[i].range.clone(),
            });
        }
    }
    article.blocks.sort_by_key(|b| b.range.start);
    article.rubric = head.rubric.map(|i| text[body[i].range.clone()].to_string());
    article.date = head.date.map(|d| d.1).or_else(|| date::signed(text, body));
    article.title = match head.headline {
        Some(i) => text[body[i].range.clone()].to_string(),
        None => article
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph)
            .map(|b| title::from_lede(&text[b.range.clone()]))
            .unwrap_or_default(),
    };
    // A reprinted document is titled as the document is, not by its
    // issuer's name in capitals over it or the portal's words.
    if let Some(t) = title::of_document(text, body) {
        article.title = t;
    }
    article.author = provenance::author(text, &article.blocks);
    if article.format == Format::Markdown {
        article.blocks = markdown_runs(body, &markdown_skip, head.date.map(|d| d.0));
    }
    // The lede's portal, under the page's top and the headline.
    let shown: Vec<lines::Line> = body
        .iter()
        .zip(&skip)
        .filter(|(_, &skipped)| !skipped)
        .map(|(l, _)| l.clone())
        .collect();
    let source = provenance::source(text, &shown, &config.portals);
    let (source, source_province) = match source {
        Some((name, province)) => (Some(name), province),
        None => (None, None),
    };
    article.source = source;
    article.province = source_province.or_else(|| {
        text.get(body_start..article.body_end)
            .and_then(provenance::province_in)
    });
}

/// Markdown blocks: the runs of `lines` that `skip` leaves, less the date
/// line.
fn markdown_runs(lines: &[lines::Line], skip: &[bool], date_line: Option<usize>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        if skip[i] || Some(i) == date_line {
            open = false;
            continue;
        }
        match blocks.last_mut() {
            Some(last) if open => last.range.end = line.range.end,
            _ => blocks.push(Block {
                kind: BlockKind::Markdown,
                range: line.range.clone(),
            }),
        }
        open = true;
    }
    blocks
}

/// Cuts `text` at a word boundary near `max` characters, adding `…`.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let head = head.rfind(' ').map_or(head, |i| &head[..i]);
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
}

fn markdown_heading(body: &str) -> Option<String> {
    body.lines()
        .find_map(|l| l.trim().strip_prefix("# ").map(|t| t.trim().to_string()))
}

fn apply_front_matter(over: &mut ArticleOverride, article: &mut Article, fm: toml::Table) {
    for (k, v) in fm {
        let s = v.as_str().map(str::to_string);
        match k.as_str() {
            "title" => over.title = over.title.take().or(s),
            "province" => over.province = over.province.take().or(s),
            "source" => over.source = over.source.take().or(s),
            "author" => over.author = over.author.take().or(s),
            "slug" => article.slug_hint = s,
            "date" => {
                over.date = over.date.take().or(match &v {
                    toml::Value::Datetime(d) => Some(*d),
                    toml::Value::String(s) => s.parse().ok(),
                    _ => None,
                })
            }
            _ => {}
        }
        if !KNOWN_KEYS.contains(&k.as_str()) {
            article.extra.insert(k, v);
        }
    }
}

fn apply_override(article: &mut Article, over: ArticleOverride) {
    if let Some(t) = over.title {
        article.title = t;
    }
    if let Some(d) = over.date.and_then(|d| d.date) {
        article.date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
    }
    if let Some(p) = over.province {
        article.province = Gazetteer::get().province(&p).cloned();
    }
    if over.source.is_some() {
        article.source = over.source;
    }
    if over.author.is_some() {
        article.author = over.author;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_beats_extraction() {
        let text = "(HBĐT) - Ngày 8/8, BTV Tỉnh ủy ban hành Chỉ thị.\n\nMột đoạn.\n\nP.V\n";
        let source = Source {
            path: "x/a.txt".into(),
            rel: "a.txt".into(),
            format: Format::Txt,
            encoding: "UTF-8",
            text: text.into(),
            front_matter: None,
            body_start: 0,
        };
        let plain = clean(source.clone(), &SiteConfig::default());
        assert_eq!(
            plain.province.as_ref().map(|p| p.slug.as_str()),
            Some("hoa-binh")
        );
        assert_eq!(plain.author.as_deref(), Some("P.V"));
        let config = SiteConfig::parse(
            "[articles.\"a.txt\"]\nprovince = \"Lai Châu\"\nauthor = \"Hải Yến\"\ntitle = \"T\"\ndate = 2020-01-02\n",
            std::path::Path::new("site.toml"),
        )
        .unwrap();
        let a = clean(source, &config);
        assert_eq!(a.province.map(|p| p.slug).as_deref(), Some("lai-chau"));
        assert_eq!(a.author.as_deref(), Some("Hải Yến"));
        assert_eq!(a.title, "T");
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2020, 1, 2));
    }

    #[test]
    fn shorten_at_word() {
        let s = shorten("một hai ba bốn năm", 9);
        assert_eq!(s, "một hai…");
    }
}
