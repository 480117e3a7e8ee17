//! The three-way merge behind `rapporteur merge-driver`: two rapporteurs' versions of
//! one session over the version both started from. Each side's edits, retags and
//! deletions are kept where the other left the note alone; both sides' additions are
//! kept, a note both added joined once; what both changed differently is a conflict;
//! the pushed side keeps every id.

mod merge_support;

use std::collections::HashMap;

use merge_support::{Rapporteur, holds_every_note, recount};
use proptest::prelude::*;
use rapporteur::check::{Severity, validate};
use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::merge::{Pushed, merge3};
use rapporteur::model::{Channel, Note, NoteKind, Serial, Session};

/// What one rapporteur does to the shared session after the last pull.
#[derive(Debug, Clone)]
enum Op {
    /// A new turn after the base's last one, `later` minutes on, with notes.
    Turn {
        who: usize,
        chat: bool,
        later: u32,
        notes: Vec<(usize, Vec<usize>)>,
    },
    /// A note added to a turn of the base.
    Continue { turn: usize, text: usize },
    /// A base note retagged.
    Retag { note: usize, tags: Vec<usize> },
    /// A base note's text edited.
    Reword { note: usize },
    /// A base note deleted.
    Delete { note: usize },
    /// A base note's strong voice toggled.
    Strong { note: usize },
    /// Someone new on the roster, who may speak in a later new turn.
    Person { name: usize },
}

fn arb_op() -> impl Strategy<Value = Op> {
    let tags = || prop::collection::vec(0usize..4, 0..3);
    prop_oneof![
        (
            0usize..7,
            any::<bool>(),
            0u32..4,
            prop::collection::vec((0usize..4, tags()), 0..3)
        )
            .prop_map(|(who, chat, later, notes)| Op::Turn {
                who,
                chat,
                later,
                notes
            }),
        (0usize..8, 0usize..4).prop_map(|(turn, text)| Op::Continue { turn, text }),
        (0usize..16, tags()).prop_map(|(note, tags)| Op::Retag { note, tags }),
        (0usize..16).prop_map(|note| Op::Reword { note }),
        (0usize..16).prop_map(|note| Op::Delete { note }),
        (0usize..16).prop_map(|note| Op::Strong { note }),
        (0usize..2).prop_map(|name| Op::Person { name }),
    ]
}

type Base = (usize, Vec<(usize, bool, Vec<Vec<usize>>)>);

fn arb_base() -> impl Strategy<Value = Base> {
    let turn = (
        0usize..6,
        any::<bool>(),
        prop::collection::vec(prop::collection::vec(0usize..4, 0..3), 0..4),
    );
    (3usize..7, prop::collection::vec(turn, 0..7))
}

/// The session both rapporteurs pulled.
fn base_session((people, turns): &Base) -> Session {
    let mut r = Rapporteur::new();
    for i in 0..*people {
        let group = ["states", "civil-society", "business", "mayors"][i % 4];
        r.person(
            &format!("p{i}"),
            &format!("Zq Person{i}"),
            &format!("Xv Entity{i}"),
            group,
        );
    }
    for t in 0..4 {
        r.priority(&format!("t{t}"), &format!("Priority {t}"));
    }
    for (k, (who, chat, notes)) in turns.iter().enumerate() {
        let start = 36_000 + 300 * k as u32;
        let channel = if *chat { Channel::Chat } else { Channel::Floor };
        r.turn(&format!("p{}", who % people), channel, start);
        for (j, tags) in notes.iter().enumerate() {
            let tags: Vec<String> = tags.iter().map(|t| format!("t{t}")).collect();
            r.note(
                &format!("base point {k}.{j}"),
                &dedup(tags),
                NoteKind::Point,
                false,
                start + j as u32,
            );
        }
    }
    r.session
}

fn dedup(tags: Vec<String>) -> Vec<String> {
    merge_support::dedup(tags)
}

/// The base notes, in order.
fn base_notes(s: &Session) -> Vec<Note> {
    s.interventions
        .iter()
        .flat_map(|i| i.notes.clone())
        .collect()
}

