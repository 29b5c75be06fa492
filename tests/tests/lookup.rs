//! Lookup in the built-in catalog: exact entries, families, placeholders, unknown codes.

use hms_catalog::__unstable::{entry_index, first_index, pattern_index};
use hms_catalog::{AnyCode, Code, Hms, Level, Module, PrintError, code, entries, lookup};

#[test]
fn family_entry_fills_unit_and_slot() {
    let found = lookup(Hms::from_mqtt(0x0702_2300, 0x0002_0003));
    assert!(found.entry().unwrap().is_family());
    assert_eq!(found.title().unwrap().to_string(), "AMS C slot 4 filament may be broken inside the AMS");
    let steps: Vec<String> = found.procedure().unwrap().steps().map(|s| s.to_string()).collect();
    assert!(steps.iter().any(|s| s.contains("AMS C slot 4")), "{steps:?}");
    assert!(steps.iter().all(|s| !s.contains('{')), "{steps:?}");
}

#[test]
fn exact_entry_beats_its_family() {
    let exact = lookup("0700_2000_0002_0003".parse::<Hms>().unwrap());
    assert!(!exact.entry().unwrap().is_family());
    assert_eq!(exact.variant(), Some(Code::AmsASlot1FilamentBroken));
    let sibling = lookup("0700_2100_0002_0003".parse::<Hms>().unwrap());
    assert_eq!(sibling.variant(), Some(Code::AmsFilamentBroken));
}

#[test]
fn brief_code_points_to_the_speed_procedure() {
    let found = lookup("HMS_0700-2000-0002-0003".parse::<Hms>().unwrap());
    assert!(found.note().unwrap().to_string().contains("07xx_0100_0001_0004"));
    assert_eq!(found.see_also().unwrap().name(), "assist-motor-speed");
    assert_ne!(found.procedure().unwrap().name(), "assist-motor-speed");

    let speed = lookup("0701_0100_0001_0004".parse::<Hms>().unwrap());
    let procedure = speed.procedure().unwrap();
    assert_eq!(procedure.name(), "assist-motor-speed");
    assert_eq!(procedure.steps().len(), 7);
    assert_eq!(speed.title().unwrap().to_string(), "AMS B assist motor does not keep its commanded speed");
}

#[test]
fn unknown_codes_still_carry_their_structure() {
    let found = lookup(Hms::from_mqtt(0x1801_2100, 0x0004_9999));
    assert!(!found.is_known());
    assert_eq!(found.module(), Some(Module::AmsHt));
    assert_eq!(found.unit_letter(), Some('B'));
    assert_eq!(found.slot(), Some(2));
    assert_eq!(found.level(), Some(Level::Notice));
    assert!(found.title().is_none() && found.procedure().is_none() && found.causes().next().is_none());

    let odd = lookup(Hms::from_mqtt(0xEE00_0000, 0x0077_0001));
    assert_eq!((odd.module(), odd.level(), odd.code().level_raw()), (None, None, Some(0x77)));
}

/// A code a pattern covers: its key (the varying digits zero), or for a hotend rack family,
/// whose slots are numbered from 1, the key of slot 1.
fn member(key: AnyCode) -> AnyCode {
    match key {
        AnyCode::Hms(h) if lookup(key).entry().is_none() => AnyCode::Hms(h.with_part(h.part() + 1)),
        key => key,
    }
}

#[test]
fn code_macro_and_from_str_agree_with_lookup() {
    assert_eq!(code!(0700_2000_0002_0003), Code::AmsASlot1FilamentBroken);
    assert_eq!(code!(0703 - 0100 - 0001 - 0004), Code::AmsAssistMotorSpeed);
    for &variant in Code::ALL {
        let entry = variant.entry();
        assert_eq!(entry.variant(), Some(variant));
        let key = member(entry.key()).to_string();
        let found = lookup(member(entry.key())).entry().unwrap();
        // A family's own key may belong to an exact entry, which wins.
        if found == entry {
            assert_eq!(key.parse::<Code>(), Ok(variant), "{key}");
        } else {
            assert!(entry.is_family() && !found.is_family(), "{key}");
        }
    }
}

