//! `mtlint-bench checks`: how much damage the checks catch and how often they are wrong.
//!
//! 1. Corruption: clean English–German pairs (WMT22 MQM segments no annotator marked) get
//!    ONE damage of a known kind at a known span ([`inject`]); recall per kind is the share
//!    of damaged spans that a finding of the kind's check overlaps. The clean pairs
//!    themselves give the false findings per 1,000 sentences.
//! 2. Real MT with human error spans (the same MQM set, all segments): precision of the
//!    findings against the annotators' spans, and character-level P/R/F1 (WMT23 style).
//! 3. Critical errors (WMT21): MCC of "the pair has an error-severity finding" vs ERR/NOT.
//! 4. False alarms on human translations ([`false_alarms`]): findings per 1,000 correct
//!    pairs (WMT22 CED dev OK pairs, OPUS Books 1-1 pairs), per rule.
//!
//! Every pair runs through the real pipeline (segment → align → check) with
//! [`checks::registry`], so the benchmark measures whatever checks exist.

pub mod ced22;
pub mod false_alarms;
pub mod score;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::ops::Range;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::data::{self, CedPair, MqmSegment};
use crate::inject::{self, Injected, Kind};
use crate::rng::Rng;
use mtlint::checks::{self, RuleSet};
use mtlint::formats::plaintext;
use mtlint::model::{Document, Severity, Side};
use mtlint::pipeline::{self, Settings};
use mtlint::{MtError, Result};
use score::{CharCounts, Confusion, overlaps, ratio};

/// Options of `mtlint-bench checks`.
#[derive(Debug, Clone)]
pub struct Options {
    /// The shared data folder (holds `mqm/` and `ced/`).
    pub data: PathBuf,
    pub seed: u64,
    /// How many examples of misses and false findings to print per check or kind.
    pub examples: usize,
    /// Rules whose false alarms on correct pairs to print, and how many of each.
    pub samples: Vec<(String, usize)>,
    /// A German–English word list for the default rules that use one when given (MT029,
    /// MT030); `None`: the plain registry.
    pub dict: Option<PathBuf>,
}

/// The rules to measure: [`checks::registry`], and with `--dict` the same default rules
/// built with the dictionary plus the rules a dictionary switches on (MT029, MT030) — as
/// `mtlint check --dict` runs them — but not MT018 (a warning rule users select on its own),
/// so that the figures differ from the plain run only by what `--dict` adds.
pub fn rules(opts: &Options) -> Result<RuleSet> {
    let Some(path) = &opts.dict else {
        return Ok(checks::registry());
    };
    let dict = std::sync::Arc::new(mtlint::align::Dictionary::load(path)?);
    let cx = checks::RuleContext {
        dict: Some(dict),
        ..checks::RuleContext::default()
    };
    Ok(RuleSet::build(&cx, |e| {
        e.needs == checks::Needs::Nothing
            || e.needs == checks::Needs::Dictionary && e.code != checks::Code::MT018
    }))
}

/// `mtlint-bench false-alarms`: only the false-alarm table of [`false_alarms`] (and the
/// requested samples).
pub fn run_false_alarms(opts: &Options, out: &mut dyn Write) -> Result<()> {
    let start = Instant::now();
    let registry = rules(opts)?;
    let names = names(&registry);
    false_alarm_section(opts, &registry, &names, out)?;
    writeln!(
        out,
        "\n(mtlint-bench false-alarms took {:.1} s)",
        start.elapsed().as_secs_f64()
    )
    .map_err(io)
}

/// Section 4: load the correct pairs, check them, print the table and the samples.
fn false_alarm_section(
    opts: &Options,
    registry: &RuleSet,
    names: &BTreeMap<&'static str, &'static str>,
    out: &mut dyn Write,
) -> Result<()> {
    let ced22 = data::load_ced22(&opts.data)?;
    let books = data::load_opus_books(&opts.data)?;
    let ced22_hits = ced22::check_all(&ced22, registry);
    ced22::print(&ced22::score(&ced22, &ced22_hits), names, out)?;
    ced22::dump(&ced22, &ced22_hits)?;
    let corpora = [
        false_alarms::ced22_ok(&ced22, ced22_hits),
        false_alarms::run_books(&books, registry),
    ];
    writeln!(
        out,
        "### 4. False alarms on human translations\n\n{} WMT22 CED dev pairs labelled OK \
         (professional translations, each pair checked on its own) and {} 1-1 pairs of the \
         OPUS Books dev gold alignments (human literary translations; each book checked as one \
         document). Every finding here is a false alarm unless the text has a real defect. \
         Target (issue 16): all checks but MT010 ≤ 5 errors per 1,000 pairs; a rule above 1 \
         only if ≥ 27 of 30 read findings are real defects. Read findings with \
         `mtlint-bench false-alarms --sample CODE N`.\n",
        corpora[0].pairs, corpora[1].pairs
    )
    .map_err(io)?;
    false_alarms::table(&corpora, names, out)?;
    for (code, n) in &opts.samples {
        false_alarms::sample(&corpora, code, *n, out)?;
    }
    Ok(())
}

/// A finding, placed in the whole document: char span into the source or target text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub code: &'static str,
    pub severity: Severity,
    pub side: Side,
    pub span: Range<usize>,
    pub message: String,
    pub suggestion: Option<String>,
}

/// What the pipeline found on one source/target pair.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub hits: Vec<Hit>,
    pub target_sentences: usize,
}

