//! Code spellings: `Hms::parse`, `PrintError::parse`, `AnyCode::parse` (with its fast path for
//! the common shapes), the other string parsers of the catalog, and the lookup of every code
//! that parses. A parsed code must read back the same from each spelling it is written in.

use hms_catalog::{AnyCode, Code, Hms, Lang, Model, PrintError, Spelling, lookup};
use hms_core::spelling::read_digits;

const SPELLINGS: [Spelling; 4] = [Spelling::Underscore, Spelling::Dash, Spelling::Prefixed, Spelling::Compact];

/// One input. The fuzz target's body, which `cargo test` also runs on every seed
/// (tests/tests/fuzz_seeds.rs).
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let view = view(data);

    let hms = Hms::parse(text);
    if let Ok(h) = hms {
        assert_eq!(Hms::parse(&h.to_string()), Ok(h), "{text:?}");
        for spelling in SPELLINGS {
            assert_eq!(Hms::parse(&h.spelled(spelling).to_string()), Ok(h), "{text:?} as {spelling:?}");
        }
        explain(AnyCode::Hms(h), view);
    }
    let error = PrintError::parse(text);
    if let Ok(e) = error {
        assert_eq!(PrintError::parse(&e.to_string()), Ok(e), "{text:?}");
        for spelling in SPELLINGS {
            assert_eq!(PrintError::parse(&e.spelled(spelling).to_string()), Ok(e), "{text:?} as {spelling:?}");
        }
        explain(AnyCode::PrintError(e), view);
    }
    // Both channels read the same spellings, so `AnyCode` agrees with whichever one succeeds.
    let any = AnyCode::parse(text);
    match (hms, error, any) {
        (Ok(h), _, a) => assert_eq!(a, Ok(AnyCode::Hms(h)), "{text:?}"),
        (_, Ok(e), a) => assert_eq!(a, Ok(AnyCode::PrintError(e)), "{text:?}"),
        (Err(_), Err(_), a) => assert!(a.is_err(), "{text:?} reads as {a:?} but as neither channel"),
    }
    if let Ok(a) = any {
        assert_eq!(AnyCode::parse(&a.to_string()), Ok(a), "{text:?}");
        let _ = text.parse::<Code>();
    }
    // The fast path for pasted codes must answer as the general reader does. With wildcards
    // on, the reader skips the fast path; without an `x` it reads the same digits.
    if !text.contains(['x', 'X']) {
        assert_eq!(read_digits(text, false), read_digits(text, true), "{text:?}");
    }
    let _ = text.parse::<Model>();
    let _ = text.parse::<Lang>();
}

/// The model and language to show official texts for, from the input's first byte.
fn view(data: &[u8]) -> (Option<Model>, Lang) {
    let byte = data.first().copied().unwrap_or(0) as usize;
    let model = (byte % (Model::ALL.len() + 1)).checked_sub(1).map(|i| Model::ALL[i]);
    (model, Lang::ALL[byte / 16 % Lang::ALL.len()])
}

/// Everything a lookup of `code` tells, as the JSON of its answer (every text written).
fn explain(code: AnyCode, (model, lang): (Option<Model>, Lang)) {
    let found = lookup(code);
    assert_eq!(found.code(), code);
    let json = serde_json::to_string(&found.answer(model, lang)).expect("an answer serializes");
    assert!(json.starts_with('{') && json.ends_with('}'), "{json}");
}
