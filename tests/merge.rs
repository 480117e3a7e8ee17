//! `merge`: two rapporteurs' sessions of one meeting. Nothing from either is lost,
//! merging again changes nothing, the merged file is valid and its tally is a recount.

mod cli_support;
mod merge_support;

use std::fs;
use std::path::{Path, PathBuf};

use cli_support::rapporteur;
use merge_support::{Rapporteur, dedup, holds_every_note, recount};
use proptest::prelude::*;
use rapporteur::check::{Severity, validate};
use rapporteur::clock::Clock;
use rapporteur::merge::{merge, merge_all};
use rapporteur::model::{Channel, NoteKind, Session};
use rapporteur::storage;
use rapporteur::tally::Tally;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

const TEXTS: [&str; 5] = [
    "wages and borders",
    "Fair recruitment now",
    "fair  recruitment NOW",
    "data on arrivals",
    "+1",
];

/// One note of the meeting as each rapporteur took it down.
#[derive(Debug, Clone)]
struct TrueNote {
    text: usize,
    tags_a: Vec<usize>,
    tags_b: Vec<usize>,
    quote: bool,
    emphasis_a: bool,
    emphasis_b: bool,
    in_a: bool,
    in_b: bool,
    b_rewords: bool,
}

/// One turn of the meeting, who saw it, and how late B noted it.
#[derive(Debug, Clone)]
struct TrueTurn {
    who: usize,
    chat: bool,
    in_a: bool,
    in_b: bool,
    late: u32,
    notes: Vec<TrueNote>,
}

fn arb_note() -> impl Strategy<Value = TrueNote> {
    (
        0..TEXTS.len(),
        prop::collection::vec(0usize..4, 0..3),
        prop::collection::vec(0usize..5, 0..3),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.8),
        prop::bool::weighted(0.6),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(text, tags_a, tags_b, quote, emphasis_a, emphasis_b, in_a, in_b, b_rewords)| {
                TrueNote {
                    text,
                    tags_a,
                    tags_b,
                    quote,
                    emphasis_a,
                    emphasis_b,
                    in_a,
                    in_b,
                    b_rewords,
                }
            },
        )
}

fn arb_meeting() -> impl Strategy<Value = (usize, u32, Vec<TrueTurn>)> {
    let turn = (
        0usize..6,
        any::<bool>(),
        prop::bool::weighted(0.8),
        prop::bool::weighted(0.6),
        0u32..=90,
        prop::collection::vec(arb_note(), 0..4),
    )
        .prop_map(|(who, chat, in_a, in_b, late, notes)| TrueTurn {
            who,
            chat,
            in_a,
            in_b,
            late,
            notes,
        });
    (2usize..7, 20u32..=300, prop::collection::vec(turn, 0..16))
}

const GROUPS: [&str; 5] = ["states", "civil-society", "business", "mayors", "observers"];

