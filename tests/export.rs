//! Report sentences, attribution fallbacks, escaping and templates, on
//! small sessions built in code.

mod tally_fixture;

use rapporteur::export::{
    Attribution, Format, Options, builtin_template, convergence_sentence, export, group_in_prose,
    group_speaker, interventions_sentence, join, participation_sentence,
};
use rapporteur::model::Session;
use rapporteur::tally::Tally;
use tally_fixture::{Fixture, gfmd_groups, group, small_meeting};

fn render(session: &Session, format: Format, attribution: Attribution) -> String {
    let options = Options {
        format,
        attribution,
        ..Options::default()
    };
    export(session, &options).unwrap()
}

fn roster(people: &[(&str, &str)]) -> Session {
    let mut f = Fixture::gfmd();
    for (i, (affiliation, group)) in people.iter().enumerate() {
        f.person(&format!("p{i}"), &format!("Person {i}"), affiliation, group);
    }
    f.session
}

#[test]
fn participation_with_nobody_registered() {
    assert_eq!(
        participation_sentence(&roster(&[])),
        "No participants registered"
    );
}

#[test]
fn participation_with_one_person_of_one_group() {
    assert_eq!(
        participation_sentence(&roster(&[("Chile", "states")])),
        "1 representative of 1 State registered"
    );
}

#[test]
fn participation_with_two_groups() {
    let session = roster(&[
        ("Chile", "states"),
        ("Chile", "states"),
        ("Peru", "states"),
        ("City of Lima", "mayors"),
    ]);
    assert_eq!(
        participation_sentence(&session),
        "4 representatives of 2 States and 1 Mayor registered"
    );
}

#[test]
fn participation_with_many_groups_lists_them_in_order() {
    let session = roster(&[
        ("Observer A", "observers"),
        ("Chile", "states"),
        ("Peru", "states"),
        ("Caritas", "civil-society"),
        ("Acme", "business"),
        ("Bolt", "business"),
        ("City of Lima", "mayors"),
        ("City of Quito", "mayors"),
        ("City of Quito", "mayors"),
    ]);
    assert_eq!(
        participation_sentence(&session),
        "9 representatives of 2 States, 1 civil society organization, 2 businesses, \
         2 Mayors and 1 observer organization registered"
    );
}

#[test]
fn participation_counts_people_without_an_affiliation_as_their_own_entity() {
    // They represent nobody but themselves: counted with the group's nouns, not as representatives.
    let session = roster(&[("", "observers"), ("", "observers")]);
    assert_eq!(
        participation_sentence(&session),
        "2 observer organizations registered"
    );
    let session = roster(&[("", "observers"), ("Chile", "states"), ("Chile", "states")]);
    assert_eq!(
        participation_sentence(&session),
        "3 people (2 representatives of 1 State and 1 observer organization) registered"
    );
}

#[test]
fn participation_of_people_in_no_known_group() {
    let mut session = roster(&[("Chile", "states")]);
    session.participants[0].group = String::new();
    assert_eq!(
        participation_sentence(&session),
        "1 person, not yet in a group, registered"
    );
    let mut session = roster(&[("Chile", "states"), ("Peru", "states"), ("Lima", "states")]);
    session.participants[2].group = String::new();
    assert_eq!(
        participation_sentence(&session),
        "3 people (2 States and 1 not yet in a group) registered"
    );
}

#[test]
fn lists_read_as_prose() {
    let items = |n: usize| (1..=n).map(|i| i.to_string()).collect::<Vec<_>>();
    assert_eq!(join(&items(0)), "");
    assert_eq!(join(&items(1)), "1");
    assert_eq!(join(&items(2)), "1 and 2");
    assert_eq!(join(&items(4)), "1, 2, 3 and 4");
}

