use crate::checks::analysis::stats_log_ratio;
use crate::checks::registry::RuleOption;
use crate::checks::{DocCheck, DocFindings, DocStats, DocView, Finding, Findings, Rule};
use crate::declare_check;
use crate::model::Severity;

declare_check! {
    /// ## What it catches
    ///
    /// A pair whose length ratio is an outlier for the document: the German is far longer (added or
    /// hallucinated content, a loop) or far shorter (dropped clauses) than the English, compared
    /// with how German and English lengths relate in the rest of the document.
    ///
    /// ## Why it matters
    ///
    /// A translation that is twice as long as its source almost always contains something the
    /// source does not say; one that is half as long has lost something.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: Imagine a world in which most people have 3D printers at home.
    /// de: Stellen Sie sich eine Welt vor.
    ///     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
    /// ```
    ///
    /// The German is half as long as the English, whose sentence is long: an error, "check for
    /// dropped content".
    ///
    /// ## How it decides
    ///
    /// The log of (target chars / source chars) is compared with the document's mean (without
    /// the pair itself) and standard deviation (see `DocStats`), widened for short pairs, whose
    /// ratio varies more; a document of fewer than 8 pairs is blended with the English→German
    /// prior (German about 12 % longer). A warning from 4 standard deviations and a factor of 1.5
    /// off the document's typical ratio. An error from 7 standard deviations and a factor of 2.5;
    /// or, for an English sentence of at least 60 characters, from 0.7 times the typical ratio
    /// and 3.5 standard deviations (dropped content); or, from 40 characters, from 1.8 times and
    /// 4 standard deviations (added content). `[thresholds]` length-ratio-min/-max move all the
    /// factors.
    ///
    /// ## Not flagged
    ///
    /// Pairs where both sides are shorter than 20 characters, 1-0 and 0-1 pairs (MT007/MT008 report
    /// those; a pair so far off that the aligner does not pair the sentences at all, such as "Yes."
    /// for a long German sentence, ends up there), normal differences (German is usually 10–30 %
    /// longer).
    pub struct LengthRatio {
        code: "MT014",
        name: "length-ratio",
        severity: Warning,
        summary: "The pair's length ratio is an outlier for the document (added or dropped content)",
    }
}

/// Pairs shorter than this (on both sides, in chars) are not judged.
const MIN_CHARS: usize = 20;
/// Prior spread of ln(target/source) for a long English–German sentence pair.
const BASE_SD: f64 = 0.08;
/// Extra variance of short pairs: `SHORT_VAR / source chars`.
const SHORT_VAR: f64 = 0.53;

/// Source chars from which a pair is an error with the smaller factors below: added content
/// from this length…
const ERROR_MAX_CHARS: usize = 40;
/// …dropped content from this one (a short loose rendering is often half the English).
const ERROR_MIN_CHARS: usize = 60;
/// A long pair is an error from this fraction of the typical ratio (dropped content)…
const ERROR_MIN: f64 = 0.7;
/// …and this many standard deviations.
const ERROR_MIN_Z: f64 = 3.5;
/// A long pair is an error from this multiple of the typical ratio (added content)…
const ERROR_MAX: f64 = 1.8;
/// …and this many standard deviations.
const ERROR_MAX_Z: f64 = 4.0;

/// German runs about 12% longer than English: the prior log ratio for short documents.
const PRIOR_LOG_RATIO: f64 = 0.113;
/// How many pairs the prior counts for when blended with a short document's own pairs.
const PRIOR_WEIGHT: f64 = 4.0;

