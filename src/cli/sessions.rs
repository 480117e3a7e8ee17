//! Several sessions on the command line, for the roll-up of `tally` and `export`: the
//! files given, a folder standing for its `*.ron` sessions, read two or more at a time.

use std::path::{Path, PathBuf};

use super::Failure;
use super::streams::{is_dash, load_session};
use crate::model::Session;
use crate::rollup::{Conference, RollUp};

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

/// The roll-up of the sessions `args` name, in order; the files are read and parsed
/// on several threads, and counted in the order given.
pub fn roll_up(args: &[PathBuf]) -> Result<(RollUp, Vec<PathBuf>), Failure> {
    let paths = session_paths(args)?;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(paths.len().max(1));
    // Standard input is read here, not on a worker.
    let loaded: Vec<Result<Session, Failure>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let paths = &paths;
                scope.spawn(move || {
                    (w..paths.len())
                        .step_by(workers)
                        .filter(|&i| !is_dash(&paths[i]))
                        .map(|i| (i, load_session(&paths[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut slots: Vec<Option<Result<Session, Failure>>> =
            (0..paths.len()).map(|_| None).collect();
        for (i, path) in paths.iter().enumerate() {
            if is_dash(path) {
                slots[i] = Some(load_session(path));
            }
        }
        for handle in handles {
            for (i, session) in handle.join().expect("a reading thread does not panic") {
                slots[i] = Some(session);
            }
        }
        slots
            .into_iter()
            .map(|s| s.expect("every session was read"))
            .collect()
    });
    let mut conference = Conference::new();
    for (path, session) in paths.iter().zip(loaded) {
        conference.add(&path.display().to_string(), &session?);
    }
    Ok((conference.finish(), paths))
}
