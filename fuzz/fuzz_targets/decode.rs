//! `hms decode` on arbitrary input: MQTT reports, broken JSON, bytes that are not UTF-8.
//! Every outcome is fine; a panic is not.

#![no_main]

use std::io;

use hms_catalog::Lang;
use hms_cli::View;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let view = View { model: None, lang: Lang::En };
    for json in [false, true] {
        let outcome = hms_cli::decode::run(data, json, view, &mut io::sink(), &mut io::sink());
        outcome.expect("writing to a sink never fails");
    }
});
