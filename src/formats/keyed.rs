//! Localisation files read one language per file and paired by key: JSON, ARB, YAML,
//! Android `strings.xml`, Apple `.strings`, Java `.properties`.
//!
//! - Each reader turns a file into [`Entries`]: the key (path) of every translatable string,
//!   its text with exact file positions, and the language the file declares (ARB
//!   `@@locale`, the YAML root key).
//! - [`pair`] joins a source file and a target file by key into one [`Document`] whose blocks
//!   correspond one to one (`paired`), each block's [`crate::model::Block::id`] being the
//!   key: source keys in source order, then the keys only the target has.
//! - A key only in the source gets an empty target block (MT022 missing-translation); a key
//!   only in the target gets an empty source block (MT028 obsolete-key). Neither is an error.
//!   The empty target block of a key only the source has stands where the key belongs in the
//!   target file: at the key of the target that should follow it (the next key in the
//!   source's order that the target has), else at the last such key before it, else 1:1 (a
//!   target without keys). So a report row, an annotation or a SARIF result for it points
//!   into the target file next to the place to add the key.
//! - A key twice in one file is an error naming both places: which of the two values ships
//!   depends on the loader.

use std::collections::HashMap;
use std::path::Path;

use super::{Format, SideBuilder, UnitText, detect, format_error};
use crate::error::{MtError, Result};
use crate::model::Document;

/// One translatable string of a localisation file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key path (`home.title`, `items[2]`, `files[one]`).
    pub key: String,
    pub(crate) text: UnitText,
    /// Where the key stands in the file (for the duplicate-key error).
    pub line: usize,
    pub column: usize,
}

impl Entry {
    /// The entry's text.
    pub fn text(&self) -> &str {
        &self.text.text
    }
}

/// The strings of one localisation file.
#[derive(Debug, Clone, Default)]
pub struct Entries {
    /// The language the file declares, if any.
    pub lang: Option<String>,
    pub entries: Vec<Entry>,
}

impl Entries {
    /// Add an entry; a key already present is an error.
    pub(crate) fn add(
        &mut self,
        path: &Path,
        seen: &mut HashMap<String, (usize, usize)>,
        entry: Entry,
    ) -> Result<()> {
        if let Some((l, c)) = seen.get(&entry.key) {
            return Err(format_error(
                path,
                entry.line,
                entry.column,
                format!(
                    "key '{}' is defined twice (first at {l}:{c}); remove one of them",
                    entry.key
                ),
            ));
        }
        seen.insert(entry.key.clone(), (entry.line, entry.column));
        self.entries.push(entry);
        Ok(())
    }
}

/// Read one localisation file of a keyed format into its entries.
pub fn read_entries(path: &Path) -> Result<Entries> {
    match detect(path) {
        Format::Json => super::json::read_entries(path, false),
        Format::Arb => super::json::read_entries(path, true),
        Format::Yaml => super::yaml::read_entries(path),
        Format::AndroidXml => super::android::read_entries(path),
        Format::AppleStrings => super::apple::read_entries(path),
        Format::Properties => super::properties::read_entries(path),
        f => Err(MtError::Usage(format!(
            "{}: a {} file is not a key/value localisation file",
            path.display(),
            f.name()
        ))),
    }
}

/// Read a source and a target localisation file of the same format and pair them by key.
pub fn read_pair(source: &Path, target: &Path) -> Result<Document> {
    let (fs, ft) = (detect(source), detect(target));
    if fs != ft {
        return Err(MtError::Usage(format!(
            "{} is a {} file but {} is a {} file; pass two files of the same format",
            source.display(),
            fs.name(),
            target.display(),
            ft.name()
        )));
    }
    let s = read_entries(source)?;
    let t = read_entries(target)?;
    Ok(pair(source, target, s, t))
}

/// Pair source and target entries by key (see the module documentation).
pub fn pair(source: &Path, target: &Path, s: Entries, t: Entries) -> Document {
    let mut src = SideBuilder::new(source.display().to_string(), s.lang);
    let mut tgt = SideBuilder::new(target.display().to_string(), t.lang);
    let mut by_key: HashMap<&str, usize> = HashMap::with_capacity(t.entries.len());
    for (i, e) in t.entries.iter().enumerate() {
        by_key.insert(e.key.as_str(), i);
    }
    let mut used = vec![false; t.entries.len()];
    // Where a key only the source has belongs in the target file: before the next key of
    // the source's order that the target has, else after the last one before it, else at
    // the target's first key (1:1 of a target without keys).
    let found: Vec<Option<usize>> = s
        .entries
        .iter()
        .map(|e| by_key.get(e.key.as_str()).copied())
        .collect();
    let at = |j: usize| (t.entries[j].line, t.entries[j].column);
    let mut belongs: Vec<Option<(usize, usize)>> = vec![None; s.entries.len()];
    let mut next: Option<usize> = None;
    for i in (0..s.entries.len()).rev() {
        belongs[i] = next.map(at);
        if found[i].is_some() {
            next = found[i];
        }
    }
    let mut last: Option<usize> = None;
    let belongs: Vec<(usize, usize)> = found
        .iter()
        .zip(belongs)
        .map(|(f, b)| {
            let here = b
                .or_else(|| last.map(at))
                .or_else(|| t.entries.first().map(|e| (e.line, e.column)))
                .unwrap_or((1, 1));
            if f.is_some() {
                last = *f;
            }
            here
        })
        .collect();
    for (e, (found, belongs)) in s.entries.iter().zip(found.iter().zip(&belongs)) {
        let found = *found;
        if e.text.is_blank() {
            // Nothing to translate; a target for it is not obsolete either.
            if let Some(i) = found {
                used[i] = true;
            }
            continue;
        }
        let empty;
        let target_text = match found {
            Some(i) => {
                used[i] = true;
                &t.entries[i].text
            }
            None => {
                empty = UnitText::empty_at(belongs.0, belongs.1);
                &empty
            }
        };
        src.push(&e.text, Some(e.key.clone()), &[]);
        tgt.push(target_text, Some(e.key.clone()), &[]);
    }
    for (e, used) in t.entries.iter().zip(used) {
        if used || e.text.is_blank() {
            continue;
        }
        src.push(&UnitText::empty_at(1, 1), Some(e.key.clone()), &[]);
        tgt.push(&e.text, Some(e.key.clone()), &[]);
    }
    Document {
        id: target.display().to_string(),
        source: src.finish(),
        target: tgt.finish(),
        paired: true,
    }
}
