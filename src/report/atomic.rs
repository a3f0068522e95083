//! All-or-nothing writing of a run's files.
//!
//! A run may write several files (every `-o`, `--write-baseline`). Each is written into a
//! temporary file beside its destination ([`AtomicSet::stage`]); only when every one of them
//! is complete are they renamed into place, together ([`AtomicSet::commit`]). A failure
//! while writing (a folder that cannot be written, a full disk, the file-size limit of
//! `ulimit -f`) or an interrupt before the commit removes every temporary file and leaves
//! every previous report as it was.
//!
//! The commit renames the files one by one under a lock that the SIGINT handler also takes:
//! an interrupt during the commit waits for it to end, so a run never leaves some reports new
//! and others old. Should a rename fail half-way (it does not in practice: the temporary file
//! sits in the destination's folder), the files already replaced are put back from hard-link
//! backups taken just before.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{MtError, Result};

/// Temporary files of this process that are not yet renamed into place: an interrupt
/// removes them. Also the lock of [`AtomicSet::commit`].
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    match PENDING.lock() {
        Ok(v) => v,
        Err(poisoned) => poisoned.into_inner(),
    }
}

fn unregister(path: &Path) {
    pending().retain(|p| p != path);
}

/// Remove the temporary files of reports still being written and end the process with
/// `code` (called on SIGINT). Waits for a commit in progress to end; a file already renamed
/// into place is gone from its temporary path, so a finished report is never touched.
///
/// The lock is held until the process has exited: a temporary file is created and
/// registered under the same lock ([`AtomicSet::stage`]), so no file can be created between
/// the clean-up and the exit, nor be created but not yet registered when the clean-up runs.
pub fn remove_pending_temp_files_and_exit(code: i32) -> ! {
    let v = pending();
    for p in v.iter() {
        let _ = std::fs::remove_file(p);
    }
    std::process::exit(code);
}

/// Ignore SIGXFSZ, so that a file-size limit (`ulimit -f`) makes a write fail with `EFBIG`
/// (reported as an error, temporary files removed) instead of killing the process and leaving
/// a temporary file behind.
pub fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN has no preconditions; it is done once,
    // at start-up, before any thread is spawned.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// An error while writing `path`, in words that say what to do.
fn write_error(path: &Path, e: std::io::Error) -> MtError {
    #[cfg(unix)]
    match e.raw_os_error() {
        Some(libc::EFBIG) => {
            return MtError::output(
                path,
                "the file-size limit of this shell (ulimit -f) was reached; raise it \
                 (ulimit -f unlimited) or write a smaller report (--select fewer checks, or \
                 another format); no report was changed",
            );
        }
        Some(libc::ENOSPC) => {
            return MtError::output(
                path,
                "no space left on the device; free some space or write elsewhere; no report \
                 was changed",
            );
        }
        _ => {}
    }
    MtError::output(path, e)
}

/// One file written completely into its temporary file, waiting to be renamed into place.
struct Staged {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
}

/// The files of one run, written first and renamed into place together (see the module
/// documentation). Dropping a set without committing it removes its temporary files.
#[derive(Default)]
pub struct AtomicSet {
    staged: Vec<Staged>,
}

impl AtomicSet {
    pub fn new() -> AtomicSet {
        AtomicSet::default()
    }

