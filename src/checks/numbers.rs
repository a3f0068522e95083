//! Numbers in English and German text, normalised to values so that locale formats compare
//! equal: "2,000" (en) = "2.000" (de), "3.5" = "3,5", "15th" = "15.", "1,000.50" =
//! "1.000,50". Spelled-out numbers ("two", "zwei", "fünfundzwanzig", "ersten") and month names
//! are *optional* candidates: they may match a number written in digits on the other side,
//! but a spelled-out word with no counterpart is never reported (German "ein" is mostly an
//! article, English "one" mostly a pronoun).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use crate::checks::analysis::Lowered;
use crate::checks::text::{TwoByteSet, next_ascii_digit};
use crate::checks::tokens::{Token, TokenKind, split};
use crate::model::Lang;

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    /// Byte range of the number in the text.
    pub span: Range<usize>,
    /// Values this number may stand for; the first is its primary reading.
    pub values: Values,
    /// Written in digits (must have a counterpart), rather than spelled out (optional).
    pub digits: bool,
    /// Followed by a scale word ("1 Million", "5 billion", "zwei Milliarden"): digits and a
    /// spelled-out number stand for each other only when both are, or neither is, so the
    /// "one" of "one atom bomb" is no counterpart of the "1" of "1 Million".
    pub scaled: bool,
}

impl Num {
    /// Whether this number and `other` can stand for the same value.
    pub fn matches(&self, other: &Num) -> bool {
        self.values
            .iter()
            .any(|a| other.values.iter().any(|b| same(*a, *b)))
    }

    /// Whether the primary readings are equal.
    pub fn matches_primary(&self, other: &Num) -> bool {
        match (self.values.first(), other.values.first()) {
            (Some(a), Some(b)) => same(*a, *b),
            _ => false,
        }
    }
}

/// The readings of a [`Num`] (a slice through `Deref`): up to four in place, which every
/// number of ordinary text needs, more on the heap. A number costs no allocation, where a
/// `Vec` per number cost one or two per pair with digits (issue 12 item 9).
#[derive(Clone, Default)]
pub struct Values {
    inline: [f64; Values::INLINE],
    /// How many of `inline` are readings, while `heap` is empty.
    len: u8,
    /// Every reading, once there are more than [`Values::INLINE`] (never emptied again).
    heap: Vec<f64>,
}

impl Values {
    const INLINE: usize = 4;

    /// The readings `v`.
    pub fn of(v: &[f64]) -> Values {
        let mut x = Values::default();
        x.extend(v.iter().copied());
        x
    }

    /// Adds a reading.
    pub fn push(&mut self, v: f64) {
        if self.heap.is_empty() {
            let n = usize::from(self.len);
            if n < Self::INLINE {
                self.inline[n] = v;
                self.len += 1;
                return;
            }
            self.heap.reserve(2 * Self::INLINE);
            self.heap.extend_from_slice(&self.inline[..n]);
        }
        self.heap.push(v);
    }
}

impl std::ops::Deref for Values {
    type Target = [f64];

    fn deref(&self) -> &[f64] {
        if self.heap.is_empty() {
            &self.inline[..usize::from(self.len)]
        } else {
            &self.heap
        }
    }
}

impl std::ops::DerefMut for Values {
    fn deref_mut(&mut self) -> &mut [f64] {
        if self.heap.is_empty() {
            &mut self.inline[..usize::from(self.len)]
        } else {
            &mut self.heap
        }
    }
}

impl Extend<f64> for Values {
    fn extend<I: IntoIterator<Item = f64>>(&mut self, iter: I) {
        for v in iter {
            self.push(v);
        }
    }
}

impl std::fmt::Debug for Values {
    /// As a `Vec<f64>` prints: `[3.0, 15.0]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Values {
    fn eq(&self, other: &Values) -> bool {
        **self == **other
    }
}

impl PartialEq<Vec<f64>> for Values {
    fn eq(&self, other: &Vec<f64>) -> bool {
        **self == **other
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The digit runs of `text` with their inner separators, in order: as the pattern
/// `[0-9]+(?:[.,\u{A0}\u{202F}\u{2009}'’][0-9]+)*` finds them ("1,234.5", "10 000", "2'500"),
/// scanned byte by byte (a regex search per run cost more than the rest of the extraction).
fn digit_runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = text.as_bytes();
    let digits_from = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    // The length of the separator at `i` (one of the pattern's), if any.
    let separator = |i: usize| -> Option<usize> {
        match b.get(i..)? {
            [b'.' | b',' | b'\'', ..] => Some(1),
            [0xC2, 0xA0, ..] => Some(2),
            // U+202F, U+2009, U+2019
            [0xE2, 0x80, 0xAF | 0x89 | 0x99, ..] => Some(3),
            _ => None,
        }
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = next_ascii_digit(b, at)?;
        let mut end = digits_from(start);
        while let Some(n) = separator(end)
            && b.get(end + n).is_some_and(u8::is_ascii_digit)
        {
            end = digits_from(end + n);
        }
        at = end;
        Some(start..end)
    })
}

/// Whether `after` (the text after a number) may start like [`TIME_AFTER`] and [`TIME_PM`]:
/// an optional ":30"/".30", white space, then 'a', 'p', 'h' or "Uhr" (either case). Most
/// numbers are followed by nothing of the kind and need no regex.
fn time_may_follow(after: &str) -> bool {
    let b = after.as_bytes();
    let rest = match b {
        [b':' | b'.', x, y, ..] if x.is_ascii_digit() && y.is_ascii_digit() => &after[3..],
        _ => after,
    };
    rest.trim_start()
        .as_bytes()
        .first()
        .is_some_and(|c| matches!(c.to_ascii_lowercase(), b'a' | b'p' | b'h' | b'u'))
}
static DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]+").expect("valid regex"));
static EN_THOUSANDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$").expect("valid regex"));
static DE_THOUSANDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?$").expect("valid regex"));
static SPACE_THOUSANDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{1,3}(?:[\u{A0}\u{202F}\u{2009}'’][0-9]{3})+(?:[.,][0-9]+)?$")
        .expect("valid regex")
});
/// Idioms whose digits do not translate as numbers ("24/7" → "rund um die Uhr").
static IDIOMS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:24/7|9/11|50/50|365/24)\b").expect("valid regex"));
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[:.][0-9]{2})?\s*(?:([ap])\.?\s?m\b\.?|Uhr\b|h\b)").expect("valid regex")
});
static TIME_PM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[:.][0-9]{2})?\s*([ap])\.?\s?m(?:\b|\.)").expect("valid regex")
});

/// Which separator of a number written in digits is its decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// The locale's mark (`.` in English, `,` in German): one of it is the decimal mark, two
    /// or more are no number; every other separator groups digits.
    Locale(char),
    /// No locale known (the aligner's sides may be any two languages): the last separator
    /// is the decimal mark when it differs from an earlier one (`1.234,5`), when it is not
    /// followed by exactly three digits (`3,5`, `1.25`) or when it follows a lone zero
    /// (`0,250`); otherwise every separator groups thousands (`2.000`, `1,234,567`).
    Guess,
}

