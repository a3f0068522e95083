//! MT030 added-content: a German sentence of a pair that nothing in the English supports.

use std::sync::Arc;

use crate::align::Dictionary;
use crate::align::lexicon::{Lexicon, evidence_in};
use crate::checks::{DocCheck, DocFindings, DocView, Finding, Rule};
use crate::declare_check;
use crate::model::Lang;
use crate::segment;

declare_check! {
    /// ## What it catches
    ///
    /// In a pair whose German has two sentences or more (the aligner joined them to one
    /// English sentence, a 1-2 or 1-3 bead), a German sentence none of whose content words has a
    /// counterpart in the English while the rest of the German is well supported: an
    /// appended or invented sentence.
    ///
    /// ## Why it matters
    ///
    /// MT sometimes appends a sentence of its own, and a translation memory may carry the next
    /// sentence along; the aligner pairs it with its neighbour, so MT008 (a German sentence
    /// with no English at all) does not see it.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: The printer needs paper, and the yellow ink is in the house.
    /// de: Der Drucker braucht Papier. Der schnelle Hund und die Katze springen im Garten. Die gelbe Tinte ist im Haus.
    ///                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
    /// ```
    ///
    /// With a word list that knows printer, paper, ink, yellow, house, quick, dog, cat, jump and
    /// garden
    /// (`--dict`).
    ///
    /// ## How it decides
    ///
    /// The words are judged by the document's lexicon (`align::lexicon`): links learned from
    /// the document's pairs when it has 40 or more, the `--dict` word list when given (German
    /// compounds looked up by their parts), numbers, identical words and cognates. Only words
    /// it can judge count (numbers, and known words of three letters or more that are not
    /// function words). A German sentence needs at least four of them, none with a partner in
    /// the English, and the other German sentences of the pair at least three such words of
    /// which half or more have a partner. The rule runs only with `--dict` (as MT029).
    ///
    /// ## Not flagged
    ///
    /// One-sentence German (a clause added inside a sentence is MT018's, with `--dict`), a
    /// German sentence with a single word found in the English, pairs whose German is poorly
    /// supported throughout (a free translation), pairs with an empty side (MT008).
    pub struct AddedContentRule {
        code: "MT030",
        name: "added-content",
        severity: Warning,
        summary: "With --dict: a German sentence of a pair has no counterpart in the English",
    }
}

/// Least content words the lexicon can judge in the unsupported sentence.
pub const MIN_WORDS: usize = 4;
/// Least such words in the rest of the German, and the least share of them with a partner.
pub const REST_WORDS: usize = 3;
pub const REST_SHARE: f64 = 0.5;

/// The rule with the run's dictionary, if any.
#[derive(Debug, Clone, Default)]
pub struct AddedContent {
    pub dict: Option<Arc<Dictionary>>,
}

impl AddedContent {
    pub fn new(dict: Option<Arc<Dictionary>>) -> Self {
        AddedContent { dict }
    }
}

/// Could the German hold two sentences: text on both sides and a sentence end followed by
/// more text? (A cheap test before the splitter.)
fn may_have_two(source: &str, target: &str) -> bool {
    let t = target.trim();
    !source.trim().is_empty()
        && t.char_indices().any(|(i, c)| {
            matches!(c, '.' | '!' | '?' | '…')
                && t[i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
}

impl DocCheck for AddedContent {
    fn rule(&self) -> &'static Rule {
        &AddedContentRule::RULE
    }

    fn check_document(&self, doc: &DocView<'_>, out: &mut DocFindings<'_>) {
        if !doc.pairs().any(|(s, t)| may_have_two(s, t)) {
            return;
        }
        let pairs: Vec<(&str, &str)> = doc.pairs().collect();
        let Some(lex) = Lexicon::of_pairs_shared(&pairs, self.dict.clone()) else {
            return;
        };
        for (i, &(source, target)) in pairs.iter().enumerate() {
            if !may_have_two(source, target) {
                continue;
            }
            let sentences = segment::split(target, Lang::De);
            if sentences.len() < 2 {
                continue;
            }
            let support = lex.support(source, target);
            let all = evidence_in(&support.target, &(0..target.len()), false);
            for r in &sentences {
                let (n, linked, _) = evidence_in(&support.target, r, false);
                if n < MIN_WORDS || linked > 0 {
                    continue;
                }
                let (rest_n, rest_linked) = (all.0 - n, all.1 - linked);
                if rest_n < REST_WORDS || (rest_linked as f64) < REST_SHARE * rest_n as f64 {
                    continue;
                }
                let text = &target[r.clone()];
                let lead = text.len() - text.trim_start().len();
                let span = r.start + lead..r.start + lead + text.trim().len();
                out[i].push(Finding::target(
                    &AddedContentRule::RULE,
                    span,
                    format!(
                        "none of the {n} content words of this German sentence has a counterpart in the English, while the rest of the German has: check whether it was added"
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::DocStats;

    const DICT: &str = "Drucker {m} :: printer\nPapier {n} :: paper\nTinte {f} :: ink\n\
        gelb :: yellow\nschnell :: quick; fast\nHund {m} :: dog\nspringen :: jump\n\
        Garten {m} :: garden\nKatze {f} :: cat\nbrauchen :: need; require\n";

    fn run(source: &str, target: &str, dict: bool) -> Vec<String> {
        let rule = AddedContent::new(dict.then(|| Arc::new(Dictionary::parse(DICT))));
        let stats = DocStats::default();
        let mut out = DocFindings::new();
        rule.check_document(
            &DocView::new(vec![(source, target)], Vec::new(), &stats),
            &mut out,
        );
        out.into_pairs()
            .flat_map(|(_, f)| f)
            .map(|f| target[f.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn an_appended_sentence_is_flagged() {
        assert_eq!(
            run(
                "The printer needs paper and yellow ink.",
                "Der Drucker braucht Papier und gelbe Tinte. Der schnelle Hund und die Katze springen im Garten.",
                true
            ),
            vec!["Der schnelle Hund und die Katze springen im Garten."]
        );
    }

    #[test]
    fn supported_sentences_and_one_sentence_are_not_flagged() {
        // The English says it too: a 1-2 split, no addition.
        assert!(
            run(
                "The printer needs paper and yellow ink, and the quick dog and the cat jump in the garden.",
                "Der Drucker braucht Papier und gelbe Tinte. Der schnelle Hund und die Katze springen im Garten.",
                true
            )
            .is_empty()
        );
        assert!(
            run(
                "The printer needs paper.",
                "Der Drucker braucht Papier und der schnelle Hund und die Katze springen im Garten.",
                true
            )
            .is_empty()
        );
        // Without a dictionary a one-pair document cannot be judged.
        assert!(
            run(
                "The printer needs paper and yellow ink.",
                "Der Drucker braucht Papier und gelbe Tinte. Der schnelle Hund und die Katze springen im Garten.",
                false
            )
            .is_empty()
        );
    }
}
