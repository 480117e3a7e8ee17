//! Terminal events become input values in one place: a key press or a paste.

use crossterm::event::{Event, KeyEvent, KeyEventKind};

use crate::keymap::Key;

/// One input the screen handles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key press, as keymaps name keys.
    Key(Key),
    /// Text pasted into the terminal.
    Paste(String),
}

/// The input of a terminal key event: presses only, keys keymaps can name.
pub fn from_key_event(event: &KeyEvent) -> Option<Input> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    Key::from_event(event).map(Input::Key)
}

/// The input of a terminal event, if it is one the screen handles (resizes only redraw).
pub fn from_event(event: Event) -> Option<Input> {
    match event {
        Event::Key(key) => from_key_event(&key),
        Event::Paste(text) => Some(Input::Paste(text)),
        _ => None,
    }
}
