//! The subcommands, as library functions: `src/main.rs` parses the command line and calls
//! these. Each returns the process exit code or an [`MtError`] (exit code 2).
//!
//! `check` is planned in parts: [`inputs`] (what is read, and in which role), [`outputs`]
//! (where reports go; nothing written over a file that is read; all outputs as one set),
//! [`run`] (the worker pool, progress and phase times) and [`present`] (what is printed).

pub mod inputs;
pub mod outputs;
pub mod present;
pub mod run;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::checks;
use crate::config::Config;
use crate::error::{MtError, Result};
use crate::formats;
use crate::model::{Lang, Severity};
use crate::pipeline::{self, Settings};
use crate::report::atomic::AtomicSet;
use crate::report::baseline::{self, Baseline};
use crate::report::{self, Format, Report, WriteOptions};

pub use inputs::CheckInput;
pub use outputs::{Destination, Output, default_path, default_report_path, plan_outputs};
pub use present::{peak_rss_kib, print_timings};

/// Exit code: no finding at or above the threshold.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one finding at or above the threshold.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code after an interrupt (128 + SIGINT), as shells report it.
pub const EXIT_INTERRUPTED: i32 = 130;

/// On Ctrl-C / SIGINT: remove the temporary files of reports being written and exit 130.
/// The previous reports stay intact (reports are renamed into place only when all are
/// complete). Also ignores SIGXFSZ, so that a file-size limit is an error message, not a
/// silent death (see [`report::atomic::ignore_file_size_signal`]).
pub fn install_interrupt_handler() {
    report::atomic::ignore_file_size_signal();
    // Failing to install it (e.g. a handler already set) only loses the clean-up.
    let _ = ctrlc::set_handler(|| report::remove_pending_temp_files_and_exit(EXIT_INTERRUPTED));
}

/// glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MiB);
/// from then on the large per-document buffers (texts, blocks, pairs, sentence lists) come
/// from the heap arenas, whose freed space stays resident, two arenas of it with two threads:
/// the 1M-unit bench TMX peaked at 600–614 MB. A fixed threshold of 256 KiB keeps each large
/// buffer a mapping of its own, returned to the system when freed: 589 MB, with the same CPU
/// time. `MALLOC_MMAP_THRESHOLD_` in the environment still decides when set. For the
/// command line's `main` (a library that a host process loads leaves its allocator alone).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn fixed_mmap_threshold() {
    if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none() {
        // SAFETY: mallopt only changes a parameter of glibc's allocator, under its own
        // lock; any thread may call it at any time.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
        }
    }
}

/// Elsewhere the allocator is left as it is.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn fixed_mmap_threshold() {}

/// Exit code: usage or input error.
pub const EXIT_ERROR: i32 = 2;

/// Options of `mtlint check`.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// What to check.
    pub input: CheckInput,
    /// `-o` paths; the format follows the extension (`-` = standard output in `format`).
    pub outputs: Vec<PathBuf>,
    /// `--format`: the format of the default output, and of `-o` paths whose extension
    /// says nothing.
    pub format: Option<Format>,
    /// CSV for spreadsheets in German locales (BOM, `;`).
    pub excel: bool,
    /// Print the per-check, per-severity table to stderr.
    pub summary: bool,
    /// Baselines (JSON or CSV reports) whose findings are left out.
    pub baselines: Vec<PathBuf>,
    /// Record the findings of this run as a baseline here.
    pub write_baseline: Option<PathBuf>,
    /// Exit 1 when a baseline entry matched no finding of this run (a stale entry).
    pub fail_on_stale: bool,
    /// `--config`; `None` = `mtlint.toml` in the current directory if there is one.
    pub config: Option<PathBuf>,
    /// `--select` (codes, names, prefixes or ALL; comma-separated items allowed): replaces
    /// the configuration's selection, as ruff does (see [`Config::apply_cli`]).
    pub select: Option<Vec<String>>,
    /// `--ignore`: checks left out of the selection.
    pub ignore: Vec<String>,
    /// `None` = never fail.
    pub fail_on: Option<Severity>,
    pub source_lang: Lang,
    pub target_lang: Lang,
    pub all_pairs: bool,
    pub quiet: bool,
    /// Print the time spent in each phase and the peak memory to stderr.
    pub timings: bool,
    /// Worker threads for a run (`None`: rayon's default, `RAYON_NUM_THREADS` or one per
    /// core). The report is the same for any number.
    pub jobs: Option<usize>,
    /// A German–English word list for the aligner (`--dict`).
    pub dict: Option<PathBuf>,
    /// A Hunspell dictionary for the spelling check MT026 (`--spell`, path without extension).
    pub spell: Option<PathBuf>,
    /// `--max-input-size`, `--encoding`: how input files are read (see [`formats::read`]).
    pub read: formats::ReadOptions,
}