/// Run the whole pipeline on one source/target text pair (each one paragraph or more).
pub fn run_pair(source: &str, target: &str, checks: &RuleSet) -> Outcome {
    let src = plaintext::from_text("source".into(), source.to_string());
    let tgt = plaintext::from_text("target".into(), target.to_string());
    let paired = !src.blocks.is_empty() && src.blocks.len() == tgt.blocks.len();
    let doc = Document {
        id: "bench".into(),
        source: src,
        target: tgt,
        paired,
    };
    let checked = pipeline::check_document(doc, &Settings::default(), checks);
    let hits = checked
        .findings
        .iter()
        .map(|(p, f)| {
            let pair = &checked.pairs[*p];
            let (text, base) = match f.side {
                Side::Target => (&checked.doc.target.text, pair.target_range().start),
                Side::Source => (&checked.doc.source.text, pair.source_range().start),
            };
            let to_char = |b: usize| {
                let b = (base + b).min(text.len());
                let mut b = b;
                while !text.is_char_boundary(b) {
                    b -= 1;
                }
                text[..b].chars().count()
            };
            Hit {
                code: f.rule.code,
                severity: f.severity(),
                side: f.side,
                span: to_char(f.span.start)..to_char(f.span.end),
                message: f.message.clone(),
                suggestion: f.suggestion.clone(),
            }
        })
        .collect();
    Outcome {
        hits,
        target_sentences: checked.target_sentences.len(),
    }
}

/// What the pipeline found in a document of paired blocks (paragraphs): the findings of
/// each block, in char offsets local to that block's source or target.
#[derive(Debug, Clone, Default)]
pub struct BlocksOutcome {
    pub hits: Vec<Vec<Hit>>,
    pub target_sentences: usize,
}

/// Run the pipeline on a document whose paragraph `k` is `sources[k]` / `targets[k]` (each
/// one line of text): the blocks are aligned pairwise, as for a bilingual file, and the
/// document statistics (length ratio) come from all of them, as in real use.
pub fn run_blocks(sources: &[&str], targets: &[&str], checks: &RuleSet) -> BlocksOutcome {
    let starts = |parts: &[&str]| -> Vec<usize> {
        let mut v = Vec::with_capacity(parts.len());
        let mut at = 0;
        for p in parts {
            v.push(at);
            at += p.chars().count() + 2;
        }
        v
    };
    let (src_starts, tgt_starts) = (starts(sources), starts(targets));
    let o = run_pair(&sources.join("\n\n"), &targets.join("\n\n"), checks);
    let mut hits = vec![Vec::new(); targets.len().max(sources.len())];
    for mut h in o.hits {
        let st = match h.side {
            Side::Target => &tgt_starts,
            Side::Source => &src_starts,
        };
        let k = st.partition_point(|&x| x <= h.span.start).saturating_sub(1);
        let base = st.get(k).copied().unwrap_or(0);
        h.span = h.span.start - base..h.span.end.saturating_sub(base).max(h.span.start - base);
        if let Some(list) = hits.get_mut(k) {
            list.push(h);
        }
    }
    BlocksOutcome {
        hits,
        target_sentences: o.target_sentences,
    }
}

/// Indices (into `clean`) of a window of up to `radius` clean segments of the same document
/// on each side of `i`, and the position of `i` in it.
pub fn window(clean: &[&MqmSegment], i: usize, radius: usize) -> (Vec<usize>, usize) {
    let doc = &clean[i].doc_id;
    let mut lo = i;
    while lo > 0 && i - (lo - 1) <= radius && clean[lo - 1].doc_id == *doc {
        lo -= 1;
    }
    let mut hi = i + 1;
    while hi < clean.len() && hi - i <= radius && clean[hi].doc_id == *doc {
        hi += 1;
    }
    ((lo..hi).collect(), i - lo)
}

fn excerpt(s: &str, max: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= max {
        s
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

fn mark(text: &str, span: &Range<usize>) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == span.start {
            out.push('⟦');
        }
        if i == span.end && span.end > span.start {
            out.push('⟧');
        }
        out.push(c);
    }
    let n = text.chars().count();
    if span.start >= n {
        out.push('⟦');
    }
    if span.end >= n {
        out.push('⟧');
    }
    out
}

/// One line showing a finding in its pair: the marked side, the other side, the message.
fn example(source: &str, target: &str, h: &Hit) -> String {
    match h.side {
        Side::Target => format!(
            "{} — EN: {} — {}",
            excerpt(&mark(target, &h.span), 200),
            excerpt(source, 120),
            excerpt(&h.message, 100)
        ),
        Side::Source => format!(
            "EN: {} — DE: {} — {}",
            excerpt(&mark(source, &h.span), 200),
            excerpt(target, 120),
            excerpt(&h.message, 100)
        ),
    }
}

fn io(e: std::io::Error) -> MtError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        MtError::BrokenPipe
    } else {
        MtError::output("<stdout>", e)
    }
}

/// Names of the registered checks by code.
fn names(checks: &RuleSet) -> BTreeMap<&'static str, &'static str> {
    checks.rules().iter().map(|r| (r.code, r.name)).collect()
}

// ---------------------------------------------------------------------------------------
// 1. Corruption benchmark

/// Result of one kind of damage.
#[derive(Debug, Clone, Default)]
pub struct KindResult {
    /// Pairs that offered a place for the damage.
    pub n: usize,
    /// Damaged spans overlapped by a finding of the kind's check (same side).
    pub caught: usize,
    /// Damaged spans overlapped by a finding of any check.
    pub caught_any: usize,
    /// Some misses: the damaged pair and the codes that fired on it.
    pub misses: Vec<(Injected, Vec<Hit>)>,
    /// Findings of the kind's check on the damage that offer a suggestion, and those whose
    /// suggestion, put in place of the span, gives back the clean German (issue 14 item 8).
    pub suggested: usize,
    pub reproduced: usize,
}

