//! Hostile and odd input: invalid UTF-8 named by line and column, huge lines
//! and fields, terminal escape sequences in notes and names, right-to-left,
//! CJK, emoji and combining text, deep nesting, file modes, and no note text
//! on standard error.

mod cli_support;
mod docx_support;

use std::fs;
use std::path::Path;

use cli_support::rapporteur;
use rapporteur::capture::{self, CaptureLine};
use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::export::{self, Attribution, Format, Options};
use rapporteur::import::{notes, roster};
use rapporteur::keymap::{self, Keymap};
use rapporteur::model::{Note, NoteKind, Participant, Priority, Session};
use rapporteur::recorder::{Recording, record};
use rapporteur::resolve::Resolver;
use rapporteur::storage::{self, SessionFile, journal_path, lock_path};

/// Ten megabytes: the size of a line or field no person types, but a broken export can.
const TEN_MB: usize = 10 * 1024 * 1024;

/// Terminal control sequences a pasted or hostile text may carry.
const ESCAPES: [&str; 7] = [
    "\x1b]0;owned title\x07",
    "\x1b[2J\x1b[H cleared",
    "bells \x07\x07\x07",
    "nul \0 byte",
    "\x1b]8;;https://example.org\x1b\\a link\x1b]8;;\x1b\\",
    "C1 \u{9b}31m red",
    "back\x08space and del\x7f",
];

/// Names and notes in scripts other than Latin, with emoji and combining marks.
const WORLD: [(&str, &str, &str); 7] = [
    (
        "عمر حداد",
        "المغرب",
        "الهجرة مسؤولية مشتركة بين المدن والدول",
    ),
    ("נועה כהן", "ישראל", "יש להגן על מהגרי עבודה"),
    ("李伟", "中国", "地方政府是第一道防线"),
    ("佐藤 花子", "日本", "「統合は地域から」と述べた"),
    (
        "Zoe\u{308} Ne\u{301}ron",
        "Cafe\u{301} Coope\u{301}rative",
        "combining marks: e\u{301} o\u{308} a\u{30a}",
    ),
    (
        "👩🏽\u{200d}⚕️ Ada",
        "🇸🇳 Sénégal",
        "health first 🏥, then 👨\u{200d}👩\u{200d}👧 families",
    ),
    (
        "Ngọc Trâm",
        "Việt Nam",
        "mixed \u{202e}right-to-left override\u{202c} and עברית in one line",
    ),
];

fn gfmd() -> Session {
    cli_support::gfmd_2020()
}

/// The gfmd template with these people in the States group.
fn with_people(people: &[(&str, &str)]) -> Session {
    let mut session = gfmd();
    for (name, affiliation) in people {
        session.participants.push(Participant {
            id: session.fresh_participant_id(name),
            name: name.to_string(),
            affiliation: affiliation.to_string(),
            group: "states".into(),
            role: None,
            chair: false,
        });
    }
    session
}

/// A meeting whose people, titles and notes carry every string of `texts`.
fn meeting_with(texts: &[&str]) -> Session {
    let mut session = gfmd();
    session.meta.title = texts.concat();
    session.meta.theme = texts.join(" | ");
    session.priorities.push(Priority {
        id: "odd".into(),
        title: format!("odd {}", texts.concat()),
        description: Some(texts.concat()),
    });
    for (i, text) in texts.iter().enumerate() {
        let id = format!("p{i}");
        session.participants.push(Participant {
            id: id.clone(),
            name: format!("Name {text}"),
            affiliation: format!("Entity {text}"),
            group: if i % 2 == 0 {
                "states"
            } else {
                "civil-society"
            }
            .into(),
            role: Some(text.to_string()),
            chair: false,
        });
        let start = Clock::hms(10, i as u32, 0);
        let intervention = session.take_serial();
        session
            .apply(Edit::StartIntervention {
                id: intervention,
                participant: id,
                channel: rapporteur::model::Channel::Floor,
                start,
            })
            .unwrap();
        for (k, kind) in [NoteKind::Point, NoteKind::Quote].into_iter().enumerate() {
            let note = Note {
                id: session.take_serial(),
                text: format!("{k}: {text}"),
                tags: vec!["odd".into(), "recruitment".into()],
                kind,
                emphasis: k == 0,
                time: start,
                opposes: Vec::new(),
            };
            session
                .apply(Edit::InsertNote {
                    intervention,
                    index: None,
                    note,
                })
                .unwrap();
        }
    }
    session
}

