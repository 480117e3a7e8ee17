//! The counting engine: running counters per priority, group, speaker and
//! entity, built once by [`Tally::compute`] and updated by [`Tally::apply`]
//! for each committed edit.
//!
//! A chair's turn with no tagged note is procedural and counted nowhere; a
//! note's `#tag` supports a priority and its `#-tag` opposes it, and an
//! intervention opposes a priority only when none of its notes supports it.

use std::collections::{BTreeMap, HashMap};

use super::sets::{Fast, PrioritySet, SerialMap};
use super::{Tally, Totals};
use crate::clock::Clock;
use crate::edit::Edit;
use crate::model::{Channel, Intervention, Note, NoteKind, Serial, Session, Slug};

/// Who a participant id stands for in the counters.
#[derive(Debug, Clone, Copy)]
pub(super) struct Speaker {
    /// Index into the session's groups, `None` for no group (yet) or one the session lacks.
    pub(super) group: Option<usize>,
    /// Interned entity.
    pub(super) entity: usize,
    /// Whether the participant chairs: their turns without a tagged note are procedural.
    pub(super) chair: bool,
}

/// What the counters remember of one intervention.
#[derive(Debug, Clone)]
pub(super) struct InterventionState {
    speaker: usize,
    channel: Channel,
    /// (priority index, notes supporting it in this intervention).
    raised: Vec<(usize, u32)>,
    /// (priority index, notes opposing it in this intervention).
    opposing: Vec<(usize, u32)>,
    /// Notes in this intervention, and of those the ones tagged either way.
    notes: u32,
    tagged: u32,
    /// Whether the speaker chairs.
    chair: bool,
}

impl InterventionState {
    /// Whether the turn counts: anyone's does, a chair's only with a tagged note.
    pub(super) fn counted(&self) -> bool {
        !self.chair || self.tagged > 0
    }

    /// How the turn stands on priority `p`, as the tally counts it.
    fn stance(&self, p: usize) -> Option<Stance> {
        let has = |list: &[(usize, u32)]| list.iter().any(|(q, n)| *q == p && *n > 0);
        if !self.counted() {
            None
        } else if has(&self.raised) {
            Some(Stance::Support)
        } else if has(&self.opposing) {
            Some(Stance::Oppose)
        } else {
            None
        }
    }
}

/// An intervention's stance on one priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stance {
    Support,
    Oppose,
}

/// What the counters remember of one note, so a deletion can be undone from its id alone.
#[derive(Debug, Clone)]
pub(super) struct NoteState {
    intervention: Serial,
    supports: PrioritySet,
    opposes: PrioritySet,
    /// Tagged either way, with known priorities or not: a chair's turn then counts.
    tagged: bool,
    kind: NoteKind,
    emphasis: bool,
    time: Clock,
}

impl NoteState {
    /// Every priority the note is tagged with, either way.
    pub(super) fn priorities(&self) -> PrioritySet {
        let mut all = self.supports.clone();
        for p in self.opposes.iter() {
            all.insert(p);
        }
        all
    }
}

/// Running counts for one priority.
#[derive(Debug, Clone, Default)]
pub(super) struct PriorityCounters {
    /// Notes tagged with it either way; of the supporting ones, quotes and strongly voiced.
    pub(super) notes: usize,
    pub(super) quotes: usize,
    pub(super) emphasis: usize,
    /// Supporting interventions, on the floor and in the chat.
    pub(super) interventions: usize,
    pub(super) floor: usize,
    pub(super) chat: usize,
    /// Interventions whose only mention of it is opposition.
    pub(super) opposed: usize,
    /// Supporting interventions per speaker index.
    speakers: Vec<u32>,
    pub(super) speaker_count: usize,
    /// Supporting interventions per entity index.
    entities: Vec<u32>,
    pub(super) entity_count: usize,
    /// Per group index: (supporting interventions, distinct speakers, distinct entities).
    pub(super) groups: Vec<[usize; 3]>,
    /// Opposing interventions per group index.
    pub(super) opposed_groups: Vec<usize>,
    /// Note times, with how many notes at each, for first and last.
    pub(super) times: BTreeMap<Clock, u32>,
}

