//! A build killed midway (SIGKILL, which nothing can catch) must leave the
//! previous site whole, and the next build must leave no stray folders.
//!
//! The kill lands wherever it lands: before, during or after the swap.
//! Whatever the moment, the output folder must hold one complete site, the
//! old one or the new one, never a mixture and never nothing.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use common::{tree, Project};

fn corpus(p: &Project, n: usize, edition: &str) {
    for i in 0..n {
        p.add(
            &format!("{}/bai-{i}.txt", i % 9),
            format!(
                "Bài {i} ({edition})\nĐoạn một của bài {i}, ấn bản {edition}, nhắc Chỉ thị {}-CT/TW.\n\
                 Đoạn hai của bài {i}.\n",
                i % 11 + 1
            ),
        );
    }
}

/// The files next to the output: only what the test made, `public`, and
/// the list of what its pages were made from (`.public.vanban-pages`).
fn siblings(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_killed_build_leaves_a_whole_site() {
    let p = Project::new();
    corpus(&p, 1500, "cũ");
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    let old: BTreeMap<String, Vec<u8>> = tree(&p.public());
    assert!(old.len() > 1500);

    // A second edition: every article page changes.
    corpus(&p, 1500, "mới");
    let new_reference = {
        let q = Project::new();
        corpus(&q, 1500, "mới");
        assert_eq!(q.build(&[]).code, 0);
        tree(&q.public())
    };
    assert_eq!(new_reference.len(), old.len());

    // Kill at many moments: after fixed delays (mostly while reading), and
    // once the staging folder appears plus a little (while writing pages,
    // or around the swap). Each time the output is the old site or the new.
    let staging = p.root().join(".public.vanban-new");
    let mut saw_old = 0;
    let mut saw_new = 0;
    let mut mid_write = 0;
    let moments = [
        (false, 30u64),
        (false, 150),
        (false, 400),
        (true, 0),
        (true, 5),
        (true, 20),
        (true, 60),
        (true, 150),
    ];
    for (after_staging, delay_ms) in moments {
        let mut child = p
            .command(&[])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn vanban");
        if after_staging {
            // Wait (without a deadline: the build will get there) until the
            // staging folder holds vanban's marker, the first file written
            // into it: writing has begun. Unless the build ends first.
            while !staging.join(".vanban-site").exists() {
                if child.try_wait().expect("try_wait").is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        // Child::kill sends SIGKILL on Unix.
        let _ = child.kill();
        let _ = child.wait();
        // A staging folder left behind: the kill landed while writing.
        if staging.exists() {
            mid_write += 1;
        }
        let now = tree(&p.public());
        if now == old {
            saw_old += 1;
        } else if now == new_reference {
            saw_new += 1;
            // Start again from the old site for the next round.
            std::fs::remove_dir_all(p.public()).unwrap();
            restore(&p.public(), &old);
        } else {
            let differ: Vec<_> = now
                .keys()
                .chain(old.keys())
                .filter(|k| now.get(*k) != old.get(*k) && now.get(*k) != new_reference.get(*k))
                .take(5)
                .collect();
            panic!(
                "after a kill at {delay_ms} ms the output is neither site: {} files, e.g. {differ:?}",
                now.len()
            );
        }
    }
    eprintln!(
        "kills that found the old site: {saw_old}, the new one: {saw_new}; \
         {mid_write} left a staging folder (killed while writing)"
    );
    assert!(
        mid_write > 0,
        "no kill landed while the site was being written"
    );

    // The next build completes and leaves nothing beside the output.
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        siblings(p.root()),
        [
            ".public.vanban-articles",
            ".public.vanban-kept",
            ".public.vanban-pages",
            "content",
            "public",
            "site.toml"
        ]
    );
    assert!(
        tree(&p.public()) == new_reference,
        "the finished build is the new site"
    );
}

/// Writes `files` under `dir` (the old site, put back between rounds).
fn restore(dir: &Path, files: &BTreeMap<String, Vec<u8>>) {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

#[test]
fn leftovers_of_a_killed_build_are_cleaned_and_a_site_moved_aside_is_put_back() {
    let p = Project::new();
    corpus(&p, 3, "cũ");
    assert_eq!(p.build(&[]).code, 0);
    let old = tree(&p.public());
    // What a kill between two renames (on a system without atomic exchange)
    // would leave: the old site moved aside, a half staging folder.
    std::fs::rename(p.public(), p.root().join(".public.vanban-old")).unwrap();
    let staging = p.root().join(".public.vanban-new");
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join(".vanban-site"), "").unwrap();
    std::fs::write(staging.join("half.html"), "half").unwrap();
    // A failed build (broken template) must not lose the old site either.
    std::fs::create_dir(p.root().join("templates")).unwrap();
    std::fs::write(p.root().join("templates/index.html"), "{% if %}").unwrap();
    let run = p.build(&[]);
    assert_eq!(run.code, 2, "{}", run.all());
    std::fs::remove_dir_all(p.root().join("templates")).unwrap();
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        siblings(p.root()),
        [
            ".public.vanban-articles",
            ".public.vanban-kept",
            ".public.vanban-pages",
            "content",
            "public",
            "site.toml"
        ]
    );
    assert_eq!(tree(&p.public()), old);
}

#[test]
fn a_folder_with_the_staging_name_that_is_not_ours_is_not_deleted() {
    let p = Project::new();
    corpus(&p, 2, "cũ");
    let theirs = p.root().join(".public.vanban-new");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("notes.txt"), "mine").unwrap();
    let run = p.build(&[]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.all().contains("holds no .vanban-site marker"),
        "{}",
        run.all()
    );
    assert_eq!(std::fs::read(theirs.join("notes.txt")).unwrap(), b"mine");
}
