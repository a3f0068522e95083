//! Small text helpers shared by the checks: words with byte offsets, case tests, word lists
//! loaded from the data files under `src/checks/data/`.

use std::collections::HashSet;
use std::ops::Range;

/// Parse a word-list data file: one entry per line, `#` starts a comment, blank lines ignored.
pub fn word_set(data: &'static str) -> HashSet<&'static str> {
    data.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '\u{2011}')
}

/// Words of `s` as byte ranges: runs of letters and digits; a hyphen or apostrophe between two
/// such characters stays inside the word ("Open-Source-Ökosystem", "don't").
pub fn words(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = s.char_indices().peekable();
    let mut prev_word = false;
    while let Some((i, c)) = iter.next() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
            prev_word = true;
        } else if is_joiner(c) && prev_word && iter.peek().is_some_and(|&(_, d)| is_word_char(d)) {
            // stays inside the word
            prev_word = false;
        } else {
            if let Some(st) = start.take() {
                out.push(st..i);
            }
            prev_word = false;
        }
    }
    if let Some(st) = start {
        out.push(st..s.len());
    }
    out
}

/// White-space separated tokens of `s` as byte ranges.
pub fn tokens(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push(st..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(st..s.len());
    }
    out
}

/// First character is upper case.
pub fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// First character is lower case.
pub fn is_lower_initial(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

/// Every letter is lower case (and there is at least one letter).
pub fn is_all_lower(w: &str) -> bool {
    w.chars().any(char::is_alphabetic)
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_lowercase)
}

/// Every letter is upper case and there are at least two letters ("KYC", "MIT").
pub fn is_all_caps(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Upper-case initial followed only by lower-case letters ("Haus").
pub fn is_title_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && cs.filter(|c| c.is_alphabetic()).all(char::is_lowercase)
}

/// The word lower-cased (allocates only when needed).
pub fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// Opening quotation marks and brackets.
pub fn is_opening_mark(c: char) -> bool {
    matches!(
        c,
        '„' | '“' | '"' | '»' | '«' | '‚' | '‘' | '\'' | '(' | '[' | '{' | '‹' | '›'
    )
}

/// Punctuation after which a capitalised word may legitimately start (a new sentence, a
/// heading, a quotation, a colon).
pub fn gap_allows_capital(gap: &str) -> bool {
    gap.chars().any(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | '…' | '\n' | '|' | '•' | '·' | ']' | '=' | '*' | '>' | '~'
        ) || is_opening_mark(c)
    }) || gap.contains("<")
}

/// The token (white-space separated) of `s` that contains byte `pos`.
pub fn token_at(s: &str, pos: usize) -> Range<usize> {
    let start = s[..pos]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let end = s[pos..]
        .char_indices()
        .find(|&(_, c)| c.is_whitespace())
        .map(|(i, _)| pos + i)
        .unwrap_or(s.len());
    start..end
}

/// Tokens that are not prose: URLs, e-mail addresses, @handles, #hashtags, paths, code.
pub fn is_code_like(tok: &str) -> bool {
    tok.contains("://")
        || tok.starts_with("www.")
        || tok.contains('@')
        || tok.contains('#')
        || tok.contains('_')
        || tok.contains('/')
        || tok.contains('\\')
        || tok.contains('=')
        || tok.contains('{')
        || tok.contains('<')
        || has_domain(tok)
}

fn has_domain(tok: &str) -> bool {
    let t = tok.trim_end_matches(|c: char| !c.is_alphanumeric());
    match t.rfind('.') {
        Some(i) if i > 0 => {
            let tld = &t[i + 1..];
            matches!(
                tld,
                "com"
                    | "org"
                    | "net"
                    | "de"
                    | "io"
                    | "ai"
                    | "co"
                    | "uk"
                    | "eu"
                    | "gov"
                    | "edu"
                    | "info"
                    | "at"
                    | "ch"
                    | "html"
                    | "php"
                    | "htm"
                    | "txt"
                    | "pdf"
                    | "rs"
                    | "py"
                    | "js"
                    | "json"
            ) && t[..i].chars().last().is_some_and(|c| c.is_alphanumeric())
        }
        _ => false,
    }
}

