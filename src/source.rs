//! Stage 1, read: the content folder → [`Source`]s.
//!
//! A `Source` is one file's text, decoded to UTF-8, without its BOM, in
//! Unicode NFC (so that every later stage, and every byte offset `scan`
//! reports, sees one spelling of each letter), with its line ends untouched.

use std::path::{Path, PathBuf};

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use walkdir::WalkDir;

/// The kind of file an article comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Raw text scraped from a portal: one paragraph per line.
    Txt,
    /// Markdown, with optional TOML front matter between `+++` lines.
    Markdown,
}

/// One article file, decoded.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as vanban reached it (content folder joined with the file).
    pub path: PathBuf,
    /// The path relative to the content folder, `/`-separated: the file's
    /// identity in overrides and slugs, the same on every machine.
    pub rel: String,
    pub format: Format,
    /// The encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// NFC text, BOM removed, line ends as in the file.
    pub text: String,
    /// Front matter of a Markdown file (its TOML table) and the byte offset
    /// where the body starts; `0` when there is none.
    pub front_matter: Option<toml::Table>,
    pub body_start: usize,
}

/// Why a file under the content folder was not read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Not `.txt` or `.md`.
    NotAnArticle,
    /// Hidden files and editor backups (`.x`, `x~`, `#x#`, `x.swp`).
    Hidden,
    /// Empty or only white space.
    Empty,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Skip::NotAnArticle => "not a .txt or .md file",
            Skip::Hidden => "hidden file or editor backup",
            Skip::Empty => "empty file",
        })
    }
}

/// Problems with one file; the build goes on without it.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    FrontMatter {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Decode { path: PathBuf, message: String },
}

/// What happened to each file found under the content folder.
#[derive(Debug)]
pub enum Found {
    Read(Source),
    Skipped(PathBuf, Skip),
    Failed(SourceError),
}

/// Lists the files under `paths` (files or folders) in a stable order: by
/// their `/`-separated relative path, whatever order the file system gives.
/// Symbolic links are not followed, so no loop can be entered.
pub fn discover(paths: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for root in paths {
        if root.is_file() {
            let rel = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((root.clone(), rel));
            continue;
        }
        for entry in WalkDir::new(root).follow_links(false).into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((entry.into_path(), rel));
        }
    }
    files.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    files.dedup_by(|a, b| a.0 == b.0);
    files
}

/// Reads one file found by [`discover`].
pub fn read(path: &Path, rel: &str) -> Found {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_hidden_or_backup(rel) {
        return Found::Skipped(path.to_path_buf(), Skip::Hidden);
    }
    let format = match Path::new(&name).extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("txt") => Format::Txt,
        Some(e) if e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown") => {
            Format::Markdown
        }
        _ => return Found::Skipped(path.to_path_buf(), Skip::NotAnArticle),
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(source) => {
            return Found::Failed(SourceError::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    match from_bytes(path, rel, format, &bytes) {
        Ok(Some(source)) => Found::Read(source),
        Ok(None) => Found::Skipped(path.to_path_buf(), Skip::Empty),
        Err(e) => Found::Failed(e),
    }
}

/// Decodes bytes into a `Source`; `Ok(None)` for an empty file.
pub fn from_bytes(
    path: &Path,
    rel: &str,
    format: Format,
    bytes: &[u8],
) -> Result<Option<Source>, SourceError> {
    let (text, encoding) = decode(bytes).map_err(|message| SourceError::Decode {
        path: path.to_path_buf(),
        message,
    })?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    let mut source = Source {
        path: path.to_path_buf(),
        rel: rel.to_string(),
        format,
        encoding,
        text,
        front_matter: None,
        body_start: 0,
    };
    if format == Format::Markdown {
        split_front_matter(&mut source)?;
    }
    Ok(Some(source))
}

/// Decodes bytes to NFC text, telling which encoding was used.
///
/// A BOM decides (UTF-8, UTF-16LE/BE). Without one, valid UTF-8 is UTF-8.
/// Otherwise the bytes are legacy Vietnamese, Windows-1258, which encoding_rs
/// decodes with tones as combining marks: NFC composes them. A file with NUL
/// bytes and no UTF-16 BOM is binary, and refused rather than guessed at.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!(
                "bytes that are not valid {} after its byte-order mark",
                encoding.name()
            ));
        }
        return Ok((nfc(&text), encoding.name()));
    }
    if bytes.contains(&0) {
        return Err("binary file (NUL bytes), not text".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((nfc(text), "UTF-8")),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
            Ok((nfc(&text), encoding_rs::WINDOWS_1258.name()))
        }
    }
}

