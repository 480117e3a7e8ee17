//! The Word report of the example session read back from its package: properties,
//! Word's built-in styles, the priorities with their sentences, points and quotes, the
//! tables; an organisation's styles taken in; and, where LibreOffice is installed, the
//! document converted to PDF with the same text.

mod cli_support;
mod docx_support;

use std::path::Path;
use std::process::Command;

use docx_support::{Para, all_text, paragraphs, part, parts, styles, tables};
use rapporteur::export::{
    Attribution, Format, Language, Options, ReferenceStyles, Report, ReportNote, export_bytes,
    report,
};
use rapporteur::model::Session;

const EXAMPLE: &str = "sessions/gfmd-2020-migrant-protection.ron";

fn example() -> Session {
    rapporteur::storage::load(Path::new(EXAMPLE)).expect("the example session loads")
}

fn docx(attribution: Attribution, reference: Option<ReferenceStyles>) -> Vec<u8> {
    let options = Options {
        format: Format::Docx,
        attribution,
        reference_docx: reference,
        ..Options::default()
    };
    export_bytes(&example(), &options).expect("the example exports to docx")
}

fn data(attribution: Attribution) -> Report {
    let session = example();
    report(&session, attribution, 2, Language::English)
}

fn with_style<'a>(paras: &'a [Para], style: &str) -> Vec<&'a str> {
    paras
        .iter()
        .filter(|p| p.style == style)
        .map(|p| p.text.as_str())
        .collect()
}

#[test]
fn the_package_holds_its_parts_and_properties() {
    let bytes = docx(Attribution::Group, None);
    let names: Vec<String> = parts(&bytes).into_iter().map(|(n, _)| n).collect();
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "docProps/core.xml",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} missing: {names:?}");
    }
    let core = part(&bytes, "docProps/core.xml");
    let doc = roxmltree::Document::parse(&core).unwrap();
    let field = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(
        field("title").as_deref(),
        Some("GFMD 2020 Breakout session: Addressing Gaps in Migrant Protection")
    );
    assert_eq!(field("created").as_deref(), Some("2020-06-02T00:00:00Z"));
    assert_eq!(field("language").as_deref(), Some("en"));
    assert_eq!(field("creator"), None, "no author leaves with the file");
    // The same report twice is the same file.
    assert_eq!(bytes, docx(Attribution::Group, None));
}