/// The one number normaliser: a number written in digits (`2.000`, `1,234.5`, `10 000`) in
/// its canonical decimal form, appended to `out`, so that locale formats compare equal:
/// `2.000` (de) and `2,000` (en) are both `2000`, `3,5` and `3.5` both `3.5`. Leading zeros
/// and trailing zeros of the fraction are dropped (`0,250` is `0.25`). Only digits, `.` and
/// `,` count (other group separators such as a no-break space are skipped); separators at
/// either end are ignored. Returns false, leaving `out` as it was, when `mark` reads the
/// text as no number (two locale decimal marks) or it holds no digit.
///
/// The aligner normalises its number tokens with [`DecimalMark::Guess`]; MT009 reads each
/// digit run with the decimal mark its language's format implies ([`number_value`]).
pub fn push_normalized(run: &str, mark: DecimalMark, out: &mut String) -> bool {
    let b = run.as_bytes();
    let is_sep = |x: u8| x == b'.' || x == b',';
    // The digits and separators, trimmed of separators at both ends.
    let first = b.iter().position(u8::is_ascii_digit);
    let last = b.iter().rposition(u8::is_ascii_digit);
    let (Some(first), Some(last)) = (first, last) else {
        return false;
    };
    let body = &b[first..=last];
    let decimal_at = match mark {
        DecimalMark::Locale(c) => {
            let c = c as u8;
            let mut at = None;
            for (k, &x) in body.iter().enumerate() {
                if x == c {
                    if at.is_some() {
                        return false;
                    }
                    at = Some(k);
                }
            }
            at
        }
        DecimalMark::Guess => match body.iter().rposition(|&x| is_sep(x)) {
            None => None,
            Some(k) => {
                let sep = body[k];
                let group = body[k + 1..].iter().filter(|x| x.is_ascii_digit()).count();
                let mixed = body[..k].iter().any(|&x| is_sep(x) && x != sep);
                let seps_before = body[..k].iter().any(|&x| is_sep(x));
                let lone_zero =
                    !seps_before && body[..k].iter().filter(|x| x.is_ascii_digit()).eq([&b'0']);
                (mixed || group != 3 || lone_zero).then_some(k)
            }
        },
    };
    let (int, frac) = match decimal_at {
        Some(k) => (&body[..k], &body[k + 1..]),
        None => (body, &body[..0]),
    };
    let start = out.len();
    for &x in int {
        // leading zeros dropped
        if x.is_ascii_digit() && (x != b'0' || out.len() > start) {
            out.push(x as char);
        }
    }
    if out.len() == start {
        out.push('0');
    }
    let frac_end = frac.iter().rposition(|&x| x.is_ascii_digit() && x != b'0');
    if let Some(e) = frac_end {
        out.push('.');
        out.extend(
            frac[..=e]
                .iter()
                .filter(|x| x.is_ascii_digit())
                .map(|&x| x as char),
        );
    }
    true
}

/// [`push_normalized`] with [`DecimalMark::Guess`], as a new string (`"0"` when `run` has
/// no digit): the aligner's number anchors.
pub fn normalize_number(run: &str) -> String {
    let mut out = String::new();
    if !push_normalized(run, DecimalMark::Guess, &mut out) {
        out.push('0');
    }
    out
}

/// The value of a digit run read with `decimal` as its decimal mark ([`push_normalized`]
/// with [`DecimalMark::Locale`]); `None` when it holds that mark twice.
pub fn number_value(run: &str, decimal: char) -> Option<f64> {
    thread_local! {
        /// The canonical form being parsed, reused from number to number (not a `String`
        /// per number).
        static FORM: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    FORM.with(|s| {
        let mut s = s.borrow_mut();
        s.clear();
        if !push_normalized(run, DecimalMark::Locale(decimal), &mut s) {
            return None;
        }
        let v = s.parse().ok();
        if s.capacity() > 4096 {
            *s = String::new();
        }
        v
    })
}

/// `run` as the pattern `^[0-9]+(?:[.,]([0-9]+))?$` matches it (a plain decimal): `None`
/// when it does not match, else the length of the digits after the mark, if any (without a
/// regex search and its capture slots, which cost an allocation per number).
fn plain_decimal(run: &str) -> Option<Option<usize>> {
    let b = run.as_bytes();
    let int = b.iter().take_while(|x| x.is_ascii_digit()).count();
    if int == 0 {
        return None;
    }
    match &b[int..] {
        [] => Some(None),
        [b'.' | b',', frac @ ..] if !frac.is_empty() && frac.iter().all(u8::is_ascii_digit) => {
            Some(Some(frac.len()))
        }
        _ => None,
    }
}

/// Interpret a digit run; `None` when it is not one number (versions, dates, lists).
fn interpret(run: &str, lang: Lang, time_follows: bool) -> Option<Values> {
    // Digits only (most numbers): the one reading, whichever the language, without the
    // patterns below. Up to 15 digits an integer is exact in an f64, as parsed.
    if !run.is_empty() && run.len() <= 15 && run.bytes().all(|b| b.is_ascii_digit()) {
        let v = run.bytes().fold(0u64, |v, d| v * 10 + u64::from(d - b'0'));
        return Some(Values::of(&[v as f64]));
    }
    if SPACE_THOUSANDS.is_match(run) {
        let dec = if lang == Lang::De { ',' } else { '.' };
        return number_value(run, dec).map(|v| Values::of(&[v]));
    }
    if run.contains(['\u{A0}', '\u{202F}', '\u{2009}', '\'', '’']) {
        return None;
    }
    match lang {
        Lang::En => {
            if EN_THOUSANDS.is_match(run) {
                return number_value(run, '.').map(|v| Values::of(&[v]));
            }
            if DE_THOUSANDS.is_match(run) && !time_follows {
                // "40.000" or "1.000.000" in an English text written the European way.
                let mut v = Values::default();
                if run.matches('.').count() == 1 {
                    v.extend(number_value(run, '.'));
                }
                v.extend(number_value(run, ','));
                return (!v.is_empty()).then_some(v);
            }
            if let Some(frac) = plain_decimal(run) {
                if run.contains(',') {
                    // "3,5": a European decimal (copied) or a list; read as a decimal.
                    return number_value(run, ',').map(|v| Values::of(&[v]));
                }
                if time_follows && frac == Some(2) {
                    return None; // "3.30 pm": hours and minutes
                }
                return number_value(run, '.').map(|v| Values::of(&[v]));
            }
            None
        }
        Lang::De => {
            if DE_THOUSANDS.is_match(run) {
                return number_value(run, ',').map(|v| Values::of(&[v]));
            }
            if EN_THOUSANDS.is_match(run) {
                // "1,000": German decimal 1.0, or an English thousands separator left in
                // place by the MT; either reading may match.
                let mut v = Values::default();
                if !run.contains('.') && run.matches(',').count() == 1 {
                    v.extend(number_value(run, ','));
                }
                v.extend(number_value(run, '.'));
                return (!v.is_empty()).then_some(v);
            }
            if let Some(frac) = plain_decimal(run) {
                if run.contains('.') {
                    // "15.30 Uhr" is a time; "15.3." a date; "2.0" a version or an English
                    // decimal.
                    if time_follows && frac == Some(2) {
                        return None;
                    }
                    return number_value(run, '.').map(|v| Values::of(&[v]));
                }
                return number_value(run, ',').map(|v| Values::of(&[v]));
            }
            None
        }
    }
}

const EN_SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("mn", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
];
const DE_SCALES: &[(&str, f64)] = &[
    ("tausend", 1e3),
    ("million", 1e6),
    ("millionen", 1e6),
    ("mio", 1e6),
    ("milliarde", 1e9),
    ("milliarden", 1e9),
    ("mrd", 1e9),
    ("billion", 1e12),
    ("billionen", 1e12),
    ("bio", 1e12),
];

/// The scale word right after `end` ("2 million", "2,5 Mio."), if any.
fn scale_after(text: &str, end: usize, lang: Lang) -> Option<f64> {
    let rest = text[end..].trim_start_matches([' ', '\u{A0}', '\u{202F}', '-']);
    let n = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    let word = &rest[..n];
    // The scale words are ASCII without a "k": a word with another char cannot lower-case
    // into one (only the Kelvin sign lower-cases into ASCII, into "k"), so no String.
    if !word.is_ascii() {
        return None;
    }
    let table = if lang == Lang::De {
        DE_SCALES
    } else {
        EN_SCALES
    };
    table
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, f)| f)
}

fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        '₀'..='₉' => Some(c as u32 - '₀' as u32),
        _ => None,
    }
}

/// All numbers in `text`: digits (required) and spelled-out words (optional).
pub fn extract(text: &str, lang: Lang) -> Vec<Num> {
    let tokens = split(text);
    extract_with(text, &tokens, &Lowered::new(text, &tokens), lang)
}

/// [`extract`] of a text whose tokens ([`split`]) and their lower-cased forms are at hand
/// (a side of a pair: [`crate::checks::analysis::PairAnalysis`]).
pub fn extract_with(text: &str, tokens: &[Token<'_>], lower: &Lowered, lang: Lang) -> Vec<Num> {
    let mut out = Vec::new();
    extract_into(text, tokens, lower, lang, &mut out);
    out
}

/// [`extract_with`] into `out` (emptied first): a caller that checks pair after pair keeps
/// one vector instead of allocating one per side and pair.
pub fn extract_into(
    text: &str,
    tokens: &[Token<'_>],
    lower: &Lowered,
    lang: Lang,
    out: &mut Vec<Num>,
) {
    out.clear();
    // (every idiom has a '/')
    let idioms: Vec<Range<usize>> = if text.contains('/') {
        IDIOMS.find_iter(text).map(|m| m.range()).collect()
    } else {
        Vec::new()
    };
    // The idioms come in order and so do the digit runs: one pointer, not a scan per run.
    let mut idiom = 0;
    for m in digit_runs(text) {
        while idiom < idioms.len() && idioms[idiom].end < m.end {
            idiom += 1;
        }
        if idioms
            .get(idiom)
            .is_some_and(|r| r.start <= m.start && m.end <= r.end)
        {
            continue;
        }
        let run = &text[m.clone()];
        let after = &text[m.end..];
        // an HTML character reference ("&#160;", "60amp#160;%") is no number (MT012's)
        if text[..m.start].ends_with('#') && after.starts_with(';') {
            continue;
        }
        let time = time_may_follow(after) && TIME_AFTER.is_match(after);
        match interpret(run, lang, time) {
            Some(mut values) => {
                let scale = scale_after(text, m.end, lang);
                if let Some(scale) = scale {
                    let v = values[0] * scale;
                    values.push(v);
                }
                push_time_alternatives(&mut values, after, lang);
                out.push(Num {
                    span: m.clone(),
                    values,
                    digits: true,
                    scaled: scale.is_some(),
                });
            }
            None => {
                // Split into components: "2.0.1", "15.03.2020", "3.30 pm".
                let mut first = true;
                for part in DIGIT_RUN.find_iter(run) {
                    let mut values =
                        Values::of(&[number_value(part.as_str(), '.').unwrap_or(f64::NAN)]);
                    if first {
                        push_time_alternatives(&mut values, after, lang);
                    }
                    first = false;
                    out.push(Num {
                        span: m.start + part.start()..m.start + part.end(),
                        values,
                        digits: true,
                        scaled: false,
                    });
                }
            }
        }
    }
    // Super- and subscript digits ("CO₂", "m²"): optional. They and '½', '¼', '¾' are
    // encoded with a lead byte 0xC2 (U+00B2..U+00BE) or 0xE2 (U+2070..U+2089): a text with
    // neither byte has none, and its chars need no decoding.
    let has_super = memchr::memchr2(0xC2, 0xE2, text.as_bytes()).is_some();
    let mut chars = text[..if has_super { text.len() } else { 0 }]
        .char_indices()
        .peekable();
    while let Some((pos, c)) = chars.next() {
        if let Some(d) = superscript_digit(c) {
            let mut v = d as f64;
            let mut end = pos + c.len_utf8();
            while let Some(&(p, e)) = chars.peek() {
                match superscript_digit(e) {
                    Some(d2) => {
                        v = v * 10.0 + d2 as f64;
                        end = p + e.len_utf8();
                        chars.next();
                    }
                    None => break,
                }
            }
            out.push(Num {
                span: pos..end,
                values: Values::of(&[v]),
                digits: false,
                scaled: false,
            });
        } else if let Some(v) = match c {
            '½' => Some(0.5),
            '¼' => Some(0.25),
            '¾' => Some(0.75),
            _ => None,
        } {
            out.push(Num {
                span: pos..pos + c.len_utf8(),
                values: Values::of(&[v]),
                digits: false,
                scaled: false,
            });
        }
    }
    spelled(text, tokens, lower, lang, out);
    out.sort_by_key(|n| (n.span.start, n.span.end));
    // "1/1/08", "'08": a two-digit year.
    for n in out.iter_mut() {
        if n.digits
            && n.span.len() == 2
            && text[..n.span.start].ends_with(['/', '\'', '’'])
            && !text[n.span.end..].starts_with(|c: char| c.is_ascii_digit())
        {
            let v = n.values[0];
            n.values.extend([1900.0 + v, 2000.0 + v]);
        }
    }
    // "1950-53" is 1950 to 1953, "1994-5" 1994 to 1995.
    for k in 1..out.len() {
        let (a, b) = (&out[k - 1], &out[k]);
        if a.digits
            && b.digits
            && a.span.len() == 4
            && (1..=2).contains(&b.span.len())
            && matches!(text.get(a.span.end..b.span.start), Some("-" | "–" | "/"))
        {
            let unit = if b.span.len() == 1 { 10.0 } else { 100.0 };
            let v = (a.values[0] / unit).floor() * unit + b.values[0];
            out[k].values.push(v);
        }
    }
    // German decades of two digits: "die 90er Jahre" are the 1990s (or the 2090s).
    if lang == Lang::De {
        for n in out.iter_mut() {
            if n.digits && n.span.len() == 2 && is_decade(text, n.span.end) {
                let v = n.values[0];
                n.values.extend([1900.0 + v, 2000.0 + v]);
            }
        }
    }
}

/// Whether the digits ending at `end` are a German decade: "90er", "90er-Jahre", "30er und".
fn is_decade(text: &str, end: usize) -> bool {
    text[..end].ends_with('0')
        && text[end..]
            .strip_prefix("er")
            .is_some_and(|r| !r.starts_with(char::is_alphabetic))
}

/// "3 pm" may be "15 Uhr"; "12 am" may be "0 Uhr".
fn push_time_alternatives(values: &mut Values, after: &str, lang: Lang) {
    if lang != Lang::En {
        return;
    }
    if !time_may_follow(after) {
        return;
    }
    let Some(c) = TIME_PM.captures(after) else {
        return;
    };
    let v = values[0];
    let pm = c
        .get(1)
        .is_some_and(|m| m.as_str().eq_ignore_ascii_case("p"));
    if pm && v < 12.0 {
        values.push(v + 12.0);
    } else if !pm && same(v, 12.0) {
        values.push(0.0);
    }
}

/// [`en_word_full`] through a table: its words are a fixed, finite set (the lists below and
/// the "-ieth"/"-ies" forms of the tens), so one FxHash look-up per word instead of some
/// 80 comparisons. Keys are mtlint's own words, not the input's.
fn en_word(w: &str) -> Option<Values> {
    // (no English number word is longer than "seventeenth")
    if w.len() > 11 {
        return None;
    }
    EN_TABLE.get(w).cloned()
}

/// The words of [`en_word_full`] and their readings ([`en_word`]).
static EN_TABLE: LazyLock<FxHashMap<String, Values>> = LazyLock::new(|| {
    en_word_candidates()
        .into_iter()
        .filter_map(|c| en_word_full(&c).map(|v| (c, v)))
        .collect()
});

const EN_UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const EN_ORD: &[&str] = &[
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const EN_MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const EN_OTHER: &[&str] = &[
    "hundred",
    "hundredth",
    "thousand",
    "thousandth",
    "million",
    "millionth",
    "billion",
    "dozen",
    "twice",
    "both",
    "double",
    "pair",
    "couple",
    "once",
    "single",
    "thrice",
    "triple",
    "half",
    "quarter",
];

/// Every word [`en_word_full`] can accept.
fn en_word_candidates() -> Vec<String> {
    let mut out: Vec<String> = EN_UNITS
        .iter()
        .chain(EN_ORD)
        .chain(EN_MONTHS)
        .chain(EN_TENS)
        .chain(EN_OTHER)
        .map(|w| w.to_string())
        .collect();
    for t in EN_TENS {
        out.push(format!("{}ieth", &t[..t.len() - 1]));
        out.push(format!("{}ies", &t[..t.len() - 1]));
    }
    out
}

fn en_word_full(w: &str) -> Option<Values> {
    if let Some(i) = EN_UNITS.iter().position(|u| *u == w) {
        return Some(Values::of(&[i as f64]));
    }
    if let Some(i) = EN_ORD.iter().position(|u| *u == w) {
        return Some(Values::of(&[i as f64]));
    }
    if let Some(i) = EN_MONTHS.iter().position(|u| *u == w) {
        return Some(Values::of(&[(i + 1) as f64]));
    }
    for (i, t) in EN_TENS.iter().enumerate() {
        let v = (i as f64 + 2.0) * 10.0;
        if w == *t || w.strip_prefix(&t[..t.len() - 1]) == Some("ieth") {
            return Some(Values::of(&[v]));
        }
        if w.strip_prefix(&t[..t.len() - 1]) == Some("ies") {
            return Some(Values::of(&[v, 1900.0 + v, 2000.0 + v]));
        }
    }
    let v = match w {
        "hundred" | "hundredth" => 100.0,
        "thousand" | "thousandth" => 1e3,
        "million" | "millionth" => 1e6,
        "billion" => 1e9,
        "dozen" => 12.0,
        "twice" | "both" | "double" | "pair" | "couple" => 2.0,
        "once" | "single" => 1.0,
        "thrice" | "triple" => 3.0,
        "half" => 0.5,
        "quarter" => 0.25,
        _ => return None,
    };
    Some(Values::of(&[v]))
}

/// Value of a German cardinal number word below one million ("fünfundzwanzig",
/// "zweitausenddreihundert"), lower case.
fn de_cardinal(w: &str) -> Option<f64> {
    if w.is_empty() {
        return None;
    }
    if let Some(i) = find(w, "tausend") {
        let left = if i == 0 {
            Some(1.0)
        } else {
            de_below_1000(&w[..i])
        }?;
        let rest = &w[i + "tausend".len()..];
        let right = if rest.is_empty() {
            Some(0.0)
        } else {
            de_below_1000(rest)
        }?;
        return Some(left * 1000.0 + right);
    }
    de_below_1000(w)
}

fn de_below_1000(w: &str) -> Option<f64> {
    if let Some(i) = find(w, "hundert") {
        let left = if i == 0 {
            Some(1.0)
        } else {
            de_below_100(&w[..i])
        }?;
        let rest = &w[i + "hundert".len()..];
        let right = if rest.is_empty() {
            Some(0.0)
        } else {
            de_below_100(rest)
        }?;
        return Some(left * 100.0 + right);
    }
    de_below_100(w)
}

/// German number words below 100 that make up the cardinals.
const SMALL: &[(&str, f64)] = &[
    ("null", 0.0),
    ("ein", 1.0),
    ("eins", 1.0),
    ("zwei", 2.0),
    ("zwo", 2.0),
    ("drei", 3.0),
    ("vier", 4.0),
    ("fünf", 5.0),
    ("sechs", 6.0),
    ("sieben", 7.0),
    ("acht", 8.0),
    ("neun", 9.0),
    ("zehn", 10.0),
    ("elf", 11.0),
    ("zwölf", 12.0),
    ("dreizehn", 13.0),
    ("vierzehn", 14.0),
    ("fünfzehn", 15.0),
    ("sechzehn", 16.0),
    ("siebzehn", 17.0),
    ("achtzehn", 18.0),
    ("neunzehn", 19.0),
    ("zwanzig", 20.0),
    ("dreißig", 30.0),
    ("vierzig", 40.0),
    ("fünfzig", 50.0),
    ("sechzig", 60.0),
    ("siebzig", 70.0),
    ("achtzig", 80.0),
    ("neunzig", 90.0),
];

fn de_below_100(w: &str) -> Option<f64> {
    let look = |s: &str| SMALL.iter().find(|(k, _)| *k == s).map(|&(_, v)| v);
    if let Some(v) = look(w) {
        return Some(v);
    }
    let i = find(w, "und")?;
    let (unit, tens) = (&w[..i], &w[i + "und".len()..]);
    let u = look(unit).filter(|u| (1.0..10.0).contains(u))?;
    let t = look(tens).filter(|t| *t >= 20.0)?;
    Some(t + u)
}

const DE_ARTICLE: &[&str] = &["eine", "einen", "einem", "einer", "eines"];
const DE_MONTHS: &[&str] = &[
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];
const DE_ORD_STEMS: &[(&str, f64)] = &[
    ("erst", 1.0),
    ("zweit", 2.0),
    ("dritt", 3.0),
    ("viert", 4.0),
    ("fünft", 5.0),
    ("sechst", 6.0),
    ("siebt", 7.0),
    ("siebent", 7.0),
    ("acht", 8.0),
    ("neunt", 9.0),
    ("zehnt", 10.0),
    ("elft", 11.0),
    ("zwölft", 12.0),
];
const DE_ENDINGS: &[&str] = &["", "e", "en", "er", "es", "em", "ens"];

/// [`de_word_full`], with the words that do not start like a cardinal ([`starts_like_cardinal`])
/// answered from a table: for them only fixed lists count (articles, months, a few words,
/// ordinal stems with their endings, "anderthalb"), one FxHash look-up instead of some 60
/// comparisons. Keys are mtlint's own words, not the input's.
fn de_word(w: &str) -> Option<Values> {
    if !starts_like_cardinal(w) {
        return DE_TABLE.get(w).cloned();
    }
    de_word_full(w)
}

/// The words of [`de_word_full`] that do not start like a cardinal, and their readings
/// ([`de_word`]).
static DE_TABLE: LazyLock<FxHashMap<String, Values>> = LazyLock::new(|| {
    let mut words: Vec<String> = DE_ARTICLE
        .iter()
        .chain(DE_MONTHS)
        .chain(DE_OTHER)
        .map(|w| w.to_string())
        .collect();
    words.push("anderthalb".to_string());
    for (stem, _) in DE_ORD_STEMS {
        for e in DE_ENDINGS {
            words.push(format!("{stem}{e}"));
        }
    }
    words
        .into_iter()
        .filter_map(|c| de_word_full(&c).map(|v| (c, v)))
        .collect()
});

/// Whether `w` (lower case) may be a word [`spelled`] reads: a number word of `lang`
/// ([`en_word`], [`de_word`]) or a denominator. Most words start unlike all of them: a bit
/// test instead of a look-up.
fn may_be_number_word(w: &str, lang: Lang) -> bool {
    static EN: LazyLock<TwoByteSet> = LazyLock::new(|| {
        let denominators = DENOMINATORS_EN.iter().map(|(w, _)| *w);
        TwoByteSet::of(EN_TABLE.keys().map(String::as_str).chain(denominators))
    });
    // (a word that starts like a cardinal starts as the cardinal does)
    static DE: LazyLock<TwoByteSet> = LazyLock::new(|| {
        let cardinals = ["hundert", "tausend"]
            .into_iter()
            .chain(SMALL.iter().map(|(k, _)| *k));
        let denominators = DENOMINATORS_DE.iter().map(|(w, _)| *w);
        TwoByteSet::of(
            DE_TABLE
                .keys()
                .map(String::as_str)
                .chain(cardinals)
                .chain(denominators),
        )
    });
    match lang {
        Lang::En => EN.has(w),
        Lang::De => DE.has(w),
    }
}

/// The words of [`de_word_full`]'s `match`.
const DE_OTHER: &[&str] = &[
    "jänner",
    "hälfte",
    "halb",
    "halbe",
    "halben",
    "halber",
    "dutzend",
    "dutzende",
    "dutzenden",
    "beide",
    "beiden",
    "beider",
    "beides",
    "paar",
    "doppelt",
    "doppelte",
    "doppelten",
    "viertel",
    "million",
    "millionen",
    "milliarde",
    "milliarden",
    "tausende",
    "tausenden",
    "hunderte",
    "hunderten",
];

fn de_word_full(w: &str) -> Option<Values> {
    const COMPOUND: &[&str] = &[
        "mal",
        "malig",
        "malige",
        "maligen",
        "fach",
        "fache",
        "fachen",
        "facher",
        "jährig",
        "jährige",
        "jährigen",
        "jähriger",
        "jähriges",
        "jährigem",
        "stellig",
        "stellige",
        "stelligen",
        "stufig",
        "stufige",
        "stufigen",
        "tägig",
        "tägige",
        "tägigen",
        "stündig",
        "stündige",
        "stündigen",
        "köpfig",
        "köpfige",
        "köpfigen",
        "teilig",
        "teilige",
        "teiligen",
        "seitig",
        "seitige",
        "seitigen",
        "monatig",
        "monatige",
        "monatigen",
        "wöchig",
        "wöchige",
        "wöchigen",
        "minütig",
        "minütige",
        "minütigen",
        "prozentig",
        "prozentige",
        "prozentigen",
        "er",
        "ern",
    ];
    if DE_ARTICLE.contains(&w) {
        return Some(Values::of(&[1.0]));
    }
    if let Some(i) = DE_MONTHS.iter().position(|m| *m == w) {
        return Some(Values::of(&[(i + 1) as f64]));
    }
    let v = match w {
        "jänner" => Some(1.0),
        "hälfte" | "halb" | "halbe" | "halben" | "halber" => Some(0.5),
        "dutzend" | "dutzende" | "dutzenden" => Some(12.0),
        "beide" | "beiden" | "beider" | "beides" | "paar" | "doppelt" | "doppelte"
        | "doppelten" => Some(2.0),
        "viertel" => Some(0.25),
        "million" | "millionen" => Some(1e6),
        "milliarde" | "milliarden" => Some(1e9),
        "tausende" | "tausenden" => Some(1e3),
        "hunderte" | "hunderten" => Some(100.0),
        _ => None,
    };
    if let Some(v) = v {
        return Some(Values::of(&[v]));
    }
    // Every test below but the ordinal stems and "anderthalb" reads a cardinal at the start
    // of the word: skip them for the many words that cannot start with one.
    let cardinal_start = starts_like_cardinal(w);
    if cardinal_start && let Some(v) = de_cardinal(w) {
        return Some(Values::of(&[v]));
    }
    for (stem, v) in DE_ORD_STEMS {
        if let Some(rest) = w.strip_prefix(stem)
            && DE_ENDINGS.contains(&rest)
        {
            return Some(Values::of(&[*v]));
        }
    }
    if !cardinal_start {
        return (w == "anderthalb").then(|| Values::of(&[1.5]));
    }
    // "zwanzigste", "hundertsten", "dreizehnte"
    for suffix in [
        "ste", "sten", "ster", "stes", "stem", "te", "ten", "ter", "tes", "tem",
    ] {
        if let Some(stem) = w.strip_suffix(suffix)
            && let Some(v) = de_cardinal(stem)
        {
            return Some(Values::of(&[v]));
        }
    }
    // "eineinhalb", "anderthalb", "zweieinhalb"
    if w == "anderthalb" {
        return Some(Values::of(&[1.5]));
    }
    if let Some(stem) = w.strip_suffix("einhalb")
        && let Some(v) = de_cardinal(stem)
    {
        return Some(Values::of(&[v + 0.5]));
    }
    // "fünfmaliger", "dreifache", "zweistündigen": a number word before a known stem.
    for stem in [
        "mal",
        "fach",
        "jährig",
        "stellig",
        "stufig",
        "tägig",
        "stündig",
        "köpfig",
        "teilig",
        "seitig",
        "monatig",
        "wöchig",
        "minütig",
        "prozentig",
        "sitzer",
        "spurig",
        "zimmer",
    ] {
        if let Some(i) = find(w, stem)
            && i > 0
            && let Some(v) = de_cardinal(&w[..i])
        {
            return Some(Values::of(&[v]));
        }
    }
    // "zweijährigen", "dreimal", "Zweier", "neunziger" (decade: 90, 1990, 2090)
    for suffix in COMPOUND {
        if let Some(stem) = w.strip_suffix(suffix)
            && let Some(v) = de_cardinal(stem)
        {
            if (*suffix == "er" || *suffix == "ern") && (20.0..100.0).contains(&v) {
                return Some(Values::of(&[v, 1900.0 + v, 2000.0 + v]));
            }
            return Some(Values::of(&[v]));
        }
    }
    // "Neunzigerjahre", "Zwanzigerjahren"
    for infix in ["erjahre", "erjahren"] {
        if let Some(stem) = w.strip_suffix(infix)
            && let Some(v) = de_cardinal(stem)
        {
            return Some(Values::of(&[v, 1900.0 + v, 2000.0 + v]));
        }
    }
    None
}

/// The first byte offset of `needle` in `w` (as `str::find`, without its searcher set-up,
/// which dominates on words of a few letters).
fn find(w: &str, needle: &str) -> Option<usize> {
    w.as_bytes()
        .windows(needle.len())
        .position(|x| x == needle.as_bytes())
}

/// Whether `w` starts as [`de_cardinal`] needs: with a small number word, "hundert" or
/// "tausend" (every cardinal does).
fn starts_like_cardinal(w: &str) -> bool {
    // The table words grouped by their first byte: a word is compared with the few that
    // share it (most words with none).
    static BY_FIRST: LazyLock<Vec<Vec<&'static [u8]>>> = LazyLock::new(|| {
        let mut t = vec![Vec::new(); 256];
        for k in ["hundert", "tausend"]
            .into_iter()
            .chain(SMALL.iter().map(|(k, _)| *k))
        {
            if let Some(&f) = k.as_bytes().first() {
                t[f as usize].push(k.as_bytes());
            }
        }
        t
    });
    let b = w.as_bytes();
    b.first()
        .is_some_and(|&f| BY_FIRST[f as usize].iter().any(|k| b.starts_with(k)))
}

/// Spelled-out numbers (optional candidates), including "twenty-five" and "five hundred".
fn spelled(text: &str, tokens: &[Token<'_>], lower: &Lowered, lang: Lang, out: &mut Vec<Num>) {
    let mut prev: Option<(Range<usize>, f64)> = None;
    let mut k = 0;
    while let Some(t) = tokens.get(k) {
        let w = lower.get(k);
        k += 1;
        // (a word that cannot be one is passed by: no hyphen after it needs skipping, as
        // `prev` is then `None` anyway)
        if t.kind != TokenKind::Word || !may_be_number_word(w, lang) || !t.has_letter() {
            prev = None;
            continue;
        }
        let values = match lang {
            Lang::En => en_word(w),
            Lang::De => de_word(w),
        };
        // "two-thirds", "zwei Drittel", "three quarters": a small cardinal before a
        // denominator is a fraction.
        if let Some((r, p)) = &prev
            && let Some(d) = denominator(w, lang)
            && (1.0..=10.0).contains(p)
            && p.fract() == 0.0
        {
            out.push(Num {
                span: r.start..t.range.end,
                values: Values::of(&[p / d]),
                digits: false,
                scaled: false,
            });
        }
        if let Some(values) = values {
            let v = values[0];
            out.push(Num {
                span: t.range.clone(),
                values,
                digits: false,
                scaled: v < 1000.0 && scale_after(text, t.range.end, lang).is_some(),
            });
            if let Some((r, p)) = &prev {
                // "twenty-five", "five hundred"
                let combined = if *p >= 20.0 && *p < 100.0 && v < 10.0 {
                    p + v
                } else if v >= 100.0 && *p < 1000.0 {
                    p * v
                } else {
                    f64::NAN
                };
                if !combined.is_nan() {
                    out.push(Num {
                        span: r.start..t.range.end,
                        values: Values::of(&[combined]),
                        digits: false,
                        scaled: false,
                    });
                }
            }
            prev = Some((t.range.clone(), v));
        } else {
            prev = None;
        }
        // Let "twenty-five" combine across the hyphen.
        if tokens.get(k).is_some_and(|h| h.text == "-") {
            k += 1;
        }
    }
}

/// The denominator a fraction word stands for ("thirds" 3, "Viertel" 4), lower case.
fn denominator(w: &str, lang: Lang) -> Option<f64> {
    let table = match lang {
        Lang::En => DENOMINATORS_EN,
        Lang::De => DENOMINATORS_DE,
    };
    table.iter().find(|(x, _)| *x == w).map(|&(_, d)| d)
}

/// English fraction words and their denominators ([`denominator`]).
const DENOMINATORS_EN: &[(&str, f64)] = &[
    ("half", 2.0),
    ("halves", 2.0),
    ("third", 3.0),
    ("thirds", 3.0),
    ("quarter", 4.0),
    ("quarters", 4.0),
    ("fourth", 4.0),
    ("fourths", 4.0),
    ("fifth", 5.0),
    ("fifths", 5.0),
    ("sixth", 6.0),
    ("sixths", 6.0),
    ("seventh", 7.0),
    ("sevenths", 7.0),
    ("eighth", 8.0),
    ("eighths", 8.0),
    ("ninth", 9.0),
    ("ninths", 9.0),
    ("tenth", 10.0),
    ("tenths", 10.0),
];

/// German fraction words and their denominators ([`denominator`]).
const DENOMINATORS_DE: &[(&str, f64)] = &[
    ("hälfte", 2.0),
    ("hälften", 2.0),
    ("drittel", 3.0),
    ("dritteln", 3.0),
    ("viertel", 4.0),
    ("vierteln", 4.0),
    ("fünftel", 5.0),
    ("sechstel", 6.0),
    ("siebtel", 7.0),
    ("achtel", 8.0),
    ("neuntel", 9.0),
    ("zehntel", 10.0),
];

/// Whether the spelled-out number `text` is a fraction ("two-thirds", "zwei Drittel"): more
/// than one word, the last a denominator.
pub fn is_fraction(text: &str, lang: Lang) -> bool {
    let mut words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let first = words.next();
    let last = words.next_back();
    first.is_some() && last.is_some_and(|w| denominator(&w.to_lowercase(), lang).is_some())
}

/// Metric units (and temperature scales) a German translator converts to.
const METRIC_UNITS: &[&str] = &[
    "liter",
    "litern",
    "l",
    "milliliter",
    "ml",
    "kilometer",
    "kilometern",
    "km",
    "meter",
    "metern",
    "m",
    "zentimeter",
    "cm",
    "millimeter",
    "mm",
    "kilogramm",
    "kg",
    "gramm",
    "g",
    "tonnen",
    "tonne",
    "t",
    "hektar",
    "ha",
    "quadratkilometer",
    "quadratmeter",
    "km²",
    "m²",
    "grad",
    "°c",
    "celsius",
    "kubikmeter",
    "m³",
    "km/h",
    "stundenkilometer",
];

/// Imperial units (and Fahrenheit) that a translator may convert.
const IMPERIAL_UNITS: &[&str] = &[
    "gallon",
    "gallons",
    "mile",
    "miles",
    "foot",
    "feet",
    "ft",
    "inch",
    "inches",
    "yard",
    "yards",
    "pound",
    "pounds",
    "lb",
    "lbs",
    "ounce",
    "ounces",
    "oz",
    "acre",
    "acres",
    "fahrenheit",
    "°f",
    "mph",
    "barrel",
    "barrels",
    "pint",
    "pints",
    "quart",
    "quarts",
    "ton",
    "tons",
    "square miles",
    "cubic feet",
];

/// The word right after byte `end` of `text` (skipping spaces), lower-cased.
fn word_after(text: &str, end: usize) -> String {
    text[end..]
        .trim_start_matches([' ', '\u{A0}', '\u{202F}'])
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '°' | '²' | '³' | '/'))
        .collect::<String>()
        .to_lowercase()
}