#[test]
fn interventions_sentence_agrees_in_number() {
    let mut f = small_meeting();
    let sentence = |f: &Fixture| interventions_sentence(&Tally::compute(&f.session));
    assert_eq!(
        sentence(&f),
        "Altogether, there were 9 separate interventions and inputs: 7 on the floor and 2 in the chat."
    );
    f.session.interventions.truncate(1);
    assert_eq!(
        sentence(&f),
        "Altogether, there was a single intervention, on the floor."
    );
    f.session.interventions.clear();
    assert_eq!(sentence(&f), "There were no interventions.");
}

#[test]
fn group_names_read_lowercase_inside_sentences_unless_they_are_nouns() {
    let groups = [
        group("states", "States", "State", "States", true),
        group(
            "cs",
            "Civil society",
            "civil society organization",
            "civil society organizations",
            true,
        ),
        group("un", "UN agencies", "UN agency", "agencies", true),
        group("mayors", "Mayors", "Mayor", "Mayors", true),
    ];
    let names: Vec<String> = groups.iter().map(group_in_prose).collect();
    assert_eq!(names, ["States", "civil society", "UN agencies", "Mayors"]);
}

#[test]
fn group_labels_need_k_entities_else_one_participant() {
    let states = &gfmd_groups()[0];
    assert_eq!(
        group_speaker(Some(states), 2, 2, true),
        "one of the two States that spoke on this"
    );
    assert_eq!(group_speaker(Some(states), 1, 2, true), "one participant");
    assert_eq!(group_speaker(Some(states), 2, 3, true), "one participant");
    assert_eq!(
        group_speaker(Some(states), 12, 3, false),
        "one of the 12 States that spoke"
    );
    // k of 1 allows a group label even for a single entity.
    assert_eq!(
        group_speaker(Some(states), 1, 1, true),
        "the one State that spoke on this"
    );
    assert_eq!(group_speaker(Some(states), 0, 0, true), "one participant");
    assert_eq!(group_speaker(None, 5, 2, true), "one participant");
}

#[test]
fn quotes_fall_back_to_one_participant_below_k() {
    let mut f = small_meeting();
    // Grace (civil society) quotes on health: one civil society entity on health.
    f.floor("grace").quote(&["health"], "health is a right");
    let group_mode = render(&f.session, Format::Markdown, Attribution::Group);
    assert!(
        group_mode.contains("- One participant said: “health is a right”."),
        "{}",
        group_mode
    );
    assert!(group_mode.contains(
        "- As one of the two States that spoke on this put it, “even in a selfish way”."
    ));
    // With k = 3, two States are not enough.
    let options = Options {
        min_group: 3,
        ..Options::default()
    };
    let strict = export(&f.session, &options).unwrap();
    assert!(
        strict.contains("- As one participant put it, “even in a selfish way”."),
        "{}",
        strict
    );
    // A second civil society entity on health lifts the fallback.
    f.floor("jean").point(&["health"], "clinics for all");
    let group_mode = render(&f.session, Format::Markdown, Attribution::Group);
    assert!(group_mode.contains("- One of the two civil society organizations that spoke on this said: “health is a right”."), "{}", group_mode);
}

#[test]
fn two_delegates_of_one_state_are_one_entity_for_k() {
    let mut f = small_meeting();
    // Karim and Nadia both represent Morocco: one entity, so no group label.
    f.floor("karim")
        .quote(&["narratives"], "migrants kept us fed");
    f.floor("karim-2").point(&["narratives"], "a new story");
    let report = render(&f.session, Format::Markdown, Attribution::Group);
    assert!(
        report.contains("- One participant said: “migrants kept us fed”."),
        "{}",
        report
    );
}

#[test]
fn chatham_never_names_a_group_for_a_speaker() {
    let f = small_meeting();
    let report = render(&f.session, Format::Markdown, Attribution::Chatham);
    assert!(
        report.contains("- As one participant put it, “even in a selfish way”."),
        "{}",
        report
    );
    assert!(!report.contains("that spoke on this"));
    assert!(
        report.contains("Raised in two interventions by two participants of a single group."),
        "{}",
        report
    );
}

