use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::checks::analysis::Lowered;
use crate::checks::entities::{compare, is_bulk, overlaps};
use crate::checks::text::{TwoByteSet, all_ascii_letters, with_lower};
use crate::checks::tokens::{Token, TokenKind, tokenize};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::{Severity, Side};

declare_check! {
    /// ## What it catches
    ///
    /// Proper names of the English — places, countries, peoples, languages, people — that are
    /// replaced, missing or changed in the German. A country, city, language or nationality of
    /// the English whose German rendering is absent while the German names a *different* one
    /// ("Israel" → "Frankreich", "UK" → "französischen") is an error, and so is a person's
    /// full name of the English replaced by another full name ("Martin Wolf" → "Stuart
    /// Appleton": none of the English name's words in the German, and one run of capitalised
    /// words there that the English lacks, neither German nouns nor after an article), and so
    /// is a single name of the English outside the table replaced by a country or city of the
    /// table that nothing in the English accounts for ("the Bush administration" → "die
    /// Regierung in Deutschland", "in Helsinki" → "in Zürich"), and a German party, federal
    /// state, city, institution or politician that the English names in none of its forms
    /// ("Greece" → "VW", "Russia" → "Hamburg", "the eurozone" → "die FDP"; a hand list,
    /// `data/de_only_names.tsv`, with the English forms that account for each), and an
    /// organisation of the English — a central bank, an international body, an institution,
    /// a big bank or company — whose German forms are all absent while the German names
    /// *another* organisation of the list ("the Fed" → "die Europäische Union", "the SEC" →
    /// "die Deutsche Bank", "Merrill Lynch" → "JPMorgan", "the European Union and the IMF" →
    /// "die EU-Kommission"). A place that is absent with nothing in its place, a multi-word name the German lacks ("Elizabeth Warren") and a
    /// single name spelled differently ("Denver" → "Depver") are warnings. Until the split of
    /// entity-mismatch these findings had the code MT010.
    ///
    /// ## Why it matters
    ///
    /// A swapped place or nationality changes what the sentence says while the German stays
    /// fluent; a dropped or changed name changes who said or did what.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: Israel has long opposed the deal.
    /// de: Frankreich lehnt das Abkommen seit langem ab.
    ///     ^^^^^^^^^^ suggestion: "Israel"
    /// ```
    ///
    /// ## How it decides
    ///
    /// Places come from an English ↔ German table generated from Unicode CLDR
    /// (`scripts/cldr-names.py` → `data/place_names.tsv`: countries, regions, languages,
    /// cities) plus a hand list (`data/place_names_extra.tsv`: demonyms and adjectives with
    /// their German inflection, cities, organisations, transliterated names). A place counts
    /// as rendered when any German form of it, or of a place of the same country, stands in
    /// the German ("Moskau" for "Russia", "französischen" for "France"); a region or
    /// organisation in the German is taken as the swap only when it lies on none of the
    /// English country's continents ("EU" for "China", "Osteuropa" for "India", "Nato" for
    /// "Russia"; continents from the IANA time zone table, `scripts/country-continents.sh`),
    /// never when it is a wider term on the same continent ("Eurozone" for "Spain").
    /// Organisations come from a hand list (`data/org_names.tsv`): English forms matched with
    /// their case ("Fed", "IMF", "World Bank"), German forms that name the one organisation
    /// ("IWF", "Weltbank", "EZB", "US-Notenbank", "Weißes Haus"; hyphenated compounds count:
    /// "EU-Kommission" names the Commission and contains "EU") and generic renderings several
    /// share ("Notenbank", "Zentralbank", "Kommission", "Union"), which account for an
    /// organisation of the English but are never evidence of another, and not at all inside
    /// another's form ("Zentralbank" in "Europäische Zentralbank" is the ECB, not the Fed).
    ///
    /// ## Not flagged
    ///
    /// German exonyms and transliterations ("Irak", "Teheran", "Moskau", "Hisbollah",
    /// "Qaida", "Gaddafi" for "Ghaddafi", "Erdogan" for "Erdoğan"); names that German
    /// inflects, compounds or adapts ("New York" ↔ "New Yorker", "Warren" ↔ "Warrens", "Pope
    /// Francis" ↔ "Papst Franziskus"); titles and common words ("Police Department", "Supreme
    /// Court"); headlines in title case; a name inside an entity that entity-mismatch (MT010)
    /// already flagged. An organisation rendered by a generic word ("the BoJ" → "die
    /// japanische Notenbank"), kept in English ("Federal Reserve"), named in the English in
    /// another case ("congress" → "Kongress"), or dropped with no other organisation in its
    /// place; an organisation the translator adds while the English one is rendered ("The
    /// Federal Reserve" → "Die Federal Reserve, die US-Notenbank"). The WTO rendered as the
    /// WHO is flagged: it is a swap even in a professional translation.
    pub struct NameMismatch {
        code: "MT020",
        name: "name-mismatch",
        severity: Error,
        summary: "A place, nationality or person of the English replaced, missing or misspelt in the German",
    }
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
static FREQUENT: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    include_str!("data/en_common.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .chain(COMMON.iter().copied())
        .collect()
});

/// Whether a word, lower-cased, is a frequent English word (or one with an -s).
fn is_common_lower(lw: &str) -> bool {
    FREQUENT.contains(lw)
        || lw
            .strip_suffix('s')
            .is_some_and(|stem| stem.len() >= 3 && FREQUENT.contains(stem))
}

/// A multi-word proper name in the English: its distinctive words (byte ranges). `tokens`:
/// the tokens of the whole `text` ([`tokenize`]).
fn source_names(
    text: &str,
    tokens: &[Token<'_>],
    lower: &Lowered,
    sentences: &[Range<usize>],
) -> Vec<Vec<Range<usize>>> {
    let mut names = Vec::new();
    // The tokens of the run of name-like words so far (always consecutive: a token that does
    // not extend the run ends it).
    let mut run: Range<usize> = 0..0;
    for s in sentences {
        let local = sentence_tokens(text, tokens, s.clone());
        let toks: &[Token<'_>] = &local;
        let (mut words, mut caps) = (0, 0);
        for t in toks.iter().filter(|t| t.kind == TokenKind::Word) {
            words += 1;
            caps += usize::from(t.is_capitalised());
        }
        // Headlines in title case are not names.
        if words >= 4 && caps * 10 >= words * 6 {
            continue;
        }
        let flush = |run: &mut Range<usize>, names: &mut Vec<Vec<Range<usize>>>| {
            if run.len() >= 2 {
                let distinctive: Vec<Range<usize>> = toks[run.clone()]
                    .iter()
                    .filter(|t| {
                        let w = strip_possessive(t.text);
                        let lw = lower.of_range(text, t.range.start..t.range.start + w.len());
                        !is_common_lower(&lw) && w.chars().count() >= 3
                    })
                    .map(|t| {
                        let len = strip_possessive(t.text).len();
                        t.range.start..t.range.start + len
                    })
                    .collect();
                if !distinctive.is_empty() {
                    names.push(distinctive);
                }
            }
            *run = 0..0;
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
            let candidate = name_like
                && !last_plain
                    .map(|p| &toks[p])
                    .is_none_or(|p| matches!(p.text, "." | "!" | "?" | ":" | "—" | "–" | "-"));
            if !matches!(t.text, "\"" | "'" | "“" | "‘" | "(" | "[") {
                last_plain = Some(k);
            }
            let adjacent =
                || !run.is_empty() && text[toks[run.end - 1].range.end..t.range.start] == *" ";
            if candidate && (run.is_empty() || adjacent()) {
                if run.is_empty() {
                    run = k..k + 1;
                } else {
                    run.end = k + 1;
                }
            } else {
                flush(&mut run, &mut names);
                if candidate {
                    run = k..k + 1;
                }
            }
        }
        flush(&mut run, &mut names);
    }
    names
}

/// The tokens of the sentence `range` of `text`, with their ranges in `text`: the ones of
/// `tokens` (the whole text's) inside it, or, where a token of the whole text crosses a
/// sentence edge, the sentence tokenised alone.
fn sentence_tokens<'t, 'a>(
    text: &'a str,
    tokens: &'t [Token<'a>],
    range: Range<usize>,
) -> std::borrow::Cow<'t, [Token<'a>]> {
    let first = tokens.partition_point(|t| t.range.end <= range.start);
    let end = tokens.partition_point(|t| t.range.start < range.end);
    let inside = &tokens[first..end.max(first)];
    let crosses = inside.first().is_some_and(|t| t.range.start < range.start)
        || inside.last().is_some_and(|t| t.range.end > range.end);
    if !crosses {
        return std::borrow::Cow::Borrowed(inside);
    }
    let sent = &text[range.clone()];
    std::borrow::Cow::Owned(
        tokenize(sent)
            .into_iter()
            .map(|t| {
                let r = range.start + t.range.start..range.start + t.range.end;
                Token {
                    text: &text[r.clone()],
                    range: r,
                    kind: t.kind,
                }
            })
            .collect(),
    )
}

/// Whether a name word is present in the German: as a word start ("Warren" in "Warrens",
/// "York" in "New Yorker"), or adapted with the same first letters ("Franziskus").
fn name_present(word: &str, target_words: &TargetWords<'_>) -> bool {
    with_canonical(word, |lw| name_present_as(word, lw, target_words))
}

/// [`name_present`] of `word`, whose canonical form is `lw`.
fn name_present_as(word: &str, lw: &str, target_words: &TargetWords<'_>) -> bool {
    let take = if lw.chars().count() <= 5 { 3 } else { 4 };
    let prefix = &lw[..lw.char_indices().nth(take).map_or(lw.len(), |(i, _)| i)];
    // `str::contains` sets up a searcher for the needle on every call: compare bytes instead
    // (the words are short).
    let needle = lw.as_bytes();
    if needle.is_empty() {
        return true;
    }
    // A German word equal to the name has its canonical form (most names are carried over).
    // (A word without a letter that the prefix's letters come from has neither the prefix
    // nor the name in its canonical form: most words, whose canonical form is not made.)
    // The letters each byte of the prefix may come from, found once (a prefix of up to four
    // chars has up to 16 bytes).
    let mut origins = [0u32; 16];
    let n = prefix.len().min(origins.len());
    for (o, x) in origins.iter_mut().zip(prefix.bytes()) {
        *o = letter_origins(x);
    }
    let origins = &origins[..n];
    target_words.words.contains(&word)
        || (0..target_words.words.len()).any(|i| {
            let letters = target_words.letters()[i];
            origins.iter().all(|&o| letters & o != 0)
                && target_words.canonical(i, |lt| {
                    lt.starts_with(prefix)
                        || (lt.len() >= needle.len()
                            && lt
                                .as_bytes()
                                .windows(needle.len())
                                .any(|x| x[0] == needle[0] && x == needle))
                })
        })
}

/// Canonical forms ([`canonical`]) of a list of words, each computed on first use.
#[derive(Default)]
struct CanonCache {
    /// The forms one after the other, and the byte range of word `i`'s (`None` until
    /// computed).
    forms: std::cell::RefCell<(String, Vec<FormAt>)>,
}

/// Where a canonical form stands in [`CanonCache`]'s buffer.
type FormAt = Option<(u32, u32)>;

impl CanonCache {
    /// Call `f` with the canonical form of `w`, word `i` of a list of `n`.
    fn with<R>(&self, i: usize, n: usize, w: &str, f: impl FnOnce(&str) -> R) -> R {
        let mut forms = self.forms.borrow_mut();
        let (buf, at) = &mut *forms;
        if at.len() < n {
            at.resize(n, None);
            // Room for the forms of words of 8 bytes, most without a second allocation.
            buf.reserve(n * 8);
        }
        let (start, end) = match at[i] {
            Some(range) => range,
            None => {
                let start = buf.len();
                push_canonical(w, buf);
                // (A pair is at most `MAX_NAME_PAIR` bytes: the offsets fit in u32.)
                let range = (
                    u32::try_from(start).unwrap_or(0),
                    u32::try_from(buf.len()).unwrap_or(0),
                );
                at[i] = Some(range);
                range
            }
        };
        f(&buf[start as usize..end as usize])
    }
}

/// The German word tokens, for [`name_present`], with their canonical forms.
struct TargetWords<'w> {
    words: Vec<&'w str>,
    /// [`letter_mask`] of each word (made when a name is not among the words as it is).
    letters: OnceCell<Vec<u32>>,
    canon: CanonCache,
    /// [`name_present`] of English words by their byte range ([`TargetWords::has_name`]).
    present: std::cell::RefCell<Vec<(Range<usize>, bool)>>,
}

impl<'w> TargetWords<'w> {
    fn new(words: Vec<&'w str>) -> Self {
        TargetWords {
            words,
            letters: OnceCell::new(),
            canon: CanonCache::default(),
            present: std::cell::RefCell::default(),
        }
    }

    /// [`name_present`] of the English word `s[r]`, worked out once a pair: the words of a
    /// multi-word name are asked for by [`replaced_person`], the missing-name check and
    /// [`name_for_place`].
    fn has_name(&self, s: &str, r: &Range<usize>) -> bool {
        if let Some(&(_, known)) = self.present.borrow().iter().find(|(q, _)| q == r) {
            return known;
        }
        let present = name_present(&s[r.clone()], self);
        self.present.borrow_mut().push((r.clone(), present));
        present
    }

