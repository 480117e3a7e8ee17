//! The tally's counts, ranking and label rules on small sessions built in code.

mod tally_fixture;

use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::model::Channel;
use rapporteur::tally::{Label, Tally};
use tally_fixture::{Fixture, group, small_meeting};

#[test]
fn counts_the_small_meeting() {
    let f = small_meeting();
    let t = Tally::compute(&f.session);
    assert_eq!(t.totals.interventions, 9);
    assert_eq!(t.totals.floor, 7);
    assert_eq!(t.totals.chat, 2);
    assert_eq!(t.totals.notes, 12);
    assert_eq!(t.totals.speakers, 9);
    assert_eq!(t.totals.registered_people, 9);
    // Two Moroccan delegates are one entity.
    assert_eq!(t.totals.registered_entities, 8);
    assert_eq!(t.totals.counting_groups, 4);

    let r = t.priority("recruitment").unwrap();
    assert_eq!(
        (
            r.interventions,
            r.floor,
            r.chat,
            r.notes,
            r.speakers,
            r.entities
        ),
        (6, 5, 1, 6, 6, 5)
    );
    assert_eq!(r.groups, ["states", "civil-society", "business", "mayors"]);
    assert_eq!((r.counting_groups, r.counting_groups_total), (4, 4));
    assert_eq!(r.emphasis, 1);
    assert_eq!(r.rank, 1);
    assert_eq!(
        r.labels,
        [Label::Strongest, Label::AllGroups, Label::Emphasized]
    );
    let states = r.group("states").unwrap();
    assert_eq!(
        (states.interventions, states.speakers, states.entities),
        (3, 3, 2)
    );

    let h = t.priority("health").unwrap();
    assert_eq!(
        (h.interventions, h.speakers, h.entities, h.quotes),
        (2, 2, 2, 1)
    );
    assert_eq!(h.labels, [Label::OneGroup]);
    assert_eq!(h.first, Some(Clock::hms(10, 1, 20)));
    assert_eq!(h.last, Some(Clock::hms(10, 4, 50)));

    let ranked: Vec<&str> = t.ranked().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ranked,
        [
            "recruitment",
            "data",
            "health",
            "regularization",
            "pathways",
            "narratives"
        ]
    );
    assert_eq!(
        t.priority("regularization").unwrap().labels,
        [Label::Once, Label::ChatOnly, Label::Emphasized]
    );
    // Observers do not count toward convergence.
    let p = t.priority("pathways").unwrap();
    assert_eq!((p.counting_groups, p.groups.len()), (0, 1));
    assert_eq!(p.labels, [Label::Once]);
    assert_eq!(t.priority("narratives").unwrap().labels, [Label::NotRaised]);
    assert_eq!(t.max_interventions(), 6);
}

#[test]
fn voice_balance_compares_interventions_with_the_roster() {
    let t = Tally::compute(&small_meeting().session);
    let states = t.group("states").unwrap();
    assert_eq!(
        (
            states.registered_people,
            states.registered_entities,
            states.speakers
        ),
        (4, 3, 4)
    );
    assert_eq!((states.floor, states.chat, states.interventions), (4, 0, 4));
    assert!((states.share_of_interventions - 4.0 / 9.0).abs() < 1e-9);
    assert!((states.share_of_roster - 4.0 / 9.0).abs() < 1e-9);
    let business = t.group("business").unwrap();
    assert_eq!((business.chat, business.entities_spoke), (1, 1));
    let shares: f64 = t.groups.iter().map(|g| g.share_of_interventions).sum();
    assert!((shares - 1.0).abs() < 1e-9);
}

/// A session with two counting groups, two people each, and priorities a, b.
fn two_groups() -> Fixture {
    let mut f = Fixture::with_groups(vec![
        group("states", "States", "State", "States", true),
        group("cities", "cities", "city", "cities", true),
        group("observers", "observers", "observer", "observers", false),
    ]);
    f.person("s1", "S One", "Chile", "states")
        .person("s2", "S Two", "Peru", "states")
        .person("c1", "C One", "Lima", "cities")
        .person("c2", "C Two", "Quito", "cities")
        .person("o1", "O One", "IOM", "observers")
        .priority("a", "A")
        .priority("b", "B");
    f
}

