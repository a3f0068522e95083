//! The readers of `src/formats/` on the fixtures in `tests/fixtures/formats/`: the right
//! units, the right ids and ignore markers, and positions that point into the file.

mod common;

use std::path::{Path, PathBuf};

use mtlint::formats::{self, Format, batch};
use mtlint::model::{Document, SideText};
use mtlint::{MtError, checks, pipeline, report};

/// A fixture under `tests/fixtures/formats/`.
fn fixture(name: &str) -> PathBuf {
    common::fixture("formats").join(name)
}

fn raw(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("fixture")
}

/// The file's text from 1-based `line`:`column` (column in chars) on.
fn file_at(file: &str, line: usize, column: usize) -> String {
    let l = file.split('\n').nth(line - 1).unwrap_or("");
    let rest: String = file
        .split('\n')
        .skip(line - 1)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        column <= l.chars().count() + 1,
        "column {column} beyond line {line}"
    );
    rest.chars().skip(column - 1).collect()
}

fn texts(side: &SideText) -> Vec<&str> {
    side.blocks
        .iter()
        .map(|b| &side.text[b.range.clone()])
        .collect()
}

/// Every word (3+ letters) of every block, mapped back with `position`, stands at that
/// place in the file: the mapping is exact across entities, escapes, tags and markup.
fn assert_words_map_back(side: &SideText, file: &str) {
    for b in &side.blocks {
        let text = &side.text[b.range.clone()];
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_alphabetic() {
                start.get_or_insert(i);
                continue;
            }
            if let Some(s) = start.take() {
                let word = &text[s..i];
                if word.chars().count() < 3 {
                    continue;
                }
                let (line, column) = side.position(b.range.start + s);
                let there = file_at(file, line, column);
                assert!(
                    there.starts_with(word),
                    "{}: word {word:?} mapped to {line}:{column}, where the file has {:?}",
                    side.origin,
                    there.chars().take(20).collect::<String>()
                );
            }
        }
    }
}

fn assert_doc_maps_back(doc: &Document, file: &str) {
    assert_words_map_back(&doc.source, file);
    assert_words_map_back(&doc.target, file);
}

/// Run the pipeline and return (code, line, column, span) of every finding.
fn findings(doc: Document) -> Vec<(String, usize, usize, String)> {
    let checked =
        pipeline::check_document(doc, &pipeline::Settings::default(), &checks::registry());
    report::rows(&checked, false)
        .into_iter()
        .map(|r| (r.code, r.target_line, r.target_column, r.span))
        .collect()
}

/// The finding `code` at `line`:`column`, whose span the file has at exactly that place.
fn assert_finding_at(
    found: &[(String, usize, usize, String)],
    file: &str,
    code: &str,
    line: usize,
    column: usize,
) {
    let hit = found
        .iter()
        .find(|(c, l, col, _)| c == code && *l == line && *col == column)
        .unwrap_or_else(|| panic!("no {code} at {line}:{column} in {found:?}"));
    assert!(
        file_at(file, line, column).starts_with(&hit.3),
        "span {:?} is not at {line}:{column}",
        hit.3
    );
}

#[test]
fn detect_by_extension() {
    assert_eq!(formats::detect(Path::new("a.XLF")), Format::Xliff);
    assert_eq!(formats::detect(Path::new("a.xliff")), Format::Xliff);
    assert_eq!(formats::detect(Path::new("a.tmx")), Format::Tmx);
    assert_eq!(formats::detect(Path::new("a.po")), Format::Po);
    assert_eq!(formats::detect(Path::new("a.csv")), Format::Csv);
    assert_eq!(formats::detect(Path::new("a.tsv")), Format::Tsv);
    assert_eq!(formats::detect(Path::new("a.md")), Format::Markdown);
    assert_eq!(formats::detect(Path::new("a.txt")), Format::PlainText);
    assert_eq!(formats::detect(Path::new("noext")), Format::PlainText);
    assert!(matches!(
        formats::read_bilingual(&fixture("source.md")),
        Err(MtError::Usage(_))
    ));
}

#[test]
fn xliff12_units_entities_tags_and_notes() {
    let docs = formats::read_bilingual(&fixture("sample.xlf")).unwrap();
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert!(d.paired);
    assert_eq!(d.id, fixture("sample.xlf").display().to_string());
    assert_eq!(d.source.lang.as_deref(), Some("en"));
    assert_eq!(d.target.lang.as_deref(), Some("de"));
    // t3 (no target) is kept with an empty target (MT022 reports it); t4 (translate="no")
    // is skipped; alt-trans is ignored.
    assert_eq!(
        texts(&d.target),
        vec![
            "Der Bürgermeister & der Rat trafen sich am Montag. .",
            "Klicken Sie hier, um {2}den Bericht zu lesen. .",
            "",
            "Die Preise stiegen im ersten\n            Quartal um 5%, , sagte er.",
        ]
    );
    assert_eq!(texts(&d.source)[1], "Click here to read {2}the report.");
    let ids: Vec<_> = d.target.blocks.iter().map(|b| b.id.as_deref()).collect();
    assert_eq!(ids, vec![Some("t1"), Some("t2"), Some("t3"), Some("t5")]);
    assert_eq!(d.target.blocks[1].ignore(), vec!["MT012", "MT005"]);
    assert!(d.target.blocks[0].ignore().is_empty());
    let b = &d.target.blocks[0];
    assert_eq!((b.line, b.column), (10, 17));
    assert_eq!(
        (d.source.blocks[3].line, d.source.blocks[3].column),
        (26, 19)
    );
    assert_doc_maps_back(d, &raw("sample.xlf"));
}

