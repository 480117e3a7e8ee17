//! The file under the screen's feet: changed, deleted or moved by another program, a
//! folder made read-only, a second rapporteur on the same file, a lock left by a crash.
//!
//! The screen's own tests drive an [`App`] on a real session file; the end-to-end
//! tests drive the binary in a pseudo-terminal and read what it shows.

#![cfg(unix)]

mod cli_support;
mod e2e_support;
mod ui_support;

use std::fs;
use std::path::{Path, PathBuf};

use e2e_support::{Options, Pty, example};
use rapporteur::clock::Clock;
use rapporteur::keymap::Keymap;
use rapporteur::storage::{self, DiskChange, Faults, SessionFile, faults};
use rapporteur::ui::{App, Overlay};
use ui_support::{draw, line, press, type_text};

/// The screen's clock in these tests: copies are named `meeting.mine-120000.ron`.
const NOW: Clock = Clock(12 * 3600);

/// A screen on a fresh copy of the example session in `dir`, with `faults` injected.
fn open(dir: &Path, faults: Option<&Faults>) -> (App, PathBuf) {
    let path = dir.join("meeting.ron");
    let session = ui_support::example_session();
    let mut store = SessionFile::create(&path, &session).unwrap();
    if let Some(faults) = faults {
        store.inject_faults(faults.clone());
    }
    let mut app = App::with_file(store, session, Keymap::default());
    app.set_now(NOW);
    (app, path)
}

/// Another program's edit: the file stays a valid session, with one more line.
fn edit_elsewhere(path: &Path) -> Vec<u8> {
    let mut text = fs::read(path).unwrap();
    text.extend_from_slice(b"// edited by another program\n");
    fs::write(path, &text).unwrap();
    text
}

fn status_row(app: &mut App) -> String {
    let backend = draw(app, 80, 24);
    let buffer = backend.buffer();
    (0..80)
        .map(|x| buffer[(x, 23)].symbol().to_string())
        .collect()
}

fn texts(path: &Path) -> Vec<String> {
    e2e_support::note_texts(path)
}

#[test]
fn a_changed_file_is_shown_and_kept_both_ways_never_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = open(dir.path(), None);
    line(
        &mut app,
        "@Amine Haddad: typed before the other program wrote",
    );
    let theirs = edit_elsewhere(&path);
    app.check_disk();
    assert_eq!(app.disk_change(), Some(DiskChange::Modified));
    let status = status_row(&mut app);
    assert!(status.contains("⚠ CHANGED ON DISK"), "{status}");
    assert!(
        status.contains("ctrl-s keeps both or overwrites"),
        "{status}"
    );

    // Commits still land, in the journal.
    line(&mut app, "typed after the other program wrote");
    assert_eq!(fs::read(&path).unwrap(), theirs);

    // A save asks; Esc leaves everything as it is.
    press(&mut app, &["ctrl-s"]);
    assert!(matches!(app.overlay, Overlay::DiskChoice(_)));
    insta::assert_snapshot!("disk_choice_80x24", draw(&mut app, 80, 24));
    press(&mut app, &["esc"]);
    assert!(matches!(app.overlay, Overlay::None));
    assert_eq!(fs::read(&path).unwrap(), theirs);

    // Enter and other keys choose nothing.
    press(&mut app, &["ctrl-s", "enter"]);
    type_text(&mut app, "x");
    assert!(matches!(app.overlay, Overlay::DiskChoice(_)));
    assert_eq!(fs::read(&path).unwrap(), theirs);

    // A file already named like the copy is never overwritten: the next name is used.
    let taken = dir.path().join("meeting.mine-120000.ron");
    fs::write(&taken, "not a session").unwrap();
    type_text(&mut app, "c");
    assert!(matches!(app.overlay, Overlay::None));
    let copy = dir.path().join("meeting.mine-120000-2.ron");
    assert_eq!(app.file_path(), Some(copy.as_path()));
    assert_eq!(fs::read(&taken).unwrap(), b"not a session");
    assert_eq!(fs::read(&path).unwrap(), theirs, "theirs is left as it was");
    assert!(
        !storage::journal_path(&path).exists(),
        "no journal of ours replays onto theirs"
    );
    assert!(!texts(&path).iter().any(|t| t.contains("typed")));
    let mine = texts(&copy);
    assert!(
        mine.iter()
            .any(|t| t == "typed before the other program wrote")
    );
    assert!(
        mine.iter()
            .any(|t| t == "typed after the other program wrote")
    );
    assert_eq!(app.disk_change(), None);
    assert!(status_row(&mut app).contains("✓ saved"));

    // The meeting goes on in the copy.
    line(&mut app, "typed in the copy");
    assert!(texts(&copy).iter().any(|t| t == "typed in the copy"));
    app.close().unwrap();
    assert_eq!(fs::read(&path).unwrap(), theirs);
}

