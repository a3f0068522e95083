//! Throughput of `mtlint check` on localisation files (issue 15 item 5): a benchmark, not a
//! test.
//!
//! Generates, deterministically (seeded), an `en.json`/`de.json` pair of N keys (default
//! 100,000; `--keys N`) from the real WMT22 MQM development pairs in `../shared/` (one
//! sentence pair per key, nested two levels: `section12.key1234`), with what app strings
//! have: an i18next `{{count}}` or printf `%1$s` frame in one string of five, every tenth
//! source repeated under another key (so the consistency rules have work; the German of one
//! repeat in three differs), and 3% damaged German (a dropped placeholder, a doubled word).
//! The same keys are also written as a folder of 100 file pairs (`en/NN.json`,
//! `de/NN.json`) for `--source-dir --target-dir`, where the consistency across files runs.
//! Runs the release binary 3 times on one thread for each and prints the CPU time (user +
//! system; the median of 3), pairs per CPU-second, wall time and peak RSS of the median run.
//!
//! ```sh
//! cargo bench -p mtlint-bench --bench l10n_throughput
//! cargo bench -p mtlint-bench --bench l10n_throughput -- --keys 10000 --keep   # keep the data
//! ```

use std::fmt::Write as _;
use std::path::Path;

use mtlint_bench::rng::Rng;

fn json_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The N (key, English, German) strings.
fn strings(pairs: &[(String, String)], n: usize) -> Vec<(String, String, String)> {
    let mut rng = Rng::new(0x6c31_306e ^ n as u64);
    let mut out: Vec<(String, String, String)> = Vec::with_capacity(n);
    for i in 0..n {
        let key = format!("section{}.key{i}", i / 1000);
        if i % 10 == 9 && i > 20 {
            // A repeated source under another key; one German in three differs.
            let (_, en, de) = out[rng.below(i - 1)].clone();
            let de = if rng.below(3) == 0 {
                format!("{} Bitte.", de.trim_end_matches('.'))
            } else {
                de
            };
            out.push((key, en, de));
            continue;
        }
        let (s, t) = &pairs[rng.below(pairs.len())];
        let (mut en, mut de) = match rng.below(10) {
            0 => (
                format!("{{{{count}}}} items: {s}"),
                format!("{{{{count}}}} Einträge: {t}"),
            ),
            1 => (format!("%1$s: {s}"), format!("%1$s: {t}")),
            _ => (s.clone(), t.clone()),
        };
        if rng.below(100) < 3 {
            if let Some(rest) = de.strip_prefix("%1$s: ") {
                de = rest.to_string();
            } else if let Some(w) = de.split_whitespace().nth(1).map(str::to_string) {
                de = de.replacen(&w, &format!("{w} {w}"), 1);
            }
        }
        en = en.trim().to_string();
        de = de.trim().to_string();
        out.push((key, en, de));
    }
    out
}

/// `strings` as a nested JSON object (`section` → `key` → text), English or German.
fn json(strings: &[(String, String, String)], german: bool) -> String {
    let mut s = String::from("{\n");
    let mut section: Option<&str> = None;
    for (key, en, de) in strings {
        let (sec, k) = key.split_once('.').unwrap_or(("s", key));
        if section != Some(sec) {
            if section.is_some() {
                s.push_str("\n  },\n");
            }
            let _ = writeln!(s, "  \"{sec}\": {{");
            section = Some(sec);
        } else {
            s.push_str(",\n");
        }
        let text = if german { de } else { en };
        let _ = write!(s, "    \"{k}\": \"{}\"", json_escape(text));
    }
    if section.is_some() {
        s.push_str("\n  }\n");
    }
    s.push_str("}\n");
    s
}

struct Run {
    cpu: f64,
    wall: f64,
    pairs: u64,
    rss_mib: f64,
    summary: String,
}

fn run(mtlint: &Path, args: &[&std::ffi::OsStr], out: &Path) -> Result<Run, String> {
    let r = mtlint_bench::run_check(mtlint, args, out, 1, &["--jobs", "1"])?;
    let summary = r
        .stderr
        .lines()
        .find(|l| l.contains(" errors, "))
        .unwrap_or("")
        .split("; report")
        .next()
        .unwrap_or("")
        .to_string();
    Ok(Run {
        cpu: r.cpu,
        wall: r.wall,
        pairs: r.pairs,
        rss_mib: r.rss_mib,
        summary,
    })
}

fn main() {
    let mut keys = 100_000usize;
    let mut keep = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--keep" {
            keep = true;
        } else if a == "--keys"
            && let Some(v) = args.next()
        {
            keys = v.trim().parse().unwrap_or(keys);
        }
    }
    let Some((pairs, mtlint, dir)) = mtlint_bench::bench_inputs("l10n_throughput") else {
        return;
    };
    let dir = dir.join(format!("l10n-{keys}"));
    let strings = strings(&pairs, keys);
    let write = || -> std::io::Result<()> {
        for sub in ["en", "de"] {
            std::fs::create_dir_all(dir.join("files").join(sub))?;
        }
        std::fs::write(dir.join("en.json"), json(&strings, false))?;
        std::fs::write(dir.join("de.json"), json(&strings, true))?;
        let per = keys.div_ceil(100).max(1);
        for (n, chunk) in strings.chunks(per).enumerate() {
            let name = format!("{n:02}.json");
            std::fs::write(dir.join("files/en").join(&name), json(chunk, false))?;
            std::fs::write(dir.join("files/de").join(&name), json(chunk, true))?;
        }
        Ok(())
    };
    if let Err(e) = write() {
        eprintln!("l10n_throughput: cannot write {}: {e}", dir.display());
        return;
    }
    let load = mtlint_bench::load_average;
    println!("load average before: {}\n", load());
    println!(
        "| input | keys | pairs | CPU s (median of 3) | pairs/CPU-s | wall s | peak RSS MiB | findings |\n|---|---|---|---|---|---|---|---|"
    );
    let out = dir.join("report.csv");
    let (en, de) = (dir.join("en.json"), dir.join("de.json"));
    let (en_dir, de_dir) = (dir.join("files/en"), dir.join("files/de"));
    let one: Vec<&std::ffi::OsStr> = vec![en.as_os_str(), de.as_os_str()];
    let folder: Vec<&std::ffi::OsStr> = vec![
        "--source-dir".as_ref(),
        en_dir.as_os_str(),
        "--target-dir".as_ref(),
        de_dir.as_os_str(),
    ];
    for (label, args) in [
        ("one JSON pair", &one),
        ("100 JSON pairs (--source-dir)", &folder),
    ] {
        let mut runs = Vec::new();
        for _ in 0..3 {
            match run(&mtlint, args, &out) {
                Ok(r) => runs.push(r),
                Err(e) => {
                    println!("| {label} | {keys} | failed: {e} | | | | | |");
                    break;
                }
            }
        }
        if runs.len() < 3 {
            continue;
        }
        runs.sort_by(|a, b| a.cpu.total_cmp(&b.cpu));
        let r = &runs[1];
        println!(
            "| {label} | {keys} | {} | {:.2} | {:.0} | {:.2} | {:.0} | {} |",
            r.pairs,
            r.cpu,
            r.pairs as f64 / r.cpu.max(1e-9),
            r.wall,
            r.rss_mib,
            r.summary.trim_start_matches("mtlint: ")
        );
    }
    if keep {
        println!("\nkept: {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!("\nload average after: {}", load());
}
