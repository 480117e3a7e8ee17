//! `import roster` on Zoom and Eventbrite registration and attendee exports.

mod cli_support;

use std::fs;
use std::path::{Path, PathBuf};

use cli_support::rapporteur;
use rapporteur::import::roster::{self, RosterImported, RosterOptions};
use rapporteur::model::Session;
use rapporteur::storage;
use rapporteur::templates;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/samples")
}

fn gfmd() -> Session {
    templates::built_in("gfmd").unwrap()
}

/// The GFMD template with the example's 29 people on the roster.
fn meeting() -> Session {
    let mut s = gfmd();
    let csv = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/gfmd-2020-roster.csv"))
        .unwrap();
    roster::import(&mut s, &csv, Path::new("roster.csv")).unwrap();
    s
}

fn opts(group: Option<&str>, columns: &[&str]) -> RosterOptions {
    RosterOptions {
        group: group.map(str::to_string),
        columns: columns.iter().map(|c| c.to_string()).collect(),
    }
}

fn run(s: &mut Session, csv: &[u8], o: &RosterOptions) -> Result<RosterImported, Vec<String>> {
    roster::import_with(s, csv, Path::new("people.csv"), o)
        .map_err(|ps| ps.iter().map(|p| p.to_string()).collect())
}

fn eventbrite() -> Vec<u8> {
    fs::read(samples().join("eventbrite-attendees.csv")).unwrap()
}

#[test]
fn an_eventbrite_export_with_ticket_types_as_groups() {
    let mut s = gfmd();
    let done = run(&mut s, &eventbrite(), &opts(None, &["group=Ticket Type"])).unwrap();
    assert!(done.registration);
    assert_eq!((done.added, done.cancelled, done.attended), (9, 1, 8));
    let elodie = &s.participants[0];
    assert_eq!(elodie.id, "élodie-marchand");
    assert_eq!(
        elodie.affiliation,
        "Réseau Migrations et Développement, Afrique de l'Ouest"
    );
    assert_eq!(elodie.group, "civil-society");
    assert_eq!(elodie.role.as_deref(), Some("Coordinator"));
    assert_eq!(s.participant("nadia-lahlou").unwrap().group, "business");
    assert_eq!(s.participant("marco-bellini").unwrap().group, "observers");
    assert!(
        s.participant("paul-okello").is_none(),
        "Not Attending is left out"
    );
    assert_eq!(s.attendance("élodie-marchand"), Some(true));
    assert_eq!(
        s.attendance("amine-haddad"),
        None,
        "Attending says registered, not present"
    );
}

#[test]
fn an_eventbrite_export_needs_a_group() {
    let mut s = gfmd();
    let before = s.clone();
    let errors = run(&mut s, &eventbrite(), &opts(None, &[])).unwrap_err();
    assert_eq!(errors.len(), 9, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "people.csv:2: no group for Élodie Marchand (groups: states, civil-society"
        ),
        "{errors:?}"
    );
    assert!(
        errors[0].ends_with("; give --group GROUP, or map a column with --column group=HEADER"),
        "{errors:?}"
    );
    assert_eq!(s, before, "nothing added");
    // --group puts everyone in one group, whatever Eventbrite's own Group column holds.
    let done = run(&mut s, &eventbrite(), &opts(Some("Civil society"), &[])).unwrap();
    assert_eq!(done.added, 9);
    assert!(s.participants.iter().all(|p| p.group == "civil-society"));
}

