//! The counting engine: running counters per priority, group, speaker and
//! entity, built once by [`Tally::compute`] and updated by [`Tally::apply`]
//! for each committed edit.

use std::collections::{BTreeMap, HashMap};

use super::{PriorityGroup, PriorityTally, Tally, Totals, VoiceBalance};
use crate::clock::Clock;
use crate::edit::Edit;
use crate::model::{Channel, Intervention, Note, NoteKind, Serial, Session, Slug};

/// Who a participant id stands for in the counters.
#[derive(Debug, Clone, Copy)]
struct Speaker {
    /// Index into the session's groups, `None` for a group the session lacks.
    group: Option<usize>,
    /// Interned entity.
    entity: usize,
}

/// What the counters remember of one intervention.
#[derive(Debug, Clone)]
struct InterventionState {
    speaker: usize,
    channel: Channel,
    /// (priority index, notes on it in this intervention).
    raised: Vec<(usize, u32)>,
}

/// The priorities of one note: a few held inline, so most notes cost no allocation.
#[derive(Debug, Clone, Default)]
struct PrioritySet {
    len: u8,
    inline: [u32; 3],
    more: Vec<u32>,
}

impl PrioritySet {
    /// Adds `p` unless present.
    fn insert(&mut self, p: usize) {
        let p = p as u32;
        if self.iter().any(|q| q == p as usize) {
            return;
        }
        match self.inline.get_mut(self.len as usize) {
            Some(slot) => {
                *slot = p;
                self.len += 1;
            }
            None => self.more.push(p),
        }
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.inline[..self.len as usize]
            .iter()
            .chain(&self.more)
            .map(|&p| p as usize)
    }
}

/// Hashes serials and short ids cheaply (FNV for bytes, Fibonacci hashing
/// for integers): the keys come from the rapporteur's own file.
#[derive(Debug, Clone, Copy)]
struct FastHasher(u64);

impl Default for FastHasher {
    fn default() -> Self {
        FastHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        // Fibonacci hashing spreads consecutive serials over the table.
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(26);
    }
}

type Fast = std::hash::BuildHasherDefault<FastHasher>;
type SerialMap<V> = HashMap<Serial, V, Fast>;

/// What the counters remember of one note, so a deletion can be undone from its id alone.
#[derive(Debug, Clone)]
struct NoteState {
    intervention: Serial,
    priorities: PrioritySet,
    kind: NoteKind,
    emphasis: bool,
    time: Clock,
}

/// Running counts for one priority.
#[derive(Debug, Clone, Default)]
struct PriorityCounters {
    notes: usize,
    quotes: usize,
    emphasis: usize,
    interventions: usize,
    floor: usize,
    chat: usize,
    /// Raising interventions per speaker index.
    speakers: Vec<u32>,
    speaker_count: usize,
    /// Raising interventions per entity index.
    entities: Vec<u32>,
    entity_count: usize,
    /// Per group index: (interventions, distinct speakers, distinct entities).
    groups: Vec<[usize; 3]>,
    /// Note times, with how many notes at each, for first and last.
    times: BTreeMap<Clock, u32>,
}

/// Running counts for one group's voice.
#[derive(Debug, Clone, Default)]
struct GroupCounters {
    registered_people: usize,
    registered_entities: usize,
    floor: usize,
    chat: usize,
    speakers: usize,
    entities_spoke: usize,
}

/// Everything [`Tally::apply`] needs to update the tally from one edit.
#[derive(Debug, Clone, Default)]
pub(super) struct Counters {
    priority_index: HashMap<Slug, usize, Fast>,
    group_index: HashMap<Slug, usize, Fast>,
    speaker_index: HashMap<Slug, usize, Fast>,
    speakers: Vec<Speaker>,
    entity_index: HashMap<(Option<usize>, String), usize>,
    interventions: SerialMap<InterventionState>,
    notes: SerialMap<NoteState>,
    priorities: Vec<PriorityCounters>,
    groups: Vec<GroupCounters>,
    /// Interventions per speaker index, and per entity index.
    speaker_turns: Vec<u32>,
    entity_turns: Vec<u32>,
    floor: usize,
    chat: usize,
    notes_total: usize,
    speakers_total: usize,
    /// Everyone on the roster, whatever their group, and their distinct entities.
    roster_people: usize,
    roster_entities: usize,
}

