//! Plain-text reader: arbitrary bytes → decode (UTF-8, BOM, CRLF, NUL, UTF-16) → paragraphs.
//! Invariants: no panic; blocks are in order, on char boundaries, trimmed and non-empty;
//! every block position is a valid 1-based (line, column).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::formats::{decode_text, plaintext};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode_text(std::path::Path::new("fuzz.txt"), data.to_vec()) else {
        return;
    };
    let side = plaintext::from_text("fuzz.txt".into(), text);
    let mut prev = 0;
    for b in &side.blocks {
        assert!(prev <= b.range.start && b.range.start < b.range.end);
        assert!(side.text.is_char_boundary(b.range.start));
        assert!(side.text.is_char_boundary(b.range.end));
        let t = &side.text[b.range.clone()];
        assert_eq!(t.trim(), t);
        assert!(b.line >= 1 && b.column >= 1);
        let (line, column) = side.position(b.range.start);
        assert_eq!((line, column), (b.line, b.column));
        let _ = side.position(b.range.end);
        prev = b.range.end;
    }
});