    fn letters(&self) -> &[u32] {
        self.letters
            .get_or_init(|| self.words.iter().map(|w| letter_mask(w)).collect())
    }
}

/// The ASCII letters of a word, one bit each (`a` bit 0), capitals as their small letter;
/// every bit for a word with a char beyond ASCII (its lower case may be any letter).
fn letter_mask(w: &str) -> u32 {
    let mut m = 0u32;
    for &b in w.as_bytes() {
        if !b.is_ascii() {
            return u32::MAX;
        }
        // (Only the letters OR 0x20 fall in a..=z.)
        let l = b | 0x20;
        if l.is_ascii_lowercase() {
            m |= 1 << (l - b'a');
        }
    }
    m
}

/// The letters ([`letter_mask`]) that byte `x` of a [`canonical`] form may come from:
/// "s" from s, z, soft c ("sch", "sh" keep the s), "k" from k and c, "f" from f and "ph",
/// "v" from w, "i" from y, another ASCII letter from itself; any for another byte.
fn letter_origins(x: u8) -> u32 {
    let bit = |c: u8| 1u32 << (c - b'a');
    match x {
        b's' => bit(b's') | bit(b'z') | bit(b'c'),
        b'k' => bit(b'k') | bit(b'c'),
        b'f' => bit(b'f') | bit(b'p'),
        b'v' => bit(b'v') | bit(b'w'),
        b'i' => bit(b'i') | bit(b'y'),
        b'a'..=b'z' => bit(x),
        _ => u32::MAX,
    }
}

impl TargetWords<'_> {
    fn canonical<R>(&self, i: usize, f: impl FnOnce(&str) -> R) -> R {
        self.canon.with(i, self.words.len(), self.words[i], f)
    }
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
        let mut out = String::with_capacity(w.len());
        push_canonical(w, &mut out);
        out
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

/// The first byte of [`canonical`] of a word whose first two chars are ASCII, from them
/// (`None` for another word, or an empty one): nothing after them changes it.
fn canonical_first_ascii(x: &str) -> Option<u8> {
    let b = x.as_bytes();
    if !b.iter().take(2).all(u8::is_ascii) {
        return None;
    }
    let c0 = b.first()?.to_ascii_lowercase();
    let c1 = b.get(1).map(u8::to_ascii_lowercase);
    Some(match c0 {
        // "ph" → "f"; "sch", "sh", "th", "ck" keep their first letter's canonical form.
        b'p' if c1 == Some(b'h') => b'f',
        b'c' if matches!(c1, Some(b'e' | b'i' | b'y')) => b's',
        b'c' => b'k',
        b'z' => b's',
        b'w' => b'v',
        b'y' => b'i',
        c => c,
    })
}

/// `f` of [`canonical`] of `w`, on the stack for an ASCII word of up to 64 bytes.
fn with_canonical<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut stack = [0u8; 64];
    match canonical_on_stack(w, &mut stack) {
        Some(cw) => f(cw),
        None => f(&canonical(w)),
    }
}

/// [`canonical`] of `w`, made in `stack` for an ASCII word of up to 64 bytes (where the
/// form is needed outside a closure of [`with_canonical`]).
fn canonical_on<'s>(w: &str, stack: &'s mut [u8; 64]) -> std::borrow::Cow<'s, str> {
    match canonical_on_stack(w, stack) {
        Some(cw) => std::borrow::Cow::Borrowed(cw),
        None => std::borrow::Cow::Owned(canonical(w)),
    }
}

/// [`canonical`] of an ASCII word of up to 64 bytes, made in `stack`; `None` for another.
fn canonical_on_stack<'s>(w: &str, stack: &'s mut [u8; 64]) -> Option<&'s str> {
    let b = crate::checks::text::ascii_lower_into(w, stack)?;
    let n = canonical_ascii_in_place(b);
    // ASCII in, ASCII out.
    std::str::from_utf8(&b[..n]).ok()
}

/// [`canonical`] appended to `out` (no temporary string for an ASCII word of up to 64 bytes).
fn push_canonical(w: &str, out: &mut String) {
    let mut stack = [0u8; 64];
    if let Some(cw) = canonical_on_stack(w, &mut stack) {
        out.push_str(cw);
        return;
    }
    // Another word of up to 64 chars, lower-cased char by char (as `str::to_lowercase`,
    // but for a final sigma, which takes the general path).
    let mut chars = ['\0'; 64];
    let mut n = 0;
    for c in w.chars() {
        if c == 'Σ' {
            out.push_str(&canonical_general(w));
            return;
        }
        if c.is_ascii() {
            if n == chars.len() {
                out.push_str(&canonical_general(w));
                return;
            }
            chars[n] = c.to_ascii_lowercase();
            n += 1;
            continue;
        }
        for l in c.to_lowercase() {
            if n == chars.len() {
                out.push_str(&canonical_general(w));
                return;
            }
            chars[n] = l;
            n += 1;
        }
    }
    let len = canonical_chars_in_place(&mut chars[..n]);
    out.reserve(len * 2);
    for &c in &chars[..len] {
        out.push(c);
    }
}

/// [`canonical_general`] of a lower-cased word, in place on its chars (as
/// [`canonical_ascii_in_place`] on bytes): returns the length of the result.
fn canonical_chars_in_place(b: &mut [char]) -> usize {
    canonical_in_place(b, |c| match c {
        'ä' => Some('a'),
        'ö' => Some('o'),
        'ü' => Some('u'),
        _ => None,
    })
}

/// [`canonical`] of an ASCII word, in one buffer: the replacements shrink it in place and
/// the letter mapping works on bytes.
fn canonical_ascii(w: &str) -> String {
    let mut b = w.as_bytes().to_ascii_lowercase();
    let n = canonical_ascii_in_place(&mut b);
    b.truncate(n);
    String::from_utf8(b).unwrap_or_default()
}

/// [`canonical_ascii`] in the buffer `b` (lower-cased ASCII): returns the length of the result, which is
/// `b[..len]`.
fn canonical_ascii_in_place(b: &mut [u8]) -> usize {
    // Most words have none of the replacement patterns (as `canonical_in_place` finds
    // them): the letter mapping alone, byte by byte. (Left to right, so a "c" sees the next
    // letter as it was.)
    let pattern = b
        .windows(2)
        .any(|x| matches!(x, [b's' | b'p' | b't', b'h'] | [b'c', b'k'] | [b'c', b'h']));
    if pattern {
        return canonical_in_place(b, |_| None);
    }
    let n = b.len();
    for i in 0..n {
        b[i] = match b[i] {
            b'c' if matches!(b.get(i + 1), Some(b'e' | b'i' | b'y')) => b's',
            b'c' => b'k',
            b'z' => b's',
            b'w' => b'v',
            b'y' => b'i',
            c => c,
        };
    }
    n
}

/// The replacements and letter mapping of [`canonical`] on a lower-cased word's bytes or
/// chars, in place: returns the length of the result. `other` maps the letters only chars
/// have ("ä" → "a").
fn canonical_in_place<T: Copy + PartialEq + From<u8>>(
    b: &mut [T],
    other: impl Fn(T) -> Option<T>,
) -> usize {
    let l = T::from;
    let mut len = b.len();
    // Most words have none of the patterns (their replacements can make only "sh", from
    // "schh", which has "sch").
    let has_pattern = (1..len).any(|i| {
        let (x, h) = (b[i - 1], b[i]);
        (h == l(b'h') && (x == l(b's') || x == l(b'p') || x == l(b't')))
            || (x == l(b'c') && h == l(b'k'))
            || (x == l(b'c') && h == l(b'h') && i > 1 && b[i - 2] == l(b's'))
    });
    let patterns = if has_pattern { 5 } else { 0 };
    for (from, to) in [
        (&b"sch"[..], b's'),
        (&b"sh"[..], b's'),
        (&b"ph"[..], b'f'),
        (&b"th"[..], b't'),
        (&b"ck"[..], b'k'),
    ]
    .into_iter()
    .take(patterns)
    {
        // (Element by element: a slice comparison per position calls `memcmp`, which costs
        // more than the whole word for patterns of two or three bytes.)
        let at = |b: &[T], r: usize| {
            r + from.len() <= len && from.iter().enumerate().all(|(i, &f)| b[r + i] == l(f))
        };
        if !(0..len).any(|r| at(b, r)) {
            continue;
        }
        // Left to right, non-overlapping, as `str::replace`.
        let (mut r, mut wr) = (0, 0);
        while r < len {
            if at(b, r) {
                b[wr] = l(to);
                r += from.len();
            } else {
                b[wr] = b[r];
                r += 1;
            }
            wr += 1;
        }
        len = wr;
    }
    for i in 0..len {
        let c = b[i];
        b[i] = if c == l(b'c') {
            let soft = i + 1 < len && [b'e', b'i', b'y'].iter().any(|&v| b[i + 1] == l(v));
            l(if soft { b's' } else { b'k' })
        } else if c == l(b'z') {
            l(b's')
        } else if c == l(b'w') {
            l(b'v')
        } else if c == l(b'y') {
            l(b'i')
        } else {
            other(c).unwrap_or(c)
        };
    }
    len
}

/// One entry of the name table: a country, region, language, city, organisation or person,
/// with its English and German forms and the countries it belongs to.
#[derive(Debug)]
struct Place {
    /// `name`: a person's name, whose German renderings only count as present.
    person: bool,
    /// A country, language or city: may stand in the German in place of another (a swap). A
    /// region or organisation in the German may be the translator's addition or a wider or
    /// narrower term ("Ostasien" for "Asia", "UNO" for "UN"), so it is the swap only on
    /// another continent than the English place ([`wider_swap`]).
    swappable: bool,
    /// The continents it lies on: a region's from its UN M49 code, any other entry's from
    /// its countries (`data/country_continents.tsv`); empty when unknown.
    continents: Vec<&'static str>,
    en: Vec<Vec<String>>,
    /// The first German form as written in the table, to suggest.
    display: String,
    /// German forms as lower-case words (an adjective stem's `*` dropped); `upper`: the form
    /// is an acronym matched with its case ("US", "EU").
    de: Vec<(Vec<String>, bool)>,
    countries: Vec<String>,
}

/// The English ↔ German table: `data/place_names.tsv` (generated from CLDR by
/// `scripts/cldr-names.py`) and the hand list `data/place_names_extra.tsv`.
struct Table {
    places: Vec<Place>,
    /// English first word → (words, place).
    /// (FxHash: the keys come from the table, and a look-up of an input word cannot make
    /// the table slow.)
    en: FxHashMap<String, Vec<(Vec<String>, usize)>>,
    /// Lookup key of a German form's first word ([`de_key`]) → (words, upper, place).
    de: FxHashMap<String, Vec<(Vec<String>, bool, usize)>>,
    /// [`start_key`] of every key of `de`: a word whose start is not here matches no form.
    de_starts: FxHashSet<[char; 3]>,
    /// `de_starts` as bits for the starts of letters `a`..=`z` ([`start_index`]): most
    /// German words are found to start like no key without hashing.
    de_start_bits: Box<[u64; 308]>,
    /// Per last byte of a key of `de`, its lengths in bytes (bit `len`): most keys a German
    /// word is looked up under are no key, found without hashing.
    de_tails: Box<[u32; 256]>,
    /// The first two bytes of every key of `en`.
    en_starts: TwoByteSet,
}

impl Table {
    /// Whether `start` is in `de_starts` (by its bit where it has one).
    fn has_start(&self, start: [char; 3]) -> bool {
        match start_index(start) {
            Some(i) => self.de_start_bits[i / 64] & (1 << (i % 64)) != 0,
            None => self.de_starts.contains(&start),
        }
    }
}

/// A start key ([`start_key`]) of the letters `a`..=`z` and `'\0'` as a number below 27³
/// (each char a digit: `'\0'` 0, the letters 1 to 26); `None` for one with another char.
fn start_index(start: [char; 3]) -> Option<usize> {
    let digit = |c: char| match c {
        '\0' => Some(0),
        'a'..='z' => Some(c as usize - 'a' as usize + 1),
        _ => None,
    };
    Some((digit(start[0])? * 27 + digit(start[1])?) * 27 + digit(start[2])?)
}

/// The first three chars of a word, lower-cased (`'\0'` for a missing one): every key a
/// German word is looked up under in [`german_places`] is a prefix of the word, so it starts
/// with them, or is shorter and is them up to its length.
fn start_key(w: &str) -> [char; 3] {
    let b = w.as_bytes();
    if b.iter().take(3).all(u8::is_ascii) {
        // (Fewer than three bytes: the whole word.)
        let mut key = ['\0'; 3];
        for (k, &c) in key.iter_mut().zip(b) {
            *k = char::from(c.to_ascii_lowercase());
        }
        return key;
    }
    let mut it = w.chars().flat_map(char::to_lowercase);
    [
        it.next().unwrap_or('\0'),
        it.next().unwrap_or('\0'),
        it.next().unwrap_or('\0'),
    ]
}

