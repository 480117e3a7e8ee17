//! Roster CSVs and registration exports with odd cells: header aliases in any
//! order and case, quoted cells with commas, quotes and line breaks, blank and
//! short rows, empty names, unknown groups, people twice; Zoom and Eventbrite
//! exports with report lines, a host section, cancelled and repeated registrations
//! and every way of saying who attended.
//!
//! The shape knows each row, so the check compares the import with it: the people
//! added (name, affiliation, group, role), the counts, attendance, or the problems
//! and the line each one names, with the session unchanged.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use arbitrary::Arbitrary;
use rapporteur::import::roster::{self, RosterImported, RosterOptions};
use rapporteur::model::Session;
use rapporteur::names::{accent_key, collapsed};
use rapporteur::templates;

use crate::text::{self, Text, pick};

/// Most rows of people, so that the problems stay under the importer's limit of 50.
const ROWS: usize = 40;

/// A roster file: a plain roster, or a registration or attendee export.
#[derive(Arbitrary, Debug)]
pub enum Roster {
    /// `name,affiliation,group,role` under any of their names.
    Plain(Plain),
    /// A Zoom or Eventbrite export, read with `--group civil-society`.
    Registration(Registration),
}

/// How the file is written.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Layout {
    crlf: bool,
    bom: bool,
    final_newline: bool,
    /// Every cell in quotes, not only those that need them.
    quote_all: bool,
}

/// How a header cell is written.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Case {
    Lower,
    Title,
    Upper,
    Padded,
}

/// A plain roster.
#[derive(Arbitrary, Debug)]
pub struct Plain {
    layout: Layout,
    /// Sort keys of the name, affiliation, group and role columns: their order.
    order: [u8; 4],
    /// Which of each column's accepted header names is used.
    aliases: [u8; 4],
    cases: [Case; 4],
    affiliation: bool,
    role: bool,
    /// A column rapporteur does not read.
    extra: bool,
    rows: Vec<PlainRow>,
}

#[derive(Arbitrary, Debug)]
struct PlainRow {
    name: Name,
    affiliation: u8,
    group: GroupCell,
    role: Option<Text>,
    /// The row stops before its last cell.
    short: bool,
    /// A blank line before the row.
    blank_before: bool,
    /// The name and affiliation of an earlier row, in other case: the same person twice.
    again: Option<u8>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Name {
    Person(u8, u8),
    /// The same, with runs of spaces inside.
    Spaced(u8, u8),
    Empty,
}

/// A group cell: any of the group's words, in any case, or none of them.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum GroupCell {
    Id(u8),
    Name(u8),
    Singular(u8),
    Plural(u8),
    Shouted(u8),
    Padded(u8),
    Unknown,
    Blank,
}

/// Affiliations as rosters hold them: commas, quotes, line breaks, other scripts.
const AFFILIATIONS: &[&str] = &[
    "Ministry of Labour, Senegal",
    "Chile",
    "",
    "Réseau \"Migrations\" et Développement",
    "City of\nCasablanca",
    "  Padded Org  ",
    "منظمة العمل",
    "国际移民组织",
    "IOM; UNHCR",
    "a,b,\"c\"",
    "\u{1b}]0;title\u{7}",
];

/// Header cells no importer reads.
const EXTRA: &[&str] = &["Notes", "Seat", "Dietary needs", "#"];

/// The accepted header names of the plain roster's columns.
const NAME_HEADERS: &[&str] = &["name", "full name", "participant"];
const AFFILIATION_HEADERS: &[&str] = &[
    "affiliation",
    "organization",
    "organisation",
    "country",
    "entity",
    "company",
];
const GROUP_HEADERS: &[&str] = &["group", "constituency", "category"];
const ROLE_HEADERS: &[&str] = &["role", "position", "job title"];

