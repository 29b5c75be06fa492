//! Properties of the compiled catalog over generated codes: reading either channel's
//! spellings, lookup against a plain linear scan of the public entries and official codes,
//! and filled texts.
//!
//! The scan is the specification written the slow way: a code's entry is the exact entry
//! with its bits, else the one family whose pattern (`07xx_2x00_0002_0001`) it matches,
//! where an `xx` unit must be a lettered unit (`unit_letter`) and an `x` part digit one of
//! the slots 1-4 (rack positions 1-6 on the hotend rack).

use std::collections::HashSet;
use std::sync::OnceLock;

use hms_catalog::__unstable::{as_written, entry_index, fill, pattern_index, tables, texts};
use hms_catalog::{AnyCode, Channel, Code, Hms, Lang, Lookup, Model, PrintError, Spelling, Text, entries, lookup};
use hms_core::layout::texts::{Said, text_with_fallback};
use hms_core::placeholder::{Piece, pieces};
use hms_core::spelling::read_digits;
use proptest::prelude::*;

const SPELLINGS: [Spelling; 4] = [Spelling::Underscore, Spelling::Dash, Spelling::Prefixed, Spelling::Compact];

/// One pattern of a catalog entry, as its public pattern spells it.
struct Row {
    index: u16,
    hms: bool,
    /// The pattern's digits, `x` read as 0.
    value: u64,
    /// `0xF` for every `x` digit.
    wild: u64,
}

impl Row {
    fn covers(&self, code: AnyCode) -> bool {
        let (hms, bits) = channel_bits(code);
        if hms != self.hms || bits & !self.wild != self.value {
            return false;
        }
        let (unit_bits, slot_bits) =
            if hms { (Hms::UNIT_BITS, Hms::SLOT_BITS) } else { (PrintError::UNIT_BITS as u64, 0) };
        let unit_ok = self.wild & unit_bits == 0 || hms_core::unit_letter(code.module_number()).is_some();
        // An open part digit covers slots 1-4 (digits 0-3) in any part quad, and rack
        // positions 1-6 on the hotend rack (module 1A).
        let slot_ok = self.wild & slot_bits == 0 || {
            let digit = code.part_digit().unwrap_or(0);
            let first = if code.module_id() == 0x1A { 1 } else { 0 };
            (first..first + if first == 1 { 6 } else { 4 }).contains(&digit)
        };
        unit_ok && slot_ok
    }
}

fn channel_bits(code: AnyCode) -> (bool, u64) {
    (code.channel() == Channel::Hms, code.bits())
}

fn rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| {
        entries()
            .flat_map(|e| {
                let patterns: Vec<_> = e.patterns().collect();
                assert!(
                    patterns.iter().any(|p| pattern_index(p) == entry_index(&e)),
                    "{} is among its patterns",
                    e.pattern()
                );
                patterns
            })
            .map(|p| {
                let pattern = p.to_string();
                let digits = read_digits(&pattern, true).expect("a pattern reads as digits");
                let hms = matches!(p.key(), AnyCode::Hms(_));
                assert_eq!(digits.count, if hms { 16 } else { 8 }, "{pattern}");
                assert_eq!(digits.wildcards != 0, p.is_family(), "{pattern}");
                assert_eq!(channel_bits(p.key()).1, digits.value, "{pattern}");
                Row { index: pattern_index(&p), hms, value: digits.value, wild: digits.wildcards }
            })
            .collect()
    })
}

/// The entry index the linear scan finds: exact first, else the only family that covers it.
fn scan(code: AnyCode) -> Option<u16> {
    let (_, bits) = channel_bits(code);
    let rows = rows();
    if let Some(exact) = rows.iter().find(|r| r.wild == 0 && r.covers(code)) {
        assert_eq!(exact.value, bits);
        return Some(exact.index);
    }
    let mut families = rows.iter().filter(|r| r.wild != 0 && r.covers(code));
    let family = families.next().map(|r| r.index);
    assert!(families.next().is_none(), "{code} is covered by two families");
    family
}

/// Every official code, walked from the public tables.
fn official_codes() -> &'static [AnyCode] {
    static CODES: OnceLock<Vec<AnyCode>> = OnceLock::new();
    CODES.get_or_init(|| {
        let facts = &tables().facts;
        (0..facts.records)
            .map(|record| {
                let (channel, bits, _) = facts.code(record as u16).expect("every record has a code");
                Channel::from_layout(channel)
                    .and_then(|channel| AnyCode::from_bits(channel, bits))
                    .expect("every record has a code of a channel")
            })
            .collect()
    })
}

fn official_set() -> &'static HashSet<AnyCode> {
    static SET: OnceLock<HashSet<AnyCode>> = OnceLock::new();
    SET.get_or_init(|| official_codes().iter().copied().collect())
}

