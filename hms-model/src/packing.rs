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
    pack_staged(&[], texts, [merges_per_pass; 2]).0
}

/// Packs `first` with a dictionary learned from them alone, then `rest` with that dictionary
/// and the pairs learned from `rest` after it; returns the texts in that order, and how many
/// pairs the first texts' dictionary holds: they use no later pair, so they and a prefix of
/// the dictionary decode without the rest. `merges_per_pass`: for the first texts, and for
/// the rest.
pub fn pack_staged(first: &[Vec<u8>], rest: &[Vec<u8>], merges_per_pass: [usize; 2]) -> (Packed, usize) {
    let symbols =
        |texts: &[Vec<u8>]| -> Vec<Vec<u16>> { texts.iter().map(|t| t.iter().map(|&b| b as u16).collect()).collect() };
    let (mut head, mut tail) = (symbols(first), symbols(rest));
    let mut learner = Learner { depth: vec![0; 256], pairs: Vec::new(), merges_per_pass: merges_per_pass[0].max(1) };
    let passes = learner.learn(&mut head);
    let first_pairs = learner.pairs.len();
    // The rest, in the first texts' pairs first, pass by pass as they were learned.
    for chosen in &passes {
        for s in &mut tail {
            merge(s, chosen);
        }
    }
    learner.merges_per_pass = merges_per_pass[1].max(1);
    learner.learn(&mut tail);
    head.extend(tail);
    (Packed { pairs: learner.pairs, texts: head }, first_pairs)
}

/// Pairs chosen in one pass, and the symbol each becomes.
type Chosen = HashMap<(u16, u16), u16, BuildHasherDefault<PairHasher>>;

/// A dictionary being learned.
struct Learner {
    /// Per symbol, how deep its pairs nest.
    depth: Vec<u8>,
    pairs: Vec<(u16, u16)>,
    merges_per_pass: usize,
}

impl Learner {
    /// Learns pairs from `seqs` until the dictionary is full or no pair pays, merging them in
    /// `seqs`; returns the pairs chosen in each pass.
    fn learn(&mut self, seqs: &mut [Vec<u16>]) -> Vec<Chosen> {
        let room = SYMBOLS - 256;
        let mut passes = Vec::new();
        let mut counts: HashMap<(u16, u16), u32, BuildHasherDefault<PairHasher>> = HashMap::default();
        while self.pairs.len() < room {
            counts.clear();
            for s in seqs.iter() {
                for w in s.windows(2) {
                    *counts.entry((w[0], w[1])).or_insert(0) += 1;
                }
            }
            let mut ranked: Vec<((u16, u16), u32)> =
                counts.iter().filter(|&(_, &n)| n >= MIN_COUNT).map(|(&p, &n)| (p, n)).collect();
            ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            // Pairs merged together share no symbol, so one left-to-right scan applies them all.
            let mut used: Vec<u16> = Vec::new();
            let mut chosen = Chosen::default();
            for ((a, b), _) in ranked {
                if chosen.len() == self.merges_per_pass || self.pairs.len() == room {
                    break;
                }
                let d = self.depth[a as usize].max(self.depth[b as usize]) + 1;
                if used.contains(&a) || used.contains(&b) || d as usize > MAX_DEPTH {
                    continue;
                }
                used.extend([a, b]);
                let symbol = (256 + self.pairs.len()) as u16;
                self.pairs.push((a, b));
                self.depth.push(d);
                chosen.insert((a, b), symbol);
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
}

/// Replaces each pair of `chosen` in `s`, left to right.
fn merge(s: &mut Vec<u16>, chosen: &Chosen) {
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
    fn first_texts_need_only_their_own_pairs() {
        let texts = |words: &[&str]| -> Vec<Vec<u8>> {
            (0..40).map(|i| format!("{} {i}", words[i % words.len()]).into_bytes()).collect()
        };
        let (first, rest) =
            (texts(&["AMS slot ran out", "AMS slot is empty"]), texts(&["AMS slot heater too hot", "Fan stopped"]));
        let (packed, first_pairs) = pack_staged(&first, &rest, [MERGES_PER_PASS; 2]);
        assert!(first_pairs > 0 && packed.pairs.len() > first_pairs, "{first_pairs} of {}", packed.pairs.len());
        // The first texts use no later pair; the rest build on the first texts' pairs.
        let highest = |texts: &[Vec<u16>]| texts.iter().flatten().max().map_or(0, |&s| s as usize);
        assert!(highest(&packed.texts[..first.len()]) < 256 + first_pairs);
        let early = |s: u16| (256..256 + first_pairs as u16).contains(&s);
        assert!(packed.pairs[first_pairs..].iter().any(|&(a, b)| early(a) || early(b)));
        for (text, symbols) in first.iter().chain(&rest).zip(&packed.texts) {
            let mut out = Vec::new();
            for &s in symbols {
                packed.expand(s, &mut out);
            }
            assert_eq!(&out, text);
        }
        // Without first texts, the same as one dictionary for all.
        assert_eq!(pack_staged(&[], &rest, [MERGES_PER_PASS; 2]).0, pack(&rest));
    }

    #[test]
    fn placeholders_become_markers() {
        assert_eq!(mark("AMS {ams} slot {slot} {{x}} {nope}").unwrap(), b"AMS \x01 slot \x02 {x} ?");
        assert!(mark("bad \u{1} byte").is_err());
    }
}
