use std::collections::HashSet;
use std::sync::LazyLock;

use crate::checks::lang::{DETERMINERS, FUNCTION_WORDS, after_work_noun};
use crate::checks::text::{
    gap_allows_capital, is_capitalised, is_title_word, lower, source_has_run_on_i,
    target_sentences, word_set, words,
};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

static NAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("data/de_names_with_articles.txt")));

/// Function words that German also uses as nouns after an article ("das Aus", "das Für und
/// Wider", "ohne Wenn und Aber", "das Ich", "im Hier und Jetzt").
const NOUNABLE: &[&str] = &[
    "aus", "nichts", "all", "ich", "es", "für", "wenn", "aber", "jetzt", "heute", "gestern",
    "hier", "mehr", "etwas", "wir", "ob", "wie", "dass", "was", "weiter", "ab", "auf", "zu",
    "sich", "man", "jemand", "niemand", "jenseits", "danach", "davor", "oben", "unten",
];

/// Articles (a source title "The …" excuses these only).
const ARTICLES: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
];

declare_check! {
    /// ## What it catches
    ///
    /// A closed-class word (article, preposition, conjunction, pronoun, adverb) capitalised in the
    /// middle of a German sentence: "angegriffen Die Politiker", "störte die Kirche Noch weiter",
    /// "kommuniziert Aus Hardware-Sicht".
    ///
    /// ## Why it matters
    ///
    /// Machine translation of text that lost its sentence boundaries (links, line breaks, headings
    /// run together) keeps the capital of a sentence start that is no longer one. The capital marks
    /// a seam where two fragments were joined, and the sentence around it is usually garbled.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: It is attacked by the politicians and the media.
    /// de: Es wird angegriffen Die Politiker und die Medien.
    ///                         ^^^ suggestion: "die"
    /// ```
    ///
    /// ## Not flagged
    ///
    /// The first word of a sentence, a word after ".", "!", "?", ":", "…" or an opening quote or
    /// bracket; the polite pronouns Sie, Ihr, Ihnen (formal address is always capitalised);
    /// nominalisations after an article ("das Aus", "das Für und Wider"); titles of works after
    /// Buch, Film, Roman … ("im Buch von 1997 Das souveräne Individuum"); names such as "Der
    /// Spiegel"; any pair whose English source capitalises a function word in mid-sentence (a title
    /// or name, "The Sovereign Individual"; such a title excuses articles only), and words the
    /// source itself contains as written.
    pub struct CapitalisedFunctionWord {
        code: "MT004",
        name: "capitalised-function-word",
        severity: Error,
        summary: "Article, preposition, conjunction or pronoun capitalised in mid-sentence",
    }
}

