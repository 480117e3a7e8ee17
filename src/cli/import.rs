//! `rapporteur import`.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use super::{Failure, Import};
use crate::import::{notes, roster};
use crate::model::Session;
use crate::storage::SessionFile;

/// Imports a roster or notes into a session file; on any problem nothing is written.
pub fn run(what: Import) -> Result<ExitCode, Failure> {
    match what {
        Import::Roster { file, csv } => into_session(&file, &csv, |session, bytes| {
            let added = roster::import(session, bytes, &csv).map_err(|problems| {
                let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                Failure(format!(
                    "{}\nnothing was imported",
                    lines.join("\nrapporteur: ")
                ))
            })?;
            Ok(format!("added {added} people to the roster"))
        }),
        Import::Notes { file, notes } => into_session(&file, &notes, |session, bytes| {
            let imported = notes::import(session, bytes, &notes)
                .map_err(|p| Failure(format!("{p}\nnothing was imported")))?;
            Ok(format!(
                "added {} interventions and {} notes",
                imported.interventions, imported.notes
            ))
        }),
    }
}

/// Opens `file`, runs `import` on the contents of `input`, and saves only if it succeeds.
fn into_session(
    file: &Path,
    input: &Path,
    import: impl FnOnce(&mut Session, &[u8]) -> Result<String, Failure>,
) -> Result<ExitCode, Failure> {
    let bytes = fs::read(input).map_err(|e| Failure(format!("{}: {e}", input.display())))?;
    let (handle, mut session, _) = SessionFile::open(file)?;
    match import(&mut session, &bytes) {
        Ok(summary) => {
            handle.close(&mut session)?;
            println!("{}: {summary}", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            handle.release();
            Err(failure)
        }
    }
}
