//! The packer written the plain way, each pass counting every pair of every text again: what
//! [`pack_staged`](super::pack_staged) must give, byte for byte, faster.

use std::collections::HashMap;

use hms_core::packed::{MAX_DEPTH, SYMBOLS};

use super::corpus::merge;
use super::{Chosen, MIN_COUNT, Packed};

pub fn pack_staged(first: &[Vec<u8>], rest: &[Vec<u8>], merges_per_pass: [usize; 2]) -> (Packed, usize) {
    let symbols =
        |texts: &[Vec<u8>]| -> Vec<Vec<u16>> { texts.iter().map(|t| t.iter().map(|&b| b as u16).collect()).collect() };
    let (mut head, mut tail) = (symbols(first), symbols(rest));
    let mut depth = vec![0; 256];
    let mut pairs = Vec::new();
    let passes = learn(&mut head, &mut depth, &mut pairs, merges_per_pass[0].max(1));
    let first_pairs = pairs.len();
    for chosen in &passes {
        for s in &mut tail {
            merge(s, chosen);
        }
    }
    learn(&mut tail, &mut depth, &mut pairs, merges_per_pass[1].max(1));
    head.extend(tail);
    (Packed { pairs, texts: head }, first_pairs)
}

fn learn(seqs: &mut [Vec<u16>], depth: &mut Vec<u8>, pairs: &mut Vec<(u16, u16)>, per_pass: usize) -> Vec<Chosen> {
    let room = SYMBOLS - 256;
    let mut passes = Vec::new();
    while pairs.len() < room {
        let mut counts: HashMap<(u16, u16), u32> = HashMap::new();
        for s in seqs.iter() {
            for w in s.windows(2) {
                *counts.entry((w[0], w[1])).or_insert(0) += 1;
            }
        }
        let mut ranked: Vec<((u16, u16), u32)> = counts.into_iter().filter(|&(_, n)| n >= MIN_COUNT).collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut used: Vec<u16> = Vec::new();
        let mut chosen = Chosen::default();
        for ((a, b), _) in ranked {
            if chosen.len() == per_pass || pairs.len() == room {
                break;
            }
            let d = depth[a as usize].max(depth[b as usize]) + 1;
            if used.contains(&a) || used.contains(&b) || d as usize > MAX_DEPTH {
                continue;
            }
            used.extend([a, b]);
            chosen.insert((a, b), (256 + pairs.len()) as u16);
            pairs.push((a, b));
            depth.push(d);
        }
        if chosen.is_empty() {
            break;
        }
        for s in seqs.iter_mut() {
            merge(s, &chosen);
        }
        passes.push(chosen);
    }
    passes
}