/// The first three chars of a lower-case word (`'\0'` for a missing one): [`start_key`] of
/// the word it is the lower case of.
fn first_three(lower: &str) -> [char; 3] {
    let b = lower.as_bytes();
    if let Some(&[a, b, c]) = b.first_chunk::<3>()
        && [a, b, c].is_ascii()
    {
        return [char::from(a), char::from(b), char::from(c)];
    }
    let mut it = lower.chars();
    [
        it.next().unwrap_or('\0'),
        it.next().unwrap_or('\0'),
        it.next().unwrap_or('\0'),
    ]
}

/// Words of a form: its letter runs ("Saudi-Arabien" → "Saudi", "Arabien").
fn words(form: &str) -> Vec<String> {
    letter_runs(form, 0)
        .into_iter()
        .map(|(w, _)| w.to_string())
        .collect()
}

/// A German form's first word matches a run that starts with it when it has 5 letters or
/// more ("Israel" → "israelischen", "Frankreich" → "Frankreichs"), and the run itself or with
/// an inflection ending otherwise ("Irak" → "Iraks", "Pole" → "Polen"): the key is the first
/// five letters, or the whole word.
fn de_key(w: &str) -> &str {
    let end = w.char_indices().nth(5).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

const DE_ENDINGS_SHORT: &[&str] = &["s", "n", "en", "er", "e", "es", "ern"];

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut places: Vec<Place> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let text = [
        include_str!("data/place_names.tsv"),
        include_str!("data/place_names_extra.tsv"),
    ];
    for line in text.iter().flat_map(|t| t.lines()) {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [kind, id, en, de, rel] = [0, 1, 2, 3, 4].map(|i| cols.get(i).copied().unwrap_or(""));
        let key = format!("{kind}\t{id}");
        let at = *index.entry(key).or_insert_with(|| {
            places.push(Place {
                person: kind == "name",
                swappable: matches!(kind, "country" | "language" | "city"),
                display: de
                    .split('|')
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('*')
                    .to_string(),
                en: Vec::new(),
                de: Vec::new(),
                countries: Vec::new(),
                continents: if kind == "region" {
                    region_continents(id).to_vec()
                } else {
                    Vec::new()
                },
            });
            places.len() - 1
        });
        let p = &mut places[at];
        p.en.extend(en.split('|').filter(|f| !f.is_empty()).map(words));
        for f in de.split('|').filter(|f| !f.is_empty()) {
            let f = f.trim_end_matches('*');
            let upper = f
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            let w: Vec<String> = words(f)
                .into_iter()
                .map(|w| if upper { w } else { w.to_lowercase() })
                .collect();
            if !w.is_empty() {
                p.de.push((w, upper));
            }
        }
        p.countries
            .extend(rel.split_whitespace().map(str::to_string));
    }
    let by_country: FxHashMap<&str, Vec<&'static str>> =
        include_str!("data/country_continents.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(c, cs)| (c, cs.split_whitespace().collect()))
            .collect();
    for p in places.iter_mut().filter(|p| p.continents.is_empty()) {
        for c in &p.countries {
            for &k in by_country.get(c.as_str()).into_iter().flatten() {
                if !p.continents.contains(&k) {
                    p.continents.push(k);
                }
            }
        }
    }
    let mut en: FxHashMap<String, Vec<(Vec<String>, usize)>> = FxHashMap::default();
    let mut de: FxHashMap<String, Vec<(Vec<String>, bool, usize)>> = FxHashMap::default();
    for (i, p) in places.iter().enumerate() {
        for f in &p.en {
            en.entry(f[0].clone()).or_default().push((f.clone(), i));
        }
        for (f, upper) in &p.de {
            de.entry(de_key(&f[0]).to_string())
                .or_default()
                .push((f.clone(), *upper, i));
        }
    }
    let de_starts: FxHashSet<[char; 3]> = de.keys().map(|k| start_key(k)).collect();
    let mut de_start_bits = Box::new([0u64; 308]);
    for i in de_starts.iter().filter_map(|&k| start_index(k)) {
        de_start_bits[i / 64] |= 1 << (i % 64);
    }
    let mut de_tails = Box::new([0u32; 256]);
    for k in de.keys().filter(|k| k.len() < 32) {
        if let Some(&b) = k.as_bytes().last() {
            de_tails[usize::from(b)] |= 1 << k.len();
        }
    }
    let en_starts = TwoByteSet::of(en.keys().map(String::as_str));
    Table {
        places,
        en,
        de,
        de_starts,
        de_start_bits,
        de_tails,
        en_starts,
    }
});

/// A place of the table named in a text: which (every entry that has this form: "Amerika"
/// is America and the United States), and the byte range of the words naming it.
#[derive(Debug, Clone)]
struct Named {
    places: Vec<usize>,
    span: Range<usize>,
}

/// Whether a German word `run` (as in the text) is the German form word `w`.
fn de_word_matches(run: &str, w: &str, upper: bool) -> bool {
    if upper {
        return run == w || run.strip_suffix('s') == Some(w);
    }
    with_lower(run, |run| de_lower_matches(run, w))
}

/// [`de_word_matches`] of a lower-case form word `w` and a run already lower-cased.
fn de_lower_matches(run: &str, w: &str) -> bool {
    if w.chars().count() >= 5 {
        run.starts_with(w)
    } else {
        run == w
            || run
                .strip_prefix(w)
                .is_some_and(|rest| DE_ENDINGS_SHORT.contains(&rest))
    }
}

/// The places of the table named in the English `runs` (letter runs of the words): capitalised
/// words that spell an English form, the longest form first.
fn english_places(s: &str, runs: &[(&str, Range<usize>)]) -> Vec<Named> {
    let table = &*TABLE;
    let mut out = Vec::new();
    let mut k = 0;
    while k < runs.len() {
        let (w, _) = &runs[k];
        // Only a capitalised word starts a place.
        if !w.chars().next().is_some_and(char::is_uppercase) {
            k += 1;
            continue;
        }
        let mut best: (usize, Vec<usize>) = (0, Vec::new());
        // "PARIS" in a dateline is "Paris".
        let same = |run: &str, fw: &str| {
            run == fw
                || (run.chars().count() >= 3
                    && run.chars().all(char::is_uppercase)
                    && run.to_lowercase() == fw.to_lowercase())
        };
        // (Most capitalised words start like no form, nor does their title-case form: a bit
        // test on the first two bytes, the second also lower-cased.)
        let b = w.as_bytes();
        let b1 = b.get(1).copied().unwrap_or(0);
        if b1.is_ascii()
            && !table.en_starts.has_bytes(b[0], b1)
            && !table.en_starts.has_bytes(b[0], b1.to_ascii_lowercase())
        {
            k += 1;
            continue;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            // The title-case form, looked up too when it is another string ("PARIS").
            let title: Option<String> = w.chars().skip(1).any(char::is_uppercase).then(|| {
                w.chars()
                    .take(1)
                    .chain(w.chars().skip(1).flat_map(char::to_lowercase))
                    .collect()
            });
            let forms = table.en.get(*w).into_iter().flatten();
            let titled = title.as_deref().and_then(|t| table.en.get(t));
            let forms = forms.chain(titled.into_iter().flatten());
            for (form, place) in forms {
                let fits = |_: usize, run: &str, fw: &str| same(run, fw);
                consider(&mut best, s, runs, k, form, *place, &[" ", "-", "."], fits);
            }
        }
        k = take(&mut out, runs, k, best);
    }
    out
}

/// Keep `form` (naming `place`) in `best` when it matches the runs from `k` on (each word by
/// `word_fits(i, run, form word i)`, the gaps between them one of `gaps`) and is at least as long
/// as the best so far; a longer one replaces the places kept.
#[allow(clippy::too_many_arguments)]
fn consider(
    best: &mut (usize, Vec<usize>),
    text: &str,
    runs: &[(&str, Range<usize>)],
    k: usize,
    form: &[String],
    place: usize,
    gaps: &[&str],
    word_fits: impl Fn(usize, &str, &str) -> bool,
) {
    let fits = form.len() >= best.0
        && k + form.len() <= runs.len()
        && form.iter().enumerate().all(|(i, fw)| {
            word_fits(i, runs[k + i].0, fw)
                && (i == 0
                    || text
                        .get(runs[k + i - 1].1.end..runs[k + i].1.start)
                        .is_some_and(|g| gaps.contains(&g)))
        });
    if fits {
        if form.len() > best.0 {
            *best = (form.len(), Vec::new());
        }
        if !best.1.contains(&place) {
            best.1.push(place);
        }
    }
}

/// Record the best match at run `k` (if any) and return the run to look at next.
fn take(
    out: &mut Vec<Named>,
    runs: &[(&str, Range<usize>)],
    k: usize,
    (n, places): (usize, Vec<usize>),
) -> usize {
    if n == 0 {
        return k + 1;
    }
    out.push(Named {
        places,
        span: runs[k].1.start..runs[k + n - 1].1.end,
    });
    k + n
}

/// The places of the table named in the German `runs`.
fn german_places(t: &str, lowered: &Lowered, runs: &[(&str, Range<usize>)]) -> Vec<Named> {
    let table = &*TABLE;
    let mut out = Vec::new();
    let mut k = 0;
    while k < runs.len() {
        let (w, r) = &runs[k];
        let lower = lowered.of_range(t, r.clone());
        // Most words start like no German form of the table: skip them without building
        // their look-up keys. (The first chars of the run lower-cased, where the whole text
        // is, are those of `start_key`.)
        let start = if lowered.whole().is_some() {
            first_three(&lower)
        } else {
            start_key(w)
        };
        // (Keys of one or two chars are looked up only for a word of up to five: the key with
        // an ending of up to three letters. Every key of a longer word has three or more.)
        let short = || w.len() <= 5 || !w.is_ascii() && w.chars().nth(5).is_none();
        if !table.has_start(start)
            && (!short()
                || !table.has_start([start[0], start[1], '\0'])
                    && !table.has_start([start[0], '\0', '\0']))
        {
            k += 1;
            continue;
        }
        let mut best: (usize, Vec<usize>) = (0, Vec::new());
        {
            let lower = &*lower;
            // The key of the form's first word: the run's first five letters, or the run
            // itself without an inflection ending. (The order of the look-ups and a key
            // looked up twice change nothing: `best` keeps the longest forms' places. Every
            // key has at most five chars.)
            let mut look = |key: &str| {
                // (No key ends with this byte at this length: not hashed.)
                let tail = key
                    .as_bytes()
                    .last()
                    .map_or(0, |&b| table.de_tails[usize::from(b)]);
                if key.len() >= 32
                    || tail & (1 << key.len()) == 0
                    || key.len() > 5 && key.chars().nth(5).is_some()
                {
                    return;
                }
                for (form, upper, place) in table.de.get(key).into_iter().flatten() {
                    // (The first word is run `k`, lower-cased once above.)
                    let fits = |i: usize, run: &str, fw: &str| {
                        if i == 0 && !*upper {
                            de_lower_matches(lower, fw)
                        } else if *upper {
                            de_word_matches(run, fw, true)
                        } else {
                            de_lower_matches(&lowered.of_range(t, runs[k + i].1.clone()), fw)
                        }
                    };
                    consider(&mut best, t, runs, k, form, *place, &[" ", "-"], fits);
                }
            };
            let key = de_key(lower);
            look(key);
            // (The word itself is that key when it is lower case and short.)
            if *w != key {
                look(w);
            }
            for e in DE_ENDINGS_SHORT {
                if let Some(key) = lower.strip_suffix(e) {
                    look(key);
                }
            }
            if let Some(key) = w.strip_suffix('s') {
                look(key);
            }
        }
        k = take(&mut out, runs, k, best);
    }
    out
}

/// Whether two names of the table may stand for the same thing: one entry in common, or
/// entries that share a country ("Frankreich" for "French", "Moskau" for "Russia").
fn related(a: &Named, b: &Named) -> bool {
    let t = &*TABLE;
    a.places.iter().any(|&x| {
        b.places.iter().any(|&y| {
            x == y
                || t.places[x]
                    .countries
                    .iter()
                    .any(|c| t.places[y].countries.contains(c))
        })
    })
}

/// The continents of a region of the table by its id (UN M49 code, or the hand list's
/// `EU`, `EZ`, `ME`, `ENG`); none for the UN or an unknown id.
fn region_continents(id: &str) -> &'static [&'static str] {
    match id {
        "002" | "011" | "014" | "015" | "017" | "018" | "202" => &["Africa"],
        "003" | "005" | "013" | "019" | "021" | "029" | "419" => &["America"],
        "030" | "034" | "035" | "142" | "143" | "145" => &["Asia"],
        "ME" => &["Asia", "Africa"],
        "039" | "150" | "151" | "154" | "155" | "EU" | "EZ" | "ENG" => &["Europe"],
        "009" | "053" | "054" | "057" | "061" => &["Oceania"],
        _ => &[],
    }
}

