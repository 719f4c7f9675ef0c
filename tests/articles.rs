//! Articles as a reader sees them: the seeds' titles, dates, provinces,
//! sources and authors against `tests/fixtures/seeds-meta.tsv` (what a
//! careful reader takes from each), the boilerplate cut, and made-up portal
//! pages of other shapes (`tests/fixtures/portals/`) to show the rules are
//! general.

use std::path::{Path, PathBuf};

use vanban::article::{self, Article, BlockKind};
use vanban::config::SiteConfig;
use vanban::source::{self, Format};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Rows of a fixture TSV, comment lines skipped, columns by position.
fn rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn clean(path: &Path, rel: &str, config: &SiteConfig) -> Article {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let src = source::from_bytes(path, rel, Format::Txt, &bytes)
        .expect("decodes")
        .expect("not empty");
    article::clean(src, config)
}

/// Cleans `text` as the file `rel` (`.md` is Markdown), with no file on disk.
fn clean_text(rel: &str, text: &str, config: &SiteConfig) -> Article {
    let format = if rel.ends_with(".md") {
        Format::Markdown
    } else {
        Format::Txt
    };
    let src = source::from_bytes(Path::new(rel), rel, format, text.as_bytes())
        .expect("decodes")
        .expect("not empty");
    article::clean(src, config)
}

fn col(row: &[String], i: usize) -> &str {
    row.get(i).map_or("", |s| s.as_str())
}

/// The checks shared by seeds and made-up pages; columns: file, title,
/// date, province, source, author, body_ends_before.
fn check_row(dir: &Path, row: &[String], config: &SiteConfig) -> Article {
    let file = col(row, 0);
    let a = clean(&dir.join(file), file, config);
    let want_title = col(row, 1);
    match want_title.strip_suffix('…') {
        Some(start) => {
            let start = start.trim_end();
            assert!(
                a.title.starts_with(start),
                "{file}: title {:?} should start with {start:?}",
                a.title
            );
            assert!(
                a.title.ends_with('…'),
                "{file}: {:?} is cut with …",
                a.title
            );
            let n = a.title.chars().count();
            assert!(
                (100..=125).contains(&n),
                "{file}: title length {n} is not near 120"
            );
            assert!(!a.title.starts_with('('), "{file}: portal prefix kept");
        }
        None => assert_eq!(a.title, want_title, "{file}: title"),
    }
    let date = a.date.map(|d| d.to_string()).unwrap_or_default();
    assert_eq!(date, col(row, 2), "{file}: date");
    let province = a.province.as_ref().map(|p| p.name.as_str()).unwrap_or("");
    assert_eq!(province, col(row, 3), "{file}: province");
    assert_eq!(
        a.source.as_deref().unwrap_or(""),
        col(row, 4),
        "{file}: source"
    );
    assert_eq!(
        a.author.as_deref().unwrap_or(""),
        col(row, 5),
        "{file}: author"
    );
    check_cut(&a, col(row, 6));
    a
}

/// No text from the first boilerplate line on is in any block (so none
/// reaches the page or its citations), and the cut is exactly there.
fn check_cut(a: &Article, ends_before: &str) {
    let file = &a.rel;
    if ends_before.is_empty() {
        assert_eq!(a.body_end, a.text.len(), "{file}: nothing to cut");
        return;
    }
    let at = a
        .text
        .find(&format!("\n{ends_before}"))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{file}: fixture line {ends_before:?} not in the text"));
    assert_eq!(a.body_end, at, "{file}: body_end");
    for b in &a.blocks {
        assert!(
            b.range.end <= at,
            "{file}: block {:?} reaches past the cut",
            &a.text[b.range.clone()]
        );
        assert!(!a.text[b.range.clone()].contains(ends_before), "{file}");
    }
    // Every line of the boilerplate is absent from the body, whatever it says.
    let body: Vec<&str> = a.blocks.iter().map(|b| &a.text[b.range.clone()]).collect();
    for line in a.text[at..].lines().map(str::trim).filter(|l| l.len() > 12) {
        assert!(
            !body.iter().any(|b| b.contains(line)),
            "{file}: boilerplate {line:?} reached the body"
        );
    }
}

