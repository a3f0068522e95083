//! Issue 14 item 9: the CI integrations. The GitHub Action's shell step
//! (`scripts/action-run.sh`, run by `action.yml`), the pre-commit hook's command line
//! (`.pre-commit-hooks.yaml`; run with `pre-commit try-repo` when pre-commit is installed),
//! `--select`/`--ignore` merged with `mtlint.toml` as ruff merges them, and the
//! `fail-on-stale` configuration key.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{mtlint, write};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A PATH with the tested mtlint binary first.
fn path_with_mtlint() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_mtlint")).parent().unwrap();
    let mut paths = vec![bin.to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

fn pair(dir: &Path) {
    write(dir, "en.txt", common::SOURCE);
    write(dir, "de.txt", common::TARGET);
}

/// Run the action's step in `dir` with `env`; (exit code of the script, its stdout, the
/// `exit-code` it wrote to GITHUB_OUTPUT).
fn action(dir: &Path, env: &[(&str, &str)]) -> (i32, String, String) {
    let output = dir.join("github_output");
    let _ = std::fs::remove_file(&output);
    let out = Command::new("bash")
        .arg(root().join("scripts/action-run.sh"))
        .current_dir(dir)
        .env("PATH", path_with_mtlint())
        .env("GITHUB_OUTPUT", &output)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let recorded = std::fs::read_to_string(&output).unwrap_or_default();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        recorded.trim().to_string(),
    )
}

#[test]
fn the_action_step_annotates_writes_sarif_and_records_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    pair(dir.path());
    let (code, stdout, recorded) = action(dir.path(), &[("MTLINT_ARGS", "en.txt de.txt")]);
    // The step itself never fails (the SARIF upload must still run); the code is recorded.
    assert_eq!(code, 0);
    assert_eq!(recorded, "exit-code=1");
    assert!(
        stdout.contains("::error file=de.txt,line=1,"),
        "annotations on stdout:\n{stdout}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("mtlint.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");

    // fail-on never: recorded 0; without SARIF: no file.
    std::fs::remove_file(dir.path().join("mtlint.sarif")).unwrap();
    let (_, _, recorded) = action(
        dir.path(),
        &[
            ("MTLINT_ARGS", "en.txt de.txt"),
            ("MTLINT_FAIL_ON", "never"),
            ("MTLINT_SARIF", "false"),
        ],
    );
    assert_eq!(recorded, "exit-code=0");
    assert!(!dir.path().join("mtlint.sarif").exists());

    // A baseline accepting everything: 0.
    mtlint()
        .current_dir(dir.path())
        .args([
            "check",
            "en.txt",
            "de.txt",
            "--write-baseline",
            "b.json",
            "-q",
        ])
        .assert()
        .code(0);
    let (_, _, recorded) = action(
        dir.path(),
        &[
            ("MTLINT_ARGS", "en.txt de.txt"),
            ("MTLINT_BASELINE", "b.json"),
        ],
    );
    assert_eq!(recorded, "exit-code=0");

    // An input error: 2, with an error annotation.
    let (_, stdout, recorded) = action(dir.path(), &[("MTLINT_ARGS", "en.txt missing.txt")]);
    assert_eq!(recorded, "exit-code=2");
    assert!(stdout.contains("::error title=mtlint::"), "{stdout}");
}

#[test]
fn the_action_and_hook_definitions_name_what_they_run() {
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    assert!(action.contains("using: composite"));
    assert!(action.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""));
    assert!(action.contains("scripts/action-run.sh"));
    assert!(action.contains("github/codeql-action/upload-sarif"));
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("- id: mtlint\n"));
    assert!(hooks.contains("language: rust"));
    assert!(hooks.contains("- id: mtlint-system\n"));
    assert!(hooks.contains("language: system"));
}

/// The hook's command line (entry + args) as pre-commit runs it, in a repository with a PO
/// file: annotations, exit 1 on errors, no report written.
#[test]
fn the_pre_commit_hook_command_checks_the_repository() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let value = |key: &str| {
        hooks
            .lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .unwrap()
            .trim()
            .to_string()
    };
    let entry = value("entry:");
    let args = value("args:");
    let args: Vec<String> = args
        .trim_matches(['[', ']'])
        .split(',')
        .map(|a| a.trim().to_string())
        .collect();
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("mtlint"));
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "locales/de.po",
        "msgid \"It is late.\"\nmsgstr \"Es ist spät. .\"\n",
    );
    let out = mtlint()
        .current_dir(dir.path())
        .args(words)
        .args(&args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("::error file="), "{stdout}");
    assert!(!dir.path().join("reports").exists(), "no report written");
}

const XLIFF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2"><file source-language="en" target-language="de" original="app"><body>
<trans-unit id="greeting"><source>See you soon.</source><target>TARGET</target></trans-unit>
</body></file></xliff>
"#;

