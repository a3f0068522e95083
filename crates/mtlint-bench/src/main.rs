//! The `mtlint-bench` command line: `checks` measures the checks, `align` the aligner.
//!
//! ```sh
//! cargo run --release -p mtlint-bench -- checks [--data DIR] [--seed N] [--examples N]
//! cargo run --release -p mtlint-bench -- false-alarms [--data DIR] [--sample CODE N]…
//! cargo run --release -p mtlint-bench -- align --gold G --source S --target T …
//! ```

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mtlint::MtError;
use mtlint::align::{AlignConfig, Dictionary};
use mtlint::commands::{EXIT_ERROR, EXIT_OK};

/// mtlint's benchmarks: how well the checks and the aligner do on the shared data.
#[derive(Debug, Parser)]
#[command(name = "mtlint-bench", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Benchmark the checks: recall on injected damage, false findings on clean pairs,
    /// precision on human error spans (WMT22 MQM) and critical-error MCC (WMT21).
    Checks {
        /// The shared data folder (holds mqm/ and ced/).
        #[arg(long, value_name = "DIR", default_value = "../shared/data")]
        data: PathBuf,
        /// Seed of the damage generator.
        #[arg(long, value_name = "N", default_value_t = 42)]
        seed: u64,
        /// Examples of misses and false findings to print per kind or check.
        #[arg(long, value_name = "N", default_value_t = 3)]
        examples: usize,
        /// Print N false alarms of rule CODE on correct pairs (repeatable).
        #[arg(long, num_args = 2, value_names = ["CODE", "N"])]
        sample: Vec<String>,
        /// German–English word list (trans-de-en format, e.g. /usr/share/trans/de-en) given
        /// to the default rules that use one when present (MT029, MT030); the rules that
        /// need it (MT018) and the aligner stay as without it.
        #[arg(long, value_name = "PATH")]
        dict: Option<PathBuf>,
    },
    /// False alarms on human translations: findings per 1,000 correct pairs (WMT22 CED dev
    /// OK pairs, OPUS Books 1-1 pairs) per rule, and samples of them to read.
    FalseAlarms {
        /// The shared data folder (holds ced/ and align/).
        #[arg(long, value_name = "DIR", default_value = "../shared/data")]
        data: PathBuf,
        /// Print N findings of rule CODE, errors and warnings, spread over each corpus
        /// (repeatable).
        #[arg(long, num_args = 2, value_names = ["CODE", "N"])]
        sample: Vec<String>,
        /// German–English word list for the rules that use one when present (as for
        /// `checks --dict`).
        #[arg(long, value_name = "PATH")]
        dict: Option<PathBuf>,
    },
    /// The checks of l10n strings (issue 15): recall per kind of l10n damage (dropped
    /// placeholder, swapped %1$s/%2$d, broken ICU brace, missing plural case, inconsistent
    /// repeat, misspelt word) and error findings on the undamaged strings; with --spell, the
    /// spelling rule MT026 on clean MQM pairs, CED22 OK pairs and MQM human error spans.
    L10n {
        /// The shared data folder (holds mqm/ and ced/).
        #[arg(long, value_name = "DIR", default_value = "../shared/data")]
        data: PathBuf,
        /// Seed of the damage generator.
        #[arg(long, value_name = "N", default_value_t = 42)]
        seed: u64,
        /// Hunspell dictionary for MT026 (e.g. /usr/share/hunspell/de_DE).
        #[arg(long, value_name = "PATH")]
        spell: Option<PathBuf>,
        /// Misses and false findings to print.
        #[arg(long, value_name = "N", default_value_t = 3)]
        examples: usize,
    },
    /// Measure the aligner on gold standards: strict and lax precision, recall, F1 and time.
    ///
    /// Files hold one sentence per line (`index<TAB>sentence` lines lose the index); gold
    /// holds `[i,j]:[k]` lines. Repeat --gold/--source/--target for several documents: the
    /// counts are pooled.
    Align {
        /// Gold alignment file (repeatable, paired with --source and --target in order).
        #[arg(long, value_name = "GOLD")]
        gold: Vec<PathBuf>,
        /// Source sentences, one per line (repeatable).
        #[arg(long, value_name = "SRC")]
        source: Vec<PathBuf>,
        /// Target sentences, one per line (repeatable).
        #[arg(long, value_name = "TGT")]
        target: Vec<PathBuf>,
        /// Rebuild English–German documents from this WMT22 MQM folder (gold: segments).
        #[arg(long, value_name = "DIR")]
        mqm: Option<PathBuf>,
        /// With --mqm: split segments into sentences, align them, score at segment level.
        #[arg(long)]
        split_sentences: bool,
        /// With --mqm: damage the translations (drop, glue and insert segments) so that the
        /// gold holds 1-0, 2-1 and 0-1 alignments.
        #[arg(long)]
        damage: bool,
        /// Time and score a generated document (repeatable): `N` = a made-up language pair
        /// with N source sentences; `repetitive:N` = N recurring MQM segments (from --data),
        /// every 9th German line dropped, a boilerplate line before every 17th.
        #[arg(long, value_name = "[repetitive:]N")]
        generate: Vec<mtlint_bench::align::GenSpec>,
        /// Score every shared dev set (Text+Berg, ParIce, OPUS books, MQM, damaged MQM) on
        /// their lines and print one table.
        #[arg(long)]
        dev: bool,
        /// The shared data folder (for --dev and --generate repetitive:N).
        #[arg(long, value_name = "DIR", default_value = "../shared/data")]
        data: PathBuf,
        /// Side by side with Gale–Church and hunalign (this binary, e.g. from
        /// ../shared/tools/build-hunalign.sh; run as `hunalign /dev/null SRC TGT`, empty
        /// dictionary, and with --dict also with that list converted to hunalign's format):
        /// strict F1, CPU and peak RSS, on every dev set and the --generate documents.
        #[arg(long, value_name = "PATH")]
        hunalign: Option<PathBuf>,
        /// German–English word list for the aligner.
        #[arg(long, value_name = "PATH")]
        dict: Option<PathBuf>,
        /// Override an aligner weight, `name=value` (repeatable; for tuning).
        #[arg(long = "set", value_name = "NAME=VALUE")]
        params: Vec<String>,
    },
}

