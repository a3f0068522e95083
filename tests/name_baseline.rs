//! Name findings moved from entity-mismatch (MT010) to name-mismatch (MT020): a baseline
//! written before the split (by mtlint at d693996, when they were MT010 findings) still
//! suppresses them, as a JSON baseline and as a CSV review report.

mod common;

use common::{mtlint, write};

const EN: &str = "Not even Elizabeth Warren proposes a ban.\n\nFlights to Denver were cancelled on Monday.\n\nWrite to info@example.org today.\n";
const DE: &str = "Nicht einmal die Senatorin schlägt ein Verbot vor.\n\nFlüge nach Depver wurden am Montag gestrichen.\n\nSchreiben Sie heute an info@example.com.\n";

/// `mtlint check en.txt de.txt --write-baseline old-baseline.json` at d693996, unchanged.
const OLD_BASELINE: &str = r#"{
  "mtlint_baseline": 1,
  "findings": [
    {
      "fingerprint": "ad63610138b7fdfc",
      "doc": "de.txt",
      "code": "MT010",
      "check": "entity-mismatch",
      "span": "Elizabeth Warren",
      "message": "the name 'Elizabeth Warren' is missing from the German"
    },
    {
      "fingerprint": "c60055a16ce62b08",
      "doc": "de.txt",
      "code": "MT010",
      "check": "entity-mismatch",
      "span": "Depver",
      "message": "the name 'Depver' is spelled 'Denver' in the English"
    },
    {
      "fingerprint": "e86769321e82569c",
      "doc": "de.txt",
      "code": "MT010",
      "check": "entity-mismatch",
      "span": "info@example.com",
      "message": "e-mail address 'info@example.com' differs from the English 'info@example.org'"
    }
  ]
}
"#;

/// The CSV report of the same run at d693996 (`-o r.csv`), `status` set to `accepted`.
const OLD_REPORT: &str = "doc,pair,source_sentences,target_sentences,alignment,alignment_score,target_line,target_column,code,check,severity,side,span_start,span_end,span,message,suggestion,source,target,target_marked,status
de.txt,0,0,0,1-1,0.681,1,1,MT010,entity-mismatch,warning,source,9,25,Elizabeth Warren,the name 'Elizabeth Warren' is missing from the German,,Not even Elizabeth Warren proposes a ban.,Nicht einmal die Senatorin schlägt ein Verbot vor.,,accepted
de.txt,1,1,1,1-1,1.000,3,12,MT010,entity-mismatch,error,target,11,17,Depver,the name 'Depver' is spelled 'Denver' in the English,Denver,Flights to Denver were cancelled on Monday.,Flüge nach Depver wurden am Montag gestrichen.,,accepted
";

/// The findings of `mtlint check en.txt de.txt` with these extra arguments: (code, span).
fn findings(dir: &std::path::Path, extra: &[&str]) -> (String, Vec<(String, String)>) {
    let out = mtlint()
        .current_dir(dir)
        .args(["check", "en.txt", "de.txt", "-o", "r.csv"])
        .args(extra)
        .output()
        .expect("run mtlint");
    let stdout =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let rows = common::report_rows(&dir.join("r.csv"));
    let found = rows
        .iter()
        .filter(|r| !r["code"].is_empty())
        .map(|r| (r["code"].clone(), r["span"].clone()))
        .collect();
    (stdout, found)
}

#[test]
fn a_baseline_written_before_the_split_still_accepts_the_name_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "en.txt", EN);
    write(dir.path(), "de.txt", DE);
    let (_, all) = findings(dir.path(), &[]);
    let mut codes: Vec<(String, String)> = all.clone();
    codes.sort();
    assert_eq!(
        codes,
        [
            ("MT010".to_string(), "info@example.com".to_string()),
            ("MT020".to_string(), "Depver".to_string()),
            ("MT020".to_string(), "Elizabeth Warren".to_string()),
        ],
        "the name findings are MT020 now"
    );

    write(dir.path(), "old-baseline.json", OLD_BASELINE);
    let (stdout, left) = findings(dir.path(), &["--baseline", "old-baseline.json"]);
    assert!(left.is_empty(), "{left:?}\n{stdout}");
    assert!(stdout.contains("3 suppressed by the baseline"), "{stdout}");

    write(dir.path(), "old-report.csv", OLD_REPORT);
    let (stdout, left) = findings(dir.path(), &["--baseline", "old-report.csv"]);
    assert_eq!(
        left,
        [("MT010".to_string(), "info@example.com".to_string())],
        "{stdout}"
    );
}
