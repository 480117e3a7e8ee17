//! Validation of a loaded session: the things a hand edit or a bad merge can break.

use std::collections::HashSet;
use std::fmt;

use crate::clock::{DateError, parse_date};
use crate::model::Session;

/// One thing wrong with a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Whether the session is wrong (error) or merely odd (warning).
    pub severity: Severity,
    /// Where: `participant amina`, `intervention 12`, `note 40`…
    pub place: String,
    /// What is wrong.
    pub message: String,
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Odd but usable.
    Warning,
    /// The session is inconsistent.
    Error,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{severity}: {}: {}", self.place, self.message)
    }
}

/// Every inconsistency in `session`: dangling ids, duplicates, times out of order.
pub fn validate(session: &Session) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut error = |place: String, message: String| {
        findings.push(Finding {
            severity: Severity::Error,
            place,
            message,
        })
    };
    // Free text ("June 2020") is printed as written; a YYYY-MM-DD must be a real day.
    if let Err(DateError::NoSuchDay(reason)) = parse_date(&session.meta.date) {
        error("meta".into(), reason);
    }
    duplicates(session.groups.iter().map(|g| &g.id), "group", &mut error);
    duplicates(
        session.participants.iter().map(|p| &p.id),
        "participant",
        &mut error,
    );
    duplicates(
        session.priorities.iter().map(|p| &p.id),
        "priority",
        &mut error,
    );
    let mut ungrouped = Vec::new();
    for p in &session.participants {
        // Someone added on the fly has no group yet: counted apart until sorted.
        if p.group.is_empty() {
            ungrouped.push(p.id.clone());
        } else if session.group(&p.group).is_none() {
            error(
                format!("participant {}", p.id),
                format!("unknown group {:?}", p.group),
            );
        }
        if p.name.trim().is_empty() {
            error(format!("participant {}", p.id), "has no name".into());
        }
    }
    let mut serials = HashSet::new();
    let mut previous_start = None;
    for i in &session.interventions {
        let place = format!("intervention {} ({})", i.id, i.start);
        if !serials.insert(i.id) {
            error(place.clone(), "its id is used twice".into());
        }
        if session.participant(&i.participant).is_none() {
            error(
                place.clone(),
                format!("unknown participant {:?}", i.participant),
            );
        }
        if previous_start.is_some_and(|p| i.start < p) {
            error(
                place.clone(),
                "starts before the intervention listed before it".into(),
            );
        }
        previous_start = Some(i.start);
        if let Some(end) = i.end
            && end < i.start
        {
            error(place.clone(), format!("ends ({end}) before it starts"));
        }
        for n in &i.notes {
            let place = format!("note {} ({}, in intervention {})", n.id, n.time, i.id);
            if !serials.insert(n.id) {
                error(place.clone(), "its id is used twice".into());
            }
            if n.time < i.start || i.end.is_some_and(|end| n.time > end) {
                error(place.clone(), "its time is outside its intervention".into());
            }
            for tag in n.tags.iter().chain(&n.opposes) {
                if session.priority(tag).is_none() {
                    error(place.clone(), format!("unknown priority {tag:?}"));
                }
            }
            if let Some(both) = n.tags.iter().find(|t| n.opposes.contains(t)) {
                error(
                    place.clone(),
                    format!("both supports and opposes priority {both:?}"),
                );
            }
        }
    }
    for id in ungrouped {
        findings.push(Finding {
            severity: Severity::Warning,
            place: format!("participant {id}"),
            message: "has no group yet: counted as not yet in a group, and left out of \
                      convergence until given one (in the screen, or in the file)"
                .into(),
        });
    }
    findings
}

/// The errors of `session` only, as `validate` finds them.
pub fn errors(session: &Session) -> Vec<Finding> {
    validate(session)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

fn duplicates<'a>(
    ids: impl Iterator<Item = &'a String>,
    what: &str,
    error: &mut impl FnMut(String, String),
) {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            error(format!("{what} {id}"), "its id is used twice".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::model::{Channel, Intervention, Note, NoteKind};
    use crate::templates;

    #[test]
    fn a_clean_session_has_no_findings() {
        assert!(validate(&templates::built_in("gfmd").unwrap()).is_empty());
    }

    #[test]
    fn a_day_the_calendar_lacks_is_an_error() {
        let mut s = templates::built_in("gfmd").unwrap();
        s.meta.date = "2020-02-30".into();
        let messages: Vec<String> = validate(&s).iter().map(|f| f.to_string()).collect();
        assert_eq!(
            messages,
            ["error: meta: 2020-02-30 is not a date: February 2020 has 29 days"]
        );
        s.meta.date = "June 2020".into();
        assert!(validate(&s).is_empty());
    }

    #[test]
    fn dangling_ids_and_times_out_of_order() {
        let mut s = templates::built_in("gfmd").unwrap();
        let note = |id, time| Note {
            id,
            text: "x".into(),
            tags: vec!["nothing".into()],
            opposes: vec![],
            kind: NoteKind::Point,
            emphasis: false,
            time,
        };
        s.interventions.push(Intervention {
            id: 1,
            participant: "ghost".into(),
            channel: Channel::Floor,
            start: Clock::hms(10, 0, 0),
            end: Some(Clock::hms(9, 0, 0)),
            notes: vec![note(2, Clock::hms(9, 30, 0))],
        });
        s.interventions.push(Intervention {
            id: 2,
            participant: "ghost".into(),
            channel: Channel::Chat,
            start: Clock::hms(9, 0, 0),
            end: None,
            notes: vec![],
        });
        let messages: Vec<String> = validate(&s).iter().map(|f| f.to_string()).collect();
        let expected = [
            "unknown participant \"ghost\"",
            "ends (09:00:00) before it starts",
            "its time is outside its intervention",
            "unknown priority \"nothing\"",
            "its id is used twice",
            "starts before the intervention listed before it",
        ];
        for e in expected {
            assert!(
                messages.iter().any(|m| m.contains(e)),
                "{e} not in {messages:#?}"
            );
        }
    }
}
