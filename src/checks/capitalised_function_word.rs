use std::sync::LazyLock;

use crate::checks::lang::{DETERMINERS, FUNCTION_WORDS, after_work_noun};
use crate::checks::text::{
    TwoByteSet, WordSet, gap_allows_capital, is_capitalised, is_title_word, lower, lower_on,
    source_has_run_on_i, target_sentences, with_lower, word_set,
};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::Severity;

/// The first two bytes of the function words ([`FUNCTION_WORDS`] and "in"), for
/// [`may_start_function_word`].
static FUNCTION_STARTS: LazyLock<TwoByteSet> =
    LazyLock::new(|| TwoByteSet::of(FUNCTION_WORDS.iter().copied().chain(["in"])));

/// The function words ([`FUNCTION_WORDS`] and "in") by first byte and length in bytes, for
/// [`may_be_function_word`].
static FUNCTION_LENGTHS: LazyLock<TwoByteSet> = LazyLock::new(|| {
    TwoByteSet::of_pairs(FUNCTION_WORDS.iter().copied().chain(["in"]).map(|w| {
        (
            w.as_bytes().first().copied().unwrap_or(0),
            w.len().min(255) as u8,
        )
    }))
});

/// False when a title word (an upper-case initial, lower-case letters after it) is certainly
/// no function word lower-cased: an ASCII word (whose lower case has its length and its
/// initial lower-cased) of a length no function word with that initial has. Asked before
/// the word is lower-cased and hashed.
fn may_be_function_word(title_word: &str) -> bool {
    let (b, n) = (title_word.as_bytes(), title_word.len());
    !title_word.is_ascii()
        || n >= 255
        || FUNCTION_LENGTHS.has_bytes(b.first().map_or(0, u8::to_ascii_lowercase), n as u8)
}

/// False when a word whose first two bytes are `b0`, `b1` (`b1` = 0: a word of one byte) is
/// certainly no title word ([`is_title_word`]) that is a function word lower-cased: its
/// initial is an ASCII char but no capital (no title word), or an ASCII capital or a
/// Latin-1 capital ('À' to 'Þ', whose small letter is 0x20 on in its second byte) that,
/// lower-cased, with the next byte (unchanged by lower-casing) starts none of them. Told from
/// two bytes: most words, lower-case or nouns, are passed over without being sliced,
/// lower-cased and hashed.
fn may_start_function_word(b0: u8, b1: u8) -> bool {
    match b0 {
        b'A'..=b'Z' => FUNCTION_STARTS.has_bytes(b0.to_ascii_lowercase(), b1),
        0..0x80 => false,
        // (0xC3 0x97 is '×', no letter)
        0xC3 if (0x80..=0x9E).contains(&b1) && b1 != 0x97 => {
            FUNCTION_STARTS.has_bytes(0xC3, b1 + 0x20)
        }
        _ => true,
    }
}

static NAMES: LazyLock<WordSet> =
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

/// Function words that are nouns too ("das Wohl", "zum Trotz", "ein leiser Laut", "die
/// Gerade"): fine after a determiner, a warning otherwise.
const NOUN_HOMOGRAPHS: &[&str] = &["wohl", "trotz", "laut", "gerade"];

/// Indefinite pronouns that older spelling capitalised ("daß Alle lachten", "wenn Jeder nur
/// …") and that German nominalises ("das Alles"): a capital is a weak sign of a seam, so a
/// warning.
const PRONOUNS_OLD_SPELLING: &[&str] = &[
    "alle", "allen", "aller", "alles", "jeder", "jede", "jedes", "jeden", "jedem", "jemand",
    "niemand", "keiner", "etwas", "nichts", "euch", "man",
];

/// The forms of "ein": an article, or a pronoun ("des Einen Freud", "macht Einen schwindlig").
const EIN_FORMS: &[&str] = &["ein", "eine", "einen", "einem", "einer", "eines"];

/// Definite articles: after one, a capital "Eine"/"Einen" is nominalised ("der Eine", "des
/// Einen").
const DEFINITE: &[&str] = &["der", "die", "das", "den", "dem", "des"];

