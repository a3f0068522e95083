//! Reports: the CSV review report (the primary output), the other output formats (HTML,
//! JSON Lines, SARIF, GitHub annotations, a summary table), baselines, and the rows they are
//! all made of.
//!
//! Every writer takes a [`Report`]: the rows of all documents of a run, sorted
//! deterministically, plus the run's totals and the checks that ran.

pub mod atomic;
pub mod baseline;
pub mod csv;
pub mod github;
pub mod html;
pub mod jsonl;
pub mod sarif;
pub mod summary;

use std::io::Write;
use std::path::Path;

use crate::checks::Rule;
use crate::model::{Severity, Side};
use crate::pipeline::Checked;
pub use atomic::{remove_pending_temp_files, write_atomically};

/// One row of the review report: one finding, or (with `--all-pairs`) one pair without
/// findings. Field order is the CSV column order.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub doc: String,
    pub pair: usize,
    pub source_sentences: String,
    pub target_sentences: String,
    pub alignment: String,
    pub alignment_score: String,
    pub target_line: usize,
    pub target_column: usize,
    pub code: String,
    pub check: String,
    pub severity: String,
    pub side: String,
    pub span_start: Option<usize>,
    pub span_end: Option<usize>,
    pub span: String,
    pub message: String,
    pub suggestion: String,
    pub source: String,
    pub target: String,
    pub target_marked: String,
    pub status: String,
}

/// The column names, in order.
pub const COLUMNS: [&str; 21] = [
    "doc",
    "pair",
    "source_sentences",
    "target_sentences",
    "alignment",
    "alignment_score",
    "target_line",
    "target_column",
    "code",
    "check",
    "severity",
    "side",
    "span_start",
    "span_end",
    "span",
    "message",
    "suggestion",
    "source",
    "target",
    "target_marked",
    "status",
];

fn indices(r: &std::ops::Range<usize>) -> String {
    match r.len() {
        0 => String::new(),
        1 => r.start.to_string(),
        _ => format!("{}-{}", r.start, r.end - 1),
    }
}

/// Byte offset → char offset in `s`.
fn char_offset(s: &str, byte: usize) -> usize {
    s[..byte.min(s.len())].chars().count()
}

/// Byte offsets → (line, column) in a side's file, exactly as
/// [`crate::model::SideText::position`] computes them, but continuing from the previous
/// answer when the next offset lies further on from the same starting point (block or
/// anchor). Findings come in position order, so a document's rows cost one pass over its text
/// instead of one pass per row (quadratic for a big paragraph with many findings).
struct PositionCursor<'a> {
    side: &'a crate::model::SideText,
    /// (block, start of the walk, offset, line, column) of the last answer.
    last: Option<(usize, usize, usize, usize, usize)>,
}

impl<'a> PositionCursor<'a> {
    fn new(side: &'a crate::model::SideText) -> Self {
        PositionCursor { side, last: None }
    }

    fn position(&mut self, offset: usize) -> (usize, usize) {
        let blocks = &self.side.blocks;
        let idx = match blocks.binary_search_by(|b| b.range.start.cmp(&offset)) {
            Ok(i) => i,
            Err(0) => return self.side.position(offset),
            Err(i) => i - 1,
        };
        let block = &blocks[idx];
        let end = offset.min(self.side.text.len());
        let anchor = block
            .anchors
            .partition_point(|a| a.offset <= end)
            .checked_sub(1)
            .map(|i| block.anchors[i])
            .filter(|a| a.offset >= block.range.start);
        let base = match anchor {
            Some(a) => (a.offset, a.line, a.column),
            None => (block.range.start, block.line, block.column),
        };
        let (from, line, column) = match self.last {
            Some((b, walk_from, o, l, c)) if b == idx && walk_from == base.0 && o <= end => {
                (o, l, c)
            }
            _ => base,
        };
        let (line, column) =
            crate::model::walk(self.side.text.get(from..end).unwrap_or(""), line, column);
        self.last = Some((idx, base.0, end, line, column));
        (line, column)
    }
}

