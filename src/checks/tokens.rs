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

/// Split `s` into word and punctuation tokens.
///
/// Several checks tokenise the same source and target: the token boundaries of the last few
/// texts of this thread are remembered (compared by content, so the answer is always that
/// of `s`).
pub fn tokenize(s: &str) -> Vec<Token<'_>> {
    const SLOTS: usize = 4;
    /// (next slot to replace, (text, (range, kind) of its tokens) per slot).
    type Memo = (usize, Vec<(String, Vec<(Range<usize>, TokenKind)>)>);
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = const { std::cell::RefCell::new((0, Vec::new())) };
    }
    let rebuild = |spans: &[(Range<usize>, TokenKind)]| -> Vec<Token<'_>> {
        spans
            .iter()
            .map(|(r, kind)| Token {
                text: &s[r.clone()],
                range: r.clone(),
                kind: *kind,
            })
            .collect()
    };
    if s.len() > MEMO_MAX {
        return split(s);
    }
    MEMO.with(|memo| {
        let Ok(mut memo) = memo.try_borrow_mut() else {
            return split(s);
        };
        let (next, slots) = &mut *memo;
        if let Some((_, spans)) = slots.iter().find(|(t, _)| t == s) {
            return rebuild(spans);
        }
        let toks = split(s);
        let spans: Vec<(Range<usize>, TokenKind)> =
            toks.iter().map(|t| (t.range.clone(), t.kind)).collect();
        if slots.len() < SLOTS {
            slots.push((s.to_string(), spans));
        } else {
            let slot = &mut slots[*next];
            slot.0.clear();
            slot.0.push_str(s);
            slot.1 = spans;
            *next = (*next + 1) % SLOTS;
        }
        toks
    })
}

/// [`tokenize`] without the memo: one pass over the chars, no intermediate buffer.
fn split(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let bytes = s.as_bytes();
    let mut it = s.char_indices().peekable();
    while let Some((pos, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = s.len();
            while let Some(&(p, d)) = it.peek() {
                // ASCII letters and digits without the Unicode tables.
                if bytes[p].is_ascii_alphanumeric() || (!d.is_ascii() && d.is_alphanumeric()) {
                    it.next();
                } else if is_apostrophe(d)
                    && s[p + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic)
                {
                    it.next();
                    it.next();
                } else {
                    end = p;
                    break;
                }
            }
            out.push(Token {
                text: &s[pos..end],
                range: pos..end,
                kind: TokenKind::Word,
            });
        } else {
            let end = pos + c.len_utf8();
            out.push(Token {
                text: &s[pos..end],
                range: pos..end,
                kind: TokenKind::Punct,
            });
        }
    }
    out
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
