//! The surface grammar of references (REFERENCES.md §2): text → [`Mention`]s.
//!
//! Detection knows nothing of the article: it reports what each mention
//! *says* (type word, number, code, date, issuer, khóa, subject). Keys,
//! scopes and years are [`super::resolve`]'s job.
//!
//! How it works: one regex finds *anchors* (a type word such as `Nghị
//! quyết`, a type abbreviation such as `NQ 22`, or something shaped like a
//! code, `26-CT/TU`, `17/CT-UBND`); a small hand-written parser then reads
//! forward from each anchor: the members (numbers and codes, or a plenum, or
//! a Congress), then the tail that belongs to them (date, `của` issuer,
//! khóa), then the `về ...` subject. Words compare in lower case with one
//! tone placement (`uỷ` = `ủy`), so every spelling meets.

use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use super::vocab::Vocab;
use crate::gazetteer::Gazetteer;
use crate::vi;

/// What a mention points at.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A Party code, `26-CT/TU` (also written `26/CT-TU`).
    PartyCode {
        number: u32,
        doc_type: String,
        issuer: String,
    },
    /// A State code: `114/2014/NĐ-CP`, `17/CT-UBND`, `238/UBND-KGVX`.
    StateCode {
        number: u32,
        year: Option<i32>,
        code: String,
    },
    /// A number without a code (`Chỉ thị 05`); the type comes from the word.
    Number { number: u32 },
    /// A Central Committee plenum, one per khóa named (`T.Ư 4 (khóa XI, XII)`).
    Plenum { plenum: u32, term: Option<u32> },
    /// A Congress resolution: national (`Đại hội XII`) or provincial.
    Congress {
        term: Option<u32>,
        provincial: bool,
        province: Option<String>,
    },
}

/// Which organ issued a document, as far as choosing among documents with
/// one code goes (`của Bộ Chính trị` rules out a Ban Bí thư document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Organ {
    Politburo,
    Secretariat,
    CentralCommittee,
    Other,
}

/// An issuer named in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Issuer {
    /// As written: `Ban Thường vụ Tỉnh ủy Yên Bái`.
    pub text: String,
    /// The issuer part of the codes it writes: `TW`, `TU`, `ĐUK`, `UBND`, `CP`.
    pub code: String,
    /// Whether it is a Party organ (codes `N-TYPE/ISSUER`) or a State one (`N/TYPE-ISSUER`).
    pub party: bool,
    pub organ: Organ,
    /// A city committee (`Thành ủy`): `TU` for the five centrally-run
    /// cities, `ThU` for the others; decided with the province.
    pub city: bool,
    /// The province the phrase names, as a slug.
    pub province: Option<String>,
    /// The district the phrase names, as a slug.
    pub district: Option<String>,
}

/// One reference as the text writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte range in the text given to [`detect`].
    pub span: Range<usize>,
    /// The type word as a reader says it: `Nghị quyết`.
    pub kind: String,
    /// The number as written (`05`), when there is one.
    pub number: Option<String>,
    pub target: Target,
    /// The issuer named after it (`của Ban Bí thư`) or just before it
    /// (`Ban Thường vụ Tỉnh ủy Yên Bái đã ban hành ...`).
    pub issuer: Option<Issuer>,
    /// The date, when given whole.
    pub date: Option<NaiveDate>,
    /// The year, from the date or a bare `năm 2008`.
    pub year: Option<i32>,
    /// The khóa named after it (`của BCH Trung ương khóa XII`).
    pub term: Option<u32>,
    /// An issuer named just before the type word, as the subject of
    /// `ban hành` (`Ban Thường vụ Tỉnh ủy Yên Bái đã ban hành Chỉ thị số 17`);
    /// outside the span, but it scopes the document.
    pub issuer_before: Option<Issuer>,
    /// The `về ...` clause.
    pub subject: Option<String>,
    /// `Số: 17/CT-UBND` heading a document that the text reprints: the
    /// document the article *is*, not one it cites.
    pub heading: bool,
}

impl Mention {
    /// Moves the span by `offset` bytes (detect works on slices).
    pub fn shift(&mut self, offset: usize) {
        self.span = self.span.start + offset..self.span.end + offset;
    }
}

// ---------------------------------------------------------------------------
// Anchors

/// Type words, as written in lower case with the archive's tone placement.
const TYPE_WORDS: &[&str] = &[
    "nghị quyết",
    "chỉ thị",
    "kết luận",
    "quy định",
    "quyết định",
    "hướng dẫn",
    "kế hoạch",
    "chương trình",
    "thông báo",
    "thông tri",
    "quy chế",
    "đề án",
    "công văn",
    "nghị định",
    "thông tư",
    "luật",
    "văn bản",
];

fn anchors() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let words = TYPE_WORDS
            .iter()
            .map(|w| w.replace(' ', r"\s+"))
            .collect::<Vec<_>>()
            .join("|");
        Regex::new(&format!(
            r"(?i:(?P<word>{words}))|(?P<abbr>NQ|CT|KL|HD|KH)(?:\s?\d|\s?T\.?[WƯ]|\s(?i:trung))|(?P<code>\d{{1,4}})\s*[-–—/]\s*[A-Za-zĐđ]"
        ))
        .expect("the anchor regex is valid")
    })
}

/// Finds every mention in `text`, in reading order. Never panics; every
/// span lies on character boundaries of `text`.
pub fn detect(text: &str) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut consumed = 0;
    for found in anchors().find_iter(text) {
        let start = found.start();
        // Word boundaries are checked here, not in the regex: Unicode `\b`
        // would keep the regex engine off its fast path on Vietnamese text.
        if start < consumed || !at_word_start(text, start) {
            continue;
        }
        let first = text[start..].chars().next().unwrap_or(' ');
        let found = if first.is_ascii_digit() {
            parse_bare_code(text, start)
        } else if let Some((display, end)) = type_word_at(text, start) {
            if char_at(text, end).is_some_and(is_word_char) {
                continue;
            }
            let mut ms = parse_after_type(text, start, end, display, true);
            if !ms.is_empty() {
                let before = issuer_before(text, start);
                for m in &mut ms {
                    m.issuer_before = before.clone();
                }
            }
            ms
        } else if let Some(abbr) = ["NQ", "CT", "KL", "HD", "KH"]
            .iter()
            .find(|a| text[start..].starts_with(*a))
        {
            // A type abbreviation used as a word: `NQ 22`, `CT 05`, `NQ TW4`.
            let kind = Vocab::get().word_of(abbr, true).unwrap_or("Văn bản");
            parse_after_type(text, start, start + abbr.len(), kind, false)
        } else {
            // The regex's case folding reaches further than the grammar's
            // (`K` KELVIN SIGN matches `k`): nothing to read here.
            continue;
        };
        if let Some(last) = found.iter().map(|m| m.span.end).max() {
            consumed = last;
            out.extend(found);
        }
    }
    out
}

