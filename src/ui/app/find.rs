//! Finding: the search across notes (scanned a slice at a time between keys), the
//! matches kept for F3, and the speaker filter that puts a name on the line.

use super::{App, Overlay};
use crate::model::Serial;
use crate::ui::state::form::Form;
use crate::ui::state::search::{Filter, FilterOutcome, SEARCH_SLICE, Search, SearchOutcome, step};

impl App {
    pub(super) fn open_search(&mut self) {
        self.overlay = Overlay::Search(Search::from(self.selected));
    }

    pub(super) fn open_filter(&mut self) {
        let mut filter = Filter::default();
        filter.refresh(self.meeting.session(), &self.resolver);
        self.overlay = Overlay::Filter(filter);
    }

    pub(super) fn update_search(&mut self, action: crate::action::Action, mut search: Search) {
        match search.update(action) {
            SearchOutcome::Cancelled => self.selected = search.origin,
            SearchOutcome::Kept => {
                if !search.done {
                    search.scan(self.meeting.session(), &self.matcher, usize::MAX);
                }
                if search.matches.is_empty() {
                    self.selected = search.origin;
                }
                self.last_search.at = search.at;
                self.last_search.matches = search.matches;
            }
            SearchOutcome::QueryChanged => {
                self.overlay = Overlay::Search(search);
                self.search_changed();
            }
            SearchOutcome::Open => {
                self.selected = search.shown();
                self.overlay = Overlay::Search(search);
            }
        }
    }

    /// Reruns the search after its query changed.
    pub(super) fn search_changed(&mut self) {
        if let Overlay::Search(search) = &mut self.overlay {
            search.restart(self.meeting.session(), &self.matcher);
            self.selected = search.matches.first().copied().or(search.origin);
        }
    }

    pub(super) fn update_filter(&mut self, action: crate::action::Action, mut filter: Filter) {
        // The highlighted person is sorted out in a form: name, affiliation, group.
        if action == crate::action::Action::EditNote {
            let Some(&index) = filter.matches.get(filter.selected) else {
                self.overlay = Overlay::Filter(filter);
                return;
            };
            let session = self.meeting.session();
            let form = Form::edit_participant(&session.participants[index], session);
            self.overlay = Overlay::Form(form);
            return;
        }
        match filter.update(action, self.meeting.session(), &self.resolver) {
            FilterOutcome::Open => self.overlay = Overlay::Filter(filter),
            FilterOutcome::Closed => {}
            FilterOutcome::Chosen(index) => {
                let id = self.session().participants[index].id.clone();
                self.with_capture(|c, l| c.give_floor(&id, l));
            }
        }
    }

    /// Whether work waits to be done between keys (a search still scanning).
    pub fn has_work(&self) -> bool {
        matches!(&self.overlay, Overlay::Search(s) if !s.done)
    }

    /// Does waiting work for about `budget`, a slice at a time.
    pub fn work(&mut self, budget: std::time::Duration) {
        let Overlay::Search(search) = &mut self.overlay else {
            return;
        };
        let started = std::time::Instant::now();
        while !search.done && started.elapsed() < budget {
            search.scan(self.meeting.session(), &self.matcher, SEARCH_SLICE);
        }
        self.selected = search.matches.first().copied().or(search.origin);
    }

    pub(super) fn step_last_search(&mut self, delta: isize) {
        if self.last_search.matches.is_empty() {
            self.open_search();
            return;
        }
        let session = self.meeting.session();
        self.last_search
            .matches
            .retain(|id| session.note(*id).is_some());
        let len = self.last_search.matches.len();
        self.last_search.at = step(self.last_search.at, delta, len);
        self.selected = self.last_search.matches.get(self.last_search.at).copied();
        self.say(format!("match {} of {len}", self.last_search.at + 1), false);
    }

    /// Whether the note is one of the current search's matches.
    pub fn is_search_match(&self, id: Serial) -> bool {
        match &self.overlay {
            Overlay::Search(search) => search.is_match(id),
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
}
