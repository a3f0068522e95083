//! The damage generator of the corruption benchmark: each injector takes a clean
//! English–German pair, makes ONE damage of a known kind and reports where it is (char
//! span, end exclusive, into the damaged source or target). Injectors return `None` when
//! the pair offers no place for their kind (no number to swap, no umlaut to garble).

use std::ops::Range;

use crate::rng::Rng;
use mtlint::checks::Code;
use mtlint::model::Side;

/// A kind of damage, and the check expected to catch it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    GluedWords,
    StrayPeriod,
    CapitalisedFunctionWord,
    DoubledPunctuation,
    Mojibake,
    RepetitionLoop,
    DoubledWord,
    NumberSwap,
    EntitySwap,
    NameSwap,
    UntranslatedSentence,
    UntranslatedFragment,
    BrokenAbbreviation,
    UnbalancedQuote,
    Truncation,
    SpaceBeforePunctuation,
    CapitalisedAdjective,
    Omission,
    Addition,
}

impl Kind {
    /// Kinds injected into a single clean pair.
    pub const PAIR_KINDS: [Kind; 17] = [
        Kind::GluedWords,
        Kind::StrayPeriod,
        Kind::CapitalisedFunctionWord,
        Kind::DoubledPunctuation,
        Kind::Mojibake,
        Kind::RepetitionLoop,
        Kind::DoubledWord,
        Kind::NumberSwap,
        Kind::EntitySwap,
        Kind::NameSwap,
        Kind::UntranslatedSentence,
        Kind::UntranslatedFragment,
        Kind::BrokenAbbreviation,
        Kind::UnbalancedQuote,
        Kind::Truncation,
        Kind::SpaceBeforePunctuation,
        Kind::CapitalisedAdjective,
    ];
    /// Kinds injected into a multi-sentence paragraph (they need the aligner).
    pub const DOC_KINDS: [Kind; 2] = [Kind::Omission, Kind::Addition];

    pub fn name(self) -> &'static str {
        match self {
            Kind::GluedWords => "glued-words",
            Kind::StrayPeriod => "stray-period",
            Kind::CapitalisedFunctionWord => "capitalised-function-word",
            Kind::DoubledPunctuation => "doubled-punctuation",
            Kind::Mojibake => "mojibake",
            Kind::RepetitionLoop => "repetition-loop",
            Kind::DoubledWord => "doubled-word",
            Kind::NumberSwap => "number-swap",
            Kind::EntitySwap => "entity-swap",
            Kind::NameSwap => "name-swap",
            Kind::UntranslatedSentence => "untranslated-sentence",
            Kind::UntranslatedFragment => "untranslated-fragment",
            Kind::BrokenAbbreviation => "broken-abbreviation",
            Kind::UnbalancedQuote => "unbalanced-quote",
            Kind::Truncation => "truncation",
            Kind::SpaceBeforePunctuation => "space-before-punctuation",
            Kind::CapitalisedAdjective => "capitalised-adjective",
            Kind::Omission => "omitted-sentence",
            Kind::Addition => "added-sentence",
        }
    }

    /// The rule that should catch this kind.
    pub fn rule(self) -> Code {
        match self {
            Kind::UntranslatedSentence | Kind::UntranslatedFragment => Code::MT001,
            Kind::GluedWords => Code::MT002,
            Kind::StrayPeriod => Code::MT003,
            Kind::CapitalisedFunctionWord => Code::MT004,
            Kind::DoubledPunctuation => Code::MT005,
            Kind::UnbalancedQuote => Code::MT006,
            Kind::Omission => Code::MT007,
            Kind::Addition => Code::MT008,
            Kind::NumberSwap => Code::MT009,
            Kind::EntitySwap => Code::MT010,
            Kind::NameSwap => Code::MT020,
            Kind::RepetitionLoop | Kind::DoubledWord => Code::MT011,
            Kind::Mojibake => Code::MT012,
            Kind::Truncation => Code::MT013,
            Kind::BrokenAbbreviation => Code::MT015,
            Kind::SpaceBeforePunctuation => Code::MT016,
            Kind::CapitalisedAdjective => Code::MT017,
        }
    }

    /// The code of the rule that should catch this kind (`"MT005"`).
    pub fn code(self) -> &'static str {
        self.rule().as_str()
    }

    /// Mechanical damage: the recall target (≥ 0.95) applies.
    pub fn mechanical(self) -> bool {
        matches!(
            self,
            Kind::GluedWords
                | Kind::StrayPeriod
                | Kind::DoubledPunctuation
                | Kind::Mojibake
                | Kind::RepetitionLoop
                | Kind::NumberSwap
                | Kind::EntitySwap
                | Kind::NameSwap
                | Kind::UntranslatedSentence
                | Kind::UntranslatedFragment
        )
    }
}

