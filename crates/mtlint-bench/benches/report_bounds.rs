//! Report size and memory bounds (issue 11, items 8 and 9): a benchmark, not a test.
//!
//! Runs the release binary on every input case of `tests/hostile.rs`, on the long garbled
//! "sentences" of item 8 (80 KB of `. `, 180 KB of `HausWelt `, 400 KB of `(`), and on inputs
//! with 200k and 1M findings written as four reports (CSV, HTML, JSON Lines, SARIF). For each
//! it prints the input bytes (source + target), the report bytes (all reports together),
//! their ratio, wall and CPU time and the child's peak RSS, and PASS/FAIL against the goals:
//! report ≤ 50 × input, and peak RSS ≤ 20 × input + 100 MB.
//!
//! ```sh
//! cargo bench --bench report_bounds                  # all cases
//! cargo bench --bench report_bounds -- 200k hostile  # cases whose name contains a word
//! MTLINT_BIG=1 cargo bench --bench report_bounds     # also the 200 MB single line
//! MTLINT_BIN=target/release/mtlint cargo bench --bench report_bounds  # another binary
//! ```
//!
//! Wall time is measured around the child; CPU time (user + system) and peak RSS
//! (`ru_maxrss`) come from `wait4` on the child, i.e. the child's own `getrusage`
//! (`RUSAGE_CHILDREN` of one child). Each case runs once (`--jobs 1`): the machine is shared.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The goals of issue 11, item 8.
const MAX_REPORT_FACTOR: u64 = 50;
const MAX_RSS_FACTOR: u64 = 20;
const RSS_ALLOWANCE: u64 = 100 << 20;

/// One run's measures.
struct Measure {
    code: i32,
    wall: Duration,
    cpu: Duration,
    max_rss: u64,
}

/// Run `cmd`, and measure it with `wait4` (its own rusage, not that of earlier children).
fn measure(cmd: &mut Command) -> std::io::Result<Measure> {
    let started = Instant::now();
    let child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that `wait4` fills in; `pid` is our own child, not yet
    // waited for (`child` is dropped without `wait`, which neither kills nor reaps it).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    drop(child);
    if r < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Ok(Measure {
        code,
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        // Linux reports KiB.
        max_rss: usage.ru_maxrss as u64 * 1024,
    })
}

/// One case: the files to give `mtlint check`, and the reports to write.
struct Case {
    name: String,
    inputs: Vec<PathBuf>,
    reports: Vec<&'static str>,
    extra: Vec<&'static str>,
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).expect("write input");
    p
}

/// Write `text` repeated until `bytes` bytes, then `end`.
fn repeated(dir: &Path, name: &str, text: &str, bytes: usize, end: &str) -> PathBuf {
    let p = dir.join(name);
    let mut f = std::io::BufWriter::new(fs::File::create(&p).expect("create input"));
    let mut written = 0;
    while written < bytes {
        f.write_all(text.as_bytes()).expect("write input");
        written += text.len();
    }
    f.write_all(end.as_bytes()).expect("write input");
    f.flush().expect("write input");
    p
}

fn case(name: &str, inputs: Vec<PathBuf>) -> Case {
    Case {
        name: name.to_string(),
        inputs,
        reports: vec!["r.csv"],
        extra: Vec::new(),
    }
}

fn four(mut c: Case) -> Case {
    c.reports = vec!["r.csv", "r.html", "r.jsonl", "r.sarif"];
    c
}