#[test]
fn a_zoom_attendee_report_on_an_existing_roster() {
    let mut s = meeting();
    let csv = fs::read(samples().join("zoom-attendee-report.csv")).unwrap();
    let before = s.clone();
    // Kofi Mensah is not on the roster: he needs a group.
    let errors = run(&mut s, &csv, &opts(None, &[])).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("people.csv:9: the header has no `group` column (found: attended, user name (original name), first name"),
        "{errors:?}"
    );
    assert_eq!(s, before);
    let done = run(&mut s, &csv, &opts(Some("civil-society"), &[])).unwrap();
    assert_eq!(
        done,
        RosterImported {
            registration: true,
            added: 1,
            matched: 9,
            attended: 8,
            absent: 2,
            cancelled: 1,
            repeated: 1,
            hosts: 1,
            unused_columns: vec![
                "Leave Time".into(),
                "Time in Session (minutes)".into(),
                "Is Guest".into(),
                "Country/Region Name".into(),
                "Registration Time".into(),
            ],
            ..RosterImported::default()
        }
    );
    assert_eq!(s.participants.len(), 30);
    assert!(
        s.participant("gfmd-secretariat").is_none(),
        "the host is not a participant"
    );
    assert!(
        s.participant("jonas-weber").is_none(),
        "a denied registration is left out"
    );
    let kofi = s.participant("kofi-mensah").unwrap();
    assert_eq!(
        (kofi.affiliation.as_str(), kofi.group.as_str()),
        ("Ghana Migrant Workers Union", "civil-society")
    );
    // Matched by name, accents or not; the roster's own record is kept.
    assert_eq!(s.attendance("aïssatou-ndiaye"), Some(true));
    assert_eq!(
        s.participant("youssef-el-amrani").unwrap().affiliation,
        "Morocco"
    );
    assert_eq!(s.attendance("abena-owusu"), Some(false));
    assert_eq!(s.attendance("chukwudi-nwosu"), Some(false));
    assert_eq!(s.attendance("marco-bellini"), None);
    // Importing the same report again changes nothing.
    let once = s.clone();
    let again = run(&mut s, &csv, &opts(Some("civil-society"), &[])).unwrap();
    assert_eq!((again.added, again.matched), (0, 10));
    assert_eq!(s, once);
    // Attendance survives the session file.
    let text = storage::to_ron(&s);
    assert!(text.contains("attended: ["), "{text}");
    assert_eq!(storage::from_ron(&text, Path::new("m.ron")).unwrap(), s);
    assert!(
        !storage::to_ron(&before).contains("attended"),
        "absent when unknown"
    );
}

#[test]
fn quoted_fields_commas_newlines_a_bom_and_windows_line_endings() {
    let csv = "\u{feff}First Name,Last Name,Email,Organization,Job Title,Attended\r\n\
               \"Ana\",\"Lima, Jr.\",ana@example.org,\"Ministry of Labour, \"\"Employment\"\" Office\",\"Head,\r\nof delegation\",Yes\r\n\
               Bo,Chen,bo@example.org,Peru,,no\r\n\
               Bo,Chen,bo@example.org,Peru,,yes\r\n\
               ,,,,,\r\n";
    let mut s = gfmd();
    let done = run(&mut s, csv.as_bytes(), &opts(Some("states"), &[])).unwrap();
    assert_eq!((done.added, done.repeated, done.attended), (2, 1, 2));
    let ana = &s.participants[0];
    assert_eq!(ana.name, "Ana Lima, Jr.");
    assert_eq!(ana.affiliation, "Ministry of Labour, \"Employment\" Office");
    assert_eq!(ana.role.as_deref(), Some("Head,\r\nof delegation"));
    assert_eq!(s.attendance("bo-chen"), Some(true), "any row saying yes");
}

#[test]
fn column_mappings() {
    let csv = "Nom,Organisme,Collège,Présent\nAna Lima,Chile,États,oui\n";
    let mut s = gfmd();
    let errors = run(&mut s, csv.as_bytes(), &opts(None, &[])).unwrap_err();
    assert!(
        errors[0]
            .contains("the header has no `name` column (found: nom, organisme, collège, présent)"),
        "{errors:?}"
    );
    let mapping = [
        "name=Nom",
        "affiliation=Organisme",
        "group=Collège",
        "attended=Présent",
    ];
    let errors = run(&mut s, csv.as_bytes(), &opts(None, &mapping)).unwrap_err();
    assert_eq!(
        errors,
        [
            "people.csv:2: unknown group `États` for Ana Lima (groups: states, civil-society, business, mayors, observers); give --group GROUP, or map a column with --column group=HEADER"
        ]
    );
    // A mapped group cell wins; --group fills the empty ones.
    let csv = "Nom,Organisme,Collège\nAna Lima,Chile,states\nBo Chen,Peru,\n";
    let done = run(
        &mut s,
        csv.as_bytes(),
        &opts(Some("observers"), &mapping[..3]),
    )
    .unwrap();
    assert_eq!(done.added, 2);
    assert_eq!(s.participant("ana-lima").unwrap().group, "states");
    assert_eq!(s.participant("bo-chen").unwrap().group, "observers");
    assert_eq!(s.participant("bo-chen").unwrap().affiliation, "Peru");
}

