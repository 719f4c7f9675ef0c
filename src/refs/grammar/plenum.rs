//! Central Committee plenums (`Nghị quyết Trung ương 4 (khóa XI, XII)`)
//! and Congresses (`Nghị quyết Đại hội Đảng toàn quốc lần thứ XII`).

use super::issuer::{district_place, khoa, province_name};
use super::CENTRAL_CITIES;

/// The number of the last national Congress held (the XIV, in 2026).
const LAST_NATIONAL_CONGRESS: u32 = 14;

/// A Congress resolution as read: its term, whether it is a local
/// Congress's (and then the province and the districts it names), and
/// where it ends.
pub(super) struct Congress {
    pub(super) term: Option<u32>,
    pub(super) local: bool,
    pub(super) province: Option<String>,
    pub(super) places: Vec<(String, String)>,
    /// A district's, named or not (`Đảng bộ huyện lần thứ XXIII`).
    pub(super) district: bool,
    /// An unnamed city's (`Đảng bộ thành phố lần thứ XXI`).
    pub(super) city: bool,
    pub(super) end: usize,
}
use super::read::*;

/// `Trung ương 4 (khóa XI, XII)`, `TW4 khóa 11`, `Hội nghị lần thứ tư Ban
/// Chấp hành Trung ương khóa XII`, `Hội nghị Trung ương 6`, `Trung ương
/// 6, 7 khóa XII`. Returns (plenums, terms, end).
pub(super) fn plenum(s: &str, i: usize) -> Option<(Vec<u32>, Vec<u32>, usize)> {
    let mut pos = i;
    let conference = phrase(s, pos, "hội nghị");
    if let Some(e) = conference {
        pos = ws(s, e, true);
    }
    // `Hội nghị Ban Chấp hành Trung ương lần thứ tư`: the committee named first.
    let committee = any_phrase(s, pos, &["ban chấp hành", "bch"]).map(|e| ws(s, e, true));
    let centre = central(s, committee.unwrap_or(pos));
    let (n, end) = if let Some(e) = centre {
        // `Trung ương 4`, `T.Ư 4`, `TW4`; `Trung ương (Đảng) lần thứ tư`;
        // across a wrapped line.
        let q = ws(s, e, true);
        let q = phrase(s, q, "đảng").map_or(q, |x| ws(s, x, true));
        if let Some(x) = phrase(s, q, "lần thứ") {
            let (n, e2) = ordinal(s, ws(s, x, true))?;
            let (more, e2) = more_plenums(s, e2, true);
            let (n, terms, end) = with_terms(s, n, e2);
            return Some(([vec![n], more].concat(), terms, end));
        }
        let (n, _, e2) = number(s, q).or_else(|| {
            // `TW4`: the regex word boundary does not split letters from digits.
            let d = s[e..].bytes().take_while(u8::is_ascii_digit).count();
            (d > 0 && d <= 2).then(|| (s[e..e + d].parse().unwrap_or(0), &s[e..e + d], e + d))
        })?;
        if !(1..=20).contains(&n) || char_at(s, e2).is_some_and(|c| c == '-' || c == '/') {
            return None;
        }
        // `Trung ương 6, 7 khóa XII`: plenums of one khóa, which it names.
        let (more, list_end) = more_plenums(s, e2, false);
        if !more.is_empty() {
            let (_, terms, end) = with_terms(s, n, list_end);
            if !terms.is_empty() {
                return Some(([vec![n], more].concat(), terms, end));
            }
        }
        (n, e2)
    } else if conference.is_some() {
        // `Hội nghị lần thứ tư (của) Ban Chấp hành Trung ương (Đảng)`.
        let q = phrase(s, pos, "lần thứ")
            .map(|e| ws(s, e, true))
            .or_else(|| phrase(s, pos, "thứ").map(|e| ws(s, e, true)))?;
        let (n, e) = ordinal(s, q)?;
        // `Hội nghị lần thứ tư, thứ năm, thứ sáu Ban Chấp hành Trung ương`.
        let (more, e) = more_plenums(s, e, true);
        let q = ws(s, e, true);
        let q = phrase(s, q, "của").map(|x| ws(s, x, true)).unwrap_or(q);
        let q2 = any_phrase(s, q, &["ban chấp hành", "bch"]).map(|x| ws(s, x, true))?;
        let mut e = central(s, q2)?;
        if let Some(x) = phrase(s, ws(s, e, false), "đảng") {
            e = x;
        }
        let (n, terms, end) = with_terms(s, n, e);
        return Some(([vec![n], more].concat(), terms, end));
    } else {
        return None;
    };
    let (n, terms, end) = with_terms(s, n, end);
    Some((vec![n], terms, end))
}