/// Build the report rows of one checked document, in position order.
pub fn rows(checked: &Checked, all_pairs: bool) -> Vec<Row> {
    let doc = &checked.doc;
    let mut rows = Vec::new();
    let mut findings = checked.findings.iter().peekable();
    let mut positions = PositionCursor::new(&doc.target);
    for (index, pair) in checked.pairs.iter().enumerate() {
        let source = &doc.source.text[pair.source_range.clone()];
        let target = &doc.target.text[pair.target_range.clone()];
        let base = |line: usize, column: usize| Row {
            doc: doc.id.clone(),
            pair: index,
            source_sentences: indices(&pair.bead.source),
            target_sentences: indices(&pair.bead.target),
            alignment: pair.bead.kind(),
            alignment_score: format!("{:.3}", pair.bead.score),
            target_line: line,
            target_column: column,
            code: String::new(),
            check: String::new(),
            severity: String::new(),
            side: String::new(),
            span_start: None,
            span_end: None,
            span: String::new(),
            message: String::new(),
            suggestion: String::new(),
            source: source.to_string(),
            target: target.to_string(),
            target_marked: target.to_string(),
            status: String::new(),
        };
        let mut any = false;
        while let Some((_, f)) = findings.next_if(|(i, _)| *i == index) {
            any = true;
            let text = match f.side {
                Side::Target => target,
                Side::Source => source,
            };
            let at = match f.side {
                Side::Target => pair.target_range.start + f.span.start,
                Side::Source => pair.target_range.start,
            };
            let (line, column) = positions.position(at);
            let mut row = base(line, column);
            row.code = f.rule.code.to_string();
            row.check = f.rule.name.to_string();
            row.severity = f.severity().to_string();
            row.side = f.side.as_str().to_string();
            let start = char_offset(text, f.span.start);
            row.span_start = Some(start);
            row.span_end = Some(start + char_offset(&text[f.span.start..], f.span.len()));
            row.span = text[f.span.clone()].to_string();
            row.message = f.message.clone();
            row.suggestion = f.suggestion.clone().unwrap_or_default();
            if f.side == Side::Target {
                row.target_marked = format!(
                    "{}⟦{}⟧{}",
                    &target[..f.span.start],
                    &target[f.span.clone()],
                    &target[f.span.end..]
                );
            }
            rows.push(row);
        }
        if !any && all_pairs {
            let (line, column) = positions.position(pair.target_range.start);
            rows.push(base(line, column));
        }
    }
    rows
}

impl Row {
    /// Whether the row is a finding (not an `--all-pairs` row for a clean pair).
    pub fn is_finding(&self) -> bool {
        !self.code.is_empty()
    }

    /// The row's severity, `None` for a pair without findings.
    pub fn severity(&self) -> Option<Severity> {
        self.severity.parse().ok()
    }

    /// The text the span offsets point into: `target`, or `source` when `side` is source.
    pub fn side_text(&self) -> &str {
        if self.side == Side::Source.as_str() {
            &self.source
        } else {
            &self.target
        }
    }

    /// 1-based (line, column) just after the span in the target file (end-exclusive), for
    /// outputs that want a region. A source-side span has no extent in the target file.
    pub fn end_position(&self) -> (usize, usize) {
        if self.side == Side::Source.as_str() {
            return (self.target_line, self.target_column);
        }
        let mut line = self.target_line;
        let mut column = self.target_column;
        for c in self.span.chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        (line, column)
    }
}

/// A check that ran, with the severity it ran at (after configuration overrides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActiveRule {
    pub rule: &'static Rule,
    pub severity: Severity,
}

/// The result of a run, for all documents: what every output format is written from.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Rows of all documents: grouped by document in document-id order, in position order
    /// within a document. Findings suppressed by a baseline are not in here.
    pub rows: Vec<Row>,
    /// Number of documents checked.
    pub documents: usize,
    /// Number of aligned sentence pairs over all documents.
    pub pairs: usize,
    /// Findings left out because a baseline accepted them.
    pub suppressed: usize,
    /// The checks that ran, in code order.
    pub rules: Vec<ActiveRule>,
}

impl Report {
    /// Build the report of checked documents: rows of every document, sorted by document id
    /// (stable, so equal ids keep their input order) and by position inside each document.
    pub fn new(checked: &[Checked], all_pairs: bool, rules: Vec<ActiveRule>) -> Report {
        let docs = checked.iter().map(|c| DocRows::new(c, all_pairs)).collect();
        Report::from_documents(docs, rules)
    }

    /// Build the report from the rows of each document (see [`DocRows`]), sorted as in
    /// [`Report::new`].
    pub fn from_documents(mut docs: Vec<DocRows>, rules: Vec<ActiveRule>) -> Report {
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        Report {
            documents: docs.len(),
            pairs: docs.iter().map(|d| d.pairs).sum(),
            rows: docs.into_iter().flat_map(|d| d.rows).collect(),
            suppressed: 0,
            rules,
        }
    }

    /// The finding rows (no `--all-pairs` rows).
    pub fn findings(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.is_finding())
    }

    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings()
            .filter(|r| r.severity() == Some(severity))
            .count()
    }

    /// Whether a finding at or above `threshold` exists.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.findings()
            .any(|r| r.severity().is_some_and(|s| s >= threshold))
    }
}

/// What the report keeps of one checked document: its rows and counts, without its text, so
/// that a batch run holds one document's text per worker thread at a time, not the whole
/// batch's.
#[derive(Debug, Clone)]
pub struct DocRows {
    pub id: String,
    pub rows: Vec<Row>,
    /// Number of aligned sentence pairs.
    pub pairs: usize,
}

