use crate::checks::consistency::{classes, loose_eq, repeated, text_hash};
use crate::checks::{DocCheck, DocFindings, DocView, Finding, Rule};
use crate::declare_check;
use crate::model::{Severity, Side};

declare_check! {
    /// ## What it catches
    ///
    /// The same English sentence translated in two different ways in one document (or one
    /// translation memory): every pair whose German differs from the translation the sentence
    /// has most often elsewhere is flagged, listing every variant with its pairs and
    /// suggesting the most frequent one. A variant that differs only in punctuation or case
    /// says so; one that differs only in white space inside the text is info.
    ///
    /// ## Why it matters
    ///
    /// A repeated source (a warning, a menu label, a disclaimer, a boilerplate line) should read
    /// the same wherever it appears: readers notice the variation, and in software it breaks
    /// the terminology users learn. Editors coming from Xbench or Verifika check this first.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: Save your changes before closing.
    /// de: Speichern Sie Ihre Änderungen vor dem Schließen.
    /// en: Save your changes before closing.
    /// de: Sichern Sie die Änderungen, bevor Sie schließen.
    ///     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
    /// ```
    ///
    /// The second translation differs from the first: a warning on it (when both variants
    /// occur equally often, the one that comes later is flagged).
    ///
    /// ## How it decides
    ///
    /// Sources are compared after trimming and collapsing white space (by a hash of their
    /// words: linear time, one map entry per distinct source, so a 1M-unit memory fits);
    /// targets after trimming. A source counts when it has at least three words. Among the
    /// translations of one source the most frequent one (the earliest on a tie) is taken as
    /// the reference and suggestion; each other pair is flagged once, on its whole target.
    /// Different sources with the same target are same-translation (MT025).
    ///
    /// Across files: when one run checks several documents (a folder, `--source-dir
    /// --target-dir`, several file pairs), the same source translated differently in two
    /// documents is flagged too, on each pair whose translation differs from the run's most
    /// frequent one (when that one occurs in another document), naming every variant with
    /// its files and keys. The variants of one key (plural forms `files[one]`/`files[other]`,
    /// Qt numerus forms, `.xcstrings` variations) are compared only with the same variant of
    /// other keys, never with each other.
    ///
    /// ## Not flagged
    ///
    /// Sources of one or two words ("OK", "Yes", "Next"), which often need different
    /// translations in different places; pairs with an empty side (MT007/MT008 report those);
    /// white space before or after the text; two different English sentences translated the
    /// same way (MT025).
    pub struct InconsistentTranslation {
        code: "MT021",
        name: "inconsistent-translation",
        severity: Warning,
        summary: "The same English sentence is translated differently elsewhere in the document",
    }
}

/// Sources with fewer words than this are not compared.
pub const MIN_WORDS: usize = 3;
/// The other translation is quoted up to this many chars in the message.
const QUOTE_CHARS: usize = 80;

