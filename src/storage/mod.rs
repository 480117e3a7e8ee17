//! Session files on disk: RON text, atomic saves, a journal of commits, a lock.
//!
//! Committing an edit appends it to `FILE.journal` and fsyncs before returning,
//! a cost that does not grow with the session; saving folds the journal into
//! `FILE` with an atomic rewrite. A file that fails to load is never written.

mod atomic;
#[cfg(any(test, feature = "testing"))]
pub mod faults;
#[cfg(not(any(test, feature = "testing")))]
mod faults;
mod journal;
mod lock;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[cfg(any(test, feature = "testing"))]
pub use atomic::write_atomically_with;
pub use atomic::{create_atomically, write_atomically};
#[cfg(any(test, feature = "testing"))]
pub use faults::Faults;
#[cfg(not(any(test, feature = "testing")))]
use faults::Faults;
pub use journal::journal_path;
pub use lock::{LockError, SessionLock, lock_path};

use crate::edit::{Edit, EditError};
use crate::model::{SCHEMA_VERSION, Session};
use crate::source::{NESTING_LIMIT, SourceError, utf8_or_position};

/// Largest session file rapporteur reads, to refuse a wrong file quickly.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Why a session file could not be loaded, with its position when known.
pub type LoadError = SourceError;

/// Any failure of a session file operation, as one line for the user.
#[derive(Debug)]
pub enum StorageError {
    /// The file did not load; it has not been touched.
    Load(LoadError),
    /// Another rapporteur has the file open, or the lock failed.
    Lock(LockError),
    /// Writing failed.
    Write {
        /// The file being written.
        path: PathBuf,
        /// What went wrong.
        error: io::Error,
    },
    /// The session already exists and would be overwritten.
    Exists(PathBuf),
    /// Another program changed the session file since rapporteur read or wrote it.
    ChangedOnDisk(PathBuf),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Load(e) => e.fmt(f),
            StorageError::Lock(e) => e.fmt(f),
            StorageError::Write { path, error } => {
                write!(f, "{}: cannot write: {error}", path.display())
            }
            StorageError::Exists(path) => write!(
                f,
                "{} exists already; rapporteur never overwrites a session",
                path.display()
            ),
            StorageError::ChangedOnDisk(path) => write!(
                f,
                "{} was changed by another program; your notes are safe in its journal: save a copy elsewhere, or overwrite it",
                path.display()
            ),
        }
    }
}

impl std::error::Error for StorageError {}

impl From<LoadError> for StorageError {
    fn from(e: LoadError) -> Self {
        StorageError::Load(e)
    }
}

impl From<LockError> for StorageError {
    fn from(e: LockError) -> Self {
        StorageError::Lock(e)
    }
}

fn write_error(path: &Path) -> impl FnOnce(io::Error) -> StorageError + '_ {
    move |error| StorageError::Write {
        path: path.to_path_buf(),
        error,
    }
}

/// The session as pretty, stable RON text.
pub fn to_ron(session: &Session) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .new_line("\n");
    let mut text = ron::ser::to_string_pretty(session, config)
        .expect("a session always serialises: it has only strings, numbers and lists");
    text.push('\n');
    text
}

/// Parses session text; `path` is only used in error messages.
pub fn from_ron(text: &str, path: &Path) -> Result<Session, LoadError> {
    let session: Session = ron::Options::default()
        .with_recursion_limit(NESTING_LIMIT)
        .from_str(text)
        .map_err(|e| LoadError::ron(path, &e))?;
    let mut session = session;
    // A hand-edited file may lack or carry a stale counter: never reuse an id.
    let highest = session
        .interventions
        .iter()
        .flat_map(|i| std::iter::once(i.id).chain(i.notes.iter().map(|n| n.id)))
        .chain(session.remarks.iter().map(|r| r.id))
        .max()
        .unwrap_or(0);
    session.next_serial = session.next_serial.max(highest + 1);
    if session.version > SCHEMA_VERSION {
        return Err(LoadError::whole_file(
            path,
            format!(
                "written by a newer rapporteur (schema version {}); this one reads up to {SCHEMA_VERSION}",
                session.version
            ),
        ));
    }
    Ok(session)
}

