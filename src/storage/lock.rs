//! A lock beside the session file so that only one rapporteur writes it.
//!
//! The lock is an OS file lock on `FILE.lock`, which the system releases when
//! its holder dies; the file also names the holder (pid and host) for messages.
//!
//! The holder deletes the lock file before it unlocks, so a lock file never
//! names someone who has left. A process that opened the file just before the
//! delete may then lock that deleted file, while another creates a new one at
//! the path: so a lock counts only once the file it is taken on is checked to
//! be the one still at the path (same device and inode); otherwise it is let
//! go and taken again.

use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use same_file::Handle;

use super::atomic::private_options;

/// How often the lock file may be found replaced before giving up.
const ATTEMPTS: usize = 1000;

/// Held while a session file is open for writing; released on drop.
#[derive(Debug)]
pub struct SessionLock {
    path: PathBuf,
    file: File,
    /// The holder named in a lock file left behind by a process that died, if any.
    pub took_over_from: Option<String>,
}

/// Why a session file could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another live rapporteur holds the lock.
    Held {
        /// The session file.
        session: PathBuf,
        /// "pid N on HOST", as the holder wrote it.
        holder: String,
    },
    /// The lock file could not be created or locked.
    Io {
        /// The lock file.
        path: PathBuf,
        /// What went wrong.
        error: io::Error,
    },
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held { session, holder } => write!(
                f,
                "{} is open in another rapporteur ({holder}); close it there first",
                session.display()
            ),
            LockError::Io { path, error } => {
                write!(f, "{}: cannot take the lock: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for LockError {}

/// Path of the lock file of a session file.
pub fn lock_path(session: &Path) -> PathBuf {
    let mut name = session.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    session.with_file_name(name)
}

/// What came of one attempt to lock an opened lock file.
#[derive(Debug)]
enum Attempt {
    /// Locked, and it is the file at the path.
    Taken(File),
    /// Locked by a live process, and it is the file at the path.
    Held(File),
    /// The file was deleted or replaced since it was opened: open the path again.
    Gone,
}

/// Whether `file` is the file now at `path` (same device and inode).
fn still_at(file: &File, path: &Path) -> io::Result<bool> {
    // The OS lock (flock) belongs to the open file description: closing these handles keeps it.
    let opened = Handle::from_file(file.try_clone()?)?;
    match Handle::from_path(path) {
        Ok(there) => Ok(opened == there),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(error),
    }
}

/// Tries the OS lock on `file`, opened from `path`, and checks it is still the file there.
fn attempt(file: File, path: &Path) -> io::Result<Attempt> {
    let locked = match file.try_lock() {
        Ok(()) => true,
        Err(fs::TryLockError::WouldBlock) => false,
        Err(fs::TryLockError::Error(error)) => return Err(error),
    };
    // A holder on its way out deletes the file before unlocking it: that file is nobody's lock.
    if !still_at(&file, path)? {
        return Ok(Attempt::Gone);
    }
    Ok(if locked {
        Attempt::Taken(file)
    } else {
        Attempt::Held(file)
    })
}

impl SessionLock {
    /// Takes the lock on `session`, or says who holds it.
    pub fn acquire(session: &Path) -> Result<SessionLock, LockError> {
        let path = lock_path(session);
        let io_error = |error| LockError::Io {
            path: path.clone(),
            error,
        };
        let mut options = private_options();
        options.read(true).create(true).truncate(false);
        for _ in 0..ATTEMPTS {
            let file = options.open(&path).map_err(io_error)?;
            match attempt(file, &path).map_err(io_error)? {
                Attempt::Gone => continue,
                Attempt::Held(mut file) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    let holder = match holder.trim() {
                        "" => "another process".to_string(),
                        holder => holder.to_string(),
                    };
                    return Err(LockError::Held {
                        session: session.to_path_buf(),
                        holder,
                    });
                }
                Attempt::Taken(file) => return Self::hold(path.clone(), file).map_err(io_error),
            }
        }
        Err(io_error(io::Error::other(
            "the lock file kept being replaced by other processes",
        )))
    }

    /// Names this process in the lock file it has just locked, and says whom it replaces.
    fn hold(path: PathBuf, mut file: File) -> io::Result<SessionLock> {
        let mut previous = String::new();
        file.read_to_string(&mut previous)?;
        // Only a holder that died leaves its name: one that left deleted the file.
        let took_over_from = match previous.trim() {
            "" => None,
            holder => Some(holder.to_string()),
        };
        let me = format!(
            "pid {} on {}",
            std::process::id(),
            gethostname::gethostname().to_string_lossy()
        );
        file.set_len(0)?;
        file.rewind()?;
        file.write_all(me.as_bytes())?;
        file.sync_data()?;
        Ok(SessionLock {
            path,
            file,
            took_over_from,
        })
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Remove the name while still holding the lock, so nobody reads a stale holder;
        // whoever locks the deleted file meanwhile finds it gone from the path and retries.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_with_the_holder_named() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("m.ron");
        let first = SessionLock::acquire(&session).unwrap();
        assert!(first.took_over_from.is_none());
        let error = SessionLock::acquire(&session).unwrap_err().to_string();
        assert!(error.contains("is open in another rapporteur"), "{error}");
        assert!(
            error.contains(&format!("pid {}", std::process::id())),
            "{error}"
        );
        drop(first);
        assert!(!lock_path(&session).exists());
        SessionLock::acquire(&session).unwrap();
    }

    #[test]
    fn a_lock_left_by_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("m.ron");
        fs::write(lock_path(&session), "pid 999999 on elsewhere").unwrap();
        let lock = SessionLock::acquire(&session).unwrap();
        assert_eq!(
            lock.took_over_from.as_deref(),
            Some("pid 999999 on elsewhere")
        );
    }

    #[test]
    fn a_lock_file_deleted_by_its_leaving_holder_does_not_count() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("m.ron");
        let path = lock_path(&session);
        let holder = SessionLock::acquire(&session).unwrap();
        // Opened just before the holder leaves, locked just after.
        let late = private_options().read(true).open(&path).unwrap();
        drop(holder);
        let newcomer = SessionLock::acquire(&session).unwrap();
        assert!(matches!(attempt(late, &path).unwrap(), Attempt::Gone));
        drop(newcomer);
        // While the holder is still leaving, a late opener is told to retry, not refused.
        let holder = SessionLock::acquire(&session).unwrap();
        let late = private_options().read(true).open(&path).unwrap();
        fs::remove_file(&path).unwrap();
        assert!(matches!(attempt(late, &path).unwrap(), Attempt::Gone));
        drop(holder);
    }

    #[test]
    fn a_lock_file_replaced_at_the_path_is_not_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("m.ron");
        let path = lock_path(&session);
        fs::write(&path, "").unwrap();
        let opened = private_options().read(true).open(&path).unwrap();
        fs::remove_file(&path).unwrap();
        fs::write(&path, "").unwrap();
        assert!(matches!(attempt(opened, &path).unwrap(), Attempt::Gone));
        let lock = SessionLock::acquire(&session).unwrap();
        assert!(lock.took_over_from.is_none());
    }
}
