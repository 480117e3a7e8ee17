//! Session files: round-trips, the journal, broken files, locks.

mod cli_support;

use std::fs;
use std::path::Path;

use proptest::prelude::*;
use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::model::{
    Channel, Group, Intervention, Meta, Note, NoteKind, Participant, Priority, Session,
};
use rapporteur::storage::{self, SessionFile, StorageError, journal_path};

/// Text that stresses RON: quotes, backslashes, newlines, raw-string markers, any Unicode.
fn awkward_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z \"\\\\\n\r\t#@!“”'()\\[\\],:]{0,40}",
        Just("r#\"raw\"# \\u{1F600} ) ] }".to_string()),
    ]
}

fn arb_session() -> impl Strategy<Value = Session> {
    let meta = (
        awkward_text(),
        awkward_text(),
        prop::collection::vec(awkward_text(), 0..3),
        prop::option::of(0u32..100_000),
    )
        .prop_map(|(title, theme, focus_areas, opens)| Meta {
            date: "2020-06-02".into(),
            format: String::new(),
            languages: vec!["English".into()],
            focus_areas,
            opens: opens.map(Clock),
            closes: opens.map(|o| Clock(o + 7200)),
            // The French words round-trip too, awkward text and all.
            translations: [(
                "fr".to_string(),
                rapporteur::model::Translation {
                    title: theme.clone(),
                    groups: [(
                        "g".to_string(),
                        rapporteur::model::GroupWords {
                            name: title.clone(),
                            gender: rapporteur::model::Gender::Feminine,
                            ..Default::default()
                        },
                    )]
                    .into(),
                    ..Default::default()
                },
            )]
            .into(),
            title,
            theme,
        });
    let participants = prop::collection::vec(
        (
            awkward_text(),
            awkward_text(),
            prop::option::of(awkward_text()),
        ),
        1..5,
    );
    let notes = prop::collection::vec(
        (awkward_text(), any::<bool>(), any::<bool>(), 0u32..200_000),
        0..4,
    );
    let interventions = prop::collection::vec((any::<bool>(), notes), 0..5);
    (meta, participants, interventions).prop_map(|(meta, people, turns)| {
        let mut s = Session {
            meta,
            ..Session::default()
        };
        s.groups.push(Group {
            id: "g".into(),
            name: "Group \"one\"".into(),
            singular: "entity".into(),
            plural: "entities".into(),
            counts_for_convergence: false,
        });
        s.priorities.push(Priority {
            id: "p".into(),
            title: "Priority\\".into(),
            description: Some("line\nbreak".into()),
        });
        for (i, (name, affiliation, role)) in people.into_iter().enumerate() {
            s.participants.push(Participant {
                id: format!("p{i}"),
                name,
                affiliation,
                group: "g".into(),
                role,
                chair: false,
            });
        }
        for (chat, notes) in turns {
            let id = s.take_serial();
            let notes = notes
                .into_iter()
                .map(|(text, quote, emphasis, t)| Note {
                    id: s.take_serial(),
                    text,
                    tags: vec!["p".into()],
                    kind: if quote {
                        NoteKind::Quote
                    } else {
                        NoteKind::Point
                    },
                    emphasis,
                    time: Clock(t),
                    opposes: Vec::new(),
                })
                .collect();
            s.interventions.push(Intervention {
                id,
                participant: "p0".into(),
                channel: if chat { Channel::Chat } else { Channel::Floor },
                start: Clock(0),
                end: None,
                notes,
            });
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_session_survives_ron(session in arb_session()) {
        let text = storage::to_ron(&session);
        let back = storage::from_ron(&text, Path::new("s.ron")).unwrap();
        prop_assert_eq!(back, session);
    }

    #[test]
    fn any_note_survives_the_journal(text in awkward_text(), tag_text in awkward_text()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        let mut session = cli_support::gfmd_2020();
        session.participants.push(Participant {
            id: "a".into(), name: tag_text, affiliation: String::new(), group: "states".into(), role: None, chair: false, });
        let mut file = SessionFile::create(&path, &session).unwrap();
        let start = Edit::StartIntervention { id: 1, participant: "a".into(), channel: Channel::Floor, start: Clock(5) };
        let note = Note { id: 2, text, tags: vec!["data".into()], kind: NoteKind::Quote, emphasis: true, time: Clock(6), opposes: Vec::new(), };
        file.commit_all(&mut session, vec![start, Edit::InsertNote { intervention: 1, index: None, note }]).unwrap();
        drop(file);
        let journal = fs::read_to_string(journal_path(&path)).unwrap();
        prop_assert_eq!(journal.lines().count(), 1, "one line per commit, no raw newlines");
        prop_assert_eq!(storage::load(&path).unwrap(), session);
    }
}

/// The example session, to write as a new file: a new file's journal starts afresh
/// (`SessionFile::create` numbers it from 0), whatever the example's file had folded in.
fn example() -> Session {
    let mut session =
        storage::load(Path::new("sessions/gfmd-2020-migrant-protection.ron")).unwrap();
    session.journal_seq = 0;
    session
}

fn new_note(session: &Session, text: &str) -> Edit {
    Edit::InsertNote {
        intervention: session.interventions.last().unwrap().id,
        index: None,
        note: Note {
            id: session.peek_serial(),
            text: text.into(),
            tags: vec![],
            kind: NoteKind::Point,
            emphasis: false,
            time: Clock::hms(12, 0, 0),
            opposes: Vec::new(),
        },
    }
}

#[test]
fn commits_replay_after_a_crash_and_fold_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut session = example();
    SessionFile::create(&path, &session).unwrap().release();
    let on_disk = fs::read(&path).unwrap();

    let (mut file, mut live, recovery) = SessionFile::open(&path).unwrap();
    assert_eq!(recovery.replayed, 0);
    for i in 0..3 {
        let edit = new_note(&live, &format!("point {i}"));
        file.commit(&mut live, edit).unwrap();
    }
    // A crash: the file is untouched, the journal holds the three commits.
    std::mem::forget(file);
    assert_eq!(fs::read(&path).unwrap(), on_disk);
    fs::remove_file(storage::lock_path(&path)).ok();

    let (mut file, mut reopened, recovery) = SessionFile::open(&path).unwrap();
    assert_eq!(recovery.replayed, 3);
    assert_eq!(reopened, live);
    file.save(&mut reopened).unwrap();
    assert_eq!(fs::metadata(journal_path(&path)).unwrap().len(), 0);
    drop(file);
    let folded = storage::load(&path).unwrap();
    assert_eq!(folded.note_count(), session.note_count() + 3);
    session = folded;
    assert_eq!(session.journal_seq, 3);
}

#[test]
fn a_torn_last_journal_line_is_dropped_and_the_next_commit_saves_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut session = example();
    let mut file = SessionFile::create(&path, &session).unwrap();
    let edit = new_note(&session, "kept");
    file.commit(&mut session, edit).unwrap();
    drop(file);
    let journal = journal_path(&path);
    let mut bytes = fs::read(&journal).unwrap();
    // The next line's number, torn before its end.
    let torn = format!("{} 0badc0de InsertNote(interv", session.journal_seq + 1);
    bytes.extend_from_slice(torn.as_bytes());
    fs::write(&journal, bytes).unwrap();

    let (mut file, mut live, recovery) = SessionFile::open(&path).unwrap();
    assert!(recovery.torn_tail);
    assert_eq!(live, session);
    let edit = new_note(&live, "after the tear");
    file.commit(&mut live, edit).unwrap();
    drop(file);
    assert_eq!(storage::load(&path).unwrap(), live);
}

#[test]
fn a_damaged_journal_line_before_good_ones_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut session = example();
    let mut file = SessionFile::create(&path, &session).unwrap();
    for text in ["a", "b"] {
        let edit = new_note(&session, text);
        file.commit(&mut session, edit).unwrap();
    }
    drop(file);
    let journal = journal_path(&path);
    let text = fs::read_to_string(&journal).unwrap().replacen("a", "A", 1);
    fs::write(&journal, text).unwrap();
    let error = storage::load(&path).unwrap_err().to_string();
    assert!(
        error.ends_with("m.ron.journal:1:1: journal line fails its checksum"),
        "{error}"
    );
}

