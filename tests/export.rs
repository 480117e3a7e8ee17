//! Reports of small sessions built in code, in every format and attribution mode.

mod tally_fixture;

use rapporteur::export::{Attribution, Format, Options, export};
use tally_fixture::small_meeting;

fn render(format: Format, attribution: Attribution) -> String {
    let options = Options {
        format,
        attribution,
        ..Options::default()
    };
    export(&small_meeting().session, &options).unwrap()
}

#[test]
fn scratch() {
    println!("{}", render(Format::Markdown, Attribution::Group));
}

#[test]
fn scratch_text() {
    println!("{}", render(Format::Text, Attribution::Named));
}

#[test]
fn scratch_html() {
    std::fs::write("/tmp/r.html", render(Format::Html, Attribution::Group)).unwrap();
    println!("{}", render(Format::Html, Attribution::Group));
}
