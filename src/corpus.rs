//! Corpora: translation units checked one by one, with no document around them — a Parquet
//! file (`mtlint check corpus.parquet --source-column en --target-column de`), a batch of
//! the Python package (`check_pairs`, `check_arrow`), a Spark or Ray partition.
//!
//! A unit is checked as a bilingual file checks its units (a TMX `<tu>`, a CSV row): the
//! file pairs source and target, so a unit of one sentence on each side needs no aligner,
//! and a unit of several sentences is aligned within itself (see
//! [`crate::pipeline::align_document`]). Each unit is its own document, so a unit's
//! findings depend on the unit alone — not on which other units share its file, batch,
//! shard or partition. That is what lets a corpus be split anywhere (row groups, shards,
//! Spark batches) with the same findings. The price: the document rules see one unit
//! (MT021 inconsistent-translation finds nothing across units; MT014 length-ratio judges a
//! unit against the English→German prior, and MT013 does not compare a unit with the
//! document's length ratio).

use std::path::Path;

use crate::checks::RuleSet;
use crate::formats::{DocBuilder, UnitText};
use crate::model::Document;
use crate::pipeline::{self, Checked, Settings};
use crate::report::{DocRows, Row};

/// Which columns of a corpus hold what (`--source-column`, `--target-column`,
/// `--id-column`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub source: String,
    pub target: String,
    pub id: Option<String>,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            source: "source".to_string(),
            target: "target".to_string(),
            id: None,
        }
    }
}

/// Whether a path names a Parquet file (by extension: `.parquet`, `.parq`).
pub fn is_parquet(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet") || e.eq_ignore_ascii_case("parq"))
}

/// A unit as its own document (a bilingual document of one unit), `None` when the source
/// is blank (no unit, as in every bilingual format).
pub fn unit_document(id: String, origin: &Path, source: &str, target: &str) -> Option<Document> {
    let mut builder = DocBuilder::new(origin, None, None);
    let mut s = UnitText::default();
    s.push(source, 1, 1);
    let mut t = UnitText::default();
    t.push(target, 1, 1);
    if s.is_blank() {
        return None;
    }
    builder.push_parts(&s, &t, None, &[]);
    Some(builder.finish(id))
}

/// Check one unit (see the module documentation); `None` for a blank source.
pub fn check_unit(
    id: String,
    origin: &Path,
    source: &str,
    target: &str,
    settings: &Settings,
    rules: &RuleSet,
) -> Option<Checked> {
    let doc = unit_document(id, origin, source, target)?;
    Some(pipeline::check_document(doc, settings, rules))
}

/// A report row of a unit, with its span as char offsets (Python `str` indices) into the
/// unit's text of the row's side, not into the pair's text as in [`Row::span_start`].
#[derive(Debug, Clone)]
pub struct UnitRow {
    pub row: Row,
    pub start: Option<usize>,
    pub end: Option<usize>,
}

/// Chars of white space before a unit's text: what the reader trims off (see
/// [`unit_document`]), to add back to offsets into the trimmed text.
pub fn lead_chars(text: &str) -> usize {
    text[..text.len() - text.trim_start().len()].chars().count()
}

/// The report rows of a checked unit or document, with spans as char offsets into the text
/// of the row's side as the caller gave it: `leads` are the chars the reader trimmed off
/// the start of each side ([`lead_chars`] for a unit, 0 for a document).
///
/// The rows are the report's (bounded: at most [`crate::report::FINDINGS_PER_CHECK`] per
/// check and pair plus a summary row, long texts as excerpts).
pub fn unit_rows(checked: &Checked, leads: (usize, usize)) -> Vec<UnitRow> {
    let rows = crate::report::rows(checked, false);
    let chars = |text: &str, byte: usize| text[..byte.min(text.len())].chars().count();
    rows.into_iter()
        .map(|row| {
            let pair = checked.pairs.get(row.pair);
            let offset = match (pair, row.side.as_str()) {
                (Some(p), "source") => {
                    leads.0 + chars(&checked.doc.source.text, p.source_range().start)
                }
                (Some(p), _) => leads.1 + chars(&checked.doc.target.text, p.target_range().start),
                (None, _) => 0,
            };
            UnitRow {
                start: row.span_start.map(|s| s + offset),
                end: row.span_end.map(|e| e + offset),
                row,
            }
        })
        .collect()
}

/// What a corpus run found: the rows of the units with findings (each its own document,
/// id `FILE#ROW`, or `FILE#ID` with an id column), one empty document per file that counts
/// its clean units' pairs, the phase times and the number of units checked.
#[derive(Debug, Default)]
pub struct CorpusChecks {
    pub docs: Vec<DocRows>,
    pub timings: pipeline::Timings,
    pub units: usize,
}

/// Check Parquet files (a file, or the shards of a folder) unit by unit: row groups of all
/// files are read and checked in parallel on `threads` workers, each in batches of
/// [`crate::formats::parquet::BATCH_ROWS`] rows, so that memory holds a batch per worker
/// plus the rows of the findings.
#[cfg(feature = "arrow")]
pub fn check_parquet(
    files: &[std::path::PathBuf],
    columns: &Columns,
    settings: &Settings,
    rules: &RuleSet,
    threads: usize,
    all_pairs: bool,
) -> crate::Result<CorpusChecks> {
    use crate::formats::parquet::ParquetFile;
    use rayon::prelude::*;
    use std::time::Instant;
    let started = Instant::now();
    let opened = files
        .iter()
        .map(|f| ParquetFile::open(f, columns))
        .collect::<crate::Result<Vec<_>>>()?;
    let read = started.elapsed();
    // Every row group of every file is one piece of work.
    let work: Vec<(usize, usize)> = opened
        .iter()
        .enumerate()
        .flat_map(|(f, file)| (0..file.row_groups()).map(move |g| (f, g)))
        .collect();
    let run = || -> Vec<crate::Result<CorpusChecks>> {
        work.par_iter()
            .map(|&(f, g)| {
                let file = &opened[f];
                let origin = file.path().display().to_string();
                let mut out = CorpusChecks::default();
                let mut clean_pairs = 0usize;
                file.for_each_batch(g, |units| {
                    let t0 = Instant::now();
                    let checked: Vec<(usize, Option<DocRows>)> = units
                        .par_iter()
                        .filter_map(|u| {
                            let id = format!(
                                "{origin}#{}",
                                u.id.clone().unwrap_or_else(|| u.row.to_string())
                            );
                            let c =
                                check_unit(id, file.path(), &u.source, &u.target, settings, rules)?;
                            let pairs = c.pairs.len();
                            let keep = all_pairs || !c.findings.is_empty();
                            Some((pairs, keep.then(|| DocRows::from_checked(c, all_pairs))))
                        })
                        .collect();
                    out.units += units.len();
                    for (pairs, rows) in checked {
                        match rows {
                            Some(rows) => out.docs.push(rows),
                            None => clean_pairs += pairs,
                        }
                    }
                    out.timings.check += t0.elapsed();
                    Ok(())
                })?;
                out.docs
                    .push(DocRows::from_rows(origin, Vec::new(), clean_pairs));
                Ok(out)
            })
            .collect()
    };
    let results = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| crate::MtError::Usage(format!("cannot start {threads} worker threads: {e}")))?
        .install(run);
    let mut all = CorpusChecks::default();
    all.timings.read = read;
    for r in results {
        let r = r?;
        all.docs.extend(r.docs);
        all.units += r.units;
        all.timings.check += r.timings.check;
    }
    Ok(all)
}
