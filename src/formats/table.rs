//! CSV and TSV files with `source` and `target` columns (`.csv`, `.tsv`), read with the
//! `csv` crate.
//!
//! - The first row is the header; the columns named `source` and `target` (case-insensitive,
//!   any order, other columns allowed) hold the texts. Optional columns: `id` (or `key`) for
//!   the block id, and `note`/`notes`/`comment`/`comments` for an
//!   `mtlint: ignore MT012` marker.
//! - One [`Document`] per file; each row with a non-empty source is one block on each side;
//!   a row with an empty target has an empty target block (untranslated: MT022).
//! - CSV follows RFC 4180: fields may be quoted with `"`, a quote inside is doubled, quoted
//!   fields may span lines. TSV has no quoting (a `"` is an ordinary char, as in the IANA
//!   TSV definition): fields cannot contain tabs or line breaks.
//! - Positions: a block starts at its field's first char (after the opening quote); a
//!   doubled quote `""` is anchored so columns after it stay exact.
//! - A row with a different number of fields than the header is an error with its line; a
//!   quoted field that is never closed is an error naming the line where it opens.
//! - Semicolons: a `.csv` file whose header row is separated by `;` instead of `,` (as
//!   spreadsheets in German locales save CSV, and as `mtlint check --excel` writes it) is
//!   read with `;` as the delimiter, when the header split at `;` has `source` and `target`
//!   columns and split at `,` does not. A header separated by tabs in a `.csv` (or by `,`
//!   or `;` in a `.tsv`) is an error that says to rename the file.
//! - Header names must be unique (case-insensitive, ignoring surrounding white space):
//!   a column named twice is an error naming both positions.

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

/// The fields of the first line of `text` split at `delimiter` (empty when it cannot be read).
fn first_line_fields(text: &str, delimiter: u8) -> Vec<String> {
    let line = text.split('\n').next().unwrap_or("");
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(delimiter != b'\t')
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .and_then(|r| r.ok())
        .map(|r| r.iter().map(str::to_string).collect())
        .unwrap_or_default()
}

fn has_source_and_target<S: AsRef<str>>(names: &[S]) -> bool {
    let has = |n: &str| {
        names
            .iter()
            .any(|h| h.as_ref().trim().eq_ignore_ascii_case(n))
    };
    has("source") && has("target")
}

fn delimiter_name(d: u8) -> &'static str {
    match d {
        b',' => "','",
        b';' => "';'",
        _ => "tabs",
    }
}

/// The delimiter to read `text` with: `delimiter`, or `;` for a `.csv` whose header is
/// clearly separated by semicolons; an error when the header is clearly separated by
/// something a file of this extension cannot have.
fn sniff(path: &Path, text: &str, delimiter: u8) -> Result<u8> {
    if has_source_and_target(&first_line_fields(text, delimiter)) {
        return Ok(delimiter);
    }
    let others: &[u8] = if delimiter == b',' { b";\t" } else { b",;" };
    for &other in others {
        if !has_source_and_target(&first_line_fields(text, other)) {
            continue;
        }
        if delimiter == b',' && other == b';' {
            return Ok(b';');
        }
        let advice = if other == b'\t' {
            "rename the file .tsv (tab-separated)"
        } else {
            "rename the file .csv (comma- or semicolon-separated)"
        };
        return Err(format_error(
            path,
            1,
            1,
            format!(
                "the header is separated by {}, not {}; {advice}",
                delimiter_name(other),
                delimiter_name(delimiter)
            ),
        ));
    }
    Ok(delimiter)
}

