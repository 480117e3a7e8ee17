//! A session and a sequence of odd edits applied through [`Meeting`] in memory, as
//! the screen and the importers apply them: commits of several edits, changes staged
//! step by step and then committed or dropped, lines typed in the capture syntax,
//! undo and redo. The edits name what the session holds most of the time, and now
//! and then what it does not (a removed person, a serial in use, a place past the end).
//!
//! After every step: an edit either applies or is refused with the session unchanged;
//! the session stays whole (every name, tag and group it refers to exists, serials are
//! unique); the tally, timeline and speaker counts kept edit by edit equal those
//! counted afresh. At the end the session saves and loads back equal, undoing
//! everything gives the start back, and redoing everything the end.

use std::collections::HashSet;

use arbitrary::Arbitrary;
use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::meeting::{Meeting, NotReverted};
use rapporteur::model::{
    Channel, Intervention, Meta, Note, NoteKind, Participant, Priority, Serial, Session,
};
use rapporteur::recorder::{Recording, record};
use rapporteur::resolve::Resolver;
use rapporteur::templates;

use crate::notes::{Line, assert_projections_fresh};
use crate::text::{self, Text, pick};

/// Most steps in a script, and most edits in one step, so that a run stays quick.
const STEPS: usize = 24;
const EDITS: usize = 6;

/// A session to start from and what is done to it.
#[derive(Arbitrary, Debug)]
pub struct Script {
    base: Base,
    steps: Vec<Step>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Base {
    /// The example meeting, with its interventions.
    Example,
    /// The example's roster and priorities, no interventions yet.
    Roster,
    /// The built-in templates.
    Gfmd,
    Default,
    /// Nothing at all.
    Empty,
}

#[derive(Arbitrary, Debug)]
enum Step {
    /// Edits committed as one change, all or none.
    Commit(Vec<Shape>),
    /// Steps applied one by one in a staged change, then committed (or dropped).
    Stage(Vec<Vec<Shape>>, bool),
    /// A line typed in the capture line, at a time.
    Type(Line, u16),
    Undo,
    Redo,
}

/// Something in the session an edit names: one of its items, or nothing it holds.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Pick {
    Some(u16),
    Missing,
}

/// The serial a new intervention or note gets.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum SerialPick {
    /// The next free ones.
    Fresh(u8),
    /// One an intervention or a note holds.
    InUse(u16),
    Zero,
}

#[derive(Arbitrary, Debug)]
struct NoteShape {
    text: Text,
    tags: Vec<Pick>,
    /// Priorities the note opposes (`#-tag`); one it also supports is refused.
    opposes: Vec<Pick>,
    quote: bool,
    emphasis: bool,
    minutes: u16,
    serial: SerialPick,
}

/// One edit, described by what it names.
#[derive(Arbitrary, Debug)]
enum Shape {
    AddParticipant {
        name: (u8, u8),
        group: Option<Pick>,
        reuse_id: Option<u16>,
    },
    RemoveParticipant(Pick),
    AddPriority {
        title: Text,
        reuse_id: Option<u16>,
    },
    RemovePriority(Pick),
    StartIntervention {
        participant: Pick,
        chat: bool,
        minutes: u16,
        serial: SerialPick,
    },
    RemoveLastIntervention {
        reopen: bool,
        other: Option<Pick>,
    },
    InsertNote {
        intervention: Pick,
        index: Option<u8>,
        note: NoteShape,
    },
    UpdateNote(Pick, NoteShape),
    DeleteNote(Pick),
    InsertIntervention {
        index: u8,
        participant: Pick,
        chat: bool,
        minutes: u16,
        end: Option<u16>,
        serial: SerialPick,
        notes: Vec<NoteShape>,
    },
    RemoveIntervention(Pick),
    SetEnd(Pick, Option<u16>),
    UpdateParticipant {
        who: Pick,
        name: Option<(u8, u8)>,
        group: Option<Pick>,
        role: Option<Text>,
    },
    UpdateMeta {
        title: Text,
        opens: Option<u16>,
        closes: Option<u16>,
    },
}

impl Base {
    fn session(self) -> Session {
        match self {
            Base::Example => crate::EXAMPLE.clone(),
            Base::Roster => crate::ROSTER.clone(),
            Base::Gfmd => templates::built_in("gfmd").expect("the gfmd template"),
            Base::Default => templates::default_template(),
            Base::Empty => Session::default(),
        }
    }
}

