//! `rapporteur merge`.

use std::path::Path;
use std::process::ExitCode;

use super::Failure;
use crate::check::{Severity, validate};
use crate::merge::{MergeReport, WINDOW, input_label, merge_all};
use crate::storage::SessionFile;

use super::streams::{is_dash, load_session, session_file};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Merges `inputs` in order into `output`, a new file: each into those before it.
pub fn run(inputs: &[std::path::PathBuf], output: &Path) -> Result<ExitCode, Failure> {
    let output = session_file(output)?;
    if inputs.iter().filter(|p| is_dash(p)).count() > 1 {
        return Err(Failure(if inputs.len() == 2 {
            "only one of the two sessions can come from standard input".into()
        } else {
            "only one of the sessions can come from standard input".into()
        }));
    }
    let mut sessions = Vec::with_capacity(inputs.len());
    for path in inputs {
        sessions.push(load_session(path)?);
    }
    // A broken input would spread into the merged file: it must pass `check` first.
    for (path, session) in inputs.iter().zip(&sessions) {
        let errors: Vec<String> = validate(session)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{}: {f}", path.display()))
            .collect();
        if !errors.is_empty() {
            return Err(Failure(format!(
                "{}\nfix it first (rapporteur check {}); nothing was merged",
                errors.join("\n"),
                path.display()
            )));
        }
    }
    let merged = merge_all(&sessions).expect("clap asks for two sessions or more");
    let mut session = merged.session;
    let mut created = SessionFile::create(output, &session)?;
    created.save(&mut session)?;
    created.close(&mut session)?;
    println!(
        "{}: {} and {}",
        output.display(),
        plural(session.interventions.len(), "intervention", "interventions"),
        plural(session.note_count(), "note", "notes")
    );
    println!(
        "  A, {}: {} and {}",
        inputs[0].display(),
        plural(
            sessions[0].interventions.len(),
            "intervention",
            "interventions"
        ),
        plural(sessions[0].note_count(), "note", "notes")
    );
    for (k, r) in merged.steps.iter().enumerate() {
        print_step(k + 1, &inputs[k + 1], r);
    }
    Ok(ExitCode::SUCCESS)
}

/// What merging input `index` (`path`) into the ones before it did.
fn print_step(index: usize, path: &Path, r: &MergeReport) {
    let (label, before) = (input_label(index), input_label(index - 1));
    // The second input goes into A; a later one into A to the one before it.
    let first = index == 1;
    let (into, have) = if first {
        ("A's".to_string(), "A has already".to_string())
    } else {
        (format!("A–{before}'s"), format!("A–{before} have already"))
    };
    println!(
        "  {label}, {}: {} and {}; {} merged into {into} (same speaker, same channel, within {} minutes), {} {have}",
        path.display(),
        plural(r.interventions_b, "intervention", "interventions"),
        plural(r.notes_b, "note", "notes"),
        plural(r.interventions_folded, "intervention", "interventions"),
        WINDOW / 60,
        plural(r.notes_duplicate, "note", "notes"),
    );
    let added = |what: &str, ids: &[String]| {
        if ids.is_empty() {
            String::new()
        } else {
            format!(", {what} added from {label}: {}", ids.join(", "))
        }
    };
    println!(
        "  participants: {} matched{}{}{}",
        r.participants_matched,
        added("participants", &r.participants_added),
        added("groups", &r.groups_added),
        added("priorities", &r.priorities_added),
    );
    let kept = if first {
        "each kept as A has it unless said"
    } else {
        "each kept as the sessions before it have it unless said"
    };
    println!(
        "  {}{}",
        plural(r.conflicts.len(), "conflict", "conflicts"),
        if r.conflicts.is_empty() {
            String::new()
        } else {
            format!(", {kept}:")
        }
    );
    for c in &r.conflicts {
        println!(
            "  conflict: {}",
            crate::visible::picture_controls(&c.to_string())
        );
    }
}
