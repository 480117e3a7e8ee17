//! The small forms: add a participant, create a priority.

use super::line::LineInput;
use crate::action::Action;
use crate::edit::Edit;
use crate::model::{Participant, Priority, Session, Slug, slugify};

/// What the form adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// A participant: name, affiliation, group.
    Participant,
    /// A priority: id, title, description.
    Priority,
}

/// What happens once the form's edit is committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterForm {
    /// The new name or tag replaces the token typed at characters `start..end` of the
    /// capture line, and typing goes on (the form was opened from the completion popup).
    Complete {
        /// Character index of the `@` or `#`.
        start: usize,
        /// Character index just past the token.
        end: usize,
    },
    /// Back to the meeting (the form was opened to sort out someone on the roster).
    Done,
}

/// A form being filled in.
#[derive(Debug, Clone)]
pub struct Form {
    /// What the form adds.
    pub kind: FormKind,
    /// Text fields, in order; a participant form has the group as a choice after them.
    pub fields: Vec<(&'static str, LineInput)>,
    /// The chosen group (index into the session's groups), for a participant.
    pub group: usize,
    /// Whether the participant chairs (their turns without a tagged note are procedural).
    pub chair: bool,
    /// Field with the cursor; `fields.len()` is the group choice.
    pub focus: usize,
    /// Why the last submit was refused.
    pub error: Option<String>,
    /// What happens after.
    pub then: AfterForm,
    /// The participant being changed, when the form changes one rather than adding one.
    pub editing: Option<Slug>,
}

impl Form {
    /// A form to add the participant typed as `name`.
    pub fn participant(name: &str, then: AfterForm) -> Form {
        Form {
            kind: FormKind::Participant,
            fields: vec![
                ("Name", LineInput::with_text(name.trim())),
                ("Affiliation", LineInput::default()),
            ],
            group: 0,
            chair: false,
            // The name is usually right as typed: start on what is missing.
            focus: 1,
            error: None,
            then,
            editing: None,
        }
    }

    /// A form to sort out someone on the roster: name, affiliation and group (someone added
    /// on the fly has none yet).
    pub fn edit_participant(p: &Participant, session: &Session) -> Form {
        let group = session.groups.iter().position(|g| g.id == p.group);
        Form {
            kind: FormKind::Participant,
            fields: vec![
                ("Name", LineInput::with_text(&p.name)),
                ("Affiliation", LineInput::with_text(&p.affiliation)),
            ],
            group: group.unwrap_or(0),
            chair: p.chair,
            // A person with no group yet needs one most: start there.
            focus: if group.is_none() { 2 } else { 1 },
            error: None,
            then: AfterForm::Done,
            editing: Some(p.id.clone()),
        }
    }

    /// A form to create the priority typed as `#tag`.
    pub fn priority(tag: &str, then: AfterForm) -> Form {
        let title = tag.replace(['-', '_'], " ");
        let title = title
            .char_indices()
            .map(|(i, c)| {
                if i == 0 {
                    c.to_uppercase().next().unwrap_or(c)
                } else {
                    c
                }
            })
            .collect::<String>();
        Form {
            kind: FormKind::Priority,
            fields: vec![
                ("Tag", LineInput::with_text(&slugify(tag))),
                ("Title", LineInput::with_text(&title)),
                ("Description", LineInput::default()),
            ],
            group: 0,
            chair: false,
            focus: 1,
            error: None,
            then,
            editing: None,
        }
    }

    fn stops(&self) -> usize {
        // A participant has the group, then whether they chair, after the text fields.
        self.fields.len() + 2 * usize::from(self.kind == FormKind::Participant)
    }

    /// Whether the focus is on the chair mark.
    pub fn on_chair(&self) -> bool {
        self.kind == FormKind::Participant && self.focus == self.fields.len() + 1
    }

    /// The text input with the cursor, if the focus is on one.
    pub fn input_mut(&mut self) -> Option<&mut LineInput> {
        self.fields.get_mut(self.focus).map(|(_, input)| input)
    }

