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
