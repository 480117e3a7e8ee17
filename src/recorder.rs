//! Turns one typed capture line into the edits it stands for.
//!
//! The screen's Enter and the notes importer both go through [`record`], so a
//! line means the same thing typed live or imported from a file.

use std::fmt;

use crate::capture::{self, CaptureLine, SyntaxError};
use crate::clock::Clock;
use crate::edit::Edit;
use crate::model::{Note, Serial, Session, Slug};
use crate::resolve::{Resolution, Resolver};

/// Why a line could not be recorded; `column` is 1-based, in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// Where in the line.
    pub column: usize,
    /// What went wrong.
    pub problem: Problem,
}

/// The kinds of problem a line can have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The line does not follow the capture syntax.
    Syntax(String),
    /// `@NAME` matches nobody; nearest participant ids, if any.
    UnknownSpeaker {
        /// The name as typed.
        name: String,
        /// Ids of the nearest participants.
        suggestions: Vec<Slug>,
    },
    /// `@NAME` matches several people.
    AmbiguousSpeaker {
        /// The name as typed.
        name: String,
        /// Ids of the matching participants, best first.
        candidates: Vec<Slug>,
    },
    /// `#TAG` matches no priority; nearest priority ids, if any.
    UnknownTag {
        /// The tag as typed.
        tag: String,
        /// Ids of the nearest priorities.
        suggestions: Vec<Slug>,
    },
    /// `#TAG` matches several priorities.
    AmbiguousTag {
        /// The tag as typed.
        tag: String,
        /// Ids of the matching priorities, best first.
        candidates: Vec<Slug>,
    },
    /// A note was typed before anybody was given the floor.
    NobodyHasTheFloor,
    /// The line's time is earlier than the intervention it belongs to.
    TimeGoesBack {
        /// The line's time.
        time: Clock,
        /// When the current intervention started.
        since: Clock,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |ids: &[Slug]| ids.join(", ");
        match self {
            Problem::Syntax(message) => f.write_str(message),
            Problem::UnknownSpeaker { name, suggestions } if suggestions.is_empty() => {
                write!(
                    f,
                    "no participant matches `@{name}`; add them to the roster first"
                )
            }
            Problem::UnknownSpeaker { name, suggestions } => write!(
                f,
                "no participant matches `@{name}` (nearest: {})",
                list(suggestions)
            ),
            Problem::AmbiguousSpeaker { name, candidates } => write!(
                f,
                "`@{name}` matches several participants: {}; type more of the name",
                list(candidates)
            ),
            Problem::UnknownTag { tag, suggestions } if suggestions.is_empty() => {
                write!(f, "no priority matches `#{tag}`; create it first")
            }
            Problem::UnknownTag { tag, suggestions } => write!(
                f,
                "no priority matches `#{tag}` (nearest: {})",
                list(suggestions)
            ),
            Problem::AmbiguousTag { tag, candidates } => write!(
                f,
                "`#{tag}` matches several priorities: {}; type more of the tag",
                list(candidates)
            ),
            Problem::NobodyHasTheFloor => {
                f.write_str("nobody has the floor yet: start the line with `@NAME`")
            }
            Problem::TimeGoesBack { time, since } => write!(
                f,
                "time {time} is before the current intervention started ({since})"
            ),
        }
    }
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.problem.fmt(f)
    }
}

impl std::error::Error for LineError {}

impl From<SyntaxError> for LineError {
    fn from(e: SyntaxError) -> Self {
        LineError {
            column: e.column,
            problem: Problem::Syntax(e.message),
        }
    }
}

/// The edits for one typed line, and the time the line took place.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// What to commit, in order (empty for blank and comment lines).
    pub edits: Vec<Edit>,
    /// The line's `[time]`, or `now`.
    pub time: Clock,
}

/// Resolves one line against `session` and returns the edits it stands for.
///
/// `now` is used when the line carries no `[time]`. Nothing is changed: the
/// caller commits the edits.
pub fn record(
    session: &Session,
    resolver: &Resolver,
    line: &str,
    now: Clock,
) -> Result<Recorded, LineError> {
    let capture = match capture::parse(line)? {
        CaptureLine::Blank | CaptureLine::Comment => {
            return Ok(Recorded {
                edits: Vec::new(),
                time: now,
            });
        }
        CaptureLine::Entry(capture) => capture,
    };
    let time = capture.time.unwrap_or(now);
    let mut edits = Vec::new();
    let mut serial = session.peek_serial();
    let mut take = || {
        serial += 1;
        serial - 1
    };
    let intervention: Serial = match &capture.speaker {
        Some(speaker) => {
            let participant = match resolver.participant(session, &speaker.name) {
                Resolution::Found(p, _) => p.id.clone(),
                Resolution::Ambiguous(c) => {
                    return Err(LineError {
                        column: speaker.column,
                        problem: Problem::AmbiguousSpeaker {
                            name: speaker.name.clone(),
                            candidates: c.iter().map(|p| p.id.clone()).collect(),
                        },
                    });
                }
                Resolution::Unknown(c) => {
                    return Err(LineError {
                        column: speaker.column,
                        problem: Problem::UnknownSpeaker {
                            name: speaker.name.clone(),
                            suggestions: c.iter().map(|p| p.id.clone()).collect(),
                        },
                    });
                }
            };
            if let Some(last) = session.interventions.last()
                && capture.time.is_some()
                && time < last.start
            {
                return Err(LineError {
                    column: 1,
                    problem: Problem::TimeGoesBack {
                        time,
                        since: last.start,
                    },
                });
            }
            let id = take();
            edits.push(Edit::StartIntervention {
                id,
                participant,
                channel: speaker.channel,
                start: time,
            });
            id
        }
        None => {
            let Some(current) = session.interventions.last() else {
                return Err(LineError {
                    column: 1,
                    problem: Problem::NobodyHasTheFloor,
                });
            };
            if capture.time.is_some() && time < current.start {
                return Err(LineError {
                    column: 1,
                    problem: Problem::TimeGoesBack {
                        time,
                        since: current.start,
                    },
                });
            }
            current.id
        }
    };
    if let Some(draft) = capture.note {
        let tags = resolve_tags(session, resolver, &draft.tags)?;
        edits.push(Edit::InsertNote {
            intervention,
            index: None,
            note: Note {
                id: take(),
                text: draft.text,
                tags,
                kind: draft.kind,
                emphasis: draft.emphasis,
                time,
            },
        });
    }
    Ok(Recorded { edits, time })
}

