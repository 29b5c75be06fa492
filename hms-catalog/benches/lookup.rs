//! Lookup speed against the usual baselines, measured in one run: every official code as
//! keys (hits), as many absent codes (misses), pasted strings, and synthetic catalogs of
//! growing size. `cargo bench -p hms-catalog`.

mod common;

use std::collections::HashMap;
use std::hint::black_box;

use common::{Keys, load, official_codes, shuffled};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hms_catalog::{Hms, lookup};
use hms_core::layout::CHANNEL_HMS;

fn lookups(c: &mut Criterion) {
    let Keys { hits: keys, misses, phf, std_map, sorted, direct } = Keys::new();
    let positions: Vec<usize> = (0..keys.len()).collect();

    for (name, input) in [("hit", &keys), ("miss", &misses)] {
        let mut group = c.benchmark_group(format!("lookup/{name}"));
        group.throughput(Throughput::Elements(input.len() as u64));
        // The whole answer is kept (`black_box`), so the entry is found for every code: reading
        // one field only would let the compiler skip the rest of the probe.
        group.bench_function("hms lookup()", |b| {
            b.iter(|| {
                input
                    .iter()
                    .map(|&k| black_box(lookup(Hms::from_u64(black_box(k)))))
                    .fold(0u32, |n, f| n + f.is_known() as u32)
            })
        });
        group.bench_function("phf::Map (SipHash)", |b| {
            b.iter(|| input.iter().map(|k| phf.get(black_box(k))).fold(0u32, |n, f| n + f.is_some() as u32))
        });
        group.bench_function("std HashMap", |b| {
            b.iter(|| input.iter().map(|k| std_map.get(black_box(k))).fold(0u32, |n, f| n + f.is_some() as u32))
        });
        group.bench_function("sorted array", |b| {
            b.iter(|| {
                input
                    .iter()
                    .map(|&k| sorted.binary_search_by_key(&black_box(k), |e| e.0))
                    .fold(0u32, |n, f| n + f.is_ok() as u32)
            })
        });
        // The floor: a call that does one load, the least any lookup function can cost.
        group.bench_function("direct index (floor)", |b| {
            b.iter(|| {
                positions[..input.len().min(positions.len())]
                    .iter()
                    .map(|&i| load(&direct, black_box(i)))
                    .fold(0u32, |n, v| n + v as u32)
            })
        });
        group.finish();
    }
}

fn pasted_strings(c: &mut Criterion) {
    let keys = shuffled(official_codes());
    let pasted: Vec<String> =
        keys.iter().map(|&k| Hms::from_u64(k).spelled(hms_catalog::Spelling::Prefixed).to_string()).collect();
    let by_string: HashMap<String, u16> = pasted.iter().enumerate().map(|(i, s)| (s.clone(), i as u16)).collect();
    let mut group = c.benchmark_group("pasted string");
    group.throughput(Throughput::Elements(pasted.len() as u64));
    group.bench_function("parse + lookup()", |b| {
        b.iter(|| {
            pasted
                .iter()
                .map(|s| Hms::parse(black_box(s)).map(|h| black_box(lookup(h)).is_known()))
                .fold(0u32, |n, f| n + (f == Ok(true)) as u32)
        })
    });
    group.bench_function("HashMap<String, _>", |b| {
        b.iter(|| pasted.iter().map(|s| by_string.get(black_box(s.as_str()))).fold(0u32, |n, f| n + f.is_some() as u32))
    });
    group.finish();
}

/// Synthetic official facts of the real shape (families of AMS units and slots, a few
/// model sets) at 1k, the real size and 50k codes, laid out as the build lays out the real
/// ones: lookup time should stay flat.
fn growth(c: &mut Criterion) {
    let real = official_codes().len();
    let catalog = hms_model::parse(SYNTHETIC_CATALOG, "catalog.yaml").expect("synthetic catalog");
    let mut group = c.benchmark_group("growth");
    for size in [1_000usize, real, 50_000] {
        let keys: Vec<u64> = (0..size as u64)
            .map(|i| {
                let (unit, slot, level) = ((i % 8) as u8, ((i / 8) % 4) as u8, 1 | (i % 3) as u16);
                Hms::from_parts(0x07, unit, 0x20 + slot, level, (i / 32 * 16) as u16).to_u64()
            })
            .collect();
        let codes = keys
            .iter()
            .enumerate()
            .map(|(i, &key)| hms_model::official::OfficialCode {
                channel: hms_model::Channel::Hms,
                key,
                models: 1 << (i / 32 % 3),
                wiki: Vec::new(),
                actions: Vec::new(),
                silent: 0,
            })
            .collect();
        let facts = hms_model::official::OfficialFacts { codes, unnamed: Vec::new() };
        let tables = hms_model::tables::build(&catalog, Some(&facts)).expect("synthetic tables");
        let view = tables.view();
        let keys = shuffled(keys);
        group.throughput(Throughput::Elements(keys.len() as u64));
        // The same probe as `lookup()`, of tables read at run time rather than constants.
        group.bench_with_input(BenchmarkId::new("row probe", size), &keys, |b, keys| {
            b.iter(|| {
                keys.iter()
                    .map(|&k| black_box(view.find(CHANNEL_HMS, black_box(k))))
                    .fold(0u32, |n, p| n + p.official().is_some() as u32)
            })
        });
    }
    group.finish();
}

const SYNTHETIC_CATALOG: &str = r#"
schema: 1
modules: [{ id: "07", abbr: AMS, name: AMS, lettered: true, parts: { numbers: slots, digits: 0-3 } }]
models: [{ id: A, name: A }, { id: B, name: B }, { id: C, name: C }]
levels: [{ id: 1, variant: Error, name: error, meaning: stops }]
"#;

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = lookups, pasted_strings, growth
}
criterion_main!(benches);
