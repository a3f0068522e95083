use std::collections::HashMap;
use std::sync::LazyLock;

use crate::checks::lang::{DETERMINERS, FUNCTION_WORDS};
use crate::checks::text::{
    BYTE_HIGHS, WordSet, ascii_bytes_in, is_code_like, tokens, word_set, words,
};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

static CAMEL_NAMES: LazyLock<WordSet> =
    LazyLock::new(|| word_set(include_str!("data/camel_case_names.txt")));

declare_check! {
    /// ## What it catches
    ///
    /// Two words glued together without a space, typically where the source had a link, a line
    /// break or markup between them: "IndividuumWilliam", "VersammlungIm".
    ///
    /// ## Why it matters
    ///
    /// Text extracted from web pages loses the boundary between a link text and the following word;
    /// the glued token is unreadable and hides a sentence boundary.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: In the book The Sovereign Individual, William Rees-Mogg argues
    /// de: Im Buch Das souveräne IndividuumWilliam Rees-Mogg argumentiert
    ///                           ^^^^^^^^^^^^^^^^^ suggestion: "Individuum William"
    /// ```
    ///
    /// ## How it decides
    ///
    /// Inside a word, a lower-case letter followed by an upper-case letter that starts a lower-case
    /// run ("mW" in "IndividuumWilliam"), with at least four letters before the seam or a short
    /// German word ("DerTsunami", "inPalu", "ihreAntwort"); an all-capitals word after a lower-case
    /// German word ("dieUSA", "fürCNN"); two words the English writes apart ("Joe Alleva" →
    /// "JoeAlleva").
    ///
    /// ## Not flagged
    ///
    /// Camel-case names and brands (iPhone, YouTube, PayPal, eBay, McDonald, MicroBT, JavaScript,
    /// …: a short first part or an all-capitals second part, or a name from the built-in list),
    /// words that the English source contains as written, URLs, @handles, hashtags and code.
    pub struct GluedWords {
        code: "MT002",
        name: "glued-words",
        severity: Error,
        summary: "Two words glued together without a space (\"IndividuumWilliam\")",
    }
}

/// Short German words that start a glue ("inPalu", "ihreAntwort", "hatRückschläge") but are
/// not in the function-word list of MT004 (where "In" or "Sie" are ambiguous).
#[rustfmt::skip]
const SHORT_WORDS: &[&str] = &[
    "in", "im", "ist", "hat", "sind", "war", "was", "sie", "ihr", "ihre", "ihren", "ihrem",
    "sein", "seine", "seinen", "mein", "meine", "dein", "unser", "zwei", "drei", "vier", "acht",
    "neun", "zehn", "neue", "neuen", "paar", "sagt", "soll", "kann", "wird", "wie", "wo",
];

fn german_word(lower: &str) -> bool {
    FUNCTION_WORDS.contains(lower) || SHORT_WORDS.contains(&lower) || DETERMINERS.contains(&lower)
}

/// "Does the English have `left right`?" ("Joe Alleva" for "JoeAlleva"), for many seams of
/// one pair in linear time overall. The first few questions scan the source (`contains`);
/// later ones use an index, built once, of the places where a single space stands between two
/// letters, keyed by the two letters before and after it. The answer is that of
/// `source.contains("{left} {right}")` (for alphabetic `left` and `right` of two or more
/// letters: the letters before the space end with `left`, those after it start with
/// `right`). The work spent on verifying candidates is capped at a multiple of the source's
/// length; past the cap (hostile text only) the answer is "yes", which keeps the check silent.
struct SourcePairs<'a> {
    source: &'a str,
    scans: std::cell::Cell<usize>,
    index: std::cell::OnceCell<HashMap<&'a str, Vec<usize>>>,
    budget: std::cell::Cell<usize>,
}

/// Questions answered by a scan before the index is built.
const SCANS_BEFORE_INDEX: usize = 8;

impl<'a> SourcePairs<'a> {
    fn new(source: &'a str) -> Self {
        SourcePairs {
            source,
            scans: std::cell::Cell::new(0),
            index: std::cell::OnceCell::new(),
            budget: std::cell::Cell::new(16 * (source.len() + 64)),
        }
    }

    /// The key of the space at byte `p` of `s`: two letters before it, the space and two
    /// letters after it (None when there are fewer).
    fn key_at(s: &str, p: usize) -> Option<&str> {
        let mut before = s[..p].char_indices().rev();
        let (_, b1) = before.next()?;
        let (b0, b2) = before.next()?;
        let mut after = s[p + 1..].chars();
        let (a1, a2) = (after.next()?, after.next()?);
        let all_letters = [b1, b2, a1, a2].iter().all(|c| c.is_alphabetic());
        all_letters.then(|| &s[b0..p + 1 + a1.len_utf8() + a2.len_utf8()])
    }

