//! Views derived from the session and kept up to date edit by edit: the tally, the
//! timeline and the interventions per speaker.

use std::collections::{HashMap, HashSet};

use crate::edit::Edit;
use crate::model::{Intervention, Note, Serial, Session, Slug};
use crate::tally::Tally;
use crate::timeline::Timeline;

/// A view derived from the session that follows every change without recounting.
pub trait Projection {
    /// Counts afresh from the whole session.
    fn rebuild(&mut self, session: &Session);
    /// Folds in `edit`, just applied to `session`; `inverse` is what undoes it, so the
    /// projection knows what the edit removed or replaced.
    fn apply(&mut self, session: &Session, edit: &Edit, inverse: &Edit);
}

impl Projection for Tally {
    fn rebuild(&mut self, session: &Session) {
        *self = Tally::compute(session);
    }

    fn apply(&mut self, session: &Session, edit: &Edit, _inverse: &Edit) {
        Tally::apply(self, session, edit);
    }
}

impl Projection for Timeline {
    fn rebuild(&mut self, session: &Session) {
        *self = Timeline::new(session);
    }

    fn apply(&mut self, session: &Session, edit: &Edit, inverse: &Edit) {
        let from = first_touched_intervention(session, edit, inverse);
        self.sync(session, from);
    }
}

/// The first intervention whose timeline rows an edit changed (past the end when none).
fn first_touched_intervention(session: &Session, edit: &Edit, inverse: &Edit) -> usize {
    let len = session.interventions.len();
    match (edit, inverse) {
        (Edit::StartIntervention { .. }, _) => len.saturating_sub(1),
        (Edit::RemoveLastIntervention { .. }, _) => len,
        (Edit::InsertNote { intervention, .. }, _) | (_, Edit::InsertNote { intervention, .. }) => {
            session.intervention_index(*intervention).unwrap_or(0)
        }
        (Edit::InsertIntervention { index, .. }, _)
        | (_, Edit::InsertIntervention { index, .. }) => (*index).min(len),
        // A name marked reviewed changes no row of the timeline.
        (Edit::SetNameReviewed { .. }, _) => len,
        _ => len,
    }
}

/// How many interventions each participant has made, procedural turns left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerCounts {
    counts: HashMap<Slug, usize>,
    /// Who chairs: only their turns can be procedural.
    chairs: HashSet<Slug>,
}

impl SpeakerCounts {
    /// The counts of a whole session.
    pub fn new(session: &Session) -> SpeakerCounts {
        let mut counts = SpeakerCounts::default();
        counts.rebuild(session);
        counts
    }

    /// Interventions the participant has made.
    pub fn of(&self, id: &str) -> usize {
        self.counts.get(id).copied().unwrap_or(0)
    }

    fn add(&mut self, id: &str, delta: isize) {
        let count = self.counts.entry(id.to_string()).or_default();
        *count = count.saturating_add_signed(delta);
        // Nobody is kept at zero, so counts kept up edit by edit equal a fresh count.
        if *count == 0 {
            self.counts.remove(id);
        }
    }

    /// Whether `intervention` is procedural: a chair's, with no tagged note.
    fn procedural(&self, intervention: &Intervention) -> bool {
        self.chairs.contains(&intervention.participant)
            && !intervention.notes.iter().any(Note::is_tagged)
    }

    /// Follows a note inserted, replaced or deleted in a chair's turn, which can make
    /// the turn count or stop counting; `was_tagged` is whether the note before the
    /// edit (if any) was tagged.
    fn note_changed(
        &mut self,
        session: &Session,
        intervention: Serial,
        note: Serial,
        was_tagged: bool,
    ) {
        let Some(turn) = session
            .intervention_index(intervention)
            .map(|i| &session.interventions[i])
        else {
            return;
        };
        if !self.chairs.contains(&turn.participant) {
            return;
        }
        let others = turn.notes.iter().any(|n| n.id != note && n.is_tagged());
        let before = !(others || was_tagged);
        let after = self.procedural(turn);
        match (before, after) {
            (true, false) => self.add(&turn.participant, 1),
            (false, true) => self.add(&turn.participant, -1),
            _ => {}
        }
    }
}

impl Projection for SpeakerCounts {
    fn rebuild(&mut self, session: &Session) {
        self.counts.clear();
        self.chairs = session
            .participants
            .iter()
            .filter(|p| p.chairs())
            .map(|p| p.id.clone())
            .collect();
        for i in &session.interventions {
            if !self.procedural(i) {
                *self.counts.entry(i.participant.clone()).or_default() += 1;
            }
        }
    }

