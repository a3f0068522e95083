//! Input planning for `mtlint check`: what the command line names (a pair, a bilingual file,
//! folders), the files a run will read, each with its role, and the reports of earlier runs
//! that a folder scan must not take for input.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{MtError, Result};
use crate::formats::{self, batch, batch::Input};

/// The inputs of `mtlint check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckInput {
    /// `mtlint check SOURCE TARGET`: plain text or Markdown.
    Pair { source: PathBuf, target: PathBuf },
    /// `mtlint check FILE`: one bilingual file (XLIFF, TMX, PO, CSV, TSV).
    Bilingual(PathBuf),
    /// `--source-dir`/`--target-dir`: folders paired by relative path, or one folder of
    /// bilingual files (see [`formats::batch`]).
    Dirs {
        source: Option<PathBuf>,
        target: PathBuf,
    },
    /// A Parquet corpus (a `.parquet` file, or a folder of shards) checked unit by unit,
    /// in the given columns (see [`crate::corpus`]).
    Corpus {
        path: PathBuf,
        columns: crate::corpus::Columns,
    },
}

impl CheckInput {
    /// Make sense of the command line: two files, one bilingual file, or folders.
    pub fn from_args(
        source: Option<PathBuf>,
        target: Option<PathBuf>,
        source_dir: Option<PathBuf>,
        target_dir: Option<PathBuf>,
    ) -> Result<Self> {
        match (source, target, source_dir, target_dir) {
            (Some(source), Some(target), None, None) => {
                for file in [&source, &target] {
                    let format = formats::detect(file);
                    if format.is_bilingual() {
                        return Err(MtError::Usage(format!(
                            "{}: a {} file holds source and target; check it alone (`mtlint check {}`)",
                            file.display(),
                            format.name(),
                            file.display()
                        )));
                    }
                }
                Ok(CheckInput::Pair { source, target })
            }
            (Some(file), None, None, None) => {
                if std::fs::metadata(&file).is_ok_and(|m| m.is_file()) && is_mtlint_workbook(&file) {
                    return Err(MtError::Usage(format!(
                        "{}: this is a review workbook mtlint wrote, not a translation to check; pass the files it was made from (and the workbook as --baseline to accept its decisions)",
                        file.display()
                    )));
                }
                if crate::corpus::is_parquet(&file) {
                    return Ok(CheckInput::Corpus {
                        path: file,
                        columns: crate::corpus::Columns::default(),
                    });
                }
                formats::check_supported(&file)?;
                if formats::detect(&file).is_bilingual() {
                    Ok(CheckInput::Bilingual(file))
                } else {
                    Err(MtError::Usage(format!(
                        "{}: a {} file holds one side only; pass SOURCE and TARGET (or a bilingual .xlf, .tmx, .po, .csv or .tsv file)",
                        file.display(),
                        formats::detect(&file).name()
                    )))
                }
            }
            (None, None, source, Some(target)) => Ok(CheckInput::Dirs { source, target }),
            (None, None, Some(_), None) => Err(MtError::Usage(
                "--source-dir needs --target-dir (the translations to check)".to_string(),
            )),
            (None, None, None, None) => Err(MtError::Usage(
                "nothing to check: pass SOURCE TARGET, a bilingual file, or --target-dir DIR"
                    .to_string(),
            )),
            _ => Err(MtError::Usage(
                "pass either files (SOURCE TARGET, or one bilingual file) or folders (--source-dir/--target-dir), not both".to_string(),
            )),
        }
    }

    /// The path whose stem names the default reports (`reports/<stem>.<ext>`): the target
    /// file, the bilingual file, or the target folder.
    pub fn report_name(&self) -> PathBuf {
        match self {
            CheckInput::Pair { target, .. } => target.clone(),
            CheckInput::Bilingual(file) => file.clone(),
            CheckInput::Corpus { path, .. } if !path.is_dir() => path.clone(),
            CheckInput::Dirs { target, .. } | CheckInput::Corpus { path: target, .. } => target
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(PathBuf::from))
                .unwrap_or_else(|| PathBuf::from("report")),
        }
    }

    /// The files to read, in report order. A folder scan leaves out what mtlint wrote
    /// itself: the default report folder `reports/` and any file that reads as an mtlint
    /// report (see [`is_mtlint_report`]); each left-out file is named in the plan's notes,
    /// and a left-out file that is not a report stays protected from being written over. A
    /// bilingual file named on the command line that is an mtlint report is refused.
    pub fn inputs(&self) -> Result<InputPlan> {
        match self {
            CheckInput::Pair { source, target } => Ok(InputPlan {
                inputs: vec![Input::Pair {
                    source: source.clone(),
                    target: target.clone(),
                }],
                ..InputPlan::default()
            }),
            CheckInput::Bilingual(file) => {
                if is_mtlint_report(file) {
                    return Err(MtError::Usage(format!(
                        "{}: this is a report mtlint wrote, not a translation to check; pass the bilingual file it was made from",
                        file.display()
                    )));
                }
                Ok(InputPlan {
                    inputs: vec![Input::Bilingual(file.clone())],
                    ..InputPlan::default()
                })
            }
            CheckInput::Corpus { path, .. } => Ok(InputPlan {
                inputs: corpus_files(path)?
                    .into_iter()
                    .map(Input::Bilingual)
                    .collect(),
                ..InputPlan::default()
            }),
            CheckInput::Dirs { source, target } => {
                let found = batch::collect(source.as_deref(), target)?;
                let reports_dir = Path::new(super::outputs::REPORTS_DIR).canonicalize().ok();
                let mut plan = InputPlan::default();
                for input in found {
                    let path = input.path().to_path_buf();
                    let report = is_mtlint_report(&path);
                    let in_reports = reports_dir
                        .as_deref()
                        .is_some_and(|dir| path.canonicalize().is_ok_and(|p| p.starts_with(dir)));
                    if report {
                        plan.notes.push(format!(
                            "{}: a report mtlint wrote (its header says so)",
                            path.display()
                        ));
                    } else if in_reports {
                        plan.notes.push(format!(
                            "{}: in {}/, where mtlint writes its reports",
                            path.display(),
                            super::outputs::REPORTS_DIR
                        ));
                        match input {
                            Input::Pair { source, target } => {
                                plan.protected.extend([source, target]);
                            }
                            Input::Bilingual(file) => plan.protected.push(file),
                        }
                    } else {
                        plan.inputs.push(input);
                    }
                }
                if plan.inputs.is_empty() {
                    return Err(MtError::Usage(format!(
                        "{}: no files to check: every file found is mtlint's own ({})",
                        target.display(),
                        plan.notes.join("; ")
                    )));
                }
                Ok(plan)
            }
        }
    }
}

