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
use crate::checks::lang::{DE_CLOSED_CLASS, DE_PARAPHRASED, EN_CLOSED_CLASS, EN_PARAPHRASED};
use crate::checks::text::WordSet;

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
    /// The folded words that have a learned link, per side ([`Lexicon::support`]).
    learned_src: FxMap<String, ()>,
    learned_tgt: FxMap<String, ()>,
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
        let learned: FxMap<(String, String), f32> = learn_type_links(&f, &pairs, min_dice)
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
        let learned_src = learned.keys().map(|(a, _)| (a.clone(), ())).collect();
        let learned_tgt = learned.keys().map(|(_, b)| (b.clone(), ())).collect();
        Lexicon {
            learned,
            learned_src,
            learned_tgt,
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

/// A word of a sentence as [`Lexicon::support`] judges it.
#[derive(Debug, Clone, PartialEq)]
pub struct SupportWord {
    /// Byte range in the sentence.
    pub range: std::ops::Range<usize>,
    /// Lower-cased as written.
    pub lower: String,
    /// A number (digits).
    pub number: bool,
    /// Capitalised in mid-sentence (a name in English; any noun in German).
    pub capitalised: bool,
    /// The lexicon can judge the word: a number, a word the dictionary knows (for a German
    /// word: or a part of it, so compounds count) or a word with a learned link. A word it
    /// cannot judge says nothing about whether it has a partner.
    pub known: bool,
    /// A partner on the other side ([`Lexicon::link`] of 0.5 or more, or a dictionary word
    /// of the source inside a German compound).
    pub linked: bool,
}

/// Which words of a sentence pair find a partner on the other side ([`Lexicon::support`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Support {
    pub source: Vec<SupportWord>,
    pub target: Vec<SupportWord>,
}

/// At most this many German translations of one English word are tried inside German
/// compounds (a word like "set" has hundreds; the first ones are its common senses).
const MAX_COMPOUND_TRIES: usize = 40;

/// A German word and the parts it may be compounded of: every tail and every head of at
/// least four letters (a head also without a linking "s"), so that "Entwicklungsagenda" also
/// looks up "agenda" and "entwicklung".
fn compound_parts(w: &str) -> Vec<&str> {
    let mut parts = vec![w];
    let n = w.chars().count();
    if n < 8 {
        return parts;
    }
    crate::checks::text::push_compound_splits(w, 4, &mut parts);
    parts
}

/// German inflection endings stripped from a translation before looking for it inside a
/// German word ("Tinte" → "tint" also finds "Tinten").
fn stem_de(w: &str) -> &str {
    for suf in ["en", "er", "es", "e", "n", "s"] {
        if let Some(s) = w.strip_suffix(suf)
            && s.chars().count() >= 4
        {
            return s;
        }
    }
    w
}

/// The words of `s` with their byte ranges (the tokens of [`features::words_of`], found in
/// order in `s`).
fn placed_words(s: &str) -> Vec<(std::ops::Range<usize>, Word)> {
    let mut at = 0;
    let mut out = Vec::new();
    for w in words(s) {
        let Some(k) = s[at..].find(w.raw.as_str()) else {
            continue;
        };
        let start = at + k;
        at = start + w.raw.len();
        out.push((start..at, w));
    }
    out
}

impl Lexicon {
    /// A lexicon that knows only the dictionary (nothing learned): for a document too short
    /// to learn from, without the cost of reading it.
    pub fn with_dictionary(dict: Option<Arc<Dictionary>>) -> Lexicon {
        Lexicon {
            dict,
            ..Lexicon::default()
        }
    }

    /// The lexicon of a document given as aligned (source, target) pairs, for checks of
    /// dropped and added content: learned from every pair with text on both sides when there
    /// are at least [`MIN_PAIRS`] of them (with `dict` as a prior), else the dictionary alone.
    /// `None` when it could judge nothing (no dictionary and too few pairs): the caller has
    /// nothing to do, at no cost.
    pub fn of_pairs(pairs: &[(&str, &str)], dict: Option<Arc<Dictionary>>) -> Option<Lexicon> {
        let both: Vec<usize> = (0..pairs.len())
            .filter(|&i| !pairs[i].0.trim().is_empty() && !pairs[i].1.trim().is_empty())
            .collect();
        if both.len() < MIN_PAIRS {
            return dict.is_some().then(|| Lexicon::with_dictionary(dict));
        }
        let source: Vec<&str> = pairs.iter().map(|p| p.0).collect();
        let target: Vec<&str> = pairs.iter().map(|p| p.1).collect();
        let learn: Vec<(usize, usize)> = both.iter().map(|&i| (i, i)).collect();
        let lex = Lexicon::learn(&source, &target, &learn, dict, 0.5);
        (lex.has_dictionary() || !lex.is_empty()).then_some(lex)
    }

