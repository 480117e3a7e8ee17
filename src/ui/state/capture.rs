//! The capture line's state: the line being typed, its completion popup, a note
//! loaded for editing, and pasted lines waiting to be recorded.

use std::collections::VecDeque;

use super::completion::{Candidate, Completion, CompletionKind, POPUP_ROWS, Token, token_at};
use super::form::{AfterForm, Form};
use super::line::{LineInput, clean_line};
use crate::action::Action;
use crate::capture::{self as syntax, CaptureLine as Parsed};
use crate::model::{Participant, Serial, Session};
use crate::resolve::{Resolution, Resolver};

/// What the capture line resolves names and tags against.
#[derive(Clone, Copy)]
pub struct Lookup<'a> {
    /// The session.
    pub session: &'a Session,
    /// The resolution rule.
    pub resolver: &'a Resolver,
}

/// A note loaded into the capture line for editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    /// The note.
    pub note: Serial,
    /// The line that was being typed before, put back afterwards.
    pub draft: String,
}

/// What an action on the capture line asks of the screen.
#[derive(Debug)]
pub enum CaptureOutcome {
    /// Handled inside the line.
    Done,
    /// Commit the line (or the note being edited).
    Commit,
    /// Open this form (the popup's "add" row was taken).
    Form(Form),
    /// Not an action for the line: the screen handles it.
    NotMine(Action),
}

/// What cancelling on the capture line took back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cancelled {
    /// The completion popup closed.
    Completion,
    /// The edit of a note was cancelled; the draft is back.
    Edit,
    /// Pasted lines waiting were dropped.
    Pending(usize),
    /// Nothing on the line to cancel.
    Nothing,
}

/// The capture line.
#[derive(Debug, Default)]
pub struct CaptureLine {
    line: LineInput,
    completion: Option<Completion>,
    dismissed: Option<(CompletionKind, usize)>,
    editing: Option<Editing>,
    pending: VecDeque<String>,
    held: Vec<String>,
}

impl CaptureLine {
    /// The text typed so far.
    pub fn text(&self) -> &str {
        self.line.text()
    }

    /// The input, for the view.
    pub fn input(&self) -> &LineInput {
        &self.line
    }

    /// The input, to type into.
    pub fn input_mut(&mut self) -> &mut LineInput {
        &mut self.line
    }

    /// The open completion popup, if any.
    pub fn completion(&self) -> Option<&Completion> {
        self.completion.as_ref()
    }

    /// The note being edited, if any.
    pub fn editing(&self) -> Option<&Editing> {
        self.editing.as_ref()
    }

    /// Pasted lines waiting to be recorded.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Lines kept aside because they could not be recorded, oldest first.
    pub fn held(&self) -> &[String] {
        &self.held
    }

    /// Keeps a line that could not be recorded aside, so typing goes on in an empty line.
    pub fn hold(&mut self, line: String, lookup: Lookup) {
        self.held.push(line);
        self.clear(lookup);
    }

    /// Takes the oldest line kept aside back into the capture line.
    pub fn unhold(&mut self) -> Option<String> {
        (!self.held.is_empty()).then(|| self.held.remove(0))
    }

    /// Takes the pasted lines waiting, in order.
    pub fn take_pending(&mut self) -> VecDeque<String> {
        std::mem::take(&mut self.pending)
    }

    /// Adds pasted lines to those waiting.
    pub fn wait_for(&mut self, lines: impl IntoIterator<Item = String>) {
        self.pending.extend(lines);
    }

    /// Puts a line back in front of those waiting.
    pub fn wait_first(&mut self, line: String) {
        self.pending.push_front(line);
    }

    /// Carries out an action meant for the line or its popup.
    pub fn update(&mut self, action: Action, lookup: Lookup) -> CaptureOutcome {
        let popup = self.completion.is_some();
        match action {
            // Enter commits what was typed; it takes a row only once the arrows moved to it.
            Action::Confirm if self.completion.as_ref().is_some_and(|c| c.moved) => {
                // A tag ends a thought: accept it and commit. A name is followed by the note.
                let tag = self
                    .completion
                    .as_ref()
                    .is_some_and(|c| c.token.kind == CompletionKind::Tag);
                match self.accept(lookup) {
                    Some(form) => CaptureOutcome::Form(form),
                    None if tag && self.completion.is_none() => CaptureOutcome::Commit,
                    None => CaptureOutcome::Done,
                }
            }
            Action::Confirm => CaptureOutcome::Commit,
            Action::Complete if popup => match self.accept(lookup) {
                Some(form) => CaptureOutcome::Form(form),
                None => CaptureOutcome::Done,
            },
            Action::Up | Action::CompletePrev if popup => self.step(-1),
            Action::Down if popup => self.step(1),
            editing => {
                if self.line.apply(editing) {
                    self.refresh(lookup);
                    CaptureOutcome::Done
                } else {
                    CaptureOutcome::NotMine(editing)
                }
            }
        }
    }

