//! The aligner's command-line surface: `bench-align` and `--dict`.

mod common;

use common::{mtlint, write};
use predicates::prelude::*;

#[test]
fn bench_align_scores_pooled_triples() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = write(
        dir.path(),
        "a.en",
        "Bitcoin appeared in 2008.\nSatoshi Nakamoto wrote a paper of 9 pages.\n",
    );
    let tgt = write(
        dir.path(),
        "a.de",
        "Bitcoin erschien 2008.\nSatoshi Nakamoto schrieb ein Papier.\nVon 9 Seiten.\n",
    );
    let gold = write(dir.path(), "a.gold", "[0]:[0]\n[1]:[1, 2]\n");
    // ParIce-style files: index<TAB>sentence; the gold has a stray line past the end.
    let src2 = write(
        dir.path(),
        "b.en",
        "0\tCharles Hull invented 3D printing in 1984.\n",
    );
    let tgt2 = write(
        dir.path(),
        "b.de",
        "0\tCharles Hull erfand 1984 den 3D-Druck.\n",
    );
    let gold2 = write(dir.path(), "b.gold", "[0]:[0]\n[1]:[]\n");
    mtlint()
        .arg("bench-align")
        .args(["--gold", gold.to_str().unwrap_or_default()])
        .args(["--source", src.to_str().unwrap_or_default()])
        .args(["--target", tgt.to_str().unwrap_or_default()])
        .args(["--gold", gold2.to_str().unwrap_or_default()])
        .args(["--source", src2.to_str().unwrap_or_default()])
        .args(["--target", tgt2.to_str().unwrap_or_default()])
        .assert()
        .success()
        .stdout(predicate::str::contains("documents 2"))
        .stdout(predicate::str::contains(
            "strict  P 1.0000  R 1.0000  F1 1.0000",
        ))
        .stdout(predicate::str::contains("time "))
        .stderr(predicate::str::contains("points past the end"));
}

#[test]
fn bench_align_wants_complete_triples() {
    mtlint()
        .args(["bench-align", "--gold", "g", "--source", "s"])
        .assert()
        .code(2);
    mtlint()
        .arg("bench-align")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to measure"));
}

#[test]
fn bench_align_times_a_generated_document() {
    mtlint()
        .args(["bench-align", "--generate", "300"])
        .assert()
        .success()
        .stdout(predicate::str::contains("generated 300 x"))
        .stdout(predicate::str::contains("peak RSS"));
}

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