fn labels(f: &Fixture, id: &str) -> Vec<Label> {
    Tally::compute(&f.session)
        .priority(id)
        .unwrap()
        .labels
        .clone()
}

#[test]
fn strongest_needs_half_again_the_runner_ups_interventions() {
    // 3 against 2: exactly one and a half times, so clearly ahead.
    let mut f = two_groups();
    for who in ["s1", "c1", "s2"] {
        f.floor(who).point(&["a"], "x");
    }
    for who in ["s1", "c1"] {
        f.floor(who).point(&["b"], "y");
    }
    assert!(labels(&f, "a").contains(&Label::Strongest));
    assert!(!labels(&f, "b").contains(&Label::Strongest));
    // 4 against 3: first, but not clearly ahead.
    f.floor("c2").point(&["a"], "x");
    f.floor("c2").point(&["b"], "y");
    assert!(!labels(&f, "a").contains(&Label::Strongest));
}

#[test]
fn strongest_needs_at_least_the_runner_ups_groups() {
    // a leads on groups; b has far more interventions but fewer groups.
    let mut f = two_groups();
    f.floor("s1").point(&["a"], "x");
    f.floor("c1").point(&["a"], "x");
    for _ in 0..5 {
        f.floor("s2").point(&["b"], "y");
    }
    let t = Tally::compute(&f.session);
    assert_eq!(t.priority("a").unwrap().rank, 1);
    assert!(!labels(&f, "a").contains(&Label::Strongest));
}

#[test]
fn strongest_needs_two_interventions() {
    let mut f = two_groups();
    f.floor("s1").point(&["a"], "x");
    assert_eq!(labels(&f, "a"), [Label::Once]);
    f.floor("s1").point(&["a"], "x");
    assert_eq!(labels(&f, "a"), [Label::Strongest, Label::OneGroup]);
}

#[test]
fn all_groups_leaves_observers_out() {
    let mut f = two_groups();
    f.floor("s1").point(&["a"], "x");
    f.floor("o1").point(&["a"], "x");
    assert!(!labels(&f, "a").contains(&Label::AllGroups));
    f.chat("c2").point(&["a"], "x");
    assert!(labels(&f, "a").contains(&Label::AllGroups));
    assert_eq!(
        Tally::compute(&f.session)
            .priority("a")
            .unwrap()
            .counting_groups,
        2
    );
}

#[test]
fn all_groups_needs_two_counting_groups() {
    let mut f = Fixture::with_groups(vec![group("states", "States", "State", "States", true)]);
    f.person("s1", "S", "Chile", "states").priority("a", "A");
    f.floor("s1").point(&["a"], "x");
    f.floor("s1").point(&["a"], "x");
    assert!(!labels(&f, "a").contains(&Label::AllGroups));
}

#[test]
fn once_counts_interventions_not_notes() {
    let mut f = two_groups();
    f.floor("s1")
        .point(&["a"], "x")
        .point(&["a"], "y")
        .quote(&["a"], "z");
    assert!(labels(&f, "a").contains(&Label::Once));
    let t = Tally::compute(&f.session);
    assert_eq!(
        (
            t.priority("a").unwrap().notes,
            t.priority("a").unwrap().interventions
        ),
        (3, 1)
    );
}

#[test]
fn one_group_chat_only_emphasized_and_not_raised() {
    let mut f = two_groups();
    f.chat("s1").point(&["a"], "x");
    f.chat("s2").strong(&["a"], "x");
    assert_eq!(
        labels(&f, "a"),
        [
            Label::Strongest,
            Label::OneGroup,
            Label::ChatOnly,
            Label::Emphasized
        ]
    );
    f.floor("s1").point(&["a"], "x");
    assert!(!labels(&f, "a").contains(&Label::ChatOnly));
    assert_eq!(labels(&f, "b"), [Label::NotRaised]);
}

