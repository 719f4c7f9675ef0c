//! What a page is made from, hashed, so that a rebuild can keep the pages
//! whose inputs did not change instead of rendering them again.
//!
//! A page's bytes are Tera's rendering of one template with one context,
//! so the hash covers: the vanban program itself (a new build of it may
//! render differently), the templates' sources, the context every page
//! shares (site, strings), and the page's own context serialised as JSON.
//! The site writer (`site::Staging`) keeps beside the output a list of each
//! page's inputs with the size and modification time of the file it wrote,
//! and reuses a file only while all of them still match.

use std::hash::Hasher;

use tera::Context;
use xxhash_rust::xxh3::Xxh3;

/// A 128-bit hash of what a page is made from.
pub type Inputs = u128;

/// The inputs every page shares: `templates` is the hash of the templates'
/// sources ([`super::Templates::inputs`]).
pub fn common_inputs(templates: Inputs, common: &Context) -> Inputs {
    let mut h = Xxh3::new();
    h.write_u128(templates);
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    // The program: another build of vanban (or of its template engine)
    // makes every page anew once.
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
    {
        h.write_u64(meta.len());
        if let Ok(Ok(t)) = meta
            .modified()
            .map(|m| m.duration_since(std::time::UNIX_EPOCH))
        {
            h.write_u128(t.as_nanos());
        }
    }
    json_into(&mut h, &common.clone().into_json());
    h.digest128()
}

/// The inputs of one page: `template` rendered with the common context and
/// the values of `keys` in `ctx`, written at `path`.
pub fn page_inputs(
    common: Inputs,
    template: &str,
    path: &str,
    ctx: &Context,
    keys: &[String],
) -> Inputs {
    let mut h = Xxh3::new();
    h.write_u128(common);
    for part in [template, path] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    for key in keys {
        h.update(key.as_bytes());
        h.update(&[0]);
        if let Some(value) = ctx.get(key) {
            json_into(&mut h, value);
        }
    }
    h.digest128()
}

/// A hash of `parts`, each ended by a NUL.
pub fn hash_parts(parts: &[&str]) -> Inputs {
    let mut h = Xxh3::new();
    for part in parts {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    h.digest128()
}

/// Feeds `value`'s JSON to the hash.
fn json_into(h: &mut Xxh3, value: &serde_json::Value) {
    struct Feed<'h>(&'h mut Xxh3);
    impl std::io::Write for Feed<'_> {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // Writing into a hash cannot fail.
    let _ = serde_json::to_writer(Feed(h), value);
}
