//! The review, key by key in a headless screen: leads, headings, order, notes left out,
//! the chosen quote and folded repeats, each one undoable change in the session.

mod ui_support;

use rapporteur::clock::Clock;
use rapporteur::model::{Chosen, Folded, NoteKind, Section};
use rapporteur::ui::Overlay;
use ui_support::{app, draw, example_session, press, screen, type_text};

fn notes_of(app: &rapporteur::ui::App, priority: &str) -> Vec<u64> {
    app.session()
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .filter(|n| n.tags.iter().any(|t| t == priority))
        .map(|n| n.id)
        .collect()
}

/// The example as typed during the call, before its rapporteur's review and remarks.
fn typed_example() -> rapporteur::model::Session {
    let mut session = example_session();
    session.review = Default::default();
    session.remarks.clear();
    session
}

#[test]
fn the_review_shapes_the_report_and_every_choice_undoes() {
    let mut app = app(typed_example(), Clock::hms(12, 5, 0));
    press(&mut app, &["f6"]);
    assert!(matches!(app.overlay, Overlay::Review(_)));
    let first = app.report_order()[0].clone();
    assert_eq!(first, "recruitment", "convergence order to start with");

    // The lead, in the rapporteur's words, over two lines.
    press(&mut app, &["e"]);
    type_text(&mut app, "This attracted the strongest convergence by far");
    press(&mut app, &["tab"]);
    type_text(&mut app, "—almost rage, even.");
    press(&mut app, &["enter"]);
    let lead = app.lead_of("recruitment").expect("the lead is saved");
    assert_eq!(
        lead.text,
        "This attracted the strongest convergence by far\n—almost rage, even."
    );

    // A section heading before the second priority, then that priority moved first.
    press(&mut app, &["down", "h"]);
    type_text(&mut app, "WHO should be partners?");
    press(&mut app, &["enter"]);
    press(&mut app, &["M"]);
    let order = app.report_order();
    assert_eq!(&order[..2], ["local-partners", "recruitment"]);
    assert_eq!(
        app.session().review.sections,
        [Section {
            title: "WHO should be partners?".into(),
            before: "local-partners".into()
        }]
    );

    // Notes: leave one out, choose the quote, fold a repeat into another.
    press(&mut app, &["down", "tab"]);
    let notes = notes_of(&app, "recruitment");
    press(&mut app, &["x"]);
    assert_eq!(app.session().review.left_out, [notes[0]]);
    let quote = notes
        .iter()
        .position(|id| app.session().note(*id).unwrap().kind == NoteKind::Quote)
        .expect("the example quotes someone on recruitment");
    for _ in 0..quote {
        press(&mut app, &["down"]);
    }
    press(&mut app, &["q"]);
    assert_eq!(
        app.session().review.quotes,
        [Chosen {
            priority: "recruitment".into(),
            note: notes[quote]
        }]
    );
    press(&mut app, &["ctrl-home"]);
    press(&mut app, &["pageup", "down", "f", "down", "f"]);
    assert_eq!(
        app.session().review.folded,
        [Folded {
            note: notes[1],
            into: notes[2]
        }]
    );
    draw(&mut app, 120, 35);

    // Undo takes the choices back one at a time, and back to capture nothing is typed.
    press(&mut app, &["ctrl-z"]);
    assert!(app.session().review.folded.is_empty());
    press(&mut app, &["ctrl-z"]);
    assert!(app.session().review.quotes.is_empty());
    press(&mut app, &["f6"]);
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(app.capture_text(), "");
    assert_eq!(app.session().review.left_out, [notes[0]]);
}

/// Remarks typed during the meeting that lead no priority open the report; the review
/// shows them first and writes them as one text, in one undoable change.
#[test]
fn the_introduction_is_written_in_the_review_as_one_change() {
    let mut app = app(typed_example(), Clock::hms(12, 5, 0));
    let before: Vec<_> = app.session().remarks.clone();
    for line in [
        "> The breakout opened late",
        "> Interpretation was offered in French",
    ] {
        type_text(&mut app, line);
        press(&mut app, &["enter"]);
    }
    let introduction = |app: &rapporteur::ui::App| -> Vec<String> {
        app.introduction().map(|r| r.text.clone()).collect()
    };
    assert_eq!(
        introduction(&app),
        [
            "The breakout opened late",
            "Interpretation was offered in French"
        ]
    );
    press(&mut app, &["f6"]);
    let shown = screen(&mut app, 120, 35);
    assert!(shown.contains("Introduction"), "{shown}");
    assert!(shown.contains("✎ The breakout opened late"), "{shown}");
    press(&mut app, &["i"]);
    type_text(&mut app, ", and closed on time.");
    press(&mut app, &["enter"]);
    assert_eq!(
        introduction(&app),
        ["The breakout opened late\nInterpretation was offered in French, and closed on time."]
    );
    // One change: one undo brings both remarks back as they were typed.
    press(&mut app, &["ctrl-z"]);
    assert_eq!(introduction(&app).len(), 2);
    // A blank introduction removes it.
    press(&mut app, &["ctrl-z", "ctrl-z"]);
    assert_eq!(app.session().remarks, before);
    assert!(screen(&mut app, 120, 35).contains("none yet: i writes it"));
}

