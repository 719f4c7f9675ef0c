//! The torture corpus of issue 8: every kind of bad, odd or hostile file,
//! made here in a temporary folder, built by the real binary. For each case
//! the test checks the summary line, the exit code, the message, and that
//! the good articles beside it are built intact.

mod common;

use common::{is_root, pages_with, tree, Project};

/// A good article whose every page can be found by its `marker` word.
fn article(marker: &str) -> String {
    format!(
        "Bài {marker} về xây dựng Đảng\n\
         Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, chi bộ {marker} đã học tập nghiêm túc.\n\
         Đoạn thứ hai của bài {marker}.\n"
    )
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    bytes
}

/// Asserts that the article with `marker` has exactly one page, holding its
/// first and last paragraphs and a link for its citation.
fn assert_intact(p: &Project, marker: &str) {
    let pages = pages_with(&p.public(), &format!("Đoạn thứ hai của bài {marker}."));
    assert_eq!(pages.len(), 1, "{marker}: pages {pages:?}");
    let html =
        String::from_utf8(std::fs::read(p.public().join("articles").join(&pages[0])).unwrap())
            .unwrap();
    assert!(
        html.contains(&format!("chi bộ {marker} đã học tập")),
        "{marker}: body missing"
    );
    assert!(
        html.contains("Chỉ thị số 05-CT/TW của Bộ Chính trị</a>"),
        "{marker}: citation not linked"
    );
}

