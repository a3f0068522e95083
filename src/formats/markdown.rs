//! Markdown (`.md`, `.markdown`; CommonMark with GFM tables, footnotes, strikethrough),
//! parsed with `pulldown-cmark`. Like plain text, Markdown holds one side per file: a
//! source `.md` and a target `.md` make a document, `paired` when both have the same number
//! of blocks.
//!
//! - Blocks are the leaf text blocks: paragraphs, headings, list items (the text of an item
//!   before a nested list is its own block, each nested item another), table cells,
//!   footnote and definition-list paragraphs.
//! - Skipped: fenced and indented code blocks, HTML blocks, YAML/TOML front matter,
//!   inline HTML tags, footnote references, task-list markers.
//! - Inline code becomes a placeholder `{N}` (N = its number in the block, from 1), as XLIFF
//!   codes do: the code is not translated text (no "untranslated" findings on it), and the
//!   placeholder keeps the words around it apart. Inline and display math likewise.
//! - Links and images: the link text (image alt text) is checked as text and the URL is kept
//!   after it as ` <URL>`, so `[die Seite](https://x.org)` reads `die Seite <https://x.org>`
//!   and a check comparing entities (URLs) between source and target sees it. Autolinks
//!   `<https://x.org>` stay the URL alone.
//! - Emphasis markers vanish (`**fett**` → `fett`); escapes and entities are decoded.
//! - Positions: every text piece is anchored to its place in the file (pulldown-cmark gives
//!   source ranges), so columns stay exact across markup; a made-up `{N}` or ` <URL>` points
//!   at the markup it stands for.
//! - Units (the reports' `unit` column): every block is named by its heading path, the
//!   chain of headings above it from the top level down, joined with ` > `: a paragraph under
//!   `# Intro` and `## Installation` is `Intro > Installation`, and so is the heading
//!   `Installation` itself. A heading closes every heading of its level and deeper (a
//!   skipped level is just left out). The heading text is its plain text (emphasis dropped,
//!   inline code as its code, link text without the URL, white space collapsed); empty
//!   headings are left out. Blocks before the first heading have no unit. The path is the
//!   target file's (the German headings).

use std::path::Path;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{Locator, SideBuilder, UnitText};
use crate::error::{MtError, Result};
use crate::model::{BlockName, SideText};

