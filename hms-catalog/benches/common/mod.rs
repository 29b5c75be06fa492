//! What the lookup benchmarks share: the keys and the baselines (each benchmark uses a part).

#![allow(dead_code)]

use std::collections::HashMap;

use hms_catalog::__unstable::tables;
use hms_catalog::Hms;
use hms_core::layout::CHANNEL_HMS;

/// Every official `print.hms` code, in table order.
pub fn official_codes() -> Vec<u64> {
    let t = tables();
    (0..t.facts.records as u16)
        .filter_map(|i| t.facts.code(i))
        .filter(|(channel, _, _)| *channel == CHANNEL_HMS)
        .map(|(_, key, _)| key)
        .collect()
}

/// A deterministic shuffle, so consecutive lookups do not walk the table in order.
pub fn shuffled(mut keys: Vec<u64>) -> Vec<u64> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for i in (1..keys.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        keys.swap(i, (state % (i as u64 + 1)) as usize);
    }
    keys
}

pub fn phf_map(keys: &[u64]) -> phf::Map<u64, u16> {
    let state = phf_generator::generate_hash(keys);
    let entries: Vec<(u64, u16)> = state.map.iter().map(|&i| (keys[i], i as u16)).collect();
    phf::Map { key: state.key, disps: Vec::leak(state.disps), entries: Vec::leak(entries) }
}

/// The code with the same fields as `key` but for the error id, whose bits 8-14 are flipped:
/// a code beside an official one, mostly absent.
pub fn beside(key: u64) -> u64 {
    let h = Hms::from_u64(key);
    Hms::from_parts(h.module_id(), h.module_number(), h.part(), h.level_raw(), h.error_id() ^ 0x7F00).to_u64()
}

/// A call that does one load: the least any lookup function can cost.
#[inline(never)]
pub fn load(table: &[u16], i: usize) -> u16 {
    table[i]
}

/// The keys and baselines of one run: every official `print.hms` code shuffled (hits), the
/// codes beside them that are absent (misses), and the same keys in a `phf::Map`, a `HashMap`
/// and a sorted array.
pub struct Keys {
    pub hits: Vec<u64>,
    pub misses: Vec<u64>,
    pub phf: phf::Map<u64, u16>,
    pub std_map: HashMap<u64, u16>,
    pub sorted: Vec<(u64, u16)>,
    pub direct: Vec<u16>,
}

impl Keys {
    pub fn new() -> Keys {
        let hits = shuffled(official_codes());
        let misses: Vec<u64> = hits.iter().map(|&k| beside(k)).filter(|k| !hits.contains(k)).collect();
        let phf = phf_map(&hits);
        let std_map = hits.iter().enumerate().map(|(i, &k)| (k, i as u16)).collect();
        let mut sorted: Vec<(u64, u16)> = hits.iter().enumerate().map(|(i, &k)| (k, i as u16)).collect();
        sorted.sort_unstable();
        let direct = (0..hits.len() as u16).collect();
        Keys { hits, misses, phf, std_map, sorted, direct }
    }
}
