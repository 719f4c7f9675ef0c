//! Detection throughput: `cargo run --release --example bench_detect [MB]`.
//!
//! Builds a few MB of article text from the sample articles in `seeds/`
//! and times `refs::grammar::detect` over it on one thread, printing MB/s.
//! (A benchmark, not a test: the project's tests never assert on time.)

use std::time::Instant;

fn main() {
    let megabytes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(8);
    let mut seeds = String::new();
    let mut entries: Vec<_> = std::fs::read_dir("seeds")
        .expect("run from the project root, where seeds/ is")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if let Ok(text) = std::fs::read_to_string(&path) {
            seeds.push_str(&text);
            seeds.push('\n');
        }
    }
    // Paragraph-sized texts, as the pipeline hands them to detection.
    let paragraphs: Vec<&str> = seeds.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut corpus: Vec<&str> = Vec::new();
    let mut size = 0;
    while size < megabytes << 20 {
        for p in &paragraphs {
            corpus.push(p);
            size += p.len();
        }
    }
    let mut best = f64::MAX;
    let mut mentions = 0;
    for _ in 0..5 {
        let start = Instant::now();
        mentions = corpus
            .iter()
            .map(|p| vanban::refs::grammar::detect(p).len())
            .sum::<usize>();
        best = best.min(start.elapsed().as_secs_f64());
    }
    let mb = size as f64 / (1 << 20) as f64;
    println!(
        "detect: {mb:.1} MB, {mentions} mentions, best of 5: {best:.3} s = {:.0} MB/s on one thread",
        mb / best
    );
}
