//! A conference's scale: the roll-up of 100 breakouts of 500 notes each (50,000 notes;
//! `sample::conference`: 100 people and 40 priorities each, from 2,000 and 200),
//! counted and written as a report, and the three-way merge of two rapporteurs'
//! 10,000-note versions of one session. In process; the whole binary, files read and
//! written, is measured from outside (BENCHMARKS.md, "A conference").
//!
//! `cargo bench --bench conference`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use rapporteur::export::{Format, Options};
use rapporteur::merge::{Pushed, merge3};
use rapporteur::rollup::{self, RollUp};
use rapporteur::sample;

/// Sessions in the conference, and notes in each.
const SESSIONS: usize = 100;
const NOTES: usize = 500;

fn roll_up(c: &mut Criterion) {
    let sessions = sample::conference(SESSIONS, NOTES);
    let names: Vec<String> = (1..=SESSIONS)
        .map(|k| format!("session-{k:03}.ron"))
        .collect();
    let mut group = c.benchmark_group("conference");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let of = || RollUp::of(names.iter().map(String::as_str).zip(&sessions));
    group.bench_function("rollup_100x500", |b| b.iter(|| black_box(of().totals)));
    let counted = of();
    group.bench_function("rollup_table_100x500", |b| {
        b.iter(|| black_box(rollup::to_table(&counted).len()))
    });
    for (name, format) in [
        ("rollup_markdown_100x500", Format::Markdown),
        ("rollup_html_100x500", Format::Html),
    ] {
        let options = Options {
            format,
            ..Options::default()
        };
        group.bench_function(name, |b| {
            b.iter(|| black_box(rollup::export(&counted, &options).unwrap().len()))
        });
    }
    let (base, ours, theirs) = sample::two_rapporteurs(10_000);
    group.bench_function("merge3_10000", |b| {
        b.iter(|| {
            black_box(
                merge3(&base, &ours, &theirs, Pushed::Theirs)
                    .session
                    .note_count(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, roll_up);
criterion_main!(benches);
