//! The search index, the search page and what publishing adds (feeds,
//! sitemap, robots.txt, canonical links), built from
//! `tests/fixtures/search/` and from `seeds/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use vanban::config::SiteConfig;
use vanban::pipeline;
use vanban::refs::registry::Registry;
use vanban::render::{self, Page};
use vanban::search;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// Every page of the site built from `content`, with `site_toml` as the
/// configuration (the built-in templates).
fn build(content: &Path, site_toml: &str) -> (vanban::archive::Archive, Vec<Page>) {
    let mut config = SiteConfig::parse(site_toml, Path::new("site.toml")).unwrap();
    config.content = content.to_path_buf();
    let (registry, _) = Registry::new(&config.registry);
    let (archive, report) = pipeline::load(&[content.to_path_buf()], &config, &registry);
    assert_eq!(report.failed(), 0);
    let templates = render::load_templates(Path::new("/nonexistent-templates")).unwrap();
    let pages = render::render_site(&archive, &config, &templates).unwrap();
    (archive, pages)
}

fn write(dir: &Path, pages: &[Page]) {
    for p in pages {
        let dest = dir.join(&p.path);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(dest, &p.bytes).unwrap();
    }
}

fn page<'a>(pages: &'a [Page], path: &str) -> &'a str {
    let p = pages
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no page {path}"));
    std::str::from_utf8(&p.bytes).unwrap()
}

