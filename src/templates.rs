//! Session templates: built-in ones embedded from `sessions/templates/`, or any session file.

use std::path::Path;

use crate::model::Session;
use crate::storage::{self, LoadError};

/// A built-in template: what recurs across meetings of one kind (groups, their nouns,
/// which count toward convergence, the usual format), never one meeting's details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltIn {
    /// Name given to `--template`.
    pub name: &'static str,
    /// What it is for, in one line.
    pub about: &'static str,
    /// Its RON text.
    pub text: &'static str,
}

/// The built-in templates, in the order `rapporteur new --template list` shows them.
pub const BUILT_IN: &[BuiltIn] = &[
    BuiltIn {
        name: "default",
        about: "any multi-stakeholder meeting: governments, civil society, private sector, \
                local authorities, international organizations; observers not counted",
        text: include_str!("../sessions/templates/default.ron"),
    },
    BuiltIn {
        name: "un-consultation",
        about: "UN or intergovernmental consultation: Member States, UN system, civil society, \
                private sector, academia; observer delegations not counted",
        text: include_str!("../sessions/templates/un-consultation.ron"),
    },
    BuiltIn {
        name: "gfmd",
        about: "GFMD meeting: States, civil society, business, Mayors (the four GFMD groups); \
                observers not counted",
        text: include_str!("../sessions/templates/gfmd.ron"),
    },
    BuiltIn {
        name: "city-hearing",
        about: "city council hearing: residents, community organizations, local businesses, \
                city council; city staff not counted",
        text: include_str!("../sessions/templates/city-hearing.ron"),
    },
    BuiltIn {
        name: "committee-hearing",
        about: "parliamentary committee hearing: government and opposition parties, witnesses; \
                the chair marked by their role",
        text: include_str!("../sessions/templates/committee-hearing.ron"),
    },
    BuiltIn {
        name: "ngo-coalition",
        about: "NGO coalition call: grassroots groups, national and international NGOs; \
                the secretariat and guests not counted",
        text: include_str!("../sessions/templates/ngo-coalition.ron"),
    },
    BuiltIn {
        name: "focus-group",
        about: "research focus group: the participants, each counted as one; \
                the research team not counted",
        text: include_str!("../sessions/templates/focus-group.ron"),
    },
];

/// The built-in templates, one line each: `name  what it is for`.
pub fn list() -> String {
    let width = BUILT_IN.iter().map(|t| t.name.len()).max().unwrap_or(0);
    BUILT_IN
        .iter()
        .map(|t| format!("{:width$}  {}\n", t.name, t.about))
        .collect()
}

/// The built-in templates' names, comma-separated.
pub fn names() -> String {
    BUILT_IN
        .iter()
        .map(|t| t.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The built-in default template.
pub fn default_template() -> Session {
    built_in("default").expect("the embedded default template parses (tested)")
}

/// A built-in template by name.
pub fn built_in(name: &str) -> Option<Session> {
    let template = BUILT_IN.iter().find(|t| t.name == name)?;
    let path = Path::new("sessions/templates").join(format!("{name}.ron"));
    Some(storage::from_ron(template.text, &path).expect("built-in templates parse (tested)"))
}

/// A template by built-in name or by path to any session file (whose roster and
/// priorities are kept, and whose interventions, remarks and review are dropped).
pub fn resolve(name_or_path: &str) -> Result<Session, LoadError> {
    if let Some(session) = built_in(name_or_path) {
        return Ok(session);
    }
    let path = Path::new(name_or_path);
    let mut session = storage::read_file(path).map_err(|mut e| {
        if e.position().is_none() && !path.exists() {
            e.message = format!(
                "no such template (built-in templates: {}; `rapporteur new --template list` describes them)",
                names()
            );
        }
        e
    })?;
    // What belongs to that meeting's notes goes with them: remarks, review, chat imported.
    session.interventions.clear();
    session.remarks.clear();
    session.review = Default::default();
    session.chat_imported.clear();
    session.journal_seq = 0;
    session.next_serial = 1;
    Ok(session)
}

/// The GFMD 2020 example meeting set up, without its roster or notes: the `gfmd`
/// template with that meeting's details and priorities, read from the example session.
#[cfg(test)]
pub(crate) fn gfmd_2020() -> Session {
    let mut session =
        resolve("sessions/gfmd-2020-migrant-protection.ron").expect("the example session loads");
    session.participants.clear();
    session
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::validate;

    #[test]
    fn every_built_in_template_parses_and_holds_only_what_recurs() {
        for t in BUILT_IN {
            let session = storage::from_ron(t.text, Path::new(t.name)).unwrap();
            assert!(!session.groups.is_empty(), "{} has groups", t.name);
            assert!(session.interventions.is_empty(), "{} is empty", t.name);
            assert!(session.participants.is_empty(), "{} has no roster", t.name);
            // One meeting's details belong to that meeting, never to its kind.
            assert!(
                session.priorities.is_empty(),
                "{} has no priorities",
                t.name
            );
            assert!(session.meta.date.is_empty(), "{} has no date", t.name);
            assert!(session.meta.theme.is_empty(), "{} has no theme", t.name);
            assert!(session.meta.focus_areas.is_empty(), "{}", t.name);
            assert!(validate(&session).is_empty(), "{}", t.name);
            for g in &session.groups {
                assert!(g.has_nouns(), "{}: {} has nouns", t.name, g.id);
            }
            assert!(
                session
                    .groups
                    .iter()
                    .filter(|g| g.counts_for_convergence)
                    .count()
                    >= 1,
                "{}",
                t.name
            );
        }
        let gfmd = built_in("gfmd").unwrap();
        let counting: Vec<&str> = gfmd
            .groups
            .iter()
            .filter(|g| g.counts_for_convergence)
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(counting, ["states", "civil-society", "business", "mayors"]);
        assert!(default_template().priorities.is_empty());
    }

    #[test]
    fn the_list_has_one_line_per_template() {
        let list = list();
        assert_eq!(list.lines().count(), BUILT_IN.len());
        assert!(list.starts_with("default "), "{list}");
        assert!(
            list.contains("\ncommittee-hearing  parliamentary committee hearing"),
            "{list}"
        );
    }

    #[test]
    fn unknown_template_lists_the_built_in_ones() {
        let error = resolve("nope").unwrap_err().to_string();
        assert!(
            error.contains("default, un-consultation, gfmd, city-hearing"),
            "{error}"
        );
    }
}
