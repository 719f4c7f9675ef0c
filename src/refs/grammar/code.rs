//! Members of a mention: Party codes (`26-CT/TU`), State codes
//! (`114/2014/NĐ-CP`) and numbers without a code (`Chỉ thị 05`).

use std::ops::Range;

use super::read::*;
use super::{DocNumber, Target};
use crate::refs::vocab::Vocab;

/// A member of a mention: a code or a bare number.
#[derive(Debug, Clone)]
pub(super) struct Member {
    pub(super) target: Target,
    pub(super) number: String,
    pub(super) span: Range<usize>,
}

/// Issuer codes a Party code may end with when written in lower case.
pub(super) const PARTY_ISSUERS: &[&str] = &[
    "TW",
    "TU",
    "HU",
    "QU",
    "THU",
    "ĐU",
    "ĐUK",
    "BTCTW",
    "BTGTW",
    "BDVTW",
    "UBKTTW",
    "VPTW",
    "BNCTW",
    "BKTTW",
    "QUTW",
    "BTGDVTW",
    "BTCTU",
    "BTGTU",
    "BDVTU",
    "UBKTTU",
    "VPTU",
    "BCSĐ",
    "ĐĐ",
    "ĐUQSTW",
    "ĐUCATW",
    "ĐUCA",
    "ĐUKCCQTW",
    "ĐUKDNTW",
    "BCĐ",
];

/// Issuers that only ever write State codes: never a Party code's issuer.
pub(super) const STATE_ISSUERS: &[&str] = &["UBND", "HĐND", "CP", "TTG", "QH", "VPCP", "UBTVQH"];

/// Whether a code's issuer part names a Party organ (`TW`, `TU`, `BTCTW`).
pub(super) fn is_party_issuer(up: &str) -> bool {
    PARTY_ISSUERS.contains(&up) || up.ends_with("TW") || up.ends_with("TU") && !up.starts_with("UB")
}

/// A code's number: [`number`], or one written with a thousands dot
/// (`1.234/QĐ-UBND`), which only a code's slash or hyphen may follow.
fn code_number(s: &str, i: usize) -> Option<(DocNumber, &str, usize)> {
    // Inside a longer code (`30a/2008/NQ-CP`): not a code's number.
    if s[..i].ends_with('/') {
        return None;
    }
    if let Some(found) = doc_number(s, i) {
        return Some(found);
    }
    let b = s.as_bytes();
    // [`number`]'s look-behind, on the `1` of `1.234` alone.
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    number(&s[..i + 1], i)?;
    let high = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let dot = i + high;
    let low_end = dot + 4;
    let well_formed = (1..=3).contains(&high)
        && b.get(dot) == Some(&b'.')
        && b.get(dot + 1..low_end)
            .is_some_and(|l| l.iter().all(u8::is_ascii_digit))
        && !b
            .get(low_end)
            .is_some_and(|c| c.is_ascii_digit() || *c == b'.');
    if !well_formed || punct(s, ws(s, low_end, false), &['/', '-', '–']).is_none() {
        return None;
    }
    let high: u32 = s[i..dot].parse().ok()?;
    let low: u32 = s[dot + 1..low_end].parse().ok()?;
    Some((DocNumber::plain(high * 1000 + low), &s[i..low_end], low_end))
}

/// Whether a segment is written in capitals (`CP`, `UBND`), digits aside.
fn is_capitals(g: &str) -> bool {
    g.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !g.chars().any(char::is_lowercase)
}

/// Letters of a code segment at `i` (`NQ`, `QĐi`, `UBND`, `QH14`).
pub(super) fn segment(s: &str, i: usize) -> Option<(&str, usize)> {
    let first = char_at(s, i)?;
    if !first.is_alphabetic() {
        return None;
    }
    let end = word_end(s, i);
    (end - i <= 16).then_some((&s[i..end], end))
}