/// The byte where a quoted field opens that is never closed (RFC 4180 as the `csv` crate
/// reads it: a quote opens a field only as its first char; `""` inside is a quote).
fn unterminated_quote(text: &str, delimiter: u8) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut field_start = true;
    while i < b.len() {
        let c = b[i];
        if field_start && c == b'"' {
            let open = i;
            i += 1;
            loop {
                match b.get(i) {
                    None => return Some(open),
                    Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            field_start = false;
            continue;
        }
        field_start = c == delimiter || c == b'\n' || c == b'\r';
        i += 1;
    }
    None
}

/// Parse CSV/TSV text read from `path`.
pub fn parse(path: &Path, text: &str, delimiter: u8) -> Result<Document> {
    let delimiter = sniff(path, text, delimiter)?;
    let quoting = delimiter != b'\t';
    if quoting && let Some(open) = unterminated_quote(text, delimiter) {
        let (line, column) = Locator::new(text).at(open);
        return Err(format_error(
            path,
            line,
            column,
            format!(
                "unterminated quoted field starting at line {line}: the `\"` here never closes; close it, or double a quote inside a field (\"\")"
            ),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(quoting)
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(path, e))?.clone();
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    for (j, name) in names.iter().enumerate() {
        if let Some(i) = names[..j].iter().position(|n| !n.is_empty() && n == name) {
            return Err(format_error(
                path,
                1,
                1,
                format!(
                    "column '{}' appears twice in the header (columns {} and {}); rename or remove one",
                    headers.get(j).unwrap_or("").trim(),
                    i + 1,
                    j + 1
                ),
            ));
        }
    }
    let column = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    };
    let (Some(src_col), Some(tgt_col)) = (column(&["source"]), column(&["target"])) else {
        let found: Vec<&str> = headers.iter().map(str::trim).collect();
        return Err(format_error(
            path,
            1,
            1,
            format!(
                "the header row needs a `source` and a `target` column (separated by {}); found: {}",
                delimiter_name(delimiter),
                found.join(" | ")
            ),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str, delimiter: u8) -> String {
        parse(Path::new("t.csv"), text, delimiter)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn semicolon_csv_is_read() {
        let doc = parse(
            Path::new("t.csv"),
            "id;source;target\n1;\"Hello; world\";Hallo Welt\n",
            b',',
        )
        .unwrap();
        assert_eq!(doc.source.text, "Hello; world");
        assert_eq!(doc.target.text, "Hallo Welt");
        // A comma CSV whose texts contain semicolons stays a comma CSV.
        let doc = parse(Path::new("t.csv"), "source,target\na;b,c;d\n", b',').unwrap();
        assert_eq!(
            (doc.source.text.as_str(), doc.target.text.as_str()),
            ("a;b", "c;d")
        );
    }

    #[test]
    fn wrong_separators_name_the_fix() {
        let e = err("source\ttarget\nA\tB\n", b',');
        assert!(
            e.contains("separated by tabs, not ','; rename the file .tsv"),
            "{e}"
        );
        let e = err("source,target\nA,B\n", b'\t');
        assert!(
            e.contains("separated by ',', not tabs; rename the file .csv"),
            "{e}"
        );
        let e = err("Quelle,Ziel\nA,B\n", b',');
        assert!(e.contains("found: Quelle | Ziel"), "{e}");
    }

    #[test]
    fn unterminated_quote_names_where_it_opens() {
        let e = err("source,target\nA,B\n\"C,D\nE,F\n", b',');
        assert!(
            e.contains("t.csv: 3:1: unterminated quoted field starting at line 3"),
            "{e}"
        );
        let e = err("source,target\nA,\"B \"\"x\"\" \nE,F\n", b',');
        assert!(e.contains("starting at line 2"), "{e}");
        // Closed quotes, doubled quotes, quotes inside a field and line breaks are fine.
        assert_eq!(unterminated_quote("a,\"b\"\"\nc\",d\"e\n\"\"", b','), None);
    }

    #[test]
    fn duplicate_columns_are_refused() {
        let e = err("source,target,Target\nA,B,C\n", b',');
        assert!(
            e.contains("column 'Target' appears twice in the header (columns 2 and 3)"),
            "{e}"
        );
        // Empty header names (trailing commas) are not duplicates.
        assert!(parse(Path::new("t.csv"), "source,target,,\nA,B,,\n", b',').is_ok());
    }
}
