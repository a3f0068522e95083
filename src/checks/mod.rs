//! The checks ("rules"), one per file, like lint rules in ruff or clippy.
//!
//! Each check is declared with [`declare_check!`], which gives it a stable code (`MT001`…), a
//! kebab-case name, a default severity, a one-line summary and its documentation (the doc
//! comment, also printed by `mtlint explain CODE`). [`registry`] lists them all.

use std::ops::Range;

use crate::model::{Severity, Side};

pub mod added_sentence;
pub mod broken_abbreviation;
pub mod capitalised_function_word;
pub mod content_omission;
#[cfg(test)]
mod corpus_tests;
pub mod doubled_punctuation;
pub mod entities;
pub mod entity_mismatch;
pub mod glued_words;
pub mod lang;
pub mod length_ratio;
pub mod miscapitalised_word;
pub mod mojibake;
pub mod name_mismatch;
pub mod number_mismatch;
pub mod numbers;
pub mod omitted_sentence;
pub mod repetition;
pub mod sentence_fragment;
pub mod terminology;
pub mod text;
pub mod tokens;
pub mod truncation;
pub mod unbalanced_quotes;
pub mod untranslated;
pub mod whitespace_punctuation;

/// What every check declares about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, `MT001`…; never reused.
    pub code: &'static str,
    /// kebab-case name.
    pub name: &'static str,
    pub severity: Severity,
    /// One line for `mtlint rules`.
    pub summary: &'static str,
    /// Full documentation (the check's doc comment), in Markdown sections: `## What it
    /// catches`, `## Why it matters`, `## Example` (an `en:` and a `de:` line, the flagged span
    /// marked with `^`), optionally `## How it decides`, and `## Not flagged`.
    pub doc: &'static str,
}

/// Declare a check: a unit struct carrying its doc comment, with a `RULE` constant.
#[macro_export]
macro_rules! declare_check {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            name: $kebab:literal,
            severity: $sev:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $name {
            pub const RULE: $crate::checks::Rule = $crate::checks::Rule {
                code: $code,
                name: $kebab,
                severity: $crate::model::Severity::$sev,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}

/// Document-level facts that some checks compare a pair against.
#[derive(Debug, Clone, Default)]
pub struct DocStats {
    /// Target chars per source char over the whole document.
    pub length_ratio: f64,
    /// Mean of ln(target chars / source chars) over the document's pairs with a source of at
    /// least 30 chars and a non-empty target (see `length_ratio::log_ratio_stats`).
    pub log_ratio_mean: f64,
    /// Standard deviation of the same.
    pub log_ratio_sd: f64,
    /// How many pairs the two figures above come from.
    pub ratio_pairs: usize,
}

/// One aligned pair as the checks see it.
#[derive(Debug, Clone)]
pub struct PairView<'a> {
    /// Source text of the pair (the source sentences as they stand in the file).
    pub source: &'a str,
    /// Target text of the pair.
    pub target: &'a str,
    /// Byte ranges of the source sentences inside `source`.
    pub source_sentences: Vec<Range<usize>>,
    /// Byte ranges of the target sentences inside `target`.
    pub target_sentences: Vec<Range<usize>>,
    /// Aligner confidence in 0..=1.
    pub score: f64,
    pub doc: &'a DocStats,
    /// When the pair is a whole translation unit on both sides: the white space around the
    /// source and the target unit in the file ((leading, trailing) each). `None` otherwise.
    pub unit_space: Option<UnitSpace<'a>>,
}

/// The white space around a translation unit's source and target text, as in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitSpace<'a> {
    pub source: (&'a str, &'a str),
    pub target: (&'a str, &'a str),
}

impl PairView<'_> {
    /// A pair with one sentence per side, for tests and simple callers.
    pub fn simple<'a>(source: &'a str, target: &'a str, doc: &'a DocStats) -> PairView<'a> {
        PairView {
            source,
            target,
            source_sentences: if source.is_empty() {
                vec![]
            } else {
                std::iter::once(0..source.len()).collect()
            },
            target_sentences: if target.is_empty() {
                vec![]
            } else {
                std::iter::once(0..target.len()).collect()
            },
            score: 1.0,
            doc,
            unit_space: None,
        }
    }
}

