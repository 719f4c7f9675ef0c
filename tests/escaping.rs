//! One test per escaping rule of issue 8: hostile payloads go in as
//! articles, and the bytes of the built pages are checked.

mod common;

use common::{pages_with, Project};

/// Builds `files` (path, text) with `config_extra` appended to site.toml and
/// returns the page of the article containing `marker`.
fn page_of(files: &[(&str, &str)], config_extra: &str, marker: &str) -> String {
    let p = Project::new();
    p.set_config(&format!(
        "title = \"Thử\"\ncontent = \"content\"\noutput = \"public\"\n{config_extra}"
    ));
    for (rel, text) in files {
        p.add(rel, text);
    }
    let run = p.build(&[]);
    assert_eq!(run.code, 0, "{}", run.all());
    let pages = pages_with(&p.public(), marker);
    assert_eq!(pages.len(), 1, "{marker}: {pages:?}");
    std::fs::read_to_string(p.public().join("articles").join(&pages[0])).unwrap()
}

/// The `<div class="body">` part of a page: where article text goes.
fn body(page: &str) -> &str {
    let start = page.find("<div class=\"body\">").expect("body div");
    let end = page[start..].find("</article>").expect("end of article") + start;
    &page[start..end]
}

#[test]
fn text_is_escaped_in_element_content() {
    let page = page_of(
        &[(
            "a.txt",
            "Tiêu đề <xss>đậm</xss> & \"nháy\"\nTỷ lệ <5% MARKER & <xss onmouseover=alert(1)> 'x'\n",
        )],
        "",
        "MARKER",
    );
    let b = body(&page);
    assert!(
        b.contains("Tỷ lệ &lt;5% MARKER &amp; &lt;xss onmouseover=alert(1)&gt; &#39;x&#39;"),
        "{b}"
    );
    assert!(!page.contains("<xss"), "{page}");
    // The title, from the first line, in <title> and <h1>: escaped too.
    assert!(page.contains("&lt;xss&gt;đậm&lt;"), "{page}");
}

