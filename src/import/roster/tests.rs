//! Tests of the roster importer: columns, encodings, separators, groups.

use super::*;
use crate::templates;

fn run(csv: &str) -> Result<Session, Vec<String>> {
    let mut s = templates::built_in("gfmd").unwrap();
    import(&mut s, csv.as_bytes(), Path::new("people.csv"))
        .map(|_| s)
        .map_err(|ps| ps.iter().map(|p| p.to_string()).collect())
}

#[test]
fn header_aliases_and_quoted_fields() {
    let s = run("\u{feff}Full Name , Organisation,Constituency,Position\n\
                 Amina Diallo,\"Ministry of Labour, Senegal\",States,Delegate\n\
                 \n\
                 Omar Haddad,Casablanca,mayor,\n")
    .unwrap();
    assert_eq!(s.participants.len(), 2);
    let a = &s.participants[0];
    assert_eq!(
        (a.id.as_str(), a.affiliation.as_str()),
        ("amina-diallo", "Ministry of Labour, Senegal")
    );
    assert_eq!(a.group, "states");
    assert_eq!(a.role.as_deref(), Some("Delegate"));
    assert_eq!(s.participants[1].group, "mayors");
    assert_eq!(s.participants[1].role, None);
    for header in ["country", "entity", "organization", "affiliation"] {
        let s = run(&format!("name,{header},category\nA,Chile,business\n")).unwrap();
        assert_eq!(s.participants[0].affiliation, "Chile");
    }
}

#[test]
fn every_problem_is_reported_with_its_line_and_nothing_added() {
    let errors = run("name,affiliation,group\n\
                      ,Chile,states\n\
                      Ana,Chile,pirates\n\
                      Bo,Peru,states\n\
                      bo,peru,States\n")
    .unwrap_err();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors[0].starts_with("people.csv:2: the name is empty"),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with("people.csv:3: unknown group `pirates`"),
        "{errors:?}"
    );
    assert!(
        errors[2].starts_with("people.csv:5: bo (peru) is already"),
        "{errors:?}"
    );
}

#[test]
fn a_missing_column_is_named() {
    let errors = run("person,affiliation,group\nA,B,states\n").unwrap_err();
    assert!(errors[0].contains("no `name` column"), "{errors:?}");
    let errors = run("name,affiliation\nA,B\n").unwrap_err();
    assert!(errors[0].contains("no `group` column"), "{errors:?}");
}

#[test]
fn invalid_utf8_has_a_position() {
    let mut s = templates::built_in("gfmd").unwrap();
    let errors = import(&mut s, b"name,group\nA\xff,states\n", Path::new("p.csv")).unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "p.csv:2:2: invalid UTF-8 (the file must be UTF-8 text)"
    );
}
