//! A German–English word list, loaded at run time (`--dict PATH`).
//!
//! The format is the one of the Debian package `trans-de-en` (`/usr/share/trans/de-en`, from
//! the Ding dictionary): one entry per line, `German :: English`; ` | ` separates parallel
//! sub-entries (singular | plural), `;` separates alternatives; `{m}`, `[geol.]`, `(…)` and
//! `<…>` are annotations; lines starting with `#` are comments. For example:
//!
//! ```text
//! Aalbestand {m} | Aalbestände {pl} :: eel stock | eel stocks
//! ```
//!
//! mtlint keeps single-word German headwords and the words of short English translations, so
//! that the aligner (and checks) can ask "may German word X translate English word Y?". The
//! file is never shipped with mtlint: it is read from the path the user gives.
//!
//! Loading is linear in the file size: a sub-entry's German and English alternatives are
//! kept as one group (its German words point to the group, the group to its English words),
//! not as every German–English pair; a lookup collects the English words of the groups of
//! a German word (and back). One line of 20,000 × 20,000 alternatives is 40,000 words, not
//! 400 million pairs. Answers are those of the pairwise table: the words, deduplicated, in
//! the order they first appear in the file.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;

use crate::error::{MtError, Result};

/// A bilingual word list: German word → English words and back (all lower case).
#[derive(Default, Clone)]
pub struct Dictionary {
    words: Vec<String>,
    ids: HashMap<String, u32>,
    /// Per group (a sub-entry: German alternatives :: English alternatives): the range of its
    /// German words in `group_words` and of its English words.
    groups: Vec<(Range<u32>, Range<u32>)>,
    group_words: Vec<u32>,
    /// The groups of each German word, and of each English word.
    de_groups: HashMap<u32, Vec<u32>>,
    en_groups: HashMap<u32, Vec<u32>>,
}

impl fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Dictionary({} German words, {} English words)",
            self.de_groups.len(),
            self.en_groups.len()
        )
    }
}

const GERMAN_FILLERS: [&str; 14] = [
    "jdn.", "jdm.", "jds.", "etw.", "sich", "jdn", "jdm", "etw", "der", "die", "das", "den", "dem",
    "des",
];
const ENGLISH_FILLERS: [&str; 12] = [
    "to", "a", "an", "the", "sb.", "sth.", "sb", "sth", "sb's", "of", "one's", "oneself",
];

/// German inflection endings tried when a word is not in the list as written.
const GERMAN_ENDINGS: [&str; 8] = ["en", "n", "e", "es", "s", "er", "em", "ern"];

impl Dictionary {
    /// Read a word list in the `trans-de-en` format.
    pub fn load(path: &Path) -> Result<Dictionary> {
        let text = crate::formats::read_text_as(path, crate::formats::Role::Dictionary)?;
        let dict = Dictionary::parse(&text);
        if dict.de_groups.is_empty() {
            return Err(MtError::Format {
                path: path.to_path_buf(),
                message: "no dictionary entries found; expected lines like \
                          `Haus {n} | Häuser {pl} :: house | houses`"
                    .to_string(),
            });
        }
        Ok(dict)
    }

