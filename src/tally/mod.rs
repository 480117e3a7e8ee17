//! The live convergence tally: which priorities were raised, by how many
//! interventions, speakers, entities and groups, and how evenly each group
//! was heard.
//!
//! [`Tally::compute`] counts a whole session; [`Tally::apply`] folds one
//! committed [`Edit`](crate::edit::Edit) into an existing tally in time
//! proportional to the note's tags, so the screen can keep it live without
//! recounting. The counting is in `count`, the public rows built from it in
//! `rows`, the ranking, its ties and its labels in `rank`, the table and JSON
//! for people and scripts in `table`.
//!
//! A chair's turn with no tagged note is procedural ([`is_procedural`]): it is
//! counted nowhere. Figures of support count interventions with a `#tag` note;
//! `opposed` counts those whose only mention of a priority is a `#-tag`.

mod count;
mod rank;
mod rows;
mod sets;
pub(crate) mod table;

use serde::Serialize;

use crate::clock::Clock;
use crate::model::{Intervention, Session, Slug};

pub use rank::{Label, clearly_ahead, ranking};
pub use table::{to_json, to_table};

/// The tally of a session: totals, one row per priority, one row per group.
#[derive(Debug, Clone, Serialize)]
pub struct Tally {
    /// Counts over the whole session.
    pub totals: Totals,
    /// One row per priority, in the session's order.
    pub priorities: Vec<PriorityTally>,
    /// Indices into `priorities`, strongest convergence first.
    pub ranking: Vec<usize>,
    /// Voice balance, one row per group in the session's order.
    pub groups: Vec<VoiceBalance>,
    /// The voice of the people not yet in a group, when there are any.
    pub not_in_group: Option<VoiceBalance>,
    /// Running counters that make [`Tally::apply`] cheap.
    #[serde(skip)]
    counters: count::Counters,
}

impl PartialEq for Tally {
    /// Compares what the tally says, not how it keeps its counters.
    fn eq(&self, other: &Tally) -> bool {
        self.totals == other.totals
            && self.priorities == other.priorities
            && self.ranking == other.ranking
            && self.groups == other.groups
            && self.not_in_group == other.not_in_group
    }
}

/// Counts over the whole session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Interventions and inputs: every intervention, floor and chat, but procedural turns.
    pub interventions: usize,
    /// Interventions on the floor.
    pub floor: usize,
    /// Inputs in the chat.
    pub chat: usize,
    /// Notes typed by the rapporteur, but those of procedural turns.
    pub notes: usize,
    /// Distinct participants who spoke or wrote, but in procedural turns only.
    pub speakers: usize,
    /// Participants on the roster.
    pub registered_people: usize,
    /// Distinct entities on the roster.
    pub registered_entities: usize,
    /// Groups present (someone registered) that count toward convergence ("all 4 groups").
    pub counting_groups: usize,
    /// Procedural turns: a chair's, with no tagged note; counted nowhere else.
    pub procedural: usize,
    /// Participants on the roster not yet in a group, kept out of convergence.
    pub not_in_group: usize,
}

/// How one priority fared: who raised it, how often, and its labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorityTally {
    /// Priority id, e.g. `recruitment`.
    pub id: Slug,
    /// Priority title, e.g. "Fix recruitment practices".
    pub title: String,
    /// Interventions supporting it: with at least one note tagged `#` with this priority.
    pub interventions: usize,
    /// Of those, interventions on the floor.
    pub floor: usize,
    /// Of those, inputs in the chat.
    pub chat: usize,
    /// Interventions opposing it: a `#-` note on it, and no `#` note.
    pub opposed: usize,
    /// Per group that opposed it: the opposing interventions.
    pub opposed_by_group: Vec<GroupInterventions>,
    /// Notes tagged with this priority, supporting or opposing it.
    pub notes: usize,
    /// Of the supporting notes, verbatim quotes.
    pub quotes: usize,
    /// Of the supporting notes, strongly voiced points.
    pub emphasis: usize,
    /// Distinct participants who supported it.
    pub speakers: usize,
    /// Distinct entities (group and affiliation) that supported it.
    pub entities: usize,
    /// Ids of the groups that supported it, in the session's group order.
    pub groups: Vec<Slug>,
    /// Per group that supported it: interventions, speakers and entities.
    pub by_group: Vec<PriorityGroup>,
    /// Of the supporting interventions, those by groups that count toward convergence.
    pub counting_interventions: usize,
    /// How many of the groups that count toward convergence supported it.
    pub counting_groups: usize,
    /// How many groups present (someone registered) count toward convergence.
    pub counting_groups_total: usize,
    /// Time of the first note on it, either way.
    pub first: Option<Clock>,
    /// Time of the last note on it, either way.
    pub last: Option<Clock>,
    /// Labels such as "all groups" or "once".
    pub labels: Vec<Label>,
    /// Place in the ranking, 1 for the strongest convergence; priorities equal on
    /// counting groups, interventions and entities share it (a tie).
    pub rank: usize,
}

