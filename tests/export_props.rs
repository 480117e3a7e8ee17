//! Properties of the report: in `group` and `chatham` modes it never writes
//! a participant's name or affiliation that the notes' own text does not.

mod docx_support;
mod tally_fixture;

use proptest::prelude::*;
use rapporteur::export::{Attribution, Format, Options, export, export_bytes};
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
            for format in [Format::Markdown, Format::Text, Format::Html, Format::Json, Format::Docx] {
                let options = Options { format, attribution, ..Options::default() };
                let report = match format {
                    // Every part of the Word package, its properties too.
                    Format::Docx => docx_support::all_text(&export_bytes(&session, &options).unwrap()),
                    _ => export(&session, &options).unwrap(),
                };
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
        let named_docx = docx_support::all_text(
            &export_bytes(&session, &Options { format: Format::Docx, attribution: Attribution::Named, ..Options::default() }).unwrap(),
        );
        for i in session.interventions.iter().filter(points) {
            let name = &session.participant(&i.participant).unwrap().name;
            prop_assert!(named.contains(name.as_str()));
            prop_assert!(named_docx.contains(name.as_str()), "the named docx lacks {:?}", name);
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

/// Words of every script: CJK, emoji (flags, skin tones, joined), Arabic, Hebrew,
/// combining marks, French punctuation, and long runs without a space.
fn world_word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(":".to_string()),
        Just(";".to_string()),
        Just("!".to_string()),
        Just("?".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        "[a-zé']{1,12}",
        "[\u{4e00}-\u{4e80}]{1,30}",
        "[\u{3041}-\u{3093}\u{30a1}-\u{30f3}。、「」]{1,20}",
        "[\u{0621}-\u{064a}]{1,10}",
        "[\u{05d0}-\u{05ea}]{1,8}",
        "([a-z][\u{0300}-\u{036f}]{1,3}){1,8}",
        prop_oneof![
            Just("🇸🇳"),
            Just("🇫🇷"),
            Just("👩🏽‍⚕️"),
            Just("👨‍👩‍👧"),
            Just("✊🏿"),
            Just("🏥"),
            Just("♀️")
        ]
        .prop_map(str::to_string),
        proptest::collection::vec(
            prop_oneof![Just("🇸🇳"), Just("中"), Just("e\u{301}"), Just("x")],
            20..90
        )
        .prop_map(|v| v.concat()),
    ]
}

/// Whether the line break between `before` and `after` splits a grapheme.
fn splits_a_grapheme(before: &str, after: &str) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    let (Some(last), Some(first)) = (
        before.graphemes(true).next_back(),
        after.graphemes(true).next(),
    ) else {
        return false;
    };
    format!("{last}{first}").graphemes(true).count() == 1
}