/// (mean, base sd) to judge a pair against: the document's when it has enough pairs, else its
/// few aligned pairs blended with the English→German prior. The pair itself is left out of the
/// mean (`own`, its log ratio when it counted in the statistics): in a short document its own
/// ratio would pull the reference towards itself (a one-pair document would never be off).
/// The document's overall char ratio is not used: omitted or added sentences (1-0/0-1 pairs)
/// distort it, and those are exactly what the other checks report.
fn reference(doc: &DocStats, own: Option<f64>) -> (f64, f64) {
    let (mut n, mut sum) = (
        doc.ratio_pairs as f64,
        doc.ratio_pairs as f64 * doc.log_ratio_mean,
    );
    if let Some(x) = own.filter(|_| doc.ratio_pairs > 0) {
        n -= 1.0;
        sum -= x;
    }
    if doc.ratio_pairs >= 8 {
        // Median-like robustness is not needed here: outliers are rare and the sd is clamped.
        (sum / n, doc.log_ratio_sd.clamp(BASE_SD, 0.25))
    } else {
        let mean = (sum + PRIOR_WEIGHT * PRIOR_LOG_RATIO) / (n + PRIOR_WEIGHT);
        (mean, 0.12)
    }
}

impl DocCheck for LengthRatio {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check_document(&self, doc: &DocView<'_>, out: &mut DocFindings<'_>) {
        LengthRatioWith::default().check_document(doc, out);
    }
}

/// The `[thresholds]` keys of MT014: `length-ratio-min`, `length-ratio-max`.
pub const OPTIONS: &[RuleOption] = &[
    RuleOption {
        name: "length-ratio-min",
        help: "MT014: flag a pair whose target/source length ratio is below this fraction of the document's typical ratio (default 0.667; an error below 0.4 or this, whichever is lower, and for an English sentence of 60+ characters below 0.7, scaled down with this value when it is below its default)",
    },
    RuleOption {
        name: "length-ratio-max",
        help: "MT014: flag a pair whose target/source length ratio is above this multiple of the document's typical ratio (default 1.5; an error from 2.5 or this, whichever is higher, and for an English sentence of 40+ characters from 1.8, scaled up with this value when it is above its default)",
    },
];

/// Default `length-ratio-max`: a warning from 1.5 times the document's typical ratio.
pub const DEFAULT_MAX: f64 = 1.5;
/// Default `length-ratio-min`: a warning from 1/1.5 of the document's typical ratio.
pub const DEFAULT_MIN: f64 = 1.0 / 1.5;

/// MT014 with the thresholds of `mtlint.toml`: a pair whose ratio (target chars / source
/// chars) is above `max` times or below `min` times the document's typical ratio (and at
/// least 4 standard deviations out) is flagged; an error from 2.5 times (or 1/2.5) and 7
/// standard deviations, or beyond the configured threshold if that is further out.
#[derive(Debug, Clone, Copy)]
pub struct LengthRatioWith {
    pub min: f64,
    pub max: f64,
}

impl Default for LengthRatioWith {
    fn default() -> Self {
        LengthRatioWith {
            min: DEFAULT_MIN,
            max: DEFAULT_MAX,
        }
    }
}

impl DocCheck for LengthRatioWith {
    fn rule(&self) -> &'static Rule {
        &LengthRatio::RULE
    }

    fn check_document(&self, doc: &DocView<'_>, out: &mut DocFindings<'_>) {
        for (i, (source, target)) in doc.pairs().enumerate() {
            if let Some(f) = self.finding(source, target, doc.stats) {
                out[i].push(f);
            }
        }
    }
}

impl LengthRatioWith {
    /// Judge one pair (its source and target text) against the document's statistics.
    pub fn judge(&self, source: &str, target: &str, stats: &DocStats, out: &mut Findings<'_>) {
        if let Some(f) = self.finding(source, target, stats) {
            out.push(f);
        }
    }

