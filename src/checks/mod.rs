//! The checks ("rules"), one per file, like lint rules in ruff or clippy.
//!
//! Each check is declared with [`declare_check!`], which gives it a stable code (`MT001`…), a
//! kebab-case name, a default severity, a one-line summary and its documentation (the doc
//! comment, also printed by `mtlint explain CODE`), and listed once in [`registry`] (module
//! `registry.rs`: the table every list of rules comes from). The engine's types (what a rule
//! sees and where it puts its findings) are in `engine.rs`; what rules share about a pair is
//! in [`analysis`]; word lists and helpers in [`text`], [`tokens`], [`numbers`] and [`lang`].

pub mod added_content;
pub mod added_sentence;
pub mod analysis;
pub mod broken_abbreviation;
pub mod capitalised_function_word;
pub mod comma_before_verb;
pub mod consistency;
pub mod content_omission;
#[cfg(test)]
mod corpus_tests;
pub mod doubled_punctuation;
pub mod dropped_content;
mod engine;
pub mod entities;
pub mod entity_mismatch;
pub mod glued_words;
pub mod inconsistent_translation;
pub mod l10n;
pub mod lang;
pub mod length_ratio;
pub mod miscapitalised_word;
pub mod missing_translation;
pub mod mojibake;
pub mod name_mismatch;
pub mod negation_mismatch;
pub mod number_mismatch;
pub mod numbers;
pub mod obsolete_key;
pub mod omitted_sentence;
pub mod placeholder_syntax;
pub mod registry;
pub mod repetition;
pub mod same_translation;
pub mod sentence_fragment;
pub mod spelling;
pub mod terminology;
pub mod text;
pub mod tokens;
pub mod truncation;
pub mod unbalanced_quotes;
pub mod untranslated;
pub mod whitespace_punctuation;

pub use engine::{
    Check, DocCheck, DocFindings, DocStats, DocView, Finding, Findings, KEEP_PER_RULE,
    LISTED_PER_RULE, PairView, Policy, Rule, UnitSpace, severity_slot,
};
pub use registry::{Code, ENTRIES, Entry, Needs, RuleContext, RuleSet};

/// The checks that read the German text itself, with little or no help from the source
/// (MT001–MT004, MT006, MT015–MT017): what the seed's surface garbling needs. The text-check
/// benchmark and the corpus tests run this group.
pub fn text_group() -> RuleSet {
    use Code::*;
    RuleSet::of(&[MT001, MT002, MT003, MT004, MT006, MT015, MT016, MT017])
}

/// The rules that run without configuration, with their defaults (see [`registry`]).
pub fn registry() -> RuleSet {
    RuleSet::defaults()
}

/// The rules of every check, default and optional, in code order.
pub fn all_rules() -> Vec<&'static Rule> {
    ENTRIES.iter().map(|e| e.rule).collect()
}

/// Look a rule up by code (`MT005`) or name (`doubled-punctuation`), case-insensitively.
pub fn find_rule(key: &str) -> Option<&'static Rule> {
    all_rules()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the checks' unit tests.
    use super::*;
    use crate::model::Side;

    /// Run `check` on a one-sentence pair and return (span text, message) of each finding.
    pub fn run(check: &dyn Check, source: &str, target: &str) -> Vec<(String, String)> {
        let doc = DocStats {
            length_ratio: 1.1,
            ..DocStats::default()
        };
        let pair = PairView::simple(source, target, &doc);
        let mut out = Findings::new();
        check.check(&pair, &mut out);
        out.into_iter()
            .map(|f| {
                let text = match f.side {
                    Side::Target => target,
                    Side::Source => source,
                };
                (text[f.span.clone()].to_string(), f.message)
            })
            .collect()
    }

    /// (span text in the target, severity) of each finding of `check` on a one-sentence
    /// pair.
    pub fn with_severity(
        check: &dyn Check,
        source: &str,
        target: &str,
    ) -> Vec<(String, crate::model::Severity)> {
        let doc = DocStats::default();
        let pair = PairView::simple(source, target, &doc);
        let mut out = Findings::new();
        check.check(&pair, &mut out);
        out.iter()
            .map(|f| (target[f.span.clone()].to_string(), f.severity()))
            .collect()
    }

    /// The span texts only.
    pub fn spans(check: &dyn Check, source: &str, target: &str) -> Vec<String> {
        run(check, source, target)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }
}