/// The Parquet files of a corpus (see [`crate::formats::parquet::shards`]).
#[cfg(feature = "arrow")]
fn corpus_files(path: &Path) -> Result<Vec<PathBuf>> {
    formats::parquet::shards(path)
}

#[cfg(not(feature = "arrow"))]
fn corpus_files(path: &Path) -> Result<Vec<PathBuf>> {
    Err(MtError::Usage(format!(
        "{}: this mtlint was built without Parquet support (the `arrow` feature); build it with default features",
        path.display()
    )))
}

/// What a run reads, from [`CheckInput::inputs`].
#[derive(Debug, Default)]
pub struct InputPlan {
    /// The inputs, in report order.
    pub inputs: Vec<Input>,
    /// One line per file a folder scan left out, saying why.
    pub notes: Vec<String>,
    /// Files left out that are not mtlint's reports: never written over either.
    pub protected: Vec<PathBuf>,
}

/// Whether the file starts like a CSV or TSV report written by mtlint: its header row is the
/// report's columns (`doc,pair,source_sentences,…`, also with the byte-order mark every CSV
/// report has, or the `;` of `--excel`). Reads at most the first few hundred bytes; a ZIP
/// archive is opened as a workbook and counts when it is mtlint's review workbook.
pub fn is_mtlint_report(path: &Path) -> bool {
    // Only a regular file: opening a FIFO without a writer would block (the reader refuses it
    // later with a clear message).
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = Vec::with_capacity(512);
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if file.take(512).read_to_end(&mut head).is_err() {
        return false;
    }
    if head.starts_with(b"PK\x03\x04") {
        return is_mtlint_workbook(path);
    }
    let head = head.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&head);
    // Reports from before the `unit` column start `doc,pair,…`, newer ones `doc,unit,pair,…`.
    let old = ["doc", "pair", "source_sentences", "target_sentences"];
    let columns = &crate::report::COLUMNS[..4];
    [",", ";", "\t"].iter().any(|sep| {
        [columns, &old[..]]
            .iter()
            .any(|c| head.starts_with(c.join(sep).as_bytes()))
    })
}

/// Whether the file is an XLSX review workbook written by mtlint: its `findings` sheet's
/// header starts with the editor's columns (see [`crate::report::xlsx`]).
fn is_mtlint_workbook(path: &Path) -> bool {
    use calamine::{Reader, Xlsx};
    let Ok(mut book) = calamine::open_workbook::<Xlsx<_>, _>(path) else {
        return false;
    };
    let Ok(range) = book.worksheet_range(crate::report::xlsx::FINDINGS_SHEET) else {
        return false;
    };
    let Some(header) = range.rows().next() else {
        return false;
    };
    let columns = crate::report::xlsx::EDITOR_COLUMNS;
    header.len() >= columns.len() && header.iter().zip(columns).all(|(cell, name)| *cell == name)
}

/// A file a run reads, and what for (named in messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadFile {
    pub role: &'static str,
    pub path: PathBuf,
}

/// Every file a run reads: the inputs, then the baselines, the dictionary, the configuration
/// file and the glossary it names.
pub fn read_files(
    plan: &InputPlan,
    baselines: &[PathBuf],
    dict: Option<&Path>,
    config: &crate::config::Config,
) -> Vec<ReadFile> {
    let mut files = Vec::new();
    let mut add = |role, path: &Path| {
        files.push(ReadFile {
            role,
            path: path.to_path_buf(),
        })
    };
    for input in &plan.inputs {
        match input {
            Input::Pair { source, target } => {
                add("source file", source);
                add("translation", target);
            }
            Input::Bilingual(file) => add("bilingual input", file),
        }
    }
    for p in &plan.protected {
        add("file in the scanned folder", p);
    }
    for b in baselines {
        add("baseline (--baseline)", b);
    }
    if let Some(d) = dict {
        add("dictionary (--dict)", d);
    }
    if let Some(c) = &config.path {
        add("configuration file", c);
    }
    if let Some(g) = &config.glossary {
        add("glossary", &g.path);
    }
    files
}