/// Type words as displayed, in the order of [`TYPE_WORDS`].
const TYPE_DISPLAY: &[&str] = &[
    "Nghị quyết",
    "Chỉ thị",
    "Kết luận",
    "Quy định",
    "Quyết định",
    "Hướng dẫn",
    "Kế hoạch",
    "Chương trình",
    "Thông báo",
    "Thông tri",
    "Quy chế",
    "Đề án",
    "Công văn",
    "Nghị định",
    "Thông tư",
    "Luật",
    "Văn bản",
];

/// The type word at `i`, as displayed (`NGHỊ QUYẾT` → `Nghị quyết`), and its end.
fn type_word_at(s: &str, i: usize) -> Option<(&'static str, usize)> {
    TYPE_WORDS
        .iter()
        .zip(TYPE_DISPLAY)
        .find_map(|(w, d)| phrase(s, i, w).map(|e| (*d, e)))
}

// ---------------------------------------------------------------------------
// Low-level reading

/// Lower case, old-style tones moved (`Uỷ` → `ủy`).
fn norm(word: &str) -> String {
    vi::canonical_tones(&word.to_lowercase())
}

fn collapse_ws(s: &str) -> String {
    s.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

fn at_word_start(s: &str, i: usize) -> bool {
    s[..i].chars().next_back().is_none_or(|c| !is_word_char(c))
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Vietnamese letters live in the Latin blocks: decide them without
    // Unicode's table look-up, which dominates detection time otherwise.
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1EA0}'..='\u{1EF9}') && c != '×' && c != '÷'
        || c.is_alphanumeric()
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// Skips white space; at most one line break when `newline` is allowed,
/// none otherwise (a reference may wrap; its tail does not cross lines).
fn ws(s: &str, mut i: usize, newline: bool) -> usize {
    let mut breaks = 0;
    while let Some(c) = char_at(s, i) {
        if c == '\n' || c == '\r' {
            if !newline {
                break;
            }
            if c == '\n' || !s[i + 1..].starts_with('\n') {
                breaks += 1;
            }
            if breaks > 1 {
                break;
            }
        } else if !is_space(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// End of the run of letters and digits starting at `i`.
fn word_end(s: &str, i: usize) -> usize {
    let mut j = i;
    while let Some(c) = char_at(s, j) {
        if !is_word_char(c) {
            break;
        }
        j += c.len_utf8();
    }
    j
}

/// Matches a lower-case phrase (words separated by single spaces) at `i`,
/// in any case and tone placement, with any white space between words.
fn phrase(s: &str, i: usize, p: &str) -> Option<usize> {
    // Most attempts fail on the first letter: reject those without reading the word.
    if let (Some(c), Some(w0)) = (char_at(s, i), p.chars().next()) {
        if c.is_ascii() && w0.is_ascii() && c.to_ascii_lowercase() != w0 {
            return None;
        }
    }
    let mut pos = i;
    for (n, w) in p.split(' ').enumerate() {
        if n > 0 {
            let next = ws(s, pos, true);
            if next == pos {
                return None;
            }
            pos = next;
        }
        let end = word_end(s, pos);
        if end == pos || !word_is(&s[pos..end], w) {
            return None;
        }
        pos = end;
    }
    Some(pos)
}

/// Vowels that carry a tone in the old placement (`uỷ`, `khoá`, `hoà`).
const OLD_TONES: &[char] = &[
    'à', 'á', 'ả', 'ã', 'ạ', 'è', 'é', 'ẻ', 'ẽ', 'ẹ', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ', 'À', 'Á', 'Ả', 'Ã',
    'Ạ', 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ', 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ',
];

/// Whether a written word is `w` (lower case, new tone placement), in any
/// case or tone placement. The common cases never allocate.
fn word_is(written: &str, w: &str) -> bool {
    let mut a = written.chars().flat_map(char::to_lowercase);
    let mut b = w.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            // Old and new tone placement spell a word in the same number of bytes.
            _ => {
                return written.len() == w.len()
                    && written.chars().any(|c| OLD_TONES.contains(&c))
                    && norm(written) == w
            }
        }
    }
}

/// The first of `ps` that matches at `i`.
fn any_phrase(s: &str, i: usize, ps: &[&str]) -> Option<usize> {
    ps.iter().find_map(|p| phrase(s, i, p))
}

/// A literal character (or one of several) at `i`.
fn punct(s: &str, i: usize, chars: &[char]) -> Option<usize> {
    char_at(s, i)
        .filter(|c| chars.contains(c))
        .map(|c| i + c.len_utf8())
}

/// A number of 1 to 4 digits at `i`, not part of a larger number
/// (`4.013`, `1,5`) or word. Returns (value, as written, end).
fn number(s: &str, i: usize) -> Option<(u32, &str, usize)> {
    if i > 0
        && s[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    digits(s, i)
}

/// [`number`] without looking behind: for `NQ21`, where letters lead in.
fn digits(s: &str, i: usize) -> Option<(u32, &str, usize)> {
    let digits = s[i..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let end = i + digits;
    let b = s.as_bytes();
    if b.get(end).is_some_and(|c| c.is_ascii_alphabetic())
        || (matches!(b.get(end), Some(b'.' | b','))
            && b.get(end + 1).is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    s[i..end].parse().ok().map(|n| (n, &s[i..end], end))
}

/// A Roman or Arabic khóa number: `XII`, `12`. `XI` is not the start of `XII`.
fn term_number(s: &str, i: usize) -> Option<(u32, usize)> {
    let end = word_end(s, i);
    let w = &s[i..end];
    if w.is_empty() {
        return None;
    }
    if let Ok(n) = w.parse::<u32>() {
        return (1..=30).contains(&n).then_some((n, end));
    }
    roman(w).map(|n| (n, end))
}

fn roman(w: &str) -> Option<u32> {
    if w.is_empty() || w.len() > 7 {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in w.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (1..=30).contains(&total).then_some(total)
}

/// Ordinals in words or digits: `tư`, `thứ sáu`, `4`, `IV`.
fn ordinal(s: &str, i: usize) -> Option<(u32, usize)> {
    const WORDS: &[(&str, u32)] = &[
        ("mười một", 11),
        ("mười hai", 12),
        ("mười ba", 13),
        ("mười bốn", 14),
        ("mười lăm", 15),
        ("mười sáu", 16),
        ("mười bảy", 17),
        ("mười tám", 18),
        ("mười chín", 19),
        ("hai mươi", 20),
        ("nhất", 1),
        ("hai", 2),
        ("ba", 3),
        ("tư", 4),
        ("bốn", 4),
        ("năm", 5),
        ("sáu", 6),
        ("bảy", 7),
        ("tám", 8),
        ("chín", 9),
        ("mười", 10),
    ];
    if let Some((n, _, end)) = number(s, i) {
        return (1..=30).contains(&n).then_some((n, end));
    }
    for (w, n) in WORDS {
        if let Some(end) = phrase(s, i, w) {
            return Some((*n, end));
        }
    }
    let end = word_end(s, i);
    roman(&s[i..end]).map(|n| (n, end))
}

/// `Trung ương`, `T.Ư`, `TƯ`, `TW`, `T.W`: the Centre.
fn central(s: &str, i: usize) -> Option<usize> {
    if let Some(end) = phrase(s, i, "trung ương") {
        return Some(end);
    }
    for lit in ["T.Ư", "T.W", "TƯ", "TW", "T.ư", "t.ư", "Tư"] {
        if s[i..].starts_with(lit) {
            let end = i + lit.len();
            // `TW4` is the Centre followed by a plenum number.
            if char_at(s, end).is_none_or(|c| !c.is_alphabetic()) {
                return Some(end);
            }
        }
    }
    None
}

/// A date: `25/10/2021`, `15-5-2016`, `30 tháng 3 năm 2007`, `8/8`.
/// Returns (whole date, year, end).
fn date(s: &str, i: usize) -> Option<(Option<NaiveDate>, Option<i32>, usize)> {
    let (d, _, mut pos) = number(s, i)?;
    let sep_end = |p: usize| {
        let q = ws(s, p, false);
        punct(s, q, &['/', '-', '.', '–']).map(|e| ws(s, e, false))
    };
    let (m, after_m) = if let Some(q) = sep_end(pos) {
        let (m, _, e) = number(s, q)?;
        (m, e)
    } else {
        let q = phrase(s, ws(s, pos, false), "tháng")?;
        let (m, _, e) = number(s, ws(s, q, false))?;
        (m, e)
    };
    pos = after_m;
    let mut year = None;
    if let Some(q) = sep_end(pos) {
        if let Some((y, w, e)) = number(s, q) {
            if w.len() == 4 {
                year = Some(y as i32);
                pos = e;
            }
        }
    } else if let Some(q) = phrase(s, ws(s, pos, false), "năm") {
        if let Some((y, w, e)) = number(s, ws(s, q, false)) {
            if w.len() == 4 {
                year = Some(y as i32);
                pos = e;
            }
        }
    }
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return None;
    }
    let whole = year.and_then(|y| NaiveDate::from_ymd_opt(y, m, d));
    Some((whole, year.filter(|y| (1930..=2100).contains(y)), pos))
}

// ---------------------------------------------------------------------------
// Issuers

/// Centrally-run cities, whose `Thành ủy` numbers like a `Tỉnh ủy` (`TU`).
pub const CENTRAL_CITIES: &[&str] = &["ha-noi", "ho-chi-minh", "hai-phong", "da-nang", "can-tho"];

/// A province name at `i` (after `tỉnh`, `Tỉnh ủy`, ...), as a slug.
fn province_name(s: &str, i: usize) -> Option<(String, usize)> {
    let i = ws(s, i, false);
    let start = i;
    let i = phrase(s, i, "tỉnh")
        .or_else(|| phrase(s, i, "thành phố"))
        .map(|e| ws(s, e, false))
        .unwrap_or(i);
    if char_at(s, i).is_none_or(|c| !c.is_uppercase()) {
        return None;
    }
    let (p, len) = Gazetteer::get().province_at_start(&s[i..])?;
    let _ = start;
    Some((p.slug.clone(), i + len))
}

/// A district name at `i` (`Vĩnh Tường`): (province slug, district slug, end).
fn district_name(s: &str, i: usize) -> Option<(String, String, usize)> {
    let i = ws(s, i, false);
    let i = any_phrase(s, i, &["huyện", "quận", "thị xã", "thành phố"])
        .map(|e| ws(s, e, false))
        .unwrap_or(i);
    if char_at(s, i).is_none_or(|c| !c.is_uppercase()) {
        return None;
    }
    // Up to four capitalised words, longest first.
    let mut ends = Vec::new();
    let mut pos = i;
    for _ in 0..4 {
        let e = word_end(s, pos);
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
    let g = Gazetteer::get();
    for &e in ends.iter().rev() {
        let mut ds = g.districts(&s[i..e]);
        if let Some(d) = ds.next() {
            let p = &g.provinces[d.province];
            return Some((p.slug.clone(), d.slug.clone(), e));
        }
    }
    None
}

/// Optional `Đảng`, a parenthesised abbreviation `(CCQ)`, and `khóa XII` / `(khóa XII)`
/// after an organ's name. Returns (term, end).
fn organ_suffix(s: &str, mut i: usize) -> (Option<u32>, usize) {
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
fn khoa(s: &str, i: usize) -> Option<(Vec<u32>, usize)> {
    let (paren, mut pos) = match punct(s, i, &['(']) {
        Some(e) => (true, ws(s, e, false)),
        None => (false, i),
    };
    pos = any_phrase(s, pos, &["khóa", "nhiệm kỳ khóa"])?;
    let mut terms = Vec::new();
    loop {
        let q = ws(s, pos, false);
        let Some((t, e)) = term_number(s, q) else {
            break;
        };
        terms.push(t);
        pos = e;
        let q = ws(s, pos, false);
        let next = punct(s, q, &[',', '-', '–'])
            .or_else(|| phrase(s, q, "và"))
            .map(|e| ws(s, e, false));
        match next {
            Some(n) if term_number(s, n).is_some() => pos = n,
            _ => break,
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

    // `của Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII`.
    if phrase(s, pos, "hội nghị").is_some() {
        if let Some((_, _, e)) = plenum(s, pos) {
            return Some(mk("TW", true, Organ::CentralCommittee, e));
        }
    }
    if let Some(e) = phrase(s, pos, "bộ chính trị") {
        return Some(mk("TW", true, Organ::Politburo, e));
    }
    if let Some(e) = phrase(s, pos, "ban bí thư") {
        let e = central(s, ws(s, e, false)).unwrap_or(e);
        return Some(mk("TW", true, Organ::Secretariat, e));
    }
    if executive {
        if let Some(e) = central(s, pos) {
            return Some(mk("TW", true, Organ::CentralCommittee, e));
        }
        if let Some(e) = phrase(s, pos, "đảng bộ tỉnh") {
            return Some(local(s, start, e, "TU", true));
        }
        if let Some(e) = phrase(s, pos, "đảng bộ huyện") {
            return Some(local(s, start, e, "HU", true));
        }
    }
    // Central boards, or the same boards of a provincial committee.
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
    for (name, abbr) in BOARDS {
        if let Some(e) = phrase(s, pos, name) {
            let q = ws(s, e, false);
            if let Some(e2) = central(s, q) {
                return Some(mk(&format!("{abbr}TW"), true, Organ::Other, e2));
            }
            if let Some(e2) = any_phrase(s, q, &["tỉnh ủy", "thành ủy"]) {
                return Some(local(s, start, e2, &format!("{abbr}TU"), true));
            }
            return None;
        }
    }
    if let Some(e) = phrase(s, pos, "quân ủy trung ương") {
        return Some(mk("QUTW", true, Organ::Other, e));
    }
    if let Some(e) = phrase(s, pos, "tỉnh ủy") {
        return Some(local(s, start, e, "TU", true));
    }
    if let Some(e) = phrase(s, pos, "thành ủy") {
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
        if let Some(e2) = any_phrase(s, q, &["các cơ quan", "cơ quan", "doanh nghiệp", "ccq"])
        {
            e = e2;
        }
        // An abbreviation in brackets: `Đảng ủy Khối Các cơ quan (CCQ) tỉnh`.
        let q = ws(s, e, false);
        if let Some(open) = punct(s, q, &['(']) {
            let close = s[open..].find(')').map(|c| open + c);
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
    if let Some(e) = phrase(s, pos, "quốc hội") {
        return Some(mk("QH", false, Organ::Other, e));
    }
    // `Trung ương` alone (`của Trung ương`), and `Hội nghị Trung ương`.
    if let Some(e) = central(s, pos) {
        if !executive && char_at(s, ws(s, e, false)).is_some_and(|c| c.is_ascii_digit()) {
            return None; // `Trung ương 4` is a plenum, not an issuer
        }
        return Some(mk("TW", true, Organ::CentralCommittee, e));
    }
    None
}

/// Completes a central issuer: optional `Đảng`, `khóa`.
fn finish_issuer(
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
        },
        end,
    )
}

/// Completes a local issuer: the place it names, if any, and `khóa`.
fn local(s: &str, start: usize, end: usize, code: &str, party: bool) -> (Issuer, usize) {
    let district_level = matches!(code, "HU" | "QU" | "ThU");
    let mut province = None;
    let mut district = None;
    let mut end = end;
    if district_level {
        if let Some((p, d, e)) = district_name(s, end) {
            province = Some(p);
            district = Some(d);
            end = e;
        }
    }
    if province.is_none() {
        if let Some((p, e)) = province_name(s, end) {
            province = Some(p);
            end = e;
        }
    }
    let (_, end) = organ_suffix(s, end);
    (
        Issuer {
            text: collapse_ws(&s[start..end]),
            code: code.to_string(),
            party,
            organ: Organ::Other,
            city: false,
            province,
            district,
        },
        end,
    )
}

// ---------------------------------------------------------------------------
// Members: codes and numbers

/// A member of a mention: a code or a bare number.
#[derive(Debug, Clone)]
struct Member {
    target: Target,
    number: String,
    span: Range<usize>,
}

/// Issuer codes a Party code may end with when written in lower case.
const PARTY_ISSUERS: &[&str] = &[
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
    "ĐUKCCQTW",
    "ĐUKDNTW",
    "BCĐ",
];

/// Issuers that only ever write State codes: never a Party code's issuer.
const STATE_ISSUERS: &[&str] = &["UBND", "HĐND", "CP", "TTG", "QH", "VPCP", "UBTVQH"];

/// Whether a code's issuer part names a Party organ (`TW`, `TU`, `BTCTW`).
fn is_party_issuer(up: &str) -> bool {
    PARTY_ISSUERS.contains(&up) || up.ends_with("TW") || up.ends_with("TU") && !up.starts_with("UB")
}

/// Letters of a code segment at `i` (`NQ`, `QĐi`, `UBND`, `QH14`).
fn segment(s: &str, i: usize) -> Option<(&str, usize)> {
    let first = char_at(s, i)?;
    if !first.is_alphabetic() {
        return None;
    }
    let end = word_end(s, i);
    (end - i <= 16).then_some((&s[i..end], end))
}

/// A Party code at `i`: `26-CT/TU`, `130- KH/TU`, `11–NQ/TW`, `50 CT/TW`,
/// `65-Ctr/TU`, or written the State's way, `22/CT-TW`.
fn party_code(s: &str, i: usize) -> Option<Member> {
    let vocab = Vocab::get();
    let (n, written, after_n) = number(s, i)?;
    let q = ws(s, after_n, true);
    // `N-TYPE/ISSUER`, the separator optional only if spaced (`50 CT/TW`).
    let (state_way, q) = match punct(s, q, &['-', '–', '—']) {
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
    let e = punct(s, q, if state_way { &['-', '–'] } else { &['/'] })?;
    let (iss, end) = segment(s, ws(s, e, false))?;
    let up = iss.to_uppercase();
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
    // A code never continues into another segment (`NQ/TW-BCS`) or number.
    if char_at(s, end)
        .is_some_and(|c| c == '-' && char_at(s, end + 1).is_some_and(char::is_alphanumeric))
    {
        return None;
    }
    Some(Member {
        target: Target::PartyCode {
            number: n,
            doc_type,
            issuer: vocab.canonical_segment(iss),
        },
        number: written.to_string(),
        span: i..end,
    })
}

/// A State code at `i`: `114/2014/NĐ-CP`, `08/NQ-CP`, `17/CT-UBND`,
/// `238/UBND-KGVX`, `25/2018/QH14`.
fn state_code(s: &str, i: usize) -> Option<Member> {
    let vocab = Vocab::get();
    let (n, written, after_n) = number(s, i)?;
    let mut q = punct(s, ws(s, after_n, false), &['/'])?;
    q = ws(s, q, false);
    let mut year = None;
    if let Some((y, w, e)) = number(s, q) {
        if w.len() != 4 || !(1945..=2100).contains(&y) {
            return None;
        }
        year = Some(y as i32);
        q = punct(s, ws(s, e, false), &['/'])?;
        q = ws(s, q, false);
    }
    let mut segs: Vec<String> = Vec::new();
    let mut end;
    loop {
        let (seg, e) = segment(s, q)?;
        segs.push(seg.to_string());
        end = e;
        match punct(s, e, &['-', '–']) {
            Some(e2) if segment(s, e2).is_some() && segs.len() < 4 => q = e2,
            _ => break,
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
    let is_type = vocab.state_type(&first).is_some() || vocab.party_type(&first).is_some();
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
fn bare_number(s: &str, i: usize, has_so: bool) -> Option<Member> {
    // After an abbreviation the number may be attached: `NQ21`.
    let attached = s[..i].ends_with(|c: char| c.is_ascii_uppercase());
    let (n, written, end) = if attached {
        digits(s, i)?
    } else {
        number(s, i)?
    };
    if n == 0 {
        return None;
    }
    if !has_so {
        if written.len() == 4 && n >= 1900 {
            return None; // a year: `Kế hoạch 2021`
        }
        let q = ws(s, end, false);
        const FOLLOWERS: &[&str] = &[
            "của", "ngày", "về", "và", "đã", "được", "trong", "là", "với", "nhằm", "do", "tại",
            "ban", "cũng", "này", "khóa", "gắn", "thì", "mà", "nêu", "đề", "có", "kèm", "theo",
            "vào", "sẽ", "hiện",
        ];
        let ok = match char_at(s, q) {
            None => true,
            Some(c) if ",;:)”\"'.".contains(c) => {
                // `05.` ends a sentence; `05.3` is a number.
                !(c == '.' && char_at(s, q + 1).is_some_and(|d| d.is_ascii_digit()))
            }
            Some('(') => true,
            Some(c) if c.is_alphabetic() => {
                let e = word_end(s, q);
                FOLLOWERS.contains(&norm(&s[q..e]).as_str())
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

fn member(s: &str, i: usize, has_so: bool) -> Option<Member> {
    party_code(s, i)
        .or_else(|| state_code(s, i))
        .or_else(|| bare_number(s, i, has_so))
}

// ---------------------------------------------------------------------------
// Plenums and Congresses

/// `Trung ương 4 (khóa XI, XII)`, `TW4 khóa 11`, `Hội nghị lần thứ tư Ban
/// Chấp hành Trung ương khóa XII`, `Hội nghị Trung ương 6`. Returns
/// (plenum, terms, end).
fn plenum(s: &str, i: usize) -> Option<(u32, Vec<u32>, usize)> {
    let mut pos = i;
    let conference = phrase(s, pos, "hội nghị");
    if let Some(e) = conference {
        pos = ws(s, e, true);
    }
    let (n, mut end) = if let Some(e) = central(s, pos) {
        // `Trung ương 4`, `T.Ư 4`, `TW4`.
        let q = ws(s, e, false);
        let (n, _, e2) = number(s, q).or_else(|| {
            // `TW4`: the regex word boundary does not split letters from digits.
            let d = s[e..].bytes().take_while(u8::is_ascii_digit).count();
            (d > 0 && d <= 2).then(|| (s[e..e + d].parse().unwrap_or(0), &s[e..e + d], e + d))
        })?;
        if !(1..=20).contains(&n) || char_at(s, e2).is_some_and(|c| c == '-' || c == '/') {
            return None;
        }
        (n, e2)
    } else if conference.is_some() {
        // `Hội nghị lần thứ tư (của) Ban Chấp hành Trung ương (Đảng)`.
        let q = phrase(s, pos, "lần thứ")
            .map(|e| ws(s, e, false))
            .or_else(|| phrase(s, pos, "thứ").map(|e| ws(s, e, false)))?;
        let (n, e) = ordinal(s, q)?;
        let mut e = e;
        let q = ws(s, e, true);
        let q = phrase(s, q, "của").map(|x| ws(s, x, true)).unwrap_or(q);
        let q2 = any_phrase(s, q, &["ban chấp hành", "bch"]).map(|x| ws(s, x, true))?;
        e = central(s, q2)?;
        if let Some(x) = phrase(s, ws(s, e, false), "đảng") {
            e = x;
        }
        (n, e)
    } else {
        return None;
    };
    let mut terms = Vec::new();
    let q = ws(s, end, false);
    if let Some((t, e)) = khoa(s, q) {
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
    Some((n, terms, end))
}

/// `Đại hội Đảng toàn quốc lần thứ XII`, `Đại hội XII của Đảng`, `Đại hội
/// Đảng bộ tỉnh (lần thứ XV)`. Not `Đại hội Đảng bộ các cấp`: a class.
/// Returns (term, provincial, province, end).
fn congress(s: &str, i: usize) -> Option<(Option<u32>, bool, Option<String>, usize)> {
    let mut pos = any_phrase(s, i, &["đại hội", "đh"])?;
    pos = ws(s, pos, true);
    if let Some(e) = phrase(s, pos, "đại biểu") {
        pos = ws(s, e, true);
    }
    if let Some(e) = phrase(s, pos, "đảng bộ tỉnh") {
        let mut end = e;
        let mut province = None;
        if let Some((p, e2)) = province_name(s, end) {
            province = Some(p);
            end = e2;
        }
        let mut term = None;
        let q = ws(s, end, false);
        if let Some(e2) = phrase(s, q, "lần thứ") {
            if let Some((t, e3)) = term_number(s, ws(s, e2, false)) {
                term = Some(t);
                end = e3;
            }
        } else if let Some((t, e3)) = khoa(s, q) {
            term = t.first().copied();
            end = e3;
        }
        return Some((term, true, province, end));
    }
    // National: at least a Roman numeral, among the words `Đảng`, `toàn quốc`, `lần thứ`.
    let mut seen_party = false;
    for _ in 0..4 {
        if let Some(e) = any_phrase(s, pos, &["đảng toàn quốc", "toàn quốc", "lần thứ"])
        {
            seen_party = true;
            pos = ws(s, e, true);
        } else if let Some(e) = phrase(s, pos, "đảng") {
            let e2 = word_end(s, ws(s, e, false));
            if norm(&s[ws(s, e, false)..e2]) == "bộ" {
                return None; // `Đại hội Đảng bộ ...` without `tỉnh`: not a national one
            }
            seen_party = true;
            pos = ws(s, e, true);
        } else {
            break;
        }
    }
    let (t, mut end) = term_number(s, pos)?;
    if s[pos..end].parse::<u32>().is_ok() && !seen_party {
        return None; // `Đại hội 12` alone is too loose
    }
    if let Some(e) = phrase(s, ws(s, end, false), "của đảng") {
        end = e;
    }
    Some((Some(t), false, None, end))
}

// ---------------------------------------------------------------------------
// Mentions

/// What follows a mention's members and belongs to each of them.
#[derive(Default)]
struct Tail {
    date: Option<NaiveDate>,
    year: Option<i32>,
    issuer: Option<Issuer>,
    term: Option<u32>,
    end: usize,
}

/// `, ngày 25/10/2021`, `ngày 30 tháng 3 năm 2007`, `năm 2008`, `của Ban
/// Bí thư`, `(khóa XII)`, in any order, each at most once, on one line.
fn tail(s: &str, start: usize) -> Tail {
    let mut t = Tail {
        end: start,
        ..Tail::default()
    };
    let mut have_date = false;
    for _ in 0..4 {
        let mut q = ws(s, t.end, false);
        let comma = punct(s, q, &[',']).map(|e| ws(s, e, false));
        if let Some(c) = comma {
            if !have_date && phrase(s, c, "ngày").is_some() {
                q = c;
            }
        }
        if !have_date {
            if let Some(e) = phrase(s, q, "ngày") {
                if let Some((d, y, e2)) = date(s, ws(s, e, false)) {
                    t.date = d;
                    t.year = y;
                    t.end = e2;
                    have_date = true;
                    continue;
                }
            }
            if let Some(e) = phrase(s, q, "năm") {
                if let Some((y, w, e2)) = number(s, ws(s, e, false)) {
                    if w.len() == 4 && (1930..=2100).contains(&y) {
                        t.year = Some(y as i32);
                        t.end = e2;
                        have_date = true;
                        continue;
                    }
                }
            }
        }
        if t.issuer.is_none() {
            if let Some(e) = phrase(s, q, "của") {
                if let Some((iss, e2)) = issuer(s, ws(s, e, true)) {
                    t.issuer = Some(iss);
                    t.end = e2;
                    continue;
                }
            }
        }
        if t.term.is_none() {
            if let Some((terms, e)) = khoa(s, q) {
                t.term = terms.first().copied();
                t.end = e;
                continue;
            }
        }
        break;
    }
    if t.term.is_none() {
        // `của BCH T.Ư Đảng khóa XIII`: the khóa read with the issuer.
        if let Some(text) = t.issuer.as_ref().map(|i| i.text.clone()) {
            if let Some(k) = text
                .to_lowercase()
                .find("khóa")
                .or_else(|| text.to_lowercase().find("khoá"))
            {
                let rest = &text[k..];
                if let Some((terms, _)) = khoa(rest, 0) {
                    t.term = terms.first().copied();
                }
            }
        }
    }
    t
}

/// The `về ...` clause after `end` (or `“về ...”`), without the `về`.
fn subject(s: &str, end: usize) -> Option<String> {
    let q = ws(s, end, false);
    let (quoted, q) = match punct(s, q, &['“', '"', '«']) {
        Some(e) => (true, ws(s, e, false)),
        None => (false, q),
    };
    let e = phrase(s, q, "về")?;
    let body_start = ws(s, e, false);
    let rest = &s[body_start..];
    let mut stop = rest.len();
    for (k, c) in rest.char_indices() {
        let ends = match c {
            '\n' | '\r' | ';' => true,
            '”' | '»' => quoted,
            '"' => quoted,
            '.' => rest[k + 1..].starts_with([' ', '\n']) || k + 1 == rest.len(),
            '(' => true,
            // `..., Hướng dẫn số 09`, `..., Ban Thường vụ Tỉnh ủy ban hành`: a new clause.
            ',' => {
                let after = ws(rest, k + 1, false);
                char_at(rest, after).is_some_and(char::is_uppercase)
                    || TYPE_WORDS.iter().any(|w| phrase(rest, after, w).is_some())
            }
            _ => false,
        };
        if ends || k > 300 {
            stop = k;
            break;
        }
    }
    let text = rest[..stop]
        .trim()
        .trim_start_matches(['“', '"', '«'])
        .trim_end_matches([',', ':', '”', '"', '»'])
        .trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Modifiers that may stand between a type word and its number
/// (`Chương trình hành động số 15-CTr/TU`, `Nghị quyết chuyên đề số 05`).
const MODIFIERS: &[&str] = &[
    "hành động",
    "liên tịch",
    "chuyên đề",
    "kết luận",
    "liên ngành",
];

/// Reads a mention after a type word (or abbreviation) at `start..after`.
fn parse_after_type(
    s: &str,
    start: usize,
    after: usize,
    kind: &str,
    is_word: bool,
) -> Vec<Mention> {
    let mut pos = ws(s, after, true);
    if is_word {
        if let Some(e) = any_phrase(s, pos, MODIFIERS) {
            pos = ws(s, e, true);
        }
    }
    // A plenum: `Nghị quyết Trung ương 4 (khóa XI, XII)`: one span, one mention per khóa.
    if matches!(kind, "Nghị quyết" | "Kết luận" | "Thông báo" | "Quy định") {
        if let Some((n, terms, end)) = plenum(s, pos) {
            let t = tail(s, end);
            let end = t.end.max(end);
            let base = Mention {
                span: start..end,
                kind: kind.to_string(),
                number: None,
                target: Target::Plenum {
                    plenum: n,
                    term: None,
                },
                issuer: t.issuer.clone(),
                date: t.date,
                year: t.year,
                term: t.term,
                subject: subject(s, end),
                issuer_before: None,
                heading: false,
            };
            if terms.is_empty() {
                return vec![base];
            }
            return terms
                .into_iter()
                .map(|term| Mention {
                    target: Target::Plenum {
                        plenum: n,
                        term: Some(term),
                    },
                    ..base.clone()
                })
                .collect();
        }
    }
    if kind == "Nghị quyết" {
        if let Some((term, provincial, province, end)) = congress(s, pos) {
            return vec![Mention {
                span: start..end,
                kind: kind.to_string(),
                number: None,
                target: Target::Congress {
                    term,
                    provincial,
                    province,
                },
                issuer: None,
                date: None,
                year: None,
                term,
                subject: subject(s, end),
                issuer_before: None,
                heading: false,
            }];
        }
    }
    let mut has_so = false;
    if let Some(e) = phrase(s, pos, "số") {
        has_so = true;
        pos = ws(s, e, true);
        if let Some(e) = punct(s, pos, &[':']) {
            pos = ws(s, e, true);
        }
    }
    // Words of types that only State organs issue need a code.
    let needs_code = matches!(kind, "Nghị định" | "Thông tư" | "Luật" | "Văn bản");
    let Some(first) = member(s, pos, has_so) else {
        return Vec::new();
    };
    let mut members = vec![first];
    // A list that shares the type word: `18, 19, 20-NQ/TW`, `18-NQ/TW và 19-NQ/TW`, `79-NQ/TW và số 80-NQ/TW`.
    loop {
        let last_end = members.last().map_or(pos, |m| m.span.end);
        let q = ws(s, last_end, true);
        let sep = punct(s, q, &[',', ';'])
            .map(|e| {
                let e = ws(s, e, true);
                phrase(s, e, "và").map(|x| ws(s, x, true)).unwrap_or(e)
            })
            .or_else(|| phrase(s, q, "và").map(|e| ws(s, e, true)));
        let Some(mut q) = sep else { break };
        if let Some(e) = phrase(s, q, "số") {
            q = ws(s, e, true);
        }
        // The next member must itself be a number or code, and a bare number
        // must lead on to more of the list (`18, 19, 20-NQ/TW`) or be under `số`.
        let Some(m) = member(s, q, true) else { break };
        if matches!(m.target, Target::Number { .. }) {
            let is_quantity = bare_number(s, q, false).is_none();
            if is_quantity && !has_so {
                break;
            }
        }
        members.push(m);
        if members.len() > 20 {
            break;
        }
    }
    // Bare numbers before a code share its code: `các Nghị quyết số 18, 19, 20-NQ/TW`.
    let mut shared: Option<Target> = None;
    for m in members.iter_mut().rev() {
        match (&m.target, &shared) {
            (Target::PartyCode { .. } | Target::StateCode { .. }, _) => {
                shared = Some(m.target.clone())
            }
            (Target::Number { number }, Some(code)) => {
                m.target = match code {
                    Target::PartyCode {
                        doc_type, issuer, ..
                    } => Target::PartyCode {
                        number: *number,
                        doc_type: doc_type.clone(),
                        issuer: issuer.clone(),
                    },
                    Target::StateCode { year, code, .. } => Target::StateCode {
                        number: *number,
                        year: *year,
                        code: code.clone(),
                    },
                    other => other.clone(),
                }
            }
            _ => {}
        }
    }
    let last_end = members.last().map_or(pos, |m| m.span.end);
    let t = tail(s, last_end);
    let end = t.end.max(last_end);
    // A bare number of a State-only type needs its issuer to mean anything
    // (`Nghị định số 30 của Chính phủ`).
    if needs_code
        && t.issuer.is_none()
        && members
            .iter()
            .any(|m| matches!(m.target, Target::Number { .. }))
    {
        return Vec::new();
    }
    let subj = subject(s, end);
    let count = members.len();
    members
        .into_iter()
        .enumerate()
        .map(|(k, m)| {
            let span_start = if k == 0 { start } else { m.span.start };
            let span_end = if k + 1 == count { end } else { m.span.end };
            Mention {
                span: span_start..span_end,
                kind: kind_for(kind, &m.target),
                number: Some(m.number),
                target: m.target,
                issuer: t.issuer.clone(),
                date: t.date,
                year: t.year,
                term: t.term,
                subject: subj.clone(),
                issuer_before: None,
                heading: false,
            }
        })
        .collect()
}

/// The kind to show: the word written, except `văn bản`, which says only
/// that it is a document: then the code's type decides.
fn kind_for(word: &str, target: &Target) -> String {
    if word != "Văn bản" {
        return word.to_string();
    }
    let vocab = Vocab::get();
    match target {
        Target::PartyCode { doc_type, .. } => {
            vocab.word_of(doc_type, true).unwrap_or(word).to_string()
        }
        Target::StateCode { code, .. } => {
            let first = code.split('-').next().unwrap_or("");
            vocab
                .state_type(first)
                .and_then(|t| vocab.word_of(t, false))
                .unwrap_or("Công văn")
                .to_string()
        }
        _ => word.to_string(),
    }
}

/// A code with no type word before it: `thực hiện 22-NQ/TW`, `Số: 17/CT-UBND`.
fn parse_bare_code(s: &str, i: usize) -> Vec<Mention> {
    let Some(m) = party_code(s, i).or_else(|| state_code(s, i)) else {
        return Vec::new();
    };
    let vocab = Vocab::get();
    let kind = match &m.target {
        Target::PartyCode { doc_type, .. } => vocab.word_of(doc_type, true),
        Target::StateCode { code, .. } => {
            let first = code.split('-').next().unwrap_or("");
            vocab
                .state_type(first)
                .and_then(|t| vocab.word_of(t, false))
                .or(Some("Công văn"))
        }
        _ => None,
    }
    .unwrap_or("Văn bản")
    .to_string();
    // `Số:` right before the code.
    let line_start = s[..i].rfind(['\n', '\r']).map_or(0, |p| p + 1);
    let before = s[line_start..i].trim();
    let so = matches!(norm(before.trim_end_matches(':').trim()).as_str(), "số");
    let t = tail(s, m.span.end);
    let end = t.end.max(m.span.end);
    let start = if so && !before.is_empty() {
        line_start + (s[line_start..i].len() - s[line_start..i].trim_start().len())
    } else {
        i
    };
    let heading = so && is_document_heading(s, end);
    vec![Mention {
        span: if heading { i..m.span.end } else { start..end },
        kind,
        number: Some(m.number),
        target: m.target,
        issuer: t.issuer,
        date: t.date,
        year: t.year,
        term: t.term,
        subject: subject(s, end),
        issuer_before: None,
        heading,
    }]
}

/// `Số: 17/CT-UBND` alone on its line, followed within a few lines by a
/// place-and-date line (`..., ngày ... tháng ... năm ...`) or a title in
/// capitals: the heading of a reprinted document.
fn is_document_heading(s: &str, end: usize) -> bool {
    // A heading's next lines are short: look no further than a few hundred bytes.
    let mut stop = (end + 600).min(s.len());
    while !s.is_char_boundary(stop) {
        stop -= 1;
    }
    let rest = &s[end..stop];
    let mut lines = rest.split(['\n', '\r']);
    if lines.next().is_some_and(|l| !l.trim().is_empty()) {
        return false;
    }
    lines.filter(|l| !l.trim().is_empty()).take(4).any(|l| {
        let n = norm(l);
        let place_date = n.contains("ngày") && n.contains("tháng") && n.contains("năm");
        let letters: Vec<char> = l.chars().filter(|c| c.is_alphabetic()).collect();
        let capitals = letters.len() >= 8 && letters.iter().all(|c| !c.is_lowercase());
        place_date || capitals
    })
}

/// The issuer named just before a type word: `Ban Thường vụ Tỉnh ủy Yên
/// Bái (đã) ban hành Chỉ thị số 17`. Looks back within the sentence.
pub fn issuer_before(s: &str, type_start: usize) -> Option<Issuer> {
    let window_start = type_start.saturating_sub(200);
    let mut ws_start = window_start;
    while !s.is_char_boundary(ws_start) {
        ws_start += 1;
    }
    let window = &s[ws_start..type_start];
    let trimmed = window.trim_end();
    let last_word = trimmed
        .rsplit(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("");
    let before_last = trimmed[..trimmed.len() - last_word.len()].trim_end();
    let prev_word = before_last
        .rsplit(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("");
    let verb = (word_is(last_word, "hành") && word_is(prev_word, "ban"))
        || word_is(last_word, "có")
        || word_is(last_word, "ra");
    if !verb {
        return None;
    }
    // The sentence start: no issuer is looked for across `.`, `;` or a line.
    let sent_start = trimmed
        .rfind(['.', ';', '\n', '\r'])
        .map_or(ws_start, |p| ws_start + p + 1);
    let verb_pos = ws_start + trimmed.len() - last_word.len();
    let mut best: Option<Issuer> = None;
    let mut i = sent_start;
    while i < verb_pos {
        let c = char_at(s, i)?;
        let at_word = i == 0
            || s[..i]
                .chars()
                .next_back()
                .is_some_and(|p| !p.is_alphanumeric());
        if at_word && c.is_uppercase() {
            if let Some((iss, e)) = issuer(s, i) {
                let mut q = ws(s, e, false);
                if let Some(x) = any_phrase(s, q, &["đã", "vừa", "mới", "cũng"]) {
                    q = ws(s, x, false);
                }
                if any_phrase(s, q, &["ban hành", "có", "ra"]).is_some() {
                    best = Some(iss);
                    break;
                }
            }
        }
        i += c.len_utf8();
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Mention {
        let ms = detect(text);
        assert_eq!(ms.len(), 1, "{text}: {ms:#?}");
        ms.into_iter().next().unwrap()
    }

    #[test]
    fn spans_cover_tail() {
        let t = "gắn với việc thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của BCH T.Ư Đảng khóa XIII về đẩy mạnh";
        let m = one(t);
        assert_eq!(
            &t[m.span.clone()],
            "Kết luận số 21-KL/TW, ngày 25/10/2021 của BCH T.Ư Đảng khóa XIII"
        );
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2021, 10, 25));
        assert_eq!(m.term, Some(13));
        assert_eq!(m.subject.as_deref(), Some("đẩy mạnh"));
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman("XII"), Some(12));
        assert_eq!(roman("XI"), Some(11));
        assert_eq!(roman("IV"), Some(4));
        assert_eq!(roman("XIV"), Some(14));
        assert_eq!(roman("ABC"), None);
    }

    #[test]
    fn issuer_before_the_verb() {
        let t = "Ban Thường vụ Tỉnh ủy Yên Bái đã ban hành Chỉ thị số 17";
        let iss = issuer_before(t, t.find("Chỉ").unwrap()).unwrap();
        assert_eq!(iss.code, "TU");
        assert_eq!(iss.province.as_deref(), Some("yen-bai"));
    }
}
