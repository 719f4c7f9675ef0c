//! Publication dates as portals print them on a line of their own, near the
//! headline: `Thứ tư - 25/03/2015 09:21`, `Thứ Sáu, 27/08/2021`,
//! `(01/06/2020)`, `Thứ 2, Ngày 21 / 02 / 2022`, `30/11/2023`.
//!
//! Only whole lines count: a date inside a sentence is what the article
//! talks about, not when it was published. A date without a year (`Ngày
//! 8/8`) is left unknown rather than guessed.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use super::lines::Line;

/// How many lines from the top (and from the end of the body) may hold the
/// publication date.
const TOP_LINES: usize = 6;
const TAIL_LINES: usize = 3;
/// How far down a page's top (menus, lists of other stories) may push the
/// first paragraph and the date line above it.
const TOP_SCAN: usize = 40;

/// The date a whole line prints, if the line is nothing but a date (with
/// the weekday, a time, and the portal's view/comment counts around it).
pub fn parse_line(line: &str) -> Option<NaiveDate> {
    // A date line is short and has digits: most lines are neither.
    if line.len() > 240 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?xi)^
            (?:(?:cập\ nhật(?:\ lúc|\ ngày)?|cap\ nhat|ngày\ đăng|đăng\ ngày|ngày\ cập\ nhật|đăng\ lúc|ngày\ xuất\ bản|xuất\ bản|thời\ gian\ đăng|thời\ gian|đăng\ tải)\s*:?\s*)?
            (?:(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn|t[2-7])\s*[,\-–—]?\s*)?
            (?:(?:lúc\s*:?\s*)?\d{1,2}\s*[:h]\s*\d{2}'?\s*[,\-–—|]?\s*)?
            (?:(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn|t[2-7])\s*[,\-–—]?\s*)?
            (?:ngày\s*)?
            \(?\s*(?:
                (?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})
              | (?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*(?:năm\s+|,\s*|\s)(?P<y2>\d{4})
              | (?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})
            )\s*\)?
            (?:\s*[,\-–—|]?\s*(?:lúc\s*)?\d{1,2}\s*[:h]\s*\d{2}(?::\d{2})?(?:\s*(?:am|pm|sa|ch))?)?
            (?:\s*[(\[]?gmt\s*[+\-]?\s*\d*(?::\d{2})?[)\]]?)?
            (?:\s+\d+(?:[.,]\d{3})*){0,3}
            # what a portal prints beside it: `| Lượt xem: 1.523`, `- Tác giả: Hà Anh`
            (?:\s*[|\-–—]\s*(?:[\p{L}\ ]{2,20}:\s*[^|]{0,40}|[\d.,]+\s+lượt\s+(?:xem|đọc)))?
            \s*$",
        )
        .expect("a valid regex")
    });
    // Markdown's emphasis around it: `*Thứ Bảy, 16/09/2023 - 08:45*`.
    let line = line.trim().trim_matches(['*', '_']).trim();
    // The portal before it: `(Baohatinh.vn) - 09/06/2025 | 10:20`.
    let line = match super::lines::lede_prefix(line) {
        Some((_, len)) => &line[len..],
        None => line,
    };
    // What may stand before the date, past a separator: an outlet, an
    // author, a section, a place, the weather (`SGGP - Thứ Bảy, 18/11/2023`,
    // `Thành Duy • 21/07/2023`, `Sơn La, Thứ Hai, 08/11/2021`, `Pleiku
    // 21°C - Mưa rào nhẹ | Thứ Ba, 14/06/2022`).
    let caps = re.captures(line).or_else(|| {
        separators(line)
            .filter(|&(at, _)| is_before_date(&line[..at]))
            .map(|(at, rest)| (&line[at..rest], line[rest..].trim()))
            // `Thuận Hóa, ngày 18 tháng 8 năm 2025` heads a reprinted
            // document: its date, not the page's.
            .filter(|(sep, rest)| !(*sep == "," && rest.starts_with("ngày")))
            .find_map(|(_, rest)| re.captures(rest))
    })?;
    // Whichever of the three spellings matched.
    let num = |names: [&str; 3]| {
        names
            .iter()
            .find_map(|n| caps.name(n))?
            .as_str()
            .parse::<u32>()
            .ok()
    };
    let day = num(["d", "d2", "d3"])?;
    let month = num(["m", "m2", "m3"])?;
    let year = num(["y", "y2", "y3"])?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// Where `line` may be cut before a date: each separator's start and the
/// end of the separator.
fn separators(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    const SEPARATORS: [&str; 10] = [" - ", " – ", " — ", "•", "·", "|", ",", ":", "  ", "\t"];
    line.char_indices().filter_map(move |(at, _)| {
        SEPARATORS
            .iter()
            .find(|sep| line[at..].starts_with(**sep))
            .map(|sep| (at, at + sep.len()))
    })
}