/// A Party code at `i`: `26-CT/TU`, `130- KH/TU`, `11–NQ/TW`, `50 CT/TW`,
/// `65-Ctr/TU`, or written the State's way, `22/CT-TW`.
pub(super) fn party_code(s: &str, i: usize) -> Option<Member> {
    let vocab = Vocab::get();
    let (n, written, after_n) = code_number(s, i)?;
    let q = ws(s, after_n, true);
    // `N-TYPE/ISSUER`, the separator optional only if spaced (`50 CT/TW`).
    let (state_way, q) = match punct(s, q, DASHES) {
        Some(e) => (false, ws(s, e, true)),
        None => match punct(s, q, &['/']) {
            Some(e) => (true, ws(s, e, false)),
            None if q > after_n => (false, q),
            None => return None,
        },
    };
    let (ty, e) = segment(s, q)?;
    let doc_type = vocab.party_type(ty)?.to_string();
    let q = ws(s, e, false);
    let e = punct(s, q, if state_way { HYPHENS } else { &['/'] })?;
    // A wrapped line may break a code after its slash (`28-CT/` `TW`).
    let (iss, end) = segment(s, ws(s, e, true))?;
    // `T.Ư`, `T.W`: the Centre with a dot.
    let (iss, end) = match (iss, s[end..].chars().take(2).collect::<String>().as_str()) {
        ("T" | "t", ".Ư" | ".ư" | ".W" | ".w") => (
            "TW",
            end + s[end..].chars().take(2).map(char::len_utf8).sum::<usize>(),
        ),
        _ => (iss, end),
    };
    let up = vocab.canonical_segment(iss).to_uppercase();
    let written_upper = iss.chars().all(|c| !c.is_lowercase()) || matches!(up.as_str(), "THU");
    // In the Party's own form (`N-TYPE/ISSUER`) any issuer in capitals is
    // one (`08-NQ/ĐUQS`); written in lower case only the known ones are.
    let known = is_party_issuer(&up) && PARTY_ISSUERS.contains(&up.as_str())
        || is_party_issuer(&up) && written_upper;
    let capitals = written_upper
        && !state_way
        && up.chars().count() >= 2
        && !STATE_ISSUERS.contains(&up.as_str());
    if !(known || capitals) {
        return None;
    }
    if state_way
        && !(up == "TW" || up == "TU" || up == "HU" || up == "QU" || up == "ĐU" || up == "ĐUK")
    {
        return None;
    }
    // Organs that issue a document together write their codes one after
    // another (`05-QC/ĐU-HU`, `06-QC/BTGTU-ĐUQS-ĐUCA`); a code continues
    // into no other segment or number.
    let mut issuer = vocab.canonical_segment(iss);
    let mut end = end;
    while let Some((joint, e)) = punct(s, end, HYPHENS).and_then(|e| segment(s, e)) {
        if state_way || !is_capitals(joint) || joint.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        issuer = format!("{issuer}-{}", vocab.canonical_segment(joint));
        end = e;
    }
    if char_at(s, end)
        .is_some_and(|c| c == '-' && char_at(s, end + 1).is_some_and(char::is_alphanumeric))
    {
        return None;
    }
    Some(Member {
        target: Target::PartyCode {
            number: n,
            doc_type,
            issuer,
        },
        number: written.to_string(),
        span: i..end,
    })
}

/// A State code at `i`: `114/2014/NĐ-CP`, `08/NQ-CP`, `17/CT-UBND`,
/// `238/UBND-KGVX`, `25/2018/QH14`.
pub(super) fn state_code(s: &str, i: usize) -> Option<Member> {
    let vocab = Vocab::get();
    let (n, written, after_n) = code_number(s, i)?;
    let mut q = punct(s, ws(s, after_n, false), &['/'])?;
    q = ws(s, q, true);
    let mut year = None;
    if let Some((y, w, e)) = number(s, q) {
        if w.len() != 4 || !(1945..=2100).contains(&y) {
            return None;
        }
        year = Some(y as i32);
        q = punct(s, ws(s, e, false), &['/'])?;
        q = ws(s, q, true);
    }
    let mut segs: Vec<String> = Vec::new();
    let mut end;
    loop {
        let (seg, e) = segment(s, q)?;
        segs.push(seg.to_string());
        end = e;
        if segs.len() >= 4 {
            break;
        }
        match punct(s, e, HYPHENS) {
            Some(e2) if segment(s, e2).is_some() => q = e2,
            // `NĐ - CP`, `QĐ- TTg`: spaced only before an issuer in
            // capitals or a known State issuer.
            _ => match punct(s, ws(s, e, false), HYPHENS).map(|e2| ws(s, e2, false)) {
                Some(e2)
                    if segment(s, e2).is_some_and(|(g, _)| {
                        is_capitals(g)
                            || STATE_ISSUERS
                                .contains(&vocab.canonical_segment(g).to_uppercase().as_str())
                    }) =>
                {
                    q = e2
                }
                _ => break,
            },
        }
    }
    let upper_as_written = segs.iter().all(|g| {
        g.chars()
            .filter(|c| c.is_alphabetic())
            .filter(|c| c.is_lowercase())
            .count()
            <= 1
    });
    let first = segs[0].to_uppercase();
    if vocab.is_not_document(&first) {
        return None;
    }
    // A type (`NĐ-CP`), or an organ writing a công văn (`3600/ubnd-vx`).
    let is_type = vocab.state_type(&first).is_some()
        || vocab.party_type(&first).is_some()
        || STATE_ISSUERS.contains(&vocab.canonical_segment(&segs[0]).to_uppercase().as_str());
    let plausible = if segs.len() >= 2 {
        is_type || upper_as_written
    } else {
        // One segment: only a law or an ordinance with its year (`25/2018/QH14`).
        year.is_some() && upper_as_written && segs[0].len() >= 2
    };
    if !plausible {
        return None;
    }
    let code = segs
        .iter()
        .map(|g| vocab.canonical_segment(g))
        .collect::<Vec<_>>()
        .join("-");
    Some(Member {
        target: Target::StateCode {
            number: n,
            year,
            code,
        },
        number: written.to_string(),
        span: i..end,
    })
}

