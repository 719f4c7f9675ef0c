//! The archive as open data: `data/*.csv`, `data/archive.json` with its
//! JSON Schema, and the page `data.html` that documents them.
//!
//! Every file is written from the same in-memory [`Archive`] the pages come
//! from, through one row type per table: the CSV writer and the JSON writer
//! serialise the very same rows, so the two can never disagree. Rows come
//! in a fixed order (articles by path, citations in reading order,
//! directives by key, relations by key) so that two builds of the same
//! articles give the same bytes and a new build diffs line by line.
//!
//! The CSV files are UTF-8 with a byte order mark: Excel opens a UTF-8 CSV
//! by double-click correctly only when the mark is there (without it,
//! Vietnamese turns into mojibake), while pandas, R's readr, LibreOffice and
//! the `csv` crate skip it. Python's own `csv` module needs
//! `encoding="utf-8-sig"`, which the data page says.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::archive::{Archive, Entry};
use crate::config::SiteConfig;
use crate::render::reuse::{self, Inputs};
use crate::render::{error_chain, put, sentence_text, stream_or_keep, Page, RenderError, Sink};

/// The JSON Schema of `archive.json`, written beside it.
pub const SCHEMA: &str = include_str!("../../data/archive.schema.json");

/// The byte order mark that tells spreadsheets a CSV is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The version of `archive.json`'s layout; the schema states the same.
pub const FORMAT_VERSION: u32 = 1;

/// One row of `articles.csv`: an article of the archive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow<'a> {
    /// The article's page is `articles/<slug>.html`.
    pub slug: &'a str,
    /// The path relative to the content folder.
    pub file: &'a str,
    pub title: &'a str,
    /// Publication date, `yyyy-mm-dd`.
    pub date: Option<String>,
    pub province: Option<&'a str>,
    pub source: Option<&'a str>,
    pub author: Option<&'a str>,
    /// Number of citations (mentions of directives) in the article.
    pub citations: usize,
}

/// One row of `citations.csv`: one mention of one directive in one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitationRow<'a> {
    pub article_slug: &'a str,
    pub article_title: &'a str,
    pub article_date: Option<String>,
    pub province: Option<&'a str>,
    pub directive_key: &'a str,
    /// The mention as written in the article.
    pub text: &'a str,
    /// The sentence around the mention.
    pub sentence: &'a str,
    /// 1-based line of the mention in the article's file.
    pub line: usize,
}

/// One row of `directives.csv`: a cited directive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DirectiveRow<'a> {
    pub key: &'a str,
    pub kind: &'a str,
    pub number: Option<&'a str>,
    pub code: Option<&'a str>,
    pub issuer: Option<&'a str>,
    /// Date of issue, `yyyy-mm-dd`.
    pub date: Option<String>,
    /// `Trung ương`, or the province's name.
    pub scope: &'a str,
    pub title: Option<&'a str>,
    /// Number of distinct articles citing it.
    pub citing_articles: usize,
    /// Earliest and latest date of a dated citing article.
    pub first_cited: Option<String>,
    pub last_cited: Option<String>,
}

/// How two directives are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    // In the order of their names, so rows sort as the files read.
    /// `from` and `to` are cited in the same articles; symmetric, so written
    /// once, with `from` < `to`.
    CoCited,
    /// `from` implements `to` (`Kế hoạch ... thực hiện Kết luận ...`).
    Implements,
}

/// One row of `relations.csv`: a relation between two directives. Rows
/// sort by their fields in order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RelationRow<'a> {
    pub from_key: &'a str,
    pub relation: RelationKind,
    pub to_key: &'a str,
    pub count: usize,
}

/// The four tables of the archive, row by row, in their published order.
#[derive(Debug, Clone, Serialize)]
pub struct Tables<'a> {
    pub articles: Vec<ArticleRow<'a>>,
    pub citations: Vec<CitationRow<'a>>,
    pub directives: Vec<DirectiveRow<'a>>,
    pub relations: Vec<RelationRow<'a>>,
}

/// `archive.json`: the tables with what a reader needs to cite them.
#[derive(Serialize)]
struct ArchiveJson<'a> {
    format: &'static str,
    version: u32,
    title: &'a str,
    licence: Option<&'a str>,
    #[serde(flatten)]
    tables: &'a Tables<'a>,
}

