//! The `hms` binary: output, JSON keys, exit status, and bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn hms(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hms"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hms runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn explain_known_code_exits_0_with_steps() {
    let out = hms(&["explain", "HMS_0701-0100-0001-0004"], "");
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("0701_0100_0001_0004"), "{stdout}");
    assert!(stdout.contains("unit B"), "{stdout}");
    assert!(stdout.contains("AMS B assist motor does not keep its commanded speed"), "{stdout}");
    assert!(stdout.contains("    7. "), "numbered steps: {stdout}");
}

#[test]
fn explain_of_the_brief_code_names_both_faults() {
    let out = hms(&["explain", "0700-2000-0002-0003"], "");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("filament may be broken"), "{stdout}");
    assert!(stdout.contains("assist motor speed fault"), "{stdout}");
    assert!(stdout.contains("see also: Bring the AMS assist motor back"), "{stdout}");
    let speed = text(&hms(&["explain", "0700_0100_0001_0004"], "").stdout);
    assert!(speed.contains("0700-2000-0002-0003"), "{speed}");
}

#[test]
fn valid_but_unknown_code_exits_1() {
    let out = hms(&["explain", "0300_9900_0002_7777"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("not in the catalog"));
}

#[test]
fn bad_code_or_usage_exits_2() {
    let out = hms(&["explain", "0700_2000_0002_000G"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("invalid character 'G'"), "{}", text(&out.stderr));
    assert_eq!(hms(&["explain"], "").status.code(), Some(2));
    assert_eq!(hms(&["frobnicate"], "").status.code(), Some(2));
    assert_eq!(hms(&["list", "--module", "ZZ"], "").status.code(), Some(2));
}

#[test]
fn explain_json_has_stable_keys() {
    let out = hms(&["explain", "--json", "0702_2300_0002_0003", "0300-400C"], "");
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &items[0];
    for key in [
        "code",
        "channel",
        "known",
        "module",
        "level",
        "title",
        "meaning",
        "causes",
        "steps",
        "parts",
        "procedure",
        "note",
        "unit",
        "slot",
    ] {
        assert!(first.get(key).is_some(), "missing {key}: {first}");
    }
    assert_eq!(first["code"], "0702_2300_0002_0003");
    assert_eq!(first["known"], true);
    assert_eq!(first["unit"], "C");
    assert_eq!(first["slot"], 4);
    assert_eq!(first["level"]["name"], "warning");
    assert_eq!(first["title"], "AMS C slot 4 filament may be broken inside the AMS");
    assert!(first["steps"].as_array().unwrap().len() >= 3);
    assert_eq!(items[1]["channel"], "print_error");
    assert_eq!(items[1]["code"], "0300-400C");
}

#[test]
fn decode_reports_a_malformed_line_and_decodes_the_rest() {
    let input = concat!(
        r#"{"print": {"hms": [{"attr": 117506304, "code": 65540}], "print_error": 0}}"#,
        "\n",
        "{\"print\": {\"hms\": [\n",
        "not json at all\n",
        r#"{"print": {"hms": [{"attr": 117514240, "code": 131075}], "print_error": 0}}"#,
        "\n",
        r#"{"print": {"hms": [{"attr": "x", "code": 1}]}}"#,
        "\n",
    );
    let out = hms(&["decode"], input);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stdout.contains("line 1, print.hms[0]:") && stdout.contains("0701_0100_0001_0004"), "{stdout}");
    assert!(stdout.contains("line 4, print.hms[0]:") && stdout.contains("0701_2000_0002_0003"), "{stdout}");
    assert!(stderr.contains("line 3: column 2: expected ident"), "{stderr}");
    assert!(stderr.contains("line 5: print.hms[0]"), "{stderr}");
}

#[test]
fn decode_reads_a_pretty_printed_report_and_print_error() {
    let input = "{\n  \"print\": {\n    \"hms\": [],\n    \"print_error\": 50348044\n  }\n}\n";
    let out = hms(&["decode", "--json"], input);
    // 0300-400C is in the official lists: known, exit 0.
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let line: serde_json::Value = serde_json::from_str(text(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(line["code"], "0300-400C");
    assert_eq!(line["field"], "print.print_error");
    assert_eq!(line["line"], 1);
    assert_eq!(line["known"], true);
    assert!(!line["models"].as_array().unwrap().is_empty(), "{line}");
}

#[test]
fn explain_json_gives_the_models_and_the_wiki_page_of_a_model() {
    let out = hms(&["explain", "--json", "--model", "094", "--lang", "de", "0300_0100_0001_0007"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let item = &items[0];
    assert!(item["models"].as_array().unwrap().iter().any(|m| m == "H2D"), "{item}");
    let url = item["wiki_url"].as_str().unwrap();
    assert_eq!(url, "https://wiki.bambulab.com/en/h2/troubleshooting/hmscode/0300_0100_0001_0007");
    assert!(item.get("text").is_some() && item.get("silent").is_some());
    assert_eq!(hms(&["explain", "--model", "Z9", "0300_0100_0001_0007"], "").status.code(), Some(2));
    assert_eq!(hms(&["explain", "--lang", "xx", "0300_0100_0001_0007"], "").status.code(), Some(2));
}

#[test]
fn decode_rejects_invalid_utf8_with_its_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hms"))
        .arg("decode")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"{}\n\xff\xfe\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("line 2: not UTF-8"), "{}", text(&out.stderr));
}

#[test]
fn list_filters_by_module_and_level() {
    let out = hms(&["list", "--module", "AMS", "--level", "error"], "");
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("07xx_0100_0001_0004"), "{stdout}");
    assert!(stdout.lines().all(|l| l.starts_with("07") && l.contains("error")), "{stdout}");
}
