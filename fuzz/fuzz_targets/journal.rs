#![no_main]
//! A session file with a fuzzed journal beside it, read with `storage::load`.
//!
//! Input whose first byte is even is written as the journal verbatim (torn
//! lines, bad checksums, non-UTF-8). Otherwise each line `SEQ EDIT` gets its
//! correct checksum inserted, so the fuzzer reaches the RON edit parser and
//! the replay of arbitrary edits against the session.

use std::fmt::Write;
use std::fs;
use std::path::PathBuf;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rapporteur::edit::Edit;
use rapporteur::model::Priority;
use rapporteur::storage::{self, journal_path};
use rapporteur::{import, templates};

/// A small session (the gfmd template, a priority, two people, one intervention) written once.
static SESSION_FILE: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    // A memory-backed folder unless TMPDIR names one: the target writes a file per run,
    // and the folder outlives the process (libFuzzer exits without running destructors).
    let shm = std::path::Path::new("/dev/shm");
    let mut folder = tempfile::Builder::new();
    folder.prefix("rapporteur-fuzz-journal-");
    let dir = if std::env::var_os("TMPDIR").is_none() && shm.is_dir() {
        folder.tempdir_in(shm)
    } else {
        folder.tempdir()
    }
    .expect("a temporary folder");
    let path = dir.path().join("meeting.ron");
    let mut session = templates::built_in("gfmd").expect("the gfmd template");
    session
        .apply(Edit::AddPriority(Priority {
            id: "recruitment".into(),
            title: "Fair recruitment".into(),
            description: None,
        }))
        .expect("the priority is added");
    let roster =
        "name,affiliation,group\nAmina Diallo,Senegal,states\nOmar Haddad,Casablanca,mayors\n";
    import::roster::import(&mut session, roster.as_bytes(), &path).expect("the roster imports");
    let notes = "[10:15] @amina: fair recruitment #recruitment\n";
    import::notes::import(&mut session, notes.as_bytes(), &path).expect("the notes import");
    fs::write(&path, storage::to_ron(&session)).expect("the session is written");
    (dir, path)
});

fuzz_target!(|bytes: &[u8]| {
    let (_, path) = &*SESSION_FILE;
    let Some((&mode, rest)) = bytes.split_first() else {
        return;
    };
    let journal = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let Ok(text) = std::str::from_utf8(rest) else {
            return;
        };
        let mut journal = String::new();
        for line in text.split_inclusive('\n') {
            let (body, end) = match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            };
            let (seq, edit) = body.split_once(' ').unwrap_or((body, ""));
            let crc = crc32(edit.as_bytes());
            let _ = write!(journal, "{seq} {crc:08x} {edit}{end}");
        }
        journal.into_bytes()
    };
    fs::write(journal_path(path), &journal).expect("the journal is written");
    match storage::load(path) {
        Ok(session) => {
            let again = storage::from_ron(&storage::to_ron(&session), path)
                .expect("a replayed session saves to text that loads");
            assert_eq!(again, session);
        }
        Err(error) => {
            if let Some((line, col)) = error.position() {
                assert!(line >= 1 && col >= 1, "{error}");
            }
        }
    }
});

/// CRC-32 (IEEE), as the journal writes it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
