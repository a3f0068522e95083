//! The README's localisation example, end to end: `mtlint check --target-dir input/l10n`
//! pairs the app's `de.json` with `en.json` and Android's `values-de/strings.xml` with
//! `values/strings.xml` by key, and flags exactly the planted MT faults at their place in
//! the files (issue 15 item 6).

mod common;

use std::path::Path;

use common::mtlint;

/// (doc, code, target line, target column, span) of every finding expected.
const EXPECTED: &[(&str, &str, usize, usize, &str)] = &[
    ("de.json", "MT001", 9, 16, "Forgot your password?"),
    ("de.json", "MT010", 10, 36, "{{Name}}"),
    ("de.json", "MT009", 20, 52, "30"),
    ("de.json", "MT011", 21, 58, "die die"),
    // A key only the English has stands where it belongs in the German: after billing.upgrade.
    ("de.json", "MT022", 21, 5, "Download the invoice as PDF."),
    ("de.json", "MT028", 24, 16, "Als CSV exportieren"),
    ("res/values-de/strings.xml", "MT005", 6, 91, ". ."),
    ("res/values-de/strings.xml", "MT009", 7, 66, "50"),
    // One finding for the dropped <xliff:g> with its %s (issue 15): MT024's, not MT010's.
    (
        "res/values-de/strings.xml",
        "MT024",
        9,
        29,
        "<xliff:g id=\"owner\">%s</xliff:g>",
    ),
    ("res/values-de/strings.xml", "MT014", 9, 29, "Album von"),
    ("res/values-de/strings.xml", "MT013", 9, 35, "von"),
    ("res/values-de/strings.xml", "MT022", 15, 9, "Oldest first"),
];

#[test]
fn l10n_example_flags_exactly_the_planted_faults() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("input/l10n");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("l10n.csv");
    mtlint()
        .arg("check")
        .arg("--target-dir")
        .arg(&root)
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .assert()
        .code(1);
    let mut got = Vec::new();
    for row in common::report_rows(&out) {
        let doc = Path::new(&row["doc"])
            .strip_prefix(&root)
            .unwrap()
            .display()
            .to_string();
        let line: usize = row["target_line"].parse().unwrap();
        let column: usize = row["target_column"].parse().unwrap();
        let span = mtlint::report::csv::restore(&row["span"]).to_string();
        // A target-side span stands at its line and column in the German file.
        if row["side"] == "target" {
            let file = std::fs::read_to_string(root.join(&doc)).unwrap();
            let at: String = file
                .lines()
                .nth(line - 1)
                .unwrap()
                .chars()
                .skip(column - 1)
                .take(span.chars().count())
                .collect();
            assert_eq!(at, span, "{doc} {line}:{column}");
        }
        got.push((doc, row["code"].clone(), line, column, span));
    }
    let expected: Vec<(String, String, usize, usize, String)> = EXPECTED
        .iter()
        .map(|(d, c, l, col, s)| (d.to_string(), c.to_string(), *l, *col, s.to_string()))
        .collect();
    assert_eq!(got, expected);
}
