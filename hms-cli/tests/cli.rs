//! The `hms` binary: output, JSON keys, exit status, and bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::thread;

mod common;

use common::{hms, text};

/// Runs `hms args` with `stdin` written by another thread, so a large input cannot fill the
/// pipe while the output is not being read. Also gives the peak resident memory in KiB (Linux),
/// read once all the input is written and before stdin closes: by then all but the last
/// pipe-full of it has been read.
fn hms_fed(args: &[&str], stdin: Vec<u8>) -> (Output, Option<u64>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hms"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hms runs");
    let mut pipe = child.stdin.take().unwrap();
    let pid = child.id();
    let writer = thread::spawn(move || {
        let written = pipe.write_all(&stdin);
        let peak = peak_rss_kib(pid);
        drop(pipe);
        written.map(|()| peak)
    });
    let out = child.wait_with_output().unwrap();
    let peak = writer.join().unwrap().expect("hms reads all its input");
    (out, peak)
}

/// `VmHWM` of a running process, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Peak memory a run may use, whatever its input (Linux only).
const PEAK_RSS_KIB: u64 = 64 << 10;

fn assert_bounded(peak: Option<u64>, what: &str) {
    match peak {
        Some(kib) => {
            println!("{what}: peak resident memory {kib} KiB");
            assert!(kib < PEAK_RSS_KIB, "{what}: peak resident memory {kib} KiB");
        }
        None => println!("{what}: peak memory not measured (no /proc)"),
    }
}

/// A report with one HMS entry, as a printer sends it on one line.
const REPORT: &str = r#"{"print": {"hms": [{"attr": 117506304, "code": 65540}], "print_error": 0}}"#;

