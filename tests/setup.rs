//! Meetings set up from the command line alone: a city council hearing, a
//! parliamentary committee hearing and an NGO coalition call, each with its
//! roster and notes, checked against figures counted by hand.

mod cli_support;

use std::fs;
use std::path::Path;
use std::process::Output;

use cli_support::rapporteur;
use serde_json::Value;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs rapporteur in `dir`, expecting success; returns standard output.
fn ok(args: &[&str], dir: &Path) -> String {
    let o = rapporteur(args, dir);
    assert!(o.status.success(), "{args:?}: {}{}", stdout(&o), stderr(&o));
    stdout(&o)
}

/// Runs rapporteur in `dir`, expecting failure; returns standard error.
fn fails(args: &[&str], dir: &Path) -> String {
    let o = rapporteur(args, dir);
    assert!(!o.status.success(), "{args:?} succeeded: {}", stdout(&o));
    stderr(&o)
}

/// The priority `id` of `tally --format json`.
fn priority<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["priorities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no priority {id}"))
}

/// (interventions, opposed, notes, speakers, entities, counting groups, of, rank).
fn figures(json: &Value, id: &str) -> [u64; 8] {
    let p = priority(json, id);
    [
        "interventions",
        "opposed",
        "notes",
        "speakers",
        "entities",
        "counting_groups",
        "counting_groups_total",
        "rank",
    ]
    .map(|k| p[k].as_u64().unwrap_or_else(|| panic!("{id}.{k}")))
}

fn labels(json: &Value, id: &str) -> Vec<String> {
    priority(json, id)["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect()
}

/// The voice balance row of group `id`: (people, interventions, share heard %, share of roster %).
fn voice(json: &Value, id: &str) -> (u64, u64, u64, u64) {
    let g = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == id)
        .unwrap();
    let percent = |k: &str| (g[k].as_f64().unwrap() * 100.0).round() as u64;
    (
        g["registered_people"].as_u64().unwrap(),
        g["interventions"].as_u64().unwrap(),
        percent("share_of_interventions"),
        percent("share_of_roster"),
    )
}

fn totals(json: &Value) -> [u64; 6] {
    [
        "interventions",
        "floor",
        "chat",
        "speakers",
        "registered_people",
        "procedural",
    ]
    .map(|k| json[k].as_u64().unwrap())
}

const HEARING_ROSTER: &str = "\
Name;Org;Group;Role
Amara Osei;;council;Chair
Dan Brooks;;City council;Council member
Priya Raman;;council member;
Zoë Müller;;residents;
Luis Ortega;;Resident;
Mei Chen;;residents;
Ruth Adeyemi;Tenants United;community;Organiser
Sam Okafor;Tenants United;community;
Inès Varga;Northside Food Bank;community organization;
Tom Hale;Housing Department;staff;Director
";

const HEARING_NOTES: &str = "\
[18:00] @Amara Osei: welcome; the hearing is open, three minutes per speaker
[18:04] @Tom Hale: the department's figures: rents up 30% in two years #rent
[18:12] @Amara Osei: next, the residents
[18:13] @Zoë Müller: my rent rose by a third in a year #rent
\"we cannot wait for next year's budget\" #rent
[18:18] @Luis Ortega: the shelters turn people away every night #shelters
[18:22] @Ruth Adeyemi: tenants need a cap now, and beds for those already out #rent #shelters
[18:27] @Dan Brooks: a cap will drive landlords out of the city #-rent
we should fund shelter beds instead #shelters
[18:33] @Inès Varga (chat): the food bank sees the same families every week #shelters
[18:35] @Mei Chen: night buses stop too early for shift workers #transit
thank you for hearing us
[18:45] @Amara Osei: time is up for this round; we move to the council's questions
[18:47] @Priya Raman: what would a cap cost the city? #rent
[19:20] @Amara Osei: the hearing is closed
";

