//! `mtlint-bench checks` and `mtlint-bench align` are benchmarks, not tests; these only pin
//! their command-line contract: a missing data folder or incomplete inputs are usage errors
//! (exit 2) that say what to pass, the align report has its figures, and `false-alarms` reads
//! the CED22 and OPUS Books layouts.

use assert_cmd::Command;
use predicates::prelude::*;

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p
}

#[test]
fn missing_data_folder_is_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-data");
    Command::cargo_bin("mtlint-bench")
        .expect("binary builds")
        .args(["checks", "--data"])
        .arg(&missing)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("not found").and(predicate::str::contains("--data")));
}

#[test]
fn data_folder_without_the_benchmark_files_is_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    Command::cargo_bin("mtlint-bench")
        .expect("binary builds")
        .args(["checks", "--data"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mqm_dev2022_ende.src"));
}

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
    Command::cargo_bin("mtlint-bench")
        .expect("binary")
        .arg("align")
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
    Command::cargo_bin("mtlint-bench")
        .expect("binary")
        .args(["align", "--gold", "g", "--source", "s"])
        .assert()
        .code(2);
    Command::cargo_bin("mtlint-bench")
        .expect("binary")
        .arg("align")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to measure"));
}

#[test]
fn bench_align_times_a_generated_document() {
    Command::cargo_bin("mtlint-bench")
        .expect("binary")
        .args(["align", "--generate", "300"])
        .assert()
        .success()
        .stdout(predicate::str::contains("generated 300 x"))
        .stdout(predicate::str::contains("peak RSS"));
}

#[test]
fn false_alarms_reads_small_copies_of_the_ced22_and_opus_books_layouts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ced = dir.path().join("ced/wmt22_dev_ende");
    let books = dir.path().join("align/opusbooks_en_de_dev");
    std::fs::create_dir_all(&ced).expect("mkdir");
    std::fs::create_dir_all(&books).expect("mkdir");
    write(&ced, "dev.src", "It is here. It ends there.\nIt is here.\n");
    write(
        &ced,
        "dev.mt",
        "Es ist hier. Es endet dort. .\nEs ist dort. .\n",
    );
    write(&ced, "dev.label", "OK\nBAD\n");
    for book in ["alice", "kafka_verwandlung", "poe_usher"] {
        write(&books, &format!("{book}.en"), "One.\nTwo and three.\n");
        write(&books, &format!("{book}.de"), "Eins.\nZwei.\nUnd drei.\n");
        // only the 1-1 bead counts
        write(
            &books,
            &format!("{book}.en-de.gold"),
            "[0]:[0]\n[1]:[1,2]\n",
        );
    }
    Command::cargo_bin("mtlint-bench")
        .expect("binary builds")
        .args(["false-alarms", "--sample", "MT005", "3", "--data"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("1 WMT22 CED dev pairs labelled OK")
                .and(predicate::str::contains("and 3 1-1 pairs"))
                .and(predicate::str::contains(
                    "| MT005 doubled-punctuation | 1 | 1000.00 |",
                ))
                .and(predicate::str::contains("[CED22 dev line 1]")),
        );
}

#[test]
fn false_alarms_sample_wants_a_number() {
    let dir = tempfile::tempdir().expect("temp dir");
    Command::cargo_bin("mtlint-bench")
        .expect("binary builds")
        .args(["false-alarms", "--sample", "MT005", "many", "--data"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("N must be a number"));
}
