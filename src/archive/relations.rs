//! Relations between directives, read from the text: which document
//! implements which, and which documents are cited together.
//!
//! `Kế hoạch số 81-KH/TU ngày 08/12/2017 về thực hiện Kết luận số 18-KL/TW`
//! says that 81-KH/TU implements 18-KL/TW. The rule looks only at two
//! consecutive citations of one sentence and the short stretch of text
//! between them: that stretch may describe the first document (its date,
//! issuer, `(khóa XII)`) and must end with an implementing verb
//! (`thực hiện`, `triển khai`, `hướng dẫn`, `sơ kết`, `tổng kết`, optionally
//! after `về`, `để`, `tiếp tục`, `đẩy mạnh`). Anything that breaks the
//! link — `;`, `:`, a sentence end, a line break, `và` — or a long gap, and
//! no relation is claimed: a missed relation costs less than a false one.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use super::{CiteRef, Entry};
use crate::vi;

/// What one directive does to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    /// `from` carries out `to` (a plan, guide or review of it).
    Implements,
}

/// One relation between two directives, with where the text says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relation {
    /// Key of the implementing directive (`81-KH/TU@bac-kan`).
    pub from: String,
    pub kind: RelationKind,
    /// Key of the implemented directive (`18-KL/TW`).
    pub to: String,
    /// The citations of `from` whose sentences state the relation, in
    /// article order.
    pub evidence: Vec<CiteRef>,
}

/// The longest stretch of text (in characters) between two citations that
/// may still tie them together.
const MAX_GAP_CHARS: usize = 160;

fn gap_rule() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // On folded (lower-case ASCII) text, trimmed. The optional head
        // describes the first document; the tail is the implementing verb.
        Regex::new(
            r"(?x)^
            (?: ,?\s* (?: ngay | cua | do | nam | \( | ban\ hanh ) [^;:]*? )?
            \s* ,? \s*
            (?: (?: ve | de | nham ) \s+ )?
            (?: viec \s+ )?
            (?: tiep\ tuc \s+ )?
            (?: day\ manh \s+ )?
            (?: (?: so\ ket | tong\ ket ) (?: \s+ \d+ \s+ nam )? \s+ (?: viec \s+ )? )?
            (?: (?: trien\ khai | huong\ dan ) \s+ )?
            (?: thuc\ hien | trien\ khai | huong\ dan | so\ ket | tong\ ket )
            (?: \s+ \d+ \s+ nam )?
            (?: \s+ tot )?
            $",
        )
        .expect("valid regex")
    })
}

/// Does the text between two citations say the first implements the second?
pub fn gap_says_implements(gap: &str) -> bool {
    if gap.chars().count() > MAX_GAP_CHARS || gap.contains(['\n', ';', ':']) {
        return false;
    }
    // A sentence end: `.`, `!` or `?` followed by a space (`T.Ư` is not one).
    if gap
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1].is_ascii_whitespace())
    {
        return false;
    }
    let folded = vi::fold(gap);
    let folded = folded.trim();
    if folded.split_whitespace().any(|w| w == "va" || w == "hoac") {
        return false;
    }
    gap_rule().is_match(folded)
}

/// Like [`gap_says_implements`], for a mention that begins with the first
/// mention's own words: some tail after its code (the first word with a
/// digit) must tie the two.
fn nested_says_implements(stretch: &str) -> bool {
    let Some(code) = stretch.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    stretch[code..]
        .char_indices()
        .filter(|&(_, c)| c == ' ' || c == ',')
        .any(|(i, _)| gap_says_implements(&stretch[code + i..]))
}