#[test]
fn index_loads_by_classic_script_tags_only() {
    let (_, pages) = build(&fixture("seeds"), "");
    let search = page(&pages, "search.html");
    assert!(search.contains(r#"<script src="search/manifest.js"></script>"#));
    assert!(search.contains(r#"<script src="static/search.js"></script>"#));
    assert!(pages.iter().any(|p| p.path == "search/s.js"));
    for p in &pages {
        let text = String::from_utf8_lossy(&p.bytes);
        for banned in ["fetch(", "import(", "type=\"module\"", "WebAssembly"] {
            assert!(!text.contains(banned), "{} holds {banned:?}", p.path);
        }
        // A static `import` is only possible in a script (the data page shows
        // `import pandas` as prose, which is fine).
        if p.path.ends_with(".js") {
            assert!(!text.contains("import "), "{} holds an import", p.path);
        }
    }
    // The shards assign into the global the script reads.
    let manifest = page(&pages, "search/manifest.js");
    assert!(manifest.contains("window.VANBAN_SEARCH"));
    let script = page(&pages, "static/search.js");
    assert!(script.contains("createElement(\"script\")"));
}

#[test]
fn every_page_has_a_search_box_with_relative_links() {
    let (_, pages) = build(&fixture("seeds"), "");
    for p in pages.iter().filter(|p| p.path.ends_with(".html")) {
        // Tera escapes `/` in attributes as `&#x2F;`, which browsers read as `/`.
        let html = std::str::from_utf8(&p.bytes)
            .unwrap()
            .replace("&#x2F;", "/");
        let depth = p.path.matches('/').count();
        let want = format!(r#"action="{}search.html""#, "../".repeat(depth));
        assert!(
            html.contains(&want) && html.contains(r#"name="q""#),
            "{}",
            p.path
        );
        assert!(html.contains(r#"<label for="site-q">"#), "{}", p.path);
    }
}

#[test]
fn the_search_page_speaks_vietnamese_from_strings_toml() {
    let (_, pages) = build(&fixture("seeds"), "");
    let html = page(&pages, "search.html");
    assert!(html.contains("data-none=\"Không tìm thấy kết quả nào"));
    assert!(html.contains(r#"<label for="q">"#));
    assert!(html.contains(r#"role="status""#));
}

#[test]
fn text_cannot_break_out_of_the_index_scripts() {
    let (_, pages) = build(&fixture("tests/fixtures/search"), "");
    let mut checked = 0;
    for p in pages.iter().filter(|p| p.path.starts_with("search/")) {
        let text = std::str::from_utf8(&p.bytes).unwrap();
        let lower = text.to_lowercase();
        assert!(!lower.contains("</script"), "{}", p.path);
        assert!(!lower.contains("<!--"), "{}", p.path);
        assert!(!text.contains('\u{2028}') && !text.contains('\u{2029}'));
        checked += 1;
    }
    assert!(checked >= 3);
    // …and the text is still there, escaped.
    assert!(pages
        .iter()
        .any(|p| String::from_utf8_lossy(&p.bytes).contains(r"\u003c/script\u003e")));
}

#[test]
fn a_large_index_is_cut_into_shards_by_first_letters() {
    let (archive, _) = build(&fixture("tests/fixtures/search"), "");
    let limit = 1500;
    let pages = search::pages(
        &archive,
        &search::Options {
            shard_bytes: limit,
            chunk_size: 2,
            ..Default::default()
        },
    );
    let manifest: serde_json::Value = assigned_json(page(&pages, "search/manifest.js"));
    let listed: Vec<&str> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert!(listed.len() > 10, "{listed:?}");
    let files: Vec<&Page> = pages
        .iter()
        .filter(|p| p.path.starts_with("search/s"))
        .collect();
    assert_eq!(files.len(), listed.len());
    let mut seen_terms = 0;
    for key in &listed {
        let file = page(&pages, &search::shard_file(key));
        let shard = assigned_json(file);
        let names: Vec<&String> = shard["t"]
            .as_object()
            .unwrap()
            .keys()
            .chain(shard["c"].as_object().unwrap().keys())
            .collect();
        assert!(!names.is_empty(), "{key}");
        for name in &names {
            // In the shard of the longest listed prefix.
            let depth = key.chars().count();
            assert_eq!(search::shard_of(name, depth), *key, "{name} in {key}");
            let deeper = search::shard_of(name, depth + 1);
            assert!(
                deeper == *key || !listed.contains(&deeper.as_str()),
                "{name} belongs in {deeper}, not {key}"
            );
        }
        seen_terms += names.len();
        // Small, unless it cannot be split further.
        let unsplittable = names.len() == 1
            || names
                .iter()
                .all(|n| n.chars().count() == key.chars().count());
        assert!(
            file.len() <= limit + 300 || unsplittable,
            "{key}: {}",
            file.len()
        );
    }
    assert!(seen_terms > 50);
    // Documents come in chunks of two.
    let chunks = pages
        .iter()
        .filter(|p| p.path.starts_with("search/d-"))
        .count();
    assert_eq!(
        chunks,
        (archive.directives.len() + archive.entries.len()).div_ceil(2)
    );
}

/// The value an index file assigns: the JSON after `S.x[...] = `.
fn assigned_json(file: &str) -> serde_json::Value {
    let line = file.find("\nS.").unwrap();
    let start = line + file[line..].find(" = ").unwrap() + 3;
    let end = file.rfind(";\n})").unwrap();
    serde_json::from_str(&file[start..end]).unwrap()
}

#[test]
fn the_default_index_of_a_small_archive_is_one_shard() {
    let (archive, _) = build(&fixture("seeds"), "");
    let pages = search::pages(&archive, &search::Options::default());
    let shards = pages
        .iter()
        .filter(|p| p.path.starts_with("search/s"))
        .count();
    assert_eq!(shards, 1);
}

#[test]
fn folding_and_codes() {
    assert_eq!(search::term("Đảng"), "dang");
    assert_eq!(search::term("ĐẢNG"), search::term("dang"));
    assert_eq!(search::term("đường"), search::term("dương"));
    assert_ne!(search::spelling("đường"), search::spelling("dương"));
    for spelling in ["22-NQ/TW", "22-nq/tw", "22 - NQ/TW", "22 nq tw"] {
        assert_eq!(search::code_terms(spelling)[0], "22nqtw", "{spelling}");
    }
    assert_eq!(search::code_terms("26-ct/tu"), ["26cttu", "26ct"]);
}

#[test]
fn index_is_deterministic() {
    let (_, a) = build(&fixture("seeds"), "");
    let (_, b) = build(&fixture("seeds"), "");
    let files = |p: &[Page]| -> Vec<(String, Vec<u8>)> {
        p.iter()
            .filter(|p| p.path.starts_with("search/"))
            .map(|p| (p.path.clone(), p.bytes.clone()))
            .collect()
    };
    assert_eq!(files(&a), files(&b));
}

const PUBLISHED: &str = "base_url = \"https://example.github.io/vanban/\"\n";

#[test]
fn with_base_url_come_sitemap_robots_feeds_and_canonical_links() {
    let (archive, pages) = build(&fixture("seeds"), PUBLISHED);
    let sitemap = page(&pages, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.github.io/vanban/index.html</loc>"));
    assert!(sitemap
        .contains("<loc>https://example.github.io/vanban/directives/22-nq-tw-2008.html</loc>"));
    assert!(!sitemap.contains("404.html"));
    let robots = page(&pages, "robots.txt");
    assert!(robots.contains("Sitemap: https://example.github.io/vanban/sitemap.xml"));
    let feed = page(&pages, "feeds/articles.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert_eq!(feed.matches("<entry>").count(), archive.entries.len());
    for d in &archive.directives {
        let f = page(&pages, &format!("feeds/directives/{}.xml", d.slug));
        assert_eq!(f.matches("<entry>").count(), d.article_count, "{}", d.key);
    }
    let home = page(&pages, "index.html").replace("&#x2F;", "/");
    assert!(home
        .contains(r#"<link rel="canonical" href="https://example.github.io/vanban/index.html">"#));
    let art = pages
        .iter()
        .find(|p| p.path.starts_with("articles/"))
        .unwrap();
    let html = std::str::from_utf8(&art.bytes)
        .unwrap()
        .replace("&#x2F;", "/");
    assert!(html.contains(&format!(
        r#"<link rel="canonical" href="https://example.github.io/vanban/{}">"#,
        art.path
    )));
    assert!(!page(&pages, "404.html").contains("rel=\"canonical\""));
}

#[test]
fn without_base_url_nothing_needs_an_absolute_address() {
    let (_, pages) = build(&fixture("seeds"), "");
    for p in &pages {
        assert!(
            !(p.path.ends_with(".xml") || p.path == "robots.txt"),
            "{}",
            p.path
        );
        assert!(!String::from_utf8_lossy(&p.bytes).contains("rel=\"canonical\""));
    }
}

#[test]
fn feed_text_is_escaped() {
    let (_, pages) = build(&fixture("tests/fixtures/search"), PUBLISHED);
    let feed = page(&pages, "feeds/articles.xml");
    assert!(feed.contains("&lt;/script&gt;") || !feed.contains("script"));
    assert!(!feed.contains("</script>"));
}

/// The ranking lives in static/search.js; these run its node tests against
/// indexes built here, whole and cut into two-letter shards. Needs `node`.
#[test]
#[ignore = "needs node; run by scripts/ci/search.sh and CI"]
fn javascript_ranking_against_built_indexes() {
    let (archive, pages) = build(&fixture("tests/fixtures/search"), "");
    let whole = tempfile::tempdir().unwrap();
    write(whole.path(), &pages);
    let sharded = tempfile::tempdir().unwrap();
    write(sharded.path(), &pages);
    std::fs::remove_dir_all(sharded.path().join("search")).unwrap();
    write(
        sharded.path(),
        &search::pages(
            &archive,
            &search::Options {
                shard_bytes: 1500,
                chunk_size: 2,
                ..Default::default()
            },
        ),
    );
    for (dir, is_sharded) in [(whole.path(), "0"), (sharded.path(), "1")] {
        let out = Command::new("node")
            .arg("--test")
            .arg(fixture("tests/js/search.test.js"))
            .env("VANBAN_SITE", dir)
            .env("VANBAN_SHARDED", is_sharded)
            .output()
            .expect("node runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "node tests failed (sharded={is_sharded}):\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("# fail 0"), "{text}");
    }
}

proptest::proptest! {
    /// Any text: words are pieces of it, terms and codes never panic.
    #[test]
    fn any_text_tokenizes(text in "\\PC{0,80}") {
        for (at, w) in search::words(&text) {
            proptest::prop_assert_eq!(&text[at..at + w.len()], w);
            let _ = search::term(w);
        }
        let _ = search::code_terms(&text);
        let _ = search::js_json(&text);
    }
}