#[test]
fn ranking_breaks_ties_by_interventions_then_entities() {
    let mut f = two_groups();
    f.priority("c", "C");
    // a and b: one group each, two interventions; b from two entities.
    f.floor("s1").point(&["a"], "x");
    f.floor("s1").point(&["a"], "x");
    f.floor("s1").point(&["b"], "x");
    f.floor("s2").point(&["b"], "x");
    // c: one group, one intervention.
    f.floor("c1").point(&["c"], "x");
    let t = Tally::compute(&f.session);
    let ranked: Vec<&str> = t.ranked().map(|p| p.id.as_str()).collect();
    assert_eq!(ranked, ["b", "a", "c"]);
    assert_eq!(t.priority("b").unwrap().rank, 1);
}

#[test]
fn entities_are_group_and_affiliation_pairs() {
    let mut f = two_groups();
    // Same affiliation in two groups: two entities; empty affiliation: one each.
    f.person("s3", "S Three", "Lima", "states")
        .person("x1", "X One", "", "states")
        .person("x2", "X Two", "", "states");
    for who in ["c1", "s3", "x1", "x2"] {
        f.floor(who).point(&["a"], "x");
    }
    let t = Tally::compute(&f.session);
    assert_eq!(t.priority("a").unwrap().entities, 4);
    assert_eq!(t.group("states").unwrap().registered_entities, 5);
}

#[test]
fn tags_repeated_on_a_note_count_once() {
    let mut f = two_groups();
    f.floor("s1").point(&["a", "a"], "x");
    let t = Tally::compute(&f.session);
    assert_eq!(t.priority("a").unwrap().notes, 1);
}

#[test]
fn an_empty_session_has_an_empty_tally() {
    let t = Tally::compute(&Fixture::with_groups(vec![]).session);
    assert_eq!(t.totals.interventions, 0);
    assert!(t.priorities.is_empty() && t.groups.is_empty());
    assert_eq!(t.max_interventions(), 0);
}

#[test]
fn a_speaker_missing_from_the_roster_is_counted_without_a_group() {
    let mut f = two_groups();
    f.floor("s1").point(&["a"], "x");
    // As in a hand-edited file.
    f.session.interventions[0].participant = "ghost".into();
    let t = Tally::compute(&f.session);
    assert_eq!(t.totals.interventions, 1);
    let a = t.priority("a").unwrap();
    assert_eq!((a.interventions, a.entities, a.groups.len()), (1, 1, 0));
}

#[test]
fn applying_each_edit_matches_counting_afresh() {
    let f = small_meeting();
    let mut session = f.session.clone();
    session.interventions.clear();
    session.participants.clear();
    session.priorities.clear();
    let mut tally = Tally::compute(&session);
    let mut undo = Vec::new();
    for edit in &f.edits {
        undo.push(session.apply(edit.clone()).unwrap());
        tally.apply(&session, edit);
        assert_eq!(tally, Tally::compute(&session), "after {edit:?}");
    }
    // Retag, delete, and undo everything back to the empty session.
    let id = f.last_note();
    let mut note = session.note(id).unwrap().clone();
    note.tags = vec!["health".into(), "data".into()];
    for edit in [Edit::UpdateNote(note), Edit::DeleteNote(id)] {
        undo.push(session.apply(edit.clone()).unwrap());
        tally.apply(&session, &edit);
        assert_eq!(tally, Tally::compute(&session), "after {edit:?}");
    }
    while let Some(edit) = undo.pop() {
        let redo = session.apply(edit.clone()).unwrap();
        tally.apply(&session, &edit);
        assert_eq!(
            tally,
            Tally::compute(&session),
            "after undo {edit:?} (redo {redo:?})"
        );
    }
    assert_eq!(tally.totals.interventions, 0);
    assert_eq!(tally.totals.registered_people, 0);
}