/// Reads and parses a session file, without its journal.
pub fn read_file(path: &Path) -> Result<Session, LoadError> {
    let size = fs::metadata(path)
        .map_err(|e| LoadError::io(path, e))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::whole_file(
            path,
            format!("is {size} bytes, larger than any session rapporteur reads"),
        ));
    }
    let bytes = fs::read(path).map_err(|e| LoadError::io(path, e))?;
    let text = utf8_or_position(&bytes, path)?;
    from_ron(text, path)
}

/// What opening a session found beyond the file itself.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// Committed edits replayed from the journal (work since the last save).
    pub replayed: usize,
    /// Whether a half-written last journal line (never acknowledged) was dropped.
    pub torn_tail: bool,
    /// The holder of a lock left behind by a process that died.
    pub stale_lock: Option<String>,
}

/// Loads a session file and replays its journal, without locking or writing anything.
pub fn load(path: &Path) -> Result<Session, LoadError> {
    load_with_recovery(path).map(|(session, _, _)| session)
}

fn load_with_recovery(path: &Path) -> Result<(Session, Recovery, u64), LoadError> {
    // The journal is read before the file: a reader without the lock (tally, export)
    // racing a save that folds the journal in then sees either the old file with the
    // entries, or the new file that holds them, never the old file without them.
    let replay = journal::read(path, 0)?;
    let mut session = read_file(path)?;
    let journal = journal_path(path);
    let folded = session.journal_seq;
    let edits: Vec<(u64, Edit)> = replay
        .edits
        .into_iter()
        .filter(|(seq, _)| *seq > folded)
        .collect();
    let replayed = edits.len();
    for (seq, edit) in edits {
        session.apply(edit).map_err(|EditError(reason)| {
            LoadError::whole_file(
                &journal,
                format!("entry {seq} cannot be replayed: {reason}"),
            )
        })?;
    }
    let recovery = Recovery {
        replayed,
        torn_tail: replay.torn_tail,
        stale_lock: None,
    };
    let last_seq = replay.last_seq.max(session.journal_seq);
    Ok((session, recovery, last_seq))
}

/// Removes temp files of saves cut short by a crash: with the lock held, no live
/// rapporteur is writing one for this session.
fn sweep_temp_files(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.tmp-");
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes the session file at `path`, with its journal and lock, if it holds just
/// `created` (a new session in which nothing was recorded); says whether it did.
///
/// The lock is taken first, so a session someone has opened meanwhile is never removed.
pub fn discard_untouched(path: &Path, created: &Session) -> Result<bool, StorageError> {
    let lock = SessionLock::acquire(path)?;
    let mut found = load(path)?;
    // The file's place in its journal is bookkeeping, not something recorded.
    found.journal_seq = created.journal_seq;
    if found != *created {
        return Ok(false);
    }
    let journal = journal_path(path);
    for file in [journal.as_path(), path] {
        match fs::remove_file(file) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => {
                return Err(write_error(file)(error));
            }
            _ => {}
        }
    }
    atomic::sync_folder_of(path).map_err(write_error(path))?;
    drop(lock);
    Ok(true)
}

/// Writes `session` to a new file at `path` (never over an existing one), e.g. to keep
/// both versions when the open file was changed by another program.
pub fn save_copy(session: &Session, path: &Path) -> Result<(), StorageError> {
    let mut copy = session.clone();
    copy.journal_seq = 0;
    create_new(path, &copy)
}

/// Writes `session` atomically to `path`, which must not exist yet.
fn create_new(path: &Path, session: &Session) -> Result<(), StorageError> {
    create_atomically(path, to_ron(session).as_bytes()).map_err(|error| {
        if error.kind() == io::ErrorKind::AlreadyExists {
            StorageError::Exists(path.to_path_buf())
        } else {
            StorageError::Write {
                path: path.to_path_buf(),
                error,
            }
        }
    })
}

