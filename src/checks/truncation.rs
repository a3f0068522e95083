use crate::checks::tokens::trim_closing_end;
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

declare_check! {
    /// ## What it catches
    ///
    /// A German translation that stops mid-sentence: it ends on a word that cannot end a sentence
    /// (an article, a preposition that is not a verb particle, a conjunction, a possessive: "… und
    /// die"), on a comma or dash, or it ends in an ellipsis that the English lacks; or it lacks the
    /// final punctuation of the English and is much shorter than the English.
    ///
    /// ## Why it matters
    ///
    /// MT systems and the tools around them cut output at length limits or markup; a cut sentence
    /// silently loses its end, which is often the point of the sentence.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: The result was a significant loss of influence and power.
    /// de: Das Ergebnis war ein erheblicher Einfluss- und
    ///                                                ^^^
    /// ```
    ///
    /// ## Not flagged
    ///
    /// Verb particles at the end ("Trump kündigt neue Zölle an", "Er kommt heute zurück"),
    /// demonstratives with final punctuation ("Ich kenne die."), headlines without a final period
    /// when the English has none either, an English source that is itself cut ("… and the"), pairs
    /// with an empty side (see MT007/MT008). A missing final period alone is left to MT016
    /// (whitespace-punctuation).
    pub struct Truncation {
        code: "MT013",
        name: "truncation",
        severity: Warning,
        summary: "The translation stops mid-sentence (\"… und die\", no final punctuation, much shorter)",
    }
}

/// German words that cannot end a sentence. Prepositions that are also separable verb
/// particles (an, auf, aus, ab, zu, vor, mit, nach, bei, ein, um, durch, über) are left out.
const DANGLING: &[&str] = &[
    "des", "und", "oder", "sondern", "dass", "daß", "weil", "wenn", "ob", "sowie", "sowohl",
    "weder", "als", "in", "im", "ins", "von", "vom", "für", "gegen", "ohne", "seit", "zwischen",
    "wegen", "trotz", "während", "am", "zum", "zur", "beim",
];

/// Determiners that end a sentence as pronouns ("Was ist das", "Ich nehme diese"): dangling
/// only after a preposition or conjunction ("… und die", "im Tod der").
const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "eine", "einen", "einem", "einer", "eines", "unser",
    "unsere", "unseren", "seine", "seinen", "seinem", "meine", "meinen", "deine", "ihre", "ihren",
    "ihrem", "eure", "dieser", "diese", "diesen", "diesem", "dieses", "jede", "jeden", "jedem",
    "jeder", "keine", "keinen", "keinem",
];

/// Words after which a determiner cannot end the sentence.
const BEFORE_DETERMINER: &[&str] = &[
    "und",
    "oder",
    "sowie",
    "als",
    "mit",
    "von",
    "in",
    "an",
    "auf",
    "für",
    "über",
    "unter",
    "zu",
    "aus",
    "bei",
    "nach",
    "vor",
    "durch",
    "gegen",
    "ohne",
    "um",
    "zwischen",
    "seit",
    "wegen",
    "trotz",
    "während",
    "hinter",
    "neben",
    "gegenüber",
    "laut",
    "dass",
    "weil",
    "wenn",
    "ob",
];

/// Of those, the ones that are wrong even before a final period ("… und.").
const DANGLING_BEFORE_PERIOD: &[&str] = &[
    "und", "oder", "sondern", "dass", "daß", "weil", "sowie", "sowohl", "weder", "zwischen", "zum",
    "zur", "beim", "vom", "ins", "im",
];

/// English words that end a sentence only when the source itself is cut.
const EN_DANGLING: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "for", "with", "from", "by", "that",
    "at", "on", "as", "if", "because", "than", "between", "his", "her", "their", "our", "its",
    "your", "my", "which", "who", "whom", "whose", "where", "when", "while", "so", "then", "also",
    "is", "are", "was", "were", "be", "this", "these", "those", "some", "any", "not",
];

fn ends_with_final(s: &str) -> bool {
    trim_closing_end(s)
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ':' | ';'))
}

fn ends_with_ellipsis(s: &str) -> bool {
    let t = trim_closing_end(s);
    t.ends_with('…') || t.ends_with("...")
}

impl Check for Truncation {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        let (s, t) = (pair.source.trim_end(), pair.target.trim_end());
        if s.trim().is_empty() || t.trim().is_empty() {
            return;
        }
        let src_toks = pair.analysis.source_tokens();
        // (the lower-cased forms are the pair's, shared with other rules)
        let source_cut = src_toks
            .iter()
            .rposition(|w| w.is_word())
            .is_some_and(|i| EN_DANGLING.contains(&pair.analysis.source_lower().get(i)))
            && !ends_with_final(s);
        if source_cut {
            return;
        }
        let toks = pair.analysis.target_tokens();
        let Some(last) = toks.last() else { return };
        let Some(at) = toks.iter().rposition(|w| w.is_word()) else {
            return;
        };
        let last_word = &toks[at];
        let lw = pair.analysis.target_lower().get(at);
        let final_punct = ends_with_final(t);