    fn has(&self, left: &str, right: &str) -> bool {
        if self.scans.get() < SCANS_BEFORE_INDEX {
            self.scans.set(self.scans.get() + 1);
            return self.source.contains(&format!("{left} {right}"));
        }
        let source = self.source;
        let index = self.index.get_or_init(|| {
            let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
            for (p, _) in source.match_indices(' ') {
                if let Some(k) = Self::key_at(source, p) {
                    map.entry(k).or_default().push(p);
                }
            }
            map
        });
        let probe = format!("{left} {right}");
        let Some(key) = Self::key_at(&probe, left.len()) else {
            return self.source.contains(&probe); // (not reached: both have 2+ letters)
        };
        let Some(candidates) = index.get(key) else {
            return false;
        };
        for &p in candidates {
            let cost = probe.len();
            if self.budget.get() < cost {
                return true;
            }
            self.budget.set(self.budget.get() - cost);
            if source[..p].ends_with(left) && source[p + 1..].starts_with(right) {
                return true;
            }
        }
        false
    }
}

/// Byte offsets (within `w`) where a new capitalised word starts after a lower-case run.
/// `source` answers whether the English has the two words apart: "Joe Alleva" there makes
/// "JoeAlleva" a glue.
///
/// One pass over the chars; the runs ahead of a seam (alphabetic, upper-case, up to the next
/// capital) are found by pointers that only move forward: no seam rescans the rest of the
/// word.
fn seams(w: &str, source: &SourcePairs<'_>) -> Vec<usize> {
    let cs: Vec<(usize, char)> = w.char_indices().collect();
    let n = cs.len();
    let byte = |i: usize| cs.get(i).map_or(w.len(), |&(p, _)| p);
    // Ends of the runs ahead of char index i, found by pointers that only move forward (the
    // seams come in order): where the alphabetic run from i ends, where the upper-case run
    // from i ends, and the first upper-case char after i (char indices, n for none).
    let (mut alpha_end, mut upper_end, mut next_upper) = (0usize, 0usize, 0usize);
    let mut runs_from = |i: usize| {
        if alpha_end <= i {
            alpha_end = i;
            while alpha_end < n && cs[alpha_end].1.is_alphabetic() {
                alpha_end += 1;
            }
        }
        if upper_end <= i {
            upper_end = i;
            while upper_end < n && cs[upper_end].1.is_uppercase() {
                upper_end += 1;
            }
        }
        if next_upper <= i {
            next_upper = i + 1;
            while next_upper < n && !cs[next_upper].1.is_uppercase() {
                next_upper += 1;
            }
        }
        (alpha_end, upper_end, next_upper)
    };
    let mut out = Vec::new();
    let mut seg_start = 0usize; // char index where the current part starts
    for i in 1..n {
        let (pos, c) = cs[i];
        let prev = cs[i - 1].1;
        if !c.is_alphabetic() || !prev.is_alphabetic() {
            seg_start = i;
            continue;
        }
        if prev.is_lowercase() && c.is_uppercase() {
            let (alpha_end, caps_end, next_upper_after) = runs_from(i);
            let left_len = i - seg_start;
            let next_lower = cs.get(i + 1).is_some_and(|&(_, d)| d.is_lowercase());
            let left_first_upper = cs[seg_start].1.is_uppercase();
            let left = &w[cs[seg_start].0..pos];
            let left_lower = left.to_lowercase();
            // "IndividuumWilliam", "DerTsunami", "inPalu": a real word on the left (a
            // capitalised one of ≥ 4 letters, a lower-case one of ≥ 4, or a short German
            // word: "dassSchäden", "imJahr", "DieSerie"), a capitalised word on the right.
            let left_ok = if left_first_upper {
                left_len >= 4 || german_word(&left_lower)
            } else {
                left_len >= 4 || left_len >= 2 && german_word(left)
            };
            // the gender form with a capital I: "BürgerInnen", "StudentIn"
            let rest_word = &w[pos..byte(alpha_end)];
            let binnen_i = matches!(rest_word, "In" | "Innen");
            // An all-capitals word after a lower-case German word: "dieUSA", "fürCNN",
            // "einschließlichPBS" (not "macOS", "iPadOS").
            let after_caps = &w[byte(caps_end.min(alpha_end))..byte(alpha_end)];
            let caps_word = caps_end - i >= 2
                && (after_caps.is_empty() || after_caps == "s")
                && !left_first_upper
                && (left_len >= 5 || german_word(left));
            // The English has the two words apart: "Joe Alleva", "Los Angeles".
            let right_end = alpha_end.min(next_upper_after);
            let right = &w[pos..byte(right_end)];
            let apart_in_source = left_len >= 2 && right_end - i >= 2 && source.has(left, right);
            if (next_lower && left_ok || caps_word || apart_in_source) && !binnen_i {
                out.push(pos);
            }
            seg_start = i;
        }
    }
    out
}

