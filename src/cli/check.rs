//! `rapporteur check`.

use std::path::Path;
use std::process::ExitCode;

use super::{Failure, count};
use crate::check::{Severity, errors, report_warnings, validate};
use crate::lint::{lint, standing};
use crate::model::Session;
use crate::visible::picture_controls;

use super::streams::load_session;

/// Validates the session in `file`, lists what its report still lacks and lints its
/// notes; exits non-zero on errors only.
///
/// The findings are the command's output, on standard output; a file that does not
/// load is an error that stops it, on standard error.
pub fn run(file: &Path) -> Result<ExitCode, Failure> {
    let session = load_session(file)?;
    let mut findings = validate(&session);
    // What the report still lacks is worth knowing once the session holds together.
    if findings.iter().all(|f| f.severity == Severity::Warning) {
        findings.extend(report_warnings(&session));
    }
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
        "{}: {}, {}, {}, {}; {}, {}{reviewed}",
        file.display(),
        count(session.participants.len(), "participant", "participants"),
        count(session.priorities.len(), "priority", "priorities"),
        count(session.interventions.len(), "intervention", "interventions"),
        count(session.note_count(), "note", "notes"),
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings"),
    );
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Refuses a session `check` finds errors in, listing them: no command prints figures
/// of a session that contradicts itself. `what` is what is not done ("the tally").
pub fn refuse_errors(session: &Session, file: &Path, what: &str) -> Result<(), Failure> {
    let found = errors(session);
    if found.is_empty() {
        return Ok(());
    }
    let mut lines: Vec<String> = found
        .iter()
        .map(|f| format!("{}: {}", file.display(), picture_controls(&f.to_string())))
        .collect();
    lines.push(format!(
        "{} has {} (above), so {what} would contradict itself; fix the file first \
         (`rapporteur check {}` lists them)",
        file.display(),
        count(found.len(), "error", "errors"),
        file.display()
    ));
    Err(Failure(lines.join("\n")))
}
