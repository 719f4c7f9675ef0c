//! `site.toml`: what the user tells vanban about the site.
//!
//! Every key is declared here, so a misspelt key is an error that names it
//! (serde's `deny_unknown_fields`) instead of a setting silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::refs::registry::RegistryEntry;

/// Problems with `site.toml` itself.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
}

/// The whole of `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in every page's header.
    #[serde(default = "default_title")]
    pub title: String,
    /// One sentence under the title on the home page.
    #[serde(default)]
    pub description: String,
    /// Folder of `.txt` and `.md` articles, relative to `site.toml`.
    #[serde(default = "default_content")]
    pub content: PathBuf,
    /// Folder the site is written to, relative to `site.toml`.
    #[serde(default = "default_output")]
    pub output: PathBuf,
    /// Folder of Tera templates; the built-in ones are used for any file it lacks.
    #[serde(default = "default_templates")]
    pub templates: PathBuf,
    /// Absolute address the site is published at; only canonical links, feeds
    /// and the sitemap use it. Every link between pages stays relative.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Licence note shown on the data page.
    #[serde(default)]
    pub licence: Option<String>,
    /// Extra directives, or replacements of built-in ones by key.
    #[serde(default)]
    pub registry: Vec<RegistryEntry>,
    /// Per-file metadata for raw `.txt` articles, keyed by the path relative
    /// to the content folder: `[articles."000_x.txt"]`.
    #[serde(default)]
    pub articles: BTreeMap<String, ArticleOverride>,
    /// Extra lines that mark where a portal's boilerplate starts.
    #[serde(default)]
    pub boilerplate: Boilerplate,
    /// Extra news-portal abbreviations (`HBĐT` → Báo Hòa Bình điện tử).
    #[serde(default)]
    pub portals: Vec<Portal>,
    /// Let raw HTML in Markdown through unsanitised (off by default).
    #[serde(default)]
    pub allow_raw_html: bool,
}

/// Metadata that beats what vanban extracts from the text.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleOverride {
    pub title: Option<String>,
    pub date: Option<toml::value::Datetime>,
    pub province: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boilerplate {
    /// Lines where the body ends, added to `data/boilerplate.toml`'s; compared
    /// case- and tone-insensitively, as prefixes when ending in `:` or of
    /// three words or more, else as whole lines (see that file).
    #[serde(default)]
    pub markers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portal {
    pub abbreviation: String,
    pub name: String,
    #[serde(default)]
    pub province: Option<String>,
}

fn default_title() -> String {
    "Văn bản".to_string()
}
fn default_content() -> PathBuf {
    PathBuf::from("seeds")
}
fn default_output() -> PathBuf {
    PathBuf::from("public")
}
fn default_templates() -> PathBuf {
    PathBuf::from("templates")
}

impl Default for SiteConfig {
    fn default() -> Self {
        // An empty document takes every default.
        toml::from_str("").expect("an empty site.toml is valid")
    }
}

impl SiteConfig {
    /// Parses `site.toml` text; `path` only names the file in messages.
    pub fn parse(text: &str, path: &Path) -> Result<SiteConfig, ConfigError> {
        let config: SiteConfig = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        config.validate().map_err(|message| ConfigError::Parse {
            path: path.to_path_buf(),
            message,
        })?;
        Ok(config)
    }

    /// Reads `site.toml`, resolving its folders against the file's own folder.
    /// A missing file at the default path means "all defaults".
    pub fn load(path: &Path, must_exist: bool) -> Result<SiteConfig, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => String::new(),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        let mut config = SiteConfig::parse(&text, path)?;
        let base = path.parent().unwrap_or(Path::new(""));
        for folder in [
            &mut config.content,
            &mut config.output,
            &mut config.templates,
        ] {
            if folder.is_relative() && !base.as_os_str().is_empty() {
                *folder = base.join(&*folder);
            }
        }
        Ok(config)
    }

    fn validate(&self) -> Result<(), String> {
        if let Some(url) = &self.base_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(format!(
                    "base_url: expected an absolute http(s) address, found {url:?}"
                ));
            }
        }
        if self.title.trim().is_empty() {
            return Err("title: must not be empty".into());
        }
        Ok(())
    }

    /// `base_url` without its trailing slash.
    pub fn base_url(&self) -> Option<&str> {
        self.base_url.as_deref().map(|u| u.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_named() {
        let err = SiteConfig::parse("titel = \"x\"\n", Path::new("site.toml")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("titel"), "{msg}");
        assert!(msg.contains("site.toml"), "{msg}");
    }

    #[test]
    fn bad_base_url_is_named() {
        let err = SiteConfig::parse("base_url = \"example.org\"\n", Path::new("site.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("base_url"), "{err}");
    }

    #[test]
    fn defaults() {
        let c = SiteConfig::default();
        assert_eq!(c.content, PathBuf::from("seeds"));
        assert_eq!(c.output, PathBuf::from("public"));
        assert!(c.base_url.is_none());
    }
}
