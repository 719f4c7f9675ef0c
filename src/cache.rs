//! What the last build read from each article file, kept beside the output,
//! so that a rebuild reads, cleans and cites again only the files that
//! changed.
//!
//! Reading one file (decode, clean, detect, resolve) depends on its bytes,
//! the site's configuration and the program, nothing else: the archive-wide
//! steps (years agreed across articles, the graph) run after it, on every
//! build. The folder `.NAME.vanban-articles` beside the output holds one
//! entry per file: a key of the configuration and the program, the file's
//! size and modification time, and what reading it gave. An entry is used
//! only while all of them match; otherwise the file is read again and its
//! entry replaced. One file per entry keeps memory flat: nothing is held
//! for the whole archive. A folder there that is not vanban's is left alone.
//!
//! [`Kept`] keeps, the same way, what later stages make at most cost and
//! can find again by a hash of what it is made from (the search index's
//! postings of each block of documents).

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128;

use crate::article::Article;
use crate::config::SiteConfig;
use crate::refs::Citation;
use crate::render::reuse::{hash_parts, program, stamp, Inputs};
use crate::source::{self, Found};

/// An entry: a line of text (this, the key, the file's size, time and
/// path), then what reading the file gave, in postcard's binary form.
const HEADER: &str = "vanban article 2";
/// The file that marks the folder as vanban's.
const MARKER: &str = "VANBAN-ARTICLES";

/// What reading one file gave: borrowed when written, owned when read back.
#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    /// Without its text, which is read from the file again.
    article: Cow<'a, Article>,
    /// The hash of the text: an entry is used only with the text it was
    /// made from.
    text: u128,
    citations: Cow<'a, [Citation]>,
    /// Each citation's span, which `Citation`'s own serialisation (the
    /// public `scan` format) leaves out.
    spans: Vec<(usize, usize)>,
}

impl Entry<'_> {
    /// Whether every range points into the text, on character boundaries:
    /// a damaged entry must not make a later stage slice out of bounds.
    fn fits(&self) -> bool {
        let text = &self.article.text;
        let ok = |start: usize, end: usize| {
            start <= end && text.is_char_boundary(start) && text.is_char_boundary(end)
        };
        self.spans.len() == self.citations.len()
            && self.spans.iter().all(|&(s, e)| ok(s, e))
            && self
                .article
                .blocks
                .iter()
                .all(|b| ok(b.range.start, b.range.end))
            && text.is_char_boundary(self.article.body_end)
    }
}

/// The key entries are valid under: the program and the configuration
/// (everything in it may change how a file reads).
fn key(config: &SiteConfig) -> String {
    let (len, modified) = program().unwrap_or_default();
    let parts = [
        env!("CARGO_PKG_VERSION").to_string(),
        len.to_string(),
        modified.to_string(),
        format!("{config:?}"),
    ];
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    format!("{:032x}", hash_parts(&parts))
}

/// The entries of the last build, beside the output folder.
pub struct ArticleCache {
    /// `None` when there is no folder vanban may use.
    dir: Option<PathBuf>,
    key: String,
}

impl ArticleCache {
    /// The folder beside `output` (`public/` → `.public.vanban-articles/`),
    /// made if missing; not used if something else is there.
    pub fn open(output: &Path, config: &SiteConfig) -> ArticleCache {
        ArticleCache {
            dir: folder_beside(
                output,
                "articles",
                MARKER,
                "vanban keeps here what it read from each article, to rebuild faster.\n",
            ),
            key: key(config),
        }
    }

    /// The entry's file for the article at `path`.
    fn entry(&self, path: &Path) -> Option<PathBuf> {
        let name = hash_parts(&[path.to_str()?]);
        Some(self.dir.as_ref()?.join(format!("{name:032x}.bin")))
    }

    /// The header line of an entry of `path` with this [`stamp`].
    fn header(&self, path: &Path, (size, modified): (u64, u128)) -> Option<String> {
        Some(format!(
            "{HEADER}\t{}\t{size}\t{modified}\t{}",
            self.key,
            path.to_str()?
        ))
    }

    /// What reading `path` (`rel` in the content folder) gave last time,
    /// if neither the file nor the program nor the configuration changed
    /// since. The text is decoded from the file again (much cheaper than
    /// cleaning and citing it), and must be the one the entry was made from.
    pub fn get(&self, path: &Path, rel: &str) -> Option<(Article, Vec<Citation>)> {
        let bytes = fs::read(self.entry(path)?).ok()?;
        let header = self.header(path, stamp(path)?)?;
        let body = bytes.strip_prefix(header.as_bytes())?.strip_prefix(b"\n")?;
        let mut entry: Entry = postcard::from_bytes(body).ok()?;
        let Found::Read(source) = source::read(path, rel) else {
            return None;
        };
        if xxh3_128(source.text.as_bytes()) != entry.text {
            return None;
        }
        entry.article.to_mut().text = source.text;
        if !entry.fits() {
            return None;
        }
        let mut citations = entry.citations.into_owned();
        for (c, &(start, end)) in citations.iter_mut().zip(&entry.spans) {
            c.span = start..end;
        }
        Some((entry.article.into_owned(), citations))
    }