/// A session file open for writing: holds the lock and the journal.
#[derive(Debug)]
pub struct SessionFile {
    path: PathBuf,
    journal: journal::Journal,
    /// A failed or torn journal append: commit by saving the whole file until a save clears it.
    journal_suspect: bool,
    /// Commits are applied in memory that neither the journal nor the file holds.
    behind: bool,
    faults: Faults,
    /// Size and modification time of the file as rapporteur last read or wrote it.
    stamp: Option<Stamp>,
    _lock: SessionLock,
}

/// What tells a file changed by someone else: its size and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

fn stamp_of(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// How the session file on disk differs from what rapporteur last saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskChange {
    /// Another program wrote it.
    Modified,
    /// It was deleted or moved away; the next save writes it again.
    Missing,
}

/// A commit that is applied in memory but not yet on disk.
#[derive(Debug)]
pub struct NotDurable {
    /// The edits that undo the commit, in the order to apply them.
    pub inverses: Vec<Edit>,
    /// Why it could not be written.
    pub error: StorageError,
}

/// Why a commit failed.
#[derive(Debug)]
pub enum CommitError {
    /// The edit does not fit the session; nothing changed.
    Rejected(EditError),
    /// The edit is applied in memory but could not be made durable; retry with a save.
    NotDurable(NotDurable),
}

impl fmt::Display for CommitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommitError::Rejected(e) => e.fmt(f),
            CommitError::NotDurable(NotDurable { error, .. }) => {
                write!(f, "not saved yet (kept in memory): {error}")
            }
        }
    }
}

impl std::error::Error for CommitError {}

impl SessionFile {
    /// Opens an existing session: takes the lock, loads the file and replays its journal.
    pub fn open(path: &Path) -> Result<(SessionFile, Session, Recovery), StorageError> {
        // Fail on a missing or broken file before creating a lock beside it.
        fs::metadata(path).map_err(|e| LoadError::io(path, e))?;
        let lock = SessionLock::acquire(path)?;
        sweep_temp_files(path);
        let stamp = stamp_of(path);
        let (session, mut recovery, last_seq) = load_with_recovery(path)?;
        recovery.stale_lock = lock.took_over_from.clone();
        let journal =
            journal::Journal::open(path, last_seq, recovery.replayed).map_err(write_error(path))?;
        let file = SessionFile {
            path: path.to_path_buf(),
            journal,
            journal_suspect: recovery.torn_tail,
            behind: false,
            faults: Faults::NONE,
            stamp,
            _lock: lock,
        };
        Ok((file, session, recovery))
    }

    /// Creates a new session file holding `session`; refuses to overwrite.
    pub fn create(path: &Path, session: &Session) -> Result<SessionFile, StorageError> {
        if path.exists() {
            return Err(StorageError::Exists(path.to_path_buf()));
        }
        let lock = SessionLock::acquire(path)?;
        let mut session = session.clone();
        // A leftover journal from an older file of the same name must not replay into this one.
        let stale = journal::read(path, 0).map(|r| r.last_seq).unwrap_or(0);
        session.journal_seq = stale;
        create_new(path, &session)?;
        let journal = journal::Journal::open(path, stale, 0).map_err(write_error(path))?;
        Ok(SessionFile {
            path: path.to_path_buf(),
            journal,
            journal_suspect: false,
            behind: false,
            faults: Faults::NONE,
            stamp: stamp_of(path),
            _lock: lock,
        })
    }

    /// Makes later writes fail as `faults` says (for tests of disk failures).
    #[cfg(any(test, feature = "testing"))]
    pub fn inject_faults(&mut self, faults: Faults) {
        self.faults = faults;
    }

    /// The session file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether there is committed work not yet folded into the session file.
    pub fn has_journal(&self) -> bool {
        self.journal.entries() > 0 || self.behind
    }

    /// Whether a commit failed to reach the disk, so the session on disk lags the one in memory.
    pub fn is_behind(&self) -> bool {
        self.behind
    }

