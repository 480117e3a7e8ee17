use super::*;
use crate::clock::Clock;
use crate::model::{Channel, Note, NoteKind, Priority, fixture};

fn session() -> Session {
    let mut s = Session::default();
    s.groups.push(fixture::states());
    s.participants.push(fixture::person("ana", "Ana", "Chile"));
    s.priorities.push(Priority {
        id: "health".into(),
        title: "Health".into(),
        description: None,
    });
    s
}

fn start(id: u64) -> Edit {
    Edit::StartIntervention {
        id,
        participant: "ana".into(),
        channel: Channel::Floor,
        start: Clock::hms(10, 0, 0),
    }
}

fn insert(intervention: u64, id: u64, tag: bool) -> Edit {
    Edit::InsertNote {
        intervention,
        index: None,
        note: Note {
            id,
            text: format!("note {id}"),
            tags: if tag { vec!["health".into()] } else { vec![] },
            kind: NoteKind::Point,
            emphasis: false,
            time: Clock::hms(10, 0, 0),
            opposes: Vec::new(),
        },
    }
}

fn assert_projections_fresh(m: &Meeting) {
    assert_eq!(
        crate::tally::to_json(m.tally()),
        crate::tally::to_json(&Tally::compute(m.session()))
    );
    assert_eq!(m.timeline(), &Timeline::new(m.session()));
    assert_eq!(
        m.interventions_of("ana"),
        SpeakerCounts::new(m.session()).of("ana")
    );
}

#[test]
fn commits_undo_and_redo_keep_the_projections_fresh() {
    let mut m = Meeting::in_memory(session());
    let original = m.session().clone();
    assert!(matches!(
        m.commit(vec![start(1), insert(1, 2, true)]),
        Ok(Committed::Durable)
    ));
    assert!(matches!(
        m.commit(vec![insert(1, 3, false)]),
        Ok(Committed::Durable)
    ));
    assert_projections_fresh(&m);
    assert_eq!(m.interventions_of("ana"), 1);
    let undone = m.undo().unwrap();
    assert_eq!(undone.summary, "the note “note 3”");
    let undone = m.undo().unwrap();
    assert_eq!(undone.summary, "Ana's turn and the note “note 2”");
    assert_projections_fresh(&m);
    let mut expected = original.clone();
    expected.next_serial = m.session().next_serial;
    assert_eq!(m.session(), &expected);
    assert_eq!(m.undo().unwrap_err(), NotReverted::Nothing);
    assert_eq!(
        m.redo().unwrap().summary,
        "Ana's turn and the note “note 2”"
    );
    assert_projections_fresh(&m);
    assert_eq!(m.session().note_count(), 1);
}

#[test]
fn a_refused_commit_changes_nothing() {
    let mut m = Meeting::in_memory(session());
    let before = m.session().clone();
    assert!(m.commit(vec![start(1), insert(9, 2, false)]).is_err());
    assert_eq!(m.session().interventions, before.interventions);
    assert_projections_fresh(&m);
    assert!(m.next_undo().is_none());
}

#[test]
fn a_staged_change_is_one_undo_or_taken_back_whole() {
    let mut m = Meeting::in_memory(session());
    let before = m.session().clone();
    {
        let mut staged = m.stage();
        staged.apply(vec![start(1)]).unwrap();
        staged.apply(vec![insert(1, 2, true)]).unwrap();
        assert_eq!(staged.session().note_count(), 1);
        assert!(staged.apply(vec![insert(7, 3, false)]).is_err());
        assert_eq!(staged.len(), 2);
        // Dropped: taken back.
    }
    assert_eq!(m.session().interventions, before.interventions);
    assert_projections_fresh(&m);
    let mut staged = m.stage();
    staged.apply(vec![start(1)]).unwrap();
    staged.apply(vec![insert(1, 2, true)]).unwrap();
    assert!(matches!(staged.commit(), Committed::Durable));
    assert_projections_fresh(&m);
    let _ = m.undo().unwrap();
    assert!(m.session().interventions.is_empty());
    assert_projections_fresh(&m);
}

#[test]
fn a_file_meeting_journals_every_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut m = Meeting::create(&path, session()).unwrap();
    let _ = m.commit(vec![start(1), insert(1, 2, true)]).unwrap();
    let mut staged = m.stage();
    staged.apply(vec![insert(1, 3, false)]).unwrap();
    let _ = staged.commit();
    assert_eq!(m.saved_state(), SavedState::Journaled);
    // What a crash would leave: the journal replays both commits.
    assert_eq!(crate::storage::load(&path).unwrap().note_count(), 2);
    assert_eq!(m.close().unwrap(), Some(path.clone()));
    assert_eq!(crate::storage::load(&path).unwrap().note_count(), 2);
}

