//! The report's voice-balance rows: each group's share of interventions against its
//! share of the roster, and the people not yet in a group.

use crate::model::Session;
use crate::tally::{Tally, VoiceBalance};

use serde::Serialize;

use super::escape::escape_controls;
use super::labels::Labels;
use super::language::Lang;

fn percent(share: f64) -> u32 {
    (share * 100.0).round() as u32
}

/// The voice balance, one row per group with people on the roster or who spoke, then
/// the people not yet in a group, when there are any.
pub(super) fn voice_rows(session: &Session, tally: &Tally, lang: &Lang) -> Vec<VoiceRow> {
    let name = |name: &str| {
        escape_controls(&if lang.fr() {
            super::fr::group_label(name)
        } else {
            name.to_string()
        })
    };
    session
        .groups
        .iter()
        .zip(&tally.groups)
        .map(|(g, row)| (name(&g.name), g.counts_for_convergence, row))
        .chain(tally.not_in_group.iter().map(|row| {
            (
                Labels::of(lang.language).not_in_group.to_string(),
                false,
                row,
            )
        }))
        .filter(|(_, _, row)| row.registered_people > 0 || row.interventions > 0)
        .map(|(name, counts, row)| voice_row(name, counts, row))
        .collect()
}

fn voice_row(name: String, counts_for_convergence: bool, row: &VoiceBalance) -> VoiceRow {
    let (spoke, roster) = (
        percent(row.share_of_interventions),
        percent(row.share_of_roster),
    );
    VoiceRow {
        name,
        counts_for_convergence,
        registered_people: row.registered_people,
        registered_entities: row.registered_entities,
        speakers: row.speakers,
        floor: row.floor,
        chat: row.chat,
        interventions: row.interventions,
        share_of_interventions: spoke,
        share_of_roster: roster,
        balance: spoke as i32 - roster as i32,
        balance_label: match spoke as i32 - roster as i32 {
            b if b > 0 => format!("+{b}"),
            b => b.to_string(),
        },
    }
}

/// One group's line in the voice balance table.
#[derive(Debug, Clone, Serialize)]
pub struct VoiceRow {
    /// Group display name.
    pub name: String,
    /// Whether the group counts toward convergence.
    pub counts_for_convergence: bool,
    /// People on the roster.
    pub registered_people: usize,
    /// Entities on the roster.
    pub registered_entities: usize,
    /// People who spoke or wrote.
    pub speakers: usize,
    /// Interventions on the floor.
    pub floor: usize,
    /// Inputs in the chat.
    pub chat: usize,
    /// All interventions and inputs.
    pub interventions: usize,
    /// Share of all interventions, rounded percent.
    pub share_of_interventions: u32,
    /// Share of the roster, rounded percent.
    pub share_of_roster: u32,
    /// Share of interventions minus share of roster, in percentage points.
    pub balance: i32,
    /// The balance with its sign: "+5", "-3", "0".
    pub balance_label: String,
}
