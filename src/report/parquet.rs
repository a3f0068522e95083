//! Parquet (`.parquet`) and Arrow IPC (`.arrow`, `.feather`) reports: the CSV report's
//! columns ([`super::COLUMNS`]), typed — counts and offsets as unsigned integers (the span
//! offsets null when a row has no span), the alignment score as a float (null when a row has
//! none), text as strings — plus `left_out` (findings a summary row stands for, 0 for
//! others). Written in batches of [`BATCH_ROWS`] rows; the Parquet file is Snappy
//! compressed.
//!
//! The same columns (without `doc`) are what the Python package's `check_arrow` returns,
//! built by [`row_columns`].

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{Float64Builder, StringBuilder, UInt64Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};

use super::{Report, Row};

/// Rows per record batch (and Parquet row group at most).
pub const BATCH_ROWS: usize = 65536;

/// The typed fields of a report row after its first column (`doc`, or the unit's id in
/// `check_arrow`), in [`super::COLUMNS`] order, plus `left_out`.
pub fn row_fields() -> Vec<Field> {
    let text = |n: &str| Field::new(n, DataType::Utf8, false);
    let count = |n: &str| Field::new(n, DataType::UInt64, false);
    vec![
        count("pair"),
        text("source_sentences"),
        text("target_sentences"),
        text("alignment"),
        Field::new("alignment_score", DataType::Float64, true),
        count("target_line"),
        count("target_column"),
        text("code"),
        text("check"),
        text("severity"),
        text("side"),
        Field::new("span_start", DataType::UInt64, true),
        Field::new("span_end", DataType::UInt64, true),
        text("span"),
        text("message"),
        text("suggestion"),
        text("source"),
        text("target"),
        text("target_marked"),
        text("status"),
        count("left_out"),
    ]
}

/// The schema of a report file: `doc` then [`row_fields`].
pub fn schema() -> SchemaRef {
    let mut fields = vec![Field::new("doc", DataType::Utf8, false)];
    fields.extend(row_fields());
    Arc::new(Schema::new(fields))
}

/// The columns of [`row_fields`] for `rows`; `spans`, when given, replaces each row's
/// `span_start`/`span_end` (e.g. offsets into a whole unit instead of the pair's text).
pub fn row_columns(
    rows: &[Row],
    spans: Option<&[(Option<usize>, Option<usize>)]>,
) -> Vec<ArrayRef> {
    let n = rows.len();
    let text = |f: &dyn Fn(&Row) -> &str| -> ArrayRef {
        let mut b = StringBuilder::with_capacity(n, 16 * n);
        for r in rows {
            b.append_value(f(r));
        }
        Arc::new(b.finish())
    };
    let count = |f: &dyn Fn(&Row) -> usize| -> ArrayRef {
        let mut b = UInt64Builder::with_capacity(n);
        for r in rows {
            b.append_value(f(r) as u64);
        }
        Arc::new(b.finish())
    };
    let offset = |k: usize| -> ArrayRef {
        let mut b = UInt64Builder::with_capacity(n);
        for (i, r) in rows.iter().enumerate() {
            let v = match spans {
                Some(s) => [s[i].0, s[i].1][k],
                None => [r.span_start, r.span_end][k],
            };
            b.append_option(v.map(|v| v as u64));
        }
        Arc::new(b.finish())
    };
    let mut score = Float64Builder::with_capacity(n);
    for r in rows {
        score.append_option(r.alignment_score.parse::<f64>().ok());
    }
    vec![
        count(&|r| r.pair),
        text(&|r| &r.source_sentences),
        text(&|r| &r.target_sentences),
        text(&|r| &r.alignment),
        Arc::new(score.finish()),
        count(&|r| r.target_line),
        count(&|r| r.target_column),
        text(&|r| &r.code),
        text(&|r| &r.check),
        text(&|r| &r.severity),
        text(&|r| &r.side),
        offset(0),
        offset(1),
        text(&|r| &r.span),
        text(&|r| &r.message),
        text(&|r| &r.suggestion),
        text(&|r| &r.source),
        text(&|r| &r.target),
        text(&|r| &r.target_marked),
        text(&|r| &r.status),
        count(&|r| r.left_out_total()),
    ]
}

fn batch_of(rows: &[Row]) -> std::io::Result<RecordBatch> {
    let mut doc = StringBuilder::with_capacity(rows.len(), 32 * rows.len());
    for r in rows {
        doc.append_value(&r.doc);
    }
    let mut columns: Vec<ArrayRef> = vec![Arc::new(doc.finish())];
    columns.extend(row_columns(rows, None));
    RecordBatch::try_new(schema(), columns).map_err(std::io::Error::other)
}

/// The report's rows in record batches of at most [`BATCH_ROWS`] rows (at least one batch,
/// empty for a report without rows, so that the file has its schema).
fn batches(
    report: &Report,
    mut each: impl FnMut(RecordBatch) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut rows = Vec::with_capacity(BATCH_ROWS.min(report.len()));
    let mut any = false;
    for row in report.rows() {
        rows.push(row);
        if rows.len() == BATCH_ROWS {
            each(batch_of(&rows)?)?;
            rows.clear();
            any = true;
        }
    }
    if !rows.is_empty() || !any {
        each(batch_of(&rows)?)?;
    }
    Ok(())
}

/// Write the report as a Parquet file (Snappy).
pub fn write_parquet(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(BATCH_ROWS))
        .build();
    // The Parquet writer wants a `Send` writer: it writes into memory, copied out at the
    // end (the report holds only findings).
    let mut buffer = Vec::new();
    let mut writer =
        ArrowWriter::try_new(&mut buffer, schema(), Some(props)).map_err(std::io::Error::other)?;
    batches(report, |b| writer.write(&b).map_err(std::io::Error::other))?;
    writer.close().map_err(std::io::Error::other)?;
    out.write_all(&buffer)
}

/// Write the report as an Arrow IPC file (Feather v2).
pub fn write_arrow(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    let mut writer =
        arrow_ipc::writer::FileWriter::try_new(out, &schema()).map_err(std::io::Error::other)?;
    batches(report, |b| writer.write(&b).map_err(std::io::Error::other))?;
    writer.finish().map_err(std::io::Error::other)
}
