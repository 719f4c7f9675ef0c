//! A rebuild keeps what did not change: pages whose inputs are the same are
//! neither rendered nor rewritten (same file, same modification time), and
//! the site it leaves is byte for byte the one a fresh build makes.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::{tree, Project};

fn corpus(p: &Project) {
    for i in 0..12 {
        p.add(
            &format!("bai-{i:02}.txt"),
            format!(
                "Bài số {i} về xây dựng Đảng\nĐoạn một của bài {i}, thực hiện Chỉ thị số {}-CT/TW \
                 của Ban Bí thư.\nĐoạn hai của bài {i}, nhắc Nghị quyết số 21-NQ/TW.\n",
                i % 5 + 1
            ),
        );
    }
}

/// (inode, modification time) of the file at `rel` in `site`.
fn identity(site: &Path, rel: &str) -> (u64, i64, i64) {
    let m = std::fs::metadata(site.join(rel)).unwrap();
    (m.ino(), m.mtime(), m.mtime_nsec())
}

/// The page of the article whose source is `bai-NN.txt`.
fn article_page(site: &Path, n: usize) -> String {
    let wanted = format!("Bài số {n} về");
    std::fs::read_dir(site.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).unwrap().contains(&wanted))
        .map(|p| format!("articles/{}", p.file_name().unwrap().to_string_lossy()))
        .unwrap()
}

#[test]
fn a_rebuild_rewrites_only_what_changed_and_equals_a_fresh_build() {
    let p = Project::new();
    corpus(&p);
    assert_eq!(p.build(&[]).code, 0);
    let site = p.public();
    let (changed, untouched) = (article_page(&site, 3), article_page(&site, 7));
    let before = (identity(&site, &changed), identity(&site, &untouched));

    // Nothing changed: every page is kept.
    let run = p.build(&[]);
    assert!(run.stdout.contains(" 0 pages written"), "{}", run.all());
    assert_eq!(identity(&site, &untouched), before.1);

    // One article changed: its page is new, an unrelated one is the same file.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let source = p.content().join("bai-03.txt");
    let mut text = std::fs::read_to_string(&source).unwrap();
    text.push_str("Đoạn ba, thêm vào sau.\n");
    std::fs::write(&source, text).unwrap();
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_ne!(identity(&site, &changed), before.0);
    assert!(std::fs::read_to_string(site.join(&changed))
        .unwrap()
        .contains("Đoạn ba, thêm vào sau."));
    assert_eq!(
        identity(&site, &untouched),
        before.1,
        "{untouched} was rewritten"
    );

    // And the result is exactly what a build from scratch makes.
    let fresh = p.root().join("fresh");
    let run = p.build(&["--output", fresh.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        tree(&site) == tree(&fresh),
        "the rebuilt site differs from a fresh build"
    );
}

#[test]
fn a_page_edited_by_hand_or_a_changed_template_is_made_again() {
    let p = Project::new();
    corpus(&p);
    assert_eq!(p.build(&[]).code, 0);
    let site = p.public();
    let page = article_page(&site, 1);
    let original = std::fs::read(site.join(&page)).unwrap();

    // Someone edits a page of the built site: the next build puts it right.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut edited = original.clone();
    edited.extend_from_slice(b"<!-- edited -->");
    std::fs::write(site.join(&page), &edited).unwrap();
    assert_eq!(p.build(&[]).code, 0);
    assert_eq!(std::fs::read(site.join(&page)).unwrap(), original);

    // A template changes: every page made from it is made again.
    let templates = p.root().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let base = std::fs::read_to_string("templates/base.html").unwrap();
    std::fs::write(
        templates.join("base.html"),
        base.replace("</body>", "<!-- mẫu mới --></body>"),
    )
    .unwrap();
    p.set_config(
        "title = \"Thử\"\ncontent = \"content\"\noutput = \"public\"\ntemplates = \"templates\"\n",
    );
    assert_eq!(p.build(&[]).code, 0);
    for (rel, bytes) in tree(&site) {
        if rel.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(
                html.contains("<!-- mẫu mới -->"),
                "{rel} kept the old template"
            );
        }
    }
}
