//! `mtlint-bench l10n`: the checks of software localisation strings (issue 15).
//!
//! 1. **Damage recall per kind.** Every clean WMT22 MQM pair becomes an l10n string: its
//!    sentence inside a printf frame (`%1$s: … (%2$d)`) or an ICU plural
//!    (`{count, plural, one {# …} other {# …}}`), the same frame on both sides. One damage of a
//!    known kind is made in the German: a dropped placeholder, swapped `%1$s`/`%2$d`, a broken
//!    ICU brace, a missing plural case, an inconsistent repeated segment (the pair repeated
//!    in its document with one word of the German changed), a misspelt word (two letters of
//!    a dictionary word swapped; with `--spell`). A damage is caught when a finding of the
//!    kind's rule is in the damaged pair. The undamaged l10n strings are checked too: every
//!    error finding on them is a false alarm.
//! 2. **Spelling** (with `--spell`): MT026 findings per 1,000 clean MQM target sentences and
//!    per 1,000 WMT22 CED OK pairs (professional translations), per severity, and the share
//!    of MT026 findings on MQM dev that lie inside a human error span.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use mtlint::checks::spelling::Speller;
use mtlint::checks::{Code, RuleContext, RuleSet};
use mtlint::error::{MtError, Result};
use mtlint::model::Severity;

use crate::checks::{Hit, clean_pairs, run_blocks, run_pair};
use crate::data::{self, MqmSegment};
use crate::rng::Rng;

/// Options of `mtlint-bench l10n`.
#[derive(Debug, Clone)]
pub struct Options {
    pub data: PathBuf,
    pub seed: u64,
    /// `--spell PATH`: the Hunspell dictionary for MT026.
    pub spell: Option<PathBuf>,
    /// Misses to print per kind.
    pub examples: usize,
}

/// A kind of l10n damage and the rule expected to catch it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    DroppedPlaceholder,
    SwappedPositional,
    BrokenIcuBrace,
    MissingPluralCategory,
    InconsistentRepeat,
    Misspelt,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::DroppedPlaceholder,
        Kind::SwappedPositional,
        Kind::BrokenIcuBrace,
        Kind::MissingPluralCategory,
        Kind::InconsistentRepeat,
        Kind::Misspelt,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::DroppedPlaceholder => "dropped-placeholder",
            Kind::SwappedPositional => "swapped-positional",
            Kind::BrokenIcuBrace => "broken-icu-brace",
            Kind::MissingPluralCategory => "missing-plural-category",
            Kind::InconsistentRepeat => "inconsistent-repeat",
            Kind::Misspelt => "misspelt-word",
        }
    }

    /// The rules that catch it (MT010 reports a dropped `%2$d`, MT024 a dropped `%@`).
    pub fn rules(self) -> &'static [Code] {
        match self {
            Kind::DroppedPlaceholder => &[Code::MT010, Code::MT024],
            Kind::SwappedPositional | Kind::BrokenIcuBrace | Kind::MissingPluralCategory => {
                &[Code::MT024]
            }
            Kind::InconsistentRepeat => &[Code::MT021],
            Kind::Misspelt => &[Code::MT026],
        }
    }
}

/// The English and German sentence in a printf frame.
fn printf_frame(s: &str) -> String {
    format!("%1$s: {} (%2$d)", s.trim())
}

/// The English and German sentence in an ICU plural.
fn icu_frame(s: &str, one: &str, other: &str) -> String {
    let s = s.trim().replace(['{', '}', '#', '\''], "");
    format!("{{count, plural, one {{# {one}: {s}}} other {{# {other}: {s}}}}}")
}

