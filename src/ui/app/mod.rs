//! The screen's state and its dispatch: inputs become actions, each routed to the
//! widget that has the keys; changes to the session go through the [`Meeting`].
//!
//! One job per file: recording lines and notes (`record`), the file on disk
//! (`files`), search and the speaker filter (`find`), the note selection
//! (`select`), and what the view reads (`view`).

mod details;
mod files;
mod find;
mod floor;
mod record;
mod review;
mod select;
mod view;

use fuzzy_matcher::skim::SkimMatcherV2;

use super::input::Input;
use super::state::capture::{Cancelled, CaptureLine, CaptureOutcome, Lookup};
use super::state::disk::DiskChoice;
use super::state::form::Form;
use super::state::paste::{self, PASTE_AT_ONCE, PasteTarget, thousands};
use super::state::roster::Roster;
use super::state::search::{Filter, LastSearch, Search};
use crate::action::Action;
use crate::clock::Clock;
use crate::keymap::Keymap;
use crate::meeting::Meeting;
use crate::model::{Serial, Session};
use crate::resolve::Resolver;
use crate::storage::{DiskChange, SessionFile};
use crate::tally::Tally;

/// Which view the tally pane shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TallyView {
    /// Priorities ranked by convergence.
    #[default]
    Ranking,
    /// Each group's share of interventions against its share of the roster.
    VoiceBalance,
}

/// What is open over the panes; the capture line keeps its text underneath.
#[derive(Debug, Default)]
pub enum Overlay {
    /// Nothing: typing goes to the capture line.
    #[default]
    None,
    /// Help, scrolled down by `scroll` lines.
    Help {
        /// Lines scrolled past.
        scroll: usize,
    },
    /// The fuzzy search across notes.
    Search(Search),
    /// The fuzzy filter of the roster.
    Filter(Filter),
    /// A form adding a participant or a priority.
    Form(Form),
    /// Another program changed the session file: keep both versions, or overwrite.
    DiskChoice(DiskChoice),
    /// The review before exporting, over the panes.
    Review(Box<super::state::review::ReviewState>),
    /// The meeting's details: title, times, groups, priorities.
    Details(Box<super::state::details::Details>),
}

/// A line in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What to say.
    pub text: String,
    /// Whether something went wrong.
    pub error: bool,
}

/// What the panes need laid out before a frame is drawn: computed first, only read
/// while drawing.
#[derive(Debug)]
pub struct ViewState {
    /// First timeline row shown, so scrolling moves only as far as the selection needs.
    pub notes_top: usize,
    /// Lines the notes pane shows, for paging.
    pub notes_height: usize,
    /// The roster as the speakers pane lists it.
    pub roster: Roster,
    /// The notes pane's lines, from `notes_top` down.
    pub notes_lines: Vec<ratatui::text::Line<'static>>,
    /// Lines of the help, to bound its scrolling.
    pub help_lines: usize,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            notes_top: 0,
            notes_height: 10,
            roster: Roster::default(),
            notes_lines: Vec::new(),
            help_lines: 0,
        }
    }
}

/// The last line recorded with a name or tag taken as someone or something close, so
/// that one key can take it as new instead.
#[derive(Debug, Clone)]
struct LastLine {
    /// The line as typed.
    line: String,
    /// How it was recorded.
    how: crate::recorder::Recording,
    /// When it took place.
    time: Clock,
    /// What was chosen.
    chose: Vec<crate::recorder::Choice>,
    /// The meeting's undo depth just after it, to tell that nothing came since.
    depth: usize,
}

/// The file on disk as last checked.
#[derive(Debug, Default)]
struct DiskWatch {
    /// How it differs from what was last written.
    change: Option<DiskChange>,
    /// When it was last checked.
    checked: Option<std::time::Instant>,
}

/// The live screen's state.
pub struct App {
    meeting: Meeting,
    /// The active keymap.
    pub keymap: Keymap,
    resolver: Resolver,
    matcher: SkimMatcherV2,
    capture: CaptureLine,
    /// What is open over the panes.
    pub overlay: Overlay,
    selected: Option<Serial>,
    last_search: LastSearch,
    message: Option<Message>,
    now: Clock,
    /// Which view the tally pane shows.
    pub tally_view: TallyView,
    quit: bool,
    disk: DiskWatch,
    view: ViewState,
    last_line: Option<LastLine>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("file", &self.file_path())
            .field("line", &self.capture.text())
            .field("overlay", &self.overlay)
            .finish_non_exhaustive()
    }
}

impl App {
    /// A screen on a session held in memory only (for tests and previews).
    pub fn new(session: Session, keymap: Keymap) -> App {
        App::on(Meeting::in_memory(session), keymap)
    }

    /// A screen on an open session file: every commit is durable before the next key.
    pub fn with_file(store: SessionFile, session: Session, keymap: Keymap) -> App {
        App::on(Meeting::with_file(store, session), keymap)
    }

