//! Sentence alignment: dynamic programming over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2) with a
//! Gale–Church length cost and lexical anchors (numbers, names and other tokens that appear
//! on both sides).

use crate::model::Bead;

/// Options for the aligner.
#[derive(Debug, Clone, Default)]
pub struct AlignConfig {}

/// The bead shapes the aligner considers, with their prior probabilities (Gale & Church 1993).
const BEADS: [(usize, usize, f64); 6] = [
    (1, 1, 0.89),
    (1, 0, 0.0099 / 2.0),
    (0, 1, 0.0099 / 2.0),
    (2, 1, 0.089 / 2.0),
    (1, 2, 0.089 / 2.0),
    (2, 2, 0.011),
];

/// Align `source` and `target` sentences. Indices in the returned beads are positions in the
/// given slices; every sentence appears in exactly one bead, in order.
pub fn align(source: &[&str], target: &[&str], _cfg: &AlignConfig) -> Vec<Bead> {
    let n = source.len();
    let m = target.len();
    if n == 0 && m == 0 {
        return Vec::new();
    }
    let src_len: Vec<f64> = source.iter().map(|s| s.chars().count() as f64).collect();
    let tgt_len: Vec<f64> = target.iter().map(|s| s.chars().count() as f64).collect();
    let total_src: f64 = src_len.iter().sum();
    let total_tgt: f64 = tgt_len.iter().sum();
    let ratio = if total_src > 0.0 && total_tgt > 0.0 {
        total_tgt / total_src
    } else {
        1.0
    };
    let src_anchors: Vec<Vec<String>> = source.iter().map(|s| anchors(s)).collect();
    let tgt_anchors: Vec<Vec<String>> = target.iter().map(|s| anchors(s)).collect();

    let inf = f64::INFINITY;
    let mut cost = vec![vec![inf; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            for &(di, dj, prior) in &BEADS {
                if di > i || dj > j || cost[i - di][j - dj] == inf {
                    continue;
                }
                let c = cost[i - di][j - dj]
                    + bead_cost(
                        &src_len[i - di..i],
                        &tgt_len[j - dj..j],
                        &src_anchors[i - di..i],
                        &tgt_anchors[j - dj..j],
                        ratio,
                        prior,
                    );
                if c < cost[i][j] {
                    cost[i][j] = c;
                    back[i][j] = (di, dj);
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[i][j];
        let c = cost[i][j] - cost[i - di][j - dj];
        beads.push(Bead {
            source: i - di..i,
            target: j - dj..j,
            score: score_of(c),
        });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    beads
}

fn score_of(cost: f64) -> f64 {
    // A clean 1-1 pair costs about 0.5-2; each extra unit halves the confidence.
    (1.0 / (1.0 + (cost - 3.0).exp())).clamp(0.0, 1.0)
}

fn bead_cost(
    src: &[f64],
    tgt: &[f64],
    src_anchors: &[Vec<String>],
    tgt_anchors: &[Vec<String>],
    ratio: f64,
    prior: f64,
) -> f64 {
    let l1: f64 = src.iter().sum();
    let l2: f64 = tgt.iter().sum();
    let length = length_cost(l1, l2, ratio);
    let a: Vec<&String> = src_anchors.iter().flatten().collect();
    let b: Vec<&String> = tgt_anchors.iter().flatten().collect();
    let shared = a.iter().filter(|x| b.contains(x)).count() as f64;
    let total = (a.len() + b.len()) as f64;
    let lexical = if total > 0.0 {
        -3.0 * (2.0 * shared / total) + 1.5 * (total - 2.0 * shared) / total.max(1.0)
    } else {
        0.0
    };
    -prior.ln() + length + lexical
}

/// Gale–Church: -ln P(delta | match), with delta the normalised length difference.
fn length_cost(l1: f64, l2: f64, ratio: f64) -> f64 {
    const VARIANCE: f64 = 6.8;
    if l1 == 0.0 && l2 == 0.0 {
        return 0.0;
    }
    let mean = (l1 + l2 / ratio) / 2.0;
    let delta = (l1 * ratio - l2) / (mean * VARIANCE).sqrt().max(1e-9);
    let p = 2.0 * (1.0 - normal_cdf(delta.abs()));
    -(p.max(1e-12)).ln()
}

fn normal_cdf(x: f64) -> f64 {
    // Abramowitz & Stegun 7.1.26 via erf.
    let t = 1.0 / (1.0 + 0.3275911 * x / std::f64::consts::SQRT_2);
    let y = 1.0
        - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
            + 0.254829592)
            * t
            * (-(x * x) / 2.0).exp();
    0.5 * (1.0 + y)
}

/// Tokens that tend to survive translation: numbers (digits only), capitalised words that
/// are not sentence-initial, @handles and words with digits.
fn anchors(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (k, w) in s
        .split(|c: char| c.is_whitespace() || "()[]{}„“”\"'«»‚‘,;:!?".contains(c))
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let w = w.trim_end_matches('.');
        if w.is_empty() {
            continue;
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            let digits: String = w.chars().filter(|c| c.is_ascii_digit()).collect();
            out.push(digits);
        } else if w.starts_with('@')
            || (k > 0 && w.chars().all(|c| c.is_uppercase()) && w.len() > 1)
        {
            out.push(w.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_one() {
        let s = ["The cat sat on the mat.", "It was 1997."];
        let t = ["Die Katze saß auf der Matte.", "Es war 1997."];
        let b = align(&s, &t, &AlignConfig::default());
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].source.clone(), b[0].target.clone()), (0..1, 0..1));
        assert!(b.iter().all(|b| (0.0..=1.0).contains(&b.score)));
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
        let b = align(&s, &t, &AlignConfig::default());
        assert_eq!(b[0].target, 0..2);
        assert_eq!(b[1].target, 2..3);
    }
}
