//! Stage 1, read: the content folder → [`Source`]s.
//!
//! A `Source` is one file's text, decoded to UTF-8, without its BOM, HTML
//! entities a scraper left decoded (`&nbsp;`), invisible marks (soft
//! hyphens, zero-width spaces) dropped, `/` and Latin letters for their
//! lookalikes, a `.txt` page's leftover HTML tags blanked ([`markup`]), in
//! Unicode NFC (so that every later stage, and every byte offset `scan`
//! reports, sees one spelling of each letter), with its line ends untouched.

mod markup;

use std::path::{Path, PathBuf};

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use walkdir::WalkDir;

/// The kind of file an article comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Raw text scraped from a portal: one paragraph per line.
    Txt,
    /// Markdown, with optional front matter: TOML between `+++` lines or YAML between `---` lines.
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
    /// Front matter of a Markdown file (a TOML table; YAML is read into one) and the byte offset
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
    /// A hidden folder (`.git`, `.obsidian`): not entered.
    HiddenFolder,
    /// A symbolic link to a folder: never entered, so no loop is followed.
    LinkToFolder,
    /// A socket, a pipe, a device.
    NotAFile,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Skip::NotAnArticle => "not a .txt or .md file",
            Skip::Hidden => "hidden file or editor backup",
            Skip::Empty => "empty file (nothing but white space)",
            Skip::HiddenFolder => "hidden folder, not entered",
            Skip::LinkToFolder => "symbolic link to a folder, not followed",
            Skip::NotAFile => "not a regular file",
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

/// One entry found under the content folder by [`discover`].
#[derive(Debug)]
pub enum Listed {
    /// A file to read (a symbolic link to a file counts, under its own name).
    File { path: PathBuf, rel: String },
    /// Something not read, and why (a hidden folder, a link to a folder).
    Skipped {
        path: PathBuf,
        rel: String,
        why: Skip,
    },
    /// Something that could not be listed (an unreadable folder, a broken link).
    Failed {
        path: PathBuf,
        rel: String,
        why: String,
    },
}

impl Listed {
    /// The `/`-separated path relative to the content folder: the sort key.
    pub fn rel(&self) -> &str {
        match self {
            Listed::File { rel, .. } | Listed::Skipped { rel, .. } | Listed::Failed { rel, .. } => {
                rel
            }
        }
    }
    pub fn path(&self) -> &Path {
        match self {
            Listed::File { path, .. }
            | Listed::Skipped { path, .. }
            | Listed::Failed { path, .. } => path,
        }
    }
}