/// Whether the German name `h` — a region or organisation, or a form that is also one
/// ("Amerika") — stands in place of the English country, city or language `g`: it lies on
/// none of `g`'s continents ("EU" for "China", "Osteuropa" for "India", "Nato" for "Russia").
/// A wider term on the same continent ("Eurozone" for "Spain", "Nahost" for "Israel") is a
/// translator's generalisation, and a place of unknown continent is not judged.
fn wider_swap(g: &Named, h: &Named) -> bool {
    let places = &TABLE.places;
    if !g.places.iter().all(|&p| places[p].swappable) || h.places.iter().any(|&p| places[p].person)
    {
        return false;
    }
    let on = |n: &Named| -> Vec<&'static str> {
        n.places
            .iter()
            .flat_map(|&p| places[p].continents.iter().copied())
            .collect()
    };
    let (a, b) = (on(g), on(h));
    !a.is_empty() && !a.iter().any(|c| b.contains(c))
}

/// A German form to suggest for a place (the first of the table).
fn german_form(place: usize) -> String {
    TABLE.places[place].display.clone()
}

impl Check for NameMismatch {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        if pair.source.trim().is_empty() || pair.target.trim().is_empty() {
            return;
        }
        let (s, t) = (pair.source, pair.target);
        // This rule's findings start here.
        let own = out.len();
        // A pair with thousands of entities (hostile input, a 20 MB line) is compared in
        // bulk by the entity layer, without names.
        if is_bulk(s, t) {
            return;
        }
        // Multi-word proper names.
        let whole = 0..s.len();
        let whole = std::slice::from_ref(&whole);
        let sentences: &[Range<usize>] = if pair.source_sentences.is_empty() {
            whole
        } else {
            &pair.source_sentences
        };
        let (s_low, t_low) = (pair.analysis.source_lower(), pair.analysis.target_lower());
        let names = source_names(s, pair.analysis.source_tokens(), s_low, sentences);
        // Beyond sentence size (a 20 MB line) the name comparisons cost memory and, name
        // word by target word, quadratic time.
        if s.len() > MAX_NAME_PAIR || t.len() > MAX_NAME_PAIR {
            return;
        }
        let target_toks = pair.analysis.target_tokens();
        // Canonical forms of the German words, for `name_present` (only a pair whose English
        // has a name needs them).
        let target_words = TargetWords::new(if names.is_empty() {
            Vec::new()
        } else {
            // (Sized once: collected from a filter, the list would grow three or four times.)
            let mut words = Vec::with_capacity(target_toks.len());
            words.extend(target_toks.iter().filter(|w| w.is_word()).map(|w| w.text));
            words
        });
        // A person replaced by another is one error, not also a "missing" warning on the
        // English name (which the suggestion names).
        let replaced = replaced_person(
            s,
            s_low,
            t,
            &names,
            pair.analysis.source_tokens(),
            target_toks,
            &target_words,
        );
        let replaced_name = replaced.as_ref().and_then(|f| f.suggestion.clone());
        out.extend(replaced);
        // Places, languages and peoples of the table, on both sides. The German side's are
        // needed only when the English names one, or when a single name of the English has a
        // near miss in the German (`single_names`): most pairs need neither, and the German
        // runs and places are built on first use.
        let source_runs = runs_of(pair.analysis.source_tokens());
        let german = German::new(t, target_toks, t_low);
        let in_source = english_places(s, &source_runs);
        if !in_source.is_empty() {
            place_findings(s, t, t_low, &in_source, &german, out);
        }
        // English places whose own German form stands in the German: not compared letter
        // by letter ("Irak" for "Iraq"); one that is absent still is ("Pyangyang").
        // (Found on the first question about a range that overlaps a place of the English:
        // the German places are not needed for the others.)
        let covered_s: OnceCell<Vec<Range<usize>>> = OnceCell::new();
        let covered = |r: &Range<usize>| {
            in_source.iter().any(|g| overlaps(&g.span, r))
                && covered_s
                    .get_or_init(|| {
                        in_source
                            .iter()
                            .filter(|g| {
                                german
                                    .places()
                                    .iter()
                                    .any(|h| h.places.iter().any(|p| g.places.contains(p)))
                            })
                            .map(|n| n.span.clone())
                            .collect()
                    })
                    .iter()
                    .any(|c| overlaps(c, r))
        };
        let names: Vec<Vec<Range<usize>>> = names
            .into_iter()
            .map(|name| name.into_iter().filter(|r| !covered(r)).collect::<Vec<_>>())
            .filter(|name| !name.is_empty())
            .collect();
        for name in names {
            let missing: Vec<&Range<usize>> = name
                .iter()
                .filter(|r| !target_words.has_name(s, r))
                .collect();
            // A name word spelled differently ("Rady" → "Rati", "Fridman" → "Friedman").
            let mut misspelled = false;
            for r in &missing {
                let word = &s[(*r).clone()];
                let mut stack = [0u8; 64];
                let cw = canonical_on(word, &mut stack);
                let first = word.chars().next();
                // `target_words` holds the canonical forms of the German words in order.
                let near = target_toks
                    .iter()
                    .filter(|w| w.is_word())
                    .enumerate()
                    .filter(|(_, w)| w.is_capitalised() && w.text.chars().next() == first)
                    .map(|(i, w)| {
                        (
                            w,
                            target_words
                                .canonical(i, |cx| strsim::normalized_damerau_levenshtein(&cw, cx)),
                        )
                    })
                    .filter(|(_, sim)| *sim >= 0.7)
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                if let Some((w, _)) = near {
                    misspelled = true;
                    out.push(
                        Finding::target(
                            &Self::RULE,
                            w.range.clone(),
                            format!("the name '{}' is spelled '{word}' in the English", w.text),
                        )
                        .with_suggestion(word)
                        .with_severity(Severity::Warning),
                    );
                }
            }
            // Only names of two distinctive words count as missing ("Elizabeth Warren", not
            // "Pacific Ocean", whose German form may differ).
            if !misspelled && name.len() >= 2 && missing.len() == name.len() {
                let span = name[0].start..name[name.len() - 1].end;
                if replaced_name.as_deref() == Some(&s[span.clone()]) {
                    continue;
                }
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
            single_names(s, s_low, &source_runs, &german, out, own, &covered);
            if out.len() == own {
                name_for_place(
                    s,
                    s_low,
                    &source_runs,
                    &in_source,
                    &german,
                    &target_words,
                    out,
                );
            }
            org_findings(s, &source_runs, &german, out, own);
            german_only_names(s, &german, out, own);
        }
        give_runs(source_runs);
        if let Some(runs) = german.runs.into_inner() {
            give_runs(runs);
        }
    }
}

/// German proper names an English text names only in its own words (`data/de_only_names.tsv`):
/// German form (one letter run) → the English forms that account for it, lower-cased.
static DE_ONLY: LazyLock<FxHashMap<&'static str, Vec<String>>> = LazyLock::new(|| {
    let mut map: FxHashMap<&'static str, Vec<String>> = FxHashMap::default();
    for line in include_str!("data/de_only_names.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (de, en) = line.split_once('\t').unwrap_or((line, ""));
        let en: Vec<String> = en
            .split('|')
            .filter(|f| !f.is_empty())
            .map(str::to_lowercase)
            .collect();
        for f in de.split('|').filter(|f| !f.is_empty()) {
            map.entry(f).or_default().extend(en.iter().cloned());
        }
    }
    map
});

/// The first two bytes of every German form of [`DE_ONLY`]: most capitalised words of a
/// German text start unlike all of them, and a bit test is cheaper than hashing the word.
static DE_ONLY_STARTS: LazyLock<TwoByteSet> =
    LazyLock::new(|| TwoByteSet::of(DE_ONLY.keys().copied()));

/// A German party, federal state, city, institution or politician in the German that the
/// English does not name in any form ("Greece" → "VW", "Russia" → "Hamburg", "the eurozone" →
/// "die FDP", "Basescu" → "Merkel"): an error on it. An English text names these only in its
/// own words ("Social Democrats", "Bavaria", "Munich"), so one in the German with none of
/// them in the English came from nowhere.
fn german_only_names(s: &str, german: &German<'_, '_>, out: &mut Findings<'_>, own: usize) {
    let candidate = |x: &str| x.chars().next().is_some_and(char::is_uppercase) && x.len() >= 2;
    let listed = |x: &str| {
        candidate(x)
            && DE_ONLY_STARTS.has(x)
            && (DE_ONLY.contains_key(x)
                || x.strip_suffix('s').is_some_and(|b| DE_ONLY.contains_key(b)))
    };
    // Most pairs have no name of the list: look for one among the letter runs of the word
    // tokens (the runs of `German::runs`, not built for this). A word of ASCII without a
    // capital (most German words) has no run that starts with one: not split.
    let may_list = |w: &str| w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii());
    if !german.tokens.iter().any(|w| {
        w.is_word() && may_list(w.text) && w.text.split(|c: char| !c.is_alphabetic()).any(listed)
    }) {
        return;
    }
    let source_lower = std::cell::LazyCell::new(|| {
        let lower = s.to_lowercase();
        // "Schroeder" for "Schröder".
        let folded = lower
            .replace("oe", "ö")
            .replace("ue", "ü")
            .replace("ae", "ä");
        (lower, folded)
    });
    let at_word_start = |hay: &str, needle: &str| {
        hay.match_indices(needle)
            .any(|(i, _)| !hay[..i].ends_with(char::is_alphanumeric))
    };
    let mut done: Vec<&str> = Vec::new();
    for (x, r) in german.runs() {
        if !candidate(x) {
            continue;
        }
        let key = DE_ONLY
            .get_key_value(*x)
            .or_else(|| x.strip_suffix('s').and_then(|b| DE_ONLY.get_key_value(b)));
        let Some((&form, en)) = key else {
            continue;
        };
        // Already reported by this rule ("Angela Merkel" for another person).
        if done.contains(&form)
            || out[own..]
                .iter()
                .any(|f| f.side == Side::Target && overlaps(&f.span, r))
        {
            continue;
        }
        done.push(form);
        let (lower, folded) = &*source_lower;
        let form_lower = form.to_lowercase();
        let accounted = at_word_start(lower, &form_lower)
            || at_word_start(folded, &form_lower)
            || en.iter().any(|e| at_word_start(lower, e));
        if !accounted {
            out.push(Finding::target(
                &NameMismatch::RULE,
                r.clone(),
                format!("A name the English does not have: '{x}'"),
            ));
        }
    }
}

/// English words before a person's name that are capitalised as titles: a name after one is
/// still a name ("President Sarkozy").
const TITLES: &[&str] = &[
    "president",
    "minister",
    "prime",
    "chancellor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "senator",
    "general",
    "king",
    "queen",
    "pope",
    "secretary",
    "governor",
    "mayor",
    "professor",
    "prof",
    "judge",
];

