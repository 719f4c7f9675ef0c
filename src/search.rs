//! The search index: built here at build time, read by `static/search.js`.
//!
//! Browsers block `fetch`, ES modules and WASM on `file://`, so the index is
//! plain JavaScript files that assign into one global and are loaded by
//! classic `<script src>` tags, which work from disk and on any static host:
//!
//! - `search/manifest.js`: how the index is cut (a few hundred bytes);
//! - `search/s-<prefix>.js`: the postings of the terms starting with
//!   `<prefix>` (one shard, `s.js`, for a small archive). A shard past
//!   [`SHARD_BYTES`] is split by the next letter, so common beginnings
//!   (`ch`, `th`) get longer prefixes than rare ones;
//! - `search/d-<n>.js`: titles, dates, links and text of a chunk of
//!   documents, loaded only for the results shown.
//!
//! A first search thus loads the manifest, one shard per query term and one
//! or two chunks of documents, whatever the size of the archive.
//!
//! Terms are syllables folded (`Đảng` → `dang`, see [`vi::fold`]); each
//! posting keeps which spelling was seen, so that a query typed with
//! diacritics ranks exact spellings first. Directive codes are indexed as
//! whole tokens (`22-NQ/TW` → `22nqtw` and `22nq`) in every article that
//! cites the directive and in the directive's own page. The ranking itself
//! lives in `search.js` only, so there is one source of truth for it.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::archive::{Archive, Directive, Entry};
use crate::render::reuse::{self, text_into, Inputs};
use crate::render::{put, put_or_keep, stream_or_keep, vi_date, Page, RenderError, Sink};
use crate::vi;
use xxhash_rust::xxh3::Xxh3;

/// The search page's script, embedded like the templates.
pub const SCRIPT: &str = include_str!("../static/search.js");

/// How the index is cut. The defaults suit any archive; tests force shards.
#[derive(Debug, Clone)]
pub struct Options {
    /// A shard larger than this many bytes is split by the next letter of
    /// its terms (one term alone may still exceed it).
    pub shard_bytes: usize,
    /// Documents per `d-<n>.js` chunk.
    pub chunk_size: usize,
    /// Documents indexed together, in parallel, and kept together for the
    /// next build; the index is the same whatever the number.
    pub block_docs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            shard_bytes: SHARD_BYTES,
            chunk_size: 50,
            block_docs: 128,
        }
    }
}

/// Bytes a shard may hold before it is split: small enough that a search
/// loads little, large enough that a small archive is one file.
pub const SHARD_BYTES: usize = 150_000;
/// Occurrences of one term in one document that keep their position: more
/// add nothing to ranking and would only swell the index.
const MAX_POSITIONS: usize = 16;
/// Characters of a document's text kept for snippets.
const MAX_TEXT: usize = 20_000;

/// True for the characters that make up a word: letters, digits and
/// combining marks (text is NFC, but a stray decomposed mark must not cut a
/// word in two). `search.js` uses the same classes.
fn is_word_char(c: char) -> bool {
    crate::vi::is_letter_or_digit(c)
        || (!c.is_ascii() && unicode_normalization::char::is_combining_mark(c))
}

/// The words of `text` with their byte offsets, in order.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if is_word_char(c) {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        text.get(start..end).map(|w| (start, w))
    })
}

/// The term a word is indexed under: folded (`Đảng` → `dang`), and numbers
/// without leading zeros (`05` → `5`), so that readers need neither
/// diacritics nor the zero. `search.js` folds queries the same way.
pub fn term(word: &str) -> String {
    let folded = vi::fold(word);
    if !folded.is_empty() && folded.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = folded.trim_start_matches('0');
        return if trimmed.is_empty() { "0" } else { trimmed }.to_string();
    }
    folded
}

/// The spelling a word is compared by when the query has diacritics: lower
/// case, NFC, tones placed one way (`uỷ` = `ủy`).
pub fn spelling(word: &str) -> String {
    vi::canonical_tones(&crate::source::nfc(word).to_lowercase())
}

/// The whole-token forms of a directive code: `22-NQ/TW` → `22nqtw` (the full
/// code) and `22nq` (number and type, what `NQ 22` means). A year inside the
/// code is left out (`114/2014/NĐ-CP` → `114ndcp`, `114nd`). Codes that do not
/// start with a number give nothing. `search.js` reads queries the same way.
pub fn code_terms(code: &str) -> Vec<String> {
    let base = code.split(['#', '@']).next().unwrap_or(code);
    let digits: String = base.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return Vec::new();
    }
    let number = term(&digits);
    let letters: Vec<String> = words(&base[digits.len()..])
        .map(|(_, w)| vi::fold(w))
        .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let Some(first) = letters.first() else {
        return Vec::new();
    };
    let full = format!("{number}{}", letters.concat());
    let short = format!("{number}{first}");
    if full == short {
        vec![full]
    } else {
        vec![full, short]
    }
}

/// The shard a term belongs to: its first `len` characters, each outside
/// `a-z0-9` written `_` (file names stay ASCII).
pub fn shard_of(term: &str, len: usize) -> String {
    term.chars()
        .take(len)
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The file of a shard, relative to the site's root.
pub fn shard_file(prefix: &str) -> String {
    if prefix.is_empty() {
        "search/s.js".into()
    } else {
        format!("search/s-{prefix}.js")
    }
}

/// One searchable document: a directive's page or an article. Its text is
/// made when needed and dropped after, so the index never holds a second
/// copy of the archive's text.
struct Doc<'a> {
    url: String,
    title: &'a str,
    date: Option<String>,
    province: Option<&'a str>,
    /// The directives it cites (for a directive: itself).
    directives: Vec<&'a Directive>,
    of: DocOf<'a>,
}

