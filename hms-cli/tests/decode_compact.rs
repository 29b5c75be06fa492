//! `hms decode --compact`: one line per code, in text or JSON, with every behaviour of the
//! whole form (malformed lines, exit status, the reserved byte).

mod common;

use common::{hms, text};
use serde_json::Value;

/// Two `print.hms` entries (AMS B's assist motor, AMS A slot 1) and a `print_error`.
const REPORT: &str = r#"{"print": {"hms": [{"attr": 117506304, "code": 65540}, {"attr": 117448704, "code": 131075}], "print_error": 50348044}}"#;

/// A code the catalog lacks: motion controller, level 2 (warning).
const UNKNOWN: &str = r#"{"print": {"hms": [{"attr": 50370816, "code": 161911}]}}"#;

/// attr 0x07002001: the reserved byte set; BambuStudio looks up 0700_2000_0002_0003.
const RESERVED: &str = r#"{"print": {"hms": [{"attr": 117448705, "code": 131075}]}}"#;

fn lines(bytes: &[u8]) -> Vec<String> {
    text(bytes).lines().map(str::to_owned).collect()
}

fn json_lines(bytes: &[u8]) -> Vec<Value> {
    text(bytes).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

/// The title `hms explain --json` gives a code.
fn title(code: &str) -> String {
    let items: Value = serde_json::from_slice(&hms(&["explain", "--json", code], "").stdout).unwrap();
    items[0]["title"].as_str().unwrap_or_else(|| panic!("no title for {code}")).to_owned()
}

#[test]
fn compact_text_gives_one_line_per_hms_entry_and_print_error() {
    let out = hms(&["decode", "--compact"], &format!("{REPORT}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        lines(&out.stdout),
        [
            "0701_0100_0001_0004\terror\tAMS B assist motor does not keep its commanded speed".to_owned(),
            format!("0700_2000_0002_0003\twarning\t{}", title("0700_2000_0002_0003")),
            format!("0300-400C\terror\t{}", title("0300-400C")),
        ]
    );
}

#[test]
fn compact_json_keeps_the_keys_and_values_of_the_whole_explanation() {
    let input = format!("{REPORT}\n\n{REPORT}\n");
    let compact = hms(&["decode", "--json", "--compact"], &input);
    let whole = hms(&["decode", "--json"], &input);
    assert_eq!(compact.status.code(), Some(0), "{}", text(&compact.stderr));
    let (compact, whole) = (json_lines(&compact.stdout), json_lines(&whole.stdout));
    assert_eq!(compact.len(), 6);
    assert_eq!(compact.len(), whole.len());
    for (small, full) in compact.iter().zip(&whole) {
        let mut keys: Vec<_> = small.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["code", "known", "level", "line", "title"], "{small}");
        for key in keys {
            assert_eq!(small[key], full[key], "{key}: {small} against {full}");
        }
    }
    let codes: Vec<_> = compact.iter().map(|c| (c["line"].as_u64().unwrap(), c["code"].as_str().unwrap())).collect();
    assert_eq!(
        codes,
        [
            (1, "0701_0100_0001_0004"),
            (1, "0700_2000_0002_0003"),
            (1, "0300-400C"),
            (3, "0701_0100_0001_0004"),
            (3, "0700_2000_0002_0003"),
            (3, "0300-400C")
        ]
    );
    assert_eq!(compact[2]["level"], serde_json::json!({"id": 1, "name": "error"}));
    // Small: a few dozen bytes a code, not the whole explanation.
    assert!(compact.iter().all(|c| c.to_string().len() < 200), "{compact:?}");
}

#[test]
fn compact_names_an_unknown_code_by_its_structure_and_exits_1() {
    let out = hms(&["decode", "--compact"], UNKNOWN);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(lines(&out.stdout), ["0300_9900_0002_7877\twarning\tunknown: module 03 MC (Motion Controller)"]);
    let out = hms(&["decode", "--json", "--compact"], UNKNOWN);
    assert_eq!(out.status.code(), Some(1));
    let item = &json_lines(&out.stdout)[0];
    assert_eq!(item["code"], "0300_9900_0002_7877");
    assert_eq!(item["known"], false);
    assert_eq!(item["title"], Value::Null);
    assert_eq!(item["level"]["name"], "warning");
}

#[test]
fn compact_reports_a_malformed_line_and_decodes_the_ones_around_it() {
    let input = format!("{REPORT}\nnot json at all\n{{\"print\": {{\"hms\": [\n{RESERVED}\n");
    let whole = hms(&["decode"], &input);
    for args in [&["decode", "--compact"][..], &["decode", "--json", "--compact"]] {
        let out = hms(args, &input);
        // The same errors and exit status as the whole form.
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stderr), text(&whole.stderr), "{args:?}");
        assert_eq!(
            text(&out.stderr),
            "hms: line 2: column 2: expected ident\nhms: line 3: the JSON object starting here never ends\n"
        );
        assert_eq!(text(&out.stdout).lines().count(), 4, "{args:?}: {}", text(&out.stdout));
    }
    let out = hms(&["decode", "--json", "--compact"], &input);
    let lines: Vec<_> = json_lines(&out.stdout).iter().map(|c| c["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [1, 1, 1, 4]);
}

#[test]
fn compact_shows_the_reported_code_and_the_title_of_its_key() {
    let out = hms(&["decode", "--compact"], RESERVED);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let expected = format!("0700_2001_0002_0003\twarning\t{}", title("0700_2000_0002_0003"));
    assert_eq!(lines(&out.stdout), [expected]);
    let out = hms(&["decode", "--json", "--compact"], RESERVED);
    let item = &json_lines(&out.stdout)[0];
    assert_eq!(item["code"], "0700_2001_0002_0003");
    assert_eq!(item["key"], "0700_2000_0002_0003");
    assert_eq!(item["known"], true);
    assert_eq!(item["title"], "AMS A slot 1 filament may be broken inside the AMS");
}
