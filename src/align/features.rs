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

/// What kind of token an anchor is; names, numbers and URLs weigh more than plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Name,
    Number,
    Literal,
}

/// One side's interned anchor types.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    pub ids: FxMap<String, u32>,
    /// Lower-cased form (dictionary lookups), per id.
    pub lower: Vec<String>,
    /// Folded form (lower case, no diacritics; numbers normalised), per id.
    pub folded: Vec<String>,
    pub kind: Vec<Kind>,
    /// Number of sentences holding the type.
    pub df: Vec<u32>,
}

impl Vocab {
    /// The id of a token (lower-cased text); new types are folded and recorded.
    fn intern(&mut self, lower: &str, raw: &str, kind: Kind) -> u32 {
        if let Some(&id) = self.ids.get(lower) {
            return id;
        }
        let folded = match kind {
            Kind::Number => normalize_number(raw),
            Kind::Literal => lower.to_string(),
            _ => fold(lower),
        };
        let id = self.lower.len() as u32;
        self.ids.insert(lower.to_string(), id);
        self.lower.push(lower.to_string());
        self.folded.push(folded);
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
    /// Per sentence, sorted and deduplicated type ids.
    pub types: Vec<Vec<u32>>,
    /// Per sentence, punctuation profile bits (see [`punct_profile`]).
    pub punct: Vec<u8>,
    pub vocab: Vocab,
}

impl Side {
    pub fn len(&self) -> usize {
        self.types.len()
    }
}

/// Target-side sentence as seen from the source: sorted (source type, target slot) pairs and
/// the weight of each slot.
#[derive(Debug, Default, Clone)]
pub(crate) struct Linked {
    pub pairs: Vec<(u32, u8)>,
    pub slot_weight: Vec<f32>,
    pub slot_strong: Vec<bool>,
}

/// Everything the search needs.
#[derive(Debug)]
pub(crate) struct Features {
    pub src: Side,
    pub tgt: Side,
    /// Weight of each source type.
    pub src_w: Vec<f32>,
    /// Weight of each target type.
    pub tgt_w: Vec<f32>,
    /// Per target type, the source types it may translate.
    pub links: Vec<Vec<u32>>,
    pub linked: Vec<Linked>,
}

impl Features {
    /// Recompute the target sentences' linked lists from `links`.
    pub fn relink(&mut self) {
        self.linked = link_sentences(
            &self.tgt.types,
            &self.links,
            &self.tgt_w,
            &self.tgt.vocab.kind,
        );
    }

    /// Learn word links from a first alignment (Moore 2002, hunalign's realign): in the
    /// given 1-1 sentence pairs, a source and a target word that co-occur at least twice
    /// with a Dice coefficient of at least `min_dice` are linked, each target word to its
    /// best source partners. Returns the number of links added.
    pub fn learn_links(&mut self, pairs: &[(usize, usize)], min_dice: f64) -> usize {
        // At most 5,000 pairs, spread over the document, keep this linear and cheap.
        let step = (pairs.len() / 5000).max(1);
        let mut joint: FxMap<(u32, u32), u32> = FxMap::default();
        let mut cs: FxMap<u32, u32> = FxMap::default();
        let mut ct: FxMap<u32, u32> = FxMap::default();
        for &(s, t) in pairs.iter().step_by(step) {
            let st = &self.src.types[s];
            let tt = &self.tgt.types[t];
            let keep_s = |x: &u32| self.src.vocab.kind[*x as usize] != Kind::Number;
            let keep_t = |x: &u32| self.tgt.vocab.kind[*x as usize] != Kind::Number;
            for a in st.iter().filter(|x| keep_s(x)) {
                *cs.entry(*a).or_default() += 1;
            }
            for b in tt.iter().filter(|x| keep_t(x)) {
                *ct.entry(*b).or_default() += 1;
                for a in st.iter().filter(|x| keep_s(x)) {
                    *joint.entry((*a, *b)).or_default() += 1;
                }
            }
        }
        let mut best: FxMap<u32, (f64, Vec<u32>)> = FxMap::default();
        for (&(a, b), &c) in &joint {
            if c < 2 {
                continue;
            }
            let dice = 2.0 * c as f64 / (cs[&a] + ct[&b]) as f64;
            if dice < min_dice {
                continue;
            }
            let e = best.entry(b).or_insert((0.0, Vec::new()));
            if dice > e.0 + 1e-9 {
                *e = (dice, vec![a]);
            } else if (dice - e.0).abs() <= 1e-9 {
                e.1.push(a);
            }
        }
        let mut added = 0;
        for (b, (_, srcs)) in best {
            let l = &mut self.links[b as usize];
            for a in srcs {
                if !l.contains(&a) {
                    l.push(a);
                    added += 1;
                }
            }
            l.sort_unstable();
        }
        if added > 0 {
            self.relink();
        }
        added
    }
}

/// Is a type a strong anchor (kept by any translation)?
pub(crate) fn strong(kind: Kind) -> bool {
    matches!(kind, Kind::Number | Kind::Literal)
}

fn link_sentences(
    types: &[Vec<u32>],
    links: &[Vec<u32>],
    tgt_w: &[f32],
    kinds: &[Kind],
) -> Vec<Linked> {
    types
        .iter()
        .map(|types| {
            let mut pairs = Vec::new();
            let mut slot_weight = Vec::with_capacity(types.len().min(255));
            let mut slot_strong = Vec::with_capacity(types.len().min(255));
            for (slot, &t) in types.iter().take(255).enumerate() {
                slot_weight.push(tgt_w[t as usize]);
                slot_strong.push(strong(kinds[t as usize]));
                for &s in &links[t as usize] {
                    pairs.push((s, slot as u8));
                }
            }
            pairs.sort_unstable();
            Linked {
                pairs,
                slot_weight,
                slot_strong,
            }
        })
        .collect()
}

/// Fold a lower-cased word: strip diacritics, ß → ss and the like.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
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
    out
}

