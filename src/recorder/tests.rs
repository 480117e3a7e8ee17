use super::*;
use crate::model::{NoteKind, fixture};

fn session() -> Session {
    let mut s = Session::default();
    s.groups.push(fixture::states());
    for (id, name) in [("ana", "Ana Lima"), ("bo", "Bo Chen"), ("cy", "Cy Park")] {
        s.participants.push(fixture::person(id, name, ""));
    }
    s.priorities.push(Priority {
        id: "recruitment".into(),
        title: "Fix recruitment".into(),
        description: None,
    });
    s
}

fn apply_with(
    s: &mut Session,
    line: &str,
    now: Clock,
    how: &Recording,
) -> Result<Recorded, LineError> {
    let recorded = record(s, &Resolver::default(), line, now, how)?;
    s.apply_all(recorded.edits.clone()).unwrap();
    Ok(recorded)
}

fn apply(s: &mut Session, line: &str, now: Clock) -> Result<Recorded, LineError> {
    apply_with(s, line, now, &Recording::strict())
}

fn turns(s: &Session) -> Vec<(String, Channel, String, Option<String>, usize)> {
    s.interventions
        .iter()
        .map(|i| {
            (
                i.participant.clone(),
                i.channel,
                i.start.to_string(),
                i.end.map(|e| e.to_string()),
                i.notes.len(),
            )
        })
        .collect()
}

#[test]
fn a_meeting_typed_line_by_line() {
    let mut s = session();
    let t = Clock::hms(10, 0, 0);
    apply(&mut s, "@ana: fair recruitment now #recruit", t).unwrap();
    apply(&mut s, "!\"long overdue\"", Clock::hms(10, 1, 0)).unwrap();
    apply(&mut s, "[10:03] @bo (chat): agree #recruitment", t).unwrap();
    apply(&mut s, "// comment", t).unwrap();
    apply(&mut s, "", t).unwrap();
    assert_eq!(s.interventions.len(), 2);
    let first = &s.interventions[0];
    assert_eq!(first.participant, "ana");
    assert_eq!(first.notes.len(), 2);
    assert_eq!(first.notes[0].tags, vec!["recruitment".to_string()]);
    assert_eq!(first.notes[1].kind, NoteKind::Quote);
    assert!(first.notes[1].emphasis);
    assert_eq!(first.end, None, "a chat input does not end the floor turn");
    let second = &s.interventions[1];
    assert_eq!(second.channel, Channel::Chat);
    assert_eq!(second.start, Clock::hms(10, 3, 0));
    assert_eq!(s.note_count(), 3);
}

#[test]
fn problems_carry_their_column() {
    let mut s = session();
    let t = Clock::hms(10, 0, 0);
    let e = apply(&mut s, "a note", t).unwrap_err();
    assert_eq!(e.problem, Problem::NobodyHasTheFloor);
    let e = apply(&mut s, "[10:00] @zed: hi", t).unwrap_err();
    assert_eq!(e.column, 9);
    assert!(matches!(e.problem, Problem::UnknownSpeaker { .. }));
    let e = apply(&mut s, "@ana: x #nothing", t).unwrap_err();
    assert_eq!(e.column, 9);
    assert!(e.to_string().contains("#nothing"));
    assert!(s.interventions.is_empty(), "a failed line changes nothing");
    apply(&mut s, "[10:05] @ana", t).unwrap();
    let e = apply(&mut s, "[10:01] late", t).unwrap_err();
    assert_eq!(
        e.problem,
        Problem::NobodyHadTheFloor {
            time: Clock::hms(10, 1, 0)
        }
    );
}

#[test]
fn a_line_without_at_goes_to_the_floor_not_the_last_chat_input() {
    let mut s = session();
    let t = Clock::hms(10, 0, 0);
    apply(&mut s, "@ana: on the floor", t).unwrap();
    apply(&mut s, "@bo (chat): in the chat", t).unwrap();
    let r = apply(&mut s, "more from the floor", t).unwrap();
    assert_eq!(r.turn, Turn::Same);
    assert_eq!(s.interventions[0].notes.len(), 2);
    assert_eq!(s.interventions[1].notes.len(), 1);
}