/// The sessions the two rapporteurs kept of one meeting. B knows some people by
/// other ids, knows one person A does not, and has one priority of its own.
fn sessions(people: usize, spacing: u32, turns: &[TrueTurn]) -> (Session, Session) {
    let mut a = Rapporteur::new();
    let mut b = Rapporteur::new();
    let id_a = |i: usize| format!("p{i}");
    let id_b = |i: usize| {
        if i.is_multiple_of(3) {
            format!("b{i}")
        } else {
            format!("p{i}")
        }
    };
    for i in 0..people {
        let name = format!("Zq Person{i}");
        let affiliation = format!("Xv Entity{}", i / 2);
        a.person(&id_a(i), &name, &affiliation, GROUPS[i % 5]);
        b.person(&id_b(i), &name, &affiliation, GROUPS[i % 5]);
    }
    b.person("late-comer", "Zq Latecomer", "", "observers");
    for t in 0..4 {
        a.priority(&format!("t{t}"), &format!("Priority {t}"));
        b.priority(&format!("t{t}"), &format!("Priority {t}"));
    }
    b.priority("b-only", "A priority only B had");
    let tag_a = |t: &usize| format!("t{t}");
    let tag_b = |t: &usize| {
        if *t == 4 {
            "b-only".to_string()
        } else {
            format!("t{t}")
        }
    };
    let mut b_start = 0;
    for (k, turn) in turns.iter().enumerate() {
        let who = turn.who % people;
        let channel = if turn.chat {
            Channel::Chat
        } else {
            Channel::Floor
        };
        let base = 36_000 + spacing * k as u32;
        let kind = |n: &TrueNote| {
            if n.quote {
                NoteKind::Quote
            } else {
                NoteKind::Point
            }
        };
        if turn.in_a {
            a.turn(&id_a(who), channel, base);
            for (j, n) in turn.notes.iter().enumerate().filter(|(_, n)| n.in_a) {
                let tags: Vec<String> = n.tags_a.iter().map(tag_a).collect();
                a.note(
                    TEXTS[n.text],
                    &dedup(tags),
                    kind(n),
                    n.emphasis_a,
                    base + j as u32,
                );
            }
        }
        if turn.in_b {
            // B noted each turn a little late, but in order.
            let start = (base + turn.late).max(b_start + 5);
            b_start = start;
            b.turn(&id_b(who), channel, start);
            for (j, n) in turn.notes.iter().enumerate().filter(|(_, n)| n.in_b) {
                let tags: Vec<String> = n.tags_b.iter().map(tag_b).collect();
                let text = if n.b_rewords {
                    format!("{} (as B heard it)", TEXTS[n.text])
                } else {
                    TEXTS[n.text].to_string()
                };
                b.note(&text, &dedup(tags), kind(n), n.emphasis_b, start + j as u32);
            }
        }
    }
    (a.session, b.session)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn merge_loses_nothing_and_is_idempotent((people, spacing, turns) in arb_meeting()) {
        let (a, b) = sessions(people, spacing, &turns);
        for s in [&a, &b] {
            prop_assert!(validate(s).iter().all(|f| f.severity == Severity::Warning));
        }
        let merged = merge(&a, &b);
        let m = &merged.session;
        let r = &merged.report;

        // Every note of A keeps its id, text and time, with at least its tags.
        for i in &a.interventions {
            for n in &i.notes {
                let kept = m.note(n.id).expect("A's note kept");
                prop_assert_eq!(&kept.text, &n.text);
                prop_assert_eq!(kept.time, n.time);
                prop_assert_eq!(kept.kind, n.kind);
                prop_assert!(n.tags.iter().all(|t| kept.tags.contains(t)));
                prop_assert!(kept.emphasis || !n.emphasis);
            }
        }
        holds_every_note(&a, m);
        holds_every_note(&b, m);
        for p in &b.participants {
            prop_assert!(m.participants.iter().any(|q| q.name == p.name), "{} lost", p.name);
        }
        for p in &b.priorities {
            prop_assert!(m.priorities.iter().any(|q| q.title == p.title), "{} lost", p.title);
        }

        // The counts add up, the file is valid, the tally is a recount.
        prop_assert_eq!(m.interventions.len(), r.interventions_a + r.interventions_added);
        prop_assert_eq!(r.interventions_b, r.interventions_added + r.interventions_folded);
        prop_assert_eq!(m.note_count(), r.notes_a + r.notes_added);
        prop_assert_eq!(r.notes_b, r.notes_added + r.notes_duplicate);
        let errors: Vec<String> = validate(m)
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.to_string())
            .collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        recount(m);
        prop_assert_eq!(Tally::compute(m), Tally::compute(&storage::from_ron(&storage::to_ron(m), Path::new("m.ron")).unwrap()));

        // Merging again with either input, or a session with itself, changes nothing.
        prop_assert_eq!(&merge(m, &b).session, m);
        prop_assert_eq!(&merge(m, &a).session, m);
        prop_assert_eq!(&merge(m, m).session, m);
        prop_assert_eq!(&merge(&a, &a).session, &a);
        prop_assert_eq!(&merge(&b, &b).session, &b);
        // And the same inputs always give the same output.
        prop_assert_eq!(&merge(&a, &b), &merged);
    }
}

