//! The body's lines → blocks a reader recognises: paragraphs, subheadings,
//! photo captions and author lines. Image junk (`4 3 15`) and a caption the
//! page prints twice (alt text + caption) are dropped.

use std::sync::OnceLock;

use regex::Regex;

use super::boilerplate::loose;
use super::lines::{self, Line};
use super::{Block, BlockKind};
use crate::gazetteer::{self, Gazetteer};

/// A subheading or caption is at most this many characters.
const SHORT: usize = 120;

/// Blocks for `lines` (the body, boilerplate already cut), leaving out the
/// lines `skip` marks (headline, rubric, date line).
pub fn blocks(text: &str, lines: &[Line], skip: &[bool]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    // The line index each block ends on, to join a block with the next line.
    let mut last_line: Vec<usize> = Vec::new();
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.iter().enumerate() {
        if skip.get(i).copied().unwrap_or(false) {
            continue;
        }
        let s = &text[line.range.clone()];
        if is_junk(s) {
            continue;
        }
        // The block ending on the line just before, if any.
        let prev = (i > 0 && last_line.last() == Some(&(i - 1))).then(|| blocks.len() - 1);
        if let Some(p) = prev {
            let before = &text[lines[i - 1].range.clone()];
            // A line printed twice is an image's alt text and its caption.
            if before == s {
                blocks[p].kind = BlockKind::Caption;
                continue;
            }
            let joined = !line.blank_before;
            // A caption broken over two lines: `… xã Thu Lũm (Mường Tè)` /
            // `làm đường dân sinh (ảnh: AT)`.
            if joined
                && is_caption(s)
                && starts_lower(s)
                && lines::is_short(before, SHORT)
                && !lines::ends_sentence(before)
                && matches!(
                    blocks[p].kind,
                    BlockKind::Heading | BlockKind::Paragraph | BlockKind::Caption
                )
            {
                blocks[p].kind = BlockKind::Caption;
                blocks[p].range.end = line.range.end;
                last_line[p] = i;
                continue;
            }
            // A byline's second line: the author's position.
            if joined
                && blocks[p].kind == BlockKind::Byline
                && lines::is_short(s, SHORT)
                && !lines::ends_sentence(s)
            {
                blocks[p].range.end = line.range.end;
                last_line[p] = i;
                continue;
            }
        }
        let kind = if is_labelled_byline(s).is_some()
            || is_name_line(s)
            || (i == last && (is_initials(s) || is_signature(s)))
        {
            BlockKind::Byline
        } else if is_caption(s) {
            BlockKind::Caption
        } else if !blocks.is_empty()
            && i < last
            && lines::is_short(s, SHORT)
            && !lines::ends_sentence(s)
            && lines::starts_capital(s)
        {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        blocks.push(Block {
            kind,
            range: line.range.clone(),
        });
        last_line.push(i);
    }
    lone_heading_is_caption(&mut blocks);
    blocks
}

/// Subheadings divide an article into sections, so there are two or more;
/// a single short unpunctuated line in a body is a photo's caption
/// (`Đảng bộ Ủy ban MTTQ tỉnh kết nạp đảng viên mới năm 2018`).
fn lone_heading_is_caption(blocks: &mut [Block]) {
    let mut headings = blocks.iter_mut().filter(|b| b.kind == BlockKind::Heading);
    if let (Some(only), None) = (headings.next(), headings.next()) {
        only.kind = BlockKind::Caption;
    }
}

/// No letters at all: counters and image sizes left by the scraper.
fn is_junk(line: &str) -> bool {
    !line.chars().any(char::is_alphabetic)
}

fn starts_lower(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

/// A photo caption: `… (ảnh: TP)`, `Ảnh: Xuân Thu`, `… . Ảnh chụp tháng 3/2021.`,
/// `… - Ảnh: Minh Anh`.
pub fn is_caption(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            \((?:anh|nguon\ anh|anh\ minh\ hoa)\b[^()]*\)\.?$
            | ^anh\ ?(?::|minh\ hoa|tu\ lieu|chup\b)
            | (?:[.!?]\ |\ [-–]\ ?)anh\ ?(?::|chup\b|minh\ hoa|tu\ lieu)[^.!?]{0,100}\.?$",
        )
        .expect("a valid regex")
    });
    // Every caption names the photo (`ảnh`); only those lines are folded.
    lines::is_short(line, 400)
        && ["ảnh", "Ảnh", "ẢNH"].iter().any(|a| line.contains(a))
        && re.is_match(&loose(line))
}

