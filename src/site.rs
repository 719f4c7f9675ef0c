//! Stage 7, write: pages → the output folder, atomically and safely.
//!
//! The new site is written to a staging folder beside the output; pages
//! whose bytes did not change are hard-linked from the current site (so they
//! keep their modification time); then the two folders are swapped. A build
//! killed at any moment leaves the previous site whole.
//!
//! vanban only ever replaces a folder it made: one that holds its marker
//! file, or an empty one.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::cache::Kept;
use crate::render::reuse::{modified_nanos, Inputs};
use crate::render::{Page, Sink, SinkError};

/// The marker file that says "vanban made this folder".
pub const MARKER: &str = ".vanban-site";
/// First line of the list of pages' inputs kept beside the output.
const MADE_HEADER: &str = "vanban pages 1";

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("refusing to write the site into {path}: {why}")]
    Refused { path: PathBuf, why: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> SiteError + '_ {
    move |source| SiteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Checks that `output` is a folder vanban may replace.
pub fn check_output(output: &Path, content: &Path) -> Result<(), SiteError> {
    let refuse = |why: &str| {
        Err(SiteError::Refused {
            path: output.to_path_buf(),
            why: why.to_string(),
        })
    };
    let abs_out = absolute(output);
    let abs_content = absolute(content);
    if abs_out.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if abs_out == absolute(&home) {
            return refuse("it is your home folder");
        }
    }
    if abs_out == abs_content {
        return refuse("it is the content folder");
    }
    if abs_content.starts_with(&abs_out) {
        return refuse("it contains the content folder (the articles would be deleted)");
    }
    if abs_out.starts_with(&abs_content) {
        return refuse("it is inside the content folder (the site would be read as articles)");
    }
    for project_file in ["site.toml", "Cargo.toml", ".git"] {
        if abs_out.join(project_file).exists() {
            return refuse(&format!(
                "it holds {project_file}, so it is a project folder, not a site vanban made"
            ));
        }
    }
    match fs::symlink_metadata(output) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(SiteError::Io {
            path: output.to_path_buf(),
            source: e,
        }),
        Ok(m) if m.file_type().is_symlink() => {
            refuse("it is a symbolic link; give the real folder's path")
        }
        Ok(m) if !m.is_dir() => refuse("it is a file, not a folder"),
        Ok(_) => {
            if output.join(MARKER).is_file() {
                return Ok(());
            }
            let mut entries = fs::read_dir(output).map_err(io_err(output))?;
            if entries.next().is_none() {
                Ok(())
            } else {
                refuse(&format!(
                    "it is not empty and has no {MARKER} marker, so vanban did not make it; \
                     choose another --output or empty it yourself"
                ))
            }
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // Canonicalise what exists, keep the rest as written.
    let mut existing = p.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for r in rest.into_iter().rev() {
        out.push(r);
    }
    out
}

/// How many pages were written anew and how many kept from the last build.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
}

/// Writes `pages` as the new content of `output`.
pub fn write(output: &Path, content: &Path, pages: &[Page]) -> Result<WriteStats, SiteError> {
    let staging = Staging::begin(output, content)?;
    for page in pages {
        staging.write_page(&page.path, &page.bytes)?;
    }
    staging.finish()
}

/// A new site being written, page by page, from any number of threads.
///
/// 1. [`Staging::begin`] puts back a site a killed build left aside, and
///    removes the staging folders of killed builds (only ones holding the
///    marker, or empty); then makes `.NAME.vanban-new` beside the output,
///    marker first.
/// 2. Each page goes into it, hard-linked from the current site when its
///    bytes are the same (so it keeps its modification time).
/// 3. [`Staging::finish`] swaps: on Linux one atomic
///    `renameat2(RENAME_EXCHANGE)`, so the output path always holds a whole
///    site, old or new; elsewhere two renames, with step 1 repairing the
///    moment between them. Then it removes the old site, now in the staging
///    folder's place.
///
/// Dropped unfinished (a failed build), it removes its staging folder.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    /// The current site's real path, to reuse unchanged pages from.
    current: Option<PathBuf>,
    /// Each folder made in staging, with whether the current site's folder
    /// of the same name is really inside it (no link leads out), so that
    /// pages are only ever reused from the current site itself.
    folders: Mutex<HashMap<PathBuf, bool>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    finished: bool,
    /// `.NAME.vanban-pages` beside the output: what each page of the last
    /// build was made from (see [`crate::render::reuse`]), to reuse pages
    /// without rendering them; `None` if a file of that name is not ours.
    made_list: Option<PathBuf>,
    /// The last build's list, by page path.
    earlier: HashMap<String, Made>,
    /// This build's list.
    made: Mutex<Vec<(String, Made)>>,
    /// What the build keeps for the next that is not a page.
    kept: Kept,
}