/// A registration or attendee export.
#[derive(Arbitrary, Debug)]
pub struct Registration {
    layout: Layout,
    /// Zoom's report lines before the header.
    preamble: bool,
    /// Zoom's host section, before the attendees.
    hosts: Option<Vec<Person>>,
    /// Sort keys of the first name, last name, email, organization, attended, join
    /// time and status columns.
    order: [u8; 7],
    /// Which columns beyond the names are there.
    present: [bool; 5],
    aliases: [u8; 7],
    cases: [Case; 7],
    rows: Vec<Registrant>,
}

#[derive(Arbitrary, Debug)]
struct Registrant {
    person: Person,
    email: bool,
    affiliation: u8,
    attended: u8,
    join: u8,
    status: u8,
    /// The person of an earlier row, registered again.
    again: Option<u8>,
}

/// Who registered.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Person {
    /// Someone on the example roster, written as `style` says.
    Roster(u8, Style),
    /// Someone new.
    New(u8, u8),
    Nameless,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Style {
    AsIs,
    Lower,
    /// Accents dropped, as registration forms often lose them.
    Plain,
}

const FIRST_HEADERS: &[&str] = &["first name", "firstname", "given name"];
const LAST_HEADERS: &[&str] = &["last name", "lastname", "surname", "family name"];
const EMAIL_HEADERS: &[&str] = &["email", "e-mail", "email address", "user email"];
const ORGANIZATION_HEADERS: &[&str] = &["organization", "company", "organisation"];
const ATTENDED_HEADERS: &[&str] = &["attended", "checked in", "check-in", "attendance"];
const JOIN_HEADERS: &[&str] = &["join time"];
const STATUS_HEADERS: &[&str] = &[
    "attendee status",
    "approval status",
    "registration status",
    "status",
];

/// Attended cells: yes, no, or saying nothing.
const ATTENDED: &[(&str, Option<bool>)] = &[
    ("Yes", Some(true)),
    ("y", Some(true)),
    ("TRUE", Some(true)),
    ("1", Some(true)),
    ("Checked In", Some(true)),
    ("attended", Some(true)),
    ("Present", Some(true)),
    ("x", Some(true)),
    ("No", Some(false)),
    ("n", Some(false)),
    ("false", Some(false)),
    ("0", Some(false)),
    ("Absent", Some(false)),
    ("Not Checked In", Some(false)),
    ("No Show", Some(false)),
    ("", None),
    ("maybe", None),
];

/// Join times: a time says the person joined, `--` that they never did.
const JOIN: &[(&str, bool)] = &[
    ("06/02/2020 10:02:11 AM", true),
    ("10:02", true),
    ("--", false),
    ("-", false),
    ("", false),
];

/// Statuses: whether the registration was cancelled, and whether it says the person came.
const STATUS: &[(&str, bool, Option<bool>)] = &[
    ("approved", false, None),
    ("Attending", false, None),
    ("Checked In", false, Some(true)),
    ("Not Checked In", false, Some(false)),
    ("Pending", false, None),
    ("", false, None),
    ("Cancelled", true, None),
    ("Refunded", true, None),
    ("denied", true, None),
    ("Not Attending", true, None),
    ("Deleted", true, None),
];

/// The group every registrant not on the roster goes into.
const GROUP: &str = "civil-society";

/// A roster file and what importing it must do.
struct Rendered {
    text: String,
    outcome: Outcome,
}

#[derive(Debug, PartialEq)]
enum Outcome {
    /// Every person added as read; for exports, the counts and attendance.
    Added {
        people: Vec<(String, String, String, Option<String>)>,
        report: Option<RosterImported>,
        attendance: Vec<(String, bool)>,
    },
    /// Problems, on these lines.
    Problems(Vec<usize>),
}

