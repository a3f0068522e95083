//! Small text helpers shared by the checks: words with byte offsets, case tests, word lists
//! loaded from the data files under `src/checks/data/`.

use std::collections::HashSet;
use std::ops::Range;

/// A set of words from a data file. FxHash, not SipHash: the keys are the file's fixed words,
/// and a lookup of a hostile word costs one hash and one probe like any other, so input cannot
/// make it slow (only inserting chosen keys could, and input never inserts).
pub type WordSet = HashSet<&'static str, rustc_hash::FxBuildHasher>;

/// Parse a word-list data file: one entry per line, `#` starts a comment, blank lines ignored.
pub fn word_set(data: &'static str) -> WordSet {
    data.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Entries of one `[name]` section of a sectioned word list (the splitter's `en_words.txt`,
/// `de_words.txt`): `#` starts a comment, `[name]` starts a section.
pub fn word_list_section(data: &'static str, name: &str) -> WordSet {
    let header = format!("[{name}]");
    let mut inside = false;
    let mut out = WordSet::default();
    for line in data.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.starts_with('[') {
            inside = line == header;
        } else if inside && !line.is_empty() {
            out.insert(line);
        }
    }
    out
}

/// Push the head/tail splits of a German compound to `parts`: at every char from `min_part`
/// on that leaves a tail of four or more, the tail and the head, and the head without a
/// linking `s` when it keeps `min_part` chars ("Arbeits|markt" → "markt", "Arbeits",
/// "Arbeit").
pub fn push_compound_splits<'a>(w: &'a str, min_part: usize, parts: &mut Vec<&'a str>) {
    let n = w.chars().count();
    for (k, (i, _)) in w.char_indices().enumerate().skip(min_part) {
        if n - k < 4 {
            break;
        }
        let (head, tail) = w.split_at(i);
        parts.push(tail);
        parts.push(head);
        if let Some(h) = head.strip_suffix('s')
            && h.chars().count() >= min_part
        {
            parts.push(h);
        }
    }
}

/// Words of `s` as byte ranges: runs of letters and digits; a hyphen or apostrophe between two
/// such characters stays inside the word ("Open-Source-Ökosystem", "don't").
pub fn words(s: &str) -> std::rc::Rc<[Range<usize>]> {
    // Several checks ask for the words of the same sentence or pair (the one memo).
    thread_local! {
        static MEMO: std::cell::RefCell<crate::checks::tokens::Memo<Range<usize>>> =
            const { std::cell::RefCell::new(crate::checks::tokens::Memo::new()) };
    }
    crate::checks::tokens::Memo::get(&MEMO, s, split_words)
}

fn split_words(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(s.len() / 6 + 1);
    crate::checks::tokens::word_ranges(s, &mut out);
    out
}

/// The words of [`words`], one at a time and without the memo: for a rule that needs only the
/// first word or two of a text.
pub fn word_iter(s: &str) -> crate::checks::tokens::WordIter<'_> {
    crate::checks::tokens::WordIter::new(s)
}

/// White-space separated tokens of `s` as byte ranges (those of `str::split_whitespace`).
pub fn tokens(s: &str) -> Vec<Range<usize>> {
    // (room for a token every five bytes up front: pushed one by one, the vector grew
    // four times a text)
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    for_each_spaced(s, |r| out.push(r));
    out
}

/// The tokens of [`tokens`] one at a time, without a vector: a byte scan that decodes only
/// non-ASCII chars (the char iterator of `split_whitespace` cost more than hashing the words
/// in `consistency`).
pub fn for_each_spaced(s: &str, mut f: impl FnMut(Range<usize>)) {
    let b = s.as_bytes();
    // Whether the char at byte `i` (a char boundary) is white space, and its length.
    let space_at = |i: usize| -> (bool, usize) {
        match b[i] {
            // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed,
            // carriage return, space
            x if x < 0x80 => (matches!(x, b'\t'..=b'\r' | b' '), 1),
            _ => s[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        }
    };
    let mut i = 0;
    while i < b.len() {
        let (space, len) = space_at(i);
        i += len;
        if space {
            continue;
        }
        let start = i - len;
        // the rest of the token: ASCII bytes told apart without a call
        while i < b.len() {
            let x = b[i];
            if x < 0x80 {
                if matches!(x, b'\t'..=b'\r' | b' ') {
                    break;
                }
                i += 1;
                continue;
            }
            let (space, len) = space_at(i);
            if space {
                break;
            }
            i += len;
        }
        f(start..i);
    }
}

/// First character is upper case.
pub fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// First character is lower case.
pub fn is_lower_initial(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

/// Every letter is lower case (and there is at least one letter).
pub fn is_all_lower(w: &str) -> bool {
    w.chars().any(char::is_alphabetic)
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_lowercase)
}

/// Every letter is upper case and there are at least two letters ("KYC", "MIT").
pub fn is_all_caps(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Upper-case initial followed only by lower-case letters ("Haus").
pub fn is_title_word(w: &str) -> bool {
    // A word that starts with an ASCII char that is no capital is none, whatever follows
    // (that char is the first char): most words, told by one byte.
    if w.as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return false;
    }
    // An ASCII word by its bytes (the char tests give the same answers there): most words
    // are ASCII.
    if w.is_ascii() {
        let b = w.as_bytes();
        return b.first().is_some_and(u8::is_ascii_uppercase)
            && !b[1..].iter().any(u8::is_ascii_uppercase);
    }
    let mut cs = w.chars();
    // (after the initial, ASCII chars and the Latin-1 small letters of German words, 'ß' to
    // 'ÿ' with '÷', no letter, are told without the Unicode tables)
    cs.next().is_some_and(char::is_uppercase)
        && cs.all(|c| {
            if c.is_ascii() {
                !c.is_ascii_uppercase()
            } else {
                matches!(c, 'ß'..='ÿ') || !c.is_alphabetic() || c.is_lowercase()
            }
        })
}

/// `w` with its first char upper-cased ("über" → "Über"), for tests of the case filters.
#[cfg(test)]
pub fn capitalise_first(w: &str) -> String {
    let mut cs = w.chars();
    cs.next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(cs)
        .collect()
}

/// The word lower-cased (allocates only when needed).
pub fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// Strings in one buffer, in order: a list of derived word forms (lower-cased, canonical…)
/// built with two allocations instead of one per word.
#[derive(Debug, Default, Clone)]
pub struct StrList {
    buf: String,
    /// End of string `i` in `buf` (its start is the end of string `i - 1`).
    ends: Vec<usize>,
}

impl StrList {
    /// An empty list with room for `n` strings of `bytes` bytes in all.
    pub fn with_capacity(n: usize, bytes: usize) -> StrList {
        StrList {
            buf: String::with_capacity(bytes),
            ends: Vec::with_capacity(n),
        }
    }

    /// Append one string, written by `write` at the end of the buffer.
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.buf);
        self.ends.push(self.buf.len());
    }

    /// String `i` ("" past the end).
    pub fn get(&self, i: usize) -> &str {
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.buf[start..end]
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The strings in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.get(i))
    }
}

