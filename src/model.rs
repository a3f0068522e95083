//! The data that flows through the pipeline: read → segment → align → check → report.
//!
//! Offsets inside the pipeline are byte offsets into UTF-8 strings (cheap to slice); the
//! report converts them to Unicode scalar (char) offsets, end-exclusive, as editors and the
//! CSV contract expect.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// A language the segmenter and the checks know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    De,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Ok(Lang::En),
            "de" | "deu" | "ger" | "german" => Ok(Lang::De),
            other => Err(format!(
                "unsupported language '{other}': mtlint knows 'en' and 'de'"
            )),
        }
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity '{other}': use error, warning or info"
            )),
        }
    }
}

/// Which text a finding points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    Source,
    Target,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Source => "source",
            Side::Target => "target",
        }
    }
}

/// A paragraph (plain text) or a translation unit (bilingual formats): a hard boundary that
/// sentences never cross.
///
/// Two per translation unit (source and target) are held for a whole document, so a block is
/// kept small (64 bytes: a line and column are `u32`, saturating like an [`Anchor`]'s; the id
/// a boxed `str`): what only some blocks have (white space around a unit's text, a
/// prose name, pre-split lines) is boxed in one part that most blocks lack.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    /// Byte range into [`SideText::text`].
    pub range: Range<usize>,
    /// 1-based line of the block's first character in the original file (see
    /// [`Block::at`]).
    pub line: u32,
    /// 1-based column (in chars) of the block's first character in the original file.
    pub column: u32,
    /// A unit id, for formats that have one.
    pub id: Option<Box<str>>,
    /// Where the block's text is not a verbatim copy of the file (entities, escapes, inline
    /// tags, markup): the file positions of chosen text offsets, sorted by offset. Empty for
    /// verbatim text (plain text files). See [`SideText::position`].
    pub anchors: Box<[Anchor]>,
    /// What few blocks have: see [`Block::ignore`], [`Block::outer_space`], [`Block::lines`],
    /// [`Block::name`].
    rare: Option<Box<Rare>>,
}

/// The parts of a [`Block`] that most blocks lack.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Rare {
    ignore: Vec<String>,
    outer: (String, String),
    lines: bool,
    name: BlockName,
}

/// How reports name a block without a [`Block::id`] (the report's `unit` column, see
/// [`SideText::unit_at`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum BlockName {
    /// No name: the unit is empty.
    #[default]
    None,
    /// `paragraph N`, N the block's 1-based number in its file (plain text).
    Paragraph,
    /// `line N`, N the file line of the pair's first target sentence (pre-split text,
    /// `--lines`); the report computes it.
    Line,
    /// A name the reader made, e.g. a Markdown heading path `Intro > Installation`.
    Named(String),
}

impl Block {
    /// White space before and after the unit's text in the file (bilingual formats keep it
    /// out of `range`, which is trimmed); empty when there is none (plain text, Markdown, most
    /// units).
    pub fn outer_space(&self) -> (&str, &str) {
        self.rare
            .as_deref()
            .map_or(("", ""), |r| (r.outer.0.as_str(), r.outer.1.as_str()))
    }

    /// Pre-split text (`--lines`): every non-blank line of the block is one sentence, taken
    /// as given (the segmenter does not split or join lines).
    pub fn lines(&self) -> bool {
        self.rare.as_deref().is_some_and(|r| r.lines)
    }

    /// How reports name the block when it has no [`Block::id`] (prose: a Markdown heading
    /// path, a plain-text paragraph or line). Not an identity the file gives: it does not
    /// make the file pair its blocks (see [`crate::pipeline::align_document`]).
    pub fn name(&self) -> &BlockName {
        static NONE: BlockName = BlockName::None;
        self.rare.as_deref().map_or(&NONE, |r| &r.name)
    }

    /// Check codes or names suppressed for this block (inline `mtlint: ignore MT012` markers
    /// in an XLIFF/TMX note, a PO translator comment or a CSV note column, read with
    /// [`ignore_marker`]); empty for plain text and most units.
    pub fn ignore(&self) -> &[String] {
        self.rare.as_deref().map_or(&[], |r| &r.ignore)
    }

