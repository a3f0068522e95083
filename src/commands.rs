//! The subcommands, as library functions: `src/main.rs` parses the command line and calls
//! these. Each returns the process exit code or an [`MtError`] (exit code 2).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::checks;
use crate::config::Config;
use crate::error::{MtError, Result};
use crate::formats::{self, batch, batch::Input};
use crate::model::{Lang, Severity};
use crate::pipeline::{self, Settings};
use crate::report::baseline::{self, Baseline};
use crate::report::{self, Format, Report, WriteOptions};

/// Exit code: no finding at or above the threshold.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one finding at or above the threshold.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code after an interrupt (128 + SIGINT), as shells report it.
pub const EXIT_INTERRUPTED: i32 = 130;

/// On Ctrl-C / SIGINT: remove the temporary files of reports being written and exit 130.
/// The previous report stays intact (reports are renamed into place only when complete).
pub fn install_interrupt_handler() {
    // Failing to install it (e.g. a handler already set) only loses the clean-up.
    let _ = ctrlc::set_handler(|| {
        report::remove_pending_temp_files();
        std::process::exit(EXIT_INTERRUPTED);
    });
}

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
    /// `--config`; `None` = `mtlint.toml` in the current directory if there is one.
    pub config: Option<PathBuf>,
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
            config: None,
            fail_on: Some(Severity::Error),
            source_lang: Lang::En,
            target_lang: Lang::De,
            all_pairs: false,
            quiet: false,
            timings: false,
            jobs: None,
            dict: None,
        }
    }
}

/// The inputs of `mtlint check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckInput {
    /// `mtlint check SOURCE TARGET`: plain text or Markdown.
    Pair { source: PathBuf, target: PathBuf },
    /// `mtlint check FILE`: one bilingual file (XLIFF, TMX, PO, CSV, TSV).
    Bilingual(PathBuf),
    /// `--source-dir`/`--target-dir`: folders paired by relative path, or one folder of
    /// bilingual files (see [`formats::batch`]).
    Dirs {
        source: Option<PathBuf>,
        target: PathBuf,
    },
}

impl CheckInput {
    /// Make sense of the command line: two files, one bilingual file, or folders.
    pub fn from_args(
        source: Option<PathBuf>,
        target: Option<PathBuf>,
        source_dir: Option<PathBuf>,
        target_dir: Option<PathBuf>,
    ) -> Result<Self> {
        match (source, target, source_dir, target_dir) {
            (Some(source), Some(target), None, None) => {
                for file in [&source, &target] {
                    let format = formats::detect(file);
                    if format.is_bilingual() {
                        return Err(MtError::Usage(format!(
                            "{}: a {} file holds source and target; check it alone (`mtlint check {}`)",
                            file.display(),
                            format.name(),
                            file.display()
                        )));
                    }
                }
                Ok(CheckInput::Pair { source, target })
            }
            (Some(file), None, None, None) => {
                if formats::detect(&file).is_bilingual() {
                    Ok(CheckInput::Bilingual(file))
                } else {
                    Err(MtError::Usage(format!(
                        "{}: a {} file holds one side only; pass SOURCE and TARGET (or a bilingual .xlf, .tmx, .po, .csv or .tsv file)",
                        file.display(),
                        formats::detect(&file).name()
                    )))
                }
            }
            (None, None, source, Some(target)) => Ok(CheckInput::Dirs { source, target }),
            (None, None, Some(_), None) => Err(MtError::Usage(
                "--source-dir needs --target-dir (the translations to check)".to_string(),
            )),
            (None, None, None, None) => Err(MtError::Usage(
                "nothing to check: pass SOURCE TARGET, a bilingual file, or --target-dir DIR"
                    .to_string(),
            )),
            _ => Err(MtError::Usage(
                "pass either files (SOURCE TARGET, or one bilingual file) or folders (--source-dir/--target-dir), not both".to_string(),
            )),
        }
    }

