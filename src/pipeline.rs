//! The pipeline for one document: segment → align → check. Reading happens before (in
//! [`crate::formats`]) and reporting after (in [`crate::report`]).

use std::ops::Range;
use std::time::{Duration, Instant};

use either::Either;
use rayon::prelude::*;

use crate::align::{self, AlignConfig};
use crate::checks::analysis::doc_stats;
use crate::checks::{DocFindings, DocView, Finding, Findings, PairView, RuleSet, UnitSpace};
use crate::clock::clock_cost;
pub use crate::clock::thread_cpu_time;
use crate::error::MtError;
use crate::model::{Bead, Document, Lang, Sentence, Severity, Side};
use crate::segment;

/// Settings for a run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub source_lang: Lang,
    pub target_lang: Lang,
    pub align: AlignConfig,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            source_lang: Lang::En,
            target_lang: Lang::De,
            align: AlignConfig::default(),
        }
    }
}

/// An aligned pair with its place in the document. Positions are held in 32 bits (a pair
/// per unit, a million in a 1M-unit memory): 40 bytes, not 72.
#[derive(Debug, Clone)]
pub struct Pair {
    pub bead: Bead,
    source_start: u32,
    source_end: u32,
    target_start: u32,
    target_end: u32,
}

impl Pair {
    /// The pair of `bead` at `source_range`/`target_range` (byte ranges into the sides); a
    /// position past `u32::MAX` (a text [`fits`] refuses) saturates there, never a panic.
    pub fn new(bead: Bead, source_range: Range<usize>, target_range: Range<usize>) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Pair {
            bead,
            source_start: narrow(source_range.start),
            source_end: narrow(source_range.end),
            target_start: narrow(target_range.start),
            target_end: narrow(target_range.end),
        }
    }

    /// Byte range of the pair's source text in the source side (empty for 0-1 beads).
    pub fn source_range(&self) -> Range<usize> {
        self.source_start as usize..self.source_end as usize
    }

    /// Byte range of the pair's target text in the target side (empty for 1-0 beads; then it
    /// sits where the missing translation would be).
    pub fn target_range(&self) -> Range<usize> {
        self.target_start as usize..self.target_end as usize
    }
}

/// The largest side text the pipeline takes, in bytes: positions of sentences and pairs are
/// held in 32 bits.
pub const MAX_SIDE_TEXT: usize = u32::MAX as usize;

/// Whether `doc` can be checked: each side's text must have at most [`MAX_SIDE_TEXT`] bytes
/// (positions are held in 32 bits). Readers refuse files above the input size limit (1 GiB
/// by default), but the limit can be raised and decoding can grow a text (Latin-1 → UTF-8):
/// a larger document is an error naming it, never a wrong position.
pub fn fits(doc: &Document) -> Result<(), MtError> {
    side_fits(&doc.id, "source", &doc.source.text, MAX_SIDE_TEXT)?;
    side_fits(&doc.id, "target", &doc.target.text, MAX_SIDE_TEXT)
}

/// [`fits`] for one side's `text` (of the document or file `id`).
pub fn text_fits(id: &str, side: &str, text: &str) -> Result<(), MtError> {
    side_fits(id, side, text, MAX_SIDE_TEXT)
}

fn side_fits(id: &str, side: &str, text: &str, max: usize) -> Result<(), MtError> {
    let len = text.len();
    if len > max {
        return Err(MtError::Format {
            path: id.into(),
            message: format!(
                "its {side} text has {len} bytes, more than the {max} one document can have; \
                 split it into smaller files"
            ),
        });
    }
    Ok(())
}

/// Everything the report needs about one checked document.
#[derive(Debug)]
pub struct Checked {
    pub doc: Document,
    pub source_sentences: Vec<Sentence>,
    pub target_sentences: Vec<Sentence>,
    pub pairs: Vec<Pair>,
    /// (pair index, finding), in pair order.
    pub findings: Vec<(usize, Finding)>,
}

