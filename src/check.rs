//! Validation of a loaded session: the things a hand edit or a bad merge can break.

use std::collections::HashSet;
use std::fmt;

use crate::clock::{DateError, parse_date};
use crate::model::{NoteKind, Session};

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

/// How many of the first priorities raised more than once should have a lead remark.
const LEADS_WANTED: usize = 3;

/// What the report still lacks or will leave aside, as warnings: the lead remarks of the
/// first priorities raised more than once, and review choices that name nothing the
/// session has (a heading, a quote, a note left out or folded) or a priority nobody raised.
pub fn report_warnings(session: &Session) -> Vec<Finding> {
    let tally = crate::tally::Tally::compute(session);
    let review = &session.review;
    let mut findings = Vec::new();
    let mut warn = |place: String, message: String| {
        findings.push(Finding {
            severity: Severity::Warning,
            place,
            message,
        })
    };
    let order = crate::export::report_order(session, &tally);
    let several = order
        .iter()
        .filter_map(|id| tally.priority(id))
        .filter(|p| p.interventions >= 2);
    for (place, p) in several.take(LEADS_WANTED).enumerate() {
        let led = session
            .remarks
            .iter()
            .any(|r| r.priority.as_deref() == Some(p.id.as_str()));
        if !led {
            warn(
                format!("priority {}", p.id),
                format!(
                    "“{}”, the report's {} priority raised more than once, has no lead remark \
                     yet: write one in the review, or type `> #{} …`",
                    p.title,
                    ["first", "second", "third"]
                        .get(place)
                        .copied()
                        .unwrap_or("next"),
                    p.id
                ),
            );
        }
    }
    for s in &review.sections {
        if s.before == crate::model::GENERAL_POINTS {
            continue;
        }
        match tally.priority(&s.before) {
            None => warn(
                "review".into(),
                format!(
                    "the heading “{}” stands before #{}, which the session lacks; the report leaves it out",
                    s.title, s.before
                ),
            ),
            Some(p) if p.interventions == 0 && p.opposed == 0 => warn(
                "review".into(),
                format!(
                    "the heading “{}” stands before #{}, which nobody raised; the report leaves it out",
                    s.title, s.before
                ),
            ),
            Some(_) => {}
        }
    }
    let notes = review
        .quotes
        .iter()
        .map(|c| (c.note, "chosen as a quote"))
        .chain(review.left_out.iter().map(|n| (*n, "left out")))
        .chain(review.folded.iter().map(|f| (f.note, "folded")))
        .chain(review.folded.iter().map(|f| (f.into, "folded into")));
    for (id, what) in notes {
        if session.note(id).is_none() {
            warn(
                "review".into(),
                format!("note {id}, {what}, is no longer in the session"),
            );
        }
    }
    for c in &review.quotes {
        if session
            .note(c.note)
            .is_some_and(|n| n.kind != NoteKind::Quote)
        {
            warn(
                "review".into(),
                format!(
                    "note {} is the quote chosen for #{}, but it is a point, not a verbatim quote",
                    c.note, c.priority
                ),
            );
        }
    }
    for r in &session.remarks {
        if let Some(p) = r
            .priority
            .as_deref()
            .filter(|p| session.priority(p).is_none())
        {
            warn(
                format!("remark {}", r.id),
                format!(
                    "leads #{p}, which the session lacks; the report puts it in the introduction"
                ),
            );
        }
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