/// Every note text, name, affiliation and role of a session, for comparing strings exactly.
fn texts_of(session: &Session) -> Vec<String> {
    let mut all = vec![session.meta.title.clone(), session.meta.theme.clone()];
    for p in &session.participants {
        all.extend([p.name.clone(), p.affiliation.clone()]);
        all.extend(p.role.clone());
    }
    for p in &session.priorities {
        all.push(p.title.clone());
        all.extend(p.description.clone());
    }
    for i in &session.interventions {
        all.extend(i.notes.iter().map(|n| n.text.clone()));
    }
    all
}

/// Control characters a terminal would act on (all but newline and tab).
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

// ---------------------------------------------------------------------------
// Invalid UTF-8, named by line and column.

#[test]
fn invalid_utf8_in_a_session_file_is_named_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let bytes = b"(\n  version: 1,\n  meta: (title: \"Caf\xc3\xa9 \xff\"),\n)\n";
    fs::write(&path, bytes).unwrap();
    let error = storage::load(&path).unwrap_err();
    // `  meta: (title: "Café ` is 22 characters, so the bad byte is column 23.
    assert_eq!(error.position(), Some((3, 23)), "{error}");
    assert!(
        error.to_string().contains("m.ron:3:23: invalid UTF-8"),
        "{error}"
    );
    assert!(SessionFile::open(&path).is_err());
    assert_eq!(
        fs::read(&path).unwrap(),
        bytes,
        "a file that does not load is never written"
    );
}

#[test]
fn invalid_utf8_inside_the_journal_is_named_by_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut session = with_people(&[("Amina Diallo", "Senegal")]);
    let mut file = SessionFile::create(&path, &session).unwrap();
    for line in ["[10:00] @amina: one", "two", "three"] {
        let edits = record(
            &session,
            &Resolver::default(),
            line,
            Clock::hms(10, 0, 0),
            &Recording::strict(),
        )
        .unwrap()
        .edits;
        file.commit_all(&mut session, edits).unwrap();
    }
    drop(file);
    let journal = journal_path(&path);
    let text = fs::read(&journal).unwrap();
    let mut lines: Vec<Vec<u8>> = text
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect();
    lines[1].insert(5, 0xff);
    fs::write(&journal, lines.concat()).unwrap();
    let error = storage::load(&path).unwrap_err();
    assert_eq!(error.position(), Some((2, 1)), "{error}");
    assert!(
        error
            .to_string()
            .contains("m.ron.journal:2:1: journal line is not UTF-8"),
        "{error}"
    );
}

#[test]
fn invalid_utf8_in_a_notes_file_is_named_by_line_and_column() {
    let mut session = with_people(&[("Amina Diallo", "Senegal")]);
    let before = session.clone();
    let error = notes::import(
        &mut session,
        b"@amina: ok\nfin\xc3\xa9 \xc3(\n",
        Path::new("n.txt"),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "n.txt:2:6: invalid UTF-8 (the file must be UTF-8 text)"
    );
    assert_eq!(session, before);
}

#[test]
fn invalid_utf8_in_a_roster_is_named_by_line_and_column() {
    let mut session = gfmd();
    let csv = b"name,affiliation,group\nAmina,Senegal,states\nZo\xc3\xab \xff,Chile,states\n";
    let problems = roster::import(&mut session, csv, Path::new("p.csv")).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].to_string(),
        "p.csv:3:5: invalid UTF-8 (the file must be UTF-8 text)"
    );
    assert!(session.participants.is_empty());
}

/// Keymaps say where a bad byte is, like session, notes and roster files (a plain
/// `read_to_string` would say only "stream did not contain valid UTF-8").
#[test]
fn invalid_utf8_in_a_keymap_is_named_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.ron");
    fs::write(
        &path,
        b"(keys: {\n  \"ctrl-s\": save,\n  \"\xff\": help,\n})\n",
    )
    .unwrap();
    let error = Keymap::load(Some(path.to_str().unwrap()), None).unwrap_err();
    assert_eq!(error.position(), Some((3, 4)), "{error}");
}