impl CheckOptions {
    /// The defaults of `mtlint check SOURCE TARGET`.
    pub fn new(source: impl Into<PathBuf>, target: impl Into<PathBuf>) -> Self {
        Self::for_input(CheckInput::Pair {
            source: source.into(),
            target: target.into(),
        })
    }

    /// The defaults of `mtlint check` on any input (a pair, a bilingual file, folders).
    pub fn for_input(input: CheckInput) -> Self {
        CheckOptions {
            input,
            outputs: Vec::new(),
            format: None,
            excel: false,
            summary: false,
            baselines: Vec::new(),
            write_baseline: None,
            fail_on_stale: false,
            config: None,
            select: None,
            ignore: Vec::new(),
            fail_on: Some(Severity::Error),
            source_lang: Lang::En,
            target_lang: Lang::De,
            all_pairs: false,
            quiet: false,
            timings: false,
            jobs: None,
            dict: None,
            spell: None,
            read: formats::ReadOptions::default(),
        }
    }
}

/// The aligner's configuration for a run: loads the `--dict` word list when one is given.
pub fn align_config(dict: Option<&Path>) -> Result<crate::align::AlignConfig> {
    let mut cfg = crate::align::AlignConfig::default();
    if let Some(path) = dict {
        cfg.dict = Some(std::sync::Arc::new(crate::align::Dictionary::load(path)?));
    }
    Ok(cfg)
}

