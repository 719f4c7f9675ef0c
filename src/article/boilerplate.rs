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

/// How many words may follow a heading marker on its line.
const MAX_HEADING_TAIL: usize = 4;

/// No marker, counter or notice line is longer than this many characters.
const MAX_MARKER_LINE: usize = 200;

/// Marker lines, in the loose form [`loose`] gives.
#[derive(Debug, Default, Clone)]
pub struct Markers {
    /// Match the start of a line at a word boundary, whatever short tail
    /// follows (`Bản quyền thuộc về …`, `Họ tên:`).
    prefixes: Vec<String>,
    /// Headings of three words or more: the start of a line with a few
    /// more words (`Tin cùng chuyên mục Xây dựng Đảng`), not of a sentence
    /// or a subheading that only begins so (`Văn bản chỉ đạo kịp thời,
    /// sát thực tiễn`).
    headings: Vec<String>,
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

    /// Markers from a list: one ending in `:` or `…` is a prefix; one of
    /// three words or more a heading; a shorter one must be the whole line.
    pub fn new(list: &[String]) -> Markers {
        let mut m = Markers::default();
        for marker in list {
            let key = loose(marker);
            if let Some(open) = key.strip_suffix('…') {
                m.prefixes.push(open.trim_end().to_string());
            } else if key.ends_with(':') {
                m.prefixes.push(key);
            } else if key.split(' ').count() >= 3 {
                m.headings.push(key);
            } else if !key.is_empty() {
                m.whole.push(key);
            }
        }
        m
    }

    /// Whether `loose_line` (see [`loose`]) is one of these markers.
    pub fn matches(&self, loose_line: &str) -> bool {
        // Leading decoration goes (`» Tin liên quan`, `■ CÁC TIN KHÁC`), and
        // trailing punctuation and a count in brackets (`Bình luận (3)`).
        let loose_line = undecorated(loose_line);
        let mut bare = loose_line.trim_end_matches(|c: char| !c.is_alphanumeric());
        if let Some(open) = bare.rfind('(') {
            if bare[open + 1..].chars().all(|c| c.is_ascii_digit()) {
                bare = bare[..open].trim_end();
            }
        }
        if self.whole.iter().any(|m| m.trim_end_matches(':') == bare) {
            return true;
        }
        let tail = |m: &String| {
            loose_line.strip_prefix(m.as_str()).filter(|rest| {
                let boundary = m.ends_with(|c: char| !c.is_alphanumeric())
                    || !rest.starts_with(|c: char| c.is_alphanumeric());
                boundary && rest.chars().count() <= MAX_TAIL
            })
        };
        // `Bài viết cùng chuyên mục: [Quy định 69-QĐ/TW ...](...)`: the
        // heading with its linked items on its line, however long.
        let with_links = |m: &String| {
            loose_line.strip_prefix(m.as_str()).is_some_and(|rest| {
                rest.trim_start().starts_with([':', '»', '>']) && rest.contains("](")
            })
        };
        self.prefixes.iter().any(|m| tail(m).is_some())
            || self.headings.iter().any(with_links)
            || self.headings.iter().any(|m| {
                tail(m).is_some_and(|rest| {
                    rest.split_whitespace().count() <= MAX_HEADING_TAIL
                        && !rest.contains(',')
                        && !rest.trim_end().ends_with(['.', '!', '?'])
                })
            })
    }
}

/// A line without the bullets, arrows and invisible marks that lead it.
/// A text browser's link number goes too (`[12]Tin cùng chuyên mục`).
fn undecorated(loose_line: &str) -> &str {
    let line = loose_line.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '[');
    let line = match line.strip_prefix('[').and_then(|r| r.split_once(']')) {
        Some((n, rest)) if n.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => line,
    };
    line.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// `Xem thêm: Tỉnh ủy ban hành Kế hoạch ...`, `Tin liên quan: ...`: a
/// heading of other stories with its items on its line, which a page sets
/// inside an article as well as after it: that line is not the article's,
/// but need not end it.
fn is_inline_teaser(loose_line: &str) -> bool {
    headed_by(loose_line, BOX_HEADINGS)
}

/// `Từ khóa: sinh hoạt chi bộ, Phong Thổ`, `#Sắp xếp bộ máy #...`: the
/// page's tags, which follow the article (or stand above it).
fn is_tags(loose_line: &str) -> bool {
    is_hashtags(loose_line) || headed_by(loose_line, TAG_HEADINGS)
}