/// A problem found by a check, in byte offsets into the pair's `source` or `target`.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static Rule,
    pub side: Side,
    pub span: Range<usize>,
    pub message: String,
    pub suggestion: Option<String>,
    /// Severity for this finding when it differs from the rule's default.
    pub severity: Option<Severity>,
}

impl Finding {
    pub fn new(
        rule: &'static Rule,
        side: Side,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            side,
            span,
            message: message.into(),
            suggestion: None,
            severity: None,
        }
    }

    pub fn target(rule: &'static Rule, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(rule, Side::Target, span, message)
    }

    pub fn with_suggestion(mut self, s: impl Into<String>) -> Self {
        self.suggestion = Some(s.into());
        self
    }

    pub fn with_severity(mut self, s: Severity) -> Self {
        self.severity = Some(s);
        self
    }

    pub fn severity(&self) -> Severity {
        self.severity.unwrap_or(self.rule.severity)
    }
}

/// A check: looks at one aligned pair and reports findings.
pub trait Check: Send + Sync {
    fn rule(&self) -> &'static Rule;
    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>);
}

/// The checks that read the German text itself, with little or no help from the source
/// (MT001–MT004, MT006, MT015–MT017): what the seed's surface garbling needs. The text-check
/// benchmark and the corpus tests run this group.
pub fn text_group() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(untranslated::Untranslated),
        Box::new(glued_words::GluedWords),
        Box::new(sentence_fragment::SentenceFragment),
        Box::new(capitalised_function_word::CapitalisedFunctionWord),
        Box::new(unbalanced_quotes::UnbalancedQuotes),
        Box::new(broken_abbreviation::BrokenAbbreviation),
        Box::new(whitespace_punctuation::WhitespacePunctuation),
        Box::new(miscapitalised_word::MiscapitalisedWord),
    ]
}

/// Every check mtlint has, in code order.
pub fn registry() -> Vec<Box<dyn Check>> {
    let mut all: Vec<Box<dyn Check>> = vec![
        Box::new(doubled_punctuation::DoubledPunctuation),
        Box::new(omitted_sentence::OmittedSentence),
        Box::new(added_sentence::AddedSentence),
        Box::new(untranslated::Untranslated),
        Box::new(glued_words::GluedWords),
        Box::new(sentence_fragment::SentenceFragment),
        Box::new(capitalised_function_word::CapitalisedFunctionWord),
        Box::new(unbalanced_quotes::UnbalancedQuotes),
        Box::new(broken_abbreviation::BrokenAbbreviation),
        Box::new(whitespace_punctuation::WhitespacePunctuation),
        Box::new(miscapitalised_word::MiscapitalisedWord),
        Box::new(number_mismatch::NumberMismatch),
        Box::new(entity_mismatch::EntityMismatch),
        Box::new(repetition::Repetition),
        Box::new(mojibake::Mojibake),
        Box::new(truncation::Truncation),
        Box::new(length_ratio::LengthRatio),
        Box::new(name_mismatch::NameMismatch),
    ];
    all.sort_by_key(|c| c.rule().code);
    all
}

/// Checks that need configuration and run only when it is given (MT018 needs `--dict`, MT019
/// a glossary): not in [`registry`], but listed by `mtlint rules` and explained by `mtlint
/// explain`.
pub fn optional_rules() -> Vec<&'static Rule> {
    vec![
        &content_omission::ContentOmissionRule::RULE,
        &terminology::TerminologyRule::RULE,
    ]
}

/// The rules of every check, default and optional, in code order.
pub fn all_rules() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = registry().iter().map(|c| c.rule()).collect();
    all.extend(optional_rules());
    all.sort_by_key(|r| r.code);
    all
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

    /// Run `check` on a one-sentence pair and return (span text, message) of each finding.
    pub fn run(check: &dyn Check, source: &str, target: &str) -> Vec<(String, String)> {
        let doc = DocStats {
            length_ratio: 1.1,
            ..DocStats::default()
        };
        let pair = PairView::simple(source, target, &doc);
        let mut out = Vec::new();
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
const SHARED_MODULES: [&str; 6] = [
    "text",
    "tokens",
    "numbers",
    "lang",
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