    /// A screen on a meeting.
    pub fn on(meeting: Meeting, keymap: Keymap) -> App {
        App {
            meeting,
            keymap,
            resolver: Resolver::default(),
            matcher: SkimMatcherV2::default().ignore_case(),
            capture: CaptureLine::default(),
            overlay: Overlay::None,
            selected: None,
            last_search: LastSearch::default(),
            message: None,
            now: Clock::default(),
            tally_view: TallyView::Ranking,
            quit: false,
            disk: DiskWatch::default(),
            view: ViewState::default(),
            last_line: None,
        }
    }

    /// The session being recorded.
    pub fn session(&self) -> &Session {
        self.meeting.session()
    }

    /// The meeting: session, store, undo and projections.
    pub fn meeting(&self) -> &Meeting {
        &self.meeting
    }

    /// The tally, kept up to date edit by edit.
    pub fn tally(&self) -> &Tally {
        self.meeting.tally()
    }

    /// Sets the wall-clock time used for new notes and running timers.
    pub fn set_now(&mut self, now: Clock) {
        self.now = now;
    }

    /// The time the screen believes it is.
    pub fn now(&self) -> Clock {
        self.now
    }

    /// The meeting's time now, for its running timers: the clock, or the latest thing
    /// recorded while the clock reads earlier (a meeting resumed after midnight), as
    /// untimed lines are recorded then too.
    pub fn meeting_now(&self) -> Clock {
        crate::recorder::last_activity(self.session()).map_or(self.now, |last| self.now.max(last))
    }

    /// Whether the user asked to quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Shows a message in the status bar.
    pub fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    /// Runs `f` on the capture line with what it resolves against.
    fn with_capture<T>(&mut self, f: impl FnOnce(&mut CaptureLine, Lookup) -> T) -> T {
        let lookup = Lookup {
            session: self.meeting.session(),
            resolver: &self.resolver,
        };
        f(&mut self.capture, lookup)
    }

    /// Puts lines typed but never committed back: the first into the capture line,
    /// the rest to be committed after it.
    pub fn restore_lines(&mut self, lines: Vec<String>) {
        self.with_capture(|c, l| c.restore(lines, l));
        self.remember_unsaved();
    }

    // ---- input -------------------------------------------------------------------------

    /// Handles one input from the terminal: a key press or a paste.
    pub fn handle(&mut self, input: Input) {
        match input {
            Input::Key(key) => {
                self.message = None;
                match self.keymap.action(&key) {
                    Some(action) => self.update(action),
                    None => {
                        if let Some(c) = key.typed_char() {
                            self.type_char(c);
                        }
                    }
                }
            }
            Input::Paste(text) => self.handle_paste(&text),
        }
    }

    /// Handles one terminal key event (presses only): a bound action, or a typed character.
    pub fn handle_key(&mut self, event: crossterm::event::KeyEvent) {
        if let Some(input) = super::input::from_key_event(&event) {
            self.handle(input);
        }
    }

