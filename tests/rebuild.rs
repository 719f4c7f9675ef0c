//! A rebuild keeps what did not change: pages whose inputs are the same are
//! neither rendered nor rewritten (same file, same modification time), and
//! the site it leaves is byte for byte the one a fresh build makes. The
//! renderer's side (stable inputs, no rendering of a kept page) and the
//! writer's (a page kept only while its inputs and file match) are tested
//! apart too, since a whole build would look the same without them.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::Mutex;

use common::{tree, twelve_articles, Project};
use vanban::config::SiteConfig;
use vanban::pipeline;
use vanban::refs::registry::Registry;
use vanban::render::{self, reuse::Inputs, Page, Sink, SinkError};

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

/// Adds a paragraph to the end of `bai-NN.txt`.
fn append(p: &Project, n: usize, paragraph: &str) {
    let source = p.content().join(format!("bai-{n:02}.txt"));
    let mut text = std::fs::read_to_string(&source).unwrap();
    text.push_str(paragraph);
    std::fs::write(&source, text).unwrap();
}

/// Asserts that the built site is byte for byte what a fresh build of the
/// same content makes.
fn assert_same_as_fresh_build(p: &Project) {
    let fresh = p.root().join("fresh");
    let run = p.build(&["--output", fresh.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        tree(&p.public()) == tree(&fresh),
        "the rebuilt site differs from a fresh build"
    );
}

#[test]
fn a_rebuild_rewrites_only_what_changed_and_equals_a_fresh_build() {
    let p = Project::new();
    twelve_articles(&p);
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
    append(&p, 3, "Đoạn ba, thêm vào sau.\n");
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
    assert_same_as_fresh_build(&p);
}

#[test]
fn an_unchanged_article_whose_links_change_is_made_again() {
    // B's file never changes, but the year its directive is keyed by comes
    // from A: when A drops the date, B's body links to another page. The
    // body is made only when the page's inputs changed, so those inputs
    // must follow what the links point to, not only B's own text.
    let p = Project::new();
    let a = |date: &str| {
        format!(
            "Bài A về công tác cán bộ\nTỉnh ủy quán triệt Chỉ thị số 26-CT/TU{date} \
             của Tỉnh ủy Hòa Bình về công tác cán bộ.\n"
        )
    };
    p.add("a.txt", a(" ngày 10/3/2019"));
    p.add(
        "b.txt",
        "Bài B về học tập\nChi bộ tiếp tục thực hiện Chỉ thị số 26-CT/TU của Tỉnh ủy \
         Hòa Bình trong năm nay.\n",
    );
    assert_eq!(p.build(&[]).code, 0);
    let site = p.public();
    let page_b = "articles/bai-b-ve-hoc-tap.html";
    let b_links = || std::fs::read_to_string(site.join(page_b)).unwrap();
    assert!(b_links().contains("directives/26-ct-tu-hoa-binh-2019.html"));

    std::thread::sleep(std::time::Duration::from_millis(20));
    p.add("a.txt", a(""));
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(!b_links().contains("2019"), "{}", b_links());
    assert!(b_links().contains("directives/26-ct-tu-hoa-binh.html"));
    assert_same_as_fresh_build(&p);
}

#[test]
fn a_page_edited_by_hand_or_a_changed_template_is_made_again() {
    let p = Project::new();
    twelve_articles(&p);
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

/// A sink that records what the renderer asks of it: each rendered page's
/// inputs, and the pages it offered to keep.
struct Recorder {
    keep_all: bool,
    made: Mutex<BTreeMap<String, Inputs>>,
    offered: Mutex<Vec<String>>,
}

impl Sink for Recorder {
    fn put(&self, _page: Page) -> Result<(), SinkError> {
        Ok(())
    }
    fn reuses(&self) -> bool {
        true
    }
    fn reuse(&self, path: &str, _inputs: Inputs) -> Option<u64> {
        self.offered.lock().unwrap().push(path.to_string());
        self.keep_all.then_some(0)
    }
    fn put_made(&self, page: Page, inputs: Inputs) -> Result<(), SinkError> {
        self.made.lock().unwrap().insert(page.path, inputs);
        Ok(())
    }
}

/// The project's content, loaded, and the configuration it was loaded with.
fn load(p: &Project) -> (vanban::archive::Archive, SiteConfig) {
    let mut config = SiteConfig::parse("title = \"Thử\"\n", Path::new("t.toml")).unwrap();
    config.content = p.content();
    let (registry, _) = Registry::new(&config.registry);
    let (archive, _) = pipeline::load(&[p.content()], &config, &registry);
    (archive, config)
}

/// Loads the project's content and hands the archive to `emit` with a
/// [`Recorder`] for sink.
fn record_with(
    p: &Project,
    keep_all: bool,
    emit: impl Fn(&vanban::archive::Archive, &SiteConfig, &Recorder),
) -> Recorder {
    let (archive, config) = load(p);
    let recorder = Recorder {
        keep_all,
        made: Mutex::default(),
        offered: Mutex::default(),
    };
    emit(&archive, &config, &recorder);
    recorder
}

/// Renders the project's whole site into a [`Recorder`].
fn record(p: &Project, keep_all: bool) -> Recorder {
    let templates = render::load_templates(Path::new("templates")).unwrap();
    record_with(p, keep_all, |archive, config, recorder| {
        render::emit_site(archive, config, &templates, recorder).unwrap()
    })
}

#[test]
fn page_inputs_are_stable_change_with_the_page_and_a_kept_page_is_not_rendered() {
    let p = Project::new();
    twelve_articles(&p);
    let first = record(&p, false).made.into_inner().unwrap();
    assert!(first.keys().any(|k| k.starts_with("articles/")));
    assert!(first.keys().any(|k| k.starts_with("directives/")));
    // The same content gives the same inputs (else nothing is ever reused).
    assert_eq!(record(&p, false).made.into_inner().unwrap(), first);

    // One article changed: its page's inputs change, an unrelated one's not.
    append(&p, 3, "Đoạn ba, thêm vào sau.\n");
    let second = record(&p, false).made.into_inner().unwrap();
    let page_of = |n: usize| {
        let slug = format!("bai-so-{n}-ve-xay-dung-dang");
        first
            .keys()
            .find(|k| k.starts_with("articles/") && k.contains(&slug))
            .cloned()
            .unwrap()
    };
    assert_ne!(first[&page_of(3)], second[&page_of(3)]);
    assert_eq!(first[&page_of(7)], second[&page_of(7)]);

    // A sink that keeps every page is offered each one and gets none made.
    let kept = record(&p, true);
    assert!(kept.made.into_inner().unwrap().is_empty());
    let offered: BTreeSet<String> = kept.offered.into_inner().unwrap().into_iter().collect();
    assert_eq!(offered, first.keys().cloned().collect());
}

#[test]
fn the_writer_keeps_a_page_only_while_its_inputs_and_its_file_match() {
    use vanban::site::Staging;
    let dir = tempfile::tempdir().unwrap();
    let (out, content) = (dir.path().join("public"), dir.path().join("content"));
    std::fs::create_dir(&content).unwrap();
    let page = |bytes: &str| Page {
        path: "a/b.html".into(),
        bytes: bytes.into(),
    };
    let read = || std::fs::read_to_string(out.join("a/b.html")).unwrap();

    let s = Staging::begin(&out, &content).unwrap();
    s.put_made(page("one"), 1).unwrap();
    s.finish().unwrap();

    // Same inputs: kept without being given again (the kept file's size is
    // given back); an unknown page is not.
    let s = Staging::begin(&out, &content).unwrap();
    assert_eq!(s.reuse("a/b.html", 1), Some(3));
    assert_eq!(s.reuse("c.html", 1), None);
    s.finish().unwrap();
    assert_eq!(read(), "one");

    // Other inputs: not kept.
    let s = Staging::begin(&out, &content).unwrap();
    assert_eq!(s.reuse("a/b.html", 2), None);
    s.put_made(page("two"), 2).unwrap();
    s.finish().unwrap();
    assert_eq!(read(), "two");

    // The file was changed since (same size): not kept.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(out.join("a/b.html"), "TWO").unwrap();
    let s = Staging::begin(&out, &content).unwrap();
    assert_eq!(s.reuse("a/b.html", 2), None);
}

#[test]
fn search_files_are_kept_while_what_they_are_made_from_is_unchanged() {
    let p = Project::new();
    twelve_articles(&p);
    // Two documents a chunk and small shards, so that there are several.
    let options = vanban::search::Options {
        chunk_size: 2,
        shard_bytes: 300,
        ..Default::default()
    };
    let index = |keep_all: bool| {
        record_with(&p, keep_all, |archive, _, recorder| {
            vanban::search::emit(archive, &options, recorder).unwrap()
        })
    };
    let first = index(false).made.into_inner().unwrap();
    let count = |prefix: &str| first.keys().filter(|k| k.starts_with(prefix)).count();
    assert!(count("search/d-") > 4, "{first:?}");
    assert!(count("search/s") > 4, "{first:?}");
    assert_eq!(index(false).made.into_inner().unwrap(), first);

    // One article gains a paragraph of words every article has: no term is
    // new, only their postings change. Its chunk is to be made again, and
    // the shards of those words, but not the others.
    append(&p, 3, "Đoạn hai của bài.\n");
    let second = index(false).made.into_inner().unwrap();
    assert_eq!(
        second.keys().collect::<Vec<_>>(),
        first.keys().collect::<Vec<_>>(),
        "no term is new"
    );
    let changed = |prefix: &str| {
        first
            .keys()
            .filter(|k| k.starts_with(prefix) && second.get(*k) != Some(&first[*k]))
            .count()
    };
    assert_eq!(changed("search/d-"), 1);
    assert!(changed("search/s") >= 1);
    assert!(changed("search/s") < count("search/s"));

    // A sink that keeps them all is offered each one and gets none made.
    let kept = index(true);
    assert!(kept.made.into_inner().unwrap().is_empty());
    let offered: BTreeSet<String> = kept.offered.into_inner().unwrap().into_iter().collect();
    assert_eq!(offered, first.keys().cloned().collect());
}

/// A sink that keeps, in memory, what it is given to keep across builds,
/// and counts what it was asked for and given in the last one.
#[derive(Default)]
struct Keeper {
    store: Mutex<HashMap<Inputs, Vec<u8>>>,
    found: Mutex<usize>,
    given: Mutex<usize>,
    pages: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Sink for Keeper {
    fn put(&self, page: Page) -> Result<(), SinkError> {
        self.pages.lock().unwrap().insert(page.path, page.bytes);
        Ok(())
    }
    fn reuses(&self) -> bool {
        true
    }
    fn kept(&self, key: Inputs) -> Option<Vec<u8>> {
        let found = self.store.lock().unwrap().get(&key).cloned();
        *self.found.lock().unwrap() += usize::from(found.is_some());
        found
    }
    fn keep(&self, key: Inputs, bytes: &[u8]) {
        *self.given.lock().unwrap() += 1;
        self.store.lock().unwrap().insert(key, bytes.to_vec());
    }
}

impl Keeper {
    /// Builds the search index of `p` with `options`; gives its files and
    /// how many blocks were found kept and how many made.
    fn index(
        &self,
        p: &Project,
        options: &vanban::search::Options,
    ) -> (BTreeMap<String, Vec<u8>>, usize, usize) {
        let (archive, _) = load(p);
        vanban::search::emit(&archive, options, self).unwrap();
        let pages = std::mem::take(&mut *self.pages.lock().unwrap());
        let found = std::mem::take(&mut *self.found.lock().unwrap());
        let given = std::mem::take(&mut *self.given.lock().unwrap());
        (pages, found, given)
    }
}

#[test]
fn search_postings_are_kept_by_block_and_made_again_only_where_documents_changed() {
    let p = Project::new();
    twelve_articles(&p);
    let options = vanban::search::Options {
        block_docs: 2,
        ..Default::default()
    };
    let fresh = |p: &Project| -> BTreeMap<String, Vec<u8>> {
        let (archive, _) = load(p);
        vanban::search::pages(&archive, &options)
            .into_iter()
            .map(|page| (page.path, page.bytes))
            .collect()
    };
    let keeper = Keeper::default();
    let (first, found, blocks) = keeper.index(&p, &options);
    assert_eq!(found, 0);
    assert!(blocks >= 6, "{blocks} blocks");
    assert!(first == fresh(&p));

    // Nothing changed: every block is taken from what was kept.
    let (again, found, given) = keeper.index(&p, &options);
    assert_eq!((found, given), (blocks, 0));
    assert!(again == first);

    // One article changed: its block is made again, and the index is the
    // one a build that keeps nothing makes.
    append(&p, 3, "Đoạn hai của bài, với từ mới: khởi nghiệp.\n");
    let (changed, found, given) = keeper.index(&p, &options);
    assert_eq!((found, given), (blocks - 1, 1));
    assert!(changed != first);
    assert!(changed == fresh(&p));
}

#[test]
fn a_directive_page_follows_a_cited_sentence_that_changed() {
    // Only a word before the mention changes, to one of the same length (so
    // no span moves): the directive page must quote the new sentence,
    // though its list of articles and the citations' places are the same.
    let p = Project::new();
    twelve_articles(&p);
    assert_eq!(p.build(&[]).code, 0);
    let site = p.public();
    // bai-03 cites Chỉ thị 4-CT/TW (twelve_articles: i % 5 + 1).
    let page = tree(&site)
        .into_iter()
        .find(|(path, bytes)| {
            path.starts_with("directives/")
                && String::from_utf8_lossy(bytes).contains("Đoạn một của bài 3,")
        })
        .map(|(path, _)| path)
        .expect("a directive page quotes bài 3");

    std::thread::sleep(std::time::Duration::from_millis(20));
    let source = p.content().join("bai-03.txt");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        text.replace("Đoạn một của bài 3,", "Đoạn mốt của bài 3,"),
    )
    .unwrap();
    assert_eq!(p.build(&[]).code, 0);
    let html = std::fs::read_to_string(site.join(&page)).unwrap();
    assert!(
        html.contains("Đoạn mốt của bài 3,"),
        "{page} kept the old sentence"
    );
    assert!(!html.contains("Đoạn một của bài 3,"));
    assert_same_as_fresh_build(&p);
}

#[test]
fn data_files_are_kept_while_their_rows_are_unchanged() {
    const DATA: [&str; 5] = [
        "data/articles.csv",
        "data/citations.csv",
        "data/directives.csv",
        "data/relations.csv",
        "data/archive.json",
    ];
    let p = Project::new();
    twelve_articles(&p);
    let first = record(&p, false).made.into_inner().unwrap();
    for file in DATA {
        assert!(first.contains_key(file), "{file} has no inputs");
    }

    // A paragraph that cites nothing changes no row: every file is kept.
    append(&p, 3, "Đoạn ba, không nhắc văn bản nào.\n");
    let second = record(&p, false).made.into_inner().unwrap();
    assert_ne!(second, first, "the article's own page changed");
    for file in DATA {
        assert_eq!(first[file], second[file], "{file}");
    }

    // A new citation changes the article's row, adds a citation row, and so
    // changes the JSON that holds both.
    append(&p, 3, "Đoạn bốn, quán triệt Kết luận số 21-KL/TW.\n");
    let third = record(&p, false).made.into_inner().unwrap();
    for file in [
        "data/articles.csv",
        "data/citations.csv",
        "data/directives.csv",
        "data/archive.json",
    ] {
        assert_ne!(second[file], third[file], "{file}");
    }

    // A build records the files' inputs beside the site, so that the next
    // one can keep them (else each would be written again, every time).
    assert_eq!(p.build(&[]).code, 0);
    let made = std::fs::read_to_string(p.root().join(".public.vanban-pages")).unwrap();
    for file in DATA {
        assert!(
            made.lines().any(|l| l.ends_with(&format!("\t{file}"))),
            "{file} not in the list of made files"
        );
    }

    // And a whole rebuild writes them as a fresh build would.
    append(&p, 5, "Đoạn năm, quán triệt Kết luận số 21-KL/TW.\n");
    assert_eq!(p.build(&[]).code, 0);
    let citations = std::fs::read_to_string(p.public().join("data/citations.csv")).unwrap();
    assert!(citations.contains("Đoạn năm, quán triệt"), "{citations}");
    assert_same_as_fresh_build(&p);
}
