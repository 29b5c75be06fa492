//! Texts in symbols while a dictionary is learned from them: the count of every pair of
//! adjacent symbols, kept up to date as pairs are merged, and the texts each pair occurs in,
//! so a pass reads only the texts its pairs touch instead of every text again.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::{Chosen, PairHasher};

/// A pair of adjacent symbols.
pub(super) type Pair = (u16, u16);

type PairMap<V> = HashMap<Pair, V, BuildHasherDefault<PairHasher>>;

/// Texts in symbols, with their pairs counted.
pub(super) struct Corpus {
    /// Each text's symbols.
    pub(super) texts: Vec<Vec<u16>>,
    /// How often each pair occurs (overlapping occurrences each count); pairs that no longer
    /// occur are left out.
    counts: PairMap<u32>,
    /// Per pair, the texts it occurs in, each listed once, in increasing order.
    postings: PairMap<Vec<u32>>,
}

impl Corpus {
    pub(super) fn new(texts: Vec<Vec<u16>>) -> Corpus {
        Corpus::replayed(texts, &[])
    }

    /// `texts` with the pairs of `passes` merged in them, pass by pass (the counts are made
    /// once, after the last pass).
    pub(super) fn replayed(texts: Vec<Vec<u16>>, passes: &[Chosen]) -> Corpus {
        let mut corpus = Corpus { texts, counts: PairMap::default(), postings: PairMap::default() };
        for (i, text) in corpus.texts.iter().enumerate() {
            for w in text.windows(2) {
                post(&mut corpus.postings, (w[0], w[1]), i as u32);
            }
        }
        for chosen in passes {
            corpus.merge_pass(chosen, false);
        }
        for text in &corpus.texts {
            for w in text.windows(2) {
                *corpus.counts.entry((w[0], w[1])).or_insert(0) += 1;
            }
        }
        corpus
    }

    /// The pairs that occur at least `min` times, with their counts, in no order.
    pub(super) fn frequent(&self, min: u32) -> Vec<(Pair, u32)> {
        self.counts.iter().filter(|&(_, &n)| n >= min).map(|(&k, &n)| (k, n)).collect()
    }

    /// Merges the pairs of one pass in every text, as [`merge`] does, and brings the counts
    /// up to date. `chosen` share no symbol and their new symbols are above every symbol in
    /// the texts, so a merged pair never forms again and every pair that is new after the
    /// pass has one of its new symbols.
    pub(super) fn apply(&mut self, chosen: &Chosen) {
        self.merge_pass(chosen, true);
    }

    /// Merges the pairs of one pass where they occur, listing the texts of the pairs that form;
    /// with `count`, keeps the counts up to date.
    fn merge_pass(&mut self, chosen: &Chosen, count: bool) {
        let Some(fresh) = chosen.values().min().copied() else {
            return;
        };
        let mut touched: Vec<u32> =
            chosen.keys().flat_map(|&(a, b)| self.postings.remove(&(a, b)).unwrap_or_default()).collect();
        touched.sort_unstable();
        touched.dedup();
        for i in touched {
            let text = &mut self.texts[i as usize];
            for w in text.windows(2).filter(|_| count) {
                let k = (w[0], w[1]);
                if let Some(n) = self.counts.get_mut(&k) {
                    *n -= 1;
                    if *n == 0 {
                        self.counts.remove(&k);
                    }
                }
            }
            merge(text, chosen);
            for w in text.windows(2) {
                let k = (w[0], w[1]);
                if count {
                    *self.counts.entry(k).or_insert(0) += 1;
                }
                if w[0] >= fresh || w[1] >= fresh {
                    post(&mut self.postings, k, i);
                }
            }
        }
    }
}

/// Lists text `i` under pair `k`, unless it is listed last already (texts are posted in
/// increasing order, so that keeps each once).
fn post(postings: &mut PairMap<Vec<u32>>, k: Pair, i: u32) {
    let texts = postings.entry(k).or_default();
    if texts.last() != Some(&i) {
        texts.push(i);
    }
}

/// Replaces each pair of `chosen` in `s`, left to right.
pub(super) fn merge(s: &mut Vec<u16>, chosen: &Chosen) {
    let (mut read, mut write) = (0, 0);
    while read < s.len() {
        match s.get(read + 1).and_then(|&b| chosen.get(&(s[read], b))) {
            Some(&m) => {
                s[write] = m;
                read += 2;
            }
            None => {
                s[write] = s[read];
                read += 1;
            }
        }
        write += 1;
    }
    s.truncate(write);
}
