//! The aligner's command-line surface: `--dict`. (`mtlint-bench align` is tested in
//! `crates/mtlint-bench/tests/cli.rs`.)

mod common;

use common::{mtlint, write};
use predicates::prelude::*;

#[test]
fn align_and_check_accept_a_dictionary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dict = write(
        dir.path(),
        "de-en",
        "Katze {f} | Katzen {pl} :: cat | cats\nHund {m} | Hunde {pl} :: dog | dogs\n",
    );
    let src = write(dir.path(), "s.txt", "Cats sleep. Dogs bark.\n");
    let tgt = write(dir.path(), "t.txt", "Katzen schlafen. Hunde bellen.\n");
    mtlint()
        .args(["align", "--dict"])
        .args([&dict, &src, &tgt])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("[0]:[0]:"));
    let report = dir.path().join("r.csv");
    mtlint()
        .args(["check", "--dict"])
        .args([&dict, &src, &tgt])
        .arg("-o")
        .arg(&report)
        .args(["--fail-on", "never", "-q"])
        .assert()
        .success();
    // A missing dictionary is an input error: exit 2, no report.
    let missing = dir.path().join("nope");
    let report2 = dir.path().join("r2.csv");
    mtlint()
        .args(["check", "--dict"])
        .args([&missing, &src, &tgt])
        .arg("-o")
        .arg(&report2)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope"));
    assert!(!report2.exists());
}