fn sample(name: &str) -> Session {
    storage::load(&root().join("sessions/samples").join(name)).unwrap()
}

#[test]
fn the_floor_and_the_chat_of_the_example_meeting() {
    let floor = sample("gfmd-2020-floor.ron");
    let chat = sample("gfmd-2020-chat.ron");
    let merged = merge(&floor, &chat);
    let m = &merged.session;
    let example = storage::load(&root().join("sessions/gfmd-2020-migrant-protection.ron")).unwrap();
    let (ours, theirs) = (Tally::compute(m), Tally::compute(&example));
    assert_eq!(
        (
            ours.totals.interventions,
            ours.totals.floor,
            ours.totals.chat
        ),
        (21, 15, 6),
        "21 separate interventions and inputs: 15 on the floor and 6 in the chat"
    );
    for p in &example.priorities {
        let (x, y) = (
            ours.priority(&p.id).unwrap(),
            theirs.priority(&p.id).unwrap(),
        );
        assert_eq!(
            (x.interventions, x.floor, x.chat, x.labels.clone()),
            (y.interventions, y.floor, y.chat, y.labels.clone()),
            "{}",
            p.id
        );
    }
    let r = &merged.report;
    assert_eq!((r.interventions_folded, r.notes_duplicate), (2, 2));
    let conflicts: Vec<String> = r.conflicts.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        conflicts,
        ["note 25 (10:48:00): A has it as a verbatim quote, B as a point; kept A's"]
    );
    assert!(validate(m).iter().all(|f| f.severity == Severity::Warning));
    recount(m);
}

#[test]
fn participants_groups_priorities_and_meta_disagree() {
    let mut a = Rapporteur::new();
    a.person("ana", "Ana Lima", "Chile", "states");
    a.person("bo", "Bo Chen", "", "business");
    a.person("cy", "Cy Twombly", "Peru", "states");
    a.session.set_attendance("ana", true);
    a.session.meta.title = "Breakout 2".into();
    let mut b = Rapporteur::new();
    b.session.meta.title = "Breakout two".into();
    a.session.meta.opens = Some(Clock::hms(10, 0, 0));
    b.session.meta.opens = Some(Clock::hms(10, 5, 0));
    b.session.meta.closes = Some(Clock::hms(12, 0, 0));
    b.session.meta.languages.push("Arabic".into());
    b.session.groups.push(rapporteur::model::Group {
        id: "youth".into(),
        name: "Youth".into(),
        singular: "youth organization".into(),
        plural: "youth organizations".into(),
        counts_for_convergence: true,
    });
    b.session.priorities[0].title = "Health for all".into();
    b.person("ana-lima", "ana  lima", "Chile", "states");
    b.person("bo", "Bo Chen", "Lagos Employers Forum", "business");
    b.person("cy", "Cyrus Twombly", "Peru", "civil-society");
    b.person("dee", "Dee Okafor", "", "youth");
    b.priority("jobs", "Jobs");
    b.session.set_attendance("ana-lima", false);
    b.turn("ana-lima", Channel::Chat, 36_000);
    b.note("hello", &["jobs".into()], NoteKind::Point, false, 36_000);
    let merged = merge(&a.session, &b.session);
    let m = &merged.session;
    let r = &merged.report;
    assert_eq!(r.participants_matched, 3);
    assert_eq!(r.participants_added, ["dee"]);
    assert_eq!(r.groups_added, ["youth"]);
    assert_eq!(r.priorities_added, ["jobs"]);
    assert_eq!(m.interventions[0].participant, "ana", "matched by name");
    assert_eq!(
        m.participant("bo").unwrap().affiliation,
        "Lagos Employers Forum"
    );
    assert!(m.meta.languages.contains(&"Arabic".to_string()));
    assert_eq!(m.meta.closes, Some(Clock::hms(12, 0, 0)));
    let conflicts: Vec<String> = r.conflicts.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        conflicts,
        [
            "meta title: A has \"Breakout 2\", B has \"Breakout two\"; kept A's",
            "meta opening time: A has 10:00:00, B has 10:05:00; kept A's",
            "priority health: A's title is \"Learn the COVID lesson: open health services to all\", B's is \"Health for all\"; kept A's",
            "participant cy: same id, but A's name is \"Cy Twombly\" and B's is \"Cyrus Twombly\"; kept A's",
            "participant cy: A puts them in group states, B in civil-society; kept A's",
            "participant ana: A says they attended, B that they did not attend; kept A's",
        ]
        .map(str::to_string)
    );
    assert_eq!(merge(m, &b.session).session, *m);
}

