//! mtlint's benchmarks, kept out of the library: they measure and print, never assert.
//!
//! - [`checks`] — `mtlint-bench checks`: recall on injected damage, false findings on clean
//!   pairs, precision on human error spans, critical-error MCC.
//! - [`l10n`] — `mtlint-bench l10n`: l10n damage recall per kind (placeholders, ICU,
//!   consistency, spelling) and the spelling rule on real text.
//! - [`align`] — `mtlint-bench align`: the aligner on gold standards and generated documents.
//! - `benches/` — `cargo bench -p mtlint-bench --bench NAME`: speed of the readers, the
//!   segmenter, the text checks, content omission and the whole `mtlint check`.
//!
//! Their building blocks exist once: one PRNG ([`rng`]), one damage generator ([`inject`]),
//! one loader per data set ([`data`]: WMT22 MQM, WMT21 CED).

pub mod align;
pub mod checks;
pub mod data;
pub mod gale_church;
pub mod inject;
pub mod l10n;
pub mod rng;

use std::path::{Path, PathBuf};

/// The shared data folder for the command line: `../shared/data`, relative to the directory
/// it runs in (the project root).
pub fn default_data_dir() -> &'static Path {
    Path::new("../shared/data")
}

/// The shared folder (`../shared` beside the project root) for benches and tests, which
/// cargo runs inside this crate's folder.
pub fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// The shared data folder for benches and tests: `shared_dir()/data`.
pub fn shared_data_dir() -> PathBuf {
    shared_dir().join("data")
}

/// Build the release `mtlint` binary (the bench crate cannot depend on another package's
/// binary) and return its path: `release/mtlint` beside the `release/deps/` this bench runs
/// from.
pub fn build_mtlint() -> Result<PathBuf, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let status = std::process::Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "mtlint",
            "--bin",
            "mtlint",
        ])
        .current_dir(&root)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("cargo build failed ({status})"));
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("no target folder")?
        .join(format!("mtlint{}", std::env::consts::EXE_SUFFIX));
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!("{} not found after the build", bin.display()))
    }
}

/// (pairs, the release binary, its `bench-data` folder): see [`bench_inputs`].
pub type BenchInputs = (Vec<(String, String)>, PathBuf, PathBuf);

/// What a bench that runs the binary on generated data needs: the non-empty MQM dev pairs
/// (trimmed) to build the data from, the release binary, and its `bench-data` folder. `None`
/// (after a message naming `bench`) when the shared data is absent or the build fails.
pub fn bench_inputs(bench: &str) -> Option<BenchInputs> {
    let segments = match data::load_mqm(&shared_data_dir()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{bench}: skipped: {e} (the shared data sits beside the project)");
            return None;
        }
    };
    let pairs: Vec<(String, String)> = segments
        .into_iter()
        .filter(|s| !s.source.trim().is_empty() && !s.target.trim().is_empty())
        .map(|s| (s.source.trim().to_string(), s.target.trim().to_string()))
        .collect();
    let mtlint = match build_mtlint() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{bench}: cannot build the mtlint binary: {e}");
            return None;
        }
    };
    let dir = mtlint
        .parent()
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
        .join("bench-data");
    Some((pairs, mtlint, dir))
}

/// CPU seconds (user + system) used by the finished child processes so far.
fn children_cpu() -> f64 {
    // SAFETY: getrusage only writes into the zeroed struct we pass.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: as above; RUSAGE_CHILDREN is a valid `who`.
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) } != 0 {
        return 0.0;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(ru.ru_utime) + secs(ru.ru_stime)
}

/// One run of the release binary by [`run_check`].
#[derive(Debug, Clone)]
pub struct CheckRun {
    /// Wall seconds.
    pub wall: f64,
    /// User + system CPU seconds of the run (all threads): on a shared machine the wall time
    /// includes waiting for a core, the CPU time does not.
    pub cpu: f64,
    /// Sentence pairs of the summary line.
    pub pairs: u64,
    /// Peak RSS of the `--timings` line, MiB.
    pub rss_mib: f64,
    /// The run's standard error (summary and `--timings` lines).
    pub stderr: String,
}

/// Run `mtlint check ARGS -o OUT --fail-on never --timings EXTRA` with `RAYON_NUM_THREADS`
/// = `threads`; the error is the run's standard error when it fails.
pub fn run_check(
    mtlint: &Path,
    args: &[&std::ffi::OsStr],
    out: &Path,
    threads: usize,
    extra: &[&str],
) -> Result<CheckRun, String> {
    let before = children_cpu();
    let started = std::time::Instant::now();
    let output = std::process::Command::new(mtlint)
        .arg("check")
        .args(args)
        .arg("-o")
        .arg(out)
        .args(["--fail-on", "never", "--timings"])
        .args(extra)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .map_err(|e| e.to_string())?;
    let wall = started.elapsed().as_secs_f64();
    let cpu = children_cpu() - before;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(stderr.trim().to_string());
    }
    let pairs = stderr
        .split([',', '\n'])
        .find_map(|part| part.trim().strip_suffix(" sentence pairs"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    let rss_kib: f64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("mtlint: timings: "))
        .and_then(|l| l.rsplit("peak RSS ").next())
        .and_then(|s| s.trim_end_matches(" KiB").parse().ok())
        .unwrap_or(0.0);
    Ok(CheckRun {
        wall,
        cpu,
        pairs,
        rss_mib: rss_kib / 1024.0,
        stderr,
    })
}

/// The machine's load averages (1, 5, 15 minutes) from `/proc/loadavg`, or "unknown": the
/// benches print them beside their timings, since this machine is shared.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}
