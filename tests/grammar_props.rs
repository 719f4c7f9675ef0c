//! Properties of detection that must hold for any text: it never panics,
//! spans fall on character boundaries, and every spelling of a text (NFC or
//! NFD, old or new tone placement) gives the same keys.

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use vanban::refs::registry::Registry;
use vanban::refs::{cite, grammar, ArticleContext};

/// Pieces of real phrasing, references and near-misses, to build texts from.
const PIECES: &[&str] = &[
    "Chỉ thị số 26-CT/TU",
    "Nghị quyết T.Ư 4 (khóa XI, XII)",
    "Kết luận số 21-KL/TW, ngày 25/10/2021 của BCH T.Ư Đảng khóa XIII",
    "Kế hoạch số 90-KH/TU, ngày 1/4/2022 của BTV Tỉnh ủy",
    "Đề án số 03 của Đảng ủy Khối",
    "Chỉ thị 05 của Bộ Chính trị",
    "Nghị quyết Trung ương 6 (khóa X)",
    "Nghị quyết Đại hội Đảng toàn quốc lần thứ XII",
    "Nghị quyết Đại hội Đảng bộ tỉnh Hòa Bình lần thứ XVII",
    "Nghị định số 114/2014/NĐ-CP",
    "văn bản số 238/UBND-KGVX",
    "Ban Thường vụ Tỉnh ủy Yên Bái đã ban hành Chỉ thị số 17",
    "các Nghị quyết số 18, 19, 20-NQ/TW",
    "Kế hoạch năm 2021",
    "4.013 đảng viên/kế hoạch",
    "ngày 25/10/2021",
    "(khóa XII)",
    "Tỉnh ủy Hòa Bình",
    "của Ban Chấp hành Đảng bộ tỉnh",
    "về nâng cao chất lượng sinh hoạt chi bộ",
    " và ",
    ", ",
    "; ",
    ". ",
    "\n",
    "\r\n",
    "số",
    "Nghị quyết",
    "Chỉ thị",
    "Đảng",
    "1.234/QĐ-UBND",
    "khóa XI và 5",
    "Huyện ủy Châu Thành",
    "Đảng ủy xã Hòa Sơn, huyện Lương Sơn",
    "ban hành ngày 8/8/2022",
    "NQ 22",
    "22",
    "-",
    "/",
    "“",
    "”",
    "(",
    ")",
];

fn text_from(indices: &[usize]) -> String {
    indices
        .iter()
        .map(|&i| PIECES[i % PIECES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn keys(text: &str) -> Vec<String> {
    let (registry, _) = Registry::new(&[]);
    let context = ArticleContext {
        province: Some("hoa-binh".into()),
        date: None,
        ..Default::default()
    };
    cite(
        text,
        std::slice::from_ref(&(0..text.len())),
        &context,
        &registry,
    )
    .citations
    .into_iter()
    .map(|c| c.key)
    .collect()
}

/// Old-style tone placement, as many portals still write.
fn old_tones(text: &str) -> String {
    text.replace("ủy", "uỷ")
        .replace("khóa", "khoá")
        .replace("Hòa", "Hoà")
        .replace("hóa", "hoá")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_and_spans_are_slices(text in "\\PC{0,200}") {
        for m in grammar::detect(&text) {
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            prop_assert!(m.span.start < m.span.end);
            prop_assert!(text.get(m.span.clone()).is_some());
        }
        let _ = keys(&text);
    }

    #[test]
    fn never_panics_on_reference_like_text(indices in prop::collection::vec(0usize..100, 0..30), cut in 0usize..400) {
        let text = text_from(&indices);
        // Any prefix, cut on a character boundary, is text too.
        let mut end = cut.min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let text = &text[..end];
        let (registry, _) = Registry::new(&[]);
        for c in cite(text, std::slice::from_ref(&(0..text.len())), &ArticleContext::default(), &registry).citations {
            prop_assert!(text.get(c.span.clone()).is_some(), "{:?} in {:?}", c.span, text);
            prop_assert_eq!(c.line, text[..c.span.start].matches('\n').count() + 1);
        }
    }

    #[test]
    fn nfd_and_old_tones_give_the_same_keys(indices in prop::collection::vec(0usize..100, 1..20)) {
        let text = text_from(&indices);
        let expected = keys(&text);
        // NFD bytes, decoded as a file would be, come back NFC.
        let nfd: String = text.nfd().collect();
        let (decoded, _) = vanban::source::decode(nfd.as_bytes()).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&keys(&decoded), &expected);
        prop_assert_eq!(&keys(&old_tones(&text)), &expected);
    }
}
