//! The engine's types: what a rule declares ([`Rule`], [`declare_check!`]), what it sees
//! ([`PairView`] with its shared [`analysis`](crate::checks::analysis), or [`DocView`] for a
//! document-level rule), and where it puts what it finds ([`Findings`]).
//!
//! Two kinds of rule:
//! - a **pair rule** ([`Check`]) looks at one aligned pair at a time; the pipeline runs every
//!   pair rule over a chunk of pairs, in parallel over chunks;
//! - a **document rule** ([`DocCheck`]) sees every pair of a document at once, after the
//!   pair rules have run (consistency of repeated sources, length statistics).
//!
//! Both push into a [`Findings`] collector, which applies the run's [`Policy`] (codes
//! selected or ignored, severity overrides) and keeps at most [`KEEP_PER_RULE`] findings of
//! one rule in one pair, counting the rest: a rule that fires on every char of a 400 KB
//! "sentence" costs a few counters, not 400,000 findings held until the report is written.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::checks::analysis::PairAnalysis;
use crate::model::{Document, Severity, Side};
use crate::pipeline::{Pair, unit_of};

/// What every check declares about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, `MT001`…; never reused.
    pub code: &'static str,
    /// kebab-case name.
    pub name: &'static str,
    pub severity: Severity,
    /// One line for `mtlint rules`.
    pub summary: &'static str,
    /// Full documentation (the check's doc comment), in Markdown sections: `## What it
    /// catches`, `## Why it matters`, `## Example` (an `en:` and a `de:` line, the flagged span
    /// marked with `^`), optionally `## How it decides`, and `## Not flagged`.
    pub doc: &'static str,
}

/// Declare a check: a unit struct carrying its doc comment, with a `RULE` constant.
#[macro_export]
macro_rules! declare_check {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            severity: $sev:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $name {
            pub const RULE: $crate::checks::Rule = $crate::checks::Rule {
                code: $code,
                name: $kebab,
                severity: $crate::model::Severity::$sev,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

/// Document-level facts that some pair rules compare a pair against, computed once per
/// document by the analysis layer ([`crate::checks::analysis::doc_stats`]).
#[derive(Debug, Clone, Default)]
pub struct DocStats {
    /// Target chars per source char over the whole document.
    pub length_ratio: f64,
    /// Mean of ln(target chars / source chars) over the document's pairs with a source of at
    /// least 30 chars and a non-empty target (see `analysis::log_ratio_stats`).
    pub log_ratio_mean: f64,
    /// Standard deviation of the same.
    pub log_ratio_sd: f64,
    /// How many pairs the two figures above come from.
    pub ratio_pairs: usize,
}

/// One aligned pair as the checks see it.
#[derive(Debug, Clone)]
pub struct PairView<'a> {
    /// Source text of the pair (the source sentences as they stand in the file).
    pub source: &'a str,
    /// Target text of the pair.
    pub target: &'a str,
    /// Byte ranges of the source sentences inside `source`.
    pub source_sentences: Vec<Range<usize>>,
    /// Byte ranges of the target sentences inside `target`.
    pub target_sentences: Vec<Range<usize>>,
    /// Aligner confidence in 0..=1.
    pub score: f64,
    pub doc: &'a DocStats,
    /// When the pair is a whole translation unit on both sides: the white space around the
    /// source and the target unit in the file ((leading, trailing) each). `None` otherwise.
    pub unit_space: Option<UnitSpace<'a>>,
    /// What the rules share about this pair (words, case, look-ups), each part computed the
    /// first time a rule asks for it and kept for the next rule.
    pub analysis: PairAnalysis<'a>,
}

/// The white space around a translation unit's source and target text, as in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitSpace<'a> {
    pub source: (&'a str, &'a str),
    pub target: (&'a str, &'a str),
}

impl<'a> PairView<'a> {
    /// A pair with the given sentences (byte ranges into `source` and `target`), score 1 and
    /// no unit white space.
    pub fn new(
        source: &'a str,
        target: &'a str,
        source_sentences: Vec<Range<usize>>,
        target_sentences: Vec<Range<usize>>,
        doc: &'a DocStats,
    ) -> PairView<'a> {
        PairView {
            source,
            target,
            source_sentences,
            target_sentences,
            score: 1.0,
            doc,
            unit_space: None,
            analysis: PairAnalysis::new(source, target),
        }
    }

    /// A pair with one sentence per side, for tests and simple callers.
    pub fn simple(source: &'a str, target: &'a str, doc: &'a DocStats) -> PairView<'a> {
        let whole = |s: &str| {
            if s.is_empty() {
                vec![]
            } else {
                std::iter::once(0..s.len()).collect()
            }
        };
        PairView::new(source, target, whole(source), whole(target), doc)
    }
}

/// A problem found by a check, in byte offsets into the pair's `source` or `target`.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static Rule,
    pub side: Side,
    pub span: Range<usize>,
    pub message: String,
    pub suggestion: Option<String>,
    /// Severity for this finding when it differs from the rule's default.
    pub severity: Option<Severity>,
    /// Findings of the same rule in the same pair that [`Findings`] did not keep (more than
    /// [`KEEP_PER_RULE`]), per severity `[error, warning, info]`; `None` almost always.
    pub more: Option<Box<[usize; 3]>>,
}

