//! Where a line goes: whose turn, and where in time.
//!
//! A line without `@` belongs to whoever has the floor; `@NAME` of the person who has
//! the floor continues their turn; a chat input is a one-off that never takes the floor
//! (`@NAME (chat)` again, with no other turn since, adds to the same input).
//! A line with an earlier `[time]` is placed at that time: a chat input anywhere, a
//! floor note in the floor turn running then, a new floor turn inserted there (the
//! turn running then ends there).

use super::{LineError, Problem, Turn};
use crate::clock::Clock;
use crate::edit::Edit;
use crate::model::{Channel, Intervention, Note, Serial, Session, Slug};

/// Who a line names and when it took place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// `@NAME` resolved, with its channel; `None` for a line without `@`.
    pub speaker: Option<(Slug, Channel)>,
    /// When the line took place.
    pub time: Clock,
    /// Whether the time was typed (`[HH:MM]`), so the line may go back in time.
    pub timed: bool,
}

/// Index of the floor turn running now: the last floor turn, if it has not ended.
pub fn floor_turn(session: &Session) -> Option<usize> {
    let at = session
        .interventions
        .iter()
        .rposition(|i| i.channel == Channel::Floor)?;
    session.interventions[at].end.is_none().then_some(at)
}

/// When the latest thing recorded happened: a turn's start or end, or a note.
pub fn last_activity(session: &Session) -> Option<Clock> {
    // Turns are in order of their start, and a floor turn's notes end by the next floor
    // turn's start: the latest thing is in the last floor turn or the chat inputs after it.
    let from = session
        .interventions
        .iter()
        .rposition(|i| i.channel == Channel::Floor)
        .unwrap_or(0);
    session.interventions[from..]
        .iter()
        .flat_map(|i| {
            let end = if i.channel == Channel::Floor {
                i.end
            } else {
                None
            };
            std::iter::once(i.start)
                .chain(end)
                .chain(i.notes.iter().map(|n| n.time))
        })
        .max()
}

/// Index of the floor turn running at `time`: started by then and not ended before.
pub fn floor_turn_at(session: &Session, time: Clock) -> Option<usize> {
    session.interventions.iter().rposition(|i| {
        i.channel == Channel::Floor && i.start <= time && i.end.is_none_or(|end| time < end)
    })
}

/// Adds the edits that put `note` (if any) where `placement` says; returns whose turn it was.
pub(super) fn place(
    session: &Session,
    placement: &Placement,
    note: Option<Note>,
    serial: &mut Serial,
    edits: &mut Vec<Edit>,
) -> Result<Turn, LineError> {
    let time = placement.time;
    let back_in_time = placement.timed
        && session
            .interventions
            .last()
            .is_some_and(|last| time < last.start);
    let running = if back_in_time {
        floor_turn_at(session, time)
    } else {
        floor_turn(session)
    };
    let mut take = || {
        *serial += 1;
        *serial - 1
    };
    let Some((who, channel)) = &placement.speaker else {
        let Some(at) = running else {
            return Err(LineError {
                column: 1,
                problem: if placement.timed {
                    Problem::NobodyHadTheFloor { time }
                } else {
                    Problem::NobodyHasTheFloor
                },
            });
        };
        if let Some(note) = note {
            let note = with_serial(note, &mut take);
            edits.push(insert_note(session, at, note, back_in_time));
        }
        return Ok(Turn::Same);
    };
    // The same person again, in the same place: on the floor while they hold it, or in
    // the chat while their input is the last one, continues that turn.
    let continued = match channel {
        Channel::Floor => running.filter(|&at| session.interventions[at].participant == *who),
        Channel::Chat if !back_in_time => {
            session.interventions.len().checked_sub(1).filter(|&at| {
                let last = &session.interventions[at];
                last.channel == Channel::Chat && last.participant == *who
            })
        }
        Channel::Chat => None,
    };
    if let Some(at) = continued {
        if let Some(note) = note {
            let note = with_serial(note, &mut take);
            edits.push(insert_note(session, at, note, back_in_time));
        }
        return Ok(Turn::Continued(who.clone()));
    }
    // A new turn's serial comes before its first note's, as turns and notes are found by it.
    let id = take();
    let note = note.map(|n| with_serial(n, &mut take));
    if !back_in_time {
        edits.push(Edit::StartIntervention {
            id,
            participant: who.clone(),
            channel: *channel,
            start: time,
        });
        if let Some(note) = note {
            edits.push(Edit::InsertNote {
                intervention: id,
                index: None,
                note,
            });
        }
        return Ok(Turn::Started(who.clone(), *channel));
    }
    // Back in time: the new turn goes in at its time, after those that started by then.
    let index = session.interventions.partition_point(|i| i.start <= time);
    let end = match channel {
        Channel::Chat => None,
        Channel::Floor => match running {
            // The turn running then ends there; the new one ends where it would have.
            Some(at) => {
                let running = &session.interventions[at];
                edits.push(Edit::SetEnd {
                    intervention: running.id,
                    end: Some(time),
                });
                running.end
            }
            None => session.interventions[index..]
                .iter()
                .find(|i| i.channel == Channel::Floor)
                .map(|i| i.start),
        },
    };
    edits.push(Edit::InsertIntervention {
        index,
        intervention: Intervention {
            id,
            participant: who.clone(),
            channel: *channel,
            start: time,
            end,
            notes: note.into_iter().collect(),
        },
    });
    Ok(Turn::Started(who.clone(), *channel))
}

/// `note` with a fresh serial, unless it keeps its own (a note being moved).
fn with_serial(note: Note, take: &mut impl FnMut() -> Serial) -> Note {
    match note.id {
        0 => Note { id: take(), ..note },
        _ => note,
    }
}

/// The edit that adds `note` to intervention `at`: at the end, or by its time.
fn insert_note(session: &Session, at: usize, note: Note, by_time: bool) -> Edit {
    let intervention = &session.interventions[at];
    let index = by_time.then(|| intervention.notes.partition_point(|n| n.time <= note.time));
    Edit::InsertNote {
        intervention: intervention.id,
        index,
        note,
    }
}

/// The edits that take a note out of its turn to place it elsewhere: the note, and its
/// turn too when nothing else is left in it (the floor then goes back to the turn before).
pub fn unplace(session: &Session, note: Serial) -> Vec<Edit> {
    let Some((i, _)) = session.note_position(note) else {
        return Vec::new();
    };
    let turn = &session.interventions[i];
    let mut edits = vec![Edit::DeleteNote(note)];
    if turn.notes.len() > 1 {
        return edits;
    }
    if turn.channel == Channel::Floor
        && let Some(before) = session.interventions[..i]
            .iter()
            .rev()
            .find(|b| b.channel == Channel::Floor)
        && before.end == Some(turn.start)
    {
        edits.push(Edit::SetEnd {
            intervention: before.id,
            end: turn.end,
        });
    }
    edits.push(Edit::RemoveIntervention(turn.id));
    edits
}

/// The edits that place `note` (keeping its serial) as `placement` says, after whatever
/// the caller applied to take it out; returns them and whose turn it went to.
pub fn place_note(
    session: &Session,
    placement: &Placement,
    note: Note,
) -> Result<(Vec<Edit>, Turn), LineError> {
    let mut serial = session.peek_serial();
    let mut edits = Vec::new();
    let turn = place(session, placement, Some(note), &mut serial, &mut edits)?;
    Ok((edits, turn))
}
