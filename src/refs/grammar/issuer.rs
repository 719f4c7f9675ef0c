//! Issuers as the text names them: `Bộ Chính trị`, `BCH T.Ư Đảng khóa
//! XIII`, `Ban Thường vụ Tỉnh ủy Yên Bái`, `UBND tỉnh`, ... and the code
//! each writes on its documents.

use super::plenum::plenum;
use super::read::*;
use super::{Issuer, Organ};
use crate::gazetteer::Gazetteer;
use regex::Regex;
use std::sync::OnceLock;

/// Whether a Party issuer code is a district's committee: a Huyện ủy
/// (`HU`), Quận ủy (`QU`), or a Thành ủy or Thị ủy under a province (`ThU`,
/// and `TX` as some Thị ủy write it), or one of its boards (`UBKTHU`,
/// `BTCHU`), which number their documents as the committee does.
pub fn is_district_committee(code: &str) -> bool {
    matches!(committee_of(code), "HU" | "QU" | "ThU" | "TX")
}

/// A Party committee's boards, as named and as their codes begin (`BTC` +
/// `TW`, `TU`, `HU`); `BTGDV` before `BTG`, the first that fits is taken.
const BOARDS: &[(&str, &str)] = &[
    ("ban tuyên giáo và dân vận", "BTGDV"),
    ("ban tổ chức", "BTC"),
    ("ban tuyên giáo", "BTG"),
    ("ban dân vận", "BDV"),
    ("ban nội chính", "BNC"),
    ("ban kinh tế", "BKT"),
    ("ủy ban kiểm tra", "UBKT"),
    ("ubkt", "UBKT"),
    ("văn phòng", "VP"),
];

/// The committee part of an issuer code: `UBKTHU` → `HU`, `TU` → `TU`.
fn committee_of(code: &str) -> &str {
    BOARDS
        .iter()
        .find_map(|(_, b)| code.strip_prefix(b).filter(|rest| !rest.is_empty()))
        .unwrap_or(code)
}

/// Centrally-run cities, whose `Thành ủy` numbers like a `Tỉnh ủy` (`TU`).
pub const CENTRAL_CITIES: &[&str] = &["ha-noi", "ho-chi-minh", "hai-phong", "da-nang", "can-tho"];

/// A province name at `i` (after `tỉnh`, `Tỉnh ủy`, ...), as a slug.
pub(super) fn province_name(s: &str, i: usize) -> Option<(String, usize)> {
    let i = ws(s, i, false);
    let capital = |i: usize| char_at(s, i).is_some_and(char::is_uppercase);
    // A name that holds its unit: `TP.HCM`, `TPHCM`.
    if capital(i) {
        if let Some((p, len)) = Gazetteer::get().province_at_start(&s[i..]) {
            return Some((p.slug.clone(), i + len));
        }
    }
    let i = any_phrase(s, i, &["tỉnh", "thành phố", "tp"])
        .map(|e| ws(s, punct(s, e, &['.']).unwrap_or(e), false))
        .unwrap_or(i);
    if !capital(i) {
        return None;
    }
    let (p, len) = Gazetteer::get().province_at_start(&s[i..])?;
    Some((p.slug.clone(), i + len))
}

/// The district named at `i` (`Vĩnh Tường`, `huyện Châu Thành`, `Quận 3`),
/// and the province after it if the text names it there (`Quận ủy Ba Đình
/// (Hà Nội)`, `UBND huyện Tam Đảo, tỉnh Vĩnh Phúc`): the (province slug,
/// district slug) it may be, and where the name ends. A name several
/// provinces share (`Châu Thành`) may be several, unless the province
/// named decides; the article's province may decide later.
pub(super) fn district_place(s: &str, i: usize) -> Option<(Vec<(String, String)>, usize)> {
    let (mut places, e) = district_names(s, i)?;
    let (province, end) = its_province(s, e);
    if let Some(p) = province {
        if places.iter().any(|(dp, _)| *dp == p) {
            places.retain(|(dp, _)| *dp == p);
        }
    }
    Some((places, end))
}