#[test]
fn a_keymap_with_a_bad_key_names_its_position() {
    let text = "(keys: {\n  \"ctrl-s\": save,\n  \"hyper-x\": help,\n})\n";
    let error = keymap::parse(text, Path::new("keys.ron")).unwrap_err();
    let (line, _) = error.position().expect("a position");
    assert_eq!(line, 3, "{error}");
    assert!(error.to_string().contains("unknown modifier"), "{error}");
}

// ---------------------------------------------------------------------------
// Deep nesting: an error, never a stack overflow.

#[test]
fn deep_nesting_in_a_session_file_is_an_error_not_a_stack_overflow() {
    let deep = 100_000;
    let shapes = [
        "[".repeat(deep),
        format!("(bogus: {}", "[".repeat(deep)),
        format!("(bogus: {}", "(a: ".repeat(deep)),
        format!("(bogus: {}", "{\"k\": ".repeat(deep)),
        format!("(bogus: {}", "Some(".repeat(deep)),
        format!("(meta: (title: \"t\", focus_areas: {}", "[".repeat(deep)),
        format!("{}{}", "[".repeat(deep), "]".repeat(deep)),
    ];
    for text in &shapes {
        let error = storage::from_ron(text, Path::new("deep.ron")).unwrap_err();
        assert!(error.position().is_some(), "{error}");
    }
    let error = storage::from_ron(&shapes[1], Path::new("deep.ron")).unwrap_err();
    assert!(
        error.message.contains("nested more than 64 levels deep"),
        "{error}"
    );
}

#[test]
fn deep_nesting_in_a_journal_line_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let session = with_people(&[("Amina Diallo", "Senegal")]);
    drop(SessionFile::create(&path, &session).unwrap());
    for body in [
        format!("AddPriority({})", "(".repeat(100_000)),
        format!(
            "InsertNote(intervention: 1, index: None, note: (bogus: {}",
            "[".repeat(100_000)
        ),
    ] {
        let crc = crc32(body.as_bytes());
        // Two lines, so the deep one is not the (droppable) torn tail.
        let journal = format!("1 {crc:08x} {body}\n2 00000000 x\n");
        fs::write(journal_path(&path), journal).unwrap();
        let error = storage::load(&path).unwrap_err();
        assert_eq!(error.position(), Some((1, 1)), "{error}");
    }
}

#[test]
fn deep_nesting_in_a_keymap_is_an_error_not_a_stack_overflow() {
    for text in [
        format!("(keys: {{\"a\": {}", "[".repeat(100_000)),
        format!("(bogus: {}", "(".repeat(100_000)),
        "[".repeat(100_000),
    ] {
        assert!(keymap::parse(&text, Path::new("k.ron")).is_err());
    }
}

/// CRC-32 (IEEE), as the journal writes it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

// ---------------------------------------------------------------------------
// Ten-megabyte lines and fields.

#[test]
fn a_ten_megabyte_note_of_words_imports_whole() {
    let mut session = with_people(&[("Amina Diallo", "Senegal")]);
    let words = "fair recruitment within reach ".repeat(TEN_MB / 30);
    let text = format!("[10:00] @amina: {words}#recruitment\n");
    let imported = notes::import(&mut session, text.as_bytes(), Path::new("n.txt")).unwrap();
    assert_eq!(imported.notes, 1);
    let note = &session.interventions[0].notes[0];
    assert_eq!(note.text, words.trim_end());
    assert_eq!(note.tags, vec!["recruitment".to_string()]);
}

#[test]
fn a_ten_megabyte_name_or_tag_is_refused_with_its_column() {
    let mut session = with_people(&[("Amina Diallo", "Senegal")]);
    let huge_name = format!("@{}: hi\n", "Amina Diallo ".repeat(TEN_MB / 13));
    let error = notes::import(&mut session, huge_name.as_bytes(), Path::new("n.txt")).unwrap_err();
    assert_eq!((error.line, error.column), (1, Some(1)));
    let huge_tag = format!("@amina: hi #{}\n", "recruitment-".repeat(TEN_MB / 12));
    let error = notes::import(&mut session, huge_tag.as_bytes(), Path::new("n.txt")).unwrap_err();
    assert_eq!((error.line, error.column), (1, Some(12)));
    assert!(session.interventions.is_empty());
}

