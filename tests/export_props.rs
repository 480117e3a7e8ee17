//! Properties of the report: in `group` and `chatham` modes it never writes
//! a participant's name or affiliation that the notes' own text does not.

mod tally_fixture;

use proptest::prelude::*;
use rapporteur::export::{Attribution, Format, Options, export};
use tally_fixture::arb_session;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_name_or_affiliation_leaks(session in arb_session()) {
        let notes: String = session
            .interventions
            .iter()
            .flat_map(|i| &i.notes)
            .map(|n| n.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        // Every word of a name counts: a surname alone identifies too.
        let secrets: Vec<&str> = session
            .participants
            .iter()
            .flat_map(|p| p.name.split(' ').chain(Some(p.affiliation.as_str())))
            .filter(|w| !w.is_empty() && !notes.contains(w))
            .collect();
        for attribution in [Attribution::Group, Attribution::Chatham] {
            for format in [Format::Markdown, Format::Text, Format::Html, Format::Json] {
                let options = Options { format, attribution, ..Options::default() };
                let report = export(&session, &options).unwrap();
                for secret in &secrets {
                    prop_assert!(
                        !report.contains(secret),
                        "{:?} {:?} report contains {:?}", attribution, format, secret
                    );
                }
            }
        }
        // The named report, by contrast, does name whoever spoke, but for the chairs'
        // procedural turns, which it leaves out.
        let named = export(&session, &Options { attribution: Attribution::Named, ..Options::default() }).unwrap();
        let points = |i: &&rapporteur::model::Intervention| {
            !i.notes.is_empty() && !rapporteur::tally::is_procedural(&session, i)
        };
        for i in session.interventions.iter().filter(points) {
            let name = &session.participant(&i.participant).unwrap().name;
            prop_assert!(named.contains(name.as_str()));
        }
    }
}

/// One block of a parsed Markdown report: its kind, its visible text, and the
/// inline markup found inside it other than links to web addresses.
#[derive(Debug)]
struct Block {
    kind: &'static str,
    text: String,
    markup: Vec<String>,
    links: Vec<String>,
}

/// The paragraphs, list items and headings of `markdown` as a CommonMark reader sees them.
fn blocks(markdown: &str) -> Vec<Block> {
    use pulldown_cmark::{Event, LinkType, Options as Md, Parser, Tag};
    let mut done = Vec::new();
    let mut open: Vec<Block> = Vec::new();
    let mut links = Vec::new();
    for event in Parser::new_ext(markdown, Md::ENABLE_TABLES | Md::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(tag) => {
                let kind = match &tag {
                    Tag::Paragraph => "paragraph",
                    Tag::Item => "item",
                    Tag::Heading { .. } => "heading",
                    Tag::TableCell => "cell",
                    Tag::Link {
                        link_type: LinkType::Autolink,
                        dest_url,
                        ..
                    } if dest_url.starts_with("http") => {
                        links.push(dest_url.to_string());
                        if let Some(b) = open.last_mut() {
                            b.links.push(dest_url.to_string());
                        }
                        continue;
                    }
                    Tag::List(_) | Tag::Table(_) | Tag::TableHead | Tag::TableRow => continue,
                    other => {
                        if let Some(b) = open.last_mut() {
                            b.markup.push(format!("{other:?}"));
                        }
                        continue;
                    }
                };
                open.push(Block {
                    kind,
                    text: String::new(),
                    markup: Vec::new(),
                    links: Vec::new(),
                });
            }
            Event::End(tag) => {
                use pulldown_cmark::TagEnd;
                if matches!(
                    tag,
                    TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell
                ) && let Some(b) = open.pop()
                {
                    done.push(b);
                }
            }
            Event::Text(t) => {
                if let Some(b) = open.last_mut() {
                    b.text.push_str(&t);
                }
            }
            Event::SoftBreak => {
                if let Some(b) = open.last_mut() {
                    b.text.push('\n');
                }
            }
            other => {
                if let Some(b) = open.last_mut() {
                    b.markup.push(format!("{other:?}"));
                }
            }
        }
    }
    // Every link the reader made must be one of the notes' own web addresses.
    for url in links {
        assert!(
            markdown.contains(&format!("<{url}>")),
            "a link to {url} nobody typed as such"
        );
    }
    done
}

/// The web addresses in `text` that a report links.
fn web_addresses(text: &str) -> Vec<String> {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    finder
        .links(text)
        .map(|l| l.as_str().to_string())
        .filter(|l| l.starts_with("http://") || l.starts_with("https://"))
        .collect()
}

