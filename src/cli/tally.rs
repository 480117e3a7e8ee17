//! `rapporteur tally`.

use std::path::Path;
use std::process::ExitCode;

use super::{Failure, TallyFormat};

/// Prints the tally of the session in `file`.
pub fn run(_file: &Path, _format: TallyFormat) -> Result<ExitCode, Failure> {
    Err(Failure("tally is not built yet".into()))
}
