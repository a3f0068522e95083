//! Errors that stop a run. Every one of them maps to exit code 2 and a one-line message that
//! names the file and says what to do.

use std::path::PathBuf;

/// An error in the input or the invocation: exit code 2, no report written.
#[derive(Debug, thiserror::Error)]
pub enum MtError {
    #[error("{path}: file not found; check the path")]
    NotFound { path: PathBuf },
    #[error("{path}: is a directory; pass a file (or use --source-dir/--target-dir)")]
    IsDirectory { path: PathBuf },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Not a regular file (a character device such as `/dev/zero`, a FIFO, a socket):
    /// refused before anything is read from it.
    #[error("{path}: is a {kind}, not a regular file; pass a regular file")]
    NotRegular { path: PathBuf, kind: &'static str },
    /// Larger than the input size limit (see `formats::ReadOptions`): refused before reading.
    #[error("{path}: {size} is more than the input size limit of {limit}; {advice}")]
    TooLarge {
        path: PathBuf,
        /// The size, for people ("3.0 GiB (3221225472 bytes)").
        size: String,
        limit: String,
        /// How to raise the limit.
        advice: String,
    },
    /// A format mtlint does not read (a Word document, a PDF, …).
    #[error("{path}: {what} {advice}")]
    Unsupported {
        path: PathBuf,
        /// "a Word document (.docx)"
        what: String,
        advice: String,
    },
    /// `advice` starts with "; " and names the likely encoding and how to convert it.
    #[error("{path}:{line}: invalid UTF-8 at byte {byte}{advice}")]
    InvalidUtf8 {
        path: PathBuf,
        line: usize,
        byte: usize,
        advice: String,
    },
    /// Bytes that the encoding given with `--encoding` (or declared by an XML file) cannot
    /// decode.
    #[error(
        "{path}:{line}: byte {byte} (0x{value:02X}) is not valid {encoding}; check the encoding (--encoding, or the XML declaration)"
    )]
    Undecodable {
        path: PathBuf,
        line: usize,
        byte: usize,
        value: u8,
        encoding: &'static str,
    },
    #[error("{path}: {what}; mtlint reads UTF-8 text: convert it first{advice}")]
    Utf16 {
        path: PathBuf,
        what: &'static str,
        /// " (e.g. `iconv -f UTF-16 -t UTF-8`)", plus `--encoding` for inputs.
        advice: &'static str,
    },
    /// `what` says what the file should have been and what to pass ("not text; pass the
    /// plain-text translation").
    #[error("{path}:{line}: NUL byte at byte {byte}: this looks like a binary file, {what}")]
    Binary {
        path: PathBuf,
        line: usize,
        byte: usize,
        what: &'static str,
    },
    #[error("{path}: file is empty (no text to review); pass a file with text")]
    Empty { path: PathBuf },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error("cannot write report {path}: {message}")]
    Output { path: PathBuf, message: String },
    #[error("{0}")]
    Usage(String),
    /// The reader of our standard output went away (e.g. `| head`): not an error to report.
    #[error("broken pipe")]
    BrokenPipe,
}

impl MtError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        match source.kind() {
            std::io::ErrorKind::NotFound => MtError::NotFound { path },
            std::io::ErrorKind::IsADirectory => MtError::IsDirectory { path },
            _ => MtError::Io { path, source },
        }
    }

    pub fn output(path: impl Into<PathBuf>, message: impl ToString) -> Self {
        MtError::Output {
            path: path.into(),
            message: message.to_string(),
        }
    }
}

pub type Result<T> = std::result::Result<T, MtError>;
