//! How much of Bambu's published code list the catalog explains may only grow. The counts
//! are those of docs/COVERAGE.md (`hms_model::coverage`); raise a floor when content lands.

use std::path::PathBuf;

use hms_catalog::lookup;
use hms_model::coverage::{Coverage, Severity};
use hms_model::official::{OfficialFacts, parse_facts};

/// Official codes with an entry of the catalog's own (title and meaning).
const TITLED_FLOOR: usize = 6489;
/// Official errors with a procedure.
const ERRORS_WITH_PROCEDURE_FLOOR: usize = 1961;
/// Official warnings with a procedure.
const WARNINGS_WITH_PROCEDURE_FLOOR: usize = 4067;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load() -> (hms_model::Catalog, OfficialFacts) {
    let catalog = hms_model::load(&root().join("catalog.yaml"), "catalog.yaml").expect("catalog.yaml reads");
    let source =
        std::fs::read_to_string(root().join("catalog/official.tsv")).expect("catalog/official.tsv is committed");
    let facts = parse_facts(&source, "catalog/official.tsv", &catalog).expect("catalog/official.tsv reads");
    (catalog, facts)
}

#[test]
fn coverage_does_not_fall_below_its_floors() {
    let (catalog, facts) = load();
    let coverage = Coverage::new(&catalog, &facts);
    let all = coverage.count(|_| true);
    let errors = coverage.count(|c| c.severity == Severity::Error);
    let warnings = coverage.count(|c| c.severity == Severity::Warning);
    println!("official codes: {}", all.official);
    println!("with an own title: {} (floor {TITLED_FLOOR})", all.titled);
    println!(
        "errors with a procedure: {} of {} (floor {ERRORS_WITH_PROCEDURE_FLOOR})",
        errors.with_procedure, errors.official
    );
    println!(
        "warnings with a procedure: {} of {} (floor {WARNINGS_WITH_PROCEDURE_FLOOR})",
        warnings.with_procedure, warnings.official
    );
    let mut fell = Vec::new();
    for (what, now, floor) in [
        ("codes with an own title", all.titled, TITLED_FLOOR),
        ("errors with a procedure", errors.with_procedure, ERRORS_WITH_PROCEDURE_FLOOR),
        ("warnings with a procedure", warnings.with_procedure, WARNINGS_WITH_PROCEDURE_FLOOR),
    ] {
        if now < floor {
            fell.push(format!("{what}: {now}, below the floor of {floor}"));
        }
    }
    assert!(fell.is_empty(), "coverage fell: {fell:#?}");
}

/// `Catalog::entry_for`, which the coverage counts go through, must pick the entry the
/// runtime `lookup` answers with, for every official code.
#[test]
fn coverage_links_each_code_to_the_entry_lookup_finds() {
    let (catalog, facts) = load();
    let mut differ = Vec::new();
    for code in &facts.codes {
        let any = code.code();
        let found = lookup(any);
        // The whole entry, all its patterns as the catalog writes them, on both sides.
        let runtime = found.entry().map(|e| {
            let patterns: Vec<String> = e.patterns().map(|p| p.to_string()).collect();
            (patterns.join(", "), found.procedure().is_some())
        });
        let model = catalog.entry_for(code.code()).map(|e| (e.spelled(), e.procedure.is_some()));
        if runtime != model {
            differ.push(format!("{any}: lookup {runtime:?}, entry_for {model:?}"));
        }
    }
    assert!(differ.is_empty(), "{} codes differ: {differ:#?}", differ.len());
    assert!(facts.codes.iter().any(|c| catalog.entry_for(c.code()).is_some_and(|e| e.has_family())));
}
