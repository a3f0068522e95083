//! Gale & Church (1993), "A program for aligning sentences in bilingual corpora": the
//! length-only baseline of the alignment benchmark. Beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2 with
//! the paper's priors (0.89, 0.0099 and 0.089 split over the two directions, 0.011) and
//! match cost −log 2(1 − Φ(|δ|)), δ = (l₂ − c·l₁) / √(l₁·s²), s² = 6.8. One departure:
//! c is the document's character ratio (the paper's c = 1 ignores that German runs longer).
//! Dynamic programming in a band of ±[`BAND`] target sentences around the diagonal (the
//! whole table for documents of that size), one byte of back-pointer per cell.

use crate::align::Link;
use mtlint::align::erfc;

/// Half-width of the band, in target sentences.
pub const BAND: usize = 150;

const SHAPES: [(usize, usize, f64); 6] = [
    (1, 1, 0.89),
    (1, 0, 0.0099 / 2.0),
    (0, 1, 0.0099 / 2.0),
    (2, 1, 0.089 / 2.0),
    (1, 2, 0.089 / 2.0),
    (2, 2, 0.011),
];

fn match_cost(l1: f64, l2: f64, c: f64) -> f64 {
    if l1 == 0.0 && l2 == 0.0 {
        return 0.0;
    }
    let mean = (l1 + l2 / c) / 2.0;
    let delta = (l2 - l1 * c) / (6.8 * mean.max(1.0)).sqrt();
    // 2(1 − Φ(|δ|)) = erfc(|δ|/√2)
    -(erfc(delta.abs() / std::f64::consts::SQRT_2).max(1e-300)).ln()
}

/// Align by length; the result in the gold files' form (a null bead per unpaired sentence).
pub fn align(source: &[String], target: &[String]) -> Vec<Link> {
    let len = |s: &String| s.chars().filter(|c| !c.is_whitespace()).count() as f64;
    let ls: Vec<f64> = source.iter().map(len).collect();
    let lt: Vec<f64> = target.iter().map(len).collect();
    let (n, m) = (ls.len(), lt.len());
    let c = {
        let (a, b) = (ls.iter().sum::<f64>(), lt.iter().sum::<f64>());
        if a > 0.0 && b > 0.0 { b / a } else { 1.0 }
    };
    let lo = |i: usize| ((i * m) / n.max(1)).saturating_sub(BAND);
    let hi = |i: usize| ((i * m) / n.max(1) + BAND).min(m);
    // back[i] covers columns lo(i)..=hi(i); costs keep the last three rows.
    let mut back: Vec<Vec<u8>> = Vec::with_capacity(n + 1);
    let mut rows: [Vec<f64>; 3] = Default::default();
    for i in 0..=n {
        let (a, b) = (lo(i), hi(i));
        let mut row = vec![f64::INFINITY; b - a + 1];
        let mut bk = vec![u8::MAX; b - a + 1];
        for j in a..=b {
            if i == 0 && j == 0 {
                row[0] = 0.0;
                continue;
            }
            for (k, &(di, dj, prior)) in SHAPES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let (pi, pj) = (i - di, j - dj);
                if pj < lo(pi) || pj > hi(pi) {
                    continue;
                }
                let prev = if di == 0 {
                    row[pj - a]
                } else {
                    rows[(pi) % 3][pj - lo(pi)]
                };
                if !prev.is_finite() {
                    continue;
                }
                let l1: f64 = ls[pi..i].iter().sum();
                let l2: f64 = lt[pj..j].iter().sum();
                let cost = prev - prior.ln() + match_cost(l1, l2, c);
                if cost < row[j - a] {
                    row[j - a] = cost;
                    bk[j - a] = k as u8;
                }
            }
        }
        rows[i % 3] = row;
        back.push(bk);
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let k = back[i]
            .get(j.wrapping_sub(lo(i)))
            .copied()
            .unwrap_or(u8::MAX);
        // Off the band (cannot happen with a connected band): fall back to 1-0 / 0-1.
        let (di, dj) = match SHAPES.get(k as usize) {
            Some(&(di, dj, _)) => (di, dj),
            None if i > 0 => (1, 0),
            None => (0, 1),
        };
        let (pi, pj) = (i - di, j - dj);
        if di > 0 && dj > 0 {
            out.push(((pi..i).collect(), (pj..j).collect()));
        } else {
            out.extend((pi..i).map(|x| (vec![x], vec![])));
            out.extend((pj..j).map(|y| (vec![], vec![y])));
        }
        (i, j) = (pi, pj);
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn lengths_align_one_to_one_and_two_to_one() {
        let src = s(&[
            "A short one.",
            "This sentence is a good deal longer than the first one is.",
            "Two halves",
            "of one.",
            "End.",
        ]);
        let tgt = s(&[
            "Ein kurzer.",
            "Dieser Satz ist ein gutes Stück länger als der erste es ist.",
            "Zwei Hälften von einem.",
            "Ende.",
        ]);
        assert_eq!(
            align(&src, &tgt),
            vec![
                (vec![0], vec![0]),
                (vec![1], vec![1]),
                (vec![2, 3], vec![2]),
                (vec![4], vec![3]),
            ]
        );
    }

    #[test]
    fn empty_sides_are_null_beads() {
        assert_eq!(align(&s(&["x"]), &[]), vec![(vec![0], vec![])]);
        assert_eq!(align(&[], &s(&["y"])), vec![(vec![], vec![0])]);
    }
}