/// What a document is: all the postings need of it, so that they are
/// built from this alone (the rest of a [`Doc`] is the chunks').
#[derive(Clone, Copy)]
enum DocOf<'a> {
    Directive(&'a Directive),
    Article(&'a Entry),
}

impl DocOf<'_> {
    /// The codes it is found by ([`code_terms`] of the directives it cites,
    /// or its own), each once.
    fn codes(&self) -> Vec<String> {
        let keys: Vec<&str> = match *self {
            DocOf::Directive(d) => vec![d.key.as_str()],
            DocOf::Article(e) => e.citations.iter().map(|c| c.key.as_str()).collect(),
        };
        let mut codes: Vec<String> = Vec::new();
        for t in keys.into_iter().flat_map(code_terms) {
            if !codes.contains(&t) {
                codes.push(t);
            }
        }
        codes
    }

    /// What snippets are cut from.
    fn text(&self) -> String {
        match *self {
            DocOf::Directive(d) => directive_text(d),
            DocOf::Article(e) => body_text(e),
        }
    }

    /// What is indexed: the title, then the text (a directive: its text,
    /// then its key).
    fn indexed(&self) -> String {
        match *self {
            DocOf::Directive(d) => format!("{}\n{}", directive_text(d), d.key),
            DocOf::Article(e) => format!("{}\n{}", e.article.title, body_text(e)),
        }
    }
}

/// Postings of one term, flat: for each document in order, `doc, n`, then
/// `n` pairs `position, spelling` (spelling: an index into `spellings`).
/// Flat `u32`s are a few bytes a posting, like the JSON they become, where
/// a vector per document would cost more than its contents; and blocks
/// merge by copying. No document or text comes near 4 billion.
#[derive(Default)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct TermPostings {
    /// The term itself.
    name: String,
    /// Spellings, in order of first appearance.
    spellings: Vec<String>,
    flat: Vec<u32>,
    /// Where the `n` of the last document is in `flat`.
    last_n: usize,
}

impl TermPostings {
    /// Records the term at `pos` in document `doc` (documents come in
    /// order), with spelling `s`; past [`MAX_POSITIONS`] in a document,
    /// occurrences add nothing.
    fn push(&mut self, doc: u32, pos: u32, s: u32) {
        let same_doc = !self.flat.is_empty() && self.flat[self.last_n - 1] == doc;
        if !same_doc {
            self.flat.extend([doc, 0]);
            self.last_n = self.flat.len() - 1;
        }
        if (self.flat[self.last_n] as usize) < MAX_POSITIONS {
            self.flat[self.last_n] += 1;
            self.flat.extend([pos, s]);
        }
    }
}

/// One term of the whole index: its spellings, and its postings packed as
/// variable-length numbers, each as search.js will read it (positions from
/// the one before) but documents from the one before too: a byte or two
/// each, where flat `u32`s took four, since at a hundred thousand articles
/// the postings are the build's largest data.
#[derive(Default)]
struct TermIndex {
    name: String,
    /// Spellings, in order of first appearance.
    spellings: Vec<String>,
    /// For each document: document − previous document, `n`, then `n`
    /// pairs: position − previous position (from 0), spelling.
    packed: Vec<u8>,
    last_doc: u32,
}

impl TermIndex {
    fn new(name: String) -> TermIndex {
        TermIndex {
            name,
            ..TermIndex::default()
        }
    }

    /// Adds the postings of a later block of documents.
    fn append(&mut self, local: TermPostings) {
        let spelling: Vec<u32> = local
            .spellings
            .into_iter()
            .map(
                |form| match self.spellings.iter().position(|x| *x == form) {
                    Some(s) => s as u32,
                    None => {
                        self.spellings.push(form);
                        (self.spellings.len() - 1) as u32
                    }
                },
            )
            .collect();
        let packed = pack_postings(&local.flat, &mut self.last_doc, |s| {
            spelling.get(s as usize).copied().unwrap_or(0)
        });
        // Grown by an eighth, not doubled: the common terms' postings are
        // the build's largest vectors, and doubling leaves up to half of
        // each unused (copying more often costs far less than that).
        if self.packed.len() + packed.len() > self.packed.capacity() {
            self.packed
                .reserve_exact(packed.len().max(self.packed.len() / 8));
        }
        self.packed.extend_from_slice(&packed);
    }

    /// Writes the JSON object search.js reads (see [`js_json`] for the
    /// escaping), directly rather than through serde because an archive has
    /// hundreds of thousands of them: `{"v":[spellings in order of first
    /// appearance],"p":[[doc, pos, spelling, pos, spelling, ...], ...]}`,
    /// each position counted from the one before (they are shorter so).
    /// Into a [`Count`] it gives the exact size without making the text.
    fn write_json(&self, out: &mut impl JsonOut) {
        out.put("{\"v\":[");
        for (i, v) in self.spellings.iter().enumerate() {
            if i > 0 {
                out.put(",");
            }
            out.put(&js_json(v));
        }
        out.put("],\"p\":[");
        let mut bytes = self.packed.as_slice();
        let mut doc = 0;
        let mut first = true;
        while let Some(delta) = read_varint(&mut bytes) {
            doc += delta;
            let n = read_varint(&mut bytes).unwrap_or(0);
            out.put(if first { "[" } else { ",[" });
            first = false;
            out.number(doc);
            for _ in 0..2 * n {
                out.put(",");
                out.number(read_varint(&mut bytes).unwrap_or(0));
            }
            out.put("]");
        }
        out.put("]}");
    }
}

