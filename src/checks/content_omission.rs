use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::align::Dictionary;
use crate::checks::lang::{DE_CLOSED_CLASS, DE_PARAPHRASED, EN_CLOSED_CLASS, EN_PARAPHRASED};
use crate::checks::text::{WordSet, lower, words};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::Side;

declare_check! {
    /// ## What it catches
    ///
    /// Content lost or added inside a sentence, with a bilingual dictionary: a run of English
    /// content words none of whose German translations occurs in the target (an omission), and a
    /// run of German content words none of which translates anything in the English (an addition or
    /// a hallucination). Runs only with a German–English word list (`mtlint check --dict PATH`,
    /// e.g. Debian's `trans-de-en`, `/usr/share/trans/de-en`).
    ///
    /// ## Why it matters
    ///
    /// A dropped clause or an invented one reads fluently; no surface check sees it, and
    /// sentence-level omission checks (MT007/MT008) only see whole sentences.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: The printer needs paper, yellow ink and a quick dog.
    ///                              ^^^^^^^^^^^^^^^^^^^^^^^^^^
    /// de: Der Drucker braucht Papier.
    /// ```
    ///
    /// With a word list that knows printer, paper, ink, yellow, quick and dog: the span is on the
    /// source (side = source).
    ///
    /// ## How it decides
    ///
    /// An English content word (not a function word from the English word lists, at least three
    /// letters, no digits) counts as translated when it stands in the target as written (names,
    /// loanwords), when a target word starts like it ("Mexico"/"Mexiko"), when one of its
    /// translations stands inside a target word, so German compounds are found ("Druck" in
    /// "Druckerpresse"), or when a target word or a part of a target compound translates back to
    /// it, so inflected forms count ("Häusern" → "houses"). Words the dictionary does not know
    /// count as translated (it cannot judge them).
    ///
    /// Dictionaries are incomplete and translations paraphrase, so single words are not reported:
    /// only at least three untranslated English content words in a row (span on the source, side =
    /// source), or three German content words in a row that the dictionary knows and that translate
    /// nothing in the English (span on the target). Function words in between are skipped; a
    /// translated or unknown word and punctuation that ends a clause break the run.
    ///
    /// ## Not flagged
    ///
    /// Pairs with an empty side (MT007/MT008), one or two words the German renders freely. Expect
    /// some noise on free but correct translations, hence severity warning.
    pub struct ContentOmissionRule {
        code: "MT018",
        name: "content-omission",
        severity: Warning,
        summary: "With --dict: source content words with no translation in the target, or target content translating nothing",
    }
}

/// English closed-class words (the `[function]` section of the splitter's English list) and a
/// few light words that translations routinely paraphrase.
static EN_FUNCTION: LazyLock<WordSet> = LazyLock::new(|| {
    let mut set = EN_CLOSED_CLASS.clone();
    set.extend(EN_PARAPHRASED);
    set.extend([
        "went", "two", "three", "people", "time", "times", "year", "years", "day", "days", "it's",
        "i'm", "that's", "there's", "can't", "won't", "didn't", "doesn't", "isn't", "aren't",
        "wasn't", "i've", "you're", "we're", "they're", "let's", "etc",
    ]);
    set
});

/// German closed-class words: the checks' list and the splitter's `[function]` section.
static DE_FUNCTION: LazyLock<WordSet> = LazyLock::new(|| {
    let mut set = DE_CLOSED_CLASS.clone();
    set.extend(DE_PARAPHRASED);
    set.extend(["hast", "machte", "machten"]);
    set
});

/// Crude English stem for matching dictionary words against text: plural, past and -ing
/// endings and a final e go ("houses", "house" → "hous"; "making", "make" → "mak").
fn stem_en(w: &str) -> String {
    let mut s = w.to_string();
    if s.len() > 4 && s.ends_with("ies") {
        s.truncate(s.len() - 3);
        s.push('y');
        return s;
    }
    for suf in ["ing", "ed", "es", "s"] {
        if s.len() > suf.len() + 2 && s.ends_with(suf) && !(suf == "s" && s.ends_with("ss")) {
            s.truncate(s.len() - suf.len());
            break;
        }
    }
    if s.len() > 3 && s.ends_with('e') {
        s.pop();
    }
    s
}

/// German inflection endings stripped from a translation before looking for it inside the
/// target ("Tinte" → "tint" also finds "Tinten").
fn stem_de(w: &str) -> &str {
    for suf in ["en", "er", "es", "e", "n", "s"] {
        if let Some(s) = w.strip_suffix(suf)
            && s.chars().count() >= 4
        {
            return s;
        }
    }
    w
}

/// A German word and, for a long one, the parts it may be compounded of: every tail of at
/// least four letters and every head of at least three (without a linking "s"), so that
/// "Polizeiabteilung" also looks up "abteilung" and "polizei".
fn compound_parts(w: &str) -> Vec<&str> {
    let mut parts = vec![w];
    let n = w.chars().count();
    if n < 7 || w.contains('-') {
        // Hyphenated compounds: the words list splits them as one word; take the pieces.
        parts.extend(w.split('-').filter(|p| p.chars().count() >= 3 && *p != w));
        return parts;
    }
    crate::checks::text::push_compound_splits(w, 3, &mut parts);
    parts
}

