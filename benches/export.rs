//! The report in every format, at 100 to 100,000 notes; and the Word document of
//! 10,000 notes beside the Markdown of the same session.
//!
//! `cargo bench --features testing --bench export` (`-- docx` for the Word document alone,
//! `-- language` for French against English)

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::export::{Format, Language, Options, export, export_bytes};
use rapporteur::model::{Gender, GroupWords, Translation};
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
    let mut session = sample::standard(notes);
    let french = Translation {
        title: "Réunion".into(),
        format: "la réunion".into(),
        groups: session
            .groups
            .iter()
            .map(|g| {
                let words = GroupWords {
                    name: format!("les {}", g.name),
                    singular: format!("{} (fr)", g.singular),
                    plural: format!("{} (fr)", g.plural),
                    gender: Gender::Feminine,
                };
                (g.id.clone(), words)
            })
            .collect(),
        priorities: session
            .priorities
            .iter()
            .map(|p| (p.id.clone(), format!("{} (fr)", p.title)))
            .collect(),
        ..Translation::default()
    };
    session.meta.translations.insert("fr".into(), french);
    for (name, language) in [("en", Language::English), ("fr", Language::French)] {
        for (format_name, format) in [("markdown", Format::Markdown), ("html", Format::Html)] {
            let options = Options {
                format,
                language,
                ..Options::default()
            };
            group.bench_function(
                BenchmarkId::new(format!("{format_name}-{name}"), notes),
                |b| b.iter(|| black_box(export(&session, &options).unwrap().len())),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, report, docx, languages);
criterion_main!(benches);
