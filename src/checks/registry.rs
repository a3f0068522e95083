//! The one list of rules: every code, its rule, its kind (pair or document), what it needs to
//! run (nothing, `--dict`, a glossary), its `[thresholds]` options and how to build it.
//!
//! `mtlint rules`, `mtlint explain`, `mtlint.toml`'s select/ignore/severity and
//! `[thresholds]` keys, SARIF's `tool.driver.rules`, the benchmark's rule list and the
//! README's rule table (checked by `tests/readme.rs`) all come from [`ENTRIES`]. Codes are
//! typed ([`Code`]): a code that is not in the table does not compile.
//!
//! Adding a rule: one file in `src/checks/` (see CONTRIBUTING.md) and one line in the
//! [`registry!`] call below.

use std::sync::Arc;

use crate::align::Dictionary;
use crate::checks::terminology::Glossary;
use crate::checks::*;

/// A `[thresholds]` key of `mtlint.toml` that a rule reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleOption {
    /// The key, kebab-case (`length-ratio-max`).
    pub name: &'static str,
    /// One line for `mtlint rules --thresholds` and config errors.
    pub help: &'static str,
}

/// What a rule needs before it can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Runs by default.
    Nothing,
    /// Runs only with a bilingual dictionary (`--dict`).
    Dictionary,
    /// Runs only with a glossary (`glossary =` in `mtlint.toml`).
    Glossary,
    /// Runs only with a Hunspell dictionary (`--spell`).
    Spelling,
}

/// Looks a `[thresholds]` value up by key.
pub type ThresholdLookup<'a> = &'a dyn Fn(&str) -> Option<f64>;

/// What a rule is built from: the run's thresholds, dictionary and glossary.
#[derive(Clone, Default)]
pub struct RuleContext<'a> {
    /// `[thresholds]` values by key.
    pub thresholds: Option<ThresholdLookup<'a>>,
    pub dict: Option<Arc<Dictionary>>,
    pub glossary: Option<&'a Glossary>,
    /// The `--spell` dictionary (MT026).
    pub spell: Option<Arc<crate::checks::spelling::Speller>>,
}

impl RuleContext<'_> {
    /// A `[thresholds]` value, if configured.
    pub fn threshold(&self, name: &str) -> Option<f64> {
        self.thresholds.and_then(|t| t(name))
    }
}

/// A built rule, of either kind.
pub enum Built {
    Pair(Box<dyn Check>),
    Document(Box<dyn DocCheck>),
}

/// One line of the table.
#[derive(Clone, Copy)]
pub struct Entry {
    pub code: Code,
    pub rule: &'static Rule,
    pub needs: Needs,
    pub options: &'static [RuleOption],
    /// The rule for a context; `None` when what it needs is missing.
    pub build: fn(&RuleContext<'_>) -> Option<Built>,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("code", &self.code)
            .field("needs", &self.needs)
            .finish_non_exhaustive()
    }
}

fn pair(c: impl Check + 'static) -> Option<Built> {
    Some(Built::Pair(Box::new(c)))
}

fn document(c: impl DocCheck + 'static) -> Option<Built> {
    Some(Built::Document(Box::new(c)))
}

/// The table: `CODE => module::RuleType, needs, options, build;` in code order.
macro_rules! registry {
    ($( $code:ident => $module:ident :: $ty:ident, $needs:ident, $options:expr, $build:expr ;)*) => {
        /// A rule's code: `Code::MT005.as_str() == "MT005"`.
        #[allow(clippy::upper_case_acronyms)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($code),* }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            /// `"MT005"`.
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code)),* }
            }
        }

        /// Every rule, in code order (see the [module documentation](self)).
        pub static ENTRIES: &[Entry] = &[$(
            Entry {
                code: Code::$code,
                rule: &$module::$ty::RULE,
                needs: Needs::$needs,
                options: $options,
                build: $build,
            }
        ),*];
    };
}

