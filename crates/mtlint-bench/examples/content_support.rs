//! Exploration aid for MT029/MT030 (issue 16 item 4): for every line pair of a source and a
//! target file (one segment per line), what the lexicon (the word list alone, as for a
//! one-pair document) supports, as TSV on stdout, to choose thresholds by reading examples.
//!
//! ```sh
//! cargo run --release -p mtlint-bench --example content_support -- \
//!     /usr/share/trans/de-en dev.src dev.mt [dev.label] > support.tsv
//! ```
//!
//! Columns: line, label, then for the English and the German: evidence words, of them
//! linked; then the weakest clause of the English (evidence, linked, rest evidence, rest
//! linked, text) and the weakest sentence of the German (same five).

use std::ops::Range;
use std::sync::Arc;

use mtlint::align::Dictionary;
use mtlint::align::lexicon::{Lexicon, SupportWord, clauses, evidence_in};
use mtlint::model::Lang;
use mtlint::segment;

/// The unit of `units` with the lowest share of linked evidence words (at least three):
/// (evidence, linked, rest evidence, rest linked, text).
fn weakest(
    text: &str,
    words: &[SupportWord],
    english: bool,
    units: &[Range<usize>],
) -> (usize, usize, usize, usize, String) {
    let all = evidence_in(words, &(0..text.len()), english);
    let mut best = (0, 0, 0, 0, String::new());
    let mut best_share = 2.0;
    for r in units {
        let (n, l, _) = evidence_in(words, r, english);
        if n >= 3 {
            let share = l as f64 / n as f64;
            if share < best_share || (share == best_share && n > best.0) {
                best_share = share;
                best = (n, l, all.0 - n, all.1 - l, text[r.clone()].to_string());
            }
        }
    }
    best
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: content_support DICT SRC MT [LABELS]");
        return std::process::ExitCode::from(2);
    }
    let dict = match Dictionary::load(std::path::Path::new(&args[1])) {
        Ok(d) => Arc::new(d),
        Err(e) => {
            eprintln!("{e}");
            return std::process::ExitCode::from(2);
        }
    };
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| eprintln!("{p}: {e}"));
    let (Ok(src), Ok(mt)) = (read(&args[2]), read(&args[3])) else {
        return std::process::ExitCode::from(2);
    };
    let labels = args.get(4).and_then(|p| read(p).ok()).unwrap_or_default();
    let lab: Vec<&str> = labels.lines().collect();
    let lex = Lexicon::with_dictionary(Some(dict));
    for (k, (s, t)) in src.lines().zip(mt.lines()).enumerate() {
        let sup = lex.support(s, t);
        let se = evidence_in(&sup.source, &(0..s.len()), true);
        let te = evidence_in(&sup.target, &(0..t.len()), false);
        let f = |w: (usize, usize, usize, usize, String)| {
            format!("{}\t{}\t{}\t{}\t{}", w.0, w.1, w.2, w.3, w.4)
        };
        let sc = weakest(s, &sup.source, true, &clauses(s));
        let sentences = segment::split(t, Lang::De);
        let ts = if sentences.len() >= 2 {
            weakest(t, &sup.target, false, &sentences)
        } else {
            (0, 0, 0, 0, String::new())
        };
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            k + 1,
            lab.get(k).copied().unwrap_or("?"),
            se.0,
            se.1,
            te.0,
            te.1,
            f(sc),
            f(ts)
        );
    }
    std::process::ExitCode::SUCCESS
}
