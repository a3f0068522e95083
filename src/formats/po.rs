//! GNU gettext PO files (`.po`), read by a small parser of our own: the `polib` crate gives
//! no line numbers (and panics on some malformed lines), and findings must point into the
//! file.
//!
//! - One [`Document`] per file: `msgid` is the source, `msgstr` the target; each entry with
//!   a non-empty `msgid` and `msgstr` is one block on each side (id = the `msgid`, prefixed
//!   with `CONTEXT|` when there is a `msgctxt`).
//! - Plural forms: `msgstr[0]` pairs with `msgid`, every `msgstr[n]` (n ≥ 1) with
//!   `msgid_plural`; each non-empty form is its own block, id suffixed `[n]`.
//! - Skipped: the header entry (`msgid ""`; its `Language:` becomes the target
//!   [`crate::model::SideText::lang`]) and obsolete entries (`#~`). An untranslated entry
//!   (empty `msgstr`) is kept with an empty target block (MT022 missing-translation). Fuzzy entries are checked: they are machine or draft translations too.
//! - A translator comment `# mtlint: ignore MT012` puts the codes into the entry's
//!   [`crate::model::Block::ignore`].
//! - Strings: C escapes (`\n`, `\t`, `\"`, `\\`, octal, `\xHH`…) are decoded; adjacent
//!   strings are concatenated. Positions are exact: each string piece and each char after an
//!   escape is anchored to its line and column in the file.
//! - Malformed input (unknown keyword, unterminated string, bad escape, `msgid` without
//!   `msgstr`) is an error with line and column.

use std::path::Path;

use super::{DocBuilder, Unit, UnitText, format_error, parse_ignore_directive};
use crate::error::{MtError, Result};
use crate::model::Document;

/// Read a PO file.
pub fn read(path: &Path) -> Result<Vec<Document>> {
    let text = super::read_bilingual_text(path)?;
    parse(path, &text).map(|d| vec![d])
}

#[derive(Debug, Default)]
struct Entry {
    line: usize,
    ctx: Option<UnitText>,
    id: Option<UnitText>,
    id_plural: Option<UnitText>,
    strs: Vec<(usize, UnitText)>,
    ignore: Vec<String>,
}

#[derive(Clone, Copy)]
enum Field {
    Ctx,
    Id,
    IdPlural,
    Str(usize),
}

impl Entry {
    fn is_empty(&self) -> bool {
        self.ctx.is_none() && self.id.is_none() && self.strs.is_empty()
    }

    fn field(&mut self, f: Field) -> &mut UnitText {
        match f {
            Field::Ctx => self.ctx.get_or_insert_with(UnitText::default),
            Field::Id => self.id.get_or_insert_with(UnitText::default),
            Field::IdPlural => self.id_plural.get_or_insert_with(UnitText::default),
            Field::Str(n) => {
                // `strs` gets its entry when the keyword is read; this keeps it panic-free.
                if self.strs.is_empty() {
                    self.strs.push((n, UnitText::default()));
                }
                let last = self.strs.len() - 1;
                &mut self.strs[last].1
            }
        }
    }
}

struct Parser<'a> {
    path: &'a Path,
    doc: DocBuilder,
    target_lang: Option<String>,
    entry: Entry,
    current: Option<Field>,
}

/// Parse PO text read from `path`.
pub fn parse(path: &Path, text: &str) -> Result<Document> {
    let mut p = Parser {
        path,
        doc: DocBuilder::new(path, None, None),
        target_lang: None,
        entry: Entry::default(),
        current: None,
    };
    for (i, line) in text.split('\n').enumerate() {
        p.line(i + 1, line)?;
    }
    p.finish_entry()?;
    let mut doc = p.doc.finish(path.display().to_string());
    doc.target.lang = p.target_lang;
    Ok(doc)
}

