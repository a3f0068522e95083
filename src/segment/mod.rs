//! Sentence splitting for English and German.
//!
//! [`split`] works on one block (paragraph or unit) and returns byte ranges of the sentences,
//! trimmed of surrounding white space, in order and non-overlapping.

use std::ops::Range;

use crate::model::{Lang, Sentence, SideText};

/// Split one block of text into sentences (byte ranges into `text`).
pub fn split(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for b in sentencex::get_sentence_boundaries(lang.code(), text) {
        let raw = &text[b.start_byte..b.end_byte];
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let start = b.start_byte + lead;
        let range = start..start + trimmed.len();
        // Garbled MT: a period followed by a lower-case word is a damaged sentence, not a
        // boundary; keep it in one piece so the checks can point at the stray period.
        // A "sentence" without letters or digits (a doubled period ". .", a lone quote) is
        // debris of the previous sentence, not a sentence of its own.
        if let Some(prev) = out.last_mut()
            && (starts_lower(trimmed) || !trimmed.chars().any(char::is_alphanumeric))
        {
            prev.end = range.end;
            continue;
        }
        out.push(range);
    }
    out
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Segment every block of a side; sentence indices run over the whole side.
pub fn segment_side(side: &SideText, lang: Lang) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (i, block) in side.blocks.iter().enumerate() {
        let text = &side.text[block.range.clone()];
        for r in split(text, lang) {
            out.push(Sentence {
                block: i,
                range: block.range.start + r.start..block.range.start + r.end,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str, lang: Lang) -> Vec<&str> {
        split(text, lang).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_simple_sentences() {
        assert_eq!(
            sents("Das ist gut. Das auch!", Lang::De),
            vec!["Das ist gut.", "Das auch!"]
        );
    }

    #[test]
    fn punctuation_debris_stays_with_its_sentence() {
        assert_eq!(
            sents("Das wäre unwahrscheinlicher. . Danach nicht.", Lang::De),
            vec!["Das wäre unwahrscheinlicher. .", "Danach nicht."]
        );
    }

    #[test]
    fn stray_period_does_not_split() {
        assert_eq!(
            sents(
                "Die Macht kam. durch neue Technologien. Danach nicht.",
                Lang::De
            ),
            vec!["Die Macht kam. durch neue Technologien.", "Danach nicht."]
        );
    }
}
