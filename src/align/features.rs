//! Per-sentence features for the aligner: lengths, weighted lexical anchors and the links
//! between source and target anchor types (identical tokens, normalised numbers, cognates,
//! dictionary translations).
//!
//! Anchors are interned per side. A source sentence is a sorted list of source type ids; a
//! target sentence is a sorted list of (linked source type id, target token slot), so that
//! one merge of two sorted lists tells which tokens of either side found a partner.

use std::collections::HashMap;

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
    pub ids: HashMap<String, u32>,
    /// Lower-cased form (dictionary lookups), per id.
    pub lower: Vec<String>,
    /// Folded form (lower case, no diacritics; numbers normalised), per id.
    pub folded: Vec<String>,
    pub kind: Vec<Kind>,
    /// Number of sentences holding the type.
    pub df: Vec<u32>,
}

impl Vocab {
    fn intern(&mut self, lower: &str, folded: String, kind: Kind) -> u32 {
        let key = if kind == Kind::Number {
            format!("#{folded}")
        } else {
            lower.to_string()
        };
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.lower.len() as u32;
        self.ids.insert(key, id);
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
}

/// Everything the search needs.
#[derive(Debug)]
pub(crate) struct Features {
    pub src: Side,
    pub tgt: Side,
    /// Weight of each source type.
    pub src_w: Vec<f32>,
    pub linked: Vec<Linked>,
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
fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut first_word = true;
    for chunk in s.split_whitespace() {
        let trimmed = chunk.trim_matches(|c: char| {
            !(c.is_alphanumeric() || c == '@' || c == '#' || c == '/' || c == '%')
        });
        if trimmed.is_empty() {
            continue;
        }
        if is_url(trimmed) || (trimmed.starts_with('@') && trimmed.len() > 1) || {
            let at = trimmed.find('@');
            at.is_some_and(|a| a > 0 && trimmed[a..].contains('.'))
        } {
            out.push(Tok {
                text: trimmed.trim_end_matches(|c: char| !c.is_alphanumeric()),
                kind: Kind::Literal,
            });
            first_word = false;
            continue;
        }
        // Split the chunk into runs of letters and runs of digits with inner separators.
        let bytes: Vec<(usize, char)> = chunk.char_indices().collect();
        let mut k = 0;
        while k < bytes.len() {
            let (start, c) = bytes[k];
            if c.is_ascii_digit() {
                let mut e = k + 1;
                while e < bytes.len() {
                    let d = bytes[e].1;
                    if d.is_ascii_digit() {
                        e += 1;
                    } else if (d == '.' || d == ',')
                        && e + 1 < bytes.len()
                        && bytes[e + 1].1.is_ascii_digit()
                    {
                        e += 2;
                    } else {
                        break;
                    }
                }
                let end = bytes.get(e).map(|x| x.0).unwrap_or(chunk.len());
                out.push(Tok {
                    text: &chunk[start..end],
                    kind: Kind::Number,
                });
                k = e;
            } else if c.is_alphabetic() {
                let mut e = k + 1;
                while e < bytes.len() && bytes[e].1.is_alphabetic() {
                    e += 1;
                }
                let end = bytes.get(e).map(|x| x.0).unwrap_or(chunk.len());
                let w = &chunk[start..end];
                let cap = c.is_uppercase();
                let kind = if cap && !first_word { Kind::Name } else { Kind::Word };
                out.push(Tok { text: w, kind });
                first_word = false;
                k = e;
            } else {
                k += 1;
            }
        }
        if chunk.ends_with(['.', '!', '?', ':']) {
            first_word = true;
        }
    }
    out
}

/// Build the features of one side.
fn side(sentences: &[&str]) -> (Side, Vec<Vec<(u32, Kind)>>) {
    let mut side = Side {
        chars: Vec::with_capacity(sentences.len() + 1),
        ..Side::default()
    };
    side.chars.push(0.0);
    let mut per_sentence = Vec::with_capacity(sentences.len());
    let mut acc = 0.0;
    for s in sentences {
        acc += s.chars().filter(|c| !c.is_whitespace()).count() as f64 + 1.0;
        side.chars.push(acc);
        side.punct.push(punct_profile(s));
        let mut ids: Vec<(u32, Kind)> = Vec::new();
        for t in tokens(s) {
            let lower = t.text.to_lowercase();
            let folded = match t.kind {
                Kind::Number => normalize_number(t.text),
                Kind::Literal => lower.clone(),
                _ => fold(&lower),
            };
            let id = side.vocab.intern(&lower, folded, t.kind);
            ids.push((id, t.kind));
        }
        ids.sort_unstable_by_key(|x| x.0);
        ids.dedup_by_key(|x| x.0);
        for &(id, _) in &ids {
            side.vocab.df[id as usize] += 1;
        }
        side.types.push(ids.iter().map(|x| x.0).collect());
        per_sentence.push(ids);
    }
    (side, per_sentence)
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
    let (mut src, _) = side(source);
    let (mut tgt, _) = side(target);
    let n = source.len();
    let m = target.len();
    let src_w: Vec<f32> = (0..src.vocab.lower.len())
        .map(|i| {
            weight(
                src.vocab.df[i],
                n,
                src.vocab.kind[i],
                &src.vocab.folded[i],
            )
        })
        .collect();
    let tgt_w: Vec<f32> = (0..tgt.vocab.lower.len())
        .map(|i| {
            weight(
                tgt.vocab.df[i],
                m,
                tgt.vocab.kind[i],
                &tgt.vocab.folded[i],
            )
        })
        .collect();

    // Links: target type → source types.
    let links = link_types(&src.vocab, &tgt.vocab, dict);

    src.weight = prefix(src.types.iter().map(|t| {
        t.iter()
            .map(|&i| src_w[i as usize] as f64)
            .sum::<f64>()
    }));
    tgt.weight = prefix(tgt.types.iter().map(|t| {
        t.iter()
            .take(255)
            .map(|&i| tgt_w[i as usize] as f64)
            .sum::<f64>()
    }));
    let linked = tgt
        .types
        .iter()
        .map(|types| {
            let mut pairs = Vec::new();
            let mut slot_weight = Vec::with_capacity(types.len().min(255));
            for (slot, &t) in types.iter().take(255).enumerate() {
                slot_weight.push(tgt_w[t as usize]);
                for &s in &links[t as usize] {
                    pairs.push((s, slot as u8));
                }
            }
            pairs.sort_unstable();
            Linked { pairs, slot_weight }
        })
        .collect();
    Features {
        src,
        tgt,
        src_w,
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
    let mut by_folded: HashMap<&str, Vec<u32>> = HashMap::new();
    let mut by_prefix: HashMap<&str, Vec<u32>> = HashMap::new();
    let mut by_stem: HashMap<&str, Vec<u32>> = HashMap::new();
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
        let t = tokens("Siehe https://example.org/a, @bob und 2.000 Euro.");
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
