//! Byte-pair encoding of the official texts (the layout is in [`hms_core::packed`]): a
//! dictionary of up to 3,840 pairs learned from the texts themselves, each text a run of
//! 12-bit symbols. Deterministic: the same texts always give the same bytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use hms_core::packed::{MARKERS, MAX_DEPTH, SYMBOLS};
use hms_core::placeholder::{Piece, find, pieces};

use corpus::Corpus;
pub use store::Store;

mod corpus;
#[cfg(test)]
mod reference;
mod store;

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
    let mut head = Corpus::new(symbols(first));
    let mut learner = Learner { depth: vec![0; 256], pairs: Vec::new(), merges_per_pass: merges_per_pass[0].max(1) };
    let passes = learner.learn(&mut head);
    let first_pairs = learner.pairs.len();
    // The rest, in the first texts' pairs first, pass by pass as they were learned.
    let mut tail = Corpus::replayed(symbols(rest), &passes);
    learner.merges_per_pass = merges_per_pass[1].max(1);
    learner.learn(&mut tail);
    let mut texts = head.texts;
    texts.extend(tail.texts);
    (Packed { pairs: learner.pairs, texts }, first_pairs)
}

/// [`pack_staged`], reusing the result `store` keeps under `name` when it was packed from the
/// same texts, else keeping the new one there.
pub fn pack_stored(
    first: &[Vec<u8>],
    rest: &[Vec<u8>],
    merges_per_pass: [usize; 2],
    store: Option<(&Store, &str)>,
) -> (Packed, usize) {
    let Some((store, name)) = store else {
        return pack_staged(first, rest, merges_per_pass);
    };
    // The key hashes every text: made once, for the look-up and for keeping the result.
    let key = store.key(first, rest, merges_per_pass);
    if let Some(kept) = store.get(name, key, first.len() + rest.len()) {
        return kept;
    }
    let packed = pack_staged(first, rest, merges_per_pass);
    store.put(name, key, &packed);
    packed
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
    /// Learns pairs from `corpus` until the dictionary is full or no pair pays, merging them
    /// in its texts; returns the pairs chosen in each pass.
    ///
    /// Each pass takes the most frequent pairs (ties: the lower pair first) that share no
    /// symbol with a pair taken before them in the pass and nest no deeper than
    /// [`MAX_DEPTH`], up to `merges_per_pass` of them.
    fn learn(&mut self, corpus: &mut Corpus) -> Vec<Chosen> {
        let room = SYMBOLS - 256;
        let mut passes = Vec::new();
        while self.pairs.len() < room {
            let mut ranked = corpus.frequent(MIN_COUNT);
            let rank = |&(pair, n): &(corpus::Pair, u32)| (std::cmp::Reverse(n), pair);
            // Most passes take their pairs from the first few candidates: those are sorted
            // first, the rest only when the pass gets that far.
            let first = ranked.len().min(8 * self.merges_per_pass);
            if first < ranked.len() {
                ranked.select_nth_unstable_by_key(first, rank);
            }
            ranked[..first].sort_unstable_by_key(rank);
            // Pairs merged together share no symbol, so one left-to-right scan applies them all.
            let mut used: Vec<u16> = Vec::new();
            let mut chosen = Chosen::default();
            for i in 0..ranked.len() {
                if i == first {
                    ranked[first..].sort_unstable_by_key(rank);
                }
                if chosen.len() == self.merges_per_pass || self.pairs.len() == room {
                    break;
                }
                let (a, b) = ranked[i].0;
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
            corpus.apply(&chosen);
            passes.push(chosen);
        }
        passes
    }
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
        // The table's slot is the hash's low bits: fold the high bits, which depend on every
        // bit of the pair, into them.
        let h = self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^ h >> 32
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

    /// Texts of the catalog's kind: the catalog's own files, whole lines of them.
    fn catalog_lines(most: usize) -> Vec<Vec<u8>> {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog"));
        let mut lines = Vec::new();
        for file in ["ams.yaml", "motion.yaml"] {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            lines.extend(text.lines().map(|l| l.trim().as_bytes().to_vec()));
        }
        lines.truncate(most);
        lines
    }

    #[test]
    fn learning_from_the_pairs_a_pass_touches_gives_what_counting_every_pass_gives() {
        let lines = catalog_lines(1000);
        let (first, rest) = lines.split_at(200);
        for merges in [[2, 3], [16, 32]] {
            assert_eq!(pack_staged(first, rest, merges), reference::pack_staged(first, rest, merges), "{merges:?}");
        }
        // Runs of one byte overlap their own pairs; pairs that nest too deep are passed over.
        let runs: Vec<Vec<u8>> = (1..60).map(|n| vec![b'a'; n]).chain([b"abababab".repeat(30)]).collect();
        assert_eq!(pack_staged(&runs[..5], &runs[5..], [2, 7]), reference::pack_staged(&runs[..5], &runs[5..], [2, 7]));
    }

    proptest::proptest! {
        #[test]
        fn any_texts_pack_as_the_plain_way_packs_them(
            // Few letters make long runs of one pair; 16 make more candidates than a pass of
            // 9 or more pairs sorts first (it cannot take more than 8: pairs share no letter).
            few in proptest::bool::ANY,
            texts in proptest::collection::vec(proptest::collection::vec(0u8..16, 0..60), 0..30),
            split in 0usize..30,
            merges in (1usize..12, 1usize..12),
        ) {
            let letters = if few { 3 } else { 16 };
            let texts: Vec<Vec<u8>> = texts.iter().map(|t| t.iter().map(|&l| b'a' + l % letters).collect()).collect();
            let (first, rest) = texts.split_at(split.min(texts.len()));
            let merges = [merges.0, merges.1];
            proptest::prop_assert_eq!(pack_staged(first, rest, merges), reference::pack_staged(first, rest, merges));
        }
    }

    #[test]
    fn placeholders_become_markers() {
        assert_eq!(mark("AMS {ams} slot {slot} {{x}} {nope}").unwrap(), b"AMS \x01 slot \x02 {x} ?");
        assert!(mark("bad \u{1} byte").is_err());
    }
}