#[test]
fn the_command_line_merges_into_a_new_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in ["gfmd-2020-floor.ron", "gfmd-2020-chat.ron"] {
        fs::copy(root().join("sessions/samples").join(name), d.join(name)).unwrap();
    }
    let o = rapporteur(
        &[
            "merge",
            "gfmd-2020-floor.ron",
            "gfmd-2020-chat.ron",
            "-o",
            "m.ron",
        ],
        d,
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        out.starts_with("m.ron: 21 interventions and 51 notes\n"),
        "{out}"
    );
    assert!(out.contains("2 interventions merged into A's (same speaker, same channel, within 2 minutes), 2 notes A has already"), "{out}");
    assert!(
        out.contains(
            "1 conflict, each kept as A has it unless said:\n  conflict: note 25 (10:48:00)"
        ),
        "{out}"
    );
    let written = storage::load(&d.join("m.ron")).unwrap();
    let expected = merge(
        &storage::load(&d.join("gfmd-2020-floor.ron")).unwrap(),
        &storage::load(&d.join("gfmd-2020-chat.ron")).unwrap(),
    );
    assert_eq!(written.interventions, expected.session.interventions);
    assert!(rapporteur(&["check", "m.ron"], d).status.success());

    // Never over an existing file.
    let before = fs::read(d.join("m.ron")).unwrap();
    let o = rapporteur(&["merge", "m.ron", "gfmd-2020-chat.ron", "-o", "m.ron"], d);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("m.ron exists already"));
    assert_eq!(fs::read(d.join("m.ron")).unwrap(), before);

    // A broken input is refused, and nothing is written.
    let mut broken = storage::load(&d.join("gfmd-2020-chat.ron")).unwrap();
    broken.interventions[0].participant = "ghost".into();
    fs::write(d.join("broken.ron"), storage::to_ron(&broken)).unwrap();
    let o = rapporteur(&["merge", "m.ron", "broken.ron", "-o", "x.ron"], d);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("broken.ron: error: intervention"), "{err}");
    assert!(err.contains("unknown participant \"ghost\""), "{err}");
    assert!(err.ends_with("nothing was merged\n"), "{err}");
    assert!(!d.join("x.ron").exists());
    let o = rapporteur(&["merge", "m.ron", "missing.ron", "-o", "x.ron"], d);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.ron: no such file"));
}

/// One note of the meeting: which rapporteurs noted it, and with which of its tags
/// and strong voice each did.
#[derive(Debug, Clone)]
struct SeenNote {
    quote: bool,
    tags: Vec<usize>,
    /// Per rapporteur: noted, the subset of tags kept (a bit mask), strongly voiced.
    seen: Vec<(bool, u8, bool)>,
}

/// One turn of the meeting and who noted it.
#[derive(Debug, Clone)]
struct SeenTurn {
    who: usize,
    chat: bool,
    seen: Vec<bool>,
    notes: Vec<SeenNote>,
}