    /// Set [`Block::ignore`].
    pub fn set_ignore(&mut self, ignore: Vec<String>) {
        if !ignore.is_empty() || self.rare.is_some() {
            self.rare().ignore = ignore;
        }
    }

    fn rare(&mut self) -> &mut Rare {
        self.rare.get_or_insert_with(Box::default)
    }

    /// Set [`Block::outer_space`] (nothing kept when both are empty).
    pub fn set_outer_space(&mut self, before: &str, after: &str) {
        if !before.is_empty() || !after.is_empty() || self.rare.is_some() {
            self.rare().outer = (before.to_string(), after.to_string());
        }
    }

    /// Set [`Block::lines`].
    pub fn set_lines(&mut self, lines: bool) {
        if lines || self.rare.is_some() {
            self.rare().lines = lines;
        }
    }

    /// Set [`Block::name`].
    pub fn set_name(&mut self, name: BlockName) {
        if name != BlockName::None || self.rare.is_some() {
            self.rare().name = name;
        }
    }

    /// A verbatim block: `range` of the side's text starts at `line`:`column` of the file.
    /// A line or column past `u32::MAX` saturates at `u32::MAX`, never a panic.
    pub fn new(range: Range<usize>, line: usize, column: usize) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Block {
            range,
            line: narrow(line),
            column: narrow(column),
            ..Block::default()
        }
    }

    /// (line, column) of the block's first character in the file.
    pub fn at(&self) -> (usize, usize) {
        (self.line as usize, self.column as usize)
    }
}

/// A fixed point of the text-to-file mapping: the char at byte `offset` of
/// [`SideText::text`] comes from 1-based `line`:`column` (column in chars) of the file.
///
/// Line and column are `u32` (16 bytes an anchor, and a memory has a few per unit); one
/// past `u32::MAX` saturates there (see [`Anchor::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub offset: usize,
    pub line: u32,
    pub column: u32,
}

impl Anchor {
    /// The anchor of byte `offset` at `line`:`column`; a line or column past `u32::MAX`
    /// saturates at `u32::MAX`, never a panic.
    pub fn new(offset: usize, line: usize, column: usize) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Anchor {
            offset,
            line: narrow(line),
            column: narrow(column),
        }
    }

    /// (line, column) of the anchor.
    pub fn at(&self) -> (usize, usize) {
        (self.line as usize, self.column as usize)
    }
}

/// One side (source or target) of a document: its text and its blocks.
#[derive(Debug, Clone, Default)]
pub struct SideText {
    /// Where the text came from (a path, as given on the command line).
    pub origin: String,
    /// The text; for plain text files the file's content without BOM and with `\n` line ends.
    /// Bilingual formats join their units with `"\n\n"`.
    pub text: String,
    /// The blocks, in order, as ranges into `text`.
    pub blocks: Vec<Block>,
    /// The language the file declares for this side (`xml:lang`, `srcLang`, PO `Language:`),
    /// as written (e.g. `de-DE`); `None` when the format has no such field.
    pub lang: Option<String>,
}

impl SideText {
    /// 1-based (line, column) in the original file of a byte offset into `text`.
    ///
    /// The rule: start from the last fixed point at or before `offset` — the block's start or
    /// one of its [`Block::anchors`] — and walk the text from there, a `\n` going to the next
    /// line and every other char one column further. Readers set an anchor wherever text and
    /// file part ways (after an entity `&amp;`, an escape `\"`, a dropped tag, at each
    /// continuation line), so the position is exact for every char copied from the file; a
    /// char the reader made up (the `{1}` standing for an inline tag, the `&` of `&amp;`)
    /// points at the markup it stands for.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let idx = match self.blocks.binary_search_by(|b| b.range.start.cmp(&offset)) {
            Ok(i) => i,
            Err(0) => return (1, 1 + char_len(&self.text[..offset.min(self.text.len())])),
            Err(i) => i - 1,
        };
        let block = &self.blocks[idx];
        let end = offset.min(self.text.len());
        let anchor = block
            .anchors
            .partition_point(|a| a.offset <= end)
            .checked_sub(1)
            .map(|i| block.anchors[i])
            .filter(|a| a.offset >= block.range.start);
        let (from, line, column) = match anchor {
            Some(a) => (a.offset, a.at().0, a.at().1),
            None => (block.range.start, block.at().0, block.at().1),
        };
        walk(self.text.get(from..end).unwrap_or(""), line, column)
    }
}