/// Lists everything under `paths` (files or folders) in a stable order: by
/// its `/`-separated relative path, whatever order the file system gives.
///
/// Symbolic links to files are read under the link's name; links to folders
/// are reported and never entered, so no loop can be followed. Hidden
/// folders (`.git`) are reported once and not entered. Nothing is dropped
/// silently: an unreadable folder or a broken link is listed as failed.
pub fn discover(paths: &[PathBuf]) -> Vec<Listed> {
    let mut found = Vec::new();
    for root in paths {
        if !root.is_dir() {
            let rel = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            found.push(Listed::File {
                path: root.clone(),
                rel,
            });
            continue;
        }
        let rel_of = |p: &Path| -> String {
            p.strip_prefix(root)
                .unwrap_or(p)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        };
        let mut walk = WalkDir::new(root).follow_links(false).into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map_or_else(|| root.clone(), Path::to_path_buf);
                    let rel = rel_of(&path);
                    let why = match e.io_error() {
                        Some(io) => format!("cannot read folder: {io}"),
                        None => format!("cannot list: {e}"),
                    };
                    found.push(Listed::Failed { path, rel, why });
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let path = entry.path().to_path_buf();
            let rel = rel_of(&path);
            let kind = entry.file_type();
            if kind.is_dir() {
                if is_hidden_or_backup(&rel) {
                    walk.skip_current_dir();
                    found.push(Listed::Skipped {
                        path,
                        rel,
                        why: Skip::HiddenFolder,
                    });
                }
                continue;
            }
            if kind.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(m) if m.is_file() => found.push(Listed::File { path, rel }),
                    Ok(m) if m.is_dir() => found.push(Listed::Skipped {
                        path,
                        rel,
                        why: Skip::LinkToFolder,
                    }),
                    Ok(_) => found.push(Listed::Skipped {
                        path,
                        rel,
                        why: Skip::NotAFile,
                    }),
                    Err(e) => found.push(Listed::Failed {
                        path,
                        rel,
                        why: format!("broken symbolic link: {e}"),
                    }),
                }
                continue;
            }
            if kind.is_file() {
                found.push(Listed::File { path, rel });
            } else {
                found.push(Listed::Skipped {
                    path,
                    rel,
                    why: Skip::NotAFile,
                });
            }
        }
    }
    found.sort_by(|a, b| a.rel().cmp(b.rel()).then_with(|| a.path().cmp(b.path())));
    found.dedup_by(|a, b| a.path() == b.path());
    found
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
    let (mut text, encoding) = decode(bytes).map_err(|message| SourceError::Decode {
        path: path.to_path_buf(),
        message,
    })?;
    if format == Format::Txt {
        markup::blank(&mut text);
    }
    if text.chars().all(is_invisible) {
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

/// An encoding's name, as encoding_rs gives it (`UTF-8`, `windows-1258`).
/// (An alias, so that serde's derive does not take the field for text
/// borrowed from its input.)
pub type EncodingName = &'static str;

/// An encoding's name as serde reads and writes it: read back as
/// encoding_rs's own `&'static str`.
pub mod encoding_name {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(name: &&'static str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(name)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        let name = String::deserialize(d)?;
        encoding_rs::Encoding::for_label(name.as_bytes())
            .map(|e| e.name())
            .ok_or_else(|| serde::de::Error::custom(format!("unknown encoding {name}")))
    }
}

/// Decodes bytes to NFC text, telling which encoding was used.
///
/// A BOM decides (UTF-8, UTF-16LE/BE), and bytes invalid after it are an
/// error, not replacement characters. Without one, valid UTF-8 is UTF-8. A
/// file with NUL bytes and no UTF-16 BOM is binary, and refused rather than
/// guessed at. Anything else may be legacy Vietnamese, Windows-1258, which
/// encoding_rs decodes with tones as combining marks: NFC composes them.
///
/// Every byte sequence is *some* Windows-1258 text, so "decoded with
/// confidence" means the result must read as Vietnamese (see
/// [`implausible_for_windows_1258`]); a file that is neither UTF-8 nor
/// plausible Vietnamese is refused with a message, never mis-decoded.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!(
                "bytes that are not valid {} after its byte-order mark",
                encoding.name()
            ));
        }
        return Ok((plain(&text), encoding.name()));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary file (a NUL byte at offset {at}, and no UTF-16 byte-order mark), not text"
        ));
    }
    // simdutf8 checks valid text several times faster; std tells where
    // invalid text goes wrong.
    match simdutf8::basic::from_utf8(bytes).map_err(|_| std::str::from_utf8(bytes)) {
        Ok(text) | Err(Ok(text)) => Ok((plain(text), "UTF-8")),
        Err(Err(utf8_error)) => {
            let (text, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
            let text = plain(&text);
            if let Some(why) = implausible_for_windows_1258(&text) {
                return Err(format!(
                    "neither UTF-8 (invalid byte at offset {}) nor Vietnamese in windows-1258 ({why}); \
                     convert it to UTF-8",
                    utf8_error.valid_up_to()
                ));
            }
            Ok((text, encoding_rs::WINDOWS_1258.name()))
        }
    }
}

/// Why Windows-1258-decoded (and NFC-composed) text does not read as
/// Vietnamese, or `None` when it does.
///
/// In a real Windows-1258 file the bytes above 0x7F are Vietnamese letters
/// (precomposed, or a base letter and a tone mark that NFC composes) and a
/// little typographic punctuation. Bytes that decode to C1 control codes,
/// tone marks left uncomposed (a mark on a consonant), or Latin letters that
/// Vietnamese does not use (ä, ß, ñ…) betray another encoding. A few are
/// tolerated (one in twenty non-ASCII characters) as typing slips.
pub fn implausible_for_windows_1258(text: &str) -> Option<String> {
    let mut non_ascii = 0usize;
    let mut foreign = 0usize;
    let mut first_foreign = None;
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
                return Some(format!("control character U+{:04X}", c as u32));
            }
            continue;
        }
        non_ascii += 1;
        if !is_vietnamese_letter(c) && !is_common_punctuation(c) {
            foreign += 1;
            first_foreign.get_or_insert(c);
        }
    }
    match first_foreign {
        Some(c) if foreign * 20 > non_ascii => Some(format!(
            "{foreign} of {non_ascii} non-ASCII characters are not Vietnamese letters, \
             the first U+{:04X}",
            c as u32
        )),
        _ => None,
    }
}

