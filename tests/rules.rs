//! Rule fixtures: for every check code, `tests/fixtures/rules/<CODE>.txt` holds pairs that must
//! fire (with the exact span) and pairs that must not (format: `tests/fixtures/rules/README.md`).
//! Each pair goes through the real pipeline (plain-text reader → segment → align → check →
//! report rows), so sentence-level rules (MT007/MT008), the document statistics of MT014, the
//! `--dict` rule MT018 and the glossary rule MT019 run as in `mtlint check`. The findings of
//! the fixture's rule are snapshotted (`tests/snapshots/rules__<CODE>.snap`): a changed
//! message, span or suggestion shows as a snapshot diff.
//!
//! The `## Example` of every rule's documentation (`mtlint explain CODE`) runs the same way:
//! each span marked with `^^^` under an `en:`/`de:` line must be flagged.

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use mtlint::align::Dictionary;
use mtlint::checks::terminology::Glossary;
use mtlint::checks::{self, Rule};
use mtlint::config::Config;
use mtlint::formats::plaintext;
use mtlint::model::Document;
use mtlint::pipeline::{self, Settings};
use mtlint::report::{self, Row};

/// The folder of the rule fixtures.
fn dir() -> PathBuf {
    common::fixture("rules")
}

/// The Hunspell dictionary MT026 runs with (`--spell`); its fixture and example are skipped
/// with a message when it is not installed.
const SPELL: &str = "/usr/share/hunspell/de_DE";

/// Whether `rule` cannot run here (MT026 without the dictionary); says so.
fn unavailable(runner: &Runner, rule: &Rule) -> bool {
    let missing = rule.code == "MT026" && runner.spell.is_none();
    if missing {
        eprintln!("skipped MT026: {SPELL}.dic not installed (apt install hunspell-de-de)");
    }
    missing
}

/// The rules whose fixtures run with `--dict dict.txt`: MT018 needs it, MT029/MT030 judge
/// one-pair documents only with it.
const WITH_DICT: &[&str] = &["MT018", "MT029", "MT030"];

/// The configuration of `mtlint check` with `glossary = "glossary.csv"`, and for MT018 with
/// `--dict dict.txt` (which the aligner then uses too, as in a real run).
struct Runner {
    dict: Arc<Dictionary>,
    /// Debian's Hunspell de_DE for MT026, when installed (`apt install hunspell-de-de`).
    spell: Option<Arc<mtlint::checks::spelling::Speller>>,
    glossary: Glossary,
    plain: Settings,
    with_dict: Settings,
}

impl Runner {
    fn new() -> Runner {
        let dict = Arc::new(Dictionary::load(&dir().join("dict.txt")).expect("dict.txt"));
        let glossary = Glossary::read(&dir().join("glossary.csv")).expect("glossary.csv");
        let mut with_dict = Settings::default();
        with_dict.align.dict = Some(dict.clone());
        let hunspell = std::path::Path::new(SPELL);
        let spell = hunspell.with_extension("dic").is_file().then(|| {
            Arc::new(mtlint::checks::spelling::Speller::load(hunspell, None).expect("de_DE"))
        });
        Runner {
            dict,
            spell,
            glossary,
            plain: Settings::default(),
            with_dict,
        }
    }

    /// The report rows of `rule` for a source and a target text (plain text, paragraphs
    /// separated by blank lines), through the whole pipeline with only that rule selected.
    fn rows(&self, rule: &Rule, source: &str, target: &str) -> Vec<Row> {
        let doc = if rule.code == "MT022" {
            units(source, target)
        } else if rule.code == "MT028" {
            keyed_units(source, target)
        } else {
            let source = plaintext::from_text("en.txt".into(), source.to_string());
            let target = plaintext::from_text("de.txt".into(), target.to_string());
            let paired = !source.blocks.is_empty() && source.blocks.len() == target.blocks.len();
            Document {
                id: "de.txt".into(),
                source,
                target,
                paired,
            }
        };
        let config = Config {
            select: Some(vec![rule.code]),
            glossary: Some(self.glossary.clone()),
            dict: WITH_DICT.contains(&rule.code).then(|| self.dict.clone()),
            spell: self.spell.clone(),
            ..Config::default()
        };
        let checks = config.rule_set();
        assert_eq!(
            checks.len(),
            1,
            "{}: not exactly one check selected",
            rule.code
        );
        let settings = if WITH_DICT.contains(&rule.code) {
            &self.with_dict
        } else {
            &self.plain
        };
        let checked = pipeline::check_document(doc, settings, &checks);
        report::rows(&checked, false)
            .into_iter()
            .filter(|r| r.code == rule.code)
            .collect()
    }
}

