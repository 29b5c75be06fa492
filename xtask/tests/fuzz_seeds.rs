//! The `official_import` fuzz target's body (fuzz/src/official_import.rs) on its committed
//! seeds (fuzz/seeds/official_import/), as a plain test on stable; the other targets' seeds run
//! in tests/tests/fuzz_seeds.rs.

#[path = "../../fuzz/src/official_import.rs"]
mod official_import;

#[test]
fn official_import_seeds() {
    hms_tests::run_fuzz_seeds("official_import", official_import::check);
}