    fn apply(&mut self, session: &Session, edit: &Edit, inverse: &Edit) {
        match (edit, inverse) {
            // A new turn has no notes yet: a chair's is procedural until a tagged note.
            (Edit::StartIntervention { participant, .. }, _)
                if !self.chairs.contains(participant) =>
            {
                self.add(participant, 1);
            }
            (Edit::InsertIntervention { intervention, .. }, _)
                if !self.procedural(intervention) =>
            {
                self.add(&intervention.participant, 1);
            }
            (Edit::RemoveLastIntervention { .. }, Edit::StartIntervention { participant, .. })
                if !self.chairs.contains(participant) =>
            {
                self.add(participant, -1);
            }
            (Edit::RemoveIntervention(_), Edit::InsertIntervention { intervention, .. })
                if !self.procedural(intervention) =>
            {
                self.add(&intervention.participant, -1);
            }
            // A note can turn a chair's turn from procedural to counted, or back.
            (
                Edit::InsertNote {
                    intervention, note, ..
                },
                _,
            ) => {
                self.note_changed(session, *intervention, note.id, false);
            }
            (
                Edit::DeleteNote(_),
                Edit::InsertNote {
                    intervention, note, ..
                },
            ) => {
                self.note_changed(session, *intervention, note.id, note.is_tagged());
            }
            (Edit::UpdateNote(note), Edit::UpdateNote(old)) => {
                if let Some((i, _)) = session.note_position(note.id) {
                    let id = session.interventions[i].id;
                    self.note_changed(session, id, note.id, old.is_tagged());
                }
            }
            // Who chairs, or who is on the roster, changed: rare, counted afresh.
            (Edit::UpdateParticipant(_), _)
            | (Edit::AddParticipant(_), _)
            | (Edit::RemoveParticipant(_), _) => self.rebuild(session),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::model::{Channel, Note, NoteKind, fixture};

    /// Applies edits one by one, folding each into the projections, and checks they
    /// equal a rebuild after every step.
    #[test]
    fn projections_follow_edits_and_their_undo() {
        let mut s = Session::default();
        s.groups.push(fixture::states());
        s.participants.push(fixture::person("ana", "Ana", "Chile"));
        s.participants.push(fixture::person("bo", "Bo", "Peru"));
        let mut timeline = Timeline::new(&s);
        let mut counts = SpeakerCounts::new(&s);
        let note = |id, text: &str| Note {
            id,
            text: text.into(),
            tags: vec![],
            kind: NoteKind::Point,
            emphasis: false,
            time: Clock::hms(10, 0, 0),
            opposes: Vec::new(),
        };
        let start = |id, who: &str| Edit::StartIntervention {
            id,
            participant: who.into(),
            channel: Channel::Floor,
            start: Clock::hms(10, 0, 0),
        };
        let edits = vec![
            start(1, "ana"),
            Edit::InsertNote {
                intervention: 1,
                index: None,
                note: note(2, "a"),
            },
            start(3, "bo"),
            Edit::InsertNote {
                intervention: 1,
                index: Some(0),
                note: note(4, "b"),
            },
            Edit::DeleteNote(2),
            Edit::InsertIntervention {
                index: 1,
                intervention: crate::model::Intervention {
                    id: 5,
                    participant: "bo".into(),
                    channel: Channel::Chat,
                    start: Clock::hms(10, 0, 0),
                    end: None,
                    notes: vec![note(6, "c")],
                },
            },
            Edit::SetNameReviewed {
                note: 6,
                words: "Bo".into(),
                reviewed: true,
            },
        ];
        let mut inverses = Vec::new();
        for edit in edits {
            let inverse = s.apply(edit.clone()).unwrap();
            timeline.apply(&s, &edit, &inverse);
            counts.apply(&s, &edit, &inverse);
            assert_eq!(timeline, Timeline::new(&s));
            assert_eq!(counts, SpeakerCounts::new(&s));
            inverses.push(inverse);
        }
        while let Some(inverse) = inverses.pop() {
            let redo = s.apply(inverse.clone()).unwrap();
            timeline.apply(&s, &inverse, &redo);
            counts.apply(&s, &inverse, &redo);
            assert_eq!(timeline, Timeline::new(&s));
            assert_eq!(counts.of("ana"), SpeakerCounts::new(&s).of("ana"));
            assert_eq!(counts.of("bo"), SpeakerCounts::new(&s).of("bo"));
        }
    }
}
