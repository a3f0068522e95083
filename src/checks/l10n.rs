//! Placeholders and markup of software localisation strings, per syntax: printf (`%s`,
//! `%1$d`, `%@`, `%ld`, `%%`), Ruby `%{name}`, i18next `$t(key)`, HTML/XML inline tags
//! (`<b>`, `<xliff:g id="…">`), and ICU MessageFormat (`{count, plural, one {…} other {…}}`,
//! `select`, `#`), with a panic-free ICU parser that reports a broken brace with its byte
//! position. placeholder-syntax (MT024) compares what [`scan`] and [`parse_icu`] find in a
//! pair; spelling leaves these spans alone.
//!
//! `{name}`, `{{name}}`, `${name}` and `%(name)s` are [`entities`](crate::checks::entities)'
//! placeholders: entity-mismatch (MT010) reports them missing or changed.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// The syntax of a placeholder or tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// `%s`, `%1$d`, `%@`, `%ld`.
    Printf,
    /// `%%`, a literal percent sign in a printf string.
    Percent,
    /// Ruby `%{name}`.
    Ruby,
    /// i18next nesting `$t(key)`.
    Nesting,
    /// `<b>`, `<a href="…">`.
    TagOpen,
    /// `</b>`.
    TagClose,
    /// `<br/>`, `<x id="1"/>`.
    TagSelf,
}

/// A placeholder or tag found by [`scan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub syntax: Syntax,
    pub span: Range<usize>,
    /// Printf: the conversion with its length modifier (`s`, `ld`, `@`); Ruby and nesting:
    /// the name or key; tags: the tag name in lower case (`b`, `xliff:g`).
    pub name: String,
    /// Printf: the argument number of `%2$s`.
    pub index: Option<u32>,
    /// Tags: the `id` attribute, if any.
    pub id: Option<String>,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid regex")
}

