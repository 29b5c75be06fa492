//! A valid catalog, damaged at random: reading answers a catalog or diagnostics, and building
//! a catalog it accepts answers tables or an error; never a panic.

use hms_model::tables::build;
use proptest::prelude::*;

const CATALOG: &str = include_str!("fixtures/small.catalog.yaml");

/// One edit: at a byte position (taken modulo the length, then moved to a character
/// boundary), delete some bytes, or insert text that matters to YAML or to the catalog.
#[derive(Clone, Debug)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, &'static str),
    Swap(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let pieces = prop::sample::select(vec![
        "[",
        "]",
        "{",
        "}",
        ":",
        "- ",
        "\n",
        "  ",
        "\t",
        "#",
        "'",
        "\"",
        "&a ",
        "*a",
        "!!str ",
        "? ",
        "|\n",
        "x",
        "0",
        "F",
        "_",
        "{ams}",
        "{slot}",
        "{index}",
        "{{",
        "}}",
        "{",
        "é",
        "\u{1}",
        "07xx_2x00_",
        "~",
        "---\n",
    ]);
    prop_oneof![
        (any::<usize>(), 1usize..8).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), pieces).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

fn boundary(s: &str, at: usize) -> usize {
    let mut at = at % (s.len() + 1);
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(source: &mut String, edit: &Edit) {
    match *edit {
        Edit::Delete(at, n) => {
            let start = boundary(source, at);
            let end = boundary(source, (start + n).min(source.len()));
            source.replace_range(start..end.max(start), "");
        }
        Edit::Insert(at, text) => {
            let at = boundary(source, at);
            source.insert_str(at, text);
        }
        Edit::Swap(a, b) => {
            // Two lines trade places.
            let mut lines: Vec<&str> = source.split('\n').collect();
            let n = lines.len();
            lines.swap(a % n, b % n);
            *source = lines.join("\n");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn a_damaged_catalog_is_read_or_refused_never_a_panic(edits in prop::collection::vec(edit(), 1..6)) {
        let mut source = CATALOG.to_owned();
        for e in &edits {
            apply(&mut source, e);
        }
        match hms_model::parse(&source, "catalog.yaml") {
            Ok(catalog) => {
                let _ = build(&catalog, None);
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                let lines = source.lines().count().max(1) + 1;
                for e in &errors {
                    prop_assert!(e.line >= 1 && e.line <= lines && e.column >= 1, "{}\n{}", e, source);
                    prop_assert!(!e.message.is_empty());
                }
            }
        }
    }
}

#[test]
fn the_undamaged_catalog_builds() {
    let catalog = hms_model::parse(CATALOG, "catalog.yaml").unwrap();
    build(&catalog, None).unwrap();
}
