//! The meeting as rows: one header per intervention followed by its notes.
//!
//! The notes pane and the selection walk these rows; [`Timeline`] maps a row to
//! its intervention and note without walking the session, and is kept up to date
//! edit by edit as a projection of the [`crate::meeting::Meeting`].

use crate::model::{Serial, Session};

/// The timeline's rows: one header per intervention followed by its notes.
///
/// `starts[i]` is the row of intervention `i`'s header, so a row is found by a
/// binary search and a note appended to the last intervention costs nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    starts: Vec<usize>,
    rows: usize,
}

/// What a timeline row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The header of intervention `i`.
    Header(usize),
    /// Note `n` of intervention `i`.
    Note(usize, usize),
}

impl Timeline {
    /// The timeline of a whole session.
    pub fn new(session: &Session) -> Timeline {
        let mut timeline = Timeline::default();
        timeline.sync(session, 0);
        timeline
    }

    /// Recounts rows from intervention `from` on, after an edit touched it.
    pub fn sync(&mut self, session: &Session, from: usize) {
        let from = from.min(self.starts.len()).min(session.interventions.len());
        self.starts.truncate(from);
        let mut row = match from {
            0 => 0,
            _ => self.starts[from - 1] + 1 + session.interventions[from - 1].notes.len(),
        };
        for intervention in &session.interventions[from..] {
            self.starts.push(row);
            row += 1 + intervention.notes.len();
        }
        self.rows = row;
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// What row `row` shows.
    pub fn at(&self, row: usize) -> Option<Row> {
        if row >= self.rows {
            return None;
        }
        let i = self.starts.partition_point(|&start| start <= row) - 1;
        Some(match row - self.starts[i] {
            0 => Row::Header(i),
            n => Row::Note(i, n - 1),
        })
    }

    /// The row of the note with this id.
    pub fn row_of_note(&self, session: &Session, id: Serial) -> Option<usize> {
        let (i, n) = session.note_position(id)?;
        Some(self.starts.get(i)? + 1 + n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::model::{Channel, NoteKind};
    use crate::model::{Intervention, Note};

    fn session(notes: &[usize]) -> Session {
        let mut s = Session::default();
        let mut id = 1;
        for count in notes {
            let mut intervention = Intervention {
                id,
                participant: "p".into(),
                channel: Channel::Floor,
                start: Clock(0),
                end: None,
                notes: vec![],
            };
            id += 1;
            for _ in 0..*count {
                intervention.notes.push(Note {
                    id,
                    text: "x".into(),
                    tags: vec![],
                    kind: NoteKind::Point,
                    emphasis: false,
                    time: Clock(0),
                    opposes: Vec::new(),
                });
                id += 1;
            }
            s.interventions.push(intervention);
        }
        s
    }

    #[test]
    fn rows_map_to_interventions_and_notes() {
        let s = session(&[2, 0, 1]);
        let t = Timeline::new(&s);
        assert_eq!(t.rows(), 6);
        let rows: Vec<Row> = (0..6).map(|r| t.at(r).unwrap()).collect();
        use Row::*;
        assert_eq!(
            rows,
            [
                Header(0),
                Note(0, 0),
                Note(0, 1),
                Header(1),
                Header(2),
                Note(2, 0)
            ]
        );
        assert_eq!(t.at(6), None);
        assert_eq!(t.row_of_note(&s, 6), Some(5));
    }

    #[test]
    fn syncing_from_an_intervention_matches_a_rebuild() {
        let mut s = session(&[2, 0, 1]);
        let mut t = Timeline::new(&s);
        s.interventions[1].notes = s.interventions[0].notes.clone();
        s.interventions[0].notes.clear();
        t.sync(&s, 0);
        assert_eq!(t, Timeline::new(&s));
        s.interventions.pop();
        t.sync(&s, 2);
        assert_eq!(t, Timeline::new(&s));
    }
}
