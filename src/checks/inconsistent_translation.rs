use std::collections::HashMap;

use crate::checks::{DocCheck, DocView, Finding, Findings, Rule};
use crate::declare_check;

declare_check! {
    /// ## What it catches
    ///
    /// The same English sentence translated in two different ways in one document (or one
    /// translation memory): every pair whose German differs from the translation the sentence
    /// has most often elsewhere is flagged, naming that other translation and where it is.
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
    /// Sources and targets are compared after trimming and collapsing white space; case and
    /// punctuation count. A source counts when it has at least three words. Among the
    /// translations of one source the most frequent one (the earliest on a tie) is taken as
    /// the reference; each other pair is flagged once, on its whole target.
    ///
    /// ## Not flagged
    ///
    /// Sources of one or two words ("OK", "Yes", "Next"), which often need different
    /// translations in different places; pairs with an empty side (MT007/MT008 report those);
    /// differences in white space only; two different English sentences translated the same
    /// way.
    pub struct InconsistentTranslation {
        code: "MT021",
        name: "inconsistent-translation",
        severity: Warning,
        summary: "The same English sentence is translated differently elsewhere in the document",
    }
}

/// Sources with fewer words than this are not compared.
const MIN_WORDS: usize = 3;
/// The other translation is quoted up to this many chars in the message.
const QUOTE_CHARS: usize = 80;

/// `s` trimmed, with every run of white space made one space.
fn normalised(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A hash of `s`'s words (white space collapsed, ends trimmed).
fn normalised_hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for w in s.split_whitespace() {
        w.hash(&mut h);
    }
    h.finish()
}

/// `s` cut to [`QUOTE_CHARS`] chars with a `…`.
fn quote(s: &str) -> String {
    match s.char_indices().nth(QUOTE_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

impl DocCheck for InconsistentTranslation {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check_document(&self, doc: &DocView<'_>, out: &mut [Findings<'_>]) {
        // Pairs by the hash of their normalised source, in document order (no string is
        // built per pair: most sources of a document or memory occur once).
        let mut by_source: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, &(source, target)) in doc.pairs.iter().enumerate() {
            if source.split_whitespace().nth(MIN_WORDS - 1).is_none() || target.trim().is_empty() {
                continue;
            }
            by_source
                .entry(normalised_hash(source))
                .or_default()
                .push(i);
        }
        // Pairs of one hash whose normalised sources are equal (a hash collision splits).
        let mut split: Vec<Vec<usize>> = Vec::new();
        for v in by_source.values().filter(|v| v.len() > 1) {
            let mut parts: Vec<Vec<usize>> = Vec::new();
            for &i in v {
                let words = || doc.pairs[i].0.split_whitespace();
                match parts
                    .iter_mut()
                    .find(|p| words().eq(doc.pairs[p[0]].0.split_whitespace()))
                {
                    Some(p) => p.push(i),
                    None => parts.push(vec![i]),
                }
            }
            split.extend(parts.into_iter().filter(|p| p.len() > 1));
        }
        let mut groups: Vec<&Vec<usize>> = split.iter().collect();
        // Deterministic order (a hash map's is not): by first occurrence.
        groups.sort_by_key(|v| v[0]);
        for group in groups {
            // Translations with their pairs, in order of first occurrence.
            let mut variants: Vec<(String, Vec<usize>)> = Vec::new();
            for &i in group {
                let t = normalised(doc.pairs[i].1);
                match variants.iter_mut().find(|(v, _)| *v == t) {
                    Some((_, at)) => at.push(i),
                    None => variants.push((t, vec![i])),
                }
            }
            if variants.len() < 2 {
                continue;
            }
            // The reference: most frequent, the earliest on a tie.
            let mut best = 0;
            for (k, (_, at)) in variants.iter().enumerate() {
                if at.len() > variants[best].1.len() {
                    best = k;
                }
            }
            let (reference, ref_pairs) = &variants[best];
            for (k, (_, at)) in variants.iter().enumerate() {
                if k == best {
                    continue;
                }
                for &i in at {
                    let target = doc.pairs[i].1;
                    let lead = target.len() - target.trim_start().len();
                    let span = lead..lead + target.trim().len();
                    let others = ref_pairs.len();
                    out[i].push(Finding::target(
                        &Self::RULE,
                        span,
                        format!(
                            "the same English sentence is translated differently in pair {}{}: '{}'; use one translation",
                            ref_pairs[0],
                            if others > 1 {
                                format!(" (and {} more)", others - 1)
                            } else {
                                String::new()
                            },
                            quote(reference)
                        ),
                    ));
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
        let mut out: Vec<Findings> = pairs.iter().map(|_| Findings::new()).collect();
        InconsistentTranslation.check_document(
            &DocView {
                pairs: pairs.to_vec(),
                stats: &stats,
            },
            &mut out,
        );
        out.into_iter()
            .enumerate()
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
    fn short_sources_white_space_and_empty_targets_are_not_flagged() {
        assert!(run(&[("OK", "OK"), ("OK", "In Ordnung")]).is_empty());
        assert!(
            run(&[
                ("Save your changes now.", "Speichern Sie jetzt."),
                ("Save  your changes now. ", " Speichern  Sie jetzt."),
                ("Save your changes now.", ""),
            ])
            .is_empty()
        );
    }

    #[test]
    fn a_tie_flags_the_later_variant_and_the_message_names_the_reference() {
        let stats = DocStats::default();
        let pairs = vec![
            ("Close the door now.", "Schließen Sie die Tür."),
            ("Close the door now.", "Mach die Tür zu."),
        ];
        let mut out = [Findings::new(), Findings::new()];
        InconsistentTranslation.check_document(
            &DocView {
                pairs,
                stats: &stats,
            },
            &mut out,
        );
        assert!(out[0].is_empty());
        assert!(
            out[1][0]
                .message
                .contains("in pair 0: 'Schließen Sie die Tür.'"),
            "{}",
            out[1][0].message
        );
    }
}
