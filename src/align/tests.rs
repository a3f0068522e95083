//! Hand-made cases that pin the aligner's behaviour.

use super::*;

fn run(s: &[&str], t: &[&str]) -> Vec<Bead> {
    align(s, t, &AlignConfig::default())
}

fn shape(b: &[Bead]) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    b.iter().map(|b| (b.source.clone(), b.target.clone())).collect()
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