#[test]
fn named_mode_gives_names_and_affiliations() {
    let f = small_meeting();
    let report = render(&f.session, Format::Markdown, Attribution::Named);
    assert!(
        report.contains("- As Amadou Ndiaye (Senegal) put it, “even in a selfish way”."),
        "{}",
        report
    );
    assert!(
        report.contains("- Access regardless of status — Lucía Gómez (Spain)"),
        "{}",
        report
    );
    // No affiliation, no parentheses.
    assert!(report.contains("— Inès Martin\n"), "{}", report);
}

#[test]
fn convergence_sentences() {
    let f = small_meeting();
    let tally = Tally::compute(&f.session);
    let groups = &f.session.groups;
    let sentence =
        |id: &str, mode| convergence_sentence(tally.priority(id).unwrap(), groups, mode, 2);
    assert_eq!(
        sentence("recruitment", Attribution::Group),
        "Raised in six interventions by participants from all four groups: the strongest convergence by far."
    );
    assert_eq!(
        sentence("data", Attribution::Group),
        "Raised in two interventions by participants from two of the four groups."
    );
    assert_eq!(
        sentence("data", Attribution::Named),
        "Raised in two interventions by participants from two of the four groups (business and Mayors)."
    );
    assert_eq!(
        sentence("health", Attribution::Group),
        "Raised in two interventions by two States and no other group."
    );
    assert_eq!(
        sentence("health", Attribution::Chatham),
        "Raised in two interventions by two participants of a single group."
    );
    assert_eq!(
        sentence("regularization", Attribution::Group),
        "Raised strongly in one input, in the chat."
    );
    assert_eq!(
        sentence("pathways", Attribution::Group),
        "Raised in one intervention, by a participant not counted for convergence."
    );
    assert_eq!(sentence("narratives", Attribution::Group), "Not raised.");
}

#[test]
fn convergence_names_only_groups_with_k_entities() {
    let mut f = small_meeting();
    // Health: two States, plus one civil society organization.
    f.floor("grace").point(&["health"], "clinics");
    let tally = Tally::compute(&f.session);
    let health = tally.priority("health").unwrap();
    assert_eq!(
        convergence_sentence(health, &f.session.groups, Attribution::Group, 2),
        "Raised in three interventions by participants from two of the four groups, including States."
    );
    // Once civil society has two entities on it, both groups are named.
    f.floor("jean").point(&["health"], "clinics");
    let tally = Tally::compute(&f.session);
    let health = tally.priority("health").unwrap();
    assert_eq!(
        convergence_sentence(health, &f.session.groups, Attribution::Group, 2),
        "Raised in four interventions by participants from two of the four groups (States and civil society)."
    );
}

#[test]
fn a_single_speaker_raising_a_priority_twice() {
    let mut f = small_meeting();
    f.floor("olu").point(&["narratives"], "a");
    f.floor("olu").point(&["narratives"], "b");
    let tally = Tally::compute(&f.session);
    assert_eq!(
        convergence_sentence(
            tally.priority("narratives").unwrap(),
            &f.session.groups,
            Attribution::Group,
            2
        ),
        "Raised in two interventions by a single participant."
    );
}

#[test]
fn markup_in_notes_is_escaped() {
    let mut f = small_meeting();
    f.floor("amadou")
        .point(
            &["health"],
            "<script>alert('x')</script> & *bold* [link](http://x)",
        )
        .point(&["health"], "bell \u{7} and escape \u{1b}[2J");
    let html = render(&f.session, Format::Html, Attribution::Group);
    assert!(
        html.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt; &amp; *bold*"),
        "{}",
        html
    );
    assert!(!html.contains("<script>"));
    let markdown = render(&f.session, Format::Markdown, Attribution::Group);
    assert!(
        markdown
            .contains("\\<script\\>alert('x')\\</script\\> & \\*bold\\* \\[link\\](<http://x>)")
    );
    for format in [Format::Markdown, Format::Text, Format::Html, Format::Json] {
        let report = render(&f.session, format, Attribution::Group);
        assert!(
            !report.contains('\u{1b}') && !report.contains('\u{7}'),
            "{format:?}"
        );
        // Shown as an escape (itself escaped once more in Markdown).
        assert!(report.contains("u{1b}"), "{format:?}");
    }
}

