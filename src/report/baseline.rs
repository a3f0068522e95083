//! Baselines: accept findings for good.
//!
//! `--write-baseline FILE` records the findings of a run; `--baseline FILE` leaves out every
//! finding already recorded. Findings are matched by a [`fingerprint`] of the document id,
//! the check code, the side, the span text and the text of the sentence pair it sits in —
//! not line numbers or pair indices, so edits elsewhere in the file do not break the match.
//! Since baseline version 3 the fingerprint also covers the finding's unit (the report's
//! `unit` column: XLIFF id, TMX tuid, PO msgctxt|msgid, a key, a Markdown heading path) when
//! it has one, so the same finding in two units is two entries and a finding whose unit
//! changed is new; plain text's `paragraph N` and pre-split text's `line N` are places like
//! line numbers and stay out of it. Versions 1 and 2 are still read and match as before
//! (without the unit).
//!
//! A CSV review report works as a baseline too: its rows whose `status` an editor set to
//! `accepted` or `false-positive` are accepted (plain or `--excel` CSV), so the editors'
//! decisions flow back into CI. So does an XLSX review workbook ([`super::xlsx`]), also after
//! Excel or LibreOffice saved it again: its findings sheet is read by column name.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Row;
use super::csv::restore;
use crate::error::{MtError, Result};

/// `status` values (case-insensitive) that accept a finding in a CSV report.
pub const ACCEPTING_STATUSES: [&str; 4] = ["accepted", "false-positive", "false positive", "fp"];

/// Collapse runs of white space to one space and trim, so re-wrapped text still matches.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// FNV-1a, 64 bit: a hash that is stable across Rust versions and platforms.
pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(std::iter::once(&0xffu8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// The sentence around a span (char offsets into `text`): from after the last sentence end
/// (`.`, `!`, `?` or `…` followed by white space) before the span to the first sentence end
/// after it. Computed from the text alone, so it is the same whether the aligner put the
/// sentence into a pair on its own or together with its neighbours, and the same when it is
/// recomputed from a CSV report's columns.
pub fn sentence_around(text: &str, start: Option<usize>, end: Option<usize>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (Some(start), Some(end)) = (start, end) else {
        return text.to_string();
    };
    let end = end.min(chars.len());
    let start = start.min(end);
    let mut from = start;
    while from > 0 {
        let i = from - 1;
        if ends_sentence(chars[i]) && chars.get(i + 1).is_some_and(|c| c.is_whitespace()) {
            break;
        }
        from -= 1;
    }
    let mut to = end;
    if !(end > start && ends_sentence(chars[end - 1])) {
        while to < chars.len() {
            if ends_sentence(chars[to]) && chars.get(to + 1).is_none_or(|c| c.is_whitespace()) {
                to += 1;
                break;
            }
            to += 1;
        }
    }
    chars[from..to]
        .iter()
        .collect::<String>()
        .trim()
        .to_string()
}

/// The code a finding is fingerprinted under: its own, except name-mismatch (MT020), whose
/// findings were entity-mismatch (MT010) findings before the two rules were split. MT020
/// findings keep MT010's key, so a baseline written before the split still accepts them
/// (and one written after it accepts the same findings): an entity and a name finding never
/// share a span and sentence, so the two codes sharing a key merges nothing that was apart.
fn fingerprint_code(code: &str) -> &str {
    use crate::checks::entity_mismatch::EntityMismatch;
    use crate::checks::name_mismatch::NameMismatch;
    if code.eq_ignore_ascii_case(NameMismatch::RULE.code) {
        EntityMismatch::RULE.code
    } else {
        code
    }
}

/// Where a baseline takes document paths from: the root that document paths are made
/// relative to before they enter a fingerprint.
///
/// The root is the repository root when the baseline file (or, for [`DocRoot::current`],
/// the current directory) lies in a git checkout (a folder with `.git`, found upwards; no
/// git binary needed), else the baseline file's folder (or the current directory). A
/// document path is resolved against the current directory, lexically normalised (`./`,
/// `..`, `\` separators; its folder through symbolic links when it exists) and made
/// relative to the root, `/`-separated: `input/a.de.txt`, `./input/a.de.txt`, the absolute
/// path, and `a.de.txt` run from `input/` all give the same key.
#[derive(Debug)]
pub struct DocRoot {
    root: Vec<String>,
    cwd: Vec<String>,
    cache: std::sync::Mutex<std::collections::HashMap<String, String>>,
}

/// The path components of `path` (`\` read as `/`), `.` and `..` resolved lexically,
/// relative ones resolved against `base`. A Windows drive (`C:`) is the first component.
fn components(path: &str, base: &[String]) -> Vec<String> {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    let mut out: Vec<String> = if path.starts_with('/') || drive {
        Vec::new()
    } else {
        base.to_vec()
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p.to_string()),
        }
    }
    out
}

fn to_path(parts: &[String]) -> std::path::PathBuf {
    let mut p = std::path::PathBuf::from("/");
    p.extend(parts);
    p
}