/// A city council hearing: the city-hearing template, a roster saved by a European
/// Excel (semicolons, Windows-1252), the chair known by her role.
#[test]
fn a_city_council_hearing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (roster, _, _) = encoding_rs::WINDOWS_1252.encode(HEARING_ROSTER);
    fs::write(d.join("roster.csv"), &roster).unwrap();
    fs::write(d.join("notes.txt"), HEARING_NOTES).unwrap();
    let created = ok(
        &[
            "new",
            "h.ron",
            "--template",
            "city-hearing",
            "--title",
            "Rent stabilisation hearing",
            "--theme",
            "Rent stabilisation in the northern wards",
            "--date",
            "2025-03-04",
            "--opens",
            "18:00",
            "--closes",
            "19:30",
            "--priority",
            "rent:Cap rent increases",
            "--priority",
            "shelters:Fund more shelter beds",
            "--priority",
            "transit:Extend the night buses",
        ],
        d,
    );
    assert_eq!(
        created.trim(),
        "created h.ron from the template city-hearing with 5 groups (residents, community, \
         business, council, staff) and 3 priorities (rent, shelters, transit), dated 2025-03-04"
    );
    let imported = ok(&["import", "roster", "h.ron", "roster.csv"], d);
    assert_eq!(
        imported.trim(),
        "h.ron: added 10 people to the roster (read as Windows-1252, columns separated by \
         semicolons)\n  chairing, by their role: Amara Osei (Chair)"
    );
    let session = rapporteur::storage::load(&d.join("h.ron")).unwrap();
    let filed: Vec<&str> = session
        .participants
        .iter()
        .map(|p| p.group.as_str())
        .collect();
    // The group cells name an id, a name or a noun exactly: "Resident", "council member".
    assert_eq!(
        filed,
        [
            "council",
            "council",
            "council",
            "residents",
            "residents",
            "residents",
            "community",
            "community",
            "community",
            "staff"
        ]
    );
    assert_eq!(session.participants[3].name, "Zoë Müller");
    let imported = ok(&["import", "notes", "h.ron", "notes.txt"], d);
    assert_eq!(
        imported.trim(),
        "h.ron: added 12 interventions and 15 notes"
    );

    // By hand: Amara's four turns are procedural; 8 interventions remain (7 on the
    // floor, Inès in the chat) by 8 speakers of the 10 registered.
    let json: Value =
        serde_json::from_str(&ok(&["tally", "h.ron", "--format", "json"], d)).unwrap();
    assert_eq!(totals(&json), [8, 7, 1, 8, 10, 4]);
    // Business has nobody registered and staff do not count: 3 groups.
    assert_eq!(json["counting_groups"], 3);
    // Rent: Tom (staff), Zoë, Ruth and Priya support it, 4 entities, all 3 counting
    // groups; Dan opposes it; 6 notes (Zoë's two, Dan's opposing one).
    assert_eq!(figures(&json, "rent"), [4, 1, 6, 4, 4, 3, 3, 1]);
    // Shelters: Luis, Ruth, Dan and Inès, 4 entities, all 3 groups: a tie with rent.
    assert_eq!(figures(&json, "shelters"), [4, 0, 4, 4, 4, 3, 3, 1]);
    assert_eq!(figures(&json, "transit"), [1, 0, 1, 1, 1, 1, 3, 3]);
    assert_eq!(labels(&json, "rent"), ["all_groups", "opposed"]);
    assert_eq!(labels(&json, "shelters"), ["all_groups"]);
    assert_eq!(labels(&json, "transit"), ["once"]);
    // Residents 3 of 8 interventions (38%) for 3 of 10 people; the chair's turns are
    // not the council's voice: Dan and Priya, 2 (25%).
    assert_eq!(voice(&json, "residents"), (3, 3, 38, 30));
    assert_eq!(voice(&json, "community"), (3, 2, 25, 30));
    assert_eq!(voice(&json, "council"), (3, 2, 25, 30));
    assert_eq!(voice(&json, "staff"), (1, 1, 13, 10));
    assert_eq!(voice(&json, "business"), (0, 0, 0, 0));

    let table = ok(&["tally", "h.ron"], d);
    assert!(
        table.starts_with(
            "8 interventions and inputs (7 floor, 1 chat), 11 notes, 8 of 10 registered people \
             spoke; 4 procedural turns of the chair left out\n"
        ),
        "{table}"
    );
    // The tie shows its rank once.
    let ranks: Vec<&str> = table
        .lines()
        .filter(|l| l.contains("Cap rent") || l.contains("shelter beds"))
        .map(|l| l[..3].trim())
        .collect();
    assert_eq!(ranks, ["1", ""], "{table}");

    let report = ok(&["export", "h.ron"], d);
    for sentence in [
        "This summary covers the theme “Rent stabilisation in the northern wards”.",
        // Residents and council members speak for themselves; staff are one department.
        "In all, 10 people (3 residents, 3 representatives of 2 community organizations, \
         3 council members and 1 city department) registered to participate in the public \
         hearing on 4 March 2025.",
        // 90 minutes: the chair's 4 + 1 + 2 + 10 minutes of procedure are not exchange.
        "The session ran for an hour and a half, from 18:00 to 19:30; all but 17 minutes of it \
         was exchange between participants, on the floor and in the chat.",
        "Altogether, there were 8 separate interventions and inputs: 7 on the floor and 1 in the chat.",
        "with particular emphasis on convergence across the three groups (residents, community \
         organizations and the city council).",
        // City staff are not counted for convergence; their intervention is said apart.
        "### 1. Cap rent increases\n\nRaised in four interventions by participants from all \
         three groups, though one intervention, from a council member, opposed it. One of the \
         four came from a participant not counted for convergence. Equally supported with \
         “Fund more shelter beds”.",
        "### 2. Fund more shelter beds\n\nRaised in four interventions by participants from all \
         three groups. Equally supported with priority 1.",
        "- a cap will drive landlords out of the city *(opposing)*",
        // One resident on rent: below the two entities a group label needs.
        "- As one participant put it, “we cannot wait for next year's budget”.",
        "#### 3. Extend the night buses\n\nRaised in one intervention.",
        // A note without a tag after a tagged one is part of that point.
        "- night buses stop too early for shift workers\n  - thank you for hearing us",
    ] {
        assert!(report.contains(sentence), "lacks {sentence:?}:\n{report}");
    }
    for absent in [
        "strongest",
        "welcome; the hearing",
        "time is up",
        "hearing is closed",
        "open exchange",
    ] {
        assert!(!report.contains(absent), "has {absent:?}:\n{report}");
    }
}

