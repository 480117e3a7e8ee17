//! The sentences a report generates from counts: participation, interventions,
//! convergence and attribution, with number agreement and list punctuation.

use crate::model::{Group, Session};
use crate::tally::{Tally, VoiceBalance};

use super::words::{group_with_article, number_word};

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
/// never used as a count noun ("5 participants from the government"), a group with one
/// person per entity is counted by its entities ("2 businesses"), and people not yet
/// in a group are said apart: "12 people (5 residents, 3 representatives of 2
/// community organizations and 4 not yet in a group) registered".
pub fn participation(tally: &Tally, session: &Session) -> String {
    let entities = |g: &Group, n: usize| count(n, &g.singular, &g.plural);
    let part = |g: &Group, part: Part| match part {
        // A group's name is never a count noun: without nouns, its people are counted.
        Part::People(n) => format!(
            "{} from {}",
            count(n, "participant", "participants"),
            group_with_article(g)
        ),
        Part::Entities(n) => entities(g, n),
        Part::Representatives {
            people,
            entities: n,
        } => format!(
            "{} of {}",
            count(people, "representative", "representatives"),
            entities(g, n)
        ),
    };
    match registered(tally, session) {
        Registered::Nobody => "No participants registered".to_string(),
        Registered::ByEntities { people, bodies } => {
            let bodies: Vec<String> = bodies.iter().map(|(g, n)| entities(g, *n)).collect();
            format!("{} registered", representatives_of(people, &bodies))
        }
        Registered::OneGroup(g, p) => format!("{} registered", part(g, p)),
        Registered::Unsorted { people: 1 } => "1 person, not yet in a group, registered".into(),
        Registered::Unsorted { people } => {
            format!("{people} people, none of them in a group yet, registered")
        }
        Registered::ByGroup {
            people,
            parts,
            unsorted,
        } => {
            let mut said: Vec<String> = parts.into_iter().map(|(g, p)| part(g, p)).collect();
            if unsorted > 0 {
                said.push(format!("{unsorted} not yet in a group"));
            }
            format!(
                "{} ({}) registered",
                count(people, "person", "people"),
                join(&said)
            )
        }
    }
}

/// How one group's registered people are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// Its people, the group having no nouns: "5 participants from the government".
    People(usize),
    /// Its entities, one person each or people speaking for themselves: "2 businesses".
    Entities(usize),
    /// People for their entities: "3 representatives of 2 community organizations".
    Representatives { people: usize, entities: usize },
}

