//! CI that never fails or passes by accident (issue 14 items 5, 6, 7): baselines that
//! survive how the document path is spelled, SARIF that code scanning can map to the
//! repository, and inputs that must not pass quietly (untranslated units, swapped files).

mod common;

use std::path::Path;

use common::{mtlint, write};

/// The seed article, copied into `dir/input/`.
fn article(dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["article.en.txt", "article.de.txt"] {
        let text = std::fs::read(root.join("input").join(name)).expect("seed article");
        write(dir, &format!("input/{name}"), text);
    }
}

/// Run `mtlint check SOURCE TARGET` in `cwd` with `extra` arguments: (exit code, stderr).
fn check(cwd: &Path, source: &str, target: &str, extra: &[&str]) -> (i32, String) {
    let out = mtlint()
        .current_dir(cwd)
        .args(["check", source, target, "-o"])
        .arg(cwd.join("out.csv"))
        .args(extra)
        .output()
        .expect("run mtlint");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A baseline written with `input/article.de.txt` suppresses all 23 findings when the next
/// run names the files `./input/…`, by their absolute path, or runs from `input/`; the
/// summary line says how many entries matched.
#[test]
fn baseline_survives_how_the_path_is_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    article(d);
    let baseline = d.join("baseline.json");
    let b = baseline.to_str().unwrap();
    let (code, err) = check(
        d,
        "input/article.en.txt",
        "input/article.de.txt",
        &["--write-baseline", b],
    );
    assert_eq!(code, 0, "{err}");
    let abs_en = d.join("input/article.en.txt");
    let abs_de = d.join("input/article.de.txt");
    let runs: [(&Path, &str, &str); 4] = [
        (d, "input/article.en.txt", "input/article.de.txt"),
        (d, "./input/article.en.txt", "./input/article.de.txt"),
        (d, abs_en.to_str().unwrap(), abs_de.to_str().unwrap()),
        (&d.join("input"), "article.en.txt", "article.de.txt"),
    ];
    for (cwd, en, de) in runs {
        let (code, err) = check(cwd, en, de, &["--baseline", b, "--fail-on-stale"]);
        assert!(
            err.contains("0 errors, 0 warnings, 0 info, 23 suppressed by the baseline (23 of 23 baseline entries matched, 0 stale)"),
            "{en} from {}: {err}",
            cwd.display()
        );
        assert_eq!(code, 0, "{err}");
    }
    // A baseline whose folder is moved with the files still matches: paths are relative
    // to the baseline's folder.
    let moved = tempfile::tempdir().unwrap();
    let m = moved.path();
    article(m);
    std::fs::copy(&baseline, m.join("baseline.json")).unwrap();
    let (code, err) = check(
        m,
        "input/article.en.txt",
        "input/article.de.txt",
        &["--baseline", "baseline.json"],
    );
    assert!(err.contains("23 suppressed by the baseline"), "{err}");
    assert_eq!(code, 0, "{err}");
}

/// Stale entries are counted; `--fail-on-stale` fails the run on them.
#[test]
fn stale_baseline_entries_are_counted_and_can_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "en.txt", "The cat sat on the mat.\n\nIt was 1997.\n");
    write(
        d,
        "de.txt",
        "Die Katze saß auf der Matte..\n\nEs war 1996.\n",
    );
    let (code, err) = check(d, "en.txt", "de.txt", &["--write-baseline", "b.json"]);
    assert_eq!(code, 0, "{err}");
    // Fix one of the two findings: its entry is stale.
    write(
        d,
        "de.txt",
        "Die Katze saß auf der Matte..\n\nEs war 1997.\n",
    );
    let (code, err) = check(d, "en.txt", "de.txt", &["--baseline", "b.json"]);
    assert!(
        err.contains("1 suppressed by the baseline (1 of 2 baseline entries matched, 1 stale)"),
        "{err}"
    );
    assert_eq!(code, 0, "{err}");
    let (code, err) = check(
        d,
        "en.txt",
        "de.txt",
        &["--baseline", "b.json", "--fail-on-stale"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("1 baseline entry matched no finding (--fail-on-stale)"),
        "{err}"
    );
}

