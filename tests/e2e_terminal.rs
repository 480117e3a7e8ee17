//! The real binary in a real terminal: a pseudo-terminal read through a vt100 parser.
//!
//! Types notes, kills the process with SIGKILL, and finds every committed note on
//! reopening; makes it panic and finds the terminal restored and the line rescued;
//! asks for a Word document on the terminal and is refused.

#![cfg(unix)]

mod e2e_support;

use e2e_support::{Pty, example, termios};

#[test]
fn notes_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    let before = rapporteur::storage::load(&path).unwrap().note_count();

    let mut pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    pty.wait_for("Note for");
    let notes = [
        (
            "@Amine Haddad: youth networks can reach the unregistered #data",
            "youth networks can reach",
        ),
        ("cities need the data first", "cities need the data first"),
        (
            "@Ndèye Diop (chat): \"Dakar is ready\" #local-partners",
            "Dakar is ready",
        ),
        ("!nobody left behind", "nobody left behind"),
    ];
    for (line, shown) in notes {
        pty.commit(line, shown);
    }
    pty.send("typed but never committed");
    pty.wait_for("typed but never committed");
    let status = pty.kill();
    assert!(!status.success());

    let session = rapporteur::storage::load(&path).unwrap();
    assert_eq!(session.note_count(), before + notes.len());
    let texts: Vec<&str> = session
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .map(|n| n.text.as_str())
        .collect();
    for expected in [
        "youth networks can reach the unregistered",
        "cities need the data first",
        "Dakar is ready",
        "nobody left behind",
    ] {
        assert!(texts.contains(&expected), "{expected:?} was lost");
    }

    // The real binary opens it again (the dead process's lock does not stand in the way).
    let mut pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    pty.wait_for("nobody left behind");
    pty.send("\x03");
    let (status, screen, _) = pty.finish();
    assert!(status.success(), "{}", screen.screen().contents());
    assert_eq!(
        rapporteur::storage::read_file(&path).unwrap().note_count(),
        before + notes.len()
    );
}

#[test]
fn a_panic_restores_the_terminal_and_rescues_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    let mut pty = Pty::spawn(
        dir.path(),
        &[path.to_str().unwrap()],
        &[("RAPPORTEUR_PANIC_KEY", "f12")],
    );
    pty.wait_for("Note for");
    assert!(
        pty.with_screen(|screen| screen.alternate_screen() && screen.bracketed_paste()),
        "the screen was set up"
    );
    pty.commit(
        "@Amine Haddad: committed before the panic",
        "committed before the panic",
    );
    pty.send("half a thought");
    pty.wait_for("half a thought");
    pty.send("\x1b[24~"); // F12
    let (status, parser, master) = pty.finish();
    assert_eq!(status.code(), Some(101), "the process panicked");

    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "back on the main screen");
    assert!(!screen.hide_cursor(), "cursor shown");
    assert!(!screen.bracketed_paste(), "bracketed paste off");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(
        screen.contents().contains("RAPPORTEUR_PANIC_KEY pressed"),
        "{}",
        screen.contents()
    );
    // Raw mode is off again: the line discipline echoes and edits lines.
    let termios = termios(&master.unwrap());
    assert_ne!(termios.c_lflag & libc::ICANON, 0, "canonical mode restored");
    assert_ne!(termios.c_lflag & libc::ECHO, 0, "echo restored");

    let rescue = std::fs::read_to_string(dir.path().join("meeting.ron.rescue.txt")).unwrap();
    assert!(rescue.lines().any(|l| l == "half a thought"), "{rescue}");
    let session = rapporteur::storage::load(&path).unwrap();
    assert!(
        session
            .interventions
            .iter()
            .flat_map(|i| &i.notes)
            .any(|n| n.text == "committed before the panic")
    );
}

/// Commits a note and leaves a line half typed, as a signal would find the screen.
fn meeting_under_way(dir: &std::path::Path) -> (Pty, std::path::PathBuf) {
    let path = example(dir);
    let mut pty = Pty::spawn(dir, &[path.to_str().unwrap()], &[]);
    pty.wait_for("Note for");
    pty.commit(
        "@Amine Haddad: committed before the signal",
        "committed before the signal",
    );
    pty.send("half a thought");
    pty.wait_for("half a thought");
    (pty, path)
}

/// The session file itself (not its journal) holds the note: the screen closed cleanly.
fn closed_cleanly(path: &std::path::Path) {
    let file = rapporteur::storage::read_file(path).unwrap();
    assert!(
        file.interventions
            .iter()
            .flat_map(|i| &i.notes)
            .any(|n| n.text == "committed before the signal")
    );
    assert!(!rapporteur::storage::journal_path(path).exists());
    assert!(!rapporteur::storage::lock_path(path).exists());
    let rescue = std::fs::read_to_string(path.with_file_name("meeting.ron.rescue.txt")).unwrap();
    assert!(rescue.lines().any(|l| l == "half a thought"), "{rescue}");
}

#[test]
fn sigterm_and_sigint_restore_the_terminal_rescue_the_line_and_close() {
    for (signal, name) in [(libc::SIGTERM, "SIGTERM"), (libc::SIGINT, "SIGINT")] {
        let dir = tempfile::tempdir().unwrap();
        let (pty, path) = meeting_under_way(dir.path());
        pty.signal(signal);
        let (status, parser, master) = pty.finish();
        assert_eq!(status.code(), Some(128 + signal), "{name}");
        let screen = parser.screen();
        assert!(
            !screen.alternate_screen(),
            "{name}: back on the main screen"
        );
        assert!(!screen.hide_cursor(), "{name}: cursor shown");
        assert!(!screen.bracketed_paste(), "{name}: bracketed paste off");
        let termios = termios(&master.unwrap());
        assert_ne!(termios.c_lflag & libc::ICANON, 0, "{name}: canonical mode");
        assert_ne!(termios.c_lflag & libc::ECHO, 0, "{name}: echo");
        let said = screen.contents();
        assert!(
            said.contains(&format!("rapporteur: stopped by {name}")),
            "{said}"
        );
        assert!(said.contains("your unfinished line is kept in"), "{said}");
        closed_cleanly(&path);
    }
}