impl Script {
    /// Runs the script through a meeting in memory, checking after every step.
    pub fn check(&self) {
        let start = self.base.session();
        let mut meeting = Meeting::in_memory(start.clone());
        assert_projections_fresh(&meeting);
        let resolver = Resolver::default();
        for step in self.steps.iter().take(STEPS) {
            let before = meeting.session().clone();
            let depth = meeting.undo_depth();
            match step {
                Step::Commit(shapes) => {
                    let edits = resolve_all(&before, shapes);
                    let count = edits.len();
                    match meeting.commit(edits) {
                        Ok(_) => {
                            let grew = usize::from(count > 0);
                            assert_eq!(meeting.undo_depth(), depth + grew, "one change, one undo");
                        }
                        Err(_) => {
                            crate::assert_same(
                                meeting.session(),
                                &before,
                                "a refused commit changed the session",
                            );
                            assert_eq!(meeting.undo_depth(), depth);
                        }
                    }
                }
                Step::Stage(steps, keep) => {
                    let mut staged = meeting.stage();
                    for shapes in steps.iter().take(4) {
                        let now = staged.session().clone();
                        let edits = resolve_all(&now, shapes);
                        if staged.apply(edits).is_err() {
                            crate::assert_same(
                                staged.session(),
                                &now,
                                "a refused step changed the session",
                            );
                        }
                    }
                    if *keep {
                        let _ = staged.commit();
                    } else {
                        drop(staged);
                        crate::assert_same(
                            meeting.session(),
                            &before,
                            "a dropped change left something",
                        );
                        assert_eq!(meeting.undo_depth(), depth);
                    }
                }
                Step::Type(line, minutes) => {
                    let typed = line.typed(&before);
                    let now = Clock(u32::from(*minutes % 1440) * 60);
                    match record(&before, &resolver, &typed, now, &Recording::live()) {
                        Ok(recorded) => {
                            if let Err(error) = meeting.commit(recorded.edits.clone()) {
                                panic!(
                                    "the edits of {typed:?} do not apply: {error}\n{:?}",
                                    recorded.edits
                                );
                            }
                        }
                        Err(_) => crate::assert_same(
                            meeting.session(),
                            &before,
                            "a refused line changed the session",
                        ),
                    }
                }
                Step::Undo | Step::Redo => {
                    let done = if matches!(step, Step::Undo) {
                        meeting.undo()
                    } else {
                        meeting.redo()
                    };
                    if let Err(NotReverted::Refused(why)) = done {
                        panic!("{step:?} refused in a straight history: {why}");
                    }
                }
            }
            assert_whole(meeting.session());
            assert_projections_fresh(&meeting);
        }
        let end = meeting.session().clone();
        crate::assert_round_trips(&crate::added_since(&start, &end));
        // Undo everything: the start comes back (serials once taken stay taken).
        let mut undone = 0;
        loop {
            match meeting.undo() {
                Ok(_) => undone += 1,
                Err(NotReverted::Nothing) => break,
                Err(NotReverted::Refused(why)) => panic!("undo refused: {why}"),
            }
            assert_projections_fresh(&meeting);
        }
        let mut back = meeting.session().clone();
        assert!(back.next_serial >= start.next_serial);
        back.next_serial = start.next_serial;
        crate::assert_same(
            &back,
            &start,
            "undoing everything did not give the start back",
        );
        for _ in 0..undone {
            if let Err(error) = meeting.redo() {
                panic!("redo refused: {error:?}");
            }
        }
        crate::assert_same(
            meeting.session(),
            &end,
            "redoing everything did not give the end back",
        );
        assert_projections_fresh(&meeting);
    }
}

/// Every name, group and tag the session refers to exists, and serials are unique.
fn assert_whole(s: &Session) {
    let ids: HashSet<&str> = s.participants.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids.len(),
        s.participants.len(),
        "two participants share an id"
    );
    let tags: HashSet<&str> = s.priorities.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(tags.len(), s.priorities.len(), "two priorities share an id");
    for p in &s.participants {
        assert!(p.group.is_empty() || s.group(&p.group).is_some(), "{p:?}");
    }
    let mut serials = HashSet::new();
    for i in &s.interventions {
        assert!(ids.contains(i.participant.as_str()), "nobody made {i:?}");
        assert!(serials.insert(i.id), "serial {} twice", i.id);
        for n in &i.notes {
            assert!(serials.insert(n.id), "serial {} twice", n.id);
            for tag in &n.tags {
                assert!(tags.contains(tag.as_str()), "note {} tagged {tag}", n.id);
            }
        }
    }
    let highest = serials.iter().copied().max().unwrap_or(0);
    assert!(
        s.peek_serial() > highest,
        "serial {highest} would be handed out again"
    );
}

