//! `rapporteur import`.

use std::path::Path;
use std::process::ExitCode;

use super::streams::{read_input, session_file};
use super::{Failure, Import};
use crate::import::chat::{self, ChatOptions};
use crate::import::{notes, roster};
use crate::meeting::{Committed, Meeting, Staged};

/// Imports a roster, notes or a chat into a session file; on any problem nothing is written.
pub fn run(what: Import) -> Result<ExitCode, Failure> {
    match what {
        Import::Roster {
            file,
            csv,
            group,
            columns,
        } => into_session(&file, &csv, |staged, bytes, csv| {
            let options = roster::RosterOptions { group, columns };
            let nothing = |problems: Vec<crate::import::ImportProblem>| {
                let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                Failure(format!("{}\nnothing was imported", lines.join("\n")))
            };
            let (edits, done) =
                roster::plan(staged.session(), bytes, csv, &options).map_err(nothing)?;
            staged
                .apply(edits)
                .map_err(|e| Failure(format!("{e}\nnothing was imported")))?;
            if !done.unused_columns.is_empty() {
                eprintln!(
                    "rapporteur: warning: {}:1: {} not used: {}",
                    csv.display(),
                    if done.unused_columns.len() == 1 {
                        "column"
                    } else {
                        "columns"
                    },
                    crate::visible::picture_controls(&done.unused_columns.join(", "))
                );
            }
            Ok(roster_summary(&done))
        }),
        Import::Chat {
            file,
            chat,
            map,
            add_unknown,
            starts_at,
        } => into_session(&file, &chat, |staged, bytes, chat| {
            let options = ChatOptions {
                map,
                add_unknown,
                starts_at,
            };
            let nothing = |e: &dyn std::fmt::Display| Failure(format!("{e}\nnothing was imported"));
            let (edits, done) =
                chat::plan(staged.session(), bytes, chat, &options).map_err(|e| nothing(&e))?;
            staged.apply(edits).map_err(|e| nothing(&e))?;
            for warning in &done.warnings {
                eprintln!(
                    "rapporteur: warning: {}",
                    crate::visible::picture_controls(&warning.to_string())
                );
            }
            Ok(chat_summary(&done))
        }),
        Import::Notes { file, notes } => into_session(&file, &notes, |staged, bytes, notes| {
            let imported = notes::import_into(staged, bytes, notes)
                .map_err(|p| Failure(format!("{p}\nnothing was imported")))?;
            for (line, choice) in &imported.chose {
                if let crate::recorder::Choice::Speaker {
                    typed,
                    id,
                    how: crate::resolve::Matched::Close,
                }
                | crate::recorder::Choice::Tag {
                    typed,
                    id,
                    how: crate::resolve::Matched::Close,
                } = choice
                {
                    eprintln!(
                        "rapporteur: {}:{line}: {:?} taken as {id}, a close match: check it",
                        notes.display(),
                        crate::visible::picture_controls(typed)
                    );
                }
            }
            let mut added = vec![
                super::count(imported.interventions, "intervention", "interventions"),
                super::count(imported.notes, "note", "notes"),
            ];
            // The rapporteur's own words are said apart, only when there are any.
            if imported.remarks > 0 {
                added.push(super::count(imported.remarks, "remark", "remarks"));
            }
            Ok(format!("added {}", crate::export::join(&added)))
        }),
    }
}

/// Opens `file` as a meeting, runs `import` on the contents of `input` (standard input
/// for `-`), named for messages, as one staged change, and commits and saves only if it
/// succeeds: the importers change a session the way the screen does.
fn into_session(
    file: &Path,
    input: &Path,
    import: impl FnOnce(&mut Staged, &[u8], &Path) -> Result<String, Failure>,
) -> Result<ExitCode, Failure> {
    let file = session_file(file)?;
    let (bytes, name) = read_input(input)?;
    let (mut meeting, _) = Meeting::open(file)?;
    let mut staged = meeting.stage();
    match import(&mut staged, &bytes, name) {
        Ok(summary) => {
            if let Committed::NotSaved(error) = staged.commit() {
                return Err(Failure(format!("{error}")));
            }
            meeting.close()?;
            println!("{}: {summary}", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            drop(staged);
            meeting.release();
            Err(failure)
        }
    }
}

/// Counts in words, leaving out the ones that are zero.
fn counted(parts: &[(usize, &str, &str)]) -> Vec<String> {
    parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect()
}

/// What a roster import did, in one line.
fn roster_summary(done: &roster::RosterImported) -> String {
    let mut line = format!(
        "added {} {} to the roster",
        done.added,
        if done.added == 1 { "person" } else { "people" }
    );
    let more = counted(&[
        (done.matched, "already on it", "already on it"),
        (done.attended, "attended", "attended"),
        (
            done.absent,
            "registered but absent",
            "registered but absent",
        ),
        (
            done.cancelled,
            "cancelled registration left out",
            "cancelled registrations left out",
        ),
        (done.repeated, "repeated row folded", "repeated rows folded"),
        (done.hosts, "host row left out", "host rows left out"),
    ]);
    if !more.is_empty() {
        line.push_str("; ");
        line.push_str(&more.join(", "));
    }
    let read_as: Vec<String> = done
        .encoding
        .map(|e| format!("read as {e}"))
        .into_iter()
        .chain(done.separator.map(|s| format!("columns separated by {s}")))
        .collect();
    if !read_as.is_empty() {
        line.push_str(&format!(" ({})", read_as.join(", ")));
    }
    if !done.chairs.is_empty() {
        line.push_str(&format!(
            "\n  chairing, by their role: {}",
            crate::visible::picture_controls(&done.chairs.join(", "))
        ));
    }
    line
}

/// What a chat import did: a line, then what was left out and what to check.
fn chat_summary(done: &chat::ChatImported) -> String {
    let formats: Vec<String> = done.formats.iter().map(|f| f.to_string()).collect();
    let mut text = format!(
        "added {} chat {} ({})",
        done.added,
        if done.added == 1 { "input" } else { "inputs" },
        formats.join("; ")
    );
    let left_out = counted(&[
        (done.already, "already imported", "already imported"),
        (done.reactions, "reaction", "reactions"),
        (done.private, "private message", "private messages"),
        (
            done.skipped,
            "message of people mapped to nobody",
            "messages of people mapped to nobody",
        ),
        (done.empty, "empty message", "empty messages"),
    ]);
    if !left_out.is_empty() {
        text.push_str(&format!("\n  left out: {}", left_out.join(", ")));
    }
    if done.replies > 0 {
        text.push_str(&format!(
            "\n  {} {} kept without the line quoting the message answered",
            done.replies,
            if done.replies == 1 {
                "reply"
            } else {
                "replies"
            }
        ));
    }
    for (name, id) in &done.similar {
        text.push_str(&format!(
            "\n  matched by similarity, check: {name:?} is {id}"
        ));
    }
    if !done.new_participants.is_empty() {
        text.push_str(&format!(
            "\n  added to the roster: {}",
            done.new_participants.join(", ")
        ));
    }
    text
}
