//! Per-sentence features for the aligner: lengths, weighted lexical anchors and the links
//! between source and target anchor types (identical tokens, normalised numbers, cognates,
//! dictionary translations).
//!
//! Anchors are interned per side. A source sentence is a sorted list of source type ids; a
//! target sentence is a sorted list of (linked source type id, target token slot), so that
//! one merge of two sorted lists tells which tokens of either side found a partner.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (the rustc hasher): much faster than SipHash on short keys; the keys are the
/// document's own words, so hash flooding is no concern here.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

use super::dict::Dictionary;
use crate::checks::numbers::{DecimalMark, normalize_number, push_normalized};
use crate::checks::tokens::{Anchor, AnchorKind, anchors};

/// What kind of token an anchor is; names, numbers and URLs weigh more than plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Name,
    Number,
    Literal,
}

/// FxHash of a string (the hasher above, one pass over the bytes).
pub(crate) fn fx(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// One side's interned anchor types. The lower-cased and folded forms of all types live in
/// one buffer (a folded form that equals the lower-cased one is not stored twice), and the
/// lookup table is open addressing over type ids: interning a new type allocates nothing
/// once the buffers have grown, and the buffers are kept per thread across calls.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    buf: String,
    /// Per id, the byte range of the lower-cased form in `buf`.
    lower_at: Vec<(u32, u32)>,
    /// Per id, the byte range of the folded form (lower case, no diacritics; numbers
    /// normalised) in `buf`.
    folded_at: Vec<(u32, u32)>,
    /// Per id, the length of the folded form in chars.
    folded_chars: Vec<u32>,
    /// Per id, the hash of the lower-cased form.
    hash: Vec<u64>,
    /// Open-addressing table of ids (`u32::MAX` = empty), a power of two long.
    table: Vec<u32>,
    pub kind: Vec<Kind>,
    /// Number of sentences holding the type.
    pub df: Vec<u32>,
}

impl Vocab {
    /// Number of types.
    pub fn len(&self) -> usize {
        self.kind.len()
    }

    /// Lower-cased form of a type (dictionary lookups).
    pub fn lower(&self, id: usize) -> &str {
        let (a, b) = self.lower_at[id];
        &self.buf[a as usize..b as usize]
    }

    /// Folded form of a type.
    pub fn folded(&self, id: usize) -> &str {
        let (a, b) = self.folded_at[id];
        &self.buf[a as usize..b as usize]
    }

    /// Length of the folded form of a type in chars.
    pub fn folded_chars(&self, id: usize) -> usize {
        self.folded_chars[id] as usize
    }

    /// Empty the vocabulary, keeping its buffers, with a table for about `types` types.
    fn reset(&mut self, types: usize) {
        self.buf.clear();
        self.lower_at.clear();
        self.folded_at.clear();
        self.folded_chars.clear();
        self.hash.clear();
        self.kind.clear();
        self.df.clear();
        let size = (types * 2).next_power_of_two().max(16);
        self.table.clear();
        self.table.resize(size, u32::MAX);
    }

    fn grow(&mut self) {
        let size = self.table.len() * 2;
        self.table.clear();
        self.table.resize(size, u32::MAX);
        let mask = size - 1;
        for (id, &h) in self.hash.iter().enumerate() {
            let mut k = h as usize & mask;
            while self.table[k] != u32::MAX {
                k = (k + 1) & mask;
            }
            self.table[k] = id as u32;
        }
    }

    /// The id of a token (lower-cased text); new types are folded and recorded.
    fn intern(&mut self, lower: &str, raw: &str, kind: Kind) -> u32 {
        if (self.len() + 1) * 2 > self.table.len() {
            self.grow();
        }
        let h = fx(lower);
        let mask = self.table.len() - 1;
        let mut k = h as usize & mask;
        loop {
            let id = self.table[k];
            if id == u32::MAX {
                break;
            }
            // (bytes, not `str`s: no char-boundary checks on the slice)
            let (a, b) = self.lower_at[id as usize];
            if self.hash[id as usize] == h
                && self.buf.as_bytes()[a as usize..b as usize] == *lower.as_bytes()
            {
                return id;
            }
            k = (k + 1) & mask;
        }
        let id = self.len() as u32;
        self.table[k] = id;
        let a = self.buf.len() as u32;
        self.buf.push_str(lower);
        let b = self.buf.len() as u32;
        self.lower_at.push((a, b));
        // A folded form equal to the lower-cased one is not kept twice: a literal's, and an
        // ASCII word's (folding changes only non-ASCII letters).
        let ascii = lower.is_ascii();
        match kind {
            Kind::Number => {
                if !push_normalized(raw, DecimalMark::Guess, &mut self.buf) {
                    self.buf.push('0');
                }
                self.folded_at.push((b, self.buf.len() as u32));
            }
            Kind::Literal => self.folded_at.push((a, b)),
            _ if ascii => self.folded_at.push((a, b)),
            _ => {
                fold_into(lower, &mut self.buf);
                if self.buf.as_bytes()[b as usize..] == self.buf.as_bytes()[a as usize..b as usize]
                {
                    self.buf.truncate(b as usize);
                    self.folded_at.push((a, b));
                } else {
                    self.folded_at.push((b, self.buf.len() as u32));
                }
            }
        }
        let chars = match kind {
            Kind::Word | Kind::Name if ascii => lower.len(),
            _ => self.folded(id as usize).chars().count(),
        };
        self.folded_chars.push(chars as u32);
        self.hash.push(h);
        self.kind.push(kind);
        self.df.push(0);
        id
    }
}