/// Asserts `stdout` decoded the report of each of `lines`, and `stderr` holds only `hms: line
/// N: ...` messages and no panic.
fn assert_decoded_around(out: &Output, lines: &[usize]) {
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for n in lines {
        assert!(stdout.contains(&format!("line {n}, print.hms[0]:\n0701_0100_0001_0004")), "line {n}: {stdout}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.lines().all(|l| l.starts_with("hms: line ")), "{stderr}");
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
    assert_eq!(item["model"], "H2D");
    assert_eq!(item["lang"], "de");
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

#[test]
fn list_fills_titles_and_shows_families_as_ranges() {
    let out = hms(&["list"], "");
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(!stdout.contains('{'), "a placeholder left: {}", stdout.lines().find(|l| l.contains('{')).unwrap());
    let line = |pattern: &str| stdout.lines().find(|l| l.starts_with(pattern)).unwrap_or_else(|| panic!("{pattern}"));
    // An exact code: its title as explain shows it.
    assert!(line("0700_2000_0002_0003").ends_with("AMS A slot 1 filament may be broken inside the AMS"));
    // A family: each varying value as its range.
    assert!(line("07xx_2x00_0002_0003").contains(" AMS A-Z slot 1-4 "), "{}", line("07xx_2x00_0002_0003"));
    assert!(line("1A00_0x00_0002_0001").contains("slot 1-6"), "{}", line("1A00_0x00_0002_0001"));
}

#[test]
fn decode_reports_binary_garbage_by_line_and_decodes_around_it() {
    let mut input = format!("{REPORT}\n").into_bytes();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut lines = 1;
    for _ in 0..256 << 10 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let byte = (state >> 24) as u8;
        lines += usize::from(byte == b'\n');
        input.push(byte);
    }
    input.extend_from_slice(format!("\n{REPORT}\n").as_bytes());
    lines += 2;
    let (out, _) = hms_fed(&["decode"], input);
    assert_decoded_around(&out, &[1, lines]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("not UTF-8"), "{stderr}");
}

#[test]
fn decode_skips_a_100_mb_line_without_holding_it() {
    let mut input = format!("{REPORT}\n{{\"print\": {{\"hms\": \"").into_bytes();
    input.resize(input.len() + (100 << 20), b'x');
    input.extend_from_slice(format!("\"}}}}\n{REPORT}\n").as_bytes());
    let (out, peak) = hms_fed(&["decode"], input);
    assert_decoded_around(&out, &[1, 3]);
    assert_eq!(text(&out.stderr), "hms: line 2: longer than 1048576 bytes; skipped\n");
    assert_bounded(peak, "a 100 MB line");
}

#[test]
fn decode_reports_invalid_utf8_and_deep_nesting_by_line() {
    let mut input = format!("{REPORT}\n").into_bytes();
    input.extend_from_slice(b"\"caf\xe9\"\n");
    input.extend_from_slice(format!("{}\n{REPORT}\n", "[".repeat(100_000)).as_bytes());
    let (out, _) = hms_fed(&["decode", "--json"], input);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("hms: line 2: not UTF-8 (byte 5)"), "{stderr}");
    assert!(stderr.contains("hms: line 3: column 128: recursion limit exceeded"), "{stderr}");
    let lines: Vec<serde_json::Value> = text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.iter().map(|l| l["line"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 4]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn decode_gives_up_deep_nesting_over_many_lines() {
    let input = format!("{REPORT}\n{}{REPORT}\n", "[\n".repeat(100_000));
    let (out, peak) = hms_fed(&["decode"], input.into_bytes());
    assert_decoded_around(&out, &[1, 100_002]);
    let stderr = text(&out.stderr);
    assert_eq!(stderr, "hms: line 129: nested deeper than 127 levels; the JSON object from line 2 is skipped\n");
    assert_bounded(peak, "100,000 lines of `[`");
}

#[test]
fn decode_gives_up_an_object_that_never_closes() {
    // Short: reported where it starts when the input ends.
    let input = format!("{REPORT}\n{{\"print\": {{\"hms\": [\n{}", "{\"attr\": 1, \"code\": 2},\n".repeat(100));
    let (out, _) = hms_fed(&["decode"], input.into_bytes());
    assert_decoded_around(&out, &[1]);
    assert_eq!(text(&out.stderr), "hms: line 2: the JSON object starting here never ends\n");

    // Long: given up at the limit, its lines skipped, the report after it still decoded.
    let entries = 200_000;
    let input =
        format!("{REPORT}\n{{\"print\": {{\"hms\": [\n{}{REPORT}\n", "{\"attr\": 1, \"code\": 2},\n".repeat(entries));
    let (out, peak) = hms_fed(&["decode"], input.into_bytes());
    assert_decoded_around(&out, &[1, entries + 3]);
    assert_eq!(text(&out.stderr), "hms: line 2: the JSON object starting here is longer than 1048576 bytes; skipped\n");
    assert_bounded(peak, "an object that never closes");
}

#[test]
fn decode_stops_at_an_input_that_cannot_be_read() {
    use std::io::Read;
    // A folder opens but cannot be read; the error is reported once, not again at every line.
    let folder = std::fs::File::open(env!("CARGO_MANIFEST_DIR")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hms"))
        .arg("decode")
        .stdin(folder)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().take(64 << 10).read_to_string(&mut stderr).unwrap();
    let _ = child.kill();
    let status = child.wait().unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("hms: line 1: cannot read: "), "{stderr}");
    assert_eq!(status.code(), Some(2));
}

#[test]
fn decode_shows_each_report_before_the_input_ends() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    use std::time::Duration;
    let mut child = Command::new(env!("CARGO_BIN_EXE_hms"))
        .arg("decode")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{REPORT}").unwrap();
    stdin.flush().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    // The input stays open: the report must come out while hms waits for more. The long wait
    // only keeps a broken build from hanging the test run.
    let first = receiver.recv_timeout(Duration::from_secs(60));
    drop(stdin);
    assert_eq!(first.as_deref(), Ok("line 1, print.hms[0]:"));
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn explain_gives_the_alert_class_and_the_buttons_the_model_offers() {
    let out = hms(&["explain", "0300-8014", "--model", "H2C"], "");
    assert!(out.status.success());
    let shown = text(&out.stdout);
    assert!(shown.contains("  alert:   fault\n"), "{shown}");
    assert!(shown.contains("  The printer offers: Resume, problem solved; Open the assistant\n"), "{shown}");
    // The H2D's list offers nothing for it; without a model there is no list to read.
    for args in [&["explain", "0300-8014", "--model", "H2D"][..], &["explain", "0300-8014"]] {
        assert!(!text(&hms(args, "").stdout).contains("offers"), "{args:?}");
    }
    let cancelled = text(&hms(&["explain", "0300-400C"], "").stdout);
    assert!(cancelled.contains("  alert:   status\n"), "{cancelled}");

    let json: serde_json::Value =
        serde_json::from_slice(&hms(&["explain", "--json", "0300-8014", "--model", "H2C"], "").stdout).unwrap();
    assert_eq!(json[0]["alert"], "fault");
    assert_eq!(
        json[0]["actions"],
        serde_json::json!([
            {"id": 4, "label": "Resume, problem solved", "name": "resume_printing_problem_solved"},
            {"id": 6, "label": "Open the assistant", "name": "check_assistant"},
        ])
    );
    let silent: serde_json::Value =
        serde_json::from_slice(&hms(&["explain", "--json", "0500_0100_0002_000B", "--model", "X2D"], "").stdout)
            .unwrap();
    assert_eq!((&silent[0]["alert"], &silent[0]["silent"]), (&serde_json::json!("silent"), &serde_json::json!(true)));
}

#[test]
fn watch_replays_a_capture_with_reports_over_lines_and_bad_lines() {
    let capture = concat!(
        r#"{"print": {"hms": [{"attr": 117448704, "code": 131075}], "print_error": 0}}"#,
        "\n",
        "not json\n",
        "{\n  \"print\": {\n    \"hms\": [],\n    \"print_error\": 50348044\n  }\n}\n",
        r#"{"print": {"hms": [], "print_error": 0}}"#,
        "\n",
    );
    let out = hms(&["watch", "--replay", "-", "--interval", "1", "--hold", "0", "--json"], capture);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let events: Vec<String> = text(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{} {} {} {}",
                v["at_ms"],
                v["event"].as_str().unwrap(),
                v["code"].as_str().unwrap(),
                v["alert"].as_str().unwrap()
            )
        })
        .collect();
    // One message a second: the bad line takes its second too; the status clears with the
    // report that no longer carries it.
    assert_eq!(
        events,
        [
            "0 raised 0700_2000_0002_0003 fault",
            "2000 cleared 0700_2000_0002_0003 fault",
            "2000 raised 0300-400C status",
            "3000 cleared 0300-400C status",
        ]
    );
    assert!(text(&out.stderr).contains("hms: line 2: column 2: expected ident"), "{}", text(&out.stderr));
}
