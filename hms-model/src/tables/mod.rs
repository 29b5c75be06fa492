//! The catalog laid out in the tables of [`hms_core::layout`]: every text compressed with one
//! dictionary (titles first), fixed records, and one perfect-hash index over rows, solved by
//! [`solve`] (fixed seeds: the same catalog always gives the same bytes).
//!
//! [`build`] lays out the catalog and the official facts once; [`build_texts`] lays out one
//! language's texts parallel to the rows that build placed, without solving them again.

mod alerts;
mod own;
mod rows;
mod texts;

use hms_core::layout::OwnedTables;
use hms_core::layout::index::OwnedIndex;

use crate::model::Catalog;
use crate::official::OfficialFacts;

pub use rows::RowLayout;
pub use texts::{build_texts, build_texts_stored};

/// The tables of a catalog, and what a titles-only build and the texts need of the layout.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Built {
    /// The tables.
    pub tables: OwnedTables,
    /// Bytes at the start of the text stream that hold every title.
    pub title_stream: usize,
    /// Bytes at the start of the dictionary that the titles use.
    pub title_pairs: usize,
    /// Texts whose places a titles-only build keeps (no text and the titles).
    pub title_texts: usize,
    /// Where each official code sits, for laying out the texts parallel to it.
    pub layout: RowLayout,
}

impl Built {
    /// The tables as the runtime reads them.
    pub fn view(&self) -> hms_core::layout::Tables<'_> {
        hms_core::layout::bake::Part::view(&self.tables)
    }

    /// The catalog tables of a titles-only build.
    pub fn titles_only(&self) -> hms_core::layout::catalog::OwnedCatalog {
        self.tables.catalog.titles_only(self.title_stream, self.title_pairs, self.title_texts)
    }

    /// Bytes of the titles in a titles-only build: their symbols, the dictionary they use and
    /// where each one starts.
    pub fn title_bytes(&self) -> usize {
        hms_core::layout::bake::Part::view(&self.titles_only()).text_bytes()
    }
}

/// Lays `catalog` (and the official facts, if any) out in tables; fails only when they
/// outgrow the layout's fixed-width fields.
pub fn build(catalog: &Catalog, official: Option<&OfficialFacts>) -> Result<Built, String> {
    build_stored(catalog, official, None)
}

/// [`build`], with the own texts' packing kept in `store` (as `catalog`) and reused while the
/// texts read the same.
pub fn build_stored(
    catalog: &Catalog,
    official: Option<&OfficialFacts>,
    store: Option<&crate::packing::Store>,
) -> Result<Built, String> {
    if catalog.codes.len() > crate::MAX_CODES || catalog.procedures.len() > crate::MAX_CODES {
        return Err(format!(
            "{} codes and {} procedures: the tables hold at most {} of each",
            catalog.codes.len(),
            catalog.procedures.len(),
            crate::MAX_CODES
        ));
    }
    let mut own = own::build(catalog, store)?;
    let empty = OfficialFacts::default();
    let (facts, layout, rules) = rows::build(catalog, official.unwrap_or(&empty))?;
    own::place_patterns(catalog, &rules, &mut own.tables);
    let wiki = rows::wiki(official.unwrap_or(&empty), &layout)?;
    let alerts = alerts::alerts(catalog, official.unwrap_or(&empty), &layout)?;
    let actions = alerts::actions(official.unwrap_or(&empty), &layout)?;
    Ok(Built {
        tables: OwnedTables { catalog: own.tables, facts, wiki, alerts, actions },
        title_stream: own.title_stream,
        title_pairs: own.title_pairs,
        title_texts: own.title_texts,
        layout,
    })
}

/// Keys per bucket of the index, on average: more saves pilot bytes, fewer solves faster.
const KEYS_PER_BUCKET: usize = 4;

/// One slot in this many is left empty, so the last keys placed still find free slots
/// within a few pilots (with no slack the last key needs about as many tries as there are
/// keys, and a 16-bit pilot may run out).
const SLACK: usize = 64;