/// Resolves each `#tag` to a priority id, keeping the first of duplicates.
pub fn resolve_tags(
    session: &Session,
    resolver: &Resolver,
    tags: &[capture::TagRef],
) -> Result<Vec<Slug>, LineError> {
    let mut ids: Vec<Slug> = Vec::new();
    for tag in tags {
        let id = match resolver.priority(session, &tag.name) {
            Resolution::Found(p, _) => p.id.clone(),
            Resolution::Ambiguous(c) => {
                return Err(LineError {
                    column: tag.column,
                    problem: Problem::AmbiguousTag {
                        tag: tag.name.clone(),
                        candidates: c.iter().map(|p| p.id.clone()).collect(),
                    },
                });
            }
            Resolution::Unknown(c) => {
                return Err(LineError {
                    column: tag.column,
                    problem: Problem::UnknownTag {
                        tag: tag.name.clone(),
                        suggestions: c.iter().map(|p| p.id.clone()).collect(),
                    },
                });
            }
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, NoteKind, Priority, fixture};

    fn session() -> Session {
        let mut s = Session::default();
        s.groups.push(fixture::states());
        for (id, name) in [("ana", "Ana Lima"), ("bo", "Bo Chen")] {
            s.participants.push(fixture::person(id, name, ""));
        }
        s.priorities.push(Priority {
            id: "recruitment".into(),
            title: "Fix recruitment".into(),
            description: None,
        });
        s
    }

    fn apply(s: &mut Session, line: &str, now: Clock) -> Result<(), LineError> {
        let recorded = record(s, &Resolver::default(), line, now)?;
        for edit in recorded.edits {
            s.apply(edit).unwrap();
        }
        Ok(())
    }

    #[test]
    fn a_meeting_typed_line_by_line() {
        let mut s = session();
        let t = Clock::hms(10, 0, 0);
        apply(&mut s, "@ana: fair recruitment now #recruit", t).unwrap();
        apply(&mut s, "!\"long overdue\"", Clock::hms(10, 1, 0)).unwrap();
        apply(&mut s, "[10:03] @bo (chat): agree #recruitment", t).unwrap();
        apply(&mut s, "// comment", t).unwrap();
        apply(&mut s, "", t).unwrap();
        assert_eq!(s.interventions.len(), 2);
        let first = &s.interventions[0];
        assert_eq!(first.participant, "ana");
        assert_eq!(first.notes.len(), 2);
        assert_eq!(first.notes[0].tags, vec!["recruitment".to_string()]);
        assert_eq!(first.notes[1].kind, NoteKind::Quote);
        assert!(first.notes[1].emphasis);
        assert_eq!(first.end, None, "a chat input does not end the floor turn");
        let second = &s.interventions[1];
        assert_eq!(second.channel, Channel::Chat);
        assert_eq!(second.start, Clock::hms(10, 3, 0));
        assert_eq!(s.note_count(), 3);
    }

    #[test]
    fn problems_carry_their_column() {
        let mut s = session();
        let t = Clock::hms(10, 0, 0);
        let e = apply(&mut s, "a note", t).unwrap_err();
        assert_eq!(e.problem, Problem::NobodyHasTheFloor);
        let e = apply(&mut s, "[10:00] @zed: hi", t).unwrap_err();
        assert_eq!(e.column, 9);
        assert!(matches!(e.problem, Problem::UnknownSpeaker { .. }));
        let e = apply(&mut s, "@ana: x #nothing", t).unwrap_err();
        assert_eq!(e.column, 9);
        assert!(e.to_string().contains("#nothing"));
        assert!(s.interventions.is_empty(), "a failed line changes nothing");
        apply(&mut s, "[10:05] @ana", t).unwrap();
        let e = apply(&mut s, "[10:01] late", t).unwrap_err();
        assert!(matches!(e.problem, Problem::TimeGoesBack { .. }));
    }
}
