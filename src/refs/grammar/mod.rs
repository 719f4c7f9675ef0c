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

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

// The grammar's parts, bottom up: reading words, numbers and dates; issuers;
// codes and numbers; plenums and Congresses. This file puts them together.
mod code;
mod issuer;
mod plenum;
mod read;

use super::vocab::Vocab;
use code::*;
use issuer::*;
pub use issuer::{cities_named, districts_named, is_district_committee, issuer, CENTRAL_CITIES};
use plenum::*;
pub(crate) use read::roman;
use read::*;

/// A document's number: `30`, or `30a`, a number with a letter after it
/// (the Government's `Nghị quyết 30a/2008/NQ-CP`, issued between 30 and 31).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocNumber {
    pub value: u32,
    /// An ASCII letter, as written (`30a`, `8B`).
    pub suffix: Option<u8>,
}

impl DocNumber {
    pub fn plain(value: u32) -> Self {
        Self {
            value,
            suffix: None,
        }
    }
}

impl std::fmt::Display for DocNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.value)?;
        match self.suffix {
            Some(c) => write!(f, "{}", c as char),
            None => Ok(()),
        }
    }
}

impl std::str::FromStr for DocNumber {
    type Err = std::num::ParseIntError;

    /// `05`, `30a`, `8B`: leading zeros dropped, a trailing letter kept.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (digits, suffix) = match s.as_bytes().last() {
            Some(c) if c.is_ascii_alphabetic() => (&s[..s.len() - 1], Some(*c)),
            _ => (s, None),
        };
        Ok(Self {
            value: digits.parse()?,
            suffix,
        })
    }
}

/// What a mention points at.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A Party code, `26-CT/TU` (also written `26/CT-TU`).
    PartyCode {
        number: DocNumber,
        doc_type: String,
        issuer: String,
    },
    /// A State code: `114/2014/NĐ-CP`, `17/CT-UBND`, `238/UBND-KGVX`.
    StateCode {
        number: DocNumber,
        year: Option<i32>,
        code: String,
    },
    /// A number without a code (`Chỉ thị 05`); the type comes from the word.
    Number { number: DocNumber },
    /// A Central Committee plenum, one per khóa named (`T.Ư 4 (khóa XI, XII)`).
    Plenum { plenum: u32, term: Option<u32> },
    /// A Congress resolution: national (`Đại hội XII`), or local: a
    /// province's, or a district's (the (province, district) it may be).
    Congress {
        term: Option<u32>,
        local: bool,
        province: Option<String>,
        districts: Vec<(String, String)>,
        /// A district's, though `districts` may not name it.
        district: bool,
        /// An unnamed `Đảng bộ thành phố`: a centrally-run city's (a
        /// province's) in its articles, else a city's (a district's).
        city: bool,
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
    /// The (province, district) slugs the district it names may be, when it
    /// names one: several if provinces share the name (`huyện Châu Thành`),
    /// and then `province` and `district` are left for the article to decide.
    pub places: Vec<(String, String)>,
    /// Whether the words name an organ of a district or under one
    /// (`Huyện ủy`, `UBND huyện`, `Đảng ủy xã`), whether or not they name
    /// the district: an unnamed one is the article's ([`districts_named`]).
    pub of_district: bool,
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
    /// The province a sentence opens with (`Tại Quảng Ninh, Ban Thường vụ
    /// Tỉnh ủy ban hành ...`): the place of an issuer that names none.
    pub place: Option<String>,
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

    /// Whether the mention is a district's document that names no district
    /// (`05-NQ/HU`, `của Huyện ủy`, `UBND huyện`, `Đại hội Đảng bộ huyện
    /// lần thứ XXIII`): the article's district is its own.
    pub fn needs_district(&self) -> bool {
        let named = self.issuer.as_ref().or(self.issuer_before.as_ref());
        named.is_some_and(|i| (i.of_district || i.city) && i.places.is_empty())
            || match &self.target {
                Target::PartyCode { issuer, .. } => is_district_committee(issuer),
                Target::Congress {
                    district,
                    districts,
                    ..
                } => *district && districts.is_empty(),
                _ => false,
            }
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
    "pháp lệnh",
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
        // The dashes a code may be written with, as the code reader knows them.
        let dashes: String = DASHES.iter().collect();
        let abbrs = TYPE_ABBREVIATIONS.join("|");
        Regex::new(&format!(
            r"(?i:(?P<word>{words}))|(?P<abbr>{abbrs})(?:\s?\d|\s?T\.?[WƯ]|\s(?i:trung|số\s|ĐH\s|đại\s+hội))|(?P<code>\d{{1,4}}(?:\.\d{{3}})?)\s*[{dashes}/]\s*(?:(?:19|20)\d\d\s*/\s*)?[A-Za-zĐđ]"
        ))
        .expect("the anchor regex is valid")
    })
}

/// Finds every mention in `text`, in reading order. Never panics; every
/// span lies on character boundaries of `text`.
pub fn detect(text: &str) -> Vec<Mention> {
    detect_after(text, &mut Coded::new())
}

