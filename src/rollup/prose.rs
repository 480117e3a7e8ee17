//! The sentences of the synthesis: participation and interventions across
//! sessions, and each priority's convergence across sessions and groups.

use super::{PriorityRollUp, RollUp, RollUpTotals};
use crate::export::{
    Attribution, count, group_in_prose, interventions_and_inputs, join, representatives_of,
};
use crate::model::Group;

/// "the 40 sessions", or "the session" when there is one.
fn the_sessions(n: usize) -> String {
    if n == 1 {
        "the session".to_string()
    } else {
        format!("the {n} sessions")
    }
}

/// "412 representatives of 60 States, … registered for the 40 sessions", each person once.
pub(super) fn participation(rollup: &RollUp) -> String {
    let t = &rollup.totals;
    if t.registered_people == 0 {
        return "No participants registered".to_string();
    }
    let bodies: Vec<String> = rollup
        .conference_groups
        .iter()
        .zip(&rollup.groups)
        .filter(|(_, row)| row.registered_entities > 0)
        .map(|(g, row)| count(row.registered_entities, &g.singular, &g.plural))
        .collect();
    let who = representatives_of(t.registered_people, &bodies);
    format!("{who} registered for {}", the_sessions(t.sessions))
}

/// "Altogether, there were 2345 separate interventions and inputs across the 40
/// sessions: 1800 on the floor and 545 in the chat."
pub(super) fn interventions_sentence(t: &RollUpTotals) -> String {
    let place = if t.sessions == 1 {
        "in the session".to_string()
    } else {
        format!("across the {} sessions", t.sessions)
    };
    interventions_and_inputs(t.interventions, t.floor, t.chat, &place)
}

/// The groups that raised `p` across sessions and may be named under `attribution`:
/// in `group` mode those with at least `min_group` distinct entities on it across
/// the sessions that raised it; all in `named`; none in `chatham`.
pub(super) fn nameable<'a>(
    p: &PriorityRollUp,
    groups: &'a [Group],
    attribution: Attribution,
    min_group: usize,
) -> Vec<&'a Group> {
    groups
        .iter()
        .filter(|g| g.counts_for_convergence)
        .filter(|g| {
            p.by_group
                .iter()
                .any(|row| row.group == g.id && attribution.may_name(row.entities, min_group))
        })
        .collect()
}

/// Who raised `p` across sessions: "by participants from all 4 groups", "by
/// participants from 2 of the 4 groups (States and Mayors)", "by 3 States"…
fn raised_by(
    p: &PriorityRollUp,
    groups: &[Group],
    attribution: Attribution,
    min_group: usize,
) -> String {
    let total = p.counting_groups_total;
    let named = nameable(p, groups, attribution, min_group);
    let names: Vec<String> = named.iter().map(|g| group_in_prose(g)).collect();
    if total >= 2 && p.counting_groups == total {
        format!("by participants from all {total} groups")
    } else if p.counting_groups >= 2 {
        let list = if names.is_empty() {
            String::new()
        } else if names.len() == p.counting_groups {
            format!(" ({})", join(&names))
        } else {
            format!(", including {}", join(&names))
        };
        format!(
            "by participants from {} of the {total} groups{list}",
            p.counting_groups
        )
    } else if p.by_group.len() == 1 && named.len() == 1 {
        let g = named[0];
        format!("by {}", count(p.entities, &g.singular, &g.plural))
    } else if p.speakers == 1 {
        "by a single participant".to_string()
    } else {
        format!("by {} participants", p.speakers)
    }
}

/// The convergence sentence of a priority across sessions: "Raised in 23 of 40
/// sessions, with all 4 groups in 9 of them; 112 interventions in all, by
/// participants from all 4 groups."
pub(super) fn convergence_sentence(
    p: &PriorityRollUp,
    rollup: &RollUp,
    attribution: Attribution,
    min_group: usize,
) -> String {
    let (n, r) = (rollup.totals.sessions, p.sessions_raised);
    if r == 0 {
        return if n == 1 {
            "Not raised.".to_string()
        } else {
            "Not raised in any session.".to_string()
        };
    }
    let turns = count(p.interventions, "intervention", "interventions");
    let by = raised_by(p, &rollup.conference_groups, attribution, min_group);
    if n == 1 {
        return format!("Raised in {turns} {by}.");
    }
    let mut sessions = match r {
        2 if n == 2 => "Raised in both sessions".to_string(),
        r if r == n => format!("Raised in all {n} sessions"),
        1 => format!("Raised in just one of the {n} sessions"),
        r => format!("Raised in {r} of {n} sessions"),
    };
    let a = p.all_groups_sessions;
    // In one session, the groups across sessions are that session's: said once, below.
    if a > 0 && r > 1 {
        let mut totals: Vec<usize> = p
            .sessions
            .iter()
            .filter(|s| s.all_groups)
            .map(|s| s.counting_groups_total)
            .collect();
        totals.sort_unstable();
        totals.dedup();
        let all = match totals[..] {
            [g] => format!("all {g} groups"),
            _ => "all their groups".to_string(),
        };
        sessions.push_str(&if a == r {
            format!(", with {all} in each of them")
        } else {
            format!(", with {all} in {a} of them")
        });
    }
    let all = if r > 1 { " in all" } else { "" };
    format!("{sessions}; {turns}{all}, {by}.")
}

/// Where a priority was raised: "In sessions 1 (6 interventions, 2 of 4 groups) and 3
/// (2 interventions, all 4 groups)."; the annex names the sessions.
pub(super) fn sessions_sentence(p: &PriorityRollUp) -> String {
    let parts: Vec<String> = p
        .sessions
        .iter()
        .map(|s| {
            let groups = if s.all_groups {
                format!("all {} groups", s.counting_groups_total)
            } else {
                format!(
                    "{} of {} groups",
                    s.counting_groups, s.counting_groups_total
                )
            };
            let turns = count(s.interventions, "intervention", "interventions");
            format!("{} ({turns}, {groups})", s.session)
        })
        .collect();
    match parts.len() {
        0 => String::new(),
        1 => format!("In session {}.", parts[0]),
        _ => format!("In sessions {}.", join(&parts)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interventions_across_sessions() {
        let t = RollUpTotals {
            sessions: 3,
            interventions: 21,
            floor: 15,
            chat: 6,
            ..RollUpTotals::default()
        };
        assert_eq!(
            interventions_sentence(&t),
            "Altogether, there were 21 separate interventions and inputs across the 3 sessions: 15 on the floor and 6 in the chat."
        );
    }
}