/// The German word of `t` (lower case, 5+ letters, known to the dictionary, not in the
/// English) with two inner letters swapped so that the dictionary no longer knows it.
fn misspell(t: &str, s: &str, speller: &Speller, rng: &mut Rng) -> Option<String> {
    let words: Vec<(usize, &str)> = t
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| {
            w.chars().count() >= 5
                && w.chars().next().is_some_and(char::is_lowercase)
                && !s.contains(*w)
        })
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
        .collect();
    if words.is_empty() {
        return None;
    }
    let first = rng.below(words.len());
    for k in 0..words.len() {
        let (at, w) = words[(first + k) % words.len()];
        if !speller.accepts(w) {
            continue;
        }
        let chars: Vec<char> = w.chars().collect();
        let i = 1 + rng.below(chars.len() - 3);
        if chars[i] == chars[i + 1] {
            continue;
        }
        let mut c = chars.clone();
        c.swap(i, i + 1);
        let typo: String = c.into_iter().collect();
        if speller.accepts(&typo) {
            continue;
        }
        return Some(format!("{}{typo}{}", &t[..at], &t[at + w.len()..]));
    }
    None
}

/// A clean l10n pair and its damaged German for `kind`, or `None` when the pair offers no
/// place for it.
fn damage(
    kind: Kind,
    s: &str,
    t: &str,
    speller: Option<&Speller>,
    rng: &mut Rng,
) -> Option<(String, String, String)> {
    match kind {
        Kind::DroppedPlaceholder => {
            let (src, tgt) = (printf_frame(s), printf_frame(t));
            let drop = if rng.chance(0.5) { "%1$s" } else { "%2$d" };
            let bad = tgt.replacen(drop, "", 1);
            Some((src, tgt, bad))
        }
        Kind::SwappedPositional => {
            let (src, tgt) = (printf_frame(s), printf_frame(t));
            let bad = tgt
                .replacen("%1$s", "\u{0}", 1)
                .replacen("%2$d", "%1$d", 1)
                .replacen('\u{0}', "%2$s", 1);
            Some((src, tgt, bad))
        }
        Kind::BrokenIcuBrace => {
            let src = icu_frame(s, "item", "items");
            let tgt = icu_frame(t, "Eintrag", "Einträge");
            let braces: Vec<usize> = tgt
                .char_indices()
                .filter(|(_, c)| matches!(c, '{' | '}'))
                .map(|(i, _)| i)
                .collect();
            let at = braces[rng.below(braces.len())];
            let mut bad = tgt.clone();
            bad.remove(at);
            Some((src, tgt, bad))
        }
        Kind::MissingPluralCategory => {
            let src = icu_frame(s, "item", "items");
            let tgt = icu_frame(t, "Eintrag", "Einträge");
            let start = tgt.find("one {")?;
            let end = tgt.find(" other {")?;
            let bad = format!("{}{}", &tgt[..start], &tgt[end + 1..]);
            Some((src, tgt, bad))
        }
        Kind::InconsistentRepeat => {
            // One word of the German changed: dropped, or another word of it doubled.
            if s.split_whitespace().count() < 3 {
                return None;
            }
            let words: Vec<&str> = t.split_whitespace().collect();
            if words.len() < 3 {
                return None;
            }
            let k = rng.below(words.len());
            let mut w: Vec<&str> = words.clone();
            w.remove(k);
            Some((s.to_string(), t.to_string(), w.join(" ")))
        }
        Kind::Misspelt => {
            let bad = misspell(t, s, speller?, rng)?;
            Some((s.to_string(), t.to_string(), bad))
        }
    }
}

/// Per kind: pairs damaged, caught, and the misses to show.
#[derive(Debug, Clone, Default)]
pub struct KindResult {
    pub n: usize,
    pub caught: usize,
    pub misses: Vec<(String, String)>,
}

fn has_code(hits: &[Hit], codes: &[Code]) -> bool {
    hits.iter()
        .any(|h| codes.iter().any(|c| c.as_str() == h.code))
}

/// The rules of the default set, MT026 with `speller`.
pub fn rule_set(speller: Option<Arc<Speller>>) -> RuleSet {
    let cx = RuleContext {
        spell: speller,
        ..RuleContext::default()
    };
    RuleSet::build(&cx, |_| true)
}

/// What [`run`] measures: per kind results, and error findings on the undamaged l10n pairs.
#[derive(Debug, Default)]
pub struct Results {
    pub kinds: BTreeMap<Kind, KindResult>,
    pub clean_pairs: usize,
    pub clean_errors: BTreeMap<&'static str, usize>,
    pub clean_error_examples: Vec<(String, String, Hit)>,
}

