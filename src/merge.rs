//! Merging two rapporteurs' sessions of the same meeting into one.
//!
//! Session A is the base: everything in it keeps its id and place. From B,
//! groups, priorities and participants are matched to A's (by id or name) or
//! added; each of B's interventions is folded into A's intervention by the same
//! speaker on the same channel within [`WINDOW`] seconds, or added at its time;
//! each of B's notes is dropped as a duplicate when A holds a note by the same
//! speaker, on the same channel, with the same text (ignoring case and spacing)
//! within the window, and added otherwise. A duplicate's tags and emphasis are
//! joined to A's note. Whatever differs and cannot be joined (a title, a name, a
//! note's kind, floor turns that overlap) is kept as A has it and reported.
//!
//! The merge is pure and deterministic, and merging a merged session with
//! either of its inputs again changes nothing.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::clock::Clock;
use crate::model::{
    Channel, Group, Intervention, Note, Participant, Priority, Serial, Session, Slug,
};

/// How far apart, in seconds, two records of the same intervention or note may be.
pub const WINDOW: u32 = 120;

/// Something the two sessions disagree on, kept as A has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Where: `participant amina`, `note 40 (10:15:03)`, `meta title`…
    pub place: String,
    /// What differs and what was kept.
    pub message: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// What a merge did, for the user to check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// B's participants found on A's roster.
    pub participants_matched: usize,
    /// Ids of B's participants added to the roster.
    pub participants_added: Vec<Slug>,
    /// Ids of B's groups added.
    pub groups_added: Vec<Slug>,
    /// Ids of B's priorities added.
    pub priorities_added: Vec<Slug>,
    /// Interventions in A.
    pub interventions_a: usize,
    /// Interventions in B.
    pub interventions_b: usize,
    /// B's interventions folded into one of A's, or whose notes A held already.
    pub interventions_folded: usize,
    /// B's interventions added.
    pub interventions_added: usize,
    /// Notes in A.
    pub notes_a: usize,
    /// Notes in B.
    pub notes_b: usize,
    /// B's notes that A held already.
    pub notes_duplicate: usize,
    /// B's notes added.
    pub notes_added: usize,
    /// Everything the two sessions disagree on.
    pub conflicts: Vec<Conflict>,
}

/// The merged session and what the merge did.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// A with B merged in.
    pub session: Session,
    /// Counts and conflicts.
    pub report: MergeReport,
}

/// Text as compared between rapporteurs: lower case, runs of whitespace as one space.
fn text_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn conflict(report: &mut MergeReport, place: impl Into<String>, message: impl Into<String>) {
    report.conflicts.push(Conflict {
        place: place.into(),
        message: message.into(),
    });
}

/// Merges session `b` into session `a`.
pub fn merge(a: &Session, b: &Session) -> Merged {
    let mut m = a.clone();
    let mut report = MergeReport {
        interventions_a: a.interventions.len(),
        interventions_b: b.interventions.len(),
        notes_a: a.note_count(),
        notes_b: b.note_count(),
        ..MergeReport::default()
    };
    merge_meta(&mut m, b, &mut report);
    let groups = merge_groups(&mut m, b, &mut report);
    let priorities = merge_priorities(&mut m, b, &mut report);
    let people = merge_participants(&mut m, a, b, &groups, &mut report);
    merge_attendance(&mut m, b, &people, &mut report);
    for fingerprint in &b.chat_imported {
        if !m.chat_imported.contains(fingerprint) {
            m.chat_imported.push(fingerprint.clone());
        }
    }
    let overlaps_before: HashSet<(Serial, Serial)> = floor_overlaps(a).into_iter().collect();
    merge_interventions(&mut m, a, b, &people, &priorities, &mut report);
    m.interventions.sort_by_key(|i| i.start);
    end_floor_turns(&mut m);
    for (first, second) in floor_overlaps(&m) {
        if !overlaps_before.contains(&(first, second)) {
            let turn = |id: Serial| {
                let i = &m.interventions[m.intervention_index(id).expect("listed above")];
                let end = i.end.map_or(String::new(), |e| format!("–{e}"));
                format!("{} ({}{end})", i.participant, i.start)
            };
            conflict(
                &mut report,
                format!("intervention {first}"),
                format!(
                    "floor turns overlap: {} has notes after intervention {second}, {}, starts",
                    turn(first),
                    turn(second)
                ),
            );
        }
    }
    Merged { session: m, report }
}

