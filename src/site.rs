//! Stage 7, write: pages → the output folder, atomically and safely.
//!
//! The new site is written to a staging folder beside the output; pages
//! whose bytes did not change are hard-linked from the current site (so they
//! keep their modification time); then the two folders are swapped. A build
//! killed at any moment leaves the previous site whole.
//!
//! vanban only ever replaces a folder it made: one that holds its marker
//! file, or an empty one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::Page;

/// The marker file that says "vanban made this folder".
pub const MARKER: &str = ".vanban-site";

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
///
/// 1. Put back a site a killed build left aside, and remove the staging
///    folders of killed builds (only ones holding the marker, or empty).
/// 2. Write the new site into `.NAME.vanban-new` beside the output, marker
///    first, hard-linking unchanged pages from the current site.
/// 3. Swap: on Linux one atomic `renameat2(RENAME_EXCHANGE)`, so the output
///    path always holds a whole site, old or new; elsewhere two renames,
///    with step 1 repairing the moment between them.
/// 4. Remove the old site, now in the staging folder's place.
pub fn write(output: &Path, content: &Path, pages: &[Page]) -> Result<WriteStats, SiteError> {
    check_output(output, content)?;
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    fs::create_dir_all(parent).map_err(io_err(parent))?;
    let staging = parent.join(format!(".{name}.vanban-new"));
    let old = parent.join(format!(".{name}.vanban-old"));
    recover(output, &staging, &old)?;
    fs::create_dir_all(&staging).map_err(io_err(&staging))?;
    // The marker goes in first, so a staging folder left by a kill is
    // recognisably ours and the next build may remove it.
    fs::write(
        staging.join(MARKER),
        b"This folder is written by vanban; it replaces it whole on each build.\n",
    )
    .map_err(io_err(&staging))?;
    let current_root = fs::canonicalize(output).ok();
    let mut stats = WriteStats::default();
    for page in pages {
        let rel = Path::new(&page.path);
        if rel.as_os_str().is_empty()
            || rel.is_absolute()
            || rel
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(SiteError::Refused {
                path: staging.join(rel),
                why: "a page path must stay inside the output folder".into(),
            });
        }
        let dest = staging.join(rel);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(io_err(dir))?;
        }
        let unchanged = current_root
            .as_deref()
            .and_then(|root| unchanged_page(root, rel, &page.bytes));
        if unchanged.is_some_and(|current| fs::hard_link(current, &dest).is_ok()) {
            stats.unchanged += 1;
        } else {
            fs::write(&dest, &page.bytes).map_err(io_err(&dest))?;
            stats.written += 1;
        }
    }
    if output.exists() {
        if exchange(&staging, output).is_err() {
            fs::rename(output, &old).map_err(io_err(output))?;
            fs::rename(&staging, output).map_err(io_err(output))?;
        }
    } else {
        fs::rename(&staging, output).map_err(io_err(output))?;
    }
    // Whatever now sits in the staging or old place is the previous site.
    for done in [&staging, &old] {
        if done.exists() {
            fs::remove_dir_all(done).map_err(io_err(done))?;
        }
    }
    Ok(stats)
}

/// The current page at `root/rel` if its bytes are `bytes` and it is a
/// plain file really inside `root` (no symbolic link leads out of it).
fn unchanged_page(root: &Path, rel: &Path, bytes: &[u8]) -> Option<PathBuf> {
    let current = root.join(rel);
    let meta = fs::symlink_metadata(&current).ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    let real = fs::canonicalize(&current).ok()?;
    if !real.starts_with(root) || real != current {
        return None;
    }
    (fs::read(&current).ok()? == bytes).then_some(current)
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
