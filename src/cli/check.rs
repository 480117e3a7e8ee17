//! `rapporteur check`.

use std::path::Path;
use std::process::ExitCode;

use super::Failure;

/// Validates the session in `file` and lints its notes.
pub fn run(_file: &Path) -> Result<ExitCode, Failure> {
    Err(Failure("check is not built yet".into()))
}
