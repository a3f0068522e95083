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
//!
//! # Memory
//!
//! A run keeps every row until all its outputs are written (they are written one after the
//! other from the same rows). Whole [`Row`]s would cost about 1 KB each (a copy of the pair's
//! `source`, `target` and `target_marked` cells, and some 15 small strings), so a run with 1M
//! findings held 1 GB of rows. A [`Report`] keeps each document's rows compact instead
//! ([`DocRows`]):
//!
//! - **per pair once**: the pair's source and target texts and its alignment (sentence
//!   indices, score). When at least half of a document's pairs (and of its text) have rows,
//!   the document's own texts and pairs are kept, moved out of the checked document, not
//!   copied; otherwise the texts of the pairs with rows are copied and the rest is freed
//!   (a batch run then holds little more than the pairs with findings);
//! - **per row**: numbers and the finding's own texts only — the pair, the target line and
//!   column, the check (a `&'static` rule), severity, side, the span as byte and char
//!   offsets, the message and suggestion (moved out of the finding, not copied), and the
//!   rare [`RowBounds`].
//!
//! A writer gets each row made whole when it reaches it ([`Report::rows`]): the cells, the
//! formatted numbers and the excerpts are made from the pair's texts exactly as they were
//! when rows were built whole, so every output is byte for byte what it was. Only one row
//! (HTML: one table row's rows) is whole at a time. The counts ([`Report::count`],
//! [`Report::fails`]) are read from the compact rows. A row costs 128 bytes plus its
//! message, a pair with rows 72 bytes plus its texts.
//!
//! The rows of a document are made while its checked document is still in memory; what the
//! rows do not need (the sentences, the source side's blocks) is freed first, so that the
//! rows take its place: a run with one finding per pair peaks in the checks, not in the
//! report (measured by `cargo bench -p mtlint-bench --bench report_bounds`).

