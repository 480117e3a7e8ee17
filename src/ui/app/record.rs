//! Recording: typed and pasted lines become edits committed through the meeting;
//! notes are edited, retagged and deleted; undo and redo say what they took back.

use super::{App, Overlay};
use crate::action::Action;
use crate::capture::{self as syntax, CaptureLine as Parsed};
use crate::edit::Edit;
use crate::meeting::{Committed, NotReverted};
use crate::model::Channel;
use crate::recorder::{self, Problem};
use crate::ui::state::completion::{CompletionKind, token_at};
use crate::ui::state::form::{AfterForm, Form, FormKind};
use crate::ui::state::paste::thousands;

impl App {
    /// Commits the capture line (or the note being edited), then any pasted lines waiting.
    pub(super) fn commit_capture(&mut self) {
        let line = self.capture.text().to_string();
        if self.capture.editing().is_some() {
            self.commit_edit(&line);
            return;
        }
        if self.capture.pending() > 0 {
            // A paste: its first line (as completed in the capture line) and the rest, together.
            if !line.trim().is_empty() {
                self.capture.wait_first(line);
            }
            self.with_capture(|c, l| c.clear(l));
            self.record_pending();
            self.with_capture(|c, l| c.refresh(l));
            return;
        }
        if !line.trim().is_empty() && !self.record_line(&line) {
            return;
        }
        self.with_capture(|c, l| c.clear(l));
    }

    /// Records the pasted lines waiting as one change: one write to disk, one undo. Stops at
    /// the first line with a problem, which is left to fix in the capture line, the rest waiting.
    fn record_pending(&mut self) {
        let mut pending = self.capture.take_pending();
        let mut recorded = 0;
        let mut stopped_at = None;
        let now = self.now;
        let mut staged = self.meeting.stage();
        // Each line is resolved against the session as the lines before it left it.
        while let Some(line) = pending.pop_front() {
            let applied = recorder::record(staged.session(), &self.resolver, &line, now)
                .ok()
                .and_then(|r| staged.apply(r.edits).ok());
            match applied {
                Some(()) => recorded += usize::from(!line.trim().is_empty()),
                None => {
                    stopped_at = Some(line);
                    break;
                }
            }
        }
        let committed = (!staged.is_empty()).then(|| staged.commit());
        self.capture.wait_for(pending);
        if let Some(committed) = committed {
            self.said_not_saved(committed);
            self.selected = None;
            if recorded > 1 {
                self.say(
                    format!(
                        "recorded {} pasted lines as notes · {} takes them all back",
                        thousands(recorded),
                        self.keymap.hint(Action::Undo)
                    ),
                    false,
                );
            }
        }
        if let Some(line) = stopped_at {
            // Recording it again shows its problem and offers the fix, as for a typed line.
            self.record_line(&line);
        }
    }

