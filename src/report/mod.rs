//! Reports: the CSV review report (the primary output) and the rows it is made of.

pub mod csv;

use std::io::Write;
use std::path::Path;

use crate::error::{MtError, Result};
use crate::model::Side;
use crate::pipeline::Checked;

/// One row of the review report: one finding, or (with `--all-pairs`) one pair without
/// findings. Field order is the CSV column order.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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

/// Build the report rows of one checked document, in position order.
pub fn rows(checked: &Checked, all_pairs: bool) -> Vec<Row> {
    let doc = &checked.doc;
    let mut rows = Vec::new();
    let mut findings = checked.findings.iter().peekable();
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
            let (line, column) = doc.target.position(at);
            let mut row = base(line, column);
            row.code = f.rule.code.to_string();
            row.check = f.rule.name.to_string();
            row.severity = f.severity().to_string();
            row.side = f.side.as_str().to_string();
            row.span_start = Some(char_offset(text, f.span.start));
            row.span_end = Some(char_offset(text, f.span.end));
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
            let (line, column) = doc.target.position(pair.target_range.start);
            rows.push(base(line, column));
        }
    }
    rows
}

/// Write `contents` to `path` atomically: into a temporary file in the same folder, renamed
/// over `path` only once everything is written. A failed run leaves no partial file and the
/// previous report intact.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(MtError::output(
            path,
            format!(
                "folder {} does not exist; create it or choose another path",
                dir.display()
            ),
        ));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".mtlint-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            MtError::output(
                path,
                format!("cannot create a file in {}: {e}", dir.display()),
            )
        })?;
    {
        let mut buf = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buf).map_err(|e| MtError::output(path, e))?;
        buf.flush().map_err(|e| MtError::output(path, e))?;
    }
    tmp.persist(path)
        .map_err(|e| MtError::output(path, e.error))?;
    Ok(())
}
