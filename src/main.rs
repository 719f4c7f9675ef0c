//! The command line: `build` (the default), `scan`, `check`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

use vanban::config::SiteConfig;
use vanban::pipeline::{self, Report};
use vanban::refs::registry::Registry;
use vanban::{render, scan, site};

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
    let cli = Cli::parse();
    let result = match cli.command {
        None => build(&cli.build),
        Some(Command::Build(args)) => build(&args),
        Some(Command::Scan(args)) => scan_cmd(&args),
        Some(Command::Check(args)) => check(&args),
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

fn build(args: &BuildArgs) -> Result<i32> {
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
    let (archive, report) =
        pipeline::load(std::slice::from_ref(&config.content), &config, &registry);
    print_report(&report);
    let (tera, strings) = render::load_templates(&config.templates)?;
    let pages = render::render_site(&archive, &config, &tera, &strings)?;
    let stats = site::write(&config.output, &config.content, &pages)
        .with_context(|| format!("writing the site into {}", config.output.display()))?;
    let warnings = registry_errors.len() + report.failed();
    println!(
        "Built {} articles, {} directives, {} citations; {} files skipped, {} failed, {} warnings; \
         {} pages written, {} unchanged, in {:.2} s.",
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
    println!("Open {}", config.output.join("index.html").display());
    Ok(if args.strict && warnings > 0 { 1 } else { 0 })
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
    let mut problems = 0;
    for e in &registry_errors {
        println!("{e}");
        problems += 1;
    }
    for entry in &archive.entries {
        for c in &entry.citations {
            let text = entry.article.text.get(c.span.clone()).unwrap_or("");
            if c.resolved == vanban::refs::Resolution::Unscoped {
                println!(
                    "{}:{}: {text:?} → {}: scope unknown (no province for a local issuer)",
                    entry.article.file, c.line, c.key
                );
            } else if !c.key.contains('#')
                && !c.key.contains("/20")
                && !c.key.contains("/19")
                && !c.key.starts_with("NQ")
            {
                println!(
                    "{}:{}: {text:?} → {}: year unknown",
                    entry.article.file, c.line, c.key
                );
            }
        }
    }
    println!("{problems} errors, {} files failed", report.failed());
    Ok(if problems + report.failed() > 0 { 1 } else { 0 })
}
