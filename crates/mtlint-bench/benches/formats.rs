//! Reader throughput (issue 6, inputs): a benchmark, not a test.
//!
//! Generates one file per bilingual format with N units (deterministic text with entities,
//! inline tags, escapes and quotes, so the position bookkeeping is exercised), plus a
//! one-line (minified) XLIFF, and times `formats::read_bilingual` on each.
//!
//! ```sh
//! cargo bench -p mtlint-bench --bench formats                 # 100k units
//! cargo bench -p mtlint-bench --bench formats -- 20000        # another size
//! ```

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use mtlint::formats;

fn sentence(i: usize) -> (String, String) {
    (
        format!("The council met on day {i} & agreed on \"plan {i}\" for the river bridge."),
        format!(
            "Der Rat traf sich am Tag {i} & einigte sich auf „Plan {i}“ für die Flussbrücke. ."
        ),
    )
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn write_files(dir: &Path, n: usize) -> std::io::Result<Vec<(String, std::path::PathBuf)>> {
    let mut xlf = String::from(
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n<file source-language=\"en\" target-language=\"de\" original=\"x\">\n<body>\n",
    );
    let mut tmx = String::from(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"en\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" datatype=\"plaintext\" creationtool=\"b\" creationtoolversion=\"1\"/>\n<body>\n",
    );
    let mut po = String::from("msgid \"\"\nmsgstr \"Language: de\\n\"\n\n");
    let mut csv = String::from("id,source,target\n");
    for i in 0..n {
        let (s, t) = sentence(i);
        let _ = writeln!(
            xlf,
            "<trans-unit id=\"{i}\">\n  <source>{} <x id=\"1\"/></source>\n  <target>{} <x id=\"1\"/></target>\n</trans-unit>",
            xml(&s),
            xml(&t)
        );
        let _ = writeln!(
            tmx,
            "<tu tuid=\"{i}\"><tuv xml:lang=\"en\"><seg>{}</seg></tuv><tuv xml:lang=\"de\"><seg>{}</seg></tuv></tu>",
            xml(&s),
            xml(&t)
        );
        let q = |x: &str| x.replace('\\', "\\\\").replace('"', "\\\"");
        let _ = writeln!(po, "msgid \"{}\"\nmsgstr \"{}\"\n", q(&s), q(&t));
        let c = |x: &str| format!("\"{}\"", x.replace('"', "\"\""));
        let _ = writeln!(csv, "{i},{},{}", c(&s), c(&t));
    }
    xlf.push_str("</body>\n</file>\n</xliff>\n");
    tmx.push_str("</body>\n</tmx>\n");
    let one_line = xlf.replace('\n', "");
    let files = [
        ("XLIFF 1.2", "bench.xlf", xlf),
        ("XLIFF, one line", "bench-oneline.xlf", one_line),
        ("TMX", "bench.tmx", tmx),
        ("PO", "bench.po", po),
        ("CSV", "bench.csv", csv),
    ];
    let mut out = Vec::new();
    for (label, name, text) in files {
        let p = dir.join(name);
        std::fs::write(&p, text)?;
        out.push((label.to_string(), p));
    }
    Ok(out)
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot create a temporary folder: {e}");
            return;
        }
    };
    let files = match write_files(dir.path(), n) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot write the input: {e}");
            return;
        }
    };
    println!("| format | units | MiB | read s | units/s | MiB/s |\n|---|---|---|---|---|---|");
    for (label, path) in files {
        let mib = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0;
        let started = Instant::now();
        match formats::read_bilingual(&path) {
            Ok(docs) => {
                let secs = started.elapsed().as_secs_f64();
                let units: usize = docs.iter().map(|d| d.target.blocks.len()).sum();
                println!(
                    "| {label} | {units} | {mib:.1} | {secs:.3} | {:.0} | {:.1} |",
                    units as f64 / secs,
                    mib / secs
                );
            }
            Err(e) => println!("| {label} | failed: {e} | | | | |"),
        }
    }
}
