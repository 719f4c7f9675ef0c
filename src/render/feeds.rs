//! What only a published site needs, and only with `base_url` set (these
//! formats demand absolute addresses): `sitemap.xml` (an index of several
//! sitemaps past [`SITEMAP_LIMIT`] addresses), `robots.txt`, an Atom feed of
//! the latest articles (`feeds/articles.xml`) and one per directive
//! (`feeds/directives/<slug>.xml`), so that a reader following a directive
//! is told of each new article that cites it.
//!
//! The XML is written by hand: the formats are small, and [`xml`] escapes
//! every piece of text that goes in.

use crate::archive::{Archive, Directive, Entry};
use crate::config::SiteConfig;
use rayon::prelude::*;

use crate::render::{put, sentence, Page, RenderError, Sink};

/// Addresses one sitemap file may hold (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;
/// Entries in a feed: readers poll feeds, so they stay short.
pub const FEED_ENTRIES: usize = 50;
/// `updated` of an undated article: Atom requires one, and a fixed date
/// keeps builds byte-identical.
const UNDATED: &str = "1970-01-01T00:00:00Z";

/// The page's absolute address, for `<link rel="canonical">`; `None`
/// without `base_url`, and for the 404 page (served at any address).
pub fn canonical(config: &SiteConfig, path: &str) -> Option<String> {
    let base = config.base_url()?;
    (path.ends_with(".html") && path != "404.html").then(|| format!("{base}/{path}"))
}

/// Text made safe for XML: the five special characters escaped and the
/// control characters XML 1.0 forbids dropped.
pub fn xml(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || !((c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .collect();
    super::body::escape(&allowed)
}

/// The sitemap, robots.txt and feeds, into `sink`; nothing without
/// `base_url`. `paths` is every file of the site: the sitemap lists its
/// HTML pages, in the order given.
pub fn emit(
    archive: &Archive,
    config: &SiteConfig,
    paths: &[String],
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let Some(base) = config.base_url() else {
        return Ok(());
    };
    let urls: Vec<String> = paths.iter().filter_map(|p| canonical(config, p)).collect();
    let mut pages = sitemap(base, &urls, SITEMAP_LIMIT);
    pages.push(Page {
        path: "robots.txt".into(),
        bytes: format!("User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n").into_bytes(),
    });
    pages.push(articles_feed(archive, config, base));
    for page in pages {
        put(sink, page)?;
    }
    archive
        .directives
        .par_iter()
        .try_for_each(|d| put(sink, directive_feed(archive, config, base, d)))
}

/// `sitemap.xml` listing `urls`; past `limit` of them, `sitemap.xml` is an
/// index of `sitemaps/sitemap-<n>.xml` files of at most `limit` each.
pub fn sitemap(base: &str, urls: &[String], limit: usize) -> Vec<Page> {
    let limit = limit.max(1);
    let urlset = |urls: &[String]| {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for u in urls {
            s.push_str(&format!("<url><loc>{}</loc></url>\n", xml(u)));
        }
        s.push_str("</urlset>\n");
        s.into_bytes()
    };
    if urls.len() <= limit {
        return vec![Page {
            path: "sitemap.xml".into(),
            bytes: urlset(urls),
        }];
    }
    let mut pages = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, part) in urls.chunks(limit).enumerate() {
        let path = format!("sitemaps/sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            xml(&format!("{base}/{path}"))
        ));
        pages.push(Page {
            path,
            bytes: urlset(part),
        });
    }
    index.push_str("</sitemapindex>\n");
    pages.insert(
        0,
        Page {
            path: "sitemap.xml".into(),
            bytes: index.into_bytes(),
        },
    );
    pages
}

fn updated(e: &Entry) -> String {
    e.article
        .date
        .map(|d| format!("{}T00:00:00Z", d.format("%Y-%m-%d")))
        .unwrap_or_else(|| UNDATED.to_string())
}

