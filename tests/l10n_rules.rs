//! Issue 15 items 2–4 through the command line: placeholder syntax (MT024) on a TMX memory,
//! consistency (MT021 variants, MT025) across its units, and `--spell` (MT026) with the
//! project word list `spelling.txt`.

mod common;

use common::{mtlint, report_rows, write};

const SPELL: &str = "/usr/share/hunspell/de_DE";

fn tmx(units: &[(&str, &str)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" creationtool=\"t\" creationtoolversion=\"1\" o-tmf=\"t\"/><body>\n",
    );
    for (en, de) in units {
        let esc = |t: &str| {
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        s.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv><tuv xml:lang=\"de\"><seg>{}</seg></tuv></tu>\n",
            esc(en),
            esc(de)
        ));
    }
    s.push_str("</body></tmx>\n");
    s
}

#[test]
fn l10n_strings_of_a_memory_are_checked_for_syntax_and_consistency() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "app.tmx",
        tmx(&[
            (
                "%1$s uploaded %2$d photos",
                "%2$s hat %1$d Fotos hochgeladen",
            ),
            (
                "{count, plural, one {# file} other {# files}}",
                "{count, plural, one {# Datei} other {# Dateien}",
            ),
            (
                "Save your changes before closing.",
                "Speichern Sie Ihre Änderungen.",
            ),
            (
                "Save your changes before closing.",
                "Speichern Sie Ihre Änderungen!",
            ),
            (
                "Save your changes before closing.",
                "Speichern Sie Ihre Änderungen.",
            ),
            (
                "Delete the item permanently.",
                "Speichern Sie Ihre Änderungen.",
            ),
        ]),
    );
    let out = dir.path().join("r.csv");
    mtlint()
        .arg("check")
        .arg(&file)
        .arg("-o")
        .arg(&out)
        .arg("--fail-on")
        .arg("never")
        .assert()
        .success();
    let rows = report_rows(&out);
    let got: Vec<(String, String, String)> = rows
        .iter()
        .filter(|r| ["MT024", "MT021", "MT025"].contains(&r["code"].as_str()))
        .map(|r| (r["code"].clone(), r["span"].clone(), r["severity"].clone()))
        .collect();
    let has = |code: &str, span: &str| got.iter().any(|(c, s, _)| c == code && s == span);
    assert!(has("MT024", "%2$s") && has("MT024", "%1$d"), "{got:?}");
    assert!(has("MT024", "{"), "{got:?}");
    assert!(has("MT021", "Speichern Sie Ihre Änderungen!"), "{got:?}");
    assert!(has("MT025", "Speichern Sie Ihre Änderungen."), "{got:?}");
    let suggestion = rows
        .iter()
        .find(|r| r["code"] == "MT021")
        .map(|r| r["suggestion"].clone());
    assert_eq!(
        suggestion.as_deref(),
        Some("Speichern Sie Ihre Änderungen.")
    );
}

#[test]
fn spelling_runs_with_spell_and_says_how_to_enable_it_without() {
    let dir = tempfile::tempdir().unwrap();
    let en = write(dir.path(), "en.txt", "It was signed yesterday.\n");
    let de = write(dir.path(), "de.txt", "Er wurde gestren unterschrieben.\n");
    write(dir.path(), "mtlint.toml", "select = [\"MT026\"]\n");
    let out = dir.path().join("r.csv");
    mtlint()
        .current_dir(dir.path())
        .args(["check", "en.txt", "de.txt", "-o", "r.csv"])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "--spell /usr/share/hunspell/de_DE",
        ));
    mtlint()
        .current_dir(dir.path())
        .args(["check", "en.txt", "de.txt", "--spell", "/nonexistent/de_DE"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("de_DE.aff not found"));
    if !std::path::Path::new(SPELL).with_extension("dic").is_file() {
        eprintln!(
            "skipped the --spell run: {SPELL}.dic not installed (apt install hunspell-de-de)"
        );
        return;
    }
    mtlint()
        .current_dir(dir.path())
        .args([
            "check",
            "en.txt",
            "de.txt",
            "-o",
            "r.csv",
            "--spell",
            SPELL,
            "--fail-on",
            "never",
        ])
        .assert()
        .success();
    let spans: Vec<String> = report_rows(&out)
        .iter()
        .map(|r| r["span"].clone())
        .collect();
    assert_eq!(spans, ["gestren"]);
    // The project word list accepts it.
    write(dir.path(), "spelling.txt", "# project words\ngestren\n");
    mtlint()
        .current_dir(dir.path())
        .args(["check", "en.txt", "de.txt", "-o", "r.csv", "--spell", SPELL])
        .assert()
        .success();
    assert!(report_rows(&out).is_empty());
    let _ = (en, de);
}