registry! {
    MT001 => untranslated::Untranslated, Nothing, &[], |_| pair(untranslated::Untranslated);
    MT002 => glued_words::GluedWords, Nothing, &[], |_| pair(glued_words::GluedWords);
    MT003 => sentence_fragment::SentenceFragment, Nothing, &[],
        |_| pair(sentence_fragment::SentenceFragment);
    MT004 => capitalised_function_word::CapitalisedFunctionWord, Nothing, &[],
        |_| pair(capitalised_function_word::CapitalisedFunctionWord);
    MT005 => doubled_punctuation::DoubledPunctuation, Nothing, &[],
        |_| pair(doubled_punctuation::DoubledPunctuation);
    MT006 => unbalanced_quotes::UnbalancedQuotes, Nothing, &[],
        |_| pair(unbalanced_quotes::UnbalancedQuotes);
    MT007 => omitted_sentence::OmittedSentence, Nothing, &[],
        |_| pair(omitted_sentence::OmittedSentence);
    MT008 => added_sentence::AddedSentence, Nothing, &[], |_| pair(added_sentence::AddedSentence);
    MT009 => number_mismatch::NumberMismatch, Nothing, &[],
        |_| pair(number_mismatch::NumberMismatch);
    MT010 => entity_mismatch::EntityMismatch, Nothing, &[],
        |_| pair(entity_mismatch::EntityMismatch);
    MT011 => repetition::Repetition, Nothing, repetition::OPTIONS,
        |cx| pair(repetition::RepetitionWith {
            min_copies: cx.threshold(repetition::OPTIONS[0].name),
        });
    MT012 => mojibake::Mojibake, Nothing, &[], |_| pair(mojibake::Mojibake);
    MT013 => truncation::Truncation, Nothing, &[], |_| pair(truncation::Truncation);
    MT014 => length_ratio::LengthRatio, Nothing, length_ratio::OPTIONS,
        |cx| document(length_ratio::LengthRatioWith {
            min: cx.threshold(length_ratio::OPTIONS[0].name).unwrap_or(length_ratio::DEFAULT_MIN),
            max: cx.threshold(length_ratio::OPTIONS[1].name).unwrap_or(length_ratio::DEFAULT_MAX),
        });
    MT015 => broken_abbreviation::BrokenAbbreviation, Nothing, &[],
        |_| pair(broken_abbreviation::BrokenAbbreviation);
    MT016 => whitespace_punctuation::WhitespacePunctuation, Nothing, &[],
        |_| pair(whitespace_punctuation::WhitespacePunctuation);
    MT017 => miscapitalised_word::MiscapitalisedWord, Nothing, &[],
        |_| pair(miscapitalised_word::MiscapitalisedWord);
    MT018 => content_omission::ContentOmissionRule, Dictionary, &[],
        |cx| cx.dict.clone().and_then(|d| pair(content_omission::ContentOmission::new(d)));
    MT019 => terminology::TerminologyRule, Glossary, &[],
        |cx| cx.glossary.and_then(|g| pair(terminology::Terminology::new(g.clone())));
    MT020 => name_mismatch::NameMismatch, Nothing, &[], |_| pair(name_mismatch::NameMismatch);
    MT021 => inconsistent_translation::InconsistentTranslation, Nothing, &[],
        |_| document(inconsistent_translation::InconsistentTranslation);
    MT022 => missing_translation::MissingTranslation, Nothing, &[], |_| pair(missing_translation::MissingTranslation);
    MT023 => negation_mismatch::NegationMismatch, Nothing, &[],
        |_| pair(negation_mismatch::NegationMismatch);
    MT024 => placeholder_syntax::PlaceholderSyntax, Nothing, &[],
        |_| pair(placeholder_syntax::PlaceholderSyntax);
    MT025 => same_translation::SameTranslation, Nothing, &[],
        |_| document(same_translation::SameTranslation);
    MT026 => spelling::Spelling, Spelling, &[],
        |cx| cx.spell.clone().and_then(|speller| pair(spelling::SpellingWith { speller }));
    MT028 => obsolete_key::ObsoleteKey, Nothing, &[], |_| pair(obsolete_key::ObsoleteKey);
    MT029 => dropped_content::DroppedContentRule, Dictionary, &[],
        |cx| cx.dict.clone().and_then(|d| document(dropped_content::DroppedContent::new(Some(d))));
    MT030 => added_content::AddedContentRule, Dictionary, &[],
        |cx| cx.dict.clone().and_then(|d| document(added_content::AddedContent::new(Some(d))));
    MT031 => comma_before_verb::CommaBeforeVerb, Nothing, &[], |_| pair(comma_before_verb::CommaBeforeVerb);
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

/// Every `[thresholds]` key of every rule, in code order.
pub fn options() -> impl Iterator<Item = (Code, &'static RuleOption)> {
    ENTRIES
        .iter()
        .flat_map(|e| e.options.iter().map(move |o| (e.code, o)))
}

/// The rules to run: pair rules and document rules built for `cx`, and the [`Policy`] that
/// their findings go through.
#[derive(Default)]
pub struct RuleSet {
    pub pair: Vec<Box<dyn Check>>,
    pub document: Vec<Box<dyn DocCheck>>,
    pub policy: Policy,
}

impl RuleSet {
    /// The rules of the entries for which `keep` is true, built for `cx` (an entry whose
    /// needs `cx` lacks is left out), every finding kept at its default severity.
    pub fn build(cx: &RuleContext<'_>, mut keep: impl FnMut(&Entry) -> bool) -> RuleSet {
        let mut set = RuleSet::default();
        for e in ENTRIES.iter().filter(|e| keep(e)) {
            match (e.build)(cx) {
                Some(Built::Pair(c)) => set.pair.push(c),
                Some(Built::Document(c)) => set.document.push(c),
                None => {}
            }
        }
        set
    }

    /// The rules that run without configuration, with their defaults.
    pub fn defaults() -> RuleSet {
        RuleSet::build(&RuleContext::default(), |_| true)
    }

    /// The rules of these codes only (those that run without configuration).
    pub fn of(codes: &[Code]) -> RuleSet {
        RuleSet::build(&RuleContext::default(), |e| codes.contains(&e.code))
    }

    /// The rules of the set, pair rules first then document rules, each in code order.
    pub fn rules(&self) -> Vec<&'static Rule> {
        let mut v: Vec<&'static Rule> = self.pair.iter().map(|c| c.rule()).collect();
        v.extend(self.document.iter().map(|c| c.rule()));
        v.sort_by_key(|r| r.code);
        v
    }

    /// Every rule of the set on one pair taken as a whole document (document rules see this
    /// one pair), findings in the order the rules gave them, through the set's policy.
    pub fn check_pair(&self, pair: &PairView<'_>) -> Vec<Finding> {
        let mut out = Findings::with_policy(&self.policy);
        for c in &self.pair {
            c.check(pair, &mut out);
        }
        if !self.document.is_empty() {
            let doc = DocView::new(vec![(pair.source, pair.target)], Vec::new(), pair.doc);
            // The same collector as the pair rules': the document rules' findings follow.
            let mut found = DocFindings::with_policy(&self.policy);
            *found.pair(0) = out;
            for c in &self.document {
                c.check_document(&doc, &mut found);
            }
            out = found
                .into_pairs()
                .next()
                .map_or_else(|| Findings::with_policy(&self.policy), |(_, f)| f);
        }
        out.into_vec()
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.pair.len() + self.document.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let codes: Vec<&str> = self.rules().iter().map(|r| r.code).collect();
        f.debug_struct("RuleSet")
            .field("rules", &codes)
            .field("policy", &self.policy)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_code_order_with_each_rule_under_its_own_code() {
        for (k, e) in ENTRIES.iter().enumerate() {
            assert_eq!(e.code as usize, k, "{:?} out of order", e.code);
            assert_eq!(
                e.rule.code,
                e.code.as_str(),
                "{:?} has another rule",
                e.code
            );
        }
        assert_eq!(ENTRIES.len(), Code::ALL.len());
        for w in ENTRIES.windows(2) {
            assert!(
                w[0].rule.code < w[1].rule.code,
                "{:?} before {:?}",
                w[0],
                w[1]
            );
        }
    }

    #[test]
    fn rules_that_need_configuration_are_built_only_with_it() {
        let set = RuleSet::defaults();
        let codes: Vec<&str> = set.rules().iter().map(|r| r.code).collect();
        assert!(codes.contains(&"MT014") && codes.contains(&"MT001"));
        assert!(!codes.contains(&"MT018") && !codes.contains(&"MT019"));
        assert!(!codes.contains(&"MT029") && !codes.contains(&"MT030"));
        assert!(!codes.contains(&"MT026"), "MT026 runs only with --spell");
        assert!(
            set.document.iter().any(|c| c.rule().code == "MT014"),
            "MT014 is a document rule"
        );
    }
}
