//! What each fuzz target checks, shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and
//! by `tests/fuzz_regressions.rs`, which runs the inputs the fuzzers once crashed on (kept
//! in `tests/fuzz_regressions/<target>/`) on every `cargo test`.
//!
//! Each function takes the raw fuzz input, returns normally when the input is rejected with
//! an error or holds every invariant, and panics otherwise.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::Path;

use mtlint::align::{AlignConfig, align as align_sentences};
use mtlint::formats::keyed::{self, Entries};
use mtlint::formats::{decode_text, plaintext};
use mtlint::model::{Document, Lang, Side, SideText};
use mtlint::pipeline::{Settings, check_document};
use mtlint::report::{self, Row};

/// The bead shapes the aligner may produce (`src/align/mod.rs`, `shapes`): Gale–Church's six
/// plus 3-1, 1-3 and the rare 2-3, 3-2, 1-4, 4-1.
pub const ALLOWED_SHAPES: [(usize, usize); 12] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (2, 3),
    (3, 2),
    (1, 4),
    (4, 1),
];

/// A fuzz target's check: panics when an invariant breaks.
pub type Target = fn(&[u8]);

/// The targets, by name (the folder names under `tests/fuzz_regressions/`).
pub const TARGETS: [(&str, Target); 16] = [
    ("plaintext", plaintext_reader),
    ("segment", segment),
    ("align", align),
    ("pipeline", pipeline),
    ("xliff", xliff),
    ("tmx", tmx),
    ("po", po),
    ("tsv", tsv),
    ("markdown", markdown),
    ("json", json),
    ("xcstrings", xcstrings),
    ("yaml", yaml),
    ("android", android),
    ("apple", apple),
    ("properties", properties),
    ("qt", qt),
];

/// Blocks in order, on char boundaries, inside the text; their anchors sorted, inside the
/// block, on char boundaries; positions computable.
pub fn check_side(side: &SideText) {
    let mut prev = 0;
    for b in &side.blocks {
        assert!(b.range.start <= b.range.end && b.range.end <= side.text.len());
        assert!(prev <= b.range.start, "blocks out of order");
        assert!(side.text.is_char_boundary(b.range.start));
        assert!(side.text.is_char_boundary(b.range.end));
        assert!(b.line >= 1 && b.column >= 1);
        // Anchors sorted by offset, inside their block, on char boundaries.
        let mut after = b.range.start;
        for a in &b.anchors {
            assert!(
                after <= a.offset && a.offset <= b.range.end,
                "anchor outside its block"
            );
            assert!(side.text.is_char_boundary(a.offset));
            assert!(a.line >= 1 && a.column >= 1);
            after = a.offset;
        }
        let _ = side.position(b.range.start);
        let _ = side.position(b.range.end);
        prev = b.range.end;
    }
}

/// A document goes through segment → align → check → rows → CSV; spans lie on char
/// boundaries inside their pair text and the CSV reads back (csv crate + restore) to the
/// same rows.
pub fn check_document_runs(doc: Document) {
    check_side(&doc.source);
    check_side(&doc.target);
    let checked = check_document(doc, &Settings::default(), &mtlint::checks::registry());
    for (i, f) in &checked.findings {
        let pair = &checked.pairs[*i];
        let text = match f.side {
            Side::Target => &checked.doc.target.text[pair.target_range()],
            Side::Source => &checked.doc.source.text[pair.source_range()],
        };
        assert!(f.span.start <= f.span.end && f.span.end <= text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
    }
    let rows = report::rows(&checked, true);
    let mut out = Vec::new();
    report::csv::write(&mut out, &rows).expect("write to Vec");
    let mut reader = csv::ReaderBuilder::new().from_reader(&out[..]);
    let headers = reader.headers().expect("header").clone();
    let back: Vec<Row> = reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            let restored: csv::StringRecord = r.iter().map(report::csv::restore).collect();
            restored.deserialize(Some(&headers)).expect("row")
        })
        .collect();
    // The CSV holds the columns; what the report bounds add to a summary row (its left-out
    // counts) is not a column and does not read back.
    let columns: Vec<Row> = rows
        .iter()
        .map(|r| Row {
            bounds: None,
            ..r.clone()
        })
        .collect();
    assert_eq!(back, columns);
}

/// Plain-text reader: bytes → decode (UTF-8, BOM, CRLF, NUL, UTF-16) → paragraphs, trimmed
/// and non-empty, at the (line, column) they start.
pub fn plaintext_reader(data: &[u8]) {
    let Ok(text) = decode_text(Path::new("fuzz.txt"), data.to_vec()) else {
        return;
    };
    let side = plaintext::from_text("fuzz.txt".into(), text);
    check_side(&side);
    for b in &side.blocks {
        let t = &side.text[b.range.clone()];
        assert!(!t.is_empty());
        assert_eq!(t.trim(), t);
        assert_eq!(side.position(b.range.start), b.at());
    }
}

