//! Items 1–5, 7 and 12 of issue 11: what mtlint writes never touches what it reads, two
//! outputs never share a file, outputs are replaced together or not at all, a file-size
//! limit is an error message, the worker pool is bounded, and a folder scan does not take
//! mtlint's own reports for input.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use predicates::prelude::*;
use tempfile::TempDir;

use crate::common::*;

/// A folder with an English source, its German translation (one error) and the other files
/// a run may read: a dictionary, a configuration naming a glossary, and the glossary.
struct Setup {
    dir: TempDir,
    source: PathBuf,
    target: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = TempDir::new().expect("temp dir");
        let source = write(dir.path(), "en.txt", SOURCE);
        let target = write(dir.path(), "de.txt", TARGET);
        write(
            dir.path(),
            "dict.txt",
            "Katze {f} :: cat\nMatte {f} :: mat\n",
        );
        write(dir.path(), "terms.csv", "en,de\ncat,Katze\n");
        write(dir.path(), "mtlint.toml", "glossary = \"terms.csv\"\n");
        Setup {
            dir,
            source,
            target,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn check(&self) -> assert_cmd::Command {
        let mut cmd = mtlint();
        cmd.current_dir(self.dir.path())
            .arg("check")
            .arg(&self.source)
            .arg(&self.target);
        cmd
    }

    /// Every file in the folder with its bytes, to compare before and after a run.
    fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = fs::read_dir(self.dir.path())
            .expect("read dir")
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read(e.path()).unwrap_or_default(),
                )
            })
            .collect();
        v.sort();
        v
    }
}

/// Run `cmd`, expect exit 2 with a message naming both roles, and nothing changed.
fn refused(setup: &Setup, mut cmd: assert_cmd::Command, roles: [&str; 2]) {
    let before = setup.snapshot();
    cmd.assert()
        .code(2)
        .stderr(predicate::str::contains(roles[0]).and(predicate::str::contains(roles[1])));
    assert_eq!(setup.snapshot(), before, "a refused run changes no file");
}

/// Item 1: `--write-baseline` onto the translation used to replace it with JSON.
#[test]
fn write_baseline_onto_the_translation_is_refused() {
    let s = Setup::new();
    let mut cmd = s.check();
    cmd.arg("-o")
        .arg(s.path("r.csv"))
        .arg("--write-baseline")
        .arg(&s.target);
    refused(&s, cmd, ["baseline (--write-baseline)", "translation"]);
}

/// Item 1: `-o` onto each other file a run reads.
#[test]
fn a_report_onto_any_file_read_is_refused() {
    let s = Setup::new();
    fs::write(s.path("accepted.json"), "").expect("baseline placeholder");
    // A real baseline to read.
    s.check()
        .arg("-o")
        .arg(s.path("r.csv"))
        .arg("--write-baseline")
        .arg(s.path("accepted.json"))
        .assert()
        .code(0);
    let cases: [(&str, &[&str], &str); 5] = [
        ("dict.txt", &["--dict"], "dictionary (--dict)"),
        ("mtlint.toml", &[], "configuration file"),
        ("terms.csv", &[], "glossary"),
        ("accepted.json", &["--baseline"], "baseline (--baseline)"),
        ("en.txt", &[], "source file"),
    ];
    for (file, flag, role) in cases {
        let mut cmd = s.check();
        for f in flag {
            cmd.arg(f).arg(s.path(file));
        }
        cmd.arg("-o").arg(s.path(file));
        refused(&s, cmd, ["CSV report (-o)", role]);
    }
    // Explicit --config elsewhere is read too.
    let mut cmd = s.check();
    cmd.arg("--config")
        .arg(s.path("mtlint.toml"))
        .arg("-o")
        .arg(s.path("mtlint.toml"));
    refused(&s, cmd, ["CSV report (-o)", "configuration file"]);
}

/// Item 1: through a symbolic link and a hard link.
#[cfg(unix)]
#[test]
fn links_to_a_file_read_are_that_file() {
    let s = Setup::new();
    std::os::unix::fs::symlink(&s.target, s.path("soft.csv")).expect("symlink");
    fs::hard_link(&s.target, s.path("hard.csv")).expect("hard link");
    for link in ["soft.csv", "hard.csv"] {
        let mut cmd = s.check();
        cmd.arg("-o").arg(s.path(link));
        refused(&s, cmd, ["CSV report (-o)", "translation"]);
        let mut cmd = s.check();
        cmd.arg("-o")
            .arg(s.path("r.csv"))
            .arg("--write-baseline")
            .arg(s.path(link));
        refused(&s, cmd, ["baseline (--write-baseline)", "translation"]);
    }
}

