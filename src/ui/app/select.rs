//! The note selection: moving through the timeline, landing on notes.

use super::App;
use crate::model::Serial;
use crate::timeline::Row;

impl App {
    /// The selected note (or the one being edited).
    pub fn selected_note(&self) -> Option<Serial> {
        self.capture.editing().map(|e| e.note).or(self.selected)
    }

    pub(super) fn latest_note(&self) -> Option<Serial> {
        self.session()
            .interventions
            .iter()
            .rev()
            .find_map(|i| i.notes.last().map(|n| n.id))
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        let timeline = self.meeting.timeline();
        let rows = timeline.rows();
        let from = self
            .selected
            .and_then(|id| timeline.row_of_note(self.session(), id))
            .unwrap_or(rows);
        let target = (from as isize + delta).clamp(-1, rows as isize);
        if target >= rows as isize {
            self.selected = None;
            return;
        }
        let target = target.max(0) as usize;
        // Land on a note: further in the direction of travel, else back the other way.
        let forward = |r: usize| (r..rows).find_map(|r| self.note_at(r));
        let backward = |r: usize| (0..=r).rev().find_map(|r| self.note_at(r));
        let found = if delta < 0 {
            backward(target).or_else(|| forward(target))
        } else {
            forward(target)
        };
        match found {
            Some(id) => self.selected = Some(id),
            None if delta > 0 => self.selected = None,
            None => {}
        }
    }

    /// The note on timeline row `row`, if that row is a note.
    pub(super) fn note_at(&self, row: usize) -> Option<Serial> {
        match self.meeting.timeline().at(row)? {
            Row::Note(i, n) => Some(self.session().interventions[i].notes[n].id),
            Row::Header(_) => None,
        }
    }

    pub(super) fn select_first(&mut self) {
        let rows = self.meeting.timeline().rows();
        if let Some(id) = (0..rows).find_map(|r| self.note_at(r)) {
            self.selected = Some(id);
        }
    }

    pub(super) fn forget_missing_selection(&mut self) {
        if self
            .selected
            .is_some_and(|id| self.session().note(id).is_none())
        {
            self.selected = None;
        }
    }
}
