//! Apple `.strings` files (`"key" = "value";`), UTF-8 or UTF-16 with a byte order mark (the
//! format's tradition: the UTF-16 refusal of other inputs does not apply here).
//!
//! - Each `"key" = "value";` is a unit with that key; `/* … */` and `// …` comments are
//!   skipped. Keys and values may also be unquoted words (`KEY = value;`).
//! - Escapes `\"` `\\` `\n` `\t` `\r` `\'` `\UXXXX`/`\uXXXX` are decoded; each char after an
//!   escape is anchored, so positions (line, column in chars) are exact.
//! - Malformed input (a missing `=` or `;`, an unterminated string or comment) is an error
//!   with line and column.

use std::collections::HashMap;
use std::path::Path;

use super::keyed::{Entries, Entry};
use super::read::{Role, read_bytes};
use super::{Locator, UnitText, format_error};
use crate::error::{MtError, Result};

/// Read a `.strings` file.
pub fn read_entries(path: &Path) -> Result<Entries> {
    let bytes = read_bytes(path, Role::Input)?;
    let text = decode(path, bytes)?;
    if text.trim().is_empty() {
        return Err(MtError::Empty {
            path: path.to_path_buf(),
        });
    }
    parse_entries(path, &text)
}

/// UTF-16 by its byte order mark, else UTF-8 (with the usual checks).
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(encoding_rs::UTF_16LE),
        Some([0xFE, 0xFF]) => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let Some(enc) = utf16 else {
        return super::decode_text(path, bytes);
    };
    let (text, had_errors) = enc.decode_with_bom_removal(&bytes);
    if had_errors {
        return Err(format_error(
            path,
            1,
            1,
            format!(
                "not valid {}: the file has a UTF-16 byte order mark but broken UTF-16 in it",
                enc.name()
            ),
        ));
    }
    if let Some(i) = text.find('\0') {
        let line = 1 + text[..i].matches('\n').count();
        return Err(format_error(
            path,
            line,
            1,
            "NUL character: this looks like a binary file",
        ));
    }
    Ok(text.replace("\r\n", "\n"))
}

struct Parser<'a> {
    path: &'a Path,
    text: &'a str,
    pos: usize,
    loc: Locator<'a>,
}

/// [`read_entries`] on a decoded text.
pub fn parse_entries(path: &Path, text: &str) -> Result<Entries> {
    let mut p = Parser {
        path,
        text,
        pos: 0,
        loc: Locator::new(text),
    };
    let mut out = Entries::default();
    let mut seen = HashMap::new();
    loop {
        p.skip()?;
        if p.pos >= text.len() {
            return Ok(out);
        }
        let key_at = p.pos;
        let key = p.token("a key")?.text;
        p.skip()?;
        p.expect('=')?;
        p.skip()?;
        let value = p.token("a value")?;
        p.skip()?;
        p.expect(';')?;
        let (line, column) = p.loc.at(key_at);
        out.add(
            path,
            &mut seen,
            Entry {
                key,
                text: value,
                line,
                column,
            },
        )?;
    }
}

impl<'a> Parser<'a> {
    fn error(&self, byte: usize, message: impl std::fmt::Display) -> MtError {
        let (line, column) = self.loc.at(byte);
        format_error(self.path, line, column, message)
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    /// Skip white space and comments.
    fn skip(&mut self) -> Result<()> {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            self.pos += rest.len() - trimmed.len();
            if let Some(body) = trimmed.strip_prefix("/*") {
                match body.find("*/") {
                    Some(i) => self.pos += i + 4,
                    None => return Err(self.error(self.pos, "unterminated comment: */ is missing")),
                }
            } else if trimmed.starts_with("//") {
                self.pos += trimmed.find('\n').unwrap_or(trimmed.len());
            } else {
                return Ok(());
            }
        }
    }

    fn expect(&mut self, c: char) -> Result<()> {
        if self.rest().starts_with(c) {
            self.pos += 1;
            Ok(())
        } else {
            let found: String = self.rest().chars().take(10).collect();
            Err(self.error(self.pos, format!("expected '{c}', found '{found}'")))
        }
    }

    /// A quoted string or an unquoted word.
    fn token(&mut self, what: &str) -> Result<UnitText> {
        let open = self.pos;
        if !self.rest().starts_with('"') {
            let n = self
                .rest()
                .find(|c: char| !(c.is_alphanumeric() || "_.-$:/".contains(c)))
                .unwrap_or(self.rest().len());
            if n == 0 {
                let found: String = self.rest().chars().take(10).collect();
                return Err(self.error(
                    open,
                    format!("expected {what} in double quotes, found '{found}'"),
                ));
            }
            let mut u = UnitText::default();
            u.push_at(&self.text[open..open + n], &self.loc, open);
            self.pos += n;
            return Ok(u);
        }
        let mut unit = UnitText::default();
        let bytes = self.text.as_bytes();
        let mut run = open + 1;
        let mut i = open + 1;
        loop {
            let Some(&b) = bytes.get(i) else {
                return Err(self.error(open, "unterminated string: the closing \" is missing"));
            };
            match b {
                b'"' => {
                    unit.push_at(&self.text[run..i], &self.loc, run);
                    if unit.text.is_empty() {
                        let (l, c) = self.loc.at(open + 1);
                        unit = UnitText::empty_at(l, c);
                    }
                    self.pos = i + 1;
                    return Ok(unit);
                }
                b'\\' => {
                    unit.push_at(&self.text[run..i], &self.loc, run);
                    let Some(e) = self.text.get(i + 1..).and_then(|r| r.chars().next()) else {
                        return Err(self.error(i, "unterminated string: it ends in a backslash"));
                    };
                    let mut len = 1 + e.len_utf8();
                    let c = match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'U' | 'u' => {
                            let hex = self
                                .text
                                .get(i + 2..i + 6)
                                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                            let c = hex
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .and_then(char::from_u32)
                                .ok_or_else(|| {
                                    self.error(i, "bad \\U escape: four hex digits expected")
                                })?;
                            len = 6;
                            c
                        }
                        other => other,
                    };
                    unit.push_at(c.encode_utf8(&mut [0; 4]), &self.loc, i);
                    i += len;
                    run = i;
                }
                _ => i += 1,
            }
        }
    }
}