/// `base` with `ops` applied, as rapporteur `side` ("A" or "B") would through the screen.
fn side(base: &Session, side: &str, ops: &[Op]) -> Session {
    let mut s = base.clone();
    let people: Vec<String> = base.participants.iter().map(|p| p.id.clone()).collect();
    let notes = base_notes(base);
    let mut clock = base
        .interventions
        .iter()
        .flat_map(|i| std::iter::once(i.start).chain(i.notes.iter().map(|n| n.time)))
        .max()
        .map_or(36_000, |c| c.seconds())
        // After the notes a side may still add to the base's turns.
        + 20;
    let mut newcomers: Vec<String> = Vec::new();
    for op in ops {
        match op {
            Op::Turn {
                who,
                chat,
                later,
                notes,
            } => {
                clock += 60 * later + 1;
                let all: Vec<&String> = people.iter().chain(&newcomers).collect();
                let id = s.take_serial();
                let channel = if *chat { Channel::Chat } else { Channel::Floor };
                let start = Edit::StartIntervention {
                    id,
                    participant: all[who % all.len()].clone(),
                    channel,
                    start: Clock(clock),
                };
                s.apply(start).unwrap();
                for (j, (text, tags)) in notes.iter().enumerate() {
                    let note = Note {
                        id: s.take_serial(),
                        text: format!("new point {text}"),
                        tags: dedup(tags.iter().map(|t| format!("t{t}")).collect()),
                        kind: NoteKind::Point,
                        emphasis: false,
                        time: Clock(clock + j as u32),
                        opposes: Vec::new(),
                    };
                    s.apply(Edit::InsertNote {
                        intervention: id,
                        index: None,
                        note,
                    })
                    .unwrap();
                }
                clock += notes.len() as u32;
            }
            Op::Continue { turn, text } => {
                let Some(i) = base
                    .interventions
                    .get(turn % base.interventions.len().max(1))
                else {
                    continue;
                };
                let note = Note {
                    id: s.take_serial(),
                    text: format!("later point {text}"),
                    tags: vec![],
                    kind: NoteKind::Point,
                    emphasis: false,
                    time: Clock(i.start.seconds() + 10 + *text as u32),
                    opposes: Vec::new(),
                };
                let _ = s.apply(Edit::InsertNote {
                    intervention: i.id,
                    index: None,
                    note,
                });
            }
            Op::Retag { note, .. } | Op::Reword { note } | Op::Strong { note }
                if !notes.is_empty() =>
            {
                let Some(mut n) = s.note(notes[note % notes.len()].id).cloned() else {
                    continue;
                };
                match op {
                    Op::Retag { tags, .. } => {
                        n.tags = dedup(tags.iter().map(|t| format!("t{t}")).collect())
                    }
                    Op::Reword { .. } => n.text.push_str(&format!(" (as {side} heard it)")),
                    _ => n.emphasis = !n.emphasis,
                }
                s.apply(Edit::UpdateNote(n)).unwrap();
            }
            Op::Delete { note } if !notes.is_empty() => {
                let _ = s.apply(Edit::DeleteNote(notes[note % notes.len()].id));
            }
            Op::Person { name } => {
                let id = format!("new-{name}");
                if s.participant(&id).is_none() {
                    let p = rapporteur::model::Participant {
                        id: id.clone(),
                        name: format!("Zq Newcomer{name}"),
                        affiliation: String::new(),
                        group: "observers".into(),
                        role: None,
                        chair: false,
                    };
                    s.apply(Edit::AddParticipant(p)).unwrap();
                    newcomers.push(id);
                }
            }
            _ => {}
        }
    }
    s
}

/// What the three-way rule says becomes of one value.
fn expected<T: PartialEq + Clone>(base: &T, a: &T, b: &T) -> Option<T> {
    if a == b || b == base {
        Some(a.clone())
    } else if a == base {
        Some(b.clone())
    } else {
        None
    }
}

/// A note as compared here: text, tags as a set, kind, strong voice, time.
fn face(n: &Note) -> (String, Vec<String>, NoteKind, bool, Clock) {
    let mut tags = n.tags.clone();
    tags.sort();
    (n.text.clone(), tags, n.kind, n.emphasis, n.time)
}

/// `s` with only the notes the base lacks.
fn additions(s: &Session, base: &Session) -> Session {
    let mut out = s.clone();
    for i in &mut out.interventions {
        i.notes.retain(|n| base.note(n.id).is_none());
    }
    out
}

fn no_errors(s: &Session) -> Vec<String> {
    validate(s)
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.to_string())
        .collect()
}

