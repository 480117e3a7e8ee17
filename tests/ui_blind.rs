//! A city hearing typed blind into a headless screen: no Tab, no form key, Enter after
//! every line, as a rapporteur types while watching the speaker. Every trap a blind
//! typist falls into is here, and the saved session must attribute every line to the
//! right person, channel, intervention and tags, with the roster grown only by the
//! genuinely new people and no typed line missing.

mod ui_support;

use rapporteur::clock::Clock;
use rapporteur::keymap::Keymap;
use rapporteur::model::{Channel, Session};
use rapporteur::storage::{self, SessionFile};
use rapporteur::ui::{App, Overlay};
use ui_support::{hearing, line, press, type_text};

fn at(app: &mut App, h: u32, m: u32) {
    app.set_now(Clock::hms(h, m, 0));
}

fn said(app: &App) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

/// A note's text and tags.
type Noted = (String, Vec<String>);

/// Who spoke, on which channel, what was noted and with which tags, turn by turn.
fn turns(s: &Session) -> Vec<(String, Channel, Vec<Noted>)> {
    s.interventions
        .iter()
        .map(|i| {
            (
                i.participant.clone(),
                i.channel,
                i.notes
                    .iter()
                    .map(|n| (n.text.clone(), n.tags.clone()))
                    .collect(),
            )
        })
        .collect()
}

fn note(text: &str, tags: &[&str]) -> Noted {
    (text.into(), tags.iter().map(|t| t.to_string()).collect())
}

