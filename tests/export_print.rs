//! The HTML report printed by a real browser, where headless Chromium and poppler's
//! tools are installed (skipped otherwise): on A4 and on Letter, each section after
//! the first starts a page, the chart is on one page with every label whole, and the
//! voice-balance table is not cut.

use std::path::Path;
use std::process::Command;

use rapporteur::export::{Attribution, Format, Language, Options, export, report};

const EXAMPLE: &str = "sessions/gfmd-2020-migrant-protection.ron";

fn installed(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The browser to print with, if one is installed.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| installed(b, "--version"))
}

/// The text of each page of `pdf`.
fn pages(pdf: &Path) -> Vec<String> {
    // In reading order, not laid out: a label's lines come before its bar's value.
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .split('\u{c}')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn the_report_prints_on_a4_and_letter_with_sections_on_new_pages() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no headless Chromium installed");
        return;
    };
    if !installed("pdftotext", "-v") || !installed("pdfinfo", "-v") {
        eprintln!("skipped: poppler's pdftotext and pdfinfo are not installed");
        return;
    }
    let session = rapporteur::storage::load(Path::new(EXAMPLE)).unwrap();
    let options = Options {
        format: Format::Html,
        ..Options::default()
    };
    let html = export(&session, &options).unwrap();
    let data = report(&session, Attribution::Group, 2, Language::English);
    let dir = tempfile::tempdir().unwrap();
    for (paper, size) in [("A4", "A4"), ("letter", "letter")] {
        // The paper a printer dialog would choose; the report itself names none.
        let page = html.replacen(
            "</style>",
            &format!("@page {{ size: {size}; }}\n</style>"),
            1,
        );
        let file = dir.path().join(format!("report-{paper}.html"));
        std::fs::write(&file, page).unwrap();
        let pdf = dir.path().join(format!("report-{paper}.pdf"));
        let printed = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join(paper).display()
            ))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", file.display()))
            .output()
            .unwrap();
        assert!(pdf.exists(), "{}", String::from_utf8_lossy(&printed.stderr));
        let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains(&format!("({paper})")), "{info}");

        let pages = pages(&pdf);
        let starting = |heading: &str| {
            pages
                .iter()
                .position(|p| p.starts_with(heading))
                .unwrap_or_else(|| panic!("{paper}: no page starts with {heading:?}: {pages:#?}"))
        };
        assert!(pages[0].contains("I. Introduction"), "{paper}");
        let emphases = starting("II. Key emphases");
        let voice = starting("III. Voice balance");
        assert!(emphases > 0 && voice > emphases, "{paper}");
        // The whole chart on the page it starts, every label whole: the SVG's lines of
        // a label follow one another.
        let chart_page = &pages[emphases];
        for bar in &data.chart.bars {
            let label = bar.label.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                chart_page.contains(&label),
                "{paper}: {label:?} cut: {chart_page}"
            );
        }
        for g in &data.voice_balance {
            assert!(
                pages[voice].contains(&g.name),
                "{paper}: {} not with its table",
                g.name
            );
        }
    }
}
