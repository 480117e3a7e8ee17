//! Session templates: built-in ones embedded from `sessions/templates/`, or any session file.

use std::path::Path;

use crate::model::Session;
use crate::storage::{self, LoadError};

/// The built-in templates, by name, with their RON text.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("default", include_str!("../sessions/templates/default.ron")),
    ("gfmd", include_str!("../sessions/templates/gfmd.ron")),
];

/// The built-in default template.
pub fn default_template() -> Session {
    built_in("default").expect("the embedded default template parses (tested)")
}

/// A built-in template by name.
pub fn built_in(name: &str) -> Option<Session> {
    let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name)?;
    let path = Path::new("sessions/templates").join(format!("{name}.ron"));
    Some(storage::from_ron(text, &path).expect("built-in templates parse (tested)"))
}

/// A template by built-in name or by path to any session file (whose roster and
/// priorities are kept, and whose interventions are dropped).
pub fn resolve(name_or_path: &str) -> Result<Session, LoadError> {
    if let Some(session) = built_in(name_or_path) {
        return Ok(session);
    }
    let path = Path::new(name_or_path);
    let mut session = storage::read_file(path).map_err(|mut e| {
        if e.position().is_none() && !path.exists() {
            let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
            e.message = format!(
                "no such template (built-in templates: {})",
                names.join(", ")
            );
        }
        e
    })?;
    session.interventions.clear();
    session.journal_seq = 0;
    session.next_serial = 1;
    Ok(session)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_template_parses() {
        for (name, text) in BUILT_IN {
            let session = storage::from_ron(text, Path::new(name)).unwrap();
            assert!(!session.groups.is_empty(), "{name} has groups");
            assert!(session.interventions.is_empty(), "{name} is empty");
        }
        let gfmd = built_in("gfmd").unwrap();
        let counting = gfmd
            .groups
            .iter()
            .filter(|g| g.counts_for_convergence)
            .count();
        assert_eq!(counting, 4);
        assert!(default_template().priorities.is_empty());
    }

    #[test]
    fn unknown_template_lists_the_built_in_ones() {
        let error = resolve("nope").unwrap_err().to_string();
        assert!(error.contains("default, gfmd"), "{error}");
    }
}
