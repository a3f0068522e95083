//! Linear time on hostile shapes (issue 11, items 6 and 10). A benchmark, not a test: it
//! prints numbers.
//!
//! - The whole check pipeline (read → segment → align → all checks → report rows → CSV into
//!   a sink) on one long token of each character class: a camel-case token `HausWelt…` of
//!   1 MB and 10 MB (target: 10 MB in under 5 s), and 10 MB of each other class (lower case,
//!   capitals, digits, `.`, `(`, `„`, combining marks, CJK, emoji, white-space runs, runs of
//!   short words).
//! - `Dictionary::load` on one line of 20k×20k alternatives (418 KB) and on a ten times
//!   larger one.
//!
//! Every case runs in a child process (this binary again, `--one CASE`), so its peak RSS is
//! its own; the parent prints the median CPU time (user + system, `getrusage`) and the
//! median peak RSS of a few runs, for the checks and, separately, with the report added. A
//! child that runs past 60 s is killed and shown as such.
//!
//! ```sh
//! cargo bench --bench linear                 # all cases, 3 runs each
//! cargo bench --bench linear -- camel        # cases whose name contains "camel"
//! RUNS=5 cargo bench --bench linear
//! LINEAR_DETAIL=1 cargo bench --bench linear  # also the time per phase and the slowest checks
//! LINEAR_MB=2 cargo bench --bench linear     # the 10 MB cases at 2 MB instead
//! ```

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mtlint::align::dict::Dictionary;
use mtlint::formats::plaintext;
use mtlint::model::Document;
use mtlint::pipeline::{self, Settings};

const MB: usize = 1_000_000;

/// A text case: name, the repeated unit of the target and of the source (None: one short
/// sentence), size in bytes (of each long side).
type TextCase = (String, Option<&'static str>, Option<&'static str>, usize);