/// Segmenter (first byte picks en or de): sentences in order, non-overlapping, trimmed, on
/// char boundaries, covering every non-white-space char.
pub fn segment(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let lang = if first & 1 == 0 { Lang::En } else { Lang::De };
    let mut prev = 0;
    for r in mtlint::segment::split(text, lang) {
        assert!(prev <= r.start && r.start < r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert!(text[prev..r.start].chars().all(char::is_whitespace));
        let s = &text[r.clone()];
        assert_eq!(s.trim(), s);
        prev = r.end;
    }
    assert!(text[prev..].chars().all(char::is_whitespace));
}

/// Aligner: sentences are the lines of the two halves of the input (split at the first NUL).
/// Every sentence in exactly one bead, in order; allowed shapes; score in 0..=1.
pub fn align(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = text.split_once('\0').unwrap_or((text, ""));
    let src: Vec<&str> = a.lines().take(200).collect();
    let tgt: Vec<&str> = b.lines().take(200).collect();
    let beads = align_sentences(&src, &tgt, &AlignConfig::default());
    let (mut i, mut j) = (0, 0);
    for bead in &beads {
        assert_eq!((bead.source().start, bead.target().start), (i, j));
        let shape = (bead.source().len(), bead.target().len());
        assert!(ALLOWED_SHAPES.contains(&shape), "shape {shape:?}");
        assert!((0.0..=1.0).contains(&bead.score), "score {}", bead.score);
        i = bead.source().end;
        j = bead.target().end;
    }
    assert_eq!((i, j), (src.len(), tgt.len()));
}

/// The whole pipeline on a pair: bytes split at the first NUL into source and target, each
/// read as plain text.
pub fn pipeline(data: &[u8]) {
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (a, b) = (&data[..cut], data.get(cut + 1..).unwrap_or(&[]));
    let path = Path::new("fuzz.txt");
    let (Ok(a), Ok(b)) = (decode_text(path, a.to_vec()), decode_text(path, b.to_vec())) else {
        return;
    };
    let source = plaintext::from_text("src".into(), a);
    let target = plaintext::from_text("tgt".into(), b);
    let paired = !source.blocks.is_empty() && source.blocks.len() == target.blocks.len();
    check_document_runs(Document {
        id: "tgt".into(),
        source,
        target,
        paired,
    });
}

fn utf8(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// XLIFF reader (1.2 and 2.x): errors are fine; documents go through the pipeline.
pub fn xliff(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    if let Ok(docs) = mtlint::formats::xliff::parse(Path::new("fuzz.xlf"), text) {
        docs.into_iter().for_each(check_document_runs);
    }
}

/// TMX reader: errors are fine; documents go through the pipeline.
pub fn tmx(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    if let Ok(docs) = mtlint::formats::tmx::parse(Path::new("fuzz.tmx"), text) {
        docs.into_iter().for_each(check_document_runs);
    }
}

/// PO reader: errors are fine; the document goes through the pipeline.
pub fn po(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    if let Ok(doc) = mtlint::formats::po::parse(Path::new("fuzz.po"), text) {
        check_document_runs(doc);
    }
}

/// TSV/CSV reader (first byte picks tab or comma): the document goes through the pipeline.
pub fn tsv(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = utf8(rest) else { return };
    let delimiter = if first & 1 == 0 { b'\t' } else { b',' };
    if let Ok(doc) = mtlint::formats::table::parse(Path::new("fuzz.tsv"), text, delimiter) {
        check_document_runs(doc);
    }
}

/// Markdown reader: blocks hold the reader invariants and segment without panicking.
pub fn markdown(data: &[u8]) {
    let Some(text) = utf8(data) else { return };
    let side = mtlint::formats::markdown::from_text("fuzz.md".into(), text);
    check_side(&side);
    let _ = mtlint::segment::segment_side(&side, Lang::De);
}

/// `(line, column)` (1-based, column in chars) names a place in `file` or one past the end
/// of its line.
fn inside(file: &str, (line, column): (usize, usize)) -> bool {
    line >= 1
        && column >= 1
        && file
            .split('\n')
            .nth(line - 1)
            .is_some_and(|l| column <= l.chars().count() + 1)
}

/// Every block and every anchor of `side` points into `file`, the text it was read from.
fn check_points_into(side: &SideText, file: &str) {
    for b in &side.blocks {
        assert!(
            inside(file, b.at()),
            "block at {:?} outside the file",
            b.at()
        );
        for a in &b.anchors {
            assert!(
                inside(file, a.at()),
                "anchor at {:?} outside the file",
                a.at()
            );
        }
    }
}

/// A keyed reader's entries: keys unique, each at a place of the file, in file order.
fn check_entries(entries: &Entries, file: &str) {
    let mut keys = HashSet::new();
    let mut prev = (0, 0);
    for e in &entries.entries {
        assert!(keys.insert(e.key.as_str()), "key '{}' twice", e.key);
        let at = (e.line, e.column);
        assert!(
            inside(file, at),
            "entry '{}' at {at:?} outside the file",
            e.key
        );
        assert!(prev < at, "entry '{}' at {at:?} not after {prev:?}", e.key);
        prev = at;
    }
}

/// A keyed pair: the input split at the first NUL into source and target text, both read by
/// `read`; the entries hold [`check_entries`], and `keyed::pair` makes a paired document
/// whose blocks are exactly the non-blank source entries (with the target of the same key,
/// else an empty one), then the non-blank target entries the source lacks, in that order,
/// each text trimmed; every position points into its file; the document goes through the
/// pipeline.
fn keyed_pair(data: &[u8], read: impl Fn(&Path, &str) -> mtlint::error::Result<Entries>) {
    let Some(text) = utf8(data) else { return };
    let (a, b) = text.split_once('\0').unwrap_or((text, ""));
    let (sp, tp) = (Path::new("src"), Path::new("tgt"));
    let (Ok(s), Ok(t)) = (read(sp, a), read(tp, b)) else {
        return;
    };
    check_entries(&s, a);
    check_entries(&t, b);
    let mut expected: Vec<(&str, &str, &str)> = Vec::new();
    let by_key: HashMap<&str, &str> = t
        .entries
        .iter()
        .map(|e| (e.key.as_str(), e.text()))
        .collect();
    let in_source: HashSet<&str> = s.entries.iter().map(|e| e.key.as_str()).collect();
    for e in &s.entries {
        if !e.text().trim().is_empty() {
            let target = by_key.get(e.key.as_str()).map_or("", |t| t.trim());
            expected.push((&e.key, e.text().trim(), target));
        }
    }
    for e in &t.entries {
        if !in_source.contains(e.key.as_str()) && !e.text().trim().is_empty() {
            expected.push((&e.key, "", e.text().trim()));
        }
    }
    let doc = keyed::pair(sp, tp, s.clone(), t.clone());
    assert!(doc.paired);
    assert_eq!(doc.source.lang, s.lang);
    assert_eq!(doc.target.lang, t.lang);
    let got: Vec<(&str, &str, &str)> = doc
        .source
        .blocks
        .iter()
        .zip(&doc.target.blocks)
        .map(|(sb, tb)| {
            assert_eq!(sb.id, tb.id);
            (
                sb.id.as_deref().expect("a keyed block has its key as id"),
                &doc.source.text[sb.range.clone()],
                &doc.target.text[tb.range.clone()],
            )
        })
        .collect();
    assert_eq!(doc.source.blocks.len(), doc.target.blocks.len());
    assert_eq!(got, expected);
    check_points_into(&doc.source, a);
    check_points_into(&doc.target, b);
    check_document_runs(doc);
}

/// JSON and ARB reader (the first byte's low bit picks ARB), as a keyed pair.
pub fn json(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let arb = first & 1 == 1;
    keyed_pair(rest, |p, t| mtlint::formats::json::parse_entries(p, t, arb));
}

/// YAML reader, as a keyed pair.
pub fn yaml(data: &[u8]) {
    keyed_pair(data, mtlint::formats::yaml::parse_entries);
}

/// Android `strings.xml` reader, as a keyed pair.
pub fn android(data: &[u8]) {
    keyed_pair(data, mtlint::formats::android::parse_entries);
}

/// Apple `.strings` reader, as a keyed pair.
pub fn apple(data: &[u8]) {
    keyed_pair(data, mtlint::formats::apple::parse_entries);
}

/// Java `.properties` reader, as a keyed pair.
pub fn properties(data: &[u8]) {
    keyed_pair(data, mtlint::formats::properties::parse_entries);
}

/// Apple string catalog (`.xcstrings`, bilingual JSON): errors are fine; positions point
/// into the file; the document goes through the pipeline.
pub fn xcstrings(data: &[u8]) {
    bilingual_file(
        data,
        "fuzz.xcstrings",
        mtlint::formats::json::parse_xcstrings,
    );
}

/// Qt Linguist `.ts` reader: errors are fine; positions point into the file; the document
/// goes through the pipeline.
pub fn qt(data: &[u8]) {
    bilingual_file(data, "fuzz.ts", mtlint::formats::qt::parse);
}

/// A file that holds both languages, read by `parse`: errors are fine; both sides' positions
/// point into the file; the document goes through the pipeline.
fn bilingual_file(
    data: &[u8],
    name: &str,
    parse: fn(&Path, &str) -> mtlint::error::Result<Document>,
) {
    let Some(text) = utf8(data) else { return };
    if let Ok(doc) = parse(Path::new(name), text) {
        check_points_into(&doc.source, text);
        check_points_into(&doc.target, text);
        check_document_runs(doc);
    }
}