/// Features of one side of a document.
#[derive(Debug, Default)]
pub(crate) struct Side {
    /// Prefix sums of sentence lengths in chars (len n+1).
    pub chars: Vec<f64>,
    /// Prefix sums of anchor weights (len n+1).
    pub weight: Vec<f64>,
    /// Prefix sums of the weights of strong anchors (numbers, URLs, @handles): tokens that
    /// a translation keeps, so that an unmatched one speaks against a pairing.
    pub strong: Vec<f64>,
    /// Per sentence, sorted and deduplicated type ids: sentence s is
    /// `type_ids[type_at[s]..type_at[s + 1]]`.
    type_ids: Vec<u32>,
    type_at: Vec<u32>,
    /// Per sentence, punctuation profile bits (see [`punct_profile`]).
    pub punct: Vec<u8>,
    pub vocab: Vocab,
    /// Scratch for a token's lower-cased form (kept with the side's other buffers).
    lower: String,
    /// Per sentence, the first sentence with the same text (itself if none came before;
    /// empty for a document of fewer than [`REPEAT_MIN`] sentences).
    pub first: Vec<u32>,
}

/// Documents of this many sentences or more look their sentences up by text: a repeated
/// one (a translation memory, software strings, a manual's warnings) copies the first
/// occurrence's features rather than tokenising again. (A paragraph of plain text is
/// aligned on its own, where a look-up per sentence would rarely pay.)
const REPEAT_MIN: usize = 64;

impl Side {
    pub fn len(&self) -> usize {
        self.type_at.len().saturating_sub(1)
    }

    /// The sorted, deduplicated type ids of sentence `s`.
    #[inline]
    pub fn types(&self, s: usize) -> &[u32] {
        &self.type_ids[self.type_at[s] as usize..self.type_at[s + 1] as usize]
    }
}

/// How source and target types are linked beyond identity and the dictionary.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkOpts {
    /// Strength (0..=1) of a cognate link; identical forms and dictionary pairs have 1.
    pub cognate: f32,
    /// Compare cognates on a phonetic skeleton of the folded form ([`skeleton`]).
    pub skeleton: bool,
    /// Least letters of a word that may have a cognate.
    pub min_len: usize,
    /// Strength (0..=1) of a learned link.
    pub learned: f32,
}

impl Default for LinkOpts {
    fn default() -> Self {
        LinkOpts {
            cognate: 1.0,
            skeleton: false,
            min_len: 5,
            learned: 1.0,
        }
    }
}

/// A link strength of 0..=1 as a byte (255 = full).
fn strength_byte(x: f32) -> u8 {
    (x.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// Target-side sentence as seen from the source: sorted (source type, target slot,
/// strength) triples and the weight of each slot.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Linked<'a> {
    pub pairs: &'a [(u32, u8, u8)],
    pub slot_weight: &'a [f32],
    pub slot_strong: &'a [bool],
}

/// All target sentences' linked lists, flat.
#[derive(Debug, Default)]
pub(crate) struct LinkedSentences {
    pairs: Vec<(u32, u8, u8)>,
    pair_at: Vec<u32>,
    slot_weight: Vec<f32>,
    slot_strong: Vec<bool>,
    slot_at: Vec<u32>,
}

/// Reusable lookup tables of [`link_types`].
#[derive(Debug, Default)]
struct LinkScratch {
    /// (hash of the folded form, source type).
    by_folded: Vec<(u64, u32)>,
    /// (hash of the first four folded letters, source type).
    by_prefix: Vec<(u64, u32)>,
    /// (hash of the English stem, source type).
    by_stem: Vec<(u64, u32)>,
    /// (first letter, length in chars, source type).
    by_shape: Vec<(char, usize, u32)>,
    /// Per source type, its phonetic skeleton (only when cognates compare skeletons).
    keys: Vec<String>,
    /// (source type, strength byte) of one target type.
    out: Vec<(u32, u8)>,
}

/// Everything the search needs.
#[derive(Debug, Default)]
pub(crate) struct Features {
    pub src: Side,
    pub tgt: Side,
    /// Weight of each source type.
    pub src_w: Vec<f32>,
    /// Weight of each target type.
    pub tgt_w: Vec<f32>,
    /// Per target type, the source types it may translate: type t links to
    /// `links[link_at[t]..link_at[t + 1]]` (sorted, deduplicated), each with its strength
    /// (255 = full).
    links: Vec<(u32, u8)>,
    link_at: Vec<u32>,
    linked: LinkedSentences,
    scratch: LinkScratch,
    /// Strength of learned links.
    learned_strength: u8,
}

impl Features {
    /// Target sentence `t` as seen from the source (inlined: the cells of a search row ask
    /// for it once per target they meet).
    #[inline]
    pub fn linked(&self, t: usize) -> Linked<'_> {
        let l = &self.linked;
        let (p0, p1) = (l.pair_at[t] as usize, l.pair_at[t + 1] as usize);
        let (s0, s1) = (l.slot_at[t] as usize, l.slot_at[t + 1] as usize);
        Linked {
            pairs: &l.pairs[p0..p1],
            slot_weight: &l.slot_weight[s0..s1],
            slot_strong: &l.slot_strong[s0..s1],
        }
    }

    /// Recompute the target sentences' linked lists from `links`.
    pub fn relink(&mut self) {
        link_sentences(
            &self.tgt,
            &self.links,
            &self.link_at,
            &self.tgt_w,
            &mut self.linked,
        );
    }

    /// Is target type `tgt` linked to source type `src` (identical, cognate, dictionary or
    /// learned)?
    pub fn is_linked(&self, tgt: usize, src: u32) -> bool {
        self.links[self.link_at[tgt] as usize..self.link_at[tgt + 1] as usize]
            .iter()
            .any(|&(s, _)| s == src)
    }

    /// Add learned links (see [`super::lexicon`]), sorted by target type, and recompute the
    /// target sentences' linked lists. Returns the number of links added.
    pub(crate) fn add_links(&mut self, learned: &[super::lexicon::TypeLink]) -> usize {
        if learned.is_empty() {
            return 0;
        }
        let nt = self.link_at.len().saturating_sub(1);
        let mut links = Vec::with_capacity(self.links.len() + learned.len());
        let mut link_at = Vec::with_capacity(nt + 1);
        link_at.push(0u32);
        let mut k = 0;
        for t in 0..nt {
            let start = links.len();
            links.extend_from_slice(
                &self.links[self.link_at[t] as usize..self.link_at[t + 1] as usize],
            );
            while k < learned.len() && (learned[k].tgt as usize) < t {
                k += 1;
            }
            while k < learned.len() && learned[k].tgt as usize == t {
                links.push((learned[k].src, self.learned_strength));
                k += 1;
            }
            // The strongest link of a source type first, then one per source type.
            links[start..].sort_unstable_by_key(|&(s, w)| (s, std::cmp::Reverse(w)));
            let mut w = start;
            for r in start..links.len() {
                if r == start || links[r].0 != links[w - 1].0 {
                    links[w] = links[r];
                    w += 1;
                }
            }
            links.truncate(w);
            link_at.push(links.len() as u32);
        }
        let added = links.len() - self.links.len();
        self.links = links;
        self.link_at = link_at;
        self.relink();
        added
    }
}