#[test]
fn xliff12_findings_point_into_the_file() {
    let file = raw("sample.xlf");
    let doc = formats::read_bilingual(&fixture("sample.xlf"))
        .unwrap()
        .remove(0);
    let found = findings(doc);
    // ". ." after "&amp;" on line 10: the entity must not shift the column.
    assert_finding_at(&found, &file, "MT005", 10, 70);
    // ", ," on the second line of a two-line target, after "&#x25;".
    assert_finding_at(&found, &file, "MT005", 29, 31);
    // Unit t2 has ". ." too (line 14, column 83), but its note "mtlint: ignore MT012,
    // MT005" suppresses the check for that unit.
    // Unit t3 has no target: one MT022 finding.
    let lines: Vec<(&str, usize)> = found.iter().map(|f| (f.0.as_str(), f.1)).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines.iter().filter(|(c, _)| *c == "MT022").count(), 1);
    assert!(lines.contains(&("MT005", 10)) && lines.contains(&("MT005", 29)));
    let mut doc = formats::read_bilingual(&fixture("sample.xlf"))
        .unwrap()
        .remove(0);
    for b in doc
        .target
        .blocks
        .iter_mut()
        .chain(doc.source.blocks.iter_mut())
    {
        b.set_ignore(Vec::new());
    }
    assert_finding_at(&findings(doc), &file, "MT005", 14, 83);
}

#[test]
fn xliff2_files_segments_and_notes() {
    let docs = formats::read_bilingual(&fixture("sample.xliff")).unwrap();
    let path = fixture("sample.xliff").display().to_string();
    let ids: Vec<_> = docs.iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, vec![format!("{path}#news.html"), format!("{path}#f2")]);
    let d = &docs[0];
    assert_eq!(d.source.lang.as_deref(), Some("en-US"));
    assert_eq!(d.target.lang.as_deref(), Some("de-DE"));
    assert_eq!(
        texts(&d.target),
        vec![
            "Die alte Brücke wurde geschlossen. .",
            "Der Verkehr {2}wird umgeleitet."
        ]
    );
    let bids: Vec<_> = d.target.blocks.iter().map(|b| b.id.as_deref()).collect();
    assert_eq!(bids, vec![Some("u1/s1"), Some("u1/s2")]);
    assert!(d.target.blocks.iter().all(|b| b.ignore() == vec!["MT012"]));
    assert_eq!(texts(&docs[1].source), vec!["It costs <5 €."]);
    assert_eq!(texts(&docs[1].target), vec!["Es kostet <5 Euro."]);
    let file = raw("sample.xliff");
    for d in &docs {
        assert_doc_maps_back(d, &file);
    }
    let found = findings(docs.into_iter().next().unwrap());
    assert_finding_at(&found, &file, "MT005", 10, 66);
}

#[test]
fn tmx_one_document_per_target_language() {
    let docs = formats::read_bilingual(&fixture("sample.tmx")).unwrap();
    let path = fixture("sample.tmx").display().to_string();
    let ids: Vec<_> = docs.iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, vec![format!("{path}#de-DE"), format!("{path}#fr-FR")]);
    let de = &docs[0];
    assert_eq!(de.source.lang.as_deref(), Some("en-US"));
    assert_eq!(
        texts(&de.source),
        vec![
            "The storm hit the coast {1}on Friday{/1}.",
            "Thousands of homes were without power."
        ]
    );
    assert_eq!(
        texts(&de.target),
        vec![
            "Der Sturm traf die Küste {1}am Freitag{/1}. .",
            "Tausende Häuser waren ohne Strom."
        ]
    );
    assert_eq!(de.target.blocks[0].ignore(), vec!["MT011"]);
    // The German <tuv> comes first in tu 2: the source is still the English one.
    assert_eq!(
        (de.source.blocks[1].line, de.target.blocks[1].line),
        (14, 13)
    );
    assert_eq!(texts(&docs[1].target).len(), 1);
    let file = raw("sample.tmx");
    for d in &docs {
        assert_doc_maps_back(d, &file);
    }
    let found = findings(docs.into_iter().next().unwrap());
    // After two inline codes with escaped native markup: column 122 of line 9.
    assert_finding_at(&found, &file, "MT005", 9, 122);
}

