//! What the consistency rules share: pairs of a document grouped by equal normalised source
//! or target, in linear time and memory bounded by the number of distinct texts (hashes, not
//! texts, are kept), and the normalisations they compare with. inconsistent-translation
//! (MT021) groups by source, same-translation (MT025) by target.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::checks::DocView;
use crate::model::Side;

/// `s` trimmed, with every run of white space made one space.
pub fn normalised(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A hash of `s`'s words (white space collapsed, ends trimmed).
pub fn normalised_hash(s: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for w in s.split_whitespace() {
        w.hash(&mut h);
    }
    h.finish()
}

/// Letters and digits of `s` in lower case: two texts with the same key differ only in
/// punctuation, case or white space.
pub fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The pairs of `doc` grouped by equal normalised text of `side` (white space collapsed), in
/// order of first occurrence, each group of at least two pairs; a pair counts when that side
/// has at least `min_words` words and the other side is not empty. Linear in the pairs: a
/// first pass counts the hash of each normalised text (a 1M-unit memory holds one map entry
/// per distinct text, no text), a second collects the pairs of repeated ones only; equal
/// hashes of different texts are split by comparing the words.
pub fn repeated(doc: &DocView<'_>, side: Side, min_words: usize) -> Vec<Vec<usize>> {
    fn pick<'v>(p: &(&'v str, &'v str), side: Side) -> &'v str {
        match side {
            Side::Source => p.0,
            Side::Target => p.1,
        }
    }
    let other_side = match side {
        Side::Source => Side::Target,
        Side::Target => Side::Source,
    };
    let eligible = |p: &(&str, &str)| {
        pick(p, side)
            .split_whitespace()
            .nth(min_words.saturating_sub(1))
            .is_some()
            && !pick(p, other_side).trim().is_empty()
    };
    let mut count: HashMap<u64, u32> = HashMap::new();
    for p in doc.pairs.iter().filter(|p| eligible(p)) {
        let n = count.entry(normalised_hash(pick(p, side))).or_default();
        *n = n.saturating_add(1);
    }
    count.retain(|_, n| *n > 1);
    if count.is_empty() {
        return Vec::new();
    }
    let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::with_capacity(count.len());
    for (i, p) in doc.pairs.iter().enumerate() {
        if !eligible(p) {
            continue;
        }
        let h = normalised_hash(pick(p, side));
        if count.contains_key(&h) {
            by_hash.entry(h).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for v in by_hash.into_values() {
        let mut parts: Vec<Vec<usize>> = Vec::new();
        for i in v {
            let words = || pick(&doc.pairs[i], side).split_whitespace();
            match parts
                .iter_mut()
                .find(|p| words().eq(pick(&doc.pairs[p[0]], side).split_whitespace()))
            {
                Some(p) => p.push(i),
                None => parts.push(vec![i]),
            }
        }
        groups.extend(parts.into_iter().filter(|p| p.len() > 1));
    }
    // Deterministic order (a hash map's is not): by first occurrence.
    groups.sort_by_key(|v| v[0]);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::DocStats;

    #[test]
    fn groups_by_either_side_in_order_of_first_occurrence() {
        let stats = DocStats::default();
        let doc = DocView {
            pairs: vec![
                ("a b c", "x y z"),
                ("d e f", "x  y z"),
                ("a  b c ", "u v w"),
                ("g h i", ""),
                ("g h i", "q"),
            ],
            stats: &stats,
        };
        assert_eq!(repeated(&doc, Side::Source, 3), [vec![0, 2]]);
        assert_eq!(repeated(&doc, Side::Target, 3), [vec![0, 1]]);
        assert!(repeated(&doc, Side::Source, 4).is_empty());
        assert_eq!(loose("Der Drucker, bitte!"), loose("der drucker bitte"));
    }
}
