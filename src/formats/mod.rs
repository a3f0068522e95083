//! Readers: turn files into [`Document`]s. Every reader validates its input and reports
//! problems as [`MtError`]s naming the file and position; none of them panics.

pub mod android;
pub mod apple;
pub mod batch;
pub mod json;
pub mod keyed;
pub mod markdown;
#[cfg(feature = "arrow")]
pub mod parquet;
pub mod plaintext;
pub mod po;
pub mod properties;
pub mod qt;
pub mod read;
pub mod table;
pub mod tmx;
pub mod xliff;
mod xml;
pub mod yaml;

use std::cell::Cell;
use std::fmt;
use std::path::Path;

use crate::error::{MtError, Result};
use crate::model::{Anchor, Block, Document, Lang, SideText, walk};

pub use encoding_rs::Encoding;
pub use read::{
    DEFAULT_MAX_INPUT_SIZE, MAX_INPUT_SIZE_VAR, ReadOptions, Role, check_supported, parse_encoding,
    parse_size, read_options, set_read_options,
};

/// Reads `mtlint: ignore CODE, …` markers in notes and comments (see [`Block::ignore`]).
pub(crate) use crate::model::ignore_marker as parse_ignore_directive;

/// Read an input file's bytes and decode them as text: BOM stripped, CRLF turned into LF.
///
/// Refuses what is not a regular file (a device such as `/dev/zero`, a FIFO), files over the
/// input size limit (before reading them), Word/PDF/… documents, UTF-16 (by BOM), NUL bytes
/// (binary files) and invalid UTF-8 (naming the encoding it likely is), each with the line
/// and byte where the problem is. With `--encoding` ([`ReadOptions::encoding`]) a file that
/// is not UTF-8 is decoded with that encoding instead. See [`read`](self::read) for details.
pub fn read_text(path: &Path) -> Result<String> {
    let decoding = match read_options().encoding {
        Some(enc) => read::Decoding::Fallback(enc),
        None => read::Decoding::Utf8(Role::Input),
    };
    read::read(path, decoding)
}

/// Read a file that is not a text to check (a baseline, the configuration, a dictionary, a
/// glossary) as UTF-8 text: like [`read_text`], but `--encoding` does not apply and errors
/// name the file's role ("not a baseline; pass …").
pub fn read_text_as(path: &Path, role: Role) -> Result<String> {
    match role {
        Role::Input => read_text(path),
        _ => read::read(path, read::Decoding::Utf8(role)),
    }
}

/// Decode bytes read from `path` as UTF-8 text (see [`read_text`]; `--encoding` does not
/// apply).
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    read::decode(path, bytes, read::Decoding::Utf8(Role::Input))
}

/// Read a source/target pair of files into one document: localisation files (JSON, ARB,
/// YAML, Android XML, `.strings`, `.properties`) paired by key ([`keyed::read_pair`]);
/// Markdown when either file ends in `.md`/`.markdown` (aligned by block: paragraphs,
/// headings, list items), plain text otherwise. Bilingual files (XLIFF, TMX, PO, CSV/TSV,
/// `.xcstrings`, Qt `.ts`) are read with [`read_bilingual`].
///
/// With `--lines` ([`ReadOptions::lines`]) both files are read as pre-split plain text: one
/// sentence per line ([`plaintext::read_lines`]), whatever their extension.
pub fn read_pair(source: &Path, target: &Path) -> Result<Document> {
    if detect(source).is_keyed() || detect(target).is_keyed() {
        return keyed::read_pair(source, target);
    }
    let markdown = detect(source) == Format::Markdown || detect(target) == Format::Markdown;
    let (source_text, target_text) = if let Some(paragraphs) = read_options().lines {
        (
            plaintext::read_lines(source, paragraphs)?,
            plaintext::read_lines(target, paragraphs)?,
        )
    } else if markdown {
        (markdown::read(source)?, markdown::read(target)?)
    } else {
        (plaintext::read(source)?, plaintext::read(target)?)
    };
    let paired =
        !source_text.blocks.is_empty() && source_text.blocks.len() == target_text.blocks.len();
    Ok(Document {
        id: target.display().to_string(),
        source: source_text,
        target: target_text,
        paired,
    })
}