/// The districts the text names with their unit (`huyện Kim Bôi`, `Huyện
/// ủy Lạc Sơn`, `thị xã Nghĩa Lộ`, `Quận 3`) that may be in `province`, as
/// slugs, in reading order and as often as named. A `thành phố` is left
/// out: it may be a province's own name (`thành phố Hòa Bình`).
pub fn districts_named(s: &str, province: &str) -> Vec<String> {
    static UNIT: OnceLock<Regex> = OnceLock::new();
    let unit = UNIT.get_or_init(|| {
        Regex::new(r"(?i)huyện|quận|thị xã|thị ủy|thị uỷ|thành ủy|thành uỷ").expect("a valid regex")
    });
    units_named(s, province, unit)
}

/// The cities of `province` the text names (`thành phố Lào Cai`, `TP. Vĩnh
/// Yên`, `Thành ủy Bảo Lộc`), as slugs, in reading order: the city of an
/// unnamed `Đảng bộ thành phố` in a province that is not itself a city.
pub fn cities_named(s: &str, province: &str) -> Vec<String> {
    static UNIT: OnceLock<Regex> = OnceLock::new();
    let unit = UNIT
        .get_or_init(|| Regex::new(r"(?i)thành phố|thành ủy|thành uỷ|tp").expect("a valid regex"));
    units_named(s, province, unit)
}

/// The districts of `province` named after the unit words `unit` finds,
/// in reading order and as often as named.
fn units_named(s: &str, province: &str, unit: &Regex) -> Vec<String> {
    let mut out = Vec::new();
    for m in unit.find_iter(s) {
        if !at_word_start(s, m.start()) || char_at(s, m.end()).is_some_and(is_word_char) {
            continue;
        }
        // `Huyện ủy Kim Bôi`, `Thị ủy Vĩnh Châu`: the name after the organ;
        // else after the unit.
        let organ = if norm(m.as_str()).ends_with("ủy") {
            Some(m.end())
        } else {
            any_phrase(s, ws(s, m.end(), false), &["ủy"])
        };
        let named = match organ {
            Some(e) => district_names(s, e),
            None => district_names(s, m.start()),
        };
        if let Some((places, _)) = named {
            let here = places.into_iter().find(|(p, _)| p == province);
            out.extend(here.map(|(_, d)| d));
        }
    }
    out
}

/// The districts a name at `i` may be, and where the name ends.
fn district_names(s: &str, i: usize) -> Option<(Vec<(String, String)>, usize)> {
    let i = ws(s, i, false);
    // `TP Thủ Đức`, `TP. Vĩnh Yên`: the city written short.
    let unit = any_phrase(s, i, &["huyện", "quận", "thị xã", "thành phố", "tp"])
        .map(|e| punct(s, e, &['.']).unwrap_or(e));
    let i = unit.map(|e| ws(s, e, false)).unwrap_or(i);
    let g = Gazetteer::get();
    let places = |name: &str| -> Vec<(String, String)> {
        g.districts(&name.replace('’', "'"))
            .into_iter()
            .map(|d| (g.provinces[d.province].slug.clone(), d.slug.clone()))
            .collect()
    };
    // `Quận 3`: a numbered district's name keeps its unit word.
    if unit.is_some() && char_at(s, i).is_some_and(|c| c.is_ascii_digit()) {
        let e = word_end(s, i);
        let found = places(&format!("Quận {}", &s[i..e]));
        return (!found.is_empty()).then_some((found, e));
    }
    if char_at(s, i).is_none_or(|c| !c.is_uppercase()) {
        return None;
    }
    capitalised_ends(s, i).iter().rev().find_map(|&e| {
        let found = places(&s[i..e]);
        (!found.is_empty()).then_some((found, e))
    })
}

/// The ends of up to four capitalised words from `i`, one after another.
fn capitalised_ends(s: &str, i: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut pos = i;
    for _ in 0..4 {
        let e = name_word_end(s, pos);
        if e == pos || char_at(s, pos).is_none_or(|c| !c.is_uppercase()) {
            break;
        }
        ends.push(e);
        let next = ws(s, e, false);
        if next == e {
            break;
        }
        pos = next;
    }
    ends
}

