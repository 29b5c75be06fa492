//! The byte layout of the catalog tables: written by `hms-model` at build time, read here at
//! run time. **Unstable**: an implementation detail of the `hms` crates, which may change in
//! any release; use `hms-catalog`'s API.
//!
//! Each record type is declared once with [`record!`](crate::record) (its struct, size,
//! decoding and encoding follow from the declaration) and each table struct once with
//! [`tables!`](crate::tables) (its view, its owned build-side twin and the Rust expression
//! the build emits for it). Records sit back to back in byte strings, which rustc takes as
//! single literals however large the catalog grows.
//!
//! One perfect-hash index over rows finds everything a code has ([`facts`]): a row stands for
//! the codes that differ only in unit and slot, holds which of them Bambu lists (and on which
//! models), and the rules that give each code its catalog entry. Texts are compressed (see
//! [`crate::packed`]). Every read is bounds-checked: damaged tables give `None`, never a panic.

pub mod bake;
pub mod catalog;
pub mod facts;
pub mod hash;
pub mod index;
pub mod record;
pub mod texts;
pub mod wiki;

pub use catalog::{CatalogTables, EntryRecord, GuideRecord, NO_TEXT, ProcedureRecord, TextId};
pub use facts::{FactTable, Found, Member, Probe};
pub use index::PhfIndex;
pub use texts::TextTable;
pub use wiki::WikiTable;

/// "No such record" in a `u16` index field.
pub const NONE: u16 = u16::MAX;

/// `EntryRecord::varies` bit: the module number (AMS unit) varies across the family.
pub const VARIES_UNIT: u8 = 1;
/// `EntryRecord::varies` bit: the low digit of the part byte varies across the family (the
/// slot, or on the hotend rack the rack position; see [`slot_digits`]).
pub const VARIES_SLOT: u8 = 2;

/// The module id of the hotend rack, whose part digits number rack positions 1-6.
pub const RACK_MODULE: u8 = 0x1A;

/// The low digits of the part byte that a family's open part digit (`07xx_8x00_...`) covers,
/// for a module: 0-3 (slots 1-4, in any part quad such as `1x`, `2x` or `8x`), but 1-6 on
/// the hotend rack (rack positions: `1A00_0x00_...` is parts 01-06).
pub const fn slot_digits(module_id: u8) -> core::ops::RangeInclusive<u8> {
    if module_id == RACK_MODULE { 1..=6 } else { 0..=3 }
}

/// `EntryRecord::channel` of a `print.hms` code.
pub const CHANNEL_HMS: u8 = 0;
/// `EntryRecord::channel` of a `print.print_error` code.
pub const CHANNEL_PRINT_ERROR: u8 = 1;

/// The key bits that a family with these `varies` bits leaves out, for a channel.
pub const fn family_mask(channel: u8, varies: u8) -> u64 {
    let (unit, slot) = match channel {
        CHANNEL_HMS => (crate::Hms::UNIT_BITS, crate::Hms::SLOT_BITS),
        _ => (crate::PrintError::UNIT_BITS as u64, 0),
    };
    (if varies & VARIES_UNIT != 0 { unit } else { 0 }) | (if varies & VARIES_SLOT != 0 { slot } else { 0 })
}

/// Whether `code` can belong to a family whose `varies` bits vary: a varying unit must be a
/// lettered unit (not `0xFE`/`0xFF`), and a varying part digit one of [`slot_digits`] of the
/// code's module (a `print_error` code has no part digit).
pub const fn is_family_member(channel: u8, code: u64, varies: u8) -> bool {
    let (module_number, slot) = match channel {
        CHANNEL_HMS => {
            let hms = crate::Hms::from_u64(code);
            let (digit, digits) = (hms.part() & 0xF, slot_digits(hms.module_id()));
            (hms.module_number(), *digits.start() <= digit && digit <= *digits.end())
        }
        _ => (crate::PrintError::from_u32(code as u32).module_number(), false),
    };
    (varies & VARIES_UNIT == 0 || crate::unit_letter(module_number).is_some()) && (varies & VARIES_SLOT == 0 || slot)
}

