//! The text checks on the real seed article: every kind of damage in it is found, nothing
//! else fires. (Their false alarms on the WMT22 MQM German MT: `benches/text_checks.rs`.)

use crate::checks::{Check, DocStats, Finding, PairView};
use crate::model::Lang;

/// The checks of this group (MT001–MT004, MT006, MT015–MT017).
fn group() -> Vec<Box<dyn Check>> {
    super::text_group()
}

/// Run the group on one paragraph (empty source), its sentences as the pair's sentences.
fn findings_for(paragraph: &str, source: &str) -> Vec<Finding> {
    let doc = DocStats {
        length_ratio: 1.1,
        ..Default::default()
    };
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
        unit_space: None,
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

/// Guard against false alarms on real MT (the benchmark is `benches/text_checks.rs`): on the
/// WMT22 MQM German MT, segments that the annotators found free of errors get no
/// error-severity finding from these checks, and the untranslated headlines stay caught.
#[test]
fn no_error_findings_on_clean_real_mt() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/mqm/wmt22_dev_ende/"
    );
    let (Ok(mt), Ok(src), Ok(tsv)) = (
        std::fs::read_to_string(format!("{dir}mqm_dev2022_ende.mt")),
        std::fs::read_to_string(format!("{dir}mqm_dev2022_ende.src")),
        std::fs::read_to_string(format!("{dir}2022_en-de_dev_processed.spans.tsv")),
    ) else {
        eprintln!("skipping: ../shared/data/mqm/wmt22_dev_ende/ not found");
        return;
    };
    let detok = |s: &str| {
        let mut t = s.replace(" <EOS>", "");
        for c in ["s", "t", "re", "m", "ve", "ll", "d"] {
            t = t.replace(&format!(" &apos; {c} "), &format!("'{c} "));
        }
        t = t
            .replace("&apos;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        for p in [",", ".", ":", ";", "?", "!", ")"] {
            t = t.replace(&format!(" {p}"), p);
        }
        t.replace("( ", "(").trim().to_string()
    };
    let clean: Vec<bool> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(8).is_some_and(|e| e.trim() == "no-error"))
        .collect();
    assert!(
        clean.iter().filter(|&&c| c).count() > 500,
        "spans file not read"
    );
    let mut false_alarms = Vec::new();
    let mut caught = Vec::new();
    for (i, (t, s)) in mt.lines().zip(src.lines()).enumerate() {
        let (t, s) = (detok(t), detok(s));
        for f in findings_for(&t, &s) {
            if f.severity() != crate::model::Severity::Error {
                continue;
            }
            if clean.get(i).copied().unwrap_or(false) {
                false_alarms.push(format!("{i} {} [{}] {t}", f.rule.code, &t[f.span.clone()]));
            } else {
                caught.push((i, f.rule.code));
            }
        }
    }
    assert!(false_alarms.is_empty(), "{false_alarms:#?}");
    for seg in [197, 462, 762] {
        assert!(
            caught.contains(&(seg, "MT001")),
            "segment {seg} no longer caught"
        );
    }
}
