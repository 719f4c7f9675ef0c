//! Read → clean → detect → resolve → archive, for a set of paths, with a
//! report of what happened to every file.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::archive::Archive;
use crate::article::{self, Article};
use crate::cache::ArticleCache;
use crate::config::SiteConfig;
use crate::refs::registry::Registry;
use crate::refs::{self, ArticleContext, Citation};
use crate::source::{self, Found, Listed};

/// What happened to one file under the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Read as an article, from this encoding.
    Built { encoding: &'static str },
    /// Not read as an article, and why (hidden, not .txt/.md, empty...).
    Skipped(String),
    /// Could not be read as an article: the message names the file, the
    /// line when there is one, and what was wrong.
    Failed(String),
}

/// Every file found, in path order, with its outcome: nothing found under
/// the content folder is left out of it.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<(PathBuf, Outcome)>,
}

impl Report {
    pub fn built(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Built { .. }))
    }
    pub fn skipped(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Skipped(_)))
    }
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failed(_)))
    }
    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.files.iter().filter(|(_, o)| f(o)).count()
    }

    /// One line per file that was not simply read as UTF-8: skipped (why),
    /// failed (why), or decoded from another encoding (which). In path order.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (path, outcome) in &self.files {
            match outcome {
                Outcome::Built { encoding } if *encoding != "UTF-8" => {
                    lines.push(format!("decoded {} from {encoding}", path.display()))
                }
                Outcome::Built { .. } => {}
                Outcome::Skipped(why) => lines.push(format!("skipped {}: {why}", path.display())),
                Outcome::Failed(why) => lines.push(format!("failed  {why}")),
            }
        }
        lines
    }

    /// The counts in one line: `files: 12 found, 9 built, 2 skipped, 1 failed`,
    /// with the encodings other than UTF-8 among the built ones.
    pub fn summary(&self) -> String {
        let mut encodings: std::collections::BTreeMap<&str, usize> = Default::default();
        for (_, o) in &self.files {
            if let Outcome::Built { encoding } = o {
                if *encoding != "UTF-8" {
                    *encodings.entry(encoding).or_default() += 1;
                }
            }
        }
        let mut built = format!("{} built", self.built());
        if !encodings.is_empty() {
            let list: Vec<String> = encodings
                .iter()
                .map(|(e, n)| format!("{n} from {e}"))
                .collect();
            built = format!("{built} ({})", list.join(", "));
        }
        format!(
            "files: {} found, {}, {} skipped, {} failed",
            self.files.len(),
            built,
            self.skipped(),
            self.failed()
        )
    }
}

/// Reads, cleans and cites one file's worth of article.
pub fn cite_article(article: &Article, registry: &Registry) -> refs::Cited {
    let ranges: Vec<_> = article.blocks.iter().map(|b| b.range.clone()).collect();
    let context = ArticleContext {
        province: article.province.as_ref().map(|p| p.slug.clone()),
        date: article.date,
        ..Default::default()
    };
    refs::cite(&article.text, &ranges, &context, registry)
}

/// Runs the pipeline over `paths` (files or folders).
///
/// Files are read in parallel but collected in path order, so the archive
/// and the report are the same whatever the thread count or the order the
/// file system lists files in.
pub fn load(paths: &[PathBuf], config: &SiteConfig, registry: &Registry) -> (Archive, Report) {
    load_with(paths, config, registry, None)
}

/// [`load`], taking each unchanged file from `cache` instead of reading it
/// again, and keeping there what each file read gave.
pub fn load_with(
    paths: &[PathBuf],
    config: &SiteConfig,
    registry: &Registry,
    cache: Option<&ArticleCache>,
) -> (Archive, Report) {
    let listed = source::discover(paths);
    type Done = (PathBuf, Outcome, Option<(Article, Vec<Citation>)>);
    let results: Vec<Done> = listed
        .into_par_iter()
        .map(|item| match item {
            Listed::File { path, rel } => {
                if let Some((article, citations)) = cache.and_then(|c| c.get(&path, &rel)) {
                    let outcome = Outcome::Built {
                        encoding: article.encoding,
                    };
                    return (path, outcome, Some((article, citations)));
                }
                let read_at = cache.and_then(|_| crate::render::reuse::stamp(&path));
                match source::read(&path, &rel) {
                    Found::Read(src) => {
                        let encoding = src.encoding;
                        let mut article = article::clean(src, config);
                        let cited = cite_article(&article, registry);
                        article.document = cited.document;
                        let mut citations = cited.citations;
                        // Kept until the end of the build: without the
                        // slack their growth left (a quarter, for a
                        // hundred thousand articles some 60 MB).
                        article.blocks.shrink_to_fit();
                        citations.shrink_to_fit();
                        if let (Some(cache), Some(read_at)) = (cache, read_at) {
                            cache.put(&path, read_at, &article, &citations);
                        }
                        (
                            path,
                            Outcome::Built { encoding },
                            Some((article, citations)),
                        )
                    }
                    Found::Skipped(p, why) => (p, Outcome::Skipped(why.to_string()), None),
                    Found::Failed(e) => (path, Outcome::Failed(e.to_string()), None),
                }
            }
            Listed::Skipped { path, why, .. } => (path, Outcome::Skipped(why.to_string()), None),
            Listed::Failed { path, why, .. } => {
                let message = format!("{}: {why}", path.display());
                (path, Outcome::Failed(message), None)
            }
        })
        .collect();
    let mut report = Report::default();
    let mut articles = Vec::new();
    let mut citations = Vec::new();
    for (path, outcome, found) in results {
        report.files.push((path, outcome));
        if let Some((article, cited)) = found {
            articles.push(article);
            citations.push(cited);
        }
    }
    if let Some(cache) = cache {
        let built: Vec<PathBuf> = report
            .files
            .iter()
            .filter(|(_, o)| matches!(o, Outcome::Built { .. }))
            .map(|(p, _)| p.clone())
            .collect();
        cache.retain(&built);
    }
    refs::resolve::years_from_archive(&mut citations);
    let articles = articles.into_iter().zip(citations).collect();
    let archive = Archive::build(articles, registry);
    crate::release_freed_memory();
    (archive, report)
}
