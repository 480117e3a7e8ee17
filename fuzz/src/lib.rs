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

/// The example meeting's roster, groups and priorities, its interventions removed.
pub static ROSTER: LazyLock<Session> = LazyLock::new(|| {
    let mut session = example();
    session.interventions.clear();
    session
});

/// The example meeting as it is in the repository.
pub fn example() -> Session {
    let text = include_str!("../../sessions/gfmd-2020-migrant-protection.ron");
    storage::from_ron(text, Path::new("example.ron")).expect("the example session loads")
}

/// `session` saved and read back is the same session.
pub fn assert_round_trips(session: &Session) {
    let again = storage::from_ron(&storage::to_ron(session), Path::new("m.ron"))
        .expect("a session saves to text that loads");
    assert_eq!(&again, session, "the session changed through its file");
}
