//! Segmenter (en and de): sentences in order, non-overlapping, trimmed, on char boundaries,
//! covering every non-white-space char of the block.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::model::Lang;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let lang = if first & 1 == 0 { Lang::En } else { Lang::De };
    let mut prev = 0;
    for r in mtlint::segment::split(text, lang) {
        assert!(prev <= r.start && r.start < r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert!(text[prev..r.start].chars().all(char::is_whitespace));
        let s = &text[r.clone()];
        assert_eq!(s.trim(), s);
        prev = r.end;
    }
    assert!(text[prev..].chars().all(char::is_whitespace));
});
