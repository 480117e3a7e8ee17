//! `rapporteur tally` and `rapporteur export` run as a user would run them.

mod cli_support;

use cli_support::{rapporteur, root};

const EXAMPLE: &str = "sessions/gfmd-2020-migrant-protection.ron";

#[test]
fn tally_json_has_the_fields_scripts_need() {
    let out = rapporteur(&["tally", EXAMPLE, "--format", "json"], root());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["interventions"], 21);
    assert_eq!(json["floor"], 15);
    assert_eq!(json["chat"], 6);
    let first = &json["priorities"][0];
    for field in [
        "id",
        "title",
        "interventions",
        "notes",
        "speakers",
        "entities",
        "groups",
        "counting_groups_total",
        "labels",
        "rank",
    ] {
        assert!(!first[field].is_null(), "priority lacks {field}");
    }
    assert_eq!(first["id"], "recruitment");
    assert_eq!(first["rank"], 1);
    assert_eq!(first["labels"][0], "strongest");
    assert_eq!(first["groups"].as_array().unwrap().len(), 4);
    let states = &json["groups"][0];
    assert_eq!(states["id"], "states");
    assert_eq!(states["registered_people"], 17);
    assert_eq!(states["registered_entities"], 13);
    for field in ["speakers", "interventions"] {
        assert!(states[field].is_number(), "group lacks {field}");
    }
}

#[test]
fn tally_table_ranks_recruitment_first() {
    let out = rapporteur(&["tally", EXAMPLE], root());
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let first_row = table.lines().nth(3).unwrap();
    assert!(
        first_row.contains("Fix recruitment practices"),
        "{first_row}"
    );
    assert!(first_row.contains("strongest, all groups"), "{first_row}");
    assert!(table.lines().all(|l| l == l.trim_end()));
}

#[test]
fn export_writes_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("report.html");
    let out = rapporteur(
        &[
            "export",
            EXAMPLE,
            "--format",
            "html",
            "--attribution",
            "chatham",
            "-o",
            out_path.to_str().unwrap(),
        ],
        root(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&out_path).unwrap();
    assert!(html.contains("29 representatives of 13 States"));
}

#[test]
fn export_errors_are_one_clear_line() {
    let out = rapporteur(
        &["export", EXAMPLE, "--template", "/no/such/template.j2"],
        root(),
    );
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("rapporteur: /no/such/template.j2: cannot read the template"),
        "{err}"
    );
    let out = rapporteur(&["tally", "/no/such/session.ron"], root());
    assert!(!out.status.success());
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}
