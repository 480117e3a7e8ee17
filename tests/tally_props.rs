//! Properties of the tally: it equals a naive recount, and folding edits one
//! by one equals counting afresh.

mod tally_fixture;

use std::collections::BTreeSet;

use proptest::prelude::*;
use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::meeting::{Projection, SpeakerCounts};
use rapporteur::model::{
    Channel, Group, Intervention, Note, NoteKind, Participant, Priority, Session,
};
use rapporteur::tally::Tally;
use tally_fixture::arb_session;

/// Every figure of the tally, counted the obvious way: a chair's turn with no tagged
/// note counts nowhere, `#tag` notes support, `#-tag` notes oppose when no note of the
/// turn supports.
fn recount(session: &Session, tally: &Tally) {
    let group_of = |who: &str| {
        session
            .participant(who)
            .map(|p| p.group.clone())
            .filter(|g| !g.is_empty())
    };
    let entity_of = |who: &str| match session.participant(who) {
        Some(p) if !p.affiliation.is_empty() => (p.group.clone(), p.affiliation.clone()),
        Some(p) => (p.group.clone(), format!("person:{}", p.id)),
        None => (String::new(), format!("person:{who}")),
    };
    let procedural = |i: &Intervention| {
        session
            .participant(&i.participant)
            .is_some_and(|p| p.chairs())
            && i.notes
                .iter()
                .all(|n| n.tags.is_empty() && n.opposes.is_empty())
    };
    let all = &session.interventions;
    let turns: Vec<&Intervention> = all.iter().filter(|i| !procedural(i)).collect();
    assert_eq!(tally.totals.procedural, all.len() - turns.len());
    assert_eq!(tally.totals.interventions, turns.len());
    let chat = turns.iter().filter(|i| i.channel == Channel::Chat).count();
    assert_eq!(
        (tally.totals.chat, tally.totals.floor),
        (chat, turns.len() - chat)
    );
    assert_eq!(
        tally.totals.notes,
        turns.iter().map(|i| i.notes.len()).sum::<usize>()
    );
    let speakers: BTreeSet<&str> = turns.iter().map(|i| i.participant.as_str()).collect();
    assert_eq!(tally.totals.speakers, speakers.len());
    assert_eq!(tally.totals.registered_people, session.participants.len());
    assert_eq!(
        tally.totals.not_in_group,
        session
            .participants
            .iter()
            .filter(|p| p.group.is_empty())
            .count()
    );
    let entities: BTreeSet<_> = session
        .participants
        .iter()
        .map(|p| entity_of(&p.id))
        .collect();
    assert_eq!(tally.totals.registered_entities, entities.len());
    // Groups with nobody registered are not among the "N groups".
    let present = |g: &Group| session.participants.iter().any(|p| p.group == g.id);
    let counting_present = session
        .groups
        .iter()
        .filter(|g| g.counts_for_convergence && present(g))
        .count();
    assert_eq!(tally.totals.counting_groups, counting_present);

    let mut keys = Vec::new();
    for priority in &session.priorities {
        let id = &priority.id;
        let p = tally.priority(id).unwrap();
        let supports = |i: &Intervention| i.notes.iter().any(|n| n.tags.contains(id));
        let raising: Vec<_> = turns.iter().filter(|i| supports(i)).collect();
        let opposing = turns
            .iter()
            .filter(|i| !supports(i) && i.notes.iter().any(|n| n.opposes.contains(id)))
            .count();
        let notes: Vec<_> = turns
            .iter()
            .flat_map(|i| &i.notes)
            .filter(|n| n.tags.contains(id) || n.opposes.contains(id))
            .collect();
        let support_notes: Vec<_> = notes.iter().filter(|n| n.tags.contains(id)).collect();
        assert_eq!(p.interventions, raising.len());
        assert_eq!(p.opposed, opposing);
        assert_eq!(
            p.chat,
            raising
                .iter()
                .filter(|i| i.channel == Channel::Chat)
                .count()
        );
        assert_eq!(p.notes, notes.len());
        assert_eq!(
            p.quotes,
            support_notes
                .iter()
                .filter(|n| n.kind == NoteKind::Quote)
                .count()
        );
        assert_eq!(
            p.emphasis,
            support_notes.iter().filter(|n| n.emphasis).count()
        );
        let who: BTreeSet<&str> = raising.iter().map(|i| i.participant.as_str()).collect();
        assert_eq!(p.speakers, who.len());
        let entities: BTreeSet<_> = who.iter().map(|w| entity_of(w)).collect();
        assert_eq!(p.entities, entities.len());
        let groups: BTreeSet<String> = who.iter().filter_map(|w| group_of(w)).collect();
        let expected: Vec<&str> = session
            .groups
            .iter()
            .filter(|g| groups.contains(&g.id))
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(p.groups, expected);
        let counting = session
            .groups
            .iter()
            .filter(|g| g.counts_for_convergence && groups.contains(&g.id))
            .count();
        assert_eq!(p.counting_groups, counting);
        assert_eq!(p.counting_groups_total, counting_present);
        assert_eq!(p.first, notes.iter().map(|n| n.time).min());
        assert_eq!(p.last, notes.iter().map(|n| n.time).max());
        keys.push((p.rank, (counting, raising.len(), entities.len())));
    }
    for row in &tally.groups {
        let turns: Vec<_> = turns
            .iter()
            .filter(|i| group_of(&i.participant).as_deref() == Some(row.group.as_str()))
            .collect();
        assert_eq!(row.interventions, turns.len());
        let people = session
            .participants
            .iter()
            .filter(|p| p.group == row.group)
            .count();
        assert_eq!(row.registered_people, people);
    }
    // A priority's rank is one more than the number of priorities better supported:
    // equal figures share a rank.
    for (rank, key) in &keys {
        let better = keys.iter().filter(|(_, other)| other > key).count();
        assert_eq!(*rank, better + 1, "{key:?} in {keys:?}");
    }
}

