//! The review before exporting: the priorities in report order, and for the selected one
//! its figures, the rapporteur's lead, and its notes with what the report does with each.
//!
//! The choices themselves are pure functions from one [`Review`] to the next, so the
//! screen commits each as one undoable edit.

use ratatui_textarea::TextArea;

use super::line::LineInput;
use crate::model::{NoteKind, Review, Section, Serial, Session, Slug};

/// Which list the arrows move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The priorities, in report order.
    Priorities,
    /// The selected priority's notes.
    Notes,
}

/// What is being typed in the review.
#[derive(Debug)]
pub enum Editor {
    /// The lead remark of the selected priority, over several lines.
    Lead(Box<TextArea<'static>>),
    /// The report's introduction: the remarks that lead no priority, as one text.
    Introduction(Box<TextArea<'static>>),
    /// The heading of a section opening at the selected priority.
    Heading(LineInput),
    /// The selected priority's title.
    Rename(LineInput),
}

/// The review view's state.
#[derive(Debug)]
pub struct ReviewState {
    /// Which list has the arrows.
    pub focus: Focus,
    /// The selected priority, by position in report order.
    pub priority: usize,
    /// The selected note, by position among the priority's notes.
    pub note: usize,
    /// What is being typed, if anything.
    pub editor: Option<Editor>,
    /// A note being folded into another: the next fold key names the one it repeats.
    pub folding: Option<Serial>,
}

impl Default for ReviewState {
    fn default() -> Self {
        ReviewState {
            focus: Focus::Priorities,
            priority: 0,
            note: 0,
            editor: None,
            folding: None,
        }
    }
}

/// The keys of the review, which types no text: (key, what it does), for hints and help.
pub const KEYS: [(char, &str); 8] = [
    ('e', "write the lead"),
    ('i', "the introduction"),
    ('h', "section heading"),
    ('r', "rename"),
    ('x', "leave the note out / in"),
    ('q', "the quote that speaks for it"),
    ('f', "fold a repeat into the note it repeats"),
    ('m', "move the priority down (M: up)"),
];

/// The priorities in report order, as the report has them.
pub use crate::export::report_order;

/// The notes of a priority, supporting or opposing it, in meeting order.
pub fn notes_of(session: &Session, priority: &str) -> Vec<Serial> {
    session
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .filter(|n| n.stance_on(priority).is_some())
        .map(|n| n.id)
        .collect()
}

/// The review with the priority moved `delta` places in report order.
pub fn moved(review: &Review, order: &[Slug], id: &str, delta: isize) -> Review {
    let mut order = order.to_vec();
    let Some(at) = order.iter().position(|p| p == id) else {
        return review.clone();
    };
    let to = (at as isize + delta).clamp(0, order.len() as isize - 1) as usize;
    let item = order.remove(at);
    order.insert(to, item);
    Review {
        order,
        ..review.clone()
    }
}

/// The review with the note left out, or back in when it was out.
pub fn toggled_out(review: &Review, note: Serial) -> Review {
    let mut review = review.clone();
    if review.left_out.contains(&note) {
        review.left_out.retain(|n| *n != note);
    } else {
        review.left_out.push(note);
        review.left_out.sort_unstable();
    }
    review
}

/// The review with `note` as the quote that speaks for the priority, or no longer.
pub fn toggled_quote(review: &Review, priority: &str, note: Serial) -> Review {
    let mut review = review.clone();
    let was = review.quote_for(priority);
    review.quotes.retain(|c| c.priority != priority);
    if was != Some(note) {
        review.quotes.push(crate::model::Chosen {
            priority: priority.to_string(),
            note,
        });
    }
    review
}

/// The review with `note` folded into `into`, or unfolded when it already was.
pub fn folded(review: &Review, note: Serial, into: Serial) -> Review {
    let mut review = review.clone();
    let was = review
        .folded
        .iter()
        .any(|f| f.note == note && f.into == into);
    review.folded.retain(|f| f.note != note);
    if !was && note != into {
        review.folded.push(crate::model::Folded { note, into });
    }
    review
}

/// The review with a section heading before the priority (none when `title` is blank).
pub fn with_heading(review: &Review, priority: &str, title: &str) -> Review {
    let mut review = review.clone();
    review.sections.retain(|s| s.before != priority);
    if !title.trim().is_empty() {
        review.sections.push(Section {
            title: title.trim().to_string(),
            before: priority.to_string(),
        });
    }
    review
}

/// Whether a note can be the quote that speaks for a priority.
pub fn is_quote(session: &Session, note: Serial) -> bool {
    session
        .note(note)
        .is_some_and(|n| n.kind == NoteKind::Quote)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_toggle_and_keep_the_rest() {
        let r = Review::default();
        let r = toggled_out(&r, 7);
        assert_eq!(r.left_out, [7]);
        assert!(toggled_out(&r, 7).left_out.is_empty());
        let r = toggled_quote(&r, "health", 9);
        assert_eq!(r.quote_for("health"), Some(9));
        assert_eq!(toggled_quote(&r, "health", 9).quote_for("health"), None);
        assert_eq!(
            toggled_quote(&r, "health", 10).quote_for("health"),
            Some(10)
        );
        let r = folded(&r, 11, 9);
        assert!(r.leaves_out(11) && r.leaves_out(7) && !r.leaves_out(9));
        let r = with_heading(&r, "health", "WHAT should partners do?");
        assert_eq!(r.heading_before("health"), Some("WHAT should partners do?"));
        assert_eq!(
            with_heading(&r, "health", " ").heading_before("health"),
            None
        );
        let order: Vec<Slug> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(moved(&r, &order, "a", 1).order, ["b", "a", "c"]);
        assert_eq!(moved(&r, &order, "a", -1).order, ["a", "b", "c"]);
        assert_eq!(moved(&r, &order, "c", -5).order, ["c", "a", "b"]);
    }
}
