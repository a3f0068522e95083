//! What the consistency rules share: pairs of a document grouped by equal normalised source
//! or target, in linear time and memory bounded by the number of distinct texts (hashes, not
//! texts, are kept), and the normalisations they compare with. inconsistent-translation
//! (MT021) groups by source, same-translation (MT025) by target.
//!
//! Variants of one key (`files[one]`/`files[other]`, a Qt numerus form `[0]`, an
//! `.xcstrings` `[device.iphone][plural.one]`: the trailing `[…]` groups of the unit id) are
//! compared only with pairs of the same variant, never with each other: the German plural
//! forms of one English text differ on purpose.
//!
//! Across the files of a batch run ([`pair_keys`], [`across_documents`]): each document
//! leaves four hashes per pair, and the groups are made after the last document.

use rustc_hash::FxHashMap;

use crate::checks::DocView;
use crate::model::Side;

/// The hasher of [`text_hash`]: foldhash's (quality variant), seeded once per process at
/// random.
fn hasher() -> &'static foldhash::quality::RandomState {
    static STATE: std::sync::OnceLock<foldhash::quality::RandomState> = std::sync::OnceLock::new();
    STATE.get_or_init(foldhash::quality::RandomState::default)
}

/// A hash of the bytes `b`, keyed per process (foldhash: a folded multiplication per 16
/// bytes, where SipHash-1-3 costs about 2 instructions a byte). It is not a cryptographic
/// hash; what the consistency rules need is that an input cannot choose many texts with one
/// hash: the seed is drawn at random when the process starts, which the input cannot know,
/// and no hash leaves the process (a report holds none; equal hashes are only a reason to
/// compare texts, see [`repeated`]). Equal bytes give equal hashes within one run only.
pub fn text_hash(b: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    hasher().hash_one(b)
}

/// A hash of `s`'s words (white space collapsed, ends trimmed): [`text_hash`] of the words
/// joined by single spaces (words hold no white space, so the stream names them
/// unambiguously). Most texts are that stream already ([`is_spaced`]) and are hashed as they
/// are; the others are written into `buf`, scratch space kept by a caller that hashes many.
pub fn normalised_hash(s: &str, buf: &mut Vec<u8>) -> u64 {
    if is_spaced(s) {
        return text_hash(s.as_bytes());
    }
    buf.clear();
    crate::checks::text::for_each_spaced(s, |r| {
        if !buf.is_empty() {
            buf.push(b' ');
        }
        buf.extend_from_slice(&s.as_bytes()[r]);
    });
    text_hash(buf)
}

/// Whether `s` is words separated by single ASCII spaces, with no white space at either end
/// or of any other kind ([`char::is_whitespace`]): then it is its own word stream. Two byte
/// scans without an early exit, which the compiler runs 16 bytes at a time: one for two
/// spaces in a row, one for a byte that may begin other white space (a control char from tab
/// to carriage return, or the lead byte 0xC2, 0xE1, 0xE2 or 0xE3 of the non-ASCII ones);
/// only a text with such a byte (1 in 200 of a translation memory: quotes and dashes begin
/// with 0xE2 too) is looked at char by char ([`is_spaced_exactly`]). 2,200 instructions
/// for a sentence of 135 bytes before, 460 now.
fn is_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    if n == 0 || b[0] == b' ' || b[n - 1] == b' ' {
        return false;
    }
    let mut doubled = 0u8;
    for (&x, &y) in b.iter().zip(&b[1..]) {
        doubled |= ((x == b' ') & (y == b' ')) as u8;
    }
    if doubled != 0 {
        return false;
    }
    let mut suspect = 0u8;
    for &c in b {
        suspect |= ((c.wrapping_sub(b'\t') < 5) | (c == 0xC2) | (c.wrapping_sub(0xE1) < 3)) as u8;
    }
    suspect == 0 || is_spaced_exactly(b)
}

/// [`is_spaced`] byte by byte, for a text that holds a byte that may begin white space other
/// than a space (none at either end, none doubled: checked before).
fn is_spaced_exactly(b: &[u8]) -> bool {
    for (i, &c) in b.iter().enumerate() {
        let next = |k: usize| b.get(i + k).copied();
        match c {
            b'\t'..=b'\r' => return false,
            // U+0085, U+00A0
            0xC2 if matches!(next(1), Some(0x85 | 0xA0)) => return false,
            // U+1680
            0xE1 if next(1) == Some(0x9A) && next(2) == Some(0x80) => return false,
            // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
            0xE2 if matches!(
                (next(1), next(2)),
                (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F))
            ) =>
            {
                return false;
            }
            // U+3000
            0xE3 if next(1) == Some(0x80) && next(2) == Some(0x80) => return false,
            _ => {}
        }
    }
    true
}

