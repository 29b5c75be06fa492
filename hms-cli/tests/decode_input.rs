//! `decode::run` on long reports spread over many lines: read in time linear in their length,
//! with the same answers as short ones.

use hms_catalog::Lang;
use hms_cli::{Outcome, View, decode};

fn run(input: &str) -> (Outcome, String, String) {
    let (mut out, mut errors) = (Vec::new(), Vec::new());
    let view = View { model: None, lang: Lang::En };
    let outcome = decode::run(input.as_bytes(), decode::Form::default(), view, &mut out, &mut errors).unwrap();
    (outcome, String::from_utf8(out).unwrap(), String::from_utf8(errors).unwrap())
}

/// An array of `n` numbers, one per line, opened on the first line.
fn long_array(n: usize) -> String {
    let mut text = String::from("[\n");
    text.push_str(&"1,\n".repeat(n));
    text.push_str("1]\n");
    text
}

#[test]
fn a_long_value_spread_over_many_lines_is_read_once_it_closes() {
    // 300,000 lines: parsing the pending text again at every line would not finish.
    let (outcome, out, errors) = run(&long_array(300_000));
    assert_eq!(outcome, Outcome::BadInput);
    assert!(out.is_empty(), "{out}");
    assert_eq!(errors, "hms: line 1: no `print` object with `hms` or `print_error`\n");
}

#[test]
fn a_long_report_spread_over_many_lines_is_decoded() {
    let mut input = String::from("{\"print\": {\"padding\": [\n");
    input.push_str(&"{\"x\": {}},\n".repeat(20_000));
    input.push_str("0],\n\"hms\": [{\"attr\": 117448704, \"code\": 131075}]}}\n");
    input.push_str("{\"print\": {\"print_error\": 50348044}}\n");
    let (_, out, errors) = run(&input);
    assert!(errors.is_empty(), "{errors}");
    assert!(out.contains("line 1, print.hms[0]:") && out.contains("0700_2000_0002_0003"), "{out}");
    assert!(out.contains("line 20004, print.print_error:") && out.contains("0300-400C"), "{out}");
}

#[test]
fn a_broken_line_in_a_long_report_is_reported_at_its_line() {
    let mut input = long_array(20_000);
    input.insert_str(input.len() - 3, "oops\n");
    let (outcome, _, errors) = run(&input);
    assert_eq!(outcome, Outcome::BadInput);
    assert!(errors.starts_with("hms: line 20002: column 1: "), "{errors}");
}

#[test]
fn a_long_report_that_never_closes_is_reported_where_it_starts() {
    let mut input = String::from("{\"print\":\n[\n");
    input.push_str(&"1,\n".repeat(20_000));
    let (outcome, _, errors) = run(&input);
    assert_eq!(outcome, Outcome::BadInput);
    assert_eq!(errors, "hms: line 1: the JSON object starting here never ends\n");
}