const COMMITTEE_ROSTER: &str = "\
name\torganisation\tgroup\trole
Helen Park\tLabour\tgovernment\tChair
Omar Siddiqui\tLabour\tgovernment\t
Grace Liu\tGreen\tgovernment\t
Peter Novak\tConservative\topposition\tVice-Chair
Alice Moreau\tLiberal\topposition\t
Kofi Mensah\tUniversity of Leeds\twitnesses\tProfessor
Jane Wu\tCitizens Advice\twitnesses\tPolicy lead
Mark Olsen\tCitizens Advice\twitnesses\t
Ruth Bell\tHouse committee office\tclerks\tClerk
";

const COMMITTEE_NOTES: &str = "\
[10:00] @Helen Park: order, order; the committee is in session
[10:02] @Kofi Mensah: bills doubled for the poorest tenth of households #energy
[10:10] @Jane Wu: a social tariff would reach those households first #tariff #energy
[10:18] @Helen Park: I want to press the witnesses on insulation #insulation
[10:20] @Mark Olsen: insulation pays back in five years #insulation
[10:25] @Omar Siddiqui: can the grid cope with a cap? #-energy
[10:30] @Alice Moreau: the cap must stay #energy
[10:35] @Peter Novak: next question, and keep it short please
[10:36] @Grace Liu: insulation first, always #insulation
[10:40] @Jane Wu: insulation is the cheapest tariff of all #insulation
[10:44] @Ruth Bell: the written evidence is on the committee's website
[10:45] @Helen Park: the session is adjourned
";