/// `Tác giả bài viết: X`, `Bài, ảnh: X`, `Bài và ảnh: X`, `Tin: X`: the
/// author's name as printed.
pub fn is_labelled_byline(line: &str) -> Option<&str> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:tác giả(?: bài viết)?|bài(?:\s*(?:,|và)\s*ảnh)?|tin(?:\s*(?:,|và)\s*ảnh)?|nhóm (?:pv|phóng viên)|phóng viên|pv)\s*:\s*(\S.{0,80})$",
        )
        .expect("a valid regex")
    });
    // `PV: Năm 2023, ngành đặt ra những nhiệm vụ gì?` asks, it does not sign.
    re.captures(line)?
        .get(1)
        .map(|m| m.as_str().trim())
        .filter(|name| {
            // The name, before the post it may give (`Lò Văn Minh - Phó Chánh ...`).
            let head = name.split(" - ").next().unwrap_or(name);
            let head = head.split(" – ").next().unwrap_or(head);
            !lines::ends_sentence(name) && head.split_whitespace().count() <= 8
        })
}

/// A person's name on a line of its own (`Hải Yến`, `Nguyễn Đức Cường`),
/// perhaps with its unit after a dash or in brackets: 2 to 5 capitalised
/// words, none of them a place's name.
pub fn is_name_line(line: &str) -> bool {
    name(line).is_some_and(|head| !is_place(head))
}

/// Whether `name` is a province's or a district's.
fn is_place(name: &str) -> bool {
    let g = Gazetteer::get();
    let key = gazetteer::word_key(name);
    g.province_by_key(&key).is_some() || g.district_province_by_key(&key).is_some()
}

/// A person's name as a byline writes it (`PGS, TS Trần Thị Minh`, `TS.
/// NGUYỄN VĂN HÙNG`, `Phương Hoa/TTXVN`): not a pen name in capitals alone,
/// which only the body's last line is read as.
pub fn is_person_name(line: &str) -> bool {
    name(line).is_some()
}

/// A byline over an article, under its headline: a person's name, a
/// labelled byline (`Tác giả: Lò Văn Minh - ...`), or two pen names in
/// capitals (`NGUYỄN ANH - PHƯƠNG LINH`).
pub fn is_top_byline(line: &str) -> bool {
    let pen_names = || {
        let parts: Vec<&str> = line.split([',', '-', '–']).map(str::trim).collect();
        parts.len() >= 2 && parts.iter().all(|p| is_name_in_capitals(p))
    };
    is_person_name(line) || is_labelled_byline(line).is_some() || pen_names()
}

/// A name signing the body's last line, where it may also be a place's
/// (`Thanh Hà`, `Hương Trà` are people's names as well).
pub fn is_signature(line: &str) -> bool {
    name(line).is_some() || is_name_in_capitals(line)
}

/// The name a name line holds, shaped as a person's: 2 to 5 capitalised
/// words, after an academic title (`TS.`, `PGS, TS`) and before the unit
/// or agency (` - Học viện ...`, `(TTXVN)`, `/TTXVN`).
fn name(line: &str) -> Option<&str> {
    if !lines::is_short(line, 80) {
        return None;
    }
    let head = line
        .split_once(" - ")
        .or_else(|| line.split_once(" – "))
        .or_else(|| line.split_once('('))
        .or_else(|| line.split_once('/'))
        .map_or(line, |(h, _)| h)
        .trim();
    const TITLES: &[&str] = &["PGS", "GS", "TS", "ThS", "NCS", "CN", "KS", "BS"];
    let mut head = head;
    let mut titled = false;
    while let Some(title) = head
        .split([' ', '.', ','])
        .next()
        .filter(|w| TITLES.contains(w))
    {
        head = head[title.len()..].trim_start_matches(['.', ',', ' ']);
        titled = true;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || head.chars().count() > 40 {
        return None;
    }
    // A paper or a portal is not a person (`Báo Tuyên Quang - Giấy phép ...`).
    if matches!(
        words[0],
        "Báo" | "Cổng" | "Trang" | "Tạp" | "Đài" | "Theo" | "Nguồn"
    ) {
        return None;
    }
    // After an academic title, a name may be in capitals (`TS. NGUYỄN VĂN HÙNG`).
    let capitalised = words.iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.all(|c| c.is_lowercase() || titled && c.is_uppercase())
    });
    capitalised.then_some(head)
}