/// The text cases.
fn text_cases() -> Vec<TextCase> {
    let mb: f64 = std::env::var("LINEAR_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10.0);
    let big = (mb * MB as f64) as usize;
    let mut cases = vec![
        ("camel-1MB".to_string(), Some("HausWelt"), None, MB),
        (format!("camel-{mb}MB"), Some("HausWelt"), None, big),
    ];
    for (name, unit) in [
        ("lower", "a"),
        ("upper", "A"),
        ("digits", "1"),
        ("dots", "."),
        ("parens", "("),
        ("low-quotes", "„"),
        ("combining", "a\u{301}"),
        ("cjk", "漢"),
        ("emoji", "😀"),
        ("zwj-emoji", "👩\u{200d}👩\u{200d}👧"),
        ("space-runs", "Haus          "),
        ("word-run", "Haus Welt "),
        ("camel-word-run", "HausWelt "),
        ("number-run", "1.000 "),
        ("mixed", "aB1.(„\u{301}漢😀 "),
    ] {
        cases.push((format!("{name}-{mb}MB"), Some(unit), None, big));
    }
    // Long on the source side only (the target one short sentence).
    for (name, unit) in [
        ("src-parens", "( "),
        ("src-low-quotes", "„ "),
        ("src-dots", ". "),
        ("src-combining", "a\u{301} "),
        ("src-number-run", "1.000 "),
        ("src-mixed", "aB1.(„\u{301}漢😀 "),
    ] {
        cases.push((format!("{name}-{mb}MB"), None, Some(unit), big));
    }
    // Long on both sides: the checks that look words up in the source.
    for (name, unit, source) in [
        ("both-words", "Haus Welt ", "the house world "),
        (
            "both-copy",
            "the house of the world ",
            "the house of the world ",
        ),
        (
            "both-glued",
            "JoeAlleva HausWelt ",
            "Joe Alleva house world ",
        ),
        ("both-doubled", "die die Welt ", "the the world "),
        ("both-letters", "x y z ", "x y z "),
        ("both-numbers", "1.000 2,5 ", "1,000 2.5 "),
    ] {
        cases.push((format!("{name}-{mb}MB"), Some(unit), Some(source), big));
    }
    cases
}

/// The text: `unit` repeated to about `bytes` bytes, one line.
fn repeated(unit: &str, bytes: usize) -> String {
    let mut s = unit.repeat(bytes / unit.len().max(1));
    s.push('\n');
    s
}

/// One line of `n`×`n` alternatives: `w0; w1; … :: e0; e1; …`.
fn dict_line(n: usize) -> String {
    let de: Vec<String> = (0..n).map(|i| format!("wort{i}")).collect();
    let en: Vec<String> = (0..n).map(|i| format!("word{i}")).collect();
    format!("{} :: {}\n", de.join("; "), en.join("; "))
}

fn dict_cases() -> Vec<(String, usize)> {
    vec![
        ("dict-20k-alternatives".to_string(), 20_000),
        ("dict-200k-alternatives".to_string(), 200_000),
    ]
}

/// Run one case in this process (the child side).
fn run_one(name: &str) {
    if let Some((_, n)) = dict_cases().into_iter().find(|(c, _)| c == name) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("de-en.txt");
        std::fs::write(&path, dict_line(n)).expect("write dictionary");
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let cpu = cpu_time();
        let d = Dictionary::load(&path).expect("dictionary loads");
        let spent = cpu_time() - cpu;
        println!(
            "{} {} {} {} headwords",
            spent.as_secs_f64(),
            peak_rss_kib(),
            bytes,
            d.len()
        );
        return;
    }
    let Some((_, unit, source, bytes)) = text_cases().into_iter().find(|(c, ..)| c == name) else {
        eprintln!("unknown case {name}");
        std::process::exit(2);
    };
    let target = unit.map_or_else(|| "Das Haus.\n".to_string(), |u| repeated(u, bytes));
    let cpu = cpu_time();
    let doc = Document {
        id: "tgt.txt".into(),
        source: plaintext::from_text(
            "src.txt".into(),
            source.map_or_else(|| "The house world.\n".to_string(), |u| repeated(u, bytes)),
        ),
        target: plaintext::from_text("tgt.txt".into(), target),
        paired: true,
    };
    let (checked, timings) =
        pipeline::check_document_timed(doc, &Settings::default(), &mtlint::checks::registry());
    let findings = checked.findings.len();
    // First line: read → segment → align → checks.
    println!(
        "{} {} {} {} findings",
        (cpu_time() - cpu).as_secs_f64(),
        peak_rss_kib(),
        bytes,
        findings
    );
    let _ = std::io::stdout().flush();
    if std::env::var_os("LINEAR_DETAIL").is_some() {
        let mut checks = timings.checks.clone();
        checks.sort_by_key(|c| std::cmp::Reverse(c.1));
        let top: Vec<String> = checks
            .iter()
            .take(5)
            .map(|(c, d)| format!("{c} {:.3}", d.as_secs_f64()))
            .collect();
        eprintln!(
            "{name}: segment {:.3} s, align {:.3} s, check {:.3} s wall (slowest, CPU: {})",
            timings.segment.as_secs_f64(),
            timings.align.as_secs_f64(),
            timings.check.as_secs_f64(),
            top.join(", "),
        );
    }
    // Second line: … and the report (rows, CSV into a sink).
    let rows = mtlint::report::rows(&checked, false);
    let mut sink = std::io::sink();
    mtlint::report::csv::write(&mut sink, &rows).expect("write to a sink");
    println!("{} {}", (cpu_time() - cpu).as_secs_f64(), peak_rss_kib());
}

