//! The catalog laid out in the tables of [`hms_core::layout`]: every text compressed with one
//! dictionary (titles first), fixed records, and one perfect-hash index over rows solved by
//! `phf_generator` (fixed seed: the same catalog always gives the same bytes).
//!
//! [`build`] lays out the catalog and the official facts once; [`build_texts`] lays out one
//! language's texts parallel to the rows that build placed, without solving them again.

mod own;
mod rows;
mod texts;

use hms_core::layout::OwnedTables;
use hms_core::layout::index::OwnedIndex;

use crate::model::Catalog;
use crate::official::OfficialFacts;

pub use rows::RowLayout;
pub use texts::build_texts;

/// The tables of a catalog, and what a titles-only build and the texts need of the layout.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Built {
    /// The tables.
    pub tables: OwnedTables,
    /// Bytes at the start of the text stream that hold every title.
    pub title_stream: usize,
    /// Bytes at the start of the dictionary that the titles use.
    pub title_pairs: usize,
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
        self.tables.catalog.titles_only(self.title_stream, self.title_pairs)
    }
}

/// Lays `catalog` (and the official facts, if any) out in tables; fails only when they
/// outgrow the layout's fixed-width fields.
pub fn build(catalog: &Catalog, official: Option<&OfficialFacts>) -> Result<Built, String> {
    if catalog.codes.len() > crate::MAX_CODES || catalog.procedures.len() > crate::MAX_CODES {
        return Err(format!(
            "{} codes and {} procedures: the tables hold at most {} of each",
            catalog.codes.len(),
            catalog.procedures.len(),
            crate::MAX_CODES
        ));
    }
    let own = own::build(catalog)?;
    let empty = OfficialFacts::default();
    let (facts, layout) = rows::build(catalog, official.unwrap_or(&empty))?;
    let wiki = rows::wiki(official.unwrap_or(&empty), &layout)?;
    Ok(Built {
        tables: OwnedTables { catalog: own.tables, facts, wiki },
        title_stream: own.title_stream,
        title_pairs: own.title_pairs,
        layout,
    })
}

/// Solves the perfect hash for `keys` with the records laid out in slot order: returns the
/// index and, per slot, the position in `keys` of the key that lands there.
///
/// Fails on a repeated key (the generator would search for ever for a seed that tells two
/// equal keys apart) and on more keys than 16-bit displacements can address. Distinct keys
/// always solve: the hash is a bijection of the key for every seed, so two keys never hash
/// alike, and the generator tries seeds until one separates them all.
pub fn solve(keys: &[u64]) -> Result<(OwnedIndex, Vec<usize>), String> {
    if keys.is_empty() {
        return Ok((OwnedIndex::default(), Vec::new()));
    }
    if keys.len() > u16::MAX as usize {
        return Err(format!("{} keys in one index: displacements are 16-bit, so at most {}", keys.len(), u16::MAX));
    }
    let mut seen = std::collections::HashSet::with_capacity(keys.len());
    if let Some(repeated) = keys.iter().find(|&&k| !seen.insert(k)) {
        return Err(format!("key {repeated:016X} twice in one index: each code may have one entry"));
    }
    let state = phf_generator::generate_hash_with_hash_fn(keys, |&code, &seed| {
        let h = hms_core::layout::hash::code_hash(code, seed);
        // `Hashes` is non_exhaustive: take one and overwrite its public fields.
        let mut hashes = phf_shared::hash(&0u64, &0);
        (hashes.g, hashes.f1, hashes.f2) = (h.g, h.f1, h.f2);
        hashes
    });
    let index = OwnedIndex {
        key: state.key,
        disps: state
            .disps
            .iter()
            // The generator draws d1 and d2 below the slot count, which fits in a u16.
            .flat_map(|&(d1, d2)| (d1 as u16).to_le_bytes().into_iter().chain((d2 as u16).to_le_bytes()))
            .collect(),
        slots: state.map.len() as u32,
    };
    Ok((index, state.map))
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

#[cfg(test)]
mod tests;
