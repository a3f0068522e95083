//! Issue 14 item 3: the unit is part of the baseline fingerprint (baseline version 3), and
//! baselines written before (version 2) keep suppressing what they suppressed.

mod common;

use std::path::Path;

use common::{fixture, mtlint, report_rows, write};

/// Run `mtlint check ARGS -q -o r.csv` in `dir`; (exit code, stderr, CSV rows).
fn check(
    dir: &Path,
    args: &[&str],
) -> (i32, String, Vec<std::collections::HashMap<String, String>>) {
    let _ = std::fs::remove_file(dir.join("r.csv"));
    let out = mtlint()
        .current_dir(dir)
        .arg("check")
        .args(args)
        // Only MT005 (the two units' same source with other targets would be MT021).
        .args(["-o", "r.csv", "--select", "MT005"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code().unwrap_or(-1);
    assert!(matches!(code, 0 | 1), "{stderr}");
    (code, stderr, report_rows(&dir.join("r.csv")))
}

/// (code, unit) of every finding row.
fn findings(rows: &[std::collections::HashMap<String, String>]) -> Vec<(String, String)> {
    rows.iter()
        .filter(|r| !r["code"].is_empty())
        .map(|r| (r["code"].clone(), r["unit"].clone()))
        .collect()
}

/// Copy the version-2 fixtures (inputs and the baselines the code before version 3 wrote
/// for them) into a temporary folder.
fn v2_fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "a.xlf",
        "en.md",
        "de.md",
        "en.txt",
        "de.txt",
        "xlf.v2.json",
        "md.v2.json",
        "txt.v2.json",
    ] {
        let bytes = std::fs::read(fixture("baseline-v2").join(name)).unwrap();
        write(dir.path(), name, bytes);
    }
    dir
}

/// A version-2 baseline written by the code before units entered the fingerprint suppresses
/// the same findings as then, although the findings now carry units (XLIFF ids, Markdown
/// heading paths, plain-text paragraphs): every entry matched, none stale.
#[test]
fn a_version_2_baseline_still_suppresses_the_same_findings() {
    let dir = v2_fixtures();
    for (inputs, baseline, findings_before, entries) in [
        (&["a.xlf"][..], "xlf.v2.json", 3, 2),
        (&["en.md", "de.md"][..], "md.v2.json", 2, 2),
        (&["en.txt", "de.txt"][..], "txt.v2.json", 2, 2),
    ] {
        let (code, _, rows) = check(dir.path(), inputs);
        assert_eq!(code, 1, "{baseline}: the findings are there");
        let found = findings(&rows);
        assert_eq!(found.len(), findings_before, "{baseline}: {found:?}");
        assert!(
            found.iter().all(|(_, unit)| !unit.is_empty()),
            "{baseline}: the findings have units now: {found:?}"
        );
        let mut args = inputs.to_vec();
        args.extend(["--baseline", baseline]);
        let (code, stderr, rows) = check(dir.path(), &args);
        assert_eq!(code, 0, "{baseline}: {stderr}");
        assert!(findings(&rows).is_empty(), "{baseline}: {rows:?}");
        assert!(
            stderr.contains(&format!(
                "{findings_before} suppressed by the baseline ({entries} of {entries} baseline entries matched, 0 stale)"
            )),
            "{baseline}: {stderr}"
        );
    }
}

const TWO_UNITS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2"><file source-language="en" target-language="de" original="a"><body>
<trans-unit id="u1"><source>See you soon.</source><target>Bis bald. .</target></trans-unit>
<trans-unit id="u2"><source>See you soon.</source><target>TARGET2</target></trans-unit>
</body></file></xliff>
"#;

fn two_units(second: &str) -> String {
    TWO_UNITS.replace("TARGET2", second)
}

/// Two findings that differ only in their unit are two entries of a version-3 baseline,
/// and accepting one does not accept the other.
#[test]
fn findings_in_two_units_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Both units have the same fault in the same sentence: two entries.
    write(d, "a.xlf", two_units("Bis bald. ."));
    let (code, stderr, _) = check(d, &["a.xlf", "--write-baseline", "both.json"]);
    assert_eq!(code, 0, "{stderr}");
    let both: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("both.json")).unwrap()).unwrap();
    assert_eq!(both["mtlint_baseline"], 3);
    let entries = both["findings"].as_array().unwrap();
    let units: Vec<&str> = entries
        .iter()
        .map(|e| e["unit"].as_str().unwrap())
        .collect();
    assert_eq!(units, ["u1", "u2"], "one entry per unit: {both}");
    assert_ne!(entries[0]["fingerprint"], entries[1]["fingerprint"]);

    // Only u1 is faulty when the baseline is written; then u2 gets the same fault.
    write(d, "a.xlf", two_units("Bis bald."));
    let (code, stderr, _) = check(d, &["a.xlf", "--write-baseline", "u1.json"]);
    assert_eq!(code, 0, "{stderr}");
    write(d, "a.xlf", two_units("Bis bald. ."));
    let (code, stderr, rows) = check(d, &["a.xlf", "--baseline", "u1.json"]);
    assert_eq!(code, 1, "u2's finding is new: {stderr}");
    assert_eq!(
        findings(&rows),
        [("MT005".to_string(), "u2".to_string())],
        "{stderr}"
    );
    assert!(
        stderr.contains("(1 of 1 baseline entry matched, 0 stale)"),
        "{stderr}"
    );
}

