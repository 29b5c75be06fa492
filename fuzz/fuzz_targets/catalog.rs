//! catalog.yaml on arbitrary text: the reader and validator, and for a catalog they accept,
//! the byte tables the `catalog!` macro lays out (perfect hashes included).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    match hms_model::parse(source, "catalog.yaml") {
        Ok(catalog) => {
            let _ = hms_model::tables::build(&catalog, None);
        }
        Err(diagnostics) => assert!(!diagnostics.is_empty(), "a rejected catalog says why"),
    }
});
