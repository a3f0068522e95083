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
    assert_eq!(d.target.blocks[1].ignore, vec!["MT012", "MT005"]);
    assert!(d.target.blocks[0].ignore.is_empty());
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
        b.ignore.clear();
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
    assert!(d.target.blocks.iter().all(|b| b.ignore == vec!["MT012"]));
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
    assert_eq!(de.target.blocks[0].ignore, vec!["MT011"]);
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
        .map(|b| b.id.clone().unwrap())
        .collect();
    assert_eq!(ids[1], "button|Save");
    assert_eq!(ids[3], "One file was deleted.[0]");
    assert_eq!(ids[4], "One file was deleted.[1]");
    assert_eq!(d.target.blocks[1].ignore, vec!["MT012"]);
    assert!(d.target.blocks[0].ignore.is_empty());
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
    assert_eq!(d.target.blocks[1].ignore, vec!["MT006"]);
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