static PRINTF: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"%%|%(?:([1-9][0-9]?)\$)?[-+0#']*(?:\*|[0-9]{1,3})?(?:\.(?:\*|[0-9]{1,3}))?",
        r"(hh|h|ll|l|L|q|j|z|t)?([diouxXeEfFgGaAcsp@])"
    ))
});
static RUBY: LazyLock<Regex> = LazyLock::new(|| re(r"%\{([A-Za-z_][A-Za-z0-9_.]{0,40})\}"));
static NESTING: LazyLock<Regex> = LazyLock::new(|| re(r"\$t\(([^()\n]{1,100})\)"));
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    re(r"<(/?)([A-Za-z][A-Za-z0-9]*(?::[A-Za-z][A-Za-z0-9_-]*)?)((?:\s[^<>]*)?)(/?)>")
});
static ID: LazyLock<Regex> = LazyLock::new(|| re(r#"\bid\s*=\s*["']([^"']*)["']"#));

/// HTML elements that have no end tag.
const VOID: &[&str] = &[
    "br", "hr", "img", "input", "meta", "link", "wbr", "area", "col", "source",
];

/// The placeholders and tags of `text`, in text order. A printf conversion followed by a
/// letter (`50%ige`) is not one.
pub fn scan(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    if text.contains('%') {
        for c in PRINTF.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            if m.as_str() == "%%" {
                out.push(Token {
                    syntax: Syntax::Percent,
                    span: m.range(),
                    name: "%".into(),
                    index: None,
                    id: None,
                });
                continue;
            }
            let conv = c.get(3).map_or("", |g| g.as_str());
            if conv != "@" && text[m.end()..].starts_with(|ch: char| ch.is_alphabetic()) {
                continue;
            }
            let name = format!("{}{conv}", c.get(2).map_or("", |g| g.as_str()));
            out.push(Token {
                syntax: Syntax::Printf,
                span: m.range(),
                name,
                index: c.get(1).and_then(|g| g.as_str().parse().ok()),
                id: None,
            });
        }
        for c in RUBY.captures_iter(text) {
            let (Some(m), Some(n)) = (c.get(0), c.get(1)) else {
                continue;
            };
            out.push(Token {
                syntax: Syntax::Ruby,
                span: m.range(),
                name: n.as_str().into(),
                index: None,
                id: None,
            });
        }
    }
    if text.contains("$t(") {
        for c in NESTING.captures_iter(text) {
            let (Some(m), Some(n)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let key = n.as_str().split(',').next().unwrap_or("").trim();
            out.push(Token {
                syntax: Syntax::Nesting,
                span: m.range(),
                name: key.into(),
                index: None,
                id: None,
            });
        }
    }
    if bytes.contains(&b'<') {
        for c in TAG.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let close = c.get(1).is_some_and(|g| !g.is_empty());
            let name = c.get(2).map_or("", |g| g.as_str()).to_ascii_lowercase();
            let attrs = c.get(3).map_or("", |g| g.as_str());
            let selfc = c.get(4).is_some_and(|g| !g.is_empty()) || VOID.contains(&name.as_str());
            let syntax = if close {
                Syntax::TagClose
            } else if selfc {
                Syntax::TagSelf
            } else {
                Syntax::TagOpen
            };
            out.push(Token {
                syntax,
                span: m.range(),
                name,
                index: None,
                id: ID
                    .captures(attrs)
                    .and_then(|i| i.get(1))
                    .map(|g| g.as_str().to_string()),
            });
        }
    }
    out.sort_by_key(|t| t.span.start);
    // A Ruby `%{x}` is not also a printf token; drop overlaps, the earlier one wins.
    let mut kept: Vec<Token> = Vec::with_capacity(out.len());
    for t in out {
        if kept.last().is_none_or(|k| k.span.end <= t.span.start) {
            kept.push(t);
        }
    }
    kept
}

/// Byte spans of every placeholder and tag of `text` ([`scan`] and ICU arguments), for rules
/// that read words and must skip markup.
pub fn markup_spans(text: &str) -> Vec<Range<usize>> {
    let mut v: Vec<Range<usize>> = scan(text).into_iter().map(|t| t.span).collect();
    if text.contains('{') {
        let b = text.as_bytes();
        let mut stack = Vec::new();
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'{' => stack.push(i),
                b'}' => {
                    if let Some(s) = stack.pop() {
                        // Only the innermost argument-like part: `{name}`, `{count, plural,`.
                        let inner = &text[s + 1..i];
                        if !inner.contains(['{', ' ']) || inner.contains(',') {
                            v.push(s..i + 1);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    v
}

/// A problem of ICU syntax: where (byte offset) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcuError {
    pub at: usize,
    pub message: String,
}

/// A plural, selectordinal or select argument of an ICU message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcuChoice {
    /// The argument's name (`count`).
    pub name: String,
    /// Span of the name in the text.
    pub name_span: Range<usize>,
    /// `plural`, `selectordinal` or `select`.
    pub kind: String,
    /// The case selectors (`one`, `other`, `=0`, `male`) with the span of each selector.
    pub cases: Vec<(String, Range<usize>)>,
    /// Per case: whether its message has a `#` of this argument.
    pub hash: Vec<bool>,
    /// Span of the whole argument `{…}`.
    pub span: Range<usize>,
}

/// What [`parse_icu`] finds: the choice arguments, in text order (nested ones included), and
/// the names of the other arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Icu {
    pub choices: Vec<IcuChoice>,
    pub simple: Vec<(String, Range<usize>)>,
}

/// Whether `text` looks like an ICU message with a choice argument
/// (`{x, plural|select|selectordinal,`).
pub fn is_icu(text: &str) -> bool {
    static CHOICE: LazyLock<Regex> =
        LazyLock::new(|| re(r"\{\s*[A-Za-z0-9_]+\s*,\s*(plural|select|selectordinal)\s*,"));
    text.contains('{') && CHOICE.is_match(text)
}

/// Parse `text` as an ICU message: the arguments, or the first syntax error with its byte
/// offset. Apostrophes quote ICU syntax only before `{`, `}`, `#` (in a plural) or another
/// apostrophe, so "geht's" stays text. Depth is bounded (64) so hostile input cannot
/// overflow the stack.
pub fn parse_icu(text: &str) -> Result<Icu, IcuError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        pos: 0,
        icu: Icu::default(),
    };
    p.message(0, false, &mut false, None)?;
    if p.pos < p.s.len() {
        return Err(IcuError {
            at: p.pos,
            message: "this '}' closes nothing".into(),
        });
    }
    Ok(p.icu)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
    icu: Icu,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn word(&mut self) -> Range<usize> {
        let start = self.pos;
        while self.pos < self.s.len() {
            let c = self.s[self.pos];
            if c.is_ascii_whitespace() || matches!(c, b'{' | b'}' | b',') {
                break;
            }
            self.pos += 1;
        }
        start..self.pos
    }

    /// A message up to an unmatched `}` (left unread) or the end. `hash` is set when a `#`
    /// stands in it (only counted inside a plural).
    fn message(
        &mut self,
        depth: usize,
        plural: bool,
        hash: &mut bool,
        outer: Option<usize>,
    ) -> Result<(), IcuError> {
        while self.pos < self.s.len() {
            match self.s[self.pos] {
                b'\'' => {
                    let next = self.s.get(self.pos + 1).copied();
                    if next == Some(b'\'') {
                        self.pos += 2;
                    } else if matches!(next, Some(b'{' | b'}')) || (plural && next == Some(b'#')) {
                        // Quoted up to the next apostrophe (or the end).
                        let start = self.pos;
                        self.pos += 1;
                        while self.pos < self.s.len() && self.s[self.pos] != b'\'' {
                            self.pos += 1;
                        }
                        if self.pos >= self.s.len() {
                            return Err(IcuError {
                                at: start,
                                message: "this apostrophe starts a quote that never ends".into(),
                            });
                        }
                        self.pos += 1;
                    } else {
                        self.pos += 1;
                    }
                }
                b'#' => {
                    if plural {
                        *hash = true;
                    }
                    self.pos += 1;
                }
                b'{' => self.argument(depth + 1, outer)?,
                b'}' => return Ok(()),
                _ => self.pos += 1,
            }
        }
        Ok(())
    }

    fn unclosed(&self, open: usize) -> IcuError {
        IcuError {
            at: open,
            message: "this '{' is never closed".into(),
        }
    }

    fn argument(&mut self, depth: usize, outer: Option<usize>) -> Result<(), IcuError> {
        let open = self.pos;
        // Inside a case, a '{' that starts no argument ("{# Dateien") means the case's own
        // '{' was not closed before it.
        let bad = |at: usize, message: String| match outer {
            Some(o) => IcuError {
                at: o,
                message: "this '{' is never closed (a '}' is missing before the next '{')".into(),
            },
            None => IcuError { at, message },
        };
        if depth > 64 {
            return Err(IcuError {
                at: open,
                message: "braces nested too deep".into(),
            });
        }
        self.pos += 1;
        self.ws();
        let name = self.word();
        self.ws();
        let Some(&c) = self.s.get(self.pos) else {
            return Err(self.unclosed(open));
        };
        if name.is_empty()
            || !self.text[name.clone()]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(bad(open, "this '{' has no argument name".into()));
        }
        if c == b'}' {
            self.pos += 1;
            self.icu
                .simple
                .push((self.text[name.clone()].to_string(), name));
            return Ok(());
        }
        if c != b',' {
            return Err(bad(
                self.pos,
                format!(
                    "expected ',' or '}}' after the argument name '{}'",
                    &self.text[name]
                ),
            ));
        }
        self.pos += 1;
        self.ws();
        let kind = self.word();
        let kind_s = self.text[kind.clone()].to_string();
        self.ws();
        match self.s.get(self.pos) {
            None => return Err(self.unclosed(open)),
            Some(b'}') => {
                self.pos += 1;
                self.icu
                    .simple
                    .push((self.text[name.clone()].to_string(), name));
                return Ok(());
            }
            Some(b',') => self.pos += 1,
            Some(_) => {
                return Err(IcuError {
                    at: self.pos,
                    message: format!("expected ',' or '}}' after '{kind_s}'"),
                });
            }
        }
        if !matches!(kind_s.as_str(), "plural" | "selectordinal" | "select") {
            // A style (`{n, number, ::currency/EUR}`): read to the matching brace.
            let mut d = 0usize;
            while self.pos < self.s.len() {
                match self.s[self.pos] {
                    b'{' => d += 1,
                    b'}' if d == 0 => {
                        self.pos += 1;
                        self.icu
                            .simple
                            .push((self.text[name.clone()].to_string(), name));
                        return Ok(());
                    }
                    b'}' => d -= 1,
                    _ => {}
                }
                self.pos += 1;
            }
            return Err(self.unclosed(open));
        }
        let plural = kind_s != "select";
        let mut choice = IcuChoice {
            name: self.text[name.clone()].to_string(),
            name_span: name,
            kind: kind_s,
            cases: Vec::new(),
            hash: Vec::new(),
            span: open..open,
        };
        let slot = self.icu.choices.len();
        self.icu.choices.push(choice.clone());
        loop {
            self.ws();
            match self.s.get(self.pos) {
                None => return Err(self.unclosed(open)),
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            let sel = self.word();
            if sel.is_empty() {
                return Err(IcuError {
                    at: self.pos,
                    message: "expected a case name (one, other, =0 …)".into(),
                });
            }
            let sel_s = &self.text[sel.clone()];
            if plural && sel_s.starts_with("offset:") {
                continue;
            }
            self.ws();
            if self.s.get(self.pos) != Some(&b'{') {
                return Err(IcuError {
                    at: self.pos.min(self.s.len()),
                    message: format!("the case '{sel_s}' needs its text in braces {{…}}"),
                });
            }
            let case_open = self.pos;
            self.pos += 1;
            let mut hash = false;
            self.message(depth, plural, &mut hash, Some(case_open))?;
            if self.pos >= self.s.len() {
                return Err(self.unclosed(case_open));
            }
            self.pos += 1; // the case's '}'
            choice.cases.push((sel_s.to_string(), sel));
            choice.hash.push(hash);
        }
        choice.span = open..self.pos;
        self.icu.choices[slot] = choice;
        Ok(())
    }
}

