//! False alarms and speed of the text checks (MT001–MT004, MT006, MT015–MT017) on real German
//! MT: the WMT22 MQM development set in `../shared/data/mqm/wmt22_dev_ende/` (1005 segments,
//! mostly fluent German, with human error spans). A benchmark, not a test: it prints numbers.
//!
//! ```sh
//! cargo bench --bench text_checks            # counts, MQM overlap, timings
//! cargo bench --bench text_checks -- --list  # also print every error-severity finding
//! cargo bench --bench text_checks -- --list-all  # … and every warning and info finding
//! ```
//!
//! The `.mt` lines are tokenised ("Lee .", "&quot;", "<EOS>"); they are detokenised with a
//! character map back to the original line, so finding spans can be compared with the MQM spans
//! (character offsets into the `.mt` line). A finding "hits" when its span overlaps a
//! human-marked error span of the segment.

use std::time::Instant;

use mtlint::checks::{
    Check, DocStats, PairView, broken_abbreviation, capitalised_function_word, glued_words,
    miscapitalised_word, sentence_fragment, unbalanced_quotes, untranslated,
    whitespace_punctuation,
};
use mtlint::model::{Lang, Severity};

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

/// Replacements, the first that matches at a position wins ("Martin &apos; s , nannte" →
/// "Martin's, nannte").
const REPLACEMENTS: &[(&str, &str)] = &[
    (" &apos; s ,", "'s,"),
    (" &apos; s .", "'s."),
    (" &apos; s ", "'s "),
    (" &apos; t ,", "'t,"),
    (" &apos; t .", "'t."),
    (" &apos; t ", "'t "),
    (" &apos; re ,", "'re,"),
    (" &apos; re .", "'re."),
    (" &apos; re ", "'re "),
    (" &apos; m ,", "'m,"),
    (" &apos; m .", "'m."),
    (" &apos; m ", "'m "),
    (" &apos; ve ,", "'ve,"),
    (" &apos; ve .", "'ve."),
    (" &apos; ve ", "'ve "),
    (" &apos; ll ,", "'ll,"),
    (" &apos; ll .", "'ll."),
    (" &apos; ll ", "'ll "),
    (" &apos; d ,", "'d,"),
    (" &apos; d .", "'d."),
    (" &apos; d ", "'d "),
    ("&apos;", "'"),
    ("&quot;", "\""),
    ("&amp;", "&"),
    (" <EOS>", ""),
    ("<EOS>", ""),
    (" ,", ","),
    (" .", "."),
    (" :", ":"),
    (" ;", ";"),
    (" ?", "?"),
    (" !", "!"),
    ("( ", "("),
    (" )", ")"),
];

/// Detokenised text and, per char of it, the char offset in the original line.
fn detokenise(line: &str) -> (String, Vec<usize>) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut map = Vec::new();
    let mut i = 0;
    'outer: while i < chars.len() {
        for (pat, rep) in REPLACEMENTS {
            let p: Vec<char> = pat.chars().collect();
            if chars[i..].starts_with(&p) {
                for c in rep.chars() {
                    out.push(c);
                    map.push(i);
                }
                i += p.len();
                continue 'outer;
            }
        }
        out.push(chars[i]);
        map.push(i);
        i += 1;
    }
    (out.trim_end().to_string(), map)
}

fn char_range(text: &str, bytes: std::ops::Range<usize>) -> (usize, usize) {
    (
        text[..bytes.start].chars().count(),
        text[..bytes.end].chars().count(),
    )
}

struct Seg {
    mt: String,
    map: Vec<usize>,
    src: String,
    spans: Vec<(usize, usize)>,
}

fn load() -> Option<Vec<Seg>> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/mqm/wmt22_dev_ende/"
    );
    let mt = std::fs::read_to_string(format!("{dir}mqm_dev2022_ende.mt")).ok()?;
    let src = std::fs::read_to_string(format!("{dir}mqm_dev2022_ende.src")).ok()?;
    let tsv = std::fs::read_to_string(format!("{dir}2022_en-de_dev_processed.spans.tsv")).ok()?;
    let rows: Vec<Vec<(usize, usize)>> = tsv
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let starts = c.get(6).unwrap_or(&"");
            let ends = c.get(7).unwrap_or(&"");
            starts
                .split_whitespace()
                .zip(ends.split_whitespace())
                .filter_map(|(a, b)| Some((a.parse::<i64>().ok()?, b.parse::<i64>().ok()?)))
                .filter(|&(a, b)| a >= 0 && b > a)
                .map(|(a, b)| (a as usize, b as usize))
                .collect()
        })
        .collect();
    Some(
        mt.lines()
            .zip(src.lines())
            .enumerate()
            .map(|(i, (m, s))| {
                let (mt, map) = detokenise(m);
                let (src, _) = detokenise(s);
                Seg {
                    mt,
                    map,
                    src,
                    spans: rows.get(i).cloned().unwrap_or_default(),
                }
            })
            .collect(),
    )
}

