//! False alarms and speed of the text checks (MT001–MT004, MT006, MT015–MT017) on real German
//! MT: the WMT22 MQM development set in `../shared/data/mqm/wmt22_dev_ende/` (1005 segments,
//! mostly fluent German, with human error spans). A benchmark, not a test: it prints numbers.
//!
//! ```sh
//! cargo bench --bench text_checks            # counts, MQM overlap, timings
//! cargo bench --bench text_checks -- --list  # also print every error-severity finding
//! cargo bench --bench text_checks -- --list-all  # … and every warning and info finding
//! SHOW_MISSES=glued cargo bench --bench text_checks   # missed injections of one kind
//! cargo bench --bench text_checks -- --ced --list  # the WMT21 CED German MT instead
//! TEXT_FILE=de.txt cargo bench --bench text_checks -- --list-all  # any German, one per line
//! ```
//!
//! The `.mt` lines are tokenised ("Lee .", "&quot;", "<EOS>"); they are detokenised with a
//! character map back to the original line, so finding spans can be compared with the MQM spans
//! (character offsets into the `.mt` line). A finding "hits" when its span overlaps a
//! human-marked error span of the segment.

use std::time::Instant;

use mtlint::checks::{Check, DocStats, PairView, untranslated};
use mtlint::model::{Lang, Severity};

fn group() -> Vec<Box<dyn Check>> {
    mtlint::checks::text_group()
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

/// The WMT21 critical-error set (Wikipedia talk comments and their German MT): no spans,
/// used with `--ced` to read the findings on noisier real MT.
fn load_ced() -> Option<Vec<Seg>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/ced/wmt21_dev_ende/ende_majority_dev.tsv"
    );
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                let (src, mt) = (c.get(1)?, c.get(2)?);
                Some(Seg {
                    mt: mt.to_string(),
                    map: (0..mt.chars().count()).collect(),
                    src: src.to_string(),
                    spans: vec![],
                })
            })
            .collect(),
    )
}

