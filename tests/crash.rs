//! A writer killed with SIGKILL at random moments never loses a note whose commit returned.
//!
//! The test re-runs its own binary as the writer: the child commits notes (and
//! now and then saves), printing `ack ID` after each commit returns; the parent
//! kills it at a random moment, reopens the file and looks for every acknowledged id.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::model::{Channel, Note, NoteKind};
use rapporteur::storage::{self, SessionFile};

const CHILD: &str = "RAPPORTEUR_CRASH_CHILD";
const ROUNDS: u64 = 60;

#[test]
fn killed_writers_never_lose_an_acknowledged_note() {
    if let Ok(path) = std::env::var(CHILD) {
        writer(Path::new(&path));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meeting.ron");
    let session = storage::load(Path::new("sessions/gfmd-2020-migrant-protection.ron")).unwrap();
    SessionFile::create(&path, &session).unwrap().release();

    let mut acknowledged: Vec<u64> = Vec::new();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "killed_writers_never_lose_an_acknowledged_note",
                "--nocapture",
            ])
            .env(CHILD, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let wanted = next(&mut seed) % 25;
        let mut seen = 0;
        while seen < wanted {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(id) = line.strip_prefix("ack ") {
                        acknowledged.push(id.parse().unwrap());
                        seen += 1;
                    }
                }
                _ => panic!("round {round}: the writer stopped by itself"),
            }
        }
        // Kill somewhere inside the next commit or save, not only between them.
        std::thread::sleep(Duration::from_micros(next(&mut seed) % 3000));
        child.kill().unwrap();
        child.wait().unwrap();
        // Acks printed before the kill count too.
        for line in lines.map_while(Result::ok) {
            if let Some(id) = line.strip_prefix("ack ") {
                acknowledged.push(id.parse().unwrap());
            }
        }
        let reloaded = storage::load(&path)
            .unwrap_or_else(|e| panic!("round {round}: the file no longer loads: {e}"));
        for id in &acknowledged {
            assert!(
                reloaded.note(*id).is_some(),
                "round {round}: acknowledged note {id} is lost"
            );
        }
    }
    assert!(
        acknowledged.len() as u64 >= ROUNDS,
        "the writers did commit"
    );
}

/// The child: commit notes forever, saving every few commits.
fn writer(path: &Path) {
    let (mut file, mut session, _) = loop {
        match SessionFile::open(path) {
            Ok(opened) => break opened,
            // The killed writer's lock is released by the system; try again at once.
            Err(storage::StorageError::Lock(_)) => std::thread::sleep(Duration::from_millis(1)),
            Err(e) => panic!("{e}"),
        }
    };
    let mut stdout = std::io::stdout();
    for i in 0usize.. {
        let id = session.peek_serial();
        let intervention = session.interventions.last().unwrap().id;
        let edits = if i.is_multiple_of(5) {
            let participant = session.participants[i % session.participants.len()]
                .id
                .clone();
            vec![
                Edit::StartIntervention {
                    id,
                    participant,
                    channel: Channel::Floor,
                    start: Clock::hms(13, 0, 0),
                },
                note(id + 1, id, i),
            ]
        } else {
            vec![note(id, intervention, i)]
        };
        let acked = edits.len() as u64 - 1 + id;
        file.commit_all(&mut session, edits).unwrap();
        writeln!(stdout, "ack {acked}").unwrap();
        stdout.flush().unwrap();
        if i % 7 == 6 {
            file.save(&mut session).unwrap();
        }
    }
}

fn note(id: u64, intervention: u64, i: usize) -> Edit {
    Edit::InsertNote {
        intervention,
        index: None,
        note: Note {
            id,
            text: format!("point {i} with \"quotes\", a \\ and\na line break"),
            tags: vec!["recruitment".into()],
            kind: NoteKind::Point,
            emphasis: i.is_multiple_of(3),
            time: Clock::hms(13, 0, 0),
            opposes: Vec::new(),
        },
    }
}

fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}
