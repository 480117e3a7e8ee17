//! Counting a conference: each session's tally folded in, and the people, groups,
//! entities and priorities of all sessions matched so that each is counted once.

use std::collections::{HashMap, HashSet};

use super::{
    PriorityGroupRollUp, PriorityRollUp, PrioritySession, Quote, RollUp, RollUpLabel, RollUpTotals,
    SessionLine, TopPriority,
};
use crate::model::{Group, NoteKind, Session, Slug};
use crate::names::name_key;
use crate::tally::{Label, PriorityTally, Tally, Totals, VoiceBalance};

/// Someone on the roster of one session or more.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// Name as the first session has it.
    pub(crate) name: String,
    /// Affiliation as the first session has it.
    pub(crate) affiliation: String,
}

/// Running counts for one priority across sessions.
#[derive(Debug, Clone, Default)]
struct PriorityCounts {
    id: Slug,
    title: String,
    description: Option<String>,
    /// Sessions whose list of priorities has it.
    defined_in: Vec<usize>,
    sessions: Vec<PrioritySession>,
    interventions: usize,
    floor: usize,
    chat: usize,
    notes: usize,
    quotes: usize,
    emphasis: usize,
    all_groups_sessions: usize,
    speakers: HashSet<usize>,
    entities: HashSet<usize>,
    /// Per conference group: interventions, speakers, entities.
    by_group: HashMap<usize, (usize, HashSet<usize>, HashSet<usize>)>,
    quote_list: Vec<Quote>,
}

/// A set of people or entities by index: they are numbered densely as met.
#[derive(Debug, Clone, Default)]
struct Seen {
    member: Vec<bool>,
    count: usize,
}

impl Seen {
    fn insert(&mut self, i: usize) {
        if self.member.len() <= i {
            self.member.resize(i + 1, false);
        }
        if !std::mem::replace(&mut self.member[i], true) {
            self.count += 1;
        }
    }

    fn len(&self) -> usize {
        self.count
    }
}

/// Running counts for one group across sessions.
#[derive(Debug, Clone, Default)]
struct GroupCounts {
    registered: Seen,
    registered_entities: Seen,
    speakers: Seen,
    entities_spoke: Seen,
    floor: usize,
    chat: usize,
}

/// What counting a session needs that does not depend on the other sessions: its
/// tally and the folded keys of its names. Made apart (on another thread, say) and
/// handed to [`Conference::add_prepared`], which matches it with the rest in order.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The session's own totals, rows per priority and per group: what its tally says,
    /// without the counters that keep a tally live.
    totals: Totals,
    rows: Vec<PriorityTally>,
    voices: Vec<VoiceBalance>,
    top: Option<TopPriority>,
    /// Folded title of each priority.
    priorities: Vec<String>,
    /// Folded name of each group.
    groups: Vec<String>,
}

impl Prepared {
    /// The tally and name keys of `session`.
    pub fn of(session: &Session) -> Prepared {
        let tally = Tally::compute(session);
        let top = tally
            .ranked()
            .next()
            .filter(|p| p.interventions > 0)
            .map(|p| TopPriority {
                id: p.id.clone(),
                title: p.title.clone(),
                interventions: p.interventions,
            });
        Prepared {
            totals: tally.totals,
            rows: tally.priorities,
            voices: tally.groups,
            top,
            priorities: session
                .priorities
                .iter()
                .map(|p| name_key(&p.title))
                .collect(),
            groups: session.groups.iter().map(|g| name_key(&g.name)).collect(),
        }
    }
}

/// A conference being counted, one session at a time, in the order given.
#[derive(Debug, Default)]
pub struct Conference {
    groups: Vec<Group>,
    group_index: HashMap<String, usize>,
    group_counts: Vec<GroupCounts>,
    people: Vec<Person>,
    person_by_id: HashMap<Slug, usize>,
    person_by_name: HashMap<(String, String), usize>,
    /// Entities across sessions: per group, each folded affiliation; and each person
    /// with none, who is an entity of their own.
    entities: HashMap<Option<usize>, HashMap<String, usize>>,
    /// The same, by affiliation as written, so each spelling is folded once.
    entities_as_written: HashMap<Option<usize>, HashMap<String, usize>>,
    own_entities: HashMap<usize, usize>,
    entity_count: usize,
    priorities: Vec<PriorityCounts>,
    priority_by_id: HashMap<Slug, usize>,
    priority_by_title: HashMap<String, usize>,
    sessions: Vec<SessionLine>,
    totals: RollUpTotals,
    roster: Seen,
    roster_entities: Seen,
    speakers: Seen,
}

impl Conference {
    /// An empty conference.
    pub fn new() -> Conference {
        Conference::default()
    }