/// `text` with the syntax of its ICU message (argument heads `{count, plural,`, case names,
/// braces, `#`, `{name}` arguments) blanked out with spaces, byte for byte, so that offsets
/// stay valid; `None` when `text` is no ICU message with a choice argument. Rules that read
/// words (untranslated, MT001) check the case texts without taking `plural` for English.
pub fn mask_icu(text: &str) -> Option<String> {
    if !is_icu(text) {
        return None;
    }
    let icu = parse_icu(text).ok()?;
    let mut bytes = text.as_bytes().to_vec();
    let mut blank = |r: Range<usize>| {
        for b in &mut bytes[r] {
            *b = b' ';
        }
    };
    for c in &icu.choices {
        // `{count, plural,` up to the comma after the kind.
        let head = &text[c.span.clone()];
        let mut commas = 0;
        let end = head
            .char_indices()
            .find(|&(_, ch)| {
                commas += usize::from(ch == ',');
                commas == 2
            })
            .map_or(0, |(i, _)| i + 1);
        blank(c.span.start..c.span.start + end);
        for (_, r) in &c.cases {
            blank(r.clone());
        }
    }
    for (_, r) in &icu.simple {
        blank(r.clone());
    }
    for (i, ch) in text.char_indices() {
        if matches!(ch, '{' | '}' | '#') {
            blank(i..i + 1);
        }
    }
    // Only ASCII bytes and whole chars were replaced: still UTF-8.
    String::from_utf8(bytes).ok()
}

