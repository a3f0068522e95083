//! See `tests/nothing_lost.rs`.
//!
//! Items 6 and 10 (linear checks, linear dictionary loading). These are regression guards,
//! not speed targets: each runs the debug binary on an input that took quadratic time (or a
//! cross product of memory) before the fix, with a wall-clock bound far above what the fixed
//! code needs (well under a second here) and far below what the old code took (minutes), so
//! a loaded machine does not make them flaky. The speed figures are in `benches/linear.rs`.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

#[allow(unused_imports)]
use crate::common::*;

/// The bound: generous for the fixed code on a loaded 2-core machine, short of what the old
/// code needed (item 6: a 200 KB camel-case token took minutes in a debug build; item 10:
/// the 20k × 20k line ran past 60 s in release, at 3.7 GB).
const BOUND: Duration = Duration::from_secs(30);

/// Run the `mtlint` binary with `args`; kill it at [`BOUND`] (so that a regression fails the
/// test instead of hanging it or eating the machine's memory). None when it was killed.
fn run_bounded(args: &[&std::ffi::OsStr]) -> (Option<Output>, Duration) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start mtlint");
    // Drain the pipes on threads so that a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    loop {
        if let Some(status) = child.try_wait().expect("wait for mtlint") {
            let output = Output {
                status,
                stdout: out_reader.join().unwrap_or_default(),
                stderr: err_reader.join().unwrap_or_default(),
            };
            return (Some(output), start.elapsed());
        }
        if start.elapsed() > BOUND {
            let _ = child.kill();
            let _ = child.wait();
            return (None, start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn os(p: &Path) -> &std::ffi::OsStr {
    p.as_os_str()
}

#[test]
fn one_long_camel_case_token_is_checked_in_bounded_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 200 KB, one token: every "tW" is a seam that the old MT002 handled by rescanning the
    // rest of the word (and the source) – quadratic.
    let token = "HausWelt".repeat(25_000);
    let src = write(dir.path(), "en.txt", "The house world.\n");
    let tgt = write(dir.path(), "de.txt", format!("{token}\n"));
    let report = dir.path().join("report.csv");
    let (output, took) = run_bounded(&[
        "check".as_ref(),
        os(&src),
        os(&tgt),
        "-o".as_ref(),
        os(&report),
    ]);
    let output = output.unwrap_or_else(|| {
        panic!("mtlint check on a 200 KB camel-case token did not finish in {BOUND:?}")
    });
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A valid report: the glued token is flagged, its span covers the whole token.
    let rows = report_rows(&report);
    let glued = rows
        .iter()
        .find(|r| r["code"] == "MT002")
        .unwrap_or_else(|| panic!("no MT002 row in {rows:?}"));
    assert_eq!(glued["span_start"], "0");
    assert_eq!(glued["span_end"], token.chars().count().to_string());
    assert!(took < BOUND);
}

#[test]
fn a_dictionary_line_of_20k_by_20k_alternatives_loads_in_bounded_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    // One line, 20,000 German and 20,000 English alternatives (~418 KB): the old loader
    // stored all 400 million pairs.
    let de: Vec<String> = (0..20_000).map(|i| format!("wort{i}")).collect();
    let en: Vec<String> = (0..20_000).map(|i| format!("word{i}")).collect();
    let line = format!(
        "{} :: {}\nKatze {{f}} :: cat\n",
        de.join("; "),
        en.join("; ")
    );
    assert!(line.len() > 400_000);
    let dict = write(dir.path(), "de-en", line);
    let src = write(dir.path(), "en.txt", "The cat word7 sleeps.\n");
    let tgt = write(dir.path(), "de.txt", "Die Katze wort7 schläft.\n");
    let (output, _) = run_bounded(&[
        "align".as_ref(),
        "--dict".as_ref(),
        os(&dict),
        os(&src),
        os(&tgt),
    ]);
    let output = output.unwrap_or_else(|| {
        panic!("mtlint align --dict with a 20k × 20k line did not finish in {BOUND:?}")
    });
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("[0]:[0]:"));
    // `check --dict` loads it too (MT018 runs with it).
    let report = dir.path().join("report.csv");
    let (output, _) = run_bounded(&[
        "check".as_ref(),
        "--dict".as_ref(),
        os(&dict),
        os(&src),
        os(&tgt),
        "-o".as_ref(),
        os(&report),
    ]);
    let output = output.unwrap_or_else(|| {
        panic!("mtlint check --dict with a 20k × 20k line did not finish in {BOUND:?}")
    });
    assert!(matches!(output.status.code(), Some(0 | 1)));
    assert_eq!(cells(&report)[0][0], "doc", "a report with its header");
}