/// The columns of each CSV file, in order: the page documents each of them
/// (its words are `t.data_col.<table>.<column>` in strings.toml).
pub const ARTICLE_COLUMNS: &[&str] = &[
    "slug",
    "file",
    "title",
    "date",
    "province",
    "source",
    "author",
    "citations",
];
pub const CITATION_COLUMNS: &[&str] = &[
    "article_slug",
    "article_title",
    "article_date",
    "province",
    "directive_key",
    "text",
    "sentence",
    "line",
];
pub const DIRECTIVE_COLUMNS: &[&str] = &[
    "key",
    "kind",
    "number",
    "code",
    "issuer",
    "date",
    "scope",
    "title",
    "citing_articles",
    "first_cited",
    "last_cited",
];
pub const RELATION_COLUMNS: &[&str] = &["from_key", "relation", "to_key", "count"];

/// Every relation between the archive's directives, sorted.
pub fn relations(archive: &Archive) -> Vec<RelationRow<'_>> {
    let mut all = implements(archive);
    all.extend(co_cited(archive));
    // Rows equal in every field are the same row: an unstable sort is
    // as good, and faster.
    all.par_sort_unstable();
    all
}

/// `implements` relations.
///
/// The archive's `implements` edges (`from` implements `to`), each with the
/// number of distinct articles whose text states it.
fn implements(archive: &Archive) -> Vec<RelationRow<'_>> {
    archive
        .relations
        .iter()
        .map(|r| {
            let articles: BTreeSet<usize> = r.evidence.iter().map(|e| e.article).collect();
            RelationRow {
                from_key: &r.from,
                relation: RelationKind::Implements,
                to_key: &r.to,
                count: articles.len(),
            }
        })
        .collect()
}

/// Pairs of directives cited in the same article, with the number of
/// articles citing both.
pub fn co_cited(archive: &Archive) -> Vec<RelationRow<'_>> {
    let key = |i: usize| archive.directives[i].key.as_str();
    archive
        .co_cited
        .pairs
        .iter()
        .map(|&(a, b, count)| {
            let (a, b, count) = (a as usize, b as usize, count as usize);
            let (from, to) = if key(a) <= key(b) {
                (key(a), key(b))
            } else {
                (key(b), key(a))
            };
            RelationRow {
                from_key: from,
                relation: RelationKind::CoCited,
                to_key: to,
                count,
            }
        })
        .collect()
}

fn iso(d: &chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn article_row(e: &Entry) -> ArticleRow<'_> {
    let a = &e.article;
    ArticleRow {
        slug: &e.slug,
        file: &a.rel,
        title: &a.title,
        date: a.date.as_ref().map(iso),
        province: a.province.as_ref().map(|p| p.name.as_str()),
        source: a.source.as_deref(),
        author: a.author.as_deref(),
        citations: e.citations.len(),
    }
}

/// The archive's tables.
pub fn tables(archive: &Archive) -> Tables<'_> {
    let articles = archive.entries.iter().map(article_row).collect();
    let citations = archive
        .entries
        .par_iter()
        .flat_map_iter(|e| {
            let a = &e.article;
            e.citations.iter().map(move |c| CitationRow {
                article_slug: &e.slug,
                article_title: &a.title,
                article_date: a.date.as_ref().map(iso),
                province: a.province.as_ref().map(|p| p.name.as_str()),
                directive_key: &c.key,
                text: a.text.get(c.span.clone()).unwrap_or(""),
                sentence: sentence_text(&a.text, c),
                line: c.line,
            })
        })
        .collect();
    let mut directives: Vec<DirectiveRow> = archive
        .directives
        .par_iter()
        .map(|d| {
            let dates: Vec<chrono::NaiveDate> = d
                .citing
                .iter()
                .filter_map(|r| archive.entries.get(r.article)?.article.date)
                .collect();
            DirectiveRow {
                key: &d.key,
                kind: &d.kind,
                number: d.number.as_deref(),
                code: d.code.as_deref(),
                issuer: d.issuer.as_deref(),
                date: d.date.as_ref().map(iso),
                scope: &d.scope,
                title: d.title.as_deref(),
                citing_articles: d.article_count,
                first_cited: dates.iter().min().map(iso),
                last_cited: dates.iter().max().map(iso),
            }
        })
        .collect();
    directives.sort_by(|a, b| a.key.cmp(b.key));
    let relations = relations(archive);
    Tables {
        articles,
        citations,
        directives,
        relations,
    }
}

