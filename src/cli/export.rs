//! `rapporteur export`.

use std::path::Path;
use std::process::ExitCode;

use super::streams::{load_session, write_output};
use super::{Attribution, ExportFormat, Failure};
use crate::export::{self, Options};
use crate::lint;
use crate::model::Session;

/// Writes the report of the session in `file` to `output`, or standard output.
///
/// In `group` and `chatham` modes it refuses while notes name participants or their
/// entities that the rapporteur has not marked reviewed, unless `allow_names`.
#[allow(clippy::too_many_arguments)]
pub fn run(
    file: &Path,
    format: ExportFormat,
    attribution: Attribution,
    min_group: usize,
    template: Option<&Path>,
    output: Option<&Path>,
    force: bool,
    allow_names: bool,
) -> Result<ExitCode, Failure> {
    let session = load_session(file)?;
    super::check::refuse_errors(&session, file, "its report")?;
    if attribution != Attribution::Named && !allow_names {
        refuse_names(file, &session, attribution)?;
    }
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

/// Refuses a report that would print names the notes write, listing each.
fn refuse_names(file: &Path, session: &Session, attribution: Attribution) -> Result<(), Failure> {
    let standing = lint::standing(session);
    if standing.is_empty() {
        return Ok(());
    }
    let mode = match attribution {
        Attribution::Chatham => "chatham",
        _ => "group",
    };
    let mut message = format!(
        "{}: not exported with --attribution {mode}: {} in notes could identify speakers:",
        file.display(),
        match standing.len() {
            1 => "1 name".to_string(),
            n => format!("{n} names"),
        }
    );
    for warning in &standing {
        message.push_str(&format!("\n{}: {warning}", file.display()));
    }
    message.push_str(
        "\nreword or delete each note, or mark its name reviewed in the review, \
         or export with --allow-names",
    );
    Err(Failure(message))
}
