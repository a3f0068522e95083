//! `mtlint._mtlint`: the native part of the Python package (see `python/mtlint/__init__.py`
//! for the public API and `python/mtlint/__init__.pyi` for the types).
//!
//! Every check runs with the GIL released; a batch of units is checked in parallel with
//! rayon, each unit on its own (see `mtlint::corpus`), so a unit's findings do not depend on
//! the batch it comes in.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{ArrayRef, RecordBatch, UInt32Array, UInt64Array};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::pyarrow::PyArrowType;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

use mtlint::checks::RuleSet;
use mtlint::config::Config;
use mtlint::corpus::{self, UnitRow};
use mtlint::model::Document;
use mtlint::pipeline::{self, Settings};

#[allow(dead_code, clippy::all)]
#[path = "../../src/main.rs"]
mod cli;

create_exception!(
    mtlint,
    InputError,
    PyValueError,
    "Bad input or options: the message is the command line's (exit code 2 there)."
);

fn input_error(e: impl std::fmt::Display) -> PyErr {
    InputError::new_err(e.to_string())
}

/// One finding, with the report's fields.
#[pyclass(module = "mtlint", frozen, get_all, skip_from_py_object)]
#[derive(Clone)]
struct Finding {
    /// Index of the unit in the input (`check_pairs`), or `None` (`check`).
    unit: Option<usize>,
    code: String,
    check: String,
    severity: String,
    side: String,
    /// Span start and end (end-exclusive) as `str` indices into the unit's (or document's)
    /// text of `side`.
    span_start: Option<usize>,
    span_end: Option<usize>,
    span: String,
    message: String,
    suggestion: Option<String>,
    /// The aligned pair: its index, sentence indices, kind (`1-1`, `2-1`, …) and score.
    pair: usize,
    source_sentences: String,
    target_sentences: String,
    alignment: String,
    alignment_score: Option<f64>,
    /// 1-based line and column of the finding in the target text.
    target_line: usize,
    target_column: usize,
    /// The pair's texts (excerpts when longer than 1000 chars).
    source: String,
    target: String,
    /// For a summary row: how many findings of this check in this pair it stands for.
    left_out: usize,
}

const FIELDS: [&str; 20] = [
    "unit",
    "code",
    "check",
    "severity",
    "side",
    "span_start",
    "span_end",
    "span",
    "message",
    "suggestion",
    "pair",
    "source_sentences",
    "target_sentences",
    "alignment",
    "alignment_score",
    "target_line",
    "target_column",
    "source",
    "target",
    "left_out",
];

impl Finding {
    fn from_row(unit: Option<usize>, r: UnitRow) -> Finding {
        let left_out = r.row.left_out_total();
        let row = r.row;
        Finding {
            unit,
            code: row.code,
            check: row.check,
            severity: row.severity,
            side: row.side,
            span_start: r.start,
            span_end: r.end,
            span: row.span,
            message: row.message,
            suggestion: (!row.suggestion.is_empty()).then_some(row.suggestion),
            pair: row.pair,
            source_sentences: row.source_sentences,
            target_sentences: row.target_sentences,
            alignment: row.alignment,
            alignment_score: row.alignment_score.parse().ok(),
            target_line: row.target_line,
            target_column: row.target_column,
            source: row.source,
            target: row.target,
            left_out,
        }
    }
}

