//! Tests of the text checks on real text: the seed article (every kind of damage in it is
//! found, nothing else fires) and, as an ignored diagnostic, the WMT22 MQM German MT lines.

use crate::checks::{Check, DocStats, Finding, PairView};
use crate::model::Lang;

use super::{
    broken_abbreviation, capitalised_function_word, glued_words, miscapitalised_word,
    sentence_fragment, unbalanced_quotes, untranslated, whitespace_punctuation,
};

/// The checks of this group (MT001–MT004, MT006, MT015–MT017).
fn group() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(untranslated::Untranslated),
        Box::new(glued_words::GluedWords),
        Box::new(sentence_fragment::SentenceFragment),
        Box::new(capitalised_function_word::CapitalisedFunctionWord),
        Box::new(unbalanced_quotes::UnbalancedQuotes),
        Box::new(broken_abbreviation::BrokenAbbreviation),
        Box::new(whitespace_punctuation::WhitespacePunctuation),
        Box::new(miscapitalised_word::MiscapitalisedWord),
    ]
}

/// Run the group on one paragraph (empty source), its sentences as the pair's sentences.
fn findings_for(paragraph: &str, source: &str) -> Vec<Finding> {
    let doc = DocStats { length_ratio: 1.1 };
    let pair = PairView {
        source,
        target: paragraph,
        source_sentences: if source.is_empty() {
            vec![]
        } else {
            crate::segment::split(source, Lang::En)
        },
        target_sentences: crate::segment::split(paragraph, Lang::De),
        score: 1.0,
        doc: &doc,
    };
    let mut out = Vec::new();
    for c in group() {
        c.check(&pair, &mut out);
    }
    out
}

