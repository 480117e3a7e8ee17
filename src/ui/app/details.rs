//! The meeting's details in the screen, one key away and never opening by itself.

use super::{App, Overlay};
use crate::action::Action;
use crate::ui::state::details::Details;

impl App {
    /// Opens the details form on the meeting as it stands.
    pub(super) fn open_details(&mut self) {
        self.overlay = Overlay::Details(Box::new(Details::of(self.session())));
    }

    pub(super) fn update_details(&mut self, action: Action, mut details: Box<Details>) {
        if action == Action::Cancel {
            self.say("details unchanged", false);
            return;
        }
        if !details.update(action) {
            self.overlay = Overlay::Details(details);
            return;
        }
        match details.edits(self.session()) {
            Ok(edits) if edits.is_empty() => self.say("details unchanged", false),
            Ok(edits) => {
                if let Err(reason) = self.commit_change(edits) {
                    details.error = Some((details.focus, reason));
                    self.overlay = Overlay::Details(details);
                    return;
                }
                self.say(
                    format!("details saved · {} undoes", self.keymap.hint(Action::Undo)),
                    false,
                );
            }
            Err((at, why)) => {
                details.focus = at;
                details.error = Some((at, why));
                self.overlay = Overlay::Details(details);
            }
        }
    }
}