pub mod atomic;
pub mod baseline;
pub mod csv;
pub mod github;
pub mod html;
pub mod jsonl;
#[cfg(feature = "arrow")]
pub mod parquet;
pub mod sarif;
pub mod summary;
pub mod xlsx;

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
    /// The translation unit the pair belongs to, as the input names it (see
    /// [`crate::model::Block::id`]): XLIFF `id (resname)`, TMX `tuid`, PO `msgctxt|msgid`,
    /// the CSV key column, an l10n file's key path; empty for texts without units. Reports
    /// written before it existed read back with an empty unit.
    #[serde(default)]
    pub unit: String,
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
pub const COLUMNS: [&str; 22] = [
    "doc",
    "unit",
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
            Some(a) => (a.offset, a.at().0, a.at().1),
            None => (block.range.start, block.at().0, block.at().1),
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
/// plus a summary row, and excerpts of long texts. (The rows a report keeps are compact, see
/// [Memory](self#memory); this builds them whole, e.g. for tests.)
pub fn rows(checked: &Checked, all_pairs: bool) -> Vec<Row> {
    DocRows::new(checked, all_pairs).rows().collect()
}

/// A finding as the rows are built from it (borrowed from a [`Checked`] and cloned, or moved
/// out of it).
struct FindingIn {
    rule: &'static Rule,
    side: Side,
    span: std::ops::Range<usize>,
    severity: Severity,
    message: String,
    suggestion: Option<String>,
    /// Findings of the same rule in the pair that the collector did not keep
    /// ([`crate::checks::Finding::more`]).
    more: Option<Box<[usize; 3]>>,
}

impl FindingIn {
    fn cloned(f: &crate::checks::Finding) -> Self {
        FindingIn {
            rule: f.rule,
            side: f.side,
            span: f.span.clone(),
            severity: f.severity(),
            message: f.message.clone(),
            suggestion: f.suggestion.clone(),
            more: f.more.clone(),
        }
    }

    fn moved(f: crate::checks::Finding) -> Self {
        FindingIn {
            rule: f.rule,
            side: f.side,
            span: f.span.clone(),
            severity: f.severity(),
            message: f.message,
            suggestion: f.suggestion,
            more: f.more,
        }
    }
}

/// Append `text` to `kept` and return where it is.
fn keep(kept: &mut String, text: &str) -> std::ops::Range<usize> {
    let start = kept.len();
    kept.push_str(text);
    start..kept.len()
}

/// Build the compact rows of one document (see [Memory](self#memory)), in position order,
/// bounded as [Bounds](self#bounds) says. With `whole`, a row's record is its pair's index,
/// and the caller puts the document's texts and pairs in; else the texts of the pairs with
/// rows are copied. `capacity`: at most this many rows.
fn build(
    doc: &crate::model::Document,
    pairs: &[crate::pipeline::Pair],
    findings: impl Iterator<Item = (usize, FindingIn)>,
    all_pairs: bool,
    whole: bool,
    capacity: usize,
) -> DocRows {
    let mut kept = DocRows {
        id: doc.id.clone(),
        pairs: pairs.len(),
        source_text: String::new(),
        target_text: String::new(),
        records: Vec::new(),
        indices: Vec::new(),
        units: Vec::new(),
        // Untouched capacity costs no memory (pages never written); no growth by doubling.
        entries: Vec::with_capacity(capacity),
    };
    let entries = &mut kept.entries;
    let mut findings = findings.peekable();
    let mut positions = PositionCursor::new(&doc.target);
    for (index, pair) in pairs.iter().enumerate() {
        if findings.peek().is_none_or(|(i, _)| *i != index) && !all_pairs {
            continue;
        }
        let source_text = &doc.source.text[pair.source_range()];
        let target_text = &doc.target.text[pair.target_range()];
        // The unit: the block's id or name (see `SideText::unit_at`); pre-split text names
        // the line of the pair's first target sentence.
        let unit = match doc.target.unit_at(pair.target_range().start) {
            Some(u) => Some(Box::from(u.as_ref())),
            None => doc
                .target
                .block_at(pair.target_range().start)
                .filter(|b| b.id.is_none() && *b.name() == crate::model::BlockName::Line)
                .map(|_| {
                    let (line, _) = positions.position(pair.target_range().start);
                    Box::from(format!("line {line}").as_str())
                }),
        };
        let record = if whole {
            if unit.is_some() {
                if kept.units.len() <= index {
                    kept.units.resize(index + 1, None);
                }
                kept.units[index] = unit;
            }
            index
        } else {
            kept.units.push(unit);
            kept.records.push(crate::pipeline::Pair::new(
                pair.bead.clone(),
                keep(&mut kept.source_text, source_text),
                keep(&mut kept.target_text, target_text),
            ));
            kept.indices.push(index);
            kept.records.len() - 1
        };
        let mut source = CellText::new(source_text);
        let mut target = CellText::new(target_text);
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
                if let Some(Entry::Finding(e)) = entries.get_mut(summary)
                    && let Some(b) = e.bounds.as_mut()
                {
                    b.left_out[severity_slot(f.severity)] += 1;
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
            let at = match f.side {
                Side::Target => pair.target_range().start + f.span.start,
                Side::Source => pair.target_range().start,
            };
            let (line, column) = positions.position(at);
            let mut bounds: Option<Box<RowBounds>> = None;
            if f.side == Side::Target && end - start > LONG_TEXT {
                bounds.get_or_insert_default().end =
                    Some(crate::model::walk(&text[f.span.clone()], line, column));
            }
            if per_check[k].1 > FINDINGS_PER_CHECK {
                bounds.get_or_insert_default().left_out[severity_slot(f.severity)] = 1;
                per_check[k].2 = Some(entries.len());
            }
            entries.push(Entry::Finding(FindingEntry {
                record,
                line,
                column,
                rule: f.rule,
                severity: f.severity,
                side: f.side,
                span: f.span,
                chars: (start, end),
                message: f.message,
                suggestion: f.suggestion,
                bounds,
            }));
        }
        for (_, _, summary, more) in &per_check {
            let Some(Entry::Finding(e)) = summary.and_then(|i| entries.get_mut(i)) else {
                continue;
            };
            if let Some(b) = e.bounds.as_mut() {
                for (slot, n) in more.iter().enumerate() {
                    b.left_out[slot] += n;
                }
            }
            let left_out = e.bounds.as_ref().map_or([0; 3], |b| b.left_out);
            let n: usize = left_out.iter().sum();
            // The highest severity among the left-out findings: `--fail-on` as without the cap.
            let slot = left_out.iter().position(|&c| c > 0).unwrap_or(0);
            e.severity = [Severity::Error, Severity::Warning, Severity::Info][slot];
            e.message = format!(
                "… and {} more '{}' {} in this pair, left out of the report (it lists {} per check and pair); the first is here: {}",
                thousands(n),
                e.rule.name,
                if n == 1 { "finding" } else { "findings" },
                FINDINGS_PER_CHECK,
                e.message
            );
        }
        if !any && all_pairs {
            let (line, column) = positions.position(pair.target_range().start);
            entries.push(Entry::Clean {
                record,
                line,
                column,
            });
        }
    }
    // The report keeps the rows until it is written: no spare capacity.
    kept.entries.shrink_to_fit();
    kept.records.shrink_to_fit();
    kept.indices.shrink_to_fit();
    kept.units.shrink_to_fit();
    kept.source_text.shrink_to_fit();
    kept.target_text.shrink_to_fit();
    kept
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
///
/// It keeps each document's rows compact (see [Memory](self#memory)); [`Report::rows`] makes
/// them whole, one at a time, for the writers.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The documents' rows, in document-id order; in position order within a document.
    /// Findings suppressed by a baseline are not in here.
    docs: Vec<DocRows>,
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
            docs,
            suppressed: 0,
            rules,
        }
    }

    /// A report of whole rows, taken as they are (already sorted; e.g. rows read back, or
    /// made by hand in tests).
    pub fn from_rows(
        rows: Vec<Row>,
        documents: usize,
        pairs: usize,
        rules: Vec<ActiveRule>,
    ) -> Report {
        Report {
            docs: vec![DocRows::from_rows(String::new(), rows, 0)],
            documents,
            pairs,
            suppressed: 0,
            rules,
        }
    }

    fn entries(&self) -> impl Iterator<Item = (&DocRows, &Entry)> {
        self.docs
            .iter()
            .flat_map(|d| d.entries.iter().map(move |e| (d, e)))
    }

    /// All rows (findings, and clean pairs with `--all-pairs`), each made whole when it is
    /// reached: grouped by document in document-id order, in position order within one.
    pub fn rows(&self) -> impl Iterator<Item = Row> + '_ {
        self.entries().map(|(d, e)| d.row(e))
    }

    /// The finding rows (no `--all-pairs` rows), made whole one at a time.
    pub fn findings(&self) -> impl Iterator<Item = Row> + '_ {
        self.entries()
            .filter(|(_, e)| e.is_finding())
            .map(|(d, e)| d.row(e))
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.docs.iter().map(|d| d.entries.len()).sum()
    }

    /// Whether the report has rows of pairs without findings (`--all-pairs`).
    pub fn has_clean_rows(&self) -> bool {
        self.entries().any(|(_, e)| !e.is_finding())
    }

    /// Whether the report has no rows.
    pub fn is_empty(&self) -> bool {
        self.docs.iter().all(|d| d.entries.is_empty())
    }

    /// Keep only the rows for which `keep` (given each row made whole) says yes; returns the
    /// number of rows removed.
    pub fn retain(&mut self, mut keep: impl FnMut(&Row) -> bool) -> usize {
        let mut removed = 0;
        for d in &mut self.docs {
            let mut kept = Vec::with_capacity(d.entries.len());
            for e in std::mem::take(&mut d.entries) {
                if keep(&d.row(&e)) {
                    kept.push(e);
                } else {
                    removed += 1;
                }
            }
            kept.shrink_to_fit();
            d.entries = kept;
        }
        removed
    }

    /// Number of findings of a severity, including those left out of the rows (counted in
    /// summary rows, see [`Row::left_out`]).
    pub fn count(&self, severity: Severity) -> usize {
        let slot = severity_slot(severity);
        self.entries().map(|(_, e)| e.finding_counts()[slot]).sum()
    }

    /// Number of findings left out of the rows (more than [`FINDINGS_PER_CHECK`] of one check
    /// in one pair), each counted by a summary row.
    pub fn left_out(&self) -> usize {
        self.entries()
            .map(|(_, e)| e.left_out().iter().sum::<usize>())
            .sum()
    }

    /// Whether a finding at or above `threshold` exists.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.entries()
            .any(|(_, e)| e.severity().is_some_and(|s| s >= threshold))
    }
}

