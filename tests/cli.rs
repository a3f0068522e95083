//! Integration tests: run the real binary on fixtures and check reports, messages and exit
//! codes.

mod common;

use std::path::{Path, PathBuf};

use common::{col, mtlint, read_report};
use predicates::prelude::*;

/// A fixture under `tests/fixtures/pipeline/`.
fn fixture(name: &str) -> PathBuf {
    common::fixture("pipeline").join(name)
}

#[test]
fn check_writes_the_report_and_fails_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.csv");
    mtlint()
        .args(["check"])
        .arg(fixture("small.en.txt"))
        .arg(fixture("small.de.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("1 document"))
        .stderr(predicate::str::contains("sentence pairs"))
        .stderr(predicate::str::contains(out.display().to_string()));
    let (header, rows) = read_report(&out);
    assert_eq!(
        header.join(","),
        "doc,unit,pair,source_sentences,target_sentences,alignment,alignment_score,target_line,\
         target_column,code,check,severity,side,span_start,span_end,span,message,suggestion,\
         source,target,target_marked,status"
    );
    let doubled: Vec<_> = rows
        .iter()
        .filter(|r| col(&header, r, "code") == "MT005")
        .collect();
    assert_eq!(doubled.len(), 1, "one doubled period");
    let r = doubled[0];
    assert_eq!(col(&header, r, "span"), ". .");
    assert_eq!(col(&header, r, "severity"), "error");
    assert_eq!(col(&header, r, "side"), "target");
    assert_eq!(col(&header, r, "target_line"), "5");
    assert_eq!(col(&header, r, "target_column"), "81");
    let target = col(&header, r, "target");
    let start: usize = col(&header, r, "span_start").parse().unwrap();
    let end: usize = col(&header, r, "span_end").parse().unwrap();
    let span: String = target.chars().skip(start).take(end - start).collect();
    assert_eq!(span, ". .");
    assert!(col(&header, r, "target_marked").ends_with("unwahrscheinlicher machen⟦. .⟧"));
    assert_eq!(col(&header, r, "status"), "");

    // The long English sentence with no German counterpart is an omission (1-0 pair): the
    // finding points into the source, and its position is where the translation would be.
    let omitted: Vec<_> = rows
        .iter()
        .filter(|r| col(&header, r, "code") == "MT007")
        .collect();
    assert_eq!(omitted.len(), 1, "one omitted sentence");
    let r = omitted[0];
    assert_eq!(col(&header, r, "side"), "source");
    assert_eq!(col(&header, r, "alignment"), "1-0");
    assert_eq!(col(&header, r, "target_sentences"), "");
    assert!(col(&header, r, "span").starts_with("In the centuries that followed"));
    assert_eq!(col(&header, r, "span_start"), "0");
    assert_eq!(
        col(&header, r, "span_end"),
        col(&header, r, "source").chars().count().to_string()
    );
    assert_eq!(
        (
            col(&header, r, "target_line"),
            col(&header, r, "target_column")
        ),
        ("3".to_string(), "53".to_string())
    );
    assert_eq!(rows.len(), 2, "nothing else is flagged in the fixture");
}

#[test]
fn fail_on_never_exits_zero_and_quiet_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.csv");
    mtlint()
        .arg("check")
        .arg(fixture("small.en.txt"))
        .arg(fixture("small.de.txt"))
        .arg("-o")
        .arg(&out)
        .args(["--fail-on", "never", "-q"])
        .assert()
        .code(0)
        .stderr("");
    assert!(out.exists());
}