/// Who registered, counted as [`participation`] says it, in any language.
#[derive(Debug, Clone)]
pub(super) enum Registered<'a> {
    /// Nobody is on the roster.
    Nobody,
    /// Every group present counted by the entities its people represent.
    ByEntities {
        people: usize,
        bodies: Vec<(&'a Group, usize)>,
    },
    /// One group alone holds everyone.
    OneGroup(&'a Group, Part),
    /// Nobody is in a group yet.
    Unsorted { people: usize },
    /// People counted group by group, with those not yet in one.
    ByGroup {
        people: usize,
        parts: Vec<(&'a Group, Part)>,
        unsorted: usize,
    },
}

/// How `session`'s roster is counted: see [`participation`].
pub(super) fn registered<'a>(tally: &'a Tally, session: &'a Session) -> Registered<'a> {
    let people = tally.totals.registered_people;
    if people == 0 {
        return Registered::Nobody;
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
        let bodies = present
            .iter()
            .map(|(g, row)| (*g, row.registered_entities))
            .collect();
        return Registered::ByEntities { people, bodies };
    }
    let part = |g: &Group, row: &VoiceBalance| {
        let (n, entities) = (row.registered_people, row.registered_entities);
        if !g.has_nouns() {
            Part::People(n)
        } else if for_themselves(g) || n == entities {
            Part::Entities(entities)
        } else {
            Part::Representatives {
                people: n,
                entities,
            }
        }
    };
    match (present.as_slice(), unsorted) {
        ([(g, row)], 0) => Registered::OneGroup(g, part(g, row)),
        ([], _) => Registered::Unsorted { people },
        _ => Registered::ByGroup {
            people,
            parts: present.iter().map(|(g, row)| (*g, part(g, row))).collect(),
            unsorted,
        },
    }
}

/// "Altogether, there were 21 separate interventions and inputs: 15 on the
/// floor and 6 in the chat."
pub fn interventions_sentence(tally: &Tally) -> String {
    let t = &tally.totals;
    interventions_and_inputs(t.interventions, t.floor, t.chat, "")
}

/// The interventions sentence of one session (`place` empty) or of several ("across
/// the 40 sessions"): one wording for the report and the conference's synthesis.
pub fn interventions_and_inputs(
    interventions: usize,
    floor: usize,
    chat: usize,
    place: &str,
) -> String {
    let place = if place.is_empty() {
        String::new()
    } else {
        format!(" {place}")
    };
    match interventions {
        0 => format!("There were no interventions{place}."),
        1 => format!(
            "Altogether, there was a single intervention{place}, {}.",
            if chat == 1 {
                "in the chat"
            } else {
                "on the floor"
            }
        ),
        n => {
            let split = match (floor, chat) {
                (_, 0) => "all on the floor".to_string(),
                (0, _) => "all in the chat".to_string(),
                (floor, chat) => format!("{floor} on the floor and {chat} in the chat"),
            };
            format!("Altogether, there were {n} separate interventions and inputs{place}: {split}.")
        }
    }
}

/// "29 representatives of 13 States, 5 civil society organizations and 2 businesses":
/// people counted by the bodies they represent, for a session and for a conference.
pub fn representatives_of(people: usize, bodies: &[String]) -> String {
    let who = count(people, "representative", "representatives");
    if bodies.is_empty() {
        who
    } else {
        format!("{who} of {}", join(bodies))
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
        Some(g) if !g.has_nouns() => format!("one participant from {}", group_with_article(g)),
        Some(g) if entities == 1 => format!("the one {} that spoke{scope}", g.singular),
        Some(g) => format!(
            "one of the {} {} that spoke{scope}",
            number_word(entities),
            g.plural
        ),
        None => "one participant".to_string(),
    }
}

/// The opening sentence: "In all, … registered to participate in the two-hour on-line
/// breakout session on 2 June 2020.", or "No participants registered for the meeting."
pub fn opening(participation: &str, registered: bool, format: &str, date: &str) -> String {
    let format = if format.is_empty() { "meeting" } else { format };
    let day = if date.is_empty() {
        String::new()
    } else {
        format!(" on {date}")
    };
    if registered {
        format!("In all, {participation} to participate in the {format}{day}.")
    } else {
        format!("{participation} for the {format}{day}.")
    }
}

/// "This summary covers the theme “…”, with three focus areas:", split around the theme
/// so that a template may set it apart: the words before it, and after it.
pub fn theme_sentence(areas: usize) -> (String, String) {
    let after = if areas == 0 {
        "”.".to_string()
    } else {
        format!(
            "”, with {}:",
            super::words::count_words(areas, "focus area", "focus areas")
        )
    };
    ("This summary covers the theme “".to_string(), after)
}

/// "What follows is a summary of key points of participant input, with particular
/// emphasis on convergence across the four groups (…)."
pub fn summary_sentence(counting_groups: usize, counting_label: &str) -> String {
    let across = if counting_groups > 1 {
        let list = if counting_label.is_empty() {
            String::new()
        } else {
            format!(" ({counting_label})")
        };
        format!(" across the {} groups{list}", number_word(counting_groups))
    } else {
        String::new()
    };
    format!(
        "What follows is a summary of key points of participant input, with particular \
         emphasis on convergence{across}."
    )
}