/// What the report keeps of one checked document (see [Memory](self#memory)): its compact
/// rows, the texts of the pairs that have rows (once each), and its counts — the whole text
/// only when most of it has rows, so that a batch run holds about one document's whole text
/// per worker thread at a time plus what its findings need, not the whole batch.
#[derive(Debug, Clone)]
pub struct DocRows {
    pub id: String,
    /// Number of aligned sentence pairs.
    pub pairs: usize,
    /// The source text the ranges of `records` point into: the document's whole source
    /// text, or the source texts of the pairs with rows one after the other.
    source_text: String,
    /// The same for the target.
    target_text: String,
    /// The pairs the rows point to, in pair order: all pairs of the document, or only those
    /// with rows (their ranges rebased into the copied texts).
    records: Vec<crate::pipeline::Pair>,
    /// The document's pair index of each record; empty when `records` are all the
    /// document's pairs (a record's position is its index).
    indices: Vec<usize>,
    /// The unit of each record with rows ([`Row::unit`]), by record; `None` for a record
    /// without rows or a text without units.
    units: Vec<Option<Box<str>>>,
    /// The rows, in position order.
    entries: Vec<Entry>,
}

/// One compact row (see [Memory](self#memory)).
#[derive(Debug, Clone)]
enum Entry {
    /// A finding (or a summary row) in the pair `records[record]`.
    Finding(FindingEntry),
    /// A pair without findings (`--all-pairs`).
    Clean {
        record: usize,
        line: usize,
        column: usize,
    },
    /// A row given whole ([`DocRows::from_rows`]).
    Whole(Box<Row>),
}

