//! The CSV review report: UTF-8, header row, one row per finding.

use std::borrow::Borrow;
use std::io::Write;

use super::Row;

/// Make a cell safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be run as a formula, so it gets a leading apostrophe and is
/// shown as text. The MT output is untrusted input.
///
/// A cell that itself starts with an apostrophe followed by one of those chars (or by another
/// apostrophe) gets one more, so that [`restore`] can tell the two apart and every cell reads
/// back exactly as it was. Any other cell is written as it is: a message that starts with a
/// quoted word (`'Noch' is capitalised …`) is not a formula and reads back unchanged, so it
/// keeps its one apostrophe.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let escaped_quote = cell
        .strip_prefix('\'')
        .is_some_and(|rest| rest.starts_with(ESCAPED));
    if cell.starts_with(FORMULA) || escaped_quote {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// First chars that make a spreadsheet read a cell as a formula.
const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// First chars after an apostrophe that [`restore`] takes for a neutralised cell.
const ESCAPED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// Undo [`neutralise`] (for reading a report back, e.g. as a baseline).
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(ESCAPED) => rest,
        _ => cell,
    }
}

/// How to write the CSV.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    /// For spreadsheets in German locales (Excel, LibreOffice): `;` as the separator (`,` is
    /// the decimal comma there).
    pub excel: bool,
}

/// The UTF-8 byte-order mark every CSV report starts with: Excel and LibreOffice read a CSV
/// opened by double-click as UTF-8 only with it (else as the locale's 8-bit code page:
/// `souverÃ¤ne`). Pipelines read it with `utf-8-sig` (Python's `csv`, pandas), or with any
/// CSV reader that strips a BOM (Rust's `csv` crate does).
pub const BOM: &str = "\u{FEFF}";

/// Write rows as CSV with a header (UTF-8 with a byte-order mark, `,`-separated).
pub fn write<R: Borrow<Row>>(
    out: &mut dyn Write,
    rows: impl IntoIterator<Item = R>,
) -> std::io::Result<()> {
    write_with(out, rows, CsvOptions::default())
}

/// Write rows as CSV with a header, as `opts` say.
pub fn write_with<R: Borrow<Row>>(
    out: &mut dyn Write,
    rows: impl IntoIterator<Item = R>,
    opts: CsvOptions,
) -> std::io::Result<()> {
    out.write_all(BOM.as_bytes())?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    let delimiter = if opts.excel { b';' } else { b',' };
    write_record(&mut w, super::COLUMNS.iter().copied(), delimiter)?;
    for r in rows {
        let r = r.borrow();
        let opt = |v: Option<usize>| v.map(|x| x.to_string()).unwrap_or_default();
        let numbers = [
            r.pair.to_string(),
            r.target_line.to_string(),
            r.target_column.to_string(),
            opt(r.span_start),
            opt(r.span_end),
        ];
        let record: [&str; 22] = [
            &r.doc,
            &r.unit,
            &numbers[0],
            &r.source_sentences,
            &r.target_sentences,
            &r.alignment,
            &r.alignment_score,
            &numbers[1],
            &numbers[2],
            &r.code,
            &r.check,
            &r.severity,
            &r.side,
            &numbers[3],
            &numbers[4],
            &r.span,
            &r.message,
            &r.suggestion,
            &r.source,
            &r.target,
            &r.target_marked,
            &r.status,
        ];
        write_record(&mut w, record.into_iter(), delimiter)?;
    }
    w.flush()?;
    Ok(())
}

/// Write one CSV record as the `csv` crate does by default (RFC 4180: a field is quoted when
/// it holds the delimiter, a quote, CR or LF; quotes inside are doubled; records end in LF),
/// with every cell neutralised.
///
/// Written by hand because `csv::Writer` rescans the rest of a field for quotes each time its
/// 8 KiB buffer fills, which is quadratic in the field's length: a 20 MB sentence took seconds,
/// a 200 MB one minutes. This is one pass.
fn write_record<'a>(
    w: &mut dyn Write,
    fields: impl Iterator<Item = &'a str>,
    delimiter: u8,
) -> std::io::Result<()> {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            w.write_all(&[delimiter])?;
        }
        let cell = neutralise(field);
        let quote = cell
            .bytes()
            .any(|b| b == delimiter || b == b'"' || b == b'\n' || b == b'\r');
        if !quote {
            w.write_all(cell.as_bytes())?;
            continue;
        }
        w.write_all(b"\"")?;
        for (k, part) in cell.split('"').enumerate() {
            if k > 0 {
                w.write_all(b"\"\"")?;
            }
            w.write_all(part.as_bytes())?;
        }
        w.write_all(b"\"")?;
    }
    w.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for cell in ["=1+1", "+49", "-x", "@SUM(A1)", "\tx", "\rx"] {
            let n = neutralise(cell);
            assert!(n.starts_with('\''), "{cell}");
            assert_eq!(restore(&n), cell);
        }
        assert_eq!(neutralise("Hallo"), "Hallo");
        assert_eq!(restore("'Hallo"), "'Hallo");
    }

    #[test]
    fn a_quoted_word_keeps_its_one_apostrophe() {
        // Issue 14: "'Noch' is capitalised" was written as "''Noch' is capitalised".
        for cell in ["'Noch' is capitalised", "'", "'a'"] {
            assert_eq!(neutralise(cell), cell);
            assert_eq!(restore(cell), cell);
        }
        assert_eq!(neutralise("''x"), "'''x");
        assert_eq!(neutralise("'=x"), "''=x");
    }

    #[test]
    fn leading_apostrophes_round_trip() {
        // Found by the property test: "'=x" used to read back as "=x".
        for cell in ["'=x", "'Hallo", "''", "'", "'\r\n."] {
            let n = neutralise(cell);
            assert_eq!(restore(&n), cell, "{cell:?} → {n:?}");
        }
    }

    #[test]
    fn records_are_quoted_like_the_csv_crate() {
        let fields = ["a", "b,c", "d\"e", "f\ng", "h\ri", "", "=1", "x;y"];
        for delimiter in [b',', b';'] {
            let mut ours = Vec::new();
            write_record(&mut ours, fields.iter().copied(), delimiter).unwrap();
            let mut theirs = csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_writer(Vec::new());
            theirs
                .write_record(fields.iter().map(|f| neutralise(f).into_owned()))
                .unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs.into_inner().unwrap()).unwrap()
            );
        }
    }
}