/// One table as CSV: BOM, header row, RFC 4180 quoting (a cell with a comma,
/// quote or line break is quoted), rows ended by `\n` rather than RFC 4180's
/// CRLF so that git diffs stay clean (every reader accepts both). The header
/// is written even for an empty table.
fn write_csv<T: Serialize>(
    out: &mut dyn std::io::Write,
    columns: &[&str],
    rows: &[T],
) -> Result<(), csv::Error> {
    out.write_all(BOM)?;
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(columns)?;
    for row in rows {
        w.serialize(row)?;
    }
    w.flush()?;
    Ok(())
}

/// A data file and what the page says of it.
#[derive(Serialize)]
struct FileInfo {
    /// Relative to the site's root: `data/citations.csv`.
    path: String,
    /// Key in `t.data_file` / `t.data_col`: `citations`, `json`, `schema`.
    table: &'static str,
    size: String,
    bytes: usize,
    rows: Option<usize>,
    columns: &'static [&'static str],
}

/// Writes one data file's bytes.
type WriteFile<'a> = Box<dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + Send + Sync + 'a>;

/// One data file to make: what the page says of it, how to write it, and
/// what it is made from, so that a rebuild keeps it while that is unchanged
/// (the file is large, and an edit that touches no citation leaves it so).
struct DataFile<'a> {
    table: &'static str,
    path: String,
    rows: Option<usize>,
    columns: &'static [&'static str],
    write: WriteFile<'a>,
    /// What it is made from, hashed ([`reuse::serialized_inputs`]); only
    /// when the sink keeps files.
    made_from: Option<Inputs>,
}

impl<'a> DataFile<'a> {
    /// `data/<table>.csv`.
    fn csv<T: Serialize + Sync>(
        table: &'static str,
        columns: &'static [&'static str],
        rows: &'a [T],
        made_from: Option<Inputs>,
    ) -> Self {
        DataFile {
            table,
            path: format!("data/{table}.csv"),
            rows: Some(rows.len()),
            columns,
            write: Box::new(move |out| {
                write_csv(out, columns, rows).map_err(std::io::Error::other)
            }),
            made_from,
        }
    }

    /// Writes the file through the sink, or keeps the earlier build's.
    fn make(self, sink: &dyn Sink) -> Result<FileInfo, RenderError> {
        let inputs = self.made_from.and_then(|made_from| {
            reuse::serialized_inputs(&(reuse::program_inputs(), &self.path, made_from))
        });
        let size = stream_or_keep(sink, &self.path, inputs, &mut |w| (self.write)(w))? as usize;
        Ok(FileInfo {
            path: self.path,
            table: self.table,
            size: human_size(size),
            bytes: size,
            rows: self.rows,
            columns: self.columns,
        })
    }
}

/// `1234` → `1,2 kB`, with the Vietnamese decimal comma.
pub fn human_size(bytes: usize) -> String {
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let (value, unit) = if bytes < 1_000_000 {
        (bytes as f64 / 1e3, "kB")
    } else {
        (bytes as f64 / 1e6, "MB")
    };
    format!("{value:.1} {unit}").replace('.', ",")
}

/// A table's rows and columns, hashed, when the sink keeps files.
fn table_inputs<T: Serialize>(reuses: bool, columns: &[&str], rows: &[T]) -> Option<Inputs> {
    reuses
        .then(|| reuse::serialized_inputs(&(columns, rows)))
        .flatten()
}