#[test]
fn a_hearing_typed_blind_lands_on_the_right_people_and_priorities() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hearing.ron");
    let store = SessionFile::create(&path, &hearing()).unwrap();
    let mut app = App::with_file(store, hearing(), Keymap::default());
    at(&mut app, 17, 30);

    // Names as typed without accents, in part, or by surname.
    line(
        &mut app,
        "@Maria Garcia: rents rose 30% in two years #rent-cap",
    );
    line(&mut app, "test #data");
    assert!(said(&app).contains("new priority #data"), "{}", said(&app));
    line(
        &mut app,
        "@Nunez: the ward has 40% rent-burdened households #data",
    );
    line(&mut app, "@maria garc: we need a cap #rent-cap");
    line(&mut app, "@Siobhan: the council can build #homes");
    at(&mut app, 17, 35);
    line(&mut app, "@jurg: landlords are leaving the market");
    line(&mut app, "@weiss: repairs cost more every year");
    // Typos find the one person meant, and say so.
    line(&mut app, "@Siobahn O'Conor: back to the council's plan");
    assert!(
        said(&app).contains("“Siobahn O'Conor” taken as Siobhán O'Connor"),
        "{}",
        said(&app)
    );
    line(&mut app, "@Priya Ramen: renters are not heard");
    line(&mut app, "@Lindquist: the ward supports it");
    // A shared first name is never guessed: the line is kept aside, at its time, so the
    // next line typed blind starts in an empty capture line.
    line(&mut app, "@maria: which Maria?");
    assert_eq!(app.capture_text(), "");
    assert!(said(&app).starts_with("kept aside"), "{}", said(&app));
    // Someone new: added at once, the line commits, and the next line is not eaten.
    at(&mut app, 17, 40);
    line(
        &mut app,
        "@Chen: we can build 20% more near the station #homes",
    );
    assert!(matches!(app.overlay, Overlay::None), "no form opens");
    assert!(
        said(&app).contains("Chen added to the roster"),
        "{}",
        said(&app)
    );
    line(&mut app, "@Jon Reyes: the shelters are full");
    // A chat input is a one-off: the floor stays with Jon.
    line(
        &mut app,
        "@Dana Whitfield (chat): owners need help with repairs #repairs",
    );
    line(&mut app, "families sleep in cars");
    // Naming the speaker who has the floor continues their turn.
    line(&mut app, "@Amara: the council must act");
    line(&mut app, "@Amara: and act this year");
    // A chat input typed a few minutes late goes in at its time.
    at(&mut app, 17, 58);
    line(
        &mut app,
        "[17:53] @Dana Whitfield (chat): link to the survey",
    );
    // A tag completed inside a sentence keeps the word as typed.
    type_text(&mut app, "we must protect #afford units");
    press(
        &mut app,
        &["left", "left", "left", "left", "left", "left", "tab"],
    );
    press(&mut app, &["enter"]);
    // A note on the wrong speaker is moved with an edit that names the right one.
    line(&mut app, "@Jon Reyes: the waiting list is 4,000 long");
    press(&mut app, &["ctrl-e", "home"]);
    type_text(&mut app, "@Amara Osei: ");
    press(&mut app, &["enter"]);
    assert!(said(&app).starts_with("note moved"), "{}", said(&app));
    // The floor ends, and the meeting closes.
    at(&mut app, 18, 0);
    press(&mut app, &["f4"]);
    line(&mut app, "a note while nobody has the floor");
    assert_eq!(app.capture_text(), "");
    press(&mut app, &["f9"]);
    // Nothing typed is lost: the two lines kept aside wait to be fixed.
    assert_eq!(
        app.unsaved_lines(),
        [
            "[17:35:00] @maria: which Maria?",
            "[18:00:00] a note while nobody has the floor"
        ]
    );
    // Brought back, the Maria line opens the popup on both Marias.
    press(&mut app, &["f8"]);
    assert_eq!(app.capture_text(), "[17:35:00] @maria: which Maria?");
    assert!(app.completion().is_some_and(|c| c.candidates.len() >= 2));
    press(&mut app, &["ctrl-c"]);
    assert!(app.should_quit());
    app.close().unwrap();

    let s = storage::load(&path).unwrap();
    assert_eq!(
        turns(&s),
        [
            (
                "maria-garcia".into(),
                Channel::Floor,
                vec![
                    note("rents rose 30% in two years", &["rent-cap"]),
                    note("test", &["data"]),
                ]
            ),
            (
                "jose-nunez".into(),
                Channel::Floor,
                vec![note("the ward has 40% rent-burdened households", &["data"])]
            ),
            (
                "maria-garcia".into(),
                Channel::Floor,
                vec![note("we need a cap", &["rent-cap"])]
            ),
            (
                "siobhan-oconnor".into(),
                Channel::Floor,
                vec![note("the council can build", &["homes"])]
            ),
            (
                "jurgen-weiss".into(),
                Channel::Floor,
                vec![
                    note("landlords are leaving the market", &[]),
                    note("repairs cost more every year", &[]),
                ]
            ),
            (
                "siobhan-oconnor".into(),
                Channel::Floor,
                vec![note("back to the council's plan", &[])]
            ),
            (
                "priya-raman".into(),
                Channel::Floor,
                vec![note("renters are not heard", &[])]
            ),
            (
                "anna-lindqvist".into(),
                Channel::Floor,
                vec![note("the ward supports it", &[])]
            ),
            (
                "chen".into(),
                Channel::Floor,
                vec![note("we can build 20% more near the station", &["homes"])]
            ),
            (
                "jon-reyes".into(),
                Channel::Floor,
                vec![
                    note("the shelters are full", &[]),
                    note("families sleep in cars", &[]),
                ]
            ),
            (
                "dana-whitfield".into(),
                Channel::Chat,
                vec![note("owners need help with repairs", &["repairs"])]
            ),
            (
                "amara-osei".into(),
                Channel::Floor,
                vec![
                    note("the council must act", &[]),
                    note("and act this year", &[]),
                    note("we must protect afford units", &["affordable-stock"]),
                    // Typed as Jon's by mistake, moved back into Amara's turn.
                    note("the waiting list is 4,000 long", &[]),
                ]
            ),
            (
                "dana-whitfield".into(),
                Channel::Chat,
                vec![note("link to the survey", &[])]
            ),
        ]
    );
    // The roster grew by the one new person, with no group yet.
    assert_eq!(s.participants.len(), hearing().participants.len() + 1);
    assert_eq!(s.participant("chen").map(|p| p.group.as_str()), Some(""));
    // New priorities: the two typed that nobody had.
    let ids: Vec<&str> = s.priorities.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["homes", "affordable-stock", "rent-cap", "data", "repairs"]
    );
    // The late chat input sits at 17:53, and the meeting closed at 18:00.
    assert_eq!(s.interventions[12].start, Clock::hms(17, 53, 0));
    assert_eq!(s.meta.closes, Some(Clock::hms(18, 0, 0)));
    assert!(
        s.interventions
            .iter()
            .all(|i| i.channel == Channel::Chat || i.end.is_some())
    );
}