/// The variant part of a unit id: its trailing `[…]` groups (`files[one]` → `[one]`,
/// `k[device.iphone][plural.one]` → `[device.iphone][plural.one]`, `home.title` → ``).
pub fn variant_suffix(unit: &str) -> &str {
    let mut end = unit.len();
    while unit[..end].ends_with(']') {
        match unit[..end].rfind('[') {
            Some(open) if open > 0 => end = open,
            _ => break,
        }
    }
    &unit[end..]
}

/// [`normalised_hash`] of `s` with the variant part of its unit mixed in: the variants of
/// one key never share a hash (see the module documentation).
pub fn keyed_hash(s: &str, unit: Option<&str>, buf: &mut Vec<u8>) -> u64 {
    let h = normalised_hash(s, buf);
    let suffix = unit.map_or("", variant_suffix);
    if suffix.is_empty() {
        return h;
    }
    use std::hash::BuildHasher;
    hasher().hash_one((h, suffix.as_bytes()))
}

/// The letters and digits of `s` in lower case (what [`loose_eq`] compares): ASCII chars
/// without the Unicode tables (a third of the instructions of
/// `chars().filter(char::is_alphanumeric).flat_map(char::to_lowercase)`).
fn loose_chars(s: &str) -> LooseChars<'_> {
    LooseChars {
        chars: s.chars(),
        rest: None,
    }
}

struct LooseChars<'a> {
    chars: std::str::Chars<'a>,
    /// What is left of the lower case of the last char (`İ` is two chars).
    rest: Option<std::char::ToLowercase>,
}

impl Iterator for LooseChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(rest) = &mut self.rest {
            if let Some(c) = rest.next() {
                return Some(c);
            }
            self.rest = None;
        }
        loop {
            let c = self.chars.next()?;
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    return Some(c.to_ascii_lowercase());
                }
            } else if c.is_alphanumeric() {
                let mut lower = c.to_lowercase();
                let first = lower.next();
                self.rest = Some(lower);
                return first;
            }
        }
    }
}

/// Whether `a` and `b` have the same letters and digits in lower case: they differ only in
/// punctuation, case or white space. Without a string: equal texts by one comparison, the
/// others char by char.
pub fn loose_eq(a: &str, b: &str) -> bool {
    a == b || loose_chars(a).eq(loose_chars(b))
}

/// Split `keyed` ((hash, pair) sorted: the pairs of one hash together, in pair order) into
/// classes of pairs that `cmp` finds equal, and call `class` with the start of each in
/// `keyed` and its entries, in pair order. The pairs of one hash are almost always one class: that is checked
/// by one comparison per pair; otherwise (a collision) they are sorted by `cmp`, so even
/// many texts of one hash cost n log n comparisons, never n².
pub fn classes(
    keyed: &mut [(u64, usize)],
    cmp: impl Fn(usize, usize) -> std::cmp::Ordering,
    mut class: impl FnMut(usize, &[(u64, usize)]),
) {
    use std::cmp::Ordering::Equal;
    let mut at = 0;
    while at < keyed.len() {
        let h = keyed[at].0;
        let end = at + keyed[at..].iter().take_while(|k| k.0 == h).count();
        let run = &mut keyed[at..end];
        let first = run[0].1;
        if !run[1..].iter().all(|k| cmp(first, k.1) == Equal) {
            run.sort_unstable_by(|a, b| cmp(a.1, b.1).then(a.1.cmp(&b.1)));
            let mut start = 0;
            while start < run.len() {
                let n = run[start..]
                    .iter()
                    .take_while(|k| cmp(run[start].1, k.1) == Equal)
                    .count();
                class(at + start, &run[start..start + n]);
                start += n;
            }
        } else {
            class(at, run);
        }
        at = end;
    }
}

/// Groups of pairs, each in pair order, the groups in order of their first pair; flat (two
/// vectors, not one per group).
#[derive(Debug, Default)]
pub struct Groups {
    pairs: Vec<usize>,
    ends: Vec<usize>,
}

impl Groups {
    /// The groups, each its pairs.
    pub fn iter(&self) -> impl Iterator<Item = &[usize]> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let g = &self.pairs[start..end];
            start = end;
            g
        })
    }

    /// How many groups.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// The pairs of `doc` grouped by equal normalised text of `side` (white space collapsed), in
