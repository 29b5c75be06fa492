//! Faults the reader finds in the catalog itself, not in the wording of the YAML parser's or
//! serde's messages: keys whose names look like those messages, values described alike,
//! repeated keys under odd paths, and nesting too deep where the scanner stops on something
//! else.

use std::collections::HashMap;

const HEAD: &str = "\
schema: 1
modules:
  - { id: \"07\", abbr: AMS, name: Automated Material System, lettered: true, parts: { numbers: slots, digits: 0-3 } }
levels:
  - { id: 1, variant: Error, name: error, meaning: stops }
";

/// The diagnostics of `files` (the catalog first), as `file:LINE:COL: message`.
fn errors(files: &[(&str, &str)]) -> Vec<String> {
    let texts: HashMap<&str, &str> = files.iter().copied().collect();
    let read = |path: &str| texts.get(path).map(|t| t.to_string()).ok_or_else(|| format!("no file {path}"));
    match hms_model::parse_with(files[0].1, files[0].0, read) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn unknown_fields_are_placed_at_their_keys_at_every_depth() {
    let catalog = format!(
        "{HEAD}  - {{ id: 2, variant: Warning, name: warning, meaning: pauses, \"unknown field `x`\": 1 }}\n\
         models: [{{ id: H2D, name: H2D, \"a`b\": c }}]\n\
         include: [more.yaml]\n\
         procedures:\n  - name: reload\n    title: Reload\n    steps: [s]\n    steps_: [t]\n\
         codes:\n  - code: 0700_0100_0001_0001\n    title: t\n    meaning: m\n    \"invalid type: map\": x\n"
    );
    let more = "codes:\n  - code: 0700_0100_0001_0002\n    title: t\n    meaning: m\n    cause: [x]\n";
    assert_eq!(
        errors(&[("catalog.yaml", &catalog), ("more.yaml", more)]),
        [
            "catalog.yaml:6:64: levels[1]: unknown field `unknown field `x``; expected one of: id, variant, name, meaning, alert",
            "catalog.yaml:7:32: models[0]: unknown field `a`b`; expected one of: id, prefix, name, variant",
            "catalog.yaml:13:5: procedures[0]: unknown field `steps_`; expected one of: name, title, steps, parts, support",
            "catalog.yaml:18:5: codes[0]: unknown field `invalid type: map`; expected one of: code, variant, title, meaning, causes, procedure, steps, parts, support, note, see_also, alert",
            "more.yaml:5:5: codes[0]: unknown field `cause`; expected one of: code, variant, title, meaning, causes, procedure, steps, parts, support, note, see_also, alert",
        ]
    );
}

#[test]
fn a_wrong_value_is_placed_at_its_field_even_when_another_value_looks_alike() {
    // `id` takes any value, so its `3` is no fault; `lettered`'s is.
    let catalog = "schema: 1\nmodules: [{ id: 3, abbr: A, name: B, lettered: 3 }]\n\
                   levels: [{ id: 1, variant: Error, name: error, meaning: [stops] }]\n";
    assert_eq!(
        errors(&[("catalog.yaml", catalog)]),
        [
            "catalog.yaml:2:48: modules[0]: `lettered` must be `true` or `false` (found the number 3)",
            "catalog.yaml:3:57: levels[0]: `meaning` must be a text (found a list)",
        ]
    );
}

#[test]
fn a_repeated_key_is_placed_at_its_second_use_under_any_path() {
    let catalog = format!("{HEAD}\"we[ird]\": {{ a: 1, a: 2 }}\n");
    assert_eq!(
        errors(&[("catalog.yaml", &catalog)]),
        ["catalog.yaml:6:20: we[ird]: `a` is written twice in one mapping; keep one"]
    );
    let catalog = format!(
        "{HEAD}codes:\n  - code: [{{ code: 0700_0100_0001_0001, side: left, \"side\": right }}]\n    title: t\n    meaning: m\n"
    );
    assert_eq!(
        errors(&[("catalog.yaml", &catalog)]),
        ["catalog.yaml:7:53: codes[0].code[0]: `side` is written twice in one mapping; keep one"]
    );
    let more = "procedures:\n  - { name: a, title: t, steps: [s], 1: x, 1: y }\n";
    let catalog = format!("{HEAD}include: [more.yaml]\n");
    assert_eq!(
        errors(&[("catalog.yaml", &catalog), ("more.yaml", more)]),
        ["more.yaml:2:44: procedures[0]: `1` is written twice in one mapping; keep one"]
    );
}

#[test]
fn each_kind_of_misfit_has_its_own_message_at_its_place() {
    let code = "codes:\n  - code: 0700_0100_0001_0001\n    title: t\n";
    let cases: [(String, &str); 7] = [
        (
            format!("{HEAD}{code}    meaning: m\n    titel: x\n"),
            "catalog.yaml:10:5: codes[0]: unknown field `titel`; expected one of: code, variant, title, meaning, \
             causes, procedure, steps, parts, support, note, see_also, alert",
        ),
        (
            format!("{HEAD}{code}"),
            "catalog.yaml:7:5: codes[0]: `meaning` is missing; a code entry must have code, title, meaning",
        ),
        (
            format!("{HEAD}{code}    meaning: m\n    causes: A cable came loose.\n"),
            "catalog.yaml:10:13: codes[0]: `causes` must be a list of texts (found the text \"A cable came loose.\")",
        ),
        (
            format!("{HEAD}{code}    meaning: [m]\n"),
            "catalog.yaml:9:14: codes[0]: `meaning` must be a text (found a list)",
        ),
        (
            "schema: 1\nlevels: []\nmodules:\n  - { id: \"07\", abbr: A, name: B, parts: { numbers: shelves, digits: 0-3 } }\n"
                .to_owned(),
            "catalog.yaml:4:53: modules[0]: `parts.numbers` must be one of: slots, rack (found `shelves`)",
        ),
        (
            "schema: 1\nlevels: []\nmodules:\n  - { id: \"07\", abbr: A, name: B, parts: { numbers: rack, digts: 0-3 } }\n"
                .to_owned(),
            "catalog.yaml:4:59: modules[0]: unknown field `parts.digts`; expected one of: numbers, digits",
        ),
        (format!("{HEAD}{code}    title: u\n"), "catalog.yaml:9:5: codes[0]: `title` is written twice in one mapping; keep one"),
    ];
    for (source, expected) in &cases {
        assert_eq!(errors(&[("catalog.yaml", source)]), [*expected]);
    }
}

/// The stock phrases of serde's and serde_yaml's messages: none reaches a diagnostic.
const SERDE_PHRASES: [&str; 7] =
    ["invalid type:", "invalid value:", "unknown variant", "missing field", "expected a", "at line", "duplicate entry"];

#[test]
fn no_diagnostic_is_worded_by_serde() {
    let modules = "schema: 1\nlevels: []\nmodules:\n  - ";
    let entry = format!("{HEAD}codes:\n  - ");
    let bad = [
        format!("{modules}{{ id: \"07\", abbr: A, name: B, lettered: yes please }}\n"),
        format!("{modules}{{ id: \"07\", abbr: A, name: B, parts: {{ numbers: 3, digits: 0-3 }} }}\n"),
        format!("{modules}{{ id: \"07\", abbr: A, name: B, parts: {{ numbers: shelves, digits: 0-3 }} }}\n"),
        format!("{modules}{{ id: \"07\", abbr: A, name: B, parts: {{ numbers: rack }} }}\n"),
        format!("{modules}{{ id: \"07\", abbr: A, name: B, parts: [rack] }}\n"),
        format!("{modules}{{ id: \"07\", abbr: [A], name: B }}\n"),
        format!("{modules}{{ id: \"07\", name: B }}\n"),
        format!("{modules}just a word\n"),
        format!("{modules}{{ id: \"07\", abbr: A, name: B, 1: x }}\n"),
        format!("{modules}{{ id: \"07\", abbr: A, name: B, ~: x }}\n"),
        format!("{entry}{{ code: 0700_0100_0001_0001, title: t }}\n"),
        format!("{entry}{{ code: 0700_0100_0001_0001, title: 3, meaning: m }}\n"),
        format!("{entry}{{ code: 0700_0100_0001_0001, title: t, meaning: m, causes: {{ a: b }} }}\n"),
        format!("{entry}{{ code: 0700_0100_0001_0001, title: t, meaning: m, steps: [[a]] }}\n"),
        format!("{entry}{{ code: 0700_0100_0001_0001, title: t, meaning: m, severity: high }}\n"),
        format!("{entry}{{ code: 0700_0100_0001_0001, title: t, title: u, meaning: m }}\n"),
        format!("{entry}[1, 2]\n"),
        format!("{HEAD}procedures:\n  - {{ name: a, title: t, steps: s }}\n"),
        format!("{HEAD}procedures:\n  - {{ name: a, title: t }}\n"),
        format!("{HEAD}models: [{{ id: X1, name: X1, prefix: 00M, variant: [X] }}]\n"),
        format!("{HEAD}levels: []\n"),
    ];
    for source in &bad {
        let found = errors(&[("catalog.yaml", source)]);
        assert!(!found.is_empty(), "{source}");
        for line in &found {
            assert!(!SERDE_PHRASES.iter().any(|p| line.contains(p)), "{line}");
        }
    }
}

#[test]
fn nesting_too_deep_is_refused_where_the_scanner_stops_on_something_else() {
    // Forty `[` on a line that ends in an unclosed quote: the scanner stops at the quote
    // before it hands over the first `[`; its message speaks of the quote.
    let flow = format!("{HEAD}codes: {}\"unclosed\n", "[".repeat(40));
    // Forty compact block sequences (`- - - ...`) on one line, ending the same way.
    let block = format!("{HEAD}codes:\n  {}\"unclosed\n", "- ".repeat(40));
    for (source, at) in [(flow, "6:48"), (block, "7:65")] {
        let errors = errors(&[("catalog.yaml", &source)]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(&format!(
                "catalog.yaml:{at}: collections nested more than {} levels deep",
                hms_model::MAX_NESTING
            )),
            "{errors:?}"
        );
    }
}