/// `s` cut to [`QUOTE_CHARS`] chars with a `…`.
fn quote(s: &str) -> String {
    match s.char_indices().nth(QUOTE_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Variants listed in a message, and pairs named per variant.
const LIST_VARIANTS: usize = 4;
const LIST_PAIRS: usize = 4;

/// "pairs 0, 3 and 5 more" (of the pairs of `at`, (hash, pair) each).
fn pair_list(at: &[(u64, usize)]) -> String {
    let shown: Vec<String> = at
        .iter()
        .take(LIST_PAIRS)
        .map(|k| k.1.to_string())
        .collect();
    let more = at.len().saturating_sub(LIST_PAIRS);
    format!(
        "{} {}{}",
        if at.len() == 1 { "pair" } else { "pairs" },
        shown.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    )
}

impl DocCheck for InconsistentTranslation {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check_document(&self, doc: &DocView<'_>, out: &mut DocFindings<'_>) {
        let target = |i: usize| doc.pair(i).1.trim();
        // Scratch space of every group: (hash of the trimmed target, pair), and each
        // variant as (its first pair, its range there).
        let mut keyed: Vec<(u64, usize)> = Vec::new();
        let mut variants: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        for group in repeated(doc, Side::Source, MIN_WORDS).iter() {
            // One translation, the usual case: one comparison per pair.
            let first = target(group[0]);
            if group[1..].iter().all(|&i| target(i) == first) {
                continue;
            }
            // Translations (trimmed) with their pairs, in order of first occurrence.
            keyed.clear();
            keyed.extend(group.iter().map(|&i| (text_hash(target(i).as_bytes()), i)));
            keyed.sort_unstable();
            variants.clear();
            classes(
                &mut keyed,
                |a, b| target(a).cmp(target(b)),
                |start, v| variants.push((v[0].1, start..start + v.len())),
            );
            variants.sort_unstable_by_key(|(first, _)| *first);
            let text = |k: usize| target(variants[k].0);
            let at = |k: usize| &keyed[variants[k].1.clone()];
            // The reference: most frequent, the earliest on a tie.
            let mut best = 0;
            for k in 0..variants.len() {
                if at(k).len() > at(best).len() {
                    best = k;
                }
            }
            let (reference, ref_pairs) = (text(best), at(best));
            // Every variant with its pairs, the reference first.
            let mut listed: Vec<String> =
                vec![format!("'{}' ({})", quote(reference), pair_list(ref_pairs))];
            listed.extend(
                (0..variants.len())
                    .filter(|k| *k != best)
                    .take(LIST_VARIANTS - 1)
                    .map(|k| format!("'{}' ({})", quote(text(k)), pair_list(at(k)))),
            );
            if variants.len() > LIST_VARIANTS {
                listed.push(format!("and {} more", variants.len() - LIST_VARIANTS));
            }
            let all = listed.join(", ");
            for k in 0..variants.len() {
                if k == best {
                    continue;
                }
                let variant = text(k);
                let (message, severity) = if variant
                    .split_whitespace()
                    .eq(reference.split_whitespace())
                {
                    (
                        format!(
                            "the same English sentence is translated with other white space in {}",
                            pair_list(ref_pairs)
                        ),
                        Some(Severity::Info),
                    )
                } else if loose_eq(variant, reference) {
                    (
                        format!(
                            "the same English sentence is translated with other punctuation or case in {}: '{}'",
                            pair_list(ref_pairs),
                            quote(reference)
                        ),
                        None,
                    )
                } else {
                    (
                        format!(
                            "the same English sentence is translated {} ways: {all}; use one translation",
                            variants.len()
                        ),
                        None,
                    )
                };
                for &(_, i) in at(k) {
                    let target = doc.pair(i).1;
                    let lead = target.len() - target.trim_start().len();
                    let span = lead..lead + target.trim().len();
                    let mut f = Finding::target(&Self::RULE, span, message.clone())
                        .with_suggestion(reference);
                    if let Some(s) = severity {
                        f = f.with_severity(s);
                    }
                    out[i].push(f);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::DocStats;

    fn run(pairs: &[(&str, &str)]) -> Vec<(usize, String)> {
        let stats = DocStats::default();
        let mut out = DocFindings::new();
        InconsistentTranslation
            .check_document(&DocView::new(pairs.to_vec(), Vec::new(), &stats), &mut out);
        out.into_pairs()
            .flat_map(|(i, f)| {
                let t = pairs[i].1;
                f.into_vec()
                    .into_iter()
                    .map(move |f| (i, t[f.span].to_string()))
            })
            .collect()
    }

    #[test]
    fn the_minority_translation_is_flagged() {
        let s = "Save your changes before closing.";
        let found = run(&[
            (s, "Speichern Sie Ihre Änderungen."),
            ("Something else entirely here.", "Etwas ganz anderes."),
            (s, "Sichern Sie die Änderungen."),
            (s, "Speichern Sie Ihre Änderungen."),
        ]);
        assert_eq!(found, [(2, "Sichern Sie die Änderungen.".to_string())]);
    }

    #[test]
    fn short_sources_outer_white_space_and_empty_targets_are_not_flagged() {
        assert!(run(&[("OK", "OK"), ("OK", "In Ordnung")]).is_empty());
        assert!(
            run(&[
                ("Save your changes now.", "Speichern Sie jetzt."),
                ("Save  your changes now. ", " Speichern Sie jetzt. "),
                ("Save your changes now.", ""),
            ])
            .is_empty()
        );
    }

    #[test]
    fn white_space_punctuation_and_case_variants_are_named_as_such() {
        let stats = DocStats::default();
        let s = "Save your changes now.";
        let pairs = vec![
            (s, "Speichern Sie jetzt."),
            (s, "Speichern Sie jetzt."),
            (s, "Speichern  Sie jetzt."),
            (s, "speichern Sie jetzt!"),
        ];
        let mut out = DocFindings::new();
        InconsistentTranslation.check_document(&DocView::new(pairs, Vec::new(), &stats), &mut out);
        assert!(out[0].is_empty() && out[1].is_empty());
        assert_eq!(out[2][0].severity(), Severity::Info);
        assert!(
            out[2][0]
                .message
                .contains("other white space in pairs 0, 1")
        );
        assert_eq!(out[3][0].severity(), Severity::Warning);
        assert!(out[3][0].message.contains("other punctuation or case"));
        assert_eq!(
            out[3][0].suggestion.as_deref(),
            Some("Speichern Sie jetzt.")
        );
    }

    #[test]
    fn a_tie_flags_the_later_variant_and_the_message_names_the_reference() {
        let stats = DocStats::default();
        let pairs = vec![
            ("Close the door now.", "Schließen Sie die Tür."),
            ("Close the door now.", "Mach die Tür zu."),
        ];
        let mut out = DocFindings::new();
        InconsistentTranslation.check_document(&DocView::new(pairs, Vec::new(), &stats), &mut out);
        assert!(out[0].is_empty());
        assert_eq!(
            out[1][0].suggestion.as_deref(),
            Some("Schließen Sie die Tür.")
        );
        assert!(
            out[1][0].message.contains(
                "translated 2 ways: 'Schließen Sie die Tür.' (pair 0), 'Mach die Tür zu.' (pair 1)"
            ),
            "{}",
            out[1][0].message
        );
    }
}
