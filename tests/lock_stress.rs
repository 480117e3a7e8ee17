//! Many processes open and close one session at once: never two hold it together,
//! and every commit of every process is in the file at the end.
//!
//! The test re-runs its own binary as writers that open the session through the
//! library, mark that they hold it with a file only one can create, commit, and
//! close or leave their commit in the journal; beside them, threads run the real
//! `rapporteur import roster` over and over. `RAPPORTEUR_LOCK_STRESS_SECS` sets
//! how long they run (default 3 seconds) and `RAPPORTEUR_LOCK_STRESS_WRITERS`
//! how many writer processes (default 6).
#![cfg(unix)]

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use rapporteur::edit::Edit;
use rapporteur::model::{Group, Priority, Session};
use rapporteur::storage::{self, SessionFile, StorageError};

const CHILD: &str = "RAPPORTEUR_LOCK_STRESS_CHILD";
const TEST: &str = "processes_never_hold_the_session_together_and_lose_no_commit";
/// Threads running the real binary beside the writer processes.
const IMPORTERS: usize = 2;

/// What one writer process did, as it reports it on its last line.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    opened: u64,
    refused: u64,
    overlaps: u64,
    /// Commits or saves that failed: in this test only a second holder makes them fail.
    failed: u64,
}

#[test]
fn processes_never_hold_the_session_together_and_lose_no_commit() {
    if let Ok(spec) = std::env::var(CHILD) {
        writer(&spec);
        return;
    }
    let seconds: f64 = env_number("RAPPORTEUR_LOCK_STRESS_SECS", 3.0);
    let writers: usize = env_number("RAPPORTEUR_LOCK_STRESS_WRITERS", 6);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meeting.ron");
    let session = Session {
        groups: vec![Group {
            id: "states".into(),
            name: "States".into(),
            singular: "State".into(),
            plural: "States".into(),
            counts_for_convergence: true,
        }],
        ..Session::default()
    };
    SessionFile::create(&path, &session).unwrap().release();

    let started = Instant::now();
    let children: Vec<_> = (0..writers)
        .map(|w| {
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", TEST, "--nocapture", "--test-threads", "1"])
                .env(CHILD, format!("{w}|{seconds}|{}", path.display()))
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .unwrap()
        })
        .collect();
    let importers: Vec<_> = (0..IMPORTERS)
        .map(|k| {
            let (path, dir) = (path.clone(), dir.path().to_path_buf());
            thread::spawn(move || import_loop(k, &path, &dir, seconds))
        })
        .collect();

    let mut total = Counts::default();
    let mut commits = Vec::new();
    for (w, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "writer {w} failed:\n{text}");
        let line = text
            .lines()
            .find_map(|l| l.split_once("writer: ").map(|(_, rest)| rest))
            .unwrap_or_else(|| panic!("writer {w} said nothing:\n{text}"));
        let n: Vec<u64> = line
            .split(' ')
            .take(4)
            .map(|x| x.parse().unwrap())
            .collect();
        total.opened += n[0];
        total.refused += n[1];
        total.overlaps += n[2];
        total.failed += n[3];
        assert_eq!(
            n[2..],
            [0, 0],
            "writer {w} shared the session with another process: {line}"
        );
        commits.push(n[0]);
    }
    // The importers are done before the file is read, so nothing writes it meanwhile.
    let importers: Vec<(u64, u64)> = importers.into_iter().map(|h| h.join().unwrap()).collect();
    let session = storage::load(&path).unwrap();
    for (w, mine) in commits.into_iter().enumerate() {
        // Every commit this writer made must be in the file, under its own id.
        for round in 0..mine {
            let id = format!("w{w}-{round}");
            assert!(
                session.priority(&id).is_some(),
                "writer {w}'s commit {round} is lost"
            );
        }
    }
    let mut imported = 0;
    let mut import_refused = 0;
    for (k, (done, refused)) in importers.into_iter().enumerate() {
        for round in 0..done {
            let name = format!("Importer {k} round {round}");
            assert!(
                session.participants.iter().any(|p| p.name == name),
                "{name} is lost"
            );
        }
        imported += done;
        import_refused += refused;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let session = storage::load(&path).unwrap();
    assert_eq!(session.priorities.len() as u64, total.opened);
    assert_eq!(session.participants.len() as u64, imported);
    assert!(
        total.opened > 0 && imported > 0,
        "every kind of writer got in"
    );
    assert!(!storage::lock_path(&path).exists(), "the lock file is left");
    eprintln!(
        "lock stress: {writers} writer processes and {IMPORTERS} loops of the binary for \
         {elapsed:.1} s: {} sessions opened and committed by the writers, {imported} by the \
         binary; refused while held: {} writer opens, {import_refused} binary runs; \
         0 overlaps, no commit lost",
        total.opened, total.refused
    );
}