#[test]
fn every_entry_is_found_by_its_own_key() {
    let mut n = 0;
    for entry in entries() {
        let found = lookup(member(entry.key())).entry().unwrap();
        assert!(found == entry || (entry.is_family() && !found.is_family()), "{}", entry.pattern());
        n += 1;
    }
    assert!(n >= 3);
}

#[test]
fn filled_texts_never_leave_a_placeholder_behind() {
    for entry in entries() {
        for unit in [0u8, 1, 3] {
            for slot in [0u8, 3] {
                let key = match entry.key() {
                    hms_catalog::AnyCode::Hms(h) => {
                        let mut code = h;
                        let pattern = entry.pattern().to_string();
                        if pattern.as_bytes()[2] == b'x' {
                            code = code.with_module_number(unit);
                        }
                        // An open part digit: the module's digits (slots from 0, rack positions from 1).
                        if pattern.as_bytes()[6] == b'x' {
                            let layout = hms_catalog::__unstable::tables().facts.part_layout(h.module_id()).unwrap();
                            code = code.with_part(h.part() | (layout.first() + slot));
                        }
                        hms_catalog::AnyCode::Hms(code)
                    }
                    other => other,
                };
                let found = lookup(key);
                let mut texts: Vec<String> =
                    vec![found.title().unwrap().to_string(), found.meaning().unwrap().to_string()];
                texts.extend(found.causes().map(|t| t.to_string()));
                for p in found.procedure().into_iter().chain(found.see_also()) {
                    texts.extend(p.steps().chain(p.parts()).map(|t| t.to_string()));
                }
                for text in texts {
                    assert!(!text.contains('{') && !text.contains("?"), "{key}: {text}");
                }
            }
        }
    }
}

#[test]
fn families_cover_lettered_units_and_slots_1_to_4_only() {
    let run_out = lookup("0703_2200_0002_0001".parse::<Hms>().unwrap());
    assert!(run_out.entry().unwrap().is_family());
    // Part 0x25 is not a slot, and unit FF is the external spool: neither joins the family.
    let drying = lookup("0700_2500_0002_0001".parse::<Hms>().unwrap());
    assert_ne!(drying.entry(), run_out.entry());
    assert_eq!(drying.slot(), None);
    let external = lookup("07FF_2000_0002_0003".parse::<Hms>().unwrap());
    assert!(external.entry().is_none_or(|e| !e.is_family()));
    assert_eq!(external.unit_letter(), None);
    // AMS-HT units as the main board numbers them: 0x80 is A.
    assert_eq!(lookup(Hms::from_mqtt(0x1883_2000, 0x0002_0058)).unit_letter(), Some('D'));
}

/// Every official code, walked from the tables, is found again by one lookup at its own
/// record, with the entry the catalog gives it (the entries themselves are checked against
/// a plain scan of the catalog in `properties.rs`).
#[test]
fn every_official_code_is_found_at_its_record() {
    let t = hms_catalog::__unstable::tables();
    let mut with_entry = 0;
    for record in 0..t.facts.records as u16 {
        let (channel, key, found) = t.facts.code(record).expect("every record has a code");
        let code = hms_catalog::AnyCode::from_bits(hms_catalog::Channel::from_layout(channel).unwrap(), key).unwrap();
        assert_eq!(found.record, record);
        let looked = lookup(code);
        assert!(looked.is_official(), "{code}");
        assert_eq!(t.find_official(channel, key), Some(found), "{code}");
        with_entry += usize::from(looked.entry().is_some());
    }
    assert_eq!(with_entry, t.facts.records as usize, "every official code has a catalog entry");
}

