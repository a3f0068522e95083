//! MT022 missing-translation: a unit of a bilingual file (XLIFF, PO, TMX, CSV/TSV) without a
//! target.

use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::Side;

declare_check! {
    /// ## What it catches
    ///
    /// A translation unit of a bilingual file whose target is missing or empty: an XLIFF
    /// `<trans-unit>` or `<segment>` without `<target>`, a PO entry with an empty `msgstr`, a
    /// TMX `<tu>` with an empty target `<tuv>`, a CSV/TSV row with an empty target cell.
    ///
    /// ## Why it matters
    ///
    /// An untranslated unit ships as English (or as nothing) in the German product. Without this
    /// check a file whose units have no targets would pass with "0 sentence pairs".
    ///
    /// ## Example
    ///
    /// ```text
    /// en: Open the file.
    /// en: Save your changes.
    ///     ^^^^^^^^^^^^^^^^^^
    /// de: Öffnen Sie die Datei.
    /// ```
    ///
    /// Two units (one per line); the second has no target.
    ///
    /// The finding points into the source (side = source): the target has nothing to point at.
    /// Every untranslated unit is also counted in the summary line.
    ///
    /// ## Not flagged
    ///
    /// A sentence left out of a translated unit or of prose (that is MT007 omitted-sentence);
    /// units marked `translate="no"` (XLIFF), which are not read; units with an empty source.
    pub struct MissingTranslation {
        code: "MT022",
        name: "missing-translation",
        severity: Warning,
        summary: "A unit of a bilingual file has no translation (empty or missing target)",
    }
}

impl Check for MissingTranslation {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }
    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        // The pipeline gives a unit without target as one pair of the whole unit (unit white
        // space known) and no target sentences; an omission inside prose or a translated unit
        // has no unit white space.
        if pair.target_sentences.is_empty()
            && pair.target.trim().is_empty()
            && pair.unit_space.is_some()
            && !pair.source.trim().is_empty()
        {
            out.push(Finding::new(
                &Self::RULE,
                Side::Source,
                0..pair.source.len(),
                "This unit has no translation: its target is missing or empty",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::spans;

    #[test]
    fn prose_omissions_and_translated_units_are_not_flagged() {
        // A pair without unit white space: an omission in prose (MT007's case).
        assert!(spans(&MissingTranslation, "About the author.", "").is_empty());
        assert!(spans(&MissingTranslation, "A.", "B.").is_empty());
    }
}
