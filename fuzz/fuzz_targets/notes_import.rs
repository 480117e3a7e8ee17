#![no_main]
//! Any bytes as a notes file imported into the example meeting's roster and
//! priorities (its notes removed): either every line is recorded, or the
//! first bad line is named and the session is unchanged.

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rapporteur::import::notes;
use rapporteur::model::Session;
use rapporteur::storage;

static ROSTER: LazyLock<Session> = LazyLock::new(|| {
    let text = include_str!("../../sessions/gfmd-2020-migrant-protection.ron");
    let mut session =
        storage::from_ron(text, Path::new("example.ron")).expect("the example session loads");
    session.interventions.clear();
    session
});

fuzz_target!(|bytes: &[u8]| {
    let mut session = ROSTER.clone();
    match notes::import(&mut session, bytes, Path::new("notes.txt")) {
        Ok(imported) => {
            assert_eq!(session.interventions.len(), imported.interventions);
            assert_eq!(session.note_count(), imported.notes);
        }
        Err(problem) => {
            assert!(problem.line >= 1, "{problem}");
            assert!(problem.column.is_none_or(|c| c >= 1), "{problem}");
            assert_eq!(session, *ROSTER, "a failed import changed the session");
        }
    }
});
