//! Stages 3 and 4, detect and resolve: article text → [`Citation`]s.
//!
//! [`grammar`] finds mentions of directives in text, with their spans and
//! what each says (type, number, code, date, issuer, subject). [`resolve`]
//! turns mentions into keys: it adds scope and year, ties short forms to the
//! full mention they abbreviate, and maps plenums to documents through the
//! [`registry`]. REFERENCES.md is the spec of both.

pub mod grammar;
pub mod registry;
pub mod resolve;
pub mod vocab;

use std::ops::Range;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a citation's key was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// The mention carries the document's code (`26-CT/TU`, `17/CT-UBND`).
    Code,
    /// A number without a code, keyed by the issuer named with it.
    Issuer,
    /// A short form (`Chỉ thị 05`) tied to an earlier full mention.
    ShortForm,
    /// A Central Committee plenum or a Congress.
    Plenum,
    /// A plenum or alias the registry maps to a document.
    Registry,
    /// A local document whose issuer (and so its scope) is unknown.
    Unscoped,
}

/// One directive cited by one mention. A mention that names two documents
/// (`Nghị quyết T.Ư 4 (khóa XI, XII)`) gives two citations with one span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// The directive's identity (REFERENCES.md §3): `26-CT/TU@hoa-binh#2019`.
    pub key: String,
    /// Byte range of the mention in the article's NFC text.
    #[serde(skip)]
    pub span: Range<usize>,
    /// 1-based line of the span's start.
    pub line: usize,
    /// `Nghị quyết`, `Chỉ thị`, ...
    pub kind: String,
    /// The number as written (`05`), if the mention has one.
    pub number: Option<String>,
    /// The canonical code (`NQ/TW`, `CT-UBND`), if the mention has one.
    pub code: Option<String>,
    /// The issuer as named in the text.
    pub issuer: Option<String>,
    /// The document's date, when the mention gives it whole.
    pub date: Option<NaiveDate>,
    /// The `về ...` clause.
    pub subject: Option<String>,
    pub resolved: Resolution,
}

impl Citation {
    /// The key without `#year`: what seeds-gold.tsv compares.
    pub fn key_without_year(&self) -> &str {
        self.key.split('#').next().unwrap_or(&self.key)
    }
}

/// What the resolver knows of the article around the mentions.
#[derive(Debug, Clone, Default)]
pub struct ArticleContext {
    /// Slug of the article's province (`hoa-binh`), if known.
    pub province: Option<String>,
    /// The article's publication date, if known.
    pub date: Option<NaiveDate>,
    /// Slug of the one district of its province the article's text names
    /// (`huyện Kim Bôi`, `Huyện ủy Kim Bôi`), if it names one and only one:
    /// the district of a `Huyện ủy` or `UBND huyện` it leaves unnamed.
    /// [`cite`] finds it when it is not given.
    pub district: Option<String>,
    /// Slug of the one city (`thành phố Lào Cai`, `Thành ủy Bảo Lộc`) of its
    /// province the article names: the city of an unnamed `Đảng bộ thành
    /// phố`. [`cite`] finds it when it is not given.
    pub city: Option<String>,
}

impl ArticleContext {
    /// The context with its [`ArticleContext::district`] and
    /// [`ArticleContext::city`] read from the article's own text (`ranges`
    /// of `text`: not the boilerplate's).
    fn with_district_of(&self, text: &str, ranges: &[Range<usize>]) -> ArticleContext {
        let mut context = self.clone();
        let Some(province) = &self.province else {
            return context;
        };
        let the_one = |named: fn(&str, &str) -> Vec<String>| {
            let mut found: Vec<String> = ranges
                .iter()
                .flat_map(|r| named(&text[r.clone()], province))
                .collect();
            found.sort();
            found.dedup();
            (found.len() == 1).then(|| found.swap_remove(0))
        };
        if self.district.is_none() {
            context.district = the_one(grammar::districts_named);
        }
        if self.city.is_none() {
            context.city = the_one(grammar::cities_named);
        }
        context
    }
}

/// What the references of one article come to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cited {
    /// The citations, in reading order.
    pub citations: Vec<Citation>,
    /// The key of the document the article reprints (`Số: 17/CT-UBND` above
    /// a place-and-date line), when it is one.
    pub document: Option<String>,
}

