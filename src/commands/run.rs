//! Run orchestration for `mtlint check`: the worker pool, the progress bar, reading and
//! checking every input in parallel, and the phase times.

use std::io::IsTerminal;
use std::time::Instant;

use rayon::prelude::*;

use crate::checks::consistency::{self, CrossGroup, PairKey};
use crate::checks::{self, Finding, Findings, Rule};
use crate::error::{MtError, Result};
use crate::formats::{self, batch::Input};
use crate::pipeline::{self, Settings};
use crate::report;

/// At most this many worker threads per core: more only cost memory and start-up time.
pub const THREADS_PER_CORE: usize = 4;

/// The number of worker threads for a run: what was asked for (`None`: rayon's default, one
/// per core or `RAYON_NUM_THREADS`), but never more than [`THREADS_PER_CORE`] × the cores,
/// nor more than there are inputs to work on (a run's unit of parallel work is an input
/// file), nor fewer than one.
pub fn thread_count(requested: Option<usize>, work_items: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let requested = requested.unwrap_or_else(rayon::current_num_threads);
    requested
        .min(THREADS_PER_CORE.saturating_mul(cores))
        .min(work_items)
        .max(1)
}

/// What [`check_inputs`] found: the report rows of each checked document in input order (a
/// document's text is dropped as soon as its rows are made), the phase times, and a note for
/// each document skipped because it declares other languages.
pub type Checks = (Vec<report::DocRows>, pipeline::Timings, Vec<String>);

/// What one input leaves: its documents' rows, phase times, skip notes, and per checked
/// document its index among the input's documents and the hashes the consistency across
/// files compares.
type InputChecks = (
    Vec<report::DocRows>,
    pipeline::Timings,
    Vec<String>,
    Vec<(usize, Vec<PairKey>)>,
);

/// Read and check every input, in parallel on `threads` workers; the result keeps the order
/// of `inputs`.
///
/// A document whose file declares a source or target language other than the run's
/// (`--source-lang`/`--target-lang`; e.g. the French `<tuv>`s of a TMX) is not checked:
/// the checks are written for German, and would only produce noise.
///
/// With more than one document and inconsistent-translation (MT021) on, the same source
/// translated differently in different documents is flagged too, after every document is
/// checked (see [`across_files`]).
///
/// With `progress`, a progress bar on stderr counts the files (only drawn when stderr is a
/// terminal and there is more than one file).
pub fn check_inputs(
    inputs: &[Input],
    settings: &Settings,
    registry: &checks::RuleSet,
    threads: usize,
    progress: bool,
    all_pairs: bool,
) -> Result<Checks> {
    let bar = (progress && inputs.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("mtlint: {bar:30} {pos}/{len} files {elapsed}")
        {
            bar.set_style(style);
        }
        bar
    });
    // The rule that reports inconsistency across files, when it runs.
    let mt021: Option<&'static Rule> = registry
        .document
        .iter()
        .map(|c| c.rule())
        .find(|r| r.code == "MT021");
    let run = || -> Vec<Result<InputChecks>> {
        inputs
            .par_iter()
            .map(|input| {
                let started = Instant::now();
                let docs = input.read()?;
                let mut timings = pipeline::Timings {
                    read: started.elapsed(),
                    ..Default::default()
                };
                let mut out = Vec::with_capacity(docs.len());
                let mut skipped = Vec::new();
                let mut keys = Vec::new();
                // Keys only where there can be another document to compare with (a run of
                // one single-document input, say a 1M-unit TMX, needs none).
                let cross = mt021.is_some() && (inputs.len() > 1 || docs.len() > 1);
                for (n, doc) in docs.into_iter().enumerate() {
                    let other = formats::other_lang(&doc.source, settings.source_lang)
                        .or_else(|| formats::other_lang(&doc.target, settings.target_lang));
                    if let Some(lang) = other {
                        skipped.push(format!(
                            "{}: declares language {lang}; checking {} → {} only",
                            doc.id, settings.source_lang, settings.target_lang
                        ));
                        continue;
                    }
                    super::check_not_swapped(&doc, settings)?;
                    let (checked, t) = pipeline::check_document_timed(doc, settings, registry);
                    timings.add(&t);
                    if cross {
                        keys.push((n, doc_keys(&checked.doc, &checked.pairs)));
                    }
                    out.push(report::DocRows::from_checked(checked, all_pairs));
                }
                if let Some(bar) = &bar {
                    bar.inc(1);
                }
                Ok((out, timings, skipped, keys))
            })
            .collect()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| MtError::Usage(format!("cannot start {threads} worker threads: {e}")))?;
    let results = pool.install(run);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let mut all = Vec::new();
    let mut timings = pipeline::Timings::default();
    let mut skipped = Vec::new();
    // Per checked document: (input, index among the input's documents), and its keys.
    let mut origins: Vec<(usize, usize)> = Vec::new();
    let mut keys: Vec<Vec<PairKey>> = Vec::new();
    for (input, r) in results.into_iter().enumerate() {
        let (checked, t, s, k) = r?;
        timings.add(&t);
        all.extend(checked);
        skipped.extend(s);
        for (n, k) in k {
            origins.push((input, n));
            keys.push(k);
        }
    }
    if let Some(rule) = mt021
        && keys.len() > 1
    {
        let groups = consistency::across_documents(&keys);
        drop(keys);
        if !groups.is_empty() {
            let cx = CrossFiles {
                inputs,
                settings,
                registry,
                rule,
                origins: &origins,
                all_pairs,
            };
            let redone = pool.install(|| cx.findings(&groups))?;
            // `all` holds the rows of the checked documents in the order of `origins`.
            for (position, rows, t) in redone {
                timings.add(&t);
                all[position] = rows;
            }
        }
    }
    Ok((all, timings, skipped))
}

