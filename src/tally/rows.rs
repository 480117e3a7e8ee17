//! The public rows of the tally, built from the counters: totals, one row per
//! priority and the voice balance per group.

use super::count::GroupCounters;
use super::sets::PrioritySet;
use super::{GroupInterventions, PriorityGroup, PriorityTally, Tally, Totals, VoiceBalance};
use crate::model::Session;

impl Tally {
    /// Rebuilds the public rows, ranking and labels from the counters.
    pub(super) fn refresh(&mut self, session: &Session) {
        self.refresh_totals(session);
        let counting_total = self.totals.counting_groups;
        self.priorities = (0..session.priorities.len().min(self.counters.priorities.len()))
            .map(|i| self.row(session, i, counting_total))
            .collect();
        self.rank();
    }

    /// Like [`Tally::refresh`], rebuilding only the rows of the priorities in `touched`:
    /// one commit changes a few of hundreds.
    pub(super) fn refresh_rows(&mut self, session: &Session, touched: &PrioritySet) {
        let rows = session.priorities.len().min(self.counters.priorities.len());
        let counting_before = self.totals.counting_groups;
        if self.priorities.len() != rows {
            return self.refresh(session);
        }
        self.refresh_totals(session);
        let counting_total = self.totals.counting_groups;
        // A group now present or gone changes every row's "of N groups".
        if counting_total != counting_before {
            return self.refresh(session);
        }
        for i in touched.iter().filter(|&i| i < rows) {
            let mut row = self.row(session, i, counting_total);
            // Rank and labels are set for all rows below.
            row.rank = self.priorities[i].rank;
            self.priorities[i] = row;
        }
        self.rank();
    }

    /// The totals and the voice balance rows.
    fn refresh_totals(&mut self, session: &Session) {
        let c = &self.counters;
        // Groups with nobody registered are not among the "N groups".
        let counting_total = session
            .groups
            .iter()
            .zip(&c.groups)
            .filter(|(g, row)| g.counts_for_convergence && row.registered_people > 0)
            .count();
        let interventions = c.floor + c.chat;
        let people = c.roster_people;
        self.totals = Totals {
            interventions,
            floor: c.floor,
            chat: c.chat,
            notes: c.notes_total,
            speakers: c.speakers_total,
            registered_people: people,
            registered_entities: c.roster_entities,
            counting_groups: counting_total,
            procedural: c.procedural,
            not_in_group: c.ungrouped.registered_people,
        };
        let balance = |id: &str, name: &str, counts: bool, g: &GroupCounters| VoiceBalance {
            group: id.to_string(),
            name: name.to_string(),
            counts_for_convergence: counts,
            registered_people: g.registered_people,
            registered_entities: g.registered_entities,
            speakers: g.speakers,
            entities_spoke: g.entities_spoke,
            floor: g.floor,
            chat: g.chat,
            interventions: g.floor + g.chat,
            share_of_interventions: share(g.floor + g.chat, interventions),
            share_of_roster: share(g.registered_people, people),
        };
        self.groups = session
            .groups
            .iter()
            .zip(&c.groups)
            .map(|(group, g)| balance(&group.id, &group.name, group.counts_for_convergence, g))
            .collect();
        let u = &c.ungrouped;
        self.not_in_group = (u.registered_people > 0 || u.floor + u.chat > 0)
            .then(|| balance("", "not yet in a group", false, u));
    }

    /// The public row of priority `i`, without its rank and labels.
    fn row(&self, session: &Session, i: usize, counting_total: usize) -> PriorityTally {
        let priority = &session.priorities[i];
        let p = &self.counters.priorities[i];
        let mut by_group = Vec::new();
        let mut counting_groups = 0;
        let mut counting_interventions = 0;
        for (g, row) in p.groups.iter().enumerate() {
            if row[0] == 0 {
                continue;
            }
            let Some(group) = session.groups.get(g) else {
                continue;
            };
            counting_groups += usize::from(group.counts_for_convergence);
            if group.counts_for_convergence {
                counting_interventions += row[0];
            }
            by_group.push(PriorityGroup {
                group: group.id.clone(),
                interventions: row[0],
                speakers: row[1],
                entities: row[2],
            });
        }
        let opposed_by_group = p
            .opposed_groups
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .filter_map(|(g, n)| {
                Some(GroupInterventions {
                    group: session.groups.get(g)?.id.clone(),
                    interventions: *n,
                })
            })
            .collect();
        PriorityTally {
            id: priority.id.clone(),
            title: priority.title.clone(),
            interventions: p.interventions,
            floor: p.floor,
            chat: p.chat,
            opposed: p.opposed,
            opposed_by_group,
            notes: p.notes,
            quotes: p.quotes,
            emphasis: p.emphasis,
            speakers: p.speaker_count,
            entities: p.entity_count,
            groups: by_group.iter().map(|g| g.group.clone()).collect(),
            by_group,
            counting_interventions,
            counting_groups,
            counting_groups_total: counting_total,
            first: p.times.keys().next().copied(),
            last: p.times.keys().next_back().copied(),
            labels: Vec::new(),
            rank: 0,
        }
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}
