//! Meetings typed key by key into a headless screen: the session and the tally that result.

mod ui_support;

mod cli_support;

use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::keymap::Keymap;
use rapporteur::model::{Channel, NoteKind, Participant, Session};
use rapporteur::storage::{self, SessionFile};
use rapporteur::tally::{Label, Tally};
use rapporteur::ui::{App, Overlay};
use ui_support::{app, line, press, type_text};

/// The GFMD template (groups and priorities) with three people on the roster.
fn roster() -> Session {
    let mut session = cli_support::gfmd_2020();
    for (id, name, affiliation, group) in [
        ("ana-lima", "Ana Lima", "Chile", "states"),
        ("bo-chen", "Bo Chen", "Fair Work Network", "civil-society"),
        ("ndeye-diop", "Ndèye Diop", "City of Dakar", "mayors"),
    ] {
        session
            .apply(Edit::AddParticipant(Participant {
                id: id.into(),
                name: name.into(),
                affiliation: affiliation.into(),
                group: group.into(),
                role: None,
                chair: false,
            }))
            .unwrap();
    }
    session
}

fn at(app: &mut App, h: u32, m: u32) {
    app.set_now(Clock::hms(h, m, 0));
}

fn texts(session: &Session) -> Vec<Vec<String>> {
    session
        .interventions
        .iter()
        .map(|i| i.notes.iter().map(|n| n.text.clone()).collect())
        .collect()
}

#[test]
fn a_meeting_typed_live() {
    let mut app = app(roster(), Clock::hms(10, 0, 0));

    line(&mut app, "@Ana: we need better data #data");
    at(&mut app, 10, 1);
    line(&mut app, "\"count every child\" #street");
    at(&mut app, 10, 2);
    line(&mut app, "@Bo (chat): fix the agencies #recruitment");
    at(&mut app, 10, 3);
    line(&mut app, "!sanctions for abusers #recruitment");
    at(&mut app, 10, 4);
    // The popup completes the accented name; Tab accepts it and adds ": ".
    type_text(&mut app, "@ndey");
    press(&mut app, &["tab"]);
    assert_eq!(app.capture_text(), "@Ndèye Diop: ");
    line(&mut app, "cities act first #local-partners #recruitment");

    // Someone not on the roster, tagging a priority that does not exist yet: both are
    // added at once, the line commits, and the status bar says so.
    at(&mut app, 10, 6);
    line(&mut app, "@Tom Vermeulen: business can help #jobs");
    assert!(
        matches!(app.overlay, Overlay::None),
        "no form opens by itself"
    );
    assert_eq!(app.capture_text(), "", "the line went through");
    let said = app.message().map(|m| m.text.clone()).unwrap_or_default();
    assert!(
        said.contains("Tom Vermeulen added to the roster (no group yet)"),
        "{said}"
    );
    assert!(said.contains("new priority #jobs “Jobs”"), "{said}");
    // His group is sorted out later, from the speaker filter, without hurry.
    press(&mut app, &["ctrl-p"]);
    type_text(&mut app, "tom");
    press(&mut app, &["ctrl-e"]);
    assert!(matches!(app.overlay, Overlay::Form(_)));
    type_text(&mut app, "b"); // the cursor starts on the group: picks Business
    press(&mut app, &["enter"]);
    assert!(matches!(app.overlay, Overlay::None));

    // Edit the latest note: new text and one more tag.
    press(&mut app, &["up", "ctrl-e"]);
    assert_eq!(app.capture_text(), "business can help #jobs");
    press(&mut app, &["ctrl-u"]);
    line(
        &mut app,
        "business can help fund training #jobs #business-partners",
    );

    // Retag the quote only, keeping its text.
    press(&mut app, &["ctrl-home", "down", "ctrl-t"]);
    assert_eq!(app.capture_text(), "#street-children ");
    type_text(&mut app, "#data");
    press(&mut app, &["enter"]);

    // Delete a note, undo, redo, undo again: it stays.
    press(&mut app, &["ctrl-end", "up", "up", "ctrl-d"]);
    assert_eq!(app.session().note_count(), 5);
    press(&mut app, &["ctrl-z", "ctrl-y", "ctrl-z"]);
    assert_eq!(app.session().note_count(), 6);

    let s = app.session();
    assert_eq!(s.participants.len(), 4);
    let tom = s.participant("tom-vermeulen").expect("Tom was added");
    assert_eq!(
        (tom.affiliation.as_str(), tom.group.as_str()),
        ("", "business"),
        "his group was sorted out later"
    );
    assert_eq!(s.priority("jobs").map(|p| p.title.as_str()), Some("Jobs"));

    let who: Vec<(&str, Channel)> = s
        .interventions
        .iter()
        .map(|i| (i.participant.as_str(), i.channel))
        .collect();
    assert_eq!(
        who,
        [
            ("ana-lima", Channel::Floor),
            ("bo-chen", Channel::Chat),
            ("ndeye-diop", Channel::Floor),
            ("tom-vermeulen", Channel::Floor),
        ]
    );
    // The line after the chat input went to Ana, who had the floor, not to the chat.
    assert_eq!(
        texts(s),
        [
            vec![
                "we need better data",
                "count every child",
                "sanctions for abusers"
            ],
            vec!["fix the agencies"],
            vec!["cities act first"],
            vec!["business can help fund training"],
        ]
    );
    let quote = &s.interventions[0].notes[1];
    assert_eq!(
        (quote.kind, quote.tags.clone()),
        (
            NoteKind::Quote,
            vec!["street-children".to_string(), "data".into()]
        )
    );
    let emphasized = &s.interventions[0].notes[2];
    assert!(emphasized.emphasis);
    assert_eq!(emphasized.time, Clock::hms(10, 3, 0));
    assert_eq!(
        s.interventions[3].notes[0].tags,
        ["jobs", "business-partners"]
    );
    // Ana's floor turn ended when Ndèye took the floor; the chat input ran alongside.
    assert_eq!(s.interventions[0].end, Some(Clock::hms(10, 4, 0)));

    // The live tally equals a fresh count, and reads as the meeting went.
    assert_eq!(app.tally(), &Tally::compute(s));
    let top = app.tally().ranked().next().unwrap();
    assert_eq!(top.id, "recruitment");
    assert_eq!(
        (
            top.interventions,
            top.counting_groups,
            top.counting_groups_total
        ),
        // Tom, sorted into business, makes four groups present.
        (3, 3, 4)
    );
    assert_eq!(
        app.tally().totals.not_in_group,
        0,
        "nobody is left without a group"
    );
    let data = app.tally().priority("data").unwrap();
    assert_eq!((data.interventions, data.notes), (1, 2));
    assert!(app.tally().priority("jobs").unwrap().has(Label::Once));
    assert_eq!(app.tally().totals.chat, 1);
    assert_eq!(app.interventions_of("ana-lima"), 1);
}