    /// Keeps what reading `path` gave, for the next build. `read_at` is
    /// the file's [`stamp`] taken before it was read, so that a file changed
    /// while it was being read is read again next time. Articles with
    /// front matter keys of their own are not kept (TOML values do not
    /// round-trip through a binary form): they are read each time.
    pub fn put(
        &self,
        path: &Path,
        read_at: (u64, u128),
        article: &Article,
        citations: &[Citation],
    ) {
        if !article.extra.is_empty() {
            return;
        }
        let (Some(file), Some(header)) = (self.entry(path), self.header(path, read_at)) else {
            return;
        };
        let out = Entry {
            article: Cow::Borrowed(article),
            text: xxh3_128(article.text.as_bytes()),
            citations: Cow::Borrowed(citations),
            spans: citations
                .iter()
                .map(|c| (c.span.start, c.span.end))
                .collect(),
        };
        let Ok(body) = postcard::to_stdvec(&out) else {
            return;
        };
        write_entry(&file, &[header.as_bytes(), b"\n", &body]);
    }

    /// Removes the entries of files no longer in the archive.
    pub fn retain(&self, paths: &[PathBuf]) {
        let Some(dir) = &self.dir else { return };
        let keep: HashSet<PathBuf> = paths.iter().filter_map(|p| self.entry(p)).collect();
        remove_entries_but(dir, &keep);
    }
}

/// The folder `what` beside `output` ([`crate::site::beside`]) if vanban
/// may use it: one holding `marker`, or one it could make (with the
/// marker, holding `text`).
fn folder_beside(output: &Path, what: &str, marker: &str, text: &str) -> Option<PathBuf> {
    let dir = crate::site::beside(output, what);
    let usable = if dir.exists() {
        dir.join(marker).is_file()
    } else {
        fs::create_dir_all(&dir).is_ok() && fs::write(dir.join(marker), text).is_ok()
    };
    usable.then_some(dir)
}

/// Writes `parts` as the file `file`: aside, then renamed, so that a kill
/// leaves the old entry or the new one, never a part. Best effort: an entry
/// that could not be written is made again next time.
fn write_entry(file: &Path, parts: &[&[u8]]) {
    let mut new = file.as_os_str().to_owned();
    new.push(".new");
    let new = PathBuf::from(new);
    let written = fs::File::create(&new)
        .and_then(|mut f| {
            use std::io::Write;
            parts.iter().try_for_each(|part| f.write_all(part))
        })
        .and_then(|()| fs::rename(&new, file));
    if written.is_err() {
        let _ = fs::remove_file(&new);
    }
}

/// Removes from `dir` the entries (`<32 hex digits>.bin`, and any left
/// half-written) not in `keep`; nothing else.
fn remove_entries_but(dir: &Path, keep: &HashSet<PathBuf>) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    for item in listing.flatten() {
        let path = item.path();
        let ours = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.len() == 36 && n.ends_with(".bin") || n.ends_with(".bin.new"));
        if ours && !keep.contains(&path) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// The file that marks the folder of [`Kept`] as vanban's.
const KEPT_MARKER: &str = "VANBAN-KEPT";

/// Results of a build's costlier steps, each under the hash of what it is
/// made from ([`Inputs`], the program's among them), kept beside the output
/// (`public/` → `.public.vanban-kept/`) for the next build. A build that
/// used it removes, as it ends, the entries it neither read nor made. Each
/// entry holds a hash of its bytes, so a damaged one is never used, only
/// made again.
pub struct Kept {
    /// `None` when there is no folder vanban may use.
    dir: Option<PathBuf>,
    /// The entries this build read or made.
    used: Mutex<HashSet<Inputs>>,
}

impl Kept {
    /// The folder beside `output`, made if missing; not used if something
    /// else is there.
    pub fn open(output: &Path) -> Kept {
        Kept {
            dir: folder_beside(
                output,
                "kept",
                KEPT_MARKER,
                "vanban keeps here what it made of the articles, to rebuild faster.\n",
            ),
            used: Mutex::new(HashSet::new()),
        }
    }

    fn entry(&self, key: Inputs) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(format!("{key:032x}.bin")))
    }

    fn mark_used(&self, key: Inputs) {
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key);
    }

    /// The bytes kept under `key`, if they are there and whole (an entry
    /// is the bytes, then their hash).
    pub fn get(&self, key: Inputs) -> Option<Vec<u8>> {
        let mut bytes = fs::read(self.entry(key)?).ok()?;
        let body_len = bytes.len().checked_sub(16)?;
        let sum = u128::from_le_bytes(bytes.get(body_len..)?.try_into().ok()?);
        bytes.truncate(body_len);
        if sum != xxh3_128(&bytes) {
            return None;
        }
        self.mark_used(key);
        Some(bytes)
    }

    /// Keeps `bytes` under `key` for the next build.
    pub fn put(&self, key: Inputs, bytes: &[u8]) {
        let Some(file) = self.entry(key) else { return };
        self.mark_used(key);
        let sum = xxh3_128(bytes).to_le_bytes();
        write_entry(&file, &[bytes, &sum]);
    }

    /// Removes the entries this build neither read nor made; none if it
    /// used none (`serve` keeps nothing here: the next build still can).
    pub fn retain_used(&self) {
        let Some(dir) = &self.dir else { return };
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if used.is_empty() {
            return;
        }
        let keep: HashSet<PathBuf> = used.iter().filter_map(|&k| self.entry(k)).collect();
        remove_entries_but(dir, &keep);
    }
}