/// `parts` with its folder resolved through symbolic links, when that folder exists.
fn canonical(parts: Vec<String>, whole: bool) -> Vec<String> {
    let n = if whole {
        parts.len()
    } else {
        parts.len().saturating_sub(1)
    };
    match std::fs::canonicalize(to_path(&parts[..n])) {
        Ok(real) => {
            let mut out = components(&real.to_string_lossy(), &[]);
            out.extend_from_slice(&parts[n..]);
            out
        }
        Err(_) => parts,
    }
}

fn current_dir() -> Vec<String> {
    std::env::current_dir()
        .map(|d| components(&d.to_string_lossy(), &[]))
        .unwrap_or_default()
}

impl DocRoot {
    /// The root of a baseline file at `path` (read or written): the repository root above
    /// its folder, else its folder.
    pub fn for_baseline(path: &Path) -> DocRoot {
        let cwd = current_dir();
        let folder = components(&path.to_string_lossy(), &cwd);
        let folder = canonical(folder[..folder.len().saturating_sub(1)].to_vec(), true);
        Self::at(folder, cwd)
    }

    /// The root for outputs that carry fingerprints without a baseline file (JSONL, SARIF):
    /// the repository root above the current directory, else the current directory.
    pub fn current() -> &'static DocRoot {
        static CURRENT: std::sync::OnceLock<DocRoot> = std::sync::OnceLock::new();
        CURRENT.get_or_init(|| {
            let cwd = current_dir();
            Self::at(canonical(cwd.clone(), true), cwd)
        })
    }

    /// A copy of [`DocRoot::current`] (with its own cache).
    pub fn current_copy() -> DocRoot {
        let c = Self::current();
        DocRoot {
            root: c.root.clone(),
            cwd: c.cwd.clone(),
            cache: Default::default(),
        }
    }

    fn at(folder: Vec<String>, cwd: Vec<String>) -> DocRoot {
        let mut root = folder.clone();
        let git = loop {
            if to_path(&root).join(".git").exists() {
                break Some(root);
            }
            if root.pop().is_none() {
                break None;
            }
        };
        DocRoot {
            root: git.unwrap_or(folder),
            cwd,
            cache: Default::default(),
        }
    }

    /// The folder document paths are made relative to.
    pub fn path(&self) -> std::path::PathBuf {
        to_path(&self.root)
    }

    /// The document path `doc` (as a report's `doc` column has it) relative to the root,
    /// normalised, `/`-separated (`../` when it lies outside the root).
    pub fn key(&self, doc: &str) -> String {
        if let Ok(cache) = self.cache.lock()
            && let Some(k) = cache.get(doc)
        {
            return k.clone();
        }
        let parts = canonical(components(doc, &self.cwd), false);
        let common = self
            .root
            .iter()
            .zip(&parts)
            .take_while(|(a, b)| a == b)
            .count();
        let mut key: Vec<&str> = vec![".."; self.root.len() - common];
        key.extend(parts[common..].iter().map(String::as_str));
        let key = key.join("/");
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(doc.to_string(), key.clone());
        }
        key
    }
}

