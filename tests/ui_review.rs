//! The review, key by key in a headless screen: leads, headings, order, notes left out,
//! the chosen quote and folded repeats, each one undoable change in the session.

mod ui_support;

use rapporteur::clock::Clock;
use rapporteur::model::{Chosen, Folded, NoteKind, Section};
use rapporteur::ui::Overlay;
use ui_support::{app, draw, example_session, press, type_text};

fn notes_of(app: &rapporteur::ui::App, priority: &str) -> Vec<u64> {
    app.session()
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .filter(|n| n.tags.iter().any(|t| t == priority))
        .map(|n| n.id)
        .collect()
}

#[test]
fn the_review_shapes_the_report_and_every_choice_undoes() {
    // The example as typed, before its rapporteur's review and remarks.
    let mut session = example_session();
    session.review = Default::default();
    session.remarks.clear();
    let mut app = app(session, Clock::hms(12, 5, 0));
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
