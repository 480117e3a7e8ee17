#![no_main]
//! A session and a sequence of odd edits through `Meeting` in memory (commits of
//! several edits, staged changes committed or dropped, typed lines, undo and redo):
//! every edit applies or is refused with the session unchanged, the session stays
//! whole, the projections equal a recount after every step, and undoing everything
//! gives the start back. See `rapporteur_fuzz::meeting`.

use libfuzzer_sys::fuzz_target;
use rapporteur_fuzz::meeting::Script;

fuzz_target!(|script: Script| script.check());
