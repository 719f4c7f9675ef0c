//! The command line: `build` (the default), `scan`, `check`, `serve`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

use vanban::cache::ArticleCache;
use vanban::config::SiteConfig;
use vanban::pipeline::{self, Report};
use vanban::refs::registry::Registry;
use vanban::render::Page;
use vanban::{render, scan, serve, site};

/// A build makes millions of small strings and values (page contexts,
/// postings) on every thread; mimalloc serves them for a fraction of the
/// system allocator's cost (scripts/bench.sh measures it).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Makes mimalloc commit its arenas as they fill, and give freed memory
/// back after 10 ms, rather than keep both for speed: a large build's peak
/// memory is then close to what it holds (the memory budget). Not
/// at once: memory given back at once is taken again, and zeroed by the
/// kernel, a moment later, which cost a tenth to a fifth of a build of
/// 10,000 articles (scripts/bench.sh). 10 ms is mimalloc v2's own default
/// (v3's is a second). The options' numbers are their place in
/// `mi_option_e` (mimalloc.h, the same in v2 and v3), which the binding
/// does not name.
fn tune_allocator() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option only changes how later allocations behave.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 10);
    }
}

/// vanban builds a cross-linked archive of Vietnamese Party-building
/// articles: one page per article, one per directive it cites.
#[derive(Parser)]
#[command(name = "vanban", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    build: BuildArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from the content folder into the output folder (the default).
    Build(BuildArgs),
    /// Print what vanban understood of each article as JSON lines; writes nothing.
    Scan(ScanArgs),
    /// Build in memory and list every citation that could not be scoped or
    /// resolved, and every registry problem; writes nothing.
    Check(ConfigArgs),
    /// Build, serve the site on 127.0.0.1, and rebuild and reload the open
    /// page whenever the articles, templates or site.toml change.
    Serve(ServeArgs),
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    build: BuildArgs,
    /// The port to listen on (on 127.0.0.1 only).
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

#[derive(Args, Clone, Default)]
struct ConfigArgs {
    /// The site's configuration file.
    #[arg(long, default_value = "site.toml", global = true)]
    config: PathBuf,
    /// The folder of articles (overrides site.toml's `content`).
    #[arg(long, global = true)]
    content: Option<PathBuf>,
}

#[derive(Args, Clone, Default)]
struct BuildArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// The folder to write the site into (overrides site.toml's `output`).
    #[arg(long, global = true)]
    output: Option<PathBuf>,
    /// Exit with an error if any file failed or the registry has problems.
    #[arg(long, global = true)]
    strict: bool,
}

#[derive(Args)]
struct ScanArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Files or folders to scan (default: the content folder).
    paths: Vec<PathBuf>,
}

fn main() {
    tune_allocator();
    let cli = Cli::parse();
    let result = match cli.command {
        None => build(&cli.build),
        Some(Command::Build(args)) => build(&args),
        Some(Command::Scan(args)) => scan_cmd(&args),
        Some(Command::Check(args)) => check(&args),
        Some(Command::Serve(args)) => serve_cmd(&args),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(2);
        }
    }
}

fn load_config(args: &ConfigArgs) -> Result<SiteConfig> {
    let explicit = args.config != Path::new("site.toml");
    let mut config = SiteConfig::load(&args.config, explicit)?;
    if let Some(c) = &args.content {
        config.content = c.clone();
    }
    Ok(config)
}

fn registry(config: &SiteConfig) -> (Registry, Vec<String>) {
    let (registry, errors) = Registry::new(&config.registry);
    (registry, errors.iter().map(|e| e.to_string()).collect())
}

/// One line per file skipped, failed or decoded from a legacy encoding, then
/// the counts: every file of the content folder is accounted for.
fn print_report(report: &Report) {
    for line in report.lines() {
        eprintln!("{line}");
    }
    eprintln!("{}", report.summary());
}

/// One build: what `build` writes and `serve` also serves.
struct Built {
    config: SiteConfig,
    /// Every page, when kept in memory (for `serve`).
    pages: Vec<Page>,
    warnings: usize,
}

