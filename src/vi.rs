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
///
/// Every stage folds (names, issuers, provinces, search terms), so the
/// common case is answered from a table of the Latin blocks, built once by
/// the general rule; text with anything else takes the general rule.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if !fold_fast(text, &mut out) {
        out.clear();
        fold_slow(text, &mut out);
    }
    out
}

/// The general rule: decompose (NFD), drop the combining marks U+0300–U+036F
/// (tones, breve, circumflex, horn), `đ` → `d`, lower-case the rest.
fn fold_slow(text: &str, out: &mut String) {
    for c in text.nfd() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if is_combining_mark(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Chars below this are folded from [`fold_table`]: ASCII, the Latin
/// blocks, the combining marks, Greek and Cyrillic, Latin Extended Additional,
/// general punctuation (dashes, quotes).
const FOLD_TABLE_END: u32 = 0x2200;
/// A table entry: the folded char, or one of these two.
const FOLD_DROP: u32 = u32::MAX;
const FOLD_GENERAL: u32 = u32::MAX - 1;

/// Folds `text` char by char from the table; false (with `out` part-written)
/// when some char needs the general rule. Char by char equals the general
/// rule for the chars the table holds: each decomposes to one starter and
/// marks that are all dropped, so canonical reordering changes nothing kept.
fn fold_fast(text: &str, out: &mut String) -> bool {
    let table = fold_table();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match table.get(c as usize).copied() {
            Some(FOLD_DROP) => {}
            Some(folded) if folded != FOLD_GENERAL => match char::from_u32(folded) {
                Some(f) => out.push(f),
                None => return false,
            },
            _ => return false,
        }
    }
    true
}

fn fold_table() -> &'static [u32] {
    static TABLE: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..FOLD_TABLE_END)
            .map(|u| {
                let Some(c) = char::from_u32(u) else {
                    return FOLD_GENERAL;
                };
                let mut parts = c.nfd();
                let starter = parts.next();
                let rest_dropped = parts.all(is_combining_mark);
                let mut folded = String::new();
                fold_slow(c.encode_utf8(&mut [0; 4]), &mut folded);
                let mut chars = folded.chars();
                match (chars.next(), chars.next()) {
                    (None, _) if is_combining_mark(c) => FOLD_DROP,
                    (Some(f), None)
                        if rest_dropped
                            && starter.is_some_and(|s| {
                                unicode_normalization::char::canonical_combining_class(s) == 0
                            }) =>
                    {
                        f as u32
                    }
                    _ => FOLD_GENERAL,
                }
            })
            .collect()
    })
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
    fn the_fold_table_agrees_with_the_general_rule() {
        for u in 0..FOLD_TABLE_END + 16 {
            let Some(c) = char::from_u32(u) else { continue };
            // Each char alone, after a letter, and before a mark.
            for text in [c.to_string(), format!("A{c}"), format!("{c}\u{0301}b")] {
                let mut slow = String::new();
                fold_slow(&text, &mut slow);
                assert_eq!(fold(&text), slow, "{c:?} U+{u:04X}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_any_text_follows_the_general_rule(text in "[a-zA-Zđ\u{00C0}-\u{024F}\u{0300}-\u{036F}\u{0483}\u{0591}\u{1E00}-\u{1EFF}\u{2000}-\u{2100} .]{0,24}") {
            let mut slow = String::new();
            fold_slow(&text, &mut slow);
            proptest::prop_assert_eq!(fold(&text), slow);
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
