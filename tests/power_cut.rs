//! A simulated power cut: the machine loses every write that was never synced.
//!
//! A session is opened and written through the real storage code (commits to the
//! journal, commits of several edits at once, saves that fold the journal into the
//! file, and the close), with a recording fault plan that keeps every file system
//! operation. The record is then replayed up to every cut point on a disk that keeps
//! only what was synced, plus any of the ways the rest may have reached it
//! (`storage::faults::power`). After every cut: the session loads; it is the session
//! as it stood after some whole number of commits, at least every commit that had
//! returned; and it opens again, takes a commit and saves it.
//!
//! `cargo test` runs one scripted session and a few random ones; set
//! `RAPPORTEUR_POWER_CUT_ROUNDS` for more random ones, `RAPPORTEUR_POWER_CUT_EVERY_BYTE=1`
//! to tear each write at every byte, and `RAPPORTEUR_POWER_CUT_SEED` for another seed.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::model::{Channel, Note, NoteKind, Participant, Priority, Session};
use rapporteur::storage::faults::power::{self, Disk, Folder, Tears};
use rapporteur::storage::{self, Faults, SessionFile, journal_path, lock_path};
use rapporteur::templates;

/// What the run does to the session.
#[derive(Debug, Clone, Copy)]
enum Action {
    /// A note for whoever has the floor: one edit, one journal line.
    Note,
    /// Someone new takes the floor with a note: three edits committed together.
    NewSpeaker,
    /// The journal folded into the file.
    Save,
}

/// What one simulated session covered.
#[derive(Debug, Default)]
struct Report {
    operations: usize,
    cuts: usize,
    states: usize,
    commits: usize,
}

/// A small session with one person on the floor, so each save is a few sectors.
fn meeting() -> Session {
    let mut s = templates::built_in("gfmd").expect("the gfmd template");
    s.meta.title = "Breakout 2".into();
    s.priorities.push(Priority {
        id: "data".into(),
        title: "Better data on migration".into(),
        description: None,
    });
    s.participants.push(Participant {
        id: "amina-diallo".into(),
        name: "Amina Diallo".into(),
        affiliation: "Senegal".into(),
        group: "states".into(),
        role: None,
        chair: false,
    });
    s.apply(Edit::StartIntervention {
        id: 1,
        participant: "amina-diallo".into(),
        channel: Channel::Floor,
        start: Clock::hms(10, 0, 0),
    })
    .unwrap();
    s
}

/// The same session for comparing: which journal entry the file holds, and the serial
/// counter, depend on when it was last saved, not on what it holds.
fn normal(mut s: Session) -> Session {
    s.journal_seq = 0;
    s.next_serial = 0;
    s
}

fn note(session: &Session, n: usize) -> Note {
    Note {
        id: session.peek_serial(),
        text: format!("point {n}: les villes d’abord, données à l’appui — نقطة {n}"),
        tags: vec!["data".into()],
        kind: NoteKind::Point,
        emphasis: n.is_multiple_of(3),
        time: Clock(Clock::hms(10, 0, 0).0 + n as u32),
        opposes: Vec::new(),
    }
}

/// The edits of one commit.
fn edits(action: Action, session: &Session, n: usize) -> Vec<Edit> {
    let floor = session
        .interventions
        .last()
        .expect("someone has the floor")
        .id;
    match action {
        Action::Note => vec![Edit::InsertNote {
            intervention: floor,
            index: None,
            note: note(session, n),
        }],
        Action::NewSpeaker => {
            let id = format!("speaker-{n}");
            let turn = session.peek_serial();
            let mut first = note(session, n);
            first.id = turn + 1;
            vec![
                Edit::AddParticipant(Participant {
                    id: id.clone(),
                    name: format!("Ndèye Speaker {n}"),
                    affiliation: "Dakar".into(),
                    group: "mayors".into(),
                    role: None,
                    chair: false,
                }),
                Edit::StartIntervention {
                    id: turn,
                    participant: id,
                    channel: Channel::Floor,
                    start: Clock(Clock::hms(10, 0, 0).0 + n as u32),
                },
                Edit::InsertNote {
                    intervention: turn,
                    index: None,
                    note: first,
                },
            ]
        }
        Action::Save => Vec::new(),
    }
}

/// Runs `actions` on a fresh session, then cuts the power after every operation.
fn simulate(actions: &[Action], tears: Tears) -> Report {
    let dir = scratch();
    let path = dir.path().join("meeting.ron");
    drop(SessionFile::create(&path, &meeting()).unwrap());
    let (mut file, mut live, _) = SessionFile::open(&path).unwrap();
    // The lock says who writes; it holds no note, and a lock left by a dead process is taken over.
    let lock = lock_path(&path);
    let lock_name = lock.file_name().unwrap().to_string_lossy().into_owned();
    let disk = Disk::snapshot(dir.path(), |name| name == lock_name).unwrap();
    assert!(disk.start().contains_key("meeting.ron.journal"));
    let faults = Faults::recording();
    file.inject_faults(faults.clone());

    // The session after each commit, and the operation count when each commit began and returned.
    let mut states = vec![normal(live.clone())];
    let mut commits: Vec<(usize, usize)> = Vec::new();
    for (n, &action) in actions.iter().enumerate() {
        let begun = faults.operations().len();
        match action {
            Action::Save => file.save(&mut live).unwrap(),
            _ => {
                let edits = edits(action, &live, n);
                file.commit_all(&mut live, edits).unwrap();
                commits.push((begun, faults.operations().len()));
                states.push(normal(live.clone()));
            }
        }
    }
    file.close(&mut live).unwrap();
    let ops = faults.operations();
    assert!(
        !journal_path(&path).exists(),
        "the close removed the journal"
    );

    let mut report = Report {
        operations: ops.len(),
        commits: commits.len(),
        ..Report::default()
    };
    let mut checked: BTreeSet<Folder> = BTreeSet::new();
    for cut in 0..=ops.len() {
        report.cuts += 1;
        let returned = commits.iter().filter(|(_, end)| *end <= cut).count();
        let begun = commits.iter().filter(|(start, _)| *start < cut).count();
        for folder in disk.after_cut(&ops, cut, tears) {
            if !checked.insert(folder.clone()) {
                continue;
            }
            report.states += 1;
            check(&folder, &states[returned..=begun], cut, &ops);
        }
    }
    report
}