/// A parliamentary committee hearing: the committee-hearing template, a clerks' group
/// and the meeting's times added with `edit`, a roster saved as Excel's Unicode text
/// (UTF-16, tabs), the chair and vice-chair by role, the clerk marked as chair.
#[test]
fn a_parliamentary_committee_hearing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let roster: Vec<u8> = b"\xff\xfe"
        .iter()
        .copied()
        .chain(COMMITTEE_ROSTER.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    fs::write(d.join("roster.txt"), roster).unwrap();
    fs::write(d.join("notes.txt"), COMMITTEE_NOTES).unwrap();
    ok(
        &[
            "new",
            "c.ron",
            "--template",
            "committee-hearing",
            "--title",
            "Energy bills: evidence session",
            "--date",
            "2025-01-21",
            "--priority",
            "energy:Keep the energy price cap",
            "--priority",
            "insulation:Fund home insulation",
            "--priority",
            "tariff:A social tariff",
        ],
        d,
    );
    let edited = ok(
        &[
            "edit",
            "c.ron",
            "--opens",
            "10:00",
            "--closes",
            "10:45",
            "--group",
            "clerks:Committee office:committee office:committee offices",
            "--not-counting",
            "clerks",
        ],
        d,
    );
    assert_eq!(
        edited,
        "c.ron: 3 changes:\n  added the group clerks (Committee office; committee office, committee offices)\n  \
         clerks does not count toward convergence\n  set the opening time and the closing time\n"
    );
    let imported = ok(&["import", "roster", "c.ron", "roster.txt"], d);
    assert!(
        imported
            .contains("added 9 people to the roster (read as UTF-16, columns separated by tabs)"),
        "{imported}"
    );
    assert!(
        imported.contains("chairing, by their role: Helen Park (Chair), Peter Novak (Vice-Chair)"),
        "{imported}"
    );
    let marked = ok(&["edit", "c.ron", "--chair", "Ruth Bell"], d);
    assert_eq!(marked.trim(), "c.ron: marked Ruth Bell as chair");
    ok(&["import", "notes", "c.ron", "notes.txt"], d);

    // By hand: procedural are Helen's opening and closing, Peter's and Ruth's turns (4);
    // Helen's tagged question counts like anyone's: 8 interventions by 7 speakers of 9.
    let json: Value =
        serde_json::from_str(&ok(&["tally", "c.ron", "--format", "json"], d)).unwrap();
    assert_eq!(totals(&json), [8, 8, 0, 7, 9, 4]);
    assert_eq!(json["counting_groups"], 3, "the clerks do not count");
    // Insulation: Helen (Labour), Mark and Jane (Citizens Advice), Grace (Green):
    // 4 interventions, 3 entities, government and witnesses.
    assert_eq!(figures(&json, "insulation"), [4, 0, 4, 4, 3, 2, 3, 1]);
    // Energy: Kofi, Jane, Alice; Omar opposed it.
    assert_eq!(figures(&json, "energy"), [3, 1, 4, 3, 3, 2, 3, 2]);
    assert_eq!(figures(&json, "tariff"), [1, 0, 1, 1, 1, 1, 3, 3]);
    // 4 against 3 interventions is not clearly ahead: not "the strongest".
    assert_eq!(labels(&json, "insulation"), Vec::<String>::new());
    assert_eq!(voice(&json, "government"), (3, 3, 38, 33));
    assert_eq!(voice(&json, "opposition"), (2, 1, 13, 22));
    assert_eq!(voice(&json, "witnesses"), (3, 4, 50, 33));
    assert_eq!(voice(&json, "clerks"), (1, 0, 0, 11));

    let report = ok(&["export", "c.ron"], d);
    for sentence in [
        "In all, 9 representatives of 2 governing parties, 2 opposition parties, 2 organizations \
         giving evidence and 1 committee office registered to participate in the committee \
         hearing on 21 January 2025.",
        // 45 minutes, of which Helen's 2, Peter's 1 and Ruth's 1 are procedure.
        "The session ran for 45 minutes, from 10:00 to 10:45; all but four minutes of it was \
         exchange between participants, on the floor.",
        "Altogether, there were 8 separate interventions and inputs: all on the floor.",
        "convergence across the three groups (the government, the opposition and witnesses).",
        // Two parties of government raised insulation, one organization of the witnesses.
        "### 1. Fund home insulation\n\nRaised in four interventions by participants from two of \
         the three groups, including the government.",
        "### 2. Keep the energy price cap\n\nRaised in three interventions by participants from \
         two of the three groups, including witnesses, though one intervention, from a \
         governing party, opposed it.",
        "- I want to press the witnesses on insulation",
    ] {
        assert!(report.contains(sentence), "lacks {sentence:?}:\n{report}");
    }
    for absent in [
        "order, order",
        "keep it short",
        "written evidence",
        "adjourned",
        "Equally",
    ] {
        assert!(!report.contains(absent), "has {absent:?}:\n{report}");
    }
}

