//! The roll-up of a conference: many sessions, each kept by its own rapporteur,
//! counted together for the rapporteur general.
//!
//! [`Conference`] takes the sessions one at a time and matches what they share:
//! priorities by id, then by folded title; groups by id, then by folded name;
//! people by id, then by folded name and affiliation, so that a person in several
//! sessions is counted once. [`RollUp`] holds the figures: per priority, the
//! sessions that raised it and its convergence in each, its interventions and the
//! groups, entities and speakers across sessions; participation and voice balance
//! across sessions; one line per session. [`to_table`] and [`to_json`] print it as
//! `rapporteur tally` does; [`export`] writes the synthesis report in every format
//! of the single-session report, with the same attribution rules across sessions.

mod count;
mod prose;
mod report;
mod table;

use serde::Serialize;

use crate::model::{Group, Slug};
use crate::tally::VoiceBalance;

pub use count::{Conference, Prepared};
pub use report::{
    ReportPriority, ReportQuote, ReportSession, RollUpReport, Unmatched, builtin_template, export,
    report,
};
pub use table::{to_json, to_table};

/// A conference's figures across its sessions.
#[derive(Debug, Clone, Serialize)]
pub struct RollUp {
    /// One line per session, in the order given.
    pub sessions: Vec<SessionLine>,
    /// Counts over all sessions.
    pub totals: RollUpTotals,
    /// One row per priority met in any session, in the order first met.
    pub priorities: Vec<PriorityRollUp>,
    /// Indices into `priorities`, strongest convergence across sessions first.
    pub ranking: Vec<usize>,
    /// Voice balance across sessions, one row per group met in any session.
    pub groups: Vec<VoiceBalance>,
    /// The groups as the sessions first describe them, for the report's nouns.
    #[serde(skip)]
    pub(crate) conference_groups: Vec<Group>,
    /// Everyone on any roster, once, for `named` attribution.
    #[serde(skip)]
    pub(crate) people: Vec<count::Person>,
}

/// Counts over all sessions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RollUpTotals {
    /// Sessions counted.
    pub sessions: usize,
    /// Interventions and inputs in all sessions.
    pub interventions: usize,
    /// Of those, on the floor.
    pub floor: usize,
    /// Of those, in the chat.
    pub chat: usize,
    /// Notes in all sessions.
    pub notes: usize,
    /// Distinct people on any roster: a person in several sessions counts once.
    pub registered_people: usize,
    /// Distinct entities on any roster.
    pub registered_entities: usize,
    /// Distinct people who spoke or wrote in any session.
    pub speakers: usize,
    /// Groups across sessions that count toward convergence and had anyone registered.
    pub counting_groups: usize,
}

/// One session in the annex.
#[derive(Debug, Clone, Serialize)]
pub struct SessionLine {
    /// Its place in the roll-up, from 1.
    pub number: usize,
    /// The file it was read from.
    pub file: String,
    /// Title of the meeting.
    pub title: String,
    /// Theme of the meeting.
    pub theme: String,
    /// Date of the meeting as written in the file.
    pub date: String,
    /// Interventions and inputs.
    pub interventions: usize,
    /// On the floor.
    pub floor: usize,
    /// In the chat.
    pub chat: usize,
    /// Notes.
    pub notes: usize,
    /// Distinct speakers.
    pub speakers: usize,
    /// People on its roster.
    pub registered_people: usize,
    /// Its groups that count toward convergence.
    pub counting_groups: usize,
    /// Its strongest convergence, if it raised any priority.
    pub top_priority: Option<TopPriority>,
}

/// The priority a session ranked first.
#[derive(Debug, Clone, Serialize)]
pub struct TopPriority {
    /// Its id in that session.
    pub id: Slug,
    /// Its title in that session.
    pub title: String,
    /// Interventions that raised it there.
    pub interventions: usize,
}

/// A label the roll-up gives a priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RollUpLabel {
    /// Raised in every session (of two or more).
    AllSessions,
    /// Raised by every group that counts toward convergence, across sessions.
    AllGroups,
    /// Raised in a single session of several.
    OneSession,
    /// Raised in no session.
    NotRaised,
}

impl RollUpLabel {
    /// The label as people read it: "all sessions"…
    pub fn as_str(self) -> &'static str {
        match self {
            RollUpLabel::AllSessions => "all sessions",
            RollUpLabel::AllGroups => "all groups",
            RollUpLabel::OneSession => "one session",
            RollUpLabel::NotRaised => "not raised",
        }
    }

    /// The label's id as in JSON: `all_sessions`…
    pub fn id(self) -> &'static str {
        match self {
            RollUpLabel::AllSessions => "all_sessions",
            RollUpLabel::AllGroups => "all_groups",
            RollUpLabel::OneSession => "one_session",
            RollUpLabel::NotRaised => "not_raised",
        }
    }
}

