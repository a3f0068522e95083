//! mtlint reviews machine translation: it reads an English source and its German machine
//! translation, splits both into sentences, aligns them, flags garbled spans in the German
//! and writes a review report.
//!
//! Data flows one way: [`formats`] (read) → [`segment`] → [`align`] → [`checks`] →
//! [`report`]. [`pipeline`] strings the middle together; [`commands`] are the subcommands.

pub mod align;
pub mod checks;
pub mod clock;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod error;
pub mod formats;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod segment;

pub use error::{MtError, Result};
pub use model::{Document, Lang, Severity};
