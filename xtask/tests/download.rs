//! `regenerate --download` against a local HTTP server that serves the fixtures: the full
//! download and import, unchanged lists (201), retries, and each way a reply can be wrong,
//! after which nothing is written.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{Root, fixture};
use xtask::official::download::{Limits, Settings, regenerate_download};

const FACTS: &str = "catalog/official.tsv";
const VER: &str = "202501010000";

/// What the server answers.
enum Reply {
    /// A status and a body.
    Body(u16, Vec<u8>),
    /// A Content-Length larger than the body sent, then the connection closes.
    Truncated(Vec<u8>),
    /// Accepts and never answers (until long after the client's timeout).
    Hang,
}

type Handler = dyn Fn(&str, usize) -> Reply + Send + Sync;

/// A server on loopback; the handler gets each request's path and query, and how many times
/// the same one came before.
struct Server {
    base: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(handler: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let log = Arc::clone(&requests);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (log, handler) = (Arc::clone(&log), Arc::clone(&handler));
                thread::spawn(move || serve(stream, &log, &*handler));
            }
        });
        Server { base, requests }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn serve(mut stream: TcpStream, log: &Mutex<Vec<String>>, handler: &Handler) {
    let mut head = Vec::new();
    let mut byte = [0; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 8192 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split(' ').nth(1).unwrap_or("").to_owned();
    let before = {
        let mut log = log.lock().unwrap();
        let before = log.iter().filter(|p| **p == path).count();
        log.push(path.clone());
        before
    };
    let (status, body, length) = match handler(&path, before) {
        Reply::Body(status, body) => (status, body.clone(), body.len()),
        Reply::Truncated(body) => (200, body.clone(), body.len() + 100),
        Reply::Hang => {
            thread::sleep(Duration::from_secs(5));
            return;
        }
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} Reply\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nConnection: \
         close\r\n\r\n"
    );
    let _ = stream.write_all(&body);
}

/// The query parameters of `path`.
fn query(path: &str) -> BTreeMap<String, String> {
    let query = path.split_once('?').map_or("", |(_, q)| q);
    query.split('&').filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
}

