//! The `mtlint` command line: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mtlint::commands::{self, CheckInput, CheckOptions};
use mtlint::report::Format;
use mtlint::{Lang, Severity};

/// Review German machine translation of English text: find garbled spans, write a report.
#[derive(Debug, Parser)]
#[command(name = "mtlint", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// The CSV review report (default).
    Csv,
    /// One self-contained HTML page for editors.
    Html,
    /// One JSON object per finding per line.
    Jsonl,
    /// SARIF 2.1.0 for code-scanning UIs.
    Sarif,
    /// GitHub Actions annotations (`::error file=…,line=…::…`) on stdout.
    Github,
    /// The XLSX review workbook for editors (status drop-down; works as --baseline).
    Xlsx,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Csv => Format::Csv,
            FormatArg::Html => Format::Html,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Github => Format::Github,
            FormatArg::Xlsx => Format::Xlsx,
        }
    }
}

/// What separates paragraphs in pre-split (`--lines`) files.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ParagraphsArg {
    /// Nothing: each file is one paragraph, aligned as a whole; blank lines are skipped.
    None,
    /// Blank lines; paragraphs are aligned pair by pair when both files have as many.
    BlankLine,
}

impl From<ParagraphsArg> for mtlint::formats::plaintext::Paragraphs {
    fn from(p: ParagraphsArg) -> Self {
        match p {
            ParagraphsArg::None => Self::None,
            ParagraphsArg::BlankLine => Self::BlankLine,
        }
    }
}

/// `--lines` and `--paragraphs` as the reader's option.
fn lines_option(
    lines: bool,
    paragraphs: Option<ParagraphsArg>,
) -> Option<mtlint::formats::plaintext::Paragraphs> {
    lines.then(|| paragraphs.map(Into::into).unwrap_or_default())
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    De,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::De => Lang::De,
        }
    }
}

