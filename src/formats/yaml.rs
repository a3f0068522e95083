//! Rails/i18n YAML localisation files (`.yml`, `.yaml`), read with `granit-parser` (the
//! panic-free YAML parser under `serde-saphyr`), event by event, with positions.
//!
//! - Every string scalar is a unit, its key the path of mapping keys joined with `.`,
//!   sequence items as `[N]`. A file whose top level is one mapping under a locale key
//!   (`en:`, `de:`, `pt-BR:`) has that key as its language, left out of the key paths, so
//!   `en.home.title` pairs with `de.home.title`.
//! - Skipped: `~`/`null` and empty values, aliases (`*name`) and merge keys (`<<`).
//! - Positions are exact on every line of a value: a one-line value copied verbatim is one
//!   piece; block scalars (`|`, `>`), plain and quoted scalars over several lines and
//!   escapes are anchored run by run (see [`scalar`]'s documentation).
//! - Malformed YAML (bad indentation, an unterminated quote, a tab as indentation) is an
//!   error with line and column.

use std::collections::HashMap;
use std::path::Path;

use granit_parser::{Event, Parser, ScalarStyle, Span};

use super::keyed::{Entries, Entry};
use super::{Locator, UnitText, format_error};
use crate::error::Result;

/// Read a YAML localisation file.
pub fn read_entries(path: &Path) -> Result<Entries> {
    let text = super::read_bilingual_text(path)?;
    parse_entries(path, &text)
}

enum Frame {
    Map {
        prefix: String,
        key: Option<(String, usize)>,
    },
    Seq {
        prefix: String,
        index: usize,
    },
}

/// Where a node goes.
enum Role {
    Root,
    Key,
    Value(String, usize),
}

/// [`read_entries`] on a file's text.
pub fn parse_entries(path: &Path, text: &str) -> Result<Entries> {
    let loc = Locator::new(text);
    let byte_of = |span: &Span| -> usize {
        match span.start.byte_offset() {
            Some(b) => b.min(text.len()),
            None => text
                .char_indices()
                .nth(span.start.index())
                .map_or(text.len(), |(b, _)| b),
        }
    };
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut root_keys: Vec<String> = Vec::new();
    let mut skip_depth = 0usize;
    while let Some(ev) = parser.next_event() {
        let (event, span) = ev.map_err(|e| {
            let m = e.marker();
            format_error(
                path,
                m.line(),
                m.col() + 1,
                format!("malformed YAML: {}", e.info()),
            )
        })?;
        let at = byte_of(&span);
        let node = matches!(
            event,
            Event::Scalar(..)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
                | Event::Alias(..)
        );
        if skip_depth > 0 {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => skip_depth += 1,
                Event::MappingEnd | Event::SequenceEnd => skip_depth -= 1,
                _ => {}
            }
            if skip_depth == 0 {
                finish_value(&mut stack);
            }
            continue;
        }
        let role = if !node {
            None
        } else {
            Some(match stack.last_mut() {
                None => Role::Root,
                Some(Frame::Map { key: None, .. }) => Role::Key,
                Some(Frame::Map {
                    prefix,
                    key: Some((k, k_at)),
                }) => {
                    let full = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    Role::Value(full, *k_at)
                }
                Some(Frame::Seq { prefix, index }) => {
                    *index += 1;
                    Role::Value(format!("{prefix}[{}]", *index - 1), at)
                }
            })
        };
        match (event, role) {
            (Event::MappingStart(..), Some(Role::Root)) => stack.push(Frame::Map {
                prefix: String::new(),
                key: None,
            }),
            (Event::SequenceStart(..) | Event::Scalar(..) | Event::Alias(..), Some(Role::Root)) => {
                return Err(format_error(
                    path,
                    loc.at(at).0,
                    loc.at(at).1,
                    "not a localisation file: the top level is not a mapping of keys",
                ));
            }
            (Event::Scalar(k, ..), Some(Role::Key)) => {
                if stack.len() == 1 {
                    root_keys.push(k.to_string());
                }
                if let Some(Frame::Map { key, .. }) = stack.last_mut() {
                    *key = Some((k.into_owned(), at));
                }
            }
            (Event::MappingStart(..) | Event::SequenceStart(..), Some(Role::Key)) => {
                let (line, column) = loc.at(at);
                return Err(format_error(
                    path,
                    line,
                    column,
                    "a mapping or list as a key is not a localisation key",
                ));
            }
            (Event::Alias(..), Some(Role::Key)) => {
                let (line, column) = loc.at(at);
                return Err(format_error(
                    path,
                    line,
                    column,
                    "an alias as a key is not a localisation key",
                ));
            }
            (Event::MappingStart(..), Some(Role::Value(full, _))) => {
                if full.ends_with("<<") {
                    skip_depth = 1;
                } else {
                    stack.push(Frame::Map {
                        prefix: full,
                        key: None,
                    });
                }
            }
            (Event::SequenceStart(..), Some(Role::Value(full, _))) => {
                stack.push(Frame::Seq {
                    prefix: full,
                    index: 0,
                });
            }
            (Event::Alias(..), Some(Role::Value(..))) => finish_value(&mut stack),
            (Event::Scalar(v, style, ..), Some(Role::Value(full, key_at))) => {
                finish_value(&mut stack);
                let plain_null = style == ScalarStyle::Plain
                    && matches!(v.as_ref(), "~" | "null" | "Null" | "NULL");
                if plain_null || v.is_empty() || full.ends_with("<<") {
                    continue;
                }
                let end = span.end.byte_offset().unwrap_or(text.len());
                let text_unit = scalar(text, &loc, at, end, style, &v);
                let (line, column) = loc.at(key_at);
                entries.push(Entry {
                    key: full,
                    text: text_unit,
                    line,
                    column,
                });
            }
            (Event::MappingEnd | Event::SequenceEnd, _) => {
                stack.pop();
                finish_value(&mut stack);
            }
            _ => {}
        }
    }
    let mut out = Entries::default();
    if let [root] = root_keys.as_slice()
        && looks_like_locale(root)
    {
        out.lang = Some(root.clone());
        let prefix = format!("{root}.");
        for e in &mut entries {
            if let Some(rest) = e.key.strip_prefix(&prefix) {
                e.key = rest.to_string();
            }
        }
    }
    let mut seen = HashMap::new();
    for e in entries {
        out.add(path, &mut seen, e)?;
    }
    Ok(out)
}