fn seed_text() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seeds/000_87cf3ed9dc8b236f.txt"
    );
    match std::fs::read_to_string(path) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!("skipping: {path} not found (../shared/ is absent)");
            None
        }
    }
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn seed_findings_are_exactly_the_damage() {
    let Some(text) = seed_text() else { return };
    let mut got: Vec<(String, String, String)> = Vec::new();
    for p in paragraphs(&text) {
        for f in findings_for(p, "") {
            got.push((
                f.rule.code.to_string(),
                p[f.span.clone()].to_string(),
                f.suggestion.clone().unwrap_or_default(),
            ));
        }
    }
    got.sort();
    let mut expected: Vec<(String, String, String)> = [
        // untranslated English
        ("MT001", "Cryptocurrency and Blockchain", ""),
        ("MT001", "in a", ""),
        ("MT001", "About the author", ""),
        ("MT001", "Leave a Comment", ""),
        // glued words at link boundaries
        ("MT002", "IndividuumWilliam", "Individuum William"),
        ("MT002", "VersammlungIm", "Versammlung Im"),
        // stray periods cutting sentences
        ("MT003", ". durch", " durch"),
        ("MT003", ". ziehen", " ziehen"),
        ("MT003", ". mit", " mit"),
        // capitalised function words at seams
        ("MT004", "Noch", "noch"),
        ("MT004", "Die", "die"),
        ("MT004", "Aus", "aus"),
        ("MT004", "All", "all"),
        ("MT004", "Bisher", "bisher"),
        // quotes: „…» and „ never closed
        ("MT006", "»", "“"),
        ("MT006", "„", ""),
        // broken "z. B."
        ("MT015", "z", "z. B."),
        // capitalised adjective and finite verb
        ("MT017", "Traditionelle", "traditionelle"),
        ("MT017", "Unterstreicht", "unterstreicht"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    expected.sort();
    assert_eq!(got, expected);
}

/// Not a test of behaviour: prints every finding of the group on the German MT of the WMT22
/// MQM development set, for reading the false alarms. Run with
/// `cargo test --lib mqm_findings -- --ignored --nocapture`.
#[test]
#[ignore]
fn mqm_findings() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/mqm/wmt22_dev_ende/"
    );
    let mt_path = std::env::var("MT_FILE").unwrap_or(format!("{dir}mqm_dev2022_ende.mt"));
    let src_path = std::env::var("SRC_FILE").unwrap_or(format!("{dir}mqm_dev2022_ende.src"));
    let (Ok(mt), Ok(src)) = (
        std::fs::read_to_string(mt_path),
        std::fs::read_to_string(src_path),
    ) else {
        eprintln!("skipping: MQM data not found");
        return;
    };
    let clean = |s: &str| {
        s.replace("&apos;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
            .replace(" <EOS>", "")
            .replace(" ' s ", "'s ")
            .replace(" ,", ",")
            .replace(" .", ".")
            .replace(" :", ":")
            .replace(" ;", ";")
            .replace(" ?", "?")
            .replace(" !", "!")
            .replace("( ", "(")
            .replace(" )", ")")
            .replace("<EOS>", "")
            .trim()
            .to_string()
    };
    let use_source = std::env::var("MQM_SOURCE").is_ok();
    let mut counts = std::collections::BTreeMap::new();
    for (i, (t, s)) in mt.lines().zip(src.lines()).enumerate() {
        let t = clean(t);
        let s = clean(s);
        let fs = findings_for(&t, if use_source { &s } else { "" });
        for f in fs {
            *counts
                .entry((f.rule.code, f.severity().as_str()))
                .or_insert(0usize) += 1;
            println!(
                "{i}\t{}\t{}\t[{}]\t{}\t{}",
                f.rule.code,
                f.severity(),
                &t[f.span.clone()],
                f.suggestion.clone().unwrap_or_default(),
                t
            );
        }
    }
    println!("{counts:?}");
}

/// Not a test of behaviour: time per check over the MQM German lines (run in release:
/// `cargo test --release --lib check_timings -- --ignored --nocapture`).
#[test]
#[ignore]
fn check_timings() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/mqm/wmt22_dev_ende/"
    );
    let (Ok(mt), Ok(src)) = (
        std::fs::read_to_string(format!("{dir}mqm_dev2022_ende.mt")),
        std::fs::read_to_string(format!("{dir}mqm_dev2022_ende.src")),
    ) else {
        eprintln!("skipping: MQM data not found");
        return;
    };
    let lines: Vec<(String, String)> = mt
        .lines()
        .zip(src.lines())
        .map(|(t, s)| {
            let c = |x: &str| {
                x.replace("&apos;", "'")
                    .replace("&quot;", "\"")
                    .replace(" <EOS>", "")
            };
            (c(t), c(s))
        })
        .collect();
    let doc = DocStats { length_ratio: 1.1 };
    let t0 = std::time::Instant::now();
    let mut out = Vec::new();
    untranslated::Untranslated.check(&PairView::simple("", "Leave a comment", &doc), &mut out);
    println!("first MT001 call (lingua models load): {:?}", t0.elapsed());
    let t = std::time::Instant::now();
    let words = [
        "Auftritt",
        "research",
        "Podcasts",
        "Bits",
        "Farmer",
        "Cryptocurrency",
    ];
    for _ in 0..200 {
        for w in words {
            std::hint::black_box(untranslated::english_confidence(w));
        }
    }
    println!("lingua per word: {:?}", t.elapsed() / 1200);
    let t = std::time::Instant::now();
    let mut slow = Vec::new();
    for (tgt, s) in &lines {
        let t1 = std::time::Instant::now();
        let pair = PairView::simple(s, tgt, &doc);
        let mut out = Vec::new();
        untranslated::Untranslated.check(&pair, &mut out);
        slow.push((t1.elapsed(), tgt.clone()));
    }
    println!("MT001 one pass: {:?}", t.elapsed());
    slow.sort();
    for (d, l) in slow.iter().rev().take(5) {
        println!("  {d:?} {}", &l[..l.len().min(80)]);
    }
    for c in group() {
        let t = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..10 {
            for (tgt, s) in &lines {
                let pair = PairView::simple(s, tgt, &doc);
                let mut out = Vec::new();
                c.check(&pair, &mut out);
                n += 1;
            }
        }
        let el = t.elapsed();
        println!(
            "{} {:>8.1} µs/pair ({n} pairs)",
            c.rule().code,
            el.as_secs_f64() * 1e6 / n as f64
        );
    }
}
