//! Interventions and notes of a three-way merge. What the base holds is merged by
//! id, field by field (a note's text, tags, kind, strong voice, time and the turn
//! it is in); what X added goes into the result: a turn into K's own turn by the
//! same speaker on the same channel within the window, a note joined to K's own
//! copy of it (same text within the window), anything else added under its id,
//! or a fresh one when K uses that id.

use std::collections::{HashMap, HashSet};

use super::Merge3;
use crate::clock::Clock;
use crate::merge::notes::WINDOW;
use crate::merge::turns::{end_floor_turns, floor_overlaps, overlaps, span};
use crate::model::{Channel, Intervention, Note, NoteKind, Serial, Session};
use crate::names::text_key;

/// Each note of a session by id, with the id of its intervention.
fn notes_of(s: &Session) -> HashMap<Serial, (Serial, &Note)> {
    let mut map = HashMap::with_capacity(s.note_count());
    for i in &s.interventions {
        for n in &i.notes {
            map.insert(n.id, (i.id, n));
        }
    }
    map
}

/// Each intervention of a session by id.
fn turns_of(s: &Session) -> HashMap<Serial, &Intervention> {
    s.interventions.iter().map(|i| (i.id, i)).collect()
}

/// Tags as a set, to tell a retag from a reordering.
fn tag_set(tags: &[String]) -> Vec<&str> {
    let mut set: Vec<&str> = tags.iter().map(String::as_str).collect();
    set.sort_unstable();
    set.dedup();
    set
}

/// Whether two versions of a note say the same, tags in any order.
fn same_note(a: &Note, b: &Note) -> bool {
    (&a.text, a.kind, a.emphasis, a.time) == (&b.text, b.kind, b.emphasis, b.time)
        && tag_set(&a.tags) == tag_set(&b.tags)
}