/// `count` of `c` in what a catalog template writes literally: its text and its doubled braces.
fn literal_count(template: &str, c: char) -> usize {
    pieces(template)
        .map(|piece| match piece {
            Piece::Literal(text) => text.matches(c).count(),
            Piece::Placeholder { .. } => 0,
            Piece::Unbalanced { .. } => panic!("the catalog has an unbalanced brace in {template:?}"),
        })
        .sum()
}

/// A catalog text, filled: every placeholder is replaced by a real value (no `?`), and the
/// only braces left are the template's doubled ones.
fn check_text(text: Text, what: &str, code: AnyCode) -> Result<(), TestCaseError> {
    let template = as_written(text).to_string();
    let template = template.as_str();
    let rendered = text.to_string();
    for c in ['{', '}', '?'] {
        prop_assert_eq!(
            rendered.matches(c).count(),
            literal_count(template, c),
            "{} of {}: {:?} from {:?}",
            what,
            code,
            rendered,
            template
        );
    }
    Ok(())
}

fn check_texts(found: &Lookup) -> Result<(), TestCaseError> {
    let code = found.code();
    let texts = found.title().into_iter().chain(found.meaning()).chain(found.note()).chain(found.causes());
    for text in texts {
        check_text(text, "entry text", code)?;
    }
    for procedure in found.procedure().into_iter().chain(found.see_also()) {
        let texts = std::iter::once(procedure.title()).chain(procedure.steps()).chain(procedure.parts());
        for text in texts.chain(procedure.support()) {
            check_text(text, procedure.name(), code)?;
        }
    }
    Ok(())
}

/// The official texts, filled: braces only where the stored text has literal ones. Checked
/// for the default text and that of each model that lists the code, in every language
/// compiled in.
fn check_official_texts(found: &Lookup) -> Result<(), TestCaseError> {
    let Some(official) = found.official() else { return Ok(()) };
    let code = found.code();
    let record =
        tables().find_official(code.channel().layout(), found.key().bits()).expect("an official code has a record");
    for &lang in Lang::ALL {
        for model in std::iter::once(None).chain(official.models().map(Some)) {
            let rendered = official.text(model, lang).text().map(|t| t.to_string());
            let stored = text_with_fallback(texts(lang), texts(Lang::En), &record, model.map(Model::bit));
            let Said::Text(packed) = stored else {
                prop_assert!(rendered.is_none(), "{}: text without a stored text", found.code());
                continue;
            };
            let mut braces = [0usize; 2];
            packed.for_each_byte(|b| {
                braces[0] += usize::from(b == b'{');
                braces[1] += usize::from(b == b'}');
                true
            });
            let rendered = rendered.unwrap_or_default();
            prop_assert_eq!([rendered.matches('{').count(), rendered.matches('}').count()], braces, "{:?}", rendered);
        }
    }
    Ok(())
}

/// Everything a lookup answers, each asked once; a panic anywhere fails the property. The
/// official texts, slow to decode in a debug build, are checked when `official_texts`.
fn check_lookup_with(code: AnyCode, official_texts: bool) -> Result<(), TestCaseError> {
    let found = lookup(code);
    prop_assert_eq!(found.code(), code);
    let key = key_of(code);
    prop_assert_eq!(found.key(), key);
    prop_assert_eq!(found.entry().map(|e| entry_index(&e)), scan(key), "{}", code);
    let official = official_set().contains(&key);
    prop_assert_eq!(found.official().is_some(), official, "{}", code);
    prop_assert_eq!(found.is_known(), found.entry().is_some() || official, "{}", code);
    prop_assert_eq!(code.to_string().parse::<Code>().ok(), found.variant(), "{}", code);
    let _ = (found.module(), found.level(), found.unit_letter(), found.slot(), fill(&found));
    let _ = found.wiki_url(None).to_string();
    if let Some(o) = found.official() {
        let _ = o.models().count();
        for &model in Model::ALL {
            let _ = found.wiki_url(Some(model)).to_string();
            let _ = o.wiki_page(Some(model));
        }
    }
    check_texts(&found)?;
    if official_texts { check_official_texts(&found) } else { Ok(()) }
}

/// The code a lookup keys: the reserved byte of an HMS code cleared, as BambuStudio does.
fn key_of(code: AnyCode) -> AnyCode {
    match code {
        AnyCode::Hms(h) => AnyCode::Hms(h.with_reserved(0)),
        other => other,
    }
}

fn check_lookup(code: AnyCode) -> Result<(), TestCaseError> {
    check_lookup_with(code, true)
}

/// A code near catalog entry `pick`: a family member for any unit and slot digit (valid or
/// not), optionally with one bit flipped to land beside it.
fn near_entry(pick: usize, unit: u8, slot: u8, flip: Option<u8>) -> AnyCode {
    let rows = rows();
    let row = &rows[pick % rows.len()];
    let (unit_bits, slot_bits) =
        if row.hms { (Hms::UNIT_BITS, Hms::SLOT_BITS) } else { (PrintError::UNIT_BITS as u64, 0) };
    let opens = |bits: u64| row.wild & bits != 0;
    let member = if row.hms {
        // An open digit is 0 in the row's value: the slot digit is added to the part.
        let key = Hms::from_u64(row.value);
        let key = if opens(unit_bits) { key.with_module_number(unit) } else { key };
        AnyCode::Hms(if opens(slot_bits) { key.with_part(key.part() + slot % 16) } else { key })
    } else {
        let key = PrintError::from_u32(row.value as u32);
        AnyCode::PrintError(if opens(unit_bits) { key.with_module_number(unit) } else { key })
    };
    match flip {
        Some(flip) => flipped(member, flip),
        None => member,
    }
}

