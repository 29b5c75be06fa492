//! The report reader (`hms_catalog::report`) and the answers of what it finds, on arbitrary
//! input: MQTT reports, broken JSON, bytes that are not UTF-8, read whole and line by line as
//! `hms decode` reads a stream. Every outcome is fine; a panic is not, and every code found
//! serializes into the JSON shape of an answer.

use hms_catalog::report::{Reported, read};
use hms_catalog::{Lang, lookup};

/// One input. The fuzz target's body, which `cargo test` also runs on every seed
/// (tests/tests/fuzz_seeds.rs).
pub fn check(data: &[u8]) {
    for report in std::iter::once(data).chain(data.split(|&b| b == b'\n')) {
        let found = match read(report) {
            Ok(found) => found,
            Err(e) => {
                assert!(!e.to_string().is_empty(), "an unreadable report says why");
                continue;
            }
        };
        for item in found {
            match item {
                Ok(Reported { field, code }) => {
                    let answer = lookup(code).answer(None, Lang::En);
                    let json = serde_json::to_string(&answer).expect("an answer serializes");
                    assert!(json.contains(&format!("\"code\":\"{code}\"")), "{field}: {json}");
                }
                Err(e) => assert!(!e.to_string().is_empty(), "a bad entry says why"),
            }
        }
    }
}
