//! Merging two rapporteurs' sessions of the same meeting into one.
//!
//! Session A is the base: everything in it keeps its id and place. From B,
//! groups, priorities and participants are matched to A's (by id or name) or
//! added; each of B's interventions is folded into A's intervention by the same
//! speaker on the same channel within [`WINDOW`] seconds, or added at its time;
//! each of B's notes is dropped as a duplicate when A holds a note by the same
//! speaker, on the same channel, with the same text (ignoring case and spacing)
//! within the window, and added otherwise. A duplicate's tags and emphasis are
//! joined to A's note. Whatever differs and cannot be joined (a title, a name, a
//! note's kind, floor turns that overlap) is kept as A has it and reported.
//!
//! The merge is pure and deterministic, and merging a merged session with
//! either of its inputs again changes nothing.

mod many;
mod notes;
mod report;
mod roster;
mod three_way;
mod turns;

pub use many::{MergedMany, input_label, merge_all};
pub use notes::WINDOW;
pub use report::{Conflict, MergeReport, Merged};
pub use three_way::{Pushed, ThreeWay, merge3};

use crate::model::Session;
use report::conflict;

/// Merges session `b` into session `a`.
pub fn merge(a: &Session, b: &Session) -> Merged {
    let mut m = a.clone();
    let mut report = MergeReport {
        interventions_a: a.interventions.len(),
        interventions_b: b.interventions.len(),
        notes_a: a.note_count(),
        notes_b: b.note_count(),
        ..MergeReport::default()
    };
    merge_meta(&mut m, b, &mut report);
    let groups = roster::merge_groups(&mut m, b, &mut report);
    let priorities = roster::merge_priorities(&mut m, b, &mut report);
    let people = roster::merge_participants(&mut m, a, b, &groups, &mut report);
    let ids = roster::Ids { people, priorities };
    roster::merge_attendance(&mut m, b, &ids.people, &mut report);
    for fingerprint in &b.chat_imported {
        if !m.chat_imported.contains(fingerprint) {
            m.chat_imported.push(fingerprint.clone());
        }
    }
    let duplicate_of = notes::duplicates(a, b, &ids);
    notes::join_duplicates(&mut m, b, &ids, &duplicate_of, &mut report);
    report.notes_duplicate = duplicate_of.len();
    let fresh = notes::fresh_notes(b, &duplicate_of);
    let into = turns::targets(a, b, &ids, &fresh);
    turns::add_interventions(&mut m, a, b, &ids, &fresh, &into, &mut report);
    m.interventions.sort_by_key(|i| i.start);
    turns::end_floor_turns(&mut m);
    turns::report_new_overlaps(&m, a, &mut report);
    Merged { session: m, report }
}

/// Takes B's meta where A's is empty; a difference is a conflict, kept as A has it.
fn merge_meta(m: &mut Session, b: &Session, report: &mut MergeReport) {
    let fields = [
        ("title", &mut m.meta.title, &b.meta.title),
        ("theme", &mut m.meta.theme, &b.meta.theme),
        ("date", &mut m.meta.date, &b.meta.date),
        ("format", &mut m.meta.format, &b.meta.format),
    ];
    let mut differing = Vec::new();
    for (name, ours, theirs) in fields {
        if ours.is_empty() {
            ours.clone_from(theirs);
        } else if !theirs.is_empty() && ours != theirs {
            differing.push((name, ours.clone(), theirs.clone()));
        }
    }
    for (name, ours, theirs) in differing {
        conflict(
            report,
            format!("meta {name}"),
            format!("A has {ours:?}, B has {theirs:?}; kept A's"),
        );
    }
    let times = [
        ("opening time", &mut m.meta.opens, b.meta.opens),
        ("closing time", &mut m.meta.closes, b.meta.closes),
    ];
    let mut differing_times = Vec::new();
    for (name, ours, theirs) in times {
        match (*ours, theirs) {
            (None, _) => *ours = theirs,
            (Some(x), Some(y)) if x != y => differing_times.push((name, x, y)),
            _ => {}
        }
    }
    for (name, ours, theirs) in differing_times {
        conflict(
            report,
            format!("meta {name}"),
            format!("A has {ours}, B has {theirs}; kept A's"),
        );
    }
    for (ours, theirs) in [
        (&mut m.meta.languages, &b.meta.languages),
        (&mut m.meta.focus_areas, &b.meta.focus_areas),
    ] {
        for item in theirs {
            if !ours.contains(item) {
                ours.push(item.clone());
            }
        }
    }
    // A language only B has translated is taken whole; where both have one, A's stands.
    for (language, words) in &b.meta.translations {
        match m.meta.translations.get(language) {
            None => {
                m.meta.translations.insert(language.clone(), words.clone());
            }
            Some(ours) if ours != words => conflict(
                report,
                format!("meta translation {language}"),
                "A and B translate the meeting differently; kept A's".to_string(),
            ),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::model::{Channel, Note, NoteKind, Participant};

    fn session() -> Session {
        let mut s = crate::templates::gfmd_2020();
        for (id, name, group) in [
            ("amina", "Amina Diallo", "states"),
            ("omar", "Omar Haddad", "mayors"),
        ] {
            s.participants.push(Participant {
                id: id.into(),
                name: name.into(),
                affiliation: String::new(),
                group: group.into(),
                role: None,
                chair: false,
            });
        }
        s
    }

    fn turn(s: &mut Session, who: &str, channel: Channel, at: u32, notes: &[(&str, &[&str])]) {
        let id = s.take_serial();
        let start = crate::edit::Edit::StartIntervention {
            id,
            participant: who.into(),
            channel,
            start: Clock(at),
        };
        s.apply(start).unwrap();
        for (text, tags) in notes {
            let note = Note {
                id: s.take_serial(),
                text: text.to_string(),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                kind: NoteKind::Point,
                emphasis: false,
                time: Clock(at),
                opposes: Vec::new(),
            };
            s.apply(crate::edit::Edit::InsertNote {
                intervention: id,
                index: None,
                note,
            })
            .unwrap();
        }
    }

    #[test]
    fn floor_and_chat_come_together() {
        let mut a = session();
        turn(
            &mut a,
            "amina",
            Channel::Floor,
            36_000,
            &[("fix recruitment", &["recruitment"])],
        );
        turn(
            &mut a,
            "omar",
            Channel::Floor,
            36_600,
            &[("cities first", &[])],
        );
        let mut b = session();
        turn(
            &mut b,
            "omar",
            Channel::Chat,
            36_300,
            &[("see the ILO", &["data"])],
        );
        turn(
            &mut b,
            "omar",
            Channel::Floor,
            36_630,
            &[("Cities  first", &["local-partners"]), ("and data", &[])],
        );
        let merged = merge(&a, &b);
        let s = &merged.session;
        assert_eq!(s.interventions.len(), 3);
        assert_eq!(s.interventions[1].channel, Channel::Chat);
        assert_eq!(s.interventions[0].end, Some(Clock(36_600)));
        let omar = &s.interventions[2];
        assert_eq!(omar.notes.len(), 2);
        assert_eq!(omar.notes[0].tags, vec!["local-partners".to_string()]);
        assert_eq!(merged.report.notes_duplicate, 1);
        assert_eq!(merged.report.interventions_folded, 1);
        assert!(
            crate::check::validate(s).is_empty(),
            "{:?}",
            crate::check::validate(s)
        );
        assert_eq!(merge(s, &b).session, *s);
        assert_eq!(merge(s, &a).session, *s);
        assert_eq!(merge(&a, &a).session, a);
    }
}