#[test]
fn bad_options_and_ambiguous_people_are_refused() {
    let mut s = gfmd();
    let csv = b"First Name,Last Name\nAna,Lima\n";
    let message = |o: RosterOptions| {
        let mut s = gfmd();
        run(&mut s, csv, &o).unwrap_err().join("\n")
    };
    assert!(message(opts(None, &["name"])).contains("--column \"name\": expected FIELD=HEADER"));
    assert!(
        message(opts(None, &["email=Email"]))
            .contains("unknown field \"email\" (fields: name, first-name")
    );
    assert!(
        message(opts(None, &["affiliation=Company"]))
            .contains("the header has no column \"company\" (found: first name, last name)")
    );
    assert!(
        message(opts(Some("pirates"), &[])).contains("--group \"pirates\": there is no such group")
    );
    // Two people of the same name on the roster: the export must tell them apart.
    for (name, affiliation) in [("Ana Lima", "Chile"), ("Ana Lima", "Peru")] {
        let row = format!("name,affiliation,group\n{name},{affiliation},states\n");
        run(&mut s, row.as_bytes(), &opts(None, &[])).unwrap();
    }
    let errors = run(
        &mut s,
        b"First Name,Last Name,Attended\nAna,Lima,yes\n",
        &opts(None, &[]),
    )
    .unwrap_err();
    assert_eq!(
        errors,
        [
            "people.csv:2: Ana Lima matches several people on the roster (ana-lima, ana-lima-2); give their affiliation"
        ]
    );
    let done = run(
        &mut s,
        b"First Name,Last Name,Organization,Attended\nAna,Lima,peru,yes\n",
        &opts(None, &[]),
    )
    .unwrap();
    assert_eq!(done.matched, 1);
    assert_eq!(s.attendance("ana-lima-2"), Some(true));
    let errors = run(
        &mut s,
        b"First Name,Last Name,Email\n,,nobody@example.org\n",
        &opts(Some("states"), &[]),
    )
    .unwrap_err();
    assert_eq!(errors, ["people.csv:2: the name is empty"]);
}

#[test]
fn a_plain_roster_still_refuses_people_already_on_it() {
    let mut s = meeting();
    let errors = run(
        &mut s,
        b"name,affiliation,group\nHawa Diarra,Sahel Migrant Women's Association,civil-society\n",
        &opts(None, &[]),
    )
    .unwrap_err();
    assert_eq!(
        errors,
        ["people.csv:2: Hawa Diarra (Sahel Migrant Women's Association) is already on the roster"]
    );
}

#[test]
fn the_command_line_reads_exports() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy(samples().join("eventbrite-attendees.csv"), d.join("eb.csv")).unwrap();
    assert!(
        rapporteur(&["new", "m.ron", "--template", "gfmd"], d)
            .status
            .success()
    );
    let before = fs::read(d.join("m.ron")).unwrap();
    let o = rapporteur(&["import", "roster", "m.ron", "eb.csv"], d);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("rapporteur: eb.csv:2: no group for Élodie Marchand"),
        "{err}"
    );
    assert!(err.ends_with("nothing was imported\n"), "{err}");
    assert_eq!(fs::read(d.join("m.ron")).unwrap(), before);
    let o = rapporteur(
        &[
            "import",
            "roster",
            "m.ron",
            "eb.csv",
            "--column",
            "group=Ticket Type",
        ],
        d,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "m.ron: added 9 people to the roster; 8 attended, 1 cancelled registration left out\n"
    );
    let o = rapporteur(&["check", "m.ron"], d);
    assert!(o.status.success());
}
