//! The rule-based sentence splitter: one pass over the bytes of a block.
//!
//! Candidates are the sentence-ending marks (`.` `!` `?` `…` and runs of them) and line
//! breaks; every candidate is decided by the rules below, with the word lists of
//! [`super::lexicon`]. The text is never rewritten: sentences are byte ranges into it.
//!
//! Rules, in the order they are applied:
//! - Blank lines are hard boundaries. A single line break continues the sentence, unless the
//!   next line is a list item, or the line so far is a unit of its own (a heading, an address
//!   line: it starts a sentence, ends without punctuation or a function word, and the next
//!   line starts with a capital letter or a digit).
//! - A list marker at the start of a unit ("1.", "2.)", "a.", "•", "⁃9.") is never a sentence
//!   end; a unit that starts with one is split before the next marker of the same list
//!   ("1. The first item 2. The second item").
//! - A mark followed by anything but white space is no boundary (numbers, URLs, e-mails, file
//!   names, "U.S.A.", "Jr.'s", "…“, fragte sie").
//! - Closing quotes and brackets after the mark belong to the sentence ("Lust.“", "nicht!).",
//!   and a detached one: "begünstigt. » Es …").
//! - No boundary inside a closed quotation („…“, ,,…“, »…«, "…", “…”; also the mismatched „…»
//!   of garbled MT): „Kommst du? Jetzt?“ is one. A stray straight quote re-opens instead of
//!   pairing across sentences.
//! - A mark followed by a lower-case word (or a comma) is no boundary: either an abbreviation
//!   or a stray period of garbled MT ("… kam. durch neue Technologien."), which the checks
//!   flag. Lower-case brands with a capital second letter ("iPhone") may start a sentence.
//! - Before a capital letter or a digit, the word in front of a period decides (for a period
//!   after a space, the word before the space): abbreviations by class (`data/*.txt`),
//!   single letters and initials, German ordinals ("am 15. März", "im 15. und 16.
//!   Jahrhundert", "der 1. FC Köln"), numbers, ordinary words.
//! - Ellipses: "[...]" is an omission; "…"/"..." before a capital ends the sentence (German:
//!   only before a function word), except after an article or conjunction ("dann … Die");
//!   ". . ." before a capital does not, ". . . ." does.
//! - A "sentence" without letters or digits (". .", a lone bullet) joins the previous one.

use std::ops::Range;

use either::Either;

use super::lexicon::{AbbrevClass, Lexicon, abbrev_key, lexicon};
use crate::model::Lang;

/// Split a text into sentences (byte ranges, trimmed, in order).
pub(crate) fn split(text: &str, lang: Lang) -> Vec<Range<usize>> {
    split_iter(text, lang).collect()
}

/// [`split`] one sentence at a time: the text of one sentence (most units of a memory)
/// without a vector of its own.
pub(crate) fn split_iter(text: &str, lang: Lang) -> impl Iterator<Item = Range<usize>> {
    let lex = lexicon(lang);
    match one_sentence(text, lang, lex) {
        Some(one) => Either::Left(one.into_iter()),
        None => Either::Right(split_scanned(text, lang, lex).into_iter()),
    }
}

/// The sentence of a one-line text whose first sentence mark (`.` `!` `?` `…` …) has no
/// letter or digit after it and which starts with no list marker, the usual unit of a
/// memory ("Er kam gestern.", "Warum?“"): the whole text, trimmed (`Some(None)` when blank).
/// `None` for any other text. Whatever the scan would decide at such a mark, what follows
/// it has no letter or digit, so it is debris that joins the sentence before it, and the
/// scan gives the same one range ([`split_scanned`]; tested on random texts).
fn one_sentence(text: &str, lang: Lang, lex: &Lexicon) -> Option<Option<Range<usize>>> {
    let b = text.as_bytes();
    if memchr::memchr(b'\n', b).is_some() {
        return None;
    }
    let mut i = 0;
    let first_mark = loop {
        i = skip_to_candidate(b, i, b.len());
        if i >= b.len() {
            break None;
        }
        if is_mark_at(text, i) {
            break Some(i);
        }
        i += 1;
    };
    if first_mark.is_some_and(|m| text[m..].chars().any(char::is_alphanumeric)) {
        return None;
    }
    let scanner = Scanner::new(text, 0, text.len(), lang, lex);
    if scanner.list_marker(scanner.skip_ws(0)).is_some() {
        return None;
    }
    let lead = text.len() - text.trim_start().len();
    let body = text.trim();
    Some((!body.is_empty()).then(|| lead..lead + body.len()))
}