/// The damage benchmark over the clean MQM pairs.
pub fn damage_recall(
    clean: &[&MqmSegment],
    rules: &RuleSet,
    speller: Option<&Speller>,
    seed: u64,
    keep: usize,
) -> Results {
    let kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| *k != Kind::Misspelt || speller.is_some())
        .collect();
    enum One {
        Damaged(Kind, String, String, bool),
        Clean(String, String, Vec<Hit>),
    }
    let per: Vec<Vec<One>> = clean
        .par_iter()
        .enumerate()
        .map(|(i, seg)| {
            let mut v = Vec::new();
            for &kind in &kinds {
                let mut rng = Rng::for_item(seed, ((i as u64) << 8) | kind as u64);
                let Some((src, tgt, bad)) =
                    damage(kind, &seg.source, &seg.target, speller, &mut rng)
                else {
                    continue;
                };
                let hits = if kind == Kind::InconsistentRepeat {
                    // The pair twice in a document with another clean pair between.
                    let other = clean[(i + 1) % clean.len()];
                    let o = run_blocks(
                        &[&src, &other.source, &src],
                        &[&tgt, &other.target, &bad],
                        rules,
                    );
                    o.hits.into_iter().flatten().collect()
                } else {
                    run_pair(&src, &bad, rules).hits
                };
                let caught = has_code(&hits, kind.rules());
                // The undamaged l10n string once per frame.
                if matches!(kind, Kind::DroppedPlaceholder | Kind::BrokenIcuBrace) {
                    let clean_hits: Vec<Hit> = run_pair(&src, &tgt, rules)
                        .hits
                        .into_iter()
                        .filter(|h| h.severity == Severity::Error)
                        .collect();
                    v.push(One::Clean(src.clone(), tgt, clean_hits));
                }
                v.push(One::Damaged(kind, src, bad, caught));
            }
            v
        })
        .collect();
    let mut r = Results::default();
    for one in per.into_iter().flatten() {
        match one {
            One::Clean(src, tgt, hits) => {
                r.clean_pairs += 1;
                for h in hits {
                    *r.clean_errors.entry(h.code).or_default() += 1;
                    if r.clean_error_examples.len() < keep {
                        r.clean_error_examples.push((src.clone(), tgt.clone(), h));
                    }
                }
            }
            One::Damaged(kind, src, bad, caught) => {
                let e = r.kinds.entry(kind).or_default();
                e.n += 1;
                if caught {
                    e.caught += 1;
                } else if e.misses.len() < keep {
                    e.misses.push((src, bad));
                }
            }
        }
    }
    r
}

/// Spelling on real text: findings per severity on the clean MQM pairs (per 1,000 target
/// sentences) and the CED22 OK pairs (per 1,000 pairs), and the share of findings on MQM dev
/// inside a human error span.
#[derive(Debug, Default)]
pub struct SpellResult {
    pub mqm_clean_sentences: usize,
    pub mqm_clean: [usize; 3],
    pub ced_ok_pairs: usize,
    pub ced_ok: [usize; 3],
    pub mqm_findings: usize,
    pub mqm_in_span: usize,
    pub mqm_in_marked_segment: usize,
    pub examples: Vec<(String, Hit)>,
}

fn slot(s: Severity) -> usize {
    mtlint::checks::severity_slot(s)
}

