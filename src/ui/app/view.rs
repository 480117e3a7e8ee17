//! What the view reads: the capture box's title, the floor and its time, the file's
//! state; and what the views laid out before each frame.

use std::path::Path;

use ratatui::text::Line;

use super::{App, Message, Overlay};
use crate::action::Action;
use crate::meeting::SavedState;
use crate::model::{Channel, Intervention, Participant, Slug};
use crate::ui::state::completion::Completion;
use crate::ui::state::line::LineInput;

impl App {
    /// Lays the roster out again if it changed, before a frame is drawn.
    pub fn prepare_roster(&mut self) {
        self.view
            .roster
            .refresh(self.meeting.session(), self.meeting.speakers());
    }

    /// Keeps what the notes pane laid out for the frame about to be drawn: its first row,
    /// its height (for paging) and its lines.
    pub fn keep_notes_layout(&mut self, top: usize, height: usize, lines: Vec<Line<'static>>) {
        self.view.notes_top = top;
        self.view.notes_height = height;
        self.view.notes_lines = lines;
    }

    /// Keeps how many lines the help has, to bound its scrolling.
    pub fn keep_help_lines(&mut self, lines: usize) {
        self.view.help_lines = lines;
    }

    /// What was laid out for the frame, only read while drawing.
    pub fn view_state(&self) -> &super::ViewState {
        &self.view
    }

    /// The completion popup, when one is open.
    pub fn completion(&self) -> Option<&Completion> {
        match self.overlay {
            Overlay::None => self.capture.completion(),
            _ => None,
        }
    }

    /// The input with the cursor: search or filter query, else the capture line.
    pub fn active_input(&self) -> &LineInput {
        match &self.overlay {
            Overlay::Search(s) => &s.input,
            Overlay::Filter(f) => &f.input,
            _ => self.capture.input(),
        }
    }

    /// The text of the capture line.
    pub fn capture_text(&self) -> &str {
        self.capture.text()
    }

    /// Whether the capture box has the cursor (no help or form over it).
    pub fn capture_has_focus(&self) -> bool {
        matches!(
            self.overlay,
            Overlay::None | Overlay::Search(_) | Overlay::Filter(_)
        )
    }

    /// The capture box's title and the placeholder shown while it is empty.
    pub fn capture_title(&self) -> (String, String) {
        let keys = &self.keymap;
        match &self.overlay {
            Overlay::Search(s) => (
                format!(
                    " Search notes · {} · ↑↓ · {} keeps · {} back ",
                    match (s.done, s.matches.len()) {
                        (false, _) => "searching…".to_string(),
                        (true, 0) => "no match".to_string(),
                        (true, n) if s.shown_is_loose() => format!(
                            "{} of {n}, a loose match ({} hold the words)",
                            s.at + 1,
                            s.exact
                        ),
                        (true, n) => format!("{} of {n}", s.at + 1),
                    },
                    keys.hint(Action::Confirm),
                    keys.hint(Action::Cancel)
                ),
                "words from a note or a #tag".into(),
            ),
            Overlay::Filter(_) => (
                format!(
                    " Find a speaker · {} puts them on the line · {} sorts them out ",
                    keys.hint(Action::Confirm),
                    keys.hint(Action::EditNote)
                ),
                "name, affiliation or id".into(),
            ),
            _ if self.capture.editing().is_some() => (
                format!(
                    " Editing a note · {} saves · {} cancels ",
                    keys.hint(Action::Confirm),
                    keys.hint(Action::Cancel)
                ),
                "text #tags (tags alone keep the text)".into(),
            ),
            _ => {
                let session = self.session();
                let who = match session.interventions.last() {
                    Some(i) => {
                        let name = session
                            .participant(&i.participant)
                            .map_or(i.participant.as_str(), |p| &p.name);
                        let chat = if i.channel == Channel::Chat {
                            " (chat)"
                        } else {
                            ""
                        };
                        format!(" Note for {}{chat} ", crate::ui::text::visible(name))
                    }
                    None => " Note ".to_string(),
                };
                let mut waiting = match self.capture.pending() {
                    0 => String::new(),
                    n => format!("· {n} pasted lines waiting "),
                };
                match self.capture.held().len() {
                    0 => {}
                    1 => waiting
                        .push_str(&format!("· 1 line to fix: {} ", keys.hint(Action::FixHeld))),
                    n => waiting.push_str(&format!(
                        "· {n} lines to fix: {} ",
                        keys.hint(Action::FixHeld)
                    )),
                }
                (
                    format!("{who}{waiting}"),
                    "@name: what they said   #tag   \"quote\"   !strong   (chat)".into(),
                )
            }
        }
    }

    /// The status bar message, if any.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// The session file, when there is one.
    pub fn file_path(&self) -> Option<&Path> {
        self.meeting.path()
    }

    /// The file name for the status bar.
    pub fn file_label(&self) -> String {
        self.file_path().and_then(Path::file_name).map_or_else(
            || "(no file)".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// How safe the session is on disk.
    pub fn saved_state(&self) -> SavedState {
        self.meeting.saved_state()
    }

    /// The participant holding the floor (an open floor turn), if any.
    pub fn floor_holder(&self) -> Option<&Slug> {
        self.open_floor().map(|i| &i.participant)
    }

    /// Who holds the floor and for how many seconds.
    pub fn floor_with_time(&self) -> Option<(&Participant, u32)> {
        let turn = self.open_floor()?;
        let participant = self.session().participant(&turn.participant)?;
        Some((participant, turn.start.until(self.meeting_now())))
    }

    fn open_floor(&self) -> Option<&Intervention> {
        // Chat inputs run alongside the floor: look back past them to the last floor turn.
        self.session()
            .interventions
            .iter()
            .rev()
            .find(|i| i.channel == Channel::Floor)
            .filter(|i| i.end.is_none())
    }

    /// Interventions a participant has made so far.
    pub fn interventions_of(&self, id: &str) -> usize {
        self.meeting.interventions_of(id)
    }

    /// Lines typed but not committed: the draft (not a note being edited) and pasted lines waiting.
    pub fn unsaved_lines(&self) -> Vec<&str> {
        self.capture.unsaved_lines()
    }
}
