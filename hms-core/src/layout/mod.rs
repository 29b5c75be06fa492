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

pub mod actions;
pub mod alerts;
pub mod bake;
pub mod catalog;
pub mod facts;
pub mod hash;
pub mod index;
pub mod record;
pub mod texts;
pub mod wiki;

pub use actions::ActionTable;
pub use alerts::AlertTable;
pub use catalog::{CatalogTables, EntryRecord, GuideRecord, NO_TEXT, ProcedureRecord, SidedPattern, TextId};
pub use facts::{FactTable, Found, Member, Probe};
pub use index::PhfIndex;
pub use texts::TextTable;
pub use wiki::WikiTable;

/// One pattern of a catalog entry as the tables give it: what its [`facts::Rule`] says, read
/// back into the pattern's code, and its entry's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternRecord {
    /// The pattern's index (its rule's).
    pub index: u16,
    /// The index of its entry.
    pub entry: u16,
    /// Its entry's record.
    pub record: EntryRecord,
    /// [`CHANNEL_HMS`] or [`CHANNEL_PRINT_ERROR`].
    pub channel: u8,
    /// The code (for a family, with the varying bits zero).
    pub key: u64,
    /// [`VARIES_UNIT`] | [`VARIES_SLOT`] bits; 0 for an exact code.
    pub varies: u8,
    /// The side the catalog gives the pattern's code (`{ code: ..., side: left }`):
    /// [`Side::to_u8`](crate::Side::to_u8), 0 for none.
    pub side: u8,
}

/// "No such record" in a `u16` index field.
pub const NONE: u16 = u16::MAX;

/// `PatternRecord::varies` bit: the module number (AMS unit) varies across the family.
pub const VARIES_UNIT: u8 = 1;
/// `PatternRecord::varies` bit: the low digit of the part byte varies across the family (the
/// slot, or on the hotend rack the rack position: the module's [`PartLayout`](crate::PartLayout)).
pub const VARIES_SLOT: u8 = 2;

/// `PatternRecord::channel` of a `print.hms` code.
pub const CHANNEL_HMS: u8 = 0;
/// `PatternRecord::channel` of a `print.print_error` code.
pub const CHANNEL_PRINT_ERROR: u8 = 1;

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
        /// Entries with an alert class of their own, and official codes some printers keep
        /// silent.
        pub alerts: AlertTable<'a> => alerts::OwnedAlerts,
        /// The buttons each printer offers per official code (empty when left out).
        pub actions: ActionTable<'a> => actions::OwnedActions,
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
        self.facts.found(self.find(channel, code).official()?)
    }

    /// The pattern (rule index) that covers a `print.hms` code.
    pub fn find_hms(&self, code: u64) -> Option<u16> {
        self.find(CHANNEL_HMS, code).entry()
    }

    /// The pattern (rule index) that covers a `print_error` code.
    pub fn find_print_error(&self, code: u32) -> Option<u16> {
        self.find(CHANNEL_PRINT_ERROR, code as u64).entry()
    }

    /// Number of entries.
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

    /// Pattern `index` (its rule's index): its code, what varies, its side and its entry.
    #[inline]
    pub fn pattern(&self, index: u16) -> Option<PatternRecord> {
        let rule = self.facts.rules.get(index as usize)?;
        let (channel, key) = self.facts.pattern_key(index)?;
        let entry = rule.entry;
        let record = self.catalog.entry(entry)?;
        let side = if rule.selector & facts::Rule::SIDED != 0 { self.catalog.side(index) } else { 0 };
        Some(PatternRecord { index, entry, record, channel, key, varies: rule.varies(), side })
    }

    /// The `i`-th pattern (rule index) of entry `entry`, in catalog order.
    pub fn entry_pattern(&self, entry: u16, i: u16) -> Option<u16> {
        let (start, len) = self.catalog.entry_patterns(entry)?;
        if i >= len {
            return None;
        }
        self.catalog.patterns.get(start as usize + i as usize)
    }

    /// Number of patterns of entry `entry`.
    pub fn entry_pattern_count(&self, entry: u16) -> u16 {
        self.catalog.entry_patterns(entry).map_or(0, |(_, len)| len)
    }

    /// The guide texts of entry `index` (`None` in a titles-only build).
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

#[cfg(all(test, feature = "bake"))]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::field_reassign_with_default)]
    fn entry_round_trips_through_its_bytes() {
        use record::{Field, decode, encode};
        // Fields set one by one, so a field added to the record needs no change here.
        let mut e = EntryRecord::default();
        e.patterns = 1_800;
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
}