/// The end of a place name's word at `i`, an apostrophe inside it too
/// (`Cư M'gar`, `Ea H'Leo`, `Đắk R'Lấp`).
fn name_word_end(s: &str, i: usize) -> usize {
    let mut e = word_end(s, i);
    while let Some(q) = char_at(s, e).filter(|&c| c == '\'' || c == '’') {
        let after = e + q.len_utf8();
        let next = word_end(s, after);
        if next == after || e == i {
            break;
        }
        e = next;
    }
    e
}

/// Where a name of capitalised words from `i` ends (`i` if none).
fn capitalised_end(s: &str, i: usize) -> usize {
    capitalised_ends(s, i).last().copied().unwrap_or(i)
}

/// After a district's name, the province it is in, if named there:
/// `(Hà Nội)`, `, tỉnh Vĩnh Phúc`. Returns the province and where the name
/// ends, with it or without.
fn its_province(s: &str, i: usize) -> (Option<String>, usize) {
    let q = ws(s, i, false);
    let bracketed = || {
        let (p, e) = province_name(s, punct(s, q, &['('])?)?;
        Some((p, punct(s, ws(s, e, false), &[')'])?))
    };
    let after_comma = || {
        let q = ws(s, punct(s, q, &[','])?, false);
        phrase(s, q, "tỉnh").or_else(|| phrase(s, q, "thành phố"))?;
        province_name(s, q)
    };
    match bracketed().or_else(after_comma) {
        Some((p, e)) => (Some(p), e),
        None => (None, i),
    }
}

/// A local issuer named up to `end` (then an optional `Đảng`, khóa): in
/// `province`, or in the district `places` says when it says only one.
fn of_place(
    s: &str,
    start: usize,
    end: usize,
    code: &str,
    party: bool,
    province: Option<String>,
    places: Vec<(String, String)>,
) -> (Issuer, usize) {
    let (_, end) = organ_suffix(s, end);
    let (province, district) = match places.as_slice() {
        [(p, d)] => (Some(p.clone()), Some(d.clone())),
        _ => (province, None),
    };
    (
        Issuer {
            text: collapse_ws(&s[start..end]),
            code: code.to_string(),
            party,
            organ: Organ::Other,
            city: false,
            of_district: is_district_committee(code) || district.is_some(),
            province,
            district,
            places,
        },
        end,
    )
}

/// Optional `Đảng`, a parenthesised abbreviation `(CCQ)`, and `khóa XII` / `(khóa XII)`
/// after an organ's name. Returns (term, end).
pub(super) fn organ_suffix(s: &str, mut i: usize) -> (Option<u32>, usize) {
    let mut term = None;
    for _ in 0..3 {
        let j = ws(s, i, false);
        if let Some(e) = phrase(s, j, "đảng") {
            i = e;
            continue;
        }
        if let Some((t, e)) = khoa(s, j) {
            term = Some(t[0]);
            i = e;
            continue;
        }
        break;
    }
    (term, i)
}

/// `khóa XII`, `(khóa XII)`, `khoá 11`, `(khóa XI, XII)`: the terms named.
pub(super) fn khoa(s: &str, i: usize) -> Option<(Vec<u32>, usize)> {
    let (paren, mut pos) = match punct(s, i, &['(']) {
        Some(e) => (true, ws(s, e, false)),
        None => (false, i),
    };
    pos = any_phrase(s, pos, &["khóa", "nhiệm kỳ khóa", "các khóa"])?;
    // After `khóa`, a Roman numeral may be typed in lower case (`khóa xii`).
    let term_at = |q: usize| {
        term_number(s, q).or_else(|| {
            let end = word_end(s, q);
            let w = &s[q..end];
            w.bytes()
                .all(|b| b"ivxl".contains(&b))
                .then(|| roman(&w.to_ascii_uppercase()))
                .flatten()
                .map(|n| (n, end))
        })
    };
    let mut terms = Vec::new();
    let is_roman = |q: usize| !char_at(s, q).is_some_and(|c| c.is_ascii_digit());
    let first = ws(s, pos, false);
    loop {
        let q = ws(s, pos, false);
        let Some((t, e)) = term_at(q) else {
            break;
        };
        terms.push(t);
        pos = e;
        let q = ws(s, pos, false);
        // `khóa XI, XII`, `khóa XI và XII`, `khóa XI và khóa XII`.
        let next = punct(s, q, &[',', '-', '–'])
            .or_else(|| phrase(s, q, "và"))
            .map(|e| ws(s, e, false));
        let named = next.and_then(|n| phrase(s, n, "khóa"));
        let next = named.map(|e| ws(s, e, false)).or(next);
        // Another khóa is written as the first was, and is not a count:
        // not `khóa XI và 5 năm thực hiện`, `khóa 11 và 12 đảng bộ`; but
        // `khóa 11 và khóa 12 vì ...`, `khóa 11, 12 và Kết luận ...`.
        let another = next.filter(|&n| {
            term_at(n).is_some_and(|(_, e)| {
                let after = ws(s, e, false);
                is_roman(n) == is_roman(first)
                    && (is_roman(n)
                        || named.is_some()
                        || !char_at(s, after).is_some_and(char::is_lowercase)
                        || any_phrase(
                            s,
                            after,
                            &["và", "về", "của", "đã", "được", "vì", "là", "với", "nhằm"],
                        )
                        .is_some())
            })
        });
        match another {
            Some(n) => pos = n,
            None => break,
        }
    }
    if terms.is_empty() {
        return None;
    }
    if paren {
        pos = punct(s, ws(s, pos, false), &[')'])?;
    }
    Some((terms, pos))
}