/// A finding row without its cells: what [`DocRows::row`] makes them from.
#[derive(Debug, Clone)]
struct FindingEntry {
    /// Index into [`DocRows::records`].
    record: usize,
    line: usize,
    column: usize,
    rule: &'static Rule,
    severity: Severity,
    side: Side,
    /// Byte range in the pair's text of `side`.
    span: std::ops::Range<usize>,
    /// The span as char offsets into that text (`span_start`, `span_end`).
    chars: (usize, usize),
    message: String,
    suggestion: Option<String>,
    bounds: Option<Box<RowBounds>>,
}

impl Entry {
    fn is_finding(&self) -> bool {
        match self {
            Entry::Finding(_) => true,
            Entry::Clean { .. } => false,
            Entry::Whole(r) => r.is_finding(),
        }
    }

    fn severity(&self) -> Option<Severity> {
        match self {
            Entry::Finding(f) => Some(f.severity),
            Entry::Clean { .. } => None,
            Entry::Whole(r) => r.severity(),
        }
    }

    fn left_out(&self) -> [usize; 3] {
        match self {
            Entry::Finding(f) => f.bounds.as_ref().map_or([0; 3], |b| b.left_out),
            Entry::Clean { .. } => [0; 3],
            Entry::Whole(r) => r.left_out(),
        }
    }

    /// As [`Row::finding_counts`].
    fn finding_counts(&self) -> [usize; 3] {
        match self {
            Entry::Finding(f) => {
                let left_out = self.left_out();
                if left_out.iter().any(|&n| n > 0) {
                    return left_out;
                }
                let mut counts = [0; 3];
                counts[severity_slot(f.severity)] = 1;
                counts
            }
            Entry::Clean { .. } => [0; 3],
            Entry::Whole(r) => r.finding_counts(),
        }
    }
}

impl DocRows {
    /// The rows of a checked document (its findings' texts are copied).
    pub fn new(checked: &Checked, all_pairs: bool) -> DocRows {
        build(
            &checked.doc,
            &checked.pairs,
            checked
                .findings
                .iter()
                .map(|(i, f)| (*i, FindingIn::cloned(f))),
            all_pairs,
            false,
            checked.findings.len() + if all_pairs { checked.pairs.len() } else { 0 },
        )
    }

