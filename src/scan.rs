//! `scan`'s output: one JSON object per article per line, sorted by path
//! (REFERENCES.md §6). Field names and meanings are a public contract.

use serde::Serialize;

use crate::archive::{Archive, Entry};
use crate::refs::Citation;

#[derive(Serialize)]
struct ScanCitation<'a> {
    key: &'a str,
    text: &'a str,
    line: usize,
    start: usize,
    end: usize,
    kind: &'a str,
    number: Option<&'a str>,
    code: Option<&'a str>,
    issuer: Option<&'a str>,
    date: Option<String>,
    subject: Option<&'a str>,
    resolved: crate::refs::Resolution,
}

#[derive(Serialize)]
struct ScanArticle<'a> {
    file: &'a str,
    slug: &'a str,
    title: &'a str,
    date: Option<String>,
    province: Option<&'a str>,
    source: Option<&'a str>,
    author: Option<&'a str>,
    document: Option<&'a str>,
    encoding: &'a str,
    citations: Vec<ScanCitation<'a>>,
}

fn citation<'a>(text: &'a str, c: &'a Citation) -> ScanCitation<'a> {
    ScanCitation {
        key: &c.key,
        text: text.get(c.span.clone()).unwrap_or(""),
        line: c.line,
        start: c.span.start,
        end: c.span.end,
        kind: &c.kind,
        number: c.number.as_deref(),
        code: c.code.as_deref(),
        issuer: c.issuer.as_deref(),
        date: c.date.map(|d| d.to_string()),
        subject: c.subject.as_deref(),
        resolved: c.resolved,
    }
}

/// One line of JSON for one article (no trailing newline).
pub fn line(entry: &Entry) -> String {
    let a = &entry.article;
    let obj = ScanArticle {
        file: &a.file,
        slug: &entry.slug,
        title: &a.title,
        date: a.date.map(|d| d.to_string()),
        province: a.province.as_ref().map(|p| p.name.as_str()),
        source: a.source.as_deref(),
        author: a.author.as_deref(),
        document: a.document.as_deref(),
        encoding: a.encoding,
        citations: entry
            .citations
            .iter()
            .map(|c| citation(&a.text, c))
            .collect(),
    };
    serde_json::to_string(&obj).unwrap_or_default()
}

/// Every article, sorted by path.
pub fn lines(archive: &Archive) -> Vec<String> {
    let mut entries: Vec<&Entry> = archive.entries.iter().collect();
    entries.sort_by(|a, b| a.article.file.cmp(&b.article.file));
    entries.into_iter().map(line).collect()
}
