//! Unit tests: one group per rule of issue 3.

use super::*;

fn de(text: &str) -> Vec<&str> {
    split_str(text, Lang::De)
}

fn en(text: &str) -> Vec<&str> {
    split_str(text, Lang::En)
}

#[test]
fn splits_simple_sentences() {
    assert_eq!(
        de("Das ist gut. Das auch!"),
        vec!["Das ist gut.", "Das auch!"]
    );
    assert_eq!(
        en("Hello World. My name is Jonas."),
        vec!["Hello World.", "My name is Jonas."]
    );
}