impl Parser<'_> {
    fn error(&self, line: usize, column: usize, message: impl std::fmt::Display) -> MtError {
        format_error(self.path, line, column, message)
    }

    fn line(&mut self, no: usize, line: &str) -> Result<()> {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.trim_end().is_empty() {
            return self.finish_entry();
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if self.entry.id.is_some() || !self.entry.strs.is_empty() {
                self.finish_entry()?;
            }
            self.current = None;
            match comment.chars().next() {
                Some('~' | '|' | ',' | '.' | ':') => {}
                _ => {
                    let codes = parse_ignore_directive(comment);
                    self.entry.ignore.extend(codes);
                }
            }
            return Ok(());
        }
        if trimmed.starts_with('"') {
            let Some(field) = self.current else {
                return Err(self.error(no, indent + 1, "string without a keyword before it"));
            };
            let unit = self.entry.field(field);
            return parse_string(self.path, line, indent, no, unit);
        }
        let keyword_len = trimmed
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(trimmed.len());
        let keyword = &trimmed[..keyword_len];
        let field = match keyword {
            "msgctxt" => Field::Ctx,
            "msgid" => Field::Id,
            "msgid_plural" => Field::IdPlural,
            "msgstr" => Field::Str(0),
            k if k.starts_with("msgstr[") && k.ends_with(']') => {
                match k["msgstr[".len()..k.len() - 1].parse::<usize>() {
                    Ok(n) => Field::Str(n),
                    Err(_) => {
                        return Err(self.error(no, indent + 1, format!("bad plural index in {k}")));
                    }
                }
            }
            _ => {
                let shown: String = keyword.chars().take(20).collect();
                return Err(self.error(
                    no,
                    indent + 1,
                    format!("unexpected '{shown}': expected msgctxt, msgid, msgid_plural, msgstr, a string or a comment"),
                ));
            }
        };
        // A new msgctxt/msgid after a complete entry starts the next entry.
        if matches!(field, Field::Ctx | Field::Id) && !self.entry.strs.is_empty() {
            self.finish_entry()?;
        }
        if self.entry.is_empty() {
            self.entry.line = no;
        }
        let duplicate = match field {
            Field::Ctx => self.entry.ctx.is_some(),
            Field::Id => self.entry.id.is_some(),
            Field::IdPlural => self.entry.id_plural.is_some(),
            Field::Str(n) => self.entry.strs.iter().any(|(m, _)| *m == n),
        };
        if duplicate || (matches!(field, Field::Str(_)) && self.entry.id.is_none()) {
            return Err(self.error(no, indent + 1, format!("unexpected {keyword} here")));
        }
        if let Field::Str(n) = field {
            self.entry.strs.push((n, UnitText::default()));
        }
        self.current = Some(field);
        let rest_start = indent + keyword_len;
        let unit = self.entry.field(field);
        parse_string(self.path, line, rest_start, no, unit)
    }

    fn finish_entry(&mut self) -> Result<()> {
        self.current = None;
        let entry = std::mem::take(&mut self.entry);
        if entry.is_empty() {
            // Comments only (or nothing): nothing to pair.
            return Ok(());
        }
        let Some(id) = entry.id else {
            return Err(self.error(entry.line, 1, "entry without msgid"));
        };
        if entry.strs.is_empty() {
            return Err(self.error(entry.line, 1, "msgid without msgstr"));
        }
        if id.text.is_empty() && entry.ctx.is_none() {
            // The header: read the target language.
            if let Some((_, header)) = entry.strs.first() {
                self.target_lang = header
                    .text
                    .lines()
                    .find_map(|l| l.strip_prefix("Language:"))
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty());
            }
            return Ok(());
        }
        let key = match &entry.ctx {
            Some(c) => format!("{}|{}", c.text, id.text),
            None => id.text.clone(),
        };
        let plural = entry.id_plural.is_some();
        for (n, target) in entry.strs {
            let (source, block_id) = match (&entry.id_plural, n) {
                (Some(p), n) if n >= 1 => (p.clone(), format!("{key}[{n}]")),
                _ if plural => (id.clone(), format!("{key}[0]")),
                _ => (id.clone(), key.clone()),
            };
            self.doc.push(&Unit {
                id: Some(block_id),
                source,
                target,
                ignore: entry.ignore.clone(),
            });
        }
        Ok(())
    }
}

/// Parse the quoted string that starts after byte `from` of `line` (white space first) and
/// append it to `unit` with exact positions.
fn parse_string(
    path: &Path,
    line: &str,
    from: usize,
    no: usize,
    unit: &mut UnitText,
) -> Result<()> {
    let err = |byte: usize, msg: &str| {
        let column = 1 + line[..byte].chars().count();
        format_error(path, no, column, msg)
    };
    let rest = &line[from..];
    let lead = rest.len() - rest.trim_start().len();
    let open = from + lead;
    if !line[open..].starts_with('"') {
        return Err(err(open, "expected a quoted string"));
    }
    let col_of = |byte: usize| 1 + line[..byte].chars().count();
    let mut run_start = open + 1;
    let mut chars = line[open + 1..]
        .char_indices()
        .map(|(i, c)| (i + open + 1, c));
    loop {
        let Some((i, c)) = chars.next() else {
            return Err(err(open, "unterminated string: the closing \" is missing"));
        };
        match c {
            '"' => {
                unit.push(&line[run_start..i], no, col_of(run_start));
                let tail = line[i + 1..].trim();
                if !tail.is_empty() {
                    return Err(err(i + 1, "unexpected text after the closing \""));
                }
                return Ok(());
            }
            '\\' => {
                unit.push(&line[run_start..i], no, col_of(run_start));
                let Some((j, e)) = chars.next() else {
                    return Err(err(i, "unterminated string: it ends in a backslash"));
                };
                let mut end = j + e.len_utf8();
                let decoded = match e {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '"' => '"',
                    '\\' => '\\',
                    '\'' => '\'',
                    '?' => '?',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'v' => '\u{b}',
                    '0'..='7' | 'x' => {
                        let (digits, radix, max) = if e == 'x' {
                            (&line[j + 1..], 16, 2)
                        } else {
                            (&line[j..], 8, 3)
                        };
                        let n = digits
                            .chars()
                            .take(max)
                            .take_while(|c| c.is_digit(radix))
                            .count();
                        if n == 0 {
                            return Err(err(i, "bad escape: \\x needs hex digits"));
                        }
                        let start = if e == 'x' { j + 1 } else { j };
                        let value = u32::from_str_radix(&line[start..start + n], radix)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| err(i, "bad escape"))?;
                        end = start + n;
                        // Skip the digits already consumed.
                        while chars.clone().next().is_some_and(|(k, _)| k < end) {
                            chars.next();
                        }
                        value
                    }
                    _ => return Err(err(i, &format!("unknown escape \\{e}"))),
                };
                unit.push(decoded.encode_utf8(&mut [0; 4]), no, col_of(i));
                run_start = end;
            }
            _ => {}
        }
    }
}