/// The first member of the family with this key and `varies` bits: unit A, and the first of
/// [`slot_digits`]. Two families share a code exactly when the first member of their union
/// (keys or'ed, digits open in both taking this value) belongs to both.
pub const fn first_member(channel: u8, key: u64, varies: u8) -> u64 {
    if channel == CHANNEL_HMS && varies & VARIES_SLOT != 0 {
        let first = *slot_digits(crate::Hms::from_u64(key).module_id()).start() as u64;
        (key & !crate::Hms::SLOT_BITS) | first << 40
    } else {
        key
    }
}

/// Writes an entry's code as the catalog spells it: groups of four joined by `_`, and `x`
/// for each digit the family's `varies` bits leave open (`07xx_2x00_0002_0003`).
pub fn write_pattern(out: &mut dyn core::fmt::Write, channel: u8, key: u64, varies: u8) -> core::fmt::Result {
    let digits = if channel == CHANNEL_HMS { 16 } else { 8 };
    let wild = family_mask(channel, varies);
    for i in (0..digits).rev() {
        let shift = 4 * i;
        if (wild >> shift) & 0xF != 0 {
            out.write_char('x')?;
        } else {
            write!(out, "{:X}", (key >> shift) & 0xF)?;
        }
        if i % 4 == 0 && i != 0 {
            out.write_char('_')?;
        }
    }
    Ok(())
}

/// The `varies` combinations of families, in the order a row's rules list them (after its
/// exact codes).
pub const FAMILY_ORDER: [u8; 3] = [VARIES_UNIT | VARIES_SLOT, VARIES_UNIT, VARIES_SLOT];

crate::record! {
    /// A plain text (a procedure name or a wiki path): its byte offset and length in a blob.
    pub struct StrRef {
        /// Byte offset.
        pub offset: u32,
        /// Length in bytes; 0: no text.
        pub len: u16,
    }
}

crate::record! {
    /// A run of records in a table: its first index and its length.
    pub struct ListRef {
        /// Index of the first item.
        pub start: u16,
        /// Number of items.
        pub len: u16,
    }
}

crate::tables! {
    /// Every table of the catalog.
    pub struct Tables<'a> /
    /// The tables with their bytes owned (the build side).
    OwnedTables {
        /// The catalog's own entries, procedures and texts.
        pub catalog: CatalogTables<'a> => catalog::OwnedCatalog,
        /// The official codes, their models and the rules that give each code its entry.
        pub facts: FactTable<'a> => facts::OwnedFacts,
        /// The official codes' wiki pages (empty when left out).
        pub wiki: WikiTable<'a> => wiki::OwnedWiki,
    }
}

impl<'a> Tables<'a> {
    /// Where a code of `channel` sits: its official record and its catalog entry.
    #[inline]
    pub fn find(&self, channel: u8, code: u64) -> Probe {
        self.facts.find(channel, code)
    }

    /// The official record of a code of `channel`.
    pub fn find_official(&self, channel: u8, code: u64) -> Option<Found> {
        self.facts.found(self.find(channel, code).official?)
    }

    /// The entry record (matched pattern) of a `print.hms` code.
    pub fn find_hms(&self, code: u64) -> Option<u16> {
        self.find(CHANNEL_HMS, code).entry
    }

    /// The entry record (matched pattern) of a `print_error` code.
    pub fn find_print_error(&self, code: u32) -> Option<u16> {
        self.find(CHANNEL_PRINT_ERROR, code as u64).entry
    }

    /// Number of entry records (one per pattern).
    pub fn entry_count(&self) -> usize {
        self.catalog.entries.len()
    }

    /// Number of procedures.
    pub fn procedure_count(&self) -> usize {
        self.catalog.procedures.len()
    }

    /// Entry record `index`.
    #[inline]
    pub fn entry(&self, index: u16) -> Option<EntryRecord> {
        self.catalog.entry(index)
    }

