//! Output planning for `mtlint check`: where each report goes, in which format; the check that
//! no output lands on a file the run reads or on another output; and writing them all as one
//! set (see [`crate::report::atomic`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::inputs::ReadFile;
use crate::error::{MtError, Result};
use crate::report::atomic::AtomicSet;
use crate::report::{self, Format, Report, WriteOptions};

/// The folder of the default reports, relative to the current directory.
pub const REPORTS_DIR: &str = "reports";

/// The default report path: `reports/<target file stem>.csv`.
pub fn default_report_path(target: &Path) -> PathBuf {
    default_path(target, Format::Csv)
}

/// The default path of a format's report: `reports/<target file stem>.<ext>`.
pub fn default_path(target: &Path, format: Format) -> PathBuf {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".to_string());
    Path::new(REPORTS_DIR).join(format!("{stem}.{}", format.extension()))
}

/// Where an output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    /// A file; `default` when mtlint chose the path (then `reports/` is created).
    File {
        path: PathBuf,
        default: bool,
    },
}

/// One output of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    pub destination: Destination,
}

/// The outputs a `check` invocation asks for: every `-o` in the format of its extension
/// (`--format` for `-` and unknown extensions, else CSV), plus `--format`'s default
/// destination when no `-o` has that format (`github` → standard output, others
/// `reports/<stem>.<ext>`). Nothing asked for → the CSV report at its default path.
pub fn plan_outputs(
    outputs: &[PathBuf],
    format: Option<Format>,
    report_name: &Path,
) -> Vec<Output> {
    let mut planned = Vec::new();
    for path in outputs {
        if path.as_os_str() == "-" {
            planned.push(Output {
                format: format.unwrap_or(Format::Csv),
                destination: Destination::Stdout,
            });
            continue;
        }
        // An unknown extension means --format, else CSV (as before there were formats).
        let f = Format::from_path(path).or(format).unwrap_or(Format::Csv);
        planned.push(Output {
            format: f,
            destination: Destination::File {
                path: path.clone(),
                default: false,
            },
        });
    }
    let wanted = match format {
        Some(f) => Some(f),
        None if planned.is_empty() => Some(Format::Csv),
        None => None,
    };
    if let Some(f) = wanted
        && !planned.iter().any(|o| o.format == f)
    {
        planned.push(Output {
            format: f,
            destination: if f == Format::Github {
                Destination::Stdout
            } else {
                Destination::File {
                    path: default_path(report_name, f),
                    default: true,
                }
            },
        });
    }
    planned
}

/// A file a run writes, and what for (named in messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteFile {
    pub role: String,
    pub path: PathBuf,
}

/// Every file a run writes: its report files and the `--write-baseline` file.
pub fn write_files(outputs: &[Output], write_baseline: Option<&Path>) -> Vec<WriteFile> {
    let mut files: Vec<WriteFile> = outputs
        .iter()
        .filter_map(|o| match &o.destination {
            Destination::File { path, default } => Some(WriteFile {
                role: if *default {
                    format!("default {} report", o.format.as_str().to_uppercase())
                } else {
                    format!("{} report (-o)", o.format.as_str().to_uppercase())
                },
                path: path.clone(),
            }),
            Destination::Stdout => None,
        })
        .collect();
    if let Some(b) = write_baseline {
        files.push(WriteFile {
            role: "baseline (--write-baseline)".to_string(),
            path: b.to_path_buf(),
        });
    }
    files
}

/// What identifies a file: its device and inode when it exists (so symbolic and hard links
/// to one file are the same file), else its absolute path with the folder's links resolved.
#[derive(Debug, PartialEq, Eq)]
enum FileId {
    Inode(u64, u64),
    Path(PathBuf),
}

fn file_id(path: &Path) -> FileId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(path) {
            return FileId::Inode(m.dev(), m.ino());
        }
    }
    if let Ok(p) = path.canonicalize() {
        return FileId::Path(p);
    }
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match dir.canonicalize() {
        Ok(d) => FileId::Path(d.join(name)),
        Err(_) => FileId::Path(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())),
    }
}

/// Whether two paths name the same file (through symbolic and hard links), or the same place
/// for a file that does not exist yet.
pub fn same_file(a: &Path, b: &Path) -> bool {
    file_id(a) == file_id(b)
}

