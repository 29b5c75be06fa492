//! Build time of the tables, the work `hms_macros::catalog!` does on every rebuild: reading and
//! checking catalog.yaml and official.tsv, then laying them out (perfect hashes solved). Run on
//! the real files and on synthetic ones of 1,000 and 25,000 codes (catalog entries and
//! official codes each), to show how it grows; and the catalog's read alone. `cargo bench -p
//! hms-model`.

use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hms_core::{Hms, Spelling};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The real catalog with `n` synthetic exact entries appended (as its own `codes` section), and
/// `n` synthetic official codes in families of 8 units by 4 slots.
fn synthetic(n: usize) -> (String, String) {
    let mut catalog = std::fs::read_to_string(root().join("catalog.yaml")).expect("catalog.yaml");
    let mut facts = String::new();
    catalog.push_str("codes:\n");
    for i in 0..n {
        let code = Hms::from_parts(0x03, 0x07, 0x40 + (i / 0x1_0000) as u8, 2, (i % 0x1_0000) as u16);
        let _ = write!(
            catalog,
            "  - code: \"{code}\"\n    title: Synthetic entry {i}\n    meaning: A synthetic entry for build-time measurement, number {i}.\n"
        );
        let official = Hms::from_parts(0x07, (i % 8) as u8, 0x20 + (i / 8 % 4) as u8, 1, (i / 32) as u16);
        let _ = writeln!(facts, "hms\t{}\tH2D,X1\t-\t-\t-", official.spelled(Spelling::Compact));
    }
    (catalog, facts)
}

fn build(catalog: &str, facts: &str) -> usize {
    let read = |included: &str| std::fs::read_to_string(root().join(included)).map_err(|e| e.to_string());
    let catalog = hms_model::parse_with(catalog, "catalog.yaml", read).expect("the catalog is valid");
    let facts = hms_model::official::parse_facts(facts, "official.tsv", &catalog).expect("the facts are valid");
    let tables = hms_model::tables::build(&catalog, Some(&facts)).expect("the tables build");
    tables.tables.catalog.entries.len() + tables.tables.facts.rows.len()
}

fn build_time(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    let real = (
        std::fs::read_to_string(root().join("catalog.yaml")).expect("catalog.yaml"),
        std::fs::read_to_string(root().join("catalog/official.tsv")).expect("catalog/official.tsv"),
    );
    let real_codes = real.1.lines().filter(|l| !l.starts_with('#')).count();
    for (n, (catalog, facts)) in [(1_000, synthetic(1_000)), (real_codes, real), (25_000, synthetic(25_000))] {
        group.bench_with_input(BenchmarkId::new("catalog + facts", n), &(catalog, facts), |b, (catalog, facts)| {
            b.iter(|| build(black_box(catalog), black_box(facts)))
        });
    }
    group.finish();
}

/// Reading and checking the real catalog alone (catalog.yaml and the files it includes): the
/// YAML read, the part of the build that the span index and serde_yaml share.
fn read_time(c: &mut Criterion) {
    let catalog = std::fs::read_to_string(root().join("catalog.yaml")).expect("catalog.yaml");
    let read = |included: &str| std::fs::read_to_string(root().join(included)).map_err(|e| e.to_string());
    c.bench_function("read catalog", |b| {
        b.iter(|| {
            hms_model::parse_with(black_box(&catalog), "catalog.yaml", read).expect("the catalog is valid").codes.len()
        })
    });
}

criterion_group!(benches, build_time, read_time);
criterion_main!(benches);