/// Whether `prefix` is what a portal prints before its date line's date:
/// a few words (an outlet, an author, a place, a section), with numbers only
/// for the weather (`21°C`, `Độ ẩm 82%`), never a sentence.
fn is_before_date(prefix: &str) -> bool {
    let prefix = prefix.trim();
    if prefix.is_empty() || prefix.chars().count() > 60 {
        return false;
    }
    let mut chars = prefix.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
            while chars.peek() == Some(&' ') {
                chars.next();
            }
            if !matches!(chars.peek(), Some('°' | '%')) {
                return false;
            }
        } else if !(c.is_alphabetic() || " .:,-–—|•·°%()\t".contains(c)) {
            return false;
        }
    }
    true
}

/// The publication date among `lines` and the index of its line: the date
/// line nearest above the first paragraph (a ticker's date above the
/// headline is today's), else the first date line near the top, else the
/// last one at the end of the body.
pub fn find(text: &str, lines: &[Line]) -> Option<(usize, NaiveDate)> {
    let at = |i: usize| parse_line(&text[lines[i].range.clone()]).map(|d| (i, d));
    let first_paragraph = (0..lines.len().min(TOP_SCAN))
        .find(|&i| super::lines::is_paragraph(&text[lines[i].range.clone()]));
    let top = lines.len().min(TOP_LINES);
    let above_paragraph = first_paragraph.and_then(|p| (0..p).rev().find_map(at));
    above_paragraph
        .or_else(|| (0..top).find_map(at))
        .or_else(|| {
            (top.max(lines.len().saturating_sub(TAIL_LINES))..lines.len())
                .rev()
                .find_map(at)
        })
}

/// The date a reprinted document is signed at, on the place-and-date line
/// of its header near the top (`Kon Tum, ngày 05 tháng 8 năm 2019`): the
/// page's date when it prints none of its own.
pub fn signed(text: &str, lines: &[Line]) -> Option<NaiveDate> {
    (0..lines.len().min(TOP_SCAN)).find_map(|i| place_and_date(&text[lines[i].range.clone()]))
}

