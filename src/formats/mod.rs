//! Readers: turn files into [`Document`]s. Every reader validates its input and reports
//! problems as [`MtError`]s naming the file and position; none of them panics.

pub mod plaintext;

use std::path::Path;

use crate::error::{MtError, Result};
use crate::model::Document;

/// Read a file's bytes and decode them as UTF-8 text: BOM stripped, CRLF turned into LF.
///
/// Rejects directories, UTF-16 (by BOM), NUL bytes (binary files) and invalid UTF-8, each
/// with the line and byte where the problem is.
pub fn read_text(path: &Path) -> Result<String> {
    if path.is_dir() {
        return Err(MtError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| MtError::io(path, e))?;
    decode_text(path, bytes)
}

/// Decode bytes read from `path` (see [`read_text`]).
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(MtError::Utf16 {
            path: path.to_path_buf(),
            what: "file is UTF-16 (it starts with a UTF-16 byte-order mark)",
        });
    }
    let line_of = |byte: usize| 1 + bytes[..byte].iter().filter(|&&b| b == b'\n').count();
    if let Some(pos) = memchr_nul(&bytes) {
        return Err(MtError::Binary {
            path: path.to_path_buf(),
            line: line_of(pos),
            byte: pos,
        });
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let byte = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = 1 + bytes[..byte].iter().filter(|&&b| b == b'\n').count();
            return Err(MtError::InvalidUtf8 {
                path: path.to_path_buf(),
                line,
                byte,
            });
        }
    };
    if let Some(rest) = text.strip_prefix('\u{FEFF}') {
        text = rest.to_string();
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    Ok(text)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Read a source/target pair of plain-text files into one document.
pub fn read_pair(source: &Path, target: &Path) -> Result<Document> {
    let source_text = plaintext::read(source)?;
    let target_text = plaintext::read(target)?;
    let paired =
        !source_text.blocks.is_empty() && source_text.blocks.len() == target_text.blocks.len();
    Ok(Document {
        id: target.display().to_string(),
        source: source_text,
        target: target_text,
        paired,
    })
}
