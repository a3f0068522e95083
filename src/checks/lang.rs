//! Language knowledge shared by the rules (not a rule): German function words and
//! determiners, German nouns of works ("Lied", "Film") after which a title follows, and the
//! English/German language identifier. Rules import this module, never each other.

use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::checks::text::{WordSet, lower, word_set};

/// German closed-class words: articles, prepositions, conjunctions, pronouns, adverbs.
pub static FUNCTION_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| word_set(include_str!("data/de_function_words.txt")));
/// German nouns of works (song, film, book …), whose titles may be English.
static WORK_NOUNS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    word_set(include_str!("data/de_work_nouns.txt"))
        .into_iter()
        .collect()
});
/// Words after which a capitalised word is a nominalisation ("das Aus", "im Nachhinein").
pub const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "im", "am", "zum", "zur", "vom", "beim", "ins", "kein", "keine", "sein", "ihr", "mein", "dein",
    "unser", "euer", "dieses", "jedes", "alles", "viel", "wenig", "nichts", "etwas",
];

/// Whether one of the three words before word `k` of `sent` (`ws`: its words) is a German
/// noun of a work ("des Liedes I Love it"): a title may follow.
pub fn after_work_noun(sent: &str, ws: &[std::ops::Range<usize>], k: usize) -> bool {
    ws[k.saturating_sub(3)..k].iter().any(|w| {
        let lw = lower(&sent[w.clone()]).into_owned();
        WORK_NOUNS.iter().any(|n| {
            lw.ends_with(n)
                || lw
                    .strip_suffix('s')
                    .or_else(|| lw.strip_suffix('n'))
                    .is_some_and(|s| {
                        s.ends_with(n) || s.strip_suffix('e').is_some_and(|s| s.ends_with(n))
                    })
        })
    })
}

/// English/German language identification, built once.
static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(&[Language::English, Language::German])
        .with_preloaded_language_models()
        .build()
});

/// lingua's confidence (0..=1) that `text` is English rather than German.
pub fn english_confidence(text: &str) -> f64 {
    DETECTOR.compute_language_confidence(text, Language::English)
}
