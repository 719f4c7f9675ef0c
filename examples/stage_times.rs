//! Where a build's time goes, stage by stage:
//! `cargo run --release --example stage_times -- CONTENT [OUTPUT]`.
//! (A profiling aid for issue 7, not a test.)

use std::path::PathBuf;
use std::time::Instant;

use vanban::config::SiteConfig;
use vanban::refs::registry::Registry;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let content = PathBuf::from(args.first().map_or("seeds", String::as_str));
    let mut config = SiteConfig::load(std::path::Path::new("/nonexistent/site.toml"), false)?;
    config.content = content.clone();
    let (registry, _) = Registry::new(&config.registry);
    let t = Instant::now();
    let (archive, _) = vanban::pipeline::load(&[content], &config, &registry);
    eprintln!("load      {:6.2} s", t.elapsed().as_secs_f64());
    let (tera, strings) = vanban::render::load_templates(&config.templates)?;
    let t = Instant::now();
    let pages = vanban::render::pages::Renderer::new(&archive, &config, &tera, &strings).all()?;
    eprintln!(
        "pages     {:6.2} s  ({} pages)",
        t.elapsed().as_secs_f64(),
        pages.len()
    );
    let t = Instant::now();
    let search = vanban::search::pages(&archive, &vanban::search::Options::default());
    eprintln!(
        "search    {:6.2} s  ({} files, {} MB)",
        t.elapsed().as_secs_f64(),
        search.len(),
        search.iter().map(|p| p.bytes.len()).sum::<usize>() >> 20
    );
    let t = Instant::now();
    let all = vanban::render::render_site(&archive, &config, &tera, &strings)?;
    eprintln!(
        "render_site {:6.2} s  ({} MB)",
        t.elapsed().as_secs_f64(),
        all.iter().map(|p| p.bytes.len()).sum::<usize>() >> 20
    );
    if let Some(out) = args.get(1) {
        let t = Instant::now();
        let stats = vanban::site::write(std::path::Path::new(out), &config.content, &all)?;
        eprintln!("write     {:6.2} s  {stats:?}", t.elapsed().as_secs_f64());
    }
    Ok(())
}
