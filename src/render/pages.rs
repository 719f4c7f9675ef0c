//! Each kind of page: what it shows, as a plain context for its template.
//!
//! No context holds the whole archive: home and indexes get what they show,
//! long lists are cut into pages ([`paging`]).

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use super::charts::{self, Bar};
use super::paging::{self, Group, GroupPage, Pager, PER_PAGE};
use super::reuse::{self, Inputs};
use super::{
    body, error_chain, put_or_keep, sentence, vi_date, Page, RenderError, Sink, Templates,
};
use crate::archive::{Archive, Directive, Entry, ProvinceView, Relation};
use crate::config::SiteConfig;
use crate::vi;

/// What every page's context holds.
#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    description: &'a str,
    article_count: usize,
    directive_count: usize,
    citation_count: usize,
    province_count: usize,
}

/// One step of the breadcrumbs; the last one (the page itself) has no href.
#[derive(Serialize)]
struct Crumb {
    label: String,
    href: Option<String>,
}

/// An article as lists show it.
#[derive(Serialize)]
struct ArticleCard<'a> {
    slug: &'a str,
    title: &'a str,
    date: Option<String>,
    province: Option<&'a str>,
    province_slug: Option<&'a str>,
    source: Option<&'a str>,
    citations: usize,
}

/// A directive as lists show it.
#[derive(Serialize)]
struct DirectiveCard<'a> {
    slug: &'a str,
    key: &'a str,
    name: &'a str,
    /// The name without its issuer, for charts and tight lists.
    short: String,
    kind: &'a str,
    title: Option<&'a str>,
    issuer: Option<&'a str>,
    scope: &'a str,
    date: Option<String>,
    articles: usize,
}

/// One sentence of an article that cites a directive.
#[derive(Serialize)]
struct Quote<'a> {
    /// True when the quote starts after a `;` (a clause, not a sentence):
    /// templates mark the cut with `…`.
    clause: bool,
    before: &'a str,
    mention: &'a str,
    after: &'a str,
    /// The citation's `id` in the article page.
    anchor: String,
}

/// One citing article on a directive's page, with its sentences.
#[derive(Serialize)]
struct CitedIn<'a> {
    /// Flattened (`c.title`, not `c.article.title`): every path segment
    /// costs Tera a lookup, and this loop is the hottest in the site.
    #[serde(flatten)]
    article: ArticleCard<'a>,
    quotes: Vec<Quote<'a>>,
}

/// A directive with a count (co-citations, a province's citations).
#[derive(Serialize)]
struct Counted {
    directive: tera::Value,
    count: usize,
}

fn card(e: &Entry) -> ArticleCard<'_> {
    ArticleCard {
        slug: &e.slug,
        title: &e.article.title,
        date: e.article.date.as_ref().map(vi_date),
        province: e.article.province.as_ref().map(|p| p.name.as_str()),
        province_slug: e.article.province.as_ref().map(|p| p.slug.as_str()),
        source: e.article.source.as_deref(),
        citations: e.citations.len(),
    }
}

/// `Chỉ thị số 26-CT/TU của Ban ...` → `Chỉ thị số 26-CT/TU (Hòa Bình)`.
fn short_name(d: &Directive) -> String {
    let base = d.name.split(" của ").next().unwrap_or(&d.name);
    if d.scope_slug.is_some() && !base.contains(&d.scope) {
        format!("{base} ({})", d.scope)
    } else {
        base.to_string()
    }
}

fn directive_card(d: &Directive) -> DirectiveCard<'_> {
    DirectiveCard {
        slug: &d.slug,
        key: &d.key,
        name: &d.name,
        short: short_name(d),
        kind: &d.kind,
        title: d.title.as_deref(),
        issuer: d.issuer.as_deref(),
        scope: &d.scope,
        date: d.date.as_ref().map(vi_date),
        articles: d.article_count,
    }
}

/// The keys of what every page's context holds: the site, and the
/// interface words.
const COMMON_KEYS: [&str; 2] = ["site", "t"];

/// Bytes reserved for a page before rendering it: most pages fit.
const PAGE_CAPACITY: usize = 32 * 1024;

