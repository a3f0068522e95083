use std::sync::LazyLock;

use crate::checks::lang::FUNCTION_WORDS;
use crate::checks::text::{
    WordSet, is_all_lower, is_code_like, target_sentences, token_at, word_iter, word_set, words,
};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

pub(crate) static ABBREVIATIONS: LazyLock<WordSet> =
    LazyLock::new(|| word_set(include_str!("data/de_abbreviations.txt")));

declare_check! {
    /// ## What it catches
    ///
    /// A sentence cut by a stray period: ". " followed by a lower-case word inside a German
    /// sentence ("… der herrschenden Macht kam. durch neue Technologien."), and a German sentence
    /// that starts in lower case. Also a period before a capitalised word that cuts one English
    /// sentence into two German ones when the part after it is a noun phrase without a verb
    /// ("… und somit die Oberhand. Mehrheitskontrolle über die Hashing-Leistung." for "… the
    /// upper hand: majority control over the hashing power.").
    ///
    /// ## Why it matters
    ///
    /// Machine translation of text whose sentence boundaries were damaged (line breaks, links,
    /// footnote marks) often puts a period in the middle of a clause; the reader sees two
    /// fragments, neither of them a sentence.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: Which led to a large part of the hash power moving from this country.
    /// de: Was zu einem Großteil der Hash-Leistung führte. ziehen um von diesem Land.
    ///                                                   ^^^^^^^^ suggestion: " ziehen"
    /// ```
    ///
    /// The suggestion removes the period.
    ///
    /// ## Not flagged
    ///
    /// Abbreviations ("z. B.", "usw. und", "ca. drei", "vgl. auch"), single letters and initials,
    /// ordinals and numbers ("im 15. und 16. Jahrhundert", "1.000"), ellipses, URLs and e-mail
    /// addresses, lower-case names ("eBay", "iPhone"), a stray period the English has in the same
    /// place ("hm. wouldn't it" → "hm. wäre es"), and a lower-case start when the English source
    /// starts in lower case too or the segment is a single word (a user name such as "smirow").
    /// A German sentence split off from one English sentence is fine when it has a verb ("Heute
    /// beschäftigt es 2.000 Menschen."), starts with an article or pronoun ("Den Sieg über die
    /// Rebellen."), or follows a period the English has too ("Det. Dennis McCarthy").
    pub struct SentenceFragment {
        code: "MT003",
        name: "sentence-fragment",
        severity: Error,
        summary: "Stray period before a lower-case word, or a sentence starting in lower case",
    }
}

fn word_before(t: &str, dot: usize) -> &str {
    let start = t[..dot]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map_or(dot, |(i, _)| i);
    &t[start..dot]
}

/// The source has the same damage (". " and a lower-case word): the German mirrors it.
fn source_has_stray_period(source: &str) -> bool {
    // (". " found by its period: a string searcher costs more to set up than the scan)
    let b = source.as_bytes();
    memchr::memchr_iter(b'.', b).any(|i| {
        if b.get(i + 1) != Some(&b' ') {
            return false;
        }
        let rest = &source[i + 2..];
        let w = rest.split_whitespace().next().unwrap_or("");
        let before = word_before(source, i);
        // "hm. wouldn't", "plan to. avox" (not "p.m. the": one letter before the period)
        is_all_lower(w)
            && before.chars().count() >= 2
            && !before.chars().all(|c| c.is_ascii_digit())
            && !matches!(
                before.to_lowercase().as_str(),
                "etc" | "approx" | "vs" | "incl" | "esp"
            )
    })
}

/// Sentence stops in a text: `.`, `!` or `?` followed by white space and a letter (either
/// case), an abbreviation's period ("z. B.", "Dr.") and an ellipsis excepted.
fn sentence_stops(text: &str) -> usize {
    text.char_indices()
        .filter(|&(i, c)| {
            if !matches!(c, '.' | '!' | '?') {
                return false;
            }
            let rest = &text[i + 1..];
            let after = rest.trim_start();
            if after.len() == rest.len() || !after.starts_with(char::is_alphabetic) {
                return false;
            }
            if c != '.' {
                return true;
            }
            let before = word_before(text, i);
            !text[..i].ends_with('.')
                && before.chars().count() >= 2
                && !ABBREVIATIONS.contains(before.to_lowercase().as_str())
        })
        .count()
}