/// The documents a text has cited so far, by code or by a number read as
/// a document's (`Kết luận 137 của Bộ Chính trị`), as (type word, number):
/// a later bare `Chỉ thị 26` may be one of them whatever word follows it
/// (`Kết luận 137 yêu cầu ...`).
/// A set, so that a long text with many codes stays linear.
pub type Coded = HashSet<(String, DocNumber)>;

/// [`detect`] on a part of a text whose earlier parts cited `coded` (and
/// adds this part's).
pub fn detect_after(text: &str, coded: &mut Coded) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut consumed = 0;
    for found in anchors().find_iter(text) {
        let start = found.start();
        // Word boundaries are checked here, not in the regex: Unicode `\b`
        // would keep the regex engine off its fast path on Vietnamese text.
        // `312 đảng viên/kế hoạch 300`: a ratio's unit, not a document.
        if start < consumed || !at_word_start(text, start) || text[..start].ends_with('/') {
            continue;
        }
        let first = text[start..].chars().next().unwrap_or(' ');
        let mut found = if first.is_ascii_digit() {
            parse_bare_code(text, start)
        } else if let Some((display, end)) = type_word_at(text, start) {
            if char_at(text, end).is_some_and(is_word_char) {
                continue;
            }
            let mut ms = parse_after_type(text, start, end, display, true, coded);
            // `Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15`: the
            // law's name began before the `luật` that stands before its number.
            if display == "Luật" && text[start..].starts_with('l') {
                if let Some(at) = law_name_before(text, start) {
                    for m in &mut ms {
                        m.span.start = at;
                    }
                }
            }
            let title = !ms.is_empty() && reprint_title(text, start);
            for m in &mut ms {
                m.heading = title;
            }
            ms
        } else if let Some(abbr) = TYPE_ABBREVIATIONS
            .iter()
            .find(|a| text[start..].starts_with(*a))
        {
            // A type abbreviation used as a word: `NQ 22`, `CT 05`, `NQ TW4`,
            // `NĐ 33`, `CTr 17-CTr/TU`.
            let kind = Vocab::get().word_of(abbr, true).unwrap_or("Văn bản");
            let mut ms = parse_after_type(text, start, start + abbr.len(), kind, false, coded);
            // `QĐ` alone may be a quyết định or a quy định: only a code says
            // which document it is (`QĐ 217-QĐ/TW`).
            if *abbr == "QĐ" {
                ms.retain(|m| {
                    matches!(
                        m.target,
                        Target::PartyCode { .. } | Target::StateCode { .. }
                    )
                });
            }
            ms
        } else {
            // The regex's case folding reaches further than the grammar's
            // (`K` KELVIN SIGN matches `k`): nothing to read here.
            continue;
        };
        if !found.is_empty() {
            let place = opening_place(text, start);
            for m in &mut found {
                m.place = place.clone();
            }
        }
        if !first.is_ascii_digit() && !found.is_empty() {
            let before = issuer_before_at(text, start);
            let dated = before
                .as_ref()
                .and_then(|(_, at)| date_before(text, *at))
                .or_else(|| verb_date(text, start));
            // `Ban Thường vụ Thành ủy Vinh đã ban hành Kế hoạch số 98-KH/ThU
            // ... và Đề án số 05`: a document listed after one the organ
            // issued is the organ's too.
            let listed_after = || {
                let prev = out.last()?;
                let gap = text.get(prev.span.end..start)?.trim();
                // Past the subject of the one before: `Nghị quyết số 01 về
                // ... và Nghị quyết số 02 về ...`.
                let past_subject = gap.starts_with("về ")
                    && gap.len() < 400
                    && !gap.contains(['.', ';', ':', '\n'])
                    && (gap.ends_with(" và") || gap.ends_with(','));
                (matches!(gap, "và" | "," | ";" | ", và" | "cùng" | "cùng với") || past_subject)
                    .then(|| prev.issuer_before.clone())
                    .flatten()
            };
            let issuer_before = before
                .as_ref()
                .map(|(iss, _)| iss.clone())
                .or_else(listed_after);
            for m in &mut found {
                m.issuer_before = issuer_before.clone();
                if let (Some((date, year)), None) = (dated, m.year) {
                    m.date = Some(date);
                    m.year = Some(year);
                }
            }
        }
        if let Some(last) = found.iter().map(|m| m.span.end).max() {
            consumed = last;
            for m in &found {
                if let Target::PartyCode { number, .. }
                | Target::StateCode { number, .. }
                | Target::Number { number } = m.target
                {
                    coded.insert((m.kind.clone(), number));
                }
            }
            out.extend(found);
        }
    }
    out
}

/// Type abbreviations read as their words before a number (`NQ 22`, `CT
/// 05`, `NĐ 33`); `CTr` before `CT`, the first that fits is taken.
const TYPE_ABBREVIATIONS: &[&str] = &["NQ", "CTr", "Ctr", "CT", "KL", "HD", "KH", "NĐ", "QĐ"];

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
    "Pháp lệnh",
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

