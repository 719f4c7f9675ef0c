//! The open-data files agree with `vanban scan`, with each other and with
//! their JSON Schema, and come out byte-identical from build to build.
//!
//! Everything runs the built binary on the sample articles in `seeds/`,
//! with a `site.toml` of the test's own, into temporary folders.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_vanban");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const LICENCE: &str = "Dữ liệu thử nghiệm, giấy phép CC0 (chỉ để kiểm thử).";
const BOM: &[u8] = b"\xEF\xBB\xBF";
const CSV_FILES: &[&str] = &["articles", "citations", "directives", "relations"];

/// A `site.toml` in `dir` that reads the seeds and sets a licence.
fn config(dir: &Path) -> PathBuf {
    let path = dir.join("site.toml");
    let seeds = Path::new(ROOT).join("seeds");
    let text = format!(
        "title = \"Thử\"\ncontent = {:?}\nlicence = {:?}\n",
        seeds.display().to_string(),
        LICENCE
    );
    std::fs::write(&path, text).unwrap();
    path
}

/// Builds the seeds into `<dir>/site` with `threads` worker threads.
fn build(dir: &Path, threads: &str) -> PathBuf {
    let out = dir.join("site");
    let status = Command::new(BIN)
        .current_dir(ROOT)
        .env("RAYON_NUM_THREADS", threads)
        .arg("build")
        .arg("--config")
        .arg(config(dir))
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    out
}

/// `vanban scan seeds`, one JSON value per article.
fn scan(dir: &Path) -> Vec<Value> {
    let output = Command::new(BIN)
        .current_dir(ROOT)
        .arg("scan")
        .arg("--config")
        .arg(config(dir))
        .arg("seeds")
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A CSV file of the site as header → rows of named cells. Checks the BOM.
fn read_csv(site: &Path, table: &str) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(site.join("data").join(format!("{table}.csv"))).unwrap();
    assert!(
        bytes.starts_with(BOM),
        "{table}.csv starts with a UTF-8 BOM"
    );
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[BOM.len()..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), header.len(), "{table}.csv: ragged row");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn str_of(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

#[test]
fn citations_csv_has_exactly_the_rows_scan_reports() {
    let dir = tempfile::tempdir().unwrap();
    let site = build(dir.path(), "2");
    let scanned = scan(dir.path());
    assert_eq!(scanned.len(), 5, "five sample articles");

    // (slug, key, text, line) in scan's order: articles by path, then reading order.
    let mut expected = Vec::new();
    for article in &scanned {
        for c in article["citations"].as_array().unwrap() {
            expected.push((
                str_of(&article["slug"]),
                str_of(&c["key"]),
                str_of(&c["text"]),
                c["line"].as_u64().unwrap().to_string(),
            ));
        }
    }
    assert!(expected.len() >= 20, "the samples cite directives");
    let rows = read_csv(&site, "citations");
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r["article_slug"].clone(),
                r["directive_key"].clone(),
                r["text"].clone(),
                r["line"].clone(),
            )
        })
        .collect();
    assert_eq!(got, expected);

    // The article's title rides along, and the sentence holds the mention.
    let titles: BTreeMap<String, String> = scanned
        .iter()
        .map(|a| (str_of(&a["slug"]), str_of(&a["title"])))
        .collect();
    for r in &rows {
        assert_eq!(r["article_title"], titles[&r["article_slug"]]);
        assert!(r["sentence"].contains(&r["text"]), "{r:?}");
        assert!(!r["sentence"].contains('\n'), "{r:?}");
    }
}