    /// The path whose stem names the default reports (`reports/<stem>.<ext>`): the target
    /// file, the bilingual file, or the target folder.
    pub fn report_name(&self) -> PathBuf {
        match self {
            CheckInput::Pair { target, .. } => target.clone(),
            CheckInput::Bilingual(file) => file.clone(),
            CheckInput::Dirs { target, .. } => target
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(PathBuf::from))
                .unwrap_or_else(|| PathBuf::from("report")),
        }
    }

    /// The files to read, in report order.
    pub fn inputs(&self) -> Result<Vec<Input>> {
        match self {
            CheckInput::Pair { source, target } => Ok(vec![Input::Pair {
                source: source.clone(),
                target: target.clone(),
            }]),
            CheckInput::Bilingual(file) => Ok(vec![Input::Bilingual(file.clone())]),
            CheckInput::Dirs { source, target } => batch::collect(source.as_deref(), target),
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

/// The default report path: `reports/<target file stem>.csv`.
pub fn default_report_path(target: &Path) -> PathBuf {
    default_path(target, Format::Csv)
}

/// The default path of a format's report: `reports/<target file stem>.<ext>`.
pub fn default_path(target: &Path, format: Format) -> PathBuf {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".to_string());
    Path::new("reports").join(format!("{stem}.{}", format.extension()))
}

/// Whether two paths name the same file: the same path after resolving links, or (on Unix)
/// the same inode, which also catches hard links.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b))
            && x.dev() == y.dev()
            && x.ino() == y.ino()
        {
            return true;
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Where an output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    /// A file; `default` when mtlint chose the path (then `reports/` is created).
    File {
        path: PathBuf,
        default: bool,
    },
}

/// One output of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    pub destination: Destination,
}

/// The outputs a `check` invocation asks for: every `-o` in the format of its extension
/// (`--format` for `-` and unknown extensions, else CSV), plus `--format`'s default destination when
/// no `-o` has that format (`github` → standard output, others `reports/<stem>.<ext>`).
/// Nothing asked for → the CSV report at its default path.
pub fn plan_outputs(opts: &CheckOptions) -> Vec<Output> {
    let mut outputs = Vec::new();
    for path in &opts.outputs {
        if path.as_os_str() == "-" {
            outputs.push(Output {
                format: opts.format.unwrap_or(Format::Csv),
                destination: Destination::Stdout,
            });
            continue;
        }
        // An unknown extension means --format, else CSV (as before there were formats).
        let format = Format::from_path(path)
            .or(opts.format)
            .unwrap_or(Format::Csv);
        outputs.push(Output {
            format,
            destination: Destination::File {
                path: path.clone(),
                default: false,
            },
        });
    }
    let wanted = match opts.format {
        Some(f) => Some(f),
        None if outputs.is_empty() => Some(Format::Csv),
        None => None,
    };
    if let Some(f) = wanted
        && !outputs.iter().any(|o| o.format == f)
    {
        outputs.push(Output {
            format: f,
            destination: if f == Format::Github {
                Destination::Stdout
            } else {
                Destination::File {
                    path: default_path(&opts.input.report_name(), f),
                    default: true,
                }
            },
        });
    }
    outputs
}

/// Run segment → align → check over documents, in parallel; the result is in input order
/// whatever the number of threads. Also returns the phase times, summed over documents.
pub fn check_documents(
    docs: Vec<crate::model::Document>,
    settings: &Settings,
    checks: &[Box<dyn checks::Check>],
) -> (Vec<pipeline::Checked>, pipeline::Timings) {
    use rayon::prelude::*;
    let results: Vec<(pipeline::Checked, pipeline::Timings)> = docs
        .into_par_iter()
        .map(|doc| pipeline::check_document_timed(doc, settings, checks))
        .collect();
    let mut timings = pipeline::Timings::default();
    let mut checked = Vec::with_capacity(results.len());
    for (c, t) in results {
        timings.add(&t);
        checked.push(c);
    }
    (checked, timings)
}

/// What [`check_inputs`] found: the report rows of each checked document in input order (a
/// document's text is dropped as soon as its rows are made), the phase times, and a note for
/// each document skipped because it declares other languages.
type Checks = (Vec<report::DocRows>, pipeline::Timings, Vec<String>);

/// Read and check every input, in parallel; the result keeps the order of `inputs`.
///
/// A document whose file declares a source or target language other than the run's
/// (`--source-lang`/`--target-lang`; e.g. the French `<tuv>`s of a TMX) is not checked:
/// the checks are written for German, and would only produce noise.
///
/// With `progress`, a progress bar on stderr counts the files (only drawn when stderr is a
/// terminal and there is more than one file).
fn check_inputs(
    inputs: &[Input],
    settings: &Settings,
    registry: &[Box<dyn checks::Check>],
    jobs: Option<usize>,
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
                    let (checked, t) = pipeline::check_document_timed(doc, settings, registry);
                    timings.add(&t);
                    out.push(report::DocRows::new(&checked, all_pairs));
                }
                if let Some(bar) = &bar {
                    bar.inc(1);
                }
                Ok((out, timings, skipped))
            })
            .collect()
    };
    let results = match jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| MtError::Usage(format!("cannot start {n} threads: {e}")))?
            .install(run),
        None => run(),
    };
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

