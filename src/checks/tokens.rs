//! Word and punctuation tokens with byte offsets, shared by the checks.
//!
//! A word is a maximal run of alphanumeric characters, with apostrophes inside it kept
//! ("Simpson's", "geht's"); every other character that is not white space is a one-character
//! punctuation token. Offsets are byte offsets into the tokenised text.

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and/or digits.
    Word,
    /// One character that is neither alphanumeric nor white space.
    Punct,
}

/// A token: its text, byte range and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
    pub kind: TokenKind,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether the first character is an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the token has at least one letter.
    pub fn has_letter(&self) -> bool {
        self.text.chars().any(char::is_alphabetic)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Texts longer than this are not remembered: a copy of a 20 MB "sentence" and its token
/// boundaries cost more memory than tokenising it again costs time.
pub const MEMO_MAX: usize = 64 * 1024;

/// The last few texts of a thread and what was computed from each (compared by content, so
/// an answer is always that of its text): several checks tokenise the same source, target
/// and sentences. The one memo of the text layer, used by [`tokenize`] and
/// [`crate::checks::text::words`].
pub(crate) struct Memo<T> {
    /// The slot to replace next.
    next: usize,
    slots: Vec<(String, std::rc::Rc<[T]>)>,
}

impl<T> Memo<T> {
    const SLOTS: usize = 4;

    pub(crate) const fn new() -> Self {
        Memo {
            next: 0,
            slots: Vec::new(),
        }
    }

    /// `compute(s)`, from the memo of this thread when `s` was seen lately (shared, not
    /// copied: a hit costs no allocation). Texts longer than [`MEMO_MAX`] are not remembered.
    pub(crate) fn get(
        memo: &'static std::thread::LocalKey<std::cell::RefCell<Memo<T>>>,
        s: &str,
        compute: impl Fn(&str) -> Vec<T>,
    ) -> std::rc::Rc<[T]> {
        if s.len() > MEMO_MAX {
            return compute(s).into();
        }
        memo.with(|memo| {
            let Ok(mut memo) = memo.try_borrow_mut() else {
                return compute(s).into();
            };
            if let Some((_, v)) = memo.slots.iter().find(|(t, _)| t == s) {
                return v.clone();
            }
            let v: std::rc::Rc<[T]> = compute(s).into();
            if memo.slots.len() < Self::SLOTS {
                memo.slots.push((s.to_string(), v.clone()));
            } else {
                let next = memo.next;
                let slot = &mut memo.slots[next];
                slot.0.clear();
                slot.0.push_str(s);
                slot.1 = v.clone();
                memo.next = (next + 1) % Self::SLOTS;
            }
            v
        })
    }
}

/// Split `s` into word and punctuation tokens (remembered per thread: [`Memo`]).
pub fn tokenize(s: &str) -> Vec<Token<'_>> {
    thread_local! {
        static MEMO: std::cell::RefCell<Memo<(Range<usize>, TokenKind)>> =
            const { std::cell::RefCell::new(Memo::new()) };
    }
    if s.len() > MEMO_MAX {
        return split(s);
    }
    Memo::get(&MEMO, s, |s| {
        // (room for a token every four bytes up front: collected from the iterator, which
        // cannot tell its length, the vector grew a dozen times a text)
        let mut v = Vec::with_capacity(s.len() / 4 + 1);
        v.extend(token_iter(s).map(|t| (t.range, t.kind)));
        v
    })
    .iter()
    .map(|(r, kind)| Token {
        text: &s[r.clone()],
        range: r.clone(),
        kind: *kind,
    })
    .collect()
}

/// [`tokenize`] without the memo: one pass over the chars, no intermediate buffer. For a
/// text tokenised once per pair ([`crate::checks::analysis::PairAnalysis`]), where the memo
/// would copy the text and the tokens twice to no use.
pub(crate) fn split(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    split_into(s, &mut out);
    out
}

/// [`split`], appended to `out`: the scan of [`TokenIter`] as one loop that pushes (the
/// iterator kept its place in memory and was called once a token), and all-ASCII text (most
/// English) without the Latin-1 and decoding tests.
pub(crate) fn split_into<'a>(s: &'a str, out: &mut Vec<Token<'a>>) {
    out.reserve(s.len() / 5 + 1);
    if next_non_ascii(s.as_bytes(), 0) == s.len() {
        split_ascii(s, out);
        return;
    }
    let mut i = 0;
    while let Some(t) = next_token(s, &mut i) {
        out.push(t);
    }
}

