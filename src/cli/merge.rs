//! `rapporteur merge`.

use std::path::Path;
use std::process::ExitCode;

use super::Failure;
use crate::check::{Severity, validate};
use crate::merge::{WINDOW, merge};
use crate::storage::{self, SessionFile};

/// Merges session `b` into session `a` and writes the result to `output`, a new file.
pub fn run(a: &Path, b: &Path, output: &Path) -> Result<ExitCode, Failure> {
    let first = storage::load(a)?;
    let second = storage::load(b)?;
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
                errors.join("\nrapporteur: "),
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
    println!(
        "{}: {} interventions ({} from {}, {} from {} of which {} merged into the first's, window {}s); \
         {} notes ({} from {}, {} from {} of which {} duplicates)",
        output.display(),
        session.interventions.len(),
        r.interventions_a,
        a.display(),
        r.interventions_b,
        b.display(),
        r.interventions_folded,
        WINDOW,
        session.note_count(),
        r.notes_a,
        a.display(),
        r.notes_b,
        b.display(),
        r.notes_duplicate,
    );
    println!(
        "participants: {} matched, {} added{}",
        r.participants_matched,
        r.participants_added.len(),
        if r.participants_added.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.participants_added.join(", "))
        }
    );
    if !r.priorities_added.is_empty() || !r.groups_added.is_empty() {
        println!(
            "added from {}: groups [{}], priorities [{}]",
            b.display(),
            r.groups_added.join(", "),
            r.priorities_added.join(", ")
        );
    }
    println!("{} conflicts", r.conflicts.len());
    for c in &r.conflicts {
        println!("conflict: {c}");
    }
    Ok(ExitCode::SUCCESS)
}