/// A 10 MB note that is one long word (a pasted hash, base64, a run of one letter):
/// the parser counts tag characters only after a `#` that starts a word; counting
/// them after every character made such a word quadratic (minutes at 100,000 letters).
#[test]
fn a_ten_megabyte_word_parses_in_linear_time() {
    let line = format!("@amina: {}", "a".repeat(TEN_MB));
    match capture::parse(&line).unwrap() {
        CaptureLine::Entry(entry) => assert_eq!(entry.note.unwrap().text.len(), TEN_MB),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_ten_megabyte_line_of_control_characters_and_hashes_parses() {
    // None of these is a tag character, so the parse stays linear (see the test above).
    for filler in ["#", "\x1b", "\0", "@", "[", "\"", "“", "#a "] {
        let line = format!("@amina: {}", filler.repeat(TEN_MB / filler.len() / 4));
        assert!(
            matches!(capture::parse(&line), Ok(CaptureLine::Entry(_))),
            "{filler:?}"
        );
    }
}

#[test]
fn ten_megabyte_csv_fields_import_or_fail_with_a_line() {
    let big = "x".repeat(TEN_MB);
    // Unquoted, quoted with commas and newlines, and as the name.
    let quoted = format!("\"{}\"", "a, \"\"b\"\"\n".repeat(TEN_MB / 10));
    for csv in [
        format!("name,affiliation,group\nAmina,{big},states\nOmar,Casablanca,mayors\n"),
        format!("name,affiliation,group\nAmina,{quoted},states\nOmar,Casablanca,mayors\n"),
        format!("name,affiliation,group\n{big},Chile,states\n"),
    ] {
        let mut session = gfmd();
        let added = roster::import(&mut session, csv.as_bytes(), Path::new("p.csv")).unwrap();
        assert!(added >= 1);
        assert!(
            session
                .participants
                .iter()
                .any(|p| p.name.len() >= TEN_MB || p.affiliation.len() >= TEN_MB / 2)
        );
    }
    // A 10 MB field in an unknown group, and a 10 MB header: errors with a line, nothing added.
    let mut session = gfmd();
    let csv = format!("name,affiliation,group\nAmina,Senegal,{big}\n");
    let problems = roster::import(&mut session, csv.as_bytes(), Path::new("p.csv")).unwrap_err();
    assert_eq!(problems[0].line, 2);
    let csv = format!("name,{big}\nAmina,x\n");
    let problems = roster::import(&mut session, csv.as_bytes(), Path::new("p.csv")).unwrap_err();
    assert_eq!(problems[0].line, 1);
    assert!(session.participants.is_empty());
}

/// Many people with the same name: trying `name-2`, `name-3`… against the whole roster
/// for each new id made n namesakes cost about n³/2 comparisons (minutes at 3,000 rows).
#[test]
fn many_namesakes_import_in_bounded_time() {
    let mut csv = String::from("name,affiliation,group\n");
    for i in 0..5_000 {
        csv.push_str(&format!("A,{i},states\n"));
    }
    let mut session = gfmd();
    assert_eq!(
        roster::import(&mut session, csv.as_bytes(), Path::new("p.csv")).unwrap(),
        5_000
    );
}

// ---------------------------------------------------------------------------
// Terminal escape sequences: kept byte-exactly, written inert.

#[test]
fn escape_sequences_survive_the_session_file_byte_exactly() {
    let session = meeting_with(&ESCAPES);
    let text = storage::to_ron(&session);
    let loaded = storage::from_ron(&text, Path::new("m.ron")).unwrap();
    assert_eq!(loaded, session);
    assert_eq!(texts_of(&loaded), texts_of(&session));
    assert!(
        texts_of(&loaded)
            .iter()
            .any(|t| t.contains("\x1b]0;owned title\x07"))
    );
}

#[test]
fn escape_sequences_survive_the_journal_byte_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut session = with_people(&[("Amina Diallo", "Senegal")]);
    let mut file = SessionFile::create(&path, &session).unwrap();
    let lines: Vec<String> = std::iter::once("[10:00] @amina".to_string())
        .chain(ESCAPES.iter().map(|e| format!("note {e} end")))
        .collect();
    for line in &lines {
        let edits = record(
            &session,
            &Resolver::default(),
            line,
            Clock::hms(10, 0, 0),
            &Recording::strict(),
        )
        .unwrap()
        .edits;
        file.commit_all(&mut session, edits).unwrap();
    }
    drop(file);
    let journal = fs::read_to_string(journal_path(&path)).unwrap();
    assert_eq!(
        journal.lines().count(),
        lines.len(),
        "one journal line per edit"
    );
    let loaded = storage::load(&path).unwrap();
    assert_eq!(loaded, session);
    let texts: Vec<&str> = loaded.interventions[0]
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(texts.len(), ESCAPES.len());
    for (text, escape) in texts.iter().zip(ESCAPES) {
        // Words are joined by single spaces, as the capture line always does.
        let expected = format!("note {escape} end")
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(*text, expected);
    }
}

#[test]
fn exports_write_escape_sequences_as_visible_text_never_raw() {
    let session = meeting_with(&ESCAPES);
    for format in [Format::Markdown, Format::Text, Format::Html, Format::Json] {
        for attribution in [Attribution::Group, Attribution::Chatham, Attribution::Named] {
            let options = Options {
                format,
                attribution,
                min_group: 1,
                ..Options::default()
            };
            let report = export::export(&session, &options).unwrap();
            assert_eq!(raw_controls(&report), vec![], "{format:?} {attribution:?}");
            if format != Format::Json {
                // Shown as `\u{1b}` once rendered: Markdown escapes the backslash and brackets.
                let shown = match format {
                    Format::Markdown => "\\\\u{1b}\\]0;owned title\\\\u{7}",
                    _ => "\\u{1b}]0;owned title\\u{7}",
                };
                assert!(report.contains(shown), "{format:?} {attribution:?}");
            }
        }
    }
}

#[test]
fn the_word_document_holds_escape_sequences_as_visible_text() {
    let session = meeting_with(&ESCAPES);
    for attribution in [Attribution::Group, Attribution::Chatham, Attribution::Named] {
        let options = Options {
            format: Format::Docx,
            attribution,
            min_group: 1,
            ..Options::default()
        };
        let bytes = export::export_bytes(&session, &options).unwrap();
        // Every part parses as XML, which no raw control character would.
        let text = docx_support::all_text(&bytes);
        assert_eq!(raw_controls(&text), vec![], "{attribution:?}");
        assert!(
            text.contains("\\u{1b}]0;owned title\\u{7}"),
            "{attribution:?}"
        );
    }
}

fn tally_output(format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    fs::write(&path, storage::to_ron(&meeting_with(&ESCAPES))).unwrap();
    let out = rapporteur(&["tally", "m.ron", "--format", format], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_tally_json_writes_no_raw_escape_sequences() {
    let text = tally_output("json");
    // JSON escapes the C0 controls (ESC, BEL, NUL…); DEL and C1 controls such as
    // U+009B are valid raw in JSON and stay so.
    let c0: Vec<char> = raw_controls(&text)
        .into_iter()
        .filter(|c| (*c as u32) < 0x20)
        .collect();
    assert_eq!(c0, vec![], "{text}");
    assert!(text.contains("\\u001b]0;owned title\\u0007"), "{text}");
}

/// The tally table shows priority titles and group names from the file: a title
/// holding `ESC ]0;…BEL` would retitle the terminal, `ESC [2J` clear it.
#[test]
fn the_tally_table_writes_no_raw_escape_sequences() {
    let text = tally_output("table");
    assert_eq!(raw_controls(&text), vec![], "{text}");
}

/// `check` names the ids, groups and notes it finds wrong, from a hand-edited or
/// hostile file: an id holding an escape sequence must not reach the terminal raw.
#[test]
fn check_writes_no_raw_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut session = meeting_with(&ESCAPES);
    session.participants[1].id = "\x1b]0;owned\x07".into();
    session.participants[1].group = "\x1b[2J".into();
    fs::write(&path, storage::to_ron(&session)).unwrap();
    let out = rapporteur(&["check", "m.ron"], dir.path());
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{text}");
    assert!(
        text.contains("unknown group") && text.contains("owned"),
        "{text}"
    );
    assert_eq!(raw_controls(&text), vec![], "{text}");
}

/// Import errors quote what was typed (`no participant matches `@NAME``): a notes
/// file must not be able to retitle or clear the terminal through them.
#[test]
fn import_errors_write_no_raw_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("m.ron"),
        storage::to_ron(&with_people(&[("Amina", "")])),
    )
    .unwrap();
    for (name, notes) in [
        ("a.txt", "@\x1b]0;owned\x07: hi\n"),
        ("b.txt", "[10:\x1b]0;owned\x07] @amina: hi\n"),
        ("c.txt", "@amina (\x1b[2J): hi\n"),
    ] {
        fs::write(dir.path().join(name), notes).unwrap();
        let out = rapporteur(&["import", "notes", "m.ron", name], dir.path());
        assert!(!out.status.success());
        let text = String::from_utf8_lossy(&out.stderr);
        assert_eq!(raw_controls(&text), vec![], "{name}: {text}");
    }
}

