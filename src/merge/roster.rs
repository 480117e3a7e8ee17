//! Merging the rosters: groups, priorities and participants of B matched to A's
//! (by id, or by name compared without case and spacing) or added.

use std::collections::HashMap;

use super::report::{MergeReport, conflict};
use crate::model::{Group, Note, Participant, Priority, Session, Slug};
use crate::names::text_key;

/// How B's ids read in the merged session: each of B's participants and priorities
/// matched to A's or added.
#[derive(Debug, Clone, Default)]
pub(super) struct Ids {
    /// B's participant ids to the merged session's.
    pub(super) people: HashMap<Slug, Slug>,
    /// B's priority ids to the merged session's.
    pub(super) priorities: HashMap<Slug, Slug>,
}

impl Ids {
    /// The merged session's id of B's speaker `id`.
    pub(super) fn speaker(&self, id: &Slug) -> Slug {
        self.people.get(id).cloned().unwrap_or_else(|| id.clone())
    }

    /// The merged session's ids of the tags of B's `note`, each once.
    pub(super) fn tags_of(&self, note: &Note) -> Vec<Slug> {
        let mut tags: Vec<Slug> = Vec::new();
        for tag in &note.tags {
            let id = self
                .priorities
                .get(tag)
                .cloned()
                .unwrap_or_else(|| tag.clone());
            if !tags.contains(&id) {
                tags.push(id);
            }
        }
        tags
    }
}

/// Maps B's group ids to the merged session's.
pub(super) fn merge_groups(
    m: &mut Session,
    b: &Session,
    report: &mut MergeReport,
) -> HashMap<Slug, Slug> {
    let mut map = HashMap::new();
    let base: Vec<Group> = m.groups.clone();
    for g in &b.groups {
        let found = base.iter().find(|ours| ours.id == g.id).or_else(|| {
            base.iter()
                .find(|ours| text_key(&ours.name) == text_key(&g.name))
        });
        match found {
            Some(ours) => {
                if (
                    &ours.name,
                    &ours.singular,
                    &ours.plural,
                    ours.counts_for_convergence,
                ) != (&g.name, &g.singular, &g.plural, g.counts_for_convergence)
                {
                    conflict(
                        report,
                        format!("group {}", ours.id),
                        format!(
                            "A and B describe it differently (B: {:?}, {:?}/{:?}, counts toward convergence: {}); kept A's",
                            g.name, g.singular, g.plural, g.counts_for_convergence
                        ),
                    );
                }
                map.insert(g.id.clone(), ours.id.clone());
            }
            None => {
                m.groups.push(g.clone());
                report.groups_added.push(g.id.clone());
                map.insert(g.id.clone(), g.id.clone());
            }
        }
    }
    map
}

/// Maps B's priority ids to the merged session's.
pub(super) fn merge_priorities(
    m: &mut Session,
    b: &Session,
    report: &mut MergeReport,
) -> HashMap<Slug, Slug> {
    let mut map = HashMap::new();
    let base: Vec<Priority> = m.priorities.clone();
    for p in &b.priorities {
        let found = base.iter().position(|ours| ours.id == p.id).or_else(|| {
            base.iter()
                .position(|ours| text_key(&ours.title) == text_key(&p.title))
        });
        match found {
            Some(at) => {
                let ours = &mut m.priorities[at];
                if ours.title != p.title {
                    conflict(
                        report,
                        format!("priority {}", ours.id),
                        format!(
                            "A's title is {:?}, B's is {:?}; kept A's",
                            ours.title, p.title
                        ),
                    );
                }
                if ours.description.is_none() {
                    ours.description.clone_from(&p.description);
                }
                map.insert(p.id.clone(), ours.id.clone());
            }
            None => {
                let id = if m.priority(&p.id).is_some() {
                    m.fresh_priority_id(&p.title)
                } else {
                    p.id.clone()
                };
                m.priorities.push(Priority {
                    id: id.clone(),
                    ..p.clone()
                });
                report.priorities_added.push(id.clone());
                map.insert(p.id.clone(), id);
            }
        }
    }
    undefined_tags(m, b, &mut map, report);
    map
}

/// Adds a priority for each tag B uses without defining it, titled with its id.
fn undefined_tags(
    m: &mut Session,
    b: &Session,
    map: &mut HashMap<Slug, Slug>,
    report: &mut MergeReport,
) {
    // A tag B uses without a priority for it still reaches the merged session.
    for tag in b
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .flat_map(|n| &n.tags)
    {
        if !map.contains_key(tag) {
            if m.priority(tag).is_none() {
                m.priorities.push(Priority {
                    id: tag.clone(),
                    title: tag.clone(),
                    description: None,
                });
                report.priorities_added.push(tag.clone());
                conflict(
                    report,
                    format!("priority {tag}"),
                    "B tags notes with it but does not define it; added with its id as title",
                );
            }
            map.insert(tag.clone(), tag.clone());
        }
    }
}

