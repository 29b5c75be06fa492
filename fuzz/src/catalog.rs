//! catalog.yaml on arbitrary text: the reader and validator, and for a catalog they accept,
//! the byte tables the `catalog!` macro lays out (perfect hashes included).

/// One input. The fuzz target's body, which `cargo test` also runs on every seed
/// (tests/tests/fuzz_seeds.rs).
pub fn check(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else { return };
    match hms_model::parse(source, "catalog.yaml") {
        Ok(catalog) => {
            let _ = hms_model::tables::build(&catalog, None);
        }
        Err(diagnostics) => assert!(!diagnostics.is_empty(), "a rejected catalog says why"),
    }
}
