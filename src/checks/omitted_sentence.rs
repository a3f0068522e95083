//! MT007 omitted-sentence: a source sentence the aligner paired with nothing.

use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::Side;

declare_check! {
    /// ## What it catches
    ///
    /// A source sentence with no translation: the aligner paired it with nothing (a 1-0 bead).
    ///
    /// ## Why it matters
    ///
    /// MT drops sentences, especially short ones beside long ones and text near markup; a reader of
    /// the German never learns what was lost.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: The cat sat on the mat.
    /// en: About the author.
    ///     ^^^^^^^^^^^^^^^^^
    /// de: Die Katze saß auf der Matte.
    /// ```
    ///
    /// The finding points into the source (side = source), since the target has nothing to point
    /// at.
    ///
    /// ## Not flagged
    ///
    /// Two English sentences translated as one German sentence, or one as two (2-1 and 1-2 beads);
    /// German sentences with no English source (that is MT008).
    pub struct OmittedSentence {
        code: "MT007",
        name: "omitted-sentence",
        severity: Error,
        summary: "A source sentence has no translation (1-0 alignment)",
    }
}

impl Check for OmittedSentence {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }
    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        // A whole unit without target is an untranslated unit (MT022), not an omission.
        if pair.target_sentences.is_empty() && !pair.source.is_empty() && pair.unit_space.is_none()
        {
            out.push(Finding::new(
                &Self::RULE,
                Side::Source,
                0..pair.source.len(),
                "This source sentence was not translated: no German sentence corresponds to it",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::spans;

    #[test]
    fn omission_points_into_source() {
        assert_eq!(
            spans(&OmittedSentence, "About the author.", ""),
            vec!["About the author."]
        );
        assert!(spans(&OmittedSentence, "A.", "B.").is_empty());
    }
}
