//! A word-translation model learned from the document itself (Moore 2002; hunalign's
//! realign step): after a first alignment, the confident 1-1 sentence pairs tell which
//! source and target words travel together.
//!
//! # What is learned, and what is not
//!
//! Only content words are learned: letters only, at least [`MIN_CHARS`] characters, and in
//! no more than [`MAX_DF_SHARE`] of the sentences of their side. Function words (`the`,
//! `und`, `die`) co-occur with everything; a link for them would give every sentence pair a
//! little similarity, and the aligner would glue an omitted or inserted sentence to its
//! neighbour instead of leaving it unaligned (seen on the damaged MQM set, where a
//! boilerplate line earned credit through learned links and became part of a 1-2 bead).
//!
//! A pair (source word, target word) is linked when it co-occurs in at least
//! [`MIN_JOINT`] learning pairs with a Dice coefficient of at least the given minimum, and
//! the target word's best partner is that source word (competitive linking, with room for
//! a source word to take several target forms: `room` — `Zimmer`, `Zimmers`). Fewer than
//! [`MIN_PAIRS`] learning pairs teach nothing: a short document's counts are noise.
//!
//! # Public API (for checks that look for dropped or invented content)
//!
//! - [`Lexicon::learn`]: from the sentences of both sides, the 1-1 pairs to learn from (for
//!   example the beads of [`crate::align::align`] with a score of 0.5 or more) and an
//!   optional dictionary (a prior: dictionary pairs are links whatever the counts say).
//! - [`Lexicon::link`]: how surely a source word and a target word translate each other,
//!   0 to 1 (identical or cognate forms, the same number in either locale, dictionary
//!   pairs, learned pairs).
//! - [`Lexicon::coverage`]: for one sentence pair, the share of the content words of
//!   either side that find a partner on the other, and the words that do not.

use std::sync::Arc;

use super::dict::Dictionary;
use super::features::{self, Features, FxMap, Kind};

/// Least learning pairs; below, nothing is learned.
pub const MIN_PAIRS: usize = 40;
/// Least co-occurrences of a learned link.
pub const MIN_JOINT: u32 = 2;
/// Least length (in chars, folded) of a learned word.
pub const MIN_CHARS: usize = 4;
/// Greatest share of a side's sentences a learned word may occur in.
pub const MAX_DF_SHARE: f64 = 0.05;
/// At most this many learning pairs (spread over the document) keep learning cheap.
const MAX_PAIRS: usize = 5000;

/// A learned link between a source type and a target type of a [`Features`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TypeLink {
    pub src: u32,
    pub tgt: u32,
    pub dice: f32,
}

/// Is a word in `df` of `n` sentences too frequent to be content (a function word)?
fn frequent(df: u32, n: usize) -> bool {
    (df as f64) > (MAX_DF_SHARE * n as f64).max(2.0)
}

/// Is the type a content word worth learning? `df` is its sentence frequency on a side of
/// `n` sentences.
fn learnable(kind: Kind, folded: &str, df: u32, n: usize) -> bool {
    matches!(kind, Kind::Word | Kind::Name)
        && folded.chars().count() >= MIN_CHARS
        && !frequent(df, n)
}

