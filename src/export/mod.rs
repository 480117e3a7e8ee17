//! The report exporter: a session and its tally become Markdown, plain text,
//! HTML, JSON or a Word document shaped like a rapporteur's summary report.
//!
//! The report is first built as data ([`Report`]) with attribution already
//! resolved for the chosen mode, then rendered through a template embedded in
//! the binary (or one given by the user). Nothing here touches files.
//!
//! `report` builds the data in the order `order` gives, `place` puts each note where
//! the report prints it, `prose` and `convergence` generate its sentences
//! (participation, figures, opposition, ties), `words` the numbers, spans of time and
//! articles of running prose, `attribution` who said what and the phrases that bring
//! quotes in, `time` the account of the session's time, `chart` the bar chart,
//! `voice` the voice balance rows, `render` the templates, `docx` the Word package around
//! its rendered main part, `lang` the language tags of the document and its passages.

mod attribution;
mod chart;
mod convergence;
mod data;
mod docx;
mod escape;
mod fr;
mod labels;
mod lang;
mod language;
mod order;
mod place;
mod prose;
mod render;
mod report;
mod time;
mod voice;
mod words;
mod wrap;

use std::fmt;

pub use chart::{Band, Bar, Chart, LABEL_LINE, LegendItem, Segment, label_lines};
pub use convergence::{convergence_sentence, opposed_only_sentence, opposition, tie_sentence};
pub use data::{Emphasis, Report, ReportNote, ReportSection};
pub use docx::ReferenceStyles;
pub use escape::escape_controls;
pub use escape::{html_inline, markdown_escape, markdown_inline, xml_text};
pub use labels::Labels;
pub use language::{Lang, Language, Untranslated, untranslated};
pub use order::{Raised, report_order};
pub use prose::{
    count, group_in_prose, group_speaker, interventions_and_inputs, interventions_sentence, join,
    participation, participation_sentence, representatives_of,
};
pub use render::{builtin_template, render_data};
pub use report::date_label;
pub use time::{TimeAccount, account, time_sentence};
pub use voice::VoiceRow;
pub use words::{
    capitalized, count_words, duration_in_words, group_with_article, indefinite, number_word,
};
pub use wrap::wrap_text;

use crate::clock::{DateError, parse_date};
use crate::model::Session;
use crate::tally::Tally;

/// Output formats of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown, one paragraph per line.
    Markdown,
    /// Plain text wrapped at 72 columns.
    Text,
    /// One self-contained HTML file with an inline SVG chart.
    Html,
    /// The report's data as JSON.
    Json,
    /// A Word document (Office Open XML) in Word's built-in styles: binary, see [`export_bytes`].
    Docx,
}

/// How the report attributes what was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Attribution {
    /// Group labels only when enough distinct entities of the group spoke on
    /// the priority, otherwise "one participant".
    #[default]
    Group,
    /// No name, affiliation or group of any individual speaker.
    Chatham,
    /// Names and affiliations, for internal minutes.
    Named,
}

impl Attribution {
    /// Whether a group that `entities` distinct entities spoke for may be named: always in
    /// `named`, from `min_group` entities in `group`, never in `chatham`.
    pub fn may_name(self, entities: usize, min_group: usize) -> bool {
        match self {
            Attribution::Named => true,
            Attribution::Group => entities >= min_group.max(1),
            Attribution::Chatham => false,
        }
    }

    /// The mode as written on the command line: `group`, `chatham`, `named`.
    pub fn id(self) -> &'static str {
        match self {
            Attribution::Group => "group",
            Attribution::Chatham => "chatham",
            Attribution::Named => "named",
        }
    }
}

/// What to export and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Output format.
    pub format: Format,
    /// Attribution mode.
    pub attribution: Attribution,
    /// Fewest distinct entities of a group on a priority before the group is named.
    pub min_group: usize,
    /// Template source replacing the built-in one for `format` (not for JSON).
    pub template: Option<String>,
    /// Styles of an organisation's own Word document, for `docx`.
    pub reference_docx: Option<ReferenceStyles>,
    /// The language the report is written in.
    pub language: Language,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: Format::Markdown,
            attribution: Attribution::Group,
            min_group: 2,
            template: None,
            reference_docx: None,
            language: Language::English,
        }
    }
}

/// Why a report could not be produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(pub String);

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// The report of `session` as `options` ask, in a text format (for `docx`, [`export_bytes`]).
pub fn export(session: &Session, options: &Options) -> Result<String, ExportError> {
    if options.format == Format::Docx {
        return Err(ExportError(
            "a Word document is binary, not text: write it to a file".into(),
        ));
    }
    said_in(session, options.language, |session| {
        let report = checked_report(session, options)?;
        render::render(&report, options.format, options.template.as_deref())
    })
}

/// The report of `session` as the bytes of its file: the text formats in UTF-8, `docx`
/// as the Word package.
pub fn export_bytes(session: &Session, options: &Options) -> Result<Vec<u8>, ExportError> {
    said_in(session, options.language, |session| {
        render_bytes(&checked_report(session, options)?, options)
    })
}

/// [`export_bytes`] of a session the caller no longer needs: its translation is put in
/// place, with no copy of its notes.
pub fn export_owned(mut session: Session, options: &Options) -> Result<Vec<u8>, ExportError> {
    language::translate(&mut session, options.language);
    render_bytes(&checked_report(&session, options)?, options)
}

/// `f` of `session` as `language` says the meeting: on a copy with its translation put
/// in, when it has one.
fn said_in<T>(session: &Session, language: Language, f: impl FnOnce(&Session) -> T) -> T {
    if !language::has_translation(session, language) {
        return f(session);
    }
    let mut translated = session.clone();
    language::translate(&mut translated, language);
    f(&translated)
}

fn render_bytes(report: &Report, options: &Options) -> Result<Vec<u8>, ExportError> {
    let template = options.template.as_deref();
    let document = render::render(report, options.format, template)?;
    if options.format != Format::Docx {
        return Ok(document.into_bytes());
    }
    docx::package(report, &document, options.reference_docx.as_ref())
}

/// The report of `session` (already said in `options.language`), or why a real reader
/// could not trust it.
fn checked_report(session: &Session, options: &Options) -> Result<Report, ExportError> {
    // A day the calendar lacks would be printed as if real ("30 February 2020").
    if let Err(DateError::NoSuchDay(reason)) = parse_date(&session.meta.date) {
        return Err(ExportError(format!(
            "{reason}; correct the meeting's date in the session file"
        )));
    }
    Ok(build(
        session,
        options.attribution,
        options.min_group,
        options.language,
    ))
}

/// The report of `session` as data in `language`, before rendering: the meeting said
/// with its translation into that language, when it has one.
pub fn report(
    session: &Session,
    attribution: Attribution,
    min_group: usize,
    language: Language,
) -> Report {
    said_in(session, language, |session| {
        build(session, attribution, min_group, language)
    })
}

/// The report of a session already said in `language`.
fn build(
    session: &Session,
    attribution: Attribution,
    min_group: usize,
    language: Language,
) -> Report {
    let tally = Tally::compute(session);
    let lang = Lang::of(language, session);
    report::build(session, &tally, attribution, min_group, &lang)
}

/// Renders a report built with [`report`].
pub fn render(
    report: &Report,
    format: Format,
    template: Option<&str>,
) -> Result<String, ExportError> {
    render::render(report, format, template)
}