#[test]
fn every_file_is_accounted_for_and_good_ones_survive() {
    let p = Project::new();
    let nfd = |s: &str| unicode_nfd(s);
    // Good articles, each a different way.
    p.add("utf8.txt", article("alpha"));
    p.add(
        "bom.txt",
        [&b"\xEF\xBB\xBF"[..], article("beta").as_bytes()].concat(),
    );
    p.add("utf16le.txt", utf16(&article("gamma"), false));
    p.add("utf16be.txt", utf16(&article("delta"), true));
    p.add("crlf.txt", article("epsilon").replace('\n', "\r\n"));
    p.add("cr.txt", article("zeta").replace('\n', "\r"));
    p.add("nfd.txt", nfd(&article("eta")));
    p.add(
        "spaces.txt",
        article("theta").replace("Thực hiện", "Thực\u{A0}hiện\u{200B}"),
    );
    p.add("sub dir/tên có dấu.txt", article("iota"));
    p.add("with space.txt", article("kappa"));
    p.add("!!!.txt", article("lambda"));
    p.add(
        "deep/a/b/c/d.md",
        format!("+++\ntitle = \"Sâu\"\n+++\n{}", article("mu")),
    );
    // Windows-1258: "Nghị quyết" with combining tones, plus the article in ASCII.
    let mut cp1258 = b"Ngh\x69\xF2 quy\xEA\xECt m\xF4\xF2t\n".to_vec();
    cp1258.extend_from_slice(
        b"Thuc hien Chi thi so 05-CT/TW, chi bo omicron \xF0a\xCC hoc tap.\n\
          \xD0oa\xF2n th\xFD\xEC hai cua bai omicron.\n",
    );
    p.add("cp1258.txt", &cp1258);
    // Files that must be skipped, with why.
    p.add("empty.txt", "");
    p.add("blank.txt", " \r\n\t\u{A0}\u{200B}\n");
    p.add(".hidden.txt", article("hidden"));
    p.add("backup.txt~", article("backup"));
    p.add("#autosave.txt#", article("autosave"));
    p.add("edit.txt.swp", "swap");
    p.add(".git/config.txt", "not an article");
    p.add("photo.jpg", [0xFF, 0xD8, 0xFF, 0x00]);
    // Files that must fail, with why.
    p.add(
        "binary.txt",
        [b"PK\x03\x04\0\0\0\0".as_slice(), &[0u8; 64]].concat(),
    );
    p.add(
        "latin1.txt",
        b"Gr\xF6\xDFe \xFCber \xC4pfel und \xF1 \xE4\xE4\xE4\n",
    );
    p.add(
        "bad-front.md",
        "+++\ntitle = \"x\"\ndate = = 3\n+++\nThân bài.\n",
    );
    p.add("unclosed-front.md", "+++\ntitle = \"x\"\nThân bài.\n");
    let unreadable = p.add("secret.txt", article("secret"));
    std::os::unix::fs::PermissionsExt::set_mode(
        &mut std::fs::metadata(&unreadable).unwrap().permissions(),
        0o000,
    );
    std::fs::set_permissions(
        &unreadable,
        std::os::unix::fs::PermissionsExt::from_mode(0o000),
    )
    .unwrap();
    // Links: to a file (read), to a folder and a loop (not followed), broken.
    std::fs::write(p.root().join("outside.txt"), article("nu")).unwrap();
    std::os::unix::fs::symlink("../outside.txt", p.content().join("link.txt")).unwrap();
    std::os::unix::fs::symlink(".", p.content().join("loop")).unwrap();
    std::os::unix::fs::symlink("..", p.content().join("deep/a/up")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", p.content().join("broken.txt")).unwrap();

    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    let c = p.content();
    let line = |rel: &str| run.line_with(&c.join(rel).display().to_string());

    // Every good article is built intact.
    for m in [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
        "lambda", "mu",
    ] {
        assert_intact(&p, m);
    }
    // NFD input is published in NFC.
    let eta = tree(&p.public().join("articles"))
        .into_values()
        .map(|b| String::from_utf8(b).unwrap())
        .find(|h| h.contains("bài eta"))
        .unwrap();
    assert!(eta.contains("Đoạn thứ hai của bài eta."));
    assert!(!eta.contains(&nfd("Đoạn thứ hai")));
    // CRLF files: paragraphs come out as separate blocks whose text holds
    // no line-end characters (lone CR: see `lone_cr_line_ends_split_paragraphs`).
    {
        let m = "epsilon";
        let page = pages_with(&p.public(), &format!("bài {m}")).pop().unwrap();
        let html = std::fs::read_to_string(p.public().join("articles").join(page)).unwrap();
        assert!(
            html.contains(&format!("<p>Đoạn thứ hai của bài {m}.</p>")),
            "{m}"
        );
    }
    // No-break spaces stay as they were (no mangling); a zero-width space,
    // which no reader sees and which splits words for the grammar, goes.
    assert_eq!(pages_with(&p.public(), "Thực\u{A0}hiện").len(), 1);
    assert_eq!(pages_with(&p.public(), "\u{200B}").len(), 0);
    // Windows-1258 is decoded, composed, and named in the summary.
    assert_eq!(
        line("cp1258.txt"),
        format!(
            "decoded {} from windows-1258",
            c.join("cp1258.txt").display()
        )
    );
    assert_eq!(pages_with(&p.public(), "Nghị quyết một").len(), 1);
    assert_eq!(
        pages_with(&p.public(), "Đoạn thứ hai cua bai omicron.").len(),
        1
    );
    assert_eq!(
        line("utf16le.txt"),
        format!("decoded {} from UTF-16LE", c.join("utf16le.txt").display())
    );
    assert_eq!(
        line("utf16be.txt"),
        format!("decoded {} from UTF-16BE", c.join("utf16be.txt").display())
    );
    assert!(!run
        .all()
        .contains(&format!("{} from", c.join("bom.txt").display())));

    // Skipped, each with its reason.
    for (rel, why) in [
        ("empty.txt", "empty file (nothing but white space)"),
        ("blank.txt", "empty file (nothing but white space)"),
        (".hidden.txt", "hidden file or editor backup"),
        ("backup.txt~", "hidden file or editor backup"),
        ("#autosave.txt#", "hidden file or editor backup"),
        ("edit.txt.swp", "hidden file or editor backup"),
        (".git", "hidden folder, not entered"),
        ("photo.jpg", "not a .txt or .md file"),
        ("loop", "symbolic link to a folder, not followed"),
        ("deep/a/up", "symbolic link to a folder, not followed"),
    ] {
        let l = line(rel);
        assert!(l.starts_with("skipped "), "{rel}: {l}");
        assert!(l.ends_with(why), "{rel}: {l}");
    }
    assert!(
        !run.all().contains("config.txt"),
        "a hidden folder is not entered"
    );
    // Failed, each with its reason (and the line, for front matter).
    let l = line("binary.txt");
    assert!(
        l.starts_with("failed ") && l.contains("binary file (a NUL byte at offset 4"),
        "{l}"
    );
    let l = line("latin1.txt");
    assert!(
        l.contains("neither UTF-8") && l.contains("windows-1258"),
        "{l}"
    );
    let l = line("bad-front.md");
    assert!(
        l.contains(&format!(
            "{}:3: front matter:",
            c.join("bad-front.md").display()
        )),
        "{l}"
    );
    let l = line("unclosed-front.md");
    assert!(
        l.contains(":1: front matter opened with `+++` is never closed"),
        "{l}"
    );
    let l = line("broken.txt");
    assert!(
        l.starts_with("failed ") && l.contains("broken symbolic link"),
        "{l}"
    );
    // A link to a file is read under its own name.
    assert!(!run
        .all()
        .contains(&c.join("link.txt").display().to_string()));
    assert_intact(&p, "nu");
    let readable_anyway = is_root();
    if readable_anyway {
        eprintln!("note: running as root, where chmod 000 does not stop reads; not asserting secret.txt fails");
    } else {
        let l = line("secret.txt");
        assert!(l.starts_with("failed ") && l.contains("cannot read"), "{l}");
    }

    // The counts: 14 built (+ secret.txt as root), 10 skipped, 6 failed.
    let (built, failed) = if readable_anyway { (15, 5) } else { (14, 6) };
    let found = built + 10 + failed;
    let summary = run.line_with("files: ");
    assert_eq!(
        summary,
        format!(
            "files: {found} found, {built} built (1 from UTF-16BE, 1 from UTF-16LE, 1 from windows-1258), 10 skipped, {failed} failed"
        )
    );
    let built_line = run.line_with("Built ");
    assert!(
        built_line.contains(&format!("Built {built} articles")),
        "{built_line}"
    );
    assert!(
        built_line.contains(&format!("10 files skipped, {failed} failed")),
        "{built_line}"
    );

    // --strict: the same build exits 1 because files failed.
    let strict = p.build(&["--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.all());
    assert!(p.public().join("index.html").is_file());
}

#[test]
fn lone_cr_line_ends_split_paragraphs() {
    let p = Project::new();
    p.add("cr.txt", article("zeta").replace('\n', "\r"));
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    let page = pages_with(&p.public(), "bài zeta").pop().unwrap();
    let html = std::fs::read_to_string(p.public().join("articles").join(page)).unwrap();
    assert!(html.contains("<p>Đoạn thứ hai của bài zeta.</p>"), "{html}");
    assert!(!html.contains('\r'));
}

#[test]
fn strict_is_quiet_when_nothing_failed() {
    let p = Project::new();
    p.add("a.txt", article("alpha"));
    p.add("empty.txt", "");
    let run = p.build(&["--strict"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        run.line_with("files: "),
        "files: 2 found, 1 built, 1 skipped, 0 failed"
    );
}

fn unicode_nfd(s: &str) -> String {
    // Decomposes the Vietnamese letters used in the tests, by table, so the
    // test does not use the code under test to make its input.
    let mut out = String::new();
    for c in s.chars() {
        match c {
            'ạ' => out.push_str("a\u{0323}"),
            'à' => out.push_str("a\u{0300}"),
            'ự' => out.push_str("u\u{031B}\u{0323}"),
            'ứ' => out.push_str("u\u{031B}\u{0301}"),
            'ệ' => out.push_str("e\u{0302}\u{0323}"),
            'ỉ' => out.push_str("i\u{0309}"),
            'ị' => out.push_str("i\u{0323}"),
            'ố' => out.push_str("o\u{0302}\u{0301}"),
            'ộ' => out.push_str("o\u{0302}\u{0323}"),
            'ọ' => out.push_str("o\u{0323}"),
            'ậ' => out.push_str("a\u{0302}\u{0323}"),
            'ã' => out.push_str("a\u{0303}"),
            'ả' => out.push_str("a\u{0309}"),
            'ê' => out.push_str("e\u{0302}"),
            'ă' => out.push_str("a\u{0306}"),
            'ơ' => out.push_str("o\u{031B}"),
            'ư' => out.push_str("u\u{031B}"),
            'â' => out.push_str("a\u{0302}"),
            'ô' => out.push_str("o\u{0302}"),
            'ú' => out.push_str("u\u{0301}"),
            'í' => out.push_str("i\u{0301}"),
            c => out.push(c),
        }
    }
    out
}

/// Builds a project with one 50 MB file of a single line made of `chunk`
/// repeated, beside a small article, and checks both come out whole.
fn fifty_mb_single_line(chunk: &str) {
    let p = Project::new();
    p.add("small.txt", article("alpha"));
    let mut big = String::with_capacity(50 * 1024 * 1024 + chunk.len() + 64);
    big.push_str("Bài rất dài theo Chỉ thị 05-CT/TW ");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(chunk);
    }
    big.push_str("kết thúc bài lớn, nhắc lại Chỉ thị 05-CT/TW.");
    p.add("big.txt", &big);
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        run.line_with("files: "),
        "files: 2 found, 2 built, 0 skipped, 0 failed"
    );
    assert_intact(&p, "alpha");
    let page = pages_with(&p.public(), "kết thúc bài lớn, nhắc lại");
    assert_eq!(page.len(), 1);
    // The title is cut short: list pages do not carry 50 MB each.
    let index = std::fs::metadata(p.public().join("index.html"))
        .unwrap()
        .len();
    assert!(index < 1024 * 1024, "index.html is {index} bytes");
}

#[test]
fn a_50_mb_single_line_file_is_built() {
    // Mostly ASCII (unaccented Vietnamese, as some portals scrape it), a
    // citation at each end: reading, cleaning, linking and writing 50 MB on
    // one line, at debug-build speed.
    fifty_mb_single_line("xay dung Dang trong sach vung manh, hoc tap va lam theo, ");
}

#[test]
#[ignore = "slow in a debug build; scripts/ci/robust.sh runs it in release"]
fn a_50_mb_single_line_vietnamese_file_is_built() {
    fifty_mb_single_line("xây dựng Đảng trong sạch vững mạnh, học tập và làm theo, ");
}

#[test]
#[ignore = "slow in a debug build; scripts/ci/robust.sh runs it in release"]
fn a_50_mb_single_line_dense_with_citations_is_built() {
    fifty_mb_single_line("xay dung Dang trong sach vung manh theo Chi thi 05-CT/TW, ");
}

#[test]
fn ten_thousand_files_in_nested_folders() {
    let p = Project::new();
    for i in 0..10_000 {
        let rel = format!("{:02}/{:02}/bai-{i:05}.txt", i % 17, i % 23);
        p.add(
            &rel,
            format!("Bài số {i}\nNội dung riêng của bài số {i}, nhắc Chỉ thị 05-CT/TW.\n"),
        );
    }
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        run.line_with("files: "),
        "files: 10000 found, 10000 built, 0 skipped, 0 failed"
    );
    assert_eq!(tree(&p.public().join("articles")).len(), 10_000);
    assert_eq!(
        pages_with(&p.public(), "Nội dung riêng của bài số 9999,").len(),
        1
    );
    assert!(!tree(&p.public().join("directives")).is_empty());
}

#[test]
fn same_titles_get_distinct_slugs_whatever_the_order() {
    let title = "Hội nghị học tập Chỉ thị 05-CT/TW";
    let one = Project::new();
    one.add("b.txt", format!("{title}\nBài bê.\n"));
    one.add("a.txt", format!("{title}\nBài a.\n"));
    assert_eq!(one.build(&[]).code, 0);
    let slug_of = |p: &Project, needle: &str| {
        let mut pages = pages_with(&p.public(), needle);
        assert_eq!(pages.len(), 1, "{needle}: {pages:?}");
        pages.pop().unwrap()
    };
    let (a1, b1) = (slug_of(&one, "Bài a."), slug_of(&one, "Bài bê."));
    assert_ne!(a1, b1);
    assert!(a1.starts_with("hoi-nghi-hoc-tap-chi-thi-05-ct-tw"), "{a1}");
    // Written in the other order, with a third namesake read before them:
    // the first two keep their slugs.
    let two = Project::new();
    two.add("0.txt", format!("{title}\nBài không.\n"));
    two.add("a.txt", format!("{title}\nBài a.\n"));
    two.add("b.txt", format!("{title}\nBài bê.\n"));
    assert_eq!(two.build(&[]).code, 0);
    assert_eq!(slug_of(&two, "Bài a."), a1);
    assert_eq!(slug_of(&two, "Bài bê."), b1);
    assert_eq!(tree(&two.public().join("articles")).len(), 3);
}

#[test]
fn a_front_matter_slug_cannot_leave_the_output() {
    let p = Project::new();
    p.add(
        "evil.md",
        "+++\ntitle = \"Evil\"\nslug = \"../../../escaped\"\n+++\nThân bài evil.\n",
    );
    p.add(
        "abs.md",
        "+++\ntitle = \"Abs\"\nslug = \"/tmp/abs\"\n+++\nThân bài abs.\n",
    );
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    // Nothing appeared outside public/ (the project holds only what we made).
    let mut names: Vec<String> = std::fs::read_dir(p.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".public.vanban-articles",
            ".public.vanban-kept",
            ".public.vanban-pages",
            "content",
            "public",
            "site.toml"
        ]
    );
    assert!(!p.root().parent().unwrap().join("escaped.html").exists());
    assert_eq!(pages_with(&p.public(), "Thân bài evil.").len(), 1);
    assert_eq!(pages_with(&p.public(), "Thân bài abs.").len(), 1);
}