/// `w` lower-cased into `buf` when it is ASCII of up to 64 bytes (`None` otherwise): the
/// stack path of [`with_lower`], [`lower_on`] and the name rule's canonical forms.
pub fn ascii_lower_into<'b>(w: &str, buf: &'b mut [u8; 64]) -> Option<&'b mut [u8]> {
    if w.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    let b = &mut buf[..w.len()];
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    Some(b)
}

/// `f` of the word lower-cased as [`str::to_lowercase`] does it, without allocating for an
/// ASCII word of up to 64 bytes (lower-cased on the stack; a non-ASCII word is cheaper to
/// lower-case by the library than char by char).
pub fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    // ASCII in, ASCII out: always valid UTF-8.
    if let Some(b) = ascii_lower_into(w, &mut buf)
        && let Ok(lw) = std::str::from_utf8(b)
    {
        return f(lw);
    }
    f(&w.to_lowercase())
}

/// [`lower`]`(w)`, lower-cased into `buf` when `w` is ASCII of up to 64 bytes with a capital
/// (where `lower` makes a `String`): the same text, without the allocation.
pub fn lower_on<'b>(w: &'b str, buf: &'b mut [u8; 64]) -> std::borrow::Cow<'b, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase())
        && let Some(b) = ascii_lower_into(w, buf)
        // ASCII in, ASCII out: always valid UTF-8.
        && let Ok(lw) = std::str::from_utf8(b)
    {
        return std::borrow::Cow::Borrowed(lw);
    }
    lower(w)
}

/// `f` of [`lower`]`(w)`: the word itself when no char of it is upper case, else lower-cased
/// ([`with_lower`]: on the stack for an ASCII word of up to 64 bytes). The same answers as
/// `lower`, without its `String` for a capitalised word.
pub fn with_lower_word<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let capital = if w.is_ascii() {
        w.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        w.chars().any(char::is_uppercase)
    };
    if capital { with_lower(w, f) } else { f(w) }
}

/// A set of word starts (the first two bytes, `b0 << 8 | b1`, `b1` = 0 for a one-byte word),
/// one bit each (8 KiB): most words are found to be in no list without hashing them.
pub struct TwoByteSet(Box<[u64; 1024]>);

impl TwoByteSet {
    fn key(w: &str) -> usize {
        let b = w.as_bytes();
        (usize::from(b.first().copied().unwrap_or(0)) << 8)
            | usize::from(b.get(1).copied().unwrap_or(0))
    }