/// Where [`TermIndex::write_json`] writes: a string, or a byte count.
trait JsonOut {
    fn put(&mut self, s: &str);

    /// Numbers are most of the index: through itoa, as `write!` is slow.
    fn number(&mut self, n: u32) {
        self.put(itoa::Buffer::new().format(n));
    }
}

impl JsonOut for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
}

/// Counts the bytes that would be written.
struct Count(usize);

impl JsonOut for Count {
    fn put(&mut self, s: &str) {
        self.0 += s.len();
    }

    /// Its digits, counted, not written (the index's size is counted
    /// before it is written, term by term).
    fn number(&mut self, n: u32) {
        self.0 += n.checked_ilog10().unwrap_or(0) as usize + 1;
    }
}

/// Writes into a file, keeping the first error (after which it writes
/// nothing more). The JSON comes in pieces of a few bytes (a number, a
/// comma): through a buffer of its own each is a copy, where a call through
/// `dyn Write` for each cost more than making the numbers (4% of a cold
/// build of 10,000 articles).
struct Stream<'w> {
    w: std::io::BufWriter<&'w mut dyn std::io::Write>,
    error: Option<std::io::Error>,
}

impl<'w> Stream<'w> {
    fn new(w: &'w mut dyn std::io::Write) -> Self {
        Stream {
            w: std::io::BufWriter::with_capacity(1 << 16, w),
            error: None,
        }
    }

    /// Writes what is left, and tells whether every write succeeded.
    fn finish(mut self) -> std::io::Result<()> {
        use std::io::Write;
        match self.error {
            Some(e) => Err(e),
            None => self.w.flush(),
        }
    }
}

impl JsonOut for Stream<'_> {
    fn put(&mut self, s: &str) {
        use std::io::Write;
        if self.error.is_none() {
            self.error = self.w.write_all(s.as_bytes()).err();
        }
    }
}

/// `flat` postings (as in [`TermPostings`]) packed as in [`TermIndex`]:
/// documents from `*last_doc` (left at the last), spellings through
/// `spelling`.
fn pack_postings(flat: &[u32], last_doc: &mut u32, spelling: impl Fn(u32) -> u32) -> Vec<u8> {
    let mut packed = Vec::with_capacity(flat.len() + flat.len() / 4);
    let mut i = 0;
    while i + 1 < flat.len() {
        let (doc, n) = (flat[i], flat[i + 1] as usize);
        push_varint(&mut packed, doc - *last_doc);
        *last_doc = doc;
        push_varint(&mut packed, n as u32);
        let mut last = 0;
        for pair in flat[i + 2..].chunks_exact(2).take(n) {
            push_varint(&mut packed, pair[0] - last);
            last = pair[0];
            push_varint(&mut packed, spelling(pair[1]));
        }
        i += 2 + 2 * n;
    }
    packed
}

/// LEB128: seven bits a byte, low first, the high bit saying "more".
fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut n = 0u32;
    for shift in (0..35).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        n |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(n);
        }
    }
    Some(n)
}

/// One shard of the index: `{"t":{term: postings, ...},"c":{code: [doc,
/// ...], ...}}`, keys in order.
#[derive(Default)]
struct ShardJson<'a> {
    /// Word terms → their postings.
    t: BTreeMap<&'a str, &'a TermIndex>,
    /// Code terms → documents.
    c: BTreeMap<&'a str, &'a [usize]>,
}

impl ShardJson<'_> {
    /// What the shard's file is made from, hashed: each term with its
    /// spellings and packed postings, each code with its documents. Cheaper
    /// than writing the JSON, so a rebuild keeps an unchanged shard's file
    /// without writing it.
    fn inputs(&self, program: Inputs, prefix: &str) -> Inputs {
        use std::hash::Hasher;
        let mut h = Xxh3::new();
        h.write_u128(program);
        text_into(&mut h, prefix);
        h.write_u64(self.t.len() as u64);
        for (t, postings) in &self.t {
            text_into(&mut h, t);
            h.write_u64(postings.spellings.len() as u64);
            for s in &postings.spellings {
                text_into(&mut h, s);
            }
            h.write_u64(postings.packed.len() as u64);
            h.update(&postings.packed);
        }
        h.write_u64(self.c.len() as u64);
        for (c, ids) in &self.c {
            text_into(&mut h, c);
            h.write_u64(ids.len() as u64);
            for &id in *ids {
                h.write_u64(id as u64);
            }
        }
        h.digest128()
    }

    /// Writes the shard as [`js_json`] would.
    fn write_js(&self, out: &mut impl JsonOut) {
        out.put("{\"t\":{");
        for (i, (t, postings)) in self.t.iter().enumerate() {
            if i > 0 {
                out.put(",");
            }
            out.put(&js_json(t));
            out.put(":");
            postings.write_json(out);
        }
        out.put("},\"c\":{");
        let mut number = itoa::Buffer::new();
        for (i, (c, ids)) in self.c.iter().enumerate() {
            if i > 0 {
                out.put(",");
            }
            out.put(&js_json(c));
            out.put(":[");
            for (j, &id) in ids.iter().enumerate() {
                if j > 0 {
                    out.put(",");
                }
                out.put(number.format(id));
            }
            out.put("]");
        }
        out.put("}}");
    }
}

#[derive(Serialize)]
struct DocJson<'a> {
    u: &'a str,
    t: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<&'a str>,
    /// Directives: `[[name, url], ...]`.
    r: Vec<(&'a str, &'a str)>,
    x: &'a str,
}

