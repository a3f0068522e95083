//! MT018 content-omission (`--dict`) on real MT: the WMT22 MQM development set in
//! `../shared/data/mqm/wmt22_dev_ende/` (1005 segments with human error spans), with a
//! German–English word list (default `/usr/share/trans/de-en` from Debian's `trans-de-en`;
//! `DICT=PATH` for another). A benchmark, not a test: it prints numbers.
//!
//! ```sh
//! cargo bench --bench content_omission            # counts and overlap with MQM spans
//! cargo bench --bench content_omission -- --list  # also print every finding
//! ```
//!
//! Source and target are the `source` and `target` columns of the spans file (detokenised);
//! the MQM spans are character offsets into them (a few rows with mangled quotes are off by a
//! few characters). A target-side finding hits when it overlaps a human span; a source-side
//! finding (an English word missing from the German) hits when the annotators marked a span
//! reaching the end of the MT (where MQM puts omissions), and is also counted against any
//! marked error in the segment.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use mtlint::align::Dictionary;
use mtlint::checks::content_omission::ContentOmission;
use mtlint::checks::{Check, DocStats, PairView};
use mtlint::model::Side;

fn char_offset(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

fn main() {
    let list = std::env::args().any(|a| a == "--list");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/mqm/wmt22_dev_ende");
    let Ok(tsv) = std::fs::read_to_string(dir.join("2022_en-de_dev_processed.spans.tsv")) else {
        eprintln!("skipping: ../shared/data/mqm/wmt22_dev_ende/ not found");
        return;
    };
    let dict_path = std::env::var("DICT").unwrap_or_else(|_| "/usr/share/trans/de-en".into());
    let started = Instant::now();
    let dict = match Dictionary::load(Path::new(&dict_path)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipping: {e} (apt-get install trans-de-en, or DICT=PATH)");
            return;
        }
    };
    println!(
        "dictionary {dict_path}: {} German headwords, loaded in {:.1} s",
        dict.len(),
        started.elapsed().as_secs_f64()
    );
    let check = ContentOmission::new(Arc::new(dict));
    let doc = DocStats::default();
    let rows: Vec<Vec<&str>> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    let (mut segs, mut marked_segs, mut omission_segs) = (0usize, 0usize, 0usize);
    // [source side, target side]: findings, on a marked segment, on a span / an <EOS> omission.
    let mut n = [0usize; 2];
    let mut in_marked = [0usize; 2];
    let mut hit = [0usize; 2];
    let mut seg_flagged = [0usize; 2];
    let started = Instant::now();
    for row in rows.iter().filter(|r| r.len() > 8) {
        let s = row[4];
        segs += 1;
        let spans: Vec<(usize, usize)> = if row[8].trim() != "no-error" {
            row[6]
                .split_whitespace()
                .zip(row[7].split_whitespace())
                .filter_map(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                .collect()
        } else {
            vec![]
        };
        let marked = !spans.is_empty();
        let target = row[5];
        let end = target.chars().count();
        let omission = spans.iter().any(|&(_, b)| b >= end);
        marked_segs += usize::from(marked);
        omission_segs += usize::from(omission);
        let pair = PairView::simple(s, target, &doc);
        let mut out = Vec::new();
        check.check(&pair, &mut out);
        let mut sides = [false; 2];
        for f in &out {
            let k = usize::from(f.side == Side::Target);
            sides[k] = true;
            n[k] += 1;
            in_marked[k] += usize::from(marked);
            let is_hit = match f.side {
                Side::Source => omission,
                Side::Target => {
                    let (a, b) = (
                        char_offset(target, f.span.start),
                        char_offset(target, f.span.end),
                    );
                    spans.iter().any(|&(x, y)| x < b && a < y)
                }
            };
            hit[k] += usize::from(is_hit);
            if list {
                let text = match f.side {
                    Side::Source => &s[f.span.clone()],
                    Side::Target => &target[f.span.clone()],
                };
                println!(
                    "{} {:?} '{text}' marked={marked} omission={omission}: {}",
                    if is_hit { "HIT " } else { "miss" },
                    f.side,
                    f.message
                );
            }
        }
        for k in 0..2 {
            seg_flagged[k] += usize::from(sides[k]);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{segs} segments: {marked_segs} with a human-marked error, {omission_segs} with a span at the end (omission); checked in {:.2} s",
        secs
    );
    let per_k = |x: usize| 1000.0 * x as f64 / segs as f64;
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    println!(
        "| side | findings | per 1,000 segments | segments flagged | in a marked segment | on a human span |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (k, name) in ["source (untranslated run)", "target (unexplained run)"]
        .iter()
        .enumerate()
    {
        println!(
            "| {name} | {} | {:.0} | {} | {} ({:.0} %) | {} ({:.0} %){} |",
            n[k],
            per_k(n[k]),
            seg_flagged[k],
            in_marked[k],
            pct(in_marked[k], n[k]),
            hit[k],
            pct(hit[k], n[k]),
            if k == 0 { " at the end (omission)" } else { "" }
        );
    }
    println!(
        "base rates: {:.0} % of segments have a marked error, {:.0} % a span at the end (omission)",
        pct(marked_segs, segs),
        pct(omission_segs, segs)
    );
}
