//! Batch mode: find the inputs of a run in folders.
//!
//! - Two folders (`--source-dir`, `--target-dir`): every monolingual file (`.txt`, `.md`,
//!   `.markdown`, `.text`) of the target folder pairs with the file at the same relative path
//!   in the source folder; a file on one side only is an error naming it. Bilingual files
//!   (XLIFF, TMX, PO, CSV, TSV) in the target folder are read on their own; bilingual files
//!   in the source folder are ignored (they are usually the untranslated originals).
//! - One folder: every bilingual file in it; other files are ignored.
//! - Hidden files and folders (name starting with `.`) are ignored; symbolic links to files
//!   are followed, links to folders are not (no cycles).
//! - The inputs come sorted by relative path (byte order), so a run's output order does not
//!   depend on the file system or the number of threads.

use std::path::{Path, PathBuf};

use super::detect;
use crate::error::{MtError, Result};
use crate::model::Document;

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A source file and its translation (plain text or Markdown).
    Pair { source: PathBuf, target: PathBuf },
    /// A bilingual file (XLIFF, TMX, PO, CSV, TSV).
    Bilingual(PathBuf),
}

impl Input {
    /// Read the input into its documents.
    pub fn read(&self) -> Result<Vec<Document>> {
        match self {
            Input::Pair { source, target } => Ok(vec![super::read_pair(source, target)?]),
            Input::Bilingual(path) => super::read_bilingual(path),
        }
    }

    /// The file a report names for this input (the target, or the bilingual file).
    pub fn path(&self) -> &Path {
        match self {
            Input::Pair { target, .. } => target,
            Input::Bilingual(p) => p,
        }
    }
}

fn monolingual(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    matches!(ext.as_str(), "txt" | "text" | "md" | "markdown")
}

/// The inputs of a batch run, sorted by relative path (see the module documentation).
/// With `source_dir = None`, `target_dir` is a folder of bilingual files.
pub fn collect(source_dir: Option<&Path>, target_dir: &Path) -> Result<Vec<Input>> {
    let targets = walk(target_dir)?;
    let mut inputs = Vec::new();
    match source_dir {
        None => {
            for rel in targets {
                if detect(&rel).is_bilingual() {
                    inputs.push(Input::Bilingual(target_dir.join(rel)));
                }
            }
        }
        Some(source_dir) => {
            let sources: Vec<PathBuf> = walk(source_dir)?
                .into_iter()
                .filter(|p| monolingual(p))
                .collect();
            for rel in &targets {
                if detect(rel).is_bilingual() {
                    inputs.push(Input::Bilingual(target_dir.join(rel)));
                } else if monolingual(rel) {
                    if sources.binary_search(rel).is_err() {
                        return Err(MtError::Usage(format!(
                            "{}: no source file {} for it; every target needs a source at the same relative path",
                            target_dir.join(rel).display(),
                            source_dir.join(rel).display()
                        )));
                    }
                    inputs.push(Input::Pair {
                        source: source_dir.join(rel),
                        target: target_dir.join(rel),
                    });
                }
            }
            let mut targets_sorted = targets.clone();
            targets_sorted.sort();
            for rel in &sources {
                if targets_sorted.binary_search(rel).is_err() {
                    return Err(MtError::Usage(format!(
                        "{}: no target file {} for it; every source needs a translation at the same relative path",
                        source_dir.join(rel).display(),
                        target_dir.join(rel).display()
                    )));
                }
            }
        }
    }
    if inputs.is_empty() {
        return Err(MtError::Usage(format!(
            "{}: no files to check (looked for .txt/.md pairs{} and {})",
            target_dir.display(),
            if source_dir.is_some() {
                ""
            } else {
                " — they need --source-dir"
            },
            bilingual_list()
        )));
    }
    Ok(inputs)
}

fn bilingual_list() -> &'static str {
    ".xlf/.xliff, .tmx, .po, .csv, .tsv"
}

/// Relative paths of the files under `dir`, sorted.
fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.exists() {
        return Err(MtError::NotFound {
            path: dir.to_path_buf(),
        });
    }
    if !dir.is_dir() {
        return Err(MtError::Usage(format!(
            "{}: is not a folder; --source-dir and --target-dir take folders",
            dir.display()
        )));
    }
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let abs = dir.join(&rel);
        let entries = std::fs::read_dir(&abs).map_err(|e| MtError::io(&abs, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| MtError::io(&abs, e))?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let child = rel.join(&name);
            let kind = entry
                .file_type()
                .map_err(|e| MtError::io(entry.path(), e))?;
            if kind.is_dir() {
                stack.push(child);
            } else if kind.is_file() || (kind.is_symlink() && entry.path().is_file()) {
                out.push(child);
            }
        }
    }
    out.sort();
    Ok(out)
}