/// `heading: items` with one of `headings` (in the loose form).
fn headed_by(loose_line: &str, headings: &[&str]) -> bool {
    let line = undecorated(loose_line);
    // `Xem thêm: ...`, `Xem thêm >> ...`, `Xem thêm » ...`.
    [":", ">>", "»"].iter().any(|sep| {
        line.split_once(sep).is_some_and(|(head, rest)| {
            // Items follow, not just the heading's decoration (`**Xem thêm:**`).
            rest.chars().any(char::is_alphanumeric) && headings.contains(&head.trim())
        })
    })
}

/// `#Sắp xếp bộ máy #Nghị quyết 18-NQ/TW`: a page's tags as hashtags (a
/// Markdown heading has a space after its `#`).
fn is_hashtags(loose_line: &str) -> bool {
    loose_line.starts_with('#')
        && loose_line.matches('#').count() >= 2
        && loose_line
            .split('#')
            .skip(1)
            .all(|tag| tag.starts_with(|c: char| c.is_alphanumeric()))
}

/// Headings of a box of other stories, which a page may set inside an
/// article as well as after it (in the loose form).
const BOX_HEADINGS: &[&str] = &[
    "xem them",
    "doc them",
    "tin lien quan",
    "tin bai lien quan",
    "tin, bai lien quan",
    "bai lien quan",
    "bai viet lien quan",
];

/// Headings of a page's tags (in the loose form).
const TAG_HEADINGS: &[&str] = &["tu khoa", "tags", "tag", "the"];

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
/// widgets, whatever words a portal puts around them; never a sentence
/// (`... thu hút 1.250.000 lượt xem.`).
fn is_widget(line: &str, loose_line: &str) -> bool {
    if lines::ends_sentence(line) {
        return false;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"luot (?:xem|tai|doc|thich|truy cap|binh chon|danh gia) ?:? ?\d|\d+ luot (?:xem|doc|thich)|thoi gian cho: ?\d+ ?giay|duy tri trang thai dang nhap",
        )
        .expect("a valid regex")
    });
    re.is_match(loose_line)
}

/// Where the article ends in `lines`, and the lines before that which are
/// not its own.
#[derive(Debug, Default, PartialEq)]
pub struct Cut {
    /// The index of the first boilerplate line (`lines.len()` if none).
    pub at: usize,
    /// Lines before it that are page chrome or a teaser, not the article's.
    pub skipped: Vec<usize>,
}

/// Where the boilerplate of `lines` begins. The first line is never cut: a
/// page starts with its article. Chrome above the article's first
/// paragraph (a share bar, a counter beside the date) and a teaser line set
/// inside it (`Xem thêm: ...`) are left out one by one; they do not end it.
pub fn cut(text: &str, lines: &[Line], extra: Option<&Markers>) -> Cut {
    let builtin = Markers::builtin();
    let mut skipped = Vec::new();
    // Once a full paragraph has been read, a lede prefix `(HBĐT) - ` opens
    // another story: a teaser, with its headline on the line before.
    let mut read_paragraph = false;
    // Whether the article's text has begun: a long line, or a sentence.
    let mut begun = false;
    // Whether the line before was a teaser left out: the headlines right
    // under it (no blank line, no sentence) are teasers too.
    let mut in_teasers = false;
    // The end of a box of other stories set inside the article.
    let mut box_end = 0;
    for (i, line) in lines.iter().enumerate() {
        let s = &text[line.range.clone()];
        if i < box_end {
            skipped.push(i);
            continue;
        }
        if in_teasers
            && !line.blank_before
            && lines::is_short(s, MAX_MARKER_LINE)
            && !lines::ends_sentence(s)
        {
            skipped.push(i);
            continue;
        }
        in_teasers = false;
        // Markers, counters and notices are short lines; a paragraph is not
        // folded just to be compared.
        if i > 0 && lines::is_short(s, MAX_MARKER_LINE) {
            let l = loose(s);
            if is_tags(&l) {
                // A journal's keywords under its abstract head the article.
                let under_abstract = i > 0 && {
                    let prev = loose(&text[lines[i - 1].range.clone()]);
                    prev.starts_with("tom tat") || prev.starts_with("abstract")
                };
                if begun && !under_abstract {
                    return Cut { at: i, skipped };
                }
                skipped.push(i);
                continue;
            }
            if is_inline_teaser(&l) {
                skipped.push(i);
                in_teasers = true;
                continue;
            }
            let marker = (builtin.matches(&l) || extra.is_some_and(|m| m.matches(&l)))
                && !is_filled_field(&l);
            // A date line with its counters is the article's date line.
            let widget = is_widget(s, &l) && super::date::parse_line(s).is_none();
            // Above the article, a heading of other stories (`Tin mới`,
            // `Đọc nhiều`) with its list, or a bar, is the page's, not the end.
            if (widget || marker && (is_chrome(&l) || article_follows(text, lines, i))) && !begun {
                skipped.push(i);
                if marker {
                    box_end = list_under(text, lines, i).unwrap_or(0);
                }
                continue;
            }
            if let Some(end) = inline_box(text, lines, i, &l) {
                skipped.push(i);
                box_end = end;
                continue;
            }
            let listed = listed_document(text, lines, i, &l) || series_list(text, lines, i, &l);
            if marker || widget || (begun && listed) {
                return Cut { at: i, skipped };
            }
        }
        if i > 0 && read_paragraph && lines::lede_prefix(s).is_some() {
            let prev = &text[lines[i - 1].range.clone()];
            let headline = i > 1
                && lines::is_short(prev, 200)
                && !lines::ends_sentence(prev)
                && lines::lede_prefix(prev).is_none();
            let at = if headline { i - 1 } else { i };
            return Cut { at, skipped };
        }
        if !lines::is_short(s, 150) {
            read_paragraph = true;
        }
        begun |= read_paragraph || lines::is_paragraph(s);
    }
    Cut {
        at: lines.len(),
        skipped,
    }
}