#[pymethods]
impl Finding {
    /// The fields as a dict (what `to_dict` of every finding of a run makes a DataFrame of).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("unit", self.unit)?;
        d.set_item("code", &self.code)?;
        d.set_item("check", &self.check)?;
        d.set_item("severity", &self.severity)?;
        d.set_item("side", &self.side)?;
        d.set_item("span_start", self.span_start)?;
        d.set_item("span_end", self.span_end)?;
        d.set_item("span", &self.span)?;
        d.set_item("message", &self.message)?;
        d.set_item("suggestion", &self.suggestion)?;
        d.set_item("pair", self.pair)?;
        d.set_item("source_sentences", &self.source_sentences)?;
        d.set_item("target_sentences", &self.target_sentences)?;
        d.set_item("alignment", &self.alignment)?;
        d.set_item("alignment_score", self.alignment_score)?;
        d.set_item("target_line", self.target_line)?;
        d.set_item("target_column", self.target_column)?;
        d.set_item("source", &self.source)?;
        d.set_item("target", &self.target)?;
        d.set_item("left_out", self.left_out)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let at = match (self.span_start, self.span_end) {
            (Some(s), Some(e)) => format!("[{s}:{e}]"),
            _ => String::new(),
        };
        let unit = self.unit.map_or(String::new(), |u| format!("unit {u}, "));
        format!(
            "Finding({unit}{} {} {}, {}{at} {:?}: {})",
            self.code, self.check, self.severity, self.side, self.span, self.message
        )
    }

    fn __eq__(&self, other: &Finding) -> bool {
        self.to_key() == other.to_key()
    }

    #[classattr]
    fn __match_args__() -> (&'static str, &'static str, &'static str, &'static str) {
        ("code", "severity", "side", "span")
    }

    /// The names of the fields, in `to_dict` order.
    #[classattr]
    fn fields() -> Vec<&'static str> {
        FIELDS.to_vec()
    }
}

impl Finding {
    fn to_key(
        &self,
    ) -> (
        Option<usize>,
        &str,
        &str,
        Option<usize>,
        Option<usize>,
        &str,
    ) {
        (
            self.unit,
            &self.code,
            &self.side,
            self.span_start,
            self.span_end,
            &self.message,
        )
    }
}

/// The options of a run, as the command line's (`mtlint.toml` keys and flags).
struct Options {
    settings: Settings,
    rules: RuleSet,
}

fn strings(v: &Bound<'_, PyAny>, key: &str) -> PyResult<Vec<String>> {
    if let Ok(s) = v.extract::<String>() {
        return Ok(s
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect());
    }
    v.extract::<Vec<String>>().map_err(|_| {
        InputError::new_err(format!(
            "{key}: pass a list of check codes or names (or one string, comma-separated)"
        ))
    })
}

/// TOML string literal.
fn lit(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Options {
    /// Options from keyword arguments: select, ignore, severity, thresholds, dictionary,
    /// glossary, config. The keys are validated as the command line validates
    /// `mtlint.toml` (same messages).
    fn new(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Options> {
        let mut toml = String::new();
        let mut config_path: Option<PathBuf> = None;
        let mut dictionary: Option<PathBuf> = None;
        let mut any = false;
        if let Some(kwargs) = kwargs {
            // Each option on lines of its own, so a message's line names the option.
            let mut tables = String::new();
            for (k, v) in kwargs.iter() {
                let key: String = k.extract()?;
                if v.is_none() {
                    continue;
                }
                match key.as_str() {
                    "select" | "ignore" => {
                        let list = strings(&v, &key)?;
                        let items: Vec<String> = list.iter().map(|s| lit(s)).collect();
                        toml.push_str(&format!("{key} = [{}]\n", items.join(", ")));
                        any = true;
                    }
                    "severity" | "thresholds" => {
                        let d = v.cast::<PyDict>().map_err(|_| {
                            InputError::new_err(format!(
                                "{key}: pass a dict ({})",
                                if key == "severity" {
                                    "{\"MT016\": \"warning\"}"
                                } else {
                                    "{\"length-ratio-max\": 2.0}"
                                }
                            ))
                        })?;
                        tables.push_str(&format!("[{key}]\n"));
                        for (name, value) in d.iter() {
                            let name: String = name.extract().map_err(|_| {
                                InputError::new_err(format!("{key}: the keys must be strings"))
                            })?;
                            let value = if key == "severity" {
                                lit(&value.extract::<String>().map_err(|_| {
                                    InputError::new_err(format!(
                                        "severity of {name}: pass error, warning or info"
                                    ))
                                })?)
                            } else {
                                let f: f64 = value.extract().map_err(|_| {
                                    InputError::new_err(format!(
                                        "threshold '{name}': pass a number"
                                    ))
                                })?;
                                format!("{f:?}")
                            };
                            tables.push_str(&format!("{} = {value}\n", lit(&name)));
                        }
                        any = true;
                    }
                    "glossary" => {
                        let p: PathBuf = v.extract()?;
                        let p = std::path::absolute(&p).unwrap_or(p);
                        toml.push_str(&format!("glossary = {}\n", lit(&p.to_string_lossy())));
                        any = true;
                    }
                    "dictionary" | "dict" => dictionary = Some(v.extract()?),
                    "config" => config_path = Some(v.extract()?),
                    other => {
                        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                            "unknown option '{other}'; options: select, ignore, severity, thresholds, dictionary, glossary, config, fail_on"
                        )));
                    }
                }
            }
            toml.push_str(&tables);
        }
        let mut config = Config::load(config_path.as_deref()).map_err(input_error)?;
        if any {
            let given = Config::parse(Path::new("options"), &toml).map_err(input_error)?;
            if given.select.is_some() {
                config.select = given.select;
            }
            config.ignore.extend(given.ignore);
            config.severity.extend(given.severity);
            config.thresholds.0.extend(given.thresholds.0);
            if given.glossary.is_some() {
                config.glossary = given.glossary;
            }
        }
        let settings = Settings {
            align: mtlint::commands::align_config(dictionary.as_deref()).map_err(input_error)?,
            ..Settings::default()
        };
        config.dict = settings.align.dict.clone();
        Ok(Options {
            rules: config.rule_set(),
            settings,
        })
    }

    fn check_units(&self, units: &[(&str, &str)]) -> Vec<Vec<UnitRow>> {
        let origin = Path::new("<python>");
        units
            .par_iter()
            .map(|(s, t)| {
                match corpus::check_unit(String::new(), origin, s, t, &self.settings, &self.rules) {
                    Some(c) if !c.findings.is_empty() => {
                        corpus::unit_rows(&c, (corpus::lead_chars(s), corpus::lead_chars(t)))
                    }
                    _ => Vec::new(),
                }
            })
            .collect()
    }
}

