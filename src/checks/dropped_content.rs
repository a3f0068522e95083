//! MT029 dropped-content: an English clause none of whose content words reaches the German.

use std::sync::Arc;

use crate::align::Dictionary;
use crate::align::lexicon::{Lexicon, clauses, evidence_in};
use crate::checks::{DocCheck, DocFindings, DocView, Finding, Rule};
use crate::declare_check;
use crate::model::{Severity, Side};

declare_check! {
    /// ## What it catches
    ///
    /// A clause of the English (a part between commas, semicolons, colons, dashes, brackets or
    /// sentence ends) of which no content word has a counterpart in the German, while the
    /// German is shorter than the English: a dropped clause, list item or sentence inside a
    /// pair. With four such words or more it is an error; with three, a warning.
    ///
    /// ## Why it matters
    ///
    /// A dropped clause leaves fluent German that says less than the English; no surface check
    /// sees it, and MT007 only sees whole sentences the aligner paired with nothing.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: The printer needs paper and ink, but the yellow house and the quick dog are gone.
    ///                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
    /// de: Der Drucker braucht Papier und Tinte.
    /// ```
    ///
    /// With a word list that knows printer, paper, ink, yellow, house, quick and dog (`--dict`): the
    /// span is on the source (side = source).
    ///
    /// ## How it decides
    ///
    /// The words are judged by the document's lexicon (`align::lexicon`): word links learned
    /// from the document's pairs when it has 40 or more, and the `--dict` word list when given
    /// (German compounds are looked up by their parts), plus numbers, identical words and
    /// cognates. Only words it can judge count: numbers, and words of three letters or more
    /// that the word list or the learned links know and that are not function words. A clause
    /// needs at least three of them, none with a partner anywhere in the German, and the rest
    /// of the English at least three such words of which half or more have a partner (a
    /// pair that is a single clause, such as a line of verse, or a free translation
    /// throughout, is not judged). A German no
    /// shorter than the English (German runs 10–25 % longer) has room for the clause: it is
    /// not flagged, which is also why the check costs nothing on most pairs. The rule runs only
    /// with `--dict`: the learned links alone judged too few pairs to pay for learning them
    /// (on a 10k-pair document it cost more than all other rules together, and its findings
    /// there were free translations).
    ///
    /// ## Not flagged
    ///
    /// Clauses rendered freely (one word found is enough), clauses of unknown words, pairs
    /// of a single clause or translated freely throughout, pairs with an empty side
    /// (MT007/MT008), and any pair whose German is at least as long as the English.
    pub struct DroppedContentRule {
        code: "MT029",
        name: "dropped-content",
        severity: Error,
        summary: "With --dict: an English clause has no counterpart in a German that is shorter than the English",
    }
}

/// Least content words the lexicon can judge, none with a partner, for a finding.
pub const MIN_WORDS: usize = 3;
/// From this many such words the finding is an error.
pub const ERROR_WORDS: usize = 4;
/// Least evidence words in the rest of the English, and the least share of them with a
/// partner in the German.
pub const REST_WORDS: usize = 3;
pub const REST_SHARE: f64 = 0.5;

/// The rule with the run's dictionary, if any.
#[derive(Debug, Clone, Default)]
pub struct DroppedContent {
    pub dict: Option<Arc<Dictionary>>,
}

impl DroppedContent {
    pub fn new(dict: Option<Arc<Dictionary>>) -> Self {
        DroppedContent { dict }
    }
}

/// The pairs worth a look: text on both sides and a German shorter (in chars) than the
/// English.
fn shorter(source: &str, target: &str) -> bool {
    let t = target.trim();
    !t.is_empty() && !source.trim().is_empty() && t.chars().count() < source.trim().chars().count()
}

