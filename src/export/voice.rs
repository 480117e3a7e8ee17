//! The report's voice-balance rows: each group's share of interventions against its
//! share of the roster, and the people not yet in a group.

use crate::model::Session;
use crate::tally::{Tally, VoiceBalance};

use super::report::{VoiceRow, escape_controls};

fn percent(share: f64) -> u32 {
    (share * 100.0).round() as u32
}

/// The voice balance, one row per group with people on the roster or who spoke, then
/// the people not yet in a group, when there are any.
pub(super) fn voice_rows(session: &Session, tally: &Tally) -> Vec<VoiceRow> {
    session
        .groups
        .iter()
        .zip(&tally.groups)
        .map(|(g, row)| (escape_controls(&g.name), g.counts_for_convergence, row))
        .chain(
            tally
                .not_in_group
                .iter()
                .map(|row| ("Not yet in a group".to_string(), false, row)),
        )
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
