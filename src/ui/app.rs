//! The screen's state and everything that changes it: keys become actions,
//! actions change the session through one commit path, the view only reads.

use std::cell::Cell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

use crossterm::event::{KeyEvent, KeyEventKind};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::capture::{
    Candidate, Completion, CompletionKind, LineInput, POPUP_ROWS, Token, clean_line, token_at,
};
use super::disk::{self, AfterChoice, DiskChoice};
use super::form::{AfterForm, Form};
use super::help;
use super::notes::{Row, Timeline};
use super::terminal;
use crate::action::Action;
use crate::capture::{self as syntax, CaptureLine};
use crate::clock::Clock;
use crate::edit::Edit;
use crate::keymap::{Key, Keymap};
use crate::model::{Channel, Participant, Serial, Session, Slug};
use crate::recorder::{self, Problem};
use crate::resolve::{Resolution, Resolver};
use crate::storage::{self, CommitError, DiskChange, NotDurable, SessionFile, StorageError};
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
}

/// A search in progress.
#[derive(Debug, Default)]
pub struct Search {
    /// The query.
    pub input: LineInput,
    /// Matching notes, best first.
    pub matches: Vec<Serial>,
    /// The same notes, to mark them while drawing.
    matched: HashSet<Serial>,
    /// The match shown.
    pub at: usize,
    /// The selection before the search, restored by Cancel.
    origin: Option<Serial>,
    /// Scores found so far; a long meeting is scanned a slice at a time between keys.
    scored: Vec<(i64, Serial)>,
    /// Interventions scanned so far.
    scanned: usize,
    /// Whether the whole meeting has been scanned for this query.
    pub done: bool,
}

/// Notes a search scans per slice of the work done between keys.
const SEARCH_SLICE: usize = 4_000;
/// Notes scanned at once when the query changes: a short meeting is searched before the
/// next frame, a long one goes on between keys, so a key in the search box never waits long.
const SEARCH_FIRST_SLICE: usize = 500;

/// Pasted lines that become notes at once; a longer paste waits for Enter (or Esc), since
/// that many lines in one go are more often the wrong clipboard than notes.
pub const PASTE_AT_ONCE: usize = 20;
/// Most lines one paste may hold; a whole file of notes goes through `import notes`.
pub const PASTE_MAX_LINES: usize = 5_000;
/// Largest paste, in bytes.
pub const PASTE_MAX_BYTES: usize = 1 << 20;
/// Longest pasted line, in characters: longer is no note.
pub const NOTE_MAX_CHARS: usize = 10_000;
/// Longest paste into a one-line field (search, speaker filter, form).
pub const FIELD_MAX_CHARS: usize = 1_000;

/// The roster filter in progress.
#[derive(Debug, Default)]
pub struct Filter {
    /// The query.
    pub input: LineInput,
    /// Indices of matching participants, best first.
    pub matches: Vec<usize>,
    /// The highlighted match.
    pub selected: usize,
}

/// A note loaded into the capture line for editing.
#[derive(Debug, Clone)]
struct Editing {
    note: Serial,
    /// The line that was being typed before, put back afterwards.
    draft: String,
}

/// A line in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What to say.
    pub text: String,
    /// Whether something went wrong.
    pub error: bool,
}

/// How safe the session is on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedState {
    /// Everything is in the session file.
    OnDisk,
    /// Everything is on disk, partly in the journal beside the file.
    Journaled,
    /// The last write failed: the session in memory is ahead of the disk.
    Behind,
    /// No file: a session held in memory only.
    InMemory,
}