/// A page as the list of inputs records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Made {
    inputs: Inputs,
    size: u64,
    /// Modification time, in nanoseconds since 1970.
    modified: u128,
}

impl Made {
    /// The file `path` as it is now, made from `inputs`.
    fn of(path: &Path, inputs: Inputs) -> Option<Made> {
        let meta = fs::symlink_metadata(path).ok()?;
        Some(Made {
            inputs,
            size: meta.len(),
            modified: modified_nanos(&meta)?,
        })
    }
}

/// Reads the list of pages' inputs; an unreadable or foreign file gives an
/// empty list (every page is then rendered), and `None` when the file is
/// not vanban's, so that it is never overwritten.
fn read_made_list(path: &Path) -> Option<HashMap<String, Made>> {
    let Ok(text) = fs::read_to_string(path) else {
        // Missing (or unreadable): ours to write.
        return (!path.exists()).then(HashMap::new);
    };
    let mut lines = text.lines();
    if lines.next() != Some(MADE_HEADER) {
        return None;
    }
    let mut list = HashMap::new();
    for line in lines {
        let mut fields = line.splitn(4, '\t');
        let parsed = (|| {
            let inputs = u128::from_str_radix(fields.next()?, 16).ok()?;
            let size = fields.next()?.parse().ok()?;
            let modified = fields.next()?.parse().ok()?;
            Some((
                fields.next()?.to_string(),
                Made {
                    inputs,
                    size,
                    modified,
                },
            ))
        })();
        if let Some((page, made)) = parsed {
            list.insert(page, made);
        }
    }
    Some(list)
}

/// What vanban keeps beside the output folder: `public/` and `pages` give
/// `.public.vanban-pages` in the same parent folder.
pub fn beside(output: &Path, what: &str) -> PathBuf {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    parent.join(format!(".{name}.vanban-{what}"))
}

impl Staging {
    pub fn begin(output: &Path, content: &Path) -> Result<Staging, SiteError> {
        check_output(output, content)?;
        let staging = beside(output, "new");
        let old = beside(output, "old");
        if let Some(parent) = staging.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        recover(output, &staging, &old)?;
        fs::create_dir_all(&staging).map_err(io_err(&staging))?;
        // The marker goes in first, so a staging folder left by a kill is
        // recognisably ours and the next build may remove it.
        fs::write(
            staging.join(MARKER),
            b"This folder is written by vanban; it replaces it whole on each build.\n",
        )
        .map_err(io_err(&staging))?;
        let made_list = beside(output, "pages");
        let earlier = read_made_list(&made_list);
        Ok(Staging {
            made_list: earlier.is_some().then_some(made_list),
            // Pages are reused only from a site that is there.
            earlier: earlier.filter(|_| output.is_dir()).unwrap_or_default(),
            made: Mutex::new(Vec::new()),
            kept: Kept::open(output),
            output: output.to_path_buf(),
            current: fs::canonicalize(output).ok(),
            staging,
            old,
            folders: Mutex::new(HashMap::new()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            finished: false,
        })
    }

    /// Where the page `path` goes in staging, its folder made; with the
    /// current site's file of that name when it may be reused.
    fn place(&self, path: &str) -> Result<(PathBuf, Option<PathBuf>), SiteError> {
        let rel = Path::new(path);
        if rel.as_os_str().is_empty()
            || rel.is_absolute()
            || rel
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(SiteError::Refused {
                path: self.staging.join(rel),
                why: "a page path must stay inside the output folder".into(),
            });
        }
        let dest = self.staging.join(rel);
        let folder = rel.parent().unwrap_or(Path::new(""));
        let reusable = {
            let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
            match folders.get(folder) {
                Some(&r) => r,
                None => {
                    let dir = self.staging.join(folder);
                    fs::create_dir_all(&dir).map_err(io_err(&dir))?;
                    let r = self.current.as_ref().is_some_and(|root| {
                        let same = root.join(folder);
                        fs::canonicalize(&same).is_ok_and(|real| real == same)
                    });
                    folders.insert(folder.to_path_buf(), r);
                    r
                }
            }
        };
        let current = match (&self.current, reusable) {
            (Some(root), true) => Some(root.join(rel)),
            _ => None,
        };
        Ok((dest, current))
    }

