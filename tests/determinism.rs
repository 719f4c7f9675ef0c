//! Output is the same bytes whatever the number of threads: a corpus from
//! the benchmark's generator is built with one and with two rayon threads,
//! and the two output trees must be identical, file by file.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

/// Every file under `dir`, by its path relative to `dir`, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap();
            files.insert(
                rel.to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    files
}

fn build(threads: &str, content: &Path, config: &Path, output: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .env("RAYON_NUM_THREADS", threads)
        .arg("--config")
        .arg(config)
        .arg("--content")
        .arg(content)
        .arg("--output")
        .arg(output)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "build with {threads} thread(s) failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn one_and_two_threads_write_the_same_site() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    gen_corpus::generate(300, &content, 7, None);
    let config = tmp.path().join("site.toml");
    // base_url on, so that feeds, the sitemap and canonical links are built too.
    std::fs::write(
        &config,
        "title = \"Thử\"\nbase_url = \"https://example.org/vanban\"\n",
    )
    .unwrap();
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    build("1", &content, &config, &one);
    build("2", &content, &config, &two);

    let (a, b) = (tree(&one), tree(&two));
    assert!(a.len() > 300, "only {} files were written", a.len());
    assert!(a.keys().any(|k| k.starts_with("directives/")));
    assert!(a.keys().any(|k| k.starts_with("search/")));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the two builds wrote different files"
    );
    for (path, bytes) in &a {
        assert!(
            b.get(path) == Some(bytes),
            "{path} differs between 1 and 2 threads"
        );
    }
}

#[test]
fn the_generator_is_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let (x, y) = (tmp.path().join("x"), tmp.path().join("y"));
    gen_corpus::generate(20, &x, 11, Some(&tmp.path().join("hx")));
    gen_corpus::generate(20, &y, 11, Some(&tmp.path().join("hy")));
    assert_eq!(tree(&x), tree(&y));
    assert_eq!(tree(&tmp.path().join("hx")), tree(&tmp.path().join("hy")));
    assert_eq!(tree(&x).len(), 20);
    let z = tmp.path().join("z");
    gen_corpus::generate(20, &z, 12, None);
    assert_ne!(tree(&x), tree(&z), "the seed must matter");
}
