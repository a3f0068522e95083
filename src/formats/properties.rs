//! Java `.properties` files: UTF-8, or ISO-8859-1 when the file is not valid UTF-8 (as
//! Java's `ResourceBundle` reads them since Java 9), with `\uXXXX` escapes.
//!
//! - Each `key=value`, `key: value` or `key value` line is a unit with that key; `#` and `!`
//!   lines are comments; a line ending in an odd number of backslashes continues on the next
//!   line (its leading white space dropped).
//! - Escapes `\t` `\n` `\r` `\f` `\uXXXX` are decoded, any other `\c` is `c`; each char after
//!   an escape and each continuation line is anchored, so positions are exact.
//! - A bad `\u` escape is an error with line and column.

use std::collections::HashMap;
use std::path::Path;

use super::keyed::{Entries, Entry};
use super::read::{Role, read_bytes};
use super::{UnitText, format_error};
use crate::error::{MtError, Result};

/// Read a `.properties` file.
pub fn read_entries(path: &Path) -> Result<Entries> {
    let bytes = read_bytes(path, Role::Input)?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(_) => super::decode_text(path, bytes)?,
        // ISO-8859-1: every byte is the char of that number.
        Err(_) => bytes
            .iter()
            .map(|&b| b as char)
            .collect::<String>()
            .replace("\r\n", "\n"),
    };
    if text.trim().is_empty() {
        return Err(MtError::Empty {
            path: path.to_path_buf(),
        });
    }
    parse_entries(path, &text)
}

/// [`read_entries`] on a decoded text.
pub fn parse_entries(path: &Path, text: &str) -> Result<Entries> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Entries::default();
    let mut seen = HashMap::new();
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n];
        let trimmed = line.trim_start_matches([' ', '\t', '\u{c}']);
        if trimmed.is_empty() || trimmed.starts_with(['#', '!']) {
            n += 1;
            continue;
        }
        // The logical line: (line number, column of its first char, text) pieces.
        let mut pieces: Vec<(usize, usize, &str)> = Vec::new();
        let mut no = n;
        let mut piece = trimmed;
        let mut col = 1 + line[..line.len() - trimmed.len()].chars().count();
        loop {
            let backslashes = piece.len() - piece.trim_end_matches('\\').len();
            if backslashes % 2 == 1 && no + 1 < lines.len() {
                pieces.push((no + 1, col, &piece[..piece.len() - 1]));
                no += 1;
                let next = lines[no];
                piece = next.trim_start_matches([' ', '\t', '\u{c}']);
                col = 1 + next[..next.len() - piece.len()].chars().count();
            } else {
                pieces.push((no + 1, col, piece));
                break;
            }
        }
        n = no + 1;
        logical(path, &pieces, &mut out, &mut seen)?;
    }
    Ok(out)
}

/// One logical line (a key and its value).
fn logical(
    path: &Path,
    pieces: &[(usize, usize, &str)],
    out: &mut Entries,
    seen: &mut HashMap<String, (usize, usize)>,
) -> Result<()> {
    let mut key = String::new();
    let mut value = UnitText::default();
    let mut in_key = true;
    // After the key: skipping white space, then one separator, then white space.
    let mut sep_seen = false;
    let mut in_gap = false;
    let (key_line, key_col) = (pieces[0].0, pieces[0].1);
    let mut next: Option<(usize, usize)> = None;
    for &(line, col0, s) in pieces {
        let mut chars = s.chars().peekable();
        let mut col = col0;
        while let Some(c) = chars.next() {
            let here = col;
            col += 1;
            let decoded = if c == '\\' {
                let Some(e) = chars.next() else { break };
                col += 1;
                match e {
                    't' => '\t',
                    'n' => '\n',
                    'r' => '\r',
                    'f' => '\u{c}',
                    'u' => {
                        let hex: String = chars.clone().take(4).collect();
                        let c = (hex.len() == 4 && hex.chars().all(|h| h.is_ascii_hexdigit()))
                            .then(|| u32::from_str_radix(&hex, 16).ok())
                            .flatten()
                            .and_then(char::from_u32)
                            .ok_or_else(|| {
                                format_error(
                                    path,
                                    line,
                                    here,
                                    "bad \\u escape: four hex digits expected",
                                )
                            })?;
                        for _ in 0..4 {
                            chars.next();
                        }
                        col += 4;
                        c
                    }
                    other => other,
                }
            } else {
                if in_key && matches!(c, '=' | ':' | ' ' | '\t' | '\u{c}') {
                    in_key = false;
                    in_gap = true;
                    sep_seen = c == '=' || c == ':';
                    continue;
                }
                if in_gap {
                    if matches!(c, ' ' | '\t' | '\u{c}') {
                        continue;
                    }
                    if !sep_seen && (c == '=' || c == ':') {
                        sep_seen = true;
                        continue;
                    }
                }
                c
            };
            if in_key {
                key.push(decoded);
                continue;
            }
            in_gap = false;
            // One anchor per run of verbatim chars, not one per char.
            let mut buf = [0; 4];
            let s = decoded.encode_utf8(&mut buf);
            if next == Some((line, here)) {
                value.extend(s);
            } else {
                value.push(s, line, here);
            }
            next = (c != '\\').then_some((line, here + 1));
        }
    }
    if value.text.is_empty() {
        let (l, c) = pieces
            .last()
            .map_or((key_line, key_col), |p| (p.0, p.1 + p.2.chars().count()));
        value = UnitText::empty_at(l, c);
    }
    out.add(
        path,
        seen,
        Entry {
            key,
            text: value,
            line: key_line,
            column: key_col,
        },
    )
}