/// Note text with what Markdown would act on: markup, block starts, entities, links.
fn hostile_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("_"),
        Just("*"),
        Just("#"),
        Just("["),
        Just("]"),
        Just("("),
        Just(")"),
        Just("<"),
        Just(">"),
        Just("&"),
        Just("!"),
        Just("\\"),
        Just("`"),
        Just("~"),
        Just("|"),
        Just("-"),
        Just("+"),
        Just("="),
        Just("."),
        Just(":"),
        Just(" ; "),
        Just(" ? "),
        Just(" "),
        Just("  "),
        Just("1986."),
        Just("2)"),
        Just("---"),
        Just("***"),
        Just("&copy;"),
        Just("&#35;"),
        Just("&amp;"),
        Just("« "),
        Just(" »"),
        Just("\u{a0}"),
        Just("\u{202f}:"),
        Just("é"),
        Just("word"),
        Just("Word"),
        Just("\t"),
        Just("\u{1b}[2J"),
        Just("'"),
        Just("\""),
        Just("x_y_z"),
        Just("**bold**"),
        Just("<b>"),
        Just("[link](http://x.org)"),
        Just("> "),
        Just("# "),
        Just("    "),
        Just("https://example.org/survey_2020#repairs"),
        Just("https://example.org/a_(b)_c"),
        Just("http://x.org/?q=a&b=c"),
        Just("<https://x.org/y_z>"),
        Just("www.example.org/a_b"),
        Just("javascript://x.org/%0A"),
        Just("mailto:a_b@x.org"),
        Just("![i](j)"),
        Just("[a]: /b"),
        Just("<!-- c -->"),
    ];
    prop_oneof![
        proptest::collection::vec(fragment, 1..10).prop_map(|f| f.concat()),
        "[ -~]{1,30}",
        "\\PC{1,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A note, a quote and a description reach a CommonMark reader as typed: the same visible
    /// text in one list item or paragraph, never a heading, list, rule, entity or link it was not.
    #[test]
    fn markdown_shows_note_text_as_typed(text in hostile_text(), description in hostile_text()) {
        use rapporteur::model::{Channel, NoteKind};
        prop_assume!(!text.trim().is_empty() && !description.trim().is_empty());
        let mut f = tally_fixture::Fixture::gfmd();
        f.person("p0", "Person Zero", "Chile", "states");
        f.priority("t0", "Priority number 0");
        f.session.priorities[0].description = Some(description.clone());
        f.turn("p0", Channel::Floor);
        f.note(NoteKind::Point, false, &["t0"], &text);
        f.note(NoteKind::Quote, false, &["t0"], &text);
        let session = f.session;
        let options = |format| Options { format, attribution: Attribution::Group, ..Options::default() };
        let data: serde_json::Value =
            serde_json::from_str(&export(&session, &options(Format::Json)).unwrap()).unwrap();
        let notes = &data["sections"][0]["emphases"][0]["notes"];
        let point = notes[0]["text"].as_str().unwrap().to_string();
        let quote = notes[1]["text"].as_str().unwrap().to_string();
        // The report's data holds the text as typed, control characters shown.
        prop_assert_eq!(&point, &rapporteur::export::escape_controls(text.trim()));
        let markdown = export(&session, &options(Format::Markdown)).unwrap();
        let blocks = blocks(&markdown);
        let description = rapporteur::export::escape_controls(&description);
        let expected = [
            ("paragraph", description.clone(), web_addresses(&description)),
            ("item", point.clone(), web_addresses(&point)),
            // A quote that ends in its own "?" or "!" takes no full stop after it.
            ("item", format!(
                "As one participant put it, “{quote}”{}",
                if quote.trim_end().ends_with(['?', '!', '…']) { "" } else { "." }
            ), web_addresses(&quote)),
        ];
        for (kind, want, links) in expected {
            // The note may be typed as the description is: look for the block of its kind.
            let found = blocks.iter().find(|b| b.kind == kind && b.text.trim() == want.trim());
            prop_assert!(
                found.is_some_and(|b| b.markup.is_empty()),
                "{want:?} is not one plain {kind}: {found:?}\n{blocks:#?}\n{markdown}"
            );
            // Its web addresses, and only those, are links, whole.
            prop_assert_eq!(&found.unwrap().links, &links);
        }
    }
}