/// A configured checker: the options are read once (dictionary, glossary, configuration
/// file), then used for any number of calls.
#[pyclass(module = "mtlint", frozen)]
struct Checker {
    options: Arc<Options>,
}

#[pymethods]
impl Checker {
    #[new]
    #[pyo3(signature = (**options))]
    fn new(options: Option<&Bound<'_, PyDict>>) -> PyResult<Checker> {
        Ok(Checker {
            options: Arc::new(Options::new(options)?),
        })
    }

    /// Check one document: `source` (English) and `target` (German), paragraphs separated
    /// by blank lines; sentences are split and aligned as `mtlint check SOURCE TARGET` does.
    fn check(&self, py: Python<'_>, source: String, target: String) -> PyResult<Vec<Finding>> {
        let options = self.options.clone();
        py.detach(move || {
            let doc = Document {
                id: "<python>".into(),
                source: mtlint::formats::plaintext::from_text("<source>".into(), source),
                target: mtlint::formats::plaintext::from_text("<target>".into(), target),
                paired: false,
            };
            let paired =
                !doc.source.blocks.is_empty() && doc.source.blocks.len() == doc.target.blocks.len();
            let doc = Document { paired, ..doc };
            mtlint::commands::check_not_swapped(&doc, &options.settings).map_err(input_error)?;
            let checked = pipeline::check_document(doc, &options.settings, &options.rules);
            Ok(corpus::unit_rows(&checked, (0, 0))
                .into_iter()
                .map(|r| Finding::from_row(None, r))
                .collect())
        })
    }

    /// Check aligned units: `sources[i]` and `targets[i]` are one unit (a translation-memory
    /// entry, a corpus row), checked on its own and in parallel with the others.
    fn check_pairs(
        &self,
        py: Python<'_>,
        sources: Vec<String>,
        targets: Vec<String>,
    ) -> PyResult<Vec<Finding>> {
        if sources.len() != targets.len() {
            return Err(InputError::new_err(format!(
                "{} sources but {} targets: pass one target per source (an empty string for a missing translation)",
                sources.len(),
                targets.len()
            )));
        }
        let options = self.options.clone();
        Ok(py.detach(move || {
            let units: Vec<(&str, &str)> = sources
                .iter()
                .zip(&targets)
                .map(|(s, t)| (s.as_str(), t.as_str()))
                .collect();
            options
                .check_units(&units)
                .into_iter()
                .enumerate()
                .flat_map(|(i, rows)| rows.into_iter().map(move |r| Finding::from_row(Some(i), r)))
                .collect()
        }))
    }

