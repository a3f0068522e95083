//! The checks on real MT: the WMT22 English→German MQM development set in
//! `../shared/data/mqm/wmt22_dev_ende/` (1005 segments with human error spans), read by the
//! benchmarks' loader. Guards against false alarms, not the benchmark: error-severity findings
//! in segments that the annotators found free of errors are listed and must stay few (none for
//! the text checks), and the real errors the checks are known to catch must stay caught.
//! Skip when `../shared/` is absent.

use mtlint::Severity;
use mtlint::checks::{DocStats, PairView, RuleSet};
use mtlint::model::Lang;
use mtlint_bench::data::{MqmSegment, load_mqm};

/// The MQM segments, or `None` (with a note) when the shared data is absent.
fn segments() -> Option<Vec<MqmSegment>> {
    let data = mtlint_bench::shared_data_dir();
    if !data.join(mtlint_bench::data::MQM_SPANS).is_file() {
        eprintln!("skipping: {} not found", data.display());
        return None;
    }
    Some(load_mqm(&data).expect("the MQM data loads"))
}

const CODES: &[&str] = &[
    "MT009", "MT010", "MT011", "MT012", "MT013", "MT014", "MT020",
];

#[test]
fn few_false_alarms_on_real_mt() {
    let Some(segments) = segments() else {
        return;
    };
    let doc = DocStats {
        length_ratio: 1.12,
        log_ratio_mean: 0.11,
        log_ratio_sd: 0.1,
        ratio_pairs: 1000,
    };
    let checks = RuleSet::build(&Default::default(), |e| CODES.contains(&e.rule.code));
    let mut unconfirmed = Vec::new();
    let mut caught = Vec::new();
    for seg in &segments {
        let (source, target, marked) = (seg.source.as_str(), seg.target.as_str(), !seg.clean);
        let pair = PairView::simple(source, target, &doc);
        let out = checks.check_pair(&pair);
        for f in out.iter().filter(|f| f.severity() == Severity::Error) {
            let text = match f.side {
                mtlint::model::Side::Target => &target[f.span.clone()],
                mtlint::model::Side::Source => &source[f.span.clone()],
            };
            let line = format!("{} {:?} '{text}': {}", f.rule.code, f.side, f.message);
            if marked {
                caught.push(line);
            } else {
                unconfirmed.push(line);
            }
        }
    }
    eprintln!("in segments with a human-marked error:");
    caught.iter().for_each(|l| eprintln!("  {l}"));
    eprintln!("in segments without one:");
    unconfirmed.iter().for_each(|l| eprintln!("  {l}"));
    // Measured 6 (numbers of the English that the MT really dropped but the annotators, who
    // mark German spans only, did not mark, and one anonymised "URL-0").
    assert!(
        unconfirmed.len() <= 8,
        "{} unconfirmed error findings",
        unconfirmed.len()
    );
    // "Rady" → "Rati" (a name spelled differently) is an MT020 warning since issue 16: on
    // professional translations the letter-level name test fires on transliterations
    // ("Mursi", "Binyamin" → "Benjamin") far more often than on real misspellings.
    for expected in ["'Spionage Spionage'", "'und böse und böse und'"] {
        assert!(
            caught.iter().any(|l| l.contains(expected)),
            "no longer caught: {expected}"
        );
    }
}

/// Guard against false alarms of the text checks (MT001–MT004, MT006, MT015–MT017; the
/// benchmark is `benches/text_checks.rs`): segments that the annotators found free of errors
/// get no error-severity finding, and the untranslated headlines stay caught.
#[test]
fn no_text_check_error_findings_on_clean_real_mt() {
    let Some(segments) = segments() else {
        return;
    };
    assert!(
        segments.iter().filter(|s| s.clean).count() > 500,
        "spans file not read"
    );
    let doc = DocStats {
        length_ratio: 1.1,
        ..Default::default()
    };
    let checks = mtlint::checks::text_group();
    let mut false_alarms = Vec::new();
    let mut caught = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        let (s, t) = (seg.source.as_str(), seg.target.as_str());
        let pair = PairView::new(
            s,
            t,
            mtlint::segment::split(s, Lang::En),
            mtlint::segment::split(t, Lang::De),
            &doc,
        );
        let out = checks.check_pair(&pair);
        for f in out.iter().filter(|f| f.severity() == Severity::Error) {
            if seg.clean {
                false_alarms.push(format!("{i} {} {:?} {:?} {t}", f.rule.code, f.side, f.span));
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
