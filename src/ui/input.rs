//! Terminal key events as keymap [`Key`]s and back: the one place where
//! crossterm's keys meet the keymap, so the keymap knows no terminal.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::keymap::{Key, KeyName};

/// The key of a terminal key event, or `None` for keys keymaps cannot name.
pub fn key_of(event: &KeyEvent) -> Option<Key> {
    let code = match event.code {
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