/// `mtlint check`: read, segment, align, check, write the reports; the exit code says
/// whether a finding reached `fail_on`.
pub fn check(opts: &CheckOptions) -> Result<i32> {
    let config = Config::load(opts.config.as_deref())?;
    let outputs = plan_outputs(opts);
    let inputs = opts.input.inputs()?;
    let files: Vec<&Path> = inputs
        .iter()
        .flat_map(|i| match i {
            Input::Pair { source, target } => vec![source.as_path(), target.as_path()],
            Input::Bilingual(f) => vec![f.as_path()],
        })
        .collect();
    for out in &outputs {
        if let Destination::File { path, .. } = &out.destination {
            for input in &files {
                if same_file(input, path) {
                    return Err(MtError::Usage(format!(
                        "the report path {} is the input file {}; choose another -o path",
                        path.display(),
                        input.display()
                    )));
                }
            }
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
    let checks = config.checks();
    let (checked, mut timings, skipped) = check_inputs(
        &inputs,
        &settings,
        &checks,
        opts.jobs,
        !opts.quiet,
        opts.all_pairs,
    )?;
    if !opts.quiet {
        for note in &skipped {
            eprintln!("mtlint: skipped {note}");
        }
    }
    let write_start = Instant::now();
    let mut report = Report::from_documents(checked, config.active_rules());

    if let Some(path) = &opts.write_baseline {
        report::write_atomically(path, |w| baseline::write(w, &report.rows))?;
    }
    if !baseline.is_empty() {
        let before = report.rows.len();
        report.rows.retain(|r| !baseline.contains(r));
        report.suppressed = before - report.rows.len();
    }

    let write_opts = WriteOptions { excel: opts.excel };
    let mut written = Vec::new();
    for out in &outputs {
        match &out.destination {
            Destination::Stdout => {
                let mut stdout = std::io::stdout().lock();
                report::write(&mut stdout, &report, out.format, write_opts)
                    .and_then(|()| stdout.flush())
                    .map_err(stdout_error)?;
            }
            Destination::File { path, default } => {
                if *default && let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| MtError::output(path, e))?;
                }
                report::write_atomically(path, |w| {
                    report::write(w, &report, out.format, write_opts)
                })?;
                written.push(path.display().to_string());
            }
        }
    }
    timings.write = write_start.elapsed();
    if opts.timings {
        print_timings(&timings, started.elapsed());
    }

    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    if !opts.quiet {
        let mut line = format!(
            "mtlint: {} {}, {} sentence pairs, {} {}, {} {}, {} info",
            report.documents,
            plural(report.documents, "document", "documents"),
            report.pairs,
            e,
            plural(e, "error", "errors"),
            w,
            plural(w, "warning", "warnings"),
            i,
        );
        let left_out = report.left_out();
        if left_out > 0 {
            line.push_str(&format!(
                " ({left_out} of them not listed: the report lists at most {} per check and pair)",
                report::FINDINGS_PER_CHECK
            ));
        }
        if !opts.baselines.is_empty() {
            line.push_str(&format!(
                ", {} suppressed by the baseline",
                report.suppressed
            ));
        }
        match written.len() {
            0 => {}
            1 => line.push_str(&format!("; report written to {}", written[0])),
            _ => line.push_str(&format!("; reports written to {}", written.join(", "))),
        }
        if let Some(path) = &opts.write_baseline {
            line.push_str(&format!("; baseline written to {}", path.display()));
        }
        eprintln!("{line}");
    }
    if opts.summary {
        let mut stderr = std::io::stderr().lock();
        let _ = report::summary::write(&mut stderr, &report);
    }
    // Writing a baseline accepts the findings of this run.
    let failed = opts.write_baseline.is_none() && opts.fail_on.is_some_and(|t| report.fails(t));
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}