/// order of first occurrence, each group of at least two pairs; a pair counts when that side
/// has at least `min_words` words and the other side is not empty. Each counted pair's hash
/// ([`keyed_hash`]) is computed once and sorted with the pair's index (16 bytes a counted
/// pair; a map of the counts of a million distinct texts took 34 MB): the pairs of one text
/// are then side by side, and equal hashes of different texts are split by comparing the
/// words ([`classes`]). No hash map: n log n in the pairs whatever the input.
pub fn repeated(doc: &DocView<'_>, side: Side, min_words: usize) -> Groups {
    fn pick<'v>(p: (&'v str, &'v str), side: Side) -> &'v str {
        match side {
            Side::Source => p.0,
            Side::Target => p.1,
        }
    }
    let other_side = match side {
        Side::Source => Side::Target,
        Side::Target => Side::Source,
    };
    let eligible = |p: (&str, &str)| {
        pick(p, side)
            .split_whitespace()
            .nth(min_words.saturating_sub(1))
            .is_some()
            && !pick(p, other_side).trim().is_empty()
    };
    let text = |i: usize| pick(doc.pair(i), side);
    let suffix = |i: usize| doc.unit(i).map_or("", variant_suffix);
    let mut buf = Vec::new();
    let mut keyed: Vec<(u64, usize)> = Vec::with_capacity(doc.len());
    for (i, p) in doc.pairs().enumerate() {
        if eligible(p) {
            keyed.push((keyed_hash(pick(p, side), doc.unit(i), &mut buf), i));
        }
    }
    drop(buf);
    keyed.sort_unstable();
    // (first pair, range in `keyed`) of each group
    let mut found: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    classes(
        &mut keyed,
        |a, b| {
            let (ta, tb) = (text(a), text(b));
            // (equal texts, the usual case, by one memcmp before word by word)
            suffix(a).cmp(suffix(b)).then_with(|| {
                if ta == tb {
                    std::cmp::Ordering::Equal
                } else {
                    ta.split_whitespace().cmp(tb.split_whitespace())
                }
            })
        },
        |start, class| {
            if class.len() > 1 {
                found.push((class[0].1, start..start + class.len()));
            }
        },
    );
    // Deterministic order (the hashes' is not): by first occurrence.
    found.sort_unstable_by_key(|(first, _)| *first);
    let mut groups = Groups {
        pairs: Vec::with_capacity(found.iter().map(|(_, r)| r.len()).sum()),
        ends: Vec::with_capacity(found.len()),
    };
    for (_, r) in found {
        groups.pairs.extend(keyed[r].iter().map(|k| k.1));
        groups.ends.push(groups.pairs.len());
    }
    groups
}

/// What a batch run keeps of one pair for the consistency across its files: hashes, not
/// texts (48 bytes a pair).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairKey {
    /// The pair's index in its document.
    pub pair: u32,
    /// The comparisons the pair takes part in: [`BY_SOURCE`] (the same source translated
    /// differently, MT021), [`BY_TARGET`] (different sources with the same target, MT025).
    pub uses: u8,
    /// [`keyed_hash`] of the source (white space collapsed, the unit's variant mixed in).
    pub source: u64,
    /// The source's letters and digits in lower case ([`loose_eq`]).
    pub source_loose: u64,
    /// The trimmed target, exactly.
    pub target: u64,
    /// [`keyed_hash`] of the target (white space collapsed, the unit's variant mixed in).
    pub spaced: u64,
    /// The target's letters and digits in lower case ([`loose_eq`]).
    pub loose: u64,
}

/// [`PairKey::uses`]: the pair's source is compared (inconsistent translation).
pub const BY_SOURCE: u8 = 1;
/// [`PairKey::uses`]: the pair's target is compared (same translation).
pub const BY_TARGET: u8 = 2;

/// A hash of the letters and digits of `s` in lower case ([`loose_eq`]), written into `buf`
/// (equal loose texts, equal hashes).
fn loose_hash(s: &str, buf: &mut Vec<u8>) -> u64 {
    buf.clear();
    for c in loose_chars(s) {
        buf.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    text_hash(buf)
}

/// Whether `s` has at least `n` words.
fn has_words(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n.saturating_sub(1)).is_some()
}

