use std::collections::HashSet;
use std::sync::LazyLock;

use crate::checks::lang::FUNCTION_WORDS;
use crate::checks::text::{
    WordSet, gap_allows_capital, is_capitalised, is_title_word, lower, target_sentences,
    with_lower, word_set, words,
};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

static ADJECTIVE_NAMES: LazyLock<WordSet> =
    LazyLock::new(|| word_set(include_str!("data/de_adjective_names.txt")));

declare_check! {
    /// ## What it catches
    ///
    /// Words that German writes in lower case but the translation capitalised in mid-sentence: an
    /// adjective between an article and its noun ("das Traditionelle Medien"), and a finite verb
    /// after a comma ("…, Unterstreicht dieses Risiko").
    ///
    /// ## Why it matters
    ///
    /// The capital shows the translation followed the English title case or a broken sentence
    /// boundary; the reader stumbles, and the sentence around it is often garbled.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: the politicians and the traditional media
    /// de: die Politiker und das Traditionelle Medien
    ///                           ^^^^^^^^^^^^^ suggestion: "traditionelle"
    /// ```
    ///
    /// ## How it decides
    ///
    /// The check is conservative, since German capitalises every noun: an adjective is only flagged
    /// when it carries a typical adjective suffix (-ell, -lich, -ig, -bar, -sam, -los, -haft, -iv,
    /// -al, -ös with an inflection ending) and stands between a lower-case article and a
    /// capitalised noun; a verb only when it ends in -t, follows a comma and is followed by an
    /// article or pronoun.
    ///
    /// ## Not flagged
    ///
    /// Nominalised adjectives ("das Gute", "im Allgemeinen"), proper names with an adjective ("die
    /// Europäische Union", "die Vereinigten Staaten", "die Künstliche Intelligenz"), nouns, words
    /// after a sentence mark, colon or quote, and words the source contains as written.
    pub struct MiscapitalisedWord {
        code: "MT017",
        name: "miscapitalised-word",
        severity: Warning,
        summary: "Adjective or finite verb capitalised in mid-sentence (\"das Traditionelle Medien\")",
    }
}

const ARTICLES: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
];

/// Adjective suffixes with the shortest stem that makes them an adjective (nouns such as
/// König, Käfig, Haft are shorter). "-al" and "-iv" are left out: too many nouns (Kapital,
/// Archiv, Motiv).
const ADJ_SUFFIXES: &[(&str, usize)] = &[
    ("ell", 6),
    ("lich", 5),
    ("ig", 6),
    ("bar", 5),
    ("sam", 5),
    ("los", 5),
    ("haft", 6),
    ("ös", 5),
];

/// Nouns that look like adjectives by their suffix.
const NOT_ADJECTIVES: &[&str] = &[
    "modell",
    "duell",
    "kartell",
    "karussell",
    "aquarell",
    "bordell",
    "pastell",
    "kastell",
    "appell",
    "gestell",
    "rebell",
    "nachbar",
    "pfennig",
    "honig",
    "käfig",
    "essig",
    "könig",
];

const NOUN_SUFFIXES: &[&str] = &[
    "heit", "keit", "schaft", "ung", "tät", "nis", "ist", "ent", "ant", "at", "it", "ort", "kt",
    "rt", "st", "nft", "ft",
];

/// Words that follow a finite verb: articles, pronouns, negation.
const AFTER_VERB: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "dieses",
    "diese", "dieser", "diesen", "diesem", "sich", "es", "er", "sie", "uns", "ihn", "ihm", "mich",
    "mir", "nicht", "auch", "sein", "seine", "seinen", "ihre", "ihren", "ihr",
];

/// Frequent adjectives without a typical suffix, whole stems ("der Letzten Saison", "einen
/// Anderen Start"). Left out: stems of many names ("Erste Weltkrieg", "Neue Welt", "Alte
/// Testament", "Große Koalition", "Kalte Krieg").
const ADJ_STEMS: &[&str] = &["letzt", "nächst", "ander", "größt", "klein", "gering"];

fn is_adjective_form(lw: &str) -> bool {
    ["e", "en", "er", "es", "em"].iter().any(|inf| {
        lw.strip_suffix(inf).is_some_and(|stem| {
            ADJ_STEMS.contains(&stem)
                || !NOT_ADJECTIVES.iter().any(|n| stem.ends_with(n))
                    && ADJ_SUFFIXES
                        .iter()
                        .any(|&(s, min)| stem.ends_with(s) && stem.chars().count() >= min)
        })
    })
}

/// Letters folded so that English and German spellings of one stem compare equal
/// (Conservative / Konservativen, Physical / Physikalischen).
fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace("ph", "f")
        .chars()
        .map(|c| match c {
            'c' => 'k',
            'y' => 'i',
            'z' => 's',
            other => other,
        })
        .take(5)
        .collect()
}

/// The source capitalises a word with the same stem in mid-sentence: the German adjective is
/// part of a name ("International Court" → "Internationalen Gerichtshofs").
fn source_capitalises_stem(stems: &HashSet<String>, word: &str) -> bool {
    word.chars().count() >= 5 && stems.contains(&fold(word))
}

