//! Batch mode: find the inputs of a run in folders.
//!
//! - Two folders (`--source-dir`, `--target-dir`): every monolingual file (`.txt`, `.md`,
//!   `.markdown`, `.text`) of the target folder pairs with the file at the same relative path
//!   in the source folder; a file on one side only is an error naming it. Bilingual files
//!   (XLIFF, TMX, PO, CSV, TSV) in the target folder are read on their own; bilingual files
//!   in the source folder are ignored (they are usually the untranslated originals).
//!   Localisation files (JSON, ARB, YAML, Android XML, `.strings`, `.properties`) pair the
//!   same way and are then paired by key.
//! - One folder: every bilingual file in it, and the localisation files of the conventional
//!   layouts, each translation with its source: `values-de*/X.xml` with `values/X.xml`
//!   (Android), `de*.lproj/X` with `en.lproj/X` or `Base.lproj/X` (Apple), `de*/X` with
//!   `en/X` (i18next folders), `de*.EXT` with `en.EXT` (`en.json`, Rails `en.yml`) and
//!   `NAME_de*.EXT` with `NAME_en.EXT` or `NAME.EXT` (ARB, `.properties` bundles). A German
//!   file without its source is an error naming the source it looked for. Other files are
//!   ignored.
//! - A `.ts` file that is not XML (TypeScript) and an `.xml` file without `<resources>` (not
//!   Android strings) are ignored.
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
    matches!(ext.as_str(), "txt" | "text" | "md" | "markdown") || detect(path).is_keyed()
}

/// Extensions other files share: a folder scan takes a `.ts` file only when it is XML (not
/// TypeScript) and an `.xml` file only when it is Android resources (`<resources>`).
fn sniff_ok(path: &Path) -> bool {
    let format = detect(path);
    if !matches!(format, super::Format::QtTs | super::Format::AndroidXml) {
        return true;
    }
    let mut head = [0u8; 2048];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    if format == super::Format::QtTs {
        head.trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<')
    } else {
        head.contains("<resources")
    }
}

/// Is `name` a German locale (`de`, `de-DE`, `de_AT`, `de-rAT` of Android)?
fn german(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "de" || lower.starts_with("de-") || lower.starts_with("de_")
}

/// The sources a German localisation file of a conventional layout pairs with (relative
/// paths, in order of preference); `None` when `rel` is not such a file.
pub fn conventional_sources(rel: &Path) -> Option<Vec<PathBuf>> {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let (file, dirs) = parts.split_last()?;
    let with_dir = |i: usize, names: &[&str]| -> Vec<PathBuf> {
        names
            .iter()
            .map(|n| {
                let mut p = PathBuf::new();
                for (j, part) in parts.iter().enumerate() {
                    p.push(if j == i { n } else { part.as_str() });
                }
                p
            })
            .collect()
    };
    // A folder naming the locale, nearest the file first.
    for (i, dir) in dirs.iter().enumerate().rev() {
        if let Some(rest) = dir.strip_prefix("values-")
            && german(rest.split('-').next().unwrap_or(""))
        {
            return Some(with_dir(i, &["values"]));
        }
        if let Some(locale) = dir.strip_suffix(".lproj")
            && german(locale)
        {
            return Some(with_dir(i, &["en.lproj", "Base.lproj"]));
        }
        if german(dir) {
            return Some(with_dir(i, &["en"]));
        }
    }
    let (stem, ext) = file.rsplit_once('.')?;
    let sibling = |name: String| rel.with_file_name(name);
    if german(stem) {
        return Some(vec![sibling(format!("en.{ext}"))]);
    }
    let (base, locale) = stem.rsplit_once('_').or_else(|| stem.rsplit_once('-'))?;
    if german(locale) {
        return Some(vec![
            sibling(format!("{base}_en.{ext}")),
            sibling(format!("{base}.{ext}")),
        ]);
    }
    // `messages_de_AT.properties`
    if let Some((base2, lang)) = base.rsplit_once('_')
        && german(lang)
    {
        return Some(vec![
            sibling(format!("{base2}_en.{ext}")),
            sibling(format!("{base2}.{ext}")),
        ]);
    }
    None
}

/// The inputs of a batch run, sorted by relative path (see the module documentation).
/// With `source_dir = None`, `target_dir` is a folder of bilingual files.
pub fn collect(source_dir: Option<&Path>, target_dir: &Path) -> Result<Vec<Input>> {
    let targets = walk(target_dir)?;
    let mut inputs = Vec::new();
    match source_dir {
        None => {
            for rel in &targets {
                if !sniff_ok(&target_dir.join(rel)) {
                    continue;
                }
                if detect(rel).is_bilingual() {
                    inputs.push(Input::Bilingual(target_dir.join(rel)));
                } else if detect(rel).is_keyed()
                    && let Some(candidates) = conventional_sources(rel)
                {
                    let Some(source) = candidates.iter().find(|c| targets.binary_search(c).is_ok())
                    else {
                        return Err(MtError::Usage(format!(
                            "{}: a German localisation file without its source; expected {}",
                            target_dir.join(rel).display(),
                            candidates
                                .iter()
                                .map(|c| target_dir.join(c).display().to_string())
                                .collect::<Vec<_>>()
                                .join(" or ")
                        )));
                    };
                    inputs.push(Input::Pair {
                        source: target_dir.join(source),
                        target: target_dir.join(rel),
                    });
                }
            }
        }
        Some(source_dir) => {
            let sources: Vec<PathBuf> = walk(source_dir)?
                .into_iter()
                .filter(|p| monolingual(p) && sniff_ok(&source_dir.join(p)))
                .collect();
            for rel in &targets {
                if !sniff_ok(&target_dir.join(rel)) {
                    continue;
                }
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
    ".xlf/.xliff, .tmx, .po, .csv, .tsv, .xcstrings, .ts, and German localisation files next to their English source"
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