fn show_tags(tags: &[String]) -> String {
    if tags.is_empty() {
        "no tags".to_string()
    } else {
        tags.iter()
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Where the result's interventions and notes are, kept up to date as they move.
struct Places {
    /// Position of each intervention in the result.
    turn: HashMap<Serial, usize>,
    /// The intervention holding each note of the result.
    home: HashMap<Serial, Serial>,
    /// Serials the base and K use, and those given out so far.
    taken: HashSet<Serial>,
    /// The next serial past everything any side has used.
    fresh: Serial,
}

impl Places {
    fn new(r: &Session, sessions: [&Session; 3]) -> Places {
        let mut turn = HashMap::with_capacity(r.interventions.len());
        let mut home = HashMap::with_capacity(r.note_count());
        for (at, i) in r.interventions.iter().enumerate() {
            turn.insert(i.id, at);
            for n in &i.notes {
                home.insert(n.id, i.id);
            }
        }
        let serials = |s: &Session| {
            s.interventions
                .iter()
                .flat_map(|i| std::iter::once(i.id).chain(i.notes.iter().map(|n| n.id)))
                .collect::<Vec<_>>()
        };
        let [base, k, _] = sessions;
        let taken: HashSet<Serial> = serials(base).into_iter().chain(serials(k)).collect();
        let fresh = sessions
            .iter()
            .flat_map(|s| {
                serials(s)
                    .into_iter()
                    .map(|id| id + 1)
                    .chain([s.next_serial])
            })
            .max()
            .unwrap_or(1)
            .max(1);
        Places {
            turn,
            home,
            taken,
            fresh,
        }
    }
}

impl Merge3<'_> {
    /// Merges the interventions and notes of both sides into the result.
    pub(super) fn merge_turns(&mut self) {
        let (base, k, x) = (self.base, self.k, self.x);
        let (o_turns, k_turns, x_turns) = (turns_of(base), turns_of(k), turns_of(x));
        let (o_notes, k_notes, x_notes) = (notes_of(base), notes_of(k), notes_of(x));
        let mut places = Places::new(&self.r, [base, k, x]);
        for o in &base.interventions {
            if let (Some(kt), Some(xt)) = (k_turns.get(&o.id), x_turns.get(&o.id)) {
                self.merge_turn(o, kt, xt, &places);
            }
        }
        // X's own turns: into K's own turn of the same speaker, channel and time, or added.
        let mut turn_map: HashMap<Serial, Serial> = o_turns.keys().map(|&id| (id, id)).collect();
        let k_added: Vec<&Intervention> = k
            .interventions
            .iter()
            .filter(|i| !o_turns.contains_key(&i.id))
            .collect();
        for xt in x
            .interventions
            .iter()
            .filter(|i| !o_turns.contains_key(&i.id))
        {
            let who = self.person(&xt.participant);
            let target = k_added
                .iter()
                .filter(|kt| kt.participant == who && kt.channel == xt.channel)
                .filter(|kt| overlaps(span(kt), span(xt)))
                .min_by_key(|kt| (kt.start.seconds().abs_diff(xt.start.seconds()), kt.id))
                .map(|kt| kt.id);
            let id = match target {
                Some(id) => id,
                None => {
                    let id = self.keep_or_fresh(xt.id, &mut places);
                    self.push_turn(
                        Intervention {
                            id,
                            participant: who,
                            notes: Vec::new(),
                            ..xt.clone()
                        },
                        &mut places,
                    );
                    id
                }
            };
            turn_map.insert(xt.id, id);
        }
        for oi in &base.interventions {
            for on in &oi.notes {
                let place = format!("note {} ({})", on.id, on.time);
                match (k_notes.get(&on.id), x_notes.get(&on.id)) {
                    (Some(&(kc, kn)), Some(&(xc, xn))) => {
                        let xc_mapped = turn_map.get(&xc).copied().unwrap_or(xc);
                        let (home, note) =
                            self.merge_note(&place, (oi.id, on), (kc, kn), (xc_mapped, xn));
                        if home != kc || note != *kn {
                            self.ensure_turn(home, x_turns.get(&xc).copied(), &mut places);
                            self.place_note(home, note, &mut places);
                        }
                    }
                    (Some(&(kc, kn)), None) => {
                        if same_note(kn, on) && kc == oi.id {
                            self.remove_note(on.id, &mut places);
                        } else {
                            self.deleted_but_changed(&place, false);
                        }
                    }
                    (None, Some(&(xc, xn))) => {
                        if !same_note(xn, on) || xc != oi.id {
                            self.deleted_but_changed(&place, true);
                            let home = turn_map.get(&xc).copied().unwrap_or(xc);
                            self.ensure_turn(home, x_turns.get(&xc).copied(), &mut places);
                            let note = Note {
                                tags: self.tags(&xn.tags),
                                ..xn.clone()
                            };
                            self.place_note(home, note, &mut places);
                        }
                    }
                    (None, None) => {}
                }
            }
        }
        let mut joined: HashSet<Serial> = HashSet::new();
        for xt in &x.interventions {
            let home = turn_map.get(&xt.id).copied().unwrap_or(xt.id);
            for xn in xt.notes.iter().filter(|n| !o_notes.contains_key(&n.id)) {
                self.ensure_turn(home, Some(xt), &mut places);
                let own = |id: &Serial| k_notes.contains_key(id) && !o_notes.contains_key(id);
                match self.copy_in(home, xn, &own, &joined, &places) {
                    Some(ours) => {
                        joined.insert(ours);
                        self.join_note(ours, xn, &places);
                        self.notes_joined += 1;
                    }
                    None => {
                        let id = self.keep_or_fresh(xn.id, &mut places);
                        let note = Note {
                            id,
                            tags: self.tags(&xn.tags),
                            ..xn.clone()
                        };
                        self.place_note(home, note, &mut places);
                    }
                }
                self.notes_added += 1;
            }
        }
        // Turns X deleted go, unless notes are still in them.
        for o in &base.interventions {
            if !k_turns.contains_key(&o.id) || x_turns.contains_key(&o.id) {
                continue;
            }
            let Some(&at) = places.turn.get(&o.id) else {
                continue;
            };
            if self.r.interventions[at].notes.is_empty() {
                self.r.interventions.remove(at);
                places.turn = self
                    .r
                    .interventions
                    .iter()
                    .enumerate()
                    .map(|(at, i)| (i.id, at))
                    .collect();
            } else {
                let place = format!("intervention {} ({})", o.id, o.start);
                let (_, deleter) = self.names();
                self.conflict(
                    place,
                    format!("deleted in {deleter}, but holds notes the other side added or changed; kept"),
                );
            }
        }
        self.settle_turns();
    }

    /// Speaker, channel, start and end of an intervention both sides kept.
    fn merge_turn(
        &mut self,
        o: &Intervention,
        kt: &Intervention,
        xt: &Intervention,
        places: &Places,
    ) {
        let place = format!("intervention {} ({})", o.id, o.start);
        let who = self.person(&xt.participant);
        let participant = self.pick(
            &o.participant,
            &kt.participant,
            &who,
            &place,
            "the speaker",
            Clone::clone,
        );
        let channel = |c: &Channel| match c {
            Channel::Floor => "the floor".to_string(),
            Channel::Chat => "the chat".to_string(),
        };
        let channel = self.pick(
            &o.channel,
            &kt.channel,
            &xt.channel,
            &place,
            "the channel",
            channel,
        );
        // Starts move to hold notes, ends come when a side sees the next turn: the earlier is what happened.
        let start = match settle(&o.start, &kt.start, &xt.start) {
            Ok(start) => start,
            Err((a, b)) => a.min(b),
        };
        let end = match settle(&o.end, &kt.end, &xt.end) {
            Ok(end) => end,
            Err((Some(a), Some(b))) => Some(a.min(b)),
            Err((a, b)) => a.or(b),
        };
        if let Some(&at) = places.turn.get(&o.id) {
            let turn = &mut self.r.interventions[at];
            turn.participant = participant;
            turn.channel = channel;
            turn.start = start;
            turn.end = end;
        }
    }

    /// A note both sides kept, field by field: where it is, and what it says.
    fn merge_note(
        &mut self,
        place: &str,
        (oc, on): (Serial, &Note),
        (kc, kn): (Serial, &Note),
        (xc, xn): (Serial, &Note),
    ) -> (Serial, Note) {
        let text = match settle(&on.text, &kn.text, &xn.text) {
            Ok(text) => text,
            Err((k, x)) => {
                let kept = self.ours_theirs(&k, &x).0.clone();
                self.conflict(place, "its text was edited on both sides; kept ours");
                kept
            }
        };
        let x_tags = self.tags(&xn.tags);
        // Some(true): K's tags stand; Some(false): X's; None: both retagged it differently.
        let decision = match settle(&tag_set(&on.tags), &tag_set(&kn.tags), &tag_set(&x_tags)) {
            Ok(set) => Some(set == tag_set(&kn.tags)),
            Err(_) => None,
        };
        let tags = match decision {
            Some(true) => kn.tags.clone(),
            Some(false) => x_tags,
            None => {
                let (ours, theirs) = self.ours_theirs(&kn.tags, &x_tags);
                let message = format!(
                    "retagged on both sides: ours {}, theirs {}, before {}; kept ours",
                    show_tags(ours),
                    show_tags(theirs),
                    show_tags(&on.tags)
                );
                let kept = ours.clone();
                self.conflict(place, message);
                kept
            }
        };
        let kind = |k: &NoteKind| match k {
            NoteKind::Point => "a point".to_string(),
            NoteKind::Quote => "a verbatim quote".to_string(),
        };
        let kind = self.pick(&on.kind, &kn.kind, &xn.kind, place, "its kind", kind);
        let strong = |e: &bool| {
            if *e {
                "strongly voiced"
            } else {
                "not strongly voiced"
            }
            .to_string()
        };
        let emphasis = self.pick(
            &on.emphasis,
            &kn.emphasis,
            &xn.emphasis,
            place,
            "its emphasis",
            strong,
        );
        let time = self.pick(
            &on.time,
            &kn.time,
            &xn.time,
            place,
            "its time",
            Clock::to_string,
        );
        let turn = |id: &Serial| format!("intervention {id}");
        let home = self.pick(&oc, &kc, &xc, place, "its intervention", turn);
        // What it opposes settles as its tags do: one side's change stands, both is a conflict.
        let x_opposes = self.tags(&xn.opposes);
        let opposes = match settle(
            &tag_set(&on.opposes),
            &tag_set(&kn.opposes),
            &tag_set(&x_opposes),
        ) {
            Ok(set) if set == tag_set(&kn.opposes) => kn.opposes.clone(),
            Ok(_) => x_opposes,
            Err(_) => {
                let (ours, theirs) = self.ours_theirs(&kn.opposes, &x_opposes);
                let message = format!(
                    "opposition changed on both sides: ours {}, theirs {}; kept ours",
                    show_tags(ours),
                    show_tags(theirs)
                );
                let kept = ours.clone();
                self.conflict(place, message);
                kept
            }
        };
        let note = Note {
            id: on.id,
            text,
            tags,
            kind,
            emphasis,
            time,
            opposes,
        };
        (home, note)
    }

    /// K's own note in intervention `home` that X's new `xn` is a copy of: same text
    /// within the window, the same second first, each of K's notes standing for one.
    fn copy_in(
        &self,
        home: Serial,
        xn: &Note,
        own: &dyn Fn(&Serial) -> bool,
        joined: &HashSet<Serial>,
        places: &Places,
    ) -> Option<Serial> {
        let turn = &self.r.interventions[*places.turn.get(&home)?];
        let key = text_key(&xn.text);
        turn.notes
            .iter()
            .filter(|n| own(&n.id) && !joined.contains(&n.id))
            .filter(|n| n.time.seconds().abs_diff(xn.time.seconds()) <= WINDOW)
            .filter(|n| text_key(&n.text) == key)
            .min_by_key(|n| (n.time.seconds().abs_diff(xn.time.seconds()), n.time, n.id))
            .map(|n| n.id)
    }

    /// Joins X's copy `xn` into the result's note `ours`: its tags and strong voice added.
    fn join_note(&mut self, ours: Serial, xn: &Note, places: &Places) {
        let tags = self.tags(&xn.tags);
        let (k_name, x_name) = self.names();
        let k_is_ours = self.k_is_ours;
        let Some(note) = self.note_mut(ours, places) else {
            return;
        };
        let place = format!("note {} ({})", note.id, note.time);
        let extra: Vec<String> = tags
            .into_iter()
            .filter(|t| !note.tags.contains(t))
            .collect();
        note.tags.extend(extra.iter().cloned());
        let strong = xn.emphasis && !note.emphasis;
        note.emphasis |= xn.emphasis;
        let kinds = (note.kind != xn.kind).then_some(note.kind);
        if kinds.is_some() && !k_is_ours {
            note.kind = xn.kind;
        }
        if !extra.is_empty() {
            self.notice(
                place.clone(),
                format!(
                    "noted on both sides; {x_name} tags it also {}: kept both sides' tags",
                    show_tags(&extra)
                ),
            );
        }
        if strong {
            self.notice(place.clone(), format!("noted on both sides; {x_name} marks it strongly voiced, {k_name} does not: marked strongly voiced"));
        }
        if kinds.is_some() {
            self.conflict(place, "noted on both sides, as a verbatim quote on one and a point on the other; kept ours");
        }
    }

    /// The note `id` of the result, where `places` says it is.
    fn note_mut(&mut self, id: Serial, places: &Places) -> Option<&mut Note> {
        let at = *places.turn.get(places.home.get(&id)?)?;
        self.r.interventions[at]
            .notes
            .iter_mut()
            .find(|n| n.id == id)
    }

    /// `id` if neither the base nor K uses it, else a fresh serial, recorded as renumbered.
    fn keep_or_fresh(&mut self, id: Serial, places: &mut Places) -> Serial {
        if places.taken.insert(id) {
            return id;
        }
        let fresh = places.fresh;
        places.fresh += 1;
        places.taken.insert(fresh);
        self.renumbered.push((id, fresh));
        fresh
    }

    fn push_turn(&mut self, turn: Intervention, places: &mut Places) {
        places.turn.insert(turn.id, self.r.interventions.len());
        self.r.interventions.push(turn);
    }

    /// Puts back intervention `id`, deleted by K, from X's copy `from`, when X still uses it.
    fn ensure_turn(&mut self, id: Serial, from: Option<&Intervention>, places: &mut Places) {
        if places.turn.contains_key(&id) {
            return;
        }
        let Some(from) = from else { return };
        let (k_name, x_name) = self.names();
        self.conflict(
            format!("intervention {id} ({})", from.start),
            format!("deleted in {k_name}, but {x_name} added or changed notes in it; kept"),
        );
        let participant = self.person(&from.participant);
        self.push_turn(
            Intervention {
                id,
                participant,
                notes: Vec::new(),
                ..from.clone()
            },
            places,
        );
    }

    fn remove_note(&mut self, id: Serial, places: &mut Places) {
        let Some(home) = places.home.remove(&id) else {
            return;
        };
        if let Some(&at) = places.turn.get(&home) {
            self.r.interventions[at].notes.retain(|n| n.id != id);
        }
    }

    /// Puts `note` into intervention `home` at its time, replacing the note of its id.
    fn place_note(&mut self, home: Serial, note: Note, places: &mut Places) {
        if places.home.get(&note.id) == Some(&home) {
            let at = places.turn[&home];
            let notes = &mut self.r.interventions[at].notes;
            if let Some(slot) = notes.iter_mut().find(|n| n.id == note.id) {
                // Same place and time: the note keeps its position.
                if slot.time == note.time {
                    *slot = note;
                    return;
                }
            }
        }
        self.remove_note(note.id, places);
        let Some(&at) = places.turn.get(&home) else {
            return;
        };
        let notes = &mut self.r.interventions[at].notes;
        let position = notes.partition_point(|n| n.time <= note.time);
        places.home.insert(note.id, home);
        notes.insert(position, note);
    }

    /// Each turn stretched to hold its notes, in order of time, floor turns ended
    /// where the next begins; overlaps the merge made are said.
    fn settle_turns(&mut self) {
        for turn in &mut self.r.interventions {
            if let Some(first) = turn.notes.iter().map(|n| n.time).min() {
                turn.start = turn.start.min(first);
            }
            let last = turn.notes.iter().map(|n| n.time).max();
            if let (Some(end), Some(last)) = (turn.end, last)
                && last > end
            {
                turn.end = Some(last);
            }
        }
        self.r.interventions.sort_by_key(|i| i.start);
        end_floor_turns(&mut self.r);
        let before: HashSet<(Serial, Serial)> = floor_overlaps(self.k).into_iter().collect();
        for (first, second) in floor_overlaps(&self.r) {
            if !before.contains(&(first, second)) {
                self.notice(
                    format!("intervention {first}"),
                    format!("floor turns overlap: it has notes after intervention {second} starts"),
                );
            }
        }
    }
}

/// The three-way choice for one value: `Ok` with the side that changed it, or
/// `Err((k, x))` when both changed it differently.
fn settle<T: PartialEq + Clone>(base: &T, k: &T, x: &T) -> Result<T, (T, T)> {
    if k == x || x == base {
        Ok(k.clone())
    } else if k == base {
        Ok(x.clone())
    } else {
        Err((k.clone(), x.clone()))
    }
}
