//! The whole pipeline on a pair: bytes split at the first NUL into source and target, read
//! as plain text (decode + paragraphs), segmented, aligned, checked, turned into report rows
//! and CSV. Invariants: no panic; spans on char boundaries inside their pair text; the CSV
//! reads back (csv crate + restore) to the same rows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::formats::{decode_text, plaintext};
use mtlint::model::{Document, Side};
use mtlint::pipeline::{Settings, check_document};
use mtlint::report::{self, Row};

fuzz_target!(|data: &[u8]| {
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (a, b) = (&data[..cut], data.get(cut + 1..).unwrap_or(&[]));
    let path = std::path::Path::new("fuzz.txt");
    let (Ok(a), Ok(b)) = (decode_text(path, a.to_vec()), decode_text(path, b.to_vec())) else {
        return;
    };
    let source = plaintext::from_text("src".into(), a);
    let target = plaintext::from_text("tgt".into(), b);
    let paired = !source.blocks.is_empty() && source.blocks.len() == target.blocks.len();
    let doc = Document {
        id: "tgt".into(),
        source,
        target,
        paired,
    };
    let checked = check_document(doc, &Settings::default(), &mtlint::checks::registry());
    for (i, f) in &checked.findings {
        let pair = &checked.pairs[*i];
        let text = match f.side {
            Side::Target => &checked.doc.target.text[pair.target_range.clone()],
            Side::Source => &checked.doc.source.text[pair.source_range.clone()],
        };
        assert!(f.span.start <= f.span.end && f.span.end <= text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
    }
    let rows = report::rows(&checked, true);
    let mut out = Vec::new();
    report::csv::write(&mut out, &rows).expect("write to Vec");
    let mut reader = csv::ReaderBuilder::new().from_reader(&out[..]);
    let headers = reader.headers().expect("header").clone();
    let back: Vec<Row> = reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            let restored: csv::StringRecord = r.iter().map(report::csv::restore).collect();
            restored.deserialize(Some(&headers)).expect("row")
        })
        .collect();
    assert_eq!(back, rows);
});