/// The next token of `s` from byte `i` on (a char boundary), with `i` moved past it: the
/// one tokeniser step of [`TokenIter`] and [`split_into`]. White space is skipped, ASCII and
/// Latin-1 letters are told by their bytes, any other char is decoded. (Inlined, so that a
/// loop keeps `i` in a register.)
#[inline(always)]
fn next_token<'a>(s: &'a str, i: &mut usize) -> Option<Token<'a>> {
    let bytes = s.as_bytes();
    while let Some(&b) = bytes.get(*i) {
        let start = *i;
        let kind = if b < 0x80 {
            *i += 1;
            if ASCII_ALNUM[b as usize] {
                *i = word_end(s, *i);
                TokenKind::Word
            } else if matches!(b, b' ' | b'\t'..=b'\r') {
                continue;
            } else {
                TokenKind::Punct
            }
        } else if latin1_letter(bytes, start) {
            *i = word_end(s, start + 2);
            TokenKind::Word
        } else {
            let Some((c, len)) = char_at(s, start) else {
                *i = s.len();
                return None;
            };
            *i += len;
            if c.is_whitespace() {
                continue;
            }
            if c.is_alphanumeric() {
                *i = word_end(s, *i);
                TokenKind::Word
            } else {
                TokenKind::Punct
            }
        };
        return Some(Token {
            text: &s[start..*i],
            range: start..*i,
            kind,
        });
    }
    None
}

/// The offset of the first byte of `bytes` from `i` on that is not ASCII, `bytes.len()` when
/// none is: eight bytes at a time (`str::is_ascii` went byte by byte up to the first
/// non-ASCII byte of a short German text).
pub(crate) fn next_non_ascii(bytes: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(w) = bytes
        .get(i..i + 8)
        .and_then(|c| <[u8; 8]>::try_from(c).ok())
    {
        let high = u64::from_le_bytes(w) & HIGH;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii) {
        i += 1;
    }
    i.min(bytes.len())
}

/// [`split_into`] of an all-ASCII text: a word is a run of ASCII letters and digits with
/// `'` inside it before a letter (the only apostrophe and the only letters ASCII has).
fn split_ascii<'a>(s: &'a str, out: &mut Vec<Token<'a>>) {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let start = i;
        i += 1;
        let kind = if ASCII_ALNUM[x as usize] {
            loop {
                while b.get(i).is_some_and(|&y| ASCII_ALNUM[y as usize]) {
                    i += 1;
                }
                if b.get(i) == Some(&b'\'') && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                    i += 2;
                } else {
                    break;
                }
            }
            TokenKind::Word
        } else if matches!(x, b' ' | b'\t'..=b'\r') {
            continue;
        } else {
            TokenKind::Punct
        };
        out.push(Token {
            text: &s[start..i],
            range: start..i,
            kind,
        });
    }
}

/// The words of [`next_word`] from the text's tokens: word tokens joined across a joiner
/// token ([`is_joiner`]) with no space on either side, appended to `out`. For a text whose
/// tokens are at hand ([`crate::checks::analysis::PairAnalysis::words_of`]): a pass over
/// them instead of another scan of the bytes.
pub(crate) fn words_of_split(tokens: &[Token<'_>], out: &mut Vec<Range<usize>>) {
    out.reserve(tokens.len());
    let mut k = 0;
    while let Some(t) = tokens.get(k) {
        k += 1;
        if t.kind != TokenKind::Word {
            continue;
        }
        let (start, mut end) = (t.range.start, t.range.end);
        // a joiner right after the word and a word right after the joiner (a punctuation
        // token is one char)
        while let (Some(j), Some(w)) = (tokens.get(k), tokens.get(k + 1)) {
            if j.range.start != end
                || !is_joiner_token(j.text)
                || w.kind != TokenKind::Word
                || w.range.start != j.range.end
            {
                break;
            }
            end = w.range.end;
            k += 2;
        }
        out.push(start..end);
    }
}

/// Whether a punctuation token (one char) is a joiner ([`is_joiner`]).
#[inline]
fn is_joiner_token(t: &str) -> bool {
    let mut cs = t.chars();
    cs.next().is_some_and(is_joiner) && cs.next().is_none()
}

/// The tokens of [`tokenize`], one at a time, without the memo or a vector: the one
/// tokeniser of the checks ([`crate::checks::text::word_iter`] joins its words across
/// hyphens and apostrophes).
pub fn token_iter(s: &str) -> TokenIter<'_> {
    TokenIter { s, i: 0 }
}