/// Whether two sessions hold the same meeting, whatever their counters say.
fn same(a: &Session, b: &Session) -> bool {
    (
        &a.meta,
        &a.groups,
        &a.participants,
        &a.priorities,
        &a.interventions,
    ) == (
        &b.meta,
        &b.groups,
        &b.participants,
        &b.priorities,
        &b.interventions,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn both_sides_work_is_kept(
        base in arb_base(),
        ops_a in prop::collection::vec(arb_op(), 0..8),
        ops_b in prop::collection::vec(arb_op(), 0..8),
    ) {
        let o = base_session(&base);
        let a = side(&o, "A", &ops_a);
        let b = side(&o, "B", &ops_b);
        for s in [&o, &a, &b] {
            prop_assert!(no_errors(s).is_empty(), "{:?}", no_errors(s));
        }
        // A merges what B pushed: B keeps its ids.
        let merged = merge3(&o, &a, &b, Pushed::Theirs);
        let r = &merged.session;
        prop_assert!(no_errors(r).is_empty(), "{:?}", no_errors(r));
        recount(r);
        prop_assert_eq!(&merge3(&o, &a, &b, Pushed::Theirs), &merged);

        // The same merge seen from B's side while rebasing (B is then ours and pushed).
        let rebased = merge3(&o, &b, &a, Pushed::Ours);
        if merged.conflicts.is_empty() {
            prop_assert!(rebased.conflicts.is_empty());
            prop_assert_eq!(&rebased.session, r);
        } else {
            prop_assert_eq!(rebased.conflicts.len(), merged.conflicts.len());
        }

        // Every note of the base as the three-way rule says, unless it is a conflict.
        let conflicted = |id: Serial| merged.conflicts.iter().any(|c| c.place.starts_with(&format!("note {id} ")));
        for on in base_notes(&o) {
            let (an, bn) = (a.note(on.id).map(face), b.note(on.id).map(face));
            let want = match (&an, &bn) {
                (Some(x), Some(y)) => {
                    let (t, g, k, e, c) = (
                        expected(&on.text, &x.0, &y.0),
                        expected(&face(&on).1, &x.1, &y.1),
                        expected(&on.kind, &x.2, &y.2),
                        expected(&on.emphasis, &x.3, &y.3),
                        expected(&on.time, &x.4, &y.4),
                    );
                    match (t, g, k, e, c) {
                        (Some(t), Some(g), Some(k), Some(e), Some(c)) => Some(Some((t, g, k, e, c))),
                        _ => None,
                    }
                }
                (Some(x), None) | (None, Some(x)) => (*x == face(&on)).then_some(None),
                (None, None) => Some(None),
            };
            match want {
                Some(want) => prop_assert_eq!(r.note(on.id).map(face), want, "note {}", on.id),
                None => prop_assert!(conflicted(on.id), "note {} should be a conflict: {:?}", on.id, merged.conflicts),
            }
        }

        // B's additions keep their ids; A's are all there, renumbered where B took the id.
        for i in &b.interventions {
            for n in i.notes.iter().filter(|n| o.note(n.id).is_none()) {
                let kept = r.note(n.id).expect("B's note kept under its id");
                prop_assert_eq!((&kept.text, kept.time), (&n.text, n.time));
                prop_assert!(n.tags.iter().all(|t| kept.tags.contains(t)));
            }
        }
        holds_every_note(&additions(&a, &o), r);
        let added = |s: &Session| s.interventions.iter().flat_map(|i| &i.notes).filter(|n| o.note(n.id).is_none()).count();
        prop_assert_eq!(merged.notes_added, added(&a));
        let survivors = base_notes(&o).iter().filter(|n| r.note(n.id).is_some()).count();
        prop_assert_eq!(r.note_count(), survivors + added(&b) + added(&a) - merged.notes_joined);
        let renumbered: HashMap<Serial, Serial> = merged.renumbered.iter().copied().collect();
        for (old, new) in &renumbered {
            prop_assert!(b.note(*old).is_some() || b.interventions.iter().any(|i| i.id == *old), "only ids B uses are renumbered");
            prop_assert!(*new >= a.next_serial.max(b.next_serial));
        }

        // One side unchanged, or both the same: the other side as it is.
        prop_assert!(same(&merge3(&o, &a, &o, Pushed::Theirs).session, &a));
        prop_assert!(same(&merge3(&o, &o, &b, Pushed::Theirs).session, &b));
        prop_assert!(same(&merge3(&o, &a, &a, Pushed::Theirs).session, &a));
    }
}

/// The base of the tests below: one floor turn with two notes.
fn small_base() -> Session {
    let mut r = Rapporteur::new();
    r.person("ana", "Zq Ana", "Chile", "states");
    r.person("bo", "Zq Bo", "Lagos Employers Forum", "business");
    r.turn("ana", Channel::Floor, 36_000);
    r.note(
        "fix recruitment",
        &["recruitment".into()],
        NoteKind::Point,
        false,
        36_000,
    );
    r.note("cities first", &[], NoteKind::Point, false, 36_010);
    r.session
}

fn retagged(s: &Session, id: Serial, tags: &[&str]) -> Session {
    let mut s = s.clone();
    let mut note = s.note(id).unwrap().clone();
    note.tags = tags.iter().map(|t| t.to_string()).collect();
    s.apply(Edit::UpdateNote(note)).unwrap();
    s
}

#[test]
fn the_same_note_retagged_differently_is_a_conflict() {
    let o = small_base();
    let note = o.interventions[0].notes[0].id;
    let a = retagged(&o, note, &["health"]);
    let b = retagged(&o, note, &["data"]);
    let merged = merge3(&o, &a, &b, Pushed::Theirs);
    let conflicts: Vec<String> = merged.conflicts.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        conflicts,
        [format!(
            "note {note} (10:00:00): retagged on both sides: ours #health, theirs #data, before #recruitment; kept ours"
        )]
    );
    assert_eq!(merged.session.note(note).unwrap().tags, ["health"]);
    // Retagged the same way on both sides, it merges.
    let merged = merge3(&o, &a, &a, Pushed::Theirs);
    assert!(merged.conflicts.is_empty());
    // One side retags, the other rewords: both changes are kept.
    let mut c = o.clone();
    let mut n = c.note(note).unwrap().clone();
    n.text = "fix recruitment now".into();
    c.apply(Edit::UpdateNote(n)).unwrap();
    let merged = merge3(&o, &a, &c, Pushed::Theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let n = merged.session.note(note).unwrap();
    assert_eq!(
        (n.text.as_str(), n.tags.as_slice()),
        ("fix recruitment now", &["health".to_string()][..])
    );
}

#[test]
fn a_deletion_stands_unless_the_other_side_changed_the_note() {
    let o = small_base();
    let (first, second) = (
        o.interventions[0].notes[0].id,
        o.interventions[0].notes[1].id,
    );
    let mut a = o.clone();
    a.apply(Edit::DeleteNote(first)).unwrap();
    a.apply(Edit::DeleteNote(second)).unwrap();
    let b = retagged(&o, second, &["data"]);
    let merged = merge3(&o, &a, &b, Pushed::Theirs);
    assert!(
        merged.session.note(first).is_none(),
        "deleted by A, left alone by B"
    );
    assert!(
        merged.session.note(second).is_some(),
        "deleted by A, retagged by B: kept"
    );
    let conflicts: Vec<String> = merged.conflicts.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        conflicts,
        [format!(
            "note {second} (10:00:10): deleted in ours, changed in theirs; kept, as theirs has it"
        )]
    );
}