/// [`split`] by the scan of every line and mark.
fn split_scanned(text: &str, lang: Lang, lex: &Lexicon) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut region: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(rs) = region.take() {
                Scanner::new(text, rs, offset, lang, lex).run(&mut out);
            }
        } else if region.is_none() {
            region = Some(offset);
        }
        offset += line.len();
    }
    if let Some(rs) = region {
        Scanner::new(text, rs, text.len(), lang, lex).run(&mut out);
    }
    out
}

/// Whether a byte may start a candidate: `\n . ! ?` and the lead byte of `…‼⁇⁈⁉`. (Written
/// with `|`, no branches, for the block compare of [`skip_to_candidate`].)
#[inline(always)]
fn is_scan_byte(c: u8) -> bool {
    (c == b'\n') | (c == b'.') | (c == b'!') | (c == b'?') | (c == 0xE2)
}

/// The first byte at or after `i` (and before `stop`) that may start a candidate
/// ([`is_scan_byte`]); `stop` when there is none.
fn skip_to_candidate(b: &[u8], i: usize, stop: usize) -> usize {
    skip_until(b, i, stop, is_scan_byte)
}

/// The first byte at or after `i` (and before `stop`) for which `hit` holds; `stop` when
/// there is none.
///
/// Sixteen bytes at a time while none of them is one: `hit` (byte compares joined by `|`)
/// over a fixed-size block, which the compiler turns into vector compares (a byte-by-byte
/// table walk cost 8 instructions a byte, the most of a memory's segmentation). A block may
/// reach past `stop` (not past `b`): without a hit in it, there is none before `stop`.
#[inline(always)]
fn skip_until(b: &[u8], mut i: usize, stop: usize, hit: impl Fn(u8) -> bool) -> usize {
    const BLOCK: usize = 16;
    while i < stop
        && let Some(block) = b.get(i..).and_then(<[u8]>::first_chunk::<BLOCK>)
    {
        if block.iter().fold(false, |any, &c| any | hit(c)) {
            break;
        }
        i += BLOCK;
    }
    while i < stop && !hit(b[i]) {
        i += 1;
    }
    i.min(stop)
}

/// Whether a sentence mark starts at byte `i`: `.`, `!`, `?` or one of `…‼⁇⁈⁉`.
fn is_mark_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(b'.' | b'!' | b'?') => true,
        Some(0xE2) => text
            .get(i..)
            .and_then(|r| r.chars().next())
            .is_some_and(is_terminator),
        _ => false,
    }
}
/// Whether a byte may start a quotation mark: `" ,` and the lead bytes of `„“”‚‘»«`.
/// (Written with `|`, no branches, for the block compare of [`skip_until`].)
#[inline(always)]
fn is_quote_byte(c: u8) -> bool {
    (c == b'"') | (c == b',') | (c == 0xE2) | (c == 0xC2)
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '“' | '’' | '‘' | '»' | '«' | '›' | '‹' | ')' | ']' | '}'
    )
}

/// Bullets that start a list item wherever they stand.
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '‣'
            | '⁃'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▸'
            | '➢'
            | '➤'
            | '✓'
            | '✔'
    )
}

/// Bullets that start a list item only at the start of a line and before white space.
fn is_line_bullet(c: char) -> bool {
    matches!(c, '-' | '*' | '+' | '–' | '—' | '·')
}

fn is_number(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_digit()
        && b[b.len() - 1].is_ascii_digit()
        && b.iter()
            .all(|&c| c.is_ascii_digit() || matches!(c, b'.' | b',' | b'\''))
}

/// "U.S.A", "Ph.D", "e.g": short letter groups joined by periods.
fn is_initialism(s: &str) -> bool {
    let mut parts = 0;
    for part in s.split('.') {
        let n = part.chars().count();
        if n == 0 || n > 3 || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

fn single_letter(s: &str) -> Option<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) if c.is_alphabetic() => Some(c),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// End of the block: nothing (or only punctuation) follows.
    End,
    /// No white space after the mark.
    NoSpace,
    /// Another sentence mark follows (". .", "word. ...").
    Punct,
    Lower,
    Upper,
    Digit,
}

/// What follows a candidate boundary.
struct Ahead {
    next: Next,
    /// First non-space byte after the mark: where the next sentence would start.
    start: usize,
    /// The next word (letters and digits).
    word: Range<usize>,
}

