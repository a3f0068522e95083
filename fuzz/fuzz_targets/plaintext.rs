//! Fuzz target `plaintext`: see `invariants::plaintext_reader` (tests/fuzz/invariants.rs) for what it
//! checks; crashing inputs go to tests/fuzz_regressions/plaintext/.
#![no_main]

#[path = "../../tests/fuzz/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::plaintext_reader(data));