    /// Handles pasted text: each line becomes one note. Up to [`PASTE_AT_ONCE`] lines are
    /// recorded at once, as one change; more wait for Enter, which records them all, or
    /// Esc, which drops them. A paste too large to be notes is refused whole, and says so.
    pub fn handle_paste(&mut self, text: &str) {
        self.message = None;
        if let Some(refusal) = paste::refusal(text, self.paste_target(), self.capture.pending()) {
            self.say(refusal, true);
            return;
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        match &mut self.overlay {
            Overlay::Help { .. } | Overlay::DiskChoice(_) => {}
            Overlay::Review(_) => {
                for c in text.chars().filter(|c| !c.is_control()) {
                    self.type_in_review(c);
                }
            }
            Overlay::Details(details) => details.paste(&text),
            Overlay::Form(form) => form.paste(&text),
            Overlay::Search(search) => {
                search.input.insert(&text);
                self.search_changed();
            }
            Overlay::Filter(filter) => {
                filter.input.insert(&text);
                filter.refresh(self.meeting.session(), &self.resolver);
            }
            Overlay::None => self.paste_lines(&text),
        }
        self.remember_unsaved();
    }

    fn paste_target(&self) -> PasteTarget {
        match &self.overlay {
            Overlay::None if self.capture.editing().is_none() => PasteTarget::Notes,
            Overlay::None => PasteTarget::EditedNote,
            Overlay::Search(_) => PasteTarget::Field("a search"),
            Overlay::Filter(_) => PasteTarget::Field("the speaker filter"),
            Overlay::Form(_) => PasteTarget::Field("a form field"),
            Overlay::Review(_) => PasteTarget::Field("the review"),
            Overlay::Details(_) => PasteTarget::Field("the details"),
            Overlay::Help { .. } | Overlay::DiskChoice(_) => PasteTarget::Nowhere,
        }
    }

    /// Pasted lines into the capture line: one joins the line, a few are recorded, many wait.
    fn paste_lines(&mut self, text: &str) {
        let lines: Vec<String> = text
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .map(super::state::line::clean_line)
            .collect();
        if !text.contains('\n') || self.capture.editing().is_some() {
            // One line, or a note being edited: the text joins the line as typed.
            self.with_capture(|c, l| c.insert(text, l));
        } else if lines.len() + self.capture.pending() <= PASTE_AT_ONCE {
            let mut lines = lines.into_iter();
            let first = lines.next().unwrap_or_default();
            self.with_capture(|c, l| {
                c.insert(&first, l);
                c.wait_for(lines);
            });
            self.commit_capture();
        } else {
            self.capture.wait_for(lines);
            self.say(
                format!(
                    "{} pasted lines wait: {} records them all as notes · {} drops them",
                    thousands(self.capture.pending()),
                    self.keymap.hint(Action::Confirm),
                    self.keymap.hint(Action::Cancel)
                ),
                false,
            );
        }
    }

    /// Types one character into whatever has the cursor.
    pub fn type_char(&mut self, c: char) {
        match &mut self.overlay {
            Overlay::Help { .. } => {}
            Overlay::Review(_) => self.type_in_review(c),
            Overlay::Details(details) => details.type_char(c),
            Overlay::DiskChoice(_) => self.choose_on_disk(c),
            Overlay::Form(form) => form.type_char(c, self.meeting.session()),
            Overlay::Search(search) => {
                search.input.insert_char(c);
                self.search_changed();
            }
            Overlay::Filter(filter) => {
                filter.input.insert_char(c);
                filter.refresh(self.meeting.session(), &self.resolver);
            }
            Overlay::None => self.with_capture(|line, l| line.type_char(c, l)),
        }
        self.remember_unsaved();
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.ask_quit(),
            Action::Save => self.save(),
            Action::Help => match self.overlay {
                Overlay::None => self.overlay = Overlay::Help { scroll: 0 },
                Overlay::Help { .. } => self.overlay = Overlay::None,
                // A form or search stays open: help would throw away what was typed in it.
                _ => self.say(
                    format!("{} first, then help", self.keymap.hint(Action::Cancel)),
                    false,
                ),
            },
            Action::ToggleVoiceBalance => {
                self.tally_view = match self.tally_view {
                    TallyView::Ranking => TallyView::VoiceBalance,
                    TallyView::VoiceBalance => TallyView::Ranking,
                };
            }
            Action::Ignore => {}
            Action::Review if matches!(self.overlay, Overlay::None | Overlay::Review(_)) => {
                self.toggle_review()
            }
            _ => match std::mem::take(&mut self.overlay) {
                Overlay::None => self.update_capture(action),
                Overlay::Help { scroll } => self.update_help(action, scroll),
                Overlay::Form(form) => self.update_form(action, form),
                Overlay::Search(search) => self.update_search(action, search),
                Overlay::Filter(filter) => self.update_filter(action, filter),
                Overlay::DiskChoice(choice) => self.update_disk_choice(action, choice),
                Overlay::Review(state) => self.update_review(action, state),
                Overlay::Details(details) => self.update_details(action, details),
            },
        }
        self.remember_unsaved();
    }

    fn update_capture(&mut self, action: Action) {
        match self.with_capture(|c, l| c.update(action, l)) {
            CaptureOutcome::Done => {}
            CaptureOutcome::Commit => self.commit_capture(),
            CaptureOutcome::Form(form) => self.overlay = Overlay::Form(form),
            CaptureOutcome::NotMine(action) => self.route(action),
        }
    }

    /// Actions of the screen itself, when the capture line has the keys.
    fn route(&mut self, action: Action) {
        let page = self.view.notes_height.max(2) as isize - 1;
        match action {
            Action::Cancel => self.cancel(),
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-page),
            Action::PageDown => self.move_selection(page),
            Action::First => self.select_first(),
            Action::Last => self.selected = None,
            Action::EditNote => self.start_edit(false),
            Action::RetagNote => self.start_edit(true),
            Action::DeleteNote => self.delete_note(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::TakeAsNew => self.take_as_new(),
            Action::FixHeld => self.fix_held(),
            Action::EndFloor => {
                self.end_floor();
            }
            Action::CloseMeeting => self.close_meeting(),
            Action::Details => self.open_details(),
            Action::Search => self.open_search(),
            Action::SearchNext => self.step_last_search(1),
            Action::SearchPrev => self.step_last_search(-1),
            Action::FilterSpeakers => self.open_filter(),
            _ => {}
        }
    }

    fn update_help(&mut self, action: Action, scroll: usize) {
        let last = self.view.help_lines.saturating_sub(1);
        let scroll = match action {
            Action::Cancel | Action::Confirm => return,
            Action::Up => scroll.saturating_sub(1),
            Action::Down => (scroll + 1).min(last),
            Action::PageUp => scroll.saturating_sub(10),
            Action::PageDown => (scroll + 10).min(last),
            _ => scroll,
        };
        self.overlay = Overlay::Help { scroll };
    }

    fn cancel(&mut self) {
        match self.with_capture(|c, l| c.cancel(l)) {
            Cancelled::Completion => {}
            Cancelled::Edit => self.say("edit cancelled", false),
            Cancelled::Pending(n) => {
                self.say(format!("dropped {n} pasted lines that were waiting"), false)
            }
            Cancelled::Nothing => self.selected = None,
        }
    }
}