#[test]
fn html_left_in_a_txt_page_is_never_markup() {
    let page = page_of(
        &[(
            "a.txt",
            "Tiêu đề <b>đậm</b>\n<script>alert('x')</script> MARKER <img src=x onerror=alert(1)>\n",
        )],
        "",
        "MARKER",
    );
    assert!(!page.contains("<b>đậm"), "{page}");
    assert!(!page.contains("alert"), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
    assert!(page.contains("Tiêu đề"), "{page}");
}

#[test]
fn front_matter_values_are_escaped_in_elements_and_attributes() {
    let page = page_of(
        &[(
            "a.md",
            "+++\ntitle = '\"><script>alert(1)</script>'\nauthor = \"<i onmouseover=alert(2)>Tác giả</i>\"\n\
             source = \"' onfocus='alert(3)\"\n+++\nMARKER thân bài.\n",
        )],
        "",
        "MARKER",
    );
    assert!(!page.contains("<script>alert(1)"), "{page}");
    assert!(!page.contains("\"><script"), "{page}");
    assert!(!page.contains("<i onmouseover"), "{page}");
    assert!(!page.contains("' onfocus='"), "{page}");
    assert!(
        page.contains("&lt;i onmouseover=alert(2)&gt;Tác giả"),
        "{page}"
    );
}

#[test]
fn raw_html_in_markdown_is_sanitised() {
    let md = "MARKER\n\n\
<script>alert(1)</script>\n\n\
<div\n  onclick=\"alert(2)\"\n  class=\"x\">khối nhiều dòng</div>\n\n\
<img src=\"a.png\" onerror=\"alert(3)\">\n\n\
<iframe src=\"https://evil.example\"></iframe>\n\n\
<a href=\"javascript:alert(4)\">liên kết</a> và <span style=\"x\" onmouseover=\"alert(5)\">chữ</span>\n\n\
<style>body{display:none}</style>\n";
    let page = page_of(&[("a.md", md)], "", "MARKER");
    let b = body(&page).to_ascii_lowercase();
    for bad in [
        "<script",
        "alert(1)",
        "onclick",
        "onerror",
        "<iframe",
        "javascript:",
        "onmouseover",
        "<style",
        "display:none",
    ] {
        assert!(!b.contains(bad), "{bad} survived in {b}");
    }
    // What is harmless stays.
    assert!(b.contains("khối nhiều dòng"), "{b}");
    assert!(b.contains("<img src=\"a.png\""), "{b}");
    assert!(b.contains("liên kết"), "{b}");
}

#[test]
fn raw_html_passes_when_the_site_allows_it() {
    let md =
        "MARKER\n\n<div class=\"hop\" data-x=\"1\">hộp</div>\n\n<span onclick=\"f()\">giữ</span>\n";
    let page = page_of(&[("a.md", md)], "allow_raw_html = true\n", "MARKER");
    assert!(
        page.contains("<div class=\"hop\" data-x=\"1\">hộp</div>"),
        "{page}"
    );
    assert!(page.contains("<span onclick=\"f()\">giữ</span>"), "{page}");
}

#[test]
fn script_urls_in_markdown_are_neutralised() {
    let md = "MARKER\n\n\
[a](javascript:alert(1))\n\
[b](JaVaScRiPt:alert(2))\n\
[c](<java\tscript:alert(3)>)\n\
[d](&#106;avascript:alert(4))\n\
[e](&#x6A;&#x61;vascript&colon;alert(5))\n\
[f](vbscript:msgbox(6))\n\
[g](data:text/html;base64,PHNjcmlwdD4=)\n\
[h][ref]\n\
<javascript:alert(8)>\n\
![i](javascript:alert(9))\n\
[j]( \u{1}javascript:alert(10))\n\
[ok](https://thuvienphapluat.vn/a) [rel](../directives/x.html) [anchor](#c1) [mail](mailto:a@b.vn)\n\n\
[ref]: javascript:alert(7)\n";
    let page = page_of(&[("a.md", md)], "", "MARKER");
    let b = body(&page);
    let lower = b.to_ascii_lowercase();
    for bad in ["javascript", "vbscript", "data:text", "alert(", "msgbox"] {
        // alert( may stay only as link text, never inside an href.
        for href in lower.split("href=\"").skip(1) {
            let url = &href[..href.find('"').unwrap_or(href.len())];
            assert!(!url.contains(bad), "{bad} in href {url}");
        }
        for src in lower.split("src=\"").skip(1) {
            let url = &src[..src.find('"').unwrap_or(src.len())];
            assert!(!url.contains(bad), "{bad} in src {url}");
        }
    }
    // An autolink's text may show the URL, as text; its href is `#`.
    assert!(b.contains("<a href=\"#\">javascript:alert(8)</a>"), "{b}");
    for name in ["a", "b", "d", "e", "f", "g", "h"] {
        assert!(
            b.contains(&format!("<a href=\"#\">{name}</a>")),
            "{name}: {b}"
        );
    }
    assert!(b.contains("src=\"#\""), "{b}");
    assert!(
        b.contains("<a href=\"https://thuvienphapluat.vn/a\">ok</a>"),
        "{b}"
    );
    assert!(
        b.contains("<a href=\"../directives/x.html\">rel</a>"),
        "{b}"
    );
    assert!(b.contains("<a href=\"#c1\">anchor</a>"), "{b}");
    assert!(b.contains("<a href=\"mailto:a@b.vn\">mail</a>"), "{b}");
}

#[test]
fn link_titles_and_alt_text_are_escaped_in_attributes() {
    let md = "MARKER\n\n[x](https://a.vn \"\\\"><script>alert(1)</script>\")\n\n![\"><svg onload=alert(2)>](a.png)\n";
    let page = page_of(&[("a.md", md)], "", "MARKER");
    let b = body(&page);
    assert!(!b.contains("<script>"), "{b}");
    assert!(!b.contains("<svg"), "{b}");
    assert!(b.contains("title=\"&quot;&gt;&lt;script&gt;"), "{b}");
    // The tag inside the alt text is raw HTML, dropped by the sanitiser.
    assert!(b.contains("alt=\"&quot;&gt;\""), "{b}");
}

#[test]
fn json_for_script_cannot_close_the_script_or_break_lines() {
    use vanban::render::body::{escape_json_for_script, json_for_script};
    let payload = "</script><script>alert(1)</script><!-- \u{2028}\u{2029} & 'x' \"y\"";
    let out = json_for_script(&vec![payload]).unwrap();
    assert_eq!(
        out,
        "[\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u003c!-- \\u2028\\u2029 \\u0026 'x' \\\"y\\\"\"]"
    );
    for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
        assert!(!out.contains(bad), "{bad:?} in {out}");
    }
    // Still JSON, with the same value.
    let back: Vec<String> = serde_json::from_str(&out).unwrap();
    assert_eq!(back, [payload]);
    assert_eq!(escape_json_for_script("{\"a\":1}"), "{\"a\":1}");
}

/// A citation inside a link of the article's own stays a citation (its
/// anchor, for the directive page's "cited in" link) but no link: links do
/// not nest in HTML.
#[test]
fn a_citation_inside_a_markdown_link_is_no_nested_link() {
    let page = page_of(
        &[(
            "a.md",
            "# Tiêu đề\n\nMARKER theo [Nghị quyết số 21-NQ/TW](https://example.com/nq21) của Hội nghị Trung ương 5 khóa XIII và **Chỉ thị số 05-CT/TW** của Bộ Chính trị.\n",
        )],
        "",
        "MARKER",
    );
    let b = body(&page);
    assert!(
        b.contains("<a href=\"https://example.com/nq21\"><span class=\"cite\" id=\"c0\">Nghị quyết số 21-NQ/TW</span></a>"),
        "{b}"
    );
    assert!(
        b.contains("<strong><a class=\"cite\" id=\"c1\" href=\"../directives/"),
        "{b}"
    );
}
