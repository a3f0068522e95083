//! The CSV review report: UTF-8, header row, one row per finding.

use std::io::Write;

use super::Row;

/// Make a cell safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be run as a formula, so it gets a leading apostrophe and is
/// shown as text. The MT output is untrusted input.
///
/// A cell that itself starts with an apostrophe gets one more, so that [`restore`] can tell
/// the two apart and every cell reads back exactly as it was.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(ESCAPED) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// First chars that [`neutralise`] prefixes with an apostrophe.
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
    /// For spreadsheets in German locales (Excel, LibreOffice): a UTF-8 byte-order mark so
    /// the encoding is recognised, and `;` as the separator (`,` is the decimal comma there).
    pub excel: bool,
}

/// Write rows as CSV with a header (UTF-8, `,`-separated).
pub fn write(out: &mut dyn Write, rows: &[Row]) -> std::io::Result<()> {
    write_with(out, rows, CsvOptions::default())
}

/// Write rows as CSV with a header, as `opts` say.
pub fn write_with(out: &mut dyn Write, rows: &[Row], opts: CsvOptions) -> std::io::Result<()> {
    if opts.excel {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .delimiter(if opts.excel { b';' } else { b',' })
        .from_writer(out);
    w.write_record(super::COLUMNS)?;
    for r in rows {
        let opt = |v: Option<usize>| v.map(|x| x.to_string()).unwrap_or_default();
        let record: [String; 21] = [
            r.doc.clone(),
            r.pair.to_string(),
            r.source_sentences.clone(),
            r.target_sentences.clone(),
            r.alignment.clone(),
            r.alignment_score.clone(),
            r.target_line.to_string(),
            r.target_column.to_string(),
            r.code.clone(),
            r.check.clone(),
            r.severity.clone(),
            r.side.clone(),
            opt(r.span_start),
            opt(r.span_end),
            r.span.clone(),
            r.message.clone(),
            r.suggestion.clone(),
            r.source.clone(),
            r.target.clone(),
            r.target_marked.clone(),
            r.status.clone(),
        ];
        w.write_record(record.iter().map(|c| neutralise(c).into_owned()))?;
    }
    w.flush()?;
    Ok(())
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
    fn leading_apostrophes_round_trip() {
        // Found by the property test: "'=x" used to read back as "=x".
        for cell in ["'=x", "'Hallo", "''", "'", "'\r\n."] {
            let n = neutralise(cell);
            assert_eq!(restore(&n), cell, "{cell:?} → {n:?}");
        }
    }
}