/// `Số: 125/KH-UBND` alone on line `i`, with a view counter within the
/// next lines: the first item of a portal's list of documents.
fn listed_document(text: &str, lines: &[Line], i: usize, loose_line: &str) -> bool {
    is_document_number(loose_line)
        && lines.iter().skip(i + 1).take(3).any(|l| {
            let s = &text[l.range.clone()];
            is_widget(s, &loose(s))
        })
}

/// The parts of a series listed under the article on line `i` (`Bài 1:
/// Quán triệt ...`, `Kỳ 3: ...`, `Bài cuối: ...`): two such lines in a row,
/// or one as the page's last line. A part's number over a section of text
/// (`Phần 1: Thực trạng` and its paragraphs) is no list.
fn series_list(text: &str, lines: &[Line], i: usize, loose_line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?:bai|ky|phan) (?:\d{1,2}|cuoi) ?[:.\-–]").expect("a valid regex")
    });
    let part = |j: usize| {
        let s = &text[lines[j].range.clone()];
        lines::is_short(s, MAX_MARKER_LINE) && !lines::ends_sentence(s)
    };
    re.is_match(loose_line)
        && part(i)
        && match lines.get(i + 1) {
            None => true,
            Some(next) => part(i + 1) && re.is_match(&loose(&text[next.range.clone()])),
        }
}

/// `Số: 125/KH-UBND` (`loose`): a document's number alone on its line.
fn is_document_number(loose_line: &str) -> bool {
    (loose_line.starts_with("so:") || loose_line.starts_with("so "))
        && loose_line.contains('/')
        && loose_line.split_whitespace().count() <= 3
}

/// Whether an article starts within a few lines after line `i`: a date
/// line, or a reprinted document's `Số: 145/KH-UBND`, with a long
/// paragraph soon under it, or a lede (`(BLC) - ...`). A heading of other
/// stories (or the portal's section, `Văn bản chỉ đạo điều hành`) above it
/// belongs to the page's top.
fn article_follows(text: &str, lines: &[Line], i: usize) -> bool {
    const LOOK: usize = 15;
    let line = |j: usize| &text[lines[j].range.clone()];
    let end = lines.len().min(i + 1 + LOOK);
    (i + 1..end).any(|k| {
        let s = line(k);
        let heads_text = super::date::parse_line(s).is_some()
            || lines::is_short(s, 40) && is_document_number(&loose(s));
        lines::lede_prefix(s).is_some_and(|_| lines::is_paragraph(s))
            || (heads_text
                && (k + 1..lines.len().min(k + 13)).any(|j| lines::is_paragraph(line(j))))
    })
}