#[test]
fn take_as_new_and_undo_say_what_they_do() {
    let mut app = ui_support::app(hearing(), Clock::hms(10, 0, 0));
    line(&mut app, "@Priya Ramen: a namesake, not Priya Raman");
    assert!(
        said(&app).contains("alt-n takes it as new"),
        "{}",
        said(&app)
    );
    press(&mut app, &["alt-n"]);
    let s = app.session();
    assert_eq!(s.interventions.len(), 1);
    assert_eq!(s.interventions[0].participant, "priya-ramen");
    assert_eq!(
        s.participant("priya-ramen").map(|p| p.name.as_str()),
        Some("Priya Ramen")
    );
    press(&mut app, &["ctrl-z"]);
    assert!(
        said(&app).starts_with("undone: adding Priya Ramen to the roster"),
        "{}",
        said(&app)
    );
    assert!(app.session().interventions.is_empty());
}

#[test]
fn search_finds_the_words_first_and_labels_loose_matches() {
    let mut app = ui_support::app(hearing(), Clock::hms(10, 0, 0));
    line(&mut app, "@Amara: a rent cap for everyone");
    line(&mut app, "rents are capped in Berlin");
    line(&mut app, "carers and parents");
    line(&mut app, "the RENT CAP must hold");
    press(&mut app, &["ctrl-f"]);
    type_text(&mut app, "rent cap");
    while app.has_work() {
        app.work(std::time::Duration::from_millis(50));
    }
    let Overlay::Search(search) = &app.overlay else {
        panic!("search is open");
    };
    assert_eq!(search.exact, 2, "two notes hold the words");
    let texts: Vec<String> = search
        .matches
        .iter()
        .map(|id| app.session().note(*id).unwrap().text.clone())
        .collect();
    assert_eq!(
        &texts[..2],
        ["the RENT CAP must hold", "a rent cap for everyone"]
    );
    press(&mut app, &["down", "down"]);
    assert!(
        app.capture_title().0.contains("a loose match"),
        "{:?}",
        app.capture_title()
    );
}

/// Typed after midnight into a meeting recorded the day before: the lines go after what
/// was recorded, the file opens again, and the meeting's time does not fall to nothing.
#[test]
fn a_meeting_resumed_after_midnight_keeps_its_order_and_its_time() {
    let mut app = ui_support::app(ui_support::example_session(), Clock::hms(0, 26, 5));
    let before = app.meeting_time().expect("the example has a time").0;
    line(
        &mut app,
        "@Ndèye Diop: one more point after midnight #recruitment",
    );
    line(&mut app, "and another");
    let session = app.session();
    let last = session.interventions.last().unwrap();
    assert_eq!(last.notes.len(), 2);
    assert!(
        session
            .interventions
            .windows(2)
            .all(|w| w[0].start <= w[1].start),
        "turns out of order"
    );
    assert_eq!(rapporteur::check::errors(session), []);
    let (time, running) = app.meeting_time().unwrap();
    assert!(running);
    assert!(time >= before, "{time} < {before}");
}
