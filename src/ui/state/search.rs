//! The search across notes and the speaker filter: their queries, matches and the
//! highlighted match.

use std::collections::{HashMap, HashSet};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::line::LineInput;
use crate::action::Action;
use crate::model::{Serial, Session};
use crate::names::accent_key;
use crate::resolve::Resolver;

/// Notes a search scans per slice of the work done between keys.
pub const SEARCH_SLICE: usize = 4_000;
/// Notes scanned at once when the query changes: a short meeting is searched before the
/// next frame, a long one goes on between keys, so a key in the search box never waits long.
pub const SEARCH_FIRST_SLICE: usize = 500;

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
    pub origin: Option<Serial>,
    /// Scores found so far, exact matches first; a long meeting is scanned a slice at a
    /// time between keys.
    scored: Vec<(bool, i64, Serial)>,
    /// How many of the matches hold the query as typed (folded); the rest are loose.
    pub exact: usize,
    /// Interventions scanned so far.
    scanned: usize,
    /// Whether the whole meeting has been scanned for this query.
    pub done: bool,
    /// Each scanned note's text folded (case, accents): every key of one search scans the
    /// same notes again, and folding is most of the cost of a note that is not ASCII.
    folded_texts: HashMap<Serial, String>,
}

/// What an action in the search box asks of the screen.
#[derive(Debug, PartialEq, Eq)]
pub enum SearchOutcome {
    /// Still searching; the match shown may have moved.
    Open,
    /// The query changed: scan again.
    QueryChanged,
    /// Closed, keeping the place: these are the matches to step through later.
    Kept,
    /// Closed, back where it started.
    Cancelled,
}

impl Search {
    /// A search starting from the selected note.
    pub fn from(origin: Option<Serial>) -> Search {
        Search {
            origin,
            ..Search::default()
        }
    }

    /// Carries out an action in the search box.
    pub fn update(&mut self, action: Action) -> SearchOutcome {
        match action {
            Action::Cancel => return SearchOutcome::Cancelled,
            Action::Confirm => return SearchOutcome::Kept,
            Action::Up | Action::SearchPrev | Action::CompletePrev => {
                self.at = step(self.at, -1, self.matches.len())
            }
            Action::Down | Action::SearchNext | Action::Complete => {
                self.at = step(self.at, 1, self.matches.len())
            }
            other => {
                if self.input.apply(other) {
                    return SearchOutcome::QueryChanged;
                }
            }
        }
        SearchOutcome::Open
    }

    /// The note shown: the highlighted match, else where the search started.
    pub fn shown(&self) -> Option<Serial> {
        self.matches.get(self.at).copied().or(self.origin)
    }

    /// Whether the note is one of the matches.
    pub fn is_match(&self, id: Serial) -> bool {
        self.matched.contains(&id)
    }

    /// Starts over for a changed query, scanning the first slice at once.
    pub fn restart(&mut self, session: &Session, matcher: &SkimMatcherV2) {
        self.scored.clear();
        self.matches.clear();
        self.matched.clear();
        self.exact = 0;
        self.scanned = 0;
        self.at = 0;
        self.done = false;
        self.scan(session, matcher, SEARCH_FIRST_SLICE);
    }

    /// Scans about `notes` more notes for the query: notes that hold it (case and accents
    /// folded) in their text or tags first, then loose fuzzy matches; the best so far is
    /// shown, and once all are scanned the matches are ranked.
    pub fn scan(&mut self, session: &Session, matcher: &SkimMatcherV2, notes: usize) {
        let query = self.input.text().trim();
        let folded = accent_key(query);
        let interventions = &session.interventions;
        if query.is_empty() {
            self.scanned = interventions.len();
        }
        let mut seen = 0;
        while seen < notes && self.scanned < interventions.len() {
            for note in &interventions[self.scanned].notes {
                let text = self
                    .folded_texts
                    .entry(note.id)
                    .or_insert_with(|| accent_key(&note.text));
                let holds = text.contains(&folded)
                    || note.tags.iter().any(|t| accent_key(t).contains(&folded));
                if holds {
                    self.scored.push((true, 0, note.id));
                    continue;
                }
                let text = matcher.fuzzy_match(&note.text, query);
                let tag = note
                    .tags
                    .iter()
                    .filter_map(|t| matcher.fuzzy_match(t, query))
                    .max();
                if let Some(score) = text.max(tag) {
                    self.scored.push((false, score, note.id));
                }
            }
            seen += 1 + interventions[self.scanned].notes.len();
            self.scanned += 1;
        }
        if self.scanned < interventions.len() {
            self.matches = self
                .scored
                .iter()
                .max()
                .map(|(_, _, id)| *id)
                .into_iter()
                .collect();
        } else {
            // Exact first, then the best loose ones; among equals, the latest first.
            // Letters scattered across a long note score far below the real matches: keep
            // the loose ones within reach of the best.
            self.scored.sort_unstable_by(|a, b| b.cmp(a));
            self.exact = self
                .scored
                .iter()
                .take_while(|(exact, _, _)| *exact)
                .count();
            let best_loose = self
                .scored
                .get(self.exact)
                .map_or(0, |(_, score, _)| *score);
            let floor = best_loose / 2;
            self.matches = self
                .scored
                .iter()
                .take_while(|(exact, score, _)| *exact || *score >= floor)
                .map(|(_, _, id)| *id)
                .collect();
            self.matched = self.matches.iter().copied().collect();
            self.done = true;
        }
        self.at = 0;
    }

    /// Whether the match shown is a loose one (it does not hold the query as typed).
    pub fn shown_is_loose(&self) -> bool {
        self.done && self.at >= self.exact && !self.matches.is_empty()
    }
}

/// The matches of the last search kept, to step through with F3 and Shift-F3.
#[derive(Debug, Default)]
pub struct LastSearch {
    /// The matches, best first.
    pub matches: Vec<Serial>,
    /// The one shown last.
    pub at: usize,
}

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

/// What an action in the speaker filter asks of the screen.
#[derive(Debug, PartialEq, Eq)]
pub enum FilterOutcome {
    /// Still open.
    Open,
    /// Closed with this participant (an index into the roster) chosen.
    Chosen(usize),
    /// Closed with nobody chosen.
    Closed,
}

impl Filter {
    /// Carries out an action in the filter box.
    pub fn update(
        &mut self,
        action: Action,
        session: &Session,
        resolver: &Resolver,
    ) -> FilterOutcome {
        match action {
            Action::Cancel => return FilterOutcome::Closed,
            Action::Confirm | Action::Complete => {
                return match self.matches.get(self.selected) {
                    Some(&index) => FilterOutcome::Chosen(index),
                    None => FilterOutcome::Closed,
                };
            }
            Action::Up | Action::CompletePrev => {
                self.selected = step(self.selected, -1, self.matches.len())
            }
            Action::Down => self.selected = step(self.selected, 1, self.matches.len()),
            other => {
                if self.input.apply(other) {
                    self.refresh(session, resolver);
                }
            }
        }
        FilterOutcome::Open
    }

    /// Ranks the roster against the query again.
    pub fn refresh(&mut self, session: &Session, resolver: &Resolver) {
        let query = self.input.text().trim();
        self.matches = resolver.rank_indices(&session.participants, query, usize::MAX);
        self.selected = 0;
    }
}

/// Moves `at` by `delta` within `0..len`, wrapping around.
pub fn step(at: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (at as isize + delta).rem_euclid(len as isize) as usize
}
