use crate::checks::text::{is_code_like, token_at};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

declare_check! {
    /// ## What it catches
    ///
    /// German abbreviations that lost their periods or parts: "z Bücher" for "z. B. Bücher", "d h",
    /// "u a", and other single lower-case letters standing alone as words.
    ///
    /// ## Why it matters
    ///
    /// Machine translation and text cleaning strip the periods of "z. B.", "d. h.", "u. a."; what
    /// is left reads as a typo, and "z Bücher" loses the "B." altogether.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: harmless products such as books, copiers
    /// de: harmlose Produkte wie z Bücher, Kopierer
    ///                           ^ suggestion: "z. B."
    /// ```
    ///
    /// ## Not flagged
    ///
    /// Complete abbreviations ("z. B.", "z.B.", "d. h."), letters used as variables or labels ("x",
    /// "n", "a)", "Punkt a"), units after a number ("5 m", "3 l", "10 h"), the English article "a"
    /// (that is untranslated text, MT001), the interjection "o" before a word ("o wie konfus",
    /// "O Papagei, o Papagei", also a list bullet typed as "o"), single letters that the English
    /// source contains as well,
    /// and letters in code, URLs and handles.
    pub struct BrokenAbbreviation {
        code: "MT015",
        name: "broken-abbreviation",
        severity: Error,
        summary: "Abbreviation without its periods or with parts missing (\"z Bücher\")",
    }
}

/// Two-letter abbreviations that appear without periods: letters → repaired form.
const PAIRS: &[(&str, &str, &str)] = &[
    ("z", "B", "z. B."),
    ("z", "b", "z. B."),
    ("d", "h", "d. h."),
    ("u", "a", "u. a."),
    ("o", "a", "o. a."),
    ("o", "ä", "o. Ä."),
    ("o", "Ä", "o. Ä."),
    ("u", "ä", "u. Ä."),
    ("u", "Ä", "u. Ä."),
    ("v", "a", "v. a."),
    ("u", "U", "u. U."),
    ("z", "T", "z. T."),
    ("z", "Z", "z. Z."),
    ("s", "o", "s. o."),
    ("s", "u", "s. u."),
    ("o", "g", "o. g."),
    ("m", "E", "m. E."),
    ("i", "d", "i. d."),
];

/// Letters that may stand alone in German prose: variables, labels, units, the English "a".
const ALLOWED_SINGLE: &[&str] = &[
    "a", "b", "c", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "p", "q", "r", "t", "x", "y",
    "w", "à",
];