#[test]
fn po_entries_plurals_comments_and_escapes() {
    let docs = formats::read_bilingual(&fixture("sample.po")).unwrap();
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.target.lang.as_deref(), Some("de"));
    assert_eq!(
        texts(&d.source),
        vec![
            "The mayor met the council.",
            "Save",
            "He said \"no\" and left the room.",
            "One file was deleted.",
            "%d files were deleted.",
            // msgstr "": kept with an empty target (MT022 reports it).
            "Not translated yet.",
        ]
    );
    assert_eq!(
        texts(&d.target),
        vec![
            "Der Bürgermeister traf den Rat. .",
            "Speichern",
            "Er sagte \"nein\" und verließ den Raum. .",
            "Eine Datei wurde gelöscht.",
            "%d Dateien wurden gelöscht. .",
            "",
        ]
    );
    let ids: Vec<_> = d
        .target
        .blocks
        .iter()
        .map(|b| b.id.as_deref().unwrap().to_string())
        .collect();
    assert_eq!(ids[1], "button|Save");
    assert_eq!(ids[3], "One file was deleted.[0]");
    assert_eq!(ids[4], "One file was deleted.[1]");
    assert_eq!(d.target.blocks[1].ignore(), vec!["MT012"]);
    assert!(d.target.blocks[0].ignore().is_empty());
    // msgstr "" followed by continuation lines: the block starts in the next line.
    assert_eq!(
        (d.target.blocks[2].line, d.target.blocks[2].column),
        (23, 2)
    );
    let file = raw("sample.po");
    assert_doc_maps_back(d, &file);
    let found = findings(docs.into_iter().next().unwrap());
    assert_finding_at(&found, &file, "MT005", 10, 39);
    // On a continuation line, after escaped quotes on the line before.
    assert_finding_at(&found, &file, "MT005", 24, 18);
    assert_finding_at(&found, &file, "MT005", 29, 38);
    // The obsolete entry (#~) is not read; the untranslated entry is MT022.
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!(found.iter().filter(|f| f.0 == "MT022").count(), 1);
}

#[test]
fn csv_rows_quotes_and_multiline_fields() {
    let docs = formats::read_bilingual(&fixture("sample.csv")).unwrap();
    let d = &docs[0];
    assert_eq!(
        texts(&d.target),
        vec![
            "Die Brücke wurde geschlossen. .",
            "Er sagte \"halt\" zweimal. .",
            "Zwei Zeilen\nText. .",
            // Row 4 has an empty target: kept, empty (MT022 reports it).
            "",
        ]
    );
    let ids: Vec<_> = d.target.blocks.iter().map(|b| b.id.as_deref()).collect();
    assert_eq!(ids, vec![Some("1"), Some("2"), Some("3"), Some("4")]);
    assert_eq!(d.target.blocks[1].ignore(), vec!["MT006"]);
    assert_eq!(
        (d.target.blocks[2].line, d.target.blocks[2].column),
        (5, 12)
    );
    let file = raw("sample.csv");
    assert_doc_maps_back(d, &file);
    let found = findings(docs.into_iter().next().unwrap());
    assert_finding_at(&found, &file, "MT005", 2, 54);
    // After two doubled quotes "" in the field.
    assert_finding_at(&found, &file, "MT005", 3, 55);
    // Second line of a quoted multi-line field.
    assert_finding_at(&found, &file, "MT005", 6, 5);
}

#[test]
fn tsv_rows_without_quoting() {
    let docs = formats::read_bilingual(&fixture("sample.tsv")).unwrap();
    let d = &docs[0];
    assert_eq!(
        texts(&d.source),
        vec!["The bridge was closed.", "She said \"yes\"."]
    );
    let file = raw("sample.tsv");
    assert_doc_maps_back(d, &file);
    let found = findings(docs.into_iter().next().unwrap());
    assert_finding_at(&found, &file, "MT005", 3, 31);
}

#[test]
fn markdown_pair_aligns_by_block() {
    let doc = formats::read_pair(&fixture("source.md"), &fixture("target.md")).unwrap();
    assert!(doc.paired);
    assert_eq!(doc.source.blocks.len(), 4);
    assert_eq!(
        texts(&doc.target),
        vec![
            "Hochwasserwarnung",
            "Der Fluss stieg über Nacht um zwei Meter. Führen Sie {1} aus, um den\naktuellen Pegel <https://example.org/river> zu sehen. .",
            "Bleiben Sie zu Hause.",
            "Meiden Sie die Brücken.",
        ]
    );
    let file = raw("target.md");
    assert_words_map_back(&doc.target, &file);
    assert_words_map_back(&doc.source, &raw("source.md"));
    let found = findings(doc);
    assert_finding_at(&found, &file, "MT005", 4, 54);
}

#[test]
fn entity_bomb_is_refused_quickly() {
    let start = std::time::Instant::now();
    let err = formats::read_bilingual(&fixture("bomb.xlf")).unwrap_err();
    assert!(start.elapsed().as_secs() < 2);
    let msg = err.to_string();
    assert!(matches!(err, MtError::Format { .. }));
    assert!(
        msg.contains("20:17") && msg.contains("unknown entity &lol9;"),
        "{msg}"
    );
}

#[test]
fn malformed_files_are_format_errors_with_positions() {
    let cases = [
        ("broken.xlf", "7:22"),
        ("broken.po", "2:8"),
        ("broken.csv", "3:1"),
    ];
    for (name, pos) in cases {
        let err = formats::read_bilingual(&fixture(name)).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, MtError::Format { .. }), "{name}: {msg}");
        assert!(msg.contains(&format!("{name}: {pos}: ")), "{name}: {msg}");
    }
}

#[test]
fn wrong_root_or_missing_columns_are_errors() {
    let p = Path::new("x.xlf");
    let e = formats::xliff::parse(p, "<tmx version=\"1.4\"/>").unwrap_err();
    assert!(e.to_string().contains("not an XLIFF file"), "{e}");
    let e = formats::table::parse(Path::new("x.csv"), "en,de\nA,B\n", b',').unwrap_err();
    assert!(
        e.to_string().contains("`source` and a `target` column"),
        "{e}"
    );
    let e = formats::po::parse(Path::new("x.po"), "msgid \"a\"\nfoo \"b\"\n").unwrap_err();
    assert!(e.to_string().contains("2:1: unexpected 'foo'"), "{e}");
    let e = formats::po::parse(Path::new("x.po"), "msgid \"a\\q\"\nmsgstr \"b\"\n").unwrap_err();
    assert!(e.to_string().contains("1:9: unknown escape"), "{e}");
}