    /// Parse the text of a word list (see the module documentation).
    pub fn parse(text: &str) -> Dictionary {
        let mut d = Dictionary::default();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((de, en)) = line.split_once(" :: ") else {
                continue;
            };
            for (de_sub, en_sub) in de.split(" | ").zip(en.split(" | ")) {
                let de_words: Vec<String> = de_sub
                    .split(';')
                    .filter_map(|alt| single_word(&clean(alt), &GERMAN_FILLERS))
                    .collect();
                if de_words.is_empty() {
                    continue;
                }
                let mut en_words: Vec<String> = Vec::new();
                for alt in en_sub.split(';') {
                    let cleaned = clean(alt);
                    let words: Vec<&str> = cleaned
                        .split_whitespace()
                        .filter(|w| !ENGLISH_FILLERS.contains(w))
                        .collect();
                    if words.len() <= 2 {
                        for w in words {
                            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                            if w.chars().count() >= 2 {
                                en_words.push(w.to_string());
                            }
                        }
                    }
                }
                d.add_group(&de_words, &en_words);
            }
        }
        for v in d.de_groups.values_mut().chain(d.en_groups.values_mut()) {
            v.dedup();
        }
        d
    }

    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(w.to_string());
        self.ids.insert(w.to_string(), id);
        id
    }

    /// One sub-entry: every word of `de` may translate every word of `en`.
    fn add_group(&mut self, de: &[String], en: &[String]) {
        if de.is_empty() || en.is_empty() {
            return;
        }
        let group = self.groups.len() as u32;
        let range = |d: &mut Dictionary, ws: &[String], german: bool| -> Range<u32> {
            let start = d.group_words.len() as u32;
            for w in ws {
                let id = d.intern(w);
                d.group_words.push(id);
                let map = if german {
                    &mut d.de_groups
                } else {
                    &mut d.en_groups
                };
                map.entry(id).or_default().push(group);
            }
            start..d.group_words.len() as u32
        };
        let de_range = range(self, de, true);
        let en_range = range(self, en, false);
        self.groups.push((de_range, en_range));
    }

    /// Number of German headwords.
    pub fn len(&self) -> usize {
        self.de_groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.de_groups.is_empty()
    }

    /// The words `word` translates: through its groups in `map` (`german`: `word` is German),
    /// tried as written, then without one of `endings`. Deduplicated, in the order the words
    /// entered the list (word ids).
    fn lookup<'a>(
        &'a self,
        german: bool,
        word: &str,
        endings: &[&str],
    ) -> impl Iterator<Item = &'a str> + 'a {
        let map = if german {
            &self.de_groups
        } else {
            &self.en_groups
        };
        let lower = word.to_lowercase();
        let mut hit: Option<&Vec<u32>> = self.ids.get(&lower).and_then(|id| map.get(id));
        if hit.is_none() {
            for e in endings {
                if let Some(stem) = lower.strip_suffix(e)
                    && stem.chars().count() >= 3
                    && let Some(v) = self.ids.get(stem).and_then(|id| map.get(id))
                {
                    hit = Some(v);
                    break;
                }
            }
        }
        let mut ids: Vec<u32> = Vec::new();
        for &g in hit.into_iter().flatten() {
            let (de, en) = &self.groups[g as usize];
            let other = if german { en } else { de };
            ids.extend_from_slice(&self.group_words[other.start as usize..other.end as usize]);
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .map(move |i| self.words[i as usize].as_str())
    }

    /// English translations of a German word (lower case). Tries the word as written, then
    /// without a common inflection ending (`Häusern` → `Häuser`).
    pub fn de_to_en<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.lookup(true, word, &GERMAN_ENDINGS)
    }

    /// German translations of an English word (lower case); tries `-s`, `-es`, `-ed`, `-ing`.
    pub fn en_to_de<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.lookup(false, word, &["s", "es", "ed", "ing"])
    }

    /// May German `de` translate English `en`? (Both compared in lower case.)
    pub fn translates(&self, de: &str, en: &str) -> bool {
        let en = en.to_lowercase();
        let stem = super::features::stem_en(&en).to_string();
        self.de_to_en(de)
            .any(|e| e == en || super::features::stem_en(e) == stem)
    }
}

/// Remove annotations: `{…}`, `[…]`, `(…)`, `<…>`.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '{' | '[' | '(' | '<' => depth += 1,
            '}' | ']' | ')' | '>' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    // Abbreviations between slashes ("department /dept./") are annotations too.
    out.split_whitespace()
        .filter(|w| !(w.len() > 2 && w.starts_with('/') && w.ends_with('/')))
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn single_word(s: &str, fillers: &[&str]) -> Option<String> {
    let mut words = s.split_whitespace().filter(|w| !fillers.contains(w));
    let w = words.next()?;
    if words.next().is_some() {
        return None;
    }
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    (w.chars().count() >= 2).then(|| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = "# test word list\n\
        Haus {n}; Gebäude {n} | Häuser {pl}; Gebäude {pl} :: house; building | houses; buildings\n\
        Macht {f} [pol.] :: power\n\
        jdn. angreifen {vt} | angreifend :: to attack sb. | attacking\n\
        Landwirtschaft {f} :: agriculture; farming\n\
        das A und O [ugs.] :: the nuts and bolts [coll.]\n\
        Abteilung {f} /Abt./ (Organisationseinheit) :: department /dept./\n";

    #[test]
    fn parses_entries_and_inflections() {
        let d = Dictionary::parse(FIXTURE);
        let mut h: Vec<&str> = d.de_to_en("Häuser").collect();
        h.sort();
        assert_eq!(h, ["buildings", "houses"]);
        assert!(d.de_to_en("Macht").any(|e| e == "power"));
        assert!(d.de_to_en("angreifen").any(|e| e == "attack"));
        // inflected form not in the list: falls back to the stem
        assert!(d.de_to_en("Häusern").any(|e| e == "houses"));
        assert!(d.en_to_de("agriculture").any(|g| g == "landwirtschaft"));
        assert!(d.translates("Landwirtschaft", "Farming"));
        assert!(!d.translates("Macht", "house"));
        // multi-word German phrases are not headwords
        assert_eq!(d.de_to_en("und").count(), 0);
        // "/Abt./" is an annotation, not a second word
        assert!(d.translates("Abteilung", "department"));
    }

    #[test]
    fn load_reports_missing_and_empty_files() {
        assert!(Dictionary::load(Path::new("/nonexistent/de-en")).is_err());
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("empty.txt");
        std::fs::write(&p, "# nothing\n").expect("write");
        assert!(Dictionary::load(&p).is_err());
        std::fs::write(&p, FIXTURE).expect("write");
        assert_eq!(Dictionary::load(&p).map(|d| d.len()).unwrap_or(0), 8);
    }
}
