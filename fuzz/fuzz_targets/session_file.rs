#![no_main]
//! Any bytes as a session file: the UTF-8 check, the RON loader, and for a
//! file that loads, what `check`, `tally` and `export` do with it.
//!
//! A loaded session must save to text that loads back equal, and no input
//! may panic, hang or overflow the stack (the loader's recursion limit).

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use rapporteur::export::{self, Attribution, Format, Language, Options};
use rapporteur::{source, storage};

const FORMATS: [Format; 5] = [
    Format::Markdown,
    Format::Text,
    Format::Html,
    Format::Json,
    Format::Docx,
];
const ATTRIBUTIONS: [Attribution; 3] =
    [Attribution::Group, Attribution::Chatham, Attribution::Named];

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("fuzz.ron");
    let text = match source::utf8_or_position(bytes, path) {
        Ok(text) => text,
        Err(error) => {
            let (line, col) = error.position().expect("a UTF-8 error has a position");
            assert!(line >= 1 && col >= 1, "{error}");
            return;
        }
    };
    let session = match storage::from_ron(text, path) {
        Ok(session) => session,
        Err(error) => {
            if let Some((line, col)) = error.position() {
                assert!(line >= 1 && col >= 1, "{error}");
            }
            return;
        }
    };
    let saved = storage::to_ron(&session);
    let again = storage::from_ron(&saved, path).unwrap_or_else(|e| {
        panic!("a loaded session saves to text that does not load: {e}\n{saved}")
    });
    assert_eq!(again, session, "the session changed on a save and load");

    let _ = rapporteur::check::validate(&session);
    // One format and attribution per input keeps each run short; the fuzzer varies the length.
    let options = Options {
        format: FORMATS[bytes.len() % 5],
        attribution: ATTRIBUTIONS[bytes.len() / 5 % 3],
        min_group: 1 + bytes.len() % 3,
        template: None,
        reference_docx: None,
        language: Language::ALL[bytes.len() / 15 % 2],
    };
    let _ = export::export_bytes(&session, &options);
});
