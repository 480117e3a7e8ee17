//! The report in every format, at 100 to 100,000 notes.
//!
//! `cargo bench --bench export`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::export::{Format, Options, export};
use rapporteur::sample;

const FORMATS: [(&str, Format); 4] = [
    ("markdown", Format::Markdown),
    ("text", Format::Text),
    ("html", Format::Html),
    ("json", Format::Json),
];

fn report(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for notes in sample::SIZES {
        let session = sample::standard(notes);
        for (name, format) in FORMATS {
            let options = Options {
                format,
                ..Options::default()
            };
            group.bench_function(BenchmarkId::new(name, notes), |b| {
                b.iter(|| black_box(export(&session, &options).unwrap().len()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