#[test]
fn overwriting_takes_its_own_key() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = open(dir.path(), None);
    line(&mut app, "@Amine Haddad: ours");
    edit_elsewhere(&path);
    press(&mut app, &["ctrl-s"]);
    type_text(&mut app, "O");
    assert!(matches!(app.overlay, Overlay::None));
    let message = app.message().unwrap().text.clone();
    assert!(
        message.contains("wrote your version over meeting.ron"),
        "{message}"
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("edited by another program"));
    assert!(texts(&path).iter().any(|t| t == "ours"));
    assert_eq!(app.disk_change(), None);
}

#[test]
fn quitting_over_a_changed_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = open(dir.path(), None);
    line(&mut app, "@Amine Haddad: ours");
    let theirs = edit_elsewhere(&path);
    press(&mut app, &["ctrl-q"]);
    assert!(!app.should_quit());
    insta::assert_snapshot!("disk_choice_quitting_80x24", draw(&mut app, 80, 24));
    press(&mut app, &["esc"]);
    assert!(!app.should_quit());
    assert!(app.message().unwrap().text.contains("not quitting"));
    press(&mut app, &["ctrl-q"]);
    type_text(&mut app, "c");
    assert!(app.should_quit());
    let kept = app.close().unwrap().unwrap();
    assert_eq!(kept, dir.path().join("meeting.mine-120000.ron"));
    assert_eq!(fs::read(&path).unwrap(), theirs);
    assert!(texts(&kept).iter().any(|t| t == "ours"));
}

#[test]
fn closing_without_anyone_to_ask_keeps_both() {
    // A signal or a closed terminal closes the screen with nobody to ask.
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = open(dir.path(), None);
    line(&mut app, "@Amine Haddad: ours");
    let theirs = edit_elsewhere(&path);
    let kept = app.close().unwrap().unwrap();
    assert_ne!(kept, path);
    assert_eq!(fs::read(&path).unwrap(), theirs);
    assert!(texts(&kept).iter().any(|t| t == "ours"));
}

#[test]
fn a_deleted_or_moved_file_is_said_and_written_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = open(dir.path(), None);
    line(&mut app, "@Amine Haddad: before it went");
    fs::rename(&path, dir.path().join("elsewhere.ron")).unwrap();
    app.check_disk();
    assert_eq!(app.disk_change(), Some(DiskChange::Missing));
    let status = status_row(&mut app);
    assert!(status.contains("⚠ FILE MISSING"), "{status}");
    assert!(status.contains("ctrl-s writes it back"), "{status}");
    line(&mut app, "while it was gone");
    press(&mut app, &["ctrl-s"]);
    assert_eq!(
        app.message().unwrap().text,
        "meeting.ron was missing: written back"
    );
    assert_eq!(app.disk_change(), None);
    let notes = texts(&path);
    assert!(notes.iter().any(|t| t == "before it went"));
    assert!(notes.iter().any(|t| t == "while it was gone"));

    // Deleted outright, and the user quits: closing writes it back too.
    line(&mut app, "after the save");
    fs::remove_file(&path).unwrap();
    app.close().unwrap();
    assert!(texts(&path).iter().any(|t| t == "after the save"));
}

#[test]
fn a_failing_save_says_so_plainly_and_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let plan = Faults::plan();
    let (mut app, path) = open(dir.path(), Some(&plan));
    line(&mut app, "@Amine Haddad: kept through the failure");
    plan.arm(
        faults::Step::TempWrite,
        0,
        faults::Fault::NoSpace,
        usize::MAX,
    );
    press(&mut app, &["ctrl-s"]);
    let message = app.message().unwrap();
    assert!(message.error);
    assert!(
        message
            .text
            .starts_with("NOT SAVED to meeting.ron: the disk is full;")
            && message
                .text
                .contains("every note is safe in meeting.ron.journal"),
        "{}",
        message.text
    );
    assert!(
        app.session()
            .interventions
            .iter()
            .flat_map(|i| &i.notes)
            .any(|n| n.text == "kept through the failure")
    );
    assert!(texts(&path).iter().any(|t| t == "kept through the failure"));
    plan.heal();
    press(&mut app, &["ctrl-s"]);
    assert_eq!(app.message().unwrap().text, "saved meeting.ron");
}

// ---- the binary ----------------------------------------------------------------------------

fn status_line(frame: &str) -> &str {
    frame.lines().last().unwrap_or("")
}

