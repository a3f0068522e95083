use std::collections::HashSet;
use std::sync::LazyLock;

use crate::checks::text::{
    is_all_lower, is_code_like, target_sentences, token_at, word_iter, word_set,
};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

pub(crate) static ABBREVIATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("data/de_abbreviations.txt")));

declare_check! {
    /// ## What it catches
    ///
    /// A sentence cut by a stray period: ". " followed by a lower-case word inside a German
    /// sentence ("… der herrschenden Macht kam. durch neue Technologien."), and a German sentence
    /// that starts in lower case.
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
    source.match_indices(". ").any(|(i, _)| {
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
    for (dot, c) in t.char_indices() {
        if c != '.' {
            continue;
        }
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

impl Check for SentenceFragment {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        stray_periods(pair, out);
        lower_case_starts(pair, out);
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
