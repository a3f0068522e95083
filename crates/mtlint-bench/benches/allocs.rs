//! Allocations per pair, in all and per rule (issue 12 item 9): a benchmark, not a test.
//!
//! A counting global allocator wraps the system one. The MQM dev pairs
//! (`../shared/data/mqm/wmt22_dev_ende`, as [`mtlint_bench::data::load_mqm`] reads them) are
//! checked as one bilingual document of 1-1 units (as a TMX would give them), first with every
//! default rule, then with each rule alone; the table shows allocations and bytes allocated per
//! pair, and the CPU time per pair, for the whole pipeline (segment → check) and what each rule
//! adds to a run with no rule.
//!
//! ```sh
//! cargo bench -p mtlint-bench --bench allocs
//! cargo bench -p mtlint-bench --bench allocs -- --repeat 20   # more pairs
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use mtlint::checks::{ENTRIES, Needs, RuleSet};
use mtlint::formats::plaintext;
use mtlint::model::Document;
use mtlint::pipeline::{self, Settings};

struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is forwarded to the system allocator with the same arguments; the
// counters are atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        // SAFETY: forwarded as received.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as received.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        // SAFETY: forwarded as received.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// One document of 1-1 units: block `k` of each side is pair `k`.
fn document(pairs: &[(String, String)]) -> Document {
    let join = |f: &dyn Fn(&(String, String)) -> &str| {
        pairs
            .iter()
            .map(|p| f(p).replace('\n', " "))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let source = plaintext::from_text("en.txt".into(), join(&|p| &p.0));
    let target = plaintext::from_text("de.txt".into(), join(&|p| &p.1));
    Document {
        id: "bench".into(),
        source,
        target,
        paired: true,
    }
}

/// (allocations, bytes, CPU time) of checking `pairs` with `rules`, one thread.
fn measure(pairs: &[(String, String)], rules: &RuleSet) -> (u64, u64, Duration) {
    let doc = document(pairs);
    let (a0, b0) = (
        ALLOCS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    let t0 = pipeline::thread_cpu_time();
    let checked = pipeline::check_document(doc, &Settings::default(), rules);
    let t = pipeline::thread_cpu_time().saturating_sub(t0);
    let (a1, b1) = (
        ALLOCS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    drop(checked);
    (a1 - a0, b1 - b0, t)
}

fn main() {
    let mut repeat = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--repeat"
            && let Some(v) = args.next()
        {
            repeat = v.parse().unwrap_or(repeat);
        }
    }
    let segments = match mtlint_bench::data::load_mqm(&mtlint_bench::shared_data_dir()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("allocs: skipped: {e} (the shared data sits beside the project)");
            return;
        }
    };
    let one: Vec<(String, String)> = segments
        .into_iter()
        .filter(|s| !s.source.trim().is_empty() && !s.target.trim().is_empty())
        .map(|s| (s.source.trim().to_string(), s.target.trim().to_string()))
        .collect();
    let pairs: Vec<(String, String)> = std::iter::repeat_n(one, repeat).flatten().collect();
    let n = pairs.len() as f64;
    // One thread: rayon's pool, built once with one worker.
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("allocs: cannot start a thread pool: {e}");
            return;
        }
    };
    pool.install(|| {
        let none = RuleSet::of(&[]);
        let (base_a, base_b, base_t) = measure(&pairs, &none);
        let (all_a, all_b, all_t) = measure(&pairs, &RuleSet::defaults());
        println!(
            "{} pairs (MQM dev × {repeat}), one thread, as one document of 1-1 units\n",
            pairs.len()
        );
        println!("| rules | allocations per pair | KB allocated per pair | CPU µs per pair |");
        println!("|---|---|---|---|");
        let row = |label: &str, a: u64, b: u64, t: Duration| {
            println!(
                "| {label} | {:.1} | {:.2} | {:.2} |",
                a as f64 / n,
                b as f64 / n / 1024.0,
                t.as_secs_f64() * 1e6 / n
            );
        };
        row("none (read, segment, pairs)", base_a, base_b, base_t);
        row("all default rules", all_a, all_b, all_t);
        println!("\nWhat each rule adds to the run with no rule:\n");
        println!("| rule | allocations per pair | KB allocated per pair | CPU µs per pair |");
        println!("|---|---|---|---|");
        for e in ENTRIES.iter().filter(|e| e.needs == Needs::Nothing) {
            let (a, b, t) = measure(&pairs, &RuleSet::of(&[e.code]));
            row(
                &format!("{} {}", e.code, e.rule.name),
                a.saturating_sub(base_a),
                b.saturating_sub(base_b),
                t.saturating_sub(base_t),
            );
        }
    });
}