/// The end of `code` written in capitals as a word at `i` (`VPTW`, `TU`).
fn code_word(s: &str, i: usize, code: &str) -> Option<usize> {
    let end = i + code.len();
    (s[i..].starts_with(code) && char_at(s, end).is_none_or(|c| !c.is_alphanumeric()))
        .then_some(end)
}

/// Reads an issuer's name at `i`: `Bộ Chính trị`, `Ban Bí thư Trung ương`,
/// `BCH T.Ư Đảng khóa XIII`, `Ban Thường vụ Tỉnh ủy Yên Bái`, `Đảng ủy
/// Khối`, `UBND tỉnh`, ... Free text is never taken for an issuer.
pub fn issuer(s: &str, i: usize) -> Option<(Issuer, usize)> {
    let start = i;
    let mut pos = i;
    // Leading role words: the standing committee or the executive committee of an organ.
    let mut executive = false;
    if let Some(e) = any_phrase(
        s,
        pos,
        &[
            "ban thường vụ",
            "btv",
            "thường trực",
            "thường vụ",
            "tập thể ban thường vụ",
        ],
    ) {
        pos = ws(s, e, true);
    } else if let Some(e) = any_phrase(s, pos, &["ban chấp hành", "bch"]) {
        pos = ws(s, e, true);
        executive = true;
    } else if s[pos..].starts_with("BCHTW") || s[pos..].starts_with("BCHTƯ") {
        let e = pos + if s[pos..].starts_with("BCHTW") { 5 } else { 6 };
        return Some(finish_issuer(
            s,
            start,
            e,
            "TW",
            true,
            Organ::CentralCommittee,
        ));
    }
    let mk = |code: &str, party: bool, organ: Organ, end: usize| {
        finish_issuer(s, start, end, code, party, organ)
    };
    // The head of a State organ signs for it: `Chủ tịch UBND tỉnh`,
    // `Bộ trưởng Bộ Nội vụ` (and `Chủ tịch Hồ Chí Minh` names no organ).
    if !executive {
        if let Some(e) = any_phrase(s, pos, &["chủ tịch", "bộ trưởng"]) {
            let q = ws(s, e, false);
            if let Some(e2) = phrase(s, q, "nước") {
                return Some(mk("CTN", false, Organ::Other, e2));
            }
            pos = q;
        }
    }

    // `của Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII`.
    if phrase(s, pos, "hội nghị").is_some() {
        if let Some((_, _, e)) = plenum(s, pos) {
            return Some(mk("TW", true, Organ::CentralCommittee, e));
        }
    }
    if let Some(e) = any_phrase(s, pos, &["bộ chính trị", "bct"]) {
        return Some(mk("TW", true, Organ::Politburo, e));
    }
    // An organ named by its code, as briefs write it: `của VPTW`, `BTCTW`,
    // `UBKTTU`, `BTV TU`, `BTV HU Lâm Hà`.
    let coded = ["TU", "HU"]
        .into_iter()
        .map(str::to_string)
        .chain(
            BOARDS
                .iter()
                .flat_map(|(_, b)| [format!("{b}TW"), format!("{b}TU")]),
        )
        .find_map(|c| code_word(s, pos, &c).map(|e| (c, e)));
    if let Some((code, e)) = coded {
        return Some(if code.ends_with("TW") {
            mk(&code, true, Organ::Other, e)
        } else {
            local(s, start, e, &code, true)
        });
    }
    if let Some(e) = any_phrase(s, pos, &["ban bí thư", "bbt"]) {
        let e = central(s, ws(s, e, false)).unwrap_or(e);
        return Some(mk("TW", true, Organ::Secretariat, e));
    }
    if executive {
        if let Some(e) = central(s, pos) {
            return Some(mk("TW", true, Organ::CentralCommittee, e));
        }
        if let Some(e) = any_phrase(s, pos, &["đảng bộ tỉnh", "đb tỉnh"]) {
            return Some(local(s, start, e, "TU", true));
        }
        if let Some(e) = any_phrase(s, pos, &["đảng bộ huyện", "đb huyện"]) {
            return Some(local(s, start, e, "HU", true));
        }
    }
    if let Some((code, e)) = ministry(s, pos) {
        return Some(mk(code, false, Organ::Other, e));
    }
    // Central boards, or the same boards of a provincial committee.
    for (name, abbr) in BOARDS {
        if let Some(e) = phrase(s, pos, name) {
            let q = ws(s, e, false);
            if let Some(e2) = central(s, q) {
                return Some(mk(&format!("{abbr}TW"), true, Organ::Other, e2));
            }
            if let Some(e2) = any_phrase(s, q, &["tỉnh ủy", "thành ủy"]) {
                return Some(local(s, start, e2, &format!("{abbr}TU"), true));
            }
            if let Some(e2) = code_word(s, q, "TU") {
                return Some(local(s, start, e2, &format!("{abbr}TU"), true));
            }
            // `Ủy ban Kiểm tra Huyện ủy Yên Thành`: a district committee's board.
            for (committee, code) in [("huyện ủy", "HU"), ("quận ủy", "QU"), ("thị ủy", "ThU")]
            {
                if let Some(e2) = phrase(s, q, committee).or_else(|| code_word(s, q, code)) {
                    return Some(local(s, start, e2, &format!("{abbr}{code}"), true));
                }
            }
            return None;
        }
    }
    // A steering committee, at every level; the Centre's is central.
    if let Some(e) = phrase(s, pos, "ban chỉ đạo") {
        if let Some(e2) = central(s, ws(s, e, false)) {
            return Some(mk("BCĐTW", true, Organ::Other, e2));
        }
    }
    if let Some(e) = phrase(s, pos, "quân ủy trung ương") {
        return Some(mk("QUTW", true, Organ::Other, e));
    }
    if let Some(e) = phrase(s, pos, "đảng ủy công an trung ương") {
        return Some(mk("ĐUCA", true, Organ::Other, e));
    }
    if let Some(e) = phrase(s, pos, "tỉnh ủy") {
        return Some(local(s, start, e, "TU", true));
    }
    // `Ban Chấp hành Đảng bộ thành phố` is its Thành ủy.
    let city = phrase(s, pos, "thành ủy").or_else(|| {
        executive
            .then(|| phrase(s, pos, "đảng bộ thành phố"))
            .flatten()
    });
    if let Some(e) = city {
        // `Thành ủy Vĩnh Yên`: a city inside a province numbers as a district.
        let central_city =
            province_name(s, e).is_some_and(|(p, _)| CENTRAL_CITIES.contains(&p.as_str()));
        if let Some((places, e2)) = district_place(s, e).filter(|_| !central_city) {
            return Some(of_place(s, start, e2, "ThU", true, None, places));
        }
        let (mut iss, end) = local(s, start, e, "TU", true);
        iss.city = true;
        return Some((iss, end));
    }
    for (name, code) in [("huyện ủy", "HU"), ("quận ủy", "QU"), ("thị ủy", "ThU")] {
        if let Some(e) = phrase(s, pos, name) {
            return Some(local(s, start, e, code, true));
        }
    }
    if let Some(e) = phrase(s, pos, "đảng ủy khối") {
        let mut e = e;
        let q = ws(s, e, false);
        if let Some(e2) = any_phrase(
            s,
            q,
            &[
                "các cơ quan và doanh nghiệp",
                "cơ quan và doanh nghiệp",
                "các cơ quan",
                "cơ quan",
                "doanh nghiệp",
                "ccq",
            ],
        ) {
            e = e2;
        }
        // An abbreviation in brackets: `Đảng ủy Khối Các cơ quan (CCQ) tỉnh`.
        let q = ws(s, e, false);
        if let Some(open) = punct(s, q, &['(']) {
            // Only a short abbreviation: no search through a long line.
            let close = s[open..]
                .char_indices()
                .take(13)
                .find(|&(_, c)| c == ')')
                .map(|(c, _)| open + c);
            if let Some(c) = close.filter(|&c| c - open <= 12) {
                e = c + 1;
            }
        }
        if let Some(e2) = phrase(s, ws(s, e, false), "tỉnh") {
            e = e2;
        }
        return Some(local(s, start, e, "ĐUK", true));
    }
    if let Some(e) = phrase(s, pos, "đảng ủy") {
        // `Đảng ủy xã Hòa Sơn, huyện Lương Sơn`: a commune's, under a district.
        if let Some(x) = any_phrase(s, ws(s, e, false), &["xã", "phường", "thị trấn"]) {
            let name_start = ws(s, x, false);
            let name_end = capitalised_end(s, name_start);
            let q = ws(s, name_end, false);
            let q = punct(s, q, &[',']).map_or(q, |c| ws(s, c, false));
            if name_end > name_start
                && any_phrase(s, q, &["huyện", "quận", "thị xã", "thành phố"]).is_some()
            {
                if let Some((places, e2)) = district_place(s, q) {
                    return Some(of_place(s, start, e2, "ĐU", true, None, places));
                }
            }
            // `của Đảng ủy xã`, `Đảng ủy xã Tân Lý Tây`: under a district not named.
            let named_end = if name_end > name_start { name_end } else { x };
            let (mut iss, end) = local(s, start, named_end, "ĐU", true);
            iss.of_district = true;
            return Some((iss, end));
        }
        return Some(local(s, start, e, "ĐU", true));
    }
    if executive {
        if let Some(e) = phrase(s, pos, "đảng bộ") {
            return Some(local(s, start, e, "TU", true));
        }
    }
    // State organs.
    for (names, code) in [
        (&["ubnd", "ủy ban nhân dân"][..], "UBND"),
        (&["hđnd", "hội đồng nhân dân"][..], "HĐND"),
    ] {
        if let Some(e) = any_phrase(s, pos, names) {
            let q = ws(s, e, false);
            // `UBND huyện Tam Đảo`, `UBND thành phố Vĩnh Yên`: a district's
            // (a centrally-run city's is a province's).
            let central_city =
                province_name(s, q).is_some_and(|(p, _)| CENTRAL_CITIES.contains(&p.as_str()));
            if !central_city {
                if let Some(unit) =
                    any_phrase(s, q, &["huyện", "quận", "thị xã", "thành phố", "tp"])
                {
                    if let Some((places, e2)) = district_place(s, q) {
                        return Some(of_place(s, start, e2, code, false, None, places));
                    }
                    // `UBND huyện` unnamed: the article's district.
                    if any_phrase(s, q, &["thành phố", "tp"]).is_none() {
                        let (mut iss, end) =
                            of_place(s, start, unit, code, false, None, Vec::new());
                        iss.of_district = true;
                        return Some((iss, end));
                    }
                }
            }
            let e = any_phrase(s, q, &["tỉnh", "thành phố"]).unwrap_or(e);
            return Some(local(s, start, e, code, false));
        }
    }
    if let Some(e) = phrase(s, pos, "thủ tướng chính phủ").or_else(|| phrase(s, pos, "thủ tướng"))
    {
        return Some(mk("TTg", false, Organ::Other, e));
    }
    if let Some(e) = phrase(s, pos, "chính phủ") {
        return Some(mk("CP", false, Organ::Other, e));
    }
    if let Some(e) = phrase(s, pos, "ủy ban thường vụ quốc hội") {
        return Some(mk("UBTVQH", false, Organ::Other, e));
    }
    if let Some(e) = phrase(s, pos, "quốc hội") {
        return Some(mk("QH", false, Organ::Other, e));
    }
    // `Trung ương` alone (`của Trung ương`, `Trung ương ban hành`): the
    // Centre, any of its organs; the Central Committee's is read above.
    if let Some(e) = central(s, pos) {
        if char_at(s, ws(s, e, false)).is_some_and(|c| c.is_ascii_digit()) {
            return None; // `Trung ương 4` is a plenum, not an issuer
        }
        return Some(mk("TW", true, Organ::Other, e));
    }
    None
}