    /// The rows of a checked document, taking its findings' texts instead of copying them
    /// (what a run does: the document is not needed after).
    pub fn from_checked(checked: Checked, all_pairs: bool) -> DocRows {
        let Checked {
            mut doc,
            source_sentences,
            target_sentences,
            pairs,
            findings,
        } = checked;
        // Not needed for the rows (positions are in the target file): freed before the rows
        // are made, so that they take the place.
        drop((
            source_sentences,
            target_sentences,
            std::mem::take(&mut doc.source.blocks),
        ));
        // Keep the document's texts and pairs as they are (moved, not copied) when most of
        // them have rows; else copy the texts of the pairs with rows.
        let text_len = |p: &crate::pipeline::Pair| p.source_range().len() + p.target_range().len();
        let (with_rows, bytes) = if all_pairs {
            (pairs.len(), pairs.iter().map(text_len).sum())
        } else {
            let mut with_rows = 0;
            let mut bytes = 0;
            let mut last = None;
            for (i, _) in &findings {
                if last != Some(*i) {
                    last = Some(*i);
                    with_rows += 1;
                    bytes += pairs.get(*i).map_or(0, text_len);
                }
            }
            (with_rows, bytes)
        };
        let whole = 2 * with_rows >= pairs.len()
            && 2 * bytes >= doc.source.text.len() + doc.target.text.len();
        let capacity = findings.len() + if all_pairs { pairs.len() } else { 0 };
        let mut kept = build(
            &doc,
            &pairs,
            findings.into_iter().map(|(i, f)| (i, FindingIn::moved(f))),
            all_pairs,
            whole,
            capacity,
        );
        if whole {
            kept.source_text = doc.source.text;
            kept.target_text = doc.target.text;
            kept.records = pairs;
        }
        kept
    }

    /// The rows of findings made after a document was checked (the consistency across the
    /// files of a run), for [`DocRows::merge`]: `doc` and `pairs` are the document read,
    /// segmented and aligned again (not checked), `findings` (pair index, finding) are in
    /// pair order and, within a pair, in position order. One finding row per finding (no
    /// bounds apply: at most one finding of a check in a pair).
    pub fn of_findings(
        doc: &crate::model::Document,
        pairs: &[crate::pipeline::Pair],
        findings: Vec<(usize, crate::checks::Finding)>,
    ) -> DocRows {
        let n = findings.len();
        build(
            doc,
            pairs,
            findings.into_iter().map(|(i, f)| (i, FindingIn::moved(f))),
            false,
            false,
            n,
        )
    }

    /// Set the message and suggestion of the `k`-th row (rows made by
    /// [`DocRows::of_findings`] before their texts were known).
    pub fn set_texts(&mut self, k: usize, message: String, suggestion: Option<String>) {
        if let Some(Entry::Finding(e)) = self.entries.get_mut(k) {
            e.message = message;
            e.suggestion = suggestion;
        }
    }

