//! `rapporteur tally`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::rollup;
use crate::tally::{Tally, to_json, to_table};

use super::sessions::{roll_up, single};
use super::streams::load_session;
use super::{Failure, TallyFormat};

/// Prints the tally of the session in `files`, or the roll-up of several sessions.
pub fn run(files: &[PathBuf], format: TallyFormat) -> Result<ExitCode, Failure> {
    let text = match single(files) {
        Some(file) => {
            let session = load_session(file)?;
            super::check::refuse_errors(&session, file, "its tally")?;
            let tally = Tally::compute(&session);
            match format {
                // Titles and group names come from the file: the table is for a terminal, so inert.
                TallyFormat::Table => crate::visible::visible_lines(&to_table(&tally)).into_owned(),
                TallyFormat::Json => to_json(&tally),
            }
        }
        None => {
            let (rollup, _) = roll_up(files)?;
            match format {
                TallyFormat::Table => {
                    crate::visible::visible_lines(&rollup::to_table(&rollup)).into_owned()
                }
                TallyFormat::Json => rollup::to_json(&rollup),
            }
        }
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| Failure(format!("cannot write the tally: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
