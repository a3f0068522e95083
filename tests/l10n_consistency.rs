//! Issue 15 item 3 through the command line: the same English string translated two ways
//! in two different files of one batch run is inconsistent-translation (MT021) too, each
//! variant named with its file and key, the run's majority as the suggestion; the variants
//! of one key (Qt numerus forms, `.xcstrings` plural variations) are not compared with each
//! other.

mod common;

use common::{mtlint, report_rows, write};

const SAVE: &str = "Save your changes before closing.";

/// `locales/{en,de}/{a,b,c}.json`: `a` and `c` translate SAVE one way, `b` another.
fn locales(dir: &std::path::Path) {
    let en = format!(
        "{{\n  \"save\": \"{SAVE}\",\n  \"other\": \"Something else entirely here.\"\n}}\n"
    );
    for name in ["a.json", "b.json", "c.json"] {
        write(&dir.join("en"), name, &en);
    }
    write(
        &dir.join("de"),
        "a.json",
        "{\n  \"save\": \"Speichern Sie Ihre Änderungen vor dem Schließen.\",\n  \"other\": \"Etwas ganz anderes hier.\"\n}\n",
    );
    write(
        &dir.join("de"),
        "b.json",
        "{\n  \"other\": \"Etwas ganz anderes hier.\",\n  \"save\": \"Sichern Sie die Änderungen, bevor Sie schließen.\"\n}\n",
    );
    write(
        &dir.join("de"),
        "c.json",
        "{\n  \"save\": \"Speichern Sie Ihre Änderungen vor dem Schließen.\",\n  \"other\": \"Etwas ganz anderes hier.\"\n}\n",
    );
}

