//! Hand-made cases that pin the aligner's behaviour.

use super::*;

fn run(s: &[&str], t: &[&str]) -> Vec<Bead> {
    align(s, t, &AlignConfig::default())
}

fn shape(b: &[Bead]) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    b.iter().map(|b| (b.source(), b.target())).collect()
}

#[test]
fn one_to_one() {
    let s = ["The cat sat on the mat.", "It was 1997."];
    let t = ["Die Katze saß auf der Matte.", "Es war 1997."];
    let b = run(&s, &t);
    assert_eq!(shape(&b), vec![(0..1, 0..1), (1..2, 1..2)]);
}

#[test]
fn split_sentence_is_one_to_two() {
    let s = [
        "In the 1997 book The Sovereign Individual, William Rees-Mogg and James Dale Davidson argue that power has been disrupted by new technology again and again.",
        "Advances in agriculture made people stationary.",
    ];
    let t = [
        "Im Buch von 1997 Das souveräne Individuum zeigen William Rees-Mogg und James Dale Davidson, dass es immer wieder zu Störungen der Macht kam.",
        "Durch neue Technologien.",
        "Fortschritte in der Landwirtschaft machten Menschen sesshaft.",
    ];
    let b = run(&s, &t);
    assert_eq!(shape(&b), vec![(0..1, 0..2), (1..2, 2..3)]);
}

fn assert_partition(b: &[Bead], n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for x in b {
        assert_eq!(x.source().start, i, "source out of order in {b:?}");
        assert_eq!(x.target().start, j, "target out of order in {b:?}");
        assert!(
            !(x.source().is_empty() && x.target().is_empty()),
            "empty bead"
        );
        assert!(
            (0.0..=1.0).contains(&x.score),
            "score {} out of 0..=1",
            x.score
        );
        i = x.source().end;
        j = x.target().end;
    }
    assert_eq!((i, j), (n, m), "not every sentence is in a bead");
}

#[test]
fn omitted_sentence_is_one_to_zero() {
    let s = [
        "Bitcoin was created in 2008 by Satoshi Nakamoto.",
        "Its supply is limited to 21 million coins, which makes it scarce like gold.",
        "Critics in Washington and Brussels call it a bubble.",
        "Yet more than 100 companies accept it today.",
    ];
    let t = [
        "Bitcoin wurde 2008 von Satoshi Nakamoto geschaffen.",
        "Kritiker in Washington und Brüssel nennen es eine Blase.",
        "Doch mehr als 100 Firmen akzeptieren es heute.",
    ];
    let b = run(&s, &t);
    assert_partition(&b, 4, 3);
    assert_eq!(
        shape(&b),
        vec![(0..1, 0..1), (1..2, 1..1), (2..3, 1..2), (3..4, 2..3)]
    );
}

#[test]
fn added_boilerplate_is_zero_to_one() {
    let s = [
        "In 1997, William Rees-Mogg published a book about power.",
        "He argued that the Internet would change the nation state.",
    ];
    let t = [
        "1997 veröffentlichte William Rees-Mogg ein Buch über Macht.",
        "Diese Website verwendet Cookies. Mehr erfahren | Akzeptieren | Ablehnen | Einstellungen verwalten",
        "Er argumentierte, dass das Internet den Nationalstaat verändern würde.",
    ];
    let b = run(&s, &t);
    assert_partition(&b, 2, 3);
    assert_eq!(shape(&b), vec![(0..1, 0..1), (1..1, 1..2), (1..2, 2..3)]);
}

