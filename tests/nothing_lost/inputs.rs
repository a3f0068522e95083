//! See `tests/nothing_lost.rs`. Issue 11, items 11, 13, 14 and 15: clear words for the
//! common input mistakes (special files, huge files, legacy encodings, office documents,
//! `;` CSV, broken quotes, contradictory configuration), each exit 2 and one line.

use std::path::{Path, PathBuf};
use std::time::Duration;

#[allow(unused_imports)]
use crate::common::*;

/// A run that must end by itself: a hang (or an 8 GB read) fails the test instead of
/// stalling the suite.
const NO_HANG: Duration = Duration::from_secs(60);

/// `mtlint check ARGS -o DIR/r.csv`: exit code, stderr and the report path.
fn check(dir: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> (Option<i32>, String, PathBuf) {
    let report = dir.join("r.csv");
    let mut cmd = mtlint();
    cmd.arg("check");
    for a in args {
        cmd.arg(a);
    }
    let out = cmd
        .arg("-o")
        .arg(&report)
        .timeout(NO_HANG)
        .output()
        .expect("run mtlint");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code(), stderr, report)
}

/// The run failed with exit 2, one error line containing every `expected`, and no report.
fn assert_refused(dir: &Path, args: &[&dyn AsRef<std::ffi::OsStr>], expected: &[&str]) -> String {
    let (code, stderr, report) = check(dir, args);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.starts_with("mtlint: error: "), "{stderr}");
    for e in expected {
        assert!(stderr.contains(e), "expected {e:?} in: {stderr}");
    }
    assert!(!report.exists(), "no report after an input error");
    stderr
}

// Item 11: special files and the size limit.

#[cfg(unix)]
#[test]
fn dev_zero_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(dir.path(), "s.txt", SOURCE);
    assert_refused(
        dir.path(),
        &[&src, &"/dev/zero"],
        &["/dev/zero: is a character device, not a regular file"],
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_without_writer_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(dir.path(), "s.txt", SOURCE);
    let fifo = dir.path().join("t.txt");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file system entry.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
    assert_refused(
        dir.path(),
        &[&src, &fifo],
        &["t.txt: is a FIFO (named pipe), not a regular file"],
    );
    // Also as a bilingual file, a baseline and a configuration.
    let csv = dir.path().join("t.csv");
    let c_csv = std::ffi::CString::new(csv.to_str().unwrap()).unwrap();
    // SAFETY: as above.
    assert_eq!(unsafe { libc::mkfifo(c_csv.as_ptr(), 0o600) }, 0, "mkfifo");
    assert_refused(dir.path(), &[&csv], &["t.csv: is a FIFO"]);
    let tgt = write(dir.path(), "d.txt", TARGET);
    assert_refused(
        dir.path(),
        &[&src, &tgt, &"--baseline", &fifo],
        &["t.txt: is a FIFO"],
    );
    assert_refused(
        dir.path(),
        &[&src, &tgt, &"--config", &fifo],
        &["t.txt: is a FIFO"],
    );
}

#[test]
fn a_file_over_max_input_size_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(dir.path(), "s.txt", SOURCE);
    let tgt = write(dir.path(), "t.txt", TARGET);
    assert_refused(
        dir.path(),
        &[&src, &tgt, &"--max-input-size", &"20"],
        &[
            "s.txt: ",
            "more than the input size limit of 20 bytes (set by --max-input-size)",
            "raise it with --max-input-size",
        ],
    );
    // A file whose size is not known before reading (/proc reports 0) is still bounded.
    #[cfg(target_os = "linux")]
    assert_refused(
        dir.path(),
        &[&src, &"/proc/self/status", &"--max-input-size", &"100"],
        &[
            "/proc/self/status: the file (read past its reported size of 0 bytes",
            "more than the input size limit of 100 bytes",
        ],
    );
    // The same file passes under a larger limit.
    let (code, stderr, _) = check(dir.path(), &[&src, &tgt, &"--max-input-size", &"1K"]);
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn the_environment_variable_limits_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let tgt = write(dir.path(), "t.txt", TARGET);
    let out = mtlint()
        .args(["segment", "--lang", "de"])
        .arg(&tgt)
        .env("MTLINT_MAX_INPUT_SIZE", "10")
        .timeout(NO_HANG)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("input size limit of 10 bytes (set by MTLINT_MAX_INPUT_SIZE)"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_sparse_file_over_the_default_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(dir.path(), "s.txt", SOURCE);
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(3 << 30).unwrap(); // sparse: no disk used
    drop(f);
    assert_refused(
        dir.path(),
        &[&src, &big],
        &[
            "big.txt: 3.0 GiB (3221225472 bytes) is more than the input size limit of 1.0 GiB",
            "--max-input-size 3G",
        ],
    );
}

