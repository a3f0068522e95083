//! Parquet corpora (`.parquet`, or a folder of `.parquet` shards): one translation unit per
//! row, its English source and German target in two string columns named on the command
//! line (`--source-column`, `--target-column`), optionally an id column (`--id-column`).
//!
//! - Streaming: a file is read one row group at a time, in batches of [`BATCH_ROWS`] rows
//!   (only the named columns are decoded), so memory is bounded by a batch per worker, not
//!   by the file. Row groups (and shards) are independent pieces of work.
//! - Columns: source and target must be strings (`string`, `large_string`, `string_view`);
//!   the id may be a string or an integer. A null or blank source is no unit (as in the other
//!   bilingual formats); a null target is an untranslated unit (MT022).
//! - Errors name the file and say what to do: a missing column lists the file's columns, a
//!   column of the wrong type names its type, a file that is not Parquet says so.

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ParquetRecordBatchReaderBuilder};

use crate::error::{MtError, Result};

/// Rows decoded at a time.
pub const BATCH_ROWS: usize = 8192;

pub use crate::corpus::Columns;

/// One unit of a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusUnit {
    /// 0-based row number in its file.
    pub row: u64,
    /// The id column's value (as text), if there is an id column and the value is not null.
    pub id: Option<String>,
    pub source: String,
    pub target: String,
}

pub use crate::corpus::is_parquet;

/// The Parquet files a path stands for: the file itself, or every `.parquet` file under a
/// folder (hidden files left out), sorted by path so that runs are reproducible.
pub fn shards(path: &Path) -> Result<Vec<PathBuf>> {
    if !path.exists() {
        return Err(MtError::NotFound {
            path: path.to_path_buf(),
        });
    }
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| MtError::io(&dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| MtError::io(&dir, e))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name.starts_with('_') {
                continue;
            }
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if is_parquet(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(MtError::Usage(format!(
            "{}: no .parquet files in this folder; pass a Parquet file or a folder of Parquet shards",
            path.display()
        )));
    }
    Ok(out)
}

