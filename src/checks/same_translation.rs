use crate::checks::consistency::{loose_eq, repeated};
use crate::checks::{DocCheck, DocFindings, DocView, Finding, Rule};
use crate::declare_check;
use crate::model::Side;

declare_check! {
    /// ## What it catches
    ///
    /// Two different English sentences translated to the same German in one document (or one
    /// translation memory): Xbench's "same target, different source". The pairs of every
    /// English sentence but the first one with that German are flagged, naming the first.
    ///
    /// ## Why it matters
    ///
    /// Two menu items, warnings or labels that say different things in English but the same
    /// in German leave the user unable to tell them apart ("Delete" and "Remove" both
    /// "Löschen"), and sometimes one of the two is simply a wrong translation copied over.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: Remove the item from the list.
    /// de: Löschen Sie den Eintrag.
    /// en: Delete the item permanently.
    /// de: Löschen Sie den Eintrag.
    ///     ^^^^^^^^^^^^^^^^^^^^^^^^
    /// ```
    ///
    /// ## How it decides
    ///
    /// Targets are compared after trimming and collapsing white space; sources count as
    /// different when their letters and digits differ (case and punctuation aside). A target
    /// counts when it has at least three words. Severity info: different English often may
    /// have the same German (synonyms, a shorter source), so this is a list to look through,
    /// not an error; turn it off with `ignore = ["MT025"]`.
    ///
    /// Across files: when one run checks several documents (a folder, `--source-dir
    /// --target-dir`, several file pairs), the same German for different English in two
    /// documents is flagged too: in each later document, the pairs of the English that
    /// document has first with that German, when it is not the English the run has first
    /// (the pairs of its other English are flagged by the rule on the document alone). The
    /// message lists every English sentence with its files and keys. Only hashes are kept
    /// per pair until the last document is checked; the variants of one key are compared
    /// only with the same variant of other keys, as for inconsistent-translation (MT021).
    ///
    /// ## Not flagged
    ///
    /// Targets of one or two words ("OK", "Abbrechen"); sources that differ only in case,
    /// punctuation or white space; pairs with an empty side.
    pub struct SameTranslation {
        code: "MT025",
        name: "same-translation",
        severity: Info,
        summary: "Different English sentences have the same German translation",
    }
}

/// Targets with fewer words than this are not compared.
pub const MIN_WORDS: usize = 3;
/// The other source is quoted up to this many chars.
const QUOTE_CHARS: usize = 80;

fn quote(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(QUOTE_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

impl DocCheck for SameTranslation {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check_document(&self, doc: &DocView<'_>, out: &mut DocFindings<'_>) {
        for group in repeated(doc, Side::Target, MIN_WORDS).iter() {
            // The English sentences of this German, by their letters and digits: the pairs
            // of every one but the first's (that of the group's first pair) are flagged,
            // naming that first pair. One comparison per pair, with the first.
            let first = group[0];
            let source = doc.pair(first).0;
            let mut message: Option<String> = None;
            for &i in &group[1..] {
                let (other, target) = doc.pair(i);
                if loose_eq(other, source) {
                    continue;
                }
                let message = message.get_or_insert_with(|| {
                    format!(
                        "the same German translates another English sentence in pair {first}: '{}'; check that both are meant to read the same",
                        quote(source)
                    )
                });
                let lead = target.len() - target.trim_start().len();
                out[i].push(Finding::target(
                    &Self::RULE,
                    lead..lead + target.trim().len(),
                    message.clone(),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::DocStats;

    fn run(pairs: &[(&str, &str)]) -> Vec<usize> {
        let stats = DocStats::default();
        let mut out = DocFindings::new();
        SameTranslation.check_document(&DocView::new(pairs.to_vec(), Vec::new(), &stats), &mut out);
        out.into_pairs().map(|(i, _)| i).collect()
    }

    #[test]
    fn same_source_short_target_and_punctuation_are_not_flagged() {
        assert!(
            run(&[
                ("Save it now.", "Jetzt speichern, bitte."),
                ("save it now", "Jetzt speichern, bitte.")
            ])
            .is_empty()
        );
        assert!(run(&[("Delete", "Löschen"), ("Remove", "Löschen")]).is_empty());
        assert!(
            run(&[
                ("Delete the item.", "Löschen Sie es."),
                ("Remove the item.", "")
            ])
            .is_empty()
        );
    }

    #[test]
    fn a_second_source_with_the_same_target_is_flagged() {
        assert_eq!(
            run(&[
                ("Remove the item from the list.", "Löschen Sie den Eintrag."),
                ("Something else here.", "Etwas anderes hier."),
                ("Delete the item permanently.", "Löschen Sie  den Eintrag."),
            ]),
            [2]
        );
    }
}