/// Ministries and the Government's other organs, each a sequence of words
/// that commas or dashes may separate (`Bộ Văn hóa, Thể thao và Du lịch`,
/// `Bộ Lao động - Thương binh và Xã hội`), and the code they write.
const MINISTRIES: &[(&[&str], &str)] = &[
    (&["bộ nội vụ"], "BNV"),
    (&["bộ tài chính"], "BTC"),
    (&["bộ quốc phòng"], "BQP"),
    (&["bộ công an"], "BCA"),
    (&["bộ ngoại giao"], "BNG"),
    (&["bộ tư pháp"], "BTP"),
    (&["bộ kế hoạch và đầu tư"], "BKHĐT"),
    (&["bộ công thương"], "BCT"),
    (&["bộ nông nghiệp và phát triển nông thôn"], "BNNPTNT"),
    (&["bộ nông nghiệp và môi trường"], "BNNMT"),
    (&["bộ giao thông vận tải"], "BGTVT"),
    (&["bộ xây dựng"], "BXD"),
    (&["bộ tài nguyên và môi trường"], "BTNMT"),
    (&["bộ thông tin và truyền thông"], "BTTTT"),
    (&["bộ lao động", "thương binh và xã hội"], "BLĐTBXH"),
    (&["bộ văn hóa", "thể thao và du lịch"], "BVHTTDL"),
    (&["bộ khoa học và công nghệ"], "BKHCN"),
    (&["bộ giáo dục và đào tạo"], "BGDĐT"),
    (&["bộ y tế"], "BYT"),
    (&["bộ dân tộc và tôn giáo"], "BDTTG"),
    (&["ủy ban dân tộc"], "UBDT"),
    (&["ngân hàng nhà nước"], "NHNN"),
    (&["thanh tra chính phủ"], "TTCP"),
    (&["văn phòng chính phủ"], "VPCP"),
];

