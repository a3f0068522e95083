use std::collections::HashSet;
use std::sync::LazyLock;

use crate::checks::capitalised_function_word::{DETERMINERS, FUNCTION_WORDS};
use crate::checks::text::{is_code_like, source_has_word, tokens, word_set, words};
use crate::checks::{Check, Finding, PairView, Rule};
use crate::declare_check;

static CAMEL_NAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("data/camel_case_names.txt")));

declare_check! {
    /// ## What it catches
    ///
    /// Two words glued together without a space, typically where the source had a link, a line
    /// break or markup between them: "IndividuumWilliam", "VersammlungIm".
    ///
    /// ## Why it matters
    ///
    /// Text extracted from web pages loses the boundary between a link text and the following word;
    /// the glued token is unreadable and hides a sentence boundary.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: In the book The Sovereign Individual, William Rees-Mogg argues
    /// de: Im Buch Das souveräne IndividuumWilliam Rees-Mogg argumentiert
    ///                           ^^^^^^^^^^^^^^^^^ suggestion: "Individuum William"
    /// ```
    ///
    /// ## How it decides
    ///
    /// Inside a word, a lower-case letter followed by an upper-case letter that starts a lower-case
    /// run ("mW" in "IndividuumWilliam"), with at least four letters before the seam or a short
    /// German word ("DerTsunami", "inPalu", "ihreAntwort"); an all-capitals word after a lower-case
    /// German word ("dieUSA", "fürCNN"); two words the English writes apart ("Joe Alleva" →
    /// "JoeAlleva").
    ///
    /// ## Not flagged
    ///
    /// Camel-case names and brands (iPhone, YouTube, PayPal, eBay, McDonald, MicroBT, JavaScript,
    /// …: a short first part or an all-capitals second part, or a name from the built-in list),
    /// words that the English source contains as written, URLs, @handles, hashtags and code.
    pub struct GluedWords {
        code: "MT002",
        name: "glued-words",
        severity: Error,
        summary: "Two words glued together without a space (\"IndividuumWilliam\")",
    }
}

/// Short German words that start a glue ("inPalu", "ihreAntwort", "hatRückschläge") but are
/// not in the function-word list of MT004 (where "In" or "Sie" are ambiguous).
#[rustfmt::skip]
const SHORT_WORDS: &[&str] = &[
    "in", "im", "ist", "hat", "sind", "war", "was", "sie", "ihr", "ihre", "ihren", "ihrem",
    "sein", "seine", "seinen", "mein", "meine", "dein", "unser", "zwei", "drei", "vier", "acht",
    "neun", "zehn", "neue", "neuen", "paar", "sagt", "soll", "kann", "wird", "wie", "wo",
];

fn german_word(lower: &str) -> bool {
    FUNCTION_WORDS.contains(lower) || SHORT_WORDS.contains(&lower) || DETERMINERS.contains(&lower)
}

/// Byte offsets (within `w`) where a new capitalised word starts after a lower-case run.
/// `source` is the English: "Joe Alleva" there makes "JoeAlleva" a glue.
fn seams(w: &str, source: &str) -> Vec<usize> {
    let cs: Vec<(usize, char)> = w.char_indices().collect();
    let mut out = Vec::new();
    let mut seg_start = 0usize; // char index where the current part starts
    for i in 1..cs.len() {
        let (pos, c) = cs[i];
        let prev = cs[i - 1].1;
        if !c.is_alphabetic() || !prev.is_alphabetic() {
            seg_start = i;
            continue;
        }
        if prev.is_lowercase() && c.is_uppercase() {
            let left_len = i - seg_start;
            let next_lower = cs.get(i + 1).is_some_and(|&(_, d)| d.is_lowercase());
            let left_first_upper = cs[seg_start].1.is_uppercase();
            let left = &w[cs[seg_start].0..pos];
            let left_lower = left.to_lowercase();
            // "IndividuumWilliam", "DerTsunami", "inPalu": a real word on the left (a
            // capitalised one of ≥ 4 letters, a lower-case one of ≥ 4, or a short German
            // word: "dassSchäden", "imJahr", "DieSerie"), a capitalised word on the right.
            let left_ok = if left_first_upper {
                left_len >= 4 || german_word(&left_lower)
            } else {
                left_len >= 4 || left_len >= 2 && german_word(left)
            };
            // the gender form with a capital I: "BürgerInnen", "StudentIn"
            let rest = &w[pos..];
            let rest_word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            let binnen_i = matches!(rest_word.as_str(), "In" | "Innen");
            // An all-capitals word after a lower-case German word: "dieUSA", "fürCNN",
            // "einschließlichPBS" (not "macOS", "iPadOS").
            let caps: String = rest.chars().take_while(|c| c.is_uppercase()).collect();
            let after_caps = rest_word[caps.len()..].to_string();
            let caps_word = caps.chars().count() >= 2
                && (after_caps.is_empty() || after_caps == "s")
                && !left_first_upper
                && (left_len >= 5 || german_word(left));
            // The English has the two words apart: "Joe Alleva", "Los Angeles".
            let right: String = rest_word
                .char_indices()
                .take_while(|&(k, ch)| k == 0 || !ch.is_uppercase())
                .map(|(_, ch)| ch)
                .collect();
            let apart_in_source = left_len >= 2
                && right.chars().count() >= 2
                && source.contains(&format!("{left} {right}"));
            if (next_lower && left_ok || caps_word || apart_in_source) && !binnen_i {
                out.push(pos);
            }
            seg_start = i;
        }
    }
    out
}