#[test]
fn undo_walks_back_to_the_start_and_redo_forward() {
    let start = roster();
    let mut app = app(start.clone(), Clock::hms(9, 0, 0));
    line(&mut app, "@Ana: one #data");
    line(&mut app, "two");
    line(&mut app, "@Bo: three");
    let typed = app.session().clone();
    press(&mut app, &["ctrl-z", "ctrl-z", "ctrl-z"]);
    assert_eq!(app.session().interventions, start.interventions);
    assert_eq!(app.tally(), &Tally::compute(&start));
    assert_eq!(app.interventions_of("ana-lima"), 0);
    press(&mut app, &["ctrl-y", "ctrl-y", "ctrl-y"]);
    assert_eq!(app.session().interventions, typed.interventions);
}

#[test]
fn a_paste_becomes_one_note_per_line_and_stops_at_a_problem() {
    let mut app = app(roster(), Clock::hms(9, 0, 0));
    app.handle_paste("@Ana: first\r\nsecond \u{1b}[31mred\n\n@Nobody Known: third\nfourth\n");
    assert_eq!(
        texts(app.session()),
        [vec!["first", "second ␛[31mred"], vec!["third", "fourth"]],
        "someone new is added at once, and the paste goes on"
    );
    assert!(app.session().participant("nobody-known").is_some());
    assert!(matches!(app.overlay, Overlay::None));
    // A line that cannot be read stops the paste there, the rest waiting.
    app.handle_paste("fifth\n[10:7x] sixth\nseventh\n");
    assert_eq!(app.capture_text(), "[10:7x] sixth");
    assert_eq!(app.unsaved_lines(), ["[10:7x] sixth", "seventh"]);
    press(
        &mut app,
        &[
            "home", "delete", "delete", "delete", "delete", "delete", "delete", "delete", "delete",
            "enter",
        ],
    );
    assert_eq!(
        texts(app.session()),
        [
            vec!["first", "second ␛[31mred"],
            vec!["third", "fourth", "fifth", "sixth", "seventh"]
        ]
    );
}

