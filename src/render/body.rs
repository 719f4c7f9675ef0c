//! An article's body as HTML, each citation a link to its directive.
//!
//! The text is split at the citations' byte spans; nothing is searched twice
//! and no HTML is parsed again. Everything from the input is escaped.

use std::fmt::Write;
use std::ops::Range;

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};
use xxhash_rust::xxh3::Xxh3;

use crate::archive::{Archive, Entry};
use crate::article::BlockKind;

/// HTML-escapes text for element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// What [`render`] and [`title`] make an article's HTML from, hashed: the
/// article (`article`: its [`super::reuse::article_inputs`]), its
/// citations (span, key, and the slug their link goes to), `root` and
/// `allow_raw_html`. A rebuild that finds the page's inputs unchanged keeps
/// the page without making its body at all.
pub fn inputs(
    archive: &Archive,
    entry: &Entry,
    article: u128,
    root: &str,
    allow_raw_html: bool,
) -> u128 {
    use super::reuse::text_into;
    use std::hash::Hasher;
    let mut h = Xxh3::new();
    h.write_u128(article);
    h.write_u8(u8::from(allow_raw_html));
    text_into(&mut h, root);
    h.write_u64(entry.citations.len() as u64);
    for c in &entry.citations {
        h.write_u64(c.span.start as u64);
        h.write_u64(c.span.end as u64);
        text_into(&mut h, &c.key);
        text_into(&mut h, archive.directive(&c.key).map_or("", |d| &d.slug));
    }
    h.digest128()
}

/// The body HTML of an article page; `root` leads back to the site root.
pub fn render(archive: &Archive, entry: &Entry, root: &str, allow_raw_html: bool) -> String {
    let a = &entry.article;
    let mut out = String::new();
    for block in &a.blocks {
        let range = block.range.clone();
        match block.kind {
            // The headline is the page's <h1> (see [`title`]), unless an
            // override gave the page another title: then it stays in the body.
            BlockKind::Title if title(archive, entry, root).is_some() => {}
            BlockKind::Markdown => {
                out.push_str(&markdown(archive, entry, range, root, allow_raw_html))
            }
            kind => {
                let (open, close) = match kind {
                    BlockKind::Heading => ("<h2>", "</h2>"),
                    BlockKind::Caption => ("<p class=\"caption\">", "</p>"),
                    BlockKind::Byline => ("<p class=\"byline\">", "</p>"),
                    BlockKind::Rubric => ("<p class=\"rubric\">", "</p>"),
                    BlockKind::Title => ("<p class=\"headline\">", "</p>"),
                    _ => ("<p>", "</p>"),
                };
                out.push_str(open);
                if kind == BlockKind::Byline {
                    // A byline's lines (name, then position) stay lines.
                    let mut pos = range.start;
                    for (n, line) in a.text[range.clone()].split('\n').enumerate() {
                        if n > 0 {
                            out.push_str("<br>");
                        }
                        let end = pos + line.trim_end().len();
                        linked_text(&mut out, archive, entry, pos..end, root, false);
                        pos += line.len() + 1;
                    }
                } else {
                    linked_text(&mut out, archive, entry, range, root, false);
                }
                out.push_str(close);
                out.push('\n');
            }
        }
    }
    out
}

/// The headline with its citations linked, for the page's `<h1>`, when the
/// page's title is the headline (not one set by front matter or site.toml).
pub fn title(archive: &Archive, entry: &Entry, root: &str) -> Option<String> {
    let a = &entry.article;
    let block = a.blocks.iter().find(|b| b.kind == BlockKind::Title)?;
    if a.text.get(block.range.clone())?.trim() != a.title.trim() {
        return None;
    }
    let mut out = String::new();
    linked_text(&mut out, archive, entry, block.range.clone(), root, false);
    Some(out)
}