impl Finding {
    pub fn new(
        rule: &'static Rule,
        side: Side,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            side,
            span,
            message: message.into(),
            suggestion: None,
            severity: None,
            more: None,
        }
    }

    pub fn target(rule: &'static Rule, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(rule, Side::Target, span, message)
    }

    pub fn with_suggestion(mut self, s: impl Into<String>) -> Self {
        self.suggestion = Some(s.into());
        self
    }

    pub fn with_severity(mut self, s: Severity) -> Self {
        self.severity = Some(s);
        self
    }

    pub fn severity(&self) -> Severity {
        self.severity.unwrap_or(self.rule.severity)
    }
}

/// The index of a severity in `[error, warning, info]` counts.
pub fn severity_slot(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// A report lists at most this many findings of one rule in one pair
/// (`report::FINDINGS_PER_CHECK`).
pub const LISTED_PER_RULE: usize = 20;
/// The collector keeps one more than a report lists (the report turns that one into the
/// summary row of the rest) and counts the others.
pub const KEEP_PER_RULE: usize = LISTED_PER_RULE + 1;

/// Which findings a run keeps, and at which severity: `select`/`ignore` and severity
/// overrides of `mtlint.toml` and the command line. A rule may report under more than one
/// code; the policy applies to each finding's own code.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Only these codes, when given.
    pub select: Option<Vec<&'static str>>,
    /// Never these codes.
    pub ignore: Vec<&'static str>,
    /// Severity overrides by code.
    pub severity: BTreeMap<&'static str, Severity>,
}

impl Policy {
    /// Whether findings of this code are kept.
    pub fn enabled(&self, code: &str) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(&code)) && !self.ignore.contains(&code)
    }
}

/// The default policy: every code on, default severities.
static OPEN: Policy = Policy {
    select: None,
    ignore: Vec::new(),
    severity: BTreeMap::new(),
};

/// Where the rules put the findings of one pair (see the [module documentation](self)).
#[derive(Debug)]
pub struct Findings<'p> {
    items: Vec<Finding>,
    /// Per code: how many findings were kept, and the ones beyond [`KEEP_PER_RULE`] counted
    /// per severity.
    counts: Vec<(&'static str, usize, [usize; 3])>,
    policy: &'p Policy,
}

impl Default for Findings<'_> {
    fn default() -> Self {
        Findings::new()
    }
}

impl<'p> Findings<'p> {
    /// A collector that keeps every code at its default severity.
    pub fn new() -> Findings<'static> {
        Findings::with_policy(&OPEN)
    }

    /// A collector that applies `policy`.
    pub fn with_policy(policy: &'p Policy) -> Findings<'p> {
        Findings {
            items: Vec::new(),
            counts: Vec::new(),
            policy,
        }
    }

    /// Add a finding: dropped when the policy disables its code; its severity overridden
    /// when the policy says so; counted but not kept beyond [`KEEP_PER_RULE`] of its code.
    pub fn push(&mut self, mut f: Finding) {
        let code = f.rule.code;
        if !self.policy.enabled(code) {
            return;
        }
        if let Some(s) = self.policy.severity.get(code) {
            f.severity = Some(*s);
        }
        let k = match self.counts.iter().position(|(c, _, _)| *c == code) {
            Some(k) => k,
            None => {
                self.counts.push((code, 0, [0; 3]));
                self.counts.len() - 1
            }
        };
        let entry = &mut self.counts[k];
        if entry.1 < KEEP_PER_RULE {
            entry.1 += 1;
            self.items.push(f);
        } else {
            entry.2[severity_slot(f.severity())] += 1;
        }
    }

    /// The findings kept so far.
    pub fn as_slice(&self) -> &[Finding] {
        &self.items
    }

    /// The kept findings; the counts of those not kept are carried by the last kept finding
    /// of each code that had more ([`Finding::more`]).
    pub fn into_vec(mut self) -> Vec<Finding> {
        for (code, _, more) in &self.counts {
            if more.iter().all(|&n| n == 0) {
                continue;
            }
            if let Some(f) = self.items.iter_mut().rev().find(|f| f.rule.code == *code) {
                f.more = Some(Box::new(*more));
            }
        }
        self.items
    }

    /// Keep only the findings for which `keep` is true (the counts of findings not kept
    /// stay).
    pub fn retain(&mut self, keep: impl FnMut(&Finding) -> bool) {
        self.items.retain(keep);
    }
}

