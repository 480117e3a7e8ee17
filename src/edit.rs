//! Every change to a session as a value: journaled for durability, inverted for undo.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::model::{
    Channel, Group, Intervention, Meta, NameReviewed, Note, Participant, Priority, Remark, Review,
    Serial, Session, Slug,
};

/// One change to a session. Applying an edit returns its inverse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Adds a participant to the roster.
    AddParticipant(Participant),
    /// Removes a participant who has no interventions (the inverse of adding one).
    RemoveParticipant(Slug),
    /// Adds a priority.
    AddPriority(Priority),
    /// Removes a priority no note is tagged with (the inverse of adding one).
    RemovePriority(Slug),
    /// Gives the floor to a participant: a new intervention, closing the previous one.
    StartIntervention {
        /// Serial of the new intervention.
        id: Serial,
        /// Who has the floor.
        participant: Slug,
        /// Floor or chat.
        channel: Channel,
        /// When the turn starts; the previous turn ends then.
        start: Clock,
    },
    /// Removes the last intervention and reopens the floor turn it closed (undo of a start).
    RemoveLastIntervention {
        /// Serial of the intervention to remove; it must be the last one.
        id: Serial,
        /// The floor turn whose end the start had set, to be cleared again.
        reopen: Option<Serial>,
    },
    /// Inserts a note into an intervention, at the end or at a position.
    InsertNote {
        /// Serial of the intervention.
        intervention: Serial,
        /// Position among its notes; `None` appends.
        index: Option<usize>,
        /// The note.
        note: Note,
    },
    /// Replaces the note with the same id (text, tags, kind, emphasis).
    UpdateNote(Note),
    /// Deletes a note.
    DeleteNote(Serial),
    /// Inserts a whole intervention with its notes at `index` among the interventions,
    /// closing no turn: a chat input placed at its time.
    InsertIntervention {
        /// Position among the interventions, at most their number.
        index: usize,
        /// The intervention and its notes.
        intervention: Intervention,
    },
    /// Removes an intervention and its notes wherever it stands (the inverse of inserting one).
    RemoveIntervention(Serial),
    /// Sets when an intervention ended (`None`: it is still running).
    SetEnd {
        /// Serial of the intervention.
        intervention: Serial,
        /// Its end.
        end: Option<Clock>,
    },
    /// Replaces the participant with the same id (name, affiliation, group, role).
    UpdateParticipant(Participant),
    /// Replaces the meeting's details (title, theme, date, times, format, languages…).
    UpdateMeta(Meta),
    /// Adds the rapporteur's remark.
    AddRemark(Remark),
    /// Replaces the remark with the same id (its text, its priority).
    UpdateRemark(Remark),
    /// Removes a remark.
    RemoveRemark(Serial),
    /// Replaces the rapporteur's choices for the report.
    UpdateReview(Review),
    /// Replaces the fingerprints of the chat messages imported so far.
    SetChatImported(Vec<String>),
    /// Replaces who an export says attended and who registered but did not.
    SetAttendance {
        /// Ids of those who attended.
        attended: Vec<Slug>,
        /// Ids of those registered who did not.
        absent: Vec<Slug>,
    },
    /// Marks a name the lint found in a note as reviewed, kept in the report, or takes
    /// the mark back; its inverse restores the mark as it was. It never fails.
    SetNameReviewed {
        /// Id of the note.
        note: Serial,
        /// The words found, as the lint wrote them; compared folded as names are.
        words: String,
        /// Whether the name is reviewed from now on.
        reviewed: bool,
    },
    /// Adds a constituency group, at `index` among the groups or at the end.
    AddGroup {
        /// Position among the groups (the report's order); `None` appends.
        index: Option<usize>,
        /// The group.
        group: Group,
    },
    /// Removes a group nobody on the roster is in (the inverse of adding one).
    RemoveGroup(Slug),
    /// Replaces the group with the same id (name, nouns, whether it counts toward convergence).
    UpdateGroup(Group),
    /// Replaces the priority with the same id (title, description).
    UpdatePriority(Priority),
}

/// Why an edit could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

fn fail<T>(message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(message.into()))
}

