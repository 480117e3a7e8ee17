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
use crate::storage::{Recovery, SessionFile, StorageError};
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

    /// The session, leaving the meeting (a meeting in memory, once its work is done).
    pub fn into_session(mut self) -> Session {
        std::mem::take(&mut self.session)
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
            serial: self.session.next_serial,
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

    /// How many changes undo can take back: a change made after another moves it on.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
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
        let inverses = self.apply_projected(edits.clone())?;
        let committed = match self.store.persist(&mut self.session, &edits) {
            Ok(()) => Committed::Durable,
            Err(error) => Committed::NotSaved(error),
        };
        Ok((inverses, committed))
    }

    /// Applies `edits` in order, all or none, folding each into the projections against
    /// the session as it stands right after that edit (a projection reads the session,
    /// so a later edit of the same change must not be in it yet); returns the inverses
    /// in the order that undoes them. On error nothing changed, not even the serials.
    fn apply_projected(&mut self, edits: Vec<Edit>) -> Result<Vec<Edit>, EditError> {
        let serial = self.session.next_serial;
        let mut inverses = Vec::with_capacity(edits.len());
        for edit in edits {
            match self.session.apply(edit.clone()) {
                Ok(inverse) => {
                    self.project(&edit, &inverse);
                    inverses.push(inverse);
                }
                Err(error) => {
                    for inverse in inverses.into_iter().rev() {
                        let redo = self
                            .session
                            .apply(inverse.clone())
                            .expect("an inverse always applies");
                        self.project(&inverse, &redo);
                    }
                    self.session.next_serial = serial;
                    return Err(error);
                }
            }
        }
        inverses.reverse();
        Ok(inverses)
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
    /// The session's serial counter before, put back when the change is taken back.
    serial: crate::model::Serial,
}

impl Staged<'_> {
    /// The session with the steps so far applied.
    pub fn session(&self) -> &Session {
        &self.meeting.session
    }

    /// Applies one step, all or none; on error the steps before it stay staged.
    pub fn apply(&mut self, edits: Vec<Edit>) -> Result<(), EditError> {
        let inverses = self.meeting.apply_projected(edits.clone())?;
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
        // Nothing of the change stays, not even the serials it took.
        meeting.session.next_serial = self.serial;
    }
}

#[cfg(test)]
mod tests;