#[test]
fn a_chairs_turn_counts_once_it_has_a_tagged_note() {
    let mut chaired = session();
    chaired.participants[0].role = Some("Chair".into());
    let mut m = Meeting::in_memory(chaired);
    let _ = m.commit(vec![start(1), insert(1, 2, false)]).unwrap();
    // Opening words: procedural, counted nowhere.
    assert!(m.tally().is_procedural(1));
    assert_eq!(
        (m.interventions_of("ana"), m.tally().totals.interventions),
        (0, 0)
    );
    assert_projections_fresh(&m);
    let _ = m.commit(vec![insert(1, 3, true)]).unwrap();
    assert!(!m.tally().is_procedural(1));
    assert_eq!(
        (m.interventions_of("ana"), m.tally().totals.interventions),
        (1, 1)
    );
    assert_projections_fresh(&m);
    let _ = m.undo().unwrap();
    assert_eq!(m.interventions_of("ana"), 0);
    assert_projections_fresh(&m);
    // The chair's mark taken back through an edit: her turns count again.
    let mut ana = m.session().participants[0].clone();
    ana.role = None;
    let _ = m.commit(vec![Edit::UpdateParticipant(ana)]).unwrap();
    assert_eq!(m.interventions_of("ana"), 1);
    assert_projections_fresh(&m);
}

#[test]
fn set_up_edits_keep_the_projections_fresh_and_undo() {
    let mut m = Meeting::in_memory(session());
    let _ = m.commit(vec![start(1), insert(1, 2, true)]).unwrap();
    let before = m.session().clone();
    let group = crate::model::Group {
        id: "cities".into(),
        name: "Cities".into(),
        singular: "city".into(),
        plural: "cities".into(),
        counts_for_convergence: true,
    };
    let _ = m
        .commit(vec![
            Edit::AddGroup { index: None, group },
            Edit::UpdatePriority(Priority {
                id: "health".into(),
                title: "Open health services".into(),
                description: None,
            }),
            Edit::UpdateMeta(crate::model::Meta {
                title: "Hearing".into(),
                ..crate::model::Meta::default()
            }),
        ])
        .unwrap();
    assert_eq!(
        m.tally().priority("health").unwrap().title,
        "Open health services"
    );
    assert_projections_fresh(&m);
    assert_eq!(m.next_undo(), Some("3 changes to the meeting's set-up"));
    let _ = m.undo().unwrap();
    assert_eq!(m.session(), &before);
    assert_projections_fresh(&m);
}

/// A line naming someone new adds them and starts their turn in one change: each edit
/// is counted against the session as it stood right after it, not after the whole change.
#[test]
fn a_change_that_adds_a_speaker_and_their_turn_is_counted_once() {
    let newcomer = crate::model::Participant {
        id: "bo".into(),
        name: "Bo".into(),
        affiliation: String::new(),
        group: String::new(),
        role: None,
        chair: false,
    };
    let turn = |id| Edit::StartIntervention {
        id,
        participant: "bo".into(),
        channel: Channel::Floor,
        start: Clock::hms(10, 0, 0),
    };
    let mut m = Meeting::in_memory(Session::default());
    let _ = m
        .commit(vec![Edit::AddParticipant(newcomer.clone()), turn(1)])
        .unwrap();
    assert_projections_fresh(&m);
    let _ = m.undo().unwrap();
    assert_projections_fresh(&m);
    let _ = m.redo().unwrap();
    assert_projections_fresh(&m);
    let mut staged = m.stage();
    staged.apply(vec![insert(1, 2, false), turn(3)]).unwrap();
    drop(staged);
    assert_projections_fresh(&m);
    let mut staged = m.stage();
    let mut other = newcomer;
    other.id = "cy".into();
    staged
        .apply(vec![
            Edit::AddParticipant(other),
            Edit::StartIntervention {
                id: 3,
                participant: "cy".into(),
                channel: Channel::Chat,
                start: Clock::hms(10, 1, 0),
            },
        ])
        .unwrap();
    let _ = staged.commit();
    assert_projections_fresh(&m);
}
