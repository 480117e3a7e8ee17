//! The floor and the meeting's time: ending the floor, closing the meeting, and picking
//! the session up again without counting the time it was closed.

use super::App;
use crate::action::Action;
use crate::edit::Edit;
use crate::recorder;

/// A session closed longer than this is picked up with nobody on the floor: the time
/// it was closed is no one's turn. Closed briefly (a crash, a mistaken quit), it goes on.
pub const RESUME_WITHIN: u32 = 10 * 60;

impl App {
    /// Picks the session up at `now`: a floor turn left running while the session was closed
    /// for long ends when its last note was taken; returns what to say about it.
    pub fn resume(&mut self) -> Option<String> {
        let at = recorder::floor_turn(self.session())?;
        let last = recorder::last_activity(self.session()).unwrap_or_default();
        // A clock earlier than the last note means the session was closed overnight.
        let closed_for = if self.now >= last {
            last.until(self.now)
        } else {
            u32::MAX
        };
        if closed_for <= RESUME_WITHIN {
            return None;
        }
        let turn = &self.session().interventions[at];
        let end = last_note_time(turn);
        let (id, name) = (turn.id, self.name_of(&turn.participant.clone()));
        let ended = Edit::SetEnd {
            intervention: id,
            end: Some(end.max(turn.start)),
        };
        self.commit_change(vec![ended]).ok()?;
        Some(format!(
            "{name}'s turn ended at {end}, when the session was closed; nobody has the floor \
             · {} gives it back",
            self.keymap.hint(Action::Undo)
        ))
    }

    /// The meeting's time so far and whether it is running: from its opening (or first
    /// turn) to its closing, to now while someone has the floor, else to the last note.
    pub fn meeting_time(&self) -> Option<(u32, bool)> {
        let session = self.session();
        let first = session
            .meta
            .opens
            .or_else(|| session.interventions.first().map(|i| i.start))?;
        // Someone on the floor means the meeting goes on, whatever was recorded before.
        if recorder::floor_turn(session).is_some() {
            return Some((first.until(self.meeting_now()), true));
        }
        if let Some(closes) = session.meta.closes {
            return Some((first.until(closes), false));
        }
        let last = recorder::last_activity(session)?;
        Some((first.until(last), false))
    }

    /// Ends the floor turn running now: nobody has the floor until the next `@NAME`.
    pub(super) fn end_floor(&mut self) -> bool {
        let Some(at) = recorder::floor_turn(self.session()) else {
            self.say("nobody has the floor", false);
            return false;
        };
        let turn = &self.session().interventions[at];
        let end = self.now.max(last_note_time(turn)).max(turn.start);
        let (id, name) = (turn.id, self.name_of(&turn.participant.clone()));
        if self
            .commit_change(vec![Edit::SetEnd {
                intervention: id,
                end: Some(end),
            }])
            .is_err()
        {
            return false;
        }
        self.say(
            format!(
                "{name}'s turn ended at {end}; nobody has the floor · {} undoes",
                self.keymap.hint(Action::Undo)
            ),
            false,
        );
        true
    }

    /// Closes the meeting: the floor ends and the closing time is recorded, as one change.
    pub(super) fn close_meeting(&mut self) {
        let mut edits = Vec::new();
        if let Some(at) = recorder::floor_turn(self.session()) {
            let turn = &self.session().interventions[at];
            let last = turn
                .notes
                .iter()
                .map(|n| n.time)
                .max()
                .unwrap_or(turn.start);
            edits.push(Edit::SetEnd {
                intervention: turn.id,
                end: Some(self.now.max(last).max(turn.start)),
            });
        }
        let mut meta = self.session().meta.clone();
        meta.closes = Some(self.now);
        edits.push(Edit::UpdateMeta(meta));
        if self.commit_change(edits).is_ok() {
            self.say(
                format!(
                    "meeting closed at {}; the report counts its time up to then · {} undoes",
                    self.now,
                    self.keymap.hint(Action::Undo)
                ),
                false,
            );
        }
    }
}

/// When a turn's last note was taken, or its start when it has none.
fn last_note_time(turn: &crate::model::Intervention) -> crate::clock::Clock {
    turn.notes
        .iter()
        .map(|n| n.time)
        .max()
        .unwrap_or(turn.start)
}