/// The folded forms of the source's capitalised words of 5+ chars that are not capitalised
/// by position (what [`source_capitalises_stem`] looks for), computed once per pair.
fn capitalised_stems(source: &str) -> HashSet<String> {
    let ws = words(source);
    ws.iter()
        .enumerate()
        .skip(1)
        .filter(|&(k, r)| {
            let w = &source[r.clone()];
            is_capitalised(w)
                && !gap_allows_capital(&source[ws[k - 1].end..r.start])
                && w.chars().count() >= 5
        })
        .map(|(_, r)| fold(&source[r.clone()]))
        .collect()
}

/// The source's capitalised stems ([`capitalised_stems`]), worked out the first time a
/// German adjective asks.
struct SourceStems<'a> {
    source: &'a str,
    stems: std::cell::OnceCell<HashSet<String>>,
}

impl<'a> SourceStems<'a> {
    fn new(source: &'a str) -> Self {
        SourceStems {
            source,
            stems: std::cell::OnceCell::new(),
        }
    }

    fn capitalises_stem(&self, word: &str) -> bool {
        source_capitalises_stem(
            self.stems.get_or_init(|| capitalised_stems(self.source)),
            word,
        )
    }
}

/// The last two bytes of `word` lower-cased as [`str::to_lowercase`] lower-cases them, when
/// both are ASCII (`None` otherwise, or for a word of one byte): an ASCII char's lower case
/// is its ASCII lower case, whatever stands before it.
fn ascii_lower_end(word: &str) -> Option<(u8, u8)> {
    let (&last, rest) = word.as_bytes().split_last()?;
    let &before = rest.last()?;
    (last.is_ascii() && before.is_ascii())
        .then(|| (before.to_ascii_lowercase(), last.to_ascii_lowercase()))
}

/// False when `word` is certainly no adjective form ([`is_adjective_form`], asked after an
/// article) and no verb form ([`is_verb_form`], asked after a comma) lower-cased, by its last
/// two letters: an adjective form ends in "e", "en", "er", "es" or "em", a verb form in "t".
/// Most words after an article or a comma are passed over without being lower-cased.
fn may_be_adjective_or_verb(word: &str, after_article: bool, after_comma: bool) -> bool {
    let Some((before, last)) = ascii_lower_end(word) else {
        return true;
    };
    (after_article
        && (last == b'e' || (before == b'e' && matches!(last, b'n' | b'r' | b's' | b'm'))))
        || (after_comma && last == b't')
}

fn is_verb_form(lw: &str) -> bool {
    lw.chars().count() >= 5
        && lw.ends_with('t')
        && !NOUN_SUFFIXES.iter().any(|s| lw.ends_with(s))
        && !FUNCTION_WORDS.contains(lw)
}

