//! Issue 14 item 4: decisions in the HTML page. In headless Chromium a harness page
//! (`tests/fixtures/decisions-harness.html`) loads the report in a frame, clicks accept /
//! false positive / fixed and types a note, and clicks "Export decisions"; a second browser
//! run with the same profile finds the decisions again (localStorage); `mtlint check
//! --baseline` with the exported file leaves out the accepted and false-positive findings.

mod common;

use std::path::Path;

use common::{mtlint, write};

/// The harness's result (`<pre id="out">`) after its script ran on `url`, with the browser
/// profile in `profile` (killed after 90 s).
fn harness(chromium: &Path, profile: &Path, url: &str) -> serde_json::Value {
    // The harness reads the report's frame: both are file:// pages.
    let dom =
        common::chromium_dump_dom(chromium, profile, &["--allow-file-access-from-files"], url);
    assert!(
        dom.contains("data-done=\"1\""),
        "the harness did not run:\n{dom}"
    );
    let out = dom
        .split("<pre id=\"out\">")
        .nth(1)
        .and_then(|r| r.split("</pre>").next())
        .unwrap();
    let out = out
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&out).unwrap()
}

fn strings(v: &serde_json::Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

/// Run `mtlint check en.txt de.txt` in `dir` with extra arguments; (exit code, CSV rows).
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<std::collections::HashMap<String, String>>) {
    let out = mtlint()
        .current_dir(dir)
        .args(["check", "en.txt", "de.txt", "-o", "r.csv", "-q"])
        .args(args)
        .output()
        .unwrap();
    let rows = common::report_rows(&dir.join("r.csv"));
    (out.status.code().unwrap_or(-1), rows)
}

#[test]
fn html_decisions_are_kept_and_exported_as_a_baseline() {
    let Some(chromium) = common::find_chromium() else {
        eprintln!(
            "SKIPPED html_decisions_are_kept_and_exported_as_a_baseline: chromium not installed \
             (apt-get install -y chromium)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A git checkout: fingerprints are relative to its root, wherever the export is saved.
    std::fs::create_dir(d.join(".git")).unwrap();
    write(
        d,
        "en.txt",
        "The cat sat on the mat.\n\nIt was 1997.\n\nAll is well.\n",
    );
    write(
        d,
        "de.txt",
        "Die Katze saß auf der Matte. .\n\nEs war 1997,, ja.\n\nAlles ist gut..\n",
    );
    let (code, rows) = check(d, &["-o", "report.html"]);
    assert_eq!(code, 1);
    assert_eq!(rows.len(), 3, "three MT005 findings");
    std::fs::copy(
        common::fixture("decisions-harness.html"),
        d.join("harness.html"),
    )
    .unwrap();
    let url = format!(
        "file://{}",
        d.join("harness.html").canonicalize().unwrap().display()
    );
    let profile = tempfile::tempdir().unwrap();

    // Click: accept the first, false positive (with a note) the second, fixed the third.
    let out = harness(&chromium, profile.path(), &format!("{url}#decide"));
    assert_eq!(strings(&out["before"]), ["", "", ""]);
    assert_eq!(
        strings(&out["after"]),
        ["accepted", "false-positive", "fixed"]
    );
    assert_eq!(out["decided"], "3");
    // Without --all-pairs the "pairs without findings" filter is hidden.
    assert_eq!(out["cleanHidden"], true);
    assert_eq!(out["download"], "mtlint-decisions.json");
    let export: serde_json::Value = serde_json::from_str(out["export"].as_str().unwrap()).unwrap();
    assert_eq!(export["mtlint_baseline"], 3);
    let entries = export["findings"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[1]["status"], "false-positive");
    assert_eq!(entries[1]["note"], "ok here");
    assert_eq!(entries[1]["span"], ",,");

    // A second browser run (same profile): the decisions are still there.
    let again = harness(&chromium, profile.path(), &format!("{url}#again"));
    assert_eq!(
        strings(&again["before"]),
        ["accepted", "false-positive", "fixed"]
    );

    // The export, saved outside the checkout (a browser's download folder), is a baseline:
    // the accepted and false-positive findings are left out, the fixed one is not.
    let downloads = tempfile::tempdir().unwrap();
    let saved = write(
        downloads.path(),
        "mtlint-decisions.json",
        out["export"].as_str().unwrap(),
    );
    let saved = saved.to_str().unwrap();
    let (code, rows) = check(d, &["--baseline", saved]);
    assert_eq!(code, 1);
    let spans: Vec<&str> = rows.iter().map(|r| r["span"].as_str()).collect();
    assert_eq!(
        spans,
        [".."],
        "only the finding marked fixed (it is still there)"
    );
    // Both accepting entries matched: none is stale.
    let (code, _) = check(
        d,
        &["--baseline", saved, "--fail-on-stale", "--fail-on", "never"],
    );
    assert_eq!(code, 0);
}

/// With `--all-pairs` the "pairs without findings" filter is there; without, hidden.
#[test]
fn the_clean_pairs_filter_shows_only_with_all_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "en.txt", common::SOURCE);
    write(d, "de.txt", common::TARGET);
    check(d, &["-o", "a.html"]);
    check(d, &["-o", "b.html", "--all-pairs"]);
    let a = std::fs::read_to_string(d.join("a.html")).unwrap();
    let b = std::fs::read_to_string(d.join("b.html")).unwrap();
    let label = "<input type=\"checkbox\" id=\"clean\" checked> pairs without findings";
    assert!(
        a.contains(&format!("<label hidden>{label}")),
        "hidden without --all-pairs"
    );
    assert!(
        b.contains(&format!("<label>{label}")),
        "shown with --all-pairs"
    );
}
