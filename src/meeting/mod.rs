//! The one owner of a session: every change goes through [`Meeting`], which applies
//! it, makes it durable, keeps the projections up to date and records its undo.
//!
//! The screen and the importers commit through the same path, so a line typed live
//! and a line imported from a file change the session the same way.

mod projection;
mod store;
mod summary;

use std::path::Path;

pub use projection::{Projection, SpeakerCounts};
pub use store::{KeptBoth, SavedState, Store};
pub use summary::summary;

use crate::edit::{Edit, EditError};
use crate::model::Session;
use crate::storage::{CommitError, NotDurable, Recovery, SessionFile, StorageError};
use crate::tally::Tally;
use crate::timeline::Timeline;

/// One undoable change: the edits that undo it, and what it was in words.
#[derive(Debug, Clone, PartialEq)]
struct Change {
    inverses: Vec<Edit>,
    summary: String,
}

/// A session with its store, its undo history and its projections.
#[derive(Debug)]
pub struct Meeting {
    session: Session,
    store: Store,
    undo: Vec<Change>,
    redo: Vec<Change>,
    tally: Tally,
    timeline: Timeline,
    speakers: SpeakerCounts,
}

/// What a commit did beyond applying its edits.
#[derive(Debug)]
#[must_use]
pub enum Committed {
    /// Applied and on disk (or in memory, for a session without a file).
    Durable,
    /// Applied in memory, but writing it failed: the session on disk lags behind.
    NotSaved(StorageError),
}

/// What undo or redo did.
#[derive(Debug)]
#[must_use]
pub struct Reverted {
    /// What was undone or redone, in words (e.g. "the note “rents rose…”").
    pub summary: String,
    /// Whether it reached the disk.
    pub committed: Committed,
}

/// Why undo or redo did nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotReverted {
    /// There is nothing to undo (or redo).
    Nothing,
    /// The change no longer fits the session.
    Refused(String),
}

impl Meeting {
    /// A meeting held in memory only.
    pub fn in_memory(session: Session) -> Meeting {
        Meeting::new(session, Store::Memory)
    }

    /// A meeting on an open session file: every commit is durable before it returns.
    pub fn with_file(file: SessionFile, session: Session) -> Meeting {
        Meeting::new(session, Store::File(Box::new(file)))
    }

    /// Opens the session file at `path`: takes its lock, loads it and replays its journal.
    pub fn open(path: &Path) -> Result<(Meeting, Recovery), StorageError> {
        let (file, session, recovery) = SessionFile::open(path)?;
        Ok((Meeting::with_file(file, session), recovery))
    }

    /// Creates a new session file holding `session`; never overwrites one.
    pub fn create(path: &Path, session: Session) -> Result<Meeting, StorageError> {
        let file = SessionFile::create(path, &session)?;
        Ok(Meeting::with_file(file, session))
    }

    fn new(session: Session, store: Store) -> Meeting {
        Meeting {
            tally: Tally::compute(&session),
            timeline: Timeline::new(&session),
            speakers: SpeakerCounts::new(&session),
            session,
            store,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// The session as it stands.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The tally, kept up to date edit by edit.
    pub fn tally(&self) -> &Tally {
        &self.tally
    }

    /// The meeting as rows of interventions and notes.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Interventions the participant has made so far.
    pub fn interventions_of(&self, id: &str) -> usize {
        self.speakers.of(id)
    }

    /// Interventions per participant.
    pub fn speakers(&self) -> &SpeakerCounts {
        &self.speakers
    }

    /// Commits `edits` as one undoable change, all or none; on error nothing changed.
    pub fn commit(&mut self, edits: Vec<Edit>) -> Result<Committed, EditError> {
        let mut staged = self.stage();
        staged.apply(edits)?;
        Ok(staged.commit())
    }

    /// Opens a change made of several steps, each applied in memory at once (so the next
    /// can be resolved against it) and made durable together by [`Staged::commit`];
    /// dropped without committing, it is taken back whole.
    pub fn stage(&mut self) -> Staged<'_> {
        Staged {
            meeting: self,
            forward: Vec::new(),
            inverses: Vec::new(),
        }
    }

    /// Undoes the last change.
    pub fn undo(&mut self) -> Result<Reverted, NotReverted> {
        self.revert(true)
    }

    /// Redoes the last change undone.
    pub fn redo(&mut self) -> Result<Reverted, NotReverted> {
        self.revert(false)
    }

    /// What the next undo would take back, if anything.
    pub fn next_undo(&self) -> Option<&str> {
        self.undo.last().map(|c| c.summary.as_str())
    }

    fn revert(&mut self, undo: bool) -> Result<Reverted, NotReverted> {
        let taken = if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        };
        let change = taken.ok_or(NotReverted::Nothing)?;
        match self.write(change.inverses.clone()) {
            Ok((inverses, committed)) => {
                let back = Change {
                    inverses,
                    summary: change.summary.clone(),
                };
                if undo {
                    self.redo.push(back);
                } else {
                    self.undo.push(back);
                }
                Ok(Reverted {
                    summary: change.summary,
                    committed,
                })
            }
            Err(error) => {
                if undo {
                    self.undo.push(change);
                } else {
                    self.redo.push(change);
                }
                Err(NotReverted::Refused(error.to_string()))
            }
        }
    }

