//! Presentation for `mtlint check`: the one-line summary on stderr, the notes about skipped
//! files, and `--timings`.

use std::path::PathBuf;
use std::time::Duration;

use crate::checks::missing_translation::MissingTranslation;
use crate::model::Severity;
use crate::pipeline;
use crate::report::Report;
use crate::report::baseline::Baseline;

/// The summary line printed after a run (unless `--quiet`).
pub fn summary_line(
    report: &Report,
    baseline: Option<&Baseline>,
    written: &[PathBuf],
    baseline_written: Option<&std::path::Path>,
) -> String {
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let mut line = format!(
        "mtlint: {} {}, {} sentence pairs, {} {}, {} {}, {} info",
        report.documents,
        plural(report.documents, "document", "documents"),
        report.pairs,
        e,
        plural(e, "error", "errors"),
        w,
        plural(w, "warning", "warnings"),
        i,
    );
    let left_out = report.left_out();
    if left_out > 0 {
        line.push_str(&format!(
            " ({left_out} of them not listed: the report lists at most {} per check and pair)",
            crate::report::FINDINGS_PER_CHECK
        ));
    }
    let code = MissingTranslation::RULE.code;
    let untranslated = if report.rules.iter().any(|a| a.rule.code == code) {
        report.findings().filter(|r| r.code == code).count()
    } else {
        0
    };
    if untranslated > 0 {
        line.push_str(&format!(
            ", {untranslated} {} without translation ({})",
            plural(untranslated, "unit", "units"),
            MissingTranslation::RULE.code
        ));
    }
    if let Some(b) = baseline {
        let stale = b.stale();
        line.push_str(&format!(
            ", {} suppressed by the baseline ({} of {} baseline {} matched, {stale} stale)",
            report.suppressed,
            b.matched(),
            b.len(),
            plural(b.len(), "entry", "entries"),
        ));
    }
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    match names.len() {
        0 => {}
        1 => line.push_str(&format!("; report written to {}", names[0])),
        _ => line.push_str(&format!("; reports written to {}", names.join(", "))),
    }
    if let Some(path) = baseline_written {
        line.push_str(&format!("; baseline written to {}", path.display()));
    }
    line
}

/// Print the phase split and peak memory to stderr (`--timings`).
pub fn print_timings(t: &pipeline::Timings, total: Duration) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    eprintln!(
        "mtlint: timings: read {:.1} ms, segment {:.1} ms, align {:.1} ms, check {:.1} ms, write {:.1} ms, total {:.1} ms; peak RSS {} KiB",
        ms(t.read),
        ms(t.segment),
        ms(t.align),
        ms(t.check),
        ms(t.write),
        ms(total),
        peak_rss_kib().map_or_else(|| "unknown".to_string(), |k| k.to_string())
    );
    if !t.checks.is_empty() {
        let mut by_time = t.checks.clone();
        by_time.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let parts: Vec<String> =
            std::iter::once(format!("shared analysis {:.1} ms", ms(t.analysis)))
                .chain(
                    by_time
                        .iter()
                        .map(|(code, d)| format!("{code} {:.1} ms", ms(*d))),
                )
                .collect();
        eprintln!("mtlint: check timings (CPU): {}", parts.join(", "));
    }
}

/// Peak resident memory of this process in KiB (Linux: `VmHWM` in /proc/self/status).
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
