//! Regression tests for issue 11 ("Nothing lost, nothing hung"): one test (or more) per
//! numbered item, each failing on 59301b7. Grouped by area, one module file each:
//! - `outputs`: what mtlint writes never touches what it reads; outputs succeed or fail
//!   together; the tool does not check its own reports (items 1–5, 7, 12);
//! - `bounds`: linear checks and dictionary loading, bounded reports, streamed writers
//!   (items 6, 8, 9, 10 — their speed and memory figures are benchmarks, not tests);
//! - `inputs`: clear words for the common input mistakes (items 11, 13, 14, 15);
//! - `escaping`: control characters in annotations and HTML (item 16).

mod common;

#[path = "nothing_lost/outputs.rs"]
mod outputs;

#[path = "nothing_lost/bounds.rs"]
mod bounds;

#[path = "nothing_lost/inputs.rs"]
mod inputs;

#[path = "nothing_lost/escaping.rs"]
mod escaping;

#[path = "nothing_lost/reports.rs"]
mod reports;
