//! The ranking rules, their ties and the labels they give: strongest, all
//! groups, once, one group, chat only, emphasized, opposed, not raised.
//!
//! Priorities equal on the figures the report states (counting groups,
//! interventions, entities) share a rank; the further keys only order the listing.

use serde::Serialize;

use super::{PriorityTally, Tally};

/// A label the tally gives a priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// First in the ranking and clearly ahead of the runner-up.
    Strongest,
    /// Raised by every group that counts toward convergence (at least two such groups).
    AllGroups,
    /// Raised in a single intervention.
    Once,
    /// Raised in several interventions, all from one group.
    OneGroup,
    /// Raised only in the chat.
    ChatOnly,
    /// At least one note on it was strongly voiced.
    Emphasized,
    /// At least one intervention opposed it.
    Opposed,
    /// Not raised at all, in support or opposition.
    NotRaised,
}

impl Label {
    /// The label as people read it: "all groups", "strongest"…
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Strongest => "strongest",
            Label::AllGroups => "all groups",
            Label::Once => "once",
            Label::OneGroup => "one group",
            Label::ChatOnly => "chat only",
            Label::Emphasized => "emphasized",
            Label::Opposed => "opposed",
            Label::NotRaised => "not raised",
        }
    }

    /// The label's id as in JSON: `all_groups`, `strongest`…
    pub fn id(self) -> &'static str {
        match self {
            Label::Strongest => "strongest",
            Label::AllGroups => "all_groups",
            Label::Once => "once",
            Label::OneGroup => "one_group",
            Label::ChatOnly => "chat_only",
            Label::Emphasized => "emphasized",
            Label::Opposed => "opposed",
            Label::NotRaised => "not_raised",
        }
    }
}

impl Tally {
    /// Ranks the rows and sets their labels.
    pub(super) fn rank(&mut self) {
        self.ranking = ranking(&self.priorities);
        // Competition ranks: a tie shares the place of its first, and the next place skips.
        let mut previous: Option<(usize, (usize, usize, usize))> = None;
        for (place, &i) in self.ranking.iter().enumerate() {
            let support = self.priorities[i].support();
            let rank = match previous {
                Some((rank, before)) if before == support => rank,
                _ => place + 1,
            };
            self.priorities[i].rank = rank;
            previous = Some((rank, support));
        }
        let runner_up = self.ranking.get(1).map(|&i| self.priorities[i].clone());
        let tie_at_top = runner_up.as_ref().is_some_and(|r| r.rank == 1);
        for p in &mut self.priorities {
            let labels = labels(p, runner_up.as_ref(), tie_at_top);
            if p.labels != labels {
                p.labels = labels;
            }
        }
    }
}

/// Orders priorities by convergence: counting groups covered, then
/// interventions, entities, speakers, notes, emphasis, earliest first
/// raised, and finally the session's order.
pub fn ranking(priorities: &[PriorityTally]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..priorities.len()).collect();
    order.sort_by(|&a, &b| {
        let (p, q) = (&priorities[a], &priorities[b]);
        q.counting_groups
            .cmp(&p.counting_groups)
            .then(q.interventions.cmp(&p.interventions))
            .then(q.entities.cmp(&p.entities))
            .then(q.speakers.cmp(&p.speakers))
            .then(q.notes.cmp(&p.notes))
            .then(q.emphasis.cmp(&p.emphasis))
            // Raised earlier first; never raised last.
            .then(p.first.is_none().cmp(&q.first.is_none()))
            .then(p.first.cmp(&q.first))
            .then(a.cmp(&b))
    });
    order
}

/// Whether `first` is clearly ahead of `second`: at least as many counting
/// groups and at least one and a half times its interventions, counting only those of
/// groups that count toward convergence (observers add to a priority, not to convergence).
pub fn clearly_ahead(first: &PriorityTally, second: &PriorityTally) -> bool {
    first.counting_groups >= second.counting_groups
        && 2 * first.counting_interventions >= 3 * second.counting_interventions
}

/// The labels of `p`, given the runner-up of the ranking and whether it ties the first.
fn labels(p: &PriorityTally, runner_up: Option<&PriorityTally>, tie_at_top: bool) -> Vec<Label> {
    let mut labels = Vec::new();
    // A tie at the top is never "the strongest".
    if p.rank == 1
        && !tie_at_top
        && p.counting_interventions >= 2
        && runner_up.is_none_or(|r| clearly_ahead(p, r))
    {
        labels.push(Label::Strongest);
    }
    if p.counting_groups_total >= 2 && p.counting_groups == p.counting_groups_total {
        labels.push(Label::AllGroups);
    }
    if p.interventions == 1 {
        labels.push(Label::Once);
    }
    if p.interventions >= 2 && p.groups.len() == 1 {
        labels.push(Label::OneGroup);
    }
    if p.interventions >= 1 && p.floor == 0 {
        labels.push(Label::ChatOnly);
    }
    if p.emphasis > 0 {
        labels.push(Label::Emphasized);
    }
    if p.opposed > 0 {
        labels.push(Label::Opposed);
    }
    if p.interventions == 0 && p.opposed == 0 {
        labels.push(Label::NotRaised);
    }
    labels
}
