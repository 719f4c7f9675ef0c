//! Stage 2, clean: a [`Source`] → an [`Article`] as a reader sees it: where
//! the body ends, its blocks (paragraphs, subheadings, captions), and its
//! title, date, source, province and author.
//!
//! Blocks are byte ranges into the source text, never copies, so the
//! citations found in them keep offsets into the file's own text.

use std::ops::Range;

use chrono::NaiveDate;

use crate::config::{ArticleOverride, SiteConfig};
use crate::gazetteer::{Gazetteer, Province};
use crate::source::{Format, Source};

/// What a block of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    Heading,
    Caption,
    Byline,
    /// A Markdown body, rendered by pulldown-cmark.
    Markdown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range in [`Article::text`].
    pub range: Range<usize>,
}

/// One article, cleaned.
#[derive(Debug, Clone)]
pub struct Article {
    /// The path as reached (for messages and `scan`).
    pub file: String,
    /// The path relative to the content folder.
    pub rel: String,
    pub format: Format,
    pub encoding: &'static str,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub province: Option<Province>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// A slug asked for by front matter; the archive makes it safe and unique.
    pub slug_hint: Option<String>,
    /// The whole decoded text; spans point into it.
    pub text: String,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
    /// Where the portal's boilerplate starts (`text.len()` if none).
    pub body_end: usize,
    /// Front-matter keys vanban does not use itself, passed to templates.
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
        extra: toml::Table::new(),
        text,
    };
    match format {
        Format::Txt => {
            article.blocks = paragraphs(&article.text, body_start..article.text.len());
            article.title = title_from_blocks(&article.text, &article.blocks);
        }
        Format::Markdown => {
            article.blocks = vec![Block {
                kind: BlockKind::Markdown,
                range: body_start..article.text.len(),
            }];
            article.title = markdown_title(&article.text[body_start..]);
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

/// One block per non-empty line of `range`, trimmed.
fn paragraphs(text: &str, range: Range<usize>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pos = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let start = pos + (line.len() - line.trim_start().len());
        let end = pos + line.trim_end().len();
        if end > start {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                range: start..end,
            });
        }
        pos += line.len();
    }
    blocks
}

/// The first line, cut near 120 characters at a word boundary.
fn title_from_blocks(text: &str, blocks: &[Block]) -> String {
    blocks
        .first()
        .map(|b| shorten(&text[b.range.clone()], 120))
        .unwrap_or_default()
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

fn markdown_title(body: &str) -> String {
    body.lines()
        .find_map(|l| l.trim().strip_prefix("# ").map(|t| t.trim().to_string()))
        .or_else(|| {
            body.lines()
                .find(|l| !l.trim().is_empty())
                .map(|l| shorten(l, 120))
        })
        .unwrap_or_default()
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
    fn shorten_at_word() {
        let s = shorten("một hai ba bốn năm", 9);
        assert_eq!(s, "một hai…");
    }
}
