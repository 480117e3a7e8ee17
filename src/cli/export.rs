//! `rapporteur export`.

use std::path::Path;
use std::process::ExitCode;

use super::{Attribution, ExportFormat, Failure};

/// Writes the report of the session in `file`.
pub fn run(
    _file: &Path,
    _format: ExportFormat,
    _attribution: Attribution,
    _min_group: usize,
    _template: Option<&Path>,
    _output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    Err(Failure("export is not built yet".into()))
}
