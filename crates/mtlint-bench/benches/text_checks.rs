//! False alarms and speed of the text checks (MT001–MT004, MT006, MT015–MT017) on real German
//! MT: the WMT22 MQM development set in `../shared/data/mqm/wmt22_dev_ende/` (1005 segments,
//! mostly fluent German, with human error spans). A benchmark, not a test: it prints numbers.
//!
//! ```sh
//! cargo bench -p mtlint-bench --bench text_checks            # counts, MQM overlap, timings
//! cargo bench -p mtlint-bench --bench text_checks -- --list  # also print every error-severity finding
//! cargo bench -p mtlint-bench --bench text_checks -- --list-all  # … and every warning and info finding
//! SHOW_MISSES=glued-words cargo bench -p mtlint-bench --bench text_checks   # missed injections of one kind
//! cargo bench -p mtlint-bench --bench text_checks -- --ced --list  # the WMT21 CED German MT instead
//! TEXT_FILE=de.txt cargo bench -p mtlint-bench --bench text_checks -- --list-all  # any German, one per line
//! ```
//!
//! Data: [`mtlint_bench::data::load_mqm`] (the plain German text of the spans file, spans as
//! char offsets into it) and, with `--ced`, [`mtlint_bench::data::load_ced`] (the MT
//! detokenised). A finding "hits" when its span overlaps a human-marked error span of the
//! segment. The injected damage comes from [`mtlint_bench::inject`] (every kind whose check is
//! in this group), seeded per segment and kind with [`Rng::for_item`].

use std::ops::Range;
use std::time::Instant;

use mtlint::checks::{Check, DocStats, Findings, PairView, untranslated};
use mtlint::model::{Lang, Severity, Side};
use mtlint_bench::checks::score::overlaps;
use mtlint_bench::data;
use mtlint_bench::inject::{self, Kind, char_span};
use mtlint_bench::rng::Rng;

fn group() -> Vec<Box<dyn Check>> {
    mtlint::checks::text_group().pair
}

struct Seg {
    mt: String,
    src: String,
    /// Human error spans, char offsets into `mt`.
    spans: Vec<Range<usize>>,
    /// An annotator marked an error in this segment.
    marked: bool,
}

fn load() -> Option<Vec<Seg>> {
    let data = mtlint_bench::shared_data_dir();
    if std::env::args().any(|a| a == "--ced") {
        let ced = data::load_ced(&data).ok()?;
        return Some(
            ced.into_iter()
                .map(|p| Seg {
                    mt: p.target,
                    src: p.source,
                    spans: vec![],
                    marked: false,
                })
                .collect(),
        );
    }
    if let Ok(path) = std::env::var("TEXT_FILE") {
        // any German text, one segment per line, no source
        let text = std::fs::read_to_string(path).ok()?;
        return Some(
            text.lines()
                .map(|l| Seg {
                    mt: l.to_string(),
                    src: String::new(),
                    spans: vec![],
                    marked: false,
                })
                .collect(),
        );
    }
    let mqm = data::load_mqm(&data).ok()?;
    Some(
        mqm.into_iter()
            .map(|s| Seg {
                marked: !s.clean,
                mt: s.target,
                src: s.source,
                spans: s.spans,
            })
            .collect(),
    )
}

/// The pair of `source` and `target` with their sentences, as the pipeline gives it.
fn pair<'a>(source: &'a str, target: &'a str, doc: &'a DocStats) -> PairView<'a> {
    PairView::new(
        source,
        target,
        if source.is_empty() {
            vec![]
        } else {
            mtlint::segment::split(source, Lang::En)
        },
        mtlint::segment::split(target, Lang::De),
        doc,
    )
}

