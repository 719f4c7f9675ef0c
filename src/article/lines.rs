//! The raw text as a list of non-empty lines: the unit every rule of the
//! clean stage looks at (a scraped portal page has one paragraph per line).

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// One non-empty line of the text, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Byte range of the trimmed line in the text.
    pub range: Range<usize>,
    /// Byte offset where the untrimmed line starts.
    pub start: usize,
    /// Whether an empty line separates it from the line before.
    pub blank_before: bool,
}

/// The non-empty lines of `text[range]`, in order.
pub fn split(text: &str, range: Range<usize>) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut blank_before = false;
    if text.get(range.clone()).is_none() {
        return lines;
    }
    // `\n`, `\r\n` and a lone `\r` all end a line; offsets stay the file's.
    for raw in crate::source::line_ranges(text, range) {
        let line = &text[raw.clone()];
        let start = raw.start + (line.len() - line.trim_start().len());
        let end = raw.start + line.trim_end().len();
        if end > start {
            lines.push(Line {
                range: start..end,
                start: raw.start,
                blank_before,
            });
            blank_before = false;
        } else {
            blank_before = true;
        }
    }
    lines
}

/// Whether a line ends as a sentence does (`.`, `!`, `?`, `…`, `;`, `,`,
/// `:`), looking through closing quotes and brackets: `… "dân kiểm tra".`
pub fn ends_sentence(line: &str) -> bool {
    let line = line.trim_end_matches(['"', '”', '’', '\'', '»', ')', ']', ' ']);
    line.ends_with(['.', '!', '?', '…', ';', ',', ':'])
}

/// Whether a line starts as a title or sentence does: a capital letter, a
/// digit or an opening quote.
pub fn starts_capital(line: &str) -> bool {
    line.chars()
        .find(|c| !matches!(c, '"' | '“' | '‘' | '\'' | '«' | '(' | '['))
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Short enough to be a headline, subheading or caption: a reader takes it
/// in at a glance.
pub fn is_short(line: &str, max_chars: usize) -> bool {
    line.len() <= max_chars || (line.len() <= max_chars * 4 && line.chars().count() <= max_chars)
}

/// A line of the article's text rather than of the page around it: a
/// long line, or a sentence of some length.
pub fn is_paragraph(line: &str) -> bool {
    !is_short(line, 150) || (!is_short(line, 60) && ends_sentence(line))
}

/// A portal's lede prefix, `(HBĐT) - `: the abbreviation and the byte
/// length of the prefix. Abbreviations are capitals (with digits, dots,
/// `&`), or a portal's domain name (`(Chinhphu.vn) -`).
pub fn lede_prefix(line: &str) -> Option<(&str, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^\(\s*(\p{Lu}[\p{Lu}\p{N}.&]{1,15}|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:vn|com|net|org)|Báo\s+\p{Lu}[\p{L} ]{1,40}?)\s*\)\s*[-–—]+\s*")
            .expect("a valid regex")
    });
    // Nearly every line fails at its first character; the regex need not run.
    if !line.starts_with('(') {
        return None;
    }
    let caps = re.captures(line)?;
    Some((caps.get(1)?.as_str(), caps.get(0)?.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_blanks() {
        let text = "a\n\n  b \nc\n";
        let lines = split(text, 0..text.len());
        let got: Vec<(&str, bool)> = lines
            .iter()
            .map(|l| (&text[l.range.clone()], l.blank_before))
            .collect();
        assert_eq!(got, [("a", false), ("b", true), ("c", false)]);
    }

    #[test]
    fn lede_prefixes() {
        assert_eq!(
            lede_prefix("(HBĐT) - Ngày 8/8"),
            Some(("HBĐT", "(HBĐT) - ".len()))
        );
        assert_eq!(
            lede_prefix("(Chinhphu.vn) – Sáng nay").map(|p| p.0),
            Some("Chinhphu.vn")
        );
        assert_eq!(lede_prefix("(khóa XII) - x"), None);
        assert_eq!(lede_prefix("Ngày 8/8, BTV"), None);
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("dân kiểm tra\"."));
        assert!(ends_sentence("tình hình mới."));
        assert!(!ends_sentence("Sát sao trong lãnh đạo, chỉ đạo"));
        assert!(!ends_sentence("làm đường dân sinh (ảnh: AT)"));
    }
}