#[test]
fn a_broken_site_toml_names_file_line_and_expectation() {
    let p = Project::new();
    p.add("a.txt", article("alpha"));
    p.set_config("title = \"Thử\"\ncontent = \"content\"\noutput = = \"public\"\n");
    let run = p.build(&[]);
    assert_eq!(run.code, 2, "{}", run.all());
    let l = run.line_with("site.toml");
    assert!(l.starts_with("error: "), "{l}");
    assert!(run.stderr.contains("line 3"), "{}", run.stderr);
    assert!(!p.public().exists());
    // A misspelt key names the key.
    p.set_config("title = \"Thử\"\ncontnet = \"content\"\n");
    let run = p.build(&[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("contnet"), "{}", run.stderr);
}

#[test]
fn a_broken_template_names_file_and_line() {
    let p = Project::new();
    p.add("a.txt", article("alpha"));
    std::fs::create_dir(p.root().join("templates")).unwrap();
    std::fs::write(
        p.root().join("templates/article.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title \n{% endblock content %}\n",
    )
    .unwrap();
    let run = p.build(&[]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("article.html"), "{}", run.stderr);
    // Tera points at line 4, where `}}` was expected, and says what it expected.
    assert!(
        run.stderr.contains("--> article.html:4:1"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("expected"), "{}", run.stderr);
    assert!(!p.public().exists(), "no half site is written");
}

#[test]
fn output_folders_vanban_did_not_make_are_refused() {
    let p = Project::new();
    p.add("a.txt", article("alpha"));
    let refused = |output: &std::path::Path, why: &str| {
        let run = p.build(&["--output", &output.display().to_string()]);
        assert_eq!(run.code, 2, "{}: {}", output.display(), run.all());
        let l = run.line_with("refusing to write the site into");
        assert!(l.contains(why), "{}: {l}", output.display());
    };
    // Someone's folder with files in it: refused and untouched.
    let theirs = p.root().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("thesis.doc"), "years of work").unwrap();
    refused(&theirs, "not empty and has no .vanban-site marker");
    assert_eq!(
        std::fs::read(theirs.join("thesis.doc")).unwrap(),
        b"years of work"
    );
    refused(&p.content(), "it is the content folder");
    refused(p.root(), "it contains the content folder");
    refused(&p.content().join("site"), "inside the content folder");
    refused(std::path::Path::new("/"), "root of the file system");
    // The project root (holding site.toml) when the content is elsewhere.
    let other = Project::new();
    other.add("b.txt", article("beta"));
    let run = other.build(&[
        "--content",
        &p.content().display().to_string(),
        "--output",
        &other.root().display().to_string(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.all().contains("holds site.toml"), "{}", run.all());
    // The home folder.
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(".bashrc"), "x").unwrap();
    let run: common::Run = p
        .command(&["--output", &home.path().display().to_string()])
        .env("HOME", home.path())
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2);
    assert!(
        run.all().contains("it is your home folder"),
        "{}",
        run.all()
    );
    // A symbolic link in place of the output.
    std::os::unix::fs::symlink(&theirs, p.root().join("link")).unwrap();
    refused(&p.root().join("link"), "symbolic link");
    assert!(!p.public().exists());
    // An empty folder is fine, and then holds the marker.
    let empty = p.root().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let run = p.build(&["--output", &empty.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(empty.join(".vanban-site").is_file());
}

#[test]
fn cleaning_never_follows_links_out_of_the_output() {
    let p = Project::new();
    p.add("a.txt", article("alpha"));
    assert_eq!(p.build(&[]).code, 0);
    // Someone plants links inside the built site, to a folder and a file of theirs.
    let precious = p.root().join("precious");
    std::fs::create_dir(&precious).unwrap();
    std::fs::write(precious.join("keep.txt"), "keep me").unwrap();
    std::os::unix::fs::symlink(&precious, p.public().join("link-dir")).unwrap();
    std::os::unix::fs::symlink(precious.join("keep.txt"), p.public().join("link-file")).unwrap();
    // And replaces the articles folder by a link to theirs.
    std::fs::rename(p.public().join("articles"), p.root().join("moved")).unwrap();
    std::os::unix::fs::symlink(&precious, p.public().join("articles")).unwrap();
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        std::fs::read(precious.join("keep.txt")).unwrap(),
        b"keep me"
    );
    assert_eq!(std::fs::read_dir(&precious).unwrap().count(), 1);
    assert!(!p.public().join("link-dir").exists());
    assert!(p.public().join("articles").is_dir());
    assert!(!std::fs::symlink_metadata(p.public().join("articles"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_intact(&p, "alpha");
}

/// A few hundred generated articles citing a handful of directives.
fn generated_corpus(p: &Project, n: usize) {
    for i in 0..n {
        let title = if i % 50 == 0 {
            "Tiêu đề trùng".to_string()
        } else {
            format!("Bài {i}")
        };
        p.add(
            &format!("{}/bai-{i}.txt", i % 7),
            format!(
                "{title}\nĐoạn một của bài {i} nhắc Chỉ thị {}-CT/TW và Kết luận {}-KL/TW.\n\
                 Đoạn hai: Nghị quyết số {}-NQ/TW.\n",
                i % 13 + 1,
                i % 5 + 1,
                i % 3 + 20
            ),
        );
    }
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let p = Project::new();
    generated_corpus(&p, 300);
    let build_with = |threads: &str| {
        let run: common::Run = p
            .command(&[])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap()
            .into();
        assert_eq!(run.code, 0, "{}", run.all());
        tree(&p.public())
    };
    let one = build_with("1");
    assert!(one.len() > 300, "{} files", one.len());
    let two = build_with("2");
    let again = build_with("2");
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (k, v) in &one {
        assert!(two[k] == *v, "{k} differs between 1 and 2 threads");
        assert!(again[k] == *v, "{k} differs between two runs");
    }
}

#[test]
fn output_does_not_depend_on_the_order_files_were_created() {
    // Directory listing order follows creation order on many file systems:
    // the same corpus created forwards and backwards must give the same site.
    let forwards = Project::new();
    generated_corpus(&forwards, 120);
    let backwards = Project::new();
    let files = tree(&forwards.content());
    for (rel, bytes) in files.iter().rev() {
        backwards.add(rel, bytes);
    }
    assert_eq!(forwards.build(&[]).code, 0);
    assert_eq!(backwards.build(&[]).code, 0);
    let (a, b) = (tree(&forwards.public()), tree(&backwards.public()));
    assert_eq!(a.len(), b.len());
    for (k, v) in &a {
        // Pages name no absolute path, so they compare byte for byte.
        assert!(b.get(k) == Some(v), "{k} differs");
    }
}