/// The cheap pre-filter: a lower-case letter directly followed by an upper-case one.
///
/// Eight bytes at a time while they are ASCII (where only `a`–`z` and `A`–`Z` have a case):
/// the lower-case bytes, shifted on by one, meet the upper-case ones at a seam. A char
/// beyond ASCII, and the last bytes, are decoded one char at a time.
fn has_case_seam(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    // whether the char before byte i is lower-case
    let mut prev_lower = false;
    while i < b.len() {
        if let Some(eight) = b[i..].first_chunk::<8>() {
            let w = u64::from_le_bytes(*eight);
            if w & BYTE_HIGHS == 0 {
                let upper = ascii_bytes_in(w, b'A', b'Z');
                let lower = ascii_bytes_in(w, b'a', b'z');
                if ((lower << 8) | u64::from(prev_lower) << 7) & upper != 0 {
                    return true;
                }
                prev_lower = lower >> 63 != 0;
                i += 8;
                continue;
            }
        }
        // A char beyond ASCII among the next eight bytes, or fewer left: one char.
        let c = match b[i] {
            x if x.is_ascii() => char::from(x),
            _ => match s[i..].chars().next() {
                Some(c) => c,
                None => return false,
            },
        };
        if prev_lower && c.is_uppercase() {
            return true;
        }
        prev_lower = c.is_lowercase();
        i += c.len_utf8();
    }
    false
}

