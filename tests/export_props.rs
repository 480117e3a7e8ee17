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
        // The named report, by contrast, does name whoever spoke.
        let named = export(&session, &Options { attribution: Attribution::Named, ..Options::default() }).unwrap();
        for i in session.interventions.iter().filter(|i| !i.notes.is_empty()) {
            let name = &session.participant(&i.participant).unwrap().name;
            prop_assert!(named.contains(name.as_str()));
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
