//! What the rules share about a pair and a document, computed once.
//!
//! [`PairAnalysis`] sits in every [`PairView`](crate::checks::PairView): each part (the
//! tokens of a side, the source's word index, the capitals of the source) is computed the
//! first time a rule asks for it and kept for the rules after it, so that seventeen rules do
//! not tokenise the same pair seventeen times. [`doc_stats`] computes the document facts
//! ([`DocStats`]) that the pipeline hands to every pair: no rule computes them.

use std::cell::OnceCell;
use std::ops::Range;
use std::rc::Rc;

use crate::checks::DocStats;
use crate::checks::text::{SourceCaps, SourceWords, source_caps, words, words_of_tokens};
use crate::checks::tokens::{Token, split};

/// Pairs up to this many bytes (both sides) keep their analysis from rule to rule; longer
/// ones recompute it for each rule ([`PairAnalysis::forget_if_large`]).
pub const KEEP_UP_TO: usize = 1 << 20;

/// The shared analysis of one pair (see the [module documentation](self)).
pub struct PairAnalysis<'a> {
    source: &'a str,
    target: &'a str,
    source_tokens: OnceCell<Vec<Token<'a>>>,
    target_tokens: OnceCell<Vec<Token<'a>>>,
    source_words: OnceCell<SourceWords<'a>>,
    source_caps: OnceCell<SourceCaps>,
    source_lower: OnceCell<Lowered>,
    target_lower: OnceCell<Lowered>,
    source_word_list: OnceCell<Rc<[Range<usize>]>>,
    target_word_list: OnceCell<Rc<[Range<usize>]>>,
}

/// The lower-cased forms of a side's tokens ([`PairAnalysis::source_tokens`] or
/// [`PairAnalysis::target_tokens`]): `get(i)` is token `i` lower-cased as
/// [`str::to_lowercase`] does it.
///
/// Where lower-casing keeps every char's length (all ASCII text, and nearly all German), the
/// whole side is lower-cased in one pass and a token's form is its own byte range of that
/// copy; otherwise (a char whose lower case is longer or shorter, or a Greek capital sigma,
/// whose lower case depends on the chars around it) each token is lower-cased on its own.
#[derive(Debug, Default)]
pub struct Lowered {
    buf: String,
    ranges: Vec<std::ops::Range<usize>>,
}

impl Lowered {
    /// The forms of `tokens`, tokens of `text`.
    pub fn new(text: &str, tokens: &[Token<'_>]) -> Lowered {
        if let Some(buf) = lower_in_place(text) {
            return Lowered {
                buf,
                ranges: tokens.iter().map(|t| t.range.clone()).collect(),
            };
        }
        let len: usize = tokens.iter().map(|t| t.text.len()).sum();
        let mut buf = String::with_capacity(len + len / 8);
        let mut ranges = Vec::with_capacity(tokens.len());
        for t in tokens {
            let start = buf.len();
            if t.text.is_ascii() {
                buf.push_str(t.text);
                buf[start..].make_ascii_lowercase();
            } else {
                buf.push_str(&t.text.to_lowercase());
            }
            ranges.push(start..buf.len());
        }
        Lowered { buf, ranges }
    }

    /// Token `i` lower-cased ("" past the end).
    pub fn get(&self, i: usize) -> &str {
        self.ranges
            .get(i)
            .and_then(|r| self.buf.get(r.clone()))
            .unwrap_or("")
    }
}

/// `text` lower-cased char by char when that keeps every char's UTF-8 length (so the byte
/// ranges of its tokens stay valid) and no char's lower case depends on its neighbours
/// (the Greek capital sigma); `None` otherwise.
fn lower_in_place(text: &str) -> Option<String> {
    if text.is_ascii() {
        return Some(text.to_ascii_lowercase());
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if c == 'Σ' {
            return None;
        }
        let start = out.len();
        out.extend(c.to_lowercase());
        if out.len() - start != c.len_utf8() {
            return None;
        }
    }
    Some(out)
}

impl<'a> PairAnalysis<'a> {
    /// The analysis of a pair, nothing computed yet.
    pub fn new(source: &'a str, target: &'a str) -> PairAnalysis<'a> {
        PairAnalysis {
            source,
            target,
            source_tokens: OnceCell::new(),
            target_tokens: OnceCell::new(),
            source_words: OnceCell::new(),
            source_caps: OnceCell::new(),
            source_lower: OnceCell::new(),
            target_lower: OnceCell::new(),
            source_word_list: OnceCell::new(),
            target_word_list: OnceCell::new(),
        }
    }

    /// The words ([`crate::checks::text::words`]) of `s`: from the side's tokens when `s` is
    /// the pair's whole source or target (the one sentence of most pairs), else from the
    /// text layer's memo (a sentence of a longer pair).
    pub fn words_of(&self, s: &str) -> Rc<[Range<usize>]> {
        let is = |side: &str| std::ptr::eq(s.as_ptr(), side.as_ptr()) && s.len() == side.len();
        if is(self.target) {
            let ws = self
                .target_word_list
                .get_or_init(|| words_of_tokens(self.target_tokens()).into());
            return Rc::clone(ws);
        }
        if is(self.source) {
            let ws = self
                .source_word_list
                .get_or_init(|| words_of_tokens(self.source_tokens()).into());
            return Rc::clone(ws);
        }
        words(s)
    }

