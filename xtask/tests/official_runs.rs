//! `regenerate --official` runs as a whole: malformed input, when files are written, check
//! mode, drift, and the real files when `HMS_OFFICIAL_DIR` names them.

mod common;

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use common::{Root, fixture, relative};

const FACTS: &str = "catalog/official.tsv";
const EN: &str = "catalog/texts/en.tsv";

#[test]
fn malformed_input_is_reported_at_its_position_and_the_rest_still_imports() {
    let root = Root::new("malformed");
    let report = root.import(&["bad"], false, true);
    assert_eq!(
        relative(&report.import.errors),
        [
            "bad/hms_de_094.json:2:74: the text ends in the middle of a value: the file may be cut short",
            "bad/hms_en.json:3:74: unknown model `Z9`: not in catalog.yaml `models`",
            "bad/hms_en_094.json:4:10: bad ecode `07002G0000020003`: invalid character 'G' at position 5: expected \
             a hex digit, `_` or `-`",
            "bad/hms_en_094.json:5:37: `intro`: should be a text, not a number",
            "bad/hms_en_094.json:6:1: entry: should be an object, not a text",
            "bad/hms_en_094.json:10:10: bad ecode `0300400`: found 7 hex digits, expected 8 (a print_error code, \
             like 0300-400C)",
            "bad/hms_en_X-Z.json: unknown serial prefix `X-Z`: no model in catalog.yaml has it, and a serial \
             prefix is three letters or digits",
        ]
    );
    // The good entries around the bad ones, and the good entry of the merged file.
    let facts = root.read(FACTS).unwrap();
    let codes: Vec<&str> = facts.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split('\t').nth(1)).collect();
    assert_eq!(codes, ["0300010000010001", "0300030000010001", "0300050000010001", "0300400C"]);
    assert!(report.written && report.failed());
}

#[test]
fn with_errors_nothing_is_written_unless_keep_going() {
    let root = Root::new("no-write");
    assert!(root.import(&["bambustudio"], false, false).written);
    let (facts, en) = (root.read(FACTS).unwrap(), root.read(EN).unwrap());
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options().write(true).open(root.path.join(FACTS)).unwrap().set_modified(old).unwrap();

    let report = root.import(&["bambustudio", "bad"], false, false);
    assert!(!report.import.errors.is_empty() && !report.written && report.failed());
    assert!(report.lines().iter().any(|l| l.ends_with("errors; nothing written")));
    assert_eq!((root.read(FACTS).unwrap(), root.read(EN).unwrap()), (facts.clone(), en));
    assert_eq!(fs::metadata(root.path.join(FACTS)).unwrap().modified().unwrap(), old, "official.tsv untouched");

    let report = root.import(&["bambustudio", "bad"], false, true);
    assert!(report.written);
    assert!(root.read(FACTS).unwrap().contains("hms\t0300030000010001\tH2D"));
}

#[test]
fn the_facts_file_is_rewritten_even_when_unchanged() {
    let root = Root::new("touch");
    root.import(&["bambustudio"], false, false);
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options().write(true).open(root.path.join(FACTS)).unwrap().set_modified(old).unwrap();
    let before = root.read(FACTS).unwrap();
    let report = root.import(&["bambustudio"], false, false);
    assert_eq!(root.read(FACTS).unwrap(), before);
    assert!(fs::metadata(root.path.join(FACTS)).unwrap().modified().unwrap() > old);
    assert!(report.files.stale.is_empty(), "{:?}", report.files.stale);
}

#[test]
fn check_mode_writes_nothing_and_names_the_stale_committed_files() {
    let root = Root::new("check");
    let report = root.import(&["bambustudio"], true, false);
    let stale: Vec<String> = report.files.stale.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(stale, ["catalog/official.tsv", "docs/CODES.md", "docs/COVERAGE.md"]);
    assert!(report.failed() && !report.written);
    assert!(!root.path.join("catalog").exists() && !root.path.join("docs").exists());

    root.import(&["bambustudio"], false, false);
    fs::remove_dir_all(root.path.join("catalog/texts")).unwrap();
    let report = root.import(&["bambustudio"], true, false);
    assert!(report.files.stale.is_empty() && !report.failed(), "texts are not checked: {:?}", report.files.stale);
    let report = root.import(&["older"], true, false);
    // Older lists hold other codes, so the coverage of the catalog changes with them.
    assert_eq!(report.files.stale, [PathBuf::from("catalog/official.tsv"), PathBuf::from("docs/COVERAGE.md")]);
}

