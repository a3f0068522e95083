//! Rails/i18n YAML localisation files (`.yml`, `.yaml`), read with `granit-parser` (the
//! panic-free YAML parser under `serde-saphyr`), event by event, with positions.
//!
//! - Every string scalar is a unit, its key the path of mapping keys joined with `.`,
//!   sequence items as `[N]`. A file whose top level is one mapping under a locale key
//!   (`en:`, `de:`, `pt-BR:`) has that key as its language, left out of the key paths, so
//!   `en.home.title` pairs with `de.home.title`.
//! - Skipped: `~`/`null` and empty values, aliases (`*name`) and merge keys (`<<`).
//! - Positions: a plain or quoted one-line value is exact; each line of a literal block
//!   (`|`) is anchored to its line; a folded or multi-line flow scalar is exact on its first
//!   line only.
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
                let text_unit = scalar(text, &loc, at, style, &v);
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

/// The value of a scalar starting at byte `at`, anchored to the file.
fn scalar(text: &str, loc: &Locator, at: usize, style: ScalarStyle, value: &str) -> UnitText {
    let mut u = UnitText::default();
    match style {
        ScalarStyle::Literal | ScalarStyle::Folded => {
            // Content starts on the line after the indicator (the span starts at the
            // indicator or at the content, depending on the parser).
            let rest = text.get(at..).unwrap_or("");
            let mut line_start = if rest.starts_with(['|', '>']) {
                match rest.find('\n') {
                    Some(nl) => at + nl + 1,
                    None => {
                        u.push_at(value, loc, at);
                        return u;
                    }
                }
            } else {
                text.get(..at)
                    .and_then(|b| b.rfind('\n'))
                    .map_or(0, |nl| nl + 1)
            };
            for (i, piece) in value.split_inclusive('\n').enumerate() {
                // Skip blank lines of the file (they are bare "\n" in the value).
                let line = text.get(line_start..).unwrap_or("");
                let indent = line.len() - line.trim_start_matches(' ').len();
                let start = line_start + indent;
                if i == 0 || style == ScalarStyle::Literal {
                    u.push_at(piece, loc, start);
                } else {
                    u.text.push_str(piece);
                }
                line_start += line.find('\n').map_or(line.len(), |n| n + 1);
            }
        }
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => u.push_at(value, loc, at + 1),
        _ => u.push_at(value, loc, at),
    }
    if u.text.is_empty() {
        let (l, c) = loc.at(at);
        return UnitText::empty_at(l, c);
    }
    u
}