fn injected_recall(segs: &[Seg], checks: &[Box<dyn Check>], doc: &DocStats) {
    println!(
        "### Injected damage (unmarked segments, one injection each, seed 7, mtlint_bench::inject)\n"
    );
    println!(
        "| damage | expected check | injected | caught (span overlaps) | other error findings |"
    );
    println!("|---|---|---|---|---|");
    let codes: Vec<&str> = checks.iter().map(|c| c.rule().code).collect();
    let show = std::env::var("SHOW_MISSES").ok();
    for (k, kind) in Kind::PAIR_KINDS.iter().enumerate() {
        let code = kind.code();
        if !codes.contains(&code) {
            continue;
        }
        let shown = show.as_deref() == Some(kind.name());
        let (mut n, mut caught, mut other) = (0, 0, 0);
        for (i, s) in segs.iter().enumerate().filter(|(_, s)| !s.marked) {
            let mut rng = Rng::for_item(7, (i as u64) << 8 | k as u64);
            let Some(inj) = inject::inject(*kind, &s.src, &s.mt, &mut rng) else {
                continue;
            };
            n += 1;
            let mut out = Findings::new();
            for c in checks {
                c.check(&pair(&inj.source, &inj.target, doc), &mut out);
            }
            // A finding on the damage: same side, char spans overlap.
            let on_damage = |f: &mtlint::checks::Finding| {
                let text = match f.side {
                    Side::Target => &inj.target,
                    Side::Source => &inj.source,
                };
                f.side == inj.side && overlaps(&char_span(text, f.span.clone()), &inj.span)
            };
            let hit = out.iter().any(|f| f.rule.code == code && on_damage(f));
            caught += usize::from(hit);
            if !hit && shown {
                println!("MISS\t[{}]\t{}", inj.span_text(), inj.target);
            }
            for f in out
                .iter()
                .filter(|f| f.severity() == Severity::Error && !on_damage(f))
            {
                other += 1;
                if shown {
                    let text = match f.side {
                        Side::Target => &inj.target,
                        Side::Source => &inj.source,
                    };
                    println!(
                        "OTHER\t{}\t[{}]\t{}",
                        f.rule.code,
                        &text[f.span.clone()],
                        inj.target
                    );
                }
            }
        }
        println!(
            "| {} | {code} | {n} | {caught} ({:.3}) | {other} |",
            kind.name(),
            caught as f64 / n.max(1) as f64
        );
    }
    println!();
}

/// The text of a finding's span, on its side.
fn side_text<'a>(f: &mtlint::checks::Finding, source: &'a str, target: &'a str) -> &'a str {
    let text = match f.side {
        Side::Target => target,
        Side::Source => source,
    };
    text.get(f.span.clone()).unwrap_or("")
}

fn main() {
    let list_all = std::env::args().any(|a| a == "--list-all");
    let list = list_all || std::env::args().any(|a| a == "--list");
    let Some(segs) = load() else {
        eprintln!(
            "skipping: the data in {} was not found",
            mtlint_bench::shared_data_dir().display()
        );
        return;
    };
    let doc = DocStats {
        length_ratio: 1.1,
        ..Default::default()
    };
    let t0 = Instant::now();
    let mut out = Findings::new();
    untranslated::Untranslated.check(&PairView::simple("", "Leave a comment", &doc), &mut out);
    let first = t0.elapsed();
    let checks = group();
    println!(
        "{}: {} segments, {} with a human error span\n",
        if std::env::args().any(|a| a == "--ced") {
            "WMT21 CED dev en-de"
        } else if std::env::var_os("TEXT_FILE").is_some() {
            "TEXT_FILE"
        } else {
            "WMT22 MQM dev en-de"
        },
        segs.len(),
        segs.iter().filter(|s| s.marked).count()
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
                let mut out = Findings::new();
                c.check(&pair(source, &s.mt, &doc), &mut out);
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
                                side_text(&f, source, &s.mt),
                                s.mt
                            ));
                        }
                        continue;
                    }
                    let on_span = f.side == Side::Target && {
                        let span = char_span(&s.mt, f.span.clone());
                        s.spans.iter().any(|g| overlaps(&span, g))
                    };
                    hit += usize::from(on_span);
                    seg_hit += usize::from(s.marked);
                    listing.push(format!(
                        "{i}\t{}\t{}\t[{}]\t{}",
                        f.rule.code,
                        if on_span { "HIT" } else { "miss" },
                        side_text(&f, source, &s.mt),
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

    injected_recall(&segs, &checks, &doc);

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
                let mut out = Findings::new();
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