/// Normalise a number written in any of the usual locales to one form: `2.000` (German) and
/// `2,000` (English) are both `2000`; `3,5` and `3.5` are both `3.5`. A separator followed by
/// exactly three digits groups thousands; otherwise it is the decimal mark.
pub fn normalize_number(tok: &str) -> String {
    let t: String = tok
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let t = t.trim_matches(|c| c == '.' || c == ',');
    // Split into digit groups and the separators between them.
    let mut groups: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = 0;
    for (i, c) in t.char_indices() {
        if c == '.' || c == ',' {
            groups.push(&t[start..i]);
            seps.push(c);
            start = i + 1;
        }
    }
    groups.push(&t[start..]);
    if seps.is_empty() {
        return strip_zeros(t);
    }
    // Decimal mark: the last separator if it differs from an earlier one, or if it is not
    // followed by exactly three digits.
    let last = *seps.last().unwrap_or(&'.');
    let last_group = groups.last().copied().unwrap_or("");
    let mixed = seps.iter().any(|&s| s != last);
    let decimal = mixed || last_group.len() != 3 || (seps.len() == 1 && groups[0] == "0");
    let mut int = String::new();
    let n = groups.len();
    let int_groups = if decimal { n - 1 } else { n };
    for g in &groups[..int_groups] {
        int.push_str(g);
    }
    let int = strip_zeros(&int);
    if decimal {
        let frac = last_group.trim_end_matches('0');
        if frac.is_empty() {
            int
        } else {
            format!("{int}.{frac}")
        }
    } else {
        int
    }
}

fn strip_zeros(s: &str) -> String {
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0".to_string()
    } else {
        t.to_string()
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

/// A raw token of a sentence.
struct Tok<'a> {
    text: &'a str,
    kind: Kind,
}

fn is_url(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.")
}

/// Split a sentence into anchor tokens.
fn tokens<'a>(s: &'a str, out: &mut Vec<Tok<'a>>) {
    let mut first_word = true;
    for chunk in s.split_whitespace() {
        let trimmed = chunk.trim_matches(|c: char| {
            !(c.is_alphanumeric() || c == '@' || c == '#' || c == '/' || c == '%')
        });
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.len() > 1
            && (trimmed.starts_with('@')
                || is_url(trimmed)
                || trimmed
                    .find('@')
                    .is_some_and(|a| a > 0 && trimmed[a..].contains('.')))
        {
            out.push(Tok {
                text: trimmed.trim_end_matches(|c: char| !c.is_alphanumeric()),
                kind: Kind::Literal,
            });
            first_word = false;
            continue;
        }
        // Runs of letters, and runs of digits with inner separators (2.000, 3,5).
        let mut it = chunk.char_indices().peekable();
        while let Some((start, c)) = it.next() {
            if c.is_ascii_digit() {
                let mut end = start + 1;
                loop {
                    match it.peek().copied() {
                        Some((k, d)) if d.is_ascii_digit() => {
                            end = k + 1;
                            it.next();
                        }
                        Some((_, d))
                            if (d == '.' || d == ',')
                                && chunk[end + 1..]
                                    .chars()
                                    .next()
                                    .is_some_and(|x| x.is_ascii_digit()) =>
                        {
                            it.next();
                        }
                        _ => break,
                    }
                }
                out.push(Tok {
                    text: &chunk[start..end],
                    kind: Kind::Number,
                });
            } else if c.is_alphabetic() {
                let mut end = start + c.len_utf8();
                while let Some(&(k, d)) = it.peek() {
                    if !d.is_alphabetic() {
                        break;
                    }
                    end = k + d.len_utf8();
                    it.next();
                }
                let kind = if c.is_uppercase() && !first_word {
                    Kind::Name
                } else {
                    Kind::Word
                };
                out.push(Tok {
                    text: &chunk[start..end],
                    kind,
                });
                first_word = false;
            }
        }
        if chunk.ends_with(['.', '!', '?', ':']) {
            first_word = true;
        }
    }
}

