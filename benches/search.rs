//! Fuzzy search over every note: the key typed in the search box (which scans the
//! first slice of the meeting at once), and the whole search to its ranked end (which
//! the screen finishes a slice at a time between keys).
//!
//! `cargo bench --bench search`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::action::Action;
use rapporteur::clock::Clock;
use rapporteur::keymap::{Key, KeyName, Keymap};
use rapporteur::sample;
use rapporteur::ui::input::event_of;
use rapporteur::ui::{self, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// What is typed in the search box before the timed key.
const QUERY: &str = "recrui";

fn searching(notes: usize) -> App {
    let mut app = App::new(sample::standard(notes), Keymap::default());
    app.set_now(Clock::hms(23, 0, 0));
    app.update(Action::Search);
    for ch in QUERY.chars() {
        app.handle_key(event_of(Key::plain(KeyName::Char(ch))));
    }
    finish(&mut app);
    app
}

fn finish(app: &mut App) {
    while app.has_work() {
        app.work(Duration::from_secs(1));
    }
}

fn search(c: &mut Criterion) {
    let mut group = c.benchmark_group("search");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let key = event_of(Key::plain(KeyName::Char('t')));
    let back = event_of("backspace".parse::<Key>().unwrap());
    for notes in sample::SIZES {
        let mut app = searching(notes);
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
        let mut odd = false;
        // What the typist waits for: the key handled and the frame drawn.
        group.bench_function(BenchmarkId::new("key_and_frame", notes), |b| {
            b.iter(|| {
                odd = !odd;
                app.handle_key(if odd { key } else { back });
                terminal
                    .draw(|frame| ui::render(black_box(&mut app), frame))
                    .unwrap();
            })
        });
        finish(&mut app);
        // The whole search: every note scored and the matches ranked.
        group.bench_function(BenchmarkId::new("whole_search", notes), |b| {
            b.iter(|| {
                odd = !odd;
                app.handle_key(if odd { key } else { back });
                finish(&mut app);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
