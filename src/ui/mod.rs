//! The live screen: three panes (speakers, notes, tally), the capture line and a status bar.
//!
//! Terminal events become [`Action`](crate::action::Action)s through the keymap,
//! [`App::update`] changes the state, and [`render`] only reads it.

mod app;
mod capture;
mod disk;
mod form;
mod help;
pub mod input;
pub mod latency;
mod layout;
mod notes;
mod speakers;
mod status;
mod tally;
pub mod terminal;
mod text;

pub use app::{
    App, FIELD_MAX_CHARS, NOTE_MAX_CHARS, Overlay, PASTE_AT_ONCE, PASTE_MAX_BYTES, PASTE_MAX_LINES,
    SavedState, TallyView,
};
pub use disk::{AfterChoice, DiskChoice};
pub use layout::{MIN_HEIGHT, MIN_WIDTH, render};
pub use text::visible;