/// Whether a report's unit is only a place in the file — plain text's `paragraph N`, pre-split
/// text's `line N` (see [`crate::model::BlockName`]) — which a fingerprint leaves out like a
/// line number: a paragraph added above would change it. (An XLIFF unit whose id is
/// literally `paragraph 3` is left out too; its findings are then matched as in version 2.)
pub fn unit_is_a_place(unit: &str) -> bool {
    ["paragraph ", "line "].iter().any(|p| {
        unit.strip_prefix(p)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// The unit a version-3 fingerprint covers: the row's unit, white space normalised, unless
/// it is empty or a place ([`unit_is_a_place`]).
fn fingerprint_unit(row: &Row) -> Option<String> {
    let unit = normalise(&row.unit);
    (!unit.is_empty() && !unit_is_a_place(&unit)).then_some(unit)
}

/// The fingerprint of a finding: 16 hex digits over (document key, check code, side, span
/// text, the sentence around the span, and the unit when it names one — see
/// [`fingerprint_unit`]), white space normalised; the document key as [`DocRoot::current`]
/// gives it (see [`fingerprint_in`]), the code as [`fingerprint_code`] gives it. Without a
/// unit it is the version-2 fingerprint.
pub fn fingerprint(row: &Row) -> String {
    fingerprint_in(row, DocRoot::current())
}

/// The fingerprint of a finding with its document path made relative to `root` (see
/// [`DocRoot::key`]), so that the same document named another way matches.
///
/// Computed from the row's cells alone, so a row read back from a CSV report gives the same
/// fingerprint as the row it was written from. For a long pair the cell is an excerpt (see
/// [`super::span_in_cell`]): the sentence is then looked for inside the excerpt, which gives
/// the same sentence as the full text whenever the sentence lies within the excerpt's
/// context, and a `…`-cut piece of it otherwise; a long span counts as its cut form.
pub fn fingerprint_in(row: &Row, root: &DocRoot) -> String {
    fingerprint_with_doc(row, &root.key(&row.doc), true)
}

/// The fingerprint of baseline version 2: as [`fingerprint_in`] without the unit.
pub fn fingerprint_v2_in(row: &Row, root: &DocRoot) -> String {
    fingerprint_with_doc(row, &root.key(&row.doc), false)
}

/// The fingerprint of baseline version 1: the document path as the run was given it, no
/// unit.
pub fn legacy_fingerprint(row: &Row) -> String {
    fingerprint_with_doc(row, &row.doc, false)
}

fn fingerprint_with_doc(row: &Row, doc: &str, with_unit: bool) -> String {
    let side = if row.side.is_empty() {
        "target"
    } else {
        &row.side
    };
    let span = normalise(&row.span);
    let (start, end) = row.span_in_side_text();
    let sentence = normalise(&sentence_around(row.side_text(), start, end));
    let code = fingerprint_code(&row.code);
    let hash = match with_unit.then(|| fingerprint_unit(row)).flatten() {
        Some(unit) => fnv1a(&[doc, code, side, &span, &sentence, &unit]),
        None => fnv1a(&[doc, code, side, &span, &sentence]),
    };
    format!("{hash:016x}")
}

/// One recorded finding. Only `fingerprint` is used for matching; the rest is there so a
/// person can read the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    #[serde(default)]
    pub doc: String,
    /// The unit the finding is in (version 3; empty when it has none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub check: String,
    #[serde(default)]
    pub span: String,
    #[serde(default)]
    pub message: String,
    /// An editor's decision (the HTML page's export): `accepted` or `false-positive` accept
    /// the finding; any other status (`fixed`, `to-do`) records it without accepting it, and
    /// it is not counted as an entry. Absent (`--write-baseline`): accepted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status: String,
    /// The editor's note on the decision (read by people only).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Entry {
    /// Whether the entry accepts its finding: no status, or an accepting one.
    pub fn accepts(&self) -> bool {
        self.status.is_empty()
            || ACCEPTING_STATUSES
                .iter()
                .any(|s| s.eq_ignore_ascii_case(self.status.trim()))
    }
}

/// The version of the JSON baseline format this build writes: 3, fingerprints over the
/// document path relative to the baseline's [`DocRoot`] and over the unit ([`fingerprint`]).
/// Version 2 (the same without the unit) and version 1 (fingerprints over the path as the
/// run was given it) are still read.
const BASELINE_VERSION: u32 = 3;

/// The baseline file written by `--write-baseline` (JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BaselineFile {
    /// Format version, 1, 2 or 3.
    pub mtlint_baseline: u32,
    /// What version-2 and -3 fingerprints' document paths are relative to: [`ROOT_FILE`] (or
    /// absent) = the root of the baseline file's folder ([`DocRoot::for_baseline`]);
    /// [`ROOT_RUN`] = the root of the run that reads it ([`DocRoot::current`]), as in the
    /// HTML page's decisions export, which a browser saves wherever it likes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
    pub findings: Vec<Entry>,
}

/// [`BaselineFile::root`]: paths relative to the baseline file's repository or folder.
pub const ROOT_FILE: &str = "file";
/// [`BaselineFile::root`]: paths relative to the reading run's repository or current folder.
pub const ROOT_RUN: &str = "run";

/// The fingerprints of one baseline file, each with whether a finding of this run matched.
#[derive(Debug)]
struct Group {
    /// The root of version-2 and -3 fingerprints; `None` for a version-1 file.
    root: Option<std::sync::Arc<DocRoot>>,
    /// Whether the fingerprints cover the unit (version 3, a report with a `unit` column).
    with_unit: bool,
    /// Fingerprint -> matched.
    entries: std::collections::HashMap<String, bool>,
    /// Version 1: the `doc` spellings of the entries, by their key relative to the current
    /// directory's root, so a finding whose document is named another way still matches.
    docs: std::collections::HashMap<String, Vec<String>>,
}

impl Group {
    fn new(root: Option<std::sync::Arc<DocRoot>>, with_unit: bool) -> Group {
        Group {
            root,
            with_unit,
            entries: Default::default(),
            docs: Default::default(),
        }
    }

    /// The fingerprint of `row` this group holds, if any.
    fn find(&self, row: &Row) -> Option<String> {
        if let Some(root) = &self.root {
            let fp = fingerprint_with_doc(row, &root.key(&row.doc), self.with_unit);
            return self.entries.contains_key(&fp).then_some(fp);
        }
        let fp = legacy_fingerprint(row);
        if self.entries.contains_key(&fp) {
            return Some(fp);
        }
        let key = DocRoot::current().key(&row.doc);
        self.docs.get(&key)?.iter().find_map(|doc| {
            let fp = fingerprint_with_doc(row, doc, false);
            self.entries.contains_key(&fp).then_some(fp)
        })
    }
}

/// A set of accepted fingerprints (from one or more baseline files), counting which of them
/// matched a finding ([`Baseline::matches`]) and which are stale.
#[derive(Debug, Default)]
pub struct Baseline {
    groups: Vec<Group>,
}

impl Baseline {
    /// The baseline of the finding rows in `rows`, their documents relative to
    /// [`DocRoot::current`].
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = &'a Row>) -> Baseline {
        let mut group = Group::new(Some(std::sync::Arc::new(DocRoot::current_copy())), true);
        Self::fill(&mut group, rows);
        Baseline {
            groups: vec![group],
        }
    }

    /// The baseline of the finding rows in `rows` (e.g. read back from a report at `path`),
    /// their documents relative to the root of `path` ([`DocRoot::for_baseline`]); the
    /// fingerprints cover the unit when `with_unit` (the rows have a unit column).
    pub fn from_rows_at<'a>(
        path: &Path,
        rows: impl IntoIterator<Item = &'a Row>,
        with_unit: bool,
    ) -> Baseline {
        let mut group = Group::new(
            Some(std::sync::Arc::new(DocRoot::for_baseline(path))),
            with_unit,
        );
        Self::fill(&mut group, rows);
        Baseline {
            groups: vec![group],
        }
    }

    fn fill<'a>(group: &mut Group, rows: impl IntoIterator<Item = &'a Row>) {
        let Some(root) = group.root.clone() else {
            return;
        };
        for r in rows.into_iter().filter(|r| r.is_finding()) {
            let fp = fingerprint_with_doc(r, &root.key(&r.doc), group.with_unit);
            group.entries.insert(fp, false);
        }
    }

    /// Number of entries (distinct fingerprints per file).
    pub fn len(&self) -> usize {
        self.groups.iter().map(|g| g.entries.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the baseline accepts this finding.
    pub fn contains(&self, row: &Row) -> bool {
        row.is_finding() && self.groups.iter().any(|g| g.find(row).is_some())
    }

    /// Whether the baseline accepts this finding; the entries that accept it count as
    /// matched ([`Baseline::matched`]).
    pub fn matches(&mut self, row: &Row) -> bool {
        if !row.is_finding() {
            return false;
        }
        let mut any = false;
        for g in &mut self.groups {
            if let Some(fp) = g.find(row) {
                g.entries.insert(fp, true);
                any = true;
            }
        }
        any
    }

    /// Number of entries that matched a finding (through [`Baseline::matches`]).
    pub fn matched(&self) -> usize {
        self.groups
            .iter()
            .map(|g| g.entries.values().filter(|m| **m).count())
            .sum()
    }

    /// Number of entries that matched no finding: stale, the finding is gone (or its text
    /// changed).
    pub fn stale(&self) -> usize {
        self.len() - self.matched()
    }

    /// Add all entries of another baseline.
    pub fn extend(&mut self, other: Baseline) {
        self.groups.extend(other.groups);
    }

    /// The baseline format version this build writes (`mtlint_baseline` of a JSON
    /// baseline); it reads this one, version 2 and version 1.
    pub const VERSION: u32 = BASELINE_VERSION;

    /// Read a baseline: a JSON file written by `--write-baseline`, a CSV review report or an
    /// XLSX review workbook (whose rows with an accepting `status` count).
    pub fn read(path: &Path) -> Result<Baseline> {
        if let Some(bytes) = read_workbook(path)? {
            return Self::parse_xlsx(path, bytes);
        }
        let text = crate::formats::read_text_as(path, crate::formats::Role::Baseline)?;
        Self::parse(path, &text)
    }

    /// Parse a baseline's text (see [`Baseline::read`]).
    pub fn parse(path: &Path, text: &str) -> Result<Baseline> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        if text.trim_start().starts_with('{') {
            let file: BaselineFile = serde_json::from_str(text).map_err(|e| MtError::Format {
                path: path.to_path_buf(),
                message: format!(
                    "line {}: not a valid mtlint baseline: {e}; write one with --write-baseline",
                    e.line()
                ),
            })?;
            if !(1..=BASELINE_VERSION).contains(&file.mtlint_baseline) {
                let why = if file.mtlint_baseline > BASELINE_VERSION {
                    "is newer than this mtlint understands"
                } else {
                    "is not one this mtlint understands"
                };
                return Err(MtError::Format {
                    path: path.to_path_buf(),
                    message: format!(
                        "baseline version {} {why} ({BASELINE_VERSION}); update mtlint, or write the baseline again with this one (--write-baseline)",
                        file.mtlint_baseline
                    ),
                });
            }
            let with_unit = file.mtlint_baseline >= 3;
            let mut group = if file.mtlint_baseline == 1 {
                Group::new(None, false)
            } else {
                match file.root.as_deref() {
                    None | Some(ROOT_FILE) => Group::new(
                        Some(std::sync::Arc::new(DocRoot::for_baseline(path))),
                        with_unit,
                    ),
                    Some(ROOT_RUN) => Group::new(
                        Some(std::sync::Arc::new(DocRoot::current_copy())),
                        with_unit,
                    ),
                    Some(other) => {
                        return Err(MtError::Format {
                            path: path.to_path_buf(),
                            message: format!(
                                "baseline root '{other}' is not one this mtlint understands ('{ROOT_FILE}' or '{ROOT_RUN}'); write the baseline again with --write-baseline"
                            ),
                        });
                    }
                }
            };
            for e in file.findings.into_iter().filter(Entry::accepts) {
                if group.root.is_none() {
                    let key = DocRoot::current().key(&e.doc);
                    let spellings = group.docs.entry(key).or_default();
                    if !spellings.contains(&e.doc) {
                        spellings.push(e.doc);
                    }
                }
                group.entries.insert(e.fingerprint, false);
            }
            return Ok(Baseline {
                groups: vec![group],
            });
        }
        Self::parse_csv(path, text)
    }

    fn parse_csv(path: &Path, text: &str) -> Result<Baseline> {
        let err = |message: String| MtError::Format {
            path: path.to_path_buf(),
            message,
        };
        let first = text.lines().next().unwrap_or("");
        let delimiter = if first.matches(';').count() > first.matches(',').count() {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| err(format!("cannot read the CSV header: {e}")))?
            .clone();
        let headers: Vec<String> = headers
            .iter()
            .map(|h| restore(h.trim()).to_string())
            .collect();
        let records = reader.records().map(|record| {
            record
                .map(|r| r.iter().map(|c| restore(c).to_string()).collect())
                .map_err(|e| {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    err(format!("line {line}: invalid CSV: {e}"))
                })
        });
        Self::from_table(path, &headers, records)?.ok_or_else(|| {
            err("not a baseline: neither a JSON baseline nor a CSV report with the columns doc, code, span and status".into())
        })
    }

    /// Parse an XLSX review workbook's bytes (see [`super::xlsx`]): the sheet `findings`, or
    /// else the first sheet with the columns doc, code, span and status. Cells are read as
    /// they are (a workbook's cells are typed, nothing is neutralised); number cells
    /// (`span_start`, …) also when a spreadsheet saved them as text.
    pub fn parse_xlsx(path: &Path, bytes: Vec<u8>) -> Result<Baseline> {
        use calamine::{Data, Reader, Xlsx};
        let err = |message: String| MtError::Format {
            path: path.to_path_buf(),
            message,
        };
        let mut book = Xlsx::new(std::io::Cursor::new(bytes))
            .map_err(|e| err(format!("not a readable XLSX workbook: {e}")))?;
        let mut names = book.sheet_names();
        // The findings sheet first, then the others in workbook order.
        names.sort_by_key(|n| !n.eq_ignore_ascii_case(super::xlsx::FINDINGS_SHEET));
        for name in names {
            let range = book
                .worksheet_range(&name)
                .map_err(|e| err(format!("sheet '{name}': cannot read it: {e}")))?;
            let (first_row, first_col) = range.start().unwrap_or((0, 0));
            let cell = |d: &Data| match d {
                Data::Empty => String::new(),
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                other => other.to_string(),
            };
            let mut rows = range.rows();
            let Some(header) = rows.next() else {
                continue;
            };
            // Columns before the range's first one are empty: keep the positions absolute.
            let pad = first_col as usize;
            let header: Vec<String> = std::iter::repeat_n(String::new(), pad)
                .chain(header.iter().map(|d| cell(d).trim().to_string()))
                .collect();
            if first_row > 0 {
                // A header not on the first row: not mtlint's workbook.
                continue;
            }
            let records = rows.map(|r| {
                Ok(std::iter::repeat_n(String::new(), pad)
                    .chain(r.iter().map(cell))
                    .collect())
            });
            if let Some(b) = Self::from_table(path, &header, records)? {
                return Ok(b);
            }
        }
        Err(err(
            "not a baseline: no sheet of this workbook has the columns doc, code, span and status of an mtlint review workbook".into(),
        ))
    }

    /// The baseline of a report read as a table (CSV or XLSX, cells already restored): the
    /// rows whose `status` accepts them. `None` when a needed column is missing (then no
    /// record is read). A report with a `unit` column is matched with the unit (version 3),
    /// one written before the column existed without it (version 2).
    fn from_table(
        path: &Path,
        headers: &[String],
        records: impl IntoIterator<Item = Result<Vec<String>>>,
    ) -> Result<Option<Baseline>> {
        let col = |name: &str| headers.iter().position(|h| h == name);
        let (Some(doc), Some(code), Some(span), Some(status)) =
            (col("doc"), col("code"), col("span"), col("status"))
        else {
            return Ok(None);
        };
        let (side, source, target) = (col("side"), col("source"), col("target"));
        let (span_start, span_end) = (col("span_start"), col("span_end"));
        let unit = col("unit");
        let mut rows = Vec::new();
        for record in records {
            let record = record?;
            let cell =
                |i: Option<usize>| i.and_then(|i| record.get(i)).cloned().unwrap_or_default();
            let status_value = cell(Some(status)).trim().to_lowercase();
            if !ACCEPTING_STATUSES.contains(&status_value.as_str()) {
                continue;
            }
            rows.push(Row {
                doc: cell(Some(doc)),
                unit: cell(unit),
                code: cell(Some(code)),
                side: cell(side),
                span: cell(Some(span)),
                span_start: cell(span_start).trim().parse().ok(),
                span_end: cell(span_end).trim().parse().ok(),
                source: cell(source),
                target: cell(target),
                ..Row::default()
            });
        }
        Ok(Some(Baseline::from_rows_at(path, &rows, unit.is_some())))
    }
}

