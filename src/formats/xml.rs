//! Shared XML reading for XLIFF and TMX, on top of `quick-xml`: events with their byte
//! positions, errors with line and column, and the inline content of a segment.
//!
//! Entities: the five predefined ones (`&lt;` `&gt;` `&amp;` `&apos;` `&quot;`) and numeric
//! character references (`&#228;`, `&#xE4;`) are resolved. Entities declared in a DTD are
//! never expanded (no entity-expansion bombs, no external entities): a reference to one is
//! a format error naming its line and column.
//!
//! Inline tags in segment text:
//! - formatting that wraps text (`<g>`, `<pc>`, `<mrk>`, `<hi>`, and unknown elements) is
//!   dropped and its text kept: `<g id="1">Hallo</g>` → `Hallo`;
//! - codes that stand for something outside the text (XLIFF 1.2 `<x/>`, `<bx/>`, `<ex/>`,
//!   `<ph>`, `<bpt>`, `<ept>`, `<it>`; XLIFF 2 `<ph/>`, `<sc/>`, `<ec/>`; TMX `<bpt>`,
//!   `<ept>`, `<ph>`, `<it>`, `<ut>`) become a placeholder `{ID}` (`{/ID}` for a closing
//!   code), ID being the tag's `startRef`/`rid`/`i`/`id`/`x` attribute or else its number in
//!   the segment; the native code inside `<ph>`/`<bpt>`… is not text and is dropped. The
//!   placeholder keeps words apart (`Hallo<x/>Welt` is not a glued word) and lets checks
//!   compare codes between source and target;
//! - XLIFF 2 annotation markers `<sm/>`/`<em/>` vanish; `<cp hex="…"/>` becomes its char.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::{Locator, UnitText, format_error};
use crate::error::{MtError, Result};

/// An XML file being read: events with positions.
pub(crate) struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    pub(crate) loc: Locator<'a>,
    path: &'a Path,
}

/// What an inline element means for the text.
enum Inline {
    /// Keep the content, drop the tags.
    Wrap,
    /// A code: a placeholder; content (native code) dropped. `true` = closing code.
    Code(bool),
    /// Nothing.
    Marker,
    /// XLIFF 2 `<cp hex="…"/>`: a char.
    CodePoint,
}

fn inline_kind(name: &str, e: &BytesStart) -> Inline {
    match name {
        "x" | "bx" | "ph" | "bpt" | "ut" | "sc" => Inline::Code(false),
        "ex" | "ept" | "ec" => Inline::Code(true),
        "it" => {
            let closing = e
                .attributes()
                .flatten()
                .any(|a| a.key.as_ref() == "pos" && matches!(a.value.as_ref(), "end" | "close"));
            Inline::Code(closing)
        }
        "sm" | "em" => Inline::Marker,
        "cp" => Inline::CodePoint,
        _ => Inline::Wrap,
    }
}

impl<'a> Xml<'a> {
    pub(crate) fn new(path: &'a Path, text: &'a str) -> Self {
        Self::piece(path, text, 1, 1)
    }

    /// Read `text`, a piece of `path` that starts at `line`:`column` of it (positions and
    /// errors name the file's lines and columns).
    pub(crate) fn piece(path: &'a Path, text: &'a str, line: usize, column: usize) -> Self {
        let mut reader = Reader::from_str(text);
        configure(&mut reader);
        Xml {
            reader,
            loc: Locator::piece(text, line, column),
            path,
        }
    }

    /// The byte after the last event read.
    pub(crate) fn position(&self) -> usize {
        self.reader.buffer_position() as usize
    }

    /// 1-based (line, column) of byte `byte` of the file.
    pub(crate) fn line_column(&self, byte: usize) -> (usize, usize) {
        self.loc.at(byte)
    }

    /// A format error at byte `byte` of the file.
    pub(crate) fn error(&self, byte: usize, message: impl std::fmt::Display) -> MtError {
        let (line, column) = self.loc.at(byte);
        format_error(self.path, line, column, message)
    }

    /// The next event and the byte where it starts.
    pub(crate) fn next(&mut self) -> Result<(usize, Event<'a>)> {
        let start = self.reader.buffer_position() as usize;
        match self.reader.read_event() {
            Ok(e) => Ok((start, e)),
            Err(e) => Err(self.error(
                self.reader.error_position() as usize,
                format!("malformed XML: {e}"),
            )),
        }
    }

    /// The next start or empty tag (`true` for empty), skipping text, comments and end tags;
    /// `None` at the end of the file.
    pub(crate) fn next_element(&mut self) -> Result<Option<(usize, BytesStart<'a>, bool)>> {
        loop {
            match self.next()? {
                (at, Event::Start(e)) => return Ok(Some((at, e, false))),
                (at, Event::Empty(e)) => return Ok(Some((at, e, true))),
                (_, Event::Eof) => return Ok(None),
                _ => {}
            }
        }
    }

    /// Read the root element, which must be `<name>` (`format` names the file type in the
    /// error: "not a TMX file: …").
    pub(crate) fn root(&mut self, name: &str, format: &str) -> Result<(usize, BytesStart<'a>)> {
        match self.next_element()? {
            None => Err(self.error(0, format!("not {format} file: no <{name}> element"))),
            Some((at, e, _)) => {
                let found = local_name(&e);
                if found == name {
                    Ok((at, e))
                } else {
                    Err(self.error(
                        at,
                        format!("not {format} file: the root element is <{found}>, not <{name}>"),
                    ))
                }
            }
        }
    }

    /// Skip the rest of an element whose start tag was just read.
    pub(crate) fn skip(&mut self, e: &BytesStart) -> Result<()> {
        let at = self.reader.buffer_position() as usize;
        match self.reader.read_to_end(e.name()) {
            Ok(_) => Ok(()),
            Err(err) => Err(self.error(
                self.reader.error_position().max(at as u64) as usize,
                format!("malformed XML: {err}"),
            )),
        }
    }