#[derive(Serialize)]
struct ManifestJson<'a> {
    /// Shards that exist, by prefix; a term is in the one with the longest
    /// prefix of it.
    shards: Vec<&'a str>,
    /// Documents per chunk.
    chunk: usize,
    /// Number of documents; the first `directives` are directive pages.
    docs: usize,
    directives: usize,
}

/// JSON safe inside a `<script>` element and as a JavaScript expression:
/// `<`, `>`, `&`, U+2028 and U+2029 (which serde_json leaves as they are,
/// and only ever inside strings) are written as `\u` escapes, so a text
/// holding `</script>` or `<!--` cannot end the script.
pub fn js_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    crate::render::body::escape_json_for_script(&json)
}

/// The body of an article as plain text: its blocks, one per line.
fn body_text(e: &Entry) -> String {
    let mut text = String::new();
    for b in &e.article.blocks {
        if let Some(s) = e.article.text.get(b.range.clone()) {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(s.trim());
        }
    }
    cut(text, MAX_TEXT)
}

fn cut(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

fn directive_text(d: &Directive) -> String {
    let mut text = d.name.clone();
    for part in [
        d.title.as_deref(),
        d.issuer.as_deref(),
        Some(d.scope.as_str()),
    ]
    .into_iter()
    .flatten()
    {
        text.push_str(". ");
        text.push_str(part);
    }
    text
}

fn directive_doc(d: &Directive) -> Doc<'_> {
    let url = format!("directives/{}.html", d.slug);
    Doc {
        title: &d.name,
        date: d.date.as_ref().map(vi_date),
        province: None,
        directives: vec![d],
        of: DocOf::Directive(d),
        url,
    }
}

fn article_doc<'a>(archive: &'a Archive, e: &'a Entry) -> Doc<'a> {
    let mut directives: Vec<&Directive> = Vec::new();
    for c in &e.citations {
        if let Some(d) = archive.directive(&c.key) {
            if !directives.iter().any(|known| known.slug == d.slug) {
                directives.push(d);
            }
        }
    }
    Doc {
        url: format!("articles/{}.html", e.slug),
        title: &e.article.title,
        date: e.article.date.as_ref().map(vi_date),
        province: e.article.province.as_ref().map(|p| p.name.as_str()),
        directives,
        of: DocOf::Article(e),
    }
}

