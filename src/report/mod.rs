//! Reports: the CSV review report (the primary output), the other output formats (HTML,
//! JSON Lines, SARIF, GitHub annotations, a summary table), baselines, and the rows they are
//! all made of.
//!
//! Every writer takes a [`Report`]: the rows of all documents of a run, sorted
//! deterministically, plus the run's totals and the checks that ran.
//!
//! # Bounds
//!
//! Every row repeats its pair's text, so a long garbled "sentence" with a finding every few
//! chars would make a report (and a memory peak) that grows with the square of the input.
//! [`rows`] bounds both where the rows are built:
//!
//! - **At most [`FINDINGS_PER_CHECK`] findings of one check in one pair** are listed. The
//!   first finding left out becomes a *summary row* at its own position and span, whose
//!   message says how many findings of that check were left out in the pair ("… and 39,980
//!   more 'doubled-punctuation' findings in this pair, left out …"). Its severity is the
//!   highest of the left-out findings, so `--fail-on` fails exactly as without the cap, and
//!   the counts ([`Report::count`], the summary table, the HTML counts) include the left-out
//!   findings ([`Row::left_out`]).
//! - **Excerpts of long texts.** A `source`/`target`/`target_marked` cell of a text longer
//!   than [`LONG_TEXT`] chars holds an excerpt: [`CONTEXT`] chars before the span, the span,
//!   [`CONTEXT`] chars after it, each cut marked by one [`CUT`] (`…`). Without a span in that
//!   text (the other side's cell, a clean pair) the cell is the text's first 2 × [`CONTEXT`]
//!   chars and a `…`.
//! - **Long spans.** A span longer than [`LONG_TEXT`] chars is written (in `span` and inside
//!   the excerpt) as its first [`SPAN_ENDS`] chars, `…`, and its last [`SPAN_ENDS`] chars.
//!
//! `span_start`/`span_end` stay char offsets into the *full* pair text. Mapping them into a
//! cell (see [`span_in_cell`]): if `span_start > CONTEXT` and the cell starts with `…`, the
//! char after that `…` is char `span_start − CONTEXT` of the full text, so the span starts at
//! char `CONTEXT + 1` of the cell; otherwise the cell starts with the text's first char and
//! the span starts at char `span_start` of the cell. The span then takes `span_end −
//! span_start` chars of the cell, or `2 × SPAN_ENDS + 1` when it is longer than
//! `LONG_TEXT`. In `target_marked` a `⟦` comes first, so add one. (A text that starts with
//! `…` itself is written as an excerpt whenever `span_start > CONTEXT`, even when it is
//! short, so the rule has no exception.) Texts up to [`LONG_TEXT`] chars are written whole,
//! exactly as before the bounds.

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
pub use atomic::{remove_pending_temp_files_and_exit, write_atomically};

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
    /// What the bounds (see [Bounds](self#bounds)) add to a row: `None` for almost every
    /// row (boxed, so it costs a pointer). Not a CSV column.
    #[serde(skip)]
    pub bounds: Option<Box<RowBounds>>,
}

/// What a row needs beyond its columns when the bounds cut it (see [Bounds](self#bounds)).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowBounds {
    /// For a summary row: the number of findings it stands for (the first of them at this
    /// row's span, and all after it of the same check in the same pair), per severity
    /// `[error, warning, info]`. JSON Lines and SARIF write the total as `left_out`.
    pub left_out: [usize; 3],
    /// For a span longer than [`LONG_TEXT`] chars (written cut in the middle), the (line,
    /// column) just after it, as [`Row::end_position`] cannot recompute it from the cut
    /// `span`.
    pub end: Option<(usize, usize)>,
}

/// At most this many findings of one check in one pair are listed in a report; the rest are
/// counted in one summary row (see [Bounds](self#bounds)).
pub const FINDINGS_PER_CHECK: usize = crate::checks::LISTED_PER_RULE;
/// A text cell of a pair text longer than this many chars is an excerpt; a span longer than
/// this is cut in the middle (see [Bounds](self#bounds)).
pub const LONG_TEXT: usize = 1000;
/// Chars of context an excerpt keeps before and after the span.
pub const CONTEXT: usize = 300;
/// Chars a cut span keeps at each end.
pub const SPAN_ENDS: usize = 300;
/// The mark of a cut.
pub const CUT: char = '…';

pub use crate::checks::severity_slot;

