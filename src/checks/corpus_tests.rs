//! The text checks on the real seed article: every kind of damage in it is found, nothing
//! else fires. (Their false alarms on the WMT22 MQM German MT: `crates/mtlint-bench/tests/real_mt.rs`
//! and `crates/mtlint-bench/benches/text_checks.rs`.)

use crate::checks::{DocStats, Finding, PairView, RuleSet};
use crate::model::Lang;

/// The checks of this group (MT001–MT004, MT006, MT015–MT017).
fn group() -> RuleSet {
    super::text_group()
}

/// Run the group on one paragraph (empty source), its sentences as the pair's sentences.
fn findings_for(paragraph: &str, source: &str) -> Vec<Finding> {
    let doc = DocStats {
        length_ratio: 1.1,
        ..Default::default()
    };
    let pair = PairView::new(
        source,
        paragraph,
        if source.is_empty() {
            vec![]
        } else {
            crate::segment::split(source, Lang::En)
        },
        crate::segment::split(paragraph, Lang::De),
        &doc,
    );
    group().check_pair(&pair)
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
        ("MT002", "VersammlungIm", "Versammlung im"),
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