/// Is a type a strong anchor (kept by any translation)?
pub(crate) fn strong(kind: Kind) -> bool {
    matches!(kind, Kind::Number | Kind::Literal)
}

fn link_sentences(
    tgt: &Side,
    links: &[(u32, u8)],
    link_at: &[u32],
    tgt_w: &[f32],
    out: &mut LinkedSentences,
) {
    out.pairs.clear();
    out.pair_at.clear();
    out.slot_weight.clear();
    out.slot_strong.clear();
    out.slot_at.clear();
    out.pair_at.push(0);
    out.slot_at.push(0);
    for s in 0..tgt.len() {
        let start = out.pairs.len();
        // A repeated sentence (see [`Side::first`]) copies its first occurrence's lists.
        if let Some(&first) = tgt.first.get(s)
            && (first as usize) < s
        {
            let k = first as usize;
            let (p0, p1) = (out.pair_at[k] as usize, out.pair_at[k + 1] as usize);
            out.pairs.extend_from_within(p0..p1);
            let (s0, s1) = (out.slot_at[k] as usize, out.slot_at[k + 1] as usize);
            out.slot_weight.extend_from_within(s0..s1);
            out.slot_strong.extend_from_within(s0..s1);
            out.pair_at.push(out.pairs.len() as u32);
            out.slot_at.push(out.slot_weight.len() as u32);
            continue;
        }
        for (slot, &t) in tgt.types(s).iter().take(255).enumerate() {
            out.slot_weight.push(tgt_w[t as usize]);
            out.slot_strong.push(strong(tgt.vocab.kind[t as usize]));
            for &(src, w) in &links[link_at[t as usize] as usize..link_at[t as usize + 1] as usize]
            {
                out.pairs.push((src, slot as u8, w));
            }
        }
        out.pairs[start..].sort_unstable();
        out.pair_at.push(out.pairs.len() as u32);
        out.slot_at.push(out.slot_weight.len() as u32);
    }
}

/// Fold a lower-cased word (strip diacritics, ß → ss and the like), appended to `out`.
fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => out.push('a'),
            'ç' | 'č' | 'ć' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' | 'ń' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ű' | 'ů' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            'ð' => out.push('d'),
            'š' => out.push('s'),
            'ž' => out.push('z'),
            _ => out.push(c),
        }
    }
}

/// Punctuation profile: one bit each for `?`, `!`, `:`, quotes, brackets, a digit, `;`.
pub(crate) fn punct_profile(s: &str) -> u8 {
    let mut p = 0u8;
    for c in s.chars() {
        p |= match c {
            '?' | '¿' => 1,
            '!' | '¡' => 2,
            ':' => 4,
            '"' | '„' | '“' | '”' | '«' | '»' | '‚' | '‘' | '’' | '‹' | '›' => 8,
            '(' | ')' | '[' | ']' => 16,
            ';' => 32,
            _ => 0,
        };
    }
    p
}

/// The aligner's kind of an anchor token: letters starting with a capital inside a sentence
/// are names.
fn kind_of(a: &Anchor<'_>) -> Kind {
    match a.kind {
        AnchorKind::Number => Kind::Number,
        AnchorKind::Literal => Kind::Literal,
        AnchorKind::Letters => {
            if !a.first_word && a.text.chars().next().is_some_and(char::is_uppercase) {
                Kind::Name
            } else {
                Kind::Word
            }
        }
    }
}

/// Per ASCII byte: bit 0 set for a non-space character, bits 1.. its [`punct_profile`] bits.
const ASCII_LP: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let space = matches!(b as u8, b' ' | b'\t'..=b'\r');
        let p: u8 = match b as u8 {
            b'?' => 1,
            b'!' => 2,
            b':' => 4,
            b'"' => 8,
            b'(' | b')' | b'[' | b']' => 16,
            b';' => 32,
            _ => 0,
        };
        t[b] = (p << 1) | (!space) as u8;
        b += 1;
    }
    t
};

/// The number of non-space characters of a sentence and its [`punct_profile`], in one pass
/// (ASCII bytes by one table look-up each, other characters decoded).
fn length_and_punct(s: &str) -> (usize, u8) {
    let bytes = s.as_bytes();
    let mut n = 0;
    let mut p = 0u8;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            let e = ASCII_LP[b as usize];
            n += usize::from(e & 1);
            p |= e >> 1;
            i += 1;
        } else {
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            n += usize::from(!c.is_whitespace());
            p |= punct_profile(c.encode_utf8(&mut [0; 4]));
            i += c.len_utf8();
        }
    }
    (n, p)
}

