//! Low-level reading for the grammar: white space, words compared in any
//! case and tone placement, numbers, Roman numerals, ordinals, dates.

use chrono::NaiveDate;

use super::DocNumber;
use crate::vi;

/// Lower case, old-style tones moved (`Uỷ` → `ủy`).
pub(super) fn norm(word: &str) -> String {
    vi::canonical_tones(&word.to_lowercase())
}

pub(super) fn collapse_ws(s: &str) -> String {
    s.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

pub(super) fn at_word_start(s: &str, i: usize) -> bool {
    s[..i].chars().next_back().is_none_or(|c| !is_word_char(c))
}

pub(super) fn is_word_char(c: char) -> bool {
    crate::vi::is_letter_or_digit(c)
}

pub(super) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// Skips white space before a mention's tail (date, issuer, khóa): across
/// a line break only where the text is wrapped, that is where the next line
/// goes on in lower case or with a bracket (`45-KH/TU⏎ngày 3/3/2021`,
/// `Trung ương 4⏎(khóa XII)`); a line starting with a capital starts
/// something new (`... 45-KH/TU⏎Ngày 3/3, Ban Thường vụ ...`).
pub(super) fn ws_wrapped(s: &str, i: usize) -> usize {
    let same_line = ws(s, i, false);
    if !matches!(char_at(s, same_line), Some('\n' | '\r')) {
        return same_line;
    }
    let next_line = ws(s, i, true);
    match char_at(s, next_line) {
        Some(c) if c.is_lowercase() || c == '(' => next_line,
        _ => same_line,
    }
}

/// Skips white space inside a date, across a line break where the date
/// goes on in a digit or lower case (`ngày⏎15/10/2016`, `tháng 10⏎năm
/// 2016`, `15/10/⏎2016`).
pub(super) fn ws_in_date(s: &str, i: usize) -> usize {
    let next_line = ws(s, i, true);
    match char_at(s, next_line) {
        Some(c) if c.is_ascii_digit() || c.is_lowercase() => next_line,
        _ => ws(s, i, false),
    }
}

/// Skips white space; at most one line break when `newline` is allowed,
/// none otherwise.
pub(super) fn ws(s: &str, mut i: usize, newline: bool) -> usize {
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
pub(super) fn word_end(s: &str, i: usize) -> usize {
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
pub(super) fn phrase(s: &str, i: usize, p: &str) -> Option<usize> {
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
pub(super) const OLD_TONES: &[char] = &[
    'à', 'á', 'ả', 'ã', 'ạ', 'è', 'é', 'ẻ', 'ẽ', 'ẹ', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ', 'À', 'Á', 'Ả', 'Ã',
    'Ạ', 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ', 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ',
];

/// Whether a written word is `w` (lower case, new tone placement), in any
/// case or tone placement. The common cases never allocate.
pub(super) fn word_is(written: &str, w: &str) -> bool {
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
pub(super) fn any_phrase(s: &str, i: usize, ps: &[&str]) -> Option<usize> {
    ps.iter().find_map(|p| phrase(s, i, p))
}

/// Hyphens and dashes as typed or pasted: `-`, the Unicode hyphen and
/// non-breaking hyphen, the figure dash, en and em dashes, the minus sign.
pub(super) const DASHES: &[char] = &['-', '‐', '‑', '‒', '–', '—', '−'];

/// The hyphens that join a code's parts (`NĐ-CP`): the dashes without the em dash.
pub(super) const HYPHENS: &[char] = &['-', '‐', '‑', '‒', '–', '−'];

/// Where inline markup closing at `i` ends: Markdown emphasis (`**`, `_`),
/// a link's target (`](https://...)`, `][nq57]`), an HTML closing tag left
/// by a scraper (`</strong>`). What follows a reference (its date, its
/// issuer) comes after it: `**Chỉ thị số 35-CT/TW**, ngày 14/6/2024`.
pub(super) fn closing_markup(s: &str, mut i: usize) -> usize {
    let within = |rest: &str, close: char, limit: usize| {
        rest.char_indices()
            .take_while(|&(k, c)| k <= limit && c != '\n')
            .find(|&(_, c)| c == close)
            .map(|(k, _)| k + 1)
    };
    for _ in 0..4 {
        let rest = &s[i..];
        let skip = if rest.starts_with("**") || rest.starts_with("__") {
            Some(2)
        } else if rest.starts_with(['*', '_']) {
            Some(1)
        } else if let Some(target) = rest.strip_prefix("](") {
            within(target, ')', 300).map(|k| 2 + k)
        } else if let Some(label) = rest.strip_prefix("][") {
            within(label, ']', 40).map(|k| 2 + k)
        } else if let Some(tag) = rest.strip_prefix("</") {
            within(tag, '>', 12)
                .filter(|&k| tag[..k - 1].bytes().all(|b| b.is_ascii_alphanumeric()))
                .map(|k| 2 + k)
        } else {
            None
        };
        match skip {
            Some(n) => i += n,
            None => break,
        }
    }
    i
}

/// A literal character (or one of several) at `i`.
pub(super) fn punct(s: &str, i: usize, chars: &[char]) -> Option<usize> {
    char_at(s, i)
        .filter(|c| chars.contains(c))
        .map(|c| i + c.len_utf8())
}

/// A number of 1 to 4 digits at `i`, not part of a larger number
/// (`4.013`, `1,5`) or word. Returns (value, as written, end).
pub(super) fn number(s: &str, i: usize) -> Option<(u32, &str, usize)> {
    let mut before = s[..i].chars().rev();
    match before.next() {
        Some(c) if c.is_alphanumeric() => return None,
        // The end of `1.234` or `1,5`.
        Some('.' | ',') if before.next().is_some_and(|c| c.is_ascii_digit()) => return None,
        _ => {}
    }
    digits(s, i)
}

/// A document's number at `i`: [`number`], or one with a letter after it
/// that no letter or digit follows (`30a/2008/NQ-CP`, `Nghị quyết 30a`,
/// `8B-NQ/HNTW`). Returns (number, as written, end).
pub(super) fn doc_number(s: &str, i: usize) -> Option<(DocNumber, &str, usize)> {
    if let Some((n, w, e)) = number(s, i) {
        return Some((DocNumber::plain(n), w, e));
    }
    let b = s.as_bytes();
    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let letter = i + digits;
    let suffix = *b.get(letter).filter(|c| c.is_ascii_alphabetic())?;
    if char_at(s, letter + 1).is_some_and(char::is_alphanumeric) {
        return None;
    }
    // The look-behind and length rules of [`number`], on the digits alone.
    let (n, _, _) = number(&s[..letter], i)?;
    Some((
        DocNumber {
            value: n,
            suffix: Some(suffix),
        },
        &s[i..letter + 1],
        letter + 1,
    ))
}

/// [`number`] without looking behind: for `NQ21`, where letters lead in.
pub(super) fn digits(s: &str, i: usize) -> Option<(u32, &str, usize)> {
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
pub(super) fn term_number(s: &str, i: usize) -> Option<(u32, usize)> {
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

pub(crate) fn roman(w: &str) -> Option<u32> {
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
pub(super) fn ordinal(s: &str, i: usize) -> Option<(u32, usize)> {
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
pub(super) fn central(s: &str, i: usize) -> Option<usize> {
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

/// `15.5.2016`: a date with dots, which [`number`] reads as one number.
fn dotted_date(s: &str, i: usize) -> Option<(Option<NaiveDate>, Option<i32>, usize)> {
    let b = s.as_bytes();
    let digits = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let d = digits(i);
    let m_at = i + d + 1;
    let m = digits(m_at);
    let y_at = m_at + m + 1;
    let y = digits(y_at);
    if !(1..=2).contains(&d) || !(1..=2).contains(&m) || y != 4 {
        return None;
    }
    if b.get(i + d) != Some(&b'.') || b.get(m_at + m) != Some(&b'.') {
        return None;
    }
    let end = y_at + y;
    // Not part of a longer number or word: `15.5.20161`, `1.2.2016a`.
    if char_at(s, end).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let num = |at: usize, len: usize| s.get(at..at + len)?.parse::<u32>().ok();
    let (day, month, year) = (num(i, d)?, num(m_at, m)?, num(y_at, y)? as i32);
    let whole = NaiveDate::from_ymd_opt(year, month, day)?;
    Some((
        Some(whole),
        Some(year).filter(|y| (1930..=2100).contains(y)),
        end,
    ))
}

/// A date: `25/10/2021`, `15-5-2016`, `30 tháng 3 năm 2007`, `8/8`.
/// Returns (whole date, year, end).
pub(super) fn date(s: &str, i: usize) -> Option<(Option<NaiveDate>, Option<i32>, usize)> {
    if let Some(found) = dotted_date(s, i) {
        return Some(found);
    }
    let (d, _, mut pos) = number(s, i)?;
    let sep_end = |p: usize| {
        let q = ws(s, p, false);
        punct(s, q, &['/', '-', '.', '–']).map(|e| ws_in_date(s, e))
    };
    let (m, after_m) = if let Some(q) = sep_end(pos) {
        let (m, _, e) = number(s, q)?;
        (m, e)
    } else {
        let q = phrase(s, ws_in_date(s, pos), "tháng")?;
        let (m, _, e) = number(s, ws_in_date(s, q))?;
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
    } else if let Some(q) = phrase(s, ws_in_date(s, pos), "năm") {
        if let Some((y, w, e)) = number(s, ws_in_date(s, q)) {
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
