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

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::read::{Element, Stream};
use super::xml::{Xml, configure, local_name};
use super::{DocBuilder, UnitText, parse_ignore_directive};
use crate::error::Result;
use crate::model::Document;

/// Read a TMX file.
///
/// Read piece by piece when it can be (see [`stream`]): a large memory is never held whole,
/// only the documents made of it. A file that cannot be, or is malformed, is read whole and
/// parsed by [`parse`], which decodes it or names the problem (file, line, column).
pub fn read(path: &Path) -> Result<Vec<Document>> {
    if let Some(docs) = stream(path) {
        return Ok(docs);
    }
    let text = super::read_bilingual_text(path)?;
    parse(path, &text)
}

/// Read a TMX file one `<tu>` at a time: the elements around the units are read from a
/// [`Stream`]; the end of each `<tu>` is found by a byte scan ([`Stream::skip_to_end_tag`]),
/// and the `<tu>` is parsed as a piece of the file by the same code as [`parse`] (same
/// units, same file positions), which must end exactly at that end tag.
/// `None` when the file is not one [`Stream`] reads the way [`read_xml`] would decode it
/// (then [`parse`] reads it), or on any error (then [`parse`] reports it exactly).
///
/// [`read_xml`]: super::read::read_xml
fn stream(path: &Path) -> Option<Vec<Document>> {
    let mut r = Reader::from_reader(Stream::open(path)?);
    configure(&mut r);
    let mut buf = Vec::new();
    let mut skip = Vec::new();
    let mut srclang: Option<String> = None;
    let mut docs: Vec<(String, String, DocBuilder)> = Vec::new();
    // The last plain unit's buffers, for the next (see `plain_tu`).
    let mut scratch = Scratch::default();
    let mut root = false;
    // The reader's last event was text: it then knows the next markup starts here.
    let mut text = false;
    loop {
        r.get_mut().start();
        if root && !text {
            // A <tu> by a byte scan: the reader never sees it (its state stays as it is).
            match r.get_mut().element(b"tu").ok()? {
                Element::Whole => {
                    let at = r.get_ref().at();
                    let piece = r.get_mut().piece()?;
                    if let Some(end) =
                        add_piece(path, piece, at, srclang.as_deref(), &mut docs, &mut scratch)?
                    {
                        r.get_mut().start_after(end);
                    }
                    continue;
                }
                Element::Empty => continue,
                Element::Eof => return None,
                Element::Other => {}
            }
        }
        buf.clear();
        let event = r.read_event_into(&mut buf).ok()?;
        text = matches!(event, Event::Text(_));
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::Eof => break,
            _ => continue,
        };
        let name = e.local_name();
        let name = name.as_ref();
        if !root {
            // As `Xml::root`: the first element must be <tmx>.
            if name != "tmx" {
                return None;
            }
            root = true;
            continue;
        }
        let tu = name == "tu";
        let header = name == "header";
        if name == "body" || (empty && !header) {
            continue;
        }
        if tu {
            // The content by a byte scan; the end tag by the reader (which checks it).
            if !r
                .get_mut()
                .skip_to_end_tag(e.name().as_ref().as_bytes())
                .ok()?
            {
                return None;
            }
            skip.clear();
            match r.read_event_into(&mut skip).ok()? {
                Event::End(_) => {}
                _ => return None,
            }
        } else if !empty {
            skip.clear();
            r.read_to_end_into(e.name(), &mut skip).ok()?;
            if !header {
                continue;
            }
        }
        // The element as it stands in the file, read like a file of its own.
        let at = r.get_ref().at();
        let piece = r.get_mut().piece()?;
        if tu {
            add_piece(path, piece, at, srclang.as_deref(), &mut docs, &mut scratch)?;
        } else {
            let (line, column) = at;
            let mut x = Xml::piece(path, piece, line, column);
            let (at, e, _) = x.next_element().ok()??;
            srclang = header_srclang(&x, &e, at).ok()?;
        }
    }
    r.get_mut().start();
    (root && r.get_ref().clean()).then(|| finish(path, docs))
}

