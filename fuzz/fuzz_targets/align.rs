//! Aligner: sentences are the lines of the two halves of the input (split at the first NUL).
//! Every sentence in exactly one bead, in order; allowed shapes; score in 0..=1.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::align::{AlignConfig, align};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = text.split_once('\0').unwrap_or((text, ""));
    let src: Vec<&str> = a.lines().take(200).collect();
    let tgt: Vec<&str> = b.lines().take(200).collect();
    let beads = align(&src, &tgt, &AlignConfig::default());
    let (mut i, mut j) = (0, 0);
    for bead in &beads {
        assert_eq!((bead.source.start, bead.target.start), (i, j));
        assert!(matches!(
            (bead.source.len(), bead.target.len()),
            (1, 1) | (1, 0) | (0, 1) | (2, 1) | (1, 2) | (2, 2)
        ));
        assert!((0.0..=1.0).contains(&bead.score), "score {}", bead.score);
        i = bead.source.end;
        j = bead.target.end;
    }
    assert_eq!((i, j), (src.len(), tgt.len()));
});