/// A number from the environment, or `default`.
fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The child: open, prove it holds the session alone, commit one priority, close; until time is up.
fn writer(spec: &str) {
    let mut parts = spec.splitn(3, '|');
    let w: usize = parts.next().unwrap().parse().unwrap();
    let seconds: f64 = parts.next().unwrap().parse().unwrap();
    let path = PathBuf::from(parts.next().unwrap());
    let holder = path.with_file_name("holder");
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let mut counts = Counts::default();
    let mut failure = None;
    while Instant::now() < deadline {
        let (file, mut session, _) = match SessionFile::open(&path) {
            Ok(opened) => opened,
            Err(StorageError::Lock(_)) => {
                counts.refused += 1;
                // A short wait lets the holder and the slower real binary get in.
                thread::sleep(Duration::from_micros(100 + 50 * w as u64));
                continue;
            }
            Err(e) => {
                failure = Some(format!("open: {e}"));
                break;
            }
        };
        // Only one process can create the mark: a second holder finds it there.
        let marked = match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&holder)
        {
            Ok(_) => true,
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                counts.overlaps += 1;
                false
            }
            Err(e) => panic!("writer {w}: {e}"),
        };
        let id = format!("w{w}-{}", counts.opened);
        let mut file = file;
        let priority = Priority {
            id: id.clone(),
            title: id,
            description: None,
        };
        if let Err(e) = file.commit(&mut session, Edit::AddPriority(priority)) {
            failure = Some(format!("commit: {e}"));
            break;
        }
        counts.opened += 1;
        if marked {
            fs::remove_file(&holder).unwrap();
        }
        // Half the time the commit stays in the journal for the next opener to replay.
        if counts.opened.is_multiple_of(2) {
            if let Err(e) = file.close(&mut session) {
                failure = Some(format!("close: {e}"));
                break;
            }
        } else {
            drop(file);
        }
        // A pause between sessions leaves the real binary a chance to get in.
        thread::sleep(Duration::from_millis(5));
    }
    counts.failed = u64::from(failure.is_some());
    println!(
        "writer: {} {} {} {} {}",
        counts.opened,
        counts.refused,
        counts.overlaps,
        counts.failed,
        failure.unwrap_or_default()
    );
}

/// The real binary: `import roster` one new person at a time, retrying while the session is held.
fn import_loop(k: usize, path: &Path, dir: &Path, seconds: f64) -> (u64, u64) {
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let (mut done, mut refused) = (0, 0);
    let csv = dir.join(format!("importer-{k}.csv"));
    // The writers retry faster than the binary starts: on a loaded machine it may get in
    // only once they stop, so it goes on (for a while) until it has got in once.
    let patience = deadline + Duration::from_secs(60);
    while Instant::now() < deadline || (done == 0 && Instant::now() < patience) {
        fs::write(
            &csv,
            format!("name,affiliation,group\nImporter {k} round {done},Org {k},states\n"),
        )
        .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
            .args(["import", "roster"])
            .arg(path)
            .arg(&csv)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            done += 1;
        } else if err.contains("is open in another rapporteur") {
            refused += 1;
        } else {
            panic!("importer {k}: {err}");
        }
    }
    (done, refused)
}