/// Running counts for one group's voice.
#[derive(Debug, Clone, Default)]
pub(super) struct GroupCounters {
    pub(super) registered_people: usize,
    pub(super) registered_entities: usize,
    pub(super) floor: usize,
    pub(super) chat: usize,
    pub(super) speakers: usize,
    pub(super) entities_spoke: usize,
}

/// Everything [`Tally::apply`] needs to update the tally from one edit.
#[derive(Debug, Clone, Default)]
pub(super) struct Counters {
    priority_index: HashMap<Slug, usize, Fast>,
    group_index: HashMap<Slug, usize, Fast>,
    speaker_index: HashMap<Slug, usize, Fast>,
    speakers: Vec<Speaker>,
    entity_index: HashMap<(Option<usize>, String), usize>,
    pub(super) interventions: SerialMap<InterventionState>,
    notes: SerialMap<NoteState>,
    pub(super) priorities: Vec<PriorityCounters>,
    pub(super) groups: Vec<GroupCounters>,
    /// People with no group yet (or a group the session lacks).
    pub(super) ungrouped: GroupCounters,
    /// Counted interventions per speaker index, and per entity index.
    speaker_turns: Vec<u32>,
    entity_turns: Vec<u32>,
    pub(super) floor: usize,
    pub(super) chat: usize,
    /// Notes of counted interventions.
    pub(super) notes_total: usize,
    pub(super) speakers_total: usize,
    /// Procedural turns: a chair's, with no tagged note.
    pub(super) procedural: usize,
    /// Everyone on the roster, whatever their group, and their distinct entities.
    pub(super) roster_people: usize,
    pub(super) roster_entities: usize,
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

/// Adds `delta` to the count of `p` in a turn's list, dropping it at zero.
fn bump_list(list: &mut Vec<(usize, u32)>, p: usize, delta: i32) {
    let slot = match list.iter().position(|(q, _)| *q == p) {
        Some(i) => i,
        None => {
            list.push((p, 0));
            list.len() - 1
        }
    };
    let after = list[slot].1.saturating_add_signed(delta);
    list[slot].1 = after;
    if after == 0 {
        list.swap_remove(slot);
    }
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
            counters.speaker(&p.id, &p.group, &p.affiliation, p.chairs());
        }
        counters.count_roster(session);
        counters
    }

    /// Registered people and entities per group, from the roster.
    fn count_roster(&mut self, session: &Session) {
        let mut groups = vec![GroupCounters::default(); session.groups.len()];
        let mut ungrouped = GroupCounters::default();
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
            let row = match speaker.group {
                Some(g) => &mut groups[g],
                None => &mut ungrouped,
            };
            row.registered_people += 1;
            if new_entity {
                row.registered_entities += 1;
            }
        }
        self.roster_entities = seen_entities.len();
        for (g, old) in groups
            .iter_mut()
            .chain(Some(&mut ungrouped))
            .zip(self.groups.iter().chain(Some(&self.ungrouped)))
        {
            g.floor = old.floor;
            g.chat = old.chat;
            g.speakers = old.speakers;
            g.entities_spoke = old.entities_spoke;
        }
        self.groups = groups;
        self.ungrouped = ungrouped;
    }

    /// The speaker index of participant `id`, interning it on first sight.
    fn speaker(&mut self, id: &str, group: &str, affiliation: &str, chair: bool) -> usize {
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
        self.speakers.push(Speaker {
            group,
            entity,
            chair,
        });
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
            Some(p) => self.speaker(&p.id, &p.group, &p.affiliation, p.chairs()),
            None => self.speaker(id, "", "", false),
        }
    }

    fn start(&mut self, id: Serial, speaker: usize, channel: Channel) {
        let chair = self.speakers[speaker].chair;
        let state = InterventionState {
            speaker,
            channel,
            raised: Vec::new(),
            opposing: Vec::new(),
            notes: 0,
            tagged: 0,
            chair,
        };
        if state.counted() {
            self.turn(speaker, channel, 1);
        } else {
            self.procedural += 1;
        }
        self.interventions.insert(id, state);
    }

    /// Counts (or uncounts) one intervention by `speaker`.
    fn turn(&mut self, speaker: usize, channel: Channel, delta: i32) {
        let Speaker { group, entity, .. } = self.speakers[speaker];
        match channel {
            Channel::Floor => signed(&mut self.floor, delta),
            Channel::Chat => signed(&mut self.chat, delta),
        }
        let new_speaker = bump(&mut self.speaker_turns, speaker, delta);
        let new_entity = bump(&mut self.entity_turns, entity, delta);
        if new_speaker {
            signed(&mut self.speakers_total, delta);
        }
        let row = match group {
            Some(g) => self.groups.get_mut(g),
            None => Some(&mut self.ungrouped),
        };
        if let Some(g) = row {
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

    /// Counts (or uncounts) intervention `speaker`/`channel` as supporting priority `p`.
    fn raise(&mut self, p: usize, speaker: usize, channel: Channel, delta: i32) {
        let Speaker { group, entity, .. } = self.speakers[speaker];
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

    /// Counts (or uncounts) an intervention by `speaker` as opposing priority `p`.
    fn oppose(&mut self, p: usize, speaker: usize, delta: i32) {
        let group = self.speakers[speaker].group;
        let n_groups = self.groups.len();
        let counters = &mut self.priorities[p];
        signed(&mut counters.opposed, delta);
        if let Some(g) = group {
            if counters.opposed_groups.len() < n_groups {
                counters.opposed_groups.resize(n_groups, 0);
            }
            signed(&mut counters.opposed_groups[g], delta);
        }
    }

    /// Counts (or uncounts) a turn's stance on `p`.
    fn stand(
        &mut self,
        p: usize,
        speaker: usize,
        channel: Channel,
        stance: Option<Stance>,
        delta: i32,
    ) {
        match stance {
            Some(Stance::Support) => self.raise(p, speaker, channel, delta),
            Some(Stance::Oppose) => self.oppose(p, speaker, delta),
            None => {}
        }
    }

    /// Counts (or uncounts) `note` inside intervention `intervention`.
    fn note(&mut self, intervention: Serial, id: Serial, state: NoteState, delta: i32) {
        let Some(turn) = self.interventions.get_mut(&intervention) else {
            return;
        };
        let touched = state.priorities();
        let before: Vec<(usize, Option<Stance>)> =
            touched.iter().map(|p| (p, turn.stance(p))).collect();
        let counted_before = turn.counted();
        let notes_before = if counted_before { turn.notes } else { 0 };
        turn.notes = turn.notes.saturating_add_signed(delta);
        if state.tagged {
            turn.tagged = turn.tagged.saturating_add_signed(delta);
        }
        for p in state.supports.iter() {
            bump_list(&mut turn.raised, p, delta);
        }
        for p in state.opposes.iter() {
            bump_list(&mut turn.opposing, p, delta);
        }
        let counted_after = turn.counted();
        let notes_after = if counted_after { turn.notes } else { 0 };
        let after: Vec<Option<Stance>> = touched.iter().map(|p| turn.stance(p)).collect();
        let (speaker, channel) = (turn.speaker, turn.channel);
        // A chair's first tagged note makes the turn count, and deleting the last one makes it procedural.
        if counted_before != counted_after {
            let flip = if counted_after { 1 } else { -1 };
            self.turn(speaker, channel, flip);
            signed(&mut self.procedural, -flip);
        }
        self.notes_total =
            (self.notes_total + notes_after as usize).saturating_sub(notes_before as usize);
        for ((p, was), now) in before.into_iter().zip(after) {
            if was != now {
                self.stand(p, speaker, channel, was, -1);
                self.stand(p, speaker, channel, now, 1);
            }
        }
        for p in touched.iter() {
            let counters = &mut self.priorities[p];
            signed(&mut counters.notes, delta);
            let at = counters.times.entry(state.time).or_insert(0);
            *at = at.saturating_add_signed(delta);
            if *at == 0 {
                counters.times.remove(&state.time);
            }
        }
        for p in state.supports.iter() {
            let counters = &mut self.priorities[p];
            if state.kind == NoteKind::Quote {
                signed(&mut counters.quotes, delta);
            }
            if state.emphasis {
                signed(&mut counters.emphasis, delta);
            }
        }
        if delta > 0 {
            self.notes.insert(id, state);
        } else {
            self.notes.remove(&id);
        }
    }

    /// What to remember of `note` in `intervention`.
    fn note_state(&self, intervention: Serial, note: &Note) -> NoteState {
        // A note tagged twice with the same priority supports it once.
        let set = |tags: &[Slug]| {
            let mut set = PrioritySet::default();
            for p in tags.iter().filter_map(|t| self.priority_index.get(t)) {
                set.insert(*p);
            }
            set
        };
        let supports = set(&note.tags);
        let mut opposes = PrioritySet::default();
        // A note that (against the rules) supports and opposes one priority supports it.
        for p in set(&note.opposes).iter() {
            if !supports.iter().any(|q| q == p) {
                opposes.insert(p);
            }
        }
        NoteState {
            intervention,
            supports,
            opposes,
            tagged: note.is_tagged(),
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
            not_in_group: None,
            counters,
        };
        tally.refresh(session);
        tally
    }

    /// Whether intervention `id` is procedural: a chair's turn with no tagged note,
    /// shown but counted nowhere (see [`super::is_procedural`]).
    pub fn is_procedural(&self, id: Serial) -> bool {
        self.counters
            .interventions
            .get(&id)
            .is_some_and(|turn| !turn.counted())
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
                if turn.notes > 0 {
                    // Undo only removes an empty turn; anything else is counted afresh.
                    return self.recompute(session);
                }
                let (speaker, channel, counted) = (turn.speaker, turn.channel, turn.counted());
                c.interventions.remove(id);
                if counted {
                    c.turn(speaker, channel, -1);
                } else {
                    signed(&mut c.procedural, -1);
                }
            }
            Edit::InsertNote {
                intervention, note, ..
            } => {
                if c.notes.contains_key(&note.id) || !c.interventions.contains_key(intervention) {
                    return self.recompute(session);
                }
                let state = c.note_state(*intervention, note);
                touched = state.priorities();
                c.note(*intervention, note.id, state, 1);
            }
            Edit::UpdateNote(note) => {
                let Some(old) = c.notes.get(&note.id).cloned() else {
                    return self.recompute(session);
                };
                let intervention = old.intervention;
                touched = old.priorities();
                c.note(intervention, note.id, old, -1);
                let state = c.note_state(intervention, note);
                for p in state.priorities().iter() {
                    touched.insert(p);
                }
                c.note(intervention, note.id, state, 1);
            }
            Edit::DeleteNote(id) => {
                let Some(old) = c.notes.get(id).cloned() else {
                    return self.recompute(session);
                };
                touched = old.priorities();
                c.note(old.intervention, *id, old, -1);
            }
            Edit::AddParticipant(p) => {
                if c.speaker_index.contains_key(&p.id) {
                    // The id spoke before it was on the roster: its entity changes.
                    return self.recompute(session);
                }
                c.speaker(&p.id, &p.group, &p.affiliation, p.chairs());
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
            Edit::UpdatePriority(p) => match c.priority_index.get(&p.id) {
                // A new title or description changes that row only.
                Some(&i) => touched.insert(i),
                None => return self.recompute(session),
            },
            // Removing a priority shifts every index after it; it is rare (an undo).
            Edit::RemovePriority(_) => return self.recompute(session),
            // Groups, a person's group or chair, or whole interventions: rare, counted afresh.
            Edit::InsertIntervention { .. }
            | Edit::RemoveIntervention(_)
            | Edit::UpdateParticipant(_)
            | Edit::AddGroup { .. }
            | Edit::RemoveGroup(_)
            | Edit::UpdateGroup(_) => {
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
            | Edit::SetChatImported(_)
            | Edit::SetNameReviewed { .. } => return,
            // Attendance is rare and read by the roster's counts: counted afresh.
            Edit::SetAttendance { .. } => return self.recompute(session),
        }
        self.refresh_rows(session, &touched);
    }

    fn recompute(&mut self, session: &Session) {
        *self = Tally::compute(session);
    }
}
