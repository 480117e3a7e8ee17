//! The GFMD 2020 example session against the reference report's figures,
//! and its report snapshotted in every format and attribution mode.

use std::path::Path;

use rapporteur::export::{Attribution, Format, Options, export};
use rapporteur::model::Session;
use rapporteur::tally::{Label, Tally};

const EXAMPLE: &str = "sessions/gfmd-2020-migrant-protection.ron";

fn example() -> Session {
    rapporteur::storage::load(Path::new(EXAMPLE)).expect("the example session loads")
}

fn render(format: Format, attribution: Attribution) -> String {
    let options = Options {
        format,
        attribution,
        ..Options::default()
    };
    export(&example(), &options).expect("the example exports")
}

#[test]
fn the_tally_has_the_reference_figures() {
    let tally = Tally::compute(&example());
    assert_eq!(tally.totals.registered_people, 29);
    assert_eq!(tally.totals.interventions, 21);
    assert_eq!(tally.totals.counting_groups, 4);
    let first = tally.ranked().next().unwrap();
    assert_eq!(first.id, "recruitment");
    assert!(first.has(Label::Strongest) && first.has(Label::AllGroups));
    let once: Vec<&str> = tally
        .ranked()
        .filter(|p| p.has(Label::Once))
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(once.len(), 2);
    assert!(once.contains(&"regularization") && once.contains(&"pathways"));
    // "Participants across all 4 GFMD groups" pointed to Mayors and to business as partners.
    for id in ["local-partners", "business-partners"] {
        assert!(tally.priority(id).unwrap().has(Label::AllGroups), "{id}");
    }
    let health = tally.priority("health").unwrap();
    assert_eq!(health.group("states").unwrap().entities, 2);
}

#[test]
fn the_report_states_the_reference_figures() {
    for attribution in [Attribution::Group, Attribution::Chatham, Attribution::Named] {
        let report = render(Format::Markdown, attribution);
        for figure in [
            "29 representatives of 13 States, 5 civil society organizations, 2 businesses, \
             3 Mayors and 2 observer organizations registered",
            "there were 21 separate interventions and inputs: 15 on the floor and 6 in the chat",
            "all but 15 minutes of it was exchange between participants, on the floor and in the chat",
            // The rapporteur's order, headings and lead remarks, as in the reference's section II.
            "### B. WHO should be partners?\n\n#### 1. Mayors and local authorities as key partners",
            "#### 4. Fix recruitment practices\n\nThis attracted the strongest convergence by far\
             —almost rage, even.",
            "Raised in nine interventions by participants from all four groups.",
            "### D. Finally, two areas that were suggested just once",
            "#### 8. Recognize regularization of residence and employment\n\nRaised strongly in one \
             intervention",
        ] {
            assert!(report.contains(figure), "{attribution:?} lacks {figure:?}");
        }
    }
    let group = render(Format::Markdown, Attribution::Group);
    assert!(
        group.contains(
            "As one of the two States that spoke on this put it, “even in a selfish way”."
        )
    );
    let chatham = render(Format::Markdown, Attribution::Chatham);
    assert!(chatham.contains("As one participant put it, “even in a selfish way”."));
}

#[test]
fn plain_text_fits_in_72_columns() {
    for attribution in [Attribution::Group, Attribution::Chatham, Attribution::Named] {
        let text = render(Format::Text, attribution);
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 72,
                "{attribution:?}: {line:?}"
            );
        }
    }
}

macro_rules! snapshots {
    ($($name:ident: $format:ident, $attribution:ident;)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(render(Format::$format, Attribution::$attribution));
        }
    )*};
}

snapshots! {
    markdown_group: Markdown, Group;
    markdown_chatham: Markdown, Chatham;
    markdown_named: Markdown, Named;
    text_group: Text, Group;
    text_chatham: Text, Chatham;
    text_named: Text, Named;
    html_group: Html, Group;
    html_chatham: Html, Chatham;
    html_named: Html, Named;
    json_group: Json, Group;
    json_chatham: Json, Chatham;
    json_named: Json, Named;
}
