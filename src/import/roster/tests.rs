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
fn problems_name_their_line_after_blank_lines_and_windows_line_ends() {
    for end in ["\n", "\r\n", "\r"] {
        let csv = [
            "name,affiliation,group",
            "",
            "Ana,Chile,states",
            "",
            "",
            ",Peru,states",
        ]
        .join(end);
        let errors = run(&csv).unwrap_err();
        assert_eq!(errors.len(), 1, "{end:?}: {errors:?}");
        assert!(
            errors[0].starts_with("people.csv:6: the name is empty"),
            "{end:?}: {errors:?}"
        );
    }
    let quoted =
        "name,affiliation,group\r\n\"Ana\",\"City of\r\nTunis\",states\r\n\"\",x,states\r\n";
    let errors = run(quoted).unwrap_err();
    assert!(
        errors[0].starts_with("people.csv:4: the name is empty"),
        "{errors:?}"
    );
}

#[test]
fn a_status_of_not_checked_in_is_not_attendance() {
    assert_eq!(attended_of("", "checked in", ""), Some(true));
    assert_eq!(attended_of("", "not checked in", ""), Some(false));
    assert_eq!(attended_of("", "not checked in", "10:02"), Some(true));
    assert_eq!(attended_of("yes", "not checked in", ""), Some(true));
    assert_eq!(attended_of("", "attending", ""), None);
}

#[test]
fn a_missing_column_is_named() {
    let errors = run("person,affiliation,group\nA,B,states\n").unwrap_err();
    assert!(errors[0].contains("no `name` column"), "{errors:?}");
    let errors = run("name,affiliation\nA,B\n").unwrap_err();
    assert!(errors[0].contains("no `group` column"), "{errors:?}");
}

#[test]
fn damaged_utf8_has_a_position_and_other_bytes_are_windows_1252() {
    let mut s = templates::built_in("gfmd").unwrap();
    let errors = import(
        &mut s,
        b"name,group\nZo\xc3\xab\xff,states\n",
        Path::new("p.csv"),
    )
    .unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "p.csv:2:4: invalid UTF-8 (the file must be UTF-8 text)"
    );
    let done = import_with(
        &mut s,
        b"name,group\nA\xff,states\n",
        Path::new("p.csv"),
        &RosterOptions::default(),
    )
    .unwrap();
    assert_eq!(done.encoding, Some("Windows-1252"));
    assert_eq!(s.participants[0].name, "Aÿ");
}

/// Imports `bytes` into a session with the given groups, as a roster file would.
fn import_bytes(
    groups: &[(&str, &str, &str, &str)],
    bytes: &[u8],
) -> Result<(Session, RosterImported), Vec<String>> {
    let mut s = Session::default();
    for (id, name, singular, plural) in groups {
        s.groups.push(crate::model::Group {
            id: id.to_string(),
            name: name.to_string(),
            singular: singular.to_string(),
            plural: plural.to_string(),
            counts_for_convergence: true,
        });
    }
    import_with(
        &mut s,
        bytes,
        Path::new("people.csv"),
        &RosterOptions::default(),
    )
    .map(|r| (s, r))
    .map_err(|ps| ps.iter().map(|p| p.to_string()).collect())
}

const HEARING: &[(&str, &str, &str, &str)] = &[
    ("residents", "Residents", "resident", "residents"),
    (
        "council",
        "City council",
        "council member",
        "council members",
    ),
];