/// Every prefix of every fixture is either read or refused with an error: never a panic.
#[test]
fn truncated_files_never_panic() {
    for name in [
        "sample.xlf",
        "sample.xliff",
        "sample.tmx",
        "sample.po",
        "sample.csv",
        "sample.tsv",
        "target.md",
    ] {
        let text = raw(name);
        let path = fixture(name);
        for (cut, _) in text.char_indices() {
            let t = &text[..cut];
            match formats::detect(&path) {
                Format::Xliff => drop(formats::xliff::parse(&path, t)),
                Format::Tmx => drop(formats::tmx::parse(&path, t)),
                Format::Po => drop(formats::po::parse(&path, t)),
                Format::Csv => drop(formats::table::parse(&path, t, b',')),
                Format::Tsv => drop(formats::table::parse(&path, t, b'\t')),
                _ => drop(formats::markdown::from_text(name.into(), t)),
            }
        }
    }
}

#[test]
fn batch_pairs_folders_by_relative_path() {
    let src = tempfile::tempdir().unwrap();
    let tgt = tempfile::tempdir().unwrap();
    let write = |dir: &Path, rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    for dir in [src.path(), tgt.path()] {
        write(dir, "b.txt", "Text.\n");
        write(dir, "a/z.md", "# Titel\n");
        write(dir, ".hidden.txt", "x\n");
    }
    write(tgt.path(), "c.po", "msgid \"A.\"\nmsgstr \"B.\"\n");
    write(src.path(), "c.xlf", "<xliff/>");
    write(tgt.path(), "notes.pdf", "ignored");
    let inputs = batch::collect(Some(src.path()), tgt.path()).unwrap();
    assert_eq!(
        inputs,
        vec![
            batch::Input::Pair {
                source: src.path().join("a/z.md"),
                target: tgt.path().join("a/z.md"),
            },
            batch::Input::Pair {
                source: src.path().join("b.txt"),
                target: tgt.path().join("b.txt"),
            },
            batch::Input::Bilingual(tgt.path().join("c.po")),
        ]
    );
    let docs: Vec<Document> = inputs.iter().flat_map(|i| i.read().unwrap()).collect();
    assert_eq!(docs.len(), 3);

    // One folder: only the bilingual files.
    let inputs = batch::collect(None, tgt.path()).unwrap();
    assert_eq!(
        inputs,
        vec![batch::Input::Bilingual(tgt.path().join("c.po"))]
    );

    // A target without its source is an error naming it.
    write(tgt.path(), "d.txt", "Neu.\n");
    let err = batch::collect(Some(src.path()), tgt.path()).unwrap_err();
    assert!(err.to_string().contains("d.txt"), "{err}");
}

// ---- Localisation files (issue 15 item 1) ----

/// A fixture under `tests/fixtures/formats/l10n/`.
fn l10n(name: &str) -> PathBuf {
    fixture("l10n").join(name)
}

/// The keys and texts of both sides of a key-paired document, as (key, source, target).
fn units(doc: &Document) -> Vec<(String, String, String)> {
    doc.source
        .blocks
        .iter()
        .zip(&doc.target.blocks)
        .map(|(s, t)| {
            assert_eq!(s.id, t.id, "both sides of a unit carry its key");
            (
                s.id.as_deref().unwrap_or_default().to_string(),
                doc.source.text[s.range.clone()].to_string(),
                doc.target.text[t.range.clone()].to_string(),
            )
        })
        .collect()
}

fn unit<'a>(all: &'a [(String, String, String)], key: &str) -> (&'a str, &'a str) {
    let u = all
        .iter()
        .find(|u| u.0 == key)
        .unwrap_or_else(|| panic!("no unit {key} in {all:?}"));
    (&u.1, &u.2)
}

/// Every letter of every block, mapped back with `position`, stands at that place in the
/// file, or the escape or entity it was decoded from does (`\u00e4`, `&amp;`).
fn assert_chars_map_back(side: &SideText, file: &str) {
    for b in &side.blocks {
        let text = &side.text[b.range.clone()];
        for (i, c) in text.char_indices().filter(|(_, c)| c.is_alphabetic()) {
            let (line, column) = side.position(b.range.start + i);
            let there = file_at(file, line, column);
            assert!(
                there.starts_with(c) || there.starts_with(['\\', '&']),
                "{}: {c:?} of {text:?} mapped to {line}:{column}, where the file has {:?}",
                side.origin,
                there.chars().take(12).collect::<String>()
            );
        }
    }
}

/// Read a key-paired fixture pair, check every char maps back into its file, return units.
fn keyed_pair(source: &str, target: &str) -> (Document, Vec<(String, String, String)>) {
    let doc = formats::read_pair(&l10n(source), &l10n(target)).unwrap();
    assert!(doc.paired);
    assert_chars_map_back(&doc.source, &raw(&format!("l10n/{source}")));
    assert_chars_map_back(&doc.target, &raw(&format!("l10n/{target}")));
    let u = units(&doc);
    (doc, u)
}