    /// Writes one page, or links the current site's copy if it is the same.
    pub fn write_page(&self, path: &str, bytes: &[u8]) -> Result<(), SiteError> {
        let (dest, current) = self.place(path)?;
        if let Some(current) = current.filter(|c| same_file_bytes(c, bytes)) {
            if fs::hard_link(&current, &dest).is_ok() {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
        write_new(&dest, bytes)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Writes one file as `write` produces it (never held whole in memory);
    /// if it turns out the same as the current site's, that one is kept.
    pub fn write_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<u64, SiteError> {
        let (dest, current) = self.place(path)?;
        let file = create_new(&dest)?;
        let mut out = io::BufWriter::with_capacity(1 << 18, file);
        write(&mut out).map_err(io_err(&dest))?;
        let file = out.into_inner().map_err(|e| SiteError::Io {
            path: dest.clone(),
            source: e.into_error(),
        })?;
        let size = file.metadata().map_err(io_err(&dest))?.len();
        drop(file);
        if let Some(current) = current.filter(|c| same_files(c, &dest)) {
            let relinked = fs::remove_file(&dest).and_then(|()| fs::hard_link(&current, &dest));
            if relinked.is_ok() {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                return Ok(size);
            }
            // The link failed after the new copy was removed: copy again.
            fs::copy(&current, &dest).map_err(io_err(&dest))?;
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(size)
    }

    /// Swaps the new site in and removes the old one.
    pub fn finish(mut self) -> Result<WriteStats, SiteError> {
        self.finished = true;
        let (output, staging, old) = (&self.output, &self.staging, &self.old);
        if output.exists() {
            if exchange(staging, output).is_err() {
                fs::rename(output, old).map_err(io_err(output))?;
                fs::rename(staging, output).map_err(io_err(output))?;
            }
        } else {
            fs::rename(staging, output).map_err(io_err(output))?;
        }
        // Whatever now sits in the staging or old place is the previous site.
        for done in [staging, old] {
            if done.exists() {
                remove_site(done).map_err(io_err(done))?;
            }
        }
        self.write_made_list()?;
        self.kept.retain_used();
        Ok(WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        })
    }

    /// Keeps the last build's page at `path` if it was made from `inputs`
    /// and its file is still as that build left it; gives its size if so.
    fn reuse_page(&self, path: &str, inputs: Inputs) -> Option<u64> {
        let earlier = self.earlier.get(path).filter(|m| m.inputs == inputs)?;
        let Ok((dest, Some(current))) = self.place(path) else {
            return None;
        };
        let same_file = fs::symlink_metadata(&current).is_ok_and(|meta| {
            meta.is_file()
                && meta.len() == earlier.size
                && modified_nanos(&meta) == Some(earlier.modified)
        });
        if !same_file || fs::hard_link(&current, &dest).is_err() {
            return None;
        }
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        self.record(path, *earlier);
        Some(earlier.size)
    }

    /// Records that the file at `path`, as it now is in the staging folder,
    /// was made from `inputs`.
    fn record_made(&self, path: &str, inputs: Inputs) {
        if let Some(made) = Made::of(&self.staging.join(path), inputs) {
            self.record(path, made);
        }
    }

    fn record(&self, path: &str, made: Made) {
        self.made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), made));
    }