/// Newest first, undated last, then by slug.
fn newest_first<'a>(entries: impl Iterator<Item = &'a Entry>) -> Vec<&'a Entry> {
    let mut v: Vec<&Entry> = entries.collect();
    v.sort_by(|a, b| {
        b.article
            .date
            .cmp(&a.article.date)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    v.dedup_by(|a, b| a.slug == b.slug);
    v
}

/// An Atom document; `entries` are (article, summary).
fn feed(
    config: &SiteConfig,
    base: &str,
    path: String,
    title: &str,
    alternate: &str,
    entries: &[(&Entry, String)],
) -> Page {
    let self_url = format!("{base}/{path}");
    let newest = entries
        .iter()
        .map(|(e, _)| updated(e))
        .max()
        .unwrap_or_else(|| UNDATED.to_string());
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    s.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
    s.push_str(&format!("<title>{}</title>\n", xml(title)));
    if !config.description.is_empty() {
        s.push_str(&format!(
            "<subtitle>{}</subtitle>\n",
            xml(&config.description)
        ));
    }
    s.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(&self_url)
    ));
    s.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(&format!("{base}/{alternate}"))
    ));
    s.push_str(&format!("<id>{}</id>\n", xml(&self_url)));
    s.push_str(&format!("<updated>{newest}</updated>\n"));
    s.push_str(&format!(
        "<author><name>{}</name></author>\n",
        xml(&config.title)
    ));
    s.push_str("<generator>vanban</generator>\n");
    for (e, summary) in entries {
        let url = format!("{base}/articles/{}.html", e.slug);
        s.push_str("<entry>\n");
        s.push_str(&format!("<title>{}</title>\n", xml(&e.article.title)));
        s.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&url)
        ));
        s.push_str(&format!("<id>{}</id>\n", xml(&url)));
        s.push_str(&format!("<updated>{}</updated>\n", updated(e)));
        if let Some(p) = &e.article.province {
            s.push_str(&format!("<category term=\"{}\"/>\n", xml(&p.name)));
        }
        if !summary.is_empty() {
            s.push_str(&format!("<summary>{}</summary>\n", xml(summary)));
        }
        s.push_str("</entry>\n");
    }
    s.push_str("</feed>\n");
    Page {
        path,
        bytes: s.into_bytes(),
    }
}

/// The start of an article's body, for a feed's summary.
fn lead(e: &Entry) -> String {
    let first = e
        .article
        .blocks
        .iter()
        .filter_map(|b| e.article.text.get(b.range.clone()))
        .map(str::trim)
        .find(|t| !t.is_empty() && *t != e.article.title.trim())
        .unwrap_or("");
    crate::article::shorten(first, 300)
}

fn articles_feed(archive: &Archive, config: &SiteConfig, base: &str) -> Page {
    let entries: Vec<(&Entry, String)> = newest_first(archive.entries.iter())
        .into_iter()
        .take(FEED_ENTRIES)
        .map(|e| (e, lead(e)))
        .collect();
    feed(
        config,
        base,
        "feeds/articles.xml".into(),
        &config.title,
        "articles.html",
        &entries,
    )
}

/// The articles citing `d`, each summarised by the sentence that cites it.
fn directive_feed(archive: &Archive, config: &SiteConfig, base: &str, d: &Directive) -> Page {
    let citing = newest_first(
        d.citing
            .iter()
            .filter_map(|r| archive.entries.get(r.article)),
    );
    let entries: Vec<(&Entry, String)> = citing
        .into_iter()
        .take(FEED_ENTRIES)
        .map(|e| {
            let first = d
                .citing
                .iter()
                .find(|r| {
                    archive
                        .entries
                        .get(r.article)
                        .is_some_and(|x| x.slug == e.slug)
                })
                .and_then(|r| e.citations.get(r.citation));
            let summary = first
                .map(|c| {
                    let (b, m, a) = sentence(&e.article.text, c);
                    format!("{b}{m}{a}")
                })
                .unwrap_or_default();
            (e, summary)
        })
        .collect();
    feed(
        config,
        base,
        format!("feeds/directives/{}.xml", d.slug),
        &format!("{} · {}", d.name, config.title),
        &format!("directives/{}.html", d.slug),
        &entries,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_and_drops_controls() {
        assert_eq!(xml("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&#39;");
    }

    #[test]
    fn sitemap_splits_past_the_limit() {
        let urls: Vec<String> = (0..5).map(|i| format!("https://x.org/{i}.html")).collect();
        let one = sitemap("https://x.org", &urls, 5);
        assert_eq!(one.len(), 1);
        let split = sitemap("https://x.org", &urls, 2);
        let paths: Vec<&str> = split.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap.xml",
                "sitemaps/sitemap-1.xml",
                "sitemaps/sitemap-2.xml",
                "sitemaps/sitemap-3.xml"
            ]
        );
        let index = String::from_utf8_lossy(&split[0].bytes);
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://x.org/sitemaps/sitemap-3.xml</loc>"));
    }
}
