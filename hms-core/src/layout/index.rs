//! The perfect-hash index of the rows: CHD displacements as `phf_generator` solves them, with
//! the rows stored in slot order, so a key's slot is its row.

use super::hash;

/// A perfect-hash index from a row key to its slot.
#[derive(Clone, Copy, Debug)]
pub struct PhfIndex<'a> {
    key: u64,
    disps: &'a [u8],
    buckets: Modulus,
    slots: Modulus,
}

impl<'a> PhfIndex<'a> {
    /// Bytes of one displacement pair (two `u16`).
    pub const DISP_SIZE: usize = 4;

    /// An index with no keys.
    pub const EMPTY: PhfIndex<'static> = PhfIndex::new(0, &[], 0);

    /// The index of the generator's `key`, displacement pairs `(d1, d2)` and number of slots.
    pub const fn new(key: u64, disps: &'a [u8], slots: u32) -> Self {
        let buckets = Modulus::new((disps.len() / Self::DISP_SIZE) as u32);
        PhfIndex { key, disps, buckets, slots: Modulus::new(slots) }
    }

    /// Number of slots (keys).
    pub const fn slot_count(&self) -> u32 {
        self.slots.d
    }

    /// Bytes of the displacements.
    pub const fn byte_len(&self) -> usize {
        self.disps.len()
    }

    /// The slot `key` lands on. Any key lands on some slot: the caller checks the row's key.
    #[inline]
    pub fn slot(&self, key: u64) -> Option<usize> {
        if self.buckets.d == 0 || self.slots.d == 0 {
            return None;
        }
        let h = hash::code_hash(key, self.key);
        let at = self.buckets.rem(h.g) as usize * Self::DISP_SIZE;
        let d: &[u8; 4] = self.disps.get(at..at + 4)?.try_into().ok()?;
        let d1 = u16::from_le_bytes([d[0], d[1]]) as u32;
        let d2 = u16::from_le_bytes([d[2], d[3]]) as u32;
        Some(self.slots.rem(hash::displace(h.f1, h.f2, d1, d2)) as usize)
    }
}

/// `x % d` for a fixed `d` by two multiplications (Lemire's fastmod), exact for every `u32`.
#[derive(Clone, Copy, Debug)]
struct Modulus {
    d: u32,
    m: u64,
}

impl Modulus {
    const fn new(d: u32) -> Self {
        let m = if d == 0 { 0 } else { (u64::MAX / d as u64).wrapping_add(1) };
        Modulus { d, m }
    }

    #[inline]
    const fn rem(&self, x: u32) -> u32 {
        let low = self.m.wrapping_mul(x as u64);
        ((low as u128 * self.d as u128) >> 64) as u32
    }
}

/// A [`PhfIndex`] with its bytes owned: the build side.
#[cfg(feature = "bake")]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedIndex {
    /// The hash key.
    pub key: u64,
    /// Displacement pairs, [`PhfIndex::DISP_SIZE`] bytes each.
    pub disps: alloc::vec::Vec<u8>,
    /// Number of slots.
    pub slots: u32,
}

#[cfg(feature = "bake")]
impl super::bake::Part for OwnedIndex {
    type View<'a> = PhfIndex<'a>;
    fn view(&self) -> PhfIndex<'_> {
        PhfIndex::new(self.key, &self.disps, self.slots)
    }
    fn bake(&self, out: &mut alloc::string::String) {
        use core::fmt::Write;
        let _ = write!(out, "::hms_core::layout::index::PhfIndex::new({}u64, ", self.key);
        super::bake::bake_bytes(&self.disps, out);
        let _ = write!(out, ", {}u32)", self.slots);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fastmod_equals_the_remainder() {
        for d in [1u32, 2, 3, 7, 1000, 1789, 65_535, u32::MAX] {
            let m = Modulus::new(d);
            for x in [0u32, 1, 2, d - 1, d, d.wrapping_add(1), 123_456_789, u32::MAX - 1, u32::MAX] {
                assert_eq!(m.rem(x), x % d, "{x} % {d}");
            }
        }
    }

    #[test]
    fn an_empty_index_has_no_slot() {
        assert_eq!(PhfIndex::EMPTY.slot(0x0700_2000_0002_0003), None);
    }
}
