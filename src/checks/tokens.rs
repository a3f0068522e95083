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

/// Split `s` into word and punctuation tokens.
pub fn tokenize(s: &str) -> Vec<Token<'_>> {
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