/// The plenums listed after the first at `end` (`, 7`, `và 7`; in words,
/// `in_words`: `, thứ năm`, `và lần thứ sáu`), and where the list ends.
fn more_plenums(s: &str, mut end: usize, in_words: bool) -> (Vec<u32>, usize) {
    let mut more = Vec::new();
    while more.len() < 4 {
        let q = ws(s, end, false);
        let Some(sep) = punct(s, q, &[',']).or_else(|| phrase(s, q, "và")) else {
            break;
        };
        let q = ws(s, sep, false);
        let next = if in_words {
            any_phrase(s, q, &["lần thứ", "thứ"]).and_then(|e| ordinal(s, ws(s, e, false)))
        } else {
            number(s, q)
                .filter(|(m, _, _)| (1..=20).contains(m))
                .map(|(m, _, e)| (m, e))
        };
        let Some((m, e)) = next else {
            break;
        };
        more.push(m);
        end = e;
    }
    (more, end)
}

/// The plenum `n` read up to `end`, with the khóa that follows it, if any:
/// `(khóa XII)`, `, khóa XII`, `Ban Chấp hành Trung ương khóa XII`.
fn with_terms(s: &str, n: u32, mut end: usize) -> (u32, Vec<u32>, usize) {
    let mut terms = Vec::new();
    // A plenum held in two sessions: `Trung ương 6 (lần 2) khóa VIII`.
    let session = punct(s, ws(s, end, false), &['('])
        .and_then(|e| phrase(s, ws(s, e, false), "lần"))
        .and_then(|e| number(s, ws(s, e, false)))
        .and_then(|(_, _, e)| punct(s, ws(s, e, false), &[')']));
    if let Some(e) = session {
        end = e;
    }
    let q = ws_wrapped(s, end);
    let after_comma = punct(s, q, &[',']).map(|e| ws(s, e, false));
    if let Some((t, e)) = khoa(s, q).or_else(|| khoa(s, after_comma?)) {
        terms = t;
        end = e;
    } else if let Some(q2) = phrase(s, q, "ban chấp hành").or_else(|| phrase(s, q, "bch")) {
        // `Hội nghị Trung ương 4 Ban Chấp hành Trung ương khóa XII`
        if let Some(e) = central(s, ws(s, q2, false)) {
            let e = phrase(s, ws(s, e, false), "đảng").unwrap_or(e);
            if let Some((t, e2)) = khoa(s, ws(s, e, false)) {
                terms = t;
                end = e2;
            }
        }
    }
    (n, terms, end)
}

/// `Đại hội Đảng toàn quốc lần thứ XII`, `Đại hội XII của Đảng`, `Đại hội
/// Đảng bộ tỉnh (lần thứ XV)`, `Đại hội Đảng bộ huyện Thanh Sơn lần thứ
/// XXVI`. Not `Đại hội Đảng bộ các cấp`: a class; not an unnamed district's.
pub(super) fn congress(s: &str, i: usize) -> Option<Congress> {
    let mut pos = any_phrase(s, i, &["đại hội", "đh"])?;
    pos = ws(s, pos, true);
    if let Some(e) = phrase(s, pos, "đại biểu") {
        pos = ws(s, e, true);
    }
    if let Some(c) = local_congress(s, pos) {
        return Some(c);
    }
    // National: at least a Roman numeral, among the words `Đảng`, `toàn quốc`, `lần thứ`.
    let mut seen_party = false;
    // `toàn quốc`, `Đảng`: the Congress says it is the nation's.
    let mut national = false;
    for _ in 0..4 {
        if let Some(e) = any_phrase(s, pos, &["đảng toàn quốc", "toàn quốc", "lần thứ"])
        {
            seen_party = true;
            national |= phrase(s, pos, "lần thứ").is_none();
            pos = ws(s, e, true);
        } else if let Some(e) = phrase(s, pos, "đảng") {
            let e2 = word_end(s, ws(s, e, false));
            if norm(&s[ws(s, e, false)..e2]) == "bộ" {
                return None; // `Đại hội Đảng bộ ...` without `tỉnh`: not a national one
            }
            seen_party = true;
            national = true;
            pos = ws(s, e, true);
        } else {
            break;
        }
    }
    let (t, mut end) = term_number(s, pos)?;
    // `Đại hội XIX Đảng bộ tỉnh Yên Bái`: a local Congress, its term first.
    let after = ws(s, end, false);
    if let Some(c) = local_congress(s, after) {
        return Some(Congress {
            term: c.term.or(Some(t)),
            ..c
        });
    }
    if phrase(s, after, "đảng bộ").is_some() {
        return None; // a local Congress this grammar cannot place
    }
    // `Đại hội XIII Công đoàn Việt Nam`: another organisation's Congress.
    if !national && any_phrase(s, after, MASS_ORGANISATIONS).is_some() {
        return None;
    }
    if s[pos..end].parse::<u32>().is_ok() && !seen_party {
        return None; // `Đại hội 12` alone is too loose
    }
    if let Some(e) = phrase(s, ws(s, end, false), "của đảng") {
        end = e;
        national = true;
    }
    // Past the national Congresses held so far, a local one: the province's
    // (`Nghị quyết Đại hội lần thứ XXVII` of a district's or a province's
    // Đảng bộ, in its article).
    if t > LAST_NATIONAL_CONGRESS && !national {
        return Some(Congress {
            term: Some(t),
            local: true,
            province: None,
            places: Vec::new(),
            district: false,
            city: false,
            end,
        });
    }
    Some(Congress {
        term: Some(t),
        local: false,
        province: None,
        places: Vec::new(),
        district: false,
        city: false,
        end,
    })
}