/// The keys of a document's pairs (source, target, unit) that the consistency rules compare:
/// with `source_words`, a pair whose source has at least that many words and whose target is
/// not empty is compared by its source ([`BY_SOURCE`]); with `target_words`, one whose target
/// has at least that many words and whose source is not empty by its target
/// ([`BY_TARGET`]). Other pairs have no key.
pub fn pair_keys<'a>(
    pairs: impl Iterator<Item = (&'a str, &'a str, Option<&'a str>)>,
    source_words: Option<usize>,
    target_words: Option<usize>,
) -> Vec<PairKey> {
    let mut buf = Vec::new();
    pairs
        .enumerate()
        .filter_map(|(i, (s, t, unit))| {
            let mut uses = 0;
            if source_words.is_some_and(|n| has_words(s, n)) && !t.trim().is_empty() {
                uses |= BY_SOURCE;
            }
            if target_words.is_some_and(|n| has_words(t, n)) && !s.trim().is_empty() {
                uses |= BY_TARGET;
            }
            (uses != 0).then(|| PairKey {
                pair: u32::try_from(i).unwrap_or(u32::MAX),
                uses,
                source: keyed_hash(s, unit, &mut buf),
                source_loose: loose_hash(s, &mut buf),
                target: text_hash(t.trim().as_bytes()),
                spaced: keyed_hash(t, unit, &mut buf),
                loose: loose_hash(t, &mut buf),
            })
        })
        .collect()
}

/// How a variant differs from the reference translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difference {
    /// Only in white space inside the text.
    Space,
    /// Only in punctuation or case.
    PunctuationOrCase,
    /// In words.
    Words,
}

/// Places of a variant listed in a message (per variant), and variants listed.
pub const LIST_PLACES: usize = 4;
pub const LIST_VARIANTS: usize = 4;

/// One translation of a repeated source across the files of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// How many pairs have it.
    pub count: usize,
    /// Its first [`LIST_PLACES`] places: (document, pair).
    pub places: Vec<(u32, u32)>,
}

/// The pairs of one group (document, key) split into variants by `same` (whether a pair is of
/// the variant that a first pair opened), in order of first occurrence: each variant with the
/// key of its first pair, its count and first [`LIST_PLACES`] places; and each pair's variant.
fn variants_by(
    pairs: &[(u32, PairKey)],
    same: impl Fn(&PairKey, &PairKey) -> bool,
) -> (Vec<(PairKey, Variant)>, Vec<usize>) {
    let mut variants: Vec<(PairKey, Variant)> = Vec::new();
    let mut variant_of = Vec::with_capacity(pairs.len());
    for (d, k) in pairs {
        let v = match variants.iter().position(|(r, _)| same(r, k)) {
            Some(v) => v,
            None => {
                variants.push((
                    *k,
                    Variant {
                        count: 0,
                        places: Vec::new(),
                    },
                ));
                variants.len() - 1
            }
        };
        let var = &mut variants[v].1;
        var.count += 1;
        if var.places.len() < LIST_PLACES {
            var.places.push((*d, k.pair));
        }
        variant_of.push(v);
    }
    (variants, variant_of)
}

/// A source translated in more than one way across the files of a run: its variants, the
/// reference (most frequent, the earliest on a tie) first, then in order of first occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossGroup {
    pub variants: Vec<Variant>,
    /// The pairs to flag: (document, pair, variant index, difference from the reference).
    pub flagged: Vec<(u32, u32, usize, Difference)>,
}