/// Each entry is listed once, as its first pattern, and its patterns include the one a
/// lookup matched; equal entries are one catalog entry, whichever pattern reached them.
#[test]
fn entries_list_each_entry_once_with_its_patterns() {
    let t = hms_catalog::__unstable::tables();
    let listed: Vec<_> = entries().collect();
    let patterns: usize = listed.iter().map(|e| e.patterns().count()).sum();
    assert_eq!((listed.len(), patterns), (t.entry_count(), t.facts.rules.len()));
    for (i, entry) in listed.iter().enumerate() {
        assert_eq!(first_index(entry), i as u16);
        let patterns: Vec<_> = entry.patterns().collect();
        assert_eq!(pattern_index(&patterns[0]), entry_index(entry));
        for pattern in patterns {
            let found = lookup(member(pattern.key())).entry().unwrap();
            // A family's own key may belong to an exact entry, which wins.
            if found == *entry {
                assert_eq!(found.pattern().to_string(), pattern.to_string());
                assert_eq!(first_index(&found), first_index(entry));
            } else {
                assert!(pattern.is_family() && !found.is_family(), "{pattern}");
            }
        }
    }
}

#[test]
fn module_numbers_fe_and_ff_name_the_left_and_right_side() {
    use hms_catalog::Side;
    let side = |code: &str| lookup(code.parse::<Hms>().unwrap()).side();
    assert_eq!(side("07FE_2000_0002_0001"), Some(Side::Left));
    assert_eq!(side("07FF_2000_0002_0001"), Some(Side::Right));
    assert_eq!(side("0700_2000_0002_0001"), None);
    assert_eq!(lookup(PrintError::from_u32(0x07FE_8010)).side(), Some(Side::Left));
    // Left/right twins of other modules carry their side on the pattern: the left and right
    // nozzle heater codes share one entry.
    assert_eq!(side("0300_1E00_0001_0001"), Some(Side::Left));
    assert_eq!(side("0300_0200_0001_0001"), Some(Side::Right));
    assert!(entries().flat_map(|e| e.patterns().collect::<Vec<_>>()).any(|p| p.side() == Some(Side::Left)));
}

#[test]
fn every_entry_has_a_typed_code() {
    // `code!` and matching on `Code` work for every fault the catalog explains.
    let entries: Vec<_> = entries().collect();
    let untyped: Vec<String> =
        entries.iter().filter(|e| e.variant().is_none()).map(|e| e.pattern().to_string()).collect();
    assert!(untyped.is_empty(), "entries without a `variant`: {untyped:?}");
    assert_eq!(Code::ALL.len(), entries.len());
    assert_eq!(code!(1A00_0300_0002_0001).entry().variant(), Some(code!(1A00_0300_0002_0001)));
}

/// The slicer's key: the reserved byte is cleared for the lookup, and the code stays as reported.
#[test]
fn the_reserved_byte_is_cleared_for_the_lookup_only() {
    let clean = lookup(Hms::from_mqtt(0x0700_2000, 0x0002_0003));
    assert!(clean.is_official() && clean.entry().is_some());
    for reserved in [0x01, 0x80, 0xFF] {
        let reported = Hms::from_mqtt(0x0700_2000, 0x0002_0003).with_reserved(reserved);
        let found = lookup(reported);
        assert_eq!(found.code(), AnyCode::Hms(reported));
        assert_eq!(found.key(), clean.code());
        assert_eq!(found.entry(), clean.entry());
        assert_eq!(found.variant(), clean.variant());
        assert_eq!(found.official().map(|o| o.models().count()), clean.official().map(|o| o.models().count()));
        assert_eq!(found.title().map(|t| t.to_string()), clean.title().map(|t| t.to_string()));
        assert_eq!(found.slot(), Some(1));
    }
    let error = lookup(PrintError::from_u32(0x0300_400C));
    assert_eq!(error.key(), error.code());
}