/// A version-1 baseline (fingerprints over the path as given), as mtlint at 08cea60 wrote
/// it for `check en.txt de.txt`, still suppresses its findings.
#[test]
fn version_1_baselines_keep_working() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "en.txt", "The cat sat on the mat.\n\nIt was 1997.\n");
    write(
        d,
        "de.txt",
        "Die Katze saß auf der Matte..\n\nEs war 1996.\n",
    );
    let v1 = r#"{
  "mtlint_baseline": 1,
  "findings": [
    {
      "fingerprint": "d8ac15f4ac83fc6f",
      "doc": "de.txt",
      "code": "MT005",
      "check": "doubled-punctuation",
      "span": "..",
      "message": ""
    },
    {
      "fingerprint": "83368c4560266f98",
      "doc": "de.txt",
      "code": "MT009",
      "check": "number-mismatch",
      "span": "1996",
      "message": ""
    }
  ]
}
"#;
    write(d, "v1.json", v1);
    for target in ["de.txt", "./de.txt"] {
        let (code, err) = check(d, "en.txt", target, &["--baseline", "v1.json"]);
        assert!(
            err.contains("2 suppressed by the baseline (2 of 2 baseline entries matched, 0 stale)"),
            "{target}: {err}"
        );
        assert_eq!(code, 0, "{err}");
    }
}

/// Run `mtlint check` in `cwd` writing SARIF to `out`: the parsed log.
fn sarif(cwd: &Path, en: &str, de: &str, out: &Path) -> serde_json::Value {
    let run = mtlint()
        .current_dir(cwd)
        .args(["check", en, de, "--fail-on", "never", "-o"])
        .arg(out)
        .output()
        .expect("run mtlint");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&std::fs::read(out).expect("SARIF written")).expect("SARIF is JSON")
}

/// In a git checkout, SARIF locations are relative to `%SRCROOT%` (the repository root,
/// given absolute in `originalUriBaseIds`), whatever the run called the file, and the
/// fingerprints are the same from every spelling.
#[test]
fn sarif_locations_are_relative_to_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    article(d);
    std::fs::create_dir(d.join(".git")).unwrap();
    let abs_en = d.join("input/article.en.txt");
    let abs_de = d.join("input/article.de.txt");
    let logs = [
        sarif(
            d,
            "input/article.en.txt",
            "input/article.de.txt",
            &d.join("a.sarif"),
        ),
        sarif(
            d,
            abs_en.to_str().unwrap(),
            abs_de.to_str().unwrap(),
            &d.join("b.sarif"),
        ),
        sarif(
            &d.join("input"),
            "article.en.txt",
            "./article.de.txt",
            &d.join("c.sarif"),
        ),
    ];
    let root = format!(
        "file://{}/",
        std::fs::canonicalize(d).unwrap().to_str().unwrap()
    );
    let mut fingerprints = Vec::new();
    for log in &logs {
        let run = &log["runs"][0];
        assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], root.as_str());
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 23);
        for r in results {
            let loc = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(loc["uri"], "input/article.de.txt");
            assert_eq!(loc["uriBaseId"], "%SRCROOT%");
        }
        let fps: Vec<String> = results
            .iter()
            .map(|r| {
                r["partialFingerprints"]["mtlint/v3"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        fingerprints.push(fps);
    }
    assert_eq!(fingerprints[0], fingerprints[1]);
    assert_eq!(fingerprints[0], fingerprints[2]);
    let distinct: std::collections::HashSet<&String> = fingerprints[0].iter().collect();
    assert_eq!(distinct.len(), 23, "one fingerprint per finding");
}

/// The SARIF log validates against the SARIF 2.1.0 JSON schema (OASIS, rtm.5; shipped in
/// tests/fixtures/sarif-schema-2.1.0.json, from the MIT-licensed `@microsoft/jest-sarif`
/// npm package).
#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let mut schema: serde_json::Value = serde_json::from_slice(
        &std::fs::read(common::fixture("sarif-schema-2.1.0.json")).expect("schema"),
    )
    .expect("schema is JSON");
    // The published schema's `language` patterns (of `run` and `toolComponent`) have a stray
    // `]`, which the validator refuses as a regex; mtlint writes no `language`. Use the
    // pattern they mean.
    for owner in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][owner]["properties"]["language"]["pattern"];
        assert_eq!(language, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *language = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
    }
    let validator = jsonschema::draft4::new(&schema).expect("valid schema");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    article(d);
    let log = sarif(
        d,
        "input/article.en.txt",
        "input/article.de.txt",
        &d.join("a.sarif"),
    );
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema catches what matters: a result without a message is refused.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(!validator.is_valid(&broken));
    // A document outside the root: an absolute file URI.
    let other = tempfile::tempdir().unwrap();
    write(other.path(), "en.txt", "It was 1997.\n");
    write(other.path(), "de.txt", "Es war 1996.\n");
    let log = sarif(
        d,
        other.path().join("en.txt").to_str().unwrap(),
        other.path().join("de.txt").to_str().unwrap(),
        &d.join("o.sarif"),
    );
    let loc = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(
        loc["uri"].as_str().unwrap().starts_with("file:///"),
        "{loc}"
    );
    assert!(loc.get("uriBaseId").is_none(), "{loc}");
    assert!(validator.is_valid(&log));
}

