use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::checks::entities;
use crate::checks::l10n;
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::error::{MtError, Result};
use crate::model::Severity;

declare_check! {
    /// ## What it catches
    ///
    /// German words that the Hunspell dictionary does not know, the source does not have and
    /// the project word list does not list: typos ("Vertrga", "Rechung") and garbled words of
    /// machine translation. Off unless a dictionary is given: `mtlint check --spell
    /// /usr/share/hunspell/de_DE …` (Debian/Ubuntu: `apt install hunspell-de-de`); the
    /// dictionary is read at run time, mtlint ships none.
    ///
    /// ## Why it matters
    ///
    /// A misspelt word in a shipped string or a published text is what readers notice first;
    /// editors coming from Xbench expect a spelling pass.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: It was signed yesterday.
    /// de: Er wurde gestren unterschrieben.
    ///              ^^^^^^^
    /// ```
    ///
    /// ## How it decides
    ///
    /// Each word of the German is looked up in the dictionary (with Hunspell's compound
    /// rules). A word it does not know is still accepted when it is a compound of known
    /// parts ("Datenschutzeinstellungen", "E-Mail-Adresse", with a linking s), when the
    /// English has it (names, brands, product terms), when it is in `spelling.txt` (one word a
    /// line, read from the current folder when present), when it has a digit or is all
    /// capitals (codes, acronyms), or when it stands in a URL, e-mail address, placeholder or
    /// tag. A unit with `mtlint: ignore MT026` is not checked. An unknown word in lower case
    /// is a warning; a capitalised one (often a name or a new noun) is info. Never an error:
    /// on professional translations a few percent of sentences have a word the dictionary
    /// lacks (rare inflections, new coinages), see BENCHMARKS.md.
    ///
    /// ## Not flagged
    ///
    /// Names and terms taken over from the English ("Kubernetes", "Dropbox"); compounds of
    /// known words; numbers, URLs, placeholders; words of one or two letters.
    pub struct Spelling {
        code: "MT026",
        name: "spelling",
        severity: Warning,
        summary: "A German word the spelling dictionary does not know (with --spell)",
    }
}

/// A Hunspell dictionary and the project's own words.
pub struct Speller {
    dict: spellbook::Dictionary,
    words: HashSet<String>,
}

impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speller")
            .field("words", &self.words.len())
            .finish_non_exhaustive()
    }
}

/// The `.aff` and `.dic` files of `--spell PATH` (`de_DE`, `de_DE.dic` or `de_DE.aff`).
pub fn dictionary_files(path: &Path) -> (PathBuf, PathBuf) {
    let base = match path.extension().and_then(|e| e.to_str()) {
        Some("aff" | "dic") => path.with_extension(""),
        _ => path.to_path_buf(),
    };
    let with = |ext: &str| {
        let mut s = base.clone().into_os_string();
        s.push(ext);
        PathBuf::from(s)
    };
    (with(".aff"), with(".dic"))
}

/// The project word list read when present.
pub const PROJECT_WORDS: &str = "spelling.txt";

impl Speller {
    /// A speller from the text of an `.aff` and a `.dic` file and a word list (one word a
    /// line, `#` comments).
    pub fn parse(aff: &str, dic: &str, words: &str) -> std::result::Result<Speller, String> {
        let dict = spellbook::Dictionary::new(aff, dic).map_err(|e| e.to_string())?;
        let words = words
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        Ok(Speller { dict, words })
    }

    /// Load `--spell PATH` and, when given, a project word list.
    pub fn load(path: &Path, words: Option<&Path>) -> Result<Speller> {
        let (aff, dic) = dictionary_files(path);
        for p in [&aff, &dic] {
            if !p.is_file() {
                return Err(MtError::Usage(format!(
                    "--spell {}: {} not found; pass the dictionary's path without extension, \
                     e.g. --spell /usr/share/hunspell/de_DE (Debian/Ubuntu: apt install hunspell-de-de)",
                    path.display(),
                    p.display()
                )));
            }
        }
        let role = crate::formats::Role::Dictionary;
        let aff_text = crate::formats::read_text_as(&aff, role)?;
        let dic_text = crate::formats::read_text_as(&dic, role)?;
        let words_text = match words {
            Some(w) => crate::formats::read_text_as(w, role)?,
            None => String::new(),
        };
        Speller::parse(&aff_text, &dic_text, &words_text).map_err(|message| MtError::Format {
            path: aff.clone(),
            message: format!("not a Hunspell dictionary: {message}"),
        })
    }