/// The groups of pairs (of documents `0..docs.len()`, in run order) whose same source is
/// translated differently in different documents. Linear in the pairs: a first pass finds
/// the sources that occur in more than one document, a second gathers only those.
///
/// A pair is flagged when its translation differs from the run's reference, the reference
/// occurs in another document, and the document rule (MT021 on its own document) did not
/// flag it already (its document translates the source one way, or this pair has the
/// document's own majority translation): every pair gets one finding at most. Groups come
/// in order of first occurrence; equal hashes are taken as equal texts.
pub fn across_documents(docs: &[Vec<PairKey>]) -> Vec<CrossGroup> {
    // Source → (first document, in more than one).
    let mut seen: FxHashMap<u64, (u32, bool)> = FxHashMap::default();
    for (d, keys) in docs.iter().enumerate() {
        let d = u32::try_from(d).unwrap_or(u32::MAX);
        for k in keys.iter().filter(|k| k.uses & BY_SOURCE != 0) {
            let e = seen.entry(k.source).or_insert((d, false));
            if e.0 != d {
                e.1 = true;
            }
        }
    }
    seen.retain(|_, (_, many)| *many);
    if seen.is_empty() {
        return Vec::new();
    }
    // Source → its pairs (document, key), in run order.
    let mut by_source: FxHashMap<u64, Vec<(u32, PairKey)>> =
        FxHashMap::with_capacity_and_hasher(seen.len(), Default::default());
    for (d, keys) in docs.iter().enumerate() {
        let d = u32::try_from(d).unwrap_or(u32::MAX);
        for k in keys
            .iter()
            .filter(|k| k.uses & BY_SOURCE != 0 && seen.contains_key(&k.source))
        {
            by_source.entry(k.source).or_default().push((d, *k));
        }
    }
    drop(seen);
    let mut groups: Vec<((u32, u32), CrossGroup)> = Vec::new();
    for pairs in by_source.into_values() {
        // Variants by target hash, in order of first occurrence.
        let (variants, variant_of) = variants_by(&pairs, |r: &PairKey, k| r.target == k.target);
        if variants.len() < 2 {
            continue;
        }
        let best = majority(variants.iter().map(|(_, v)| v.count));
        let reference = variants[best].0;
        let reference_docs: Vec<u32> = {
            let mut v: Vec<u32> = pairs
                .iter()
                .zip(&variant_of)
                .filter(|(_, v)| **v == best)
                .map(|((d, _), _)| *d)
                .collect();
            v.dedup();
            v
        };
        let mut flagged = Vec::new();
        let mut at = 0;
        while at < pairs.len() {
            // The pairs of one document.
            let d = pairs[at].0;
            let end = at + pairs[at..].iter().take_while(|(e, _)| *e == d).count();
            let local = &variant_of[at..end];
            // The document's own majority (what MT021 on the document suggests).
            let mut counts: Vec<(usize, usize)> = Vec::new();
            for &v in local {
                match counts.iter_mut().find(|(w, _)| *w == v) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((v, 1)),
                }
            }
            let local_best = counts[majority(counts.iter().map(|(_, n)| *n))].0;
            let elsewhere = reference_docs.iter().any(|&r| r != d);
            for (k, &v) in local.iter().enumerate() {
                let by_document = counts.len() > 1 && v != local_best;
                if v == best || by_document || !elsewhere {
                    continue;
                }
                let key = pairs[at + k].1;
                let difference = if key.spaced == reference.spaced {
                    Difference::Space
                } else if key.loose == reference.loose {
                    Difference::PunctuationOrCase
                } else {
                    Difference::Words
                };
                flagged.push((d, key.pair, v, difference));
            }
            at = end;
        }
        if flagged.is_empty() {
            continue;
        }
        // The reference first, the others in order of first occurrence.
        let mut order: Vec<usize> = (0..variants.len()).collect();
        order.sort_by_key(|&v| v != best);
        let mut renumber = vec![0; variants.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old] = new;
        }
        for f in &mut flagged {
            f.2 = renumber[f.2];
        }
        let first = pairs[0];
        let mut variants: Vec<Option<Variant>> =
            variants.into_iter().map(|(_, v)| Some(v)).collect();
        groups.push((
            (first.0, first.1.pair),
            CrossGroup {
                variants: order.iter().filter_map(|&v| variants[v].take()).collect(),
                flagged,
            },
        ));
    }
    // Deterministic order (a hash map's is not): by first occurrence.
    groups.sort_by_key(|(first, _)| *first);
    groups.into_iter().map(|(_, g)| g).collect()
}

/// The groups of pairs (of documents `0..docs.len()`, in run order) whose different
/// sources have the same target in different documents: same-translation (MT025) across the
/// files of a run. Linear in the pairs, as [`across_documents`]. A group's variants are its
/// sources (by their letters and digits, [`PairKey::source_loose`]) in order of first
/// occurrence; the first is the reference.
///
/// The document rule flags, in one document, the pairs of every source but the document's
/// first with that target. Here a pair is flagged when it has its document's first source
/// (so the document rule did not flag it) and that source is not the run's first: every
/// pair gets one finding at most, and the document of the run's first source none. Groups
/// come in order of first occurrence; equal hashes are taken as equal texts.
pub fn same_target_across_documents(docs: &[Vec<PairKey>]) -> Vec<CrossGroup> {
    let compared = |k: &&PairKey| k.uses & BY_TARGET != 0;
    // Target → (first document, its first source, another source in a later document).
    let mut seen: FxHashMap<u64, (u32, u64, bool)> = FxHashMap::default();
    for (d, keys) in docs.iter().enumerate() {
        let d = u32::try_from(d).unwrap_or(u32::MAX);
        for k in keys.iter().filter(compared) {
            let e = seen.entry(k.spaced).or_insert((d, k.source_loose, false));
            if e.0 != d && e.1 != k.source_loose {
                e.2 = true;
            }
        }
    }
    seen.retain(|_, (_, _, cross)| *cross);
    if seen.is_empty() {
        return Vec::new();
    }
    // Target → its pairs (document, key), in run order.
    let mut by_target: FxHashMap<u64, Vec<(u32, PairKey)>> =
        FxHashMap::with_capacity_and_hasher(seen.len(), Default::default());
    for (d, keys) in docs.iter().enumerate() {
        let d = u32::try_from(d).unwrap_or(u32::MAX);
        for k in keys
            .iter()
            .filter(compared)
            .filter(|k| seen.contains_key(&k.spaced))
        {
            by_target.entry(k.spaced).or_default().push((d, *k));
        }
    }
    drop(seen);
    let mut groups: Vec<((u32, u32), CrossGroup)> = Vec::new();
    for pairs in by_target.into_values() {
        // Sources by their loose hash, in order of first occurrence.
        let (variants, variant_of) =
            variants_by(&pairs, |r: &PairKey, k| r.source_loose == k.source_loose);
        let mut flagged = Vec::new();
        let mut at = 0;
        while at < pairs.len() {
            // The pairs of one document; its first source is what the document rule names.
            let d = pairs[at].0;
            let end = at + pairs[at..].iter().take_while(|(e, _)| *e == d).count();
            let local_first = variant_of[at];
            if local_first != 0 {
                for k in at..end {
                    if variant_of[k] == local_first {
                        flagged.push((d, pairs[k].1.pair, local_first, Difference::Words));
                    }
                }
            }
            at = end;
        }
        if flagged.is_empty() {
            continue;
        }
        let first = pairs[0];
        groups.push((
            (first.0, first.1.pair),
            CrossGroup {
                variants: variants.into_iter().map(|(_, v)| v).collect(),
                flagged,
            },
        ));
    }
    groups.sort_by_key(|(first, _)| *first);
    groups.into_iter().map(|(_, g)| g).collect()
}

