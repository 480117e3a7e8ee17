//! `rapporteur edit`: the meeting's details, groups, priorities and chairs of an
//! existing session, and the review's choices for the report, changed as one undoable
//! change through the meeting.

use std::path::Path;
use std::process::ExitCode;

use super::review::{self, ReviewArgs};
use super::setup::{self, Mode, SetupArgs};
use super::streams::session_file;
use super::{Failure, count};
use crate::check::errors;
use crate::meeting::{Committed, Meeting};
use crate::visible::picture_controls;

/// Applies the options to the session in `file`, all or nothing.
pub fn run(file: &Path, args: &SetupArgs, choices: &ReviewArgs) -> Result<ExitCode, Failure> {
    let file = session_file(file)?;
    let (mut meeting, _) = Meeting::open(file)?;
    let planned = setup::plan(meeting.session(), args, Mode::Edit).and_then(|mut plan| {
        review::plan(&mut plan, choices)?;
        Ok(plan)
    });
    let plan = match planned {
        Ok(plan) => plan,
        Err(failure) => {
            meeting.release();
            return Err(Failure(format!("{}\nnothing was changed", failure.0)));
        }
    };
    // What was already wrong may stay; what the change would break is refused.
    let before: Vec<String> = errors(meeting.session())
        .iter()
        .map(|f| f.to_string())
        .collect();
    let broken: Vec<String> = errors(&plan.session)
        .iter()
        .map(|f| f.to_string())
        .filter(|f| !before.contains(f))
        .collect();
    if !broken.is_empty() {
        meeting.release();
        return Err(Failure(format!(
            "{}\nthis change would leave the session with {} (above); nothing was changed",
            broken.join("\n"),
            count(broken.len(), "error", "errors")
        )));
    }
    for chose in &plan.chose {
        println!("{}", picture_controls(chose));
    }
    if plan.edits.is_empty() {
        meeting.release();
        println!("{}: nothing to change", file.display());
        return Ok(ExitCode::SUCCESS);
    }
    match meeting.commit(plan.edits) {
        Ok(Committed::Durable) => {}
        Ok(Committed::NotSaved(error)) => {
            return Err(Failure(format!("{}: not saved: {error}", file.display())));
        }
        Err(error) => {
            meeting.release();
            return Err(Failure(format!("{error}\nnothing was changed")));
        }
    }
    meeting.close()?;
    let said: Vec<String> = plan
        .said
        .iter()
        .map(|s| picture_controls(s).into_owned())
        .collect();
    if said.len() <= 2 {
        println!("{}: {}", file.display(), crate::export::join(&said));
    } else {
        println!(
            "{}: {}:",
            file.display(),
            count(said.len(), "change", "changes")
        );
        for line in said {
            println!("  {line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
