//! See `tests/nothing_lost.rs`.

#[allow(unused_imports)]
use crate::common::*;
