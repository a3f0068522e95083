//! JSON localisation files, read by a small parser of our own that keeps the file position
//! of every string (serde_json gives none).
//!
//! - `.json` (i18next, vue-i18n, flat or nested): every string value is a unit, its key the
//!   path of object keys joined with `.` (`home.title`), array items as `[N]`
//!   (`steps[0]`). An object with a string `message` (Chrome `messages.json`) is one unit:
//!   its `message`; `description` and `placeholders` are skipped. Numbers, booleans and
//!   `null` are skipped.
//! - `.arb` (Flutter): top-level string values are units; `@key` metadata is skipped,
//!   `@@locale` is the file's language, other `@@…` keys are skipped.
//! - `.xcstrings` (Apple string catalog, bilingual): see [`read_xcstrings`].
//! - Strings: escapes (`\n`, `\"`, `\uXXXX`, surrogate pairs) decoded; every char after an
//!   escape is anchored to its place in the file.
//! - Malformed JSON (a missing comma, an unterminated string, a raw control char, nesting
//!   deeper than 256) is an error with line and column.

use std::collections::HashMap;
use std::path::Path;

use super::keyed::{Entries, Entry};
use super::{DocBuilder, Locator, Unit, UnitText, format_error};
use crate::error::{MtError, Result};
use crate::model::Document;

/// Objects and arrays nested deeper than this are an error (no stack overflow).
const MAX_DEPTH: usize = 256;

/// A JSON value with the byte where it starts.
#[derive(Debug)]
pub(crate) enum Value {
    Str(UnitText, usize),
    Obj(Vec<(String, usize, Value)>, usize),
    Arr(Vec<Value>, usize),
    Other(usize),
}

impl Value {
    fn at(&self) -> usize {
        match self {
            Value::Str(_, a) | Value::Obj(_, a) | Value::Arr(_, a) | Value::Other(a) => *a,
        }
    }

    fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(members, _) => members.iter().find(|m| m.0 == key).map(|m| &m.2),
            _ => None,
        }
    }

    fn str(&self) -> Option<&UnitText> {
        match self {
            Value::Str(u, _) => Some(u),
            _ => None,
        }
    }
}

struct Parser<'a> {
    path: &'a Path,
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    loc: Locator<'a>,
}