impl Checked {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|(_, f)| f.severity() == severity)
            .count()
    }
}

/// Align the sentences of a document. When its blocks correspond (`doc.paired`), each block
/// pair is aligned on its own (in parallel); otherwise the whole document is aligned at once.
/// A unit of a bilingual file with one sentence on each side is a 1-1 pair of score 1
/// without calling the aligner (the file pairs it).
pub fn align_document(
    doc: &Document,
    src: &[Sentence],
    tgt: &[Sentence],
    cfg: &AlignConfig,
) -> Vec<Bead> {
    let groups: Vec<(Range<usize>, Range<usize>)> = if doc.paired {
        let by_block = |s: &[Sentence], n: usize| -> Vec<Range<usize>> {
            let mut out = Vec::with_capacity(n);
            let mut i = 0;
            for b in 0..n {
                let start = i;
                while i < s.len() && s[i].block() == b {
                    i += 1;
                }
                out.push(start..i);
            }
            out
        };
        let a = by_block(src, doc.source.blocks.len());
        let b = by_block(tgt, doc.target.blocks.len());
        a.into_iter().zip(b).collect()
    } else {
        vec![(0..src.len(), 0..tgt.len())]
    };
    // A bilingual file (both sides read from the same file: XLIFF, TMX, PO, CSV) pairs its
    // units itself. A unit of one sentence on each side needs no aligner: the file says they
    // belong together, so the pair is certain (score 1). The aligner's set-up per call costs
    // more than all the checks of a short pair, and a translation memory is mostly such units.
    // Localisation files paired by key (`formats::keyed`) are paired by the files too: their
    // blocks carry the key as id, which prose blocks never have.
    let given = doc.paired
        && (doc.source.origin == doc.target.origin
            || doc.source.blocks.first().is_some_and(|b| b.id.is_some()));
    // Flat: a group the file pairs is one bead, with no Vec of its own (a 1M-unit memory
    // would leave a million small blocks on the heap); collecting keeps group order.
    groups
        .into_par_iter()
        .with_min_len(256)
        .flat_map_iter(|(s, t)| {
            // A unit without a target (untranslated) is one pair of all its source sentences
            // and nothing: the file says there is no translation (MT022, not MT007).
            // A key only the target has (obsolete) is one pair of nothing and its sentences.
            if given
                && (s.len() == 1 && t.len() == 1
                    || t.is_empty() && !s.is_empty()
                    || s.is_empty() && !t.is_empty())
            {
                return Either::Left(std::iter::once(Bead::new(s, t, 1.0)));
            }
            let ss: Vec<&str> = src[s.clone()]
                .iter()
                .map(|x| &doc.source.text[x.range()])
                .collect();
            let tt: Vec<&str> = tgt[t.clone()]
                .iter()
                .map(|x| &doc.target.text[x.range()])
                .collect();
            Either::Right(align::align(&ss, &tt, cfg).into_iter().map(move |b| {
                let (bs, bt) = (b.source(), b.target());
                Bead::new(
                    bs.start + s.start..bs.end + s.start,
                    bt.start + t.start..bt.end + t.start,
                    b.score,
                )
            }))
        })
        .collect()
}

/// The block whose sentences are exactly `r` (all of them, and no other), if any.
fn whole_block(sents: &[Sentence], r: &Range<usize>) -> Option<usize> {
    if r.is_empty() {
        return None;
    }
    let block = sents[r.start].block();
    let starts = r.start == 0 || sents[r.start - 1].block() != block;
    let ends = r.end == sents.len() || sents[r.end].block() != block;
    (starts && ends && sents[r.end - 1].block() == block).then_some(block)
}