pub fn spelling(
    segments: &[MqmSegment],
    ced_ok: &[(String, String)],
    rules: &RuleSet,
    keep: usize,
) -> SpellResult {
    let mut r = SpellResult::default();
    // MQM dev, document by document.
    let mut docs: Vec<&[MqmSegment]> = Vec::new();
    let mut start = 0;
    for i in 1..=segments.len() {
        if i == segments.len() || segments[i].doc_id != segments[start].doc_id {
            docs.push(&segments[start..i]);
            start = i;
        }
    }
    let per_doc: Vec<_> = docs
        .par_iter()
        .map(|d| {
            let src: Vec<&str> = d.iter().map(|s| s.source.as_str()).collect();
            let tgt: Vec<&str> = d.iter().map(|s| s.target.as_str()).collect();
            run_blocks(&src, &tgt, rules).hits
        })
        .collect();
    for (d, hits) in docs.iter().zip(per_doc) {
        for (seg, hits) in d.iter().zip(hits) {
            for h in hits.into_iter().filter(|h| h.code == "MT026") {
                r.mqm_findings += 1;
                if seg.clean {
                    r.mqm_clean[slot(h.severity)] += 1;
                    if r.examples.len() < keep {
                        let w: String = seg
                            .target
                            .chars()
                            .skip(h.span.start)
                            .take(h.span.len())
                            .collect();
                        r.examples.push((w, h.clone()));
                    }
                } else {
                    r.mqm_in_marked_segment += 1;
                    if seg
                        .spans
                        .iter()
                        .any(|g| g.start < h.span.end && h.span.start < g.end.max(g.start + 1))
                    {
                        r.mqm_in_span += 1;
                    }
                }
            }
        }
    }
    let clean = clean_pairs(segments);
    let clean_docs: Vec<Vec<&MqmSegment>> = {
        let mut v: Vec<Vec<&MqmSegment>> = Vec::new();
        for s in clean {
            match v.last_mut() {
                Some(d) if d[0].doc_id == s.doc_id => d.push(s),
                _ => v.push(vec![s]),
            }
        }
        v
    };
    r.mqm_clean_sentences = clean_docs
        .par_iter()
        .map(|d| {
            let src: Vec<&str> = d.iter().map(|s| s.source.as_str()).collect();
            let tgt: Vec<&str> = d.iter().map(|s| s.target.as_str()).collect();
            run_blocks(&src, &tgt, &RuleSet::default()).target_sentences
        })
        .sum();
    r.ced_ok_pairs = ced_ok.len();
    let ced_hits: Vec<Vec<Hit>> = ced_ok
        .par_iter()
        .map(|(s, t)| run_pair(s, t, rules).hits)
        .collect();
    for h in ced_hits.into_iter().flatten().filter(|h| h.code == "MT026") {
        r.ced_ok[slot(h.severity)] += 1;
    }
    r
}

fn io(e: std::io::Error) -> MtError {
    MtError::output("<stdout>", e)
}