/// Reads site.toml and the articles, renders every page and writes the
/// site into the output folder, each page as soon as it is rendered (so
/// memory holds the archive, not the site); with `keep`, pages are also
/// kept in memory.
fn build_and_write(args: &BuildArgs, keep: bool) -> Result<Built> {
    let started = Instant::now();
    let mut config = load_config(&args.config)?;
    if let Some(o) = &args.output {
        config.output = o.clone();
    }
    site::check_output(&config.output, &config.content)?;
    let (registry, registry_errors) = registry(&config);
    for e in &registry_errors {
        eprintln!("warning: {e}");
    }
    if !config.content.is_dir() {
        anyhow::bail!("content folder {} does not exist", config.content.display());
    }
    let progress = Progress::start("reading and citing the articles");
    let cache = ArticleCache::open(&config.output, &config);
    let (archive, report) = pipeline::load_with(
        std::slice::from_ref(&config.content),
        &config,
        &registry,
        Some(&cache),
    );
    progress.stage(&format!(
        "rendering and writing the pages of {} articles and {} directives",
        archive.entries.len(),
        archive.directives.len()
    ));
    let output = &config.output;
    let written = render::load_templates(&config.templates)
        .map_err(anyhow::Error::from)
        .and_then(|templates| {
            let staging = site::Staging::begin(output, &config.content)
                .with_context(|| format!("writing the site into {}", output.display()))?;
            let kept = render::Collect::default();
            let both = render::Tee(&staging, &kept);
            let sink: &dyn render::Sink = if keep { &both } else { &staging };
            render::emit_site(&archive, &config, &templates, sink)?;
            let stats = staging
                .finish()
                .with_context(|| format!("writing the site into {}", output.display()))?;
            Ok((stats, kept.into_pages()))
        });
    progress.finish();
    print_report(&report);
    let (stats, pages) = written?;
    if config.base_url().is_none() {
        eprintln!(
            "note: base_url is not set in site.toml, so no sitemap.xml, robots.txt, \
             Atom feeds or canonical links were made."
        );
    }
    let warnings = registry_errors.len() + report.failed();
    println!(
        "Built {} articles, {} directives, {} citations; {} files skipped, {} failed, \
         {} warnings; {} pages written, {} unchanged, in {:.2} s.",
        archive.entries.len(),
        archive.directives.len(),
        archive.citation_count(),
        report.skipped(),
        report.failed(),
        warnings,
        stats.written,
        stats.unchanged,
        started.elapsed().as_secs_f64()
    );
    if !keep {
        // The process ends after this build: freeing the archive's millions
        // of strings one by one would only delay the exit (a twentieth of a
        // 10k rebuild). `serve`, which builds again, keeps freeing it.
        std::mem::forget(archive);
    }
    Ok(Built {
        config,
        pages,
        warnings,
    })
}

/// What the build is doing, on standard error, while it does it: a spinner
/// with the stage and the time taken, shown only on a terminal (logs, CI and
/// tests see the summary alone).
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn start(stage: &str) -> Progress {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(stage.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress(Some(bar))
    }

    fn stage(&self, stage: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(stage.to_string());
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

fn build(args: &BuildArgs) -> Result<i32> {
    let built = build_and_write(args, false)?;
    println!("Open {}", built.config.output.join("index.html").display());
    Ok(if args.strict && built.warnings > 0 {
        1
    } else {
        0
    })
}

fn serve_cmd(args: &ServeArgs) -> Result<i32> {
    let config = load_config(&args.build.config)?;
    let watch = vec![
        args.build.config.config.clone(),
        config.content.clone(),
        config.templates.clone(),
    ];
    let build_args = args.build.clone();
    let output = args.build.output.clone().unwrap_or(config.output.clone());
    let options = serve::Options {
        port: args.port,
        watch,
        ignore: Some(output),
        poll: std::time::Duration::from_millis(300),
    };
    serve::run(options, move || {
        build_and_write(&build_args, true)
            .map(|b| b.pages)
            .map_err(|e| format!("{e:#}"))
    })?;
    Ok(0)
}

fn scan_cmd(args: &ScanArgs) -> Result<i32> {
    let config = load_config(&args.config)?;
    let (registry, _) = registry(&config);
    let paths = if args.paths.is_empty() {
        vec![config.content.clone()]
    } else {
        args.paths.clone()
    };
    for p in &paths {
        if !p.exists() {
            anyhow::bail!("{} does not exist", p.display());
        }
    }
    let (archive, report) = pipeline::load(&paths, &config, &registry);
    print_report(&report);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in scan::lines(&archive) {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(0)
}

fn check(args: &ConfigArgs) -> Result<i32> {
    let config = load_config(args)?;
    let (registry, registry_errors) = registry(&config);
    let (archive, report) =
        pipeline::load(std::slice::from_ref(&config.content), &config, &registry);
    print_report(&report);
    let findings = vanban::check::citations(&archive);
    for f in &findings {
        println!("{f}");
    }
    for e in &registry_errors {
        println!("{}: error: {e}", args.config.display());
    }
    let errors = registry_errors.len() + report.failed();
    println!("{} warnings, {errors} errors", findings.len());
    Ok(if errors > 0 { 1 } else { 0 })
}
