//! The fuzz targets' bodies, one module per target, each a `check(data)` that panics on a
//! bug. The targets in `fuzz_targets/` are thin wrappers around them; the workspace's tests
//! include the same files (`#[path]`) and run each `check` on the target's seeds in
//! `seeds/<target>/`, so `cargo test` exercises them on stable, without cargo-fuzz:
//! tests/tests/fuzz_seeds.rs.

pub mod catalog;
pub mod decode;
pub mod official_import;
pub mod official_tsv;
pub mod parse_code;
