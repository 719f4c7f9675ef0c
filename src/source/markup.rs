//! HTML a scraper left in a `.txt` page: tags (`<p>`, `<a href="…">`,
//! `</strong>`), comments, scripts and styles, and the boxes of other
//! stories a page wraps in a `<div class="related">` or an `<aside>`.
//!
//! They are blanked with spaces byte for byte, never removed, so every byte
//! offset and line number `scan` reports still points into the file. A tag's
//! text stays (`<a href="…">Nghị quyết 21</a>` keeps `Nghị quyết 21`); what a
//! reader never sees on the page (comments, scripts, styles) and the boxes
//! of other stories go with their text, as the portal's boilerplate would.
//!
//! Only names of HTML elements count as tags, so `tỷ lệ <5%` or `<Tên
//! bài>` stay as written. Markdown pages keep their HTML: the renderer
//! reads it (`render::body`).

use std::ops::Range;

/// Elements whose content a reader never sees.
const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "svg", "iframe"];

/// Elements that hold the page's chrome, whatever their class.
const CHROME: &[&str] = &["aside", "nav", "footer", "select"];

/// Elements that may hold a box of other stories.
const BOXES: &[&str] = &["div", "section", "ul", "ol", "table", "p", "span", "dl"];

/// Words in a box's `class` or `id` that name it as the page's chrome:
/// related stories (`tin-lien-quan`), sidebars, menus, share and comment
/// widgets, tags, ads.
const CHROME_WORDS: &[&str] = &[
    "related",
    "lienquan",
    "lien-quan",
    "lien_quan",
    "tinkhac",
    "tin-khac",
    "tin_khac",
    "other-news",
    "othernews",
    "docnhieu",
    "doc-nhieu",
    "most-view",
    "mostview",
    "sidebar",
    "footer",
    "menu",
    "navbar",
    "breadcrumb",
    "comment",
    "share",
    "social",
    "tags",
    "advert",
    "banner",
    "widget",
];

/// The HTML elements whose tags are markup (so `<5%` is not).
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "cite",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "label",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "noscript",
    "ol",
    "option",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "u",
    "ul",
    "video",
];

/// How far a tag may run before its `>` (attributes, inline styles).
const MAX_TAG: usize = 2000;

/// Blanks the markup in `text` (see the module's doc).
pub fn blank(text: &mut String) {
    if !text.contains('<') {
        return;
    }
    let ranges = markup(text);
    if ranges.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for range in ranges {
        for b in &mut bytes[range] {
            if !matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
    }
    // Every range starts at `<` and ends after `>` or at the end: whole
    // chars are blanked, so the bytes stay UTF-8.
    *text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// A tag read at a `<`.
struct Tag<'a> {
    /// Lower-case element name.
    name: &'a str,
    closing: bool,
    /// The text between the name and `>`, lower case.
    attributes: &'a str,
    /// Bytes from `<` through `>`.
    len: usize,
}

/// The byte ranges to blank, in order, not overlapping.
fn markup(text: &str) -> Vec<Range<usize>> {
    // ASCII lower case keeps every byte offset.
    let lower = text.to_ascii_lowercase();
    let mut ranges = Vec::new();
    let mut at = 0;
    while let Some(found) = lower[at..].find('<') {
        let start = at + found;
        let rest = &lower[start..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(lower.len(), |e| start + e + 3);
            ranges.push(start..end);
            at = end;
            continue;
        }
        let Some(tag) = tag_at(rest) else {
            at = start + 1;
            continue;
        };
        let after = start + tag.len;
        let end = if tag.closing {
            after
        } else if HIDDEN.contains(&tag.name) {
            // An unclosed script hides the rest of the page.
            closing(&lower, after, tag.name, false).unwrap_or(lower.len())
        } else if is_chrome(&tag) {
            closing(&lower, after, tag.name, true).unwrap_or(after)
        } else {
            after
        };
        ranges.push(start..end);
        at = end;
    }
    ranges
}

/// The tag starting `rest` (at its `<`), if it is an HTML element's.
fn tag_at(rest: &str) -> Option<Tag<'_>> {
    let closing = rest[1..].starts_with('/');
    let name_at = if closing { 2 } else { 1 };
    let name_len = rest[name_at..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len() - name_at);
    let name = &rest[name_at..name_at + name_len];
    if !ELEMENTS.contains(&name) {
        return None;
    }
    let tail = &rest[name_at + name_len..];
    if !tail.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/') {
        return None;
    }
    let window = &tail[..floor_char_boundary(tail, MAX_TAG)];
    let close = window
        .find(['>', '<'])
        .filter(|&e| window[e..].starts_with('>'))?;
    Some(Tag {
        name,
        closing,
        attributes: &tail[..close],
        len: name_at + name_len + close + 1,
    })
}

