//! False alarms on human translations (issue 16, item 0): every finding on a pair that a
//! human translated correctly is a false alarm unless the text itself has a defect.
//!
//! - **CED22 OK**: the 16,329 pairs of the WMT22 critical-error development set labelled OK
//!   (professional translations of op-eds), each pair checked on its own (the set is not in
//!   document order).
//! - **OPUS Books**: the 1-1 pairs of the gold alignments of the three OPUS Books development
//!   books (human literary translations), each book's pairs checked as one document of
//!   paired paragraphs.
//!
//! Printed: per rule, error and warning findings per 1,000 pairs on each corpus, and on
//! request (`--sample CODE N`) findings of one rule spread evenly over the corpus, to read.

use std::collections::BTreeMap;
use std::io::Write;

use rayon::prelude::*;

use super::{Hit, example, io, run_blocks};
use crate::data::{BookPair, Ced22Pair};
use mtlint::Result;
use mtlint::checks::RuleSet;
use mtlint::model::Severity;

/// A finding on a correct pair, with the pair and where it comes from.
#[derive(Debug, Clone)]
pub struct Alarm {
    /// "CED22 dev line N" or the book's name.
    pub place: String,
    pub source: String,
    pub target: String,
    pub hit: Hit,
}

/// The findings of all checks on one corpus of correct pairs.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub name: &'static str,
    pub pairs: usize,
    /// code → every error and warning finding (info findings are not counted).
    pub alarms: BTreeMap<&'static str, Vec<Alarm>>,
}

impl Corpus {
    /// Findings of `code` with severity `sev`.
    pub fn count(&self, code: &str, sev: Severity) -> usize {
        self.alarms
            .get(code)
            .map_or(0, |v| v.iter().filter(|a| a.hit.severity == sev).count())
    }

    /// Per 1,000 pairs.
    pub fn per_k(&self, n: usize) -> f64 {
        1000.0 * n as f64 / self.pairs.max(1) as f64
    }

    fn add(&mut self, place: String, source: &str, target: &str, hits: Vec<Hit>) {
        for h in hits {
            if h.severity < Severity::Warning {
                continue;
            }
            self.alarms.entry(h.code).or_default().push(Alarm {
                place: place.clone(),
                source: source.to_string(),
                target: target.to_string(),
                hit: h,
            });
        }
    }
}

/// Check every OK pair of the WMT22 critical-error set on its own.
pub fn run_ced22_ok(pairs: &[Ced22Pair], checks: &RuleSet) -> Corpus {
    let ok: Vec<Ced22Pair> = pairs.iter().filter(|p| !p.bad).cloned().collect();
    let hits = super::ced22::check_all(&ok, checks);
    ced22_ok(&ok, hits)
}

/// The OK pairs of the WMT22 critical-error set with their findings (`hits[i]` belongs to
/// `pairs[i]`; BAD pairs are skipped).
pub fn ced22_ok(pairs: &[Ced22Pair], hits: Vec<Vec<Hit>>) -> Corpus {
    let mut c = Corpus {
        name: "CED22 dev OK",
        pairs: pairs.iter().filter(|p| !p.bad).count(),
        ..Corpus::default()
    };
    for (p, h) in pairs.iter().zip(hits).filter(|(p, _)| !p.bad) {
        c.add(
            format!("CED22 dev line {}", p.line),
            &p.source,
            &p.target,
            h,
        );
    }
    c
}

/// Check the 1-1 pairs of each book as one document of paired paragraphs.
pub fn run_books(pairs: &[BookPair], checks: &RuleSet) -> Corpus {
    let mut books: Vec<&[BookPair]> = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i + 1;
        while j < pairs.len() && pairs[j].book == pairs[i].book {
            j += 1;
        }
        books.push(&pairs[i..j]);
        i = j;
    }
    let outcomes: Vec<Vec<Vec<Hit>>> = books
        .par_iter()
        .map(|b| {
            let src: Vec<&str> = b.iter().map(|p| p.source.as_str()).collect();
            let tgt: Vec<&str> = b.iter().map(|p| p.target.as_str()).collect();
            run_blocks(&src, &tgt, checks).hits
        })
        .collect();
    let mut c = Corpus {
        name: "OPUS Books 1-1",
        pairs: pairs.len(),
        ..Corpus::default()
    };
    for (b, hits) in books.iter().zip(outcomes) {
        for (k, (p, h)) in b.iter().zip(hits).enumerate() {
            c.add(
                format!("{} pair {}", p.book, k + 1),
                &p.source,
                &p.target,
                h,
            );
        }
    }
    c
}