#[test]
fn a_chat_input_does_not_close_the_floor() {
    let mut f = two_groups();
    f.floor("s1").chat("c1");
    assert_eq!(f.session.interventions[1].channel, Channel::Chat);
    let t = Tally::compute(&f.session);
    assert_eq!((t.totals.floor, t.totals.chat), (1, 1));
}

/// A meeting with opposition and a chair, counted by hand:
///
/// | turn | who (group, entity) | notes |
/// | --- | --- | --- |
/// | 1 floor | chair (states, Chile) | opening, untagged: procedural |
/// | 2 floor | amadou (states, Senegal) | `#wages` |
/// | 3 floor | olu (business, Lagos Employers) | `#-wages`, and a point on nothing |
/// | 4 chat | olu again | `#-wages #-visas` |
/// | 5 floor | grace (civil society, Network) | `#wages`, then `#-wages` on a second note |
/// | 6 floor | fatou (mayors, Dakar) | `#-visas` |
/// | 7 floor | chair | `#visas`: a tagged turn counts like anyone's |
/// | 8 floor | chair | closing, untagged: procedural |
#[test]
fn a_meeting_with_opposition_against_a_hand_count() {
    let mut f = Fixture::gfmd();
    f.person("chair", "Ana Ruiz", "Chile", "states")
        .person("amadou", "Amadou Ndiaye", "Senegal", "states")
        .person("olu", "Olu Adeyemi", "Lagos Employers", "business")
        .person("grace", "Grace Okafor", "Network", "civil-society")
        .person("fatou", "Fatou Sow", "City of Dakar", "mayors")
        .chair("chair")
        .priority("wages", "Fair wages")
        .priority("visas", "Open visa routes");
    f.floor("chair").point(&[], "the session is open");
    f.floor("amadou")
        .point(&["wages"], "wages must follow the law");
    f.floor("olu")
        .against(&["wages"], "wage floors cost jobs")
        .point(&[], "thanks");
    f.chat("olu").stanced(
        rapporteur::model::NoteKind::Point,
        false,
        &[],
        &["wages", "visas"],
        "neither, in this economy",
    );
    f.floor("grace")
        .point(&["wages"], "a living wage")
        .against(&["wages"], "but not a single national figure");
    f.floor("fatou")
        .against(&["visas"], "cities cannot house more arrivals");
    f.floor("chair")
        .point(&["visas"], "the presidency backs open routes");
    f.floor("chair").point(&[], "the session is closed");
    let t = Tally::compute(&f.session);

    // 8 turns, 2 of them procedural: 6 interventions (5 floor, 1 chat) by 5 speakers,
    // with 8 notes (the chair's opening and closing left out).
    assert_eq!(
        (t.totals.interventions, t.totals.floor, t.totals.chat),
        (6, 5, 1)
    );
    assert_eq!(
        (t.totals.procedural, t.totals.speakers, t.totals.notes),
        (2, 5, 8)
    );
    assert!(t.is_procedural(f.session.interventions[0].id));
    assert!(!t.is_procedural(f.session.interventions[6].id));
    assert!(t.is_procedural(f.session.interventions[7].id));
    for i in &f.session.interventions {
        assert_eq!(
            t.is_procedural(i.id),
            rapporteur::tally::is_procedural(&f.session, i)
        );
    }

    // Wages: supported by amadou and grace (grace's own opposing note does not make her
    // turn oppose); opposed by olu's two turns (floor and chat). Notes either way: 5.
    let wages = t.priority("wages").unwrap();
    assert_eq!(
        (
            wages.interventions,
            wages.opposed,
            wages.notes,
            wages.speakers,
            wages.entities
        ),
        (2, 2, 5, 2, 2)
    );
    assert_eq!(wages.groups, ["states", "civil-society"]);
    assert_eq!(wages.counting_groups, 2);
    assert_eq!(wages.opposed_by_group.len(), 1);
    assert_eq!(
        (
            wages.opposed_by_group[0].group.as_str(),
            wages.opposed_by_group[0].interventions
        ),
        ("business", 2)
    );
    // Visas: supported by the chair's tagged turn only; opposed by olu's chat and fatou.
    let visas = t.priority("visas").unwrap();
    assert_eq!((visas.interventions, visas.opposed, visas.notes), (1, 2, 3));
    assert!(visas.has(Label::Once) && visas.has(Label::Opposed));
    // Ranking and "once" use support: wages (2 groups) before visas (1).
    assert_eq!((wages.rank, visas.rank), (1, 2));
    // Two supporting interventions against one, as many groups: clearly ahead.
    assert!(wages.has(Label::Strongest) && wages.has(Label::Opposed));
    // The chair's group was heard once (the tagged turn), besides amadou: 2 of 6.
    let states = t.group("states").unwrap();
    assert_eq!((states.interventions, states.speakers), (2, 2));
    let business = t.group("business").unwrap();
    assert_eq!((business.floor, business.chat), (1, 1));

    // The report says the opposition, and leaves the procedural turns out.
    let report = rapporteur::export::export(&f.session, &Default::default()).unwrap();
    assert!(
        report.contains(
            "Raised in two interventions by participants from two of the four groups: the \
             strongest convergence by far, though two interventions, from business, opposed it."
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "Raised in one intervention, though two interventions, from a business and a Mayor, \
             opposed it."
        ),
        "{report}"
    );
    assert!(!report.contains("the session is open"), "{report}");
}