#[test]
fn drift_names_added_removed_and_changed() {
    let root = Root::new("drift");
    root.import(&["drift/v1"], false, false);
    let report = root.import(&["drift/v2"], false, false);
    assert_eq!(
        report.drift,
        [
            "H2D: codes 1 added (0300030000010001), 1 removed (0300020000010001)",
            "en (default): texts 1 added (0300030000010001), 1 removed (0300020000010001), 1 changed (0300010000010001)",
            "en H2D: texts 1 added (0300030000010001), 1 removed (0300020000010001), 1 changed (0300010000010001)",
        ]
    );
    assert_eq!(root.import(&["drift/v2"], false, false).drift, ["no drift"]);
}

#[test]
fn unknown_paths_and_names_are_errors() {
    let root = Root::new("paths");
    let report = root.import_paths(&[fixture("nowhere"), fixture("catalog.yaml")], false, false);
    assert_eq!(
        relative(&report.import.errors),
        [
            "nowhere: no such file or folder",
            "catalog.yaml: not a file the import reads (hms_<lang>_<prefix>.json, hms_action_<prefix>.json, \
             hms_<lang>.json, wiki_links.json)",
        ]
    );
    assert!(!report.written);
}

/// The real files, when `HMS_OFFICIAL_DIR` names the folder that holds `bambustudio/`.
#[test]
fn the_real_files_import() {
    let Some(dir) = std::env::var_os("HMS_OFFICIAL_DIR").map(PathBuf::from) else {
        println!("skipped: HMS_OFFICIAL_DIR is not set (the folder of Bambu Lab's official HMS files)");
        return;
    };
    let root = Root::with_catalog("real", &xtask::project_root().join("catalog.yaml"));
    let report = root.import_paths(&[dir.join("bambustudio")], false, false);
    assert!(report.import.errors.is_empty(), "{:#?}", report.import.errors);
    assert_eq!((report.import.hms_codes, report.import.print_error_codes), (5289, 1082));
    let differing = |file: &str, code: &str| {
        report.import.conflicts.iter().any(|c| c.contains(file) && c.contains(&format!("ecode {code} repeated")))
    };
    assert!(differing("_20P.json", "0300910000010007"), "{:#?}", report.import.conflicts);
    assert!(differing("_31B.json", "0500808C"), "{:#?}", report.import.conflicts);
    assert!(report.import.templates_saved > 0 && report.import.texts.len() == 3);
}

#[test]
fn a_file_named_twice_is_read_once_and_a_byte_order_mark_is_skipped() {
    let root = Root::new("twice");
    let bom = root.path.join("in");
    fs::create_dir_all(&bom).unwrap();
    let body = fs::read_to_string(fixture("older/hms_en_039.json")).unwrap();
    fs::write(bom.join("hms_en_039.json"), format!("\u{FEFF}{body}")).unwrap();
    let report =
        root.import_paths(&[fixture("bambustudio"), fixture("bambustudio/hms_en_094.json"), bom], false, false);
    assert!(report.import.errors.is_empty(), "{:?}", report.import.errors);
    assert_eq!(report.import.inputs, [5, 1, 0, 0]);
    assert_eq!(root.lines_of(FACTS, "0300400C"), ["err\t0300400C\tA1,H2D,H2C\t-\tH2D:6+9+11\t-"]);
}

#[test]
fn no_input_makes_it_panic() {
    // Every prefix of a few fixtures, and each with one byte replaced: errors, never a panic.
    let root = Root::new("no-panic");
    let dir = root.path.join("in");
    for fixture_file in
        ["bambustudio/hms_en_31B.json", "ha/hms_en.json", "ha/wiki_links.json", "bambustudio/hms_action_094.json"]
    {
        let bytes = fs::read(fixture(fixture_file)).unwrap();
        let name = fixture_file.rsplit('/').next().unwrap();
        for cut in (0..bytes.len()).step_by(3) {
            for variant in [bytes[..cut].to_vec(), [&bytes[..cut], b"\xFF7]}\"".as_slice(), &bytes[cut + 1..]].concat()]
            {
                let _ = fs::remove_dir_all(&dir);
                fs::create_dir_all(&dir).unwrap();
                fs::write(dir.join(name), &variant).unwrap();
                let report = root.import_paths(std::slice::from_ref(&dir), true, false);
                assert!(!report.written);
            }
        }
    }
}