/// The modules of `src/checks/` that are shared layers, not rules: rules may import these
/// (and nothing else of `checks` but this module's types).
#[cfg(test)]
const SHARED_MODULES: [&str; 11] = [
    "consistency",
    "text",
    "l10n",
    "tokens",
    "numbers",
    "lang",
    "analysis",
    "engine",
    "registry",
    "entities",
    "corpus_tests",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let rules: Vec<&Rule> = all_rules();
        for (i, a) in rules.iter().enumerate() {
            assert!(a.code.len() == 5 && a.code.starts_with("MT"), "{}", a.code);
            assert!(
                a.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                a.name
            );
            assert!(
                !a.summary.is_empty() && a.doc.len() > 80,
                "{} lacks docs",
                a.code
            );
            for b in &rules[i + 1..] {
                assert_ne!(a.code, b.code);
                assert_ne!(a.name, b.name);
            }
        }
    }

    /// The sections of a rule's documentation, in order; `How it decides` may stand between
    /// `Example` and `Not flagged`.
    const SECTIONS: [&str; 5] = [
        "What it catches",
        "Why it matters",
        "Example",
        "How it decides",
        "Not flagged",
    ];

    /// (heading, text) of each `## ` section of a doc, and the text before the first.
    fn sections(doc: &str) -> (String, Vec<(String, String)>) {
        let mut before = String::new();
        let mut out: Vec<(String, String)> = Vec::new();
        for line in doc.lines().map(str::trim_start) {
            if let Some(h) = line.strip_prefix("## ") {
                out.push((h.trim().to_string(), String::new()));
            } else if let Some((_, text)) = out.last_mut() {
                text.push_str(line);
                text.push('\n');
            } else {
                before.push_str(line);
            }
        }
        (before, out)
    }

    #[test]
    fn every_rule_doc_has_the_four_sections_in_order_and_an_english_german_example() {
        for r in all_rules() {
            let (before, found) = sections(r.doc);
            let headings: Vec<&str> = found.iter().map(|(h, _)| h.as_str()).collect();
            let optional: Vec<&str> = SECTIONS
                .iter()
                .copied()
                .filter(|h| *h != "How it decides")
                .collect();
            assert!(
                headings == SECTIONS || headings == optional,
                "{}: sections {headings:?}; want {optional:?}, optionally with \
                 'How it decides' before 'Not flagged'",
                r.code
            );
            assert!(
                before.trim().is_empty(),
                "{}: text before '## What it catches': {before:?}",
                r.code
            );
            for (h, text) in &found {
                assert!(!text.trim().is_empty(), "{}: '## {h}' is empty", r.code);
            }
            let example = &found[2].1;
            for lang in ["en: ", "de: "] {
                assert!(
                    example.lines().any(|l| l.starts_with(lang)),
                    "{}: the example has no line starting with '{lang}'",
                    r.code
                );
            }
        }
    }

    #[test]
    fn the_doc_check_fails_on_a_doc_out_of_shape() {
        let shaped = "## What it catches\nA.\n## Why it matters\nB.\n## Example\nen: x\nde: y\n\
                      ## Not flagged\nC.\n";
        let (_, found) = sections(shaped);
        let headings: Vec<&str> = found.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(
            headings,
            [
                "What it catches",
                "Why it matters",
                "Example",
                "Not flagged"
            ]
        );
        let (before, _) = sections("Catches things.\n\nWhy: because.\n");
        assert!(!before.is_empty());
    }

    /// Rules stand alone: no rule file imports another rule file (shared word lists and
    /// helpers live in `text`, `tokens`, `numbers` and `lang`).
    #[test]
    fn no_rule_imports_another_rule() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checks");
        let rules: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".rs").map(str::to_string))
            .filter(|n| n != "mod" && !SHARED_MODULES.contains(&n.as_str()))
            .collect();
        assert!(rules.len() >= 19, "{rules:?}");
        let mut found = Vec::new();
        for rule in &rules {
            let text = std::fs::read_to_string(dir.join(format!("{rule}.rs"))).unwrap();
            for other in rules.iter().filter(|o| *o != rule) {
                if text.contains(&format!("checks::{other}::")) {
                    found.push(format!("{rule} imports {other}"));
                }
            }
        }
        assert!(found.is_empty(), "rules importing rules: {found:?}");
    }
}