/// `Kon Tum, ngày 05 tháng 8 năm 2019` alone on its line.
fn place_and_date(line: &str) -> Option<NaiveDate> {
    let (place, date) = line.split_once(", ")?;
    (is_before_date(place) && date.trim_start().starts_with("ngày"))
        .then(|| parse_line(date))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn portal_date_lines() {
        assert_eq!(
            parse_line("Thứ tư - 25/03/2015 09:21 349 0"),
            ymd(2015, 3, 25)
        );
        assert_eq!(parse_line("Thứ Sáu, 27/08/2021"), ymd(2021, 8, 27));
        assert_eq!(parse_line("(01/06/2020)"), ymd(2020, 6, 1));
        assert_eq!(parse_line("Thứ 2, Ngày 21 / 02 / 2022"), ymd(2022, 2, 21));
        assert_eq!(parse_line("30/11/2023"), ymd(2023, 11, 30));
        assert_eq!(
            parse_line("Thứ năm, ngày 14 tháng 9 năm 2022"),
            ymd(2022, 9, 14)
        );
        assert_eq!(parse_line("Ngày 14 tháng 09, 2022 08:15"), ymd(2022, 9, 14));
        assert_eq!(parse_line("2022-09-14 08:15"), ymd(2022, 9, 14));
        assert_eq!(
            parse_line("Cập nhật lúc 08:30 ngày 12/05/2023"),
            ymd(2023, 5, 12)
        );
        assert_eq!(parse_line("Cập nhật: 08:15, 05/01/2019"), ymd(2019, 1, 5));
        // Labels, seconds and Vietnamese AM/PM, an offset with minutes, a
        // month without `năm`, what a portal prints beside the date.
        for (line, y, m, d) in [
            ("Ngày xuất bản: 05/09/2022", 2022, 9, 5),
            ("Ngày đăng: 18/08/2022 9:35:12 SA", 2022, 8, 18),
            ("Cập nhật lúc: 09:15 ngày 27/08/2021", 2021, 8, 27),
            ("Chủ Nhật, 15/01/2023, 07:00 (GMT+07:00)", 2023, 1, 15),
            ("Thứ năm, 15 Tháng 6 2023 08:30", 2023, 6, 15),
            ("Thứ tư, 20/09/2023 - 14:20 - Tác giả: Hà Anh", 2023, 9, 20),
            ("Thời gian đăng: 18/05/2023 14:20", 2023, 5, 18),
            ("Ngày đăng: 12/05/2023 | Lượt xem: 1.523", 2023, 5, 12),
            ("Cập nhật: 09:20, 03/11/2022 (GMT+7)", 2022, 11, 3),
            ("Thứ Bảy, 21/10/2023, 07:45 [GMT+7]", 2023, 10, 21),
            ("Cập nhật lúc: 15h30' ngày 18/3/2023", 2023, 3, 18),
            ("T7, 11/11/2023 | 07:20", 2023, 11, 11),
            ("*Thứ Bảy, 16/09/2023 - 08:45*", 2023, 9, 16),
            ("Thành Duy • 21/07/2023 - 09:15", 2023, 7, 21),
            ("Thứ hai - 14/10/2019 15:30 1.205 0", 2019, 10, 14),
            ("Thứ Tư, 10:15, 23/04/2025", 2025, 4, 23),
            ("Thứ hai - 12/10/2020 08:15 | 512 lượt xem", 2020, 10, 12),
            ("Cập nhật ngày: 16/06/2018 - 08:12", 2018, 6, 16),
            // The outlet first.
            ("SGGP - Thứ Bảy, 18/11/2023 08:10", 2023, 11, 18),
            ("VOV.VN - Thứ Bảy, 10/06/2024 | 07:00", 2024, 6, 10),
            ("Tạp chí Xây dựng Đảng - 03/11/2021", 2021, 11, 3),
            ("(Baohatinh.vn) - 09/06/2025 | 10:20", 2025, 6, 9),
            ("SGGP | Thứ Hai, 18/8/2025 05:30", 2025, 8, 18),
            ("Cập nhật: 28-09-2023 06:20:34", 2023, 9, 28),
            ("*Báo Đồng Tháp — 18/07/2024*", 2024, 7, 18),
            // A place, the weather.
            ("Sơn La, Thứ Hai, 08/11/2021", 2021, 11, 8),
            ("Sóc Trăng, 28/11/2019", 2019, 11, 28),
            (
                "Pleiku 21°C - Mưa rào nhẹ  |  Thứ Ba, 14/06/2022 07:30",
                2022,
                6,
                14,
            ),
            (
                "Gia Nghĩa 24°C  Độ ẩm 82%        Thứ Hai, 15/03/2021",
                2021,
                3,
                15,
            ),
            (
                "Hà Giang: 18°C - Nhiều mây   Thứ Tư, 05/07/2023",
                2023,
                7,
                5,
            ),
            ("Cap nhat: 12/10/2018", 2018, 10, 12),
        ] {
            assert_eq!(parse_line(line), ymd(y, m, d), "{line}");
        }
        // A sentence that starts with a date is no date line.
        assert_eq!(parse_line("25/10/2021 - Ban Thường vụ Tỉnh ủy họp bàn nhiều nội dung quan trọng về công tác cán bộ"), None);
        assert_eq!(
            parse_line("Chủ nhật, 12-5-2024 | 10:00 (GMT+7)"),
            ymd(2024, 5, 12)
        );
    }

    #[test]
    fn not_publication_dates() {
        assert_eq!(parse_line("Ngày 8/8"), None);
        assert_eq!(
            parse_line("Ngày 8/8, BTV Tỉnh ủy ban hành Chỉ thị số 26-CT/TU."),
            None
        );
        assert_eq!(parse_line("Nghị quyết số 22-NQ/TW ngày 02/02/2008"), None);
        assert_eq!(parse_line("31/02/2020"), None);
        assert_eq!(parse_line("4 3 15"), None);
        // Numbers before the date that are no weather: a sentence.
        assert_eq!(parse_line("Năm 2020, 15/3/2021"), None);
        assert_eq!(parse_line("Có 12 chi bộ | 15/3/2021"), None);
        // A reprinted document's place and date is no date line; it dates
        // a page that has none.
        assert_eq!(parse_line("Thuận Hóa, ngày 18 tháng 8 năm 2025"), None);
        let text = "TỈNH ỦY KON TUM\nSố 17-CT/TU\nKon Tum, ngày 05 tháng 8 năm 2019\nCHỈ THỊ\n";
        let lines = super::super::lines::split(text, 0..text.len());
        assert_eq!(find(text, &lines), None);
        assert_eq!(signed(text, &lines), ymd(2019, 8, 5));
    }

    #[test]
    fn only_near_the_top_or_the_end() {
        let text =
            "Tiêu đề\n\n12/01/2020\n\nMột\nHai\nBa\nBốn\nNăm\n13/01/2020\nSáu\nBảy\nTám\nChín\n";
        let lines = super::super::lines::split(text, 0..text.len());
        assert_eq!(
            find(text, &lines),
            Some((1, ymd(2020, 1, 12).unwrap_or_default()))
        );
        let late = "Tiêu đề\nMột\nHai\nBa\nBốn\nNăm\n13/01/2020\nSáu\nBảy\nTám\nChín\n";
        let lines = super::super::lines::split(late, 0..late.len());
        assert_eq!(find(late, &lines), None);
    }
}
