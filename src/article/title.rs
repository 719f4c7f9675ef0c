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

/// The top of a page: which lines are its rubric, headline and date, and
/// which above them are the page's own (site name, menus, a ticker's date,
/// lists of other stories).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Head {
    pub rubric: Option<usize>,
    pub headline: Option<usize>,
    pub date: Option<(usize, NaiveDate)>,
    pub chrome: Vec<usize>,
}

/// Reads the top of `lines`, leaving out those `skip` marks. The leading
/// short unpunctuated lines are the headline; when a date line follows
/// them, the one just above the date is the headline and the one above it
/// the rubric. More lines above those are the page's top, not the article.
pub fn head(text: &str, lines: &[Line], skip: &[bool]) -> Head {
    // Work on the lines shown; `at` maps back to `lines`.
    let at: Vec<usize> = (0..lines.len())
        .filter(|&i| !skip.get(i).copied().unwrap_or(false))
        .collect();
    let shown: Vec<Line> = at.iter().map(|&i| lines[i].clone()).collect();
    let line = |j: usize| &text[shown[j].range.clone()];
    let date = date::find(text, &shown);
    // The line under the headline: the date line, or a byline (and the
    // author's affiliation) between the headline and the date, as journals
    // set them.
    let under_headline = date.map(|(d, _)| {
        (1..=2)
            .filter_map(|k| d.checked_sub(k))
            .find(|&j| j > 0 && super::structure::is_top_byline(line(j)))
            .unwrap_or(d)
    });
    // The headline under a date line at `d` (a rubric may come between):
    // a headline-like line with the lede under it.
    let headline_under = |d: usize| {
        let fits =
            |j: usize| j + 1 < shown.len() && is_headline(line(j)) && !is_headline(line(j + 1));
        [d + 1, d + 2]
            .into_iter()
            .find(|&j| fits(j) && (j == d + 1 || is_rubric(line(d + 1))))
    };
    let mut leading = Vec::new();
    let mut breadcrumb = None;
    for j in 0..shown.len().min(4) {
        if Some(j) == under_headline {
            continue;
        }
        if j == 0 && is_breadcrumb(line(j)) {
            breadcrumb = Some(j);
            continue;
        }
        if !is_headline(line(j)) {
            break;
        }
        leading.push(j);
    }
    // The page's top (its masthead, a menu) and a date line above the
    // headline: `BÁO ĐẮK NÔNG / Thời sự | Chính trị / Thứ Hai, 15/03/2021 /
    // <headline> / <lede>`: the date's line and the headline's.
    let top_above = under_headline
        .filter(|&d| {
            d > 0
                && date.is_some_and(|(at, _)| at == d)
                && (0..d).all(|j| is_top(line(j)))
                && (is_page_chrome(line(d - 1))
                    || is_rubric(line(d - 1))
                    || is_in_capitals(line(d - 1)))
                && (0..d).any(|j| is_page_chrome(line(j)) || is_in_capitals(line(j)))
        })
        .and_then(|d| Some((d, headline_under(d)?)));
    let mut chrome = Vec::new();
    let (rubric, headline) = match (top_above, under_headline) {
        (Some((d, h)), _) => {
            let rubric = [d - 1, d + 1]
                .into_iter()
                .find(|&j| j != h && is_rubric(line(j)) && !is_page_chrome(line(j)));
            chrome = (0..d).filter(|&j| Some(j) != rubric).collect();
            (rubric, Some(h))
        }
        // More than a rubric above the headline is the page's top: a site
        // name, a menu, a ticker with today's date, a list of other stories.
        // The article follows the date (a date at its end makes no top).
        (None, Some(d))
            if d > 2
                && is_headline(line(d - 1))
                && (0..d - 1).all(|j| is_top(line(j)))
                && (d + 1..shown.len()).any(|j| lines::is_paragraph(line(j))) =>
        {
            let rubric = Some(d - 2).filter(|&j| is_rubric(line(j)));
            chrome = (0..rubric.unwrap_or(d - 1)).collect();
            (rubric, Some(d - 1))
        }
        (None, Some(d)) if d > 0 && leading.contains(&(d - 1)) => {
            let above = leading.iter().copied().rfind(|&j| j < d - 1);
            (above.or(breadcrumb), Some(d - 1))
        }
        // No date line: the page's masthead and menus above the headline
        // are its top.
        _ => {
            let own = leading.iter().position(|&j| !is_page_chrome(line(j)));
            if let Some(k) = own {
                chrome = leading[..k].to_vec();
            }
            (breadcrumb, own.map(|k| leading[k]))
        }
    };
    // The body must keep a line: a page of one short line has no headline.
    let headline = headline.filter(|_| shown.len() > 1);
    Head {
        rubric: rubric.filter(|_| headline.is_some()).map(|j| at[j]),
        headline: headline.map(|j| at[j]),
        date: date.map(|(j, d)| (at[j], d)),
        chrome: chrome.into_iter().map(|j| at[j]).collect(),
    }
}