/// Renders the pages of one archive.
pub struct Renderer<'a> {
    archive: &'a Archive,
    config: &'a SiteConfig,
    tera: &'a Tera,
    strings: &'a toml::Table,
    /// Relations by the key of their `from` and of their `to`.
    implements: HashMap<&'a str, Vec<&'a Relation>>,
    implemented_by: HashMap<&'a str, Vec<&'a Relation>>,
    /// Each entry's position in `archive.by_date`.
    date_rank: Vec<usize>,
    /// Each directive as lists show it ([`DirectiveCard`]), made once: a
    /// page's context takes a copy, which Tera keeps behind an `Arc`, where
    /// making it for each list it is in cost a twentieth of a build.
    cards: Vec<tera::Value>,
    /// Each entry's [`reuse::article_inputs`], hashed once for all the pages
    /// made from it (empty when the sink does not reuse pages).
    article_inputs: Vec<Inputs>,
    /// What every page's context holds (`site`, `t`), serialised once:
    /// Tera keeps maps and lists behind `Arc`s, so each page's copy is a
    /// handful of pointers.
    common: Context,
    /// Where pages go, as soon as each is rendered.
    sink: &'a dyn Sink,
    /// What every page depends on besides its own context (templates,
    /// strings, the common context), hashed; `None` if the sink does not
    /// reuse pages.
    common_inputs: Option<u128>,
}

/// The context of one page being rendered: a copy of the common context
/// plus the page's own keys, which alone are hashed to tell whether the
/// page changed (the common part is hashed once, in `common_inputs`; a
/// page key that overrides a common one is hashed with the page's).
struct PageContext<'p> {
    ctx: Context,
    keys: Vec<&'static str>,
    /// Whether the page's inputs are hashed (the sink reuses pages).
    hashed: bool,
    /// Values made only if the page is rendered (an article's body): each
    /// stands in the page's hash by a hash of what it is made from.
    deferred: Vec<Deferred<'p>>,
}

/// A value of a page's context made only if the page is rendered.
struct Deferred<'p> {
    key: &'static str,
    /// What it is made from, hashed (`None` when pages are not hashed).
    inputs: Option<Inputs>,
    make: Box<dyn FnOnce() -> tera::Value + 'p>,
}

impl<'p> PageContext<'p> {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.ctx.insert(key, value);
        self.keys.push(key);
    }

    /// What `inputs` gives, when pages are hashed: only then is it worth
    /// hashing what a deferred value is made from.
    fn hash(&self, inputs: impl FnOnce() -> Inputs) -> Option<Inputs> {
        self.hashed.then(inputs)
    }

    /// Sets `key` to what `make` gives, made only if the page is rendered;
    /// `inputs` ([`Self::hash`]) hashes what it is made from, and must
    /// change whenever `make`'s value would.
    fn insert_deferred<T: Serialize>(
        &mut self,
        key: &'static str,
        inputs: Option<Inputs>,
        make: impl FnOnce() -> T + 'p,
    ) {
        self.deferred.push(Deferred {
            key,
            inputs,
            make: Box::new(move || tera::Value::from_serializable(&make())),
        });
    }

    /// Makes the deferred values: the page is to be rendered.
    fn make_deferred(&mut self) {
        for Deferred { key, make, .. } in self.deferred.drain(..) {
            self.ctx.insert_value(key, make());
        }
    }
}

impl std::ops::Deref for PageContext<'_> {
    type Target = Context;
    fn deref(&self) -> &Context {
        &self.ctx
    }
}

/// A directive page's citing articles, each with its sentences that cite
/// it: `items` are (article index, its citation indexes in reading order).
fn cited_in<'a>(a: &'a Archive, items: &[(usize, Vec<usize>)]) -> Vec<CitedIn<'a>> {
    items
        .iter()
        .map(|(i, cites)| {
            let e = &a.entries[*i];
            let text = &e.article.text;
            let quotes = cites
                .iter()
                .filter_map(|&n| {
                    let c = e.citations.get(n)?;
                    let (before, mention, after) = sentence(text, c);
                    // Where `before` starts in the text (it is a slice of it).
                    let start = (before.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
                    let clause = text
                        .get(..start)
                        .and_then(|head| head.trim_end().chars().last())
                        == Some(';');
                    Some(Quote {
                        clause,
                        before,
                        mention,
                        after,
                        anchor: format!("c{n}"),
                    })
                })
                .collect();
            CitedIn {
                article: card(e),
                quotes,
            }
        })
        .collect()
}