    /// Records one typed line; on a problem the line is left to fix and a form may open.
    pub(super) fn record_line(&mut self, line: &str) -> bool {
        let error = match recorder::record(self.session(), &self.resolver, line, self.now) {
            Ok(recorded) => {
                let turn = recorded.edits.iter().find_map(|e| match e {
                    Edit::StartIntervention {
                        participant,
                        channel,
                        ..
                    } => Some((participant.clone(), *channel)),
                    _ => None,
                });
                let ok = self.commit_change(recorded.edits).is_ok();
                if ok {
                    self.selected = None;
                    if let Some((id, channel)) = turn {
                        let name = self
                            .session()
                            .participant(&id)
                            .map_or(id.clone(), |p| p.name.clone());
                        match channel {
                            Channel::Floor => self.say(format!("{name} has the floor"), false),
                            Channel::Chat => self.say(format!("chat input from {name}"), false),
                        }
                    }
                }
                return ok;
            }
            Err(error) => error,
        };
        let column = error.column.saturating_sub(1);
        let token =
            token_at(line, column + 1).map_or((column, line.chars().count()), |t| (t.start, t.end));
        let then = AfterForm::Retry {
            start: token.0,
            end: token.1,
        };
        let ambiguous = matches!(
            error.problem,
            Problem::AmbiguousSpeaker { .. } | Problem::AmbiguousTag { .. }
        );
        // Ambiguous: the popup opens on the token so the right one is a keypress away.
        let cursor = if ambiguous { token.1 } else { column + 1 };
        self.with_capture(|c, l| c.show_problem(line, cursor, ambiguous, l));
        match &error.problem {
            Problem::UnknownSpeaker { name, .. } => {
                self.say(
                    format!("“{name}” is not on the roster: add them, or Esc to fix the name"),
                    false,
                );
                self.overlay = Overlay::Form(Form::participant(name, then));
            }
            Problem::UnknownTag { tag, .. } => {
                self.say(
                    format!("#{tag} is new: create it, or Esc to fix the tag"),
                    false,
                );
                self.overlay = Overlay::Form(Form::priority(tag, then));
            }
            _ if ambiguous => self.say(error.to_string(), true),
            _ => self.say(format!("column {}: {error}", error.column), true),
        }
        false
    }

    /// Commits edits as one undoable change, all or none.
    pub(super) fn commit_change(&mut self, edits: Vec<Edit>) -> Result<(), String> {
        match self.meeting.commit(edits) {
            Ok(committed) => {
                self.said_not_saved(committed);
                Ok(())
            }
            Err(reason) => {
                let reason = reason.to_string();
                self.say(reason.clone(), true);
                Err(reason)
            }
        }
    }

    /// Says so when a commit is in memory but not on disk.
    fn said_not_saved(&mut self, committed: Committed) {
        if let Committed::NotSaved(error) = committed {
            self.say(
                format!(
                    "NOT SAVED: {error}; {} retries",
                    self.keymap.hint(Action::Save)
                ),
                true,
            );
        }
    }

    pub(super) fn update_form(&mut self, action: Action, mut form: Form) {
        if action == Action::Cancel {
            self.say("nothing added; the line is as you typed it", false);
            return;
        }
        if !form.update(action, self.session()) {
            self.overlay = Overlay::Form(form);
            return;
        }
        let (edit, typed) = match form.edit(self.session()) {
            Ok(done) => done,
            Err(reason) => {
                form.error = Some(reason);
                self.overlay = Overlay::Form(form);
                return;
            }
        };
        if let Err(reason) = self.commit_change(vec![edit]) {
            form.error = Some(reason);
            self.overlay = Overlay::Form(form);
            return;
        }
        let (start, end, retry) = match form.then {
            AfterForm::Retry { start, end } => (start, end, true),
            AfterForm::Complete { start, end } => (start, end, false),
        };
        let kind = match form.kind {
            FormKind::Participant => CompletionKind::Speaker,
            FormKind::Priority => CompletionKind::Tag,
        };
        self.with_capture(|c, l| c.put_token(kind, start, end, &typed, l));
        if retry {
            self.commit_capture();
        } else {
            self.say(format!("added {typed}"), false);
        }
    }

    pub(super) fn undo(&mut self) {
        match self.meeting.undo() {
            Ok(undone) => {
                self.forget_missing_selection();
                self.say(
                    format!(
                        "undone: {} · {} redoes",
                        undone.summary,
                        self.keymap.hint(Action::Redo)
                    ),
                    false,
                );
                self.said_not_saved(undone.committed);
            }
            Err(NotReverted::Nothing) => self.say("nothing to undo", false),
            Err(NotReverted::Refused(reason)) => self.say(format!("cannot undo: {reason}"), true),
        }
    }

    pub(super) fn redo(&mut self) {
        match self.meeting.redo() {
            Ok(redone) => {
                self.forget_missing_selection();
                self.say(format!("redone: {}", redone.summary), false);
                self.said_not_saved(redone.committed);
            }
            Err(NotReverted::Nothing) => self.say("nothing to redo", false),
            Err(NotReverted::Refused(reason)) => self.say(format!("cannot redo: {reason}"), true),
        }
    }