#[test]
fn html_is_one_self_contained_file() {
    let html = render(&small_meeting().session, Format::Html, Attribution::Group);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && html.contains("<svg"));
    for external in ["<link", "<script", "src=", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
}

#[test]
fn plain_text_wraps_at_72_columns() {
    let mut f = small_meeting();
    f.floor("amadou")
        .point(&["health"], &"a long point made of many words ".repeat(12));
    let text = render(&f.session, Format::Text, Attribution::Named);
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 72)
    );
    assert!(text.contains("   - a long point"), "{}", text);
}

#[test]
fn a_template_overrides_the_built_in_one() {
    let f = small_meeting();
    let options = Options {
        template: Some(
            "{% for s in sections %}{% for e in s.emphases %}{{ e.number }} {{ e.title }}: {{ e.sentence }}\n{% endfor %}{% endfor %}"
                .into(),
        ),
        ..Options::default()
    };
    let report = export(&f.session, &options).unwrap();
    assert_eq!(
        report.lines().next(),
        Some(
            "1 Fix recruitment practices: Raised in six interventions by participants from all four groups: the strongest convergence by far."
        )
    );
    // Markdown escaping follows the format, not the template's file name.
    let options = Options {
        template: Some("{{ \"*x*\" }}".into()),
        ..Options::default()
    };
    assert_eq!(export(&f.session, &options).unwrap(), "\\*x\\*");
}

#[test]
fn template_errors_say_where() {
    let f = small_meeting();
    let options = Options {
        template: Some("line one\n{{ no_such_field }}".into()),
        ..Options::default()
    };
    let error = export(&f.session, &options).unwrap_err().to_string();
    assert!(error.starts_with("the report template, line 2"), "{error}");
    let options = Options {
        format: Format::Json,
        template: Some("{{ title }}".into()),
        ..Options::default()
    };
    assert!(export(&f.session, &options).is_err());
}

#[test]
fn built_in_templates_exist_for_every_templated_format() {
    for format in [Format::Markdown, Format::Text, Format::Html] {
        assert!(builtin_template(format).is_some_and(|t| !t.is_empty()));
    }
    assert!(builtin_template(Format::Json).is_none());
}

#[test]
fn an_empty_session_still_reports() {
    let session = Fixture::with_groups(vec![]).session;
    for format in [Format::Markdown, Format::Text, Format::Html, Format::Json] {
        let report = render(&session, format, Attribution::Group);
        assert!(report.contains("No participants registered"), "{format:?}");
    }
    let markdown = render(&session, Format::Markdown, Attribution::Group);
    assert!(markdown.contains("No priority was raised."), "{}", markdown);
    assert!(
        markdown.contains("There were no interventions."),
        "{}",
        markdown
    );
}

#[test]
fn small_meeting_markdown() {
    insta::assert_snapshot!(render(
        &small_meeting().session,
        Format::Markdown,
        Attribution::Group
    ));
}

#[test]
fn small_meeting_text_named() {
    insta::assert_snapshot!(render(
        &small_meeting().session,
        Format::Text,
        Attribution::Named
    ));
}

