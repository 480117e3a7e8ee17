//! Views derived from the session and kept up to date edit by edit: the tally, the
//! timeline and the interventions per speaker.

use std::collections::HashMap;

use crate::edit::Edit;
use crate::model::{Session, Slug};
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
        _ => len,
    }
}

/// How many interventions each participant has made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerCounts(HashMap<Slug, usize>);

impl SpeakerCounts {
    /// The counts of a whole session.
    pub fn new(session: &Session) -> SpeakerCounts {
        let mut counts = SpeakerCounts::default();
        counts.rebuild(session);
        counts
    }

    /// Interventions the participant has made.
    pub fn of(&self, id: &str) -> usize {
        self.0.get(id).copied().unwrap_or(0)
    }
}

impl Projection for SpeakerCounts {
    fn rebuild(&mut self, session: &Session) {
        self.0.clear();
        for i in &session.interventions {
            *self.0.entry(i.participant.clone()).or_default() += 1;
        }
    }

    fn apply(&mut self, _session: &Session, edit: &Edit, inverse: &Edit) {
        match (edit, inverse) {
            (Edit::StartIntervention { participant, .. }, _) => {
                *self.0.entry(participant.clone()).or_default() += 1;
            }
            (Edit::InsertIntervention { intervention, .. }, _) => {
                *self.0.entry(intervention.participant.clone()).or_default() += 1;
            }
            (Edit::RemoveLastIntervention { .. }, Edit::StartIntervention { participant, .. })
            | (
                Edit::RemoveIntervention(_),
                Edit::InsertIntervention {
                    intervention: crate::model::Intervention { participant, .. },
                    ..
                },
            ) => {
                // Nobody is left at zero, so the counts equal a recount (as `PartialEq` sees them).
                if let Some(count) = self.0.get_mut(participant) {
                    *count = count.saturating_sub(1);
                    if *count == 0 {
                        self.0.remove(participant);
                    }
                }
            }
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
            assert_eq!(counts, SpeakerCounts::new(&s));
        }
    }
}
