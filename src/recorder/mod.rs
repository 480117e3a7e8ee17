//! Turns one typed capture line into the edits it stands for.
//!
//! The screen's Enter and the notes importer both go through [`record`], so a
//! line means the same thing typed live or imported from a file. What the line
//! names is resolved by the one rule of [`crate::resolve`]; whatever was not an
//! exact match is said in [`Recorded::chose`], so the caller can tell the user.

mod place;
mod problem;

pub use place::{Placement, floor_turn, floor_turn_at, last_activity, place_note, unplace};
pub use problem::{LineError, Problem};

use crate::capture::{self, CaptureLine, NoteDraft, TagRef};
use crate::clock::Clock;
use crate::edit::Edit;
use crate::model::{Channel, Note, Participant, Priority, Session, Slug, Stance, slugify};
use crate::names::name_key;
use crate::resolve::{Matched, Resolution, Resolver};

/// How a line treats names and tags nobody has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recording {
    /// Adds people and priorities nobody has at once (the screen); imports refuse them.
    pub create_unknown: bool,
    /// Takes the speaker as typed as a new person, whoever the name resembles.
    pub speaker_is_new: bool,
    /// Tags (folded) to take as new priorities, whatever they resemble.
    pub new_tags: Vec<String>,
}

impl Recording {
    /// As the screen records: unknown names and tags are added at once.
    pub fn live() -> Recording {
        Recording {
            create_unknown: true,
            ..Recording::default()
        }
    }

    /// As the importers record: an unknown name or tag stops the line.
    pub fn strict() -> Recording {
        Recording::default()
    }
}

/// Something a line named that was not an exact match, and what it was taken as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// `@typed` taken as this participant, by a word prefix or a close typo.
    Speaker {
        /// The name as typed.
        typed: String,
        /// Who it was taken as.
        id: Slug,
        /// How it matched.
        how: Matched,
    },
    /// `#typed` taken as this priority.
    Tag {
        /// The tag as typed.
        typed: String,
        /// The priority it was taken as.
        id: Slug,
        /// How it matched.
        how: Matched,
    },
    /// `@typed` added to the roster, with no group yet.
    NewSpeaker {
        /// The name as typed.
        typed: String,
        /// The new participant's id.
        id: Slug,
    },
    /// `#typed` created as a priority titled from the tag.
    NewTag {
        /// The tag as typed.
        typed: String,
        /// The new priority's id.
        id: Slug,
    },
}

/// Whose turn a line went to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Turn {
    /// A new floor turn or chat input by this participant.
    Started(Slug, Channel),
    /// The turn of the participant who has the floor went on.
    Continued(Slug),
    /// A note for whoever had the floor (at the line's time).
    Same,
    /// The rapporteur's own remark: nobody's turn.
    Remark,
    /// Nothing (a blank or comment line).
    None,
}

/// The edits for one typed line, and what the line meant.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// What to commit, in order (empty for blank and comment lines).
    pub edits: Vec<Edit>,
    /// The line's `[time]`, or `now`.
    pub time: Clock,
    /// Whose turn the line went to.
    pub turn: Turn,
    /// What was not an exact match, and what it was taken as.
    pub chose: Vec<Choice>,
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
    how: &Recording,
) -> Result<Recorded, LineError> {
    let capture = match capture::parse(line)? {
        CaptureLine::Blank | CaptureLine::Comment => {
            return Ok(Recorded {
                edits: Vec::new(),
                time: now,
                turn: Turn::None,
                chose: Vec::new(),
            });
        }
        CaptureLine::Remark(draft) => return remark(session, resolver, draft, now, how),
        CaptureLine::Entry(capture) => capture,
    };
    let mut line = Line::new(session, resolver, how);
    // A clock behind the session (a meeting resumed after midnight or another day) must
    // not put an untimed line before what was already recorded.
    let time = capture
        .time
        .unwrap_or_else(|| place::last_activity(session).map_or(now, |latest| now.max(latest)));
    let speaker = match &capture.speaker {
        Some(speaker) => Some((
            line.speaker(&speaker.name, speaker.column)?,
            speaker.channel,
        )),
        None => None,
    };
    let note = match capture.note {
        Some(draft) => Some(line.note(draft, time)?),
        None => None,
    };
    let placement = Placement {
        speaker: speaker.clone(),
        time,
        timed: capture.time.is_some(),
    };
    let turn = place::place(session, &placement, note, &mut line.serial, &mut line.edits)?;
    Ok(Recorded {
        edits: line.edits,
        time,
        turn,
        chose: line.chose,
    })
}