/// The block of key `key` on `side`: its line and column.
fn block_at(side: &SideText, key: &str) -> (usize, usize) {
    let b = side
        .blocks
        .iter()
        .find(|b| b.id.as_deref() == Some(key))
        .unwrap_or_else(|| panic!("no block {key}"));
    b.at()
}

#[test]
fn detect_localisation_formats() {
    for (name, f) in [
        ("de.json", Format::Json),
        ("app_de.ARB", Format::Arb),
        ("de.yml", Format::Yaml),
        ("de.yaml", Format::Yaml),
        ("strings.xml", Format::AndroidXml),
        ("Localizable.strings", Format::AppleStrings),
        ("Localizable.xcstrings", Format::XcStrings),
        ("messages_de.properties", Format::Properties),
        ("app_de.ts", Format::QtTs),
    ] {
        assert_eq!(formats::detect(Path::new(name)), f, "{name}");
    }
    assert!(Format::Json.is_keyed() && !Format::Json.is_bilingual());
    assert!(Format::XcStrings.is_bilingual() && Format::QtTs.is_bilingual());
    // A JSON file alone is one side only.
    assert!(matches!(
        formats::read_bilingual(&l10n("de.json")),
        Err(MtError::Usage(_))
    ));
}

#[test]
fn json_nested_pairs_by_key_path_with_exact_positions() {
    let (doc, u) = keyed_pair("en.json", "de.json");
    assert_eq!(unit(&u, "app.title"), ("Photo Album", "Fotoalbum"));
    assert_eq!(
        unit(&u, "app.quote"),
        (
            "Press \"Save\" to keep\nyour changes.",
            "Drücken Sie \"Speichern\", um\nIhre Änderungen zu behalten. Überall."
        )
    );
    assert_eq!(
        unit(&u, "steps[1]"),
        ("Add a caption.", "Fügen Sie eine Bildunterschrift hinzu.")
    );
    // Numbers and booleans are no units.
    assert!(!u.iter().any(|x| x.0 == "count" || x.0 == "enabled"));
    // Only in the source: an empty target; only in the target: an empty source, last.
    assert_eq!(
        unit(&u, "only_source"),
        ("Share the album with your friends.", "")
    );
    assert_eq!(u.last().map(|x| x.0.as_str()), Some("old_key"));
    assert_eq!(unit(&u, "old_key"), ("", "Album löschen"));
    // The value's position: "app.title" value "Fotoalbum" at line 3, column 15.
    assert_eq!(block_at(&doc.target, "app.title"), (3, 15));
    assert_eq!(block_at(&doc.target, "steps[1]"), (7, 38));
    // After the \u00dc escape the position is still exact.
    let quote = &doc.target.blocks[2];
    let at = doc.target.text[quote.range.clone()]
        .find("Überall")
        .unwrap();
    let (line, column) = doc.target.position(quote.range.start + at);
    assert_eq!(
        file_at(&raw("l10n/de.json"), line, column).get(..6),
        Some("\\u00dc")
    );
}

#[test]
fn chrome_messages_and_arb() {
    let (_, u) = keyed_pair("messages_en.json", "messages_de.json");
    assert_eq!(
        u,
        [
            ("extName".into(), "Tab Saver".into(), "Tab-Speicher".into()),
            (
                "greeting".into(),
                "Hello, $USER$!".into(),
                "Hallo, $USER$!".into()
            ),
        ]
    );
    let (doc, u) = keyed_pair("app_en.arb", "app_de.arb");
    assert_eq!(doc.source.lang.as_deref(), Some("en"));
    assert_eq!(doc.target.lang.as_deref(), Some("de"));
    assert_eq!(
        u.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        ["helloWorld", "itemCount"]
    );
}

#[test]
fn rails_yaml_pairs_under_locale_roots() {
    let (doc, u) = keyed_pair("en.yml", "de.yml");
    assert_eq!(doc.source.lang.as_deref(), Some("en"));
    assert_eq!(doc.target.lang.as_deref(), Some("de"));
    assert_eq!(
        u.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        [
            "activerecord.errors.blank",
            "home.title",
            "home.intro",
            "home.cart",
            "home.items[0]",
            "home.items[1]"
        ]
    );
    assert_eq!(
        unit(&u, "home.intro").1,
        "Durchsuchen Sie den Katalog.\nBestellen Sie online."
    );
    assert_eq!(block_at(&doc.target, "activerecord.errors.blank"), (4, 15));
    assert_eq!(block_at(&doc.target, "home.title"), (6, 12));
    assert_eq!(block_at(&doc.target, "home.items[1]"), (13, 9));
}