/// The consistency keys of a checked document's pairs.
fn doc_keys(doc: &crate::model::Document, pairs: &[pipeline::Pair]) -> Vec<PairKey> {
    consistency::pair_keys(
        pairs.iter().map(|p| {
            (
                &doc.source.text[p.source_range.clone()],
                &doc.target.text[p.target_range.clone()],
                pipeline::unit_of(doc, p),
            )
        }),
        checks::inconsistent_translation::MIN_WORDS,
    )
}

/// The consistency across the files of a run: after every document is checked and only the
/// hashes of its pairs were kept ([`PairKey`], 40 bytes a pair), the groups of
/// [`consistency::across_documents`] need texts again. The documents that hold a listed
/// variant are read, segmented and aligned once more (not checked) for the texts and units
/// the messages quote; the documents with a flagged pair are read and checked once more, and
/// their rows rebuilt with the new findings, so the report is made as for any other finding
/// (position order, bounds, baselines). Both are deterministic: the same rows as the first
/// pass plus the new ones.
struct CrossFiles<'a> {
    inputs: &'a [Input],
    settings: &'a Settings,
    registry: &'a checks::RuleSet,
    rule: &'static Rule,
    /// (input, document among its documents) of each checked document.
    origins: &'a [(usize, usize)],
    all_pairs: bool,
}

/// (position among the checked documents, its new rows, the time spent).
type Redone = (usize, report::DocRows, pipeline::Timings);