    /// Merge the rows of [`DocRows::of_findings`] of the same document into these: the rows
    /// are what building them from all the findings at once would give (position order, a
    /// pair's earlier rows first on equal positions; a pair's `--all-pairs` row dropped when
    /// it now has a finding).
    pub fn merge(&mut self, extra: DocRows) {
        if extra.entries.is_empty() {
            return;
        }
        // The document's own pairs are kept (a record per pair), or copies of some.
        let whole = self.indices.is_empty() && !self.records.is_empty();
        let sorted = self.indices.len();
        // Each extra record's record here.
        let mut to = Vec::with_capacity(extra.records.len());
        for (r, record) in extra.records.iter().enumerate() {
            let index = extra.indices.get(r).copied().unwrap_or(r);
            let unit = extra.units.get(r).cloned().flatten();
            if whole {
                if unit.is_some() {
                    if self.units.len() <= index {
                        self.units.resize(index + 1, None);
                    }
                    self.units[index] = unit;
                }
                to.push(index);
            } else if let Ok(k) = self.indices[..sorted].binary_search(&index) {
                to.push(k);
            } else {
                let source = extra.source_text.get(record.source_range()).unwrap_or("");
                let target = extra.target_text.get(record.target_range()).unwrap_or("");
                self.records.push(crate::pipeline::Pair::new(
                    record.bead.clone(),
                    keep(&mut self.source_text, source),
                    keep(&mut self.target_text, target),
                ));
                self.indices.push(index);
                self.units.push(unit);
                to.push(self.records.len() - 1);
            }
        }
        let pair_of = |indices: &[usize], record: usize| {
            if indices.is_empty() {
                record
            } else {
                indices.get(record).copied().unwrap_or(record)
            }
        };
        // Rows sort by pair, then as the pipeline orders a pair's findings.
        type Key = (usize, bool, usize, usize, &'static str);
        let key = |pair: usize, e: &Entry| -> Key {
            match e {
                Entry::Finding(f) => (
                    pair,
                    f.side == Side::Target,
                    f.span.start,
                    f.span.end,
                    f.rule.code,
                ),
                _ => (pair, false, 0, 0, ""),
            }
        };
        let mut touched = Vec::new();
        let mut added: Vec<(Key, Entry)> = Vec::with_capacity(extra.entries.len());
        for mut e in extra.entries {
            let pair = match &mut e {
                Entry::Finding(f) => {
                    let pair = pair_of(&extra.indices, f.record);
                    f.record = to.get(f.record).copied().unwrap_or(f.record);
                    pair
                }
                Entry::Clean { record, .. } => {
                    let pair = pair_of(&extra.indices, *record);
                    *record = to.get(*record).copied().unwrap_or(*record);
                    pair
                }
                Entry::Whole(_) => continue,
            };
            touched.push(pair);
            added.push((key(pair, &e), e));
        }
        let mut added = added.into_iter().peekable();
        let old = std::mem::take(&mut self.entries);
        let mut merged = Vec::with_capacity(old.len() + added.len());
        for e in old {
            let pair = match &e {
                Entry::Finding(f) => pair_of(&self.indices, f.record),
                Entry::Clean { record, .. } => {
                    let pair = pair_of(&self.indices, *record);
                    if touched.binary_search(&pair).is_ok() {
                        continue;
                    }
                    pair
                }
                Entry::Whole(_) => {
                    merged.push(e);
                    continue;
                }
            };
            let k = key(pair, &e);
            while let Some((_, a)) = added.next_if(|(a, _)| *a < k) {
                merged.push(a);
            }
            merged.push(e);
        }
        merged.extend(added.map(|(_, e)| e));
        self.entries = merged;
        self.entries.shrink_to_fit();
        self.records.shrink_to_fit();
        self.indices.shrink_to_fit();
        self.units.shrink_to_fit();
        self.source_text.shrink_to_fit();
        self.target_text.shrink_to_fit();
    }

    /// A document of whole rows, taken as they are (in position order).
    pub fn from_rows(id: String, rows: Vec<Row>, pairs: usize) -> DocRows {
        DocRows {
            id,
            pairs,
            source_text: String::new(),
            target_text: String::new(),
            records: Vec::new(),
            indices: Vec::new(),
            units: Vec::new(),
            entries: rows
                .into_iter()
                .map(|r| Entry::Whole(Box::new(r)))
                .collect(),
        }
    }

    /// The rows, each made whole.
    pub fn rows(&self) -> impl Iterator<Item = Row> + '_ {
        self.entries.iter().map(|e| self.row(e))
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the document has no rows.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A row made whole: the columns a compact row leaves out are made from its pair's kept
    /// texts exactly as they were when the rows were built whole.
    fn row(&self, entry: &Entry) -> Row {
        let (record, line, column) = match entry {
            Entry::Whole(r) => return (**r).clone(),
            Entry::Clean {
                record,
                line,
                column,
            } => (*record, *line, *column),
            Entry::Finding(f) => (f.record, f.line, f.column),
        };
        let Some(pair) = self.records.get(record) else {
            return Row::default();
        };
        let source = CellText::new(self.source_text.get(pair.source_range()).unwrap_or(""));
        let target = CellText::new(self.target_text.get(pair.target_range()).unwrap_or(""));
        let index = if self.indices.is_empty() {
            record
        } else {
            self.indices.get(record).copied().unwrap_or(record)
        };
        let mut row = Row {
            doc: self.id.clone(),
            unit: self
                .units
                .get(record)
                .and_then(|u| u.as_deref())
                .unwrap_or("")
                .to_string(),
            pair: index,
            source_sentences: indices(&pair.bead.source()),
            target_sentences: indices(&pair.bead.target()),
            alignment: pair.bead.kind(),
            alignment_score: format!("{:.3}", pair.bead.score),
            target_line: line,
            target_column: column,
            ..Row::default()
        };
        let Entry::Finding(f) = entry else {
            row.source = source.plain();
            row.target = target.plain();
            row.target_marked = row.target.clone();
            return row;
        };
        let (start, end) = f.chars;
        let chars = end - start;
        row.code = f.rule.code.to_string();
        row.check = f.rule.name.to_string();
        row.severity = f.severity.to_string();
        row.side = f.side.as_str().to_string();
        row.span_start = Some(start);
        row.span_end = Some(end);
        row.message = f.message.clone();
        row.suggestion = f.suggestion.clone().unwrap_or_default();
        row.bounds = f.bounds.clone();
        match f.side {
            Side::Target => {
                row.span = span_cell(target.text, &f.span, chars);
                row.source = source.plain();
                row.target = target.around(&f.span, start, chars, false);
                row.target_marked = target.around(&f.span, start, chars, true);
            }
            Side::Source => {
                row.span = span_cell(source.text, &f.span, chars);
                row.source = source.around(&f.span, start, chars, false);
                row.target = target.plain();
                row.target_marked = row.target.clone();
            }
        }
        row
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
    /// The XLSX review workbook.
    Xlsx,
    /// Parquet, and Arrow IPC (`.arrow`/`.feather`): typed columns (see [`parquet`]).
    Parquet,
    Arrow,
}

impl Format {
    /// The format a path's extension stands for (`.csv`, `.html`/`.htm`, `.jsonl`,
    /// `.sarif`/`.sarif.json`, `.xlsx`), if any.
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
        } else if name.ends_with(".xlsx") {
            Some(Format::Xlsx)
        } else if name.ends_with(".parquet") {
            Some(Format::Parquet)
        } else if name.ends_with(".arrow") || name.ends_with(".feather") {
            Some(Format::Arrow)
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
            Format::Xlsx => "xlsx",
            Format::Parquet => "parquet",
            Format::Arrow => "arrow",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Xlsx => "xlsx",
            Format::Parquet => "parquet",
            Format::Arrow => "arrow",
        }
    }
}

