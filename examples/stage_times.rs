//! Where a build's time goes, stage by stage:
//! `cargo run --release --example stage_times -- CONTENT`.
//! Pages are rendered into a sink that only counts them, so writing is not
//! timed here (scripts/bench.sh times whole builds). A profiling aid for
//! issue 7, not a test.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use vanban::config::SiteConfig;
use vanban::refs::registry::Registry;
use vanban::render::{Page, Sink, SinkError};

/// Counts pages and bytes, keeps nothing.
#[derive(Default)]
struct Count {
    pages: AtomicUsize,
    bytes: AtomicUsize,
}

impl Sink for Count {
    fn put(&self, page: Page) -> Result<(), SinkError> {
        self.pages.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(page.bytes.len(), Ordering::Relaxed);
        Ok(())
    }
}

impl Count {
    fn report(&self, stage: &str, t: Instant) {
        eprintln!(
            "{stage:<10} {:6.2} s  ({} files, {} MB)",
            t.elapsed().as_secs_f64(),
            self.pages.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed) >> 20
        );
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let content = PathBuf::from(args.first().map_or("seeds", String::as_str));
    let mut config = SiteConfig::load(std::path::Path::new("/nonexistent/site.toml"), false)?;
    config.content = content.clone();
    let (registry, _) = Registry::new(&config.registry);
    let t = Instant::now();
    let (archive, _) = vanban::pipeline::load(&[content], &config, &registry);
    eprintln!("load       {:6.2} s", t.elapsed().as_secs_f64());
    let templates = vanban::render::load_templates(&config.templates)?;
    // `STAGES=pages` (or search, site) times only those.
    let stages = std::env::var("STAGES").unwrap_or_else(|_| "pages,search,site".into());
    let t = Instant::now();
    if stages.contains("pages") {
        let count = Count::default();
        vanban::render::pages::Renderer::new(&archive, &config, &templates, &count).emit()?;
        count.report("pages", t);
    }
    if stages.contains("search") {
        let t = Instant::now();
        let count = Count::default();
        vanban::search::emit(&archive, &vanban::search::Options::default(), &count)?;
        count.report("search", t);
    }
    if stages.contains("site") {
        let t = Instant::now();
        let count = Count::default();
        vanban::render::emit_site(&archive, &config, &templates, &count)?;
        count.report("emit_site", t);
    }
    Ok(())
}