// Item 13: legacy encodings.

/// „Größe“ – 5 € … in Windows-1252 (0x84 0x93 0x96 0x80 0x85 are C1 controls in Latin-1).
const CP1252: &[u8] = b"Die \x84Gr\xf6\xdfe\x93 der Katze \x96 5 \x80 \x85 war 1997.\n";

#[test]
fn windows_1252_is_named_and_read_with_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(
        dir.path(),
        "s.txt",
        "The size of the cat - 5 euros... was 1997.\n",
    );
    let tgt = write(dir.path(), "t.txt", CP1252);
    let stderr = assert_refused(
        dir.path(),
        &[&src, &tgt],
        &[
            "t.txt:1: invalid UTF-8 at byte 4",
            "WINDOWS-1252",
            "iconv -f WINDOWS-1252 -t UTF-8",
            "--encoding windows-1252",
        ],
    );
    assert!(!stderr.contains("LATIN1"), "{stderr}");
    let (code, stderr, report) = check(
        dir.path(),
        &[&src, &tgt, &"--encoding", &"windows-1252", &"--all-pairs"],
    );
    assert!(matches!(code, Some(0 | 1)), "{stderr}");
    let rows = report_rows(&report);
    assert!(
        rows.iter()
            .any(|r| r["target"] == "Die „Größe“ der Katze – 5 € … war 1997."),
        "{rows:?}"
    );
}

#[test]
fn c1_controls_in_a_target_are_mojibake() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(dir.path(), "s.txt", "He said \"yes\" in 1997.\n");
    let tgt = write(
        dir.path(),
        "t.txt",
        "Er sagte \u{84}ja\u{93} im Jahr 1997.\n",
    );
    let (code, stderr, report) = check(dir.path(), &[&src, &tgt]);
    assert_eq!(code, Some(1), "{stderr}");
    let rows = report_rows(&report);
    let c1: Vec<_> = rows
        .iter()
        .filter(|r| r["code"] == "MT012" && r["message"].contains("U+0093"))
        .collect();
    assert_eq!(c1.len(), 1, "{rows:?}");
    assert!(
        c1[0]["message"].contains(
            "control character U+0093 — the text was probably decoded as Latin-1 instead of Windows-1252"
        ),
        "{c1:?}"
    );
    assert_eq!(c1[0]["span"], "\u{93}");
    assert_eq!(c1[0]["suggestion"], "“");
}

// Item 14: the real cause of common format mistakes.

#[test]
fn a_semicolon_csv_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "t.csv",
        "id;source;target\n1;The cat sat on the mat.;Die Katze saß auf der Matte..\n",
    );
    let (code, stderr, report) = check(dir.path(), &[&csv]);
    assert_eq!(code, Some(1), "{stderr}");
    let rows = report_rows(&report);
    assert!(
        rows.iter()
            .any(|r| r["code"] == "MT005" && r["span"] == ".."),
        "{rows:?}"
    );
}

#[test]
fn a_tab_separated_csv_says_to_rename_it() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "t.csv",
        "source\ttarget\nThe cat.\tDie Katze.\n",
    );
    assert_refused(
        dir.path(),
        &[&csv],
        &["t.csv: 1:1: the header is separated by tabs, not ','; rename the file .tsv"],
    );
}