impl std::ops::Deref for Findings<'_> {
    type Target = [Finding];
    fn deref(&self) -> &[Finding] {
        &self.items
    }
}

impl Extend<Finding> for Findings<'_> {
    fn extend<I: IntoIterator<Item = Finding>>(&mut self, iter: I) {
        for f in iter {
            self.push(f);
        }
    }
}

impl IntoIterator for Findings<'_> {
    type Item = Finding;
    type IntoIter = std::vec::IntoIter<Finding>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'a> IntoIterator for &'a Findings<'_> {
    type Item = &'a Finding;
    type IntoIter = std::slice::Iter<'a, Finding>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// A pair rule: looks at one aligned pair and reports findings.
pub trait Check: Send + Sync {
    fn rule(&self) -> &'static Rule;
    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>);
}

/// Every pair of one document, as a document rule sees it: the texts of each pair (not a
/// [`PairView`] per pair, which would hold a million views at once for a large memory), and
/// the unit each lies in. Made by the pipeline from the document's pairs (nothing per pair is
/// held: a text is sliced from the document when a rule asks for it), or from a list of texts
/// ([`DocView::new`]).
pub struct DocView<'v> {
    texts: Texts<'v>,
    pub stats: &'v DocStats,
}

/// Where a [`DocView`] takes its pairs' texts and units from.
enum Texts<'v> {
    /// (source, target) text and unit of each pair, listed.
    Listed {
        pairs: Vec<(&'v str, &'v str)>,
        units: Vec<Option<&'v str>>,
    },
    /// The pairs of a checked document: ranges into its texts; `units` when any target
    /// block has an id (else no pair has a unit, and none is looked for).
    Document {
        doc: &'v Document,
        pairs: &'v [Pair],
        units: bool,
    },
}

impl<'v> DocView<'v> {
    /// A view of listed pairs: (source, target) text of each pair, in document order (a
    /// finding of a document rule names its pair by index), and the unit (key, id) each
    /// pair lies in (`units` may be empty: a text without units). The variants of one key
    /// (`files[one]`, `files[other]`, a Qt numerus form `[1]`, an `.xcstrings`
    /// `[plural.one]`) are told apart by it.
    pub fn new(
        pairs: Vec<(&'v str, &'v str)>,
        units: Vec<Option<&'v str>>,
        stats: &'v DocStats,
    ) -> DocView<'v> {
        DocView {
            texts: Texts::Listed { pairs, units },
            stats,
        }
    }

    /// A view of the pairs of a document ([`crate::pipeline::pairs_of`]).
    pub fn of_document(doc: &'v Document, pairs: &'v [Pair], stats: &'v DocStats) -> DocView<'v> {
        DocView {
            texts: Texts::Document {
                doc,
                pairs,
                units: doc.target.blocks.iter().any(|b| b.id.is_some()),
            },
            stats,
        }
    }

    /// How many pairs.
    pub fn len(&self) -> usize {
        match &self.texts {
            Texts::Listed { pairs, .. } => pairs.len(),
            Texts::Document { pairs, .. } => pairs.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The (source, target) text of pair `i` (panics when `i >= len()`, like a slice).
    pub fn pair(&self, i: usize) -> (&'v str, &'v str) {
        match &self.texts {
            Texts::Listed { pairs, .. } => pairs[i],
            Texts::Document { doc, pairs, .. } => {
                let p = &pairs[i];
                (
                    &doc.source.text[p.source_range()],
                    &doc.target.text[p.target_range()],
                )
            }
        }
    }

    /// The (source, target) texts of the pairs, in order.
    pub fn pairs(&self) -> impl ExactSizeIterator<Item = (&'v str, &'v str)> + '_ {
        (0..self.len()).map(|i| self.pair(i))
    }

    /// The unit (key, id) pair `i` lies in; `None` for a text without units.
    pub fn unit(&self, i: usize) -> Option<&'v str> {
        match &self.texts {
            Texts::Listed { units, .. } => units.get(i).copied().flatten(),
            Texts::Document { doc, pairs, units } => units
                .then(|| pairs.get(i).and_then(|p| unit_of(doc, p)))
                .flatten(),
        }
    }
}