    fn step(&mut self, delta: isize) -> CaptureOutcome {
        if let Some(completion) = &mut self.completion {
            completion.step(delta);
        }
        CaptureOutcome::Done
    }

    /// Types one character.
    pub fn type_char(&mut self, c: char, lookup: Lookup) {
        self.line.insert_char(c);
        self.refresh(lookup);
    }

    /// Inserts pasted or restored text at the cursor.
    pub fn insert(&mut self, text: &str, lookup: Lookup) {
        self.line.insert(text);
        self.refresh(lookup);
    }

    /// Replaces the whole line.
    pub fn set_text(&mut self, text: &str, lookup: Lookup) {
        self.line.set_text(text);
        self.refresh(lookup);
    }

    /// Empties the line.
    pub fn clear(&mut self, lookup: Lookup) {
        self.set_text("", lookup);
    }

    /// Takes back the innermost thing open on the line.
    pub fn cancel(&mut self, lookup: Lookup) -> Cancelled {
        if let Some(completion) = self.completion.take() {
            self.dismissed = Some((completion.token.kind, completion.token.start));
            Cancelled::Completion
        } else if let Some(editing) = self.editing.take() {
            self.set_text(&editing.draft, lookup);
            Cancelled::Edit
        } else if !self.pending.is_empty() {
            let n = self.pending.len();
            self.pending.clear();
            Cancelled::Pending(n)
        } else {
            Cancelled::Nothing
        }
    }

    /// Loads `line` for editing `note`, keeping the draft to put back afterwards.
    pub fn start_edit(&mut self, note: Serial, line: &str, lookup: Lookup) {
        self.editing = Some(Editing {
            note,
            draft: self.line.text().to_string(),
        });
        self.set_text(line, lookup);
    }

    /// Ends the edit of a note and puts the draft back.
    pub fn end_edit(&mut self, lookup: Lookup) {
        if let Some(editing) = self.editing.take() {
            self.set_text(&editing.draft, lookup);
        }
    }

    /// Forgets the edit of a note whose note is gone.
    pub fn drop_edit(&mut self) {
        self.editing = None;
    }

    /// Puts the lines typed but never committed back: the first into the line, the rest
    /// to be committed after it.
    pub fn restore(&mut self, lines: Vec<String>, lookup: Lookup) {
        let mut lines = lines.into_iter();
        if let Some(first) = lines.next() {
            self.line.set_text(&first);
            self.pending.extend(lines.map(|l| clean_line(&l)));
            self.refresh(lookup);
        }
    }