/// Every document, in the order results fall back on: directives first (in
/// the archive's order), then articles newest first (undated last).
fn documents(archive: &Archive) -> Vec<Doc<'_>> {
    let mut docs: Vec<Doc> = archive.directives.iter().map(directive_doc).collect();
    let mut entries: Vec<&Entry> = archive.entries.iter().collect();
    entries.sort_by(|a, b| {
        b.article
            .date
            .cmp(&a.article.date)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    docs.par_extend(entries.into_par_iter().map(|e| article_doc(archive, e)));
    docs
}

/// The search index's files, and the search page's script, into `sink`.
pub fn emit(archive: &Archive, options: &Options, sink: &dyn Sink) -> Result<(), RenderError> {
    let docs = documents(archive);
    let chunk = options.chunk_size.max(1);
    // The documents' chunks go out first, in parallel, each made and
    // dropped in turn.
    // A rebuild keeps the file of each chunk whose documents are unchanged,
    // and of each shard whose postings are, without making either again
    // (see `chunk_inputs`, `ShardJson::inputs`).
    let program = sink.reuses().then(reuse::program_inputs);
    docs.par_chunks(chunk)
        .enumerate()
        .try_for_each(|(n, group)| {
            let inputs = program.map(|p| chunk_inputs(p, group));
            put_or_keep(sink, chunk_path(n), inputs, |_| Ok(chunk_page(n, group)))
        })?;
    // The postings need only what each document is: the rest goes before
    // they grow (at 100,000 articles, tens of megabytes at the build's peak).
    let count = docs.len();
    let sources: Vec<DocOf> = docs.iter().map(|d| d.of).collect();
    drop(docs);
    crate::release_freed_memory();

    let keep = program.map(|program| (sink, program));
    let (terms, codes) = postings(&sources, options.block_docs.max(1), keep);
    // Each term's JSON size decides the shards; the JSON itself is written
    // only into its shard's file.
    let sizes: Vec<usize> = terms
        .par_iter()
        .map(|t| {
            let mut count = Count(0);
            t.write_json(&mut count);
            count.0
        })
        .collect();
    // In no order: a shard's terms are sorted as it takes them.
    let mut items: Vec<Item> = Vec::with_capacity(terms.len() + codes.len());
    items.extend(terms.iter().zip(sizes).map(|(t, size)| Item::Term(t, size)));
    items.extend(codes.iter().map(|(c, ids)| Item::code(c, ids)));
    let mut shards: BTreeMap<String, ShardJson> = BTreeMap::new();
    split_into_shards(items, String::new(), options.shard_bytes, &mut shards);
    let manifest = ManifestJson {
        shards: shards.keys().map(String::as_str).collect(),
        chunk,
        docs: count,
        directives: archive.directives.len(),
    };
    put(
        sink,
        script_page(
            "search/manifest.js".into(),
            "manifest",
            None,
            &js_json(&manifest),
        ),
    )?;
    let shard_list: Vec<(&String, &ShardJson)> = shards.iter().collect();
    // Written as they are made: a shard of one common term runs to megabytes
    // at a hundred thousand articles, and a page of it was held twice over
    // (its JSON, then the script around it) on each thread.
    shard_list.par_iter().try_for_each(|(p, shard)| {
        let inputs = program.map(|program| shard.inputs(program, p));
        stream_or_keep(sink, &shard_file(p), inputs, &mut |w| {
            w.write_all(script_head("shards", Some(p)).as_bytes())?;
            let mut out = Stream::new(w);
            shard.write_js(&mut out);
            out.finish()?;
            w.write_all(SCRIPT_TAIL.as_bytes())
        })
        .map(drop)
    })?;
    put(
        sink,
        Page {
            path: "static/search.js".into(),
            bytes: SCRIPT.as_bytes().to_vec(),
        },
    )?;
    Ok(())
}

/// The index's files, in memory (tests).
pub fn pages(archive: &Archive, options: &Options) -> Vec<Page> {
    let pages = crate::render::Collect::default();
    // A collecting sink cannot fail.
    let _ = emit(archive, options, &pages);
    pages.into_pages()
}

fn chunk_path(n: usize) -> String {
    format!("search/d-{n}.js")
}

/// What the file of a chunk of documents is made from, hashed: for each
/// document what [`chunk_page`] writes of it, the text given by what it is
/// cut from ([`reuse::article_inputs`]), so that it need not be made.
fn chunk_inputs(program: Inputs, group: &[Doc]) -> Inputs {
    use std::hash::Hasher;
    let mut h = Xxh3::new();
    h.write_u128(program);
    h.write_u64(group.len() as u64);
    for d in group {
        for part in [
            Some(d.url.as_str()),
            Some(d.title),
            d.date.as_deref(),
            d.province,
        ] {
            h.write_u8(u8::from(part.is_some()));
            text_into(&mut h, part.unwrap_or_default());
        }
        h.write_u64(d.directives.len() as u64);
        for r in &d.directives {
            text_into(&mut h, &r.name);
            text_into(&mut h, &r.slug);
        }
        match d.of {
            DocOf::Directive(dir) => text_into(&mut h, &directive_text(dir)),
            DocOf::Article(e) => h.write_u128(reuse::article_inputs(&e.article)),
        }
    }
    h.digest128()
}

/// `search/d-<n>.js`: the documents of chunk `n`.
fn chunk_page(n: usize, group: &[Doc]) -> Page {
    let texts: Vec<String> = group.iter().map(|d| d.of.text()).collect();
    let urls: Vec<Vec<String>> = group
        .iter()
        .map(|d| {
            d.directives
                .iter()
                .map(|c| format!("directives/{}.html", c.slug))
                .collect()
        })
        .collect();
    let rows: Vec<DocJson> = group
        .iter()
        .zip(&texts)
        .zip(&urls)
        .map(|((d, text), urls)| DocJson {
            u: &d.url,
            t: d.title,
            d: d.date.as_deref(),
            p: d.province,
            r: d.directives
                .iter()
                .zip(urls)
                .map(|(c, url)| (c.name.as_str(), url.as_str()))
                .collect(),
            x: text,
        })
        .collect();
    script_page(
        chunk_path(n),
        "chunks",
        Some(&n.to_string()),
        &js_json(&rows),
    )
}

/// The postings of every term, sorted by term, and the documents of every
/// code. Blocks of `block_docs` documents are tokenised in parallel, a
/// batch at a time (so that only a batch's unpacked postings are held at
/// once); each term then takes its blocks' postings in document order,
/// terms in parallel. Neither step depends on the number of threads, so
/// neither does the result. With `keep`, a block's postings are kept by the
/// sink for the next build, and taken from it rather than made when the
/// block's documents are unchanged (a rebuild after one article changed
/// tokenises one block).
fn postings(
    docs: &[DocOf],
    block_docs: usize,
    keep: Option<(&dyn Sink, Inputs)>,
) -> (Vec<TermIndex>, BTreeMap<String, Vec<usize>>) {
    // The codes first, while the terms' postings take no memory yet.
    let doc_codes: Vec<Vec<String>> = docs.par_iter().map(DocOf::codes).collect();
    let mut codes: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (id, doc_codes) in doc_codes.into_iter().enumerate() {
        for c in doc_codes {
            codes.entry(c).or_default().push(id);
        }
    }
    let mut ids: HashMap<String, usize> = HashMap::default();
    let mut terms: Vec<TermIndex> = Vec::new();
    // What each term gets from the batch, in document order.
    let mut pending: Vec<Vec<TermPostings>> = Vec::new();
    let batch = block_docs * 4 * rayon::current_num_threads().max(1);
    for (b, docs_of_batch) in docs.chunks(batch).enumerate() {
        let first = b * batch;
        let blocks: Vec<Vec<TermPostings>> = docs_of_batch
            .par_chunks(block_docs)
            .enumerate()
            .map(|(k, block)| kept_or_made(block, first + k * block_docs, keep))
            .collect();
        for local in blocks.into_iter().flatten() {
            let t = match ids.get(&local.name) {
                Some(&t) => t,
                None => {
                    ids.insert(local.name.clone(), terms.len());
                    terms.push(TermIndex::new(local.name.clone()));
                    pending.push(Vec::new());
                    terms.len() - 1
                }
            };
            pending[t].push(local);
        }
        terms
            .par_iter_mut()
            .zip(pending.par_iter_mut())
            .with_min_len(256)
            .for_each(|(term, locals)| {
                // Taken, not drained: an emptied vector would keep its
                // room, for every term, until the end.
                for local in std::mem::take(locals) {
                    term.append(local);
                }
            });
    }
    drop(ids);
    drop(pending);
    // Names are unique: an unstable sort is as good, and needs no buffer
    // (a stable one takes half the terms' size again, at the build's peak).
    terms.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    (terms, codes)
}

/// The postings of the block whose first document is `first`: kept by the
/// sink if it has them for these documents, else made (and given it to
/// keep).
fn kept_or_made(
    block: &[DocOf],
    first: usize,
    keep: Option<(&dyn Sink, Inputs)>,
) -> Vec<TermPostings> {
    let texts: Vec<String> = block.iter().map(DocOf::indexed).collect();
    let Some((sink, program)) = keep else {
        return block_postings(&texts, first);
    };
    let key = block_inputs(program, first, &texts);
    if let Some(kept) = sink
        .kept(key)
        .and_then(|b| unpack_block(&b, first, texts.len()))
    {
        return kept;
    }
    let made = block_postings(&texts, first);
    sink.keep(key, &pack_block(&made, first));
    made
}

/// What a block's postings are made from, hashed: the program, where the
/// block starts, and each document's indexed text.
fn block_inputs(program: Inputs, first: usize, texts: &[String]) -> Inputs {
    use std::hash::Hasher;
    let mut h = Xxh3::new();
    h.write_u128(program);
    h.write_u64(first as u64);
    h.write_u64(texts.len() as u64);
    for text in texts {
        text_into(&mut h, text);
    }
    h.digest128()
}

/// A block's postings as kept between builds: for each term, its name,
/// spellings and postings, the postings packed as in [`TermIndex`]
/// (documents counted from the block's first).
#[derive(Serialize, serde::Deserialize)]
struct KeptTerm {
    name: String,
    spellings: Vec<String>,
    /// Bytes, not a sequence of numbers, to postcard: read at a copy.
    #[serde(with = "serde_bytes")]
    packed: Vec<u8>,
}

/// A block's postings as kept ([`KeptTerm`]s, through postcard).
fn pack_block(postings: &[TermPostings], first: usize) -> Vec<u8> {
    let terms: Vec<KeptTerm> = postings
        .iter()
        .map(|p| KeptTerm {
            name: p.name.clone(),
            spellings: p.spellings.clone(),
            packed: pack_postings(&p.flat, &mut (first as u32), |s| s),
        })
        .collect();
    postcard::to_stdvec(&terms).unwrap_or_default()
}

/// The postings [`pack_block`] packed, if `bytes` are such postings for the
/// `len` documents from `first`: documents inside the block and in order,
/// positions in order, spellings that exist, each term once and with a
/// posting. Anything else is refused, so that the merge can trust what it
/// is given.
fn unpack_block(bytes: &[u8], first: usize, len: usize) -> Option<Vec<TermPostings>> {
    let terms: Vec<KeptTerm> = postcard::from_bytes(bytes).ok()?;
    let (first, end) = (u32::try_from(first).ok()?, u32::try_from(first + len).ok()?);
    let mut names = std::collections::HashSet::with_capacity(terms.len());
    let each_once = terms.iter().all(|t| names.insert(t.name.as_str()));
    drop(names);
    if !each_once {
        return None;
    }
    let mut out = Vec::with_capacity(terms.len());
    for term in terms {
        if term.packed.is_empty() {
            return None;
        }
        let mut flat = Vec::with_capacity(term.packed.len() * 2);
        let mut rest = term.packed.as_slice();
        let mut doc = first;
        let mut last_n = 0;
        while !rest.is_empty() {
            let step = read_varint(&mut rest)?;
            if step == 0 && !flat.is_empty() {
                return None;
            }
            doc = doc.checked_add(step).filter(|&d| d < end)?;
            let n = read_varint(&mut rest)?;
            if n == 0 || n as usize > MAX_POSITIONS {
                return None;
            }
            flat.extend([doc, n]);
            last_n = flat.len() - 1;
            let mut pos = 0u32;
            for _ in 0..n {
                pos = pos.checked_add(read_varint(&mut rest)?)?;
                let s = read_varint(&mut rest)?;
                if s as usize >= term.spellings.len() {
                    return None;
                }
                flat.extend([pos, s]);
            }
        }
        out.push(TermPostings {
            name: term.name,
            spellings: term.spellings,
            flat,
            last_n,
        });
    }
    Some(out)
}

/// The postings of the documents whose indexed `texts` these are, the first
/// of them document `first`, in the order terms first appear. A word's term
/// and spelling depend on the word alone, so each distinct word is folded
/// once.
fn block_postings(texts: &[String], first: usize) -> Vec<TermPostings> {
    let mut term_ids: HashMap<String, usize> = HashMap::default();
    let mut postings: Vec<TermPostings> = Vec::new();
    // Each word seen: its term and spelling. Short words, nearly all of
    // them, are keyed by their bytes packed in a number (no allocation,
    // one comparison).
    let mut seen_short: HashMap<u128, (usize, u32)> = HashMap::default();
    let mut seen: HashMap<String, (usize, u32)> = HashMap::default();
    for (k, indexed) in texts.iter().enumerate() {
        let id = (first + k) as u32;
        for (pos, (_, word)) in words(indexed).enumerate() {
            let short = packed_word(word);
            let known = match short {
                Some(k) => seen_short.get(&k),
                None => seen.get(word),
            };
            let (t, s) = match known {
                Some(&ts) => ts,
                None => {
                    let name = term(word);
                    let t = *term_ids.entry(name.clone()).or_insert_with(|| {
                        postings.push(TermPostings {
                            name,
                            ..TermPostings::default()
                        });
                        postings.len() - 1
                    });
                    let form = spelling(word);
                    let p = &mut postings[t];
                    let s = match p.spellings.iter().position(|x| *x == form) {
                        Some(s) => s,
                        None => {
                            p.spellings.push(form);
                            p.spellings.len() - 1
                        }
                    };
                    let s = s as u32;
                    match short {
                        Some(k) => seen_short.insert(k, (t, s)),
                        None => seen.insert(word.to_string(), (t, s)),
                    };
                    (t, s)
                }
            };
            postings[t].push(id, pos as u32, s);
        }
    }
    postings
}

/// A word of up to 15 bytes as one number: its bytes, then its length in
/// the last byte, so that two words give the same number only if they are
/// the same word.
fn packed_word(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(key))
}

