//! One file's bytes through decoding, cleaning and citation detection:
//! whatever the bytes, nothing may panic, and every span must lie on
//! character boundaries of the text it points into.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use vanban::config::SiteConfig;
use vanban::refs::registry::Registry;
use vanban::source::{self, Format};

fn fixtures() -> &'static (SiteConfig, Registry) {
    static F: OnceLock<(SiteConfig, Registry)> = OnceLock::new();
    F.get_or_init(|| (SiteConfig::default(), Registry::new(&[]).0))
}

fuzz_target!(|data: &[u8]| {
    let (config, registry) = fixtures();
    // The first byte picks the format, so both paths are explored.
    let (format, bytes) = match data.split_first() {
        Some((b, rest)) if b & 1 == 1 => (Format::Markdown, rest),
        Some((_, rest)) => (Format::Txt, rest),
        None => (Format::Txt, data),
    };
    let Ok(Some(src)) = source::from_bytes(Path::new("fuzz.txt"), "fuzz.txt", format, bytes) else {
        return;
    };
    assert!(src.text.is_char_boundary(src.body_start));
    let article = vanban::article::clean(src, config);
    for b in &article.blocks {
        assert!(article.text.get(b.range.clone()).is_some(), "block {:?}", b.range);
    }
    for c in vanban::pipeline::cite_article(&article, registry).citations {
        assert!(article.text.get(c.span.clone()).is_some(), "span {:?}", c.span);
    }
});
