//! `mtlint.toml`: which checks run, at which severity, with which thresholds and glossary.
//!
//! Found in the current directory, or given with `--config PATH`. Every key is optional:
//!
//! ```toml
//! # Checks to run: codes (MT005), names (doubled-punctuation), code prefixes (MT01) or ALL.
//! # Default: every check.
//! select = ["ALL"]
//! # Checks not to run (same forms as select).
//! ignore = ["MT016", "length-ratio"]
//!
//! # Severity overrides: error, warning or info.
//! [severity]
//! MT016 = "warning"
//! capitalised-function-word = "warning"
//!
//! # Thresholds the checks read (see THRESHOLDS for the names).
//! [thresholds]
//! length-ratio-max = 2.5
//!
//! # A CSV glossary (en,de) for the terminology check MT019, relative to this file.
//! glossary = "terms.csv"
//!
//! # Exit with 1 when a --baseline entry matched no finding (as --fail-on-stale).
//! fail-on-stale = true
//! ```
//!
//! `--select` and `--ignore` on the command line are merged with `select` and `ignore` as
//! ruff merges them: the file's selection comes first, then the command line's; a `--select`
//! starts the selection afresh (so `--select MT005` runs MT005 even if the file ignores it),
//! and `--ignore` always removes checks from what is selected.
//!
//! Unknown keys, checks, severities and thresholds are errors (exit code 2) that name the
//! file and line, and so are thresholds that contradict each other: `length-ratio-min` not
//! below `length-ratio-max` (or above 1), `length-ratio-max` below 1, `repetition-min`
//! below 2.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use std::sync::Arc;

use crate::align::Dictionary;
use crate::checks::length_ratio;
use crate::checks::terminology::Glossary;
use crate::checks::{self, Policy, Rule, RuleContext, RuleSet};
use crate::error::{MtError, Result};
use crate::model::Severity;
use crate::report::ActiveRule;

/// The configuration file looked for in the current directory.
pub const FILE_NAME: &str = "mtlint.toml";

/// The thresholds `[thresholds]` accepts: (name, what it means), from the rules' options in
/// the registry ([`checks::registry::options`]).
pub fn thresholds() -> Vec<(&'static str, &'static str)> {
    checks::registry::options()
        .map(|(_, o)| (o.name, o.help))
        .collect()
}

/// Numeric thresholds from `[thresholds]`, by name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Thresholds(pub BTreeMap<String, f64>);

impl Thresholds {
    /// A threshold set in the configuration, if any (checks use their default otherwise).
    pub fn get(&self, name: &str) -> Option<f64> {
        self.0.get(name).copied()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    thresholds: BTreeMap<Spanned<String>, Spanned<f64>>,
    glossary: Option<Spanned<String>>,
    #[serde(default, rename = "fail-on-stale")]
    fail_on_stale: bool,
}

/// The configuration of a run.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from (`None`: defaults, no file).
    pub path: Option<PathBuf>,
    /// Codes of the selected checks (`None`: all).
    pub select: Option<Vec<&'static str>>,
    /// Codes of the ignored checks.
    pub ignore: Vec<&'static str>,
    /// Severity overrides by code.
    pub severity: BTreeMap<&'static str, Severity>,
    pub thresholds: Thresholds,
    /// The glossary for MT019, when configured.
    pub glossary: Option<Glossary>,
    /// The `--dict` word list: enables the content-omission check MT018 (set by the caller,
    /// not read from the file).
    pub dict: Option<Arc<Dictionary>>,
    /// `fail-on-stale = true`: fail on stale baseline entries, as `--fail-on-stale`.
    pub fail_on_stale: bool,
    /// The `--spell` dictionary: enables the spelling check MT026 (set by the caller).
    pub spell: Option<Arc<crate::checks::spelling::Speller>>,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Resolve a selector (code, name, code prefix or ALL) to codes.
fn resolve(key: &str) -> Option<Vec<&'static str>> {
    let rules = checks::all_rules();
    let key = key.trim();
    if key.eq_ignore_ascii_case("all") {
        return Some(rules.iter().map(|r| r.code).collect());
    }
    if let Some(r) = checks::find_rule(key) {
        return Some(vec![r.code]);
    }
    let upper = key.to_ascii_uppercase();
    if upper.starts_with("MT") {
        let codes: Vec<&'static str> = rules
            .iter()
            .filter(|r| r.code.starts_with(&upper))
            .map(|r| r.code)
            .collect();
        if !codes.is_empty() {
            return Some(codes);
        }
    }
    None
}

