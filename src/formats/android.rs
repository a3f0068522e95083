//! Android string resources (`res/values*/strings.xml`, any `.xml` whose root is
//! `<resources>`), read with `quick-xml`.
//!
//! - `<string name="K">` is a unit with key `K`; `<plurals name="K">` gives one unit per
//!   `<item quantity="Q">`, key `K[Q]`; `<string-array name="K">` one per `<item>`, key
//!   `K[N]` (0-based). Elements with `translatable="false"` are skipped, as is everything
//!   else (`<integer>`, `<color>`, comments).
//! - Android's escapes are decoded as `aapt` does: `\'` `\"` `\\` `\@` `\?` `\n` `\t`
//!   `\uXXXX`; an unescaped `"` only quotes (it is dropped). Format specifiers such as
//!   `%1$s` and `%d` stay as written. CDATA content is text (escapes apply).
//! - Inline markup (`<b>`, `<i>`, `<xliff:g id="n">%d</xliff:g>`) is kept verbatim, so
//!   placeholder and tag checks see it; XML entities are resolved.
//! - Positions are exact: each piece of text and each char after an escape or entity is
//!   anchored to its place in the file.

use std::collections::HashMap;
use std::path::Path;

use quick_xml::events::Event;

use super::keyed::{Entries, Entry};
use super::xml::{Xml, local_name};
use super::{Locator, UnitText};
use crate::error::{MtError, Result};

/// Read an Android string resource file.
pub fn read_entries(path: &Path) -> Result<Entries> {
    let text = super::read::read_xml(path)?;
    if text.trim().is_empty() {
        return Err(MtError::Empty {
            path: path.to_path_buf(),
        });
    }
    parse_entries(path, &text)
}

/// [`read_entries`] on a file's text.
pub fn parse_entries(path: &Path, text: &str) -> Result<Entries> {
    let mut x = Xml::new(path, text);
    x.root("resources", "an Android string resource")?;
    let mut out = Entries::default();
    let mut seen = HashMap::new();
    while let Some((at, e, empty)) = x.next_element()? {
        let name = local_name(&e);
        if !matches!(name.as_str(), "string" | "plurals" | "string-array") {
            if !empty {
                x.skip(&e)?;
            }
            continue;
        }
        let Some(key) = x.attr(&e, at, "name")? else {
            return Err(x.error(at, format!("<{name}> without a name attribute")));
        };
        if x.attr(&e, at, "translatable")?
            .is_some_and(|v| v.trim() == "false")
        {
            if !empty {
                x.skip(&e)?;
            }
            continue;
        }
        let (line, column) = x.loc.at(at);
        if empty {
            if name == "string" {
                let (l, c) = x.loc.at(x.position());
                let text = UnitText::empty_at(l, c);
                out.add(
                    path,
                    &mut seen,
                    Entry {
                        key,
                        text,
                        line,
                        column,
                    },
                )?;
            }
            continue;
        }
        if name == "string" {
            let text = content(&mut x, text, "string")?;
            out.add(
                path,
                &mut seen,
                Entry {
                    key,
                    text,
                    line,
                    column,
                },
            )?;
            continue;
        }
        let mut n = 0usize;
        loop {
            let (item_at, ev) = x.next()?;
            match ev {
                Event::Start(i) if local_name(&i) == "item" => {
                    let sub = if name == "plurals" {
                        match x.attr(&i, item_at, "quantity")? {
                            Some(q) => q,
                            None => {
                                return Err(
                                    x.error(item_at, "<item> of <plurals> without quantity")
                                );
                            }
                        }
                    } else {
                        n += 1;
                        (n - 1).to_string()
                    };
                    let (line, column) = x.loc.at(item_at);
                    let text = content(&mut x, text, "item")?;
                    out.add(
                        path,
                        &mut seen,
                        Entry {
                            key: format!("{key}[{sub}]"),
                            text,
                            line,
                            column,
                        },
                    )?;
                }
                Event::Start(other) => x.skip(&other)?,
                Event::End(_) => break,
                Event::Eof => {
                    return Err(x.error(at, format!("unexpected end of file inside <{name}>")));
                }
                _ => {}
            }
        }
    }
    Ok(out)
}

/// The text of an element whose start tag was just read, up to its end tag.
fn content(x: &mut Xml, file: &str, what: &str) -> Result<UnitText> {
    let mut unit = UnitText::default();
    let mut depth = 0usize;
    let mut quoted = false;
    let start = x.position();
    loop {
        let (at, ev) = x.next()?;
        let end = x.position();
        match ev {
            Event::Text(_) => {
                let raw = file.get(at..end).unwrap_or("");
                unescape(raw, at, &x.loc, &mut unit, &mut quoted);
            }
            Event::CData(_) => {
                let from = at + "<![CDATA[".len();
                let to = end.saturating_sub("]]>".len()).max(from);
                let raw = file.get(from..to).unwrap_or("");
                unescape(raw, from, &x.loc, &mut unit, &mut quoted);
            }
            Event::GeneralRef(r) => {
                let c = x.reference(&r, at)?;
                unit.push_at(c.encode_utf8(&mut [0; 4]), &x.loc, at);
            }
            Event::Start(_) | Event::Empty(_) | Event::End(_) => {
                let is_end = matches!(ev, Event::End(_));
                if is_end && depth == 0 {
                    if unit.text.is_empty() {
                        let (l, c) = x.loc.at(start);
                        return Ok(UnitText::empty_at(l, c));
                    }
                    return Ok(unit);
                }
                match ev {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth -= 1,
                    _ => {}
                }
                unit.push_at(file.get(at..end).unwrap_or(""), &x.loc, at);
            }
            Event::Eof => {
                return Err(x.error(at, format!("unexpected end of file inside <{what}>")));
            }
            _ => {}
        }
    }
}

/// Decode Android escapes and quotes in `raw` (which stands at byte `at` of the file).
fn unescape(raw: &str, at: usize, loc: &Locator, unit: &mut UnitText, quoted: &mut bool) {
    let mut run = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                unit.push_at(&raw[run..i], loc, at + run);
                *quoted = !*quoted;
                run = i + 1;
            }
            '\\' => {
                unit.push_at(&raw[run..i], loc, at + run);
                let Some((j, e)) = chars.next() else {
                    run = i;
                    break;
                };
                let mut next = j + e.len_utf8();
                let decoded = match e {
                    'n' => '\n',
                    't' => '\t',
                    'u' => {
                        let hex = raw
                            .get(next..next + 4)
                            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                        match hex
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .and_then(char::from_u32)
                        {
                            Some(c) => {
                                next += 4;
                                for _ in 0..4 {
                                    chars.next();
                                }
                                c
                            }
                            None => 'u',
                        }
                    }
                    other => other,
                };
                unit.push_at(decoded.encode_utf8(&mut [0; 4]), loc, at + i);
                run = next;
            }
            _ => {}
        }
    }
    if let Some(rest) = raw.get(run..) {
        unit.push_at(rest, loc, at + run);
    }
}