/// Writes `text[range]` escaped, with the citations inside it as links.
/// Citations sharing one span (`khóa XI, XII`) give one link and a small
/// second link; a citation overlapping an earlier one is not linked twice.
/// Inside a link of the article's own (`in_link`), where a link may not
/// stand, a citation is a `<span>` that keeps its anchor.
fn linked_text(
    out: &mut String,
    archive: &Archive,
    entry: &Entry,
    range: Range<usize>,
    root: &str,
    in_link: bool,
) {
    let text = &entry.article.text;
    let mut pos = range.start;
    let cits = &entry.citations;
    let mut i = cits.partition_point(|c| c.span.start < range.start);
    while i < cits.len() && cits[i].span.start < range.end {
        let span = cits[i].span.start..cits[i].span.end.min(range.end);
        if span.start < pos || text.get(span.clone()).is_none() {
            i += 1;
            continue;
        }
        escape_into(out, &text[pos..span.start]);
        let mut j = i;
        while j < cits.len() && cits[j].span == cits[i].span {
            let href = directive_href(archive, &cits[j].key, root);
            if in_link {
                if j == i {
                    let _ = write!(out, "<span class=\"cite\" id=\"c{j}\">");
                    escape_into(out, &text[span.clone()]);
                    out.push_str("</span>");
                } else {
                    let _ = write!(out, "<span class=\"cite\" id=\"c{j}\"></span>");
                }
            } else if j == i {
                let _ = write!(out, "<a class=\"cite\" id=\"c{j}\" href=\"{href}\">");
                escape_into(out, &text[span.clone()]);
                out.push_str("</a>");
            } else {
                let _ = write!(
                    out,
                    "<a class=\"cite cite-more\" id=\"c{j}\" href=\"{href}\" title=\"{}\"><sup>[{}]</sup></a>",
                    escape(&cits[j].key),
                    j - i + 1
                );
            }
            j += 1;
        }
        pos = span.end;
        i = j;
    }
    if pos < range.end {
        escape_into(out, &text[pos..range.end]);
    }
}

fn directive_href(archive: &Archive, key: &str, root: &str) -> String {
    match archive.directive(key) {
        Some(d) => format!("{root}directives/{}.html", d.slug),
        None => "#".into(),
    }
}

/// Markdown through pulldown-cmark; plain-text runs get their citations
/// linked, raw HTML is cleaned by ammonia (unless `allow_raw_html`), and
/// link and image URLs with a script scheme are replaced by `#`.
///
/// An HTML block arrives as several `Html` events (one per line) and inline
/// HTML as one event per tag; each run of consecutive raw-HTML events is
/// cleaned as one piece, so a tag split across lines is judged whole.
fn markdown(
    archive: &Archive,
    entry: &Entry,
    range: Range<usize>,
    root: &str,
    allow_raw_html: bool,
) -> String {
    let text = &entry.article.text;
    let body = &text[range.clone()];
    let mut events: Vec<Event> = Vec::new();
    let mut raw = String::new();
    let flush = |raw: &mut String, events: &mut Vec<Event>| {
        if !raw.is_empty() {
            let html = if allow_raw_html {
                std::mem::take(raw)
            } else {
                let cleaned = sanitize_html(raw);
                raw.clear();
                cleaned
            };
            events.push(Event::InlineHtml(CowStr::from(html)));
        }
    };
    // Inside the article's own links (`[Nghị quyết 21](https://...)`).
    let mut links = 0usize;
    for (event, r) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        if let Event::Html(h) | Event::InlineHtml(h) = &event {
            raw.push_str(h);
            continue;
        }
        flush(&mut raw, &mut events);
        let abs = range.start + r.start..range.start + r.end;
        match event {
            Event::Text(t) if text.get(abs.clone()) == Some(&*t) && has_citation(entry, &abs) => {
                let mut html = String::new();
                linked_text(&mut html, archive, entry, abs, root, links > 0);
                events.push(Event::InlineHtml(CowStr::from(html)));
            }
            Event::End(pulldown_cmark::TagEnd::Link) => {
                links = links.saturating_sub(1);
                events.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                links += 1;
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: safe_url(dest_url),
                    title,
                    id,
                }))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => events.push(Event::Start(Tag::Image {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            })),
            e => events.push(e),
        }
    }
    flush(&mut raw, &mut events);
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

