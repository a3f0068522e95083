//! The consistency rules on a large translation memory (issue 15 item 3): MT021
//! inconsistent-translation and MT025 same-translation over one document of N units (default
//! 1,000,000; `CONSISTENCY_UNITS=N`), every 10th source repeated with a varying German. Prints
//! the CPU time of the two rules (median of 3 runs) at N/10 and N units, so linear time shows
//! as a ratio near 10, and the process's peak RSS (which includes the memory's own text).
//!
//! `cargo bench -p mtlint-bench --bench consistency`

use std::time::Duration;

use mtlint::checks::{Code, DocFindings, DocStats, DocView, RuleSet};

fn cpu() -> Duration {
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct it is given.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

fn peak_mb() -> f64 {
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    ru.ru_maxrss as f64 / 1024.0
}

/// N units: unit i's source is unique unless i % 10 == 0, when it is one of N/100 repeated
/// sentences; the German of a repeated one varies with i % 7.
fn memory(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            if i % 10 == 0 {
                let k = (i / 10) % (n / 100).max(1);
                (
                    format!("Save the changes of document {k} before closing it."),
                    format!(
                        "Speichern Sie die Änderungen an Dokument {k}{}",
                        if i % 7 == 0 {
                            "!"
                        } else {
                            " vor dem Schließen."
                        }
                    ),
                )
            } else {
                (
                    format!("The unit number {i} has its own sentence here."),
                    format!("Die Einheit Nummer {i} hat hier ihren eigenen Satz."),
                )
            }
        })
        .collect()
}

fn run(rules: &RuleSet, pairs: &[(String, String)]) -> (Duration, usize) {
    let stats = DocStats::default();
    let view = DocView::new(
        pairs
            .iter()
            .map(|(s, t)| (s.as_str(), t.as_str()))
            .collect(),
        Vec::new(),
        &stats,
    );
    let mut out = DocFindings::new();
    let start = cpu();
    for c in &rules.document {
        c.check_document(&view, &mut out);
    }
    let spent = cpu() - start;
    (spent, out.len())
}

fn main() {
    let n: usize = std::env::var("CONSISTENCY_UNITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let rules = RuleSet::of(&[Code::MT021, Code::MT025]);
    let mut last = Duration::ZERO;
    for units in [n / 10, n] {
        let pairs = memory(units);
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..3 {
            let (t, f) = run(&rules, &pairs);
            times.push(t);
            found = f;
        }
        times.sort();
        let median = times[1];
        println!(
            "consistency MT021+MT025: {units} units, {found} findings, CPU median {:.3} s{}",
            median.as_secs_f64(),
            if last.is_zero() {
                String::new()
            } else {
                format!(
                    " ({:.1}× the time of {} units)",
                    median.as_secs_f64() / last.as_secs_f64(),
                    units / 10
                )
            }
        );
        last = median;
    }
    println!("peak RSS of the process {:.0} MB", peak_mb());
}
