//! MT008 added-sentence: a target sentence the aligner paired with nothing.

use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

declare_check! {
    /// ## What it catches
    ///
    /// A target sentence that has no source sentence: the aligner paired it with nothing (a 0-1
    /// bead).
    ///
    /// ## Why it matters
    ///
    /// MT sometimes adds text (hallucination), or the target holds boilerplate that the source
    /// lacks; either way an editor has to decide whether it belongs.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: The cat sat on the mat.
    /// en: The dog slept.
    /// de: Die Katze saß auf der Matte.
    /// de: Der Hund schlief.
    /// de: Kommentar schreiben
    ///     ^^^^^^^^^^^^^^^^^^^
    /// ```
    ///
    /// Boilerplate at the end of the article with no English counterpart.
    ///
    /// ## Not flagged
    ///
    /// A German sentence that translates part of an English one (1-2 and 2-1 beads); English
    /// sentences with no translation (that is MT007).
    pub struct AddedSentence {
        code: "MT008",
        name: "added-sentence",
        severity: Warning,
        summary: "A target sentence has no source sentence (0-1 alignment)",
    }
}

impl Check for AddedSentence {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }
    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        // A whole unit without source is an obsolete key (MT028), not an addition.
        if pair.source_sentences.is_empty() && !pair.target.is_empty() && pair.unit_space.is_none()
        {
            out.push(Finding::target(
                &Self::RULE,
                0..pair.target.len(),
                "This German sentence has no English source: check whether it was added",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::spans;

    #[test]
    fn addition_points_into_target() {
        assert_eq!(
            spans(&AddedSentence, "", "Kommentar schreiben"),
            vec!["Kommentar schreiben"]
        );
        assert!(spans(&AddedSentence, "A.", "B.").is_empty());
    }
}
