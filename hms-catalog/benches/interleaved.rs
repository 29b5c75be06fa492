//! The lookups of `lookup.rs`, timed as the best of many interleaved passes: each pass looks
//! every key up once with each method in turn, and each method keeps its fastest pass. On a
//! machine busy with other work, the fastest pass is the one least disturbed, and interleaving
//! gives every method the same chances. `cargo bench -p hms-catalog --bench interleaved`
//! (`HMS_PASSES=N`, default 300).

mod common;

use std::hint::black_box;
use std::time::Instant;

use common::{Keys, load};
use hms_catalog::{Hms, lookup};

#[inline(never)]
fn hms(keys: &[u64]) -> u32 {
    keys.iter().map(|&k| black_box(lookup(Hms::from_u64(black_box(k))))).fold(0, |n, f| n + f.is_known() as u32)
}

#[inline(never)]
fn phf(keys: &[u64], map: &phf::Map<u64, u16>) -> u32 {
    keys.iter().map(|k| map.get(black_box(k))).fold(0, |n, f| n + f.is_some() as u32)
}

#[inline(never)]
fn std_map(keys: &[u64], map: &std::collections::HashMap<u64, u16>) -> u32 {
    keys.iter().map(|k| map.get(black_box(k))).fold(0, |n, f| n + f.is_some() as u32)
}

#[inline(never)]
fn floor(count: usize, direct: &[u16]) -> u32 {
    (0..count.min(direct.len())).map(|i| load(direct, black_box(i))).fold(0, |n, v| n + v as u32)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument selects nothing here.
    let passes: usize = std::env::var("HMS_PASSES").ok().and_then(|p| p.parse().ok()).unwrap_or(300);
    let keys = Keys::new();
    for (name, input) in [("hit", &keys.hits), ("miss", &keys.misses)] {
        let mut best = [f64::MAX; 4];
        let per_key = |started: Instant| started.elapsed().as_nanos() as f64 / input.len() as f64;
        for _ in 0..passes {
            let t = Instant::now();
            black_box(hms(input));
            best[0] = best[0].min(per_key(t));
            let t = Instant::now();
            black_box(phf(input, &keys.phf));
            best[1] = best[1].min(per_key(t));
            let t = Instant::now();
            black_box(std_map(input, &keys.std_map));
            best[2] = best[2].min(per_key(t));
            let t = Instant::now();
            black_box(floor(input.len(), &keys.direct));
            best[3] = best[3].min(per_key(t));
        }
        let [hms, phf, std, floor] = best;
        println!(
            "{name} ({} keys, best of {passes}): lookup() {hms:.2} ns, phf::Map {phf:.2} ns ({:.2}x), \
             HashMap {std:.2} ns ({:.2}x), direct index {floor:.2} ns (lookup() is {:.1}x it)",
            input.len(),
            phf / hms,
            std / hms,
            hms / floor
        );
    }
}