impl Check for MiscapitalisedWord {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        // Whether a word stands in the source as a whole word: the pair's shared index.
        let source_words = pair.analysis.source_words();
        let source = SourceStems::new(pair.source);
        for range in target_sentences(pair) {
            let sent = &pair.target[range.clone()];
            let words = pair.analysis.words_of(sent);
            let ws: &[std::ops::Range<usize>] = &words;
            let bytes = sent.as_bytes();
            for k in 1..ws.len() {
                let w = ws[k].clone();
                // (a word that starts with an ASCII char that is no capital is no title word:
                // most words, passed over on their first byte)
                if bytes
                    .get(w.start)
                    .is_none_or(|b| b.is_ascii() && !b.is_ascii_uppercase())
                {
                    continue;
                }
                // An adjective stands after an article, a verb after a comma: most capitalised
                // words (the nouns) stand after neither and are passed over before anything
                // is looked up or lower-cased.
                let gap = &sent[ws[k - 1].end..w.start];
                let prev = &sent[ws[k - 1].clone()];
                let after_article = gap == " " && ARTICLES.contains(&prev);
                let after_comma = gap.as_bytes().contains(&b',') && gap.trim() == ",";
                if !(after_article || after_comma) {
                    continue;
                }
                let word = &sent[w.clone()];
                if !is_title_word(word)
                    || word.as_bytes().contains(&b'-')
                    || !may_be_adjective_or_verb(word, after_article, after_comma)
                    || gap_allows_capital(gap)
                {
                    continue;
                }
                let next = ws
                    .get(k + 1)
                    .map(|n| (&sent[n.clone()], &sent[w.end..n.start]));
                // (the word lower-cased without a copy: a finding makes one)
                let (adjective, verb) = with_lower(word, |lw| {
                    // The word's own form first: most words after an article or a comma
                    // are neither an adjective nor a verb form, and then the source's word
                    // index (built on first use) is not needed.
                    let adjective_form = after_article && is_adjective_form(lw);
                    let verb = after_comma
                        && is_verb_form(lw)
                        && next.is_some_and(|(n, g)| g == " " && AFTER_VERB.contains(&n));
                    if !(adjective_form || verb) || source_words.has(word) {
                        return (false, false);
                    }
                    let adjective = adjective_form
                        && !source.capitalises_stem(word)
                        && next.is_some_and(|(n, g)| {
                            g == " "
                                && is_capitalised(n)
                                && !ADJECTIVE_NAMES.contains(format!("{word} {n}").as_str())
                                && crate::checks::lang::english_confidence(&format!("{word} {n}"))
                                    < 0.7
                        });
                    (adjective, verb)
                });
                if !(adjective || verb) {
                    continue;
                }
                let lw = lower(word).into_owned();
                let what = if adjective { "adjective" } else { "verb" };
                let start = range.start + w.start;
                out.push(
                    Finding::target(
                        &Self::RULE,
                        start..start + word.len(),
                        format!("The {what} '{word}' is capitalised in mid-sentence; German writes '{lw}'"),
                    )
                    .with_suggestion(lw),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::spans;

    fn s(t: &str) -> Vec<String> {
        spans(&MiscapitalisedWord, "", t)
    }

    /// The ending filter never drops a word that is an adjective or verb form lower-cased:
    /// on random words over the endings' letters (ASCII and not, capitals, one letter) and
    /// on the lists' own forms.
    #[test]
    fn the_ending_filter_is_exact() {
        let mut forms = 0;
        let mut words = crate::checks::tokens::tests::random_texts(
            "EeNnRrSsMmTtLlIiGgÖöBaA\u{212a}Σσ",
            9,
            12,
            200_000,
        );
        for stem in ADJ_STEMS.iter().chain(NOT_ADJECTIVES) {
            for end in ["", "e", "en", "er", "es", "em", "t", "E", "EN", "T"] {
                words.push(format!("{stem}{end}"));
                words.push(format!("{stem}{end}").to_uppercase());
            }
        }
        for (suffix, _) in ADJ_SUFFIXES {
            words.push(format!("Abcdef{suffix}en"));
            words.push(format!("ABCDEF{}EN", suffix.to_uppercase()));
        }
        for w in &words {
            let lw = w.to_lowercase();
            let (adjective, verb) = (is_adjective_form(&lw), is_verb_form(&lw));
            forms += usize::from(adjective || verb);
            assert!(
                !adjective || may_be_adjective_or_verb(w, true, false),
                "{w:?}"
            );
            assert!(!verb || may_be_adjective_or_verb(w, false, true), "{w:?}");
        }
        assert!(forms > 1000, "{forms}");
    }

    #[test]
    fn flags_the_seed() {
        assert_eq!(
            s(
                "wird daher von Unternehmen wie Bitcoin angegriffen Die Politiker und das Traditionelle Medien in Trümmern."
            ),
            vec!["Traditionelle"]
        );
        assert_eq!(
            s(
                "Guillaume Verdon, der Name hinter dem heutigen Pseudonym @BasedBeffJesos, Unterstreicht dieses Risiko in einem Podcast"
            ),
            vec!["Unterstreicht"]
        );
        assert_eq!(s("Sie kauften einen Günstigen Wagen."), vec!["Günstigen"]);
        assert_eq!(s("Er spielte in der Letzten Saison gut."), vec!["Letzten"]);
        assert_eq!(s("Sie wünschte sich einen Anderen Start."), vec!["Anderen"]);
        assert_eq!(s("Das kommt in der Nächsten Woche."), vec!["Nächsten"]);
        // nominalised, and names with an adjective
        for t in [
            "Er war der Letzte, der ging.",
            "Die Anderen kamen später.",
            "Im Ersten Weltkrieg und in der Neuen Welt war das anders.",
        ] {
            assert!(s(t).is_empty(), "{t}: {:?}", s(t));
        }
    }

    #[test]
    fn source_names_are_fine() {
        assert!(
            spans(
                &MiscapitalisedWord,
                "the conference of the Conservative Party in Birmingham",
                "die Konferenz der Konservativen Partei in Birmingham"
            )
            .is_empty()
        );
        assert!(
            spans(
                &MiscapitalisedWord,
                "the court of the International Court of Justice",
                "das Urteil des Internationalen Gerichtshofs"
            )
            .is_empty()
        );
        assert_eq!(
            spans(
                &MiscapitalisedWord,
                "the traditional media",
                "das Traditionelle Medien"
            ),
            vec!["Traditionelle"]
        );
    }

    #[test]
    fn nouns_names_and_nominalisations_are_fine() {
        for t in [
            "Es besteht kein Zweifel, dass die Regulierungsbehörden in den Vereinigten Staaten beobachtet haben.",
            "Die Europäische Union und die Künstliche Intelligenz.",
            "Das Gute daran ist, dass das Allgemeine gilt.",
            "Im Allgemeinen sind die Menschen, Arbeit die sich lohnt, gern dabei.",
            "Er sah die Macht, Kraft der Menschen und das Ergebnis, Projekt die Welt.",
            "Die Druckerpresse störte die Kirche noch weiter: was dazu führte, dass er sein Monopol verlor.",
            "Das „Macher“-Bewegung weist auf eine Lösung hin.",
            "Obwohl die Executive Orders Bitcoin nicht töten können.",
            "Der Film zeigt die Modelle Köpfe und die Könige Europas, die Nachbarn Frankreichs.",
        ] {
            assert!(s(t).is_empty(), "{t}: {:?}", s(t));
        }
    }
}
