//! `hms decode` on arbitrary input: MQTT reports, broken JSON, bytes that are not UTF-8.
//! Every outcome is fine; a panic is not.

use std::io;

use hms_catalog::Lang;
use hms_cli::View;

/// One input. The fuzz target's body, which `cargo test` also runs on every seed
/// (tests/tests/fuzz_seeds.rs).
pub fn check(data: &[u8]) {
    let view = View { model: None, lang: Lang::En };
    for (json, compact) in [(false, false), (true, false), (false, true), (true, true)] {
        let form = hms_cli::decode::Form { json, compact };
        let outcome = hms_cli::decode::run(data, form, view, &mut io::sink(), &mut io::sink());
        outcome.expect("writing to a sink never fails");
    }
}
