//! Disk faults at every storage step: short writes, a full disk, I/O errors.
//!
//! Whatever fails, the session keeps every note in memory, says when a commit
//! is not yet on disk, gets it there once the disk recovers, and never leaves
//! a file that does not load.

use std::fs;
use std::path::Path;

use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::model::{Note, NoteKind, Session};
use rapporteur::storage::faults::{Fault, Faults, Step};
use rapporteur::storage::{self, CommitError, DiskChange, SessionFile, StorageError};

const STEPS: [Step; 7] = [
    Step::JournalWrite,
    Step::JournalSync,
    Step::JournalClear,
    Step::TempWrite,
    Step::TempSync,
    Step::Rename,
    Step::FolderSync,
];
const FAULTS: [Fault; 3] = [Fault::ShortWrite, Fault::NoSpace, Fault::Io];

fn example() -> Session {
    storage::load(Path::new("sessions/gfmd-2020-migrant-protection.ron")).unwrap()
}

fn note(session: &Session, i: usize) -> Edit {
    Edit::InsertNote {
        intervention: session.interventions.last().unwrap().id,
        index: None,
        note: Note {
            id: session.peek_serial(),
            text: format!("point {i} \"quoted\" \\ é 保护"),
            tags: vec!["recruitment".into()],
            kind: NoteKind::Point,
            emphasis: false,
            time: Clock::hms(12, 0, i as u32),
            opposes: Vec::new(),
        },
    }
}

/// The notes on disk (file plus journal) as the interventions they belong to.
fn on_disk(path: &Path) -> Vec<rapporteur::model::Intervention> {
    storage::load(path)
        .unwrap_or_else(|e| panic!("the file must always load: {e}"))
        .interventions
}

#[test]
fn every_fault_at_every_step_loses_nothing() {
    let mut injected = 0;
    for step in STEPS {
        for fault in FAULTS {
            for skip in 0..3 {
                injected += run(step, fault, skip);
            }
        }
    }
    eprintln!("{injected} storage faults injected");
    // Every combination must have hit at least once, or the test proves nothing.
    assert!(
        injected >= STEPS.len() * FAULTS.len() * 3,
        "{injected} faults injected"
    );
}

fn run(step: Step, fault: Fault, skip: usize) -> usize {
    let case = format!("{step:?} {fault:?} after {skip}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut session = example();
    let mut file = SessionFile::create(&path, &session).unwrap();
    let faults = Faults::plan();
    file.inject_faults(faults.clone());
    faults.arm(step, skip, fault, 2);
    let mut not_durable = 0;
    for i in 0..12 {
        let edit = note(&session, i);
        match file.commit(&mut session, edit) {
            Ok(_) => {
                assert!(!file.is_behind(), "{case}: behind after a durable commit");
                assert_eq!(
                    on_disk(&path),
                    session.interventions,
                    "{case}: commit {i} on disk"
                );
            }
            Err(CommitError::NotDurable(e)) => {
                not_durable += 1;
                assert!(file.is_behind(), "{case}: says it is behind");
                assert!(
                    e.error.to_string().contains("cannot write"),
                    "{case}: {e:?}"
                );
                // Never a damaged file, even while writes fail.
                on_disk(&path);
            }
            Err(CommitError::Rejected(e)) => panic!("{case}: {e}"),
        }
        // The screen saves now and then (Ctrl-S, idle): exercise the save steps too.
        if i % 4 == 3 {
            let _ = file.save(&mut session);
            on_disk(&path);
        }
    }
    faults.heal();
    file.save(&mut session).unwrap();
    assert!(!file.is_behind(), "{case}");
    assert_eq!(
        on_disk(&path),
        session.interventions,
        "{case}: all notes after recovery"
    );
    assert_eq!(session.note_count(), example().note_count() + 12, "{case}");
    drop(file);
    let leftovers: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "{case}: temp files left: {leftovers:?}"
    );
    let _ = not_durable;
    faults.injected()
}

#[test]
fn a_file_changed_by_another_program_is_never_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut session = example();
    let mut file = SessionFile::create(&path, &session).unwrap();
    assert_eq!(file.disk_change(), None);
    let edit = note(&session, 0);
    file.commit(&mut session, edit).unwrap();

    // Someone edits the file by hand while the meeting goes on.
    let theirs = fs::read_to_string(&path)
        .unwrap()
        .replace("Breakout", "Edited elsewhere")
        + "\n";
    fs::write(&path, &theirs).unwrap();
    assert_eq!(file.disk_change(), Some(DiskChange::Modified));
    // Commits still reach the journal.
    let edit = note(&session, 1);
    file.commit(&mut session, edit).unwrap();
    let error = file.save(&mut session).unwrap_err();
    assert!(matches!(error, StorageError::ChangedOnDisk(_)), "{error}");
    assert!(error.to_string().contains("was changed by another program"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "their version is kept"
    );

    // The user keeps both: a copy of theirs stays, ours is saved beside it.
    let copy = dir.path().join("m-mine.ron");
    storage::save_copy(&session, &copy).unwrap();
    assert_eq!(
        storage::load(&copy).unwrap().interventions,
        session.interventions
    );
    assert!(matches!(
        storage::save_copy(&session, &copy),
        Err(StorageError::Exists(_))
    ));
    // Or chooses to overwrite.
    file.overwrite(&mut session).unwrap();
    assert_eq!(file.disk_change(), None);
    assert_eq!(on_disk(&path), session.interventions);
}

#[test]
fn a_deleted_file_is_written_again_and_a_read_only_folder_keeps_notes_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut session = example();
    let mut file = SessionFile::create(&path, &session).unwrap();
    fs::remove_file(&path).unwrap();
    assert_eq!(file.disk_change(), Some(DiskChange::Missing));
    let edit = note(&session, 0);
    file.commit(&mut session, edit).unwrap();
    file.save(&mut session).unwrap();
    assert_eq!(on_disk(&path), session.interventions);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
        // Root ignores folder permissions, so only check the refusal where it bites.
        let bites = fs::File::create(dir.path().join(".probe")).is_err();
        let edit = note(&session, 1);
        file.commit(&mut session, edit)
            .expect("the journal is open already, so commits still land");
        let saved = file.save(&mut session);
        if bites {
            let error = saved.unwrap_err().to_string();
            assert!(error.contains("cannot write"), "{error}");
        }
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
        file.save(&mut session).unwrap();
        assert_eq!(on_disk(&path), session.interventions);
    }
}
