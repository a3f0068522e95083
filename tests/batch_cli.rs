//! `mtlint check` on bilingual files and folders: the binary end to end.

mod common;

use std::path::{Path, PathBuf};

use common::mtlint;
use predicates::prelude::*;

/// A fixture under `tests/fixtures/formats/`.
fn fixture(name: &str) -> PathBuf {
    common::fixture("formats").join(name)
}

/// (doc, code, target_line, target_column, span) of every report row.
fn report_rows(path: &Path) -> Vec<(String, String, String, String, String)> {
    let mut r = csv::Reader::from_path(path).expect("report is CSV");
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let at = |name: &str| h.iter().position(|x| x == name).unwrap();
    let (doc, code, line, col, span) = (
        at("doc"),
        at("code"),
        at("target_line"),
        at("target_column"),
        at("span"),
    );
    r.records()
        .map(|x| {
            let x = x.unwrap();
            (
                x[doc].to_string(),
                x[code].to_string(),
                x[line].to_string(),
                x[col].to_string(),
                x[span].to_string(),
            )
        })
        .collect()
}

#[test]
fn one_bilingual_file_is_checked_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("po.csv");
    mtlint()
        .arg("check")
        .arg(fixture("sample.po"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("mtlint: 1 document, "));
    let rows = report_rows(&out);
    let doc = fixture("sample.po").display().to_string();
    let mt005: Vec<_> = rows
        .iter()
        .filter(|r| r.1 == "MT005")
        .map(|r| (r.0.as_str(), r.2.as_str(), r.3.as_str(), r.4.as_str()))
        .collect();
    assert_eq!(
        mt005,
        vec![
            (doc.as_str(), "10", "39", ". ."),
            (doc.as_str(), "24", "18", ". ."),
            (doc.as_str(), "29", "38", ". ."),
        ]
    );
}

#[test]
fn markdown_pair_reports_positions_in_the_target_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("md.csv");
    mtlint()
        .arg("check")
        .arg(fixture("source.md"))
        .arg(fixture("target.md"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let rows = report_rows(&out);
    assert!(
        rows.iter()
            .any(|r| r.1 == "MT005" && r.2 == "4" && r.3 == "54"),
        "{rows:?}"
    );
}

#[test]
fn one_side_file_alone_and_half_folder_options_are_usage_errors() {
    mtlint()
        .arg("check")
        .arg(fixture("target.md"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds one side only"));
    mtlint()
        .arg("check")
        .arg(fixture("source.md"))
        .arg(fixture("sample.po"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("check it alone"));
    mtlint()
        .args(["check", "--source-dir"])
        .arg(fixture(""))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--source-dir needs --target-dir"));
}

/// A folder of mixed formats: the same report at 1 and 4 threads, documents in path order.
#[test]
fn batch_of_mixed_formats_is_deterministic() {
    let root = tempfile::tempdir().unwrap();
    let (src, tgt) = (root.path().join("en"), root.path().join("de"));
    std::fs::create_dir_all(src.join("docs")).unwrap();
    std::fs::create_dir_all(tgt.join("docs")).unwrap();
    for name in [
        "sample.xlf",
        "sample.xliff",
        "sample.tmx",
        "sample.po",
        "sample.csv",
        "sample.tsv",
    ] {
        std::fs::copy(fixture(name), tgt.join(name)).unwrap();
    }
    std::fs::copy(fixture("source.md"), src.join("docs/flood.md")).unwrap();
    std::fs::copy(fixture("target.md"), tgt.join("docs/flood.md")).unwrap();
    let mut reports = Vec::new();
    for jobs in ["1", "4"] {
        let out = root.path().join(format!("report-{jobs}.csv"));
        mtlint()
            .arg("check")
            .arg("--source-dir")
            .arg(&src)
            .arg("--target-dir")
            .arg(&tgt)
            .args(["-j", jobs, "-o"])
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("mtlint: 8 documents, "))
            .stderr(predicate::str::contains(
                "sample.tmx#fr-FR: declares language fr-FR; checking en → de only",
            ));
        reports.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(
        reports[0], reports[1],
        "report differs between 1 and 4 threads"
    );

    let rows = report_rows(&root.path().join("report-1.csv"));
    let mut docs: Vec<String> = Vec::new();
    for r in &rows {
        if docs.last() != Some(&r.0) {
            docs.push(r.0.clone());
        }
    }
    let rel: Vec<String> = docs
        .iter()
        .map(|d| {
            d.strip_prefix(&tgt.display().to_string())
                .unwrap_or(d)
                .to_string()
        })
        .collect();
    assert_eq!(
        rel,
        vec![
            "/docs/flood.md",
            "/sample.csv",
            "/sample.po",
            "/sample.tmx#de-DE",
            "/sample.tsv",
            "/sample.xlf",
            "/sample.xliff#news.html",
        ]
    );
}