/// The white space around the units of a pair that is a whole translation unit on both
/// sides of a bilingual document (blocks are trimmed; the readers keep what they trimmed).
fn unit_space<'a>(
    doc: &'a Document,
    src: &[Sentence],
    tgt: &[Sentence],
    bead: &Bead,
) -> Option<UnitSpace<'a>> {
    if !doc.paired {
        return None;
    }
    // An empty source unit (a key only the target has) has no sentences either.
    let block = match whole_block(src, &bead.source()) {
        None if bead.source().is_empty() => {
            let t = whole_block(tgt, &bead.target())?;
            Some(t).filter(|&b| doc.source.blocks.get(b).is_some_and(|b| b.range.is_empty()))
        }
        found => found,
    }?;
    let s = doc.source.blocks[block].outer_space();
    // An empty target unit (untranslated) has no sentences: the pair is still the whole unit.
    let target = match whole_block(tgt, &bead.target()) {
        None if bead.target().is_empty() => {
            Some(block).filter(|&b| doc.target.blocks.get(b).is_some_and(|b| b.range.is_empty()))
        }
        found => found,
    };
    let t = doc.target.blocks[target?].outer_space();
    Some(UnitSpace {
        source: s,
        target: t,
    })
}

fn range_of(sents: &[Sentence], r: &Range<usize>, anchor: usize) -> Range<usize> {
    if r.is_empty() {
        anchor..anchor
    } else {
        sents[r.start].range().start..sents[r.end - 1].range().end
    }
}

/// Wall time spent in each phase (summed over documents), and in each check.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub read: Duration,
    pub segment: Duration,
    pub align: Duration,
    pub check: Duration,
    pub write: Duration,
    /// CPU time spent in each check (code, summed over threads; thread CPU time, so a loaded
    /// machine does not inflate it), in registry order.
    pub checks: Vec<(&'static str, Duration)>,
    /// CPU time spent computing the pairs' shared analysis (tokens, lower-cased forms, word
    /// lists), which no rule's time in `checks` includes; estimated, as they are.
    pub analysis: Duration,
}

impl Timings {
    pub fn add(&mut self, other: &Timings) {
        self.read += other.read;
        self.segment += other.segment;
        self.align += other.align;
        self.check += other.check;
        self.write += other.write;
        self.analysis += other.analysis;
        for &(code, d) in &other.checks {
            match self.checks.iter_mut().find(|(c, _)| *c == code) {
                Some((_, t)) => *t += d,
                None => self.checks.push((code, d)),
            }
        }
    }
}

/// Segment and align a document: its sentences and pairs, as [`check_document`] checks them
/// (the phase times go into `timings`). A run uses it to find the texts of pairs again after
/// the checks (consistency across the files of a batch run).
pub fn pairs_of(
    doc: &Document,
    settings: &Settings,
    timings: &mut Timings,
) -> (Vec<Sentence>, Vec<Sentence>, Vec<Pair>) {
    let t0 = Instant::now();
    let (source_sentences, target_sentences) = rayon::join(
        || segment::segment_side(&doc.source, settings.source_lang),
        || segment::segment_side(&doc.target, settings.target_lang),
    );
    let t1 = Instant::now();
    timings.segment = t1 - t0;
    let beads = align_document(doc, &source_sentences, &target_sentences, &settings.align);
    let t2 = Instant::now();
    timings.align = t2 - t1;

    let mut pairs = Vec::with_capacity(beads.len());
    let mut next_target = 0usize;
    let mut next_source = 0usize;
    // The beads are given back as the pairs are made (a 1M-unit memory: 40 MB of beads
    // beside 72 MB of pairs): reversed, taken from the end, the vector shrunk now and then
    // (a large allocation shrinks in place).
    let mut beads = beads;
    beads.reverse();
    while let Some(bead) = beads.pop() {
        if beads.len().is_multiple_of(1 << 16) && beads.capacity() > 2 * beads.len() + (1 << 16) {
            beads.shrink_to(beads.len() + (1 << 15));
        }
        let mut t_anchor = target_sentences
            .get(bead.target().start)
            .map(|s| s.range().start)
            .unwrap_or(next_target);
        // A bead without target sentences in a paired document (an untranslated unit, a
        // sentence left out at a unit's end) sits in its source block's target block, not at
        // the next unit's first sentence: its position and unit are that block's.
        if bead.target().is_empty()
            && doc.paired
            && let Some(block) = source_sentences
                .get(bead.source().start)
                .and_then(|s| doc.target.blocks.get(s.block()))
            && !block.range.contains(&t_anchor)
        {
            t_anchor = block.range.end;
        }
        let s_anchor = source_sentences
            .get(bead.source().start)
            .map(|s| s.range().start)
            .unwrap_or(next_source);
        let source_range = range_of(&source_sentences, &bead.source(), s_anchor);
        let target_range = range_of(&target_sentences, &bead.target(), t_anchor);
        next_target = target_range.end;
        next_source = source_range.end;
        pairs.push(Pair::new(bead, source_range, target_range));
    }
    (source_sentences, target_sentences, pairs)
}

