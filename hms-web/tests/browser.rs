//! The web page in a real browser: headless Chromium driven over WebDriver (chromedriver),
//! the page opened from disk as `cargo xtask site` builds it.
//!
//! Needs Debian's `chromium` and `chromium-driver` and a built page (`target/site`, or
//! `$HMS_SITE_DIR`). Without them the test says what it skipped; with `HMS_BROWSER_TEST=1`
//! (`.ci/run` sets it) a missing piece fails it. `HMS_SCREENSHOT` names a PNG file to write the
//! screenshot of an answer to (the README's). The load time and the time of each answer are
//! printed (`--nocapture`), measured by the page itself: a report, not an assertion.

#[path = "../../tests/qr/decode.rs"]
mod decode;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// The seed of the brief: broken filament in AMS A slot 1, as the printer uses the code.
const SEED: &str = "HMS_0700-2000-0002-0003";
const SEED_TITLE: &str = "AMS A slot 1 filament may be broken inside the AMS";

fn required() -> bool {
    std::env::var_os("HMS_BROWSER_TEST").is_some_and(|v| v == "1")
}

/// Says why the test cannot run, and fails when it must.
fn skip(why: &str) {
    assert!(!required(), "HMS_BROWSER_TEST=1, but {why}");
    println!("skipped: {why}");
}

fn site_dir() -> PathBuf {
    std::env::var_os("HMS_SITE_DIR")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site"), PathBuf::from)
}

/// chromedriver on a free port of 127.0.0.1, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver() -> Option<Driver> {
    let port = TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let driver = Driver { child, port };
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if start.elapsed() > Duration::from_secs(20) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(driver)
}

async fn connect(driver: &Driver, profile: &Path) -> Client {
    let chromium = std::env::var("HMS_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let args = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1000,1400",
    ];
    let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), json!({ "binary": chromium, "args": args }));
    // Every request the page makes, read back by `requests`.
    caps.insert("goog:loggingPrefs".into(), json!({ "performance": "ALL" }));
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

/// Runs `script` in the page and returns its value.
async fn eval(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Opens the page (with `hash`) and waits for it to be ready.
async fn open(c: &Client, index: &Path, hash: &str) {
    let url = format!("file://{}{hash}", index.display());
    c.goto(&url).await.expect("the page opens");
    // A new hash on the same document does not reload it: load it afresh.
    c.refresh().await.expect("the page reloads");
    c.wait().for_element(Locator::Css("body[data-ready='true']")).await.expect("the page gets ready");
}

/// Puts `text` in the field as a paste would, in one input event.
async fn paste(c: &Client, id: &str, text: &str) {
    let script = format!(
        "const e = document.getElementById({}); e.value = {}; e.dispatchEvent(new Event('input')); return true;",
        json!(id),
        json!(text)
    );
    eval(c, &script).await;
}

async fn text_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).text().await.unwrap()
}

/// The QR code drawn in the answer, read back from its SVG path (`M x y h1v1h-1z` per dark
/// module, inside the quiet zone).
async fn qr_matrix(c: &Client) -> decode::Matrix {
    let svg = c.find(Locator::Css("#answer svg.qr")).await.expect("a QR code");
    let size: usize = svg.attr("data-size").await.unwrap().expect("data-size").parse().unwrap();
    let path = c.find(Locator::Css("#answer svg.qr path")).await.unwrap().attr("d").await.unwrap().unwrap();
    let mut matrix = vec![vec![false; size]; size];
    for module in path.split('M').filter(|m| !m.is_empty()) {
        let mut numbers = module.trim_end_matches("h1v1h-1z").split(' ');
        let x: usize = numbers.next().unwrap().parse().unwrap();
        let y: usize = numbers.next().unwrap().parse().unwrap();
        matrix[y - hms_catalog::WikiQr::QUIET_ZONE][x - hms_catalog::WikiQr::QUIET_ZONE] = true;
    }
    matrix
}

