//! Valid-shaped inputs for the structure-aware fuzz targets.
//!
//! Each module describes one kind of file (or a meeting's edits) as plain data
//! that `arbitrary` builds from the fuzzer's bytes, renders it to the text
//! rapporteur reads, and checks what rapporteur made of it against what the
//! shape says it holds. The byte-level targets find what breaks a parser; these
//! reach the deep shapes a byte mutator rarely builds: a valid chat with odd
//! messages, a valid roster with odd cells, a valid session with odd edits.

pub mod chat;
pub mod meeting;
pub mod notes;
pub mod roster;
pub mod text;

use std::path::Path;
use std::sync::LazyLock;

use rapporteur::model::Session;
use rapporteur::storage;

/// The example meeting as it is in the repository.
pub static EXAMPLE: LazyLock<Session> = LazyLock::new(|| {
    let text = include_str!("../../sessions/gfmd-2020-migrant-protection.ron");
    storage::from_ron(text, Path::new("example.ron")).expect("the example session loads")
});

/// The example meeting's roster, groups and priorities, its interventions removed.
pub static ROSTER: LazyLock<Session> = LazyLock::new(|| {
    let mut session = EXAMPLE.clone();
    session.interventions.clear();
    session
});

/// `session` saved and read back is the same session.
pub fn assert_round_trips(session: &Session) {
    let again = storage::from_ron(&storage::to_ron(session), Path::new("m.ron"))
        .expect("a session saves to text that loads");
    assert_eq!(&again, session, "the session changed through its file");
}

/// What `end` holds that `start` did not, as a session of its own: the part of a
/// session an input changed, to save and load back without the rest.
pub fn added_since(start: &Session, end: &Session) -> Session {
    Session {
        meta: end.meta.clone(),
        participants: end
            .participants
            .iter()
            .filter(|p| !start.participants.contains(p))
            .cloned()
            .collect(),
        priorities: end
            .priorities
            .iter()
            .filter(|p| !start.priorities.contains(p))
            .cloned()
            .collect(),
        interventions: end
            .interventions
            .iter()
            .filter(|i| !start.interventions.contains(i))
            .cloned()
            .collect(),
        attended: end.attended.clone(),
        absent: end.absent.clone(),
        chat_imported: end.chat_imported.clone(),
        next_serial: end.next_serial,
        ..Session::default()
    }
}

/// Where two sessions differ, in a few lines, for a failure message.
pub fn difference(a: &Session, b: &Session) -> String {
    let mut out = Vec::new();
    if a.meta != b.meta {
        out.push(format!("meta: {:?} / {:?}", a.meta, b.meta));
    }
    if a.participants != b.participants {
        out.push(format!(
            "participants: {:?} / {:?}",
            a.participants, b.participants
        ));
    }
    if a.priorities != b.priorities {
        out.push(format!(
            "priorities: {:?} / {:?}",
            a.priorities, b.priorities
        ));
    }
    let n = a.interventions.len().max(b.interventions.len());
    for i in 0..n {
        let (x, y) = (a.interventions.get(i), b.interventions.get(i));
        if x != y {
            out.push(format!("intervention {i}: {x:?} / {y:?}"));
        }
    }
    if a.next_serial != b.next_serial {
        out.push(format!(
            "next serial: {} / {}",
            a.next_serial, b.next_serial
        ));
    }
    out.join("\n")
}

/// Panics saying where `found` differs from `wanted` unless they are equal.
#[track_caller]
pub fn assert_same(found: &Session, wanted: &Session, what: &str) {
    assert!(found == wanted, "{what}:\n{}", difference(found, wanted));
}