fn stray_periods(pair: &PairView<'_>, out: &mut Findings<'_>) {
    let t = pair.target;
    if source_has_stray_period(pair.source) {
        return;
    }
    for dot in memchr::memchr_iter(b'.', t.as_bytes()) {
        // ". " then a word
        let rest = &t[dot + 1..];
        let after_ws = rest.trim_start_matches([' ', '\u{a0}']);
        if after_ws.len() == rest.len() {
            continue; // no space after the period
        }
        let next_start = dot + 1 + (rest.len() - after_ws.len());
        let Some(next) = word_iter(after_ws).next() else {
            continue;
        };
        if next.start != 0 {
            continue; // a quote or bracket stands before the word
        }
        let next_word = &after_ws[next.clone()];
        if !is_all_lower(next_word) || !next_word.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        if after_ws[next.end..].starts_with('.') {
            continue; // an abbreviation starts here ("z. B.")
        }
        if t[..dot].ends_with('.') || t[dot + 1..].starts_with('.') {
            continue; // ellipsis
        }
        let before = word_before(t, dot);
        let roman = before.len() <= 5
            && before
                .chars()
                .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'));
        if before.is_empty()
            || roman
            || before.chars().all(|c| c.is_ascii_digit())
            || before.chars().count() == 1
            || ABBREVIATIONS.contains(before.to_lowercase().as_str())
        {
            continue;
        }
        let prev_tok = &t[token_at(t, dot)];
        let next_tok = &t[token_at(t, next_start)];
        if is_code_like(prev_tok) || is_code_like(next_tok) {
            continue;
        }
        let end = next_start + next.end;
        let finding = Finding::target(
            &SentenceFragment::RULE,
            dot..end,
            format!(
                "A period cuts the sentence before '{next_word}': the lower-case word shows \
                 the sentence goes on; remove the period or repair the sentence"
            ),
        );
        // Which repair is right follows from the English: a target with more sentence stops
        // than the source has a period too many (drop it: ". durch" → " durch"); one with as
        // many has a real sentence end, and the next word starts the sentence (". laden" →
        // ". Laden"); with fewer, neither is certain.
        let (src_stops, tgt_stops) = (sentence_stops(pair.source), sentence_stops(t));
        let suggestion = match tgt_stops.cmp(&src_stops) {
            std::cmp::Ordering::Greater => Some(t[dot + 1..end].to_string()),
            std::cmp::Ordering::Equal => {
                let mut chars = next_word.chars();
                chars.next().map(|first| {
                    format!(
                        "{}{}{}",
                        &t[dot..next_start],
                        first.to_uppercase(),
                        chars.as_str()
                    )
                })
            }
            std::cmp::Ordering::Less => None,
        };
        out.push(match suggestion {
            Some(s) => finding.with_suggestion(s),
            None => finding,
        });
    }
}

fn lower_case_starts(pair: &PairView<'_>, out: &mut Findings<'_>) {
    let t = pair.target;
    if pair
        .source
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
    {
        return;
    }
    for r in target_sentences(pair) {
        let sent = &t[r.clone()];
        let mut ws = word_iter(sent);
        let Some(first) = ws.next() else { continue };
        if first.start != 0 || ws.next().is_none() {
            continue;
        }
        let w = &sent[first.clone()];
        if !is_all_lower(w) || w.chars().count() == 1 || is_code_like(&sent[token_at(sent, 0)]) {
            continue;
        }
        if sent[first.end..].starts_with('.') && ABBREVIATIONS.contains(w) {
            continue;
        }
        out.push(Finding::target(
            &SentenceFragment::RULE,
            r.start..r.start + first.end,
            format!("The sentence starts in lower case ('{w}'): it is probably the broken-off end of the previous sentence"),
        ));
    }
}

/// Words a noun phrase without a verb is built of besides nouns: articles, possessives,
/// prepositions and the conjunctions that join noun phrases.
const NOUN_PHRASE_WORDS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "kein", "keine", "keinen", "keinem", "keiner", "sein", "seine", "seinen", "seinem", "seiner",
    "ihr", "ihre", "ihren", "ihrem", "ihrer", "unser", "unsere", "unseren", "über", "für", "mit",
    "von", "vom", "zu", "zur", "zum", "im", "in", "am", "an", "auf", "aus", "bei", "beim", "nach",
    "um", "unter", "vor", "durch", "gegen", "ohne", "zwischen", "seit", "und", "oder", "sowie",
];