impl Check for CapitalisedFunctionWord {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        let caps = pair.analysis.source_caps();
        if caps.others {
            return;
        }
        // Asked per word, worked out once per pair (a scan of the source per word was
        // quadratic on a long pair).
        let source_words = pair.analysis.source_words();
        let run_on_i = std::cell::OnceCell::new();
        for range in target_sentences(pair) {
            let sent = &pair.target[range.clone()];
            let ws = words(sent);
            for k in 1..ws.len() {
                let w = ws[k].clone();
                let word = &sent[w.clone()];
                if !is_title_word(word) {
                    continue;
                }
                let lw = lower(word);
                // "in" is not in the shared list (it is English too), but a capital "In" in
                // mid-sentence that the source does not have is a seam as well
                if !FUNCTION_WORDS.contains(lw.as_ref()) && lw != "in" {
                    continue;
                }
                let prev = &sent[ws[k - 1].clone()];
                if word == "Ich" && *run_on_i.get_or_init(|| source_has_run_on_i(pair.source)) {
                    continue;
                }
                // first part of a compound: "Vor- und Nachnamen", "Nicht-Englisch"
                if sent[w.end..].trim_start().starts_with('-') {
                    continue;
                }
                let gap = &sent[ws[k - 1].end..w.start];
                if gap_allows_capital(gap) {
                    continue;
                }
                if caps.articles && ARTICLES.contains(&lw.as_ref()) {
                    continue; // a title: "The Sovereign Individual" → "Das souveräne Individuum"
                }
                if NOUNABLE.contains(&lw.as_ref()) && DETERMINERS.contains(&lower(prev).as_ref()) {
                    continue;
                }
                if after_work_noun(sent, &ws, k) || source_words.has(word) {
                    continue;
                }
                if let Some(next) = ws.get(k + 1) {
                    let bigram = format!("{word} {}", &sent[next.clone()]);
                    if NAMES.contains(bigram.as_str()) {
                        continue;
                    }
                }
                if NAMES.contains(format!("{prev} {word}").as_str()) {
                    continue;
                }
                // "Raymond So, ein …": after a capitalised word and before punctuation, a
                // capitalised short word is the end of a name.
                let next_char = sent[w.end..].chars().next();
                if is_capitalised(prev) && next_char.is_none_or(|c| !c.is_whitespace()) {
                    continue;
                }
                let start = range.start + w.start;
                out.push(
                    Finding::target(
                        &Self::RULE,
                        start..start + word.len(),
                        format!(
                            "'{word}' is capitalised in mid-sentence; German writes '{lw}' here \
                             (the capital often marks where two fragments were glued together)"
                        ),
                    )
                    .with_suggestion(lw.into_owned()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{run, spans};

    fn s(t: &str) -> Vec<String> {
        spans(&CapitalisedFunctionWord, "", t)
    }

    #[test]
    fn flags_capital_in_mid_sentence() {
        let r = spans(
            &CapitalisedFunctionWord,
            "The service noted in a tweet that it rained.",
            "Der Dienst notierte In einem Tweet, dass es regnete.",
        );
        assert_eq!(r, vec!["In"]);
        // sentence start, after a colon, and a source title with "In" are fine
        for (src, t) in [
            ("In a tweet it said so.", "In einem Tweet hieß es so."),
            (
                "He said: in the end it worked.",
                "Er sagte: In the end hat es geklappt.",
            ),
            (
                "She sang Dancing In the Dark at the show.",
                "Sie sang Dancing In the Dark bei der Show.",
            ),
        ] {
            assert!(
                spans(&CapitalisedFunctionWord, src, t).is_empty(),
                "{t}: {:?}",
                spans(&CapitalisedFunctionWord, src, t)
            );
        }
    }

    #[test]
    fn flags_the_seed_seams() {
        assert_eq!(
            s(
                "Bitcoin dient als Alternative zu dieser Falle und wird daher von Unternehmen wie Bitcoin angegriffen Die Politiker und das Traditionelle Medien in Trümmern."
            ),
            vec!["Die"]
        );
        assert_eq!(
            s(
                "Die Druckerpresse störte die Kirche Noch weiter: was dazu führte, dass er sein Monopol verlor."
            ),
            vec!["Noch"]
        );
        assert_eq!(
            s(
                "Die Universität Cambridge erstellt Branchenberichte zum Bitcoin-Mining und kommuniziert Aus Hardware-Sicht berichtet die Mehrheit"
            ),
            vec!["Aus"]
        );
        assert_eq!(
            s(
                "Aber zumindest im Moment wächst die Zahl der Fab Labs exponentiell weit über 2.000 Bisher sind einige von ihnen verteilt."
            ),
            vec!["Bisher"]
        );
        let r = run(
            &CapitalisedFunctionWord,
            "",
            "wie z Bücher, Kopierer, Faxgeräte – All dies erleichterte",
        );
        assert_eq!(r.len(), 1);
        assert!(r[0].1.contains("'all'"), "{}", r[0].1);
    }

    #[test]
    fn legal_capitals_are_not_flagged() {
        // sentence start, after colon, after quotes, after ellipsis
        assert!(s("Die Politiker kamen. Noch ist nichts entschieden.").is_empty());
        assert!(s("Hinweis: In der Sowjetunion gab es Kontrollen.").is_empty());
        assert!(s("Er sagte: „Das ist gut.“").is_empty());
        assert!(
            s("argumentierte, dass es „[stop] Das Open-Source-Ökosystem soll gedeihen").is_empty()
        );
        assert!(
            s("mit anderen im Tor-Netzwerk … dann … Die Welt sieht viel dezentraler aus.")
                .is_empty()
        );
        // polite address
        assert!(s("Im Fall von KI könnte das bedeuten, dass sogar Sie oder ich Grafikprozessoren registrieren müssten.").is_empty());
        assert!(s("Wenn Sie Ihre eigenen Miner drucken könnten, danken wir Ihnen.").is_empty());
        // nominalisation after an article
        assert!(s("Das war das Aus für die Firma und das Nichts danach.").is_empty());
        // but an article before an article is no nominalisation
        assert_eq!(
            s("Fünf Wochen vor einer Der wichtigsten Wahlen."),
            vec!["Der"]
        );
        // titles of works and names
        assert!(s("Im Buch von 1997 Das souveräne Individuum zeigen die Autoren").is_empty());
        assert!(s("Wie der Film Die Hard zeigt, berichtete auch Der Spiegel darüber.").is_empty());
        // ordinary German with capitalised nouns
        assert!(s("Das Gericht in Den Haag und Des Moines, Iowa, sowie Raymond So, ein Student, und Dragons Den Star Peter Jones.").is_empty());
        assert!(s("Seit der Gründung von Bitcoin im Jahr 2009 sind wir in der Lage, anonyme Transaktionen durchzuführen.").is_empty());
    }

    #[test]
    fn source_seams_suppress() {
        // a heading run into the text in the source too
        assert!(
            spans(
                &CapitalisedFunctionWord,
                "Shared IP I can't create the subpage",
                "Shared IP Ich kann die Unterseite nicht erstellen"
            )
            .is_empty()
        );
        assert!(
            spans(
                &CapitalisedFunctionWord,
                "Bibliography Just to mention that the articles list this book",
                "Bibliographie Um nur zu erwähnen, dass die Artikel dieses Buch auflisten"
            )
            .is_empty()
        );
        assert!(
            spans(
                &CapitalisedFunctionWord,
                "So again please source I am fascinated I would like to know",
                "Also wieder bitte Quelle Ich bin fasziniert Ich würde gerne wissen"
            )
            .is_empty()
        );
        assert!(s("mit demselben Vor- und Nachnamen und genug Nicht-Englisch").is_empty());
        assert!(
            spans(
                &CapitalisedFunctionWord,
                "Spikey - I came here to stress the same",
                "Spikey - Ich kam hier, um dasselbe zu betonen"
            )
            .is_empty()
        );
        assert!(
            s("oder werden Sie gemeldet== Die Entfernung ist gegen die Richtlinien").is_empty()
        );
    }

    #[test]
    fn source_title_suppresses() {
        assert!(
            spans(
                &CapitalisedFunctionWord,
                "In the 1997 book The Sovereign Individual, William Rees-Mogg shows",
                "Im Jahr 1997 erschien Das souveräne Individuum von William Rees-Mogg"
            )
            .is_empty()
        );
        assert_eq!(
            spans(
                &CapitalisedFunctionWord,
                "attacked by the politicians",
                "angegriffen Die Politiker"
            ),
            vec!["Die"]
        );
        // a source title excuses articles only
        assert_eq!(
            spans(
                &CapitalisedFunctionWord,
                "He told The Sunday Times it must still be decided",
                "Er sagte Der Sunday Times, es muss Noch entschieden werden"
            ),
            vec!["Noch"]
        );
    }
}