    pub fn of<'a>(words: impl Iterator<Item = &'a str>) -> TwoByteSet {
        Self::of_pairs(words.map(|w| {
            let k = Self::key(w);
            ((k >> 8) as u8, k as u8)
        }))
    }

    /// The set of the byte pairs `pairs` (for [`TwoByteSet::has_bytes`]: keys other than a
    /// word's first two bytes, such as its first byte and its length).
    pub fn of_pairs(pairs: impl Iterator<Item = (u8, u8)>) -> TwoByteSet {
        let mut bits = Box::new([0u64; 1024]);
        for (b0, b1) in pairs {
            let k = usize::from(b0) << 8 | usize::from(b1);
            bits[k >> 6] |= 1 << (k & 63);
        }
        TwoByteSet(bits)
    }

    /// Whether a word of the set could start like `w`.
    pub fn has(&self, w: &str) -> bool {
        self.has_start(Self::key(w))
    }

    /// Whether a word of the set could start with the bytes `b0`, `b1` (`b1` = 0: a word of
    /// one byte).
    pub fn has_bytes(&self, b0: u8, b1: u8) -> bool {
        self.has_start(usize::from(b0) << 8 | usize::from(b1))
    }

    fn has_start(&self, k: usize) -> bool {
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

/// Whether `a` and `b` are at least 90 % alike by normalised Levenshtein distance (in chars),
/// exactly as `strsim::normalized_levenshtein(a, b) >= 0.9`, in time linear in their
/// length: only the diagonal band of the distance table that such a distance can reach is
/// filled (Ukkonen's cut-off).
pub fn ninety_percent_alike(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let longest = a.len().max(b.len());
    if longest == 0 {
        return true;
    }
    // A distance above `band` is more than a tenth of `longest` plus one: far below 0.9
    // whatever the rounding. Up to it the distance is exact, and decides as strsim does.
    let band = longest / 10 + 1;
    levenshtein_within(&a, &b, band).is_some_and(|d| 1.0 - (d as f64) / (longest as f64) >= 0.9)
}

/// The Levenshtein distance of `a` and `b` when it is at most `band`; `None` when it is more.
fn levenshtein_within(a: &[char], b: &[char], band: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > band {
        return None;
    }
    const FAR: usize = usize::MAX / 2;
    // Row i of the table: the distance of a[..i] and b[..j], FAR outside the band.
    let mut prev: Vec<usize> = (0..=b.len())
        .map(|j| if j <= band { j } else { FAR })
        .collect();
    let mut row = vec![FAR; b.len() + 1];
    for i in 1..=a.len() {
        let lo = i.saturating_sub(band).max(1);
        let hi = (i + band).min(b.len());
        row.fill(FAR);
        if i <= band {
            row[0] = i;
        }
        let mut best = row[0];
        for j in lo..=hi {
            let substitute = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let d = substitute.min(prev[j] + 1).min(row[j - 1] + 1);
            row[j] = d;
            best = best.min(d);
        }
        if best > band {
            return None;
        }
        std::mem::swap(&mut prev, &mut row);
    }
    Some(prev[b.len()]).filter(|&d| d <= band)
}

/// The index of the first ASCII digit in `b` at or after `from`, read eight bytes at a time
/// (most of a text is not digits: a byte-by-byte search cost some four instructions a byte).
#[inline]
pub fn next_ascii_digit(b: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let mut at = from;
    while let Some(eight) = b.get(at..).and_then(|r| r.first_chunk::<8>()) {
        let x = u64::from_le_bytes(*eight);
        // Per byte, of its low seven bits y: adding 0x50 sets the high bit from 0x30 ('0')
        // up, adding 0x46 from 0x3A (after '9') up, neither carrying into the next byte; a
        // byte with its own high bit set is no ASCII digit.
        let y = x & LOW7;
        let digits = (y + 0x5050_5050_5050_5050) & !(y + 0x4646_4646_4646_4646) & !x & HIGH;
        if digits != 0 {
            return Some(at + digits.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    b.get(at..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|k| at + k)
}

/// Whether every byte of `b` is an ASCII letter ([`u8::is_ascii_alphabetic`]), read eight
/// bytes at a time (then four, two, one).
#[inline]
pub fn all_ascii_letters(b: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Per byte of `x`: ASCII (high bit clear), and then OR 0x20 puts the letters, and only
    // them, in 0x61..=0x7A; adding 0x1F sets the high bit from 0x61 up, adding 0x05 from 0x7B
    // up, and neither carries into the next byte.
    let letters = |x: u64| {
        let y = x | 0x2020_2020_2020_2020;
        x & HIGH == 0 && (y + 0x1F1F_1F1F_1F1F_1F1F) & !(y + 0x0505_0505_0505_0505) & HIGH == HIGH
    };
    let mut rest = b;
    while let Some((eight, tail)) = rest.split_first_chunk::<8>() {
        if !letters(u64::from_le_bytes(*eight)) {
            return false;
        }
        rest = tail;
    }
    // The last bytes four, two and one at a time, the bytes above them 'a' (a letter).
    if let Some((four, tail)) = rest.split_first_chunk::<4>() {
        if !letters(u64::from(u32::from_le_bytes(*four)) | 0x6161_6161_0000_0000) {
            return false;
        }
        rest = tail;
    }
    if let Some((two, tail)) = rest.split_first_chunk::<2>() {
        if !letters(u64::from(u16::from_le_bytes(*two)) | 0x6161_6161_6161_0000) {
            return false;
        }
        rest = tail;
    }
    rest.first().is_none_or(u8::is_ascii_alphabetic)
}

/// Whether `w` lower-cased as [`str::to_lowercase`] does it is `lower`, without allocating
/// for an ASCII `w` (compared byte by byte).
pub fn lowers_to(w: &str, lower: &str) -> bool {
    if w.is_ascii() {
        return w.len() == lower.len()
            && w.bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b);
    }
    with_lower(w, |lw| lw == lower)
}

/// Opening quotation marks and brackets.
pub fn is_opening_mark(c: char) -> bool {
    matches!(
        c,
        '„' | '“' | '"' | '»' | '«' | '‚' | '‘' | '\'' | '(' | '[' | '{' | '‹' | '›'
    )
}

/// Punctuation after which a capitalised word may legitimately start (a new sentence, a
/// heading, a quotation, a colon).
pub fn gap_allows_capital(gap: &str) -> bool {
    gap.chars().any(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | '…' | '\n' | '|' | '•' | '·' | ']' | '=' | '*' | '>' | '~'
        ) || is_opening_mark(c)
    }) || gap.contains("<")
}

/// The token (white-space separated) of `s` that contains byte `pos`.
pub fn token_at(s: &str, pos: usize) -> Range<usize> {
    let start = s[..pos]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let end = s[pos..]
        .char_indices()
        .find(|&(_, c)| c.is_whitespace())
        .map(|(i, _)| pos + i)
        .unwrap_or(s.len());
    start..end
}

/// The white-space separated tokens of one text, for [`token_at`] lookups at many positions:
/// the tokens are found once and each lookup is a binary search (a check that called
/// `token_at` per word rescanned a long token per word: quadratic on one long token).
pub struct TokenIndex {
    tokens: Vec<Range<usize>>,
    /// Per token: not yet asked (0), code-like (1), prose (2).
    code_like: Vec<std::cell::Cell<u8>>,
}

impl TokenIndex {
    pub fn new(s: &str) -> TokenIndex {
        let tokens = tokens(s);
        let code_like = vec![std::cell::Cell::new(0); tokens.len()];
        TokenIndex { tokens, code_like }
    }

    /// The same range as `token_at(s, pos)` for the `s` this index was built from.
    pub fn at(&self, pos: usize) -> Range<usize> {
        match self.index_at(pos) {
            Some(i) => self.tokens[i].clone(),
            None => pos..pos,
        }
    }

    fn index_at(&self, pos: usize) -> Option<usize> {
        let i = self
            .tokens
            .partition_point(|t| t.start <= pos)
            .checked_sub(1)?;
        (self.tokens[i].end >= pos).then_some(i)
    }

    /// `is_code_like(&s[token_at(s, pos)])`, worked out once per token (`s` is the text this
    /// index was built from).
    pub fn code_like_at(&self, s: &str, pos: usize) -> bool {
        let Some(i) = self.index_at(pos) else {
            return is_code_like("");
        };
        let cell = &self.code_like[i];
        if cell.get() == 0 {
            cell.set(if is_code_like(&s[self.tokens[i].clone()]) {
                1
            } else {
                2
            });
        }
        cell.get() == 1
    }
}

/// Tokens that are not prose: URLs, e-mail addresses, @handles, #hashtags, paths, code.
pub fn is_code_like(tok: &str) -> bool {
    // one pass over the bytes for the marks ("://" holds a '/')
    tok.starts_with("www.")
        || tok
            .bytes()
            .any(|b| matches!(b, b'@' | b'#' | b'_' | b'/' | b'\\' | b'=' | b'{' | b'<'))
        || has_domain(tok)
}

fn has_domain(tok: &str) -> bool {
    let t = tok.trim_end_matches(|c: char| !c.is_alphanumeric());
    match t.rfind('.') {
        Some(i) if i > 0 => {
            let tld = &t[i + 1..];
            matches!(
                tld,
                "com"
                    | "org"
                    | "net"
                    | "de"
                    | "io"
                    | "ai"
                    | "co"
                    | "uk"
                    | "eu"
                    | "gov"
                    | "edu"
                    | "info"
                    | "at"
                    | "ch"
                    | "html"
                    | "php"
                    | "htm"
                    | "txt"
                    | "pdf"
                    | "rs"
                    | "py"
                    | "js"
                    | "json"
            ) && t[..i].chars().last().is_some_and(|c| c.is_alphanumeric())
        }
        _ => false,
    }
}

/// The source contains `w` as a whole word (case-sensitive).
pub fn source_has_word(source: &str, w: &str) -> bool {
    if source.is_empty() || w.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = source[from..].find(w) {
        let s = from + i;
        let e = s + w.len();
        let before_ok = source[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = source[e..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        // the next occurrence may overlap this one ("a.a" in "aa.a.a")
        from = s + source[s..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Whole-word lookups ([`source_has_word`]) in one text, linear overall however many words
/// are looked up: the first lookup builds a sorted index of the text's alphanumeric runs
/// ([`RunIndex`]), each lookup is a binary search. A check that asks "does the source have
/// this word?" per target word rescanned the source per word (quadratic for a long sentence
/// pair); scanning for the first few words cost more than the index (a substring searcher
/// per word).
///
/// The answer is the one of `source_has_word` (any occurrence with non-alphanumeric chars or
/// the text's ends around it). A word of several alphanumeric runs ("Rees-Mogg") is looked up
/// through its rarest run; the work spent comparing candidates is capped at a multiple of
/// the text's length, and past the cap (hostile text only: thousands of near-identical runs)
/// a lookup answers "yes", which keeps a check silent.
pub struct SourceWords<'a> {
    source: &'a str,
    index: std::cell::OnceCell<RunIndex>,
    budget: Budget,
}

/// What is left of a whole-word look-up's budget of comparisons in a source: a multiple of
/// its length ([`SourceWords`]).
pub struct Budget(std::cell::Cell<usize>);

impl Budget {
    /// The budget of the look-ups in `source`.
    pub fn for_source(source: &str) -> Budget {
        Budget(std::cell::Cell::new(16 * (source.len() + 64)))
    }

    /// No budget (for look-ups that go elsewhere).
    pub fn none() -> Budget {
        Budget(std::cell::Cell::new(0))
    }

    /// Take `cost` from the budget; false when it has run out (hostile text: the caller
    /// answers "yes").
    pub fn pay(&self, cost: usize) -> bool {
        let left = self.0.get();
        if left < cost {
            return false;
        }
        self.0.set(left - cost);
        true
    }
}

/// The maximal alphanumeric runs of a text with a sorted list of (key, run index): the key
/// packs a run's length and first six bytes, so the runs that can equal a word are one range
/// of the list, found by binary search (equal keys in text order). No hashing, so no input
/// can make the index slow to build; two allocations per text.
struct RunIndex {
    runs: Vec<Range<usize>>,
    keys: Vec<(u64, u32)>,
}

/// [`RunIndex`]'s key of a run: its length and its first six bytes.
fn run_key(w: &str) -> u64 {
    let mut k = (w.len().min(0xffff) as u64) << 48;
    for (i, &b) in w.as_bytes().iter().take(6).enumerate() {
        k |= u64::from(b) << (40 - 8 * i);
    }
    k
}

/// A [`RunIndex`]'s two vectors (runs, keys).
type IndexVecs = (Vec<Range<usize>>, Vec<(u64, u32)>);

thread_local! {
    /// The two vectors of this thread's last dropped [`RunIndex`], for the next one: a
    /// thread checking pair after pair allocates them once, not per pair.
    static SPARE_INDEX: std::cell::Cell<IndexVecs> = std::cell::Cell::default();
}

/// A [`RunIndex`]'s vectors up to this capacity go back to [`SPARE_INDEX`] when it drops.
const KEEP_INDEX: usize = 1 << 14;

impl RunIndex {
    fn new(source: &str) -> RunIndex {
        let (mut runs, mut keys) = SPARE_INDEX.try_with(|s| s.take()).unwrap_or_default();
        runs.clear();
        keys.clear();
        alnum_runs_into(source, &mut runs);
        keys.extend(
            runs.iter()
                .enumerate()
                .map(|(k, r)| (run_key(&source[r.clone()]), k as u32)),
        );
        keys.sort_unstable();
        RunIndex { runs, keys }
    }

    /// The indices of the runs that may equal `w` (same key), in text order.
    fn candidates(&self, w: &str) -> &[(u64, u32)] {
        let key = run_key(w);
        let lo = self.keys.partition_point(|&(k, _)| k < key);
        let n = self.keys[lo..].partition_point(|&(k, _)| k == key);
        &self.keys[lo..lo + n]
    }
}

impl Drop for RunIndex {
    fn drop(&mut self) {
        if self.runs.capacity() <= KEEP_INDEX && self.keys.capacity() <= KEEP_INDEX {
            let spare = (
                std::mem::take(&mut self.runs),
                std::mem::take(&mut self.keys),
            );
            // (at thread exit the slot may be gone: the vectors are then freed)
            let _ = SPARE_INDEX.try_with(|s| s.set(spare));
        }
    }
}

/// The maximal alphanumeric runs of `s` (byte ranges).
fn alnum_runs(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    alnum_runs_into(s, &mut out);
    out
}

/// [`alnum_runs`] appended to `out`.
pub(crate) fn alnum_runs_into(s: &str, out: &mut Vec<Range<usize>>) {
    out.reserve(s.len() / 5 + 1);
    let mut start: Option<usize> = None;
    if s.is_ascii() {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && !b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let st = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i > st {
                out.push(st..i);
            }
        }
        return;
    }
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push(st..i);
        }
    }
    if let Some(st) = start {
        out.push(st..s.len());
    }
}

impl<'a> SourceWords<'a> {
    pub fn new(source: &'a str) -> SourceWords<'a> {
        SourceWords {
            source,
            index: std::cell::OnceCell::new(),
            budget: Budget::for_source(source),
        }
    }

    fn pay(&self, cost: usize) -> bool {
        self.budget.pay(cost)
    }

    /// The source contains `w` as a whole word (case-sensitive), as [`source_has_word`].
    pub fn has(&self, w: &str) -> bool {
        if self.source.is_empty() || w.is_empty() {
            return false;
        }
        let alnum_ends = w.chars().next().is_some_and(char::is_alphanumeric)
            && w.chars().next_back().is_some_and(char::is_alphanumeric);
        if !alnum_ends {
            // (a word with other chars at its ends is not a run sequence: scan; no caller
            // asks for one, they all look up words of `words()`)
            return source_has_word(self.source, w);
        }
        let source = self.source;
        let index = self.index.get_or_init(|| RunIndex::new(source));
        let runs = &index.runs;
        // The runs equal to `part`, in text order (None: the budget ran out).
        let equal = |part: &'_ str| -> Option<Vec<u32>> {
            let mut out = Vec::new();
            for &(_, k) in index.candidates(part) {
                if !self.pay(part.len()) {
                    return None;
                }
                if source[runs[k as usize].clone()] == *part {
                    out.push(k);
                }
            }
            Some(out)
        };
        let one_run = if w.is_ascii() {
            w.bytes().all(|b| b.is_ascii_alphanumeric())
        } else {
            w.chars().all(char::is_alphanumeric)
        };
        if one_run {
            for &(_, k) in index.candidates(w) {
                if !self.pay(w.len()) || source[runs[k as usize].clone()] == *w {
                    return true;
                }
            }
            return false;
        }
        let parts = alnum_runs(w);
        runs_match(source, runs, w, &parts, equal, |cost| self.pay(cost))
    }
}

/// The look-up of a word of several alphanumeric runs (`parts`, byte ranges into `w`) among
/// the alphanumeric runs `runs` of `source`: the word's runs one after the other, with the
/// same chars between them. `equal(part)` lists the source runs equal to a part, in text
/// order (`None`: the comparison budget ran out, and the answer is yes); `pay(cost)` takes
/// from that budget (false: it ran out). Shared by [`SourceWords::has`] and the pair
/// analysis's look-up in a short source, which find the runs equal to a part each in its
/// own way.
pub fn runs_match(
    source: &str,
    runs: &[Range<usize>],
    w: &str,
    parts: &[Range<usize>],
    equal: impl Fn(&str) -> Option<Vec<u32>>,
    pay: impl Fn(usize) -> bool,
) -> bool {
    // The rarest run of `w` in the source; no occurrence of one run: no match.
    let mut best: Option<(usize, Vec<u32>)> = None;
    for (j, p) in parts.iter().enumerate() {
        let Some(list) = equal(&w[p.clone()]) else {
            return true;
        };
        if list.is_empty() {
            return false;
        }
        if best.as_ref().is_none_or(|(_, b)| list.len() < b.len()) {
            best = Some((j, list));
        }
    }
    let Some((j, candidates)) = best else {
        return false;
    };
    for c in candidates {
        let Some(first) = (c as usize).checked_sub(j) else {
            continue;
        };
        if first + parts.len() > runs.len() {
            continue;
        }
        if !pay(w.len()) {
            return true;
        }
        let matches = parts.iter().enumerate().all(|(m, p)| {
            let r = &runs[first + m];
            source[r.clone()] == w[p.clone()]
                && (m + 1 == parts.len()
                    || source[r.end..runs[first + m + 1].start] == w[p.end..parts[m + 1].start])
        });
        if matches {
            return true;
        }
    }
    false
}

/// The target sentences of a pair (byte ranges into `pair.target`); the whole target when the
/// pair carries no sentence ranges (none for an empty one).
pub fn target_sentences<'p>(
    pair: &'p crate::checks::PairView<'_>,
) -> impl Iterator<Item = Range<usize>> + 'p {
    let whole = (pair.target_sentences.is_empty() && !pair.target.trim().is_empty())
        .then_some(0..pair.target.len());
    pair.target_sentences.iter().cloned().chain(whole)
}

