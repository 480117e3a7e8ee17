//! `rapporteur import`.

use std::path::Path;
use std::process::ExitCode;

use super::streams::{read_input, session_file};
use super::{Failure, Import};
use crate::import::chat::{self, ChatOptions};
use crate::import::{notes, roster};
use crate::model::Session;
use crate::storage::SessionFile;

/// Imports a roster, notes or a chat into a session file; on any problem nothing is written.
pub fn run(what: Import) -> Result<ExitCode, Failure> {
    match what {
        Import::Roster {
            file,
            csv,
            group,
            columns,
        } => into_session(&file, &csv, |session, bytes, csv| {
            let options = roster::RosterOptions { group, columns };
            let done = roster::import_with(session, bytes, csv, &options).map_err(|problems| {
                let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                Failure(format!("{}\nnothing was imported", lines.join("\n")))
            })?;
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
        } => into_session(&file, &chat, |session, bytes, chat| {
            let options = ChatOptions {
                map,
                add_unknown,
                starts_at,
            };
            let done = chat::import(session, bytes, chat, &options)
                .map_err(|e| Failure(format!("{e}\nnothing was imported")))?;
            for warning in &done.warnings {
                eprintln!(
                    "rapporteur: warning: {}",
                    crate::visible::picture_controls(&warning.to_string())
                );
            }
            Ok(chat_summary(&done))
        }),
        Import::Notes { file, notes } => into_session(&file, &notes, |session, bytes, notes| {
            let imported = notes::import(session, bytes, notes)
                .map_err(|p| Failure(format!("{p}\nnothing was imported")))?;
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

/// Opens `file`, runs `import` on the contents of `input` (standard input for `-`), named
/// for messages, and saves only if it succeeds.
fn into_session(
    file: &Path,
    input: &Path,
    import: impl FnOnce(&mut Session, &[u8], &Path) -> Result<String, Failure>,
) -> Result<ExitCode, Failure> {
    let file = session_file(file)?;
    let (bytes, name) = read_input(input)?;
    let (handle, mut session, _) = SessionFile::open(file)?;
    match import(&mut session, &bytes, name) {
        Ok(summary) => {
            handle.close(&mut session)?;
            println!("{}: {summary}", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            handle.release();
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