/// Raw HTML from an article, made harmless: ammonia's allow-list of tags
/// and attributes (no `<script>`, no `on*=`, no `style`), and URLs only with
/// the schemes [`safe_url`] lets through.
pub fn sanitize_html(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(SAFE_SCHEMES.iter().copied().collect())
        .clean(html)
        .to_string()
}

/// The URL schemes a link from an article may use; anything else with a
/// scheme (`javascript:`, `vbscript:`, `data:`, `file:`) becomes `#`.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "ftp"];

fn has_citation(entry: &Entry, range: &Range<usize>) -> bool {
    entry
        .citations
        .iter()
        .any(|c| c.span.start >= range.start && c.span.start < range.end)
}

/// Neutralises script URLs: a URL whose scheme is not in [`SAFE_SCHEMES`]
/// becomes `#`; relative URLs and `#anchors` pass.
///
/// The scheme is read the way a browser would, only more suspiciously:
/// pulldown-cmark has already decoded entities (`&#106;avascript:`), and
/// here ASCII whitespace and control characters anywhere are dropped
/// (`java\tscript:`) and case is folded (`JaVaScRiPt:`). Any `:` before the
/// first `/`, `?` or `#` makes what precedes it a scheme, even a malformed one.
pub fn safe_url(url: CowStr) -> CowStr {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let head_end = squeezed.find(['/', '?', '#']).unwrap_or(squeezed.len());
    match squeezed[..head_end].find(':') {
        Some(colon) => {
            let scheme = squeezed[..colon].to_ascii_lowercase();
            if SAFE_SCHEMES.contains(&scheme.as_str()) {
                url
            } else {
                CowStr::from("#")
            }
        }
        None => url,
    }
}

/// JSON made safe to place inside a `<script>` element (the search index):
/// `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so no `</script>` or
/// `<!--` can close or confuse the element, and U+2028/U+2029 become
/// `\u2028`/`\u2029`, which old JavaScript parsers read as line ends inside
/// strings. The result is still valid JSON with the same value.
pub fn escape_json_for_script(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() + 16);
    // Runs of bytes that need nothing are copied whole (the search index
    // passes the archive's whole text through here).
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes[i] {
            b'<' => Some(("\\u003c", 1)),
            b'>' => Some(("\\u003e", 1)),
            b'&' => Some(("\\u0026", 1)),
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0xA8) => Some(("\\u2028", 3)),
                Some(0xA9) => Some(("\\u2029", 3)),
                _ => None,
            },
            _ => None,
        };
        match escaped {
            Some((with, len)) => {
                out.push_str(&json[run..i]);
                out.push_str(with);
                i += len;
                run = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&json[run..]);
    out
}

/// Serialises `value` as JSON for a `<script>` element or a `.js` file
/// (see [`escape_json_for_script`]).
pub fn json_for_script<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(value).map(|j| escape_json_for_script(&j))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn script_json_keeps_the_value_and_never_closes_a_script(text in "[a-zđ<>&/!\\-\u{2028}\u{2029}\u{2027}\u{202A}\u{E000}\"]{0,40}") {
            let json = serde_json::to_string(&text).unwrap_or_default();
            let escaped = escape_json_for_script(&json);
            let closes = escaped.contains(['<', '>', '&', '\u{2028}', '\u{2029}']);
            proptest::prop_assert!(!closes);
            let back: String = serde_json::from_str(&escaped).unwrap_or_default();
            proptest::prop_assert_eq!(back, text);
        }
    }
}
