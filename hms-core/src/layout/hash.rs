//! The perfect hash's hash function: the splitmix64 finalizer (two multiplies, three
//! shift-xors), shared by the generator (`hms-model`, through
//! `phf_generator::generate_hash_with_hash_fn`) and the runtime lookup.

/// The three values the CHD scheme needs from a key: the bucket hash `g` and the
/// displacement inputs `f1`, `f2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeHash {
    /// Picks the bucket.
    pub g: u32,
    /// First displacement input.
    pub f1: u32,
    /// Second displacement input.
    pub f2: u32,
}

/// Hashes a code with the generator's `seed`.
///
/// Every step is invertible, so distinct codes never share `(g, f1)`. The shift-xor before
/// each multiply matters: a multiply alone carries a difference only upwards, so codes that
/// differ in one high bit (a part byte) would keep equal low bits under every seed, and the
/// generator would search forever for a seed that separates them.
#[inline]
pub const fn code_hash(code: u64, seed: u64) -> CodeHash {
    let mut z = code ^ seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    CodeHash { g: (z >> 32) as u32, f1: z as u32, f2: (z >> 16) as u32 }
}

/// The slot of a key, as `phf_generator` places it: `d2 + f1 * d1 + f2`, modulo the slots.
#[inline]
pub const fn displace(f1: u32, f2: u32, d1: u32, d2: u32) -> u32 {
    d2.wrapping_add(f1.wrapping_mul(d1)).wrapping_add(f2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_one_high_bit_apart_differ_in_low_bits_for_some_seed() {
        let (a, b) = (0x0300_0100_0001_0001u64, 0x0300_0300_0001_0001u64);
        let differs = (0..8u64).any(|seed| {
            let (x, y) = (code_hash(a, seed), code_hash(b, seed));
            (x.f1 ^ y.f1) & 1 != 0 || (x.f2 ^ y.f2) & 1 != 0
        });
        assert!(differs);
    }

    #[test]
    fn neighbouring_codes_spread_over_buckets() {
        let mut buckets = [0u32; 64];
        for unit in 0..4u64 {
            for id in 0..256u64 {
                let code = 0x0700_0000_0001_0000 | unit << 48 | id;
                buckets[(code_hash(code, 42).g % 64) as usize] += 1;
            }
        }
        // 1024 keys over 64 buckets: 16 on average; none empty, none crowded.
        assert!(buckets.iter().all(|&n| (4..=40).contains(&n)), "{buckets:?}");
    }
}
