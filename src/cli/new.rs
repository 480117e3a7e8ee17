//! `rapporteur new`.

use std::process::ExitCode;

use super::setup::{self, Mode};
use super::streams::session_file;
use super::{Failure, NewArgs, count};
use crate::meeting::Meeting;
use crate::storage::SessionFile;
use crate::templates;

/// Creates a session file from a template, or from the groups given alone, with the
/// meeting's details, groups, priorities and chairs the options give.
pub fn run(args: NewArgs) -> Result<ExitCode, Failure> {
    let NewArgs {
        file,
        template,
        setup,
    } = args;
    if template.as_deref() == Some("list") {
        print!("{}", templates::list());
        return Ok(ExitCode::SUCCESS);
    }
    let Some(file) = file else {
        return Err(Failure(
            "give the session file to create, as in `rapporteur new meeting.ron`".into(),
        ));
    };
    let file = session_file(&file)?;
    // Groups given without a template are the session's only groups.
    let (base, from) = match template.as_deref() {
        Some(name) => (templates::resolve(name)?, Some(name)),
        None if !setup.groups.is_empty() => {
            let mut session = templates::default_template();
            session.groups.clear();
            (session, None)
        }
        None => (templates::default_template(), Some("default")),
    };
    let plan = setup::plan(&base, &setup, Mode::New(from))?;
    let mut meeting = Meeting::in_memory(base);
    // A plan applies to the session it was made on, which this is.
    let _ = meeting
        .commit(plan.edits)
        .map_err(|e| Failure(e.to_string()))?;
    let mut session = meeting.into_session();
    let mut dated = "";
    if session.meta.date.is_empty() {
        session.meta.date = jiff::Zoned::now().date().to_string();
        dated = " (today: give --date, or change it with `rapporteur edit FILE --date`)";
    }
    let mut created = SessionFile::create(file, &session)?;
    created.save(&mut session)?;
    created.close(&mut session)?;
    for chose in &plan.chose {
        println!("{chose}");
    }
    let ids = |items: Vec<&str>| match items.is_empty() {
        true => String::new(),
        false => format!(" ({})", items.join(", ")),
    };
    println!(
        "created {} {}with {}{} and {}{}, dated {}{dated}",
        file.display(),
        from.map_or_else(String::new, |t| format!("from the template {t} ")),
        count(session.groups.len(), "group", "groups"),
        ids(session.groups.iter().map(|g| g.id.as_str()).collect()),
        count(session.priorities.len(), "priority", "priorities"),
        ids(session.priorities.iter().map(|p| p.id.as_str()).collect()),
        session.meta.date,
    );
    Ok(ExitCode::SUCCESS)
}
