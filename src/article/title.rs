//! The article's title: the headline when the page prints one (a rubric
//! line above it is the section's name, not the title), otherwise the lede's
//! first sentence, shortened.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use super::lines::{self, Line};
use super::{date, shorten, structure};

/// A title built from the lede is cut near this many characters.
pub const MAX_TITLE: usize = 120;

/// The top of a page: which lines are its rubric, headline and date.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Head {
    pub rubric: Option<usize>,
    pub headline: Option<usize>,
    pub date: Option<(usize, NaiveDate)>,
}

/// Reads the top of `lines`. The leading short unpunctuated lines are the
/// headline; when a date line follows them, the one just above the date is
/// the headline and any above it the rubric.
pub fn head(text: &str, lines: &[Line]) -> Head {
    let date = date::find(text, lines);
    let date_line = date.map(|(i, _)| i);
    let mut leading = Vec::new();
    let mut breadcrumb = None;
    for (i, line) in lines.iter().enumerate().take(4) {
        if Some(i) == date_line {
            continue;
        }
        let line = &text[line.range.clone()];
        if i == 0 && is_breadcrumb(line) {
            breadcrumb = Some(i);
            continue;
        }
        if !is_headline(line) {
            break;
        }
        leading.push(i);
    }
    let (rubric, headline) = match date_line {
        Some(d) if d > 0 && leading.contains(&(d - 1)) => {
            let above = leading.iter().copied().rfind(|&i| i < d - 1);
            (above.or(breadcrumb), Some(d - 1))
        }
        _ => (breadcrumb, leading.first().copied()),
    };
    // The body must keep a line: a page of one short line has no headline.
    let headline = headline.filter(|_| lines.len() > 1);
    Head {
        rubric: rubric.filter(|_| headline.is_some()),
        headline,
        date,
    }
}

/// A portal's trail to the page, `Trang chủ » Xây dựng Đảng`: the section,
/// not the headline.
fn is_breadcrumb(line: &str) -> bool {
    let line = line.trim();
    lines::is_short(line, 200)
        && (line.contains(['»', '›']) || crate::vi::fold(line).starts_with("trang chu "))
}

/// A headline: short, not a sentence, not a lede, a caption or a byline.
fn is_headline(line: &str) -> bool {
    lines::is_short(line, 200)
        && !lines::ends_sentence(line)
        && lines::starts_capital(line)
        && lines::lede_prefix(line).is_none()
        && !structure::is_caption(line)
        && structure::is_labelled_byline(line).is_none()
        && !structure::is_name_line(line)
}

/// A title from the lede: without the portal's `(HBĐT) - ` and a leading
/// dateline (`Ngày 8/8, `), its first sentence, cut near [`MAX_TITLE`].
pub fn from_lede(lede: &str) -> String {
    static DATELINE: OnceLock<Regex> = OnceLock::new();
    let dateline = DATELINE.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:(?:sáng|chiều|tối|trưa|đêm)(?:\s+nay)?\s+)?(?:ngày\s+)?\(?\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{2,4})?\)?\s*,\s*",
        )
        .expect("a valid regex")
    });
    let mut s = lede.trim();
    if let Some((_, len)) = lines::lede_prefix(s) {
        s = &s[len..];
    }
    if let Some(m) = dateline.find(s) {
        s = &s[m.end()..];
    }
    let sentence = first_sentence(s).trim_end_matches(['.', ' ']);
    let mut title = String::with_capacity(sentence.len() + 3);
    let mut chars = sentence.chars();
    if let Some(c) = chars.next() {
        title.extend(c.to_uppercase());
        title.push_str(chars.as_str());
    }
    shorten(&title, MAX_TITLE)
}

