//! The review view one key away from capture: the rapporteur's order, sections, lead
//! remarks and choice of notes for the report, each choice one undoable change.

use ratatui_textarea::TextArea;

use super::{App, Overlay};
use crate::action::Action;
use crate::edit::Edit;
use crate::model::{Remark, Review, Serial, Slug};
use crate::ui::state::line::{LineInput, edit_area};
use crate::ui::state::review::{
    self, Editor, Focus, ReviewState, folded, moved, report_order, toggled_out, toggled_quote,
    with_heading,
};

impl App {
    /// Opens the review, or closes it back to capture.
    pub(super) fn toggle_review(&mut self) {
        match std::mem::take(&mut self.overlay) {
            Overlay::Review(_) => {}
            Overlay::None => self.overlay = Overlay::Review(Box::default()),
            other => {
                self.overlay = other;
                self.say(
                    format!(
                        "{} first, then the review",
                        self.keymap.hint(Action::Cancel)
                    ),
                    false,
                );
            }
        }
    }

    /// The priorities in report order.
    pub fn report_order(&self) -> Vec<Slug> {
        report_order(self.session(), self.tally())
    }

    /// The selected priority of the review and its notes.
    pub fn review_selection(&self, state: &ReviewState) -> Option<(Slug, Vec<Serial>)> {
        let id = self.report_order().get(state.priority)?.clone();
        let notes = review::notes_of(self.session(), &id);
        Some((id, notes))
    }

    /// The lead remark of a priority: the first remark that leads it.
    pub fn lead_of(&self, priority: &str) -> Option<&Remark> {
        self.session()
            .remarks
            .iter()
            .find(|r| r.priority.as_deref() == Some(priority))
    }

    /// The remarks that lead no priority: the report's introduction, in the order typed.
    pub fn introduction(&self) -> impl Iterator<Item = &Remark> {
        self.session()
            .remarks
            .iter()
            .filter(|r| r.priority.is_none())
    }

    pub(super) fn update_review(&mut self, action: Action, mut state: Box<ReviewState>) {
        if state.editor.is_some() {
            self.update_review_editor(action, &mut state);
            self.overlay = Overlay::Review(state);
            return;
        }
        let order = self.report_order();
        let notes = order
            .get(state.priority)
            .map_or(0, |id| review::notes_of(self.session(), id).len());
        let step = |at: usize, delta: isize, len: usize| {
            (at as isize + delta).clamp(0, len.saturating_sub(1) as isize) as usize
        };
        match action {
            Action::Cancel if state.folding.is_some() => {
                state.folding = None;
                self.say("nothing folded", false);
            }
            Action::Cancel | Action::Review => return,
            Action::Complete | Action::CompletePrev => {
                state.focus = match state.focus {
                    Focus::Priorities => Focus::Notes,
                    Focus::Notes => Focus::Priorities,
                };
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let delta = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -10,
                    _ => 10,
                };
                match state.focus {
                    Focus::Priorities => {
                        state.priority = step(state.priority, delta, order.len());
                        state.note = 0;
                    }
                    Focus::Notes => state.note = step(state.note, delta, notes),
                }
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            _ => {}
        }
        self.overlay = Overlay::Review(state);
    }

    fn update_review_editor(&mut self, action: Action, state: &mut ReviewState) {
        let Some(editor) = state.editor.as_mut() else {
            return;
        };
        match (action, editor) {
            (Action::Cancel, _) => {
                state.editor = None;
                return;
            }
            (Action::Confirm, _) => {}
            (other, Editor::Lead(area) | Editor::Introduction(area)) => {
                apply_to_area(area, other);
                return;
            }
            (other, Editor::Heading(input) | Editor::Rename(input)) => {
                input.apply(other);
                return;
            }
        }
        let Some(editor) = state.editor.take() else {
            return;
        };
        if let Editor::Introduction(area) = &editor {
            self.save_introduction(&area.lines().join("\n"));
            return;
        }
        let Some((id, _)) = self.review_selection(state) else {
            return;
        };
        match editor {
            Editor::Introduction(_) => {}
            Editor::Lead(area) => self.save_lead(&id, &area.lines().join("\n")),
            Editor::Heading(input) => {
                let review = with_heading(&self.session().review, &id, input.text());
                self.commit_review(review, "heading");
            }
            Editor::Rename(input) => self.rename_priority(&id, input.text()),
        }
    }

    /// A key typed in the review: the review's own keys (it types no text), or into the
    /// editor that is open.
    pub(super) fn type_in_review(&mut self, c: char) {
        let Overlay::Review(mut state) = std::mem::take(&mut self.overlay) else {
            return;
        };
        match &mut state.editor {
            Some(Editor::Lead(area) | Editor::Introduction(area)) => {
                area.insert_char(c);
            }
            Some(Editor::Heading(input) | Editor::Rename(input)) => input.insert_char(c),
            None => self.review_key(c, &mut state),
        }
        self.overlay = Overlay::Review(state);
    }