/// `mtlint check`: read, segment, align, check, write the reports; the exit code says
/// whether a finding reached `fail_on`.
///
/// Before anything is written, every file the run writes is compared with every file it
/// reads and with the other outputs (through symbolic and hard links): a clash is exit 2
/// with both roles named. All outputs are written as one set: all are replaced, or none.
pub fn check(opts: &CheckOptions) -> Result<i32> {
    formats::set_read_options(opts.read);
    let mut config = Config::load(opts.config.as_deref())?;
    config.apply_cli(opts.select.as_deref(), &opts.ignore)?;
    let outputs = plan_outputs(&opts.outputs, opts.format, &opts.input.report_name());
    let writes = outputs::write_files(&outputs, opts.write_baseline.as_deref());
    let plan = opts.input.inputs()?;
    let mut reads = inputs::read_files(&plan, &opts.baselines, opts.dict.as_deref(), &config);
    let spell_words = Path::new(checks::spelling::PROJECT_WORDS);
    let spell_words = spell_words.is_file().then_some(spell_words);
    if let Some(p) = &opts.spell {
        let (aff, dic) = checks::spelling::dictionary_files(p);
        for (role, path) in [
            ("spelling dictionary (--spell)", aff),
            ("spelling dictionary (--spell)", dic),
        ]
        .into_iter()
        .chain(spell_words.map(|w| ("project word list", w.to_path_buf())))
        {
            reads.push(inputs::ReadFile { role, path });
        }
    }
    outputs::check_paths(&reads, &writes, &outputs)?;
    let inputs = plan.inputs;
    if !opts.quiet {
        for note in &plan.notes {
            eprintln!("mtlint: skipped {note}");
        }
    }
    let mut baseline = Baseline::default();
    for path in &opts.baselines {
        baseline.extend(Baseline::read(path)?);
    }

    let started = Instant::now();
    let settings = Settings {
        source_lang: opts.source_lang,
        target_lang: opts.target_lang,
        align: align_config(opts.dict.as_deref())?,
    };
    let mut config = config;
    config.dict = settings.align.dict.clone();
    let fail_on_stale_config = config.fail_on_stale;
    match &opts.spell {
        Some(p) => {
            config.spell = Some(std::sync::Arc::new(checks::spelling::Speller::load(
                p,
                spell_words,
            )?));
        }
        None if !opts.quiet && config.select.as_ref().is_some_and(|s| s.contains(&"MT026")) => {
            eprintln!(
                "mtlint: MT026 spelling is off: it needs a Hunspell dictionary, e.g. --spell /usr/share/hunspell/de_DE (Debian/Ubuntu: apt install hunspell-de-de)"
            );
        }
        None => {}
    }
    let rules = config.rule_set();
    let threads = run::thread_count(opts.jobs);
    let mut units = None;
    let (checked, mut timings, skipped) = match &opts.input {
        CheckInput::Corpus { columns, .. } => {
            let files: Vec<PathBuf> = inputs.iter().map(|i| i.path().to_path_buf()).collect();
            let c = corpus_checks(&files, columns, &settings, &rules, opts)?;
            units = Some(c.units);
            (c.docs, c.timings, Vec::new())
        }
        _ => run::check_inputs(
            &inputs,
            &settings,
            &rules,
            threads,
            !opts.quiet,
            opts.all_pairs,
        )?,
    };
    if !opts.quiet {
        for note in &skipped {
            eprintln!("mtlint: skipped {note}");
        }
    }
    let write_start = Instant::now();
    let mut report = Report::from_documents(checked, config.active_rules());
    if let Some(units) = units {
        // Each unit of a corpus is a document.
        report.documents = units;
    }

    let mut set = AtomicSet::new();
    if let Some(path) = &opts.write_baseline {
        let root = baseline::DocRoot::for_baseline(path);
        set.stage(path, |w| baseline::write_in(w, report.rows(), &root))?;
    }
    if !baseline.is_empty() {
        report.suppressed = report.retain(|r| !baseline.matches(r));
    }
    let stale = baseline.stale();
    let write_opts = WriteOptions { excel: opts.excel };
    let written = outputs::write_all(set, &outputs, &report, write_opts)?;
    timings.write = write_start.elapsed();
    if opts.timings {
        print_timings(&timings, started.elapsed());
    }
    if !opts.quiet {
        eprintln!(
            "{}",
            present::summary_line(
                &report,
                (!opts.baselines.is_empty()).then_some(&baseline),
                &written,
                opts.write_baseline.as_deref()
            )
        );
    }
    if opts.summary {
        let mut stderr = std::io::stderr().lock();
        let _ = report::summary::write(&mut stderr, &report);
    }
    // Writing a baseline accepts the findings of this run.
    let failed = opts.write_baseline.is_none() && opts.fail_on.is_some_and(|t| report.fails(t));
    if (opts.fail_on_stale || fail_on_stale_config) && stale > 0 && opts.write_baseline.is_none() {
        if !opts.quiet {
            eprintln!(
                "mtlint: {stale} baseline {} matched no finding (--fail-on-stale); write the baseline again with --write-baseline to drop {}",
                if stale == 1 { "entry" } else { "entries" },
                if stale == 1 { "it" } else { "them" }
            );
        }
        return Ok(EXIT_FINDINGS);
    }
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}

/// Check a Parquet corpus unit by unit (see [`crate::corpus`]) on `--jobs` workers.
#[cfg(feature = "arrow")]
fn corpus_checks(
    files: &[PathBuf],
    columns: &crate::corpus::Columns,
    settings: &Settings,
    rules: &crate::checks::RuleSet,
    opts: &CheckOptions,
) -> Result<crate::corpus::CorpusChecks> {
    let threads = run::thread_count(opts.jobs);
    crate::corpus::check_parquet(files, columns, settings, rules, threads, opts.all_pairs)
}