impl Roster {
    /// Renders the file, imports it and compares the session with what the file holds.
    pub fn check(&self) {
        let (base, options, rendered) = match self {
            Roster::Plain(plain) => {
                let base = templates::built_in("gfmd").expect("the gfmd template");
                let rendered = plain.render(&base);
                (base, RosterOptions::default(), rendered)
            }
            Roster::Registration(registration) => {
                let mut base = crate::ROSTER.clone();
                base.attended.clear();
                base.absent.clear();
                let rendered = registration.render(&base);
                let options = RosterOptions {
                    group: Some(GROUP.into()),
                    columns: Vec::new(),
                };
                (base, options, rendered)
            }
        };
        let mut session = base.clone();
        let path = Path::new("people.csv");
        let result = roster::import_with(&mut session, rendered.text.as_bytes(), path, &options);
        // A NUL byte is read as UTF-16 without its mark: the file is refused at the NUL.
        if let Some(at) = rendered.text.find('\0') {
            let problems = result.expect_err("a file with a NUL byte is refused");
            let line = nul_line(&rendered.text[..at]);
            let found: Vec<usize> = problems.iter().map(|p| p.line).collect();
            assert_eq!(found, [line], "{problems:?} in\n{}", rendered.text);
            assert_eq!(session, base, "a failed import changed the session");
            return;
        }
        match (result, &rendered.outcome) {
            (
                Ok(report),
                Outcome::Added {
                    people,
                    report: expected,
                    attendance,
                },
            ) => {
                let added: Vec<_> = session.participants[base.participants.len()..]
                    .iter()
                    .map(|p| {
                        (
                            p.name.clone(),
                            p.affiliation.clone(),
                            p.group.clone(),
                            p.role.clone(),
                        )
                    })
                    .collect();
                assert_eq!(&added, people, "the people read from\n{}", rendered.text);
                let ids: HashSet<&str> =
                    session.participants.iter().map(|p| p.id.as_str()).collect();
                assert_eq!(
                    ids.len(),
                    session.participants.len(),
                    "two people share an id"
                );
                if let Some(expected) = expected {
                    assert_eq!(&report, expected, "the counts of\n{}", rendered.text);
                }
                for (id, attended) in attendance {
                    assert_eq!(
                        session.attendance(id),
                        Some(*attended),
                        "{id}'s attendance in\n{}",
                        rendered.text
                    );
                }
                crate::assert_round_trips(&crate::added_since(&base, &session));
            }
            (Err(problems), Outcome::Problems(lines)) => {
                let found: Vec<usize> = problems.iter().map(|p| p.line).collect();
                assert_eq!(&found, lines, "{problems:?} in\n{}", rendered.text);
                assert_eq!(session, base, "a failed import changed the session");
            }
            (result, outcome) => panic!(
                "expected {outcome:?}, the import gave {result:?} for\n{}",
                rendered.text
            ),
        }
    }
}