/// The bytes of `path` when it is an XLSX workbook (a regular file named `.xlsx`/`.xlsm`, or
/// starting like a ZIP archive); `None` for any other file, which is read as text.
fn read_workbook(path: &Path) -> Result<Option<Vec<u8>>> {
    use std::io::Read;
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let named = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"));
    let mut file = std::fs::File::open(path).map_err(|e| MtError::io(path, e))?;
    let mut magic = [0u8; 4];
    let n = file.read(&mut magic).map_err(|e| MtError::io(path, e))?;
    if !named && magic[..n] != *b"PK\x03\x04" {
        return Ok(None);
    }
    let mut bytes = magic[..n].to_vec();
    file.read_to_end(&mut bytes)
        .map_err(|e| MtError::io(path, e))?;
    Ok(Some(bytes))
}

/// An [`Entry`] borrowed from its row, written as an [`Entry`] is.
#[derive(Serialize)]
struct EntryRef<'a> {
    fingerprint: &'a str,
    doc: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    unit: &'a str,
    code: &'a str,
    check: &'a str,
    span: &'a str,
    message: &'a str,
}

/// Write the findings among `rows` as a JSON baseline file ([`BaselineFile`], pretty-printed,
/// a finding with the fingerprint of the one before it left out), one finding at a time: the
/// same bytes as `serde_json::to_writer_pretty` of the whole file and a newline, without
/// holding the findings in memory.
pub fn write<R: std::borrow::Borrow<Row>>(
    out: &mut dyn Write,
    rows: impl IntoIterator<Item = R>,
) -> std::io::Result<()> {
    write_in(out, rows, DocRoot::current())
}