    /// The source tokens lower-cased ([`Lowered`]; index as [`Self::source_tokens`]).
    pub fn source_lower(&self) -> &Lowered {
        self.source_lower
            .get_or_init(|| Lowered::new(self.source, self.source_tokens()))
    }

    /// The target tokens lower-cased ([`Lowered`]; index as [`Self::target_tokens`]).
    pub fn target_lower(&self) -> &Lowered {
        self.target_lower
            .get_or_init(|| Lowered::new(self.target, self.target_tokens()))
    }

    /// The word and punctuation tokens of the whole source
    /// ([`crate::checks::tokens::tokenize`], without its memo: asked once a pair).
    pub fn source_tokens(&self) -> &[Token<'a>] {
        self.source_tokens.get_or_init(|| split(self.source))
    }

    /// The word and punctuation tokens of the whole target
    /// ([`crate::checks::tokens::tokenize`], without its memo: asked once a pair).
    pub fn target_tokens(&self) -> &[Token<'a>] {
        self.target_tokens.get_or_init(|| split(self.target))
    }

    /// Whole-word look-ups in the source ([`SourceWords`]).
    pub fn source_words(&self) -> &SourceWords<'a> {
        self.source_words
            .get_or_init(|| SourceWords::new(self.source))
    }

    /// Drop what was computed when the pair is longer than [`KEEP_UP_TO`] bytes: the parts
    /// of a 20 MB "sentence" cost more memory than recomputing them per rule costs time (the
    /// pipeline calls this between rules).
    pub fn forget_if_large(&mut self) {
        if self.source.len() + self.target.len() > KEEP_UP_TO {
            *self = PairAnalysis::new(self.source, self.target);
        }
    }

    /// The capitalised function words of the source in mid-sentence ([`source_caps`]).
    pub fn source_caps(&self) -> SourceCaps {
        *self
            .source_caps
            .get_or_init(|| source_caps(self.source, &self.words_of(self.source)))
    }
}

impl std::fmt::Debug for PairAnalysis<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PairAnalysis")
            .field("source_tokens", &self.source_tokens.get().map(Vec::len))
            .field("target_tokens", &self.target_tokens.get().map(Vec::len))
            .finish_non_exhaustive()
    }
}

impl Clone for PairAnalysis<'_> {
    /// A clone starts empty: the parts are recomputed on demand (they are pure functions of
    /// the pair's texts).
    fn clone(&self) -> Self {
        PairAnalysis::new(self.source, self.target)
    }
}

/// Pairs used for the document statistics need a source of at least this many chars.
pub const STATS_MIN_CHARS: usize = 30;

/// ln(target chars / source chars) of a pair the document statistics count (see
/// [`log_ratio_stats`]); `None` for a pair they leave out.
pub fn stats_log_ratio(source_chars: usize, target_chars: usize) -> Option<f64> {
    (source_chars >= STATS_MIN_CHARS && target_chars > 0)
        .then(|| (target_chars as f64 / source_chars as f64).ln())
}

/// Document statistics of ln(target chars / source chars) over pairs given as (source chars,
/// target chars): (mean, standard deviation, number of pairs used). Pairs with an empty side
/// or a source shorter than [`STATS_MIN_CHARS`] are left out.
pub fn log_ratio_stats(pairs: &[(usize, usize)]) -> (f64, f64, usize) {
    let logs: Vec<f64> = pairs
        .iter()
        .filter_map(|&(s, t)| stats_log_ratio(s, t))
        .collect();
    if logs.is_empty() {
        return (0.0, 0.0, 0);
    }
    let n = logs.len() as f64;
    let mean = logs.iter().sum::<f64>() / n;
    let var = logs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt(), logs.len())
}

/// The document facts of [`DocStats`]: `length_ratio` from the chars of all sentences of each
/// side, the log-ratio statistics from the trimmed (source chars, target chars) of each pair.
pub fn doc_stats(source_chars: usize, target_chars: usize, pairs: &[(usize, usize)]) -> DocStats {
    let length_ratio = if source_chars > 0 {
        target_chars as f64 / source_chars as f64
    } else {
        1.0
    };
    let (log_ratio_mean, log_ratio_sd, ratio_pairs) = log_ratio_stats(pairs);
    DocStats {
        length_ratio,
        log_ratio_mean,
        log_ratio_sd,
        ratio_pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::tokens::tests::random_texts;

    #[test]
    fn lowered_forms_are_the_tokens_lower_cased() {
        // ASCII, German, and chars whose lower case is longer (İ) or depends on the
        // neighbours (Σ), which take the token-by-token path.
        for alphabet in ["aB Z.'9", "aÄß ẞÖx-„", "aİ Σb.ΣΑ"] {
            for text in random_texts(alphabet, 3, 30, 500) {
                let tokens = crate::checks::tokens::tokenize(&text);
                let lowered = Lowered::new(&text, &tokens);
                for (i, t) in tokens.iter().enumerate() {
                    assert_eq!(lowered.get(i), t.text.to_lowercase(), "{text:?} {i}");
                }
                assert_eq!(lowered.get(tokens.len()), "");
            }
        }
    }
}