/// The first four letters of a word of five or more, folded so that cognates and names meet
/// ("Mexico"/"Mexiko", "police"/"Polizei").
fn cognate_key(w: &str) -> Option<String> {
    if w.chars().count() < 5 {
        return None;
    }
    Some(
        w.chars()
            .take(4)
            .map(|c| match c {
                'c' => 'k',
                'ä' => 'a',
                'ö' => 'o',
                'ü' => 'u',
                c => c,
            })
            .collect(),
    )
}

fn is_content(w: &str, function: &WordSet) -> bool {
    w.chars().count() >= 3
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        && !function.contains(w)
}

/// The content-omission check, with its dictionary (registered only with `--dict`).
#[derive(Debug, Clone)]
pub struct ContentOmission {
    pub dict: Arc<Dictionary>,
}

/// Unexplained German content words in a row needed for a target-side finding.
const MIN_TARGET_RUN: usize = 3;
/// Untranslated English content words in a row needed for a source-side finding.
const MIN_SOURCE_RUN: usize = 3;

impl ContentOmission {
    pub fn new(dict: Arc<Dictionary>) -> Self {
        ContentOmission { dict }
    }
}

impl Check for ContentOmission {
    fn rule(&self) -> &'static Rule {
        &ContentOmissionRule::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        let (source, target) = (pair.source, pair.target);
        if source.trim().is_empty() || target.trim().is_empty() {
            return;
        }
        let dict = &*self.dict;
        let src_words: Vec<(Range<usize>, String)> = words(source)
            .iter()
            .map(|r| {
                let l = lower(&source[r.clone()]).into_owned();
                (r.clone(), l)
            })
            .collect();
        let tgt_words: Vec<(Range<usize>, String)> = words(target)
            .iter()
            .map(|r| {
                let l = lower(&target[r.clone()]).into_owned();
                (r.clone(), l)
            })
            .collect();
        let target_lower = target.to_lowercase();
        let source_lower = source.to_lowercase();
        let src_lower: HashSet<&str> = src_words.iter().map(|(_, w)| w.as_str()).collect();
        let tgt_lower: HashSet<&str> = tgt_words.iter().map(|(_, w)| w.as_str()).collect();
        let src_stems: HashSet<String> = src_words.iter().map(|(_, w)| stem_en(w)).collect();
        // English stems that some target word translates.
        let mut tgt_en_stems: HashSet<String> = HashSet::new();
        // Target words the dictionary knows, with whether they explain a source word.
        let mut tgt_known: Vec<Option<bool>> = Vec::with_capacity(tgt_words.len());
        for (_, w) in &tgt_words {
            let mut known = false;
            let mut explains = false;
            for part in compound_parts(w) {
                for e in dict.de_to_en(part) {
                    known = true;
                    let s = stem_en(e);
                    explains |= src_stems.contains(&s);
                    tgt_en_stems.insert(s);
                }
            }
            tgt_known.push(known.then_some(explains));
        }
        let tgt_prefixes: HashSet<String> = tgt_words
            .iter()
            .filter_map(|(_, w)| cognate_key(w))
            .collect();

        // Source words with no translation in the target.
        let src_status: Vec<Status> = src_words
            .iter()
            .map(|(_, w)| {
                if !is_content(w, &EN_FUNCTION) {
                    return Status::Skip;
                }
                let explained = tgt_lower.contains(w.as_str())
                    // a name or loanword inside a German compound ("Bitcoin-Miner")
                    || (target_lower.contains(w.as_str()) && w.chars().count() >= 4)
                    || tgt_en_stems.contains(&stem_en(w))
                    || cognate_key(w).is_some_and(|k| tgt_prefixes.contains(&k));
                if explained {
                    return Status::Explained;
                }
                let mut translations = dict.en_to_de(w).peekable();
                if translations.peek().is_none() {
                    return Status::Explained; // unknown to the dictionary: cannot judge
                }
                if translations.any(|t| t.chars().count() >= 3 && target_lower.contains(stem_de(t)))
                {
                    Status::Explained
                } else {
                    Status::Unexplained
                }
            })
            .collect();
        for (span, n) in runs(source, &src_words, &src_status, MIN_SOURCE_RUN) {
            out.push(Finding::new(
                &ContentOmissionRule::RULE,
                Side::Source,
                span.clone(),
                format!(
                    "{n} English content words in a row with none of their dictionary translations in the German: '{}'; check for omitted content",
                    &source[span]
                ),
            ));
        }

        // Runs of target content words that translate nothing in the source.
        let tgt_status: Vec<Status> = tgt_words
            .iter()
            .zip(&tgt_known)
            .map(|((_, w), known)| {
                if !is_content(w, &DE_FUNCTION) {
                    Status::Skip
                } else if *known == Some(false)
                    && !src_lower.contains(w.as_str())
                    && !source_lower.contains(w.as_str())
                {
                    Status::Unexplained
                } else {
                    Status::Explained
                }
            })
            .collect();
        for (span, n) in runs(target, &tgt_words, &tgt_status, MIN_TARGET_RUN) {
            out.push(Finding::target(
                &ContentOmissionRule::RULE,
                span.clone(),
                format!(
                    "{n} German content words in a row that translate nothing in the English: '{}'; check for added content",
                    &target[span]
                ),
            ));
        }
    }
}

