//! XLIFF 1.2 and 2.x (`.xlf`, `.xliff`), read with `quick-xml`.
//!
//! - One [`Document`] per `<file>` element; its id is the path, or `path#NAME` (NAME = the
//!   file's `original` or `id` attribute, else its 1-based number) when the XLIFF holds
//!   several files.
//! - XLIFF 1.2: every `<trans-unit>` with a non-empty `<source>` and `<target>` is one block
//!   on each side, id = the unit's `id`, with its `resname` in parentheses when it has one
//!   (`42 (menu.file.open)`). `<seg-source>`, `<alt-trans>` and `<header>` are
//!   ignored, units with `translate="no"` skipped.
//! - XLIFF 2.x: every `<segment>` of a `<unit>` is one block, id = the unit's id (with
//!   `/SEGMENT-ID` or `/N` appended when the unit has several segments). `<ignorable>` and
//!   `<originalData>` are ignored, units with `translate="no"` skipped.
//! - Units or segments without a target, or with an empty one, are kept with an empty target
//!   block: one pair each, reported as MT022 (missing-translation), never a silent pass.
//! - Languages: `source-language`/`target-language` of `<file>` (1.2), `srcLang`/`trgLang` of
//!   `<xliff>` (2.x), into [`crate::model::SideText::lang`].
//! - `<note>` text containing `mtlint: ignore MT012[, …]` puts the codes into the unit's
//!   [`crate::model::Block::ignore`] (both sides).
//! - Entities and inline tags: see the XML rules in `formats/xml.rs` (predefined entities and
//!   character references resolved, DTD entities never expanded; codes become `{ID}`).
//! - Positions: each block starts at the first non-blank char of the `<source>`/`<target>`
//!   content; anchors after every entity and tag keep the columns exact.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::xml::{Xml, local_name};
use super::{DocBuilder, Unit, UnitText, parse_ignore_directive};
use crate::error::Result;
use crate::model::Document;

/// Read an XLIFF file.
pub fn read(path: &Path) -> Result<Vec<Document>> {
    let text = super::read_bilingual_text(path)?;
    parse(path, &text)
}

struct FileDoc {
    name: Option<String>,
    doc: DocBuilder,
}

/// Parse XLIFF text read from `path`.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Document>> {
    let mut x = Xml::new(path, text);
    let (at, root) = x.root("xliff", "an XLIFF")?;
    let version = x.attr(&root, at, "version")?.unwrap_or_default();
    let version2 = version.starts_with('2');
    let langs: (Option<String>, Option<String>) = if version2 {
        (x.attr(&root, at, "srcLang")?, x.attr(&root, at, "trgLang")?)
    } else {
        (None, None)
    };
    let mut files: Vec<FileDoc> = Vec::new();
    while let Some((at, e, empty)) = x.next_element()? {
        let name = local_name(&e);
        match name.as_str() {
            "file" => {
                let (src, trg) = if version2 {
                    langs.clone()
                } else {
                    (
                        x.attr(&e, at, "source-language")?,
                        x.attr(&e, at, "target-language")?,
                    )
                };
                let name = match x.attr(&e, at, "original")? {
                    Some(n) => Some(n),
                    None => x.attr(&e, at, "id")?,
                };
                files.push(FileDoc {
                    name,
                    doc: DocBuilder::new(path, src, trg),
                });
            }
            "body" | "group" => {}
            "trans-unit" | "unit" if !empty => {
                let Some(file) = files.last_mut() else {
                    return Err(x.error(at, format!("<{name}> outside a <file> element")));
                };
                let units = if version2 {
                    unit_v2(&mut x, &e, at)?
                } else {
                    unit_v1(&mut x, &e, at)?
                };
                for u in &units {
                    file.doc.push(u);
                }
            }
            _ if !empty => x.skip(&e)?,
            _ => {}
        }
    }
    let many = files.len() > 1;
    Ok(files
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let id = if many {
                format!(
                    "{}#{}",
                    path.display(),
                    f.name.unwrap_or_else(|| (i + 1).to_string())
                )
            } else {
                path.display().to_string()
            };
            f.doc.finish(id)
        })
        .collect())
}

fn translate_no(x: &Xml, e: &BytesStart, at: usize) -> Result<bool> {
    Ok(x.attr(e, at, "translate")?
        .is_some_and(|v| v.trim() == "no"))
}