/// `, ngày 25/10/2021`, `(ngày 16/6/2022)`, `ngày 30 tháng 3 năm 2007`, `năm 2008`, `của Ban
/// Bí thư`, `(khóa XII)`, in any order, each at most once, on one line or wrapped ([`ws_wrapped`]).
fn tail(s: &str, start: usize) -> Tail {
    let mut t = Tail {
        end: start,
        ..Tail::default()
    };
    let mut have_date = false;
    for _ in 0..4 {
        let mut q = ws_wrapped(s, closing_markup(s, t.end));
        let comma = punct(s, q, &[',']).map(|e| ws(s, e, false));
        // `, ngày 23-6-2021, của Ban Bí thư`: a comma before either.
        if let Some(c) = comma {
            let date_next = !have_date && any_phrase(s, c, &["ngày", "tháng"]).is_some();
            let issuer_next = t.issuer.is_none() && phrase(s, c, "của").is_some();
            if date_next || issuer_next {
                q = c;
            }
        }
        if !have_date {
            // `ban hành ngày 8/8/2022`, `được ký ngày ...`: the verb before the date.
            let verb = any_phrase(s, q, &["được ban hành", "ban hành", "được ký", "ký"])
                .map(|e| ws(s, e, false))
                .filter(|&v| phrase(s, v, "ngày").is_some());
            // `Nghị quyết 26, ngày 16/6/2022, Ban Chấp hành Trung ương ban
            // hành ...`: a date between commas before an organ dates the
            // organ's clause ([`clause_date`]), not the mention before it.
            let own_date = dated(s, verb.unwrap_or(q))
                .filter(|&(_, _, e2)| comma.is_none() || !opens_organs_clause(s, e2));
            if let Some((d, y, e2)) = own_date {
                t.date = d;
                t.year = y;
                t.end = e2;
                have_date = true;
                continue;
            }
            if let Some((y, e2)) = year_or_month(s, q) {
                t.year = Some(y);
                t.end = e2;
                have_date = true;
                continue;
            }
            // `được Ban Thường vụ Tỉnh ủy ban hành ngày 30/6/2022`: the
            // issuer and the date in a passive clause.
            let passive = phrase(s, q, "được")
                .and_then(|e| issuer(s, ws(s, e, false)))
                .and_then(|(iss, e)| {
                    let v = any_phrase(s, ws(s, e, false), &["ban hành", "ký ban hành", "ký"])?;
                    let (d, y, e2) = dated(s, ws(s, v, false))?;
                    Some((iss, d, y, e2))
                });
            if let Some((iss, d, y, e2)) = passive {
                t.issuer = t.issuer.take().or(Some(iss));
                t.date = d;
                t.year = y;
                t.end = e2;
                have_date = true;
                continue;
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

/// `năm 2008`, `tháng 10/2020`, `tháng 3 năm 2022` at `q`: a date without its day,
/// (year, end).
fn year_or_month(s: &str, q: usize) -> Option<(i32, usize)> {
    let four_digits = |at: usize| {
        let (y, w, e) = number(s, at)?;
        (w.len() == 4 && (1930..=2100).contains(&y)).then_some((y as i32, e))
    };
    if let Some(e) = phrase(s, q, "năm") {
        return four_digits(ws(s, e, false));
    }
    let e = phrase(s, q, "tháng")?;
    let (m, _, e) = number(s, ws(s, e, false))?;
    if !(1..=12).contains(&m) {
        return None;
    }
    let q = ws(s, e, false);
    let y_at = match punct(s, q, &['/', '-', '.']) {
        Some(e) => ws(s, e, false),
        None => ws(s, phrase(s, q, "năm")?, false),
    };
    four_digits(y_at)
}

/// `ngày 25/10/2021` at `q`, or in brackets, `(ngày 16/6/2022)`: (whole
/// date, year, end).
fn dated(s: &str, q: usize) -> Option<(Option<NaiveDate>, Option<i32>, usize)> {
    let bracket = punct(s, q, &['(']);
    let at = bracket.map_or(q, |e| ws(s, e, false));
    let (d, y, end) = date(s, ws_in_date(s, phrase(s, at, "ngày")?))?;
    let end = match bracket {
        Some(_) => punct(s, ws(s, end, false), &[')'])?,
        None => end,
    };
    Some((d, y, end))
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
            // `... không được làm và Quy định số 69-QĐ/TW ...`: the next
            // document listed.
            ' ' => phrase(rest, k + 1, "và").is_some_and(|e| {
                let after = ws(rest, e, false);
                TYPE_WORDS.iter().any(|w| phrase(rest, after, w).is_some())
            }),
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
    "phối hợp",
];

/// Reads a mention after a type word (or abbreviation) at `start..after`.
fn parse_after_type(
    s: &str,
    start: usize,
    after: usize,
    kind: &str,
    is_word: bool,
    coded: &Coded,
) -> Vec<Mention> {
    let mut pos = ws(s, after, true);
    if is_word {
        if let Some(e) = any_phrase(s, pos, MODIFIERS) {
            pos = ws(s, e, true);
        }
        // `Chương trình kiểm tra, giám sát số 08-CTr/UBKTTU`.
        let checks = phrase(s, pos, "kiểm tra").and_then(|e| {
            let q = ws(s, e, false);
            let q = punct(s, q, &[',']).map_or(q, |c| ws(s, c, false));
            phrase(s, q, "giám sát")
        });
        if let Some(e) = checks {
            pos = ws(s, e, true);
        }
    }
    // A plenum: `Nghị quyết Trung ương 4 (khóa XI, XII)`: one span, one mention per khóa.
    if matches!(kind, "Nghị quyết" | "Kết luận" | "Thông báo" | "Quy định") {
        if let Some((plenums, terms, end)) = plenum(s, pos) {
            let t = tail(s, end);
            let end = t.end.max(end);
            let base = Mention {
                span: start..end,
                kind: kind.to_string(),
                number: None,
                target: Target::Plenum {
                    plenum: plenums[0],
                    term: None,
                },
                issuer: t.issuer.clone(),
                date: t.date,
                year: t.year,
                term: t.term,
                subject: subject(s, end),
                issuer_before: None,
                place: None,
                heading: false,
            };
            if terms.is_empty() {
                return vec![base];
            }
            // One mention per plenum and khóa named: `T.Ư 4 (khóa XI, XII)`,
            // `Trung ương 6, 7 khóa XII`.
            return plenums
                .iter()
                .flat_map(|&plenum| terms.iter().map(move |&term| (plenum, term)))
                .map(|(plenum, term)| Mention {
                    target: Target::Plenum {
                        plenum,
                        term: Some(term),
                    },
                    ..base.clone()
                })
                .collect();
        }
    }
    if kind == "Nghị quyết" {
        // `Nghị quyết Đại hội XIII`, `Nghị quyết của Đại hội XIII`.
        let found = congress(s, pos)
            .or_else(|| phrase(s, pos, "của").and_then(|e| congress(s, ws(s, e, true))));
        if let Some(c) = found {
            return vec![Mention {
                span: start..c.end,
                kind: kind.to_string(),
                number: None,
                target: Target::Congress {
                    term: c.term,
                    local: c.local,
                    province: c.province,
                    districts: c.places,
                    district: c.district,
                    city: c.city,
                },
                issuer: None,
                date: None,
                year: None,
                term: c.term,
                subject: subject(s, c.end),
                issuer_before: None,
                place: None,
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
    // A number alone must read as a document's (`Chỉ thị 05 của ...`), not
    // a count (`nghị quyết 3 năm qua`), unless the text cited a document of
    // this type and number by code before (`Chỉ thị 26 yêu cầu ...`).
    let first = member(s, pos, has_so).or_else(|| {
        let m = bare_number(s, pos, true)?;
        let Target::Number { number } = m.target else {
            return None;
        };
        coded.contains(&(kind.to_string(), number)).then_some(m)
    });
    let Some(first) = first else {
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
        // The next member must itself be a number or code. A bare number
        // comes before the code it shares (`18, 19, 20-NQ/TW`), never after
        // one (`số 05-CT/TW, 100% chi bộ`), and must read as a document's
        // number, not a count (`Đề án số 07, 15 đảng viên`).
        let Some(m) = member(s, q, true) else { break };
        if matches!(m.target, Target::Number { .. }) {
            let after_code = members
                .iter()
                .any(|m| !matches!(m.target, Target::Number { .. }));
            if after_code || bare_number(s, q, false).is_none() {
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
    // Or the text cited it by code before (`Nghị định 178` after
    // `Nghị định số 178/2024/NĐ-CP`).
    if needs_code
        && t.issuer.is_none()
        && members.iter().any(|m| match m.target {
            Target::Number { number } => !coded.contains(&(kind.to_string(), number)),
            _ => false,
        })
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
                place: None,
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
        Target::StateCode { code, year, .. } => {
            let first = code.split('-').next().unwrap_or("");
            vocab
                .state_type(first)
                .and_then(|t| vocab.word_of(t, false))
                // A number, year and issuer alone (`22/2008/QH12`) is a law
                // or a resolution: the text does not say which. Without a
                // year it is a công văn, which has no type (`3600/UBND-VX`).
                .or(if year.is_some() && !code.contains('-') {
                    None
                } else {
                    Some("Công văn")
                })
        }
        _ => None,
    }
    .unwrap_or("Văn bản")
    .to_string();
    // `Số:` right before the code.
    // Only the few bytes before the code can hold it; looking further back
    // would make a long line with many codes quadratic.
    let mut back = i.saturating_sub(16);
    while !s.is_char_boundary(back) {
        back += 1;
    }
    let line_start = match s[back..i].rfind(['\n', '\r']) {
        Some(p) => back + p + 1,
        None if back == 0 => 0,
        // A longer line: `Số:` may still stand right before the code, in a
        // header laid on one line (`ỦY BAN NHÂN DÂN TỈNH LAI CHÂU Số: 125/KH-UBND
        // CỘNG HÒA ... Lai Châu, ngày 15 tháng 01 năm 2022`).
        None => {
            let window = s[back..i].trim_end();
            let word = window.trim_end_matches(':').trim_end();
            let so_at = word.len().saturating_sub("Số".len());
            match word.get(so_at..) {
                Some("Số") if word[..so_at].ends_with(char::is_whitespace) => back + so_at,
                _ => i,
            }
        }
    };
    let before = s[line_start..i].trim();
    let so = matches!(norm(before.trim_end_matches(':').trim()).as_str(), "số");
    let t = tail(s, m.span.end);
    let end = t.end.max(m.span.end);
    let start = if so && !before.is_empty() {
        line_start + (s[line_start..i].len() - s[line_start..i].trim_start().len())
    } else {
        i
    };
    // `Luật Phòng, chống tham nhũng số 36/2018/QH14`: a law named before its number.
    let law = matches!(m.target, Target::StateCode { .. })
        .then(|| named_law(s, i))
        .flatten();
    let (start, kind) = match law {
        Some(at) => (at, "Luật".to_string()),
        None => (start, kind),
    };
    let heading = so.then(|| document_heading(s, end)).flatten();
    // A reprinted document is dated by its place-and-date line.
    let (date, year) = match heading {
        Some(Some((d, y))) => (d, y),
        _ => (t.date, t.year),
    };
    vec![Mention {
        span: if heading.is_some() {
            i..m.span.end
        } else {
            start..end
        },
        kind,
        number: Some(m.number),
        target: m.target,
        issuer: t.issuer,
        date,
        year,
        term: t.term,
        subject: subject(s, end),
        issuer_before: None,
        place: None,
        heading: heading.is_some(),
    }]
}

/// Where a law's name begins when it stands before `số` and the code at
/// `i` (`Luật Cán bộ, công chức số 22/2008/QH12`, `Bộ luật Lao động số
/// 45/2019/QH14`).
fn named_law(s: &str, i: usize) -> Option<usize> {
    let name = s[..i].trim_end().strip_suffix("số")?;
    law_name_before(s, name.len())
}

/// Where the name of a law that runs to `end` begins: `Luật Phòng, chống
/// tham nhũng`, `Luật Ban hành văn bản quy phạm pháp` (before `luật số
/// 64/2025/QH15`). The name is a few words with no number and no sentence break.
fn law_name_before(s: &str, end: usize) -> Option<usize> {
    const REACH: usize = 120;
    let mut back = end.saturating_sub(REACH);
    while !s.is_char_boundary(back) {
        back += 1;
    }
    let window = &s[back..end];
    let at = match (window.rfind("Luật "), window.rfind("Bộ luật ")) {
        (Some(l), Some(b)) => l.max(b),
        (l, b) => l.or(b)?,
    } + back;
    let between = &s[at..end];
    let plain = !between.contains(|c: char| c.is_ascii_digit() || ".;:\n\r()".contains(c));
    (plain && at_word_start(s, at)).then_some(at)
}

/// Whether the type word at `start` begins the title in capitals of a
/// document the text reprints: `NGHỊ QUYẾT` / `HỘI NGHỊ LẦN THỨ NĂM ...`
/// on their own lines under its place-and-date line. Like the `Số:` line,
/// it names the document the article *is*, not one it cites.
fn reprint_title(s: &str, start: usize) -> bool {
    let capitals = |l: &str| {
        let mut letters = l.chars().filter(|c| c.is_alphabetic()).peekable();
        letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
    };
    // Only a line's first word, on a short line, can start a title: no
    // search through a long paragraph for its ends.
    let line_start = start - (s[..start].len() - s[..start].trim_end_matches([' ', '\t']).len());
    if line_start > 0 && !s[..line_start].ends_with(['\n', '\r']) {
        return false;
    }
    let mut limit = (start + 300).min(s.len());
    while !s.is_char_boundary(limit) {
        limit -= 1;
    }
    let Some(line_end) = s[start..limit].find(['\n', '\r']).map(|p| start + p) else {
        return false;
    };
    if !capitals(&s[start..line_end]) {
        return false;
    }
    // Back over the title's capitals lines (a few) to the place-and-date line.
    let mut back = line_start.saturating_sub(400);
    while !s.is_char_boundary(back) {
        back += 1;
    }
    let above = s[back..line_start].split(['\n', '\r']).rev();
    for l in above.filter(|l| !l.trim().is_empty()).take(4) {
        if l.len() < 120 && ends_with_place_and_date(l).is_some() {
            return true;
        }
        if !capitals(l) {
            return false;
        }
    }
    false
}

/// `Lai Châu, ngày 15 tháng 10 năm 2021` in `line`: the date it gives, if
/// readable, or `None` if the line holds no such words.
fn place_and_date(line: &str) -> Option<Option<Dated>> {
    let n = norm(line);
    if !(n.contains("ngày") && n.contains("tháng") && n.contains("năm")) {
        return None;
    }
    let dated = n
        .find("ngày")
        .and_then(|at| date(&n, ws(&n, at + "ngày".len(), false)))
        .map(|(d, y, _)| (d, y));
    Some(dated)
}

/// `... Lai Châu, ngày 12 tháng 6 năm 2020` at the end of `line`, with no
/// more than a place's name before its `, ngày` (not a sentence that
/// mentions a day: `... từ ngày 5 tháng 3 năm 2022 đến ...`).
fn ends_with_place_and_date(line: &str) -> Option<Option<Dated>> {
    let n = norm(line.trim_end());
    let comma = n.rfind(", ngày")?;
    let (_, _, end) = date(&n, ws(&n, comma + ", ngày".len(), false))?;
    n[end..]
        .trim()
        .is_empty()
        .then(|| place_and_date(&n[comma..]).flatten())
}

/// A date and its year, as [`date`] reads them.
type Dated = (Option<NaiveDate>, Option<i32>);

/// `Số: 17/CT-UBND` alone on its line, followed within a few lines by a
/// place-and-date line (`Lai Châu, ngày 10 tháng 11 năm 2021`) or a title
/// in capitals: the heading of a reprinted document. Returns, if it is
/// one, the date its place-and-date line gives.
fn document_heading(s: &str, end: usize) -> Option<Option<Dated>> {
    // A heading's next lines are short: look no further than a few hundred bytes.
    let mut stop = (end + 600).min(s.len());
    while !s.is_char_boundary(stop) {
        stop -= 1;
    }
    let rest = &s[end..stop];
    let mut lines = rest.split(['\n', '\r']);
    // The rest of its line is empty, or ends with the place-and-date line
    // set beside it (a two-column header pasted as one line).
    if let Some(l) = lines.next().filter(|l| !l.trim().is_empty()) {
        return ends_with_place_and_date(l);
    }
    let mut is_heading = false;
    for l in lines.filter(|l| !l.trim().is_empty()).take(4) {
        if let Some(dated) = place_and_date(l) {
            return Some(dated);
        }
        let letters: Vec<char> = l.chars().filter(|c| c.is_alphabetic()).collect();
        is_heading |= letters.len() >= 8 && letters.iter().all(|c| !c.is_lowercase());
    }
    is_heading.then_some(None)
}

/// Words that may stand between an issuer and `ban hành`.
const VERB_ADVERBS: &[&str] = &[
    "đã",
    "vừa",
    "mới",
    "cũng",
    "sớm",
    "kịp thời",
    "tiếp tục",
    "đồng thời",
    "nhanh chóng",
    "chính thức",
    "lãnh đạo",
    "chỉ đạo",
    "ký",
];

/// The date a sentence opens with before the issuer at `issuer_start`
/// (`Ngày 16/6/2022, Ban Chấp hành Trung ương ban hành Nghị quyết số
/// 19-NQ/TW`), or a clause inside it (`..., thì ngày 27/10/2023, Bộ Chính
/// trị ban hành ...`): the day the document was issued. Whole dates only.
fn date_before(s: &str, issuer_start: usize) -> Option<(NaiveDate, i32)> {
    sentence_date(s, issuer_start).or_else(|| clause_date(s, issuer_start))
}

/// Words that join a clause's date to what comes before it (`Đến ngày
/// 16/6/2022, ...`, `..., thì ngày 27/10/2023, ...`).
const DATE_CONNECTIVES: &[&str] = &[
    "đồng thời",
    "sau đó",
    "tiếp đó",
    "đến",
    "tới",
    "vào",
    "cũng",
    "và",
    "thì",
];

/// At most this many bytes of words (`Tổng Bí thư Tô Lâm thay mặt`) between
/// a clause's date and its issuer.
const SIGNER_GAP: usize = 60;

/// Whether what stands between a clause's date and its issuer leaves the
/// date the issuer's: nothing but a comma, or after the comma a few words
/// naming who signs for the organ, with no punctuation and no number (and
/// not `của`: `, ngày 23-6-2021, của Ban Bí thư` dates the mention before).
fn date_reaches_issuer(gap: &str) -> bool {
    let gap = gap.trim_start();
    match gap.strip_prefix(',') {
        _ if gap.trim_start_matches([',', ' ']).is_empty() => true,
        Some(words) => {
            let words = words.trim_start();
            words.len() <= SIGNER_GAP
                && phrase(words, 0, "của").is_none()
                && !words.contains(|c: char| c.is_ascii_digit() || ",.;:()\"“”\n".contains(c))
        }
        None => false,
    }
}

/// Whether the date ending at `date_end` opens the clause of an organ named
/// after it, as [`clause_date`] reads one: `, Ban Chấp hành Trung ương ban
/// hành ...`, `, Tổng Bí thư Tô Lâm thay mặt Bộ Chính trị ký ...`.
fn opens_organs_clause(s: &str, date_end: usize) -> bool {
    let Some(comma) = punct(s, ws(s, date_end, false), &[',']) else {
        return false;
    };
    let mut at = ws(s, comma, false);
    while at <= comma + SIGNER_GAP && date_reaches_issuer(&s[date_end..at]) {
        if char_at(s, at).is_some_and(char::is_uppercase) && issuer(s, at).is_some() {
            return true;
        }
        let next = ws(s, word_end(s, at), false);
        if next == at {
            break;
        }
        at = next;
    }
    false
}

/// `..., ngày 16/6/2022, Ban Chấp hành Trung ương ban hành ...`: a date
/// after a comma or a connective (`thì`, `đồng thời`) opening the issuer's
/// clause.
fn clause_date(s: &str, issuer_start: usize) -> Option<(NaiveDate, i32)> {
    let mut back = issuer_start.saturating_sub(40 + SIGNER_GAP);
    while !s.is_char_boundary(back) {
        back += 1;
    }
    let k = back + s[back..issuer_start].rfind("ngày")?;
    let before = s[..k].trim_end();
    let joined = before.ends_with(',')
        || DATE_CONNECTIVES.iter().any(|w| {
            before.len() >= w.len()
                && before.is_char_boundary(before.len() - w.len())
                && at_word_start(before, before.len() - w.len())
                && phrase(before, before.len() - w.len(), w).is_some()
        });
    joined.then_some(())?;
    let (date, year, end) = date(s, ws(s, k + "ngày".len(), false))?;
    let gap = &s[end..issuer_start];
    (gap.trim_start().starts_with(',') && date_reaches_issuer(gap)).then_some(())?;
    Some((date?, year?))
}

/// `Ngày 16/6/2022, Ban Chấp hành Trung ương ban hành ...`: a date opening
/// the sentence, after a portal's prefix or a connective if any.
fn sentence_date(s: &str, issuer_start: usize) -> Option<(NaiveDate, i32)> {
    // A date, a portal's prefix and a signer take a few dozen bytes: look
    // no further.
    let sentence_start = sentence_start(s, issuer_start, 80 + SIGNER_GAP)?;
    let opening = s[sentence_start..issuer_start].trim_start();
    let at = issuer_start - opening.len();
    // A portal's `(HBĐT) - ` before it, or `TTO - `, `Baoquangninh.vn - `.
    let tag_end = match opening.strip_prefix('(') {
        Some(r) => r.find(')').filter(|&c| c <= 40).map(|c| c + 2),
        None => opening
            .find(" - ")
            .filter(|&c| c <= 30 && !opening[..c].contains(' ')),
    };
    let lede = tag_end.map(|c| {
        let date_at = opening[c..].trim_start_matches([' ', '-', '–', '—']);
        opening.len() - date_at.len()
    });
    let at = at + lede.unwrap_or(0);
    let at = any_phrase(s, at, DATE_CONNECTIVES).map_or(at, |e| ws(s, e, false));
    let at = phrase(s, at, "ngày").map_or(at, |e| ws(s, e, false));
    let (date, year, end) = date(s, at)?;
    date_reaches_issuer(&s[end..issuer_start]).then_some(())?;
    Some((date?, year?))
}

/// `ngày 12/6/2021 ban hành Nghị quyết số 02-NQ/TW`: a date right before
/// the verb that issues the document at `type_start`.
fn verb_date(s: &str, type_start: usize) -> Option<(NaiveDate, i32)> {
    let mut back = type_start.saturating_sub(48);
    while !s.is_char_boundary(back) {
        back += 1;
    }
    let k = back + s[back..type_start].rfind("ngày")?;
    let (date, year, end) = date(s, ws(s, k + "ngày".len(), false))?;
    let mut q = ws(s, end, false);
    for _ in 0..2 {
        match any_phrase(s, q, &["đã", "ký", "vừa"]) {
            Some(e) => q = ws(s, e, false),
            None => break,
        }
    }
    let verb_end = phrase(s, q, "ban hành")?;
    (ws(s, verb_end, true) == type_start).then_some(())?;
    Some((date?, year?))
}

/// Where the sentence around `at` starts, if it starts within `reach`
/// bytes before it (no search through a long line).
fn sentence_start(s: &str, at: usize, reach: usize) -> Option<usize> {
    let mut back = at.saturating_sub(reach);
    while !s.is_char_boundary(back) {
        back += 1;
    }
    match sentence_stop(&s[back..at]) {
        Some(p) => Some(back + p),
        None if back == 0 => Some(0),
        None => None,
    }
}

/// Where the last sentence in `window` starts: after its last line break,
/// or its last `.`, `;`, `!` or `?` followed by a space; not the dot inside
/// `Baodaklak.vn` or `1.234`, nor after an abbreviation (`TP. Hạ Long`).
fn sentence_stop(window: &str) -> Option<usize> {
    let b = window.as_bytes();
    let abbreviation = |k: usize| {
        let word = window[..k]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        matches!(word, "TP" | "Tp" | "TX" | "TT")
            || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
    };
    (0..b.len()).rev().find_map(|k| match b[k] {
        b'\n' | b'\r' => Some(k + 1),
        b'.' if abbreviation(k) => None,
        b'.' | b';' | b'!' | b'?' if b.get(k + 1).is_none_or(u8::is_ascii_whitespace) => {
            Some(k + 1)
        }
        _ => None,
    })
}

/// `Tại Quảng Ninh, ...`, `Ở tỉnh Bắc Giang, ...`: the province the
/// sentence around `at` opens with, as a slug.
fn opening_place(s: &str, at: usize) -> Option<String> {
    let q = ws(s, sentence_start(s, at, 300)?, false);
    let q = ws(s, any_phrase(s, q, &["tại", "ở"])?, false);
    let (province, end) = province_name(s, q)?;
    punct(s, ws(s, end, false), &[','])?;
    Some(province)
}

/// The issuer named just before a type word, as the subject of `ban
/// hành` (`Ban Thường vụ Tỉnh ủy Yên Bái (đã) ban hành Chỉ thị số 17`),
/// and where its name starts. Looks back within the sentence.
fn issuer_before_at(s: &str, type_start: usize) -> Option<(Issuer, usize)> {
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
        || (word_is(last_word, "qua") && word_is(prev_word, "thông"))
        || word_is(last_word, "có")
        || word_is(last_word, "ra");
    if !verb {
        return None;
    }
    // The sentence start: no issuer is looked for across `.`, `;` or a line.
    let sent_start = sentence_stop(trimmed).map_or(ws_start, |p| ws_start + p);
    let verb_pos = ws_start + trimmed.len() - last_word.len();
    // An issuer whose verb stands right before the type word; else the
    // nearest whose verb's object runs to it with no number (so no other
    // document) between (`Tỉnh ủy đã ban hành nhiều văn bản, trong đó có Chỉ thị 17`;
    // not the Politburo in `Sau khi Bộ Chính trị ban hành Kết luận 14,
    // Tỉnh ủy đã ban hành Chỉ thị 15`, nor in `..., tỉnh đã ban hành ...`).
    let mut nearest: Option<(Issuer, usize)> = None;
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
                // `đã ban hành`, `cũng vừa ký ban hành`, `đã kịp thời ban hành`.
                let mut q = ws(s, e, false);
                for _ in 0..4 {
                    match any_phrase(s, q, VERB_ADVERBS) {
                        Some(x) => q = ws(s, x, false),
                        None => break,
                    }
                }
                // Its verb is the one before the type word: in `Sau khi Bộ
                // Chính trị ban hành Kết luận 14, Tỉnh ủy đã ban hành Chỉ thị
                // 15`, the Politburo's is not.
                // (A name read over the type word ends past it: no verb of its.)
                let verb = any_phrase(s, q, &["ban hành", "thông qua", "có", "ra"]);
                if let Some(object) = verb.and_then(|v| s.get(v..type_start)) {
                    if object.trim().is_empty() {
                        return Some((iss, i));
                    }
                    // A number there is another document's (`Kết luận 14`).
                    let names_another = object.bytes().any(|b| b.is_ascii_digit());
                    nearest = (!names_another).then_some((iss, i));
                }
            }
        }
        i += c.len_utf8();
    }
    nearest
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
    fn a_city_written_short_ends_its_issuer() {
        for city in ["TP.HCM", "TPHCM"] {
            let t = format!("Kế hoạch số 15-KH/TU của Thành ủy {city} về phát triển đảng viên");
            let m = one(&t);
            assert_eq!(
                &t[m.span.clone()],
                format!("Kế hoạch số 15-KH/TU của Thành ủy {city}")
            );
        }
    }

    #[test]
    fn a_subject_ends_where_the_next_document_is_listed() {
        let ms = detect("Quy định số 37-QĐ/TW về những điều đảng viên không được làm và Quy định số 69-QĐ/TW của Bộ Chính trị về kỷ luật tổ chức đảng.");
        let subjects: Vec<_> = ms.iter().map(|m| m.subject.as_deref()).collect();
        assert_eq!(
            subjects,
            [
                Some("những điều đảng viên không được làm"),
                Some("kỷ luật tổ chức đảng")
            ]
        );
        // A document the subject itself names stays in it.
        let ms = detect("Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị 05 của Bộ Chính trị.");
        assert_eq!(
            ms[0].subject.as_deref(),
            Some("tiếp tục thực hiện Chỉ thị 05 của Bộ Chính trị")
        );
    }

    #[test]
    fn state_issuers_end_the_span() {
        for (t, issuer) in [
            (
                "Thông tư số 01/2018/TT-BNV ngày 8/1/2018 của Bộ Nội vụ về",
                "Bộ Nội vụ",
            ),
            (
                "Quyết định số 1234/QĐ-BNV ngày 5/5/2022 của Bộ trưởng Bộ Nội vụ.",
                "Bộ trưởng Bộ Nội vụ",
            ),
            (
                "Chỉ thị số 17/CT-UBND ngày 4/4/2022 của Chủ tịch UBND tỉnh về",
                "Chủ tịch UBND tỉnh",
            ),
            (
                "Thông tư số 05/2021/TT-BLĐTBXH của Bộ Lao động - Thương binh và Xã hội;",
                "Bộ Lao động - Thương binh và Xã hội",
            ),
            (
                "Quyết định số 9/QĐ-UBND của UBND huyện Tam Đảo, tỉnh Vĩnh Phúc về",
                "UBND huyện Tam Đảo, tỉnh Vĩnh Phúc",
            ),
        ] {
            let m = one(t);
            assert!(
                t[m.span.clone()].ends_with(issuer),
                "{t}: {:?}",
                &t[m.span.clone()]
            );
            assert_eq!(m.issuer.map(|i| i.text).as_deref(), Some(issuer));
        }
        // `Chủ tịch Hồ Chí Minh` names no organ.
        assert!(issuer("Chủ tịch Hồ Chí Minh", 0).is_none());
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
        let (iss, _) = issuer_before_at(t, t.find("Chỉ").unwrap()).unwrap();
        assert_eq!(iss.code, "TU");
        assert_eq!(iss.province.as_deref(), Some("yen-bai"));
    }
}