/// A finding whose unit changed (an XLIFF id, a Markdown heading) is a new finding, and its
/// entry is stale.
#[test]
fn a_finding_whose_unit_changed_is_no_longer_matched() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.xlf", two_units("Bis bald."));
    check(d, &["a.xlf", "--write-baseline", "b.json"]);
    write(
        d,
        "a.xlf",
        two_units("Bis bald.").replace("\"u1\"", "\"u9\""),
    );
    let (code, stderr, rows) = check(d, &["a.xlf", "--baseline", "b.json"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings(&rows), [("MT005".to_string(), "u9".to_string())]);
    assert!(
        stderr.contains("(0 of 1 baseline entry matched, 1 stale)"),
        "{stderr}"
    );

    write(d, "en.md", "# Intro\n\nIt was 1997.\n");
    write(d, "de.md", "# Einleitung\n\nEs war 1997. .\n");
    check(d, &["en.md", "de.md", "--write-baseline", "md.json"]);
    let (code, stderr, _) = check(d, &["en.md", "de.md", "--baseline", "md.json"]);
    assert_eq!(code, 0, "the same heading: matched; {stderr}");
    write(d, "de.md", "# Vorwort\n\nEs war 1997. .\n");
    let (code, stderr, rows) = check(d, &["en.md", "de.md", "--baseline", "md.json"]);
    assert_eq!(code, 1, "another heading: a new finding; {stderr}");
    assert_eq!(
        findings(&rows),
        [("MT005".to_string(), "Vorwort".to_string())]
    );
}

/// Plain text's `paragraph N` is a place, not a name: a paragraph added above a finding
/// changes its unit but not its fingerprint (as a line number does not).
#[test]
fn a_paragraph_added_above_keeps_the_match() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "en.txt", "It was 1997.\n");
    write(d, "de.txt", "Es war 1997. .\n");
    check(d, &["en.txt", "de.txt", "--write-baseline", "b.json"]);
    write(d, "en.txt", "The cat sat on the mat.\n\nIt was 1997.\n");
    write(
        d,
        "de.txt",
        "Die Katze saß auf der Matte.\n\nEs war 1997. .\n",
    );
    let (_, _, rows) = check(d, &["en.txt", "de.txt"]);
    assert_eq!(
        findings(&rows),
        [("MT005".to_string(), "paragraph 2".to_string())]
    );
    let (code, stderr, _) = check(d, &["en.txt", "de.txt", "--baseline", "b.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("(1 of 1 baseline entry matched, 0 stale)"),
        "{stderr}"
    );
}

/// A CSV review report is a version-3 baseline when it has the `unit` column, and one
/// written before the column existed matches as version 2 did.
#[test]
fn a_csv_report_matches_with_its_unit_column_and_without() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.xlf", two_units("Bis bald."));
    let (_, _, _) = check(d, &["a.xlf"]);
    let csv = std::fs::read_to_string(d.join("r.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let status = header.iter().position(|h| h == "status").unwrap();
    let unit = header
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == "unit")
        .unwrap();
    let save = |name: &str, keep_unit: bool| {
        let mut w = csv::Writer::from_path(d.join(name)).unwrap();
        let pick = |row: &[String]| -> Vec<String> {
            row.iter()
                .enumerate()
                .filter(|(i, _)| keep_unit || *i != unit)
                .map(|(_, c)| c.trim_start_matches('\u{feff}').to_string())
                .collect()
        };
        w.write_record(pick(&header)).unwrap();
        for r in &records {
            let mut r = r.clone();
            r[status] = "accepted".into();
            w.write_record(pick(&r)).unwrap();
        }
        w.flush().unwrap();
    };
    save("with-unit.csv", true);
    save("without-unit.csv", false);
    write(d, "a.xlf", two_units("Bis bald. ."));
    let (code, stderr, rows) = check(d, &["a.xlf", "--baseline", "with-unit.csv"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings(&rows), [("MT005".to_string(), "u2".to_string())]);
    let (code, stderr, rows) = check(d, &["a.xlf", "--baseline", "without-unit.csv"]);
    assert_eq!(
        code, 0,
        "no unit column: matched without the unit; {stderr}"
    );
    assert!(findings(&rows).is_empty());
}