/// Whether `before` (the sentence up to the word) is a dateline: a place in capitals and a
/// dash ("STANFORD – ", "WASHINGTON, DC – ", "CLAREMONT (KALIFORNIEN) – "). The word after it
/// starts the sentence.
pub fn after_dateline(before: &str) -> bool {
    let t = before.trim_end();
    let Some(head) = t.strip_suffix(['–', '—', '−', '-']) else {
        return false;
    };
    let head = head.trim();
    let upper = head.chars().filter(|c| c.is_uppercase()).count();
    upper >= 2
        && head.chars().all(|c| {
            c.is_uppercase()
                || c.is_whitespace()
                || matches!(c, ',' | '.' | '/' | '(' | ')' | '\'' | '’' | '-')
        })
}

/// Whether `source` starts with a dateline: up to four capitalised words and a dash
/// ("Nairobi -- A month ago", "NEW YORK – Citizens").
pub fn source_dateline(source: &str) -> bool {
    let s = source.trim_start();
    let Some(dash) = s.find(['–', '—', '−']).or_else(|| s.find(" -")) else {
        return false;
    };
    let head = s[..dash].trim().trim_end_matches(',');
    let words: Vec<&str> = head.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether `before` (the sentence up to the word) is a dateline in title case ("Nairobi – ")
/// of at most four capitalised words before a dash.
fn title_case_dateline(before: &str) -> bool {
    let t = before.trim_end();
    let Some(head) = t.strip_suffix(['–', '—', '−', '-']) else {
        return false;
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

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
    /// the first word after a dateline ("STANFORD – Die …", "WASHINGTON, DC – Der …", or
    /// "Nairobi – Vor …" when the English starts with a dateline too); an English compound
    /// the source has ("Fast Food" for "fast food"); a word
    /// elided with an apostrophe ("auf der andren Seit'"); nouns that are function words too,
    /// after a determiner ("das Wohl", "zum Trotz", "einen Laut"), and "der Eine", "des
    /// Einen"; nominalisations after an article ("das Aus", "das Für und Wider"); titles of works after
    /// Buch, Film, Roman … ("im Buch von 1997 Das souveräne Individuum"); names such as "Der
    /// Spiegel"; any pair whose English source capitalises a function word in mid-sentence (a title
    /// or name, "The Sovereign Individual"; such a title excuses articles only), and words the
    /// source itself contains as written.
    ///
    /// Warnings, not errors (weak signs of a seam): indefinite pronouns that older spelling
    /// capitalised ("daß Alle lachten", "wenn Jeder", "Niemand"), a noun homograph with no
    /// determiner before it ("kindlicher Trotz"), "Einen"/"Einem" used as a pronoun ("macht
    /// Einen ganz schwindlig"), and a capital right after a comma or semicolon (a line of verse
    /// as often as a seam: "thust so überklug, Ich werde dich Mores lehren").
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
        // Asked per word, worked out once per pair (a scan of the source per word was
        // quadratic on a long pair).
        let source_words = pair.analysis.source_words();
        let run_on_i = std::cell::OnceCell::new();
        for range in target_sentences(pair) {
            let sent = &pair.target[range.clone()];
            let words = pair.analysis.words_of(sent);
            let ws: &[std::ops::Range<usize>] = &words;
            let bytes = sent.as_bytes();
            for k in 1..ws.len() {
                let w = ws[k].clone();
                let b1 = if w.len() > 1 { bytes[w.start + 1] } else { 0 };
                if !may_start_function_word(bytes.get(w.start).copied().unwrap_or(0), b1) {
                    continue;
                }
                let word = &sent[w.clone()];
                // "in" is not in the shared list (it is English too), but a capital "In" in
                // mid-sentence that the source does not have is a seam as well.
                if !is_title_word(word)
                    || !may_be_function_word(word)
                    || !with_lower(word, |lw| FUNCTION_WORDS.contains(lw) || lw == "in")
                {
                    continue;
                }
                // A source with a capitalised function word in mid-sentence (a title, a
                // heading run into the text) lets the German keep any such capital: nothing
                // to flag in the pair. (Asked at the first candidate: most pairs have none,
                // and the source's capitals are then not worked out.)
                let caps = pair.analysis.source_caps();
                if caps.others {
                    return;
                }
                // (lower-cased on the stack: no String per candidate)
                let mut lw_buf = [0u8; 64];
                let lw = lower_on(word, &mut lw_buf);
                let prev = &sent[ws[k - 1].clone()];
                if word == "Ich" && *run_on_i.get_or_init(|| source_has_run_on_i(pair.source)) {
                    continue;
                }
                // first part of a compound: "Vor- und Nachnamen", "Nicht-Englisch"
                if sent[w.end..].trim_start().starts_with('-') {
                    continue;
                }
                let gap = &sent[ws[k - 1].end..w.start];
                if gap_allows_capital(gap)
                    || after_dateline(&sent[..w.start])
                    || (title_case_dateline(&sent[..w.start]) && source_dateline(pair.source))
                {
                    continue;
                }
                // an English compound the source writes in lower case ("fast food" → "Fast
                // Food"; not "in London" → "In London")
                if let Some(next) = ws.get(k + 1) {
                    let next = &sent[next.clone()];
                    if is_capitalised(next) && !is_capitalised(&lower(next)) {
                        let bigram = format!("{lw} {}", lower(next));
                        if pair.source.contains(&bigram) {
                            continue;
                        }
                    }
                }
                // elided: "auf der andren Seit'"
                if sent[w.end..].starts_with(['\'', '’']) {
                    continue;
                }
                let mut prev_buf = [0u8; 64];
                let prev_low = lower_on(prev, &mut prev_buf);
                let mut severity = Severity::Error;
                if NOUN_HOMOGRAPHS.contains(&lw.as_ref()) {
                    if DETERMINERS.contains(&prev_low.as_ref()) {
                        continue; // "das Wohl", "zum Trotz"
                    }
                    severity = Severity::Warning;
                }
                if EIN_FORMS.contains(&lw.as_ref()) {
                    if DEFINITE.contains(&prev_low.as_ref()) {
                        continue; // "des Einen", "der Eine"
                    }
                    // a pronoun ("macht Einen ganz schwindlig"), not an article before a noun
                    // phrase ("angegriffen Eine große Menge")
                    let next = ws.get(k + 1).map(|r| &sent[r.clone()]);
                    let adjacent = ws
                        .get(k + 1)
                        .is_some_and(|r| sent[w.end..r.start].trim().is_empty());
                    let noun_phrase = adjacent
                        && next.is_some_and(|n| {
                            is_capitalised(n)
                                || (!FUNCTION_WORDS.contains(lower(n).as_ref())
                                    && n.ends_with(['e', 'n', 'r', 's', 'm']))
                        });
                    if !noun_phrase {
                        severity = Severity::Warning;
                    }
                }
                // after a comma or semicolon: a line of verse ("thust so überklug, Ich werde
                // dich …") as often as a seam
                if PRONOUNS_OLD_SPELLING.contains(&lw.as_ref()) || gap.contains([',', ';']) {
                    severity = Severity::Warning;
                }
                if caps.articles && ARTICLES.contains(&lw.as_ref()) {
                    continue; // a title: "The Sovereign Individual" → "Das souveräne Individuum"
                }
                if NOUNABLE.contains(&lw.as_ref()) && DETERMINERS.contains(&prev_low.as_ref()) {
                    continue;
                }
                if after_work_noun(sent, ws, k) || source_words.has(word) {
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
                let finding = Finding::target(
                    &Self::RULE,
                    start..start + word.len(),
                    format!(
                        "Capitalised in mid-sentence: '{word}'; German writes '{lw}' here \
                         (the capital often marks where two fragments were glued together)"
                    ),
                );
                // A colon lost in translation ("attacked by the establishment: the
                // politicians" → "angegriffen Die Politiker"): the fix may be the colon, not
                // the lower case. A suggestion only when the English has no more colons
                // than the German.
                let lost_colon =
                    pair.source.matches(':').count() > pair.target.matches(':').count();
                let finding = if lost_colon {
                    finding
                } else {
                    finding.with_suggestion(lw.into_owned())
                };
                out.push(if severity == Severity::Error {
                    finding
                } else {
                    finding.with_severity(severity)
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::with_severity;
    use crate::checks::testing::{run, spans};
    use crate::checks::text::capitalise_first;

    /// The slow question [`may_start_function_word`] stands before.
    fn title_function_word(w: &str) -> bool {
        is_title_word(w) && with_lower(w, |lw| FUNCTION_WORDS.contains(lw) || lw == "in")
    }

    fn may_start(w: &str) -> bool {
        let b = w.as_bytes();
        may_start_function_word(
            b.first().copied().unwrap_or(0),
            b.get(1).copied().unwrap_or(0),
        )
    }

    #[test]
    fn the_start_filter_passes_every_function_word() {
        for w in FUNCTION_WORDS.iter().copied().chain(["in"]) {
            let title = capitalise_first(w);
            assert_eq!(
                title_function_word(&title),
                is_title_word(&title),
                "{title}"
            );
            assert!(may_start(&title) && may_be_function_word(&title), "{title}");
        }
        assert!(!may_be_function_word("Donaudampfschifffahrt"));
        for w in ["Haus", "haus", "Öl", "Ärger", "Äpfel", "1In"] {
            assert!(!title_function_word(w) && !may_start(w), "{w}");
        }
        // capitals whose lower case starts a function word in other bytes: the Kelvin sign
        // ("Kein"), the dotted İ ("İn" → "i̇n"), and "Über"
        for w in ["\u{212a}ein", "Über", "ÜBER"] {
            assert!(may_start(w), "{w}");
        }
    }

    /// The start filter never drops a word the slow question keeps: on random words over
    /// the function words' initials (ASCII and Latin-1 capitals, small letters, the Kelvin
    /// sign, "×") and on every function word in upper, title and lower case.
    #[test]
    fn the_start_filter_is_exact() {
        let mut kept = 0;
        for w in crate::checks::tokens::tests::random_texts(
            "ÜüÄäÖ×ÞDIiSseEnNrhr\u{212a}kzZuaA1-",
            3,
            7,
            200_000,
        ) {
            if title_function_word(&w) {
                kept += 1;
                assert!(may_start(&w) && may_be_function_word(&w), "{w:?}");
            }
        }
        assert!(kept > 50, "{kept}");
        for w in FUNCTION_WORDS.iter().copied().chain(["in"]) {
            for v in [w.to_uppercase(), w.to_string(), capitalise_first(w)] {
                assert!(
                    !title_function_word(&v) || may_start(&v) && may_be_function_word(&v),
                    "{v:?}"
                );
            }
        }
    }

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

    #[test]
    fn correct_german_of_issue_16_is_not_an_error() {
        use crate::model::Severity::{Error, Warning};
        let c = &CapitalisedFunctionWord;
        // datelines
        assert!(
            s("STANFORD – Zwischen den Vereinigten Staaten wurden Verhandlungen aufgenommen.")
                .is_empty()
        );
        assert!(
            s("CLAREMONT (KALIFORNIEN) – Der nordkoreanische Diktator hat erklärt.").is_empty()
        );
        assert!(spans(c, "Nairobi -- A month ago", "Nairobi – Vor einem Monat").is_empty());
        // … a title-case one only when the English has one
        assert_eq!(s("Bitcoin – Die Politiker kamen."), vec!["Die"]);
        // noun homographs after a determiner, "des Einen", elision, English compounds
        assert!(s("für das Wohl der Menschen und zum Trotz der Lage").is_empty());
        assert!(s("Da die Arbeitskosten des Einen Arbeitseinkommen des Anderen sind").is_empty());
        assert!(s("drüben auf der andren Seit'!").is_empty());
        assert!(spans(c, "sugary drinks and fast food", "Getränke und Fast Food").is_empty());
        assert_eq!(
            spans(c, "a car in London", "einem Auto In London"),
            vec!["In"]
        );
        // weak signs: warnings
        assert_eq!(
            with_severity(c, "", "und Alle sollen Preise haben"),
            vec![("Alle".to_string(), Warning)]
        );
        assert_eq!(
            with_severity(c, "", "Es könnte Einen ganz verdreht machen"),
            vec![("Einen".to_string(), Warning)]
        );
        assert_eq!(
            with_severity(c, "", "angegriffen Eine große Menge"),
            vec![("Eine".to_string(), Error)]
        );
        assert_eq!(
            with_severity(c, "", "nicht nur kindlicher Trotz"),
            vec![("Trotz".to_string(), Warning)]
        );
        assert_eq!(
            with_severity(c, "", "thust so überklug, Ich werde dich lehren"),
            vec![("Ich".to_string(), Warning)]
        );
    }
}