    /// The conference group of `group` (its name folded as `key`): matched by id,
    /// then by folded name, or added.
    fn group(&mut self, group: &Group, key: &str) -> usize {
        let (id, name) = (format!("id:{}", group.id), format!("name:{key}"));
        if let Some(&g) = self.group_index.get(&id).or(self.group_index.get(&name)) {
            self.group_index.entry(id).or_insert(g);
            self.group_index.entry(name).or_insert(g);
            return g;
        }
        let g = self.groups.len();
        self.groups.push(group.clone());
        self.group_counts.push(GroupCounts::default());
        self.group_index.insert(id, g);
        self.group_index.insert(name, g);
        g
    }

    /// The conference person of a participant id, name and affiliation: matched by id,
    /// then by folded name and affiliation, or added.
    fn person(&mut self, id: &str, name: &str, affiliation: &str) -> usize {
        // Known by id: the name it had where first met is the one matched by.
        if let Some(&p) = self.person_by_id.get(id) {
            return p;
        }
        let key = (name_key(name), name_key(affiliation));
        let p = match self.person_by_name.get(&key) {
            Some(&p) => p,
            None => {
                self.people.push(Person {
                    name: name.to_string(),
                    affiliation: affiliation.to_string(),
                });
                self.people.len() - 1
            }
        };
        self.person_by_id.insert(id.to_string(), p);
        self.person_by_name.entry(key).or_insert(p);
        p
    }

    /// The entity of `person` in `group` with `affiliation`: a group's affiliation
    /// folded, or the person themselves when they have none.
    fn entity(&mut self, group: Option<usize>, affiliation: &str, person: usize) -> usize {
        if let Some(&e) = self
            .entities_as_written
            .get(&group)
            .and_then(|m| m.get(affiliation))
        {
            return e;
        }
        let key = name_key(affiliation);
        let next = self.entity_count;
        let e = if key.is_empty() {
            *self.own_entities.entry(person).or_insert(next)
        } else {
            let e = *self
                .entities
                .entry(group)
                .or_default()
                .entry(key)
                .or_insert(next);
            self.entities_as_written
                .entry(group)
                .or_default()
                .insert(affiliation.to_string(), e);
            e
        };
        if e == next {
            self.entity_count += 1;
        }
        e
    }

    /// The conference priority of a session's priority: by id, then by folded title, or added.
    fn priority(
        &mut self,
        id: &str,
        title: &str,
        description: &Option<String>,
        key: String,
    ) -> usize {
        let found = self
            .priority_by_id
            .get(id)
            .or(self.priority_by_title.get(&key))
            .copied();
        let c = found.unwrap_or_else(|| {
            self.priorities.push(PriorityCounts {
                id: id.to_string(),
                title: title.to_string(),
                description: description.clone(),
                ..PriorityCounts::default()
            });
            self.priorities.len() - 1
        });
        self.priority_by_id.entry(id.to_string()).or_insert(c);
        self.priority_by_title.entry(key).or_insert(c);
        c
    }

    /// Folds in `session`, read from `file` (as the user named it).
    pub fn add(&mut self, file: &str, session: &Session) {
        self.add_prepared(file, session, Prepared::of(session));
    }

