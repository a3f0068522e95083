//! The fuzz regression corpus: every file under `tests/fuzz_regressions/<target>/` is an
//! input that once crashed (or hung) the fuzz target of that name, or an input kept to pin a
//! hostile case; it runs through the same invariants as the target (`tests/fuzz/invariants.rs`)
//! on every `cargo test`, so CI re-checks what the fuzzers found without fuzzing.

#[path = "fuzz/invariants.rs"]
mod invariants;

use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn fuzz_regression_inputs_hold_the_invariants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut ran = 0;
    let mut failed = Vec::new();
    for (name, target) in invariants::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for file in files {
            if !file.is_file() {
                continue;
            }
            let data = std::fs::read(&file).expect("read regression input");
            let started = Instant::now();
            let outcome = std::panic::catch_unwind(|| target(&data));
            ran += 1;
            // Debug builds are slower than the fuzzers' -timeout=10 release runs; this only
            // catches a hang coming back.
            let slow = started.elapsed() > Duration::from_secs(20);
            if outcome.is_err() || slow {
                failed.push(format!(
                    "{} ({})",
                    file.display(),
                    if slow { "too slow" } else { "panicked" }
                ));
            }
        }
    }
    assert!(
        ran > 0,
        "no regression inputs found under {}",
        root.display()
    );
    assert!(failed.is_empty(), "fuzz regressions failed: {failed:#?}");
}