/// A bare number member; after a type word without `số`, only where what
/// follows shows it is a document's number (`Chỉ thị 05 của ...`), not a
/// quantity (`Kế hoạch 5 năm`, `kế hoạch 100%`).
pub(super) fn bare_number(s: &str, i: usize, has_so: bool) -> Option<Member> {
    // After an abbreviation the number may be attached: `NQ21`.
    let attached = s[..i].ends_with(|c: char| c.is_ascii_uppercase());
    let (n, written, end) = if attached {
        let (n, w, e) = digits(s, i)?;
        (DocNumber::plain(n), w, e)
    } else {
        doc_number(s, i)?
    };
    // `3600/ubnd-vx`: a code that could not be read is not a bare number.
    if n.value == 0 || char_at(s, end) == Some('/') {
        return None;
    }
    if !has_so {
        if written.len() == 4 && (1900..=2100).contains(&n.value) {
            return None; // a year: `Kế hoạch 2021`
        }
        let q = ws(s, end, false);
        // Words that go on a sentence about a document, never a count's
        // unit (`nghị quyết 3 năm`, `kế hoạch 5 bước`, `3 chỉ tiêu`).
        const FOLLOWERS: &[&str] = &[
            "của", "ngày", "về", "và", "đã", "được", "trong", "là", "với", "nhằm", "do", "tại",
            "ban", "cũng", "này", "khóa", "gắn", "thì", "mà", "nêu", "đề", "có", "kèm", "theo",
            "vào", "sẽ", "hiện", "trên", "đến", "tới", "cho", "để", "ở", "bằng", "cùng", "từ",
            "sau", "trước", "nghiêm", "hiệu", "sâu", "đi", "không", "vẫn", "đều", "luôn", "ngay",
            "nay", "chưa", "đang", "vừa", "mới", "tiếp", "nhấn", "khẳng", "đồng",
        ];
        let ok = match char_at(s, q) {
            None => true,
            // A heading's last word, a blank line under it (`Quán triệt
            // Nghị quyết 66`), not a line that wraps a sentence.
            Some('\n' | '\r') => s[q..]
                .trim_start_matches([' ', '\t', '\r'])
                .strip_prefix('\n')
                .is_some_and(|rest| {
                    rest.trim_start_matches([' ', '\t', '\r']).starts_with('\n')
                        || rest.trim().is_empty()
                }),
            Some(c) if ",;:)”\"'.".contains(c) => {
                // `05.` ends a sentence; `05.3` is a number.
                !(c == '.' && char_at(s, q + 1).is_some_and(|d| d.is_ascii_digit()))
            }
            Some('(') => true,
            Some(c) if c.is_alphabetic() => {
                let e = word_end(s, q);
                let word = norm(&s[q..e]);
                // Not a range: `kế hoạch 2 đến 3 năm`.
                let digit_next = char_at(s, ws(s, e, false)).is_some_and(|d| d.is_ascii_digit());
                let range = matches!(word.as_str(), "đến" | "tới" | "từ" | "trên") && digit_next;
                // `ngày` begins the date of issue (`Chỉ thị 05 ngày
                // 15/5/2016`), not a count of days (`Kế hoạch 100 ngày`).
                let days = word == "ngày" && !digit_next;
                FOLLOWERS.contains(&word.as_str()) && !range && !days
                    || word == "năm" && year_of_issue(s, e)
            }
            _ => false,
        };
        if !ok {
            return None;
        }
    }
    Some(Member {
        target: Target::Number { number: n },
        number: written.to_string(),
        span: i..end,
    })
}

/// Whether `năm` ending at `e` is followed by the year a document was
/// issued (`Chỉ thị 35 năm 2019`), not by a period (`Kế hoạch 5 năm
/// 2021 - 2025`, `5 năm 2016 đến 2020`) or nothing (`nghị quyết 3 năm`).
fn year_of_issue(s: &str, e: usize) -> bool {
    let Some((year, written, end)) = number(s, ws(s, e, false)) else {
        return false;
    };
    // A range goes on to a number (`Từ Chỉ thị 35 năm 2019 đến Chỉ thị 35
    // năm 2024` is no range).
    let q = ws(s, end, false);
    let to = punct(s, q, DASHES).or_else(|| any_phrase(s, q, &["đến", "tới"]));
    let range = to.is_some_and(|e| char_at(s, ws(s, e, false)).is_some_and(|c| c.is_ascii_digit()));
    written.len() == 4 && (1945..=2100).contains(&year) && !range
}

pub(super) fn member(s: &str, i: usize, has_so: bool) -> Option<Member> {
    party_code(s, i)
        .or_else(|| state_code(s, i))
        .or_else(|| bare_number(s, i, has_so))
}
