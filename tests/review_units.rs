//! Issue 14 items 3 and 7: every report names the translation unit a finding is in (XLIFF
//! `id (resname)`, TMX `tuid`, PO `msgctxt|msgid`, the CSV key, a Markdown heading path,
//! plain text's `paragraph N`, pre-split text's `line N`), and a unit without a
//! translation (MT022) points at its own place in the file, not at the next unit's target.

mod common;

use std::path::Path;

use common::{mtlint, report_rows, write};

/// Run `check FILE` with a CSV, JSONL, SARIF and HTML report and the GitHub annotations;
/// return the CSV rows, the JSONL objects, the SARIF log, the HTML page and the annotations.
struct Reports {
    csv: Vec<std::collections::HashMap<String, String>>,
    jsonl: Vec<serde_json::Value>,
    sarif: serde_json::Value,
    html: String,
    github: String,
    /// (code, unit) of every row of the workbook's findings sheet.
    xlsx: Vec<(String, String)>,
}

fn workbook_units(path: &Path) -> Vec<(String, String)> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range("findings").unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let (code, unit) = (col("code"), col("unit"));
    rows.map(|r| (r[code].to_string(), r[unit].to_string()))
        .collect()
}

fn reports(dir: &Path, file: &Path) -> Reports {
    reports_of(dir, &[file.to_str().unwrap()])
}

/// [`reports`] of `check ARGS`.
fn reports_of(dir: &Path, args: &[&str]) -> Reports {
    let out = mtlint()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .args([
            "-o", "r.csv", "-o", "r.jsonl", "-o", "r.sarif", "-o", "r.html",
        ])
        .args(["-o", "r.xlsx"])
        .args(["--format", "github", "-q"])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap();
    Reports {
        csv: report_rows(&dir.join("r.csv")),
        jsonl: read("r.jsonl")
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
        sarif: serde_json::from_str(&read("r.sarif")).unwrap(),
        html: read("r.html"),
        github: String::from_utf8_lossy(&out.stdout).into_owned(),
        xlsx: workbook_units(&dir.join("r.xlsx")),
    }
}

/// (code, unit) of every CSV row.
fn units(r: &Reports) -> Vec<(String, String)> {
    r.csv
        .iter()
        .map(|row| (row["code"].clone(), row["unit"].clone()))
        .collect()
}

