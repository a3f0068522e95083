//! TMX translation memories (`.tmx`), read with `quick-xml`.
//!
//! - The source language is the header's `srclang`; each `<tu>`'s `<tuv>` in that language
//!   (compared case-insensitively, then by primary subtag: `en` matches `en-US`) is the
//!   source, every other `<tuv>` a target. With `srclang="*all*"` or none, the first `<tuv>`
//!   of each `<tu>` is the source.
//! - One [`Document`] per target language, in order of first appearance; its id is the path,
//!   or `path#LANG` when the memory has several target languages.
//! - Each `<tu>` with a non-empty source and target `<seg>` is one block on each side
//!   (id = `tuid`); a `<tu>` lacking either is skipped.
//! - `<note>` (of the `<tu>` or a `<tuv>`) with `mtlint: ignore MT012` fills
//!   [`crate::model::Block::ignore`].
//! - Inline `<bpt>`/`<ept>`/`<ph>`/`<it>`/`<ut>` become `{ID}`/`{/ID}` placeholders, `<hi>`
//!   keeps its text; entities as in `formats/xml.rs`.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::xml::{Xml, local_name};
use super::{DocBuilder, UnitText, parse_ignore_directive};
use crate::error::Result;
use crate::model::Document;

/// Read a TMX file.
pub fn read(path: &Path) -> Result<Vec<Document>> {
    let text = super::read_bilingual_text(path)?;
    parse(path, &text)
}

struct Tu {
    id: Option<String>,
    tuvs: Vec<(String, UnitText)>,
    ignore: Vec<String>,
}

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// Parse TMX text read from `path`.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Document>> {
    let mut x = Xml::new(path, text);
    let mut srclang: Option<String> = None;
    // (target language in lower case, as first written, builder), in order of appearance.
    // Units go into the builders as they are read: the memory is never held twice.
    let mut docs: Vec<(String, String, DocBuilder)> = Vec::new();
    x.root("tmx", "a TMX")?;
    while let Some((at, e, empty)) = x.next_element()? {
        let name = local_name(&e);
        match name.as_str() {
            "header" => {
                srclang = x
                    .attr(&e, at, "srclang")?
                    .filter(|l| !l.trim().is_empty() && !l.eq_ignore_ascii_case("*all*"))
                    .map(|l| l.to_ascii_lowercase());
                if !empty {
                    x.skip(&e)?;
                }
            }
            "body" => {}
            "tu" if !empty => {
                let tu = tu(&mut x, &e, at)?;
                add_tu(path, srclang.as_deref(), tu, &mut docs);
            }
            _ if !empty => x.skip(&e)?,
            _ => {}
        }
    }
    let many = docs.len() > 1;
    Ok(docs
        .into_iter()
        .map(|(_, lang, b)| {
            let id = if many {
                format!("{}#{lang}", path.display())
            } else {
                path.display().to_string()
            };
            b.finish(id)
        })
        .collect())
}

/// Add a `<tu>` to the document of each of its target languages.
fn add_tu(
    path: &Path,
    srclang: Option<&str>,
    tu: Tu,
    docs: &mut Vec<(String, String, DocBuilder)>,
) {
    let source_idx = match srclang {
        None => (!tu.tuvs.is_empty()).then_some(0),
        Some(s) => tu
            .tuvs
            .iter()
            .position(|(l, _)| l.eq_ignore_ascii_case(s))
            .or_else(|| {
                tu.tuvs
                    .iter()
                    .position(|(l, _)| primary(l).eq_ignore_ascii_case(primary(s)))
            }),
    };
    let Some(si) = source_idx else { return };
    let (src_lang, source) = &tu.tuvs[si];
    for (i, (lang, target)) in tu.tuvs.iter().enumerate() {
        if i == si || lang.eq_ignore_ascii_case(src_lang) {
            continue;
        }
        let idx = match docs
            .iter()
            .position(|(k, _, _)| k.eq_ignore_ascii_case(lang))
        {
            Some(i) => i,
            None => {
                docs.push((
                    lang.to_ascii_lowercase(),
                    lang.clone(),
                    DocBuilder::new(path, Some(src_lang.clone()), Some(lang.clone())),
                ));
                docs.len() - 1
            }
        };
        docs[idx]
            .2
            .push_parts(source, target, tu.id.as_deref(), &tu.ignore);
    }
}

/// A `<tu>` whose start tag was just read.
fn tu(x: &mut Xml, e: &BytesStart, at: usize) -> Result<Tu> {
    let mut tu = Tu {
        id: x.attr(e, at, "tuid")?,
        tuvs: Vec::new(),
        ignore: Vec::new(),
    };
    loop {
        let (c_at, ev) = x.next()?;
        match ev {
            Event::Start(c) => match local_name(&c).as_str() {
                "note" => {
                    let note = x.plain_text("note")?;
                    tu.ignore.extend(parse_ignore_directive(&note));
                }
                "tuv" => {
                    let lang = match x.attr(&c, c_at, "xml:lang")? {
                        Some(l) => l,
                        None => x.attr(&c, c_at, "lang")?.ok_or_else(|| {
                            x.error(c_at, "<tuv> without xml:lang: say which language it is")
                        })?,
                    };
                    let mut seg = UnitText::default();
                    loop {
                        let (_, ev) = x.next()?;
                        match ev {
                            Event::Start(s) => match local_name(&s).as_str() {
                                "seg" => seg = x.inline("seg")?,
                                "note" => {
                                    let note = x.plain_text("note")?;
                                    tu.ignore.extend(parse_ignore_directive(&note));
                                }
                                _ => x.skip(&s)?,
                            },
                            Event::End(_) => break,
                            Event::Eof => {
                                return Err(x.error(c_at, "unexpected end of file inside <tuv>"));
                            }
                            _ => {}
                        }
                    }
                    tu.tuvs.push((lang, seg));
                }
                _ => x.skip(&c)?,
            },
            Event::End(_) => break,
            Event::Eof => return Err(x.error(at, "unexpected end of file inside <tu>")),
            _ => {}
        }
    }
    Ok(tu)
}
