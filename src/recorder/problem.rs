//! Why a typed line could not be recorded, in words, with its column.

use std::fmt;

use crate::capture::SyntaxError;
use crate::clock::Clock;
use crate::model::Slug;

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
    /// One note both supports (`#tag`) and opposes (`#-tag`) the same priority.
    BothWays {
        /// The priority's id.
        id: Slug,
    },
    /// A note was typed while nobody has the floor.
    NobodyHasTheFloor,
    /// A note was placed at a time when nobody had the floor.
    NobodyHadTheFloor {
        /// The line's time.
        time: Clock,
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
                    "no participant matches `@{name}`; add them to the roster first \
                     (`rapporteur import roster`)"
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
                write!(
                    f,
                    "no priority matches `#{tag}`; create it first \
                     (`rapporteur edit FILE --priority {tag}:TITLE`)"
                )
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
            Problem::BothWays { id } => write!(
                f,
                "this note both supports (`#{id}`) and opposes (`#-{id}`) {id}; keep one"
            ),
            Problem::NobodyHasTheFloor => {
                f.write_str("nobody has the floor: start the line with `@NAME`")
            }
            Problem::NobodyHadTheFloor { time } => write!(
                f,
                "nobody had the floor at {time}: start the line with `@NAME`"
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