/// A letter of the Vietnamese alphabet, in any tone, either case.
fn is_vietnamese_letter(c: char) -> bool {
    if matches!(c, 'đ' | 'Đ') {
        return true;
    }
    let mut parts = std::iter::once(c).nfd();
    let base = parts.next();
    if !base.is_some_and(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let mut marks = 0;
    for m in parts {
        marks += 1;
        if !matches!(
            m,
            '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}' // tones
                | '\u{0302}' | '\u{0306}' | '\u{031B}' // â ă ơ
        ) {
            return false;
        }
    }
    marks > 0
}

/// Non-ASCII punctuation Windows-1258 writers produce: quotes, dashes,
/// ellipsis, bullets, the no-break space, currency and a few signs.
fn is_common_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{a0}'
            | '‘'
            | '’'
            | '‚'
            | '“'
            | '”'
            | '„'
            | '–'
            | '—'
            | '…'
            | '•'
            | '·'
            | '«'
            | '»'
            | '°'
            | '©'
            | '®'
            | '™'
            | '±'
            | '×'
            | '÷'
            | '§'
            | '¶'
            | '€'
            | '£'
            | '¥'
            | '¢'
            | '†'
            | '‡'
            | '‰'
            | '‹'
            | '›'
            | '¹'
            | '²'
            | '³'
            | '¼'
            | '½'
            | '¾'
            | '¬'
            | '¦'
            | '¤'
            | '¨'
            | '¯'
            | '´'
            | '¸'
            | '¿'
            | '¡'
            | 'ª'
            | 'º'
            | 'µ'
            | '\u{ad}'
    )
}

/// Zero-width characters that make a file look non-empty while showing
/// nothing: zero-width space, (non-)joiner, word joiner, BOM.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// The lines of `text[range]` as byte ranges without their line ends, which
/// may be `\n`, `\r\n` or a lone `\r` (old Mac files): the one place that
/// knows what a line end is, so every stage splits text the same way while
/// offsets stay those of the file as it is.
pub fn line_ranges(text: &str, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    lines_of(text, range).collect()
}

/// The lines of `text[range]`, as [`line_ranges`] finds them, one at a time:
/// a caller that needs only the first few lines reads no further.
pub fn lines_of(
    text: &str,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let end = range.end.min(bytes.len());
    let mut start = range.start.min(end);
    // Line ends are found with memchr: most bytes are not one.
    let mut ends = memchr::memchr2_iter(b'\n', b'\r', &bytes[start..end]).map(move |i| i + start);
    std::iter::from_fn(move || {
        if start >= end {
            return None;
        }
        loop {
            let Some(i) = ends.next() else {
                let line = start..end;
                start = end;
                return Some(line);
            };
            if i < start {
                // The `\n` of a `\r\n` already taken.
                continue;
            }
            let line = start..i;
            start = if bytes[i] == b'\r' && i + 1 < end && bytes[i + 1] == b'\n' {
                i + 2
            } else {
                i + 1
            };
            return Some(line);
        }
    })
}

