//! `rapporteur tally`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::tally::{Tally, to_json, to_table};

use super::streams::load_session;
use super::{Failure, TallyFormat};

/// Prints the tally of the session in `file`.
pub fn run(file: &Path, format: TallyFormat) -> Result<ExitCode, Failure> {
    let session = load_session(file)?;
    super::check::refuse_errors(&session, file, "its tally")?;
    let tally = Tally::compute(&session);
    let text = match format {
        // Titles and group names come from the file: the table is for a terminal, so inert.
        TallyFormat::Table => crate::visible::visible_lines(&to_table(&tally)).into_owned(),
        TallyFormat::Json => to_json(&tally),
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| Failure(format!("cannot write the tally: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
