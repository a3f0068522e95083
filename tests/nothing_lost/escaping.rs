//! Item 16 of issue 11: raw control chars (ESC, BEL, DEL, C1) never reach a GitHub annotation
//! or the HTML page; they are shown as the visible text `\u001b`. See `tests/nothing_lost.rs`.

use tempfile::TempDir;

use crate::common::*;

/// Control chars that must not be written raw: C0 except tab and line feed, DEL, C1.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect()
}

#[test]
fn control_chars_are_visible_in_annotations_and_html() {
    let d = TempDir::new().unwrap();
    let s = write(d.path(), "s.txt", "The cat sat on the mat.\n");
    // The second paragraph has no source: its whole text is the span of an added-sentence
    // finding, so the controls reach the annotation's message too.
    let t = write(
        d.path(),
        "t.txt",
        "Die Katze\u{1b}[31m saß\u{7} auf der Matte. .\n\nZusatz\u{1b}]0;pwned\u{7} hier\u{7f} und\u{85}\u{9b} da.\n",
    );
    let github = mtlint()
        .arg("check")
        .arg(&s)
        .arg(&t)
        .args(["--format", "github", "-q", "--fail-on", "never"])
        .output()
        .unwrap();
    assert!(github.status.success());
    let annotations = String::from_utf8(github.stdout).unwrap();
    assert!(annotations.contains("MT008"), "{annotations}");
    assert_eq!(raw_controls(&annotations), [], "{annotations:?}");
    for visible in ["\\u001b", "\\u0007", "\\u007f", "\\u0085", "\\u009b"] {
        assert!(annotations.contains(visible), "{visible} in {annotations}");
    }

    let html = d.path().join("r.html");
    mtlint()
        .arg("check")
        .arg(&s)
        .arg(&t)
        .arg("-o")
        .arg(&html)
        .args(["-q", "--fail-on", "never"])
        .assert()
        .code(0);
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(raw_controls(&page), [], "raw control chars in the page");
    // The text as a browser shows it (tags dropped; attribute values hold no `>`).
    let mut shown = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => shown.push(c),
            _ => {}
        }
    }
    assert!(
        shown.contains("Zusatz\\u001b]0;pwned\\u0007 hier\\u007f und\\u0085\\u009b da."),
        "{shown}"
    );
    // The JSON Lines and the CSV keep the text exactly (JSON escapes C0 itself).
    let jsonl = d.path().join("r.jsonl");
    mtlint()
        .arg("check")
        .arg(&s)
        .arg(&t)
        .arg("-o")
        .arg(&jsonl)
        .args(["-q", "--fail-on", "never"])
        .assert()
        .code(0);
    let lines = std::fs::read_to_string(&jsonl).unwrap();
    assert!(!lines.contains('\u{1b}') && !lines.contains('\u{7}'));
    assert!(lines.lines().any(|l| {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        v["target"]
            .as_str()
            .is_some_and(|t| t.contains("\u{1b}]0;pwned\u{7}"))
    }));
}