/// Build the features of one side into `side`, reusing its buffers.
fn side(sentences: &[&str], side: &mut Side) {
    side.chars.clear();
    side.weight.clear();
    side.strong.clear();
    side.type_ids.clear();
    side.type_at.clear();
    side.punct.clear();
    side.chars.push(0.0);
    side.type_at.push(0);
    // About one new type per eight bytes of text: the table is sized once.
    let types_guess = sentences.iter().map(|s| s.len()).sum::<usize>() / 8 + 4;
    side.vocab.reset(types_guess);
    let mut acc = 0.0;
    // (room for a sentence of 32 tokens up front: a short paragraph's sentences fit, and
    // grown from empty the vector was most of this function's allocations)
    let mut toks = Vec::with_capacity(32);
    let mut lower = std::mem::take(&mut side.lower);
    let repeats = sentences.len() >= REPEAT_MIN;
    side.first.clear();
    // The first sentence of each text. (foldhash seeded at random per process: a document
    // cannot choose texts that collide.)
    let mut seen: std::collections::HashMap<&str, u32, foldhash::quality::RandomState> =
        std::collections::HashMap::default();
    if repeats {
        seen.reserve(sentences.len());
    }
    for (k, s) in sentences.iter().enumerate() {
        if repeats {
            let first = *seen.entry(s).or_insert(k as u32) as usize;
            side.first.push(first as u32);
            if first < k {
                // The same text as sentence `first`: its length (the prefix sums hold
                // integers, so the difference is exact), punctuation and sorted types.
                acc += side.chars[first + 1] - side.chars[first];
                side.chars.push(acc);
                side.punct.push(side.punct[first]);
                let (a, b) = (
                    side.type_at[first] as usize,
                    side.type_at[first + 1] as usize,
                );
                let start = side.type_ids.len();
                side.type_ids.extend_from_within(a..b);
                for &id in &side.type_ids[start..] {
                    side.vocab.df[id as usize] += 1;
                }
                side.type_at.push(side.type_ids.len() as u32);
                continue;
            }
        }
        let (len, punct) = length_and_punct(s);
        acc += len as f64 + 1.0;
        side.chars.push(acc);
        side.punct.push(punct);
        toks.clear();
        anchors(s, &mut toks);
        let start = side.type_ids.len();
        for t in &toks {
            let kind = kind_of(t);
            lower.clear();
            if t.text.is_ascii() {
                lower.push_str(t.text);
                lower.make_ascii_lowercase();
            } else {
                for c in t.text.chars() {
                    if c.is_uppercase() {
                        lower.extend(c.to_lowercase());
                    } else {
                        lower.push(c);
                    }
                }
            }
            let id = side.vocab.intern(&lower, t.text, kind);
            side.type_ids.push(id);
        }
        let ids = &mut side.type_ids[start..];
        ids.sort_unstable();
        let mut w = 0;
        for r in 0..ids.len() {
            if r == 0 || ids[r] != ids[w - 1] {
                ids[w] = ids[r];
                w += 1;
            }
        }
        side.type_ids.truncate(start + w);
        for &id in &side.type_ids[start..] {
            side.vocab.df[id as usize] += 1;
        }
        side.type_at.push(side.type_ids.len() as u32);
    }
    side.lower = lower;
}

/// The inverse sentence frequency of a type held by `df` of `n` sentences.
fn idf(df: u32, n: usize) -> f32 {
    ((n as f32 + 4.0) / (df as f32 + 1.0)).ln().max(0.05)
}

/// Weight of a type given its [`idf`]: more for names, numbers and literals, less for short
/// words.
fn weight_with(idf: f32, kind: Kind, folded_chars: usize) -> f32 {
    let k = match kind {
        Kind::Number | Kind::Literal => 2.0,
        Kind::Name => 1.5,
        Kind::Word => {
            if folded_chars <= 3 {
                0.3
            } else {
                1.0
            }
        }
    };
    idf * k
}

/// The weight ([`weight_with`]) of every type of `vocab` (a side of `n` sentences), into `out`. Most types
/// of a paragraph share a handful of sentence frequencies, so each frequency's [`idf`] (a
/// logarithm) is computed once: the same expression, so the same value.
fn weights_into(out: &mut Vec<f32>, vocab: &Vocab, n: usize) {
    const CACHED: usize = 64;
    let mut cache = [f32::NAN; CACHED];
    out.clear();
    out.extend((0..vocab.len()).map(|i| {
        let df = vocab.df[i];
        let idf = match cache.get_mut(df as usize) {
            Some(c) if !c.is_nan() => *c,
            Some(c) => {
                *c = idf(df, n);
                *c
            }
            None => idf(df, n),
        };
        weight_with(idf, vocab.kind[i], vocab.folded_chars(i))
    }));
}

/// Crude English stem for dictionary matching.
pub(crate) fn stem_en(w: &str) -> &str {
    for suf in ["ing", "ed", "es", "s"] {
        if w.len() > suf.len() + 3
            && let Some(s) = w.strip_suffix(suf)
        {
            return s;
        }
    }
    w
}

/// The words and numbers of a sentence as the aligner sees them: (as written, folded form,
/// kind). Numbers fold to one form across locales (`2,000` = `2.000`).
pub(crate) fn words_of(s: &str) -> Vec<(String, String, Kind)> {
    let mut toks = Vec::new();
    anchors(s, &mut toks);
    toks.iter()
        .map(|t| {
            let kind = kind_of(t);
            let lower = t.text.to_lowercase();
            let folded = match kind {
                Kind::Number => normalize_number(t.text),
                Kind::Literal => lower.clone(),
                _ => {
                    let mut f = String::new();
                    fold_into(&lower, &mut f);
                    f
                }
            };
            (t.text.to_string(), folded, kind)
        })
        .collect()
}

