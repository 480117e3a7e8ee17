#![no_main]
//! Notes files in the capture syntax built from their structure (floor turns, chat
//! inputs, lines for whoever has the floor, times forward and back, labels, tags
//! inside sentences, quotes, emphasis, and now and then a line that cannot be
//! recorded): every note as typed, or the import stopped at a line that could fail,
//! with the session unchanged; the projections follow. See `rapporteur_fuzz::notes`.

use libfuzzer_sys::fuzz_target;
use rapporteur_fuzz::notes::Notes;

fuzz_target!(|notes: Notes| notes.check());