/// Run `git ARGS` in `dir`, asserting it succeeds.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `pre-commit try-repo <this repository> HOOK --files de.xlf` in a temporary git repository
/// holding an English/German XLIFF file: the hook fails on a faulty translation (and prints
/// the finding) and passes on a clean one. The hook `mtlint-system` runs the tested binary
/// (on the PATH); the hook `mtlint` (language: rust) makes pre-commit build mtlint with
/// `cargo install`, which takes minutes: it runs only with MTLINT_TEST_PRE_COMMIT_BUILD=1
/// (`.ci/run` sets it), its build directory the workspace's target folder, so only mtlint
/// itself is compiled again. Skipped with a message when pre-commit or git is missing.
#[test]
fn pre_commit_try_repo_fails_on_a_faulty_translation_and_passes_a_clean_one() {
    let has = |cmd: &str| {
        Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !has("pre-commit") || !has("git") {
        eprintln!(
            "skipped: pre-commit try-repo needs pre-commit and git on the PATH (pip install pre-commit)"
        );
        return;
    }
    let mut hooks = vec!["mtlint-system"];
    if std::env::var_os("MTLINT_TEST_PRE_COMMIT_BUILD").is_some_and(|v| v == "1") {
        hooks.push("mtlint");
    } else {
        eprintln!(
            "skipped the hook `mtlint` (language: rust, pre-commit builds mtlint with cargo install): set MTLINT_TEST_PRE_COMMIT_BUILD=1 to run it (.ci/run does)"
        );
    }
    let home = tempfile::tempdir().unwrap();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    for hook in hooks {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        git(d, &["init", "-q"]);
        git(d, &["config", "user.email", "test@example.org"]);
        git(d, &["config", "user.name", "test"]);
        let try_repo = || {
            let out = Command::new("pre-commit")
                .arg("try-repo")
                .arg(root())
                .args([hook, "--files", "de.xlf"])
                .current_dir(d)
                .env("PATH", path_with_mtlint())
                // pre-commit's own cache (its clone of this repository, the built hook) stays
                // in the test's folder.
                .env("PRE_COMMIT_HOME", home.path())
                .env("CARGO_TARGET_DIR", &target)
                .output()
                .unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            (out.status.code(), text)
        };
        write(d, "de.xlf", XLIFF.replace("TARGET", "Bis bald. ."));
        git(d, &["add", "de.xlf"]);
        let (code, text) = try_repo();
        assert_eq!(
            code,
            Some(1),
            "{hook}: fails on the faulty translation\n{text}"
        );
        assert!(text.contains("Failed"), "{hook}: {text}");
        assert!(
            text.contains("title=MT005 doubled-punctuation in unit greeting"),
            "{hook}: the finding is printed\n{text}"
        );
        write(d, "de.xlf", XLIFF.replace("TARGET", "Bis bald."));
        git(d, &["add", "de.xlf"]);
        let (code, text) = try_repo();
        assert_eq!(
            code,
            Some(0),
            "{hook}: passes on the clean translation\n{text}"
        );
        assert!(text.contains("Passed"), "{hook}: {text}");
        assert!(!d.join("reports").exists(), "{hook}: no report written");
    }
}

/// (exit code, codes found) of `check en.txt de.txt` with extra arguments.
fn run(dir: &Path, args: &[&str]) -> (i32, Vec<String>) {
    let out = mtlint()
        .current_dir(dir)
        .args([
            "check",
            "en.txt",
            "de.txt",
            "-o",
            "r.csv",
            "-q",
            "--fail-on",
            "info",
        ])
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    if code == 2 {
        return (
            code,
            vec![String::from_utf8_lossy(&out.stderr).into_owned()],
        );
    }
    let mut codes: Vec<String> = common::report_rows(&dir.join("r.csv"))
        .into_iter()
        .map(|r| r["code"].clone())
        .collect();
    codes.dedup();
    (code, codes)
}

#[test]
fn select_and_ignore_merge_with_the_configuration_like_ruff() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "en.txt",
        "The cat sat on the mat.\n\nIt was 1997 and it was fine.\n",
    );
    // MT005 (",,") and MT009 (a number changed).
    write(
        d,
        "de.txt",
        "Die Katze saß auf der Matte.\n\nEs war 1998,, und es war gut.\n",
    );
    let (_, all) = run(d, &[]);
    assert!(
        all.contains(&"MT005".into()) && all.contains(&"MT009".into()),
        "{all:?}"
    );
    // The file ignores MT005.
    write(d, "mtlint.toml", "ignore = [\"MT005\"]\n");
    let (_, codes) = run(d, &[]);
    assert!(!codes.contains(&"MT005".into()) && codes.contains(&"MT009".into()));
    // --select starts afresh: MT005 runs although the file ignores it, and only it.
    let (_, codes) = run(d, &["--select", "MT005"]);
    assert_eq!(codes, ["MT005"]);
    // --ignore adds to the file's ignore.
    let (_, codes) = run(d, &["--ignore", "number-mismatch"]);
    assert!(!codes.contains(&"MT005".into()) && !codes.contains(&"MT009".into()));
    // Comma-separated, names and prefixes; --ignore applies after --select.
    let (_, codes) = run(
        d,
        &["--select", "doubled-punctuation,MT009", "--ignore", "MT00"],
    );
    assert!(codes.is_empty(), "{codes:?}");
    let (code, err) = run(d, &["--select", "MT999"]);
    assert_eq!(code, 2);
    assert!(
        err[0].contains("unknown check 'MT999' in --select"),
        "{err:?}"
    );
}

#[test]
fn fail_on_stale_is_a_configuration_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    pair(d);
    mtlint()
        .current_dir(d)
        .args([
            "check",
            "en.txt",
            "de.txt",
            "--write-baseline",
            "b.json",
            "-q",
        ])
        .assert()
        .code(0);
    // The finding is fixed: the baseline entry is stale.
    write(d, "de.txt", common::TARGET.replace("..", "."));
    let args = [
        "check",
        "en.txt",
        "de.txt",
        "-o",
        "r.csv",
        "--baseline",
        "b.json",
        "-q",
    ];
    mtlint().current_dir(d).args(args).assert().code(0);
    write(d, "mtlint.toml", "fail-on-stale = true\n");
    mtlint().current_dir(d).args(args).assert().code(1);
}