/// Parse `piece`, a whole `<tu>` element that starts at `line`:`column` of the file, and
/// add it to the documents; `None` when it is not exactly one well-formed `<tu>`. A plain
/// unit ([`plain_tu`]) gives the file position right after it (`Some(Some(..))`): its bytes
/// are then counted already.
fn add_piece(
    path: &Path,
    piece: &str,
    (line, column): (usize, usize),
    srclang: Option<&str>,
    docs: &mut Vec<(String, String, DocBuilder)>,
    scratch: &mut Scratch,
) -> Option<Option<(usize, usize)>> {
    // Most units are plain (`plain_tu`): read without the XML parser.
    if let Some(end) = plain_tu(piece, line, column, scratch) {
        add_tu(path, srclang, &scratch.tu, docs);
        return Some(Some(end));
    }
    let mut x = Xml::piece(path, piece, line, column);
    let (at, e, _) = x.next_element().ok()??;
    let unit = tu(&mut x, &e, at).ok()?;
    if x.position() != piece.len() {
        // The scan stopped at an end tag the parser does not see as this one's.
        return None;
    }
    add_tu(path, srclang, &unit, docs);
    Some(None)
}

/// What [`plain_tu`] reads a unit into, kept from unit to unit: the strings and vectors of a
/// memory's units are allocated once, not per unit.
#[derive(Debug, Default)]
struct Scratch {
    tu: Tu,
}

/// File positions of the bytes of a piece, asked in increasing order ([`plain_tu`]): each
/// counted on from the last one (lines by `memchr`, chars 64 bytes at a time), so a unit's
/// bytes are looked at once, and only up to its last text; what [`super::Locator`] answers.
struct Walk {
    /// The last byte asked for, and its line and column.
    byte: usize,
    line: usize,
    column: usize,
}

impl Walk {
    fn new(line: usize, column: usize) -> Self {
        Walk {
            byte: 0,
            line,
            column,
        }
    }

    /// The file position of byte `byte` of `b` (not before the last one asked for).
    fn at(&mut self, b: &[u8], byte: usize) -> (usize, usize) {
        let byte = byte.min(b.len());
        if byte > self.byte
            && let Some(step) = b.get(self.byte..byte)
        {
            (self.line, self.column) = if step.len() < 32 {
                // (a short step byte by byte, without the set-up of `memchr`)
                step.iter()
                    .fold((self.line, self.column), |(line, column), &c| match c {
                        b'\n' => (line + 1, 1),
                        // (a char per byte that is no UTF-8 continuation byte)
                        _ => (line, column + usize::from((c as i8) >= -0x40)),
                    })
            } else {
                super::read::advance(step, self.line, self.column)
            };
            self.byte = byte;
        }
        (self.line, self.column)
    }
}

/// A `<tu>` element (`piece`, starting at `line`:`column` of the file) read by a byte scan
/// when it has the plain shape of nearly every unit of a memory, with exactly the [`Tu`] that
/// [`tu`] gives for it; `None` for anything else, which the XML parser then reads (and
/// judges). Plain means:
/// - `<tu>`, then `<tuv>` elements, then `</tu>`, with only white space between them
///   (`\t`, `\n`, `\r`, space), and inside each `<tuv>` one `<seg>` and nothing else;
/// - attributes written `name="value"` or `name='value'` after white space, no name twice,
///   a value without `&`, `<` or white space other than spaces (the parser would normalise
///   or resolve those);
/// - segment text without markup (`<`), carriage returns (which XML turns into `\n`) or
///   references other than the five predefined entities.
///
/// One parser-free path costs a tenth of the events, attribute iterators and per-event
/// positions of the parser's; the equivalence is tested on generated units of every shape
/// (`plain_tu_reads_as_the_parser`). Gives the file position right after the unit.
fn plain_tu(
    piece: &str,
    line: usize,
    column: usize,
    scratch: &mut Scratch,
) -> Option<(usize, usize)> {
    let b = piece.as_bytes();
    let mut i = 0;
    let [id, _] = plain_start(b, &mut i, b"tu", ["tuid", ""])?;
    let mut walk = Walk::new(line, column);
    let tu = &mut scratch.tu;
    let read = (|| {
        let mut n = 0;
        loop {
            skip_space(b, &mut i);
            if b[i..].starts_with(b"</tu>") {
                i += "</tu>".len();
                break;
            }
            let [xml_lang, lang] = plain_start(b, &mut i, b"tuv", ["xml:lang", "lang"])?;
            let lang = xml_lang.or(lang)?;
            skip_space(b, &mut i);
            if !b[i..].starts_with(b"<seg>") {
                return None;
            }
            i += "<seg>".len();
            if n == tu.tuvs.len() {
                tu.tuvs.push(Default::default());
            }
            let (tag, seg) = &mut tu.tuvs[n];
            n += 1;
            tag.clear();
            tag.push_str(lang);
            seg.clear();
            let (l, c) = walk.at(b, i);
            seg.mark(l, c);
            let end = i + memchr::memchr(b'<', &b[i..])?;
            plain_text(piece, i..end, &mut walk, seg)?;
            i = end;
            for tag in [&b"</seg>"[..], b"</tuv>"] {
                skip_space(b, &mut i);
                if !b[i..].starts_with(tag) {
                    return None;
                }
                i += tag.len();
            }
        }
        Some(n)
    })();
    let n = read.filter(|_| i == b.len())?;
    tu.tuvs.truncate(n);
    match (id, &mut tu.id) {
        (Some(v), Some(old)) => {
            old.clear();
            old.push_str(v);
        }
        (v, old) => *old = v.map(str::to_string),
    }
    tu.ignore.clear();
    Some(walk.at(b, b.len()))
}

