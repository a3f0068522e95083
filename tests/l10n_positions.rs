//! Issue 15: a key only the English localisation file has (MT022) points into the German
//! file where the key belongs (at the German key that should follow it, else at the last one
//! before it), not at 1:1.

mod common;

use common::{mtlint, report_rows, write};

fn mt022(en: &str, de: &str) -> Vec<(String, String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let s = write(dir.path(), "en.json", en);
    let t = write(dir.path(), "de.json", de);
    let out = dir.path().join("r.csv");
    mtlint()
        .arg("check")
        .arg(&s)
        .arg(&t)
        .args(["-q", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    report_rows(&out)
        .into_iter()
        .filter(|r| r["code"] == "MT022")
        .map(|r| {
            assert_eq!(r["side"], "source");
            (
                r["unit"].clone(),
                r["target_line"].clone(),
                r["target_column"].clone(),
            )
        })
        .collect()
}

#[test]
fn a_key_only_in_the_english_points_where_it_belongs_in_the_german() {
    let en = "{\n  \"a\": \"Open the file now.\",\n  \"b\": \"Close the file now.\",\n  \"c\": \"Save the file now.\",\n  \"d\": \"Print the file now.\"\n}\n";
    // b is missing: it belongs before c (line 3, column 3 of the German).
    // d is missing: it belongs after c, the last key the German has.
    let de = "{\n  \"a\": \"Öffnen Sie die Datei jetzt.\",\n  \"c\": \"Speichern Sie die Datei jetzt.\"\n}\n";
    assert_eq!(
        mt022(en, de),
        [
            ("b".to_string(), "3".to_string(), "3".to_string()),
            ("d".to_string(), "3".to_string(), "3".to_string()),
        ]
    );
    // A German file without keys: 1:1.
    let found = mt022(en, "{}\n");
    assert_eq!(found.len(), 4);
    assert!(
        found.iter().all(|(_, l, c)| l == "1" && c == "1"),
        "{found:?}"
    );
}
