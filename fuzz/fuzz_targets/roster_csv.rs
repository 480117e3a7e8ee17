#![no_main]
//! Any bytes as a roster CSV imported into the gfmd template: either every
//! row is added, or problems are reported (each with a line) and the session
//! is unchanged.

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rapporteur::import::roster;
use rapporteur::model::Session;
use rapporteur::templates;

static TEMPLATE: LazyLock<Session> =
    LazyLock::new(|| templates::built_in("gfmd").expect("the gfmd template"));

fuzz_target!(|bytes: &[u8]| {
    let mut session = TEMPLATE.clone();
    match roster::import(&mut session, bytes, Path::new("people.csv")) {
        Ok(added) => {
            assert_eq!(
                session.participants.len(),
                TEMPLATE.participants.len() + added
            );
            let mut ids: Vec<&str> = session.participants.iter().map(|p| p.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(
                ids.len(),
                session.participants.len(),
                "two people share an id"
            );
        }
        Err(problems) => {
            assert!(
                !problems.is_empty(),
                "an import failed with no problem named"
            );
            assert_eq!(session, *TEMPLATE, "a failed import changed the session");
        }
    }
});