    /// The guide texts of entry record `index` (`None` in a titles-only build).
    pub fn guide(&self, index: u16) -> Option<GuideRecord> {
        self.catalog.guide(index)
    }

    /// Procedure `index`.
    pub fn procedure(&self, index: u16) -> Option<ProcedureRecord> {
        self.catalog.procedure(index)
    }

    /// The compressed text `id`.
    pub fn text(&self, id: TextId) -> crate::packed::PackedText<'a> {
        self.catalog.text(id)
    }

    /// Item `i` of `list`.
    pub fn list_item(&self, list: ListRef, i: u16) -> Option<crate::packed::PackedText<'a>> {
        self.catalog.list_item(list, i)
    }

    /// The procedure name `s` points at.
    pub fn name(&self, s: StrRef) -> &'a str {
        self.catalog.name(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "bake")]
    #[allow(clippy::field_reassign_with_default)]
    fn entry_round_trips_through_its_bytes() {
        use record::{Field, decode, encode};
        // Fields set one by one, so a field added to the record needs no change here.
        let mut e = EntryRecord::default();
        e.key = 0x0700_2000_0002_0003;
        e.varies = VARIES_UNIT | VARIES_SLOT;
        e.title = 60_000;
        e.variant = 9;
        (e.pattern, e.patterns, e.side) = (1, 3, 2);
        let bytes = encode(&e);
        assert_eq!(bytes.len(), EntryRecord::SIZE);
        assert_eq!(decode::<EntryRecord>(&bytes), Some(e));
        assert_eq!(decode::<EntryRecord>(&bytes[..EntryRecord::SIZE - 1]), None);
        let g = GuideRecord {
            meaning: 1,
            note: NO_TEXT,
            causes: ListRef { start: 5, len: 6 },
            procedure: 7,
            see_also: NONE,
        };
        assert_eq!(decode::<GuideRecord>(&encode(&g)), Some(g));
    }

    #[test]
    #[cfg(feature = "bake")]
    fn procedure_round_trips_through_its_bytes() {
        use record::{decode, encode};
        let p = ProcedureRecord {
            name: StrRef { offset: 3, len: 4 },
            title: 5,
            steps: ListRef { start: 1, len: 7 },
            parts: ListRef { start: 8, len: 2 },
            support: 9,
        };
        assert_eq!(decode::<ProcedureRecord>(&encode(&p)), Some(p));
    }

    #[test]
    fn family_masks_cover_unit_and_slot() {
        assert_eq!(family_mask(CHANNEL_HMS, VARIES_UNIT | VARIES_SLOT), 0x00FF_0F00_0000_0000);
        assert_eq!(family_mask(CHANNEL_PRINT_ERROR, VARIES_UNIT), 0x00FF_0000);
    }

    #[test]
    fn an_open_part_digit_covers_four_slots_in_any_quad_and_six_rack_positions() {
        let member = |code: u64| is_family_member(CHANNEL_HMS, code, VARIES_SLOT);
        for (code, expected) in [
            (0x0700_2300_0002_0001u64, true),
            (0x0700_2400_0002_0001, false),
            (0x1200_8000_0002_0001, true),
            (0x0700_1300_0002_0001, true),
            (0x1A00_0000_0002_0001, false),
            (0x1A00_0100_0002_0001, true),
            (0x1A00_2600_0002_0001, true),
            (0x1A00_2700_0002_0001, false),
        ] {
            assert_eq!(member(code), expected, "{code:016X}");
        }
        assert!(!is_family_member(CHANNEL_PRINT_ERROR, 0x0700_8010, VARIES_SLOT));
        assert_eq!(first_member(CHANNEL_HMS, 0x1A00_2000_0002_0001, VARIES_SLOT), 0x1A00_2100_0002_0001);
        assert_eq!(first_member(CHANNEL_HMS, 0x0700_8000_0002_0001, VARIES_SLOT), 0x0700_8000_0002_0001);
    }
}
