//! End-to-end throughput of `mtlint check` (issue 8): a benchmark, not a test.
//!
//! Generates realistic English–German input from the WMT22 MQM development data in
//! `../shared/data/mqm/wmt22_dev_ende/` (real sentence pairs, their lengths and punctuation,
//! the plain German of the spans file as [`mtlint_bench::data::load_mqm`] reads it, with damage
//! from [`mtlint_bench::inject`] in 3% of the German sentences), at several sizes, as plain-text
//! pairs (paragraphs that need alignment) and as TMX (1-1 translation memory), then builds and
//! runs the release `mtlint` binary on each at 1 and 2 threads and prints wall time, pairs per second, peak RSS
//! and the split between read, segment, align, check and write.
//!
//! ```sh
//! cargo bench -p mtlint-bench --bench throughput                      # 10k, 100k, 1M
//! cargo bench -p mtlint-bench --bench throughput -- --sizes 10000     # a quick look
//! cargo bench -p mtlint-bench --bench throughput -- --sizes 100000 --keep   # keep the data (to profile)
//! ```
//!
//! Columns: wall time and pairs per second end to end; the CPU seconds (user + system, all
//! threads) and pairs per CPU-second, which a shared machine does not distort; peak RSS; the
//! phase split from `--timings` (wall); then the CPU time of each check.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mtlint_bench::inject::{self, Kind};
use mtlint_bench::rng::Rng;

/// The damage of 3% of the German: glued words, a stray period, a doubled punctuation mark
/// ([`mtlint_bench::inject`]); the sentence as it is when it has no place for the kind drawn.
fn damage(rng: &mut Rng, source: &str, target: &str) -> String {
    const KINDS: [Kind; 3] = [
        Kind::GluedWords,
        Kind::StrayPeriod,
        Kind::DoubledPunctuation,
    ];
    let kind = KINDS[rng.below(KINDS.len())];
    inject::inject(kind, source, target, rng).map_or_else(|| target.to_string(), |i| i.target)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Write `n` sentence pairs as a plain-text pair (paragraphs of 1–6 pairs) and as TMX.
fn generate(pairs: &[(String, String)], n: usize, dir: &Path) -> std::io::Result<[PathBuf; 3]> {
    let mut rng = Rng::new(0x6d74_6c69_6e74 ^ n as u64);
    let (mut en, mut de) = (String::new(), String::new());
    let mut tmx = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"mtlint-bench\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"none\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n<body>\n",
    );
    let mut written = 0;
    while written < n {
        let k = (1 + rng.below(6)).min(n - written);
        let mut ps = Vec::with_capacity(k);
        let mut pt = Vec::with_capacity(k);
        for _ in 0..k {
            let (s, t) = &pairs[rng.below(pairs.len())];
            let t = if rng.below(100) < 3 {
                damage(&mut rng, s, t)
            } else {
                t.clone()
            };
            let _ = writeln!(
                tmx,
                "<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv><tuv xml:lang=\"de\"><seg>{}</seg></tuv></tu>",
                xml_escape(s),
                xml_escape(&t)
            );
            ps.push(s.clone());
            pt.push(t);
        }
        en.push_str(&ps.join(" "));
        en.push_str("\n\n");
        de.push_str(&pt.join(" "));
        de.push_str("\n\n");
        written += k;
    }
    tmx.push_str("</body>\n</tmx>\n");
    let paths = [
        dir.join(format!("bench-{n}.en.txt")),
        dir.join(format!("bench-{n}.de.txt")),
        dir.join(format!("bench-{n}.tmx")),
    ];
    std::fs::write(&paths[0], en)?;
    std::fs::write(&paths[1], de)?;
    std::fs::write(&paths[2], tmx)?;
    Ok(paths)
}

struct Run {
    wall: f64,
    /// User + system CPU seconds of the run (all threads): on a shared machine the wall time
    /// includes waiting for a core, the CPU time does not.
    cpu: f64,
    pairs: u64,
    timings: String,
    checks: String,
    rss_mib: f64,
}

/// Run the release binary; parse the summary and `--timings` lines.
fn run(mtlint: &Path, inputs: &[&Path], threads: usize, out: &Path) -> Result<Run, String> {
    let args: Vec<&std::ffi::OsStr> = inputs.iter().map(|p| p.as_os_str()).collect();
    let r = mtlint_bench::run_check(mtlint, &args, out, threads, &[])?;
    let timings = r
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("mtlint: timings: "))
        .unwrap_or("")
        .split("; peak")
        .next()
        .unwrap_or("")
        .replace(" ms", "ms");
    let checks = r
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("mtlint: check timings (CPU): "))
        .unwrap_or("")
        .to_string();
    Ok(Run {
        wall: r.wall,
        cpu: r.cpu,
        pairs: r.pairs,
        timings,
        checks,
        rss_mib: r.rss_mib,
    })
}

fn main() {
    let mut sizes = vec![10_000usize, 100_000, 1_000_000];
    let mut keep = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--keep" {
            keep = true;
        } else if a == "--sizes"
            && let Some(v) = args.next()
        {
            sizes = v.split(',').filter_map(|x| x.trim().parse().ok()).collect();
        }
    }
    let Some((pairs, mtlint, dir)) = mtlint_bench::bench_inputs("throughput") else {
        return;
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("throughput: cannot create {}: {e}", dir.display());
        return;
    }
    let load = mtlint_bench::load_average;
    println!("load average before: {}\n", load());
    println!(
        "| pairs | input | threads | wall s | pairs/s | CPU s | pairs/CPU-s | peak RSS MiB | phase split (wall) |\n|---|---|---|---|---|---|---|---|---|"
    );
    let mut check_lines = Vec::new();
    for &n in &sizes {
        let paths = match generate(&pairs, n, &dir) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("throughput: cannot write data: {e}");
                return;
            }
        };
        let out = dir.join(format!("bench-{n}.csv"));
        for (label, inputs) in [
            ("plain text", vec![paths[0].as_path(), paths[1].as_path()]),
            ("TMX", vec![paths[2].as_path()]),
        ] {
            for threads in [1, 2] {
                match run(&mtlint, &inputs, threads, &out) {
                    Ok(r) => {
                        println!(
                            "| {} | {label} | {threads} | {:.2} | {:.0} | {:.2} | {:.0} | {:.0} | {} |",
                            r.pairs,
                            r.wall,
                            r.pairs as f64 / r.wall,
                            r.cpu,
                            r.pairs as f64 / r.cpu.max(1e-9),
                            r.rss_mib,
                            r.timings
                        );
                        check_lines.push(format!("- {n} {label}, {threads} threads: {}", r.checks));
                    }
                    Err(e) => println!("| {n} | {label} | {threads} | failed: {e} | | | | | |"),
                }
            }
        }
        let _ = std::fs::remove_file(&out);
        if keep {
            println!(
                "kept: {}",
                paths.map(|p| p.display().to_string()).join(", ")
            );
        } else {
            for p in &paths {
                let _ = std::fs::remove_file(p);
            }
        }
    }
    println!("\nload average after: {}", load());
    if !check_lines.is_empty() {
        println!("\nTime per check (CPU, summed over threads):");
        for l in check_lines {
            println!("{l}");
        }
    }
}
