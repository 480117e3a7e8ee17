//! Tally speed: counting a session afresh, and folding one committed note
//! into a live tally, at 100 to 100,000 notes.
//!
//! `cargo bench --bench tally`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::model::{Note, NoteKind};
use rapporteur::sample;
use rapporteur::tally::Tally;

const SIZES: [usize; 4] = sample::SIZES;

fn compute(c: &mut Criterion) {
    let mut group = c.benchmark_group("tally_compute");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for notes in SIZES {
        let session = sample::standard(notes);
        group.bench_with_input(BenchmarkId::from_parameter(notes), &session, |b, s| {
            b.iter(|| black_box(Tally::compute(s)))
        });
    }
    group.finish();
}

/// One note committed and then deleted: the two tally updates are timed,
/// not the session edits around them.
fn apply(c: &mut Criterion) {
    let mut group = c.benchmark_group("tally_apply_insert_and_delete");
    group
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    for notes in SIZES {
        let mut session = sample::standard(notes);
        let mut tally = Tally::compute(&session);
        let intervention = session.interventions.last().unwrap().id;
        let tags = vec![
            session.priorities[0].id.clone(),
            session.priorities[3].id.clone(),
        ];
        group.bench_function(BenchmarkId::from_parameter(notes), |b| {
            b.iter_custom(|iterations| {
                let mut spent = Duration::ZERO;
                for _ in 0..iterations {
                    let id = session.take_serial();
                    let insert = Edit::InsertNote {
                        intervention,
                        index: None,
                        note: Note {
                            id,
                            text: "Fair recruitment now".into(),
                            tags: tags.clone(),
                            kind: NoteKind::Point,
                            emphasis: true,
                            time: Clock::hms(23, 0, 0),
                            opposes: Vec::new(),
                        },
                    };
                    session.apply(insert.clone()).unwrap();
                    let started = Instant::now();
                    tally.apply(&session, &insert);
                    spent += started.elapsed();
                    let delete = Edit::DeleteNote(id);
                    session.apply(delete.clone()).unwrap();
                    let started = Instant::now();
                    tally.apply(&session, &delete);
                    spent += started.elapsed();
                    black_box(tally.totals.notes);
                }
                spent
            })
        });
    }
    group.finish();
}

criterion_group!(benches, compute, apply);
criterion_main!(benches);