    /// Check the units of an Arrow record batch (a `pyarrow.RecordBatch` or anything with
    /// `__arrow_c_array__`); returns a `pyarrow.RecordBatch` with one row per finding: the
    /// unit's `id` (when the batch has the id column, same type), `unit` (row in the batch),
    /// then the report's columns (`span_start`/`span_end` as `str` indices into the unit).
    #[pyo3(signature = (batch, source = "source", target = "target", id = Some("id")))]
    fn check_arrow(
        &self,
        py: Python<'_>,
        batch: PyArrowType<RecordBatch>,
        source: &str,
        target: &str,
        id: Option<&str>,
    ) -> PyResult<PyArrowType<RecordBatch>> {
        let batch = batch.0;
        let options = self.options.clone();
        let (source, target) = (source.to_string(), target.to_string());
        // The default id column is used when there is one; a named one must exist.
        let id = match id {
            Some("id") if batch.column_by_name("id").is_none() => None,
            other => other.map(str::to_string),
        };
        py.detach(move || check_batch(&options, &batch, &source, &target, id.as_deref()))
            .map(PyArrowType)
    }
}

fn check_batch(
    options: &Options,
    batch: &RecordBatch,
    source: &str,
    target: &str,
    id: Option<&str>,
) -> PyResult<RecordBatch> {
    use mtlint::formats::parquet::{column, string_at};
    let s = column(batch, source, "source", false).map_err(input_error)?;
    let t = column(batch, target, "target", false).map_err(input_error)?;
    let ids = match id {
        Some(name) => Some(
            column(batch, name, "id", true)
                .map_err(input_error)?
                .clone(),
        ),
        None => None,
    };
    let units: Vec<(&str, &str)> = (0..batch.num_rows())
        .map(|i| {
            (
                string_at(s.as_ref(), i).unwrap_or(""),
                string_at(t.as_ref(), i).unwrap_or(""),
            )
        })
        .collect();
    let per_unit = options.check_units(&units);
    let mut unit_index = Vec::new();
    let mut spans = Vec::new();
    let mut rows = Vec::new();
    for (i, unit_rows) in per_unit.into_iter().enumerate() {
        for r in unit_rows {
            unit_index.push(i as u64);
            spans.push((r.start, r.end));
            rows.push(r.row);
        }
    }
    let mut fields: Vec<Field> = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    if let (Some(ids), Some(name)) = (&ids, id) {
        let take = UInt32Array::from_iter_values(unit_index.iter().map(|&u| u as u32));
        let taken = arrow::compute::take(ids.as_ref(), &take, None).map_err(input_error)?;
        fields.push(Field::new(name, ids.data_type().clone(), true));
        columns.push(taken);
    }
    fields.push(Field::new("unit", DataType::UInt64, false));
    columns.push(Arc::new(UInt64Array::from(unit_index)));
    fields.extend(mtlint::report::parquet::row_fields());
    columns.extend(mtlint::report::parquet::row_columns(&rows, Some(&spans)));
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(input_error)
}

/// `python -m mtlint …`: the command line, with `args` as its arguments (the first is the
/// program name). Returns the command's exit code.
#[pyfunction]
fn main(py: Python<'_>, args: Vec<String>) -> u8 {
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    py.detach(move || {
        let code = cli::run_from(args);
        let _ = std::io::Write::flush(&mut std::io::stdout());
        code
    })
}

/// The checks: (code, name, default severity, summary).
#[pyfunction]
fn rules() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    mtlint::checks::all_rules()
        .iter()
        .map(|r| (r.code, r.name, r.severity.as_str(), r.summary))
        .collect()
}

#[pymodule]
fn _mtlint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Finding>()?;
    m.add_class::<Checker>()?;
    m.add_function(wrap_pyfunction!(main, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
