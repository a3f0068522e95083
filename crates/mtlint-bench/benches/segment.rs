//! Segmentation speed (a benchmark, not a test): segments ~10 MB of German and ~10 MB of
//! English text built by repeating the seed article and the Golden Rules texts from
//! `../shared`, the way the pipeline does it (paragraphs → `segment_side`), on one core, and
//! prints MB/s. For comparison it also runs the `sentencex` crate on the same text.
//!
//! Run: `cargo bench -p mtlint-bench --bench segment` (release build). Figures go to BENCHMARKS.md.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use mtlint::Lang;
use mtlint::formats::plaintext;
use mtlint::segment::segment_side;

const TARGET_BYTES: usize = 10 * 1024 * 1024;
const RUNS: usize = 5;

fn golden_texts(path: &Path) -> Vec<String> {
    let Ok(data) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    data.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

/// Repeat the pieces (joined by blank lines) until the text has `TARGET_BYTES`.
fn corpus(pieces: &[String]) -> String {
    let unit = pieces.join("\n\n");
    let mut text = String::with_capacity(TARGET_BYTES + unit.len());
    while text.len() < TARGET_BYTES {
        text.push_str(&unit);
        text.push_str("\n\n");
    }
    text
}

/// Best wall time of `RUNS` runs.
fn best<F: FnMut() -> usize>(mut f: F) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut n = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        n = black_box(f());
        best = best.min(t.elapsed());
    }
    (best, n)
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / (1024.0 * 1024.0) / d.as_secs_f64()
}

/// Adversarial inputs (1 MB each, one paragraph): the splitter must stay linear.
fn worst_cases() {
    const N: usize = 1024 * 1024;
    let rep = |unit: &str| unit.repeat(N / unit.len());
    let cases = [
        ("\"1. \" repeated", rep("1. ")),
        (
            "\"1. 3. 5. …\"",
            (0..N / 8).map(|i| format!("{}. ", 2 * i + 1)).collect(),
        ),
        ("\"• \" repeated", rep("• ")),
        ("\"z. B. \" repeated", rep("z. B. ")),
        ("\"a.a.\" (no spaces)", rep("a.a.")),
        ("\"„a. B“ \" repeated", rep("„a. B“ ")),
        ("one word per line", rep("Ueberschrift\n")),
        ("\". \" repeated", rep(". ")),
    ];
    for (name, text) in cases {
        for lang in [Lang::De, Lang::En] {
            let (d, n) = best(|| mtlint::segment::split(&text, lang).len());
            println!(
                "worst case {name} {lang}: {:.0} MB/s, {n} sentences",
                mb_per_s(text.len(), d)
            );
        }
    }
}

fn main() {
    // One core: `segment_side` splits blocks in parallel with rayon; the figure is per core.
    if let Err(e) = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
    {
        eprintln!("segment bench: cannot pin rayon to one thread: {e}");
    }
    if std::env::var_os("MTLINT_BENCH_NO_WORST").is_none() {
        worst_cases();
    }
    let shared = mtlint_bench::shared_dir();
    let seed = shared.join("seeds/000_87cf3ed9dc8b236f.txt");
    let Ok(seed_text) = std::fs::read_to_string(&seed) else {
        eprintln!(
            "SKIPPED: {} not found (benchmark data lives in ../shared beside the project)",
            seed.display()
        );
        return;
    };
    let seg = shared.join("data/segmentation");
    let mut de_pieces = vec![seed_text];
    de_pieces.extend(golden_texts(&seg.join("golden_de.jsonl")));
    let en_pieces = golden_texts(&seg.join("golden_en.jsonl"));

    for (lang, pieces) in [(Lang::De, de_pieces), (Lang::En, en_pieces)] {
        let text = corpus(&pieces);
        let bytes = text.len();
        let side = plaintext::from_text("bench".into(), text);
        let (d, n) = best(|| segment_side(&side, lang).len());
        println!(
            "mtlint segment {lang}: {:.1} MB in {:.1} ms, {n} sentences, {:.0} MB/s (best of {RUNS}, 1 core)",
            bytes as f64 / (1024.0 * 1024.0),
            d.as_secs_f64() * 1000.0,
            mb_per_s(bytes, d)
        );
        // sentencex on the same paragraphs, for comparison (one run: it is slower).
        let t = Instant::now();
        let mut m = 0;
        for b in &side.blocks {
            m += sentencex::get_sentence_boundaries(lang.code(), &side.text[b.range.clone()]).len();
        }
        let d = t.elapsed();
        println!(
            "sentencex 0.1.33 {lang}: {:.1} ms, {m} sentences, {:.0} MB/s (1 run)",
            d.as_secs_f64() * 1000.0,
            mb_per_s(bytes, d)
        );
    }
}
