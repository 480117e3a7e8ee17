//! Peak memory at 100 to 100,000 notes: the resident set at its highest (Linux
//! `ru_maxrss`) of the real binary printing the tally and exporting the report, and of
//! a screen that opens the session, draws 200x50 frames and has 20 lines typed into
//! it, each committed durably.
//!
//! `cargo bench --bench memory`

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use rapporteur::clock::Clock;
use rapporteur::keymap::{Key, KeyName, Keymap};
use rapporteur::sample;
use rapporteur::storage::{self, SessionFile};
use rapporteur::ui::input::event_of;
use rapporteur::ui::{self, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Argument that makes this program the measured screen instead of the measurer.
const SCREEN: &str = "--measured-screen";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == SCREEN) {
        screen(Path::new(&args[at + 1]));
        return;
    }
    // Arguments from `cargo bench` (--bench, filters) are not for this program.
    let binary = env!("CARGO_BIN_EXE_rapporteur");
    let itself = std::env::current_exe().expect("the path of this program");
    println!("peak memory (MiB, max resident set)");
    println!(
        "{:>8} {:>10} {:>8} {:>8} {:>8}",
        "notes", "file", "tally", "export", "screen"
    );
    for notes in sample::SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meeting.ron");
        let text = storage::to_ron(&sample::standard(notes));
        storage::write_atomically(&path, text.as_bytes()).unwrap();
        let file = path.to_str().unwrap();
        let tally = peak(Command::new(binary).args(["tally", file]));
        let export = peak(Command::new(binary).args(["export", file, "--format", "html"]));
        let screen = peak(Command::new(&itself).args([SCREEN, file]));
        println!(
            "{notes:>8} {:>10.1} {tally:>8.1} {export:>8.1} {screen:>8.1}",
            text.len() as f64 / 1024.0 / 1024.0
        );
    }
}

/// Runs `command` to its end with its output thrown away; its peak resident set in MiB.
// The child is reaped by wait4, which also gives its peak memory.
#[allow(clippy::zombie_processes)]
fn peak(command: &mut Command) -> f64 {
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the program starts");
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed"
    );
    // Linux gives ru_maxrss in KiB.
    usage.ru_maxrss as f64 / 1024.0
}

/// The measured screen: open the session, draw, type lines and commit them.
fn screen(path: &Path) {
    let (store, session, _) = SessionFile::open(path).expect("the session opens");
    let lines = sample::typed_lines(&session, 20, sample::SEED);
    let mut app = App::with_file(store, session, Keymap::default());
    app.set_now(Clock::hms(23, 0, 0));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let enter = event_of("enter".parse::<Key>().unwrap());
    for line in &lines {
        for ch in line.chars() {
            app.handle_key(event_of(Key::plain(KeyName::Char(ch))));
            terminal.draw(|frame| ui::render(&mut app, frame)).unwrap();
        }
        app.handle_key(enter);
        terminal.draw(|frame| ui::render(&mut app, frame)).unwrap();
    }
    // A search to its end holds its scores too.
    app.update(rapporteur::action::Action::Search);
    for ch in "recrui".chars() {
        app.handle_key(event_of(Key::plain(KeyName::Char(ch))));
    }
    while app.has_work() {
        app.work(Duration::from_secs(1));
    }
    terminal.draw(|frame| ui::render(&mut app, frame)).unwrap();
}
