//! Run orchestration for `mtlint check`: the worker pool, the progress bar, reading and
//! checking every input in parallel, and the phase times.

use std::io::IsTerminal;
use std::time::Instant;

use rayon::prelude::*;

use crate::checks;
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

/// Read and check every input, in parallel on `threads` workers; the result keeps the order
/// of `inputs`.
///
/// A document whose file declares a source or target language other than the run's
/// (`--source-lang`/`--target-lang`; e.g. the French `<tuv>`s of a TMX) is not checked:
/// the checks are written for German, and would only produce noise.
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
    let run = || -> Vec<Result<Checks>> {
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
                for doc in docs {
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
                    out.push(report::DocRows::from_checked(checked, all_pairs));
                }
                if let Some(bar) = &bar {
                    bar.inc(1);
                }
                Ok((out, timings, skipped))
            })
            .collect()
    };
    let results = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| MtError::Usage(format!("cannot start {threads} worker threads: {e}")))?
        .install(run);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let mut all = Vec::new();
    let mut timings = pipeline::Timings::default();
    let mut skipped = Vec::new();
    for r in results {
        let (checked, t, s) = r?;
        timings.add(&t);
        all.extend(checked);
        skipped.extend(s);
    }
    Ok((all, timings, skipped))
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
