//! Sentence splitting for English and German.
//!
//! [`split`] works on one block (paragraph or unit) and returns byte ranges of the sentences,
//! trimmed of surrounding white space, in order and non-overlapping. The text is never
//! rewritten, so every sentence keeps its offsets into the original file.
//!
//! The splitter is rule-based (`scan.rs`: the rules, documented there) with word lists as
//! data (`data/de.txt`, `data/en.txt`: abbreviations by class; `data/*_words.txt`: function
//! words, months, ordinal nouns). Measured on the Golden Rules sets in
//! `tests/segmentation_golden.rs`; speed in `benches/segment.rs` (see BENCHMARKS.md).

pub(crate) mod lexicon;
mod scan;

use std::ops::Range;

use either::Either;
use rayon::prelude::*;

use crate::model::{Lang, Sentence, SideText};

/// Split one block of text into sentences (byte ranges into `text`).
///
/// Blank lines inside `text` are hard boundaries; a single line break continues the
/// sentence unless the next line is a list item or the line is a unit of its own (a heading
/// or an address line without final punctuation).
pub fn split(text: &str, lang: Lang) -> Vec<Range<usize>> {
    scan::split(text, lang)
}

/// The sentences of `text` as string slices (convenience for tests and tools).
pub fn split_str(text: &str, lang: Lang) -> Vec<&str> {
    split(text, lang).into_iter().map(|r| &text[r]).collect()
}

/// The non-blank lines of `text`, trimmed of surrounding white space: the sentences of a
/// pre-split block (`--lines`, [`crate::model::Block::lines`]).
pub fn split_lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        let body = line.trim();
        if !body.is_empty() {
            out.push(offset + lead..offset + lead + body.len());
        }
        offset += line.len();
    }
    out
}

/// Segment every block of a side (a pre-split block: one sentence per non-blank line); sentence indices run over the whole side.
pub fn segment_side(side: &SideText, lang: Lang) -> Vec<Sentence> {
    // Blocks are independent: split them in parallel; collecting keeps block order, so the
    // result does not depend on the number of threads. Flat: no Vec per block (a 1M-unit
    // memory would leave a million small blocks on the heap).
    side.blocks
        .par_iter()
        .with_min_len(16)
        .enumerate()
        .flat_map_iter(|(i, block)| {
            let text = &side.text[block.range.clone()];
            // (no vector for a block of one sentence)
            let ranges = if block.lines() {
                Either::Left(split_lines(text).into_iter())
            } else {
                Either::Right(scan::split_iter(text, lang))
            };
            ranges.map(move |r| {
                Sentence::new(i, block.range.start + r.start..block.range.start + r.end)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