#[test]
fn the_page_answers_in_a_real_browser() {
    let site = site_dir();
    let index = site.join("index.html");
    if !index.is_file() {
        return skip(&format!("no page at {} (run `cargo xtask site`)", site.display()));
    }
    let Some(driver) = start_driver() else {
        return skip("chromedriver cannot be started (Debian packages chromium and chromium-driver)");
    };
    let profile = std::env::temp_dir().join(format!("hms-web-chromium-{}", std::process::id()));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let c = connect(&driver, &profile).await;
        let index = index.canonicalize().unwrap();
        check_the_page(&c, &index).await;
        c.close().await.unwrap();
    });
    let _ = std::fs::remove_dir_all(&profile);
}

async fn check_the_page(c: &Client, index: &Path) {
    open(c, index, "").await;

    // The seed's code, typed key by key: its title, its steps, its QR code.
    let field = c.find(Locator::Id("code")).await.unwrap();
    field.send_keys(SEED).await.unwrap();
    assert_eq!(text_of(c, "#answer h2.title").await, SEED_TITLE);
    let steps = c.find_all(Locator::Css("#answer section.procedure ol.steps li")).await.unwrap();
    assert!(steps.len() >= 3, "{} steps", steps.len());
    let url = c.find(Locator::Css("#answer a.wiki-url")).await.unwrap().attr("href").await.unwrap().unwrap();
    assert!(url.starts_with("https://wiki.bambulab.com/en/"), "{url}");
    match decode::Decoder::find() {
        Some(decoder) => assert_eq!(decoder.decode(&[qr_matrix(c).await]), std::slice::from_ref(&url)),
        None => assert!(!required(), "HMS_BROWSER_TEST=1 needs the QR decoder (HMS_QR_PYTHON)"),
    }
    // The address now links to the code.
    assert_eq!(eval(c, "return location.hash").await, "#0700_2000_0002_0003");
    if let Some(out) = std::env::var_os("HMS_SCREENSHOT") {
        let png = c.screenshot().await.unwrap();
        std::fs::write(&out, png).expect("the screenshot is written");
    }
    let timings = eval(c, "return window.hmsTimings").await;

    // Keyboard only: the next stop after the code field is the printer.
    field.send_keys("\u{E004}").await.unwrap(); // Tab
    assert_eq!(eval(c, "return document.activeElement.id").await, "model");

    // An invalid input says why.
    paste(c, "code", "0700_20").await;
    let error = text_of(c, "#answer .error").await;
    assert!(error.starts_with("not a code: "), "{error}");

    // A real report, every code in it explained (and one with a fault put in).
    let reports = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/hms-official/ha-bambulab/reports");
    let mut pasted = 0;
    for (name, inject) in [("MOCK-MISC.json", false), ("H2D.json", true)] {
        let Ok(text) = std::fs::read_to_string(reports.join(name)) else { continue };
        let mut value: Value = serde_json::from_str(&text).unwrap();
        if inject {
            let print = find_report(&mut value).expect("an object with `hms`");
            print["hms"] = json!([{"attr": 0x0701_0100, "code": 0x0001_0004}]);
            print["print_error"] = json!(0x0300_400C);
        }
        let text = serde_json::to_string_pretty(&value).unwrap();
        let expected: Vec<String> = hms_catalog::report::read(text.as_bytes())
            .unwrap()
            .into_iter()
            .map(|r| r.unwrap().code.to_string())
            .collect();
        assert!(!expected.is_empty(), "{name} carries codes");
        paste(c, "code", &text).await;
        let mut shown = Vec::new();
        for article in c.find_all(Locator::Css("#answer article.answer")).await.unwrap() {
            shown.push(article.attr("data-code").await.unwrap().unwrap());
        }
        assert_eq!(shown, expected, "{name}");
        pasted += 1;
    }
    if pasted == 0 {
        skip("no printer reports in ../shared/hms-official/ha-bambulab/reports");
    }

    // The word search.
    paste(c, "words", "assist motor").await;
    let results = c.find_all(Locator::Css("#results li")).await.unwrap();
    assert!(!results.is_empty());
    for item in results {
        let text = item.text().await.unwrap().to_lowercase();
        assert!(text.contains("assist") && text.contains("motor"), "{text}");
    }

    // A deep link opens straight to its code.
    open(c, index, "#0300-400C").await;
    let deep = eval(c, "return window.hmsTimings").await;
    assert_eq!(text_of(c, "#answer h2.title").await, "Print job canceled");
    assert!(text_of(c, "#answer dl.facts").await.contains("status"));

    // A phone's width: nothing wider than the screen.
    c.set_window_size(390, 844).await.unwrap();
    let overflow = eval(c, "return document.documentElement.scrollWidth - window.innerWidth").await;
    let wide = eval(
        c,
        "return [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .slice(0, 5).map(e => `${e.tagName}.${e.className}#${e.id}`)",
    )
    .await;
    assert!(overflow.as_i64().unwrap() <= 0, "wider than a phone by {overflow} px: {wide}");

    // Nothing was fetched but the page's own files (every request of the session, from
    // Chromium's own log).
    let fetched = requests(c).await;
    let folder = format!("file://{}/", index.parent().unwrap().display());
    for file in ["index.html", "hms_web_wasm.js", "hms_web.js", "app.js"] {
        assert!(fetched.iter().any(|u| u.starts_with(&format!("{folder}{file}"))), "{file} not among {fetched:?}");
    }
    for url in &fetched {
        assert!(url.starts_with(&folder), "the page fetched {url}");
    }

    report(&timings, &deep);
}

