//! Entries of several patterns (`code: [a, b, c]`), compiled by `catalog!` from
//! `fixtures/patterns.catalog.yaml`: one variant per entry, each pattern found, texts shared.

mod fixture {
    hms_macros::catalog!("fixtures/patterns.catalog.yaml");
}

use fixture::{Code, TABLES};

#[test]
fn an_entry_of_several_patterns_is_one_variant() {
    assert_eq!(
        Code::ALL,
        [
            Code::HeaterShorted,
            Code::RunOut,
            Code::NozzleOrStop,
            Code::LiteSlot,
            Code::RackPosition,
            Code::NozzleHeater,
            Code::UnitSlot
        ]
    );
    assert_eq!(hms_macros::code!(crate::fixture, 0700_2100_0002_0001), Code::RunOut);
    assert_eq!(hms_macros::code!(crate::fixture, 1203_2300_0002_0001), Code::RunOut);
    assert_eq!(hms_macros::code!(crate::fixture, 1881_2000_0002_0001), Code::RunOut);
    assert_eq!(hms_macros::code!(crate::fixture, 0300_0200_0001_0001), Code::NozzleOrStop);
    assert_eq!(hms_macros::code!(crate::fixture, 0300 - 400C), Code::NozzleOrStop);
    // The exact entry of another, unnamed entry wins over the family.
    assert_eq!(Code::__resolve(hms_core::layout::CHANNEL_HMS, 0x0701_2200_0002_0001), None);
}

#[test]
fn every_pattern_finds_its_entry_and_its_shared_texts() {
    let t = &TABLES;
    // One record per entry, one rule per pattern: 1 + 3 + 1 + 2 + 1 + 1 + 3 + 3.
    assert_eq!((t.entry_count(), t.facts.rules.len(), t.catalog.guides.len()), (8, 15, 8));
    let found: Vec<u16> = [0x0702_2000_0002_0001u64, 0x1201_2300_0002_0001, 0x1880_2100_0002_0001]
        .iter()
        .map(|&code| t.find_hms(code).expect("a pattern of the entry covers it"))
        .collect();
    let patterns: Vec<_> = found.iter().map(|&i| t.pattern(i).unwrap()).collect();
    assert_eq!(t.entry_pattern_count(1), 3);
    for (k, p) in patterns.iter().enumerate() {
        // The patterns of entry 1, in the order the catalog writes them.
        assert_eq!((p.entry, t.entry_pattern(1, k as u16)), (1, Some(found[k])));
        assert_eq!(p.record, t.entry(1).unwrap());
    }
    assert_eq!(
        patterns.iter().map(|p| p.key).collect::<Vec<_>>(),
        [0x0700_2000_0002_0001, 0x1200_2000_0002_0001, 0x1800_2000_0002_0001]
    );
    let written = |s| hms_core::placeholder::Filled::packed(t.text(s), Default::default()).as_written().to_string();
    assert_eq!(written(t.catalog.title(1)), "AMS {ams} slot {slot} ran out of filament");
    assert_eq!(t.find_hms(0x0701_2200_0002_0001).map(|i| t.pattern(i).unwrap().entry), Some(2));
    // An entry over both channels.
    let (hms, print_error) = (t.find_hms(0x0300_0200_0001_0001), t.find_print_error(0x0300_400C));
    assert_eq!((t.entry_pattern(3, 0), t.entry_pattern(3, 1), t.entry_pattern(3, 2)), (hms, print_error, None));
    let channels = [hms, print_error].map(|i| t.pattern(i.unwrap()).map(|p| (p.entry, p.channel)));
    assert_eq!(channels, [Some((3, 0)), Some((3, 1))]);
}