#[test]
fn android_strings_escapes_plurals_arrays_cdata() {
    let (doc, u) = keyed_pair("res/values/strings.xml", "res/values-de/strings.xml");
    // translatable="false" is skipped.
    assert!(!u.iter().any(|x| x.0 == "app_name"));
    assert_eq!(
        unit(&u, "welcome").0,
        "Don't forget to back up your photos."
    );
    assert_eq!(
        unit(&u, "quoted"),
        ("Say \"cheese\"", "Sagen Sie \"Cheese\"")
    );
    assert_eq!(
        unit(&u, "upload").1,
        "%1$s von %2$d Dateien werden hochgeladen\nBitte warten."
    );
    assert_eq!(
        unit(&u, "bold").1,
        "Tippen Sie auf <b>Teilen</b>, um zu senden & drucken."
    );
    assert_eq!(
        unit(&u, "cdata").1,
        "Lesen Sie zuerst die <i>Bedingungen</i>."
    );
    assert_eq!(unit(&u, "photos[one]"), ("%d photo", "%d Foto"));
    assert_eq!(unit(&u, "photos[other]"), ("%d photos", "%d Fotos"));
    assert_eq!(unit(&u, "sizes[1]"), ("Large", "Groß"));
    assert_eq!(
        unit(&u, "count").1,
        "<xliff:g id=\"count\" example=\"3\">%d</xliff:g> ausgewählt"
    );
    assert_eq!(block_at(&doc.target, "welcome"), (3, 28));
    assert_eq!(block_at(&doc.target, "photos[other]"), (10, 32));
}

#[test]
fn apple_strings_utf16_with_bom_and_utf8() {
    let doc = formats::read_pair(
        &l10n("en.lproj/Localizable.strings"),
        &l10n("de.lproj/Localizable.strings"),
    )
    .unwrap();
    let bytes = std::fs::read(l10n("de.lproj/Localizable.strings")).unwrap();
    assert_eq!(
        bytes[..2],
        [0xFF, 0xFE],
        "the fixture is UTF-16LE with a BOM"
    );
    let utf16: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let de_text = String::from_utf16(&utf16).unwrap();
    assert_chars_map_back(&doc.target, &de_text);
    assert_chars_map_back(&doc.source, &raw("l10n/en.lproj/Localizable.strings"));
    let u = units(&doc);
    assert_eq!(
        u,
        [
            ("main.title".into(), "Library".into(), "Bibliothek".into()),
            (
                "delete.confirm".into(),
                "Delete \"%@\"?".into(),
                "\"%@\" löschen?".into()
            ),
            (
                "multi".into(),
                "First line\nSecond line".into(),
                "Erste Zeile\nZweite Zeile".into()
            ),
        ]
    );
    assert_eq!(block_at(&doc.target, "delete.confirm"), (3, 21));
}

#[test]
fn java_properties_latin1_and_unicode_escapes() {
    let doc = formats::read_pair(
        &l10n("messages.properties"),
        &l10n("messages_de.properties"),
    )
    .unwrap();
    let latin1: String = std::fs::read(l10n("messages_de.properties"))
        .unwrap()
        .iter()
        .map(|&b| b as char)
        .collect();
    assert_chars_map_back(&doc.target, &latin1);
    let u = units(&doc);
    assert_eq!(unit(&u, "welcome").1, "Willkommen im Geschäft");
    assert_eq!(unit(&u, "greeting").1, "Hallo, {0}! Schön.");
    assert_eq!(
        unit(&u, "long.text").1,
        "Dies ist ein langer Text auf zwei Zeilen."
    );
    assert_eq!(unit(&u, "tab key").1, "Schlüssel mit Leerzeichen");
    // The continuation line is anchored: "Text" at line 5, column 5.
    let b = &doc.target.blocks[2];
    let at = doc.target.text[b.range.clone()].find("Text").unwrap();
    assert_eq!(doc.target.position(b.range.start + at), (5, 5));
}

#[test]
fn xcstrings_plural_and_device_variations() {
    let docs = formats::read_bilingual(&l10n("Localizable.xcstrings")).unwrap();
    let doc = &docs[0];
    assert_chars_map_back(&doc.source, &raw("l10n/Localizable.xcstrings"));
    assert_chars_map_back(&doc.target, &raw("l10n/Localizable.xcstrings"));
    assert_eq!(doc.target.lang.as_deref(), Some("de"));
    let u = units(doc);
    assert_eq!(unit(&u, "Settings"), ("Settings", "Einstellungen"));
    assert_eq!(
        unit(&u, "%lld photos[plural.one]"),
        ("%lld photo", "%lld Foto")
    );
    assert_eq!(
        unit(&u, "%lld photos[plural.other]"),
        ("%lld photos", "%lld Fotos")
    );
    assert_eq!(
        unit(&u, "Tap to continue[device.mac]"),
        ("Tap to continue", "Klicken, um fortzufahren")
    );
    assert_eq!(unit(&u, "Untranslated"), ("Untranslated", ""));
    assert!(
        !u.iter().any(|x| x.0 == "PhotoBox"),
        "shouldTranslate false is skipped"
    );
}

#[test]
fn qt_linguist_ts() {
    let docs = formats::read_bilingual(&l10n("app_de.ts")).unwrap();
    let doc = &docs[0];
    assert_chars_map_back(&doc.source, &raw("l10n/app_de.ts"));
    assert_chars_map_back(&doc.target, &raw("l10n/app_de.ts"));
    let u = units(doc);
    assert_eq!(
        u,
        [
            (
                "MainWindow|&Open file".into(),
                "&Open file".into(),
                "Datei &öffnen".into()
            ),
            ("MainWindow|Save".into(), "Save".into(), "".into()),
            (
                "MainWindow|%n file(s) deleted[0]".into(),
                "%n file(s) deleted".into(),
                "%n Datei gelöscht".into()
            ),
            (
                "MainWindow|%n file(s) deleted[1]".into(),
                "%n file(s) deleted".into(),
                "%n Dateien gelöscht".into()
            ),
        ]
    );
}