/// Skip `\t`, `\n`, `\r` and spaces.
fn skip_space(b: &[u8], i: &mut usize) {
    while b
        .get(*i)
        .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
    {
        *i += 1;
    }
}

/// A plain start tag `<name …>` at `b[*i..]` ([`plain_tu`]): moves past it and gives the
/// values of the two `wanted` attributes. `None` when the tag is not plain.
fn plain_start<'a>(
    b: &'a [u8],
    i: &mut usize,
    name: &[u8],
    wanted: [&str; 2],
) -> Option<[Option<&'a str>; 2]> {
    let rest = b.get(*i..)?.strip_prefix(b"<")?.strip_prefix(name)?;
    let mut j = *i + 1 + name.len();
    let mut found = [None, None];
    // the attribute names seen, to leave a name written twice to the parser
    let mut seen: [&[u8]; 8] = [&[]; 8];
    let mut count = 0;
    if !matches!(rest.first(), Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
        return None;
    }
    loop {
        let before = j;
        skip_space(b, &mut j);
        if b.get(j) == Some(&b'>') {
            *i = j + 1;
            return Some(found);
        }
        if j == before {
            return None;
        }
        let start = j;
        while b
            .get(j)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b':' | b'.' | b'-'))
        {
            j += 1;
        }
        let key = &b[start..j];
        if key.is_empty() || b.get(j) != Some(&b'=') || count == seen.len() {
            return None;
        }
        if seen[..count].contains(&key) {
            return None;
        }
        seen[count] = key;
        count += 1;
        let quote = *b.get(j + 1)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let v0 = j + 2;
        // (values are short: a plain search, without the set-up of `memchr`)
        let len = b.get(v0..)?.iter().position(|&c| c == quote)?;
        let value = &b[v0..v0 + len];
        if value
            .iter()
            .any(|c| matches!(c, b'&' | b'<' | b'\t' | b'\n' | b'\r'))
        {
            return None;
        }
        j = v0 + len + 1;
        for (slot, w) in found.iter_mut().zip(wanted) {
            if !w.is_empty() && key == w.as_bytes() {
                *slot = Some(std::str::from_utf8(value).ok()?);
            }
        }
    }
}

/// Add segment text `piece[range]` to `seg` as the parser's events would: a run of text or
/// one predefined entity per piece, each with its file position. `None` for a carriage
/// return or any other reference.
fn plain_text(
    piece: &str,
    range: std::ops::Range<usize>,
    walk: &mut Walk,
    seg: &mut UnitText,
) -> Option<()> {
    let at = range.start;
    let text = piece.get(range)?;
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        return None;
    }
    let b = piece.as_bytes();
    let mut k = 0;
    while k < text.len() {
        let amp = memchr::memchr(b'&', &text.as_bytes()[k..]).map_or(text.len(), |a| k + a);
        if amp > k {
            let (l, c) = walk.at(b, at + k);
            seg.push(&text[k..amp], l, c);
        }
        if amp == text.len() {
            break;
        }
        let semi = amp + memchr::memchr(b';', &text.as_bytes()[amp..])?;
        // (the parser's own table of the five: `Xml::reference`)
        let c = quick_xml::escape::resolve_predefined_entity(&text[amp + 1..semi])?;
        let (l, col) = walk.at(b, at + amp);
        seg.push(c, l, col);
        k = semi + 1;
    }
    Some(())
}

