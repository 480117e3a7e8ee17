//! `rapporteur export`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::sessions::{roll_up, single};
use super::streams::{is_dash, load_session, write_output};
use super::{Attribution, ExportFormat, Failure, ReportLanguage};
use crate::export::{self, Language, Options};
use crate::lint;
use crate::model::Session;
use crate::rollup;

/// Writes the report of the session in `files` to `output`, or standard output; the
/// synthesis of several sessions when `files` names several, or a folder.
///
/// In `group` and `chatham` modes it refuses while notes name participants or their
/// entities that the rapporteur has not marked reviewed, unless `allow_names`.
#[allow(clippy::too_many_arguments)]
pub fn run(
    files: &[PathBuf],
    format: ExportFormat,
    attribution: Attribution,
    min_group: usize,
    lang: Option<ReportLanguage>,
    template: Option<&Path>,
    reference_docx: Option<&Path>,
    output: Option<&Path>,
    force: bool,
    allow_names: bool,
) -> Result<ExitCode, Failure> {
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
            ExportFormat::Docx => export::Format::Docx,
        },
        attribution: match attribution {
            Attribution::Group => export::Attribution::Group,
            Attribution::Chatham => export::Attribution::Chatham,
            Attribution::Named => export::Attribution::Named,
        },
        min_group,
        template,
        reference_docx: reference(format, reference_docx)?,
        language: Language::English,
    };
    if format == ExportFormat::Docx {
        refuse_docx_to_terminal(output)?;
    }
    if let Some(file) = single(files) {
        let session = load_session(file)?;
        super::check::refuse_errors(&session, file, "its report")?;
        if attribution != Attribution::Named && !allow_names {
            refuse_names(file, &session, attribution)?;
        }
        let options = Options {
            language: language(lang, &session),
            ..options
        };
        say_untranslated(&session, options.language, file);
        let report = export::export_owned(session, &options)?;
        write_output(output, force, &report, "report", file)?;
        return Ok(ExitCode::SUCCESS);
    }
    if lang.is_some_and(|l| l != ReportLanguage::En) {
        return Err(Failure(
            "the synthesis across sessions is written in English only; drop --lang, or \
             export each session's report in French"
                .into(),
        ));
    }
    let (rollup, paths) = roll_up(files)?;
    let report = rollup::export(&rollup, &options)?;
    // The report never goes over any of the sessions it is made of.
    if let Some(out) = output.filter(|o| !is_dash(o)) {
        for path in paths.iter().filter(|p| !is_dash(p)) {
            if same_file::is_same_file(out, path).unwrap_or(false) {
                return Err(Failure(format!(
                    "{} is one of the sessions; write the report to another file",
                    out.display()
                )));
            }
        }
    }
    write_output(output, force, report.as_bytes(), "report", &paths[0])?;
    Ok(ExitCode::SUCCESS)
}

/// The report's language: the one asked for, else the one the meeting's languages suggest,
/// said on standard error when it is not English, with the way back.
fn language(lang: Option<ReportLanguage>, session: &Session) -> Language {
    match lang {
        Some(ReportLanguage::En) => Language::English,
        Some(ReportLanguage::Fr) => Language::French,
        None => {
            let chosen = Language::of_meeting(&session.meta.languages);
            if chosen != Language::English {
                eprintln!(
                    "writing the report in {} (the meeting's language); --lang en for English",
                    chosen.name()
                );
            }
            chosen
        }
    }
}

/// Says on standard error what the report will print in English for want of a translation.
fn say_untranslated(session: &Session, language: Language, file: &Path) {
    let missing = export::untranslated(session, language);
    if missing.is_empty() {
        return;
    }
    let tag = language.tag();
    let mut what = Vec::new();
    if !missing.groups.is_empty() {
        what.push(format!(
            "the groups {} (`--in {tag} --group ID:NAME:SINGULAR:PLURAL:GENDER`)",
            missing.groups.join(", ")
        ));
    }
    if !missing.priorities.is_empty() {
        what.push(format!(
            "the priorities {} (`--in {tag} --priority ID:TITLE`)",
            missing.priorities.join(", ")
        ));
    }
    if missing.format {
        what.push(format!("the format (`--in {tag} --format TEXT`)"));
    }
    eprintln!(
        "{}: no {} words for {}: the report says them as the session has them; give them with \
         `rapporteur edit {}` and the options shown",
        file.display(),
        language.name(),
        export::join(&what),
        file.display()
    );
}

/// The styles of `--reference-docx`, which only a Word document takes.
fn reference(
    format: ExportFormat,
    path: Option<&Path>,
) -> Result<Option<export::ReferenceStyles>, Failure> {
    let Some(path) = path else { return Ok(None) };
    if format != ExportFormat::Docx {
        return Err(Failure(
            "--reference-docx styles a Word document: add --format docx".into(),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Failure(format!(
            "{}: cannot read the reference document: {e}",
            path.display()
        ))
    })?;
    Ok(Some(export::ReferenceStyles::read(
        &path.display().to_string(),
        &bytes,
    )?))
}

/// A Word document is binary: it goes to a file, or to a pipe, never to a terminal.
fn refuse_docx_to_terminal(output: Option<&Path>) -> Result<(), Failure> {
    use std::io::IsTerminal;
    match output {
        None => Err(Failure(
            "a Word document is binary: give the file to write with -o, as in -o report.docx"
                .into(),
        )),
        Some(o) if is_dash(o) && std::io::stdout().is_terminal() => Err(Failure(
            "a Word document is binary and standard output is a terminal: write it to a file with -o report.docx, or pipe it".into(),
        )),
        Some(_) => Ok(()),
    }
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