/// Pairs `(i, j)` of citation indices in one article's `spans` (in reading
/// order) such that citation `i` implements citation `j`, by the rule of
/// this module. `j` is the next citation after `i` with another span.
pub fn implements_in(text: &str, spans: &[Range<usize>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..spans.len() {
        let a = &spans[i];
        // The next citation with a different span (`khóa XI, XII` gives two
        // citations with one span; both are "the same place").
        let Some(j) = (i + 1..spans.len()).find(|&j| spans[j] != *a) else {
            continue;
        };
        let b = &spans[j];
        if b.start <= a.start {
            continue;
        }
        let says = if a.end <= b.start {
            text.get(a.end..b.start).is_some_and(gap_says_implements)
        } else {
            // The first mention's span reaches over the second (a subject
            // clause taken into the mention): the stretch that matters
            // starts after the first mention's code, at some word boundary.
            text.get(a.start..b.start)
                .is_some_and(nested_says_implements)
        };
        if says {
            out.push((i, j));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Every implementing relation in the archive, one per (from, to) pair,
/// sorted by keys.
pub fn implementing(entries: &[Entry]) -> Vec<Relation> {
    let mut found: BTreeMap<(String, String), Vec<CiteRef>> = BTreeMap::new();
    for (a, e) in entries.iter().enumerate() {
        let spans: Vec<Range<usize>> = e.citations.iter().map(|c| c.span.clone()).collect();
        for (i, j) in implements_in(&e.article.text, &spans) {
            let (from, to) = (&e.citations[i].key, &e.citations[j].key);
            if from == to {
                continue;
            }
            found
                .entry((from.clone(), to.clone()))
                .or_default()
                .push(CiteRef {
                    article: a,
                    citation: i,
                });
        }
    }
    found
        .into_iter()
        .map(|((from, to), mut evidence)| {
            evidence.sort_unstable();
            evidence.dedup();
            Relation {
                from,
                kind: RelationKind::Implements,
                to,
                evidence,
            }
        })
        .collect()
}

/// Directives cited in the same articles: every pair, counted once per
/// article citing both. Counted on directive indices, so that the cost is
/// the pairs' number, not their keys' length.
#[derive(Debug, Clone, Default)]
pub struct CoCitations {
    /// `(a, b, articles)` with directive indices `a < b`, sorted. `u32`:
    /// a large archive has millions of pairs.
    pub pairs: Vec<(u32, u32, u32)>,
    /// For each directive, the others cited with it most often (at most
    /// [`CO_CITED_SHOWN`]), most articles first, ties by index.
    pub top: Vec<Vec<(usize, usize)>>,
}

/// How many co-cited directives a directive keeps for its page.
pub const CO_CITED_SHOWN: usize = 10;

pub fn co_citations(
    entries: &[Entry],
    index_of: &dyn Fn(&str) -> Option<usize>,
    directives: usize,
) -> CoCitations {
    let mut counts: rustc_hash::FxHashMap<(u32, u32), u32> = Default::default();
    let mut keys = Vec::new();
    for e in entries {
        keys.clear();
        keys.extend(
            e.citations
                .iter()
                .filter_map(|c| index_of(&c.key))
                .map(|i| i as u32),
        );
        keys.sort_unstable();
        keys.dedup();
        for (i, &a) in keys.iter().enumerate() {
            for &b in &keys[i + 1..] {
                *counts.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<(u32, u32, u32)> = counts.into_iter().map(|((a, b), n)| (a, b, n)).collect();
    pairs.sort_unstable();
    let mut top: Vec<Vec<(usize, usize)>> = vec![Vec::new(); directives];
    for &(a, b, n) in &pairs {
        let (a, b, n) = (a as usize, b as usize, n as usize);
        for (this, other) in [(a, b), (b, a)] {
            if let Some(list) = top.get_mut(this) {
                list.push((other, n));
                if list.len() > 4 * CO_CITED_SHOWN {
                    keep_top(list);
                }
            }
        }
    }
    top.iter_mut().for_each(keep_top);
    CoCitations { pairs, top }
}

/// Most articles first, ties by index; at most [`CO_CITED_SHOWN`].
fn keep_top(list: &mut Vec<(usize, usize)>) {
    list.sort_unstable_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    list.truncate(CO_CITED_SHOWN);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spans of `needles` in `text`, in order.
    fn spans(text: &str, needles: &[&str]) -> Vec<Range<usize>> {
        let mut from = 0;
        needles
            .iter()
            .map(|n| {
                let s = from + text[from..].find(n).unwrap();
                from = s + n.len();
                s..from
            })
            .collect()
    }

    #[test]
    fn plan_implements_conclusion() {
        let t = "Tỉnh ủy ban hành Kế hoạch số 81-KH/TU ngày 08/12/2017 về thực hiện Kết luận số 18-KL/TW của Ban Bí thư.";
        let s = spans(t, &["Kế hoạch số 81-KH/TU", "Kết luận số 18-KL/TW"]);
        assert_eq!(implements_in(t, &s), vec![(0, 1)]);
    }

    #[test]
    fn verbs_and_connectors() {
        for gap in [
            " thực hiện ",
            ", ngày 1/12/2021 của Bộ Chính trị thực hiện ",
            " ngày 22 tháng 9 năm 2017 của Ban Bí thư Trung ương (khóa XII) về tiếp tục đẩy mạnh thực hiện ",
            " về triển khai thực hiện ",
            " hướng dẫn thực hiện ",
            " về sơ kết 5 năm thực hiện ",
            " tổng kết ",
            " để triển khai ",
        ] {
            assert!(gap_says_implements(gap), "{gap:?}");
        }
    }

    #[test]
    fn breaks_and_other_words_do_not_tie() {
        for gap in [
            "; ",
            " và tiếp tục thực hiện ",
            ". Thực hiện ",
            " về công tác cán bộ, Ban Tuyên giáo tổ chức quán triệt ",
            " nhằm lãnh đạo các cấp ủy, Ban Tuyên giáo triển khai thực hiện ",
            ": thực hiện ",
            ", ",
            " về xây dựng Đảng trong sạch vững mạnh, thực hiện có hiệu quả ",
        ] {
            assert!(!gap_says_implements(gap), "{gap:?}");
        }
        let long = format!(" ngày 1/1/2020 {} thực hiện ", "rất dài ".repeat(30));
        assert!(!gap_says_implements(&long));
    }

    #[test]
    fn shared_span_pairs_each() {
        // Two citations with one span (a plenum of two terms) both implement.
        let t = "Nghị quyết T.Ư 4 (khóa XI, XII) về thực hiện Chỉ thị số 05-CT/TW";
        let a = 0.."Nghị quyết T.Ư 4 (khóa XI, XII)".len();
        let b = spans(t, &["Chỉ thị số 05-CT/TW"])[0].clone();
        assert_eq!(implements_in(t, &[a.clone(), a, b]), vec![(0, 2), (1, 2)]);
    }
}
