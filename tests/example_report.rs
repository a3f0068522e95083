//! The README's example, end to end: the report for `input/` flags exactly the garbling of
//! the seed article — every kind the pipeline issue lists — at exact positions, and nothing
//! in the article's correct sentences.

mod common;

use std::path::Path;

use common::mtlint;

/// (code, unit, target line, target column, span) of every finding expected in the example.
/// The unit is the target paragraph (`paragraph N`, 1-based, blank-line separated).
const EXPECTED: &[(&str, &str, usize, usize, &str)] = &[
    (
        "MT001",
        "paragraph 1",
        1,
        1,
        "Cryptocurrency and Blockchain",
    ),
    ("MT002", "paragraph 3", 5, 32, "IndividuumWilliam"),
    ("MT003", "paragraph 3", 5, 188, ". durch"),
    ("MT004", "paragraph 3", 5, 1143, "Noch"),
    ("MT004", "paragraph 6", 11, 526, "Die"),
    ("MT017", "paragraph 6", 11, 548, "Traditionelle"),
    ("MT003", "paragraph 7", 13, 296, ". ziehen"),
    ("MT004", "paragraph 8", 15, 163, "Aus"),
    ("MT003", "paragraph 8", 15, 776, ". Mehrheitskontrolle"),
    ("MT005", "paragraph 8", 15, 1108, ". ."),
    ("MT006", "paragraph 9", 17, 408, "»"),
    ("MT010", "paragraph 10", 19, 544, "@BasedBeffJesos"),
    ("MT017", "paragraph 10", 19, 561, "Unterstreicht"),
    ("MT001", "paragraph 10", 19, 651, "stop"),
    ("MT006", "paragraph 10", 19, 827, "sollten."),
    ("MT002", "paragraph 14", 27, 400, "VersammlungIm"),
    ("MT015", "paragraph 15", 29, 92, "z"),
    ("MT004", "paragraph 15", 29, 124, "All"),
    ("MT004", "paragraph 16", 31, 399, "Bisher"),
    ("MT001", "paragraph 18", 35, 26, "in a"),
    ("MT003", "paragraph 18", 35, 496, ". mit"),
    ("MT001", "paragraph 23", 45, 1, "About the author"),
    ("MT001", "paragraph 25", 49, 1, "Leave a Comment"),
];

#[test]
fn example_report_flags_exactly_the_garbling() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("article.csv");
    mtlint()
        .arg("check")
        .arg(root.join("input/article.en.txt"))
        .arg(root.join("input/article.de.txt"))
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .assert()
        .code(1);
    let target_file = std::fs::read_to_string(root.join("input/article.de.txt")).unwrap();
    let lines: Vec<&str> = target_file.lines().collect();

    let mut reader = csv::Reader::from_path(&out).unwrap();
    let headers = reader.headers().unwrap().clone();
    let idx = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut got = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        let span = mtlint::report::csv::restore(&row[idx("span")]).to_string();
        let line: usize = row[idx("target_line")].parse().unwrap();
        let column: usize = row[idx("target_column")].parse().unwrap();
        // The position points at the span in the target file.
        let at: String = lines[line - 1]
            .chars()
            .skip(column - 1)
            .take(span.chars().count())
            .collect();
        assert_eq!(at, span, "line {line} column {column}");
        // The char offsets point at the span in the target column.
        let target = mtlint::report::csv::restore(&row[idx("target")]).to_string();
        let start: usize = row[idx("span_start")].parse().unwrap();
        let end: usize = row[idx("span_end")].parse().unwrap();
        let inner: String = target.chars().skip(start).take(end - start).collect();
        assert_eq!(inner, span);
        assert!(!row[idx("message")].is_empty());
        got.push((
            row[idx("code")].to_string(),
            row[idx("unit")].to_string(),
            line,
            column,
            span,
        ));
    }
    let expected: Vec<(String, String, usize, usize, String)> = EXPECTED
        .iter()
        .map(|(c, u, l, col, s)| (c.to_string(), u.to_string(), *l, *col, s.to_string()))
        .collect();
    assert_eq!(got, expected);
}
