#![no_main]
//! Any bytes as a Zoom chat file imported into the example meeting's roster
//! (its notes removed): every layout's parser, name matching and the edits.
//! The first byte picks the options (add unknown people, a recording start),
//! the rest is the file. A failed import leaves the session unchanged.

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rapporteur::clock::Clock;
use rapporteur::import::chat::{self, ChatOptions};
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
    let Some((&choice, file)) = bytes.split_first() else {
        return;
    };
    let options = ChatOptions {
        map: if choice & 4 != 0 {
            vec!["Host=".into(), "Amina=youssef-el-amrani".into()]
        } else {
            Vec::new()
        },
        add_unknown: (choice & 1 != 0).then(|| "observers".to_string()),
        starts_at: (choice & 2 != 0).then_some(Clock::hms(10, 0, 0)),
    };
    let mut session = ROSTER.clone();
    match chat::import(&mut session, file, Path::new("chat.txt"), &options) {
        Ok(_) => {
            let again = storage::from_ron(&storage::to_ron(&session), Path::new("m.ron"))
                .expect("an imported session saves to text that loads");
            assert_eq!(again, session);
        }
        Err(error) => {
            let _ = error.to_string();
            assert_eq!(session, *ROSTER, "a failed import changed the session");
        }
    }
});