#[test]
fn a_closed_terminal_rescues_the_line_and_closes_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let (mut pty, path) = meeting_under_way(dir.path());
    // Closing the terminal's window: the kernel hangs up the session and sends SIGHUP.
    pty.hang_up();
    let (status, _, _) = pty.finish();
    assert_eq!(status.code(), Some(128 + libc::SIGHUP), "{status:?}");
    closed_cleanly(&path);

    // Opened again, the line comes back in the capture line.
    let mut pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    pty.wait_for("1 unfinished line from last time is back");
    pty.wait_for("│half a thought");
    pty.send("\x11");
    assert!(pty.finish().0.success());
}

/// Every file in `folder` and the folders below it.
fn files_under(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A session that contradicts itself would show contradictory figures: the screen
/// refuses it before drawing anything, and leaves the file as it was.
#[test]
fn the_screen_refuses_a_session_check_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    let broken = std::fs::read_to_string(&path).unwrap().replacen(
        "participant: \"youssef-el-amrani\"",
        "participant: \"ghost\"",
        1,
    );
    std::fs::write(&path, &broken).unwrap();
    let pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    let (status, parser, _) = pty.finish();
    let said = parser.screen().contents();
    assert_eq!(status.code(), Some(1), "{said}");
    assert!(said.contains("unknown participant \"ghost\""), "{said}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn a_new_session_in_which_nothing_is_recorded_leaves_nothing_behind() {
    // Quitting, and being stopped by a signal, the same way.
    for stop in ["quit", "SIGTERM"] {
        let home = tempfile::tempdir().unwrap();
        let mut pty = Pty::spawn(home.path(), &[], &[]);
        pty.wait_for("new session");
        if stop == "quit" {
            pty.send("\x11");
        } else {
            pty.signal(libc::SIGTERM);
        }
        let (status, parser, _) = pty.finish();
        let said = parser.screen().contents();
        assert!(
            status.code() == Some(0) || stop == "SIGTERM",
            "{stop}: {said}"
        );
        assert!(
            said.contains("nothing was recorded, so no session was kept"),
            "{stop}: {said}"
        );
        let left = files_under(&home.path().join("data"));
        assert!(left.is_empty(), "{stop}: {left:?}");
    }
}

/// With no FILE, the screen creates its session in the user's data folder: once
/// something is recorded it stays, named on standard output; the folders rapporteur
/// creates are 0700 (other local users must not list the sessions, named by the date
/// and time of each meeting), the file 0600.
#[test]
fn a_new_session_in_which_a_note_is_recorded_stays_and_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(home.path(), &[], &[]);
    pty.wait_for("new session");
    pty.commit("@Amina Diallo: the first point", "the first point");
    pty.send("\x11");
    let (status, parser, _) = pty.finish();
    let said = parser.screen().contents();
    assert!(status.success(), "{said}");
    let folder = home.path().join("data/rapporteur");
    let sessions = folder.join("sessions");
    let left = files_under(&sessions);
    assert_eq!(left.len(), 1, "{left:?}");
    let session = &left[0];
    assert_eq!(session.extension().unwrap(), "ron");
    assert!(said.contains(session.to_str().unwrap()), "{said}");
    let texts = e2e_support::note_texts(session);
    assert!(texts.iter().any(|t| t == "the first point"), "{texts:?}");
    assert_eq!(mode(session), 0o600);
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&sessions), 0o700);
}

#[test]
fn the_review_in_a_real_terminal_moves_a_priority_and_undoes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    let order = |path: &std::path::Path| rapporteur::storage::load(path).unwrap().review.order;
    let before = order(&path);
    assert_eq!(&before[..2], ["local-partners", "business-partners"]);

    let mut pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    pty.wait_for("Note for");
    // F6 opens the review; the second priority moves up, one change in the journal.
    pty.send("\x1b[17~");
    pty.wait_for("Introduction");
    pty.send("\x1b[B");
    pty.send("M");
    pty.wait_until("the move is saved", |_| {
        order(&path)[..2] == ["business-partners", "local-partners"]
    });
    // Undone, the rapporteur's order is back as it was.
    pty.send("\x1a");
    pty.wait_until("the undo is saved", |_| order(&path) == before);
    pty.send("\x1b[17~");
    pty.wait_for("Note for");
    pty.send("\x03");
    let (status, screen, _) = pty.finish();
    assert!(status.success(), "{}", screen.screen().contents());
    assert_eq!(order(&path), before);
}

#[test]
fn a_word_document_is_never_written_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    let args = [
        "export",
        path.to_str().unwrap(),
        "--format",
        "docx",
        "-o",
        "-",
    ];
    let pty = Pty::spawn(dir.path(), &args, &[]);
    let (status, parser, _) = pty.finish();
    let shown = parser.screen().contents();
    assert_eq!(status.code(), Some(1), "{shown}");
    assert!(shown.contains("standard output is a terminal"), "{shown}");
    assert!(
        !shown.contains("PK"),
        "the package reached the terminal: {shown}"
    );
}
