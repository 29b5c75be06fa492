//! Catalogs built to hurt the reader: huge values, deep nesting, alias bombs, too many codes,
//! and keys the perfect-hash generator cannot separate. Each must end in a clear diagnostic
//! or a successful build, quickly, never in a hang, a stack overflow or a panic.

use std::fmt::Write;

use hms_core::Hms;
use hms_core::layout::bake::Part;
use hms_model::tables::{build, solve};
use hms_model::{Catalog, CodeEntry, CodePattern, Diagnostic, EntryPattern, MAX_CODES, MAX_NESTING, MAX_SOURCE_BYTES};

const HEAD: &str = "\
schema: 1
modules:
  - { id: \"07\", abbr: AMS, name: Automated Material System, lettered: true, parts: { numbers: slots, digits: 0-3 } }
levels:
  - { id: 1, variant: Error, name: error, meaning: The task stops. }
  - { id: 2, variant: Warning, name: warning, meaning: The task pauses. }
";

/// `HEAD` and one code whose title is `title`, written as is.
fn with_title(title: &str) -> String {
    format!("{HEAD}codes:\n  - code: 0700_0100_0001_0001\n    title: {title}\n    meaning: x\n")
}

/// The diagnostics of a catalog that must be refused.
fn refused(source: &str) -> Vec<Diagnostic> {
    match hms_model::parse(source, "catalog.yaml") {
        Ok(catalog) => panic!("accepted a catalog of {} codes", catalog.codes.len()),
        Err(errors) => {
            assert!(!errors.is_empty());
            errors
        }
    }
}

/// The one diagnostic of a refused catalog, as `LINE:COL: message`.
fn only_error(source: &str) -> String {
    let errors = refused(source);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    format!("{}:{}: {}", e.line, e.column, e.message)
}

#[test]
fn a_source_over_the_size_limit_is_refused_before_parsing() {
    // A 10 MB string value.
    let source = with_title(&format!("\"{}\"", "a".repeat(10 << 20)));
    assert!(source.len() > MAX_SOURCE_BYTES);
    let error = only_error(&source);
    assert!(error.starts_with(&format!("1:1: the catalog is {} bytes long", source.len())), "{error}");
    assert!(error.ends_with(&format!("more than the {MAX_SOURCE_BYTES} bytes this build reads")), "{error}");
}

#[test]
fn a_text_too_long_for_the_tables_is_refused_where_it_stands() {
    let source = with_title(&"a".repeat(1 << 20));
    assert_eq!(
        only_error(&source),
        "9:12: text of 1048576 bytes is longer than the 65535 bytes a table entry can hold"
    );
}

#[test]
fn deep_flow_sequences_are_refused() {
    let n = 10_000;
    for source in [
        with_title(&format!("{}{}", "[".repeat(n), "]".repeat(n))),
        with_title(&"[".repeat(n)),
        format!("{}{}", "[".repeat(n), "]".repeat(n)),
    ] {
        let error = only_error(&source);
        assert!(error.contains(&format!("collections nested more than {MAX_NESTING} levels deep")), "{error}");
    }
}

#[test]
fn deep_flow_mappings_are_refused_where_the_limit_is_passed() {
    let n = 10_000;
    let source = with_title(&format!("{}x{}", "{a: ".repeat(n), "}".repeat(n)));
    // The title's first map is the 4th level, so its 30th map is the first too deep.
    let column = 12 + 4 * (MAX_NESTING - 3);
    let error = only_error(&source);
    assert!(error.starts_with(&format!("9:{column}: collections nested more than")), "{error}");
}

#[test]
fn deep_block_mappings_are_refused() {
    let mut source = String::from("x:\n");
    for depth in 1..2_000 {
        let _ = writeln!(source, "{}a:", " ".repeat(depth));
    }
    let error = only_error(&source);
    assert!(error.contains("nested more than"), "{error}");
}

#[test]
fn alias_bombs_are_refused_at_the_first_alias() {
    // Billion laughs: each level repeats the one before ten times.
    let mut source = String::from(HEAD);
    source.push_str("laughs: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let _ = writeln!(source, "laughs{i}: &a{i} [{}]", vec![format!("*a{}", i - 1); 10].join(", "));
    }
    assert_eq!(only_error(&source), "8:15: aliases (`*name`) are not supported in the catalog: write the value out");

    // Flat: ten thousand aliases of one list of ten thousand, which serde_yaml's own
    // repetition limit lets through (one jump per alias) as a hundred million nodes.
    let k = 10_000;
    let source = format!("{HEAD}a: &a [{}]\nb: [{}]\n", vec!["lol"; k].join(","), vec!["*a"; k].join(","));
    assert_eq!(only_error(&source), "8:5: aliases (`*name`) are not supported in the catalog: write the value out");
}

#[test]
fn a_malformed_catalog_with_many_brackets_skips_the_slow_parse() {
    // The span pass stops at the unclosed quote; the brackets after it are never parsed.
    let source = format!("{HEAD}codes: 'unclosed\n{}\n", "[".repeat(20_000));
    let error = only_error(&source);
    assert!(error.starts_with("7:8: "), "{error}");
    assert!(error.contains("a quoted text that is not closed"), "{error}");
}

/// `n` code lines: families `07xx_PP00_0001_EEEE` when `family`, else exact codes of unit 0.
fn codes(n: usize, family: bool) -> String {
    let mut source = String::with_capacity(HEAD.len() + n * 60);
    source.push_str(HEAD);
    source.push_str("codes:\n");
    let unit = if family { "xx" } else { "00" };
    for i in 0..n {
        let code = Hms::from_parts(0x07, 0, (i / 0x1_0000) as u8, 1, (i % 0x1_0000) as u16).to_string();
        let _ = writeln!(source, "  - code: 07{unit}{}\n    title: t\n    meaning: m", &code[4..]);
    }
    source
}

#[test]
fn more_codes_than_the_tables_hold_are_refused_before_they_are_checked() {
    assert_eq!(
        only_error(&codes(100_000, true)),
        format!("8:3: 100000 codes, more than the {MAX_CODES} the tables can hold")
    );
}

#[test]
fn as_many_families_as_the_tables_hold_build() {
    // Families are checked for overlaps pairwise in effect: this many must not take
    // quadratic time.
    let catalog = hms_model::parse(&codes(MAX_CODES, true), "catalog.yaml").unwrap();
    assert_eq!(catalog.codes.len(), MAX_CODES);
    let tables = build(&catalog, None).unwrap();
    let view = tables.view();
    let found = view.find_hms(0x0703_0000_0001_FFFD).and_then(|p| view.pattern(p));
    assert_eq!(found.map(|p| (p.entry, p.key)), Some((MAX_CODES as u16 - 1, 0x0700_0000_0001_FFFD)));
    assert_eq!(view.find_hms(0x07FE_0000_0001_FFFD), None);
}

#[test]
fn one_more_code_than_the_tables_hold_is_refused_by_the_builder_too() {
    // A catalog built by hand skips the reader's limits; the builder keeps its own.
    let pattern = |key: Hms| EntryPattern { pattern: CodePattern::exact(key.into()), side: None, line: 1 };
    let entry = |i: usize| CodeEntry {
        patterns: vec![pattern(Hms::from_parts(0x07, 0, 0, 1, i as u16))],
        variant: None,
        title: "t".into(),
        meaning: "m".into(),
        causes: Vec::new(),
        procedure: None,
        see_also: None,
        note: None,
        alert: None,
        line: 1,
    };
    let catalog = Catalog { codes: (0..=MAX_CODES).map(entry).collect(), ..Catalog::default() };
    let error = build(&catalog, None).unwrap_err();
    assert!(error.contains(&format!("the tables hold at most {MAX_CODES}")), "{error}");
    // Fewer entries with more patterns than the records can number.
    let twice = |i: usize| CodeEntry {
        patterns: vec![
            pattern(Hms::from_parts(0x07, 0, 0, 1, i as u16)),
            pattern(Hms::from_parts(0x03, 0, 0, 1, i as u16)),
        ],
        ..entry(i)
    };
    let catalog = Catalog { codes: (0..MAX_CODES / 2 + 1).map(twice).collect(), ..Catalog::default() };
    let error = build(&catalog, None).unwrap_err();
    assert!(error.contains("code patterns: the tables number them with 16 bits"), "{error}");
    // An entry without a pattern.
    let catalog = Catalog { codes: vec![CodeEntry { patterns: Vec::new(), ..entry(0) }], ..Catalog::default() };
    assert!(build(&catalog, None).unwrap_err().contains("an entry has 0 patterns"));
}

#[test]
fn repeated_keys_are_refused_before_the_perfect_hash_is_solved() {
    let error = solve(&[7, 0x0700_2000_0002_0003, 7]).unwrap_err();
    assert_eq!(error, "key 0000000000000007 twice in one index: each code may have one entry");
    let too_many: Vec<u64> = (0..=1 << 24).collect();
    assert!(solve(&too_many).unwrap_err().contains("at most 16777216"));

    // The reader refuses these catalogs; one built by hand reaches the builder, which must
    // refuse them too: the same exact code twice, and two families on one key, with
    // different digits left open, that share a code.
    let source = "schema: 1\nmodules: [{ id: \"07\", abbr: AMS, name: AMS, lettered: true, parts: { numbers: slots, digits: 0-3 } }]\n\
                  levels: [{ id: 2, variant: Warning, name: warning, meaning: m }]\n\
                  codes:\n  - { code: 07xx_2x00_0002_0001, title: a, meaning: m }\n  - { code: 0700_2000_0002_0001, title: b, meaning: m }\n";
    let valid = hms_model::parse(source, "catalog.yaml").unwrap();
    // The exact code again, and the family with only its unit open.
    for (i, unit) in [(1, false), (0, true)] {
        let mut catalog = valid.clone();
        let mut twin = catalog.codes[i].clone();
        twin.patterns[0].pattern = CodePattern::new(twin.patterns[0].key(), unit, None);
        twin.variant = None;
        catalog.codes.push(twin);
        let error = build(&catalog, None).unwrap_err();
        assert!(error.ends_with("give one code two entries: each code may have one entry"), "{error}");
    }
}

#[test]
fn distinct_keys_the_hash_could_confuse_still_solve() {
    // Keys one bit apart in every position, and runs in the bytes that families vary.
    let mut keys: Vec<u64> = (0..64).map(|b| 0x0700_2000_0002_0003 ^ 1 << b).collect();
    keys.extend(
        (0..=0xFF).flat_map(|unit| (0..16).map(move |slot| Hms::from_parts(0x07, unit, 0x20 + slot, 2, 3).to_u64())),
    );
    keys.sort_unstable();
    keys.dedup();
    // Tiny indexes too (few slots: keys whose hashes differ in a few high bits only would
    // share a slot under every pilot and every seed).
    for b in 0..64 {
        let pair = [0x0700_2000_0002_0003, 0x0700_2000_0002_0003 ^ 1 << b];
        let (index, order) = solve(&pair).unwrap();
        for (slot, &k) in order.iter().enumerate() {
            assert_eq!(k.map(|k| index.view().slot(pair[k])), k.map(|_| Some(slot)), "bit {b}");
        }
    }
    let (index, order) = solve(&keys).unwrap();
    assert_eq!(order.iter().flatten().count(), keys.len());
    for (slot, &k) in order.iter().enumerate() {
        let Some(k) = k else { continue };
        assert_eq!(index.view().slot(keys[k]), Some(slot), "{:016X}", keys[k]);
    }
}