/// The same roster with each separator, in each encoding a spreadsheet saves.
#[test]
fn every_separator_and_encoding() {
    let rows = |sep: &str| {
        format!(
            "name{sep}organisation{sep}group{sep}role\r\nZoë Müller{sep}Quartier Nord{sep}residents{sep}\r\n\
             Amara Osei{sep}\"Ward 3{sep} east\"{sep}City council{sep}Chair\r\n"
        )
    };
    let utf16 = |text: &str, le: bool| -> Vec<u8> {
        let units = text.encode_utf16();
        let mark: &[u8] = if le { b"\xff\xfe" } else { b"\xfe\xff" };
        mark.iter()
            .copied()
            .chain(units.flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }))
            .collect()
    };
    let cp1252 = |text: &str| -> Vec<u8> {
        let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!bad);
        bytes.into_owned()
    };
    for (sep, sep_name) in [(",", None), (";", Some("semicolons")), ("\t", Some("tabs"))] {
        let text = rows(sep);
        let files: [(Vec<u8>, Option<&str>); 5] = [
            (text.clone().into_bytes(), None),
            ([b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(), None),
            (utf16(&text, true), Some("UTF-16")),
            (utf16(&text, false), Some("UTF-16")),
            (cp1252(&text), Some("Windows-1252")),
        ];
        for (bytes, encoding) in files {
            let (s, done) = import_bytes(HEARING, &bytes)
                .unwrap_or_else(|e| panic!("{sep:?} {encoding:?}: {e:?}"));
            let what = format!("{sep:?} {encoding:?}");
            assert_eq!(done.added, 2, "{what}");
            assert_eq!(
                (done.encoding, done.separator),
                (encoding, sep_name),
                "{what}"
            );
            let zoe = &s.participants[0];
            assert_eq!(
                (
                    zoe.name.as_str(),
                    zoe.affiliation.as_str(),
                    zoe.group.as_str()
                ),
                ("Zoë Müller", "Quartier Nord", "residents"),
                "{what}"
            );
            let amara = &s.participants[1];
            assert_eq!(amara.affiliation, format!("Ward 3{sep} east"), "{what}");
            assert_eq!(amara.group, "council", "{what}");
            assert!(amara.chairs() && !amara.chair, "{what}: a chair by role");
            assert_eq!(done.chairs, ["Amara Osei (Chair)"], "{what}");
            assert!(done.unused_columns.is_empty(), "{what}");
        }
    }
}

#[test]
fn the_usual_names_of_the_affiliation_column() {
    for header in [
        "affiliation",
        "org",
        "Organisation",
        "ORGANIZATION",
        "institution",
        "delegation",
        "agency",
        "company",
        "country",
        "entity",
    ] {
        let csv = format!("name,{header},group\nAna,Chile,residents\n");
        let (s, done) = import_bytes(HEARING, csv.as_bytes()).unwrap();
        assert_eq!(s.participants[0].affiliation, "Chile", "{header}");
        assert!(done.unused_columns.is_empty(), "{header}");
    }
}

#[test]
fn columns_not_read_are_named() {
    let csv = "Name;Org;Group;Phone;Dietary needs;;\nAna;Chile;residents;555;none;;\n";
    let (_, done) = import_bytes(HEARING, csv.as_bytes()).unwrap();
    assert_eq!(done.unused_columns, ["Phone", "Dietary needs"]);
}

#[test]
fn a_header_in_no_separator_says_what_it_found() {
    let errors = import_bytes(HEARING, b"person|org|group\nAna|Chile|residents\n").unwrap_err();
    assert!(
        errors[0]
            .starts_with("people.csv:1: the header has no `name` column (found: person|org|group)"),
        "{errors:?}"
    );
}

#[test]
fn a_group_value_matches_exactly_or_is_an_error_with_the_candidates() {
    let groups = [
        ("government", "Government", "", ""),
        ("governments", "Governments", "government", "governments"),
        ("ngo", "NGOs", "organization", "organizations"),
        ("cbo", "Community groups", "organization", "organizations"),
    ];
    // An id first, then a name, then a noun: the meeting's own group wins over a noun.
    let (s, _) = import_bytes(
        &groups,
        b"name,group\nA,government\nB,Governments\nC,NGOs\n",
    )
    .unwrap();
    let filed: Vec<&str> = s.participants.iter().map(|p| p.group.as_str()).collect();
    assert_eq!(filed, ["government", "governments", "ngo"]);
    let errors = import_bytes(
        &groups,
        b"name,group\nA,organization\nB,govern\nC,pirates\n",
    )
    .unwrap_err();
    assert_eq!(
        errors,
        [
            "people.csv:2: group `organization` for A matches several groups: ngo (by noun), cbo (by noun); write the group's id",
            "people.csv:3: group `govern` for B is not exactly the id, name or noun of a group (close: government (Government), governments (Governments)); write one of them",
            "people.csv:4: unknown group `pirates` for C (groups: government, governments, ngo, cbo)",
        ]
    );
}
