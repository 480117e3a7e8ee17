//! The meeting's details in the screen, one key away and never opening by itself.

use super::{App, Overlay};
use crate::action::Action;
use crate::edit::Edit;
use crate::model::Meta;
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
                let forgotten = forgotten_translations(&self.session().meta, &edits);
                if let Err(reason) = self.commit_change(edits) {
                    details.error = Some((details.focus, reason));
                    self.overlay = Overlay::Details(details);
                    return;
                }
                self.say(
                    format!(
                        "details saved{forgotten} · {} undoes",
                        self.keymap.hint(Action::Undo)
                    ),
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

/// "; its fr format no longer matched and was taken out (rapporteur edit --in fr)", when
/// the form changed English words a translation had.
fn forgotten_translations(before: &Meta, edits: &[Edit]) -> String {
    let Some(Edit::UpdateMeta(after)) = edits.first() else {
        return String::new();
    };
    let mut said = Vec::new();
    for (tag, old) in &before.translations {
        let new = after.translations.get(tag);
        for (what, was, is) in [
            ("title", &old.title, new.map(|t| &t.title)),
            ("theme", &old.theme, new.map(|t| &t.theme)),
            ("format", &old.format, new.map(|t| &t.format)),
        ] {
            if !was.is_empty() && is.is_none_or(|s| s.is_empty()) {
                said.push(format!("its {tag} {what}"));
            }
        }
    }
    match said.first() {
        None => String::new(),
        Some(_) => format!(
            "; {} no longer matched and was taken out (rapporteur edit --in {})",
            crate::export::join(&said),
            before
                .translations
                .keys()
                .next()
                .map_or("fr", |t| t.as_str())
        ),
    }
}
