//! Terminal events become input values in one place: a key press or a paste.
//! Crossterm's keys become keymap [`Key`]s here too, so the keymap knows no terminal.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::keymap::{Key, KeyName};

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
    key_of(event).map(Input::Key)
}

/// The input of a terminal event, if it is one the screen handles (resizes only redraw).
pub fn from_event(event: Event) -> Option<Input> {
    match event {
        Event::Key(key) => from_key_event(&key),
        Event::Paste(text) => Some(Input::Paste(text)),
        _ => None,
    }
}

/// The key of a terminal key event, or `None` for keys keymaps cannot name.
pub fn key_of(event: &KeyEvent) -> Option<Key> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let code = match event.code {
        // The control bytes 0x1c to 0x1e come as ctrl-4 to ctrl-6: they are what ctrl-\,
        // ctrl-] and ctrl-^ send (0x1f, ctrl-7, is folded into ctrl-_ by `normalised`).
        KeyCode::Char('4') if ctrl => KeyName::Char('\\'),
        KeyCode::Char('5') if ctrl => KeyName::Char(']'),
        KeyCode::Char('6') if ctrl => KeyName::Char('^'),
        KeyCode::Char(c) => KeyName::Char(c),
        KeyCode::F(n) => KeyName::F(n),
        KeyCode::Enter => KeyName::Enter,
        KeyCode::Esc => KeyName::Esc,
        KeyCode::Tab => KeyName::Tab,
        KeyCode::BackTab => KeyName::BackTab,
        KeyCode::Backspace => KeyName::Backspace,
        KeyCode::Delete => KeyName::Delete,
        KeyCode::Insert => KeyName::Insert,
        KeyCode::Home => KeyName::Home,
        KeyCode::End => KeyName::End,
        KeyCode::PageUp => KeyName::PageUp,
        KeyCode::PageDown => KeyName::PageDown,
        KeyCode::Up => KeyName::Up,
        KeyCode::Down => KeyName::Down,
        KeyCode::Left => KeyName::Left,
        KeyCode::Right => KeyName::Right,
        _ => return None,
    };
    let m = event.modifiers;
    Some(
        Key {
            ctrl: m.contains(KeyModifiers::CONTROL),
            alt: m.contains(KeyModifiers::ALT),
            shift: m.contains(KeyModifiers::SHIFT),
            code,
        }
        .normalised(),
    )
}

/// The terminal key event `key` stands for (for replaying keys into the screen).
pub fn event_of(key: Key) -> KeyEvent {
    let code = match key.code {
        KeyName::Char(c) => KeyCode::Char(c),
        KeyName::F(n) => KeyCode::F(n),
        KeyName::Enter => KeyCode::Enter,
        KeyName::Esc => KeyCode::Esc,
        KeyName::Tab => KeyCode::Tab,
        KeyName::BackTab => KeyCode::BackTab,
        KeyName::Backspace => KeyCode::Backspace,
        KeyName::Delete => KeyCode::Delete,
        KeyName::Insert => KeyCode::Insert,
        KeyName::Home => KeyCode::Home,
        KeyName::End => KeyCode::End,
        KeyName::PageUp => KeyCode::PageUp,
        KeyName::PageDown => KeyCode::PageDown,
        KeyName::Up => KeyCode::Up,
        KeyName::Down => KeyCode::Down,
        KeyName::Left => KeyCode::Left,
        KeyName::Right => KeyCode::Right,
    };
    let mut modifiers = KeyModifiers::NONE;
    modifiers.set(KeyModifiers::CONTROL, key.ctrl);
    modifiers.set(KeyModifiers::ALT, key.alt);
    modifiers.set(KeyModifiers::SHIFT, key.shift);
    KeyEvent::new(code, modifiers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    #[test]
    fn events_match_key_strings() {
        let event = |code, modifiers| key_of(&KeyEvent::new(code, modifiers)).unwrap();
        assert_eq!(
            event(KeyCode::Char('s'), KeyModifiers::CONTROL),
            key("ctrl-s")
        );
        assert_eq!(
            event(
                KeyCode::Char('Z'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            ),
            key("ctrl-shift-z")
        );
        assert_eq!(
            event(
                KeyCode::Char('z'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            ),
            key("ctrl-shift-z")
        );
        assert_eq!(
            event(KeyCode::BackTab, KeyModifiers::SHIFT),
            key("shift-tab")
        );
        assert_eq!(event(KeyCode::F(1), KeyModifiers::NONE), key("f1"));
        for text in ["ctrl-s", "alt-enter", "shift-f3", "A", "backtab"] {
            assert_eq!(key_of(&event_of(key(text))), Some(key(text)));
        }
    }
}
