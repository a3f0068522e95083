//! Entity and name findings (MT010, MT020) on professional and human translations: the
//! WMT22 critical-error dev set (`ced/wmt22_dev_ende`: OK pairs are professional translations,
//! BAD pairs carry one critical error) and the OPUS Books dev texts (`align/opusbooks_en_de_dev`,
//! human translations of books, paired by their gold alignment).
//!
//! ```sh
//! cargo run --release -p mtlint-bench --example names [-- DATA_DIR [EXAMPLES [CODE]]]
//! ```
//!
//! Prints, per code and severity, the findings on OK pairs (and per 1,000 OK pairs), the BAD
//! pairs with an error finding, and examples of each (CODE: only that code's examples).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mtlint::Severity;
use mtlint::checks::{DocStats, Finding, PairView, RuleSet};
use mtlint::model::Side;

const CODES: &[&str] = &["MT010", "MT020"];

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::to_string)
        .collect()
}

/// `[i, j]:[k]` → ([i, j], [k]).
fn bead(line: &str) -> Option<(Vec<usize>, Vec<usize>)> {
    let (a, b) = line.split_once(':')?;
    let list = |s: &str| -> Vec<usize> {
        s.trim()
            .trim_matches(['[', ']'])
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect()
    };
    Some((list(a), list(b)))
}

fn describe(f: &Finding, s: &str, t: &str) -> String {
    let text = match f.side {
        Side::Source => &s[f.span.clone()],
        Side::Target => &t[f.span.clone()],
    };
    format!("{} {:?} '{text}': {}", f.rule.code, f.severity(), f.message)
}

struct Tally {
    name: String,
    pairs: usize,
    /// (code, severity) → findings.
    counts: BTreeMap<(&'static str, String), usize>,
    /// code → pairs with an error finding.
    error_pairs: BTreeMap<&'static str, usize>,
    examples: Vec<String>,
}

impl Tally {
    fn new(name: &str) -> Tally {
        Tally {
            name: name.into(),
            pairs: 0,
            counts: BTreeMap::new(),
            error_pairs: BTreeMap::new(),
            examples: Vec::new(),
        }
    }

    fn add(&mut self, checks: &RuleSet, s: &str, t: &str, only: Option<&str>) {
        let doc = DocStats {
            length_ratio: 1.12,
            ..DocStats::default()
        };
        let pair = PairView::simple(s, t, &doc);
        let out = checks.check_pair(&pair);
        self.pairs += 1;
        let mut codes_with_error: Vec<&'static str> = Vec::new();
        for f in &out {
            let sev = format!("{:?}", f.severity()).to_lowercase();
            *self.counts.entry((f.rule.code, sev)).or_default() += 1;
            if f.severity() == Severity::Error && !codes_with_error.contains(&f.rule.code) {
                codes_with_error.push(f.rule.code);
            }
            if only.is_none_or(|c| c == f.rule.code) {
                self.examples
                    .push(format!("{}\n   EN: {s}\n   DE: {t}", describe(f, s, t)));
            }
        }
        for c in codes_with_error {
            *self.error_pairs.entry(c).or_default() += 1;
        }
    }

    fn print(&self, examples: usize) {
        println!("\n## {} ({} pairs)\n", self.name, self.pairs);
        println!("| code | severity | findings | per 1,000 pairs |");
        println!("| --- | --- | ---: | ---: |");
        for ((code, sev), n) in &self.counts {
            println!(
                "| {code} | {sev} | {n} | {:.1} |",
                *n as f64 * 1000.0 / self.pairs.max(1) as f64
            );
        }
        for (code, n) in &self.error_pairs {
            println!("pairs with an {code} error: {n}");
        }
        // Every k-th example, so the sample spreads over the set.
        let step = (self.examples.len() / examples.max(1)).max(1);
        for e in self.examples.iter().step_by(step).take(examples) {
            println!("- {e}");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data = PathBuf::from(args.get(1).map_or("../shared/data", String::as_str));
    let examples: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10);
    let only = args.get(3).map(String::as_str);
    let checks = RuleSet::build(&Default::default(), |e| CODES.contains(&e.rule.code));
    println!(
        "checks: {}",
        checks
            .rules()
            .iter()
            .map(|r| r.code)
            .collect::<Vec<_>>()
            .join(" ")
    );

    let ced = data.join("ced/wmt22_dev_ende");
    let (src, mt, label) = (
        lines(&ced.join("dev.src")),
        lines(&ced.join("dev.mt")),
        lines(&ced.join("dev.label")),
    );
    let mut ok = Tally::new("WMT22 CED dev, OK pairs");
    let mut bad = Tally::new("WMT22 CED dev, BAD pairs");
    for ((s, t), l) in src.iter().zip(&mt).zip(&label) {
        if l.trim() == "BAD" {
            bad.add(&checks, s, t, only);
        } else {
            ok.add(&checks, s, t, only);
        }
    }
    ok.print(examples);
    bad.print(examples);

    let books = data.join("align/opusbooks_en_de_dev");
    let mut human = Tally::new("OPUS Books dev (human translations, gold beads with both sides)");
    for name in ["alice", "kafka_verwandlung", "poe_usher"] {
        let en = lines(&books.join(format!("{name}.en")));
        let de = lines(&books.join(format!("{name}.de")));
        for line in lines(&books.join(format!("{name}.en-de.gold"))) {
            let Some((a, b)) = bead(&line) else { continue };
            if a.is_empty() || b.is_empty() {
                continue;
            }
            let join = |side: &[String], ix: &[usize]| {
                ix.iter()
                    .filter_map(|&i| side.get(i).map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            human.add(&checks, &join(&en, &a), &join(&de, &b), only);
        }
    }
    human.print(examples);

    let mut mqm_clean = Tally::new("WMT22 MQM dev, segments with no error marked");
    let mut mqm_marked = Tally::new("WMT22 MQM dev, segments with an error marked");
    for seg in mtlint_bench::data::load_mqm(&data).unwrap_or_default() {
        let tally = if seg.clean {
            &mut mqm_clean
        } else {
            &mut mqm_marked
        };
        tally.add(&checks, &seg.source, &seg.target, only);
    }
    mqm_clean.print(examples);
    mqm_marked.print(examples);
}
