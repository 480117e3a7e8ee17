//! A change in words, so that undo and redo can say what they took back.

use crate::edit::Edit;
use crate::model::Session;

/// Longest stretch of a note quoted in a summary, in characters.
const QUOTED: usize = 30;

/// What `edits` (just applied to `session`) did, as a phrase: "the note “rents rose…”",
/// "Jon Reyes's turn and the note “…”", "adding Jon Reyes to the roster".
pub fn summary(session: &Session, edits: &[Edit]) -> String {
    let mut people = Vec::new();
    let mut priorities = Vec::new();
    let mut turns = Vec::new();
    let (mut inserted, mut updated, mut deleted) = (Vec::new(), Vec::new(), Vec::new());
    let mut remarks = 0;
    let mut review = 0;
    let mut reviews = Vec::new();
    let mut details = Vec::new();
    let mut other = 0;
    for edit in edits {
        match edit {
            Edit::AddParticipant(p) => people.push(p.name.clone()),
            Edit::AddPriority(p) => priorities.push(format!("#{}", p.id)),
            Edit::StartIntervention { participant, .. } => turns.push(
                session
                    .participant(participant)
                    .map_or(participant.clone(), |p| p.name.clone()),
            ),
            Edit::InsertNote { note, .. } => inserted.push(note.text.clone()),
            Edit::UpdateNote(note) => updated.push(note.text.clone()),
            Edit::DeleteNote(id) => deleted.push(id),
            Edit::AddRemark(_) | Edit::UpdateRemark(_) | Edit::RemoveRemark(_) => remarks += 1,
            Edit::UpdateReview(_) => review += 1,
            Edit::SetNameReviewed {
                words, reviewed, ..
            } => reviews.push(if *reviewed {
                format!("marking {} reviewed", quoted(words))
            } else {
                format!("taking back the review of {}", quoted(words))
            }),
            Edit::UpdateMeta(_) => details.push("the meeting's details".to_string()),
            Edit::AddGroup { group, .. } => details.push(format!("the new group {}", group.name)),
            Edit::RemoveGroup(id) => details.push(format!("removing the group {id}")),
            Edit::UpdateGroup(group) => details.push(format!("the group {}", group.name)),
            Edit::UpdatePriority(p) => details.push(format!("the priority #{}", p.id)),
            Edit::UpdateParticipant(p) => details.push(format!("{}'s details", p.name)),
            _ => other += 1,
        }
    }
    let mut parts = Vec::new();
    match details.as_slice() {
        [] => {}
        [one] => parts.push(one.clone()),
        many => parts.push(format!("{} changes to the meeting's set-up", many.len())),
    }
    match people.as_slice() {
        [] => {}
        [one] => parts.push(format!("adding {one} to the roster")),
        many => parts.push(format!("adding {} people to the roster", many.len())),
    }
    match priorities.as_slice() {
        [] => {}
        [one] => parts.push(format!("the new priority {one}")),
        many => parts.push(format!("{} new priorities", many.len())),
    }
    match turns.as_slice() {
        [] => {}
        [one] => parts.push(format!("{one}'s turn")),
        many => parts.push(format!("{} turns", many.len())),
    }
    match inserted.as_slice() {
        [] => {}
        [one] => parts.push(format!("the note {}", quoted(one))),
        many => parts.push(format!("{} notes", many.len())),
    }
    match updated.as_slice() {
        [] => {}
        [one] => parts.push(format!("the change to the note {}", quoted(one))),
        many => parts.push(format!("changes to {} notes", many.len())),
    }
    match deleted.len() {
        0 => {}
        1 => parts.push("deleting a note".to_string()),
        n => parts.push(format!("deleting {n} notes")),
    }
    match remarks {
        0 => {}
        1 => parts.push("your remark".to_string()),
        n => parts.push(format!("{n} of your remarks")),
    }
    if review > 0 {
        parts.push("a choice in the review".to_string());
    }
    parts.extend(reviews);
    if parts.is_empty() {
        parts.push(match other {
            1 => "one change".to_string(),
            n => format!("{n} changes"),
        });
    }
    join(&parts)
}

/// `text` in quotation marks, cut to [`QUOTED`] characters.
fn quoted(text: &str) -> String {
    format!("“{}”", crate::shorten::truncate_graphemes(text, QUOTED))
}

/// "a", "a and b", "a, b and c".
fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::model::{Channel, Note, NoteKind, fixture};

    fn note(text: &str) -> Note {
        Note {
            id: 2,
            text: text.into(),
            tags: vec![],
            opposes: vec![],
            kind: NoteKind::Point,
            emphasis: false,
            time: Clock(0),
        }
    }

    #[test]
    fn changes_are_said_in_words() {
        let mut s = Session::default();
        s.groups.push(fixture::states());
        s.participants
            .push(fixture::person("jon", "Jon Reyes", "Chile"));
        let start = Edit::StartIntervention {
            id: 1,
            participant: "jon".into(),
            channel: Channel::Floor,
            start: Clock(0),
        };
        let insert = |text: &str| Edit::InsertNote {
            intervention: 1,
            index: None,
            note: note(text),
        };
        assert_eq!(
            summary(&s, &[insert("the shelters are full")]),
            "the note “the shelters are full”"
        );
        assert_eq!(
            summary(
                &s,
                &[
                    Edit::AddParticipant(fixture::person("jon", "Jon Reyes", "")),
                    start,
                    insert("a very long note that goes on and on and on")
                ]
            ),
            "adding Jon Reyes to the roster, Jon Reyes's turn and the note “a very long note that goes on …”"
        );
        assert_eq!(
            summary(&s, &[insert("a"), insert("b"), Edit::DeleteNote(9)]),
            "2 notes and deleting a note"
        );
        let review = |reviewed| Edit::SetNameReviewed {
            note: 2,
            words: "Chile".into(),
            reviewed,
        };
        assert_eq!(summary(&s, &[review(true)]), "marking “Chile” reviewed");
        assert_eq!(
            summary(&s, &[review(false)]),
            "taking back the review of “Chile”"
        );
    }
}