/// Read a Markdown file into blocks.
pub fn read(path: &Path) -> Result<SideText> {
    let text = super::read_text(path)?;
    let side = from_text(path.display().to_string(), &text);
    if side.blocks.is_empty() {
        return Err(MtError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(side)
}

/// The separator of a heading path's headings.
pub const HEADING_SEPARATOR: &str = " > ";

struct Builder<'a> {
    loc: Locator<'a>,
    side: SideBuilder,
    current: UnitText,
    codes: usize,
    /// The open headings: (level, plain text), from the top level down.
    headings: Vec<(u8, String)>,
    /// `headings` joined with [`HEADING_SEPARATOR`] (empty: no unit).
    path: String,
    /// The plain text of the heading being read, if any.
    heading: Option<String>,
}

impl Builder<'_> {
    fn flush(&mut self) {
        let unit = std::mem::take(&mut self.current);
        self.codes = 0;
        if !unit.is_blank() {
            let n = self.side.side.blocks.len();
            self.side.push(&unit, None, &[]);
            if !self.path.is_empty()
                && let Some(block) = self.side.side.blocks.get_mut(n)
            {
                block.set_name(BlockName::Named(self.path.clone()));
            }
        }
    }

    /// A heading of `level` with plain text `text` ends: it closes the headings of its level
    /// and deeper and becomes the last of the path.
    fn close_heading(&mut self, level: u8, text: &str) {
        while self.headings.last().is_some_and(|(l, _)| *l >= level) {
            self.headings.pop();
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.headings.push((level, text));
        self.path = self
            .headings
            .iter()
            .map(|(_, t)| t.as_str())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(HEADING_SEPARATOR);
    }

    /// Plain text of the heading being read.
    fn heading_text(&mut self, s: &str) {
        if let Some(h) = self.heading.as_mut() {
            h.push_str(s);
        }
    }

    fn push(&mut self, s: &str, at: usize) {
        let (line, column) = self.loc.at(at);
        self.current.push(s, line, column);
    }
}

/// Split Markdown text into blocks (see the module documentation).
pub fn from_text(origin: String, text: &str) -> SideText {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut b = Builder {
        loc: Locator::new(text),
        side: SideBuilder::new(origin, None),
        current: UnitText::default(),
        codes: 0,
        headings: Vec::new(),
        path: String::new(),
        heading: None,
    };
    let mut skip = 0usize;
    // Open links and images: (URL, where it starts in the file, type).
    let mut links: Vec<(String, usize, LinkType)> = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                b.flush();
                skip += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1);
            }
            _ if skip > 0 => {}
            Event::Start(Tag::Heading { .. }) => {
                b.flush();
                b.heading = Some(String::new());
            }
            Event::End(TagEnd::Heading(level)) => {
                let text = b.heading.take().unwrap_or_default();
                b.close_heading(level as u8, &text);
                b.flush();
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Item
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::TableCell
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::TableCell
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            )
            | Event::Rule => b.flush(),
            Event::Text(t) => {
                b.heading_text(&t);
                b.push(&t, range.start);
            }
            Event::Code(code) => {
                b.heading_text(&code);
                b.codes += 1;
                let placeholder = format!("{{{}}}", b.codes);
                b.push(&placeholder, range.start);
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => {
                b.codes += 1;
                let placeholder = format!("{{{}}}", b.codes);
                b.push(&placeholder, range.start);
            }
            Event::SoftBreak | Event::HardBreak => {
                b.heading_text(" ");
                b.push("\n", range.start);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => {
                let raw = &text[range.clone()];
                let at = raw
                    .rfind(dest_url.as_ref())
                    .map(|i| range.start + i)
                    .unwrap_or(range.start);
                links.push((dest_url.to_string(), at, link_type));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((url, at, link_type)) = links.pop() {
                    let shown = matches!(link_type, LinkType::Autolink | LinkType::Email)
                        || url.is_empty()
                        || b.current.text.trim_end().ends_with(url.as_str());
                    if !shown {
                        b.push(" <", at);
                        b.push(&url, at);
                        b.push(">", at + url.len());
                    }
                }
            }
            _ => {}
        }
    }
    b.flush();
    b.side.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(side: &SideText) -> Vec<&str> {
        side.blocks
            .iter()
            .map(|b| &side.text[b.range.clone()])
            .collect()
    }

    #[test]
    fn blocks_skip_code_and_keep_links() {
        let md = "# Titel\n\nEin **fetter** Satz mit `code` und [Link](https://x.org/a).\n\n```\nlet x = 1;\n```\n\n- eins\n- zwei\n  - drei\n\nEnde.\n\n    eingerückter Code\n";
        let side = from_text("t.md".into(), md);
        assert_eq!(
            blocks(&side),
            vec![
                "Titel",
                "Ein fetter Satz mit {1} und Link <https://x.org/a>.",
                "eins",
                "zwei",
                "drei",
                "Ende.",
            ]
        );
        // "Satz" is at line 3, column 16 (after "Ein **fetter** ").
        let off = side.text.find("Satz").unwrap();
        assert_eq!(side.position(off), (3, 16));
        let off = side.text.find("und").unwrap();
        assert_eq!(side.position(off), (3, 32));
        let off = side.text.find("https").unwrap();
        assert_eq!(side.position(off), (3, 43));
        let off = side.text.find("drei").unwrap();
        assert_eq!(side.position(off), (11, 5));
    }

    #[test]
    fn autolinks_and_front_matter() {
        let md = "---\ntitle: x\n---\n\nSiehe <https://x.org>.\n";
        let side = from_text("t.md".into(), md);
        assert_eq!(blocks(&side), vec!["Siehe https://x.org."]);
        assert_eq!(side.blocks[0].line, 5);
    }

    /// Every block carries the chain of headings above it; a heading its own path; a
    /// heading closes the headings of its level and deeper.
    #[test]
    fn blocks_are_named_by_their_heading_path() {
        let md = "Vorwort.\n\n# Einleitung\n\nErster Absatz.\n\n## Installation mit `cargo`\n\n- eins\n- zwei\n\n### Tiefer\n\nText.\n\nZweite\n------\n\nNoch ein Absatz.\n\n#\n\nLeer.\n";
        let side = from_text("t.md".into(), md);
        let units: Vec<(&str, String)> = side
            .blocks
            .iter()
            .map(|b| {
                let unit = side.unit_at(b.range.start).unwrap_or_default();
                (&side.text[b.range.clone()], unit.into_owned())
            })
            .collect();
        let want = [
            ("Vorwort.", ""),
            ("Einleitung", "Einleitung"),
            ("Erster Absatz.", "Einleitung"),
            (
                "Installation mit {1}",
                "Einleitung > Installation mit cargo",
            ),
            ("eins", "Einleitung > Installation mit cargo"),
            ("zwei", "Einleitung > Installation mit cargo"),
            ("Tiefer", "Einleitung > Installation mit cargo > Tiefer"),
            ("Text.", "Einleitung > Installation mit cargo > Tiefer"),
            ("Zweite", "Einleitung > Zweite"),
            ("Noch ein Absatz.", "Einleitung > Zweite"),
            ("Leer.", ""),
        ];
        let want: Vec<(&str, String)> = want.iter().map(|(t, u)| (*t, u.to_string())).collect();
        assert_eq!(units, want);
    }
}