#[test]
fn a_priority_is_renamed_in_the_review_and_its_tags_stay() {
    let mut app = app(typed_example(), Clock::hms(12, 5, 0));
    press(&mut app, &["f6", "r", "ctrl-u"]);
    type_text(&mut app, "Fix recruitment, at last");
    press(&mut app, &["enter"]);
    let p = app.session().priority("recruitment").unwrap();
    assert_eq!(p.title, "Fix recruitment, at last");
    assert_eq!(
        app.tally().priority("recruitment").unwrap().interventions,
        9
    );
    press(&mut app, &["ctrl-z"]);
    assert_eq!(
        app.session().priority("recruitment").unwrap().title,
        "Fix recruitment practices"
    );
}

#[test]
fn a_chair_is_marked_in_the_screen_and_their_housekeeping_is_procedural() {
    let mut app = app(ui_support::hearing(), Clock::hms(18, 0, 0));
    ui_support::line(&mut app, "@Amara Osei: welcome, we start with housing");
    assert_eq!(app.tally().totals.interventions, 1);
    // Ctrl-P, her name, Ctrl-E: name, affiliation, group, then whether she chairs.
    press(&mut app, &["ctrl-p"]);
    type_text(&mut app, "amara");
    press(&mut app, &["ctrl-e", "tab", "tab"]);
    type_text(&mut app, "y");
    press(&mut app, &["enter"]);
    assert!(app.session().participant("amara-osei").unwrap().chair);
    let turn = app.session().interventions[0].id;
    assert!(
        app.tally().is_procedural(turn),
        "her untagged welcome is procedural"
    );
    assert_eq!(app.tally().totals.interventions, 0);
    // A tagged point of hers counts like anyone's.
    ui_support::line(&mut app, "the council must build #homes");
    assert!(!app.tally().is_procedural(turn));
    assert_eq!(app.tally().totals.interventions, 1);
}

#[test]
fn opposition_is_kept_when_a_note_is_edited_or_retagged() {
    let mut app = app(ui_support::hearing(), Clock::hms(18, 0, 0));
    ui_support::line(
        &mut app,
        "@Dana Whitfield: a cap drives owners out #-rent-cap",
    );
    press(&mut app, &["ctrl-t"]);
    assert_eq!(app.capture_text(), "#-rent-cap ");
    type_text(&mut app, "#homes");
    press(&mut app, &["enter"]);
    let note = &app.session().interventions[0].notes[0];
    assert_eq!(note.opposes, ["rent-cap"]);
    assert_eq!(note.tags, ["homes"]);
    press(&mut app, &["ctrl-e"]);
    assert!(
        app.capture_text().contains("#-rent-cap"),
        "{}",
        app.capture_text()
    );
}

#[test]
fn the_details_form_changes_the_meeting_as_one_undoable_change() {
    let mut app = app(ui_support::hearing(), Clock::hms(18, 0, 0));
    press(&mut app, &["f5"]);
    assert!(matches!(app.overlay, Overlay::Details(_)));
    press(&mut app, &["end", "ctrl-u"]);
    type_text(&mut app, "Housing hearing, 3 May");
    // Down to Opens: title, theme, date, opens.
    press(&mut app, &["down", "down", "down"]);
    type_text(&mut app, "25:00");
    press(&mut app, &["enter"]);
    assert!(
        matches!(app.overlay, Overlay::Details(_)),
        "a time that is no time keeps the form open, its field said"
    );
    press(&mut app, &["end", "ctrl-u"]);
    type_text(&mut app, "18:00");
    press(&mut app, &["enter"]);
    assert!(matches!(app.overlay, Overlay::None));
    let meta = &app.session().meta;
    assert_eq!(meta.title, "Housing hearing, 3 May");
    assert_eq!(meta.opens, Some(Clock::hms(18, 0, 0)));
    press(&mut app, &["ctrl-z"]);
    assert_eq!(app.session().meta.title, "Housing hearing");
}