    /// [`Lexicon::of_pairs`], shared: MT029 and MT030 ask for the lexicon of the same
    /// document one after the other, and learning it is most of their cost. The calling
    /// thread keeps the last one, keyed by a hash of every pair's text and the dictionary, so
    /// a second rule on the same document takes it as it is.
    pub fn of_pairs_shared(
        pairs: &[(&str, &str)],
        dict: Option<Arc<Dictionary>>,
    ) -> Option<Arc<Lexicon>> {
        use std::cell::RefCell;
        use std::hash::{Hash, Hasher};
        thread_local! {
            static LAST: RefCell<Option<(u64, Option<Arc<Lexicon>>)>> = const { RefCell::new(None) };
        }
        let mut h = rustc_hash::FxHasher::default();
        pairs.len().hash(&mut h);
        for (a, b) in pairs {
            a.hash(&mut h);
            b.hash(&mut h);
        }
        dict.as_ref().map(|d| Arc::as_ptr(d) as usize).hash(&mut h);
        let key = h.finish();
        if let Some(hit) = LAST.with(|l| {
            l.borrow()
                .as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, lex)| lex.clone())
        }) {
            return hit;
        }
        let lex = Lexicon::of_pairs(pairs, dict).map(Arc::new);
        LAST.with(|l| *l.borrow_mut() = Some((key, lex.clone())));
        lex
    }

    /// Whether the lexicon has a dictionary.
    pub fn has_dictionary(&self) -> bool {
        self.dict.is_some()
    }

    /// Which words of a source sentence and a target sentence find a partner on the other
    /// side, and which of them the lexicon can judge at all ([`SupportWord::known`]). Built
    /// for checks of dropped and invented content: a run of known words without a partner is
    /// evidence; an unknown word is none. Cost: one dictionary look-up per word (and per
    /// compound part of a long German word), then set look-ups; the pairwise comparison is
    /// only for cognates and learned links.
    pub fn support(&self, src_sentence: &str, tgt_sentence: &str) -> Support {
        let a = placed_words(src_sentence);
        let b = placed_words(tgt_sentence);
        // English side: stems, and German translations to look for inside target words.
        let mut a_known = vec![false; a.len()];
        let mut a_de: Vec<Vec<String>> = vec![Vec::new(); a.len()];
        let mut a_stem: Vec<String> = Vec::with_capacity(a.len());
        for (k, (_, w)) in a.iter().enumerate() {
            a_stem.push(features::stem_en(&w.folded).to_string());
            if w.kind == Kind::Number || w.kind == Kind::Literal {
                a_known[k] = true;
                continue;
            }
            if self.learned_src.contains_key(w.folded.as_str()) {
                a_known[k] = true;
            }
            if let Some(d) = &self.dict {
                let lower = w.raw.to_lowercase();
                for g in d.en_to_de(&lower).take(MAX_COMPOUND_TRIES) {
                    a_known[k] = true;
                    if !g.contains(' ') {
                        let g = stem_de(g);
                        if g.chars().count() >= 4 {
                            a_de[k].push(g.to_string());
                        }
                    }
                }
            }
        }
        let src_stems: FxMap<&str, Vec<usize>> = {
            let mut m: FxMap<&str, Vec<usize>> = FxMap::default();
            for (k, st) in a_stem.iter().enumerate() {
                if a[k].1.kind != Kind::Number {
                    m.entry(st.as_str()).or_default().push(k);
                }
            }
            m
        };
        let mut a_hit = vec![false; a.len()];
        let mut b_hit = vec![false; b.len()];
        let mut b_known = vec![false; b.len()];
        for (y, (_, wb)) in b.iter().enumerate() {
            if wb.kind == Kind::Number || wb.kind == Kind::Literal {
                b_known[y] = true;
            }
            if self.learned_tgt.contains_key(wb.folded.as_str()) {
                b_known[y] = true;
            }
            let lower = wb.raw.to_lowercase();
            // Dictionary: the English words of the German word or of a part of it.
            if let Some(d) = &self.dict
                && wb.kind != Kind::Number
            {
                for part in compound_parts(&lower) {
                    for e in d.de_to_en(part) {
                        b_known[y] = true;
                        if let Some(ks) = src_stems.get(features::stem_en(e)) {
                            b_hit[y] = true;
                            for &k in ks {
                                a_hit[k] = true;
                            }
                        }
                    }
                }
            }
            for (x, (_, wa)) in a.iter().enumerate() {
                if a_hit[x] && b_hit[y] {
                    continue;
                }
                let linked = if (wa.kind == Kind::Number) != (wb.kind == Kind::Number) {
                    false
                } else if wa.folded == wb.folded {
                    true
                } else if wa.kind == Kind::Number {
                    false
                } else {
                    features::cognates(&wa.folded, &wb.folded)
                        || a_de[x].iter().any(|g| lower.contains(g.as_str()))
                        || self
                            .learned
                            .get(&(wa.folded.clone(), wb.folded.clone()))
                            .is_some_and(|&d| d >= 0.5)
                };
                if linked {
                    a_hit[x] = true;
                    b_hit[y] = true;
                }
            }
        }
        let side = |ws: Vec<(std::ops::Range<usize>, Word)>, known: Vec<bool>, hit: Vec<bool>| {
            ws.into_iter()
                .zip(known.into_iter().zip(hit))
                .map(|((range, w), (known, linked))| SupportWord {
                    range,
                    lower: w.raw.to_lowercase(),
                    number: w.kind == Kind::Number,
                    capitalised: w.kind == Kind::Name,
                    known: known || linked,
                    linked,
                })
                .collect()
        };
        Support {
            source: side(a, a_known, a_hit),
            target: side(b, b_known, b_hit),
        }
    }
}

