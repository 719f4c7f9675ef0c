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
    out.extend(two_blocs(archive));
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

/// A province's two Đảng ủy Khối (Các cơ quan, Doanh nghiệp) both write
/// `ĐUK`: a key cited with both blocs' names may merge two documents.
fn two_blocs(archive: &Archive) -> Vec<Finding> {
    use std::collections::BTreeMap;
    let mut blocs: BTreeMap<&str, (Option<String>, Option<String>)> = BTreeMap::new();
    for e in &archive.entries {
        for c in &e.citations {
            if !c.key.contains("/ĐUK@") {
                continue;
            }
            let Some(issuer) = c.issuer.as_deref() else {
                continue;
            };
            let named = crate::vi::fold(issuer);
            let place = format!("{}:{}", e.article.file, c.line);
            let slot = blocs.entry(c.key.as_str()).or_default();
            if named.contains("doanh nghiep") {
                slot.1.get_or_insert(place);
            } else if named.contains("co quan") || named.contains("ccq") {
                slot.0.get_or_insert(place);
            }
        }
    }
    blocs
        .into_iter()
        .filter_map(|(key, (agencies, businesses))| {
            let (a, b) = (agencies?, businesses?);
            Some(Finding {
                severity: Severity::Warning,
                place: a,
                message: format!(
                    "{key} is cited as the Đảng ủy Khối Các cơ quan's here and as the Đảng ủy Khối Doanh nghiệp's at {b}: two documents may share this page"
                ),
            })
        })
        .collect()
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
    fn a_bloc_key_named_by_both_blocs_is_listed() {
        let a = archive("Tiêu đề bài viết\n\nThực hiện Nghị quyết số 05-NQ/ĐUK ngày 3/2/2021 của Đảng ủy Khối Các cơ quan tỉnh Yên Bái, và Nghị quyết số 05-NQ/ĐUK ngày 3/2/2021 của Đảng ủy Khối Doanh nghiệp tỉnh Yên Bái.\n");
        let all: Vec<String> = citations(&a).iter().map(|f| f.to_string()).collect();
        assert!(
            all.iter()
                .any(|f| f
                    .contains("5-NQ/ĐUK@yen-bai#2021 is cited as the Đảng ủy Khối Các cơ quan's")),
            "{all:?}"
        );
    }

    #[test]
    fn says_nothing_of_what_was_decided() {
        let a = archive(
            "Tiêu đề\n\nNghị quyết số 22-NQ/TW ngày 02/02/2008 của Ban Chấp hành Trung ương.\n",
        );
        assert_eq!(citations(&a), Vec::new());
    }
}
