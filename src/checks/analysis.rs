//! What the rules share about a pair and a document, computed once.
//!
//! [`PairAnalysis`] sits in every [`PairView`](crate::checks::PairView): each part (the
//! tokens of a side, the source's word index, the capitals of the source) is computed the
//! first time a rule asks for it and kept for the rules after it, so that seventeen rules do
//! not tokenise the same pair seventeen times. [`doc_stats`] computes the document facts
//! ([`DocStats`]) that the pipeline hands to every pair: no rule computes them.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::ops::{Deref, Range};
use std::rc::Rc;
use std::time::Duration;

use crate::checks::DocStats;
use crate::checks::text::{
    Budget, SourceCaps, SourceWords, alnum_runs_into, runs_match, source_caps, source_has_word,
    words,
};
use crate::checks::tokens::{Token, TokenKind, next_non_ascii, split_into, words_of_split};

/// Pairs up to this many bytes (both sides) keep their analysis from rule to rule; longer
/// ones recompute it for each rule ([`PairAnalysis::forget_if_large`]).
pub const KEEP_UP_TO: usize = 1 << 20;

/// The shared analysis of one pair (see the [module documentation](self)).
pub struct PairAnalysis<'a> {
    source: &'a str,
    target: &'a str,
    source_tokens: OnceCell<Vec<Token<'a>>>,
    target_tokens: OnceCell<Vec<Token<'a>>>,
    source_words: OnceCell<SourceIndex<'a>>,
    source_caps: OnceCell<SourceCaps>,
    source_lower: OnceCell<Lowered>,
    target_lower: OnceCell<Lowered>,
    source_word_list: OnceCell<Vec<Range<usize>>>,
    target_word_list: OnceCell<Vec<Range<usize>>>,
    /// The buffers of the pair before ([`PairAnalysis::reset`]), emptied, for the parts of
    /// this one: a thread checking pair after pair allocates them once, not per pair.
    spare: Spare<'a>,
    /// CPU time spent computing the parts while [`PairAnalysis::time_with`] is on (`--timings`
    /// samples pairs so: what the rules share is not charged to the first rule that asks).
    clock: Clock,
}

/// The clock of a [`PairAnalysis`] ([`PairAnalysis::time_with`]).
#[derive(Default)]
struct Clock {
    /// The cost of one clock reading, taken off each measured part; `None`: not timing.
    reading: Option<Duration>,
    spent: Cell<Duration>,
    /// `spent` with the cost of the clock readings that measured it.
    gross: Cell<Duration>,
    /// Parts being computed (a part that asks for another is measured once, as a whole).
    depth: Cell<u32>,
}

/// Emptied buffers of a [`PairAnalysis`]'s parts, per side (source, target).
#[derive(Default)]
struct Spare<'a> {
    tokens: [Cell<Vec<Token<'a>>>; 2],
    lower: [Cell<Lowered>; 2],
    words: [Cell<Vec<Range<usize>>>; 2],
    /// The source's alphanumeric runs ([`SourceIndex`]).
    runs: Cell<Vec<Range<usize>>>,
}

/// The words of a text ([`PairAnalysis::words_of`]): the pair's own list of a whole side, or
/// the text layer's shared list of a sentence.
#[derive(Debug, Clone)]
pub enum Words<'p> {
    Pair(&'p [Range<usize>]),
    Memo(Rc<[Range<usize>]>),
}

impl Deref for Words<'_> {
    type Target = [Range<usize>];

    fn deref(&self) -> &[Range<usize>] {
        match self {
            Words::Pair(w) => w,
            Words::Memo(w) => w,
        }
    }
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
    /// `buf` is the whole text lower-cased ([`Lowered::whole`]).
    whole: bool,
}

