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
        token_iter(s).map(|t| (t.range, t.kind)).collect()
    })
    .iter()
    .map(|(r, kind)| Token {
        text: &s[r.clone()],
        range: r.clone(),
        kind: *kind,
    })
    .collect()
}

/// [`tokenize`] without the memo: one pass over the chars, no intermediate buffer.
fn split(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    out.extend(token_iter(s));
    out
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

    fn next(&mut self) -> Option<Token<'a>> {
        let s = self.s;
        let bytes = s.as_bytes();
        let mut i = self.i;
        while let Some((c, len)) = char_at(s, i) {
            let start = i;
            i += len;
            if c.is_whitespace() {
                continue;
            }
            let kind = if c.is_alphanumeric() {
                // Letters and digits (ASCII without the Unicode tables), and an apostrophe
                // followed by a letter.
                while let Some(&x) = bytes.get(i) {
                    let (d, dl) = if x < 0x80 {
                        if x.is_ascii_alphanumeric() {
                            i += 1;
                            continue;
                        }
                        (x as char, 1)
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
                    match char_at(s, i + dl) {
                        Some((e, el)) if is_apostrophe(d) && e.is_alphabetic() => i += dl + el,
                        _ => break,
                    }
                }
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            self.i = i;
            return Some(Token {
                text: &s[start..i],
                range: start..i,
                kind,
            });
        }
        self.i = s.len();
        None
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
mod tests {
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

    #[test]
    fn same_tokens_as_the_reference() {
        let alphabet: Vec<char> = "aZ9ß' ’.,-„“\n\té€x".chars().collect();
        let mut seed = 7u64;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..(seed % 13) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            assert_eq!(tokenize(&s), reference(&s), "{s:?}");
            assert_eq!(tokenize(&s), reference(&s), "{s:?} (remembered)");
        }
        for s in ["geht's", "Simpson’s’", "a'", "'a", "x''y", "1’2’a"] {
            assert_eq!(tokenize(s), reference(s), "{s:?}");
        }
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