/// Build the features of one side.
fn side(sentences: &[&str]) -> Side {
    let mut side = Side {
        chars: Vec::with_capacity(sentences.len() + 1),
        ..Side::default()
    };
    side.chars.push(0.0);
    // About one new type per eight bytes of text: sized once, no rehashing while interning.
    let types_guess = sentences.iter().map(|s| s.len()).sum::<usize>() / 8 + 4;
    side.vocab.ids.reserve(types_guess);
    side.vocab.lower.reserve(types_guess);
    side.vocab.folded.reserve(types_guess);
    side.vocab.kind.reserve(types_guess);
    side.vocab.df.reserve(types_guess);
    side.types.reserve(sentences.len());
    side.punct.reserve(sentences.len());
    let mut acc = 0.0;
    let mut toks = Vec::new();
    let mut lower = String::new();
    let mut ids: Vec<u32> = Vec::new();
    for s in sentences {
        acc += s.chars().filter(|c| !c.is_whitespace()).count() as f64 + 1.0;
        side.chars.push(acc);
        side.punct.push(punct_profile(s));
        ids.clear();
        toks.clear();
        tokens(s, &mut toks);
        for t in &toks {
            lower.clear();
            for c in t.text.chars() {
                if c.is_uppercase() {
                    lower.extend(c.to_lowercase());
                } else {
                    lower.push(c);
                }
            }
            ids.push(side.vocab.intern(&lower, t.text, t.kind));
        }
        ids.sort_unstable();
        ids.dedup();
        for &id in &ids {
            side.vocab.df[id as usize] += 1;
        }
        side.types.push(ids.clone());
    }
    side
}

