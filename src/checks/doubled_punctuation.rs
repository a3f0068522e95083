use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::Severity;

declare_check! {
    /// ## What it catches
    ///
    /// Punctuation doubled by machine translation: ". ." or ".." at the end of a sentence, ", ," or
    /// two sentence marks separated only by white space.
    ///
    /// ## Why it matters
    ///
    /// MT of scraped pages often keeps a period from the source and adds its own; the result looks
    /// careless and can hide a lost clause.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: It would become increasingly unlikely.
    /// de: Es würde zunehmend unwahrscheinlicher. .
    ///                                          ^^^ suggestion: "."
    /// ```
    ///
    /// Two commas typed for the German opening quotation mark (",,warum\"") are a warning whose
    /// suggestion is „: the meaning is intact and removing a comma would be the wrong fix.
    ///
    /// ## Not flagged
    ///
    /// Ellipses ("..." and "…"), "?!" and "!!" used for emphasis, and a double the English has in
    /// the same place ("Nigeria.. Please" → "Nigeria.. Bitte"; one in the English excuses one in
    /// the German, not two, and an English ellipsis excuses none).
    pub struct DoubledPunctuation {
        code: "MT005",
        name: "doubled-punctuation",
        severity: Error,
        summary: "The same punctuation mark twice in a row (\". .\", \",,\")",
    }
}

impl Check for DoubledPunctuation {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        // Most targets hold no double: they are passed over without a look at the source.
        if !may_double(pair.target) {
            return;
        }
        // Doubles the English has too ("Nigeria.. Please", "the light. ::") are the
        // author's, not the MT's: as many of each mark as the source has are excused.
        let mut excused: Vec<char> = Vec::new();
        if pair.source.contains("..")
            || pair.source.contains("::")
            || pair.source.contains(",,")
            || pair.source.contains(";;")
            || pair.source.contains(". .")
        {
            doubles(pair.source, &mut |_, c| excused.push(c));
        }
        doubles(pair.target, &mut |r, mark| {
            if let Some(k) = excused.iter().position(|&e| e == mark) {
                excused.swap_remove(k);
                return;
            }
            if is_comma_quote(pair.target, &r) {
                out.push(
                    Finding::target(
                        &Self::RULE,
                        r,
                        "Two commas stand for the opening quotation mark: write „".to_string(),
                    )
                    .with_suggestion("„")
                    .with_severity(Severity::Warning),
                );
                return;
            }
            out.push(
                Finding::target(
                    &Self::RULE,
                    r,
                    format!("Doubled punctuation: '{mark}' appears twice in a row; remove the second one"),
                )
                .with_suggestion(mark.to_string()),
            );
        });
    }
}

/// Whether [`doubles`] may find a double in `text`; false only where it finds none. Each
/// double is a mark `. , ; :` whose next byte other than a space is the same mark: the marks
/// are found by `memchr` (most texts have a few), not by a look at every byte.
fn may_double(text: &str) -> bool {
    let t = text.as_bytes();
    let doubled = |i: usize| {
        t[i + 1..]
            .iter()
            .find(|&&b| b != b' ')
            .is_some_and(|&b| b == t[i])
    };
    memchr::memchr3_iter(b'.', b',', b';', t).any(doubled)
        || memchr::memchr_iter(b':', t).any(doubled)
}

/// Whether the double at `r` is ",," typed for „: the commas touch each other and the word
/// they open, and stand after white space, the start or an opening bracket or dash.
fn is_comma_quote(text: &str, r: &std::ops::Range<usize>) -> bool {
    text.get(r.clone()) == Some(",,")
        && text[r.end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        && text[..r.start].chars().next_back().is_none_or(|c| {
            c.is_whitespace() || matches!(c, '(' | '[' | '–' | '—' | '-' | '/' | ':')
        })
}

/// Calls `found` with the span and the mark of each doubled punctuation mark in `text`
/// (ellipses "..." are not doubles).
fn doubles(text: &str, found: &mut dyn FnMut(std::ops::Range<usize>, char)) {
    // Every char this looks at is ASCII, and in UTF-8 an ASCII byte is always a whole
    // char: scanning bytes gives char-boundary offsets without a per-char table (which
    // cost 16 bytes per char of a pair — 3 GB for a 200 MB sentence).
    let t = text.as_bytes();
    let at = |k: usize| t.get(k).copied();
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        if matches!(c, b'.' | b',' | b';' | b':') {
            // Skip ellipses "..." entirely.
            if c == b'.' && at(i + 1) == Some(b'.') && at(i + 2) == Some(b'.') {
                while i < t.len() && t[i] == b'.' {
                    i += 1;
                }
                continue;
            }
            let mut j = i + 1;
            while j < t.len() && t[j] == b' ' {
                j += 1;
            }
            // ", ,,warum": a comma, then two commas typed for „ (reported on their own).
            let quote_follows = c == b',' && j > i + 1 && at(j + 1) == Some(b',');
            if j < t.len() && t[j] == c && !(c == b'.' && at(j + 1) == Some(b'.')) && !quote_follows
            {
                found(i..j + 1, char::from(c));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::spans;

    #[test]
    fn a_text_said_to_hold_no_double_has_none() {
        let random = crate::checks::tokens::tests::random_texts(".,;: a…", 31, 12, 30_000);
        let adversarial = [
            "",
            ".",
            "..",
            "...",
            "....",
            ". .",
            ".  .",
            ". ,",
            ",,",
            ", ,",
            ";;",
            "::",
            ": :",
            ".:",
            ".,",
            "a.b.c",
            "x. ",
            ". ",
            ",\u{a0},",
            ",\t,",
            "…,",
            "wie,,",
            "dann ... so",
        ];
        let mut said_no = 0;
        for t in random.iter().map(String::as_str).chain(adversarial) {
            let mut found = 0;
            doubles(t, &mut |_, _| found += 1);
            if !may_double(t) {
                said_no += 1;
                assert_eq!(found, 0, "{t:?}");
            }
        }
        // (the prefilter does reject texts)
        assert!(said_no > 1_000, "{said_no}");
        assert!(!may_double("Er kam, sah und siegte. Dann ging er: so."));
    }

    #[test]
    fn doubles_the_english_has_too_are_fine() {
        assert!(
            spans(
                &DoubledPunctuation,
                "the largest group in Nigeria.. Please see",
                "die größte Gruppe in Nigeria.. Bitte sehen Sie"
            )
            .is_empty()
        );
        assert!(
            spans(
                &DoubledPunctuation,
                "gave them the light. ::",
                "gab ihnen das Licht.::"
            )
            .is_empty()
        );
        // One in the English excuses one in the German, not two; an ellipsis excuses none.
        assert_eq!(
            spans(
                &DoubledPunctuation,
                "Nigeria.. Please",
                "Nigeria.. Bitte,, sehen.."
            ),
            vec![",,", ".."]
        );
        assert_eq!(
            spans(&DoubledPunctuation, "Wait... then", "Warte.. dann"),
            vec![".."]
        );
    }

    #[test]
    fn flags_doubled_period() {
        assert_eq!(
            spans(
                &DoubledPunctuation,
                "",
                "würde zunehmend unwahrscheinlicher. ."
            ),
            vec![". ."]
        );
        assert_eq!(
            spans(&DoubledPunctuation, "", "Das ist gut,, oder"),
            vec![",,"]
        );
    }

    #[test]
    fn ellipses_are_fine() {
        assert!(spans(&DoubledPunctuation, "", "dann ... die Welt. Und … so.").is_empty());
        assert!(spans(&DoubledPunctuation, "", "Wirklich?! Ja.").is_empty());
    }
}