/// Item 1: any input of a batch run.
#[test]
fn a_report_onto_a_batch_input_is_refused() {
    let s = Setup::new();
    let src = s.path("src");
    let tgt = s.path("tgt");
    write(&src, "a/one.txt", SOURCE);
    write(&tgt, "a/one.txt", TARGET);
    write(&tgt, "units.csv", "source,target\nThe cat.,Die Katze..\n");
    for victim in [
        tgt.join("a/one.txt"),
        src.join("a/one.txt"),
        tgt.join("units.csv"),
    ] {
        let before = fs::read(&victim).expect("read input");
        mtlint()
            .current_dir(s.dir.path())
            .arg("check")
            .arg("--source-dir")
            .arg(&src)
            .arg("--target-dir")
            .arg(&tgt)
            .arg("-o")
            .arg(&victim)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("never writes a file it reads"));
        assert_eq!(fs::read(&victim).expect("read input"), before);
    }
}

/// Item 2: a review CSV used as the baseline and as the report would lose the editors'
/// `accepted` statuses.
#[test]
fn the_baseline_report_is_not_overwritten() {
    let s = Setup::new();
    let review = s.path("review.csv");
    s.check().arg("-o").arg(&review).assert().code(1);
    // An editor accepts every finding.
    let text = fs::read_to_string(&review).expect("report");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    let mut edited = format!("{header}\n");
    for line in lines {
        edited.push_str(line);
        edited.push_str("accepted\n");
    }
    fs::write(&review, &edited).expect("edit");
    let mut cmd = s.check();
    cmd.arg("--baseline").arg(&review).arg("-o").arg(&review);
    refused(&s, cmd, ["CSV report (-o)", "baseline (--baseline)"]);
    assert_eq!(fs::read_to_string(&review).expect("report"), edited);
}

/// Item 3: two outputs to one path.
#[test]
fn two_outputs_to_one_file_are_refused() {
    let s = Setup::new();
    let x = s.path("x.json");
    let mut cmd = s.check();
    cmd.arg("--write-baseline").arg(&x).arg("-o").arg(&x);
    refused(&s, cmd, ["baseline (--write-baseline)", "report (-o)"]);
    assert!(!x.exists());
    let mut cmd = s.check();
    cmd.arg("-o")
        .arg(s.path("r.csv"))
        .arg("-o")
        .arg(s.dir.path().join(".").join("r.csv"));
    refused(&s, cmd, ["CSV report (-o)", "own path"]);
}