/// The unit (key, id) a pair lies in: the id of the target block its target range starts in.
pub fn unit_of<'d>(doc: &'d Document, pair: &Pair) -> Option<&'d str> {
    doc.target
        .block_at(pair.target_range().start)
        .and_then(|b| b.id.as_deref())
}

/// Whether an inline suppression (`mtlint: ignore`) of the blocks of `pair` names `f`'s
/// check: for findings made after the checks (the consistency across the files of a batch
/// run), which are filtered as the pipeline filters its own. `src`/`tgt` are the document's
/// sentences ([`pairs_of`]).
pub fn suppressed(
    doc: &Document,
    src: &[Sentence],
    tgt: &[Sentence],
    pair: &Pair,
    f: &Finding,
) -> bool {
    is_ignored(&ignored_in_pair(doc, src, tgt, &pair.bead), f)
}

/// Findings with the index of their pair, in pair order.
type PairFindings = Vec<(usize, Finding)>;

/// Pairs are checked in chunks of this many (the unit of work of a thread).
const CHECK_CHUNK: usize = 64;
/// Every this many pairs of a chunk, each rule's CPU time is measured (a clock reading per
/// rule is a system call, dearer than some rules) and stands for the pairs up to the next:
/// `--timings` per rule are estimates, the phases' times exact.
const TIME_EVERY: usize = 16;

/// Make `view` the view of `pair` (the document and its source and target sentences in
/// `sentences`), reusing its buffers: texts, sentence ranges relative to them, score, unit
/// white space, and an analysis with nothing computed yet.
fn view_into<'d>(
    (doc, source_sentences, target_sentences): (&'d Document, &[Sentence], &[Sentence]),
    pair: &Pair,
    view: &mut PairView<'d>,
) {
    let (sr, tr) = (pair.source_range(), pair.target_range());
    view.source = &doc.source.text[sr.clone()];
    view.target = &doc.target.text[tr.clone()];
    view.score = pair.bead.score;
    view.analysis.reset(view.source, view.target);
    view.source_sentences.clear();
    view.source_sentences.extend(pair.bead.source().map(|i| {
        let r = source_sentences[i].range();
        r.start - sr.start..r.end - sr.start
    }));
    view.target_sentences.clear();
    view.target_sentences.extend(pair.bead.target().map(|i| {
        let r = target_sentences[i].range();
        r.start - tr.start..r.end - tr.start
    }));
    view.unit_space = unit_space(doc, source_sentences, target_sentences, &pair.bead);
}

/// Run segment → align → check on one document.
pub fn check_document(doc: Document, settings: &Settings, rules: &RuleSet) -> Checked {
    check_document_with(doc, settings, rules, false).0
}

/// [`check_document`], also returning the time spent in each phase.
pub fn check_document_timed(
    doc: Document,
    settings: &Settings,
    rules: &RuleSet,
) -> (Checked, Timings) {
    check_document_with(doc, settings, rules, true)
}