/// Every output carries the unit of every finding.
fn assert_unit_everywhere(r: &Reports, want: &[(&str, &str)]) {
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(c, u)| (c.to_string(), u.to_string()))
        .collect();
    assert_eq!(units(r), want, "CSV");
    assert_eq!(r.xlsx, want, "XLSX");
    let jsonl: Vec<(String, String)> = r
        .jsonl
        .iter()
        .map(|v| {
            (
                v["code"].as_str().unwrap().to_string(),
                v["unit"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(jsonl, want, "JSONL");
    let results = r.sarif["runs"][0]["results"].as_array().unwrap();
    let sarif: Vec<(String, String)> = results
        .iter()
        .map(|v| {
            (
                v["ruleId"].as_str().unwrap().to_string(),
                v["locations"][0]["logicalLocations"][0]["name"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(sarif, want, "SARIF logicalLocations");
    for (code, unit) in &want {
        assert!(
            r.github
                .lines()
                .any(|l| l.contains(&format!("title={code} "))
                    && l.contains(&format!(" in unit {unit}::"))),
            "GitHub annotation of {code} names unit {unit}:\n{}",
            r.github
        );
        assert!(
            r.html.contains(&format!(
                "unit <span class=\"unit\">{}</span>",
                html_escape(unit)
            )),
            "HTML names unit {unit}"
        );
    }
    // The HTML shows the unit instead of a line:column where a unit exists.
    assert!(!r.html.contains("<br>line "), "HTML still shows a line");
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// (code, target_line, target_column) of every CSV row.
fn positions(r: &Reports) -> Vec<(String, usize, usize)> {
    r.csv
        .iter()
        .map(|row| {
            (
                row["code"].clone(),
                row["target_line"].parse().unwrap(),
                row["target_column"].parse().unwrap(),
            )
        })
        .collect()
}

const XLIFF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2"><file source-language="en" target-language="de" original="a"><body>
<trans-unit id="u1" resname="greeting.hello"><source>Hello world.</source><target>Hallo Welt.</target></trans-unit>
<trans-unit id="u2" resname="greeting.bye"><source>Goodbye.</source></trans-unit>
<trans-unit id="u3"><source>See you soon.</source><target>Bis bald. .</target></trans-unit>
<trans-unit id="u4"><source>Thanks.</source><target/></trans-unit>
<trans-unit id="u5"><source>Bye now.</source><target>Tschüss. .</target></trans-unit>
</body></file></xliff>
"#;

#[test]
fn xliff_units_are_named_in_every_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.xlf", XLIFF);
    let r = reports(dir.path(), &file);
    assert_unit_everywhere(
        &r,
        &[
            ("MT022", "u2 (greeting.bye)"),
            ("MT005", "u3"),
            ("MT022", "u4"),
            ("MT005", "u5"),
        ],
    );
}

/// A unit without a target points at itself (the `<trans-unit>` without `<target>`, the
/// empty `<target/>`), not at the next unit's target.
#[test]
fn a_missing_translation_points_at_its_own_unit() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "a.xlf", XLIFF);
    let r = reports(dir.path(), &file);
    assert_eq!(
        positions(&r),
        [
            ("MT022".to_string(), 4, 1),
            ("MT005".to_string(), 5, 67),
            ("MT022".to_string(), 6, 45),
            ("MT005".to_string(), 7, 61),
        ]
    );
}

/// The first unit untranslated: its empty target block and the next unit's block used to
/// start at the same offset, and the row took the next unit's line.
#[test]
fn a_missing_first_translation_keeps_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let po = "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n\n\
              msgctxt \"menu\"\nmsgid \"Open the file.\"\nmsgstr \"\"\n\n\
              msgid \"Close the file.\"\nmsgstr \"Datei schließen. .\"\n";
    let file = write(dir.path(), "a.po", po);
    let r = reports(dir.path(), &file);
    assert_unit_everywhere(
        &r,
        &[
            ("MT022", "menu|Open the file."),
            ("MT005", "Close the file."),
        ],
    );
    assert_eq!(
        positions(&r),
        [("MT022".to_string(), 7, 9), ("MT005".to_string(), 10, 24)]
    );
}

#[test]
fn tmx_and_csv_units_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = r#"<?xml version="1.0"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu tuid="t-1"><tuv xml:lang="en"><seg>It is late.</seg></tuv><tuv xml:lang="de"><seg>Es ist spät. .</seg></tuv></tu>
</body></tmx>
"#;
    let file = write(dir.path(), "a.tmx", tmx);
    let r = reports(dir.path(), &file);
    assert_unit_everywhere(&r, &[("MT005", "t-1")]);

    let csv = "key,source,target\nbtn.ok,It is fine.,Es ist gut. .\nbtn.no,No.,\n";
    let file = write(dir.path(), "a.csv", csv);
    let r = reports(dir.path(), &file);
    assert_unit_everywhere(&r, &[("MT005", "btn.ok"), ("MT022", "btn.no")]);
    // The empty target field of line 3: after `btn.no,No.,`.
    assert_eq!(positions(&r)[1], ("MT022".to_string(), 3, 12));
}

/// Plain text: a pair's unit is its target paragraph, `paragraph N` (1-based, in the order
/// of the file), in every report; the HTML shows it instead of the line.
#[test]
fn plain_text_units_are_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "en.txt",
        "Hello world.\n\nIt is late.\nIt was 1997.\n\nBye now.\n",
    );
    write(
        d,
        "de.txt",
        "Hallo Welt..\n\nEs ist spät.\nEs war 1997. .\n\nTschüss. .\n",
    );
    let r = reports_of(d, &["en.txt", "de.txt"]);
    assert_unit_everywhere(
        &r,
        &[
            ("MT005", "paragraph 1"),
            ("MT005", "paragraph 2"),
            ("MT005", "paragraph 3"),
        ],
    );
    assert!(r.html.contains("<br>sentence 3"), "HTML names the sentence");
}

/// Pre-split text (`--lines`): a pair's unit is the line of its target sentence.
#[test]
fn pre_split_units_are_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "en.txt", "Hello world.\nIt is late.\n\nBye now.\n");
    write(d, "de.txt", "Hallo Welt.\nEs ist spät. .\n\nTschüss. .\n");
    for paragraphs in ["none", "blank-line"] {
        let r = reports_of(
            d,
            &["en.txt", "de.txt", "--lines", "--paragraphs", paragraphs],
        );
        assert_unit_everywhere(&r, &[("MT005", "line 2"), ("MT005", "line 4")]);
    }
}

/// Markdown: a block's unit is its heading path (`Einleitung > Installation`).
#[test]
fn markdown_units_are_heading_paths() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "en.md",
        "Preface.\n\n# Intro\n\nHello world.\n\n## Setup\n\n- It is late.\n\n# End\n\nBye now.\n",
    );
    write(
        d,
        "de.md",
        "Vorwort..\n\n# Einleitung\n\nHallo Welt.\n\n## Installation\n\n- Es ist spät. .\n\n# Ende\n\nTschüss. .\n",
    );
    let r = reports_of(d, &["en.md", "de.md"]);
    assert_eq!(
        units(&r),
        [
            ("MT005".to_string(), String::new()),
            ("MT005".to_string(), "Einleitung > Installation".to_string()),
            ("MT005".to_string(), "Ende".to_string()),
        ]
    );
    let sarif = r.sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(
        sarif[1]["locations"][0]["logicalLocations"][0]["name"],
        "Einleitung > Installation"
    );
    assert!(sarif[0]["locations"][0].get("logicalLocations").is_none());
    assert!(
        r.html
            .contains("unit <span class=\"unit\">Einleitung &gt; Installation</span>")
    );
    assert!(r.github.contains(" in unit Ende::"), "{}", r.github);
}