    /// Whether the dictionary or the word list knows `w` as written.
    pub fn known(&self, w: &str) -> bool {
        self.words.contains(w) || self.dict.check(w)
    }

    /// Whether `w` is a word, or a compound of two known parts (the second capitalised as a
    /// noun; a linking s or es allowed), or of known hyphen-joined parts.
    pub fn accepts(&self, w: &str) -> bool {
        if self.known(w) {
            return true;
        }
        if w.contains('-') {
            return w
                .split('-')
                .all(|p| p.is_empty() || p.chars().count() < 2 || self.accepts(p) || is_code(p));
        }
        self.compound(w, 0) || self.inflected(w)
    }

    /// Forms the dictionary lacks but builds from a word it knows: a zu-infinitive of a
    /// separable verb ("aufzustacheln" ← "aufstacheln"), a learned prefix ("proeuropäische",
    /// "ultraniedrige"), a comparative or superlative ending ("indirektere", "fanatischsten").
    fn inflected(&self, w: &str) -> bool {
        const PREFIXES: &[&str] = &[
            "anti", "auto", "geo", "hyper", "inter", "multi", "neo", "nicht", "post", "prä", "pro",
            "pseudo", "semi", "sozio", "super", "ultra", "un",
        ];
        const ENDINGS: &[&str] = &[
            "ere", "eren", "erer", "eres", "erem", "ste", "sten", "ster", "stes", "stem", "este",
            "esten", "ester", "estes", "estem",
        ];
        let long = |x: &str| x.chars().count() >= MIN_PART;
        if let Some(i) = w.get(2..).and_then(|r| r.find("zu")).map(|i| i + 2) {
            let base = format!("{}{}", &w[..i], &w[i + 2..]);
            if self.known(&base) {
                return true;
            }
        }
        let lower = w.to_lowercase();
        for p in PREFIXES {
            if let Some(rest) = lower.strip_prefix(p)
                && long(rest)
                && (self.known(rest) || self.known(&capitalise(rest)) || self.inflected(rest))
            {
                return true;
            }
        }
        ENDINGS.iter().any(|e| {
            w.strip_suffix(e).is_some_and(|stem| {
                long(stem) && (self.known(stem) || self.known(&format!("{stem}e")))
            })
        })
    }

    /// A compound Hunspell's own rules miss: a known head (as written or capitalised, or
    /// with a linking s) and a known noun as tail (itself maybe such a compound), both parts
    /// of at least four letters.
    fn compound(&self, w: &str, depth: usize) -> bool {
        if depth > 2 {
            return false;
        }
        let idx: Vec<usize> = w.char_indices().map(|(i, _)| i).collect();
        let splits = idx.len().saturating_sub(MIN_PART - 1);
        for &at in idx.iter().take(splits).skip(MIN_PART) {
            let (head, tail) = w.split_at(at);
            let tail_noun = capitalise(tail);
            let head_ok = |h: &str| {
                self.known(h)
                    || self.known(&capitalise(h))
                    || (h.ends_with('s') && {
                        let stem = &h[..h.len() - 1];
                        stem.chars().count() >= MIN_PART
                            && (self.known(stem) || self.known(&capitalise(stem)))
                    })
            };
            if head_ok(head) && (self.known(&tail_noun) || self.compound(&tail_noun, depth + 1)) {
                return true;
            }
        }
        false
    }
}

/// The shortest part of a compound [`Speller::accepts`] splits off itself.
const MIN_PART: usize = 4;

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// All capitals or with a digit: a code or acronym.
fn is_code(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
        || (w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !w.chars().any(char::is_lowercase))
}

/// The spelling rule with its dictionary.
#[derive(Debug)]
pub struct SpellingWith {
    pub speller: std::sync::Arc<Speller>,
}

