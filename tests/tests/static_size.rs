//! Pins the byte size of the compiled-in tables (the facts and the catalog; official texts
//! are not committed, so they are not pinned), so a size change shows up in review. When a
//! change to catalog.yaml or the official facts moves these numbers on purpose, update them
//! here and in docs/SIZE.md.

use hms_catalog::__unstable::tables;

#[test]
fn table_sizes_are_pinned() {
    let t = tables();
    let (c, f) = (&t.catalog, &t.facts);
    let sizes = [
        ("texts (stream, dictionary and where each text starts)", c.text_bytes()),
        ("procedure names", c.names.len()),
        ("entries", c.entries.bytes().len()),
        ("each entry's patterns, and their sides", c.patterns.bytes().len() + c.sides.bytes().len()),
        ("guide texts of the entries", c.guides.bytes().len()),
        ("procedures", c.procedures.bytes().len()),
        ("lists", c.lists.bytes().len()),
        ("rules (codes to entries)", f.rules.bytes().len()),
        ("rows", f.rows.len()),
        ("row index", f.index.byte_len()),
        (
            "prefixes, classes, member sets (each member's rule) and models",
            f.byte_len() - f.rows.len() - f.index.byte_len(),
        ),
        ("wiki pages", t.wiki.byte_len()),
        ("alert classes of entries, and silent codes", t.alerts.byte_len()),
        ("buttons per code and model", t.actions.byte_len()),
    ];
    let total: usize = sizes.iter().map(|(_, n)| n).sum();
    println!("{sizes:?} total {total}");
    assert_eq!(sizes, PINNED, "table sizes moved (total {total}); update PINNED if that is intended");
}

const PINNED: [(&str, usize); 14] = [
    ("texts (stream, dictionary and where each text starts)", 123222),
    ("procedure names", 3477),
    ("entries", 2738),
    ("each entry's patterns, and their sides", 3842),
    ("guide texts of the entries", 16428),
    ("procedures", 8856),
    ("lists", 5788),
    ("rules (codes to entries)", 7444),
    ("rows", 10017),
    ("row index", 548),
    ("prefixes, classes, member sets (each member's rule) and models", 5392),
    ("wiki pages", 35443),
    ("alert classes of entries, and silent codes", 633),
    ("buttons per code and model", 5085),
];