/// The iterator of [`token_iter`].
#[derive(Debug, Clone)]
pub struct TokenIter<'a> {
    s: &'a str,
    /// Where the scan goes on (a byte offset at a char boundary).
    i: usize,
}

/// Per byte: an ASCII letter or digit.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Whether the char at byte `i` of `bytes` (a char boundary of a `str`) is one of U+00C0 to
/// U+00FF but × and ÷ (À … ÿ, "ä", "ö", "ü", "ß"): all letters, read without decoding.
#[inline]
fn latin1_letter(bytes: &[u8], i: usize) -> bool {
    bytes.get(i) == Some(&0xC3)
        && bytes
            .get(i + 1)
            .is_some_and(|&b| (0x80..=0xBF).contains(&b) && b != 0x97 && b != 0xB7)
}

/// The end of the word token whose first char ends at byte `i` of `s`: letters and digits
/// (ASCII and the Latin-1 letters of German without the Unicode tables), and an apostrophe
/// followed by a letter. The one definition of a word token's extent, for [`TokenIter`] and
/// [`word_ranges`]. (Always inlined: a call per word token cost a fifth of the tokeniser.)
#[inline(always)]
fn word_end(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    while let Some(&x) = bytes.get(i) {
        let (d, dl) = if x < 0x80 {
            if ASCII_ALNUM[x as usize] {
                i += 1;
                // the rest of an ASCII run, one table look-up a byte
                while bytes.get(i).is_some_and(|&y| ASCII_ALNUM[y as usize]) {
                    i += 1;
                }
                continue;
            }
            (x as char, 1)
        } else if latin1_letter(bytes, i) {
            i += 2;
            continue;
        } else {
            match char_at(s, i) {
                Some((d, dl)) if d.is_alphanumeric() => {
                    i += dl;
                    continue;
                }
                Some(d) => d,
                None => break,
            }
        };
        if !is_apostrophe(d) {
            break;
        }
        match char_at(s, i + dl) {
            Some((e, el)) if e.is_alphabetic() => i += dl + el,
            _ => break,
        }
    }
    i
}

/// Whether the char at byte `i` of `s` (a char boundary) starts a word token, and its length.
#[inline]
fn word_start_at(s: &str, i: usize) -> Option<(bool, usize)> {
    let bytes = s.as_bytes();
    let &b = bytes.get(i)?;
    if b < 0x80 {
        return Some((ASCII_ALNUM[b as usize], 1));
    }
    if latin1_letter(bytes, i) {
        return Some((true, 2));
    }
    char_at(s, i).map(|(c, l)| (c.is_alphanumeric(), l))
}

/// Whether `c` joins two word tokens into one word when it stands between them with no space
/// ("Open-Source", "don't", "rock’n’roll"). The one definition, for [`next_word`] and
/// [`words_of_split`].
#[inline]
pub(crate) fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '\u{2011}')
}

/// The next word of `s` from byte `i` on (a char boundary), with `i` moved past it: a word
/// token, joined to the word tokens that follow it across a joiner ([`is_joiner`]) with no
/// space on either side. The one word step over text: [`word_ranges`] and [`WordIter`] take
/// it; [`words_of_split`] does the same over tokens already split (tested equal).
#[inline]
fn next_word(s: &str, i: &mut usize) -> Option<Range<usize>> {
    // the next word token: past white space and punctuation
    let (start, first_len) = loop {
        match word_start_at(s, *i)? {
            (true, l) => break (*i, l),
            (false, l) => *i += l,
        }
    };
    let mut end = word_end(s, start + first_len);
    // a joiner right after it and a word token right after the joiner
    while let Some((j, jl)) = char_at(s, end) {
        if !is_joiner(j) {
            break;
        }
        match word_start_at(s, end + jl) {
            Some((true, l)) => end = word_end(s, end + jl + l),
            _ => break,
        }
    }
    *i = end;
    Some(start..end)
}