#[test]
fn key_pairs_report_missing_and_obsolete_keys_not_errors() {
    let doc = formats::read_pair(&l10n("en.json"), &l10n("de.json")).unwrap();
    let found = findings(doc);
    let de = raw("l10n/de.json");
    assert_finding_at(&found, &de, "MT028", 10, 15);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "MT022" && f.3 == "Share the album with your friends.")
    );
    // The obsolete key is no added sentence, the missing one no omitted sentence.
    assert!(
        !found
            .iter()
            .any(|f| f.0 == "MT008" && f.3 == "Album löschen")
    );
    assert!(!found.iter().any(|f| f.0 == "MT007"));
}

#[test]
fn conventional_layouts_pair_in_one_folder() {
    let inputs = batch::collect(None, &fixture("l10n")).unwrap();
    let pairs: Vec<(String, String)> = inputs
        .iter()
        .filter_map(|i| match i {
            batch::Input::Pair { source, target } => Some((
                source
                    .strip_prefix(fixture("l10n"))
                    .unwrap()
                    .display()
                    .to_string(),
                target
                    .strip_prefix(fixture("l10n"))
                    .unwrap()
                    .display()
                    .to_string(),
            )),
            batch::Input::Bilingual(_) => None,
        })
        .collect();
    for (s, t) in [
        ("en.json", "de.json"),
        ("messages_en.json", "messages_de.json"),
        ("app_en.arb", "app_de.arb"),
        ("en.yml", "de.yml"),
        ("res/values/strings.xml", "res/values-de/strings.xml"),
        (
            "en.lproj/Localizable.strings",
            "de.lproj/Localizable.strings",
        ),
        ("messages.properties", "messages_de.properties"),
    ] {
        assert!(
            pairs.contains(&(s.to_string(), t.to_string())),
            "{s} ↔ {t} not paired: {pairs:?}"
        );
    }
    assert_eq!(pairs.len(), 7, "{pairs:?}");
    assert_eq!(
        batch::conventional_sources(Path::new("locales/de-AT/common.json")),
        Some(vec![PathBuf::from("locales/en/common.json")])
    );
    assert_eq!(batch::conventional_sources(Path::new("package.json")), None);
}

#[test]
fn source_and_target_dirs_pair_localisation_files_by_relative_path() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en");
    let de = dir.path().join("de");
    common::write(
        &en,
        "common.json",
        r#"{"a": "Open the file.", "b": "Close it."}"#,
    );
    common::write(
        &de,
        "common.json",
        r#"{"a": "Öffnen Sie die Datei.", "c": "Alt."}"#,
    );
    let inputs = batch::collect(Some(&en), &de).unwrap();
    assert_eq!(
        inputs,
        [batch::Input::Pair {
            source: en.join("common.json"),
            target: de.join("common.json")
        }]
    );
    let docs = inputs[0].read().unwrap();
    let u = units(&docs[0]);
    assert_eq!(
        u.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
}

/// Malformed localisation files: an error naming the file, line and column; never a panic.
#[test]
fn malformed_localisation_files_are_errors_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let good = |name: &str, text: &str| common::write(dir.path(), name, text);
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "json",
            "{\"a\": \"x\"}",
            "{\n  \"a\": \"x\"\n  \"b\": \"y\"\n}",
            "3:3",
        ),
        ("json", "{\"a\": \"x\"}", "{\"a\": \"unterminated}", "1:7"),
        (
            "json",
            "{\"a\": \"x\"}",
            "{\"a\": \"bad \\q escape\"}",
            "1:12",
        ),
        (
            "json",
            "{\"a\": \"x\"}",
            "{\"a\": \"x\", \"a\": \"y\"}",
            "1:12",
        ),
        (
            "json",
            "{\"a\": \"x\"}",
            &format!("{}{}", "[".repeat(5000), "]".repeat(5000)),
            "1:",
        ),
        ("json", "{\"a\": \"x\"}", "[\"a list\"]", "1:1"),
        ("arb", "{\"a\": \"x\"}", "{\"a\": tru}", "1:7"),
        ("yml", "en:\n  a: x\n", "de:\n  a: \"unterminated\n", "2:"),
        ("yml", "en:\n  a: x\n", "de:\n  a: x\n   b: y\n", "3:"),
        ("yml", "en:\n  a: x\n", "- a\n- b\n", "1:1"),
        (
            "xml",
            "<resources><string name=\"a\">x</string></resources>",
            "<resources>\n<string name=\"a\">x</strin>\n</resources>",
            "2:",
        ),
        (
            "xml",
            "<resources><string name=\"a\">x</string></resources>",
            "<resources>\n  <string>x</string>\n</resources>",
            "2:3",
        ),
        (
            "xml",
            "<resources><string name=\"a\">x</string></resources>",
            "<manifest/>",
            "1:1",
        ),
        (
            "strings",
            "\"a\" = \"x\";",
            "\"a\" = \"x\"\n\"b\" = \"y\";",
            "2:1",
        ),
        ("strings", "\"a\" = \"x\";", "\"a\" = \"x;\n", "1:7"),
        (
            "strings",
            "\"a\" = \"x\";",
            "/* open comment\n\"a\" = \"x\";",
            "1:1",
        ),
        ("properties", "a=x\n", "a=x\nb=bad \\u00zz escape\n", "2:7"),
    ];
    for (ext, source, target, at) in cases {
        let s = good(&format!("en.{ext}"), source);
        let t = good(&format!("de.{ext}"), target);
        match formats::read_pair(&s, &t) {
            Err(e @ MtError::Format { .. }) => {
                let msg = e.to_string();
                assert!(
                    msg.starts_with(&format!("{}: {at}", t.display())),
                    "{ext} {target:?}: {msg}"
                );
            }
            other => panic!("{ext} {target:?}: expected a format error, got {other:?}"),
        }
    }
    for (name, text, at) in [
        ("bad.xcstrings", "{\"strings\": {\"a\": }}", "1:19"),
        ("bad.xcstrings", "{\"version\": \"1.0\"}", "1:1"),
        (
            "bad.ts",
            "<TS>\n<context><message><source>x</source>\n",
            "2:10",
        ),
    ] {
        let p = good(name, text);
        match formats::read_bilingual(&p) {
            Err(e @ MtError::Format { .. }) => {
                let msg = e.to_string();
                assert!(
                    msg.starts_with(&format!("{}: {at}", p.display())),
                    "{name}: {msg}"
                );
            }
            other => panic!("{name}: expected a format error, got {other:?}"),
        }
    }
}