/// Adds `delta` to slot `i` of `counts`, growing it as needed; true when the
/// slot went from zero to non-zero or back (a distinct count changes).
fn bump(counts: &mut Vec<u32>, i: usize, delta: i32) -> bool {
    if counts.len() <= i {
        counts.resize(i + 1, 0);
    }
    let before = counts[i];
    let after = before.saturating_add_signed(delta);
    counts[i] = after;
    (before == 0) != (after == 0)
}

fn signed(n: &mut usize, delta: i32) {
    *n = n.saturating_add_signed(delta as isize);
}

impl Counters {
    /// Counters for `session` with its roster and priorities but no interventions yet.
    fn roster(session: &Session) -> Counters {
        let mut counters = Counters {
            group_index: session
                .groups
                .iter()
                .enumerate()
                .map(|(i, g)| (g.id.clone(), i))
                .collect(),
            priority_index: session
                .priorities
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i))
                .collect(),
            priorities: vec![PriorityCounters::default(); session.priorities.len()],
            ..Counters::default()
        };
        for p in &session.participants {
            counters.speaker(&p.id, &p.group, &p.affiliation);
        }
        counters.count_roster(session);
        counters
    }

    /// Registered people and entities per group, from the roster.
    fn count_roster(&mut self, session: &Session) {
        let mut groups = vec![GroupCounters::default(); session.groups.len()];
        let mut seen = vec![false; self.speakers.len()];
        let mut seen_entities = HashMap::new();
        self.roster_people = 0;
        for p in &session.participants {
            let Some(&s) = self.speaker_index.get(&p.id) else {
                continue;
            };
            let speaker = self.speakers[s];
            // A roster with a repeated id counts the person once.
            if std::mem::replace(&mut seen[s], true) {
                continue;
            }
            self.roster_people += 1;
            let new_entity = seen_entities.insert(speaker.entity, ()).is_none();
            let Some(g) = speaker.group else { continue };
            groups[g].registered_people += 1;
            if new_entity {
                groups[g].registered_entities += 1;
            }
        }
        self.roster_entities = seen_entities.len();
        for (g, old) in groups.iter_mut().zip(&self.groups) {
            g.floor = old.floor;
            g.chat = old.chat;
            g.speakers = old.speakers;
            g.entities_spoke = old.entities_spoke;
        }
        self.groups = groups;
    }

    /// The speaker index of participant `id`, interning it on first sight.
    fn speaker(&mut self, id: &str, group: &str, affiliation: &str) -> usize {
        if let Some(&s) = self.speaker_index.get(id) {
            return s;
        }
        let group = self.group_index.get(group).copied();
        // A participant without an affiliation is an entity of their own.
        let key = if affiliation.trim().is_empty() {
            (group, format!("\u{0}{id}"))
        } else {
            (group, affiliation.trim().to_string())
        };
        let next = self.entity_index.len();
        let entity = *self.entity_index.entry(key).or_insert(next);
        let s = self.speakers.len();
        self.speakers.push(Speaker { group, entity });
        self.speaker_index.insert(id.to_string(), s);
        s
    }

    /// The speaker index of whoever holds intervention turns as `id`; ids
    /// missing from the roster (hand-edited files) become their own entity.
    fn speaker_of(&mut self, session: &Session, id: &str) -> usize {
        if let Some(&s) = self.speaker_index.get(id) {
            return s;
        }
        match session.participant(id) {
            Some(p) if !self.speaker_index.contains_key(id) => {
                self.speaker(&p.id, &p.group, &p.affiliation)
            }
            _ => self.speaker(id, "", ""),
        }
    }

    fn start(&mut self, id: Serial, speaker: usize, channel: Channel) {
        self.turn(speaker, channel, 1);
        self.interventions.insert(
            id,
            InterventionState {
                speaker,
                channel,
                raised: Vec::new(),
            },
        );
    }

    /// Counts (or uncounts) one intervention by `speaker`.
    fn turn(&mut self, speaker: usize, channel: Channel, delta: i32) {
        let Speaker { group, entity } = self.speakers[speaker];
        match channel {
            Channel::Floor => signed(&mut self.floor, delta),
            Channel::Chat => signed(&mut self.chat, delta),
        }
        let new_speaker = bump(&mut self.speaker_turns, speaker, delta);
        let new_entity = bump(&mut self.entity_turns, entity, delta);
        if new_speaker {
            signed(&mut self.speakers_total, delta);
        }
        if let Some(g) = group.and_then(|g| self.groups.get_mut(g)) {
            match channel {
                Channel::Floor => signed(&mut g.floor, delta),
                Channel::Chat => signed(&mut g.chat, delta),
            }
            if new_speaker {
                signed(&mut g.speakers, delta);
            }
            if new_entity {
                signed(&mut g.entities_spoke, delta);
            }
        }
    }

    /// Counts (or uncounts) intervention `speaker`/`channel` as raising priority `p`.
    fn raise(&mut self, p: usize, speaker: usize, channel: Channel, delta: i32) {
        let Speaker { group, entity } = self.speakers[speaker];
        let n_groups = self.groups.len();
        let counters = &mut self.priorities[p];
        signed(&mut counters.interventions, delta);
        match channel {
            Channel::Floor => signed(&mut counters.floor, delta),
            Channel::Chat => signed(&mut counters.chat, delta),
        }
        let new_speaker = bump(&mut counters.speakers, speaker, delta);
        let new_entity = bump(&mut counters.entities, entity, delta);
        if new_speaker {
            signed(&mut counters.speaker_count, delta);
        }
        if new_entity {
            signed(&mut counters.entity_count, delta);
        }
        if let Some(g) = group {
            if counters.groups.len() < n_groups {
                counters.groups.resize(n_groups, [0; 3]);
            }
            let row = &mut counters.groups[g];
            signed(&mut row[0], delta);
            if new_speaker {
                signed(&mut row[1], delta);
            }
            if new_entity {
                signed(&mut row[2], delta);
            }
        }
    }

    /// Counts (or uncounts) `note` inside intervention `intervention`.
    fn note(&mut self, intervention: Serial, id: Serial, state: NoteState, delta: i32) {
        let Some(turn) = self.interventions.get_mut(&intervention) else {
            return;
        };
        let (speaker, channel) = (turn.speaker, turn.channel);
        let mut raised = Vec::new();
        for p in state.priorities.iter() {
            let slot = match turn.raised.iter().position(|(q, _)| *q == p) {
                Some(i) => i,
                None => {
                    turn.raised.push((p, 0));
                    turn.raised.len() - 1
                }
            };
            let before = turn.raised[slot].1;
            let after = before.saturating_add_signed(delta);
            turn.raised[slot].1 = after;
            if after == 0 {
                turn.raised.swap_remove(slot);
            }
            if (before == 0) != (after == 0) {
                raised.push(p);
            }
        }
        for p in raised {
            self.raise(p, speaker, channel, delta);
        }
        for p in state.priorities.iter() {
            let counters = &mut self.priorities[p];
            signed(&mut counters.notes, delta);
            if state.kind == NoteKind::Quote {
                signed(&mut counters.quotes, delta);
            }
            if state.emphasis {
                signed(&mut counters.emphasis, delta);
            }
            let at = counters.times.entry(state.time).or_insert(0);
            *at = at.saturating_add_signed(delta);
            if *at == 0 {
                counters.times.remove(&state.time);
            }
        }
        signed(&mut self.notes_total, delta);
        if delta > 0 {
            self.notes.insert(id, state);
        } else {
            self.notes.remove(&id);
        }
    }

    /// What to remember of `note` in `intervention`.
    fn note_state(&self, intervention: Serial, note: &Note) -> NoteState {
        // A note tagged twice with the same priority supports it once.
        let mut priorities = PrioritySet::default();
        for p in note.tags.iter().filter_map(|t| self.priority_index.get(t)) {
            priorities.insert(*p);
        }
        NoteState {
            intervention,
            priorities,
            kind: note.kind,
            emphasis: note.emphasis,
            time: note.time,
        }
    }

    fn add_intervention(&mut self, session: &Session, intervention: &Intervention) {
        let speaker = self.speaker_of(session, &intervention.participant);
        self.start(intervention.id, speaker, intervention.channel);
        for note in &intervention.notes {
            let state = self.note_state(intervention.id, note);
            self.note(intervention.id, note.id, state, 1);
        }
    }
}