const MANY: usize = 4;

fn arb_conference_meeting() -> impl Strategy<Value = (usize, usize, Vec<SeenTurn>)> {
    let seen_note = (
        any::<bool>(),
        prop::bool::weighted(0.7),
        any::<u8>(),
        any::<bool>(),
    );
    let note = (
        any::<bool>(),
        prop::collection::vec(0usize..4, 0..3),
        prop::collection::vec(seen_note, MANY),
    )
        .prop_map(|(quote, tags, seen)| SeenNote {
            quote,
            tags,
            seen: seen.into_iter().map(|(_, s, m, e)| (s, m, e)).collect(),
        });
    let turn = (
        0usize..6,
        any::<bool>(),
        prop::collection::vec(prop::bool::weighted(0.7), MANY),
        prop::collection::vec(note, 0..4),
    )
        .prop_map(|(who, chat, seen, notes)| SeenTurn {
            who,
            chat,
            seen,
            notes,
        });
    (2usize..=MANY, 2usize..7, prop::collection::vec(turn, 0..12))
}

/// The sessions `rapporteurs` people kept of one meeting: each saw some turns and some
/// of their notes, with some of their tags; they agree on what they both saw. Some
/// know people by other ids, and each has a priority and a person of their own.
fn conference_sessions(rapporteurs: usize, people: usize, turns: &[SeenTurn]) -> Vec<Session> {
    (0..rapporteurs)
        .map(|r| {
            let mut s = Rapporteur::new();
            let id = |i: usize| {
                if (i + r).is_multiple_of(3) {
                    format!("r{r}-p{i}")
                } else {
                    format!("p{i}")
                }
            };
            for i in 0..people {
                let group = ["states", "civil-society", "business", "mayors"][i % 4];
                s.person(
                    &id(i),
                    &format!("Zq Person{i}"),
                    &format!("Xv Entity{}", i / 2),
                    group,
                );
            }
            s.person(&format!("own-{r}"), &format!("Zq Own{r}"), "", "observers");
            for t in 0..4 {
                s.priority(&format!("t{t}"), &format!("Priority {t}"));
            }
            s.priority(&format!("own-{r}"), &format!("Priority of rapporteur {r}"));
            for (k, turn) in turns.iter().enumerate().filter(|(_, t)| t.seen[r]) {
                // Turns five minutes apart: no two of them fall within one window.
                let start = 36_000 + 300 * k as u32;
                let channel = if turn.chat {
                    Channel::Chat
                } else {
                    Channel::Floor
                };
                s.turn(&id(turn.who % people), channel, start);
                for (j, n) in turn.notes.iter().enumerate() {
                    let (seen, mask, strong) = n.seen[r];
                    if !seen {
                        continue;
                    }
                    let mut tags: Vec<String> = n
                        .tags
                        .iter()
                        .enumerate()
                        .filter(|(b, _)| mask & (1 << b) != 0)
                        .map(|(_, t)| format!("t{t}"))
                        .collect();
                    if mask & 0x80 != 0 {
                        tags.push(format!("own-{r}"));
                    }
                    let kind = if n.quote {
                        NoteKind::Quote
                    } else {
                        NoteKind::Point
                    };
                    let text = format!("point {k}.{j} on wages and borders");
                    s.note(&text, &dedup(tags), kind, strong, start + j as u32);
                }
            }
            s.session
        })
        .collect()
}