/// Where a span (char offsets `start..end` into the full pair text) lies in a report cell
/// of that text: char offsets into the cell, by the rule in [Bounds](self#bounds). For a
/// text written whole this is `(start, end)`.
pub fn span_in_cell(cell: &str, start: usize, end: usize) -> (usize, usize) {
    let cell_start = if start > CONTEXT && cell.starts_with(CUT) {
        CONTEXT + 1
    } else {
        start
    };
    let len = end.saturating_sub(start);
    let len = if len > LONG_TEXT {
        2 * SPAN_ENDS + 1
    } else {
        len
    };
    (cell_start, cell_start + len)
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

/// Byte offset `from` moved `k` chars back (or to 0) in `s`.
fn chars_back(s: &str, from: usize, k: usize) -> usize {
    if k == 0 {
        return from;
    }
    s[..from]
        .char_indices()
        .rev()
        .nth(k - 1)
        .map_or(0, |(i, _)| i)
}

/// Byte offset `from` moved `k` chars on (or to the end) in `s`.
fn chars_on(s: &str, from: usize, k: usize) -> usize {
    s[from..]
        .char_indices()
        .nth(k)
        .map_or(s.len(), |(i, _)| from + i)
}

/// A span of `text` as a cell: whole, or its first and last [`SPAN_ENDS`] chars with a `…`
/// between when it is longer than [`LONG_TEXT`] chars (`chars` is its length in chars).
fn span_cell(text: &str, span: &std::ops::Range<usize>, chars: usize) -> String {
    let whole = &text[span.clone()];
    if chars <= LONG_TEXT {
        return whole.to_string();
    }
    let head = chars_on(whole, 0, SPAN_ENDS);
    let tail = chars_back(whole, whole.len(), SPAN_ENDS);
    format!("{}{CUT}{}", &whole[..head], &whole[tail..])
}

/// A side's text of a pair, as report cells: whole when short, else excerpts.
struct CellText<'a> {
    text: &'a str,
    /// Longer than [`LONG_TEXT`] chars.
    long: bool,
    /// Char offsets of byte offsets, for the spans in position order.
    cursor: (usize, usize),
}

impl<'a> CellText<'a> {
    fn new(text: &'a str) -> Self {
        let long = text.len() > LONG_TEXT && text.chars().nth(LONG_TEXT).is_some();
        CellText {
            text,
            long,
            cursor: (0, 0),
        }
    }

    /// The char offset of a byte offset (continuing from the previous answer, so spans in
    /// position order cost one pass over the text, not one each).
    fn char_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let (b, c) = self.cursor;
        let c = if byte >= b {
            c + self.text[b..byte].chars().count()
        } else {
            c - self.text[byte..b].chars().count()
        };
        self.cursor = (byte, c);
        c
    }

    /// The cell without a span: the text, or its head and a `…` when long.
    fn plain(&self) -> String {
        if !self.long {
            return self.text.to_string();
        }
        let head = chars_on(self.text, 0, 2 * CONTEXT);
        format!("{}{CUT}", &self.text[..head])
    }

    /// The cell for a span (byte range, starting at char `start`, `chars` long), the span
    /// wrapped in ⟦ ⟧ when `mark`: the text, or an excerpt around the span.
    fn around(
        &self,
        span: &std::ops::Range<usize>,
        start: usize,
        chars: usize,
        mark: bool,
    ) -> String {
        let t = self.text;
        let excerpt = self.long || (start > CONTEXT && t.starts_with(CUT));
        let (open, close) = if mark { ("⟦", "⟧") } else { ("", "") };
        if !excerpt {
            if !mark {
                return t.to_string();
            }
            return format!(
                "{}{open}{}{close}{}",
                &t[..span.start],
                &t[span.clone()],
                &t[span.end..]
            );
        }
        let from = chars_back(t, span.start, CONTEXT);
        let to = chars_on(t, span.end, CONTEXT);
        let lead = if from > 0 { "…" } else { "" };
        let trail = if to < t.len() { "…" } else { "" };
        format!(
            "{lead}{}{open}{}{close}{}{trail}",
            &t[from..span.start],
            span_cell(t, span, chars),
            &t[span.end..to]
        )
    }
}

