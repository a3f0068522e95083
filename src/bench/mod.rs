//! Benchmarks that run inside the binary (`mtlint bench-*`): they measure, print tables and
//! never assert. Tests of their building blocks live beside them.

pub mod checks;
