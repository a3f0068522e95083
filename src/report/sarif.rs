//! SARIF 2.1.0 (Static Analysis Results Interchange Format), for code-scanning UIs such as
//! GitHub code scanning: one run, the checks that ran as `tool.driver.rules`, one result per
//! finding with its position in the target file.
//!
//! Locations are relative to `%SRCROOT%` (`uriBaseId`), the repository root when mtlint runs
//! in a git checkout, else the current directory (see [`baseline::DocRoot::current`]); the
//! run's `originalUriBaseIds` gives its absolute `file://` URI. So code scanning maps a
//! finding to the repository's file, however the run named it (`./input/…`, an absolute
//! path, from a subfolder). A document outside that root keeps an absolute `file://` URI.
//! A finding in a translation unit (XLIFF, TMX, PO, CSV key, l10n key) names it as the
//! location's `logicalLocations` entry (`kind` `element`) and as `properties.unit`.
//! `partialFingerprints` are the baseline fingerprints over the same relative path: stable
//! across runs, checkouts and spellings.

use std::io::Write;

use serde_json::{Value, json};

use super::{Report, Row, baseline};
use crate::model::Severity;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const VERSION: &str = "2.1.0";

/// SARIF's level for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: `/` separators, characters outside the unreserved
/// set and `/` percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `uriBaseId` of every relative location.
pub const SRCROOT: &str = "%SRCROOT%";

/// An absolute path (components) as a `file://` URI; `folder` adds the trailing `/`.
fn file_uri(path: &std::path::Path, folder: bool) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = text.trim_start_matches('/');
    let mut out = format!("file:///{}", uri(text));
    if folder && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// The `artifactLocation` of a document: relative to `%SRCROOT%`, or an absolute `file://`
/// URI when it lies outside the root.
pub fn artifact_location(doc: &str) -> Value {
    let root = baseline::DocRoot::current();
    let key = root.key(doc);
    if key == ".." || key.starts_with("../") {
        let absolute = root.path().join(&key);
        // `key` is relative to the root: make it absolute without `..` for the URI.
        let mut parts: Vec<String> = Vec::new();
        for c in absolute.components() {
            match c {
                std::path::Component::ParentDir => {
                    parts.pop();
                }
                std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
                _ => {}
            }
        }
        let path: std::path::PathBuf = std::iter::once("/".to_string()).chain(parts).collect();
        return json!({ "uri": file_uri(&path, false) });
    }
    json!({ "uri": uri(&key), "uriBaseId": SRCROOT })
}

/// The `tool.driver.rules` entries: the checks that ran.
fn rules(report: &Report) -> Vec<Value> {
    report
        .rules
        .iter()
        .map(|a| {
            json!({
                "id": a.rule.code,
                "name": a.rule.name,
                "shortDescription": { "text": a.rule.summary },
                "fullDescription": { "text": a.rule.doc.trim() },
                "help": { "text": format!("mtlint explain {}", a.rule.code) },
                "defaultConfiguration": { "level": level(a.severity) },
            })
        })
        .collect()
}

/// The SARIF result of one finding row.
fn result(report: &Report, row: &Row) -> Value {
    let (end_line, end_column) = row.end_position();
    let mut region = json!({
        "startLine": row.target_line,
        "startColumn": row.target_column,
        "endColumn": end_column,
    });
    if end_line != row.target_line {
        region["endLine"] = json!(end_line);
    }
    if !row.span.is_empty() && row.side == "target" {
        region["snippet"] = json!({ "text": row.span });
    }
    let mut message = row.message.clone();
    if !row.suggestion.is_empty() {
        message.push_str(&format!(" (suggestion: {})", row.suggestion));
    }
    let mut result = json!({
        "ruleId": row.code,
        "level": level(row.severity().unwrap_or(Severity::Error)),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(&row.doc),
                "region": region,
            }
        }],
        "partialFingerprints": { "mtlint/v3": baseline::fingerprint(row) },
        "properties": {
            "check": row.check,
            "side": row.side,
            "span": row.span,
            "pair": row.pair,
        },
    });
    if row.is_summary() {
        result["properties"]["left_out"] = json!(row.left_out_total());
    }
    if !row.unit.is_empty() {
        // The translation unit (XLIFF id, PO msgid, key …) as a logical location: what a
        // translator searches for in a CAT tool.
        result["locations"][0]["logicalLocations"] = json!([{
            "name": row.unit,
            "kind": "element",
        }]);
        result["properties"]["unit"] = json!(row.unit);
    }
    if let Some(i) = report.rules.iter().position(|a| a.rule.code == row.code) {
        result["ruleIndex"] = json!(i);
    }
    result
}