/// English function words that are not German words (data file shared by MT001 and the
/// source tests of MT004).
pub static EN_MARKERS: std::sync::LazyLock<WordSet> =
    std::sync::LazyLock::new(|| word_set(include_str!("data/en_markers.txt")));

const EN_TITLE_WORDS: &[&str] = &["In", "An", "So", "Not", "Then", "Once", "Must", "All"];

/// Capitalised English function words in mid-sentence in the source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SourceCaps {
    /// "The", "A", "An": a title or name ("the book The Sovereign Individual"); the German
    /// may keep its article capitalised.
    pub articles: bool,
    /// Any other function word: a title ("Gone With the Wind") or a heading run into the text
    /// ("Bibliography Just to mention …"); the German may keep any such capital.
    pub others: bool,
}

/// Which capitalised function words the English source has in mid-sentence (`ws`: the
/// source's [`words`]).
pub fn source_caps(source: &str, ws: &[Range<usize>]) -> SourceCaps {
    let mut caps = SourceCaps::default();
    for (k, w) in ws.iter().enumerate().skip(1) {
        let word = &source[w.clone()];
        if !is_capitalised(word)
            || gap_allows_capital(&source[ws[k - 1].end..w.start])
            || word == "I"
            || word.starts_with("I'")
            || word.starts_with("I’")
        {
            continue;
        }
        if matches!(word, "The" | "A" | "An") {
            caps.articles = true;
        } else if EN_TITLE_WORDS.contains(&word) || with_lower(word, |lw| EN_MARKERS.contains(lw)) {
            caps.others = true;
        }
    }
    caps
}