/// Edits for `shapes`, each resolved against the session as the ones before leave it.
fn resolve_all(session: &Session, shapes: &[Shape]) -> Vec<Edit> {
    let mut scratch = session.clone();
    let mut serial = scratch.peek_serial();
    let mut edits = Vec::new();
    for shape in shapes.iter().take(EDITS) {
        let edit = shape.resolve(&scratch, &mut serial);
        let _ = scratch.apply(edit.clone());
        edits.push(edit);
    }
    edits
}

fn time(minutes: u16) -> Clock {
    Clock(u32::from(minutes % 1440) * 60)
}

/// Every serial the session holds, in order.
fn serials(s: &Session) -> Vec<Serial> {
    s.interventions
        .iter()
        .flat_map(|i| std::iter::once(i.id).chain(i.notes.iter().map(|n| n.id)))
        .collect()
}

fn notes(s: &Session) -> Vec<&Note> {
    s.interventions.iter().flat_map(|i| &i.notes).collect()
}

impl Pick {
    /// The item `self` picks from `items`, if it picks one and there is one.
    fn of<'a, T>(self, items: &'a [T]) -> Option<&'a T> {
        match self {
            Pick::Some(i) if !items.is_empty() => Some(pick(items, i)),
            _ => None,
        }
    }
}

impl SerialPick {
    fn take(self, s: &Session, serial: &mut Serial) -> Serial {
        match self {
            SerialPick::Fresh(skip) => {
                let id = *serial + Serial::from(skip % 3);
                *serial = id + 1;
                id
            }
            SerialPick::InUse(i) => Pick::Some(i).of(&serials(s)).copied().unwrap_or(0),
            SerialPick::Zero => 0,
        }
    }
}

impl NoteShape {
    fn note(&self, s: &Session, serial: &mut Serial) -> Note {
        Note {
            id: self.serial.take(s, serial),
            text: self.text.render(8),
            tags: self
                .tags
                .iter()
                .take(3)
                .map(|t| match t.of(&s.priorities) {
                    Some(p) => p.id.clone(),
                    None => "no-such-priority".into(),
                })
                .collect(),
            kind: if self.quote {
                NoteKind::Quote
            } else {
                NoteKind::Point
            },
            emphasis: self.emphasis,
            time: time(self.minutes),
            opposes: self
                .opposes
                .iter()
                .take(2)
                .map(|t| match t.of(&s.priorities) {
                    Some(p) => p.id.clone(),
                    None => "no-such-priority".into(),
                })
                .collect(),
        }
    }
}

/// A participant id: the picked one, or one nobody has.
fn participant_id(s: &Session, pick: Pick) -> String {
    pick.of(&s.participants)
        .map_or_else(|| "nobody-at-all".into(), |p| p.id.clone())
}

fn group_id(s: &Session, pick: Option<Pick>) -> String {
    match pick {
        None => String::new(),
        Some(p) => p
            .of(&s.groups)
            .map_or_else(|| "no-such-group".into(), |g| g.id.clone()),
    }
}

fn intervention_id(s: &Session, pick: Pick) -> Serial {
    pick.of(&s.interventions).map_or(Serial::MAX, |i| i.id)
}