impl Tally {
    /// Counts `session` from scratch, in time proportional to its notes.
    pub fn compute(session: &Session) -> Tally {
        let mut counters = Counters::roster(session);
        counters.interventions.reserve(session.interventions.len());
        counters.notes.reserve(session.note_count());
        for intervention in &session.interventions {
            counters.add_intervention(session, intervention);
        }
        let mut tally = Tally {
            totals: Totals::default(),
            priorities: Vec::new(),
            ranking: Vec::new(),
            groups: Vec::new(),
            counters,
        };
        tally.refresh(session);
        tally
    }

    /// Folds `edit`, just applied to `session`, into the tally.
    ///
    /// `session` is the state after the edit. Only call this for an edit that
    /// applied successfully; the result equals [`Tally::compute`] on `session`.
    pub fn apply(&mut self, session: &Session, edit: &Edit) {
        let c = &mut self.counters;
        // The priorities whose rows the edit changes; the others keep theirs.
        let mut touched = PrioritySet::default();
        match edit {
            Edit::StartIntervention {
                id,
                participant,
                channel,
                ..
            } => {
                let speaker = c.speaker_of(session, participant);
                c.start(*id, speaker, *channel);
            }
            Edit::RemoveLastIntervention { id, .. } => {
                let Some(turn) = c.interventions.get(id) else {
                    return self.recompute(session);
                };
                if !turn.raised.is_empty() {
                    // Undo only removes an empty turn; anything else is counted afresh.
                    return self.recompute(session);
                }
                let (speaker, channel) = (turn.speaker, turn.channel);
                c.interventions.remove(id);
                c.turn(speaker, channel, -1);
            }
            Edit::InsertNote {
                intervention, note, ..
            } => {
                if c.notes.contains_key(&note.id) || !c.interventions.contains_key(intervention) {
                    return self.recompute(session);
                }
                let state = c.note_state(*intervention, note);
                touched = state.priorities.clone();
                c.note(*intervention, note.id, state, 1);
            }
            Edit::UpdateNote(note) => {
                let Some(old) = c.notes.get(&note.id).cloned() else {
                    return self.recompute(session);
                };
                let intervention = old.intervention;
                touched = old.priorities.clone();
                c.note(intervention, note.id, old, -1);
                let state = c.note_state(intervention, note);
                for p in state.priorities.iter() {
                    touched.insert(p);
                }
                c.note(intervention, note.id, state, 1);
            }
            Edit::DeleteNote(id) => {
                let Some(old) = c.notes.get(id).cloned() else {
                    return self.recompute(session);
                };
                touched = old.priorities.clone();
                c.note(old.intervention, *id, old, -1);
            }
            Edit::AddParticipant(p) => {
                if c.speaker_index.contains_key(&p.id) {
                    // The id spoke before it was on the roster: its entity changes.
                    return self.recompute(session);
                }
                c.speaker(&p.id, &p.group, &p.affiliation);
                c.count_roster(session);
            }
            Edit::RemoveParticipant(_) => c.count_roster(session),
            Edit::AddPriority(p) => {
                if c.priority_index.contains_key(&p.id) {
                    return self.recompute(session);
                }
                c.priority_index.insert(p.id.clone(), c.priorities.len());
                c.priorities.push(PriorityCounters::default());
                return self.refresh(session);
            }
            // Removing a priority shifts every index after it; it is rare (an undo).
            Edit::RemovePriority(_) => return self.recompute(session),
            Edit::InsertIntervention { .. }
            | Edit::RemoveIntervention(_)
            | Edit::UpdateParticipant(_) => {
                return self.recompute(session);
            }
            // When a turn ended, the meeting's details, remarks and the review's choices
            // change no count.
            Edit::SetEnd { .. }
            | Edit::UpdateMeta(_)
            | Edit::AddRemark(_)
            | Edit::UpdateRemark(_)
            | Edit::RemoveRemark(_)
            | Edit::UpdateReview(_)
            | Edit::SetNameReviewed { .. } => return,
        }
        self.refresh_rows(session, &touched);
    }

