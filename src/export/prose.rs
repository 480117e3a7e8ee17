//! The sentences a report generates from counts: participation, interventions,
//! convergence and attribution, with number agreement and list punctuation.

use crate::model::{Group, Session};
use crate::tally::{Label, PriorityTally, Tally, VoiceBalance};

use super::Attribution;

/// `n` followed by the singular or plural noun: "1 State", "13 States".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Joins items as prose: "A", "A and B", "A, B and C".
pub fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A span of time in words: "15 minutes", "1 hour", "2 hours 5 minutes".
pub fn minutes_in_words(seconds: u32) -> String {
    let minutes = (seconds + 30) / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = count(h as usize, "hour", "hours");
    let mins = count(m as usize, "minute", "minutes");
    match (h, m) {
        (0, _) => mins,
        (_, 0) => hours,
        _ => format!("{hours} {mins}"),
    }
}

/// A number as a word from one to ten ("two"), as digits beyond.
pub fn number_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// Who registered, counted from the roster: "29 representatives of 13
/// States, 5 civil society organizations, 2 businesses, 3 Mayors and 2
/// observer organizations registered".
pub fn participation_sentence(session: &Session) -> String {
    participation(&Tally::compute(session), session)
}

/// [`participation_sentence`] from a tally already computed.
///
/// Groups with nobody registered are left out. When every group present has nouns
/// for the entities it holds, and its people represent them, the entities are
/// counted with those nouns, as the reference report does ("29 representatives of
/// 13 States, …"). Otherwise people are counted by group: a group whose people give
/// no affiliation speaks for itself ("5 residents"), a group without nouns is named,
/// never used as a count noun ("5 participants from government"), a group with one
/// person per entity is counted by its entities ("2 businesses"), and people not yet
/// in a group are said apart: "12 people (5 residents, 3 representatives of 2
/// community organizations and 4 not yet in a group) registered".
pub fn participation(tally: &Tally, session: &Session) -> String {
    let people = tally.totals.registered_people;
    if people == 0 {
        return "No participants registered".to_string();
    }
    let present: Vec<(&Group, &VoiceBalance)> = session
        .groups
        .iter()
        .zip(&tally.groups)
        .filter(|(_, row)| row.registered_people > 0)
        .collect();
    // People with no affiliation are each an entity of their own: they represent nobody.
    let for_themselves = |g: &Group| {
        session
            .participants
            .iter()
            .filter(|p| p.group == g.id)
            .all(|p| p.affiliation.trim().is_empty())
    };
    let unsorted = tally.totals.not_in_group;
    let reference = unsorted == 0
        && present
            .iter()
            .all(|(g, _)| g.has_nouns() && !for_themselves(g));
    if reference {
        let bodies: Vec<String> = present
            .iter()
            .map(|(g, row)| count(row.registered_entities, &g.singular, &g.plural))
            .collect();
        let who = count(people, "representative", "representatives");
        return format!("{who} of {} registered", join(&bodies));
    }
    let part = |g: &Group, row: &VoiceBalance| {
        let n = row.registered_people;
        if !g.has_nouns() {
            format!(
                "{} from {}",
                count(n, "participant", "participants"),
                group_in_prose(g)
            )
        } else if for_themselves(g) || n == row.registered_entities {
            // One person for each entity: the entities say it ("2 businesses").
            count(row.registered_entities, &g.singular, &g.plural)
        } else {
            format!(
                "{} of {}",
                count(n, "representative", "representatives"),
                count(row.registered_entities, &g.singular, &g.plural)
            )
        }
    };
    match (present.as_slice(), unsorted) {
        ([(g, row)], 0) => return format!("{} registered", part(g, row)),
        ([], _) if people == 1 => return "1 person, not yet in a group, registered".into(),
        ([], _) => return format!("{people} people, none of them in a group yet, registered"),
        _ => {}
    }
    let mut parts: Vec<String> = present.iter().map(|(g, row)| part(g, row)).collect();
    if unsorted > 0 {
        parts.push(format!("{unsorted} not yet in a group"));
    }
    format!(
        "{} ({}) registered",
        count(people, "person", "people"),
        join(&parts)
    )
}

/// "Altogether, there were 21 separate interventions and inputs: 15 on the
/// floor and 6 in the chat."
pub fn interventions_sentence(tally: &Tally) -> String {
    let t = &tally.totals;
    match t.interventions {
        0 => "There were no interventions.".to_string(),
        1 => format!(
            "Altogether, there was a single intervention, {}.",
            if t.chat == 1 {
                "in the chat"
            } else {
                "on the floor"
            }
        ),
        n => {
            let split = match (t.floor, t.chat) {
                (_, 0) => "all on the floor".to_string(),
                (0, _) => "all in the chat".to_string(),
                (floor, chat) => format!("{floor} on the floor and {chat} in the chat"),
            };
            format!("Altogether, there were {n} separate interventions and inputs: {split}.")
        }
    }
}

/// A group's name as it reads inside a sentence: "civil society" for
/// "Civil society", but "States" and "Mayors" kept as their own nouns are,
/// and acronyms ("UN agencies") kept as written.
pub fn group_in_prose(group: &Group) -> String {
    let name = group.name.trim();
    let mut chars = name.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return String::new();
    };
    let own_noun = name == group.plural.trim() || name == group.singular.trim();
    if own_noun || !first.is_uppercase() || second.is_some_and(|c| !c.is_lowercase()) {
        name.to_string()
    } else {
        first
            .to_lowercase()
            .chain(name[first.len_utf8()..].chars())
            .collect()
    }
}

