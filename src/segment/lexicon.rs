//! The word lists of the sentence splitter, loaded once from `src/segment/data/`.
//!
//! The lists are data (`de.txt`, `en.txt`: abbreviations by class; `de_words.txt`,
//! `en_words.txt`: function words, months, ordinal nouns); the rules that use them are in
//! `scan.rs`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::model::Lang;

/// What an abbreviation does in front of a capitalised word or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Never ends a sentence ("Dr.", "z. B.", "e.g.").
    Inner,
    /// Closes an enumeration: ends the sentence before a capitalised word ("usw.", "etc.").
    Final,
    /// An abbreviation only in front of a number ("S. 225", "No. 5").
    Number,
    /// Ends the sentence only before a typical sentence opener ("Mio.", "Co.", "U.S.").
    Other,
}

/// FNV-1a: the keys are short words; SipHash's flood protection buys nothing here.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Map<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;
type Set = HashSet<String, BuildHasherDefault<Fnv>>;

/// Everything the splitter knows about one language.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Abbreviation key (no spaces, no final period, case as written) → class.
    abbrevs: Map<AbbrevClass>,
    /// Lower-case function words / sentence openers.
    function: Set,
    /// Lower-case month names (German ordinal dates).
    months: Set,
    /// Lower-case nouns that follow an ordinal ("Jahrhundert", "Stock").
    ordinal_nouns: Set,
    /// Lower-case words before an ordinal ("am", "im", "der").
    ordinal_before: Set,
    /// Lower-case words a sentence cannot end with ("der", "und", "dann").
    no_end: Set,
}

static DE: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(
        include_str!("data/de.txt"),
        include_str!("data/de_words.txt"),
    )
});
static EN: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(
        include_str!("data/en.txt"),
        include_str!("data/en_words.txt"),
    )
});

/// The lexicon of a language (parsed on first use).
pub(crate) fn lexicon(lang: Lang) -> &'static Lexicon {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// The lookup key of an abbreviation as written in a list or in text: without white space
/// and without the final period ("z. B." → "z.B").
pub(crate) fn abbrev_key(s: &str) -> Cow<'_, str> {
    let s = s.trim_end_matches('.');
    if s.contains(char::is_whitespace) {
        let key: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        Cow::Owned(key.trim_end_matches('.').to_string())
    } else {
        Cow::Borrowed(s)
    }
}

/// Lower case without allocating when there is nothing to lower.
fn lower(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Lines of a list file with their section: comments (`#`) and blank lines skipped.
fn entries(data: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut section = "";
    data.lines().filter_map(move |line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            return None;
        }
        Some((section, line))
    })
}

impl Lexicon {
    /// Parse an abbreviation list and a word list (formats described in the files' headers).
    /// Unknown sections are ignored; a data error shows up in the unit tests.
    pub(crate) fn parse(abbrevs: &str, words: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for (section, entry) in entries(abbrevs) {
            let class = match section {
                "inner" => AbbrevClass::Inner,
                "final" => AbbrevClass::Final,
                "number" => AbbrevClass::Number,
                "other" => AbbrevClass::Other,
                _ => continue,
            };
            lex.abbrevs.insert(abbrev_key(entry).into_owned(), class);
        }
        for (section, entry) in entries(words) {
            let set = match section {
                "function" => &mut lex.function,
                "month" => &mut lex.months,
                "ordinal-noun" => &mut lex.ordinal_nouns,
                "ordinal-before" => &mut lex.ordinal_before,
                "no-end" => &mut lex.no_end,
                _ => continue,
            };
            set.insert(entry.to_lowercase());
        }
        lex
    }

