//! The `@` and `#` completion popups: one key typed in a name or a tag, the popup
//! ranked again over 2,000 participants or 200 priorities, with and without the
//! frame that shows it.
//!
//! `cargo bench --bench completion`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::clock::Clock;
use rapporteur::keymap::{Key, KeyName, Keymap};
use rapporteur::resolve::Resolver;
use rapporteur::sample;
use rapporteur::ui::input::event_of;
use rapporteur::ui::{self, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// What is on the line before the timed key, and the key typed then deleted.
const CASES: [(&str, &str, char); 4] = [
    // A name prefix that every one of the 2,000 names shares: all of them are ranked.
    ("speaker_all_match", "@partic", 'i'),
    // A few letters scattered through names, ids and affiliations.
    ("speaker_fuzzy", "@ent 1", '2'),
    ("tag_all_match", "a point #priori", 't'),
    ("tag_fuzzy", "a point #rec", 'r'),
];

fn app() -> App {
    let mut app = App::new(sample::standard(1_000), Keymap::default());
    app.set_now(Clock::hms(23, 0, 0));
    app
}

fn typed(c: char) -> crossterm::event::KeyEvent {
    event_of(Key::plain(KeyName::Char(c)))
}

/// One key typed into the token and one Backspace, alternately, so the line stays put.
fn popup(c: &mut Criterion) {
    let mut group = c.benchmark_group("completion_key");
    group
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    let back = event_of("backspace".parse::<Key>().unwrap());
    for (name, line, key) in CASES {
        let mut app = app();
        for ch in line.chars() {
            app.handle_key(typed(ch));
        }
        assert!(app.completion().is_some(), "{name}: a popup is open");
        let key = typed(key);
        let mut odd = false;
        group.bench_function(BenchmarkId::new("handle", name), |b| {
            b.iter(|| {
                odd = !odd;
                app.handle_key(if odd { key } else { back });
                black_box(app.completion());
            })
        });
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        group.bench_function(BenchmarkId::new("handle_and_frame_80x24", name), |b| {
            b.iter(|| {
                odd = !odd;
                app.handle_key(if odd { key } else { back });
                terminal
                    .draw(|frame| ui::render(black_box(&mut app), frame))
                    .unwrap();
            })
        });
    }
    group.finish();
}

/// Resolving a typed name or tag on Enter: exact, then prefix, then fuzzy.
fn resolve(c: &mut Criterion) {
    let mut group = c.benchmark_group("resolve");
    group
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    let session = sample::standard(100);
    let resolver = Resolver::default();
    for (name, typed) in [("exact_id", "p1234"), ("fuzzy", "entty 61")] {
        group.bench_function(BenchmarkId::new("participant", name), |b| {
            b.iter(|| black_box(resolver.participant(&session, black_box(typed))))
        });
    }
    for (name, typed) in [("exact_id", "priority-123"), ("fuzzy", "recrtmnt")] {
        group.bench_function(BenchmarkId::new("priority", name), |b| {
            b.iter(|| black_box(resolver.priority(&session, black_box(typed))))
        });
    }
    group.finish();
}

criterion_group!(benches, popup, resolve);
criterion_main!(benches);