/// A damaged pair and where the damage is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injected {
    pub kind: Kind,
    pub source: String,
    pub target: String,
    pub side: Side,
    /// Char span (end exclusive) of the damage in `target` (or `source` for `side` Source).
    pub span: Range<usize>,
    /// Char spans in the source of what the damaged target span should have matched (the
    /// number, entity or name that was altered): a check may point there instead.
    pub counterpart: Vec<Range<usize>>,
}

impl Injected {
    fn with_counterpart(mut self, source_bytes: Vec<Range<usize>>) -> Self {
        self.counterpart = source_bytes
            .into_iter()
            .map(|r| char_span(&self.source, r))
            .collect();
        self
    }
}

impl Injected {
    /// The damaged text of the span.
    pub fn span_text(&self) -> String {
        let text = match self.side {
            Side::Target => &self.target,
            Side::Source => &self.source,
        };
        text.chars()
            .skip(self.span.start)
            .take(self.span.len())
            .collect()
    }
}

/// Byte range → char range in `text`.
pub fn char_span(text: &str, bytes: Range<usize>) -> Range<usize> {
    let start = text[..bytes.start].chars().count();
    start..start + text[bytes.start..bytes.end].chars().count()
}

fn done(kind: Kind, source: &str, target: String, bytes: Range<usize>) -> Option<Injected> {
    let span = char_span(&target, bytes);
    Some(Injected {
        kind,
        source: source.to_string(),
        target,
        side: Side::Target,
        span,
        counterpart: Vec::new(),
    })
}

/// Words: maximal runs of alphanumeric chars, as byte ranges.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

fn last_char(s: &str) -> char {
    s.chars().next_back().unwrap_or(' ')
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Indices `i` of words where word `i` and `i + 1` are separated by exactly one space.
fn spaced(text: &str, w: &[Range<usize>]) -> Vec<usize> {
    (0..w.len().saturating_sub(1))
        .filter(|&i| &text[w[i].end..w[i + 1].start] == " ")
        .collect()
}

const FUNCTION_WORDS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "und", "oder", "aber", "in", "im", "mit", "auf", "für", "von", "vom", "zu", "zum", "zur",
    "bei", "nach", "aus", "über", "unter", "vor", "an", "am", "auch", "nicht", "sich", "er", "es",
    "wir", "noch", "nur", "wie", "als", "wenn", "dass", "weil", "sehr", "durch",
];

/// Words whose doubling can be correct German ("dass sie sie sah", "um die die Polizei
/// kämpfte", "das Haus, das das Feuer …", "so so"): not doubled by the generator.
const LEGAL_DOUBLES: &[&str] = &[
    "der", "die", "das", "den", "dem", "sie", "so", "er", "es", "ihr", "ihn", "was", "wer",
];

/// Quote marks of any style: targets holding one are left alone by the unbalanced-quote
/// injector, since a mixed pair („…") is legal and would hide the damage.
const QUOTES: &[char] = &['"', '„', '“', '”', '»', '«', '‚', '‘', '’', '\''];

