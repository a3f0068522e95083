//! Helpers shared by the integration tests: the binary, fixtures, and reading reports back.
//! Each test crate that says `mod common;` compiles this file; not every crate uses every
//! helper.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `mtlint` binary built for this test run.
pub fn mtlint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
}

/// A fixture under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Write `bytes` to `dir/name` and return the path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).expect("create fixture folder");
    }
    fs::write(&p, bytes).expect("write fixture");
    p
}

/// Read a CSV report the way a spreadsheet does: every record as cells, header included.
pub fn cells(report: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(report)
        .expect("open report");
    r.records()
        .map(|rec| {
            rec.expect("valid CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// The report as rows keyed by column name (cells restored from their neutralised form).
pub fn report_rows(report: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let all = cells(report);
    let (header, body) = all.split_first().expect("header row");
    body.iter()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(
                    r.iter()
                        .map(|c| mtlint::report::csv::restore(c).to_string()),
                )
                .collect()
        })
        .collect()
}

/// A CSV report as its header and its records (cells as written, not restored).
pub fn read_report(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(path).expect("report is CSV");
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = r.records().map(|x| x.expect("row")).collect();
    (header, rows)
}

/// The cell of `row` in the column `name` of `header` (from [`read_report`]).
pub fn col(header: &[String], row: &csv::StringRecord, name: &str) -> String {
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    row[i].to_string()
}

/// Files in `dir` whose name marks them as temporary report files.
pub fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".mtlint-"))
        .collect()
}

/// A short English source and a German translation with one doubled period (one error).
pub const SOURCE: &str = "The cat sat on the mat.\n\nIt was 1997.\n";
pub const TARGET: &str = "Die Katze saß auf der Matte..\n\nEs war 1997.\n";

/// A Chromium (or Chrome) binary on the PATH, for the tests that open reports in a real
/// headless browser.
pub fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// The DOM of `url` after its scripts ran, from headless Chromium with the browser profile in
/// `profile` and `extra` flags (killed after 90 s).
pub fn chromium_dump_dom(chromium: &Path, profile: &Path, extra: &[&str], url: &str) -> String {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let mut child = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .args(extra)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s for {url}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}
