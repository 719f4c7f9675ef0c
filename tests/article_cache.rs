//! A rebuild takes each unchanged article from what the last build read
//! (`.public.vanban-articles/`, beside the output) instead of reading,
//! cleaning and citing it again; anything that could change how a file
//! reads makes it read again, and a damaged or foreign cache is harmless.
//! The same holds of what later stages keep (`.public.vanban-kept/`: the
//! search index's postings by block of documents).

mod common;

use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use common::{tree, twelve_articles, Project};

fn cache_dir(p: &Project) -> PathBuf {
    p.root().join(".public.vanban-articles")
}

fn kept_dir(p: &Project) -> PathBuf {
    p.root().join(".public.vanban-kept")
}

fn entries(p: &Project) -> Vec<PathBuf> {
    entries_in(&cache_dir(p))
}

fn entries_in(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.retain(|e| e.extension().is_some_and(|x| x == "bin"));
    found.sort();
    found
}

fn site_text(p: &Project) -> String {
    tree(&p.public())
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect()
}

/// `bytes` with every `from` replaced by `to`.
fn replaced(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let (from, to) = (from.as_bytes(), to.as_bytes());
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn an_unchanged_file_is_taken_from_the_cache() {
    let p = Project::new();
    twelve_articles(&p);
    assert_eq!(p.build(&[]).code, 0);
    assert_eq!(entries(&p).len(), 12);

    // What an entry says is taken as it is: titles altered in the entries
    // (same length, so the entries stay readable) show on the pages.
    for e in entries(&p) {
        let bytes = fs::read(&e).unwrap();
        fs::write(&e, replaced(&bytes, "xây dựng", "XÂY DỰNG")).unwrap();
    }
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    let page = |i: usize| {
        tree(&p.public().join("articles"))
            .into_iter()
            .find(|(name, _)| name.starts_with(&format!("bai-so-{i}-")))
            .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default()
    };
    assert!(
        page(2).contains("Bài số 2 về XÂY DỰNG Đảng"),
        "entries were not used"
    );

    // A new modification time: that file is read again, the others not.
    let path = p.content().join("bai-02.txt");
    let when = fs::metadata(&path).unwrap().modified().unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(when + Duration::from_secs(5))
        .unwrap();
    assert_eq!(p.build(&[]).code, 0);
    assert!(
        page(2).contains("Bài số 2 về xây dựng Đảng"),
        "bai-02 was not read again"
    );
    assert!(page(3).contains("Bài số 3 về XÂY DỰNG Đảng"));

    // Other words with the same size and time: the text is not the one
    // the entry was made from, so the file is read again.
    let text = fs::read_to_string(&path).unwrap();
    let when = fs::metadata(&path).unwrap().modified().unwrap();
    fs::write(
        &path,
        text.replace("Chỉ thị số 3-CT/TW", "Chỉ thị số 9-CT/TW"),
    )
    .unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(when)
        .unwrap();
    assert_eq!(p.build(&[]).code, 0);
    let directives = tree(&p.public().join("directives"));
    assert!(
        directives.keys().any(|name| name.starts_with("9-ct-tw")),
        "bai-02 was not cited again: {:?}",
        directives.keys()
    );
}

#[test]
fn a_changed_configuration_reads_every_file_again() {
    let p = Project::new();
    twelve_articles(&p);
    assert_eq!(p.build(&[]).code, 0);
    assert!(site_text(&p).contains("21-NQ/TW"));
    // A boilerplate marker now cuts the line that cites 21-NQ/TW.
    p.set_config(
        "title = \"Thử\"\ncontent = \"content\"\noutput = \"public\"\n\
         [boilerplate]\nmarkers = [\"Đoạn hai của bài…\"]\n",
    );
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        !site_text(&p).contains("21-NQ/TW"),
        "articles were read from the old cache"
    );
}

