//! JSON Lines: one JSON object per finding (the CSV columns, plus its baseline
//! fingerprint), one per line, for scripts and log pipelines.

use std::io::Write;

use super::{Report, Row, baseline};

#[derive(serde::Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    row: &'a Row,
    /// The baseline fingerprint (see [`baseline::fingerprint`]); empty for a clean pair.
    fingerprint: String,
    /// For a summary row: the number of findings left out that it stands for (see
    /// [`Row::left_out`]); absent for every other row.
    #[serde(skip_serializing_if = "is_zero")]
    left_out: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Write one line per row (findings, and clean pairs with `--all-pairs`).
pub fn write(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    for row in report.rows() {
        let line = Line {
            row: &row,
            fingerprint: if row.is_finding() {
                baseline::fingerprint(&row)
            } else {
                String::new()
            },
            left_out: row.left_out_total(),
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::sample_report;

    #[test]
    fn one_parsable_object_per_finding() {
        let report = sample_report();
        let mut buf = Vec::new();
        write(&mut buf, &report).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), report.len());
        for (line, row) in lines.iter().zip(report.rows()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["code"], row.code.as_str());
            assert_eq!(v["target_line"], row.target_line);
            assert_eq!(v["span"], row.span.as_str());
            let fp = v["fingerprint"].as_str().unwrap();
            assert_eq!(fp.len(), if row.is_finding() { 16 } else { 0 });
        }
    }
}
