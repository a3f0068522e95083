//! `mtlint bench-checks` is a benchmark, not a test; these only pin its command-line
//! contract: a missing data folder is a usage error (exit 2) that says what to pass.

mod common;

use common::mtlint;
use predicates::prelude::*;

#[test]
fn missing_data_folder_is_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-data");
    mtlint()
        .args(["bench-checks", "--data"])
        .arg(&missing)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("not found").and(predicate::str::contains("--data")));
}

#[test]
fn data_folder_without_the_benchmark_files_is_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    mtlint()
        .args(["bench-checks", "--data"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mqm_dev2022_ende.src"));
}