/// The headlines listed right under a heading of other stories on line
/// `i`, closed by a blank line (`Tin liên quan` / `- Cà Mau sơ kết ...` /
/// blank): where the list ends. Not a run of lines into the article's date.
fn list_under(text: &str, lines: &[Line], i: usize) -> Option<usize> {
    const MAX_ITEMS: usize = 8;
    let end = (i + 1..lines.len().min(i + 2 + MAX_ITEMS)).find(|&j| lines[j].blank_before)?;
    let items = i + 1..end;
    let listed = !items.is_empty()
        && items.clone().all(|j| {
            let s = &text[lines[j].range.clone()];
            lines::is_short(s, MAX_MARKER_LINE)
                && !lines::ends_sentence(s)
                && super::date::parse_line(s).is_none()
        });
    listed.then_some(end)
}

/// `Xem thêm` (or `Đọc thêm`, `Tin liên quan`, ...) alone on line `i`, with
/// one to three headlines under it, then, after a blank line, a paragraph
/// that is no other story's lede: a box of other stories set inside the
/// article, which goes on after it. Returns where the article resumes.
fn inline_box(text: &str, lines: &[Line], i: usize, loose_line: &str) -> Option<usize> {
    let heading = undecorated(loose_line).trim_end_matches(|c: char| !c.is_alphanumeric());
    if !BOX_HEADINGS.contains(&heading) {
        return None;
    }
    let line = |j: usize| &text[lines[j].range.clone()];
    let mut j = i + 1;
    while j < lines.len()
        && j - i <= 3
        && (j == i + 1 || !lines[j].blank_before)
        && lines::is_short(line(j), MAX_MARKER_LINE)
        && !lines::ends_sentence(line(j))
        && lines::lede_prefix(line(j)).is_none()
    {
        j += 1;
    }
    let resumes = j > i + 1
        && j < lines.len()
        && (lines[j].blank_before || signed_below(text, lines, j))
        && !lines::is_short(line(j), 150)
        && lines::lede_prefix(line(j)).is_none();
    resumes.then_some(j)
}

/// Whether the author signs below line `j` before anything marks the
/// page's end: on a page without blank lines, what tells the article going
/// on after a box from other stories' summaries under it.
fn signed_below(text: &str, lines: &[Line], j: usize) -> bool {
    let builtin = Markers::builtin();
    for l in lines.iter().skip(j + 1).take(40) {
        let s = &text[l.range.clone()];
        if super::structure::is_name_line(s) {
            return true;
        }
        if lines::lede_prefix(s).is_some()
            || (lines::is_short(s, MAX_MARKER_LINE) && builtin.matches(&loose(s)))
        {
            return false;
        }
    }
    false
}

/// `Email: btgtu@hanam.gov.vn`, `Họ và tên: Nguyễn Văn A`: a form field
/// filled in, which a reprinted document or a contest's rules hold; a
/// comment form's fields are empty.
fn is_filled_field(loose_line: &str) -> bool {
    const FIELDS: &[&str] = &["ho ten:", "ho va ten:", "email:", "e-mail:"];
    FIELDS.iter().any(|f| {
        loose_line
            .strip_prefix(f)
            .is_some_and(|rest| rest.chars().any(char::is_alphanumeric))
    })
}