/// The mass organisations whose Congresses are numbered as the Party's
/// are: a Congress's number followed by one of them is theirs.
const MASS_ORGANISATIONS: &[&str] = &[
    "công đoàn",
    "đoàn tncs",
    "đoàn thanh niên",
    "hội liên hiệp phụ nữ",
    "hội lhpn",
    "phụ nữ",
    "hội nông dân",
    "nông dân",
    "hội cựu chiến binh",
    "cựu chiến binh",
    "hội ccb",
    "mặt trận tổ quốc",
    "mttq",
    "hội sinh viên",
    "hội liên hiệp thanh niên",
];

/// A local Congress named at `pos`: `Đảng bộ tỉnh (Yên Bái)`, `Đảng bộ
/// thành phố Hà Nội`, `Đảng bộ huyện Thanh Sơn`, then its term if written.
fn local_congress(s: &str, pos: usize) -> Option<Congress> {
    let local = |province: Option<String>, places, district, end| {
        let (term, end) = local_term(s, end);
        Some(Congress {
            term,
            local: true,
            province,
            places,
            district,
            city: false,
            end,
        })
    };
    if let Some(e) = phrase(s, pos, "đảng bộ tỉnh") {
        return match province_name(s, e) {
            Some((p, e2)) => local(Some(p), Vec::new(), false, e2),
            None => local(None, Vec::new(), false, e),
        };
    }
    if let Some(e) = phrase(s, pos, "đảng bộ") {
        let q = ws(s, e, false);
        // A province named (`Đảng bộ Yên Bái`, `Đảng bộ TPHCM`), or a
        // centrally-run city, is a province's; any other unit's, named, a
        // district's.
        let city_unit = any_phrase(s, q, &["thành phố", "tp"]).is_some();
        let province =
            province_name(s, q).filter(|(p, _)| !city_unit || CENTRAL_CITIES.contains(&p.as_str()));
        if let Some((p, e2)) = province {
            return local(Some(p), Vec::new(), false, e2);
        }
        if let Some(unit) = any_phrase(s, q, &["huyện", "quận", "thị xã", "thành phố"]) {
            if let Some((places, e2)) = district_place(s, q) {
                return local(None, places, true, e2);
            }
            // `Đảng bộ huyện lần thứ XXIII`: the article's district;
            // `Đảng bộ thành phố lần thứ XXI`: the article's city.
            let (term, _) = local_term(s, unit);
            if term.is_some() {
                let city = phrase(s, q, "thành phố").is_some();
                return local(None, Vec::new(), true, unit).map(|c| Congress { city, ..c });
            }
        }
    }
    None
}

/// A local Congress's term after its name: `lần thứ XV`, `khóa XV`.
fn local_term(s: &str, end: usize) -> (Option<u32>, usize) {
    let q = ws(s, end, false);
    if let Some(e) = phrase(s, q, "lần thứ") {
        if let Some((t, e2)) = term_number(s, ws(s, e, false)) {
            return (Some(t), e2);
        }
    } else if let Some((t, e2)) = khoa(s, q) {
        return (t.first().copied(), e2);
    }
    (None, end)
}