    fn review_key(&mut self, c: char, state: &mut ReviewState) {
        if c == 'i' {
            let text: Vec<&str> = self.introduction().map(|r| r.text.as_str()).collect();
            state.editor = Some(Editor::Introduction(Box::new(text_area(&text.join("\n")))));
            return;
        }
        let Some((id, notes)) = self.review_selection(state) else {
            return;
        };
        let note = notes.get(state.note).copied();
        let current = self.session().review.clone();
        match c {
            'e' => {
                let text = self.lead_of(&id).map_or(String::new(), |r| r.text.clone());
                state.editor = Some(Editor::Lead(Box::new(text_area(&text))));
            }
            'h' => {
                let heading = current.heading_before(&id).unwrap_or_default();
                state.editor = Some(Editor::Heading(LineInput::with_text(heading)));
            }
            'r' => {
                let title = self
                    .session()
                    .priority(&id)
                    .map_or(String::new(), |p| p.title.clone());
                state.editor = Some(Editor::Rename(LineInput::with_text(&title)));
            }
            'm' | 'M' => {
                let delta = if c == 'm' { 1 } else { -1 };
                let order = self.report_order();
                let review = moved(&current, &order, &id, delta);
                let at = review.order.iter().position(|p| *p == id).unwrap_or(0);
                if at != state.priority {
                    state.priority = at;
                    self.commit_review(review, "order");
                }
            }
            'x' => {
                if let Some(note) = note {
                    let out = !current.left_out.contains(&note);
                    self.commit_review(
                        toggled_out(&current, note),
                        if out { "left out" } else { "back in" },
                    );
                }
            }
            'q' => match note {
                Some(note) if review::is_quote(self.session(), note) => {
                    self.commit_review(toggled_quote(&current, &id, note), "quote");
                }
                Some(_) => self.say("only a verbatim quote can speak for a priority", false),
                None => {}
            },
            'f' => match (note, state.folding) {
                (Some(note), None) => {
                    state.folding = Some(note);
                    self.say(
                        format!(
                            "fold this note: f on the note it repeats · {} keeps it",
                            self.keymap.hint(Action::Cancel)
                        ),
                        false,
                    );
                }
                (Some(into), Some(note)) => {
                    state.folding = None;
                    self.commit_review(folded(&current, note, into), "folded");
                }
                (None, _) => {}
            },
            _ => {}
        }
    }

    /// Commits a new review and says what changed.
    fn commit_review(&mut self, review: Review, what: &str) {
        if review == self.session().review {
            return;
        }
        if self.commit_change(vec![Edit::UpdateReview(review)]).is_ok() {
            self.say(
                format!("{what} · {} undoes", self.keymap.hint(Action::Undo)),
                false,
            );
        }
    }

    /// Writes, changes or (when blank) removes the lead remark of a priority.
    fn save_lead(&mut self, priority: &str, text: &str) {
        let text = text.trim();
        let edit = match (self.lead_of(priority).cloned(), text.is_empty()) {
            (None, true) => return,
            (Some(old), true) => Edit::RemoveRemark(old.id),
            (Some(old), false) => Edit::UpdateRemark(Remark {
                text: text.to_string(),
                ..old
            }),
            (None, false) => Edit::AddRemark(Remark {
                id: self.session().peek_serial(),
                text: text.to_string(),
                priority: Some(priority.to_string()),
                time: self.now,
            }),
        };
        if self.commit_change(vec![edit]).is_ok() {
            self.say(
                format!("lead saved · {} undoes", self.keymap.hint(Action::Undo)),
                false,
            );
        }
    }

    /// Writes the introduction: the first remark leading no priority takes the whole text
    /// and the others go, in one change (a blank text removes them all).
    fn save_introduction(&mut self, text: &str) {
        let text = text.trim();
        let old: Vec<Remark> = self.introduction().cloned().collect();
        let mut edits = Vec::new();
        match (old.first(), text.is_empty()) {
            (None, true) => return,
            (Some(first), true) => edits.push(Edit::RemoveRemark(first.id)),
            (Some(first), false) if first.text != text || old.len() > 1 => {
                edits.push(Edit::UpdateRemark(Remark {
                    text: text.to_string(),
                    ..first.clone()
                }));
            }
            (Some(_), false) => {}
            (None, false) => edits.push(Edit::AddRemark(Remark {
                id: self.session().peek_serial(),
                text: text.to_string(),
                priority: None,
                time: self.now,
            })),
        }
        edits.extend(old.iter().skip(1).map(|r| Edit::RemoveRemark(r.id)));
        if edits.is_empty() {
            return;
        }
        if self.commit_change(edits).is_ok() {
            self.say(
                format!(
                    "introduction saved · {} undoes",
                    self.keymap.hint(Action::Undo)
                ),
                false,
            );
        }
    }

    /// Gives a priority a new title; its id, and so every tag on its notes, stays.
    fn rename_priority(&mut self, priority: &str, title: &str) {
        let title = title.trim();
        let Some(old) = self.session().priority(priority).cloned() else {
            return;
        };
        if title.is_empty() || title == old.title {
            return;
        }
        let renamed = crate::model::Priority {
            title: title.to_string(),
            ..old
        };
        if self
            .commit_change(vec![Edit::UpdatePriority(renamed)])
            .is_ok()
        {
            self.say(
                format!("renamed · {} undoes", self.keymap.hint(Action::Undo)),
                false,
            );
        }
    }
}

/// A text area holding `text`, the cursor at its end.
fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.lines().map(String::from).collect());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// Carries out an editing action in the lead's text area; Tab starts a new line (Enter saves).
fn apply_to_area(area: &mut TextArea<'static>, action: Action) {
    use ratatui_textarea::CursorMove;
    // The synthesis is many lines: up and down move between them, Tab breaks one.
    match action {
        Action::Up => area.move_cursor(CursorMove::Up),
        Action::Down => area.move_cursor(CursorMove::Down),
        Action::Complete => area.insert_newline(),
        _ => {
            edit_area(area, action);
        }
    }
}