fn main() {
    let list_all = std::env::args().any(|a| a == "--list-all");
    let list = list_all || std::env::args().any(|a| a == "--list");
    let Some(segs) = load() else {
        eprintln!("skipping: ../shared/data/mqm/wmt22_dev_ende/ not found");
        return;
    };
    let doc = DocStats { length_ratio: 1.1 };
    let t0 = Instant::now();
    let mut out = Vec::new();
    untranslated::Untranslated.check(&PairView::simple("", "Leave a comment", &doc), &mut out);
    let first = t0.elapsed();
    let checks = group();
    println!(
        "WMT22 MQM dev en-de: {} segments, {} with a human error span\n",
        segs.len(),
        segs.iter().filter(|s| !s.spans.is_empty()).count()
    );
    for with_source in [true, false] {
        println!(
            "### {} source\n",
            if with_source {
                "With"
            } else {
                "Without (empty)"
            }
        );
        println!(
            "| check | error | warning | info | error findings on a marked span | in a marked segment |"
        );
        println!("|---|---|---|---|---|---|");
        let mut listing = Vec::new();
        for c in &checks {
            let (mut e, mut w, mut inf, mut hit, mut seg_hit) = (0, 0, 0, 0, 0);
            for (i, s) in segs.iter().enumerate() {
                let source = if with_source { s.src.as_str() } else { "" };
                let pair = PairView {
                    source,
                    target: &s.mt,
                    source_sentences: if source.is_empty() {
                        vec![]
                    } else {
                        mtlint::segment::split(source, Lang::En)
                    },
                    target_sentences: mtlint::segment::split(&s.mt, Lang::De),
                    score: 1.0,
                    doc: &doc,
                };
                let mut out = Vec::new();
                c.check(&pair, &mut out);
                for f in out {
                    match f.severity() {
                        Severity::Error => e += 1,
                        Severity::Warning => w += 1,
                        Severity::Info => inf += 1,
                    }
                    if f.severity() != Severity::Error {
                        if list_all {
                            listing.push(format!(
                                "{i}\t{}\t{}\t[{}]\t{}",
                                f.rule.code,
                                f.severity(),
                                &s.mt[f.span.clone()],
                                s.mt
                            ));
                        }
                        continue;
                    }
                    let (a, b) = char_range(&s.mt, f.span.clone());
                    let oa = s.map.get(a).copied().unwrap_or(0);
                    let ob = s.map.get(b.saturating_sub(1)).map_or(oa + 1, |&x| x + 1);
                    let on_span = s.spans.iter().any(|&(x, y)| oa < y && x < ob);
                    hit += usize::from(on_span);
                    seg_hit += usize::from(!s.spans.is_empty());
                    listing.push(format!(
                        "{i}\t{}\t{}\t[{}]\t{}",
                        f.rule.code,
                        if on_span { "HIT" } else { "miss" },
                        &s.mt[f.span.clone()],
                        s.mt
                    ));
                }
            }
            println!(
                "| {} {} | {e} | {w} | {inf} | {hit} | {seg_hit} |",
                c.rule().code,
                c.rule().name
            );
        }
        println!();
        if list {
            for l in listing {
                println!("{l}");
            }
            println!();
        }
    }

    println!("### Time per pair (release, whole MQM set ×10, one thread)\n");
    println!("| check | µs per pair |");
    println!("|---|---|");
    let mut total = 0.0;
    for c in &checks {
        let t = Instant::now();
        let mut n = 0usize;
        for _ in 0..10 {
            for s in &segs {
                let pair = PairView::simple(&s.src, &s.mt, &doc);
                let mut out = Vec::new();
                c.check(&pair, &mut out);
                n += 1;
            }
        }
        let us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
        total += us;
        println!("| {} | {us:.1} |", c.rule().code);
    }
    println!("| all eight | {total:.1} |");
    println!("\nfirst MT001 call (builds the lingua detector): {first:?}");
}
