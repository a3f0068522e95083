use crate::checks::{Check, Finding, PairView, Rule};
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
    pub struct Omission {
        code: "MT007",
        name: "omitted-sentence",
        severity: Error,
        summary: "A source sentence has no translation (1-0 alignment)",
    }
}

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
    pub struct Addition {
        code: "MT008",
        name: "added-sentence",
        severity: Warning,
        summary: "A target sentence has no source sentence (0-1 alignment)",
    }
}

impl Check for Omission {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }
    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        if pair.target_sentences.is_empty() && !pair.source.is_empty() {
            out.push(Finding::new(
                &Self::RULE,
                Side::Source,
                0..pair.source.len(),
                "This source sentence was not translated: no German sentence corresponds to it",
            ));
        }
    }
}

impl Check for Addition {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }
    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        if pair.source_sentences.is_empty() && !pair.target.is_empty() {
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
    fn omission_points_into_source() {
        assert_eq!(
            spans(&Omission, "About the author.", ""),
            vec!["About the author."]
        );
        assert!(spans(&Omission, "A.", "B.").is_empty());
    }

    #[test]
    fn addition_points_into_target() {
        assert_eq!(
            spans(&Addition, "", "Kommentar schreiben"),
            vec!["Kommentar schreiben"]
        );
        assert!(spans(&Addition, "A.", "B.").is_empty());
    }
}
