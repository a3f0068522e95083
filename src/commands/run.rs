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
/// nor fewer than one. Not fewer for fewer input files: a document's sentences are segmented
/// and its pairs checked in parallel, so one large file keeps every thread busy.
pub fn thread_count(requested: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let requested = requested.unwrap_or_else(rayon::current_num_threads);
    requested.min(THREADS_PER_CORE.saturating_mul(cores)).max(1)
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
    // The rules that report (in)consistency across files, when they run.
    let document_rule = |code: &str| -> Option<&'static Rule> {
        registry
            .document
            .iter()
            .map(|c| c.rule())
            .find(|r| r.code == code)
    };
    let mt021 = document_rule("MT021");
    let mt025 = document_rule("MT025");
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
                let cross =
                    (mt021.is_some() || mt025.is_some()) && (inputs.len() > 1 || docs.len() > 1);
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
                    pipeline::fits(&doc)?;
                    let (checked, t) = pipeline::check_document_timed(doc, settings, registry);
                    timings.add(&t);
                    if cross {
                        keys.push((
                            n,
                            doc_keys(
                                &checked.doc,
                                &checked.pairs,
                                mt021.is_some(),
                                mt025.is_some(),
                            ),
                        ));
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
    if keys.len() > 1 {
        let mut groups: Groups = Vec::new();
        if let Some(rule) = mt021 {
            groups.push((rule, Kind::SameSource, consistency::across_documents(&keys)));
        }
        if let Some(rule) = mt025 {
            groups.push((
                rule,
                Kind::SameTarget,
                consistency::same_target_across_documents(&keys),
            ));
        }
        drop(keys);
        if groups.iter().any(|(_, _, g)| !g.is_empty()) {
            let cx = CrossFiles {
                inputs,
                settings,
                registry,
                origins: &origins,
            };
            let added = pool.install(|| cx.findings(&groups))?;
            // `all` holds the rows of the checked documents in the order of `origins`.
            for (position, rows, t) in added {
                timings.add(&t);
                if let Some(rows) = rows
                    && let Some(doc) = all.get_mut(position)
                {
                    doc.merge(rows);
                }
            }
        }
    }
    Ok((all, timings, skipped))
}

/// The consistency keys of a checked document's pairs: compared by source when
/// inconsistent-translation (MT021) runs, by target when same-translation (MT025) runs.
fn doc_keys(
    doc: &crate::model::Document,
    pairs: &[pipeline::Pair],
    by_source: bool,
    by_target: bool,
) -> Vec<PairKey> {
    consistency::pair_keys(
        pairs.iter().map(|p| {
            (
                &doc.source.text[p.source_range()],
                &doc.target.text[p.target_range()],
                pipeline::unit_of(doc, p),
            )
        }),
        by_source.then_some(checks::inconsistent_translation::MIN_WORDS),
        by_target.then_some(checks::same_translation::MIN_WORDS),
    )
}

/// Which consistency across files a group is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The same source translated differently ([`consistency::across_documents`], MT021):
    /// the variants are targets.
    SameSource,
    /// Different sources with the same target ([`consistency::same_target_across_documents`],
    /// MT025): the variants are sources.
    SameTarget,
}

/// The consistency across the files of a run: after every document is checked and only the
/// hashes of its pairs were kept ([`PairKey`], 48 bytes a pair), the groups of
/// [`consistency::across_documents`] and [`consistency::same_target_across_documents`] need
/// texts again. The documents that hold a listed variant or a flagged pair are read,
/// segmented and aligned once more (not checked): the texts and units the messages quote are
/// taken from them, and the rows of the flagged pairs made (their messages filled in once
/// every text is known) and merged into the document's rows, so the report is what it would
/// be had the checks found them (position order, inline suppressions, severity overrides).
/// Deterministic: the same rows as the first pass plus the new ones, for any `--jobs`.
struct CrossFiles<'a> {
    inputs: &'a [Input],
    settings: &'a Settings,
    registry: &'a checks::RuleSet,
    /// (input, document among its documents) of each checked document.
    origins: &'a [(usize, usize)],
}

/// (position among the checked documents, the rows to merge into its rows, the time spent).
type Added = (usize, Option<report::DocRows>, pipeline::Timings);

