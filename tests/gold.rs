//! The five sample articles against `tests/fixtures/seeds-gold.tsv`: every
//! `expected` citation is found with its key, no `sidebar` one is
//! attributed, nothing else is found (`optional` rows either way), and each
//! year the gold gives is the year the key carries.

use std::collections::BTreeMap;
use std::path::PathBuf;

use vanban::config::SiteConfig;
use vanban::pipeline;
use vanban::refs::registry::Registry;

struct Row {
    file: String,
    status: String,
    keys: Vec<String>,
    surface: String,
    year: String,
}

fn gold() -> Vec<Row> {
    let text = std::fs::read_to_string("tests/fixtures/seeds-gold.tsv").expect("gold file");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Row {
                file: cols[0].to_string(),
                status: cols[1].to_string(),
                keys: cols[2].split('|').map(str::to_string).collect(),
                surface: cols[3].to_string(),
                year: cols.get(4).unwrap_or(&"").to_string(),
            }
        })
        .collect()
}

/// (key without year, year) of each citation, per file name.
fn scanned() -> BTreeMap<String, Vec<(String, Option<String>, String)>> {
    let (registry, _) = Registry::new(&[]);
    let (archive, _) = pipeline::load(&[PathBuf::from("seeds")], &SiteConfig::default(), &registry);
    let mut out = BTreeMap::new();
    for e in &archive.entries {
        let name = e
            .article
            .rel
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let cits = e
            .citations
            .iter()
            .map(|c| {
                let mut parts = c.key.splitn(2, '#');
                let base = parts.next().unwrap_or_default().to_string();
                let year = parts.next().map(str::to_string);
                (base, year, e.article.text[c.span.clone()].to_string())
            })
            .collect();
        out.insert(name, cits);
    }
    out
}

#[test]
fn samples_yield_exactly_the_gold_citations() {
    let gold = gold();
    let mut found = scanned();
    let mut problems = Vec::new();
    // Expected rows, in reading order: each takes one matching citation.
    for row in gold.iter().filter(|r| r.status == "expected") {
        let cits = found.entry(row.file.clone()).or_default();
        match cits
            .iter()
            .position(|(k, _, text)| row.keys.contains(k) && text == &row.surface)
        {
            Some(i) => {
                let (key, year, _) = cits.remove(i);
                let want = row.year.as_str();
                let ok = match want {
                    "" => true,
                    "-" => year.is_none(),
                    y => year.as_deref() == Some(y),
                };
                if !ok {
                    problems.push(format!(
                        "{}: {key} {:?}: year {year:?}, gold says {want}",
                        row.file, row.surface
                    ));
                }
            }
            None => problems.push(format!(
                "{}: missed {:?} {:?}",
                row.file, row.keys, row.surface
            )),
        }
    }
    for row in gold.iter().filter(|r| r.status == "optional") {
        if let Some(cits) = found.get_mut(&row.file) {
            if let Some(i) = cits.iter().position(|(k, _, _)| row.keys.contains(k)) {
                cits.remove(i);
            }
        }
    }
    for (file, cits) in &found {
        for (key, _, text) in cits {
            let sidebar = gold
                .iter()
                .any(|r| r.status == "sidebar" && &r.file == file && r.keys.contains(key));
            let what = if sidebar {
                "sidebar citation attributed"
            } else {
                "extra citation"
            };
            problems.push(format!("{file}: {what}: {key} {text:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A made-up `.txt` article, read and cleaned.
fn article_of(text: &str) -> vanban::article::Article {
    let src = vanban::source::from_bytes(
        std::path::Path::new("a.txt"),
        "a.txt",
        vanban::source::Format::Txt,
        text.as_bytes(),
    )
    .unwrap()
    .unwrap();
    vanban::article::clean(src, &SiteConfig::default())
}

#[test]
fn a_headline_cites_like_the_body() {
    let text = "Sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị\n\nThứ Sáu, 27/08/2021\n\n(YBĐT) - Sáng 26/8, Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết, đánh giá kết quả thực hiện trong toàn tỉnh Yên Bái.\n";
    let article = article_of(text);
    let (registry, _) = Registry::new(&[]);
    let keys: Vec<String> = pipeline::cite_article(&article, &registry)
        .citations
        .into_iter()
        .map(|c| c.key)
        .collect();
    assert_eq!(
        article.title,
        "Sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị"
    );
    assert_eq!(keys, ["5-CT/TW#2016"]);
}

#[test]
fn a_reprinted_document_is_what_the_article_is_not_a_citation() {
    let text = "Chỉ thị về việc tăng cường công tác quản lý bảo vệ rừng\n\nSố: 17/CT-UBND\nLai Châu, ngày 15 tháng 10 năm 2021\n\nCHỈ THỊ VỀ VIỆC TĂNG CƯỜNG CÔNG TÁC QUẢN LÝ BẢO VỆ RỪNG\n\nThực hiện Nghị định số 156/2018/NĐ-CP của Chính phủ, Ủy ban nhân dân tỉnh Lai Châu yêu cầu các sở, ngành thực hiện tốt các nhiệm vụ sau đây.\n";
    let article = article_of(text);
    let (registry, _) = Registry::new(&[]);
    let cited = pipeline::cite_article(&article, &registry);
    let keys: Vec<&str> = cited.citations.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["156/2018/NĐ-CP"]);
    assert_eq!(cited.document.as_deref(), Some("17/CT-UBND@lai-chau#2021"));
}

/// Issue 2's promise, page by page: each Party-code citation the gold
/// expects has its directive page, and that page lists the citing article.
#[test]
fn each_expected_party_code_has_a_page_listing_its_article() {
    let (registry, _) = Registry::new(&[]);
    let config = SiteConfig::default();
    let (archive, _) = pipeline::load(&[PathBuf::from("seeds")], &config, &registry);
    let templates = vanban::render::load_templates(std::path::Path::new("templates")).unwrap();
    let pages = vanban::render::render_site(&archive, &config, &templates).unwrap();
    let page = |path: &str| {
        pages
            .iter()
            .find(|p| p.path == path)
            .map(|p| String::from_utf8_lossy(&p.bytes).replace("&#x2F;", "/"))
    };
    let party_code = regex::Regex::new(r"^\d+-[A-ZĐa-zđ]+/[A-ZĐa-zđ]+").unwrap();
    let mut checked = 0;
    for row in gold().iter().filter(|r| r.status == "expected") {
        let key = &row.keys[0];
        if !party_code.is_match(key) {
            continue;
        }
        let entry = archive
            .entries
            .iter()
            .find(|e| e.article.rel == row.file)
            .expect("the sample is in the archive");
        let directive = archive
            .directives
            .iter()
            .find(|d| d.key.split('#').next() == Some(key.as_str()))
            .unwrap_or_else(|| panic!("no directive {key}"));
        let html = page(&format!("directives/{}.html", directive.slug))
            .unwrap_or_else(|| panic!("no page for {key}"));
        assert!(
            html.contains(&format!("../articles/{}.html", entry.slug)),
            "{key}'s page does not list {}",
            row.file
        );
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} rows checked");
}