fn merge_meta(m: &mut Session, b: &Session, report: &mut MergeReport) {
    let fields = [
        ("title", &mut m.meta.title, &b.meta.title),
        ("theme", &mut m.meta.theme, &b.meta.theme),
        ("date", &mut m.meta.date, &b.meta.date),
        ("format", &mut m.meta.format, &b.meta.format),
    ];
    let mut differing = Vec::new();
    for (name, ours, theirs) in fields {
        if ours.is_empty() {
            ours.clone_from(theirs);
        } else if !theirs.is_empty() && ours != theirs {
            differing.push((name, ours.clone(), theirs.clone()));
        }
    }
    for (name, ours, theirs) in differing {
        conflict(
            report,
            format!("meta {name}"),
            format!("A has {ours:?}, B has {theirs:?}; kept A's"),
        );
    }
    let times = [
        ("opening time", &mut m.meta.opens, b.meta.opens),
        ("closing time", &mut m.meta.closes, b.meta.closes),
    ];
    let mut differing_times = Vec::new();
    for (name, ours, theirs) in times {
        match (*ours, theirs) {
            (None, _) => *ours = theirs,
            (Some(x), Some(y)) if x != y => differing_times.push((name, x, y)),
            _ => {}
        }
    }
    for (name, ours, theirs) in differing_times {
        conflict(
            report,
            format!("meta {name}"),
            format!("A has {ours}, B has {theirs}; kept A's"),
        );
    }
    for (ours, theirs) in [
        (&mut m.meta.languages, &b.meta.languages),
        (&mut m.meta.focus_areas, &b.meta.focus_areas),
    ] {
        for item in theirs {
            if !ours.contains(item) {
                ours.push(item.clone());
            }
        }
    }
}