/// A pen name in capitals (`MINH THU`, `NGUYỄN THẮNG`): 2 to 4 words,
/// not a place's name. Only the body's last line is read so, where a
/// heading in capitals cannot stand.
pub fn is_name_in_capitals(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && line.chars().count() <= 30
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() && c.is_uppercase()))
        && !is_place(line)
}

/// A reporter's initials closing an article: `P.V(TH)`, `PV`, `T.L`,
/// `T.H (tổng hợp)`.
pub fn is_initials(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^\p{Lu}[\p{Lu}.]{0,7}\s*(?:\(\s*(?:[\p{Lu}.]{1,8}|tổng hợp)\s*\))?$")
            .expect("a valid regex")
    });
    re.is_match(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, String)> {
        let lines = lines::split(text, 0..text.len());
        blocks(text, &lines, &[])
            .into_iter()
            .map(|b| (b.kind, text[b.range].to_string()))
            .collect()
    }

    const P: &str = "Một đoạn văn của bài báo.";

    #[test]
    fn a_pen_name_in_capitals_signs_only_at_the_end() {
        let text = format!("{P}\nKẾT QUẢ NỔI BẬT\n{P}\nMINH THU\n");
        let k = kinds(&text);
        assert_ne!(k[1].0, BlockKind::Byline);
        assert_eq!(k[3], (BlockKind::Byline, "MINH THU".to_string()));
    }

    #[test]
    fn subheadings_between_paragraphs() {
        let text = format!("{P}\nSát sao trong lãnh đạo, chỉ đạo\n{P}\nHiệu quả triển khai\n{P}\n");
        let k = kinds(&text);
        assert_eq!(
            k[1],
            (BlockKind::Heading, "Sát sao trong lãnh đạo, chỉ đạo".into())
        );
        assert_eq!(k[3].0, BlockKind::Heading);
        assert_eq!(k[4].0, BlockKind::Paragraph);
    }

    #[test]
    fn a_lone_short_line_is_a_caption() {
        let text = format!("{P}\nĐảng bộ Ủy ban MTTQ tỉnh kết nạp đảng viên mới năm 2018\n{P}\n");
        assert_eq!(kinds(&text)[1].0, BlockKind::Caption);
    }

    #[test]
    fn caption_styles() {
        for c in [
            "Lớp bồi dưỡng nghiệp vụ tại huyện Than Uyên năm 2014 (ảnh: TP)",
            "Ảnh: Xuân Thu",
            "Các đại biểu dự hội nghị. Ảnh chụp tháng 3/2021.",
            "Đồng chí Bí thư Tỉnh ủy phát biểu tại hội nghị - Ảnh: Minh Anh",
            "Quang cảnh hội nghị (Ảnh minh họa)",
        ] {
            assert!(is_caption(c), "{c}");
        }
        for p in [
            "Ảnh hưởng của dịch bệnh còn kéo dài.",
            P,
            "Hình ảnh: không phải",
        ] {
            assert!(!is_caption(p), "{p}");
        }
    }

    #[test]
    fn repeated_line_shown_once_as_caption() {
        let c = "Lãnh đạo xã tuyên truyền đến Nhân dân (ảnh: TP)";
        let text = format!("{P}\n{c}\n{c}\n{P}\n");
        let k = kinds(&text);
        assert_eq!(k.len(), 3);
        assert_eq!(k[1], (BlockKind::Caption, c.into()));
    }

    #[test]
    fn caption_over_two_lines_is_one() {
        let text =
            format!("{P}\n\nCán bộ xã Thu Lũm (Mường Tè) \nlàm đường dân sinh (ảnh: AT)\n\n{P}\n");
        let k = kinds(&text);
        assert_eq!(k.len(), 3);
        assert_eq!(k[1].0, BlockKind::Caption);
        assert!(k[1].1.starts_with("Cán bộ") && k[1].1.ends_with("(ảnh: AT)"));
    }

    #[test]
    fn junk_lines_go() {
        let text = format!("{P}\n \n4 3 15\n{P}\n");
        assert_eq!(kinds(&text).len(), 2);
    }

    #[test]
    fn bylines() {
        assert_eq!(
            is_labelled_byline("Tác giả bài viết: Thúy Vân - Văn phòng Tỉnh ủy"),
            Some("Thúy Vân - Văn phòng Tỉnh ủy")
        );
        assert_eq!(
            is_labelled_byline("Bài, ảnh: Thúy Hường"),
            Some("Thúy Hường")
        );
        assert_eq!(is_labelled_byline("Bài và ảnh: Lê Minh"), Some("Lê Minh"));
        assert_eq!(is_labelled_byline("Ảnh: Xuân Thu"), None);
        assert!(is_signature("TS. Nguyễn Văn An"));
        assert!(is_person_name("PGS.TS. NGUYỄN VĂN HÙNG"));
        assert!(is_top_byline("NGUYỄN ANH - PHƯƠNG LINH"));
        assert!(is_top_byline(
            "Tác giả: Lò Văn Minh - Phó Chánh Văn phòng Tỉnh ủy"
        ));
        assert!(!is_top_byline(
            "XÂY DỰNG ĐẢNG - NHIỆM VỤ THEN CHỐT CỦA TOÀN ĐẢNG"
        ));
        assert!(!is_person_name("XÂY DỰNG ĐẢNG VỮNG MẠNH"));
        assert!(is_signature(
            "PGS, TS Nguyễn Minh Tuấn - Học viện Chính trị"
        ));
        assert!(is_signature("Phương Hoa/TTXVN"));
        assert!(is_signature("Thanh Hà"));
        assert!(!is_name_line("Thanh Hà"));
        assert!(is_initials("T.H (tổng hợp)"));
        assert_eq!(
            is_labelled_byline("PV: Năm 2023, ngành Kiểm tra đặt ra những nhiệm vụ gì?"),
            None
        );
        assert_eq!(is_labelled_byline("Bài, ảnh: Minh Thu"), Some("Minh Thu"));
        assert!(is_name_in_capitals("MINH THU"));
        assert!(is_name_in_capitals("NGUYỄN THẮNG"));
        assert!(!is_name_in_capitals("LAI CHÂU"));
        assert!(!is_name_in_capitals("CHI BỘ 4 TỐT"));
        assert!(is_name_line("Hải Yến"));
        assert!(!is_name_line("Báo Tuyên Quang - Giấy phép số 91/GP-BTTTT"));
        assert!(!is_signature("Theo Báo Lai Châu"));
        assert!(is_name_line("Nguyễn Đức Cường"));
        assert!(!is_name_line("Lai Châu"));
        assert!(!is_name_line("Sát sao trong lãnh đạo"));
        assert!(is_initials("P.V(TH)"));
        assert!(is_initials("PV"));
    }

    #[test]
    fn box_piece_keeps_its_sections() {
        let text = format!("{P}\nHải Yến\n\nMột giải pháp quan trọng\n\n{P}\n\nNguyễn Đức Cường\nBí thư Đảng ủy Khối\n\nCần tăng cường sinh hoạt\n\n{P}\n\nĐặng Văn Vónh\nBí thư chi bộ\n");
        let k: Vec<BlockKind> = kinds(&text).into_iter().map(|b| b.0).collect();
        use BlockKind::*;
        assert_eq!(
            k,
            [Paragraph, Byline, Heading, Paragraph, Byline, Heading, Paragraph, Byline]
        );
        assert_eq!(kinds(&text)[4].1, "Nguyễn Đức Cường\nBí thư Đảng ủy Khối");
    }
}
