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
    #[error(
        "{path}:{line}: invalid UTF-8 at byte {byte}; save the file as UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8`)"
    )]
    InvalidUtf8 {
        path: PathBuf,
        line: usize,
        byte: usize,
    },
    #[error(
        "{path}: {what}; mtlint reads UTF-8 text: convert it first (e.g. `iconv -f UTF-16 -t UTF-8`)"
    )]
    Utf16 { path: PathBuf, what: &'static str },
    #[error(
        "{path}:{line}: NUL byte at byte {byte}: this looks like a binary file, not text; pass the plain-text translation"
    )]
    Binary {
        path: PathBuf,
        line: usize,
        byte: usize,
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