/// Whether an opening tag starts a box of the page's chrome.
fn is_chrome(tag: &Tag) -> bool {
    if CHROME.contains(&tag.name) {
        return true;
    }
    BOXES.contains(&tag.name)
        && ["class", "id"].iter().any(|attr| {
            attribute(tag.attributes, attr)
                .is_some_and(|value| CHROME_WORDS.iter().any(|w| value.contains(w)))
        })
}

/// The value of `name="…"` (or `'…'`) among `attributes`.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(found) = attributes[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before_ok = attributes[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = attributes[from..].trim_start();
        let Some(value) = rest.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let quote = value.chars().next().filter(|&q| q == '"' || q == '\'');
        return Some(match quote {
            Some(q) => value[1..].split(q).next().unwrap_or_default(),
            None => value
                .split(|c: char| c.is_ascii_whitespace())
                .next()
                .unwrap_or_default(),
        });
    }
    None
}

/// The end (after `>`) of the tag closing the element `name` opened before
/// `from`; with `nested`, elements of the same name inside are counted.
fn closing(lower: &str, from: usize, name: &str, nested: bool) -> Option<usize> {
    let mut depth = 1usize;
    let mut at = from;
    while let Some(found) = lower[at..].find('<') {
        let start = at + found;
        at = start + 1;
        let Some(tag) = tag_at(&lower[start..]) else {
            continue;
        };
        if tag.name != name {
            continue;
        }
        if tag.closing {
            depth -= 1;
            if depth == 0 {
                return Some(start + tag.len);
            }
        } else if nested {
            depth += 1;
        }
    }
    None
}

/// The largest char boundary of `s` at or below `at`.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blanked(text: &str) -> String {
        let mut s = text.to_string();
        blank(&mut s);
        assert_eq!(s.len(), text.len(), "offsets move: {text:?}");
        assert_eq!(
            s.lines().count(),
            text.lines().count(),
            "lines move: {text:?}"
        );
        s
    }

    /// The words left, white space collapsed.
    fn words(text: &str) -> String {
        blanked(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn tags_are_blanked_their_text_kept() {
        let text = "<p>Quán triệt <strong>Nghị quyết số 21-NQ/TW</strong>.</p>\n<a href=\"/x.html\">Xem</a>";
        assert_eq!(words(text), "Quán triệt Nghị quyết số 21-NQ/TW . Xem");
        let s = blanked(text);
        assert_eq!(s.find("Nghị quyết"), text.find("Nghị quyết"));
    }

    #[test]
    fn comments_scripts_and_styles_go_with_their_text() {
        let text = "Một.\n<!-- Tin liên quan:\nChỉ thị 35 -->\nHai.\n<script type=\"text/javascript\">var t = \"Kết luận 14\";</script>\n<STYLE>p{}</STYLE>Ba.";
        assert_eq!(words(text), "Một. Hai. Ba.");
    }

    #[test]
    fn an_unclosed_comment_or_script_hides_the_rest() {
        assert_eq!(words("Một.\n<!-- Chỉ thị 35\nHai."), "Một.");
        assert_eq!(words("Một.\n<script>var a = 1;\nHai."), "Một.");
    }

    #[test]
    fn boxes_of_other_stories_go_with_their_text() {
        let text = "Bài.\n<div class=\"box-related\">\n<div><a href=\"/1\">Quy định số 08-QĐi/TW</a></div>\n</div>\nTiếp.\n<ul id='tin-lien-quan'><li>Kết luận 21</li></ul>\n<aside>Đọc nhiều</aside>Hết.";
        assert_eq!(words(text), "Bài. Tiếp. Hết.");
    }

    #[test]
    fn the_article_box_stays() {
        let text = "<div class=\"article-content\"><p>Chỉ thị số 35-CT/TW</p></div>";
        assert_eq!(words(text), "Chỉ thị số 35-CT/TW");
    }

    #[test]
    fn what_is_no_html_tag_stays() {
        for text in [
            "tỷ lệ <5% và a<b",
            "<Tên bài>",
            "x <p",
            "<div class=\"related\" chưa đóng",
            "</",
        ] {
            assert_eq!(blanked(text), text);
        }
        assert_eq!(blanked("a <b >"), "a     ");
    }

    #[test]
    fn an_unclosed_box_blanks_only_its_tag() {
        assert_eq!(
            words("<div class=\"related\">Chỉ thị 35\nHai."),
            "Chỉ thị 35 Hai."
        );
    }
}