// Parsed once per run: the size of `Check`'s many options does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    /// Check a translation and write the review report (CSV by default).
    ///
    /// Exit codes: 0 = no finding at or above --fail-on, 1 = at least one, 2 = usage or
    /// input error (no report is written then).
    ///
    /// Outputs: every -o PATH is written in the format of its extension (.csv, .html,
    /// .jsonl, .sarif or .sarif.json, .xlsx; other extensions and `-o -` = standard output get
    /// --format, else CSV). --format adds
    /// that format at its default place (reports/<target stem>.<ext>; `github` prints
    /// workflow-command annotations to standard output) unless an -o already has it.
    /// Without -o and --format: reports/<target stem>.csv.
    ///
    /// Configuration: mtlint.toml in the current directory (or --config PATH) selects
    /// checks (`select`, `ignore`), overrides severities (`[severity] MT016 = "warning"`),
    /// sets `[thresholds]` and a `glossary = "terms.csv"` (en,de) for the terminology check
    /// MT019.
    ///
    /// Accepting findings: --write-baseline FILE records the findings of this run (and
    /// exits 0); --baseline FILE leaves out findings recorded there, matched by document,
    /// check, span and sentence text (not line numbers). A CSV report or XLSX workbook
    /// whose `status` column says `accepted` or `false-positive` works as a baseline too.
    #[command(verbatim_doc_comment)]
    Check {
        /// English source text (UTF-8; paragraphs separated by blank lines; `.md` files are
        /// read as Markdown), or alone: a bilingual file (.xlf/.xliff, .tmx, .po, .csv, .tsv).
        source: Option<PathBuf>,
        /// German machine translation of SOURCE (UTF-8; paragraphs separated by blank lines).
        target: Option<PathBuf>,
        /// Folder of English sources, paired with --target-dir by relative path.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["source", "target"])]
        source_dir: Option<PathBuf>,
        /// Folder of translations to check: files paired with --source-dir by relative path,
        /// and bilingual files (XLIFF, TMX, PO, CSV, TSV); alone, its bilingual files.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["source", "target"])]
        target_dir: Option<PathBuf>,
        /// Parquet corpus (`mtlint check corpus.parquet` or a folder of .parquet shards):
        /// the column of the English sources [default: source]. Each row is one unit,
        /// checked on its own.
        #[arg(long, value_name = "NAME")]
        source_column: Option<String>,
        /// Parquet corpus: the column of the German translations [default: target].
        #[arg(long, value_name = "NAME")]
        target_column: Option<String>,
        /// Parquet corpus: a column of unit ids (string or integer) for the report's `doc`
        /// (FILE#ID; without it FILE#ROW, the 0-based row number).
        #[arg(long, value_name = "NAME")]
        id_column: Option<String>,
        /// Worker threads [default: one per core]; at most 4 per core and one per input
        /// file (more would only wait). The report is the same for any number.
        #[arg(short, long, value_name = "N")]
        jobs: Option<usize>,
        /// Write a report here; repeatable. The format follows the extension: .csv, .html,
        /// .jsonl, .sarif/.sarif.json, .xlsx; other extensions and `-` (stdout) get --format, else
        /// CSV [default: reports/<target file stem>.csv].
        #[arg(short, long = "output", value_name = "PATH")]
        output: Vec<PathBuf>,
        /// Output format for the default report path (github: annotations on stdout) and
        /// for -o paths without a known extension.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<FormatArg>,
        /// CSV for spreadsheets in German locales: `;` as separator. (Every CSV report starts
        /// with a UTF-8 byte-order mark, so Excel and LibreOffice open it as UTF-8; read it
        /// with `utf-8-sig` in Python.)
        #[arg(long)]
        excel: bool,
        /// Print a table of findings per check and severity to stderr.
        #[arg(long)]
        summary: bool,
        /// Leave out findings recorded in FILE (a --write-baseline file, or a CSV report
        /// whose status column says accepted or false-positive); repeatable.
        #[arg(long, value_name = "FILE")]
        baseline: Vec<PathBuf>,
        /// Record this run's findings in FILE (JSON) to accept them; exits 0.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Exit with 1 when a --baseline entry matched no finding of this run (stale: the
        /// finding is gone); the summary line counts matched and stale entries.
        #[arg(long)]
        fail_on_stale: bool,
        /// Configuration file [default: mtlint.toml in the current directory, if present].
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        /// Checks to run (codes, names, code prefixes or ALL; comma-separated, repeatable):
        /// replaces the configuration's select and ignore, as in ruff.
        #[arg(long, value_name = "CHECKS", value_delimiter = ',')]
        select: Option<Vec<String>>,
        /// Checks not to run (same forms as --select; comma-separated, repeatable): removed
        /// from the selection after the configuration's.
        #[arg(long, value_name = "CHECKS", value_delimiter = ',')]
        ignore: Vec<String>,
        /// Exit with 1 when a finding of this severity or higher exists.
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
        /// Language of SOURCE.
        #[arg(long, value_enum, default_value = "en")]
        source_lang: LangArg,
        /// Language of TARGET.
        #[arg(long, value_enum, default_value = "de")]
        target_lang: LangArg,
        /// Also write a row for every aligned pair without findings.
        #[arg(long)]
        all_pairs: bool,
        /// Do not print the summary line.
        #[arg(short, long)]
        quiet: bool,
        /// Print the time spent in each phase (read, segment, align, check, write), the peak
        /// memory and the CPU time of each check (estimated from every 16th pair; the pairs'
        /// shared analysis, which no check's time includes, on its own) to stderr.
        #[arg(long)]
        timings: bool,
        /// German–English word list for the aligner (format of Debian's trans-de-en,
        /// e.g. /usr/share/trans/de-en).
        #[arg(long, value_name = "PATH")]
        dict: Option<PathBuf>,
        /// Hunspell dictionary for the spelling check MT026, path without extension
        /// (e.g. /usr/share/hunspell/de_DE from Debian's hunspell-de-de); a spelling.txt in
        /// the current folder adds project words.
        #[arg(long, value_name = "PATH")]
        spell: Option<PathBuf>,
        /// Refuse input files larger than SIZE (500M, 2G, bytes) before reading them
        /// [default: $MTLINT_MAX_INPUT_SIZE, else 1G].
        #[arg(long, value_name = "SIZE", value_parser = mtlint::formats::parse_size)]
        max_input_size: Option<u64>,
        /// Decode input files that are not UTF-8 with this encoding (windows-1252,
        /// iso-8859-15, …), both sides; UTF-8 files stay UTF-8, XLIFF/TMX use their XML
        /// declaration.
        #[arg(long, value_name = "NAME", value_parser = mtlint::formats::parse_encoding)]
        encoding: Option<&'static mtlint::formats::Encoding>,
        /// Pre-split input: every line of SOURCE and TARGET is one sentence, taken as given
        /// (not split, never joined with the next line). Report lines are file lines.
        /// For plain-text pairs (also with --source-dir/--target-dir), not bilingual files.
        #[arg(long)]
        lines: bool,
        /// With --lines: what separates paragraphs. `none` (default): each file is one
        /// paragraph, blank lines are skipped; `blank-line`: blank lines do, and paragraphs
        /// are aligned pair by pair when both files have as many.
        #[arg(long, value_enum, value_name = "SEP", requires = "lines")]
        paragraphs: Option<ParagraphsArg>,
    },
    /// Split a text into sentences: one per line, an empty line between paragraphs.
    Segment {
        /// Language of the text.
        #[arg(long, value_enum)]
        lang: LangArg,
        /// UTF-8 text file.
        file: PathBuf,
    },
    /// Align the sentences of a source and a target: one `[i,j]:[k]:score` line per pair.
    ///
    /// Indices are 0-based sentence numbers (source first); with --lines, 0-based line
    /// numbers of the files. `[]:[5]` is a target sentence without source (added),
    /// `[3]:[]` a source sentence without translation (omitted). The score is the
    /// aligner's confidence in 0..1.
    Align {
        /// Source text (UTF-8; plain text or Markdown).
        source: PathBuf,
        /// Its translation.
        target: PathBuf,
        /// Pre-split input: every line is one sentence, taken as given (not split, never
        /// joined with the next line); the indices printed are the files' line numbers
        /// (0-based), as in hunalign or Vecalign gold files.
        #[arg(long)]
        lines: bool,
        /// With --lines: what separates paragraphs. `none` (default): each file is one
        /// paragraph, blank lines are skipped; `blank-line`: blank lines do, and paragraphs
        /// are aligned pair by pair when both files have as many.
        #[arg(long, value_enum, value_name = "SEP", requires = "lines")]
        paragraphs: Option<ParagraphsArg>,
        #[arg(long, value_enum, default_value = "en")]
        source_lang: LangArg,
        #[arg(long, value_enum, default_value = "de")]
        target_lang: LangArg,
        /// German–English word list for the aligner (format of Debian's trans-de-en).
        #[arg(long, value_name = "PATH")]
        dict: Option<PathBuf>,
    },
    /// List every check: code, name, default severity, summary.
    Rules,
    /// Print the full documentation of a check.
    Explain {
        /// A check code (MT005) or name (doubled-punctuation).
        code: String,
    },
}