/// A word's part in a run: function words are skipped (they neither extend nor break a run),
/// explained and unknown words break it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Skip,
    Explained,
    Unexplained,
}

/// Runs of at least `min` unexplained words not broken by an explained word or by
/// clause-ending punctuation: (byte span from the first to the last word, words in the run).
fn runs(
    text: &str,
    words: &[(Range<usize>, String)],
    status: &[Status],
    min: usize,
) -> Vec<(Range<usize>, usize)> {
    let mut found = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut flush = |run: &mut Vec<usize>| {
        if run.len() >= min {
            found.push((
                words[run[0]].0.start..words[run[run.len() - 1]].0.end,
                run.len(),
            ));
        }
        run.clear();
    };
    let mut prev_end = 0;
    for (i, ((r, _), st)) in words.iter().zip(status).enumerate() {
        let gap = &text[prev_end..r.start];
        prev_end = r.end;
        if gap.contains(['.', '!', '?', ';', ':', '(', ')', '"', '„', '“']) {
            flush(&mut run);
        }
        match st {
            Status::Skip => {}
            Status::Explained => flush(&mut run),
            Status::Unexplained => run.push(i),
        }
    }
    flush(&mut run);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::run;

    const FIXTURE: &str = "Drucker {m} | Drucker {pl} :: printer | printers\n\
        Druck {m} :: pressure; print\n\
        Presse {f} :: press\n\
        Tinte {f} | Tinten {pl} :: ink | inks\n\
        Papier {n} :: paper\n\
        brauchen {vt} | brauchend | gebraucht :: to need | needing | needed\n\
        neu {adj} :: new\n\
        Haus {n} | Häuser {pl} :: house | houses\n\
        Katze {f} :: cat\n\
        Hund {m} :: dog\n\
        Garten {m} :: garden\n\
        gelb {adj} :: yellow\n\
        schnell {adj} :: fast; quick\n\
        springen {vi} :: to jump\n\
        Mond {m} :: moon\n";

    fn check() -> ContentOmission {
        ContentOmission::new(Arc::new(Dictionary::parse(FIXTURE)))
    }

    #[test]
    fn flags_a_run_of_untranslated_source_words() {
        let found = run(
            &check(),
            "The printer needs paper, yellow ink and a quick dog.",
            "Der Drucker braucht Papier.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "yellow ink and a quick dog");
        assert!(found[0].1.contains("omitted"), "{}", found[0].1);
        // One word rendered freely is not enough.
        assert!(
            run(
                &check(),
                "The printer needs new ink.",
                "Der Drucker braucht neues Papier."
            )
            .is_empty()
        );
    }

    #[test]
    fn compounds_inflections_and_names_count_as_translated() {
        // A translated word breaks a run of untranslated ones: "Druck" inside "Druckerpresse",
        // "Häusern" for "houses", "Tinten" for "ink", "Mexiko" for "Mexico".
        for (word, german) in [
            ("print", "Die Druckerpresse."),
            ("houses", "Die Häusern."),
            ("ink", "Die Tinten."),
            ("Mexico", "In Mexiko."),
        ] {
            let found = run(
                &check(),
                &format!("The yellow {word} and a fast dog on the moon."),
                german,
            );
            let spans: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
            assert_eq!(spans, ["fast dog on the moon"], "{word}");
        }
        // Unknown words ("Bitcoin", "miners") and a name kept as written.
        assert!(
            run(
                &check(),
                "Bitcoin miners need Stearns.",
                "Bitcoin-Miner brauchen Stearns."
            )
            .is_empty()
        );
        // Empty target: MT007's business.
        assert!(run(&check(), "The cat.", "").is_empty());
    }

    #[test]
    fn flags_a_run_of_unexplained_target_words() {
        let found = run(
            &check(),
            "The cat needs paper.",
            "Die Katze braucht Papier, der gelbe Hund im Garten springt schnell.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "gelbe Hund im Garten");
        // Two unexplained words are not enough, and an unknown word breaks the run.
        assert!(
            run(
                &check(),
                "The cat needs paper.",
                "Die Katze braucht gelbes Papier im Garten."
            )
            .is_empty()
        );
        assert!(
            run(
                &check(),
                "The cat needs paper.",
                "Die Katze braucht Papier, gelber Kaktus im Garten springt."
            )
            .is_empty()
        );
    }

    #[test]
    fn stems() {
        assert_eq!(stem_en("houses"), stem_en("house"));
        assert_eq!(stem_en("making"), stem_en("make"));
        assert_eq!(stem_en("parties"), "party");
        assert_eq!(stem_en("press"), "press");
        assert_eq!(stem_de("tinte"), "tint");
    }
}