        if ends_with_ellipsis(t) && !ends_with_ellipsis(s) && !s.contains(['…']) {
            out.push(Finding::target(
                &Self::RULE,
                last.range.start..t.len(),
                "the translation ends in an ellipsis that the English does not have: it may be cut off",
            ));
            return;
        }
        let source_end = trim_closing_end(s).chars().next_back();
        if !final_punct
            && matches!(last.text, "," | "-" | "–" | "„" | "(" | "»" | "«")
            && !source_end.is_some_and(|c| matches!(c, ',' | '-' | '–' | '—' | ';' | ':'))
        {
            out.push(Finding::target(
                &Self::RULE,
                last.range.clone(),
                format!("the translation stops at '{}': it looks cut off", last.text),
            ));
            return;
        }
        let dangling = if final_punct {
            DANGLING_BEFORE_PERIOD.contains(&lw)
                && toks.len() >= 2
                && toks[toks.len() - 2].range == last_word.range
        } else {
            last.range == last_word.range
                && (DANGLING.contains(&lw)
                    || DETERMINERS.contains(&lw)
                        && toks.len() >= 2
                        && BEFORE_DETERMINER
                            .contains(&pair.analysis.target_lower().get(toks.len() - 2)))
        };
        if dangling {
            out.push(Finding::target(
                &Self::RULE,
                last_word.range.clone(),
                format!(
                    "the translation ends on '{}', which cannot end a sentence: it looks cut off",
                    last_word.text
                ),
            ));
            return;
        }
        if !final_punct && ends_with_final(s) {
            let (sc, tc) = (s.chars().count() as f64, t.chars().count() as f64);
            let expected = sc * pair.doc.length_ratio.clamp(0.5, 2.0);
            if sc >= 40.0 && tc < 0.6 * expected {
                out.push(Finding::target(
                    &Self::RULE,
                    last_word.range.clone(),
                    format!(
                        "the translation has no final punctuation and is much shorter than the English ({tc:.0} vs {sc:.0} characters): it looks cut off"
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{run, spans};

    #[test]
    fn flags_dangling_ends() {
        assert_eq!(
            spans(
                &Truncation,
                "The result was a significant loss of influence and power.",
                "Das Ergebnis war ein erheblicher Einfluss- und"
            ),
            vec!["und"]
        );
        assert_eq!(
            spans(
                &Truncation,
                "Police arrest suspect in LSU player's death",
                "Polizei verhaftet Verdächtigen im Tod des"
            ),
            vec!["des"]
        );
        assert_eq!(
            spans(&Truncation, "The world and the people.", "Die Welt und die"),
            vec!["die"]
        );
        assert_eq!(
            spans(&Truncation, "He came and went.", "Er kam und."),
            vec!["und"]
        );
        assert_eq!(
            spans(
                &Truncation,
                "Bitcoin, AI and 3D printing.",
                "Bitcoin, KI und 3D-Druck,"
            ),
            vec![","]
        );
    }

    #[test]
    fn flags_short_unfinished_and_ellipsis() {
        let found = run(
            &Truncation,
            "Imagine a world in which most people have 3D printers and the tools that go with them at home.",
            "Stellen Sie sich eine Welt vor",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("shorter"));
        assert_eq!(
            spans(
                &Truncation,
                "Then the world looks much more decentralised.",
                "Dann sieht die Welt viel …"
            )
            .len(),
            1
        );
    }

    #[test]
    fn complete_german_is_not_flagged() {
        for (s, t) in [
            ("Trump announces new tariffs", "Trump kündigt neue Zölle an"),
            ("He is coming back today", "Er kommt heute zurück"),
            ("I know them.", "Ich kenne die."),
            ("Conclusion", "Abschluss"),
            (
                "The world looks much more decentralised.",
                "Die Welt sieht viel dezentraler aus.",
            ),
            ("and then … the world", "und dann … die Welt"),
            ("Is it true?", "Stimmt das?"),
            ("What is that?", "Was ist das"),
            ("I'll take these.", "Ich nehme diese"),
            (
                "and the keeper was untroubled,",
                "und der Torwart war unbeeinträchtigt,",
            ),
            ("He said: \"Yes.\"", "Er sagte: „Ja.“"),
            (
                "It was cut off in the middle of the",
                "Es wurde mitten in der",
            ),
            ("Imagine a world.", "Stellen Sie sich eine Welt vor"),
        ] {
            assert!(spans(&Truncation, s, t).is_empty(), "{s} → {t}");
        }
    }
}