/// The input formats mtlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// UTF-8 text, paragraphs separated by blank lines (one side per file).
    PlainText,
    /// CommonMark/GFM (one side per file), aligned by block.
    Markdown,
    /// XLIFF 1.2 or 2.x (`.xlf`, `.xliff`): bilingual.
    Xliff,
    /// TMX translation memory (`.tmx`): bilingual (or multilingual).
    Tmx,
    /// GNU gettext PO (`.po`): bilingual.
    Po,
    /// Comma-separated values with `source` and `target` columns: bilingual (a header
    /// separated by `;` is read with `;`, see [`table`]).
    Csv,
    /// Tab-separated values with `source` and `target` columns: bilingual.
    Tsv,
    /// JSON key/value strings, flat or nested (i18next, vue-i18n, Chrome `messages.json`):
    /// one language per file, paired by key path ([`json`]).
    Json,
    /// Flutter Application Resource Bundle (`.arb`): one language per file ([`json`]).
    Arb,
    /// Rails/i18n YAML (`.yml`, `.yaml`): one language per file ([`yaml`]).
    Yaml,
    /// Android string resources (`strings.xml`, any `.xml` with a `<resources>` root):
    /// one language per file ([`android`]).
    AndroidXml,
    /// Apple `.strings` (UTF-8 or UTF-16): one language per file ([`apple`]).
    AppleStrings,
    /// Apple string catalog (`.xcstrings`): bilingual (all languages in one file).
    XcStrings,
    /// Java `.properties` (ISO-8859-1 or UTF-8): one language per file ([`properties`]).
    Properties,
    /// Qt Linguist (`.ts`): bilingual ([`qt`]).
    QtTs,
}

/// How a format is read: one side per file (paired by position), one side per file paired by
/// key, or both sides in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text, Markdown: a source file and a target file, paired by position.
    Monolingual,
    /// Localisation files (JSON, YAML, Android, `.strings`, `.properties`): a source file
    /// and a target file, paired by key ([`keyed`]).
    Keyed,
    /// Source and target in one file.
    Bilingual,
}

/// The format table: extensions (lower case), format, name, kind. [`detect`] reads it
/// top-down; a new format is one line here and one arm in [`read_bilingual`] or
/// [`keyed::read_entries`].
pub const FORMATS: &[(&[&str], Format, &str, Kind)] = &[
    (&["xlf", "xliff"], Format::Xliff, "XLIFF", Kind::Bilingual),
    (&["tmx"], Format::Tmx, "TMX", Kind::Bilingual),
    (&["po"], Format::Po, "PO", Kind::Bilingual),
    (&["csv"], Format::Csv, "CSV", Kind::Bilingual),
    (&["tsv", "tab"], Format::Tsv, "TSV", Kind::Bilingual),
    (
        &["xcstrings"],
        Format::XcStrings,
        "Apple string catalog",
        Kind::Bilingual,
    ),
    (&["ts"], Format::QtTs, "Qt Linguist", Kind::Bilingual),
    (&["json"], Format::Json, "JSON", Kind::Keyed),
    (&["arb"], Format::Arb, "ARB", Kind::Keyed),
    (&["yml", "yaml"], Format::Yaml, "YAML", Kind::Keyed),
    (&["xml"], Format::AndroidXml, "Android strings", Kind::Keyed),
    (
        &["strings"],
        Format::AppleStrings,
        "Apple .strings",
        Kind::Keyed,
    ),
    (
        &["properties"],
        Format::Properties,
        "Java .properties",
        Kind::Keyed,
    ),
    (
        &["md", "markdown"],
        Format::Markdown,
        "Markdown",
        Kind::Monolingual,
    ),
];

impl Format {
    fn entry(self) -> Option<&'static (&'static [&'static str], Format, &'static str, Kind)> {
        FORMATS.iter().find(|row| row.1 == self)
    }

    /// How files of this format are read.
    pub fn kind(self) -> Kind {
        self.entry().map_or(Kind::Monolingual, |row| row.3)
    }

    /// `true` for formats that hold source and target in one file.
    pub fn is_bilingual(self) -> bool {
        self.kind() == Kind::Bilingual
    }

    /// `true` for localisation formats read one side per file and paired by key.
    pub fn is_keyed(self) -> bool {
        self.kind() == Kind::Keyed
    }

    pub fn name(self) -> &'static str {
        self.entry().map_or("plain text", |row| row.2)
    }
}

/// The format of a file, by its extension (case-insensitive; see [`FORMATS`]); anything
/// else is plain text.
pub fn detect(path: &Path) -> Format {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    FORMATS
        .iter()
        .find(|row| row.0.contains(&ext.as_str()))
        .map_or(Format::PlainText, |row| row.1)
}

