//! The XLSX review workbook (`-o review.xlsx`): the CSV report's rows, laid out for an editor.
//!
//! Sheet `findings`: one row per finding (and per clean pair with `--all-pairs`), the columns
//! an editor reads first ([`EDITOR_COLUMNS`]: status, severity, check, message, suggestion,
//! target, source, span), then the technical ones in the CSV's order. The cell holding the
//! span (`target`, or `source` for a source-side finding) is rich text with the span in red
//! and bold. Header frozen, autofilter on, long texts wrapped; `status` has a drop-down of
//! [`STATUSES`]. Sheet `summary`: findings per check and severity.
//!
//! Every text is written as a typed string cell, never as a formula, so nothing needs
//! neutralising: span, message and suggestion keep their exact text (`=1+1`, `@handle`).
//! Numbers (`pair`, `target_line`, …) are number cells.
//!
//! The workbook is read back as a baseline by [`super::baseline`] (also after LibreOffice or
//! Excel saved it again): its rows whose `status` is `accepted` or `false-positive` count.

use std::collections::BTreeMap;
use std::io::Write;

use rust_xlsxwriter::{Color, DataValidation, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::{COLUMNS, Report, Row, span_in_cell};

/// The name of the findings sheet (read back by the baseline reader).
pub const FINDINGS_SHEET: &str = "findings";
/// The name of the summary sheet.
pub const SUMMARY_SHEET: &str = "summary";

/// The columns an editor reads first, in this order; the other [`COLUMNS`] follow in their
/// CSV order.
pub const EDITOR_COLUMNS: [&str; 8] = [
    "status",
    "severity",
    "check",
    "message",
    "suggestion",
    "target",
    "source",
    "span",
];

/// The choices of the `status` drop-down. `accepted` and `false-positive` make a finding
/// accepted when the workbook is used as a baseline.
pub const STATUSES: [&str; 4] = ["accepted", "false-positive", "fixed", "to-do"];

/// Excel's limit on the characters of one cell.
const MAX_CELL: usize = 32_767;
/// Excel's limit on the rows of one sheet (the header takes one).
const MAX_ROWS: usize = 1_048_576;

/// The workbook's column names, in order: [`EDITOR_COLUMNS`], then the rest of [`COLUMNS`].
pub fn columns() -> Vec<&'static str> {
    let mut cols: Vec<&'static str> = EDITOR_COLUMNS.to_vec();
    cols.extend(COLUMNS.iter().filter(|c| !EDITOR_COLUMNS.contains(c)));
    cols
}

/// Column width (in characters) for a column.
fn width(name: &str) -> f64 {
    match name {
        "message" | "target" | "source" => 60.0,
        "suggestion" | "span" | "target_marked" => 30.0,
        "status" => 15.0,
        "check" | "doc" | "unit" => 24.0,
        "severity" | "alignment" => 10.0,
        _ => 8.0 + name.len() as f64 * 0.5,
    }
}

/// Whether a column holds long text that is wrapped.
fn wrapped(name: &str) -> bool {
    matches!(
        name,
        "message" | "suggestion" | "target" | "source" | "span" | "target_marked"
    )
}

fn xlsx_error(e: XlsxError) -> std::io::Error {
    std::io::Error::other(format!("cannot write the XLSX workbook: {e}"))
}

/// A cell text within Excel's limit: a longer text (mtlint's excerpts keep cells far below
/// it, but a message or a file name need not) is cut and ends in `…`.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    // Excel counts UTF-16 units; chars ≤ units, so count units.
    if text.encode_utf16().count() <= MAX_CELL {
        return text.into();
    }
    let mut units = 0;
    let mut cut = String::new();
    for c in text.chars() {
        units += c.len_utf16();
        if units > MAX_CELL - 1 {
            break;
        }
        cut.push(c);
    }
    cut.push(super::CUT);
    cut.into()
}

/// The text of a string column of a row.
fn text<'r>(row: &'r Row, name: &str) -> &'r str {
    match name {
        "doc" => &row.doc,
        "unit" => &row.unit,
        "source_sentences" => &row.source_sentences,
        "target_sentences" => &row.target_sentences,
        "alignment" => &row.alignment,
        "alignment_score" => &row.alignment_score,
        "code" => &row.code,
        "check" => &row.check,
        "severity" => &row.severity,
        "side" => &row.side,
        "span" => &row.span,
        "message" => &row.message,
        "suggestion" => &row.suggestion,
        "source" => &row.source,
        "target" => &row.target,
        "target_marked" => &row.target_marked,
        "status" => &row.status,
        _ => "",
    }
}

/// The number of a number column of a row (`None`: an empty cell).
fn number(row: &Row, name: &str) -> Option<Option<usize>> {
    match name {
        "pair" => Some(Some(row.pair)),
        "target_line" => Some(Some(row.target_line)),
        "target_column" => Some(Some(row.target_column)),
        "span_start" => Some(row.span_start),
        "span_end" => Some(row.span_end),
        _ => None,
    }
}

/// The text cell that holds the row's span (`target` or `source`), split at the span's chars
/// in that cell: (before, span, after). `None` for a clean pair or when the span does not fit.
fn split_span<'r>(row: &'r Row, name: &str) -> Option<(&'r str, &'r str, &'r str)> {
    let side = if row.side == "source" {
        "source"
    } else {
        "target"
    };
    if name != side || !row.is_finding() {
        return None;
    }
    let (Some(start), Some(end)) = (row.span_start, row.span_end) else {
        return None;
    };
    let cell = text(row, name);
    let (s, e) = span_in_cell(cell, start, end);
    let byte = |c: usize| {
        cell.char_indices()
            .nth(c)
            .map(|(b, _)| b)
            .or_else(|| (c == cell.chars().count()).then_some(cell.len()))
    };
    let (s, e) = (byte(s)?, byte(e)?);
    if s >= e {
        return None;
    }
    Some((&cell[..s], &cell[s..e], &cell[e..]))
}

