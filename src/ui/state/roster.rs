//! The roster as the speakers pane lists it: grouped, in roster order, kept between
//! frames and laid out again only when the roster or the turns change.

use std::collections::HashMap;

use crate::meeting::SpeakerCounts;
use crate::model::{Participant, Session};

/// One row of the roster as the pane lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterRow {
    /// A group's heading (`None`: people whose group is not in the session), with how
    /// many of its members spoke and how many it has.
    Group {
        /// Index of the group in the session.
        group: Option<usize>,
        /// Members who have made at least one intervention.
        spoke: usize,
        /// Members on the roster.
        members: usize,
    },
    /// The participant at this index in the session.
    Person(usize),
}

/// What the roster looked like when its rows were laid out, to know when to lay them out again.
pub type Stamp = (usize, usize, Option<u64>);

/// The roster in the pane's order, grouped, with a row and a participant index by id.
///
/// Laying out 2,000 people takes longer than a frame may; the rows only change when
/// someone joins or leaves the roster or starts or loses an intervention, so they are
/// laid out again only then.
#[derive(Debug, Default)]
pub struct Roster {
    stamp: Option<Stamp>,
    /// The rows, in order.
    pub rows: Vec<RosterRow>,
    /// Participant index by id.
    index: HashMap<String, usize>,
    /// Row of each participant, by participant index.
    row: Vec<usize>,
}

impl Roster {
    /// What the roster looks like now, to tell whether its rows must be laid out again.
    pub fn stamp(session: &Session) -> Stamp {
        (
            session.participants.len(),
            session.interventions.len(),
            session.interventions.last().map(|i| i.id),
        )
    }

    /// Lays out the roster of `session` again if it changed since its rows were laid out.
    pub fn refresh(&mut self, session: &Session, speakers: &SpeakerCounts) {
        if self.stamp != Some(Roster::stamp(session)) {
            *self = Roster::build(session, speakers);
        }
    }

    fn build(session: &Session, speakers: &SpeakerCounts) -> Roster {
        let mut group_index: HashMap<&str, usize> = HashMap::new();
        for (i, g) in session.groups.iter().enumerate() {
            group_index.entry(g.id.as_str()).or_insert(i);
        }
        // Members of each group in roster order; the last list holds those with no known group.
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); session.groups.len() + 1];
        let mut index = HashMap::with_capacity(session.participants.len());
        for (i, p) in session.participants.iter().enumerate() {
            let g = group_index
                .get(p.group.as_str())
                .copied()
                .unwrap_or(session.groups.len());
            members[g].push(i);
            index.entry(p.id.clone()).or_insert(i);
        }
        let mut rows = Vec::with_capacity(session.participants.len() + members.len());
        let mut row = vec![0; session.participants.len()];
        for (g, people) in members.iter().enumerate() {
            if people.is_empty() {
                continue;
            }
            let known = g < session.groups.len();
            let spoke = people
                .iter()
                .filter(|&&i| known && speakers.of(&session.participants[i].id) > 0)
                .count();
            rows.push(RosterRow::Group {
                group: known.then_some(g),
                spoke,
                members: people.len(),
            });
            for &i in people {
                row[i] = rows.len();
                rows.push(RosterRow::Person(i));
            }
        }
        Roster {
            stamp: Some(Roster::stamp(session)),
            rows,
            index,
            row,
        }
    }

    /// The participant with this id, found through the index.
    pub fn participant<'a>(&self, session: &'a Session, id: &str) -> Option<&'a Participant> {
        let p = session.participants.get(*self.index.get(id)?)?;
        (p.id == id).then_some(p)
    }

    /// The roster row of the participant with this id.
    pub fn row_of(&self, session: &Session, id: &str) -> Option<usize> {
        let i = *self.index.get(id)?;
        (session.participants.get(i)?.id == id).then(|| self.row[i])
    }
}