#[test]
fn swapped_paragraphs_do_not_pair_wrong_sentences() {
    // Non-corresponding mode: the whole document at once. Paragraph A (Bitcoin, 2008) and
    // paragraph B (3D printing, 1984) appear in the opposite order in the German. A
    // monotone aligner cannot cross them: one paragraph aligns, the other must come out as
    // omissions and additions, never as pairs of unrelated sentences.
    let s = [
        "Bitcoin appeared in 2008.",
        "Satoshi Nakamoto described it in a paper of 9 pages.",
        "By 2021 one Bitcoin cost more than 60,000 dollars.",
        "Charles Hull invented 3D printing in 1984.",
        "His company 3D Systems sold the first printer in 1988.",
        "Today NASA prints parts for rockets.",
    ];
    let t = [
        "Charles Hull erfand den 3D-Druck im Jahr 1984.",
        "Seine Firma 3D Systems verkaufte 1988 den ersten Drucker.",
        "Heute druckt die NASA Teile für Raketen.",
        "Bitcoin erschien 2008.",
        "Satoshi Nakamoto beschrieb ihn in einem Papier von 9 Seiten.",
        "Bis 2021 kostete ein Bitcoin mehr als 60.000 Dollar.",
    ];
    let b = run(&s, &t);
    assert_partition(&b, 6, 6);
    let correct = |x: &Bead| {
        x.source().is_empty()
            || x.target().is_empty()
            || x.source().all(|i| x.target().contains(&((i + 3) % 6)))
    };
    assert!(b.iter().all(correct), "unrelated sentences paired: {b:?}");
    let pairs = b
        .iter()
        .filter(|x| !x.source().is_empty() && !x.target().is_empty())
        .count();
    assert_eq!(pairs, 3, "one paragraph should align: {b:?}");
}

#[test]
fn empty_sides_give_null_beads() {
    let b = run(&["One.", "Two."], &[]);
    assert_eq!(shape(&b), vec![(0..1, 0..0), (1..2, 0..0)]);
    let b = run(&[], &["Eins."]);
    assert_eq!(shape(&b), vec![(0..0, 0..1)]);
    assert!(run(&[], &[]).is_empty());
}

#[test]
fn confidence_separates_right_from_wrong_pairs() {
    let s = [
        "The Council met in Oslo on 3 May 2019.",
        "It adopted 12 resolutions on climate policy.",
        "Greta Thunberg addressed the delegates.",
        "The next session will take place in Helsinki.",
    ];
    let right = [
        "Der Rat tagte am 3. Mai 2019 in Oslo.",
        "Er verabschiedete 12 Resolutionen zur Klimapolitik.",
        "Greta Thunberg sprach zu den Delegierten.",
        "Die nächste Sitzung findet in Helsinki statt.",
    ];
    let b = run(&s, &right);
    assert_partition(&b, 4, 4);
    assert!(b.iter().all(|x| x.score > 0.5), "{b:?}");
    // One German sentence replaced by an unrelated one: that pair must score lowest.
    let mut wrong = right;
    wrong[1] = "Die Katze schlief den ganzen Nachmittag auf dem warmen Sofa im Wohnzimmer.";
    let b = run(&s, &wrong);
    assert_partition(&b, 4, 4);
    let low = b
        .iter()
        .min_by(|x, y| x.score.total_cmp(&y.score))
        .map(|x| (x.source(), x.target(), x.score));
    let (src, tgt, score) = low.expect("beads");
    assert!(
        src.contains(&1) || tgt.contains(&1),
        "lowest is {src:?}:{tgt:?}"
    );
    assert!(score < 0.5, "score {score}");
}

#[test]
fn dictionary_links_translations() {
    let dict = Dictionary::parse(
        "Katze {f} | Katzen {pl} :: cat | cats\nHund {m} | Hunde {pl} :: dog | dogs\n\
         schlafen {vi} :: to sleep\nbellen {vi} :: to bark\n",
    );
    let cfg = AlignConfig {
        dict: Some(Arc::new(dict)),
        ..AlignConfig::default()
    };
    // Without cognates or names, only the dictionary knows which sentence is which; the
    // German side has an extra sentence that must come out as 0-1 at the right place.
    let s = ["Cats sleep.", "Dogs bark."];
    let t = ["Hunde bellen laut.", "Katzen schlafen.", "Hunde bellen."];
    let b = align(&s, &t, &cfg);
    assert_partition(&b, 2, 3);
    assert_eq!(shape(&b), vec![(0..0, 0..1), (0..1, 1..2), (1..2, 2..3)]);
}

