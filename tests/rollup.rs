//! The roll-up of a conference: `tally` and `export` over several sessions. The
//! example meeting cut into three sessions rolls up to its own figures; sessions are
//! counted right; people, priorities and groups match across sessions; group labels
//! need K entities across the sessions; the command line takes files and folders.

mod cli_support;
mod tally_fixture;

use std::fs;
use std::path::Path;

use cli_support::{rapporteur, root};
use rapporteur::export::{Attribution, Format, Options};
use rapporteur::model::{Channel, NoteKind, Session};
use rapporteur::rollup::{self, RollUp, RollUpLabel};
use rapporteur::storage;
use rapporteur::tally::{Label, Tally};
use tally_fixture::Fixture;

fn example() -> Session {
    storage::load(&root().join("sessions/gfmd-2020-migrant-protection.ron")).unwrap()
}

/// The example meeting cut into three sessions of consecutive interventions, each
/// with the whole roster and list of priorities.
fn thirds() -> Vec<Session> {
    let whole = example();
    let n = whole.interventions.len();
    let cuts = [0, n / 3, 2 * n / 3, n];
    (0..3)
        .map(|k| {
            let mut part = whole.clone();
            part.interventions = whole.interventions[cuts[k]..cuts[k + 1]].to_vec();
            part.meta.title = format!("Part {}", k + 1);
            part
        })
        .collect()
}

fn roll(sessions: &[Session]) -> RollUp {
    let names: Vec<String> = (1..=sessions.len())
        .map(|k| format!("part{k}.ron"))
        .collect();
    RollUp::of(names.iter().map(String::as_str).zip(sessions))
}

#[test]
fn the_example_cut_in_three_rolls_up_to_its_own_figures() {
    let whole = example();
    let single = Tally::compute(&whole);
    let parts = thirds();
    let r = roll(&parts);
    let (t, s) = (&r.totals, &single.totals);
    assert_eq!(t.sessions, 3);
    assert_eq!(
        (t.interventions, t.floor, t.chat, t.notes),
        (s.interventions, s.floor, s.chat, s.notes)
    );
    assert_eq!((t.interventions, t.floor, t.chat), (21, 15, 6));
    assert_eq!(
        (
            t.registered_people,
            t.registered_entities,
            t.speakers,
            t.counting_groups
        ),
        (
            s.registered_people,
            s.registered_entities,
            s.speakers,
            s.counting_groups
        ),
        "each person counted once, though on all three rosters"
    );
    assert_eq!(
        r.sessions.iter().map(|l| l.interventions).sum::<usize>(),
        21
    );
    assert_eq!(r.sessions[1].title, "Part 2");
    assert_eq!(r.unmatched().count(), 0);
    for p in &single.priorities {
        let q = r.priority(&p.id).unwrap();
        assert_eq!(
            (
                q.interventions,
                q.floor,
                q.chat,
                q.notes,
                q.quotes,
                q.emphasis
            ),
            (
                p.interventions,
                p.floor,
                p.chat,
                p.notes,
                p.quotes,
                p.emphasis
            ),
            "{}",
            p.id
        );
        assert_eq!(
            (
                q.speakers,
                q.entities,
                &q.groups,
                q.counting_groups,
                q.counting_groups_total
            ),
            (
                p.speakers,
                p.entities,
                &p.groups,
                p.counting_groups,
                p.counting_groups_total
            ),
            "{}: across sessions, as in the whole meeting",
            p.id
        );
        for (x, y) in q.by_group.iter().zip(&p.by_group) {
            assert_eq!(
                (&x.group, x.interventions, x.speakers, x.entities),
                (&y.group, y.interventions, y.speakers, y.entities)
            );
        }
        // Sessions counted from the parts themselves.
        let raising = |part: &Session| {
            part.interventions
                .iter()
                .any(|i| i.notes.iter().any(|n| n.tags.contains(&p.id)))
        };
        assert_eq!(
            q.sessions_raised,
            parts.iter().filter(|s| raising(s)).count(),
            "{}",
            p.id
        );
        let all_groups = parts
            .iter()
            .filter(|s| {
                Tally::compute(s)
                    .priority(&p.id)
                    .unwrap()
                    .has(Label::AllGroups)
            })
            .count();
        assert_eq!(q.all_groups_sessions, all_groups, "{}", p.id);
        assert_eq!(q.sessions.len(), q.sessions_raised);
        assert_eq!(
            q.sessions.iter().map(|x| x.interventions).sum::<usize>(),
            p.interventions
        );
        assert_eq!(q.sessions_total, 3);
        assert_eq!(q.has(RollUpLabel::AllSessions), q.sessions_raised == 3);
    }
    for (x, y) in r.groups.iter().zip(&single.groups) {
        assert_eq!(
            (
                &x.group,
                x.registered_people,
                x.registered_entities,
                x.speakers,
                x.floor,
                x.chat
            ),
            (
                &y.group,
                y.registered_people,
                y.registered_entities,
                y.speakers,
                y.floor,
                y.chat
            )
        );
    }
    let text = rollup::export(&r, &Options::default()).unwrap();
    assert!(
        text.contains("In all, 29 representatives of 13 States, 5 civil society organizations, 2 businesses, 3 Mayors and 2 observer organizations registered for the 3 sessions"),
        "{text}"
    );
    assert!(text.contains(
        "Altogether, there were 21 separate interventions and inputs across the 3 sessions: 15 on the floor and 6 in the chat."
    ));
    let recruitment = r.priority("recruitment").unwrap();
    assert_eq!(r.ranked().next().unwrap().id, "recruitment");
    let with_all = match recruitment.all_groups_sessions {
        0 => String::new(),
        3 => ", with all 4 groups in each of them".to_string(),
        n => format!(", with all 4 groups in {n} of them"),
    };
    let sentence = format!(
        "Raised in all 3 sessions{with_all}; 9 interventions in all, by participants from all 4 groups."
    );
    assert!(text.contains(&sentence), "{text}");
    // One session rolls up to that session's figures.
    let one = roll(std::slice::from_ref(&whole));
    assert_eq!(one.totals.interventions, 21);
    assert_eq!(one.priority("recruitment").unwrap().sessions_raised, 1);
}

