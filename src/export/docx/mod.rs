//! The report as a Word document: the main part rendered from the report data through
//! `templates/report.docx.j2`, packed with its styles, numbering and document
//! properties into an Office Open XML package.
//!
//! `styles` writes Word's built-in styles, or takes an organisation's own.

mod styles;

use std::io::{Cursor, Write};

use serde::Serialize;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::ExportError;
use super::data::Report;
use super::escape::xml_text;
use super::labels::Labels;

pub use styles::ReferenceStyles;

/// The package's parts named in `[Content_Types].xml`, with their content types.
const MAIN: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const STYLES: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
const NUMBERING: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
const THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
const CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
const APP: &str = "application/vnd.openxmlformats-officedocument.extended-properties+xml";

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One row of the tally chart as the Word document's table shows it.
#[derive(Debug, Serialize)]
pub struct ChartRow {
    /// The band's label ("Raised by all 4 groups") on the first bar under it.
    pub band: Option<String>,
    /// Number and title, whole.
    pub label: String,
    /// Interventions that raised it.
    pub value: usize,
    /// Its interventions group by group, "States: 5 interventions; …"; empty in `chatham`.
    pub by_group: String,
}

/// What the Word template reads: the report, and its chart as rows of a table.
#[derive(Serialize)]
pub struct DocxData<'a> {
    /// Every field of the report, as the other templates see them.
    #[serde(flatten)]
    pub report: &'a Report,
    /// The chart's bars as table rows.
    pub chart_rows: Vec<ChartRow>,
    /// The report's fixed words in its language.
    pub t: &'static Labels,
}

/// The report's data for the Word template.
pub fn data(report: &Report) -> DocxData<'_> {
    let chart = &report.chart;
    let mut bands = chart.bands.iter().peekable();
    let mut rows = Vec::with_capacity(chart.bars.len());
    for bar in &chart.bars {
        // A band's label sits above the bars that follow it.
        let mut band = None;
        while let Some(b) = bands.next_if(|b| b.y < bar.y) {
            band = Some(b.label.clone());
        }
        rows.push(ChartRow {
            band,
            label: bar.label.clone(),
            value: bar.value,
            by_group: if report.attribution == "chatham" {
                String::new()
            } else {
                bar.segments
                    .iter()
                    .map(|s| s.title.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            },
        });
    }
    DocxData {
        report,
        chart_rows: rows,
        t: report.t,
    }
}

/// Packs `document` (the rendered `word/document.xml`) into a Word document with the
/// report's title and date as its properties, in `reference`'s styles if given.
pub fn package(
    report: &Report,
    document: &str,
    reference: Option<&ReferenceStyles>,
) -> Result<Vec<u8>, ExportError> {
    let lang = report.lang;
    let styles = match reference {
        Some(r) => r.styles_with_builtins(lang),
        None => styles::builtin(lang),
    };
    let theme = reference.and_then(|r| r.theme.as_deref());
    let mut parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", content_types(theme.is_some())),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core_properties(report, lang)),
        ("docProps/app.xml", app_properties()),
        (
            "word/_rels/document.xml.rels",
            document_rels(theme.is_some()),
        ),
        ("word/document.xml", document.trim_start().to_string()),
        ("word/styles.xml", styles),
        ("word/numbering.xml", styles::NUMBERING_XML.to_string()),
    ];
    if let Some(theme) = theme {
        parts.push(("word/theme/theme1.xml", theme.to_string()));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // No timestamp: the same report gives the same bytes.
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let fail =
        |e: &dyn std::fmt::Display| ExportError(format!("cannot write the Word document: {e}"));
    for (name, text) in &parts {
        zip.start_file(*name, options).map_err(|e| fail(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| fail(&e))?;
    }
    let bytes = zip.finish().map_err(|e| fail(&e))?.into_inner();
    Ok(bytes)
}

fn content_types(theme: bool) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    );
    let mut part = |name: &str, kind: &str| {
        out.push_str(&format!(
            "<Override PartName=\"{name}\" ContentType=\"{kind}\"/>"
        ))
    };
    part("/word/document.xml", MAIN);
    part("/word/styles.xml", STYLES);
    part("/word/numbering.xml", NUMBERING);
    if theme {
        part("/word/theme/theme1.xml", THEME);
    }
    part("/docProps/core.xml", CORE);
    part("/docProps/app.xml", APP);
    out.push_str("</Types>");
    out
}

fn package_rels() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{REL}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

fn document_rels(theme: bool) -> String {
    let theme = if theme {
        format!("<Relationship Id=\"rId3\" Type=\"{REL}/theme\" Target=\"theme/theme1.xml\"/>")
    } else {
        String::new()
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{REL}/numbering\" Target=\"numbering.xml\"/>\
         {theme}</Relationships>"
    )
}

/// Title, date and language: no author, so no name leaves with the file.
fn core_properties(report: &Report, lang: &str) -> String {
    let created = match crate::clock::parse_date(&report.date) {
        Ok(day) => format!(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{day}T00:00:00Z</dcterms:created>"
        ),
        Err(_) => String::new(),
    };
    let title = if report.title.is_empty() {
        "Meeting report"
    } else {
        &report.title
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:language>{lang}</dc:language>{created}\
         </cp:coreProperties>",
        xml_text(title),
        xml_text(&report.theme)
    )
}

fn app_properties() -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
     <Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
     <Application>rapporteur</Application></Properties>"
        .to_string()
}
