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
