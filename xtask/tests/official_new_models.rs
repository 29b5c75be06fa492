//! A printer catalog.yaml does not name yet: its files import under its serial prefix as an
//! unnamed model, with a warning naming the line to add, and naming it later keeps its data.

mod common;

use std::fs;

use common::{Root, relative};

const FACTS: &str = "catalog/official.tsv";
const EN: &str = "catalog/texts/en.tsv";

#[test]
fn a_file_of_an_unknown_serial_prefix_imports_as_an_unnamed_model() {
    let root = Root::new("new-model");
    let report = root.import(&["bambustudio", "newmodel"], false, false);
    assert!(report.import.errors.is_empty(), "{:?}", report.import.errors);
    // The other warning is the fixture's entry of an empty ecode.
    assert_eq!(
        relative(&report.import.warnings[..1]),
        ["newmodel/hms_action_35F.json: serial prefix `35F` is not in catalog.yaml: imported as unnamed model \
             `35F`; add to catalog.yaml models: - { id: ..., prefix: \"35F\", name: ... }"]
    );
    assert!(report.written && !report.failed());
    assert_eq!(report.import.inputs, [5, 2, 0, 0]);
    assert_eq!(root.lines_of(FACTS, "0300990000010001"), ["hms\t0300990000010001\t35F\t-\t-\t-"]);
    assert_eq!(root.lines_of(FACTS, "0300400C"), ["err\t0300400C\tH2D,H2C,35F\t-\tH2D:6+9+11;35F:7\t-"]);
    let en = root.lines_of(EN, "0300010000010001");
    assert!(
        en.contains(
            &"hms\t0300010000010001\t35F\tTest text: the new printer's motion board reports fault one.".to_owned()
        ),
        "{en:?}"
    );
}

#[test]
fn the_drift_names_the_new_model() {
    let root = Root::new("new-model-drift");
    root.import(&["bambustudio"], false, false);
    let report = root.import(&["bambustudio", "newmodel"], false, false);
    assert_eq!(
        report.drift[..2],
        [
            "new model 35F (unnamed, serial prefix 35F: add to catalog.yaml models: - { id: ..., prefix: \"35F\", \
             name: ... }): 3 codes",
            "35F: codes 3 added (0300010000010001, 0300990000010001, 0300400C), 0 removed",
        ]
    );
}

#[test]
fn naming_the_model_later_keeps_its_data() {
    let root = Root::new("new-model-named");
    root.import(&["bambustudio", "newmodel"], false, false);
    let unnamed = root.read(FACTS).unwrap();
    let catalog_file = root.path.join("catalog.yaml");
    let named = fs::read_to_string(&catalog_file).unwrap().replace(
        "  - { id: X2D, prefix: \"20P\", name: X2D }\n",
        "  - { id: X2D, prefix: \"20P\", name: X2D }\n  - { id: NEW, prefix: \"35F\", name: New }\n",
    );
    fs::write(&catalog_file, named).unwrap();

    // The file written before reads with 35F as NEW.
    let catalog = hms_model::load(&catalog_file, "catalog.yaml").unwrap();
    let facts = hms_model::official::parse_facts(&unnamed, FACTS, &catalog).unwrap();
    let new = catalog.model_index("NEW").unwrap();
    assert!(facts.unnamed.is_empty());
    assert_eq!(facts.codes.iter().filter(|c| c.models & (1 << new) != 0).count(), 3);

    let report = root.import(&["bambustudio", "newmodel"], false, false);
    assert!(report.import.errors.is_empty(), "{:?}", report.import.errors);
    assert!(!report.import.warnings.iter().any(|w| w.contains("35F")), "{:?}", report.import.warnings);
    assert_eq!(report.drift, ["no drift"]);
    assert_eq!(root.lines_of(FACTS, "0300990000010001"), ["hms\t0300990000010001\tNEW\t-\t-\t-"]);
    assert_eq!(root.read(FACTS).unwrap(), unnamed.replace("35F", "NEW"));
}