/// Read a bilingual file (XLIFF, TMX, PO, CSV/TSV, `.xcstrings`, Qt `.ts`) into its
/// documents.
///
/// One document per XLIFF `<file>`, per TMX target language, per file of the other formats. Every
/// translation unit with a non-empty source and target becomes one block on each side
/// (`paired = true`); units without a target (untranslated) are skipped.
pub fn read_bilingual(path: &Path) -> Result<Vec<Document>> {
    match detect(path) {
        Format::Xliff => xliff::read(path),
        Format::Tmx => tmx::read(path),
        Format::Po => po::read(path),
        Format::Csv => table::read(path, b','),
        Format::Tsv => table::read(path, b'\t'),
        Format::XcStrings => json::read_xcstrings(path),
        Format::QtTs => qt::read(path),
        f @ (Format::PlainText
        | Format::Markdown
        | Format::Json
        | Format::Arb
        | Format::Yaml
        | Format::AndroidXml
        | Format::AppleStrings
        | Format::Properties) => Err(MtError::Usage(format!(
            "{}: a {} file holds one side only; pass a source and a target file",
            path.display(),
            f.name()
        ))),
    }
}

/// The language a side declares (`de-AT`, `deu`), when it is not `lang`: compared by primary
/// subtag, so `de-AT` is `de`; a language mtlint does not know (`fr`) is never `lang`.
/// `None` when the side declares nothing or declares `lang`.
pub fn other_lang(side: &SideText, lang: Lang) -> Option<&str> {
    let declared = side.lang.as_deref()?;
    let primary = declared.split(['-', '_']).next().unwrap_or(declared);
    match primary.parse::<Lang>() {
        Ok(l) if l == lang => None,
        _ => Some(declared),
    }
}

/// Read a bilingual file's text (see [`read_text`]); an empty file is an error.
///
/// XLIFF and TMX files are decoded by their XML declaration, not `--encoding` (see
/// [`read::read_xml`]).
pub(crate) fn read_bilingual_text(path: &Path) -> Result<String> {
    let text = match detect(path) {
        Format::Xliff | Format::Tmx | Format::QtTs => read::read_xml(path)?,
        _ => read_text(path)?,
    };
    if text.trim().is_empty() {
        return Err(MtError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(text)
}

/// A format error at a 1-based line and column of `path`.
pub(crate) fn format_error(
    path: &Path,
    line: usize,
    column: usize,
    message: impl fmt::Display,
) -> MtError {
    MtError::Format {
        path: path.to_path_buf(),
        message: format!("{line}:{column}: {message}"),
    }
}

/// Byte offsets of a file's text → 1-based line and column (in chars).
pub(crate) struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// The last answer (byte, line, column): positions are mostly asked in file order, so
    /// the next one is counted from here (keeps long one-line files linear).
    last: Cell<(usize, usize, usize)>,
    /// The file position of the text's first char (1:1 unless the text is a piece of a
    /// file read piece by piece, see [`Locator::piece`]).
    base: (usize, usize),
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self::piece(text, 1, 1)
    }

    /// A locator for `text`, a piece of a file that starts at `line`:`column` of it.
    pub(crate) fn piece(text: &'a str, line: usize, column: usize) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Locator {
            text,
            line_starts,
            last: Cell::new((0, 1, 1)),
            base: (line, column),
        }
    }

    /// 1-based (line, column) of byte `byte` (clamped to the text).
    pub(crate) fn at(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let line_idx = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let line_start = self.line_starts[line_idx];
        let (last_byte, last_line, last_col) = self.last.get();
        let (from, col) = if last_line == line_idx + 1 && last_byte <= byte {
            (last_byte, last_col)
        } else {
            (line_start, 1)
        };
        let col = col + char_count(&self.text.as_bytes()[from..byte]);
        self.last.set((byte, line_idx + 1, col));
        match line_idx {
            0 => (self.base.0, self.base.1 + col - 1),
            _ => (self.base.0 + line_idx, col),
        }
    }
}

/// Chars in a UTF-8 byte slice (counts lead bytes, so a cut through a char is harmless).
fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// The text of one unit side under construction, with the file position of each piece.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct UnitText {
    pub(crate) text: String,
    /// Anchors with offsets relative to `text`.
    anchors: Vec<Anchor>,
    /// Where the text starts (or would start) in the file, for a text without anchors: an
    /// empty `<target></target>`, `msgstr ""`, an empty CSV field, or the unit of a missing
    /// target. The block of an empty target points here (MT022), not at (1, 1).
    at: Option<(usize, usize)>,
}

impl UnitText {
    /// Append `s`, whose first char stands at `line`:`column` of the file.
    pub(crate) fn push(&mut self, s: &str, line: usize, column: usize) {
        if s.is_empty() {
            self.mark(line, column);
            return;
        }
        self.anchors
            .push(Anchor::new(self.text.len(), line, column));
        self.text.push_str(s);
    }