impl Lowered {
    /// The forms of `tokens`, tokens of `text`.
    pub fn new(text: &str, tokens: &[Token<'_>]) -> Lowered {
        let mut l = Lowered::default();
        l.fill(text, tokens);
        l
    }

    /// [`Lowered::new`] into this one's buffers (what they held is dropped).
    pub fn fill(&mut self, text: &str, tokens: &[Token<'_>]) {
        self.buf.clear();
        self.ranges.clear();
        self.whole = lower_in_place(text, &mut self.buf);
        if self.whole {
            self.ranges.extend(tokens.iter().map(|t| t.range.clone()));
            return;
        }
        self.buf.clear();
        let len: usize = tokens.iter().map(|t| t.text.len()).sum();
        self.buf.reserve(len + len / 8);
        self.ranges.reserve(tokens.len());
        for t in tokens {
            let start = self.buf.len();
            if t.text.is_ascii() {
                self.buf.push_str(t.text);
                self.buf[start..].make_ascii_lowercase();
            } else {
                self.buf.push_str(&t.text.to_lowercase());
            }
            self.ranges.push(start..self.buf.len());
        }
    }

    /// The whole text lower-cased, where lower-casing kept every char's length: any byte
    /// range of the text is then the same range of this (and `&whole[r]` is `text[r]`
    /// lower-cased as [`str::to_lowercase`] does it); `None` otherwise.
    pub fn whole(&self) -> Option<&str> {
        self.whole.then_some(self.buf.as_str())
    }

    /// `text[r]` lower-cased (`text` the text these are the forms of): a slice of
    /// [`Lowered::whole`] where there is one, else lower-cased apart.
    pub fn of_range(&self, text: &str, r: Range<usize>) -> Cow<'_, str> {
        match self.whole().and_then(|w| w.get(r.clone())) {
            Some(lw) => Cow::Borrowed(lw),
            None => Cow::Owned(text.get(r).unwrap_or("").to_lowercase()),
        }
    }

    /// Token `i` lower-cased ("" past the end).
    pub fn get(&self, i: usize) -> &str {
        self.ranges
            .get(i)
            .and_then(|r| self.buf.get(r.clone()))
            .unwrap_or("")
    }
}

/// `text` lower-cased char by char into `out` (empty) when that keeps every char's UTF-8
/// length (so the byte ranges of its tokens stay valid) and no char's lower case depends on
/// its neighbours (the Greek capital sigma); false otherwise (`out` then holds a part).
fn lower_in_place(text: &str, out: &mut String) -> bool {
    out.reserve(text.len());
    // The ASCII stretches copied whole and lower-cased at the end, the other chars one by one
    // (a push per char cost more than the lower-casing), the stretches found eight bytes at
    // a time.
    let bytes = text.as_bytes();
    let (mut copied, mut i) = (0, 0);
    loop {
        i = next_non_ascii(bytes, i);
        if i >= bytes.len() {
            break;
        }
        out.push_str(text.get(copied..i).unwrap_or(""));
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            return false;
        };
        i += c.len_utf8();
        copied = i;
        match c {
            // Latin-1 capitals (but ×): the small letter is 0x20 on
            'À'..='Þ' if c != '×' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            // Latin-1 small letters and ÷: their own lower case
            'ß'..='ÿ' => out.push(c),
            'Σ' => return false,
            _ => {
                let start = out.len();
                out.extend(c.to_lowercase());
                if out.len() - start != c.len_utf8() {
                    return false;
                }
            }
        }
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    // (a non-ASCII char's lower case of the same length is not ASCII: only the copied
    // stretches change)
    out.make_ascii_lowercase();
    true
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
            spare: Spare::default(),
            clock: Clock::default(),
        }
    }

    /// Measure the CPU time spent computing parts from now on (`Some(cost of one clock
    /// reading)`), or stop (`None`). See [`PairAnalysis::time_spent`].
    pub fn time_with(&mut self, reading: Option<Duration>) {
        self.clock.reading = reading;
    }

    /// The CPU time spent computing parts while timing was on, over every pair this
    /// analysis served: (the parts' own, with the clock readings that measured them).
    pub fn time_spent(&self) -> (Duration, Duration) {
        (self.clock.spent.get(), self.clock.gross.get())
    }

    /// `compute()`, its CPU time added to [`Self::time_spent`] when timing is on.
    fn timed<T>(&self, compute: impl FnOnce() -> T) -> T {
        let clock = &self.clock;
        let Some(reading) = clock.reading.filter(|_| clock.depth.get() == 0) else {
            return compute();
        };
        clock.depth.set(1);
        let start = crate::clock::thread_cpu_time();
        let value = compute();
        let took = crate::clock::thread_cpu_time().saturating_sub(start);
        // `took` holds one reading's cost; the two readings cost two.
        clock
            .spent
            .set(clock.spent.get() + took.saturating_sub(reading));
        clock.gross.set(clock.gross.get() + took + reading);
        clock.depth.set(0);
        value
    }

    /// Make this the analysis of another pair of the same texts' lifetime, nothing computed
    /// yet, keeping the buffers of what was computed for the next parts.
    pub fn reset(&mut self, source: &'a str, target: &'a str) {
        self.source = source;
        self.target = target;
        let spare = &mut self.spare;
        for (side, (tokens, (lower, words))) in [
            (
                &mut self.source_tokens,
                (&mut self.source_lower, &mut self.source_word_list),
            ),
            (
                &mut self.target_tokens,
                (&mut self.target_lower, &mut self.target_word_list),
            ),
        ]
        .into_iter()
        .enumerate()
        {
            if let Some(v) = tokens.take() {
                spare.tokens[side].set(v);
            }
            if let Some(v) = lower.take() {
                spare.lower[side].set(v);
            }
            if let Some(v) = words.take() {
                spare.words[side].set(v);
            }
        }
        if let Some(SourceIndex {
            runs: Some(runs), ..
        }) = self.source_words.take()
        {
            spare.runs.set(runs);
        }
        self.source_caps = OnceCell::new();
    }

    /// The words ([`crate::checks::text::words`]) of `s`: from the side's tokens when `s` is
    /// the pair's whole source or target (the one sentence of most pairs), else from the
    /// text layer's memo (a sentence of a longer pair).
    pub fn words_of(&self, s: &str) -> Words<'_> {
        let is = |side: &str| std::ptr::eq(s.as_ptr(), side.as_ptr()) && s.len() == side.len();
        let side = if is(self.target) {
            1
        } else if is(self.source) {
            0
        } else {
            return Words::Memo(words(s));
        };
        let (cell, tokens) = if side == 1 {
            (&self.target_word_list, self.target_tokens())
        } else {
            (&self.source_word_list, self.source_tokens())
        };
        Words::Pair(cell.get_or_init(|| {
            self.timed(|| {
                let mut ws = self.spare.words[side].take();
                ws.clear();
                words_of_split(tokens, &mut ws);
                ws
            })
        }))
    }

    /// The source tokens lower-cased ([`Lowered`]; index as [`Self::source_tokens`]).
    pub fn source_lower(&self) -> &Lowered {
        self.source_lower
            .get_or_init(|| self.timed(|| self.lowered(0, self.source, self.source_tokens())))
    }

    /// The target tokens lower-cased ([`Lowered`]; index as [`Self::target_tokens`]).
    pub fn target_lower(&self) -> &Lowered {
        self.target_lower
            .get_or_init(|| self.timed(|| self.lowered(1, self.target, self.target_tokens())))
    }

    /// The word and punctuation tokens of the whole source
    /// ([`crate::checks::tokens::tokenize`], without its memo: asked once a pair).
    pub fn source_tokens(&self) -> &[Token<'a>] {
        self.source_tokens
            .get_or_init(|| self.timed(|| self.split(0, self.source)))
    }

    /// The word and punctuation tokens of the whole target
    /// ([`crate::checks::tokens::tokenize`], without its memo: asked once a pair).
    pub fn target_tokens(&self) -> &[Token<'a>] {
        self.target_tokens
            .get_or_init(|| self.timed(|| self.split(1, self.target)))
    }

    /// The tokens of `text`, side `side`'s, in a spare buffer.
    fn split(&self, side: usize, text: &'a str) -> Vec<Token<'a>> {
        let mut v = self.spare.tokens[side].take();
        v.clear();
        split_into(text, &mut v);
        v
    }

    /// The lower-cased `tokens` of `text`, side `side`'s, in a spare buffer.
    fn lowered(&self, side: usize, text: &str, tokens: &[Token<'_>]) -> Lowered {
        let mut l = self.spare.lower[side].take();
        l.fill(text, tokens);
        l
    }

    /// Whole-word look-ups in the source ([`SourceIndex`]: the answers of [`SourceWords`]).
    pub fn source_words(&self) -> &SourceIndex<'a> {
        self.source_words.get_or_init(|| {
            self.timed(|| {
                if self.source.len() > SCAN_UP_TO {
                    return SourceIndex::long(self.source);
                }
                let mut runs = self.spare.runs.take();
                runs.clear();
                alnum_runs_of_tokens(self.source, self.source_tokens(), &mut runs);
                SourceIndex::scanned(self.source, runs)
            })
        })
    }

    /// Drop what was computed when the pair is longer than [`KEEP_UP_TO`] bytes: the parts
    /// of a 20 MB "sentence" cost more memory than recomputing them per rule costs time (the
    /// pipeline calls this between rules).
    pub fn forget_if_large(&mut self) {
        if self.source.len() + self.target.len() > KEEP_UP_TO {
            let clock = std::mem::take(&mut self.clock);
            *self = PairAnalysis::new(self.source, self.target);
            self.clock = clock;
        }
    }

    /// The capitalised function words of the source in mid-sentence ([`source_caps`]).
    pub fn source_caps(&self) -> SourceCaps {
        *self
            .source_caps
            .get_or_init(|| self.timed(|| source_caps(self.source, &self.words_of(self.source))))
    }
}