    fn recompute(&mut self, session: &Session) {
        *self = Tally::compute(session);
    }

    /// Rebuilds the public rows, ranking and labels from the counters.
    fn refresh(&mut self, session: &Session) {
        self.refresh_totals(session);
        let counting_total = self.totals.counting_groups;
        self.priorities = (0..session.priorities.len().min(self.counters.priorities.len()))
            .map(|i| self.row(session, i, counting_total))
            .collect();
        self.rank();
    }

    /// Like [`Tally::refresh`], rebuilding only the rows of the priorities in `touched`:
    /// one commit changes a few of hundreds.
    fn refresh_rows(&mut self, session: &Session, touched: &PrioritySet) {
        let rows = session.priorities.len().min(self.counters.priorities.len());
        if self.priorities.len() != rows {
            return self.refresh(session);
        }
        self.refresh_totals(session);
        let counting_total = self.totals.counting_groups;
        for i in touched.iter().filter(|&i| i < rows) {
            let mut row = self.row(session, i, counting_total);
            // Rank and labels are set for all rows below.
            row.rank = self.priorities[i].rank;
            self.priorities[i] = row;
        }
        self.rank();
    }

    /// The totals and the voice balance rows.
    fn refresh_totals(&mut self, session: &Session) {
        let c = &self.counters;
        let counting_total = session
            .groups
            .iter()
            .filter(|g| g.counts_for_convergence)
            .count();
        let interventions = c.floor + c.chat;
        let people = c.roster_people;
        self.totals = Totals {
            interventions,
            floor: c.floor,
            chat: c.chat,
            notes: c.notes_total,
            speakers: c.speakers_total,
            registered_people: people,
            registered_entities: c.roster_entities,
            counting_groups: counting_total,
        };
        self.groups = session
            .groups
            .iter()
            .zip(&c.groups)
            .map(|(group, g)| VoiceBalance {
                group: group.id.clone(),
                name: group.name.clone(),
                counts_for_convergence: group.counts_for_convergence,
                registered_people: g.registered_people,
                registered_entities: g.registered_entities,
                speakers: g.speakers,
                entities_spoke: g.entities_spoke,
                floor: g.floor,
                chat: g.chat,
                interventions: g.floor + g.chat,
                share_of_interventions: share(g.floor + g.chat, interventions),
                share_of_roster: share(g.registered_people, people),
            })
            .collect();
    }

