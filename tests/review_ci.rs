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

/// A baseline written with `input/article.de.txt` suppresses all 21 findings when the next
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
            err.contains("0 errors, 0 warnings, 0 info, 21 suppressed by the baseline (21 of 21 baseline entries matched, 0 stale)"),
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
    assert!(err.contains("21 suppressed by the baseline"), "{err}");
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
        assert_eq!(results.len(), 21);
        for r in results {
            let loc = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(loc["uri"], "input/article.de.txt");
            assert_eq!(loc["uriBaseId"], "%SRCROOT%");
        }
        let fps: Vec<String> = results
            .iter()
            .map(|r| {
                r["partialFingerprints"]["mtlint/v2"]
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
    assert_eq!(distinct.len(), 21, "one fingerprint per finding");
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