const COALITION_ROSTER: &str = "\
name,org,group,role,notes
Lena Fischer,Pro Asyl Network,ngo,Facilitator,runs the call
Ahmed Noor,Refugee Voices,grassroots,,
Sara Lind,Refugee Voices,grassroots,,
Jonas Berg,Open Doors,grassroots,,joins late
Marta Ruiz,Caritas Spain,ngo,,
Tom Weiss,Diakonie,ngo,,
Claire Dubois,Amnesty International,intl,,
Ravi Patel,Oxfam,intl,,
Eva Novak,UNHCR,observers,,
";

const COALITION_NOTES: &str = "\
[14:00] @Lena Fischer: welcome; the agenda is the reform text, then our joint statement
[14:03] @Ahmed Noor: people arrive with no lawyer at all #legal-aid
[14:08] @Marta Ruiz: legal aid at the border works where it is funded #legal-aid
[14:12] @Claire Dubois: children are still held in detention #detention
[14:16] @Eva Novak: the agency's data show legal aid shortens procedures #legal-aid
[14:20] @Ravi Patel: \"free legal aid is a precondition\" #legal-aid
[14:24] @Jonas Berg (chat): our volunteers cannot reach the detention centres #detention
[14:25] @Tom Weiss: child detention must end, no exceptions #detention
[14:30] @Lena Fischer: ten minutes left; any objections to the statement?
[14:31] @Sara Lind: we back the statement #legal-aid
[14:40] @Lena Fischer: thank you all, the call is closed
";

/// An NGO coalition call set up from `--group` alone: exactly those groups, one of them
/// without nouns, observers left out of convergence, the facilitator chairing.
#[test]
fn an_ngo_coalition_call() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("roster.csv"), COALITION_ROSTER).unwrap();
    fs::write(d.join("notes.txt"), COALITION_NOTES).unwrap();
    let created = ok(
        &[
            "new",
            "call.ron",
            "--title",
            "Coalition call on the asylum reform",
            "--date",
            "2025-02-12",
            "--format",
            "coalition call",
            "--group",
            "grassroots:Grassroots groups:grassroots group:grassroots groups",
            "--group",
            "ngo:National NGOs:national NGO:national NGOs",
            "--group",
            "intl:International NGOs",
            "--group",
            "observers:Observers:observer:observers",
            "--not-counting",
            "observers",
            "--priority",
            "legal-aid:Free legal aid at the border",
            "--priority",
            "detention:End child detention",
            "--priority",
            "returns:Stop fast-track returns",
        ],
        d,
    );
    assert!(
        created.starts_with("created call.ron with 4 groups (grassroots, ngo, intl, observers)"),
        "{created}"
    );
    let o = rapporteur(&["import", "roster", "call.ron", "roster.csv"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).trim(),
        "rapporteur: warning: roster.csv:1: column not used: notes"
    );
    assert!(stdout(&o).contains("chairing, by their role: Lena Fischer (Facilitator)"));
    ok(&["import", "notes", "call.ron", "notes.txt"], d);

    // By hand: Lena's three turns are procedural; 8 interventions by 8 speakers.
    let json: Value =
        serde_json::from_str(&ok(&["tally", "call.ron", "--format", "json"], d)).unwrap();
    assert_eq!(totals(&json), [8, 7, 1, 8, 9, 3]);
    assert_eq!(json["counting_groups"], 3, "observers are left out");
    // Legal aid: Ahmed and Sara (Refugee Voices), Marta, Ravi, and Eva the observer:
    // 5 interventions, 4 entities, all 3 counting groups.
    assert_eq!(figures(&json, "legal-aid"), [5, 0, 5, 5, 4, 3, 3, 1]);
    assert_eq!(figures(&json, "detention"), [3, 0, 3, 3, 3, 3, 3, 2]);
    assert_eq!(figures(&json, "returns"), [0, 0, 0, 0, 0, 0, 3, 3]);
    // 5 interventions against 3, but one of the five is the observer's: 4 against 3 of the
    // counting groups is not clearly ahead.
    assert_eq!(labels(&json, "legal-aid"), ["all_groups"]);
    assert_eq!(labels(&json, "returns"), ["not_raised"]);

    let report = ok(&["export", "call.ron"], d);
    for sentence in [
        // International NGOs have no nouns: their people are counted, the name is no noun.
        "In all, 9 people (3 representatives of 2 grassroots groups, 3 national NGOs, 2 \
         participants from international NGOs and 1 observer) registered to participate in \
         the coalition call on 12 February 2025.",
        // No opening or closing time: the notes date it, 14:00 to 14:40; Lena's 3 + 1 minutes.
        "The session ran for 40 minutes by the notes, from 14:00 to 14:40; all but four minutes \
         of it was exchange between participants, on the floor and in the chat.",
        "convergence across the three groups (grassroots groups, national NGOs and international \
         NGOs).",
        "### 1. Free legal aid at the border\n\nRaised in five interventions by participants \
         from all three groups. One of the five came from a participant not counted for \
         convergence.",
        "### 2. End child detention\n\nRaised in three interventions by participants from all \
         three groups.",
        "- As one participant put it, “free legal aid is a precondition”.",
        "Nobody raised one of the priorities on the agenda: “Stop fast-track returns”.",
    ] {
        assert!(report.contains(sentence), "lacks {sentence:?}:\n{report}");
    }
    for absent in [
        "observers)",
        "2 international NGOs",
        "welcome;",
        "ten minutes left",
    ] {
        assert!(!report.contains(absent), "has {absent:?}:\n{report}");
    }
    // With a group named from one entity up, a group without nouns is named, not counted by.
    let report = ok(&["export", "call.ron", "--min-group", "1"], d);
    assert!(
        report.contains(
            "- As one participant from international NGOs put it, “free legal aid is a precondition”."
        ),
        "{report}"
    );
}

