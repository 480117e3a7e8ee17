//! Opening a session to its first frame: the file locked, read and parsed, its journal
//! replayed, the tally counted, the timeline indexed and one 200x50 frame drawn.
//! Load time must grow linearly with the notes.
//!
//! `cargo bench --bench open`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::keymap::Keymap;
use rapporteur::sample;
use rapporteur::storage::{self, SessionFile};
use rapporteur::ui::{self, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn open_to_first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("open_to_first_frame");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for notes in sample::SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meeting.ron");
        let session = sample::standard(notes);
        storage::write_atomically(&path, storage::to_ron(&session).as_bytes()).unwrap();
        drop(session);
        group.bench_function(BenchmarkId::from_parameter(notes), |b| {
            b.iter(|| {
                let (store, session, _) = SessionFile::open(&path).unwrap();
                let mut app = App::with_file(store, session, Keymap::default());
                let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
                terminal
                    .draw(|frame| ui::render(black_box(&mut app), frame))
                    .unwrap();
                // Dropping the screen releases the lock; the empty journal stays for the next round.
                drop(app);
            })
        });
    }
    group.finish();
}

/// The parts of opening, to see which one grows: parsing the file, counting the tally,
/// building the screen's state (tally, timeline, roster counts) and drawing the first frame.
fn open_parts(c: &mut Criterion) {
    let mut group = c.benchmark_group("open_parts");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for notes in [10_000, 100_000] {
        let session = sample::standard(notes);
        let text = storage::to_ron(&session);
        let path = std::path::Path::new("meeting.ron");
        group.bench_function(BenchmarkId::new("parse", notes), |b| {
            b.iter(|| storage::from_ron(black_box(&text), path).unwrap())
        });
        group.bench_function(BenchmarkId::new("screen_state", notes), |b| {
            b.iter_batched(
                || session.clone(),
                |s| App::new(s, Keymap::default()),
                criterion::BatchSize::LargeInput,
            )
        });
        let mut app = App::new(session.clone(), Keymap::default());
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
        group.bench_function(BenchmarkId::new("first_frame", notes), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| ui::render(black_box(&mut app), frame))
                    .unwrap();
            })
        });
    }
    group.finish();
}

criterion_group!(benches, open_to_first_frame, open_parts);
criterion_main!(benches);
