//! `import chat`: every Zoom layout, awkward text, names, tags, idempotence and every error path.

mod cli_support;

use std::fs;
use std::path::{Path, PathBuf};

use cli_support::rapporteur;
use rapporteur::check::validate;
use rapporteur::clock::Clock;
use rapporteur::import::chat::{self, ChatError, ChatFormat, ChatImported, ChatOptions};
use rapporteur::import::{notes, roster};
use rapporteur::model::{Channel, Note, NoteKind, Session};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/samples")
}

fn sample(name: &str) -> Vec<u8> {
    fs::read(samples().join(name)).unwrap()
}

/// The GFMD template with the example's 29 people on the roster.
fn meeting() -> Session {
    let mut s = cli_support::gfmd_2020();
    let csv = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/gfmd-2020-roster.csv"))
        .unwrap();
    roster::import(&mut s, &csv, Path::new("roster.csv")).unwrap();
    s
}

fn options(map: &[&str]) -> ChatOptions {
    ChatOptions {
        map: map.iter().map(|m| m.to_string()).collect(),
        ..ChatOptions::default()
    }
}

/// The maps the GFMD sample chat needs: the secretariat left out, the IOM name matched.
fn gfmd_options() -> ChatOptions {
    options(&["GFMD Secretariat=", "Marco Bellini - IOM=marco-bellini"])
}

fn import(s: &mut Session, bytes: &[u8], opts: &ChatOptions) -> Result<ChatImported, ChatError> {
    chat::import(s, bytes, Path::new("chat.txt"), opts)
}

/// (participant, start, text, tags) of each chat input.
fn inputs(s: &Session) -> Vec<(String, Clock, String, Vec<String>)> {
    s.interventions
        .iter()
        .filter(|i| i.channel == Channel::Chat)
        .map(|i| {
            assert_eq!(i.notes.len(), 1, "one note per message");
            let n = &i.notes[0];
            assert_eq!(n.time, i.start);
            (
                i.participant.clone(),
                i.start,
                n.text.clone(),
                n.tags.clone(),
            )
        })
        .collect()
}

fn note_of<'a>(s: &'a Session, who: &str) -> &'a Note {
    &s.interventions
        .iter()
        .find(|i| i.participant == who)
        .unwrap_or_else(|| panic!("no intervention by {who}"))
        .notes[0]
}

#[test]
fn the_newer_local_layout_with_everything_in_it() {
    let mut s = meeting();
    let done = import(&mut s, &sample("zoom-chat-gfmd-2020.txt"), &gfmd_options()).unwrap();
    assert_eq!(done.formats, vec![ChatFormat::LocalBlock]);
    assert_eq!(done.added, 6);
    assert_eq!((done.reactions, done.private, done.skipped), (2, 1, 2));
    assert_eq!(done.replies, 1);
    assert_eq!(
        done.similar,
        vec![("Fatoumata Keita".to_string(), "fatoumata-keïta".to_string())]
    );
    let got = inputs(&s);
    let who: Vec<&str> = got.iter().map(|(p, ..)| p.as_str()).collect();
    assert_eq!(
        who,
        [
            "hawa-diarra",
            "njeri-kamau",
            "marco-bellini",
            "kwabena-ofori",
            "fatoumata-keïta",
            "élodie-marchand"
        ]
    );
    assert_eq!(got[0].1, Clock::hms(10, 32, 14));
    // Multi-line messages keep their lines, joined with ` / `, and all their tags.
    let hawa = note_of(&s, "hawa-diarra");
    assert!(
        hawa.text.starts_with(
            "Street children and girls are doubly exposed, to COVID and to traffickers; \
             their protection needs partners beyond national authorities / The people affected"
        ),
        "{}",
        hawa.text
    );
    assert_eq!(hawa.tags, ["street-children"]);
    let elodie = note_of(&s, "élodie-marchand");
    assert!(!elodie.text.contains("Replying to"), "{}", elodie.text);
    assert_eq!(elodie.tags, ["street-children", "health"]);
    // URLs with `#` and colons stay; emoji stay.
    let marco = note_of(&s, "marco-bellini");
    assert!(
        marco
            .text
            .ends_with("/ See: https://www.iom.int/data-and-research#partnerships"),
        "{}",
        marco.text
    );
    assert_eq!(marco.tags, ["data"]);
    assert!(note_of(&s, "kwabena-ofori").text.contains("😔"));
    // Quotes and `!` mean what they mean when typed.
    let njeri = note_of(&s, "njeri-kamau");
    assert_eq!(
        njeri.kind,
        NoteKind::Point,
        "a quote followed by a line is a point"
    );
    let fatoumata = note_of(&s, "fatoumata-keïta");
    assert!(fatoumata.emphasis);
    assert_eq!(fatoumata.tags, ["recruitment"]);
    // An unknown tag stays in the text and comes back as a positioned warning.
    assert_eq!(
        fatoumata.text,
        "Sanctions must be available, and imposed on abusers whoever they are #GFMD2020"
    );
    assert_eq!(done.warnings.len(), 1);
    assert_eq!(
        done.warnings[0].to_string(),
        "chat.txt:24:85: `#GFMD2020` matches no priority; kept in the text, untagged"
    );
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
}

