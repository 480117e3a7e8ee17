//! The report's voice-balance rows and its bar chart, computed here so templates only draw.

use crate::model::Session;
use crate::tally::{Tally, VoiceBalance};

use super::Attribution;
use super::report::{Bar, Chart, Emphasis, LegendItem, Segment, VoiceRow, escape_controls};

const PALETTE: [&str; 6] = [
    "#1f6f8b", "#e07a1f", "#3a9d5d", "#8e5ea2", "#c94f4f", "#7d7d2b",
];
const REST: &str = "#9aa5ad";

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

/// Shortens `text` to at most `max` characters, ending with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
        short.push('…');
        short
    }
}

/// Bar geometry for the supported priorities. Segments show groups only where
/// the attribution mode could name them: never in `chatham`, in `group` only
/// for groups with enough entities on that priority.
pub(super) fn chart(
    session: &Session,
    tally: &Tally,
    emphases: &[Emphasis],
    once: &[Emphasis],
    attribution: Attribution,
    min_group: usize,
) -> Chart {
    const ROW: u32 = 26;
    const LEFT: u32 = 250;
    const SPAN: u32 = 360;
    let max = tally.max_interventions().max(1) as u32;
    let colour = |g: usize| PALETTE[g % PALETTE.len()];
    let mut used = vec![false; session.groups.len()];
    let mut rest_used = false;
    let mut bars = Vec::new();
    for (row, e) in emphases.iter().chain(once).enumerate() {
        let Some(p) = tally.priority(&e.id) else {
            continue;
        };
        let unit = |n: usize| n as u32 * SPAN / max;
        let mut x = LEFT;
        let mut segments = Vec::new();
        let mut shown = 0;
        if attribution != Attribution::Chatham {
            for (g, group) in session.groups.iter().enumerate() {
                let Some(part) = p.group(&group.id) else {
                    continue;
                };
                if attribution == Attribution::Group && part.entities < min_group.max(1) {
                    continue;
                }
                used[g] = true;
                shown += part.interventions;
                let width = unit(part.interventions);
                segments.push(Segment {
                    x,
                    width,
                    color: colour(g),
                    title: format!("{}: {}", escape_controls(&group.name), part.interventions),
                });
                x += width;
            }
        }
        let rest = p.interventions.saturating_sub(shown);
        if rest > 0 {
            rest_used = true;
            let width = unit(p.interventions) - (x - LEFT);
            segments.push(Segment {
                x,
                width,
                color: REST,
                title: format!("participants: {rest}"),
            });
            x += width;
        }
        bars.push(Bar {
            label: shorten(&format!("{}. {}", e.number, e.title), 38),
            value: p.interventions,
            y: 8 + row as u32 * ROW,
            segments,
            end: x,
        });
    }
    let mut legend: Vec<LegendItem> = session
        .groups
        .iter()
        .enumerate()
        .filter(|(g, _)| used[*g])
        .map(|(g, group)| LegendItem {
            color: colour(g),
            label: escape_controls(&group.name),
        })
        .collect();
    if rest_used {
        legend.push(LegendItem {
            color: REST,
            label: if attribution == Attribution::Chatham {
                "participants".to_string()
            } else {
                "other participants".to_string()
            },
        });
    }
    Chart {
        width: LEFT + SPAN + 40,
        height: 16 + bars.len() as u32 * ROW,
        left: LEFT,
        bars,
        legend,
    }
}