    /// Folds in `session`, read from `file`, with what [`Prepared::of`] made of it.
    pub fn add_prepared(&mut self, file: &str, session: &Session, prepared: Prepared) {
        let Prepared {
            totals,
            rows,
            voices,
            top,
            priorities,
            groups: group_keys,
        } = prepared;
        let number = self.sessions.len() + 1;
        let groups: Vec<usize> = session
            .groups
            .iter()
            .zip(&group_keys)
            .map(|(g, key)| self.group(g, key))
            .collect();
        let group_of: HashMap<&str, usize> = session
            .groups
            .iter()
            .zip(&groups)
            .rev()
            .map(|(g, &c)| (g.id.as_str(), c))
            .collect();
        // Who each participant id is: person, group and entity across the conference.
        let mut who: HashMap<&str, (usize, Option<usize>, usize)> = HashMap::new();
        for p in &session.participants {
            if who.contains_key(p.id.as_str()) {
                continue;
            }
            let person = self.person(&p.id, &p.name, &p.affiliation);
            let group = group_of.get(p.group.as_str()).copied();
            let entity = self.entity(group, &p.affiliation, person);
            who.insert(&p.id, (person, group, entity));
            self.roster.insert(person);
            self.roster_entities.insert(entity);
            if let Some(g) = group {
                self.group_counts[g].registered.insert(person);
                self.group_counts[g].registered_entities.insert(entity);
            }
        }
        let conference_priorities: Vec<usize> = session
            .priorities
            .iter()
            .zip(priorities)
            .map(|(p, key)| self.priority(&p.id, &p.title, &p.description, key))
            .collect();
        let mut by_tag: HashMap<&str, usize> = HashMap::new();
        for (p, &c) in session.priorities.iter().zip(&conference_priorities) {
            by_tag.entry(p.id.as_str()).or_insert(c);
            if self.priorities[c].defined_in.last() != Some(&number) {
                self.priorities[c].defined_in.push(number);
            }
        }
        self.fold_tally(number, session, &rows, &conference_priorities);
        for (row, &g) in voices.iter().zip(&groups) {
            self.group_counts[g].floor += row.floor;
            self.group_counts[g].chat += row.chat;
        }
        for i in &session.interventions {
            let (person, group, entity) = match who.get(i.participant.as_str()) {
                Some(&known) => known,
                // A speaker missing from the roster is a person and an entity of their own.
                None => {
                    let person = self.person(&i.participant, &i.participant, "");
                    (person, None, self.entity(None, "", person))
                }
            };
            self.speakers.insert(person);
            if let Some(g) = group {
                self.group_counts[g].speakers.insert(person);
                self.group_counts[g].entities_spoke.insert(entity);
            }
            let mut raised: Vec<usize> = Vec::new();
            for n in &i.notes {
                let mut on: Vec<usize> = Vec::new();
                for c in n.tags.iter().filter_map(|t| by_tag.get(t.as_str())) {
                    if !on.contains(c) {
                        on.push(*c);
                    }
                    if !raised.contains(c) {
                        raised.push(*c);
                    }
                }
                if n.kind == NoteKind::Quote {
                    for &c in &on {
                        self.priorities[c].quote_list.push(Quote {
                            session: number,
                            person,
                            group,
                            text: n.text.clone(),
                            strong: n.emphasis,
                        });
                    }
                }
            }
            for c in raised {
                let counts = &mut self.priorities[c];
                counts.speakers.insert(person);
                counts.entities.insert(entity);
                if let Some(g) = group {
                    let row = counts.by_group.entry(g).or_default();
                    row.0 += 1;
                    row.1.insert(person);
                    row.2.insert(entity);
                }
            }
        }
        let t = &totals;
        self.totals.interventions += t.interventions;
        self.totals.floor += t.floor;
        self.totals.chat += t.chat;
        self.totals.notes += t.notes;
        self.sessions.push(SessionLine {
            number,
            file: file.to_string(),
            title: session.meta.title.clone(),
            theme: session.meta.theme.clone(),
            date: session.meta.date.clone(),
            interventions: t.interventions,
            floor: t.floor,
            chat: t.chat,
            notes: t.notes,
            speakers: t.speakers,
            registered_people: t.registered_people,
            counting_groups: t.counting_groups,
            top_priority: top,
        });
    }

    /// The session's own figures for each priority it raised.
    fn fold_tally(
        &mut self,
        number: usize,
        session: &Session,
        rows: &[PriorityTally],
        conference_priorities: &[usize],
    ) {
        let mut here: Vec<(usize, PrioritySession)> = Vec::new();
        for (row, &c) in rows.iter().zip(conference_priorities) {
            if row.interventions == 0 {
                continue;
            }
            let figures = PrioritySession {
                session: number,
                title: session.meta.title.clone(),
                interventions: row.interventions,
                floor: row.floor,
                chat: row.chat,
                notes: row.notes,
                counting_groups: row.counting_groups,
                counting_groups_total: row.counting_groups_total,
                all_groups: row.has(Label::AllGroups),
                rank: row.rank,
            };
            let counts = &mut self.priorities[c];
            counts.notes += row.notes;
            counts.quotes += row.quotes;
            counts.emphasis += row.emphasis;
            counts.interventions += row.interventions;
            counts.floor += row.floor;
            counts.chat += row.chat;
            // Two priorities of one session that match one across sessions count as one there.
            match here.iter_mut().find(|(d, _)| *d == c) {
                Some((_, same)) => {
                    same.interventions += figures.interventions;
                    same.floor += figures.floor;
                    same.chat += figures.chat;
                    same.notes += figures.notes;
                    same.counting_groups = same.counting_groups.max(figures.counting_groups);
                    same.all_groups |= figures.all_groups;
                    same.rank = same.rank.min(figures.rank);
                }
                None => here.push((c, figures)),
            }
        }
        for (c, figures) in here {
            let counts = &mut self.priorities[c];
            counts.all_groups_sessions += usize::from(figures.all_groups);
            counts.sessions.push(figures);
        }
    }