/// The words of `s` ([`next_word`]), appended to `out`.
pub(crate) fn word_ranges(s: &str, out: &mut Vec<Range<usize>>) {
    let mut i = 0;
    while let Some(r) = next_word(s, &mut i) {
        out.push(r);
    }
}

/// The words of a text one at a time, without a vector ([`crate::checks::text::word_iter`]).
#[derive(Debug, Clone)]
pub struct WordIter<'a> {
    s: &'a str,
    /// Where the scan goes on (a byte offset at a char boundary).
    i: usize,
}

impl<'a> WordIter<'a> {
    pub(crate) fn new(s: &'a str) -> Self {
        WordIter { s, i: 0 }
    }
}

impl Iterator for WordIter<'_> {
    type Item = Range<usize>;

    #[inline]
    fn next(&mut self) -> Option<Range<usize>> {
        next_word(self.s, &mut self.i)
    }
}

/// The char at byte `i` of `s` (a char boundary) and its length; ASCII without decoding.
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some((b as char, 1)),
        Some(_) => s.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
        None => None,
    }
}

impl<'a> Iterator for TokenIter<'a> {
    type Item = Token<'a>;

    #[inline]
    fn next(&mut self) -> Option<Token<'a>> {
        next_token(self.s, &mut self.i)
    }
}

/// What an [`Anchor`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorKind {
    /// A run of letters.
    Letters,
    /// ASCII digits with single `.` or `,` between them (`2.000`, `3,5`).
    Number,
    /// A URL, an @handle or an e-mail address, kept whole.
    Literal,
}

/// A token as the aligner anchors sentences on it: the letter runs and numbers inside the
/// [`token_iter`] tokens, and URLs, handles and e-mail addresses kept whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor<'a> {
    pub text: &'a str,
    pub kind: AnchorKind,
    /// For letters: no word came before it in its sentence (the text's start, or a
    /// white-space chunk ending in `.`, `!`, `?` or `:`), so a capital says nothing.
    pub first_word: bool,
}

/// Whether `w` starts as a URL does (`http://`, `https://`, `www.`, any case).
pub fn is_url(w: &str) -> bool {
    let starts =
        |p: &str| w.len() >= p.len() && w.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    starts("http://") || starts("https://") || starts("www.")
}

/// The byte offset where the white-space chunk holding byte `from` of `s` ends, and whether
/// the chunk holds an `@` from `from` on.
fn chunk_end(s: &str, from: usize) -> (usize, bool) {
    let b = s.as_bytes();
    let mut i = from;
    let mut at = false;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if matches!(x, b' ' | b'\t'..=b'\r') {
                return (i, at);
            }
            at |= x == b'@';
            i += 1;
        } else {
            match char_at(s, i) {
                Some((c, _)) if c.is_whitespace() => return (i, at),
                Some((_, l)) => i += l,
                None => return (s.len(), at),
            }
        }
    }
    (s.len(), at)
}

/// The chunk as a literal anchor (URL, @handle, e-mail), if it is one: trimmed of what is
/// neither alphanumeric nor `@ # / %`, longer than one byte, and a handle, a URL or an
/// address (an `@` after its start with a dot after it), without its trailing punctuation.
fn literal(chunk: &str) -> Option<&str> {
    let t =
        chunk.trim_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '@' | '#' | '/' | '%')));
    let is = t.len() > 1
        && (t.starts_with('@')
            || is_url(t)
            || t.find('@').is_some_and(|a| a > 0 && t[a..].contains('.')));
    is.then(|| t.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// The [`Anchor`]s of `s`, appended to `out`: built on [`token_iter`]. A white-space chunk
/// that is a [`literal`] is one anchor; otherwise its word tokens give their runs of letters
/// and of ASCII digits, a digit run going on across a `.` or `,` token followed by a digit
/// (`2.000`, `3,5`).
pub fn anchors<'a>(s: &'a str, out: &mut Vec<Anchor<'a>>) {
    let mut toks = token_iter(s);
    let mut first_word = true;
    while let Some(t) = toks.next() {
        // `t` starts a white-space chunk.
        let (end, at) = chunk_end(s, t.range.end);
        let chunk = &s[t.range.start..end];
        // Without an `@`, a chunk starting with a word is a literal only as a URL, so only
        // when that word starts with `h` or `w`.
        let maybe = at
            || t.kind == TokenKind::Punct
            || matches!(t.text.as_bytes()[0], b'h' | b'H' | b'w' | b'W');
        if maybe && let Some(text) = literal(chunk) {
            out.push(Anchor {
                text,
                kind: AnchorKind::Literal,
                first_word: false,
            });
            first_word = false;
            toks.i = end;
            continue;
        }
        // Whether the chunk holds anything but punctuation (then its end may start a
        // sentence).
        let mut content = false;
        let mut tok = t;
        loop {
            if tok.kind == TokenKind::Word {
                content = true;
                word_runs(s, &tok, &mut toks, &mut first_word, out);
            } else {
                content |= matches!(tok.text, "@" | "#" | "/" | "%");
            }
            if toks.i >= end {
                break;
            }
            match toks.next() {
                Some(next) => tok = next,
                None => break,
            }
        }
        if content && chunk.ends_with(['.', '!', '?', ':']) {
            first_word = true;
        }
    }
}