    /// Empty it, keeping its buffers.
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.anchors.clear();
        self.at = None;
    }

    /// An empty text that stands at `line`:`column` of the file (an empty value).
    pub(crate) fn empty_at(line: usize, column: usize) -> Self {
        UnitText {
            text: String::new(),
            anchors: vec![Anchor::new(0, line, column)],
            at: Some((line, column)),
        }
    }

    /// Append `s`, a verbatim copy of the file from byte `at` on (`loc` maps bytes).
    pub(crate) fn push_at(&mut self, s: &str, loc: &Locator, at: usize) {
        let (line, column) = loc.at(at);
        self.push(s, line, column);
    }

    /// Append `s`, which continues the file right after the text so far (no new anchor).
    pub(crate) fn extend(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// The text starts (or would start) at `line`:`column` of the file: kept for a text that
    /// stays without anchors (an empty or missing target); the first mark wins.
    pub(crate) fn mark(&mut self, line: usize, column: usize) {
        if self.at.is_none() {
            self.at = Some((line, column));
        }
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// File position of byte `offset` of the text (same rule as [`SideText::position`]).
    fn locate(&self, offset: usize) -> (usize, usize) {
        let i = self.anchors.partition_point(|a| a.offset <= offset);
        match i.checked_sub(1).map(|i| self.anchors[i]) {
            Some(a) => walk(&self.text[a.offset..offset], a.at().0, a.at().1),
            None => self.at.unwrap_or((1, 1)),
        }
    }
}

/// Builds one side of a bilingual document: units joined with `"\n\n"`.
#[derive(Debug, Default)]
pub(crate) struct SideBuilder {
    side: SideText,
}

impl SideBuilder {
    pub(crate) fn new(origin: String, lang: Option<String>) -> Self {
        SideBuilder {
            side: SideText {
                origin,
                lang,
                ..SideText::default()
            },
        }
    }

    /// Add a unit (trimmed of surrounding white space) as a block.
    pub(crate) fn push(&mut self, unit: &UnitText, id: Option<String>, ignore: &[String]) {
        let lead = unit.text.len() - unit.text.trim_start().len();
        let end = unit.text.trim_end().len().max(lead);
        // Separate every block from the one before, even an empty first one: block starts
        // stay strictly increasing, so an offset names one block (an empty target's block
        // and the next unit's would otherwise both start at 0).
        if !self.side.blocks.is_empty() {
            self.side.text.push_str("\n\n");
        }
        let base = self.side.text.len();
        let (line, column) = unit.locate(lead);
        self.side.text.push_str(&unit.text[lead..end]);
        let anchors = unit
            .anchors
            .iter()
            .filter(|a| a.offset > lead && a.offset < end)
            .map(|a| Anchor {
                offset: a.offset - lead + base,
                ..*a
            })
            .collect();
        let mut block = Block::new(base..base + (end - lead), line, column);
        block.id = id.map(String::into_boxed_str);
        block.set_ignore(ignore.to_vec());
        block.anchors = anchors;
        block.set_outer_space(&unit.text[..lead], &unit.text[end..]);
        self.side.blocks.push(block);
    }

    pub(crate) fn finish(self) -> SideText {
        self.side
    }
}

/// A translation unit read from a bilingual file.
#[derive(Debug, Default, Clone)]
pub(crate) struct Unit {
    pub(crate) id: Option<String>,
    pub(crate) source: UnitText,
    pub(crate) target: UnitText,
    pub(crate) ignore: Vec<String>,
}

/// Builds one bilingual document from units.
pub(crate) struct DocBuilder {
    source: SideBuilder,
    target: SideBuilder,
}

impl DocBuilder {
    pub(crate) fn new(
        path: &Path,
        source_lang: Option<String>,
        target_lang: Option<String>,
    ) -> Self {
        let origin = path.display().to_string();
        DocBuilder {
            source: SideBuilder::new(origin.clone(), source_lang),
            target: SideBuilder::new(origin, target_lang),
        }
    }

    /// Add a unit; units whose source is empty are skipped. A unit whose target is empty
    /// (untranslated) is kept with an empty target block: it becomes one pair without target
    /// sentences, reported by MT022 (missing-translation), so it never passes unnoticed.
    pub(crate) fn push(&mut self, unit: &Unit) {
        self.push_parts(&unit.source, &unit.target, unit.id.as_deref(), &unit.ignore);
    }

    /// [`DocBuilder::push`] from borrowed parts (no copy of a unit that belongs elsewhere).
    pub(crate) fn push_parts(
        &mut self,
        source: &UnitText,
        target: &UnitText,
        id: Option<&str>,
        ignore: &[String],
    ) {
        if source.is_blank() {
            return;
        }
        self.source.push(source, id.map(str::to_string), ignore);
        self.target.push(target, id.map(str::to_string), ignore);
    }

    pub(crate) fn finish(self, id: String) -> Document {
        Document {
            id,
            source: self.source.finish(),
            target: self.target.finish(),
            paired: true,
        }
    }
}
