//! `rapporteur new`.

use std::process::ExitCode;

use super::streams::session_file;
use super::{Failure, NewArgs};
use crate::model::{Group, Priority, slugify};
use crate::storage::SessionFile;
use crate::templates;

/// Creates a session file from a template, with extra groups and priorities.
pub fn run(args: NewArgs) -> Result<ExitCode, Failure> {
    let NewArgs {
        file,
        template,
        title,
        date,
        opens,
        closes,
        groups,
        priorities,
    } = args;
    let file = session_file(&file)?;
    let mut session = templates::resolve(template.as_deref().unwrap_or("default"))?;
    if let Some(title) = title {
        session.meta.title = title;
    }
    if let Some(date) = date {
        session.meta.date = date.to_string();
    }
    if session.meta.date.is_empty() {
        session.meta.date = jiff::Zoned::now().date().to_string();
    }
    if let (Some(o), Some(c)) = (opens, closes)
        && c < o
    {
        return Err(Failure(format!("--closes {c} is before --opens {o}")));
    }
    session.meta.opens = opens.or(session.meta.opens);
    session.meta.closes = closes.or(session.meta.closes);
    for spec in &groups {
        let (id, name) = split_spec(spec, "--group", "ID:NAME")?;
        if session.group(&id).is_some() {
            return Err(Failure(format!(
                "--group {spec}: the template has a group {id:?} already"
            )));
        }
        session.groups.push(Group {
            id,
            singular: singular_of(&name),
            plural: name.clone(),
            name,
            counts_for_convergence: true,
        });
    }
    for spec in &priorities {
        let (id, title) = split_spec(spec, "--priority", "ID:TITLE")?;
        if session.priority(&id).is_some() {
            return Err(Failure(format!(
                "--priority {spec}: the template has a priority {id:?} already"
            )));
        }
        session.priorities.push(Priority {
            id,
            title,
            description: None,
        });
    }
    let mut created = SessionFile::create(file, &session)?;
    created.save(&mut session)?;
    created.close(&mut session)?;
    println!(
        "created {} with {} groups and {} priorities",
        file.display(),
        session.groups.len(),
        session.priorities.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Splits `ID:TEXT`; the id is made a slug, the text is kept as written.
fn split_spec(spec: &str, flag: &str, shape: &str) -> Result<(String, String), Failure> {
    let (id, text) = spec
        .split_once(':')
        .map(|(i, t)| (slugify(i), t.trim().to_string()))
        .filter(|(i, t)| !i.is_empty() && !t.is_empty())
        .ok_or_else(|| Failure(format!("{flag} {spec:?}: expected {shape}")))?;
    Ok((id, text))
}

/// A best guess at the singular of a plural group noun; editable in the file.
fn singular_of(plural: &str) -> String {
    if let Some(stem) = plural.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = plural.strip_suffix("sses") {
        format!("{stem}ss")
    } else if let Some(stem) = plural.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        stem.to_string()
    } else {
        plural.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        assert_eq!(singular_of("States"), "State");
        assert_eq!(singular_of("Local authorities"), "Local authority");
        assert_eq!(singular_of("Businesses"), "Business");
        assert_eq!(singular_of("Academia"), "Academia");
    }

    #[test]
    fn specs() {
        assert_eq!(
            split_spec("Civil Society: NGOs", "--group", "ID:NAME").unwrap(),
            ("civil-society".to_string(), "NGOs".to_string())
        );
        assert!(split_spec("nocolon", "--group", "ID:NAME").is_err());
        assert!(split_spec(":x", "--group", "ID:NAME").is_err());
    }
}
