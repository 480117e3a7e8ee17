//! The screen's hot path: one keystroke handled and one frame drawn, at 80x24 and
//! 200x50, on sessions of 100 to 100,000 notes with 2,000 people on the roster and
//! 200 priorities. The cost must stay flat.
//!
//! `cargo bench --bench screen`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::clock::Clock;
use rapporteur::keymap::{Key, KeyName, Keymap};
use rapporteur::sample;
use rapporteur::ui::input::event_of;
use rapporteur::ui::{self, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NOTES: [usize; 4] = sample::SIZES;
const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

fn app(notes: usize) -> App {
    let session = sample::standard(notes);
    let mut app = App::new(session, Keymap::default());
    app.set_now(Clock::hms(23, 0, 0));
    app
}

fn key(name: &str) -> crossterm::event::KeyEvent {
    event_of(name.parse::<Key>().expect("a key string"))
}

/// Typing in the capture line: each iteration handles one key (a letter, then Backspace,
/// so the line stays the same) and draws one frame.
fn keystroke_and_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_and_frame");
    group
        .sample_size(100)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    for notes in NOTES {
        let mut app = app(notes);
        // Mid-tag, so every key also ranks the completion popup.
        for ch in "a point on #re".chars() {
            app.handle_key(event_of(Key::plain(KeyName::Char(ch))));
        }
        for (w, h) in SIZES {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            let (letter, back) = (key("c"), key("backspace"));
            let mut odd = false;
            group.bench_function(BenchmarkId::new(format!("{w}x{h}"), notes), |b| {
                b.iter(|| {
                    odd = !odd;
                    app.handle_key(if odd { letter } else { back });
                    terminal
                        .draw(|frame| ui::render(black_box(&mut app), frame))
                        .unwrap();
                })
            });
        }
    }
    group.finish();
}

/// The same keystroke, drawn through the terminal backend the binary uses (crossterm),
/// its escape sequences written to a sink: the frame's cost as a terminal sees it, less
/// the terminal's own time.
fn keystroke_and_terminal_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_and_terminal_frame");
    group
        .sample_size(100)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    for notes in NOTES {
        let mut app = app(notes);
        for ch in "a point on #re".chars() {
            app.handle_key(event_of(Key::plain(KeyName::Char(ch))));
        }
        for (w, h) in SIZES {
            let backend = ratatui::backend::CrosstermBackend::new(std::io::sink());
            let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h));
            let mut terminal =
                Terminal::with_options(backend, ratatui::TerminalOptions { viewport }).unwrap();
            let (letter, back) = (key("c"), key("backspace"));
            let mut odd = false;
            group.bench_function(BenchmarkId::new(format!("{w}x{h}"), notes), |b| {
                b.iter(|| {
                    odd = !odd;
                    app.handle_key(if odd { letter } else { back });
                    terminal
                        .draw(|frame| ui::render(black_box(&mut app), frame))
                        .unwrap();
                })
            });
        }
    }
    group.finish();
}

/// Moving the selection through the middle of the meeting: one Up or Down and one frame.
fn select_and_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("select_and_frame");
    group
        .sample_size(100)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    for notes in NOTES {
        let mut app = app(notes);
        for (w, h) in SIZES {
            app.update(rapporteur::action::Action::First);
            for _ in 0..(notes / 2).min(50) {
                app.update(rapporteur::action::Action::PageDown);
            }
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            let (up, down) = (key("up"), key("down"));
            let mut odd = false;
            group.bench_function(BenchmarkId::new(format!("{w}x{h}"), notes), |b| {
                b.iter(|| {
                    odd = !odd;
                    app.handle_key(if odd { down } else { up });
                    terminal
                        .draw(|frame| ui::render(black_box(&mut app), frame))
                        .unwrap();
                })
            });
        }
    }
    group.finish();
}

/// Enter on a typed note: recorded, applied, tally and timeline updated, one frame drawn
/// (in memory: the disk's part is measured by the storage bench).
fn commit_and_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("commit_and_frame");
    group
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    for notes in NOTES {
        let mut app = app(notes);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let line: Vec<_> = "a short point"
            .chars()
            .map(|ch| event_of(Key::plain(KeyName::Char(ch))))
            .collect();
        let enter = key("enter");
        group.bench_function(BenchmarkId::new("80x24", notes), |b| {
            b.iter(|| {
                for event in &line {
                    app.handle_key(*event);
                }
                app.handle_key(enter);
                terminal
                    .draw(|frame| ui::render(black_box(&mut app), frame))
                    .unwrap();
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    keystroke_and_frame,
    keystroke_and_terminal_frame,
    select_and_frame,
    commit_and_frame
);
criterion_main!(benches);