/// Inject one damage of `kind` into a clean pair. `None` when the pair has no place for it.
pub fn inject(kind: Kind, source: &str, target: &str, rng: &mut Rng) -> Option<Injected> {
    let t = target;
    let w = words(t);
    match kind {
        Kind::GluedWords => {
            let cands: Vec<usize> = spaced(t, &w)
                .into_iter()
                .filter(|&i| {
                    last_char(&t[w[i].clone()]).is_lowercase()
                        && first_char(&t[w[i + 1].clone()]).is_uppercase()
                })
                .collect();
            let &i = rng.pick(&cands)?;
            let out = format!("{}{}", &t[..w[i].end], &t[w[i + 1].start..]);
            done(kind, source, out, w[i].start..w[i + 1].end - 1)
        }
        Kind::StrayPeriod => {
            let cands: Vec<usize> = spaced(t, &w)
                .into_iter()
                .filter(|&i| {
                    i >= 1
                        && i + 2 < w.len()
                        && last_char(&t[w[i].clone()]).is_alphabetic()
                        && first_char(&t[w[i + 1].clone()]).is_lowercase()
                })
                .collect();
            let &i = rng.pick(&cands)?;
            let out = format!("{}.{}", &t[..w[i].end], &t[w[i].end..]);
            done(kind, source, out, w[i].end..w[i + 1].end + 1)
        }
        Kind::CapitalisedFunctionWord => {
            let cands: Vec<usize> = (1..w.len())
                .filter(|&i| {
                    FUNCTION_WORDS.contains(&&t[w[i].clone()])
                        && &t[w[i - 1].end..w[i].start] == " "
                })
                .collect();
            let &i = rng.pick(&cands)?;
            let out = format!(
                "{}{}{}",
                &t[..w[i].start],
                capitalise(&t[w[i].clone()]),
                &t[w[i].end..]
            );
            done(kind, source, out, w[i].clone())
        }
        Kind::DoubledPunctuation => {
            let mut cands: Vec<(usize, &str)> =
                t.match_indices(", ").map(|(i, _)| (i, ",,")).collect();
            let trimmed = t.trim_end();
            if trimmed.ends_with('.') && !trimmed.ends_with("..") {
                cands.push((trimmed.len() - 1, ". ."));
            }
            let &(i, rep) = rng.pick(&cands)?;
            let out = format!("{}{}{}", &t[..i], rep, &t[i + 1..]);
            done(kind, source, out, i..i + rep.len())
        }
        Kind::Mojibake => {
            let cands: Vec<usize> = (0..w.len())
                .filter(|&i| !t[w[i].clone()].is_ascii())
                .collect();
            let &i = rng.pick(&cands)?;
            let garbled = mojibake(&t[w[i].clone()]);
            let out = format!("{}{}{}", &t[..w[i].start], garbled, &t[w[i].end..]);
            done(kind, source, out, w[i].start..w[i].start + garbled.len())
        }
        Kind::RepetitionLoop => {
            let n = rng.between(1, 3);
            let sp = spaced(t, &w);
            // Runs of n words joined by single spaces.
            let cands: Vec<usize> = (0..w.len().saturating_sub(n - 1))
                .filter(|&i| {
                    (i..i + n - 1).all(|k| sp.contains(&k))
                        && (i..i + n).all(|k| t[w[k].clone()].chars().any(char::is_alphabetic))
                })
                .collect();
            let &i = rng.pick(&cands)?;
            let gram = &t[w[i].start..w[i + n - 1].end];
            let hyphen = n == 1 && first_char(gram).is_uppercase() && rng.chance(0.3);
            let sep = if hyphen { "-" } else { " " };
            let copies = rng.between(2, 4);
            let mut inserted = String::new();
            for _ in 0..copies {
                inserted.push_str(sep);
                inserted.push_str(gram);
            }
            let end = w[i + n - 1].end;
            let out = format!("{}{}{}", &t[..end], inserted, &t[end..]);
            done(kind, source, out, w[i].start..end + inserted.len())
        }
        Kind::DoubledWord => {
            // Double a word that is not doubled in the source, and whose doubling is never
            // correct German (see LEGAL_DOUBLES).
            let cands: Vec<usize> = (0..w.len())
                .filter(|&i| {
                    let word = &t[w[i].clone()];
                    word.chars().count() >= 2
                        && word.chars().any(char::is_alphabetic)
                        && !LEGAL_DOUBLES.contains(&word.to_lowercase().as_str())
                        && !source
                            .to_lowercase()
                            .contains(&format!("{0} {0}", word.to_lowercase()))
                })
                .collect();
            let &i = rng.pick(&cands)?;
            let word = &t[w[i].clone()];
            let out = format!("{} {}{}", &t[..w[i].end], word, &t[w[i].end..]);
            done(kind, source, out, w[i].start..w[i].end + 1 + word.len())
        }
        Kind::NumberSwap => {
            let src_numbers: Vec<(Range<usize>, String)> = numbers(source)
                .into_iter()
                .map(|r| (r.clone(), digits(&source[r])))
                .collect();
            let cands: Vec<Range<usize>> = numbers(t)
                .into_iter()
                .filter(|r| src_numbers.iter().any(|n| n.1 == digits(&t[r.clone()])))
                .collect();
            let r = rng.pick(&cands)?.clone();
            let same: Vec<Range<usize>> = src_numbers
                .iter()
                .filter(|n| n.1 == digits(&t[r.clone()]))
                .map(|n| n.0.clone())
                .collect();
            let num = &t[r.clone()];
            let positions: Vec<usize> = num
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            let &p = rng.pick(&positions)?;
            let old = num.as_bytes()[p] - b'0';
            let lo = if p == 0 { 1 } else { 0 };
            let mut new = lo + rng.below((10 - lo) as usize) as u8;
            if new == old {
                new = if old == 9 { lo } else { old + 1 };
            }
            let mut changed = num.to_string();
            changed.replace_range(p..p + 1, &((b'0' + new) as char).to_string());
            let out = format!("{}{}{}", &t[..r.start], changed, &t[r.end..]);
            done(kind, source, out, r.clone()).map(|i| i.with_counterpart(same))
        }
        Kind::EntitySwap => {
            let (entity, altered) = entity(rng);
            let (src, src_at) = insert_before_final(source, &format!(" ({entity})"));
            let (out, at) = insert_before_final(t, &format!(" ({altered})"));
            let start = at + 2;
            let span = char_span(&out, start..start + altered.len());
            let counterpart = std::iter::once(src_at + 2..src_at + 2 + entity.len()).collect();
            Some(
                Injected {
                    kind,
                    source: src,
                    target: out,
                    side: Side::Target,
                    span,
                    counterpart: Vec::new(),
                }
                .with_counterpart(counterpart),
            )
        }
        Kind::NameSwap => {
            let sw = words(source);
            let cands: Vec<usize> = (0..w.len())
                .filter(|&i| {
                    let word = &t[w[i].clone()];
                    word.len() >= 4
                        && word.is_ascii()
                        && word.chars().all(char::is_alphabetic)
                        && first_char(word).is_ascii_uppercase()
                        && word[1..].chars().any(|c| c.is_ascii_lowercase())
                        && sw.iter().skip(1).any(|r| &source[r.clone()] == word)
                })
                .collect();
            let &i = rng.pick(&cands)?;
            let word = &t[w[i].clone()];
            let altered = alter(word, rng);
            let same: Vec<Range<usize>> = sw
                .iter()
                .filter(|r| &source[(*r).clone()] == word)
                .cloned()
                .collect();
            let out = format!("{}{}{}", &t[..w[i].start], altered, &t[w[i].end..]);
            done(kind, source, out, w[i].start..w[i].start + altered.len())
                .map(|i| i.with_counterpart(same))
        }
        Kind::UntranslatedSentence => {
            let out = source.to_string();
            let len = out.len();
            done(kind, source, out, 0..len)
        }
        Kind::UntranslatedFragment => {
            let n = rng.between(3, 5);
            let sw = words(source);
            let ssp = spaced(source, &sw);
            // Whole words only: not the "t" of "can't", not the tail of "Give-and-".
            let free_start = |text: &str, at: usize| at == 0 || text[..at].ends_with(' ');
            let src_cands: Vec<usize> = (0..sw.len().saturating_sub(n - 1))
                .filter(|&i| {
                    free_start(source, sw[i].start)
                        && (i..i + n - 1).all(|k| ssp.contains(&k))
                        && (i..i + n).all(|k| {
                            source[sw[k].clone()]
                                .chars()
                                .all(|c| c.is_ascii_lowercase())
                        })
                })
                .collect();
            let sp = spaced(t, &w);
            let tgt_cands: Vec<usize> = (1..w.len().saturating_sub(n - 1))
                .filter(|&i| free_start(t, w[i].start) && (i..i + n - 1).all(|k| sp.contains(&k)))
                .collect();
            let &si = rng.pick(&src_cands)?;
            let &ti = rng.pick(&tgt_cands)?;
            let english = &source[sw[si].start..sw[si + n - 1].end];
            let start = w[ti].start;
            let out = format!("{}{}{}", &t[..start], english, &t[w[ti + n - 1].end..]);
            done(kind, source, out, start..start + english.len())
        }
        Kind::BrokenAbbreviation => {
            const BROKEN: &[&str] = &["z", "z B", "d h", "z.", "d.", "u a"];
            let cands: Vec<usize> = (1..w.len())
                .filter(|&i| &t[w[i - 1].end..w[i].start] == " ")
                .collect();
            let &i = rng.pick(&cands)?;
            let &frag = rng.pick(BROKEN)?;
            let start = w[i].start;
            let out = format!("{}{} {}", &t[..start], frag, &t[start..]);
            done(kind, source, out, start..start + frag.len())
        }
        Kind::UnbalancedQuote => {
            // Either drop the closing quote of a „…“ pair, or open one that never closes.
            // The span runs from the unpaired quote to the end: the closing quote is missing
            // somewhere in there, and a check may point at either end.
            let only_german_pair = t.matches('„').count() == 1
                && t.matches('“').count() == 1
                && t.chars().filter(|c| QUOTES.contains(c)).count() == 2;
            if let (Some(open), Some(close)) = (t.find('„'), t.rfind('“'))
                && only_german_pair
                && open < close
                && rng.chance(0.5)
            {
                let out = format!("{}{}", &t[..close], &t[close + '“'.len_utf8()..]);
                let end = out.trim_end().len();
                return done(kind, source, out, open..end);
            }
            if t.contains(QUOTES) {
                return None;
            }
            let cands: Vec<usize> = (1..w.len().saturating_sub(1))
                .filter(|&i| &t[w[i - 1].end..w[i].start] == " ")
                .collect();
            let &i = rng.pick(&cands)?;
            let start = w[i].start;
            let out = format!("{}„{}", &t[..start], &t[start..]);
            let end = out.trim_end().len();
            done(kind, source, out, start..end)
        }
        Kind::Truncation => {
            if w.len() < 6 {
                return None;
            }
            let k = rng.between(w.len() * 2 / 5, w.len() * 3 / 4);
            let r = w.get(k)?.clone();
            let out = t[..r.end].to_string();
            done(kind, source, out, r)
        }
        Kind::SpaceBeforePunctuation => {
            // "Wort , und" / "Ende ." — French/tokeniser spacing, wrong in German.
            let cands: Vec<usize> = t
                .char_indices()
                .filter(|&(i, c)| {
                    matches!(c, ',' | '.' | '?' | '!' | ';' | ':')
                        && i > 0
                        && t[..i].ends_with(char::is_alphabetic)
                        && !t[i + 1..].starts_with(|d: char| d.is_alphanumeric() || d == '.')
                })
                .map(|(i, _)| i)
                .collect();
            let &i = rng.pick(&cands)?;
            let out = format!("{} {}", &t[..i], &t[i..]);
            done(kind, source, out, i..i + 2)
        }
        Kind::CapitalisedAdjective => {
            // "die traditionellen Medien" → "die Traditionellen Medien".
            const ARTICLES: &[&str] = &[
                "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
                "eines",
            ];
            let sp = spaced(t, &w);
            let cands: Vec<usize> = (1..w.len().saturating_sub(1))
                .filter(|&i| {
                    let adj = &t[w[i].clone()];
                    sp.contains(&(i - 1))
                        && sp.contains(&i)
                        && ARTICLES.contains(&&t[w[i - 1].clone()])
                        && adj.chars().count() >= 4
                        && adj.chars().all(|c| c.is_lowercase())
                        && ["e", "en", "er", "es", "em"]
                            .iter()
                            .any(|e| adj.ends_with(e))
                        && first_char(&t[w[i + 1].clone()]).is_uppercase()
                })
                .collect();
            let &i = rng.pick(&cands)?;
            let cap = capitalise(&t[w[i].clone()]);
            let out = format!("{}{}{}", &t[..w[i].start], cap, &t[w[i].end..]);
            done(kind, source, out, w[i].clone())
        }
        Kind::Omission | Kind::Addition => None,
    }
}

