//! Pins the byte size of the compiled-in tables (the facts and the catalog; official texts
//! are not committed, so they are not pinned), so a size change shows up in review. When a
//! change to catalog.yaml or the official facts moves these numbers on purpose, update them
//! here and in docs/SIZE.md.

use hms_catalog::tables;

#[test]
fn table_sizes_are_pinned() {
    let t = tables();
    let sizes = [
        ("texts (stream and dictionary)", t.text_bytes()),
        ("procedure names", t.names.len()),
        ("entries", t.entries.len()),
        ("procedures", t.procedures.len()),
        ("lists", t.lists.len()),
        (
            "catalog indexes",
            t.hms_exact.byte_len()
                + t.hms_family.byte_len()
                + t.print_error_exact.byte_len()
                + t.print_error_family.byte_len(),
        ),
        ("official rows", t.facts.rows.len()),
        ("official row indexes", t.facts.hms.byte_len() + t.facts.print_error.byte_len()),
        (
            "official members and models",
            t.facts.byte_len() - t.facts.rows.len() - t.facts.hms.byte_len() - t.facts.print_error.byte_len(),
        ),
        ("wiki pages", t.wiki.byte_len()),
    ];
    let total: usize = sizes.iter().map(|(_, n)| n).sum();
    println!("{sizes:?} total {total}");
    assert_eq!(sizes, PINNED, "table sizes moved (total {total}); update PINNED if that is intended");
}

const PINNED: [(&str, usize); 10] = [
    ("texts (stream and dictionary)", 106914),
    ("procedure names", 2753),
    ("entries", 76301),
    ("procedures", 11518),
    ("lists", 15414),
    ("catalog indexes", 6210),
    ("official rows", 9864),
    ("official row indexes", 1464),
    ("official members and models", 4146),
    ("wiki pages", 35443),
];