#[test]
fn naming_the_speaker_who_has_the_floor_continues_their_turn() {
    let mut s = session();
    let t = Clock::hms(10, 0, 0);
    apply(&mut s, "@ana: first", t).unwrap();
    let r = apply(&mut s, "@Ana Lima: second", Clock::hms(10, 2, 0)).unwrap();
    assert_eq!(r.turn, Turn::Continued("ana".into()));
    let r = apply(&mut s, "@ana", Clock::hms(10, 3, 0)).unwrap();
    assert!(r.edits.is_empty());
    assert_eq!(s.interventions.len(), 1);
    assert_eq!(s.interventions[0].notes.len(), 2);
    // In the chat she makes a separate input.
    apply(&mut s, "@ana (chat): a link", t).unwrap();
    assert_eq!(s.interventions.len(), 2);
}

#[test]
fn a_late_chat_input_goes_in_at_its_time() {
    let mut s = session();
    apply(&mut s, "[10:00] @ana: opening", Clock(0)).unwrap();
    apply(&mut s, "[10:10] @bo: next", Clock(0)).unwrap();
    apply(&mut s, "[10:05] @cy (chat): late link", Clock(0)).unwrap();
    assert_eq!(
        turns(&s),
        [
            (
                "ana".into(),
                Channel::Floor,
                "10:00:00".into(),
                Some("10:10:00".into()),
                1
            ),
            ("cy".into(), Channel::Chat, "10:05:00".into(), None, 1),
            ("bo".into(), Channel::Floor, "10:10:00".into(), None, 1),
        ]
    );
    // The floor stays with Bo.
    apply(&mut s, "still Bo", Clock::hms(10, 12, 0)).unwrap();
    assert_eq!(s.interventions[2].notes.len(), 2);
}

#[test]
fn an_earlier_floor_turn_is_inserted_and_the_turn_running_then_ends_there() {
    let mut s = session();
    apply(&mut s, "[10:00] @ana: opening", Clock(0)).unwrap();
    apply(&mut s, "[10:20] @bo: next", Clock(0)).unwrap();
    apply(&mut s, "[10:08] @cy: missed turn", Clock(0)).unwrap();
    assert_eq!(
        turns(&s),
        [
            (
                "ana".into(),
                Channel::Floor,
                "10:00:00".into(),
                Some("10:08:00".into()),
                1
            ),
            (
                "cy".into(),
                Channel::Floor,
                "10:08:00".into(),
                Some("10:20:00".into()),
                1
            ),
            ("bo".into(), Channel::Floor, "10:20:00".into(), None, 1),
        ]
    );
    // A floor note at an earlier time goes to the turn running then, in time order.
    apply(&mut s, "[10:09] what Cy said first", Clock(0)).unwrap();
    apply(&mut s, "[10:03] what Ana said", Clock(0)).unwrap();
    assert_eq!(s.interventions[1].notes[0].text, "missed turn");
    assert_eq!(s.interventions[1].notes[1].text, "what Cy said first");
    assert_eq!(s.interventions[0].notes[1].text, "what Ana said");
    // Undo takes it all back.
    let mut t = session();
    apply(&mut t, "[10:00] @ana: opening", Clock(0)).unwrap();
    apply(&mut t, "[10:20] @bo: next", Clock(0)).unwrap();
    let before = t.clone();
    let r = record(
        &t,
        &Resolver::default(),
        "[10:08] @cy: x",
        Clock(0),
        &Recording::strict(),
    )
    .unwrap();
    let inverses = t.apply_all(r.edits).unwrap();
    t.apply_all(inverses).unwrap();
    assert_eq!(t.interventions, before.interventions);
}

