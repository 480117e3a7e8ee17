//! Helpers shared by the screen's tests: the example session, key replay, drawing.

#![allow(dead_code)]

use std::path::Path;

use rapporteur::clock::Clock;
use rapporteur::keymap::{Key, Keymap};
use rapporteur::model::Session;
use rapporteur::ui::input::event_of;
use rapporteur::ui::{self, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The GFMD 2020 example session shipped in `sessions/`.
pub fn example_session() -> Session {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/gfmd-2020-migrant-protection.ron");
    rapporteur::storage::load(&path).expect("the example session loads")
}

/// A screen on `session` in memory, its clock stopped at `now`.
pub fn app(session: Session, now: Clock) -> App {
    let mut app = App::new(session, Keymap::default());
    app.set_now(now);
    app
}

/// Presses the keys named by key strings, e.g. `press(&mut app, &["ctrl-e", "enter"])`.
pub fn press(app: &mut App, keys: &[&str]) {
    for key in keys {
        let key: Key = key.parse().unwrap_or_else(|e| panic!("{key}: {e}"));
        app.handle_key(event_of(key));
    }
}

/// Types `text` one key at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = Key::plain(rapporteur::keymap::KeyName::Char(c));
        app.handle_key(event_of(key));
    }
}

/// Types `text` and presses Enter.
pub fn line(app: &mut App, text: &str) {
    type_text(app, text);
    press(app, &["enter"]);
}

/// Draws the screen at `width`x`height` and returns the backend, for a snapshot.
pub fn draw(app: &mut App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| ui::render(app, frame))
        .expect("drawing never fails");
    terminal.backend().clone()
}