impl Check for BrokenAbbreviation {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        let t = pair.target;
        let ws = pair.analysis.words_of(t);
        // (one index of the source per pair, not a scan per single letter)
        let source_words = pair.analysis.source_words();
        let mut k = 0;
        while k < ws.len() {
            let w = ws[k].clone();
            let word = &t[w.clone()];
            // Every finding is on a single lower-case letter: any other word is passed over
            // before its neighbours are looked at.
            let mut chars = word.chars();
            let single = matches!(
                (chars.next(), chars.next()),
                (Some(c), None) if c.is_alphabetic() && c.is_lowercase()
            );
            if !single {
                k += 1;
                continue;
            }
            // Only a bare letter: no period after it, no bracket, not glued to anything.
            let after = t[w.end..].chars().next();
            let before = t[..w.start].chars().next_back();
            let bare = after.is_none_or(|c| c.is_whitespace() || c == ',')
                && before.is_none_or(char::is_whitespace);
            // "d . h ." (tokenised text) is an abbreviation with its periods
            let period_follows = t[w.end..].trim_start().starts_with('.');
            // A lone "z." or "d." whose second part is missing: "Der z. Tsunami", "Ende d.
            // August" (not "z. B.", "d. h.", "d. J.": the next word has its own period).
            if matches!(word, "z" | "d") && before.is_none_or(char::is_whitespace) {
                let rest = &t[w.end..];
                if let Some(after_dot) = rest.strip_prefix(". ") {
                    let next: &str = after_dot.split_whitespace().next().unwrap_or("");
                    let next_word = next.trim_end_matches([',', ';', ':', '!', '?', '"', '“']);
                    if next_word.chars().next().is_some_and(char::is_alphabetic)
                        && next_word.chars().count() >= 2
                        && !next_word.contains('.')
                    {
                        out.push(Finding::target(
                            &Self::RULE,
                            w.start..w.end + 1,
                            format!(
                                "Abbreviation with a part missing: '{word}.' stands alone before '{next_word}' (\"z. B.\", \"d. h.\"?)"
                            ),
                        ));
                        k += 1;
                        continue;
                    }
                }
            }
            if !bare || period_follows || is_code_like(&t[token_at(t, w.start)]) {
                k += 1;
                continue;
            }
            // "d h", "u a": the second letter also bare
            if let Some(n) = ws.get(k + 1) {
                let second = &t[n.clone()];
                let gap = &t[w.end..n.start];
                let second_bare = t[n.end..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || c == ',');
                if gap == " "
                    && second_bare
                    && let Some(&(_, _, fix)) =
                        PAIRS.iter().find(|&&(a, b, _)| a == word && b == second)
                {
                    out.push(
                        Finding::target(
                            &Self::RULE,
                            w.start..n.end,
                            format!(
                                "Abbreviation without its periods: '{}' is '{fix}'",
                                &t[w.start..n.end]
                            ),
                        )
                        .with_suggestion(fix),
                    );
                    k += 2;
                    continue;
                }
            }
            // units after a number: "5 m", "3 s", "2 d" (but "20 z Jahre" is broken)
            let prev_is_number = matches!(word, "s" | "d" | "m" | "g" | "l" | "h" | "t")
                && k > 0
                && t[ws[k - 1].clone()].chars().all(|c| c.is_ascii_digit())
                && t[ws[k - 1].end..w.start].trim().is_empty();
            let prev_names_letter = k > 0 && {
                let p = t[ws[k - 1].clone()].to_lowercase();
                [
                    "buchstabe",
                    "laut",
                    "vokal",
                    "konsonant",
                    "note",
                    "taste",
                    "variable",
                    "typ",
                    "punkt",
                    "spalte",
                    "zeile",
                    "reihe",
                ]
                .iter()
                .any(|n| p.starts_with(n))
            };
            // the interjection "o" ("o wie konfus", "O Papagei, o Papagei") or a list bullet
            // typed as "o" before a word
            let interjection = word == "o"
                && ws.get(k + 1).is_some_and(|n| {
                    t[w.end..n.start] == *" " && t[n.clone()].chars().count() >= 2
                });
            if ALLOWED_SINGLE.contains(&word) || prev_is_number || prev_names_letter || interjection
            {
                k += 1;
                continue;
            }
            if source_words.has(word) {
                k += 1;
                continue;
            }
            let mut f = Finding::target(
                &Self::RULE,
                w.clone(),
                format!(
                    "The single letter '{word}' is not a German word: probably an abbreviation that lost its periods"
                ),
            );
            if word == "z" {
                f = Finding::target(
                    &Self::RULE,
                    w.clone(),
                    "Abbreviation with a part missing: 'z' stands alone, probably 'z. B.' (zum Beispiel) with 'B.' lost".to_string(),
                )
                .with_suggestion("z. B.");
            }
            out.push(f);
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::with_severity;
    use crate::checks::testing::{run, spans};

    #[test]
    fn flags_a_lone_z_or_d_with_a_period() {
        assert_eq!(
            spans(&BrokenAbbreviation, "", "Der z. Tsunami kam"),
            vec!["z."]
        );
        assert_eq!(
            spans(&BrokenAbbreviation, "", "bis Ende d. August"),
            vec!["d."]
        );
        for t in [
            "Bücher, z. B. Romane",
            "das heißt, d. h. morgen",
            "die z. T. schon",
            "Mitte d. J. erscheint",
            "im Abschnitt d.",
        ] {
            assert!(spans(&BrokenAbbreviation, "", t).is_empty(), "{t}");
        }
    }

    #[test]
    fn flags_the_seed_and_bare_pairs() {
        let r = run(
            &BrokenAbbreviation,
            "",
            "In der Sowjetunion gab es ähnliche Kontrollen für scheinbar harmlose Produkte wie z Bücher, Kopierer, Faxgeräte",
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "z");
        assert_eq!(
            spans(&BrokenAbbreviation, "", "Das heißt d h alle kommen"),
            vec!["d h"]
        );
        assert_eq!(
            spans(&BrokenAbbreviation, "", "Es kamen u a Politiker"),
            vec!["u a"]
        );
        assert_eq!(
            spans(&BrokenAbbreviation, "", "Es kamen s Politiker"),
            vec!["s"]
        );
    }

    #[test]
    fn complete_abbreviations_and_letters_are_fine() {
        for t in [
            "Produkte wie z. B. Bücher, d. h. alles, u. a. Kopierer",
            "Produkte wie z.B. Bücher",
            "Für alle x gilt f(x) = y, und n ist gerade.",
            "Punkt a) und Punkt b) sind erfüllt.",
            "Die Strecke ist 5 m lang und dauert 10 h, dann 30 s und 2 d.",
            "Gershenfeld argumentiert in a Auftritt des Podcasts",
            "Das Vitamin C und die Note A sind gut.",
            "siehe https://example.com/a/z und @z",
            "wie die Aussprache der Buchstabe u und der Laut o",
        ] {
            assert!(spans(&BrokenAbbreviation, "", t).is_empty(), "{t}");
        }
        assert!(spans(&BrokenAbbreviation, "Plan s works", "Plan s funktioniert").is_empty());
    }

    #[test]
    fn the_interjection_o_is_not_an_abbreviation() {
        let b = &BrokenAbbreviation;
        assert!(spans(b, "", "und, o wie konfus es alles ist!").is_empty());
        assert!(spans(b, "", "»O Papagei, o Mamagei, o Papagei!«").is_empty());
        // a lone "o" before a period or at the end is still flagged
        assert_eq!(
            with_severity(b, "", "Das ist o.").len() + with_severity(b, "", "Das ist so o").len(),
            1
        );
    }
}