/// What `new` and `edit` refuse, each with a plain sentence, and nothing written.
#[test]
fn set_up_mistakes_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let error = fails(&["new", "x.ron", "--group", "a:A", "--group", "a:B"], d);
    assert_eq!(
        error.trim(),
        "rapporteur: --group \"a:B\" and --group \"a:A\" both give the group id \"a\"; give each group once"
    );
    let error = fails(
        &[
            "new",
            "x.ron",
            "--template",
            "default",
            "--group",
            "observers:Observers",
        ],
        d,
    );
    assert!(
        error.contains(
            "--group \"observers:Observers\": the template default has a group \"observers\" \
             (Observers) already"
        ),
        "{error}"
    );
    let error = fails(&["new", "x.ron", "--group", "a:A:one"], d);
    assert!(error.contains("give both nouns"), "{error}");
    assert!(!d.join("x.ron").exists());
    // Without --template, the groups given are the only ones; without either, the default's six.
    ok(
        &[
            "new",
            "only.ron",
            "--group",
            "observers:Observers",
            "--not-counting",
            "Observers",
        ],
        d,
    );
    let only = rapporteur::storage::load(&d.join("only.ron")).unwrap();
    assert_eq!(only.groups.len(), 1);
    assert!(!only.groups[0].counts_for_convergence);
    let list = ok(&["new", "--template", "list"], d);
    assert_eq!(list.lines().count(), 7, "{list}");
    assert!(
        list.contains("city-hearing       city council hearing"),
        "{list}"
    );

    ok(
        &[
            "new",
            "m.ron",
            "--template",
            "gfmd",
            "--priority",
            "health:Health",
        ],
        d,
    );
    fs::write(
        d.join("p.csv"),
        "name,affiliation,group\nAna Lima,Chile,states\n",
    )
    .unwrap();
    ok(&["import", "roster", "m.ron", "p.csv"], d);
    let before = fs::read(d.join("m.ron")).unwrap();
    for (args, expected) in [
        (
            &["edit", "m.ron", "--remove-group", "states"][..],
            "--remove-group states: group \"states\" still has 1 person on the roster (Ana Lima)",
        ),
        (
            &["edit", "m.ron", "--opens", "11:00", "--closes", "10:00"],
            "the meeting would close (10:00:00) before it opens (11:00:00)",
        ),
        (
            &["edit", "m.ron", "--chair", "Nobody Here"],
            "--chair \"Nobody Here\": nobody on the roster has that name",
        ),
        (
            &["edit", "m.ron", "--not-counting", "pirates"],
            "--not-counting \"pirates\": there is no such group",
        ),
        (
            &["edit", "m.ron", "--priority", "a:A", "--priority", "a:B"],
            "both give the priority id \"a\"",
        ),
    ] {
        let error = fails(args, d);
        assert!(error.contains(expected), "{args:?}: {error}");
        assert!(error.contains("nothing was changed"), "{args:?}: {error}");
        assert_eq!(fs::read(d.join("m.ron")).unwrap(), before, "{args:?}");
    }
    // A priority renamed, a group's nouns given, a chair mark taken back, as one change.
    let said = ok(
        &[
            "edit",
            "m.ron",
            "--priority",
            "health:Open health services to all",
            "--group",
            "mayors:Cities:city:cities",
            "--chair",
            "ana",
        ],
        d,
    );
    assert!(
        said.contains("--chair \"ana\" taken by word prefix as Ana Lima (ana-lima)"),
        "{said}"
    );
    assert!(
        said.contains("renamed the priority #health “Open health services to all”"),
        "{said}"
    );
    assert!(
        said.contains("changed the group mayors (Cities; city, cities)"),
        "{said}"
    );
    assert!(said.contains("marked Ana Lima as chair"), "{said}");
    let s = rapporteur::storage::load(&d.join("m.ron")).unwrap();
    assert_eq!(
        s.priority("health").unwrap().title,
        "Open health services to all"
    );
    assert_eq!(s.group("mayors").unwrap().plural, "cities");
    assert!(s.participant("ana-lima").unwrap().chair);
    assert_eq!(
        ok(&["edit", "m.ron", "--title", ""], d).trim(),
        "m.ron: nothing to change"
    );
    ok(
        &[
            "edit",
            "m.ron",
            "--not-chair",
            "Ana Lima",
            "--language",
            "English",
            "--language",
            "French",
        ],
        d,
    );
    let s = rapporteur::storage::load(&d.join("m.ron")).unwrap();
    assert!(!s.participant("ana-lima").unwrap().chair);
    assert_eq!(s.meta.languages, ["English", "French"]);
    ok(&["edit", "m.ron", "--language="], d);
    assert!(
        rapporteur::storage::load(&d.join("m.ron"))
            .unwrap()
            .meta
            .languages
            .is_empty()
    );
}