/// Whether the German number ending at byte `end` of `de` is a metric quantity ("3,785
/// Liter", "300 km") while the English `en` measures in imperial units ("a gallon", "190
/// miles"): a conversion the translator added, not a changed number.
pub fn is_added_conversion(de: &str, end: usize, en: &str) -> bool {
    let unit = word_after(de, end);
    METRIC_UNITS.contains(&unit.as_str()) && {
        let en = en.to_lowercase();
        en.split(|c: char| !(c.is_alphanumeric() || c == '°'))
            .any(|w| IMPERIAL_UNITS.contains(&w))
    }
}

/// Whether the German number at `span` is the day of "11. September" for the English "9/11".
pub fn is_nine_eleven(de: &str, span: &Range<usize>, en: &str) -> bool {
    &de[span.clone()] == "11"
        && de[span.end..].starts_with(". September")
        && (en.contains("9/11") || en.contains("9-11"))
}

/// The currency of the amount at `span` of `text`: a sign before it ("$130", "€ 700",
/// "US$ 5") or a currency word after it, past a scale word ("100 Milliarden Euro", "5
/// billion dollars").
pub fn currency(text: &str, span: &Range<usize>) -> Option<&'static str> {
    let before = text[..span.start].trim_end_matches([' ', '\u{A0}']);
    let sign = |c: char| match c {
        '$' => Some("USD"),
        '€' => Some("EUR"),
        '£' => Some("GBP"),
        '¥' => Some("JPY"),
        _ => None,
    };
    if let Some(c) = before.chars().next_back()
        && let Some(cur) = sign(c)
    {
        return Some(cur);
    }
    let mut words = text[span.end..]
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .take(2);
    for _ in 0..2 {
        let Some(w) = words.next() else { break };
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric() && !"$€£¥".contains(c));
        let lw = w.to_lowercase();
        let cur = match lw.as_str() {
            "dollar" | "dollars" | "us-dollar" | "usd" | "$" => Some("USD"),
            "euro" | "euros" | "eur" | "€" => Some("EUR"),
            "pfund" | "pounds" | "gbp" | "£" => Some("GBP"),
            "yen" | "jpy" | "¥" => Some("JPY"),
            _ => None,
        };
        if cur.is_some() {
            return cur;
        }
        if !EN_SCALES
            .iter()
            .chain(DE_SCALES)
            .any(|(s, _)| lw.trim_end_matches('.') == *s)
        {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::tokens::tests::random_texts;

    #[test]
    fn every_word_spelled_reads_passes_the_start_filter() {
        // The tables, German compounds of cardinals, and words near them.
        let mut words: Vec<String> = EN_TABLE.keys().chain(DE_TABLE.keys()).cloned().collect();
        for (w, _) in DENOMINATORS_EN.iter().chain(DENOMINATORS_DE) {
            words.push(w.to_string());
        }
        for (a, _) in SMALL {
            for b in [
                "",
                "hundert",
                "tausend",
                "und",
                "undzwanzig",
                "s",
                "x",
                "ten",
            ] {
                words.push(format!("{a}{b}"));
            }
        }
        words.extend(random_texts("eihnzwdrstuäfüoa", 5, 14, 20000));
        let mut read = 0;
        for w in &words {
            for lang in [Lang::En, Lang::De] {
                let word = match lang {
                    Lang::En => en_word(w),
                    Lang::De => de_word(w),
                };
                if word.is_some() || denominator(w, lang).is_some() {
                    read += 1;
                    assert!(may_be_number_word(w, lang), "{w:?} ({lang:?})");
                }
            }
        }
        assert!(read > 300, "{read}");
        assert!(
            !may_be_number_word("xylophon", Lang::De) && !may_be_number_word("xylophone", Lang::En)
        );
    }

    #[test]
    fn digit_runs_are_the_patterns_matches() {
        let pattern = Regex::new(r"[0-9]+(?:[.,\u{A0}\u{202F}\u{2009}'’][0-9]+)*").expect("valid");
        // Digits, every separator, their near neighbours (U+2018, U+202E, U+00A1) and text.
        let alphabet = "0192.,'’\u{A0}\u{202F}\u{2009}‘\u{202E}¡a #";
        for text in random_texts(alphabet, 7, 40, 5000) {
            let want: Vec<Range<usize>> = pattern.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(digit_runs(&text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn a_time_follows_only_where_the_prefilter_lets_the_patterns_look() {
        let alphabet = "0123:. \u{A0}aApPmMhHuUrR.x";
        for text in random_texts(alphabet, 11, 12, 20000) {
            if TIME_AFTER.is_match(&text) || TIME_PM.is_match(&text) {
                assert!(time_may_follow(&text), "{text:?}");
            }
        }
        assert!(time_may_follow(":30 pm") && time_may_follow(" Uhr") && !time_may_follow(" Jahre"));
    }

    #[test]
    fn a_run_of_digits_reads_as_parsed() {
        for text in random_texts("0123456789", 3, 17, 3000) {
            if text.is_empty() {
                continue;
            }
            for lang in [Lang::En, Lang::De] {
                let want = number_value(&text, '.').map(|v| vec![v]);
                assert_eq!(
                    interpret(&text, lang, false)
                        .as_deref()
                        .map(<[f64]>::to_vec),
                    want,
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn the_first_byte_test_of_starts_like_cardinal_admits_every_cardinal_start() {
        for (k, _) in SMALL
            .iter()
            .chain(&[("hundert", 100.0), ("tausend", 1000.0)])
        {
            assert!(starts_like_cardinal(k), "{k}");
            assert!(starts_like_cardinal(&format!("{k}x")), "{k}");
        }
        assert!(
            !starts_like_cardinal("Zwei")
                && !starts_like_cardinal("")
                && !starts_like_cardinal("bein")
        );
        let plain = |w: &str| {
            w.starts_with("hundert")
                || w.starts_with("tausend")
                || SMALL.iter().any(|(k, _)| w.starts_with(k))
        };
        for w in crate::checks::tokens::tests::random_texts("zweiundrchtsäfünßlZ", 4, 12, 20_000)
        {
            assert_eq!(starts_like_cardinal(&w), plain(&w), "{w:?}");
        }
    }

    fn values(text: &str, lang: Lang) -> Vec<f64> {
        extract(text, lang)
            .into_iter()
            .filter(|n| n.digits)
            .map(|n| n.values[0])
            .collect()
    }

    #[test]
    fn locale_formats() {
        assert_eq!(
            values("2,000 and 1,000.50 and 3.5", Lang::En),
            vec![2000.0, 1000.5, 3.5]
        );
        assert_eq!(
            values("2.000 und 1.000,50 und 3,5", Lang::De),
            vec![2000.0, 1000.5, 3.5]
        );
        assert_eq!(values("15th century, 1997", Lang::En), vec![15.0, 1997.0]);
        assert_eq!(
            values("15. Jahrhundert, 1997.", Lang::De),
            vec![15.0, 1997.0]
        );
        assert_eq!(values("10\u{202F}000 Menschen", Lang::De), vec![10000.0]);
        assert_eq!(values("10'000 Franken", Lang::De), vec![10000.0]);
        assert_eq!(values("5'11\" tall", Lang::En), vec![5.0, 11.0]);
        assert_eq!(values("am 15.03.2020", Lang::De), vec![15.0, 3.0, 2020.0]);
        assert_eq!(values("um 15.30 Uhr", Lang::De), vec![15.0, 30.0]);
    }

    #[test]
    fn one_normaliser_for_the_aligner_and_mt009() {
        let guess = |s: &str| normalize_number(s);
        // The aligner (no language): thousands and decimal marks guessed.
        assert_eq!(guess("2.000"), "2000");
        assert_eq!(guess("2,000"), "2000");
        assert_eq!(guess("3,785"), "3785");
        assert_eq!(guess("1,5"), "1.5");
        assert_eq!(guess("1.5"), "1.5");
        assert_eq!(guess("3,50"), "3.5");
        assert_eq!(guess("1.234.567,89"), "1234567.89");
        assert_eq!(guess("1,234,567.89"), "1234567.89");
        assert_eq!(guess("1.234.567"), "1234567");
        assert_eq!(guess("1997"), "1997");
        assert_eq!(guess("007"), "7");
        assert_eq!(guess("0,250"), "0.25");
        assert_eq!(guess("0,0"), "0");
        assert_eq!(guess("1.0"), "1");
        assert_eq!(guess("10\u{202F}000,5"), "10000.5");
        assert_eq!(guess(""), "0");
        // MT009 (the language's decimal mark): 1.5 (en) = 1,5 (de), 2,000 (en) = 2.000 (de).
        assert_eq!(number_value("1.5", '.'), Some(1.5));
        assert_eq!(number_value("1,5", ','), Some(1.5));
        assert_eq!(number_value("2,000", '.'), Some(2000.0));
        assert_eq!(number_value("2.000", ','), Some(2000.0));
        assert_eq!(number_value("3,785", ','), Some(3.785));
        assert_eq!(number_value("1.000,50", ','), Some(1000.5));
        assert_eq!(number_value("10\u{A0}000,5", ','), Some(10000.5));
        assert_eq!(number_value("0,250", ','), Some(0.25));
        assert_eq!(number_value("1.2.3", '.'), None);
        let mut out = String::from("x");
        assert!(!push_normalized(
            "1.2.3",
            DecimalMark::Locale('.'),
            &mut out
        ));
        assert_eq!(out, "x");
        // the same values through MT009's reader, percentages included
        assert_eq!(
            values("a 3.5% rise of 2,000 and 1.5", Lang::En),
            [3.5, 2000.0, 1.5]
        );
        assert_eq!(
            values(
                "ein Anstieg um 3,5 % von 2.000 und 1,5; 3,785 Liter",
                Lang::De
            ),
            [3.5, 2000.0, 1.5, 3.785]
        );
    }

    #[test]
    fn the_word_tables_answer_as_the_full_readers() {
        let mut en = en_word_candidates();
        en.extend(
            [
                "",
                "ones",
                "twentyfive",
                "mayday",
                "thirtieths",
                "seventeenths",
            ]
            .map(String::from),
        );
        for w in &en {
            assert_eq!(en_word(w), en_word_full(w), "{w}");
        }
        for w in [
            "",
            "eine",
            "einen",
            "erste",
            "zweiten",
            "achten",
            "siebente",
            "elftens",
            "anderthalb",
            "hälfte",
            "märz",
            "jänner",
            "doppelten",
            "hunderte",
            "paare",
            "beim",
            "kein",
            "und",
            "zwanzigste",
            "dreimal",
            "fünfundzwanzig",
            "neunzigerjahre",
            "anders",
            "jahr",
            "mai",
            "dritter",
            "zwölfte",
            "dutzend",
            "millionen",
            "tausenden",
            "zweitausenddreihundert",
        ] {
            assert_eq!(de_word(w), de_word_full(w), "{w}");
        }
    }

    #[test]
    fn german_number_words() {
        for (w, value) in [
            ("fünfundzwanzig", Some(25.0)),
            ("zweitausenddreihundert", Some(2300.0)),
            ("zweiten", Some(2.0)),
            ("dritte", Some(3.0)),
            ("zwanzigsten", Some(20.0)),
            ("zweijährigen", Some(2.0)),
            ("hundert", Some(100.0)),
            ("fünfmaliger", Some(5.0)),
            ("eineinhalb", Some(1.5)),
            ("zweieinhalb", Some(2.5)),
            ("achtung", None),
            ("elfmeter", None),
        ] {
            let got = de_word(w).as_deref().map(<[f64]>::to_vec);
            assert_eq!(got, value.map(|v| vec![v]), "{w}");
        }
    }

    #[test]
    fn time_and_scale_alternatives() {
        let n = extract("at 3 p.m.", Lang::En);
        assert_eq!(n[0].values, vec![3.0, 15.0]);
        let n = extract("5.2 million people", Lang::En);
        assert_eq!(n[0].values, vec![5.2, 5_200_000.0]);
        let n = extract("twenty-five", Lang::En);
        assert!(n.iter().any(|n| n.values == vec![25.0]));
    }

    #[test]
    fn decades_ranges_and_conversions() {
        // "90er" may be the 1990s; "1994-5" ends in 1995
        let de = extract("in den 90er Jahren", Lang::De);
        assert!(de[0].values.contains(&1990.0), "{de:?}");
        let en = extract("in 1994-5 and 2001-02", Lang::En);
        assert!(en[1].values.contains(&1995.0), "{en:?}");
        assert!(en[3].values.contains(&2002.0), "{en:?}");
        // "90 Euro" is no decade
        assert_eq!(extract("90 Euro", Lang::De)[0].values, vec![90.0]);
        let de = "eine US-Gallone (3,785 Liter) Benzin";
        let end = de.find(" Liter").expect("unit");
        assert!(is_added_conversion(de, end, "a gallon of gasoline"));
        assert!(!is_added_conversion(de, end, "a kilogram of hydrogen"));
        let de = "vom 11. September";
        let span = de.find("11").expect("day")..de.find("11").expect("day") + 2;
        assert!(is_nine_eleven(de, &span, "on 9/11"));
        assert!(!is_nine_eleven(de, &span, "on September 11"));
    }
}

/// The word tables of [`en_word`] and [`de_word`] are built from word lists that mirror the
/// `match` arms of [`en_word_full`] and [`de_word_full`]; a word added to a `match` but not to
/// its list would be silently missing from the table. These tests read every string literal of
/// the two functions from this file and check that the fast path answers it as the full one.
#[cfg(test)]
mod table_tests {
    use super::*;

    /// The string literals (lower-case letters only) of function `name` in this file.
    fn literals_of(name: &str) -> Vec<String> {
        let src = include_str!("numbers.rs");
        let start = src
            .find(&format!("\nfn {name}("))
            .unwrap_or_else(|| panic!("fn {name} not found"));
        // The function ends at the first line that is a lone closing brace.
        let body = &src[start..];
        let end = body.find("\n}\n").unwrap_or(body.len());
        let body = &body[..end];
        let mut out = Vec::new();
        let mut parts = body.split('"');
        parts.next();
        while let Some(lit) = parts.next() {
            if !lit.is_empty() && lit.chars().all(|c| c.is_lowercase()) {
                out.push(lit.to_string());
            }
            parts.next();
        }
        out
    }

    #[test]
    fn every_english_word_of_the_full_reader_is_in_the_table() {
        let words = literals_of("en_word_full");
        assert!(words.len() >= 15, "{words:?}");
        for w in words {
            if let Some(v) = en_word_full(&w) {
                assert_eq!(en_word(&w), Some(v), "'{w}' missing from EN_OTHER");
            }
        }
    }

    #[test]
    fn every_german_word_of_the_full_reader_is_in_the_table() {
        let words = literals_of("de_word_full");
        assert!(words.len() >= 20, "{words:?}");
        for w in words {
            for e in ["", "e", "en"] {
                let w = format!("{w}{e}");
                if let Some(v) = de_word_full(&w) {
                    assert_eq!(de_word(&w), Some(v), "'{w}' missing from DE_OTHER");
                }
            }
        }
    }
}
