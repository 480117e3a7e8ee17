//! `rapporteur import`.

use std::process::ExitCode;

use super::{Failure, Import};

/// Imports a roster or notes into a session file.
pub fn run(_what: Import) -> Result<ExitCode, Failure> {
    Err(Failure("import is not built yet".into()))
}