/// What a merged session says, whatever ids it gives: people by name, priorities by
/// title, interventions and notes by time and speaker.
fn content(s: &Session) -> impl PartialEq + std::fmt::Debug {
    let name = |id: &str| {
        s.participant(id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let title = |id: &str| s.priority(id).map(|p| p.title.clone()).unwrap_or_default();
    let mut people: Vec<_> = s
        .participants
        .iter()
        .map(|p| (p.name.clone(), p.affiliation.clone(), p.group.clone()))
        .collect();
    people.sort();
    let mut priorities: Vec<_> = s.priorities.iter().map(|p| p.title.clone()).collect();
    priorities.sort();
    let mut turns: Vec<_> = s
        .interventions
        .iter()
        .map(|i| {
            let mut notes: Vec<_> = i
                .notes
                .iter()
                .map(|n| {
                    let mut tags: Vec<String> = n.tags.iter().map(|t| title(t)).collect();
                    tags.sort();
                    (
                        n.time,
                        n.text.clone(),
                        tags,
                        n.kind == NoteKind::Quote,
                        n.emphasis,
                    )
                })
                .collect();
            notes.sort();
            (
                i.start,
                name(&i.participant),
                i.channel == Channel::Chat,
                i.end,
                notes,
            )
        })
        .collect();
    turns.sort();
    (s.meta.clone(), s.groups.clone(), people, priorities, turns)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn many_sessions_merge_whole_in_any_order((rapporteurs, people, turns) in arb_conference_meeting()) {
        let inputs = conference_sessions(rapporteurs, people, &turns);
        let merged = merge_all(&inputs).unwrap();
        let m = &merged.session;
        for input in &inputs {
            holds_every_note(input, m);
        }
        let errors: Vec<String> = validate(m)
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.to_string())
            .collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        recount(m);
        prop_assert_eq!(merged.steps.len(), rapporteurs - 1);

        // Merging again with any input, the result itself, or an input given twice changes nothing.
        for input in &inputs {
            prop_assert_eq!(&merge_all(&[m.clone(), input.clone()]).unwrap().session, m);
        }
        prop_assert_eq!(&merge_all(&[m.clone(), m.clone()]).unwrap().session, m);
        let mut twice = inputs.clone();
        twice.push(inputs[0].clone());
        prop_assert_eq!(&merge_all(&twice).unwrap().session, m);
        prop_assert_eq!(&merge_all(&inputs).unwrap(), &merged);

        // Another order gives the same meeting; only the ids may differ.
        let mut reversed = inputs.clone();
        reversed.reverse();
        let mut rotated = inputs.clone();
        rotated.rotate_left(1);
        for order in [reversed, rotated] {
            let other = merge_all(&order).unwrap().session;
            prop_assert_eq!(content(&other), content(m));
        }
    }
}

#[test]
fn the_command_line_merges_three_sessions_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in ["gfmd-2020-floor.ron", "gfmd-2020-chat.ron"] {
        fs::copy(root().join("sessions/samples").join(name), d.join(name)).unwrap();
    }
    let args = [
        "merge",
        "gfmd-2020-floor.ron",
        "gfmd-2020-chat.ron",
        "gfmd-2020-floor.ron",
        "-o",
        "m.ron",
    ];
    let o = rapporteur(&args, d);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        out.starts_with("m.ron: 21 interventions and 51 notes\n"),
        "{out}"
    );
    assert!(out.contains("\n  B, gfmd-2020-chat.ron: 8 interventions and 9 notes; 2 interventions merged into A's"), "{out}");
    assert!(
        out.contains("\n  C, gfmd-2020-floor.ron: 15 interventions and 44 notes; 15 interventions merged into A–B's (same speaker, same channel, within 2 minutes), 44 notes A–B have already\n"),
        "{out}"
    );
    let two = merge(
        &sample("gfmd-2020-floor.ron"),
        &sample("gfmd-2020-chat.ron"),
    )
    .session;
    assert_eq!(
        storage::load(&d.join("m.ron")).unwrap().interventions,
        two.interventions
    );
    let o = rapporteur(&["merge", "-", "m.ron", "-", "-o", "x.ron"], d);
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("only one of the sessions can come from standard input")
    );
    let o = rapporteur(&["merge", "m.ron", "-o", "x.ron"], d);
    assert_eq!(o.status.code(), Some(2), "one session is not a merge");
}
