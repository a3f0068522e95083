//! Plain UTF-8 text: paragraphs separated by one or more blank lines; or, pre-split
//! (`--lines`, [`read_lines`]), one sentence per line.
//!
//! Units (the reports' `unit` column): a paragraph is `paragraph N`, N its 1-based number
//! in the file (counted per file, in the order of the file); in pre-split text a pair is
//! `line N`, the file line of its first target sentence ([`BlockName::Line`]). Both are
//! places, not names: a baseline fingerprint leaves them out (see
//! [`crate::report::baseline`]), so a paragraph added above a finding does not break it.

use std::path::Path;

use crate::error::{MtError, Result};
use crate::model::{Block, BlockName, SideText};

/// Read a plain-text file into paragraphs.
pub fn read(path: &Path) -> Result<SideText> {
    let text = super::read_text(path)?;
    let side = from_text(path.display().to_string(), text);
    if side.blocks.is_empty() {
        return Err(MtError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(side)
}

/// What separates paragraphs in a pre-split file (`--lines --paragraphs …`). Paragraphs are
/// aligned pair by pair when both files have as many; otherwise the whole file is aligned at
/// once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paragraphs {
    /// Nothing: the file is one paragraph; blank lines are skipped (they are no sentence).
    #[default]
    None,
    /// Blank lines (lines that are empty or hold only white space).
    BlankLine,
}

/// Read a pre-split plain-text file (`--lines`): every non-blank line is one sentence,
/// taken as given — the segmenter neither splits a line nor joins lines (an unclosed „ does
/// not reach into the next line). Blank lines separate paragraphs with
/// [`Paragraphs::BlankLine`]; with [`Paragraphs::None`] the whole file is one paragraph.
pub fn read_lines(path: &Path, paragraphs: Paragraphs) -> Result<SideText> {
    let text = super::read_text(path)?;
    let side = lines_from_text(path.display().to_string(), text, paragraphs);
    if side.blocks.is_empty() {
        return Err(MtError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(side)
}

/// [`read_lines`] on text in memory.
pub fn lines_from_text(origin: String, text: String, paragraphs: Paragraphs) -> SideText {
    let mut side = from_text(origin, text);
    if paragraphs == Paragraphs::None && side.blocks.len() > 1 {
        let first = side.blocks[0].clone();
        let end = side.blocks[side.blocks.len() - 1].range.end;
        side.blocks = vec![Block::new(
            first.range.start..end,
            first.at().0,
            first.at().1,
        )];
    }
    for b in &mut side.blocks {
        b.set_lines(true);
        b.set_name(BlockName::Line);
    }
    side
}

/// Split `text` into paragraphs: runs of non-blank lines, separated by blank lines
/// (lines that are empty or hold only white space). Each block records its first line and
/// column; leading and trailing white space of a paragraph is not part of it. Each block is
/// named `paragraph N` ([`BlockName::Paragraph`]).
pub fn from_text(origin: String, text: String) -> SideText {
    let mut blocks = Vec::new();
    let mut line_no = 0usize;
    let mut offset = 0usize;
    let mut current: Option<(usize, usize, usize, usize)> = None; // start, end, line, column
    for line in text.split_inclusive('\n') {
        line_no += 1;
        let content = line.trim_end_matches('\n');
        let trimmed = content.trim();
        if trimmed.is_empty() {
            if let Some((s, e, l, c)) = current.take() {
                blocks.push(paragraph(s..e, l, c));
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            let start = offset + lead;
            let end = offset + content.trim_end().len();
            match current.as_mut() {
                Some(cur) => cur.1 = end,
                None => {
                    let column = 1 + content[..lead].chars().count();
                    current = Some((start, end, line_no, column));
                }
            }
        }
        offset += line.len();
    }
    if let Some((s, e, l, c)) = current.take() {
        blocks.push(paragraph(s..e, l, c));
    }
    SideText {
        origin,
        text,
        blocks,
        lang: None,
    }
}

fn paragraph(range: std::ops::Range<usize>, line: usize, column: usize) -> Block {
    let mut block = Block::new(range, line, column);
    block.set_name(BlockName::Paragraph);
    block
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_split_on_blank_lines() {
        let side = from_text("t".into(), "  Eins zwei.\nDrei.\n\n \n\tVier.\n".into());
        let texts: Vec<&str> = side
            .blocks
            .iter()
            .map(|b| &side.text[b.range.clone()])
            .collect();
        assert_eq!(texts, vec!["Eins zwei.\nDrei.", "Vier."]);
        assert_eq!((side.blocks[0].line, side.blocks[0].column), (1, 3));
        assert_eq!((side.blocks[1].line, side.blocks[1].column), (5, 2));
        let units: Vec<String> = side
            .blocks
            .iter()
            .map(|b| side.unit_at(b.range.start).unwrap_or_default().into_owned())
            .collect();
        assert_eq!(units, ["paragraph 1", "paragraph 2"]);
    }

    #[test]
    fn pre_split_text_is_one_block_unless_blank_lines_are_asked_for() {
        let text = "Eins „zwei.\nDrei.\n\nVier.\n";
        let one = lines_from_text("t".into(), text.into(), Paragraphs::None);
        assert_eq!(one.blocks.len(), 1);
        assert!(one.blocks[0].lines());
        assert_eq!(
            &one.text[one.blocks[0].range.clone()],
            "Eins „zwei.\nDrei.\n\nVier."
        );
        let two = lines_from_text("t".into(), text.into(), Paragraphs::BlankLine);
        assert_eq!(two.blocks.len(), 2);
        assert!(two.blocks.iter().all(|b| b.lines()));
        // Pre-split text: the report names the line (`line N`), not the paragraph.
        assert!(
            [&one, &two]
                .iter()
                .all(|s| s.blocks.iter().all(|b| *b.name() == BlockName::Line))
        );
        assert_eq!(two.unit_at(0), None);
    }

    #[test]
    fn positions_count_lines_and_chars() {
        let side = from_text("t".into(), "Über.\nZwei ü.\n\nDrei.".into());
        let off = side.text.find("ü.").unwrap();
        assert_eq!(side.position(off), (2, 6));
        let off = side.text.find("Drei").unwrap();
        assert_eq!(side.position(off), (4, 1));
    }
}