impl DocCheck for DroppedContent {
    fn rule(&self) -> &'static Rule {
        &DroppedContentRule::RULE
    }

    fn check_document(&self, doc: &DocView<'_>, out: &mut DocFindings<'_>) {
        if !doc.pairs().any(|(s, t)| shorter(s, t)) {
            return;
        }
        let pairs: Vec<(&str, &str)> = doc.pairs().collect();
        let Some(lex) = Lexicon::of_pairs_shared(&pairs, self.dict.clone()) else {
            return;
        };
        for (i, &(source, target)) in pairs.iter().enumerate() {
            if !shorter(source, target) {
                continue;
            }
            let support = lex.support(source, target);
            let all = evidence_in(&support.source, &(0..source.len()), true);
            for clause in clauses(source) {
                let (n, linked, _) = evidence_in(&support.source, &clause, true);
                if n < MIN_WORDS || linked > 0 {
                    continue;
                }
                // The rest of the English must show a close translation: a pair that is one
                // clause (a line of verse), or rendered freely throughout, says nothing.
                let (rest_n, rest_linked) = (all.0 - n, all.1);
                if rest_n < REST_WORDS || (rest_linked as f64) < REST_SHARE * rest_n as f64 {
                    continue;
                }
                let severity = if n >= ERROR_WORDS {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                out[i].push(
                    Finding::new(
                        &DroppedContentRule::RULE,
                        Side::Source,
                        clause.clone(),
                        format!(
                            "none of the {n} content words of this English clause has a counterpart in the German, which is shorter than the English: check whether '{}' was left out",
                            &source[clause]
                        ),
                    )
                    .with_severity(severity),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::DocStats;

    const DICT: &str = "Drucker {m} :: printer\nPapier {n} :: paper\nTinte {f} :: ink\nHaus {n} :: house\n\
        gelb :: yellow\nschnell :: quick; fast\nHund {m} :: dog\nbrauchen :: need; require\n";

    fn run(pairs: &[(&str, &str)], dict: bool) -> Vec<(usize, String, Severity)> {
        let rule = DroppedContent::new(dict.then(|| Arc::new(Dictionary::parse(DICT))));
        let stats = DocStats::default();
        let mut out = DocFindings::new();
        rule.check_document(&DocView::new(pairs.to_vec(), Vec::new(), &stats), &mut out);
        out.into_pairs()
            .flat_map(|(i, f)| {
                let src = pairs[i].0;
                f.into_iter()
                    .map(move |f| (i, src[f.span.clone()].to_string(), f.severity()))
            })
            .collect()
    }

    #[test]
    fn a_dropped_clause_is_flagged_on_the_source() {
        let got = run(
            &[(
                "The printer needs paper and ink, but the yellow house and the quick dog are gone.",
                "Der Drucker braucht Papier und Tinte.",
            )],
            true,
        );
        assert_eq!(
            got,
            vec![(
                0,
                "but the yellow house and the quick dog are gone".to_string(),
                Severity::Error
            )]
        );
    }

    #[test]
    fn three_words_are_a_warning() {
        let got = run(
            &[(
                "The printer needs paper and ink, the yellow house and a dog.",
                "Der Drucker braucht Papier und Tinte.",
            )],
            true,
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].2, Severity::Warning);
    }

    #[test]
    fn a_clause_with_one_word_found_or_a_longer_german_is_not_flagged() {
        // "Hund" is found: the clause was translated, however freely.
        assert!(
            run(
                &[(
                    "The printer needs paper and ink, but the yellow house and the quick dog are gone.",
                    "Der Drucker braucht Papier und Tinte, der Hund ist weg.",
                )],
                true
            )
            .is_empty()
        );
        // A German longer than the English has room for the clause.
        assert!(
            run(
                &[(
                    "The printer needs paper, yellow ink and a quick dog.",
                    "Der Drucker braucht unbedingt Papier, und zwar dringend und sofort, heute noch.",
                )],
                true
            )
            .is_empty()
        );
    }

    #[test]
    fn without_a_dictionary_a_short_document_is_not_judged() {
        assert!(
            run(
                &[(
                    "The printer needs paper and ink, but the yellow house and the quick dog are gone.",
                    "Der Drucker braucht Papier und Tinte.",
                )],
                false
            )
            .is_empty()
        );
    }
}