/// Maps B's group ids to the merged session's.
fn merge_groups(m: &mut Session, b: &Session, report: &mut MergeReport) -> HashMap<Slug, Slug> {
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
fn merge_priorities(m: &mut Session, b: &Session, report: &mut MergeReport) -> HashMap<Slug, Slug> {
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
    map
}

/// Maps B's participant ids to the merged session's.
fn merge_participants(
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
        let by_id = a.participants.iter().find(|ours| ours.id == p.id);
        let same_name: Vec<&Participant> = a
            .participants
            .iter()
            .filter(|ours| text_key(&ours.name) == text_key(&p.name))
            .collect();
        let found = match (by_id, same_name.as_slice()) {
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
        };
        let Some(ours) = found else {
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
            map.insert(p.id.clone(), id);
            continue;
        };
        report.participants_matched += 1;
        let id = ours.id.clone();
        let place = format!("participant {id}");
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
        if ours.group != group {
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
            .find(|x| x.id == id)
            .expect("A's participants are in the merged session");
        if merged.affiliation.is_empty() {
            merged.affiliation.clone_from(&p.affiliation);
        } else if !p.affiliation.is_empty()
            && text_key(&merged.affiliation) != text_key(&p.affiliation)
        {
            conflict(
                report,
                place.clone(),
                format!(
                    "A's affiliation is {:?}, B's is {:?}; kept A's",
                    merged.affiliation, p.affiliation
                ),
            );
        }
        if merged.role.is_none() {
            merged.role.clone_from(&p.role);
        }
        map.insert(p.id.clone(), id);
    }
    // An intervention by someone missing from B's roster keeps its speaker's id.
    for i in &b.interventions {
        map.entry(i.participant.clone())
            .or_insert_with(|| i.participant.clone());
    }
    map
}

fn merge_attendance(
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

/// One of B's notes, placed: which intervention and note of B, its key and time.
struct Theirs {
    intervention: usize,
    note: usize,
    key: (Slug, Channel, String),
    time: Clock,
}

fn merge_interventions(
    m: &mut Session,
    a: &Session,
    b: &Session,
    people: &HashMap<Slug, Slug>,
    priorities: &HashMap<Slug, Slug>,
    report: &mut MergeReport,
) {
    let speaker = |id: &Slug| people.get(id).cloned().unwrap_or_else(|| id.clone());
    let tags_of = |note: &Note| {
        let mut tags: Vec<Slug> = Vec::new();
        for tag in &note.tags {
            let id = priorities.get(tag).cloned().unwrap_or_else(|| tag.clone());
            if !tags.contains(&id) {
                tags.push(id);
            }
        }
        tags
    };

    // A's notes by speaker, channel and text, each with its time, earliest first.
    type Slot = (Clock, Serial, bool);
    let mut pool: HashMap<(Slug, Channel, String), Vec<Slot>> = HashMap::new();
    for i in &a.interventions {
        for n in &i.notes {
            pool.entry((i.participant.clone(), i.channel, text_key(&n.text)))
                .or_default()
                .push((n.time, n.id, false));
        }
    }
    for notes in pool.values_mut() {
        notes.sort_by_key(|&(time, id, _)| (time, id));
    }
    let mut theirs: Vec<Theirs> = Vec::new();
    for (ii, i) in b.interventions.iter().enumerate() {
        for (ni, n) in i.notes.iter().enumerate() {
            theirs.push(Theirs {
                intervention: ii,
                note: ni,
                key: (speaker(&i.participant), i.channel, text_key(&n.text)),
                time: n.time,
            });
        }
    }
    // Pairs of (B note position, A note id): same time first, then the earliest
    // A note within the window, B's notes taken in time order; on a line this
    // pairs as many notes as any pairing could, so a second merge finds them all.
    let mut duplicate_of: HashMap<(usize, usize), Serial> = HashMap::new();
    for t in &theirs {
        if let Some(slot) = pool.get_mut(&t.key).and_then(|ours| {
            ours.iter_mut()
                .find(|(time, _, used)| !used && *time == t.time)
        }) {
            slot.2 = true;
            duplicate_of.insert((t.intervention, t.note), slot.1);
        }
    }
    let mut by_time: Vec<&Theirs> = theirs
        .iter()
        .filter(|t| !duplicate_of.contains_key(&(t.intervention, t.note)))
        .collect();
    by_time.sort_by_key(|t| t.time);
    for t in by_time {
        let earliest = Clock(t.time.seconds().saturating_sub(WINDOW));
        let latest = Clock(t.time.seconds() + WINDOW);
        if let Some(slot) = pool.get_mut(&t.key).and_then(|ours| {
            ours.iter_mut()
                .find(|(time, _, used)| !used && *time >= earliest && *time <= latest)
        }) {
            slot.2 = true;
            duplicate_of.insert((t.intervention, t.note), slot.1);
        }
    }

    // Duplicates join their tags and emphasis to A's note.
    let mut pairs: Vec<((usize, usize), Serial)> =
        duplicate_of.iter().map(|(&k, &v)| (k, v)).collect();
    pairs.sort_unstable();
    for ((ii, ni), ours) in pairs {
        let note = &b.interventions[ii].notes[ni];
        let (i, n) = m
            .note_position(ours)
            .expect("A's notes are in the merged session");
        let target = &mut m.interventions[i].notes[n];
        let place = format!("note {} ({})", target.id, target.time);
        let theirs = tags_of(note);
        let extra: Vec<&Slug> = theirs.iter().filter(|t| !target.tags.contains(t)).collect();
        if !extra.is_empty() {
            conflict(
                report,
                place.clone(),
                format!(
                    "B tags it also {}; kept A's tags and B's",
                    extra
                        .iter()
                        .map(|t| format!("#{t}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            );
        }
        for tag in theirs {
            if !target.tags.contains(&tag) {
                target.tags.push(tag);
            }
        }
        if note.emphasis && !target.emphasis {
            target.emphasis = true;
            conflict(
                report,
                place.clone(),
                "B marks it strongly voiced, A does not; marked strongly voiced",
            );
        }
        if target.kind != note.kind {
            let kind = |k: crate::model::NoteKind| match k {
                crate::model::NoteKind::Point => "a point",
                crate::model::NoteKind::Quote => "a verbatim quote",
            };
            conflict(
                report,
                place,
                format!(
                    "A has it as {}, B as {}; kept A's",
                    kind(target.kind),
                    kind(note.kind)
                ),
            );
        }
    }
    report.notes_duplicate = duplicate_of.len();

    let span = |i: &Intervention| {
        let last = i.notes.iter().map(|n| n.time).fold(i.start, Clock::max);
        (i.start, last)
    };
    let overlaps = |(lo, hi): (Clock, Clock), (x_lo, x_hi): (Clock, Clock)| {
        lo.seconds() <= x_hi.seconds() + WINDOW && x_lo.seconds() <= hi.seconds() + WINDOW
    };
    let fresh: Vec<Vec<&Note>> = b
        .interventions
        .iter()
        .enumerate()
        .map(|(ii, i)| {
            i.notes
                .iter()
                .enumerate()
                .filter(|(ni, _)| !duplicate_of.contains_key(&(ii, *ni)))
                .map(|(_, n)| n)
                .collect()
        })
        .collect();
    // Each of B's interventions goes into A's nearest by the same speaker whose span,
    // widened by the window, overlaps its own.
    let mut into: Vec<Option<usize>> = b
        .interventions
        .iter()
        .map(|i| {
            let who = speaker(&i.participant);
            a.interventions
                .iter()
                .enumerate()
                .filter(|(_, x)| x.participant == who && x.channel == i.channel)
                .filter(|(_, x)| overlaps(span(i), span(x)))
                .min_by_key(|(_, x)| x.start.seconds().abs_diff(i.start.seconds()))
                .map(|(at, _)| at)
        })
        .collect();
    // Notes folded in move a turn's start; an intervention the moved turn no longer
    // overlaps stays apart, so that merging the result again finds the same turns.
    loop {
        let mut widened: HashMap<usize, (Clock, Option<Clock>)> = HashMap::new();
        for (ii, target) in into.iter().enumerate() {
            let Some(x) = *target else { continue };
            let (lo, last) = widened.entry(x).or_insert_with(|| {
                let x = &a.interventions[x];
                (x.start, x.notes.iter().map(|n| n.time).max())
            });
            for n in &fresh[ii] {
                *lo = (*lo).min(n.time);
                *last = Some(last.map_or(n.time, |l| l.max(n.time)));
            }
        }
        let mut changed = false;
        for (ii, target) in into.iter_mut().enumerate() {
            let Some(x) = *target else { continue };
            let (lo, last) = widened[&x];
            if !overlaps(
                span(&b.interventions[ii]),
                (lo, last.map_or(lo, |l| l.max(lo))),
            ) {
                *target = None;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (ii, i) in b.interventions.iter().enumerate() {
        let who = speaker(&i.participant);
        let fresh = &fresh[ii];
        let into = into[ii].map(|at| a.interventions[at].id);
        if into.is_some() || (fresh.is_empty() && !i.notes.is_empty()) {
            report.interventions_folded += 1;
        }
        let target = match into {
            Some(id) => id,
            None if fresh.is_empty() && !i.notes.is_empty() => continue,
            None => {
                let id = m.take_serial();
                m.interventions.push(Intervention {
                    id,
                    participant: who.clone(),
                    channel: i.channel,
                    start: i.start,
                    end: i.end,
                    notes: Vec::new(),
                });
                report.interventions_added += 1;
                id
            }
        };
        for &note in fresh {
            let id = m.take_serial();
            let at = m
                .intervention_index(target)
                .expect("the target is in the merged session");
            let x = &mut m.interventions[at];
            // The turn stretches to hold a note B saw a little before or after A did.
            x.start = x.start.min(note.time);
            if let Some(end) = x.end
                && note.time > end
            {
                x.end = Some(note.time);
            }
            let position = x.notes.partition_point(|n| n.time <= note.time);
            x.notes.insert(
                position,
                Note {
                    id,
                    tags: tags_of(note),
                    ..note.clone()
                },
            );
            report.notes_added += 1;
        }
    }
}

/// A floor turn ends when the next floor turn starts, as on the screen: one left
/// open, or running past a turn the other rapporteur saw, ends there (never
/// before its own last note).
fn end_floor_turns(m: &mut Session) {
    let floor: Vec<usize> = (0..m.interventions.len())
        .filter(|&i| m.interventions[i].channel == Channel::Floor)
        .collect();
    for pair in floor.windows(2) {
        let next_start = m.interventions[pair[1]].start;
        let turn = &mut m.interventions[pair[0]];
        if turn.end.is_none_or(|end| end > next_start) {
            let last = turn
                .notes
                .iter()
                .map(|n| n.time)
                .fold(turn.start, Clock::max);
            turn.end = Some(next_start.max(last));
        }
    }
}

/// Pairs of consecutive floor turns (by start) where the first ends after the second
/// starts, in meeting order.
fn floor_overlaps(s: &Session) -> Vec<(Serial, Serial)> {
    let mut floor: Vec<&Intervention> = s
        .interventions
        .iter()
        .filter(|i| i.channel == Channel::Floor)
        .collect();
    floor.sort_by_key(|i| i.start);
    floor
        .windows(2)
        .filter(|w| w[0].end.is_some_and(|end| end > w[1].start))
        .map(|w| (w[0].id, w[1].id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NoteKind;

    fn session() -> Session {
        let mut s = crate::templates::built_in("gfmd").unwrap();
        for (id, name, group) in [
            ("amina", "Amina Diallo", "states"),
            ("omar", "Omar Haddad", "mayors"),
        ] {
            s.participants.push(Participant {
                id: id.into(),
                name: name.into(),
                affiliation: String::new(),
                group: group.into(),
                role: None,
            });
        }
        s
    }

    fn turn(s: &mut Session, who: &str, channel: Channel, at: u32, notes: &[(&str, &[&str])]) {
        let id = s.take_serial();
        let start = crate::edit::Edit::StartIntervention {
            id,
            participant: who.into(),
            channel,
            start: Clock(at),
        };
        s.apply(start).unwrap();
        for (text, tags) in notes {
            let note = Note {
                id: s.take_serial(),
                text: text.to_string(),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                kind: NoteKind::Point,
                emphasis: false,
                time: Clock(at),
            };
            s.apply(crate::edit::Edit::InsertNote {
                intervention: id,
                index: None,
                note,
            })
            .unwrap();
        }
    }

    #[test]
    fn floor_and_chat_come_together() {
        let mut a = session();
        turn(
            &mut a,
            "amina",
            Channel::Floor,
            36_000,
            &[("fix recruitment", &["recruitment"])],
        );
        turn(
            &mut a,
            "omar",
            Channel::Floor,
            36_600,
            &[("cities first", &[])],
        );
        let mut b = session();
        turn(
            &mut b,
            "omar",
            Channel::Chat,
            36_300,
            &[("see the ILO", &["data"])],
        );
        turn(
            &mut b,
            "omar",
            Channel::Floor,
            36_630,
            &[("Cities  first", &["local-partners"]), ("and data", &[])],
        );
        let merged = merge(&a, &b);
        let s = &merged.session;
        assert_eq!(s.interventions.len(), 3);
        assert_eq!(s.interventions[1].channel, Channel::Chat);
        assert_eq!(s.interventions[0].end, Some(Clock(36_600)));
        let omar = &s.interventions[2];
        assert_eq!(omar.notes.len(), 2);
        assert_eq!(omar.notes[0].tags, vec!["local-partners".to_string()]);
        assert_eq!(merged.report.notes_duplicate, 1);
        assert_eq!(merged.report.interventions_folded, 1);
        assert!(
            crate::check::validate(s).is_empty(),
            "{:?}",
            crate::check::validate(s)
        );
        assert_eq!(merge(s, &b).session, *s);
        assert_eq!(merge(s, &a).session, *s);
        assert_eq!(merge(&a, &a).session, a);
    }
}
