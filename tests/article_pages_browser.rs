//! The seeds' article pages as Chromium renders them hold the article and
//! nothing of the portal's boilerplate (teasers, rating widgets, comment
//! forms), while the article's last lines are there.
//!
//! Needs Chromium (`apt-get install -y chromium`), hence `#[ignore]`; CI runs
//! it through `scripts/ci/article.sh`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The DOM of a page after Chromium has rendered it.
fn dom(page: &Path) -> String {
    let profile = tempfile::tempdir().expect("temp dir");
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
#[ignore = "needs chromium"]
fn seed_pages_read_like_the_article() {
    // The site goes inside the temporary folder: what vanban keeps beside
    // its output (`.site.vanban-*`) is then removed with it.
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(root())
        .args(["build", "--output"])
        .arg(&site)
        .status()
        .expect("vanban runs");
    assert!(status.success());
    // (page slug start, a last line of the article, boilerplate that must not show)
    let cases = [
        (
            "btv-tinh-uy",
            "P.V(TH)",
            "Trách nhiệm vì mục tiêu tăng trưởng 9%",
        ),
        (
            "nang-cao-chat-luong",
            "Bí thư chi bộ Văn phòng Tòa án nhân dân tỉnh",
            "Bảo vệ trẻ em trước nguy cơ bị xâm hại",
        ),
        (
            "tiep-tuc-quan-tam",
            "Thúy Vân - Văn phòng Tỉnh ủy",
            "Tổng số điểm của bài viết",
        ),
        ("xay-dung-chi", "Bài, ảnh: Thúy Hường", "Ý kiến của bạn"),
    ];
    let articles = site.join("articles");
    for (slug, last, boilerplate) in cases {
        let page = std::fs::read_dir(&articles)
            .expect("articles folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(slug))
            })
            .unwrap_or_else(|| panic!("no page for {slug}"));
        let html = dom(&page);
        assert!(html.contains("<article"), "{slug}: not rendered");
        assert!(html.contains(last), "{slug}: {last:?} missing");
        assert!(!html.contains(boilerplate), "{slug}: {boilerplate:?} shown");
        for chrome in [
            "Họ tên:",
            "lượt xem",
            "Xem các tin đã đưa ngày",
            "Các tin khác",
        ] {
            assert!(!html.contains(chrome), "{slug}: {chrome:?} shown");
        }
    }
}
