//! A lock beside the session file so that only one rapporteur writes it.
//!
//! The lock is an OS file lock on `FILE.lock`, which the system releases when
//! its holder dies; the file also names the holder (pid and host) for messages.

use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::atomic::private_options;

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
        let mut file = options.open(&path).map_err(io_error)?;
        let mut previous = String::new();
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let _ = file.read_to_string(&mut previous);
                let holder = match previous.trim() {
                    "" => "another process".to_string(),
                    holder => holder.to_string(),
                };
                return Err(LockError::Held {
                    session: session.to_path_buf(),
                    holder,
                });
            }
            Err(fs::TryLockError::Error(error)) => return Err(io_error(error)),
        }
        file.read_to_string(&mut previous).map_err(io_error)?;
        let took_over_from = match previous.trim() {
            "" => None,
            holder => Some(holder.to_string()),
        };
        let me = format!(
            "pid {} on {}",
            std::process::id(),
            gethostname::gethostname().to_string_lossy()
        );
        file.set_len(0).map_err(io_error)?;
        file.rewind().map_err(io_error)?;
        file.write_all(me.as_bytes()).map_err(io_error)?;
        file.sync_data().map_err(io_error)?;
        Ok(SessionLock {
            path,
            file,
            took_over_from,
        })
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Remove the name while still holding the lock, so nobody reads a stale holder.
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
}
