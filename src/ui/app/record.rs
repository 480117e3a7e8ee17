//! Recording: typed and pasted lines become edits committed through the meeting;
//! notes are edited, moved, retagged and deleted; undo and redo say what they took back.
//!
//! Enter commits what was typed. A name or tag nobody has is added at once; a prefix or
//! a close typo is taken and said; each with a one-key way back (undo, or take it as new).

use super::{App, LastLine, Overlay};
use crate::action::Action;
use crate::capture::{self as syntax, CaptureLine as Parsed};
use crate::clock::Clock;
use crate::edit::Edit;
use crate::meeting::{Committed, NotReverted};
use crate::model::Channel;
use crate::recorder::{self, Choice, LineError, Placement, Problem, Recorded, Recording, Turn};
use crate::resolve::Matched;
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
        if line.trim().is_empty() {
            return;
        }
        let now = self.now;
        match recorder::record(
            self.session(),
            &self.resolver,
            &line,
            now,
            &Recording::live(),
        ) {
            Ok(recorded) => {
                if self.commit_recorded(&line, &Recording::live(), recorded) {
                    self.with_capture(|c, l| c.clear(l));
                }
            }
            // Typed blind, the next line must not land inside this one: keep it aside, at
            // its time, to fix when there is a moment.
            Err(error) => self.hold_line(&line, &error),
        }
    }

    /// Keeps a line that could not be recorded aside with the time it was typed.
    fn hold_line(&mut self, line: &str, error: &LineError) {
        let timed = matches!(
            syntax::parse(line),
            Ok(Parsed::Entry(crate::capture::Capture { time: Some(_), .. }))
        );
        let kept = if timed || matches!(error.problem, Problem::Syntax(_)) {
            line.to_string()
        } else {
            format!("[{}] {}", self.now, line.trim_start())
        };
        self.with_capture(|c, l| c.hold(kept, l));
        self.say(
            format!(
                "kept aside: {error} · {} brings it back to fix",
                self.keymap.hint(Action::FixHeld)
            ),
            true,
        );
    }

    /// Brings the oldest line kept aside back into the capture line, its problem shown.
    pub(super) fn fix_held(&mut self) {
        if !self.capture.text().trim().is_empty() || self.capture.editing().is_some() {
            self.say(
                "finish or clear the line first, then fix the one kept aside",
                false,
            );
            return;
        }
        let Some(line) = self.capture.unhold() else {
            self.say("no line is kept aside", false);
            return;
        };
        match recorder::record(
            self.session(),
            &self.resolver,
            &line,
            self.now,
            &Recording::live(),
        ) {
            Err(error) => self.show_problem(&line, &error),
            // It goes through now (the roster changed since): leave it to commit with Enter.
            Ok(_) => self.with_capture(|c, l| c.set_text(&line, l)),
        }
    }

    /// Records the pasted lines waiting as one change: one write to disk, one undo. Stops at
    /// the first line with a problem, which is left to fix in the capture line, the rest waiting.
    fn record_pending(&mut self) {
        let mut pending = self.capture.take_pending();
        let mut recorded = 0;
        let mut chose = Vec::new();
        let mut stopped_at = None;
        let now = self.now;
        let mut staged = self.meeting.stage();
        // Each line is resolved against the session as the lines before it left it.
        while let Some(line) = pending.pop_front() {
            let live = Recording::live();
            let applied = recorder::record(staged.session(), &self.resolver, &line, now, &live)
                .ok()
                .and_then(|r| staged.apply(r.edits).ok().map(|()| r.chose));
            match applied {
                Some(c) => {
                    recorded += usize::from(!line.trim().is_empty());
                    chose.extend(c);
                }
                None => {
                    stopped_at = Some(line);
                    break;
                }
            }
        }
        let committed = (!staged.is_empty()).then(|| staged.commit());
        self.capture.wait_for(pending);
        self.last_line = None;
        if let Some(committed) = committed {
            self.selected = None;
            let added = self.choices_said(&chose);
            let mut said = format!("recorded {} pasted lines as notes", thousands(recorded));
            if !added.is_empty() {
                said = format!("{said}; {added}");
            }
            if recorded > 1 || !added.is_empty() {
                self.say(
                    format!(
                        "{said} · {} takes them all back",
                        self.keymap.hint(Action::Undo)
                    ),
                    false,
                );
            }
            self.said_not_saved(committed);
        }
        if let Some(line) = stopped_at {
            // Recording it again shows its problem, as for a typed line.
            self.record_line(&line, &Recording::live(), now);
        }
    }

    /// Records one line as `how` says; on a problem the line is left to fix, with the
    /// popup open on an ambiguous name or tag.
    fn record_line(&mut self, line: &str, how: &Recording, now: Clock) -> bool {
        match recorder::record(self.session(), &self.resolver, line, now, how) {
            Ok(recorded) => self.commit_recorded(line, how, recorded),
            Err(error) => {
                self.show_problem(line, &error);
                false
            }
        }
    }

    fn commit_recorded(&mut self, line: &str, how: &Recording, recorded: Recorded) -> bool {
        if recorded.edits.is_empty() {
            if let Turn::Continued(id) = &recorded.turn {
                let name = self.name_of(id);
                self.say(format!("{name} still has the floor"), false);
            }
            return true;
        }
        if self.commit_change(recorded.edits.clone()).is_err() {
            return false;
        }
        self.selected = None;
        let close = recorded.chose.iter().any(|c| {
            matches!(
                c,
                Choice::Speaker { .. } | Choice::Tag { .. } if !matches!(c, Choice::Speaker { how: Matched::Prefix, .. })
            )
        });
        self.last_line = close.then(|| LastLine {
            line: line.to_string(),
            how: how.clone(),
            time: recorded.time,
            chose: recorded.chose.clone(),
            depth: self.meeting.undo_depth(),
        });
        let said = self.line_said(&recorded);
        if !said.is_empty() {
            self.say(said, false);
        }
        true
    }

    /// What a recorded line did, in words, with the key that takes it back.
    fn line_said(&self, recorded: &Recorded) -> String {
        let mut parts = Vec::new();
        match &recorded.turn {
            Turn::Started(id, Channel::Floor) => {
                parts.push(format!("{} has the floor", self.name_of(id)))
            }
            Turn::Started(id, Channel::Chat) => {
                parts.push(format!("chat input from {}", self.name_of(id)))
            }
            Turn::Continued(id) => parts.push(format!("{}'s turn goes on", self.name_of(id))),
            Turn::Remark => parts.push(match self.session().remarks.iter().max_by_key(|r| r.id) {
                Some(r) if r.priority.is_some() => format!(
                    "your remark, leading #{} in the report",
                    r.priority.clone().unwrap_or_default()
                ),
                _ => "your remark, for the report's introduction".to_string(),
            }),
            Turn::Same | Turn::None => {}
        }
        let chose = self.choices_said(&recorded.chose);
        if !chose.is_empty() {
            parts.push(chose);
        }
        if recorded.chose.is_empty() {
            return parts.join("; ");
        }
        let mut said = format!(
            "{} · {} undoes",
            parts.join("; "),
            self.keymap.hint(Action::Undo)
        );
        if self.last_line.is_some() {
            said.push_str(&format!(
                " · {} takes it as new",
                self.keymap.hint(Action::TakeAsNew)
            ));
        }
        said
    }

    /// What the recorder chose, in words: who and what it took, and what it added.
    fn choices_said(&self, chose: &[Choice]) -> String {
        let session = self.session();
        let said: Vec<String> = chose
            .iter()
            .map(|c| match c {
                Choice::Speaker { typed, id, how } => {
                    let name = self.name_of(id);
                    match how {
                        Matched::Close => format!("“{typed}” taken as {name} (a close match)"),
                        _ => format!("“{typed}” is {name}"),
                    }
                }
                Choice::Tag { typed, id, how } => match how {
                    Matched::Close => format!("#{typed} taken as #{id} (a close match)"),
                    _ => format!("#{typed} is #{id}"),
                },
                Choice::NewSpeaker { id, .. } => format!(
                    "{} added to the roster (no group yet)",
                    session.participant(id).map_or(id.as_str(), |p| &p.name)
                ),
                Choice::NewTag { id, .. } => format!(
                    "new priority #{id} “{}”",
                    session.priority(id).map_or("", |p| p.title.as_str())
                ),
            })
            .collect();
        said.join("; ")
    }

    pub(super) fn name_of(&self, id: &str) -> String {
        self.session()
            .participant(id)
            .map_or(id.to_string(), |p| p.name.clone())
    }

    /// Leaves the line to fix, cursor on the problem; an ambiguous token gets its popup.
    fn show_problem(&mut self, line: &str, error: &LineError) {
        let column = error.column.saturating_sub(1);
        let token =
            token_at(line, column + 1).map_or((column, line.chars().count()), |t| (t.start, t.end));
        let ambiguous = matches!(
            error.problem,
            Problem::AmbiguousSpeaker { .. } | Problem::AmbiguousTag { .. }
        );
        let cursor = if ambiguous { token.1 } else { column + 1 };
        self.with_capture(|c, l| c.show_problem(line, cursor, ambiguous, l));
        let said = if ambiguous {
            format!(
                "{error} · ↑↓ then {} picks",
                self.keymap.hint(Action::Complete)
            )
        } else {
            format!("column {}: {error}", error.column)
        };
        self.say(said, true);
    }

    /// Takes the last line again with its matched name or tag as new, replacing what it did.
    pub(super) fn take_as_new(&mut self) {
        let Some(last) = self.last_line.take() else {
            self.say("the last line took no name or tag as someone else's", false);
            return;
        };
        if last.depth != self.meeting.undo_depth() {
            self.say(
                "something changed since that line: undo it and type it again",
                false,
            );
            return;
        }
        let how = Recording {
            speaker_is_new: last
                .chose
                .iter()
                .any(|c| matches!(c, Choice::Speaker { .. })),
            new_tags: last
                .chose
                .iter()
                .filter_map(|c| match c {
                    Choice::Tag { typed, .. } => Some(crate::names::name_key(typed)),
                    _ => None,
                })
                .collect(),
            ..last.how.clone()
        };
        if let Err(NotReverted::Refused(reason)) = self.meeting.undo() {
            self.say(format!("cannot take it back: {reason}"), true);
            return;
        }
        let draft = self.capture.text().to_string();
        if self.record_line(&last.line, &how, last.time) {
            self.with_capture(|c, l| c.set_text(&draft, l));
        }
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
    pub(super) fn said_not_saved(&mut self, committed: Committed) {
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

    /// The form opened from the popup's "add" row: its edit, then the name or tag on the line.
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
        let AfterForm::Complete { start, end } = form.then else {
            let group = self
                .session()
                .groups
                .get(form.group)
                .map_or(String::new(), |g| g.name.clone());
            self.say(
                format!(
                    "{typed} is in {group} · {} undoes",
                    self.keymap.hint(Action::Undo)
                ),
                false,
            );
            return;
        };
        let kind = match form.kind {
            FormKind::Participant => CompletionKind::Speaker,
            FormKind::Priority => CompletionKind::Tag,
        };
        self.with_capture(|c, l| c.put_token(kind, start, end, &typed, l));
        self.say(format!("added {typed}"), false);
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
            let mut tags: String = note
                .tags
                .iter()
                .map(|t| format!("#{t} "))
                .chain(note.opposes.iter().map(|t| format!("#-{t} ")))
                .collect();
            if tags.is_empty() {
                tags.push('#');
            }
            tags
        } else {
            syntax::note_to_capture(note)
        };
        self.selected = Some(id);
        self.with_capture(|c, l| c.start_edit(id, &line, l));
    }

    /// Saves the note being edited from `line`: text and tags, or only tags when the text
    /// is left out; `@Other:` or `[time]` in front moves it to that speaker or time.
    fn commit_edit(&mut self, line: &str) {
        let Some(editing) = self.capture.editing().cloned() else {
            return;
        };
        let Some(old) = self.session().note(editing.note).cloned() else {
            self.capture.drop_edit();
            self.say("that note is gone", true);
            return;
        };
        let capture = match syntax::parse(line) {
            Ok(Parsed::Entry(c)) => Some(c),
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
        let mut edits = Vec::new();
        let mut chose = Vec::new();
        if let Some(draft) = capture.as_ref().and_then(|c| c.note.clone()) {
            let tags = recorder::resolve_tags_with(
                self.session(),
                &self.resolver,
                &draft.tags,
                &Recording::live(),
            );
            match tags {
                Ok(tags) => {
                    note.tags = tags.ids;
                    note.opposes = tags.opposes;
                    edits = tags.created;
                    chose = tags.chose;
                }
                Err(error) => {
                    self.show_edit_problem(line, &error);
                    return;
                }
            }
            // Tags alone keep the text: that is how a note is retagged.
            if !draft.text.is_empty() {
                note.text = draft.text;
                note.kind = draft.kind;
                note.emphasis = draft.emphasis;
            }
        } else if capture
            .as_ref()
            .is_none_or(|c| c.speaker.is_none() && c.time.is_none())
        {
            note.tags.clear();
            note.opposes.clear();
        }
        let moving = capture
            .as_ref()
            .is_some_and(|c| c.speaker.is_some() || c.time.is_some());
        let done = if moving {
            let capture = capture.expect("a move has a parsed line");
            self.move_note(note, &capture, edits, &mut chose)
        } else {
            if note != old {
                edits.push(Edit::UpdateNote(note));
            }
            edits.is_empty() || self.commit_change(edits).is_ok()
        };
        if !done {
            return;
        }
        self.with_capture(|c, l| c.end_edit(l));
        let chose = self.choices_said(&chose);
        let said = if moving { "note moved" } else { "note saved" };
        match chose.is_empty() {
            true => self.say(said, false),
            false => self.say(format!("{said}; {chose}"), false),
        }
    }

    /// Moves `note` to the speaker and time the edited line names, as one change.
    fn move_note(
        &mut self,
        note: crate::model::Note,
        capture: &crate::capture::Capture,
        mut edits: Vec<Edit>,
        chose: &mut Vec<Choice>,
    ) -> bool {
        let Some((i, _)) = self.session().note_position(note.id) else {
            return false;
        };
        let own = &self.session().interventions[i];
        let (own_speaker, own_channel) = (own.participant.clone(), own.channel);
        let speaker = match &capture.speaker {
            Some(s) => {
                let typed = format!("@{}: x", s.name);
                match recorder::record(
                    self.session(),
                    &self.resolver,
                    &typed,
                    note.time,
                    &Recording::live(),
                ) {
                    Ok(r) => {
                        edits.extend(
                            r.edits
                                .into_iter()
                                .filter(|e| matches!(e, Edit::AddParticipant(_))),
                        );
                        chose.extend(r.chose);
                        let id = match r.turn {
                            Turn::Started(id, _) | Turn::Continued(id) => id,
                            _ => own_speaker.clone(),
                        };
                        (id, s.channel)
                    }
                    Err(error) => {
                        self.show_edit_problem(&typed, &error);
                        return false;
                    }
                }
            }
            None => (own_speaker, own_channel),
        };
        let placement = Placement {
            speaker: Some(speaker),
            time: capture.time.unwrap_or(note.time),
            timed: true,
        };
        let note = crate::model::Note {
            time: placement.time,
            ..note
        };
        let id = note.id;
        let mut staged = self.meeting.stage();
        let moved = staged
            .apply(edits)
            .and_then(|()| staged.apply(recorder::unplace(staged.session(), id)))
            .map_err(|e| e.to_string())
            .and_then(|()| {
                recorder::place_note(staged.session(), &placement, note).map_err(|e| e.to_string())
            })
            .and_then(|(edits, _)| staged.apply(edits).map_err(|e| e.to_string()));
        match moved {
            Ok(()) => {
                let committed = staged.commit();
                self.said_not_saved(committed);
                self.selected = Some(id);
                true
            }
            Err(reason) => {
                drop(staged);
                self.say(format!("cannot move the note: {reason}"), true);
                false
            }
        }
    }

    fn show_edit_problem(&mut self, line: &str, error: &LineError) {
        let column = error.column.saturating_sub(1);
        let token = token_at(line, column + 1).map_or((column, column), |t| (t.start, t.end));
        self.with_capture(|c, l| c.set_cursor(token.1, l));
        self.say(error.to_string(), true);
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
            let short = crate::shorten::truncate_graphemes(&text, 30);
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