/// `n` with `,` between thousands: 39,980.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Build the report rows of one checked document, in position order, bounded as
/// [Bounds](self#bounds) says: at most [`FINDINGS_PER_CHECK`] findings per check and pair
/// plus a summary row, and excerpts of long texts.
pub fn rows(checked: &Checked, all_pairs: bool) -> Vec<Row> {
    let doc = &checked.doc;
    let mut rows: Vec<Row> = Vec::new();
    let mut findings = checked.findings.iter().peekable();
    let mut positions = PositionCursor::new(&doc.target);
    for (index, pair) in checked.pairs.iter().enumerate() {
        if findings.peek().is_none_or(|(i, _)| *i != index) && !all_pairs {
            continue;
        }
        let mut source = CellText::new(&doc.source.text[pair.source_range.clone()]);
        let mut target = CellText::new(&doc.target.text[pair.target_range.clone()]);
        // The cells of a side without the span: made once per pair.
        let (source_plain, target_plain) = (source.plain(), target.plain());
        let base = |line: usize, column: usize| Row {
            doc: doc.id.clone(),
            pair: index,
            source_sentences: indices(&pair.bead.source),
            target_sentences: indices(&pair.bead.target),
            alignment: pair.bead.kind(),
            alignment_score: format!("{:.3}", pair.bead.score),
            target_line: line,
            target_column: column,
            source: source_plain.clone(),
            target: target_plain.clone(),
            target_marked: target_plain.clone(),
            ..Row::default()
        };
        // (check code, findings seen, index of its summary row, findings not kept).
        let mut per_check: Vec<(&str, usize, Option<usize>, [usize; 3])> = Vec::new();
        let mut any = false;
        while let Some((_, f)) = findings.next_if(|(i, _)| *i == index) {
            any = true;
            let k = match per_check.iter().position(|(c, _, _, _)| *c == f.rule.code) {
                Some(k) => k,
                None => {
                    per_check.push((f.rule.code, 0, None, [0; 3]));
                    per_check.len() - 1
                }
            };
            per_check[k].1 += 1;
            // Findings the collector counted but did not keep (`Finding::more`) belong to
            // the summary row, which exists: the collector keeps one more than a report lists.
            if let Some(more) = &f.more {
                for (slot, n) in more.iter().enumerate() {
                    per_check[k].3[slot] += n;
                }
            }
            if per_check[k].1 > FINDINGS_PER_CHECK
                && let Some(summary) = per_check[k].2
            {
                if let Some(b) = rows[summary].bounds.as_mut() {
                    b.left_out[severity_slot(f.severity())] += 1;
                }
                continue;
            }
            let side = match f.side {
                Side::Target => &mut target,
                Side::Source => &mut source,
            };
            let text = side.text;
            let start = side.char_at(f.span.start);
            let end = side.char_at(f.span.end);
            let chars = end - start;
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
            row.span_start = Some(start);
            row.span_end = Some(end);
            row.span = span_cell(text, &f.span, chars);
            row.message = f.message.clone();
            row.suggestion = f.suggestion.clone().unwrap_or_default();
            match f.side {
                Side::Target => {
                    row.target = target.around(&f.span, start, chars, false);
                    row.target_marked = target.around(&f.span, start, chars, true);
                    if chars > LONG_TEXT {
                        row.bounds.get_or_insert_default().end =
                            Some(crate::model::walk(&text[f.span.clone()], line, column));
                    }
                }
                Side::Source => row.source = source.around(&f.span, start, chars, false),
            }
            if per_check[k].1 > FINDINGS_PER_CHECK {
                row.bounds.get_or_insert_default().left_out[severity_slot(f.severity())] = 1;
                per_check[k].2 = Some(rows.len());
            }
            rows.push(row);
        }
        for (_, _, summary, more) in &per_check {
            let Some(i) = *summary else { continue };
            let row = &mut rows[i];
            if let Some(b) = row.bounds.as_mut() {
                for (slot, n) in more.iter().enumerate() {
                    b.left_out[slot] += n;
                }
            }
            let left_out = row.left_out();
            let n: usize = left_out.iter().sum();
            // The highest severity among the left-out findings: `--fail-on` as without the cap.
            let slot = left_out.iter().position(|&c| c > 0).unwrap_or(0);
            row.severity = [Severity::Error, Severity::Warning, Severity::Info][slot].to_string();
            row.message = format!(
                "… and {} more '{}' {} in this pair, left out of the report (it lists {} per check and pair); the first is here: {}",
                thousands(n),
                row.check,
                if n == 1 { "finding" } else { "findings" },
                FINDINGS_PER_CHECK,
                row.message
            );
        }
        if !any && all_pairs {
            let (line, column) = positions.position(pair.target_range.start);
            rows.push(base(line, column));
        }
    }
    // The report keeps the rows until it is written: no spare capacity.
    rows.shrink_to_fit();
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

    /// For a summary row, the findings left out that it stands for, per severity `[error,
    /// warning, info]` (see [`RowBounds::left_out`]); all zero for any other row.
    pub fn left_out(&self) -> [usize; 3] {
        self.bounds.as_ref().map_or([0; 3], |b| b.left_out)
    }

    /// Whether the row is a summary row standing for findings left out of the report.
    pub fn is_summary(&self) -> bool {
        self.left_out().iter().any(|&n| n > 0)
    }

    /// Number of findings left out that this summary row stands for (0 for other rows).
    pub fn left_out_total(&self) -> usize {
        self.left_out().iter().sum()
    }

    /// The findings this row stands for, per severity `[error, warning, info]`: one for a
    /// finding row (a finding without a known severity counts as an error), the left-out
    /// findings for a summary row, none for a clean pair.
    pub fn finding_counts(&self) -> [usize; 3] {
        if self.is_summary() {
            return self.left_out();
        }
        let mut counts = [0; 3];
        if self.is_finding() {
            counts[severity_slot(self.severity().unwrap_or(Severity::Error))] = 1;
        }
        counts
    }

    /// The span's char offsets in [`Row::side_text`] (the cell may be an excerpt, see
    /// [`span_in_cell`]).
    pub fn span_in_side_text(&self) -> (Option<usize>, Option<usize>) {
        match (self.span_start, self.span_end) {
            (Some(s), Some(e)) => {
                let (s, e) = span_in_cell(self.side_text(), s, e);
                (Some(s), Some(e))
            }
            other => other,
        }
    }

    /// 1-based (line, column) just after the span in the target file (end-exclusive), for
    /// outputs that want a region. A source-side span has no extent in the target file.
    pub fn end_position(&self) -> (usize, usize) {
        if self.side == Side::Source.as_str() {
            return (self.target_line, self.target_column);
        }
        if let Some(end) = self.bounds.as_ref().and_then(|b| b.end) {
            return end;
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
        let documents = docs.len();
        let pairs = docs.iter().map(|d| d.pairs).sum();
        // One document's rows are taken as they are; several are moved into one vector of
        // the exact size (not grown by doubling: the rows are most of a big run's memory).
        let rows = if docs.len() == 1 {
            docs.pop().map(|d| d.rows).unwrap_or_default()
        } else {
            let mut rows = Vec::with_capacity(docs.iter().map(|d| d.rows.len()).sum());
            for d in docs {
                rows.extend(d.rows);
            }
            rows
        };
        Report {
            documents,
            pairs,
            rows,
            suppressed: 0,
            rules,
        }
    }

    /// The finding rows (no `--all-pairs` rows).
    pub fn findings(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.is_finding())
    }

    /// Number of findings of a severity, including those left out of the rows (counted in
    /// summary rows, see [`Row::left_out`]).
    pub fn count(&self, severity: Severity) -> usize {
        let slot = severity_slot(severity);
        self.rows.iter().map(|r| r.finding_counts()[slot]).sum()
    }

    /// Number of findings left out of the rows (more than [`FINDINGS_PER_CHECK`] of one check
    /// in one pair), each counted by a summary row.
    pub fn left_out(&self) -> usize {
        self.rows.iter().map(Row::left_out_total).sum()
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

    use crate::checks::Finding;
    use crate::checks::doubled_punctuation::DoubledPunctuation;
    use crate::checks::omitted_sentence::OmittedSentence;

    /// The checked document of a one-paragraph pair.
    fn checked(source: &str, target: &str) -> Checked {
        use crate::formats::plaintext::from_text;
        let doc = crate::model::Document {
            id: "t.txt".into(),
            source: from_text("s.txt".into(), source.into()),
            target: from_text("t.txt".into(), target.into()),
            paired: true,
        };
        crate::pipeline::check_document(
            doc,
            &crate::pipeline::Settings::default(),
            &crate::checks::registry(),
        )
    }

    #[test]
    fn a_capped_check_keeps_its_count_and_highest_severity() {
        let mut c = checked("The end.\n", &format!("Ende{}\n", ". ".repeat(100)));
        // The pipeline keeps one more finding than a report lists and counts the other 29.
        let kept: Vec<&Finding> = c
            .findings
            .iter()
            .map(|(_, f)| f)
            .filter(|f| f.rule.code == "MT005")
            .collect();
        assert_eq!(kept.len(), FINDINGS_PER_CHECK + 1);
        let more: usize = kept
            .iter()
            .filter_map(|f| f.more.as_deref())
            .flatten()
            .sum();
        assert_eq!(more, 29);
        let mut k = 0;
        for (_, f) in c
            .findings
            .iter_mut()
            .filter(|(_, f)| f.rule.code == "MT005")
        {
            // The listed ones are info; of those left out, one is an error.
            f.severity = Some(Severity::Info);
            if f.more.is_some() {
                f.more = Some(Box::new([1, 0, 28]));
            }
            k += 1;
        }
        assert_eq!(k, FINDINGS_PER_CHECK + 1);
        let rows = rows(&c, false);
        let mt005: Vec<&Row> = rows.iter().filter(|r| r.code == "MT005").collect();
        assert_eq!(mt005.len(), FINDINGS_PER_CHECK + 1);
        let summary = mt005[FINDINGS_PER_CHECK];
        assert!(summary.is_summary() && !mt005[0].is_summary());
        assert_eq!(summary.left_out(), [1, 0, 29]);
        assert_eq!(summary.severity, "error", "the highest left-out severity");
        assert!(
            summary
                .message
                .starts_with("… and 30 more 'doubled-punctuation' findings in this pair"),
            "{}",
            summary.message
        );
        let report = Report::from_documents(
            vec![DocRows {
                id: "t.txt".into(),
                rows,
                pairs: 1,
            }],
            Vec::new(),
        );
        // Without the cap: 49 info findings and one error; the run fails on errors.
        assert!(report.fails(Severity::Error));
        assert_eq!(report.left_out(), 30);
        let mt005_counts =
            report
                .findings()
                .filter(|r| r.code == "MT005")
                .fold([0; 3], |mut a, r| {
                    for (x, n) in a.iter_mut().zip(r.finding_counts()) {
                        *x += n;
                    }
                    a
                });
        assert_eq!(mt005_counts, [1, 0, 49]);
    }

    #[test]
    fn short_texts_are_whole_and_long_ones_excerpts() {
        let span = 5..8;
        let short = CellText::new("Hallo. . Welt");
        assert_eq!(short.around(&span, 5, 3, false), "Hallo. . Welt");
        assert_eq!(short.around(&span, 5, 3, true), "Hallo⟦. .⟧ Welt");
        assert_eq!(short.plain(), "Hallo. . Welt");
        let long = "x".repeat(2000);
        let cell = CellText::new(&long);
        assert_eq!(cell.plain(), format!("{}…", "x".repeat(2 * CONTEXT)));
        let excerpt = cell.around(&(1000..1001), 1000, 1, true);
        assert_eq!(
            excerpt,
            format!("…{}⟦x⟧{}…", "x".repeat(300), "x".repeat(300))
        );
        assert_eq!(span_in_cell(&excerpt, 1000, 1001), (301, 302));
        // A span over LONG_TEXT chars keeps its ends.
        let spanned = cell.around(&(10..1990), 10, 1980, false);
        assert_eq!(
            spanned,
            format!(
                "{}{}…{}{}",
                "x".repeat(10),
                "x".repeat(300),
                "x".repeat(300),
                "x".repeat(10)
            )
        );
        assert_eq!(span_in_cell(&spanned, 10, 1990), (10, 10 + 601));
        // A short text that starts with `…` is an excerpt when the span is far in, so that
        // a leading `…` always means a cut.
        let dotted = format!("…{}. .", "y".repeat(400));
        let cell = CellText::new(&dotted);
        let start = 401;
        let span = dotted.len() - 3..dotted.len();
        let got = cell.around(&span, start, 3, false);
        assert_eq!(got, format!("…{}. .", "y".repeat(300)));
        let (s, e) = span_in_cell(&got, start, start + 3);
        assert_eq!(got.chars().skip(s).take(e - s).collect::<String>(), ". .");
        // Near the start it is written whole.
        let whole = format!("…. .{}", "y".repeat(400));
        let cell = CellText::new(&whole);
        let span = "…".len().."…. .".len();
        assert_eq!(cell.around(&span, 1, 3, false), whole);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(39_980), "39,980");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

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
            ..Row::default()
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
                    rule: &OmittedSentence::RULE,
                    severity: Severity::Info,
                },
            ],
        }
    }
}