/// Are two folded words cognates, as the aligner links them: a common prefix of four
/// letters and a normalised edit similarity of 0.5, or the same first letter, lengths
/// within two and a similarity of 0.7 (five letters or more)?
pub(crate) fn cognates(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 5 || lb < 5 {
        return false;
    }
    if prefix_of(a, 4).is_some() && prefix_of(a, 4) == prefix_of(b, 4) && similar(a, b, 0.5) {
        return true;
    }
    a.chars().next() == b.chars().next() && la.abs_diff(lb) <= 2 && similar(a, b, 0.7)
}

/// [`build`] outside the aligner (the lexicon's own pass over a document).
pub(crate) fn build_owned(source: &[&str], target: &[&str], dict: Option<&Dictionary>) -> Features {
    let mut f = Features::default();
    build_into(&mut f, source, target, dict, &LinkOpts::default());
    f
}

/// Compute the features of a document and the source–target links.
#[cfg(test)]
pub(crate) fn build(source: &[&str], target: &[&str], dict: Option<&Dictionary>) -> Features {
    let mut f = Features::default();
    build_into(&mut f, source, target, dict, &LinkOpts::default());
    f
}

/// [`build`] into `f`, reusing its buffers (the aligner keeps one per thread).
pub(crate) fn build_into(
    f: &mut Features,
    source: &[&str],
    target: &[&str],
    dict: Option<&Dictionary>,
    opts: &LinkOpts,
) {
    f.learned_strength = strength_byte(opts.learned);
    side(source, &mut f.src);
    side(target, &mut f.tgt);
    let n = source.len();
    let m = target.len();
    let (src, tgt) = (&mut f.src, &mut f.tgt);
    weights_into(&mut f.src_w, &src.vocab, n);
    weights_into(&mut f.tgt_w, &tgt.vocab, m);
    let (src_w, tgt_w) = (&f.src_w, &f.tgt_w);

    // Links: target type → source types.
    link_types(
        &src.vocab,
        &tgt.vocab,
        dict,
        opts,
        &mut f.scratch,
        &mut f.links,
        &mut f.link_at,
    );

    let mut out = std::mem::take(&mut src.weight);
    prefix_into(
        &mut out,
        (0..n).map(|s| {
            src.types(s)
                .iter()
                .map(|&i| src_w[i as usize] as f64)
                .sum::<f64>()
        }),
    );
    src.weight = out;
    let mut out = std::mem::take(&mut tgt.weight);
    prefix_into(
        &mut out,
        (0..m).map(|t| {
            tgt.types(t)
                .iter()
                .take(255)
                .map(|&i| tgt_w[i as usize] as f64)
                .sum::<f64>()
        }),
    );
    tgt.weight = out;
    let mut out = std::mem::take(&mut src.strong);
    prefix_into(
        &mut out,
        (0..n).map(|s| {
            src.types(s)
                .iter()
                .filter(|&&i| strong(src.vocab.kind[i as usize]))
                .map(|&i| src_w[i as usize] as f64)
                .sum::<f64>()
        }),
    );
    src.strong = out;
    let mut out = std::mem::take(&mut tgt.strong);
    prefix_into(
        &mut out,
        (0..m).map(|t| {
            tgt.types(t)
                .iter()
                .take(255)
                .filter(|&&i| strong(tgt.vocab.kind[i as usize]))
                .map(|&i| tgt_w[i as usize] as f64)
                .sum::<f64>()
        }),
    );
    tgt.strong = out;
    link_sentences(tgt, &f.links, &f.link_at, tgt_w, &mut f.linked);
}

fn prefix_into(out: &mut Vec<f64>, it: impl Iterator<Item = f64>) {
    out.clear();
    out.push(0.0);
    let mut acc = 0.0;
    for x in it {
        acc += x;
        out.push(acc);
    }
}