#[test]
fn cli_checks_a_json_pair_and_stops_with_exit_2_on_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    common::mtlint()
        .args(["check"])
        .arg(l10n("en.json"))
        .arg(l10n("de.json"))
        .arg("-o")
        .arg(&report)
        .assert()
        .code(predicates::ord::lt(2));
    let rows = common::report_rows(&report);
    assert!(
        rows.iter()
            .any(|r| r["code"] == "MT028" && r["span"] == "Album löschen")
    );
    let bad = common::write(dir.path(), "de.json", "{\n  \"a\": \"x\",\n}");
    let out = common::mtlint()
        .args(["check"])
        .arg(l10n("en.json"))
        .arg(&bad)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains(&format!("{}: 3:1: malformed JSON", bad.display())),
        "{stderr}"
    );
}

/// The localisation fixtures, as (source, target) — target only for bilingual files.
const L10N_FIXTURES: &[(&str, &str)] = &[
    ("en.json", "de.json"),
    ("messages_en.json", "messages_de.json"),
    ("app_en.arb", "app_de.arb"),
    ("en.yml", "de.yml"),
    ("res/values/strings.xml", "res/values-de/strings.xml"),
    (
        "en.lproj/Localizable.strings",
        "de.lproj/Localizable.strings",
    ),
    ("messages.properties", "messages_de.properties"),
    ("", "Localizable.xcstrings"),
    ("", "app_de.ts"),
];

/// Read `bytes` as the target of fixture pair `which` (written under `dir`) and check what
/// reads: any result but a panic is fine.
fn read_mangled(dir: &Path, which: usize, bytes: &[u8]) {
    let (source, target) = L10N_FIXTURES[which % L10N_FIXTURES.len()];
    let name = Path::new(target).file_name().unwrap();
    let t = dir.join(format!("mangled-{which}")).join(name);
    std::fs::create_dir_all(t.parent().unwrap()).unwrap();
    std::fs::write(&t, bytes).unwrap();
    let docs = if source.is_empty() {
        formats::read_bilingual(&t)
    } else {
        formats::read_pair(&l10n(source), &t).map(|d| vec![d])
    };
    for doc in docs.into_iter().flatten() {
        findings(doc);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

    /// Random bytes never panic a localisation reader.
    #[test]
    fn random_bytes_never_panic_localisation_readers(
        which in 0usize..9,
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
    ) {
        let dir = tempfile::tempdir().unwrap();
        read_mangled(dir.path(), which, &bytes);
    }

    /// A fixture cut short, with random bytes spliced in, never panics its reader.
    #[test]
    fn mangled_fixtures_never_panic_localisation_readers(
        which in 0usize..9,
        cut in 0usize..2000,
        at in 0usize..2000,
        splice in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..8),
    ) {
        let (_, target) = L10N_FIXTURES[which];
        let mut bytes = std::fs::read(l10n(target)).unwrap();
        bytes.truncate(cut.max(1).min(bytes.len()));
        let at = at.min(bytes.len());
        bytes.splice(at..at, splice);
        let dir = tempfile::tempdir().unwrap();
        read_mangled(dir.path(), which, &bytes);
    }
}

#[test]
fn folder_scans_leave_typescript_and_other_xml_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (en, de) = (dir.path().join("en"), dir.path().join("de"));
    for side in [&en, &de] {
        common::write(side, "app.ts", "export const x: number = 1;\n");
        common::write(side, "layout.xml", "<LinearLayout></LinearLayout>\n");
        common::write(
            side,
            "strings.xml",
            "<resources><string name=\"a\">Open</string></resources>\n",
        );
    }
    let inputs = batch::collect(Some(&en), &de).unwrap();
    assert_eq!(
        inputs,
        [batch::Input::Pair {
            source: en.join("strings.xml"),
            target: de.join("strings.xml")
        }]
    );
    // One folder: the TypeScript file is no Qt Linguist file.
    common::write(
        &de,
        "real.ts",
        "<?xml version=\"1.0\"?>\n<TS language=\"de\"></TS>\n",
    );
    let inputs = batch::collect(None, &de).unwrap();
    assert_eq!(inputs, [batch::Input::Bilingual(de.join("real.ts"))]);
}