// ---------------------------------------------------------------------------
// Right-to-left, CJK, emoji and combining characters.

#[test]
fn world_scripts_round_trip_through_the_file_and_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let people: Vec<(&str, &str)> = WORLD.iter().map(|(n, a, _)| (*n, *a)).collect();
    let mut session = with_people(&people);
    let mut file = SessionFile::create(&path, &session).unwrap();
    for (i, (name, _, note)) in WORLD.iter().enumerate() {
        // Each speaker by the name as written, so resolution must match it exactly.
        let line = format!("[10:{i:02}] @{name}: {note} #recruitment");
        let recorded = record(
            &session,
            &Resolver::default(),
            &line,
            Clock::hms(10, 0, 0),
            &Recording::strict(),
        )
        .unwrap_or_else(|e| panic!("{line}: {e}"));
        file.commit_all(&mut session, recorded.edits).unwrap();
    }
    drop(file);
    let loaded = storage::load(&path).unwrap();
    assert_eq!(loaded, session);
    for ((name, _, note), intervention) in WORLD.iter().zip(&loaded.interventions) {
        let who = loaded.participant(&intervention.participant).unwrap();
        assert_eq!(who.name, *name);
        assert_eq!(
            intervention.notes[0].text, *note,
            "byte-exact, not normalised"
        );
    }
    let saved = storage::from_ron(&storage::to_ron(&loaded), &path).unwrap();
    assert_eq!(texts_of(&saved), texts_of(&session));
}