/// Chromium's performance log (chromedriver's `se/log` endpoint).
#[derive(Debug)]
struct PerformanceLog;

impl fantoccini::wd::WebDriverCompatibleCommand for PerformanceLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "performance" }).to_string()))
    }
}

/// The URL of every request made for a page opened from disk since the session began (the
/// browser's own pages, `chrome://`, left out).
async fn requests(c: &Client) -> Vec<String> {
    let log = c.issue_cmd(PerformanceLog).await.expect("the performance log");
    let mut urls = Vec::new();
    for entry in log.as_array().expect("a list of log entries") {
        let message: Value = serde_json::from_str(entry["message"].as_str().unwrap_or("{}")).unwrap_or_default();
        let params = &message["message"]["params"];
        let from_disk = params["documentURL"].as_str().is_some_and(|d| d.starts_with("file://"));
        if message["message"]["method"] == "Network.requestWillBeSent" && from_disk {
            urls.extend(params["request"]["url"].as_str().map(str::to_owned));
        }
    }
    urls
}

/// The object of a report that holds its `hms` list, wherever it sits.
fn find_report(value: &mut Value) -> Option<&mut Value> {
    if value.get("hms").is_some() {
        return Some(value);
    }
    match value {
        Value::Object(map) => map.values_mut().find_map(find_report),
        _ => None,
    }
}

/// Prints what the page measured: from navigation to the first answer of a deep link, and
/// each answer while typing the seed.
fn report(timings: &Value, deep: &Value) {
    let first = deep["first"].as_f64().unwrap_or_default();
    let ready = timings["ready"].as_f64().unwrap_or_default();
    println!("deep link: first answer {first:.1} ms after navigation");
    let mut answers: Vec<f64> = timings["answers"].as_array().into_iter().flatten().filter_map(Value::as_f64).collect();
    answers.sort_by(f64::total_cmp);
    if answers.is_empty() {
        return;
    }
    let median = answers[answers.len() / 2];
    let worst = answers[answers.len() - 1];
    println!(
        "page ready {ready:.1} ms after navigation; {} answers while typing: median {median:.2} ms, slowest {worst:.2} ms",
        answers.len()
    );
}