/// Weight of a type: inverse sentence frequency, more for names, numbers and literals, less
/// for short words.
fn weight(df: u32, n: usize, kind: Kind, folded: &str) -> f32 {
    let idf = ((n as f32 + 4.0) / (df as f32 + 1.0)).ln().max(0.05);
    let k = match kind {
        Kind::Number | Kind::Literal => 2.0,
        Kind::Name => 1.5,
        Kind::Word => {
            let len = folded.chars().count();
            if len <= 3 { 0.3 } else { 1.0 }
        }
    };
    idf * k
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

/// Compute the features of a document and the source–target links.
pub(crate) fn build(source: &[&str], target: &[&str], dict: Option<&Dictionary>) -> Features {
    let mut src = side(source);
    let mut tgt = side(target);
    let n = source.len();
    let m = target.len();
    let src_w: Vec<f32> = (0..src.vocab.lower.len())
        .map(|i| weight(src.vocab.df[i], n, src.vocab.kind[i], &src.vocab.folded[i]))
        .collect();
    let tgt_w: Vec<f32> = (0..tgt.vocab.lower.len())
        .map(|i| weight(tgt.vocab.df[i], m, tgt.vocab.kind[i], &tgt.vocab.folded[i]))
        .collect();

    // Links: target type → source types.
    let links = link_types(&src.vocab, &tgt.vocab, dict);

    src.weight = prefix(
        src.types
            .iter()
            .map(|t| t.iter().map(|&i| src_w[i as usize] as f64).sum::<f64>()),
    );
    tgt.weight = prefix(tgt.types.iter().map(|t| {
        t.iter()
            .take(255)
            .map(|&i| tgt_w[i as usize] as f64)
            .sum::<f64>()
    }));
    src.strong = prefix(src.types.iter().map(|t| {
        t.iter()
            .filter(|&&i| strong(src.vocab.kind[i as usize]))
            .map(|&i| src_w[i as usize] as f64)
            .sum::<f64>()
    }));
    tgt.strong = prefix(tgt.types.iter().map(|t| {
        t.iter()
            .take(255)
            .filter(|&&i| strong(tgt.vocab.kind[i as usize]))
            .map(|&i| tgt_w[i as usize] as f64)
            .sum::<f64>()
    }));
    let linked = link_sentences(&tgt.types, &links, &tgt_w, &tgt.vocab.kind);
    Features {
        src,
        tgt,
        src_w,
        tgt_w,
        links,
        linked,
    }
}

fn prefix(it: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut out = vec![0.0];
    let mut acc = 0.0;
    for x in it {
        acc += x;
        out.push(acc);
    }
    out
}

/// Link each target type to the source types it may translate: same folded form (numbers
/// normalised), cognates (a common prefix of four letters and a close edit distance) and
/// dictionary translations.
fn link_types(src: &Vocab, tgt: &Vocab, dict: Option<&Dictionary>) -> Vec<Vec<u32>> {
    let mut by_folded: FxMap<&str, Vec<u32>> = FxMap::default();
    let mut by_prefix: FxMap<&str, Vec<u32>> = FxMap::default();
    let mut by_stem: FxMap<&str, Vec<u32>> = FxMap::default();
    for (i, f) in src.folded.iter().enumerate() {
        // Numbers fold to digits and words to letters: one map holds both.
        by_folded.entry(f.as_str()).or_default().push(i as u32);
        if src.kind[i] != Kind::Number && src.kind[i] != Kind::Literal {
            if let Some(p) = prefix_of(f, 4)
                && f.chars().count() >= 5
            {
                by_prefix.entry(p).or_default().push(i as u32);
            }
            if dict.is_some() {
                by_stem
                    .entry(stem_en(&src.lower[i]))
                    .or_default()
                    .push(i as u32);
            }
        }
    }
    // Fuzzy cognates (Finnland ~ Finland, Danmörk ~ Denmark): same first letter, lengths
    // within two, normalised edit distance ≥ 0.7. Source types grouped by (letter, length).
    let mut by_shape: FxMap<(char, usize), Vec<u32>> = FxMap::default();
    for (i, f) in src.folded.iter().enumerate() {
        let len = f.chars().count();
        if src.kind[i] != Kind::Number
            && src.kind[i] != Kind::Literal
            && len >= 5
            && let Some(c) = f.chars().next()
        {
            by_shape.entry((c, len)).or_default().push(i as u32);
        }
    }
    let mut links = vec![Vec::new(); tgt.lower.len()];
    for (t, f) in tgt.folded.iter().enumerate() {
        let out = &mut links[t];
        let number = tgt.kind[t] == Kind::Number;
        if let Some(ids) = by_folded.get(f.as_str()) {
            for &s in ids {
                if (src.kind[s as usize] == Kind::Number) == number {
                    out.push(s);
                }
            }
        }
        if number || tgt.kind[t] == Kind::Literal {
            continue;
        }
        if let Some(p) = prefix_of(f, 4)
            && f.chars().count() >= 5
            && let Some(ids) = by_prefix.get(p)
        {
            for &s in ids {
                let sf = &src.folded[s as usize];
                if sf != f && strsim::normalized_levenshtein(sf, f) >= 0.5 {
                    out.push(s);
                }
            }
        }
        let len = f.chars().count();
        if out.is_empty()
            && len >= 5
            && let Some(c) = f.chars().next()
        {
            for l in len.saturating_sub(2)..=len + 2 {
                for &s in by_shape.get(&(c, l)).map(Vec::as_slice).unwrap_or(&[]) {
                    if strsim::normalized_levenshtein(&src.folded[s as usize], f) >= 0.7 {
                        out.push(s);
                    }
                }
            }
        }
        if let Some(d) = dict {
            for e in d.de_to_en(&tgt.lower[t]) {
                if let Some(ids) = by_stem.get(stem_en(e)) {
                    out.extend_from_slice(ids);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }
    links
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
    fn numbers_normalise_across_locales() {
        assert_eq!(normalize_number("2.000"), "2000");
        assert_eq!(normalize_number("2,000"), "2000");
        assert_eq!(normalize_number("3,5"), "3.5");
        assert_eq!(normalize_number("3.5"), "3.5");
        assert_eq!(normalize_number("1.234.567,89"), "1234567.89");
        assert_eq!(normalize_number("1,234,567.89"), "1234567.89");
        assert_eq!(normalize_number("1997"), "1997");
        assert_eq!(normalize_number("0,250"), "0.25");
    }

    #[test]
    fn tokens_keep_urls_handles_and_numbers() {
        let mut t = Vec::new();
        tokens(
            "Siehe https://example.org/a, @bob und 2.000 Euro. Ende",
            &mut t,
        );
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert!(texts.contains(&"https://example.org/a"));
        assert!(texts.contains(&"@bob"));
        assert!(texts.contains(&"2.000"));
        assert!(t.iter().any(|x| x.text == "Euro" && x.kind == Kind::Name));
    }

    #[test]
    fn cognates_and_numbers_link() {
        let f = build(
            &["The expedition cost 2,000 dollars."],
            &["Die Expedition kostete 2.000 Dollar."],
            None,
        );
        // expedition, 2000, dollars/dollar all find a partner
        assert!(f.linked[0].pairs.len() >= 3, "{:?}", f.linked[0]);
    }
}
