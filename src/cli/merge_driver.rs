//! `rapporteur merge-driver %O %A %B %P`: git's merge driver for session files.
//!
//! git gives three temporary files (the common ancestor, ours and theirs) and the
//! path in the work tree; the merged session goes over ours. Exit 0 says merged;
//! exit 1 lists the conflicts and leaves the file marked as conflicted, holding
//! both sides' work with ours where they disagree.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use super::{Failure, PushedSide};
use crate::check::{Severity, validate};
use crate::merge::{Conflict, Pushed, ThreeWay, merge, merge3};
use crate::model::Session;
use crate::source::{SourceError, utf8_or_position};
use crate::storage::{self, SessionLock};
use crate::visible::picture_controls;

/// Merges `theirs` into `ours` over `base`, writing the result over `ours`.
pub fn run(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: Option<&Path>,
    pushed: Option<PushedSide>,
) -> Result<ExitCode, Failure> {
    let name = path.unwrap_or(ours);
    // Held until the merged file is written: nobody opens the session meanwhile.
    let _lock = match path {
        Some(path) => work_tree_ready(path)?,
        None => None,
    };
    let label = |side: &str| PathBuf::from(format!("{} ({side})", name.display()));
    let base_session = read_version(base, &label("base"))?;
    let our_session = read_version(ours, &label("ours"))?
        .ok_or_else(|| Failure(format!("{}: our version is empty", name.display())))?;
    let their_session = read_version(theirs, &label("theirs"))?
        .ok_or_else(|| Failure(format!("{}: their version is empty", name.display())))?;
    let pushed = match pushed {
        Some(PushedSide::Ours) => Pushed::Ours,
        Some(PushedSide::Theirs) => Pushed::Theirs,
        None if rebasing() => Pushed::Ours,
        None => Pushed::Theirs,
    };
    let mut merged = match &base_session {
        Some(base_session) => merge3(base_session, &our_session, &their_session, pushed),
        None => without_base(&our_session, &their_session, pushed),
    };
    for finding in validate(&merged.session) {
        if finding.severity == Severity::Error {
            merged.conflicts.push(Conflict {
                place: "check".into(),
                message: finding.to_string(),
            });
        }
    }
    storage::write_atomically(ours, storage::to_ron(&merged.session).as_bytes()).map_err(|e| {
        Failure(format!(
            "{}: cannot write the merged session: {e}",
            ours.display()
        ))
    })?;
    let file = name.display();
    // A long list would bury the summary: the first few say what kind of thing happened.
    const SHOWN: usize = 20;
    for n in merged.notices.iter().take(SHOWN) {
        eprintln!("rapporteur: {file}: {}", picture_controls(&n.to_string()));
    }
    if merged.notices.len() > SHOWN {
        eprintln!(
            "rapporteur: {file}: and {} more of the same kinds",
            merged.notices.len() - SHOWN
        );
    }
    let renumbered = match merged.renumbered.len() {
        0 => String::new(),
        n => format!(
            "; {n} of the {} side's ids renumbered, taken by the pushed side",
            if pushed == Pushed::Ours {
                "other"
            } else {
                "local"
            }
        ),
    };
    if merged.conflicts.is_empty() {
        println!(
            "{file}: merged: {} and {}, {} of them added on the {} side{renumbered}",
            count(
                merged.session.interventions.len(),
                "intervention",
                "interventions"
            ),
            count(merged.session.note_count(), "note", "notes"),
            merged.notes_added,
            if pushed == Pushed::Ours {
                "other"
            } else {
                "local"
            },
        );
        return Ok(ExitCode::SUCCESS);
    }
    for c in &merged.conflicts {
        eprintln!(
            "rapporteur: {file}: conflict: {}",
            picture_controls(&c.to_string())
        );
    }
    eprintln!(
        "rapporteur: {file}: {} not merged; the file holds both sides' notes, with ours \
         where they disagree: fix each in rapporteur, then git add {file} and git commit",
        count(merged.conflicts.len(), "conflict", "conflicts"),
    );
    Ok(ExitCode::FAILURE)
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One version git gave; `None` for an empty file (no common ancestor).
fn read_version(file: &Path, label: &Path) -> Result<Option<Session>, Failure> {
    let bytes = std::fs::read(file).map_err(|e| SourceError::io(label, e))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let text = utf8_or_position(&bytes, label)?;
    Ok(Some(storage::from_ron(text, label)?))
}

/// Both sides added the file: the two-session merge, the pushed side as the base.
/// Whatever it had to choose is listed as a conflict, since no base tells who changed what.
fn without_base(ours: &Session, theirs: &Session, pushed: Pushed) -> ThreeWay {
    let (kept, other) = match pushed {
        Pushed::Ours => (ours, theirs),
        Pushed::Theirs => (theirs, ours),
    };
    let merged = merge(kept, other);
    ThreeWay {
        notes_added: merged.report.notes_added,
        notes_joined: merged.report.notes_duplicate,
        session: merged.session,
        conflicts: merged
            .report
            .conflicts
            .into_iter()
            .map(|c| Conflict {
                message: format!("{} (no common version to tell who changed it)", c.message),
                ..c
            })
            .collect(),
        notices: Vec::new(),
        renumbered: Vec::new(),
    }
}

/// Refuses while the session in the work tree is open or has notes its file lacks:
/// the merged file would replace the file under them. Returns the lock, held.
fn work_tree_ready(path: &Path) -> Result<Option<SessionLock>, Failure> {
    if !path.exists() {
        return Ok(None);
    }
    let retry = "nothing was merged: run git merge --abort (or git rebase --abort)";
    let lock = SessionLock::acquire(path)
        .map_err(|e| Failure(format!("{e}; {retry}, close it, then pull again")))?;
    let journal = storage::journal_path(path);
    let unsaved = std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0);
    if unsaved {
        return Err(Failure(format!(
            "{}: notes committed since the last save are in {} and not in the file; {retry}, \
             open {} in rapporteur and save (Ctrl-S) or close it, commit, then pull again",
            path.display(),
            journal.display(),
            path.display()
        )));
    }
    Ok(Some(lock))
}

/// Whether git is replaying commits (`git rebase`, `git pull --rebase`): then ours is
/// the upstream, already pushed.
fn rebasing() -> bool {
    ["rebase-merge", "rebase-apply"].iter().any(|folder| {
        Command::new("git")
            .args(["rev-parse", "--git-path", folder])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
            .is_some_and(|p| p.is_dir())
    })
}