proptest! {
    /// Wrapped plain text loses no character and no space between words, fits its width
    /// by display width (a web address alone excepted), never splits a grapheme, and
    /// French punctuation never starts a line.
    #[test]
    fn wrapping_keeps_the_text(
        words in proptest::collection::vec(world_word(), 1..40),
        width in 8usize..40,
    ) {
        use unicode_width::UnicodeWidthStr;
        let text = words.join(" ");
        let wrapped = rapporteur::export::wrap_text(&text, width);
        let lines: Vec<&str> = wrapped.lines().collect();
        // Every line is a stretch of the text as typed; together they are all of it.
        let squeeze = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
        prop_assert_eq!(squeeze(&wrapped.replace('\n', "")), squeeze(&text));
        for line in &lines {
            prop_assert!(text.contains(line.trim_start()), "{:?} not in {:?}", line, text);
            prop_assert!(line.width() <= width, "{} columns: {:?}", line.width(), line);
        }
        // French punctuation keeps to its word wherever the two fit on a line together.
        let mut glued: Vec<usize> = Vec::new();
        let mut open = false;
        for word in &words {
            let w = word.width();
            match glued.last_mut() {
                Some(last) if open || [":", ";", "!", "?", "»"].contains(&word.as_str()) => *last += 1 + w,
                _ => glued.push(w),
            }
            open = word == "«";
        }
        let fits = glued.iter().all(|w| *w <= width);
        for pair in lines.windows(2) {
            prop_assert!(!splits_a_grapheme(pair[0], pair[1].trim_start()), "{:?}", pair);
            if fits {
                prop_assert!(!pair[1].trim_start().starts_with([':', ';', '!', '?', '»']), "{:?}", wrapped);
                prop_assert!(!pair[0].ends_with('«'), "{:?}", wrapped);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The plain-text report of notes in every script, under long group names and
    /// titles: no line over 72 columns of display width, no list marker alone on its
    /// line, no grapheme split across lines, and every note's text there as typed.
    #[test]
    fn the_text_report_fits_72_columns(
        notes in proptest::collection::vec((proptest::collection::vec(world_word(), 1..25), any::<bool>()), 1..8),
        group_name in prop_oneof![
            Just("Community organisations and residents' associations".to_string()),
            Just("市民社会组织和地方社区团体".to_string()),
            Just("🇸🇳 Sénégal et 🇫🇷 France".to_string()),
            // A lone combining mark would join the line above it, so names start with a letter.
            "[A-Za-z]\\PC{0,39}",
        ],
        title in proptest::collection::vec(world_word(), 1..12),
    ) {
        use rapporteur::model::{Channel, NoteKind};
        use unicode_width::UnicodeWidthStr;
        let mut f = tally_fixture::Fixture::gfmd();
        f.session.groups[1].name = group_name;
        f.person("p0", "Person Zero", "Chile", "states");
        f.person("p1", "Person One", "Oxfam", "civil-society");
        f.priority("t0", &title.join(" "));
        let mut typed = Vec::new();
        for (i, (words, quote)) in notes.iter().enumerate() {
            let text = words.join(" ");
            f.turn(["p0", "p1"][i % 2], Channel::Floor);
            f.note(if *quote { NoteKind::Quote } else { NoteKind::Point }, false, &["t0"], &text);
            typed.push(text);
        }
        let options = Options { format: Format::Text, attribution: Attribution::Named, ..Options::default() };
        let report = export(&f.session, &options).unwrap();
        let lines: Vec<&str> = report.lines().collect();
        for line in &lines {
            prop_assert!(line.width() <= 72, "{} columns: {:?}\n{}", line.width(), line, report);
        }
        // The table's cells may hold a lone "o" of a group's name; lists come before it.
        for line in lines.iter().take_while(|l| !l.starts_with("III. ")) {
            prop_assert!(!matches!(line.trim(), "-" | "•" | "*" | "o"), "a marker alone\n{}", report);
        }
        // A line break inside a grapheme the meeting typed (a lone mark typed after a space
        // may start a line: it was its own grapheme already).
        let sources = format!("{}\n{}\n{}", typed.join("\n"), f.session.groups[1].name, title.join(" "));
        for pair in lines.windows(2) {
            let (before, after) = (pair[0], pair[1].trim_start());
            if splits_a_grapheme(before, after) {
                use unicode_segmentation::UnicodeSegmentation;
                let joined = format!(
                    "{}{}",
                    before.graphemes(true).next_back().unwrap(),
                    after.graphemes(true).next().unwrap()
                );
                prop_assert!(!sources.contains(&joined), "{:?}", pair);
            }
        }
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        let flat = squeeze(&report);
        for text in typed {
            let text = text.trim().trim_end_matches(['.', ',']);
            prop_assert!(flat.contains(&squeeze(text)), "{:?} missing\n{}", text, report);
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

proptest! {
    /// A list item wrapped in plain text hangs under its marker: the marker stays on the
    /// first line with text after it, every further line starts with exactly the
    /// marker's width of spaces, and the words follow in order.
    #[test]
    fn list_items_hang_under_their_marker(
        indent in 0usize..6,
        marker in prop_oneof![Just("- "), Just("• "), Just("o "), Just("12. "), Just("3. ")],
        words in proptest::collection::vec(world_word(), 1..30),
        width in 24usize..72,
    ) {
        use unicode_width::UnicodeWidthStr;
        let head = format!("{}{marker}", " ".repeat(indent));
        let text = words.join(" ");
        let wrapped = rapporteur::export::wrap_text(&format!("{head}{text}"), width);
        let lines: Vec<&str> = wrapped.lines().collect();
        prop_assert!(lines[0].starts_with(&head) && lines[0].len() > head.len(), "{:?}", wrapped);
        let hang = " ".repeat(head.width());
        for line in &lines[1..] {
            prop_assert!(line.starts_with(&hang), "{:?} does not hang\n{}", line, wrapped);
            prop_assert!(!line[hang.len()..].starts_with(' '), "{:?}", line);
        }
        let squeeze = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
        let body: String = lines.iter().enumerate()
            .map(|(i, l)| if i == 0 { &l[head.len()..] } else { &l[hang.len()..] })
            .collect();
        prop_assert_eq!(squeeze(&body), squeeze(&text));
    }
}