/// Sharing and printing bars, which pages set around the headline as well
/// as after the article.
fn is_chrome(loose_line: &str) -> bool {
    const CHROME: &[&str] = &[
        "chia se",
        "chia se bai viet",
        "in bai viet",
        "in trang",
        "gui bai viet qua email",
    ];
    let bare = undecorated(loose_line).trim_end_matches(|c: char| !c.is_alphanumeric());
    CHROME.contains(&bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut_line(text: &str, extra: Option<&Markers>) -> Option<String> {
        let lines = lines::split(text, 0..text.len());
        let i = cut(text, &lines, extra).at;
        lines.get(i).map(|l| text[l.range.clone()].to_string())
    }

    /// The lines left out before the cut.
    fn skipped(text: &str) -> Vec<String> {
        let lines = lines::split(text, 0..text.len());
        cut(text, &lines, None)
            .skipped
            .iter()
            .map(|&i| text[lines[i].range.clone()].to_string())
            .collect()
    }

    #[test]
    fn a_teaser_inside_the_article_is_left_out_alone() {
        let text = format!("{PARA}\nXem thêm: Tỉnh ủy ban hành Kế hoạch số 112-KH/TU\n{PARA}\n");
        assert_eq!(cut_line(&text, None), None);
        assert_eq!(
            skipped(&text),
            ["Xem thêm: Tỉnh ủy ban hành Kế hoạch số 112-KH/TU"]
        );
        // The headlines right under it are teasers too.
        let text = format!(
            "{PARA}\nTin liên quan: Một tin khác\nMột tin nữa về Kế hoạch số 40-KH/HU\n\n{PARA}\n"
        );
        assert_eq!(
            skipped(&text),
            [
                "Tin liên quan: Một tin khác",
                "Một tin nữa về Kế hoạch số 40-KH/HU"
            ]
        );
    }

    #[test]
    fn a_teaser_after_arrows_inside_the_article() {
        let text = format!(
            "{PARA}\nXem thêm >> Hà Nam: Sơ kết Nghị quyết Trung ương 7 khóa XII\n{PARA}\n"
        );
        assert_eq!(cut_line(&text, None), None);
        assert_eq!(
            skipped(&text),
            ["Xem thêm >> Hà Nam: Sơ kết Nghị quyết Trung ương 7 khóa XII"]
        );
    }

    #[test]
    fn a_box_of_other_stories_inside_the_article() {
        let long = format!("{PARA} {PARA}");
        let text =
            format!("{long}\nXem thêm\nHương Khê thực hiện Nghị quyết số 15-NQ/HU\n\n{long}\n");
        assert_eq!(cut_line(&text, None), None);
        assert_eq!(
            skipped(&text),
            ["Xem thêm", "Hương Khê thực hiện Nghị quyết số 15-NQ/HU"]
        );
        // At the end, or before another story's lede, the box ends the article.
        let text = format!("{long}\nTin liên quan\nMột tin khác\n\n(HBĐT) - {long}\n");
        assert_eq!(cut_line(&text, None).as_deref(), Some("Tin liên quan"));
        let text = format!("{long}\nTin liên quan\nMột tin khác\nTin nữa\n");
        assert_eq!(cut_line(&text, None).as_deref(), Some("Tin liên quan"));
    }

    #[test]
    fn chrome_above_the_first_paragraph_does_not_end_the_article() {
        let text = format!(
            "Tiêu đề bài viết\nNgày đăng: 12/05/2023 | Lượt xem: 1.523\nChia sẻ\nIn bài viết\n{PARA}\nChia sẻ\n"
        );
        assert_eq!(skipped(&text), ["Chia sẻ", "In bài viết"]);
        assert_eq!(cut_line(&text, None).as_deref(), Some("Chia sẻ"));
    }

    #[test]
    fn a_list_of_other_stories_above_the_article_does_not_end_it() {
        let top = "BÁO THÁI BÌNH\nTin mới\nĐông Hưng: Triển khai Nghị quyết số 10-NQ/TU\nVũ Thư: Học tập và làm theo Bác";
        let text = format!("{top}\nThứ Ba, 18/5/2021 15:30\n{PARA}\nTin liên quan\nKhác\n");
        assert_eq!(skipped(&text), ["Tin mới"]);
        assert_eq!(cut_line(&text, None).as_deref(), Some("Tin liên quan"));
        // With a lede under it instead of a date line.
        let text = format!("BÁO THÁI BÌNH\nĐọc nhiều\nMột tin khác\nTiêu đề\n(TB) - {PARA}\n");
        assert_eq!(skipped(&text), ["Đọc nhiều"]);
        assert_eq!(cut_line(&text, None), None);
        // After the article, no article follows: the list ends it.
        let text = format!("Tiêu đề\n{PARA}\nTin mới\nMột tin khác\n20/5/2021\n{PARA}\n");
        assert_eq!(cut_line(&text, None).as_deref(), Some("Tin mới"));
    }

    #[test]
    fn a_journals_keywords_under_its_abstract_do_not_end_it() {
        let text = format!(
            "Tiêu đề\nTóm tắt: {PARA}\nTừ khóa: xây dựng Đảng; chỉnh đốn Đảng.\n\n{PARA}\nTừ khóa: Đảng\nTin khác\n"
        );
        assert_eq!(skipped(&text), ["Từ khóa: xây dựng Đảng; chỉnh đốn Đảng."]);
        assert_eq!(cut_line(&text, None).as_deref(), Some("Từ khóa: Đảng"));
    }

    #[test]
    fn a_portal_section_above_a_reprinted_document_does_not_end_it() {
        let text = format!(
            "Cổng thông tin điện tử tỉnh Yên Bái\nVăn bản chỉ đạo điều hành\n\nỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI\nSố: 145/KH-UBND\n\nYên Bái, ngày 15 tháng 6 năm 2022\n\nKẾ HOẠCH\n{PARA}\nTin liên quan\n"
        );
        assert_eq!(skipped(&text), ["Văn bản chỉ đạo điều hành"]);
        assert_eq!(cut_line(&text, None).as_deref(), Some("Tin liên quan"));
    }

    #[test]
    fn a_list_of_other_stories_above_the_headline_is_left_out() {
        let text = format!(
            "Chính trị - Xây dựng Đảng\n\nTin liên quan\n- Cà Mau sơ kết Nghị quyết số 21-NQ/TW\n- U Minh triển khai Quy định 114-QĐ/TW\n\nTiêu đề bài viết\n\n20/5/2021\n\n{PARA}\n"
        );
        assert_eq!(
            skipped(&text),
            [
                "Tin liên quan",
                "- Cà Mau sơ kết Nghị quyết số 21-NQ/TW",
                "- U Minh triển khai Quy định 114-QĐ/TW"
            ]
        );
        assert_eq!(cut_line(&text, None), None);
    }

    #[test]
    fn a_sentence_that_counts_views_is_no_counter() {
        let text =
            format!("{PARA}\nCuộc thi thu hút 1.250.000 lượt xem và 45.000 lượt thích.\n{PARA}\n");
        assert_eq!(cut_line(&text, None), None);
    }

    const PARA: &str = "Đây là một đoạn văn đủ dài của bài báo, kể lại việc cấp ủy các cấp quán triệt, triển khai và kiểm tra việc thực hiện nghị quyết trong toàn Đảng bộ.";

    #[test]
    fn teaser_headings() {
        for marker in [
            "Các tin khác",
            "Tin liên quan:",
            "TIN CÙNG CHUYÊN MỤC",
            "Bài viết liên quan »",
            // decorated, and more headings
            "» Tin liên quan",
            "■ CÁC TIN KHÁC",
            "- Tin liên quan:",
            "\u{200b}Tin liên quan",
            "Tin mới nhất",
            "Đọc nhiều",
            "Có thể bạn quan tâm",
            "Văn bản chỉ đạo",
            "Ý kiến (3)",
            "Các tin, bài viết khác",
            "Các bài viết liên quan",
            "Mời quý độc giả xem thêm:",
            "Đọc tiếp",
            "**Tin liên quan:**",
            "**Xem thêm:**",
        ] {
            let text = format!("{PARA}\n\n{marker}\n\nMột tin khác\n");
            assert_eq!(cut_line(&text, None).as_deref(), Some(marker), "{marker}");
        }
    }

    #[test]
    fn a_box_inside_an_article_without_blank_lines() {
        let text = format!("Tiêu đề\n{PARA}\nTin liên quan\nQuy định số 114-QĐ/TW: Bước tiến mới\n{PARA} {PARA}\nVăn Lưu\nCác tin khác\nTin A\n");
        assert_eq!(
            skipped(&text),
            ["Tin liên quan", "Quy định số 114-QĐ/TW: Bước tiến mới"]
        );
        assert_eq!(cut_line(&text, None).as_deref(), Some("Các tin khác"));
        // Unsigned below, the box's summaries are other stories'.
        let text = format!("Tiêu đề\n{PARA}\nVăn Lưu\nTin liên quan\nCẩm Phả sắp xếp, sáp nhập thôn, khu\n{PARA} {PARA}\nHạ Long thí điểm mô hình mới\n{PARA} {PARA}\n");
        assert_eq!(cut_line(&text, None).as_deref(), Some("Tin liên quan"));
    }

    #[test]
    fn a_list_of_documents_after_the_article_ends_it() {
        let text = format!("Tiêu đề\n{PARA}\nMinh Thu\nSố: 125/KH-UBND\nKế hoạch tổ chức cuộc thi\nlượt xem: 424 | lượt tải:87\n");
        assert_eq!(cut_line(&text, None).as_deref(), Some("Số: 125/KH-UBND"));
        // A reprint's number heading, with no counter, does not.
        let text = format!(
            "Tiêu đề\n{PARA}\nSố: 125/KH-UBND\nLai Châu, ngày 15 tháng 01 năm 2022\n{PARA}\n"
        );
        assert_eq!(cut_line(&text, None), None);
    }

    #[test]
    fn tags_end_the_article() {
        for tags in [
            "#Sắp xếp bộ máy #Nghị quyết 18-NQ/TW",
            "Từ khóa: sinh hoạt chi bộ, Phong Thổ",
        ] {
            let text = format!("Tiêu đề\n{PARA}\n{tags}\nChi Lăng triển khai Chỉ thị 35-CT/TW\n");
            assert_eq!(cut_line(&text, None).as_deref(), Some(tags));
            // Above the article, they are left out.
            let text = format!("Tiêu đề\n{tags}\n{PARA}\n");
            assert_eq!(skipped(&text), [tags]);
            assert_eq!(cut_line(&text, None), None);
        }
        // A Markdown heading, or one `#`, is not.
        let text = format!("Tiêu đề\n{PARA}\n# Chương #1\n#Một\n{PARA}\n");
        assert!(skipped(&text).is_empty());
    }

    #[test]
    fn a_text_browsers_link_numbers_are_decoration() {
        let text = format!("Tiêu đề\n{PARA}\n[12]Tin cùng chuyên mục\n[13]Khác\n");
        assert_eq!(
            cut_line(&text, None).as_deref(),
            Some("[12]Tin cùng chuyên mục")
        );
        // A bracketed word is no link number.
        let text = format!("Tiêu đề\n{PARA}\n[Ảnh]Tin cùng chuyên mục\n");
        assert_eq!(cut_line(&text, None), None);
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
    fn heading_markers_do_not_take_a_sentence_or_subheading() {
        for line in [
            "Văn bản chỉ đạo kịp thời, sát thực tiễn",
            "Văn bản chỉ đạo của Tỉnh ủy được ban hành kịp thời, đúng định hướng.",
            "Cùng chủ đề sinh hoạt chi bộ, nhiều địa phương có cách làm hay",
            "Ý kiến bạn đọc được tiếp thu đầy đủ.",
        ] {
            let text = format!("{PARA}\n{line}\n{PARA}\n");
            assert_eq!(cut_line(&text, None), None, "{line}");
        }
        for line in [
            "Tin cùng chuyên mục Xây dựng Đảng",
            "Bạn đọc bình luận (3)",
            "Tin, bài liên quan",
            "Văn bản cùng chuyên mục",
            "Tin đã đưa",
            "Bài viết cùng chuyên mục: [Quy định 69-QĐ/TW về kỷ luật tổ chức đảng, đảng viên vi phạm](/tin/69.html), [Hướng dẫn 02](#)",
        ] {
            let text = format!("{PARA}\n{line}\nTin khác\n");
            assert_eq!(cut_line(&text, None).as_deref(), Some(line));
        }
    }

    #[test]
    fn a_series_parts_listed_under_the_article_end_it() {
        let text = format!("Tiêu đề\n{PARA}\nNhóm PV\n\nBài 1: Quán triệt Chỉ thị số 35-CT/TW\nBài 3: Kết luận số 14-KL/TW\n");
        assert_eq!(
            cut_line(&text, None).as_deref(),
            Some("Bài 1: Quán triệt Chỉ thị số 35-CT/TW")
        );
        let text = format!("Tiêu đề\n{PARA}\nKỳ cuối: Những việc cần làm ngay\n");
        assert_eq!(
            cut_line(&text, None).as_deref(),
            Some("Kỳ cuối: Những việc cần làm ngay")
        );
        // A part's number over its own section stays.
        let text =
            format!("Tiêu đề\n{PARA}\nPhần 1: Thực trạng\n{PARA}\nPhần 2: Giải pháp\n{PARA}\n");
        assert_eq!(cut_line(&text, None), None);
    }

    #[test]
    fn counters_and_sessions() {
        let text = format!("{PARA}\nTài liệu\nlượt xem: 424 | lượt tải:9\n");
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
        // Filled in, a field belongs to the article (a contest's rules).
        let text = format!("{PARA}\nEmail: btgtu@hanam.gov.vn\n{PARA}\n");
        assert_eq!(cut_line(&text, None), None);
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
        let text = format!("{PARA}\nCùng tác giả\nTin A\n");
        assert_eq!(cut_line(&text, None), None);
        let extra = Markers::new(&["Cùng tác giả".to_string()]);
        assert_eq!(
            cut_line(&text, Some(&extra)).as_deref(),
            Some("Cùng tác giả")
        );
    }

    #[test]
    fn first_line_is_never_cut() {
        assert_eq!(cut_line("Bình luận\nmột dòng\n", None), None);
    }
}