#[derive(Debug, Clone, Copy)]
enum Marker {
    Bullet(char),
    Number(u32, &'static str),
    Letter(char, &'static str),
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    lang: Lang,
    lex: &'a Lexicon,
    /// Region (text between blank lines).
    begin: usize,
    end: usize,
    /// Closed quotations, merged, sorted.
    quotes: Vec<Range<usize>>,
    /// Start of the current sentence.
    ss: usize,
    /// Next inline list marker of the current unit.
    marker: Option<usize>,
    marker_cache: Option<MarkerCache>,
}

/// The last inline-marker search: `needle` searched from `from` up to `until`.
struct MarkerCache {
    needle: String,
    from: usize,
    until: usize,
    found: Option<usize>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, begin: usize, end: usize, lang: Lang, lex: &'a Lexicon) -> Self {
        Scanner {
            text,
            b: text.as_bytes(),
            lang,
            lex,
            begin,
            end,
            quotes: Vec::new(),
            ss: begin,
            marker: None,
            marker_cache: None,
        }
    }

    fn char_at(&self, i: usize) -> Option<char> {
        if i >= self.end {
            return None;
        }
        self.text.get(i..self.end).and_then(|s| s.chars().next())
    }

    fn char_before(&self, i: usize) -> Option<char> {
        if i <= self.begin {
            return None;
        }
        self.text
            .get(self.begin..i)
            .and_then(|s| s.chars().next_back())
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while let Some(c) = self.char_at(i) {
            if !c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        i.min(self.end)
    }

    fn run(mut self, out: &mut Vec<Range<usize>>) {
        self.quotes = self.quote_spans();
        let mut i = self.begin_sentence(self.begin);
        while i < self.end {
            if let Some(m) = self.marker
                && i >= m
            {
                self.emit(out, self.ss, m);
                i = self.begin_sentence(m);
                continue;
            }
            // Skip bytes that cannot start a candidate.
            let stop = self.marker.map_or(self.end, |m| m.min(self.end));
            i = skip_to_candidate(self.b, i, stop);
            if i >= stop {
                continue;
            }
            i = if self.b[i] == b'\n' {
                self.line_break(i, out)
            } else if is_mark_at(self.text, i) {
                self.candidate(i, out)
            } else {
                i + 1
            };
        }
        self.emit(out, self.ss, self.end);
    }

    /// Push the trimmed sentence `a..b`. A "sentence" without letters or digits (". ." after
    /// a sentence, a lone bullet or quote) is debris of the previous sentence of the region,
    /// not a sentence of its own.
    fn emit(&self, out: &mut Vec<Range<usize>>, a: usize, b: usize) {
        let Some(s) = self.text.get(a..b) else {
            return;
        };
        let lead = s.len() - s.trim_start().len();
        let t = s.trim();
        if t.is_empty() {
            return;
        }
        let range = a + lead..a + lead + t.len();
        if !t.chars().any(char::is_alphanumeric)
            && let Some(prev) = out.last_mut()
            && prev.end > self.begin
        {
            prev.end = range.end;
            return;
        }
        out.push(range);
    }

    /// Start a sentence at the first non-space byte from `pos`; returns where scanning goes on
    /// (after a leading list marker).
    fn begin_sentence(&mut self, pos: usize) -> usize {
        let s = self.skip_ws(pos);
        self.ss = s;
        self.marker = None;
        match self.list_marker(s) {
            Some((after, kind)) => {
                self.marker = self.find_next_marker(kind, after);
                after
            }
            None => s,
        }
    }

    /// A list marker at `s`: returns the byte after it and its kind.
    fn list_marker(&self, s: usize) -> Option<(usize, Marker)> {
        let c = self.char_at(s)?;
        if is_bullet(c) {
            let after = s + c.len_utf8();
            let inner = self.skip_ws(after);
            let end = self.numbered_marker(inner).map_or(after, |(e, _)| e);
            return Some((end, Marker::Bullet(c)));
        }
        if is_line_bullet(c)
            && self
                .char_at(s + c.len_utf8())
                .is_some_and(char::is_whitespace)
        {
            return Some((s + c.len_utf8(), Marker::Bullet(c)));
        }
        self.numbered_marker(s)
    }

    /// "1." "12)" "3.)" "(4)" "a." "b)" followed by white space.
    fn numbered_marker(&self, s: usize) -> Option<(usize, Marker)> {
        let b = self.b;
        let mut i = s;
        let paren = b.get(i) == Some(&b'(');
        if paren {
            i += 1;
        }
        let digits_start = i;
        while i < self.end && b[i].is_ascii_digit() && i - digits_start < 4 {
            i += 1;
        }
        let ndig = i - digits_start;
        let letter = if ndig == 0 && i < self.end && b[i].is_ascii_lowercase() && !paren {
            i += 1;
            Some(b[i - 1] as char)
        } else {
            None
        };
        if (ndig == 0 || ndig > 3) && letter.is_none() {
            return None;
        }
        let rest = &b[i..self.end];
        let suffix: &'static str = if paren {
            if rest.starts_with(b")") {
                ")"
            } else {
                return None;
            }
        } else if rest.starts_with(b".)") {
            ".)"
        } else if rest.starts_with(b".") {
            "."
        } else if rest.starts_with(b")") {
            ")"
        } else {
            return None;
        };
        let after = i + suffix.len();
        if !self.char_at(after).is_some_and(char::is_whitespace) {
            return None;
        }
        if let Some(l) = letter {
            return Some((after, Marker::Letter(l, suffix)));
        }
        let n: u32 = self
            .text
            .get(digits_start..digits_start + ndig)?
            .parse()
            .ok()?;
        let suffix = if paren { "" } else { suffix };
        Some((after, Marker::Number(n, suffix)))
    }

    /// The next marker of the same list on the same line ("1. … 2. …", "• … • …"), at most
    /// 4 KB ahead. The last search is cached, so that a long line of "1. 1. 1. …" stays
    /// linear.
    fn find_next_marker(&mut self, kind: Marker, from: usize) -> Option<usize> {
        let needle = match kind {
            Marker::Bullet(c) if is_bullet(c) => c.to_string(),
            Marker::Bullet(_) => return None,
            Marker::Number(_, "") => return None,
            Marker::Number(n, suffix) => format!("{}{suffix}", n + 1),
            Marker::Letter(l, suffix) => {
                let next = char::from_u32(l as u32 + 1).filter(char::is_ascii_lowercase)?;
                format!("{next}{suffix}")
            }
        };
        if let Some(c) = &self.marker_cache
            && c.needle == needle
            && c.from <= from
            && from < c.until
        {
            match c.found {
                None => return None,
                Some(m) if m >= from => return Some(m),
                Some(_) => {}
            }
        }
        let mut limit = self.end.min(from + 4096);
        while !self.text.is_char_boundary(limit) {
            limit -= 1;
        }
        let hay = self.text.get(from..limit)?;
        let (found, until) = self.scan_markers(kind, &needle, from, hay);
        self.marker_cache = Some(MarkerCache {
            needle,
            from,
            until,
            found,
        });
        found
    }

    /// The first valid marker in `hay` before its first line break; and how far the search
    /// went.
    fn scan_markers(
        &self,
        kind: Marker,
        needle: &str,
        from: usize,
        hay: &str,
    ) -> (Option<usize>, usize) {
        let mut clean = 0; // hay[..clean] holds no line break
        for (j, _) in hay.match_indices(needle) {
            if let Some(nl) = hay[clean..j].find('\n') {
                return (None, from + clean + nl);
            }
            clean = j;
            let at = from + j;
            if !self.char_before(at).is_some_and(char::is_whitespace) {
                continue;
            }
            if let Marker::Bullet(_) = kind {
                return (Some(at), at);
            }
            let after = at + needle.len();
            if !self.char_at(after).is_some_and(char::is_whitespace) {
                continue;
            }
            let w = self.skip_ws(after);
            if self
                .char_at(w)
                .is_some_and(|c| c.is_uppercase() || is_bullet(c))
            {
                return (Some(at), at);
            }
        }
        let nl = hay[clean..].find('\n').map_or(hay.len(), |nl| clean + nl);
        (None, from + nl)
    }

    /// A sentence mark at `p`: decide, emit, return where scanning goes on.
    fn candidate(&mut self, p: usize, out: &mut Vec<Range<usize>>) -> usize {
        let mut run_end = p;
        let mut dots = 0;
        let mut bang = false;
        let mut ell = false;
        while let Some(c) = self.char_at(run_end) {
            if !is_terminator(c) {
                break;
            }
            match c {
                '.' => dots += 1,
                '…' => ell = true,
                _ => bang = true,
            }
            run_end += c.len_utf8();
        }
        if run_end == p {
            return p + 1;
        }
        let ellipsis = !bang && (ell || dots >= 2);
        // "[...]", "(…)": an omission mark inside a quotation.
        if ellipsis && matches!(self.char_before(p), Some('[' | '(')) {
            return run_end;
        }
        if !bang && !ellipsis {
            let (k, pat_end) = self.spaced_dots(p);
            if k >= 3 {
                return self.spaced_ellipsis(p, k, pat_end, out);
            }
        }
        let end = self.after_closers(run_end);
        let ahead = self.look_ahead(end);
        if !matches!(ahead.next, Next::Upper | Next::Digit) || self.in_quote(end) {
            return end;
        }
        let boundary = if bang {
            true
        } else if ellipsis {
            // "… dann … Die Welt": after an article or a conjunction an ellipsis is a pause.
            ahead.next == Next::Upper
                && !self.lex.is_no_end(self.word_before(p))
                && (self.lang == Lang::En || self.next_is_function(&ahead))
        } else {
            self.period_decision(p, &ahead)
        };
        if boundary {
            self.emit(out, self.ss, end);
            self.begin_sentence(ahead.start)
        } else {
            end
        }
    }

    /// ". . ." patterns: the number of single-spaced dots starting at `p` and their end.
    fn spaced_dots(&self, p: usize) -> (usize, usize) {
        let b = self.b;
        let mut k = 1;
        let mut i = p + 1;
        while i + 1 < self.end && b[i] == b' ' && b[i + 1] == b'.' {
            k += 1;
            i += 2;
        }
        (k, i)
    }

    fn spaced_ellipsis(
        &mut self,
        p: usize,
        k: usize,
        pat_end: usize,
        out: &mut Vec<Range<usize>>,
    ) -> usize {
        let attached = self.char_before(p).is_some_and(|c| !c.is_whitespace());
        let end = self.after_closers(pat_end);
        let ahead = self.look_ahead(end);
        if ahead.next != Next::Upper {
            return end;
        }
        if attached && k >= 4 {
            // "compounds. . . . The practice": the first period ends the sentence, the
            // ellipsis opens the next one.
            if self.in_quote(p + 1) {
                return end;
            }
            self.emit(out, self.ss, p + 1);
            self.begin_sentence(p + 1);
            return end;
        }
        if !attached && k >= 4 && !self.in_quote(end) {
            // "a period . . . . Next sentence."
            self.emit(out, self.ss, end);
            return self.begin_sentence(ahead.start);
        }
        end
    }

    /// Absorb closing quotes/brackets and further marks after a sentence mark; also a
    /// detached closing quote ("begünstigt. » Es ist …": a quote mark with white space on
    /// both sides closes, it does not open).
    fn after_closers(&self, mut i: usize) -> usize {
        while let Some(c) = self.char_at(i) {
            if !(is_closer(c) || is_terminator(c)) {
                break;
            }
            i += c.len_utf8();
        }
        if self.char_at(i) == Some(' ')
            && let Some(q) = self.char_at(i + 1)
            && matches!(q, '"' | '”' | '“' | '»' | '«' | '’' | '‘')
            && self
                .char_at(i + 1 + q.len_utf8())
                .is_none_or(char::is_whitespace)
        {
            i += 1 + q.len_utf8();
        }
        i
    }

    fn look_ahead(&self, end: usize) -> Ahead {
        let none = |next, start| Ahead {
            next,
            start,
            word: start..start,
        };
        match self.char_at(end) {
            None => return none(Next::End, end),
            Some(c) if !c.is_whitespace() => return none(Next::NoSpace, end),
            _ => {}
        }
        let q = self.skip_ws(end);
        let mut w = q;
        let mut steps = 0;
        let c = loop {
            let Some(c) = self.char_at(w) else {
                return none(Next::End, q);
            };
            if c.is_alphanumeric() {
                break c;
            }
            if is_terminator(c) {
                return none(Next::Punct, q);
            }
            // No sentence starts with a comma: "1 . , 2 ." goes on.
            if w == q && matches!(c, ',' | ';' | ':') {
                return none(Next::Lower, q);
            }
            steps += 1;
            if steps > 12 {
                return none(Next::Upper, q);
            }
            w += c.len_utf8();
        };
        let next = if c.is_lowercase() {
            // "iPhone", "eBay", "mRNA": a brand starts a sentence in lower case.
            let second = self.char_at(w + c.len_utf8());
            if second.is_some_and(char::is_uppercase) {
                Next::Upper
            } else {
                Next::Lower
            }
        } else if c.is_numeric() {
            Next::Digit
        } else {
            Next::Upper
        };
        let mut we = w;
        while let Some(c) = self.char_at(we) {
            if !c.is_alphanumeric() {
                break;
            }
            we += c.len_utf8();
        }
        Ahead {
            next,
            start: q,
            word: w..we,
        }
    }

    fn next_is_function(&self, ahead: &Ahead) -> bool {
        self.lex.is_function(&self.text[ahead.word.clone()])
    }

    /// The token before a period at `p`: its start and its core (without surrounding
    /// punctuation).
    fn token_before(&self, p: usize) -> (usize, &'a str) {
        let mut t = p;
        while let Some(c) = self.char_before(t) {
            if c.is_whitespace() {
                break;
            }
            t -= c.len_utf8();
        }
        let raw = &self.text[t..p];
        let core = raw
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(is_closer);
        (t, core)
    }

    /// The word before byte `t` inside the current sentence, without punctuation.
    fn word_before(&self, t: usize) -> &'a str {
        let mut e = t;
        while e > self.ss {
            match self.char_before(e) {
                Some(c) if c.is_whitespace() => e -= c.len_utf8(),
                _ => break,
            }
        }
        let mut s = e;
        while s > self.ss {
            match self.char_before(s) {
                Some(c) if !c.is_whitespace() => s -= c.len_utf8(),
                _ => break,
            }
        }
        self.text[s..e].trim_matches(|c: char| !c.is_alphanumeric())
    }

