//! The roll-up for people and scripts: `rapporteur tally` over several sessions.

use std::fmt::Write;

use super::{PriorityRollUp, RollUp, RollUpTotals, SessionLine};
use crate::tally::VoiceBalance;
use crate::tally::table::{cell, voice_table};
use serde::Serialize;

/// One priority that matches no other session's, for scripts.
#[derive(Serialize)]
struct Lone<'a> {
    id: &'a str,
    title: &'a str,
    session: usize,
}

/// The roll-up as JSON: the sessions first, then the totals (`session_count` among them), the priorities in
/// ranked order (each with its figures per session), the priorities found in one
/// session only, and the voice balance per group.
pub fn to_json(rollup: &RollUp) -> String {
    #[derive(Serialize)]
    struct Json<'a> {
        sessions: &'a [SessionLine],
        session_count: usize,
        interventions: usize,
        floor: usize,
        chat: usize,
        notes: usize,
        registered_people: usize,
        registered_entities: usize,
        speakers: usize,
        counting_groups: usize,
        priorities: Vec<&'a PriorityRollUp>,
        unmatched: Vec<Lone<'a>>,
        groups: &'a [VoiceBalance],
    }
    let t: &RollUpTotals = &rollup.totals;
    let json = Json {
        sessions: &rollup.sessions,
        session_count: t.sessions,
        interventions: t.interventions,
        floor: t.floor,
        chat: t.chat,
        notes: t.notes,
        registered_people: t.registered_people,
        registered_entities: t.registered_entities,
        speakers: t.speakers,
        counting_groups: t.counting_groups,
        priorities: rollup.ranked().collect(),
        unmatched: rollup
            .unmatched()
            .map(|p| Lone {
                id: &p.id,
                title: &p.title,
                session: p.defined_in.first().copied().unwrap_or(0),
            })
            .collect(),
        groups: &rollup.groups,
    };
    let mut text = serde_json::to_string_pretty(&json).expect("a roll-up always serialises");
    text.push('\n');
    text
}

/// The roll-up as aligned tables: totals, priorities ranked across sessions, the
/// voice balance, one line per session, and the priorities of one session only.
pub fn to_table(rollup: &RollUp) -> String {
    let mut out = String::new();
    let t = &rollup.totals;
    let _ = writeln!(
        out,
        "{} sessions: {} interventions and inputs ({} floor, {} chat), {} notes; {} people registered, {} spoke (each person counted once)",
        t.sessions, t.interventions, t.floor, t.chat, t.notes, t.registered_people, t.speakers
    );
    out.push('\n');
    let _ = writeln!(
        out,
        "{:>3}  {} {:>8} {:>7} {:>5} {:>5} {:>5} {:>5} {:>6}  Labels",
        "#",
        cell("Priority", 36),
        "Sessions",
        "All-grp",
        "Int.",
        "Notes",
        "Spkrs",
        "Ent.",
        "Groups",
    );
    for p in rollup.ranked() {
        let labels: Vec<&str> = p.labels.iter().map(|l| l.as_str()).collect();
        let line = format!(
            "{:>3}  {} {:>8} {:>7} {:>5} {:>5} {:>5} {:>5} {:>6}  {}",
            p.rank,
            cell(&p.title, 36),
            format!("{}/{}", p.sessions_raised, p.sessions_total),
            p.all_groups_sessions,
            p.interventions,
            p.notes,
            p.speakers,
            p.entities,
            format!("{}/{}", p.counting_groups, p.counting_groups_total),
            labels.join(", ")
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    voice_table(&mut out, rollup.groups.iter());
    out.push('\n');
    let _ = writeln!(
        out,
        "{:>3}  {} {:10} {:>5} {:>5} {:>5} {:>5}  Top priority",
        "#",
        cell("Session", 30),
        "Date",
        "Int.",
        "Floor",
        "Chat",
        "Notes"
    );
    for s in &rollup.sessions {
        let title = if s.title.trim().is_empty() {
            s.file.as_str()
        } else {
            s.title.as_str()
        };
        let top = s.top_priority.as_ref().map_or("-", |p| p.title.as_str());
        let line = format!(
            "{:>3}  {} {} {:>5} {:>5} {:>5} {:>5}  {}",
            s.number,
            cell(title, 30),
            cell(&s.date, 10),
            s.interventions,
            s.floor,
            s.chat,
            s.notes,
            top
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let lone: Vec<&PriorityRollUp> = rollup.unmatched().collect();
    if !lone.is_empty() {
        out.push('\n');
        out.push_str(
            "In one session only, matching no other session's priorities by id or title:\n",
        );
        for p in lone {
            let _ = writeln!(
                out,
                "  {} ({}, session {})",
                p.title,
                p.id,
                p.defined_in.first().copied().unwrap_or(0)
            );
        }
    }
    out
}