/// [`write`] for a baseline file whose document paths are relative to `root` (see
/// [`DocRoot::for_baseline`]).
pub fn write_in<R: std::borrow::Borrow<Row>>(
    out: &mut dyn Write,
    rows: impl IntoIterator<Item = R>,
    root: &DocRoot,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    write!(
        out,
        "{{\n  \"mtlint_baseline\": {BASELINE_VERSION},\n  \"findings\": ["
    )?;
    let mut last: Option<String> = None;
    for r in rows {
        let r = r.borrow();
        if !r.is_finding() {
            continue;
        }
        let fp = fingerprint_in(r, root);
        if last.as_deref() == Some(fp.as_str()) {
            continue;
        }
        let text = serde_json::to_string_pretty(&EntryRef {
            fingerprint: &fp,
            doc: &root.key(&r.doc),
            unit: &r.unit,
            code: &r.code,
            check: &r.check,
            span: &r.span,
            message: &r.message,
        })?;
        out.write_all(if last.is_some() { b",\n" } else { b"\n" })?;
        // Pretty JSON has no raw line break inside a string: every line is indented.
        for (i, l) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            write!(out, "    {l}")?;
        }
        last = Some(fp);
    }
    if last.is_some() {
        out.write_all(b"\n  ")?;
    }
    out.write_all(b"]\n}\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn row(doc: &str, code: &str, span: &str, target: &str) -> Row {
        let start = target.find(span).map(|b| target[..b].chars().count());
        Row {
            span_start: start,
            span_end: start.map(|s| s + span.chars().count()),
            doc: doc.into(),
            code: code.into(),
            check: "x".into(),
            severity: "error".into(),
            side: "target".into(),
            span: span.into(),
            target: target.into(),
            ..Row::default()
        }
    }

    #[test]
    fn fingerprint_ignores_position_and_whitespace_but_not_content() {
        let a = row("d.txt", "MT005", ". .", "Das ist gut. .");
        let mut b = a.clone();
        b.pair = 17;
        b.target_line = 40;
        b.target_column = 3;
        b.target = "Das  ist\ngut. .".into();
        b.span_start = Some(12);
        b.span_end = Some(15);
        assert_eq!(fingerprint(&a), fingerprint(&b));
        for changed in [
            row("e.txt", "MT005", ". .", "Das ist gut. ."),
            row("d.txt", "MT004", ". .", "Das ist gut. ."),
            row("d.txt", "MT005", ". .", "Das ist schlecht. ."),
        ] {
            assert_ne!(fingerprint(&a), fingerprint(&changed));
        }
        // The sentence is what counts, not the rest of the pair.
        let mut merged = row("d.txt", "MT005", ". .", "Vorher. Das ist gut. . Danach.");
        assert_eq!(fingerprint(&a), fingerprint(&merged));
        merged.side = "source".into();
        merged.source = merged.target.clone();
        merged.target = String::new();
        assert_ne!(fingerprint(&a), fingerprint(&merged));
    }

    /// Version 3: the unit is in the fingerprint when it names one; without a unit, or with
    /// a place (`paragraph N`, `line N`), the fingerprint is version 2's.
    #[test]
    fn the_unit_enters_the_fingerprint_unless_it_is_a_place() {
        let root = DocRoot::current();
        let plain = row("d", "MT005", ". .", "A. .");
        assert_eq!(fingerprint(&plain), fingerprint_v2_in(&plain, root));
        let mut u1 = plain.clone();
        u1.unit = "u1".into();
        let mut u2 = plain.clone();
        u2.unit = "u2".into();
        assert_ne!(fingerprint(&u1), fingerprint(&u2));
        assert_ne!(fingerprint(&u1), fingerprint(&plain));
        assert_eq!(fingerprint_v2_in(&u1, root), fingerprint_v2_in(&u2, root));
        let mut spaced = plain.clone();
        spaced.unit = " u1 ".into();
        assert_eq!(fingerprint(&u1), fingerprint(&spaced));
        for place in ["paragraph 3", "line 12"] {
            let mut p = plain.clone();
            p.unit = place.into();
            assert_eq!(fingerprint(&p), fingerprint(&plain), "{place}");
        }
        for name in ["paragraph", "paragraph 3a", "line x", "Intro > paragraph 3"] {
            assert!(!unit_is_a_place(name), "{name}");
        }
    }

    /// Name findings moved from MT010 to MT020: fingerprinted under MT010 still, so baselines
    /// written before the split keep accepting them; other codes stay apart.
    #[test]
    fn name_findings_keep_the_fingerprint_of_mt010() {
        let old = row("d", "MT010", "Depver", "Flüge nach Depver fielen aus.");
        let new = row("d", "MT020", "Depver", "Flüge nach Depver fielen aus.");
        assert_eq!(fingerprint(&old), fingerprint(&new));
        let other = row("d", "MT009", "Depver", "Flüge nach Depver fielen aus.");
        assert_ne!(fingerprint(&old), fingerprint(&other));
    }

    /// Every spelling of a document path gives the same key, relative to the root.
    #[test]
    fn document_keys_are_normalised_and_relative_to_the_root() {
        let root = DocRoot {
            root: components("/repo", &[]),
            cwd: components("/repo", &[]),
            cache: Default::default(),
        };
        for doc in [
            "input/a.de.txt",
            "./input/a.de.txt",
            "/repo/input/a.de.txt",
            "input\\a.de.txt",
            ".\\input\\a.de.txt",
            "input/x/../a.de.txt",
            "/repo/./input//a.de.txt",
        ] {
            assert_eq!(root.key(doc), "input/a.de.txt", "{doc}");
        }
        assert_eq!(root.key("/elsewhere/a.txt"), "../elsewhere/a.txt");
        assert_eq!(root.key("C:\\repo\\a.txt"), "../C:/repo/a.txt");
        let from_input = DocRoot {
            cwd: components("/repo/input", &[]),
            ..root
        };
        assert_eq!(from_input.key("a.de.txt"), "input/a.de.txt");
        assert_eq!(from_input.key("../input/a.de.txt"), "input/a.de.txt");
    }

    /// `matches` marks the entries it uses: the rest are stale; a version-1 file matches by
    /// the path as given, and by another spelling of it.
    #[test]
    fn matched_and_stale_entries_are_counted() {
        let kept = row("d.txt", "MT005", ". .", "A. .");
        let gone = row("d.txt", "MT001", "in a", "x in a");
        let mut buf = Vec::new();
        write(&mut buf, [&kept, &gone]).unwrap();
        let mut b =
            Baseline::parse(Path::new("b.json"), std::str::from_utf8(&buf).unwrap()).unwrap();
        assert_eq!((b.len(), b.matched(), b.stale()), (2, 0, 2));
        let mut dotted = kept.clone();
        dotted.doc = "./d.txt".into();
        assert!(b.matches(&dotted));
        assert!(!b.matches(&row("d.txt", "MT005", ". .", "B. .")));
        assert_eq!((b.matched(), b.stale()), (1, 1));
        let v1 = format!(
            r#"{{"mtlint_baseline": 1, "findings": [{{"fingerprint": "{}", "doc": "d.txt"}}]}}"#,
            legacy_fingerprint(&kept)
        );
        let mut b = Baseline::parse(Path::new("old.json"), &v1).unwrap();
        assert!(b.matches(&dotted) && b.matches(&kept));
        assert_eq!((b.len(), b.matched(), b.stale()), (1, 1, 0));
    }

    #[test]
    fn sentence_around_a_span() {
        let t = "Das ist gut. . Die Krise ist vorbei. Alles klar!";
        let find = |span: &str| {
            let b = t.find(span).unwrap();
            let s = t[..b].chars().count();
            (s, s + span.chars().count())
        };
        let (s, e) = find(". .");
        assert_eq!(sentence_around(t, Some(s), Some(e)), "Das ist gut. .");
        let (s, e) = find("Krise");
        assert_eq!(
            sentence_around(t, Some(s), Some(e)),
            "Die Krise ist vorbei."
        );
        let (s, e) = find("klar");
        assert_eq!(sentence_around(t, Some(s), Some(e)), "Alles klar!");
        assert_eq!(sentence_around(t, None, None), t);
        assert_eq!(sentence_around("", Some(0), Some(0)), "");
    }

    #[test]
    fn json_baseline_round_trips() {
        let rows = vec![
            row("d", "MT005", ". .", "A. ."),
            row("d", "MT001", "in a", "x in a"),
        ];
        let mut buf = Vec::new();
        write(&mut buf, &rows).unwrap();
        let b = Baseline::parse(Path::new("b.json"), std::str::from_utf8(&buf).unwrap()).unwrap();
        assert_eq!(b.len(), 2);
        assert!(rows.iter().all(|r| b.contains(r)));
        assert!(!b.contains(&row("d", "MT005", ". .", "B. .")));
    }

    #[test]
    fn streamed_baseline_is_the_pretty_printed_file() {
        let mut clean = row("d", "", "", "Alles gut.");
        clean.code.clear();
        let mut message = row("d", "MT001", "in a", "x in a \"q\"\n");
        message.message = "line\nbreak \"quoted\" ü".into();
        let rows = [
            row("d", "MT005", ". .", "A. ."),
            row("d", "MT005", ". .", "A. ."),
            clean,
            message,
            row("d", "MT005", ". .", "A. ."),
        ];
        for n in 0..=rows.len() {
            let mut findings: Vec<Entry> = rows[..n]
                .iter()
                .filter(|r| r.is_finding())
                .map(|r| Entry {
                    fingerprint: fingerprint(r),
                    doc: r.doc.clone(),
                    unit: r.unit.clone(),
                    code: r.code.clone(),
                    check: r.check.clone(),
                    span: r.span.clone(),
                    message: r.message.clone(),
                    status: String::new(),
                    note: String::new(),
                })
                .collect();
            findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
            let file = BaselineFile {
                mtlint_baseline: BASELINE_VERSION,
                root: None,
                findings,
            };
            let mut whole = serde_json::to_vec_pretty(&file).unwrap();
            whole.push(b'\n');
            let mut streamed = Vec::new();
            write(&mut streamed, &rows[..n]).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{n} rows"
            );
        }
    }

    #[test]
    fn csv_report_with_status_is_a_baseline() {
        let mut accepted = row("d", "MT005", "-x", "=1 -x");
        accepted.status = "Accepted".into();
        let mut fp = row("d", "MT001", "in a", "x in a");
        fp.status = "false-positive".into();
        let open = row("d", "MT004", "Die", "angegriffen Die Politiker");
        let rows = vec![accepted.clone(), fp.clone(), open.clone()];
        for excel in [false, true] {
            let mut buf = Vec::new();
            super::super::csv::write_with(&mut buf, &rows, super::super::csv::CsvOptions { excel })
                .unwrap();
            let b =
                Baseline::parse(Path::new("r.csv"), std::str::from_utf8(&buf).unwrap()).unwrap();
            assert_eq!(b.len(), 2, "excel={excel}");
            assert!(b.contains(&accepted) && b.contains(&fp));
            assert!(!b.contains(&open));
        }
    }

    #[test]
    fn garbage_is_rejected_with_the_file_name() {
        let e = Baseline::parse(Path::new("b.json"), "{ nope").unwrap_err();
        assert!(e.to_string().contains("b.json"), "{e}");
        let e = Baseline::parse(Path::new("x.csv"), "a,b\n1,2\n").unwrap_err();
        assert!(e.to_string().contains("x.csv"), "{e}");
    }

    #[test]
    fn unknown_versions_are_rejected() {
        let e = Baseline::parse(
            Path::new("b.json"),
            r#"{"mtlint_baseline": 99, "findings": []}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("b.json: baseline version 99 is newer than this mtlint understands (3)"),
            "{e}"
        );
        let e = Baseline::parse(
            Path::new("b.json"),
            r#"{"mtlint_baseline": 0, "findings": []}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("baseline version 0 is not one"), "{e}");
        let ok = Baseline::parse(
            Path::new("b.json"),
            r#"{"mtlint_baseline": 1, "findings": []}"#,
        );
        assert!(ok.is_ok());
    }
}
