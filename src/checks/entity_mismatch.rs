use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::checks::tokens::{TokenKind, tokenize};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::{Severity, Side};

declare_check! {
    /// ## What it catches
    ///
    /// Entities that the translation must carry over unchanged but did not: @handles, #hashtags,
    /// URLs, e-mail addresses, bill and product codes ("A8132", "SHA-256", "COVID-19"),
    /// placeholders ("{name}", "{{x}}", "%s", "%1$s") and inline tags ("<b>…</b>") that are changed
    /// or missing in the German, multi-word proper names of the English ("Elizabeth Warren", "Lex
    /// Fridman") that are missing from the German, and single names misspelt in the German
    /// ("Simpson" → "Simpsen", "Denver" → "Depver").
    ///
    /// ## Why it matters
    ///
    /// A misspelled handle or a changed bill number points the reader to the wrong person or
    /// document; a broken placeholder or tag breaks the software that shows the text; a dropped
    /// name changes who said or did what.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: Guillaume Verdon, the man behind @BasedBeffJezos
    /// de: Guillaume Verdon, der Mann hinter @BasedBeffJesos
    ///                                       ^^^^^^^^^^^^^^^ suggestion: "@BasedBeffJezos"
    /// ```
    ///
    /// An entity with no counterpart at all is flagged on the source side, as a warning (an
    /// omission annotators often accept) unless it is a placeholder or tag.
    ///
    /// ## Not flagged
    ///
    /// Entities written with other case or hyphenation in German compounds ("COVID-19" ↔
    /// "Covid-19-Pandemie", "SHA-256" ↔ "SHA-256-Hashing-Algorithmus"); names that German inflects,
    /// compounds or adapts ("New York" ↔ "New Yorker", "Warren" ↔ "Warrens", "Pope Francis" ↔
    /// "Papst Franziskus"); titles and common words ("Police Department", "Supreme Court"); names
    /// that start the sentence and headlines in title case; "50 %" (not a placeholder). A missing
    /// hashtag or an added URL is only a warning (hashtags and links are sometimes localised).
    pub struct EntityMismatch {
        code: "MT010",
        name: "entity-mismatch",
        severity: Error,
        summary: "A handle, hashtag, URL, e-mail, code, placeholder, tag or name differs or is missing",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Url,
    Email,
    Handle,
    Hashtag,
    Placeholder,
    Tag,
    Code,
}

impl Kind {
    fn label(self) -> &'static str {
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

#[derive(Debug, Clone)]
struct Ent {
    kind: Kind,
    span: Range<usize>,
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

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
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

fn extract(text: &str) -> Vec<Ent> {
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
    // Codes: whitespace-separated tokens with an upper-case letter and a digit.
    for raw in text.split_whitespace().filter(|_| digit) {
        // `raw` is a slice of `text`: its offset is where it starts.
        let start = raw.as_ptr() as usize - text.as_ptr() as usize;
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
/// in `text`; number-mismatch (MT009) leaves their digits to this check.
pub(crate) fn entity_spans(text: &str) -> Vec<Range<usize>> {
    extract(text).into_iter().map(|e| e.span).collect()
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// English words that start capitalised in names and titles but are translated or dropped.
#[rustfmt::skip]
const COMMON: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with",
    "i", "he", "she", "it", "we", "they", "you", "his", "her", "its", "our", "their", "my",
    "this", "that", "these", "those", "but", "if", "as", "so", "not", "no", "yes", "all", "mr",
    "mrs", "ms", "dr", "sir", "lord", "lady", "st", "saint", "president", "prime", "minister",
    "secretary", "senator", "sen", "rep", "governor", "gov", "king", "queen", "prince",
    "princess", "pope", "general", "gen", "captain", "officer", "chief", "judge", "justice",
    "director", "professor", "prof", "coach", "mayor", "father", "mother", "brother", "sister",
    "uncle", "aunt", "police", "department", "ministry", "university", "college", "school",
    "hospital", "church", "party", "court", "supreme", "house", "senate", "congress",
    "parliament", "council", "committee", "commission", "agency", "office", "service", "bureau",
    "board", "center", "centre", "institute", "foundation", "association", "company",
    "corporation", "group", "bank", "club", "league", "cup", "championship", "national",
    "international", "federal", "state", "states", "united", "kingdom", "republic",
    "democratic", "republican", "republicans", "democrat", "democrats", "union", "european",
    "american", "british", "english", "german", "french", "chinese", "russian", "north",
    "south", "east", "west", "northern", "southern", "eastern", "western", "central", "middle",
    "southwest", "southeast", "northwest", "northeast", "midwest", "new", "old", "great",
    "royal", "street", "road", "avenue", "square", "park", "river", "lake", "mountain", "mount",
    "island", "islands", "sea", "ocean", "bay", "city", "county", "province", "region", "world",
    "war", "day", "year", "times", "news", "post", "journal", "daily", "magazine", "review",
    "air", "force", "army", "navy", "guard", "security", "health", "education", "affairs",
    "foreign", "home", "interior", "defense", "defence", "energy", "trade", "market",
    "exchange", "stock", "reserve", "black", "white", "red", "green", "blue", "friday",
    "monday", "tuesday", "wednesday", "thursday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "christmas", "easter", "internet", "god", "christ", "bible", "catholic",
    "christian", "muslim", "islamic", "jewish", "executive", "order", "act", "bill", "law",
    "assembly", "general", "award", "awards", "prize", "game", "games", "olympic", "olympics",
    "festival", "museum", "library", "hall", "station", "airport", "bridge", "tower", "castle",
    "palace", "cathedral", "valley", "desert", "coast", "international", "global", "public",
    "private", "social", "media", "network", "online", "open", "source", "free", "big",
    "little", "young", "first", "second", "third", "last", "next", "top", "best", "high", "low",
    "early", "late", "dear", "happy", "thank", "thanks", "please", "hello", "hi", "oh", "well",
    "now", "then", "there", "here", "when", "where", "why", "how", "what", "who", "which",
    "after", "before", "about", "over", "under", "into", "out", "up", "down", "off", "again",
    "also", "just", "only", "very", "more", "most", "some", "any", "each", "every", "both",
    "one", "two", "three", "read", "see", "click", "share", "follow", "subscribe", "watch",
    "live", "update", "breaking", "exclusive", "photo", "video", "image", "source", "getty",
    "images", "reuters", "ap", "afp", "team", "fc", "inc", "ltd", "llc", "co", "corp", "jr",
    "sr", "ii", "iii", "doctor", "nurse", "chairman", "ceo", "founder", "author", "editor",
    "reporter", "spokesman", "spokeswoman", "spokesperson", "leader", "member", "members",
    "people", "man", "woman", "men", "women", "boy", "girl", "child", "children", "family",
    "friends",
];

/// Frequent English words, one per line (`data/en_common.txt`).
static FREQUENT: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("data/en_common.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .chain(COMMON.iter().copied())
        .collect()
});

fn is_common(w: &str) -> bool {
    let lw = w.to_lowercase();
    FREQUENT.contains(lw.as_str())
        || lw
            .strip_suffix('s')
            .is_some_and(|stem| stem.len() >= 3 && FREQUENT.contains(stem))
}

/// A multi-word proper name in the English: its distinctive words (byte ranges).
fn source_names(text: &str, sentences: &[Range<usize>]) -> Vec<Vec<Range<usize>>> {
    let mut names = Vec::new();
    for s in sentences {
        let sent = &text[s.clone()];
        let toks = tokenize(sent);
        let words: Vec<_> = toks.iter().filter(|t| t.kind == TokenKind::Word).collect();
        // Headlines in title case are not names.
        let caps = words.iter().filter(|t| t.is_capitalised()).count();
        if words.len() >= 4 && caps * 10 >= words.len() * 6 {
            continue;
        }
        let mut run: Vec<usize> = Vec::new();
        let flush = |run: &mut Vec<usize>, names: &mut Vec<Vec<Range<usize>>>| {
            if run.len() >= 2 {
                let distinctive: Vec<Range<usize>> = run
                    .iter()
                    .map(|&k| &toks[k])
                    .filter(|t| {
                        let w = strip_possessive(t.text);
                        !is_common(w) && w.chars().count() >= 3
                    })
                    .map(|t| {
                        let len = strip_possessive(t.text).len();
                        s.start + t.range.start..s.start + t.range.start + len
                    })
                    .collect();
                if !distinctive.is_empty() {
                    names.push(distinctive);
                }
            }
            run.clear();
        };
        // The last token before `k` that is not an opening quote or bracket (found anew
        // per token by a backward scan: quadratic on "( ( ( …").
        let mut last_plain: Option<usize> = None;
        for (k, t) in toks.iter().enumerate() {
            let name_like = t.kind == TokenKind::Word
                && t.is_capitalised()
                && t.text.chars().skip(1).any(char::is_lowercase)
                && t.text
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '’');
            // Sentence-initial words (after the start, a quote, a colon) are capitalised anyway.
            let initial = last_plain
                .map(|p| &toks[p])
                .is_none_or(|p| matches!(p.text, "." | "!" | "?" | ":" | "—" | "–" | "-"));
            if !matches!(t.text, "\"" | "'" | "“" | "‘" | "(" | "[") {
                last_plain = Some(k);
            }
            let adjacent = run
                .last()
                .is_some_and(|&p| sent[toks[p].range.end..t.range.start] == *" ");
            if name_like && !initial && (run.is_empty() || adjacent) {
                run.push(k);
            } else {
                flush(&mut run, &mut names);
                if name_like && !initial {
                    run.push(k);
                }
            }
        }
        flush(&mut run, &mut names);
    }
    names
}

/// Whether a name word is present in the German: as a word start ("Warren" in "Warrens",
/// "York" in "New Yorker"), or adapted with the same first letters ("Franziskus").
fn name_present(word: &str, target_words: &[String]) -> bool {
    let lw = canonical(word);
    let prefix: String = lw
        .chars()
        .take(if lw.chars().count() <= 5 { 3 } else { 4 })
        .collect();
    // `str::contains` sets up a searcher for the needle on every call: compare bytes instead
    // (the words are short).
    let needle = lw.as_bytes();
    if needle.is_empty() {
        return true;
    }
    target_words.iter().any(|lt| {
        lt.starts_with(&prefix)
            || (lt.len() >= needle.len()
                && lt.as_bytes().windows(needle.len()).any(|x| x == needle))
    })
}

/// "Korea's" → "Korea".
fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// Spelling-neutral form for comparing a name with its German adaptation ("Macedonia" ~
/// "Mazedonien", "Slavic" ~ "slawisch", "Philip" ~ "Filip").
fn canonical(w: &str) -> String {
    if w.is_ascii() {
        canonical_ascii(w)
    } else {
        canonical_general(w)
    }
}

fn canonical_general(w: &str) -> String {
    let mut lw = w.to_lowercase();
    // Each replacement only where its pattern occurs: `str::replace` allocates, and this runs
    // for every German word of a pair whose English has a name.
    for (from, to) in [
        ("sch", "s"),
        ("sh", "s"),
        ("ph", "f"),
        ("th", "t"),
        ("ck", "k"),
    ] {
        if lw
            .as_bytes()
            .windows(from.len())
            .any(|x| x == from.as_bytes())
        {
            lw = lw.replace(from, to);
        }
    }
    let mut out = String::with_capacity(lw.len());
    let mut chars = lw.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(match c {
            // "Macedonia" ~ "Mazedonien", "Francis" ~ "Franziskus", "Elizabeth" ~ "Elisabeth"
            'c' if matches!(chars.peek(), Some('e' | 'i' | 'y')) => 's',
            'c' => 'k',
            'z' => 's',
            'w' => 'v',
            'y' => 'i',
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            c => c,
        });
    }
    out
}

/// [`canonical`] of an ASCII word, in one buffer: the replacements shrink it in place and
/// the letter mapping works on bytes.
fn canonical_ascii(w: &str) -> String {
    let mut b = w.as_bytes().to_ascii_lowercase();
    for (from, to) in [
        (&b"sch"[..], b's'),
        (&b"sh"[..], b's'),
        (&b"ph"[..], b'f'),
        (&b"th"[..], b't'),
        (&b"ck"[..], b'k'),
    ] {
        if !b.windows(from.len()).any(|x| x == from) {
            continue;
        }
        // Left to right, non-overlapping, as `str::replace`.
        let (mut r, mut wr) = (0, 0);
        while r < b.len() {
            if b[r..].starts_with(from) {
                b[wr] = to;
                r += from.len();
            } else {
                b[wr] = b[r];
                r += 1;
            }
            wr += 1;
        }
        b.truncate(wr);
    }
    for i in 0..b.len() {
        b[i] = match b[i] {
            b'c' if matches!(b.get(i + 1), Some(b'e' | b'i' | b'y')) => b's',
            b'c' => b'k',
            b'z' => b's',
            b'w' => b'v',
            b'y' => b'i',
            c => c,
        };
    }
    String::from_utf8(b).unwrap_or_default()
}

impl Check for EntityMismatch {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        if pair.source.trim().is_empty() || pair.target.trim().is_empty() {
            return;
        }
        let (s, t) = (pair.source, pair.target);
        let src = extract(s);
        let tgt = extract(t);
        let mut t_used = vec![false; tgt.len()];
        // Built on first use: most pairs have no entity.
        let t_norm = std::cell::OnceCell::new();
        let t_lower = std::cell::OnceCell::new();
        let s_lower = std::cell::OnceCell::new();

        // A pair with thousands of entities on both sides (hostile input, a 20 MB line):
        // the pairwise comparisons below would be quadratic; match exact counterparts through
        // a hash map and leave out the near-miss and substring tests instead.
        // (each source entity is compared with every target entity and, through substring and
        // edit-distance tests, with the target's text; each target entity with the source's)
        let work =
            src.len().saturating_mul(tgt.len() + t.len()) + tgt.len().saturating_mul(s.len());
        let bulk = work > PAIRWISE_LIMIT;
        if bulk {
            bulk_check(s, t, &src, &tgt, out);
            return;
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
                    let letters = |x: &str| -> String {
                        x.chars().take_while(|c| c.is_alphabetic()).collect()
                    };
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
                out.push(
                    Finding::target(
                        &Self::RULE,
                        r.clone(),
                        format!(
                            "{} '{}' differs from the English '{text}'",
                            e.kind.label(),
                            &t[r]
                        ),
                    )
                    .with_suggestion(text),
                );
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

        // Multi-word proper names.
        let sentences = if pair.source_sentences.is_empty() {
            std::iter::once(0..s.len()).collect()
        } else {
            pair.source_sentences.clone()
        };
        let names = source_names(s, &sentences);
        // Beyond sentence size (a 20 MB line) the name comparisons cost memory and, name
        // word by target word, quadratic time.
        if s.len() > MAX_NAME_PAIR || t.len() > MAX_NAME_PAIR {
            return;
        }
        let target_toks = tokenize(t);
        // Canonical forms of the German words, for `name_present`.
        let target_words: Vec<String> = if names.is_empty() {
            Vec::new()
        } else {
            target_toks
                .iter()
                .filter(|w| w.is_word())
                .map(|w| canonical(w.text))
                .collect()
        };
        for name in names {
            let missing: Vec<&Range<usize>> = name
                .iter()
                .filter(|r| !name_present(&s[(*r).clone()], &target_words))
                .collect();
            // A name word spelled differently ("Rady" → "Rati", "Fridman" → "Friedman").
            let mut misspelled = false;
            for r in &missing {
                let word = &s[(*r).clone()];
                let cw = canonical(word);
                let near = target_toks
                    .iter()
                    .filter(|w| w.is_word() && w.is_capitalised())
                    .map(|w| {
                        (
                            w,
                            strsim::normalized_damerau_levenshtein(&cw, &canonical(w.text)),
                        )
                    })
                    .filter(|(w, sim)| *sim >= 0.7 && w.text.chars().next() == word.chars().next())
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                if let Some((w, _)) = near {
                    misspelled = true;
                    out.push(
                        Finding::target(
                            &Self::RULE,
                            w.range.clone(),
                            format!("the name '{}' is spelled '{word}' in the English", w.text),
                        )
                        .with_suggestion(word),
                    );
                }
            }
            // Only names of two distinctive words count as missing ("Elizabeth Warren", not
            // "Pacific Ocean", whose German form may differ).
            if !misspelled && name.len() >= 2 && missing.len() == name.len() {
                let span = name[0].start..name[name.len() - 1].end;
                out.push(
                    Finding::new(
                        &Self::RULE,
                        Side::Source,
                        span.clone(),
                        format!("the name '{}' is missing from the German", &s[span]),
                    )
                    .with_severity(Severity::Warning),
                );
            }
        }
        if s.len() <= MAX_NAME_PAIR && t.len() <= MAX_NAME_PAIR {
            single_names(pair.source, t, &target_toks, out);
        }
    }
}

/// Longest source or target (bytes) whose single names are compared: a sentence pair, not a
/// 20 MB line.
const MAX_NAME_PAIR: usize = 20_000;

/// Most work the pairwise entity tests may do on a pair (source entities × (target entities +
/// target bytes) + target entities × source bytes): 20 million, some milliseconds; past it, [`bulk_check`]. A sentence pair
/// with a handful of entities is far below it.
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

/// MT010 for a pair with very many entities, in linear time: a source entity matches the
/// first unused target entity of the same kind and key ([`match_key`]; a code must equal,
/// not only start, its counterpart); the rest are reported missing (source) or added
/// (target, unless the source has an entity of that text). No near misses, no names.
fn bulk_check(s: &str, t: &str, src: &[Ent], tgt: &[Ent], out: &mut Findings<'_>) {
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
fn missing_in_german(kind: Kind, span: Range<usize>, text: &str) -> Finding {
    let f = Finding::new(
        &EntityMismatch::RULE,
        Side::Source,
        span,
        format!("the {} '{text}' is missing from the German", kind.label()),
    );
    if matches!(kind, Kind::Placeholder | Kind::Tag) {
        f
    } else {
        f.with_severity(Severity::Warning)
    }
}

/// A German entity with no counterpart in the English (a URL or e-mail: a warning).
fn not_in_english(kind: Kind, span: Range<usize>, text: &str) -> Finding {
    let f = Finding::target(
        &EntityMismatch::RULE,
        span,
        format!("{} '{text}' is not in the English", kind.label()),
    );
    if kind == Kind::Url || kind == Kind::Email {
        f.with_severity(Severity::Warning)
    } else {
        f
    }
}

/// English names and their German forms one letter apart, which are not misspellings.
#[rustfmt::skip]
const RENDERINGS: &[(&str, &str)] = &[
    ("lebanon", "libanon"), ("morocco", "marokko"), ("ireland", "irland"),
    ("nicholas", "nikolaus"), ("arctic", "arktis"), ("singapore", "singapur"),
    ("tunisia", "tunesien"), ("soviet", "sowjet"), ("soviets", "sowjets"),
    ("luxembourg", "luxemburg"), ("warsaw", "warschau"), ("denmark", "dänemark"),
    ("palestine", "palästina"), ("kyiv", "kiew"), ("lisbon", "lissabon"),
    ("scotland", "schottland"), ("mecca", "mekka"), ("bethlehem", "betlehem"),
    ("prussia", "preußen"), ("maldives", "malediven"), ("rwanda", "ruanda"),
    ("parliament", "parlament"), ("market", "markt"), ("federation", "föderation"),
    ("west", "welt"), ("bill", "bild"), ("center", "zentren"), ("senate", "senat"),
    ("summer", "sommer"), ("light", "licht"), ("winter", "winter"), ("hello", "hallo"),
];

/// English endings that German names replace ("Syria" → "Syrien", "Belgium" → "Belgien",
/// "Europe" → "Europa", "Italy" → "Italien").
const EN_ENDINGS: &[&str] = &["ia", "ie", "um", "i", "e", "a"];
const DE_ENDINGS: &[&str] = &["ien", "en", "ei", "e", "a", "n"];
/// German endings of an inflected or derived name ("Muslims" → "Muslime", "Bidens").
const INFLECTIONS: &[&str] = &["", "e", "en", "n", "er", "ern", "es", "s", "ns"];

fn strip_any<'a>(w: &'a str, ends: &[&str]) -> &'a str {
    ends.iter()
        .find_map(|e| w.strip_suffix(e).filter(|r| r.len() >= 3))
        .unwrap_or(w)
}

fn undouble(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether the canonical German word `de` is the canonical English name `en`, perhaps
/// inflected or in a compound ("Trumps", "Bidens", "Trump-Regierung", "Muslime").
fn inflected(en: &str, de: &str) -> bool {
    let en_stem = en.strip_suffix('s').filter(|r| r.len() >= 3).unwrap_or(en);
    de.starts_with(en)
        || de
            .strip_prefix(en_stem)
            .is_some_and(|rest| INFLECTIONS.contains(&rest))
}

/// Whether the German `de` is a German rendering or inflection of the English name `en`
/// rather than a misspelling (both canonical, see `canonical`).
fn rendering(en: &str, de: &str, en_raw: &str, de_raw: &str) -> bool {
    // The German genitive or plural: "des Hurrikans", "des Senats".
    let genitive = ["es", "s", "n"]
        .iter()
        .filter_map(|e| de.strip_suffix(e))
        .any(|base| base == en || en.strip_suffix('e') == Some(base));
    // Where the two differ: the German letters there ("Präsident", "Bolschewiki").
    let en_chars: Vec<char> = en_raw.to_lowercase().chars().collect();
    let de_chars: Vec<char> = de_raw.to_lowercase().chars().collect();
    let common_prefix = en_chars
        .iter()
        .zip(&de_chars)
        .take_while(|(a, b)| a == b)
        .count();
    let common_suffix = en_chars
        .iter()
        .rev()
        .zip(de_chars.iter().rev())
        .take_while(|(a, b)| a == b)
        .count()
        .min(de_chars.len() - common_prefix.min(de_chars.len()));
    let german_letters = de_chars
        [common_prefix.min(de_chars.len())..de_chars.len() - common_suffix]
        .iter()
        .any(|c| "äöüßzwj".contains(*c));
    inflected(en, de)
        || en.starts_with(de)
        || genitive
        || german_letters
        // "Bible" → "Bibel", "Article" → "Artikel"
        || en.strip_suffix("le").is_some_and(|st| de.strip_suffix("el") == Some(st))
        || strip_any(en, EN_ENDINGS) == strip_any(de, DE_ENDINGS)
        || undouble(en) == undouble(de)
        || RENDERINGS.iter().any(|(e, d)| {
            e.eq_ignore_ascii_case(en_raw) && d.to_lowercase() == de_raw.to_lowercase()
        })
}

/// English words that are adjectives or common nouns rather than names: "Indonesian",
/// "Bolivians", "Fantastic", "Federation".
fn not_a_name(w: &str) -> bool {
    let lw = w.to_lowercase();
    [
        "ian", "ians", "ic", "ics", "ical", "ese", "ish", "tion", "tions", "ism", "ist", "ists",
    ]
    .iter()
    .any(|e| lw.len() >= e.len() + 4 && lw.ends_with(e))
}

/// The letter runs of a word token with their byte ranges: "Trump-Regierung" → "Trump",
/// "Regierung"; "Coroner's" → "Coroner", "s".
fn letter_runs(text: &str, offset: usize) -> Vec<(&str, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((&text[b..i], offset + b..offset + i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Single-word names misspelt in the German ("Simpson" → "Simpsen", "Denver" → "Depver"):
/// a capitalised English word that the German has fewer times than the English, and a
/// capitalised German word with the same first letter one letter away from it. A frequent
/// English word ("West", "Street", "Global") counts only when it stands next to the same
/// word in both ("West Virginia" → "Wekt Virginia") or differs by one substituted letter.
fn single_names(
    s: &str,
    t: &str,
    target_toks: &[crate::checks::tokens::Token<'_>],
    out: &mut Findings<'_>,
) {
    let flagged: Vec<Range<usize>> = out
        .iter()
        .filter(|f| f.side == Side::Target)
        .map(|f| f.span.clone())
        .collect();
    // German words as letter runs, in order, with canonical forms.
    let runs: Vec<(&str, Range<usize>, String)> = target_toks
        .iter()
        .filter(|w| w.is_word())
        .flat_map(|w| letter_runs(w.text, w.range.start))
        .map(|(x, r)| (x, r, canonical(x)))
        .collect();
    let is_candidate = |x: &str| {
        x.chars().count() >= 4
            && x.chars().next().is_some_and(char::is_uppercase)
            && x.chars().skip(1).any(char::is_lowercase)
    };
    if !runs.iter().any(|(x, _, _)| is_candidate(x)) {
        return;
    }
    let _ = t;
    let source_runs: Vec<(&str, Range<usize>)> = tokenize(s)
        .iter()
        .filter(|w| w.is_word())
        .flat_map(|w| letter_runs(w.text, w.range.start))
        .collect();
    let source_lower: HashSet<String> = source_runs.iter().map(|(x, _)| x.to_lowercase()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    for (k, (word, range)) in source_runs.iter().enumerate() {
        let word = *word;
        // Mid-sentence: a capital that marks a name, not the start of a sentence ("Hello").
        let mid_sentence = k > 0
            && s.get(source_runs[k - 1].1.end..range.start)
                .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || c == '-'));
        if !is_candidate(word) || not_a_name(word) || !seen.insert(word) {
            continue;
        }
        let common = is_common(word);
        let cw = canonical(word);
        let in_source = source_runs.iter().filter(|(x, _)| *x == word).count();
        let in_target = runs.iter().filter(|(_, _, c)| inflected(&cw, c)).count();
        if in_target >= in_source {
            continue; // present, perhaps inflected ("Trumps", "Bidens")
        }
        let lw = word.to_lowercase();
        let first = lw.chars().next();
        // The English word's neighbours, to recognise "Wekt Virginia" for "West Virginia".
        let prev = k.checked_sub(1).map(|i| source_runs[i].0);
        let next = source_runs.get(k + 1).map(|(x, _)| *x);
        let near = runs.iter().enumerate().find(|(j, (x, r, cx))| {
            if !is_candidate(x) || x.to_lowercase().chars().next() != first {
                return false;
            }
            let lx = x.to_lowercase();
            let raw = strsim::damerau_levenshtein(&lw, &lx);
            let canon = strsim::damerau_levenshtein(&cw, cx);
            if !(canon == 1 || raw == 1 && canon <= 2)
                || source_lower.contains(&lx)
                || flagged.iter().any(|f| overlaps(f, r))
                || rendering(&cw, cx, word, x)
            {
                return false;
            }
            if !common {
                return true;
            }
            let same_neighbour = j
                .checked_sub(1)
                .is_some_and(|i| Some(runs[i].0) == prev && prev.is_some_and(is_candidate))
                || runs
                    .get(j + 1)
                    .is_some_and(|n| Some(n.0) == next && next.is_some_and(is_candidate));
            // A substituted ASCII letter: "Augusd", "Ssreet" (not "Föderation").
            let substituted = raw == 1 && lx.len() == lw.len() && x.is_ascii() && word.len() >= 5;
            mid_sentence && (same_neighbour || substituted)
        });
        if let Some((_, (x, r, _))) = near {
            out.push(
                Finding::target(
                    &EntityMismatch::RULE,
                    r.clone(),
                    format!("the name '{x}' is spelled '{word}' in the English"),
                )
                .with_suggestion(word),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_canonical_forms_match_the_general_ones() {
        let alphabet = b"schpkCSHTZWYyzwtiea";
        let mut seed = 5u64;
        for _ in 0..5000 {
            let mut w = String::new();
            for _ in 0..(seed % 9) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                w.push(alphabet[(seed >> 33) as usize % alphabet.len()] as char);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            assert_eq!(canonical_ascii(&w), canonical_general(&w), "{w:?}");
        }
    }
    use crate::checks::testing::{run, spans};

    #[test]
    fn flags_changed_handles_and_codes() {
        let found = run(
            &EntityMismatch,
            "Guillaume Verdon, the man behind the pseudonym @BasedBeffJezos, underlines this.",
            "Guillaume Verdon, der Name hinter dem Pseudonym @BasedBeffJesos, Unterstreicht das.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "@BasedBeffJesos");
        assert_eq!(
            spans(
                &EntityMismatch,
                "New York Assembly Bill A8132",
                "Gesetzentwurf A8123"
            ),
            vec!["A8123"]
        );
        assert_eq!(
            spans(
                &EntityMismatch,
                "Write to info@example.org.",
                "Schreiben Sie an info@example.com."
            ),
            vec!["info@example.com"]
        );
    }

    #[test]
    fn flags_another_code_of_the_same_name() {
        assert_eq!(
            spans(
                &EntityMismatch,
                "the SHA-256 algorithm",
                "der SHA-512-Algorithmus"
            ),
            vec!["SHA-512"]
        );
    }

    #[test]
    fn missing_entities_are_warnings_but_placeholders_errors() {
        let d = crate::checks::DocStats::default();
        let sev = |s: &str, t: &str| {
            let mut out = Findings::new();
            EntityMismatch.check(&PairView::simple(s, t, &d), &mut out);
            out.iter().map(|f| f.severity()).collect::<Vec<_>>()
        };
        assert_eq!(
            sev("the URL-0 forecast", "die Vorhersage von Wetter.com"),
            vec![Severity::Warning]
        );
        assert_eq!(
            sev(
                "Not even Elizabeth Warren proposes a ban.",
                "Nicht einmal die Senatorin schlägt ein Verbot vor."
            ),
            vec![Severity::Warning]
        );
        assert_eq!(sev("Hello {name}", "Hallo"), vec![Severity::Error]);
        // A changed handle stays an error.
        assert_eq!(
            sev("behind @BasedBeffJezos", "hinter @BasedBeffJesos"),
            vec![Severity::Error]
        );
    }

    #[test]
    fn flags_misspelt_single_names() {
        for (src, tgt, bad) in [
            (
                "said Simpson on Monday.",
                "sagte Simpsen am Montag.",
                "Simpsen",
            ),
            (
                "flights to Denver were cancelled",
                "Flüge nach Depver fielen aus",
                "Depver",
            ),
            (
                "the quake near Palu killed",
                "das Beben bei Polu tötete",
                "Polu",
            ),
            ("Brian laughed.", "Da lachte Brain.", "Brain"),
            ("Coroner's Office", "Cororer's Office", "Cororer"),
            ("Trump officials", "Tgump-Regierungsbeamte", "Tgump"),
            ("Johnson met Johnson.", "Johnson traf Johnsun.", "Johnsun"),
            (
                "rallies in West Virginia",
                "Kundgebungen in Wekt Virginia",
                "Wekt",
            ),
            ("the Labour Party said", "sagte die Labour Purty", "Purty"),
            (
                "He promised in late August.",
                "Er versprach Ende Augusd.",
                "Augusd",
            ),
        ] {
            assert_eq!(spans(&EntityMismatch, src, tgt), vec![bad], "{src} → {tgt}");
        }
        // German inflection and renderings are not misspellings.
        for (src, tgt) in [
            ("Trump's tweets", "Trumps Tweets"),
            ("Biden's plan", "Bidens Plan"),
            ("talks in Moscow", "Gespräche in Moskau"),
            ("Pope Francis said", "Papst Franziskus sagte"),
            ("war in Syria and Libya", "Krieg in Syrien und Libyen"),
            ("in Belgium and Italy", "in Belgien und Italien"),
            ("from Lebanon to Morocco", "vom Libanon bis Marokko"),
            ("in Finland and Mexico", "in Finnland und Mexiko"),
            ("the Muslims", "die Muslime"),
            ("visited Rome", "besuchte Rom"),
            ("the Soviet era", "die Sowjet-Ära"),
            ("Simpson said", "Simpson sagte"),
            ("the Indonesian team", "das Team in Indonesien"),
            (
                "Many Bolivians hope",
                "Viele Boliviener hoffen auf Boliviens Sieg",
            ),
            ("Fantastic. The best", "Fantastisch. Das Beste"),
            (
                "the Federation of German Industries",
                "die Föderation der deutschen Industrie",
            ),
            ("aid to Rwanda", "Hilfe für Ruanda"),
            ("the West wants", "die Welt will"),
            ("US President Donald Trump", "US-Präsident Donald Trump"),
            ("the Labour Party source", "die Labour-Partei-Quelle"),
            ("Hurricane Rosa's path", "Der Weg des Hurrikans Rosa"),
            ("a Senate panel's hearing", "eine Anhörung des Senats"),
            ("word in the Bible", "Wort in der Bibel"),
            (
                "Communist Party (Bolsheviks)",
                "Kommunistischen Partei (Bolschewiki)",
            ),
        ] {
            assert!(spans(&EntityMismatch, src, tgt).is_empty(), "{src} → {tgt}");
        }
    }

    #[test]
    fn flags_missing_entities_on_the_source_side() {
        assert_eq!(
            spans(
                &EntityMismatch,
                "See https://example.org/a for more.",
                "Mehr dazu hier."
            ),
            vec!["https://example.org/a"]
        );
        assert_eq!(
            spans(
                &EntityMismatch,
                "Hello {name}, you have %d messages",
                "Hallo, Sie haben Nachrichten"
            ),
            vec!["{name}", "%d"]
        );
        assert_eq!(
            spans(&EntityMismatch, "Click <b>here</b>.", "Klicken Sie hier."),
            vec!["<b>", "</b>"]
        );
        assert_eq!(
            spans(
                &EntityMismatch,
                "Not even Elizabeth Warren proposes a ban.",
                "Nicht einmal die Senatorin schlägt ein Verbot vor."
            ),
            vec!["Elizabeth Warren"]
        );
        let found = run(
            &EntityMismatch,
            "a podcast with Lex Fridman",
            "ein Podcast mit Lex Friedman",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Friedman");
    }

    #[test]
    fn carried_over_entities_are_fine() {
        for (s, t) in [
            (
                "Not even Elizabeth Warren proposes it.",
                "Nicht einmal Elizabeth Warren schlägt es vor.",
            ),
            (
                "a podcast with Lex Fridman",
                "in einem Podcast mit Lex Fridman",
            ),
            (
                "Queen Elizabeth visited Macedonia's Slavic north.",
                "Königin Elisabeth besuchte den slawischen Norden Mazedoniens.",
            ),
            (
                "the Pacific Ocean near The Hague",
                "der Pazifische Ozean bei Den Haag",
            ),
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
                "Pope Francis visited Dublin.",
                "Papst Franziskus besuchte Dublin.",
            ),
            (
                "in Formula 1 and the F1 season",
                "in der Formel 1 und der Saison",
            ),
            ("50% of people", "50 % der Menschen"),
            (
                "the Baton Rouge Police Department said",
                "sagte die Polizei von Baton Rouge",
            ),
            (
                "Johnny English Strikes Again Review Of Rowan Atkinson",
                "Johnny English – Rezension",
            ),
            ("The Supreme Court ruled.", "Das Oberste Gericht entschied."),
            (
                "the Founding Fathers and the Iron Curtain",
                "die Gründerväter und der Eiserne Vorhang",
            ),
            ("the Ottoman Empire fell", "das Osmanische Reich zerfiel"),
            ("Elizabeth Warren said so.", "Das sagte Elizabeth Warren."),
            ("a 3D printer with 5G", "ein 3D-Drucker mit 5G"),
        ] {
            assert!(spans(&EntityMismatch, s, t).is_empty(), "{s} → {t}");
        }
    }
}
