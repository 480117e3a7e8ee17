//! The live screen: three panes (speakers, notes, tally), the capture line and a status bar.
//!
//! Terminal events become [`input::Input`]s, the keymap turns keys into
//! [`Action`](crate::action::Action)s, [`App`] routes each to the widget that has
//! the keys, whose state lives in [`state`]; [`render`] lays the panes out, then
//! the [`view`]s draw them, only reading. One [`theme`] holds every style.

mod app;
pub mod input;
pub mod latency;
pub mod run;
pub mod state;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod view;

pub use app::{App, Message, Overlay, TallyView, ViewState};
pub use state::disk::{AfterChoice, DiskChoice};
pub use state::paste::{
    FIELD_MAX_CHARS, NOTE_MAX_CHARS, PASTE_AT_ONCE, PASTE_MAX_BYTES, PASTE_MAX_LINES,
};
pub use text::visible;
pub use view::layout::{MIN_HEIGHT, MIN_WIDTH};

pub use crate::meeting::SavedState;

/// Lays out and draws the whole screen: what the panes need is computed first and kept
/// in the app, then the views draw, only reading.
pub fn render(app: &mut App, frame: &mut ratatui::Frame) {
    let area = frame.area();
    app.prepare_roster();
    if let Some(areas) = view::layout::areas(area) {
        let inner = view::layout::inner(areas.notes);
        let (height, width) = (usize::from(inner.height), usize::from(inner.width));
        let (top, lines) = view::notes::visible_lines(app, height, width);
        app.keep_notes_layout(top, height, lines);
    }
    if matches!(app.overlay, Overlay::Help { .. }) {
        let lines = view::help::line_count(&app.keymap);
        app.keep_help_lines(lines);
    }
    view::layout::draw(app, area, frame.buffer_mut());
}