/// One term's or code's postings, on their way into a shard.
enum Item<'a> {
    /// A term with its postings, and their JSON's size.
    Term(&'a TermIndex, usize),
    /// A code, the documents it is found in, and its size in the shard.
    Code(&'a str, &'a [usize], usize),
}

impl<'a> Item<'a> {
    /// A code's item, its size counted once rather than at each level of
    /// [`split_into_shards`].
    fn code(c: &'a str, ids: &'a [usize]) -> Self {
        let size = c.len() + 4 + ids.iter().map(|&i| digits(i) + 1).sum::<usize>();
        Item::Code(c, ids, size)
    }

    fn name(&self) -> &'a str {
        match self {
            Item::Term(t, _) => &t.name,
            Item::Code(c, _, _) => c,
        }
    }

    /// Its size in the shard's file, near enough to cut shards by.
    fn bytes(&self) -> usize {
        match self {
            Item::Term(t, json) => t.name.len() + json + 4,
            Item::Code(_, _, size) => *size,
        }
    }
}

/// How many digits `n` is written with.
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Puts `items` (all starting with `prefix` in [`shard_of`]'s alphabet)
/// into the shard `prefix`, or, if they are more than `limit` bytes, splits
/// them by the next letter; terms no longer than the prefix stay in its
/// shard.
fn split_into_shards<'a>(
    items: Vec<Item<'a>>,
    prefix: String,
    limit: usize,
    shards: &mut BTreeMap<String, ShardJson<'a>>,
) {
    let depth = prefix.chars().count();
    let total: usize = items.iter().map(Item::bytes).sum();
    let splittable = items.iter().any(|i| i.name().chars().count() > depth);
    if total <= limit || !splittable {
        let shard = shards.entry(prefix).or_default();
        for item in items {
            match item {
                Item::Term(postings, _) => {
                    shard.t.insert(&postings.name, postings);
                }
                Item::Code(c, ids, _) => {
                    shard.c.insert(c, ids);
                }
            }
        }
        return;
    }
    let mut groups: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for item in items {
        let key = shard_of(item.name(), depth + 1);
        groups.entry(key).or_default().push(item);
    }
    for (key, group) in groups {
        split_into_shards(group, key, limit, shards);
    }
}