/// Writes a header cell in `case`.
fn header(name: &str, case: Case) -> String {
    match case {
        Case::Lower => name.to_string(),
        Case::Upper => name.to_uppercase(),
        Case::Padded => format!("  {name} "),
        Case::Title => name
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// A CSV line of `cells`, quoted where they need it (or everywhere).
fn csv_line(cells: &[String], quote_all: bool) -> String {
    cells
        .iter()
        .map(|cell| {
            if quote_all || cell.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The file made of `lines`, and the line number each starts on.
fn join_lines(lines: &[String], layout: Layout) -> (String, Vec<usize>) {
    let end = if layout.crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    if layout.bom {
        text.push('\u{feff}');
    }
    let mut starts = Vec::new();
    let mut line = 1;
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            text.push_str(end);
            line += 1;
        }
        starts.push(line);
        text.push_str(l);
        line += l.matches('\n').count();
    }
    if layout.final_newline {
        text.push_str(end);
    }
    (text, starts)
}

/// The columns in the order their sort keys give.
fn ordered<const N: usize>(keys: [u8; N], present: [bool; N]) -> Vec<usize> {
    let mut columns: Vec<usize> = (0..N).filter(|&c| present[c]).collect();
    columns.sort_by_key(|&c| (keys[c], c));
    columns
}

impl Plain {
    fn render(&self, base: &Session) -> Rendered {
        let present = [true, self.affiliation, true, self.role];
        let columns = ordered(self.order, present);
        let headers = [
            NAME_HEADERS,
            AFFILIATION_HEADERS,
            GROUP_HEADERS,
            ROLE_HEADERS,
        ];
        let mut head: Vec<String> = columns
            .iter()
            .map(|&c| {
                header(
                    &pick(headers[c], self.aliases[c]).to_string(),
                    self.cases[c],
                )
            })
            .collect();
        if self.extra {
            head.push(pick(EXTRA, self.aliases[0]).to_string());
        }
        let mut lines = vec![csv_line(&head, self.layout.quote_all)];
        // Each line of people: its index among `lines`, and the cells it holds, trimmed.
        let mut rows: Vec<(usize, [String; 4])> = Vec::new();
        for (n, row) in self.rows.iter().take(ROWS).enumerate() {
            if row.blank_before {
                lines.push(String::new());
            }
            let mut cells = row.cells(base, n);
            if let Some(earlier) = row
                .again
                .and_then(|i| rows.get(usize::from(i) % rows.len().max(1)))
            {
                cells[0] = earlier.1[0].to_uppercase();
                cells[1] = earlier.1[1].to_lowercase();
            }
            let mut written: Vec<String> = columns.iter().map(|&c| cells[c].clone()).collect();
            if self.extra {
                written.push(text::letters(n));
            }
            if row.short {
                written.pop();
            }
            let kept = |c: usize| {
                columns
                    .iter()
                    .position(|&k| k == c)
                    .filter(|&at| at < written.len())
                    .map(|at| written[at].trim().to_string())
                    .unwrap_or_default()
            };
            let read = [kept(0), kept(1), kept(2), kept(3)];
            let blank = written.iter().all(|c| c.trim().is_empty());
            lines.push(csv_line(&written, self.layout.quote_all && !blank));
            // A row of empty cells is left out, as a blank line is.
            if !blank {
                rows.push((lines.len() - 1, read));
            }
        }
        let (text, starts) = join_lines(&lines, self.layout);
        let mut problems = Vec::new();
        let mut people = Vec::new();
        let mut seen = HashSet::new();
        for (at, [name, affiliation, group, role]) in &rows {
            let line = starts[*at];
            let name = collapsed(name);
            if name.is_empty() {
                problems.push(line);
                continue;
            }
            let Ok(group) = rapporteur::import::groups::find_group(&base.groups, group) else {
                problems.push(line);
                continue;
            };
            if !seen.insert((name.to_lowercase(), affiliation.to_lowercase())) {
                problems.push(line);
                continue;
            }
            let role = Some(role.clone()).filter(|r| !r.is_empty());
            people.push((name, affiliation.clone(), group, role));
        }
        let outcome = if problems.is_empty() {
            Outcome::Added {
                people,
                report: None,
                attendance: Vec::new(),
            }
        } else {
            Outcome::Problems(problems)
        };
        Rendered { text, outcome }
    }
}

impl PlainRow {
    /// The name, affiliation, group and role cells as written.
    fn cells(&self, base: &Session, n: usize) -> [String; 4] {
        let name = match self.name {
            Name::Person(g, f) => text::unique_name(g, f, n),
            Name::Spaced(g, f) => text::unique_name(g, f, n).replace(' ', "   "),
            Name::Empty => String::new(),
        };
        let group = |i: u8| pick(&base.groups, i);
        let group = match self.group {
            GroupCell::Id(i) => group(i).id.clone(),
            GroupCell::Name(i) => group(i).name.clone(),
            GroupCell::Singular(i) => group(i).singular.clone(),
            GroupCell::Plural(i) => group(i).plural.clone(),
            GroupCell::Shouted(i) => group(i).name.to_uppercase(),
            GroupCell::Padded(i) => format!("  {} ", group(i).id),
            GroupCell::Unknown => "pirates".into(),
            GroupCell::Blank => String::new(),
        };
        let role = self
            .role
            .as_ref()
            .map(|r| r.render(6).replace(['\n', '\r'], " "))
            .unwrap_or_default();
        [
            name,
            pick(AFFILIATIONS, self.affiliation).to_string(),
            group,
            role,
        ]
    }
}

impl Registration {
    fn render(&self, base: &Session) -> Rendered {
        let quote = self.layout.quote_all;
        let mut lines = Vec::new();
        if self.preamble {
            lines.push("Attendee Report,".to_string());
            lines.push("Report Generated:,\"06/02/2020 12:05 PM\"".to_string());
            lines.push("Topic,Webinar ID,Actual Start Time,# Registered".to_string());
            lines.push(
                "\"GFMD 2020, Breakout 2\",812 3456 7890,\"06/02/2020 09:58 AM\",31".to_string(),
            );
        }
        let mut hosts = 0;
        if let Some(host_rows) = &self.hosts {
            lines.push("Host Details,".to_string());
            lines.push("Attended,User Name (Original Name),Email,Join Time".to_string());
            for (n, person) in host_rows.iter().take(3).enumerate() {
                let (first, last) = person.names(base, 1000 + n);
                let name = collapsed(&format!("{first} {last}"));
                lines.push(csv_line(
                    &["Yes".into(), name, String::new(), "10:00".into()],
                    quote,
                ));
                hosts += 1;
            }
            lines.push("Attendee Details,".to_string());
        }
        let present = [
            true,
            true,
            self.present[0],
            self.present[1],
            self.present[2],
            self.present[3],
            self.present[4],
        ];
        let columns = ordered(self.order, present);
        let headers = [
            FIRST_HEADERS,
            LAST_HEADERS,
            EMAIL_HEADERS,
            ORGANIZATION_HEADERS,
            ATTENDED_HEADERS,
            JOIN_HEADERS,
            STATUS_HEADERS,
        ];
        let head: Vec<String> = columns
            .iter()
            .map(|&c| {
                header(
                    &pick(headers[c], self.aliases[c]).to_string(),
                    self.cases[c],
                )
            })
            .collect();
        lines.push(csv_line(&head, quote));
        let mut rows: Vec<(usize, [String; 7])> = Vec::new();
        for (n, row) in self.rows.iter().take(ROWS).enumerate() {
            let cells = match row
                .again
                .and_then(|i| rows.get(usize::from(i) % rows.len().max(1)))
            {
                // The same person and email, registered again with their own answers.
                Some((_, earlier)) => {
                    let mut cells = row.cells(base, n);
                    cells[0] = earlier[0].to_uppercase();
                    cells[1] = earlier[1].clone();
                    cells[2] = earlier[2].clone();
                    cells[3] = earlier[3].clone();
                    cells
                }
                None => row.cells(base, n),
            };
            let written: Vec<String> = columns.iter().map(|&c| cells[c].clone()).collect();
            let blank = written.iter().all(|c| c.trim().is_empty());
            lines.push(csv_line(&written, quote && !blank));
            let mut read: [String; 7] = Default::default();
            for &c in &columns {
                read[c] = cells[c].trim().to_string();
            }
            if !blank {
                rows.push((lines.len() - 1, read));
            }
        }
        let (text, starts) = join_lines(&lines, self.layout);
        let mut problems = Vec::new();
        let mut report = RosterImported {
            registration: true,
            hosts,
            ..RosterImported::default()
        };
        let mut people = Vec::new();
        let mut read: HashMap<(String, String), String> = HashMap::new();
        let mut matched: HashSet<String> = HashSet::new();
        let mut said: Vec<(String, bool)> = Vec::new();
        for (at, [first, last, email, affiliation, attended, join, status]) in &rows {
            let status = status.to_lowercase();
            let (_, cancelled, status_says) = STATUS
                .iter()
                .copied()
                .find(|(s, ..)| s.to_lowercase() == status)
                .unwrap_or(("", false, None));
            if cancelled {
                report.cancelled += 1;
                continue;
            }
            let name = collapsed(&format!("{first} {last}"));
            if name.is_empty() {
                problems.push(starts[*at]);
                continue;
            }
            let cell = ATTENDED
                .iter()
                .find(|(a, _)| a.to_lowercase() == attended.to_lowercase())
                .and_then(|(_, says)| *says);
            let joined = JOIN.iter().any(|(j, joined)| *joined && j == join);
            // A join time says the person came, whatever the status says.
            let came = cell.or(match (status_says, joined) {
                (Some(true), _) | (_, true) => Some(true),
                (says, false) => says,
            });
            let key = (
                accent_key(&name),
                if email.is_empty() {
                    affiliation.to_lowercase()
                } else {
                    email.to_lowercase()
                },
            );
            if let Some(id) = read.get(&key) {
                report.repeated += 1;
                if let Some(came) = came {
                    said.push((id.clone(), came));
                }
                continue;
            }
            let id = match base
                .participants
                .iter()
                .find(|p| accent_key(&p.name) == accent_key(&name))
            {
                Some(p) => {
                    matched.insert(p.id.clone());
                    p.id.clone()
                }
                None => {
                    report.added += 1;
                    people.push((name.clone(), affiliation.clone(), GROUP.to_string(), None));
                    // Ids of new people are the importer's to choose: name them by their row.
                    format!("new {}", people.len())
                }
            };
            if let Some(came) = came {
                said.push((id.clone(), came));
            }
            read.insert(key, id);
        }
        report.matched = matched.len();
        let mut attendance: Vec<(String, bool)> = Vec::new();
        for (id, came) in said {
            match attendance.iter_mut().find(|(i, _)| *i == id) {
                Some((_, c)) => *c |= came,
                None => attendance.push((id, came)),
            }
        }
        report.attended = attendance.iter().filter(|(_, c)| *c).count();
        report.absent = attendance.len() - report.attended;
        // Only people on the roster before are checked by id.
        attendance.retain(|(id, _)| !id.starts_with("new "));
        let outcome = if problems.is_empty() {
            Outcome::Added {
                people,
                report: Some(report),
                attendance,
            }
        } else {
            Outcome::Problems(problems)
        };
        Rendered { text, outcome }
    }
}

impl Registrant {
    /// The cells as written: first and last name, email, organization, attended, join time, status.
    fn cells(&self, base: &Session, n: usize) -> [String; 7] {
        let (first, last) = self.person.names(base, n);
        let email = if self.email && !first.is_empty() {
            format!("{}@example.org", text::letters(n))
        } else {
            String::new()
        };
        [
            first,
            last,
            email,
            pick(AFFILIATIONS, self.affiliation).to_string(),
            pick(ATTENDED, self.attended).0.to_string(),
            pick(JOIN, self.join).0.to_string(),
            pick(STATUS, self.status).0.to_string(),
        ]
    }
}

impl Person {
    /// First and last name as a registration form holds them.
    fn names(self, base: &Session, n: usize) -> (String, String) {
        match self {
            Person::Roster(i, style) => {
                let name = &pick(&base.participants, i).name;
                let name = match style {
                    Style::AsIs => name.clone(),
                    Style::Lower => name.to_lowercase(),
                    Style::Plain => accent_key(name),
                };
                match name.split_once(' ') {
                    Some((first, last)) => (first.to_string(), last.to_string()),
                    None => (name, String::new()),
                }
            }
            Person::New(g, f) => (
                pick(text::GIVEN, g).to_string(),
                format!("{} {}", pick(text::FAMILY, f), text::letters(n)),
            ),
            Person::Nameless => (String::new(), String::new()),
        }
    }
}

/// The line of text ending just before a NUL byte: lines end at `\n`, `\r\n` or a lone `\r`.
fn nul_line(before: &str) -> usize {
    before.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1
}