/// [`check_document_timed`]; each rule's CPU time only when `per_rule` (its clock readings
/// are system calls, dear for a document of one unit, as the corpus path checks them).
fn check_document_with(
    doc: Document,
    settings: &Settings,
    rules: &RuleSet,
    per_rule: bool,
) -> (Checked, Timings) {
    let mut timings = Timings::default();
    let t0 = Instant::now();
    let (source_sentences, target_sentences, pairs) = pairs_of(&doc, settings, &mut timings);
    let t2 = t0 + timings.segment + timings.align;

    let src_chars: usize = source_sentences
        .iter()
        .map(|s| doc.source.text[s.range()].chars().count())
        .sum();
    let tgt_chars: usize = target_sentences
        .iter()
        .map(|s| doc.target.text[s.range()].chars().count())
        .sum();
    let char_lengths: Vec<(usize, usize)> = pairs
        .iter()
        .map(|p| {
            (
                doc.source.text[p.source_range()].trim().chars().count(),
                doc.target.text[p.target_range()].trim().chars().count(),
            )
        })
        .collect();
    let stats = doc_stats(src_chars, tgt_chars, &char_lengths);
    drop(char_lengths);

    let sentences = (&doc, &source_sentences[..], &target_sentences[..]);
    let policy = &rules.policy;
    // A pair's findings as the report wants them: inline suppressions applied, in position
    // order, each with its pair's index.
    let finish = |index: usize, out: Findings, into: &mut Vec<(usize, Finding)>| {
        if out.is_empty() {
            return;
        }
        let mut out = out.into_vec();
        let pair = &pairs[index];
        let ignored = ignored_in_pair(&doc, &source_sentences, &target_sentences, &pair.bead);
        if !ignored.is_empty() {
            out.retain(|f| !is_ignored(ignored.as_slice(), f));
        }
        sort_by_position(&mut out);
        into.extend(out.into_iter().map(|f| (index, f)));
    };
    // The pair rules, in parallel over chunks of pairs; all rules on a pair before the next
    // pair, so that what the rules share about a pair (its analysis, and the per-thread memo
    // of words and tokens, which holds a few texts) is still at hand for the next rule: rule
    // by rule over a chunk, every rule after the first found the memo full of other pairs
    // (10k TMX: 3,055 M → 2,817 M instructions). A chunk hands back its findings finished
    // and flat: nothing per pair outlives its chunk.
    let reading = if per_rule {
        clock_cost()
    } else {
        Duration::ZERO
    };
    let pair_rules = || -> Vec<(PairFindings, Vec<Duration>, Duration)> {
        pairs
            .par_chunks(CHECK_CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut outs: Vec<Findings> = (0..chunk.len())
                    .map(|_| Findings::with_policy(policy))
                    .collect();
                let mut spent = vec![Duration::ZERO; rules.pair.len()];
                // The shared analysis of the sampled pairs, measured apart from the rules.
                let mut shared = Duration::ZERO;
                // One view for the chunk, made each pair's in turn: the buffers of its sentence
                // lists and analysis serve every pair of the chunk.
                let mut view = PairView::new("", "", Vec::new(), Vec::new(), &stats);
                for (k, (pair, out)) in chunk.iter().zip(outs.iter_mut()).enumerate() {
                    view_into(sentences, pair, &mut view);
                    let view = &mut view;
                    if !per_rule || k % TIME_EVERY != 0 {
                        for check in &rules.pair {
                            check.check(view, out);
                            view.analysis.forget_if_large();
                        }
                        continue;
                    }
                    // A sampled pair: each rule's CPU time on it stands for the pairs up to
                    // the next sample.
                    let weight = u32::try_from(TIME_EVERY.min(chunk.len() - k)).unwrap_or(1);
                    view.analysis.time_with(Some(reading));
                    let mut clock = thread_cpu_time();
                    for (check, total) in rules.pair.iter().zip(spent.iter_mut()) {
                        let analysed = view.analysis.time_spent();
                        check.check(view, out);
                        view.analysis.forget_if_large();
                        let now = thread_cpu_time();
                        // What the rule computed of the shared analysis is the analysis's
                        // (and the readings that measured it, nobody's).
                        let (own, gross) = view.analysis.time_spent();
                        let rule = now.saturating_sub(clock).saturating_sub(reading);
                        *total += rule.saturating_sub(gross.saturating_sub(analysed.1)) * weight;
                        shared += own.saturating_sub(analysed.0) * weight;
                        clock = now;
                    }
                    view.analysis.time_with(None);
                }
                drop(view);
                let mut flat = Vec::new();
                for (k, out) in outs.into_iter().enumerate() {
                    finish(c * CHECK_CHUNK + k, out, &mut flat);
                }
                flat.shrink_to_fit();
                (flat, spent, shared)
            })
            .collect()
    };
    // The document rules, each over every pair of the document, into collectors that
    // allocate only for the pairs they report on. They do not depend on the pair rules'
    // findings: they run beside them (on a thread of their own while there is one), and
    // their findings are merged in after.
    let document_rules = || -> Option<(DocFindings, Vec<(&'static str, Duration)>)> {
        if rules.document.is_empty() {
            return None;
        }
        // Nothing per pair: the view slices each pair's texts from the document when a rule
        // asks, and the collectors hold only the pairs reported on.
        let view = DocView::of_document(&doc, &pairs, &stats);
        let mut outs = DocFindings::with_policy(policy);
        let mut spent = Vec::with_capacity(rules.document.len());
        for check in &rules.document {
            if !per_rule {
                check.check_document(&view, &mut outs);
                continue;
            }
            let clock = thread_cpu_time();
            check.check_document(&view, &mut outs);
            spent.push((check.rule().code, thread_cpu_time().saturating_sub(clock)));
        }
        Some((outs, spent))
    };
    let (per_chunk, document) = rayon::join(pair_rules, document_rules);
    timings.checks = rules
        .pair
        .iter()
        .map(|c| (c.rule().code, Duration::ZERO))
        .collect();
    let mut findings: Vec<(usize, Finding)> =
        Vec::with_capacity(per_chunk.iter().map(|(f, _, _)| f.len()).sum());
    for (flat, spent, shared) in per_chunk {
        for ((_, total), d) in timings.checks.iter_mut().zip(spent) {
            *total += d;
        }
        timings.analysis += shared;
        findings.extend(flat);
    }
    if let Some((outs, spent)) = document {
        timings.checks.extend(spent);
        timings.checks.sort_by_key(|(code, _)| *code);
        if !outs.is_empty() {
            // Merge each pair's document findings into its pair findings, in position order.
            let mut doc_findings = Vec::new();
            for (index, out) in outs.into_pairs() {
                finish(index, out, &mut doc_findings);
            }
            let mut merged = Vec::with_capacity(findings.len() + doc_findings.len());
            let mut a = findings.into_iter().peekable();
            let mut b = doc_findings.into_iter().peekable();
            loop {
                let pair = match (a.peek(), b.peek()) {
                    (Some((i, _)), Some((j, _))) => (*i).min(*j),
                    (Some((i, _)), None) => *i,
                    (None, Some((j, _))) => *j,
                    (None, None) => break,
                };
                let mut both: Vec<Finding> = Vec::new();
                while let Some((_, f)) = a.next_if(|(i, _)| *i == pair) {
                    both.push(f);
                }
                while let Some((_, f)) = b.next_if(|(j, _)| *j == pair) {
                    both.push(f);
                }
                sort_by_position(&mut both);
                merged.extend(both.into_iter().map(|f| (pair, f)));
            }
            findings = merged;
        }
    }
    timings.check = t2.elapsed();

    (
        Checked {
            doc,
            source_sentences,
            target_sentences,
            pairs,
            findings,
        },
        timings,
    )
}