/// The SARIF log around its results: everything but the results, which are `results`.
fn log(report: &Report, results: Value) -> Value {
    json!({
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "mtlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/mtlint/mtlint",
                    "rules": rules(report),
                }
            },
            "originalUriBaseIds": {
                SRCROOT: {
                    "uri": file_uri(&baseline::DocRoot::current().path(), true),
                    "description": { "text": "The repository root (the folder with .git above the current directory), else the current directory." },
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// The SARIF log of a report, as one JSON value (for tests and small reports; [`write`]
/// streams the same JSON without building it).
pub fn to_value(report: &Report) -> Value {
    let results = report.findings().map(|row| result(report, &row)).collect();
    log(report, Value::Array(results))
}

/// Stands in for the results in the log's skeleton; cannot occur in a report.
const RESULTS: &str = "\u{0}mtlint-results\u{0}";

/// Write the SARIF log of a report, one result at a time: the same bytes as
/// `serde_json::to_writer_pretty(out, &to_value(report))` and a newline, without holding
/// more than one result in memory. The log's skeleton (small) is printed with a placeholder
/// for the results; each result is printed on its own and indented to its place.
pub fn write(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let skeleton = serde_json::to_string_pretty(&log(report, json!(RESULTS)))?;
    let placeholder = serde_json::to_string(RESULTS)?;
    let Some((head, tail)) = skeleton.split_once(&placeholder) else {
        return Err(std::io::Error::other("SARIF skeleton without its results"));
    };
    // The indentation of the line holding `"results": …`.
    let line = head.rsplit('\n').next().unwrap_or("");
    let indent = &line[..line.len() - line.trim_start().len()];
    out.write_all(head.as_bytes())?;
    out.write_all(b"[")?;
    let mut any = false;
    for row in report.findings() {
        let text = serde_json::to_string_pretty(&result(report, &row))?;
        out.write_all(if any { b",\n" } else { b"\n" })?;
        // Pretty JSON has no raw line break inside a string: every line is indented.
        for (i, l) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            write!(out, "{indent}  {l}")?;
        }
        any = true;
    }
    if any {
        write!(out, "\n{indent}")?;
    }
    out.write_all(b"]")?;
    out.write_all(tail.as_bytes())?;
    writeln!(out)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::sample_report;

    #[test]
    fn sarif_structure() {
        let report = sample_report();
        let mut buf = Vec::new();
        write(&mut buf, &report).unwrap();
        let v: Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["version"], "2.1.0");
        assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
        let run = &v["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "mtlint");
        let rule_ids: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        let codes: Vec<&str> = report.rules.iter().map(|a| a.rule.code).collect();
        assert_eq!(rule_ids, codes);
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), report.findings().count());
        for (res, row) in results.iter().zip(report.findings()) {
            assert_eq!(res["ruleId"], row.code.as_str());
            assert!(rule_ids.contains(&res["ruleId"].as_str().unwrap()));
            let i = res["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rule_ids[i], row.code);
            assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
            assert!(!res["message"]["text"].as_str().unwrap().is_empty());
            let loc = &res["locations"][0]["physicalLocation"];
            assert_eq!(loc["artifactLocation"]["uri"], uri(&row.doc));
            assert_eq!(loc["artifactLocation"]["uriBaseId"], SRCROOT);
            let region = &loc["region"];
            assert_eq!(region["startLine"], row.target_line);
            assert_eq!(region["startColumn"], row.target_column);
            assert!(region["endColumn"].as_u64().unwrap() >= row.target_column as u64);
        }
        // The doubled period: 3 chars from column 12.
        assert_eq!(results[0]["level"], "error");
        assert_eq!(
            results[0]["locations"][0]["physicalLocation"]["region"]["endColumn"],
            15
        );
        assert_eq!(
            results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "input/a%2Cb.de.txt"
        );
        // The info finding is a SARIF note.
        assert_eq!(results[1]["level"], "note");
    }

    #[test]
    fn streamed_log_is_the_pretty_printed_value() {
        let mut report = sample_report();
        for rows in [0, 1, report.len()] {
            let mut r = report.clone();
            let mut k = 0;
            r.retain(|_| {
                k += 1;
                k <= rows
            });
            let mut streamed = Vec::new();
            write(&mut streamed, &r).unwrap();
            let mut whole = serde_json::to_vec_pretty(&to_value(&r)).unwrap();
            whole.push(b'\n');
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
        report.rules.clear();
        let mut streamed = Vec::new();
        write(&mut streamed, &report).unwrap();
        let v: Value = serde_json::from_slice(&streamed).unwrap();
        assert_eq!(v, to_value(&report));
    }

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("./a b/ü.txt"), "a%20b/%C3%BC.txt");
        assert_eq!(uri("dir\\x.txt"), "dir/x.txt");
    }
}
