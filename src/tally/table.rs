//! The tally for people and scripts: an aligned text table and JSON.

use std::fmt::Write;

use serde::Serialize;

use super::{PriorityTally, Tally, Totals, VoiceBalance};
use crate::clock::Clock;

/// The tally as JSON for scripts: session totals, priorities in ranked
/// order, and the voice balance per group.
pub fn to_json(tally: &Tally) -> String {
    #[derive(Serialize)]
    struct Json<'a> {
        #[serde(flatten)]
        totals: &'a Totals,
        priorities: Vec<&'a PriorityTally>,
        groups: &'a [VoiceBalance],
        #[serde(skip_serializing_if = "Option::is_none")]
        not_in_group: Option<&'a VoiceBalance>,
    }
    let json = Json {
        totals: &tally.totals,
        priorities: tally.ranked().collect(),
        groups: &tally.groups,
        not_in_group: tally.not_in_group.as_ref(),
    };
    let mut text = serde_json::to_string_pretty(&json).expect("a tally always serialises");
    text.push('\n');
    text
}

/// `n` and the noun that agrees with it: "1 note", "51 notes".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Pads or shortens `text` to `width` columns, never cutting a grapheme.
pub(crate) fn cell(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = crate::shorten::truncate(text, width).into_owned();
    let gap = width.saturating_sub(out.width());
    out.push_str(&" ".repeat(gap));
    out
}

fn clock_cell(clock: Option<Clock>) -> String {
    clock.map_or_else(
        || "-".to_string(),
        |c| format!("{:02}:{:02}", c.seconds() / 3600, c.seconds() / 60 % 60),
    )
}

/// The tally as an aligned table for people: priorities in ranked order,
/// then the voice balance per group.
pub fn to_table(tally: &Tally) -> String {
    let mut out = String::new();
    let t = &tally.totals;
    let interventions = match t.interventions {
        1 => "1 intervention".to_string(),
        n => format!("{n} interventions and inputs"),
    };
    let _ = write!(
        out,
        "{interventions} ({} floor, {} chat), {}, {} of {} spoke",
        t.floor,
        t.chat,
        count(t.notes, "note", "notes"),
        t.speakers,
        count(
            t.registered_people,
            "registered person",
            "registered people"
        )
    );
    if t.procedural > 0 {
        let _ = write!(
            out,
            "; {} of the chair left out",
            count(t.procedural, "procedural turn", "procedural turns")
        );
    }
    if t.not_in_group > 0 {
        let _ = write!(
            out,
            "; {} not yet in a group",
            count(t.not_in_group, "person", "people")
        );
    }
    out.push_str("\n\n");
    let _ = writeln!(
        out,
        "{:>3}  {} {:>5} {:>4} {:>5} {:>5} {:>5} {:>6} {:>5} {:>4}  {:5}  {:5}  Labels",
        "#",
        cell("Priority", 36),
        "Int.",
        "Opp.",
        "Notes",
        "Spkrs",
        "Ent.",
        "Groups",
        "Floor",
        "Chat",
        "First",
        "Last"
    );
    let mut previous_rank = 0;
    for p in tally.ranked() {
        let labels: Vec<&str> = p.labels.iter().map(|l| l.as_str()).collect();
        // A tie shows its rank once, on its first row.
        let rank = if p.rank == previous_rank {
            String::new()
        } else {
            p.rank.to_string()
        };
        previous_rank = p.rank;
        let _ = writeln!(
            out,
            "{:>3}  {} {:>5} {:>4} {:>5} {:>5} {:>5} {:>6} {:>5} {:>4}  {:5}  {:5}  {}",
            rank,
            cell(&p.title, 36),
            p.interventions,
            p.opposed,
            p.notes,
            p.speakers,
            p.entities,
            format!("{}/{}", p.counting_groups, p.counting_groups_total),
            p.floor,
            p.chat,
            clock_cell(p.first),
            clock_cell(p.last),
            labels.join(", ")
        );
        // An empty label column would leave trailing blanks.
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
    }
    out.push('\n');
    voice_table(&mut out, tally.groups.iter().chain(&tally.not_in_group));
    out
}

/// The voice balance as aligned rows under a header, one row a group; shared by
/// one session's tally and the roll-up of many.
pub(crate) fn voice_table<'a>(out: &mut String, groups: impl Iterator<Item = &'a VoiceBalance>) {
    let _ = writeln!(
        out,
        "{} {:>6} {:>8} {:>5} {:>5} {:>4} {:>6} {:>6}",
        cell("Group", 24),
        "People",
        "Entities",
        "Spoke",
        "Floor",
        "Chat",
        "Heard",
        "Roster"
    );
    for g in groups {
        let name = if g.counts_for_convergence || g.group.is_empty() {
            g.name.clone()
        } else {
            format!("{} (not counted)", g.name)
        };
        let _ = writeln!(
            out,
            "{} {:>6} {:>8} {:>5} {:>5} {:>4} {:>5}% {:>5}%",
            cell(&name, 24),
            g.registered_people,
            g.registered_entities,
            g.speakers,
            g.floor,
            g.chat,
            (g.share_of_interventions * 100.0).round(),
            (g.share_of_roster * 100.0).round()
        );
    }
}