#[test]
fn a_broken_file_is_reported_with_its_position_and_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    let good = storage::to_ron(&example());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", good.as_bytes()[..good.len() / 2].to_vec(), ":"),
        (
            "typo",
            good.replacen("participants: [", "participants: {", 1)
                .into_bytes(),
            "",
        ),
        (
            "not utf-8",
            [
                b"(\n  version: 1,\n  meta: (title: \"",
                &[0xff][..],
                b"\"))",
            ]
            .concat(),
            ":3:18: invalid UTF-8",
        ),
        (
            "newer",
            good.replacen("version: 1", "version: 99", 1).into_bytes(),
            "newer rapporteur",
        ),
        ("empty", Vec::new(), ":1:1:"),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(format!("{name}.ron"));
        fs::write(&path, &bytes).unwrap();
        let error = match SessionFile::open(&path) {
            Err(StorageError::Load(e)) => e,
            other => panic!("{name}: expected a load error, got {other:?}"),
        };
        let shown = error.to_string();
        assert!(shown.contains(expected), "{name}: {shown}");
        if name != "newer" {
            assert!(error.position().is_some(), "{name}: {shown} has a position");
        }
        assert_eq!(
            fs::read(&path).unwrap(),
            bytes,
            "{name}: left byte-identical"
        );
        assert!(!journal_path(&path).exists(), "{name}: no journal written");
        assert!(!storage::lock_path(&path).exists(), "{name}: no lock left");
    }
}