/// English closed-class words (the splitter's `[function]` list) and light words that
/// translations routinely paraphrase: never evidence of dropped content.
static EN_LIGHT: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| {
    let mut set = EN_CLOSED_CLASS.clone();
    set.extend(EN_PARAPHRASED);
    set.extend([
        "also",
        "even",
        "still",
        "just",
        "only",
        "much",
        "many",
        "more",
        "most",
        "well",
        "such",
        "which",
        "whose",
        "while",
        "where",
        "when",
        "what",
        "there",
        "here",
        "these",
        "those",
        "their",
        "them",
        "they",
        "other",
        "others",
        "would",
        "could",
        "should",
        "might",
        "must",
        "will",
        "shall",
        "have",
        "has",
        "had",
        "been",
        "were",
        "into",
        "onto",
        "upon",
        "from",
        "with",
        "without",
        "about",
        "over",
        "under",
        "after",
        "before",
        "between",
        "among",
        "through",
        "because",
        "since",
        "although",
        "though",
        "however",
        "therefore",
        "thus",
        "indeed",
        "already",
        "yet",
        "ever",
        "never",
        "often",
        "now",
        "then",
        "today",
        "instead",
        "rather",
        "quite",
        "almost",
        "enough",
        "each",
        "every",
        "both",
        "either",
        "neither",
        "some",
        "any",
        "all",
        "most",
        "least",
        "less",
        "few",
        "fewer",
        "several",
        "certain",
        "whether",
        "within",
        "across",
        "against",
        "toward",
        "towards",
        "during",
        "until",
        "unless",
        "whereas",
        "per",
        "via",
    ]);
    set
});