/// The cases: `tests/hostile.rs`'s inputs (those that are about output paths, interrupts or
/// failing writes have no input of their own and are left out), item 8's sentences, and the
/// many-findings inputs of item 9.
fn cases(dir: &Path) -> Vec<Case> {
    let mut v = Vec::new();
    let s1 = write(dir, "cat.en.txt", "The cat sat on the mat.\n");
    // tests/hostile.rs: refused inputs (exit 2, no report).
    let mut bytes = b"Erste Zeile.\nZweite Zeile.\nDrei ".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b" Ende.\n");
    v.push(case(
        "hostile: invalid UTF-8",
        vec![s1.clone(), write(dir, "bad.txt", bytes)],
    ));
    let mut utf16 = vec![0xff, 0xfe];
    for u in "Die Katze saß.\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    v.push(case(
        "hostile: UTF-16 with BOM",
        vec![s1.clone(), write(dir, "u16.txt", utf16)],
    ));
    v.push(case(
        "hostile: NUL byte",
        vec![s1.clone(), write(dir, "nul.txt", "Eins.\nZwei.\nDr\0ei.\n")],
    ));
    v.push(case(
        "hostile: 1M empty lines",
        vec![s1.clone(), write(dir, "empty.txt", "\n".repeat(1_000_000))],
    ));
    v.push(case(
        "hostile: text after 1M empty lines",
        vec![
            s1.clone(),
            write(
                dir,
                "late.txt",
                format!("{}Die Katze saß. . Ja.\n", "\n".repeat(1_000_000)),
            ),
        ],
    ));
    v.push(case(
        "hostile: mixed CRLF and LF",
        vec![
            write(dir, "crlf.en.txt", "One.\n\nTwo three.\n"),
            write(dir, "crlf.txt", "Eins.\r\n\r\nZwei\r\ndrei. .\nVier.\r\n"),
        ],
    ));
    v.push(case(
        "hostile: RTL, combining, emoji, non-BMP",
        vec![
            write(dir, "one.en.txt", "One.\n"),
            write(dir, "rtl.txt", "Cafe\u{301} שלום 👩‍👩‍👧 🇩🇪 𐍈. .\n"),
        ],
    ));
    let mut inj = case(
        "hostile: CSV injection (--all-pairs)",
        vec![
            write(
                dir,
                "five.en.txt",
                "One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n",
            ),
            write(
                dir,
                "inj.txt",
                "=HYPERLINK(\"http://x\",\"y\")\n\n+49 30 1234\n\n-2+3\n\n@SUM(A1:A2)\n\n'=1+1\n",
            ),
        ],
    );
    inj.extra = vec!["--all-pairs"];
    v.push(inj);
    let mut single = vec![20_000_000];
    if std::env::var_os("MTLINT_BIG").is_some() {
        single.push(200_000_000);
    }
    for bytes in single {
        let chunk = "die Katze saß auf der Matte und sah zu, wie es regnete, ";
        let english = "the cat sat on the mat and watched it rain, ";
        let s = repeated(
            dir,
            &format!("line{bytes}.en.txt"),
            english,
            bytes / chunk.len() * english.len(),
            "end.\n",
        );
        let t = repeated(dir, &format!("line{bytes}.txt"), chunk, bytes, "ende. .\n");
        v.push(case(
            &format!("hostile: single line of {} MB", bytes / 1_000_000),
            vec![s, t],
        ));
    }
    // Item 8: one long garbled "sentence".
    let end = write(dir, "end.en.txt", "The end.\n");
    for (name, file, text, bytes) in [
        ("item 8: 80 KB of '. '", "dots.txt", ". ", 80_000),
        (
            "item 8: 180 KB of 'HausWelt '",
            "words.txt",
            "HausWelt ",
            180_000,
        ),
        ("item 8: 400 KB of '('", "parens.txt", "(", 400_000),
    ] {
        let t = repeated(dir, file, text, bytes, "\n");
        v.push(four(case(name, vec![end.clone(), t])));
    }
    // Item 9: many findings, one per pair, in four reports.
    for (name, n) in [
        ("item 9: 200k findings, 4 reports", 200_000),
        ("item 9: 1M findings, 4 reports", 1_000_000),
    ] {
        // As many paragraphs on both sides, so that they pair up.
        let (en, de) = (
            "The cat sat on the mat.\n\n",
            "Die Katze saß auf der Matte..\n\n",
        );
        let s = repeated(dir, &format!("many{n}.en.txt"), en, n * en.len(), "");
        let t = repeated(dir, &format!("many{n}.txt"), de, n * de.len(), "");
        v.push(four(case(name, vec![s, t])));
    }
    v
}

/// Bytes in a readable unit (MB = 10^6 bytes, KB = 10^3).
fn mb(b: u64) -> String {
    if b >= 1_000_000 {
        format!("{:.1} MB", b as f64 / 1e6)
    } else {
        format!("{:.1} KB", b as f64 / 1e3)
    }
}

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let bin = std::env::var_os("MTLINT_BIN")
        .map(PathBuf::from)
        .map(Ok)
        .unwrap_or_else(mtlint_bench::build_mtlint)
        .unwrap_or_else(|e| {
            eprintln!("report_bounds: cannot build mtlint: {e}");
            std::process::exit(2)
        });
    let dir = tempfile::tempdir().expect("temporary folder");
    println!("binary: {}", bin.display());
    println!(
        "{:<42} {:>10} {:>10} {:>7} {:>8} {:>8} {:>10}  {:<6} {:<6} exit",
        "case", "input", "report", "ratio", "wall", "CPU", "peak RSS", "size", "RSS"
    );
    let mut failed = 0;
    for c in cases(dir.path()) {
        if !filters.is_empty() && !filters.iter().any(|f| c.name.contains(f.as_str())) {
            continue;
        }
        let out = dir.path().join("out");
        let _ = fs::remove_dir_all(&out);
        fs::create_dir_all(&out).expect("output folder");
        let input: u64 = c
            .inputs
            .iter()
            .map(|p| fs::metadata(p).map(|m| m.len()).unwrap_or(0))
            .sum();
        let mut cmd = Command::new(&bin);
        cmd.arg("check").args(&c.inputs);
        for r in &c.reports {
            cmd.arg("-o").arg(out.join(r));
        }
        cmd.args(["-q", "--jobs", "1", "--fail-on", "never"])
            .args(&c.extra)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let m = match measure(&mut cmd) {
            Ok(m) => m,
            Err(e) => {
                println!("{:<42} cannot run: {e}", c.name);
                failed += 1;
                continue;
            }
        };
        let report: u64 = c
            .reports
            .iter()
            .map(|r| fs::metadata(out.join(r)).map(|m| m.len()).unwrap_or(0))
            .sum();
        let size_ok = report <= MAX_REPORT_FACTOR * input;
        let rss_ok = m.max_rss <= MAX_RSS_FACTOR * input + RSS_ALLOWANCE;
        if !(size_ok && rss_ok) {
            failed += 1;
        }
        let verdict = |ok: bool| if ok { "PASS" } else { "FAIL" };
        println!(
            "{:<42} {:>10} {:>10} {:>6.2}x {:>7.2}s {:>7.2}s {:>10}  {:<6} {:<6} {}",
            c.name,
            mb(input),
            mb(report),
            report as f64 / input.max(1) as f64,
            m.wall.as_secs_f64(),
            m.cpu.as_secs_f64(),
            mb(m.max_rss),
            verdict(size_ok),
            verdict(rss_ok),
            m.code
        );
    }
    println!(
        "goals: report <= {MAX_REPORT_FACTOR} x input; peak RSS <= {MAX_RSS_FACTOR} x input + {} MB; {failed} case(s) failed",
        RSS_ALLOWANCE >> 20
    );
}