#[test]
fn notes_reach_every_format_as_typed() {
    let french =
        "nous n'avons pas le choix : il faut agir ! « l'intégration est locale » ; vraiment ?";
    let url = "https://example.org/survey_2020#repairs";
    let mut f = small_meeting();
    f.floor("amadou")
        .point(&["health"], french)
        .quote(&["health"], &format!("see {url}, then act"))
        .point(&["health"], "1986. was the year")
        .point(&["health"], "&copy; stays as typed");
    let session = &f.session;
    let markdown = render(session, Format::Markdown, Attribution::Group);
    assert!(markdown.contains(&format!("- {french}\n")), "{markdown}");
    assert!(markdown.contains(&format!("“see <{url}>, then act”")));
    assert!(markdown.contains("- 1986\\. was the year"), "{}", markdown);
    assert!(
        markdown.contains("- \\&copy; stays as typed"),
        "{}",
        markdown
    );
    let html = render(session, Format::Html, Attribution::Group);
    let escaped_url = "https:&#x2f;&#x2f;example.org&#x2f;survey_2020#repairs";
    assert!(html.contains(&format!("<a href=\"{escaped_url}\">{escaped_url}</a>")));
    assert!(
        html.contains(
            "pas le choix : il faut agir ! « l&#x27;intégration est locale » ; vraiment ?"
        )
    );
    let text = render(session, Format::Text, Attribution::Group);
    assert!(text.contains(url));
    // Wrapped, the French text loses no space and no line starts with its punctuation.
    let unwrapped = text
        .split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(unwrapped.contains(french), "{text}");
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with([':', ';', '!', '?', '»']),
            "{line:?}"
        );
    }
}

#[test]
fn the_chart_shows_every_group_that_raised_a_priority_and_says_how_it_is_ordered() {
    let session = &small_meeting().session;
    let chart = |attribution| {
        rapporteur::export::report(
            session,
            attribution,
            2,
            rapporteur::export::Language::English,
        )
        .chart
    };
    // Recruitment: 6 interventions from all 4 groups, one entity each but the States.
    let group = chart(Attribution::Group);
    let recruitment = &group.bars[0];
    let titles: Vec<&str> = recruitment
        .segments
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "States: 3 interventions",
            "civil society: 1 intervention",
            "business: 1 intervention",
            "Mayors: 1 intervention"
        ]
    );
    assert_eq!(
        recruitment.title,
        "1. Fix recruitment practices: 6 interventions from 4 groups"
    );
    assert_eq!(group.bands[0].label, "Raised by all 4 groups");
    assert!(
        group.caption.contains(
            "first the number of groups that raised them, then the number of interventions"
        )
    );
    let legend: Vec<&str> = group.legend.iter().map(|l| l.label.as_str()).collect();
    assert!(
        legend.contains(&"observers (not counted for convergence)"),
        "{legend:?}"
    );
    // Within a band, bars never grow down the chart.
    for pair in group.bars.windows(2) {
        let band = |y| {
            group
                .bands
                .iter()
                .rev()
                .find(|b| b.y < y)
                .map(|b| b.label.clone())
        };
        if band(pair[0].y) == band(pair[1].y) {
            assert!(pair[0].end >= pair[1].end, "{pair:?}");
        }
    }
    // Chatham: plain bars, no legend, the same figures.
    let chatham = chart(Attribution::Chatham);
    assert!(chatham.legend.is_empty());
    assert_eq!(chatham.bars[0].segments.len(), 1);
    assert_eq!(chatham.bars[0].segments[0].title, "6 interventions");
    let html = render(session, Format::Html, Attribution::Group);
    assert!(!html.contains("participants:"));
    assert!(
        html.contains("<title>States: 3 interventions</title>"),
        "{}",
        html
    );
}

#[test]
fn typed_french_notes_reach_the_report_as_typed() {
    let mut session = small_meeting().session;
    let typed = "[11:00] @Inès Martin: nous n'avons pas le choix : il faut agir ! #health\n\
                 \"l'intégration est locale ; vraiment ?\" #health\n";
    rapporteur::import::notes::import(
        &mut session,
        typed.as_bytes(),
        std::path::Path::new("n.txt"),
    )
    .unwrap();
    let markdown = render(&session, Format::Markdown, Attribution::Group);
    assert!(
        markdown.contains("- nous n'avons pas le choix : il faut agir !\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- One participant said: “l'intégration est locale ; vraiment ?”\n"),
        "{}",
        markdown
    );
    let text = render(&session, Format::Text, Attribution::Chatham);
    assert!(
        text.contains("nous n'avons pas le choix : il faut agir !"),
        "{text}"
    );
}