/// A name of the English outside the table replaced by a place of the table ("the Bush
/// administration" → "die Regierung in Deutschland", "Sarkozy" → "Italien", "at Rambouillet" →
/// "von Berlin"): exactly one single-word name of the English (mid-sentence, capitalised, not
/// an English word, not in the table) has no trace in the German, and the German names a
/// country or city of the table that nothing of the English accounts for (no place of the
/// English shares its country, no English word spells it). An error on that place. The
/// United States are left out: translators add "US-" to what the English calls "the Fed" or
/// "Treasury".
fn name_for_place(
    s: &str,
    s_low: &Lowered,
    source_runs: &[Run<'_>],
    in_source: &[Named],
    german: &German<'_, '_>,
    target_words: &TargetWords<'_>,
    out: &mut Findings<'_>,
) {
    let name_like = |x: &str| {
        x.chars().next().is_some_and(char::is_uppercase)
            && x.chars().count() >= 4
            && x.chars().skip(1).all(char::is_lowercase)
    };
    let mut missing: Option<(&str, Range<usize>)> = None;
    for (k, (word, range)) in source_runs.iter().enumerate() {
        if !name_like(word) {
            continue;
        }
        let mid = k > 0
            && s.get(source_runs[k - 1].1.end..range.start)
                .is_some_and(mid_sentence_gap);
        // A prefix of a compound ("Sino-US", "Austro-Hungarian") is no name of its own.
        let prefix = s.get(range.end..).is_some_and(|r| r.starts_with('-'));
        if !mid || prefix {
            continue;
        }
        let lw = s_low.of_range(s, range.clone());
        if is_common_lower(&lw)
            || english_word_form(word, &lw)
            || in_source.iter().any(|g| overlaps(&g.span, range))
            || TABLE.en.contains_key(*word)
        {
            continue;
        }
        // Part of a title-case name of common words ("Stability Pact", "Treasury Secretary").
        let titled = |j: usize| {
            source_runs.get(j).is_some_and(|(x, r)| {
                let gap = if j < k {
                    s.get(r.end..range.start)
                } else {
                    s.get(range.end..r.start)
                };
                gap == Some(" ") && x.chars().next().is_some_and(char::is_uppercase) && {
                    let lx = s_low.of_range(s, r.clone());
                    is_common_lower(&lx) && !TITLES.contains(&&*lx)
                }
            })
        };
        if titled(k.wrapping_sub(1)) || titled(k + 1) {
            continue;
        }
        // Present in the German words, or only in German letters.
        let words_known = !target_words.words.is_empty();
        if (words_known && target_words.has_name(s, range))
            || (!words_known && {
                let prefix = &lw[..lw.char_indices().nth(4).map_or(lw.len(), |(i, _)| i)];
                // (a run starting with another ASCII letter cannot match: not lower-cased)
                let first = prefix.as_bytes().first().copied();
                // (Not in the German lower-cased at all: no run starts with it, and the runs
                // are not needed.)
                let nowhere = german.lower.whole().is_some_and(|whole| {
                    memchr::memmem::find(whole.as_bytes(), prefix.as_bytes()).is_none()
                });
                !nowhere
                    && german.runs().iter().any(|(x, r)| {
                        x.as_bytes()
                            .first()
                            .is_some_and(|b| !b.is_ascii() || Some(b.to_ascii_lowercase()) == first)
                            && german
                                .lower
                                .of_range(german.text, r.clone())
                                .starts_with(prefix)
                    })
            })
        {
            continue;
        }
        if missing.as_ref().is_some_and(|(m, _)| m != word) {
            return; // more than one: not a one-for-one swap
        }
        missing = Some((word, range.clone()));
    }
    let Some((word, _)) = missing else {
        return;
    };
    let places = &TABLE.places;
    let cw = canonical(word);
    let source_lower = std::cell::LazyCell::new(|| s.to_lowercase());
    let swap = german.places().iter().find(|h| {
        let text = &german.text[h.span.clone()];
        // A German adjective ("die irischen Forscher" for "the NUI Galway researchers", "das
        // japanische Parlament" for "the Diet") may be the translator's generalisation: only a
        // name (capitalised) is taken as the swap.
        text.chars().next().is_some_and(char::is_uppercase)
            && h.places
                .iter()
                .all(|&p| places[p].swappable && !places[p].person)
            && !h
                .places
                .iter()
                .any(|&p| places[p].countries.iter().any(|c| c == "US"))
            && !in_source.iter().any(|g| related(g, h))
            && !source_lower.contains(&text.to_lowercase())
            && strsim::normalized_damerau_levenshtein(&cw, &canonical(text)) < 0.5
    });
    if let Some(h) = swap {
        let text = &german.text[h.span.clone()];
        out.push(
            Finding::target(
                &NameMismatch::RULE,
                h.span.clone(),
                format!("Another name than the English '{word}': '{text}'"),
            )
            .with_suggestion(word),
        );
    }
}

/// What the rule needs of the German beyond its tokens, built on first use: its letter
/// runs, the places of the table it names and their spans, and the canonical form of each
/// run. Most pairs need none of it (no place in the English, no near miss of a name).
struct German<'p, 'a> {
    text: &'a str,
    tokens: &'p [Token<'a>],
    /// The tokens lower-cased (the pair's analysis).
    lower: &'p Lowered,
    runs: OnceCell<Vec<Run<'a>>>,
    places: OnceCell<Vec<Named>>,
    covered: OnceCell<Vec<Range<usize>>>,
    /// Canonical forms of the runs.
    canon: CanonCache,
}

impl<'p, 'a> German<'p, 'a> {
    fn new(text: &'a str, tokens: &'p [Token<'a>], lower: &'p Lowered) -> Self {
        German {
            text,
            tokens,
            lower,
            runs: OnceCell::new(),
            places: OnceCell::new(),
            covered: OnceCell::new(),
            canon: CanonCache::default(),
        }
    }

    /// The letter runs of the German words ([`runs_of`]).
    fn runs(&self) -> &[Run<'a>] {
        self.runs.get_or_init(|| runs_of(self.tokens))
    }

    /// The places of the table named in the German ([`german_places`]).
    fn places(&self) -> &[Named] {
        self.places
            .get_or_init(|| german_places(self.text, self.lower, self.runs()))
    }

    /// The spans of [`German::places`].
    fn covered(&self) -> &[Range<usize>] {
        self.covered
            .get_or_init(|| self.places().iter().map(|n| n.span.clone()).collect())
    }

    /// Call `f` with the canonical form of run `j` (computed once per pair).
    fn with_canonical<R>(&self, j: usize, f: impl FnOnce(&str) -> R) -> R {
        let runs = self.runs();
        self.canon.with(j, runs.len(), runs[j].0, f)
    }
}

/// Places of the table in the English whose German is absent: where the German names another
/// place of the table that the English does not, an error on it (a swap: "Israel" →
/// "Frankreich"); where it names none, a warning on the English. (The German's places are
/// found only for a place of the English that is not kept: most are.)
fn place_findings(
    s: &str,
    t: &str,
    t_low: &Lowered,
    en: &[Named],
    german: &German<'_, '_>,
    out: &mut Findings<'_>,
) {
    if en.is_empty() {
        return;
    }
    let places = &TABLE.places;
    let t_lower = std::cell::LazyCell::new(|| match t_low.whole() {
        Some(w) => std::borrow::Cow::Borrowed(w),
        None => std::borrow::Cow::Owned(t.to_lowercase()),
    });
    let mut done: Vec<&str> = Vec::new();
    let mut reported: Vec<Range<usize>> = Vec::new();
    for g in en {
        let english = &s[g.span.clone()];
        // Kept in English ("Copenhagen Consensus") or rendered in German.
        // Or inside a German compound ("Ostasien" for "East Asia", "Irakkrieg").
        let kept = t
            .match_indices(english)
            .any(|(i, _)| !t[..i].ends_with(char::is_alphabetic))
            || g.places.iter().any(|&p| {
                places[p].de.iter().any(|(w, upper)| {
                    !upper && w[0].chars().count() >= 4 && t_lower.contains(w[0].as_str())
                })
            });
        if g.places.iter().all(|&p| places[p].person)
            || done.contains(&english)
            || kept
            || german.places().iter().any(|h| related(h, g))
        {
            continue;
        }
        done.push(english);
        let swap = german.places().iter().find(|h| {
            (h.places.iter().all(|&p| places[p].swappable) || wider_swap(g, h))
                && !en.iter().any(|x| related(x, h))
                && !reported.contains(&h.span)
        });
        let german = german_form(g.places[0]);
        if let Some(h) = swap {
            reported.push(h.span.clone());
            out.push(
                Finding::target(
                    &NameMismatch::RULE,
                    h.span.clone(),
                    format!(
                        "Another place or people than the English '{english}' (German '{german}'): \
                         '{}'",
                        &t[h.span.clone()]
                    ),
                )
                .with_suggestion(german),
            );
        } else {
            out.push(
                Finding::new(
                    &NameMismatch::RULE,
                    Side::Source,
                    g.span.clone(),
                    format!("Missing from the German: '{english}' (German '{german}')"),
                )
                .with_severity(Severity::Warning),
            );
        }
    }
}

/// Longest source or target (bytes) whose names are compared: a sentence pair, not a 20 MB
/// line.
const MAX_NAME_PAIR: usize = 20_000;

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
fn not_a_name(w: &str, lw: &str) -> bool {
    // Every ending ends in one of these letters (lower-casing changes no other last char
    // into one), and has two letters or more (an ASCII word keeps its length).
    let last = w.as_bytes().last().map(u8::to_ascii_lowercase);
    if !matches!(
        last,
        Some(b'n' | b's' | b'c' | b'l' | b'e' | b'h' | b'm' | b't')
    ) || (w.len() < 6 && w.is_ascii())
    {
        return false;
    }
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
    push_letter_runs(text, offset, &mut out);
    out
}

/// A letter run of a word and its byte range in the text ([`letter_runs`]).
type Run<'a> = (&'a str, Range<usize>);

/// The letter runs of the word tokens of a side, in order ([`letter_runs`]), in a vector
/// of an earlier pair ([`SPARE_RUNS`]; give it back with [`give_runs`]).
fn runs_of<'a>(tokens: &[crate::checks::tokens::Token<'a>]) -> Vec<(&'a str, Range<usize>)> {
    let mut out = SPARE_RUNS
        .with_borrow_mut(Vec::pop)
        .map_or_else(Vec::new, emptied);
    out.reserve(tokens.len());
    for w in tokens.iter().filter(|w| w.is_word()) {
        push_letter_runs(w.text, w.range.start, &mut out);
    }
    out
}

thread_local! {
    /// Emptied vectors of runs ([`runs_of`]) of earlier pairs, one a side: a pair's runs
    /// took a vector of a kilobyte or two from the allocator (past its small-size caches),
    /// on both sides of most pairs.
    static SPARE_RUNS: std::cell::RefCell<Vec<Vec<Run<'static>>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// `v` emptied, as runs of another text in the same buffer (collecting a vector's own
/// iterator into a vector of the same layout keeps its allocation).
fn emptied<'b>(mut v: Vec<Run<'_>>) -> Vec<Run<'b>> {
    v.clear();
    v.into_iter().map(|(_, r)| ("", r)).collect()
}

/// Keeps a vector of [`runs_of`] for the next pair (two at most, of up to 4096 runs).
fn give_runs(v: Vec<Run<'_>>) {
    if v.capacity() <= 4096 {
        SPARE_RUNS.with_borrow_mut(|spare| {
            if spare.len() < 2 {
                spare.push(emptied(v));
            }
        });
    }
}

/// [`letter_runs`] appended to `out`.
#[inline(always)]
fn push_letter_runs<'a>(text: &'a str, offset: usize, out: &mut Vec<(&'a str, Range<usize>)>) {
    // Most words are ASCII letters only: one run, found without decoding. (A word of other
    // letters is one run too, as `push_runs_of_chars` finds it.)
    if !text.is_empty() && all_ascii_letters(text.as_bytes()) {
        out.push((text, offset..offset + text.len()));
    } else {
        push_runs_of_chars(text, offset, out);
    }
}

/// [`push_letter_runs`] char by char (apart, so that the common case pays for none of it).
#[inline(never)]
fn push_runs_of_chars<'a>(text: &'a str, offset: usize, out: &mut Vec<(&'a str, Range<usize>)>) {
    let mut start = None;
    let mut i = 0;
    while i < text.len() {
        let (letter, len) = letter_at(text, i);
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((&text[b..i], offset + b..offset + i));
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(b) = start {
        out.push((&text[b..], offset + b..offset + text.len()));
    }
}

/// Whether the char at byte `i` of `text` (a char boundary) is alphabetic, and its length
/// in bytes: ASCII and the Latin-1 letters of German and French ("ä", "é", "ß") by their
/// bytes, the rest by [`char::is_alphabetic`].
#[inline]
fn letter_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes();
    match b.get(i) {
        Some(&c) if c < 0x80 => (c.is_ascii_alphabetic(), 1),
        // U+00C0..=U+00FF: letters, but for "×" (C3 97) and "÷" (C3 B7).
        Some(0xC3) if b.get(i + 1).is_some_and(|&c| (0x80..0xC0).contains(&c)) => {
            (!matches!(b[i + 1], 0x97 | 0xB7), 2)
        }
        _ => text
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .map_or((false, 1), |c| (c.is_alphabetic(), c.len_utf8())),
    }
}

