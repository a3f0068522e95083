//! Qt Linguist translation files (`.ts`, XML), bilingual: read with `quick-xml`.
//!
//! - One [`Document`] per file; `<TS sourcelanguage>` and `language` are the languages.
//! - Each `<message>` is a unit: `<source>` and `<translation>`, id = the message's `id`
//!   attribute, else `CONTEXT|SOURCE` (the `<context>`'s `<name>`). A plural message
//!   (`numerus="yes"`) gives one unit per `<numerusform>`, id suffixed `[N]`.
//! - Skipped: translations of `type="obsolete"` or `type="vanished"`; `<comment>`,
//!   `<extracomment>`, `<location>`. An `unfinished` empty translation is kept with an empty
//!   target (MT022); an `<extracomment>` or `<translatorcomment>` with `mtlint: ignore …`
//!   suppresses codes for the unit.

use std::path::Path;

use quick_xml::events::Event;

use super::xml::{Xml, local_name};
use super::{DocBuilder, Unit, UnitText, parse_ignore_directive};
use crate::error::Result;
use crate::model::Document;

/// Read a Qt Linguist `.ts` file.
pub fn read(path: &Path) -> Result<Vec<Document>> {
    let text = super::read_bilingual_text(path)?;
    parse(path, &text).map(|d| vec![d])
}

/// Parse `.ts` text read from `path`.
pub fn parse(path: &Path, text: &str) -> Result<Document> {
    let mut x = Xml::new(path, text);
    let (at, root) = x.root("TS", "a Qt Linguist")?;
    let source_lang = x.attr(&root, at, "sourcelanguage")?;
    let target_lang = x.attr(&root, at, "language")?;
    let mut doc = DocBuilder::new(path, source_lang, target_lang);
    let mut context = String::new();
    while let Some((at, e, empty)) = x.next_element()? {
        match local_name(&e).as_str() {
            "context" => {}
            "name" if !empty => context = x.plain_text("name")?,
            "message" if !empty => {
                let id = x.attr(&e, at, "id")?;
                let numerus = x.attr(&e, at, "numerus")?.is_some_and(|v| v == "yes");
                let mut source = UnitText::default();
                let mut forms: Vec<UnitText> = Vec::new();
                let mut skip = false;
                let mut ignore = Vec::new();
                loop {
                    let (c_at, ev) = x.next()?;
                    match ev {
                        Event::Start(c) => match local_name(&c).as_str() {
                            "source" => source = x.inline("source")?,
                            "translation" => {
                                let kind = x.attr(&c, c_at, "type")?.unwrap_or_default();
                                skip = matches!(kind.as_str(), "obsolete" | "vanished");
                                if numerus {
                                    loop {
                                        let (_, ev) = x.next()?;
                                        match ev {
                                            Event::Start(n) if local_name(&n) == "numerusform" => {
                                                forms.push(x.inline("numerusform")?);
                                            }
                                            Event::Start(n) => x.skip(&n)?,
                                            Event::End(_) => break,
                                            Event::Eof => {
                                                return Err(x.error(
                                                    c_at,
                                                    "unexpected end of file inside <translation>",
                                                ));
                                            }
                                            _ => {}
                                        }
                                    }
                                } else {
                                    forms.push(x.inline("translation")?);
                                }
                            }
                            "extracomment" | "translatorcomment" | "comment" => {
                                let note = x.plain_text("comment")?;
                                ignore.extend(parse_ignore_directive(&note));
                            }
                            _ => x.skip(&c)?,
                        },
                        Event::End(_) => break,
                        Event::Eof => {
                            return Err(x.error(at, "unexpected end of file inside <message>"));
                        }
                        _ => {}
                    }
                }
                if skip {
                    continue;
                }
                let key = id.unwrap_or_else(|| format!("{context}|{}", source.text));
                if forms.is_empty() {
                    forms.push(UnitText::default());
                }
                let many = numerus;
                for (n, target) in forms.into_iter().enumerate() {
                    doc.push(&Unit {
                        id: Some(if many {
                            format!("{key}[{n}]")
                        } else {
                            key.clone()
                        }),
                        source: source.clone(),
                        target,
                        ignore: ignore.clone(),
                    });
                }
            }
            _ if !empty => x.skip(&e)?,
            _ => {}
        }
    }
    Ok(doc.finish(path.display().to_string()))
}
