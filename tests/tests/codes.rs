//! The code types: every spelling people paste, both display forms, the MQTT pair.

use hms_catalog::{AnyCode, Hms, ParseErrorKind, PrintError, Spelling};

#[test]
fn hms_display_then_parse_returns_the_same_code_in_every_spelling() {
    for bits in [0u64, 0x0700_2000_0002_0003, 0x1A01_2300_0001_0007, 0x0CFF_0000_0003_FFFF, u64::MAX] {
        let hms = Hms::from_u64(bits);
        for spelling in [Spelling::Underscore, Spelling::Dash, Spelling::Prefixed, Spelling::Compact] {
            let written = hms.spelled(spelling).to_string();
            assert_eq!(written.parse::<Hms>(), Ok(hms), "{written}");
            assert_eq!(written.to_lowercase().parse::<Hms>(), Ok(hms), "{written}");
        }
    }
}

#[test]
fn hms_shows_both_spellings() {
    let hms = Hms::from_u64(0x0700_2000_0002_0003);
    assert_eq!(hms.to_string(), "0700_2000_0002_0003");
    assert_eq!(hms.spelled(Spelling::Dash).to_string(), "0700-2000-0002-0003");
    assert_eq!(hms.spelled(Spelling::Prefixed).to_string(), "HMS_0700-2000-0002-0003");
}

#[test]
fn mqtt_pair_round_trips_and_splits_into_fields() {
    let hms = Hms::from_mqtt(0x0701_2300, 0x0002_0001);
    assert_eq!((hms.attr(), hms.code()), (0x0701_2300, 0x0002_0001));
    assert_eq!(hms.to_string(), "0701_2300_0002_0001");
    assert_eq!((hms.module_id(), hms.module_number(), hms.part(), hms.slot()), (0x07, 1, 0x23, Some(4)));
    assert_eq!((hms.level_raw(), hms.error_id()), (2, 1));
    // The MOCK-MISC report's live entry: attr 201327360, code 196615.
    let live = Hms::from_mqtt(201_327_360, 196_615);
    assert_eq!(live.to_string(), "0C00_0300_0003_0007");
}

#[test]
fn print_error_reads_and_shows_the_dashed_form() {
    let e: PrintError = " 0300_400c ".parse().unwrap();
    assert_eq!(e.to_u32(), 0x0300_400C);
    assert_eq!(e.to_string(), "0300-400C");
    assert_eq!((e.level_nibble(), e.level_raw(), e.error_id()), (4, Some(1), 0x00C));
    for (bits, level) in [(0x0500_8061u32, Some(2)), (0x0C00_C003, Some(3)), (0x0700_1000, None)] {
        assert_eq!(PrintError::from_u32(bits).level_raw(), level);
    }
}

#[test]
fn modules_from_0x10_keep_their_id_in_print_error() {
    let e = PrintError::from_u32(0x1000_C003);
    assert_eq!(e.module_id(), 0x10);
    assert_eq!(hms_catalog::lookup(e).module(), Some(hms_catalog::Module::Studio));
}

#[test]
fn bad_input_says_what_is_wrong() {
    let cases = [
        ("", ParseErrorKind::Empty),
        ("HMS_", ParseErrorKind::Empty),
        ("0700_2000_0002_000G", ParseErrorKind::InvalidCharacter('G')),
        ("0700_2000_0002", ParseErrorKind::WrongLength { found: 12, expected: 16 }),
        ("0700_2000_0002_0003_0004", ParseErrorKind::WrongLength { found: 20, expected: 16 }),
        ("07_00", ParseErrorKind::MisplacedSeparator('_')),
        ("07é0", ParseErrorKind::InvalidCharacter('é')),
    ];
    for (input, kind) in cases {
        let err = input.parse::<Hms>().unwrap_err();
        assert_eq!(err.kind(), kind, "{input:?}");
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn any_code_picks_the_channel_by_length() {
    assert!(matches!(AnyCode::parse("0300-400C"), Ok(AnyCode::PrintError(_))));
    assert!(matches!(AnyCode::parse("HMS_0300-0100-0001-0001"), Ok(AnyCode::Hms(_))));
    let err = AnyCode::parse("0300_40").unwrap_err();
    assert_eq!(err.kind(), ParseErrorKind::WrongLength { found: 6, expected: 8 });
}