/// The source has "I" in mid-sentence with no punctuation before it (a run-on sentence:
/// "I am fascinated I would like to know"); the German "Ich" there mirrors the source.
pub fn source_has_run_on_i(source: &str) -> bool {
    let ws = words(source);
    ws.iter().enumerate().skip(1).any(|(k, w)| {
        let word = &source[w.clone()];
        (word == "I" || word.starts_with("I'") || word.starts_with("I’"))
            && !gap_allows_capital(&source[ws[k - 1].end..w.start])
            && !matches!(
                source[ws[k - 1].clone()].to_lowercase().as_str(),
                "and"
                    | "or"
                    | "but"
                    | "that"
                    | "if"
                    | "when"
                    | "because"
                    | "as"
                    | "so"
                    | "than"
                    | "what"
                    | "where"
                    | "how"
                    | "why"
                    | "while"
                    | "since"
                    | "until"
                    | "before"
                    | "after"
                    | "which"
                    | "who"
                    | "whom"
                    | "whether"
                    | "though"
                    | "although"
            )
    })
}

/// Eight bytes read as one little-endian word (the byte scans of the text rules): a one in
/// each byte.
pub const BYTE_ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of the eight bytes.
pub const BYTE_HIGHS: u64 = BYTE_ONES << 7;

/// The high bit of each zero byte of `y`, exactly (per byte: nothing carries into the next).
#[inline]
pub fn zero_bytes(y: u64) -> u64 {
    let low7 = !BYTE_HIGHS;
    !(((y & low7) + low7) | y) & BYTE_HIGHS
}

