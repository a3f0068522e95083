//! CSV and TSV files with `source` and `target` columns (`.csv`, `.tsv`), read with the
//! `csv` crate.
//!
//! - The first row is the header; the columns named `source` and `target` (case-insensitive,
//!   any order, other columns allowed) hold the texts. Optional columns: `id` (or `key`) for
//!   the block id, and `note`/`notes`/`comment`/`comments` for an
//!   `mtlint: ignore MT012` marker.
//! - One [`Document`] per file; each row with a non-empty source and target is one block on
//!   each side; rows with an empty target are skipped (untranslated).
//! - CSV follows RFC 4180: fields may be quoted with `"`, a quote inside is doubled, quoted
//!   fields may span lines. TSV has no quoting (a `"` is an ordinary char, as in the IANA
//!   TSV definition): fields cannot contain tabs or line breaks.
//! - Positions: a block starts at its field's first char (after the opening quote); a
//!   doubled quote `""` is anchored so columns after it stay exact.
//! - A row with a different number of fields than the header is an error with its line.

use std::path::Path;

use super::{DocBuilder, Locator, Unit, UnitText, format_error, parse_ignore_directive};
use crate::error::{MtError, Result};
use crate::model::Document;

/// Read a CSV (`delimiter = b','`) or TSV (`b'\t'`) file.
pub fn read(path: &Path, delimiter: u8) -> Result<Vec<Document>> {
    let text = super::read_bilingual_text(path)?;
    parse(path, &text, delimiter).map(|d| vec![d])
}

fn csv_error(path: &Path, e: csv::Error) -> MtError {
    let line = match e.kind() {
        csv::ErrorKind::UnequalLengths { pos: Some(p), .. } => p.line() as usize,
        _ => e.position().map(|p| p.line() as usize).unwrap_or(1),
    };
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} fields, the header {expected_len}"),
        _ => e.to_string(),
    };
    format_error(path, line, 1, message)
}

/// Parse CSV/TSV text read from `path`.
pub fn parse(path: &Path, text: &str, delimiter: u8) -> Result<Document> {
    let quoting = delimiter != b'\t';
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(quoting)
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(path, e))?.clone();
    let column = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    };
    let (Some(src_col), Some(tgt_col)) = (column(&["source"]), column(&["target"])) else {
        return Err(format_error(
            path,
            1,
            1,
            "the header row needs a `source` and a `target` column",
        ));
    };
    let id_col = column(&["id", "key"]);
    let note_col = column(&["note", "notes", "comment", "comments"]);
    let loc = Locator::new(text);
    let mut doc = DocBuilder::new(path, None, None);
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let start = record.position().map(|p| p.byte() as usize).unwrap_or(0);
        let side = |col: usize| -> UnitText {
            let value = record.get(col).unwrap_or("");
            match field_text(text, start, col, delimiter, quoting, &loc) {
                Some(u) if u.text == value => u,
                // Should not happen; fall back to the field as csv read it, anchored at the
                // record's start.
                _ => {
                    let (line, column) = loc.at(start);
                    let mut u = UnitText::default();
                    u.push(value, line, column);
                    u
                }
            }
        };
        let ignore = note_col
            .and_then(|c| record.get(c))
            .map(parse_ignore_directive)
            .unwrap_or_default();
        doc.push(&Unit {
            id: id_col
                .and_then(|c| record.get(c))
                .map(str::to_string)
                .filter(|s| !s.is_empty()),
            source: side(src_col),
            target: side(tgt_col),
            ignore,
        });
    }
    Ok(doc.finish(path.display().to_string()))
}

/// The text of field `index` of the record starting at byte `start`, with positions.
fn field_text(
    text: &str,
    start: usize,
    index: usize,
    delimiter: u8,
    quoting: bool,
    loc: &Locator,
) -> Option<UnitText> {
    let bytes = text.as_bytes();
    let mut pos = start;
    for k in 0..=index {
        let mut unit = UnitText::default();
        if quoting && bytes.get(pos) == Some(&b'"') {
            let mut run = pos + 1;
            let mut i = pos + 1;
            loop {
                match bytes.get(i) {
                    None => {
                        push(&mut unit, text, run, i, loc);
                        pos = i;
                        break;
                    }
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                        push(&mut unit, text, run, i, loc);
                        let (line, column) = loc.at(i);
                        unit.push("\"", line, column);
                        i += 2;
                        run = i;
                    }
                    Some(b'"') => {
                        push(&mut unit, text, run, i, loc);
                        pos = i + 1;
                        // Anything up to the delimiter (non-standard) is skipped.
                        while let Some(&b) = bytes.get(pos) {
                            if b == delimiter || b == b'\n' {
                                break;
                            }
                            pos += 1;
                        }
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
        } else {
            let mut i = pos;
            while let Some(&b) = bytes.get(i) {
                if b == delimiter || b == b'\n' {
                    break;
                }
                i += 1;
            }
            push(&mut unit, text, pos, i, loc);
            pos = i;
        }
        if k == index {
            return Some(unit);
        }
        if bytes.get(pos) != Some(&delimiter) {
            return None;
        }
        pos += 1;
    }
    None
}

fn push(unit: &mut UnitText, text: &str, from: usize, to: usize, loc: &Locator) {
    if let Some(s) = text.get(from..to) {
        let (line, column) = loc.at(from);
        unit.push(s, line, column);
    }
}