#[cfg(not(feature = "arrow"))]
fn corpus_checks(
    files: &[PathBuf],
    _: &crate::corpus::Columns,
    _: &Settings,
    _: &crate::checks::RuleSet,
    _: &CheckOptions,
) -> Result<crate::corpus::CorpusChecks> {
    Err(MtError::Usage(format!(
        "{}: this mtlint was built without Parquet support (the `arrow` feature)",
        files
            .first()
            .map_or(String::new(), |f| f.display().to_string())
    )))
}

/// At most this many paragraphs or units of each side are read for [`check_not_swapped`].
const SWAP_SAMPLE: usize = 64;
/// The share of them that must read as the wrong language for the files to look swapped.
const SWAP_SHARE: f64 = 0.8;

/// Refuse a document whose sides look swapped: checking English → German, at least 80 % of
/// the source paragraphs (units of a bilingual file; at most [`SWAP_SAMPLE`], spread over
/// the document; those of at least four words) read as German and at least 80 % of the
/// target ones as English ([`checks::lang::english_confidence`] at most 0.2 / at least 0.8). Checking such a pair would report every sentence
/// as "English" instead of saying what is wrong: exit 2, "the files look swapped".
pub fn check_not_swapped(doc: &crate::model::Document, settings: &Settings) -> Result<()> {
    if settings.source_lang != Lang::En || settings.target_lang != Lang::De {
        return Ok(());
    }
    // (wrong-language votes, counted blocks) among the sampled blocks of at least four words
    // (runs of two or more letters): a block votes only when lingua is sure (>= 0.8 either
    // way). `None` as soon as the share can no longer be reached: then the files are not
    // swapped, and a normal document costs about a dozen lingua calls (each some hundred
    // microseconds) instead of two sides' worth of samples.
    let votes = |side: &crate::model::SideText, wrong: fn(f64) -> bool| -> Option<(usize, usize)> {
        let n = side.blocks.len();
        let step = n.div_ceil(SWAP_SAMPLE).max(1);
        let sampled = n.div_ceil(step);
        let mut v = (0, 0);
        for (i, b) in side.blocks.iter().step_by(step).enumerate() {
            // Even if every later sample were counted and wrong: 5 * wrong + later < 4 *
            // counted means wrong < 80 % of counted, with a margin no rounding can cross.
            if 5 * v.0 + (sampled - i) < 4 * v.1 {
                return None;
            }
            let text: String = side.text[b.range.clone()].chars().take(400).collect();
            let words = text
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
                .filter(|w| {
                    w.chars().count() >= 2
                        && w.chars()
                            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                })
                .count();
            if words < 4 {
                continue;
            }
            v.1 += 1;
            if wrong(checks::lang::english_confidence(&text)) {
                v.0 += 1;
            }
        }
        Some(v)
    };
    let share = |part: usize, all: usize| all > 0 && part as f64 >= SWAP_SHARE * all as f64;
    let Some((src_de, src_all)) = votes(&doc.source, |english| english <= 0.2) else {
        return Ok(());
    };
    if !share(src_de, src_all) {
        return Ok(());
    }
    let Some((tgt_en, tgt_all)) = votes(&doc.target, |english| english >= 0.8) else {
        return Ok(());
    };
    if share(tgt_en, tgt_all) {
        return Err(MtError::Usage(format!(
            "{}: the files look swapped: the source reads as German ({src_de} of {} paragraphs) and the target as English ({tgt_en} of {}); pass the English file first (mtlint check SOURCE TARGET), or for a bilingual file check which side is the source",
            doc.id, src_all, tgt_all
        )));
    }
    Ok(())
}

pub(crate) fn stdout_error(e: std::io::Error) -> MtError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return MtError::BrokenPipe;
    }
    MtError::output("<stdout>", e)
}