/// Options that change how a format is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// CSV for spreadsheets in German locales: `;` as separator (every CSV has a UTF-8 BOM).
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
        Format::Csv => csv::write_with(out, report.rows(), csv::CsvOptions { excel: opts.excel }),
        Format::Html => html::write(out, report),
        Format::Jsonl => jsonl::write(out, report),
        Format::Sarif => sarif::write(out, report),
        Format::Github => github::write(out, report),
        Format::Xlsx => xlsx::write(out, report),
        #[cfg(feature = "arrow")]
        Format::Parquet => parquet::write_parquet(out, report),
        #[cfg(feature = "arrow")]
        Format::Arrow => parquet::write_arrow(out, report),
        #[cfg(not(feature = "arrow"))]
        Format::Parquet | Format::Arrow => Err(std::io::Error::other(
            "this mtlint was built without Parquet/Arrow (the `arrow` feature)",
        )),
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
            vec![DocRows::from_rows("t.txt".into(), rows, 1)],
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

    /// Rows kept compact and made whole again are the rows as built from the borrowed
    /// document, whether the run keeps the document's texts (most pairs have rows) or copies
    /// those of the pairs with rows.
    #[test]
    fn rows_are_the_same_kept_whole_or_copied() {
        let clean = "Alles gut.\n\n".repeat(5);
        let cases = [
            // One pair with a capped check (summary row) and a long text: kept whole.
            (
                "The end.\n".to_string(),
                format!("Ende{}\n", ". ".repeat(700)),
            ),
            // Few pairs with findings among clean ones: copied.
            (
                "All fine.\n\n".repeat(6) + "Good.\n",
                format!("{clean}Gut. .\n\nDas Ende.\n"),
            ),
            // A finding on the source side (an omitted sentence).
            (
                "One.\n\nTwo is here.\n\nThree.\n".to_string(),
                "Eins.\n\nDrei. .\n".to_string(),
            ),
        ];
        for (source, target) in &cases {
            for all_pairs in [false, true] {
                let c = checked(source, target);
                let expected = rows(&c, all_pairs);
                assert!(expected.iter().any(Row::is_finding), "{target:?}");
                let kept = DocRows::from_checked(c, all_pairs);
                assert_eq!(kept.len(), expected.len());
                let got: Vec<Row> = kept.rows().collect();
                assert_eq!(got, expected, "{target:?} all_pairs={all_pairs}");
            }
        }
    }

    /// A kept row is a fraction of a whole one (see [Memory](super#memory)): it does not
    /// own the pair's cells.
    #[test]
    fn a_kept_row_is_compact() {
        assert!(std::mem::size_of::<Entry>() <= 128);
        assert!(std::mem::size_of::<Entry>() * 3 < std::mem::size_of::<Row>());
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
            docs: vec![DocRows::from_rows(
                String::new(),
                vec![base, omitted, clean, injected],
                0,
            )],
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
