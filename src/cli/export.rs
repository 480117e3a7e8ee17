//! `rapporteur export`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::export::{self, Options};
use crate::storage;

use super::{Attribution, ExportFormat, Failure};

/// Writes the report of the session in `file`.
pub fn run(
    file: &Path,
    format: ExportFormat,
    attribution: Attribution,
    min_group: usize,
    template: Option<&Path>,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let session = storage::load(file)?;
    let template = template
        .map(|path| {
            std::fs::read_to_string(path)
                .map_err(|e| Failure(format!("{}: cannot read the template: {e}", path.display())))
        })
        .transpose()?;
    let options = Options {
        format: match format {
            ExportFormat::Markdown => export::Format::Markdown,
            ExportFormat::Text => export::Format::Text,
            ExportFormat::Html => export::Format::Html,
            ExportFormat::Json => export::Format::Json,
        },
        attribution: match attribution {
            Attribution::Group => export::Attribution::Group,
            Attribution::Chatham => export::Attribution::Chatham,
            Attribution::Named => export::Attribution::Named,
        },
        min_group,
        template,
    };
    let report = export::export(&session, &options)?;
    match output {
        Some(path) => storage::write_atomically(path, report.as_bytes())
            .map_err(|e| Failure(format!("{}: cannot write the report: {e}", path.display())))?,
        None => std::io::stdout()
            .lock()
            .write_all(report.as_bytes())
            .map_err(|e| Failure(format!("cannot write the report: {e}")))?,
    }
    Ok(ExitCode::SUCCESS)
}