/// The high bit of each byte of `w` in `lo..=hi`, for a word of ASCII bytes only (below
/// 0x80) and `hi` below 0x80: adding 0x80 − `lo` sets a byte's high bit from `lo` on, adding
/// 0x7F − `hi` from past `hi`, and no byte carries into the next.
#[inline]
pub fn ascii_bytes_in(w: u64, lo: u8, hi: u8) -> u64 {
    (w + u64::from(0x80 - lo) * BYTE_ONES) & !(w + u64::from(0x7F - hi) * BYTE_ONES) & BYTE_HIGHS
}

/// Whether some byte `x` of the eight bytes in `w` has `x & mask == value`.
#[inline]
pub fn some_byte_masked(w: u64, mask: u8, value: u8) -> bool {
    zero_bytes((w & (BYTE_ONES * u64::from(mask))) ^ (BYTE_ONES * u64::from(value))) != 0
}

/// The first offset at or after `from` whose byte `hit` accepts, for scans that look for
/// rare bytes: eight bytes at a time (a little-endian word) are passed over where `may_hit`
/// says none of them is a hit. `may_hit` may say yes for eight bytes without a hit (they
/// are then looked at one by one), never no for eight bytes with one.
#[inline]
pub fn find_byte_by_chunks(
    b: &[u8],
    from: usize,
    may_hit: impl Fn(u64) -> bool,
    hit: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut at = from;
    while let Some(eight) = b.get(at..).and_then(|r| r.first_chunk::<8>()) {
        if may_hit(u64::from_le_bytes(*eight))
            && let Some(k) = eight.iter().position(|&x| hit(x))
        {
            return Some(at + k);
        }
        at += 8;
    }
    b.get(at..)?.iter().position(|&x| hit(x)).map(|k| at + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_by_bytes_are_those_by_chars() {
        let by_chars = |w: &str| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.filter(|c| c.is_alphabetic()).all(char::is_lowercase)
        };
        for w in [
            "",
            "a",
            "A",
            "Haus",
            "HAus",
            "haus",
            "H2O",
            "Rees-Mogg",
            "Rees-mogg",
            "1a",
            "X",
            "Ärger",
            "ÄRGER",
        ] {
            assert_eq!(is_title_word(w), by_chars(w), "{w:?}");
        }
        // random words: ASCII and not, capitals and digits anywhere
        for w in crate::checks::tokens::tests::random_texts("aZ9-Äßÿ÷Þ\u{212a}İΣσ", 5, 6, 30000)
        {
            assert_eq!(is_title_word(&w), by_chars(&w), "{w:?}");
        }
    }

    #[test]
    fn ninety_percent_alike_answers_as_strsim() {
        // Short alphabets make near copies; the lengths cross the band's edges.
        let mut alike = 0;
        for alphabet in ["ab", "abc ", "aäß x"] {
            let texts = crate::checks::tokens::tests::random_texts(alphabet, 17, 60, 400);
            for (x, y) in texts.iter().zip(texts.iter().skip(1)) {
                // A text, a copy with a few edits, and another text.
                let mut edited: Vec<char> = x.chars().collect();
                for k in (0..edited.len()).step_by(9) {
                    edited[k] = 'z';
                }
                let edited: String = edited.into_iter().collect();
                for (a, b) in [(x, &edited), (x, y), (&edited, y), (x, x)] {
                    let want = strsim::normalized_levenshtein(a, b) >= 0.9;
                    alike += usize::from(want);
                    assert_eq!(ninety_percent_alike(a, b), want, "{a:?} {b:?}");
                }
            }
        }
        assert!(alike > 500, "{alike}");
        assert!(ninety_percent_alike("", "") && !ninety_percent_alike("", "a"));
    }

    #[test]
    fn next_ascii_digit_finds_what_a_byte_search_finds() {
        // Digits, their byte neighbours ('/', ':'), bytes that differ from a digit in the high
        // bit only (0xB0..0xB9 inside 'ð'..'ù' etc.) and letters.
        for text in crate::checks::tokens::tests::random_texts("09/:aZ ðùÀ°±€5", 13, 40, 20000)
        {
            let b = text.as_bytes();
            for from in 0..=b.len() {
                let want = b[from..]
                    .iter()
                    .position(u8::is_ascii_digit)
                    .map(|k| from + k);
                assert_eq!(next_ascii_digit(b, from), want, "{text:?} from {from}");
            }
        }
        assert_eq!(next_ascii_digit(b"abc", 7), None);
    }

    #[test]
    fn with_lower_answers_as_to_lowercase() {
        for w in [
            "Bürger",
            "ÄRGER",
            "Straße",
            "STRAẞE",
            "İstanbul",
            "ΟΔΟΣ",
            "Σ",
            "ΣΑΣ",
            "Ǆemal",
            "Ⅻ",
            "",
            "ÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖÖ",
            "İİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİ",
            "Ab",
        ] {
            assert_eq!(with_lower(w, str::to_string), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn all_ascii_letters_answers_as_is_ascii_alphabetic() {
        // Every byte, alone and among letters, at each position of every length up to 20.
        for b in 0..=255u8 {
            for len in 1..=20 {
                for at in 0..len {
                    let mut w = vec![b'q'; len];
                    w[at] = b;
                    assert_eq!(all_ascii_letters(&w), b.is_ascii_alphabetic(), "{w:?}");
                }
            }
        }
        assert!(all_ascii_letters(b""));
        assert!(all_ascii_letters(b"azAZazAZazAZ"));
    }

    #[test]
    fn lowers_to_answers_as_to_lowercase() {
        let words = [
            "Bürger",
            "bürger",
            "Ab",
            "ab",
            "AB",
            "aB",
            "abc",
            "",
            "İstanbul",
            "i̇stanbul",
            "ΣΑΣ",
            "σας",
            "Straße",
            "K",
            "k",
            "\u{212A}",
        ];
        for w in words {
            for lower in words {
                assert_eq!(
                    lowers_to(w, lower),
                    w.to_lowercase() == lower,
                    "{w} {lower}"
                );
            }
        }
    }

    #[test]
    fn is_code_like_answers_as_its_ten_scans() {
        let plain = |tok: &str| {
            tok.contains("://")
                || tok.starts_with("www.")
                || ['@', '#', '_', '/', '\\', '=', '{', '<']
                    .iter()
                    .any(|&c| tok.contains(c))
                || has_domain(tok)
        };
        for tok in crate::checks::tokens::tests::random_texts("aw.:/@#_\\={<ä-com", 9, 12, 20_000)
        {
            assert_eq!(is_code_like(&tok), plain(&tok), "{tok:?}");
        }
    }

    /// The earlier char-iterator version, as the reference for the byte-level one.
    fn reference_words(s: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut iter = s.char_indices().peekable();
        let mut prev_word = false;
        while let Some((i, c)) = iter.next() {
            if c.is_alphanumeric() {
                if start.is_none() {
                    start = Some(i);
                }
                prev_word = true;
            } else if crate::checks::tokens::is_joiner(c)
                && prev_word
                && iter.peek().is_some_and(|&(_, d)| d.is_alphanumeric())
            {
                prev_word = false;
            } else {
                if let Some(st) = start.take() {
                    out.push(st..i);
                }
                prev_word = false;
            }
        }
        if let Some(st) = start {
            out.push(st..s.len());
        }
        out
    }

    #[test]
    fn words_match_the_reference_and_the_memo() {
        let alphabet: Vec<char> = "aZ9ß'’-\u{2011} .,é€xÖ½„\n".chars().collect();
        let mut seed = 3u64;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(seed % 14) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            assert_eq!(*words(&s), *reference_words(&s), "{s:?}");
            assert_eq!(*words(&s), *reference_words(&s), "{s:?} (remembered)");
        }
        // The words are the joined tokens of the one tokeniser (`tokens::token_iter`).
        for s in [
            "Open-Source-Ökosystem",
            "don't-care",
            "a--b",
            "a-'b",
            "a'-b",
            "rock'n'roll",
            "Jahr'90",
            "x-",
            "-x",
            "1’2’a",
            "a\u{2011}b c",
            "½-x",
        ] {
            assert_eq!(*words(s), *reference_words(s), "{s:?}");
            let tokens = crate::checks::tokens::split(s);
            let mut got = Vec::new();
            crate::checks::tokens::words_of_split(&tokens, &mut got);
            assert_eq!(got, *reference_words(s), "{s:?}");
        }
    }

    fn ws(s: &str) -> Vec<&str> {
        words(s).iter().map(|r| &s[r.clone()]).collect()
    }

    #[test]
    fn words_keep_hyphens_and_offsets() {
        assert_eq!(
            ws("Das Open-Source-Ökosystem, z. B. don't „Macher“-Bewegung"),
            vec![
                "Das",
                "Open-Source-Ökosystem",
                "z",
                "B",
                "don't",
                "Macher",
                "Bewegung"
            ]
        );
        assert_eq!(
            ws("Bitcoin- und KI-Anwendungen"),
            vec!["Bitcoin", "und", "KI-Anwendungen"]
        );
    }

    #[test]
    fn code_like_tokens() {
        assert!(is_code_like("https://example.com/x"));
        assert!(is_code_like("@BasedBeffJesos,"));
        assert!(is_code_like("bitcoinmagazine.com"));
        assert!(!is_code_like("Wort."));
        assert!(!is_code_like("v2.0"));
    }

    #[test]
    fn source_words_answer_as_the_scan() {
        use crate::checks::tokens::tests::random_texts;
        // Short texts over a few letters make the runs repeat; the long words of the second
        // set share their first six bytes and their length (one key of the index), so the
        // index must compare them in full.
        let cases = [("ab-' .,é1", 11, 40, 6), ("aaaaaaab- .", 5, 120, 14)];
        for (alphabet, seed, lengths, word_lengths) in cases {
            let sources = random_texts(alphabet, seed, lengths, 400);
            let words = random_texts(alphabet, seed + 1, word_lengths, 40 * sources.len());
            for (source, words) in sources.iter().zip(words.chunks(40)) {
                let index = SourceWords::new(source);
                for w in words {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    assert_eq!(index.has(w), source_has_word(source, w), "{source:?} {w:?}");
                }
            }
        }
    }

    #[test]
    fn token_index_answers_as_token_at() {
        for s in [
            "",
            " ",
            "ab  cd",
            "  ab c  ",
            "a\u{a0}b\tc\n",
            "xy",
            "a@b c/d  e",
        ] {
            let index = TokenIndex::new(s);
            for (pos, _) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
                assert_eq!(index.at(pos), token_at(s, pos), "{s:?} {pos}");
                assert_eq!(
                    index.code_like_at(s, pos),
                    is_code_like(&s[token_at(s, pos)]),
                    "{s:?} {pos}"
                );
            }
        }
    }

    #[test]
    fn the_byte_scan_splits_as_split_whitespace() {
        for s in [
            "",
            " ",
            "a",
            "  a  b\tc\n",
            "x\u{0B}y\u{0C}z\r",
            "10\u{A0}000 und\u{2009}mehr\u{3000}Ende\u{85}",
            "Grüße, ÄÖÜ — \u{202F}%  ",
            "\u{2028}\u{2029}a\u{1680}b\u{205F}",
        ] {
            let got: Vec<&str> = tokens(s).into_iter().map(|r| &s[r]).collect();
            let want: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(got, want, "{s:?}");
        }
        for s in crate::checks::tokens::tests::random_texts(
            "a \tä\u{A0}\u{2009}\n\u{3000}x\u{85}€\r",
            17,
            14,
            20_000,
        ) {
            let got: Vec<&str> = tokens(&s).into_iter().map(|r| &s[r]).collect();
            let want: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn byte_word_tests_answer_byte_by_byte() {
        // every byte value at every offset, among neighbours that are edges of the ranges
        let bits = |pick: &dyn Fn(u8) -> bool, w: [u8; 8]| -> u64 {
            w.iter()
                .enumerate()
                .filter(|&(_, &x)| pick(x))
                .map(|(k, _)| 0x80u64 << (8 * k))
                .sum()
        };
        for x in 0..=255u8 {
            for at in 0..8 {
                let mut w = [0, 1, b'@', b'A', b'Z', b'[', 0x7F, b'a'];
                w[at] = x;
                let word = u64::from_le_bytes(w);
                assert_eq!(zero_bytes(word), bits(&|y| y == 0, w), "{w:?}");
                if w.iter().all(u8::is_ascii) {
                    for (lo, hi) in [(b'A', b'Z'), (b'a', b'z'), (0, 0x7F), (b'@', b'@')] {
                        let want = bits(&|y| (lo..=hi).contains(&y), w);
                        assert_eq!(ascii_bytes_in(word, lo, hi), want, "{w:?} {lo}..={hi}");
                    }
                }
            }
        }
    }

    #[test]
    fn find_byte_by_chunks_finds_the_first_hit() {
        let hit = |x: u8| x == b',' || x >= 0xC0;
        let may_hit = |w: u64| some_byte_masked(w, 0xFF, b',') || some_byte_masked(w, 0xC0, 0xC0);
        // every byte value at every offset of a chunk, among bytes just beside the hits
        for x in 0..=255u8 {
            for at in 0..8 {
                let mut w = [b'+', b'-', 0xBF, b',' - 1, b',' + 1, 0x7F, 0xBF, 0x80];
                w[at] = x;
                let got = some_byte_masked(u64::from_le_bytes(w), 0xFF, b',')
                    || some_byte_masked(u64::from_le_bytes(w), 0xC0, 0xC0);
                assert_eq!(got, w.iter().any(|&y| hit(y)), "{w:?}");
            }
        }
        let texts = crate::checks::tokens::tests::random_texts("a,ä+\u{80}€-", 43, 30, 20_000);
        for t in &texts {
            let b = t.as_bytes();
            for from in [0, 1, 7, 8, 9] {
                let want = b
                    .get(from..)
                    .and_then(|r| r.iter().position(|&x| hit(x)).map(|k| from + k));
                assert_eq!(
                    find_byte_by_chunks(b, from, may_hit, hit),
                    want,
                    "{t:?} {from}"
                );
            }
        }
    }

    #[test]
    fn source_word_lookup() {
        assert!(source_has_word("made by MicroBT and Canaan", "MicroBT"));
        assert!(!source_has_word("made by MicroBTs", "MicroBT"));
        assert!(!source_has_word("", "MicroBT"));
    }
}