/// German closed-class words (the checks' list and the splitter's `[function]` list) and
/// light words a translation adds freely.
static DE_LIGHT: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| {
    let mut set = DE_CLOSED_CLASS.clone();
    set.extend(DE_PARAPHRASED);
    set.extend([
        "seinen",
        "seinem",
        "seiner",
        "seines",
        "ihre",
        "ihren",
        "ihrem",
        "ihrer",
        "ihres",
        "wird",
        "wurden",
        "haben",
        "hat",
        "hatte",
        "hatten",
        "hätten",
        "wären",
        "sind",
        "war",
        "waren",
        "kann",
        "können",
        "konnte",
        "könnte",
        "könnten",
        "muss",
        "müssen",
        "müsste",
        "soll",
        "sollen",
        "sollte",
        "sollten",
        "will",
        "wollen",
        "viele",
        "vieler",
        "dabei",
        "damit",
        "dafür",
        "davon",
        "dazu",
        "darin",
        "darüber",
        "jedoch",
        "allerdings",
        "bereits",
        "schon",
        "noch",
        "heute",
        "dort",
        "hier",
        "dann",
        "denn",
        "doch",
        "eben",
        "eher",
        "etwa",
        "sogar",
        "nämlich",
        "zudem",
        "außerdem",
        "ebenfalls",
        "ebenso",
        "jedenfalls",
        "lediglich",
        "zwar",
        "wohl",
        "also",
        "bzw",
        "sowie",
        "sowohl",
        "weder",
        "noch",
        "deren",
        "dessen",
        "diese",
        "dieser",
        "dieses",
        "diesen",
        "diesem",
        "jene",
        "jener",
        "welche",
        "welcher",
        "welches",
        "andere",
        "anderen",
        "anderer",
        "anderes",
        "beiden",
        "beide",
        "einige",
        "einigen",
        "mehrere",
        "jeder",
        "jede",
        "jedes",
        "jeden",
        "jedem",
        "alle",
        "allen",
        "aller",
        "alles",
        "selbst",
        "selber",
        "gerade",
        "tatsächlich",
        "nun",
        "bisher",
        "gegenüber",
        "zwischen",
        "während",
        "wegen",
        "trotz",
        "innerhalb",
        "außerhalb",
        "oberhalb",
        "unterhalb",
        "bereit",
        "gilt",
        "geht",
        "steht",
        "stehen",
        "lässt",
        "lassen",
        "kommt",
        "kommen",
        "dass",
        "weil",
        "obwohl",
        "sodass",
        "damit",
        "indem",
        "sondern",
        "wenn",
        "falls",
        "sobald",
        "solange",
        "wobei",
        "weshalb",
        "warum",
        "wieso",
        "worauf",
        "womit",
        "wodurch",
        "darum",
        "deshalb",
        "daher",
        "dadurch",
        "trotzdem",
        "dennoch",
        "folglich",
    ]);
    set
});

/// Is a word of a [`Support`] evidence (a content word the lexicon can judge)? Numbers, and
/// known words of three letters or more that are not light words of their language.
pub fn is_evidence(w: &SupportWord, english: bool) -> bool {
    if !w.known {
        return false;
    }
    if w.number {
        return true;
    }
    let light = if english { &*EN_LIGHT } else { &*DE_LIGHT };
    w.lower.chars().count() >= 3 && !light.contains(w.lower.as_str())
}

/// Punctuation between two words that closes a clause: a run of unsupported words does not
/// reach across it.
pub fn clause_break(between: &str) -> bool {
    between.contains([
        ',', ';', ':', '(', ')', '–', '—', '.', '!', '?', '"', '“', '”', '„',
    ]) || between.contains(" - ")
}

/// The longest run of evidence words without a partner in `words` (a side of a
/// [`Support`] of `text`): function words inside the run are skipped; a word with a
/// partner, a long word the lexicon cannot judge or clause punctuation ends it. Returns the
/// run's word indices (first..last+1) and its number of evidence words.
pub fn longest_gap(
    text: &str,
    words: &[SupportWord],
    english: bool,
) -> Option<(std::ops::Range<usize>, usize)> {
    let mut best: Option<(std::ops::Range<usize>, usize)> = None;
    let mut run: Option<(usize, usize, usize)> = None; // first, last, count
    let mut prev_end: Option<usize> = None;
    let close = |run: &mut Option<(usize, usize, usize)>,
                 best: &mut Option<(std::ops::Range<usize>, usize)>| {
        if let Some((a, b, n)) = run.take()
            && best.as_ref().is_none_or(|(_, m)| n > *m)
        {
            *best = Some((a..b + 1, n));
        }
    };
    for (k, w) in words.iter().enumerate() {
        if let Some(p) = prev_end
            && clause_break(text.get(p..w.range.start).unwrap_or(""))
        {
            close(&mut run, &mut best);
        }
        prev_end = Some(w.range.end);
        if is_evidence(w, english) {
            if w.linked {
                close(&mut run, &mut best);
            } else {
                run = Some(match run {
                    Some((a, _, n)) => (a, k, n + 1),
                    None => (k, k, 1),
                });
            }
        } else if !w.known
            && !w.linked
            && w.lower.chars().count() >= 4
            && !{
                let light = if english { &*EN_LIGHT } else { &*DE_LIGHT };
                light.contains(w.lower.as_str())
            }
        {
            close(&mut run, &mut best);
        }
    }
    close(&mut run, &mut best);
    best
}