fn load() -> Option<Vec<Seg>> {
    if std::env::args().any(|a| a == "--ced") {
        return load_ced();
    }
    if let Ok(path) = std::env::var("TEXT_FILE") {
        // any German text, one segment per line, no source
        let text = std::fs::read_to_string(path).ok()?;
        return Some(
            text.lines()
                .map(|l| Seg {
                    mt: l.to_string(),
                    map: (0..l.chars().count()).collect(),
                    src: String::new(),
                    spans: vec![],
                })
                .collect(),
        );
    }
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

/// splitmix64: a tiny deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// White-space separated words with byte offsets.
fn spaced(t: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in t.char_indices() {
        if c == ' ' {
            if let Some(s) = start.take() {
                out.push((s, &t[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &t[s..]));
    }
    out
}

fn alpha(w: &str) -> bool {
    !w.is_empty() && w.chars().all(char::is_alphabetic)
}

const FUNCTION_WORDS: &[&str] = &[
    "die", "der", "das", "den", "dem", "und", "noch", "aus", "im", "mit", "von", "auf", "für",
    "nicht", "auch", "es", "sich", "ein", "eine", "zu", "bei", "nach",
];

/// Inject one kind of damage into a clean German sentence: (damaged text, byte span of the
/// damage in it), or None when the sentence offers no place for it.
fn inject(
    kind: &str,
    t: &str,
    src: &str,
    rng: &mut Rng,
) -> Option<(String, std::ops::Range<usize>)> {
    let ws = spaced(t);
    let pick = |cands: Vec<usize>, rng: &mut Rng| -> Option<usize> {
        if cands.is_empty() {
            None
        } else {
            Some(cands[rng.below(cands.len())])
        }
    };
    match kind {
        // "IndividuumWilliam": drop the space before a capitalised word
        "glued" => {
            let cands: Vec<usize> = (1..ws.len())
                .filter(|&k| {
                    alpha(ws[k - 1].1)
                        && ws[k - 1].1.chars().count() >= 4
                        && ws[k - 1].1.chars().last().is_some_and(char::is_lowercase)
                        && alpha(ws[k].1)
                        && ws[k].1.chars().count() >= 3
                        && ws[k].1.chars().next().is_some_and(char::is_uppercase)
                })
                .collect();
            let k = pick(cands, rng)?;
            let (a, w) = ws[k - 1];
            let (b, v) = ws[k];
            let out = format!("{}{}{}", &t[..b - 1], &t[b..b + v.len()], &t[b + v.len()..]);
            Some((out, a..a + w.len() + v.len()))
        }
        // "… Macht kam. durch neue …": a period before a lower-case word
        "stray-period" => {
            let cands: Vec<usize> = (1..ws.len())
                .filter(|&k| {
                    alpha(ws[k - 1].1)
                        && ws[k - 1].1.chars().count() >= 3
                        && alpha(ws[k].1)
                        && ws[k].1.chars().count() >= 2
                        && ws[k].1.chars().all(char::is_lowercase)
                })
                .collect();
            let k = pick(cands, rng)?;
            let (a, w) = ws[k - 1];
            let end = a + w.len();
            let out = format!("{}.{}", &t[..end], &t[end..]);
            Some((out, end..end + 2 + ws[k].1.len()))
        }
        // "angegriffen Die Politiker": a function word capitalised after a lower-case word
        "capital-function-word" => {
            let cands: Vec<usize> = (1..ws.len())
                .filter(|&k| {
                    FUNCTION_WORDS.contains(&ws[k].1)
                        && alpha(ws[k - 1].1)
                        && ws[k - 1].1.chars().all(char::is_lowercase)
                })
                .collect();
            let k = pick(cands, rng)?;
            let (b, v) = ws[k];
            let mut cs = v.chars();
            let first: String = cs.next()?.to_uppercase().collect();
            let cap = format!("{first}{}", cs.as_str());
            let out = format!("{}{}{}", &t[..b], cap, &t[b + v.len()..]);
            Some((out, b..b + cap.len()))
        }
        // the whole sentence left in English
        "untranslated-sentence" => {
            if src.split_whitespace().count() < 4 {
                return None;
            }
            Some((src.to_string(), 0..src.len()))
        }
        // "argumentiert in a Auftritt": three English words from the source replace three
        // German words
        "untranslated-fragment" => {
            let sw = spaced(src);
            let cands: Vec<usize> = (0..sw.len().saturating_sub(2))
                .filter(|&k| {
                    (k..k + 3).all(|j| alpha(sw[j].1) && sw[j].1.chars().all(char::is_lowercase))
                })
                .collect();
            let k = pick(cands, rng)?;
            let frag = format!("{} {} {}", sw[k].1, sw[k + 1].1, sw[k + 2].1);
            if ws.len() < 6 {
                return None;
            }
            let j = 1 + rng.below(ws.len() - 4);
            let (a, _) = ws[j];
            let (c, last) = ws[j + 2];
            let out = format!("{}{}{}", &t[..a], frag, &t[c + last.len()..]);
            Some((out, a..a + frag.len()))
        }
        // "wie z Bücher": "z. B." lost its periods and its B
        "broken-abbreviation" => {
            let cands: Vec<usize> = (1..ws.len())
                .filter(|&k| {
                    alpha(ws[k].1) && ws[k].1.chars().next().is_some_and(char::is_uppercase)
                })
                .collect();
            let k = pick(cands, rng)?;
            let (b, _) = ws[k];
            let out = format!("{}z {}", &t[..b], &t[b..]);
            Some((out, b..b + 1))
        }
        // „ opened and never closed
        "unclosed-quote" => {
            if t.contains(['„', '“', '"', '»', '«']) || ws.len() < 4 {
                return None;
            }
            let k = 1 + rng.below(ws.len() - 2);
            let (b, _) = ws[k];
            let out = format!("{}„{}", &t[..b], &t[b..]);
            Some((out, b..b + '„'.len_utf8()))
        }
        _ => None,
    }
}

const KINDS: &[(&str, &str)] = &[
    ("glued", "MT002"),
    ("stray-period", "MT003"),
    ("capital-function-word", "MT004"),
    ("untranslated-sentence", "MT001"),
    ("untranslated-fragment", "MT001"),
    ("broken-abbreviation", "MT015"),
    ("unclosed-quote", "MT006"),
];

fn injected_recall(segs: &[Seg], checks: &[Box<dyn Check>], doc: &DocStats) {
    println!("### Injected damage (clean MQM segments, one injection each, seed 7)\n");
    println!(
        "| damage | expected check | injected | caught (span overlaps) | other error findings |"
    );
    println!("|---|---|---|---|---|");
    let mut rng = Rng(7);
    let show = std::env::var("SHOW_MISSES").ok();
    for &(kind, code) in KINDS {
        let (mut n, mut caught, mut other) = (0, 0, 0);
        for s in segs.iter().filter(|s| s.spans.is_empty()) {
            let Some((t, span)) = inject(kind, &s.mt, &s.src, &mut rng) else {
                continue;
            };
            n += 1;
            let pair = PairView {
                source: &s.src,
                target: &t,
                source_sentences: mtlint::segment::split(&s.src, Lang::En),
                target_sentences: mtlint::segment::split(&t, Lang::De),
                score: 1.0,
                doc,
                unit_space: None,
            };
            let mut out = Vec::new();
            for c in checks {
                c.check(&pair, &mut out);
            }
            let hit = out
                .iter()
                .any(|f| f.rule.code == code && f.span.start < span.end && span.start < f.span.end);
            caught += usize::from(hit);
            if !hit && show.as_deref() == Some(kind) {
                println!("MISS\t[{}]\t{t}", &t[span.clone()]);
            }
            if show.as_deref() == Some(kind) {
                for f in out.iter().filter(|f| {
                    f.severity() == Severity::Error
                        && !(f.span.start < span.end && span.start < f.span.end)
                }) {
                    println!("OTHER\t{}\t[{}]\t{t}", f.rule.code, &t[f.span.clone()]);
                }
            }
            other += out
                .iter()
                .filter(|f| {
                    f.severity() == Severity::Error
                        && !(f.span.start < span.end && span.start < f.span.end)
                })
                .count();
        }
        println!(
            "| {kind} | {code} | {n} | {caught} ({:.3}) | {other} |",
            caught as f64 / n.max(1) as f64
        );
    }
    println!();
}

fn main() {
    let list_all = std::env::args().any(|a| a == "--list-all");
    let list = list_all || std::env::args().any(|a| a == "--list");
    let Some(segs) = load() else {
        eprintln!("skipping: ../shared/data/mqm/wmt22_dev_ende/ not found");
        return;
    };
    let doc = DocStats {
        length_ratio: 1.1,
        ..Default::default()
    };
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
                    unit_space: None,
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