/// Link each target type to the source types it may translate: same folded form (numbers
/// normalised), cognates (a common prefix of four letters and a close edit distance) and
/// dictionary translations. Type t's links go to `links[link_at[t]..link_at[t + 1]]`, each
/// with its strength (identical forms and dictionary pairs 255, cognates `opts.cognate`).
#[allow(clippy::too_many_arguments)]
fn link_types(
    src: &Vocab,
    tgt: &Vocab,
    dict: Option<&Dictionary>,
    opts: &LinkOpts,
    sc: &mut LinkScratch,
    links: &mut Vec<(u32, u8)>,
    link_at: &mut Vec<u32>,
) {
    const FULL: u8 = 255;
    let cog = strength_byte(opts.cognate);
    let min_len = opts.min_len.max(2);
    // Sorted (key hash, type) lists; a hit is confirmed by comparing the strings.
    sc.by_folded.clear();
    sc.by_prefix.clear();
    sc.by_stem.clear();
    sc.by_shape.clear();
    sc.keys.clear();
    let mut tkey = String::new();
    for i in 0..src.len() {
        let f = src.folded(i);
        // Numbers fold to digits and words to letters: one map holds both.
        sc.by_folded.push((fx(f), i as u32));
        if src.kind[i] != Kind::Number && src.kind[i] != Kind::Literal {
            // Skeletons are kept per source type; without them the key is the folded form.
            let key = if opts.skeleton {
                let mut k = String::new();
                skeleton_into(f, &mut k);
                sc.keys.push(k);
                sc.keys.last().map_or("", String::as_str)
            } else {
                f
            };
            let len = if opts.skeleton {
                key.chars().count()
            } else {
                src.folded_chars(i)
            };
            if let Some(p) = prefix4(key, len)
                && len >= min_len
            {
                sc.by_prefix.push((fx(p), i as u32));
            }
            if dict.is_some() {
                sc.by_stem.push((fx(stem_en(src.lower(i))), i as u32));
            }
            // Fuzzy cognates (Finnland ~ Finland, Danmörk ~ Denmark): same first letter,
            // lengths within two, normalised edit distance ≥ 0.7; grouped by (letter, length).
            if len >= min_len.max(5)
                && let Some(c) = key.chars().next()
            {
                sc.by_shape.push((c, len, i as u32));
            }
        } else if opts.skeleton {
            sc.keys.push(String::new());
        }
    }
    sc.by_folded.sort_unstable();
    sc.by_prefix.sort_unstable();
    sc.by_stem.sort_unstable();
    sc.by_shape.sort_unstable();
    // (the run of equal hashes is nearly always empty or one long: walked, not searched)
    let hits = |list: &[(u64, u32)], h: u64| -> std::ops::Range<usize> {
        let a = list.partition_point(|e| e.0 < h);
        let b = a + list[a..].iter().take_while(|e| e.0 == h).count();
        a..b
    };
    let keys = &sc.keys;
    let src_key = |s: u32| -> &str {
        if opts.skeleton {
            keys[s as usize].as_str()
        } else {
            src.folded(s as usize)
        }
    };
    links.clear();
    link_at.clear();
    link_at.push(0);
    for t in 0..tgt.len() {
        let f = tgt.folded(t);
        let out = &mut sc.out;
        out.clear();
        let number = tgt.kind[t] == Kind::Number;
        for &(_, s) in &sc.by_folded[hits(&sc.by_folded, fx(f))] {
            if src.folded(s as usize) == f && (src.kind[s as usize] == Kind::Number) == number {
                out.push((s, FULL));
            }
        }
        if !(number || tgt.kind[t] == Kind::Literal) {
            let (key, len) = if opts.skeleton {
                tkey.clear();
                skeleton_into(f, &mut tkey);
                (tkey.as_str(), tkey.chars().count())
            } else {
                (f, tgt.folded_chars(t))
            };
            if let Some(p) = prefix4(key, len)
                && len >= min_len
            {
                for &(_, s) in &sc.by_prefix[hits(&sc.by_prefix, fx(p))] {
                    let sk = src_key(s);
                    // (p is four whole chars: a key starting with its bytes has it as
                    // its own four-char prefix)
                    if sk.starts_with(p) && src.folded(s as usize) != f && similar(sk, key, 0.5) {
                        out.push((s, cog));
                    }
                }
            }
            if out.is_empty()
                && len >= min_len.max(5)
                && let Some(c) = key.chars().next()
            {
                let from = sc
                    .by_shape
                    .partition_point(|e| (e.0, e.1) < (c, len.saturating_sub(2)));
                for &(c2, l2, s) in &sc.by_shape[from..] {
                    if c2 != c || l2 > len + 2 {
                        break;
                    }
                    if similar(src_key(s), key, 0.7) {
                        out.push((s, cog));
                    }
                }
            }
            if let Some(d) = dict {
                for e in d.de_to_en(tgt.lower(t)) {
                    let stem = stem_en(e);
                    for &(_, s) in &sc.by_stem[hits(&sc.by_stem, fx(stem))] {
                        if stem_en(src.lower(s as usize)) == stem {
                            out.push((s, FULL));
                        }
                    }
                }
            }
        }
        // The strongest link of a source type first, then one per source type.
        out.sort_unstable_by_key(|&(s, w)| (s, std::cmp::Reverse(w)));
        out.dedup_by_key(|e| e.0);
        links.extend_from_slice(out);
        link_at.push(links.len() as u32);
    }
}

/// A phonetic skeleton of a folded word for cognate matching across German, English and
/// the Romance languages: `sch`/`sh` → `s`, `ph` → `f`, `th` → `t`, `c`/`z`/`q` → `k`,
/// `v` → `f`, `y` → `i`, doubled letters once (Zentrum ~ centre, Telefon ~ telephone,
/// Schock ~ shock, Programm ~ program).
pub(crate) fn skeleton_into(f: &str, out: &mut String) {
    let b: Vec<char> = f.chars().collect();
    let mut i = 0;
    let mut last = '\0';
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let (m, step) = match (c, next) {
            ('s', Some('c')) if b.get(i + 2) == Some(&'h') => ('s', 3),
            ('s', Some('h')) => ('s', 2),
            ('p', Some('h')) => ('f', 2),
            ('t', Some('h')) => ('t', 2),
            ('c', Some('k')) => ('k', 2),
            ('c' | 'z' | 'q', _) => ('k', 1),
            ('v', _) => ('f', 1),
            ('y', _) => ('i', 1),
            _ => (c, 1),
        };
        if m != last {
            out.push(m);
        }
        last = m;
        i += step;
    }
}

/// `strsim::normalized_levenshtein(a, b) >= min`, skipping the edit distance when a lower
/// bound on it already decides: the distance is at least the longer length minus the
/// number of characters the two strings share (as multisets), so the similarity is at most
/// 1 − that / longer length. ASCII words of up to [`ASCII_LEV_MAX`] bytes take the edit
/// distance over their bytes, on the stack, stopped as soon as it must exceed the largest
/// distance that `min` allows.
fn similar(a: &str, b: &str, min: f64) -> bool {
    // (both tests below are strsim's: 1 − distance / longer length in chars, 1.0 for two
    // empty strings)
    let passes = |d: usize, longer: usize| 1.0 - (d as f64) / (longer as f64) >= min;
    if a.is_ascii() && b.is_ascii() {
        let (la, lb) = (a.len(), b.len());
        let longer = la.max(lb);
        if longer > 0 {
            let mut count = [0i16; 128];
            for &x in a.as_bytes() {
                count[x as usize] += 1;
            }
            let mut shared = 0usize;
            for &x in b.as_bytes() {
                let c = &mut count[x as usize];
                if *c > 0 {
                    *c -= 1;
                    shared += 1;
                }
            }
            let bound = 1.0 - ((longer - shared) as f64) / (longer as f64);
            if bound < min {
                return false;
            }
            if lb <= ASCII_LEV_MAX {
                // The largest distance that passes (the test falls as the distance grows).
                let mut allowed = longer - shared;
                while allowed < longer && passes(allowed + 1, longer) {
                    allowed += 1;
                }
                return ascii_levenshtein_within(a.as_bytes(), b.as_bytes(), allowed);
            }
        }
    }
    strsim::normalized_levenshtein(a, b) >= min
}