    /// An abbreviation ending at the period at `p` (spaced chains "z. B.", "i. d. R." too).
    fn abbrev_class(&self, tstart: usize, core: &str) -> Option<AbbrevClass> {
        if single_letter(core).is_some() {
            // Collect up to three preceding "X." tokens.
            let mut letters: Vec<(usize, &str)> = Vec::new();
            let mut t = tstart;
            while letters.len() < 3 {
                let mut e = t;
                let mut gap = 0;
                while let Some(c) = self.char_before(e) {
                    if !c.is_whitespace() || gap >= 2 {
                        break;
                    }
                    e -= c.len_utf8();
                    gap += 1;
                }
                if gap == 0 || self.char_before(e) != Some('.') {
                    break;
                }
                let dot = e - 1;
                let Some(l) = self.char_before(dot) else {
                    break;
                };
                let ls = dot - l.len_utf8();
                let starts_token = self
                    .char_before(ls)
                    .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '„' | '"' | '“'));
                if !l.is_alphabetic() || !starts_token {
                    break;
                }
                letters.push((ls, &self.text[ls..dot]));
                t = ls;
            }
            for n in (1..=letters.len()).rev() {
                let mut key = String::new();
                for (_, l) in letters[..n].iter().rev() {
                    key.push_str(l);
                    key.push('.');
                }
                key.push_str(core);
                if let Some(c) = self.lex.abbrev(&key) {
                    return Some(c);
                }
            }
        }
        self.lex.abbrev(&abbrev_key(core))
    }

    /// Is the period at `p`, followed by a capital letter or a digit, a sentence end?
    fn period_decision(&self, p: usize, ahead: &Ahead) -> bool {
        let (mut tstart, mut core) = self.token_before(p);
        let digit = ahead.next == Next::Digit;
        let word = &self.text[ahead.word.clone()];
        if core.is_empty() && tstart == p {
            // A period after a space ("am 09 . Januar", tokenised or garbled MT): the word
            // before the space decides, unless it ends with a mark itself (". .").
            let prev = self.word_before(p);
            let raw_end = self.text[..p].trim_end();
            if prev.is_empty() || raw_end.ends_with(is_terminator) {
                return true;
            }
            core = prev;
            tstart = prev.as_ptr() as usize - self.text.as_ptr() as usize;
        }
        if core.is_empty() {
            return true;
        }
        if let Some(class) = self.abbrev_class(tstart, core) {
            match class {
                AbbrevClass::Inner => return false,
                AbbrevClass::Final => {
                    // "At 5 a.m. Mr. Smith went …": an opening time phrase, not a sentence.
                    let after_number = is_number(self.word_before(tstart));
                    let opening =
                        after_number && self.text[self.ss..tstart].split_whitespace().count() <= 2;
                    // "7 p.m. ET tonight": a time zone follows the time.
                    let zone = after_number
                        && (2..=4).contains(&word.len())
                        && word.chars().all(|c| c.is_ascii_uppercase());
                    return !(opening || zone);
                }
                AbbrevClass::Number if digit => return false,
                AbbrevClass::Number => {}
                AbbrevClass::Other => return !digit && self.lex.is_function(word),
            }
        }
        if let Some(letter) = single_letter(core) {
            // "z. B.", "J. R. R. Tolkien": a chain of initials goes on.
            if word.chars().count() == 1 && self.b.get(ahead.word.end) == Some(&b'.') {
                return false;
            }
            if digit {
                return false;
            }
            if self.lang == Lang::En && letter == 'I' {
                let before = self.word_before(tstart);
                if before.chars().next().is_none_or(char::is_lowercase) {
                    return true;
                }
            }
            return self.lex.is_function(word);
        }
        if core.contains('.') && is_initialism(core) {
            return !digit && self.lex.is_function(word);
        }
        if is_number(core) {
            return !(self.lang == Lang::De && self.is_ordinal(tstart, core, ahead));
        }
        true
    }

    /// German ordinals: "am 15. März", "im 15. und 16. Jahrhundert", "der 1. FC Köln",
    /// "aus dem 1. -3. Jahrhundert"; but "im Jahr 1999. Danach" is a sentence end.
    fn is_ordinal(&self, tstart: usize, core: &str, ahead: &Ahead) -> bool {
        if core.len() > 3 || !core.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
        let word = &self.text[ahead.word.clone()];
        if ahead.next == Next::Upper {
            if self.lex.is_month(word) || self.lex.is_ordinal_noun(word) {
                return true;
            }
            if self.lex.is_function(word) {
                return false;
            }
        }
        self.lex.is_ordinal_before(self.word_before(tstart))
    }

    /// A single line break at `i`: continuation or a hard boundary?
    fn line_break(&mut self, i: usize, out: &mut Vec<Range<usize>>) -> usize {
        let next = i + 1;
        if self.ss >= i {
            return next;
        }
        let q = self.skip_ws(next);
        if q >= self.end {
            return next;
        }
        if self.hard_line_break(i, q) {
            self.emit(out, self.ss, i);
            return self.begin_sentence(q);
        }
        next
    }

    fn hard_line_break(&self, i: usize, q: usize) -> bool {
        let Some(first) = self.char_at(q) else {
            return false;
        };
        if is_bullet(first)
            || (is_line_bullet(first)
                && self
                    .char_at(q + first.len_utf8())
                    .is_some_and(char::is_whitespace))
        {
            return true;
        }
        let line = &self.text[self.begin..i];
        let line_start = self.begin + line.rfind('\n').map_or(0, |j| j + 1);
        let content = self.text[line_start..i].trim_end();
        let Some(last) = content.chars().next_back() else {
            return false;
        };
        // Ends with a mark: the punctuation rules have decided already.
        if content.trim_end_matches(is_closer).ends_with(is_terminator) {
            return false;
        }
        if matches!(
            last,
            ',' | ';' | ':' | '-' | '‐' | '–' | '—' | '/' | '&' | '+' | '(' | '„' | '"'
        ) {
            return false;
        }
        let last_word = content
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if self.lex.is_function(last_word) {
            return false;
        }
        if self.numbered_marker(q).is_some() {
            return true;
        }
        if self.look_ahead(i).next == Next::Lower {
            return false;
        }
        if self.ss < line_start {
            return false;
        }
        // German: "… eine möglichst problemlose\nSchwangerschaft": a lower-case word before
        // a capitalised one is an adjective or a verb before a noun.
        if self.lang == Lang::De && last_word.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        true
    }

    fn in_quote(&self, pos: usize) -> bool {
        let k = self.quotes.partition_point(|r| r.start < pos);
        k > 0 && pos < self.quotes[k - 1].end
    }

    /// Closed quotations in the region. „…“ ,,…“ »…« «…» "…" “…” ‚…‘; an opening mark of a
    /// kind that is already open is ignored (,,a?” ,,b“ is one quotation, as in pySBD).
    fn quote_spans(&self) -> Vec<Range<usize>> {
        #[derive(PartialEq, Clone, Copy)]
        enum Q {
            Ascii,
            Low { comma: bool },
            High,
            LowSingle,
            GuilRight,
            GuilLeft,
        }
        let b = self.b;
        let mut stack: Vec<(Q, usize)> = Vec::new();
        let mut spans: Vec<Range<usize>> = Vec::new();
        let open =
            |stack: &[(Q, usize)], f: &dyn Fn(Q) -> bool| stack.iter().rposition(|(q, _)| f(*q));
        let mut i = self.begin;
        while i < self.end {
            i = skip_until(b, i, self.end, is_quote_byte);
            if i >= self.end {
                break;
            }
            let (len, kind) = match b[i] {
                b'"' => (1, '"'),
                b',' if b.get(i + 1) == Some(&b',') => (2, ','),
                0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                    Some(0x9C) => (3, '“'),
                    Some(0x9D) => (3, '”'),
                    Some(0x9E) => (3, '„'),
                    Some(0x9A) => (3, '‚'),
                    Some(0x98) => (3, '‘'),
                    _ => (1, ' '),
                },
                0xC2 => match b.get(i + 1) {
                    Some(0xBB) => (2, '»'),
                    Some(0xAB) => (2, '«'),
                    _ => (1, ' '),
                },
                _ => (1, ' '),
            };
            let close_at =
                |stack: &mut Vec<(Q, usize)>, spans: &mut Vec<Range<usize>>, j: usize| {
                    spans.push(stack[j].1..i + len);
                    stack.truncate(j);
                };
            match kind {
                '"' => {
                    // A straight quote between a space and a word opens; after a word it
                    // closes. An opening one while another is open means that one was never
                    // closed: start again here (a stray " must not swallow the paragraph).
                    let after_space = self.char_before(i).is_none_or(|c| {
                        c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | '/')
                    });
                    let before_word = self.char_at(i + 1).is_some_and(|c| !c.is_whitespace());
                    let opening = after_space && before_word;
                    match open(&stack, &|q| q == Q::Ascii) {
                        Some(j) if opening => stack[j].1 = i,
                        Some(j) => close_at(&mut stack, &mut spans, j),
                        None if after_space || before_word => stack.push((Q::Ascii, i)),
                        None => {}
                    }
                }
                ',' | '„' if open(&stack, &|q| matches!(q, Q::Low { .. })).is_none() => {
                    stack.push((Q::Low { comma: kind == ',' }, i));
                }
                '“' => {
                    if let Some(j) = open(&stack, &|q| matches!(q, Q::Low { .. })) {
                        close_at(&mut stack, &mut spans, j);
                    } else if open(&stack, &|q| q == Q::High).is_none() {
                        stack.push((Q::High, i));
                    }
                }
                '”' => {
                    let j = open(&stack, &|q| q == Q::High)
                        .or_else(|| open(&stack, &|q| q == Q::Low { comma: false }));
                    if let Some(j) = j {
                        close_at(&mut stack, &mut spans, j);
                    }
                }
                '‚' if self.lang == Lang::De && open(&stack, &|q| q == Q::LowSingle).is_none() => {
                    stack.push((Q::LowSingle, i));
                }
                '‘' => {
                    if let Some(j) = open(&stack, &|q| q == Q::LowSingle) {
                        close_at(&mut stack, &mut spans, j);
                    }
                }
                '»' | '«' => {
                    let (same, other) = if kind == '»' {
                        (Q::GuilRight, Q::GuilLeft)
                    } else {
                        (Q::GuilLeft, Q::GuilRight)
                    };
                    // In closing position (no word follows) a guillemet also closes a
                    // mismatched „ (garbled MT: „… begünstigt. »).
                    let closing = self.char_at(i + len).is_none_or(|c| !c.is_alphanumeric());
                    if let Some(j) = open(&stack, &|q| q == other) {
                        close_at(&mut stack, &mut spans, j);
                    } else if let Some(j) =
                        open(&stack, &|q| matches!(q, Q::Low { .. })).filter(|_| closing)
                    {
                        close_at(&mut stack, &mut spans, j);
                    } else if open(&stack, &|q| q == same).is_none() {
                        stack.push((same, i));
                    }
                }
                _ => {}
            }
            i += len;
        }
        spans.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
        for r in spans {
            match merged.last_mut() {
                Some(last) if r.start < last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-sentence shortcut gives what the full scan gives, on random one-line texts of
    /// marks, quotes, bullets, list markers, digits and letters of both cases (and on the
    /// texts it passes to the scan, trivially).
    #[test]
    fn one_sentence_is_what_the_scan_gives() {
        let mut taken = 0;
        for lang in [Lang::En, Lang::De] {
            let lex = lexicon(lang);
            for s in crate::checks::tokens::tests::random_texts(
                "aB1 .!?…„“\"»•-)(’ü Dr e",
                23,
                18,
                30_000,
            ) {
                if let Some(one) = one_sentence(&s, lang, lex) {
                    taken += 1;
                    let one: Vec<Range<usize>> = one.into_iter().collect();
                    assert_eq!(one, split_scanned(&s, lang, lex), "{s:?}");
                }
            }
        }
        // (most such texts take the shortcut, or the test proves little)
        assert!(taken > 10_000, "{taken}");
    }

    /// The block skip finds what a byte-by-byte walk finds, from every start to every stop
    /// (blocks that hit, miss, or reach past the stop or the end).
    #[test]
    fn skip_until_is_the_first_hit() {
        for s in crate::checks::tokens::tests::random_texts("abc .!?\n,\"„»€ ", 37, 40, 200) {
            let b = s.as_bytes();
            for stop in 0..=b.len() {
                for i in 0..=stop {
                    for hit in [is_scan_byte, is_quote_byte] {
                        let naive = (i..stop).find(|&j| hit(b[j])).unwrap_or(stop);
                        assert_eq!(skip_until(b, i, stop, hit), naive, "{s:?} {i} {stop}");
                    }
                }
            }
        }
    }
}
