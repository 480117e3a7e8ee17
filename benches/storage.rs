//! Durability costs: committing one note (journal append vs whole-file save) and loading.
//!
//! `cargo bench --bench storage`

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::model::{Note, NoteKind, Session};
use rapporteur::sample;
use rapporteur::storage::{self, SessionFile};

const SIZES: [usize; 4] = sample::SIZES;

fn note(session: &Session) -> Edit {
    Edit::InsertNote {
        intervention: session.interventions.last().unwrap().id,
        index: None,
        note: Note {
            id: session.peek_serial(),
            text: "a new point on \"fair recruitment\" \\ with 保护移民 #recruitment".into(),
            tags: vec![session.priorities[0].id.clone()],
            kind: NoteKind::Point,
            emphasis: false,
            time: Clock::hms(23, 0, 0),
            opposes: Vec::new(),
        },
    }
}

fn commit(c: &mut Criterion) {
    let mut group = c.benchmark_group("commit_note");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4));
    for size in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let mut session = sample::standard(size);
        let mut file = SessionFile::create(&path, &session).unwrap();
        group.bench_with_input(BenchmarkId::new("journal", size), &size, |b, _| {
            b.iter(|| {
                let edit = note(&session);
                file.commit(&mut session, edit).unwrap();
            })
        });
        // The alternative design: an atomic rewrite of the whole file per note.
        group.bench_with_input(BenchmarkId::new("whole_file", size), &size, |b, _| {
            b.iter(|| {
                let edit = note(&session);
                session.apply(edit).unwrap();
                file.save(&mut session).unwrap();
            })
        });
    }
    group.finish();
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for size in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let session = sample::standard(size);
        storage::write_atomically(&path, storage::to_ron(&session).as_bytes()).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(size), &size, |b, _| {
            b.iter(|| storage::load(&path).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, commit, load);
criterion_main!(benches);