/// Single-word names misspelt in the German ("Simpson" → "Simpsen", "Denver" → "Depver"):
/// a capitalised English word that the German has fewer times than the English, and a
/// capitalised German word with the same first letter one letter away from it. A frequent
/// English word ("West", "Street", "Global") counts only when it stands next to the same
/// word in both ("West Virginia" → "Wekt Virginia") or differs by one substituted letter.
fn single_names(
    s: &str,
    s_low: &Lowered,
    source_runs: &[Run<'_>],
    german: &German<'_, '_>,
    out: &mut Findings<'_>,
    own: usize,
    covered: &dyn Fn(&Range<usize>) -> bool,
) {
    let is_candidate = |x: &str| {
        // (A word that starts with an ASCII letter other than a capital: most, found without
        // decoding.)
        !x.as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase())
            && x.chars().next().is_some_and(char::is_uppercase)
            // (as many chars as bytes in ASCII, fewer otherwise)
            && x.len() >= 4
            && (x.is_ascii() || x.chars().count() >= 4)
            && x.chars().skip(1).any(char::is_lowercase)
    };
    // Whether the German has a candidate at all (asked once an English word needs it).
    let any_target = OnceCell::new();
    let any_target =
        || *any_target.get_or_init(|| german.runs().iter().any(|(x, _)| is_candidate(x)));
    // Spans of the German already flagged: by this rule (a misspelt word of a multi-word
    // name), and by entity-mismatch (MT010), whose near misses may be name-like words
    // (computed when needed). Not by other rules: a rule stands alone, whatever ran before.
    let flagged: Vec<Range<usize>> = out[own..]
        .iter()
        .filter(|f| f.side == Side::Target)
        .map(|f| f.span.clone())
        .collect();
    let entity_flagged = OnceCell::new();
    let entity_flagged = || -> &Vec<Range<usize>> {
        entity_flagged.get_or_init(|| {
            compare(s, german.text)
                .into_iter()
                .filter(|i| i.side == Side::Target)
                .map(|i| i.span)
                .collect()
        })
    };
    // Whether an English run lower-cased is `lx` (asked only of a near miss: most pairs have
    // none, and no run is lower-cased into a set).
    let in_source_lower = |lx: &str| {
        source_runs
            .iter()
            .any(|(_, r)| *s_low.of_range(s, r.clone()) == *lx)
    };
    // (An ASCII first letter by its byte: this is asked of every German run for each
    // English candidate.)
    let first_lower = |x: &str| match x.as_bytes().first() {
        Some(b) if b.is_ascii() => Some(char::from(b.to_ascii_lowercase())),
        _ => x.chars().next().and_then(|c| c.to_lowercase().next()),
    };
    let mut seen: Vec<&str> = Vec::new();
    for (k, (word, range)) in source_runs.iter().enumerate() {
        let word = *word;
        // Names of the table are compared through it (`place_findings`).
        if !is_candidate(word) {
            continue;
        }
        let lw = s_low.of_range(s, range.clone());
        if not_a_name(word, &lw) || covered(range) || seen.contains(&word) {
            continue;
        }
        seen.push(word);
        // Mid-sentence: a capital that marks a name, not the start of a sentence ("Hello").
        let mid_sentence = k > 0
            && s.get(source_runs[k - 1].1.end..range.start)
                .is_some_and(mid_sentence_gap);
        let common = is_common_lower(&lw);
        // A frequent word at a sentence start is never reported (see the end of `near`).
        if common && !mid_sentence {
            continue;
        }
        let in_source = source_runs.iter().filter(|(x, _)| *x == word).count();
        // The same word in the German counts as present below: most names are carried over.
        // (A German word token that is the word is one of its runs too: counted without the
        // runs first.)
        let same = |x: &str| x == word;
        if german
            .tokens
            .iter()
            .filter(|x| x.is_word() && same(x.text))
            .count()
            >= in_source
        {
            continue;
        }
        // Without a capitalised German word there is no near miss.
        if !any_target() {
            return;
        }
        let target_runs = german.runs();
        if target_runs.iter().filter(|(x, _)| same(x)).count() >= in_source {
            continue;
        }
        // Only a German run of the same first letter can be the near miss below: without one
        // (most words) nothing is reported, and no canonical form is needed.
        let first = first_lower(word);
        if !target_runs
            .iter()
            .any(|(x, _)| first_lower(x) == first && is_candidate(x))
        {
            continue;
        }
        let mut stack = [0u8; 64];
        let cw_form = canonical_on(word, &mut stack);
        let cw: &str = &cw_form;
        // (A German word whose canonical form starts otherwise cannot be the name: its
        // canonical form is not looked at.)
        let cw_first = cw.bytes().next();
        let in_target = target_runs
            .iter()
            .enumerate()
            .filter(|(_, (x, _))| canonical_first_ascii(x).is_none_or(|f| Some(f) == cw_first))
            .filter(|(j, _)| german.with_canonical(*j, |cx| inflected(cw, cx)))
            .take(in_source)
            .count();
        if in_target >= in_source {
            continue; // present, perhaps inflected ("Trumps", "Bidens")
        }
        let lw = &*lw;
        // The English word's neighbours, to recognise "Wekt Virginia" for "West Virginia".
        let prev = k.checked_sub(1).map(|i| source_runs[i].0);
        let next = source_runs.get(k + 1).map(|(x, _)| *x);
        let near = target_runs.iter().enumerate().find(|(j, (x, r))| {
            // (the first letter first: it rules out most words at once)
            if first_lower(x) != first || !is_candidate(x) {
                return false;
            }
            german.with_canonical(*j, |cx| {
                // An edit distance is at least the difference in length: most words are too
                // far apart to need one (see the test below: canonical distance 1, or raw 1
                // and canonical 2).
                let gap = |a: &str, b: &str| a.chars().count().abs_diff(b.chars().count());
                let canon_gap = gap(cw, cx);
                if canon_gap > 2 || (canon_gap > 1 && gap(lw, x) > 1) {
                    return false;
                }
                let lx = german.lower.of_range(german.text, r.clone());
                (|lx: &str| {
                    // Canonical distance 1, or raw distance 1 and canonical 2 (the full
                    // edit distance only for the latter).
                    let raw_one = OnceCell::new();
                    let raw_one = || *raw_one.get_or_init(|| distance_is_one(lw, lx));
                    let close = distance_is_one(cw, cx)
                        || raw_one() && strsim::damerau_levenshtein(cw, cx) <= 2;
                    if !close
                        || in_source_lower(lx)
                        || flagged.iter().any(|f| overlaps(f, r))
                        || german.covered().iter().any(|c| overlaps(c, r))
                        || rendering(cw, cx, word, x)
                        || entity_flagged().iter().any(|f| overlaps(f, r))
                    {
                        return false;
                    }
                    if !common {
                        return true;
                    }
                    let same_neighbour = j.checked_sub(1).is_some_and(|i| {
                        Some(target_runs[i].0) == prev && prev.is_some_and(is_candidate)
                    }) || target_runs
                        .get(j + 1)
                        .is_some_and(|n| Some(n.0) == next && next.is_some_and(is_candidate));
                    // A substituted ASCII letter: "Augusd", "Ssreet" (not "Föderation").
                    let substituted =
                        lx.len() == lw.len() && x.is_ascii() && word.len() >= 5 && raw_one();
                    mid_sentence && (same_neighbour || substituted)
                })(&lx)
            })
        });
        if let Some((_, (x, r))) = near {
            // A weak signal: German transliterates many names its own way ("Mursi",
            // "Ahmadinedschad") and translates capitalised words ("Fisch" for "Fish").
            out.push(
                Finding::target(
                    &NameMismatch::RULE,
                    r.clone(),
                    format!("the name '{x}' is spelled '{word}' in the English"),
                )
                .with_suggestion(word)
                .with_severity(Severity::Warning),
            );
        }
    }
}

/// Whether the Damerau–Levenshtein distance of `a` and `b` (in chars) is exactly 1: one
/// letter substituted, inserted, deleted, or two neighbours swapped (as
/// `strsim::damerau_levenshtein(a, b) == 1`, without its tables).
fn distance_is_one(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let (long, short) = if la >= lb { (a, b) } else { (b, a) };
    let mut l = long.chars();
    let mut sh = short.chars();
    // Up to the first difference.
    loop {
        let (x, y) = (l.clone().next(), sh.clone().next());
        match (x, y) {
            (Some(x), Some(y)) if x == y => {
                l.next();
                sh.next();
            }
            _ => break,
        }
    }
    match la.abs_diff(lb) {
        // One letter more in `long`: the rest after it is the rest of `short`.
        1 => {
            l.next();
            l.as_str() == sh.as_str()
        }
        0 => {
            let (Some(x), Some(y)) = (l.next(), sh.next()) else {
                return false;
            };
            // Substituted, or swapped with the next letter.
            l.as_str() == sh.as_str() || {
                let (mut l2, mut s2) = (l.clone(), sh.clone());
                l2.next() == Some(y) && s2.next() == Some(x) && l2.as_str() == s2.as_str()
            }
        }
        _ => false,
    }
}

/// Endings of German common nouns: a capitalised word with one is a noun, not a name.
const DE_NOUN_ENDINGS: &[&str] = &[
    "ung", "heit", "keit", "schaft", "tion", "tät", "ität", "ismus", "nis", "chen", "lein", "ment",
    "ie", "ik", "ur", "enz", "anz", "ei", "tum", "ling", "er", "en",
];

/// German words before a capitalised word that make it a noun or an adjective, not a name
/// ("der Europäischen Zentralbank", "eine Neue Seidenstraße").
const DE_BEFORE_NOUN: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "kein", "keine", "keinen", "keinem", "keiner", "diese", "dieser", "diesen", "diesem", "dieses",
    "jede", "jeder", "jeden", "jedem", "jedes", "im", "am", "vom", "zum", "zur", "beim",
];

/// Whether the text between two English words keeps the second in mid-sentence: white
/// space, hyphens, commas, dashes and numbers ("Since 2011, Global Citizen", "name, West
/// has"), also a quotation closed before a comma ("false", Waters continued"); not a
/// sentence end, colon or opening quote.
fn mid_sentence_gap(gap: &str) -> bool {
    let plain =
        |c: char| c.is_whitespace() || c.is_ascii_digit() || matches!(c, '-' | ',' | '–' | '—');
    let quote = |c: char| matches!(c, '"' | '”' | '’' | '\'' | ')');
    gap.chars().all(plain)
        || gap.trim_start_matches(quote).starts_with(',')
            && gap.chars().all(|c| plain(c) || quote(c))
}

/// An English word rather than a person's name, by its ending ("Alliance", "Monitoring",
/// "Stability", "Advisers", "Freedoms", "Palestinian").
fn english_word_form(w: &str, lw: &str) -> bool {
    not_a_name(w, lw)
        || lw.chars().count() >= 6
            && [
                "ity", "ing", "al", "ance", "ence", "ment", "ness", "ive", "ous", "ary", "ory",
                "ion", "ions", "ers", "oms", "ent", "ant", "ic", "ics", "ian", "ians",
            ]
            .iter()
            .any(|e| lw.ends_with(e))
}