fn format_error(path: &Path, message: impl std::fmt::Display) -> MtError {
    MtError::Format {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

fn parquet_error(path: &Path, e: impl std::fmt::Display) -> MtError {
    let text = e.to_string();
    let hint = if text.contains("Disabled feature") || text.contains("not supported") {
        " (mtlint reads uncompressed, Snappy and Zstandard Parquet files; write the file again with one of these)"
    } else {
        ""
    };
    format_error(path, format!("cannot read it as Parquet: {text}{hint}"))
}

/// An open Parquet file: its metadata (read once) and where its columns are.
pub struct ParquetFile {
    path: PathBuf,
    metadata: ArrowReaderMetadata,
    /// Leaf column indices of source, target and id, for the projection.
    leaves: Vec<usize>,
    columns: Columns,
}

fn is_string(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

fn is_id_type(t: &DataType) -> bool {
    is_string(t)
        || matches!(
            t,
            DataType::Int8
                | DataType::Int16
                | DataType::Int32
                | DataType::Int64
                | DataType::UInt8
                | DataType::UInt16
                | DataType::UInt32
                | DataType::UInt64
        )
}

impl ParquetFile {
    /// Open `path` and find the columns; errors name the file and what to do.
    pub fn open(path: &Path, columns: &Columns) -> Result<ParquetFile> {
        let file = File::open(path).map_err(|e| MtError::io(path, e))?;
        let metadata =
            ArrowReaderMetadata::load(&file, Default::default()).map_err(|e| {
                if e.to_string().contains("magic") || e.to_string().contains("EOF") {
                    format_error(
                        path,
                        "not a Parquet file (no Parquet footer); pass a .parquet file written by Arrow, Spark, pandas or DuckDB",
                    )
                } else {
                    parquet_error(path, e)
                }
            })?;
        let schema = metadata.schema().clone();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let find = |name: &str, what: &str, ok: fn(&DataType) -> bool, kind: &str| {
            let Some((i, field)) = schema.column_with_name(name) else {
                return Err(MtError::Usage(format!(
                    "{}: no column '{name}' for the {what} (--{what}-column); its columns are: {}",
                    path.display(),
                    names.join(", ")
                )));
            };
            if !ok(field.data_type()) {
                return Err(format_error(
                    path,
                    format!(
                        "column '{name}' (the {what}) is of type {}, not {kind}; pass a {kind} column",
                        field.data_type()
                    ),
                ));
            }
            Ok(i)
        };
        let mut top = vec![
            find(&columns.source, "source", is_string, "string")?,
            find(&columns.target, "target", is_string, "string")?,
        ];
        if let Some(id) = &columns.id {
            top.push(find(id, "id", is_id_type, "string or integer")?);
        }
        // Top-level string and integer columns are one leaf each; map top-level field index
        // to leaf index through the Parquet schema's roots.
        let descr = metadata.metadata().file_metadata().schema_descr();
        let leaves = top
            .iter()
            .map(|&i| {
                (0..descr.num_columns())
                    .find(|&leaf| descr.get_column_root_idx(leaf) == i)
                    .ok_or_else(|| format_error(path, "a named column has no data in the file"))
            })
            .collect::<Result<Vec<usize>>>()?;
        Ok(ParquetFile {
            path: path.to_path_buf(),
            metadata,
            leaves,
            columns: columns.clone(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of row groups.
    pub fn row_groups(&self) -> usize {
        self.metadata.metadata().num_row_groups()
    }

    /// Number of rows in the file.
    pub fn rows(&self) -> u64 {
        self.metadata.metadata().file_metadata().num_rows().max(0) as u64
    }

    /// The first row number of row group `group`.
    fn first_row(&self, group: usize) -> u64 {
        self.metadata.metadata().row_groups()[..group]
            .iter()
            .map(|g| g.num_rows().max(0) as u64)
            .sum()
    }

    /// Read row group `group` in batches of [`BATCH_ROWS`] units, calling `each` on every
    /// batch (so that a row group is never held whole).
    pub fn for_each_batch(
        &self,
        group: usize,
        mut each: impl FnMut(Vec<CorpusUnit>) -> Result<()>,
    ) -> Result<()> {
        let file = File::open(&self.path).map_err(|e| MtError::io(&self.path, e))?;
        let mask = ProjectionMask::leaves(
            self.metadata.metadata().file_metadata().schema_descr(),
            self.leaves.iter().copied(),
        );
        let reader =
            ParquetRecordBatchReaderBuilder::new_with_metadata(file, self.metadata.clone())
                .with_projection(mask)
                .with_row_groups(vec![group])
                .with_batch_size(BATCH_ROWS)
                .build()
                .map_err(|e| parquet_error(&self.path, e))?;
        let mut row = self.first_row(group);
        for batch in reader {
            let batch = batch.map_err(|e| parquet_error(&self.path, e))?;
            let units =
                units_of(&batch, &self.columns, row).map_err(|m| format_error(&self.path, m))?;
            row += batch.num_rows() as u64;
            each(units)?;
        }
        Ok(())
    }
}

/// The text of a string column's row (`None` for null).
pub fn string_at(col: &dyn Array, i: usize) -> Option<&str> {
    if col.is_null(i) {
        return None;
    }
    let any = col.as_any();
    if let Some(a) = any.downcast_ref::<arrow_array::StringArray>() {
        Some(a.value(i))
    } else if let Some(a) = any.downcast_ref::<arrow_array::LargeStringArray>() {
        Some(a.value(i))
    } else if let Some(a) = any.downcast_ref::<arrow_array::StringViewArray>() {
        Some(a.value(i))
    } else {
        None
    }
}

/// An id column's value as text (strings as they are, integers in decimal).
pub fn id_at(col: &dyn Array, i: usize) -> Option<String> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::*;
    if col.is_null(i) {
        return None;
    }
    if let Some(s) = string_at(col, i) {
        return Some(s.to_string());
    }
    Some(match col.data_type() {
        DataType::Int8 => col.as_primitive::<Int8Type>().value(i).to_string(),
        DataType::Int16 => col.as_primitive::<Int16Type>().value(i).to_string(),
        DataType::Int32 => col.as_primitive::<Int32Type>().value(i).to_string(),
        DataType::Int64 => col.as_primitive::<Int64Type>().value(i).to_string(),
        DataType::UInt8 => col.as_primitive::<UInt8Type>().value(i).to_string(),
        DataType::UInt16 => col.as_primitive::<UInt16Type>().value(i).to_string(),
        DataType::UInt32 => col.as_primitive::<UInt32Type>().value(i).to_string(),
        DataType::UInt64 => col.as_primitive::<UInt64Type>().value(i).to_string(),
        _ => return None,
    })
}

/// The column named `name` of a batch, of an accepted type.
pub fn column<'b>(
    batch: &'b RecordBatch,
    name: &str,
    what: &str,
    id: bool,
) -> std::result::Result<&'b ArrayRef, String> {
    let Some(col) = batch.column_by_name(name) else {
        let names: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        return Err(format!(
            "no column '{name}' for the {what}; the columns are: {}",
            names.join(", ")
        ));
    };
    let ok = if id {
        is_id_type(col.data_type())
    } else {
        is_string(col.data_type())
    };
    if !ok {
        return Err(format!(
            "column '{name}' (the {what}) is of type {}, not {}",
            col.data_type(),
            if id { "string or integer" } else { "string" }
        ));
    }
    Ok(col)
}

/// The units of a record batch whose first row is row `first_row` of its file.
pub fn units_of(
    batch: &RecordBatch,
    columns: &Columns,
    first_row: u64,
) -> std::result::Result<Vec<CorpusUnit>, String> {
    let source = column(batch, &columns.source, "source", false)?;
    let target = column(batch, &columns.target, "target", false)?;
    let id = match &columns.id {
        Some(name) => Some(column(batch, name, "id", true)?),
        None => None,
    };
    Ok((0..batch.num_rows())
        .map(|i| CorpusUnit {
            row: first_row + i as u64,
            id: id.and_then(|c| id_at(c.as_ref(), i)),
            source: string_at(source.as_ref(), i).unwrap_or("").to_string(),
            target: string_at(target.as_ref(), i).unwrap_or("").to_string(),
        })
        .collect())
}