impl Check for GluedWords {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let t = pair.target;
        for tok in tokens(t) {
            let token = &t[tok.clone()];
            // cheap pre-filter: a lower-case letter directly followed by an upper-case one
            let mut prev_lower = false;
            let mut has_seam = false;
            for c in token.chars() {
                if prev_lower && c.is_uppercase() {
                    has_seam = true;
                    break;
                }
                prev_lower = c.is_lowercase();
            }
            if !has_seam || is_code_like(token) {
                continue;
            }
            for w in words(token) {
                let word = &token[w.clone()];
                let cuts = seams(word, pair.source);
                if cuts.is_empty()
                    || CAMEL_NAMES.contains(word)
                    || source_has_word(pair.source, word)
                {
                    continue;
                }
                // Hyphen parts: "Bitcoin-YouTube" – test the part holding each seam.
                let cuts: Vec<usize> = cuts
                    .into_iter()
                    .filter(|&c| {
                        let part_start = word[..c].rfind('-').map_or(0, |i| i + 1);
                        let part_end = word[c..].find('-').map_or(word.len(), |i| c + i);
                        let part = &word[part_start..part_end];
                        !CAMEL_NAMES.contains(part) && !source_has_word(pair.source, part)
                    })
                    .collect();
                if cuts.is_empty() {
                    continue;
                }
                let mut fixed = String::with_capacity(word.len() + cuts.len());
                let mut last = 0;
                for &c in &cuts {
                    fixed.push_str(&word[last..c]);
                    fixed.push(' ');
                    last = c;
                }
                fixed.push_str(&word[last..]);
                let start = tok.start + w.start;
                out.push(
                    Finding::target(
                        &Self::RULE,
                        start..start + word.len(),
                        format!("'{word}' looks like words glued together: '{fixed}'"),
                    )
                    .with_suggestion(fixed),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{run, spans};

    #[test]
    fn splits_glued_words_from_the_seed() {
        let t =
            "Im Buch von 1997 Das souveräne IndividuumWilliam Rees-Mogg und James Dale Davidson";
        let r = run(&GluedWords, "", t);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "IndividuumWilliam");
        assert_eq!(
            spans(
                &GluedWords,
                "",
                "Gesetzentwurf A8132 der VersammlungIm Falle einer Verabschiedung"
            ),
            vec!["VersammlungIm"]
        );
        let mut out = Vec::new();
        let doc = crate::checks::DocStats::default();
        GluedWords.check(
            &PairView::simple("", "der VersammlungIm Falle", &doc),
            &mut out,
        );
        assert_eq!(out[0].suggestion.as_deref(), Some("Versammlung Im"));
        assert_eq!(
            spans(&GluedWords, "", "die wurdeGemacht"),
            vec!["wurdeGemacht"]
        );
    }

    #[test]
    fn splits_glues_after_short_words_and_before_acronyms() {
        for (t, glued) in [
            ("DerTsunami folgte einem Erdbeben.", "DerTsunami"),
            ("DieSerie von Erdbeben war spürbar.", "DieSerie"),
            ("Menschen wurden inPalu evakuiert.", "inPalu"),
            ("Erinnern Sie sich an ihreAntwort?", "ihreAntwort"),
            ("Die Kritik an dieUSA wächst.", "dieUSA"),
            ("ein Interview fürCNN", "fürCNN"),
            ("Regeln für derKI Einsatz", "derKI"),
            ("einschließlichPBS und NPR", "einschließlichPBS"),
            ("es sagtGlobal Citizen", "sagtGlobal"),
        ] {
            assert_eq!(spans(&GluedWords, "", t), vec![glued], "{t}");
        }
        // Two words that the English has apart: a glued name.
        assert_eq!(
            spans(
                &GluedWords,
                "LSU athletic director Joe Alleva thanked",
                "LSU-Direktor JoeAlleva dankte"
            ),
            vec!["JoeAlleva"]
        );
        // Not glued: brands, the Binnen-I, names the English writes the same way.
        for t in [
            "mit macOS, iPadOS und ownCloud",
            "bei YouTube, PayPal und eBay",
            "alle LehrerInnen",
            "die DaVinci-Resolve-Software",
            "ein iPhone und das GmbH-Gesetz",
        ] {
            assert!(spans(&GluedWords, "", t).is_empty(), "{t}");
        }
        assert!(spans(&GluedWords, "Joe's JoeAlleva fund", "Joes JoeAlleva-Fonds").is_empty());
    }

    #[test]
    fn camel_case_names_are_fine() {
        for t in [
            "die Konkurrenten MicroBT und Canaan",
            "auf dem iPhone, bei eBay und PayPal",
            "ein Video auf YouTube und ein Menü bei McDonald's",
            "im Pseudonym @BasedBeffJesos, siehe https://example.com/SomePath",
            "mit JavaScript, WordPress und LinkedIn",
            "mit macOS, iPadOS, jQuery und ownCloud",
            "alle BürgerInnen und jede StudentIn",
            "die Open-Source-LLMs und GPUs von OpenAI und ChatGPT",
        ] {
            assert!(spans(&GluedWords, "", t).is_empty(), "{t}");
        }
        // A name the source spells the same way is not glued.
        assert!(
            spans(
                &GluedWords,
                "Sold by BlockStream Inc.",
                "Verkauft von BlockStream Inc."
            )
            .is_empty()
        );
    }
}