    /// [`LengthRatioWith::judge`]'s finding, if any.
    pub fn finding(&self, source: &str, target: &str, stats: &DocStats) -> Option<Finding> {
        let (s, t) = (source.trim(), target.trim());
        if s.is_empty() || t.is_empty() {
            return None;
        }
        let (sc, tc) = (s.chars().count(), t.chars().count());
        if sc.max(tc) < MIN_CHARS {
            return None;
        }
        // Left out of the document's mean when the statistics counted it.
        let (mean, base) = reference(stats, stats_log_ratio(sc, tc));
        let sd = (base * base + SHORT_VAR / sc as f64).sqrt();
        let dev = (tc as f64 / sc as f64).ln() - mean;
        let z = dev.abs() / sd;
        // The pair's ratio relative to the document's typical ratio.
        let rel = dev.exp();
        let (warn, error) = if dev > 0.0 {
            (rel >= self.max, rel >= self.max.max(2.5))
        } else {
            (rel <= self.min, rel <= self.min.min(1.0 / 2.5))
        };
        // A long pair's ratio is stable: a smaller factor, a few deviations out, is already
        // an error (a clause dropped or invented), scaled with the configured thresholds.
        let long_error = if dev > 0.0 {
            sc >= ERROR_MAX_CHARS
                && rel >= ERROR_MAX.max(ERROR_MAX * self.max / DEFAULT_MAX)
                && z >= ERROR_MAX_Z
        } else {
            sc >= ERROR_MIN_CHARS
                && rel <= ERROR_MIN.min(ERROR_MIN * self.min / DEFAULT_MIN)
                && z >= ERROR_MIN_Z
        };
        let severity = if (z >= 7.0 && error) || long_error {
            Severity::Error
        } else if z >= 4.0 && warn {
            Severity::Warning
        } else {
            return None;
        };
        let typical = mean.exp();
        let ratio = tc as f64 / sc as f64;
        let what = if dev > 0.0 {
            "check for added or repeated content"
        } else {
            "check for dropped content"
        };
        let lead = target.len() - target.trim_start().len();
        let mut f = Finding::target(
            &LengthRatio::RULE,
            lead..lead + t.len(),
            format!(
                "the German is {ratio:.2}× as long as the English ({tc} vs {sc} characters; typical for this document: {typical:.2}×): {what}"
            ),
        );
        if severity != LengthRatio::RULE.severity {
            f = f.with_severity(severity);
        }
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::PairView;
    use crate::checks::analysis::log_ratio_stats;

    fn doc() -> DocStats {
        DocStats {
            length_ratio: 1.12,
            log_ratio_mean: 0.11,
            log_ratio_sd: 0.1,
            ratio_pairs: 100,
        }
    }

    fn check(s: &str, t: &str) -> Vec<Finding> {
        let d = doc();
        let pair = PairView::simple(s, t, &d);
        let mut out = Findings::new();
        LengthRatioWith::default().judge(pair.source, pair.target, pair.doc, &mut out);
        out.into_vec()
    }

    #[test]
    fn flags_outliers_with_severity_by_distance() {
        let long = check(
            "Bitcoin has a weakness.",
            "Bitcoin hat eine Schwäche, und außerdem hat er gesagt, dass die Welt viel dezentraler aussieht, wenn Tausende von Menschen lernen, ihre eigenen Miner zu bauen.",
        );
        assert_eq!(long.len(), 1);
        assert_eq!(long[0].severity(), Severity::Error);
        assert!(long[0].message.contains("added"));
        let short = check(
            "Bitcoin, AI and 3D printers share a common theme: decentralisation and the disruptive potential for the nation state.",
            "Bitcoin, KI und 3D-Drucker haben ein gemeinsames Thema.",
        );
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].severity(), Severity::Error);
        assert!(short[0].message.contains("dropped"));
    }

    #[test]
    fn a_long_pair_is_an_error_at_a_smaller_factor_than_a_short_one() {
        // Half the typical ratio: an error for a long English sentence (a clause dropped)…
        let long = check(
            "Displaced women, who are often the most isolated in resettlement situations, would be among the main beneficiaries.",
            "Vertriebene Frauen würden zu den Hauptnutznießern gehören.",
        );
        assert_eq!(long.len(), 1);
        assert_eq!(long[0].severity(), Severity::Error);
        // …a warning for a short one, whose ratio varies more.
        let short = check("Then there was someone at the door.", "Da läutete es.");
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].severity(), Severity::Warning);
        // A translator's explicitation at 1.7 times the typical ratio is not an error.
        let explicit = check(
            "Keep in mind that global energy demand will double by 2050.",
            "Dabei muss man sich vor Augen halten, dass sich die weltweite Energienachfrage bis zum Jahr 2050 verdoppeln wird.",
        );
        assert!(explicit.iter().all(|f| f.severity() != Severity::Error));
    }

    #[test]
    fn a_one_pair_document_is_judged_against_the_prior_not_against_itself() {
        let s = "Sunni ministers who had been boycotting the government since last year have returned to their posts.";
        let t = "Sunnitische Minister sind an ihre Arbeitsplätze zurückgekehrt.";
        let stats = crate::checks::analysis::doc_stats(
            s.chars().count(),
            t.chars().count(),
            &[(s.chars().count(), t.chars().count())],
        );
        let pair = PairView::simple(s, t, &stats);
        let mut out = Findings::new();
        LengthRatioWith::default().judge(pair.source, pair.target, pair.doc, &mut out);
        let out = out.into_vec();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity(), Severity::Error);
        assert!(out[0].message.contains("typical for this document: 1.12×"));
    }

    #[test]
    fn an_omission_in_a_short_document_does_not_shift_the_reference() {
        // Three aligned pairs at about 1.2×; a dropped 160-char sentence makes the overall
        // ratio 0.6. The pairs themselves are normal and must not be flagged.
        let d = DocStats {
            length_ratio: 0.6,
            log_ratio_mean: 1.2f64.ln(),
            log_ratio_sd: 0.02,
            ratio_pairs: 3,
        };
        let pair = PairView::simple(
            "It lost its monopoly on the biblical story.",
            "Sie verlor ihr Monopol auf die biblische Geschichte.",
            &d,
        );
        let mut out = Findings::new();
        LengthRatioWith::default().judge(pair.source, pair.target, pair.doc, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn normal_pairs_are_not_flagged() {
        assert!(check(
            "Bitcoin, AI and 3D printers share a common theme: decentralisation and the disruptive potential for the nation state.",
            "Bitcoin, KI und 3D-Drucker haben ein gemeinsames Thema: Dezentralisierung und das disruptive Potenzial für den Nationalstaat.",
        )
        .is_empty());
        assert!(check("Yes.", "Ja, genau.").is_empty());
        assert!(check("Conclusion", "Abschluss").is_empty());
        assert!(check("About the author", "").is_empty());
        // Stats of few pairs fall back to the document ratio.
        let few = DocStats {
            length_ratio: 1.1,
            ..DocStats::default()
        };
        let pair = PairView::simple(
            "Imagine a world like this one.",
            "Stellen Sie sich eine solche Welt vor.",
            &few,
        );
        let mut out = Findings::new();
        LengthRatioWith::default().judge(pair.source, pair.target, pair.doc, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn thresholds_are_configurable() {
        let d = doc();
        let (s, t) = (
            "Bitcoin, AI and 3D printers share a common theme: decentralisation and the disruptive potential for the nation state.",
            "Bitcoin, KI und 3D-Drucker haben ein gemeinsames Thema.",
        );
        let pair = PairView::simple(s, t, &d);
        let run_with = |c: LengthRatioWith| {
            let mut out = Findings::new();
            c.judge(pair.source, pair.target, pair.doc, &mut out);
            out.into_vec()
        };
        assert_eq!(run_with(LengthRatioWith::default()).len(), 1);
        // Only flag a pair below a third of the typical ratio: this one (about half) passes.
        let lenient = LengthRatioWith {
            min: 0.33,
            ..Default::default()
        };
        assert!(run_with(lenient).is_empty());
        // The upper bound does not matter for a pair that is too short.
        let strict = LengthRatioWith {
            max: 1.2,
            ..Default::default()
        };
        assert_eq!(run_with(strict).len(), 1);
    }

    #[test]
    fn stats_skip_short_and_empty_pairs() {
        let (mean, sd, n) = log_ratio_stats(&[(100, 110), (100, 110), (10, 50), (100, 0)]);
        assert_eq!(n, 2);
        assert!((mean - 1.1f64.ln()).abs() < 1e-9 && sd.abs() < 1e-9);
    }
}