#[test]
fn articles_and_directives_agree_with_scan() {
    let dir = tempfile::tempdir().unwrap();
    let site = build(dir.path(), "2");
    let scanned = scan(dir.path());

    let articles = read_csv(&site, "articles");
    let got: Vec<(String, String, String)> = articles
        .iter()
        .map(|r| {
            (
                r["slug"].clone(),
                r["title"].clone(),
                r["citations"].clone(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = scanned
        .iter()
        .map(|a| {
            (
                str_of(&a["slug"]),
                str_of(&a["title"]),
                a["citations"].as_array().unwrap().len().to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    for (r, a) in articles.iter().zip(&scanned) {
        // `file` is relative to the content folder; scan gives it as reached.
        assert!(str_of(&a["file"]).ends_with(&format!("/{}", r["file"])));
    }

    // Directives: exactly the keys cited, each with its number of citing articles.
    let mut citing: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for a in &scanned {
        for c in a["citations"].as_array().unwrap() {
            citing
                .entry(str_of(&c["key"]))
                .or_default()
                .insert(str_of(&a["slug"]));
        }
    }
    let directives = read_csv(&site, "directives");
    let got: Vec<(String, String)> = directives
        .iter()
        .map(|r| (r["key"].clone(), r["citing_articles"].clone()))
        .collect();
    let expected: Vec<(String, String)> = citing
        .iter()
        .map(|(k, slugs)| (k.clone(), slugs.len().to_string()))
        .collect();
    assert_eq!(got, expected, "sorted by key, counts from scan");

    // Every citation's key is a directive.
    let keys: BTreeSet<&str> = directives.iter().map(|r| r["key"].as_str()).collect();
    for r in read_csv(&site, "citations") {
        assert!(keys.contains(r["directive_key"].as_str()), "{r:?}");
    }
}

#[test]
fn co_cited_relations_count_the_articles_citing_both() {
    let dir = tempfile::tempdir().unwrap();
    let site = build(dir.path(), "2");
    let mut expected: BTreeMap<(String, String), usize> = BTreeMap::new();
    for a in scan(dir.path()) {
        let keys: BTreeSet<String> = a["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| str_of(&c["key"]))
            .collect();
        for x in &keys {
            for y in &keys {
                if x < y {
                    *expected.entry((x.clone(), y.clone())).or_default() += 1;
                }
            }
        }
    }
    // 22-NQ/TW and 64-KL/TW are cited together in one sample article.
    let base = |k: &str| k.split('#').next().unwrap_or(k).to_string();
    assert_eq!(
        expected
            .iter()
            .filter(|((x, y), _)| base(x) == "22-NQ/TW" && base(y) == "64-KL/TW")
            .map(|(_, n)| *n)
            .collect::<Vec<_>>(),
        vec![1]
    );
    let rows = read_csv(&site, "relations");
    let got: BTreeMap<(String, String), usize> = rows
        .iter()
        .filter(|r| r["relation"] == "co-cited")
        .map(|r| {
            (
                (r["from_key"].clone(), r["to_key"].clone()),
                r["count"].parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    for r in &rows {
        assert!(
            r["relation"] == "co-cited" || r["relation"] == "implements",
            "{r:?}"
        );
    }
    let order: Vec<_> = rows
        .iter()
        .map(|r| (&r["from_key"], &r["relation"], &r["to_key"]))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "relations are sorted");
}

#[test]
fn archive_json_validates_against_its_schema_and_matches_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let site = build(dir.path(), "2");
    let schema_bytes = std::fs::read(site.join("data/archive.schema.json")).unwrap();
    assert_eq!(
        schema_bytes,
        std::fs::read(Path::new(ROOT).join("data/archive.schema.json")).unwrap(),
        "the site carries the documented schema"
    );
    let schema: Value = serde_json::from_slice(&schema_bytes).unwrap();
    assert!(jsonschema::meta::is_valid(&schema), "a valid JSON Schema");
    let validator = jsonschema::validator_for(&schema).unwrap();
    let archive: Value =
        serde_json::from_slice(&std::fs::read(site.join("data/archive.json")).unwrap()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&archive)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(archive["licence"], LICENCE);

    // The schema is not vacuous: it rejects a missing column and a bad date.
    let mut broken = archive.clone();
    broken["citations"][0]
        .as_object_mut()
        .unwrap()
        .remove("line");
    assert!(!validator.is_valid(&broken));
    let mut broken = archive.clone();
    broken["articles"][0]["date"] = Value::from("8/8/2022");
    assert!(!validator.is_valid(&broken));

    // The same tables as the CSV files, cell for cell (null = empty cell).
    for table in CSV_FILES {
        let rows = read_csv(&site, table);
        let items = archive[*table].as_array().unwrap();
        assert_eq!(rows.len(), items.len(), "{table}");
        for (row, item) in rows.iter().zip(items) {
            let item = item.as_object().unwrap();
            assert_eq!(
                row.keys().collect::<BTreeSet<_>>(),
                item.keys().collect::<BTreeSet<_>>(),
                "{table}: same columns"
            );
            for (column, cell) in row {
                let value = match &item[column] {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                assert_eq!(cell, &value, "{table}.{column}");
            }
        }
    }
}

#[test]
fn data_files_are_byte_identical_across_builds_and_thread_counts() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let a = build(one.path(), "1");
    let b = build(two.path(), "4");
    let mut names: Vec<String> = CSV_FILES.iter().map(|t| format!("{t}.csv")).collect();
    names.push("archive.json".into());
    names.push("archive.schema.json".into());
    for name in &names {
        let x = std::fs::read(a.join("data").join(name)).unwrap();
        let y = std::fs::read(b.join("data").join(name)).unwrap();
        assert!(!x.is_empty());
        assert!(x == y, "data/{name} differs between builds");
    }
    assert_eq!(
        std::fs::read(a.join("data.html")).unwrap(),
        std::fs::read(b.join("data.html")).unwrap()
    );
}

#[test]
fn data_page_lists_every_file_with_its_size_and_the_licence() {
    let dir = tempfile::tempdir().unwrap();
    let site = build(dir.path(), "2");
    let page = std::fs::read_to_string(site.join("data.html"))
        .unwrap()
        .replace("&#x2F;", "/");
    let mut names: Vec<String> = CSV_FILES.iter().map(|t| format!("{t}.csv")).collect();
    names.push("archive.json".into());
    names.push("archive.schema.json".into());
    for name in &names {
        let size = std::fs::metadata(site.join("data").join(name))
            .unwrap()
            .len();
        assert!(
            page.contains(&format!("href=\"data/{name}\"")),
            "links {name}"
        );
        assert!(
            page.contains(&format!("title=\"{size} B\"")),
            "gives the size of {name}: {size} bytes"
        );
    }
    // Each column is explained.
    for column in ["article_slug", "directive_key", "citing_articles", "to_key"] {
        assert!(page.contains(&format!("<code>{column}</code>")), "{column}");
    }
    assert!(page.contains(LICENCE), "shows site.toml's licence");
}

#[test]
fn every_page_links_the_data_page_in_its_footer() {
    let dir = tempfile::tempdir().unwrap();
    let site = build(dir.path(), "2");
    let mut checked = 0;
    for entry in walk(&site) {
        if entry.extension().and_then(|e| e.to_str()) != Some("html")
            || entry.file_name().and_then(|n| n.to_str()) == Some("404.html")
        {
            continue;
        }
        let rel = entry.strip_prefix(&site).unwrap();
        let depth = rel.components().count() - 1;
        let href = format!("{}data.html", "../".repeat(depth));
        let html = std::fs::read_to_string(&entry)
            .unwrap()
            .replace("&#x2F;", "/");
        let footer = html.split("<footer").nth(1).unwrap_or_default();
        assert!(
            footer.contains(&format!("href=\"{href}\"")),
            "{} links {href} in its footer",
            rel.display()
        );
        checked += 1;
    }
    assert!(checked > 10);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn implements_relations_come_from_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let site = build(dir.path(), "2");
    let rows = read_csv(&site, "relations");
    let implements: Vec<(String, String, String)> = rows
        .iter()
        .filter(|r| r["relation"] == "implements")
        .map(|r| {
            (
                r["from_key"].clone(),
                r["to_key"].clone(),
                r["count"].clone(),
            )
        })
        .collect();
    // Seed 002: "Kế hoạch số 81-KH/TU ngày 08 tháng 12 năm 2017 về thực hiện Kết luận số 18-KL/TW ..."
    assert!(
        implements.contains(&(
            "81-KH/TU@bac-kan#2017".into(),
            "18-KL/TW#2017".into(),
            "1".into()
        )),
        "{implements:?}"
    );
    // Seed 000: "Kế hoạch số 03-KH/TW, ngày 1/12/2021 của Bộ Chính trị thực hiện Kết luận số 21-KL/TW"
    assert!(
        implements.contains(&("3-KH/TW#2021".into(), "21-KL/TW#2021".into(), "1".into())),
        "{implements:?}"
    );
    // Co-citation is no implementation: 22-NQ/TW implements nothing in the samples.
    assert!(!implements
        .iter()
        .any(|(from, _, _)| from.starts_with("22-NQ/TW")));
}