/// Maps B's participant ids to the merged session's.
pub(super) fn merge_participants(
    m: &mut Session,
    a: &Session,
    b: &Session,
    groups: &HashMap<Slug, Slug>,
    report: &mut MergeReport,
) -> HashMap<Slug, Slug> {
    let mut map = HashMap::new();
    for p in &b.participants {
        let group = groups
            .get(&p.group)
            .cloned()
            .unwrap_or_else(|| p.group.clone());
        let id = match match_participant(a, p, report) {
            Some(ours) => {
                report.participants_matched += 1;
                join_participant(m, ours, p, &group, report);
                ours.id.clone()
            }
            None => add_participant(m, p, group, report),
        };
        map.insert(p.id.clone(), id);
    }
    // An intervention by someone missing from B's roster keeps its speaker's id.
    for i in &b.interventions {
        map.entry(i.participant.clone())
            .or_insert_with(|| i.participant.clone());
    }
    map
}

/// A's participant that B's `p` is: the same id and name, else the one person of
/// that name, else the same id; among namesakes, the one of the same affiliation.
fn match_participant<'a>(
    a: &'a Session,
    p: &Participant,
    report: &mut MergeReport,
) -> Option<&'a Participant> {
    let by_id = a.participants.iter().find(|ours| ours.id == p.id);
    let same_name: Vec<&Participant> = a
        .participants
        .iter()
        .filter(|ours| text_key(&ours.name) == text_key(&p.name))
        .collect();
    match (by_id, same_name.as_slice()) {
        (Some(ours), _) if text_key(&ours.name) == text_key(&p.name) => Some(ours),
        (_, [one]) => Some(*one),
        (_, []) => by_id,
        (_, several) => {
            let pick = several
                .iter()
                .find(|ours| text_key(&ours.affiliation) == text_key(&p.affiliation))
                .unwrap_or(&several[0]);
            conflict(
                report,
                format!("participant {}", p.id),
                format!(
                    "B's {:?} has the name of several people in A ({}); matched to {}",
                    p.name,
                    several
                        .iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    pick.id
                ),
            );
            Some(*pick)
        }
    }
}

/// Adds B's `p` to the merged roster, under a fresh id if A uses B's; returns the id.
fn add_participant(
    m: &mut Session,
    p: &Participant,
    group: Slug,
    report: &mut MergeReport,
) -> Slug {
    let id = if m.participant(&p.id).is_some() {
        m.fresh_participant_id(&p.name)
    } else {
        p.id.clone()
    };
    m.participants.push(Participant {
        id: id.clone(),
        group,
        ..p.clone()
    });
    report.participants_added.push(id.clone());
    id
}

/// Joins what B knows of A's participant `ours` (B's `p`, in `group`): an affiliation
/// or role A lacks is taken, a different name, group or affiliation is a conflict.
fn join_participant(
    m: &mut Session,
    ours: &Participant,
    p: &Participant,
    group: &Slug,
    report: &mut MergeReport,
) {
    let place = format!("participant {}", ours.id);
    if text_key(&ours.name) != text_key(&p.name) {
        conflict(
            report,
            place.clone(),
            format!(
                "same id, but A's name is {:?} and B's is {:?}; kept A's",
                ours.name, p.name
            ),
        );
    }
    if ours.group != *group {
        conflict(
            report,
            place.clone(),
            format!(
                "A puts them in group {}, B in {}; kept A's",
                ours.group, group
            ),
        );
    }
    let merged = m
        .participants
        .iter_mut()
        .find(|x| x.id == ours.id)
        .expect("A's participants are in the merged session");
    if merged.affiliation.is_empty() {
        merged.affiliation.clone_from(&p.affiliation);
    } else if !p.affiliation.is_empty() && text_key(&merged.affiliation) != text_key(&p.affiliation)
    {
        conflict(
            report,
            place,
            format!(
                "A's affiliation is {:?}, B's is {:?}; kept A's",
                merged.affiliation, p.affiliation
            ),
        );
    }
    if merged.role.is_none() {
        merged.role.clone_from(&p.role);
    }
}

/// Takes B's attendance where A records none; a disagreement is a conflict.
pub(super) fn merge_attendance(
    m: &mut Session,
    b: &Session,
    people: &HashMap<Slug, Slug>,
    report: &mut MergeReport,
) {
    for p in &b.participants {
        let (Some(theirs), Some(id)) = (b.attendance(&p.id), people.get(&p.id)) else {
            continue;
        };
        match m.attendance(id) {
            None => m.set_attendance(id, theirs),
            Some(ours) if ours != theirs => {
                let said = |attended: bool| {
                    if attended {
                        "attended"
                    } else {
                        "did not attend"
                    }
                };
                conflict(
                    report,
                    format!("participant {id}"),
                    format!(
                        "A says they {}, B that they {}; kept A's",
                        said(ours),
                        said(theirs)
                    ),
                )
            }
            Some(_) => {}
        }
    }
}
