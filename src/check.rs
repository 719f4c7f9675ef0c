//! `vanban check`: what the archive could not decide, each with file:line,
//! so that a user can fix the text, the metadata or the registry.

use crate::archive::Archive;
use crate::refs::resolve::takes_year;
use crate::refs::Resolution;

/// How serious a finding is: errors make `check` exit non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One thing `check` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// `file:line`, or `site.toml` for registry problems.
    pub place: String,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}: {level}: {}", self.place, self.message)
    }
}

/// Every citation that could not be scoped, dated, or tied to a document.
pub fn citations(archive: &Archive) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in &archive.entries {
        for c in &e.citations {
            let text = e.article.text.get(c.span.clone()).unwrap_or("");
            let place = format!("{}:{}", e.article.file, c.line);
            let mut say = |message: String| {
                out.push(Finding {
                    severity: Severity::Warning,
                    place: place.clone(),
                    message,
                })
            };
            let key = &c.key;
            if c.resolved == Resolution::Unscoped {
                if key.contains('@') {
                    say(format!(
                        "{text:?} → {key}: a number with no code and no issuer; keyed by the article's province"
                    ));
                } else {
                    say(format!(
                        "{text:?} → {key}: a local document whose province is unknown (set the article's province)"
                    ));
                }
            }
            if key.starts_with("NQTW") || key.starts_with("KLTW") {
                say(format!(
                    "{text:?} → {key}: the plenum's document is unknown (name the khóa, or add it to the registry)"
                ));
            }
            if takes_year(key) && !key.contains('#') {
                say(format!("{text:?} → {key}: year of issue unknown"));
            }
            let base = key.split('#').next().unwrap_or(key);
            let district_level = ["/HU@", "/QU@", "/ThU@"].iter().any(|s| base.contains(s));
            if district_level && !base.split('@').nth(1).is_some_and(|s| s.contains('/')) {
                say(format!(
                    "{text:?} → {key}: a district's document whose district is unknown"
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Archive;
    use crate::config::SiteConfig;
    use crate::refs::registry::Registry;
    use crate::source::{from_bytes, Format};
    use std::path::Path;

    fn archive(text: &str) -> Archive {
        let src = from_bytes(Path::new("a.txt"), "a.txt", Format::Txt, text.as_bytes())
            .unwrap()
            .unwrap();
        let (registry, _) = Registry::new(&[]);
        let article = crate::article::clean(src, &SiteConfig::default());
        let cits = crate::pipeline::cite_article(&article, &registry).citations;
        Archive::build(vec![(article, cits)], &registry)
    }

    #[test]
    fn lists_what_could_not_be_decided() {
        let a = archive("Tiêu đề bài viết\n\nThực hiện Chỉ thị số 26-CT/TU về giải pháp và Nghị quyết Trung ương 3 (khóa VIII).\n");
        let found: Vec<String> = citations(&a).iter().map(|f| f.to_string()).collect();
        let all = found.join("\n");
        assert!(all.contains("a.txt:3: warning: \"Chỉ thị số 26-CT/TU\" → 26-CT/TU: a local document whose province is unknown"), "{all}");
        assert!(
            all.contains("NQTW3/VIII: the plenum's document is unknown"),
            "{all}"
        );
        assert!(all.contains("26-CT/TU: year of issue unknown"), "{all}");
    }

    #[test]
    fn says_nothing_of_what_was_decided() {
        let a = archive(
            "Tiêu đề\n\nNghị quyết số 22-NQ/TW ngày 02/02/2008 của Ban Chấp hành Trung ương.\n",
        );
        assert_eq!(citations(&a), Vec::new());
    }
}