#[test]
fn headings_lists_and_quotes_are_in_words_styles() {
    let bytes = docx(Attribution::Group, None);
    let paras = paragraphs(&part(&bytes, "word/document.xml"));
    let report = data(Attribution::Group);
    assert_eq!(with_style(&paras, "Title"), vec![report.title.as_str()]);
    assert_eq!(
        with_style(&paras, "Heading1"),
        vec!["I. Introduction", "II. Key emphases", "III. Voice balance"]
    );
    assert_eq!(
        with_style(&paras, "ListNumber"),
        report
            .focus_areas
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    let headings2 = with_style(&paras, "Heading2");
    let headings3 = with_style(&paras, "Heading3");
    for section in &report.sections {
        if !section.title.is_empty() {
            assert!(
                headings2.contains(&section.title.as_str()),
                "{:?}",
                section.title
            );
        }
        // Under a heading of the rapporteur's, the priorities are a level down.
        let style = if section.title.is_empty() {
            "Heading2"
        } else {
            "Heading3"
        };
        for e in &section.emphases {
            let heading = format!("{}. {}", e.number, e.title);
            let at = paras
                .iter()
                .position(|p| p.style == style && p.text == heading)
                .unwrap_or_else(|| panic!("{heading:?} not a {style}: {headings3:?}"));
            // Its lead remarks and description, then its sentence, then its points.
            let sentence = at + 1 + e.remarks.len() + e.description.is_some() as usize;
            assert_eq!(paras[sentence].text, e.sentence);
            let notes: Vec<&Para> = paras[sentence + 1..]
                .iter()
                .take_while(|p| p.style == "ListBullet" || p.style == "Quote")
                .collect();
            let said: Vec<&ReportNote> = e
                .quote
                .iter()
                .chain(
                    e.notes
                        .iter()
                        .flat_map(|n| std::iter::once(n).chain(&n.context)),
                )
                .collect();
            assert_eq!(notes.len(), said.len(), "{heading}");
            for (p, n) in notes.iter().zip(&said) {
                if n.quote {
                    assert_eq!(
                        p.text,
                        format!("{}“{}”{}", n.before, n.text, n.after),
                        "{p:?}"
                    );
                } else {
                    assert_eq!(p.style, "ListBullet");
                    assert!(p.text.starts_with(&n.text), "{p:?}");
                    assert_eq!(p.text.contains("strongly voiced"), n.strong, "{p:?}");
                }
            }
        }
    }
    // Every style the body names is defined, under Word's own name for it.
    let defined = styles(&part(&bytes, "word/styles.xml"));
    let words_names = [
        ("Title", "Title"),
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("Heading3", "heading 3"),
        ("ListBullet", "List Bullet"),
        ("ListNumber", "List Number"),
        ("Quote", "Quote"),
        ("Caption", "caption"),
        ("TableGrid", "Table Grid"),
    ];
    for (id, name) in words_names {
        assert!(
            defined.contains(&(id.to_string(), name.to_string())),
            "{id} is not {name}"
        );
    }
    for p in &paras {
        assert!(
            p.style.is_empty() || words_names.iter().any(|(id, _)| *id == p.style),
            "{p:?}"
        );
    }
}

#[test]
fn the_voice_balance_and_the_chart_are_real_tables() {
    let bytes = docx(Attribution::Group, None);
    let report = data(Attribution::Group);
    let tables = tables(&part(&bytes, "word/document.xml"));
    assert_eq!(tables.len(), 2);
    assert!(tables.iter().all(|(style, _)| style == "TableGrid"));
    let (_, chart) = &tables[0];
    assert_eq!(chart[0], vec!["Priority", "Interventions", "By group"]);
    let bars: Vec<&Vec<String>> = chart[1..].iter().filter(|r| r.len() == 3).collect();
    assert_eq!(bars.len(), report.chart.bars.len());
    for (row, bar) in bars.iter().zip(&report.chart.bars) {
        assert_eq!(row[0], bar.label, "labels whole, never cut");
        assert_eq!(row[1], bar.value.to_string());
    }
    assert_eq!(
        bars[0][2],
        "States: 5 interventions; Civil society: 1 intervention; Business: 2 interventions; Mayors: 1 intervention"
    );
    let bands: Vec<&str> = chart[1..]
        .iter()
        .filter(|r| r.len() == 1)
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(
        bands,
        report
            .chart
            .bands
            .iter()
            .map(|b| b.label.as_str())
            .collect::<Vec<_>>()
    );
    let (_, voice) = &tables[1];
    assert_eq!(voice.len(), report.voice_balance.len() + 1);
    assert_eq!(voice[0][0], "Group");
    for (row, g) in voice[1..].iter().zip(&report.voice_balance) {
        assert!(row[0].starts_with(&g.name));
        assert_eq!(row[1], g.registered_people.to_string());
        assert_eq!(row[6], format!("{}%", g.share_of_interventions));
        assert_eq!(row[8], g.balance_label);
    }
}

#[test]
fn chatham_names_no_group_in_the_document() {
    let bytes = docx(Attribution::Chatham, None);
    let document = part(&bytes, "word/document.xml");
    let (_, chart) = &tables(&document)[0];
    assert!(
        chart[1..]
            .iter()
            .filter(|r| r.len() == 3)
            .all(|r| r[2].is_empty())
    );
    let shown: Vec<String> = paragraphs(&document).into_iter().map(|p| p.text).collect();
    let report = data(Attribution::Chatham);
    let expected: Vec<String> = report
        .sections
        .iter()
        .flat_map(|s| {
            s.emphases
                .iter()
                .flat_map(|e| e.quote.iter().chain(&e.notes))
                .chain(&s.points)
        })
        .flat_map(|n| std::iter::once(n).chain(&n.context))
        .filter(|n| n.quote)
        .map(|q| format!("{}“{}”{}", q.before, q.text, q.after))
        .collect();
    assert!(!expected.is_empty());
    // Each quote is attributed to "one participant", never to a group.
    for want in &expected {
        assert!(want.to_lowercase().contains("one participant"), "{want:?}");
        assert!(shown.contains(want), "{want:?} is not in the document");
    }
}

/// A Word document with the styles of an organisation: its own Normal and Heading 1,
/// and no List Bullet.
fn organisation_docx() -> Vec<u8> {
    use std::io::Write;
    let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Marianne" w:hAnsi="Marianne"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:rPr><w:color w:val="C00000"/><w:sz w:val="40"/></w:rPr></w:style></w:styles>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("word/styles.xml", styles),
        (
            "word/theme/theme1.xml",
            "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Organisation\"/>",
        ),
        (
            "word/document.xml",
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>",
        ),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_reference_document_gives_its_styles() {
    let reference = ReferenceStyles::read("ours.docx", &organisation_docx()).unwrap();
    let bytes = docx(Attribution::Group, Some(reference));
    let xml = part(&bytes, "word/styles.xml");
    assert!(xml.contains("w:ascii=\"Marianne\""), "its defaults");
    assert!(xml.contains("<w:color w:val=\"C00000\"/>"), "its Heading 1");
    let defined = styles(&xml);
    assert_eq!(defined.iter().filter(|(id, _)| id == "Heading1").count(), 1);
    assert!(
        defined.contains(&("ListBullet".into(), "List Bullet".into())),
        "what it lacks, added"
    );
    assert!(part(&bytes, "word/theme/theme1.xml").contains("Organisation"));
    assert!(part(&bytes, "[Content_Types].xml").contains("/word/theme/theme1.xml"));
    assert!(part(&bytes, "word/_rels/document.xml.rels").contains("theme/theme1.xml"));

    let not_word = ReferenceStyles::read("notes.txt", b"just text").unwrap_err();
    assert!(
        not_word.0.starts_with("notes.txt: not a Word document"),
        "{not_word}"
    );
}

#[test]
fn the_command_line_writes_docx_to_a_file_or_a_pipe_and_not_without_minus_o() {
    let dir = tempfile::tempdir().unwrap();
    let example = cli_support::root().join(EXAMPLE);
    let example = example.to_str().unwrap();
    let refused = cli_support::rapporteur(&["export", example, "--format", "docx"], dir.path());
    assert!(!refused.status.success());
    assert!(refused.stdout.is_empty());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("-o report.docx"));

    let out = cli_support::rapporteur(
        &["export", example, "--format", "docx", "-o", "r.docx"],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read(dir.path().join("r.docx")).unwrap();
    assert_eq!(written, docx(Attribution::Group, None));

    // Standard output that is a pipe takes it.
    let piped = cli_support::rapporteur(
        &["export", example, "--format", "docx", "-o", "-"],
        dir.path(),
    );
    assert!(piped.status.success());
    assert_eq!(piped.stdout, written);

    let styled = cli_support::rapporteur(
        &[
            "export",
            example,
            "--format",
            "docx",
            "--reference-docx",
            "r.docx",
            "-o",
            "s.docx",
        ],
        dir.path(),
    );
    assert!(
        styled.status.success(),
        "{}",
        String::from_utf8_lossy(&styled.stderr)
    );
    let wrong = cli_support::rapporteur(
        &["export", example, "--reference-docx", "r.docx"],
        dir.path(),
    );
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("add --format docx"));
}

/// Whether `program` runs here.
fn installed(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn libreoffice_reads_the_same_text() {
    if !installed("soffice", "--version") || !installed("pdftotext", "-v") {
        eprintln!("skipped: LibreOffice (soffice) and pdftotext are not both installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.docx");
    std::fs::write(&file, docx(Attribution::Group, None)).unwrap();
    // Its own profile folder, so that a LibreOffice already open is not disturbed.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let converted = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&file)
        .output()
        .unwrap();
    let pdf = dir.path().join("report.pdf");
    assert!(
        pdf.exists(),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let report = data(Attribution::Group);
    let mut expected = vec![
        report.title.clone(),
        "I. Introduction".into(),
        "III. Voice balance".into(),
        report.interventions_sentence.clone(),
    ];
    for e in report.sections.iter().flat_map(|s| &s.emphases) {
        expected.push(format!("{}. {}", e.number, e.title));
        expected.push(e.sentence.clone());
        expected.extend(e.notes.iter().map(|n| n.text.clone()));
    }
    for want in expected {
        let want = want.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&want), "{want:?} not in the PDF:\n{text}");
    }
}

fn french(format: Format) -> Vec<u8> {
    let options = Options {
        format,
        language: Language::French,
        ..Options::default()
    };
    export_bytes(&example(), &options).expect("the example exports in French")
}

#[test]
fn the_french_document_is_in_french_and_says_so() {
    let bytes = french(Format::Docx);
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:language>fr</dc:language>"), "{core}");
    assert!(part(&bytes, "word/styles.xml").contains("w:val=\"fr\""));
    let paras = paragraphs(&part(&bytes, "word/document.xml"));
    assert_eq!(
        with_style(&paras, "Heading1"),
        [
            "I. Introduction",
            "II. Points saillants",
            "III. Équilibre des voix"
        ]
    );
    let text = all_text(&bytes);
    assert!(text.contains("29 représentants de 13 États"), "{text}");
    assert!(!text.contains("Key emphases") && !text.contains("Raised in"));
    let headers = &tables(&part(&bytes, "word/document.xml"))[1].1[0];
    assert_eq!(headers[0], "Groupe");
}

#[test]
fn the_committed_french_samples_are_these_reports() {
    for (path, format) in [
        (
            "sessions/gfmd-2020-migrant-protection.fr.docx",
            Format::Docx,
        ),
        (
            "sessions/gfmd-2020-migrant-protection.fr.md",
            Format::Markdown,
        ),
    ] {
        let sample = std::fs::read(path).unwrap();
        assert!(
            sample == french(format),
            "{path} is stale: run sessions/build-example.sh"
        );
    }
}

#[test]
fn the_committed_sample_is_this_report() {
    let sample = std::fs::read("sessions/gfmd-2020-migrant-protection.docx").unwrap();
    assert!(
        sample == docx(Attribution::Group, None),
        "sessions/gfmd-2020-migrant-protection.docx is stale: run sessions/build-example.sh"
    );
}

#[test]
fn a_passage_in_another_of_the_meetings_languages_says_which() {
    let mut session = example();
    session.meta.languages.push("Arabic".into());
    let note = session
        .interventions
        .iter_mut()
        .flat_map(|i| &mut i.notes)
        .find(|n| n.kind == rapporteur::model::NoteKind::Quote)
        .unwrap();
    note.text = "الاندماج محلي".into();
    let options = Options {
        format: Format::Docx,
        ..Options::default()
    };
    let document = part(
        &export_bytes(&session, &options).unwrap(),
        "word/document.xml",
    );
    assert!(
        document.contains(
            "<w:r><w:rPr><w:rtl/><w:lang w:bidi=\"ar\"/></w:rPr><w:t xml:space=\"preserve\">الاندماج محلي</w:t></w:r>"
        ),
        "the Arabic quote is not marked"
    );
    // Text in the document's own language and script is not marked.
    assert_eq!(document.matches("<w:lang ").count(), 1);
}