/// Finds and resolves every citation in `ranges` of `text` (the article's
/// body, without boilerplate), in reading order. Ranges separated only by
/// white space are read as one, so a reference may wrap across lines; a
/// line left out between two ranges (a repeated caption, junk) is never read.
pub fn cite(
    text: &str,
    ranges: &[Range<usize>],
    context: &ArticleContext,
    registry: &registry::Registry,
) -> Cited {
    let mut sorted: Vec<Range<usize>> = ranges
        .iter()
        .filter(|r| text.get((*r).clone()).is_some())
        .cloned()
        .collect();
    sorted.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in sorted {
        match merged.last_mut() {
            Some(last) if r.start >= last.end && text[last.end..r.start].trim().is_empty() => {
                last.end = last.end.max(r.end);
            }
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut mentions = Vec::new();
    let mut coded = grammar::Coded::new();
    for range in &merged {
        for mut m in grammar::detect_after(&text[range.clone()], &mut coded) {
            m.shift(range.start);
            mentions.push(m);
        }
    }
    // The article's district is looked for only when a mention needs it.
    let context = &if mentions.iter().any(grammar::Mention::needs_district) {
        context.with_district_of(text, &merged)
    } else {
        context.clone()
    };
    let document = mentions.iter().find(|m| m.heading).and_then(|m| {
        let as_citation = grammar::Mention {
            heading: false,
            ..m.clone()
        };
        resolve::resolve(text, &[as_citation], context, registry)
            .into_iter()
            .next()
            .map(|c| c.key)
    });
    let mut citations = resolve::resolve(text, &mentions, context, registry);
    // The reprinted document's own code, cited again in its text, is dated
    // by its heading as by any dated mention of it in the article.
    if let Some((base, year)) = document.as_deref().and_then(|d| d.split_once('#')) {
        for c in citations.iter_mut().filter(|c| c.key == base) {
            c.key = format!("{base}#{year}");
        }
    }
    Cited {
        citations,
        document,
    }
}

/// 1-based line numbers of byte offsets, counted forward from the last
/// offset asked for, so that numbering a text's citations in reading order
/// reads the text once (a 50 MB line with many citations stays linear).
#[derive(Debug, Default)]
pub struct Lines {
    offset: usize,
    line: usize,
}

impl Lines {
    pub fn line_of(&mut self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        if offset < self.offset {
            *self = Lines::default();
        }
        // `\n`, `\r\n` and a lone `\r` (old Mac files) each end a line.
        let b = text.as_bytes();
        let newlines = (self.offset..offset)
            .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
            .count();
        self.line += newlines;
        self.offset = offset;
        self.line + 1
    }
}

/// How far a sentence is looked for on each side of a span: prose has
/// sentences far shorter; a text with no full stop (a 50 MB line) must not
/// make every citation scan all of it.
const SENTENCE_REACH: usize = 1500;

/// The sentence around a span: from the last `.`, `;`, `!`, `?` (followed by
/// a space) or line break before it, to the next one after it.
pub fn sentence_bounds(text: &str, span: &Range<usize>) -> Range<usize> {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let s = floor(span.start.min(text.len()));
    let e = floor(span.end.min(text.len()).max(s));
    let lo = floor(s.saturating_sub(SENTENCE_REACH));
    let hi = floor((e + SENTENCE_REACH).min(text.len()));
    let is_stop = |c: char| matches!(c, '.' | ';' | '!' | '?' | '\n' | '\r');
    // A line break inside a sentence, as scrapers leave them (`... hoàn
    // thiện thể chế⏎kinh tế thị trường`), does not end it.
    let breaks = |at: usize| {
        // Within the window: a run of blank lines is no reason to look further.
        let before = text[lo..at].trim_end_matches([' ', '\t']);
        let after = text[at..hi].trim_start();
        before.ends_with(['.', ';', '!', '?', ':'])
            || !after.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
    };
    let start = text[lo..s]
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            is_stop(c)
                && (((c == '\n' || c == '\r') && breaks(lo + i))
                    || (c != '\n' && c != '\r' && text[lo + i + 1..].starts_with(' ')))
        })
        .map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let end = text[e..hi]
        .char_indices()
        .find(|&(i, c)| {
            is_stop(c)
                && (((c == '\n' || c == '\r') && breaks(e + i))
                    || (c != '\n' && c != '\r' && text[e + i + 1..].starts_with([' ', '\n', '\r']))
                    || e + i + 1 == text.len())
        })
        .map_or(hi, |(i, c)| e + i + c.len_utf8());
    start..end
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn every_line_end_counts_once() {
        for text in ["a\nb\nc", "a\r\nb\r\nc", "a\rb\rc", "a\r\nb\rc"] {
            let mut lines = Lines::default();
            let c = text.len() - 1;
            let b = text.find('b').unwrap_or_default();
            assert_eq!(lines.line_of(text, b), 2, "{text:?}");
            assert_eq!(lines.line_of(text, c), 3, "{text:?}");
        }
        // Asked for between the `\r` and the `\n` of one line end.
        let text = "a\r\nb";
        let mut lines = Lines::default();
        assert_eq!(lines.line_of(text, 2), 1);
        assert_eq!(lines.line_of(text, 3), 2);
    }
}