/// Whether `sent` is a noun phrase with no verb ("Mehrheitskontrolle über die
/// Hashing-Leistung."): two to eight words, the first a noun, and every other word a noun, a
/// word of [`NOUN_PHRASE_WORDS`] or an inflected adjective between such a word and a noun.
fn verbless_noun_phrase(sent: &str) -> bool {
    let ws = words(sent);
    if !(2..=8).contains(&ws.len()) {
        return false;
    }
    let noun = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let closed = |w: &str| NOUN_PHRASE_WORDS.contains(&w);
    let first = &sent[ws[0].clone()];
    if !noun(first) || FUNCTION_WORDS.contains(first.to_lowercase().as_str()) {
        return false;
    }
    (1..ws.len()).all(|k| {
        let w = &sent[ws[k].clone()];
        if noun(w) || closed(w) {
            return true;
        }
        let adjective = ["e", "en", "er", "es", "em"].iter().any(|e| w.ends_with(e));
        adjective
            && closed(&sent[ws[k - 1].clone()])
            && ws.get(k + 1).is_some_and(|n| noun(&sent[n.clone()]))
    })
}

/// A period that cuts one English sentence into two German ones, the second of which is no
/// sentence: the pair has fewer source than target sentences, and the target sentence after
/// the cut is a noun phrase without a verb ("… und somit die Oberhand. Mehrheitskontrolle über
/// die Hashing-Leistung." for "… the upper hand: majority control over the hashing power.").
fn period_before_fragment(pair: &PairView<'_>, out: &mut Findings<'_>) {
    let t = pair.target;
    if pair.source_sentences.is_empty()
        || pair.source_sentences.len() >= pair.target_sentences.len()
    {
        return;
    }
    for k in 1..pair.target_sentences.len() {
        let prev = t[pair.target_sentences[k - 1].clone()].trim_end();
        let next_range = pair.target_sentences[k].clone();
        let next = &t[next_range.clone()];
        let next_start = next_range.start + (next.len() - next.trim_start().len());
        let Some(dot) = t[..next_start].rfind('.') else {
            continue;
        };
        if !prev.ends_with('.') || prev.ends_with("..") || !t[dot + 1..next_start].trim().is_empty()
        {
            continue;
        }
        let before = word_before(t, dot);
        let first = word_iter(&t[next_start..])
            .next()
            .map_or(next_start, |r| next_start + r.end);
        let word = &t[next_start..first];
        // The English has the period too ("Det. Dennis McCarthy"), or the word after it is an
        // English word or name (no German noun phrase).
        if before.chars().count() < 2
            || before.chars().any(|c| c.is_ascii_digit())
            || ABBREVIATIONS.contains(before.to_lowercase().as_str())
            || pair.source.contains(&t[dot - before.len()..=dot])
            || pair.source.contains(word)
            || !verbless_noun_phrase(next.trim())
        {
            continue;
        }
        let mut f = Finding::target(
            &SentenceFragment::RULE,
            dot..first,
            format!(
                "A period cuts the sentence before '{word}': the English sentence goes on here, \
                 and '{}' has no verb; join it to the sentence before",
                next.trim()
            ),
        );
        // The English joins the two parts with its one colon: so can the German.
        if pair.source.matches(": ").count() == 1 {
            f = f.with_suggestion(format!(": {word}"));
        }
        out.push(f);
    }
}