#[test]
fn ids_of_the_pushed_side_never_change() {
    let o = small_base();
    let add = |s: &Session, text: &str, at: u32| {
        let mut s = s.clone();
        let id = s.take_serial();
        s.apply(Edit::StartIntervention {
            id,
            participant: "bo".into(),
            channel: Channel::Chat,
            start: Clock(at),
        })
        .unwrap();
        let note = Note {
            id: s.take_serial(),
            text: text.into(),
            tags: vec![],
            kind: NoteKind::Point,
            emphasis: false,
            time: Clock(at),
            opposes: Vec::new(),
        };
        s.apply(Edit::InsertNote {
            intervention: id,
            index: None,
            note,
        })
        .unwrap();
        s
    };
    let a = add(&o, "the ILO initiative", 36_600);
    let b = add(&o, "a link to the survey", 37_200);
    let b_note = b.interventions[1].notes[0].id;
    assert_eq!(
        a.interventions[1].notes[0].id, b_note,
        "both took the same serial"
    );
    // In a merge, B was pushed: A's addition moves.
    let merged = merge3(&o, &a, &b, Pushed::Theirs);
    assert_eq!(
        merged.session.note(b_note).unwrap().text,
        "a link to the survey"
    );
    assert_eq!(merged.renumbered.len(), 2, "A's intervention and note");
    // In a rebase, A (ours) is the upstream: B's addition moves.
    let rebased = merge3(&o, &a, &b, Pushed::Ours);
    assert_eq!(
        rebased.session.note(b_note).unwrap().text,
        "the ILO initiative"
    );
    // The next merge, after A pushed its merge and B added more, keeps both again.
    let a2 = add(&merged.session, "a third point", 37_800);
    let b2 = add(&b, "a fourth point", 38_400);
    let next = merge3(&b, &b2, &a2, Pushed::Theirs);
    assert!(next.conflicts.is_empty(), "{:?}", next.conflicts);
    let texts: Vec<&str> = next
        .session
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "fix recruitment",
            "cities first",
            "the ILO initiative",
            "a link to the survey",
            "a third point",
            "a fourth point"
        ]
    );
    assert_eq!(
        next.session.note(b_note).unwrap().text,
        "a link to the survey",
        "ids pushed stay"
    );
    assert!(
        validate(&next.session)
            .iter()
            .all(|f| f.severity == Severity::Warning)
    );
}
