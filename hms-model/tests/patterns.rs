//! Entries of several patterns: each pattern read and checked on its own, all sharing the
//! entry's texts, which every pattern must be able to fill.

const HEAD: &str = r#"schema: 1
modules:
  - { id: "07", abbr: AMS, name: Automated Material System, lettered: true, parts: { numbers: slots, digits: 0-3 } }
  - { id: "12", abbr: AMS Lite, name: AMS Lite, lettered: true, parts: { numbers: slots, digits: 0-3 } }
  - { id: "03", abbr: MC, name: Motion Controller }
levels:
  - { id: 1, variant: Error, name: error, meaning: stops }
  - { id: 2, variant: Warning, name: warning, meaning: pauses }
procedures:
  - name: reload
    title: Reload
    steps: ["Reload AMS {ams} slot {slot}"]
codes:
"#;

fn parse(codes: &str) -> Result<hms_model::Catalog, Vec<String>> {
    hms_model::parse(&format!("{HEAD}{codes}"), "c.yaml")
        .map_err(|errors| errors.iter().map(|e| format!("{}:{}: {}", e.line, e.column, e.message)).collect())
}

#[test]
fn a_list_of_patterns_makes_one_entry() {
    let catalog = parse(
        "  - code: [07xx_2x00_0002_0001, 12xx_2x00_0002_0001, \"0300_0100_0001_0001\", 0300_400C]\n    \
         title: t\n    meaning: m\n",
    )
    .unwrap();
    assert_eq!(catalog.codes.len(), 1);
    let entry = &catalog.codes[0];
    assert_eq!(entry.spelled(), "07xx_2x00_0002_0001, 12xx_2x00_0002_0001, 0300_0100_0001_0001, 0300_400C");
    assert_eq!(entry.patterns.iter().map(|p| p.varies()).collect::<Vec<_>>(), [3, 3, 0, 0]);
    assert!(entry.has_family());
    // A block list reads the same.
    let block =
        parse("  - code:\n      - 07xx_2x00_0002_0001\n      - 12xx_2x00_0002_0001\n    title: t\n    meaning: m\n");
    assert_eq!(block.unwrap().codes[0].patterns.len(), 2);
}

#[test]
fn a_placeholder_is_checked_against_every_pattern() {
    let errors = parse(
        "  - code: [07xx_2x00_0002_0001, 0300_0100_0001_0001]\n    title: AMS {ams} slot {slot}\n    \
         meaning: m\n    procedure: reload\n",
    );
    assert_eq!(
        errors.unwrap_err(),
        [
            "15:12: text uses `{ams}`, which code 0300_0100_0001_0001 cannot fill",
            "17:16: procedure `reload` uses `{ams}`, which code 0300_0100_0001_0001 cannot fill",
        ]
    );
}

#[test]
fn patterns_are_unique_across_entries_and_families_do_not_overlap() {
    let errors = parse(
        "  - code: [07xx_2x00_0002_0001, 0701_2x00_0002_0001]\n    title: t\n    meaning: m\n  \
         - code: [12xx_2x00_0002_0001, 0300_400C, 12xx_2x00_0002_0001]\n    title: t\n    meaning: m\n  \
         - code: [0300_400C, 12xx_2200_0002_0001]\n    title: t\n    meaning: m\n",
    );
    assert_eq!(
        errors.unwrap_err(),
        [
            "14:33: family 0701_2x00_0002_0001 overlaps family 07xx_2x00_0002_0001 (line 14): a code may belong to one family only",
            "17:44: duplicate code 12xx_2x00_0002_0001: already listed at line 17",
            "20:12: duplicate code 0300_400C: already listed at line 17",
            "20:23: family 12xx_2200_0002_0001 overlaps family 12xx_2x00_0002_0001 (line 17): a code may belong to one family only",
        ]
    );
}