#[test]
fn damaged_entries_are_read_again_and_removed_files_leave() {
    let p = Project::new();
    twelve_articles(&p);
    assert_eq!(p.build(&[]).code, 0);
    let first = tree(&p.public());
    let all = entries(&p);
    // Header kept, body cut short; another entry made garbage.
    let bytes = fs::read(&all[0]).unwrap();
    fs::write(&all[0], &bytes[..bytes.len() / 2]).unwrap();
    fs::write(&all[1], b"\xff\xfe not an entry").unwrap();
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(tree(&p.public()), first);
    assert_eq!(entries(&p).len(), 12);

    fs::remove_file(p.content().join("bai-05.txt")).unwrap();
    assert_eq!(p.build(&[]).code, 0);
    assert_eq!(entries(&p).len(), 11);
}

#[test]
fn a_folder_that_is_not_vanbans_is_left_alone() {
    let p = Project::new();
    twelve_articles(&p);
    let dir = cache_dir(&p);
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("notes.txt"), "mine").unwrap();
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    let names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["notes.txt"]);
    assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
    // The build itself is unharmed.
    assert!(site_text(&p).contains("21-NQ/TW"));
}

#[test]
fn damaged_kept_postings_are_made_again_and_stale_ones_leave() {
    let p = Project::new();
    twelve_articles(&p);
    assert_eq!(p.build(&[]).code, 0);
    let first = tree(&p.public());
    // Twelve articles and their directives are one block of documents.
    let kept = entries_in(&kept_dir(&p));
    assert_eq!(kept.len(), 1);
    // A byte changed in the middle: the entry still decodes, wrongly, but
    // its hash no longer matches.
    let mut bytes = fs::read(&kept[0]).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    fs::write(&kept[0], &bytes).unwrap();
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(tree(&p.public()), first);
    assert_ne!(fs::read(&kept[0]).unwrap(), bytes, "made again");

    // A changed article changes the block: the old entry leaves.
    let source = p.content().join("bai-03.txt");
    let text = fs::read_to_string(&source).unwrap() + "Đoạn thêm.\n";
    fs::write(&source, text).unwrap();
    assert_eq!(p.build(&[]).code, 0);
    let now = entries_in(&kept_dir(&p));
    assert_eq!(now.len(), 1);
    assert_ne!(now, kept);
}

#[test]
fn a_kept_folder_that_is_not_vanbans_is_left_alone() {
    let p = Project::new();
    twelve_articles(&p);
    let dir = kept_dir(&p);
    fs::create_dir(&dir).unwrap();
    let foreign = dir.join(format!("{:032x}.bin", 7));
    fs::write(&foreign, "mine").unwrap();
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(entries_in(&dir), std::slice::from_ref(&foreign));
    assert_eq!(fs::read_to_string(&foreign).unwrap(), "mine");
    assert!(site_text(&p).contains("21-NQ/TW"));
}

#[test]
fn kept_bytes_come_back_whole_or_not_at_all_and_unused_ones_leave() {
    use vanban::cache::Kept;
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    let entry = |key: u128| {
        dir.path()
            .join(".public.vanban-kept")
            .join(format!("{key:032x}.bin"))
    };
    let kept = Kept::open(&output);
    kept.put(1, b"postings");
    kept.put(2, b"other");
    assert_eq!(kept.get(1).as_deref(), Some(&b"postings"[..]));
    assert_eq!(kept.get(9), None);

    // The next build: one entry damaged in its last byte.
    let mut bytes = fs::read(entry(1)).unwrap();
    *bytes.last_mut().unwrap() ^= 1;
    fs::write(entry(1), &bytes).unwrap();
    let next = Kept::open(&output);
    assert_eq!(next.get(1), None);
    assert_eq!(next.get(2).as_deref(), Some(&b"other"[..]));
    next.put(3, b"new");
    next.retain_used();
    let mut left = entries_in(&dir.path().join(".public.vanban-kept"));
    left.sort();
    assert_eq!(left, [entry(2), entry(3)]);

    // A build that used none of them (`serve`) leaves them for the next.
    Kept::open(&output).retain_used();
    assert_eq!(entries_in(&dir.path().join(".public.vanban-kept")).len(), 2);
}