/// A ministry or Government organ at `i`: (its code, end).
fn ministry(s: &str, i: usize) -> Option<(&'static str, usize)> {
    MINISTRIES.iter().find_map(|(parts, code)| {
        let mut end = phrase(s, i, parts[0])?;
        for part in &parts[1..] {
            let q = ws(s, end, false);
            let q = punct(s, q, &[',', '-', '–']).map_or(q, |e| ws(s, e, false));
            end = phrase(s, q, part)?;
        }
        Some((*code, end))
    })
}

/// Completes a central issuer: optional `Đảng`, `khóa`.
pub(super) fn finish_issuer(
    s: &str,
    start: usize,
    end: usize,
    code: &str,
    party: bool,
    organ: Organ,
) -> (Issuer, usize) {
    let (_, end) = organ_suffix(s, end);
    (
        Issuer {
            text: collapse_ws(&s[start..end]),
            code: code.to_string(),
            party,
            organ,
            city: false,
            province: None,
            district: None,
            places: Vec::new(),
            of_district: false,
        },
        end,
    )
}

/// Completes a local issuer: the place it names, if any, and `khóa`.
pub(super) fn local(s: &str, start: usize, end: usize, code: &str, party: bool) -> (Issuer, usize) {
    let district_level = is_district_committee(code);
    if district_level {
        if let Some((places, e)) = district_place(s, end) {
            return of_place(s, start, e, code, party, None, places);
        }
    }
    match province_name(s, end) {
        Some((p, e)) => of_place(s, start, e, code, party, Some(p), Vec::new()),
        None => of_place(s, start, end, code, party, None, Vec::new()),
    }
}
