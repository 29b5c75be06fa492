//! Properties of the code types over every value: each spelling reads back as the code it
//! was written from, and the MQTT halves put together and taken apart give the same bits.

use hms_core::{Hms, ParseErrorKind, PrintError, Spelling};
use proptest::prelude::*;

const SPELLINGS: [Spelling; 4] = [Spelling::Underscore, Spelling::Dash, Spelling::Prefixed, Spelling::Compact];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn every_hms_spelling_reads_back(bits: u64) {
        let hms = Hms::from_u64(bits);
        prop_assert_eq!(hms.to_string(), hms.spelled(Spelling::Underscore).to_string());
        for spelling in SPELLINGS {
            let written = hms.spelled(spelling).to_string();
            prop_assert_eq!(Hms::parse(&written), Ok(hms), "{}", written);
            // People paste in any case and with stray whitespace around.
            prop_assert_eq!(Hms::parse(&written.to_lowercase()), Ok(hms), "{}", written);
            prop_assert_eq!(format!(" \t{written}\n").parse::<Hms>(), Ok(hms), "{}", written);
        }
        prop_assert_eq!(Hms::parse(&format!("0x{bits:016x}")), Ok(hms));
    }

    #[test]
    fn every_print_error_spelling_reads_back(bits: u32) {
        let error = PrintError::from_u32(bits);
        prop_assert_eq!(error.to_string(), error.spelled(Spelling::Dash).to_string());
        for spelling in SPELLINGS {
            let written = error.spelled(spelling).to_string();
            prop_assert_eq!(PrintError::parse(&written), Ok(error), "{}", written);
            prop_assert_eq!(PrintError::parse(&written.to_lowercase()), Ok(error), "{}", written);
            prop_assert_eq!(format!("  {written} ").parse::<PrintError>(), Ok(error), "{}", written);
        }
    }

    #[test]
    fn a_code_of_one_channel_is_refused_by_the_other(hms: u64, error: u32) {
        let as_error = PrintError::parse(&Hms::from_u64(hms).to_string()).map_err(|e| e.kind());
        prop_assert_eq!(as_error, Err(ParseErrorKind::WrongLength { found: 16, expected: 8 }));
        let as_hms = Hms::parse(&PrintError::from_u32(error).to_string()).map_err(|e| e.kind());
        prop_assert_eq!(as_hms, Err(ParseErrorKind::WrongLength { found: 8, expected: 16 }));
    }

    #[test]
    fn mqtt_halves_round_trip(attr: u32, code: u32) {
        let hms = Hms::from_mqtt(attr, code);
        prop_assert_eq!((hms.attr(), hms.code()), (attr, code));
        prop_assert_eq!(hms.to_u64(), (attr as u64) << 32 | code as u64);
        prop_assert_eq!(Hms::from_mqtt(hms.attr(), hms.code()), hms);
    }

    /// The fields split the two halves without loss. The reserved byte (the low byte of
    /// `attr`) is kept as reported, neither cleared nor refused: it is part of the code's
    /// identity, shows in every spelling, and survives the round trip.
    #[test]
    fn fields_cover_every_bit_and_keep_the_reserved_byte(attr: u32, code: u32) {
        let hms = Hms::from_mqtt(attr, code);
        let rebuilt_attr = u32::from_be_bytes([hms.module_id(), hms.module_number(), hms.part(), hms.reserved()]);
        prop_assert_eq!(rebuilt_attr, attr);
        prop_assert_eq!((hms.level_raw() as u32) << 16 | hms.error_id() as u32, code);
        prop_assert_eq!(hms.reserved(), attr as u8);
        let written = hms.to_string();
        prop_assert_eq!(&written[7..9], format!("{:02X}", hms.reserved()));
        prop_assert_eq!(Hms::parse(&written).map(Hms::reserved), Ok(attr as u8));
    }

    #[test]
    fn slot_is_named_by_the_four_slot_parts_only(bits: u64) {
        let hms = Hms::from_u64(bits);
        let expected = match hms.part() {
            part @ 0x20..=0x23 => Some(part - 0x1F),
            _ => None,
        };
        prop_assert_eq!(hms.slot(), expected);
    }

    #[test]
    fn print_error_fields_cover_every_bit(bits: u32) {
        let e = PrintError::from_u32(bits);
        let rebuilt = u32::from_be_bytes([e.module_id(), e.module_number(), 0, 0])
            | (e.level_nibble() as u32) << 12
            | e.error_id() as u32;
        prop_assert_eq!(rebuilt, bits);
        let level = match e.level_nibble() {
            0x4 => Some(1),
            0x8 => Some(2),
            0xC => Some(3),
            _ => None,
        };
        prop_assert_eq!(e.level_raw(), level);
    }

    /// Whatever is pasted, reading answers a code or an error, never a panic; and a code it
    /// reads is one that its own spelling reads back as.
    #[test]
    fn reading_any_text_never_panics(text in prop_oneof![".{0,40}", "[0-9a-fA-F_xX hHmMsS-]{0,24}"]) {
        if let Ok(hms) = Hms::parse(&text) {
            prop_assert_eq!(Hms::parse(&hms.to_string()), Ok(hms));
        }
        if let Ok(error) = PrintError::parse(&text) {
            prop_assert_eq!(PrintError::parse(&error.to_string()), Ok(error));
        }
    }
}