    /// Writes this build's list of pages' inputs (sorted, so that it is the
    /// same whatever the order pages came in), by a rename, so that a kill
    /// leaves the old list or the new one.
    fn write_made_list(&self) -> Result<(), SiteError> {
        let Some(path) = &self.made_list else {
            return Ok(());
        };
        let mut made = std::mem::take(&mut *self.made.lock().unwrap_or_else(|e| e.into_inner()));
        made.sort_by(|a, b| a.0.cmp(&b.0));
        let mut text = format!("{MADE_HEADER}\n");
        for (page, m) in &made {
            text.push_str(&format!(
                "{:032x}\t{}\t{}\t{page}\n",
                m.inputs, m.size, m.modified
            ));
        }
        let mut new = path.clone().into_os_string();
        new.push(".new");
        let new = PathBuf::from(new);
        fs::write(&new, text).map_err(io_err(&new))?;
        fs::rename(&new, path).map_err(io_err(path))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished && is_ours(&self.staging) {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

impl Sink for Staging {
    fn put(&self, page: Page) -> Result<(), SinkError> {
        Ok(self.write_page(&page.path, &page.bytes)?)
    }

    fn put_stream(
        &self,
        path: &str,
        inputs: Option<Inputs>,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<u64, SinkError> {
        let size = self.write_stream(path, write)?;
        if let Some(inputs) = inputs {
            self.record_made(path, inputs);
        }
        Ok(size)
    }

    fn reuses(&self) -> bool {
        self.made_list.is_some()
    }

    fn reuse(&self, path: &str, inputs: Inputs) -> Option<u64> {
        self.reuse_page(path, inputs)
    }

    fn put_made(&self, page: Page, inputs: Inputs) -> Result<(), SinkError> {
        self.write_page(&page.path, &page.bytes)?;
        self.record_made(&page.path, inputs);
        Ok(())
    }

    fn kept(&self, key: Inputs) -> Option<Vec<u8>> {
        self.kept.get(key)
    }

    fn keep(&self, key: Inputs, bytes: &[u8]) {
        self.kept.put(key, bytes)
    }
}

/// Creates `dest` as a new file. A file already there (a page path given
/// twice) is removed first, never written through: it may be a hard link
/// to the current site's page.
fn create_new(dest: &Path) -> Result<fs::File, SiteError> {
    let open = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(dest)
    };
    match open() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(dest).map_err(io_err(dest))?;
            open().map_err(io_err(dest))
        }
        other => other.map_err(io_err(dest)),
    }
}

/// Writes `bytes` as the new file `dest` (see [`create_new`]).
fn write_new(dest: &Path, bytes: &[u8]) -> Result<(), SiteError> {
    use std::io::Write;
    create_new(dest)?.write_all(bytes).map_err(io_err(dest))
}

/// Whether `current` is a plain file (not a link) holding exactly `bytes`.
fn same_file_bytes(current: &Path, bytes: &[u8]) -> bool {
    let Ok(meta) = fs::symlink_metadata(current) else {
        return false;
    };
    meta.is_file()
        && meta.len() == bytes.len() as u64
        && fs::read(current).is_ok_and(|old| old == bytes)
}

/// Whether `current` is a plain file (not a link) with the same bytes as
/// `new`, compared piece by piece.
fn same_files(current: &Path, new: &Path) -> bool {
    use std::io::Read;
    let (Ok(a), Ok(b)) = (fs::symlink_metadata(current), fs::metadata(new)) else {
        return false;
    };
    if !a.is_file() || a.len() != b.len() {
        return false;
    }
    let (Ok(mut a), Ok(mut b)) = (fs::File::open(current), fs::File::open(new)) else {
        return false;
    };
    let (mut x, mut y) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let n = match a.read(&mut x) {
            Ok(n) => n,
            Err(_) => return false,
        };
        if n == 0 {
            return b.read(&mut y[..1]).is_ok_and(|m| m == 0);
        }
        if b.read_exact(&mut y[..n]).is_err() || x[..n] != y[..n] {
            return false;
        }
    }
}

/// Undoes what a killed build left: a site moved aside with no site in its
/// place is put back; staging and old folders (ours by their name and
/// marker, or empty) are removed. A folder of that name that is not ours is
/// an error, never deleted.
fn recover(output: &Path, staging: &Path, old: &Path) -> Result<(), SiteError> {
    if !output.exists() && is_ours(old) {
        fs::rename(old, output).map_err(io_err(old))?;
    }
    for leftover in [staging, old] {
        match fs::symlink_metadata(leftover) {
            Err(_) => {}
            Ok(_) if is_ours(leftover) => {
                fs::remove_dir_all(leftover).map_err(io_err(leftover))?;
            }
            Ok(_) => {
                return Err(SiteError::Refused {
                    path: leftover.to_path_buf(),
                    why: format!(
                        "vanban needs this name for its staging folder, but it holds no {MARKER} \
                         marker; move it away"
                    ),
                })
            }
        }
    }
    Ok(())
}

/// A real folder (not a link) holding vanban's marker, or empty.
fn is_ours(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && (dir.join(MARKER).is_file() || fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none()))
}

/// Removes a previous site, its folders side by side: unlinking one file
/// per page is most of a rebuild's last step, and folders apart do not
/// wait on each other. A link is removed, never followed.
fn remove_site(dir: &Path) -> io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<io::Result<Vec<fs::DirEntry>>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Swaps two paths in one step, so no moment exists where `b` is missing.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}