/// The message of a pair flagged by [`same_target_across_documents`]: every source (up to
/// [`LIST_VARIANTS`]) with its places. `place` names a (document, pair) (file and unit),
/// `text` is the English of a variant (by index, the run's first is 0).
pub fn same_target_message(
    group: &CrossGroup,
    place: &dyn Fn((u32, u32)) -> String,
    text: &dyn Fn(usize) -> String,
) -> String {
    let mut listed: Vec<String> = group
        .variants
        .iter()
        .take(LIST_VARIANTS)
        .enumerate()
        .map(|(k, v)| {
            let shown: Vec<String> = v.places.iter().map(|p| place(*p)).collect();
            let more = v.count.saturating_sub(v.places.len());
            let places = if more > 0 {
                format!("{} and {more} more", shown.join(", "))
            } else {
                shown.join(", ")
            };
            format!("'{}' ({places})", quote(&text(k)))
        })
        .collect();
    if group.variants.len() > LIST_VARIANTS {
        listed.push(format!("and {} more", group.variants.len() - LIST_VARIANTS));
    }
    format!(
        "the same German translates {} different English sentences across the files of this run: {}; check that they are meant to read the same",
        group.variants.len(),
        listed.join(", ")
    )
}

/// `s` trimmed and cut to 80 chars with a `…`.
fn quote(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The message and severity (`None`: the rule's) of a pair flagged by [`across_documents`]
/// with variant `variant`: `place` names a (document, pair) (file and unit), `text` is the
/// translation of a variant (by index, the reference is 0).
pub fn cross_message(
    group: &CrossGroup,
    difference: Difference,
    place: &dyn Fn((u32, u32)) -> String,
    text: &dyn Fn(usize) -> String,
) -> (String, Option<crate::model::Severity>) {
    let places = |v: &Variant| {
        let shown: Vec<String> = v.places.iter().map(|p| place(*p)).collect();
        let more = v.count.saturating_sub(v.places.len());
        if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        }
    };
    let reference = &group.variants[0];
    match difference {
        Difference::Space => (
            format!(
                "the same English sentence is translated with other white space in another file: {}",
                places(reference)
            ),
            Some(crate::model::Severity::Info),
        ),
        Difference::PunctuationOrCase => (
            format!(
                "the same English sentence is translated with other punctuation or case in another file: '{}' ({})",
                quote(&text(0)),
                places(reference)
            ),
            None,
        ),
        Difference::Words => {
            let mut listed: Vec<String> = group
                .variants
                .iter()
                .take(LIST_VARIANTS)
                .enumerate()
                .map(|(k, v)| format!("'{}' ({})", quote(&text(k)), places(v)))
                .collect();
            if group.variants.len() > LIST_VARIANTS {
                listed.push(format!("and {} more", group.variants.len() - LIST_VARIANTS));
            }
            (
                format!(
                    "the same English sentence is translated {} ways across the files of this run: {}; use one translation",
                    group.variants.len(),
                    listed.join(", ")
                ),
                None,
            )
        }
    }
}

/// The index of the largest count, the earliest on a tie.
fn majority(counts: impl Iterator<Item = usize>) -> usize {
    let mut best = (0, 0);
    for (i, n) in counts.enumerate() {
        if n > best.1 {
            best = (i, n);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::DocStats;

    #[test]
    fn the_hash_is_of_the_words_joined_by_one_space() {
        let long = "Wort\u{a0}ünd  Satz\t".repeat(40);
        for s in [
            "",
            "   ",
            "one",
            " two  words ",
            "a\u{2009}b\u{3000}c\r\nd",
            "Straße\u{85}über\u{a0}",
            long.as_str(),
            &"x".repeat(300),
            "a b",
            "ab ",
            " ab",
            "a\u{a0}",
            "«a» § 3 °C „b“ – c",
        ]
        .into_iter()
        .map(str::to_string)
        .chain(
            // every white space char, alone, between words and at the ends
            (0..=0x10FFFFu32)
                .filter_map(char::from_u32)
                .filter(|c| c.is_whitespace())
                .flat_map(|c| {
                    [
                        format!("a{c}b"),
                        format!("{c}a"),
                        format!("a{c}"),
                        c.to_string(),
                    ]
                }),
        ) {
            let s = s.as_str();
            let stream = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(is_spaced(s), s == stream && !s.is_empty(), "{s:?}");
            let mut buf = Vec::new();
            assert_eq!(
                normalised_hash(s, &mut buf),
                text_hash(stream.as_bytes()),
                "{s:?}"
            );
        }
    }

    fn groups(doc: &DocView<'_>, side: Side, min_words: usize) -> Vec<Vec<usize>> {
        repeated(doc, side, min_words)
            .iter()
            .map(<[usize]>::to_vec)
            .collect()
    }

    #[test]
    fn groups_by_either_side_in_order_of_first_occurrence() {
        let stats = DocStats::default();
        let doc = DocView::new(
            vec![
                ("a b c", "x y z"),
                ("d e f", "x  y z"),
                ("a  b c ", "u v w"),
                ("g h i", ""),
                ("g h i", "q"),
            ],
            Vec::new(),
            &stats,
        );
        assert_eq!(groups(&doc, Side::Source, 3), [vec![0, 2]]);
        assert_eq!(groups(&doc, Side::Target, 3), [vec![0, 1]]);
        assert!(repeated(&doc, Side::Source, 4).is_empty());
        assert!(loose_eq("Der Drucker, bitte!", "der drucker bitte"));
        assert!(!loose_eq("Der Drucker, bitte!", "der drucker bitten"));
        // The chars compared are those of the Unicode tables, for every char.
        let all: String = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        assert!(
            loose_chars(&all).eq(all
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase))
        );
        assert!(loose_eq("3 Straßen, ÄRGER!", "3 STRAßEN ärger"));
    }

    #[test]
    fn texts_of_one_hash_are_split_by_comparing_them() {
        // A collision, forced: every pair has hash 7; the classes are the texts, each in
        // pair order, in order of text.
        let texts = ["b", "a", "b", "c", "a", "b"];
        let mut keyed: Vec<(u64, usize)> = (0..texts.len()).map(|i| (7, i)).collect();
        let mut found = Vec::new();
        classes(
            &mut keyed,
            |a, b| texts[a].cmp(texts[b]),
            |_, class| found.push(class.iter().map(|k| k.1).collect::<Vec<_>>()),
        );
        assert_eq!(found, [vec![1, 4], vec![0, 2, 5], vec![3]]);
        // Without one: one class per hash, in pair order.
        let mut keyed = vec![(1, 0), (1, 2), (2, 1)];
        let mut found = Vec::new();
        classes(
            &mut keyed,
            |_, _| std::cmp::Ordering::Equal,
            |start, class| found.push(start..start + class.len()),
        );
        assert_eq!(found, [0..2, 2..3]);
    }

    #[test]
    fn variants_of_one_key_are_not_compared_with_each_other() {
        assert_eq!(variant_suffix("files[one]"), "[one]");
        assert_eq!(
            variant_suffix("k[device.iphone][plural.one]"),
            "[device.iphone][plural.one]"
        );
        assert_eq!(variant_suffix("home.title"), "");
        assert_eq!(variant_suffix("[odd]"), "");
        let stats = DocStats::default();
        let doc = DocView::new(
            vec![
                ("%n file(s) were deleted", "%n Datei wurde gelöscht"),
                ("%n file(s) were deleted", "%n Dateien wurden gelöscht"),
                ("%n file(s) were deleted", "%n Datei wurde entfernt"),
            ],
            vec![Some("del[0]"), Some("del[1]"), Some("other[0]")],
            &stats,
        );
        assert_eq!(groups(&doc, Side::Source, 3), [vec![0, 2]]);
    }

    fn keys(pairs: &[(&str, &str)]) -> Vec<PairKey> {
        pair_keys(pairs.iter().map(|(s, t)| (*s, *t, None)), Some(3), Some(3))
    }

    #[test]
    fn across_documents_flags_the_minority_of_the_run_once() {
        let s = "Save your changes now.";
        let a = keys(&[
            (s, "Speichern Sie jetzt."),
            ("One two three.", "Eins zwei drei."),
        ]);
        let b = keys(&[(s, "Sichern Sie jetzt."), (s, "Sichern Sie jetzt.")]);
        let c = keys(&[(s, "Speichern Sie jetzt."), (s, "Speichern Sie jetzt.")]);
        let groups = across_documents(&[a.clone(), b.clone(), c]);
        assert_eq!(groups.len(), 1);
        let g = &groups[0];
        assert_eq!(g.variants[0].count, 3);
        assert_eq!(g.variants[0].places, [(0, 0), (2, 0), (2, 1)]);
        assert_eq!(g.variants[1].places, [(1, 0), (1, 1)]);
        assert_eq!(
            g.flagged,
            [(1, 0, 1, Difference::Words), (1, 1, 1, Difference::Words)]
        );
        // One document alone: the document rule's business.
        assert!(across_documents(std::slice::from_ref(&b)).is_empty());
        // Two documents that agree.
        assert!(across_documents(&[b.clone(), b]).is_empty());
        // Punctuation and white space are named.
        let p = keys(&[(s, "Speichern Sie jetzt!")]);
        let w = keys(&[(s, "Speichern  Sie jetzt.")]);
        let groups = across_documents(&[a.clone(), a, p, w]);
        assert_eq!(
            groups[0].flagged,
            [
                (2, 0, 1, Difference::PunctuationOrCase),
                (3, 0, 2, Difference::Space)
            ]
        );
    }

    #[test]
    fn a_pair_the_document_rule_flags_is_not_flagged_again() {
        let s = "Save your changes now.";
        // Document 0 is inconsistent itself: MT021 flags its pair 1; its pair 0 (its own
        // majority, by the tie) differs from the run's reference and is flagged here.
        let a = keys(&[(s, "Speichern Sie jetzt."), (s, "Sichern Sie jetzt.")]);
        let b = keys(&[(s, "Sichern Sie jetzt.")]);
        let groups = across_documents(&[a, b]);
        assert_eq!(groups[0].flagged, [(0, 0, 1, Difference::Words)]);
    }
    #[test]
    fn same_target_across_documents_flags_a_later_documents_other_source_once() {
        let t = "Löschen Sie den Eintrag.";
        let remove = "Remove the item from the list.";
        let delete = "Delete the item permanently.";
        let a = keys(&[(remove, t), ("One two three.", "Eins zwei drei.")]);
        let b = keys(&[("Four five six.", "Vier fünf sechs."), (delete, t)]);
        let groups = same_target_across_documents(&[a.clone(), b.clone()]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].variants[0].places, [(0, 0)]);
        assert_eq!(groups[0].variants[1].places, [(1, 1)]);
        assert_eq!(groups[0].flagged, [(1, 1, 1, Difference::Words)]);
        // The document rule's business: both sources in one document.
        assert!(same_target_across_documents(&[keys(&[(remove, t), (delete, t)])]).is_empty());
        // A later document with both: its first source is flagged here, the other one by
        // the document rule (which names the document's first).
        let c = keys(&[(delete, t), (remove, t)]);
        let groups = same_target_across_documents(&[a.clone(), c]);
        assert_eq!(groups[0].flagged, [(1, 0, 1, Difference::Words)]);
        // Sources that differ in punctuation and case only, and short targets, are not.
        let d = keys(&[("remove the item from the list", t)]);
        assert!(same_target_across_documents(&[a.clone(), d]).is_empty());
        let short = |s| keys(&[(s, "Löschen")]);
        assert!(same_target_across_documents(&[short(remove), short(delete)]).is_empty());
        // The variants of a key are compared only with the same variant.
        let unit = |s: &'static str, u: &'static str| {
            pair_keys([(s, t, Some(u))].into_iter(), Some(3), Some(3))
        };
        assert!(
            same_target_across_documents(&[unit(remove, "k[one]"), unit(delete, "k[other]")])
                .is_empty()
        );
        assert_eq!(
            same_target_across_documents(&[unit(remove, "k[one]"), unit(delete, "j[one]")]).len(),
            1
        );
        // Keys only for the rules that run.
        let only_source = |s| pair_keys([(s, t, None)].into_iter(), Some(3), None);
        assert_eq!(only_source(remove)[0].uses, BY_SOURCE);
        assert!(
            same_target_across_documents(&[only_source(remove), only_source(delete)]).is_empty()
        );
    }
}