fn block_texts(a: &Article, kind: BlockKind) -> Vec<String> {
    a.blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| {
            a.text[b.range.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn seeds_read_as_a_careful_reader_reads_them() {
    let meta = rows(&root().join("tests/fixtures/seeds-meta.tsv"));
    assert_eq!(meta.len(), 5);
    for row in &meta {
        check_row(&root().join("seeds"), row, &SiteConfig::default());
    }
}

#[test]
fn headline_rubric_and_date_are_not_body_paragraphs() {
    let a = clean(
        &root().join("seeds/004_e67036f2ebff9c45.txt"),
        "004.txt",
        &SiteConfig::default(),
    );
    let paragraphs = block_texts(&a, BlockKind::Paragraph).join("\n");
    for line in [
        "Xây dựng chi, Đảng bộ trong sạch vững mạnh ở Vĩnh Tường",
        "Đưa nghị quyết ĐH Đảng bộ tỉnh vào cuộc sống",
        "Thứ Sáu, 27/08/2021",
    ] {
        assert!(!paragraphs.contains(line), "{line:?}");
    }
    // The date line is metadata; headline and rubric stay the article's own
    // words (their references are citations), in blocks of their own kind.
    assert!(!a
        .blocks
        .iter()
        .any(|b| &a.text[b.range.clone()] == "Thứ Sáu, 27/08/2021"));
    assert_eq!(
        block_texts(&a, BlockKind::Title),
        ["Xây dựng chi, Đảng bộ trong sạch vững mạnh ở Vĩnh Tường"]
    );
    assert_eq!(
        block_texts(&a, BlockKind::Rubric),
        ["Đưa nghị quyết ĐH Đảng bộ tỉnh vào cuộc sống"]
    );
    assert_eq!(
        a.rubric.as_deref(),
        Some("Đưa nghị quyết ĐH Đảng bộ tỉnh vào cuộc sống")
    );
    assert!(a
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph)
        .is_some_and(|b| a.text[b.range.clone()].starts_with("Đảng bộ huyện Vĩnh Tường")));
}

#[test]
fn seed_003_captions_and_junk() {
    let a = clean(
        &root().join("seeds/003_38970121f8ade732.txt"),
        "003.txt",
        &SiteConfig::default(),
    );
    let captions = block_texts(&a, BlockKind::Caption);
    let once = "Lớp bồi dưỡng nghiệp vụ QLNN cho công chức, viên chức tại huyện Than Uyên năm 2014 (ảnh: TP)";
    assert_eq!(
        captions.iter().filter(|c| *c == once).count(),
        1,
        "{captions:?}"
    );
    assert!(
        captions.contains(
            &"Cán bộ, đoàn viên thanh niên xã Thu Lũm (Mường Tè) làm đường dân sinh (ảnh: AT)"
                .to_string()
        ),
        "{captions:?}"
    );
    for b in &a.blocks {
        let t = &a.text[b.range.clone()];
        assert!(!matches!(t, "4 3 15" | "5 3 15"), "junk kept");
        assert!(
            !t.starts_with("Thứ tư - 25/03/2015"),
            "date line kept as a block"
        );
    }
}

#[test]
fn seed_001_box_pieces_stay_sections() {
    let a = clean(
        &root().join("seeds/001_3b644525b9d2f2a3.txt"),
        "001.txt",
        &SiteConfig::default(),
    );
    let headings = block_texts(&a, BlockKind::Heading);
    for h in [
        "Sát sao trong lãnh đạo, chỉ đạo",
        "Hiệu quả triển khai, thực hiện tại các tổ chức Đảng trực thuộc",
        "Một trong những giải pháp thực hiện hiệu quả Nghị quyết T.Ư 4",
        "Cần tăng cường việc cử cấp ủy cấp trên tham gia sinh hoạt chi bộ",
    ] {
        assert!(
            headings.iter().any(|x| x == h),
            "{h:?} not a heading: {headings:?}"
        );
    }
    let bylines = block_texts(&a, BlockKind::Byline);
    assert_eq!(
        bylines,
        [
            "Hải Yến",
            "Nguyễn Đức Cường Bí thư Đảng ủy Khối Các cơ quan tỉnh",
            "Đặng Văn Vónh Bí thư chi bộ Văn phòng Tòa án nhân dân tỉnh"
        ]
    );
    let captions = block_texts(&a, BlockKind::Caption);
    assert!(
        captions
            .iter()
            .any(|c| c.ends_with("Ảnh chụp tháng 3/2021.")),
        "{captions:?}"
    );
}

#[test]
fn made_up_portal_pages() {
    let dir = root().join("tests/fixtures/portals");
    let expected = rows(&dir.join("expected.tsv"));
    assert_eq!(expected.len(), 5);
    for row in &expected {
        let a = check_row(&dir, row, &SiteConfig::default());
        let file = col(row, 0);
        let captions = block_texts(&a, BlockKind::Caption);
        for c in col(row, 7).split('|').filter(|c| !c.is_empty()) {
            assert_eq!(
                captions.iter().filter(|x| *x == c).count(),
                1,
                "{file}: caption {c:?} in {captions:?}"
            );
        }
        let headings = block_texts(&a, BlockKind::Heading);
        for h in col(row, 8).split('|').filter(|h| !h.is_empty()) {
            assert!(
                headings.iter().any(|x| x == h),
                "{file}: heading {h:?} in {headings:?}"
            );
        }
        for b in &a.blocks {
            let t = &a.text[b.range.clone()];
            assert!(
                t.chars().any(char::is_alphabetic),
                "{file}: junk block {t:?}"
            );
        }
    }
}

/// A whole page's top (site name, a ticker with today's date, a menu, a
/// list of other stories under `Tin mới`) is not the article: none of it
/// is in a block, so none of it is cited.
#[test]
fn a_page_top_is_not_the_article() {
    let dir = root().join("tests/fixtures/portals");
    let a = clean(
        &dir.join("lao_cai_page_top.txt"),
        "lao_cai_page_top.txt",
        &SiteConfig::default(),
    );
    let first_block = a.blocks.iter().map(|b| b.range.start).min().unwrap_or(0);
    // The section's name above the headline is the first.
    let rubric = a.text.find("Chính trị\nBảo Thắng").unwrap_or(usize::MAX);
    assert_eq!(first_block, rubric, "{:?}", &a.text[first_block..]);
    assert_eq!(a.rubric.as_deref(), Some("Chính trị"));
}

/// A date line that carries a view counter is still the date line.
#[test]
fn a_date_line_with_a_counter_dates_the_article() {
    let page = "TRANG THÔNG TIN ĐIỆN TỬ ĐẢNG BỘ TỈNH\nTrang chủ\nTin tức - Sự kiện\nTuần Giáo nâng cao chất lượng sinh hoạt chi bộ\nNgày đăng: 14/09/2022 | Lượt xem: 315\nNhững năm qua, Đảng bộ huyện Tuần Giáo luôn quan tâm nâng cao chất lượng sinh hoạt chi bộ, coi đây là nhiệm vụ thường xuyên.\n";
    let a = clean_text("x.txt", page, &SiteConfig::default());
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2022-09-14"));
    assert_eq!(a.title, "Tuần Giáo nâng cao chất lượng sinh hoạt chi bộ");
}

#[test]
fn site_toml_extends_markers_and_portals() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.txt");
    let page = "(BXY) - Ngày 2/9, Đảng ủy xã tổ chức hội nghị tổng kết công tác xây dựng Đảng, nâng cao chất lượng sinh hoạt chi bộ.\n\nĐoạn hai của bài báo kể tiếp.\n\nCùng tác giả\n\nMột tin khác\n";
    std::fs::write(&path, page).expect("write");
    let plain = clean(&path, "x.txt", &SiteConfig::default());
    assert_eq!(plain.source.as_deref(), Some("BXY"));
    assert_eq!(plain.province, None);
    assert_eq!(plain.body_end, page.len());
    let config = SiteConfig::parse(
        "[boilerplate]\nmarkers = [\"Cùng tác giả\"]\n\n[[portals]]\nabbreviation = \"BXY\"\nname = \"Báo Xyz\"\nprovince = \"Điện Biên\"\n",
        Path::new("site.toml"),
    )
    .expect("valid site.toml");
    let a = clean(&path, "x.txt", &config);
    assert_eq!(a.source.as_deref(), Some("BXY (Báo Xyz)"));
    assert_eq!(a.province.map(|p| p.name).as_deref(), Some("Điện Biên"));
    assert_eq!(a.body_end, page.find("Cùng tác giả").unwrap_or(0));
}

#[test]
fn front_matter_beats_extraction() {
    let md = "+++\ntitle = \"Tiêu đề riêng\"\nprovince = \"Sơn La\"\nauthor = \"Lê Hoa\"\ndate = 2021-03-04\n+++\n\n# Tiêu đề trong bài\n\nĐảng bộ tỉnh Lai Châu họp.\n";
    let a = clean_text("a.md", md, &SiteConfig::default());
    assert_eq!(a.title, "Tiêu đề riêng");
    assert_eq!(a.province.map(|p| p.name).as_deref(), Some("Sơn La"));
    assert_eq!(a.author.as_deref(), Some("Lê Hoa"));
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2021-03-04"));
}

/// A page exported as Markdown is read as a scraped page is: its
/// boilerplate is cut, its date line and byline read; its text stays
/// Markdown, and front matter still wins.
#[test]
fn a_markdown_page_is_cleaned_too() {
    let md = "---\ntitle: \"Hoài Nhơn phát triển đảng viên\"\n---\n\n*Thứ Tư, 18/10/2023 09:00*\n\n(BĐ) - Thực hiện **Chỉ thị số 07-CT/TW** ngày 23/11/2006 của Ban Bí thư, Thị ủy Hoài Nhơn ban hành Kế hoạch số 52-KH/ThU.\n\n- Một ý\n- Ý khác\n\nPhạm Tiến Sỹ\n\n### Tin liên quan\n\n- Phù Cát triển khai Nghị quyết số 15-NQ/TU\n";
    let a = clean_text("a.md", md, &SiteConfig::default());
    assert_eq!(a.title, "Hoài Nhơn phát triển đảng viên");
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2023-10-18"));
    assert_eq!(a.author.as_deref(), Some("Phạm Tiến Sỹ"));
    assert_eq!(a.source.as_deref(), Some("BĐ"));
    assert_eq!(a.body_end, md.find("### Tin liên quan").unwrap_or(0));
    let texts: Vec<&str> = a.blocks.iter().map(|b| &a.text[b.range.clone()]).collect();
    assert!(
        a.blocks.iter().all(|b| b.kind == BlockKind::Markdown),
        "{texts:?}"
    );
    assert!(texts.concat().contains("- Một ý\n- Ý khác"), "{texts:?}");
    assert!(!texts.concat().contains("18/10/2023"), "{texts:?}");
}

/// Whatever the bytes, cleaning neither panics nor makes a block outside
/// the text or past the cut.
#[test]
fn odd_pages_do_not_panic() {
    let config = SiteConfig::default();
    let dir = tempfile::tempdir().expect("temp dir");
    for (i, page) in [
        "x",
        "(HBĐT) -",
        "Tiêu đề\n\n30/11/2023",
        "\n\n\n(ảnh: TP)\n(ảnh: TP)\n",
        "Các tin khác\nCác tin khác\n",
        "Ngày 8/8,\n4 3 15\n\u{feff}Hải Yến\nBí thư\n",
        "Tiêu đề\nlàm đường (ảnh: AT)\nP.V(TH)\ntop",
    ]
    .iter()
    .enumerate()
    {
        let path = dir.path().join(format!("{i}.txt"));
        std::fs::write(&path, page).expect("write");
        let a = clean(&path, "p.txt", &config);
        assert!(a.body_end <= a.text.len());
        for b in &a.blocks {
            assert!(
                b.range.start <= b.range.end && b.range.end <= a.body_end,
                "{page:?}"
            );
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any text cleans without panicking, into blocks inside the body.
    #[test]
    fn any_text_cleans(text in "[a-zA-ZĐđảẢàáạãăâêôơưƯ0-9 .,:;()/\\-–…\n\r\t“”\"]{0,400}") {
        let path = Path::new("p.txt");
        if let Ok(Some(src)) = source::from_bytes(path, "p.txt", Format::Txt, text.as_bytes()) {
            let a = article::clean(src, &SiteConfig::default());
            proptest::prop_assert!(a.body_end <= a.text.len());
            for b in &a.blocks {
                proptest::prop_assert!(b.range.start <= b.range.end && b.range.end <= a.body_end);
                proptest::prop_assert!(a.text.get(b.range.clone()).is_some());
            }
        }
    }
}

/// A `.txt` page a scraper left half in HTML: the tags are not text, and
/// what a reader never sees (comments, scripts) or sees beside the article
/// (a box of related stories) is in no block, so it is never cited.
#[test]
fn html_left_by_a_scraper_is_not_the_article() {
    let text = "Báo Hòa Bình\n<div class=\"article\">\n\
        <h1>Huyện Lạc Sơn quán triệt nghị quyết</h1>\n\
        <p>Ngày 10/6, Huyện ủy Lạc Sơn quán triệt <strong>Nghị quyết số 21-NQ/TW</strong>.</p>\n\
        <!-- Tin liên quan: Chỉ thị số 35-CT/TW -->\n\
        <p>Hội nghị triển khai Kế hoạch số 120-KH/TU của Tỉnh ủy.</p>\n\
        <script>var t = \"Kết luận số 14-KL/TW\";</script>\n\
        <div class=\"box-tin-lien-quan\">\n<a href=\"/1.html\">Quán triệt Quy định số 08-QĐi/TW</a>\n</div>\n\
        <p>Phương Anh</p>\n</div>\n";
    let a = clean_text("a.txt", text, &SiteConfig::default());
    let blocks: Vec<&str> = a
        .blocks
        .iter()
        .map(|b| a.text[b.range.clone()].trim())
        .collect();
    let all = blocks.join("\n");
    assert!(all.contains("Nghị quyết số 21-NQ/TW"), "{all}");
    assert!(all.contains("Kế hoạch số 120-KH/TU"), "{all}");
    for gone in ["35-CT/TW", "14-KL/TW", "08-QĐi/TW", "<", ">"] {
        assert!(!all.contains(gone), "{gone}: {all}");
    }
    assert_eq!(a.title, "Huyện Lạc Sơn quán triệt nghị quyết");
    assert_eq!(a.author.as_deref(), Some("Phương Anh"));
}