    /// The roll-up of the sessions added so far.
    pub fn finish(self) -> RollUp {
        let session_count = self.sessions.len();
        let groups: Vec<VoiceBalance> = self
            .groups
            .iter()
            .zip(&self.group_counts)
            .map(|(g, c)| VoiceBalance {
                group: g.id.clone(),
                name: g.name.clone(),
                counts_for_convergence: g.counts_for_convergence,
                registered_people: c.registered.len(),
                registered_entities: c.registered_entities.len(),
                speakers: c.speakers.len(),
                entities_spoke: c.entities_spoke.len(),
                floor: c.floor,
                chat: c.chat,
                interventions: c.floor + c.chat,
                share_of_interventions: share(c.floor + c.chat, self.totals.interventions),
                share_of_roster: share(c.registered.len(), self.roster.len()),
            })
            .collect();
        // Groups with nobody registered and nobody speaking are not among the N.
        let counting: Vec<bool> = groups
            .iter()
            .map(|g| g.counts_for_convergence && (g.registered_people > 0 || g.interventions > 0))
            .collect();
        let counting_total = counting.iter().filter(|&&c| c).count();
        let priorities: Vec<PriorityRollUp> = self
            .priorities
            .into_iter()
            .map(|p| {
                let mut by_group: Vec<(usize, PriorityGroupRollUp)> = p
                    .by_group
                    .iter()
                    .map(|(&g, (turns, speakers, entities))| {
                        (
                            g,
                            PriorityGroupRollUp {
                                group: self.groups[g].id.clone(),
                                interventions: *turns,
                                speakers: speakers.len(),
                                entities: entities.len(),
                            },
                        )
                    })
                    .collect();
                by_group.sort_by_key(|(g, _)| *g);
                let counting_groups = by_group.iter().filter(|(g, _)| counting[*g]).count();
                PriorityRollUp {
                    id: p.id,
                    title: p.title,
                    description: p.description,
                    sessions_defined: p.defined_in.len(),
                    sessions_raised: p.sessions.len(),
                    sessions_total: session_count,
                    all_groups_sessions: p.all_groups_sessions,
                    interventions: p.interventions,
                    floor: p.floor,
                    chat: p.chat,
                    notes: p.notes,
                    quotes: p.quotes,
                    emphasis: p.emphasis,
                    speakers: p.speakers.len(),
                    entities: p.entities.len(),
                    groups: by_group.iter().map(|(_, row)| row.group.clone()).collect(),
                    by_group: by_group.into_iter().map(|(_, row)| row).collect(),
                    counting_groups,
                    counting_groups_total: counting_total,
                    labels: Vec::new(),
                    rank: 0,
                    sessions: p.sessions,
                    defined_in: p.defined_in,
                    quote_list: p.quote_list,
                }
            })
            .collect();
        let mut totals = self.totals;
        totals.sessions = session_count;
        totals.registered_people = self.roster.len();
        totals.registered_entities = self.roster_entities.len();
        totals.speakers = self.speakers.len();
        totals.counting_groups = counting_total;
        let mut rollup = RollUp {
            sessions: self.sessions,
            totals,
            priorities,
            ranking: Vec::new(),
            groups,
            conference_groups: self.groups,
            people: self.people,
        };
        rank(&mut rollup);
        rollup
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Ranks the priorities across sessions and gives their labels: by sessions that
/// raised them, sessions where all groups did, groups across sessions, interventions,
/// entities, speakers and notes; then the order they were first met in.
fn rank(rollup: &mut RollUp) {
    let p = &rollup.priorities;
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&p[a], &p[b]);
        y.sessions_raised
            .cmp(&x.sessions_raised)
            .then(y.all_groups_sessions.cmp(&x.all_groups_sessions))
            .then(y.counting_groups.cmp(&x.counting_groups))
            .then(y.interventions.cmp(&x.interventions))
            .then(y.entities.cmp(&x.entities))
            .then(y.speakers.cmp(&x.speakers))
            .then(y.notes.cmp(&x.notes))
            .then(a.cmp(&b))
    });
    let sessions = rollup.totals.sessions;
    for (place, &i) in order.iter().enumerate() {
        let p = &mut rollup.priorities[i];
        p.rank = place + 1;
        let mut labels = Vec::new();
        if sessions >= 2 && p.sessions_raised == sessions {
            labels.push(RollUpLabel::AllSessions);
        }
        if p.counting_groups_total >= 2 && p.counting_groups == p.counting_groups_total {
            labels.push(RollUpLabel::AllGroups);
        }
        if sessions >= 2 && p.sessions_raised == 1 {
            labels.push(RollUpLabel::OneSession);
        }
        if p.sessions_raised == 0 {
            labels.push(RollUpLabel::NotRaised);
        }
        p.labels = labels;
    }
    rollup.ranking = order;
}
