#![no_main]
//! Any bytes as a keymap file: parsed, merged over the default, and every
//! bound key must print as a key string that parses back to the same key
//! (help shows those strings, and users copy them into their keymaps).

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use rapporteur::keymap::{self, Key, Keymap};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match keymap::parse(text, Path::new("keymap.ron")) {
        Ok(bindings) => {
            for (key, _) in &bindings.0 {
                let shown = key.to_string();
                let parsed: Key = shown.parse().unwrap_or_else(|e| {
                    panic!("{key:?} prints as {shown:?}, which does not parse: {e}")
                });
                assert_eq!(parsed, *key, "{key:?} prints as {shown:?}");
            }
            let mut keymap = Keymap::default();
            keymap.merge(bindings, "keymap.ron");
            let _ = keymap.help();
        }
        Err(error) => {
            if let Some((line, col)) = error.position() {
                assert!(line >= 1 && col >= 1, "{error}");
            }
        }
    }
});
