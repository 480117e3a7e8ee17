//! The report in every format, at 100 to 100,000 notes; and the Word document of
//! 10,000 notes beside the Markdown of the same session.
//!
//! `cargo bench --features testing --bench export` (`-- docx` for the Word document alone,
//! `-- language` for French against English)

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::export::{Format, Language, Options, export, export_bytes, export_owned};
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

/// The whole Word package (rendered, styled, zipped) against the Markdown report.
fn docx(c: &mut Criterion) {
    let mut group = c.benchmark_group("docx");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let notes = 10_000;
    let session = sample::standard(notes);
    for (name, format) in [("docx", Format::Docx), ("markdown", Format::Markdown)] {
        let options = Options {
            format,
            ..Options::default()
        };
        group.bench_function(BenchmarkId::new(name, notes), |b| {
            b.iter(|| black_box(export_bytes(&session, &options).unwrap().len()))
        });
    }
    group.finish();
}

/// The report in French against the same report in English, at 10,000 notes: the French
/// session has the words of every group and priority, so its path takes them in too.
fn languages(c: &mut Criterion) {
    let mut group = c.benchmark_group("language");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let notes = 10_000;
    let session = sample::with_french(sample::standard(notes));
    for (name, language) in [("en", Language::English), ("fr", Language::French)] {
        for (format_name, format) in [("markdown", Format::Markdown), ("html", Format::Html)] {
            let options = Options {
                format,
                language,
                ..Options::default()
            };
            // As the command line exports: the session loaded is the report's to take.
            let id = BenchmarkId::new(format!("{format_name}-{name}"), notes);
            group.bench_function(id, |b| {
                b.iter_batched(
                    || session.clone(),
                    |s| black_box(export_owned(s, &options).unwrap().len()),
                    BatchSize::LargeInput,
                )
            });
            // From a borrowed session, which a French report copies to say the meeting in French.
            let id = BenchmarkId::new(format!("{format_name}-{name}-borrowed"), notes);
            group.bench_function(id, |b| {
                b.iter(|| black_box(export(&session, &options).unwrap().len()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, report, docx, languages);
criterion_main!(benches);