/// The plural categories German has (CLDR): one and other.
pub const GERMAN_PLURALS: &[&str] = &["one", "other"];
/// CLDR plural categories.
pub const PLURAL_CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// Where the braces of `text` do not balance: the first `}` that closes nothing, or else
/// the last `{` never closed.
pub fn brace_problem(text: &str) -> Option<(usize, &'static str)> {
    let mut stack = Vec::new();
    for (i, c) in text.bytes().enumerate() {
        match c {
            b'{' => stack.push(i),
            b'}' if stack.pop().is_none() => return Some((i, "this '}' closes nothing")),
            _ => {}
        }
    }
    stack.last().map(|&i| (i, "this '{' is never closed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_printf_ruby_nesting_and_tags() {
        let t = scan("%1$s has %d files (%ld, %@, 50%%) %{name} $t(common.ok) <b>x</b><br>");
        let names: Vec<(&str, Syntax)> = t.iter().map(|t| (t.name.as_str(), t.syntax)).collect();
        assert_eq!(
            names,
            [
                ("s", Syntax::Printf),
                ("d", Syntax::Printf),
                ("ld", Syntax::Printf),
                ("@", Syntax::Printf),
                ("%", Syntax::Percent),
                ("name", Syntax::Ruby),
                ("common.ok", Syntax::Nesting),
                ("b", Syntax::TagOpen),
                ("b", Syntax::TagClose),
                ("br", Syntax::TagSelf),
            ]
        );
        assert_eq!(t[0].index, Some(1));
    }

    #[test]
    fn german_percent_signs_are_no_printf() {
        assert!(scan("eine 50%ige Lösung, 20 %-Anteil, 50 % der Menschen").is_empty());
    }

    #[test]
    fn parses_icu_plural_and_select() {
        let icu = parse_icu(
            "{count, plural, =0 {Keine Dateien} one {# Datei} other {# Dateien}} von {name}",
        )
        .unwrap();
        assert_eq!(icu.choices.len(), 1);
        let c = &icu.choices[0];
        assert_eq!(c.name, "count");
        let sel: Vec<&str> = c.cases.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(sel, ["=0", "one", "other"]);
        assert_eq!(c.hash, [false, true, true]);
        assert_eq!(icu.simple[0].0, "name");
        let g = parse_icu("{g, select, male {Er} female {Sie} other {Es}} geht's gut").unwrap();
        assert_eq!(g.choices[0].kind, "select");
    }

    #[test]
    fn masking_keeps_the_case_texts_at_their_offsets() {
        let t = "{n, plural, one {# Datei von {name}} other {# Dateien}}";
        let m = mask_icu(t).unwrap();
        assert_eq!(m.len(), t.len());
        assert_eq!(
            m.split_whitespace().collect::<Vec<_>>(),
            ["Datei", "von", "Dateien"]
        );
        assert!(mask_icu("Hallo {name}").is_none());
    }

    #[test]
    fn broken_icu_braces_are_errors_with_their_position() {
        let e = parse_icu("{count, plural, one {# Datei} other {# Dateien}").unwrap_err();
        assert_eq!(e.at, 0);
        let e = parse_icu("{count, plural, one {# Datei other {# Dateien}}").unwrap_err();
        assert_eq!(e.at, 20, "{e:?}");
        let e = parse_icu("{count, plural, one # Datei} other {# Dateien}}").unwrap_err();
        assert!(e.message.contains("'one'"), "{e:?}");
        let e = parse_icu("Text } mehr").unwrap_err();
        assert_eq!(e.at, 5);
        // Hostile depth: an error, no stack overflow.
        let deep = "{a, select, other {".repeat(10_000);
        assert!(parse_icu(&deep).is_err());
    }
}