/// Print the phase split and peak memory to stderr (`--timings`).
pub fn print_timings(t: &pipeline::Timings, total: std::time::Duration) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    eprintln!(
        "mtlint: timings: read {:.1} ms, segment {:.1} ms, align {:.1} ms, check {:.1} ms, write {:.1} ms, total {:.1} ms; peak RSS {} KiB",
        ms(t.read),
        ms(t.segment),
        ms(t.align),
        ms(t.check),
        ms(t.write),
        ms(total),
        peak_rss_kib().map_or_else(|| "unknown".to_string(), |k| k.to_string())
    );
    if !t.checks.is_empty() {
        let mut by_time = t.checks.clone();
        by_time.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let parts: Vec<String> = by_time
            .iter()
            .map(|(code, d)| format!("{code} {:.1} ms", ms(*d)))
            .collect();
        eprintln!("mtlint: check timings (CPU): {}", parts.join(", "));
    }
}

/// Peak resident memory of this process in KiB (Linux: `VmHWM` in /proc/self/status).
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn stdout_error(e: std::io::Error) -> MtError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return MtError::BrokenPipe;
    }
    MtError::output("<stdout>", e)
}

/// `mtlint segment`: one sentence per line, an empty line between paragraphs.
pub fn segment(path: &Path, lang: Lang, out: &mut dyn Write) -> Result<i32> {
    let side = formats::plaintext::read(path)?;
    let sentences = crate::segment::segment_side(&side, lang);
    let mut block = None;
    for s in &sentences {
        if block.is_some() && block != Some(s.block) {
            writeln!(out).map_err(stdout_error)?;
        }
        block = Some(s.block);
        let text = side.text[s.range.clone()].replace('\n', " ");
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
    format!("[{}]:[{}]", list(&b.source), list(&b.target))
}

/// `mtlint align`: one line per bead, `[i,j]:[k]:score`.
pub fn align(
    source: &Path,
    target: &Path,
    source_lang: Lang,
    target_lang: Lang,
    dict: Option<&Path>,
    out: &mut dyn Write,
) -> Result<i32> {
    let cfg = align_config(dict)?;
    let doc = formats::read_pair(source, target)?;
    let src = crate::segment::segment_side(&doc.source, source_lang);
    let tgt = crate::segment::segment_side(&doc.target, target_lang);
    for b in pipeline::align_document(&doc, &src, &tgt, &cfg) {
        writeln!(out, "{}:{:.3}", format_bead(&b), b.score).map_err(stdout_error)?;
    }
    Ok(EXIT_OK)
}

/// `mtlint bench-align`: align gold-standard documents (and generated ones) and print
/// strict and lax precision, recall and F1 and the time. `params` are `name=value` overrides
/// of the aligner's weights (see [`crate::align::Params::set`]).
pub fn bench_align(
    opts: &crate::align::bench::BenchOptions,
    dict: Option<&Path>,
    params: &[String],
    out: &mut dyn Write,
) -> Result<i32> {
    let mut cfg = align_config(dict)?;
    for p in params {
        let (k, v) = p
            .split_once('=')
            .ok_or_else(|| MtError::Usage(format!("--set expects name=value, got '{p}'")))?;
        cfg.params.set(k.trim(), v.trim()).map_err(MtError::Usage)?;
    }
    if opts.triples.is_empty() && opts.mqm.is_none() && opts.generate.is_empty() {
        return Err(MtError::Usage(
            "nothing to measure: give --gold/--source/--target, --mqm DIR or --generate N"
                .to_string(),
        ));
    }
    let report = crate::align::bench::bench(opts, &cfg)?;
    out.write_all(report.as_bytes()).map_err(stdout_error)?;
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

/// `mtlint bench-checks`: measure the checks (corruption recall, false findings, precision
/// on human error spans, critical-error MCC) and print the tables.
pub fn bench_checks(data: &Path, seed: u64, examples: usize, out: &mut dyn Write) -> Result<i32> {
    let opts = crate::bench::checks::Options {
        data: data.to_path_buf(),
        seed,
        examples,
    };
    crate::bench::checks::run(&opts, out)?;
    Ok(EXIT_OK)
}