/// A unit's name in reports: its `id`, and its `resname` (the key a CAT tool or the
/// software shows) in parentheses when it has one that differs: `42 (menu.file.open)`.
fn unit_name(id: Option<String>, resname: Option<String>) -> Option<String> {
    let resname = resname.filter(|r| !r.trim().is_empty());
    match (id.filter(|i| !i.trim().is_empty()), resname) {
        (Some(i), Some(r)) if i != r => Some(format!("{i} ({r})")),
        (Some(i), _) => Some(i),
        (None, r) => r,
    }
}

/// An XLIFF 1.2 `<trans-unit>` whose start tag was just read.
fn unit_v1(x: &mut Xml, e: &BytesStart, at: usize) -> Result<Vec<Unit>> {
    if translate_no(x, e, at)? {
        x.skip(e)?;
        return Ok(Vec::new());
    }
    let mut unit = Unit {
        id: unit_name(x.attr(e, at, "id")?, x.attr(e, at, "resname")?),
        ..Unit::default()
    };
    loop {
        let (c_at, ev) = x.next()?;
        match ev {
            Event::Start(c) => match local_name(&c).as_str() {
                "source" => unit.source = x.inline("source")?,
                "target" => unit.target = x.inline("target")?,
                "note" => {
                    let note = x.plain_text("note")?;
                    unit.ignore.extend(parse_ignore_directive(&note));
                }
                _ => x.skip(&c)?,
            },
            Event::Empty(c) if local_name(&c) == "target" => {
                let (line, column) = x.line_column(c_at);
                unit.target.mark(line, column);
            }
            Event::End(_) => break,
            Event::Eof => return Err(x.error(at, "unexpected end of file inside <trans-unit>")),
            _ => {}
        }
    }
    // No <target> at all: the missing translation is placed at the unit's start tag.
    let (line, column) = x.line_column(at);
    unit.target.mark(line, column);
    Ok(vec![unit])
}

/// An XLIFF 2.x `<unit>` whose start tag was just read: one [`Unit`] per segment.
fn unit_v2(x: &mut Xml, e: &BytesStart, at: usize) -> Result<Vec<Unit>> {
    if translate_no(x, e, at)? {
        x.skip(e)?;
        return Ok(Vec::new());
    }
    let unit_id = x.attr(e, at, "id")?;
    let mut ignore = Vec::new();
    let mut segments: Vec<(Option<String>, UnitText, UnitText)> = Vec::new();
    loop {
        let (seg_at, ev) = x.next()?;
        match ev {
            Event::Start(c) => match local_name(&c).as_str() {
                "notes" => loop {
                    let (_, ev) = x.next()?;
                    match ev {
                        Event::Start(n) if local_name(&n) == "note" => {
                            let note = x.plain_text("note")?;
                            ignore.extend(parse_ignore_directive(&note));
                        }
                        Event::Start(n) => x.skip(&n)?,
                        Event::End(_) => break,
                        Event::Eof => {
                            return Err(x.error(seg_at, "unexpected end of file inside <notes>"));
                        }
                        _ => {}
                    }
                },
                "segment" => {
                    let seg_id = x.attr(&c, seg_at, "id")?;
                    let (mut source, mut target) = (UnitText::default(), UnitText::default());
                    loop {
                        let (t_at, ev) = x.next()?;
                        match ev {
                            Event::Start(s) => match local_name(&s).as_str() {
                                "source" => source = x.inline("source")?,
                                "target" => target = x.inline("target")?,
                                _ => x.skip(&s)?,
                            },
                            Event::Empty(s) if local_name(&s) == "target" => {
                                let (line, column) = x.line_column(t_at);
                                target.mark(line, column);
                            }
                            Event::End(_) => break,
                            Event::Eof => {
                                return Err(
                                    x.error(seg_at, "unexpected end of file inside <segment>")
                                );
                            }
                            _ => {}
                        }
                    }
                    // No <target>: the missing translation is placed at the <segment>.
                    let (line, column) = x.line_column(seg_at);
                    target.mark(line, column);
                    segments.push((seg_id, source, target));
                }
                _ => x.skip(&c)?,
            },
            Event::End(_) => break,
            Event::Eof => return Err(x.error(at, "unexpected end of file inside <unit>")),
            _ => {}
        }
    }
    let many = segments.len() > 1;
    Ok(segments
        .into_iter()
        .enumerate()
        .map(|(i, (seg_id, source, target))| Unit {
            id: match (&unit_id, many) {
                (Some(u), true) => Some(format!(
                    "{u}/{}",
                    seg_id.unwrap_or_else(|| (i + 1).to_string())
                )),
                (Some(u), false) => Some(u.clone()),
                (None, _) => seg_id,
            },
            source,
            target,
            ignore: ignore.clone(),
        })
        .collect())
}