#[test]
fn the_screen_adds_what_nobody_has_and_says_so() {
    let mut s = session();
    let live = Recording::live();
    let t = Clock::hms(10, 0, 0);
    let r = apply_with(&mut s, "@Jon Reyes: the shelters are full #data", t, &live).unwrap();
    assert_eq!(
        r.chose,
        [
            Choice::NewSpeaker {
                typed: "Jon Reyes".into(),
                id: "jon-reyes".into()
            },
            Choice::NewTag {
                typed: "data".into(),
                id: "data".into()
            }
        ]
    );
    let jon = s.participant("jon-reyes").unwrap();
    assert_eq!((jon.name.as_str(), jon.group.as_str()), ("Jon Reyes", ""));
    assert_eq!(s.priority("data").unwrap().title, "Data");
    assert_eq!(s.interventions[0].notes[0].tags, ["data"]);
    // A close typo is taken, and said.
    let r = apply_with(&mut s, "@Cy Prak: hello #recruitmnet", t, &live).unwrap();
    assert_eq!(
        r.chose,
        [
            Choice::Speaker {
                typed: "Cy Prak".into(),
                id: "cy".into(),
                how: Matched::Close
            },
            Choice::Tag {
                typed: "recruitmnet".into(),
                id: "recruitment".into(),
                how: Matched::Close
            }
        ]
    );
    // Unless the rapporteur says it is someone new.
    let new = Recording {
        speaker_is_new: true,
        new_tags: vec!["recruitmnet".into()],
        ..Recording::live()
    };
    let r = apply_with(&mut s, "@Cy Prak: hello #recruitmnet", t, &new).unwrap();
    assert!(matches!(&r.chose[0], Choice::NewSpeaker { id, .. } if id == "cy-prak"));
    assert!(matches!(&r.chose[1], Choice::NewTag { id, .. } if id == "recruitmnet"));
}

#[test]
fn titles_come_from_tags() {
    assert_eq!(title_of_tag("rent-control"), "Rent control");
    assert_eq!(title_of_tag("data"), "Data");
    assert_eq!(title_of_tag("été_chaud"), "Été chaud");
}

#[test]
fn remarks_are_the_rapporteurs_own_words_and_leave_the_floor_alone() {
    let mut s = session();
    let t = Clock::hms(10, 0, 0);
    apply(&mut s, "@ana: fair recruitment now #recruitment", t).unwrap();
    let r = apply(
        &mut s,
        "> #recruitment This attracted the strongest convergence by far—almost rage, even.",
        Clock::hms(10, 5, 0),
    )
    .unwrap();
    assert_eq!(r.turn, Turn::Remark);
    apply(&mut s, "[10:07] > Your work, your ideas.", t).unwrap();
    assert_eq!(s.remarks.len(), 2);
    assert_eq!(s.remarks[0].priority.as_deref(), Some("recruitment"));
    assert_eq!(
        s.remarks[0].text,
        "This attracted the strongest convergence by far—almost rage, even."
    );
    assert_eq!(s.remarks[1].priority, None);
    assert_eq!(s.remarks[1].time, Clock::hms(10, 7, 0));
    // Not a note of anyone's, and the floor stays where it was.
    assert_eq!(s.note_count(), 1);
    apply(&mut s, "still Ana", t).unwrap();
    assert_eq!(s.interventions[0].notes.len(), 2);
    // A new tag on a remark is created on the screen, refused by an import.
    let e = apply(&mut s, "> #unheard-of a point", t).unwrap_err();
    assert!(matches!(e.problem, Problem::UnknownTag { .. }));
    apply_with(&mut s, "> #unheard-of a point", t, &Recording::live()).unwrap();
    assert!(s.priority("unheard-of").is_some());
    let e = apply(&mut s, ">   ", t).unwrap_err();
    assert_eq!(
        e.problem,
        Problem::Syntax("expected your remark after `>`".into())
    );
}

/// Resumed after midnight, the clock reads earlier than the session's last note: lines
/// without a time go after what was recorded, never before it.
#[test]
fn a_clock_behind_the_session_records_after_its_last_note() {
    let mut s = session();
    apply(&mut s, "@ana: opening #recruitment", Clock::hms(12, 10, 0)).unwrap();
    apply(&mut s, "still Ana", Clock::hms(12, 12, 0)).unwrap();
    let after_midnight = Clock::hms(0, 26, 5);
    let recorded = apply(&mut s, "@bo: one more point", after_midnight).unwrap();
    assert_eq!(recorded.time, Clock::hms(12, 12, 0));
    apply(&mut s, "@cy (chat): and me", after_midnight).unwrap();
    assert_eq!(
        turns(&s),
        [
            (
                "ana".into(),
                Channel::Floor,
                "12:10:00".into(),
                Some("12:12:00".into()),
                2
            ),
            ("bo".into(), Channel::Floor, "12:12:00".into(), None, 1),
            ("cy".into(), Channel::Chat, "12:12:00".into(), None, 1),
        ]
    );
    assert_eq!(crate::check::errors(&s), []);
    // A time typed in the line is taken as typed.
    let recorded = apply(&mut s, "[12:11] @ana: a late note", after_midnight).unwrap();
    assert_eq!(recorded.time, Clock::hms(12, 11, 0));
}