#[test]
fn priorities_equal_on_groups_interventions_and_entities_share_a_rank() {
    let mut f = two_groups();
    f.floor("s1").point(&["a"], "x").point(&["a"], "x again");
    f.floor("c1").point(&["b"], "y");
    f.floor("s1").point(&["b"], "y too");
    f.floor("c1").point(&["a"], "x too");
    let t = Tally::compute(&f.session);
    let (a, b) = (t.priority("a").unwrap(), t.priority("b").unwrap());
    // Both: 2 groups, 2 interventions, 2 entities; a has a note more, listed first.
    assert_eq!((a.rank, b.rank), (1, 1));
    let ranked: Vec<&str> = t.ranked().map(|p| p.id.as_str()).collect();
    assert_eq!(&ranked[..2], ["a", "b"]);
    assert!(!a.has(Label::Strongest) && !b.has(Label::Strongest));
    let tied: Vec<&str> = t.tied_with(a).map(|p| p.id.as_str()).collect();
    assert_eq!(tied, ["b"]);
    let table = rapporteur::tally::to_table(&t);
    assert!(table.contains("\n  1  "), "{table}");
    let json: serde_json::Value = serde_json::from_str(&rapporteur::tally::to_json(&t)).unwrap();
    assert_eq!(json["priorities"][0]["rank"], json["priorities"][1]["rank"]);
}

#[test]
fn groups_with_nobody_registered_are_not_among_the_groups() {
    let mut f = Fixture::gfmd();
    f.person("a", "A", "Chile", "states")
        .person("b", "B", "Caritas", "civil-society")
        .priority("p", "P");
    f.floor("a").point(&["p"], "x");
    f.floor("b").point(&["p"], "y");
    let mut session = f.session.clone();
    let mut t = Tally::compute(&session);
    // Business and Mayors have nobody: "all 2 groups".
    assert_eq!(t.totals.counting_groups, 2);
    assert!(t.priority("p").unwrap().has(Label::AllGroups));
    // Someone registered in business: no longer all groups, without recounting.
    let edit = Edit::AddParticipant(rapporteur::model::Participant {
        id: "c".into(),
        name: "C".into(),
        affiliation: "Acme".into(),
        group: "business".into(),
        role: None,
        chair: false,
    });
    session.apply(edit.clone()).unwrap();
    t.apply(&session, &edit);
    assert_eq!(t, Tally::compute(&session));
    assert_eq!(t.priority("p").unwrap().counting_groups_total, 3);
    assert!(!t.priority("p").unwrap().has(Label::AllGroups));
}