impl DocRows {
    pub fn new(checked: &Checked, all_pairs: bool) -> DocRows {
        DocRows {
            id: checked.doc.id.clone(),
            rows: rows(checked, all_pairs),
            pairs: checked.pairs.len(),
        }
    }
}

/// An output format of `mtlint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    Html,
    Jsonl,
    Sarif,
    Github,
}

impl Format {
    /// The format a path's extension stands for (`.csv`, `.html`/`.htm`, `.jsonl`,
    /// `.sarif`/`.sarif.json`), if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".sarif") || name.ends_with(".sarif.json") {
            Some(Format::Sarif)
        } else if name.ends_with(".csv") {
            Some(Format::Csv)
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            Some(Format::Html)
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Some(Format::Jsonl)
        } else {
            None
        }
    }

    /// The file extension written by default.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Github => "txt",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Github => "github",
        }
    }
}

/// Options that change how a format is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// CSV for spreadsheets in German locales: UTF-8 BOM and `;` as separator.
    pub excel: bool,
}

/// Write `report` in `format` to `out`.
pub fn write(
    out: &mut dyn Write,
    report: &Report,
    format: Format,
    opts: WriteOptions,
) -> std::io::Result<()> {
    match format {
        Format::Csv => csv::write_with(out, &report.rows, csv::CsvOptions { excel: opts.excel }),
        Format::Html => html::write(out, report),
        Format::Jsonl => jsonl::write(out, report),
        Format::Sarif => sarif::write(out, report),
        Format::Github => github::write(out, report),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    use crate::checks::doubled_punctuation::DoubledPunctuation;
    use crate::checks::omission::Omission;

    static QUOTES: Rule = Rule {
        code: "MT006",
        name: "unbalanced-quotes",
        severity: Severity::Warning,
        summary: "test rule",
        doc: "test rule",
    };

    /// A small report: an error, an info finding on the source side, a clean pair and, in a
    /// second document, a warning whose target carries a script (must be shown as text).
    pub(crate) fn sample_report() -> Report {
        let base = Row {
            doc: "input/a,b.de.txt".into(),
            pair: 0,
            source_sentences: "0".into(),
            target_sentences: "0".into(),
            alignment: "1-1".into(),
            alignment_score: "0.950".into(),
            target_line: 3,
            target_column: 12,
            code: "MT005".into(),
            check: "doubled-punctuation".into(),
            severity: "error".into(),
            side: "target".into(),
            span_start: Some(11),
            span_end: Some(14),
            span: ". .".into(),
            message: "'.' appears twice in a row\nremove one".into(),
            suggestion: ".".into(),
            source: "This is good.".into(),
            target: "Das ist gut. .".into(),
            target_marked: "Das ist gut⟦. .⟧".into(),
            status: String::new(),
        };
        let omitted = Row {
            pair: 1,
            source_sentences: "1".into(),
            target_sentences: String::new(),
            alignment: "1-0".into(),
            target_line: 4,
            target_column: 1,
            code: "MT007".into(),
            check: "omitted-sentence".into(),
            severity: "info".into(),
            side: "source".into(),
            span_start: Some(0),
            span_end: Some(5),
            span: "Gone.".into(),
            message: "source sentence 100% missing".into(),
            suggestion: String::new(),
            source: "Gone.".into(),
            target: String::new(),
            target_marked: String::new(),
            ..base.clone()
        };
        let clean = Row {
            pair: 2,
            source_sentences: "2".into(),
            target_sentences: "1".into(),
            target_line: 4,
            target_column: 1,
            source: "All fine.".into(),
            target: "Alles gut.".into(),
            target_marked: "Alles gut.".into(),
            // A clean pair: no finding columns.
            ..Row {
                doc: base.doc.clone(),
                alignment: base.alignment.clone(),
                alignment_score: base.alignment_score.clone(),
                ..Row::default()
            }
        };
        let script = "„<script>document.body.setAttribute('data-pwned','1')</script> & so";
        let injected = Row {
            doc: "input/z.de.txt".into(),
            target_line: 1,
            target_column: 1,
            code: "MT006".into(),
            check: "unbalanced-quotes".into(),
            severity: "warning".into(),
            span_start: Some(0),
            span_end: Some(1),
            span: "„".into(),
            message: "„ is never closed".into(),
            suggestion: String::new(),
            source: "\"<b>bold</b> & so".into(),
            target: script.into(),
            target_marked: format!("⟦„⟧{}", &script[3..]),
            ..base.clone()
        };
        Report {
            rows: vec![base, omitted, clean, injected],
            documents: 2,
            pairs: 4,
            suppressed: 0,
            rules: vec![
                ActiveRule {
                    rule: &DoubledPunctuation::RULE,
                    severity: Severity::Error,
                },
                ActiveRule {
                    rule: &QUOTES,
                    severity: Severity::Warning,
                },
                ActiveRule {
                    rule: &Omission::RULE,
                    severity: Severity::Info,
                },
            ],
        }
    }
}