/// The letter and digit runs of word token `tok`; a digit run at its end goes on through
/// the tokens after it while they are a `.` or `,` and a word starting with a digit.
fn word_runs<'a>(
    s: &'a str,
    tok: &Token<'a>,
    toks: &mut TokenIter<'a>,
    first_word: &mut bool,
    out: &mut Vec<Anchor<'a>>,
) {
    let b = s.as_bytes();
    let mut i = tok.range.start;
    let mut word_end = tok.range.end;
    while i < word_end {
        let c = b[i];
        if c.is_ascii_digit() {
            let start = i;
            loop {
                while i < word_end && b[i].is_ascii_digit() {
                    i += 1;
                }
                // `word_end == toks.i`: the next token starts right here.
                if i == word_end
                    && matches!(b.get(i), Some(b'.' | b','))
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                {
                    toks.next(); // the separator
                    match toks.next() {
                        Some(w) => word_end = w.range.end,
                        None => break,
                    }
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(Anchor {
                text: &s[start..i],
                kind: AnchorKind::Number,
                first_word: false,
            });
        } else {
            // A run of letters (ASCII without the Unicode tables); anything else is skipped.
            let start = i;
            while i < word_end {
                let x = b[i];
                if x < 0x80 {
                    if !x.is_ascii_alphabetic() {
                        break;
                    }
                    i += 1;
                } else {
                    match char_at(s, i) {
                        Some((d, l)) if d.is_alphabetic() => i += l,
                        _ => break,
                    }
                }
            }
            if i > start {
                out.push(Anchor {
                    text: &s[start..i],
                    kind: AnchorKind::Letters,
                    first_word: *first_word,
                });
                *first_word = false;
            } else {
                i += char_at(s, i).map_or(1, |(_, l)| l);
            }
        }
    }
}

/// Whether `c` closes a quotation or bracket (so it may follow final punctuation).
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '’' | '‘' | '«' | '»' | '›' | '‹' | ')' | ']' | '}'
    )
}

