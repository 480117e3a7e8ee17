//! `import roster`: people from a CSV with header-named columns.

use std::collections::HashSet;
use std::path::Path;

use super::{ImportProblem, text_of};
use crate::model::{Group, Participant, Session};

/// Accepted header names for each column, compared without case.
const NAME: &[&str] = &["name", "full name", "participant"];
const AFFILIATION: &[&str] = &[
    "affiliation",
    "organization",
    "organisation",
    "country",
    "entity",
];
const GROUP: &[&str] = &["group", "constituency", "category"];
const ROLE: &[&str] = &["role", "position"];

/// Most problems listed before the import gives up reading.
const MAX_PROBLEMS: usize = 50;

/// Adds the people in `csv` to the roster of `session`.
///
/// On any problem (missing column, empty name, unknown group, duplicate person)
/// returns every problem with its CSV line, and `session` is unchanged.
pub fn import(session: &mut Session, csv: &[u8], path: &Path) -> Result<usize, Vec<ImportProblem>> {
    let text = text_of(csv, path).map_err(|p| vec![p])?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let problem =
        |line: u64, message: String| ImportProblem::new(path, line as usize, None, message);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| vec![problem(1, format!("cannot read the header: {e}"))])?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let column = |aliases: &[&str]| headers.iter().position(|h| aliases.contains(&h.as_str()));
    let (Some(name_at), Some(group_at)) = (column(NAME), column(GROUP)) else {
        let missing = if column(NAME).is_none() {
            "name"
        } else {
            "group"
        };
        return Err(vec![problem(
            1,
            format!(
                "the header has no `{missing}` column (found: {}); expected name, affiliation, group and optional role",
                headers.join(", ")
            ),
        )]);
    };
    let affiliation_at = column(AFFILIATION);
    let role_at = column(ROLE);

    let mut seen: HashSet<(String, String)> = session
        .participants
        .iter()
        .map(|p| person_key(&p.name, &p.affiliation))
        .collect();
    let mut problems = Vec::new();
    let mut added = Vec::new();
    let mut roster = session.clone();
    for record in reader.records() {
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(problem(line, format!("cannot read this row: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let field = |at: Option<usize>| at.and_then(|i| record.get(i)).unwrap_or("").to_string();
        let name = field(Some(name_at));
        let affiliation = field(affiliation_at);
        let group_text = field(Some(group_at));
        if name.is_empty() {
            problems.push(problem(line, "the name is empty".into()));
            continue;
        }
        let Some(group) = find_group(&roster.groups, &group_text) else {
            let known: Vec<&str> = roster.groups.iter().map(|g| g.id.as_str()).collect();
            problems.push(problem(
                line,
                format!(
                    "unknown group `{group_text}` for {name} (groups: {})",
                    known.join(", ")
                ),
            ));
            continue;
        };
        if !seen.insert(person_key(&name, &affiliation)) {
            problems.push(problem(
                line,
                format!("{name} ({affiliation}) is already on the roster"),
            ));
            continue;
        }
        let role = Some(field(role_at)).filter(|r| !r.is_empty());
        let person = Participant {
            id: roster.fresh_participant_id(&name),
            name,
            affiliation,
            group,
            role,
        };
        roster.participants.push(person.clone());
        added.push(person);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let count = added.len();
    session.participants.extend(added);
    Ok(count)
}

fn person_key(name: &str, affiliation: &str) -> (String, String) {
    (
        name.trim().to_lowercase(),
        affiliation.trim().to_lowercase(),
    )
}

/// Finds a group by id, name, or entity noun, ignoring case.
pub fn find_group(groups: &[Group], text: &str) -> Option<String> {
    let text = text.trim().to_lowercase();
    groups
        .iter()
        .find(|g| {
            [&g.id, &g.name, &g.singular, &g.plural]
                .iter()
                .any(|k| k.to_lowercase() == text)
        })
        .map(|g| g.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    fn run(csv: &str) -> Result<Session, Vec<String>> {
        let mut s = templates::built_in("gfmd").unwrap();
        import(&mut s, csv.as_bytes(), Path::new("people.csv"))
            .map(|_| s)
            .map_err(|ps| ps.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn header_aliases_and_quoted_fields() {
        let s = run("\u{feff}Full Name , Organisation,Constituency,Position\n\
                     Amina Diallo,\"Ministry of Labour, Senegal\",States,Delegate\n\
                     \n\
                     Omar Haddad,Casablanca,mayor,\n")
        .unwrap();
        assert_eq!(s.participants.len(), 2);
        let a = &s.participants[0];
        assert_eq!(
            (a.id.as_str(), a.affiliation.as_str()),
            ("amina-diallo", "Ministry of Labour, Senegal")
        );
        assert_eq!(a.group, "states");
        assert_eq!(a.role.as_deref(), Some("Delegate"));
        assert_eq!(s.participants[1].group, "mayors");
        assert_eq!(s.participants[1].role, None);
        for header in ["country", "entity", "organization", "affiliation"] {
            let s = run(&format!("name,{header},category\nA,Chile,business\n")).unwrap();
            assert_eq!(s.participants[0].affiliation, "Chile");
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_line_and_nothing_added() {
        let errors = run("name,affiliation,group\n\
                          ,Chile,states\n\
                          Ana,Chile,pirates\n\
                          Bo,Peru,states\n\
                          bo,peru,States\n")
        .unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].starts_with("people.csv:2: the name is empty"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("people.csv:3: unknown group `pirates`"),
            "{errors:?}"
        );
        assert!(
            errors[2].starts_with("people.csv:5: bo (peru) is already"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_missing_column_is_named() {
        let errors = run("person,affiliation,group\nA,B,states\n").unwrap_err();
        assert!(errors[0].contains("no `name` column"), "{errors:?}");
        let errors = run("name,affiliation\nA,B\n").unwrap_err();
        assert!(errors[0].contains("no `group` column"), "{errors:?}");
    }

    #[test]
    fn invalid_utf8_has_a_position() {
        let mut s = templates::built_in("gfmd").unwrap();
        let errors = import(&mut s, b"name,group\nA\xff,states\n", Path::new("p.csv")).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "p.csv:2:2: invalid UTF-8 (the file must be UTF-8 text)"
        );
    }
}
