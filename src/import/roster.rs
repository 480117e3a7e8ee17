//! `import roster`: people from a CSV with header-named columns, or from a
//! Zoom or Eventbrite registration or attendee export.
//!
//! A plain roster has a header line with `name`, `affiliation`, `group` and
//! optional `role`. A registration export (`First Name`, `Last Name`,
//! `Organization` or `Company`, `Attended`, `Approval Status`…) may have report
//! lines before its header, several sections, and the same person on several
//! rows; its people go into the group given with `--group` or read from a mapped
//! column, cancelled registrations are left out, people already on the roster are
//! matched rather than refused, and attendance is recorded when the export says.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::groups::{self, find_group};
use super::{ImportProblem, text_of};
use crate::model::{Participant, Session, SlugMaker};
use crate::names::{accent_key, collapsed, text_key};

/// Accepted header names for each column, compared without case.
const NAME: &[&str] = &["name", "full name", "participant"];
const AFFILIATION: &[&str] = &[
    "affiliation",
    "organization",
    "organisation",
    "country",
    "entity",
    "company",
];
const GROUP: &[&str] = &["group", "constituency", "category"];
const ROLE: &[&str] = &["role", "position", "job title"];

/// Header names only registration and attendee exports use.
const FIRST_NAME: &[&str] = &["first name", "firstname", "given name"];
const LAST_NAME: &[&str] = &["last name", "lastname", "surname", "family name"];
const DISPLAY_NAME: &[&str] = &[
    "user name (original name)",
    "name (original name)",
    "user name",
    "attendee name",
];
const EMAIL: &[&str] = &["email", "e-mail", "email address", "user email"];
const ATTENDED: &[&str] = &[
    "attended",
    "checked in",
    "checked-in",
    "check-in",
    "attendance",
];
const STATUS: &[&str] = &[
    "attendee status",
    "approval status",
    "registration status",
    "status",
];
const JOIN_TIME: &[&str] = &["join time"];

/// Words in a status cell that mean the registration does not stand.
const CANCELLED: &[&str] = &[
    "cancel",
    "refund",
    "denied",
    "declined",
    "rejected",
    "not attending",
    "deleted",
];

/// Most problems listed before the import gives up reading.
const MAX_PROBLEMS: usize = 50;

/// The fields a `--column FIELD=HEADER` mapping can name.
pub const FIELDS: &[&str] = &[
    "name",
    "first-name",
    "last-name",
    "affiliation",
    "group",
    "role",
    "attended",
];

/// How to read a roster beyond its header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterOptions {
    /// The group of everyone in the file (a cell of a mapped group column wins when not empty).
    pub group: Option<String>,
    /// `FIELD=HEADER` mappings, for headers rapporteur does not know; see [`FIELDS`].
    pub columns: Vec<String>,
}

/// What a roster import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterImported {
    /// Whether the file was read as a registration or attendee export.
    pub registration: bool,
    /// People added to the roster.
    pub added: usize,
    /// People of the file already on the roster (registration exports only).
    pub matched: usize,
    /// People the export says attended.
    pub attended: usize,
    /// People the export says registered but did not attend.
    pub absent: usize,
    /// Rows of cancelled, refused or refunded registrations, left out.
    pub cancelled: usize,
    /// Rows repeating a person already read from the same file, folded into the first.
    pub repeated: usize,
    /// Rows of a Zoom report's host section, left out: the host runs the meeting.
    pub hosts: usize,
}

/// Where each field is in the current header, by column index.
#[derive(Debug, Clone, Default)]
struct Columns {
    name: Option<usize>,
    first: Option<usize>,
    last: Option<usize>,
    display: Option<usize>,
    affiliation: Option<usize>,
    group: Option<usize>,
    role: Option<usize>,
    email: Option<usize>,
    attended: Option<usize>,
    status: Option<usize>,
    join_time: Option<usize>,
}

impl Columns {
    /// Reads a header row, with the user's mappings first; `None` if it names no name column.
    fn of(headers: &[String], mapped: &HashMap<String, String>) -> Option<Columns> {
        let find = |field: &str, aliases: &[&str]| match mapped.get(field) {
            Some(header) => headers.iter().position(|h| h == header),
            None => headers.iter().position(|h| aliases.contains(&h.as_str())),
        };
        let columns = Columns {
            name: find("name", NAME),
            first: find("first-name", FIRST_NAME),
            last: find("last-name", LAST_NAME),
            display: headers
                .iter()
                .position(|h| DISPLAY_NAME.contains(&h.as_str())),
            affiliation: find("affiliation", AFFILIATION),
            group: find("group", GROUP),
            role: find("role", ROLE),
            email: headers.iter().position(|h| EMAIL.contains(&h.as_str())),
            attended: find("attended", ATTENDED),
            status: headers.iter().position(|h| STATUS.contains(&h.as_str())),
            join_time: headers.iter().position(|h| JOIN_TIME.contains(&h.as_str())),
        };
        let named = columns.name.is_some()
            || columns.display.is_some()
            || (columns.first.is_some() && columns.last.is_some());
        named.then_some(columns)
    }

