//! The clock of `--timings`: CPU time of the calling thread, and what one reading costs.

use std::time::{Duration, Instant};

/// CPU time of the calling thread (not wall time: on a loaded machine a thread waits for a
/// core, and that wait is no check's cost). Falls back to wall time where the clock is
/// missing.
pub fn thread_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec; the call only writes into it.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        if rc == 0 {
            return Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32);
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// The CPU time between two back-to-back [`thread_cpu_time`] readings (the least of a few):
/// what each rule's sampled time includes besides the rule (about 1 µs in a virtual machine,
/// where the reading is a system call), so that it is taken off. Measured once a run.
pub fn clock_cost() -> Duration {
    static COST: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    *COST.get_or_init(|| {
        (0..5)
            .map(|_| {
                let a = thread_cpu_time();
                thread_cpu_time().saturating_sub(a)
            })
            .min()
            .unwrap_or_default()
    })
}