/// MT022 (missing-translation) is about units of bilingual files: its cases are read as a
/// TSV file, one unit per paragraph (`en:` line), its target the `de:` line of the same
/// number (empty or missing: an untranslated unit).
fn units(source: &str, target: &str) -> Document {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("units.tsv");
    let de: Vec<&str> = target.split("\n\n").collect();
    let mut tsv = String::from("source\ttarget\n");
    for (i, en) in source.split("\n\n").enumerate() {
        tsv.push_str(&format!("{en}\t{}\n", de.get(i).copied().unwrap_or("")));
    }
    std::fs::write(&path, tsv).expect("write units.tsv");
    let mut docs = mtlint::formats::read_bilingual(&path).expect("units.tsv reads");
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

/// MT028 (obsolete-key) is about localisation files paired by key: its cases are read as an
/// `en.json` and a `de.json`, paragraph N (`en:`/`de:` line N) being key `kN`; an empty line
/// is a key that file does not have.
fn keyed_units(source: &str, target: &str) -> Document {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = |text: &str| {
        let members: Vec<String> = text
            .split("\n\n")
            .enumerate()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(i, t)| format!("\"k{i}\": {}", serde_json::Value::from(t)))
            .collect();
        format!("{{{}}}\n", members.join(",\n"))
    };
    let en = dir.path().join("en.json");
    let de = dir.path().join("de.json");
    std::fs::write(&en, json(source)).expect("write en.json");
    std::fs::write(&de, json(target)).expect("write de.json");
    mtlint::formats::read_pair(&en, &de).expect("the JSON pair reads")
}

/// Whether a case must fire or must stay clean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fires,
    Clean,
}

/// One case of a fixture file.
#[derive(Debug)]
struct Case {
    line: usize,
    kind: Kind,
    title: String,
    en: Vec<String>,
    de: Vec<String>,
    /// (side: "source" or "target", span text).
    expect: Vec<(&'static str, String)>,
}

impl Case {
    fn source(&self) -> String {
        self.en.join("\n\n")
    }
    fn target(&self) -> String {
        self.de.join("\n\n")
    }
}

/// `\u{…}`, `\t`, `\n` and `\\` in a fixture's text.
fn unescape(s: &str, at: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let rest: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let hex = rest
                    .strip_prefix('{')
                    .unwrap_or_else(|| panic!("{at}: \\u needs {{hex}}"));
                let code = u32::from_str_radix(hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or_else(|| panic!("{at}: bad \\u{{{hex}}}"));
                out.push(code);
            }
            other => panic!("{at}: unknown escape \\{other:?}"),
        }
    }
    out
}

/// Parse a fixture file (see `tests/fixtures/rules/README.md`).
fn parse(name: &str, text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut current: Option<Case> = None;
    for (i, line) in text.lines().enumerate() {
        let at = format!("{name}:{}", i + 1);
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            cases.extend(current.take());
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{at}: expected `key: value`, got {line:?}"));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match key {
            "fires" | "clean" => {
                assert!(
                    current.is_none(),
                    "{at}: a case starts before the last ended (blank line missing)"
                );
                current = Some(Case {
                    line: i + 1,
                    kind: if key == "fires" {
                        Kind::Fires
                    } else {
                        Kind::Clean
                    },
                    title: value.to_string(),
                    en: Vec::new(),
                    de: Vec::new(),
                    expect: Vec::new(),
                });
            }
            "en" | "de" | "expect en" | "expect de" => {
                let case = current.as_mut().unwrap_or_else(|| {
                    panic!("{at}: `{key}:` outside a case (start with `fires:` or `clean:`)")
                });
                match key {
                    "en" => case.en.push(unescape(value, &at)),
                    "de" => case.de.push(unescape(value, &at)),
                    _ => {
                        let (open, close) = (value.find('['), value.rfind(']'));
                        let (Some(open), Some(close)) = (open, close) else {
                            panic!("{at}: write the span between [ and ]");
                        };
                        let side = if key == "expect en" {
                            "source"
                        } else {
                            "target"
                        };
                        case.expect
                            .push((side, unescape(&value[open + 1..close], &at)));
                    }
                }
            }
            _ => panic!("{at}: unknown key {key:?}"),
        }
    }
    cases.extend(current);
    cases
}

/// A finding as the snapshot shows it.
fn describe(r: &Row) -> String {
    let mut s = format!(
        "  {} {} {} {}..{} {:?}\n    message: {}\n",
        r.code,
        r.severity,
        r.side,
        r.span_start.unwrap_or_default(),
        r.span_end.unwrap_or_default(),
        r.span,
        r.message
    );
    if !r.suggestion.is_empty() {
        let _ = writeln!(s, "    suggestion: {:?}", r.suggestion);
    }
    s
}