/// The clauses of a sentence or pair text: byte ranges between clause punctuation (`,` `;`
/// `:` brackets, dashes, sentence ends; not a separator inside a number), white space
/// trimmed, empty ones left out.
pub fn clauses(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |a: usize, b: usize| {
        let part = &text[a..b];
        let lead = part.len() - part.trim_start().len();
        let t = part.trim();
        if !t.is_empty() {
            out.push(a + lead..a + lead + t.len());
        }
    };
    let digit_at = |i: usize| text[i..].chars().next().is_some_and(|c| c.is_ascii_digit());
    let digit_before = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    };
    for (i, c) in text.char_indices() {
        // A separator inside a number (2,000, 1.5) is no clause end.
        let in_number = matches!(c, ',' | '.') && digit_before(i) && digit_at(i + 1);
        if !in_number
            && matches!(
                c,
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '–' | '—' | '.' | '!' | '?'
            )
        {
            push(start, i);
            start = i + c.len_utf8();
        }
    }
    push(start, text.len());
    out
}

/// In `words` (a side of a [`Support`]), the evidence words ([`is_evidence`]) inside
/// `range`: how many, how many of them have a partner, and the byte range from the first to
/// the last of them (`None` when there is none).
pub fn evidence_in(
    words: &[SupportWord],
    range: &std::ops::Range<usize>,
    english: bool,
) -> (usize, usize, Option<std::ops::Range<usize>>) {
    let mut n = 0;
    let mut linked = 0;
    let mut span: Option<std::ops::Range<usize>> = None;
    for w in words
        .iter()
        .filter(|w| w.range.start >= range.start && w.range.end <= range.end)
        .filter(|w| is_evidence(w, english))
    {
        n += 1;
        linked += usize::from(w.linked);
        span = Some(match span {
            Some(s) => s.start..w.range.end,
            None => w.range.clone(),
        });
    }
    (n, linked, span)
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
    fn support_finds_dictionary_words_compound_parts_and_numbers() {
        let dict = Dictionary::parse(
            "Drucker {m} :: printer\nPapier {n} :: paper\nHund {m} :: dog\nHaus {n} :: house\n",
        );
        let lex = Lexicon::with_dictionary(Some(Arc::new(dict)));
        let s = lex.support(
            "The printer needs 2,000 sheets of paper for the dog house.",
            "Der Drucker braucht 2.000 Blatt Papier für das Hundehaus.",
        );
        let linked: Vec<&str> = s
            .source
            .iter()
            .filter(|w| w.linked)
            .map(|w| w.lower.as_str())
            .collect();
        assert_eq!(
            linked,
            ["printer", "2,000", "paper", "dog", "house"],
            "{s:?}"
        );
        // "sheets" is unknown to the list: no evidence either way.
        assert!(s.source.iter().any(|w| w.lower == "sheets" && !w.known));
        let (n, l, _) = evidence_in(
            &s.target,
            &(0.."Der Drucker braucht 2.000 Blatt Papier für das Hundehaus.".len()),
            false,
        );
        assert_eq!((n, l), (4, 4));
        assert!(
            Lexicon::of_pairs(&[("a", "b")], None).is_none(),
            "nothing to judge with"
        );
    }

    #[test]
    fn clauses_end_at_clause_punctuation_but_not_inside_numbers() {
        let t = "It costs 2,000 euros, or 1.5 million; (maybe) not.";
        let parts: Vec<&str> = clauses(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            parts,
            ["It costs 2,000 euros", "or 1.5 million", "maybe", "not"]
        );
    }

    #[test]
    fn a_second_rule_on_the_same_document_shares_the_lexicon() {
        let (s, t) = doc();
        let pairs: Vec<(&str, &str)> = s
            .iter()
            .map(String::as_str)
            .zip(t.iter().map(String::as_str))
            .collect();
        let a = Lexicon::of_pairs_shared(&pairs, None).expect("learned");
        let b = Lexicon::of_pairs_shared(&pairs, None).expect("learned");
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!a.is_empty());
        let c = Lexicon::of_pairs_shared(&pairs[1..], None).expect("learned");
        assert!(!Arc::ptr_eq(&a, &c), "another document learns its own");
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