/// The German a right fix gives back: the clean target, except where the damage added text
/// the clean German does not have (an entity swapped in brackets: the English entity there; a
/// broken abbreviation: the whole abbreviation).
fn fixed_target(inj: &Injected, clean: &str) -> String {
    let replace = |with: &str| {
        let before: String = inj.target.chars().take(inj.span.start).collect();
        let after: String = inj.target.chars().skip(inj.span.end).collect();
        format!("{before}{with}{after}")
    };
    match inj.kind {
        Kind::EntitySwap => match inj.counterpart.first() {
            Some(r) => {
                let entity: String = inj
                    .source
                    .chars()
                    .skip(r.start)
                    .take(r.end - r.start)
                    .collect();
                replace(&entity)
            }
            None => clean.to_string(),
        },
        Kind::BrokenAbbreviation => {
            let frag: String = inj
                .target
                .chars()
                .skip(inj.span.start)
                .take(inj.span.end - inj.span.start)
                .collect();
            let whole = match frag.chars().next() {
                Some('d') => "d. h.",
                Some('u') => "u. a.",
                _ => "z. B.",
            };
            replace(whole)
        }
        _ => clean.to_string(),
    }
}

/// Whether putting `suggestion` in place of the char span `span` of `damaged` gives `clean`
/// (compared after trimming).
fn reproduces(damaged: &str, span: &Range<usize>, suggestion: &str, clean: &str) -> bool {
    let before: String = damaged.chars().take(span.start).collect();
    let after: String = damaged.chars().skip(span.end).collect();
    format!("{before}{suggestion}{after}").trim() == clean.trim()
}

/// Clean pairs' false findings.
#[derive(Debug, Clone, Default)]
pub struct CleanResult {
    pub pairs: usize,
    pub sentences: usize,
    /// (code, severity) → count.
    pub counts: BTreeMap<(&'static str, Severity), usize>,
    /// Examples of error-severity findings per code: (source, target, hit).
    pub examples: BTreeMap<&'static str, Vec<(String, String, Hit)>>,
}

/// Whether a finding (of `code`, or of any check) overlaps the damage, or points at the
/// source counterpart of an altered number, entity or name.
fn caught(inj: &Injected, hits: &[Hit], code: Option<&str>) -> bool {
    hits.iter().any(|h| {
        code.is_none_or(|c| h.code == c)
            && ((h.side == inj.side && overlaps(&h.span, &inj.span))
                || (h.side == Side::Source && inj.counterpart.iter().any(|r| overlaps(&h.span, r))))
    })
}

/// The clean pairs of the MQM set.
pub fn clean_pairs(segments: &[MqmSegment]) -> Vec<&MqmSegment> {
    segments
        .iter()
        .filter(|s| s.clean && !s.source.trim().is_empty() && !s.target.trim().is_empty())
        .collect()
}

/// Group consecutive segments of the same document.
fn documents<T: AsRef<MqmSegment>>(segs: &[T]) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let mut j = i + 1;
        while j < segs.len() && segs[j].as_ref().doc_id == segs[i].as_ref().doc_id {
            j += 1;
        }
        out.push(&segs[i..j]);
        i = j;
    }
    out
}

impl AsRef<MqmSegment> for MqmSegment {
    fn as_ref(&self) -> &MqmSegment {
        self
    }
}

/// Run the false-findings measurement: the clean pairs of each MQM document form one
/// document of paired paragraphs.
pub fn run_clean(clean: &[&MqmSegment], checks: &RuleSet, keep: usize) -> CleanResult {
    let docs = documents(clean);
    let outcomes: Vec<BlocksOutcome> = docs
        .par_iter()
        .map(|d| {
            let src: Vec<&str> = d.iter().map(|s| s.source.as_str()).collect();
            let tgt: Vec<&str> = d.iter().map(|s| s.target.as_str()).collect();
            run_blocks(&src, &tgt, checks)
        })
        .collect();
    let mut r = CleanResult {
        pairs: clean.len(),
        ..CleanResult::default()
    };
    for (d, o) in docs.iter().zip(outcomes) {
        r.sentences += o.target_sentences;
        for (s, hits) in d.iter().zip(o.hits) {
            for h in hits {
                *r.counts.entry((h.code, h.severity)).or_default() += 1;
                if h.severity == Severity::Error {
                    let ex = r.examples.entry(h.code).or_default();
                    if ex.len() < keep {
                        ex.push((s.source.clone(), s.target.clone(), h));
                    }
                }
            }
        }
    }
    r
}

/// Whether a segment ends like a sentence (".", "!", "?", possibly inside a closing quote
/// or bracket): headlines without one would run into the next sentence when joined.
fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '“', '”', '»', '«', '\'', ')'])
        .ends_with(['.', '!', '?'])
}