    /// The class of an abbreviation key (see [`abbrev_key`]); a capitalised key also matches
    /// an entry that starts in lower case ("Vgl" → "vgl", "Z.T" → "z.T").
    pub(crate) fn abbrev(&self, key: &str) -> Option<AbbrevClass> {
        if key.is_empty() {
            return None;
        }
        if let Some(c) = self.abbrevs.get(key) {
            return Some(*c);
        }
        let mut chars = key.chars();
        let first = chars.next()?;
        if !first.is_uppercase() {
            return None;
        }
        // ASCII fast path without allocation.
        let mut buf = [0u8; 24];
        if first.is_ascii() && key.len() <= buf.len() {
            buf[..key.len()].copy_from_slice(key.as_bytes());
            buf[0] = buf[0].to_ascii_lowercase();
            let lowered = std::str::from_utf8(&buf[..key.len()]).ok()?;
            return self.abbrevs.get(lowered).copied();
        }
        let lowered: String = first.to_lowercase().chain(chars).collect();
        self.abbrevs.get(&lowered).copied()
    }

    pub(crate) fn is_function(&self, word: &str) -> bool {
        !word.is_empty() && self.function.contains(lower(word).as_ref())
    }

    /// The lower-case function words ([`Self::is_function`]).
    pub(crate) fn function_words(&self) -> impl Iterator<Item = &str> {
        self.function.iter().map(String::as_str)
    }

    pub(crate) fn is_month(&self, word: &str) -> bool {
        !word.is_empty() && self.months.contains(lower(word).as_ref())
    }

    pub(crate) fn is_ordinal_noun(&self, word: &str) -> bool {
        !word.is_empty() && self.ordinal_nouns.contains(lower(word).as_ref())
    }

    pub(crate) fn is_ordinal_before(&self, word: &str) -> bool {
        !word.is_empty() && self.ordinal_before.contains(lower(word).as_ref())
    }

    pub(crate) fn is_no_end(&self, word: &str) -> bool {
        !word.is_empty() && self.no_end.contains(lower(word).as_ref())
    }

    #[cfg(test)]
    pub(crate) fn abbrev_count(&self) -> usize {
        self.abbrevs.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_classify() {
        let de = lexicon(Lang::De);
        assert!(de.abbrev_count() > 100);
        assert_eq!(de.abbrev("z.B"), Some(AbbrevClass::Inner));
        assert_eq!(de.abbrev("Z.B"), Some(AbbrevClass::Inner));
        assert_eq!(de.abbrev("usw"), Some(AbbrevClass::Final));
        assert_eq!(de.abbrev("S"), Some(AbbrevClass::Number));
        assert_eq!(de.abbrev("s"), Some(AbbrevClass::Inner));
        assert_eq!(de.abbrev("Mio"), Some(AbbrevClass::Other));
        assert_eq!(de.abbrev("Haus"), None);
        assert!(de.is_function("Die"));
        assert!(de.is_month("März"));
        assert!(de.is_ordinal_noun("Jahrhundert"));
        assert!(de.is_ordinal_before("am"));

        let en = lexicon(Lang::En);
        assert_eq!(en.abbrev("Mr"), Some(AbbrevClass::Inner));
        assert_eq!(en.abbrev("e.g"), Some(AbbrevClass::Inner));
        assert_eq!(en.abbrev("p.m"), Some(AbbrevClass::Final));
        assert_eq!(en.abbrev("P.M"), Some(AbbrevClass::Final));
        assert_eq!(en.abbrev("No"), Some(AbbrevClass::Number));
        assert_eq!(en.abbrev("U.S"), Some(AbbrevClass::Other));
        assert!(en.is_function("They"));
        assert!(!en.is_function("Smith"));
    }

    #[test]
    fn every_abbreviation_is_in_one_section_only() {
        for data in [include_str!("data/de.txt"), include_str!("data/en.txt")] {
            let mut seen = HashMap::new();
            for (section, entry) in entries(data) {
                let key = abbrev_key(entry).into_owned();
                if let Some(prev) = seen.insert(key, section) {
                    panic!("abbreviation {entry:?} in [{prev}] and [{section}]");
                }
            }
        }
    }

    #[test]
    fn keys_ignore_spaces_and_final_period() {
        assert_eq!(abbrev_key("z. B."), "z.B");
        assert_eq!(abbrev_key("i. d. R."), "i.d.R");
        assert_eq!(abbrev_key("usw."), "usw");
    }
}