/// After a value: the mapping above waits for its next key.
fn finish_value(stack: &mut [Frame]) {
    if let Some(Frame::Map { key, .. }) = stack.last_mut() {
        *key = None;
    }
}

/// `en`, `de`, `pt-BR`, `zh_Hant`: a locale key.
fn looks_like_locale(key: &str) -> bool {
    let mut parts = key.split(['-', '_']);
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The value of a scalar starting at byte `at` (its span ending at byte `end`), anchored to
/// the file. A value on one line that is a verbatim copy of the file is one piece; any other
/// value (a block scalar `|`/`>`, a plain or quoted scalar over several lines, escapes) is
/// anchored piece by piece: each run of the file's text between line breaks, escapes and
/// quotes is found in the value, in order, and pinned to its line and column, so that a
/// finding on any line of the value has its exact place.
fn scalar(
    text: &str,
    loc: &Locator,
    at: usize,
    end: usize,
    style: ScalarStyle,
    value: &str,
) -> UnitText {
    let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
    let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
    // Where the content starts in the file.
    let start = if block {
        // Content starts on the line after the indicator (the span starts at the indicator
        // or at the content, depending on the parser).
        let rest = text.get(at..).unwrap_or("");
        if rest.starts_with(['|', '>']) {
            match rest.find(['\n', '\r']) {
                Some(nl) => at + nl + 1,
                None => at,
            }
        } else {
            text.get(..at)
                .and_then(|b| b.rfind(['\n', '\r']))
                .map_or(0, |nl| nl + 1)
        }
    } else if quoted {
        at + 1
    } else {
        at
    };
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let mut u = UnitText::default();
    if value.is_empty() {
        let (l, c) = loc.at(at);
        return UnitText::empty_at(l, c);
    }
    if !block && text.get(start..).is_some_and(|r| r.starts_with(value)) {
        u.push_at(value, loc, start);
        return u;
    }
    // (offset in the value, byte in the file) of each piece found.
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    let mut cursor = 0;
    let region = text.get(start..end).unwrap_or("");
    let mut line_at = start;
    // A bare `\r` breaks a line in YAML (the value has a `\n` there) but not in the file's
    // line count, so it ends a piece too: otherwise no piece after it is found in the value
    // and the positions walk the value's extra line breaks past the file's lines.
    for line in region.split_inclusive(['\n', '\r']) {
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start_matches([' ', '\t']).len();
        for (off, piece) in pieces(&content[lead..], style) {
            let piece = piece.trim_end_matches([' ', '\t']);
            if piece.is_empty() || cursor >= value.len() {
                continue;
            }
            if let Some(k) = value.get(cursor..).and_then(|v| v.find(piece)) {
                anchors.push((cursor + k, line_at + lead + off));
                cursor += k + piece.len();
            }
        }
        line_at += line.len();
    }
    match anchors.first() {
        Some(&(0, _)) => {}
        _ => anchors.insert(0, (0, start)),
    }
    for (i, &(off, byte)) in anchors.iter().enumerate() {
        let next = anchors.get(i + 1).map_or(value.len(), |a| a.0);
        if let Some(piece) = value.get(off..next) {
            u.push_at(piece, loc, byte);
        }
    }
    u
}

/// The runs of a line of a scalar's content that stand in its value verbatim, with their
/// byte offsets in the line: the whole line for plain and block scalars, the runs between
/// escapes (`\\n`, `\\u00e4`) and quotes for quoted ones.
fn pieces(line: &str, style: ScalarStyle) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    match style {
        ScalarStyle::DoubleQuoted | ScalarStyle::SingleQuoted => {
            let double = style == ScalarStyle::DoubleQuoted;
            let mut from = 0;
            let mut chars = line.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let special = if double {
                    c == '\\' || c == '"'
                } else {
                    c == '\''
                };
                if !special {
                    continue;
                }
                out.push((from, &line[from..i]));
                from = i + c.len_utf8();
                if double && c == '\\' {
                    // The escaped char, and the hex digits of \x, \u, \U.
                    if let Some((j, e)) = chars.next() {
                        from = j + e.len_utf8();
                        let digits = match e {
                            'x' => 2,
                            'u' => 4,
                            'U' => 8,
                            _ => 0,
                        };
                        for _ in 0..digits {
                            if let Some((k, h)) = chars.next_if(|(_, h)| h.is_ascii_hexdigit()) {
                                from = k + h.len_utf8();
                            }
                        }
                    }
                } else if !double {
                    // '' is one quote: skip the second.
                    if let Some((j, _)) = chars.next_if(|(_, q)| *q == '\'') {
                        from = j + 1;
                    }
                }
            }
            out.push((from, &line[from..]));
        }
        _ => out.push((0, line)),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word of every value stands at its reported line and column of the file.
    fn assert_words_map_back(yaml: &str) -> usize {
        let entries = parse_entries(Path::new("de.yml"), yaml).unwrap();
        let lines: Vec<&str> = yaml.lines().collect();
        let mut words = 0;
        for e in &entries.entries {
            let t = &e.text.text;
            let mut from = 0;
            for w in t.split_whitespace() {
                let off = from + t[from..].find(w).unwrap();
                from = off + w.len();
                // Letters and digits: a quote or tab may come from an escape (`\"`).
                let core = w.trim_matches(|c: char| !c.is_alphanumeric());
                if core.is_empty() {
                    continue;
                }
                let off = off + w.find(core).unwrap();
                let w = core;
                let (line, column) = e.text.locate(off);
                let at: String = lines[line - 1]
                    .chars()
                    .skip(column - 1)
                    .take(w.chars().count())
                    .collect();
                // A char written as an escape (`\u00e4`) stands at its backslash.
                let escaped = at.starts_with('\\') && !w.is_ascii();
                assert!(
                    at == w || escaped,
                    "{}: '{w}' at {line}:{column} in {t:?}: '{at}'",
                    e.key
                );
                words += 1;
            }
        }
        words
    }

    #[test]
    fn every_line_of_a_multi_line_value_has_its_exact_place() {
        let yaml = "de:\n  literal: |\n    Erste Zeile.\n\n      Eingerückt hier.\n    Letzte Zeile.\n  folded: >\n    Gefaltete erste\n    und zweite Zeile.\n\n    Neuer Absatz.\n  plain: Eine schlichte\n    Zeile über zwei\n    und drei Zeilen.\n  double: \"Doppelt mit \\\"Zitat\\\"\n    und \\u00e4 Umlaut\\n  dann weiter.\"\n  single: 'Einfach mit ''Zitat''\n    über zwei Zeilen.'\n  one: \"Eine \\t Zeile mit Tab\"\n";
        let n = assert_words_map_back(yaml);
        assert!(n > 30, "{n}");
        let entries = parse_entries(Path::new("de.yml"), yaml).unwrap();
        let folded = entries.entries.iter().find(|e| e.key == "folded").unwrap();
        assert_eq!(
            folded.text.text,
            "Gefaltete erste und zweite Zeile.\nNeuer Absatz.\n"
        );
        // "zweite" is on line 9, column 9.
        let off = folded.text.text.find("zweite").unwrap();
        assert_eq!(folded.text.locate(off), (9, 9));
        let plain = entries.entries.iter().find(|e| e.key == "plain").unwrap();
        let off = plain.text.text.find("drei").unwrap();
        assert_eq!(plain.text.locate(off), (14, 9));
    }

    /// A bare `\r` breaks a line of a block scalar (YAML) but not a line of the file: the
    /// words after it keep their place on the same file line (found by the yaml fuzz target;
    /// before, every later line of the value lost its anchor). CRLF files as well.
    #[test]
    fn a_bare_cr_or_crlf_in_a_block_value_keeps_every_word_in_place() {
        let bare = "de:\n  literal: |\n    Erste Zeile.\r    Zweite Zeile.\n    Dritte Zeile.\n  next: Ende\n";
        assert_eq!(assert_words_map_back(bare), 7);
        let entries = parse_entries(Path::new("de.yml"), bare).unwrap();
        let literal = entries.entries.iter().find(|e| e.key == "literal").unwrap();
        let t = &literal.text.text;
        assert_eq!(t, "Erste Zeile.\nZweite Zeile.\nDritte Zeile.\n");
        assert_eq!(literal.text.locate(t.find("Zweite").unwrap()), (3, 22));
        assert_eq!(literal.text.locate(t.find("Dritte").unwrap()), (4, 5));
        let crlf = bare.replace('\r', "\n").replace('\n', "\r\n");
        assert_eq!(assert_words_map_back(&crlf), 7);
    }
}