impl Check for SpellingWith {
    fn rule(&self) -> &'static Rule {
        &Spelling::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        let t = pair.target;
        if t.trim().is_empty() {
            return;
        }
        let mut skip: Vec<Range<usize>> = entities::entity_spans(t);
        if t.contains(['%', '{', '<', '$']) {
            skip.extend(l10n::markup_spans(t));
        }
        let source = pair.analysis.source_words();
        for tok in pair.analysis.target_tokens() {
            if !tok.is_word() {
                continue;
            }
            let w = tok.text.trim_matches(|c: char| !c.is_alphanumeric());
            if w.chars().count() < 3
                || is_code(w)
                || !w
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
            {
                continue;
            }
            if skip.iter().any(|r| entities::overlaps(r, &tok.range)) {
                continue;
            }
            // "50%ige", "Wetter.com", "bzw.": a suffix, a domain, an abbreviation.
            let before = t[..tok.range.start].chars().next_back();
            let after = &t[tok.range.end..];
            if before.is_some_and(|c| c == '%' || c.is_ascii_digit() || c == '.')
                || (after.starts_with('.')
                    && (w.chars().count() <= 3 || self.speller.known(&format!("{w}."))))
            {
                continue;
            }
            let w = w.trim_end_matches(['\'', '’']);
            let ok = |p: &str| {
                p.chars().count() < 2
                    || is_code(p)
                    || source.has(p)
                    || p.strip_suffix('s').is_some_and(|n| source.has(n))
                    || source.has(&p.to_lowercase())
                    || source.has(&capitalise(p))
                    || self.speller.accepts(p)
            };
            if ok(w) || (w.contains('-') && w.split('-').all(ok)) {
                continue;
            }
            let start = tok.range.start + tok.text.find(w).unwrap_or(0);
            let mut f = Finding::target(
                &Spelling::RULE,
                start..start + w.len(),
                format!(
                    "Unknown word: '{w}' is not in the German dictionary; check the spelling, or add it to spelling.txt"
                ),
            );
            if w.chars().next().is_some_and(char::is_uppercase) {
                f = f.with_severity(Severity::Info);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::with_severity;

    /// The Debian dictionary, when installed (`apt install hunspell-de-de`).
    fn speller() -> Option<SpellingWith> {
        let p = Path::new("/usr/share/hunspell/de_DE");
        if !p.with_extension("dic").is_file() {
            eprintln!(
                "skipped: /usr/share/hunspell/de_DE.dic not installed (apt install hunspell-de-de)"
            );
            return None;
        }
        Some(SpellingWith {
            speller: std::sync::Arc::new(Speller::load(p, None).ok()?),
        })
    }

    #[test]
    fn a_small_dictionary_with_compounds_and_project_words() {
        let aff = "SET UTF-8\n";
        let dic = "4\nDaten\nSchutz\nEinstellung\nbitte\n";
        let s = Speller::parse(aff, dic, "Kubernetes\n").unwrap();
        assert!(s.accepts("Daten"));
        assert!(s.accepts("Datenschutz"));
        assert!(s.accepts("Datenschutzeinstellung"));
        assert!(s.accepts("Kubernetes"));
        assert!(s.accepts("Daten-Schutz"));
        assert!(!s.accepts("Datne"));
        assert!(!s.accepts("bitet"));
        let s =
            Speller::parse(aff, "4\naufstacheln\neuropäische\nindirekt\nniedrige\n", "").unwrap();
        for w in [
            "aufzustacheln",
            "proeuropäische",
            "indirektere",
            "ultraniedrige",
        ] {
            assert!(s.accepts(w), "{w}");
        }
        assert!(!s.accepts("aufzustachlen"));
        // Parts of fewer than four letters are not split off.
        let s = Speller::parse(aff, "2\nRen\nSpei\n", "").unwrap();
        assert!(!s.accepts("Speiren"));
    }

    #[test]
    fn correct_german_is_not_flagged() {
        let Some(rule) = speller() else { return };
        for (s, t) in [
            (
                "Please check your privacy settings.",
                "Bitte überprüfen Sie Ihre Datenschutzeinstellungen.",
            ),
            (
                "Send it to your e-mail address via Dropbox.",
                "Senden Sie es über Dropbox an Ihre E-Mail-Adresse.",
            ),
            (
                "Kubernetes runs on 3 nodes, see https://k8s.io/docs.",
                "Kubernetes läuft auf 3 Knoten, siehe https://k8s.io/docs.",
            ),
            (
                "Hello %{name}, you have {count} files",
                "Hallo %{name}, Sie haben {count} Dateien",
            ),
            (
                "The contract was signed yesterday.",
                "Der Vertrag wurde gestern unterschrieben.",
            ),
        ] {
            let found = with_severity(&rule, s, t);
            assert!(found.is_empty(), "{t}: {found:?}");
        }
    }

    #[test]
    fn typos_are_flagged() {
        let Some(rule) = speller() else { return };
        assert_eq!(
            with_severity(
                &rule,
                "Please sign the contract.",
                "Bitte unterschreiben Sie den Vertarg."
            ),
            [("Vertarg".to_string(), Severity::Info)]
        );
        assert_eq!(
            with_severity(
                &rule,
                "It was signed yesterday.",
                "Er wurde gestren unterschrieben."
            ),
            [("gestren".to_string(), Severity::Warning)]
        );
    }
}
