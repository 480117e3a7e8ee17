//! The session file under the screen: saving, watching it for changes by other
//! programs, the choice to keep both versions or overwrite, and closing.

use std::path::{Path, PathBuf};

use super::{App, Overlay};
use crate::action::Action;
use crate::meeting::SavedState;
use crate::storage::{DiskChange, StorageError};
use crate::ui::state::disk::{self, AfterChoice, DiskChoice, free_copy_path};
use crate::ui::terminal;

impl App {
    pub(super) fn save(&mut self) {
        if self.meeting.path().is_none() {
            self.say("this session has no file", true);
            return;
        }
        let was_missing = self.disk.change == Some(DiskChange::Missing);
        let result = self.meeting.save();
        self.check_disk();
        match result {
            Ok(()) if was_missing => self.say(
                format!("{} was missing: written back", self.file_label()),
                false,
            ),
            Ok(()) => self.say(format!("saved {}", self.file_label()), false),
            Err(StorageError::ChangedOnDisk(_)) => self.open_disk_choice(AfterChoice::Stay),
            Err(error) => {
                let reason = self.save_failure(&error);
                self.say(reason, true);
            }
        }
    }

    /// A failed save in plain words: what went wrong and where the notes are meanwhile.
    fn save_failure(&self, error: &StorageError) -> String {
        let file = self.file_label();
        let StorageError::Write { error, .. } = error else {
            return error.to_string();
        };
        let why = plain_io_error(error);
        let safe = match self.saved_state() {
            SavedState::Behind => "your notes are kept in memory".to_string(),
            SavedState::Journaled => format!("every note is safe in {file}.journal"),
            _ => "nothing is lost".to_string(),
        };
        format!(
            "NOT SAVED to {file}: {why}; {safe}; {} retries",
            self.keymap.hint(Action::Save)
        )
    }

    /// Checks, at most once a second, whether another program changed, moved or deleted
    /// the session file (a stat, no read). Call it on every turn of the event loop.
    pub fn tick(&mut self) {
        let due = self
            .disk
            .checked
            .is_none_or(|at| at.elapsed() >= std::time::Duration::from_secs(1));
        if due {
            self.check_disk();
        }
    }

    /// Checks now whether another program changed, moved or deleted the session file.
    pub fn check_disk(&mut self) {
        let change = self.meeting.disk_change();
        if change.is_some() && change != self.disk.change {
            // News of the file outranks an older message: let the bar explain it.
            self.message = None;
        }
        self.disk.change = change;
        self.disk.checked = Some(std::time::Instant::now());
    }

    /// How the session file on disk differs from what the screen last wrote, as last checked.
    pub fn disk_change(&self) -> Option<DiskChange> {
        self.disk.change
    }

    /// Quits, unless another program changed the file: then asks what to keep first.
    pub(super) fn ask_quit(&mut self) {
        self.check_disk();
        if self.disk.change == Some(DiskChange::Modified) {
            self.open_disk_choice(AfterChoice::Quit);
        } else {
            self.quit = true;
        }
    }

    fn open_disk_choice(&mut self, then: AfterChoice) {
        let Some(path) = self.file_path() else {
            return;
        };
        let copy = free_copy_path(path, self.now);
        self.overlay = Overlay::DiskChoice(DiskChoice {
            then,
            copy,
            error: None,
        });
    }

    pub(super) fn update_disk_choice(&mut self, action: Action, choice: DiskChoice) {
        match action {
            Action::Cancel if choice.then == AfterChoice::Quit => {
                self.say("not quitting: the meeting goes on", false)
            }
            Action::Cancel => self.say(
                format!(
                    "nothing overwritten; notes keep going to the journal · {} to choose again",
                    self.keymap.hint(Action::Save)
                ),
                false,
            ),
            _ => self.overlay = Overlay::DiskChoice(choice),
        }
    }

    /// A key typed while the choice is open: copy, overwrite, or nothing.
    pub(super) fn choose_on_disk(&mut self, c: char) {
        let Overlay::DiskChoice(choice) = std::mem::take(&mut self.overlay) else {
            return;
        };
        let result = match c.to_ascii_lowercase() {
            disk::COPY_KEY => self.keep_both(),
            disk::OVERWRITE_KEY => self.overwrite(),
            _ => {
                self.overlay = Overlay::DiskChoice(choice);
                return;
            }
        };
        self.check_disk();
        match result {
            Ok(said) => {
                self.say(said, false);
                if choice.then == AfterChoice::Quit {
                    self.quit = true;
                }
            }
            Err(error) => {
                self.overlay = Overlay::DiskChoice(DiskChoice {
                    error: Some(error),
                    ..choice
                })
            }
        }
    }

    /// Writes the session over the file, whatever another program put there.
    fn overwrite(&mut self) -> Result<String, String> {
        if self.meeting.path().is_none() {
            return Err("this session has no file".into());
        }
        match self.meeting.overwrite() {
            Ok(()) => Ok(format!("wrote your version over {}", self.file_label())),
            Err(error) => Err(self.save_failure(&error)),
        }
    }

    /// Saves the session as a new file beside the changed one and goes on in it; the
    /// changed file is left as the other program wrote it.
    fn keep_both(&mut self) -> Result<String, String> {
        let Some(path) = self.file_path().map(Path::to_path_buf) else {
            return Err("this session has no file".into());
        };
        let copy = free_copy_path(&path, self.now);
        let kept = self.meeting.keep_both(&copy)?;
        let left = kept
            .journal_left
            .map_or_else(String::new, |why| format!(" ({why})"));
        self.remember_unsaved();
        Ok(format!(
            "your version is now {}; {} is left as the other program wrote it{left}",
            self.file_label(),
            kept.left.file_name().unwrap_or_default().to_string_lossy()
        ))
    }

    /// Records the lines typed but not committed, for the rescue file.
    pub(super) fn remember_unsaved(&self) {
        if let Some(path) = self.file_path() {
            terminal::remember_unsaved(path, &self.unsaved_lines());
        }
    }

    /// Saves the session into its file, removes the journal and releases the lock; returns
    /// the file the session is in.
    ///
    /// If another program changed the file and nobody was asked (a signal, a closed
    /// terminal), both versions are kept: this session goes to a copy beside it, whose
    /// path is returned. On a failed save the journal stays, and the session comes back
    /// from it when the file is opened again.
    pub fn close(mut self) -> Result<Option<PathBuf>, String> {
        if self.meeting.disk_change() == Some(DiskChange::Modified) {
            self.keep_both()?;
        }
        let file = self.file_label();
        self.meeting.close().map_err(|error| match error {
            StorageError::Write { error, .. } => format!(
                "could not save {file}: {}; every note is in {file}.journal and comes back \
                 when you open {file} again",
                plain_io_error(&error)
            ),
            other => other.to_string(),
        })
    }
}

/// Why a write failed, in words a user acts on.
fn plain_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (is the folder read-only?)".to_string()
        }
        std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
        _ => error.to_string(),
    }
}