    pub(super) fn start_edit(&mut self, retag: bool) {
        if self.capture.editing().is_some() {
            return;
        }
        let Some(id) = self.selected.or_else(|| self.latest_note()) else {
            self.say("no note to edit yet", false);
            return;
        };
        let Some(note) = self.session().note(id) else {
            return;
        };
        let line = if retag {
            let mut tags: String = note.tags.iter().map(|t| format!("#{t} ")).collect();
            if tags.is_empty() {
                tags.push('#');
            }
            tags
        } else {
            syntax::note_to_line(&note.text, &note.tags, note.kind, note.emphasis)
        };
        self.selected = Some(id);
        self.with_capture(|c, l| c.start_edit(id, &line, l));
    }

    /// Saves the note being edited from `line`: text and tags, or only tags when the text is left out.
    fn commit_edit(&mut self, line: &str) {
        let Some(editing) = self.capture.editing().cloned() else {
            return;
        };
        let Some(old) = self.session().note(editing.note).cloned() else {
            self.capture.drop_edit();
            self.say("that note is gone", true);
            return;
        };
        let draft = match syntax::parse(line) {
            Ok(Parsed::Entry(c)) if c.speaker.is_none() && c.time.is_none() => c.note,
            Ok(Parsed::Entry(_)) => {
                self.say(
                    "an edited note keeps its speaker and time: type only its text and #tags",
                    true,
                );
                return;
            }
            Ok(_) => None,
            Err(e) => {
                self.capture
                    .input_mut()
                    .set_cursor(e.column.saturating_sub(1));
                self.say(e.to_string(), true);
                return;
            }
        };
        let mut note = old.clone();
        match draft {
            Some(draft) => {
                match recorder::resolve_tags(self.session(), &self.resolver, &draft.tags) {
                    Ok(tags) => note.tags = tags,
                    Err(error) => {
                        let column = error.column.saturating_sub(1);
                        let token = token_at(line, column + 1)
                            .map_or((column, column), |t| (t.start, t.end));
                        if let Problem::UnknownTag { tag, .. } = &error.problem {
                            let then = AfterForm::Retry {
                                start: token.0,
                                end: token.1,
                            };
                            self.overlay = Overlay::Form(Form::priority(tag, then));
                        } else {
                            self.with_capture(|c, l| c.set_cursor(token.1, l));
                            self.say(error.to_string(), true);
                        }
                        return;
                    }
                }
                // Tags alone keep the text: that is how a note is retagged.
                if !draft.text.is_empty() {
                    note.text = draft.text;
                    note.kind = draft.kind;
                    note.emphasis = draft.emphasis;
                }
            }
            None => note.tags.clear(),
        }
        if note != old && self.commit_change(vec![Edit::UpdateNote(note)]).is_err() {
            return;
        }
        self.with_capture(|c, l| c.end_edit(l));
        self.say("note saved", false);
    }

    pub(super) fn delete_note(&mut self) {
        let Some(id) = self.selected.or_else(|| self.latest_note()) else {
            self.say("no note to delete", false);
            return;
        };
        let row = self.meeting.timeline().row_of_note(self.session(), id);
        let text = self
            .session()
            .note(id)
            .map(|n| n.text.clone())
            .unwrap_or_default();
        if self.commit_change(vec![Edit::DeleteNote(id)]).is_ok() {
            // Keep the selection where the note was, if there was one.
            if self.selected.is_some() {
                self.selected = row.and_then(|r| {
                    self.note_at(r)
                        .or_else(|| (0..r).rev().find_map(|r| self.note_at(r)))
                });
            }
            let short: String = text.chars().take(30).collect();
            self.say(
                format!(
                    "deleted “{short}” · {} undoes",
                    self.keymap.hint(Action::Undo)
                ),
                false,
            );
        }
    }
}
