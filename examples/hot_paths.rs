//! Runs one hot path of the screen a fixed number of times on a generated session, so
//! that `scripts/instructions.sh` can count its instructions under callgrind: a
//! measure of our own work that the load of a shared machine and the disk's fsync
//! latency do not move (system calls are not counted).
//!
//! `cargo run --release --example hot_paths -- SCENARIO NOTES ROUNDS`
//!
//! Only the calls inside [`measured`] are counted by the script.

use std::process::ExitCode;
use std::time::Duration;

use rapporteur::action::Action;
use rapporteur::clock::Clock;
use rapporteur::export::{Format, Language, Options, export, export_owned};
use rapporteur::keymap::{Key, KeyName, Keymap};
use rapporteur::sample;
use rapporteur::storage::{self, SessionFile};
use rapporteur::tally::Tally;
use rapporteur::ui::input::event_of;
use rapporteur::ui::{self, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The scenarios, each one round of what a rapporteur does.
const SCENARIOS: &[&str] = &[
    "keystroke_80x24",
    "keystroke_200x50",
    "completion_speaker",
    "completion_tag",
    "commit_journal",
    "tally_apply",
    "search_key",
    "open",
    "export_markdown",
    "export_text",
    "export_html",
    "export_json",
    "export_markdown_fr",
    "export_html_fr",
    "export_markdown_en",
    "export_html_en",
];

fn key(name: &str) -> crossterm::event::KeyEvent {
    event_of(name.parse::<Key>().expect("a key string"))
}

fn typed(c: char) -> crossterm::event::KeyEvent {
    event_of(Key::plain(KeyName::Char(c)))
}

fn app(notes: usize, line: &str) -> App {
    let mut app = App::new(sample::standard(notes), Keymap::default());
    app.set_now(Clock::hms(23, 0, 0));
    for c in line.chars() {
        app.handle_key(typed(c));
    }
    app
}

/// The work whose instructions are counted: `rounds` calls of `round`.
#[inline(never)]
fn measured(rounds: usize, round: &mut dyn FnMut(usize)) {
    for i in 0..rounds {
        round(i);
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [scenario, notes, rounds] = args.as_slice() else {
        eprintln!("usage: hot_paths SCENARIO NOTES ROUNDS; scenarios: {SCENARIOS:?}");
        return ExitCode::from(2);
    };
    let (Ok(notes), Ok(rounds)) = (notes.parse::<usize>(), rounds.parse::<usize>()) else {
        eprintln!("NOTES and ROUNDS are numbers");
        return ExitCode::from(2);
    };
    let back = key("backspace");
    match scenario.as_str() {
        "keystroke_80x24" | "keystroke_200x50" => {
            let (w, h) = if scenario.ends_with("80x24") {
                (80, 24)
            } else {
                (200, 50)
            };
            // The same state as the screen bench: mid-tag, so every key ranks the popup.
            let mut app = app(notes, "a point on #re");
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|frame| ui::render(&mut app, frame)).unwrap();
            let letter = typed('c');
            measured(rounds, &mut |i| {
                app.handle_key(if i % 2 == 0 { letter } else { back });
                terminal.draw(|frame| ui::render(&mut app, frame)).unwrap();
            });
        }
        "completion_speaker" | "completion_tag" => {
            let (line, c) = if scenario.ends_with("speaker") {
                ("@partic", 'i')
            } else {
                ("a point #priori", 't')
            };
            let mut app = app(notes, line);
            let letter = typed(c);
            measured(rounds, &mut |i| {
                app.handle_key(if i % 2 == 0 { letter } else { back });
            });
        }
        "commit_journal" => {
            // A typed line committed durably: recorded, applied, journaled, folded into
            // the tally and timeline, one frame drawn. The fsync is a system call: not counted.
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("meeting.ron");
            let session = sample::standard(notes);
            let lines = sample::typed_lines(&session, rounds, sample::SEED);
            storage::write_atomically(&path, storage::to_ron(&session).as_bytes()).unwrap();
            drop(session);
            let (store, session, _) = SessionFile::open(&path).unwrap();
            let mut app = App::with_file(store, session, Keymap::default());
            app.set_now(Clock::hms(23, 0, 0));
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            let enter = key("enter");
            let lines: Vec<Vec<_>> = lines
                .iter()
                .map(|l| l.chars().map(typed).collect())
                .collect();
            // Each line typed outside the count; only Enter and its frame are counted.
            for line in &lines {
                for event in line {
                    app.handle_key(*event);
                }
                measured(1, &mut |_| {
                    app.handle_key(enter);
                    terminal.draw(|frame| ui::render(&mut app, frame)).unwrap();
                });
            }
        }
        "tally_apply" => {
            let mut session = sample::standard(notes);
            let mut tally = Tally::compute(&session);
            let lines = sample::typed_lines(&session, rounds, sample::SEED);
            let resolver = rapporteur::resolve::Resolver::default();
            let mut edits = Vec::new();
            for line in &lines {
                let recorded = rapporteur::recorder::record(
                    &session,
                    &resolver,
                    line,
                    Clock::hms(23, 0, 0),
                    &rapporteur::recorder::Recording::strict(),
                )
                .unwrap();
                session.apply_all(recorded.edits.clone()).unwrap();
                edits.push(recorded.edits);
            }
            // Replayed on a session that already holds them: only the tally's work is counted.
            measured(rounds, &mut |i| {
                for edit in &edits[i] {
                    tally.apply(&session, edit);
                }
            });
        }
        "search_key" => {
            let mut app = app(notes, "");
            app.update(Action::Search);
            for c in "recrui".chars() {
                app.handle_key(typed(c));
            }
            while app.has_work() {
                app.work(Duration::from_secs(1));
            }
            let letter = typed('t');
            measured(rounds, &mut |i| {
                app.handle_key(if i % 2 == 0 { letter } else { back });
            });
        }
        "open" => {
            // The session file locked, read, parsed and replayed; the screen's state built;
            // the first 200x50 frame drawn.
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("meeting.ron");
            let text = storage::to_ron(&sample::standard(notes));
            storage::write_atomically(&path, text.as_bytes()).unwrap();
            drop(text);
            measured(rounds, &mut |_| {
                let (store, session, _) = SessionFile::open(&path).unwrap();
                let mut app = App::with_file(store, session, Keymap::default());
                let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
                terminal.draw(|frame| ui::render(&mut app, frame)).unwrap();
            });
        }
        format if format.starts_with("export_") => {
            let (name, language) = match format.rsplit_once('_') {
                Some((name, "fr")) => (name, Some(Language::French)),
                Some((name, "en")) => (name, Some(Language::English)),
                _ => (format, None),
            };
            let format = match &name["export_".len()..] {
                "markdown" => Format::Markdown,
                "text" => Format::Text,
                "html" => Format::Html,
                _ => Format::Json,
            };
            let Some(language) = language else {
                let session = sample::standard(notes);
                let options = Options {
                    format,
                    ..Options::default()
                };
                measured(rounds, &mut |_| {
                    std::hint::black_box(export(&session, &options).unwrap().len());
                });
                return ExitCode::SUCCESS;
            };
            // `_en` and `_fr`: the same session, with French words, exported as the command
            // line does (the session its own), copies made before the count.
            let session = sample::with_french(sample::standard(notes));
            let options = Options {
                format,
                language,
                ..Options::default()
            };
            let mut copies: Vec<_> = (0..rounds).map(|_| session.clone()).collect();
            measured(rounds, &mut |_| {
                let copy = copies.pop().expect("a copy per round");
                std::hint::black_box(export_owned(copy, &options).unwrap().len());
            });
        }
        other => {
            eprintln!("unknown scenario {other}; scenarios: {SCENARIOS:?}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