    /// The public row of priority `i`, without its rank and labels.
    fn row(&self, session: &Session, i: usize, counting_total: usize) -> PriorityTally {
        let priority = &session.priorities[i];
        let p = &self.counters.priorities[i];
        let mut by_group = Vec::new();
        let mut counting_groups = 0;
        for (g, row) in p.groups.iter().enumerate() {
            if row[0] == 0 {
                continue;
            }
            let Some(group) = session.groups.get(g) else {
                continue;
            };
            counting_groups += usize::from(group.counts_for_convergence);
            by_group.push(PriorityGroup {
                group: group.id.clone(),
                interventions: row[0],
                speakers: row[1],
                entities: row[2],
            });
        }
        PriorityTally {
            id: priority.id.clone(),
            title: priority.title.clone(),
            interventions: p.interventions,
            floor: p.floor,
            chat: p.chat,
            notes: p.notes,
            quotes: p.quotes,
            emphasis: p.emphasis,
            speakers: p.speaker_count,
            entities: p.entity_count,
            groups: by_group.iter().map(|g| g.group.clone()).collect(),
            by_group,
            counting_groups,
            counting_groups_total: counting_total,
            first: p.times.keys().next().copied(),
            last: p.times.keys().next_back().copied(),
            labels: Vec::new(),
            rank: 0,
        }
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}