/// A person of the English replaced by another person in the German ("Barack Obama" →
/// "Angela Merkel"): exactly one multi-word name of the English has none of its distinctive
/// words in the German, and the German has exactly one run of two or more capitalised words
/// in mid-sentence that the English does not have, none of them a German noun or after an
/// article, and none like a word of the English name. An error on that run: two full names
/// do not differ by translation.
fn replaced_person(
    s: &str,
    s_low: &Lowered,
    t: &str,
    names: &[Vec<Range<usize>>],
    source_toks: &[Token<'_>],
    target_toks: &[Token<'_>],
    target_words: &TargetWords<'_>,
) -> Option<Finding> {
    if !names.iter().any(|name| name.len() >= 2) {
        return None;
    }
    let mut absent = names.iter().filter(|name| {
        name.len() >= 2
            && name.iter().all(|r| {
                !target_words.has_name(s, r)
                    && !english_word_form(&s[r.clone()], &s_low.of_range(s, r.clone()))
            })
    });
    let name = absent.next()?;
    if absent.next().is_some() {
        return None;
    }
    let source_lower: FxHashSet<String> = source_toks
        .iter()
        .filter(|w| w.is_word())
        .flat_map(|w| letter_runs(w.text, 0))
        .map(|(x, _)| x.to_lowercase())
        .collect();
    let name_words: Vec<String> = name.iter().map(|r| canonical(&s[r.clone()])).collect();
    let name_like = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
            && w.chars().all(char::is_alphabetic)
            && w.chars().count() >= 3
    };
    let foreign = |w: &str| {
        let lw = w.to_lowercase();
        let cw = std::cell::LazyCell::new(|| canonical(w));
        // "Bismarcks" for "Bismarck's": the English name in the German genitive.
        let genitive = lw
            .strip_suffix('s')
            .is_some_and(|b| source_lower.contains(b));
        !source_lower.contains(&lw)
            && !genitive
            && !crate::checks::lang::FUNCTION_WORDS.contains(lw.as_str())
            && !DE_NOUN_ENDINGS.iter().any(|e| lw.ends_with(e))
            && !name_words.iter().any(|n| {
                let cw = &*cw;
                strsim::normalized_damerau_levenshtein(n, cw) >= 0.5
                    || inflected(n, cw)
                    || cw.starts_with(n.as_str())
            })
    };
    let words: Vec<&crate::checks::tokens::Token<'_>> = target_toks.iter().collect();
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut k = 1;
    while k < words.len() {
        let prev = words[k - 1];
        let starts = name_like(words[k].text)
            && prev.is_word()
            && !DE_BEFORE_NOUN.contains(&prev.text.to_lowercase().as_str());
        if !starts {
            k += 1;
            continue;
        }
        let mut j = k;
        while j + 1 < words.len()
            && name_like(words[j + 1].text)
            && t[words[j].range.end..words[j + 1].range.start] == *" "
        {
            j += 1;
        }
        if j > k && (k..=j).all(|i| foreign(words[i].text)) {
            runs.push(words[k].range.start..words[j].range.end);
        }
        k = j + 1;
    }
    if runs.len() != 1 {
        return None;
    }
    let mut span = runs.pop()?;
    // A title before the name ("Ministerpräsident Viktor Orbán"): the name is the last two.
    let run_words: Vec<&crate::checks::tokens::Token<'_>> = words
        .iter()
        .copied()
        .filter(|w| w.range.start >= span.start && w.range.end <= span.end)
        .collect();
    if run_words.len() > 2 {
        span.start = run_words[run_words.len() - 2].range.start;
    }
    let english = &s[name[0].start..name[name.len() - 1].end];
    Some(
        Finding::target(
            &NameMismatch::RULE,
            span.clone(),
            format!(
                "Another person: '{}' stands where the English names '{english}'",
                &t[span]
            ),
        )
        .with_suggestion(english),
    )
}

/// One organisation of the hand list `data/org_names.tsv`.
#[derive(Debug)]
struct Org {
    /// A company: its German words match with their case, whole (a genitive -s allowed).
    firm: bool,
    /// English forms, as words written with their case ("Federal", "Reserve").
    en: Vec<Vec<String>>,
    /// The first German form as written in the list, to suggest.
    display: String,
    /// German forms as words, lower-case unless `upper` (an acronym, matched with its case,
    /// or a company's name): evidence of this organisation.
    de: Vec<(Vec<String>, bool)>,
    /// Generic German renderings (one lower-case word each, "notenbank"): they account for
    /// this organisation, never as evidence of another.
    generic: Vec<String>,
}

/// The organisations, with look-ups by an English form's first word and a German form's
/// first word's key ([`de_key`] of the lower-case word, or the word for an acronym or a
/// company).
struct OrgTable {
    orgs: Vec<Org>,
    en: FxHashMap<String, Vec<(usize, usize)>>,
    /// The starts of every English form's first word: most capitalised words of the English
    /// are no organisation's, found without hashing.
    en_starts: TwoByteSet,
    de: FxHashMap<String, Vec<(usize, usize)>>,
}

static ORGS: LazyLock<OrgTable> = LazyLock::new(|| {
    let mut orgs = Vec::new();
    for line in include_str!("data/org_names.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [kind, _id, en, de, generic] =
            [0, 1, 2, 3, 4].map(|i| cols.get(i).copied().unwrap_or(""));
        let firm = kind == "firm";
        let forms = |x: &'static str| -> Vec<&'static str> {
            x.split('|').filter(|f| !f.is_empty()).collect()
        };
        orgs.push(Org {
            firm,
            en: forms(en).into_iter().map(words).collect(),
            display: forms(de).first().copied().unwrap_or("").to_string(),
            de: forms(de)
                .into_iter()
                .map(|f| {
                    let upper = firm
                        || f.chars()
                            .filter(|c| c.is_alphabetic())
                            .all(char::is_uppercase);
                    let w = words(f)
                        .into_iter()
                        .map(|w| if upper { w } else { w.to_lowercase() })
                        .collect();
                    (w, upper)
                })
                .collect(),
            generic: forms(generic).into_iter().map(str::to_lowercase).collect(),
        });
    }
    let mut en: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
    let mut de: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
    for (i, o) in orgs.iter().enumerate() {
        for (j, f) in o.en.iter().enumerate() {
            en.entry(f[0].clone()).or_default().push((i, j));
        }
        for (j, (f, upper)) in o.de.iter().enumerate() {
            let key = if *upper { f[0].as_str() } else { de_key(&f[0]) };
            de.entry(key.to_string()).or_default().push((i, j));
        }
    }
    let en_starts = TwoByteSet::of(orgs.iter().flat_map(|o| o.en.iter().map(|f| f[0].as_str())));
    OrgTable {
        orgs,
        en,
        en_starts,
        de,
    }
});

/// The byte range of `form` at run `k` of `runs` when each word fits its run (`fits(run,
/// form word)`) and the gaps between them are a space, a hyphen or a full stop ("J.P. Morgan").
fn form_at(
    text: &str,
    runs: &[Run<'_>],
    k: usize,
    form: &[String],
    fits: impl Fn(&str, &str) -> bool,
) -> Option<Range<usize>> {
    let ok = k + form.len() <= runs.len()
        && form.iter().enumerate().all(|(i, fw)| {
            fits(runs[k + i].0, fw)
                && (i == 0
                    || text
                        .get(runs[k + i - 1].1.end..runs[k + i].1.start)
                        .is_some_and(|g| matches!(g, " " | "-" | "." | ". ")))
        });
    ok.then(|| runs[k].1.start..runs[k + form.len() - 1].1.end)
}

/// Whether `form` stands anywhere in `runs` ([`form_at`]).
fn form_in(
    text: &str,
    runs: &[Run<'_>],
    form: &[String],
    fits: impl Fn(&str, &str) -> bool + Copy,
) -> bool {
    (0..runs.len()).any(|k| form_at(text, runs, k, form, fits).is_some())
}

/// The organisations the English names (each once, at its first form): capitalised words
/// that spell an English form with its case ("the Fed", "IMF’s", "World Bank").
fn english_orgs(s: &str, runs: &[Run<'_>]) -> Vec<(usize, Range<usize>)> {
    let table = &*ORGS;
    let mut out: Vec<(usize, Range<usize>)> = Vec::new();
    for (k, (w, _)) in runs.iter().enumerate() {
        // Every English form starts with an ASCII capital.
        if !w.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
            continue;
        }
        if !table.en_starts.has(w) {
            continue;
        }
        for &(o, j) in table.en.get(*w).into_iter().flatten() {
            if out.iter().any(|(x, _)| *x == o) {
                continue;
            }
            if let Some(r) = form_at(s, runs, k, &table.orgs[o].en[j], |run, fw| run == fw) {
                out.push((o, r));
            }
        }
    }
    out
}

/// Whether two words start with the same letter, ignoring ASCII case (a non-ASCII first
/// letter is left to the full comparison).
fn same_start(run: &str, fw: &str) -> bool {
    match (run.as_bytes().first(), fw.as_bytes().first()) {
        (Some(a), Some(b)) if a.is_ascii() && b.is_ascii() => a.eq_ignore_ascii_case(b),
        _ => true,
    }
}

/// Whether the German run `run` is word `fw` of a German form of organisation `o`.
fn org_word_fits(o: &Org, upper: bool, run: &str, fw: &str) -> bool {
    if o.firm {
        run == fw || run.strip_suffix('s') == Some(fw)
    } else {
        de_word_matches(run, fw, upper)
    }
}

/// Every German form of an organisation in the German `runs`: (organisation, byte range),
/// overlapping matches included ("EU" inside "EU-Kommission").
fn german_orgs(t: &str, runs: &[Run<'_>]) -> Vec<(usize, Range<usize>)> {
    let table = &*ORGS;
    let mut out: Vec<(usize, Range<usize>)> = Vec::new();
    for (k, (w, _)) in runs.iter().enumerate() {
        with_lower(w, |lower| {
            let mut look = |key: &str| {
                for &(o, j) in table.de.get(key).into_iter().flatten() {
                    let org = &table.orgs[o];
                    let (form, upper) = &org.de[j];
                    let fits = |run: &str, fw: &str| org_word_fits(org, *upper, run, fw);
                    if let Some(r) = form_at(t, runs, k, form, fits)
                        && !out.contains(&(o, r.clone()))
                    {
                        out.push((o, r));
                    }
                }
            };
            look(de_key(lower));
            look(w);
            for e in DE_ENDINGS_SHORT {
                if let Some(key) = lower.strip_suffix(e) {
                    look(key);
                }
            }
            if let Some(key) = w.strip_suffix('s') {
                look(key);
            }
        });
    }
    out
}

/// An organisation of the English whose German is absent while the German names another
/// organisation of the list that the English does not ("the Fed" → "die Europäische Union",
/// "Merrill Lynch" → "JPMorgan", "the BoE" → "der Europäischen Kommission"): an error on
/// that one. The English organisation counts as rendered when one of its German forms stands
/// in the German, an English form is kept, or a generic rendering ("Notenbank" for "the
/// BoJ") stands outside another organisation's form ("Zentralbank" in "Europäische
/// Zentralbank" renders the ECB, not the Fed). The German organisation counts as the swap only
/// when no form of it, English or German, is in the English and it is not part of a longer
/// form of another ("EU" in "EU-Kommission").
fn org_findings(
    s: &str,
    source_runs: &[Run<'_>],
    german: &German<'_, '_>,
    out: &mut Findings<'_>,
    own: usize,
) {
    let en = english_orgs(s, source_runs);
    if en.is_empty() {
        return;
    }
    let table = &*ORGS;
    let t = german.text;
    let runs = german.runs();
    // First without the other organisations: most English ones have a German form of their
    // own in the German, or are kept, and the pair needs no look-up of every German word.
    let own_form = |g: usize| {
        let org = &table.orgs[g];
        org.de.iter().any(|(f, upper)| {
            form_in(t, runs, f, |run, fw| {
                same_start(run, fw) && org_word_fits(org, *upper, run, fw)
            })
        }) || org
            .en
            .iter()
            .any(|f| form_in(t, runs, f, |run, fw| run == fw))
    };
    if en.iter().all(|(g, _)| own_form(*g)) {
        return;
    }
    let found = german_orgs(t, runs);
    let inside_other = |o: usize, r: &Range<usize>| {
        found
            .iter()
            .any(|(x, q)| *x != o && q.start <= r.start && r.end <= q.end && q.len() > r.len())
    };
    let missing = en.iter().find(|(g, _)| {
        let org = &table.orgs[*g];
        !own_form(*g)
            && !runs.iter().any(|(w, r)| {
                org.generic.iter().any(|gw| de_word_matches(w, gw, false))
                    && !found
                        .iter()
                        .any(|(x, q)| x != g && q.start <= r.start && r.end <= q.end)
            })
    });
    let Some((g, g_span)) = missing else {
        return;
    };
    // Named in the English in any form, any case ("congress", "Bundesbank").
    let named = |o: usize| {
        let org = &table.orgs[o];
        en.iter().any(|(x, _)| *x == o)
            || org.en.iter().any(|f| {
                form_in(s, source_runs, f, |run, fw| {
                    run.len() == fw.len() && run.eq_ignore_ascii_case(fw)
                })
            })
            || org.de.iter().any(|(f, upper)| {
                form_in(s, source_runs, f, |run, fw| {
                    org_word_fits(org, *upper, run, fw)
                })
            })
    };
    let swap = found.iter().find(|(o, r)| {
        !inside_other(*o, r)
            && !named(*o)
            && !out[own..]
                .iter()
                .any(|f| f.side == Side::Target && overlaps(&f.span, r))
    });
    if let Some((_, r)) = swap {
        let english = &s[g_span.clone()];
        let display = &table.orgs[*g].display;
        let german_form = if display == english {
            String::new()
        } else {
            format!(" (German '{display}')")
        };
        out.push(
            Finding::target(
                &NameMismatch::RULE,
                r.clone(),
                format!(
                    "Another organisation than the English '{english}'{german_form}: '{}'",
                    &t[r.clone()]
                ),
            )
            .with_suggestion(display.as_str()),
        );
        // One error, not also a "missing" warning on the English name it replaces.
        out.retain(|f| {
            f.rule.code != NameMismatch::RULE.code
                || f.side != Side::Source
                || f.severity() != Severity::Warning
                || !overlaps(&f.span, g_span)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::PairView;

    #[test]
    fn a_canonical_form_has_only_letters_its_word_has_an_origin_for() {
        let words = [
            "Schwarzenegger",
            "Philipp",
            "Thackeray",
            "Yorck",
            "Zypern",
            "Wiesbaden",
            "CIA",
            "Macedonia",
            "Mazedonien",
            "Cecily",
            "Köln",
            "İstanbul",
            "Kelvin",
            "Q-Tips",
            "x",
            "Straße",
            "Ascheberg",
            "Psychology",
            "Zürich",
        ];
        for w in words {
            let mask = letter_mask(w);
            for x in canonical(w).bytes() {
                assert!(mask & letter_origins(x) != 0, "{w}: {}", x as char);
            }
        }
        assert_eq!(letter_mask("aZ-"), 1 | 1 << 25);
        assert_eq!(letter_mask("ä"), u32::MAX);
    }

    #[test]
    fn the_start_of_a_lower_case_word_is_its_start_key() {
        for w in [
            "Berlin",
            "Über",
            "ÖSTERREICH",
            "Eu",
            "a",
            "",
            "Ägypten",
            "Zürich",
            "ISRAEL",
        ] {
            assert_eq!(first_three(&w.to_lowercase()), start_key(w), "{w}");
        }
    }

    #[test]
    fn letters_by_bytes_are_the_alphabetic_chars() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                letter_at(&text, 1),
                (c.is_alphabetic(), c.len_utf8()),
                "{c:?}"
            );
        }
        let word = "Straße×2-Köln's";
        let mut runs = Vec::new();
        push_runs_of_chars(word, 10, &mut runs);
        let mut expected = Vec::new();
        let mut start = None;
        for (i, c) in word
            .char_indices()
            .chain(std::iter::once((word.len(), ' ')))
        {
            match (c.is_alphabetic(), start) {
                (true, None) => start = Some(i),
                (false, Some(b)) => {
                    expected.push((&word[b..i], 10 + b..10 + i));
                    start = None;
                }
                _ => {}
            }
        }
        assert_eq!(runs, expected);
    }

    #[test]
    fn the_first_canonical_letter_is_known_from_two_letters() {
        for w in [
            "Philip",
            "Chris",
            "Cyprus",
            "Csaba",
            "Cecil",
            "Schmidt",
            "Shaw",
            "Thomas",
            "Zack",
            "Wales",
            "Yemen",
            "ck",
            "c",
            "Pfizer",
            "Macedonia",
            "X",
            "sch",
            "Psh",
            "Cphe",
            "Schön",
            "Thüringen",
            "Phönix",
            "Ckö",
            "Ciß",
            "Zoë",
        ] {
            assert_eq!(canonical_first_ascii(w), canonical(w).bytes().next(), "{w}");
        }
        assert_eq!(canonical_first_ascii("Zürich"), None);
        // (Not known from bytes: "cİ" is "ci̇", whose "c" is an "s".)
        assert_eq!(canonical_first_ascii("Cİ"), None);
    }

    #[test]
    fn ascii_canonical_forms_match_the_general_ones() {
        for w in crate::checks::tokens::tests::random_texts("schpkCSHTZWYyzwtiea", 5, 9, 5000) {
            assert_eq!(canonical_ascii(&w), canonical_general(&w), "{w:?}");
        }
    }

    #[test]
    fn canonical_forms_of_other_words_match_the_general_ones() {
        for w in
            crate::checks::tokens::tests::random_texts("schpkÄäÖöüÜẞßCSHTZWYyzwtieaİΣσ", 7, 9, 5000)
        {
            assert_eq!(canonical(&w), canonical_general(&w), "{w:?}");
        }
        let long = "Ä".repeat(70);
        assert_eq!(canonical(&long), canonical_general(&long));
    }

    #[test]
    fn distance_one_is_the_edit_distance_one() {
        let alphabet: Vec<char> = "abcäöß".chars().collect();
        let mut seed = 11u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for _ in 0..20000 {
            let a: String = (0..next() % 5)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            let b: String = (0..next() % 5)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            assert_eq!(
                distance_is_one(&a, &b),
                strsim::damerau_levenshtein(&a, &b) == 1,
                "{a:?} {b:?}"
            );
        }
    }

    use crate::checks::testing::{run, spans};

    #[test]
    fn a_missing_name_is_a_warning() {
        let d = crate::checks::DocStats::default();
        let mut out = Findings::new();
        NameMismatch.check(
            &PairView::simple(
                "Not even Elizabeth Warren proposes a ban.",
                "Nicht einmal die Senatorin schlägt ein Verbot vor.",
                &d,
            ),
            &mut out,
        );
        let sev: Vec<Severity> = out.iter().map(|f| f.severity()).collect();
        assert_eq!(sev, vec![Severity::Warning]);
    }

    #[test]
    fn a_misspelt_name_after_a_comma_or_a_number_is_flagged() {
        assert_eq!(
            spans(
                &NameMismatch,
                "Since 2011, Global Citizen says it has recorded more than 19 million actions.",
                "Seit 2011 sagt Globam Citizen, dass es mehr als 19 Millionen Aktionen aufgenommen hat."
            ),
            vec!["Globam"]
        );
        assert_eq!(
            spans(
                &NameMismatch,
                "\"This baseless accusation is completely false\", Waters continued.",
                "„Diese unbegründete Anschuldigung ist völlig falsch“, so Wators weiter."
            ),
            vec!["Wators"]
        );
        // A sentence start after a colon or a quote is no name.
        assert!(
            spans(
                &NameMismatch,
                "He said: \"Water is scarce.\"",
                "Er sagte: „Wasser ist knapp.“"
            )
            .is_empty()
        );
    }

    #[test]
    fn inflected_and_short_german_forms_of_places_are_found() {
        for (en, de) in [
            (
                "This could be very good news for the UK.",
                "Das könnte für das Vereinigte Königreich eine sehr gute Nachricht sein.",
            ),
            (
                "Central banks in the United Kingdom hold rates near zero.",
                "Die Zentralbanken im Vereinigten Königreich halten die Zinsen nahe null.",
            ),
            (
                "Something that Moldova has already done.",
                "Etwas, das Moldau bereits getan hat.",
            ),
            (
                "Farms produce 80% of food in Asia and Sub-Saharan Africa.",
                "Betriebe erzeugen 80% der Nahrung in Asien und Afrika südlich der Sahara.",
            ),
        ] {
            assert!(
                spans(&NameMismatch, en, de).is_empty(),
                "{de}: {:?}",
                run(&NameMismatch, en, de)
            );
        }
    }

    #[test]
    fn a_person_replaced_by_another_is_an_error() {
        let d = crate::checks::DocStats::default();
        let errors = |en: &str, de: &str| {
            let mut out = Findings::new();
            NameMismatch.check(&PairView::simple(en, de, &d), &mut out);
            out.iter()
                .filter(|f| f.severity() == Severity::Error)
                .map(|f| de[f.span.clone()].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            errors(
                "Not even Elizabeth Warren proposes a ban.",
                "Nicht einmal Angela Merkel schlägt ein Verbot vor."
            ),
            vec!["Angela Merkel"]
        );
        // The same name, adapted, a German noun phrase, or no name in its place: no error.
        for (en, de) in [
            (
                "Not even Elizabeth Warren proposes a ban.",
                "Nicht einmal Elizabeth Warrens Partei schlägt ein Verbot vor.",
            ),
            (
                "Not even Elizabeth Warren proposes a ban.",
                "Nicht einmal die Senatorin schlägt ein Verbot vor.",
            ),
            (
                "Not even Elizabeth Warren proposes a ban.",
                "Nicht einmal die Europäische Zentralbank schlägt ein Verbot vor.",
            ),
            (
                "Pope Francis met Vladimir Putin.",
                "Papst Franziskus traf Wladimir Putin.",
            ),
        ] {
            assert!(errors(en, de).is_empty(), "{de}: {:?}", errors(en, de));
        }
    }

    #[test]
    fn entities_are_not_this_rules_business() {
        for (s, t) in [
            ("behind @BasedBeffJezos", "hinter @BasedBeffJesos"),
            ("Hello {name}", "Hallo"),
            ("the SHA-256 algorithm", "der SHA-512-Algorithmus"),
        ] {
            assert!(spans(&NameMismatch, s, t).is_empty(), "{s} → {t}");
        }
    }

    /// A name-like word that entity-mismatch flags as a changed handle is not reported again
    /// as a misspelt name.
    #[test]
    fn a_word_flagged_as_an_entity_is_not_a_name_too() {
        assert!(
            spans(
                &NameMismatch,
                "the man behind @SimpsonFan says",
                "der Mann hinter SimpsenFan sagt"
            )
            .is_empty()
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
            assert_eq!(spans(&NameMismatch, src, tgt), vec![bad], "{src} → {tgt}");
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
            assert!(spans(&NameMismatch, src, tgt).is_empty(), "{src} → {tgt}");
        }
    }

    #[test]
    fn flags_missing_names_on_the_source_side() {
        assert_eq!(
            spans(
                &NameMismatch,
                "Not even Elizabeth Warren proposes a ban.",
                "Nicht einmal die Senatorin schlägt ein Verbot vor."
            ),
            vec!["Elizabeth Warren"]
        );
        let found = run(
            &NameMismatch,
            "a podcast with Lex Fridman",
            "ein Podcast mit Lex Friedman",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Friedman");
    }

    #[test]
    fn carried_over_names_are_fine() {
        let names: &[(&str, &str)] = &[
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
                "Pope Francis visited Dublin.",
                "Papst Franziskus besuchte Dublin.",
            ),
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
        ];
        for &(s, t) in crate::checks::entities::CARRIED_OVER.iter().chain(names) {
            assert!(spans(&NameMismatch, s, t).is_empty(), "{s} → {t}");
        }
    }

    /// Issue 16 item 1: German exonyms and transliterations are correct German.
    #[test]
    fn german_exonyms_and_transliterations_are_no_error() {
        for (src, tgt) in [
            ("the war in Iraq ended", "der Krieg im Irak endete"),
            (
                "talks in Tehran and Moscow",
                "Gespräche in Teheran und Moskau",
            ),
            ("the rally in Warsaw", "die Kundgebung in Warschau"),
            (
                "Hezbollah and al-Qaeda fighters",
                "Kämpfer der Hisbollah und der al-Qaida",
            ),
            ("Ghaddafi met Erdoğan.", "Gaddafi traf Erdogan."),
            ("the Asian economies", "die Volkswirtschaften Asiens"),
            ("Egypt's president Morsi", "Ägyptens Präsident Mursi"),
        ] {
            let d = crate::checks::DocStats::default();
            let mut out = Findings::new();
            NameMismatch.check(&PairView::simple(src, tgt, &d), &mut out);
            let errors: Vec<&Finding> = out
                .iter()
                .filter(|f| f.severity() == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{src} → {tgt}: {errors:?}");
        }
    }

    /// Issue 16 item 1: a place of the table replaced by another is an error on the German.
    #[test]
    fn a_swapped_place_is_an_error() {
        for (src, tgt, bad) in [
            (
                "Israel has long opposed the deal.",
                "Frankreich lehnt das Abkommen seit langem ab.",
                "Frankreich",
            ),
            (
                "the UK government",
                "die Regierung der französischen Republik",
                "französischen",
            ),
            // A German state the English does not name (the German-only list).
            (
                "Sanctions against Russia",
                "Sanktionen gegen Niedersachsen",
                "Niedersachsen",
            ),
            ("Sanctions against Russia", "Sanktionen gegen das Land", ""),
            ("Cyprus banks", "die norwegischen Banken", "norwegischen"),
        ] {
            let (errors, on_source) = target_errors(src, tgt);
            if bad.is_empty() {
                // Not in the table: the missing place is a warning on the English.
                assert!(errors.is_empty(), "{src} → {tgt}: {errors:?}");
                assert!(on_source, "{src}");
            } else {
                assert_eq!(errors, vec![bad], "{src} → {tgt}");
            }
        }
    }

    /// The German spans of MT020's error findings on `src` → `tgt`, and whether it has a
    /// finding on the English.
    fn target_errors<'t>(src: &str, tgt: &'t str) -> (Vec<&'t str>, bool) {
        let d = crate::checks::DocStats::default();
        let mut out = Findings::new();
        NameMismatch.check(&PairView::simple(src, tgt, &d), &mut out);
        let errors = out
            .iter()
            .filter(|f| f.severity() == Severity::Error && f.side == Side::Target)
            .map(|f| &tgt[f.span.clone()])
            .collect();
        (errors, out.iter().any(|f| f.side == Side::Source))
    }

    /// MT020's error findings on the German of `src` → `tgt` are exactly `bad` (none when
    /// it is empty).
    fn assert_target_errors(src: &str, tgt: &str, bad: &str) {
        let (errors, _) = target_errors(src, tgt);
        let want: Vec<&str> = if bad.is_empty() { vec![] } else { vec![bad] };
        assert_eq!(errors, want, "{src} → {tgt}");
    }

    /// Issue 16 item 1: a name of the English outside the table ("Bush", "Rambouillet")
    /// replaced by a country or city of the table is an error on the German; a German
    /// adjective, a compound prefix and a name the German keeps are not.
    #[test]
    fn a_name_replaced_by_a_place_is_an_error() {
        for (src, tgt, bad) in [
            (
                "Likewise, the Bush administration opposed the OECD initiative.",
                "Desgleichen lehnte die Regierung in Deutschland die Initiative der OECD ab.",
                "Deutschland",
            ),
            (
                "It could fit into the library of the chateau at Rambouillet.",
                "Es passte in die Bibliothek von Berlin.",
                "Berlin",
            ),
            (
                "I gave a lecture in Helsinki on labour standards.",
                "Ich hielt in Zürich einen Vortrag über Arbeitsnormen.",
                "Zürich",
            ),
            (
                "Based on the evidence, the NUI Galway researchers agree.",
                "Aufgrund der Daten stimmen die irischen Forscher zu.",
                "",
            ),
            (
                "a marked contrast to Sino-US tensions",
                "ein Gegensatz zu den Spannungen zwischen China und den USA",
                "",
            ),
            (
                "and the Hague would be one of the main reasons.",
                "und Den Haag wäre ein Hauptgrund dafür.",
                "",
            ),
            (
                "the Bush administration opposed it",
                "die Regierung Bush lehnte sie in Deutschland ab",
                "",
            ),
        ] {
            assert_target_errors(src, tgt, bad);
        }
    }

    /// Issue 16 item 1: a German party, state, city or politician that the English does not
    /// name in any of its forms is an error; one the English names in its own words is not.
    #[test]
    fn a_german_name_the_english_lacks_is_an_error() {
        for (src, tgt, bad) in [
            (
                "Greece is refusing to acquiesce to demands by its creditors.",
                "VW weigert sich, den Forderungen seiner Gläubiger nachzugeben.",
                "VW",
            ),
            (
                "Russia is drifting away from a Eurocentric course.",
                "Hamburg verlässt seinen auf Europa ausgerichteten Kurs.",
                "Hamburg",
            ),
            (
                "It is clear that the eurozone will need far better coordination.",
                "Es ist klar, dass die Arbeit der FDP einer besseren Koordinierung bedarf.",
                "FDP",
            ),
            (
                "The Social Democrats lost votes in Bavaria.",
                "Die SPD verlor Stimmen in Bayern.",
                "",
            ),
            (
                "Chancellor Gerhard Schroeder lost the election.",
                "Bundeskanzler Gerhard Schröder verlor die Wahl.",
                "",
            ),
            (
                "energy inputs such as oil, gas and coal",
                "Energiegrundstoffe wie Öl, Gas und Kohle",
                "",
            ),
            (
                "Merkel's party lost the vote in Munich.",
                "Merkels Partei verlor die Abstimmung in München.",
                "",
            ),
        ] {
            assert_target_errors(src, tgt, bad);
        }
    }
}
