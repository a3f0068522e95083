//! Structured entities shared by the checks: URLs, e-mail addresses, @handles, #hashtags,
//! placeholders (`{name}`, `%s`), inline tags (`<b>`) and codes (`A8132`, `SHA-256`) — how to
//! find them in a text ([`extract`], [`entity_spans`]) and how the entities of a pair match
//! ([`compare`]). entity-mismatch (MT010) reports what [`compare`] finds; number-mismatch
//! (MT009) leaves the digits inside entities alone; name-mismatch (MT020) does not report a
//! name where MT010 already flagged the German.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::checks::text::next_ascii_digit;
use crate::checks::tokens::tokenize;
use crate::model::Side;

/// The kinds of structured entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Url,
    Email,
    Handle,
    Hashtag,
    Placeholder,
    Tag,
    Code,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Url => "URL",
            Kind::Email => "e-mail address",
            Kind::Handle => "handle",
            Kind::Hashtag => "hashtag",
            Kind::Placeholder => "placeholder",
            Kind::Tag => "inline tag",
            Kind::Code => "code",
        }
    }
}

/// An entity found in a text: its kind and byte range.
#[derive(Debug, Clone)]
pub struct Ent {
    pub kind: Kind,
    pub span: Range<usize>,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid regex")
}

static URL: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)\b(?:https?://|www\.)[^\s<>"“”„«»]+"#));
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"));
static HANDLE: LazyLock<Regex> = LazyLock::new(|| re(r"@[A-Za-z0-9_]{2,}"));
static HASHTAG: LazyLock<Regex> = LazyLock::new(|| re(r"#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*"));
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\{\{[^{}\n]{1,40}\}\}|\{[A-Za-z0-9_.:]{0,40}\}|\$\{[A-Za-z_][A-Za-z0-9_]*\}",
        r"|%(?:[0-9]+\$)?[-+0#]*[0-9]*(?:\.[0-9]+)?[sdifuxXeEgGc@]\b|%\([A-Za-z_]+\)[sd]"
    ))
});
static TAG: LazyLock<Regex> = LazyLock::new(|| re(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"));

/// Whether two byte ranges overlap.
pub fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The byte ranges of Android `<xliff:g …>…</xliff:g>` elements (the whole element, from
/// `<` to the closing `>`), in order; an opening tag without its closing tag is left out.
/// What such an element holds is placeholder-syntax's (MT024): entity-mismatch (MT010)
/// skips the placeholders inside, so that a dropped or changed element is one finding.
pub fn xliff_g_spans(text: &str) -> Vec<Range<usize>> {
    const OPEN: &str = "<xliff:g";
    const CLOSE: &str = "</xliff:g>";
    let mut out = Vec::new();
    if !text.contains(OPEN) {
        return out;
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(OPEN).map(|i| i + from) {
        let after = i + OPEN.len();
        // `<xliff:g>` or `<xliff:g id=…>`, not `<xliff:gx>`.
        if !text[after..].starts_with(['>', ' ', '\t', '\n', '\r', '/']) {
            from = after;
            continue;
        }
        let Some(close) = text[after..].find(CLOSE).map(|c| c + after) else {
            break;
        };
        out.push(i..close + CLOSE.len());
        from = close + CLOSE.len();
    }
    out
}

fn word_char_before(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '&' || c == '/')
}

/// The code-like part of a token: "COVID-19-related" → "COVID-19", "A8132" → "A8132".
fn code_part(tok: &str) -> Option<&str> {
    let mut end = 0;
    let mut has_digit = false;
    let mut has_upper = false;
    for (i, part) in tok.split('-').enumerate() {
        let p_digit = part.chars().any(|c| c.is_ascii_digit());
        let p_upper = part
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        if i > 0 && !p_digit && !p_upper {
            break;
        }
        has_digit |= p_digit;
        has_upper |= part.chars().any(|c| c.is_ascii_uppercase());
        end += part.len() + usize::from(i > 0);
    }
    let code = &tok[..end];
    if !has_digit || !has_upper || code.len() < 2 {
        return None;
    }
    // "3D", "5G" are codes; "5M", "10K", "2PM" are amounts and times.
    let first = code.chars().next()?;
    if first.is_ascii_digit() {
        let letters: String = code.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        if code.contains('-') || letters.len() != 1 || matches!(letters.as_str(), "M" | "B" | "K") {
            return None;
        }
    }
    Some(code)
}

/// Whether `name` ("COVID") stands in `text` as a word start not followed by a number
/// ("Covid-Pandemie", not "Covid-20").
fn name_without_number(text: &str, name: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let name = name.to_ascii_lowercase();
    lower.match_indices(&name).any(|(i, _)| {
        let at_start = !word_char_before(text, i);
        let rest = lower[i + name.len()..].trim_start_matches('-');
        at_start && !rest.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// The entities of `text`, in text order, none overlapping another.
pub fn extract(text: &str) -> Vec<Ent> {
    let mut out: Vec<Ent> = Vec::new();
    // The spans taken so far (start → end), for the overlap test: they do not overlap each
    // other, so the one starting last before `span` ends is the only one that can overlap
    // it (a scan of all of them per entity was quadratic in the number of entities).
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut push = |kind: Kind, span: Range<usize>, out: &mut Vec<Ent>| {
        let free = if span.is_empty() {
            !out.iter().any(|e| overlaps(&e.span, &span))
        } else {
            taken
                .range(..span.end)
                .next_back()
                .is_none_or(|(&start, &end)| !overlaps(&(start..end), &span))
        };
        if free {
            if !span.is_empty() {
                taken.insert(span.start, span.end);
            }
            out.push(Ent { kind, span });
        }
    };
    // Cheap byte tests first: most sentences have none of these entities. One pass records
    // which of the bytes that start an entity occur.
    let mut seen = [false; 128];
    let mut digit = false;
    for b in text.bytes() {
        if b < 128 {
            seen[b as usize] = true;
        }
    }
    for d in b'0'..=b'9' {
        digit |= seen[d as usize];
    }
    let has = |b: u8| seen[b as usize];
    let at = has(b'@');
    if !(at
        || digit
        || has(b'#')
        || has(b'{')
        || has(b'%')
        || has(b'<')
        || has(b'$')
        || has(b'/')
        || (has(b'.') && text.contains("www.")))
    {
        return out;
    }
    let url = (has(b':') && text.contains("://")) || (has(b'.') && text.contains("www."));
    for m in URL.find_iter(if url { text } else { "" }) {
        let s = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '’', ']']);
        push(Kind::Url, m.start()..m.start() + s.len(), &mut out);
    }
    for m in EMAIL.find_iter(if at { text } else { "" }) {
        push(Kind::Email, m.range(), &mut out);
    }
    for m in HANDLE.find_iter(if at { text } else { "" }) {
        if !word_char_before(text, m.start()) {
            push(Kind::Handle, m.range(), &mut out);
        }
    }
    for m in HASHTAG.find_iter(if has(b'#') { text } else { "" }) {
        if !word_char_before(text, m.start()) {
            push(Kind::Hashtag, m.range(), &mut out);
        }
    }
    let ph = has(b'{') || has(b'%') || has(b'$');
    for m in PLACEHOLDER.find_iter(if ph { text } else { "" }) {
        push(Kind::Placeholder, m.range(), &mut out);
    }
    for m in TAG.find_iter(if has(b'<') { text } else { "" }) {
        push(Kind::Tag, m.range(), &mut out);
    }
    // Codes: whitespace-separated tokens with an upper-case letter and a digit. Only a token
    // with an ASCII digit can hold one ([`code_part`]), so the scan goes from digit to digit
    // and takes the whitespace-separated token around each (in text order, each once), not
    // every token of the text.
    let bytes = text.as_bytes();
    let mut from = 0;
    while digit && let Some(off) = bytes[from..].iter().position(u8::is_ascii_digit) {
        let d = from + off;
        let start = text[..d]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[d..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(text.len(), |(i, _)| d + i);
        from = end;
        let raw = &text[start..end];
        let lead = raw.len()
            - raw
                .trim_start_matches(|c: char| !c.is_ascii_alphanumeric())
                .len();
        let tok = raw[lead..].trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
        if let Some(code) = code_part(tok) {
            push(
                Kind::Code,
                start + lead..start + lead + code.len(),
                &mut out,
            );
        }
    }
    out.sort_by_key(|e| e.span.start);
    out
}

/// Byte spans of the entities (URLs, e-mails, handles, hashtags, placeholders, tags, codes)
/// in `text`; number-mismatch (MT009) leaves their digits to entity-mismatch (MT010).
pub fn entity_spans(text: &str) -> Vec<Range<usize>> {
    extract(text).into_iter().map(|e| e.span).collect()
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Most work the pairwise entity tests may do on a pair (source entities × (target entities +
/// target bytes) + target entities × source bytes): 20 million, some
/// milliseconds; past it, [`bulk_compare`]. A sentence pair with a handful of entities is far
/// below it.
const PAIRWISE_LIMIT: usize = 20_000_000;

/// The key under which an entity matches its exact counterpart: the text for placeholders
/// and tags, the letters and digits in lower case for codes, ASCII lower case otherwise.
fn match_key(kind: Kind, text: &str) -> String {
    match kind {
        Kind::Placeholder | Kind::Tag => text.to_string(),
        Kind::Code => norm(text),
        _ => text.to_ascii_lowercase(),
    }
}
/// What [`compare`] finds about one entity: where, what to say, what to suggest, and whether
/// it is only a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityIssue {
    pub side: Side,
    pub span: Range<usize>,
    pub message: String,
    pub suggestion: Option<String>,
    /// A weak signal (an entity with no counterpart, a missing hashtag, an added URL).
    pub warning: bool,
}

/// Whether [`compare`] takes the linear path for this pair ([`PAIRWISE_LIMIT`]): never for
/// a pair of sentences, so the entities are extracted only for a pair past 2,500 bytes a side.
pub fn is_bulk(s: &str, t: &str) -> bool {
    // Entities are no more than the bytes of their text: the work is at most 3 × |s| × |t|.
    if s.len().saturating_mul(t.len()).saturating_mul(3) <= PAIRWISE_LIMIT {
        return false;
    }
    let (src, tgt) = (extract(s).len(), extract(t).len());
    work(s, t, src, tgt) > PAIRWISE_LIMIT
}

/// Each source entity is compared with every target entity and, through substring and
/// edit-distance tests, with the target's text; each target entity with the source's.
fn work(s: &str, t: &str, src: usize, tgt: usize) -> usize {
    src.saturating_mul(tgt + t.len()) + tgt.saturating_mul(s.len())
}

/// Leave out what lies inside an `<xliff:g>` element on either side ([`xliff_g_spans`]), and
/// for each such entity one entity of the same text on the other side (a placeholder whose
/// wrapper was dropped is the wrapper's fault, reported once by MT024).
fn skip_xliff_g(s: &str, src: &mut Vec<Ent>, t: &str, tgt: &mut Vec<Ent>) {
    let (ss, ts) = (xliff_g_spans(s), xliff_g_spans(t));
    if ss.is_empty() && ts.is_empty() {
        return;
    }
    let inside = |spans: &[Range<usize>], e: &Ent| {
        spans
            .iter()
            .any(|r| r.start <= e.span.start && e.span.end <= r.end)
    };
    let take = |text: &str, ents: &mut Vec<Ent>, spans: &[Range<usize>]| -> Vec<String> {
        let mut gone = Vec::new();
        ents.retain(|e| {
            let keep = !inside(spans, e);
            if !keep {
                gone.push(text[e.span.clone()].to_string());
            }
            keep
        });
        gone
    };
    let from_src = take(s, src, &ss);
    let from_tgt = take(t, tgt, &ts);
    let drop_one = |text: &str, ents: &mut Vec<Ent>, gone: &[String]| {
        for g in gone {
            if let Some(k) = ents.iter().position(|e| &text[e.span.clone()] == g) {
                ents.remove(k);
            }
        }
    };
    drop_one(t, tgt, &from_src);
    drop_one(s, src, &from_tgt);
}

/// The entities of the English `s` that are changed or missing in the German `t`, and the
/// German entities with no counterpart in the English. printf arguments count only when
/// their number differs (MT024 compares their types and order).
/// Placeholders inside an `<xliff:g>` are MT024's.
pub fn compare(s: &str, t: &str) -> Vec<EntityIssue> {
    let mut out = Vec::new();
    if s.trim().is_empty() || t.trim().is_empty() {
        return out;
    }
    let mut src = extract(s);
    let mut tgt = extract(t);
    skip_xliff_g(s, &mut src, t, &mut tgt);
    // printf arguments (`%s`, `%1$d`): with as many on both sides, their numbering, order and
    // types are placeholder-syntax's (MT024) business; here only one dropped or added counts.
    let printf = |text: &str, e: &Ent| {
        e.kind == Kind::Placeholder && {
            let p = &text[e.span.clone()];
            p.starts_with('%') && !p.starts_with("%(")
        }
    };
    let n_src = src.iter().filter(|e| printf(s, e)).count();
    if n_src > 0 && n_src == tgt.iter().filter(|e| printf(t, e)).count() {
        src.retain(|e| !printf(s, e));
        tgt.retain(|e| !printf(t, e));
    }
    let mut t_used = vec![false; tgt.len()];
    // Built on first use: most pairs have no entity.
    let t_norm = std::cell::OnceCell::new();
    let t_lower = std::cell::OnceCell::new();
    let s_lower = std::cell::OnceCell::new();

    // A pair with thousands of entities on both sides (hostile input, a 20 MB line):
    // the pairwise comparisons below would be quadratic; match exact counterparts through
    // a hash map and leave out the near-miss and substring tests instead.
    if work(s, t, src.len(), tgt.len()) > PAIRWISE_LIMIT {
        bulk_compare(s, t, &src, &tgt, &mut out);
        return out;
    }
    for e in &src {
        let text = &s[e.span.clone()];
        // Exact counterpart of the same kind (case-insensitive for URLs, handles and codes).
        let exact = tgt.iter().enumerate().position(|(j, f)| {
            !t_used[j] && f.kind == e.kind && {
                let ft = &t[f.span.clone()];
                match e.kind {
                    Kind::Placeholder | Kind::Tag => ft == text,
                    Kind::Code => norm(ft).starts_with(&norm(text)),
                    _ => ft.eq_ignore_ascii_case(text),
                }
            }
        });
        if let Some(j) = exact {
            t_used[j] = true;
            continue;
        }
        let present = match e.kind {
            Kind::Code => t_norm.get_or_init(|| norm(t)).contains(&norm(text)),
            Kind::Url | Kind::Email => t_lower
                .get_or_init(|| t.to_lowercase())
                .contains(&text.to_lowercase()),
            _ => false,
        };
        if present {
            continue;
        }
        // A near miss: the same kind of entity, or any token, spelled almost the same.
        let key = norm(text);
        let near = tgt
            .iter()
            .enumerate()
            .filter(|(j, f)| !t_used[*j] && (f.kind == e.kind || e.kind == Kind::Code))
            .map(|(j, f)| (Some(j), f.span.clone()))
            .chain(
                tokenize(t)
                    .into_iter()
                    .filter(|w| w.is_word())
                    .map(|w| (None, w.range)),
            )
            .map(|(j, r)| {
                let other = norm(&t[r.clone()]);
                let mut sim = strsim::normalized_damerau_levenshtein(&key, &other);
                // Another number of the same code family: "SHA-256" → "SHA-512".
                let letters =
                    |x: &str| -> String { x.chars().take_while(|c| c.is_alphabetic()).collect() };
                if e.kind == Kind::Code
                    && j.is_some()
                    && !letters(&key).is_empty()
                    && letters(&key) == letters(&other)
                {
                    sim = sim.max(0.75);
                }
                (j, r, sim)
            })
            .filter(|(_, _, sim)| *sim >= 0.75)
            .max_by(|a, b| a.2.total_cmp(&b.2).then(a.0.is_some().cmp(&b.0.is_some())));
        if let Some((j, r, _)) = near {
            if let Some(j) = j {
                t_used[j] = true;
            }
            out.push(EntityIssue {
                side: Side::Target,
                span: r.clone(),
                message: format!(
                    "{} '{}' differs from the English '{text}'",
                    e.kind.label(),
                    &t[r]
                ),
                suggestion: Some(text.to_string()),
                warning: false,
            });
            continue;
        }
        if e.kind == Kind::Code {
            // "F1" → "Formel 1": the digits of a short code survive as a number.
            let letters = text.chars().filter(char::is_ascii_alphabetic).count();
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            // "WW2", "4K", "G7" → "Zweiter Weltkrieg", …: too short to insist on.
            if letters <= 2
                && (digits.len() == 1
                    || t.split(|c: char| !c.is_ascii_digit()).any(|d| d == digits))
            {
                continue;
            }
            // "COVID-19" → "Covid-Pandemie": the name part alone, not another code.
            let name: String = text.chars().take_while(char::is_ascii_alphabetic).collect();
            if name.len() >= 3 && name_without_number(t, &name) {
                continue;
            }
        }
        out.push(missing_in_german(e.kind, e.span.clone(), text));
    }

    // Entities in the German with no English counterpart.
    for (j, f) in tgt.iter().enumerate() {
        if t_used[j] || f.kind == Kind::Code || f.kind == Kind::Hashtag {
            continue;
        }
        let ft = &t[f.span.clone()];
        if s_lower
            .get_or_init(|| s.to_lowercase())
            .contains(&ft.to_lowercase())
        {
            continue;
        }
        out.push(not_in_english(f.kind, f.span.clone(), ft));
    }
    out
}

/// [`compare`] for a pair with very many entities, in linear time: a source entity matches the
/// first unused target entity of the same kind and key ([`match_key`]; a code must equal,
/// not only start, its counterpart); the rest are reported missing (source) or added
/// (target, unless the source has an entity of that text). No near misses.
fn bulk_compare(s: &str, t: &str, src: &[Ent], tgt: &[Ent], out: &mut Vec<EntityIssue>) {
    let mut unused: HashMap<(Kind, String), std::collections::VecDeque<usize>> = HashMap::new();
    for (j, f) in tgt.iter().enumerate() {
        unused
            .entry((f.kind, match_key(f.kind, &t[f.span.clone()])))
            .or_default()
            .push_back(j);
    }
    let mut t_used = vec![false; tgt.len()];
    let mut in_source: HashSet<String> = HashSet::new();
    for e in src {
        let text = &s[e.span.clone()];
        in_source.insert(text.to_lowercase());
        if let Some(j) = unused
            .get_mut(&(e.kind, match_key(e.kind, text)))
            .and_then(|q| q.pop_front())
        {
            t_used[j] = true;
            continue;
        }
        out.push(missing_in_german(e.kind, e.span.clone(), text));
    }
    for (j, f) in tgt.iter().enumerate() {
        if t_used[j] || f.kind == Kind::Code || f.kind == Kind::Hashtag {
            continue;
        }
        let ft = &t[f.span.clone()];
        if in_source.contains(&ft.to_lowercase()) {
            continue;
        }
        out.push(not_in_english(f.kind, f.span.clone(), ft));
    }
}

/// An English entity with no counterpart in the German. Nothing in the German stands for it:
/// an omission the annotators of real MT often accept ("URL-0" rendered as "Wetter.com"), so
/// a warning — except a placeholder or tag, whose loss breaks the software showing the text.
fn missing_in_german(kind: Kind, span: Range<usize>, text: &str) -> EntityIssue {
    EntityIssue {
        side: Side::Source,
        span,
        message: format!("the {} '{text}' is missing from the German", kind.label()),
        suggestion: None,
        warning: !matches!(kind, Kind::Placeholder | Kind::Tag),
    }
}

/// A German entity with no counterpart in the English (a URL or e-mail: a warning).
fn not_in_english(kind: Kind, span: Range<usize>, text: &str) -> EntityIssue {
    EntityIssue {
        side: Side::Target,
        span,
        message: format!("{} '{text}' is not in the English", kind.label()),
        suggestion: None,
        warning: kind == Kind::Url || kind == Kind::Email,
    }
}

/// [`BYTE_CLASS`]: a byte that starts an entity ('@', '#', '{', '%', '$', '<').
const START: u8 = 1;
/// [`BYTE_CLASS`]: an ASCII digit.
const DIGIT: u8 = 2;
/// [`BYTE_CLASS`]: ':' (of "://").
const COLON: u8 = 4;
/// [`BYTE_CLASS`]: 'w' (of "www.").
const W: u8 = 8;

/// Per byte, what it means to [`may_hold_entity`] ([`START`], [`DIGIT`], [`COLON`], [`W`]).
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = DIGIT;
        d += 1;
    }
    t[b'@' as usize] = START;
    t[b'#' as usize] = START;
    t[b'{' as usize] = START;
    t[b'%' as usize] = START;
    t[b'$' as usize] = START;
    t[b'<' as usize] = START;
    t[b':' as usize] = COLON;
    t[b'w' as usize] = W;
    t
};

/// Whether [`extract`] may find an entity in `text`; false only
/// where it finds none. Every entity needs one of a few bytes: '@' (e-mails, handles), '#'
/// (hashtags), '{', '%' or '$' (placeholders), '<' (tags); a URL is looked for only in a
/// text with "://" or "www."; a code is a whitespace-separated token with an ASCII digit and
/// an ASCII capital (tokens split at ASCII whitespace here: one holds the real token).
pub fn may_hold_entity(text: &str) -> bool {
    let b = text.as_bytes();
    // One pass over the bytes (a table look-up each) says which tests are needed.
    let seen = b.iter().fold(0u8, |s, &x| s | BYTE_CLASS[usize::from(x)]);
    if seen & START != 0 {
        return true;
    }
    if seen & COLON != 0 && memchr::memchr_iter(b':', b).any(|i| b[i + 1..].starts_with(b"//")) {
        return true;
    }
    if seen & W != 0 && text.contains("www.") {
        return true;
    }
    if seen & DIGIT == 0 {
        return false;
    }
    let mut from = 0;
    while let Some(d) = next_ascii_digit(b, from) {
        let start = b[..d]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |i| i + 1);
        let end = b[d..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(b.len(), |i| d + i);
        if b[start..end].iter().any(u8::is_ascii_uppercase) {
            return true;
        }
        from = end;
    }
    false
}

/// Pairs whose structured entities and names are carried over correctly: neither MT010 nor
/// MT020 may fire on them (the rules' tests share them).
#[cfg(test)]
pub(crate) const CARRIED_OVER: &[(&str, &str)] = &[
    (
        "bill A8132 of the New York State Assembly",
        "Gesetzentwurf A8132 des New Yorker Parlaments",
    ),
    (
        "the SHA-256 hashing algorithm",
        "den SHA-256-Hashing-Algorithmus",
    ),
    ("the COVID-19 pandemic", "die Covid-19-Pandemie"),
    ("the COVID-19 pandemic", "die Covid-Pandemie"),
    (
        "the man behind @BasedBeffJezos",
        "der Mann hinter @BasedBeffJezos",
    ),
    (
        "Hello {name}, you have %d messages",
        "Hallo {name}, Sie haben %d Nachrichten",
    ),
    ("Click <b>here</b>.", "Klicken Sie <b>hier</b>."),
    ("Visit www.example.org.", "Besuchen Sie www.example.org."),
    (
        "in Formula 1 and the F1 season",
        "in der Formel 1 und der Saison",
    ),
    ("50% of people", "50 % der Menschen"),
    ("a 3D printer with 5G", "ein 3D-Drucker mit 5G"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_said_to_hold_no_entity_has_none() {
        // (mostly the bytes that start no entity, so that many texts hold none)
        let rare = crate::checks::tokens::tests::random_texts("aA1 @#{%$<", 23, 16, 5_000);
        let near = crate::checks::tokens::tests::random_texts(
            "aA1w:/.-_\u{A0}\u{B}\t\u{2028}Ä",
            29,
            16,
            30_000,
        );
        for t in rare.iter().chain(&near) {
            if !may_hold_entity(t) {
                assert!(extract(t).is_empty(), "{t:?}");
            }
        }
        assert!(!may_hold_entity("Er kam am 3. Mai 2020 nach Berlin."));
        for t in [
            "see www.x.de",
            "http://x",
            "A8132",
            "COVID-19",
            "50 %",
            "<b>",
            "#tag",
        ] {
            assert!(may_hold_entity(t), "{t}");
        }
    }
}