impl Shape {
    /// The edit this shape stands for in session `s`; `serial` is the next one to hand out.
    fn resolve(&self, s: &Session, serial: &mut Serial) -> Edit {
        match self {
            Shape::AddParticipant {
                name,
                group,
                reuse_id,
            } => {
                let name = text::unique_name(name.0, name.1, *serial as usize);
                let id = match reuse_id {
                    Some(i) if !s.participants.is_empty() => pick(&s.participants, *i).id.clone(),
                    _ => s.fresh_participant_id(&name),
                };
                Edit::AddParticipant(Participant {
                    id,
                    name,
                    affiliation: "Chile".into(),
                    group: group_id(s, *group),
                    role: None,
                    chair: false,
                })
            }
            // Mostly the last one added (removing undoes adding), now and then another.
            Shape::RemoveParticipant(p) => Edit::RemoveParticipant(
                match p {
                    Pick::Some(i) if i % 4 != 0 => s.participants.last().map(|p| p.id.clone()),
                    _ => Some(participant_id(s, *p)),
                }
                .unwrap_or_else(|| "nobody-at-all".into()),
            ),
            Shape::AddPriority { title, reuse_id } => {
                let title = format!("{} {}", title.render(4), text::letters(*serial as usize));
                let id = match reuse_id {
                    Some(i) if !s.priorities.is_empty() => pick(&s.priorities, *i).id.clone(),
                    _ => s.fresh_priority_id(&title),
                };
                Edit::AddPriority(Priority {
                    id,
                    title,
                    description: None,
                })
            }
            Shape::RemovePriority(p) => Edit::RemovePriority(
                match p {
                    Pick::Some(i) if i % 4 != 0 => s.priorities.last().map(|p| p.id.clone()),
                    _ => p.of(&s.priorities).map(|p| p.id.clone()),
                }
                .unwrap_or_else(|| "no-such-priority".into()),
            ),
            Shape::StartIntervention {
                participant,
                chat,
                minutes,
                serial: pick_serial,
            } => Edit::StartIntervention {
                id: pick_serial.take(s, serial),
                participant: participant_id(s, *participant),
                channel: if *chat { Channel::Chat } else { Channel::Floor },
                start: time(*minutes),
            },
            Shape::RemoveLastIntervention { reopen, other } => {
                let last = match other {
                    Some(p) => intervention_id(s, *p),
                    None => s.interventions.last().map_or(Serial::MAX, |i| i.id),
                };
                // The floor turn before the last one, which its start had closed.
                let before = s.interventions.len().checked_sub(1).and_then(|end| {
                    s.interventions[..end]
                        .iter()
                        .rev()
                        .find(|i| i.channel == Channel::Floor)
                        .map(|i| i.id)
                });
                Edit::RemoveLastIntervention {
                    id: last,
                    reopen: if *reopen { before } else { None },
                }
            }
            Shape::InsertNote {
                intervention,
                index,
                note,
            } => Edit::InsertNote {
                intervention: intervention_id(s, *intervention),
                index: index.map(usize::from),
                note: note.note(s, serial),
            },
            Shape::UpdateNote(p, shape) => {
                let all = notes(s);
                let mut note = shape.note(s, serial);
                note.id = p.of(&all).map_or(Serial::MAX, |n| n.id);
                Edit::UpdateNote(note)
            }
            Shape::DeleteNote(p) => Edit::DeleteNote(p.of(&notes(s)).map_or(Serial::MAX, |n| n.id)),
            Shape::InsertIntervention {
                index,
                participant,
                chat,
                minutes,
                end,
                serial: pick_serial,
                notes,
            } => {
                let id = pick_serial.take(s, serial);
                let notes = notes.iter().take(3).map(|n| n.note(s, serial)).collect();
                Edit::InsertIntervention {
                    index: usize::from(*index) % (s.interventions.len() + 2),
                    intervention: Intervention {
                        id,
                        participant: participant_id(s, *participant),
                        channel: if *chat { Channel::Chat } else { Channel::Floor },
                        start: time(*minutes),
                        end: end.map(time),
                        notes,
                    },
                }
            }
            Shape::RemoveIntervention(p) => Edit::RemoveIntervention(intervention_id(s, *p)),
            Shape::SetEnd(p, end) => Edit::SetEnd {
                intervention: intervention_id(s, *p),
                end: end.map(time),
            },
            Shape::UpdateParticipant {
                who,
                name,
                group,
                role,
            } => {
                let mut p = who.of(&s.participants).cloned().unwrap_or(Participant {
                    id: "nobody-at-all".into(),
                    name: "Nobody".into(),
                    affiliation: String::new(),
                    group: String::new(),
                    role: None,
                    chair: false,
                });
                if let Some((g, f)) = name {
                    p.name = text::unique_name(*g, *f, *serial as usize);
                }
                if let Some(group) = group {
                    p.group = group_id(s, Some(*group));
                }
                p.role = role.as_ref().map(|r| r.render(4));
                Edit::UpdateParticipant(p)
            }
            Shape::UpdateMeta {
                title,
                opens,
                closes,
            } => Edit::UpdateMeta(Meta {
                title: title.render(6),
                opens: opens.map(time),
                closes: closes.map(time),
                ..s.meta.clone()
            }),
        }
    }
}