#[test]
fn a_bad_pattern_is_placed_at_its_item_and_the_others_are_still_read() {
    let errors = parse(
        "  - code: [07xx_2x00_0002_0001, 0700_2000_0002, { x: 1 }]\n    title: AMS {ams} {index}\n    meaning: m\n  \
         - code: []\n    title: t\n    meaning: m\n  - code: { a: b }\n    title: t\n    meaning: m\n",
    );
    assert_eq!(
        errors.unwrap_err(),
        [
            "14:33: bad code `0700_2000_0002`: 12 hex digits, expected 16 (print.hms) or 8 (print_error)",
            // A mapping item is a code with a side.
            "14:49: a code with a side is written `{ code: 0300_1E00_0001_0001, side: left }`",
            "14:51: unknown key `x`: a code item takes `code` and `side`",
            "17:11: `code` lists no code: write one code, or a list of codes",
            "20:11: `code` must be a code, like 0700_2000_0002_0003, or a list of codes",
        ]
    );
}

#[test]
fn tables_hold_one_record_per_entry_one_rule_per_pattern_and_the_texts_once() {
    let one =
        parse("  - code: 07xx_2x00_0002_0001\n    title: AMS {ams} ran out\n    meaning: m\n    causes: [a, b]\n");
    let three = parse(
        "  - code: [07xx_2x00_0002_0001, 12xx_2x00_0002_0001, 0300_400C]\n    title: AMS {ams} ran out\n    \
         meaning: m\n    causes: [a, b]\n",
    );
    let three = three.unwrap_err();
    assert_eq!(three, ["15:12: text uses `{ams}`, which code 0300_400C cannot fill"]);
    let three = parse(
        "  - code: [07xx_2x00_0002_0001, 12xx_2x00_0002_0001, 12FF_2000_0002_0001]\n    title: AMS ran out\n    \
         meaning: m\n    causes: [a, b]\n",
    )
    .unwrap();
    let (one, three) =
        (hms_model::tables::build(&one.unwrap(), None).unwrap(), hms_model::tables::build(&three, None).unwrap());
    // One entry record, one guide record and one rule per pattern.
    let (c1, c3) = (&one.tables.catalog, &three.tables.catalog);
    assert_eq!((c3.entries.len(), c3.guides.len(), c3.patterns.len()), (1, 1, 3));
    assert_eq!((c1.entries.len(), c1.guides.len(), c1.patterns.len()), (1, 1, 1));
    assert_eq!(three.tables.facts.rules.len(), 3 * one.tables.facts.rules.len());
    // The causes list and the texts are written once for the entry.
    assert_eq!(c3.lists.len(), c1.lists.len());
    let t = three.view();
    let written = |s| hms_core::placeholder::Filled::packed(t.text(s), Default::default()).as_written().to_string();
    assert_eq!(t.entry_pattern_count(0), 3);
    for (k, code) in [0x0703_2100_0002_0001u64, 0x1200_2000_0002_0001, 0x12FF_2000_0002_0001].into_iter().enumerate() {
        let found = t.find_hms(code).unwrap();
        assert_eq!(t.entry_pattern(0, k as u16), Some(found), "{code:x}");
        let p = t.pattern(found).unwrap();
        assert_eq!((written(t.catalog.title(p.entry)).as_str(), p.entry), ("AMS ran out", 0));
    }
}