/// Write the report as an XLSX workbook to `out`. The findings sheet is written in
/// rust_xlsxwriter's constant-memory mode: each row goes to a temporary file (in the system's
/// temporary folder) as soon as the next one starts, so memory does not grow with the rows'
/// cells; the compressed workbook is then assembled in memory and written at once.
pub fn write(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    if report.len() >= MAX_ROWS {
        return Err(std::io::Error::other(format!(
            "an XLSX sheet holds at most {} rows and this report has {}: write it as CSV or JSON Lines",
            MAX_ROWS - 1,
            report.len()
        )));
    }
    let mut book = Workbook::new();
    // Constant memory: each row goes to a temporary file as soon as the next one starts, so
    // the workbook does not hold every cell of the report.
    let sheet = book
        .add_worksheet_with_constant_memory()
        .map_err(xlsx_error)?;
    sheet.set_name(FINDINGS_SHEET).map_err(xlsx_error)?;
    findings_sheet(sheet, report).map_err(xlsx_error)?;
    let summary = book.add_worksheet();
    summary.set_name(SUMMARY_SHEET).map_err(xlsx_error)?;
    summary_sheet(summary, report).map_err(xlsx_error)?;
    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    out.write_all(&bytes)
}

fn findings_sheet(sheet: &mut Worksheet, report: &Report) -> Result<(), XlsxError> {
    let cols = columns();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDD_EB_F7));
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let mark = Format::new()
        .set_bold()
        .set_font_color(Color::RGB(0xC0_00_00))
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let plain = Format::new();
    for (c, name) in cols.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, *name, &header)?;
        sheet.set_column_width(c, width(name))?;
    }
    let mut last = 0u32;
    for (i, row) in report.rows().enumerate() {
        let r = i as u32 + 1;
        last = r;
        for (c, name) in cols.iter().enumerate() {
            let c = c as u16;
            if let Some(n) = number(&row, name) {
                if let Some(n) = n {
                    sheet.write_number_with_format(r, c, n as f64, &top)?;
                }
                continue;
            }
            let format = if wrapped(name) { &wrap } else { &top };
            if let Some((before, span, after)) = split_span(&row, name)
                && before.encode_utf16().count()
                    + span.encode_utf16().count()
                    + after.encode_utf16().count()
                    <= MAX_CELL
            {
                let mut parts: Vec<(&Format, &str)> = Vec::with_capacity(3);
                if !before.is_empty() {
                    parts.push((&plain, before));
                }
                parts.push((&mark, span));
                if !after.is_empty() {
                    parts.push((&plain, after));
                }
                sheet.write_rich_string_with_format(r, c, &parts, format)?;
                continue;
            }
            let t = text(&row, name);
            if !t.is_empty() {
                sheet.write_string_with_format(r, c, fit(t), format)?;
            }
        }
    }
    let status = cols.iter().position(|c| *c == "status").unwrap_or(0) as u16;
    let validation = DataValidation::new()
        .allow_list_strings(&STATUSES)?
        .set_input_title("Decision")?
        .set_input_message("accepted or false-positive: left out of the next run when this workbook is its --baseline")?;
    sheet.add_data_validation(1, status, (MAX_ROWS - 1) as u32, status, &validation)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last, cols.len() as u16 - 1)?;
    Ok(())
}

fn summary_sheet(sheet: &mut Worksheet, report: &Report) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDD_EB_F7));
    let bold = Format::new().set_bold();
    // (code, name) -> [error, warning, info]; a summary row counts what it stands for.
    let mut counts: BTreeMap<(String, String), [usize; 3]> = BTreeMap::new();
    for row in report.findings() {
        let n = row.finding_counts();
        let entry = counts.entry((row.code, row.check)).or_default();
        for (c, k) in entry.iter_mut().zip(n) {
            *c += k;
        }
    }
    let names = ["code", "check", "error", "warning", "info", "total"];
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &header)?;
    }
    sheet.set_column_width(0, 8)?;
    sheet.set_column_width(1, 28)?;
    let mut total = [0usize; 3];
    let mut r = 1u32;
    for ((code, name), c) in &counts {
        sheet.write_string(r, 0, code)?;
        sheet.write_string(r, 1, name)?;
        for (k, n) in c.iter().enumerate() {
            sheet.write_number(r, 2 + k as u16, *n as f64)?;
            total[k] += n;
        }
        sheet.write_number(r, 5, c.iter().sum::<usize>() as f64)?;
        r += 1;
    }
    sheet.write_string_with_format(r, 1, "total", &bold)?;
    for (k, n) in total.iter().enumerate() {
        sheet.write_number_with_format(r, 2 + k as u16, *n as f64, &bold)?;
    }
    sheet.write_number_with_format(r, 5, total.iter().sum::<usize>() as f64, &bold)?;
    if report.suppressed > 0 {
        sheet.write_string(
            r + 2,
            1,
            format!(
                "{} accepted finding{} suppressed by the baseline",
                report.suppressed,
                if report.suppressed == 1 { "" } else { "s" }
            ),
        )?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
