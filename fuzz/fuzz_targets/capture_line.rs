#![no_main]
//! Any line typed into the capture line: the parser, then the recorder against
//! the example session. Errors must point inside the line (or just past it),
//! and the edits of a line that records must apply to the session.

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rapporteur::capture::{self, CaptureLine};
use rapporteur::clock::Clock;
use rapporteur::model::Session;
use rapporteur::recorder::{Recording, record};
use rapporteur::resolve::Resolver;
use rapporteur::storage;

static EXAMPLE: LazyLock<Session> = LazyLock::new(|| {
    let text = include_str!("../../sessions/gfmd-2020-migrant-protection.ron");
    storage::from_ron(text, Path::new("example.ron")).expect("the example session loads")
});

fuzz_target!(|bytes: &[u8]| {
    let Ok(line) = std::str::from_utf8(bytes) else {
        return;
    };
    let width = line.chars().count() + 1;
    match capture::parse(line) {
        Ok(CaptureLine::Entry(entry)) => {
            if let Some(speaker) = &entry.speaker {
                assert!((1..=width).contains(&speaker.column));
            }
            if let Some(note) = &entry.note {
                for tag in &note.tags {
                    assert!((1..=width).contains(&tag.column));
                }
            }
        }
        Ok(_) => {}
        Err(error) => assert!((1..=width).contains(&error.column), "{error}"),
    }
    let resolver = Resolver::default();
    // Half past ten falls inside the example meeting, so lines without a time go to its notes.
    // As the screen records: unknown names and tags are added, so their edits are tried too.
    match record(
        &EXAMPLE,
        &resolver,
        line,
        Clock::hms(10, 30, 0),
        &Recording::live(),
    ) {
        Ok(recorded) => {
            let mut session = EXAMPLE.clone();
            for edit in recorded.edits {
                session
                    .apply(edit)
                    .unwrap_or_else(|e| panic!("a recorded line's edit is refused: {e}"));
            }
        }
        Err(error) => assert!((1..=width).contains(&error.column), "{error}"),
    }
});
