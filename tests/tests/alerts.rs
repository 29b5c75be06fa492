//! Alert classes and the printers' buttons, checked against the facts file they come from
//! (`catalog/official.tsv`, read here on its own) and, where imported, the English texts.

use std::collections::HashMap;

use hms_catalog::action::Action;
use hms_catalog::{Alert, AnyCode, Hms, Lang, Level, Model, OfficialText, PrintError, entries, lookup};

/// Each line of the facts file: the code, its actions column and its silent column.
fn facts() -> Vec<(AnyCode, String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog/official.tsv");
    let text = std::fs::read_to_string(path).expect("catalog/official.tsv");
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "six columns: {line}");
        let code = match f[0] {
            "hms" => AnyCode::Hms(Hms::from_u64(u64::from_str_radix(f[1], 16).unwrap())),
            _ => AnyCode::PrintError(PrintError::from_u32(u32::from_str_radix(f[1], 16).unwrap())),
        };
        out.push((code, f[4].to_owned(), f[5].to_owned()));
    }
    out
}

fn model(id: &str) -> Model {
    Model::ALL.iter().copied().find(|m| m.id() == id).unwrap_or_else(|| panic!("model {id}"))
}

#[test]
fn every_code_is_silent_exactly_where_the_facts_say() {
    let mut silent_codes = 0;
    for (code, _, silent) in facts() {
        let found = lookup(code);
        let named: Vec<&str> = if silent == "-" { Vec::new() } else { silent.split(',').collect() };
        assert_eq!(found.is_silent(None), named.contains(&"*"), "{code} for printers without a text");
        for &m in Model::ALL {
            assert_eq!(found.is_silent(Some(m)), named.contains(&m.id()), "{code} on {}", m.id());
            assert_eq!(found.is_silent(Some(m)), found.alert(Some(m)) == Alert::Silent, "{code} on {}", m.id());
        }
        silent_codes += usize::from(!named.is_empty());
    }
    assert!(silent_codes > 50, "only {silent_codes} silent codes: the facts file lost its column?");
}

#[test]
fn silent_codes_are_those_english_lists_with_an_empty_text() {
    if hms_catalog::__unstable::texts(Lang::En).values.bytes().is_empty() {
        eprintln!("skipped: no English official texts compiled in (run `cargo xtask regenerate --official ...`)");
        return;
    }
    for (code, _, _) in facts() {
        let found = lookup(code);
        let official = found.official().unwrap();
        for m in Model::ALL.iter().copied().map(Some).chain([None]) {
            let empty = matches!(official.text(m, Lang::En), OfficialText::Silent);
            assert_eq!(found.is_silent(m), empty, "{code} on {m:?}");
        }
    }
}

#[test]
fn every_code_offers_the_buttons_of_its_model_line() {
    let mut offered = 0;
    for (code, actions, _) in facts() {
        let mut expected: HashMap<Model, Vec<Action>> = HashMap::new();
        if actions != "-" {
            for item in actions.split(';') {
                let (id, ids) = item.split_once(':').unwrap();
                let mut list: Vec<Action> = ids.split('+').map(|i| Action::from_id(i.parse().unwrap())).collect();
                list.sort_by_key(|a| a.id());
                expected.insert(model(id), list);
            }
        }
        for &m in Model::ALL {
            let got: Vec<Action> = lookup(code).actions(m).collect();
            assert_eq!(got, expected.get(&m).cloned().unwrap_or_default(), "{code} on {}", m.id());
            offered += got.len();
        }
    }
    assert!(offered > 1000, "only {offered} buttons in all");
}

#[test]
fn classes_follow_the_entry_then_the_level() {
    // A cancelled print is a status though its level is an error.
    let cancelled = lookup(PrintError::from_u32(0x0300_400C));
    assert_eq!(cancelled.level(), Some(Level::Error));
    assert_eq!(cancelled.alert(Some(Model::H2D)), Alert::Status);
    // Every code of an entry without a class of its own takes its level's.
    let mut by_class: HashMap<Alert, usize> = HashMap::new();
    for entry in entries() {
        for pattern in entry.patterns() {
            let found = lookup(pattern.key());
            let class = found.alert(None);
            *by_class.entry(class).or_default() += 1;
            if !matches!(class, Alert::Status | Alert::Silent) {
                assert_eq!(Some(class), found.level().map(Level::alert), "{}", pattern.key());
            }
        }
    }
    assert!(by_class[&Alert::Status] >= 5 && by_class[&Alert::Fault] > 1000, "{by_class:?}");
    assert!(by_class[&Alert::Advisory] > 50, "{by_class:?}");
    // A code the catalog and the lists do not know takes its level's class, a fault if unknown.
    assert_eq!(lookup(Hms::from_mqtt(0x0300_9900, 0x0003_7777)).alert(None), Alert::Advisory);
    assert_eq!(lookup(Hms::from_mqtt(0x0300_9900, 0x0009_7777)).alert(None), Alert::Fault);
}