    /// Handles an action; returns whether the form wants to be submitted.
    pub fn update(&mut self, action: Action, session: &Session) -> bool {
        let groups = session.groups.len().max(1);
        let on_group = self.focus == self.fields.len() && self.kind == FormKind::Participant;
        match action {
            Action::Confirm => return true,
            Action::Up | Action::Down | Action::CursorLeft | Action::CursorRight
                if self.on_chair() =>
            {
                self.chair = !self.chair
            }
            Action::Up | Action::CursorLeft if on_group => {
                self.group = (self.group + groups - 1) % groups
            }
            Action::Down | Action::CursorRight if on_group => {
                self.group = (self.group + 1) % groups
            }
            Action::Complete | Action::Down => self.focus = (self.focus + 1) % self.stops(),
            Action::CompletePrev | Action::Up => {
                self.focus = (self.focus + self.stops() - 1) % self.stops();
            }
            other => {
                if let Some(input) = self.input_mut() {
                    input.apply(other);
                }
            }
        }
        false
    }

    /// Types a character: into the focused field, or picks the next group starting with it.
    pub fn type_char(&mut self, c: char, session: &Session) {
        if let Some(input) = self.input_mut() {
            input.insert_char(c);
            return;
        }
        let wanted = c.to_lowercase().next().unwrap_or(c);
        if self.on_chair() {
            match wanted {
                'y' => self.chair = true,
                'n' => self.chair = false,
                ' ' => self.chair = !self.chair,
                _ => {}
            }
            return;
        }
        let count = session.groups.len();
        let next = (1..=count)
            .map(|step| (self.group + step) % count.max(1))
            .find(|&i| session.groups[i].name.to_lowercase().starts_with(wanted));
        if let Some(i) = next {
            self.group = i;
        }
    }

    /// Pastes text into the focused field.
    pub fn paste(&mut self, text: &str) {
        if let Some(input) = self.input_mut() {
            input.insert(text);
        }
    }

    /// The edit the form stands for, and the name or tag to type for it; or why not.
    pub fn edit(&self, session: &Session) -> Result<(Edit, String), String> {
        let field = |i: usize| self.fields[i].1.text().trim().to_string();
        match self.kind {
            FormKind::Participant => {
                let name = field(0);
                if name.is_empty() {
                    return Err("a participant needs a name".into());
                }
                let group = session.groups.get(self.group).ok_or(
                    "this session has no groups yet; add one with `rapporteur edit FILE --group`",
                )?;
                if let Some(id) = &self.editing {
                    let old = session.participant(id).ok_or("that person is gone")?;
                    let changed = Participant {
                        name: name.clone(),
                        affiliation: field(1),
                        group: group.id.clone(),
                        chair: self.chair,
                        ..old.clone()
                    };
                    return Ok((Edit::UpdateParticipant(changed), name));
                }
                let participant = Participant {
                    id: session.fresh_participant_id(&name),
                    name: name.clone(),
                    affiliation: field(1),
                    group: group.id.clone(),
                    role: None,
                    chair: self.chair,
                };
                // Type the name if it now resolves to this person alone, else the id.
                let clash = session
                    .participants
                    .iter()
                    .any(|p| p.name.eq_ignore_ascii_case(&name));
                let typed = if clash { participant.id.clone() } else { name };
                Ok((Edit::AddParticipant(participant), typed))
            }
            FormKind::Priority => {
                let id: Slug = slugify(&field(0));
                if id.is_empty() {
                    return Err("a priority needs a tag of letters or digits".into());
                }
                if session.priority(&id).is_some() {
                    return Err(format!("#{id} exists already"));
                }
                let title = field(1);
                if title.is_empty() {
                    return Err("a priority needs a title".into());
                }
                let description = Some(field(2)).filter(|d| !d.is_empty());
                Ok((
                    Edit::AddPriority(Priority {
                        id: id.clone(),
                        title,
                        description,
                    }),
                    id,
                ))
            }
        }
    }
}