impl CrossFiles<'_> {
    /// Read input `input` again and hand each of its documents named in `wanted` (by
    /// position among the checked documents) to `f`.
    fn reread<T: Send>(
        &self,
        wanted: &std::collections::BTreeSet<u32>,
        f: impl Fn(usize, crate::model::Document) -> Result<T> + Sync,
    ) -> Result<Vec<T>> {
        let mut by_input: std::collections::BTreeMap<usize, Vec<(usize, usize)>> =
            std::collections::BTreeMap::new();
        for &d in wanted {
            let d = d as usize;
            if let Some(&(input, n)) = self.origins.get(d) {
                by_input.entry(input).or_default().push((n, d));
            }
        }
        let by_input: Vec<(usize, Vec<(usize, usize)>)> = by_input.into_iter().collect();
        let results: Vec<Result<Vec<T>>> = by_input
            .par_iter()
            .map(|(input, docs)| {
                let mut out = Vec::new();
                for (n, doc) in self.inputs[*input].read()?.into_iter().enumerate() {
                    if let Some(&(_, d)) = docs.iter().find(|(m, _)| *m == n) {
                        out.push(f(d, doc)?);
                    }
                }
                Ok(out)
            })
            .collect();
        let mut all = Vec::new();
        for r in results {
            all.extend(r?);
        }
        Ok(all)
    }

    fn findings(&self, groups: &[CrossGroup]) -> Result<Vec<Redone>> {
        use std::collections::{BTreeSet, HashMap};
        // The places the messages name (each listed variant's places; the first place of a
        // variant gives its text).
        let mut named: BTreeSet<u32> = BTreeSet::new();
        // (document, pair) → its trimmed target and unit, once read.
        type Place = Option<(String, Option<String>)>;
        let mut places: HashMap<(u32, u32), Place> = HashMap::new();
        for g in groups {
            for v in g.variants.iter().take(consistency::LIST_VARIANTS) {
                for p in &v.places {
                    named.insert(p.0);
                    places.insert(*p, None);
                }
            }
        }
        let found = self.reread(&named, |d, doc| {
            let mut t = pipeline::Timings::default();
            let (_, _, pairs) = pipeline::pairs_of(&doc, self.settings, &mut t);
            let mut out = Vec::new();
            for (i, p) in pairs.iter().enumerate() {
                let key = (d as u32, i as u32);
                if places.contains_key(&key) {
                    out.push((
                        key,
                        doc.target.text[p.target_range.clone()].trim().to_string(),
                        pipeline::unit_of(&doc, p).map(str::to_string),
                        doc.id.clone(),
                    ));
                }
            }
            Ok(out)
        })?;
        let mut names: HashMap<u32, String> = HashMap::new();
        for (key, text, unit, id) in found.into_iter().flatten() {
            names.entry(key.0).or_insert(id);
            places.insert(key, Some((text, unit)));
        }
        let place = |p: (u32, u32)| {
            let doc = names.get(&p.0).map_or("?", String::as_str);
            match places.get(&p) {
                Some(Some((_, Some(unit)))) => format!("{doc} {unit}"),
                _ => format!("{doc} pair {}", p.1),
            }
        };
        // The findings by document: (pair, message, suggestion, severity).
        type Planned = (u32, String, String, Option<crate::model::Severity>);
        let mut planned: HashMap<u32, Vec<Planned>> = HashMap::new();
        for g in groups {
            let text = |v: usize| {
                g.variants
                    .get(v)
                    .and_then(|v| v.places.first())
                    .and_then(|p| places.get(p))
                    .and_then(|t| t.as_ref())
                    .map_or(String::new(), |(t, _)| t.clone())
            };
            let reference = text(0);
            for &(d, pair, _, difference) in &g.flagged {
                let (message, severity) = consistency::cross_message(g, difference, &place, &text);
                planned
                    .entry(d)
                    .or_default()
                    .push((pair, message, reference.clone(), severity));
            }
        }
        let flagged: BTreeSet<u32> = planned.keys().copied().collect();
        let policy = &self.registry.policy;
        self.reread(&flagged, |d, doc| {
            let (mut checked, t) =
                pipeline::check_document_timed(doc, self.settings, self.registry);
            let mut extra = Vec::new();
            for (pair, message, suggestion, severity) in
                planned.get(&(d as u32)).into_iter().flatten()
            {
                let Some(p) = checked.pairs.get(*pair as usize) else {
                    continue;
                };
                let target = &checked.doc.target.text[p.target_range.clone()];
                let lead = target.len() - target.trim_start().len();
                let mut f =
                    Finding::target(self.rule, lead..lead + target.trim().len(), message.clone())
                        .with_suggestion(suggestion.clone());
                if let Some(s) = severity {
                    f = f.with_severity(*s);
                }
                // Through the run's policy (severity overrides), as any finding.
                let mut out = Findings::with_policy(policy);
                out.push(f);
                extra.extend(out.into_vec().into_iter().map(|f| (*pair as usize, f)));
            }
            pipeline::add_findings(&mut checked, extra);
            Ok((d, report::DocRows::from_checked(checked, self.all_pairs), t))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_capped_by_cores_and_work() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(thread_count(Some(1_000_000), usize::MAX), 4 * cores);
        assert_eq!(thread_count(Some(20_000), 3), 3);
        assert_eq!(thread_count(Some(0), 10), 1);
        assert_eq!(thread_count(Some(2), 10), 2.min(4 * cores));
        assert!(thread_count(None, 1) == 1);
    }
}