/// The source contains `w` as a whole word (case-sensitive).
pub fn source_has_word(source: &str, w: &str) -> bool {
    if source.is_empty() || w.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = source[from..].find(w) {
        let s = from + i;
        let e = s + w.len();
        let before_ok = source[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = source[e..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = e;
    }
    false
}

/// The target sentences of a pair (byte ranges into `pair.target`); the whole target when the
/// pair carries no sentence ranges.
pub fn target_sentences(pair: &crate::checks::PairView<'_>) -> Vec<Range<usize>> {
    if pair.target_sentences.is_empty() {
        if pair.target.trim().is_empty() {
            vec![]
        } else {
            std::iter::once(0..pair.target.len()).collect()
        }
    } else {
        pair.target_sentences.clone()
    }
}

/// English function words that are not German words (data file shared by MT001 and the
/// source tests of MT004).
pub static EN_MARKERS: std::sync::LazyLock<HashSet<&'static str>> =
    std::sync::LazyLock::new(|| word_set(include_str!("data/en_markers.txt")));

const EN_TITLE_WORDS: &[&str] = &["In", "An", "So", "Not", "Then", "Once", "Must", "All"];

/// Capitalised English function words in mid-sentence in the source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SourceCaps {
    /// "The", "A", "An": a title or name ("the book The Sovereign Individual"); the German
    /// may keep its article capitalised.
    pub articles: bool,
    /// Any other function word: a title ("Gone With the Wind") or a heading run into the text
    /// ("Bibliography Just to mention …"); the German may keep any such capital.
    pub others: bool,
}

/// Which capitalised function words the English source has in mid-sentence.
pub fn source_caps(source: &str) -> SourceCaps {
    let ws = words(source);
    let mut caps = SourceCaps::default();
    for (k, w) in ws.iter().enumerate().skip(1) {
        let word = &source[w.clone()];
        if !is_capitalised(word)
            || gap_allows_capital(&source[ws[k - 1].end..w.start])
            || word == "I"
            || word.starts_with("I'")
            || word.starts_with("I’")
        {
            continue;
        }
        if matches!(word, "The" | "A" | "An") {
            caps.articles = true;
        } else if EN_TITLE_WORDS.contains(&word)
            || EN_MARKERS.contains(word.to_lowercase().as_str())
        {
            caps.others = true;
        }
    }
    caps
}

/// The source has "I" in mid-sentence with no punctuation before it (a run-on sentence:
/// "I am fascinated I would like to know"); the German "Ich" there mirrors the source.
pub fn source_has_run_on_i(source: &str) -> bool {
    let ws = words(source);
    ws.iter().enumerate().skip(1).any(|(k, w)| {
        let word = &source[w.clone()];
        (word == "I" || word.starts_with("I'") || word.starts_with("I’"))
            && !gap_allows_capital(&source[ws[k - 1].end..w.start])
            && !matches!(
                source[ws[k - 1].clone()].to_lowercase().as_str(),
                "and"
                    | "or"
                    | "but"
                    | "that"
                    | "if"
                    | "when"
                    | "because"
                    | "as"
                    | "so"
                    | "than"
                    | "what"
                    | "where"
                    | "how"
                    | "why"
                    | "while"
                    | "since"
                    | "until"
                    | "before"
                    | "after"
                    | "which"
                    | "who"
                    | "whom"
                    | "whether"
                    | "though"
                    | "although"
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(s: &str) -> Vec<&str> {
        words(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn words_keep_hyphens_and_offsets() {
        assert_eq!(
            ws("Das Open-Source-Ökosystem, z. B. don't „Macher“-Bewegung"),
            vec![
                "Das",
                "Open-Source-Ökosystem",
                "z",
                "B",
                "don't",
                "Macher",
                "Bewegung"
            ]
        );
        assert_eq!(
            ws("Bitcoin- und KI-Anwendungen"),
            vec!["Bitcoin", "und", "KI-Anwendungen"]
        );
    }

    #[test]
    fn code_like_tokens() {
        assert!(is_code_like("https://example.com/x"));
        assert!(is_code_like("@BasedBeffJesos,"));
        assert!(is_code_like("bitcoinmagazine.com"));
        assert!(!is_code_like("Wort."));
        assert!(!is_code_like("v2.0"));
    }

    #[test]
    fn source_word_lookup() {
        assert!(source_has_word("made by MicroBT and Canaan", "MicroBT"));
        assert!(!source_has_word("made by MicroBTs", "MicroBT"));
        assert!(!source_has_word("", "MicroBT"));
    }
}
