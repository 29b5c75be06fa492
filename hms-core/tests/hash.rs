//! The perfect hash's key hash is a bijection of the code for every seed: the table builder
//! relies on it to know that distinct codes always solve (only a repeated code cannot).

use hms_core::layout::hash::code_hash;
use proptest::prelude::*;

fn bits(code: u64, seed: u64) -> u64 {
    code_hash(code, seed)
}

/// `x` from `x ^ (x >> shift)`.
fn unshift(y: u64, shift: u32) -> u64 {
    let mut x = y;
    for _ in 0..64 / shift {
        x = y ^ (x >> shift);
    }
    x
}

/// The inverse of an odd multiplier modulo 2^64 (Newton's iteration).
fn inverse(odd: u64) -> u64 {
    let mut inv = odd;
    for _ in 0..6 {
        inv = inv.wrapping_mul(2u64.wrapping_sub(odd.wrapping_mul(inv)));
    }
    inv
}

/// `code ^ seed` back from the hash: its steps undone in reverse.
fn unhash(z: u64) -> u64 {
    unshift(unshift(z, 32).wrapping_mul(inverse(hms_core::layout::hash::MULTIPLIER)), 32)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Every hash leads back to its code, so no two codes share one under any seed.
    #[test]
    fn the_hash_gives_back_its_code(code: u64, seed: u64) {
        prop_assert_eq!(unhash(bits(code, seed)) ^ seed, code);
    }

    /// Codes one bit apart (a unit, a slot, an error id) are the likeliest to collide.
    #[test]
    fn neighbouring_codes_never_hash_alike(code: u64, bit in 0u32..64, seed: u64) {
        prop_assert_ne!(bits(code, seed), bits(code ^ 1 << bit, seed));
    }

}