/// `code` with its bit `bit` (modulo the code's width) flipped: a code one bit away.
fn flipped(code: AnyCode, bit: u8) -> AnyCode {
    let width = if code.channel() == Channel::Hms { 64 } else { 32 };
    AnyCode::from_bits(code.channel(), code.bits() ^ 1 << (bit % width)).expect("a flip within the code's width")
}

/// Units to try: the lettered ranges, their edges, and numbers that name no unit.
fn unit() -> impl Strategy<Value = u8> {
    prop_oneof![
        0u8..4,
        0u8..=0x19,
        0x80u8..=0x99,
        Just(0x1A),
        Just(0x7F),
        Just(0x9A),
        Just(0xFE),
        Just(0xFF),
        any::<u8>()
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn any_code_reads_every_hms_spelling(bits: u64) {
        let hms = Hms::from_u64(bits);
        for spelling in SPELLINGS {
            let written = hms.spelled(spelling).to_string();
            prop_assert_eq!(AnyCode::parse(&written), Ok(AnyCode::Hms(hms)), "{}", written);
        }
        prop_assert_eq!(AnyCode::Hms(hms).to_string().parse::<AnyCode>(), Ok(AnyCode::Hms(hms)));
    }

    #[test]
    fn any_code_reads_every_print_error_spelling(bits: u32) {
        let error = PrintError::from_u32(bits);
        for spelling in SPELLINGS {
            let written = error.spelled(spelling).to_string();
            prop_assert_eq!(AnyCode::parse(&written), Ok(AnyCode::PrintError(error)), "{}", written);
        }
        prop_assert_eq!(AnyCode::PrintError(error).to_string().parse::<AnyCode>(), Ok(AnyCode::PrintError(error)));
    }

    #[test]
    fn lookup_of_any_hms_code_agrees_with_the_scan(bits: u64) {
        check_lookup(AnyCode::Hms(Hms::from_u64(bits)))?;
    }

    #[test]
    fn lookup_of_any_print_error_agrees_with_the_scan(bits: u32) {
        check_lookup(AnyCode::PrintError(PrintError::from_u32(bits)))?;
    }

    #[test]
    fn lookup_near_catalog_entries_agrees_with_the_scan(
        pick in any::<usize>(),
        unit in unit(),
        slot in prop_oneof![0u8..4, 0u8..16],
        flip in proptest::option::weighted(0.3, any::<u8>()),
    ) {
        check_lookup(near_entry(pick, unit, slot, flip))?;
    }

    #[test]
    fn lookup_near_official_codes_agrees_with_the_scan(
        pick in any::<usize>(),
        flip in proptest::option::weighted(0.3, any::<u8>()),
    ) {
        let codes = official_codes();
        let code = codes[pick % codes.len()];
        let code = flip.map_or(code, |bit| flipped(code, bit));
        check_lookup(code)?;
    }

    /// The reserved byte is cleared for the lookup, as BambuStudio keys reported codes: an
    /// official code with it set finds what the code without it finds, and keeps its bits.
    #[test]
    fn reserved_byte_is_cleared_for_the_lookup(pick in any::<usize>(), reserved in 1u8..=255) {
        let codes = official_codes();
        if let AnyCode::Hms(h) = codes[pick % codes.len()] {
            let reported = AnyCode::Hms(h.with_reserved(reserved));
            check_lookup(reported)?;
            let (found, clean) = (lookup(reported), lookup(h));
            prop_assert_eq!(found.code(), reported);
            prop_assert!(found.is_official());
            prop_assert_eq!(found.entry().map(|e| entry_index(&e)), clean.entry().map(|e| entry_index(&e)));
        }
    }
}

#[test]
fn every_entry_member_and_every_official_code_agrees_with_the_scan() {
    let mut checked = 0;
    // Every official code's official texts are checked by the sampled properties above.
    for code in official_codes() {
        check_lookup_with(*code, false).unwrap();
        checked += 1;
    }
    for (pick, row) in rows().iter().enumerate() {
        let (units, slots): (&[u8], u8) =
            if row.wild == 0 { (&[0], 1) } else { (&[0, 1, 3, 0x19, 0x80, 0x99, 0xFE], 4) };
        for &unit in units {
            for slot in 0..slots {
                check_lookup(near_entry(pick, unit, slot, None)).unwrap();
                checked += 1;
            }
        }
    }
    assert!(checked > official_codes().len());
}
