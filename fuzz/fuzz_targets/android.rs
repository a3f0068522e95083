//! Fuzz target `android`: see `invariants::android` (tests/fuzz/invariants.rs) for what it
//! checks; crashing inputs go to tests/fuzz_regressions/android/.
#![no_main]

#[path = "../../tests/fuzz/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::android(data));
