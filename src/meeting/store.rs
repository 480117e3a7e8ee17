//! Where a meeting's session lives: a session file with its journal, or memory only.

use std::path::{Path, PathBuf};

use super::Meeting;
use crate::edit::Edit;
use crate::model::Session;
use crate::storage::{self, DiskChange, SessionFile, StorageError};

/// The store of a meeting.
#[derive(Debug)]
pub enum Store {
    /// A session file, locked, with its journal.
    File(Box<SessionFile>),
    /// Memory only (previews and tests).
    Memory,
}

impl Store {
    /// Puts edits already applied to `session` on disk.
    pub(super) fn persist(
        &mut self,
        session: &mut Session,
        edits: &[Edit],
    ) -> Result<(), StorageError> {
        match self {
            Store::File(file) => file.persist(session, edits),
            Store::Memory => Ok(()),
        }
    }

    fn file(&self) -> Option<&SessionFile> {
        match self {
            Store::File(file) => Some(file),
            Store::Memory => None,
        }
    }
}

/// How safe the session is on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedState {
    /// Everything is in the session file.
    OnDisk,
    /// Everything is on disk, partly in the journal beside the file.
    Journaled,
    /// The last write failed: the session in memory is ahead of the disk.
    Behind,
    /// No file: a session held in memory only.
    InMemory,
}

/// What keeping both versions did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptBoth {
    /// The file another program changed, left as it wrote it.
    pub left: PathBuf,
    /// Why its old journal could not be removed, if it could not.
    pub journal_left: Option<String>,
}

/// Why a session without a file cannot be saved.
pub const NO_FILE: &str = "this session has no file";

impl Meeting {
    /// The session file, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.store.file().map(SessionFile::path)
    }

    /// How safe the session is on disk.
    pub fn saved_state(&self) -> SavedState {
        match self.store.file() {
            None => SavedState::InMemory,
            Some(file) if file.is_behind() => SavedState::Behind,
            Some(file) if file.has_journal() => SavedState::Journaled,
            Some(_) => SavedState::OnDisk,
        }
    }

    /// Whether the session file was changed, moved or deleted by another program.
    pub fn disk_change(&self) -> Option<DiskChange> {
        self.store.file().and_then(SessionFile::disk_change)
    }

    /// Folds the journal into the session file; refuses when another program changed it.
    pub fn save(&mut self) -> Result<(), StorageError> {
        match &mut self.store {
            Store::File(file) => file.save(&mut self.session),
            Store::Memory => Err(no_file()),
        }
    }

    /// Writes the session over the file, whatever another program put there.
    pub fn overwrite(&mut self) -> Result<(), StorageError> {
        match &mut self.store {
            Store::File(file) => file.overwrite(&mut self.session),
            Store::Memory => Err(no_file()),
        }
    }

    /// Saves the session as the new file `copy` and goes on in it; the file another
    /// program changed is left as it wrote it.
    pub fn keep_both(&mut self, copy: &Path) -> Result<KeptBoth, String> {
        let Some(path) = self.path().map(Path::to_path_buf) else {
            return Err(NO_FILE.into());
        };
        storage::save_copy(&self.session, copy)
            .map_err(|error| format!("could not save a copy: {error}"))?;
        let (file, _, _) = SessionFile::open(copy)
            .map_err(|e| format!("saved {} but could not open it: {e}", copy.display()))?;
        // The old journal holds this session's edits, now all in the copy: replayed onto the
        // other program's version it would mix the two, so it goes with the old file's lock.
        drop(std::mem::replace(
            &mut self.store,
            Store::File(Box::new(file)),
        ));
        self.session.journal_seq = 0;
        let journal = storage::journal_path(&path);
        let journal_left = match std::fs::remove_file(&journal) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Some(format!("could not remove {}: {e}", journal.display()))
            }
            _ => None,
        };
        Ok(KeptBoth {
            left: path,
            journal_left,
        })
    }

    /// Saves the session into its file, removes the journal and releases the lock;
    /// returns the file, if there is one. On a failed save the journal stays.
    pub fn close(mut self) -> Result<Option<PathBuf>, StorageError> {
        match std::mem::replace(&mut self.store, Store::Memory) {
            Store::File(file) => {
                let path = file.path().to_path_buf();
                file.close(&mut self.session)?;
                Ok(Some(path))
            }
            Store::Memory => Ok(None),
        }
    }

    /// Releases the lock without saving, removing the journal if it holds nothing.
    pub fn release(mut self) {
        if let Store::File(file) = std::mem::replace(&mut self.store, Store::Memory) {
            file.release();
        }
    }
}

fn no_file() -> StorageError {
    StorageError::Write {
        path: PathBuf::new(),
        error: std::io::Error::other(NO_FILE),
    }
}
