//! Critical errors of WMT22 (issue 16, item 6): on every pair of the WMT22 critical-error
//! development set (`dev.src`/`dev.mt`/`dev.label`, BAD = one part of a professional
//! translation altered so that the meaning changes), MCC of "the pair has an error-severity
//! finding" vs BAD, and the same for "a warning-or-error finding"; the confusion matrices
//! and, per rule, on how many BAD and OK pairs it fires.
//!
//! The pairs are checked once; the OK pairs' findings also feed the false-alarm table.
//! With `MTLINT_BENCH_CED22_DUMP=FILE` every pair with its label and findings is written to
//! FILE (TSV: line, label, codes, source, target, messages), to read misses by hand.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use rayon::prelude::*;

use super::score::Confusion;
use super::{Hit, io, run_pair};
use crate::data::Ced22Pair;
use mtlint::Result;
use mtlint::checks::RuleSet;
use mtlint::model::Severity;

/// Every pair's findings, in the order of `pairs`.
pub fn check_all(pairs: &[Ced22Pair], checks: &RuleSet) -> Vec<Vec<Hit>> {
    pairs
        .par_iter()
        .map(|p| run_pair(&p.source, &p.target, checks).hits)
        .collect()
}

/// Scores of the two decisions and per-rule pair counts.
#[derive(Debug, Clone, Default)]
pub struct Ced22Result {
    pub bad: usize,
    pub ok: usize,
    /// Predicted BAD = an error-severity finding.
    pub error: Confusion,
    /// Predicted BAD = a warning- or error-severity finding.
    pub warning: Confusion,
    /// code → pairs where it fires with an error on BAD, on OK, with a warning (at most) on
    /// BAD, on OK, with an info finding only on BAD, on OK.
    pub per_rule: BTreeMap<&'static str, [usize; 6]>,
}

pub fn score(pairs: &[Ced22Pair], hits: &[Vec<Hit>]) -> Ced22Result {
    let mut r = Ced22Result::default();
    for (p, hs) in pairs.iter().zip(hits) {
        if p.bad {
            r.bad += 1;
        } else {
            r.ok += 1;
        }
        let worst = |min: Severity| hs.iter().any(|h| h.severity >= min);
        r.error.add(worst(Severity::Error), p.bad);
        r.warning.add(worst(Severity::Warning), p.bad);
        let mut fired: BTreeMap<&'static str, Severity> = BTreeMap::new();
        for h in hs {
            let e = fired.entry(h.code).or_insert(h.severity);
            *e = (*e).max(h.severity);
        }
        for (code, sev) in fired {
            let c = r.per_rule.entry(code).or_default();
            let k = match sev {
                Severity::Error => 0,
                Severity::Warning => 2,
                Severity::Info => 4,
            } + usize::from(!p.bad);
            c[k] += 1;
        }
    }
    r
}

/// Print the section (Markdown).
pub fn print(
    r: &Ced22Result,
    names: &BTreeMap<&'static str, &'static str>,
    out: &mut dyn Write,
) -> Result<()> {
    let w = |out: &mut dyn Write, s: String| writeln!(out, "{s}").map_err(io);
    w(
        out,
        format!(
            "### 3b. Critical errors (WMT22 CED dev, en→de)\n\n{} pairs ({} BAD, {} OK), each \
             checked on its own. Target (issue 16): MCC ≥ 0.60 with predicted BAD = the pair \
             has an error-severity finding.\n",
            r.bad + r.ok,
            r.bad,
            r.ok
        ),
    )?;
    w(
        out,
        "| predicted BAD when | TP | FP | FN | TN | MCC | precision | recall |".into(),
    )?;
    w(
        out,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |".into(),
    )?;
    for (label, c) in [
        ("an error finding", r.error),
        ("a warning or error finding", r.warning),
    ] {
        w(
            out,
            format!(
                "| {label} | {} | {} | {} | {} | **{:.3}** | {:.3} | {:.3} |",
                c.tp,
                c.fp,
                c.fn_,
                c.tn,
                c.mcc(),
                c.precision(),
                c.recall()
            ),
        )?;
    }
    w(
        out,
        "\n| check | error on BAD | error on OK | warning on BAD | warning on OK | info on BAD | info on OK |".into(),
    )?;
    w(
        out,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |".into(),
    )?;
    for (code, name) in names {
        let v = r.per_rule.get(code).copied().unwrap_or_default();
        w(
            out,
            format!(
                "| {code} {name} | {} | {} | {} | {} | {} | {} |",
                v[0], v[1], v[2], v[3], v[4], v[5]
            ),
        )?;
    }
    w(out, String::new())
}

/// With `MTLINT_BENCH_CED22_DUMP=FILE`, write every pair with its findings to FILE.
pub fn dump(pairs: &[Ced22Pair], hits: &[Vec<Hit>]) -> Result<()> {
    let Some(path) = std::env::var_os("MTLINT_BENCH_CED22_DUMP") else {
        return Ok(());
    };
    let path = std::path::PathBuf::from(path);
    let err = |e: std::io::Error| mtlint::MtError::output(path.clone(), e);
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).map_err(err)?);
    let clean = |s: &str| s.replace(['\t', '\n'], " ");
    for (p, hs) in pairs.iter().zip(hits) {
        let codes: BTreeSet<String> = hs
            .iter()
            .filter(|h| h.severity >= Severity::Warning)
            .map(|h| {
                format!(
                    "{}{}",
                    h.code,
                    if h.severity == Severity::Error {
                        "E"
                    } else {
                        "W"
                    }
                )
            })
            .collect();
        let msgs: Vec<String> = hs
            .iter()
            .filter(|h| h.severity >= Severity::Warning)
            .map(|h| format!("{}: {}", h.code, clean(&h.message)))
            .collect();
        writeln!(
            f,
            "{}\t{}\t{}\t{}\t{}\t{}",
            p.line,
            if p.bad { "BAD" } else { "OK" },
            codes.into_iter().collect::<Vec<_>>().join(","),
            clean(&p.source),
            clean(&p.target),
            msgs.join(" | ")
        )
        .map_err(err)?;
    }
    f.flush().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtlint::checks;

    #[test]
    fn error_and_warning_decisions_are_scored_against_the_labels() {
        let pair = Ced22Pair::sample;
        let pairs = [
            pair(1, "Es ist hier. Es endet dort. .", true),
            pair(2, "Es ist hier. Es endet dort.", true),
            pair(3, "Es ist hier. Es endet dort.", false),
            pair(4, "Es ist hier. Es endet dort. .", false),
        ];
        let hits = check_all(&pairs, &checks::registry());
        let r = score(&pairs, &hits);
        assert_eq!((r.bad, r.ok), (2, 2));
        assert_eq!(r.error.tp + r.error.fn_, 2);
        assert_eq!(r.warning.tp + r.warning.fp, {
            hits.iter()
                .filter(|h| h.iter().any(|x| x.severity >= Severity::Warning))
                .count() as u64
        });
        let mt005 = r.per_rule.get("MT005").copied().unwrap_or_default();
        assert_eq!(mt005[0] + mt005[2], 1, "fires on the BAD pair with '. .'");
        assert_eq!(mt005[1] + mt005[3], 1, "and on the OK one");
        let mut buf = Vec::new();
        let names = BTreeMap::from([("MT005", "doubled-punctuation")]);
        print(&r, &names, &mut buf).expect("prints");
        let text = String::from_utf8(buf).expect("utf-8");
        assert!(text.contains("| an error finding |"), "{text}");
        assert!(text.contains("| MT005 doubled-punctuation |"), "{text}");
    }
}
