//! `import notes`: the capture syntax, one line at a time, as if typed.

use std::path::Path;

use super::{ImportProblem, text_of};
use crate::clock::Clock;
use crate::meeting::{Meeting, Staged};
use crate::model::Session;
use crate::recorder::{Choice, Recording, record};
use crate::resolve::Resolver;

/// What an import added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesImported {
    /// New interventions.
    pub interventions: usize,
    /// New notes.
    pub notes: usize,
    /// New remarks of the rapporteur's (`>` lines).
    pub remarks: usize,
    /// Names and tags that were not exact matches, with their line: what they were taken as.
    pub chose: Vec<(usize, Choice)>,
}

/// Records every line of `text` into `session`, stopping at the first line that
/// cannot be resolved; on error `session` is unchanged.
pub fn import(
    session: &mut Session,
    text: &[u8],
    path: &Path,
) -> Result<NotesImported, ImportProblem> {
    let mut meeting = Meeting::in_memory(std::mem::take(session));
    let imported = {
        let mut staged = meeting.stage();
        let imported = import_into(&mut staged, text, path);
        if imported.is_ok() {
            let _ = staged.commit();
        }
        imported
    };
    *session = meeting.into_session();
    imported
}

/// Records every line of `text` into a staged change of a meeting, the same path as
/// lines typed in the screen; stops at the first line that cannot be resolved, leaving
/// the change to be dropped.
pub fn import_into(
    staged: &mut Staged,
    text: &[u8],
    path: &Path,
) -> Result<NotesImported, ImportProblem> {
    let text = text_of(text, path)?;
    let resolver = Resolver::default();
    let before = (
        staged.session().interventions.len(),
        staged.session().note_count(),
        staged.session().remarks.len(),
    );
    let mut chose = Vec::new();
    // Lines without a [time] take the time of the line before.
    let mut now = last_time(staged.session());
    for (index, line) in text.lines().enumerate() {
        let recorded = record(staged.session(), &resolver, line, now, &Recording::strict())
            .map_err(|e| {
                ImportProblem::new(path, index + 1, Some(e.column), e.problem.to_string())
            })?;
        now = recorded.time;
        chose.extend(recorded.chose.into_iter().map(|c| (index + 1, c)));
        staged
            .apply(recorded.edits)
            .map_err(|e| ImportProblem::new(path, index + 1, Some(1), e.to_string()))?;
    }
    Ok(NotesImported {
        interventions: staged.session().interventions.len() - before.0,
        notes: staged.session().note_count() - before.1,
        remarks: staged.session().remarks.len() - before.2,
        chose,
    })
}

/// The latest time recorded in the session.
pub fn last_time(session: &Session) -> Clock {
    session
        .interventions
        .last()
        .map(|i| i.notes.iter().map(|n| n.time).fold(i.start, Clock::max))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Participant;
    use crate::templates;

    fn session() -> Session {
        let mut s = templates::gfmd_2020();
        for (name, group) in [("Amina Diallo", "states"), ("Omar Haddad", "mayors")] {
            s.participants.push(Participant {
                id: s.fresh_participant_id(name),
                name: name.into(),
                affiliation: String::new(),
                group: group.into(),
                role: None,
                chair: false,
            });
        }
        s
    }

    #[test]
    fn lines_are_recorded_with_carried_times() {
        let mut s = session();
        let text = "// notes\r\n[10:15] @amina: fix it #recruitment\r\n\r\nmore #data\r\n[10:20] @omar (chat): yes\r\n";
        let n = import(&mut s, text.as_bytes(), Path::new("n.txt")).unwrap();
        assert_eq!(
            n,
            NotesImported {
                interventions: 2,
                notes: 3,
                remarks: 0,
                chose: vec![
                    (
                        2,
                        Choice::Speaker {
                            typed: "amina".into(),
                            id: "amina-diallo".into(),
                            how: crate::resolve::Matched::Prefix
                        }
                    ),
                    (
                        5,
                        Choice::Speaker {
                            typed: "omar".into(),
                            id: "omar-haddad".into(),
                            how: crate::resolve::Matched::Prefix
                        }
                    )
                ]
            }
        );
        assert_eq!(s.interventions[0].notes[1].time, Clock::hms(10, 15, 0));
        assert_eq!(s.interventions[0].notes[1].tags, vec!["data".to_string()]);
    }

    #[test]
    fn remarks_and_opposition_are_imported_apart_from_the_speakers_notes() {
        let mut s = session();
        let text = "[10:15] @amina: fix it #recruitment\n\
                    no, not this way #-data\n\
                    > The call opened late.\n\
                    [10:20] > #data Data came up in every intervention.\n\
                    and it stays amina's turn #data\n";
        let n = import(&mut s, text.as_bytes(), Path::new("n.txt")).unwrap();
        assert_eq!((n.interventions, n.notes, n.remarks), (1, 3, 2));
        // The rapporteur's words are nobody's note and do not move the floor.
        let notes = &s.interventions[0].notes;
        assert_eq!(notes.len(), 3);
        assert_eq!(notes[1].opposes, ["data"]);
        assert!(notes[1].tags.is_empty());
        assert_eq!(notes[2].text, "and it stays amina's turn");
        let remarks: Vec<(&str, Option<&str>)> = s
            .remarks
            .iter()
            .map(|r| (r.text.as_str(), r.priority.as_deref()))
            .collect();
        assert_eq!(
            remarks,
            [
                ("The call opened late.", None),
                ("Data came up in every intervention.", Some("data"))
            ]
        );
        assert_eq!(s.remarks[1].time, Clock::hms(10, 20, 0));
    }

    #[test]
    fn the_first_unresolved_line_stops_the_import_with_its_position() {
        let mut s = session();
        let before = s.clone();
        let text = "@amina: ok\nfine #recruitment\n  more #nonsense-tag\n";
        let e = import(&mut s, text.as_bytes(), Path::new("n.txt")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "n.txt:3:8: no priority matches `#nonsense-tag`; create it first \
             (`rapporteur edit FILE --priority nonsense-tag:TITLE`)"
        );
        assert_eq!(s, before);
        let e = import(&mut s, b"@zed", Path::new("n.txt")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("n.txt:1:1: no participant matches `@zed`"),
            "{e}"
        );
    }
}
