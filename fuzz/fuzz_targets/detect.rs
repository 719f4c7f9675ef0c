//! Any UTF-8 text through the reference grammar and the resolver: nothing
//! may panic, and every mention's span must slice the text.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use vanban::refs::registry::Registry;
use vanban::refs::{grammar, resolve, ArticleContext};

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::new(&[]).0)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mentions = grammar::detect(text);
    for m in &mentions {
        assert!(text.get(m.span.clone()).is_some(), "mention {:?}", m.span);
    }
    // Once without a province, once with one: both scoping paths.
    for province in [None, Some("ha-noi".to_string())] {
        let context = ArticleContext {
            province,
            date: None,
            ..Default::default()
        };
        for c in resolve::resolve(text, &mentions, &context, registry()) {
            assert!(text.get(c.span.clone()).is_some(), "citation {:?}", c.span);
        }
    }
});