proptest! {
    /// Wrapped plain text loses no character and no space between words, and French
    /// punctuation never starts a line.
    #[test]
    fn wrapping_keeps_the_text(
        words in proptest::collection::vec(
            prop_oneof![
                Just(":".to_string()), Just(";".to_string()), Just("!".to_string()),
                Just("?".to_string()), Just("«".to_string()), Just("»".to_string()),
                "[a-zé']{1,12}",
            ],
            1..40,
        ),
        width in 8usize..40,
    ) {
        let text = words.join(" ");
        let wrapped = rapporteur::export::wrap_text(&text, width);
        // Continuation lines hang under a list marker ("o " is one); the text follows it.
        let joined: Vec<&str> = wrapped.lines().map(str::trim_start).collect();
        prop_assert_eq!(joined.join(" "), text.clone());
        for line in wrapped.lines().skip(1).map(str::trim_start) {
            prop_assert!(!line.starts_with([':', ';', '!', '?', '»']), "{:?}", wrapped);
        }
        let lines: Vec<&str> = wrapped.lines().collect();
        for line in &lines[..lines.len() - 1] {
            prop_assert!(!line.ends_with('«'), "{:?}", wrapped);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the roster and the notes hold, the lint answers, and each finding is
    /// the very text at its column.
    #[test]
    fn the_lint_finds_text_where_it_says(
        people in proptest::collection::vec(
            (prop_oneof!["\\PC{0,16}", "[A-Z][a-zé]{2,6} [A-Z][a-z]{2,6}"], prop_oneof!["\\PC{0,24}", "[A-Z][a-z]{2,6} (City|Health) (Council|Alliance)"]),
            1..5,
        ),
        notes in proptest::collection::vec(
            ("[0-4]", "\\PC{0,30}", proptest::option::of((0usize..4, 0usize..4, any::<bool>())), "\\PC{0,30}"),
            1..6,
        ),
    ) {
        use rapporteur::model::Channel;
        let mut f = tally_fixture::Fixture::gfmd();
        for (i, (name, affiliation)) in people.iter().enumerate() {
            f.person(&format!("p{i}"), name, affiliation, "states");
        }
        for (who, before, mention, after) in &notes {
            let who: usize = who.parse().unwrap();
            // A note may write someone's name or affiliation, as typed, in capitals, or owned.
            let mention = mention.map_or(String::new(), |(p, how, affiliation)| {
                let (name, entity) = &people[p % people.len()];
                let said = if affiliation { entity } else { name };
                match how {
                    0 => said.clone(),
                    1 => said.to_uppercase(),
                    2 => format!("{said}'s"),
                    _ => format!("l'{said}"),
                }
            });
            f.turn(&format!("p{}", who % people.len()), Channel::Floor);
            f.point(&[], &format!("{before} {mention} {after}"));
        }
        for w in rapporteur::lint::lint(&f.session) {
            let text = &f.session.note(w.note).unwrap().text;
            let at: String = text.chars().skip(w.column - 1).collect();
            prop_assert!(at.starts_with(&w.found), "{:?} not at column {} of {:?}", w.found, w.column, text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The synthesis of several sessions keeps the same rules across them: no name or
    /// affiliation in `group` and `chatham` modes, in any format; a group named for a
    /// quote only when K entities of it raised that priority across the sessions.
    #[test]
    fn the_roll_up_leaks_no_name_either(sessions in proptest::collection::vec(arb_session(), 1..4), k in 1usize..4) {
        use rapporteur::rollup::{self, RollUp};
        let names: Vec<String> = (1..=sessions.len()).map(|i| format!("breakout-{i}.ron")).collect();
        let r = RollUp::of(names.iter().map(String::as_str).zip(&sessions));
        let notes: String = sessions
            .iter()
            .flat_map(|s| &s.interventions)
            .flat_map(|i| &i.notes)
            .map(|n| n.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let secrets: Vec<&str> = sessions
            .iter()
            .flat_map(|s| &s.participants)
            .flat_map(|p| p.name.split(' ').chain(Some(p.affiliation.as_str())))
            .filter(|w| !w.is_empty() && !notes.contains(w))
            .collect();
        for attribution in [Attribution::Group, Attribution::Chatham] {
            for format in [Format::Markdown, Format::Text, Format::Html, Format::Json] {
                let options = Options { format, attribution, min_group: k, ..Options::default() };
                let report = rollup::export(&r, &options).unwrap();
                for secret in &secrets {
                    prop_assert!(
                        !report.contains(secret),
                        "{:?} {:?} roll-up contains {:?}", attribution, format, secret
                    );
                }
            }
        }
        let data = rollup::report(&r, Attribution::Group, k);
        for p in data.converging.iter().chain(&data.single_session) {
            let row = r.priority(&p.id).unwrap();
            for q in p.quotes.iter().filter(|q| q.by != "one participant") {
                let group = sessions
                    .iter()
                    .flat_map(|s| &s.groups)
                    .find(|g| q.by.contains(&format!(" {} that spoke", g.plural)) || q.by.contains(&format!(" {} that spoke", g.singular)))
                    .unwrap_or_else(|| panic!("{:?} names no group", q.by));
                let entities = row.by_group.iter().find(|b| b.group == group.id).map_or(0, |b| b.entities);
                prop_assert!(entities >= k, "{:?} with {} entities across sessions, k = {}", q.by, entities, k);
            }
        }
    }
}
