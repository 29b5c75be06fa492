//! The files catalog.yaml includes reach `hms-catalog`'s package: each is in
//! `hms-catalog/catalog/`, as a symlink to the repository's `catalog/` (a copy would drift).

use std::path::Path;

#[test]
fn every_included_file_is_linked_into_hms_catalog() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let catalog = hms_model::load(&root.join("catalog.yaml"), "catalog.yaml").expect("the catalog is valid");
    assert!(!catalog.includes.is_empty(), "catalog.yaml includes no file: this test checks nothing");
    for included in &catalog.includes {
        let linked = root.join("hms-catalog").join(included);
        let target = std::fs::canonicalize(&linked)
            .unwrap_or_else(|e| panic!("hms-catalog/{included}: {e}; add a symlink to ../../{included}"));
        assert_eq!(target, std::fs::canonicalize(root.join(included)).unwrap(), "hms-catalog/{included}");
        assert!(linked.symlink_metadata().unwrap().file_type().is_symlink(), "hms-catalog/{included} is a copy");
    }
}