/// A pair's findings in report order: source side first, then by span and code (stable, so
/// equal keys keep the order the rules gave them).
fn sort_by_position(findings: &mut [Finding]) {
    findings.sort_by_key(|f| {
        (
            f.side == Side::Target,
            f.span.start,
            f.span.end,
            f.rule.code,
        )
    });
}

/// The inline suppressions (`Block::ignore`) that apply to a pair: those of the blocks its
/// source and target sentences lie in.
fn ignored_in_pair<'d>(
    doc: &'d Document,
    src: &[Sentence],
    tgt: &[Sentence],
    bead: &Bead,
) -> Vec<&'d str> {
    let mut out = Vec::new();
    let blocks = bead
        .target()
        .filter_map(|i| tgt.get(i))
        .filter_map(|s| doc.target.blocks.get(s.block()))
        .chain(
            bead.source()
                .filter_map(|i| src.get(i))
                .filter_map(|s| doc.source.blocks.get(s.block())),
        );
    for b in blocks {
        out.extend(b.ignore().iter().map(String::as_str));
    }
    out
}

/// Whether an inline suppression list names the finding's check (by code or name, any case;
/// `all` suppresses every check).
fn is_ignored(ignored: &[&str], f: &Finding) -> bool {
    ignored.iter().any(|k| {
        k.eq_ignore_ascii_case(f.rule.code)
            || k.eq_ignore_ascii_case(f.rule.name)
            || k.eq_ignore_ascii_case("all")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::plaintext::from_text;

    fn doc(target_ignore: &[&str]) -> Document {
        let source = from_text("en.txt".into(), "It is good.\n\nIt is bad.\n".into());
        let mut target = from_text(
            "de.txt".into(),
            "Es ist gut. .\n\nEs ist schlecht. .\n".into(),
        );
        target.blocks[0].set_ignore(target_ignore.iter().map(|s| s.to_string()).collect());
        Document {
            id: "de.txt".into(),
            source,
            target,
            paired: true,
        }
    }

    fn codes(checked: &Checked) -> Vec<(usize, &'static str)> {
        checked
            .findings
            .iter()
            .map(|(i, f)| (i.to_owned(), f.rule.code))
            .collect()
    }

    #[test]
    fn inline_ignore_suppresses_a_check_in_its_block_only() {
        let checks = crate::checks::registry();
        let settings = Settings::default();
        let all = check_document(doc(&[]), &settings, &checks);
        let pair_of_block1 = all.findings.last().map(|(i, _)| *i).unwrap();
        assert_eq!(codes(&all), [(0, "MT005"), (pair_of_block1, "MT005")]);
        for key in ["MT005", "doubled-punctuation", "all"] {
            let some = check_document(doc(&[key]), &settings, &checks);
            assert_eq!(codes(&some), [(pair_of_block1, "MT005")], "{key}");
        }
        let other = check_document(doc(&["MT001"]), &settings, &checks);
        assert_eq!(codes(&other).len(), 2);
    }

    #[test]
    fn a_side_text_past_32_bit_positions_is_refused_naming_the_document() {
        // Positions are held in 32 bits: a side text longer than the limit is an error
        // naming the document and what to do, never a saturated (wrong) span. (A 4 GiB text
        // is too large for a test: the same check with a small limit.)
        assert_eq!(MAX_SIDE_TEXT, u32::MAX as usize);
        let d = doc(&[]);
        assert!(fits(&d).is_ok());
        let len = d.target.text.len();
        assert!(side_fits(&d.id, "target", &d.target.text, len).is_ok());
        let err = side_fits(&d.id, "target", &d.target.text, len - 1)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("de.txt: its target text has"), "{err}");
        assert!(err.contains("split it into smaller files"), "{err}");
        // A pair whose positions pass 32 bits anyway saturates, never a panic.
        let max = u32::MAX as usize;
        let p = Pair::new(Bead::new(0..1, 0..1, 1.0), max..max + 9, 1..2);
        assert_eq!((p.source_range(), p.target_range()), (max..max, 1..2));
        assert_eq!(std::mem::size_of::<Pair>(), 40);
    }
}