/// Sources up to this many bytes are looked up by a scan of their runs ([`SourceIndex`]),
/// longer ones through the sorted index of [`SourceWords`].
const SCAN_UP_TO: usize = 512;

/// Whole-word look-ups in the source ([`PairAnalysis::source_words`]), answering as
/// [`SourceWords::has`] does (its comparison budget included, so that even hostile text gets
/// the same answers).
///
/// A source of up to [`SCAN_UP_TO`] bytes (nearly every sentence) keeps its alphanumeric
/// runs, made from its tokens, and a look-up scans them in text order: a few dozen length
/// comparisons cost less than building [`SourceWords`]' sorted index (a scan of the chars and
/// a sort, about 3,000 instructions a pair), which a longer source still gets.
pub struct SourceIndex<'a> {
    source: &'a str,
    /// The maximal alphanumeric runs of a short source (in text order); `None`: a long one.
    runs: Option<Vec<Range<usize>>>,
    /// What is left of the comparison budget (as in [`SourceWords`]).
    budget: Budget,
    /// The index of a long source.
    long: OnceCell<SourceWords<'a>>,
}

/// The maximal alphanumeric runs of a text from its tokens, appended to `out`: its word
/// tokens split at their apostrophes (every other char of a word token is a letter or digit,
/// and no two word tokens touch).
fn alnum_runs_of_tokens(text: &str, tokens: &[Token<'_>], out: &mut Vec<Range<usize>>) {
    out.reserve(tokens.len());
    let words = tokens.iter().filter(|t| t.kind == TokenKind::Word);
    // (an apostrophe is `'` or `’`, whose first byte is 0xE2: without either in the text,
    // which one search tells, every word token is a run)
    if memchr::memchr2(b'\'', 0xE2, text.as_bytes()).is_none() {
        out.extend(words.map(|t| t.range.clone()));
        return;
    }
    for t in words {
        if !t.text.bytes().any(|b| b == b'\'' || b == 0xE2) {
            out.push(t.range.clone());
            continue;
        }
        let n = out.len();
        alnum_runs_into(t.text, out);
        for r in &mut out[n..] {
            *r = r.start + t.range.start..r.end + t.range.start;
        }
    }
}

impl<'a> SourceIndex<'a> {
    /// The look-ups of a short source with its alphanumeric runs `runs`.
    fn scanned(source: &'a str, runs: Vec<Range<usize>>) -> SourceIndex<'a> {
        SourceIndex {
            source,
            runs: Some(runs),
            budget: Budget::for_source(source),
            long: OnceCell::new(),
        }
    }

    /// The look-ups of a long source ([`SourceWords`]).
    fn long(source: &'a str) -> SourceIndex<'a> {
        SourceIndex {
            source,
            runs: None,
            budget: Budget::none(),
            long: OnceCell::new(),
        }
    }

    fn pay(&self, cost: usize) -> bool {
        self.budget.pay(cost)
    }

    /// The source contains `w` as a whole word (case-sensitive): [`SourceWords::has`].
    pub fn has(&self, w: &str) -> bool {
        let source = self.source;
        let Some(runs) = &self.runs else {
            return self.long.get_or_init(|| SourceWords::new(source)).has(w);
        };
        if source.is_empty() || w.is_empty() {
            return false;
        }
        let alnum_ends = w.chars().next().is_some_and(char::is_alphanumeric)
            && w.chars().next_back().is_some_and(char::is_alphanumeric);
        if !alnum_ends {
            return source_has_word(source, w);
        }
        // `SourceWords`' candidates for `part`: the runs of its length and first six bytes
        // (a run of a short source is shorter than the 0xffff its key caps lengths at).
        let same_key = |r: &Range<usize>, part: &str| {
            let n = part.len().min(6);
            r.len() == part.len()
                && source.as_bytes().get(r.start..r.start + n) == part.as_bytes().get(..n)
        };
        let one_run = if w.is_ascii() {
            w.bytes().all(|b| b.is_ascii_alphanumeric())
        } else {
            w.chars().all(char::is_alphanumeric)
        };
        if one_run {
            return runs.iter().any(|r| {
                same_key(r, w) && (!self.pay(w.len()) || source.get(r.clone()) == Some(w))
            });
        }
        // The runs equal to `part`, in text order (None: the budget ran out).
        let equal = |part: &str| -> Option<Vec<u32>> {
            let mut out = Vec::new();
            for (k, r) in runs.iter().enumerate() {
                if same_key(r, part) {
                    if !self.pay(part.len()) {
                        return None;
                    }
                    if source.get(r.clone()) == Some(part) {
                        out.push(k as u32);
                    }
                }
            }
            Some(out)
        };
        let mut parts = Vec::new();
        alnum_runs_into(w, &mut parts);
        runs_match(source, runs, w, &parts, equal, |cost| self.pay(cost))
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
    fn the_clock_measures_the_parts_only_while_timing_is_on() {
        let text = "Ein langer Satz mit vielen Wörtern, der etwas Zeit braucht. ".repeat(2000);
        let target = text.replace("Ein", "Kein");
        let mut a = PairAnalysis::new(&text, &target);
        a.source_tokens();
        assert_eq!(
            a.time_spent(),
            (Duration::ZERO, Duration::ZERO),
            "timing is off"
        );
        let reading = Duration::from_nanos(10);
        a.time_with(Some(reading));
        // The caps ask for the word list, which asks for the tokens: one measurement (a
        // nested one would add a second reading's cost to `gross`).
        a.source_caps();
        let (own, gross) = a.time_spent();
        assert!(own > Duration::ZERO);
        assert_eq!(gross, own + reading * 2);
        a.target_tokens();
        let (own2, gross2) = a.time_spent();
        assert!(own2 > own && gross2 == own2 + reading * 4);
        // Already computed: nothing more to measure.
        a.target_tokens();
        assert_eq!(a.time_spent(), (own2, gross2));
        a.time_with(None);
        a.target_lower();
        assert_eq!(a.time_spent(), (own2, gross2));
    }

    #[test]
    fn lowered_forms_are_the_tokens_lower_cased() {
        // ASCII, German, and chars whose lower case is longer (İ) or depends on the
        // neighbours (Σ), which take the token-by-token path.
        for alphabet in ["aB Z.'9", "aÄß ẞÖx-„", "aÀ×Þ÷ÿ ßÄ.", "aİ Σb.ΣΑ"] {
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

    /// The analysis's look-ups answer as [`SourceWords`] (the scan of a short source's runs
    /// and the index of a long one), the comparison budget running out included.
    #[test]
    fn source_index_answers_as_source_words() {
        // Short texts over a few letters make the runs repeat; the long words of the second
        // and third sets share their first six bytes and their length, so that the budget
        // runs out.
        let cases = [
            ("ab-'’ .,é1", 11, 40, 6, 40),
            ("aaaaaaab- .", 5, 120, 14, 40),
            ("aaaaaaab-’ .", 9, 700, 14, 400),
        ];
        for (alphabet, seed, lengths, word_lengths, n) in cases {
            let sources = random_texts(alphabet, seed, lengths, 200);
            let words = random_texts(alphabet, seed + 1, word_lengths, n * sources.len());
            let mut reused = PairAnalysis::new("", "");
            for (source, words) in sources.iter().zip(words.chunks(n)) {
                reused.reset(source, "");
                let index = SourceWords::new(source);
                for w in words {
                    for w in [w.as_str(), w.trim_matches(|c: char| !c.is_alphanumeric())] {
                        let want = index.has(w);
                        assert_eq!(reused.source_words().has(w), want, "{source:?} {w:?}");
                    }
                }
            }
        }
        // Forty runs of one key (short and long sources): each look-up of a missing word of
        // that key pays for all of them, and after a few dozen the budget is spent.
        for copies in [1, 2] {
            let source: Vec<String> = (0..40 * copies)
                .map(|i| format!("abcdefg{}", char::from(b'a' + (i % 26) as u8)))
                .collect();
            let source = source.join(" ");
            let a = PairAnalysis::new(&source, "");
            let index = SourceWords::new(&source);
            let mut answers = Vec::new();
            for k in 0..60 {
                let w = [
                    "abcdefg1",
                    "abcdefgb",
                    "abcdefg1-abcdefga",
                    "abcdefgc-abcdefgd",
                ][k % 4];
                let want = index.has(w);
                assert_eq!(a.source_words().has(w), want, "{k} {w:?}");
                answers.push(want);
            }
            assert!(answers[0..4] == [false, true, false, false] && answers[56..60] == [true; 4]);
        }
    }

    /// An analysis reset from pair to pair (its buffers reused) answers as a new one: no
    /// part of the pair before shows in the next.
    #[test]
    fn a_reset_analysis_answers_as_a_new_one() {
        let texts = random_texts("aB Z.'9-ÄßİΣ", 0, 40, 400);
        let mut reused = PairAnalysis::new("", "");
        for w in texts.windows(2) {
            let (source, target) = (w[0].as_str(), w[1].as_str());
            reused.reset(source, target);
            let fresh = PairAnalysis::new(source, target);
            // (asked in varying order, and some parts not at all)
            if source.len() % 3 == 0 {
                assert_eq!(&*reused.words_of(target), &*fresh.words_of(target));
            }
            assert_eq!(reused.source_tokens(), fresh.source_tokens());
            assert_eq!(&*reused.words_of(source), &*fresh.words_of(source));
            assert_eq!(&*reused.words_of(target), &*fresh.words_of(target));
            for i in 0..=fresh.target_tokens().len() {
                assert_eq!(reused.target_lower().get(i), fresh.target_lower().get(i));
            }
            if target.len() % 2 == 0 {
                for i in 0..=fresh.source_tokens().len() {
                    assert_eq!(reused.source_lower().get(i), fresh.source_lower().get(i));
                }
            }
            assert_eq!(reused.source_caps(), fresh.source_caps());
        }
    }
}