/// Paragraphs of 2–3 consecutive clean segments of the same document, each ending like a
/// sentence on both sides.
pub fn paragraphs(clean: &[&MqmSegment]) -> Vec<Vec<(String, String)>> {
    let usable = |s: &MqmSegment| ends_sentence(&s.source) && ends_sentence(&s.target);
    let mut out = Vec::new();
    let mut i = 0;
    while i < clean.len() {
        if !usable(clean[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < clean.len() && j - i < 3 && clean[j].doc_id == clean[i].doc_id && usable(clean[j])
        {
            j += 1;
        }
        if j - i >= 2 {
            out.push(
                clean[i..j]
                    .iter()
                    .map(|s| (s.source.clone(), s.target.clone()))
                    .collect(),
            );
        }
        i = j;
    }
    out
}

/// Run the corruption benchmark: every pair kind on every clean pair, every document kind
/// on every paragraph.
pub fn run_corruption(
    clean: &[&MqmSegment],
    checks: &RuleSet,
    seed: u64,
    keep: usize,
) -> (BTreeMap<Kind, KindResult>, (usize, usize, usize)) {
    // Each damaged pair sits among up to CONTEXT clean pairs of its document on each side,
    // so that document-level statistics (length ratio) are those of a real document.
    const CONTEXT: usize = 3;
    let mut pair_jobs: Vec<(Injected, usize)> = Vec::new();
    for (k, kind) in Kind::PAIR_KINDS.iter().enumerate() {
        for (i, s) in clean.iter().enumerate() {
            let mut rng = Rng::for_item(seed, (i as u64) << 8 | k as u64);
            if let Some(inj) = inject::inject(*kind, &s.source, &s.target, &mut rng) {
                pair_jobs.push((inj, i));
            }
        }
    }
    let pair_hits: Vec<Vec<Hit>> = pair_jobs
        .par_iter()
        .map(|(inj, i)| {
            let (win, at) = window(clean, *i, CONTEXT);
            let mut src: Vec<&str> = win.iter().map(|&j| clean[j].source.as_str()).collect();
            let mut tgt: Vec<&str> = win.iter().map(|&j| clean[j].target.as_str()).collect();
            src[at] = &inj.source;
            tgt[at] = &inj.target;
            let mut o = run_blocks(&src, &tgt, checks);
            std::mem::take(&mut o.hits[at])
        })
        .collect();
    let mut jobs: Vec<Injected> = Vec::new();
    let mut job_hits: Vec<Vec<Hit>> = Vec::new();
    let mut suggestions: BTreeMap<Kind, (usize, usize)> = BTreeMap::new();
    for ((inj, i), hits) in pair_jobs.into_iter().zip(pair_hits) {
        // The suggestions of the kind's check on the damage (target side): does the fix give
        // back the clean German?
        for h in hits.iter().filter(|h| {
            h.code == inj.kind.code()
                && h.side == Side::Target
                && inj.side == Side::Target
                && overlaps(&h.span, &inj.span)
        }) {
            if let Some(sug) = &h.suggestion {
                let e = suggestions.entry(inj.kind).or_default();
                e.0 += 1;
                if reproduces(
                    &inj.target,
                    &h.span,
                    sug,
                    &fixed_target(&inj, &clean[i].target),
                ) {
                    e.1 += 1;
                }
            }
        }
        jobs.push(inj);
        job_hits.push(hits);
    }
    let first_doc_job = jobs.len();
    let paras = paragraphs(clean);
    for (k, kind) in Kind::DOC_KINDS.iter().enumerate() {
        for (i, p) in paras.iter().enumerate() {
            let mut rng = Rng::for_item(seed, (i as u64) << 8 | (0x80 + k as u64));
            // A donor sentence from another paragraph.
            let other = &paras[(i + 1 + rng.below(paras.len().max(2) - 1)) % paras.len()];
            let donor = &other[rng.below(other.len())].1;
            if let Some(inj) = inject::inject_doc(*kind, p, donor, &mut rng) {
                jobs.push(inj);
            }
        }
    }
    let doc_hits: Vec<Vec<Hit>> = jobs[first_doc_job..]
        .par_iter()
        .map(|j| run_pair(&j.source, &j.target, checks).hits)
        .collect();
    job_hits.extend(doc_hits);
    let mut results: BTreeMap<Kind, KindResult> = BTreeMap::new();
    for (kind, (offered, right)) in suggestions {
        let r = results.entry(kind).or_default();
        r.suggested = offered;
        r.reproduced = right;
    }
    for (inj, hits) in jobs.into_iter().zip(job_hits) {
        let r = results.entry(inj.kind).or_default();
        r.n += 1;
        let any = caught(&inj, &hits, None);
        if any {
            r.caught_any += 1;
        }
        if caught(&inj, &hits, Some(inj.kind.code())) {
            r.caught += 1;
        } else if r.misses.len() < keep {
            r.misses.push((inj, hits));
        }
    }
    // False omissions/additions on the unmodified paragraphs.
    let clean_paras: Vec<Outcome> = paras
        .par_iter()
        .map(|p| {
            let src: Vec<&str> = p.iter().map(|s| s.0.as_str()).collect();
            let tgt: Vec<&str> = p.iter().map(|s| s.1.as_str()).collect();
            run_pair(&src.join(" "), &tgt.join(" "), checks)
        })
        .collect();
    let count = |code: checks::Code| {
        clean_paras
            .iter()
            .flat_map(|o| &o.hits)
            .filter(|h| h.code == code.as_str())
            .count()
    };
    (
        results,
        (
            paras.len(),
            count(checks::Code::MT007),
            count(checks::Code::MT008),
        ),
    )
}

// ---------------------------------------------------------------------------------------
// 2. Real MT with human error spans

/// Per-check counts on the real MQM segments.
#[derive(Debug, Clone, Default)]
pub struct RealCheck {
    pub by_severity: BTreeMap<Severity, usize>,
    /// Hits: target-side findings that overlap a human span of the segment, source-side
    /// findings in a segment with a human-marked error.
    pub span_hits: usize,
    pub target_side: usize,
    /// Findings in a segment a human marked.
    pub segment_hits: usize,
    pub findings: usize,
    /// Human spans this check overlaps.
    pub gold_caught: usize,
    /// Some findings that overlap no human span: (source, target, hit).
    pub misses: Vec<(String, String, Hit)>,
}

#[derive(Debug, Clone, Default)]
pub struct RealResult {
    pub segments: usize,
    pub marked_segments: usize,
    pub gold_spans: usize,
    pub per_check: BTreeMap<&'static str, RealCheck>,
    /// Error-severity findings: total, target-side, target-side on a human span, in a
    /// marked segment.
    pub error_findings: usize,
    pub error_target: usize,
    pub error_span_hits: usize,
    pub error_segment_hits: usize,
    pub error_source_side: usize,
    /// Error-severity hits: target-side on a human span, source-side in a marked segment.
    pub error_hits: usize,
    /// Human spans overlapped by an error-severity finding / by any finding.
    pub gold_caught_error: usize,
    pub gold_caught_any: usize,
    pub chars_error: CharCounts,
    pub chars_any: CharCounts,
}

pub fn run_real(segments: &[MqmSegment], checks: &RuleSet, keep: usize) -> RealResult {
    // Each MQM document (its segments in order) is one document of paired paragraphs.
    let docs = documents(segments);
    let per_doc: Vec<Vec<Vec<Hit>>> = docs
        .par_iter()
        .map(|d| {
            let src: Vec<&str> = d.iter().map(|s| s.source.as_str()).collect();
            let tgt: Vec<&str> = d.iter().map(|s| s.target.as_str()).collect();
            run_blocks(&src, &tgt, checks).hits
        })
        .collect();
    let outcomes: Vec<Outcome> = per_doc
        .into_iter()
        .flatten()
        .map(|hits| Outcome {
            hits,
            target_sentences: 0,
        })
        .collect();
    let mut r = RealResult {
        segments: segments.len(),
        ..RealResult::default()
    };
    for (s, o) in segments.iter().zip(outcomes) {
        let marked = !s.clean;
        if marked {
            r.marked_segments += 1;
        }
        r.gold_spans += s.spans.len();
        let on_gold =
            |h: &Hit| h.side == Side::Target && s.spans.iter().any(|g| overlaps(&h.span, g));
        for h in &o.hits {
            // A source-side finding (something missing from the German) cannot overlap a
            // span in the German: it is a hit when the segment has a human-marked error.
            let hit = match h.side {
                Side::Target => on_gold(h),
                Side::Source => marked,
            };
            let c = r.per_check.entry(h.code).or_default();
            *c.by_severity.entry(h.severity).or_default() += 1;
            c.findings += 1;
            if marked {
                c.segment_hits += 1;
            }
            if h.side == Side::Target {
                c.target_side += 1;
            }
            if hit {
                c.span_hits += 1;
            } else if c.misses.len() < keep && h.severity == Severity::Error {
                c.misses
                    .push((s.source.clone(), s.target.clone(), h.clone()));
            }
            if h.severity == Severity::Error {
                r.error_findings += 1;
                if marked {
                    r.error_segment_hits += 1;
                }
                if hit {
                    r.error_hits += 1;
                }
                if h.side == Side::Target {
                    r.error_target += 1;
                    if hit {
                        r.error_span_hits += 1;
                    }
                } else {
                    r.error_source_side += 1;
                }
            }
        }
        for g in &s.spans {
            let hit = |h: &&Hit| h.side == Side::Target && overlaps(&h.span, g);
            if o.hits
                .iter()
                .filter(hit)
                .any(|h| h.severity == Severity::Error)
            {
                r.gold_caught_error += 1;
            }
            if o.hits.iter().any(|h| hit(&h)) {
                r.gold_caught_any += 1;
            }
            let mut codes: Vec<&'static str> = o.hits.iter().filter(hit).map(|h| h.code).collect();
            codes.dedup();
            for code in codes {
                r.per_check.entry(code).or_default().gold_caught += 1;
            }
        }
        let spans = |min: Severity| -> Vec<Range<usize>> {
            o.hits
                .iter()
                .filter(|h| h.side == Side::Target && h.severity >= min)
                .map(|h| h.span.clone())
                .collect()
        };
        r.chars_error.add_segment(&spans(Severity::Error), &s.spans);
        r.chars_any.add_segment(&spans(Severity::Info), &s.spans);
    }
    r
}

// ---------------------------------------------------------------------------------------
// 3. Critical errors

#[derive(Debug, Clone, Default)]
pub struct CedResult {
    pub confusion: Confusion,
    /// code → (pairs where it fires on ERR, on NOT, error-severity on ERR, on NOT).
    pub per_check: BTreeMap<&'static str, [usize; 4]>,
    pub err: usize,
    pub not: usize,
    /// Some error-severity findings on NOT pairs: (source, target, hit).
    pub false_alarms: BTreeMap<&'static str, Vec<(String, String, Hit)>>,
}

pub fn run_ced(pairs: &[CedPair], checks: &RuleSet, keep: usize) -> CedResult {
    let outcomes: Vec<Outcome> = pairs
        .par_iter()
        .map(|p| run_pair(&p.source, &p.target, checks))
        .collect();
    let mut r = CedResult::default();
    for (p, o) in pairs.iter().zip(outcomes) {
        if p.critical {
            r.err += 1;
        } else {
            r.not += 1;
        }
        let predicted = o.hits.iter().any(|h| h.severity == Severity::Error);
        r.confusion.add(predicted, p.critical);
        let mut fired: HashMap<&'static str, bool> = HashMap::new();
        for h in &o.hits {
            if !p.critical && h.severity == Severity::Error {
                let ex = r.false_alarms.entry(h.code).or_default();
                if ex.len() < keep {
                    ex.push((p.source.clone(), p.target.clone(), h.clone()));
                }
            }
            let e = fired.entry(h.code).or_default();
            *e |= h.severity == Severity::Error;
        }
        for (code, error) in fired {
            let c = r.per_check.entry(code).or_default();
            let k = if p.critical { 0 } else { 1 };
            c[k] += 1;
            if error {
                c[k + 2] += 1;
            }
        }
    }
    r
}

// ---------------------------------------------------------------------------------------
// Printing

fn pct(x: f64) -> String {
    format!("{x:.3}")
}

/// Run all three measurements and print the tables (Markdown) to `out`.
pub fn run(opts: &Options, out: &mut dyn Write) -> Result<()> {
    if !opts.data.is_dir() {
        return Err(MtError::Usage(format!(
            "benchmark data folder {} not found; pass --data DIR (the shared data folder with \
             mqm/ and ced/, default ../shared/data)",
            opts.data.display()
        )));
    }
    let start = Instant::now();
    let segments = data::load_mqm(&opts.data)?;
    let ced = data::load_ced(&opts.data)?;
    let registry = rules(opts)?;
    let names = names(&registry);
    let name = |code: &str| names.get(code).copied().unwrap_or("(not registered)");
    let keep = opts.examples;

    let clean = clean_pairs(&segments);
    let clean_result = run_clean(&clean, &registry, keep);
    let (corruption, (n_paras, para_om, para_add)) =
        run_corruption(&clean, &registry, opts.seed, keep);
    let real = run_real(&segments, &registry, keep);
    let ced_result = run_ced(&ced, &registry, keep);

    let w = |out: &mut dyn Write, s: String| writeln!(out, "{s}").map_err(io);
    w(
        out,
        format!(
            "mtlint-bench checks — data {}, seed {}, {} checks registered: {}\n",
            opts.data.display(),
            opts.seed,
            registry.len(),
            names.keys().copied().collect::<Vec<_>>().join(" ")
        ),
    )?;

    // 1a. Recall per kind.
    w(
        out,
        format!(
            "### 1. Corruption benchmark: recall per kind of damage\n\n{} clean pairs \
             (WMT22 MQM dev segments with no error marked), one damage per pair and kind, \
             each damaged pair checked as one paragraph among up to 3 clean paragraphs of its \
             document on either side; omission/addition on {} paragraphs of 2–3 consecutive \
             clean segments. A damage is caught when a finding of the expected check overlaps \
             its span (same side, or the source word an altered number/entity/name should \
             match).\n",
            clean.len(),
            n_paras
        ),
    )?;
    w(
        out,
        "| kind | check | pairs | caught | recall | any check | target |".into(),
    )?;
    w(
        out,
        "| --- | --- | ---: | ---: | ---: | ---: | --- |".into(),
    )?;
    let mut ordered: Vec<Kind> = Kind::PAIR_KINDS.to_vec();
    ordered.extend(Kind::DOC_KINDS);
    for kind in &ordered {
        let r = corruption.get(kind).cloned().unwrap_or_default();
        let recall = ratio(r.caught as u64, r.n as u64);
        let target = if kind.mechanical() {
            if recall >= 0.95 {
                "≥ 0.95 met"
            } else {
                "≥ 0.95 MISSED"
            }
        } else {
            "—"
        };
        w(
            out,
            format!(
                "| {} | {} {} | {} | {} | {} | {} | {} |",
                kind.name(),
                kind.code(),
                name(kind.code()),
                r.n,
                r.caught,
                pct(recall),
                pct(ratio(r.caught_any as u64, r.n as u64)),
                target
            ),
        )?;
    }
    w(
        out,
        "\nSuggestions on the damage (issue 14 item 8): of the findings of the kind's check \
         that overlap the damage and offer a suggestion, the share whose suggestion, put in \
         place of the span, gives back the clean German exactly.\n"
            .into(),
    )?;
    w(
        out,
        "| kind | check | with a suggestion | gives back the clean text | share |".into(),
    )?;
    w(out, "| --- | --- | ---: | ---: | ---: |".into())?;
    let (mut all_offered, mut all_right) = (0, 0);
    for kind in &ordered {
        let r = corruption.get(kind).cloned().unwrap_or_default();
        if r.suggested == 0 {
            continue;
        }
        all_offered += r.suggested;
        all_right += r.reproduced;
        w(
            out,
            format!(
                "| {} | {} | {} | {} | {} |",
                kind.name(),
                kind.code(),
                r.suggested,
                r.reproduced,
                pct(ratio(r.reproduced as u64, r.suggested as u64))
            ),
        )?;
    }
    w(
        out,
        format!(
            "| all | | {all_offered} | {all_right} | {} |",
            pct(ratio(all_right as u64, all_offered as u64))
        ),
    )?;
    w(
        out,
        format!(
            "\nOn the {n_paras} unmodified paragraphs: {para_om} omitted-sentence (MT007) and \
             {para_add} added-sentence (MT008) findings.\n"
        ),
    )?;

    // 1b. False findings.
    let per_k = |n: usize| 1000.0 * n as f64 / clean_result.sentences.max(1) as f64;
    w(
        out,
        format!(
            "### 1. Corruption benchmark: false findings on the clean pairs\n\n{} clean \
             pairs, checked as documents (the clean pairs of each MQM document as paired \
             paragraphs), {} German sentences (as segmented by mtlint). Target: ≤ 5 \
             error-severity findings per 1,000 sentences.\n",
            clean_result.pairs, clean_result.sentences
        ),
    )?;
    w(
        out,
        "| check | error | warning | info | error per 1k | all per 1k |".into(),
    )?;
    w(out, "| --- | ---: | ---: | ---: | ---: | ---: |".into())?;
    let mut totals = [0usize; 3];
    for code in names.keys() {
        let get = |s: Severity| clean_result.counts.get(&(*code, s)).copied().unwrap_or(0);
        let (e, wn, i) = (
            get(Severity::Error),
            get(Severity::Warning),
            get(Severity::Info),
        );
        totals[0] += e;
        totals[1] += wn;
        totals[2] += i;
        w(
            out,
            format!(
                "| {code} {} | {e} | {wn} | {i} | {:.1} | {:.1} |",
                name(code),
                per_k(e),
                per_k(e + wn + i)
            ),
        )?;
    }
    let verdict = if per_k(totals[0]) <= 5.0 {
        "met"
    } else {
        "MISSED"
    };
    w(
        out,
        format!(
            "| **all checks** | {} | {} | {} | **{:.1}** ({verdict}) | {:.1} |\n",
            totals[0],
            totals[1],
            totals[2],
            per_k(totals[0]),
            per_k(totals[0] + totals[1] + totals[2])
        ),
    )?;

    // 2. Real MT.
    w(
        out,
        format!(
            "### 2. Real MT with human error spans (WMT22 MQM dev, en→de)\n\n{} segments \
             (checked as documents: each MQM document's segments as paired paragraphs), {} \
             with a human-marked error, {} human spans. A target-side finding is a span hit \
             when it overlaps a human span of its segment; a segment hit when the segment has \
             any human-marked error. A source-side finding (something missing from the German) \
             is a hit when its segment has a human-marked error. Target: span precision ≥ 0.6 for error-severity findings.\n",
            real.segments, real.marked_segments, real.gold_spans
        ),
    )?;
    let span_p = ratio(real.error_hits as u64, real.error_findings as u64);
    w(out, "| measure | value |".into())?;
    w(out, "| --- | ---: |".into())?;
    for (k, v) in [
        (
            "error-severity findings".to_string(),
            real.error_findings.to_string(),
        ),
        (
            "… target-side / source-side".to_string(),
            format!("{} / {}", real.error_target, real.error_source_side),
        ),
        (
            "**precision** (span overlap; source-side by segment)".to_string(),
            format!(
                "**{}** ({}/{}) {}",
                pct(span_p),
                real.error_hits,
                real.error_findings,
                if span_p >= 0.6 { "met" } else { "MISSED" }
            ),
        ),
        (
            "precision, target-side findings only".to_string(),
            format!(
                "{} ({}/{})",
                pct(ratio(real.error_span_hits as u64, real.error_target as u64)),
                real.error_span_hits,
                real.error_target
            ),
        ),
        (
            "precision, in a marked segment".to_string(),
            format!(
                "{} ({}/{})",
                pct(ratio(
                    real.error_segment_hits as u64,
                    real.error_findings as u64
                )),
                real.error_segment_hits,
                real.error_findings
            ),
        ),
        (
            "human spans caught by an error finding".to_string(),
            format!(
                "{} ({}/{})",
                pct(ratio(real.gold_caught_error as u64, real.gold_spans as u64)),
                real.gold_caught_error,
                real.gold_spans
            ),
        ),
        (
            "human spans caught by any finding".to_string(),
            format!(
                "{} ({}/{})",
                pct(ratio(real.gold_caught_any as u64, real.gold_spans as u64)),
                real.gold_caught_any,
                real.gold_spans
            ),
        ),
        (
            "char P / R / F1, error findings".to_string(),
            format!(
                "{} / {} / {}",
                pct(real.chars_error.precision()),
                pct(real.chars_error.recall()),
                pct(real.chars_error.f1())
            ),
        ),
        (
            "char P / R / F1, all findings".to_string(),
            format!(
                "{} / {} / {}",
                pct(real.chars_any.precision()),
                pct(real.chars_any.recall()),
                pct(real.chars_any.f1())
            ),
        ),
    ] {
        w(out, format!("| {k} | {v} |"))?;
    }
    w(
        out,
        format!(
            "\nChar-level counts (error findings): {} predicted, {} gold, {} both.\n",
            real.chars_error.predicted, real.chars_error.gold, real.chars_error.both
        ),
    )?;
    w(
        out,
        "| check | error | warning | info | target-side | hits | precision | in marked segment | human spans caught |"
            .into(),
    )?;
    w(
        out,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |".into(),
    )?;
    for code in names.keys() {
        let c = real.per_check.get(code).cloned().unwrap_or_default();
        let sev = |s: Severity| c.by_severity.get(&s).copied().unwrap_or(0);
        w(
            out,
            format!(
                "| {code} {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                name(code),
                sev(Severity::Error),
                sev(Severity::Warning),
                sev(Severity::Info),
                c.target_side,
                c.span_hits,
                if c.findings > 0 {
                    pct(ratio(c.span_hits as u64, c.findings as u64))
                } else {
                    "—".into()
                },
                if c.findings > 0 {
                    format!(
                        "{} ({})",
                        c.segment_hits,
                        pct(ratio(c.segment_hits as u64, c.findings as u64))
                    )
                } else {
                    "0".into()
                },
                c.gold_caught
            ),
        )?;
    }

    // 3. Critical errors.
    let c = ced_result.confusion;
    w(
        out,
        format!(
            "\n### 3. Critical errors (WMT21 CED dev, en→de)\n\n{} pairs ({} ERR, {} NOT), \
             German MT detokenised. Predicted ERR = the pair has at least one error-severity \
             finding.\n",
            ced_result.err + ced_result.not,
            ced_result.err,
            ced_result.not
        ),
    )?;
    w(out, "| | gold ERR | gold NOT |".into())?;
    w(out, "| --- | ---: | ---: |".into())?;
    w(out, format!("| predicted ERR | {} | {} |", c.tp, c.fp))?;
    w(out, format!("| predicted NOT | {} | {} |", c.fn_, c.tn))?;
    w(
        out,
        format!(
            "\nMCC {:.3}, accuracy {}, precision {}, recall {}.\n",
            c.mcc(),
            pct(c.accuracy()),
            pct(c.precision()),
            pct(c.recall())
        ),
    )?;
    w(
        out,
        "| check | fires on ERR | fires on NOT | error on ERR | error on NOT |".into(),
    )?;
    w(out, "| --- | ---: | ---: | ---: | ---: |".into())?;
    for code in names.keys() {
        let v = ced_result.per_check.get(code).copied().unwrap_or_default();
        w(
            out,
            format!(
                "| {code} {} | {} | {} | {} | {} |",
                name(code),
                v[0],
                v[1],
                v[2],
                v[3]
            ),
        )?;
    }

    // Examples for the check authors.
    if keep > 0 {
        w(out, "\n### Examples\n".into())?;
        w(
            out,
            "Missed damage (⟦span⟧ = injected; fired = codes that did fire):".into(),
        )?;
        for kind in &ordered {
            let Some(r) = corruption.get(kind) else {
                continue;
            };
            for (inj, hits) in &r.misses {
                let text = match inj.side {
                    Side::Target => &inj.target,
                    Side::Source => &inj.source,
                };
                let mut fired: Vec<&str> = hits.iter().map(|h| h.code).collect();
                fired.sort_unstable();
                fired.dedup();
                w(
                    out,
                    format!(
                        "- {} ({}): {} — fired: {}",
                        kind.name(),
                        kind.code(),
                        excerpt(&mark(text, &inj.span), 220),
                        if fired.is_empty() {
                            "nothing".to_string()
                        } else {
                            fired.join(" ")
                        }
                    ),
                )?;
            }
        }
        w(out, "\nError-severity findings on clean pairs:".into())?;
        for (code, list) in &clean_result.examples {
            for (source, target, h) in list {
                w(out, format!("- {code}: {}", example(source, target, h)))?;
            }
        }
        w(
            out,
            "\nError-severity findings on real MT that overlap no human span:".into(),
        )?;
        for (code, c) in &real.per_check {
            for (source, target, h) in &c.misses {
                w(out, format!("- {code}: {}", example(source, target, h)))?;
            }
        }
    }
    w(out, String::new())?;
    false_alarm_section(opts, &registry, &names, out)?;
    if keep > 0 {
        w(
            out,
            "\nError-severity findings on critical-error pairs labelled NOT:".into(),
        )?;
        for (code, list) in &ced_result.false_alarms {
            for (source, target, h) in list {
                w(out, format!("- {code}: {}", example(source, target, h)))?;
            }
        }
    }
    w(
        out,
        format!(
            "\n(mtlint-bench checks took {:.1} s)",
            start.elapsed().as_secs_f64()
        ),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_findings_are_placed_in_chars_of_the_whole_text() {
        // "Über" makes byte and char offsets differ; the second sentence has the damage.
        let src = "Over there. It ends here.";
        let tgt = "Über dort. Es endet hier. .";
        let o = run_pair(src, tgt, &checks::registry());
        let hit = o
            .hits
            .iter()
            .find(|h| h.code == "MT005")
            .expect("doubled punctuation found");
        let text: String = tgt
            .chars()
            .skip(hit.span.start)
            .take(hit.span.len())
            .collect();
        assert_eq!(text, ". .");
        assert_eq!(o.target_sentences, 2);
    }

    #[test]
    fn block_findings_are_local_to_their_block() {
        let src = ["First one.", "Über all. Then it ends."];
        let tgt = ["Erstes.", "Über alles. Dann endet es. ."];
        let o = run_blocks(&src, &tgt, &checks::registry());
        assert!(o.hits[0].iter().all(|h| h.code != "MT005"));
        let h = o.hits[1]
            .iter()
            .find(|h| h.code == "MT005")
            .expect("doubled punctuation in block 1");
        let text: String = tgt[1]
            .chars()
            .skip(h.span.start)
            .take(h.span.len())
            .collect();
        assert_eq!(text, ". .");
        assert_eq!(o.target_sentences, 3);
    }

    #[test]
    fn windows_stay_inside_the_document() {
        let seg = |doc: &str| MqmSegment {
            doc_id: doc.into(),
            source: "a".into(),
            target: "b".into(),
            spans: vec![],
            clean: true,
        };
        let segs = [
            seg("x"),
            seg("y"),
            seg("y"),
            seg("y"),
            seg("y"),
            seg("y"),
            seg("z"),
        ];
        let refs: Vec<&MqmSegment> = segs.iter().collect();
        assert_eq!(window(&refs, 1, 3), (vec![1, 2, 3, 4], 0));
        assert_eq!(window(&refs, 3, 1), (vec![2, 3, 4], 1));
        assert_eq!(window(&refs, 6, 3), (vec![6], 0));
        assert_eq!(documents(&refs).len(), 3);
    }

    #[test]
    fn paragraphs_skip_headlines_and_stay_in_their_document() {
        let seg = |doc: &str, en: &str, de: &str| MqmSegment {
            doc_id: doc.into(),
            source: en.into(),
            target: de.into(),
            spans: vec![],
            clean: true,
        };
        let segs = [
            seg("x", "A headline", "Eine Schlagzeile"),
            seg("x", "One.", "Eins."),
            seg("x", "\"Two?\"", "„Zwei?“"),
            seg("y", "Three.", "Drei."),
            seg("y", "Four!", "Vier!"),
        ];
        let refs: Vec<&MqmSegment> = segs.iter().collect();
        let p = paragraphs(&refs);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0][0].0, "One.");
        assert_eq!(p[0].len(), 2);
        assert_eq!(p[1][1].1, "Vier!");
    }

    #[test]
    fn a_suggestion_counts_when_it_gives_back_the_clean_text() {
        // "ging. durch" with the suggestion " durch" on ". durch" (chars 7..14).
        assert!(reproduces(
            "Er ging. durch die Tür.",
            &(7..14),
            " durch",
            "Er ging durch die Tür."
        ));
        assert!(!reproduces(
            "Er ging. durch die Tür.",
            &(7..14),
            ". Durch",
            "Er ging durch die Tür."
        ));
    }

    #[test]
    fn marking_wraps_the_span() {
        assert_eq!(mark("abcd", &(1..3)), "a⟦bc⟧d");
        assert_eq!(mark("ab", &(2..2)), "ab⟦⟧");
    }

    #[test]
    fn real_data_loads_when_present() {
        let data = crate::shared_data_dir();
        if !data.join(data::MQM_SPANS).is_file() {
            eprintln!("skipping: {} not found", data.display());
            return;
        }
        let segs = data::load_mqm(&data).expect("MQM data loads");
        assert_eq!(segs.len(), 1005);
        let clean = clean_pairs(&segs);
        assert!(clean.len() > 500, "{} clean", clean.len());
        // Human spans fit their target texts.
        for s in &segs {
            for g in &s.spans {
                assert!(g.end <= s.target.chars().count(), "{g:?} in {}", s.target);
            }
        }
        let ced = data::load_ced(&data).expect("CED data loads");
        assert_eq!(ced.len(), 1000);
        assert_eq!(ced.iter().filter(|p| p.critical).count(), 281);
    }
}
