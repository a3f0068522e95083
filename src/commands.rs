//! The subcommands, as library functions: `src/main.rs` parses the command line and calls
//! these. Each returns the process exit code or an [`MtError`] (exit code 2).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::checks;
use crate::error::{MtError, Result};
use crate::formats;
use crate::model::{Lang, Severity};
use crate::pipeline::{self, Settings};
use crate::report;

/// Exit code: no finding at or above the threshold.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one finding at or above the threshold.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage or input error.
pub const EXIT_ERROR: i32 = 2;

/// Options of `mtlint check`.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub source: PathBuf,
    pub target: PathBuf,
    pub output: Option<PathBuf>,
    /// `None` = never fail.
    pub fail_on: Option<Severity>,
    pub source_lang: Lang,
    pub target_lang: Lang,
    pub all_pairs: bool,
    pub quiet: bool,
    /// Print the time spent in each phase and the peak memory to stderr.
    pub timings: bool,
}

/// The default report path: `reports/<target file stem>.csv`.
pub fn default_report_path(target: &Path) -> PathBuf {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".to_string());
    Path::new("reports").join(format!("{stem}.csv"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// `mtlint check`: read, segment, align, check, write the CSV report; the exit code says
/// whether a finding reached `fail_on`.
pub fn check(opts: &CheckOptions) -> Result<i32> {
    let output = match &opts.output {
        Some(p) => p.clone(),
        None => default_report_path(&opts.target),
    };
    for input in [&opts.source, &opts.target] {
        if same_file(input, &output) {
            return Err(MtError::Usage(format!(
                "the report path {} is the input file {}; choose another -o path",
                output.display(),
                input.display()
            )));
        }
    }
    let started = Instant::now();
    let doc = formats::read_pair(&opts.source, &opts.target)?;
    let read_time = started.elapsed();
    let settings = Settings {
        source_lang: opts.source_lang,
        target_lang: opts.target_lang,
        ..Settings::default()
    };
    let registry = checks::registry();
    let (checked, mut timings) = pipeline::check_document_timed(doc, &settings, &registry);
    timings.read = read_time;
    let write_start = Instant::now();
    let rows = report::rows(&checked, opts.all_pairs);

    if opts.output.is_none()
        && let Some(dir) = output.parent()
    {
        std::fs::create_dir_all(dir).map_err(|e| MtError::output(&output, e))?;
    }
    report::write_atomically(&output, |w| report::csv::write(w, &rows))?;
    timings.write = write_start.elapsed();
    if opts.timings {
        print_timings(&timings, started.elapsed());
    }

    let (e, w, i) = (
        checked.count(Severity::Error),
        checked.count(Severity::Warning),
        checked.count(Severity::Info),
    );
    if !opts.quiet {
        eprintln!(
            "mtlint: 1 document, {} sentence pairs, {} {}, {} {}, {} info; report written to {}",
            checked.pairs.len(),
            e,
            plural(e, "error", "errors"),
            w,
            plural(w, "warning", "warnings"),
            i,
            output.display()
        );
    }
    let failed = opts
        .fail_on
        .is_some_and(|t| checked.findings.iter().any(|(_, f)| f.severity() >= t));
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}

/// Print the phase split and peak memory to stderr (`--timings`).
pub fn print_timings(t: &pipeline::Timings, total: std::time::Duration) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
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

fn stdout_error(e: std::io::Error) -> MtError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return MtError::BrokenPipe;
    }
    MtError::output("<stdout>", e)
}

/// `mtlint segment`: one sentence per line, an empty line between paragraphs.
pub fn segment(path: &Path, lang: Lang, out: &mut dyn Write) -> Result<i32> {
    let side = formats::plaintext::read(path)?;
    let sentences = pipeline::segment_blocks(&side, lang);
    let mut block = None;
    for s in &sentences {
        if block.is_some() && block != Some(s.block) {
            writeln!(out).map_err(stdout_error)?;
        }
        block = Some(s.block);
        let text = side.text[s.range.clone()].replace('\n', " ");
        writeln!(out, "{text}").map_err(stdout_error)?;
    }
    Ok(EXIT_OK)
}

/// Format a bead as `[i,j]:[k]` (source first).
pub fn format_bead(b: &crate::model::Bead) -> String {
    let list = |r: &std::ops::Range<usize>| {
        r.clone()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    format!("[{}]:[{}]", list(&b.source), list(&b.target))
}

/// `mtlint align`: one line per bead, `[i,j]:[k]:score`.
pub fn align(
    source: &Path,
    target: &Path,
    source_lang: Lang,
    target_lang: Lang,
    out: &mut dyn Write,
) -> Result<i32> {
    let doc = formats::read_pair(source, target)?;
    let src = pipeline::segment_blocks(&doc.source, source_lang);
    let tgt = pipeline::segment_blocks(&doc.target, target_lang);
    let settings = Settings::default();
    for b in pipeline::align_document(&doc, &src, &tgt, &settings.align) {
        writeln!(out, "{}:{:.3}", format_bead(&b), b.score).map_err(stdout_error)?;
    }
    Ok(EXIT_OK)
}

/// `mtlint rules`: code, name, default severity and summary of every check.
pub fn rules(out: &mut dyn Write) -> Result<i32> {
    for c in checks::registry() {
        let r = c.rule();
        writeln!(
            out,
            "{}  {:<26} {:<8} {}",
            r.code, r.name, r.severity, r.summary
        )
        .map_err(stdout_error)?;
    }
    Ok(EXIT_OK)
}

/// `mtlint explain CODE`: a check's full documentation.
pub fn explain(key: &str, out: &mut dyn Write) -> Result<i32> {
    let Some(r) = checks::find_rule(key) else {
        return Err(MtError::Usage(format!(
            "no check '{key}'; `mtlint rules` lists them all"
        )));
    };
    writeln!(
        out,
        "{} {} (default severity: {})\n",
        r.code, r.name, r.severity
    )
    .map_err(stdout_error)?;
    for line in r.doc.lines() {
        writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line)).map_err(stdout_error)?;
    }
    Ok(EXIT_OK)
}

/// `mtlint bench-checks`: measure the checks (corruption recall, false findings, precision
/// on human error spans, critical-error MCC) and print the tables.
pub fn bench_checks(data: &Path, seed: u64, out: &mut dyn Write) -> Result<i32> {
    let opts = crate::bench::checks::Options {
        data: data.to_path_buf(),
        seed,
        examples: 3,
    };
    crate::bench::checks::run(&opts, out)?;
    Ok(EXIT_OK)
}