/// NFC, skipping the work when the text is already NFC (the usual case).
pub fn nfc(text: &str) -> String {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

fn is_hidden_or_backup(rel: &str) -> bool {
    rel.split('/').any(|part| part.starts_with('.'))
        || rel.ends_with('~')
        || rel.ends_with(".swp")
        || rel.ends_with(".bak")
        || rel
            .rsplit('/')
            .next()
            .is_some_and(|n| n.starts_with('#') && n.ends_with('#'))
}

/// Splits `+++` TOML front matter off a Markdown source.
fn split_front_matter(source: &mut Source) -> Result<(), SourceError> {
    let text = &source.text;
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "+++" {
        return Ok(());
    }
    let mut pos = first_line_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == "+++" {
            let toml_text = &text[first_line_end..pos];
            let table: toml::Table = toml::from_str(toml_text).map_err(|e| {
                // toml reports the span inside the front matter; line 1 is `+++`.
                let line = e
                    .span()
                    .map(|s| {
                        toml_text[..s.start.min(toml_text.len())]
                            .matches('\n')
                            .count()
                            + 2
                    })
                    .unwrap_or(1);
                SourceError::FrontMatter {
                    path: source.path.clone(),
                    line,
                    message: format!("front matter: {}", e.message()),
                }
            })?;
            source.front_matter = Some(table);
            source.body_start = end;
            return Ok(());
        }
        pos = end;
    }
    Err(SourceError::FrontMatter {
        path: source.path.clone(),
        line: 1,
        message: "front matter opened with `+++` is never closed by a `+++` line".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Tỉnh ủy".nfd().collect();
        let (text, enc) = decode(nfd.as_bytes()).unwrap();
        assert_eq!(text, "Tỉnh ủy");
        assert_eq!(enc, "UTF-8");
    }

    #[test]
    fn bom_is_removed() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("Chỉ thị".as_bytes());
        assert_eq!(decode(&bytes).unwrap().0, "Chỉ thị");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Đảng".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(text, "Đảng");
        assert_eq!(enc, "UTF-16LE");
    }

    #[test]
    fn windows_1258_is_composed() {
        // "Đảng" in Windows-1258: Đ = 0xD0, a, combining hook above = 0xD2, n, g.
        let (text, enc) = decode(&[0xD0, b'a', 0xD2, b'n', b'g']).unwrap();
        assert_eq!(text, "Đảng");
        assert_eq!(enc, "windows-1258");
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"abc\0\0\0def").is_err());
    }

    #[test]
    fn front_matter_error_names_line() {
        let err = from_bytes(
            Path::new("a.md"),
            "a.md",
            Format::Markdown,
            b"+++\ntitle = \"x\"\ndate = = 3\n+++\nbody\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("a.md:3:"), "{err}");
    }

    #[test]
    fn front_matter_is_split() {
        let s = from_bytes(
            Path::new("a.md"),
            "a.md",
            Format::Markdown,
            b"+++\ntitle = \"X\"\ntags = [\"a\"]\n+++\nBody\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(&s.text[s.body_start..], "Body\n");
        assert_eq!(s.front_matter.unwrap()["title"].as_str(), Some("X"));
    }
}
