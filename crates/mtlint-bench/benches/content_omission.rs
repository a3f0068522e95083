//! MT018 content-omission (`--dict`) on real MT: the WMT22 MQM development set in
//! `../shared/data/mqm/wmt22_dev_ende/` (1005 segments with human error spans), with a
//! German–English word list (default `/usr/share/trans/de-en` from Debian's `trans-de-en`;
//! `DICT=PATH` for another). A benchmark, not a test: it prints numbers.
//!
//! ```sh
//! cargo bench -p mtlint-bench --bench content_omission            # counts and overlap with MQM spans
//! cargo bench -p mtlint-bench --bench content_omission -- --list  # also print every finding
//! ```
//!
//! Source and target as [`mtlint_bench::data::load_mqm`] reads them (the `.src` line; the
//! `target` column of the spans file, CSV-unquoted, lost quotes restored); the MQM spans are
//! character offsets into the target. A target-side finding hits when it overlaps a human span; a source-side
//! finding (an English word missing from the German) hits when the annotators marked a span
//! reaching the end of the MT (where MQM puts omissions), and is also counted against any
//! marked error in the segment.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use mtlint::align::Dictionary;
use mtlint::checks::content_omission::ContentOmission;
use mtlint::checks::{Check, DocStats, Findings, PairView};
use mtlint::model::Side;

fn char_offset(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

fn main() {
    let list = std::env::args().any(|a| a == "--list");
    let segments = match mtlint_bench::data::load_mqm(&mtlint_bench::shared_data_dir()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("skipping: {e}");
            return;
        }
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
    let (mut segs, mut marked_segs, mut omission_segs) = (0usize, 0usize, 0usize);
    // [source side, target side]: findings, on a marked segment, on a span / an <EOS> omission.
    let mut n = [0usize; 2];
    let mut in_marked = [0usize; 2];
    let mut hit = [0usize; 2];
    let mut seg_flagged = [0usize; 2];
    let started = Instant::now();
    for seg in &segments {
        let (s, target) = (seg.source.as_str(), seg.target.as_str());
        segs += 1;
        let spans: Vec<(usize, usize)> = seg.spans.iter().map(|r| (r.start, r.end)).collect();
        let marked = !spans.is_empty();
        let end = target.chars().count();
        let omission = spans.iter().any(|&(_, b)| b >= end);
        marked_segs += usize::from(marked);
        omission_segs += usize::from(omission);
        let pair = PairView::simple(s, target, &doc);
        let mut out = Findings::new();
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
