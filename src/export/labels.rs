//! The report's fixed words in each language: headings, table headers, notes under the
//! tables, the chart's labels and the sections the report names itself. Templates read
//! them as `t`; the prose reads the rest.

use serde::Serialize;

use super::language::Language;

/// The fixed words of a report in one language.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Labels {
    /// The title when the meeting has none.
    pub report: &'static str,
    /// Heading I.
    pub introduction: &'static str,
    /// Heading II.
    pub key_emphases: &'static str,
    /// Heading III.
    pub voice_balance: &'static str,
    /// How the priorities are ordered, when by convergence.
    pub ranked: &'static str,
    /// When no priority was raised.
    pub no_priority: &'static str,
    /// The voice-balance table's headers.
    pub group: &'static str,
    pub registered: &'static str,
    pub entities: &'static str,
    pub spoke: &'static str,
    pub floor: &'static str,
    pub chat: &'static str,
    pub share_of_interventions: &'static str,
    pub share_of_roster: &'static str,
    pub balance: &'static str,
    /// What the balance column means.
    pub balance_note: &'static str,
    /// When nobody is on the roster.
    pub no_roster: &'static str,
    /// After a group's name, when it does not count toward convergence.
    pub not_counted: &'static str,
    /// The plain-text table's short headers, and what they mean.
    pub people: &'static str,
    pub spoke_short: &'static str,
    pub floor_short: &'static str,
    pub heard: &'static str,
    pub roster: &'static str,
    pub heard_note: &'static str,
    pub not_counted_note: &'static str,
    /// The chart-as-table's headers (Word).
    pub priority: &'static str,
    pub interventions: &'static str,
    pub by_group: &'static str,
    /// What the chart shows, for readers who cannot see it.
    pub chart_label: &'static str,
    /// Quotation marks around a quote, with French's narrow no-break spaces inside.
    pub open_quote: &'static str,
    pub close_quote: &'static str,
    /// After a percentage: "%", or French's narrow no-break space and "%".
    pub percent: &'static str,
    /// The row of people not yet in a group.
    pub not_in_group: &'static str,
    /// The section headings the report gives itself.
    pub suggested_once: &'static str,
    pub opposed_only: &'static str,
    pub other_points: &'static str,
    /// A note's marks: strongly voiced, opposing.
    pub strongly_voiced: &'static str,
    pub opposing: &'static str,
    /// Who a speaker is when the mode names nobody.
    pub one_participant: &'static str,
    /// "Likewise, " before figures said twice in a row.
    pub likewise: &'static str,
}

/// The English words.
pub const ENGLISH: Labels = Labels {
    report: "Meeting report",
    introduction: "Introduction",
    key_emphases: "Key emphases",
    voice_balance: "Voice balance",
    ranked: "Priorities are ranked by convergence: first by how many groups raised them, \
             then by how many interventions.",
    no_priority: "No priority was raised.",
    group: "Group",
    registered: "Registered",
    entities: "Entities",
    spoke: "Spoke",
    floor: "Floor",
    chat: "Chat",
    share_of_interventions: "Share of interventions",
    share_of_roster: "Share of roster",
    balance: "Balance",
    balance_note: "Balance is the share of interventions minus the share of the roster, in \
                   percentage points.",
    no_roster: "No group has anyone on the roster.",
    not_counted: "(not counted for convergence)",
    people: "People",
    spoke_short: "Spoke",
    floor_short: "Floor",
    heard: "Heard",
    roster: "Roster",
    heard_note: "Heard is each group's share of all interventions and inputs; Roster is its \
                 share of the people registered.",
    not_counted_note: "* Not counted for convergence.",
    priority: "Priority",
    interventions: "Interventions",
    by_group: "By group",
    chart_label: "Interventions per priority, by convergence",
    open_quote: "“",
    close_quote: "”",
    percent: "%",
    not_in_group: "Not yet in a group",
    suggested_once: "Suggested just once",
    opposed_only: "Opposed, and supported by nobody",
    other_points: "Other points",
    strongly_voiced: "strongly voiced",
    opposing: "opposing",
    one_participant: "one participant",
    likewise: "Likewise, ",
};

impl Labels {
    /// The words of `language`.
    pub fn of(language: Language) -> &'static Labels {
        match language {
            Language::English => &ENGLISH,
            Language::French => &super::fr::labels::FRENCH,
        }
    }
}