    /// Lines typed but not committed: the draft (not a note being edited) and pasted lines waiting.
    pub fn unsaved_lines(&self) -> Vec<&str> {
        let draft = match &self.editing {
            Some(editing) => editing.draft.as_str(),
            None => self.line.text(),
        };
        self.held
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(draft))
            .chain(self.pending.iter().map(String::as_str))
            .filter(|l| !l.trim().is_empty())
            .collect()
    }

    /// Shows a line back with the cursor at `column` and the popup open on its token, so
    /// that the right name or tag is a keypress away.
    pub fn show_problem(&mut self, line: &str, column: usize, open_popup: bool, lookup: Lookup) {
        self.line.set_text(line);
        self.line.set_cursor(column);
        if open_popup {
            self.dismissed = None;
        }
        self.refresh(lookup);
    }

    /// Puts the cursor at `column` and looks for a token to complete there.
    pub fn set_cursor(&mut self, column: usize, lookup: Lookup) {
        self.line.set_cursor(column);
        self.refresh(lookup);
    }

    /// Reopens or closes the popup for the token under the cursor.
    pub fn refresh(&mut self, lookup: Lookup) {
        let Some(token) = token_at(self.line.text(), self.line.cursor()) else {
            self.completion = None;
            self.dismissed = None;
            return;
        };
        if self.dismissed == Some((token.kind, token.start)) {
            self.completion = None;
            return;
        }
        self.dismissed = None;
        let candidates = candidates(&token, lookup);
        let (selected, moved) = match &self.completion {
            Some(old) if old.token.start == token.start && old.token.kind == token.kind => {
                (old.selected, old.moved)
            }
            _ => (0, false),
        };
        let mut completion = Completion {
            token,
            candidates,
            selected,
            moved,
        };
        completion.selected = completion.selected.min(completion.rows().saturating_sub(1));
        self.completion = Some(completion);
    }

    /// Takes the highlighted candidate into the line; the "add" row gives its form instead.
    fn accept(&mut self, lookup: Lookup) -> Option<Form> {
        let c = self.completion.take()?;
        let Token {
            kind, start, end, ..
        } = c.token.clone();
        match c.candidates.get(c.selected) {
            Some(candidate) if kind == CompletionKind::Tag && self.inside_sentence(end) => {
                self.tag_inside_sentence(start, end, &candidate.id, lookup);
                None
            }
            Some(candidate) => {
                let text = match kind {
                    CompletionKind::Tag => candidate.id.clone(),
                    CompletionKind::Speaker => name_to_type(&candidate.id, lookup),
                };
                self.put_token(kind, start, end, &text, lookup);
                None
            }
            None => {
                let then = AfterForm::Complete { start, end };
                Some(match kind {
                    CompletionKind::Speaker => Form::participant(&c.token.query, then),
                    CompletionKind::Tag => Form::priority(&c.token.query, then),
                })
            }
        }
    }

    /// Whether words follow character `end`: a tag there sits inside a sentence.
    fn inside_sentence(&self, end: usize) -> bool {
        let rest: String = self.line.text().chars().skip(end).collect();
        let rest = rest.trim_start();
        !rest.is_empty() && !rest.starts_with('#')
    }

    /// Completes a tag inside a sentence without changing the rapporteur's words: the word
    /// stays as typed (without its `#`) and the tag is added at the end of the line.
    fn tag_inside_sentence(&mut self, start: usize, end: usize, id: &str, lookup: Lookup) {
        let chars: Vec<char> = self.line.text().chars().collect();
        let word: String = chars[start + 1..end].iter().collect();
        let mut line: String = chars[..start].iter().collect();
        line.push_str(&word);
        line.extend(&chars[end..]);
        let tag = format!("#{id}");
        if !line.split_whitespace().any(|w| w == tag) {
            line = format!("{} {tag}", line.trim_end());
        }
        self.line.set_text(&line);
        self.line.set_cursor(end - 1);
        // The word is no tag any more: nothing left to complete where the cursor is.
        self.refresh(lookup);
    }

    /// Replaces the token at `start..end` with `text`, ready to go on typing after it.
    pub fn put_token(
        &mut self,
        kind: CompletionKind,
        start: usize,
        end: usize,
        text: &str,
        lookup: Lookup,
    ) {
        self.line.replace(start + 1, end, text);
        let cursor = self.line.cursor();
        let next = self.line.text().chars().nth(cursor);
        match kind {
            CompletionKind::Speaker => match next {
                Some(':') => self.line.set_cursor(cursor + 1),
                Some('(') => self.line.insert(" "),
                _ => self.line.insert(": "),
            },
            CompletionKind::Tag => match next {
                Some(c) if c.is_whitespace() => self.line.set_cursor(cursor + 1),
                _ => self.line.insert(" "),
            },
        }
        self.refresh(lookup);
    }

    /// Puts `@Name: ` for participant `id` at the start of the line, keeping what follows.
    pub fn give_floor(&mut self, id: &str, lookup: Lookup) {
        let name = name_to_type(id, lookup);
        let line = self.line.text().to_string();
        match token_at(&line, line.chars().count()).filter(|t| t.kind == CompletionKind::Speaker) {
            Some(t) => self.put_token(CompletionKind::Speaker, t.start, t.end, &name, lookup),
            None => {
                let rest = match syntax::parse(&line) {
                    Ok(Parsed::Entry(c)) if c.speaker.is_some() => line
                        .split_once(':')
                        .map_or("", |(_, rest)| rest)
                        .trim_start()
                        .to_string(),
                    _ => line.trim_start().to_string(),
                };
                self.set_text(&format!("@{name}: {rest}"), lookup);
            }
        }
    }
}

/// The popup's rows for `token`, best first.
fn candidates(token: &Token, lookup: Lookup) -> Vec<Candidate> {
    let session = lookup.session;
    match token.kind {
        CompletionKind::Speaker => lookup
            .resolver
            .rank(&session.participants, token.query.trim(), POPUP_ROWS)
            .into_iter()
            .map(|p| Candidate {
                id: p.id.clone(),
                label: p.name.clone(),
                detail: participant_detail(session, p),
            })
            .collect(),
        CompletionKind::Tag => lookup
            .resolver
            .rank(&session.priorities, &token.query, POPUP_ROWS)
            .into_iter()
            .map(|p| Candidate {
                id: p.id.clone(),
                label: format!("#{}", p.id),
                detail: p.title.clone(),
            })
            .collect(),
    }
}

/// The name to type for a participant: the name if it finds them alone, else the id.
pub fn name_to_type(id: &str, lookup: Lookup) -> String {
    let Some(p) = lookup.session.participant(id) else {
        return id.to_string();
    };
    match lookup.resolver.participant(lookup.session, &p.name) {
        Resolution::Found(found, _) if found.id == p.id => p.name.clone(),
        _ => p.id.clone(),
    }
}

/// "Affiliation · Group", or the group alone.
pub fn participant_detail(session: &Session, p: &Participant) -> String {
    let group = session
        .group(&p.group)
        .map_or(p.group.as_str(), |g| g.name.as_str());
    if p.affiliation.is_empty() {
        group.to_string()
    } else {
        format!("{} · {group}", p.affiliation)
    }
}
