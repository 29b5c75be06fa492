//! `hms_official::import_bytes`: one file's contents imported in memory, as the fuzz target calls
//! it, and inputs the fuzz target found that once broke the import.

mod common;

use std::fs;

use common::fixture;
use hms_model::Catalog;
use hms_official::import_bytes;

fn catalog() -> Catalog {
    let source = fs::read_to_string(fixture("catalog.yaml")).unwrap();
    hms_model::parse(&source, "catalog.yaml").unwrap()
}

#[test]
fn a_fixture_imports_as_the_file_would() {
    let bytes = fs::read(fixture("bambustudio/hms_en_094.json")).unwrap();
    let report = import_bytes(&catalog(), "hms_en_094.json", &bytes);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.inputs, [1, 0, 0, 0]);
    assert_eq!((report.hms_codes, report.print_error_codes), (10, 3));
}

#[test]
fn the_name_gives_the_kind() {
    let catalog = catalog();
    let merged = fs::read(fixture("ha/hms_en.json")).unwrap();
    assert_eq!(import_bytes(&catalog, "hms_en.json", &merged).inputs, [0, 0, 1, 0]);
    let wiki = fs::read(fixture("ha/wiki_links.json")).unwrap();
    assert_eq!(import_bytes(&catalog, "wiki_links.json", &wiki).inputs, [0, 0, 0, 1]);
    let actions = fs::read(fixture("bambustudio/hms_action_094.json")).unwrap();
    assert_eq!(import_bytes(&catalog, "hms_action_094.json", &actions).inputs, [0, 1, 0, 0]);
    let report = import_bytes(&catalog, "notes.txt", b"{}");
    assert_eq!(report.errors, ["notes.txt: not a file the import reads"]);
}

#[test]
fn contents_that_are_not_utf8_are_an_error() {
    let report = import_bytes(&catalog(), "hms_en_094.json", b"{\n  \"a\xff\": 1}");
    assert_eq!(report.errors, ["hms_en_094.json:2:5: not UTF-8 text"]);
}

#[test]
fn contents_of_the_wrong_shape_are_an_error() {
    let catalog = catalog();
    for name in ["hms_en_094.json", "hms_action_094.json", "hms_en.json", "wiki_links.json"] {
        for contents in ["", "nul", "null", "\"text\"", "5", "{\"data\": 5"] {
            let report = import_bytes(&catalog, name, contents.as_bytes());
            assert!(!report.errors.is_empty(), "{name} {contents:?}: {report:?}");
        }
    }
}