#[test]
fn world_scripts_import_from_a_roster_and_notes() {
    let mut csv = String::from("name,affiliation,group\n");
    let mut lines = String::new();
    for (i, (name, affiliation, note)) in WORLD.iter().enumerate() {
        csv.push_str(&format!("\"{name}\",\"{affiliation}\",states\n"));
        lines.push_str(&format!("[11:{i:02}] @{name} (chat): \"{note}\"\n"));
    }
    let mut session = gfmd();
    assert_eq!(
        roster::import(&mut session, csv.as_bytes(), Path::new("p.csv")).unwrap(),
        WORLD.len()
    );
    let ids: std::collections::HashSet<&str> =
        session.participants.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), WORLD.len(), "ids are distinct");
    assert!(ids.iter().all(|id| !id.is_empty()));
    notes::import(&mut session, lines.as_bytes(), Path::new("n.txt")).unwrap();
    for ((name, affiliation, note), intervention) in WORLD.iter().zip(&session.interventions) {
        let who = session.participant(&intervention.participant).unwrap();
        assert_eq!(
            (who.name.as_str(), who.affiliation.as_str()),
            (*name, *affiliation)
        );
        assert_eq!(intervention.notes[0].text, *note);
        assert_eq!(intervention.notes[0].kind, NoteKind::Quote);
    }
    let named = export::export(
        &session,
        &Options {
            attribution: Attribution::Named,
            ..Options::default()
        },
    )
    .unwrap();
    for (name, _, _) in WORLD {
        assert!(named.contains(name), "{name} missing from the named report");
    }
}