/// A line of a page's top: short and not an article's lede.
fn is_top(line: &str) -> bool {
    lines::is_short(line, 200) && lines::lede_prefix(line).is_none()
}

/// A line of the page around the article, never its headline: a
/// breadcrumb, a menu bar (`Thời sự | Chính trị | Kinh tế`, or its items
/// apart by wide gaps), a masthead (`Báo Gia Lai điện tử`, `CỔNG THÔNG TIN
/// ĐIỆN TỬ ĐẢNG BỘ TỈNH KON TUM`, `SONLA.ORG.VN - ...`).
fn is_page_chrome(line: &str) -> bool {
    const PORTALS: &[&str] = &["cong thong tin ", "trang thong tin ", "tap chi "];
    let line = line.trim();
    let folded = crate::vi::fold(line);
    // A provincial paper: `Báo` and the province (not `Báo chí ...`).
    let paper = folded.strip_prefix("bao ").is_some_and(|name| {
        let name = name
            .trim_end_matches(" online")
            .trim_end_matches(" dien tu");
        crate::gazetteer::Gazetteer::get()
            .province_by_key(name)
            .is_some()
    });
    let site = folded
        .split_whitespace()
        .next()
        .is_some_and(|w| [".vn", ".org", ".com"].iter().any(|d| w.ends_with(d)));
    is_breadcrumb(line)
        || line.matches('|').count() >= 2
        || line
            .split("  ")
            .filter(|item| !item.trim().is_empty())
            .count()
            >= 4
        || paper
        || site
        || PORTALS.iter().any(|m| folded.starts_with(m))
}

/// A line in capitals (`BÁO ĐẮK NÔNG`), as mastheads are set.
fn is_in_capitals(line: &str) -> bool {
    line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase)
}