/// What [`cited_in`] makes its list from, hashed: each article's card and
/// [`reuse::article_inputs`] (given in `articles`, by index), and the spans
/// of the citations quoted. A rebuild that keeps the
/// page does not take the sentences out again.
fn cited_in_inputs(a: &Archive, articles: &[Inputs], items: &[(usize, Vec<usize>)]) -> Inputs {
    use super::reuse::text_into;
    use std::hash::Hasher;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.write_u64(items.len() as u64);
    for (i, cites) in items {
        let e = &a.entries[*i];
        let card = card(e);
        for part in [
            Some(card.slug),
            Some(card.title),
            card.date.as_deref(),
            card.province,
        ]
        .into_iter()
        .chain([card.province_slug, card.source])
        {
            h.write_u8(u8::from(part.is_some()));
            text_into(&mut h, part.unwrap_or_default());
        }
        h.write_u64(card.citations as u64);
        h.write_u128(articles.get(*i).copied().unwrap_or_default());
        h.write_u64(cites.len() as u64);
        for &n in cites {
            h.write_u64(n as u64);
            let span = e
                .citations
                .get(n)
                .map(|c| c.span.clone())
                .unwrap_or_default();
            h.write_u64(span.start as u64);
            h.write_u64(span.end as u64);
        }
    }
    h.digest128()
}