/// Groups that raised `p` and may be named under `attribution`: in `group`
/// mode those with at least `min_group` distinct entities on it; none otherwise.
fn nameable_groups<'a>(
    p: &PriorityTally,
    groups: &'a [Group],
    attribution: Attribution,
    min_group: usize,
    counting_only: bool,
) -> Vec<&'a Group> {
    if attribution == Attribution::Chatham {
        return Vec::new();
    }
    groups
        .iter()
        .filter(|g| !counting_only || g.counts_for_convergence)
        .filter(|g| {
            p.group(&g.id).is_some_and(|row| {
                attribution == Attribution::Named || row.entities >= min_group.max(1)
            })
        })
        .collect()
}

/// The convergence sentence of a priority: "Raised in 9 interventions by
/// participants from all 4 groups: the strongest convergence by far."
pub fn convergence_sentence(
    p: &PriorityTally,
    groups: &[Group],
    attribution: Attribution,
    min_group: usize,
) -> String {
    match p.interventions {
        0 => return "Not raised.".to_string(),
        1 if p.emphasis > 0 => {
            return format!(
                "Suggested just once, but strongly{}.",
                opposition(p, groups, attribution)
            );
        }
        1 => return format!("Suggested just once{}.", opposition(p, groups, attribution)),
        _ => {}
    }
    let total = p.counting_groups_total;
    let raised = format!("Raised in {} interventions", p.interventions);
    let nameable = nameable_groups(p, groups, attribution, min_group, true);
    let names: Vec<String> = nameable.iter().map(|g| group_in_prose(g)).collect();
    let by = if p.has(Label::AllGroups) {
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
    } else if p.groups.len() == 1 && nameable.len() == 1 {
        let g = nameable[0];
        // A group's name is never a count noun: without nouns, its people are counted.
        if g.has_nouns() {
            format!("by {}", count(p.entities, &g.singular, &g.plural))
        } else {
            format!(
                "by {} from {}",
                count(p.speakers, "participant", "participants"),
                group_in_prose(g)
            )
        }
    } else if p.speakers == 1 {
        "by a single participant".to_string()
    } else {
        format!("by {} participants", p.speakers)
    };
    let tail = if p.has(Label::Strongest) {
        ": the strongest convergence by far"
    } else {
        ""
    };
    format!("{raised} {by}{tail}{}.", opposition(p, groups, attribution))
}

/// ", though one intervention, from business, opposed it", or nothing when nobody did.
///
/// Counts by group are always allowed, so the opposing groups are named, except
/// in `chatham` mode, which names no group of any speaker.
pub fn opposition(p: &PriorityTally, groups: &[Group], attribution: Attribution) -> String {
    if p.opposed == 0 {
        return String::new();
    }
    let what = if p.opposed == 1 {
        "one intervention".to_string()
    } else {
        format!("{} interventions", number_word(p.opposed))
    };
    format!(
        ", though {what}{}, opposed it",
        opposing_groups(p, groups, attribution)
    )
}

/// ", from business and civil society", the groups of the interventions opposing `p`.
fn opposing_groups(p: &PriorityTally, groups: &[Group], attribution: Attribution) -> String {
    if attribution == Attribution::Chatham {
        return String::new();
    }
    let mut names: Vec<String> = groups
        .iter()
        .filter(|g| p.opposed_by_group.iter().any(|o| o.group == g.id))
        .map(group_in_prose)
        .collect();
    if names.is_empty() {
        return String::new();
    }
    let in_groups: usize = p.opposed_by_group.iter().map(|o| o.interventions).sum();
    if in_groups < p.opposed {
        names.push("people not yet in a group".to_string());
    }
    format!(", from {}", join(&names))
}

/// The sentence of a priority nobody supported but some opposed: "Opposed in two
/// interventions, from business, and supported in none."
pub fn opposed_only_sentence(
    p: &PriorityTally,
    groups: &[Group],
    attribution: Attribution,
) -> String {
    let what = if p.opposed == 1 {
        "one intervention".to_string()
    } else {
        format!("{} interventions", number_word(p.opposed))
    };
    format!(
        "Opposed in {what}{}, and supported in none.",
        opposing_groups(p, groups, attribution)
    )
}

/// "Equally supported with “Shelter capacity”.": a tie, said as one, naming the
/// priorities sharing the rank.
pub fn tie_sentence(others: &[String]) -> String {
    if others.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = others.iter().map(|t| format!("“{t}”")).collect();
    format!("Equally supported with {}.", join(&quoted))
}

/// How a speaker is referred to in `group` mode within a scope (a priority,
/// or the whole session): "one of the two States that spoke on this", or
/// "one participant" when fewer than `min_group` entities of the group spoke.
pub fn group_speaker(
    group: Option<&Group>,
    entities: usize,
    min_group: usize,
    on_this: bool,
) -> String {
    let scope = if on_this { " on this" } else { "" };
    match group {
        Some(_) if entities < min_group.max(1) => "one participant".to_string(),
        // Without nouns the group is named, never used as a count noun.
        Some(g) if !g.has_nouns() => format!("one participant from {}", group_in_prose(g)),
        Some(g) if entities == 1 => format!("the one {} that spoke{scope}", g.singular),
        Some(g) => format!(
            "one of the {} {} that spoke{scope}",
            number_word(entities),
            g.plural
        ),
        None => "one participant".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_time_in_words() {
        assert_eq!(minutes_in_words(15 * 60), "15 minutes");
        assert_eq!(minutes_in_words(60), "1 minute");
        assert_eq!(minutes_in_words(3600), "1 hour");
        assert_eq!(
            minutes_in_words(2 * 3600 + 5 * 60 + 10),
            "2 hours 5 minutes"
        );
    }
}