/// The text with closing quotes/brackets and white space removed from its end.
pub fn trim_closing_end(s: &str) -> &str {
    s.trim_end_matches(|c: char| c.is_whitespace() || is_closing(c))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The earlier two-pass tokenizer, as the reference for the one-pass one.
    fn reference(s: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if c.is_alphanumeric() {
                let mut j = i + 1;
                while j < chars.len() {
                    let d = chars[j].1;
                    if d.is_alphanumeric() {
                        j += 1;
                    } else if is_apostrophe(d)
                        && chars.get(j + 1).is_some_and(|&(_, e)| e.is_alphabetic())
                    {
                        j += 2;
                    } else {
                        break;
                    }
                }
                let end = chars.get(j).map_or(s.len(), |&(p, _)| p);
                out.push(Token {
                    text: &s[pos..end],
                    range: pos..end,
                    kind: TokenKind::Word,
                });
                i = j;
            } else {
                let end = pos + c.len_utf8();
                out.push(Token {
                    text: &s[pos..end],
                    range: pos..end,
                    kind: TokenKind::Punct,
                });
                i += 1;
            }
        }
        out
    }

    /// `count` pseudo-random texts of up to `lengths - 1` characters drawn from `alphabet`
    /// (a fixed linear congruential sequence from `seed`), for tests against references.
    pub(crate) fn random_texts(
        alphabet: &str,
        seed: u64,
        lengths: u64,
        count: usize,
    ) -> Vec<String> {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut seed = seed;
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            let mut s = String::new();
            for _ in 0..(seed % lengths) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            out.push(s);
        }
        out
    }

    #[test]
    fn same_tokens_as_the_reference() {
        for s in random_texts("aZ9ß' ’.,-„“\n\té€x", 7, 13, 3000) {
            assert_eq!(tokenize(&s), reference(&s), "{s:?}");
            assert_eq!(tokenize(&s), reference(&s), "{s:?} (remembered)");
            assert_eq!(split(&s), reference(&s), "{s:?} (split)");
        }
        // all-ASCII texts take `split_ascii`
        for s in random_texts("aZ9' .,-\n\t\x0b\x1f#", 3, 13, 3000) {
            assert_eq!(split(&s), reference(&s), "{s:?} (split)");
        }
        for s in [
            "geht's",
            "Simpson’s’",
            "a'",
            "'a",
            "x''y",
            "1’2’a",
            "a'1",
            "a'b'c d'",
        ] {
            assert_eq!(tokenize(s), reference(s), "{s:?}");
            assert_eq!(split(s), reference(s), "{s:?} (split)");
        }
    }

    #[test]
    fn word_ranges_word_iter_and_words_of_split_are_the_reference_words() {
        // The reference: the reference tokens, a word token merged into the word before it
        // when one joiner token stands between the two with no space on either side.
        fn reference_words(s: &str) -> Vec<Range<usize>> {
            let toks = reference(s);
            let mut out: Vec<Range<usize>> = Vec::new();
            for (k, t) in toks.iter().enumerate() {
                if t.kind != TokenKind::Word {
                    continue;
                }
                let joined = k >= 2 && {
                    let (w, j) = (&toks[k - 2], &toks[k - 1]);
                    w.kind == TokenKind::Word
                        && out.last().is_some_and(|r| r.end == w.range.end)
                        && j.range.start == w.range.end
                        && j.range.end == t.range.start
                        && j.text.chars().count() == 1
                        && j.text.chars().all(is_joiner)
                };
                match out.last_mut() {
                    Some(r) if joined => r.end = t.range.end,
                    _ => out.push(t.range.clone()),
                }
            }
            out
        }
        for alphabet in [
            "aZ9ß' ’.,-„“\n\té€x\u{2011}",
            "ab-'’\u{2011} 1",
            "aÀÿäÖß×÷ª µº¿Ā١'’-\u{2011}\u{A0}. ",
        ] {
            for s in random_texts(alphabet, 13, 16, 20_000) {
                let want = reference_words(&s);
                let mut got = Vec::new();
                word_ranges(&s, &mut got);
                assert_eq!(got, want, "{s:?}");
                let iter: Vec<_> = crate::checks::text::word_iter(&s).collect();
                assert_eq!(iter, want, "{s:?} (word_iter)");
                // (and the words made of the tokens, as the pair analysis makes them)
                got.clear();
                words_of_split(&split(&s), &mut got);
                assert_eq!(got, want, "{s:?} (from the tokens)");
            }
        }
    }

    #[test]
    fn latin1_chars_read_without_decoding_are_the_letters() {
        // The fast path takes U+00C0..=U+00FF but × and ÷; the chars around that block (and
        // ª µ º, letters with another lead byte) take the decoding path.
        for s in random_texts("aÀÿäÖß×÷ª µº¿Āa'’.\u{A0}\u{2000} ", 5, 11, 5000) {
            assert_eq!(tokenize(&s), reference(&s), "{s:?}");
            assert_eq!(split(&s), reference(&s), "{s:?} (split)");
        }
        for c in '\u{80}'..='\u{17F}' {
            let s = format!("a{c}b {c}");
            assert_eq!(tokenize(&s), reference(&s), "{c:?}");
            assert_eq!(split(&s), reference(&s), "{c:?} (split)");
        }
    }

    /// The aligner's earlier tokeniser (white-space chunks, literals, letter and digit runs),
    /// as the reference for [`anchors`] on top of [`token_iter`].
    fn reference_anchors(s: &str) -> Vec<Anchor<'_>> {
        let mut out = Vec::new();
        let mut first_word = true;
        for chunk in s.split_whitespace() {
            let trimmed = chunk.trim_matches(|c: char| {
                !(c.is_alphanumeric() || c == '@' || c == '#' || c == '/' || c == '%')
            });
            if trimmed.is_empty() {
                continue;
            }
            if trimmed.len() > 1
                && (trimmed.starts_with('@')
                    || is_url(trimmed)
                    || trimmed
                        .find('@')
                        .is_some_and(|a| a > 0 && trimmed[a..].contains('.')))
            {
                out.push(Anchor {
                    text: trimmed.trim_end_matches(|c: char| !c.is_alphanumeric()),
                    kind: AnchorKind::Literal,
                    first_word: false,
                });
                first_word = false;
                continue;
            }
            let mut it = chunk.char_indices().peekable();
            while let Some((start, c)) = it.next() {
                if c.is_ascii_digit() {
                    let mut end = start + 1;
                    loop {
                        match it.peek().copied() {
                            Some((k, d)) if d.is_ascii_digit() => {
                                end = k + 1;
                                it.next();
                            }
                            Some((_, d))
                                if (d == '.' || d == ',')
                                    && chunk[end + 1..]
                                        .chars()
                                        .next()
                                        .is_some_and(|x| x.is_ascii_digit()) =>
                            {
                                it.next();
                            }
                            _ => break,
                        }
                    }
                    out.push(Anchor {
                        text: &chunk[start..end],
                        kind: AnchorKind::Number,
                        first_word: false,
                    });
                } else if c.is_alphabetic() {
                    let mut end = start + c.len_utf8();
                    while let Some(&(k, d)) = it.peek() {
                        if !d.is_alphabetic() {
                            break;
                        }
                        end = k + d.len_utf8();
                        it.next();
                    }
                    out.push(Anchor {
                        text: &chunk[start..end],
                        kind: AnchorKind::Letters,
                        first_word,
                    });
                    first_word = false;
                }
            }
            if chunk.ends_with(['.', '!', '?', ':']) {
                first_word = true;
            }
        }
        out
    }

    #[test]
    fn anchors_as_the_aligners_earlier_tokeniser() {
        for s in random_texts("aZ9ß' ’.,-@#/%:!?\n\té€x²١wh", 11, 17, 20_000) {
            let mut got = Vec::new();
            anchors(&s, &mut got);
            assert_eq!(got, reference_anchors(&s), "{s:?}");
        }
        for s in [
            "Siehe https://example.org/a, @bob und 2.000 Euro. Ende",
            "Er zahlte 2.000 Euro, d.h. 3,5% mehr (laut „Bild“)! Wirklich? Ja: 1.234.567,89.",
            "ASCII only: A1b2C3 and 12.ab, 3..4 ,5 @user e@mail.com www.Example.org HTTP://A.b",
            "Straße geht's 1.5kg a1.5b 2,3,4. x.. # / % é.",
            "WWW.x.org, (http://a.b/c). hTTps://x wwwa Http:/x (@bob) mail:a@b.c a@b @ h.",
        ] {
            let mut got = Vec::new();
            anchors(s, &mut got);
            assert_eq!(got, reference_anchors(s), "{s:?}");
        }
        assert!(is_url("HTTPS://x.org") && is_url("www.a") && !is_url("wwwa"));
    }

    #[test]
    fn next_non_ascii_finds_the_first_non_ascii_byte() {
        for s in random_texts("ab é\u{7f}€", 17, 40, 3000) {
            let b = s.as_bytes();
            for from in 0..=b.len() {
                let want = (from..b.len())
                    .find(|&i| !b[i].is_ascii())
                    .unwrap_or(b.len());
                assert_eq!(next_non_ascii(b, from), want, "{s:?} {from}");
            }
        }
        assert_eq!(next_non_ascii(b"abc", 7), 3);
    }

    #[test]
    fn words_and_punctuation() {
        let t = tokenize("Stearns-Stearns, geht's „gut“ 2.000");
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            vec![
                "Stearns", "-", "Stearns", ",", "geht's", "„", "gut", "“", "2", ".", "000"
            ]
        );
        assert_eq!(t[4].range, 17..23);
    }
}
