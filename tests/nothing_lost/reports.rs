//! Items 8 and 9 of issue 11: reports bounded where their rows are built (a cap per check
//! and pair with a summary row, excerpts of long texts), and the SARIF, HTML and JSON Lines
//! writers streamed like the CSV. See `tests/nothing_lost.rs`.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use mtlint::report::{CONTEXT, CUT, FINDINGS_PER_CHECK, LONG_TEXT, span_in_cell};
use tempfile::TempDir;

use crate::common::*;

/// Run `mtlint check` on the pair, writing the reports `outputs` (file names in `dir`);
/// returns the exit code and stderr.
fn check(dir: &Path, source: &Path, target: &Path, args: &[&str]) -> (i32, String) {
    let out = mtlint()
        .arg("check")
        .arg(source)
        .arg(target)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run mtlint");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), stderr)
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Item 8: one long garbled "sentence" made a report quadratic in its length (every row
/// repeats the pair's text). The three shapes of the issue, small enough for a debug build:
/// every report format stays within 50 × the input.
#[test]
fn a_long_garbled_sentence_makes_a_report_linear_in_its_length() {
    let d = TempDir::new().unwrap();
    let source = write(d.path(), "s.txt", "The end.\n");
    let cases = [
        ("dots.txt", format!("Ende{}\n", ". ".repeat(4_000))),
        ("words.txt", format!("{}\n", "HausWelt ".repeat(1_000))),
        ("parens.txt", format!("{}\n", "(".repeat(4_000))),
    ];
    for (name, text) in &cases {
        let target = write(d.path(), name, text);
        let input = (text.len() + "The end.\n".len()) as u64;
        let (code, stderr) = check(
            d.path(),
            &source,
            &target,
            &[
                "-o", "r.csv", "-o", "r.html", "-o", "r.jsonl", "-o", "r.sarif", "-q",
            ],
        );
        assert_eq!(code, 1, "{name}: {stderr}");
        for report in ["r.csv", "r.html", "r.jsonl", "r.sarif"] {
            let bytes = fs::metadata(d.path().join(report)).unwrap().len();
            assert!(
                bytes <= 50 * input,
                "{name}: {report} has {bytes} bytes for {input} bytes of input"
            );
        }
    }
}

/// Item 8 (a): a pair with 2,000 doubled periods lists the first FINDINGS_PER_CHECK of them
/// and one summary row that counts the rest, at the first left-out finding; the exit code,
/// the stderr counts and `--summary` count all 2,000.
#[test]
fn findings_per_check_and_pair_are_capped_with_a_summary_row() {
    let d = TempDir::new().unwrap();
    let source = write(d.path(), "s.txt", "The end.\n");
    let target = write(d.path(), "t.txt", format!("Ende{}\n", ". ".repeat(4_000)));
    let (code, stderr) = check(d.path(), &source, &target, &["-o", "r.csv", "--summary"]);
    assert_eq!(code, 1, "{stderr}");
    let rows = report_rows(&d.path().join("r.csv"));
    let mt005: Vec<_> = rows.iter().filter(|r| r["code"] == "MT005").collect();
    assert_eq!(
        mt005.len(),
        FINDINGS_PER_CHECK + 1,
        "N findings and one summary row"
    );
    let total = 2_000;
    let left_out = total - FINDINGS_PER_CHECK;
    let summary = mt005.last().unwrap();
    assert!(
        summary["message"]
            .starts_with("… and 1,980 more 'doubled-punctuation' findings in this pair, left out"),
        "{}",
        summary["message"]
    );
    assert_eq!(summary["severity"], "error");
    // The summary row sits at the first finding left out: the 21st doubled period.
    let start: usize = summary["span_start"].parse().unwrap();
    assert_eq!(start, 4 + 4 * FINDINGS_PER_CHECK);
    assert_eq!(summary["span"], ". .");
    for r in &mt005[..FINDINGS_PER_CHECK] {
        assert!(!r["message"].contains("left out"), "{}", r["message"]);
    }
    // The counts are those of all findings.
    assert!(
        stderr.contains(&format!("{left_out} of them not listed")),
        "{stderr}"
    );
    let table_line = stderr
        .lines()
        .find(|l| l.starts_with("MT005"))
        .expect("MT005 in --summary");
    let cols: Vec<&str> = table_line.split_whitespace().collect();
    assert_eq!(cols[2..], ["2000", "0", "0", "2000"], "{table_line}");
    // A threshold above the findings' severity passes; the cap changes nothing there.
    let (code, _) = check(
        d.path(),
        &source,
        &target,
        &["-o", "r2.csv", "--fail-on", "never"],
    );
    assert_eq!(code, 0);
}

/// The full text of a row's side and where its span lies in the cell, by the documented rule
/// (`report::span_in_cell`).
fn assert_excerpt_maps_back(full: &str, row: &HashMap<String, String>) {
    let full = chars(full);
    let start: usize = row["span_start"].parse().unwrap();
    let end: usize = row["span_end"].parse().unwrap();
    let span: String = full[start..end].iter().collect();
    assert_eq!(row["span"], span, "the offsets are into the full text");
    let cell = &row["target"];
    let cell_chars = chars(cell);
    assert!(
        cell_chars.len() <= 2 * CONTEXT + (end - start) + 2,
        "cell of {} chars for a span of {}",
        cell_chars.len(),
        end - start
    );
    let (cs, ce) = span_in_cell(cell, start, end);
    let in_cell: String = cell_chars[cs..ce].iter().collect();
    assert_eq!(
        in_cell, span,
        "the rule finds the span in the cell {cell:?}"
    );
    // The cell's text before and after the span is the full text's, cut marks aside.
    if start > CONTEXT {
        assert_eq!(cell_chars[0], CUT);
        let from = start - CONTEXT;
        let before: String = full[from..start].iter().collect();
        assert_eq!(cell_chars[1..cs].iter().collect::<String>(), before);
    } else {
        let before: String = full[..start].iter().collect();
        assert_eq!(cell_chars[..cs].iter().collect::<String>(), before);
    }
    let to = (end + CONTEXT).min(full.len());
    let after: String = full[end..to].iter().collect();
    let rest: String = cell_chars[ce..].iter().collect();
    if to < full.len() {
        assert_eq!(rest, format!("{after}{CUT}"));
    } else {
        assert_eq!(rest, after);
    }
    // target_marked: the same excerpt with the span in ⟦ ⟧.
    let marked = chars(&row["target_marked"]);
    assert_eq!(marked[cs], '⟦');
    assert_eq!(marked[cs + 1..ce + 1].iter().collect::<String>(), span);
    assert_eq!(marked[ce + 1], '⟧');
}

/// A long pair (one sentence of about 5,000 chars) with doubled periods near its start, in
/// its middle and at its end.
fn long_pair(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf, String) {
    let words = "die Katze saß auf der Matte und sah zu ".repeat(40);
    let text = format!("Hier. . {words}mitten. . {words}am Ende. .");
    assert!(text.chars().count() > 3 * LONG_TEXT);
    let source = write(
        dir,
        "s.txt",
        format!(
            "Here. {}in the middle. {}at the end.\n",
            "the cat sat on the mat and watched ".repeat(40),
            "the cat sat on the mat and watched ".repeat(40)
        ),
    );
    let target = write(dir, "t.txt", format!("{text}\n"));
    (source, target, text)
}

/// Item 8 (b): the cells of a long pair are excerpts around the span, and the documented
/// rule maps `span_start`/`span_end` (offsets into the full text) into them.
#[test]
fn excerpts_of_a_long_pair_map_back_to_the_full_text() {
    let d = TempDir::new().unwrap();
    let (source, target, text) = long_pair(d.path());
    let (_, stderr) = check(
        d.path(),
        &source,
        &target,
        &["-o", "r.csv", "--fail-on", "never"],
    );
    let rows = report_rows(&d.path().join("r.csv"));
    let targets: Vec<_> = rows
        .iter()
        .filter(|r| r["side"] == "target" && !r["target"].is_empty())
        .collect();
    let mt005: Vec<_> = targets.iter().filter(|r| r["code"] == "MT005").collect();
    assert_eq!(mt005.len(), 3, "{stderr}\n{rows:?}");
    for r in &targets {
        assert_excerpt_maps_back(&text, r);
    }
    // The pair's text is longer than the excerpts: near the start, no leading cut.
    assert!(!mt005[0]["target"].starts_with(CUT));
    assert!(mt005[1]["target"].starts_with(CUT) && mt005[1]["target"].ends_with(CUT));
    assert!(mt005[2]["target"].starts_with(CUT) && !mt005[2]["target"].ends_with(CUT));
}

/// Item 8 (b): a baseline written from a run with excerpted rows, and the CSV report with its
/// rows accepted, both suppress those findings in the next run.
#[test]
fn baselines_match_excerpted_rows() {
    let d = TempDir::new().unwrap();
    let (source, target, text) = long_pair(d.path());
    let (code, stderr) = check(
        d.path(),
        &source,
        &target,
        &["-o", "r.csv", "--write-baseline", "b.json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let rows = report_rows(&d.path().join("r.csv"));
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .any(|r| r["target"].chars().count() < text.chars().count() / 2),
        "the rows hold excerpts"
    );
    // The JSON baseline.
    let (code, stderr) = check(
        d.path(),
        &source,
        &target,
        &["-o", "r2.csv", "--baseline", "b.json"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(report_rows(&d.path().join("r2.csv")).is_empty(), "{stderr}");
    // The CSV report, every row accepted by an editor.
    let mut all = cells(&d.path().join("r.csv"));
    let status = all[0].iter().position(|h| h == "status").unwrap();
    for row in all.iter_mut().skip(1) {
        row[status] = "accepted".into();
    }
    let mut w = csv::Writer::from_path(d.path().join("accepted.csv")).unwrap();
    for row in &all {
        w.write_record(row).unwrap();
    }
    w.flush().unwrap();
    let (code, stderr) = check(
        d.path(),
        &source,
        &target,
        &["-o", "r3.csv", "--baseline", "accepted.csv"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(report_rows(&d.path().join("r3.csv")).is_empty(), "{stderr}");
}

/// Peak RSS in bytes of `mtlint check` writing `outputs`, where `/usr/bin/time` exists.
fn peak_rss(dir: &Path, source: &Path, target: &Path, outputs: &[&str]) -> Option<usize> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("/usr/bin/time not found: peak memory not checked");
        return None;
    }
    let rss_file = dir.join("rss");
    let mut cmd = std::process::Command::new(time);
    cmd.arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss_file)
        .arg(env!("CARGO_BIN_EXE_mtlint"))
        .arg("check")
        .arg(source)
        .arg(target)
        .arg("-q")
        .arg("--fail-on")
        .arg("never")
        .current_dir(dir);
    for o in outputs {
        cmd.arg("-o").arg(o);
    }
    let status = cmd.status().expect("run mtlint under /usr/bin/time");
    assert!(status.success());
    let kb: usize = fs::read_to_string(&rss_file)
        .ok()?
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// Item 9: SARIF, HTML and JSON Lines for many findings parse and agree with the CSV, and
/// writing them needs no more memory than writing the CSV (they stream; the SARIF writer
/// used to build the whole log as a JSON tree: 6× the CSV's peak here).
#[test]
fn streamed_sarif_html_jsonl_agree_with_the_csv_in_csv_memory() {
    let d = TempDir::new().unwrap();
    let n = 10_000;
    let source = write(
        d.path(),
        "s.txt",
        "The cat sat on the mat.\n\nIt was 1997.\n\n".repeat(n / 2),
    );
    let target = write(
        d.path(),
        "t.txt",
        "Die Katze saß auf der Matte..\n\nEs war 1997.\n\n".repeat(n / 2),
    );
    let csv_rss = peak_rss(d.path(), &source, &target, &["r.csv"]);
    let others_rss = peak_rss(
        d.path(),
        &source,
        &target,
        &["r.sarif", "r.html", "r.jsonl"],
    );
    if let (Some(csv), Some(others)) = (csv_rss, others_rss) {
        eprintln!(
            "peak RSS: CSV {} MB, SARIF+HTML+JSONL {} MB",
            csv >> 20,
            others >> 20
        );
        assert!(
            others <= csv + (20 << 20),
            "SARIF+HTML+JSONL peak {others} bytes against the CSV's {csv}"
        );
    } else {
        check(
            d.path(),
            &source,
            &target,
            &[
                "-o", "r.csv", "-o", "r.sarif", "-o", "r.html", "-o", "r.jsonl",
            ],
        );
    }
    let rows = report_rows(&d.path().join("r.csv"));
    assert_eq!(rows.len(), n / 2, "one doubled period per pair");

    let sarif: serde_json::Value =
        serde_json::from_slice(&fs::read(d.path().join("r.sarif")).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), rows.len());
    let jsonl = fs::read_to_string(d.path().join("r.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), rows.len());
    for ((row, res), line) in rows.iter().zip(results).zip(&lines) {
        let region = &res["locations"][0]["physicalLocation"]["region"];
        assert_eq!(res["ruleId"], row["code"].as_str());
        assert_eq!(region["startLine"].to_string(), row["target_line"]);
        assert_eq!(region["startColumn"].to_string(), row["target_column"]);
        assert_eq!(line["code"], row["code"].as_str());
        assert_eq!(line["target_line"].to_string(), row["target_line"]);
        assert_eq!(line["target"], row["target"].as_str());
        assert_eq!(line["fingerprint"], res["partialFingerprints"]["mtlint/v3"]);
    }
    let html = fs::read_to_string(d.path().join("r.html")).unwrap();
    assert!(html.ends_with("</html>\n"));
    assert_eq!(html.matches("<li class=\"finding\"").count(), rows.len());
    assert_eq!(html.matches("<tr class=\"pair\"").count(), rows.len());
    assert!(html.contains(&format!("<b id=\"n-error\">{}</b>", rows.len())));
}