/// The input of `mtlint check`: with `--source-column`/`--target-column`/`--id-column`, a
/// Parquet corpus (a file or a folder of shards) in those columns.
fn corpus_input(
    source: Option<PathBuf>,
    target: Option<PathBuf>,
    source_dir: Option<PathBuf>,
    target_dir: Option<PathBuf>,
    [source_column, target_column, id_column]: [Option<String>; 3],
) -> mtlint::Result<CheckInput> {
    let named = source_column.is_some() || target_column.is_some() || id_column.is_some();
    let input = match (named, source, target, source_dir, target_dir) {
        (true, Some(path), None, None, None) if path.is_dir() => CheckInput::Corpus {
            path,
            columns: Default::default(),
        },
        (_, source, target, source_dir, target_dir) => {
            CheckInput::from_args(source, target, source_dir, target_dir)?
        }
    };
    match input {
        CheckInput::Corpus { path, mut columns } => {
            columns.source = source_column.unwrap_or(columns.source);
            columns.target = target_column.unwrap_or(columns.target);
            columns.id = id_column.or(columns.id);
            Ok(CheckInput::Corpus { path, columns })
        }
        _ if named => Err(mtlint::MtError::Usage(
            "--source-column, --target-column and --id-column name the columns of a Parquet corpus; pass a .parquet file or a folder of them".to_string(),
        )),
        other => Ok(other),
    }
}