#[test]
fn the_screen_notices_another_program_within_seconds_and_keeps_both() {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    let mut pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    pty.wait_for("Note for");
    pty.commit("@Amine Haddad: ours, typed live", "ours, typed live");
    let theirs = edit_elsewhere(&path);
    pty.wait_until("the change in the status bar", |f| {
        status_line(f).contains("⚠ CHANGED ON DISK")
    });
    pty.send("\x13");
    pty.wait_for("meeting.ron changed on disk");
    pty.send("c");
    pty.wait_until("the copy said", |f| {
        status_line(f).contains("your version is now meeting.mine-")
    });
    pty.send("\x11");
    let (status, screen, _) = pty.finish();
    assert!(status.success(), "{}", screen.screen().contents());
    assert!(
        screen
            .screen()
            .contents()
            .contains("this session is now in"),
        "{}",
        screen.screen().contents()
    );
    assert_eq!(fs::read(&path).unwrap(), theirs);
    let copies: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.to_string_lossy().contains(".mine-") && p.extension().is_some_and(|e| e == "ron")
        })
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(texts(&copies[0]).iter().any(|t| t == "ours, typed live"));
}

#[test]
fn a_second_rapporteur_on_the_same_file_is_refused_naming_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    let mut first = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    first.wait_for("Note for");
    first.commit(
        "@Amine Haddad: the first one writes",
        "the first one writes",
    );
    let before = fs::read(&path).unwrap();

    // The second one in a terminal of its own, wide enough for the message on one line.
    let wide = Options {
        size: (10, 250),
        ..Options::default()
    };
    let second = Pty::spawn_with(dir.path(), &[path.to_str().unwrap()], &wide);
    let (status, screen, _) = second.finish();
    assert!(!status.success());
    let said = screen.screen().contents();
    let stderr = format!("{}\n", said.trim_end());
    // The lock names its holder as "pid N on HOST".
    let holder = fs::read_to_string(storage::lock_path(&path)).unwrap();
    assert!(
        holder.starts_with(&format!("pid {} on ", first.pid())),
        "{holder}"
    );
    let expected = format!(
        "rapporteur: {} is open in another rapporteur ({holder}); close it there first\n",
        path.display(),
    );
    assert_eq!(stderr, expected);
    assert_eq!(fs::read(&path).unwrap(), before, "the file is untouched");

    // The first one goes on, and quits cleanly.
    first.commit("still writing", "still writing");
    first.send("\x11");
    let (status, _, _) = first.finish();
    assert!(status.success());
    let notes = texts(&path);
    assert!(notes.iter().any(|t| t == "still writing"));
}

#[test]
fn a_lock_left_by_a_crash_is_taken_over_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    let mut pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    pty.wait_for("Note for");
    pty.commit("@Amine Haddad: before the crash", "before the crash");
    let dead = pty.pid();
    assert!(!pty.kill().success());
    let lock = storage::lock_path(&path);
    let holder = fs::read_to_string(&lock).unwrap();
    assert!(holder.starts_with(&format!("pid {dead} on ")), "{holder}");

    let mut pty = Pty::spawn(dir.path(), &[path.to_str().unwrap()], &[]);
    // The floor left running since the example was written ended on opening: one change more.
    let said = format!("took over from {holder}, which had stopped; recovered 3 changes");
    pty.wait_until(&said, |f| status_line(f).contains(&said));
    pty.wait_for("before the crash");
    pty.send("\x11");
    assert!(pty.finish().0.success());
    assert!(!lock.exists());
}

#[test]
fn a_read_only_folder_keeps_commits_in_the_journal_and_says_why_saves_fail() {
    let dir = tempfile::tempdir().unwrap();
    let path = example(dir.path());
    // Permissions do not stop root: run the binary as an unprivileged user then.
    let uid = if unsafe { libc::geteuid() } == 0 {
        let nobody = 65534;
        chown_tree(dir.path(), nobody);
        Some(nobody)
    } else {
        None
    };
    let options = Options {
        uid,
        ..Options::default()
    };
    let mut pty = Pty::spawn_with(dir.path(), &[path.to_str().unwrap()], &options);
    pty.wait_for("Note for");
    pty.commit("@Amine Haddad: before read-only", "before read-only");
    set_mode(dir.path(), 0o555);
    pty.commit("after read-only", "after read-only");
    pty.wait_until("the commit on disk", |f| {
        status_line(f).contains("✓ on disk")
    });
    pty.send("\x13");
    // The bar shows the start of the message; App tests read the rest of it.
    let said = "NOT SAVED to meeting.ron: permission denied (is the folder read-only?)";
    pty.wait_until(said, |f| status_line(f).contains(said));
    pty.commit("after the failed save", "after the failed save");
    pty.send("\x11");
    let (status, screen, _) = pty.finish();
    let shown = screen.screen().contents();
    assert!(!status.success());
    assert!(
        shown.contains(
            "rapporteur: could not save meeting.ron: permission denied (is the folder read-only?); \
             every note is in meeting.ron.journal and comes back when you open meeting.ron again"
        ),
        "{shown}"
    );
    set_mode(dir.path(), 0o755);
    let notes = texts(&path);
    for text in [
        "before read-only",
        "after read-only",
        "after the failed save",
    ] {
        assert!(notes.iter().any(|t| t == text), "{text} is lost");
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn chown_tree(path: &Path, uid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(uid)).unwrap();
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            chown_tree(&entry.unwrap().path(), uid);
        }
    }
}
