//! Writes generated inputs for measuring the whole binary at a conference's scale.
//!
//! `cargo run --release --features testing --example conference -- sessions N NOTES DIR`
//! writes N breakouts of NOTES notes each (`sample::conference`: 100 people and 40
//! priorities each, drawn from the conference's 2,000 and 200) as DIR/session-001.ron…,
//! for `rapporteur tally DIR`. `large-sessions` instead gives every session the whole
//! `sample::standard` roster and list (2,000 people, 200 priorities).
//!
//! `cargo run --release --features testing --example conference -- merge NOTES DIR`
//! writes DIR/base.ron and two rapporteurs' versions of it, DIR/ours.ron and
//! DIR/theirs.ron, of NOTES notes each (see `rapporteur::sample::two_rapporteurs`),
//! for `rapporteur merge-driver DIR/base.ron COPY-OF-ours.ron DIR/theirs.ron`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rapporteur::model::Session;
use rapporteur::{sample, storage};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |s: &str| s.replace(['_', ','], "").parse::<usize>().ok();
    let written = match args.as_slice() {
        [what, n, notes, dir] if what == "sessions" => match (number(n), number(notes)) {
            (Some(n), Some(notes)) => sample::conference(n, notes)
                .iter()
                .enumerate()
                .try_for_each(|(k, session)| write(&session_path(dir, k + 1), session)),
            _ => return usage(),
        },
        [what, n, notes, dir] if what == "large-sessions" => match (number(n), number(notes)) {
            (Some(n), Some(notes)) => (1..=n).try_for_each(|k| {
                let session =
                    sample::session(notes, sample::PARTICIPANTS, sample::PRIORITIES, k as u64);
                write(&session_path(dir, k), &session)
            }),
            _ => return usage(),
        },
        [what, notes, dir] if what == "merge" => match number(notes) {
            Some(notes) => {
                let (base, ours, theirs) = sample::two_rapporteurs(notes);
                let dir = PathBuf::from(dir);
                write(&dir.join("base.ron"), &base)
                    .and_then(|()| write(&dir.join("ours.ron"), &ours))
                    .and_then(|()| write(&dir.join("theirs.ron"), &theirs))
            }
            None => return usage(),
        },
        _ => return usage(),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn session_path(dir: &str, k: usize) -> PathBuf {
    PathBuf::from(dir).join(format!("session-{k:03}.ron"))
}

fn write(path: &Path, session: &Session) -> Result<(), String> {
    storage::write_atomically(path, storage::to_ron(session).as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: conference sessions N NOTES DIR | conference large-sessions N NOTES DIR | conference merge NOTES DIR"
    );
    ExitCode::from(2)
}