#[test]
fn an_unterminated_quote_names_the_line_where_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "t.csv",
        "source,target\nThe cat.,Die Katze.\n\"The dog.,Der Hund.\nThe end.,Das Ende.\n",
    );
    assert_refused(
        dir.path(),
        &[&csv],
        &["t.csv: 3:1: unterminated quoted field starting at line 3"],
    );
}

/// The first bytes of a .docx: a ZIP local file header for `word/document.xml`.
const DOCX: &[u8] = b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x11\x00\x00\x00word/document.xml\x00\x00";

#[test]
fn office_documents_are_named_not_called_binary() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(dir.path(), "s.txt", SOURCE);
    let docx = write(dir.path(), "t.docx", DOCX);
    let stderr = assert_refused(
        dir.path(),
        &[&src, &docx],
        &[
            "t.docx: a Word document (.docx) is not supported; mtlint reads plain text, Markdown, XLIFF, TMX, PO, CSV/TSV — export the text first",
        ],
    );
    assert!(!stderr.contains("NUL"), "{stderr}");
    // Alone (as if bilingual), it is not "a plain text file".
    let stderr = assert_refused(
        dir.path(),
        &[&docx],
        &["t.docx: a Word document (.docx) is not supported"],
    );
    assert!(!stderr.contains("plain text file"), "{stderr}");
    // By content, whatever the name.
    let renamed = write(dir.path(), "t.txt", DOCX);
    assert_refused(
        dir.path(),
        &[&src, &renamed],
        &["t.txt: a Word document (.docx) is not supported"],
    );
    let pdf = write(dir.path(), "p.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    assert_refused(
        dir.path(),
        &[&src, &pdf],
        &["p.txt: a PDF document is not supported"],
    );
    let odt = write(dir.path(), "t.odt", "Die Katze.");
    assert_refused(
        dir.path(),
        &[&src, &odt],
        &["t.odt: an OpenDocument text (.odt) is not supported"],
    );
}

#[test]
fn nul_in_a_baseline_or_config_names_its_role() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(dir.path(), "s.txt", SOURCE);
    let tgt = write(dir.path(), "t.txt", TARGET);
    let base = write(dir.path(), "b.json", b"{\"mtlint_baseline\": 1,\x00}");
    let stderr = assert_refused(
        dir.path(),
        &[&src, &tgt, &"--baseline", &base],
        &["b.json:1: NUL byte at byte 22", "not a baseline"],
    );
    assert!(!stderr.contains("translation"), "{stderr}");
    let config = write(dir.path(), "c.toml", b"select = [\"ALL\"]\n\x00\n");
    let stderr = assert_refused(
        dir.path(),
        &[&src, &tgt, &"--config", &config],
        &["c.toml:2: NUL byte", "not a configuration file"],
    );
    assert!(!stderr.contains("translation"), "{stderr}");
}

// Item 15: silently accepted before.

#[test]
fn duplicate_csv_headers_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "t.csv",
        "source,target,target\nThe cat.,Die Katze.,Der Hund.\n",
    );
    assert_refused(
        dir.path(),
        &[&csv],
        &["t.csv: 1:1: column 'target' appears twice in the header (columns 2 and 3)"],
    );
}

#[test]
fn a_baseline_of_an_unknown_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(dir.path(), "s.txt", SOURCE);
    let tgt = write(dir.path(), "t.txt", TARGET);
    let base = write(
        dir.path(),
        "b.json",
        r#"{"mtlint_baseline": 99, "findings": []}"#,
    );
    assert_refused(
        dir.path(),
        &[&src, &tgt, &"--baseline", &base],
        &["b.json: baseline version 99 is newer than this mtlint understands (3)"],
    );
}

#[test]
fn length_ratio_min_above_max_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(dir.path(), "s.txt", SOURCE);
    let tgt = write(dir.path(), "t.txt", TARGET);
    let config = write(
        dir.path(),
        "c.toml",
        "[thresholds]\nlength-ratio-min = 0.9\nlength-ratio-max = 0.8\n",
    );
    assert_refused(
        dir.path(),
        &[&src, &tgt, &"--config", &config],
        &["length-ratio-min = 0.9 is not below length-ratio-max = 0.8"],
    );
}