/// The fixture for a request, `result` 0 added where the fixture has none; a list with no
/// entries for models and languages without one.
fn fixture_reply(path: &str) -> Reply {
    let q = query(path);
    let prefix = q.get("d").cloned().unwrap_or_default();
    let (name, empty) = if path.starts_with("/hms/GetActionImage.php") {
        (format!("hms_action_{prefix}.json"), format!(r#"{{"result":0,"t":1,"ver":{VER},"data":[]}}"#))
    } else if path.starts_with("/query.php") {
        let lang = q.get("lang").cloned().unwrap_or_default();
        let section = format!(r#"{{"ver":{VER},"{lang}":[]}}"#);
        let empty =
            format!(r#"{{"result":0,"t":1,"ver":{VER},"data":{{"device_hms":{section},"device_error":{section}}}}}"#);
        (format!("hms_{lang}_{prefix}.json"), empty)
    } else {
        return Reply::Body(404, b"not found".to_vec());
    };
    let found = ["bambustudio", "older"].iter().map(|dir| fixture(&format!("{dir}/{name}"))).find(|p| p.exists());
    let Some(found) = found else { return Reply::Body(200, empty.into_bytes()) };
    let mut json: serde_json::Value = serde_json::from_slice(&std::fs::read(found).unwrap()).unwrap();
    if let Some(object) = json.as_object_mut() {
        object.entry("result").or_insert(0.into());
    }
    Reply::Body(200, serde_json::to_vec_pretty(&json).unwrap())
}

fn settings(server: &Server, models: &[&str], langs: &[&str]) -> Settings {
    Settings {
        base: server.base.clone(),
        models: models.iter().map(|m| m.to_string()).collect(),
        langs: langs.iter().map(|l| l.to_string()).collect(),
        limits: Limits {
            timeout: Duration::from_secs(5),
            tries: 3,
            backoff: Duration::from_millis(1),
            ..Limits::default()
        },
        ..Settings::default()
    }
}

/// Runs the download; the progress lines beside the result.
fn run(root: &Root, settings: &Settings) -> (Result<xtask::OfficialReport, String>, Vec<String>) {
    let mut lines = Vec::new();
    let result = regenerate_download(&root.path, settings, &mut |line| lines.push(line.to_owned()));
    (result, lines)
}

/// Every file under `dir` with its contents.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for path in std::fs::read_dir(&folder).into_iter().flatten().flatten().map(|e| e.path()) {
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn every_model_and_language_is_downloaded_once_and_imported() {
    let server = Server::start(|path, _| fixture_reply(path));
    let root = Root::new("download-all");
    let (result, lines) = run(&root, &settings(&server, &[], &[]));
    let report = result.unwrap();
    assert!(report.import.errors.is_empty() && report.written, "{:?}", report.import.errors);
    // Five prefixes, each in every language Bambu publishes, and five action lists.
    let langs = hms_model::official::LANGS;
    assert_eq!(report.import.inputs, [5 * langs.len(), 5, 0, 0]);
    assert_eq!(root.lines_of(FACTS, "0300400C"), ["err\t0300400C\tA1,H2D,H2C\t-\tH2D:6+9+11\t-"]);

    // X1 and X1C share 00M: one request each; every version asked is 0 (nothing kept yet).
    let requests = server.requests();
    let mut expected = Vec::new();
    for prefix in ["00M", "039", "094", "31B", "20P"] {
        for lang in langs {
            expected.push(format!("/query.php?lang={lang}&d={prefix}&v=0"));
        }
        expected.push(format!("/hms/GetActionImage.php?v=0&d={prefix}"));
    }
    assert_eq!(requests, expected);
    assert_eq!(lines.len(), 5 * (langs.len() + 1), "{lines:#?}");
    assert!(lines[0].starts_with("fetch hms_en_00M.json ... ") && lines[0].ends_with(" s"), "{}", lines[0]);
    let kept = snapshot(&root.path.join("catalog/downloads"));
    assert_eq!(kept.len(), 5 * (langs.len() + 1));
    assert!(kept.contains_key("hms_zh-cn_31B.json") && kept.contains_key("hms_action_094.json"));
}

#[test]
fn models_are_prefixes_or_ids_and_each_prefix_is_fetched_once() {
    let server = Server::start(|path, _| fixture_reply(path));
    let root = Root::new("download-models");
    let (result, _) = run(&root, &settings(&server, &["X1", "x1c", "094", "h2d"], &["EN", "zh-Hans"]));
    assert!(result.unwrap().import.errors.is_empty());
    let prefixes: Vec<String> = server.requests().iter().map(|p| query(p)["d"].clone()).collect();
    assert_eq!(prefixes, ["00M", "00M", "00M", "094", "094", "094"]);
    assert!(server.requests()[1].contains("lang=zh-cn"));

    let (result, _) = run(&root, &settings(&server, &["nope!"], &[]));
    assert!(result.unwrap_err().contains("`nope!` is neither a serial prefix"));
}

#[test]
fn an_unchanged_list_reuses_the_kept_copy() {
    // 201 whenever the client names a version: it has the current list.
    let server = Server::start(|path, _| {
        if query(path)["v"] == "0" {
            fixture_reply(path)
        } else {
            Reply::Body(200, br#"{"result":201,"t":1}"#.to_vec())
        }
    });
    let root = Root::new("download-201");
    let settings = settings(&server, &["094"], &["en", "de"]);
    assert!(run(&root, &settings).0.unwrap().written);
    let before = root.read(FACTS).unwrap();
    std::fs::remove_file(root.path.join(FACTS)).unwrap();

    let (result, lines) = run(&root, &settings);
    let report = result.unwrap();
    assert!(report.import.errors.is_empty() && report.written, "{:?}", report.import.errors);
    assert_eq!(root.read(FACTS).unwrap(), before);
    let second: Vec<String> = server.requests().split_off(3);
    assert_eq!(
        second,
        [
            format!("/query.php?lang=en&d=094&v={VER}"),
            format!("/query.php?lang=de&d=094&v={VER}"),
            format!("/hms/GetActionImage.php?v={VER}&d=094"),
        ]
    );
    assert!(lines[0].contains(&format!("unchanged since {VER}: catalog/downloads/hms_en_094.json")), "{lines:#?}");
}

#[test]
fn unchanged_without_a_kept_copy_is_an_error() {
    let server = Server::start(|_, _| Reply::Body(200, br#"{"result":201}"#.to_vec()));
    let root = Root::new("download-201-none");
    let (result, _) = run(&root, &settings(&server, &["094"], &["en"]));
    let error = result.unwrap_err();
    assert!(error.ends_with("/query.php?lang=en&d=094&v=0: `result` 201 (unchanged) to a request for the full list"));
    assert!(root.read(FACTS).is_none());
}

#[test]
fn a_server_error_is_retried() {
    let server =
        Server::start(|path, before| if before == 0 { Reply::Body(503, Vec::new()) } else { fixture_reply(path) });
    let root = Root::new("download-retry");
    let (result, lines) = run(&root, &settings(&server, &["094"], &["en"]));
    assert!(result.unwrap().written);
    assert_eq!(server.requests().len(), 4);
    assert_eq!(lines[0], "fetch hms_en_094.json ... HTTP status 503; try 2 of 3 in 0.0 s");
}

/// Runs a download against a server that answers every request with `reply` on a root that
/// holds an earlier import: the run fails with an error containing `expected`, and no file
/// changed.
fn fails_and_writes_nothing(name: &str, reply: fn() -> Reply, limits: Limits, expected: &str) -> Vec<String> {
    let good = Server::start(|path, _| fixture_reply(path));
    let root = Root::new(name);
    assert!(run(&root, &settings(&good, &["094"], &["en"])).0.unwrap().written);
    let before = snapshot(&root.path);
    assert!(before.contains_key(FACTS) && before.contains_key("catalog/downloads/hms_en_094.json"));

    // The action list fails after the texts arrived.
    let bad = Server::start(move |path, _| if path.contains("Action") { reply() } else { fixture_reply(path) });
    let mut settings = settings(&bad, &["094"], &["en"]);
    settings.limits = limits;
    let error = run(&root, &settings).0.unwrap_err();
    assert!(error.contains(expected), "{error}");
    assert!(error.starts_with(&format!("{}/hms/GetActionImage.php?v=", bad.base)), "{error}");
    assert_eq!(snapshot(&root.path), before, "nothing written");
    bad.requests()
}

fn quick() -> Limits {
    Limits { timeout: Duration::from_secs(5), tries: 3, backoff: Duration::from_millis(1), ..Limits::default() }
}

#[test]
fn a_server_error_every_time_fails_after_the_retries() {
    let requests =
        fails_and_writes_nothing("download-500", || Reply::Body(500, Vec::new()), quick(), "HTTP status 500");
    assert_eq!(requests.iter().filter(|p| p.contains("Action")).count(), 3);
}

#[test]
fn a_client_error_is_not_retried() {
    let requests =
        fails_and_writes_nothing("download-404", || Reply::Body(404, Vec::new()), quick(), "HTTP status 404");
    assert_eq!(requests.iter().filter(|p| p.contains("Action")).count(), 1);
}

#[test]
fn a_truncated_body_fails() {
    let reply = || Reply::Truncated(br#"{"result":0,"data":[]}"#.to_vec());
    fails_and_writes_nothing(
        "download-truncated",
        reply,
        quick(),
        "truncated body: the connection closed before the end of its 122 bytes",
    );
}

#[test]
fn a_body_that_is_not_json_fails() {
    let reply = || Reply::Body(200, b"<html>busy</html>".to_vec());
    fails_and_writes_nothing(
        "download-html",
        reply,
        quick(),
        "not JSON: not valid JSON here: look for a missing comma, colon, quote or bracket, or text after the end (line 1, column 1)",
    );
}

#[test]
fn a_result_other_than_0_or_201_fails() {
    let reply = || Reply::Body(200, br#"{"result":-1,"data":[]}"#.to_vec());
    fails_and_writes_nothing(
        "download-result",
        reply,
        quick(),
        "`result` -1, expected 0 (the list) or 201 (unchanged)",
    );
}

#[test]
fn a_body_over_the_limit_fails() {
    let reply = || Reply::Body(200, vec![b' '; 1 << 20]);
    let limits = Limits { max_body: 256 << 10, ..quick() };
    fails_and_writes_nothing("download-limit", reply, limits, "body larger than the limit of 262144 bytes");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let started = Instant::now();
    let limits = Limits { timeout: Duration::from_millis(200), tries: 2, ..quick() };
    let requests =
        fails_and_writes_nothing("download-timeout", || Reply::Hang, limits, "timed out after 0.2 s (after 2 tries)");
    assert_eq!(requests.iter().filter(|p| p.contains("Action")).count(), 2);
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[test]
fn check_mode_writes_nothing_and_keeps_no_download() {
    let server = Server::start(|path, _| fixture_reply(path));
    let root = Root::new("download-check");
    let mut settings = settings(&server, &["094"], &["en"]);
    settings.options.check = true;
    let report = run(&root, &settings).0.unwrap();
    assert!(!report.written && report.failed());
    assert!(snapshot(&root.path).keys().all(|k| k == "catalog.yaml"), "{:?}", snapshot(&root.path).keys());
}

#[test]
fn the_command_shows_progress_on_stderr_and_fails_with_a_status() {
    let server =
        Server::start(
            |path, _| if path.contains("lang=de") { Reply::Body(404, Vec::new()) } else { fixture_reply(path) },
        );
    let root = Root::new("download-command");
    let xtask = |langs: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["--root", &root.path.display().to_string(), "regenerate", "--download", "--models", "094"])
            .args(["--langs", langs, "--base-url", &server.base, "--timeout", "5"])
            .output()
            .unwrap()
    };
    let out = xtask("en");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.starts_with("fetch hms_en_094.json ... ") && stderr.contains("\nfetch hms_action_094.json ... "));
    assert!(stdout.contains("took "), "{stdout}");

    let before = snapshot(&root.path);
    let out = xtask("en,de");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.ends_with("/query.php?lang=de&d=094&v=0: HTTP status 404\n"), "{stderr}");
    assert_eq!(snapshot(&root.path), before);
}
