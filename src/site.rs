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
        return refuse("it contains the content folder");
    }
    if abs_out.join("Cargo.toml").exists() || abs_out.join(".git").exists() {
        return refuse("it looks like a project folder (Cargo.toml or .git)");
    }
    match fs::symlink_metadata(output) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(SiteError::Io {
            path: output.to_path_buf(),
            source: e,
        }),
        Ok(m) if !m.is_dir() => refuse("it is not a folder"),
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
    // Leftovers of a killed build: both are ours by their names.
    for leftover in [&staging, &old] {
        if leftover.exists() {
            fs::remove_dir_all(leftover).map_err(io_err(leftover))?;
        }
    }
    fs::create_dir_all(&staging).map_err(io_err(&staging))?;
    let mut stats = WriteStats::default();
    for page in pages {
        let rel = Path::new(&page.path);
        if rel.is_absolute()
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
        let current = output.join(rel);
        let same = fs::symlink_metadata(&current)
            .is_ok_and(|m| m.is_file() && m.len() == page.bytes.len() as u64)
            && fs::read(&current).is_ok_and(|b| b == page.bytes);
        if same && fs::hard_link(&current, &dest).is_ok() {
            stats.unchanged += 1;
        } else {
            fs::write(&dest, &page.bytes).map_err(io_err(&dest))?;
            stats.written += 1;
        }
    }
    fs::write(
        staging.join(MARKER),
        b"This folder is written by vanban; it replaces it whole on each build.\n",
    )
    .map_err(io_err(&staging))?;
    if output.exists() {
        fs::rename(output, &old).map_err(io_err(output))?;
    }
    fs::rename(&staging, output).map_err(io_err(output))?;
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io_err(&old))?;
    }
    Ok(stats)
}