#[test]
fn an_open_part_digit_fills_slot_in_any_quad_and_rack_on_the_rack() {
    let head = HEAD.replace(
        "  - { id: \"03\", abbr: MC, name: Motion Controller }\n",
        "  - { id: \"03\", abbr: MC, name: Motion Controller }\n  - { id: \"1A\", abbr: Rack, name: Hotend Rack, parts: { numbers: rack, digits: 1-6 } }\n",
    );
    let parse = |codes: &str| {
        hms_model::parse(&format!("{head}{codes}"), "c.yaml").map_err(|errors| {
            errors.iter().map(|e| format!("{}:{}: {}", e.line, e.column, e.message)).collect::<Vec<_>>()
        })
    };
    let valid = "  - { code: 12xx_8x00_0002_0001, title: \"AMS Lite {ams} slot {slot}\", meaning: m }\n  \
                 - { code: 07xx_1x00_0002_0001, title: \"AMS {ams} motor {slot}\", meaning: m }\n  \
                 - { code: 1A00_0x00_0002_0001, title: \"Rack position {rack}\", meaning: m }\n  \
                 - { code: 1A00_2x00_0002_0001, title: \"Rack position {rack}, {index}\", meaning: m }\n  \
                 - { code: 1A00_1100_0002_0002, title: \"Rack position {rack}\", meaning: m }\n";
    let catalog = parse(valid).unwrap();
    assert_eq!(catalog.codes.iter().map(|c| c.first().varies()).collect::<Vec<_>>(), [3, 3, 2, 2, 0]);
    let errors = parse(
        "  - { code: 1200_8100_0002_0001, title: \"slot {slot}\", meaning: m }\n  \
         - { code: 1A00_0x00_0002_0001, title: \"slot {slot}\", meaning: m }\n  \
         - { code: 1A00_E000_0002_0001, title: \"rack {rack}\", meaning: m }\n  \
         - { code: 07xx_2x00_0002_0001, title: \"rack {rack}\", meaning: m }\n  \
         - { code: 07xx_8x10, title: t, meaning: m }\n",
    );
    assert_eq!(
        errors.unwrap_err(),
        [
            "15:41: text uses `{slot}`, which this code cannot fill",
            "16:41: text uses `{slot}`, which this code cannot fill",
            "17:41: text uses `{rack}`, which this code cannot fill",
            "18:41: text uses `{rack}`, which this code cannot fill",
            "19:13: bad code `07xx_8x10`: wildcards may only stand as `xx` for the module number (digits 3-4)",
        ]
    );
}

#[test]
fn a_code_item_may_give_an_exact_code_its_side() {
    let twins = "  - code: [{ code: 0300_0200_0001_0001, side: right }, { code: 0300_1E00_0001_0001, side: left }]\n    \
                 title: \"{Side} nozzle heater shorted\"\n    meaning: \"The {side} nozzle's heater.\"\n  \
                 - code: [07FE_2000_0002_0001, 07FF_8010, { code: 07FF_2000_0002_0002, side: right }]\n    \
                 title: \"{side} extruder\"\n    meaning: m\n  \
                 - code: [07xx_2x00_0002_0001, 12xx_8x00_0002_0001]\n    title: \"{unit} slot {slot}\"\n    meaning: m\n";
    let catalog = parse(twins).unwrap();
    let sides: Vec<_> = catalog.codes[0].patterns.iter().map(|p| p.side.map(|s| s.name())).collect();
    assert_eq!(sides, [Some("right"), Some("left")]);
    assert_eq!(catalog.codes[1].patterns[0].side, None);
    let errors = parse(
        "  - code: [{ code: 07xx_2x00_0002_0001, side: left }, { code: 07FE_2000_0002_0003, side: right }]\n    \
         title: t\n    meaning: m\n  \
         - code: [{ code: 0300_0200_0001_0001, side: up }, { code: 0300_0300_0001_0001, hand: left }, { side: left }]\n    \
         title: t\n    meaning: m\n  \
         - code: [0300_0400_0001_0001, { code: 0300_0500_0001_0001, side: left }]\n    \
         title: \"{side} fan, {unit}\"\n    meaning: m\n",
    );
    assert_eq!(
        errors.unwrap_err(),
        [
            "14:47: family 07xx_2x00_0002_0001 cannot take a side: only an exact code can",
            "14:90: code 07FE_2000_0002_0003 is on the left side (module number FE), not the right",
            "17:47: `side` must be `left` or `right`",
            "17:82: unknown key `hand`: a code item takes `code` and `side`",
            "17:96: a code with a side is written `{ code: 0300_1E00_0001_0001, side: left }`",
            // One diagnostic per text and pattern: the first placeholder it cannot fill.
            "21:12: text uses `{side}`, which code 0300_0400_0001_0001 cannot fill",
            "21:12: text uses `{unit}`, which code 0300_0500_0001_0001 cannot fill",
        ]
    );
}
