//! Where the article ends and the portal's boilerplate begins: teasers of
//! other stories, rating and view counters, tags, comment forms, page
//! chrome. Everything from the cut on is not the article's.
//!
//! Two kinds of evidence: marker lines (`data/boilerplate.toml`, extended by
//! site.toml's `[boilerplate] markers`), and general rules that need no list
//! (counters, session notices, another story's lede).

use std::sync::OnceLock;

use regex::Regex;

use super::lines::{self, Line};
use crate::vi;

const BUILTIN: &str = include_str!("../../data/boilerplate.toml");

/// A marker line may run on this many characters past a prefix marker
/// (`Tổng số điểm của bài viết là: 0 trong 0 đánh giá`); a paragraph that
/// merely starts with the same words is longer.
const MAX_TAIL: usize = 60;

/// No marker, counter or notice line is longer than this many characters.
const MAX_MARKER_LINE: usize = 200;

/// Marker lines, in the loose form [`loose`] gives.
#[derive(Debug, Default, Clone)]
pub struct Markers {
    /// Match the start of a line at a word boundary.
    prefixes: Vec<String>,
    /// Match the whole line.
    whole: Vec<String>,
}

#[derive(serde::Deserialize)]
struct MarkerFile {
    markers: Vec<String>,
}

impl Markers {
    /// The built-in markers of `data/boilerplate.toml`, parsed once.
    pub fn builtin() -> &'static Markers {
        static M: OnceLock<Markers> = OnceLock::new();
        M.get_or_init(|| {
            let list = toml::from_str::<MarkerFile>(BUILTIN)
                .map(|f| f.markers)
                .unwrap_or_default();
            Markers::new(&list)
        })
    }

    /// Markers from a list: one ending in `:` or of three words or more is
    /// a prefix; a shorter one must be the whole line.
    pub fn new(list: &[String]) -> Markers {
        let mut m = Markers::default();
        for marker in list {
            let key = loose(marker);
            if key.is_empty() {
                continue;
            }
            if key.ends_with(':') || key.split(' ').count() >= 3 {
                m.prefixes.push(key);
            } else {
                m.whole.push(key);
            }
        }
        m
    }

    /// Whether `loose_line` (see [`loose`]) is one of these markers.
    pub fn matches(&self, loose_line: &str) -> bool {
        // Trailing punctuation and a count in brackets go: `Bình luận (3)`.
        let mut bare = loose_line.trim_end_matches(|c: char| !c.is_alphanumeric());
        if let Some(open) = bare.rfind('(') {
            if bare[open + 1..].chars().all(|c| c.is_ascii_digit()) {
                bare = bare[..open].trim_end();
            }
        }
        if self.whole.iter().any(|m| m.trim_end_matches(':') == bare) {
            return true;
        }
        self.prefixes.iter().any(|m| {
            loose_line.strip_prefix(m.as_str()).is_some_and(|rest| {
                let boundary = m.ends_with(|c: char| !c.is_alphanumeric())
                    || !rest.starts_with(|c: char| c.is_alphanumeric());
                boundary && rest.chars().count() <= MAX_TAIL
            })
        })
    }
}

/// A line folded for comparison: no case or tones, runs of white space as
/// one space, no space before a colon (`Họ tên :` is `ho ten:`).
pub fn loose(line: &str) -> String {
    let folded = vi::fold(line.trim());
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !out.is_empty() && !word.starts_with(':') {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// View, download and rating counters, and session-timeout notices: page
/// widgets, whatever words a portal puts around them.
fn is_widget(loose_line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"luot (?:xem|tai|doc|thich|truy cap|binh chon|danh gia) ?:? ?\d|\d+ luot (?:xem|doc|thich)|thoi gian cho: ?\d+ ?giay|duy tri trang thai dang nhap",
        )
        .expect("a valid regex")
    });
    re.is_match(loose_line)
}