/// Learn links between the types of `f` from the given 1-1 sentence pairs (source,
/// target). Pairs of types that are already linked (identical, cognate, dictionary) are
/// not returned again.
pub(crate) fn learn_type_links(
    f: &Features,
    pairs: &[(usize, usize)],
    min_dice: f64,
) -> Vec<TypeLink> {
    if pairs.len() < MIN_PAIRS {
        return Vec::new();
    }
    let (n, m) = (f.src.len(), f.tgt.len());
    let src_ok: Vec<bool> = (0..f.src.vocab.len())
        .map(|i| {
            learnable(
                f.src.vocab.kind[i],
                f.src.vocab.folded(i),
                f.src.vocab.df[i],
                n,
            )
        })
        .collect();
    let tgt_ok: Vec<bool> = (0..f.tgt.vocab.len())
        .map(|i| {
            learnable(
                f.tgt.vocab.kind[i],
                f.tgt.vocab.folded(i),
                f.tgt.vocab.df[i],
                m,
            )
        })
        .collect();
    let step = pairs.len().div_ceil(MAX_PAIRS).max(1);
    let mut joint: FxMap<(u32, u32), u32> = FxMap::default();
    let mut cs: FxMap<u32, u32> = FxMap::default();
    let mut ct: FxMap<u32, u32> = FxMap::default();
    let mut a_buf: Vec<u32> = Vec::new();
    for &(s, t) in pairs.iter().step_by(step) {
        a_buf.clear();
        a_buf.extend(f.src.types(s).iter().filter(|&&x| src_ok[x as usize]));
        for &a in &a_buf {
            *cs.entry(a).or_default() += 1;
        }
        for &b in f.tgt.types(t).iter().filter(|&&x| tgt_ok[x as usize]) {
            *ct.entry(b).or_default() += 1;
            for &a in &a_buf {
                *joint.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut cand: Vec<TypeLink> = joint
        .iter()
        .filter(|&(_, &c)| c >= MIN_JOINT)
        .filter_map(|(&(a, b), &c)| {
            let dice = 2.0 * c as f64 / (cs[&a] + ct[&b]) as f64;
            (dice >= min_dice).then_some(TypeLink {
                src: a,
                tgt: b,
                dice: dice as f32,
            })
        })
        .collect();
    // Competitive linking: strongest first; a target word takes one partner, a source word
    // takes further target forms only when they are nearly as strong as its best.
    cand.sort_unstable_by(|x, y| {
        y.dice
            .total_cmp(&x.dice)
            .then(x.src.cmp(&y.src))
            .then(x.tgt.cmp(&y.tgt))
    });
    let mut tgt_taken: FxMap<u32, ()> = FxMap::default();
    let mut src_best: FxMap<u32, f32> = FxMap::default();
    let mut out = Vec::new();
    for c in cand {
        if tgt_taken.contains_key(&c.tgt) {
            continue;
        }
        if let Some(&best) = src_best.get(&c.src)
            && c.dice < 0.8 * best
        {
            continue;
        }
        tgt_taken.insert(c.tgt, ());
        src_best.entry(c.src).or_insert(c.dice);
        if !f.is_linked(c.tgt as usize, c.src) {
            out.push(c);
        }
    }
    out.sort_unstable_by_key(|l| (l.tgt, l.src));
    out
}

/// A word-translation model of one document (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Learned (folded source word, folded target word) → Dice coefficient.
    learned: FxMap<(String, String), f32>,
    /// Sentence frequency of each folded word, per side, and the number of sentences
    /// (function words are not counted by [`Lexicon::coverage`]).
    src_df: FxMap<String, u32>,
    tgt_df: FxMap<String, u32>,
    src_n: usize,
    tgt_n: usize,
    dict: Option<Arc<Dictionary>>,
}

/// What one sentence pair's words cover of each other ([`Lexicon::coverage`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coverage {
    /// Share (0..=1) of the source sentence's content words with a partner in the target;
    /// 1 when it has none.
    pub source: f64,
    /// Share of the target sentence's content words with a partner in the source.
    pub target: f64,
    /// Source content words without a partner, in sentence order (as written).
    pub source_missing: Vec<String>,
    /// Target content words without a partner.
    pub target_missing: Vec<String>,
}

/// A word as the lexicon sees it: its folded form and kind.
#[derive(Debug, Clone)]
struct Word {
    raw: String,
    folded: String,
    kind: Kind,
}

fn words(s: &str) -> Vec<Word> {
    features::words_of(s)
        .into_iter()
        .map(|(raw, folded, kind)| Word { raw, folded, kind })
        .collect()
}

impl Lexicon {
    /// Learn from a document: `source` and `target` are its sentences, `pairs` the 1-1
    /// sentence pairs (indices) to learn from, `dict` an optional dictionary used as a
    /// prior. `min_dice` is the least Dice coefficient of a learned link (0.5 is a good
    /// start).
    pub fn learn(
        source: &[&str],
        target: &[&str],
        pairs: &[(usize, usize)],
        dict: Option<Arc<Dictionary>>,
        min_dice: f64,
    ) -> Lexicon {
        let f = features::build_owned(source, target, dict.as_deref());
        let pairs: Vec<(usize, usize)> = pairs
            .iter()
            .copied()
            .filter(|&(s, t)| s < source.len() && t < target.len())
            .collect();
        let learned = learn_type_links(&f, &pairs, min_dice)
            .into_iter()
            .map(|l| {
                (
                    (
                        f.src.vocab.folded(l.src as usize).to_string(),
                        f.tgt.vocab.folded(l.tgt as usize).to_string(),
                    ),
                    l.dice,
                )
            })
            .collect();
        let counts = |side: &features::Side| -> FxMap<String, u32> {
            (0..side.vocab.len())
                .map(|i| (side.vocab.folded(i).to_string(), side.vocab.df[i]))
                .collect()
        };
        Lexicon {
            learned,
            src_df: counts(&f.src),
            tgt_df: counts(&f.tgt),
            src_n: source.len(),
            tgt_n: target.len(),
            dict,
        }
    }

    /// Number of learned links.
    pub fn len(&self) -> usize {
        self.learned.len()
    }

    /// Whether nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.learned.is_empty()
    }

    /// How surely `src_word` and `tgt_word` translate each other, 0 to 1: 1 for the same
    /// word or number (`2,000` = `2.000`), a dictionary pair or a close cognate
    /// (`Expedition` ~ `expedition`, `Finnland` ~ `Finland`); the Dice coefficient of a
    /// learned link; otherwise 0.
    pub fn link(&self, src_word: &str, tgt_word: &str) -> f64 {
        let (Some(a), Some(b)) = (words(src_word).pop(), words(tgt_word).pop()) else {
            return 0.0;
        };
        self.link_words(&a, &b)
    }

    fn link_words(&self, a: &Word, b: &Word) -> f64 {
        if (a.kind == Kind::Number) != (b.kind == Kind::Number) {
            return 0.0;
        }
        if a.folded == b.folded {
            return 1.0;
        }
        if a.kind == Kind::Number {
            return 0.0;
        }
        if features::cognates(&a.folded, &b.folded) {
            return 1.0;
        }
        if let Some(d) = &self.dict {
            let stem = features::stem_en(&a.folded);
            if d.de_to_en(&b.raw.to_lowercase())
                .any(|e| features::stem_en(e) == stem)
            {
                return 1.0;
            }
        }
        self.learned
            .get(&(a.folded.clone(), b.folded.clone()))
            .map_or(0.0, |&d| d as f64)
    }

    /// What the words of a source sentence and a target sentence cover of each other.
    /// Content words only: numbers and words of [`MIN_CHARS`] letters or more that occur in
    /// no more than [`MAX_DF_SHARE`] of the learning document's sentences (words the
    /// document never showed count as content). A word is covered by a partner linked with
    /// a strength of 0.5 or more.
    pub fn coverage(&self, src_sentence: &str, tgt_sentence: &str) -> Coverage {
        let content = |w: &Word, df: &FxMap<String, u32>, n: usize| {
            w.kind == Kind::Number
                || (w.folded.chars().count() >= MIN_CHARS
                    && df.get(&w.folded).is_none_or(|&d| !frequent(d, n)))
        };
        let a: Vec<Word> = words(src_sentence)
            .into_iter()
            .filter(|w| content(w, &self.src_df, self.src_n))
            .collect();
        let b: Vec<Word> = words(tgt_sentence)
            .into_iter()
            .filter(|w| content(w, &self.tgt_df, self.tgt_n))
            .collect();
        let mut a_hit = vec![false; a.len()];
        let mut b_hit = vec![false; b.len()];
        for (x, wa) in a.iter().enumerate() {
            for (y, wb) in b.iter().enumerate() {
                if self.link_words(wa, wb) >= 0.5 {
                    a_hit[x] = true;
                    b_hit[y] = true;
                }
            }
        }
        let share = |hit: &[bool]| {
            if hit.is_empty() {
                1.0
            } else {
                hit.iter().filter(|&&h| h).count() as f64 / hit.len() as f64
            }
        };
        let missing = |ws: &[Word], hit: &[bool]| {
            ws.iter()
                .zip(hit)
                .filter(|(_, h)| !**h)
                .map(|(w, _)| w.raw.clone())
                .collect()
        };
        Coverage {
            source: share(&a_hit),
            target: share(&b_hit),
            source_missing: missing(&a, &a_hit),
            target_missing: missing(&b, &b_hit),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small "document": 40 made-up content words, each in 5 % of 400 sentence pairs
    /// (with its own translation, in varying company), and function words in all of them.
    fn doc() -> (Vec<String>, Vec<String>) {
        let letters = |k: usize| {
            let a = (b'a' + (k % 26) as u8) as char;
            let b = (b'a' + (k / 26 % 26) as u8) as char;
            format!("{a}{b}")
        };
        let en: Vec<String> = (0..40).map(|k| format!("kel{}", letters(k))).collect();
        let de: Vec<String> = (0..40).map(|k| format!("Mur{}", letters(k))).collect();
        let mut s = Vec::new();
        let mut t = Vec::new();
        for k in 0..400 {
            // Within each block of 40 sentences, `a` and `b` each take every word once.
            let a = k % 40;
            let b = (a * 7 + 3 + k / 40) % 40;
            s.push(format!("The {} and the {} were there.", en[a], en[b]));
            t.push(format!("Der {} und der {} waren da.", de[a], de[b]));
        }
        (s, t)
    }

    #[test]
    fn learns_links_from_one_to_one_pairs() {
        let (s, t) = doc();
        let s: Vec<&str> = s.iter().map(String::as_str).collect();
        let t: Vec<&str> = t.iter().map(String::as_str).collect();
        let pairs: Vec<(usize, usize)> = (0..s.len()).map(|k| (k, k)).collect();
        let lex = Lexicon::learn(&s, &t, &pairs, None, 0.3);
        assert!(lex.link("kelaa", "Muraa") >= 0.5, "{lex:?}");
        assert!(lex.link("kelba", "Murba") >= 0.5);
        assert!(lex.link("kelaa", "Murba") < 0.5);
        // Numbers in either locale and cognates need no learning.
        assert_eq!(lex.link("2,000", "2.000"), 1.0);
        assert_eq!(lex.link("expedition", "Expedition"), 1.0);
        assert_eq!(lex.link("2,000", "2.001"), 0.0);
        let c = lex.coverage("The kelaa and the kelba.", "Das Muraa und die Murba.");
        assert_eq!((c.source, c.target), (1.0, 1.0), "{c:?}");
        let c = lex.coverage("The kelaa and the kelba.", "Das Muraa.");
        assert_eq!(c.source_missing, vec!["kelba".to_string()], "{c:?}");
        assert_eq!(c.target, 1.0);
    }

    #[test]
    fn too_few_pairs_teach_nothing() {
        let (s, t) = doc();
        let s: Vec<&str> = s.iter().map(String::as_str).collect();
        let t: Vec<&str> = t.iter().map(String::as_str).collect();
        let pairs: Vec<(usize, usize)> = (0..MIN_PAIRS - 1).map(|k| (k, k)).collect();
        assert!(Lexicon::learn(&s, &t, &pairs, None, 0.3).is_empty());
    }

    #[test]
    fn function_words_are_not_learned() {
        let (s, t) = doc();
        let s: Vec<&str> = s.iter().map(String::as_str).collect();
        let t: Vec<&str> = t.iter().map(String::as_str).collect();
        let pairs: Vec<(usize, usize)> = (0..s.len()).map(|k| (k, k)).collect();
        let lex = Lexicon::learn(&s, &t, &pairs, None, 0.3);
        // "were"/"waren" occur in every sentence: a link would credit every pair.
        assert_eq!(lex.link("were", "waren"), 0.0);
    }
}
