//! GitHub Actions workflow commands: one `::error file=…,line=…,col=…,endColumn=…,title=…::message`
//! line per finding, printed to standard output so a workflow step shows them as
//! annotations on the changed files.

use std::io::Write;

use super::Report;
use crate::model::Severity;

/// Escape the message part of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
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
        let title = escape_property(&format!("{} {}", row.code, row.check));
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