#[test]
fn all_pairs_writes_a_row_per_clean_pair() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.csv");
    mtlint()
        .arg("check")
        .arg(fixture("small.en.txt"))
        .arg(fixture("small.de.txt"))
        .arg("-o")
        .arg(&out)
        .args(["--all-pairs", "-q"])
        .assert()
        .code(1);
    let (header, rows) = read_report(&out);
    let pairs: std::collections::BTreeSet<String> =
        rows.iter().map(|r| col(&header, r, "pair")).collect();
    // Heading, two sentences, one sentence (+ the dropped "About the author.").
    assert!(pairs.len() >= 4, "{pairs:?}");
    let clean = rows
        .iter()
        .find(|r| col(&header, r, "pair") == "0")
        .expect("heading pair");
    assert_eq!(col(&header, clean, "code"), "");
    assert_eq!(col(&header, clean, "target"), "Lokale Fertigung");
    assert_eq!(col(&header, clean, "alignment"), "1-1");
}

#[test]
fn default_report_goes_to_reports_folder() {
    let dir = tempfile::tempdir().unwrap();
    mtlint()
        .current_dir(dir.path())
        .arg("check")
        .arg(fixture("small.en.txt"))
        .arg(fixture("small.de.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("reports/small.de.csv"));
    assert!(dir.path().join("reports/small.de.csv").is_file());
}

#[test]
fn bom_and_crlf_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.csv");
    mtlint()
        .arg("check")
        .arg(fixture("crlf.en.txt"))
        .arg(fixture("bom_crlf.de.txt"))
        .arg("-o")
        .arg(&out)
        .args(["--all-pairs", "-q"])
        .assert()
        .code(0);
    let (header, rows) = read_report(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(col(&header, &rows[0], "target"), "Hallo Welt.");
    assert_eq!(col(&header, &rows[1], "target"), "Zweiter Absatz hier.");
    assert_eq!(col(&header, &rows[1], "target_line"), "3");
}

/// Run check with a bad input; assert exit 2, the message, and that no report was written.
fn assert_input_error(source: &Path, target: &Path, expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.csv");
    let mut assert = mtlint()
        .arg("check")
        .arg(source)
        .arg(target)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("mtlint: error: "))
        .stderr(predicate::str::contains("panicked").not());
    for e in expected {
        assert = assert.stderr(predicate::str::contains(*e));
    }
    let _ = assert;
    assert!(!out.exists(), "no report on error");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

#[test]
fn missing_file() {
    assert_input_error(
        &fixture("small.en.txt"),
        &fixture("does-not-exist.de.txt"),
        &["does-not-exist.de.txt", "not found"],
    );
}

#[test]
fn directory_instead_of_file() {
    let dir = tempfile::tempdir().unwrap();
    assert_input_error(&fixture("small.en.txt"), dir.path(), &["is a directory"]);
}

#[test]
fn invalid_utf8_names_file_line_and_byte() {
    assert_input_error(
        &fixture("small.en.txt"),
        &fixture("latin1.de.txt"),
        &["latin1.de.txt:2:", "invalid UTF-8 at byte 22", "UTF-8"],
    );
}

#[test]
fn nul_bytes_are_binary() {
    assert_input_error(
        &fixture("small.en.txt"),
        &fixture("nul.de.txt"),
        &["nul.de.txt:1:", "NUL byte", "binary"],
    );
}

#[test]
fn empty_file_on_either_side() {
    assert_input_error(
        &fixture("small.en.txt"),
        &fixture("empty.de.txt"),
        &["empty.de.txt", "empty"],
    );
    assert_input_error(
        &fixture("blank.de.txt"),
        &fixture("small.de.txt"),
        &["blank.de.txt", "empty"],
    );
}

#[test]
fn utf16_is_named() {
    assert_input_error(
        &fixture("small.en.txt"),
        &fixture("utf16.de.txt"),
        &["utf16.de.txt", "UTF-16"],
    );
}

#[test]
fn report_folder_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no/such/folder/r.csv");
    mtlint()
        .arg("check")
        .arg(fixture("small.en.txt"))
        .arg(fixture("small.de.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn report_path_may_not_be_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("t.de.txt");
    std::fs::copy(fixture("small.de.txt"), &target).unwrap();
    let before = std::fs::read(&target).unwrap();
    mtlint()
        .arg("check")
        .arg(fixture("small.en.txt"))
        .arg(&target)
        .arg("-o")
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never writes a file it reads"));
    assert_eq!(std::fs::read(&target).unwrap(), before);
}

#[test]
fn failed_run_keeps_the_previous_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.csv");
    std::fs::write(&out, "previous report\n").unwrap();
    mtlint()
        .arg("check")
        .arg(fixture("small.en.txt"))
        .arg(fixture("nul.de.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous report\n");
}

#[test]
fn bad_usage_exits_2() {
    mtlint().arg("check").assert().code(2);
    mtlint()
        .args(["check", "a", "b", "--fail-on", "sometimes"])
        .assert()
        .code(2);
    mtlint().arg("frobnicate").assert().code(2);
}

#[test]
fn segment_prints_one_sentence_per_line() {
    mtlint()
        .args(["segment", "--lang", "de"])
        .arg(fixture("small.de.txt"))
        .assert()
        .code(0)
        .stdout(
            "Lokale Fertigung\n\nDie Druckerpresse schwächte die Kirche noch weiter.\n\
             Sie verlor ihr Monopol auf die biblische Geschichte.\n\n\
             Ein vernünftiger Kompromiss würde Absprachen zunehmend unwahrscheinlicher machen. .\n",
        );
}

#[test]
fn align_prints_beads_with_scores() {
    let out = mtlint()
        .arg("align")
        .arg(fixture("small.en.txt"))
        .arg(fixture("small.de.txt"))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("[0]:[0]:"), "{text}");
    assert!(lines[1].starts_with("[1]:[1]:"), "{text}");
    assert!(lines[2].starts_with("[2]:[]:"), "omission: {text}");
    assert!(lines[3].starts_with("[3]:[2]:"), "{text}");
    assert!(lines[4].starts_with("[4]:[3]:"), "{text}");
    for l in &lines {
        let score: f64 = l.rsplit(':').next().unwrap().parse().unwrap();
        assert!((0.0..=1.0).contains(&score));
    }
}

#[test]
fn rules_and_explain() {
    mtlint()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("MT005  doubled-punctuation"));
    // The columns line up: every summary starts at the same column.
    let out = mtlint().arg("rules").output().unwrap().stdout;
    let text = String::from_utf8(out).unwrap();
    let starts: std::collections::BTreeSet<usize> = text
        .lines()
        .map(|l| {
            let sev_end = ["error", "warning", "info"]
                .iter()
                .filter_map(|s| l.find(&format!(" {s} ")).map(|i| i + 1 + s.len()))
                .min()
                .unwrap();
            sev_end + l[sev_end..].len() - l[sev_end..].trim_start().len()
        })
        .collect();
    assert_eq!(starts.len(), 1, "{text}");
    mtlint()
        .args(["explain", "MT005"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("doubled-punctuation"))
        .stdout(predicate::str::contains("Example"));
    mtlint()
        .args(["explain", "doubled-punctuation"])
        .assert()
        .code(0);
    mtlint()
        .args(["explain", "MT999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mtlint rules"));
}

#[test]
fn outer_white_space_of_a_unit_is_compared_with_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("ui.tsv");
    std::fs::write(
        &tsv,
        "source\ttarget\n items\tElemente\nSave the file.\tDatei speichern.\n",
    )
    .unwrap();
    let out = dir.path().join("r.csv");
    mtlint()
        .arg("check")
        .arg(&tsv)
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .assert()
        .code(0);
    let (header, rows) = read_report(&out);
    assert_eq!(rows.len(), 1, "only the unit whose leading space was lost");
    let r = &rows[0];
    assert_eq!(col(&header, r, "code"), "MT016");
    assert_eq!(col(&header, r, "target"), "Elemente");
    assert!(col(&header, r, "message").contains("leading white space"));
}