/// Two breakouts with people met in both, a priority written differently, one of their own.
fn two_breakouts() -> (Session, Session) {
    let mut a = Fixture::gfmd();
    a.person("amadou", "Amadou Ndiaye", "Senegal", "states")
        .person("lucia", "Lucía Gómez", "Spain", "states")
        .priority("health", "Open health services to all")
        .priority("jobs", "Decent jobs");
    a.floor("amadou")
        .quote(&["health"], "even in a selfish way");
    a.floor("lucia").point(&["jobs"], "work permits");
    let mut b = Fixture::gfmd();
    // Amadou again, under another id; Lucía's namesake from another State.
    b.person("a-ndiaye", "Amadou  NDIAYE", "senegal", "states")
        .person("lucia", "Lucía Gómez", "Spain", "states")
        .person("karim", "Karim Benali", "Morocco", "states")
        .priority("sante", "open HEALTH services to all")
        .priority("narratives", "Improve public narratives");
    b.floor("a-ndiaye")
        .quote(&["sante"], "no one is safe until all are");
    b.chat("karim")
        .point(&["narratives"], "migrants are essential workers");
    (a.session, b.session)
}

#[test]
fn people_priorities_and_groups_match_across_sessions() {
    let (a, b) = two_breakouts();
    let r = roll(&[a, b]);
    assert_eq!(r.totals.registered_people, 3, "Amadou by name, Lucía by id");
    assert_eq!(r.totals.speakers, 3);
    let health = r.priority("health").unwrap();
    assert_eq!(
        (health.sessions_raised, health.sessions_defined),
        (2, 2),
        "matched by folded title"
    );
    assert_eq!((health.speakers, health.entities), (1, 1));
    let lone: Vec<&str> = r.unmatched().map(|p| p.title.as_str()).collect();
    assert_eq!(lone, ["Decent jobs", "Improve public narratives"]);
    let json = rollup::to_json(&r);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        json.trim_start().starts_with("{\n  \"sessions\": ["),
        "sessions at the top"
    );
    assert_eq!(value["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(value["sessions"][1]["file"], "part2.ron");
    assert_eq!(value["priorities"][0]["id"], "health");
    assert_eq!(value["priorities"][0]["sessions_raised"], 2);
    assert_eq!(value["priorities"][0]["sessions"][1]["session"], 2);
    assert_eq!(value["unmatched"][1]["session"], 2);
    let table = rollup::to_table(&r);
    assert!(table.starts_with("2 sessions: 4 interventions and inputs (3 floor, 1 chat), 4 notes; 3 people registered, 3 spoke"), "{table}");
    assert!(table.contains("In one session only, matching no other session's priorities by id or title:\n  Decent jobs (jobs, session 1)\n  Improve public narratives (narratives, session 2)\n"), "{table}");
}

#[test]
fn a_group_is_named_only_with_k_entities_across_sessions() {
    let (a, b) = two_breakouts();
    let quote =
        |r: &RollUp, options: &Options| rollup::report(r, options.attribution, options.min_group);
    // One State (Senegal) quoted in each session: one entity, so never "of the States".
    let r = roll(&[a.clone(), b.clone()]);
    let data = quote(&r, &Options::default());
    let health = &data.converging[0];
    assert_eq!(health.quotes.len(), 2);
    assert!(
        health.quotes.iter().all(|q| q.by == "one participant"),
        "{:?}",
        health.quotes
    );
    // Lucía of Spain says it too in the second session: two States across the sessions.
    let mut b2 = b.clone();
    let lucia_turn = b2.take_serial();
    b2.apply(rapporteur::edit::Edit::StartIntervention {
        id: lucia_turn,
        participant: "lucia".into(),
        channel: Channel::Floor,
        start: rapporteur::clock::Clock(40_000),
    })
    .unwrap();
    let note = rapporteur::model::Note {
        id: b2.take_serial(),
        text: "health for all".into(),
        tags: vec!["sante".into()],
        kind: NoteKind::Point,
        emphasis: false,
        time: rapporteur::clock::Clock(40_000),
        opposes: Vec::new(),
    };
    b2.apply(rapporteur::edit::Edit::InsertNote {
        intervention: lucia_turn,
        index: None,
        note,
    })
    .unwrap();
    let r = roll(&[a.clone(), b2]);
    for (k, by) in [
        (2, "one of the two States that spoke on this"),
        (3, "one participant"),
    ] {
        let data = quote(
            &r,
            &Options {
                min_group: k,
                ..Options::default()
            },
        );
        assert!(
            data.converging[0].quotes.iter().all(|q| q.by == by),
            "k={k}: {:?}",
            data.converging[0].quotes
        );
    }
    let chatham = quote(
        &r,
        &Options {
            attribution: Attribution::Chatham,
            ..Options::default()
        },
    );
    assert!(
        chatham.converging[0]
            .quotes
            .iter()
            .all(|q| q.by == "one participant")
    );
    assert!(!chatham.converging[0].sentence.contains("State"));
    let named = quote(
        &r,
        &Options {
            attribution: Attribution::Named,
            ..Options::default()
        },
    );
    assert_eq!(named.converging[0].quotes[0].by, "Amadou Ndiaye (Senegal)");
    for format in [Format::Markdown, Format::Text, Format::Html, Format::Json] {
        let text = rollup::export(
            &r,
            &Options {
                format,
                ..Options::default()
            },
        )
        .unwrap();
        for secret in ["Amadou", "Ndiaye", "Senegal", "Lucía", "Karim", "Morocco"] {
            assert!(!text.contains(secret), "{format:?} names {secret}");
        }
    }
}

fn write(dir: &Path, name: &str, session: &Session) {
    fs::write(dir.join(name), storage::to_ron(session)).unwrap();
}

#[test]
fn the_command_line_takes_files_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let folder = d.join("conference");
    fs::create_dir(&folder).unwrap();
    for (k, part) in thirds().iter().enumerate() {
        write(&folder, &format!("part{}.ron", k + 1), part);
    }
    fs::write(folder.join("notes.txt"), "not a session").unwrap();
    fs::write(folder.join(".part1.ron.tmp-1"), "a save cut short").unwrap();
    let o = rapporteur(&["tally", "conference"], d);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.starts_with("3 sessions: 21 interventions and inputs (15 floor, 6 chat), 55 notes; 29 people registered, 21 spoke"), "{out}");
    let first = out.lines().find(|l| l.starts_with("  1  ")).unwrap();
    assert!(
        first.starts_with("  1  Fix recruitment practices") && first.contains(" 3/3 "),
        "{out}"
    );
    // The folder is its sessions by name: the same as naming them.
    let files = [
        "conference/part1.ron",
        "conference/part2.ron",
        "conference/part3.ron",
    ];
    let named = rapporteur(&[&["tally", "--format", "json"][..], &files].concat(), d);
    let folder_json = rapporteur(&["tally", "conference", "--format", "json"], d);
    assert_eq!(named.stdout, folder_json.stdout);
    // A Word document is one session's: the synthesis says which formats it has.
    let o = rapporteur(
        &["export", "conference", "--format", "docx", "-o", "c.docx"],
        d,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("as markdown, text, html or json"));
    assert!(!d.join("c.docx").exists());
    // Every format of the report.
    for format in ["markdown", "text", "html", "json"] {
        let o = rapporteur(&["export", "conference", "--format", format], d);
        assert!(
            o.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // Text is wrapped: words compared, not lines.
        let text = String::from_utf8_lossy(&o.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains("29 representatives of 13 States"),
            "{format}: {text}"
        );
    }
    let o = rapporteur(&["export", "conference", "-o", "synthesis.md"], d);
    assert!(o.status.success());
    assert!(
        fs::read_to_string(d.join("synthesis.md"))
            .unwrap()
            .starts_with("# Synthesis of 3 sessions\n")
    );
    // Never over one of the sessions, nor a session twice, nor an empty folder.
    let o = rapporteur(
        &[
            "export",
            "conference",
            "-o",
            "conference/part2.ron",
            "--force",
        ],
        d,
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("is one of the sessions"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = rapporteur(&["tally", "conference", "conference/part2.ron"], d);
    assert!(String::from_utf8_lossy(&o.stderr).contains("conference/part2.ron is given twice"));
    fs::create_dir(d.join("empty")).unwrap();
    let o = rapporteur(&["tally", "empty"], d);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("empty: no session (*.ron) in this folder")
    );
    // One file alone is the single-session tally, as ever.
    let o = rapporteur(&["tally", "conference/part1.ron"], d);
    let single = Tally::compute(&thirds()[0]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        rapporteur::visible::visible_lines(&rapporteur::tally::to_table(&single))
    );
    // A broken session is named with its position, and nothing is printed.
    fs::write(
        folder.join("part4.ron"),
        "(\n  version: 1,\n  groups: [ (id: 3) ],\n)\n",
    )
    .unwrap();
    let o = rapporteur(&["export", "conference"], d);
    assert!(o.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&o.stderr).starts_with("rapporteur: conference/part4.ron:3:"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
