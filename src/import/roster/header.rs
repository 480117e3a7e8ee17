//! A roster's header: which column holds which field, by the usual names of each
//! (in any case) or by the user's `--column FIELD=HEADER`, and which columns are left over.

use std::collections::HashMap;

/// Accepted header names for each column, compared without case.
const NAME: &[&str] = &["name", "full name", "participant"];
const AFFILIATION: &[&str] = &[
    "affiliation",
    "org",
    "organization",
    "organisation",
    "institution",
    "delegation",
    "agency",
    "company",
    "country",
    "entity",
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

/// Where each field is in the current header, by column index.
#[derive(Debug, Clone, Default)]
pub(super) struct Columns {
    pub(super) name: Option<usize>,
    pub(super) first: Option<usize>,
    pub(super) last: Option<usize>,
    pub(super) display: Option<usize>,
    pub(super) affiliation: Option<usize>,
    pub(super) group: Option<usize>,
    pub(super) role: Option<usize>,
    pub(super) email: Option<usize>,
    pub(super) attended: Option<usize>,
    pub(super) status: Option<usize>,
    pub(super) join_time: Option<usize>,
}

impl Columns {
    /// Reads a header row, with the user's mappings first; `None` if it names no name column.
    pub(super) fn of(headers: &[String], mapped: &HashMap<String, String>) -> Option<Columns> {
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
    pub(super) fn is_registration(&self) -> bool {
        self.name.is_none()
            || self.attended.is_some()
            || self.status.is_some()
            || self.join_time.is_some()
            || self.email.is_some()
    }

    /// Whether column `i` is read.
    pub(super) fn uses(&self, i: usize) -> bool {
        [
            self.name,
            self.first,
            self.last,
            self.display,
            self.affiliation,
            self.group,
            self.role,
            self.email,
            self.attended,
            self.status,
            self.join_time,
        ]
        .contains(&Some(i))
    }
}

/// The `--column FIELD=HEADER` mappings, by field, headers in lower case.
pub(super) fn mappings(specs: &[String]) -> Result<HashMap<String, String>, String> {
    let mut mapped = HashMap::new();
    for spec in specs {
        let Some((field, header)) = spec.split_once('=') else {
            return Err(format!(
                "--column {spec:?}: expected FIELD=HEADER, as in affiliation=Company"
            ));
        };
        let field = field.trim().to_lowercase().replace([' ', '_'], "-");
        if !FIELDS.contains(&field.as_str()) {
            return Err(format!(
                "--column {spec:?}: unknown field {field:?} (fields: {})",
                FIELDS.join(", ")
            ));
        }
        mapped.insert(field, header.trim().to_lowercase());
    }
    Ok(mapped)
}