    /// Whether this header is a registration or attendee export's rather than a plain roster's.
    fn is_registration(&self) -> bool {
        self.name.is_none()
            || self.attended.is_some()
            || self.status.is_some()
            || self.join_time.is_some()
            || self.email.is_some()
    }
}

/// The line a record starts on, counted from its byte offset: csv's own line count
/// falls behind after a blank line and on every `\r\n` line end.
fn line_at(text: &str, position: Option<&csv::Position>) -> u64 {
    let Some(position) = position else {
        return 0;
    };
    let bytes = text.as_bytes();
    let mut at = usize::try_from(position.byte()).map_or(bytes.len(), |b| b.min(bytes.len()));
    // The offset may point at the line end before the record, or at blank lines.
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    let before = &bytes[..at];
    let breaks = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')))
        .count();
    breaks as u64 + 1
}

fn lowered(record: &csv::StringRecord) -> Vec<String> {
    record.iter().map(|h| h.trim().to_lowercase()).collect()
}

/// Adds the people in `csv` to the roster of `session`.
///
/// On any problem (missing column, empty name, unknown group, duplicate person)
/// returns every problem with its CSV line, and `session` is unchanged.
pub fn import(session: &mut Session, csv: &[u8], path: &Path) -> Result<usize, Vec<ImportProblem>> {
    import_with(session, csv, path, &RosterOptions::default()).map(|r| r.added)
}

