//! Helpers shared by the screen's tests: the example session, key replay, drawing.

#![allow(dead_code)]

use std::path::Path;

use rapporteur::clock::Clock;
use rapporteur::keymap::{Key, Keymap};
use rapporteur::model::{Group, Participant, Priority, Session};
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

/// The screen's text after drawing, a line per row.
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    let backend = draw(app, width, height);
    let buffer = backend.buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn group(id: &str, name: &str) -> Group {
    Group {
        id: id.into(),
        name: name.into(),
        singular: name.to_lowercase(),
        plural: name.to_lowercase(),
        counts_for_convergence: true,
    }
}

/// A housing hearing: accented names, two Marias, two Annas, and priorities whose titles
/// share words with tags nobody has created yet.
pub fn hearing() -> Session {
    let mut s = Session::default();
    s.meta.title = "Housing hearing".into();
    s.groups = vec![
        group("residents", "Residents"),
        group("council", "City council"),
        group("landlords", "Landlords"),
    ];
    let people = [
        (
            "maria-garcia",
            "María García",
            "Tenants' Union",
            "residents",
        ),
        ("maria-rossi", "Maria Rossi", "Rossi Lettings", "landlords"),
        ("jose-nunez", "José Núñez", "Ward 3", "council"),
        ("siobhan-oconnor", "Siobhán O'Connor", "Ward 5", "council"),
        ("jurgen-weiss", "Jürgen Weiß", "Weiß Estates", "landlords"),
        (
            "priya-raman",
            "Priya Raman",
            "Renters' Network",
            "residents",
        ),
        ("anna-lindqvist", "Anna Lindqvist", "Ward 1", "council"),
        (
            "anna-lindgren",
            "Anna Lindgren",
            "Eastside Residents",
            "residents",
        ),
        ("amara-osei", "Amara Osei", "Ward 2", "council"),
        ("jon-reyes", "Jon Reyes", "Shelter Network", "residents"),
        (
            "dana-whitfield",
            "Dana Whitfield",
            "Landlords' Federation",
            "landlords",
        ),
    ];
    for (id, name, affiliation, group) in people {
        s.participants.push(Participant {
            id: id.into(),
            name: name.into(),
            affiliation: affiliation.into(),
            group: group.into(),
            role: None,
            chair: false,
        });
    }
    for (id, title) in [
        ("homes", "Build more homes near transit"),
        ("affordable-stock", "Protect the affordable stock"),
        ("rent-cap", "Cap rent rises"),
    ] {
        s.priorities.push(Priority {
            id: id.into(),
            title: title.into(),
            description: None,
        });
    }
    s
}