/// `mtlint-bench l10n`.
pub fn run(opts: &Options, out: &mut dyn Write) -> Result<()> {
    let start = std::time::Instant::now();
    let speller = match &opts.spell {
        Some(p) => Some(Arc::new(Speller::load(p, None)?)),
        None => None,
    };
    let rules = rule_set(speller.clone());
    let segments = data::load_mqm(&opts.data)?;
    let clean = clean_pairs(&segments);
    let r = damage_recall(&clean, &rules, speller.as_deref(), opts.seed, opts.examples);
    let w = |out: &mut dyn Write, s: String| writeln!(out, "{s}").map_err(io);
    w(
        out,
        format!(
            "### l10n damage: recall per kind\n\n{} clean WMT22 MQM pairs as l10n strings \
             (printf frame `%1$s: … (%2$d)` or ICU plural), one damage each; caught = a finding \
             of the kind's rule in the damaged pair. Seed {}.{}\n",
            clean.len(),
            opts.seed,
            if speller.is_none() {
                " misspelt-word needs --spell."
            } else {
                ""
            }
        ),
    )?;
    w(out, "| kind | rule | pairs | caught | recall |".into())?;
    w(out, "| --- | --- | ---: | ---: | ---: |".into())?;
    for (k, v) in &r.kinds {
        let rules: Vec<&str> = k.rules().iter().map(|c| c.as_str()).collect();
        w(
            out,
            format!(
                "| {} | {} | {} | {} | {:.3} |",
                k.name(),
                rules.join("/"),
                v.n,
                v.caught,
                v.caught as f64 / v.n.max(1) as f64
            ),
        )?;
    }
    let errors: usize = r.clean_errors.values().sum();
    w(
        out,
        format!(
            "\nError findings on the {} undamaged l10n strings: {errors} {:?}",
            r.clean_pairs, r.clean_errors
        ),
    )?;
    for (s, t, h) in &r.clean_error_examples {
        w(out, format!("  {} {}: {s} → {t}", h.code, h.message))?;
    }
    for (k, v) in &r.kinds {
        for (s, t) in &v.misses {
            w(out, format!("  missed {}: {s} → {t}", k.name()))?;
        }
    }
    if let Some(_sp) = &speller {
        let ced = data::load_ced22(&opts.data)?;
        let ok: Vec<(String, String)> = ced
            .into_iter()
            .filter(|p| !p.bad)
            .map(|p| (p.source, p.target))
            .collect();
        let only26 = {
            let cx = RuleContext {
                spell: speller.clone(),
                ..RuleContext::default()
            };
            RuleSet::build(&cx, |e| e.code == Code::MT026)
        };
        let s = spelling(&segments, &ok, &only26, opts.examples.max(10));
        let per_k = |n: usize, d: usize| 1000.0 * n as f64 / d.max(1) as f64;
        w(
            out,
            format!(
                "\n### Spelling (MT026, --spell {})\n\n| corpus | units | error | warning | info |\n| --- | ---: | ---: | ---: | ---: |",
                opts.spell
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            ),
        )?;
        w(
            out,
            format!(
                "| WMT22 MQM dev clean pairs, per 1,000 target sentences | {} | {:.1} | {:.1} | {:.1} |",
                s.mqm_clean_sentences,
                per_k(s.mqm_clean[0], s.mqm_clean_sentences),
                per_k(s.mqm_clean[1], s.mqm_clean_sentences),
                per_k(s.mqm_clean[2], s.mqm_clean_sentences)
            ),
        )?;
        w(
            out,
            format!(
                "| WMT22 CED dev OK pairs, per 1,000 pairs | {} | {:.1} | {:.1} | {:.1} |",
                s.ced_ok_pairs,
                per_k(s.ced_ok[0], s.ced_ok_pairs),
                per_k(s.ced_ok[1], s.ced_ok_pairs),
                per_k(s.ced_ok[2], s.ced_ok_pairs)
            ),
        )?;
        w(
            out,
            format!(
                "\nWMT22 MQM dev: {} MT026 findings, {} in segments a human marked, {} inside a human error span ({:.1} %).",
                s.mqm_findings,
                s.mqm_in_marked_segment,
                s.mqm_in_span,
                100.0 * s.mqm_in_span as f64 / s.mqm_findings.max(1) as f64
            ),
        )?;
        for (word, h) in &s.examples {
            w(
                out,
                format!("  clean-pair finding: {word} ({})", h.severity),
            )?;
        }
    }
    w(
        out,
        format!(
            "\n(mtlint-bench l10n took {:.1} s)",
            start.elapsed().as_secs_f64()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damage_makes_the_frames_and_breaks_them() {
        let mut rng = Rng::new(1);
        let (s, t, bad) = damage(
            Kind::SwappedPositional,
            "It works.",
            "Es geht.",
            None,
            &mut rng,
        )
        .unwrap();
        assert_eq!(s, "%1$s: It works. (%2$d)");
        assert_eq!(t, "%1$s: Es geht. (%2$d)");
        assert_eq!(bad, "%2$s: Es geht. (%1$d)");
        let (_, t, bad) = damage(
            Kind::MissingPluralCategory,
            "It works.",
            "Es geht.",
            None,
            &mut rng,
        )
        .unwrap();
        assert_eq!(
            t,
            "{count, plural, one {# Eintrag: Es geht.} other {# Einträge: Es geht.}}"
        );
        assert_eq!(bad, "{count, plural, other {# Einträge: Es geht.}}");
        let (_, t, bad) = damage(
            Kind::BrokenIcuBrace,
            "It works.",
            "Es geht.",
            None,
            &mut rng,
        )
        .unwrap();
        assert_eq!(t.chars().count(), bad.chars().count() + 1);
    }
}
