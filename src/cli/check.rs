//! `rapporteur check`.

use std::path::Path;
use std::process::ExitCode;

use super::Failure;
use crate::check::{Severity, validate};
use crate::lint::{lint, standing};
use crate::visible::picture_controls;

use super::streams::load_session;

/// Validates the session in `file` and lints its notes; exits non-zero on errors only.
///
/// The findings are the command's output, on standard output; a file that does not
/// load is an error that stops it, on standard error.
pub fn run(file: &Path) -> Result<ExitCode, Failure> {
    let session = load_session(file)?;
    let findings = validate(&session);
    // Findings quote ids and names from the file: print them inert.
    for finding in &findings {
        println!(
            "{}: {}",
            file.display(),
            picture_controls(&finding.to_string())
        );
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    // Lint warnings flag notes that could identify a speaker; they never fail the check.
    // Names the rapporteur marked reviewed are counted, not listed.
    let all = lint(&session).len();
    let lints = standing(&session);
    let reviewed = all - lints.len();
    for warning in &lints {
        println!(
            "{}: warning: {}",
            file.display(),
            picture_controls(&warning.to_string())
        );
    }
    let warnings = findings.len() - errors + lints.len();
    let reviewed = match reviewed {
        0 => String::new(),
        1 => "; 1 name in notes reviewed".to_string(),
        n => format!("; {n} names in notes reviewed"),
    };
    println!(
        "{}: {} participants, {} priorities, {} interventions, {} notes; {errors} errors, {warnings} warnings{reviewed}",
        file.display(),
        session.participants.len(),
        session.priorities.len(),
        session.interventions.len(),
        session.note_count(),
    );
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