/// `n` and the noun that agrees with it: "1 person", "2 people".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Session {
    /// Whether an intervention or a note has this serial.
    fn serial_in_use(&self, id: Serial) -> bool {
        // Serials at or past the counter are free: this keeps a new note's commit
        // from scanning the whole session; only undo re-uses older serials.
        id < self.peek_serial()
            && (self.intervention_index(id).is_some()
                || self.note(id).is_some()
                || self.remark(id).is_some())
    }

    /// Applies `edits` in order, all or none; returns the inverses in the order that undoes them.
    pub fn apply_all(&mut self, edits: Vec<Edit>) -> Result<Vec<Edit>, EditError> {
        let serial = self.next_serial;
        let mut inverses = Vec::with_capacity(edits.len());
        for edit in edits {
            match self.apply(edit) {
                Ok(inverse) => inverses.push(inverse),
                Err(error) => {
                    // Roll back the part already applied, so a rejected line leaves no
                    // trace, not even the serials it took.
                    for inverse in inverses.into_iter().rev() {
                        self.apply(inverse).expect("an inverse always applies");
                    }
                    self.next_serial = serial;
                    return Err(error);
                }
            }
        }
        inverses.reverse();
        Ok(inverses)
    }

    /// Applies `edit` and returns the edit that undoes it; on error nothing changes.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::AddParticipant(p) => {
                if self.participant(&p.id).is_some() {
                    return fail(format!("a participant with id {:?} exists already", p.id));
                }
                // An empty group is a person added on the fly, whose group is not known yet.
                if !p.group.is_empty() && self.group(&p.group).is_none() {
                    return fail(format!("there is no group {:?}", p.group));
                }
                let id = p.id.clone();
                self.participants.push(p);
                Ok(Edit::RemoveParticipant(id))
            }
            Edit::RemoveParticipant(id) => {
                let Some(at) = self.participants.iter().position(|p| p.id == id) else {
                    return fail(format!("there is no participant {id:?}"));
                };
                // Adding appends, so only the last one is removed: undoing it puts it back in place.
                if at + 1 != self.participants.len() {
                    return fail(format!("participant {id:?} is not the last one added"));
                }
                if self.interventions.iter().any(|i| i.participant == id) {
                    return fail(format!("participant {id:?} has interventions"));
                }
                Ok(Edit::AddParticipant(self.participants.remove(at)))
            }
            Edit::AddPriority(p) => {
                if self.priority(&p.id).is_some() {
                    return fail(format!("a priority with id {:?} exists already", p.id));
                }
                let id = p.id.clone();
                self.priorities.push(p);
                Ok(Edit::RemovePriority(id))
            }
            Edit::RemovePriority(id) => {
                let Some(at) = self.priorities.iter().position(|p| p.id == id) else {
                    return fail(format!("there is no priority {id:?}"));
                };
                if at + 1 != self.priorities.len() {
                    return fail(format!("priority {id:?} is not the last one added"));
                }
                let tagged = self
                    .interventions
                    .iter()
                    .flat_map(|i| &i.notes)
                    .any(|n| n.tags.contains(&id) || n.opposes.contains(&id));
                if tagged {
                    return fail(format!("notes are tagged with priority {id:?}"));
                }
                if self
                    .remarks
                    .iter()
                    .any(|r| r.priority.as_ref() == Some(&id))
                {
                    return fail(format!("a remark leads priority {id:?}"));
                }
                Ok(Edit::AddPriority(self.priorities.remove(at)))
            }
            Edit::StartIntervention {
                id,
                participant,
                channel,
                start,
            } => {
                if self.participant(&participant).is_none() {
                    return fail(format!("there is no participant {participant:?}"));
                }
                if self.serial_in_use(id) {
                    return fail(format!("serial {id} is in use already"));
                }
                if self.interventions.last().is_some_and(|last| last.id > id) {
                    return fail(format!("intervention {id} would not be the last one"));
                }
                // Chat inputs run alongside the floor: only a floor turn closes the open floor turn.
                let open_floor = self
                    .interventions
                    .iter_mut()
                    .rev()
                    .find(|i| i.channel == Channel::Floor)
                    .filter(|i| i.end.is_none() && channel == Channel::Floor);
                let reopen = open_floor.map(|i| {
                    i.end = Some(start.max(i.start));
                    i.id
                });
                self.interventions.push(Intervention {
                    id,
                    participant,
                    channel,
                    start,
                    end: None,
                    notes: Vec::new(),
                });
                self.next_serial = self.next_serial.max(id + 1);
                Ok(Edit::RemoveLastIntervention { id, reopen })
            }
            Edit::RemoveLastIntervention { id, reopen } => {
                match self.interventions.last() {
                    Some(last) if last.id != id => {
                        return fail(format!("intervention {id} is not the last one"));
                    }
                    // Undo only ever removes a turn once its notes are gone.
                    Some(last) if !last.notes.is_empty() => {
                        return fail(format!("intervention {id} still has notes"));
                    }
                    // A start's undo finds the turn as it started; an end would be lost.
                    Some(last) if last.end.is_some() => {
                        return fail(format!("intervention {id} has ended"));
                    }
                    None => return fail(format!("there is no intervention {id}")),
                    Some(_) => {}
                }
                // Its undo starts it again after the one before it, which a turn placed
                // earlier by its time (a higher serial) would refuse.
                let len = self.interventions.len();
                if len >= 2 && self.interventions[len - 2].id > id {
                    return fail(format!(
                        "intervention {id} was started before the one placed ahead of it"
                    ));
                }
                // Its undo closes the floor turn before it again, if it is a floor turn: only
                // that turn, closed by its start, can be reopened, or undo would not restore it.
                let last = &self.interventions[len - 1];
                let before = self.interventions[..len - 1]
                    .iter()
                    .rev()
                    .find(|i| i.channel == Channel::Floor)
                    .filter(|_| last.channel == Channel::Floor);
                let exact = match (reopen, before) {
                    (None, None) => true,
                    (None, Some(b)) => b.end.is_some(),
                    (Some(r), Some(b)) => b.id == r && b.end == Some(last.start.max(b.start)),
                    (Some(_), None) => false,
                };
                if !exact {
                    return fail(format!(
                        "intervention {id}'s start did not close the turn it would reopen"
                    ));
                }
                let removed = self.interventions.pop().expect("checked above");
                if let Some(at) = reopen.and_then(|r| self.intervention_index(r)) {
                    self.interventions[at].end = None;
                }
                Ok(Edit::StartIntervention {
                    id: removed.id,
                    participant: removed.participant,
                    channel: removed.channel,
                    start: removed.start,
                })
            }
            Edit::InsertNote {
                intervention,
                index,
                note,
            } => {
                if self.serial_in_use(note.id) {
                    return fail(format!("serial {} is in use already", note.id));
                }
                self.check_tags(&note)?;
                let Some(at) = self.intervention_index(intervention) else {
                    return fail(format!("there is no intervention {intervention}"));
                };
                let id = note.id;
                let notes = &mut self.interventions[at].notes;
                let index = index.unwrap_or(notes.len()).min(notes.len());
                notes.insert(index, note);
                self.next_serial = self.next_serial.max(id + 1);
                Ok(Edit::DeleteNote(id))
            }
            Edit::UpdateNote(note) => {
                self.check_tags(&note)?;
                let Some((i, n)) = self.note_position(note.id) else {
                    return fail(format!("there is no note {}", note.id));
                };
                let old = std::mem::replace(&mut self.interventions[i].notes[n], note);
                Ok(Edit::UpdateNote(old))
            }
            Edit::DeleteNote(id) => {
                let Some((i, n)) = self.note_position(id) else {
                    return fail(format!("there is no note {id}"));
                };
                let note = self.interventions[i].notes.remove(n);
                Ok(Edit::InsertNote {
                    intervention: self.interventions[i].id,
                    index: Some(n),
                    note,
                })
            }
            Edit::InsertIntervention {
                index,
                intervention,
            } => self.insert_intervention(index, intervention),
            Edit::SetEnd { intervention, end } => {
                let Some(at) = self.intervention_index(intervention) else {
                    return fail(format!("there is no intervention {intervention}"));
                };
                let old = std::mem::replace(&mut self.interventions[at].end, end);
                Ok(Edit::SetEnd {
                    intervention,
                    end: old,
                })
            }
            Edit::UpdateMeta(meta) => Ok(Edit::UpdateMeta(std::mem::replace(&mut self.meta, meta))),
            Edit::SetChatImported(list) => Ok(Edit::SetChatImported(std::mem::replace(
                &mut self.chat_imported,
                list,
            ))),
            Edit::SetAttendance { attended, absent } => Ok(Edit::SetAttendance {
                attended: std::mem::replace(&mut self.attended, attended),
                absent: std::mem::replace(&mut self.absent, absent),
            }),
            Edit::UpdateReview(review) => Ok(Edit::UpdateReview(std::mem::replace(
                &mut self.review,
                review,
            ))),
            Edit::AddRemark(remark) => {
                if self.serial_in_use(remark.id) || self.remark(remark.id).is_some() {
                    return fail(format!("serial {} is in use already", remark.id));
                }
                if let Some(tag) = remark
                    .priority
                    .as_ref()
                    .filter(|t| self.priority(t).is_none())
                {
                    return fail(format!("there is no priority {tag:?}"));
                }
                let id = remark.id;
                // Kept in time order, so the report reads them as they were typed.
                let at = self.remarks.partition_point(|r| r.time <= remark.time);
                self.remarks.insert(at, remark);
                self.next_serial = self.next_serial.max(id + 1);
                Ok(Edit::RemoveRemark(id))
            }
            Edit::UpdateRemark(remark) => {
                if let Some(tag) = remark
                    .priority
                    .as_ref()
                    .filter(|t| self.priority(t).is_none())
                {
                    return fail(format!("there is no priority {tag:?}"));
                }
                let Some(at) = self.remarks.iter().position(|r| r.id == remark.id) else {
                    return fail(format!("there is no remark {}", remark.id));
                };
                Ok(Edit::UpdateRemark(std::mem::replace(
                    &mut self.remarks[at],
                    remark,
                )))
            }
            Edit::RemoveRemark(id) => {
                let Some(at) = self.remarks.iter().position(|r| r.id == id) else {
                    return fail(format!("there is no remark {id}"));
                };
                Ok(Edit::AddRemark(self.remarks.remove(at)))
            }
            Edit::UpdateParticipant(p) => {
                if !p.group.is_empty() && self.group(&p.group).is_none() {
                    return fail(format!("there is no group {:?}", p.group));
                }
                let Some(at) = self.participants.iter().position(|q| q.id == p.id) else {
                    return fail(format!("there is no participant {:?}", p.id));
                };
                Ok(Edit::UpdateParticipant(std::mem::replace(
                    &mut self.participants[at],
                    p,
                )))
            }
            Edit::SetNameReviewed {
                note,
                words,
                reviewed,
            } => Ok(self.set_name_reviewed(note, words, reviewed)),
            Edit::RemoveIntervention(id) => {
                let Some(at) = self.intervention_index(id) else {
                    return fail(format!("there is no intervention {id}"));
                };
                Ok(Edit::InsertIntervention {
                    index: at,
                    intervention: self.interventions.remove(at),
                })
            }
            Edit::AddGroup { index, group } => {
                if let Some(old) = self.group(&group.id) {
                    return fail(format!(
                        "there is a group {:?} ({}) already",
                        old.id, old.name
                    ));
                }
                if group.id.is_empty() {
                    return fail("a group needs an id");
                }
                let at = index.unwrap_or(self.groups.len()).min(self.groups.len());
                let id = group.id.clone();
                self.groups.insert(at, group);
                Ok(Edit::RemoveGroup(id))
            }
            Edit::RemoveGroup(id) => {
                let Some(at) = self.groups.iter().position(|g| g.id == id) else {
                    return fail(format!("there is no group {id:?}"));
                };
                let members: Vec<&str> = self
                    .participants
                    .iter()
                    .filter(|p| p.group == id)
                    .map(|p| p.name.as_str())
                    .collect();
                if !members.is_empty() {
                    return fail(format!(
                        "group {id:?} still has {} on the roster ({})",
                        plural(members.len(), "person", "people"),
                        members.join(", ")
                    ));
                }
                Ok(Edit::AddGroup {
                    index: Some(at),
                    group: self.groups.remove(at),
                })
            }
            Edit::UpdateGroup(group) => {
                let Some(at) = self.groups.iter().position(|g| g.id == group.id) else {
                    return fail(format!("there is no group {:?}", group.id));
                };
                Ok(Edit::UpdateGroup(std::mem::replace(
                    &mut self.groups[at],
                    group,
                )))
            }
            Edit::UpdatePriority(priority) => {
                let Some(at) = self.priorities.iter().position(|p| p.id == priority.id) else {
                    return fail(format!("there is no priority {:?}", priority.id));
                };
                Ok(Edit::UpdatePriority(std::mem::replace(
                    &mut self.priorities[at],
                    priority,
                )))
            }
        }
    }

    /// Sets whether `words` in note `note` are reviewed; returns the edit that restores the mark.
    fn set_name_reviewed(&mut self, note: Serial, words: String, reviewed: bool) -> Edit {
        let list = &mut self.review.names_reviewed;
        let key = crate::names::name_key(&words);
        let at = list
            .iter()
            .position(|r| r.note == note && crate::names::name_key(&r.words) == key);
        let words = match (at, reviewed) {
            (None, true) => {
                let entry = NameReviewed { note, words };
                // Kept in the order of notes, so the file reads in order and diffs stay small.
                let i = list.partition_point(|r| *r < entry);
                list.insert(i, entry.clone());
                entry.words
            }
            (Some(i), false) => list.remove(i).words,
            (Some(i), true) => list[i].words.clone(),
            (None, false) => words,
        };
        Edit::SetNameReviewed {
            note,
            words,
            reviewed: at.is_some(),
        }
    }

    /// Checks that a note's tags name priorities, and that it never supports and opposes one.
    fn check_tags(&self, note: &Note) -> Result<(), EditError> {
        for tag in note.tags.iter().chain(&note.opposes) {
            if self.priority(tag).is_none() {
                return fail(format!("there is no priority {tag:?}"));
            }
        }
        if let Some(both) = note.tags.iter().find(|t| note.opposes.contains(t)) {
            return fail(format!(
                "note {} both supports and opposes priority {both:?}",
                note.id
            ));
        }
        Ok(())
    }

    /// Checks a whole intervention against the session before inserting it, so nothing half-applies.
    fn insert_intervention(
        &mut self,
        index: usize,
        intervention: Intervention,
    ) -> Result<Edit, EditError> {
        if index > self.interventions.len() {
            return fail(format!(
                "intervention {} cannot go at position {index} of {}",
                intervention.id,
                self.interventions.len()
            ));
        }
        if self.participant(&intervention.participant).is_none() {
            return fail(format!(
                "there is no participant {:?}",
                intervention.participant
            ));
        }
        let serials =
            std::iter::once(intervention.id).chain(intervention.notes.iter().map(|n| n.id));
        let mut seen = std::collections::HashSet::new();
        for serial in serials {
            if !seen.insert(serial) || self.serial_in_use(serial) {
                return fail(format!("serial {serial} is in use already"));
            }
        }
        for note in &intervention.notes {
            self.check_tags(note)?;
        }
        let id = intervention.id;
        let highest = seen.into_iter().max().unwrap_or(id);
        self.interventions.insert(index, intervention);
        self.next_serial = self.next_serial.max(highest + 1);
        Ok(Edit::RemoveIntervention(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NoteKind, fixture};

    fn session() -> Session {
        let mut s = Session::default();
        s.groups.push(fixture::states());
        s.participants.push(fixture::person("ana", "Ana", "Chile"));
        s
    }

    fn note(id: Serial) -> Note {
        Note {
            id,
            text: format!("note {id}"),
            tags: vec![],
            kind: NoteKind::Point,
            emphasis: false,
            time: Clock::hms(10, 0, 0),
            opposes: Vec::new(),
        }
    }

    #[test]
    fn every_edit_undoes_to_the_same_session() {
        let mut s = session();
        let start = Edit::StartIntervention {
            id: 1,
            participant: "ana".into(),
            channel: Channel::Floor,
            start: Clock::hms(10, 0, 0),
        };
        let edits = vec![
            start,
            Edit::InsertNote {
                intervention: 1,
                index: None,
                note: note(2),
            },
            Edit::UpdateNote(Note {
                text: "changed".into(),
                ..note(2)
            }),
            Edit::DeleteNote(2),
            Edit::AddPriority(Priority {
                id: "health".into(),
                title: "Health".into(),
                description: None,
            }),
            Edit::StartIntervention {
                id: 3,
                participant: "ana".into(),
                channel: Channel::Floor,
                start: Clock::hms(10, 5, 0),
            },
            Edit::InsertIntervention {
                index: 1,
                intervention: chat_input(4, &["health"]),
            },
            Edit::RemoveIntervention(4),
            Edit::InsertIntervention {
                index: 1,
                intervention: chat_input(4, &[]),
            },
            Edit::SetEnd {
                intervention: 3,
                end: Some(Clock::hms(10, 9, 0)),
            },
            Edit::UpdateParticipant(crate::model::Participant {
                affiliation: "Peru".into(),
                ..fixture::person("ana", "Ana", "Chile")
            }),
            Edit::UpdateMeta(crate::model::Meta {
                title: "Hearing".into(),
                ..crate::model::Meta::default()
            }),
            Edit::AddRemark(Remark {
                id: 9,
                text: "strongest by far".into(),
                priority: Some("health".into()),
                time: Clock::hms(10, 8, 0),
            }),
            Edit::UpdateRemark(Remark {
                id: 9,
                text: "strongest by far—almost rage, even".into(),
                priority: Some("health".into()),
                time: Clock::hms(10, 8, 0),
            }),
            Edit::UpdateReview(Review {
                order: vec!["health".into()],
                left_out: vec![5],
                ..Review::default()
            }),
            Edit::SetChatImported(vec!["10:32:14|hawa|fair recruitment|1".into()]),
            Edit::SetAttendance {
                attended: vec!["ana".into()],
                absent: vec![],
            },
            Edit::SetNameReviewed {
                note: 5,
                words: "Chile".into(),
                reviewed: true,
            },
            Edit::SetNameReviewed {
                note: 5,
                words: "the Alliance".into(),
                reviewed: true,
            },
            // Marking again, or by another case, changes nothing and undoes to nothing.
            Edit::SetNameReviewed {
                note: 5,
                words: "chile".into(),
                reviewed: true,
            },
            Edit::SetNameReviewed {
                note: 5,
                words: "CHILE".into(),
                reviewed: false,
            },
            Edit::SetNameReviewed {
                note: 9,
                words: "nobody".into(),
                reviewed: false,
            },
            Edit::AddGroup {
                index: Some(0),
                group: Group {
                    id: "residents".into(),
                    name: "Residents".into(),
                    singular: String::new(),
                    plural: String::new(),
                    counts_for_convergence: true,
                },
            },
            Edit::UpdateGroup(Group {
                counts_for_convergence: false,
                ..fixture::states()
            }),
            Edit::RemoveGroup("residents".into()),
            Edit::UpdatePriority(Priority {
                id: "health".into(),
                title: "Open health services".into(),
                description: Some("for all".into()),
            }),
            Edit::UpdateParticipant(crate::model::Participant {
                chair: true,
                ..fixture::person("ana", "Ana", "Chile")
            }),
            Edit::UpdateNote(Note {
                opposes: vec!["health".into()],
                ..note(5)
            }),
            Edit::UpdateMeta(Meta {
                title: "Hearing".into(),
                ..Meta::default()
            }),
        ];
        let mut states = vec![s.clone()];
        let mut inverses = vec![];
        for edit in edits {
            inverses.push(s.apply(edit).unwrap());
            states.push(s.clone());
        }
        assert_eq!(s.interventions[0].end, Some(Clock::hms(10, 5, 0)));
        // The chat input sits at its time, out of serial order, and closes no turn.
        let order: Vec<Serial> = s.interventions.iter().map(|i| i.id).collect();
        assert_eq!(order, [1, 4, 3]);
        assert_eq!(s.interventions[2].end, Some(Clock::hms(10, 9, 0)));
        assert_eq!(s.intervention_index(3), Some(2));
        assert_eq!(s.note_position(5), Some((1, 0)));
        assert_eq!(s.peek_serial(), 10);
        states.pop();
        while let Some(inverse) = inverses.pop() {
            s.apply(inverse).unwrap();
            let mut expected = states.pop().unwrap();
            expected.next_serial = s.next_serial;
            assert_eq!(s, expected);
        }
    }

    /// A chat input at 10:02 with one note, serials `id` and `id + 1`.
    fn chat_input(id: Serial, tags: &[&str]) -> Intervention {
        Intervention {
            id,
            participant: "ana".into(),
            channel: Channel::Chat,
            start: Clock::hms(10, 2, 0),
            end: None,
            notes: vec![Note {
                tags: tags.iter().map(|t| t.to_string()).collect(),
                time: Clock::hms(10, 2, 0),
                ..note(id + 1)
            }],
        }
    }

    #[test]
    fn a_bad_intervention_is_refused_whole() {
        let mut s = session();
        s.apply(Edit::StartIntervention {
            id: 1,
            participant: "ana".into(),
            channel: Channel::Floor,
            start: Clock::hms(10, 0, 0),
        })
        .unwrap();
        let before = s.clone();
        let insert = |index, intervention| Edit::InsertIntervention {
            index,
            intervention,
        };
        let mut twice = chat_input(4, &[]);
        twice.notes.push(note(5));
        let bad = [
            insert(2, chat_input(4, &[])),
            insert(0, chat_input(1, &[])),
            insert(0, chat_input(0, &[])),
            insert(0, twice),
            insert(0, chat_input(4, &["nothing"])),
            insert(
                0,
                Intervention {
                    participant: "nobody".into(),
                    ..chat_input(4, &[])
                },
            ),
            Edit::RemoveIntervention(9),
        ];
        for edit in bad {
            assert!(s.apply(edit.clone()).is_err(), "{edit:?}");
            assert_eq!(s, before, "{edit:?}");
        }
    }

    #[test]
    fn groups_in_use_and_contradictory_stances_are_refused() {
        let mut s = session();
        s.apply(Edit::AddPriority(Priority {
            id: "health".into(),
            title: "Health".into(),
            description: None,
        }))
        .unwrap();
        let before = s.clone();
        let refusals = [
            (
                Edit::RemoveGroup("states".into()),
                "group \"states\" still has 1 person on the roster (Ana)",
            ),
            (
                Edit::AddGroup {
                    index: None,
                    group: fixture::states(),
                },
                "there is a group \"states\" (States) already",
            ),
            (
                Edit::UpdateGroup(Group {
                    id: "nope".into(),
                    ..fixture::states()
                }),
                "there is no group \"nope\"",
            ),
            (
                Edit::UpdatePriority(Priority {
                    id: "nope".into(),
                    title: "x".into(),
                    description: None,
                }),
                "there is no priority \"nope\"",
            ),
        ];
        for (edit, message) in refusals {
            assert_eq!(s.apply(edit).unwrap_err().0, message);
            assert_eq!(s, before);
        }
        s.apply(Edit::StartIntervention {
            id: 1,
            participant: "ana".into(),
            channel: Channel::Floor,
            start: Clock::hms(10, 0, 0),
        })
        .unwrap();
        let both = Note {
            tags: vec!["health".into()],
            opposes: vec!["health".into()],
            ..note(2)
        };
        let error = s
            .apply(Edit::InsertNote {
                intervention: 1,
                index: None,
                note: both,
            })
            .unwrap_err();
        assert_eq!(
            error.0,
            "note 2 both supports and opposes priority \"health\""
        );
        s.apply(Edit::InsertNote {
            intervention: 1,
            index: None,
            note: Note {
                opposes: vec!["health".into()],
                ..note(2)
            },
        })
        .unwrap();
        // An opposed priority is in use as much as a supported one.
        let error = s.apply(Edit::RemovePriority("health".into())).unwrap_err();
        assert_eq!(error.0, "notes are tagged with priority \"health\"");
    }

    #[test]
    fn removals_that_undo_could_not_take_back_exactly_are_refused() {
        let mut s = session();
        s.participants.push(fixture::person("bo", "Bo", "Peru"));
        for (id, title) in [("health", "Health"), ("data", "Data")] {
            s.priorities.push(Priority {
                id: id.into(),
                title: title.into(),
                description: None,
            });
        }
        s.interventions.push(Intervention {
            id: 1,
            participant: "ana".into(),
            channel: Channel::Chat,
            start: Clock::hms(10, 0, 0),
            end: Some(Clock::hms(10, 5, 0)),
            notes: vec![],
        });
        s.next_serial = 2;
        let before = s.clone();
        // Not the last added: its undo would append it elsewhere in the list.
        assert!(s.apply(Edit::RemoveParticipant("ana".into())).is_err());
        assert!(s.apply(Edit::RemovePriority("health".into())).is_err());
        // An ended turn: undoing its removal would bring it back still running.
        let remove = Edit::RemoveLastIntervention {
            id: 1,
            reopen: None,
        };
        assert!(s.apply(remove).is_err());
        assert_eq!(s, before);
        let undo = s.apply(Edit::RemovePriority("data".into())).unwrap();
        s.apply(undo).unwrap();
        assert_eq!(s, before);
        // A running turn behind one placed ahead of it by its time (a later serial):
        // starting it again after that one would be refused, so removing it is too.
        s.interventions[0].id = 3;
        s.interventions.push(Intervention {
            id: 2,
            participant: "bo".into(),
            channel: Channel::Floor,
            start: Clock::hms(10, 6, 0),
            end: None,
            notes: vec![],
        });
        s.next_serial = 4;
        let before = s.clone();
        let remove = Edit::RemoveLastIntervention {
            id: 2,
            reopen: None,
        };
        assert!(s.apply(remove).is_err());
        assert_eq!(s, before);
    }

    #[test]
    fn a_removed_start_reopens_only_the_turn_it_closed() {
        let mut s = session();
        s.participants.push(fixture::person("bo", "Bo", "Peru"));
        let start = |id, who: &str, channel, minute| Edit::StartIntervention {
            id,
            participant: who.into(),
            channel,
            start: Clock::hms(10, minute, 0),
        };
        s.apply(start(1, "ana", Channel::Floor, 0)).unwrap();
        let undo = s.apply(start(2, "bo", Channel::Floor, 5)).unwrap();
        let before = s.clone();
        // A chat input closed nothing, and reopens nothing.
        let mut chat = s.clone();
        chat.apply(start(3, "ana", Channel::Chat, 6)).unwrap();
        let chat_before = chat.clone();
        let wrong = Edit::RemoveLastIntervention {
            id: 3,
            reopen: Some(2),
        };
        assert!(chat.apply(wrong).is_err());
        assert_eq!(chat, chat_before);
        // Not reopening the turn its start closed would leave that turn closed on redo.
        let keep_closed = Edit::RemoveLastIntervention {
            id: 2,
            reopen: None,
        };
        s.interventions[0].end = None;
        assert!(s.apply(keep_closed).is_err());
        s = before.clone();
        // The undo of the start itself reopens the turn, and its inverse closes it again.
        let redo = s.apply(undo).unwrap();
        assert_eq!(s.interventions[0].end, None);
        s.apply(redo).unwrap();
        assert_eq!(s, before);
    }

    #[test]
    fn a_refused_batch_takes_back_the_serials_it_took() {
        let mut s = session();
        let before = s.clone();
        let start = Edit::StartIntervention {
            id: 7,
            participant: "ana".into(),
            channel: Channel::Floor,
            start: Clock::hms(10, 0, 0),
        };
        let orphan = Edit::InsertNote {
            intervention: 99,
            index: None,
            note: note(8),
        };
        assert!(s.apply_all(vec![start, orphan]).is_err());
        assert_eq!(s, before);
    }

    #[test]
    fn bad_edits_change_nothing() {
        let mut s = session();
        let before = s.clone();
        assert!(
            s.apply(Edit::InsertNote {
                intervention: 9,
                index: None,
                note: note(2)
            })
            .is_err()
        );
        assert!(s.apply(Edit::DeleteNote(4)).is_err());
        assert!(
            s.apply(Edit::StartIntervention {
                id: 1,
                participant: "nobody".into(),
                channel: Channel::Chat,
                start: Clock(0)
            })
            .is_err()
        );
        assert_eq!(s, before);
    }
}