/// Refuse a run that would write over a file it reads, or write two outputs to one file or
/// two to standard output. Checked before any report is written.
pub fn check_paths(reads: &[ReadFile], writes: &[WriteFile], outputs: &[Output]) -> Result<()> {
    let ids: Vec<FileId> = writes.iter().map(|w| file_id(&w.path)).collect();
    for (w, id) in writes.iter().zip(&ids) {
        if let Some(r) = reads.iter().find(|r| file_id(&r.path) == *id) {
            let same = if r.path == w.path {
                String::new()
            } else {
                format!(" ({})", r.path.display())
            };
            return Err(MtError::Usage(format!(
                "{}: is the {} and also the {}{same}; mtlint never writes a file it reads: choose another path for the {}",
                w.path.display(),
                w.role,
                r.role,
                w.role
            )));
        }
    }
    for (i, (w, id)) in writes.iter().zip(&ids).enumerate() {
        if let Some((other, _)) = writes[..i].iter().zip(&ids).find(|(_, o)| *o == id) {
            return Err(MtError::Usage(format!(
                "{}: is the {} and also the {}{}; give each output its own path",
                w.path.display(),
                other.role,
                w.role,
                if other.path == w.path {
                    String::new()
                } else {
                    format!(" ({})", other.path.display())
                }
            )));
        }
    }
    let to_stdout: Vec<&Output> = outputs
        .iter()
        .filter(|o| o.destination == Destination::Stdout)
        .collect();
    if to_stdout.len() > 1 {
        let names: Vec<&str> = to_stdout.iter().map(|o| o.format.as_str()).collect();
        return Err(MtError::Usage(format!(
            "{} outputs go to standard output ({}); they would be mixed: write all but one to files with -o PATH",
            to_stdout.len(),
            names.join(", ")
        )));
    }
    Ok(())
}

/// Write every output of a run into `set` (which may hold a staged baseline already): the
/// files into temporary files first, then standard output, then all files renamed into place
/// together. Returns the report paths written. On any error no file is changed.
pub fn write_all(
    mut set: AtomicSet,
    outputs: &[Output],
    report: &Report,
    opts: WriteOptions,
) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for out in outputs {
        if let Destination::File { path, default } = &out.destination {
            if *default && let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| MtError::output(path, e))?;
            }
            set.stage(path, |w| report::write(w, report, out.format, opts))?;
            written.push(path.clone());
        }
    }
    for out in outputs {
        if out.destination == Destination::Stdout {
            let mut stdout = std::io::stdout().lock();
            let result =
                report::write(&mut stdout, report, out.format, opts).and_then(|()| stdout.flush());
            match result {
                Ok(()) => {}
                // The reader went away (`| head`): the files are complete, keep them.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    set.commit()?;
                    return Err(MtError::BrokenPipe);
                }
                Err(e) => return Err(super::stdout_error(e)),
            }
        }
    }
    set.commit()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(role: &'static str, path: &Path) -> ReadFile {
        ReadFile {
            role,
            path: path.to_path_buf(),
        }
    }

    fn write(role: &str, path: &Path) -> WriteFile {
        WriteFile {
            role: role.to_string(),
            path: path.to_path_buf(),
        }
    }

    #[test]
    fn links_to_an_input_are_the_input() {
        let d = tempfile::tempdir().unwrap();
        let input = d.path().join("t.txt");
        std::fs::write(&input, "x").unwrap();
        let hard = d.path().join("hard.csv");
        std::fs::hard_link(&input, &hard).unwrap();
        let reads = [read("translation", &input)];
        for out in [input.clone(), hard] {
            let e = check_paths(&reads, &[write("CSV report (-o)", &out)], &[]).unwrap_err();
            assert!(e.to_string().contains("translation"), "{e}");
            assert!(e.to_string().contains("CSV report (-o)"), "{e}");
        }
        #[cfg(unix)]
        {
            let soft = d.path().join("soft.csv");
            std::os::unix::fs::symlink(&input, &soft).unwrap();
            assert!(check_paths(&reads, &[write("CSV report (-o)", &soft)], &[]).is_err());
        }
        let other = d.path().join("r.csv");
        assert!(check_paths(&reads, &[write("CSV report (-o)", &other)], &[]).is_ok());
    }

    #[test]
    fn two_outputs_to_one_new_file_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("r.csv");
        let dotted = d.path().join(".").join("r.csv");
        let e = check_paths(
            &[],
            &[write("CSV report (-o)", &a), write("baseline", &dotted)],
            &[],
        )
        .unwrap_err();
        assert!(e.to_string().contains("own path"), "{e}");
    }

    #[test]
    fn two_outputs_to_stdout_are_refused() {
        let outs = plan_outputs(
            &[PathBuf::from("-"), PathBuf::from("-")],
            None,
            Path::new("t.txt"),
        );
        assert!(check_paths(&[], &[], &outs).is_err());
    }
}