/// The data files and the page `data.html`, into `sink`. `ctx` is the
/// context every page gets (site, strings `t`, `root` = "").
pub fn emit(
    archive: &Archive,
    config: &SiteConfig,
    tera: &Tera,
    ctx: &Context,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let tables = tables(archive);
    let json = ArchiveJson {
        format: "vanban-archive",
        version: FORMAT_VERSION,
        title: &config.title,
        licence: config.licence.as_deref(),
        tables: &tables,
    };
    // What each file is made from, hashed when the sink keeps files: each
    // table once, for its CSV file and for the JSON.
    let reuses = sink.reuses();
    let hashed = [
        table_inputs(reuses, ARTICLE_COLUMNS, &tables.articles),
        table_inputs(reuses, CITATION_COLUMNS, &tables.citations),
        table_inputs(reuses, DIRECTIVE_COLUMNS, &tables.directives),
        table_inputs(reuses, RELATION_COLUMNS, &tables.relations),
    ];
    // The fields of `json` (postcard cannot take it whole, for its
    // `flatten`); its constant parts are the program's.
    let json_made_from = hashed
        .iter()
        .copied()
        .collect::<Option<Vec<Inputs>>>()
        .and_then(|tables| reuse::serialized_inputs(&(json.title, json.licence, tables)));
    let files = vec![
        DataFile::csv("articles", ARTICLE_COLUMNS, &tables.articles, hashed[0]),
        DataFile::csv("citations", CITATION_COLUMNS, &tables.citations, hashed[1]),
        DataFile::csv(
            "directives",
            DIRECTIVE_COLUMNS,
            &tables.directives,
            hashed[2],
        ),
        DataFile::csv("relations", RELATION_COLUMNS, &tables.relations, hashed[3]),
        DataFile {
            table: "json",
            path: "data/archive.json".into(),
            rows: None,
            columns: &[],
            write: Box::new(|w| {
                use std::io::Write;
                // serde_json writes a few bytes at a time: into a buffer of
                // its own each is a copy, not a call through `dyn Write`.
                let mut out = std::io::BufWriter::with_capacity(1 << 16, w);
                serde_json::to_writer_pretty(&mut out, &json)?;
                out.write_all(b"\n")?;
                out.flush()
            }),
            made_from: json_made_from,
        },
        DataFile {
            table: "schema",
            path: "data/archive.schema.json".into(),
            rows: None,
            columns: &[],
            write: Box::new(|w| w.write_all(SCHEMA.as_bytes())),
            // Built into the program, whose hash every file's inputs hold.
            made_from: reuses.then_some(0),
        },
    ];
    // Independent files, written side by side; listed in this order.
    let files = files
        .into_par_iter()
        .map(|file| file.make(sink))
        .collect::<Result<Vec<FileInfo>, RenderError>>()?;

    let mut ctx = ctx.clone();
    ctx.insert("files", &files);
    ctx.insert("licence", &config.licence);
    let html = tera
        .render("data.html", &ctx)
        .map_err(|e| RenderError::Page {
            page: "data.html".into(),
            template: "data.html".into(),
            message: error_chain(&e),
        })?;
    put(
        sink,
        Page {
            path: "data.html".into(),
            bytes: html.into_bytes(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_csv<T: Serialize>(columns: &[&str], rows: &[T]) -> Result<Vec<u8>, csv::Error> {
        let mut out = Vec::new();
        write_csv(&mut out, columns, rows)?;
        Ok(out)
    }

    #[derive(Serialize)]
    struct Row<'a> {
        a: &'a str,
        b: Option<&'a str>,
        n: usize,
    }

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let rows = [Row {
            a: "Chỉ thị, \"số\" 26\nmới",
            b: None,
            n: 3,
        }];
        let bytes = to_csv(&["a", "b", "n"], &rows).unwrap();
        assert_eq!(
            bytes,
            "\u{feff}a,b,n\n\"Chỉ thị, \"\"số\"\" 26\nmới\",,3\n".as_bytes()
        );
    }

    #[test]
    fn empty_table_keeps_its_header() {
        let rows: [Row; 0] = [];
        assert_eq!(
            to_csv(&["a", "b", "n"], &rows).unwrap(),
            "\u{feff}a,b,n\n".as_bytes()
        );
    }

    /// The header row the csv crate derives from a row type's fields.
    fn derived_header<T: Serialize>(row: &T) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(row).unwrap();
        let bytes = w.into_inner().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        text.lines().next().unwrap().to_string()
    }

    #[test]
    fn column_lists_match_the_row_types() {
        let article = ArticleRow {
            slug: "s",
            file: "f",
            title: "t",
            date: None,
            province: None,
            source: None,
            author: None,
            citations: 0,
        };
        assert_eq!(derived_header(&article), ARTICLE_COLUMNS.join(","));
        let citation = CitationRow {
            article_slug: "s",
            article_title: "t",
            article_date: None,
            province: None,
            directive_key: "k",
            text: "x",
            sentence: "y",
            line: 1,
        };
        assert_eq!(derived_header(&citation), CITATION_COLUMNS.join(","));
        let directive = DirectiveRow {
            key: "k",
            kind: "Chỉ thị",
            number: None,
            code: None,
            issuer: None,
            date: None,
            scope: "Trung ương",
            title: None,
            citing_articles: 1,
            first_cited: None,
            last_cited: None,
        };
        assert_eq!(derived_header(&directive), DIRECTIVE_COLUMNS.join(","));
        let relation = RelationRow {
            from_key: "a",
            relation: RelationKind::CoCited,
            to_key: "b",
            count: 1,
        };
        assert_eq!(derived_header(&relation), RELATION_COLUMNS.join(","));
    }

    #[test]
    fn sizes_read_in_vietnamese() {
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(1234), "1,2 kB");
        assert_eq!(human_size(2_500_000), "2,5 MB");
    }
}
