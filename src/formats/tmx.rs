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
    let mut root = false;
    // The reader's last event was text: it then knows the next markup starts here.
    let mut text = false;
    loop {
        r.get_mut().start();
        if root && !text {
            // A <tu> by a byte scan: the reader never sees it (its state stays as it is).
            match r.get_mut().element(b"tu").ok()? {
                Element::Whole => {
                    let (line, column) = r.get_ref().at();
                    let piece = r.get_mut().piece()?;
                    add_piece(path, piece, line, column, srclang.as_deref(), &mut docs)?;
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
        let (line, column) = r.get_ref().at();
        let piece = r.get_mut().piece()?;
        if tu {
            add_piece(path, piece, line, column, srclang.as_deref(), &mut docs)?;
        } else {
            let mut x = Xml::piece(path, piece, line, column);
            let (at, e, _) = x.next_element().ok()??;
            srclang = header_srclang(&x, &e, at).ok()?;
        }
    }
    r.get_mut().start();
    (root && r.get_ref().clean()).then(|| finish(path, docs))
}

/// Parse `piece`, a whole `<tu>` element that starts at `line`:`column` of the file, and
/// add it to the documents; `None` when it is not exactly one well-formed `<tu>`.
fn add_piece(
    path: &Path,
    piece: &str,
    line: usize,
    column: usize,
    srclang: Option<&str>,
    docs: &mut Vec<(String, String, DocBuilder)>,
) -> Option<()> {
    let mut x = Xml::piece(path, piece, line, column);
    let (at, e, _) = x.next_element().ok()??;
    let unit = tu(&mut x, &e, at).ok()?;
    if x.position() != piece.len() {
        // The scan stopped at an end tag the parser does not see as this one's.
        return None;
    }
    add_tu(path, srclang, unit, docs);
    Some(())
}

/// The `srclang` of a `<header>`, unless `*all*` or blank.
fn header_srclang(x: &Xml, e: &BytesStart, at: usize) -> Result<Option<String>> {
    Ok(x.attr(e, at, "srclang")?
        .filter(|l| !l.trim().is_empty() && !l.eq_ignore_ascii_case("*all*"))
        .map(|l| l.to_ascii_lowercase()))
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
                srclang = header_srclang(&x, &e, at)?;
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
