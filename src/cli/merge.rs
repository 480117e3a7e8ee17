//! `rapporteur merge`.

use std::path::Path;
use std::process::ExitCode;

use super::Failure;
use crate::check::{Severity, validate};
use crate::merge::{WINDOW, merge};
use crate::storage::SessionFile;

use super::streams::{is_dash, load_session, session_file};

/// Merges session `b` into session `a` and writes the result to `output`, a new file.
pub fn run(a: &Path, b: &Path, output: &Path) -> Result<ExitCode, Failure> {
    let output = session_file(output)?;
    if is_dash(a) && is_dash(b) {
        return Err(Failure(
            "only one of the two sessions can come from standard input".into(),
        ));
    }
    let first = load_session(a)?;
    let second = load_session(b)?;
    // A broken input would spread into the merged file: it must pass `check` first.
    for (path, session) in [(a, &first), (b, &second)] {
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
    let merged = merge(&first, &second);
    let mut session = merged.session;
    let mut created = SessionFile::create(output, &session)?;
    created.save(&mut session)?;
    created.close(&mut session)?;
    let r = &merged.report;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    println!(
        "{}: {} and {}",
        output.display(),
        plural(session.interventions.len(), "intervention", "interventions"),
        plural(session.note_count(), "note", "notes")
    );
    println!(
        "  A, {}: {} and {}",
        a.display(),
        plural(r.interventions_a, "intervention", "interventions"),
        plural(r.notes_a, "note", "notes")
    );
    println!(
        "  B, {}: {} and {}; {} merged into A's (same speaker, same channel, within {} minutes), {} A has already",
        b.display(),
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
            format!(", {what} added from B: {}", ids.join(", "))
        }
    };
    println!(
        "  participants: {} matched{}{}{}",
        r.participants_matched,
        added("participants", &r.participants_added),
        added("groups", &r.groups_added),
        added("priorities", &r.priorities_added),
    );
    println!(
        "  {}{}",
        plural(r.conflicts.len(), "conflict", "conflicts"),
        if r.conflicts.is_empty() {
            ""
        } else {
            ", each kept as A has it unless said:"
        }
    );
    for c in &r.conflicts {
        println!(
            "  conflict: {}",
            crate::visible::picture_controls(&c.to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}
