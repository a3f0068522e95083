//! GitHub Actions workflow commands: one `::error file=…,line=…,col=…,endColumn=…,title=…::message`
//! line per finding, printed to standard output so a workflow step shows them as
//! annotations on the changed files.

use std::io::Write;

use super::Report;
use crate::model::Severity;

/// Escape the message part of a workflow command: `%`, CR and LF as the runner expects
/// (`%25`, `%0D`, `%0A`), and every other control char — C0 (tab included), DEL and C1 — as
/// the visible text `\u001b`, so that no raw ESC or BEL reaches the log or the annotation.
fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Escape a property value of a workflow command (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow command for a severity.
fn command(severity: Option<Severity>) -> &'static str {
    match severity {
        Some(Severity::Error) | None => "error",
        Some(Severity::Warning) => "warning",
        Some(Severity::Info) => "notice",
    }
}

/// Write one annotation per finding (clean pairs are skipped).
pub fn write(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    for row in report.findings() {
        let (end_line, end_column) = row.end_position();
        let mut props = format!(
            "file={},line={},col={}",
            escape_property(&row.doc),
            row.target_line,
            row.target_column
        );
        if end_line == row.target_line && end_column > row.target_column {
            props.push_str(&format!(",endColumn={end_column}"));
        } else if end_line > row.target_line {
            props.push_str(&format!(",endLine={end_line}"));
        }
        // The unit names the segment in a CAT tool; the annotation's title carries it.
        let title = if row.unit.is_empty() {
            escape_property(&format!("{} {}", row.code, row.check))
        } else {
            escape_property(&format!("{} {} in unit {}", row.code, row.check, row.unit))
        };
        let mut message = row.message.clone();
        if !row.span.is_empty() {
            message.push_str(&format!(" [{}]", row.span));
        }
        if !row.suggestion.is_empty() {
            message.push_str(&format!(" (suggestion: {})", row.suggestion));
        }
        writeln!(
            out,
            "::{} {props},title={title}::{}",
            command(row.severity()),
            escape_data(&message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::sample_report;

    #[test]
    fn control_chars_are_visible_text() {
        assert_eq!(
            escape_data("a\u{1b}[31mb\u{7}c\td\u{7f}e\u{85}f\u{9f}%\r\n"),
            "a\\u001b[31mb\\u0007c\\u0009d\\u007fe\\u0085f\\u009f%25%0D%0A"
        );
        assert_eq!(escape_property("x\u{0}:,"), "x\\u0000%3A%2C");
    }

    #[test]
    fn workflow_command_lines() {
        let mut buf = Vec::new();
        write(&mut buf, &sample_report()).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            vec![
                "::error file=input/a%2Cb.de.txt,line=3,col=12,endColumn=15,title=MT005 doubled-punctuation::'.' appears twice in a row%0Aremove one [. .] (suggestion: .)",
                "::notice file=input/a%2Cb.de.txt,line=4,col=1,title=MT007 omitted-sentence::source sentence 100%25 missing [Gone.]",
                "::warning file=input/z.de.txt,line=1,col=1,endColumn=2,title=MT006 unbalanced-quotes::„ is never closed [„]",
            ]
        );
    }
}