/// An open part digit covers slots 1-4 in any part quad, and rack positions 1-6 on the rack.
#[test]
fn part_digit_families_cover_any_quad_and_rack_positions() {
    use hms_core::layout::CHANNEL_HMS;
    use hms_core::placeholder::{Fill, Filled};
    use hms_core::{AnyCode, Hms, ModuleFacts};
    let t = &TABLES;
    let text = |code: u64| {
        let pattern = t.pattern(t.find_hms(code)?)?;
        let hms = Hms::from_u64(code);
        let abbr = if hms.module_id() == 0x12 { Some("AMS Lite") } else { None };
        let module = ModuleFacts { abbr, parts: t.facts.part_layout(hms.module_id()) };
        let fill = Fill::of(AnyCode::Hms(hms), pattern.varies, module, None);
        Some(Filled::packed(t.text(t.catalog.title(pattern.entry)), fill).to_string())
    };
    assert_eq!(text(0x1202_8300_0002_0001).as_deref(), Some("AMS Lite C slot 4 feeder fault"));
    assert_eq!(text(0x1202_8400_0002_0001), None);
    assert_eq!(text(0x1A00_2100_0002_0001).as_deref(), Some("Hotend rack position 1 is empty"));
    assert_eq!(text(0x1A00_2600_0002_0001).as_deref(), Some("Hotend rack position 6 is empty"));
    assert_eq!(text(0x1A00_2000_0002_0001), None);
    assert_eq!(text(0x1A00_2700_0002_0001), None);
    assert_eq!(hms_macros::code!(crate::fixture, 1A00_2300_0002_0001), Code::RackPosition);
    assert_eq!(Code::__resolve(CHANNEL_HMS, 0x1A00_2000_0002_0001), None);
    assert_eq!(hms_macros::code!(crate::fixture, 1200_8000_0002_0001), Code::LiteSlot);
}

/// `{side}` / `{Side}` from a side the catalog gives a code or from module number FE/FF, and
/// `{unit}` from the module's abbreviation.
#[test]
fn sides_and_unit_names_fill_from_the_matched_pattern() {
    use hms_core::placeholder::{Fill, Filled, Side};
    use hms_core::{AnyCode, Hms, ModuleFacts};
    let t = &TABLES;
    let filled = |code: u64, abbr: Option<&'static str>| {
        let pattern = t.pattern(t.find_hms(code)?)?;
        let guide = t.guide(pattern.entry)?;
        let module = ModuleFacts { abbr, parts: t.facts.part_layout(Hms::from_u64(code).module_id()) };
        let fill = Fill::of(AnyCode::Hms(Hms::from_u64(code)), pattern.varies, module, Side::from_u8(pattern.side));
        Some(format!(
            "{} / {}",
            Filled::packed(t.text(t.catalog.title(pattern.entry)), fill),
            Filled::packed(t.text(guide.meaning), fill)
        ))
    };
    assert_eq!(filled(0x0300_0200_0002_0001, None).as_deref(), Some("Right nozzle heater test / The right nozzle."));
    assert_eq!(filled(0x0300_1E00_0002_0001, None).as_deref(), Some("Left nozzle heater test / The left nozzle."));
    assert_eq!(
        filled(0x07FE_2000_0002_0003, Some("AMS")).as_deref(),
        Some("Left nozzle heater test / The left nozzle.")
    );
    assert_eq!(t.pattern(t.find_hms(0x0300_1E00_0002_0001).unwrap()).unwrap().side, Side::Left.to_u8());
    assert_eq!(t.catalog.sides.len(), 2, "the two sides the fixture gives");
    assert_eq!(
        filled(0x1281_8100_0002_0002, Some("AMS Lite")).as_deref(),
        Some("AMS Lite B slot 2 is empty / Load the slot.")
    );
    assert_eq!(
        filled(0x1880_2300_0002_0002, Some("AMS-HT")).as_deref(),
        Some("AMS-HT A slot 4 is empty / Load the slot.")
    );
    assert_eq!(hms_macros::code!(crate::fixture, 0300_1E00_0002_0001), Code::NozzleHeater);
}