#[test]
fn one_source_translated_two_ways_in_two_files_is_flagged_with_files_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    locales(dir.path());
    let out = dir.path().join("r.csv");
    let run = |out: &std::path::Path, threads: &str| {
        mtlint()
            .arg("check")
            .arg("--source-dir")
            .arg(dir.path().join("en"))
            .arg("--target-dir")
            .arg(dir.path().join("de"))
            .args(["--jobs", threads, "-q", "-o"])
            .arg(out)
            .assert()
            .code(0);
    };
    run(&out, "1");
    let rows: Vec<_> = report_rows(&out)
        .into_iter()
        .filter(|r| r["code"] == "MT021")
        .collect();
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let r = &rows[0];
    assert!(r["doc"].ends_with("b.json"), "{}", r["doc"]);
    assert_eq!(r["unit"], "save");
    assert_eq!(r["severity"], "warning");
    assert_eq!(r["side"], "target");
    // Exact place of the value in de/b.json.
    assert_eq!(
        (r["target_line"].as_str(), r["target_column"].as_str()),
        ("3", "12")
    );
    assert_eq!(
        r["span"],
        "Sichern Sie die Änderungen, bevor Sie schließen."
    );
    assert_eq!(
        r["suggestion"],
        "Speichern Sie Ihre Änderungen vor dem Schließen."
    );
    let m = &r["message"];
    assert!(
        m.contains("translated 2 ways across the files of this run"),
        "{m}"
    );
    assert!(
        m.contains("a.json save") && m.contains("c.json save"),
        "{m}"
    );
    assert!(m.contains("b.json save"), "{m}");
    // Deterministic: any number of threads gives the same report, byte for byte.
    let again = dir.path().join("r2.csv");
    run(&again, "3");
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn without_mt021_or_with_one_file_there_is_no_cross_file_finding() {
    let dir = tempfile::tempdir().unwrap();
    locales(dir.path());
    let out = dir.path().join("r.csv");
    mtlint()
        .arg("check")
        .arg(dir.path().join("en/b.json"))
        .arg(dir.path().join("de/b.json"))
        .args(["-q", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    assert!(report_rows(&out).iter().all(|r| r["code"] != "MT021"));
    let cfg = write(dir.path(), "mtlint.toml", "ignore = [\"MT021\"]\n");
    mtlint()
        .arg("check")
        .arg("--config")
        .arg(&cfg)
        .arg("--source-dir")
        .arg(dir.path().join("en"))
        .arg("--target-dir")
        .arg(dir.path().join("de"))
        .args(["-q", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    assert!(report_rows(&out).iter().all(|r| r["code"] != "MT021"));
}

/// A Qt plural message: the same English for every numerus form, and a German that differs
/// by form on purpose.
const QT: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Main</name>
    <message numerus="yes">
        <source>%n files were deleted from the list</source>
        <translation>
            <numerusform>%n Datei wurde aus der Liste gelöscht</numerusform>
            <numerusform>%n Dateien wurden aus der Liste gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files were deleted from the list</source>
        <comment>trash</comment>
        <translation>
            <numerusform>%n Datei wurde aus der Liste gelöscht</numerusform>
            <numerusform>%n Dateien wurden aus der Liste entfernt</numerusform>
        </translation>
    </message>
</context>
</TS>
"#;

/// A string catalog whose English has no variations and whose German has plural ones.
const XCSTRINGS: &str = r#"{
  "sourceLanguage" : "en",
  "strings" : {
    "deleted" : {
      "localizations" : {
        "en" : { "stringUnit" : { "state" : "translated", "value" : "%lld files were deleted" } },
        "de" : {
          "variations" : {
            "plural" : {
              "one" : { "stringUnit" : { "state" : "translated", "value" : "%lld Datei wurde gelöscht" } },
              "other" : { "stringUnit" : { "state" : "translated", "value" : "%lld Dateien wurden gelöscht" } }
            }
          }
        }
      }
    }
  },
  "version" : "1.0"
}
"#;

#[test]
fn plural_forms_of_one_key_are_not_inconsistent_translations() {
    let dir = tempfile::tempdir().unwrap();
    let ts = write(dir.path(), "app_de.ts", QT);
    let xc = write(dir.path(), "Localizable.xcstrings", XCSTRINGS);
    for file in [&ts, &xc] {
        let out = dir.path().join("r.csv");
        mtlint()
            .arg("check")
            .arg(file)
            .args(["-q", "-o"])
            .arg(&out)
            .assert()
            .code(0);
        let rows = report_rows(&out);
        let flagged: Vec<_> = rows
            .iter()
            .filter(|r| matches!(r["code"].as_str(), "MT021" | "MT025"))
            .map(|r| (r["code"].clone(), r["unit"].clone(), r["span"].clone()))
            .collect();
        if file == &ts {
            // The two messages' second forms differ: that is a real inconsistency, and the
            // only one; the first forms agree, and the forms of one message are not compared.
            assert_eq!(flagged.len(), 1, "{flagged:#?}");
            assert!(flagged[0].1.ends_with("[1]"), "{flagged:#?}");
        } else {
            assert!(flagged.is_empty(), "{flagged:#?}");
        }
    }
}

const REMOVE: &str = "Remove the item from the list.";
const DELETE: &str = "Delete the item permanently.";
const SAME: &str = "Löschen Sie den Eintrag.";

/// `{en,de}/{a,b}.json`: `a` translates REMOVE, `b` DELETE the same way (SAME).
fn same_german(dir: &std::path::Path) {
    write(
        &dir.join("en"),
        "a.json",
        format!("{{\n  \"remove\": \"{REMOVE}\"\n}}\n"),
    );
    write(
        &dir.join("de"),
        "a.json",
        format!("{{\n  \"remove\": \"{SAME}\"\n}}\n"),
    );
    write(
        &dir.join("en"),
        "b.json",
        format!(
            "{{\n  \"other\": \"Something else entirely here.\",\n  \"delete\": \"{DELETE}\"\n}}\n"
        ),
    );
    write(
        &dir.join("de"),
        "b.json",
        format!("{{\n  \"other\": \"Etwas ganz anderes hier.\",\n  \"delete\": \"{SAME}\"\n}}\n"),
    );
}

/// The rows of `code` in the report of `mtlint check ARGS --jobs JOBS`, and its bytes.
fn run_rows(
    args: &[&std::ffi::OsStr],
    jobs: &str,
    out: &std::path::Path,
    code: &str,
) -> (Vec<std::collections::HashMap<String, String>>, Vec<u8>) {
    mtlint()
        .arg("check")
        .args(args)
        .args(["--jobs", jobs, "-q", "-o"])
        .arg(out)
        .assert()
        .code(0);
    let rows = report_rows(out)
        .into_iter()
        .filter(|r| r["code"] == code)
        .collect();
    (rows, std::fs::read(out).unwrap())
}

#[test]
fn two_sources_with_the_same_german_in_two_files_are_same_translation_across_files() {
    let dir = tempfile::tempdir().unwrap();
    same_german(dir.path());
    let (en, de) = (dir.path().join("en"), dir.path().join("de"));
    let args: Vec<&std::ffi::OsStr> = vec![
        "--source-dir".as_ref(),
        en.as_os_str(),
        "--target-dir".as_ref(),
        de.as_os_str(),
    ];
    let (rows, one) = run_rows(&args, "1", &dir.path().join("r1.csv"), "MT025");
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let r = &rows[0];
    assert!(r["doc"].ends_with("b.json"), "{}", r["doc"]);
    assert_eq!(r["unit"], "delete");
    assert_eq!(r["severity"], "info");
    assert_eq!(r["side"], "target");
    assert_eq!(
        (r["target_line"].as_str(), r["target_column"].as_str()),
        ("3", "14")
    );
    assert_eq!(r["span"], SAME);
    let m = &r["message"];
    assert!(
        m.contains("2 different English sentences across the files of this run"),
        "{m}"
    );
    // Every unit of every file involved, with its English.
    assert!(m.contains(&format!("'{REMOVE}' (")), "{m}");
    assert!(m.contains(&format!("'{DELETE}' (")), "{m}");
    assert!(
        m.contains("a.json remove") && m.contains("b.json delete"),
        "{m}"
    );
    // Deterministic: the same report, byte for byte, on one thread and on two.
    let (_, two) = run_rows(&args, "2", &dir.path().join("r2.csv"), "MT025");
    assert_eq!(one, two);
    // Off with the rule (and each file alone has nothing to compare).
    let cfg = write(dir.path(), "mtlint.toml", "ignore = [\"MT025\"]\n");
    let mut off = args.clone();
    off.extend(["--config".as_ref(), cfg.as_os_str()]);
    let (rows, _) = run_rows(&off, "1", &dir.path().join("r3.csv"), "MT025");
    assert!(rows.is_empty(), "{rows:#?}");
    let (a_en, a_de) = (en.join("b.json"), de.join("b.json"));
    let (rows, _) = run_rows(
        &[a_en.as_os_str(), a_de.as_os_str()],
        "1",
        &dir.path().join("r4.csv"),
        "MT025",
    );
    assert!(rows.is_empty(), "{rows:#?}");
}

#[test]
fn same_translation_across_bilingual_files_of_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let po = |msgid: &str, msgstr: &str| {
        format!(
            "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: de\\n\"\n\n#: app.c:1\nmsgid \"{msgid}\"\nmsgstr \"{msgstr}\"\n"
        )
    };
    let folder = dir.path().join("po");
    write(&folder, "a.po", po(REMOVE, SAME));
    write(&folder, "b.po", po(DELETE, SAME));
    write(&folder, "c.po", po(REMOVE, SAME));
    let args: Vec<&std::ffi::OsStr> = vec!["--target-dir".as_ref(), folder.as_os_str()];
    let (rows, one) = run_rows(&args, "1", &dir.path().join("r1.csv"), "MT025");
    // b.po's English differs from the run's first (a.po); c.po agrees with it.
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert!(rows[0]["doc"].ends_with("b.po"), "{:#?}", rows[0]);
    let m = &rows[0]["message"];
    assert!(m.contains("a.po") && m.contains("c.po"), "{m}");
    let (_, two) = run_rows(&args, "2", &dir.path().join("r2.csv"), "MT025");
    assert_eq!(one, two);
}