    /// Applies `edits` all or none, makes them durable and folds them into the projections.
    fn write(&mut self, edits: Vec<Edit>) -> Result<(Vec<Edit>, Committed), EditError> {
        let applied = edits.clone();
        let (inverses, committed) = match &mut self.store {
            Store::File(file) => match file.commit_all(&mut self.session, edits) {
                Ok(inverses) => (inverses, Committed::Durable),
                Err(CommitError::Rejected(e)) => return Err(e),
                Err(CommitError::NotDurable(NotDurable { inverses, error })) => {
                    (inverses, Committed::NotSaved(error))
                }
            },
            Store::Memory => (self.session.apply_all(edits)?, Committed::Durable),
        };
        // Inverses come last edit first: pair each edit with its own.
        for (edit, inverse) in applied.iter().zip(inverses.iter().rev()) {
            self.project(edit, inverse);
        }
        Ok((inverses, committed))
    }

    fn project(&mut self, edit: &Edit, inverse: &Edit) {
        self.tally.apply(&self.session, edit);
        self.timeline.apply(&self.session, edit, inverse);
        self.speakers.apply(&self.session, edit, inverse);
    }
}

/// A change being built step by step; see [`Meeting::stage`].
#[derive(Debug)]
pub struct Staged<'m> {
    meeting: &'m mut Meeting,
    forward: Vec<Edit>,
    inverses: Vec<Edit>,
}

impl Staged<'_> {
    /// The session with the steps so far applied.
    pub fn session(&self) -> &Session {
        &self.meeting.session
    }

    /// Applies one step, all or none; on error the steps before it stay staged.
    pub fn apply(&mut self, edits: Vec<Edit>) -> Result<(), EditError> {
        let inverses = self.meeting.session.apply_all(edits.clone())?;
        for (edit, inverse) in edits.iter().zip(inverses.iter().rev()) {
            self.meeting.project(edit, inverse);
        }
        self.forward.extend(edits);
        // Undo takes the whole change back, its last step first.
        let mut all = inverses;
        all.append(&mut self.inverses);
        self.inverses = all;
        Ok(())
    }

    /// How many edits are staged.
    pub fn len(&self) -> usize {
        self.forward.len()
    }

    /// Whether nothing is staged.
    pub fn is_empty(&self) -> bool {
        self.forward.is_empty()
    }

    /// Makes the staged change durable with one write and records it for undo.
    pub fn commit(mut self) -> Committed {
        let forward = std::mem::take(&mut self.forward);
        let inverses = std::mem::take(&mut self.inverses);
        if forward.is_empty() {
            return Committed::Durable;
        }
        let meeting = &mut *self.meeting;
        let summary = summary(&meeting.session, &forward);
        let committed = match meeting.store.persist(&mut meeting.session, &forward) {
            Ok(()) => Committed::Durable,
            Err(error) => Committed::NotSaved(error),
        };
        meeting.undo.push(Change { inverses, summary });
        meeting.redo.clear();
        committed
    }
}

impl Drop for Staged<'_> {
    fn drop(&mut self) {
        if self.forward.is_empty() {
            return;
        }
        let inverses = std::mem::take(&mut self.inverses);
        let meeting = &mut *self.meeting;
        for inverse in inverses {
            let redo = meeting
                .session
                .apply(inverse.clone())
                .expect("an inverse always applies");
            meeting.project(&inverse, &redo);
        }
    }
}

#[cfg(test)]
mod tests;