/// Solves the perfect hash for `keys` with the records laid out in slot order: returns the
/// index and, per slot, the position in `keys` of the key that lands there (`None` for the
/// few slots left empty).
///
/// Buckets are placed largest first, each with the first pilot that sends all its keys to
/// free slots; a seed under which some bucket finds no pilot is dropped for the next (fixed
/// seeds: the same keys always give the same index). Fails on a repeated key (no seed
/// separates two equal keys) and on more than 2^24 keys.
/// Distinct keys always solve: the hash is a bijection of the key for every seed.
pub fn solve(keys: &[u64]) -> Result<(OwnedIndex, Vec<Option<usize>>), String> {
    use hms_core::layout::hash;
    if keys.is_empty() {
        return Ok((OwnedIndex::default(), Vec::new()));
    }
    const MOST: usize = 1 << 24;
    if keys.len() > MOST {
        return Err(format!("{} keys in one index: at most {MOST}", keys.len()));
    }
    let mut seen = std::collections::HashSet::with_capacity(keys.len());
    if let Some(repeated) = keys.iter().find(|&&k| !seen.insert(k)) {
        return Err(format!("key {repeated:016X} twice in one index: each code may have one entry"));
    }
    let n = (keys.len() + keys.len() / SLACK) as u32;
    let buckets = keys.len().div_ceil(KEYS_PER_BUCKET) as u32;
    for attempt in 0u64.. {
        let seed = attempt.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x1234_5678_9ABC_DEF0;
        let hashes: Vec<u64> = keys.iter().map(|&k| hash::code_hash(k, seed)).collect();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets as usize];
        for (i, &h) in hashes.iter().enumerate() {
            members[hash::bucket(h, buckets)].push(i);
        }
        let mut order: Vec<usize> = (0..buckets as usize).collect();
        order.sort_by_key(|&b| (std::cmp::Reverse(members[b].len()), b));
        let mut slots: Vec<Option<usize>> = vec![None; n as usize];
        let mut pilots = vec![0u16; buckets as usize];
        let mut placed = Vec::new();
        let solved = order.iter().all(|&b| {
            (0..=u16::MAX).any(|pilot| {
                placed.clear();
                for &i in &members[b] {
                    let s = hash::slot(hashes[i], pilot, n);
                    if slots[s].is_some() || placed.contains(&s) {
                        return false;
                    }
                    placed.push(s);
                }
                for (&s, &i) in placed.iter().zip(&members[b]) {
                    slots[s] = Some(i);
                }
                pilots[b] = pilot;
                true
            })
        });
        if solved {
            let pilots = pilots.iter().flat_map(|p| p.to_le_bytes()).collect();
            return Ok((OwnedIndex { seed, pilots, slots: n }, slots));
        }
    }
    unreachable!("the seeds run out only after 2^64 attempts")
}

/// Index of `value` in `items`, adding it when new.
fn intern<T: Clone + Eq + std::hash::Hash>(
    seen: &mut std::collections::HashMap<T, u32>,
    items: &mut Vec<T>,
    value: T,
) -> u32 {
    *seen.entry(value.clone()).or_insert_with(|| {
        items.push(value);
        items.len() as u32 - 1
    })
}

/// Plain strings (procedure names, wiki paths) appended to a blob, each stored once.
#[derive(Default)]
struct Strings {
    seen: std::collections::HashMap<String, hms_core::layout::StrRef>,
}

impl Strings {
    /// Where `text` sits in `blob`, appending it the first time; empty texts take no room.
    fn put(&mut self, blob: &mut String, text: &str) -> Result<hms_core::layout::StrRef, String> {
        if text.is_empty() {
            return Ok(hms_core::layout::StrRef::default());
        }
        if let Some(&s) = self.seen.get(text) {
            return Ok(s);
        }
        let len = u16::try_from(text.len())
            .map_err(|_| format!("a text of {} bytes exceeds the {} a table entry can hold", text.len(), u16::MAX))?;
        let offset = u32::try_from(blob.len()).map_err(|_| "a string blob outgrew 4 GiB".to_owned())?;
        blob.push_str(text);
        let s = hms_core::layout::StrRef { offset, len };
        self.seen.insert(text.to_owned(), s);
        Ok(s)
    }
}

#[cfg(test)]
mod tests;
