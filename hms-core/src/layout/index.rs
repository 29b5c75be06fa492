//! The perfect-hash index of the rows: one 16-bit pilot per bucket of about four keys (the
//! PTHash scheme), reductions by multiplication, and the rows stored in slot order, so a key's
//! slot is its row. A lookup is one hash, one pilot load and three multiplies.

use super::hash;

/// A perfect-hash index from a row key to its slot.
#[derive(Clone, Copy, Debug)]
pub struct PhfIndex<'a> {
    seed: u64,
    pilots: &'a [u8],
    slots: u32,
}

impl<'a> PhfIndex<'a> {
    /// Bytes of one pilot.
    pub const PILOT_SIZE: usize = 2;

    /// An index with no keys.
    pub const EMPTY: PhfIndex<'static> = PhfIndex::new(0, &[], 0);

    /// The index of the solver's `seed`, pilots (one `u16` per bucket) and number of slots.
    pub const fn new(seed: u64, pilots: &'a [u8], slots: u32) -> Self {
        PhfIndex { seed, pilots, slots }
    }

    /// Number of slots (keys).
    pub const fn slot_count(&self) -> u32 {
        self.slots
    }

    /// Number of buckets.
    pub const fn buckets(&self) -> u32 {
        (self.pilots.len() / Self::PILOT_SIZE) as u32
    }

    /// Bytes of the pilots.
    pub const fn byte_len(&self) -> usize {
        self.pilots.len()
    }

    /// The slot `key` lands on. Any key lands on some slot: the caller checks the row's key.
    #[inline(always)]
    pub fn slot(&self, key: u64) -> Option<usize> {
        let h = hash::code_hash(key, self.seed);
        let at = hash::bucket(h, self.buckets()) * Self::PILOT_SIZE;
        let pilot = u16::from_le_bytes(self.pilots.get(at..at + 2)?.try_into().ok()?);
        Some(hash::slot(h, pilot, self.slots))
    }
}

/// A [`PhfIndex`] with its bytes owned: the build side.
#[cfg(feature = "bake")]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedIndex {
    /// The hash seed.
    pub seed: u64,
    /// Pilots, [`PhfIndex::PILOT_SIZE`] bytes each.
    pub pilots: alloc::vec::Vec<u8>,
    /// Number of slots.
    pub slots: u32,
}

#[cfg(feature = "bake")]
impl super::bake::Part for OwnedIndex {
    type View<'a> = PhfIndex<'a>;
    fn view(&self) -> PhfIndex<'_> {
        PhfIndex::new(self.seed, &self.pilots, self.slots)
    }
    fn bake(&self, out: &mut super::bake::Baker) {
        use core::fmt::Write;
        let _ = write!(out, "::hms_core::layout::index::PhfIndex::new({}u64, ", self.seed);
        super::bake::bake_bytes(&self.pilots, out);
        let _ = write!(out, ", {}u32)", self.slots);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_index_has_no_slot() {
        assert_eq!(PhfIndex::EMPTY.slot(0x0700_2000_0002_0003), None);
    }
}