impl<'a> Renderer<'a> {
    pub fn new(
        archive: &'a Archive,
        config: &'a SiteConfig,
        templates: &'a Templates,
        sink: &'a dyn Sink,
    ) -> Renderer<'a> {
        let (tera, strings) = (&templates.tera, &templates.strings);
        let mut implements: HashMap<&str, Vec<&Relation>> = HashMap::new();
        let mut implemented_by: HashMap<&str, Vec<&Relation>> = HashMap::new();
        for r in &archive.relations {
            implements.entry(r.from.as_str()).or_default().push(r);
            implemented_by.entry(r.to.as_str()).or_default().push(r);
        }
        let mut date_rank = vec![0; archive.entries.len()];
        for (rank, &i) in archive.by_date.iter().enumerate() {
            if let Some(r) = date_rank.get_mut(i) {
                *r = rank;
            }
        }
        let site = SiteInfo {
            title: &config.title,
            description: &config.description,
            article_count: archive.entries.len(),
            directive_count: archive.directives.len(),
            citation_count: archive.citation_count(),
            province_count: archive.provinces.len(),
        };
        let mut common = Context::new();
        let [site_key, strings_key] = COMMON_KEYS;
        common.insert(site_key, &site);
        common.insert(strings_key, strings);
        let cards = archive
            .directives
            .par_iter()
            .map(|d| tera::Value::from_serializable(&directive_card(d)))
            .collect();
        Renderer {
            archive,
            config,
            tera,
            strings,
            implements,
            implemented_by,
            date_rank,
            cards,
            article_inputs: if sink.reuses() {
                archive
                    .entries
                    .par_iter()
                    .map(|e| reuse::article_inputs(&e.article))
                    .collect()
            } else {
                Vec::new()
            },
            common_inputs: sink
                .reuses()
                .then(|| super::reuse::common_inputs(templates.inputs, &common, &COMMON_KEYS)),
            common,
            sink,
        }
    }

    /// An interface word (from strings.toml), or its name if missing.
    fn s(&self, key: &'a str) -> &'a str {
        self.strings
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
    }

    /// A page's context: the common part (`site`, `t`), `root` and the
    /// breadcrumbs.
    fn context(&self, root: &str, crumbs: Vec<Crumb>) -> PageContext<'a> {
        let mut ctx = PageContext {
            ctx: self.common.clone(),
            keys: Vec::new(),
            hashed: self.common_inputs.is_some(),
            deferred: Vec::new(),
        };
        ctx.insert("root", root);
        ctx.insert("crumbs", &crumbs);
        ctx
    }

    fn crumb(&self, key: &'a str, href: &str) -> Crumb {
        Crumb {
            label: self.s(key).to_string(),
            href: Some(href.to_string()),
        }
    }

    fn here(label: &str) -> Crumb {
        Crumb {
            label: label.to_string(),
            href: None,
        }
    }

    /// Renders one page into the sink; or, when the sink still has the
    /// page made from the same inputs by an earlier build, lets it keep
    /// that one without rendering (see [`super::reuse`]).
    fn render(
        &self,
        template: &str,
        path: String,
        mut ctx: PageContext,
    ) -> Result<(), RenderError> {
        // With base_url, each page names its published address (feeds.rs).
        if let Some(url) = super::feeds::canonical(self.config, &path) {
            ctx.insert("canonical", &url);
        }
        let inputs = self.common_inputs.map(|common| {
            let deferred = ctx.deferred.iter().map(|d| (d.key, d.inputs));
            super::reuse::page_inputs(common, template, &path, &ctx, &ctx.keys, deferred)
        });
        put_or_keep(self.sink, path, inputs, |path| {
            ctx.make_deferred();
            // Straight into bytes: Tera's `render` would check the whole
            // page is UTF-8 again, and grow its buffer from 2 kB.
            let mut bytes = Vec::with_capacity(PAGE_CAPACITY);
            self.tera
                .render_to(template, &ctx, &mut bytes)
                .map_err(|e| RenderError::Page {
                    page: path.clone(),
                    template: template.to_string(),
                    message: error_chain(&e),
                })?;
            Ok(Page { path, bytes })
        })
    }

    /// Every page but the data files' (see [`Self::emit_data`]), each handed
    /// to the sink as soon as it is rendered, so that no more than a few
    /// pages per thread are ever held at once.
    pub fn emit(&self) -> Result<(), RenderError> {
        self.home()?;
        self.not_found()?;
        let level_starts = self.indexes()?;
        (0..self.archive.entries.len())
            .into_par_iter()
            .try_for_each(|i| self.article(i))?;
        (0..self.archive.directives.len())
            .into_par_iter()
            .try_for_each(|i| self.directive(i))?;
        self.archive
            .provinces
            .par_iter()
            .try_for_each(|p| self.province(p, &level_starts))?;
        let crumbs = vec![
            self.crumb("home", "index.html"),
            Self::here(self.s("search")),
        ];
        self.render(
            "search.html",
            "search.html".into(),
            self.context("", crumbs),
        )
    }

    /// The data files and their page (`data.rs`). Apart from
    /// [`Self::emit`] so that a build can make them side by side with the
    /// pages.
    pub fn emit_data(&self) -> Result<(), RenderError> {
        let crumbs = vec![self.crumb("home", "index.html"), Self::here(self.s("data"))];
        super::data::emit(
            self.archive,
            self.config,
            self.tera,
            &self.context("", crumbs),
            self.sink,
        )
    }

    /// `root` leads from the chart's page to the site root.
    fn most_cited_chart(&self, id: &str, root: &str, ranked: &[(&Directive, usize)]) -> String {
        let bars: Vec<Bar> = ranked
            .iter()
            .map(|(d, n)| Bar {
                label: short_name(d),
                value: *n,
                href: Some(format!("{root}directives/{}.html", d.slug)),
            })
            .collect();
        charts::horizontal(
            id,
            self.s("chart_most_cited"),
            (self.s("directive"), self.s("chart_articles")),
            &bars,
        )
    }

    fn home(&self) -> Result<(), RenderError> {
        let a = self.archive;
        let top: Vec<&Directive> = a
            .most_cited
            .iter()
            .take(10)
            .map(|&i| &a.directives[i])
            .collect();
        let ranked: Vec<(&Directive, usize)> = top.iter().map(|d| (*d, d.article_count)).collect();
        let years = charts::per_year(a.entries.iter().filter_map(|e| {
            use chrono::Datelike;
            e.article.date.map(|d| d.year())
        }));
        let mut ctx = self.context("", Vec::new());
        ctx.insert(
            "latest",
            &a.by_date
                .iter()
                .take(10)
                .map(|&i| card(&a.entries[i]))
                .collect::<Vec<_>>(),
        );
        ctx.insert(
            "most_cited",
            &a.most_cited
                .iter()
                .take(10)
                .map(|&i| self.card_of(i))
                .collect::<Vec<_>>(),
        );
        ctx.insert(
            "chart_most_cited",
            &self.most_cited_chart("chart-top", "", &ranked),
        );
        ctx.insert(
            "chart_years",
            &charts::columns(
                "chart-years",
                self.s("chart_articles_per_year"),
                (self.s("year"), self.s("chart_articles")),
                &years,
            ),
        );
        #[derive(Serialize)]
        struct ProvinceItem<'b> {
            slug: &'b str,
            name: &'b str,
            articles: usize,
            directives: usize,
        }
        ctx.insert(
            "provinces",
            &a.provinces
                .iter()
                .map(|p| ProvinceItem {
                    slug: &p.slug,
                    name: &p.name,
                    articles: p.articles.len(),
                    directives: p.directives.len(),
                })
                .collect::<Vec<_>>(),
        );
        self.render("index.html", "index.html".into(), ctx)
    }

    fn not_found(&self) -> Result<(), RenderError> {
        // GitHub Pages serves it at any depth, so links use base_url when set.
        let root = self
            .config
            .base_url()
            .map(|u| format!("{u}/"))
            .unwrap_or_default();
        let mut ctx = self.context(&root, Vec::new());
        ctx.insert("is_404", &true);
        self.render("404.html", "404.html".into(), ctx)
    }

    /// One grouped, paginated index (`list.html`). `family` names the set
    /// of sibling indexes shown as tabs (`directives` or `articles`).
    fn index<T: Serialize + Send>(
        &self,
        base: &str,
        title_key: &'a str,
        family: &str,
        item_kind: &str,
        groups: Vec<Group<T>>,
    ) -> Result<(), RenderError> {
        self.index_with_starts(base, title_key, family, item_kind, groups)
            .map(|_| ())
    }

    /// [`Self::index`], also giving the file where each group (by id) starts.
    fn index_with_starts<T: Serialize + Send>(
        &self,
        base: &str,
        title_key: &'a str,
        family: &str,
        item_kind: &str,
        groups: Vec<Group<T>>,
    ) -> Result<HashMap<String, String>, RenderError> {
        let ids: Vec<String> = groups.iter().map(|g| g.id.clone()).collect();
        let (pages, starts) = paging::paginate(groups, PER_PAGE);
        let starts = ids
            .into_iter()
            .zip(starts)
            .map(|(id, n)| (id, paging::file_name(base, n)))
            .collect();
        let total = pages.len();
        let title = self.s(title_key);
        // Each page of the list renders on its own.
        pages
            .into_par_iter()
            .enumerate()
            .try_for_each(|(n, groups)| {
                let n = n + 1;
                let crumbs = vec![self.crumb("home", "index.html"), Self::here(title)];
                let mut ctx = self.context("", crumbs);
                ctx.insert("title", title);
                ctx.insert("page_base", base);
                ctx.insert("family", family);
                ctx.insert("item_kind", item_kind);
                ctx.insert("groups", &groups);
                ctx.insert("pager", &Pager::new(base, n, total));
                self.render("list.html", paging::file_name(base, n), ctx)
            })?;
        Ok(starts)
    }

    /// Every index page, and the file of the issuer-level index where each
    /// province's directives start (for the province pages).
    fn indexes(&self) -> Result<HashMap<String, String>, RenderError> {
        let a = self.archive;
        let unknown = self.s("unknown");

        // Directives by kind (the archive keeps them sorted by kind).
        let mut by_kind: Vec<Group<tera::Value>> = Vec::new();
        for (i, d) in a.directives.iter().enumerate() {
            match by_kind.last_mut() {
                Some(g) if g.label == d.kind => g.items.push(self.card_of(i)),
                _ => by_kind.push(Group::new(
                    d.kind.clone(),
                    format!("loai-{}", vi::slugify(&d.kind)),
                    vec![self.card_of(i)],
                )),
            }
        }
        self.index(
            "directives",
            "all_directives",
            "directives",
            "directive",
            by_kind,
        )?;

        // By issuer level: Central first, then each province.
        let mut central = Vec::new();
        for &i in &a.most_cited {
            if a.directives[i].scope_slug.is_none() {
                central.push(self.card_of(i));
            }
        }
        let mut by_level = vec![Group::new(
            self.s("central").to_string(),
            "trung-uong".to_string(),
            central,
        )];
        for p in &a.provinces {
            if !p.directives.is_empty() {
                by_level.push(Group {
                    label: p.name.clone(),
                    id: format!("tinh-{}", p.slug),
                    link: Some(format!("provinces/{}.html", p.slug)),
                    items: p.directives.iter().map(|&i| self.card_of(i)).collect(),
                });
            }
        }
        by_level.retain(|g| !g.items.is_empty());
        let level_starts = self.index_with_starts(
            "directives-by-level",
            "directives_by_level",
            "directives",
            "directive",
            by_level,
        )?;

        // By year of issue, newest first, unknown last.
        let mut years: Vec<(Option<i32>, usize)> = a
            .most_cited
            .iter()
            .map(|&i| (a.directives[i].year(), i))
            .collect();
        years.sort_by(|x, y| match (x.0, y.0) {
            (Some(p), Some(q)) => q.cmp(&p),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let mut by_year: Vec<Group<tera::Value>> = Vec::new();
        for (y, i) in years {
            let (label, id) = match y {
                Some(y) => (format!("{} {y}", self.s("year")), format!("nam-{y}")),
                None => (unknown.to_string(), "nam-chua-ro".to_string()),
            };
            match by_year.last_mut() {
                Some(g) if g.id == id => g.items.push(self.card_of(i)),
                _ => by_year.push(Group::new(label, id, vec![self.card_of(i)])),
            }
        }
        self.index(
            "directives-by-year",
            "directives_by_year",
            "directives",
            "directive",
            by_year,
        )?;

        // Most cited.
        let ranked = a.most_cited.iter().map(|&i| self.card_of(i)).collect();
        self.index(
            "directives-most-cited",
            "most_cited",
            "directives",
            "directive",
            vec![Group::new(
                self.s("most_cited").to_string(),
                "nhieu-nhat".to_string(),
                ranked,
            )],
        )?;

        // Articles by date, grouped by year.
        let mut by_date: Vec<Group<ArticleCard>> = Vec::new();
        for &i in &a.by_date {
            let e = &a.entries[i];
            let (label, id) = match e.article.date {
                Some(d) => {
                    use chrono::Datelike;
                    (
                        format!("{} {}", self.s("year"), d.year()),
                        format!("nam-{}", d.year()),
                    )
                }
                None => (self.s("undated").to_string(), "chua-ro-ngay".to_string()),
            };
            match by_date.last_mut() {
                Some(g) if g.id == id => g.items.push(card(e)),
                _ => by_date.push(Group::new(label, id, vec![card(e)])),
            }
        }
        self.index("articles", "all_articles", "articles", "article", by_date)?;

        // Articles by province (no province last).
        let mut by_province: Vec<Group<ArticleCard>> = a
            .provinces
            .iter()
            .filter(|p| !p.articles.is_empty())
            .map(|p| Group {
                label: p.name.clone(),
                id: format!("tinh-{}", p.slug),
                link: Some(format!("provinces/{}.html", p.slug)),
                items: p.articles.iter().map(|&i| card(&a.entries[i])).collect(),
            })
            .collect();
        let without: Vec<ArticleCard> = a
            .by_date
            .iter()
            .map(|&i| &a.entries[i])
            .filter(|e| e.article.province.is_none())
            .map(card)
            .collect();
        if !without.is_empty() {
            by_province.push(Group::new(
                self.s("no_province").to_string(),
                "chua-ro-tinh".to_string(),
                without,
            ));
        }
        self.index(
            "articles-by-province",
            "articles_by_province",
            "articles",
            "article",
            by_province,
        )?;

        // Articles by source, in Vietnamese order, unknown last.
        let mut sources: Vec<(Option<&str>, usize)> = a
            .by_date
            .iter()
            .map(|&i| (a.entries[i].article.source.as_deref(), i))
            .collect();
        // Stable: within a source, newest first as `by_date` has them.
        sources.sort_by_cached_key(|&(source, _)| {
            (source.is_none(), source.map(|s| (vi::sort_key(s), s)))
        });
        let mut by_source: Vec<Group<ArticleCard>> = Vec::new();
        for (src, i) in sources {
            let (label, id) = match src {
                Some(s) => (s.to_string(), format!("nguon-{}", vi::slugify(s))),
                None => (unknown.to_string(), "nguon-chua-ro".to_string()),
            };
            match by_source.last_mut() {
                Some(g) if g.label == label => g.items.push(card(&a.entries[i])),
                _ => by_source.push(Group::new(label, id, vec![card(&a.entries[i])])),
            }
        }
        // Two sources that slug alike still get distinct ids.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for g in &mut by_source {
            let n = seen.entry(g.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                g.id = format!("{}-{n}", g.id);
            }
        }
        self.index(
            "articles-by-source",
            "articles_by_source",
            "articles",
            "article",
            by_source,
        )?;
        Ok(level_starts)
    }

    /// The card of the archive's directive `i` (see `cards`).
    fn card_of(&self, i: usize) -> tera::Value {
        self.cards.get(i).cloned().unwrap_or_else(tera::Value::none)
    }

    fn article(&self, i: usize) -> Result<(), RenderError> {
        let a = self.archive;
        let e = &a.entries[i];
        #[derive(Serialize)]
        struct Cited<'b> {
            /// Flattened, as in [`CitedIn`]: `c.slug`, one lookup.
            #[serde(flatten)]
            directive: DirectiveCard<'b>,
            /// Articles other than this one that cite it.
            others: usize,
            anchor: String,
        }
        let mut cited: Vec<Cited> = Vec::new();
        for (n, c) in e.citations.iter().enumerate() {
            if cited.iter().any(|x| x.directive.key == c.key) {
                continue;
            }
            if let Some(d) = a.directive(&c.key) {
                cited.push(Cited {
                    directive: directive_card(d),
                    others: d.article_count.saturating_sub(1),
                    anchor: format!("c{n}"),
                });
            }
        }
        // Neighbours by date, among dated articles (a.by_date is newest first).
        let (mut newer, mut older) = (None, None);
        if e.article.date.is_some() {
            if let Some(&pos) = self.date_rank.get(i) {
                newer = pos
                    .checked_sub(1)
                    .map(|p| &a.entries[a.by_date[p]])
                    .filter(|n| n.article.date.is_some())
                    .map(card);
                older = a
                    .by_date
                    .get(pos + 1)
                    .map(|&p| &a.entries[p])
                    .filter(|n| n.article.date.is_some())
                    .map(card);
            }
        }
        let mut crumbs = vec![
            self.crumb("home", "../index.html"),
            self.crumb("articles", "../articles.html"),
        ];
        if let Some(p) = &e.article.province {
            crumbs.push(Crumb {
                label: p.name.clone(),
                href: Some(format!("../provinces/{}.html", p.slug)),
            });
        }
        crumbs.push(Self::here(&e.article.title));
        let mut ctx = self.context("../", crumbs);
        ctx.insert("article", &card(e));
        ctx.insert("author", &e.article.author);
        ctx.insert("extra", &e.article.extra);
        // The body is the page's largest part: a rebuild that keeps the
        // page does not make it (its inputs are hashed instead).
        let raw_html = self.config.allow_raw_html;
        let inputs = ctx.hash(|| body::inputs(a, e, self.article_inputs[i], "../", raw_html));
        ctx.insert_deferred("body", inputs, move || body::render(a, e, "../", raw_html));
        ctx.insert_deferred("title_html", inputs, move || body::title(a, e, "../"));
        ctx.insert("cited", &cited);
        ctx.insert("newer", &newer);
        ctx.insert("older", &older);
        self.render("article.html", format!("articles/{}.html", e.slug), ctx)
    }

    fn directive(&self, index: usize) -> Result<(), RenderError> {
        let a = self.archive;
        let d = &a.directives[index];
        // One entry per citing article (its index, and its citations in
        // reading order), newest first, undated last. The sentences are
        // taken only for the pages rendered (see `cited_in`).
        let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
        for r in &d.citing {
            match groups.last_mut() {
                Some((article, cites)) if *article == r.article => cites.push(r.citation),
                _ => groups.push((r.article, vec![r.citation])),
            }
        }
        let date_of = |i: usize| a.entries[i].article.date;
        let mut years = charts::per_year(groups.iter().filter_map(|&(i, _)| {
            use chrono::Datelike;
            date_of(i).map(|d| d.year())
        }));
        let undated = groups
            .iter()
            .filter(|&&(i, _)| date_of(i).is_none())
            .count();
        groups.sort_by(|(x, _), (y, _)| {
            match (date_of(*x), date_of(*y)) {
                (Some(p), Some(q)) => q.cmp(&p),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| a.entries[*x].slug.cmp(&a.entries[*y].slug))
        });
        let citation_count = d.citing.len();

        let related = |rels: Option<&Vec<&'a Relation>>, other: fn(&'a Relation) -> &'a str| {
            // In the archive's order (kind, then number), as indexes list them.
            let mut found: Vec<usize> = rels
                .map(|v| {
                    v.iter()
                        .filter_map(|r| a.by_key.get(other(r)).copied())
                        .collect()
                })
                .unwrap_or_default();
            found.sort_unstable();
            found.dedup();
            found
                .into_iter()
                .map(|i| self.card_of(i))
                .collect::<Vec<_>>()
        };
        let implements = related(self.implements.get(d.key.as_str()), |r| &r.to);
        let implemented_by = related(self.implemented_by.get(d.key.as_str()), |r| &r.from);
        let co_cited: Vec<Counted> = a
            .co_cited
            .top
            .get(index)
            .map(|top| {
                top.iter()
                    .map(|&(other, count)| Counted {
                        directive: self.card_of(other),
                        count,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let scope_href = d
            .scope_slug
            .as_ref()
            .filter(|s| a.province(s).is_some())
            .map(|s| format!("../provinces/{s}.html"));

        let (pages, _) = paging::paginate(
            vec![Group::new(String::new(), "cited".to_string(), groups)],
            PER_PAGE,
        );
        let total = pages.len();
        for (n, mut page) in pages.into_iter().enumerate() {
            let n = n + 1;
            let items: Vec<(usize, Vec<usize>)> = page
                .pop()
                .map(|g: GroupPage<(usize, Vec<usize>)>| g.items)
                .unwrap_or_default();
            let crumbs = vec![
                self.crumb("home", "../index.html"),
                self.crumb("directives", "../directives.html"),
                Self::here(&short_name(d)),
            ];
            let mut ctx = self.context("../", crumbs);
            ctx.insert("directive", &self.card_of(index));
            ctx.insert("date", &d.date.as_ref().map(vi_date));
            ctx.insert("scope_href", &scope_href);
            ctx.insert("citation_count", &citation_count);
            ctx.insert("undated", &undated);
            let inputs = ctx.hash(|| cited_in_inputs(a, &self.article_inputs, &items));
            ctx.insert_deferred("cited_in", inputs, move || cited_in(a, &items));
            ctx.insert("first_index", &((n - 1) * PER_PAGE + 1));
            ctx.insert("pager", &Pager::new(&d.slug, n, total));
            if n == 1 {
                ctx.insert("implements", &implements);
                ctx.insert("implemented_by", &implemented_by);
                ctx.insert("co_cited", &co_cited);
                let inputs = ctx.hash(|| charts::inputs(&years));
                let years = std::mem::take(&mut years);
                ctx.insert_deferred("chart", inputs, move || {
                    charts::columns(
                        "chart-years",
                        self.s("chart_citations_per_year"),
                        (self.s("year"), self.s("chart_articles")),
                        &years,
                    )
                });
            }
            self.render(
                "directive.html",
                format!("directives/{}", paging::file_name(&d.slug, n)),
                ctx,
            )?;
        }
        Ok(())
    }

    /// `level_starts`: where each group of the issuer-level index starts.
    fn province(
        &self,
        p: &'a ProvinceView,
        level_starts: &HashMap<String, String>,
    ) -> Result<(), RenderError> {
        let a = self.archive;
        // The directives its articles cite most.
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for &i in &p.articles {
            let mut keys: Vec<&str> = a.entries[i]
                .citations
                .iter()
                .map(|c| c.key.as_str())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                if let Some(&d) = a.by_key.get(k) {
                    *counts.entry(d).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
        ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        ranked.truncate(10);
        let top: Vec<Counted> = ranked
            .iter()
            .map(|&(d, count)| Counted {
                directive: self.card_of(d),
                count,
            })
            .collect();
        let ranked: Vec<(&Directive, usize)> = ranked
            .into_iter()
            .map(|(d, n)| (&a.directives[d], n))
            .collect();
        let chart = self.most_cited_chart("chart-top", "../", &ranked);
        let own: Vec<tera::Value> = p
            .directives
            .iter()
            .take(PER_PAGE)
            .map(|&i| self.card_of(i))
            .collect();
        let articles: Vec<ArticleCard> = p.articles.iter().map(|&i| card(&a.entries[i])).collect();
        let (pages, _) = paging::paginate(
            vec![Group::new(String::new(), "articles".to_string(), articles)],
            PER_PAGE,
        );
        let total = pages.len();
        for (n, mut page) in pages.into_iter().enumerate() {
            let n = n + 1;
            let items = page.pop().map(|g| g.items).unwrap_or_default();
            let crumbs = vec![
                self.crumb("home", "../index.html"),
                self.crumb("articles_by_province", "../articles-by-province.html"),
                Self::here(&p.name),
            ];
            let mut ctx = self.context("../", crumbs);
            ctx.insert("province", &p.name);
            ctx.insert("slug", &p.slug);
            ctx.insert("article_count", &p.articles.len());
            ctx.insert("directive_count", &p.directives.len());
            ctx.insert("articles", &items);
            ctx.insert("pager", &Pager::new(&p.slug, n, total));
            if n == 1 {
                ctx.insert("chart", &chart);
                ctx.insert("top", &top);
                ctx.insert("own", &own);
                let id = format!("tinh-{}", p.slug);
                let more = (p.directives.len() > own.len())
                    .then(|| level_starts.get(&id).map(|f| format!("../{f}#{id}")))
                    .flatten();
                ctx.insert("own_more", &more);
            }
            self.render(
                "province.html",
                format!("provinces/{}", paging::file_name(&p.slug, n)),
                ctx,
            )?;
        }
        Ok(())
    }
}
