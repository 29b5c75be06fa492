//! The perfect hash's key hash: a shift-xor, one multiply and a shift-xor, shared by the
//! solver (`hms-model`) and the runtime lookup, and the reductions of its bits to a bucket
//! and a slot.

/// The odd multiplier of [`code_hash`] (splitmix64's first).
pub const MULTIPLIER: u64 = 0xBF58_476D_1CE4_E5B9;

/// Hashes a key with the solver's `seed`.
///
/// Every step is invertible (xors, shift-xors, a multiply by an odd number), so distinct
/// keys never hash alike under any seed. A multiply carries a difference only upwards: the
/// shift-xor before it brings the high half (module, unit and part bytes) down, so every bit
/// of the key reaches the high half of the product, and the shift-xor after it folds that
/// half into the low half, which picks the bucket. Keys one bit apart then differ all over
/// their hashes, whatever the seed; the slot reduction reads the high half. Half the work of
/// the splitmix64 finalizer, which a lookup would pay on every probe.
#[inline]
pub const fn code_hash(code: u64, seed: u64) -> u64 {
    let mut z = code ^ seed;
    z = (z ^ (z >> 32)).wrapping_mul(MULTIPLIER);
    z ^ (z >> 32)
}

/// The bucket of a hash among `buckets`: the low half of the hash mapped onto the range by a
/// multiply (no division).
#[inline]
pub const fn bucket(hash: u64, buckets: u32) -> usize {
    ((hash as u32 as u64 * buckets as u64) >> 32) as usize
}

/// The slot of a hash among `slots` under a bucket's `pilot`: the hash mixed with the pilot,
/// its high half mapped onto the range by a multiply.
#[inline]
pub const fn slot(hash: u64, pilot: u16, slots: u32) -> usize {
    let mixed = hash ^ (pilot as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (((mixed >> 32) * slots as u64) >> 32) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_codes_spread_over_buckets() {
        let mut buckets = [0u32; 64];
        for unit in 0..4u64 {
            for id in 0..256u64 {
                let code = 0x0700_0000_0001_0000 | unit << 48 | id;
                buckets[bucket(code_hash(code, 42), 64)] += 1;
            }
        }
        // 1024 keys over 64 buckets: 16 on average; none empty, none crowded.
        assert!(buckets.iter().all(|&n| (4..=40).contains(&n)), "{buckets:?}");
    }

    #[test]
    fn reductions_stay_in_range() {
        for h in [0, 1, u64::MAX, 0x8000_0000_0000_0000, 0xFFFF_FFFF] {
            assert!(bucket(h, 7) < 7);
            assert!(slot(h, u16::MAX, 1000) < 1000);
        }
        assert_eq!(bucket(u64::MAX, 1), 0);
    }
}