#[test]
fn tags_in_other_scripts_resolve() {
    let mut session = with_people(&[("李伟", "中国")]);
    for title in ["地方政府", "حماية المهاجرين", "הגנה"] {
        session.priorities.push(Priority {
            id: session.fresh_priority_id(title),
            title: title.into(),
            description: None,
        });
    }
    let line = "@李伟: 合作 #地方政府 #حماية #הגנה";
    let recorded = record(
        &session,
        &Resolver::default(),
        line,
        Clock::hms(10, 0, 0),
        &Recording::strict(),
    )
    .unwrap();
    let Edit::InsertNote { note, .. } = &recorded.edits[1] else {
        panic!("{recorded:?}");
    };
    assert_eq!(note.text, "合作");
    assert_eq!(note.tags.len(), 3, "{:?}", note.tags);
}

// ---------------------------------------------------------------------------
// Privacy: file modes, and no note text on standard error.

#[cfg(unix)]
#[test]
fn the_rescue_file_and_exported_reports_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("m.ron");
    rapporteur::ui::terminal::remember_unsaved(&session, &["@amina: a line not yet committed"]);
    let rescue = rapporteur::ui::terminal::write_rescue()
        .unwrap()
        .expect("a rescue file");
    assert_eq!(mode(&rescue), 0o600);
    rapporteur::ui::terminal::remember_unsaved(&session, &[]);
    fs::write(&session, storage::to_ron(&meeting_with(&["x"]))).unwrap();
    let out = rapporteur(&["export", "m.ron", "-o", "report.md"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&dir.path().join("report.md")), 0o600);
}

#[cfg(unix)]
#[test]
fn sessions_built_from_the_command_line_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("p.csv"), "name,group\nAmina Diallo,states\n").unwrap();
    fs::write(d.join("n.txt"), "[10:00] @amina: a note #recruitment\n").unwrap();
    for args in [
        &[
            "new",
            "m.ron",
            "--template",
            "gfmd",
            "--priority",
            "recruitment:Fix recruitment",
        ][..],
        &["import", "roster", "m.ron", "p.csv"],
        &["import", "notes", "m.ron", "n.txt"],
        &["merge", "m.ron", "m.ron", "-o", "both.ron"],
    ] {
        let out = rapporteur(args, d);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for name in ["m.ron", "both.ron"] {
        assert_eq!(mode(&d.join(name)), 0o600, "{name}");
        assert!(!journal_path(&d.join(name)).exists());
        assert!(!lock_path(&d.join(name)).exists());
    }
}

#[test]
fn no_command_writes_note_text_to_standard_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let secret = "the minister said the quota is secret";
    fs::write(d.join("p.csv"), "name,group\nAmina Diallo,states\n").unwrap();
    fs::write(
        d.join("n.txt"),
        format!("[10:00] @amina: {secret} #recruitment\n\"{secret} too\"\n"),
    )
    .unwrap();
    fs::write(
        d.join("bad.txt"),
        format!("[10:05] {secret} #no-such-priority\n"),
    )
    .unwrap();
    let runs: [&[&str]; 9] = [
        &[
            "new",
            "m.ron",
            "--template",
            "gfmd",
            "--priority",
            "recruitment:Fix recruitment",
        ],
        &["import", "roster", "m.ron", "p.csv"],
        &["import", "notes", "m.ron", "n.txt"],
        &["import", "notes", "m.ron", "bad.txt"],
        &["check", "m.ron"],
        &["tally", "m.ron"],
        &["export", "m.ron", "-o", "r.md"],
        &["export", "m.ron", "--format", "html", "-o", "r.html"],
        &["export", "m.ron", "--format", "json"],
    ];
    for args in runs {
        let out = rapporteur(args, d);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("quota"),
            "{args:?} wrote note text to stderr: {stderr}"
        );
    }
    let session = storage::load(&d.join("m.ron")).unwrap();
    assert_eq!(session.note_count(), 2, "the bad import added nothing");
}
