use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::checks::tokens::{TokenKind, tokenize};
use crate::checks::{Check, Finding, PairView, Rule};
use crate::declare_check;
use crate::model::{Severity, Side};

declare_check! {
    /// Catches entities that the translation must carry over unchanged but did not:
    /// @handles, #hashtags, URLs, e-mail addresses, bill and product codes ("A8132",
    /// "SHA-256", "COVID-19"), placeholders ("{name}", "{{x}}", "%s", "%1$s") and inline tags
    /// ("<b>…</b>") that are changed or missing in the German, and multi-word proper names of
    /// the English ("Elizabeth Warren", "Lex Fridman") that are missing from the German.
    ///
    /// Why: a misspelled handle or a changed bill number points the reader to the wrong
    /// person or document; a broken placeholder or tag breaks the software that shows the
    /// text; a dropped name changes who said or did what.
    ///
    /// Example: "Guillaume Verdon, the man behind @BasedBeffJezos" → "… hinter dem
    /// Pseudonym @BasedBeffJesos": the span "@BasedBeffJesos" is flagged with
    /// "@BasedBeffJezos" as suggestion. An entity with no counterpart at all is flagged on the
    /// source side.
    ///
    /// Not flagged: entities written with other case or hyphenation in German compounds
    /// ("COVID-19" ↔ "Covid-19-Pandemie", "SHA-256" ↔ "SHA-256-Hashing-Algorithmus"); names
    /// that German inflects, compounds or adapts ("New York" ↔ "New Yorker", "Warren" ↔
    /// "Warrens", "Pope Francis" ↔ "Papst Franziskus"); titles and common words ("Police
    /// Department", "Supreme Court"); names that start the sentence and headlines in title
    /// case; "50 %" (not a placeholder). A missing hashtag or an added URL is only a warning
    /// (hashtags and links are sometimes localised).
    pub struct EntityMismatch {
        code: "MT010",
        name: "entity-mismatch",
        severity: Error,
        summary: "A handle, hashtag, URL, e-mail, code, placeholder, tag or name differs or is missing",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    let push = |kind: Kind, span: Range<usize>, out: &mut Vec<Ent>| {
        if !out.iter().any(|e| overlaps(&e.span, &span)) {
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
        for (k, t) in toks.iter().enumerate() {
            let name_like = t.kind == TokenKind::Word
                && t.is_capitalised()
                && t.text.chars().skip(1).any(char::is_lowercase)
                && t.text
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '’');
            // Sentence-initial words (after the start, a quote, a colon) are capitalised anyway.
            let initial = toks[..k]
                .iter()
                .rev()
                .find(|p| !matches!(p.text, "\"" | "'" | "“" | "‘" | "(" | "["))
                .is_none_or(|p| matches!(p.text, "." | "!" | "?" | ":" | "—" | "–" | "-"));
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

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
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
            let mut f = Finding::new(
                &Self::RULE,
                Side::Source,
                e.span.clone(),
                format!("the {} '{text}' is missing from the German", e.kind.label()),
            );
            if e.kind == Kind::Hashtag {
                f = f.with_severity(Severity::Warning);
            }
            out.push(f);
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
            let mut finding = Finding::target(
                &Self::RULE,
                f.span.clone(),
                format!("{} '{ft}' is not in the English", f.kind.label()),
            );
            if f.kind == Kind::Url || f.kind == Kind::Email {
                finding = finding.with_severity(Severity::Warning);
            }
            out.push(finding);
        }

        // Multi-word proper names.
        let sentences = if pair.source_sentences.is_empty() {
            std::iter::once(0..s.len()).collect()
        } else {
            pair.source_sentences.clone()
        };
        let names = source_names(s, &sentences);
        if names.is_empty() {
            return;
        }
        let target_toks = tokenize(t);
        // Canonical forms of the German words, for `name_present`.
        let target_words: Vec<String> = target_toks
            .iter()
            .filter(|w| w.is_word())
            .map(|w| canonical(w.text))
            .collect();
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
                out.push(Finding::new(
                    &Self::RULE,
                    Side::Source,
                    span.clone(),
                    format!("the name '{}' is missing from the German", &s[span]),
                ));
            }
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