impl Check for GluedWords {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        let t = pair.target;
        // (white space is neither case: a seam of the whole text is a seam of a token, and
        // most targets have none)
        if !has_case_seam(t) {
            return;
        }
        let source_pairs = SourcePairs::new(pair.source);
        let source_words = pair.analysis.source_words();
        for tok in tokens(t) {
            let token = &t[tok.clone()];
            if !has_case_seam(token) || is_code_like(token) {
                continue;
            }
            for w in words(token).iter() {
                let word = &token[w.clone()];
                let cuts = seams(word, &source_pairs);
                if cuts.is_empty() || CAMEL_NAMES.contains(word) || source_words.has(word) {
                    continue;
                }
                // Hyphen parts: "Bitcoin-YouTube" – test the part holding each seam (each
                // part once, however many seams it holds).
                let mut kept = Vec::with_capacity(cuts.len());
                let mut part_end = 0usize;
                let mut part_ok = false;
                for c in cuts {
                    if c >= part_end {
                        let part_start = word[..c].rfind('-').map_or(0, |i| i + 1);
                        part_end = word[c..].find('-').map_or(word.len(), |i| c + i);
                        let part = &word[part_start..part_end];
                        part_ok = !CAMEL_NAMES.contains(part) && !source_words.has(part);
                    }
                    if part_ok {
                        kept.push(c);
                    }
                }
                let cuts = kept;
                if cuts.is_empty() {
                    continue;
                }
                let mut fixed = String::with_capacity(word.len() + cuts.len());
                let mut last = 0;
                for &c in &cuts {
                    fixed.push_str(&word[last..c]);
                    fixed.push(' ');
                    last = c;
                }
                fixed.push_str(&word[last..]);
                // A function word after a seam is capitalised only because two fragments
                // were glued there ("VersammlungIm Jahr"): in mid-sentence it is lower case.
                let fixed = fixed
                    .split(' ')
                    .enumerate()
                    .map(|(i, part)| {
                        let lower = part.to_lowercase();
                        if i > 0
                            && part.chars().next().is_some_and(char::is_uppercase)
                            && part.chars().skip(1).all(char::is_lowercase)
                            && FUNCTION_WORDS.contains(lower.as_str())
                        {
                            lower
                        } else {
                            part.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                let start = tok.start + w.start;
                out.push(
                    Finding::target(
                        &Self::RULE,
                        start..start + word.len(),
                        format!("Words glued together: '{word}' looks like '{fixed}'"),
                    )
                    .with_suggestion(fixed),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{run, spans};

    #[test]
    fn a_case_seam_is_a_lower_case_char_before_an_upper_case_one() {
        let by_chars = |s: &str| {
            let c: Vec<char> = s.chars().collect();
            c.windows(2)
                .any(|w| w[0].is_lowercase() && w[1].is_uppercase())
        };
        for s in [
            "",
            "a",
            "aB",
            "Ab",
            "a B",
            "äB",
            "aÖ",
            "äÖ",
            "ßX",
            "éÉ",
            "ǅa",
            "aǅ",
            "σΣ",
            "1A",
            "a1B",
            "EinHaus",
            "Straße",
            "mehrÜber",
            "xİ",
            "ﬀA",
        ] {
            assert_eq!(has_case_seam(s), by_chars(s), "{s:?}");
        }
        // Long enough for whole eight-byte chunks, seams at every offset, across chunks and
        // next to chars beyond ASCII.
        let random =
            crate::checks::tokens::tests::random_texts("aZzA@[`{ äÖßǅ\u{80}1", 41, 40, 40_000);
        let mut seams = 0;
        for s in &random {
            assert_eq!(has_case_seam(s), by_chars(s), "{s:?}");
            seams += usize::from(by_chars(s));
        }
        assert!(seams > 1_000 && seams < 39_000, "{seams}");
        for k in 0..20 {
            let pad = "x".repeat(k);
            for s in [
                format!("{pad}aB"),
                format!("{pad}a B"),
                format!("{pad}äB"),
                format!("{pad}zÄ"),
                format!("{pad}Z@a"),
                format!("{pad}`A{{"),
            ] {
                assert_eq!(has_case_seam(&s), by_chars(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn splits_glued_words_from_the_seed() {
        let t =
            "Im Buch von 1997 Das souveräne IndividuumWilliam Rees-Mogg und James Dale Davidson";
        let r = run(&GluedWords, "", t);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "IndividuumWilliam");
        assert_eq!(
            spans(
                &GluedWords,
                "",
                "Gesetzentwurf A8132 der VersammlungIm Falle einer Verabschiedung"
            ),
            vec!["VersammlungIm"]
        );
        let mut out = Findings::new();
        let doc = crate::checks::DocStats::default();
        GluedWords.check(
            &PairView::simple("", "der VersammlungIm Falle", &doc),
            &mut out,
        );
        assert_eq!(out[0].suggestion.as_deref(), Some("Versammlung im"));
        assert_eq!(
            spans(&GluedWords, "", "die wurdeGemacht"),
            vec!["wurdeGemacht"]
        );
    }

    #[test]
    fn splits_glues_after_short_words_and_before_acronyms() {
        for (t, glued) in [
            ("DerTsunami folgte einem Erdbeben.", "DerTsunami"),
            ("DieSerie von Erdbeben war spürbar.", "DieSerie"),
            ("Menschen wurden inPalu evakuiert.", "inPalu"),
            ("Erinnern Sie sich an ihreAntwort?", "ihreAntwort"),
            ("Die Kritik an dieUSA wächst.", "dieUSA"),
            ("ein Interview fürCNN", "fürCNN"),
            ("Regeln für derKI Einsatz", "derKI"),
            ("einschließlichPBS und NPR", "einschließlichPBS"),
            ("es sagtGlobal Citizen", "sagtGlobal"),
        ] {
            assert_eq!(spans(&GluedWords, "", t), vec![glued], "{t}");
        }
        // Two words that the English has apart: a glued name.
        assert_eq!(
            spans(
                &GluedWords,
                "LSU athletic director Joe Alleva thanked",
                "LSU-Direktor JoeAlleva dankte"
            ),
            vec!["JoeAlleva"]
        );
        // Not glued: brands, the Binnen-I, names the English writes the same way.
        for t in [
            "mit macOS, iPadOS und ownCloud",
            "bei YouTube, PayPal und eBay",
            "alle LehrerInnen",
            "die DaVinci-Resolve-Software",
            "ein iPhone und das GmbH-Gesetz",
        ] {
            assert!(spans(&GluedWords, "", t).is_empty(), "{t}");
        }
        assert!(spans(&GluedWords, "Joe's JoeAlleva fund", "Joes JoeAlleva-Fonds").is_empty());
    }

    #[test]
    fn camel_case_names_are_fine() {
        for t in [
            "die Konkurrenten MicroBT und Canaan",
            "auf dem iPhone, bei eBay und PayPal",
            "ein Video auf YouTube und ein Menü bei McDonald's",
            "im Pseudonym @BasedBeffJesos, siehe https://example.com/SomePath",
            "mit JavaScript, WordPress und LinkedIn",
            "mit macOS, iPadOS, jQuery und ownCloud",
            "alle BürgerInnen und jede StudentIn",
            "die Open-Source-LLMs und GPUs von OpenAI und ChatGPT",
        ] {
            assert!(spans(&GluedWords, "", t).is_empty(), "{t}");
        }
        // A name the source spells the same way is not glued.
        assert!(
            spans(
                &GluedWords,
                "Sold by BlockStream Inc.",
                "Verkauft von BlockStream Inc."
            )
            .is_empty()
        );
    }
}