/// Adds the people in `csv` to the roster of `session`, reading it as `options` say.
///
/// On any problem returns every problem with its CSV line, and `session` is unchanged.
pub fn import_with(
    session: &mut Session,
    csv: &[u8],
    path: &Path,
    options: &RosterOptions,
) -> Result<RosterImported, Vec<ImportProblem>> {
    let text = text_of(csv, path).map_err(|p| vec![p])?;
    let problem =
        |line: u64, message: String| ImportProblem::new(path, line as usize, None, message);
    let option_problem = |message: String| vec![ImportProblem::new(path, 1, None, message)];
    let mut mapped: HashMap<String, String> = HashMap::new();
    for spec in &options.columns {
        let Some((field, header)) = spec.split_once('=') else {
            return Err(option_problem(format!(
                "--column {spec:?}: expected FIELD=HEADER, as in affiliation=Company"
            )));
        };
        let field = field.trim().to_lowercase().replace([' ', '_'], "-");
        if !FIELDS.contains(&field.as_str()) {
            return Err(option_problem(format!(
                "--column {spec:?}: unknown field {field:?} (fields: {})",
                FIELDS.join(", ")
            )));
        }
        mapped.insert(field, header.trim().to_lowercase());
    }
    let fixed_group = match &options.group {
        None => None,
        Some(text) => {
            Some(groups::option_group(&session.groups, "--group", text).map_err(option_problem)?)
        }
    };

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<(u64, csv::StringRecord)> = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => rows.push((line_at(text, r.position()), r)),
            Err(e) => {
                let line = line_at(text, e.position());
                problems.push(problem(line, format!("cannot read this row: {e}")));
                if problems.len() >= MAX_PROBLEMS {
                    return Err(problems);
                }
            }
        }
    }
    let headers_at: Vec<Option<Columns>> = rows
        .iter()
        .map(|(_, r)| Columns::of(&lowered(r), &mapped))
        .collect();
    let Some(first_header) = headers_at.iter().position(Option::is_some) else {
        let found = rows.first().map(|(_, r)| lowered(r)).unwrap_or_default();
        return Err(vec![problem(
            rows.first().map_or(1, |(line, _)| *line),
            format!(
                "the header has no `name` column (found: {}); expected name, affiliation, group and optional role, \
                 or the First Name and Last Name of a registration export",
                found.join(", ")
            ),
        )]);
    };
    for (field, header) in &mapped {
        let found = rows
            .iter()
            .zip(&headers_at)
            .any(|((_, r), h)| h.is_some() && lowered(r).contains(header));
        if !found {
            let headers = lowered(&rows[first_header].1);
            return Err(option_problem(format!(
                "--column {field}={header}: the header has no column {header:?} (found: {})",
                headers.join(", ")
            )));
        }
    }
    let registration = headers_at.iter().flatten().any(Columns::is_registration)
        || options.group.is_some()
        || !options.columns.is_empty();

    let mut report = RosterImported {
        registration,
        ..RosterImported::default()
    };
    let mut roster = session.clone();
    // Ids taken so far, and the last suffix per name: a roster of namesakes stays linear.
    let mut ids: HashSet<String> = roster.participants.iter().map(|p| p.id.clone()).collect();
    let mut slugs = SlugMaker::default();
    let mut seen: HashSet<(String, String)> = session
        .participants
        .iter()
        .map(|p| person_key(&p.name, &p.affiliation))
        .collect();
    // People read from this file: their id, by name and email or affiliation.
    let mut read: HashMap<(String, String), String> = HashMap::new();
    let mut attendance: Vec<(String, bool)> = Vec::new();
    let mut matched: HashSet<String> = HashSet::new();
    // The host of a Zoom meeting runs it, and is not one of its participants.
    let host_title = |header: usize| {
        header
            .checked_sub(1)
            .and_then(|title| rows[title].1.get(0))
            .is_some_and(|t| t.to_lowercase().contains("host"))
    };
    let mut columns = headers_at[first_header].clone().expect("found above");
    let mut header_row = first_header;
    let mut host_section = host_title(first_header);
    for (index, (line, record)) in rows.iter().enumerate().skip(first_header + 1) {
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        let line = *line;
        if let Some(next) = &headers_at[index] {
            columns = next.clone();
            header_row = index;
            host_section = host_title(index);
            continue;
        }
        // A section title (`Attendee Details`) stands just above the header it names.
        if headers_at.get(index + 1).is_some_and(Option::is_some) {
            continue;
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        if host_section {
            report.hosts += 1;
            continue;
        }
        let field = |at: Option<usize>| at.and_then(|i| record.get(i)).unwrap_or("").to_string();
        let status = field(columns.status).to_lowercase();
        if CANCELLED.iter().any(|word| status.contains(word)) {
            report.cancelled += 1;
            continue;
        }
        let name = person_name(&columns, record, &mapped);
        let affiliation = field(columns.affiliation);
        if name.is_empty() {
            problems.push(problem(line, "the name is empty".into()));
            continue;
        }
        let attended = attended_of(&field(columns.attended), &status, &field(columns.join_time));
        let role = Some(field(columns.role)).filter(|r| !r.is_empty());
        let again_key = (
            accent_key(&name),
            match field(columns.email).to_lowercase() {
                email if !email.is_empty() => email,
                _ => affiliation.to_lowercase(),
            },
        );
        if registration {
            if let Some(id) = read.get(&again_key) {
                report.repeated += 1;
                if let Some(attended) = attended {
                    attendance.push((id.clone(), attended));
                }
                continue;
            }
            match on_roster(&session.participants, &name, &affiliation) {
                Ok(Some(id)) => {
                    matched.insert(id.clone());
                    if let Some(attended) = attended {
                        attendance.push((id.clone(), attended));
                    }
                    read.insert(again_key, id);
                    continue;
                }
                Ok(None) => {}
                Err(ids) => {
                    problems.push(problem(
                        line,
                        format!(
                            "{name} matches several people on the roster ({}); give their affiliation",
                            ids.join(", ")
                        ),
                    ));
                    continue;
                }
            }
        }
        let group_text = field(columns.group);
        let group = match (
            &fixed_group,
            mapped.contains_key("group"),
            group_text.is_empty(),
        ) {
            (Some(g), false, _) | (Some(g), true, true) => Some(g.clone()),
            _ if columns.group.is_none() => {
                problems.push(problem(
                    rows[header_row].0,
                    format!(
                        "the header has no `group` column (found: {}); expected name, affiliation, group and optional role, \
                         or give --group GROUP for the people not on the roster yet",
                        lowered(&rows[header_row].1).join(", ")
                    ),
                ));
                break;
            }
            _ => find_group(&roster.groups, &group_text),
        };
        let Some(group) = group else {
            let hint = if registration {
                "; give --group GROUP, or map a column with --column group=HEADER"
            } else {
                ""
            };
            let what = if group_text.is_empty() {
                format!("no group for {name}")
            } else {
                format!("unknown group `{group_text}` for {name}")
            };
            problems.push(problem(
                line,
                format!("{what} (groups: {}){hint}", groups::ids(&roster.groups)),
            ));
            continue;
        };
        if !registration && !seen.insert(person_key(&name, &affiliation)) {
            problems.push(problem(
                line,
                format!("{name} ({affiliation}) is already on the roster"),
            ));
            continue;
        }
        let id = slugs.make(&name, "participant", |s| ids.contains(s));
        ids.insert(id.clone());
        let person = Participant {
            id,
            name,
            affiliation,
            group,
            role,
        };
        if let Some(attended) = attended {
            attendance.push((person.id.clone(), attended));
        }
        read.insert(again_key, person.id.clone());
        roster.participants.push(person);
        report.added += 1;
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    report.matched = matched.len();
    // A person seen on several rows attended if any row says so.
    let mut said: HashMap<String, bool> = HashMap::new();
    for (id, attended) in attendance {
        *said.entry(id).or_insert(false) |= attended;
    }
    let ids: Vec<String> = roster.participants.iter().map(|p| p.id.clone()).collect();
    for id in ids {
        if let Some(&attended) = said.get(&id) {
            roster.set_attendance(&id, attended);
            if attended {
                report.attended += 1;
            } else {
                report.absent += 1;
            }
        }
    }
    *session = roster;
    Ok(report)
}

/// The person's name: a mapped or plain name column, else first and last names, else
/// the display name of an attendee report.
fn person_name(
    columns: &Columns,
    record: &csv::StringRecord,
    mapped: &HashMap<String, String>,
) -> String {
    let field = |at: Option<usize>| at.and_then(|i| record.get(i)).unwrap_or("").trim();
    if mapped.contains_key("name") || (columns.name.is_some() && !field(columns.name).is_empty()) {
        return collapsed(field(columns.name));
    }
    let full = collapsed(&format!("{} {}", field(columns.first), field(columns.last)));
    if !full.is_empty() {
        return full;
    }
    // Zoom writes a renamed person as "Display Name (Original Name)".
    let display = field(columns.display);
    let display = match display.rfind(" (") {
        Some(at) if display.ends_with(')') && at > 0 => &display[..at],
        _ => display,
    };
    collapsed(display)
}

/// Whether a row says the person attended: an Attended or Checked In cell, an
/// Eventbrite status of `Checked In`, or a Zoom join time.
fn attended_of(cell: &str, status: &str, join_time: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "checked in" | "attended" | "present" | "x" => {
            return Some(true);
        }
        "no" | "n" | "false" | "0" | "absent" | "not checked in" | "no show" => {
            return Some(false);
        }
        _ => {}
    }
    // Zoom writes `--` for the join time of someone who never joined.
    let joined = !join_time.trim().trim_matches('-').is_empty();
    let not_checked_in = status.contains("not checked in");
    if (status.contains("checked in") && !not_checked_in) || joined {
        return Some(true);
    }
    not_checked_in.then_some(false)
}

