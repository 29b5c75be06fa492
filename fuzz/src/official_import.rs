//! The import of Bambu Lab's official files on arbitrary contents, read as each kind of file
//! the import knows (the kind comes from the name), against the project's catalog.yaml. The
//! import reports problems; it must never panic. Seeds are plain files of any of the kinds.

use std::sync::LazyLock;

use hms_model::Catalog;

/// One name per kind of file: per-model texts, actions, merged texts, wiki links.
const NAMES: [&str; 4] = ["hms_en_094.json", "hms_action_094.json", "hms_en.json", "wiki_links.json"];

/// The project's modules, models and levels: what the import reads of a catalog. Its codes and
/// procedures are left out, so that laying out the tables in the import's self-check (which
/// runs once per input) costs little; the tables of the full catalog are the `catalog` target's.
///
/// The path is from the including crate's folder (fuzz/ or tests/), each one below the
/// repository's root.
static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let mut catalog =
        hms_model::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog.yaml")), "catalog.yaml")
            .expect("the project's catalog is valid");
    catalog.codes.clear();
    catalog.procedures.clear();
    catalog
});

/// One input. The fuzz target's body, which `cargo test` also runs on every seed
/// (tests/tests/fuzz_seeds.rs).
pub fn check(data: &[u8]) {
    for name in NAMES {
        let report = hms_official::import_bytes(&CATALOG, name, data);
        if std::str::from_utf8(data).is_err() {
            assert!(!report.errors.is_empty(), "{name}: contents that are not UTF-8 must be an error");
        }
    }
}
