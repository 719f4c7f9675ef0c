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
use serde::Serialize;

/// How a citation's key was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
}

/// Finds and resolves every citation in `ranges` of `text` (the article's
/// body, without boilerplate), in reading order.
pub fn cite(
    text: &str,
    ranges: &[Range<usize>],
    context: &ArticleContext,
    registry: &registry::Registry,
) -> Vec<Citation> {
    let mut mentions = Vec::new();
    for range in ranges {
        let Some(slice) = text.get(range.clone()) else {
            continue;
        };
        for mut m in grammar::detect(slice) {
            m.shift(range.start);
            mentions.push(m);
        }
    }
    resolve::resolve(text, &mentions, context, registry)
}

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