/// Item 4: the first report is not replaced when the second cannot be written.
#[test]
fn outputs_are_replaced_together_or_not_at_all() {
    let s = Setup::new();
    let a = s.path("a.csv");
    fs::write(&a, "the previous report\n").expect("old report");
    s.check()
        .arg("-o")
        .arg(&a)
        .arg("-o")
        .arg(s.path("missing/x.sarif"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("x.sarif"));
    assert_eq!(
        fs::read_to_string(&a).expect("report"),
        "the previous report\n"
    );
    assert!(temp_files(s.dir.path()).is_empty());
}

/// Items 4 and 5: a file-size limit while the second report is written: exit 2 with a
/// message, every temporary file removed, the first report kept as it was. The shell sets
/// only the limit; mtlint itself ignores SIGXFSZ.
#[cfg(unix)]
#[test]
fn a_file_size_limit_is_an_error_not_a_silent_death() {
    let s = Setup::new();
    // Many pairs, each with a finding, make a report of several hundred kilobytes.
    let n = 2000;
    let src: String = (0..n)
        .map(|i| format!("Sentence number {i} is here.\n\n"))
        .collect();
    let tgt: String = (0..n)
        .map(|i| format!("Satz Nummer {i} ist hier..\n\n"))
        .collect();
    let source = write(s.dir.path(), "big.en.txt", src);
    let target = write(s.dir.path(), "big.de.txt", tgt);
    let a = s.path("a.jsonl");
    let b = s.path("b.csv");
    fs::write(&a, "old a\n").expect("old report");
    fs::write(&b, "old b\n").expect("old report");
    let script = format!(
        "ulimit -f 64 && exec {} check {} {} -o {} -o {}",
        env!("CARGO_BIN_EXE_mtlint"),
        source.display(),
        target.display(),
        a.display(),
        b.display()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .expect("run bash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("ulimit -f"), "{stderr}");
    assert_eq!(fs::read_to_string(&a).expect("a"), "old a\n");
    assert_eq!(fs::read_to_string(&b).expect("b"), "old b\n");
    assert!(
        temp_files(s.dir.path()).is_empty(),
        "no temporary file left"
    );
}

/// Item 7: an absurd `-j` is capped instead of starting a million threads.
#[test]
fn an_absurd_thread_count_is_capped() {
    let s = Setup::new();
    s.check()
        .arg("-o")
        .arg(s.path("r.csv"))
        .arg("-j")
        .arg("1000000")
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1);
    mtlint()
        .arg("check")
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("at most 4 per core"));
}

fn bilingual_folder(dir: &Path) {
    write(
        dir,
        "units.csv",
        "source,target\nThe cat sat on the mat.,Die Katze saß auf der Matte..\n",
    );
}

/// Item 12: a folder scan skips the default report folder and mtlint's own reports.
#[test]
fn a_folder_scan_skips_its_own_reports() {
    let tmp = TempDir::new().expect("temp dir");
    // Not a hidden folder (a temporary folder's name starts with a dot): a scan skips those.
    let project = tmp.path().join("project");
    let d = project.as_path();
    bilingual_folder(d);
    let run = |extra: &[&str]| {
        let mut cmd = mtlint();
        cmd.current_dir(d)
            .args(["check", "--target-dir", "."])
            .args(extra);
        cmd.assert()
    };
    run(&[]).code(1);
    let default_report = d.join("reports").join("project.csv");
    assert!(default_report.is_file());
    let first = fs::read(&default_report).expect("report");
    // Again: the report in reports/ is not an input.
    run(&[])
        .code(1)
        .stderr(predicate::str::contains("skipped").and(predicate::str::contains("reports/")));
    assert_eq!(fs::read(&default_report).expect("report"), first);
    // A report written next to the inputs is recognised by its header.
    run(&["-o", "review.csv"]).code(1);
    run(&["-o", "second.csv"])
        .code(1)
        .stderr(predicate::str::contains(
            "review.csv: a report mtlint wrote",
        ));
    assert_eq!(
        report_rows(&d.join("second.csv")).len(),
        report_rows(&d.join("review.csv")).len(),
        "the old report added no findings"
    );
    // Named alone, a report is refused.
    mtlint()
        .current_dir(d)
        .args(["check", "review.csv", "-o", "third.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a report mtlint wrote"));
}

/// Item 4: SIGINT at any moment leaves either every old report (exit 130, no temporary
/// file) or every new one (the run had finished): never a mix. The signal is sent at
/// several points of a run's measured duration, most of them late, in the writing phase.
#[cfg(unix)]
#[test]
fn sigint_never_leaves_some_reports_new_and_others_old() {
    use std::process::Stdio;
    use std::time::Instant;
    let s = Setup::new();
    let target = write(
        s.dir.path(),
        "long.de.txt",
        "Die Katze saß auf der Matte. . Und dann, dann ging sie.\n\n".repeat(8_000),
    );
    let a = s.path("a.csv");
    let b = s.path("b.html");
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .arg("check")
            .arg(&s.source)
            .arg(&target)
            .arg("-o")
            .arg(&a)
            .arg("-o")
            .arg(&b)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn mtlint")
    };
    let started = Instant::now();
    let status = spawn().wait().expect("wait");
    assert!(matches!(status.code(), Some(0 | 1)));
    let full = started.elapsed();
    for percent in [30u32, 70, 85, 92, 97] {
        fs::write(&a, "old a\n").expect("old report");
        fs::write(&b, "old b\n").expect("old report");
        let mut child = spawn();
        std::thread::sleep(full * percent / 100);
        let _ = std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let status = child.wait().expect("wait");
        let (ra, rb) = (
            fs::read_to_string(&a).expect("a"),
            fs::read_to_string(&b).expect("b"),
        );
        if status.code() == Some(130) {
            let old = (ra == "old a\n", rb == "old b\n");
            let new = (
                ra.starts_with("\u{feff}doc,unit,pair,"),
                rb.starts_with("<!DOCTYPE"),
            );
            assert!(
                old == (true, true) || new == (true, true),
                "interrupted at {percent} %: a mix of old and new reports"
            );
        } else {
            assert!(ra.starts_with("\u{feff}doc,unit,pair,") && rb.starts_with("<!DOCTYPE"));
        }
        assert!(temp_files(s.dir.path()).is_empty(), "at {percent} %");
        let leftovers: Vec<String> = fs::read_dir(s.dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".bak"))
            .collect();
        assert!(leftovers.is_empty(), "backups left: {leftovers:?}");
    }
}