/// The `srclang` of a `<header>`, unless `*all*` or blank.
fn header_srclang(x: &Xml, e: &BytesStart, at: usize) -> Result<Option<String>> {
    Ok(x.attr(e, at, "srclang")?
        .filter(|l| !l.trim().is_empty() && !l.eq_ignore_ascii_case("*all*"))
        .map(|l| l.to_ascii_lowercase()))
}

#[derive(Debug, Default, PartialEq)]
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
                srclang = header_srclang(&x, &e, at)?;
                if !empty {
                    x.skip(&e)?;
                }
            }
            "body" => {}
            "tu" if !empty => {
                let tu = tu(&mut x, &e, at)?;
                add_tu(path, srclang.as_deref(), &tu, &mut docs);
            }
            _ if !empty => x.skip(&e)?,
            _ => {}
        }
    }
    Ok(finish(path, docs))
}

/// The documents of the builders, one per target language.
fn finish(path: &Path, docs: Vec<(String, String, DocBuilder)>) -> Vec<Document> {
    let many = docs.len() > 1;
    docs.into_iter()
        .map(|(_, lang, b)| {
            let id = if many {
                format!("{}#{lang}", path.display())
            } else {
                path.display().to_string()
            };
            b.finish(id)
        })
        .collect()
}

/// Add a `<tu>` to the document of each of its target languages.
fn add_tu(
    path: &Path,
    srclang: Option<&str>,
    tu: &Tu,
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
            // (element names compared in place: no String per element)
            Event::Start(c) => match c.local_name().as_ref() {
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
                            Event::Start(s) => match s.local_name().as_ref() {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The parser's reading of a `<tu>` piece, as `add_piece` takes it.
    fn parsed(piece: &str) -> Option<Tu> {
        let path = Path::new("m.tmx");
        let mut x = Xml::piece(path, piece, 3, 5);
        let (at, e, _) = x.next_element().ok()??;
        let unit = tu(&mut x, &e, at).ok()?;
        (x.position() == piece.len()).then_some(unit)
    }

    /// Units assembled from plain and unusual parts (attributes, white space, references,
    /// markup, notes, carriage returns): wherever `plain_tu` reads one, the parser reads the
    /// same `Tu` (texts, file positions, ids, languages); and it does read the plain ones.
    #[test]
    fn plain_tu_reads_as_the_parser() {
        let mut scratch = Scratch::default();
        // (plain parts repeated: most generated units must be plain for the test to bite)
        const TU: &[&str] = &[
            "<tu>",
            "<tu>",
            "<tu tuid=\"9\">",
            "<tu tuid=\"a1\">",
            "<tu tuid='x y'>",
            "<tu\n  tuid=\"7\" creationid=\"me\">",
            "<tu tuid=\"1\" tuid=\"2\">",
            "<tu creationid=\"a\" creationid=\"b\" tuid=\"3\">",
            "<tu tuid=\"a&amp;b\">",
            "<tu tuid=\"a\tb\">",
            "<tu  tuid = \"1\">",
            "<tu tuid=\"1\"x=\"2\">",
            "<tu tuid=\"ä\">",
            "<tux>",
        ];
        const TUV: &[&str] = &[
            "<tuv xml:lang=\"en\">",
            "<tuv xml:lang=\"en\">",
            "<tuv xml:lang=\"de\">",
            "<tuv xml:lang=\"de-DE\">",
            "<tuv lang=\"de\">",
            "<tuv xml:lang=\"de\" lang=\"en\">",
            "<tuv lang=\"en\" xml:lang=\"de\">",
            "<tuv>",
            "<tuv xml:lang='fr'>",
            "<tuv xml:lang=\"en\" xml:lang=\"de\">",
            "<tuv xml:lang=\"en\"/>",
        ];
        const SPACE: &[&str] = &["", "", "", " ", "\n  ", "\r\n", "\t", "x"];
        const SEG: &[&str] = &[
            "<seg>",
            "<seg>",
            "<seg>",
            "<seg>",
            "<seg>",
            "<seg >",
            "<seg a=\"1\">",
            "<seg/>",
        ];
        const END_SEG: &[&str] = &["</seg>", "</seg>", "</seg>", "</seg >", "</seg></tuv><tuv>"];
        const AFTER_SEG: &[&str] = &["", "", "", " ", "<note>n</note>", "<seg>b</seg>"];
        const END: &[&str] = &["</tu>", "</tu>", "</tu>", "</tu >", "</tu>x", "</tuv>"];
        // one char of the generated texts picks a fragment of segment text
        const TEXT: &[&str] = &[
            "ab",
            "Ölz ",
            " ",
            "&amp;",
            "&lt;",
            "&gt;",
            "&quot;",
            "&apos;",
            "&#228;",
            "&#xE4;",
            "&bogus;",
            "&",
            "&amp",
            "\r",
            "\n",
            "\n  ",
            "ä",
            "€",
            ">",
            "<b/>",
            "<bpt i=\"1\">x</bpt>",
            "]]>",
            "<!-- c -->",
            "'",
            "\"",
        ];
        let letters = "abcdefghijklmnopqrstuvwxy";
        let picks = crate::checks::tokens::tests::random_texts(letters, 11, 40, 20_000);
        let (mut plain, mut total) = (0, 0);
        for p in &picks {
            let ix: Vec<usize> = p.chars().map(|c| letters.find(c).unwrap_or(0)).collect();
            let (tuvs, texts) = (1 + ix.len() % 3, ix.len() % 6);
            let mut at = 0;
            let mut next = |list: &[&'static str]| {
                at += 1;
                list[ix.get(at - 1).copied().unwrap_or(0) % list.len()]
            };
            let mut piece = String::from(next(TU));
            for _ in 0..tuvs {
                piece.push_str(next(SPACE));
                piece.push_str(next(TUV));
                piece.push_str(next(SPACE));
                piece.push_str(next(SEG));
                for _ in 0..texts {
                    piece.push_str(next(TEXT));
                }
                piece.push_str(next(END_SEG));
                piece.push_str(next(AFTER_SEG));
                piece.push_str(next(SPACE));
                piece.push_str("</tuv>");
            }
            piece.push_str(next(SPACE));
            piece.push_str(next(END));
            total += 1;
            // (one scratch for all: what a unit leaves in it must not show in the next)
            if let Some(end) = plain_tu(&piece, 3, 5, &mut scratch) {
                plain += 1;
                // (the position after it, which the stream then takes as counted)
                assert_eq!(end, crate::formats::read::advance(piece.as_bytes(), 3, 5));
                assert_eq!(Some(&scratch.tu), parsed(&piece).as_ref(), "{piece:?}");
            }
        }
        // (the plain path must be the common one, or the test proves nothing)
        assert!(plain * 30 >= total, "only {plain} of {total} read plain");
        for piece in [
            "<tu><tuv xml:lang=\"en\"><seg>Tom &amp; Jerry</seg></tuv><tuv xml:lang=\"de\"><seg>Tom &amp; Jerry „rennen“.</seg></tuv></tu>",
            "<tu tuid=\"ä2\">\n  <tuv xml:lang=\"en-US\">\n    <seg>  Press\nnow. </seg>\n  </tuv>\n</tu>",
            "<tu><tuv xml:lang=\"en\"><seg></seg></tuv></tu>",
        ] {
            let fast = plain_tu(piece, 1, 1, &mut scratch).map(|_| &scratch.tu);
            assert!(fast.is_some(), "{piece:?}");
            let path = Path::new("m.tmx");
            let mut x = Xml::piece(path, piece, 1, 1);
            let (at, e, _) = x.next_element().unwrap().unwrap();
            assert_eq!(fast, Some(&tu(&mut x, &e, at).unwrap()), "{piece:?}");
        }
    }

    /// What `read` gave before it streamed: the file read whole, then parsed.
    fn whole(path: &Path) -> Result<Vec<Document>> {
        parse(path, &crate::formats::read_bilingual_text(path)?)
    }

    fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    const MEMORY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a memory -->
<tmx version="1.4">
<header srclang="en-US" o-tmf="x"><note>größer</note><prop type="x">y</prop></header>
<body>
<tu tuid="t1"><tuv xml:lang="en-US"><seg>Tom &amp; Jerry &quot;run&quot;.</seg></tuv><tuv xml:lang="de-DE"><seg>Tom &amp; Jerry „rennen“.</seg></tuv></tu>
<tu tuid="ä2">
  <note>mtlint: ignore MT012</note>
  <tuv xml:lang="en-US">
    <seg>  Press <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>
now. </seg>
  </tuv>
  <tuv xml:lang="de-DE"><seg><![CDATA[Drücken Sie
<Speichern>]]> jetzt.</seg></tuv>
  <tuv xml:lang="fr"><seg>Appuyez maintenant.</seg></tuv>
</tu><tu><tuv xml:lang="en-US"><seg>Übrig on one line.</seg></tuv><tuv xml:lang="de-DE"><seg>Ümlaut <ph x="3"/> hier &#228;.</seg></tuv></tu>
<skipped><tu><tuv xml:lang="en-US"><seg>Never read.</seg></tuv><tuv xml:lang="de-DE"><seg>Nie.</seg></tuv></tu></skipped>
<tu/>
<tu><tuv xml:lang="en-US"><seg>Untranslated.</seg></tuv><tuv xml:lang="de-DE"><seg></seg></tuv></tu>
</body>
</tmx>
"#;

    #[test]
    fn streamed_memory_equals_the_memory_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        // An empty <header/> names the source language as well.
        let empty_header = MEMORY.replace(
            "<header srclang=\"en-US\" o-tmf=\"x\"><note>größer</note><prop type=\"x\">y</prop></header>",
            "<header srclang=\"de-DE\"/>",
        );
        let path = file(&dir, "e.tmx", empty_header.as_bytes());
        let streamed = stream(&path).expect("streamed");
        assert_eq!(streamed[0].source.lang.as_deref(), Some("de-DE"));
        assert_eq!(
            format!("{streamed:?}"),
            format!("{:?}", whole(&path).unwrap())
        );
        let path = file(&dir, "m.tmx", MEMORY.as_bytes());
        let streamed = stream(&path).expect("a clean UTF-8 memory is streamed");
        let expected = whole(&path).unwrap();
        assert_eq!(streamed.len(), 2, "one document per target language");
        assert_eq!(format!("{streamed:?}"), format!("{expected:?}"));
        assert_eq!(
            format!("{:?}", read(&path).unwrap()),
            format!("{expected:?}")
        );
    }

    /// `MEMORY` with a `</tu>` where it is no end tag: in a comment, a CDATA section and a
    /// processing instruction inside a `<tu>`.
    fn with_literal_end_tags() -> String {
        MEMORY
            .replace(
                "<tu tuid=\"t1\">",
                "<tu tuid=\"t1\"><!-- </tu> --><?pi </tu>?><!---->",
            )
            .replace("<![CDATA[Drücken Sie", "<![CDATA[Drücken </tu> Sie")
            .replace("<note>mtlint", "<!-- a </tu>\n</tu > -->\n  <note>mtlint")
    }

    #[test]
    fn end_tags_in_comments_and_cdata_are_not_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let text = with_literal_end_tags();
        let path = file(&dir, "m.tmx", text.as_bytes());
        let streamed = stream(&path).expect("a clean UTF-8 memory is streamed");
        let expected = whole(&path).unwrap();
        assert_eq!(format!("{streamed:?}"), format!("{expected:?}"));
        assert!(
            format!("{streamed:?}").contains("Drücken </tu> Sie"),
            "{streamed:?}"
        );
    }

    #[test]
    fn units_cut_at_any_read_boundary_are_read_as_whole() {
        // Units of every length from 1 to 300 chars, so that the 64 KiB reads end in every
        // part of a unit: in its tags, in a comment, in a CDATA section, in `</tu>`.
        let mut text = String::from("<tmx><header srclang=\"en\"/><body>\n");
        for i in 0..1500 {
            let word = "äb".repeat(i % 150 + 1);
            text.push_str(&format!(
                "<tu tuid=\"{i}\"><!-- {} </tu> --><tuv xml:lang=\"en\"><seg>{word} {i}</seg></tuv>\
                 <tuv xml:lang=\"de\"><seg><![CDATA[{}</tu>]]>{word}</seg></tuv></tu >{}",
                "-".repeat(i % 7),
                "x".repeat(i % 13),
                if i % 3 == 0 { "\n" } else { "" }
            ));
        }
        text.push_str("</body></tmx>\n");
        assert!(text.len() > 4 << 16);
        let dir = tempfile::tempdir().unwrap();
        let path = file(&dir, "big.tmx", text.as_bytes());
        let streamed = stream(&path).expect("streamed");
        let expected = whole(&path).unwrap();
        assert_eq!(expected[0].source.blocks.len(), 1500);
        assert_eq!(format!("{streamed:?}"), format!("{expected:?}"));
    }

    #[test]
    fn what_the_scan_misreads_is_read_whole() {
        // An end tag in an attribute value, a nested <tu>, a prefixed <tu>: the scan's cut
        // is not the element, and the memory is read whole, with the same result.
        let dir = tempfile::tempdir().unwrap();
        for (i, text) in [
            MEMORY.replace("<tuv xml:lang=\"fr\">", "<tuv xml:lang=\"fr\" a=\"</tu>\">"),
            MEMORY.replace("<tu/>", "<tu><tu tuid=\"x\"></tu></tu>"),
            MEMORY.replace("<tu>", "<t:tu>").replace("</tu>", "</t:tu>"),
            MEMORY.replace("</tuv></tu>", "</tuv></tu\n>"),
            MEMORY.replace("</tuv></tu>", "</tuv></tux>"),
        ]
        .iter()
        .enumerate()
        {
            let path = file(&dir, &format!("s{i}.tmx"), text.as_bytes());
            let got = read(&path).map(|d| format!("{d:?}"));
            let expected = whole(&path).map(|d| format!("{d:?}"));
            match (&got, &expected) {
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "case {i}"),
                _ => assert_eq!(got.as_ref().ok(), expected.as_ref().ok(), "case {i}"),
            }
        }
    }

    #[test]
    fn what_decoding_changes_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let crlf = MEMORY.replace('\n', "\r\n");
        let bom = format!("\u{FEFF}{MEMORY}");
        let latin1 = MEMORY
            .replace("UTF-8", "ISO-8859-1")
            .replace(['ü', 'ä', 'ö', 'ß', 'Ü', 'Ö', '„', '“'], "e")
            .into_bytes()
            .into_iter()
            .map(|b| if b == b'J' { 0xE9 } else { b })
            .collect::<Vec<u8>>();
        for (name, bytes) in [
            ("crlf.tmx", crlf.into_bytes()),
            ("bom.tmx", bom.into_bytes()),
            ("latin1.tmx", latin1),
        ] {
            let path = file(&dir, name, &bytes);
            assert!(stream(&path).is_none(), "{name} must be read whole");
            let expected = whole(&path).unwrap();
            assert_eq!(
                format!("{:?}", read(&path).unwrap()),
                format!("{expected:?}")
            );
        }
    }

    #[test]
    fn errors_are_those_of_the_memory_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let broken = [
            MEMORY.replace("</tuv></tu>\n<tu tuid", "</tuv>\n<tu tuid"),
            MEMORY.replace("<tuv xml:lang=\"fr\">", "<tuv>"),
            MEMORY.replace("&#228;", "&auml;"),
            MEMORY.replace("</tmx>", ""),
            MEMORY.replace("<tmx version=\"1.4\">", "<xliff>"),
            MEMORY.replace("Jerry", "Jerry\u{0}"),
            MEMORY.replace("Never read.", "Never <read."),
            String::new(),
            "   ".to_string(),
        ];
        for (i, text) in broken.iter().enumerate() {
            let path = file(&dir, &format!("b{i}.tmx"), text.as_bytes());
            let got = read(&path).map(|d| format!("{d:?}"));
            let expected = whole(&path).map(|d| format!("{d:?}"));
            match (&got, &expected) {
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "case {i}"),
                _ => assert_eq!(got.is_ok(), expected.is_ok(), "case {i}: {got:?}"),
            }
        }
        let mut bytes = MEMORY.as_bytes().to_vec();
        let at = MEMORY.find("Never").unwrap();
        bytes[at] = 0xFF;
        let path = file(&dir, "utf8.tmx", &bytes);
        assert!(stream(&path).is_none());
        assert_eq!(
            read(&path).unwrap_err().to_string(),
            whole(&path).unwrap_err().to_string()
        );
    }
}