/// Issue 13 item 1: a long document whose sentences recur has no token unique in the whole
/// of it, and its length ratio drifts (many omissions in the first half, none in the
/// second): the path is far from the length diagonal in the middle. Anchors unique in a
/// window keep the band on it.
#[test]
fn recurring_sentences_with_drift_stay_on_the_path() {
    // 150 distinct sentence pairs, each recurring about 20 times in a fixed pseudo-random
    // order.
    let word = |k: usize, salt: usize| -> String {
        let letters = b"bdfgklmnprstvz";
        let vowels = b"aeiou";
        let mut x = k * 7919 + salt * 104_729 + 17;
        (0..3)
            .map(|_| {
                let c = letters[x % letters.len()] as char;
                x /= letters.len();
                let v = vowels[x % vowels.len()] as char;
                x /= vowels.len();
                format!("{c}{v}")
            })
            .collect()
    };
    let pairs: Vec<(String, String)> = (0..150)
        .map(|k| {
            let (a, b, c) = (word(k, 1), word(k, 2), word(k, 3));
            let name = format!("{}{}", word(k, 4)[..1].to_uppercase(), &word(k, 4)[1..]);
            (
                format!(
                    "The {a} of {name} costs {} units and the {b} {c}.",
                    k * 13 + 7
                ),
                format!(
                    "Das {a}en von {name} kostet {} Einheiten und das {b}en {c}.",
                    k * 13 + 7
                ),
            )
        })
        .collect();
    let n = 3000;
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut source = Vec::with_capacity(n);
    let mut target = Vec::new();
    let mut gold = Vec::new();
    for i in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let (s, t) = &pairs[(x % pairs.len() as u64) as usize];
        source.push(s.as_str());
        // First half: every 4th translation dropped.
        if i < n / 2 && i % 4 == 1 {
            gold.push((i..i + 1, target.len()..target.len()));
        } else {
            gold.push((i..i + 1, target.len()..target.len() + 1));
            target.push(t.as_str());
        }
    }
    let b = run(&source, &target);
    assert_partition(&b, source.len(), target.len());
    let found = shape(&b);
    let hits = gold.iter().filter(|g| found.contains(g)).count();
    let share = hits as f64 / gold.len() as f64;
    assert!(share > 0.95, "{hits} of {} gold beads found", gold.len());
}

#[test]
fn log_sum_holds_every_shape_and_matches_the_direct_sum() {
    let p = Params::default();
    assert!(shapes(&p, 1.0).len() <= MAX_SHAPES);
    let mut s = LogSum::default();
    assert_eq!(s.total(), f64::NEG_INFINITY);
    let xs = [-1000.5, -1002.0, -1001.25, -1040.0];
    for x in xs {
        s.push(x);
    }
    let direct = xs.iter().map(|x| (x + 1000.0f64).exp()).sum::<f64>().ln() - 1000.0;
    assert!(
        (s.total() - direct).abs() < 1e-12,
        "{} vs {direct}",
        s.total()
    );
}

#[test]
fn band_pin_narrows_fixed_rows_to_the_path() {
    let mut band = Band::around(&[0.0, 1.0, 2.0, 3.0, 4.0], &[2.0; 5], 4);
    // A 2-1 bead steps over row 2; row 1 and 2 stay free... only rows 3 and 4 are pinned.
    let path = [(0, 0), (1, 1), (3, 2), (4, 4)];
    band.pin(&path, &[true, true, true, false, false]);
    assert_eq!((band.lo[3], band.hi[3]), (2, 2));
    assert_eq!((band.lo[4], band.hi[4]), (4, 4));
    assert_eq!((band.lo[1], band.hi[1]), (0, 3));
    // Pinned rows that a bead steps over keep the bead's start column; rows with 0-1
    // beads keep every column the path takes.
    let mut band = Band::around(&[0.0, 1.0, 2.0, 3.0, 4.0], &[2.0; 5], 5);
    let path = [(0, 0), (2, 1), (2, 2), (3, 3), (4, 5)];
    band.pin(&path, &[false; 5]);
    let rows: Vec<(usize, usize)> = (0..5).map(|i| (band.lo[i], band.hi[i])).collect();
    assert_eq!(rows, vec![(0, 0), (0, 0), (1, 2), (3, 3), (5, 5)]);
}