/// Decoded text as the grammar reads it: HTML entities a scraper left
/// (`số&nbsp;05`, `Q&#272;`) decoded, in NFC, without invisible marks, `Đ`,
/// `/` and Latin letters for their lookalikes. Spans are offsets into this
/// text.
fn plain(text: &str) -> String {
    // Nearly every file has no `&`: nothing to decode.
    let text = if text.contains('&') {
        html_escape::decode_html_entities(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    latin_lookalikes(slashes(d_for_eth(without_invisibles(nfc(&text)))))
}

/// The text without the invisible marks an editor leaves inside words
/// (`Chỉ th\u{ad}ị`, `05-CT/\u{200b}TW`): soft hyphens, zero-width spaces,
/// word joiners, a BOM inside the text. A reader sees none of them.
fn without_invisibles(text: String) -> String {
    const INVISIBLES: [char; 4] = ['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'];
    if text.contains(INVISIBLES) {
        text.replace(INVISIBLES, "")
    } else {
        text
    }
}

/// Latin letters for the Cyrillic and Greek ones drawn alike, inside a word
/// that mixes them with Latin letters or digits (`26-NQ/ТW` typed with a
/// Russian layout on, or read by OCR): Vietnamese words have none, and a
/// word all in Cyrillic or Greek (a Russian name) stays as written.
fn latin_lookalikes(text: String) -> String {
    const LOOKALIKES: &[(char, char)] = &[
        ('А', 'A'),
        ('В', 'B'),
        ('Е', 'E'),
        ('К', 'K'),
        ('М', 'M'),
        ('Н', 'H'),
        ('О', 'O'),
        ('Р', 'P'),
        ('С', 'C'),
        ('Т', 'T'),
        ('У', 'Y'),
        ('Х', 'X'),
        ('І', 'I'),
        ('Ј', 'J'),
        ('Ѕ', 'S'),
        ('а', 'a'),
        ('е', 'e'),
        ('о', 'o'),
        ('р', 'p'),
        ('с', 'c'),
        ('у', 'y'),
        ('х', 'x'),
        ('і', 'i'),
        ('Α', 'A'),
        ('Β', 'B'),
        ('Ε', 'E'),
        ('Ζ', 'Z'),
        ('Η', 'H'),
        ('Ι', 'I'),
        ('Κ', 'K'),
        ('Μ', 'M'),
        ('Ν', 'N'),
        ('Ο', 'O'),
        ('Ρ', 'P'),
        ('Τ', 'T'),
        ('Υ', 'Y'),
        ('Χ', 'X'),
        ('ο', 'o'),
    ];
    let latin = |c: char| {
        LOOKALIKES
            .iter()
            .find(|&&(from, _)| from == c)
            .map(|&(_, to)| to)
    };
    // Greek and Cyrillic (U+0380..U+04FF) lead with these bytes; nearly
    // every file has none.
    if !text.bytes().any(|b| (0xCE..=0xD3).contains(&b)) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_inclusive(char::is_whitespace) {
        let mixed = word.chars().any(|c| c.is_ascii_alphanumeric())
            && word.chars().any(|c| latin(c).is_some());
        if mixed {
            out.extend(word.chars().map(|c| latin(c).unwrap_or(c)));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// `/` for its lookalikes in codes (`68-KH／TU`, `30∕2020∕NĐ-CP`): the
/// fullwidth solidus, the division slash, the fraction slash.
fn slashes(text: String) -> String {
    const LOOKALIKES: [char; 3] = ['／', '∕', '⁄'];
    if LOOKALIKES.iter().any(|&c| text.contains(c)) {
        text.replace(LOOKALIKES, "/")
    } else {
        text
    }
}

/// `Đ` for its lookalike `Ð` (Latin eth, which converted text carries:
/// `08-QÐi/TW`): Vietnamese has no eth. Both take two bytes, so no offset
/// moves.
fn d_for_eth(text: String) -> String {
    // Substring searches, not a char-by-char scan: every file passes here.
    if text.contains("Ð") || text.contains("ð") {
        text.replace('Ð', "Đ").replace('ð', "đ")
    } else {
        text
    }
}

/// NFC, skipping the work when the text is already NFC (the usual case).
pub fn nfc(text: &str) -> String {
    if text.chars().all(stays_in_nfc) {
        return text.to_string();
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

/// Whether `c` leaves any text it is in NFC, whatever its neighbours: a
/// starter (combining class 0) that NFC keeps as it is. Answered from a
/// table for the blocks articles are written in (Unicode's own quick check
/// looks each char up in a hashed table, the build's largest cost before).
fn stays_in_nfc(c: char) -> bool {
    const END: usize = 0x2100;
    static TABLE: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    if c.is_ascii() {
        return true;
    }
    let table = TABLE.get_or_init(|| {
        (0..END as u32)
            .map(|u| {
                char::from_u32(u).is_some_and(|c| {
                    unicode_normalization::char::canonical_combining_class(c) == 0
                        && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
                })
            })
            .collect()
    });
    table.get(c as usize).copied().unwrap_or(false)
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

/// Splits front matter off a Markdown source: TOML between `+++` lines (as
/// Zola writes it) or YAML between `---` lines (as Hugo and Jekyll do), read
/// into one table. Any line end (`\n`, `\r\n`, `\r`) closes a line; errors
/// name the file's line. A `---` first line that no other `---` closes is
/// Markdown's rule, not front matter; an unclosed `+++` is an error.
fn split_front_matter(source: &mut Source) -> Result<(), SourceError> {
    let text = &source.text;
    // Only the start of the file is looked at: a 50 MB file costs no more.
    let Some(first) = lines_of(text, 0..text.len()).next() else {
        return Ok(());
    };
    let yaml = match text[first.clone()].trim_end() {
        "+++" => false,
        "---" => true,
        _ => return Ok(()),
    };
    let start = line_end(text, first.end);
    let closes = |line: &str| match line.trim_end() {
        "+++" => !yaml,
        "---" | "..." => yaml,
        _ => false,
    };
    let Some(close) = lines_of(text, start..text.len()).find(|l| closes(&text[l.clone()])) else {
        if yaml {
            return Ok(());
        }
        return Err(SourceError::FrontMatter {
            path: source.path.clone(),
            line: 1,
            message: "front matter opened with `+++` is never closed by a `+++` line".into(),
        });
    };
    // Neither parser knows a lone `\r`: it is made a `\n`, same length.
    let inner = lone_cr_to_lf(&text[start..close.start]);
    // Parsers count lines from the front matter's first: the file's is one more.
    let table = if yaml {
        parse_yaml(&inner)
    } else {
        parse_toml(&inner)
    }
    .map_err(|(line, message)| SourceError::FrontMatter {
        path: source.path.clone(),
        line: line + 1,
        message: format!("front matter: {message}"),
    })?;
    source.body_start = line_end(text, close.end);
    source.front_matter = Some(table);
    Ok(())
}

/// TOML front matter; an error gives its 1-based line within `text`.
fn parse_toml(text: &str) -> Result<toml::Table, (usize, String)> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |s| {
            count_line_ends(&text.as_bytes()[..s.start.min(text.len())]) + 1
        });
        (line, e.message().to_string())
    })
}

/// YAML front matter, as TOML's table; an error gives its 1-based line
/// within `text`.
fn parse_yaml(text: &str) -> Result<toml::Table, (usize, String)> {
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).map_err(|e| {
        // The message's own position counts from the YAML's first line: the
        // line given with it is the one a reader needs.
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or_default();
        (e.location().map_or(0, |l| l.line()), message.to_string())
    })?;
    match yaml_to_toml(value) {
        Some(toml::Value::Table(table)) => Ok(table),
        None => Ok(toml::Table::new()),
        Some(_) => Err((1, "expected `key: value` lines".into())),
    }
}

/// A YAML value as TOML's, which has no null: nulls are left out, and keys
/// that are not text are written as text.
fn yaml_to_toml(value: serde_yaml_ng::Value) -> Option<toml::Value> {
    use serde_yaml_ng::Value as Y;
    Some(match value {
        Y::Null => return None,
        Y::Bool(b) => toml::Value::Boolean(b),
        Y::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Y::String(s) => toml::Value::String(s),
        Y::Sequence(items) => {
            toml::Value::Array(items.into_iter().filter_map(yaml_to_toml).collect())
        }
        Y::Mapping(map) => toml::Value::Table(
            map.into_iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        other => serde_yaml_ng::to_string(&other)
                            .ok()?
                            .trim_end()
                            .to_string(),
                    };
                    Some((key, yaml_to_toml(v)?))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => return yaml_to_toml(tagged.value),
    })
}

/// `\r` not followed by `\n` becomes `\n` (toml knows no lone `\r`); the
/// length, hence every offset, stays the same.
fn lone_cr_to_lf(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == '\r' && b.get(i + 1) != Some(&b'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// How many lines `text` ends (after `lone_cr_to_lf`, a count of `\n`).
fn count_line_ends(text: &[u8]) -> usize {
    text.iter().filter(|&&b| b == b'\n').count()
}

/// The offset just after the line end that starts at `at` (if any).
fn line_end(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    match (b.get(at), b.get(at + 1)) {
        (Some(b'\r'), Some(b'\n')) => at + 2,
        (Some(b'\r' | b'\n'), _) => at + 1,
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn nfc_takes_no_shortcut_unicode_would_not(text in "[a-zA-Z\u{00C0}-\u{024F}\u{0300}-\u{036F}\u{1100}-\u{1175}\u{1E00}-\u{1EFF}\u{2000}-\u{2126}\u{AC00} .]{0,16}") {
            proptest::prop_assert_eq!(nfc(&text), text.nfc().collect::<String>());
        }
    }

    #[test]
    fn html_entities_are_decoded() {
        let (text, _) =
            decode("Quy &#273;&#7883;nh s&#7889;&nbsp;114-Q&#272;/TW &amp; R&D".as_bytes())
                .expect("UTF-8");
        assert_eq!(text, "Quy định số\u{a0}114-QĐ/TW & R&D");
    }

    #[test]
    fn slash_lookalikes_are_slashes() {
        let (text, _) =
            decode("Kế hoạch số 68-KH／TU; Nghị định số 30∕2020⁄NĐ-CP".as_bytes()).expect("UTF-8");
        assert_eq!(text, "Kế hoạch số 68-KH/TU; Nghị định số 30/2020/NĐ-CP");
    }

    #[test]
    fn cyrillic_and_greek_lookalikes_in_a_latin_word_are_latin() {
        assert_eq!(
            plain("Nghị quyết số 26-NQ/ТW và 05-СТ/ΤW; Путин, Μόσχα"),
            "Nghị quyết số 26-NQ/TW và 05-CT/TW; Путин, Μόσχα"
        );
    }

    #[test]
    fn invisible_marks_inside_words_are_dropped() {
        assert_eq!(
            plain("Chỉ th\u{ad}ị số 05-CT/\u{200b}TW\u{2060}"),
            "Chỉ thị số 05-CT/TW"
        );
    }

    #[test]
    fn eth_is_read_as_d() {
        let (text, _) = decode("Quy định số 08-QÐi/TW, ðảng".as_bytes()).unwrap_or_default();
        assert_eq!(text, "Quy định số 08-QĐi/TW, đảng");
    }

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

    /// `bytes` read as the Markdown file `a.md`.
    fn markdown(bytes: &[u8]) -> Result<Option<Source>, SourceError> {
        from_bytes(Path::new("a.md"), "a.md", Format::Markdown, bytes)
    }

    #[test]
    fn front_matter_error_names_line() {
        let err = markdown(b"+++\ntitle = \"x\"\ndate = = 3\n+++\nbody\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.md:3:"), "{err}");
    }

    #[test]
    fn front_matter_is_split() {
        let s = markdown(b"+++\ntitle = \"X\"\ntags = [\"a\"]\n+++\nBody\n")
            .unwrap()
            .unwrap();
        assert_eq!(&s.text[s.body_start..], "Body\n");
        assert_eq!(s.front_matter.unwrap()["title"].as_str(), Some("X"));
    }

    #[test]
    fn yaml_front_matter_is_split() {
        let s = markdown(
            "---\ntitle: \"Đảng bộ: X\"\ndate: 2022-05-19\ntags: [a, null]\nnote:\n---\nBody\n"
                .as_bytes(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(&s.text[s.body_start..], "Body\n");
        let fm = s.front_matter.unwrap();
        assert_eq!(fm["title"].as_str(), Some("Đảng bộ: X"));
        assert_eq!(fm["date"].as_str(), Some("2022-05-19"));
        assert_eq!(fm["tags"].as_array().map(Vec::len), Some(1));
        assert!(!fm.contains_key("note"));
    }

    #[test]
    fn yaml_front_matter_error_names_line() {
        let err = markdown(b"---\ntitle: x\ndate: [2022\n---\nbody\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("a.md:4: front matter: did not find"),
            "{err}"
        );
        assert!(!err.contains("at line"), "{err}");
    }

    #[test]
    fn an_unclosed_rule_is_markdown() {
        let s = markdown(b"---\nBody\n").unwrap().unwrap();
        assert_eq!(s.body_start, 0);
        assert!(s.front_matter.is_none());
    }

    #[test]
    fn windows_1258_sentence_is_accepted() {
        // "Nghị quyết số 12" with tones as combining marks (0xF2 dot below,
        // 0xEA ê, 0xEC acute), as a Windows-1258 editor writes it.
        let bytes = b"Ngh\x69\xF2 quy\xEA\xECt s\xF4\xEC 12";
        let (text, enc) = decode(bytes).unwrap();
        assert_eq!(text, "Nghị quyết số 12");
        assert_eq!(enc, "windows-1258");
    }

    #[test]
    fn latin1_german_is_refused_not_misdecoded() {
        // "Größe über Äpfel" in ISO-8859-1: valid Windows-1258 bytes, but
        // ö, ü, Ä are not Vietnamese letters.
        let err = decode(b"Gr\xF6\xDFe \xFCber \xC4pfel").unwrap_err();
        assert!(err.contains("neither UTF-8"), "{err}");
        assert!(err.contains("windows-1258"), "{err}");
    }

    #[test]
    fn c1_controls_are_refused() {
        // 0x81 and 0x8D are unassigned in Windows-1258: C1 controls.
        assert!(decode(b"abc \x81\x8D\x8E\x90 def").is_err());
    }

    #[test]
    fn bad_utf16_after_bom_is_an_error() {
        // A lone high surrogate.
        let err = decode(&[0xFF, 0xFE, 0x00, 0xD8, b'a', 0]).unwrap_err();
        assert!(err.contains("UTF-16LE"), "{err}");
    }

    /// The byte-by-byte reading that [`lines_of`] must agree with.
    fn line_ranges_reference(
        text: &str,
        range: std::ops::Range<usize>,
    ) -> Vec<std::ops::Range<usize>> {
        let bytes = text.as_bytes();
        let end = range.end.min(bytes.len());
        let mut lines = Vec::new();
        let mut start = range.start.min(end);
        let mut i = start;
        while i < end {
            match bytes[i] {
                b'\n' => {
                    lines.push(start..i);
                    i += 1;
                    start = i;
                }
                b'\r' => {
                    lines.push(start..i);
                    i += if bytes.get(i + 1) == Some(&b'\n') && i + 1 < end {
                        2
                    } else {
                        1
                    };
                    start = i;
                }
                _ => i += 1,
            }
        }
        if start < end {
            lines.push(start..end);
        }
        lines
    }

    proptest::proptest! {
        #[test]
        fn lines_of_agrees_with_the_byte_loop(text in "[a\\r\\n ]{0,40}", from in 0usize..45, to in 0usize..45) {
            let (from, to) = (from.min(text.len()), to.min(text.len()));
            proptest::prop_assert_eq!(line_ranges(&text, from..to), line_ranges_reference(&text, from..to));
        }
    }

    #[test]
    fn line_ranges_know_every_line_end() {
        let text = "a\r\nb\rc\nd";
        let lines: Vec<&str> = line_ranges(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
        // A range ending between \r and \n does not swallow the \n.
        let cut = line_ranges("x\r\ny", 0..2);
        assert_eq!((cut.len(), cut[0].clone()), (1, 0..1));
        assert_eq!(line_ranges("", 0..0), Vec::<std::ops::Range<usize>>::new());
    }

    #[test]
    fn front_matter_with_cr_line_ends() {
        for nl in ["\r", "\r\n"] {
            let text = ["+++", "title = \"X\"", "+++", "Body"].join(nl);
            let s = markdown(text.as_bytes()).unwrap().unwrap();
            assert_eq!(&s.text[s.body_start..], "Body", "{nl:?}");
            assert_eq!(s.front_matter.unwrap()["title"].as_str(), Some("X"));
        }
        let bad = ["+++", "title = \"X\"", "date = = 3", "+++", "Body"].join("\r");
        let err = markdown(bad.as_bytes()).unwrap_err().to_string();
        assert!(err.starts_with("a.md:3:"), "{err}");
    }

    #[test]
    fn invisible_only_is_empty() {
        let text = " \u{200B}\u{A0}\r\n\u{FEFF}\t";
        let got = from_bytes(Path::new("a.txt"), "a.txt", Format::Txt, text.as_bytes()).unwrap();
        assert!(got.is_none());
    }
}