#[test]
fn every_rule_fixture_fires_and_stays_clean_as_written() {
    let runner = Runner::new();
    let mut failures = Vec::new();
    for rule in checks::all_rules() {
        if unavailable(&runner, rule) {
            continue;
        }
        let code = rule.code;
        let name = format!("{code}.txt");
        let path = dir().join(&name);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!(
                    "{}: {e} (every rule needs a fixture)",
                    path.display()
                ));
                continue;
            }
        };
        let cases = parse(&name, &text);
        let fires = cases.iter().filter(|c| c.kind == Kind::Fires).count();
        let clean = cases.len() - fires;
        assert!(
            fires >= 5 && clean >= 5,
            "{name}: {fires} firing and {clean} clean cases; at least 5 of each"
        );
        let mut snapshot = format!("{code} {}\n", rule.name);
        for case in &cases {
            let at = format!("{name}:{}", case.line);
            assert!(
                !case.en.is_empty() || !case.de.is_empty(),
                "{at}: no `en:` or `de:` line"
            );
            assert!(
                (case.kind == Kind::Fires) != case.expect.is_empty(),
                "{at}: a `fires` case needs `expect en:`/`expect de:` lines, a `clean` case none"
            );
            let rows = runner.rows(rule, &case.source(), &case.target());
            let kind = match case.kind {
                Kind::Fires => "fires",
                Kind::Clean => "clean",
            };
            let _ = writeln!(snapshot, "\n{kind}: {}", case.title);
            for r in &rows {
                snapshot.push_str(&describe(r));
            }
            let mut got: Vec<(&str, &str)> = rows
                .iter()
                .map(|r| (r.side.as_str(), r.span.as_str()))
                .collect();
            let mut want: Vec<(&str, &str)> =
                case.expect.iter().map(|(s, t)| (*s, t.as_str())).collect();
            got.sort();
            want.sort();
            if got != want {
                failures.push(format!(
                    "{at} ({kind}: {}): expected {want:?}, found:\n{}",
                    case.title,
                    rows.iter().map(describe).collect::<String>()
                ));
            }
        }
        insta::assert_snapshot!(code, snapshot);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Quote characters a message must not start with: a spreadsheet shows a leading `'` as a
/// text marker (and doubles it), and a message that starts with the quoted span reads as
/// the span, not as what is wrong (issue 14 item 2).
const QUOTES: &[char] = &['\'', '"', '„', '“', '”', '‚', '‘', '’', '»', '«', '›', '‹'];

#[test]
fn no_rule_message_starts_with_a_quote() {
    let runner = Runner::new();
    let mut bad = Vec::new();
    let mut messages = 0;
    for rule in checks::all_rules() {
        if unavailable(&runner, rule) {
            continue;
        }
        let name = format!("{}.txt", rule.code);
        let text = std::fs::read_to_string(dir().join(&name)).expect("fixture");
        for case in parse(&name, &text) {
            for r in runner.rows(rule, &case.source(), &case.target()) {
                messages += 1;
                if r.message.starts_with(QUOTES) {
                    bad.push(format!("{name}:{}: {}", case.line, r.message));
                }
            }
        }
    }
    assert!(messages > 100, "only {messages} messages");
    assert!(
        bad.is_empty(),
        "messages starting with a quote:\n{}",
        bad.join("\n")
    );
}

/// The `## Example` section of a rule's documentation: its `en:`/`de:` lines (each a
/// paragraph) and the spans marked with `^` under them, as (side, span text).
fn doc_example(rule: &Rule) -> (Vec<String>, Vec<String>, Vec<(&'static str, String)>) {
    let doc: String = rule
        .doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let section = doc
        .split("\n## ")
        .find_map(|s| s.trim_start().strip_prefix("Example"))
        .unwrap_or_else(|| panic!("{}: no ## Example", rule.code));
    let (mut en, mut de, mut marked) = (Vec::new(), Vec::new(), Vec::new());
    let mut last: Option<(&'static str, &str)> = None;
    for line in section.lines() {
        if let Some(t) = line.strip_prefix("en: ") {
            en.push(t.to_string());
            last = Some(("source", line));
        } else if let Some(t) = line.strip_prefix("de: ") {
            de.push(t.to_string());
            last = Some(("target", line));
        } else if line.trim_start().starts_with('^') {
            let (side, above) =
                last.unwrap_or_else(|| panic!("{}: ^ marks with no en:/de: line above", rule.code));
            let start = line.chars().take_while(|&c| c == ' ').count();
            let len = line.chars().skip(start).take_while(|&c| c == '^').count();
            let span: String = above.chars().skip(start).take(len).collect();
            assert!(
                start >= 4 && span.chars().count() == len,
                "{}: ^ outside the line",
                rule.code
            );
            marked.push((side, span));
        }
    }
    (en, de, marked)
}

#[test]
fn every_rule_doc_example_is_flagged_where_it_says() {
    let runner = Runner::new();
    let mut failures = Vec::new();
    for rule in checks::all_rules() {
        if unavailable(&runner, rule) {
            continue;
        }
        let (en, de, marked) = doc_example(rule);
        assert!(
            !en.is_empty() && !de.is_empty() && !marked.is_empty(),
            "{}: the example needs an `en:` and a `de:` line and a span marked with ^",
            rule.code
        );
        let rows = runner.rows(rule, &en.join("\n\n"), &de.join("\n\n"));
        for (side, span) in &marked {
            if !rows.iter().any(|r| r.side == *side && r.span == *span) {
                failures.push(format!(
                    "{}: example marks {side} {span:?}, found:\n{}",
                    rule.code,
                    rows.iter().map(describe).collect::<String>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