/// Where the document rules put their findings: a [`Findings`] for each pair they report
/// on, made when a rule first pushes into it (`out[i].push(…)`); a pair without findings
/// costs nothing (a 1M-unit memory would otherwise hold a million empty collectors).
#[derive(Debug)]
pub struct DocFindings<'p> {
    pairs: BTreeMap<usize, Findings<'p>>,
    policy: &'p Policy,
}

impl Default for DocFindings<'_> {
    fn default() -> Self {
        DocFindings::new()
    }
}

/// No findings (what [`DocFindings`] gives for a pair without any).
static NONE: Findings<'static> = Findings {
    items: Vec::new(),
    counts: Vec::new(),
    policy: &OPEN,
};

impl<'p> DocFindings<'p> {
    /// Collectors that keep every code at its default severity.
    pub fn new() -> DocFindings<'static> {
        DocFindings::with_policy(&OPEN)
    }

    /// Collectors that apply `policy`.
    pub fn with_policy(policy: &'p Policy) -> DocFindings<'p> {
        DocFindings {
            pairs: BTreeMap::new(),
            policy,
        }
    }

    /// The collector of pair `i`.
    pub fn pair(&mut self, i: usize) -> &mut Findings<'p> {
        let policy = self.policy;
        self.pairs
            .entry(i)
            .or_insert_with(|| Findings::with_policy(policy))
    }

    /// Whether no pair has a finding.
    pub fn is_empty(&self) -> bool {
        self.pairs.values().all(|f| f.is_empty())
    }

    /// How many findings, over all pairs.
    pub fn len(&self) -> usize {
        self.pairs.values().map(|f| f.len()).sum()
    }

    /// Each pair with findings (index, its findings), in pair order.
    pub fn into_pairs(self) -> impl Iterator<Item = (usize, Findings<'p>)> {
        self.pairs.into_iter().filter(|(_, f)| !f.is_empty())
    }
}

impl<'p> std::ops::Index<usize> for DocFindings<'p> {
    type Output = Findings<'p>;
    fn index(&self, i: usize) -> &Findings<'p> {
        self.pairs.get(&i).unwrap_or(&NONE)
    }
}

impl std::ops::IndexMut<usize> for DocFindings<'_> {
    fn index_mut(&mut self, i: usize) -> &mut Self::Output {
        self.pair(i)
    }
}

/// A document rule: sees every pair of a document at once, after the pair rules. It pushes
/// the findings of pair `i` into `out[i]`.
pub trait DocCheck: Send + Sync {
    fn rule(&self) -> &'static Rule;
    fn check_document(&self, doc: &DocView<'_>, out: &mut DocFindings<'_>);
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::declare_check! {
        /// ## What it catches
        /// Test.
        struct Probe {
            code: "MT999",
            name: "probe",
            severity: Error,
            summary: "probe",
        }
    }

    fn f(k: usize, severity: Severity) -> Finding {
        Finding::target(&Probe::RULE, k..k + 1, "x").with_severity(severity)
    }

    #[test]
    fn the_collector_keeps_a_bounded_number_per_rule_and_counts_the_rest() {
        let mut out = Findings::new();
        for k in 0..KEEP_PER_RULE {
            out.push(f(k, Severity::Warning));
        }
        for k in 0..100 {
            out.push(f(k, Severity::Error));
        }
        out.push(f(0, Severity::Info));
        let v = out.into_vec();
        assert_eq!(v.len(), KEEP_PER_RULE);
        assert_eq!(v.last().and_then(|f| f.more.as_deref()), Some(&[100, 0, 1]));
        assert!(v[..KEEP_PER_RULE - 1].iter().all(|f| f.more.is_none()));
    }

    #[test]
    fn the_policy_drops_ignored_codes_and_overrides_severities() {
        let policy = Policy {
            select: None,
            ignore: vec!["MT999"],
            severity: BTreeMap::new(),
        };
        let mut out = Findings::with_policy(&policy);
        out.push(f(0, Severity::Error));
        assert!(out.is_empty());
        let policy = Policy {
            severity: [("MT999", Severity::Info)].into_iter().collect(),
            ..Policy::default()
        };
        let mut out = Findings::with_policy(&policy);
        out.push(f(0, Severity::Error));
        assert_eq!(out[0].severity(), Severity::Info);
    }
}