    /// Write one file into a temporary file in `path`'s folder. `path` must be a regular
    /// file or nothing, in an existing folder.
    pub fn stage(
        &mut self,
        path: &Path,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let dir = folder_of(path);
        if !dir.is_dir() {
            let why = if dir.exists() {
                "is not a folder"
            } else {
                "does not exist"
            };
            return Err(MtError::output(
                path,
                format!(
                    "folder {} {why}; create it or choose another path",
                    dir.display()
                ),
            ));
        }
        // The report replaces what is at `path` by a rename: that must be a regular file (or
        // nothing). Renaming over /dev/null as root would replace the device; over a folder it
        // fails late with a confusing message.
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            return Err(MtError::output(
                path,
                "is not a regular file (a folder, device or pipe); choose a file path",
            ));
        }
        // Created and registered under the lock of the interrupt's clean-up: an interrupt
        // sees every temporary file that exists (see `remove_pending_temp_files_and_exit`).
        let tmp = {
            let mut pending = pending();
            let tmp = tempfile::Builder::new()
                .prefix(".mtlint-")
                .suffix(".tmp")
                .tempfile_in(&dir)
                .map_err(|e| {
                    MtError::output(
                        path,
                        format!("cannot create a file in {}: {e}", dir.display()),
                    )
                })?;
            pending.push(tmp.path().to_path_buf());
            tmp
        };
        let staged = Staged {
            path: path.to_path_buf(),
            tmp,
        };
        // From here on the temporary file is this set's: dropped (and removed) with it.
        self.staged.push(staged);
        let Some(staged) = self.staged.last_mut() else {
            return Ok(());
        };
        let tmp = &mut staged.tmp;
        {
            let mut buf = std::io::BufWriter::new(tmp.as_file_mut());
            write(&mut buf).map_err(|e| write_error(path, e))?;
            buf.flush().map_err(|e| write_error(path, e))?;
        }
        tmp.as_file()
            .sync_data()
            .map_err(|e| write_error(path, e))?;
        // A temporary file is private (0600); a report is not: keep the permissions of the
        // file it replaces, else make it readable like any new file (0644).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let perm = std::fs::metadata(path)
                .map(|m| m.permissions())
                .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
            tmp.as_file()
                .set_permissions(perm)
                .map_err(|e| MtError::output(path, e))?;
        }
        Ok(())
    }

    /// Rename every staged file into place: all of them, or (on an error) none.
    pub fn commit(mut self) -> Result<()> {
        let mut pending = pending();
        // Backups of the files about to be replaced, for the unlikely failed rename.
        let mut backups: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
        for s in &self.staged {
            backups.push((s.path.clone(), backup(&s.path)));
        }
        let mut done = 0;
        let mut failure = None;
        for s in std::mem::take(&mut self.staged) {
            let tmp_path = s.tmp.path().to_path_buf();
            match s.tmp.persist(&s.path) {
                Ok(_) => {
                    pending.retain(|p| p != &tmp_path);
                    done += 1;
                }
                Err(e) => {
                    // `e.file` is dropped here: the temporary file is removed.
                    pending.retain(|p| p != &tmp_path);
                    failure = Some(MtError::output(&s.path, e.error));
                    break;
                }
            }
        }
        // The rest of the staged files are dropped (removed) with `self`.
        if failure.is_some() {
            for (path, backup) in backups.iter().take(done) {
                match backup {
                    Some(b) => {
                        let _ = std::fs::rename(b, path);
                    }
                    None => {
                        let _ = std::fs::remove_file(path);
                    }
                }
            }
        }
        for (_, b) in &backups {
            if let Some(b) = b {
                let _ = std::fs::remove_file(b);
            }
        }
        drop(pending);
        match failure {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicSet {
    fn drop(&mut self) {
        for s in &self.staged {
            unregister(s.tmp.path());
        }
    }
}

/// The folder a file is written in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A hard link to the file at `path` under a fresh temporary name in its folder, if there is
/// a file and the file system allows it.
fn backup(path: &Path) -> Option<PathBuf> {
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let dir = folder_of(path);
    for n in 0..100u32 {
        let candidate = dir.join(format!(".mtlint-{}-{n}.bak", std::process::id()));
        match std::fs::hard_link(path, &candidate) {
            Ok(()) => return Some(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(_) => return None,
        }
    }
    None
}

/// Write one file atomically: into a temporary file in the same folder, renamed over `path`
/// only once everything is written. A failed run leaves no partial file and the previous
/// file intact.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let mut set = AtomicSet::new();
    set.stage(path, write)?;
    set.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn written_files_are_readable_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.html");
        write_atomically(&path, |w| w.write_all(b"x")).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_atomically(&path, |w| w.write_all(b"y")).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664, "the replaced file's permissions are kept");
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_failed_stage_leaves_every_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.csv");
        std::fs::write(&a, "old a").unwrap();
        std::fs::write(&b, "old b").unwrap();
        let mut set = AtomicSet::new();
        set.stage(&a, |w| w.write_all(b"new a")).unwrap();
        let err = set
            .stage(&b, |w| {
                w.write_all(b"half")?;
                Err(std::io::Error::other("disk on fire"))
            })
            .unwrap_err();
        assert!(err.to_string().contains("disk on fire"), "{err}");
        drop(set);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old a");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "old b");
        assert_eq!(
            names(dir.path()),
            ["a.csv", "b.csv"],
            "no temporary file left"
        );
    }

    #[test]
    fn a_commit_replaces_all_files_and_leaves_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.sarif");
        std::fs::write(&a, "old a").unwrap();
        let mut set = AtomicSet::new();
        set.stage(&a, |w| w.write_all(b"new a")).unwrap();
        set.stage(&b, |w| w.write_all(b"new b")).unwrap();
        assert_eq!(
            std::fs::read_to_string(&a).unwrap(),
            "old a",
            "not before commit"
        );
        set.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new b");
        assert_eq!(names(dir.path()), ["a.csv", "b.sarif"]);
    }

    #[test]
    fn a_failed_rename_puts_the_replaced_files_back() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.csv");
        std::fs::write(&a, "old a").unwrap();
        let mut set = AtomicSet::new();
        set.stage(&a, |w| w.write_all(b"new a")).unwrap();
        set.stage(&b, |w| w.write_all(b"new b")).unwrap();
        // A folder appears where b goes: its rename fails after a's succeeded.
        std::fs::create_dir(&b).unwrap();
        std::fs::write(b.join("x"), "keep").unwrap();
        assert!(set.commit().is_err());
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old a");
        assert_eq!(names(dir.path()), ["a.csv", "b.csv"]);
    }
}