/// Widening rounds search again only the rows near a touch and pin the others to the last
/// path: on a document whose band is pushed off the path for 200 rows (around a block of
/// dropped translations), a narrow margin finds the same path as searching every row again.
#[test]
fn widening_with_pinned_rows_finds_the_unpinned_path() {
    let n = 1500;
    let (mut source, mut target) = (Vec::new(), Vec::new());
    let texts: Vec<(String, String)> = (0..n)
        .map(|k| {
            (
                format!("Item {k} of the list is number {} and red.", k * 7 + 3),
                format!("Eintrag {k} der Liste ist Nummer {} und rot.", k * 7 + 3),
            )
        })
        .collect();
    for (k, (s, t)) in texts.iter().enumerate() {
        source.push(s.as_str());
        if !(700..720).contains(&k) {
            target.push(t.as_str());
        }
    }
    let cfg = AlignConfig::default();
    let mut f = Features::default();
    features::build_into(&mut f, &source, &target, None, &link_opts(&cfg));
    let model = Model::new(&f, &cfg.params);
    let shapes = shapes(&cfg.params, model.lex_cap);
    let mut center = center_from_chain(&f, &anchor_chain(&f));
    for c in &mut center[600..800] {
        *c += 7.0;
    }
    let run = |margin: usize| {
        search_widening(
            &f,
            &model,
            &shapes,
            center.clone(),
            vec![2.0; n + 1],
            margin,
            "test",
            false,
            std::time::Instant::now(),
        )
    };
    let pinned = run(0);
    assert_eq!(pinned, run(usize::MAX));
    // (the rows far from the block are right either way)
    assert!(pinned.contains(&(300, 300)) && pinned.contains(&(1200, 1180)));
}

#[test]
fn lex_grow_scales_credit_by_evidence_and_keeps_the_pairs() {
    let mut p = Params::default();
    // Off: the credit is the share as given.
    assert_eq!(scale_credit(&p, 0.5, 4.0, 1.0, 1.0), 0.5);
    // A sentence of four times the mean weight earns twice the share at γ = 0.5, one of a
    // quarter of it half.
    p.lex_grow = 0.5;
    assert!((scale_credit(&p, 0.5, 4.0, 1.0, 1.0) - 1.0).abs() < 1e-12);
    assert!((scale_credit(&p, 0.5, 0.25, 1.0, 1.0) - 0.25).abs() < 1e-12);
    // The per-sentence reward with it still pairs plain translations one to one.
    for key in ["lex_additive", "add_late"] {
        p.set(key, "1").expect("known key");
    }
    let cfg = AlignConfig {
        dict: None,
        params: p,
    };
    let s = [
        "The cat sat on the mat.",
        "It was 1997.",
        "Paris is in France.",
    ];
    let t = [
        "Die Katze saß auf der Matte.",
        "Es war 1997.",
        "Paris liegt in Frankreich.",
    ];
    let b = align(&s, &t, &cfg);
    assert_partition(&b, 3, 3);
    assert_eq!(shape(&b), vec![(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]);
}

#[test]
fn soft_counts_cover_every_sentence_once_and_sharpen_to_the_path() {
    // 24 pairs with numbers and names, the 9th translation dropped.
    let src: Vec<String> = (0..24)
        .map(|k| {
            format!(
                "Report {} from Station{k} lists {} cases.",
                k * 7 + 3,
                k * 11 + 5
            )
        })
        .collect();
    let tgt: Vec<String> = (0..24)
        .filter(|&k| k != 8)
        .map(|k| {
            format!(
                "Bericht {} von Station{k} nennt {} Fälle.",
                k * 7 + 3,
                k * 11 + 5
            )
        })
        .collect();
    let s: Vec<&str> = src.iter().map(String::as_str).collect();
    let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
    let cfg = AlignConfig::default();
    let mut f = Features::default();
    features::build_into(&mut f, &s, &t, None, &link_opts(&cfg));
    for temp in [1.0, 0.05] {
        let p = Params {
            em_soft: 1,
            em_soft_temp: temp,
            ..Params::default()
        };
        let model = Model::new(&f, &p);
        let sh = shapes(&p, model.lex_cap);
        let path = first_path(&f, &model, &sh, false, std::time::Instant::now());
        let counts = soft_counts(&f, &model, &sh, &path);
        // Every alignment covers each sentence once, so the expected counts do too (up to
        // the beads the forward pass leaves out as negligible and the costs kept as f32).
        let covered = |side: fn(&Shape) -> usize| -> f64 {
            sh.iter()
                .zip(&counts)
                .map(|(x, c)| side(x) as f64 * c)
                .sum()
        };
        assert!((covered(|x| x.di) - 24.0).abs() < 1e-2, "{counts:?}");
        assert!((covered(|x| x.dj) - 23.0).abs() < 1e-2, "{counts:?}");
        if temp < 1.0 {
            // Sharp posteriors: the path's own counts (23 1-1 beads, one 1-0).
            assert!((counts[0] - 23.0).abs() < 0.05, "{counts:?}");
            assert!((counts[1] - 1.0).abs() < 0.05, "{counts:?}");
        }
    }
}
