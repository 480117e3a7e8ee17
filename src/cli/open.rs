//! `rapporteur [FILE]`: the live screen.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Failure;

/// Opens the screen on `file`, or on a new session from the default template.
pub fn run(_file: Option<PathBuf>, _keymap: Option<String>) -> Result<ExitCode, Failure> {
    Err(Failure("the screen is not built yet".into()))
}
