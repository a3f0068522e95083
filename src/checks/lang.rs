//! Language knowledge shared by the rules (not a rule): German function words and
//! determiners, German nouns of works ("Lied", "Film") after which a title follows, and the
//! English/German language identifier. Rules import this module, never each other.

use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::checks::text::{WordSet, lower_on, word_list_section, word_set};

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
        let mut buf = [0u8; 64];
        let lw = lower_on(&sent[w.clone()], &mut buf);
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

/// English closed-class words: the `[function]` section of the splitter's English list.
pub static EN_CLOSED_CLASS: LazyLock<WordSet> =
    LazyLock::new(|| word_list_section(include_str!("../segment/data/en_words.txt"), "function"));

/// German closed-class words: the checks' list and the `[function]` section of the
/// splitter's German list.
pub static DE_CLOSED_CLASS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut set = word_set(include_str!("data/de_function_words.txt"));
    set.extend(word_list_section(
        include_str!("../segment/data/de_words.txt"),
        "function",
    ));
    set
});

/// Light English words that translations routinely paraphrase (beside the closed class):
/// never evidence that content was dropped or is missing.
pub const EN_PARAPHRASED: &[&str] = &[
    "being",
    "doing",
    "done",
    "having",
    "get",
    "gets",
    "got",
    "getting",
    "make",
    "makes",
    "made",
    "making",
    "take",
    "takes",
    "took",
    "taken",
    "put",
    "puts",
    "going",
    "one",
    "ones",
    "very",
    "really",
    "like",
    "than",
    "too",
    "lot",
    "lots",
    "thing",
    "things",
    "way",
    "said",
    "say",
    "says",
    "come",
    "came",
    "goes",
    "give",
    "gave",
    "given",
    "keep",
    "kept",
    "want",
    "wants",
    "need",
    "needs",
    "know",
    "think",
    "see",
    "look",
    "use",
    "used",
    "new",
    "good",
    "great",
    "able",
    "sure",
    "first",
    "last",
    "next",
    "own",
    "same",
    "anything",
    "something",
    "nothing",
    "everything",
    "someone",
    "anyone",
    "everyone",
];

/// Light German words a translation adds or drops freely (beside the closed class).
pub const DE_PARAPHRASED: &[&str] = &[
    "sein", "seine", "werden", "wurde", "worden", "habe", "hätte", "wäre", "würde", "würden",
    "sehr", "mehr", "ganz", "immer", "etwas", "einfach", "gibt", "geben", "machen", "macht",
    "gemacht", "viel", "vielen", "wirklich", "daran", "darauf", "hin", "allem", "paar", "sagen",
    "sagte", "sagt", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
];