/// The roster participant a registration row stands for: by name, then affiliation.
///
/// `Err` holds the ids when several people share the name and the affiliation does not tell them apart.
fn on_roster(
    people: &[Participant],
    name: &str,
    affiliation: &str,
) -> Result<Option<String>, Vec<String>> {
    let same_name: Vec<&Participant> = people
        .iter()
        .filter(|p| accent_key(&p.name) == accent_key(name))
        .collect();
    match same_name.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.id.clone())),
        several => {
            let same_affiliation: Vec<&&Participant> = several
                .iter()
                .filter(|p| {
                    !affiliation.is_empty() && text_key(&p.affiliation) == text_key(affiliation)
                })
                .collect();
            match same_affiliation.as_slice() {
                [one] => Ok(Some(one.id.clone())),
                _ => Err(several.iter().map(|p| p.id.clone()).collect()),
            }
        }
    }
}

fn person_key(name: &str, affiliation: &str) -> (String, String) {
    (
        name.trim().to_lowercase(),
        affiliation.trim().to_lowercase(),
    )
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
    fn problems_name_their_line_after_blank_lines_and_windows_line_ends() {
        for end in ["\n", "\r\n", "\r"] {
            let csv = [
                "name,affiliation,group",
                "",
                "Ana,Chile,states",
                "",
                "",
                ",Peru,states",
            ]
            .join(end);
            let errors = run(&csv).unwrap_err();
            assert_eq!(errors.len(), 1, "{end:?}: {errors:?}");
            assert!(
                errors[0].starts_with("people.csv:6: the name is empty"),
                "{end:?}: {errors:?}"
            );
        }
        let quoted =
            "name,affiliation,group\r\n\"Ana\",\"City of\r\nTunis\",states\r\n\"\",x,states\r\n";
        let errors = run(quoted).unwrap_err();
        assert!(
            errors[0].starts_with("people.csv:4: the name is empty"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_status_of_not_checked_in_is_not_attendance() {
        assert_eq!(attended_of("", "checked in", ""), Some(true));
        assert_eq!(attended_of("", "not checked in", ""), Some(false));
        assert_eq!(attended_of("", "not checked in", "10:02"), Some(true));
        assert_eq!(attended_of("yes", "not checked in", ""), Some(true));
        assert_eq!(attended_of("", "attending", ""), None);
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