/// A report row as (code, severity, side, span).
type Finding = (String, String, String, String);

/// Run `mtlint check FILE` in `dir`: (exit code, stderr, report rows).
fn check_bilingual(dir: &Path, file: &str) -> (i32, String, Vec<Finding>) {
    let out = mtlint()
        .current_dir(dir)
        .args(["check", file, "-o", "r.csv"])
        .output()
        .expect("run mtlint");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let rows = if dir.join("r.csv").exists() {
        common::report_rows(&dir.join("r.csv"))
            .into_iter()
            .map(|r| {
                (
                    r["code"].clone(),
                    r["severity"].clone(),
                    r["side"].clone(),
                    r["span"].clone(),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    (out.status.code().unwrap_or(-1), stderr, rows)
}

const XLIFF_UNTRANSLATED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="de" datatype="plaintext" original="ui">
    <body>
      <trans-unit id="save"><source>Save your changes before you leave.</source></trans-unit>
      <trans-unit id="open"><source>Open the file.</source><target></target></trans-unit>
      <trans-unit id="close"><source>Close the window. Then log out.</source></trans-unit>
      <trans-unit id="brand" translate="no"><source>ACME</source></trans-unit>
    </body>
  </file>
</xliff>
"#;

/// An XLIFF whose units have no targets does not pass as "0 sentence pairs": every
/// untranslated unit is an MT022 warning over its source and is counted in the summary.
#[test]
fn untranslated_xliff_units_are_counted_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ui.xlf", XLIFF_UNTRANSLATED);
    let (code, err, rows) = check_bilingual(dir.path(), "ui.xlf");
    assert_eq!(code, 0, "warnings only: {err}");
    assert!(
        err.contains(
            "3 sentence pairs, 0 errors, 3 warnings, 0 info, 3 units without translation (MT022)"
        ),
        "{err}"
    );
    let expected: Vec<Finding> = [
        "Save your changes before you leave.",
        "Open the file.",
        "Close the window. Then log out.",
    ]
    .iter()
    .map(|s| {
        (
            "MT022".to_string(),
            "warning".to_string(),
            "source".to_string(),
            s.to_string(),
        )
    })
    .collect();
    assert_eq!(rows, expected);
    // `--fail-on warning` makes CI fail on them.
    let out = mtlint()
        .current_dir(dir.path())
        .args(["check", "ui.xlf", "-o", "r.csv", "--fail-on", "warning"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

/// PO, TMX and CSV units without a target: MT022 too; translated units are not flagged.
#[test]
fn untranslated_units_of_every_bilingual_format_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "ui.po",
        "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n\nmsgid \"Open the file.\"\nmsgstr \"Öffnen Sie die Datei.\"\n\nmsgid \"Save your changes.\"\nmsgstr \"\"\n",
    );
    write(
        d,
        "ui.tmx",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body>
<tu tuid="1"><tuv xml:lang="en"><seg>Open the file.</seg></tuv><tuv xml:lang="de"><seg>Öffnen Sie die Datei.</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="en"><seg>Save your changes.</seg></tuv><tuv xml:lang="de"><seg></seg></tuv></tu>
</body></tmx>
"#,
    );
    write(
        d,
        "ui.csv",
        "id,source,target\n1,Open the file.,Öffnen Sie die Datei.\n2,Save your changes.,\n",
    );
    for file in ["ui.po", "ui.tmx", "ui.csv"] {
        let (code, err, rows) = check_bilingual(d, file);
        assert_eq!(code, 0, "{file}: {err}");
        let missing: Vec<&str> = rows
            .iter()
            .filter(|r| r.0 == "MT022")
            .map(|r| r.3.as_str())
            .collect();
        assert_eq!(missing, vec!["Save your changes."], "{file}: {rows:?}");
        assert!(
            err.contains("1 unit without translation (MT022)"),
            "{file}: {err}"
        );
    }
}

/// A sentence left out of prose is still MT007 (omitted-sentence), not MT022.
#[test]
fn prose_omissions_stay_mt007() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "en.txt",
        "The cat sat on the mat. About the author. It was a sunny day in the garden.\n",
    );
    write(
        d,
        "de.txt",
        "Die Katze saß auf der Matte. Es war ein sonniger Tag im Garten.\n",
    );
    let out = mtlint()
        .current_dir(d)
        .args(["check", "en.txt", "de.txt", "-o", "r.csv"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let codes: Vec<String> = common::report_rows(&d.join("r.csv"))
        .into_iter()
        .map(|r| r["code"].clone())
        .collect();
    assert!(codes.contains(&"MT007".to_string()), "{codes:?} {err}");
    assert!(!codes.contains(&"MT022".to_string()), "{codes:?}");
    assert!(!err.contains("without translation"), "{err}");
}

/// Swapped files (German given as the source) stop with exit 2 and say so, instead of 59
/// "This sentence is English" findings; a bilingual file with swapped columns too.
#[test]
fn swapped_files_stop_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    article(d);
    let (code, err) = check(d, "input/article.de.txt", "input/article.en.txt", &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("the files look swapped"), "{err}");
    assert!(err.contains("input/article.en.txt"), "{err}");
    assert!(!d.join("out.csv").exists(), "no report for swapped files");
    // The right order still runs.
    let (code, err) = check(d, "input/article.en.txt", "input/article.de.txt", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("19 errors, 4 warnings"), "{err}");
    write(
        d,
        "swapped.csv",
        "source,target\n\"Die Katze saß den ganzen Tag auf der Matte.\",\"The cat sat on the mat all day.\"\n\"Es war ein sonniger Tag im Garten.\",\"It was a sunny day in the garden.\"\n",
    );
    let (code, err, _) = check_bilingual(d, "swapped.csv");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("the files look swapped"), "{err}");
    // An English source unit first does not end the count early: four German of five is
    // the 80 % share, all five counted.
    write(
        d,
        "mostly.csv",
        "source,target
\
         \"The weather was cold and wet all week long.\",\"The children played in the garden all afternoon.\"
\
         \"Die Katze saß den ganzen Tag auf der Matte.\",\"The cat sat on the mat all day.\"
\
         \"Es war ein sonniger Tag im Garten.\",\"It was a sunny day in the garden.\"
\
         \"Wir haben gestern lange auf den Zug gewartet.\",\"We waited a long time for the train yesterday.\"
\
         \"Das Buch liegt seit Wochen auf dem Tisch.\",\"The book has been lying on the table for weeks.\"
",
    );
    let (code, err, _) = check_bilingual(d, "mostly.csv");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("(4 of 5 paragraphs)"), "{err}");
}