/// The live screen's state.
pub struct App {
    /// The session being recorded.
    pub session: Session,
    store: Option<SessionFile>,
    /// The tally, kept up to date edit by edit.
    pub tally: Tally,
    /// Row index of the notes pane.
    pub(super) timeline: Timeline,
    /// The roster as the speakers pane lists it, laid out again only when it changes.
    pub(super) roster: super::speakers::RosterCache,
    spoke: HashMap<Slug, usize>,
    /// The active keymap.
    pub keymap: Keymap,
    resolver: Resolver,
    matcher: SkimMatcherV2,
    capture: LineInput,
    completion: Option<Completion>,
    dismissed: Option<(CompletionKind, usize)>,
    /// What is open over the panes.
    pub overlay: Overlay,
    editing: Option<Editing>,
    selected: Option<Serial>,
    undo: Vec<Vec<Edit>>,
    redo: Vec<Vec<Edit>>,
    pending: VecDeque<String>,
    message: Option<Message>,
    now: Clock,
    /// Which view the tally pane shows.
    pub tally_view: TallyView,
    last_search: Vec<Serial>,
    last_search_at: usize,
    /// First timeline row drawn last time, so scrolling moves only as far as the selection needs.
    pub(super) notes_top: Cell<usize>,
    notes_height: Cell<usize>,
    quit: bool,
    /// How the session file on disk differs from what was last written, as last checked.
    disk: Option<DiskChange>,
    /// When the file was last checked.
    disk_checked: Option<std::time::Instant>,
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
        App {
            tally: Tally::compute(&session),
            timeline: Timeline::new(&session),
            roster: Default::default(),
            spoke: count_interventions(&session),
            session,
            store: None,
            keymap,
            resolver: Resolver::default(),
            matcher: SkimMatcherV2::default().ignore_case(),
            capture: LineInput::default(),
            completion: None,
            dismissed: None,
            overlay: Overlay::None,
            editing: None,
            selected: None,
            undo: Vec::new(),
            redo: Vec::new(),
            pending: VecDeque::new(),
            message: None,
            now: Clock::default(),
            tally_view: TallyView::Ranking,
            last_search: Vec::new(),
            last_search_at: 0,
            notes_top: Cell::new(0),
            notes_height: Cell::new(10),
            quit: false,
            disk: None,
            disk_checked: None,
        }
    }

    /// A screen on an open session file: every commit is durable before the next key.
    pub fn with_file(store: SessionFile, session: Session, keymap: Keymap) -> App {
        App {
            store: Some(store),
            ..App::new(session, keymap)
        }
    }

    /// Sets the wall-clock time used for new notes and running timers.
    pub fn set_now(&mut self, now: Clock) {
        self.now = now;
    }

    /// The time the screen believes it is.
    pub fn now(&self) -> Clock {
        self.now
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

    /// Puts lines typed but never committed back: the first into the capture line,
    /// the rest to be committed after it.
    pub fn restore_lines(&mut self, lines: Vec<String>) {
        let mut lines = lines.into_iter();
        if let Some(first) = lines.next() {
            self.capture.set_text(&first);
            self.pending.extend(lines.map(|l| clean_line(&l)));
            self.refresh_completion();
            self.remember_unsaved();
        }
    }

    // ---- input -------------------------------------------------------------------------

    /// Handles one terminal key event (presses only): a bound action, or a typed character.
    pub fn handle_key(&mut self, event: KeyEvent) {
        if event.kind != KeyEventKind::Press {
            return;
        }
        let Some(key) = Key::from_event(&event) else {
            return;
        };
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

    /// Handles pasted text: each line becomes one note. Up to [`PASTE_AT_ONCE`] lines are
    /// recorded at once, as one change; more wait for Enter, which records them all, or
    /// Esc, which drops them. A paste too large to be notes is refused whole, and says so.
    pub fn handle_paste(&mut self, text: &str) {
        self.message = None;
        if let Some(refusal) = self.refuse_paste(text) {
            self.say(refusal, true);
            return;
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        match &mut self.overlay {
            Overlay::Help { .. } | Overlay::DiskChoice(_) => {}
            Overlay::Form(form) => form.paste(&text),
            Overlay::Search(_) | Overlay::Filter(_) => {
                if let Some(input) = self.overlay_input() {
                    input.insert(&text);
                }
                self.overlay_changed();
            }
            Overlay::None => {
                let lines: Vec<String> = text
                    .split('\n')
                    .filter(|l| !l.trim().is_empty())
                    .map(clean_line)
                    .collect();
                if !text.contains('\n') || self.editing.is_some() {
                    // One line, or a note being edited: the text joins the line as typed.
                    self.capture.insert(&text);
                } else if lines.len() + self.pending.len() <= PASTE_AT_ONCE {
                    let mut lines = lines.into_iter();
                    self.capture.insert(&lines.next().unwrap_or_default());
                    self.pending.extend(lines);
                    self.commit_capture();
                } else {
                    self.pending.extend(lines);
                    self.say(
                        format!(
                            "{} pasted lines wait: {} records them all as notes · {} drops them",
                            thousands(self.pending.len()),
                            self.keymap.hint(Action::Confirm),
                            self.keymap.hint(Action::Cancel)
                        ),
                        false,
                    );
                }
                self.refresh_completion();
            }
        }
        self.remember_unsaved();
    }

    /// Why a paste is refused whole, if it is: too large to be notes, or to fit a field.
    fn refuse_paste(&self, text: &str) -> Option<String> {
        let for_file = "nothing was added; a whole file of notes goes in with \
                        `rapporteur import notes FILE notes.txt`";
        if text.len() > PASTE_MAX_BYTES {
            return Some(format!(
                "paste of {} refused: more than {} at once; {for_file}",
                size_label(text.len()),
                size_label(PASTE_MAX_BYTES)
            ));
        }
        let field = match &self.overlay {
            Overlay::None if self.editing.is_none() => None,
            Overlay::None => Some("a note being edited"),
            Overlay::Search(_) => Some("a search"),
            Overlay::Filter(_) => Some("the speaker filter"),
            Overlay::Form(_) => Some("a form field"),
            Overlay::Help { .. } | Overlay::DiskChoice(_) => return None,
        };
        if let Some(field) = field {
            let limit = if self.editing.is_some() {
                NOTE_MAX_CHARS
            } else {
                FIELD_MAX_CHARS
            };
            let chars = text.chars().count();
            return (chars > limit).then(|| {
                format!(
                    "paste of {} characters refused: {field} holds {} at most",
                    thousands(chars),
                    thousands(limit)
                )
            });
        }
        let mut lines = 0;
        for (number, line) in text.split(['\n', '\r']).enumerate() {
            let chars = line.chars().count();
            if chars > NOTE_MAX_CHARS {
                return Some(format!(
                    "paste refused: its line {} has {} characters, more than a note holds ({}); \
                     nothing was added",
                    thousands(number + 1),
                    thousands(chars),
                    thousands(NOTE_MAX_CHARS)
                ));
            }
            lines += usize::from(!line.trim().is_empty());
        }
        (lines + self.pending.len() > PASTE_MAX_LINES).then(|| {
            format!(
                "paste of {} lines refused: more than {} at once; {for_file}",
                thousands(lines),
                thousands(PASTE_MAX_LINES)
            )
        })
    }

    /// Types one character into whatever has the cursor.
    pub fn type_char(&mut self, c: char) {
        match &mut self.overlay {
            Overlay::Help { .. } => {}
            Overlay::DiskChoice(_) => self.choose_on_disk(c),
            Overlay::Form(form) => form.type_char(c, &self.session),
            Overlay::Search(_) | Overlay::Filter(_) => {
                if let Some(input) = self.overlay_input() {
                    input.insert_char(c);
                }
                self.overlay_changed();
            }
            Overlay::None => {
                self.capture.insert_char(c);
                self.refresh_completion();
            }
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
            _ => match std::mem::take(&mut self.overlay) {
                Overlay::None => self.update_capture(action),
                Overlay::Help { scroll } => self.update_help(action, scroll),
                Overlay::Form(form) => self.update_form(action, form),
                Overlay::Search(search) => self.update_search(action, search),
                Overlay::Filter(filter) => self.update_filter(action, filter),
                Overlay::DiskChoice(choice) => self.update_disk_choice(action, choice),
            },
        }
        self.remember_unsaved();
    }

    fn update_capture(&mut self, action: Action) {
        let popup = self.completion.is_some();
        match action {
            Action::Confirm if popup && !self.enter_commits() => {
                // A tag ends a thought: accept it and commit. A name is followed by the note.
                let tag = self
                    .completion
                    .as_ref()
                    .is_some_and(|c| c.token.kind == CompletionKind::Tag);
                self.accept_completion();
                if tag && self.completion.is_none() && matches!(self.overlay, Overlay::None) {
                    self.commit_capture();
                }
            }
            Action::Confirm => self.commit_capture(),
            Action::Complete if popup => self.accept_completion(),
            Action::Up | Action::CompletePrev if popup => self.step_completion(-1),
            Action::Down if popup => self.step_completion(1),
            Action::Cancel => self.cancel(),
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-(self.notes_height.get().max(2) as isize - 1)),
            Action::PageDown => self.move_selection(self.notes_height.get().max(2) as isize - 1),
            Action::First => self.select_first(),
            Action::Last => self.selected = None,
            Action::EditNote => self.start_edit(false),
            Action::RetagNote => self.start_edit(true),
            Action::DeleteNote => self.delete_note(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Search => self.open_search(),
            Action::SearchNext => self.step_last_search(1),
            Action::SearchPrev => self.step_last_search(-1),
            Action::FilterSpeakers => {
                self.overlay = Overlay::Filter(Filter::default());
                self.overlay_changed();
            }
            editing => {
                if self.capture.apply(editing) {
                    self.refresh_completion();
                }
            }
        }
    }

    fn update_help(&mut self, action: Action, scroll: usize) {
        let last = help::line_count(&self.keymap).saturating_sub(1);
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

    fn update_form(&mut self, action: Action, mut form: Form) {
        if action == Action::Cancel {
            self.say("nothing added; the line is as you typed it", false);
            return;
        }
        if !form.update(action, &self.session) {
            self.overlay = Overlay::Form(form);
            return;
        }
        let (edit, typed) = match form.edit(&self.session) {
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
            super::form::FormKind::Participant => CompletionKind::Speaker,
            super::form::FormKind::Priority => CompletionKind::Tag,
        };
        self.put_token(kind, start, end, &typed);
        if retry {
            self.commit_capture();
        } else {
            self.say(format!("added {typed}"), false);
        }
    }

    fn update_search(&mut self, action: Action, mut search: Search) {
        match action {
            Action::Cancel => {
                self.selected = search.origin;
                return;
            }
            Action::Confirm => {
                if !search.done {
                    self.scan_notes(&mut search, usize::MAX);
                }
                self.last_search = search.matches;
                self.last_search_at = search.at;
                if self.last_search.is_empty() {
                    self.selected = search.origin;
                }
                return;
            }
            Action::Up | Action::SearchPrev | Action::CompletePrev => {
                search.at = step(search.at, -1, search.matches.len())
            }
            Action::Down | Action::SearchNext | Action::Complete => {
                search.at = step(search.at, 1, search.matches.len())
            }
            other => {
                if search.input.apply(other) {
                    self.overlay = Overlay::Search(search);
                    self.overlay_changed();
                    return;
                }
            }
        }
        self.selected = search.matches.get(search.at).copied().or(search.origin);
        self.overlay = Overlay::Search(search);
    }

    fn update_filter(&mut self, action: Action, mut filter: Filter) {
        match action {
            Action::Cancel => return,
            Action::Confirm | Action::Complete => {
                if let Some(&index) = filter.matches.get(filter.selected) {
                    self.give_floor_on_line(index);
                }
                return;
            }
            Action::Up | Action::CompletePrev => {
                filter.selected = step(filter.selected, -1, filter.matches.len())
            }
            Action::Down => filter.selected = step(filter.selected, 1, filter.matches.len()),
            other => {
                if filter.input.apply(other) {
                    self.overlay = Overlay::Filter(filter);
                    self.overlay_changed();
                    return;
                }
            }
        }
        self.overlay = Overlay::Filter(filter);
    }

    fn overlay_input(&mut self) -> Option<&mut LineInput> {
        match &mut self.overlay {
            Overlay::Search(s) => Some(&mut s.input),
            Overlay::Filter(f) => Some(&mut f.input),
            _ => None,
        }
    }

    /// Reruns the search or the filter after its query changed.
    fn overlay_changed(&mut self) {
        match std::mem::take(&mut self.overlay) {
            Overlay::Search(mut search) => {
                search.scored.clear();
                search.matches.clear();
                search.matched.clear();
                search.scanned = 0;
                search.at = 0;
                search.done = false;
                self.scan_notes(&mut search, SEARCH_FIRST_SLICE);
                self.selected = search.matches.first().copied().or(search.origin);
                self.overlay = Overlay::Search(search);
            }
            Overlay::Filter(mut filter) => {
                let query = filter.input.text().trim();
                filter.matches =
                    self.resolver
                        .rank_indices(&self.session.participants, query, usize::MAX);
                filter.selected = 0;
                self.overlay = Overlay::Filter(filter);
            }
            other => self.overlay = other,
        }
    }

    fn cancel(&mut self) {
        if let Some(completion) = self.completion.take() {
            self.dismissed = Some((completion.token.kind, completion.token.start));
        } else if let Some(editing) = self.editing.take() {
            self.capture.set_text(&editing.draft);
            self.say("edit cancelled", false);
        } else if !self.pending.is_empty() {
            let n = self.pending.len();
            self.pending.clear();
            self.say(format!("dropped {n} pasted lines that were waiting"), false);
        } else {
            self.selected = None;
        }
    }

    // ---- completion ----------------------------------------------------------------------

    /// The completion popup, when one is open.
    pub fn completion(&self) -> Option<&Completion> {
        match self.overlay {
            Overlay::None => self.completion.as_ref(),
            _ => None,
        }
    }

    fn refresh_completion(&mut self) {
        let Some(token) = token_at(self.capture.text(), self.capture.cursor()) else {
            self.completion = None;
            self.dismissed = None;
            return;
        };
        if self.dismissed == Some((token.kind, token.start)) {
            self.completion = None;
            return;
        }
        self.dismissed = None;
        let session = &self.session;
        let candidates: Vec<Candidate> = match token.kind {
            CompletionKind::Speaker => self
                .resolver
                .rank(&session.participants, token.query.trim(), POPUP_ROWS)
                .into_iter()
                .map(|p| Candidate {
                    id: p.id.clone(),
                    label: p.name.clone(),
                    detail: participant_detail(session, p),
                })
                .collect(),
            CompletionKind::Tag => self
                .resolver
                .rank(&session.priorities, &token.query, POPUP_ROWS)
                .into_iter()
                .map(|p| Candidate {
                    id: p.id.clone(),
                    label: format!("#{}", p.id),
                    detail: p.title.clone(),
                })
                .collect(),
        };
        let selected = match &self.completion {
            Some(old) if old.token.start == token.start && old.token.kind == token.kind => {
                old.selected
            }
            _ => 0,
        };
        let mut completion = Completion {
            token,
            candidates,
            selected,
        };
        completion.selected = completion.selected.min(completion.rows().saturating_sub(1));
        self.completion = Some(completion);
    }

    fn step_completion(&mut self, delta: isize) {
        if let Some(completion) = &mut self.completion {
            completion.step(delta);
        }
    }

    /// Whether Enter should commit the line rather than accept the popup: what is typed
    /// already names the highlighted candidate exactly, or the "add" row is highlighted
    /// (committing offers the same form, then carries on with the line).
    fn enter_commits(&self) -> bool {
        let Some(c) = &self.completion else {
            return false;
        };
        let typed = c.token.query.trim();
        let Some(candidate) = c.candidates.get(c.selected) else {
            return true;
        };
        match c.token.kind {
            CompletionKind::Tag => typed.eq_ignore_ascii_case(&candidate.id),
            CompletionKind::Speaker => {
                typed.eq_ignore_ascii_case(&candidate.id)
                    || typed.eq_ignore_ascii_case(&candidate.label)
            }
        }
    }

    fn accept_completion(&mut self) {
        let Some(c) = self.completion.take() else {
            return;
        };
        let Token {
            kind, start, end, ..
        } = c.token.clone();
        match c.candidates.get(c.selected) {
            Some(candidate) => {
                let text = match kind {
                    CompletionKind::Tag => candidate.id.clone(),
                    CompletionKind::Speaker => self.name_to_type(&candidate.id),
                };
                self.put_token(kind, start, end, &text);
            }
            None => {
                let then = AfterForm::Complete { start, end };
                self.overlay = Overlay::Form(match kind {
                    CompletionKind::Speaker => Form::participant(&c.token.query, then),
                    CompletionKind::Tag => Form::priority(&c.token.query, then),
                });
            }
        }
    }

    /// The name to type for a participant: the name if it finds them alone, else the id.
    fn name_to_type(&self, id: &str) -> String {
        let Some(p) = self.session.participant(id) else {
            return id.to_string();
        };
        match self.resolver.participant(&self.session, &p.name) {
            Resolution::Found(found) if found.id == p.id => p.name.clone(),
            _ => p.id.clone(),
        }
    }

    /// Replaces the token at `start..end` with `text`, ready to go on typing after it.
    fn put_token(&mut self, kind: CompletionKind, start: usize, end: usize, text: &str) {
        self.capture.replace(start + 1, end, text);
        let cursor = self.capture.cursor();
        let next = self.capture.text().chars().nth(cursor);
        match kind {
            CompletionKind::Speaker => match next {
                Some(':') => self.capture.set_cursor(cursor + 1),
                Some('(') => self.capture.insert(" "),
                _ => self.capture.insert(": "),
            },
            CompletionKind::Tag => match next {
                Some(c) if c.is_whitespace() => self.capture.set_cursor(cursor + 1),
                _ => self.capture.insert(" "),
            },
        }
        self.refresh_completion();
    }

    // ---- committing ----------------------------------------------------------------------

    /// Commits the capture line (or the note being edited), then any pasted lines waiting.
    fn commit_capture(&mut self) {
        let line = self.capture.text().to_string();
        if self.editing.is_some() {
            self.commit_edit(&line);
            return;
        }
        if !self.pending.is_empty() {
            // A paste: its first line (as completed in the capture line) and the rest, together.
            if !line.trim().is_empty() {
                self.pending.push_front(line);
            }
            self.capture.clear();
            self.record_pending();
            self.refresh_completion();
            return;
        }
        if !line.trim().is_empty() && !self.record_line(&line) {
            return;
        }
        self.capture.clear();
        self.refresh_completion();
    }

    /// Records the pasted lines waiting as one change: one write to disk, one undo. Stops at
    /// the first line with a problem, which is left to fix in the capture line, the rest waiting.
    fn record_pending(&mut self) {
        let mut edits = Vec::new();
        let mut undo_lines = Vec::new();
        let mut recorded = 0;
        let mut stopped_at = None;
        // Each line is resolved against the session as the lines before it left it, so they
        // are applied in memory as they go, then taken back out and committed together.
        while let Some(line) = self.pending.pop_front() {
            let applied = recorder::record(&self.session, &self.resolver, &line, self.now)
                .ok()
                .and_then(|r| {
                    let inverses = self.session.apply_all(r.edits.clone()).ok()?;
                    Some((r.edits, inverses))
                });
            match applied {
                Some((line_edits, inverses)) => {
                    edits.extend(line_edits);
                    undo_lines.push(inverses);
                    recorded += usize::from(!line.trim().is_empty());
                }
                None => {
                    stopped_at = Some(line);
                    break;
                }
            }
        }
        for inverses in undo_lines.into_iter().rev() {
            for inverse in inverses {
                self.session
                    .apply(inverse)
                    .expect("an inverse always applies");
            }
        }
        if !edits.is_empty() {
            if self.commit_change(edits).is_err() {
                return;
            }
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
    fn record_line(&mut self, line: &str) -> bool {
        let error = match recorder::record(&self.session, &self.resolver, line, self.now) {
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
                            .session
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
        self.capture.set_text(line);
        let column = error.column.saturating_sub(1);
        self.capture.set_cursor(column + 1);
        let token =
            token_at(line, column + 1).map_or((column, line.chars().count()), |t| (t.start, t.end));
        let then = AfterForm::Retry {
            start: token.0,
            end: token.1,
        };
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
            Problem::AmbiguousSpeaker { .. } | Problem::AmbiguousTag { .. } => {
                // Open the popup on the token so the right one is a keypress away.
                self.capture.set_cursor(token.1);
                self.dismissed = None;
                self.refresh_completion();
                self.say(error.to_string(), true);
            }
            _ => self.say(format!("column {}: {error}", error.column), true),
        }
        false
    }

    /// Commits edits as one undoable change, all or none.
    fn commit_change(&mut self, edits: Vec<Edit>) -> Result<(), String> {
        match self.commit(edits) {
            Ok(inverses) => {
                self.undo.push(inverses);
                self.redo.clear();
                Ok(())
            }
            Err(reason) => {
                self.say(reason.clone(), true);
                Err(reason)
            }
        }
    }

    /// The one way the session changes: `edits` applied all or none, made durable, and
    /// folded into the tally, the timeline and the roster counts. Returns the inverses
    /// in the order that undoes them.
    fn commit(&mut self, edits: Vec<Edit>) -> Result<Vec<Edit>, String> {
        let from = edits
            .iter()
            .map(|e| first_touched_intervention(&self.session, e))
            .min()
            .unwrap_or(usize::MAX);
        let removed_speaker = self
            .session
            .interventions
            .last()
            .map(|i| i.participant.clone());
        let applied = edits.clone();
        let inverses = match &mut self.store {
            Some(store) => match store.commit_all(&mut self.session, edits) {
                Ok(inverses) => inverses,
                Err(CommitError::Rejected(e)) => return Err(e.to_string()),
                Err(CommitError::NotDurable(NotDurable { inverses, error })) => {
                    self.say(
                        format!(
                            "NOT SAVED: {error}; {} retries",
                            self.keymap.hint(Action::Save)
                        ),
                        true,
                    );
                    inverses
                }
            },
            None => apply_all(&mut self.session, edits)?,
        };
        for edit in &applied {
            self.tally.apply(&self.session, edit);
            match edit {
                Edit::StartIntervention { participant, .. } => {
                    *self.spoke.entry(participant.clone()).or_default() += 1;
                }
                Edit::RemoveLastIntervention { .. } => {
                    if let Some(count) =
                        removed_speaker.as_ref().and_then(|p| self.spoke.get_mut(p))
                    {
                        *count = count.saturating_sub(1);
                    }
                }
                _ => {}
            }
        }
        self.timeline.sync(&self.session, from);
        Ok(inverses)
    }

    fn undo(&mut self) {
        let Some(change) = self.undo.pop() else {
            self.say("nothing to undo", false);
            return;
        };
        match self.commit(change.clone()) {
            Ok(redo) => {
                self.redo.push(redo);
                self.forget_missing_selection();
                self.say(
                    format!("undone · {} redoes", self.keymap.hint(Action::Redo)),
                    false,
                );
            }
            Err(reason) => {
                self.undo.push(change);
                self.say(format!("cannot undo: {reason}"), true);
            }
        }
    }

    fn redo(&mut self) {
        let Some(change) = self.redo.pop() else {
            self.say("nothing to redo", false);
            return;
        };
        match self.commit(change.clone()) {
            Ok(undo) => {
                self.undo.push(undo);
                self.forget_missing_selection();
                self.say("redone", false);
            }
            Err(reason) => {
                self.redo.push(change);
                self.say(format!("cannot redo: {reason}"), true);
            }
        }
    }

    fn save(&mut self) {
        let Some(store) = &mut self.store else {
            self.say("this session has no file", true);
            return;
        };
        let was_missing = self.disk == Some(DiskChange::Missing);
        let result = store.save(&mut self.session);
        self.check_disk();
        match result {
            Ok(()) if was_missing => self.say(
                format!("{} was missing: written back", self.file_label()),
                false,
            ),
            Ok(()) => self.say(format!("saved {}", self.file_label()), false),
            Err(StorageError::ChangedOnDisk(_)) => self.open_disk_choice(AfterChoice::Stay),
            Err(error) => {
                let reason = self.save_failure(&error);
                self.say(reason, true);
            }
        }
    }

    /// A failed save in plain words: what went wrong and where the notes are meanwhile.
    fn save_failure(&self, error: &StorageError) -> String {
        let file = self.file_label();
        let StorageError::Write { error, .. } = error else {
            return error.to_string();
        };
        let why = plain_io_error(error);
        let safe = match self.saved_state() {
            SavedState::Behind => "your notes are kept in memory".to_string(),
            SavedState::Journaled => format!("every note is safe in {file}.journal"),
            _ => "nothing is lost".to_string(),
        };
        format!(
            "NOT SAVED to {file}: {why}; {safe}; {} retries",
            self.keymap.hint(Action::Save)
        )
    }

    // ---- the file under our feet -----------------------------------------------------------

    /// Checks, at most once a second, whether another program changed, moved or deleted
    /// the session file (a stat, no read). Call it on every turn of the event loop.
    pub fn tick(&mut self) {
        let due = self
            .disk_checked
            .is_none_or(|at| at.elapsed() >= std::time::Duration::from_secs(1));
        if due {
            self.check_disk();
        }
    }

    /// Checks now whether another program changed, moved or deleted the session file.
    pub fn check_disk(&mut self) {
        let disk = self.store.as_ref().and_then(SessionFile::disk_change);
        if disk.is_some() && disk != self.disk {
            // News of the file outranks an older message: let the bar explain it.
            self.message = None;
        }
        self.disk = disk;
        self.disk_checked = Some(std::time::Instant::now());
    }

    /// How the session file on disk differs from what the screen last wrote, as last checked.
    pub fn disk_change(&self) -> Option<DiskChange> {
        self.disk
    }

    /// Quits, unless another program changed the file: then asks what to keep first.
    fn ask_quit(&mut self) {
        self.check_disk();
        if self.disk == Some(DiskChange::Modified) {
            self.open_disk_choice(AfterChoice::Quit);
        } else {
            self.quit = true;
        }
    }

    fn open_disk_choice(&mut self, then: AfterChoice) {
        let Some(path) = self.file_path() else {
            return;
        };
        let copy = free_copy_path(path, self.now);
        self.overlay = Overlay::DiskChoice(DiskChoice {
            then,
            copy,
            error: None,
        });
    }

    fn update_disk_choice(&mut self, action: Action, choice: DiskChoice) {
        match action {
            Action::Cancel if choice.then == AfterChoice::Quit => {
                self.say("not quitting: the meeting goes on", false)
            }
            Action::Cancel => self.say(
                format!(
                    "nothing overwritten; notes keep going to the journal · {} to choose again",
                    self.keymap.hint(Action::Save)
                ),
                false,
            ),
            _ => self.overlay = Overlay::DiskChoice(choice),
        }
    }

    /// A key typed while the choice is open: copy, overwrite, or nothing.
    fn choose_on_disk(&mut self, c: char) {
        let Overlay::DiskChoice(choice) = std::mem::take(&mut self.overlay) else {
            return;
        };
        let result = match c.to_ascii_lowercase() {
            disk::COPY_KEY => self.keep_both(),
            disk::OVERWRITE_KEY => self.overwrite(),
            _ => {
                self.overlay = Overlay::DiskChoice(choice);
                return;
            }
        };
        self.check_disk();
        match result {
            Ok(said) => {
                self.say(said, false);
                if choice.then == AfterChoice::Quit {
                    self.quit = true;
                }
            }
            Err(error) => {
                self.overlay = Overlay::DiskChoice(DiskChoice {
                    error: Some(error),
                    ..choice
                })
            }
        }
    }

    /// Writes the session over the file, whatever another program put there.
    fn overwrite(&mut self) -> Result<String, String> {
        let Some(store) = &mut self.store else {
            return Err("this session has no file".into());
        };
        match store.overwrite(&mut self.session) {
            Ok(()) => Ok(format!("wrote your version over {}", self.file_label())),
            Err(error) => Err(self.save_failure(&error)),
        }
    }

    /// Saves the session as a new file beside the changed one and goes on in it; the
    /// changed file is left as the other program wrote it.
    fn keep_both(&mut self) -> Result<String, String> {
        let Some(path) = self.file_path().map(Path::to_path_buf) else {
            return Err("this session has no file".into());
        };
        let copy = free_copy_path(&path, self.now);
        match storage::save_copy(&self.session, &copy) {
            Ok(()) => {}
            Err(error) => return Err(format!("could not save a copy: {error}")),
        }
        let (store, _, _) = SessionFile::open(&copy)
            .map_err(|e| format!("saved {} but could not open it: {e}", copy.display()))?;
        // The old journal holds this session's edits, now all in the copy: replayed onto the
        // other program's version it would mix the two, so it goes with the old file's lock.
        drop(self.store.replace(store));
        self.session.journal_seq = 0;
        let journal = storage::journal_path(&path);
        let kept = match std::fs::remove_file(&journal) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                format!(" (could not remove {}: {e})", journal.display())
            }
            _ => String::new(),
        };
        self.remember_unsaved();
        Ok(format!(
            "your version is now {}; {} is left as the other program wrote it{kept}",
            self.file_label(),
            path.file_name().unwrap_or_default().to_string_lossy()
        ))
    }

    // ---- notes: selection, edit, delete ----------------------------------------------------

    /// The selected note (or the one being edited).
    pub fn selected_note(&self) -> Option<Serial> {
        self.editing.as_ref().map(|e| e.note).or(self.selected)
    }

    fn latest_note(&self) -> Option<Serial> {
        self.session
            .interventions
            .iter()
            .rev()
            .find_map(|i| i.notes.last().map(|n| n.id))
    }

    fn move_selection(&mut self, delta: isize) {
        let rows = self.timeline.rows();
        let from = self
            .selected
            .and_then(|id| self.timeline.row_of_note(&self.session, id))
            .unwrap_or(rows);
        let target = (from as isize + delta).clamp(-1, rows as isize);
        if target >= rows as isize {
            self.selected = None;
            return;
        }
        let target = target.max(0) as usize;
        // Land on a note: further in the direction of travel, else back the other way.
        let forward = |r: usize| (r..rows).find_map(|r| self.note_at(r));
        let backward = |r: usize| (0..=r).rev().find_map(|r| self.note_at(r));
        let found = if delta < 0 {
            backward(target).or_else(|| forward(target))
        } else {
            forward(target)
        };
        match found {
            Some(id) => self.selected = Some(id),
            None if delta > 0 => self.selected = None,
            None => {}
        }
    }

    fn note_at(&self, row: usize) -> Option<Serial> {
        match self.timeline.at(row)? {
            Row::Note(i, n) => Some(self.session.interventions[i].notes[n].id),
            Row::Header(_) => None,
        }
    }

    fn select_first(&mut self) {
        if let Some(id) = (0..self.timeline.rows()).find_map(|r| self.note_at(r)) {
            self.selected = Some(id);
        }
    }

    fn forget_missing_selection(&mut self) {
        if self
            .selected
            .is_some_and(|id| self.session.note(id).is_none())
        {
            self.selected = None;
        }
    }

    fn start_edit(&mut self, retag: bool) {
        if self.editing.is_some() {
            return;
        }
        let Some(id) = self.selected.or_else(|| self.latest_note()) else {
            self.say("no note to edit yet", false);
            return;
        };
        let Some(note) = self.session.note(id) else {
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
        self.editing = Some(Editing {
            note: id,
            draft: self.capture.text().to_string(),
        });
        self.selected = Some(id);
        self.capture.set_text(&line);
        self.refresh_completion();
    }

    /// Saves the note being edited from `line`: text and tags, or only tags when the text is left out.
    fn commit_edit(&mut self, line: &str) {
        let Some(editing) = self.editing.clone() else {
            return;
        };
        let Some(old) = self.session.note(editing.note).cloned() else {
            self.editing = None;
            self.say("that note is gone", true);
            return;
        };
        let draft = match syntax::parse(line) {
            Ok(CaptureLine::Entry(c)) if c.speaker.is_none() && c.time.is_none() => c.note,
            Ok(CaptureLine::Entry(_)) => {
                self.say(
                    "an edited note keeps its speaker and time: type only its text and #tags",
                    true,
                );
                return;
            }
            Ok(_) => None,
            Err(e) => {
                self.capture.set_cursor(e.column.saturating_sub(1));
                self.say(e.to_string(), true);
                return;
            }
        };
        let mut note = old.clone();
        match draft {
            Some(draft) => {
                match recorder::resolve_tags(&self.session, &self.resolver, &draft.tags) {
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
                            self.capture.set_cursor(token.1);
                            self.refresh_completion();
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
        self.editing = None;
        self.capture.set_text(&editing.draft);
        self.refresh_completion();
        self.say("note saved", false);
    }

    fn delete_note(&mut self) {
        let Some(id) = self.selected.or_else(|| self.latest_note()) else {
            self.say("no note to delete", false);
            return;
        };
        let row = self.timeline.row_of_note(&self.session, id);
        let text = self
            .session
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

    // ---- search and roster filter ----------------------------------------------------------

    fn open_search(&mut self) {
        self.overlay = Overlay::Search(Search {
            origin: self.selected,
            ..Search::default()
        });
    }

    /// Scans about `notes` more notes for the search's query (fuzzily, in text and tags);
    /// the best so far is selected, and once all are scanned the matches are ranked.
    fn scan_notes(&self, search: &mut Search, notes: usize) {
        let query = search.input.text().trim();
        let interventions = &self.session.interventions;
        if query.is_empty() {
            search.scanned = interventions.len();
        }
        let mut seen = 0;
        while seen < notes && search.scanned < interventions.len() {
            for note in &interventions[search.scanned].notes {
                let text = self.matcher.fuzzy_match(&note.text, query);
                let tag = note
                    .tags
                    .iter()
                    .filter_map(|t| self.matcher.fuzzy_match(t, query))
                    .max();
                if let Some(score) = text.max(tag) {
                    search.scored.push((score, note.id));
                }
            }
            seen += 1 + interventions[search.scanned].notes.len();
            search.scanned += 1;
        }
        if search.scanned < interventions.len() {
            search.matches = search
                .scored
                .iter()
                .max()
                .map(|(_, id)| *id)
                .into_iter()
                .collect();
        } else {
            // Best first; among equals, the latest first. Letters scattered across a long
            // note score far below the real matches: keep those within reach of the best.
            search.scored.sort_unstable_by(|a, b| b.cmp(a));
            let floor = search.scored.first().map_or(0, |(best, _)| best / 2);
            search.matches = search
                .scored
                .iter()
                .take_while(|(score, _)| *score >= floor)
                .map(|(_, id)| *id)
                .collect();
            search.matched = search.matches.iter().copied().collect();
            search.done = true;
        }
        search.at = 0;
    }

    /// Whether work waits to be done between keys (a search still scanning).
    pub fn has_work(&self) -> bool {
        matches!(&self.overlay, Overlay::Search(s) if !s.done)
    }

    /// Does waiting work for about `budget`, a slice at a time.
    pub fn work(&mut self, budget: std::time::Duration) {
        let Overlay::Search(mut search) = std::mem::take(&mut self.overlay) else {
            return;
        };
        let started = std::time::Instant::now();
        while !search.done && started.elapsed() < budget {
            self.scan_notes(&mut search, SEARCH_SLICE);
        }
        self.selected = search.matches.first().copied().or(search.origin);
        self.overlay = Overlay::Search(search);
    }

    fn step_last_search(&mut self, delta: isize) {
        if self.last_search.is_empty() {
            self.open_search();
            return;
        }
        self.last_search
            .retain(|id| self.session.note(*id).is_some());
        self.last_search_at = step(self.last_search_at, delta, self.last_search.len());
        self.selected = self.last_search.get(self.last_search_at).copied();
        self.say(
            format!(
                "match {} of {}",
                self.last_search_at + 1,
                self.last_search.len()
            ),
            false,
        );
    }

    /// Whether the note is one of the current search's matches.
    pub fn is_search_match(&self, id: Serial) -> bool {
        match &self.overlay {
            Overlay::Search(search) => search.matched.contains(&id),
            _ => false,
        }
    }

    /// The roster filter, while it is open.
    pub fn speaker_filter(&self) -> Option<&Filter> {
        match &self.overlay {
            Overlay::Filter(filter) => Some(filter),
            _ => None,
        }
    }

    /// Puts `@Name: ` at the start of the capture line for participant `index`.
    fn give_floor_on_line(&mut self, index: usize) {
        let id = self.session.participants[index].id.clone();
        let name = self.name_to_type(&id);
        let line = self.capture.text().to_string();
        match token_at(&line, line.chars().count()).filter(|t| t.kind == CompletionKind::Speaker) {
            Some(t) => self.put_token(CompletionKind::Speaker, t.start, t.end, &name),
            None => {
                let rest = match syntax::parse(&line) {
                    Ok(CaptureLine::Entry(c)) if c.speaker.is_some() => line
                        .split_once(':')
                        .map_or("", |(_, rest)| rest)
                        .trim_start()
                        .to_string(),
                    _ => line.trim_start().to_string(),
                };
                self.capture.set_text(&format!("@{name}: {rest}"));
                self.refresh_completion();
            }
        }
    }

    // ---- what the view reads -----------------------------------------------------------------

    /// The input with the cursor: search or filter query, else the capture line.
    pub fn active_input(&self) -> &LineInput {
        match &self.overlay {
            Overlay::Search(s) => &s.input,
            Overlay::Filter(f) => &f.input,
            _ => &self.capture,
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
                        (true, n) => format!("{} of {n}", s.at + 1),
                    },
                    keys.hint(Action::Confirm),
                    keys.hint(Action::Cancel)
                ),
                "words from a note or a #tag".into(),
            ),
            Overlay::Filter(_) => (
                format!(
                    " Find a speaker · {} puts them on the line ",
                    keys.hint(Action::Confirm)
                ),
                "name, affiliation or id".into(),
            ),
            _ if self.editing.is_some() => (
                format!(
                    " Editing a note · {} saves · {} cancels ",
                    keys.hint(Action::Confirm),
                    keys.hint(Action::Cancel)
                ),
                "text #tags (tags alone keep the text)".into(),
            ),
            _ => {
                let who = match self.session.interventions.last() {
                    Some(i) => {
                        let name = self
                            .session
                            .participant(&i.participant)
                            .map_or(i.participant.as_str(), |p| &p.name);
                        let chat = if i.channel == Channel::Chat {
                            " (chat)"
                        } else {
                            ""
                        };
                        format!(" Note for {}{chat} ", super::text::visible(name))
                    }
                    None => " Note ".to_string(),
                };
                let waiting = match self.pending.len() {
                    0 => String::new(),
                    n => format!("· {n} pasted lines waiting "),
                };
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
        self.store.as_ref().map(SessionFile::path)
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
        match &self.store {
            None => SavedState::InMemory,
            Some(store) if store.is_behind() => SavedState::Behind,
            Some(store) if store.has_journal() => SavedState::Journaled,
            Some(_) => SavedState::OnDisk,
        }
    }

    /// Seconds since the meeting's first intervention, if it has begun.
    pub fn elapsed(&self) -> Option<u32> {
        let first = self.session.interventions.first()?;
        Some(first.start.until(self.now))
    }

    /// The participant holding the floor (an open floor turn), if any.
    pub fn floor_holder(&self) -> Option<&Slug> {
        self.open_floor().map(|i| &i.participant)
    }

    /// Who holds the floor and for how many seconds.
    pub fn floor_with_time(&self) -> Option<(&Participant, u32)> {
        let turn = self.open_floor()?;
        let participant = self.session.participant(&turn.participant)?;
        Some((participant, turn.start.until(self.now)))
    }

    fn open_floor(&self) -> Option<&crate::model::Intervention> {
        // Chat inputs run alongside the floor: look back past them to the last floor turn.
        self.session
            .interventions
            .iter()
            .rev()
            .find(|i| i.channel == Channel::Floor)
            .filter(|i| i.end.is_none())
    }

    /// Interventions a participant has made so far.
    pub fn interventions_of(&self, id: &str) -> usize {
        self.spoke.get(id).copied().unwrap_or(0)
    }

    /// Records the notes pane's height, for paging.
    pub(super) fn remember_notes_height(&self, height: usize) {
        self.notes_height.set(height);
    }

    /// Lines typed but not committed: the draft (not a note being edited) and pasted lines waiting.
    pub fn unsaved_lines(&self) -> Vec<&str> {
        let draft = match &self.editing {
            Some(editing) => editing.draft.as_str(),
            None => self.capture.text(),
        };
        std::iter::once(draft)
            .chain(self.pending.iter().map(String::as_str))
            .filter(|l| !l.trim().is_empty())
            .collect()
    }

    fn remember_unsaved(&self) {
        if let Some(path) = self.file_path() {
            terminal::remember_unsaved(path, &self.unsaved_lines());
        }
    }

    /// Saves the session into its file, removes the journal and releases the lock; returns
    /// the file the session is in.
    ///
    /// If another program changed the file and nobody was asked (a signal, a closed
    /// terminal), both versions are kept: this session goes to a copy beside it, whose
    /// path is returned. On a failed save the journal stays, and the session comes back
    /// from it when the file is opened again.
    pub fn close(mut self) -> Result<Option<PathBuf>, String> {
        if self.store.as_ref().and_then(SessionFile::disk_change) == Some(DiskChange::Modified) {
            self.keep_both()?;
        }
        let Some(store) = self.store.take() else {
            return Ok(None);
        };
        let path = store.path().to_path_buf();
        let file = self.file_label_of(&path);
        store
            .close(&mut self.session)
            .map_err(|error| match error {
                StorageError::Write { error, .. } => format!(
                    "could not save {file}: {}; every note is in {file}.journal and comes back \
                 when you open {file} again",
                    plain_io_error(&error)
                ),
                other => other.to_string(),
            })?;
        Ok(Some(path))
    }

    fn file_label_of(&self, path: &Path) -> String {
        path.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }
}

/// `n` with a thin separator between thousands, as the status bar shows counts.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A size in bytes for people: `10.0 MB`, `512 KB`.
fn size_label(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Why a write failed, in words a user acts on.
fn plain_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (is the folder read-only?)".to_string()
        }
        std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
        _ => error.to_string(),
    }
}

/// The first `FILE.mine-HHMMSS.ron` beside `path` that does not exist yet.
fn free_copy_path(path: &Path, now: Clock) -> PathBuf {
    (0..)
        .map(|n| disk::copy_path(path, now, n))
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// Moves `at` by `delta` within `0..len`, wrapping around.
fn step(at: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (at as isize + delta).rem_euclid(len as isize) as usize
}

fn participant_detail(session: &Session, p: &Participant) -> String {
    let group = session
        .group(&p.group)
        .map_or(p.group.as_str(), |g| g.name.as_str());
    if p.affiliation.is_empty() {
        group.to_string()
    } else {
        format!("{} · {group}", p.affiliation)
    }
}

fn count_interventions(session: &Session) -> HashMap<Slug, usize> {
    let mut counts = HashMap::new();
    for i in &session.interventions {
        *counts.entry(i.participant.clone()).or_default() += 1;
    }
    counts
}

/// Applies `edits` in order, all or none; returns the inverses in the order that undoes them.
fn apply_all(session: &mut Session, edits: Vec<Edit>) -> Result<Vec<Edit>, String> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match session.apply(edit) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    session.apply(inverse).expect("an inverse always applies");
                }
                return Err(error.to_string());
            }
        }
    }
    inverses.reverse();
    Ok(inverses)
}

/// The first intervention whose timeline rows an edit changes (past the end when none).
fn first_touched_intervention(session: &Session, edit: &Edit) -> usize {
    let len = session.interventions.len();
    match edit {
        Edit::StartIntervention { .. } => len,
        Edit::RemoveLastIntervention { .. } => len.saturating_sub(1),
        Edit::InsertNote { intervention, .. } => {
            session.intervention_index(*intervention).unwrap_or(len)
        }
        Edit::DeleteNote(id) => session.note_position(*id).map_or(len, |(i, _)| i),
        Edit::InsertIntervention { index, .. } => (*index).min(len),
        Edit::RemoveIntervention(id) => session.intervention_index(*id).unwrap_or(len),
        Edit::UpdateNote(_)
        | Edit::AddParticipant(_)
        | Edit::RemoveParticipant(_)
        | Edit::AddPriority(_)
        | Edit::RemovePriority(_) => len,
    }
}
