#![no_main]
//! Roster CSVs and registration exports built from their structure (header aliases
//! in any order, quoted and multi-line cells, blank and short rows, empty names,
//! unknown groups, people twice, report lines, host sections, cancellations and
//! attendance): every person read as written, or every problem on its line and the
//! session unchanged. See `rapporteur_fuzz::roster`.

use libfuzzer_sys::fuzz_target;
use rapporteur_fuzz::roster::Roster;

fuzz_target!(|roster: Roster| roster.check());
