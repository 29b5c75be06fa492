//! The files the import writes and the build reads: `catalog/official.tsv` (facts) and
//! `catalog/texts/<lang>.tsv`, on arbitrary text. What the readers accept is laid out in the
//! tables the `catalog!` macro emits (the facts' perfect hashes, the text tables); nothing may
//! panic, and a rejected file must say why.

use std::sync::LazyLock;

use hms_model::Catalog;
use hms_model::official::{OfficialFacts, parse_facts, parse_texts};

/// The project's catalog without its codes and procedures, which the facts and texts do not
/// need: laying out its tables once per input then costs little.
///
/// The path is from the including crate's folder (fuzz/ or tests/), each one below the
/// repository's root.
static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let mut catalog =
        hms_model::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../catalog.yaml")), "catalog.yaml")
            .expect("the project's catalog is valid");
    catalog.codes.clear();
    catalog.procedures.clear();
    catalog
});

/// A few facts for the texts to belong to.
static FACTS: LazyLock<OfficialFacts> = LazyLock::new(|| {
    let source = "hms\t0300010000010001\tH2D,X1\tx1/0300_0100_0001_0001:*\t-\n\
                  hms\t0700200000020003\tH2D\t-\t-\n\
                  err\t0300400C\tA1,H2D\t-\tH2D:6+9\n";
    parse_facts(source, "official.tsv", &CATALOG).expect("the fixed facts are valid")
});

/// The rows of those facts, as the texts are laid out beside them.
static LAYOUT: LazyLock<hms_model::tables::Built> =
    LazyLock::new(|| hms_model::tables::build(&CATALOG, Some(&FACTS)).expect("the fixed facts lay out"));

/// One input. The fuzz target's body, which `cargo test` also runs on every seed
/// (tests/tests/fuzz_seeds.rs).
pub fn check(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else { return };
    match parse_facts(source, "official.tsv", &CATALOG) {
        Ok(facts) => {
            let _ = hms_model::tables::build(&CATALOG, Some(&facts));
        }
        Err(diagnostics) => assert!(!diagnostics.is_empty(), "rejected facts say why"),
    }
    match parse_texts(source, "texts/en.tsv", &CATALOG) {
        Ok(texts) => {
            let layout = &LAYOUT.layout;
            let _ = hms_model::tables::build_texts(layout, &FACTS, &texts, "en");
        }
        Err(diagnostics) => assert!(!diagnostics.is_empty(), "rejected texts say why"),
    }
}