#[test]
fn temp_files_of_a_save_cut_short_are_swept_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    SessionFile::create(&path, &example()).unwrap().release();
    let leftover = dir.path().join(".m.ron.tmp-4242-0");
    fs::write(&leftover, "half a save").unwrap();
    let other = dir.path().join(".other.ron.tmp-4242-0");
    fs::write(&other, "another session's").unwrap();
    let (_file, _, _) = SessionFile::open(&path).unwrap();
    assert!(!leftover.exists());
    assert!(other.exists(), "only this session's temp files");
}

#[test]
fn a_second_writer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let _first = SessionFile::create(&path, &example()).unwrap();
    let error = SessionFile::open(&path).unwrap_err().to_string();
    assert!(
        error.contains("is open in another rapporteur (pid"),
        "{error}"
    );
}

#[test]
fn create_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    fs::write(&path, "precious").unwrap();
    let error = SessionFile::create(&path, &example()).unwrap_err();
    assert!(matches!(error, StorageError::Exists(_)), "{error}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "precious");
}

#[cfg(unix)]
#[test]
fn session_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut session = example();
    let mut file = SessionFile::create(&path, &session).unwrap();
    let edit = new_note(&session, "x");
    file.commit(&mut session, edit).unwrap();
    file.save(&mut session).unwrap();
    for p in [path.clone(), journal_path(&path), storage::lock_path(&path)] {
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", p.display());
    }
}

#[test]
fn an_untouched_new_session_is_discarded_and_a_touched_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    let created = example();
    // Left as created (its journal empty, the process gone): removed with journal and lock.
    let path = dir.path().join("untouched.ron");
    drop(SessionFile::create(&path, &created).unwrap());
    assert!(journal_path(&path).exists());
    assert!(storage::discard_untouched(&path, &created).unwrap());
    assert!(fs::read_dir(dir.path()).unwrap().next().is_none());

    // One commit, still in the journal or folded into the file: kept as it is.
    for fold in [false, true] {
        let path = dir.path().join(format!("touched-{fold}.ron"));
        let mut file = SessionFile::create(&path, &created).unwrap();
        let mut live = created.clone();
        let edit = new_note(&live, "a point");
        file.commit(&mut live, edit).unwrap();
        if fold {
            file.close(&mut live).unwrap();
        } else {
            drop(file);
        }
        let before = fs::read(&path).unwrap();
        assert!(!storage::discard_untouched(&path, &created).unwrap());
        assert_eq!(fs::read(&path).unwrap(), before);
        assert_eq!(
            storage::load(&path).unwrap().note_count(),
            created.note_count() + 1
        );
        assert!(!storage::lock_path(&path).exists());
    }

    // Open in another rapporteur: refused, nothing removed.
    let path = dir.path().join("open.ron");
    let _open = SessionFile::create(&path, &created).unwrap();
    let error = storage::discard_untouched(&path, &created).unwrap_err();
    assert!(matches!(error, StorageError::Lock(_)), "{error}");
    assert!(path.exists());
}

#[test]
fn a_commit_of_several_edits_is_one_journal_line_and_torn_is_dropped_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let session = example();
    SessionFile::create(&path, &session).unwrap().release();
    let (mut file, mut live, _) = SessionFile::open(&path).unwrap();
    let first = new_note(&live, "one");
    file.commit(&mut live, first).unwrap();
    let second = new_note(&live, "two");
    let mut third = new_note(&live, "three");
    if let Edit::InsertNote { note, .. } = &mut third {
        note.id += 1;
    }
    file.commit_all(&mut live, vec![second, third]).unwrap();
    std::mem::forget(file);
    fs::remove_file(storage::lock_path(&path)).ok();
    let journal = fs::read_to_string(journal_path(&path)).unwrap();
    let lines: Vec<&str> = journal.lines().collect();
    assert_eq!(lines.len(), 2, "{journal}");
    assert!(
        lines[1].starts_with("3 "),
        "numbered by its last edit: {}",
        lines[1]
    );
    assert_eq!(storage::load(&path).unwrap(), live);
    // Cut anywhere inside the second commit's line: the first commit alone comes back.
    let whole = journal.len();
    let second_at = lines[0].len() + 1;
    for cut in [second_at + 1, (second_at + whole) / 2, whole - 1] {
        fs::write(journal_path(&path), &journal.as_bytes()[..cut]).unwrap();
        let loaded = storage::load(&path).unwrap();
        assert_eq!(
            loaded.note_count(),
            session.note_count() + 1,
            "cut at {cut}"
        );
    }
}
