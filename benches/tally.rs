//! Tally speed: counting a session afresh, and folding one committed note
//! into a live tally, at 100, 10,000 and 100,000 notes.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::export::{Options, export};
use rapporteur::model::{Note, NoteKind};
use rapporteur::sample;
use rapporteur::tally::Tally;

const SIZES: [usize; 3] = [100, 10_000, 100_000];

fn compute(c: &mut Criterion) {
    let mut group = c.benchmark_group("tally_compute");
    for notes in SIZES {
        let session = sample::session(notes, 60, 12, 7);
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
    for notes in SIZES {
        let mut session = sample::session(notes, 60, 12, 7);
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

fn report(c: &mut Criterion) {
    let mut group = c.benchmark_group("export_markdown");
    group.sample_size(10);
    for notes in [100, 10_000] {
        let session = sample::session(notes, 60, 12, 7);
        group.bench_with_input(BenchmarkId::from_parameter(notes), &session, |b, s| {
            b.iter(|| black_box(export(s, &Options::default()).unwrap().len()))
        });
    }
    group.finish();
}

criterion_group!(benches, compute, apply, report);
criterion_main!(benches);