/// `mtlint segment`: one sentence per line, an empty line between paragraphs.
pub fn segment(path: &Path, lang: Lang, out: &mut dyn Write) -> Result<i32> {
    let side = formats::plaintext::read(path)?;
    pipeline::text_fits(&path.display().to_string(), "source", &side.text)?;
    let sentences = crate::segment::segment_side(&side, lang);
    let mut block = None;
    for s in &sentences {
        if block.is_some() && block != Some(s.block()) {
            writeln!(out).map_err(stdout_error)?;
        }
        block = Some(s.block());
        let text = side.text[s.range()].replace('\n', " ");
        writeln!(out, "{text}").map_err(stdout_error)?;
    }
    Ok(EXIT_OK)
}

/// Format a bead as `[i,j]:[k]` (source first).
pub fn format_bead(b: &crate::model::Bead) -> String {
    let list = |r: &std::ops::Range<usize>| {
        r.clone()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    format!("[{}]:[{}]", list(&b.source()), list(&b.target()))
}

/// `mtlint align`: one line per bead, `[i,j]:[k]:score`.
///
/// With `lines` (`--lines`) the files are pre-split, one sentence per line (see
/// [`formats::plaintext::read_lines`]), and the indices are the files' 0-based line numbers
/// (a blank line is no sentence, so a bead may skip its number).
pub fn align(
    source: &Path,
    target: &Path,
    source_lang: Lang,
    target_lang: Lang,
    dict: Option<&Path>,
    lines: Option<formats::plaintext::Paragraphs>,
    out: &mut dyn Write,
) -> Result<i32> {
    let cfg = align_config(dict)?;
    formats::set_read_options(formats::ReadOptions {
        lines,
        ..formats::read_options()
    });
    let doc = formats::read_pair(source, target)?;
    pipeline::fits(&doc)?;
    let src = crate::segment::segment_side(&doc.source, source_lang);
    let tgt = crate::segment::segment_side(&doc.target, target_lang);
    let line_of = |side: &crate::model::SideText, s: &[crate::model::Sentence]| -> Vec<usize> {
        s.iter()
            .map(|x| side.position(x.range().start).0.saturating_sub(1))
            .collect()
    };
    let (src_lines, tgt_lines) = (line_of(&doc.source, &src), line_of(&doc.target, &tgt));
    let list = |r: &std::ops::Range<usize>, at: &[usize]| {
        r.clone()
            .map(|i| at.get(i).copied().unwrap_or(i).to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    for b in pipeline::align_document(&doc, &src, &tgt, &cfg) {
        if lines.is_some() {
            writeln!(
                out,
                "[{}]:[{}]:{:.3}",
                list(&b.source(), &src_lines),
                list(&b.target(), &tgt_lines),
                b.score
            )
        } else {
            writeln!(out, "{}:{:.3}", format_bead(&b), b.score)
        }
        .map_err(stdout_error)?;
    }
    Ok(EXIT_OK)
}

/// `mtlint rules`: code, name, default severity and summary of every check.
pub fn rules(out: &mut dyn Write) -> Result<i32> {
    for r in checks::all_rules() {
        writeln!(
            out,
            "{}  {:<26} {:<8} {}",
            r.code, r.name, r.severity, r.summary
        )
        .map_err(stdout_error)?;
    }
    Ok(EXIT_OK)
}

/// `mtlint explain CODE`: a check's full documentation.
pub fn explain(key: &str, out: &mut dyn Write) -> Result<i32> {
    let Some(r) = checks::find_rule(key) else {
        return Err(MtError::Usage(format!(
            "no check '{key}'; `mtlint rules` lists them all"
        )));
    };
    writeln!(
        out,
        "{} {} (default severity: {})\n",
        r.code, r.name, r.severity
    )
    .map_err(stdout_error)?;
    for line in r.doc.lines() {
        writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line)).map_err(stdout_error)?;
    }
    Ok(EXIT_OK)
}
