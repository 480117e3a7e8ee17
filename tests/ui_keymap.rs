//! Keymaps as the user meets them: chosen on the command line or in the config
//! directory, refused with `file:line:col` when broken, shown in help.

mod cli_support;
mod ui_support;

use cli_support::rapporteur_at_home;
use rapporteur::clock::Clock;
use rapporteur::keymap::Keymap;
use rapporteur::ui::App;
use ui_support::{draw, example_session, press};

#[test]
fn a_broken_keymap_is_reported_and_nothing_starts() {
    let dir = tempfile::tempdir().unwrap();
    let keymap = dir.path().join("mine.ron");
    std::fs::write(
        &keymap,
        "(keys: {\n    \"ctrl-s\": save,\n    \"ctrl-shft-x\": quit,\n})\n",
    )
    .unwrap();
    let session = dir.path().join("m.ron");
    let out = rapporteur_at_home(
        &[
            "--keymap",
            keymap.to_str().unwrap(),
            session.to_str().unwrap(),
        ],
        dir.path(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("mine.ron:3:"), "{stderr}");
    assert!(stderr.contains("unknown modifier \"shft\""), "{stderr}");
    assert!(out.stdout.is_empty(), "the screen never started");
    assert!(!session.exists(), "no session was created on a guess");
}

#[test]
fn a_broken_user_keymap_in_the_config_directory_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config/rapporteur");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("keymap.ron"), "(keys: {\"f5\": sav})").unwrap();
    let out = rapporteur_at_home(&[dir.path().join("m.ron").to_str().unwrap()], dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("keymap.ron:1:"), "{stderr}");
    let clean = tempfile::tempdir().unwrap();
    let out = rapporteur_at_home(&["--keymap", "dvorak", "x.ron"], clean.path());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such keymap"));
}

#[test]
fn user_keymap_merges_over_the_default_and_help_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("keymap.ron"),
        "(keys: {\"f5\": search, \"ctrl-f\": ignore})",
    )
    .unwrap();
    let keymap = Keymap::load(Some("emacs"), Some(dir.path())).unwrap();
    assert_eq!(keymap.sources.len(), 3);
    let mut app = App::new(example_session(), keymap);
    app.set_now(Clock::hms(12, 0, 0));
    press(&mut app, &["f1"]);
    let screen = draw(&mut app, 160, 60).to_string();
    let line_of = |what: &str| {
        screen
            .lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("help lacks {what:?}:\n{screen}"))
            .to_string()
    };
    assert!(line_of("edit the selected note").contains("alt-e"));
    assert!(line_of("start of line").contains("ctrl-a"));
    let search = line_of("search the notes");
    assert!(
        search.contains("f5") && search.contains("ctrl-s") && !search.contains("ctrl-f"),
        "{search}"
    );
}

#[test]
fn every_built_in_keymap_loads() {
    for name in ["default", "vim", "emacs"] {
        Keymap::load(Some(name), None).unwrap_or_else(|e| panic!("{e}"));
    }
}