impl SideText {
    /// The block holding byte `offset` (the last block starting at or before it).
    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.range.start <= offset);
        i.checked_sub(1).map(|i| &self.blocks[i])
    }

    /// The unit of the block holding byte `offset`, as reports name it: the block's
    /// [`Block::id`], else its [`Block::name`] (`paragraph N`, a heading path); `None` for a
    /// block without either, and for [`BlockName::Line`], whose line the caller knows.
    pub fn unit_at(&self, offset: usize) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        let i = self
            .blocks
            .partition_point(|b| b.range.start <= offset)
            .checked_sub(1)?;
        let block = &self.blocks[i];
        if let Some(id) = &block.id {
            return Some(Cow::Borrowed(id));
        }
        match block.name() {
            BlockName::None | BlockName::Line => None,
            BlockName::Paragraph => Some(Cow::Owned(format!("paragraph {}", i + 1))),
            BlockName::Named(name) => Some(Cow::Borrowed(name)),
        }
    }
}

/// The position reached from `line`:`column` after the chars of `text`.
pub fn walk(text: &str, mut line: usize, mut column: usize) -> (usize, usize) {
    for c in text.chars() {
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

/// A pair of texts to review: an English source and its German machine translation.
#[derive(Debug, Clone)]
pub struct Document {
    /// Stable id used in reports (normally the target path).
    pub id: String,
    pub source: SideText,
    pub target: SideText,
    /// `true` when blocks of both sides correspond one to one (bilingual formats, or plain
    /// text with the same number of paragraphs): each block pair is aligned on its own.
    pub paired: bool,
}

/// A position or index narrowed to 32 bits. The pipeline refuses a document whose side text
/// does not fit ([`crate::pipeline::fits`]); a value past `u32::MAX` that reaches here anyway
/// saturates there, never a panic.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A sentence: a byte range into its side's text, inside one block. Positions are held in
/// 32 bits (a 1M-unit memory holds 2M sentences for the whole run): 12 bytes, not 24.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    block: u32,
    start: u32,
    end: u32,
}

impl Sentence {
    /// The sentence at byte range `range` of its side's text, in block `block`.
    pub fn new(block: usize, range: Range<usize>) -> Self {
        Sentence {
            block: narrow(block),
            start: narrow(range.start),
            end: narrow(range.end),
        }
    }

    /// The index of its block.
    pub fn block(&self) -> usize {
        self.block as usize
    }

    /// Its byte range in its side's text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// An aligned group of sentences ("bead"): `source` and `target` are ranges of sentence
/// indices over the whole document. An empty range is an omission (1-0) or addition (0-1).
/// Indices are held in 32 bits (one bead per pair, a million in a 1M-unit memory): 24 bytes,
/// not 40.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    source_start: u32,
    source_end: u32,
    target_start: u32,
    target_end: u32,
    /// Confidence in 0..=1.
    pub score: f64,
}

impl Bead {
    /// The bead of source sentences `source` and target sentences `target`.
    pub fn new(source: Range<usize>, target: Range<usize>, score: f64) -> Self {
        Bead {
            source_start: narrow(source.start),
            source_end: narrow(source.end),
            target_start: narrow(target.start),
            target_end: narrow(target.end),
            score,
        }
    }

    /// Its source sentences (indices over the document).
    pub fn source(&self) -> Range<usize> {
        self.source_start as usize..self.source_end as usize
    }

    /// Its target sentences (indices over the document).
    pub fn target(&self) -> Range<usize> {
        self.target_start as usize..self.target_end as usize
    }

    /// The bead type, e.g. "1-2".
    pub fn kind(&self) -> String {
        format!("{}-{}", self.source().len(), self.target().len())
    }
}

/// Number of chars in a string.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The check codes or names of an inline suppression marker in a comment or note:
/// `mtlint: ignore MT012`, `mtlint: ignore MT012, glued-words`, `mtlint: ignore` (= all).
/// Readers of formats with comments (XLIFF notes, PO translator comments) put the result
/// into [`Block::ignore`]. No marker → empty.
pub fn ignore_marker(comment: &str) -> Vec<String> {
    let lower = comment.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("mtlint:") {
        let rest = &comment[from + at + "mtlint:".len()..];
        from += at + "mtlint:".len();
        let trimmed = rest.trim_start();
        let Some(list) = trimmed
            .get(..6)
            .filter(|w| w.eq_ignore_ascii_case("ignore"))
            .map(|_| &trimmed[6..])
        else {
            continue;
        };
        if list.starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let line = list.lines().next().unwrap_or("");
        let codes: Vec<String> = line
            .split(|c: char| c == ',' || c.is_whitespace())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
            .take_while(|w| {
                w.is_empty()
                    || w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                        && (w.to_ascii_uppercase().starts_with("MT")
                            || w.contains('-')
                            || w.eq_ignore_ascii_case("all"))
            })
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        if codes.is_empty() {
            out.push("all".to_string());
        } else {
            out.extend(codes);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_is_small_and_saturates() {
        // A memory has a few anchors per unit side (a 1M-unit TMX: millions).
        assert_eq!(std::mem::size_of::<Anchor>(), 16);
        let a = Anchor::new(7, usize::MAX, u32::MAX as usize + 1);
        assert_eq!(
            (a.offset, a.at()),
            (7, (u32::MAX as usize, u32::MAX as usize))
        );
        assert_eq!(Anchor::new(0, 3, 4).at(), (3, 4));
    }

    #[test]
    fn sentences_and_beads_are_small_and_saturate() {
        // Two sentences and a bead per unit are held for a whole document (a 1M-unit memory:
        // 2M sentences, 1M beads): 32-bit positions.
        assert_eq!(std::mem::size_of::<Sentence>(), 12);
        assert_eq!(std::mem::size_of::<Bead>(), 24);
        let s = Sentence::new(3, 5..9);
        assert_eq!((s.block(), s.range()), (3, 5..9));
        let b = Bead::new(1..3, 2..2, 0.5);
        assert_eq!(
            (b.source(), b.target(), b.kind()),
            (1..3, 2..2, "2-0".to_string())
        );
        // Past u32::MAX (a text the pipeline would refuse): saturates, never a panic.
        let max = u32::MAX as usize;
        assert_eq!(Sentence::new(usize::MAX, 0..max + 1).range(), 0..max);
        assert_eq!(Bead::new(0..usize::MAX, 0..0, 1.0).source(), 0..max);
    }

    #[test]
    fn a_block_is_small() {
        // Two blocks per translation unit are held for a whole document (a 1M-unit memory:
        // 2M blocks); what few blocks have is boxed apart (it was 144 bytes a block, then 80;
        // u32 line and column and a boxed id: 64).
        assert!(std::mem::size_of::<Block>() <= 64);
        // A line past u32::MAX saturates (as an anchor's), never a panic.
        assert_eq!(Block::new(0..1, usize::MAX, 5).at(), (u32::MAX as usize, 5));
        let mut b = Block::new(0..3, 1, 1);
        assert_eq!(
            (b.ignore(), b.outer_space(), b.lines()),
            (&[][..], ("", ""), false)
        );
        assert_eq!(b.name(), &BlockName::None);
        b.set_ignore(Vec::new());
        b.set_outer_space("", "");
        b.set_lines(false);
        b.set_name(BlockName::None);
        assert_eq!(b, Block::new(0..3, 1, 1), "nothing boxed for nothing");
        b.set_outer_space(" ", "\n");
        b.set_name(BlockName::Paragraph);
        assert_eq!(
            (b.outer_space(), b.name()),
            ((" ", "\n"), &BlockName::Paragraph)
        );
    }

    #[test]
    fn ignore_markers() {
        assert_eq!(ignore_marker("mtlint: ignore MT012"), ["MT012"]);
        assert_eq!(
            ignore_marker("Reviewed. MTLINT: Ignore MT012, glued-words; ok"),
            ["MT012", "glued-words"]
        );
        assert_eq!(ignore_marker("mtlint: ignore"), ["all"]);
        assert_eq!(ignore_marker("mtlint:ignore mt005 by editor"), ["mt005"]);
        assert!(ignore_marker("nothing to see").is_empty());
        assert!(ignore_marker("mtlint: ignored nothing").is_empty());
    }
}
