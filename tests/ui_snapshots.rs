//! Snapshots of the screen on the example session, at 80x24 and 160x48.

mod ui_support;

use rapporteur::clock::Clock;
use ui_support::{app, draw, example_session, press, type_text};

/// Five minutes after the last speaker took the floor.
const NOW: Clock = Clock(11 * 3600 + 56 * 60);

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

#[test]
fn empty_capture_line() {
    let mut app = app(example_session(), NOW);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("empty_{w}x{h}"), draw(&mut app, w, h));
    }
}

#[test]
fn completion_popup_open() {
    let mut app = app(example_session(), NOW);
    type_text(&mut app, "@ami");
    assert!(app.completion().is_some());
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("speaker_popup_{w}x{h}"), draw(&mut app, w, h));
    }
    let mut app = ui_support::app(example_session(), NOW);
    type_text(&mut app, "@Amina: more data on returns #da");
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("tag_popup_{w}x{h}"), draw(&mut app, w, h));
    }
}

#[test]
fn help() {
    let mut app = app(example_session(), NOW);
    press(&mut app, &["f1"]);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("help_{w}x{h}"), draw(&mut app, w, h));
    }
}

#[test]
fn voice_balance() {
    let mut app = app(example_session(), NOW);
    press(&mut app, &["f2"]);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("voice_balance_{w}x{h}"), draw(&mut app, w, h));
    }
}

#[test]
fn selected_note_and_search() {
    let mut app = app(example_session(), NOW);
    press(&mut app, &["up", "up", "up"]);
    insta::assert_snapshot!("selected_80x24", draw(&mut app, 80, 24));
    press(&mut app, &["ctrl-f"]);
    type_text(&mut app, "recruit");
    insta::assert_snapshot!("search_80x24", draw(&mut app, 80, 24));
}

#[test]
fn terminal_too_small() {
    let mut app = app(example_session(), NOW);
    insta::assert_snapshot!("too_small_50x12", draw(&mut app, 50, 12));
    insta::assert_snapshot!("too_small_100x10", draw(&mut app, 100, 10));
}
