//! `import roster`: people from a CSV with header-named columns, or from a
//! Zoom or Eventbrite registration or attendee export.
//!
//! A plain roster has a header line with `name`, `affiliation` (or `org`,
//! `organisation`, `institution`, `delegation`, `agency`, `company`, `country`,
//! `entity`…), `group` and optional `role`, separated by commas, semicolons or
//! tabs (found from the header), in UTF-8, UTF-16 or Windows-1252 (`decode`). A
//! registration export (`First Name`, `Last Name`, `Organization` or `Company`,
//! `Attended`, `Approval Status`…) may have report lines before its header, several
//! sections, and the same person on several rows; its people go into the group given
//! with `--group` or read from a mapped column, cancelled registrations are left out,
//! people already on the roster are matched rather than refused, and attendance is
//! recorded when the export says. A group cell must name a group exactly
//! ([`super::groups::find_group`]). Columns not read are named in the result.

mod decode;
mod header;

use std::collections::{HashMap, HashSet};
use std::path::Path;

pub use decode::{Decoded, decode};
pub use header::FIELDS;

use super::ImportProblem;
use super::groups::{self, find_group};
use crate::edit::Edit;
use crate::model::{Participant, Session, SlugMaker};
use crate::names::{accent_key, collapsed, text_key};
use header::Columns;

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

/// Rows looked at for a header, with each separator, before giving up on that separator.
const HEADER_SEARCH: usize = 200;

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
    /// The encoding the file was read from when not UTF-8: "Windows-1252", "UTF-16".
    pub encoding: Option<&'static str>,
    /// The separator between columns when not commas: "semicolons", "tabs".
    pub separator: Option<&'static str>,
    /// Headers of the columns nothing was read from, as written.
    pub unused_columns: Vec<String>,
    /// People added who chair by their role, as "Name (Role)".
    pub chairs: Vec<String>,
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
    let (edits, report) = plan(session, csv, path, options)?;
    session
        .apply_all(edits)
        .map_err(|e| vec![ImportProblem::new(path, 1, None, e.to_string())])?;
    Ok(report)
}