/// How one priority fared across sessions.
#[derive(Debug, Clone, Serialize)]
pub struct PriorityRollUp {
    /// Id, as the first session that has it spells it.
    pub id: Slug,
    /// Title, as the first session that has it writes it.
    pub title: String,
    /// Description, from the first session that has it.
    pub description: Option<String>,
    /// Sessions whose priorities include it (by id or folded title).
    pub sessions_defined: usize,
    /// Sessions in which at least one intervention raised it.
    pub sessions_raised: usize,
    /// Sessions in the roll-up.
    pub sessions_total: usize,
    /// Sessions in which every group that counts there raised it.
    pub all_groups_sessions: usize,
    /// Interventions that raised it, all sessions together.
    pub interventions: usize,
    /// Of those, on the floor.
    pub floor: usize,
    /// Of those, in the chat.
    pub chat: usize,
    /// Notes tagged with it.
    pub notes: usize,
    /// Of those, verbatim quotes.
    pub quotes: usize,
    /// Of those, strongly voiced.
    pub emphasis: usize,
    /// Distinct people who raised it, across sessions.
    pub speakers: usize,
    /// Distinct entities that raised it, across sessions.
    pub entities: usize,
    /// Ids of the groups that raised it, in the order groups were met.
    pub groups: Vec<Slug>,
    /// Per group that raised it: interventions, speakers and entities across sessions.
    pub by_group: Vec<PriorityGroupRollUp>,
    /// Groups counting toward convergence that raised it, across sessions.
    pub counting_groups: usize,
    /// Groups counting toward convergence across sessions.
    pub counting_groups_total: usize,
    /// Labels across sessions.
    pub labels: Vec<RollUpLabel>,
    /// Place in the ranking across sessions, from 1.
    pub rank: usize,
    /// Its figures in each session that raised it, in session order.
    pub sessions: Vec<PrioritySession>,
    /// Numbers of the sessions whose priorities include it.
    #[serde(skip)]
    pub(crate) defined_in: Vec<usize>,
    /// Its verbatim quotes, in session order.
    #[serde(skip)]
    pub(crate) quote_list: Vec<Quote>,
}

impl PriorityRollUp {
    /// Whether the priority carries `label`.
    pub fn has(&self, label: RollUpLabel) -> bool {
        self.labels.contains(&label)
    }
}

/// A priority in one session, as that session's tally has it.
#[derive(Debug, Clone, Serialize)]
pub struct PrioritySession {
    /// The session's number in the roll-up.
    pub session: usize,
    /// The session's title.
    pub title: String,
    /// Interventions that raised it there.
    pub interventions: usize,
    /// Of those, on the floor.
    pub floor: usize,
    /// Of those, in the chat.
    pub chat: usize,
    /// Notes tagged with it there.
    pub notes: usize,
    /// Groups counting toward convergence there that raised it.
    pub counting_groups: usize,
    /// Groups counting toward convergence there.
    pub counting_groups_total: usize,
    /// Whether all of them did.
    pub all_groups: bool,
    /// Its rank in that session.
    pub rank: usize,
}

/// One group's part in a priority, across sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriorityGroupRollUp {
    /// Group id.
    pub group: Slug,
    /// Interventions by this group that raised it.
    pub interventions: usize,
    /// Distinct people of this group who raised it.
    pub speakers: usize,
    /// Distinct entities of this group that raised it.
    pub entities: usize,
}

/// A verbatim quote on a priority, with who said it, for the report to attribute.
#[derive(Debug, Clone)]
pub(crate) struct Quote {
    /// Number of the session.
    pub(crate) session: usize,
    /// Index of the person in the roll-up's people.
    pub(crate) person: usize,
    /// Index of the person's group across sessions.
    pub(crate) group: Option<usize>,
    /// The quote as typed.
    pub(crate) text: String,
    /// Whether it was strongly voiced.
    pub(crate) strong: bool,
}

impl RollUp {
    /// The roll-up of `sessions`, each with the name of the file it came from, in order.
    pub fn of<'a>(
        sessions: impl IntoIterator<Item = (&'a str, &'a crate::model::Session)>,
    ) -> RollUp {
        let mut conference = Conference::new();
        for (file, session) in sessions {
            conference.add(file, session);
        }
        conference.finish()
    }

    /// The priorities, strongest convergence across sessions first.
    pub fn ranked(&self) -> impl Iterator<Item = &PriorityRollUp> {
        self.ranking.iter().map(|&i| &self.priorities[i])
    }

    /// The row of the priority with this id (as the roll-up spells it).
    pub fn priority(&self, id: &str) -> Option<&PriorityRollUp> {
        self.priorities.iter().find(|p| p.id == id)
    }

    /// Priorities that only one session of several has, matching no other's by id or title.
    pub fn unmatched(&self) -> impl Iterator<Item = &PriorityRollUp> {
        let several = self.totals.sessions >= 2;
        self.priorities
            .iter()
            .filter(move |p| several && p.sessions_defined == 1)
    }

    /// The session numbered `number`.
    pub fn session(&self, number: usize) -> Option<&SessionLine> {
        number.checked_sub(1).and_then(|i| self.sessions.get(i))
    }
}