/// The longest second word [`similar`] measures on the stack.
const ASCII_LEV_MAX: usize = 64;

/// Whether the Levenshtein distance of `a` and `b` (`b` at most [`ASCII_LEV_MAX`] bytes) is
/// at most `allowed`: strsim's one-row recurrence over bytes, given up as soon as the row's
/// least value (which no later row goes below) exceeds `allowed`.
fn ascii_levenshtein_within(a: &[u8], b: &[u8], allowed: usize) -> bool {
    let mut row = [0usize; ASCII_LEV_MAX];
    let row = &mut row[..b.len()];
    for (j, x) in row.iter_mut().enumerate() {
        *x = j + 1;
    }
    let mut result = b.len();
    for (i, &ax) in a.iter().enumerate() {
        result = i + 1;
        let mut diagonal = i;
        let mut least = result;
        for (x, &bx) in row.iter_mut().zip(b) {
            let substitute = diagonal + usize::from(ax != bx);
            diagonal = *x;
            result = (result + 1).min(substitute).min(diagonal + 1);
            *x = result;
            least = least.min(result);
        }
        if least > allowed {
            return false;
        }
    }
    result <= allowed
}

/// [`prefix_of`]`(s, 4)` for `s` of `chars` chars: an all-ASCII `s` (as many bytes as
/// chars) is cut without decoding.
fn prefix4(s: &str, chars: usize) -> Option<&str> {
    if s.len() == chars {
        s.get(..4)
    } else {
        prefix_of(s, 4)
    }
}