/// The edits that add the people in `csv` to the roster of `session` and record who
/// attended, and what they do, without changing anything: the caller commits them.
pub fn plan(
    session: &Session,
    csv: &[u8],
    path: &Path,
    options: &RosterOptions,
) -> Result<(Vec<Edit>, RosterImported), Vec<ImportProblem>> {
    let decoded = decode(csv, path).map_err(|p| vec![p])?;
    let option_problem = |message: String| vec![ImportProblem::new(path, 1, None, message)];
    let mapped = header::mappings(&options.columns).map_err(option_problem)?;
    let fixed_group = match &options.group {
        None => None,
        Some(text) => {
            Some(groups::option_group(&session.groups, "--group", text).map_err(option_problem)?)
        }
    };
    let (separator, rows, problems) = read_rows(&decoded.text, &mapped, path)?;
    let headers_at: Vec<Option<Columns>> = rows
        .iter()
        .map(|(_, r)| Columns::of(&lowered(r), &mapped))
        .collect();
    let Some(first_header) = headers_at.iter().position(Option::is_some) else {
        let found = rows.first().map(|(_, r)| lowered(r)).unwrap_or_default();
        return Err(vec![ImportProblem::new(
            path,
            rows.first().map_or(1, |(line, _)| *line as usize),
            None,
            format!(
                "the header has no `name` column (found: {}); expected name, affiliation, group and optional role, \
                 separated by commas, semicolons or tabs, or the First Name and Last Name of a registration export",
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
    let mut reader = Reader {
        path,
        mapped: &mapped,
        fixed_group,
        registration,
        report: RosterImported {
            registration,
            encoding: decoded.encoding,
            separator: (separator != b',')
                .then(|| decode::SEPARATORS.iter().find(|(c, _)| *c == separator))
                .flatten()
                .map(|(_, name)| *name),
            ..RosterImported::default()
        },
        roster: session.clone(),
        on_roster_before: session.participants.len(),
        ids: session.participants.iter().map(|p| p.id.clone()).collect(),
        slugs: SlugMaker::default(),
        seen: session
            .participants
            .iter()
            .map(|p| person_key(&p.name, &p.affiliation))
            .collect(),
        read: HashMap::new(),
        attendance: Vec::new(),
        matched: HashSet::new(),
        problems,
    };
    reader.rows(&rows, &headers_at, first_header);
    if !reader.problems.is_empty() {
        return Err(reader.problems);
    }
    Ok(reader.finish())
}

type Rows = Vec<(u64, csv::StringRecord)>;

/// The file's rows, read with the separator whose header names a name column first
/// (commas when none does), and the rows that could not be read.
fn read_rows(
    text: &str,
    mapped: &HashMap<String, String>,
    path: &Path,
) -> Result<(u8, Rows, Vec<ImportProblem>), Vec<ImportProblem>> {
    let reader = |separator: u8| {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(separator)
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(text.as_bytes())
    };
    // The header decides: the other separators read it as one column with no `name`.
    let header_row = |separator: u8| {
        reader(separator)
            .records()
            .take(HEADER_SEARCH)
            .position(|r| r.is_ok_and(|r| Columns::of(&lowered(&r), mapped).is_some()))
    };
    let separator = decode::SEPARATORS
        .iter()
        .filter_map(|(c, _)| header_row(*c).map(|row| (row, *c)))
        .min_by_key(|(row, _)| *row)
        .map_or(b',', |(_, c)| c);
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader(separator).records() {
        match record {
            Ok(r) => rows.push((line_at(text, r.position()), r)),
            Err(e) => {
                let line = line_at(text, e.position());
                problems.push(ImportProblem::new(
                    path,
                    line as usize,
                    None,
                    format!("cannot read this row: {e}"),
                ));
                if problems.len() >= MAX_PROBLEMS {
                    return Err(problems);
                }
            }
        }
    }
    Ok((separator, rows, problems))
}

/// The import under way: the roster as it grows, and what the file said so far.
struct Reader<'a> {
    path: &'a Path,
    mapped: &'a HashMap<String, String>,
    fixed_group: Option<String>,
    registration: bool,
    report: RosterImported,
    roster: Session,
    /// How many people were on the roster before this file.
    on_roster_before: usize,
    /// Ids taken so far, and the last suffix per name: a roster of namesakes stays linear.
    ids: HashSet<String>,
    slugs: SlugMaker,
    seen: HashSet<(String, String)>,
    /// People read from this file: their id, by name and email or affiliation.
    read: HashMap<(String, String), String>,
    attendance: Vec<(String, bool)>,
    matched: HashSet<String>,
    problems: Vec<ImportProblem>,
}

/// One data row of the file, its fields by column.
struct Row<'r> {
    line: u64,
    record: &'r csv::StringRecord,
    columns: &'r Columns,
    /// The header row of its section: its line and its cells.
    header: &'r (u64, csv::StringRecord),
}

impl Row<'_> {
    fn field(&self, at: Option<usize>) -> String {
        at.and_then(|i| self.record.get(i))
            .unwrap_or("")
            .to_string()
    }
}

impl Reader<'_> {
    fn problem(&mut self, line: u64, message: String) {
        self.problems
            .push(ImportProblem::new(self.path, line as usize, None, message));
    }

    /// Reads every row after the first header, section by section.
    fn rows(&mut self, rows: &Rows, headers_at: &[Option<Columns>], first_header: usize) {
        // The host of a Zoom meeting runs it, and is not one of its participants.
        let host_title = |header: usize| {
            header
                .checked_sub(1)
                .and_then(|title| rows[title].1.get(0))
                .is_some_and(|t| t.to_lowercase().contains("host"))
        };
        let mut header_row = first_header;
        let mut host_section = host_title(first_header);
        self.note_unused(&rows[first_header].1, headers_at[first_header].as_ref());
        for (index, (line, record)) in rows.iter().enumerate().skip(first_header + 1) {
            if self.problems.len() >= MAX_PROBLEMS {
                break;
            }
            if let Some(next) = &headers_at[index] {
                header_row = index;
                host_section = host_title(index);
                self.note_unused(record, Some(next));
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
                self.report.hosts += 1;
                continue;
            }
            let columns = headers_at[header_row].as_ref().expect("a header row");
            let row = Row {
                line: *line,
                record,
                columns,
                header: &rows[header_row],
            };
            if !self.person(&row) {
                break;
            }
        }
    }

    /// Names the columns of a header nothing is read from.
    fn note_unused(&mut self, header: &csv::StringRecord, columns: Option<&Columns>) {
        let Some(columns) = columns else { return };
        for (i, cell) in header.iter().enumerate() {
            let cell = cell.trim();
            if !cell.is_empty()
                && !columns.uses(i)
                && !self.report.unused_columns.iter().any(|c| c == cell)
            {
                self.report.unused_columns.push(cell.to_string());
            }
        }
    }

    /// Reads one person; false when the rest of the file cannot be read either.
    fn person(&mut self, row: &Row) -> bool {
        let columns = row.columns;
        let status = row.field(columns.status).to_lowercase();
        if CANCELLED.iter().any(|word| status.contains(word)) {
            self.report.cancelled += 1;
            return true;
        }
        let name = person_name(columns, row.record, self.mapped);
        let affiliation = row.field(columns.affiliation);
        if name.is_empty() {
            self.problem(row.line, "the name is empty".into());
            return true;
        }
        let attended = attended_of(
            &row.field(columns.attended),
            &status,
            &row.field(columns.join_time),
        );
        let role = Some(row.field(columns.role)).filter(|r| !r.is_empty());
        let again_key = (
            accent_key(&name),
            match row.field(columns.email).to_lowercase() {
                email if !email.is_empty() => email,
                _ => affiliation.to_lowercase(),
            },
        );
        if self.registration && self.known(row, &name, &affiliation, &again_key, attended) {
            return true;
        }
        let group = match self.group_of(row, &name) {
            Ok(Some(group)) => group,
            Ok(None) => return true,
            Err(()) => return false,
        };
        if !self.registration && !self.seen.insert(person_key(&name, &affiliation)) {
            self.problem(
                row.line,
                format!("{name} ({affiliation}) is already on the roster"),
            );
            return true;
        }
        let ids = &self.ids;
        let id = self.slugs.make(&name, "participant", |s| ids.contains(s));
        self.ids.insert(id.clone());
        let person = Participant {
            id,
            name,
            affiliation,
            group,
            role,
            chair: false,
        };
        if person.chairs() {
            let role = person.role.as_deref().unwrap_or_default();
            self.report.chairs.push(format!("{} ({role})", person.name));
        }
        if let Some(attended) = attended {
            self.attendance.push((person.id.clone(), attended));
        }
        self.read.insert(again_key, person.id.clone());
        self.roster.participants.push(person);
        self.report.added += 1;
        true
    }

    /// Whether a registration row is someone read already, from this file or on the roster.
    fn known(
        &mut self,
        row: &Row,
        name: &str,
        affiliation: &str,
        again_key: &(String, String),
        attended: Option<bool>,
    ) -> bool {
        if let Some(id) = self.read.get(again_key) {
            self.report.repeated += 1;
            if let Some(attended) = attended {
                self.attendance.push((id.clone(), attended));
            }
            return true;
        }
        // Only the roster as it was: people this file added are found by `read` above.
        let before = &self.roster.participants[..self.on_roster_before];
        match on_roster(before, name, affiliation) {
            Ok(Some(id)) => {
                self.matched.insert(id.clone());
                if let Some(attended) = attended {
                    self.attendance.push((id.clone(), attended));
                }
                self.read.insert(again_key.clone(), id);
                true
            }
            Ok(None) => false,
            Err(ids) => {
                self.problem(
                    row.line,
                    format!(
                        "{name} matches several people on the roster ({}); give their affiliation",
                        ids.join(", ")
                    ),
                );
                true
            }
        }
    }

    /// The group of a new person: `--group`, or the group cell matched exactly.
    /// `Ok(None)` when the row has a problem, `Err` when no row can have a group.
    fn group_of(&mut self, row: &Row, name: &str) -> Result<Option<String>, ()> {
        let text = row.field(row.columns.group);
        let fixed = self.fixed_group.clone();
        match (fixed, self.mapped.contains_key("group"), text.is_empty()) {
            (Some(g), false, _) | (Some(g), true, true) => return Ok(Some(g)),
            _ if row.columns.group.is_none() => {
                let (line, cells) = row.header;
                self.problem(
                    *line,
                    format!(
                        "the header has no `group` column (found: {}); expected name, affiliation, group and optional role, \
                         or give --group GROUP for the people not on the roster yet",
                        lowered(cells).join(", ")
                    ),
                );
                return Err(());
            }
            _ => {}
        }
        let hint = if self.registration {
            "; give --group GROUP, or map a column with --column group=HEADER"
        } else {
            ""
        };
        if text.is_empty() {
            let groups = groups::ids(&self.roster.groups);
            self.problem(
                row.line,
                format!("no group for {name} (groups: {groups}){hint}"),
            );
            return Ok(None);
        }
        match find_group(&self.roster.groups, &text) {
            Ok(group) => Ok(Some(group)),
            Err(groups::GroupError::Unknown) => {
                let groups = groups::ids(&self.roster.groups);
                self.problem(
                    row.line,
                    format!("unknown group `{text}` for {name} (groups: {groups}){hint}"),
                );
                Ok(None)
            }
            Err(error) => {
                let reason = error.reason(&self.roster.groups);
                self.problem(row.line, format!("group `{text}` for {name} {reason}"));
                Ok(None)
            }
        }
    }

    /// The edits that add the new people and record attendance, with what they do.
    fn finish(mut self) -> (Vec<Edit>, RosterImported) {
        self.report.matched = self.matched.len();
        // A person seen on several rows attended if any row says so.
        let mut said: HashMap<String, bool> = HashMap::new();
        for (id, attended) in std::mem::take(&mut self.attendance) {
            *said.entry(id).or_insert(false) |= attended;
        }
        let ids: Vec<String> = self
            .roster
            .participants
            .iter()
            .map(|p| p.id.clone())
            .collect();
        for id in ids {
            if let Some(&attended) = said.get(&id) {
                self.roster.set_attendance(&id, attended);
                if attended {
                    self.report.attended += 1;
                } else {
                    self.report.absent += 1;
                }
            }
        }
        let mut edits: Vec<Edit> = self.roster.participants[self.on_roster_before..]
            .iter()
            .cloned()
            .map(Edit::AddParticipant)
            .collect();
        edits.push(Edit::SetAttendance {
            attended: self.roster.attended.clone(),
            absent: self.roster.absent.clone(),
        });
        (edits, self.report)
    }
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
mod tests;
