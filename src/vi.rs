//! Vietnamese text helpers shared by every stage: one spelling for tone
//! placement, folding for comparisons, sorting in Vietnamese order, slugs.

use unicode_normalization::UnicodeNormalization;

/// Rewrites old-style tone placement at the end of a syllable to the style
/// the archive displays (`uỷ` → `ủy`, `khoá` → `khóa`, `hoà` → `hòa`), so
/// that both spellings compare equal. Only open syllables change: in `hoàn`
/// the tone belongs on `à` either way.
pub fn canonical_tones(text: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("oè", "òe"),
        ("oé", "óe"),
        ("oẻ", "ỏe"),
        ("oẽ", "õe"),
        ("oẹ", "ọe"),
        ("uỳ", "ùy"),
        ("uý", "úy"),
        ("uỷ", "ủy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
        ("Oà", "Òa"),
        ("Oá", "Óa"),
        ("Oả", "Ỏa"),
        ("Uỷ", "Ủy"),
        ("Uý", "Úy"),
    ];
    if !text.contains([
        'à', 'á', 'ả', 'ã', 'ạ', 'è', 'é', 'ẻ', 'ẽ', 'ẹ', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ',
    ]) {
        return text.to_string();
    }
    let mut out = text.to_string();
    for (old, new) in PAIRS {
        let mut from = 0;
        while let Some(pos) = out[from..].find(old) {
            let at = from + pos;
            let end = at + old.len();
            // "qu" + vowel is a consonant cluster: "quý" keeps its tone.
            let after_q = out[..at].ends_with(['q', 'Q']);
            let open = out[end..].chars().next().is_none_or(|c| !c.is_alphabetic());
            if open && !after_q {
                out.replace_range(at..end, new);
                from = at + new.len();
            } else {
                from = end;
            }
        }
    }
    out
}

/// Whether `c` is a letter or a digit, as `char::is_alphanumeric` says, but
/// deciding ASCII and the Latin blocks Vietnamese is written in without
/// Unicode's table look-up, which otherwise dominates tokenising.
pub fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1EA0}'..='\u{1EF9}') && c != '×' && c != '÷'
        || c.is_alphanumeric()
}

/// Lower-case ASCII folding: tones and vowel marks removed, `đ` → `d`.
/// `Đảng` and `dang` fold alike; use it to compare, never to display.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if is_combining_mark(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// An ASCII slug: lower case, hyphens, Vietnamese folded (`đ` → `d`).
pub fn slugify(text: &str) -> String {
    slug::slugify(fold(text))
}

/// A key for sorting in Vietnamese alphabetical order: a < ă < â, d < đ,
/// e < ê, o < ô < ơ, u < ư, and tones (none, huyền, hỏi, ngã, sắc, nặng)
/// only break ties between otherwise equal words.
pub fn sort_key(text: &str) -> (Vec<u32>, Vec<u32>) {
    let mut letters = Vec::with_capacity(text.len());
    let mut tones = Vec::new();
    for c in text.nfc() {
        let mut base = None;
        let mut mark = 0u32;
        let mut tone = 0u32;
        for d in c.to_lowercase().collect::<String>().nfd() {
            match d {
                '\u{0306}' => mark = 1, // breve: ă
                '\u{0302}' => mark = 2, // circumflex: â ê ô
                '\u{031B}' => mark = 3, // horn: ơ ư
                '\u{0300}' => tone = 1,
                '\u{0309}' => tone = 2,
                '\u{0303}' => tone = 3,
                '\u{0301}' => tone = 4,
                '\u{0323}' => tone = 5,
                d if base.is_none() => base = Some(d),
                _ => {}
            }
        }
        let base = base.unwrap_or(c);
        let (base, mark) = if base == 'đ' { ('d', 1) } else { (base, mark) };
        letters.push((base as u32) * 4 + mark);
        tones.push(tone);
    }
    (letters, tones)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones_meet() {
        assert_eq!(canonical_tones("Tỉnh uỷ"), "Tỉnh ủy");
        assert_eq!(canonical_tones("khoá XII"), "khóa XII");
        assert_eq!(canonical_tones("Hoà Bình"), "Hòa Bình");
        assert_eq!(canonical_tones("hoàn thành"), "hoàn thành");
        assert_eq!(canonical_tones("quý"), "quý");
    }

    #[test]
    fn letters_as_unicode_says() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Đảng"), "dang");
        assert_eq!(fold("Nghị quyết"), "nghi quyet");
        assert_eq!(slugify("Hòa Bình"), "hoa-binh");
        assert_eq!(slugify("Đắk Lắk"), "dak-lak");
    }

    #[test]
    fn vietnamese_order() {
        let mut words = vec!["đá", "da", "dê", "an", "ăn", "ân", "ba"];
        words.sort_by_key(|w| sort_key(w));
        assert_eq!(words, ["an", "ăn", "ân", "ba", "da", "dê", "đá"]);
        let mut tones = vec!["má", "mà", "ma", "mạ"];
        tones.sort_by_key(|w| sort_key(w));
        assert_eq!(tones, ["ma", "mà", "má", "mạ"]);
    }
}