fn main() -> ExitCode {
    commands::fixed_mmap_threshold();
    ExitCode::from(run(Cli::parse()))
}

/// The command line from `args` (the first is the program name): what the Python package's
/// `python -m mtlint …` runs (it builds this file into its module).
#[allow(dead_code)]
pub(crate) fn run_from(args: Vec<std::ffi::OsString>) -> u8 {
    run(Cli::parse_from(args))
}

/// Run a parsed command line; returns the exit code.
fn run(cli: Cli) -> u8 {
    commands::install_interrupt_handler();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Check {
            source,
            target,
            source_dir,
            target_dir,
            source_column,
            target_column,
            id_column,
            jobs,
            output,
            format,
            excel,
            summary,
            baseline,
            write_baseline,
            fail_on_stale,
            config,
            select,
            ignore,
            fail_on,
            source_lang,
            target_lang,
            all_pairs,
            quiet,
            timings,
            dict,
            spell,
            max_input_size,
            encoding,
            lines,
            paragraphs,
        } => corpus_input(
            source,
            target,
            source_dir,
            target_dir,
            [source_column, target_column, id_column],
        )
        .and_then(|input| {
            if lines && let CheckInput::Bilingual(file) = &input {
                return Err(mtlint::MtError::Usage(format!(
                    "{}: --lines reads plain-text pairs; a bilingual file pairs its units itself",
                    file.display()
                )));
            }
            commands::check(&CheckOptions {
                outputs: output,
                format: format.map(Format::from),
                excel,
                summary,
                baselines: baseline,
                write_baseline,
                fail_on_stale,
                config,
                select,
                ignore,
                fail_on: match fail_on {
                    FailOn::Error => Some(Severity::Error),
                    FailOn::Warning => Some(Severity::Warning),
                    FailOn::Info => Some(Severity::Info),
                    FailOn::Never => None,
                },
                source_lang: source_lang.into(),
                target_lang: target_lang.into(),
                all_pairs,
                quiet,
                timings,
                jobs,
                dict,
                spell,
                read: mtlint::formats::ReadOptions {
                    max_input_size,
                    encoding,
                    lines: lines_option(lines, paragraphs),
                },
                ..CheckOptions::for_input(input)
            })
        }),
        Command::Segment { lang, file } => commands::segment(&file, lang.into(), &mut stdout),
        Command::Align {
            source,
            target,
            source_lang,
            target_lang,
            dict,
            lines,
            paragraphs,
        } => commands::align(
            &source,
            &target,
            source_lang.into(),
            target_lang.into(),
            dict.as_deref(),
            lines_option(lines, paragraphs),
            &mut stdout,
        ),
        Command::Rules => commands::rules(&mut stdout),
        Command::Explain { code } => commands::explain(&code, &mut stdout),
    };
    match result {
        Ok(code) => code as u8,
        Err(mtlint::MtError::BrokenPipe) => 0,
        Err(e) => {
            eprintln!("mtlint: error: {e}");
            commands::EXIT_ERROR as u8
        }
    }
}
