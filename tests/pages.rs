//! Issue 5, pages worth reading: every page kind, every link, the
//! directive ↔ article round trip, relations, pagination, prev/next and
//! province pages, built through the library API into a temporary folder.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;
use vanban::archive::{Archive, RelationKind};
use vanban::config::SiteConfig;
use vanban::refs::registry::Registry;
use vanban::{pipeline, render, site};

/// A built site: its folder (kept alive by the temp dir) and its archive.
struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
    archive: Archive,
}

impl Built {
    /// A page's HTML, with Tera's `&#x2F;` read back as `/`.
    fn page(&self, rel: &str) -> String {
        read(&self.out.join(rel))
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .replace("&#x2F;", "/")
}

/// Builds `content` with the configuration `config_text`.
fn build_with(config_text: &str, content: &Path) -> Built {
    let mut config = SiteConfig::parse(config_text, Path::new("test.toml")).unwrap();
    config.content = content.to_path_buf();
    let (registry, _) = Registry::new(&config.registry);
    let (archive, report) = pipeline::load(&[content.to_path_buf()], &config, &registry);
    assert_eq!(report.failed(), 0);
    let templates = render::load_templates(Path::new("templates")).unwrap();
    let pages = render::render_site(&archive, &config, &templates).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    site::write(&out, content, &pages).unwrap();
    Built {
        _dir: dir,
        out,
        archive,
    }
}

/// The samples, with provinces and sources from seeds-meta.tsv.
fn seeds() -> Built {
    build_with(include_str!("fixtures/pages-site.toml"), Path::new("seeds"))
}

/// The samples with the project's own site.toml: provinces must come from
/// the text itself.
fn seeds_plain() -> Built {
    build_with(include_str!("../site.toml"), Path::new("seeds"))
}

/// Writes made-up Markdown articles (file name, front matter, body) into
/// a temporary content folder.
fn content(articles: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in articles {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn md(title: &str, date: Option<&str>, province: Option<&str>, body: &str) -> String {
    let mut fm = format!("title = \"{title}\"\n");
    if let Some(d) = date {
        fm.push_str(&format!("date = {d}\n"));
    }
    if let Some(p) = province {
        fm.push_str(&format!("province = \"{p}\"\n"));
    }
    format!("+++\n{fm}+++\n\n{body}\n")
}

const PLAIN_CONFIG: &str = "title = \"Thử\"\n";

/// Every `.html` file of the site, relative to it.
fn html_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(root) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "html") {
            let rel = e.path().strip_prefix(root).unwrap();
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out.sort();
    out
}

/// Values of every `href`, `xlink:href` and `src` attribute.
fn links(html: &str) -> Vec<String> {
    let re = Regex::new(r#"(?:\s|:)(?:href|src)="([^"]*)""#).unwrap();
    re.captures_iter(html)
        .map(|c| c[1].replace("&amp;", "&"))
        .collect()
}

/// Every `id` in a page.
fn ids(html: &str) -> BTreeSet<String> {
    let re = Regex::new(r#"\sid="([^"]*)""#).unwrap();
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// `href` resolved against the folder of page `from` (both site-relative):
/// the target file and its fragment.
fn resolve(from: &str, href: &str) -> (String, Option<String>) {
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return (from.to_string(), frag);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    (parts.join("/"), frag)
}

/// Checks every internal link of every page; returns the number checked.
fn check_links(root: &Path) -> usize {
    let pages = html_files(root);
    let mut id_cache: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut checked = 0;
    for page in &pages {
        let html = read(&root.join(page));
        for href in links(&html) {
            assert!(
                !href.starts_with('/'),
                "{page}: root-absolute link {href:?}"
            );
            assert!(
                !href.contains("://") && !href.starts_with("mailto:"),
                "{page}: external link {href:?}"
            );
            let (target, frag) = resolve(page, &href);
            let file = root.join(&target);
            assert!(
                file.is_file(),
                "{page}: link {href:?} → {target} is not a file"
            );
            if let Some(f) = frag {
                let ids = id_cache
                    .entry(target.clone())
                    .or_insert_with(|| ids(&read(&file)));
                assert!(
                    ids.contains(&f),
                    "{page}: link {href:?}: no id {f:?} in {target}"
                );
            }
            checked += 1;
        }
    }
    checked
}

/// `(id, href)` of every citation link of an article page.
fn citation_links(html: &str) -> Vec<(String, String)> {
    let re = Regex::new(r#"<a class="cite[^"]*" id="(c\d+)" href="([^"]*)""#).unwrap();
    re.captures_iter(html)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect()
}

#[test]
fn every_page_kind_exists() {
    let b = seeds();
    for rel in [
        "index.html",
        "404.html",
        ".nojekyll",
        "static/style.css",
        "articles.html",
        "articles-by-province.html",
        "articles-by-source.html",
        "directives.html",
        "directives-by-level.html",
        "directives-by-year.html",
        "directives-most-cited.html",
        "directives/22-nq-tw-2008.html",
        "directives/26-ct-tu-hoa-binh.html",
        "provinces/bac-kan.html",
        "provinces/lai-chau.html",
        "provinces/hoa-binh.html",
        "provinces/vinh-phuc.html",
    ] {
        assert!(b.out.join(rel).is_file(), "missing {rel}");
    }
    let articles = fs::read_dir(b.out.join("articles")).unwrap().count();
    assert_eq!(articles, 5);
}

#[test]
fn every_internal_link_resolves() {
    let b = seeds();
    assert!(check_links(&b.out) > 100);
}

#[test]
fn every_internal_link_resolves_without_provinces() {
    let b = seeds_plain();
    assert!(check_links(&b.out) > 50);
}

#[test]
fn citation_links_and_cited_in_links_meet() {
    let b = seeds();
    let mut seen = 0;
    for page in html_files(&b.out.join("articles")) {
        let article = format!("articles/{page}");
        let html = b.page(&article);
        for (id, href) in citation_links(&html) {
            let (target, frag) = resolve(&article, &href);
            assert!(target.starts_with("directives/"), "{article}#{id} → {href}");
            assert_eq!(frag, None);
            // The directive page links back to exactly this citation.
            let back = format!("../{article}#{id}");
            let directive = b.page(&target);
            assert!(
                directive.contains(&format!("href=\"{back}\"")),
                "{target} does not link back to {back}"
            );
            seen += 1;
        }
    }
    assert_eq!(seen, b.archive.citation_count());

    // And every "read in the article" link of a directive page lands on a
    // citation link that leads back to that directive page.
    let jump = Regex::new(r#"<a class="jump" href="([^"]*)""#).unwrap();
    for page in html_files(&b.out.join("directives")) {
        let directive = format!("directives/{page}");
        let html = b.page(&directive);
        for c in jump.captures_iter(&html) {
            let (target, frag) = resolve(&directive, &c[1]);
            let frag = frag.expect("a cited-in link names its citation");
            let article = b.page(&target);
            let cites = citation_links(&article);
            let (_, href) = cites
                .iter()
                .find(|(id, _)| *id == frag)
                .unwrap_or_else(|| panic!("{target} has no citation {frag}"));
            assert_eq!(resolve(&target, href).0, directive);
        }
    }
}

#[test]
fn seeds_22_nq_tw_lists_bac_kan_and_lai_chau() {
    let b = seeds();
    let html = b.page("directives/22-nq-tw-2008.html");
    assert!(html.contains("Bắc Kạn"));
    assert!(html.contains("Lai Châu"));
    assert!(html.contains(
        "<mark>Nghị quyết số 22-NQ/TW ngày 02/02/2008 của Ban Chấp hành Trung ương</mark>"
    ));
    assert!(html.contains("Tiếp tục tham mưu thực hiện tốt"));
}

#[test]
fn seeds_relations_from_the_text() {
    let b = seeds();
    let has = |from: &str, to: &str| {
        b.archive
            .relations
            .iter()
            .any(|r| r.from == from && r.to == to && r.kind == RelationKind::Implements)
    };
    assert!(has("81-KH/TU@bac-kan#2017", "18-KL/TW#2017"));
    assert!(has("3-KH/TW#2021", "21-KL/TW#2021"));
    assert!(has("90-KH/TU@hoa-binh#2022", "21-KL/TW#2021"));
    assert!(has("18-KL/TW#2017", "10-CT/TW#2007"));
    let page = b.page("directives/18-kl-tw-2017.html");
    assert!(page.contains("href=\"../directives/81-kh-tu-bac-kan-2017.html\""));
    assert!(page.contains("href=\"../directives/10-ct-tw-2007.html\""));
    // The quote is the clause after `;`, marked as cut.
    assert!(page.contains("<blockquote>…ban hành Kế hoạch số 81-KH/TU"));
}

#[test]
fn seeds_from_text_alone_22_nq_tw_lists_bac_kan_and_lai_chau() {
    let b = seeds_plain();
    let html = b.page("directives/22-nq-tw-2008.html");
    assert!(html.contains("href=\"../provinces/bac-kan.html\""));
    assert!(html.contains("href=\"../provinces/lai-chau.html\""));
    // Both sentences, each with its mention marked.
    assert!(html.contains("Tiếp tục tham mưu thực hiện tốt"));
    assert!(html.contains("nêu trong"));
    assert!(html.matches("<mark>").count() >= 3);
}

#[test]
fn seeds_from_text_alone_relations() {
    let b = seeds_plain();
    let has = |from: &str, to: &str| {
        b.archive
            .relations
            .iter()
            .any(|r| r.from == from && r.to == to)
    };
    assert!(has("81-KH/TU@bac-kan#2017", "18-KL/TW#2017"));
    assert!(has("3-KH/TW#2021", "21-KL/TW#2021"));
}

#[test]
fn directive_page_sorts_newest_first_undated_last_and_paginates() {
    // 450 articles cite one resolution: 3 pages of at most 200.
    let mut arts = Vec::new();
    for i in 0..450 {
        let date = (i % 3 != 0).then(|| format!("20{:02}-01-{:02}", 10 + i % 12, 1 + i % 28));
        arts.push((
            format!("a{i:03}.md"),
            md(
                &format!("Bài số {i}"),
                date.as_deref(),
                None,
                &format!("Câu thứ {i} nhắc Nghị quyết số 22-NQ/TW về xây dựng tổ chức cơ sở đảng."),
            ),
        ));
    }
    let dir = content(&arts);
    let b = build_with(PLAIN_CONFIG, dir.path());
    let p1 = b.page("directives/22-nq-tw-2008.html");
    let p2 = b.page("directives/22-nq-tw-2008--2.html");
    let p3 = b.page("directives/22-nq-tw-2008--3.html");
    assert!(!b.out.join("directives/22-nq-tw-2008--4.html").exists());
    assert!(p1.contains("href=\"22-nq-tw-2008--2.html\""));
    assert!(p3.contains("href=\"22-nq-tw-2008--2.html\""));
    check_links(&b.out);

    // The dates of the listed articles, page after page: never increasing,
    // undated (150 of them) only at the end.
    let date =
        Regex::new(r#"<p class="meta">(\d\d)/(\d\d)/(\d{4})|<p class="meta">(Chưa rõ ngày đăng)"#)
            .unwrap();
    let mut listed: Vec<Option<(String, String, String)>> = Vec::new();
    for page in [&p1, &p2, &p3] {
        for c in date.captures_iter(page) {
            listed.push(
                c.get(1)
                    .map(|_| (c[3].to_string(), c[2].to_string(), c[1].to_string())),
            );
        }
    }
    assert_eq!(listed.len(), 450);
    let first_undated = listed.iter().position(Option::is_none).unwrap();
    assert_eq!(first_undated, 300);
    assert!(listed[300..].iter().all(Option::is_none));
    let dated: Vec<_> = listed[..300].iter().flatten().collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "not newest first");
    // 200 per page.
    assert_eq!(p1.matches("<li>\n  <h3>").count(), 200);
    assert_eq!(p3.matches("<li>\n  <h3>").count(), 50);
}

#[test]
fn article_page_side_list_and_neighbours() {
    let dir = content(&[
        (
            "a.md".into(),
            md(
                "Bài cũ",
                Some("2019-05-01"),
                Some("Bắc Kạn"),
                "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.",
            ),
        ),
        (
            "b.md".into(),
            md(
                "Bài giữa",
                Some("2020-05-01"),
                Some("Bắc Kạn"),
                "Kế hoạch số 81-KH/TU ngày 08/12/2017 về thực hiện Kết luận số 18-KL/TW; Chỉ thị số 05-CT/TW vẫn được quán triệt.",
            ),
        ),
        (
            "c.md".into(),
            md(
                "Bài mới",
                Some("2021-05-01"),
                Some("Lai Châu"),
                "Chỉ thị số 05-CT/TW và Kết luận số 18-KL/TW.",
            ),
        ),
    ]);
    let b = build_with(PLAIN_CONFIG, dir.path());
    let mid = b.page("articles/bai-giua.html");
    assert!(mid.contains("href=\"bai-cu.html\" rel=\"prev\""));
    assert!(mid.contains("href=\"bai-moi.html\" rel=\"next\""));
    let old = b.page("articles/bai-cu.html");
    assert!(!old.contains("rel=\"prev\""));
    // The side list: kind, and how many OTHER articles cite each.
    let side = mid.split("<aside").nth(1).unwrap();
    assert!(side.contains("Chỉ thị · 2 bài viết khác trích dẫn"));
    assert!(side.contains("Kế hoạch · chỉ bài này trích dẫn"));
    assert!(side.contains("Kết luận · 1 bài viết khác trích dẫn"));

    // The relation, and the co-citation ranking (05-CT/TW is cited with
    // 18-KL/TW in two articles, with 81-KH/TU in one).
    assert!(b
        .archive
        .relations
        .iter()
        .any(|r| r.from == "81-KH/TU@bac-kan#2017" && r.to == "18-KL/TW#2017"));
    assert!(!b.archive.relations.iter().any(|r| r.to == "5-CT/TW#2016"));
    let index = |key: &str| b.archive.by_key[key];
    let co = &b.archive.co_cited.top[index("5-CT/TW#2016")];
    assert_eq!(co[0], (index("18-KL/TW#2017"), 2));
    let d = b.page("directives/18-kl-tw-2017.html");
    assert!(d.contains("Được triển khai, thực hiện bởi"));
    assert!(d.contains("href=\"../directives/81-kh-tu-bac-kan-2017.html\""));
    let plan = b.page("directives/81-kh-tu-bac-kan-2017.html");
    assert!(plan.contains("Văn bản này triển khai, thực hiện"));
    assert!(plan.contains("href=\"../provinces/bac-kan.html\""));

    // The province pages: their articles, their own directives, a chart.
    let bk = b.page("provinces/bac-kan.html");
    assert!(bk.contains("href=\"../articles/bai-cu.html\""));
    assert!(bk.contains("href=\"../articles/bai-giua.html\""));
    assert!(!bk.contains("href=\"../articles/bai-moi.html\""));
    assert!(bk.contains("<svg"));
    let own = bk.split("id=\"own-h\"").nth(1).unwrap();
    assert!(own.contains("href=\"../directives/81-kh-tu-bac-kan-2017.html\""));
    let lc = b.page("provinces/lai-chau.html");
    assert!(!lc.contains("id=\"own-h\""));

    // Year index and issuer-level index place them.
    let level = b.page("directives-by-level.html");
    assert!(level.contains("id=\"trung-uong\""));
    assert!(level.contains("id=\"tinh-bac-kan\""));
    check_links(&b.out);
}

#[test]
fn charts_have_text_alternatives() {
    let dir = content(&[
        (
            "a.md".into(),
            md("Một", Some("2019-05-01"), None, "Chỉ thị số 05-CT/TW."),
        ),
        (
            "b.md".into(),
            md("Hai", Some("2021-05-01"), None, "Chỉ thị số 05-CT/TW."),
        ),
    ]);
    let b = build_with(PLAIN_CONFIG, dir.path());
    let home = b.page("index.html");
    assert_eq!(home.matches("<svg").count(), 2);
    assert_eq!(home.matches("<table class=\"vh\">").count(), 2);
    // Years without articles are on the axis, as zeros.
    assert!(home.contains("<th scope=\"row\">2020</th><td>0</td>"));
    let d = b.page("directives/5-ct-tw-2016.html");
    assert!(d.contains("role=\"img\" aria-labelledby=\"chart-years-t\""));
    assert!(d.contains("<th scope=\"row\">2021</th><td>1</td>"));
}

#[test]
fn no_page_is_the_whole_archive() {
    // 450 articles: the home page shows ten of them, the indexes paginate.
    let arts: Vec<(String, String)> = (0..450)
        .map(|i| {
            (
                format!("a{i:03}.md"),
                md(&format!("Bài số {i}"), None, None, "Chỉ thị số 05-CT/TW."),
            )
        })
        .collect();
    let dir = content(&arts);
    let b = build_with(PLAIN_CONFIG, dir.path());
    let home = b.page("index.html");
    assert!(home.matches("href=\"articles/").count() <= 10);
    assert!(b.out.join("articles--3.html").is_file());
    assert!(!b.out.join("articles--4.html").exists());
    assert!(b.page("articles.html").matches("href=\"articles/").count() <= 200);
    check_links(&b.out);
}

#[test]
fn a_province_with_many_directives_links_to_the_rest() {
    // 250 local plans: the province page shows 200 and links to where its
    // group starts in the (paginated) issuer-level index.
    let arts: Vec<(String, String)> = (1..=250)
        .map(|i| {
            (
                format!("a{i:03}.md"),
                md(
                    &format!("Bài số {i}"),
                    None,
                    Some("Bắc Kạn"),
                    &format!("Ban hành Kế hoạch số {i}-KH/TU về công tác cán bộ."),
                ),
            )
        })
        .collect();
    let dir = content(&arts);
    let b = build_with(PLAIN_CONFIG, dir.path());
    let page = b.page("provinces/bac-kan.html");
    let own = page.split("id=\"own-h\"").nth(1).unwrap();
    let own = own.split("</section>").next().unwrap();
    assert_eq!(own.matches("<li>").count(), 200);
    assert!(own.contains("href=\"../directives-by-level.html#tinh-bac-kan\""));
    assert!(b.out.join("provinces/bac-kan--2.html").is_file());
    assert!(b.out.join("directives-by-level--2.html").is_file());
    check_links(&b.out);
}