/// A multi-sentence test document: paragraphs of source and target, and the damage.
pub type DocInjected = Injected;

/// Join segments into one paragraph per side, then drop one target segment (omission) or
/// insert `donor` (a German sentence from elsewhere) into the target (addition).
pub fn inject_doc(
    kind: Kind,
    segments: &[(String, String)],
    donor: &str,
    rng: &mut Rng,
) -> Option<DocInjected> {
    if segments.len() < 2 {
        return None;
    }
    let source = segments
        .iter()
        .map(|s| s.0.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let k = rng.below(segments.len());
    match kind {
        Kind::Omission => {
            let target = segments
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != k)
                .map(|(_, s)| s.1.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let start: usize = segments[..k].iter().map(|s| s.0.len() + 1).sum();
            let span = char_span(&source, start..start + segments[k].0.len());
            Some(Injected {
                kind,
                source,
                target,
                side: Side::Source,
                span,
                counterpart: Vec::new(),
            })
        }
        Kind::Addition => {
            let pos = rng.below(segments.len() + 1);
            let mut parts: Vec<&str> = segments.iter().map(|s| s.1.as_str()).collect();
            parts.insert(pos, donor);
            let target = parts.join(" ");
            let start: usize = parts[..pos].iter().map(|p| p.len() + 1).sum();
            let span = char_span(&target, start..start + donor.len());
            Some(Injected {
                kind,
                source,
                target,
                side: Side::Target,
                span,
                counterpart: Vec::new(),
            })
        }
        _ => None,
    }
}

/// UTF-8 bytes of `s` misread as Windows-1252 ("ü" → "Ã¼", "„" → "â€ž").
pub fn mojibake(s: &str) -> String {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    s.bytes()
        .map(|b| match b {
            0x80..=0x9F => CP1252[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

/// Numbers: runs of digits, with `.` or `,` between digits, as byte ranges.
pub fn numbers(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphabetic()) {
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_digit()
                    || (matches!(b[i], b'.' | b',')
                        && i + 1 < b.len()
                        && b[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            if i >= b.len() || !b[i].is_ascii_alphabetic() {
                out.push(start..i);
            }
        } else {
            i += 1;
        }
    }
    out
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Change one inner letter of a name (never the first): "Simpson" → "Simpsen".
fn alter(word: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = word.chars().collect();
    let p = rng.between(1, chars.len() - 1);
    let c = chars[p];
    let pool = if "aeiou".contains(c.to_ascii_lowercase()) {
        "aeiou"
    } else {
        "bdgklmnprst"
    };
    let options: Vec<char> = pool.chars().filter(|&x| x != c).collect();
    let mut out = chars.clone();
    out[p] = *rng.pick(&options).unwrap_or(&'x');
    out.into_iter().collect()
}

/// A random entity and an altered copy of it.
fn entity(rng: &mut Rng) -> (String, String) {
    const NAMES: &[&str] = &[
        "BasedBeffJezos",
        "newsdesk",
        "LSUsports",
        "KarlaMeyer",
        "openstreetmap",
        "WeatherPHX",
    ];
    const WORDS: &[&str] = &["climate", "election", "hurricane", "budget", "summit"];
    let name = *rng.pick(NAMES).unwrap_or(&"newsdesk");
    let word = *rng.pick(WORDS).unwrap_or(&"budget");
    let n = rng.between(10, 9999);
    let e = match rng.below(6) {
        0 => format!("@{name}"),
        1 => format!("#{word}{n}"),
        2 => format!("https://www.{}.org/{word}/{n}", name.to_lowercase()),
        3 => format!("{}@{word}-news.com", name.to_lowercase()),
        4 => format!("{}{n}", (b'A' + rng.below(26) as u8) as char),
        _ => format!("{{{word}}}"),
    };
    // Alter one alphanumeric char that is not the first of the entity's body.
    let chars: Vec<char> = e.chars().collect();
    let positions: Vec<usize> = (2..chars.len())
        .filter(|&i| chars[i].is_ascii_alphanumeric())
        .collect();
    let mut out = chars.clone();
    if let Some(&p) = rng.pick(&positions) {
        let c = chars[p];
        out[p] = if c.is_ascii_digit() {
            (b'0' + ((c as u8 - b'0' + 1 + rng.below(8) as u8) % 10)) as char
        } else if c == 'z' {
            's'
        } else {
            (c as u8 + 1) as char
        };
    }
    (e, out.into_iter().collect())
}

/// Insert `what` before the final sentence punctuation (or at the end). Returns the text
/// and the byte offset of the insertion.
fn insert_before_final(text: &str, what: &str) -> (String, usize) {
    let trimmed = text.trim_end();
    let at = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| matches!(c, '.' | '!' | '?' | '"' | '“' | '«' | '»' | ')'))
        .last()
        .map(|(i, _)| i)
        .unwrap_or(trimmed.len());
    (format!("{}{}{}", &text[..at], what, &text[at..]), at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "Police said on Friday that the 20-year-old player at LSU had lost his \
                       glasses in the fight in 2018, Simpson said.";
    const TGT: &str = "Die Polizei sagte, der 20-jährige Spieler an der LSU habe im Jahr 2018 \
                       seine Brille bei einem heftigen Kampf verloren, sagte Simpson.";

    #[test]
    fn injectors_damage_the_span_they_report() {
        for kind in Kind::PAIR_KINDS {
            for seed in 0..20 {
                let mut rng = Rng::for_item(seed, kind as u64);
                let Some(inj) = inject(kind, SRC, TGT, &mut rng) else {
                    panic!("{kind:?} found no place in the test pair");
                };
                let text = match inj.side {
                    Side::Target => &inj.target,
                    Side::Source => &inj.source,
                };
                assert!(
                    inj.span.end <= text.chars().count(),
                    "{kind:?}: span past end"
                );
                let span = inj.span_text();
                assert!(!span.is_empty(), "{kind:?}: empty span");
                let src_text = |r: &Range<usize>| -> String {
                    inj.source.chars().skip(r.start).take(r.len()).collect()
                };
                match kind {
                    Kind::GluedWords => {
                        assert!(!span.contains(' '));
                        assert!(span.chars().skip(1).any(char::is_uppercase), "{span}");
                        assert!(!TGT.contains(&span));
                    }
                    Kind::StrayPeriod => {
                        assert!(span.starts_with(". "), "{span}");
                        assert!(span[2..].starts_with(char::is_lowercase));
                    }
                    Kind::CapitalisedFunctionWord => {
                        assert!(span.starts_with(char::is_uppercase));
                        assert!(span != "Sie" && span != "Ihr", "polite forms are legal");
                        assert!(FUNCTION_WORDS.contains(&span.to_lowercase().as_str()));
                    }
                    Kind::DoubledPunctuation => assert!(span == ",," || span == ". ."),
                    Kind::Mojibake => {
                        assert!(span.contains('Ã'), "{span}");
                        assert!(!TGT.contains(&span));
                    }
                    Kind::RepetitionLoop => {
                        let ws: Vec<&str> =
                            span.split([' ', '-']).filter(|w| !w.is_empty()).collect();
                        let n = ws.iter().skip(1).position(|w| *w == ws[0]).unwrap_or(0) + 1;
                        assert!(ws.len() >= 3 * n && ws.len().is_multiple_of(n), "{span}");
                        assert!(ws.chunks(n).all(|c| c == &ws[..n]), "{span}");
                    }
                    Kind::DoubledWord => {
                        let (a, b) = span.split_once(' ').unwrap_or(("", "x"));
                        assert_eq!(a, b, "{span}");
                        assert!(
                            !LEGAL_DOUBLES.contains(&a.to_lowercase().as_str()),
                            "{span}"
                        );
                    }
                    Kind::NumberSwap => {
                        assert!(span.chars().all(|c| c.is_ascii_digit()));
                        let orig: Vec<String> = inj.counterpart.iter().map(&src_text).collect();
                        assert!(
                            !orig.is_empty()
                                && orig.iter().all(|o| o.len() == span.len() && *o != span)
                        );
                        assert!(span != "20" && span != "2018", "{span}");
                        assert_eq!(inj.source, SRC);
                    }
                    Kind::EntitySwap => {
                        assert!(!inj.source.contains(&span), "{span} is in the source");
                        assert_eq!(inj.counterpart.len(), 1);
                        let orig = src_text(&inj.counterpart[0]);
                        assert_eq!(orig.len(), span.len(), "{orig} vs {span}");
                        assert!(inj.source.len() > SRC.len());
                    }
                    Kind::NameSwap => {
                        assert!(!SRC.contains(&span) && span.len() >= 4, "{span}");
                        assert_eq!(inj.counterpart.len(), 1);
                        assert_eq!(src_text(&inj.counterpart[0]), "Simpson");
                    }
                    Kind::UntranslatedSentence => assert_eq!(span, SRC),
                    Kind::UntranslatedFragment => {
                        assert!(SRC.contains(&span) && span.split(' ').count() >= 3);
                    }
                    Kind::BrokenAbbreviation => {
                        assert!(["z", "z B", "d h", "z.", "d.", "u a"].contains(&span.as_str()));
                    }
                    Kind::UnbalancedQuote => {
                        assert!(
                            span.starts_with('„') && inj.target.ends_with(&span),
                            "{span}"
                        );
                        assert_eq!(inj.target.matches('„').count(), 1);
                        assert_eq!(inj.target.matches('“').count(), 0);
                    }
                    Kind::SpaceBeforePunctuation => {
                        assert!(span.starts_with(' ') && span.chars().count() == 2, "{span}");
                    }
                    Kind::CapitalisedAdjective => {
                        assert!(span.starts_with(char::is_uppercase), "{span}");
                        assert!(TGT.contains(&span.to_lowercase()), "{span}");
                    }
                    Kind::Truncation => {
                        assert!(inj.target.ends_with(&span));
                        assert!(inj.target.len() < TGT.len());
                    }
                    Kind::Omission | Kind::Addition => unreachable!(),
                }
            }
        }
    }

    #[test]
    fn unbalanced_quote_drops_a_closing_quote_or_opens_one() {
        // A target with one „…“ pair loses its closing quote (or is left alone).
        let quoted = "Er nannte es „ein Desaster“ und ging nach Hause.";
        let mut dropped = 0;
        for seed in 0..40 {
            if let Some(inj) = inject(
                Kind::UnbalancedQuote,
                "x",
                quoted,
                &mut Rng::for_item(seed, 9),
            ) {
                assert_eq!(
                    inj.target,
                    "Er nannte es „ein Desaster und ging nach Hause."
                );
                assert_eq!(inj.span_text(), "„ein Desaster und ging nach Hause.");
                dropped += 1;
            }
        }
        assert!(dropped > 0);
        // A target without quotes gets an opening quote that never closes.
        let inj = inject(
            Kind::UnbalancedQuote,
            "x",
            "Er ging nach Hause.",
            &mut Rng::new(1),
        )
        .expect("a place for a quote");
        assert_eq!(inj.target.matches('„').count(), 1);
        assert!(inj.span_text().starts_with('„') && inj.target.ends_with(&inj.span_text()));
        // Any other quote in the target: mixed pairs („…") are legal, so no injection.
        assert_eq!(
            inject(
                Kind::UnbalancedQuote,
                "x",
                "Er sagte \"ja\" und ging.",
                &mut Rng::new(1)
            ),
            None
        );
    }

    #[test]
    fn generator_is_deterministic_for_a_seed() {
        for kind in Kind::PAIR_KINDS {
            let a = inject(kind, SRC, TGT, &mut Rng::for_item(42, 7));
            let b = inject(kind, SRC, TGT, &mut Rng::for_item(42, 7));
            assert_eq!(a, b, "{kind:?}");
        }
        let outputs: std::collections::HashSet<String> = (0..10)
            .filter_map(|s| inject(Kind::GluedWords, SRC, TGT, &mut Rng::for_item(s, 0)))
            .map(|i| i.target)
            .collect();
        assert!(outputs.len() > 1, "different seeds give different damage");
    }

    #[test]
    fn mojibake_matches_the_real_misreading() {
        assert_eq!(mojibake("Grüße"), "GrÃ¼ÃŸe");
        assert_eq!(mojibake("„x“"), "â€žxâ€œ");
    }

    #[test]
    fn omission_and_addition_point_at_the_sentence() {
        let segs = vec![
            ("One.".to_string(), "Eins.".to_string()),
            ("Two is here.".to_string(), "Zwei ist hier.".to_string()),
            ("Three.".to_string(), "Drei.".to_string()),
        ];
        for seed in 0..10 {
            let om = inject_doc(Kind::Omission, &segs, "", &mut Rng::for_item(seed, 1))
                .expect("omission");
            let dropped = om.span_text();
            let k = segs.iter().position(|s| s.0 == dropped).expect("a segment");
            assert!(!om.target.contains(&segs[k].1));
            assert_eq!(om.side, Side::Source);
            let add = inject_doc(
                Kind::Addition,
                &segs,
                "Extra Satz.",
                &mut Rng::for_item(seed, 2),
            )
            .expect("addition");
            assert_eq!(add.span_text(), "Extra Satz.");
            assert_eq!(add.target.matches("Extra Satz.").count(), 1);
        }
    }
}