/// `window.VANBAN_SEARCH.<table>["<key>"] = <json>;`, creating the global
/// if this file is the first to load.
fn script_page(path: String, table: &str, key: Option<&str>, json: &str) -> Page {
    let text = format!("{}{json}{SCRIPT_TAIL}", script_head(table, key));
    Page {
        path,
        bytes: text.into_bytes(),
    }
}

/// What a [`script_page`] says before its JSON.
fn script_head(table: &str, key: Option<&str>) -> String {
    let target = match key {
        Some(k) => format!("S.{table}[{}]", js_json(k)),
        None => format!("S.{table}"),
    };
    format!(
        "/* vanban search index: generated, do not edit. */\n\
         (function (S) {{ S.shards = S.shards || {{}}; S.chunks = S.chunks || {{}};\n\
         {target} = "
    )
}

/// What a [`script_page`] says after its JSON.
const SCRIPT_TAIL: &str = ";\n})(window.VANBAN_SEARCH = window.VANBAN_SEARCH || {});\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation_only() {
        let w: Vec<&str> = words("Chỉ thị số 05-CT/TW, (Đảng)")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, ["Chỉ", "thị", "số", "05", "CT", "TW", "Đảng"]);
    }

    #[test]
    fn terms_fold_and_drop_zeros() {
        assert_eq!(term("Đảng"), term("dang"));
        assert_eq!(term("05"), "5");
        assert_eq!(term("000"), "0");
        assert_ne!(spelling("Đảng"), spelling("dang"));
        assert_eq!(spelling("Tỉnh uỷ"), spelling("tỉnh ủy"));
    }

    #[test]
    fn codes_in_any_spelling_meet() {
        assert_eq!(code_terms("22-NQ/TW"), ["22nqtw", "22nq"]);
        assert_eq!(code_terms("22 - nq/tw"), ["22nqtw", "22nq"]);
        assert_eq!(code_terms("05-CT/TW@x#2019"), ["5cttw", "5ct"]);
        assert_eq!(code_terms("114/2014/NĐ-CP"), ["114ndcp", "114nd"]);
        assert!(code_terms("NQ-TW4").is_empty());
    }

    /// The postings of three documents from document 40: a word past
    /// [`MAX_POSITIONS`], one term in several spellings.
    fn sample_block() -> Vec<TermPostings> {
        let texts = [
            "Nghị quyết số 05-NQ/TW về Đảng, Đảng bộ tỉnh".to_string(),
            "hai Hai hài ".repeat(10),
            "Chỉ thị 22 của Ban Bí thư".to_string(),
        ];
        block_postings(&texts, 40)
    }

    /// Whether `postings` are what the merge can take: documents inside
    /// the block and in order, positions in order, spellings that exist.
    fn well_formed(postings: &[TermPostings], first: u32, end: u32) -> bool {
        postings.iter().all(|t| {
            let mut i = 0;
            let mut last_doc = None;
            while i + 1 < t.flat.len() {
                let (doc, n) = (t.flat[i], t.flat[i + 1] as usize);
                if !(first..end).contains(&doc) || last_doc.is_some_and(|l| l >= doc) {
                    return false;
                }
                last_doc = Some(doc);
                let pairs = &t.flat[i + 2..(i + 2 + 2 * n).min(t.flat.len())];
                if n == 0 || n > MAX_POSITIONS || pairs.len() != 2 * n {
                    return false;
                }
                let positions: Vec<u32> = pairs.iter().step_by(2).copied().collect();
                if !positions.is_sorted()
                    || pairs
                        .iter()
                        .skip(1)
                        .step_by(2)
                        .any(|&s| s as usize >= t.spellings.len())
                {
                    return false;
                }
                i += 2 + 2 * n;
            }
            i == t.flat.len() && i > 0
        })
    }

    #[test]
    fn a_kept_block_unpacks_to_the_postings_it_was_packed_from() {
        let made = sample_block();
        assert!(made.iter().any(|t| t.spellings.len() > 1));
        assert!(made.iter().any(|t| t.flat[1] as usize == MAX_POSITIONS));
        assert!(well_formed(&made, 40, 43));
        let packed = pack_block(&made, 40);
        assert_eq!(unpack_block(&packed, 40, 3), Some(made));
    }

    #[test]
    fn a_kept_block_cut_short_or_too_long_for_its_place_is_refused() {
        let packed = pack_block(&sample_block(), 40);
        for end in 0..packed.len() {
            assert_eq!(unpack_block(&packed[..end], 40, 3), None, "cut at {end}");
        }
        // Its third document is not in a block of two.
        assert_eq!(unpack_block(&packed, 40, 2), None);
    }

    #[test]
    fn kept_postings_the_merge_cannot_take_are_refused() {
        let block = |terms: &[(&str, &[u8])]| {
            let terms: Vec<KeptTerm> = terms
                .iter()
                .map(|&(name, packed)| KeptTerm {
                    name: name.into(),
                    spellings: vec!["x".into(), "y".into()],
                    packed: packed.to_vec(),
                })
                .collect();
            unpack_block(&postcard::to_stdvec(&terms).unwrap(), 40, 3)
        };
        // Documents 40 and 42; at 42, positions 3 and 5 in spellings 0, 1.
        let good: &[u8] = &[0, 1, 7, 0, 2, 2, 3, 0, 2, 1];
        let made = block(&[("x", good)]).unwrap();
        assert_eq!(made[0].flat, [40, 1, 7, 0, 42, 2, 3, 0, 5, 1]);
        for bad in [
            &[0, 1, 7, 0, 0, 1, 8, 0][..], // document 40 twice
            &[0, 1, 7, 2],                 // a third spelling
            &[3, 1, 7, 0],                 // document 43, past the block
            &[0, 0],                       // a document without a position
            &[
                0, 17, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0, 9, 0, 10, 0, 11, 0,
                12, 0, 13, 0, 14, 0, 15, 0, 16, 0,
            ],
            &[], // no posting at all
        ] {
            assert_eq!(block(&[("x", bad)]), None, "{bad:?}");
        }
        // The same term twice.
        assert_eq!(block(&[("x", good), ("x", good)]), None);
    }

    proptest::proptest! {
        #[test]
        fn whatever_a_kept_block_holds_the_merge_gets_well_formed_postings(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            flips in proptest::collection::vec((0usize..10_000, proptest::prelude::any::<u8>()), 0..4),
        ) {
            // Random bytes, and a real block with a few bytes changed.
            let mut damaged = pack_block(&sample_block(), 40);
            for (at, x) in flips {
                let len = damaged.len();
                damaged[at % len] ^= x;
            }
            for b in [bytes, damaged] {
                if let Some(postings) = unpack_block(&b, 40, 3) {
                    proptest::prop_assert!(well_formed(&postings, 40, 43));
                    // Each term's postings after those of an earlier block.
                    for t in postings {
                        let mut index = TermIndex::new(t.name.clone());
                        index.last_doc = 39;
                        index.append(t);
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn a_terms_json_is_as_long_as_counted(
            docs in proptest::collection::vec((0u32..2_000_000, 1usize..4), 1..20),
            positions in proptest::collection::vec(0u32..u32::MAX / 64, 3),
        ) {
            let mut term = TermIndex::new("dang".into());
            let mut doc = 0;
            for (step, n) in docs {
                doc += step;
                let mut flat = vec![doc, n as u32];
                let mut pos = 0;
                for p in positions.iter().take(n) {
                    pos += p;
                    flat.extend([pos, 0]);
                }
                term.append(TermPostings {
                    name: "dang".into(),
                    spellings: vec!["đảng".into()],
                    flat,
                    last_n: 1,
                });
            }
            let mut json = String::new();
            term.write_json(&mut json);
            let mut count = Count(0);
            term.write_json(&mut count);
            proptest::prop_assert_eq!(count.0, json.len());
            proptest::prop_assert!(json.contains(&doc.to_string()));
        }
    }

    #[test]
    fn json_cannot_close_a_script() {
        let s = js_json("</script><!-- & \u{2028}\u{2029}");
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(!s.contains('\u{2028}') && !s.contains('\u{2029}'));
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "</script><!-- & \u{2028}\u{2029}");
    }
}