/// The groups of each consistency across files that runs: its rule, its kind, its groups.
type Groups = Vec<(&'static Rule, Kind, Vec<CrossGroup>)>;

/// What reading one document again leaves: its position among the checked documents, its
/// places, the rows of its findings with the findings they are of (in row order), and the
/// time spent.
type Read = (
    usize,
    Vec<((u32, u32), Place)>,
    Option<(report::DocRows, Vec<Planned>)>,
    pipeline::Timings,
);

/// A place a message names: its document's id, its unit, its trimmed source and target.
type Place = (String, Option<String>, String, String);

/// A finding to add: (group list, group, pair's variant and difference).
type Planned = (usize, usize, consistency::Difference);

impl CrossFiles<'_> {
    /// Read each input that holds a document named in `wanted` (by position among the
    /// checked documents) again, and hand those documents to `f`, in parallel.
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

    fn findings(&self, groups: &Groups) -> Result<Vec<Added>> {
        use std::collections::{BTreeMap, BTreeSet, HashMap};
        // The places the messages name (each listed variant's places; the first place of a
        // variant gives its text), and the findings to add by document and pair.
        let mut places: HashMap<(u32, u32), Option<Place>> = HashMap::new();
        let mut planned: BTreeMap<u32, Vec<(u32, Planned)>> = BTreeMap::new();
        for (list, (_, _, groups)) in groups.iter().enumerate() {
            for (g, group) in groups.iter().enumerate() {
                for v in group.variants.iter().take(consistency::LIST_VARIANTS) {
                    for p in &v.places {
                        places.insert(*p, None);
                    }
                }
                for &(d, pair, _, difference) in &group.flagged {
                    planned
                        .entry(d)
                        .or_default()
                        .push((pair, (list, g, difference)));
                }
            }
        }
        let mut wanted: BTreeSet<u32> = places.keys().map(|p| p.0).collect();
        wanted.extend(planned.keys());
        let policy = &self.registry.policy;
        let read: Vec<Read> = self.reread(&wanted, |d, doc| {
            let started = Instant::now();
            let mut t = pipeline::Timings::default();
            let (src, tgt, pairs) = pipeline::pairs_of(&doc, self.settings, &mut t);
            let mut found = Vec::new();
            for (i, p) in pairs.iter().enumerate() {
                let key = (d as u32, i as u32);
                if places.contains_key(&key) {
                    found.push((
                        key,
                        (
                            doc.id.clone(),
                            pipeline::unit_of(&doc, p).map(str::to_string),
                            doc.source.text[p.source_range()].trim().to_string(),
                            doc.target.text[p.target_range()].trim().to_string(),
                        ),
                    ));
                }
            }
            let rows = planned.get(&(d as u32)).map(|todo| {
                let mut made: Vec<(usize, crate::checks::Finding, Planned)> = Vec::new();
                for &(pair, plan) in todo {
                    let Some(p) = pairs.get(pair as usize) else {
                        continue;
                    };
                    let (rule, _, _) = groups[plan.0];
                    let target = &doc.target.text[p.target_range()];
                    let lead = target.len() - target.trim_start().len();
                    // The message and suggestion come when every text is known.
                    let mut f = Finding::target(rule, lead..lead + target.trim().len(), "");
                    if plan.2 == consistency::Difference::Space {
                        f = f.with_severity(crate::model::Severity::Info);
                    }
                    // Through the run's policy (severity overrides) and the inline
                    // suppressions, as any finding.
                    let mut out = Findings::with_policy(policy);
                    out.push(f);
                    for f in out.into_vec() {
                        if !pipeline::suppressed(&doc, &src, &tgt, p, &f) {
                            made.push((pair as usize, f, plan));
                        }
                    }
                }
                // Pair order, then the pipeline's order within a pair (all on the target,
                // each on the whole text: by code).
                made.sort_by_key(|(i, f, _)| (*i, f.span.start, f.span.end, f.rule.code));
                let plans: Vec<Planned> = made.iter().map(|(_, _, p)| *p).collect();
                let findings = made.into_iter().map(|(i, f, _)| (i, f)).collect();
                (report::DocRows::of_findings(&doc, &pairs, findings), plans)
            });
            t.read = started.elapsed().saturating_sub(t.segment + t.align);
            Ok((d, found, rows, t))
        })?;
        let mut names: HashMap<u32, String> = HashMap::new();
        let mut added = Vec::new();
        for (d, found, rows, t) in read {
            for (key, place) in found {
                names.entry(key.0).or_insert_with(|| place.0.clone());
                places.insert(key, Some(place));
            }
            added.push((d, rows, t));
        }
        let place = |p: (u32, u32)| {
            let doc = names.get(&p.0).map_or("?", String::as_str);
            match places.get(&p) {
                Some(Some((_, Some(unit), _, _))) => format!("{doc} {unit}"),
                _ => format!("{doc} pair {}", p.1),
            }
        };
        let mut out = Vec::new();
        for (d, rows, t) in added {
            let Some((mut rows, plans)) = rows else {
                out.push((d, None, t));
                continue;
            };
            for (k, (list, g, difference)) in plans.into_iter().enumerate() {
                let (_, kind, groups) = &groups[list];
                let group = &groups[g];
                let text = |v: usize| {
                    group
                        .variants
                        .get(v)
                        .and_then(|v| v.places.first())
                        .and_then(|p| places.get(p))
                        .and_then(|t| t.as_ref())
                        .map_or(String::new(), |(_, _, source, target)| match kind {
                            Kind::SameSource => target.clone(),
                            Kind::SameTarget => source.clone(),
                        })
                };
                let (message, suggestion) = match kind {
                    Kind::SameSource => (
                        consistency::cross_message(group, difference, &place, &text).0,
                        Some(text(0)),
                    ),
                    Kind::SameTarget => {
                        (consistency::same_target_message(group, &place, &text), None)
                    }
                };
                rows.set_texts(k, message, suggestion);
            }
            out.push((d, Some(rows), t));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_capped_by_cores_not_by_files() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(thread_count(Some(1_000_000)), 4 * cores);
        assert_eq!(thread_count(Some(0)), 1);
        assert_eq!(thread_count(Some(2)), 2.min(4 * cores));
        assert!((1..=4 * cores).contains(&thread_count(None)));
    }
    /// A document checked with the default rules.
    fn checked(en: &str, de: &str) -> pipeline::Checked {
        use crate::formats::plaintext::from_text;
        let doc = crate::model::Document {
            id: "de.txt".into(),
            source: from_text("en.txt".into(), en.into()),
            target: from_text("de.txt".into(), de.into()),
            paired: true,
        };
        pipeline::check_document(doc, &Settings::default(), &checks::RuleSet::defaults())
    }

    #[test]
    fn rows_added_after_the_checks_are_the_rows_made_at_once() {
        let rules = checks::all_rules();
        let rule = |code: &str| {
            *rules
                .iter()
                .find(|r| r.code == code)
                .expect("a rule of the registry")
        };
        let en = "It is good. It is very good.\n\nThe cat sleeps on the mat.\n\nIt is bad.\n\nSave your changes now.\n\nThe dog barks at night.\n";
        // A clean document (few pairs with rows: their texts are copied) and one with
        // findings in every pair (the document's own texts are kept).
        let clean = "Es ist gut. Es ist sehr gut.\n\nDie Katze schläft auf der Matte.\n\nEs ist schlecht.\n\nSpeichern Sie jetzt.\n\nDer Hund bellt nachts.\n";
        let noisy = "Es ist gut. . Es ist sehr gut. .\n\nDie Katze schläft auf der Matte. .\n\nEs ist schlecht. .\n\nSpeichern Sie jetzt. .\n\nDer Hund bellt nachts. .\n";
        for de in [clean, noisy] {
            for all_pairs in [false, true] {
                let base = checked(en, de);
                let n = base.pairs.len();
                assert!(n >= 4, "{n}");
                let extra: Vec<(usize, Finding)> = [1, 3, n - 1]
                    .into_iter()
                    .flat_map(|i| {
                        let t = base.doc.target.text[base.pairs[i].target_range()].trim();
                        let whole = 0..t.len();
                        [
                            (
                                i,
                                Finding::target(rule("MT021"), whole.clone(), format!("a {i}")),
                            ),
                            (i, Finding::target(rule("MT025"), whole, format!("b {i}"))),
                            (i, Finding::target(rule("MT025"), 0..2, format!("c {i}"))),
                        ]
                    })
                    .collect();
                // At once: every finding, in pair and position order (stable).
                let mut at_once = checked(en, de);
                at_once.findings.extend(extra.iter().cloned());
                at_once.findings.sort_by_key(|(i, f)| {
                    (
                        *i,
                        f.side == crate::model::Side::Target,
                        f.span.start,
                        f.span.end,
                        f.rule.code,
                    )
                });
                let expected: Vec<report::Row> =
                    report::DocRows::new(&at_once, all_pairs).rows().collect();
                // Afterwards: the rows of the checks, then those of the document read again.
                let mut rows = report::DocRows::from_checked(base, all_pairs);
                let again = checked(en, de);
                let mut sorted = extra.clone();
                sorted.sort_by_key(|(i, f)| (*i, f.span.start, f.span.end, f.rule.code));
                rows.merge(report::DocRows::of_findings(
                    &again.doc,
                    &again.pairs,
                    sorted,
                ));
                let got: Vec<report::Row> = rows.rows().collect();
                assert_eq!(got, expected, "all_pairs {all_pairs}, {de}");
                assert!(got.iter().any(|r| r.message == "c 3"));
            }
        }
    }
}