    /// An attribute's value (predefined entities resolved), by its full name (`xml:lang`).
    pub(crate) fn attr(&self, e: &BytesStart, at: usize, name: &str) -> Result<Option<String>> {
        for a in e.attributes() {
            let a = a.map_err(|err| self.error(at, format!("malformed XML attribute: {err}")))?;
            if a.key.as_ref() == name {
                let value = a
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|err| self.error(at, format!("attribute {name}: {err}")))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    /// The char an entity or character reference stands for.
    pub(crate) fn reference(&self, r: &BytesRef, at: usize) -> Result<char> {
        match r.resolve_char_ref() {
            Ok(Some(c)) => return Ok(c),
            Ok(None) => {}
            Err(err) => return Err(self.error(at, format!("bad character reference: {err}"))),
        }
        let name: &str = r;
        match quick_xml::escape::resolve_predefined_entity(name).and_then(|s| s.chars().next()) {
            Some(c) => Ok(c),
            None => Err(self.error(
                at,
                format!(
                    "unknown entity &{name}; (mtlint resolves only the predefined XML entities and character references, never entities declared in a DTD)"
                ),
            )),
        }
    }

    fn unexpected_eof(&self, what: &str) -> MtError {
        self.error(
            self.reader.buffer_position() as usize,
            format!("unexpected end of file inside <{what}>"),
        )
    }

    /// The text of an element (notes): text, CDATA and references of it and its children.
    pub(crate) fn plain_text(&mut self, what: &str) -> Result<String> {
        let mut out = String::new();
        let mut depth = 0usize;
        loop {
            let (at, ev) = self.next()?;
            match ev {
                Event::Text(t) => out.push_str(&t.xml10_content()),
                Event::CData(t) => out.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => out.push(self.reference(&r, at)?),
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    if depth == 0 {
                        return Ok(out);
                    }
                    depth -= 1;
                }
                Event::Eof => return Err(self.unexpected_eof(what)),
                _ => {}
            }
        }
    }

    /// The inline content of a segment element (`<source>`, `<target>`, `<seg>`) whose start
    /// tag was just read, up to its end tag; see the module documentation for the rules.
    pub(crate) fn inline(&mut self, what: &str) -> Result<UnitText> {
        let mut unit = UnitText::default();
        // An empty element (`<target></target>`) still has a place: where its content starts.
        let (line, column) = self.loc.at(self.reader.buffer_position() as usize);
        unit.mark(line, column);
        let mut depth = 0usize;
        let mut codes = 0usize;
        loop {
            let (at, ev) = self.next()?;
            match ev {
                Event::Text(t) => {
                    let (line, column) = self.loc.at(at);
                    unit.push(&t.xml10_content(), line, column);
                }
                Event::CData(t) => {
                    let (line, column) = self.loc.at(at + "<![CDATA[".len());
                    unit.push(&t.xml10_content(), line, column);
                }
                Event::GeneralRef(r) => {
                    let c = self.reference(&r, at)?;
                    let (line, column) = self.loc.at(at);
                    unit.push(c.encode_utf8(&mut [0; 4]), line, column);
                }
                Event::Start(e) => match inline_kind(e.local_name().as_ref(), &e) {
                    Inline::Code(closing) => {
                        codes += 1;
                        self.placeholder(&mut unit, &e, at, closing, codes)?;
                        self.skip(&e)?;
                    }
                    Inline::Marker | Inline::CodePoint => self.skip(&e)?,
                    Inline::Wrap => depth += 1,
                },
                Event::Empty(e) => match inline_kind(e.local_name().as_ref(), &e) {
                    Inline::Code(closing) => {
                        codes += 1;
                        self.placeholder(&mut unit, &e, at, closing, codes)?;
                    }
                    Inline::CodePoint => {
                        let hex = self.attr(&e, at, "hex")?.unwrap_or_default();
                        let c = u32::from_str_radix(hex.trim(), 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| {
                                self.error(at, format!("<cp hex=\"{hex}\"/> is not a code point"))
                            })?;
                        let (line, column) = self.loc.at(at);
                        unit.push(c.encode_utf8(&mut [0; 4]), line, column);
                    }
                    Inline::Marker | Inline::Wrap => {}
                },
                Event::End(_) => {
                    if depth == 0 {
                        return Ok(unit);
                    }
                    depth -= 1;
                }
                Event::Eof => return Err(self.unexpected_eof(what)),
                _ => {}
            }
        }
    }

    fn placeholder(
        &self,
        unit: &mut UnitText,
        e: &BytesStart,
        at: usize,
        closing: bool,
        number: usize,
    ) -> Result<()> {
        let mut id: Option<String> = None;
        for key in ["startRef", "rid", "i", "id", "x"] {
            if let Some(v) = self.attr(e, at, key)? {
                id = Some(v);
                break;
            }
        }
        let id = match id {
            Some(v)
                if !v.is_empty()
                    && v.len() <= 16
                    && v.chars().all(|c| c.is_alphanumeric() || "-_.:".contains(c)) =>
            {
                v
            }
            _ => number.to_string(),
        };
        let text = if closing {
            format!("{{/{id}}}")
        } else {
            format!("{{{id}}}")
        };
        let (line, column) = self.loc.at(at);
        unit.push(&text, line, column);
        Ok(())
    }
}

/// How mtlint reads XML: end tags must match, empty elements stay `Empty`, text untrimmed.
pub(crate) fn configure<R>(reader: &mut Reader<R>) {
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
}

/// The local name of an element (without namespace prefix).
pub(crate) fn local_name(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}
