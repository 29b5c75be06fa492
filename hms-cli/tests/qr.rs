//! `hms explain --qr`: the drawing of each code's wiki page decodes to the exact wiki URL
//! (decoded with zxing-cpp through tests/qr/decode.py; skipped without it).

mod common;

#[path = "../../tests/qr/decode.rs"]
mod decode;

use common::hms;
use decode::{CASES, Decoder, drawings};

#[test]
fn explain_qr_draws_one_code_per_code_after_its_text() {
    let out = hms(&["explain", "--qr", "0300_0100_0001_0007", "0300_9900_0002_7777"], "");
    // The second code is unknown: exit status 1, and still its QR code (the home page).
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(drawings(&text).len(), 2, "{text}");
    let caption =
        "  wiki page as a QR code (https://wiki.bambulab.com/en/x1/troubleshooting/hmscode/0300_0100_0001_0007):";
    assert!(text.contains(caption), "{text}");
    assert!(text.contains("  wiki page as a QR code (https://wiki.bambulab.com/en/hms/home):"), "{text}");
    // Without --qr, no drawing.
    let plain = String::from_utf8(hms(&["explain", "0300_0100_0001_0007"], "").stdout).unwrap();
    assert!(drawings(&plain).is_empty());
}

#[test]
fn qr_and_json_do_not_go_together() {
    let out = hms(&["explain", "--qr", "--json", "0300_0100_0001_0007"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
}

#[test]
fn explain_qr_decodes_to_the_wiki_url() {
    let Some(decoder) = Decoder::find() else { return };
    let mut matrices = Vec::new();
    for &(code, model, _) in CASES {
        let mut args = vec!["explain", "--qr", code];
        if let Some(model) = model {
            args.extend(["--model", model]);
        }
        let out = hms(&args, "");
        let text = String::from_utf8(out.stdout).unwrap();
        let mut drawn = drawings(&text);
        assert_eq!(drawn.len(), 1, "hms {args:?}:\n{text}");
        matrices.extend(drawn.pop());
    }
    for (&(code, model, url), text) in CASES.iter().zip(decoder.decode(&matrices)) {
        assert_eq!(text, url, "hms explain --qr {code} (model {model:?})");
    }
}
