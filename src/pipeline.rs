//! Read → clean → detect → resolve → archive, for a set of paths, with a
//! report of what happened to every file.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::archive::Archive;
use crate::article::{self, Article};
use crate::config::SiteConfig;
use crate::refs::registry::Registry;
use crate::refs::{self, ArticleContext, Citation};
use crate::source::{self, Found};

/// What happened to one file under the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Read as an article, from this encoding.
    Built {
        encoding: &'static str,
    },
    Skipped(String),
    Failed(String),
}

/// Every file found, in path order, with its outcome.
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
}

/// Reads, cleans and cites one file's worth of article.
pub fn cite_article(article: &Article, registry: &Registry) -> Vec<Citation> {
    let ranges: Vec<_> = article.blocks.iter().map(|b| b.range.clone()).collect();
    let context = ArticleContext {
        province: article.province.as_ref().map(|p| p.slug.clone()),
        date: article.date,
    };
    refs::cite(&article.text, &ranges, &context, registry)
}

/// Runs the pipeline over `paths` (files or folders).
pub fn load(paths: &[PathBuf], config: &SiteConfig, registry: &Registry) -> (Archive, Report) {
    let files = source::discover(paths);
    let results: Vec<(PathBuf, Outcome, Option<(Article, Vec<Citation>)>)> = files
        .par_iter()
        .map(|(path, rel)| match source::read(path, rel) {
            Found::Read(src) => {
                let encoding = src.encoding;
                let article = article::clean(src, config);
                let citations = cite_article(&article, registry);
                (
                    path.clone(),
                    Outcome::Built { encoding },
                    Some((article, citations)),
                )
            }
            Found::Skipped(p, why) => (p, Outcome::Skipped(why.to_string()), None),
            Found::Failed(e) => (path.clone(), Outcome::Failed(e.to_string()), None),
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
    refs::resolve::years_from_archive(&mut citations);
    let articles = articles.into_iter().zip(citations).collect();
    (Archive::build(articles, registry), report)
}