/// A threshold for a message: at most 3 decimals, no trailing zeros (0.667, 2.5, 3).
fn short(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Checks that thresholds which belong together make sense together: `length-ratio-min` at
/// most 1 (a fraction of the typical ratio), `length-ratio-max` at least 1, min below max
/// (either one compared with the other's default when only one is set); `repetition-min` at
/// least 2 (one copy is no loop).
fn validate_thresholds(
    raw: &BTreeMap<Spanned<String>, Spanned<f64>>,
    values: &BTreeMap<String, f64>,
    err: &dyn Fn(usize, String) -> MtError,
) -> Result<()> {
    let at = |name: &str| {
        raw.iter()
            .find(|(k, _)| k.get_ref() == name)
            .map_or(0, |(_, v)| v.span().start)
    };
    let min = values.get("length-ratio-min").copied();
    let max = values.get("length-ratio-max").copied();
    if min.is_some() || max.is_some() {
        let (lo, hi) = (
            min.unwrap_or(length_ratio::DEFAULT_MIN),
            max.unwrap_or(length_ratio::DEFAULT_MAX),
        );
        if lo >= hi {
            let name = |v: Option<f64>, n: &str| match v {
                Some(_) => n.to_string(),
                None => format!("{n} (default)"),
            };
            return Err(err(
                at(if min.is_some() {
                    "length-ratio-min"
                } else {
                    "length-ratio-max"
                }),
                format!(
                    "{} = {} is not below {} = {}: every pair would be flagged; make the minimum smaller than the maximum",
                    name(min, "length-ratio-min"),
                    short(lo),
                    name(max, "length-ratio-max"),
                    short(hi)
                ),
            ));
        }
    }
    if let Some(v) = min
        && v > 1.0
    {
        return Err(err(
            at("length-ratio-min"),
            format!(
                "length-ratio-min = {v} is above 1: it is a fraction of the document's typical ratio, so every ordinary pair would be too short; use a value below 1 (default {})",
                short(length_ratio::DEFAULT_MIN)
            ),
        ));
    }
    if let Some(v) = max
        && v < 1.0
    {
        return Err(err(
            at("length-ratio-max"),
            format!(
                "length-ratio-max = {v} is below 1: it is a multiple of the document's typical ratio, so every ordinary pair would be too long; use a value above 1 (default {})",
                short(length_ratio::DEFAULT_MAX)
            ),
        ));
    }
    if let Some(v) = values.get("repetition-min").copied()
        && v < 2.0
    {
        return Err(err(
            at("repetition-min"),
            format!("repetition-min = {v} is below 2: a loop is at least two copies in a row"),
        ));
    }
    Ok(())
}

impl Config {
    /// The configuration for a run: `explicit` (from `--config`) if given, else
    /// `mtlint.toml` in the current directory if it exists, else the defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Config> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => {
                let p = PathBuf::from(FILE_NAME);
                if !p.is_file() {
                    return Ok(Config::default());
                }
                p
            }
        };
        let text = crate::formats::read_text_as(&path, crate::formats::Role::Config)?;
        Self::parse(&path, &text)
    }

    /// Parse a configuration file's text; the glossary path is relative to `path`'s folder.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let err = |offset: usize, message: String| MtError::Format {
            path: path.to_path_buf(),
            message: format!("line {}: {message}", line_of(text, offset)),
        };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            let message = e.message().trim().replace('\n', " ");
            let hint = if message.contains("unknown field") {
                "; known keys: select, ignore, severity, thresholds, glossary, fail-on-stale"
            } else {
                ""
            };
            err(offset, format!("{message}{hint}"))
        })?;
        let selectors = |list: &[Spanned<String>], key: &str| -> Result<Vec<&'static str>> {
            let mut codes = Vec::new();
            for item in list {
                match resolve(item.get_ref()) {
                    Some(c) => codes.extend(c),
                    None => {
                        return Err(err(
                            item.span().start,
                            format!(
                                "unknown check '{}' in `{key}`; `mtlint rules` lists the codes and names",
                                item.get_ref()
                            ),
                        ));
                    }
                }
            }
            Ok(codes)
        };
        let select = match &raw.select {
            Some(list) => Some(selectors(list, "select")?),
            None => None,
        };
        let ignore = selectors(&raw.ignore, "ignore")?;
        let mut severity = BTreeMap::new();
        for (key, value) in &raw.severity {
            let Some(rule) = checks::find_rule(key.get_ref()) else {
                return Err(err(
                    key.span().start,
                    format!(
                        "unknown check '{}' in [severity]; `mtlint rules` lists the codes and names",
                        key.get_ref()
                    ),
                ));
            };
            let sev: Severity = value
                .get_ref()
                .parse()
                .map_err(|e: String| err(value.span().start, e))?;
            severity.insert(rule.code, sev);
        }
        let mut thresholds = BTreeMap::new();
        for (key, value) in &raw.thresholds {
            let name = key.get_ref().as_str();
            let known_thresholds = self::thresholds();
            if !known_thresholds.iter().any(|(n, _)| *n == name) {
                let known: Vec<&str> = known_thresholds.iter().map(|(n, _)| *n).collect();
                return Err(err(
                    key.span().start,
                    format!(
                        "unknown threshold '{name}'; known thresholds: {}",
                        known.join(", ")
                    ),
                ));
            }
            let v = *value.get_ref();
            if !v.is_finite() || v < 0.0 {
                return Err(err(
                    value.span().start,
                    format!("threshold '{name}' must be a number ≥ 0"),
                ));
            }
            thresholds.insert(name.to_string(), v);
        }
        validate_thresholds(&raw.thresholds, &thresholds, &err)?;
        let glossary = match &raw.glossary {
            None => None,
            Some(g) => {
                let rel = Path::new(g.get_ref());
                let full = match path.parent() {
                    Some(dir) if rel.is_relative() => dir.join(rel),
                    _ => rel.to_path_buf(),
                };
                if !full.is_file() {
                    return Err(err(
                        g.span().start,
                        format!(
                            "glossary {} not found (the path is relative to the configuration file)",
                            full.display()
                        ),
                    ));
                }
                Some(Glossary::read(&full)?)
            }
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            select,
            ignore,
            severity,
            thresholds: Thresholds(thresholds),
            glossary,
            dict: None,
            fail_on_stale: raw.fail_on_stale,
            spell: None,
        })
    }

    /// Merge `--select`/`--ignore` from the command line into the file's selection, as ruff
    /// does (see the module documentation): a `--select` replaces the selection made so far
    /// (the file's `select` and `ignore`), `--ignore` removes checks from it. Each item is a
    /// code, name, code prefix or ALL, also several separated by commas; an unknown one is a
    /// usage error.
    pub fn apply_cli(&mut self, select: Option<&[String]>, ignore: &[String]) -> Result<()> {
        let resolve_all = |list: &[String], flag: &str| -> Result<Vec<&'static str>> {
            let mut codes = Vec::new();
            for item in list.iter().flat_map(|i| i.split(',')) {
                if item.trim().is_empty() {
                    continue;
                }
                match resolve(item) {
                    Some(c) => codes.extend(c),
                    None => {
                        return Err(MtError::Usage(format!(
                            "unknown check '{}' in {flag}; `mtlint rules` lists the codes and names",
                            item.trim()
                        )));
                    }
                }
            }
            Ok(codes)
        };
        if let Some(select) = select {
            self.select = Some(resolve_all(select, "--select")?);
            self.ignore.clear();
        }
        self.ignore.extend(resolve_all(ignore, "--ignore")?);
        Ok(())
    }

    /// Whether the check with this code runs.
    pub fn enabled(&self, code: &str) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(&code)) && !self.ignore.contains(&code)
    }

    /// The severity a rule runs at.
    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity
            .get(rule.code)
            .copied()
            .unwrap_or(rule.severity)
    }

    /// The rules to run: the registry's rules that select/ignore leave on, built with the
    /// thresholds, the glossary (MT019) and the dictionary (MT018) when configured, and the
    /// policy (select/ignore by finding code, severity overrides) their findings go through.
    pub fn rule_set(&self) -> RuleSet {
        let thresholds = |name: &str| self.thresholds.get(name);
        let cx = RuleContext {
            thresholds: Some(&thresholds),
            dict: self.dict.clone(),
            glossary: self.glossary.as_ref(),
            spell: self.spell.clone(),
        };
        let mut set = RuleSet::build(&cx, |e| self.enabled(e.rule.code));
        set.policy = Policy {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            severity: self.severity.clone(),
        };
        set
    }

    /// The rules of [`Config::rule_set`] with the severity they run at.
    pub fn active_rules(&self) -> Vec<ActiveRule> {
        self.rule_set()
            .rules()
            .into_iter()
            .map(|rule| ActiveRule {
                rule,
                severity: self.severity_of(rule),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("mtlint.toml"), text)
    }

    #[test]
    fn select_ignore_and_severity() {
        let c = parse(
            "select = [\"MT00\"]\nignore = [\"added-sentence\"]\n[severity]\nMT005 = \"warning\"\n",
        )
        .unwrap();
        assert!(c.enabled("MT005") && c.enabled("MT007"));
        assert!(!c.enabled("MT008") && !c.enabled("MT019"));
        let rules = c.active_rules();
        let codes: Vec<&str> = rules.iter().map(|a| a.rule.code).collect();
        // Every registered MT00x check but the ignored MT008 (the registry grows).
        let expected: Vec<&str> = checks::registry()
            .rules()
            .iter()
            .map(|r| r.code)
            .filter(|c| c.starts_with("MT00") && *c != "MT008")
            .collect();
        assert_eq!(codes, expected);
        assert!(codes.contains(&"MT005") && codes.contains(&"MT007"));
        let mt005 = rules.iter().find(|a| a.rule.code == "MT005").unwrap();
        assert_eq!(mt005.severity, Severity::Warning);

        let doc = checks::DocStats {
            length_ratio: 1.0,
            ..Default::default()
        };
        let pair = checks::PairView::simple("Good.", "Gut. .", &doc);
        let out = c.rule_set().check_pair(&pair);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity(), Severity::Warning);
    }

    #[test]
    fn defaults_run_everything_but_terminology() {
        let c = parse("").unwrap();
        let codes: Vec<&str> = c.active_rules().iter().map(|a| a.rule.code).collect();
        let registry: Vec<&str> = checks::registry().rules().iter().map(|r| r.code).collect();
        assert_eq!(codes, registry);
    }

    #[test]
    fn thresholds_are_stored() {
        let c = parse("[thresholds]\nlength-ratio-max = 2.5\nrepetition-min = 3\n").unwrap();
        assert_eq!(c.thresholds.get("length-ratio-max"), Some(2.5));
        assert_eq!(c.thresholds.get("repetition-min"), Some(3.0));
        assert_eq!(c.thresholds.get("length-ratio-min"), None);
    }

    #[test]
    fn thresholds_reach_the_checks() {
        let doc = checks::DocStats {
            length_ratio: 1.12,
            log_ratio_mean: 0.11,
            log_ratio_sd: 0.1,
            ratio_pairs: 100,
        };
        let run = |c: &Config, s: &str, t: &str| -> Vec<&'static str> {
            let pair = checks::PairView::simple(s, t, &doc);
            let out = c.rule_set().check_pair(&pair);
            out.iter().map(|f| f.rule.code).collect()
        };
        let (s, t) = (
            "Bitcoin, AI and 3D printers share a common theme: decentralisation and the disruptive potential for the nation state.",
            "Bitcoin, KI und 3D-Drucker haben ein gemeinsames Thema.",
        );
        assert!(run(&parse("").unwrap(), s, t).contains(&"MT014"));
        let lenient = parse("[thresholds]\nlength-ratio-min = 0.3\n").unwrap();
        assert!(!run(&lenient, s, t).contains(&"MT014"));

        let (s, t) = (
            "Dear citizens,",
            "Liebe Bürgerinnen und Bürgerinnen und Bürgerinnen",
        );
        assert!(run(&parse("").unwrap(), s, t).contains(&"MT011"));
        let four = parse("[thresholds]\nrepetition-min = 4\n").unwrap();
        assert!(!run(&four, s, t).contains(&"MT011"));
    }

    #[test]
    fn errors_name_file_and_line() {
        for (text, line, what) in [
            ("select = [\"MT005\"]\nfoo = 1\n", 2, "unknown field"),
            ("\n\nselect = [\"MT005\", \"MT999\"]\n", 3, "MT999"),
            ("ignore = [\"no-such-check\"]\n", 1, "no-such-check"),
            (
                "[severity]\nMT005 = \"warning\"\nMT998 = \"info\"\n",
                3,
                "MT998",
            ),
            ("[severity]\nMT005 = \"fatal\"\n", 2, "fatal"),
            ("[thresholds]\n\nspeed = 3\n", 3, "speed"),
            (
                "[thresholds]\nalignment-score-min = 0.3\n",
                2,
                "alignment-score-min",
            ),
            ("select = \"MT005\"\n", 1, "sequence"),
            ("glossary = \"missing-terms.csv\"\n", 1, "missing-terms.csv"),
            ("select = [\n", 1, "unclosed"),
        ] {
            let e = parse(text).unwrap_err().to_string();
            assert!(
                e.starts_with(&format!("mtlint.toml: line {line}: ")),
                "{text:?} → {e}"
            );
            assert!(e.contains(what), "{text:?} → {e}");
        }
    }

    #[test]
    fn dictionary_enables_content_omission() {
        let c = parse("").unwrap();
        assert!(!c.active_rules().iter().any(|a| a.rule.code == "MT018"));
        let dict = Dictionary::parse("Tinte {f} :: ink\n");
        let c = Config {
            dict: Some(Arc::new(dict)),
            ..c
        };
        assert!(c.active_rules().iter().any(|a| a.rule.code == "MT018"));
        assert!(checks::find_rule("content-omission").is_some());
    }

    #[test]
    fn glossary_enables_terminology() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("terms.csv"),
            "en,de\ngovernment,Regierung\n",
        )
        .unwrap();
        let path = dir.path().join("mtlint.toml");
        std::fs::write(&path, "glossary = \"terms.csv\"\n").unwrap();
        let c = Config::load(Some(&path)).unwrap();
        assert!(c.active_rules().iter().any(|a| a.rule.code == "MT019"));
        let c = Config::load(Some(&path)).unwrap();
        let c = Config {
            ignore: vec!["MT019"],
            ..c
        };
        assert!(!c.active_rules().iter().any(|a| a.rule.code == "MT019"));
    }

    #[test]
    fn thresholds_that_contradict_each_other_are_rejected() {
        let e = parse("[thresholds]\nlength-ratio-min = 0.9\nlength-ratio-max = 0.8\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("length-ratio-min = 0.9 is not below length-ratio-max = 0.8"),
            "{e}"
        );
        let e = parse("[thresholds]\nlength-ratio-min = 1\nlength-ratio-max = 1\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("length-ratio-min = 1 is not below length-ratio-max = 1"),
            "{e}"
        );
        let e = parse("[thresholds]\nlength-ratio-min = 1.2\nlength-ratio-max = 2\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 2: length-ratio-min = 1.2 is above 1"),
            "{e}"
        );
        let e = parse("[thresholds]\nlength-ratio-max = 0.8\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("length-ratio-max = 0.8 is below 1"), "{e}");
        let e = parse("[thresholds]\nlength-ratio-min = 2\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("length-ratio-min = 2 is not below length-ratio-max (default) = 1.5"),
            "{e}"
        );
        let e = parse("[thresholds]\nrepetition-min = 1.5\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("repetition-min = 1.5 is below 2"), "{e}");
        // Sensible values, alone or together, are fine.
        for ok in [
            "[thresholds]\nlength-ratio-min = 0.5\nlength-ratio-max = 2\n",
            "[thresholds]\nlength-ratio-min = 1\n",
            "[thresholds]\nlength-ratio-max = 1\nlength-ratio-min = 0.5\n",
            "[thresholds]\nlength-ratio-min = 0\n",
            "[thresholds]\nrepetition-min = 2\n",
        ] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(short(length_ratio::DEFAULT_MIN), "0.667");
    }
}
