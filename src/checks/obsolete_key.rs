//! MT028 obsolete-key: a key of a localisation file that only the translation has.

use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

declare_check! {
    /// ## What it catches
    ///
    /// A key of a localisation file pair (`en.json`/`de.json`, `values/strings.xml` and
    /// `values-de/strings.xml`, `en.lproj`/`de.lproj`, Rails YAML, `.properties`) that the
    /// German file has and the English source does not: a string that was renamed or removed
    /// in the source and left behind in the translation.
    ///
    /// ## Why it matters
    ///
    /// An obsolete key is dead weight at best. At worst the source key was renamed, so the
    /// app shows the English fallback for the new key while the German text sits under the
    /// old one; or the German file still ships text the product no longer has.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: Open the file.
    /// de: Öffnen Sie die Datei.
    /// de: Speichern unter …
    ///     ^^^^^^^^^^^^^^^^^
    /// ```
    ///
    /// Two keys in the German file (one per `de:` line), only the first in the English file.
    ///
    /// The finding points into the target (side = target), at the obsolete key's value; its
    /// unit is the key.
    ///
    /// ## Not flagged
    ///
    /// A key only the source has (that is MT022 missing-translation); a sentence added inside a
    /// translated unit or in prose (MT008 added-sentence); keys whose source value is empty.
    pub struct ObsoleteKey {
        code: "MT028",
        name: "obsolete-key",
        severity: Warning,
        summary: "A key of a localisation file is in the translation only (obsolete or renamed in the source)",
    }
}

impl Check for ObsoleteKey {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }
    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        // The pipeline gives a key without source as one pair of nothing and the whole target
        // unit (unit white space known); an addition in prose has no unit white space.
        if pair.source_sentences.is_empty()
            && pair.source.trim().is_empty()
            && pair.unit_space.is_some()
            && !pair.target.trim().is_empty()
        {
            out.push(Finding::target(
                &Self::RULE,
                0..pair.target.len(),
                "This key is in the translation only: the source no longer has it (removed or renamed)",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::spans;

    #[test]
    fn prose_additions_and_translated_units_are_not_flagged() {
        // A pair without unit white space: an addition in prose (MT008's case).
        assert!(spans(&ObsoleteKey, "", "Kommentar schreiben").is_empty());
        assert!(spans(&ObsoleteKey, "A.", "B.").is_empty());
    }
}