fn stdout_error(e: std::io::Error) -> MtError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        MtError::BrokenPipe
    } else {
        MtError::output("<stdout>", e)
    }
}

/// `mtlint-bench align`: align gold-standard documents (and generated ones) and print strict
/// and lax precision, recall and F1 and the time. `params` are `name=value` overrides of the
/// aligner's weights (see [`mtlint::align::Params::set`]).
fn align(
    opts: &mtlint_bench::align::BenchOptions,
    dict: Option<&std::path::Path>,
    params: &[String],
    out: &mut dyn Write,
) -> mtlint::Result<i32> {
    let mut cfg = AlignConfig::default();
    if let Some(path) = dict {
        cfg.dict = Some(std::sync::Arc::new(Dictionary::load(path)?));
    }
    for p in params {
        let (k, v) = p
            .split_once('=')
            .ok_or_else(|| MtError::Usage(format!("--set expects name=value, got '{p}'")))?;
        cfg.params.set(k.trim(), v.trim()).map_err(MtError::Usage)?;
    }
    if opts.triples.is_empty()
        && opts.mqm.is_none()
        && opts.generate.is_empty()
        && opts.dev.is_none()
        && opts.hunalign.is_none()
    {
        return Err(MtError::Usage(
            "nothing to measure: give --dev, --gold/--source/--target, --mqm DIR or --generate N"
                .to_string(),
        ));
    }
    let report = mtlint_bench::align::bench(opts, &cfg)?;
    out.write_all(report.as_bytes()).map_err(stdout_error)?;
    Ok(EXIT_OK)
}

/// `--sample CODE N …` as (CODE, N) pairs.
fn samples(raw: &[String]) -> mtlint::Result<Vec<(String, usize)>> {
    raw.chunks(2)
        .map(|c| match c {
            [code, n] => n
                .parse()
                .map(|n| (code.to_uppercase(), n))
                .map_err(|_| MtError::Usage(format!("--sample {code} {n}: N must be a number"))),
            _ => Err(MtError::Usage("--sample expects CODE N".into())),
        })
        .collect()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Checks {
            data,
            seed,
            examples,
            sample,
            dict,
        } => samples(&sample).and_then(|samples| {
            let opts = mtlint_bench::checks::Options {
                data,
                seed,
                examples,
                samples,
                dict,
            };
            mtlint_bench::checks::run(&opts, &mut stdout).map(|()| EXIT_OK)
        }),
        Command::FalseAlarms { data, sample, dict } => samples(&sample).and_then(|samples| {
            let opts = mtlint_bench::checks::Options {
                data,
                seed: 0,
                examples: 0,
                samples,
                dict,
            };
            mtlint_bench::checks::run_false_alarms(&opts, &mut stdout).map(|()| EXIT_OK)
        }),
        Command::L10n {
            data,
            seed,
            spell,
            examples,
        } => mtlint_bench::l10n::run(
            &mtlint_bench::l10n::Options {
                data,
                seed,
                spell,
                examples,
            },
            &mut stdout,
        )
        .map(|()| EXIT_OK),
        Command::Align {
            gold,
            source,
            target,
            mqm,
            split_sentences,
            damage,
            generate,
            dev,
            data,
            hunalign,
            dict,
            params,
        } => {
            if gold.len() != source.len() || gold.len() != target.len() {
                eprintln!(
                    "mtlint-bench: error: give --gold, --source and --target the same number of times ({} / {} / {})",
                    gold.len(),
                    source.len(),
                    target.len()
                );
                return ExitCode::from(EXIT_ERROR as u8);
            }
            let opts = mtlint_bench::align::BenchOptions {
                triples: gold
                    .into_iter()
                    .zip(source)
                    .zip(target)
                    .map(|((g, s), t)| (g, s, t))
                    .collect(),
                mqm,
                split_sentences,
                damage,
                generate,
                dev: dev.then(|| data.clone()),
                data,
                hunalign,
                dict: dict.clone(),
            };
            align(&opts, dict.as_deref(), &params, &mut stdout)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(MtError::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mtlint-bench: error: {e}");
            ExitCode::from(EXIT_ERROR as u8)
        }
    }
}