/// The index of the first boilerplate line of `lines` (`lines.len()` if
/// none). The first line is never cut: a page starts with its article.
pub fn cut(text: &str, lines: &[Line], extra: Option<&Markers>) -> usize {
    let builtin = Markers::builtin();
    // Once a full paragraph has been read, a lede prefix `(HBĐT) - ` opens
    // another story: a teaser, with its headline on the line before.
    let mut read_paragraph = false;
    for (i, line) in lines.iter().enumerate() {
        let s = &text[line.range.clone()];
        // Markers, counters and notices are short lines; a paragraph is not
        // folded just to be compared.
        if i > 0 && lines::is_short(s, MAX_MARKER_LINE) {
            let l = loose(s);
            if builtin.matches(&l) || extra.is_some_and(|m| m.matches(&l)) || is_widget(&l) {
                return i;
            }
        }
        if i > 0 && read_paragraph && lines::lede_prefix(s).is_some() {
            let prev = &text[lines[i - 1].range.clone()];
            let headline = i > 1
                && lines::is_short(prev, 200)
                && !lines::ends_sentence(prev)
                && lines::lede_prefix(prev).is_none();
            return if headline { i - 1 } else { i };
        }
        if !lines::is_short(s, 150) {
            read_paragraph = true;
        }
    }
    lines.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut_line(text: &str, extra: Option<&Markers>) -> Option<String> {
        let lines = lines::split(text, 0..text.len());
        let i = cut(text, &lines, extra);
        lines.get(i).map(|l| text[l.range.clone()].to_string())
    }

    const PARA: &str = "Đây là một đoạn văn đủ dài của bài báo, kể lại việc cấp ủy các cấp quán triệt, triển khai và kiểm tra việc thực hiện nghị quyết trong toàn Đảng bộ.";

    #[test]
    fn teaser_headings() {
        for marker in [
            "Các tin khác",
            "Tin liên quan:",
            "TIN CÙNG CHUYÊN MỤC",
            "Bài viết liên quan »",
        ] {
            let text = format!("{PARA}\n\n{marker}\n\nMột tin khác\n");
            assert_eq!(cut_line(&text, None).as_deref(), Some(marker), "{marker}");
        }
    }

    #[test]
    fn short_markers_are_whole_lines() {
        let text = format!("{PARA}\nBình luận (3)\n");
        assert_eq!(cut_line(&text, None).as_deref(), Some("Bình luận (3)"));
        let text = format!("{PARA}\ntop 10 sự kiện nổi bật\nBình luận về nghị quyết, nhiều ý kiến cho rằng cần làm rõ trách nhiệm của người đứng đầu khi để xảy ra sai phạm.\ntop\n");
        assert_eq!(cut_line(&text, None).as_deref(), Some("top"));
    }

    #[test]
    fn prefix_markers_allow_a_short_tail_only() {
        let text = format!("{PARA}\nTổng số điểm của bài viết là: 0 trong 0 đánh giá\n");
        assert!(cut_line(&text, None).is_some_and(|l| l.starts_with("Tổng số điểm")));
        let long = format!("{PARA}\nTin liên quan đến việc thực hiện Nghị quyết, Ban Thường vụ Tỉnh ủy đã chỉ đạo các cấp ủy kiểm tra, rà soát toàn bộ.\n");
        assert_eq!(cut_line(&long, None), None);
    }

    #[test]
    fn counters_and_sessions() {
        let text = format!("{PARA}\nSố: 17/CT-UBND\nlượt xem: 424 | lượt tải:9\n");
        assert_eq!(
            cut_line(&text, None).as_deref(),
            Some("lượt xem: 424 | lượt tải:9")
        );
        let text = format!("{PARA}\nPhiên làm việc sắp hết. Thời gian chờ: 60 giây\n");
        assert!(cut_line(&text, None).is_some());
    }

    #[test]
    fn comment_forms() {
        let text = format!("{PARA}\nHọ và tên :\nEmail:\n");
        assert_eq!(cut_line(&text, None).as_deref(), Some("Họ và tên :"));
    }

    #[test]
    fn another_storys_lede_with_its_headline() {
        let text = format!(
            "(ABC) - {PARA}\n\n{PARA}\n\nMột tiêu đề khác\n\n(ABC) - Lời dẫn của một bài khác.\n"
        );
        assert_eq!(cut_line(&text, None).as_deref(), Some("Một tiêu đề khác"));
    }

    #[test]
    fn extra_markers_from_site_toml() {
        let text = format!("{PARA}\nCùng chủ đề\nTin A\n");
        assert_eq!(cut_line(&text, None), None);
        let extra = Markers::new(&["Cùng chủ đề".to_string()]);
        assert_eq!(
            cut_line(&text, Some(&extra)).as_deref(),
            Some("Cùng chủ đề")
        );
    }

    #[test]
    fn first_line_is_never_cut() {
        assert_eq!(cut_line("Bình luận\nmột dòng\n", None), None);
    }
}