/// Up to the first `.`, `!` or `?` followed by a space and a capital,
/// unless the stop ends an abbreviation (`TP. Hồ Chí Minh`, `T.Ư. Đảng`):
/// a token of at most four capitals and dots.
fn first_sentence(text: &str) -> &str {
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next_capital = text[i + 1..]
            .strip_prefix(' ')
            .and_then(|a| a.chars().next())
            .is_some_and(char::is_uppercase);
        let token = text[..i].rsplit(' ').next().unwrap_or("");
        let abbreviation = c == '.'
            && !token.is_empty()
            && token.chars().filter(|c| c.is_alphabetic()).count() <= 4
            && token.chars().all(|c| c.is_uppercase() || c == '.');
        if next_capital && !abbreviation {
            return &text[..=i];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head_of(text: &str) -> (Option<String>, Option<String>, Option<NaiveDate>) {
        let lines = lines::split(text, 0..text.len());
        let h = head(text, &lines);
        let at = |i: Option<usize>| i.map(|i| text[lines[i].range.clone()].to_string());
        (at(h.rubric), at(h.headline), h.date.map(|d| d.1))
    }

    const P: &str = "Đảng bộ huyện hiện có 66 chi, đảng bộ cơ sở, với hơn 9.470 đảng viên.";

    #[test]
    fn rubric_above_headline_and_date() {
        let text = format!("Đưa nghị quyết vào cuộc sống\n\nXây dựng chi bộ trong sạch\n\nThứ Sáu, 27/08/2021\n\n{P}\n");
        let (rubric, headline, date) = head_of(&text);
        assert_eq!(rubric.as_deref(), Some("Đưa nghị quyết vào cuộc sống"));
        assert_eq!(headline.as_deref(), Some("Xây dựng chi bộ trong sạch"));
        assert_eq!(date, NaiveDate::from_ymd_opt(2021, 8, 27));
    }

    #[test]
    fn headline_without_date() {
        let (rubric, headline, date) = head_of(&format!("Công tác xây dựng Đảng\n\n{P}\n"));
        assert_eq!(
            (rubric, headline.as_deref(), date),
            (None, Some("Công tác xây dựng Đảng"), None)
        );
    }

    #[test]
    fn a_breadcrumb_is_the_section_not_the_headline() {
        let text = format!("Trang chủ » Xây dựng Đảng\nNâng cao chất lượng đảng viên mới\nCập nhật lúc 08:30 ngày 12/05/2023\n{P}\n");
        let (rubric, headline, date) = head_of(&text);
        assert_eq!(rubric.as_deref(), Some("Trang chủ » Xây dựng Đảng"));
        assert_eq!(
            headline.as_deref(),
            Some("Nâng cao chất lượng đảng viên mới")
        );
        assert_eq!(date, NaiveDate::from_ymd_opt(2023, 5, 12));
        let (rubric, headline, _) =
            head_of(&format!("Trang chủ > Tin tức\nChi bộ kiểu mẫu\n{P}\n"));
        assert_eq!(rubric.as_deref(), Some("Trang chủ > Tin tức"));
        assert_eq!(headline.as_deref(), Some("Chi bộ kiểu mẫu"));
    }

    #[test]
    fn a_lede_is_no_headline() {
        let (_, headline, _) = head_of(&format!("(HBĐT) - {P}\n\n{P}\n"));
        assert_eq!(headline, None);
    }

    #[test]
    fn title_from_the_lede() {
        let t = from_lede(
            "(HBĐT) - Ngày 8/8, BTV Tỉnh uỷ ban hành Chỉ thị số 26-CT/TU. Chỉ thị nêu rõ.",
        );
        assert_eq!(t, "BTV Tỉnh uỷ ban hành Chỉ thị số 26-CT/TU");
        let t = from_lede("(ABC) - sáng 3/2, tại TP. Hồ Chí Minh diễn ra hội nghị. Sau đó");
        assert_eq!(t, "Tại TP. Hồ Chí Minh diễn ra hội nghị");
        let long = format!(
            "(HBĐT) - {}",
            "nâng cao chất lượng sinh hoạt chi bộ ".repeat(10)
        );
        let t = from_lede(&long);
        assert!(
            t.ends_with('…') && t.chars().count() <= MAX_TITLE + 1,
            "{t}"
        );
        assert!(t.starts_with("Nâng cao chất lượng"), "{t}");
    }
}
