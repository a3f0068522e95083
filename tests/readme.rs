//! The README's rule list is what `mtlint rules` prints: a stale table fails here.

mod common;

#[test]
fn readme_rule_table_is_what_mtlint_rules_prints() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let section = readme
        .split("\n## Checks\n")
        .nth(1)
        .expect("a '## Checks' section in the README");
    let block = section
        .split("```")
        .nth(1)
        .expect("a code block with the rule list in '## Checks'");
    let table = block.trim_start_matches('\n');
    let out = common::mtlint()
        .arg("rules")
        .output()
        .expect("run mtlint rules");
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        table, printed,
        "README.md's '## Checks' list differs from `mtlint rules`: paste the output of \
         `cargo run -q -- rules` into it"
    );
}
