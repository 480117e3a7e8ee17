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

/// Lays out and draws the whole screen: [`App::prepare`], then the views.
pub fn render(app: &mut App, frame: &mut ratatui::Frame) {
    let area = frame.area();
    app.prepare(area);
    view::layout::draw(app, area, frame.buffer_mut());
}