/// A section's name over the headline (`Chính trị`, `Thời sự > Xây dựng
/// Đảng`), not a menu bar or another story's headline.
fn is_rubric(line: &str) -> bool {
    is_breadcrumb(line)
        || (is_headline(line)
            && lines::is_short(line, 60)
            && !line.contains(['|', '/'])
            && !line.chars().any(|c| c.is_ascii_digit()))
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

/// A reprinted document's own title, under its header (`TỈNH ỦY KON TUM /
/// Số 17-CT/TU / Kon Tum, ngày 5 tháng 8 năm 2019 / CHỈ THỊ / về tăng
/// cường ...`): its type, in capitals alone on a line a few lines under
/// the `Số` line near the top, and the subject under it, as a sentence
/// (`Chỉ thị về tăng cường ...`); the type and number when no subject
/// follows.
pub fn of_document(text: &str, lines: &[Line]) -> Option<String> {
    const TYPES: &[&str] = &[
        "NGHỊ QUYẾT",
        "CHỈ THỊ",
        "KẾT LUẬN",
        "QUY ĐỊNH",
        "QUYẾT ĐỊNH",
        "HƯỚNG DẪN",
        "KẾ HOẠCH",
        "CHƯƠNG TRÌNH",
        "THÔNG BÁO",
        "THÔNG TRI",
        "QUY CHẾ",
        "ĐỀ ÁN",
        "BÁO CÁO",
        "CÔNG VĂN",
    ];
    const TOP: usize = 20;
    let line = |j: usize| text[lines[j].range.clone()].trim();
    let top = lines.len().min(TOP);
    let numbered = (0..top).find(|&j| {
        let l = crate::vi::fold(line(j));
        (l.starts_with("so:") || l.starts_with("so "))
            && lines::is_short(&l, 40)
            && l.contains(|c: char| c.is_ascii_digit())
    })?;
    let kind = (numbered + 1..top.min(numbered + 6)).find(|&j| TYPES.contains(&line(j)))?;
    let mut kind_word = line(kind).to_lowercase();
    if let Some(first) = kind_word.chars().next() {
        kind_word.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
    }
    // The subject: the lines under the type that continue it, in lower
    // case or set in capitals (`VỀ TĂNG CƯỜNG ...`), up to a rule (`-----`)
    // or the text; the issuer set under the type (`CỦA BAN THƯỜNG VỤ TỈNH
    // ỦY`) is the header's, not the title's.
    let subject: Vec<String> = (kind + 1..lines.len().min(kind + 5))
        .map(line)
        .take_while(|l| {
            lines::is_short(l, 200)
                && (l.starts_with(|c: char| c.is_lowercase()) || is_in_capitals(l))
        })
        .filter(|l| !crate::vi::fold(l).starts_with("cua "))
        .map(|l| {
            if is_in_capitals(l) {
                l.to_lowercase()
            } else {
                l.to_string()
            }
        })
        .collect();
    let title = if subject.is_empty() {
        let number = line(numbered);
        let number = number
            .split_once([':', ' '])
            .map_or(number, |(_, n)| n.trim());
        format!("{kind_word} số {number}")
    } else {
        format!("{kind_word} {}", subject.join(" "))
    };
    Some(shorten(&title, MAX_TITLE))
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
    // The same without brackets: `ĐCSVN - `, `QĐND Online - `, `Baoquangninh.vn - `.
    static BARE: OnceLock<Regex> = OnceLock::new();
    let bare = BARE.get_or_init(|| {
        Regex::new(r"^(?:\p{Lu}[\p{Lu}\p{N}.&]{1,15}(?:\s+Online)?|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:vn|com|net|org))\s*[-–—]\s+")
            .expect("a valid regex")
    });
    if let Some(m) = bare.find(s) {
        s = &s[m.end()..];
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
        let h = head(text, &lines, &[]);
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
    fn the_page_top_above_the_headline_is_not_the_article() {
        let text = format!("BÁO THÁI BÌNH\nThứ Hai, 04/12/2023\nThời sự | Chính trị | Kinh tế\nChính trị\nVũ Thư: Học tập và làm theo Bác\nThứ Ba, 18/5/2021 15:30\n{P}\n");
        let lines = lines::split(&text, 0..text.len());
        let h = head(&text, &lines, &[]);
        let at = |i: usize| &text[lines[i].range.clone()];
        assert_eq!(h.headline.map(at), Some("Vũ Thư: Học tập và làm theo Bác"));
        assert_eq!(h.rubric.map(at), Some("Chính trị"));
        // Today's date on the ticker is not the article's.
        assert_eq!(h.date.map(|d| d.1), NaiveDate::from_ymd_opt(2021, 5, 18));
        assert_eq!(
            h.chrome.iter().map(|&i| at(i)).collect::<Vec<_>>(),
            [
                "BÁO THÁI BÌNH",
                "Thứ Hai, 04/12/2023",
                "Thời sự | Chính trị | Kinh tế"
            ]
        );
        // Another story's headline is no rubric; lines `skip` marks are not read.
        let text = format!("Tin nổi bật\nĐông Hưng: Triển khai Nghị quyết số 10-NQ/TU\nVũ Thư: Học tập\n18/5/2021\n{P}\n");
        let lines = lines::split(&text, 0..text.len());
        let h = head(&text, &lines, &[]);
        assert_eq!(
            (h.rubric, h.headline, h.chrome.as_slice()),
            (None, Some(2), &[0, 1][..])
        );
        let h = head(&text, &lines, &[false, false, true]);
        assert_eq!(h.headline, Some(1));
    }

    #[test]
    fn a_date_at_the_end_makes_no_page_top() {
        let text = format!("Tiêu đề\n{P}\n{P}\n{P}\nTheo Báo Hòa Bình\n15/5/2023\n");
        let lines = lines::split(&text, 0..text.len());
        let h = head(&text, &lines, &[]);
        assert!(h.chrome.is_empty(), "{:?}", h.chrome);
        assert_eq!(h.headline, Some(0));
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
    fn a_byline_between_headline_and_date() {
        for byline in [
            "PGS, TS Trần Thị Minh\nViện Xây dựng Đảng",
            "TS. NGUYỄN VĂN HÙNG",
            "NGUYỄN ANH - PHƯƠNG LINH",
            "Tác giả: Lò Văn Minh - Phó Chánh Văn phòng Tỉnh ủy",
        ] {
            let text = format!("Trang chủ > Xây dựng Đảng\n\nNâng cao chất lượng sinh hoạt chi bộ\n\n{byline}\n16:20, ngày 12-09-2023\n\n{P}\n");
            let (_, headline, date) = head_of(&text);
            assert_eq!(
                headline.as_deref(),
                Some("Nâng cao chất lượng sinh hoạt chi bộ"),
                "{byline}"
            );
            assert_eq!(date, NaiveDate::from_ymd_opt(2023, 9, 12));
        }
    }

    #[test]
    fn a_masthead_and_menu_above_the_date_and_headline() {
        for top in [
            "BÁO ĐẮK NÔNG\nThời sự  |  Chính trị  |  Kinh tế\nGia Nghĩa 24°C  Độ ẩm 82%   Thứ Hai, 15/03/2021",
            "Báo Gia Lai điện tử\nTrang chủ | Thời sự | Xây dựng Đảng\nXây dựng Đảng\nThứ Hai, 15/03/2021",
            "TỈNH ĐOÀN NGHỆ AN - CỔNG THÔNG TIN ĐIỆN TỬ\nTrang chủ   Giới thiệu   Tin tức   Văn bản\nTin tức » Hoạt động\nĐăng ngày: 15/03/2021 | Lượt xem: 1.204",
            "Cổng thông tin điện tử Đảng bộ tỉnh Kon Tum\nTrang chủ > Tin tức > Xây dựng Đảng\nCập nhật: 15/03/2021 14:20",
        ] {
            let text = format!("{top}\n\nĐắk Nông cụ thể hóa Nghị quyết Đại hội XIII\n\n{P}\n");
            let (_, headline, date) = head_of(&text);
            assert_eq!(headline.as_deref(), Some("Đắk Nông cụ thể hóa Nghị quyết Đại hội XIII"), "{top}");
            assert_eq!(date, NaiveDate::from_ymd_opt(2021, 3, 15), "{top}");
        }
    }

    #[test]
    fn a_masthead_is_no_headline() {
        let text = format!("Báo Hòa Bình\nHuyện Lạc Sơn quán triệt nghị quyết\n{P}\n");
        assert_eq!(
            head_of(&text).1.as_deref(),
            Some("Huyện Lạc Sơn quán triệt nghị quyết")
        );
        // A headline about the press is a headline.
        let text = format!("Báo chí tỉnh Hòa Bình với công tác xây dựng Đảng\n{P}\n");
        assert_eq!(
            head_of(&text).1.as_deref(),
            Some("Báo chí tỉnh Hòa Bình với công tác xây dựng Đảng")
        );
    }

    #[test]
    fn a_reprinted_documents_title() {
        let title = |text: &str| {
            let lines = lines::split(text, 0..text.len());
            of_document(text, &lines)
        };
        assert_eq!(
            title("TỈNH ỦY KON TUM\n*\nSố 17-CT/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nKon Tum, ngày 05 tháng 8 năm 2019\n\nCHỈ THỊ\nvề tăng cường sự lãnh đạo của Đảng\nđối với công tác bầu cử\n-----\nNhững năm qua, ...").as_deref(),
            Some("Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với công tác bầu cử")
        );
        assert_eq!(
            title("UBND TỈNH SƠN LA\nSố: 05/CT-UBND\nSơn La, ngày 18 tháng 02 năm 2020\nCHỈ THỊ\nTrong những năm qua, ...").as_deref(),
            Some("Chỉ thị số 05/CT-UBND")
        );
        assert_eq!(
            title("TỈNH ỦY KON TUM\nSố 17-CT/TU\nKon Tum, ngày 05 tháng 8 năm 2019\nCHỈ THỊ\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nVỀ TĂNG CƯỜNG CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN\n\nThời gian qua, ...").as_deref(),
            Some("Chỉ thị về tăng cường công tác phát triển đảng viên")
        );
        // An article that cites documents reprints none.
        assert_eq!(title(&format!("Tiêu đề\n{P}\nKẾ HOẠCH\nvề việc\n")), None);
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
        for lede in [
            "ĐCSVN - Ngày 15/8, Ban Thường vụ ban hành kế hoạch. Sau đó",
            "QĐND Online - Ban Thường vụ ban hành kế hoạch. Sau đó",
            "Baoquangninh.vn - Ban Thường vụ ban hành kế hoạch. Sau đó",
        ] {
            assert_eq!(from_lede(lede), "Ban Thường vụ ban hành kế hoạch", "{lede}");
        }
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