#[test]
fn ambiguous_and_malformed_lines_are_kept_aside_to_fix() {
    let mut session = roster();
    session
        .apply(Edit::AddParticipant(Participant {
            id: "ana-diaz".into(),
            name: "Ana Diaz".into(),
            affiliation: "Peru".into(),
            group: "states".into(),
            role: None,
            chair: false,
        }))
        .unwrap();
    let mut app = app(session, Clock::hms(9, 0, 0));
    line(&mut app, "a note before anyone spoke");
    assert!(app.message().is_some_and(|m| m.error));
    assert_eq!(
        app.capture_text(),
        "",
        "kept aside: the next line starts empty"
    );
    type_text(&mut app, "@Ana (chat): hello");
    press(&mut app, &["enter"]);
    assert!(app.session().interventions.is_empty());
    assert_eq!(
        app.unsaved_lines(),
        [
            "[09:00:00] a note before anyone spoke",
            "[09:00:00] @Ana (chat): hello"
        ]
    );
    // Brought back one at a time, each with its problem shown.
    press(&mut app, &["f8"]);
    assert_eq!(app.capture_text(), "[09:00:00] a note before anyone spoke");
    press(&mut app, &["end", "ctrl-u", "f8"]);
    assert_eq!(app.capture_text(), "[09:00:00] @Ana (chat): hello");
    assert!(app.completion().is_some(), "the popup offers both Anas");
    assert_eq!(app.completion().unwrap().candidates.len(), 2);
}

#[test]
fn search_jumps_to_the_match_and_escape_returns() {
    let mut app = app(roster(), Clock::hms(9, 0, 0));
    line(&mut app, "@Ana: housing first");
    line(&mut app, "recruitment agencies charge fees");
    line(&mut app, "schools for every child");
    press(&mut app, &["ctrl-f"]);
    type_text(&mut app, "agencies");
    let found = app
        .selected_note()
        .and_then(|id| app.session().note(id))
        .map(|n| n.text.clone());
    assert_eq!(found.as_deref(), Some("recruitment agencies charge fees"));
    press(&mut app, &["esc"]);
    assert_eq!(app.selected_note(), None);
    press(&mut app, &["ctrl-f"]);
    type_text(&mut app, "school");
    press(&mut app, &["enter", "ctrl-e"]);
    assert_eq!(app.capture_text(), "schools for every child");
}

#[test]
fn the_speaker_filter_puts_a_name_on_the_line() {
    let mut app = app(roster(), Clock::hms(9, 0, 0));
    type_text(&mut app, "a point");
    press(&mut app, &["ctrl-p"]);
    type_text(&mut app, "dakar");
    press(&mut app, &["enter"]);
    assert_eq!(app.capture_text(), "@Ndèye Diop: a point");
}

#[test]
fn every_commit_is_on_disk_before_the_next_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let store = SessionFile::create(&path, &roster()).unwrap();
    let mut app = App::with_file(store, roster(), Keymap::default());
    app.set_now(Clock::hms(9, 0, 0));
    for (i, text) in ["@Ana: one", "two", "@Bo (chat): three"]
        .into_iter()
        .enumerate()
    {
        line(&mut app, text);
        let on_disk = storage::load(&path).unwrap();
        assert_eq!(on_disk.note_count(), i + 1, "after {text:?}");
    }
    press(&mut app, &["ctrl-d"]);
    assert_eq!(storage::load(&path).unwrap().note_count(), 2);
    type_text(&mut app, "unfinished");
    press(&mut app, &["ctrl-c"]);
    assert!(app.should_quit());
    assert_eq!(app.unsaved_lines(), ["unfinished"]);
    let saved = app.close().unwrap();
    assert_eq!(saved.as_deref(), Some(path.as_path()));
    assert_eq!(
        storage::read_file(&path).unwrap().note_count(),
        2,
        "closing folds the journal in"
    );
}