/// The rapporteur's remark: its tag resolved as a note's (and created when new), the
/// floor untouched.
fn remark(
    session: &Session,
    resolver: &Resolver,
    draft: crate::capture::RemarkDraft,
    now: Clock,
    how: &Recording,
) -> Result<Recorded, LineError> {
    let mut line = Line::new(session, resolver, how);
    let priority = match &draft.tag {
        Some(tag) => Some(line.tag(tag)?),
        None => None,
    };
    let time = draft.time.unwrap_or(now);
    let id = line.serial;
    line.edits.push(Edit::AddRemark(crate::model::Remark {
        id,
        text: draft.text,
        priority,
        time,
    }));
    Ok(Recorded {
        edits: line.edits,
        time,
        turn: Turn::Remark,
        chose: line.chose,
    })
}

/// The line being resolved: the edits so far and the serials they took.
struct Line<'a> {
    session: &'a Session,
    resolver: &'a Resolver,
    how: &'a Recording,
    edits: Vec<Edit>,
    chose: Vec<Choice>,
    serial: u64,
}

impl<'a> Line<'a> {
    /// A line about to be resolved against `session`, taking serials from its counter.
    fn new(session: &'a Session, resolver: &'a Resolver, how: &'a Recording) -> Line<'a> {
        Line {
            session,
            resolver,
            how,
            edits: Vec::new(),
            chose: Vec::new(),
            serial: session.peek_serial(),
        }
    }

    /// The participant `@typed` stands for, added to the roster when nobody has that name.
    fn speaker(&mut self, typed: &str, column: usize) -> Result<Slug, LineError> {
        let resolution = if self.how.speaker_is_new {
            Resolution::Unknown(Vec::new())
        } else {
            self.resolver.participant(self.session, typed)
        };
        match resolution {
            Resolution::Found(p, Matched::Exact) => Ok(p.id.clone()),
            Resolution::Found(p, how) => {
                self.chose.push(Choice::Speaker {
                    typed: typed.to_string(),
                    id: p.id.clone(),
                    how,
                });
                Ok(p.id.clone())
            }
            Resolution::Ambiguous(c) => Err(LineError {
                column,
                problem: Problem::AmbiguousSpeaker {
                    name: typed.to_string(),
                    candidates: c.iter().map(|p| p.id.clone()).collect(),
                },
            }),
            Resolution::Unknown(_) if self.how.create_unknown && !typed.trim().is_empty() => {
                let name = crate::names::collapsed(typed);
                let id = self.session.fresh_participant_id(&name);
                self.edits.push(Edit::AddParticipant(Participant {
                    id: id.clone(),
                    name,
                    affiliation: String::new(),
                    group: String::new(),
                    role: None,
                    chair: false,
                }));
                self.chose.push(Choice::NewSpeaker {
                    typed: typed.to_string(),
                    id: id.clone(),
                });
                Ok(id)
            }
            Resolution::Unknown(c) => Err(LineError {
                column,
                problem: Problem::UnknownSpeaker {
                    name: typed.to_string(),
                    suggestions: c.iter().map(|p| p.id.clone()).collect(),
                },
            }),
        }
    }

    /// The note a draft stands for, its tags resolved (and created when new).
    fn note(&mut self, draft: NoteDraft, time: Clock) -> Result<Note, LineError> {
        let Stances { tags, opposes } = self.stances(&draft.tags)?;
        // The serial is given where the note is placed, after any new turn's.
        Ok(Note {
            id: 0,
            text: draft.text,
            tags,
            opposes,
            kind: draft.kind,
            emphasis: draft.emphasis,
            time,
        })
    }

    /// The priorities `tags` support and oppose, each once; one note cannot do both.
    fn stances(&mut self, tags: &[TagRef]) -> Result<Stances, LineError> {
        let mut stances = Stances::default();
        for tag in tags {
            let id = self.tag(tag)?;
            let (same, other) = match tag.stance {
                Stance::Support => (&mut stances.tags, &stances.opposes),
                Stance::Oppose => (&mut stances.opposes, &stances.tags),
            };
            if other.contains(&id) {
                return Err(LineError {
                    column: tag.column,
                    problem: Problem::BothWays { id },
                });
            }
            if !same.contains(&id) {
                same.push(id);
            }
        }
        Ok(stances)
    }

    fn tag(&mut self, tag: &TagRef) -> Result<Slug, LineError> {
        let forced_new = self.how.new_tags.contains(&name_key(&tag.name));
        // A tag created earlier on the same line is found again.
        let created = self.edits.iter().find_map(|e| match e {
            Edit::AddPriority(p) if p.id == slugify(&tag.name) => Some(p.id.clone()),
            _ => None,
        });
        if let Some(id) = created {
            return Ok(id);
        }
        let resolution = if forced_new {
            Resolution::Unknown(Vec::new())
        } else {
            self.resolver.priority(self.session, &tag.name)
        };
        match resolution {
            Resolution::Found(p, Matched::Exact) => Ok(p.id.clone()),
            Resolution::Found(p, how) => {
                self.chose.push(Choice::Tag {
                    typed: tag.name.clone(),
                    id: p.id.clone(),
                    how,
                });
                Ok(p.id.clone())
            }
            Resolution::Ambiguous(c) => Err(LineError {
                column: tag.column,
                problem: Problem::AmbiguousTag {
                    tag: tag.name.clone(),
                    candidates: c.iter().map(|p| p.id.clone()).collect(),
                },
            }),
            Resolution::Unknown(_) if self.how.create_unknown && !slugify(&tag.name).is_empty() => {
                let id = self.session.fresh_priority_id(&tag.name);
                self.edits.push(Edit::AddPriority(Priority {
                    id: id.clone(),
                    title: title_of_tag(&tag.name),
                    description: None,
                }));
                self.chose.push(Choice::NewTag {
                    typed: tag.name.clone(),
                    id: id.clone(),
                });
                Ok(id)
            }
            Resolution::Unknown(c) => Err(LineError {
                column: tag.column,
                problem: Problem::UnknownTag {
                    tag: tag.name.clone(),
                    suggestions: c.iter().map(|p| p.id.clone()).collect(),
                },
            }),
        }
    }
}

/// A priority's title made from its tag: `rent-control` → "Rent control".
pub fn title_of_tag(tag: &str) -> String {
    let words = tag.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The priorities a note supports and opposes, resolved from its `#tags` and `#-tags`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stances {
    /// Supported (`#tag`), in order, without duplicates.
    pub tags: Vec<Slug>,
    /// Opposed (`#-tag`), in order, without duplicates.
    pub opposes: Vec<Slug>,
}

/// Resolves each `#tag` and `#-tag` to a priority id, keeping the first of duplicates;
/// an unknown tag is an error (for importers, which never create priorities).
pub fn resolve_tags(
    session: &Session,
    resolver: &Resolver,
    tags: &[TagRef],
) -> Result<Stances, LineError> {
    resolve_tags_with(session, resolver, tags, &Recording::strict()).map(|t| Stances {
        tags: t.ids,
        opposes: t.opposes,
    })
}

/// Tags resolved as a line would resolve them.
#[derive(Debug, Clone, PartialEq)]
pub struct Tags {
    /// The priority ids supported (`#tag`), in order, without duplicates.
    pub ids: Vec<Slug>,
    /// The priority ids opposed (`#-tag`), in order, without duplicates.
    pub opposes: Vec<Slug>,
    /// The edits that create the priorities that were new.
    pub created: Vec<Edit>,
    /// What was not an exact match, and what it was taken as.
    pub chose: Vec<Choice>,
}

/// Resolves each `#tag` as a line would, creating new priorities when `how` says so.
pub fn resolve_tags_with(
    session: &Session,
    resolver: &Resolver,
    tags: &[TagRef],
    how: &Recording,
) -> Result<Tags, LineError> {
    let mut line = Line::new(session, resolver, how);
    let Stances { tags, opposes } = line.stances(tags)?;
    Ok(Tags {
        ids: tags,
        opposes,
        created: line.edits,
        chose: line.chose,
    })
}

#[cfg(test)]
mod tests;