/// CPU time (user + system) of this process so far.
fn cpu_time() -> Duration {
    // SAFETY: `usage` is a valid, writable rusage; getrusage only writes into it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    if rc != 0 {
        return Duration::ZERO;
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Peak resident memory of this process in KiB.
fn peak_rss_kib() -> u64 {
    mtlint::commands::peak_rss_kib().unwrap_or(0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// What one run of a case in a child process gave: CPU seconds and peak RSS (KiB) of the
/// checks (or of loading the dictionary), input bytes, a note, and CPU seconds and peak RSS
/// with the report (None when the child was killed before it finished).
struct RunFigures {
    cpu: f64,
    rss: f64,
    bytes: f64,
    note: String,
    with_report: Option<(f64, f64)>,
}

/// How long a child may run.
const CHILD_LIMIT: Duration = Duration::from_secs(60);

/// Run `case` in a child process; None when it gave no figures (killed during the checks).
fn run_child(case: &str) -> Option<RunFigures> {
    let exe = std::env::current_exe().ok()?;
    let mut child = Command::new(exe)
        .args(["--one", case])
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let start = Instant::now();
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if start.elapsed() > CHILD_LIMIT {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut lines = text.lines();
    let mut parts = lines.next()?.splitn(4, ' ');
    let cpu = parts.next()?.parse().ok()?;
    let rss = parts.next()?.parse().ok()?;
    let bytes = parts.next()?.parse().ok()?;
    let note = parts.next().unwrap_or("").to_string();
    let with_report = lines.next().and_then(|l| {
        let mut p = l.split(' ');
        Some((p.next()?.parse().ok()?, p.next()?.parse().ok()?))
    });
    Some(RunFigures {
        cpu,
        rss,
        bytes,
        note,
        with_report,
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--one") {
        run_one(args.get(i + 1).map(String::as_str).unwrap_or(""));
        return;
    }
    let filter: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let mut names: Vec<String> = text_cases().into_iter().map(|c| c.0).collect();
    names.extend(dict_cases().into_iter().map(|c| c.0));
    names.retain(|n| filter.is_empty() || filter.iter().any(|f| n.contains(f.as_str())));
    println!(
        "CPU s: read → segment → align → all checks (or loading the dictionary); +report: \
         also report rows and CSV (into a sink); medians of {runs} runs"
    );
    println!(
        "{:<26} {:>8} {:>8} {:>10} {:>8} {:>11} {:>11}  note",
        "case", "MB", "CPU s", "MB/s", "RSS MB", "+report s", "+rep. RSS"
    );
    for name in names {
        let mut all = Vec::new();
        for _ in 0..runs {
            match run_child(&name) {
                Some(f) => {
                    let killed = f.with_report.is_none() && !name.starts_with("dict");
                    all.push(f);
                    if killed {
                        break; // the report ran past the limit: once is enough
                    }
                }
                None => break,
            }
        }
        if all.is_empty() {
            println!("{name:<26} killed after {CHILD_LIMIT:?} (or failed) before the checks ended");
            continue;
        }
        let n = all.len();
        let cpu = median(all.iter().map(|f| f.cpu).collect());
        let rss = median(all.iter().map(|f| f.rss).collect());
        let reports: Vec<(f64, f64)> = all.iter().filter_map(|f| f.with_report).collect();
        let report = if name.starts_with("dict") {
            ("-".to_string(), "-".to_string())
        } else if reports.len() == n {
            (
                format!("{:.3}", median(reports.iter().map(|r| r.0).collect())),
                format!(
                    "{:.1}",
                    median(reports.iter().map(|r| r.1).collect()) / 1024.0
                ),
            )
        } else {
            (format!("> {}", CHILD_LIMIT.as_secs()), "killed".to_string())
        };
        let last = &all[n - 1];
        println!(
            "{:<26} {:>8.2} {:>8.3} {:>10.1} {:>8.1} {:>11} {:>11}  {} ({n} runs)",
            name,
            last.bytes / 1e6,
            cpu,
            last.bytes / 1e6 / cpu.max(1e-9),
            rss / 1024.0,
            report.0,
            report.1,
            last.note,
        );
        let _ = std::io::stdout().flush();
    }
}
