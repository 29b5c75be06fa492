//! Byte-pair encoding of the official texts (the layout is in [`hms_core::packed`]): a
//! dictionary of up to 3,840 pairs learned from the texts themselves, each text a run of
//! 12-bit symbols. Deterministic: the same texts always give the same bytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use hms_core::packed::{MARKERS, MAX_DEPTH, SYMBOLS};
use hms_core::placeholder::{Piece, find, pieces};

/// The dictionary and every text in symbols.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packed {
    /// Pair `i` is symbol `256 + i`.
    pub pairs: Vec<(u16, u16)>,
    /// Each text's symbols, in the order given.
    pub texts: Vec<Vec<u16>>,
}

/// Pairs merged in one pass over the texts: more is faster to learn, fewer packs tighter.
pub const MERGES_PER_PASS: usize = 16;

/// A pair must occur this often to earn its place in the dictionary (it costs two symbols).
const MIN_COUNT: u32 = 3;

/// A template in the bytes the packed form stores: each placeholder one marker byte, doubled
/// braces single; an unknown placeholder is `?`, as the runtime would write it.
pub fn mark(template: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(template.len());
    for piece in pieces(template) {
        match piece {
            Piece::Literal(text) => {
                if let Some(b) = text.bytes().find(|b| MARKERS.contains(b)) {
                    return Err(format!("control byte {b:#04x} in a text: {template:?}"));
                }
                out.extend_from_slice(text.as_bytes());
            }
            Piece::Placeholder { name, .. } => match find(name) {
                Some(p) => {
                    let i = hms_core::placeholder::PLACEHOLDERS.iter().position(|q| q.name == p.name).unwrap_or(0);
                    out.push(MARKERS.start + i as u8);
                }
                None => out.push(b'?'),
            },
            Piece::Unbalanced { offset } => out.push(template.as_bytes()[offset]),
        }
    }
    Ok(out)
}

/// Learns a dictionary from `texts` and encodes them with it.
pub fn pack(texts: &[Vec<u8>]) -> Packed {
    pack_with(texts, MERGES_PER_PASS)
}

/// [`pack`], merging up to `merges_per_pass` pairs per pass over the texts.
pub fn pack_with(texts: &[Vec<u8>], merges_per_pass: usize) -> Packed {
    let mut seqs: Vec<Vec<u16>> = texts.iter().map(|t| t.iter().map(|&b| b as u16).collect()).collect();
    let mut depth: Vec<u8> = vec![0; 256];
    let mut pairs: Vec<(u16, u16)> = Vec::new();
    let room = SYMBOLS - 256;
    let mut counts: HashMap<(u16, u16), u32, BuildHasherDefault<PairHasher>> = HashMap::default();
    while pairs.len() < room {
        counts.clear();
        for s in &seqs {
            for w in s.windows(2) {
                *counts.entry((w[0], w[1])).or_insert(0) += 1;
            }
        }
        let mut ranked: Vec<((u16, u16), u32)> =
            counts.iter().filter(|&(_, &n)| n >= MIN_COUNT).map(|(&p, &n)| (p, n)).collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        // Pairs merged together share no symbol, so one left-to-right scan applies them all.
        let mut used: Vec<u16> = Vec::new();
        let mut chosen: HashMap<(u16, u16), u16, BuildHasherDefault<PairHasher>> = HashMap::default();
        for ((a, b), _) in ranked {
            if chosen.len() == merges_per_pass.max(1) || pairs.len() == room {
                break;
            }
            let d = depth[a as usize].max(depth[b as usize]) + 1;
            if used.contains(&a) || used.contains(&b) || d as usize > MAX_DEPTH {
                continue;
            }
            used.extend([a, b]);
            let symbol = (256 + pairs.len()) as u16;
            pairs.push((a, b));
            depth.push(d);
            chosen.insert((a, b), symbol);
        }
        if chosen.is_empty() {
            break;
        }
        for s in &mut seqs {
            let mut out = Vec::with_capacity(s.len());
            let mut i = 0;
            while i < s.len() {
                match s.get(i + 1).and_then(|&b| chosen.get(&(s[i], b))) {
                    Some(&m) => {
                        out.push(m);
                        i += 2;
                    }
                    None => {
                        out.push(s[i]);
                        i += 1;
                    }
                }
            }
            *s = out;
        }
    }
    Packed { pairs, texts: seqs }
}

impl Packed {
    /// The bytes of symbol `s`.
    pub fn expand(&self, s: u16, out: &mut Vec<u8>) {
        match s.checked_sub(256) {
            None => out.push(s as u8),
            Some(p) => {
                let (a, b) = self.pairs[p as usize];
                self.expand(a, out);
                self.expand(b, out);
            }
        }
    }
}

/// A fast hash for pairs of 12-bit symbols (build time only; not attacker-facing).
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | b as u64).rotate_left(5);
        }
    }
    fn write_u16(&mut self, n: u16) {
        self.0 = self.0 << 16 | n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_texts_expand_to_their_bytes() {
        let texts: Vec<Vec<u8>> = [
            "The filament in slot one ran out.",
            "The filament in slot two ran out.",
            "The filament may be tangled in slot one.",
            "",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "Düse überhitzt; Düse prüfen.",
        ]
        .iter()
        .map(|t| t.as_bytes().to_vec())
        .collect();
        let packed = pack(&texts);
        assert!(!packed.pairs.is_empty());
        let symbols: usize = packed.texts.iter().map(Vec::len).sum();
        assert!(symbols < texts.iter().map(Vec::len).sum::<usize>() / 2, "{symbols} symbols");
        for (text, symbols) in texts.iter().zip(&packed.texts) {
            let mut out = Vec::new();
            for &s in symbols {
                packed.expand(s, &mut out);
            }
            assert_eq!(&out, text);
        }
        assert_eq!(pack(&texts), packed, "same texts, same dictionary");
    }

    #[test]
    fn placeholders_become_markers() {
        assert_eq!(mark("AMS {ams} slot {slot} {{x}} {nope}").unwrap(), b"AMS \x01 slot \x02 {x} ?");
        assert!(mark("bad \u{1} byte").is_err());
    }
}