/// A throw-away folder, in memory where the system has one: recovery syncs every save.
fn scratch() -> tempfile::TempDir {
    let memory = Path::new("/dev/shm");
    match memory.is_dir() {
        true => tempfile::tempdir_in(memory).unwrap_or_else(|_| tempfile::tempdir().unwrap()),
        false => tempfile::tempdir().unwrap(),
    }
}

/// The session in `folder` loads, is one of `allowed`, and takes a commit again.
fn check(folder: &Folder, allowed: &[Session], cut: usize, ops: &[storage::faults::Op]) {
    let dir = scratch();
    power::materialize(folder, dir.path()).unwrap();
    let path = dir.path().join("meeting.ron");
    let describe = || {
        let files: Vec<String> = folder
            .iter()
            .map(|(name, bytes)| format!("{name} ({} bytes)", bytes.len()))
            .collect();
        let last = match ops[..cut].last() {
            Some(storage::faults::Op::Append { path, bytes }) => {
                format!("{} bytes appended to {}", bytes.len(), path.display())
            }
            other => format!("{other:?}"),
        };
        format!("cut after {cut} operations (the last: {last}); files: {files:?}")
    };
    let loaded = storage::load(&path)
        .unwrap_or_else(|e| panic!("{}: the session does not load: {e}", describe()));
    let notes = loaded.note_count();
    let loaded = normal(loaded);
    assert!(
        allowed.contains(&loaded),
        "{}: the session holds {notes} notes, not the state after a whole number of commits \
         with every returned one ({} to {} notes)",
        describe(),
        allowed.first().map_or(0, Session::note_count),
        allowed.last().map_or(0, Session::note_count),
    );
    // Recovery: open it again (the dead writer's lock and temp files are not in the way),
    // commit, close, and find the commit in the file.
    let (mut file, mut session, _) = SessionFile::open(&path)
        .unwrap_or_else(|e| panic!("{}: the session does not open: {e}", describe()));
    let floor = session.interventions.last().unwrap().id;
    let n = session.note_count();
    let edit = Edit::InsertNote {
        intervention: floor,
        index: None,
        note: note(&session, 999),
    };
    file.commit(&mut session, edit).unwrap();
    file.close(&mut session).unwrap();
    assert_eq!(
        storage::read_file(&path).unwrap().note_count(),
        n + 1,
        "{}",
        describe()
    );
}

/// xorshift64*: random sessions that a seed replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn actions(&mut self) -> Vec<Action> {
        let count = 3 + self.next() % 8;
        (0..count)
            .map(|_| match self.next() % 5 {
                0 => Action::NewSpeaker,
                1 => Action::Save,
                _ => Action::Note,
            })
            .collect()
    }
}

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
fn every_power_cut_leaves_a_session_that_loads_with_every_returned_commit() {
    use Action::{NewSpeaker, Note, Save};
    let tears = match env("RAPPORTEUR_POWER_CUT_EVERY_BYTE") {
        Some(1) => Tears::Every,
        _ => Tears::Some,
    };
    let started = Instant::now();
    let mut total = simulate(
        &[
            Note, NewSpeaker, Note, Save, Note, NewSpeaker, Save, Note, Note,
        ],
        tears,
    );
    let rounds = env("RAPPORTEUR_POWER_CUT_ROUNDS").unwrap_or(3);
    let seed = env("RAPPORTEUR_POWER_CUT_SEED").unwrap_or(0x5eed_cafe);
    let mut rng = Rng(seed | 1);
    for _ in 0..rounds {
        let report = simulate(&rng.actions(), tears);
        total.operations += report.operations;
        total.cuts += report.cuts;
        total.states += report.states;
        total.commits += report.commits;
    }
    eprintln!(
        "power cut: {} sessions, {} commits, {} operations, {} cut points, {} distinct disks \
         checked in {:.1} s (seed {seed}, {tears:?} tears)",
        rounds + 1,
        total.commits,
        total.operations,
        total.cuts,
        total.states,
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn the_simulated_disk_loses_an_unsynced_save() {
    // Without the folder's sync after the rename, a cut may find the old file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    std::fs::write(&path, "old").unwrap();
    let disk = Disk::snapshot(dir.path(), |_| false).unwrap();
    let faults = Faults::recording();
    storage::write_atomically_with(&path, b"new", &faults).unwrap();
    let ops = faults.operations();
    let synced = ops
        .iter()
        .position(|op| matches!(op, storage::faults::Op::SyncFolder(_)))
        .unwrap();
    let before: Vec<Vec<u8>> = disk
        .after_cut(&ops, synced, Tears::Some)
        .iter()
        .map(|f| f["m.ron"].clone())
        .collect();
    assert!(before.contains(&b"old".to_vec()) && before.contains(&b"new".to_vec()));
    for folder in disk.after_cut(&ops, ops.len(), Tears::Some) {
        assert_eq!(folder["m.ron"], b"new");
    }
    assert!(Path::new(&path).exists());
}