#[test]
fn the_older_one_line_layout() {
    let mut s = meeting();
    let done = import(&mut s, &sample("zoom-chat-oneline.txt"), &options(&[])).unwrap();
    assert_eq!(done.formats, vec![ChatFormat::LocalOneLine]);
    assert_eq!((done.added, done.private), (5, 1));
    let got = inputs(&s);
    assert_eq!(
        got[1].2,
        "Ministries of Employment and Labour were not at the table"
    );
    assert_eq!(note_of(&s, "njeri-kamau").kind, NoteKind::Quote);
    // A line without a time continues the message before it.
    assert_eq!(
        got[2].2,
        "Countries of origin often know their migrants well / See: https://www.iom.int/data-and-research#partnerships"
    );
    assert_eq!(got[2].3, ["data"]);
    assert_eq!(got[4].0, "fatoumata-keïta");
}

#[test]
fn the_cloud_recording_layout_counts_from_the_recording_start() {
    let mut s = meeting();
    let bytes = sample("zoom-chat-cloud.txt");
    let e = import(&mut s, &bytes, &options(&[])).unwrap_err();
    assert!(
        e.to_string()
            .contains("give --starts-at HH:MM, the time the recording started"),
        "{e}"
    );
    let opts = ChatOptions {
        starts_at: Some(Clock::hms(10, 0, 0)),
        ..ChatOptions::default()
    };
    let done = import(&mut s, &bytes, &opts).unwrap();
    assert_eq!(done.formats, vec![ChatFormat::Cloud]);
    let got = inputs(&s);
    assert_eq!(got.len(), 5);
    assert_eq!(got[0].1, Clock::hms(10, 32, 14));
    assert_eq!(got[4].1, Clock::hms(11, 27, 9));
    assert_eq!(got[2].3, ["data"]);
    // Clock times in a cloud layout are taken as they are.
    let mut s = meeting();
    let done = import(
        &mut s,
        "10:32:14\tHawa Diarra:\tfine: really #data\n".as_bytes(),
        &options(&[]),
    )
    .unwrap();
    assert_eq!(done.added, 1);
    assert_eq!(inputs(&s)[0].2, "fine: really");
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_change_nothing() {
    for name in [
        "zoom-chat-gfmd-2020.txt",
        "zoom-chat-oneline.txt",
        "zoom-chat-cloud.txt",
    ] {
        let plain = sample(name);
        let text = String::from_utf8(plain.clone()).unwrap();
        let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        let opts = ChatOptions {
            starts_at: Some(Clock::hms(10, 0, 0)),
            ..gfmd_options()
        };
        let (mut a, mut b) = (meeting(), meeting());
        let one = import(&mut a, &plain, &opts).unwrap();
        let two = import(&mut b, windows.as_bytes(), &opts).unwrap();
        assert_eq!(a, b, "{name}");
        assert_eq!(one.added, two.added);
        assert_eq!(
            one.warnings
                .iter()
                .map(|w| w.to_string())
                .collect::<Vec<_>>(),
            two.warnings
                .iter()
                .map(|w| w.to_string())
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn chat_inputs_go_in_at_their_time_among_floor_turns() {
    let mut s = meeting();
    let floor = "[10:30] @Ngozi Adeyemi: first #recruitment\n[11:00] @Leïla Ben Salah: second\n[11:50] @Traoré: third\n";
    notes::import(&mut s, floor.as_bytes(), Path::new("n.txt")).unwrap();
    let ends: Vec<Option<Clock>> = s.interventions.iter().map(|i| i.end).collect();
    import(&mut s, &sample("zoom-chat-gfmd-2020.txt"), &gfmd_options()).unwrap();
    let starts: Vec<Clock> = s.interventions.iter().map(|i| i.start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "interventions stay in time order");
    let floor_ends: Vec<Option<Clock>> = s
        .interventions
        .iter()
        .filter(|i| i.channel == Channel::Floor)
        .map(|i| i.end)
        .collect();
    assert_eq!(floor_ends, ends, "chat inputs close no floor turn");
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
    // Typing on after an import still works: serials stay fresh.
    let more = "[11:55] @Ngozi Adeyemi: closing words\n";
    notes::import(&mut s, more.as_bytes(), Path::new("n.txt")).unwrap();
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
}

#[test]
fn importing_twice_adds_nothing_twice() {
    let mut s = meeting();
    let bytes = sample("zoom-chat-gfmd-2020.txt");
    import(&mut s, &bytes, &gfmd_options()).unwrap();
    let once = s.clone();
    let again = import(&mut s, &bytes, &gfmd_options()).unwrap();
    assert_eq!((again.added, again.already), (0, 8));
    assert_eq!(s, once);
    // Without the maps too: only new messages need their names matched.
    let again = import(&mut s, &bytes, &options(&[])).unwrap();
    assert_eq!(again.added, 0);
    // An edited or deleted imported note does not come back.
    let id = s
        .interventions
        .iter()
        .find(|i| i.channel == Channel::Chat)
        .unwrap()
        .notes[0]
        .id;
    let (i, n) = s.note_position(id).unwrap();
    s.interventions[i].notes[n].text = "edited by the rapporteur".into();
    let last = s
        .interventions
        .iter()
        .rposition(|i| i.channel == Channel::Chat)
        .unwrap();
    s.interventions.remove(last);
    let edited = s.clone();
    assert_eq!(import(&mut s, &bytes, &options(&[])).unwrap().added, 0);
    assert_eq!(s, edited);
    // A chat file saved again later adds only what is new.
    let grown = format!(
        "{}12:01:00 From Hawa Diarra (she/her) to Everyone:\n\tOne more thing #data\n",
        String::from_utf8(bytes).unwrap()
    );
    let done = import(&mut s, grown.as_bytes(), &options(&[])).unwrap();
    assert_eq!((done.added, done.already), (1, 8));
    // The same message sent twice in the same second is two messages.
    let mut s = meeting();
    let twice = "10:00:00 From Hawa Diarra : +1\n10:00:00 From Hawa Diarra : +1\n";
    assert_eq!(
        import(&mut s, twice.as_bytes(), &options(&[]))
            .unwrap()
            .added,
        2
    );
    assert_eq!(
        import(&mut s, twice.as_bytes(), &options(&[]))
            .unwrap()
            .added,
        0
    );
}

#[test]
fn a_message_typed_by_hand_at_the_same_second_is_not_added_again() {
    let mut s = meeting();
    let typed = "[10:32:14] @Hawa Diarra (chat): Street children first #street-children\n";
    notes::import(&mut s, typed.as_bytes(), Path::new("n.txt")).unwrap();
    let chat = "10:32:14 From Hawa Diarra : Street children first #street-children\n";
    let done = import(&mut s, chat.as_bytes(), &options(&[])).unwrap();
    assert_eq!((done.added, done.already), (0, 1));
}

#[test]
fn unmatched_names_stop_the_import_with_the_list() {
    let mut s = meeting();
    let before = s.clone();
    let e = import(&mut s, &sample("zoom-chat-gfmd-2020.txt"), &options(&[])).unwrap_err();
    let ChatError::Unmatched { names, .. } = &e else {
        panic!("{e}");
    };
    let listed: Vec<(&str, usize, usize)> = names
        .iter()
        .map(|u| (u.name.as_str(), u.line, u.messages))
        .collect();
    assert_eq!(
        listed,
        [("GFMD Secretariat", 1, 2), ("Marco Bellini - IOM", 17, 1)]
    );
    let text = e.to_string();
    assert!(
        text.starts_with(
            "chat.txt:1: \"GFMD Secretariat\" (2 messages) matches nobody on the roster\n"
        ),
        "{text}"
    );
    assert!(text.contains("--map \"NAME=PARTICIPANT ID\""), "{text}");
    assert!(text.contains("--add-unknown GROUP"), "{text}");
    assert_eq!(s, before, "nothing changed");

    // A name matching several people is listed with them, even with --add-unknown.
    let chat = "10:00:00 From Morocco : hello\n";
    let opts = ChatOptions {
        add_unknown: Some("observers".into()),
        ..ChatOptions::default()
    };
    let e = import(&mut s, chat.as_bytes(), &opts).unwrap_err();
    assert!(
        e.to_string().contains(
            "\"Morocco\" (1 message) matches several participants: youssef-el-amrani, salma-benjelloun"
        ),
        "{e}"
    );
    assert_eq!(s, before);
}

#[test]
fn unknown_people_can_be_added_to_a_group() {
    let mut s = meeting();
    let opts = ChatOptions {
        add_unknown: Some("Observers".into()),
        ..options(&["Marco Bellini - IOM=Marco Bellini"])
    };
    let done = import(&mut s, &sample("zoom-chat-gfmd-2020.txt"), &opts).unwrap();
    assert_eq!(done.new_participants, ["gfmd-secretariat"]);
    assert_eq!(done.added, 8);
    let p = s.participant("gfmd-secretariat").unwrap();
    assert_eq!(
        (p.name.as_str(), p.group.as_str()),
        ("GFMD Secretariat", "observers")
    );
    // Zoom decorations are not part of a new person's name.
    let mut s = meeting();
    let chat = "10:00:00 From Jo Bloggs (she/her) : hello\n";
    let done = import(&mut s, chat.as_bytes(), &opts).unwrap();
    assert_eq!(done.new_participants, ["jo-bloggs"]);
}

#[test]
fn bad_options_are_refused() {
    let mut s = meeting();
    let before = s.clone();
    let bytes = sample("zoom-chat-gfmd-2020.txt");
    let message = |opts: ChatOptions| {
        let mut s = meeting();
        import(&mut s, &bytes, &opts).unwrap_err().to_string()
    };
    assert!(
        message(options(&["no equals sign"])).contains("expected \"ZOOM NAME=PARTICIPANT ID\"")
    );
    assert!(message(options(&["=marco-bellini"])).contains("the Zoom name before `=` is empty"));
    assert!(
        message(options(&["Marco Bellini - IOM=zzzzzz"]))
            .contains("there is no participant \"zzzzzz\""),
    );
    assert!(message(options(&["X=Morocco"])).contains("matches several participants"));
    let opts = ChatOptions {
        add_unknown: Some("pirates".into()),
        ..ChatOptions::default()
    };
    assert!(message(opts).contains(
        "--add-unknown \"pirates\": there is no such group (groups: states, civil-society"
    ),);
    // A map that matches nobody is only a warning; --starts-at on a local chat too.
    let opts = ChatOptions {
        starts_at: Some(Clock::hms(10, 0, 0)),
        ..options(&[
            "GFMD Secretariat=",
            "Marco Bellini - IOM=marco-bellini",
            "Nobody Here=amine-haddad",
        ])
    };
    let done = import(&mut s, &bytes, &opts).unwrap();
    let warnings: Vec<String> = done.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("\"Nobody Here=amine-haddad\" matches no name")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("--starts-at was not used")),
        "{warnings:?}"
    );
    assert_ne!(s, before);
}

#[test]
fn files_that_are_not_chats_are_refused_with_a_position() {
    let mut s = meeting();
    let before = s.clone();
    let cases: [(&[u8], &str); 5] = [
        (
            b"name,group\nAna,states\n",
            "chat.txt:1:1: expected a Zoom chat message starting with its time",
        ),
        (b"\n\n", "chat.txt:1: no chat messages found"),
        (b"", "chat.txt:1: no chat messages found"),
        (
            b"10:00:00 From Ana : ok\n\xff\n",
            "chat.txt:2:1: invalid UTF-8",
        ),
        (
            b"\xef\xbb\xbfhello 10:00:00 From Ana : x\n",
            "chat.txt:1:1: expected a Zoom chat message",
        ),
    ];
    for (bytes, expected) in cases {
        let e = import(&mut s, bytes, &options(&[])).unwrap_err();
        assert!(e.to_string().starts_with(expected), "{e} / {expected}");
    }
    assert_eq!(s, before);
}

#[test]
fn ambiguous_tags_and_messages_that_are_not_capture_lines() {
    let mut s = meeting();
    let chat = "10:00:00 From Hawa Diarra : #partners are key, see @Njeri and // the notes [10:00]\n\
                10:01:00 From Hawa Diarra : !\n\
                10:02:00 From Hawa Diarra : \"quoted\" #data #DATA\n";
    let done = import(&mut s, chat.as_bytes(), &options(&[])).unwrap();
    assert_eq!(done.added, 3);
    let texts: Vec<(String, Vec<String>, NoteKind, bool)> = s
        .interventions
        .iter()
        .map(|i| {
            let n = &i.notes[0];
            (n.text.clone(), n.tags.clone(), n.kind, n.emphasis)
        })
        .collect();
    assert_eq!(
        texts[0].0,
        "#partners are key, see @Njeri and // the notes [10:00]"
    );
    assert!(texts[0].1.is_empty());
    assert_eq!(texts[1].0, "!", "a lone `!` is kept as written");
    assert_eq!(
        texts[2],
        (
            "quoted".to_string(),
            vec!["data".to_string()],
            NoteKind::Quote,
            false
        )
    );
    assert_eq!(done.warnings.len(), 1);
    assert_eq!(
        done.warnings[0].to_string(),
        "chat.txt:1:29: `#partners` matches several priorities: local-partners, business-partners; kept in the text, untagged"
    );
}

#[test]
fn a_message_holding_every_private_use_character_keeps_its_unknown_tag_as_text() {
    let every: String = ('\u{e000}'..='\u{f8ff}').collect();
    let header = "10:33:00 From Hawa Diarra : ";
    let chat = format!(
        "10:32:14 From Hawa Diarra : fair recruitment #recruitment\n{header}{every} #GFMD2020 #data\n"
    );
    // The fuzz seed holds the same file after its options byte.
    let seed = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/corpus/chat_import/seed-plain-private-use-every-character.txt"),
    )
    .unwrap();
    assert_eq!(&seed[1..], chat.as_bytes());
    let mut s = meeting();
    let done = import(&mut s, chat.as_bytes(), &options(&[])).unwrap();
    assert_eq!(done.added, 2);
    let column = header.chars().count() + every.chars().count() + 2;
    assert_eq!(
        done.warnings
            .iter()
            .map(|w| w.to_string())
            .collect::<Vec<_>>(),
        [format!(
            "chat.txt:2:{column}: `#GFMD2020` matches no priority; kept in the text, untagged"
        )]
    );
    let got = inputs(&s);
    assert_eq!(got[1].2, format!("{every} #GFMD2020"));
    assert_eq!(got[1].3, ["data"]);
    assert!(validate(&s).is_empty(), "{:?}", validate(&s));
}

#[test]
fn the_command_line_imports_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy(
        samples().join("zoom-chat-gfmd-2020.txt"),
        d.join("chat.txt"),
    )
    .unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/gfmd-2020-roster.csv"),
        d.join("roster.csv"),
    )
    .unwrap();
    cli_support::new_gfmd_2020("m.ron", d);
    assert!(
        rapporteur(&["import", "roster", "m.ron", "roster.csv"], d)
            .status
            .success()
    );
    let before = fs::read(d.join("m.ron")).unwrap();
    let o = rapporteur(&["import", "chat", "m.ron", "chat.txt"], d);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("rapporteur: chat.txt:1: \"GFMD Secretariat\" (2 messages) matches nobody"),
        "{err}"
    );
    assert!(err.ends_with("nothing was imported\n"), "{err}");
    assert_eq!(
        fs::read(d.join("m.ron")).unwrap(),
        before,
        "nothing written"
    );
    let o = rapporteur(
        &[
            "import",
            "chat",
            "m.ron",
            "chat.txt",
            "--map",
            "GFMD Secretariat=",
            "--map",
            "Marco Bellini - IOM=marco-bellini",
        ],
        d,
    );
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        out.starts_with(
            "m.ron: added 6 chat inputs (Zoom chat saved on a computer, newer layout)\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "left out: 2 reactions, 1 private message, 2 messages of people mapped to nobody"
        ),
        "{out}"
    );
    assert!(
        out.contains("matched by similarity, check: \"Fatoumata Keita\" is fatoumata-keïta"),
        "{out}"
    );
    assert_eq!(
        err,
        "rapporteur: warning: chat.txt:24:85: `#GFMD2020` matches no priority; kept in the text, untagged\n"
    );
    let o = rapporteur(&["import", "chat", "m.ron", "chat.txt"], d);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("added 0 chat inputs"));
    let o = rapporteur(&["check", "m.ron"], d);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let o = rapporteur(&["import", "chat", "m.ron", "roster.csv"], d);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .starts_with("rapporteur: roster.csv:1:1: expected a Zoom chat message")
    );
    let o = rapporteur(&["import", "chat", "m.ron", "missing.txt"], d);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("rapporteur: missing.txt: "));
}