/// A session `check` rejects gets no tally, no report and no screen.
#[test]
fn commands_refuse_a_session_check_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let example =
        fs::read_to_string(cli_support::root().join("sessions/gfmd-2020-migrant-protection.ron"))
            .unwrap()
            .replacen(
                "participant: \"youssef-el-amrani\"",
                "participant: \"ghost\"",
                1,
            );
    fs::write(d.join("m.ron"), &example).unwrap();
    for args in [
        &["tally", "m.ron"][..],
        &["tally", "m.ron", "--format", "json"],
        &["export", "m.ron"],
    ] {
        // The screen reads the keymap from the configuration folder: keep it in the test's.
        let o = cli_support::rapporteur_at_home(args, d);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            o.stdout.is_empty(),
            "{args:?} printed figures: {}",
            stdout(&o)
        );
        let error = stderr(&o);
        assert!(
            error.starts_with(
                "rapporteur: m.ron: error: intervention 1 (10:15:00): unknown participant \"ghost\"\n\
                 rapporteur: m.ron has 1 error (above), so "
            ),
            "{args:?}: {error}"
        );
    }
    assert_eq!(fs::read_to_string(d.join("m.ron")).unwrap(), example);
    assert!(
        !d.join("m.ron.journal").exists() || fs::read(d.join("m.ron.journal")).unwrap().is_empty()
    );
}
