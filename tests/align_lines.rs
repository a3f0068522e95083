//! Pre-split input (issue 13 item 2): `mtlint align --lines` and `mtlint check --lines` take
//! one sentence per line as given, and `align` prints line numbers.

mod common;

use common::{mtlint, report_rows, write};

/// English: three lines, one holding two sentences.
const EN: &str = "He said: \"Wait.\n\
                  Nobody came. The door stayed shut.\n\
                  In the end he went home.\n";
/// German: an unclosed „ on the first line (MT output) — the segmenter would carry the
/// quotation into the next lines; the second line holds two sentences.
const DE: &str = "Er sagte: „Warte.\n\
                  Niemand kam. Die Tür blieb zu.\n\
                  Am Ende ging er nach Hause.\n";

fn align_lines(args: &[&str], en: &str, de: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = write(dir.path(), "s.txt", en);
    let tgt = write(dir.path(), "t.txt", de);
    let out = mtlint()
        .arg("align")
        .args(args)
        .arg(&src)
        .arg(&tgt)
        .output()
        .expect("run mtlint");
    assert!(
        out.status.success(),
        "mtlint align failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        // `[i]:[k]:score` → `[i]:[k]`
        .map(|l| l.rsplit_once(':').map_or(l, |x| x.0).to_string())
        .collect()
}

#[test]
fn an_unclosed_quote_does_not_glue_lines_and_a_line_is_never_split() {
    let beads = align_lines(&["--lines"], EN, DE);
    assert_eq!(beads, vec!["[0]:[0]", "[1]:[1]", "[2]:[2]"]);
}

#[test]
fn indices_are_line_numbers_when_blank_lines_are_skipped() {
    // Blank lines are no sentences: the next line keeps its own number.
    let en = "One apple.\n\nTwo pears.\nThree plums.\n";
    let de = "Ein Apfel.\nZwei Birnen.\n\n\nDrei Pflaumen.\n";
    let beads = align_lines(&["--lines"], en, de);
    assert_eq!(beads, vec!["[0]:[0]", "[2]:[1]", "[3]:[4]"]);
}

#[test]
fn blank_lines_separate_paragraphs_only_when_asked() {
    // Source paragraph 1 has two lines, target paragraph 1 one (a 2-1 merge that lengths
    // alone would not suggest); with blank-line paragraphs the aligner cannot pair across
    // the paragraph boundary.
    let en = "Anna lives in Berlin.\nShe has 3 cats.\n\nBob lives in Paris since 2001.\n";
    let de = "Anna lebt in Berlin und hat 3 Katzen.\n\nBob lebt seit 2001 in Paris.\n";
    let beads = align_lines(&["--lines", "--paragraphs", "blank-line"], en, de);
    assert_eq!(beads, vec!["[0,1]:[0]", "[3]:[2]"]);
    // --paragraphs needs --lines.
    let dir = tempfile::tempdir().expect("tempdir");
    let src = write(dir.path(), "s.txt", en);
    let tgt = write(dir.path(), "t.txt", de);
    mtlint()
        .args(["align", "--paragraphs", "blank-line"])
        .arg(&src)
        .arg(&tgt)
        .assert()
        .code(2);
}

#[test]
fn check_lines_reports_one_pair_per_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = write(dir.path(), "s.txt", EN);
    let tgt = write(dir.path(), "t.txt", DE);
    let report = dir.path().join("r.csv");
    mtlint()
        .args([
            "check",
            "--lines",
            "--all-pairs",
            "--fail-on",
            "never",
            "-q",
        ])
        .arg(&src)
        .arg(&tgt)
        .arg("-o")
        .arg(&report)
        .assert()
        .success();
    let rows = report_rows(&report);
    let mut pairs: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["source_sentences"].clone(),
                r["target_sentences"].clone(),
                r["target_line"].clone(),
            )
        })
        .collect();
    pairs.dedup();
    assert_eq!(
        pairs,
        vec![
            ("0".to_string(), "0".to_string(), "1".to_string()),
            ("1".to_string(), "1".to_string(), "2".to_string()),
            ("2".to_string(), "2".to_string(), "3".to_string()),
        ]
    );
    // A bilingual file pairs its units itself: --lines is a usage error there.
    let tsv = write(dir.path(), "b.tsv", "source\ttarget\nHello.\tHallo.\n");
    mtlint()
        .args(["check", "--lines"])
        .arg(&tsv)
        .assert()
        .code(2);
}