impl PriorityTally {
    /// The figures a tie is decided on: counting groups, interventions, entities.
    pub fn support(&self) -> (usize, usize, usize) {
        (self.counting_groups, self.interventions, self.entities)
    }

    /// Whether the priority carries `label`.
    pub fn has(&self, label: Label) -> bool {
        self.labels.contains(&label)
    }

    /// The row for group `id`, if that group raised the priority.
    pub fn group(&self, id: &str) -> Option<&PriorityGroup> {
        self.by_group.iter().find(|g| g.group == id)
    }
}

/// How one group contributed to one priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriorityGroup {
    /// Group id.
    pub group: Slug,
    /// Interventions by this group that raised the priority.
    pub interventions: usize,
    /// Distinct participants of this group who raised it.
    pub speakers: usize,
    /// Distinct entities of this group that raised it.
    pub entities: usize,
}

/// How many interventions of one group did something, e.g. opposed a priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupInterventions {
    /// Group id.
    pub group: Slug,
    /// Interventions.
    pub interventions: usize,
}

/// One group's voice: registered against heard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoiceBalance {
    /// Group id.
    #[serde(rename = "id")]
    pub group: Slug,
    /// Group display name.
    pub name: String,
    /// Whether the group counts toward convergence.
    pub counts_for_convergence: bool,
    /// Participants of this group on the roster.
    pub registered_people: usize,
    /// Distinct entities of this group on the roster.
    pub registered_entities: usize,
    /// Distinct participants of this group who spoke or wrote.
    pub speakers: usize,
    /// Distinct entities of this group that spoke or wrote.
    pub entities_spoke: usize,
    /// Interventions on the floor.
    pub floor: usize,
    /// Inputs in the chat.
    pub chat: usize,
    /// All interventions and inputs.
    pub interventions: usize,
    /// This group's interventions over all interventions, from 0 to 1.
    pub share_of_interventions: f64,
    /// This group's registered people over the whole roster, from 0 to 1.
    pub share_of_roster: f64,
}

impl Tally {
    /// The priorities, strongest convergence first.
    pub fn ranked(&self) -> impl Iterator<Item = &PriorityTally> {
        self.ranking.iter().map(|&i| &self.priorities[i])
    }

    /// The row of priority `id`.
    pub fn priority(&self, id: &str) -> Option<&PriorityTally> {
        self.priorities.iter().find(|p| p.id == id)
    }

    /// The voice balance row of group `id`.
    pub fn group(&self, id: &str) -> Option<&VoiceBalance> {
        self.groups.iter().find(|g| g.group == id)
    }

    /// The other priorities sharing `p`'s rank (a tie), in ranked order.
    pub fn tied_with<'a>(
        &'a self,
        p: &'a PriorityTally,
    ) -> impl Iterator<Item = &'a PriorityTally> {
        self.ranked()
            .filter(move |q| q.rank == p.rank && q.id != p.id)
    }

    /// The most interventions any priority has, for scaling bars.
    pub fn max_interventions(&self) -> usize {
        self.priorities
            .iter()
            .map(|p| p.interventions)
            .max()
            .unwrap_or(0)
    }
}

/// Whether `intervention` is procedural: its speaker chairs (marked so, or by their
/// role) and none of its notes is tagged, supporting or opposing. Such a turn is shown
/// but counted nowhere: not an intervention, a speaker, the voice balance nor a point.
///
/// Looks the speaker up on the roster; [`Tally::is_procedural`] answers from the
/// tally's counters without a look-up.
pub fn is_procedural(session: &Session, intervention: &Intervention) -> bool {
    session
        .participant(&intervention.participant)
        .is_some_and(|p| p.chairs())
        && !intervention.notes.iter().any(|n| n.is_tagged())
}
