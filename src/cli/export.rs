//! `rapporteur export`.

use std::path::Path;
use std::process::ExitCode;

use super::streams::{load_session, write_output};
use super::{Attribution, ExportFormat, Failure};
use crate::export::{self, Options};

/// Writes the report of the session in `file` to `output`, or standard output.
pub fn run(
    file: &Path,
    format: ExportFormat,
    attribution: Attribution,
    min_group: usize,
    template: Option<&Path>,
    output: Option<&Path>,
    force: bool,
) -> Result<ExitCode, Failure> {
    let session = load_session(file)?;
    super::check::refuse_errors(&session, file, "its report")?;
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
    write_output(output, force, report.as_bytes(), "report", file)?;
    Ok(ExitCode::SUCCESS)
}
