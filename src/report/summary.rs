//! `--summary`: findings per check and per severity, as a table for the terminal.

use std::collections::BTreeMap;
use std::io::Write;

use super::Report;

/// Write the table: one line per check that found something, columns per severity, a total
/// line and a line on baseline-suppressed findings.
pub fn write(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    // (code, name) -> [error, warning, info]
    let mut counts: BTreeMap<(String, String), [usize; 3]> = BTreeMap::new();
    // A summary row counts the findings left out of the report that it stands for.
    for row in report.findings() {
        let counts_row = row.finding_counts();
        let entry = counts.entry((row.code, row.check)).or_default();
        for (c, n) in entry.iter_mut().zip(counts_row) {
            *c += n;
        }
    }
    let width = counts
        .keys()
        .map(|(c, n)| c.chars().count() + 1 + n.chars().count())
        .max()
        .unwrap_or(0)
        .max("check".len());
    writeln!(
        out,
        "{:<width$}  {:>7}  {:>7}  {:>7}  {:>7}",
        "check", "error", "warning", "info", "total"
    )?;
    let mut total = [0usize; 3];
    for ((code, name), c) in &counts {
        for (t, n) in total.iter_mut().zip(c) {
            *t += n;
        }
        writeln!(
            out,
            "{:<width$}  {:>7}  {:>7}  {:>7}  {:>7}",
            format!("{code} {name}"),
            c[0],
            c[1],
            c[2],
            c.iter().sum::<usize>()
        )?;
    }
    writeln!(
        out,
        "{:<width$}  {:>7}  {:>7}  {:>7}  {:>7}",
        "total",
        total[0],
        total[1],
        total[2],
        total.iter().sum::<usize>()
    )?;
    if report.suppressed > 0 {
        writeln!(
            out,
            "({} accepted finding{} suppressed by the baseline)",
            report.suppressed,
            if report.suppressed == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::sample_report;

    #[test]
    fn table_counts_per_check_and_severity() {
        let mut buf = Vec::new();
        write(&mut buf, &sample_report()).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<Vec<&str>> = text
            .lines()
            .map(|l| l.split_whitespace().collect())
            .collect();
        assert_eq!(lines[0], ["check", "error", "warning", "info", "total"]);
        assert!(lines.contains(&vec!["MT005", "doubled-punctuation", "1", "0", "0", "1"]));
        assert!(lines.contains(&vec!["MT006", "unbalanced-quotes", "0", "1", "0", "1"]));
        assert!(lines.contains(&vec!["MT007", "omitted-sentence", "0", "0", "1", "1"]));
        assert!(lines.contains(&vec!["total", "1", "1", "1", "3"]));
    }
}