/// A change the rapporteur might make, as indices resolved against the session.
#[derive(Debug, Clone)]
enum Step {
    Start(usize, bool),
    Note(Vec<(usize, bool)>, bool, bool),
    Retag(usize, Vec<(usize, bool)>),
    Delete(usize),
    Undo,
    AddPriority,
    Chair(usize),
    Counting(usize),
    Rename(usize),
}

fn arb_step() -> impl Strategy<Value = Step> {
    let tags = proptest::collection::vec((0usize..8, proptest::bool::weighted(0.3)), 0..3);
    prop_oneof![
        2 => (0usize..20, any::<bool>()).prop_map(|(p, c)| Step::Start(p, c)),
        4 => (tags.clone(), any::<bool>(), any::<bool>()).prop_map(|(t, q, e)| Step::Note(t, q, e)),
        1 => (0usize..100, tags).prop_map(|(n, t)| Step::Retag(n, t)),
        1 => (0usize..100).prop_map(Step::Delete),
        1 => Just(Step::Undo),
        1 => Just(Step::AddPriority),
        1 => (0usize..20).prop_map(Step::Chair),
        1 => (0usize..5).prop_map(Step::Counting),
        1 => (0usize..8).prop_map(Step::Rename),
    ]
}

/// The supported and opposed priority ids for `t`, each once, never both ways.
fn stances(t: &[(usize, bool)], s: &Session) -> (Vec<String>, Vec<String>) {
    let (mut tags, mut opposes) = (Vec::new(), Vec::new());
    for &(i, against) in t {
        let Some(p) = s.priorities.get(i % s.priorities.len().max(1)) else {
            continue;
        };
        if tags.contains(&p.id) || opposes.contains(&p.id) {
            continue;
        }
        if against { &mut opposes } else { &mut tags }.push(p.id.clone());
    }
    (tags, opposes)
}

fn edit_for(step: &Step, session: &mut Session) -> Option<Edit> {
    let notes: Vec<Note> = session
        .interventions
        .iter()
        .flat_map(|i| i.notes.clone())
        .collect();
    let time = Clock(36000 + session.next_serial as u32 * 7);
    Some(match step {
        Step::Start(p, chat) => Edit::StartIntervention {
            id: session.take_serial(),
            participant: session
                .participants
                .get(p % session.participants.len())?
                .id
                .clone(),
            channel: if *chat { Channel::Chat } else { Channel::Floor },
            start: time,
        },
        Step::Note(t, quote, emphasis) => {
            let (tags, opposes) = stances(t, session);
            Edit::InsertNote {
                intervention: session.interventions.last()?.id,
                index: None,
                note: Note {
                    id: session.take_serial(),
                    text: "x".into(),
                    tags,
                    opposes,
                    kind: if *quote {
                        NoteKind::Quote
                    } else {
                        NoteKind::Point
                    },
                    emphasis: *emphasis,
                    time,
                },
            }
        }
        Step::Retag(n, t) => {
            let mut note = notes.get(n % notes.len().max(1))?.clone();
            (note.tags, note.opposes) = stances(t, session);
            note.emphasis = !note.emphasis;
            Edit::UpdateNote(note)
        }
        Step::Delete(n) => Edit::DeleteNote(notes.get(n % notes.len().max(1))?.id),
        Step::Undo | Step::AddPriority => {
            let n = session.priorities.len();
            Edit::AddPriority(Priority {
                id: format!("extra-{n}"),
                title: format!("Extra {n}"),
                description: None,
            })
        }
        Step::Chair(p) => {
            let who = session
                .participants
                .get(p % session.participants.len())?
                .clone();
            Edit::UpdateParticipant(Participant {
                chair: !who.chair,
                ..who
            })
        }
        Step::Counting(g) => {
            let group = session.groups.get(g % session.groups.len())?.clone();
            Edit::UpdateGroup(Group {
                counts_for_convergence: !group.counts_for_convergence,
                ..group
            })
        }
        Step::Rename(p) => {
            let priority = session
                .priorities
                .get(p % session.priorities.len().max(1))?
                .clone();
            Edit::UpdatePriority(Priority {
                title: format!("{} again", priority.title),
                ..priority
            })
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_tally_equals_a_naive_recount(session in arb_session()) {
        recount(&session, &Tally::compute(&session));
    }

    #[test]
    fn applying_edits_equals_counting_afresh(
        session in arb_session(),
        steps in proptest::collection::vec(arb_step(), 1..40),
    ) {
        let mut session = session;
        let mut tally = Tally::compute(&session);
        let mut speakers = SpeakerCounts::new(&session);
        let mut undo: Vec<Edit> = Vec::new();
        for step in &steps {
            let edit = if matches!(step, Step::Undo) {
                match undo.pop() {
                    Some(edit) => edit,
                    None => continue,
                }
            } else {
                match edit_for(step, &mut session) {
                    Some(edit) => edit,
                    None => continue,
                }
            };
            let Ok(inverse) = session.apply(edit.clone()) else { continue };
            if !matches!(step, Step::Undo) {
                undo.push(inverse.clone());
            }
            tally.apply(&session, &edit);
            prop_assert_eq!(&tally, &Tally::compute(&session), "after {:?}", edit);
            // The interventions per speaker leave the same procedural turns out.
            speakers.apply(&session, &edit, &inverse);
            prop_assert_eq!(&speakers, &SpeakerCounts::new(&session), "after {:?}", edit);
        }
        recount(&session, &tally);
    }
}