fn prefix_of(s: &str, n: usize) -> Option<&str> {
    let (i, _) = s.char_indices().nth(n - 1)?;
    let end = i + s[i..].chars().next().map(char::len_utf8).unwrap_or(0);
    Some(&s[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_as_computed_type_by_type() {
        // The weight as first written: a logarithm and a char count per type.
        let reference = |df: u32, n: usize, kind: Kind, folded: &str| -> f32 {
            let idf = ((n as f32 + 4.0) / (df as f32 + 1.0)).ln().max(0.05);
            let k = match kind {
                Kind::Number | Kind::Literal => 2.0,
                Kind::Name => 1.5,
                Kind::Word => {
                    if folded.chars().count() <= 3 {
                        0.3
                    } else {
                        1.0
                    }
                }
            };
            idf * k
        };
        // Sentence frequencies from 1 to past the cached 64 (the word "the" is in all 150
        // sentences, "w{k}" in every k-th), short and long, ASCII and not.
        let source: Vec<String> = (0..150)
            .map(|i| {
                let mut s = format!("The Ärzte øl fünf über 4,5 Straße www.x.org {i} the");
                for k in [1, 2, 3, 5, 40, 70, 100] {
                    if i % k == 0 {
                        s.push_str(&format!(" w{k} Wörter{k}"));
                    }
                }
                s
            })
            .collect();
        let target: Vec<&str> = vec!["Die Ärzte", "über fünf Straßen", "ab", "Übel"];
        let source: Vec<&str> = source.iter().map(String::as_str).collect();
        for (src, tgt) in [(&source[..], &target[..]), (&source[..3], &target[..])] {
            let f = build(src, tgt, None);
            for (side, w, n) in [(&f.src, &f.src_w, src.len()), (&f.tgt, &f.tgt_w, tgt.len())] {
                assert_eq!(w.len(), side.vocab.len());
                for (i, &got) in w.iter().enumerate() {
                    let v = &side.vocab;
                    let want = reference(v.df[i], n, v.kind[i], v.folded(i));
                    assert_eq!(got.to_bits(), want.to_bits(), "type {:?}", v.folded(i));
                    assert_eq!(v.folded_chars(i), v.folded(i).chars().count());
                    // The folded form, stored or shared with the lower-cased one.
                    let mut folded = String::new();
                    match v.kind[i] {
                        Kind::Number => continue,
                        Kind::Literal => folded.push_str(v.lower(i)),
                        _ => fold_into(v.lower(i), &mut folded),
                    }
                    assert_eq!(v.folded(i), folded);
                }
            }
        }
    }

    #[test]
    fn similar_answers_as_strsim() {
        let mut seed = 7u64;
        let mut word = |alphabet: &[u8]| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 33) as usize % 12;
            (0..len)
                .map(|k| {
                    let x = seed.rotate_left(7 * k as u32 + 3) >> 40;
                    alphabet[x as usize % alphabet.len()] as char
                })
                .collect::<String>()
        };
        for n in 0..30_000 {
            let alphabet: &[u8] = if n % 2 == 0 { b"abcde" } else { b"abcdefghij" };
            let (a, b) = (word(alphabet), word(alphabet));
            for min in [0.0, 0.3, 0.5, 0.6, 2.0 / 3.0, 0.7, 0.75, 0.8, 1.0] {
                assert_eq!(
                    similar(&a, &b, min),
                    strsim::normalized_levenshtein(&a, &b) >= min,
                    "{a:?} {b:?} {min}"
                );
            }
        }
        // a long word and non-ASCII words take strsim itself
        let long = "a".repeat(80);
        assert!(similar(&long, &format!("{long}b"), 0.9));
        assert!(similar("straße", "strasse", 0.7));
    }

    #[test]
    fn anchors_keep_urls_handles_and_numbers() {
        let mut t = Vec::new();
        anchors(
            "Siehe https://example.org/a, @bob und 2.000 Euro. Ende",
            &mut t,
        );
        let got: Vec<(&str, Kind)> = t.iter().map(|a| (a.text, kind_of(a))).collect();
        assert_eq!(
            got,
            [
                ("Siehe", Kind::Word),
                ("https://example.org/a", Kind::Literal),
                ("@bob", Kind::Literal),
                ("und", Kind::Word),
                ("2.000", Kind::Number),
                ("Euro", Kind::Name),
                ("Ende", Kind::Word),
            ]
        );
        let w = words_of("Der Preis: 2,000.50 Dollar");
        assert_eq!(w[2], ("2,000.50".into(), "2000.5".into(), Kind::Number));
        assert_eq!(w[3].2, Kind::Word);
    }

    #[test]
    fn lengths_punctuation_and_interning() {
        for s in [
            "Er zahlte 2.000 Euro, d.h. 3,5% mehr (laut „Bild“)! Wirklich? Ja: 1.234.567,89.",
            "Tabs\tand\u{a0}no-break\u{2009}spaces; x=1, y=2 [sic] \"quoted\" www.Example.org HTTP://A.b",
        ] {
            let (n, p) = length_and_punct(s);
            assert_eq!(n, s.chars().filter(|c| !c.is_whitespace()).count());
            assert_eq!(p, punct_profile(s));
        }
        let mut v = Vocab::default();
        v.reset(1);
        let ids: Vec<u32> = ["straße", "strasse", "2.000", "straße", "x"]
            .iter()
            .enumerate()
            .map(|(k, w)| v.intern(w, w, if k == 2 { Kind::Number } else { Kind::Word }))
            .collect();
        assert_eq!(ids, [0, 1, 2, 0, 3]);
        assert_eq!((v.lower(0), v.folded(0)), ("straße", "strasse"));
        assert_eq!((v.lower(2), v.folded(2)), ("2.000", "2000"));
        assert_eq!(v.folded(3), "x");
        assert!(similar("finland", "finnland", 0.7) && !similar("abcde", "vwxyz", 0.5));
    }

    #[test]
    fn repeated_sentences_copy_their_first_occurrence() {
        let src = [
            "The expedition cost 2,000 dollars.",
            "Anna met Bob in Berlin.",
            "Is this the final version?",
        ];
        let tgt = [
            "Die Expedition kostete 2.000 Dollar.",
            "Anna traf Bob in Berlin.",
            "Ist das die endgültige Version?",
        ];
        // 96 sentences: looked up by text, each a repeat of one of the first three.
        let many_src: Vec<&str> = (0..96).map(|k| src[k % 3]).collect();
        let many_tgt: Vec<&str> = (0..96).map(|k| tgt[k % 3]).collect();
        assert!(many_src.len() >= REPEAT_MIN);
        let f = build(&many_src, &many_tgt, None);
        let g = build(&src, &tgt, None);
        assert_eq!(f.src.first.len(), 96);
        for k in 0..96 {
            let r = k % 3;
            assert_eq!(f.src.first[k] as usize, r);
            assert_eq!(f.tgt.first[k] as usize, r);
            assert_eq!(f.src.types(k), g.src.types(r));
            assert_eq!(f.tgt.types(k), g.tgt.types(r));
            for (a, b) in [(&f.src, &g.src), (&f.tgt, &g.tgt)] {
                assert_eq!(a.chars[k + 1] - a.chars[k], b.chars[r + 1] - b.chars[r]);
                assert_eq!(a.punct[k], b.punct[r]);
            }
            assert_eq!(f.linked(k).pairs, g.linked(r).pairs);
            assert_eq!(f.linked(k).slot_strong, g.linked(r).slot_strong);
        }
        for id in 0..g.src.vocab.len() {
            assert_eq!(f.src.vocab.df[id], 32 * g.src.vocab.df[id]);
        }
    }

    #[test]
    fn cognates_and_numbers_link() {
        let f = build(
            &["The expedition cost 2,000 dollars."],
            &["Die Expedition kostete 2.000 Dollar."],
            None,
        );
        // expedition, 2000, dollars/dollar all find a partner
        assert!(f.linked(0).pairs.len() >= 3, "{:?}", f.linked(0));
    }

    #[test]
    fn skeleton_links_spelling_variants_of_cognates() {
        let sk = |w: &str| {
            let mut o = String::new();
            skeleton_into(w, &mut o);
            o
        };
        assert_eq!(sk("zentrum"), "kentrum");
        assert_eq!(sk("centre"), "kentre");
        assert_eq!(sk("telephone"), "telefone");
        assert_eq!(sk("schock"), sk("shock"));
        assert_eq!(sk("programm"), "program");
        let src = ["The centre of the theatre and the photo of the class."];
        let tgt = ["Das Zentrum des Theaters und das Foto der Klasse."];
        let linked = |opts: &LinkOpts| {
            let mut f = Features::default();
            build_into(&mut f, &src, &tgt, None, opts);
            let words: Vec<&str> = f
                .linked(0)
                .pairs
                .iter()
                .map(|&(s, _, _)| f.src.vocab.lower(s as usize))
                .collect();
            words.join(" ")
        };
        // Folded forms alone link "theatre" (a shared prefix) but none of these three.
        let plain = linked(&LinkOpts::default());
        for w in ["centre", "photo", "class"] {
            assert!(!plain.contains(w), "{plain}");
        }
        let loose = linked(&LinkOpts {
            skeleton: true,
            min_len: 4,
            ..LinkOpts::default()
        });
        for w in ["centre", "photo", "class"] {
            assert!(loose.contains(w), "{w} not linked: {loose}");
        }
        // A weaker cognate strength is carried to the sentence's pairs.
        let mut f = Features::default();
        let opts = LinkOpts {
            skeleton: true,
            min_len: 4,
            cognate: 0.5,
            ..LinkOpts::default()
        };
        build_into(&mut f, &src, &tgt, None, &opts);
        assert!(f.linked(0).pairs.iter().any(|&(_, _, k)| k == 128));
    }
}
