//! The fuzz targets' bodies (fuzz/src/) on their committed seeds (fuzz/seeds/<target>/), as
//! plain tests on stable: what `cargo fuzz` starts from, checked on every machine, where
//! cargo-fuzz and nightly are not needed.

#[path = "../../fuzz/src/catalog.rs"]
mod catalog;
#[path = "../../fuzz/src/decode.rs"]
mod decode;
#[path = "../../fuzz/src/official_import.rs"]
mod official_import;
#[path = "../../fuzz/src/official_tsv.rs"]
mod official_tsv;
#[path = "../../fuzz/src/parse_code.rs"]
mod parse_code;

use hms_tests::run_fuzz_seeds;

#[test]
fn parse_code_seeds() {
    run_fuzz_seeds("parse_code", parse_code::check);
}

#[test]
fn decode_seeds() {
    run_fuzz_seeds("decode", decode::check);
}

#[test]
fn catalog_seeds() {
    run_fuzz_seeds("catalog", catalog::check);
}

#[test]
fn official_tsv_seeds() {
    run_fuzz_seeds("official_tsv", official_tsv::check);
}

#[test]
fn official_import_seeds() {
    run_fuzz_seeds("official_import", official_import::check);
}