impl Check for SentenceFragment {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        stray_periods(pair, out);
        lower_case_starts(pair, out);
        period_before_fragment(pair, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{run, spans};

    fn s(t: &str) -> Vec<String> {
        spans(&SentenceFragment, "", t)
    }

    #[test]
    fn a_stray_period_the_source_has_too_is_fine() {
        assert!(
            spans(
                &SentenceFragment,
                "hm. wouldn't it be poetic justice",
                "hm. wäre es nicht poetische Gerechtigkeit"
            )
            .is_empty()
        );
        assert!(
            spans(
                &SentenceFragment,
                "doesnt plan to. avox from the team",
                "plant nicht auf. avox aus dem Team"
            )
            .is_empty()
        );
        // An abbreviation in the English does not excuse a stray period in the German.
        assert_eq!(
            spans(
                &SentenceFragment,
                "at 3 p.m. the police came",
                "um 15 Uhr kam die Polizei. mit Hunden"
            ),
            vec![". mit"]
        );
    }

    #[test]
    fn flags_stray_periods_from_the_seed() {
        assert_eq!(
            s(
                "Dass es im Laufe der Geschichte immer wieder zu Störungen der herrschenden Macht kam. durch neue Technologien."
            ),
            vec![". durch"]
        );
        assert_eq!(
            s(
                "Was nur zu einem Großteil der Hash-Leistung führte. ziehen um von diesem Land in die Vereinigten Staaten."
            ),
            vec![". ziehen"]
        );
        assert_eq!(
            s(
                "Und sich untereinander zu koordinieren. mit anderen im Tor-Netzwerk … dann … Die Welt sieht viel dezentraler aus."
            ),
            vec![". mit"]
        );
        let doc = crate::checks::DocStats::default();
        let mut out = Findings::new();
        SentenceFragment.check(
            &PairView::simple("", "Die Macht kam. durch neue", &doc),
            &mut out,
        );
        assert_eq!(out[0].suggestion.as_deref(), Some(" durch"));
    }

    fn split_pair(source: &str, target: &str) -> Vec<String> {
        let doc = crate::checks::DocStats::default();
        let sentences = |t: &str| crate::segment::split(t, crate::model::Lang::De);
        let pair = PairView::new(
            source,
            target,
            std::iter::once(0..source.len()).collect(),
            sentences(target),
            &doc,
        );
        let mut out = Findings::new();
        SentenceFragment.check(&pair, &mut out);
        out.iter()
            .map(|f| target[f.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn flags_a_period_before_a_verbless_noun_phrase_inside_one_english_sentence() {
        assert_eq!(
            split_pair(
                "so that no single region could gain a clear advantage and with it the upper hand: majority control over the hashing power.",
                "sodass keine einzelne Region einen eindeutigen Vorteil haben kann und somit die Oberhand. Mehrheitskontrolle über die Hashing-Leistung."
            ),
            vec![". Mehrheitskontrolle"]
        );
        // A translator's split into two sentences with verbs, a heading-like second sentence
        // starting with an article, and a second part with a verb are not flagged.
        for t in [
            "Das Unternehmen wurde 1998 gegründet. Heute beschäftigt es 2.000 Menschen.",
            "Er hatte ein Ziel. Den Sieg über die Rebellen.",
            "Die Preise steigen. Inflation bleibt ein Problem.",
            "Er kam aus Berlin. Frankfurt am Main war sein Ziel.",
            "Das Ergebnis ist bekannt. Ein klarer Sieg.",
            "Er wohnt in der Nr. Zwölf der Straße.",
        ] {
            assert!(
                split_pair("One English sentence goes on here.", t).is_empty(),
                "{t}"
            );
        }
        // The English has the same period, or the words after it are English names.
        assert!(
            split_pair(
                "The driver had been emptying an ATM, Det. Dennis McCarthy wrote in the filing.",
                "Der Fahrer hatte einen Geldautomaten entleert, schrieb Det. Dennis McCarthy in der Veröffentlichung."
            )
            .is_empty()
        );
        assert!(
            split_pair(
                "The driver had been emptying an ATM, Detective Dennis McCarthy wrote.",
                "Der Fahrer hatte einen Geldautomaten entleert, schrieb Kommissar. Dennis McCarthy in der Veröffentlichung."
            )
            .is_empty()
        );
    }

    #[test]
    fn flags_lower_case_sentence_start() {
        let r = run(
            &SentenceFragment,
            "Moving from this country.",
            "ziehen um von diesem Land.",
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "ziehen");
    }

    #[test]
    fn abbreviations_ordinals_numbers_are_fine() {
        for t in [
            "Produkte wie z. B. Bücher, Kopierer usw. und andere Dinge.",
            "Es kamen ca. drei Leute, vgl. auch die Liste, d. h. alle.",
            "Wie die katholische Kirche dem Drucken im 15. und 16. Jahrhundert.",
            "Die Zahl wächst auf 2.000 Labore und 3.5 Prozent.",
            "Dann … und dann... weiter ging es.",
            "Schreiben Sie an info@example.com oder besuchen Sie www.example.org. oder so",
            "Er kaufte ein Gerät bei Apple Inc. und ein Buch von J. doe.",
            "Bitcoin hat (vorerst) eine erhebliche Zentralisierungsschwäche: Hardware.",
            "Ich habe immer vermutet, dass Papst Johannes Paul II. dahinter war.",
        ] {
            assert!(s(t).is_empty(), "{t}: {:?}", s(t));
        }
        // one-word segments (user names) and lower-case sources
        assert!(s("smirow").is_empty());
        assert!(
            spans(
                &SentenceFragment,
                "Barricade is in the third movie. so he survived.",
                "Barricade ist im dritten Film. so überlebte er."
            )
            .is_empty()
        );
        assert!(
            spans(
                &SentenceFragment,
                "iPhone sales rose.",
                "iPhone-Verkäufe stiegen."
            )
            .is_empty()
        );
        assert!(spans(&SentenceFragment, "eBay grew.", "eBay wuchs.").is_empty());
    }
}