/// Parse a JSON text into a [`Value`] tree with positions.
pub(crate) fn parse<'a>(path: &'a Path, text: &'a str) -> Result<(Value, Locator<'a>)> {
    let mut p = Parser {
        path,
        text,
        bytes: text.as_bytes(),
        pos: 0,
        loc: Locator::new(text),
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.pos < p.bytes.len() {
        return Err(p.error(p.pos, "unexpected text after the end of the JSON value"));
    }
    Ok((v, p.loc))
}

impl Parser<'_> {
    fn error(&self, byte: usize, message: impl std::fmt::Display) -> MtError {
        let (line, column) = self.loc.at(byte);
        format_error(
            self.path,
            line,
            column,
            format!("malformed JSON: {message}"),
        )
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value> {
        if depth > MAX_DEPTH {
            return Err(self.error(self.pos, format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let at = self.pos;
        match self.bytes.get(self.pos) {
            None => Err(self.error(at, "unexpected end of file: a value is missing")),
            Some(b'{') => {
                self.pos += 1;
                let mut members = Vec::new();
                self.ws();
                if self.bytes.get(self.pos) == Some(&b'}') {
                    self.pos += 1;
                    return Ok(Value::Obj(members, at));
                }
                loop {
                    self.ws();
                    let key_at = self.pos;
                    if self.bytes.get(self.pos) != Some(&b'"') {
                        return Err(self.error(self.pos, "expected a key in double quotes"));
                    }
                    let key = self.string()?.text;
                    self.ws();
                    if self.bytes.get(self.pos) != Some(&b':') {
                        return Err(self.error(self.pos, "expected ':' after the key"));
                    }
                    self.pos += 1;
                    self.ws();
                    let v = self.value(depth + 1)?;
                    members.push((key, key_at, v));
                    self.ws();
                    match self.bytes.get(self.pos) {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return Ok(Value::Obj(members, at));
                        }
                        _ => return Err(self.error(self.pos, "expected ',' or '}'")),
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.bytes.get(self.pos) == Some(&b']') {
                    self.pos += 1;
                    return Ok(Value::Arr(items, at));
                }
                loop {
                    self.ws();
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.bytes.get(self.pos) {
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Value::Arr(items, at));
                        }
                        _ => return Err(self.error(self.pos, "expected ',' or ']'")),
                    }
                }
            }
            Some(b'"') => Ok(Value::Str(self.string()?, at)),
            Some(_) => {
                let rest = &self.text[self.pos..];
                for word in ["true", "false", "null"] {
                    if rest.starts_with(word) {
                        self.pos += word.len();
                        return Ok(Value::Other(at));
                    }
                }
                let n = rest
                    .bytes()
                    .take_while(|b| b.is_ascii_digit() || b"+-.eE".contains(b))
                    .count();
                if n == 0 || !rest[..n].bytes().any(|b| b.is_ascii_digit()) {
                    let shown: String = rest.chars().take(12).collect();
                    return Err(self.error(at, format!("unexpected '{shown}': expected a value")));
                }
                self.pos += n;
                Ok(Value::Other(at))
            }
        }
    }

    /// A string starting at `self.pos` (its opening quote), decoded, with anchors.
    fn string(&mut self) -> Result<UnitText> {
        let open = self.pos;
        let mut unit = UnitText::default();
        let mut run = open + 1;
        let mut i = open + 1;
        loop {
            let Some(&b) = self.bytes.get(i) else {
                return Err(self.error(open, "unterminated string: the closing \" is missing"));
            };
            match b {
                b'"' => {
                    self.push_run(&mut unit, run, i);
                    if unit.text.is_empty() {
                        unit = UnitText::empty_at(self.loc.at(open + 1).0, self.loc.at(open + 1).1);
                    }
                    self.pos = i + 1;
                    return Ok(unit);
                }
                b'\\' => {
                    self.push_run(&mut unit, run, i);
                    let e = self.bytes.get(i + 1).copied();
                    let (c, len) = match e {
                        Some(b'n') => ('\n', 2),
                        Some(b't') => ('\t', 2),
                        Some(b'r') => ('\r', 2),
                        Some(b'b') => ('\u{8}', 2),
                        Some(b'f') => ('\u{c}', 2),
                        Some(b'"') => ('"', 2),
                        Some(b'\\') => ('\\', 2),
                        Some(b'/') => ('/', 2),
                        Some(b'u') => self.unicode(i)?,
                        _ => return Err(self.error(i, "bad escape in string")),
                    };
                    unit.push_at(c.encode_utf8(&mut [0; 4]), &self.loc, i);
                    i += len;
                    run = i;
                }
                0..0x20 => {
                    return Err(self.error(i, "control character in string (escape it)"));
                }
                _ => i += 1,
            }
        }
    }

    fn push_run(&self, unit: &mut UnitText, from: usize, to: usize) {
        if let Some(s) = self.text.get(from..to) {
            unit.push_at(s, &self.loc, from);
        }
    }

    /// `\uXXXX` (and a following low surrogate) at byte `i`: the char and the bytes used.
    fn unicode(&self, i: usize) -> Result<(char, usize)> {
        let hex = |at: usize| -> Option<u32> {
            self.text
                .get(at..at + 4)
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
        };
        let bad = || self.error(i, "bad \\u escape");
        let hi = hex(i + 2).ok_or_else(bad)?;
        if (0xD800..0xDC00).contains(&hi) {
            if self.text.get(i + 6..i + 8) == Some("\\u")
                && let Some(lo) = hex(i + 8).filter(|lo| (0xDC00..0xE000).contains(lo))
            {
                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                return char::from_u32(c).map(|c| (c, 12)).ok_or_else(bad);
            }
            return Err(bad());
        }
        char::from_u32(hi).map(|c| (c, 6)).ok_or_else(bad)
    }
}

/// Read a `.json` (`arb = false`) or `.arb` localisation file into its entries.
pub fn read_entries(path: &Path, arb: bool) -> Result<Entries> {
    let text = super::read_bilingual_text(path)?;
    parse_entries(path, &text, arb)
}

/// [`read_entries`] on a file's text.
pub fn parse_entries(path: &Path, text: &str, arb: bool) -> Result<Entries> {
    let (root, loc) = parse(path, text)?;
    let Value::Obj(members, _) = root else {
        return Err(format_error(
            path,
            1,
            1,
            "not a localisation file: the top level is not a JSON object of keys and strings",
        ));
    };
    let mut out = Entries::default();
    let mut seen = HashMap::new();
    if arb {
        for (key, key_at, v) in members {
            if key == "@@locale" {
                out.lang = v.str().map(|u| u.text.clone());
                continue;
            }
            if key.starts_with('@') {
                continue;
            }
            if let Value::Str(u, _) = v {
                let (line, column) = loc.at(key_at);
                out.add(
                    path,
                    &mut seen,
                    Entry {
                        key,
                        text: u,
                        line,
                        column,
                    },
                )?;
            }
        }
    } else {
        walk(path, &loc, "", members, &mut out, &mut seen)?;
    }
    Ok(out)
}

fn walk(
    path: &Path,
    loc: &Locator,
    prefix: &str,
    members: Vec<(String, usize, Value)>,
    out: &mut Entries,
    seen: &mut HashMap<String, (usize, usize)>,
) -> Result<()> {
    for (key, key_at, v) in members {
        let full = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}.{key}")
        };
        value(path, loc, full, key_at, v, out, seen)?;
    }
    Ok(())
}

fn value(
    path: &Path,
    loc: &Locator,
    key: String,
    key_at: usize,
    v: Value,
    out: &mut Entries,
    seen: &mut HashMap<String, (usize, usize)>,
) -> Result<()> {
    match v {
        Value::Str(u, _) => {
            let (line, column) = loc.at(key_at);
            out.add(
                path,
                seen,
                Entry {
                    key,
                    text: u,
                    line,
                    column,
                },
            )
        }
        Value::Obj(members, _) => {
            // Chrome messages.json: {"key": {"message": "…", "description": "…"}}.
            let message = members
                .iter()
                .position(|m| m.0 == "message" && m.2.str().is_some());
            match message {
                Some(i) => {
                    let Some((_, _, Value::Str(u, _))) = members.into_iter().nth(i) else {
                        return Ok(());
                    };
                    let (line, column) = loc.at(key_at);
                    out.add(
                        path,
                        seen,
                        Entry {
                            key,
                            text: u,
                            line,
                            column,
                        },
                    )
                }
                None => walk(path, loc, &key, members, out, seen),
            }
        }
        Value::Arr(items, _) => {
            for (i, item) in items.into_iter().enumerate() {
                let at = item.at();
                value(path, loc, format!("{key}[{i}]"), at, item, out, seen)?;
            }
            Ok(())
        }
        Value::Other(_) => Ok(()),
    }
}

/// Read an Apple string catalog (`.xcstrings`): bilingual, one document.
///
/// - The source language is `sourceLanguage`; the target is the `de` localization (or the
///   first `de-…` one). Each key of `strings` is a unit, id = the key; a key with
///   `"shouldTranslate": false` is skipped.
/// - The source text is the source localization's `stringUnit.value`, or the key itself
///   when there is none (Xcode's default).
/// - Plural and device variations are one unit each, id `KEY[plural.one]`,
///   `KEY[device.iphone][plural.other]`; a target variation pairs with the source variation
///   of the same path, else with the source's `other` form, else with its plain text.
/// - A key without a German value is kept with an empty target (MT022).
pub fn read_xcstrings(path: &Path) -> Result<Vec<Document>> {
    let text = super::read_bilingual_text(path)?;
    parse_xcstrings(path, &text).map(|d| vec![d])
}

/// [`read_xcstrings`] on a file's text.
pub fn parse_xcstrings(path: &Path, text: &str) -> Result<Document> {
    let (root, loc) = parse(path, text)?;
    let not_catalog = |at: usize, what: &str| {
        let (line, column) = loc.at(at);
        format_error(path, line, column, format!("not a string catalog: {what}"))
    };
    if !matches!(root, Value::Obj(..)) {
        return Err(not_catalog(root.at(), "the top level is not a JSON object"));
    }
    let source_lang = root
        .get("sourceLanguage")
        .and_then(Value::str)
        .map(|u| u.text.clone())
        .unwrap_or_else(|| "en".to_string());
    let Some(Value::Obj(strings, _)) = root.get("strings") else {
        return Err(not_catalog(root.at(), "no \"strings\" object"));
    };
    let target_lang = strings
        .iter()
        .filter_map(|(_, _, v)| match v.get("localizations") {
            Some(Value::Obj(locs, _)) => Some(locs),
            _ => None,
        })
        .flat_map(|locs| locs.iter().map(|l| l.0.as_str()))
        .find(|l| *l == "de" || l.starts_with("de-") || l.starts_with("de_"))
        .unwrap_or("de")
        .to_string();
    let mut doc = DocBuilder::new(path, Some(source_lang.clone()), Some(target_lang.clone()));
    for (key, key_at, entry) in strings {
        if matches!(entry.get("shouldTranslate"), Some(Value::Other(at)) if text[*at..].starts_with("false"))
        {
            continue;
        }
        let localization = |lang: &str| match entry.get("localizations") {
            Some(l) => l.get(lang),
            None => None,
        };
        let mut sources = Vec::new();
        if let Some(l) = localization(&source_lang) {
            variations(l, String::new(), &mut sources, 0);
        }
        if sources.is_empty() {
            let mut u = UnitText::default();
            u.push_at(key, &loc, key_at + 1);
            sources.push((String::new(), u));
        }
        let mut targets = Vec::new();
        if let Some(l) = localization(&target_lang) {
            variations(l, String::new(), &mut targets, 0);
        }
        let mut used = vec![false; sources.len()];
        for (vpath, target) in &targets {
            let i = sources
                .iter()
                .position(|(p, _)| p == vpath)
                .or_else(|| sources.iter().position(|(p, _)| p.ends_with(".other]")))
                .or_else(|| sources.iter().position(|(p, _)| p.is_empty()))
                .unwrap_or(0);
            used[i] = true;
            doc.push_parts(&sources[i].1, target, Some(&format!("{key}{vpath}")), &[]);
        }
        for ((vpath, source), used) in sources.iter().zip(used) {
            if !used {
                doc.push(&Unit {
                    id: Some(format!("{key}{vpath}")),
                    source: source.clone(),
                    target: UnitText::default(),
                    ignore: Vec::new(),
                });
            }
        }
    }
    Ok(doc.finish(path.display().to_string()))
}

/// The texts of a localization: its `stringUnit.value` and those of its variations, each
/// with its variation path.
fn variations(v: &Value, path: String, out: &mut Vec<(String, UnitText)>, depth: usize) {
    if let Some(u) = v
        .get("stringUnit")
        .and_then(|s| s.get("value"))
        .and_then(Value::str)
    {
        out.push((path.clone(), u.clone()));
    }
    if depth > 8 {
        return;
    }
    if let Some(Value::Obj(kinds, _)) = v.get("variations") {
        for (kind, _, forms) in kinds {
            if let Value::Obj(forms, _) = forms {
                for (name, _, sub) in forms {
                    variations(sub, format!("{path}[{kind}.{name}]"), out, depth + 1);
                }
            }
        }
    }
}
