//! Several sessions on the command line, for the roll-up of `tally` and `export`: the
//! files given, a folder standing for its `*.ron` sessions, read two or more at a time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use super::Failure;
use super::streams::{is_dash, load_session};
use crate::model::Session;
use crate::rollup::{Conference, Prepared, RollUp};

/// The one session file of a command line that names a single file, not a folder.
pub fn single(args: &[PathBuf]) -> Option<&Path> {
    match args {
        [one] if is_dash(one) || !one.is_dir() => Some(one),
        _ => None,
    }
}

/// The session files `args` name: each file as given, and the `*.ron` files of each
/// folder, by name; hidden files (a save's temp files) are left out.
pub fn session_paths(args: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut paths = Vec::new();
    for arg in args {
        if is_dash(arg) || !arg.is_dir() {
            paths.push(arg.clone());
            continue;
        }
        let entries =
            std::fs::read_dir(arg).map_err(|e| Failure(format!("{}: {e}", arg.display())))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        if found.is_empty() {
            return Err(Failure(format!(
                "{}: no session (*.ron) in this folder",
                arg.display()
            )));
        }
        found.sort();
        paths.extend(found);
    }
    if paths.iter().filter(|p| is_dash(p)).count() > 1 {
        return Err(Failure(
            "only one of the sessions can come from standard input".into(),
        ));
    }
    for (i, path) in paths.iter().enumerate() {
        let twice = paths[..i].iter().any(|earlier| {
            !is_dash(path) && same_file::is_same_file(earlier, path).unwrap_or(false)
        });
        if twice {
            return Err(Failure(format!(
                "{} is given twice; a session counts once in a roll-up",
                path.display()
            )));
        }
    }
    Ok(paths)
}

/// The roll-up of the sessions `args` name, in order. The files are read, parsed and
/// tallied on several threads; each is matched with the ones before it as soon as they
/// are in, and dropped, so only a few sessions are in memory at once.
pub fn roll_up(args: &[PathBuf]) -> Result<(RollUp, Vec<PathBuf>), Failure> {
    let paths = session_paths(args)?;
    // A session check finds errors in would give contradictory figures: refused, as alone.
    let read = |path: &Path| {
        let session = load_session(path)?;
        super::check::refuse_errors(&session, path, "the synthesis")?;
        Ok((Prepared::of(&session), session))
    };
    let mut waiting: BTreeMap<usize, Result<(Prepared, Session), Failure>> = BTreeMap::new();
    // Standard input is read here, before the workers start.
    for (i, path) in paths.iter().enumerate().filter(|(_, p)| is_dash(p)) {
        waiting.insert(i, read(path));
    }
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(paths.len().max(1));
    let mut conference = Conference::new();
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel(2 * workers);
        for w in 0..workers {
            let (paths, read, sender) = (&paths, &read, sender.clone());
            scope.spawn(move || {
                for i in (w..paths.len()).step_by(workers) {
                    if is_dash(&paths[i]) {
                        continue;
                    }
                    // The receiver is gone only after an error: nothing more to read.
                    if sender.send((i, read(&paths[i]))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut next = 0;
        loop {
            while let Some(loaded) = waiting.remove(&next) {
                let (prepared, session) = loaded?;
                conference.add_prepared(&paths[next].display().to_string(), &session, prepared);
                next += 1;
            }
            match receiver.recv() {
                Ok((i, loaded)) => {
                    waiting.insert(i, loaded);
                }
                Err(_) => break,
            }
        }
        Ok::<(), Failure>(())
    })?;
    Ok((conference.finish(), paths))
}
