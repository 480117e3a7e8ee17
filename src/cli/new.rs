//! `rapporteur new`.

use std::path::Path;
use std::process::ExitCode;

use super::Failure;

/// Creates a session file from a template.
pub fn run(
    _file: &Path,
    _template: Option<&str>,
    _title: Option<String>,
    _groups: &[String],
    _priorities: &[String],
) -> Result<ExitCode, Failure> {
    Err(Failure("new is not built yet".into()))
}