/// The table: per rule and corpus, error and warning findings and their rate per 1,000
/// pairs; totals with and without MT010 (entity mismatch, measured apart).
pub fn table(
    corpora: &[Corpus],
    names: &BTreeMap<&'static str, &'static str>,
    out: &mut dyn Write,
) -> Result<()> {
    let w = |out: &mut dyn Write, s: String| writeln!(out, "{s}").map_err(io);
    let mut head = "| check |".to_string();
    let mut rule = "| --- |".to_string();
    for c in corpora {
        head.push_str(&format!(
            " {0} errors | per 1k | {0} warnings | per 1k |",
            c.name
        ));
        rule.push_str(" ---: | ---: | ---: | ---: |");
    }
    w(out, head)?;
    w(out, rule)?;
    let row = |label: String, filter: &dyn Fn(&str) -> bool| {
        let mut s = format!("| {label} |");
        for c in corpora {
            let (mut e, mut wn) = (0, 0);
            for code in names.keys().filter(|k| filter(k)) {
                e += c.count(code, Severity::Error);
                wn += c.count(code, Severity::Warning);
            }
            s.push_str(&format!(
                " {e} | {:.2} | {wn} | {:.2} |",
                c.per_k(e),
                c.per_k(wn)
            ));
        }
        s
    };
    for (code, name) in names {
        w(out, row(format!("{code} {name}"), &|k| k == *code))?;
    }
    w(
        out,
        row("**all but MT010**".into(), &|k: &str| k != "MT010"),
    )?;
    w(out, row("**all checks**".into(), &|_| true))?;
    Ok(())
}

/// Up to `n` indices spread evenly over `0..len`.
pub fn spread(len: usize, n: usize) -> Vec<usize> {
    if n == 0 || len == 0 {
        return Vec::new();
    }
    if n >= len {
        return (0..len).collect();
    }
    (0..n).map(|i| i * len / n).collect()
}

/// Print up to `n` error and `n` warning findings of `code` from each corpus, spread evenly
/// over the corpus (deterministic), to read.
pub fn sample(corpora: &[Corpus], code: &str, n: usize, out: &mut dyn Write) -> Result<()> {
    let w = |out: &mut dyn Write, s: String| writeln!(out, "{s}").map_err(io);
    for c in corpora {
        let all = c.alarms.get(code).map(Vec::as_slice).unwrap_or(&[]);
        for sev in [Severity::Error, Severity::Warning] {
            let list: Vec<&Alarm> = all.iter().filter(|a| a.hit.severity == sev).collect();
            w(
                out,
                format!(
                    "\n#### {code} {} findings on {} ({} in all, {} shown)\n",
                    sev.as_str(),
                    c.name,
                    list.len(),
                    n.min(list.len())
                ),
            )?;
            for (k, i) in spread(list.len(), n).into_iter().enumerate() {
                let a = list[i];
                w(
                    out,
                    format!(
                        "{}. [{}] {}",
                        k + 1,
                        a.place,
                        example(&a.source, &a.target, &a.hit)
                    ),
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtlint::checks;

    #[test]
    fn samples_spread_over_the_list() {
        assert_eq!(spread(10, 3), vec![0, 3, 6]);
        assert_eq!(spread(2, 5), vec![0, 1]);
        assert!(spread(0, 5).is_empty());
    }

    #[test]
    fn only_ok_pairs_count_and_findings_are_kept() {
        let pair = Ced22Pair::sample;
        let pairs = [
            pair(1, "Es ist hier. Es endet dort. .", false),
            pair(2, "Es ist hier. Es endet dort. .", true),
            pair(3, "Es ist hier. Es endet dort.", false),
        ];
        let c = run_ced22_ok(&pairs, &checks::registry());
        assert_eq!(c.pairs, 2);
        let mt005 = c.alarms.get("MT005").expect("the doubled period is found");
        assert_eq!(mt005.len(), 1);
        assert_eq!(mt005[0].place, "CED22 dev line 1");
        let mut buf = Vec::new();
        let names = BTreeMap::from([("MT005", "doubled-punctuation")]);
        table(std::slice::from_ref(&c), &names, &mut buf).expect("table prints");
        let text = String::from_utf8(buf).expect("utf-8");
        assert!(text.contains("| MT005 doubled-punctuation |"), "{text}");
        let mut buf = Vec::new();
        sample(&[c], "MT005", 5, &mut buf).expect("sample prints");
        let text = String::from_utf8(buf).expect("utf-8");
        assert!(text.contains("[CED22 dev line 1]"), "{text}");
    }
}