    /// Applies `edit` to `session` and makes it durable before returning its inverse.
    pub fn commit(&mut self, session: &mut Session, edit: Edit) -> Result<Edit, CommitError> {
        let mut inverses = self.commit_all(session, vec![edit])?;
        Ok(inverses.pop().expect("one edit has one inverse"))
    }

    /// Applies `edits` in order, all or none, and makes them durable with one flush.
    ///
    /// Returns the inverses in the order to apply them for undo (last edit first).
    pub fn commit_all(
        &mut self,
        session: &mut Session,
        edits: Vec<Edit>,
    ) -> Result<Vec<Edit>, CommitError> {
        let journaled = edits.clone();
        let inverses = session.apply_all(edits).map_err(CommitError::Rejected)?;
        match self.persist(session, &journaled) {
            Ok(()) => Ok(inverses),
            Err(error) => Err(CommitError::NotDurable(NotDurable { inverses, error })),
        }
    }

    /// Makes `edits`, already applied to `session`, durable with one flush; on failure
    /// the session on disk is behind until a save succeeds.
    pub fn persist(&mut self, session: &mut Session, edits: &[Edit]) -> Result<(), StorageError> {
        let durable = self.make_durable(session, edits);
        if durable.is_err() {
            self.behind = true;
        }
        durable
    }

    /// Puts committed `edits` (already applied to `session`) on disk: in the journal,
    /// or by saving the whole file when the journal cannot be trusted.
    fn make_durable(&mut self, session: &mut Session, edits: &[Edit]) -> Result<(), StorageError> {
        if !self.journal_suspect {
            match self.journal.append_all(edits, &self.faults) {
                Ok(()) => return Ok(()),
                // Part of the line may be on disk: never append after it; save instead.
                Err(_) => self.journal_suspect = true,
            }
        }
        self.save(session)
    }

    /// Whether the session file was changed, moved or deleted by someone else.
    pub fn disk_change(&self) -> Option<DiskChange> {
        match stamp_of(&self.path) {
            None => Some(DiskChange::Missing),
            now if now != self.stamp => Some(DiskChange::Modified),
            _ => None,
        }
    }

    /// Writes the whole session atomically and empties the journal.
    ///
    /// Refuses, keeping every commit in the journal, when another program has
    /// changed the file since; see [`SessionFile::overwrite`] and [`save_copy`].
    pub fn save(&mut self, session: &mut Session) -> Result<(), StorageError> {
        if self.disk_change() == Some(DiskChange::Modified) {
            return Err(StorageError::ChangedOnDisk(self.path.clone()));
        }
        self.overwrite(session)
    }

    /// Writes the whole session atomically over whatever is on disk, and empties the journal.
    pub fn overwrite(&mut self, session: &mut Session) -> Result<(), StorageError> {
        session.journal_seq = self.journal.last_seq();
        if let Err((error, replaced)) =
            atomic::replace(&self.path, to_ron(session).as_bytes(), &self.faults)
        {
            // Our own rename is not someone else's change, even if its flush failed.
            if replaced {
                self.stamp = stamp_of(&self.path);
            }
            return Err(StorageError::Write {
                path: self.path.clone(),
                error,
            });
        }
        self.stamp = stamp_of(&self.path);
        self.behind = false;
        // The file now holds every entry (its journal_seq says so), so old lines never
        // replay; if emptying fails they stay, harmless, and later lines go after them.
        if self.journal.clear(&self.faults).is_ok() {
            self.journal_suspect = false;
        }
        Ok(())
    }

    /// Saves, removes the journal and releases the lock.
    pub fn close(mut self, session: &mut Session) -> Result<(), StorageError> {
        self.save(session)?;
        let journal = journal_path(&self.path);
        self.journal
            .remove(&self.faults)
            .map_err(|error| StorageError::Write {
                path: journal,
                error,
            })
    }
}

impl SessionFile {
    /// Releases the lock without saving, removing the journal if it holds nothing.
    pub fn release(self) {
        if self.journal.entries() == 0 && !self.behind {
            let _ = self.journal.remove(&self.faults);
        }
    }
}
