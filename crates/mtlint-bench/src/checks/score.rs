//! Scoring functions of the checks benchmark: span overlap, MCC, character-level P/R/F1.

use std::collections::HashSet;
use std::ops::Range;

/// Whether two char spans overlap. Non-empty spans overlap when they share a char; an empty
/// span (a point, e.g. where an omission sits) overlaps a span that contains or touches it.
pub fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    match (a.is_empty(), b.is_empty()) {
        (false, false) => a.start < b.end && b.start < a.end,
        (true, false) => b.start <= a.start && a.start <= b.end,
        (false, true) => a.start <= b.start && b.start <= a.end,
        (true, true) => a.start == b.start,
    }
}

/// A 2×2 confusion matrix of a binary decision against gold labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
    pub tn: u64,
}

impl Confusion {
    pub fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// Matthews correlation coefficient in -1..=1; 0 when a row or column is empty.
    pub fn mcc(&self) -> f64 {
        let (tp, fp, fn_, tn) = (
            self.tp as f64,
            self.fp as f64,
            self.fn_ as f64,
            self.tn as f64,
        );
        let den = ((tp + fp) * (tp + fn_) * (tn + fp) * (tn + fn_)).sqrt();
        if den == 0.0 {
            0.0
        } else {
            (tp * tn - fp * fn_) / den
        }
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.fp + self.fn_ + self.tn)
    }
}

/// `num / den`, 0 when `den` is 0.
pub fn ratio(num: u64, den: u64) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Harmonic mean of precision and recall (0 when both are 0).
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Character-level counts over a set of segments, as in the WMT23 error-span task: every
/// char inside a predicted span is a predicted error char, every char inside a gold span a
/// gold error char (overlapping spans count a char once).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CharCounts {
    pub predicted: u64,
    pub gold: u64,
    pub both: u64,
}

impl CharCounts {
    /// Add one segment's predicted and gold spans (char offsets into the same text).
    pub fn add_segment(&mut self, predicted: &[Range<usize>], gold: &[Range<usize>]) {
        let p: HashSet<usize> = predicted.iter().flat_map(|r| r.clone()).collect();
        let g: HashSet<usize> = gold.iter().flat_map(|r| r.clone()).collect();
        self.predicted += p.len() as u64;
        self.gold += g.len() as u64;
        self.both += p.intersection(&g).count() as u64;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.both, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.both, self.gold)
    }

    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_of_spans_and_points() {
        assert!(overlaps(&(0..5), &(4..9)));
        assert!(!overlaps(&(0..5), &(5..9)), "touching spans share no char");
        assert!(overlaps(&(3..3), &(0..3)), "a point touching a span's end");
        assert!(overlaps(&(0..10), &(4..4)));
        assert!(!overlaps(&(0..3), &(4..4)));
        assert!(overlaps(&(2..2), &(2..2)));
        assert!(!overlaps(&(2..2), &(3..3)));
    }

    #[test]
    fn mcc_on_hand_computed_matrices() {
        // tp=6 fp=2 fn=1 tn=11: (66-2)/sqrt(8*7*13*12) = 64/sqrt(8736) = 0.684737...
        let c = Confusion {
            tp: 6,
            fp: 2,
            fn_: 1,
            tn: 11,
        };
        assert!((c.mcc() - 64.0 / 8736f64.sqrt()).abs() < 1e-12);
        assert!((c.mcc() - 0.684_737).abs() < 1e-6);
        let perfect = Confusion {
            tp: 3,
            fp: 0,
            fn_: 0,
            tn: 4,
        };
        assert_eq!(perfect.mcc(), 1.0);
        let inverted = Confusion {
            tp: 0,
            fp: 4,
            fn_: 3,
            tn: 0,
        };
        assert_eq!(inverted.mcc(), -1.0);
        let mut never = Confusion::default();
        never.add(false, true);
        never.add(false, false);
        assert_eq!(never.mcc(), 0.0, "a constant prediction has MCC 0");
        assert_eq!(never.fn_, 1);
        assert_eq!(never.tn, 1);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)]
    fn char_f1_on_a_tiny_example() {
        let mut c = CharCounts::default();
        // Segment 1: predicted 0..4 and 2..6 (6 chars: 0-5), gold 4..10 (6 chars): both 4,5.
        c.add_segment(&[0..4, 2..6], &[4..10]);
        // Segment 2: nothing predicted, gold 0..2.
        c.add_segment(&[], &[0..2]);
        assert_eq!(
            c,
            CharCounts {
                predicted: 6,
                gold: 8,
                both: 2
            }
        );
        assert!((c.precision() - 2.0 / 6.0).abs() < 1e-12);
        assert!((c.recall() - 0.25).abs() < 1e-12);
        // F1 = 2 * (1/3) * (1/4) / (1/3 + 1/4) = (1/6) / (7/12) = 2/7.
        assert!((c.f1() - 2.0 / 7.0).abs() < 1e-12);
    }
}
