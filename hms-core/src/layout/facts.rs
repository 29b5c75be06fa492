//! The official codes as rows, and the rules that give every code its catalog entry.
//!
//! A row stands for every code that differs from its key only in the unit byte and, for
//! `print.hms`, the slot nibble of the part byte (AMS A-H, slots 1-4): one row for up to
//! hundreds of codes. It holds which of them Bambu lists (a member bitmap), their models,
//! where their records start (texts and wiki pages are parallel to the records), and the
//! rules that pick each code's catalog entry (exact codes first, then families). Catalog
//! codes that Bambu does not list get rows of their own, with no members. So a lookup is one
//! hash, one row, its member set, one byte per member bit (which says both whether the code
//! is a member and which of the row's rules gives its entry) and that rule: no counting of
//! members on the way to the entry.

use super::index::PhfIndex;
use super::record::Records;
#[cfg(feature = "bake")]
use super::record::RecordsBuf;
use super::{CHANNEL_HMS, VARIES_SLOT, VARIES_UNIT};
use crate::PartLayout;

/// Set in a `print_error` row key: bit 48 is in the unit byte of `print.hms` codes, which row
/// keys clear, so the keys of the two channels never meet in the one index.
pub const PRINT_ERROR_TAG: u64 = 1 << 48;

/// A code's row key (channel tagged), unit and slot nibble: a row is every official code
/// that differs only in the unit byte and, for `print.hms`, the slot nibble of the part byte.
#[inline]
pub const fn split_code(channel: u8, code: u64) -> (u64, u8, u8) {
    if channel == CHANNEL_HMS {
        let hms = crate::Hms::from_u64(code);
        (code & !(crate::Hms::UNIT_BITS | crate::Hms::SLOT_BITS), hms.module_number(), hms.part() & 0xF)
    } else {
        let e = crate::PrintError::from_u32(code as u32);
        ((code & !(crate::PrintError::UNIT_BITS as u64)) | PRINT_ERROR_TAG, e.module_number(), 0)
    }
}

/// The channel and code of a row key, unit and slot: the inverse of [`split_code`].
pub const fn join_code(key: u64, unit: u8, slot: u8) -> (u8, u64) {
    if key & PRINT_ERROR_TAG != 0 {
        (super::CHANNEL_PRINT_ERROR, (key & !PRINT_ERROR_TAG) | (unit as u64) << 16)
    } else {
        (CHANNEL_HMS, key | (unit as u64) << 48 | (slot as u64) << 40)
    }
}

/// A row key as a row stores it: the bits above the low 16 (interned in the prefix table)
/// and the low 16 bits.
#[inline]
pub const fn split_key(key: u64) -> (u64, u32) {
    (key >> 16, key as u32 & 0xFFFF)
}

/// The row key of a prefix and low bits: the inverse of [`split_key`].
pub const fn join_key(prefix: u64, low: u32) -> u64 {
    prefix << 16 | low as u64
}

/// Declares the row's fields once: [`Row`] holds their values, [`RowFormat`] their widths in
/// bits, and a row is their values packed in that order, little-endian. The fields a probe
/// reads come first ([`RowFormat::decode_lead`]).
macro_rules! row {
    ($( $(#[$meta:meta])* $field:ident ),* $(,)?) => {
        /// One row, unpacked.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct Row { $( $(#[$meta])* pub $field: u32 ),* }

        /// The width in bits of each field of [`Row`]; a row takes `ceil(sum / 8)` bytes, at
        /// most [`RowFormat::MAX_ROW`].
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct RowFormat { $( $(#[$meta])* pub $field: u8 ),* }

        impl RowFormat {
            /// Bits of a row.
            pub const fn bits(&self) -> usize {
                0 $( + self.$field as usize )*
            }

            /// Reads the row at byte `at` of `rows`.
            #[inline(always)]
            pub fn decode(&self, rows: &[u8], at: usize) -> Option<Row> {
                let mut v = read_bits(rows, at, self.row_size())?;
                let mut take = |bits: u8| {
                    let field = (v & mask(bits)) as u32;
                    v = v.checked_shr(bits as u32).unwrap_or(0);
                    field
                };
                Some(Row { $( $field: take(self.$field) ),* })
            }

            /// The row packed in its bytes (little-endian), if every field fits.
            pub fn encode(&self, row: &Row) -> Option<[u8; Self::MAX_ROW]> {
                let (mut v, mut at) = (0u128, 0u32);
                $(
                    if row.$field as u128 > mask(self.$field) {
                        return None;
                    }
                    v |= (row.$field as u128) << at;
                    at += self.$field as u32;
                )*
                // Every bit of the row is placed (the last field's end is not read otherwise).
                debug_assert_eq!(at as usize, self.bits());
                (self.row_size() <= Self::MAX_ROW).then(|| v.to_le_bytes())
            }

            /// The narrowest format that holds every row of `rows`.
            pub fn fitting<'r>(rows: impl IntoIterator<Item = &'r Row>) -> RowFormat {
                let mut f = RowFormat::default();
                for row in rows {
                    $( f.$field = f.$field.max((u32::BITS - row.$field.leading_zeros()) as u8); )*
                }
                f
            }
        }

        #[cfg(feature = "bake")]
        impl super::bake::Part for RowFormat {
            type View<'a> = RowFormat;
            fn view(&self) -> RowFormat {
                *self
            }
            fn bake(&self, out: &mut super::bake::Baker) {
                out.push_str("::hms_core::layout::facts::RowFormat {");
                $( out.push_str(&alloc::format!(concat!(stringify!($field), ": {}u8, "), self.$field)); )*
                out.push('}');
            }
        }
    };
}

row! {
    /// Index of `key >> 16` in the prefix table (past its end for an empty slot).
    prefix,
    /// `key & 0xFFFF`.
    low,
    /// The row's [`MemberSet`]: its index in [`FactTable::sets`] (0, the empty set, for a
    /// row without members).
    set,
    /// 0: no catalog entry covers a code of the row; else the index plus 1 of the row's first
    /// [`Rule`].
    rules,
    /// Below the number of model sets: the model set of every member. Else
    /// `models - model set count` is where the row's members' model sets start in the
    /// member models table.
    models,
    /// The record index of the row's first member; the others follow in member order.
    base,
}

impl RowFormat {
    /// The most bytes a row may take.
    pub const MAX_ROW: usize = 16;

    /// Bytes of one row.
    #[inline]
    pub const fn row_size(&self) -> usize {
        self.bits().div_ceil(8)
    }

    /// The fields a probe reads (`prefix`, `low`, `set`, `rules`: the first four) of the row
    /// at byte `at`, the others 0: one 8-byte read where those fields fit in 64 bits, as they
    /// do unless a catalog has tens of thousands of rows.
    #[inline(always)]
    pub fn decode_lead(&self, rows: &[u8], at: usize) -> Option<Row> {
        let lead = self.prefix as u32 + self.low as u32 + self.set as u32 + self.rules as u32;
        if lead > u64::BITS {
            let row = self.decode(rows, at)?;
            return Some(Row { models: 0, base: 0, ..row });
        }
        let mut v = match rows.get(at..at + 8) {
            Some(whole) => u64::from_le_bytes(whole.try_into().ok()?),
            None => read_bits(rows, at, self.row_size())? as u64,
        };
        let mut take = |bits: u8| {
            let field = (v & mask(bits) as u64) as u32;
            v = v.checked_shr(bits as u32).unwrap_or(0);
            field
        };
        Some(Row {
            prefix: take(self.prefix),
            low: take(self.low),
            set: take(self.set),
            rules: take(self.rules),
            models: 0,
            base: 0,
        })
    }
}

const fn mask(bits: u8) -> u128 {
    if bits >= 128 { u128::MAX } else { (1u128 << bits) - 1 }
}

/// The `size` bytes at `at`, as the low bytes of a `u128` (one load where the bytes allow).
#[inline(always)]
fn read_bits(rows: &[u8], at: usize, size: usize) -> Option<u128> {
    match rows.get(at..at + RowFormat::MAX_ROW) {
        // Bits past the row belong to the next one; the fields never reach them.
        Some(whole) => Some(u128::from_le_bytes(whole.try_into().ok()?)),
        None => {
            let mut buf = [0u8; RowFormat::MAX_ROW];
            buf.get_mut(..size)?.copy_from_slice(rows.get(at..at.checked_add(size)?)?);
            Some(u128::from_le_bytes(buf))
        }
    }
}

crate::record! {
    /// The members of a row (which units and slots Bambu lists) and the rule each one takes:
    /// member `(unit, slot)` is bit `(class(unit) - class) * slot count + (slot - first slot)`,
    /// `class(unit)` being the unit's class in [`FactTable::classes`], and each bit of the set
    /// has one byte in [`FactTable::member_rules`], from `start`: the offset of the member's
    /// rule in its row's run, or [`NOT_MEMBER`], [`MEMBER_NONE`], [`MEMBER_SCAN`]. A member's
    /// position in its row is the number of members below its bit. Rows whose members and
    /// rules have the same shape share one set.
    pub struct MemberSet {
        /// The class of the first unit.
        pub class: u8,
        /// How many classes the set spans (0: no members).
        pub classes: u8,
        /// The first slot nibble (low 4 bits) and the slot count minus 1 (high 4 bits).
        pub slots: u8,
        /// The first of the set's bytes in [`FactTable::member_rules`].
        pub start: u16,
    }
}

impl MemberSet {
    /// No class: a unit that is never a member.
    pub const NO_CLASS: u8 = u8::MAX;

    /// The bit of member `(class, slot)`, if the set can hold it.
    #[inline]
    pub const fn bit(&self, class: u8, slot: u8) -> Option<usize> {
        let (first, count) = (self.slots & 0xF, (self.slots >> 4) + 1);
        let (s, c) = (slot.wrapping_sub(first), class.wrapping_sub(self.class));
        if s < count && c < self.classes { Some(c as usize * count as usize + s as usize) } else { None }
    }

    /// Number of bits (members or not) the set spans.
    pub const fn bits(&self) -> usize {
        self.classes as usize * ((self.slots >> 4) as usize + 1)
    }

    /// The `(class, slot)` of bit `bit`.
    pub const fn member(&self, bit: usize) -> (u8, u8) {
        let (first, count) = ((self.slots & 0xF) as usize, (self.slots >> 4) as usize + 1);
        (self.class.wrapping_add((bit / count) as u8), (first + bit % count) as u8)
    }
}

crate::record! {
    /// A rule of a row: one pattern of a catalog entry (an exact code or a family), the
    /// row's codes that match it taking that entry. Each pattern has one rule, in the row of
    /// its key, so a rule's index also numbers its pattern.
    pub struct Rule {
        /// The index of the pattern's entry in [`CatalogTables::entries`](super::CatalogTables::entries).
        pub entry: u16,
        /// [`Rule::SLOT`], [`Rule::UNIT`] and [`Rule::VARIES`] bits, [`Rule::SIDED`] on a
        /// pattern the catalog gives a side, and [`Rule::LAST`] on the row's last rule.
        pub selector: u16,
    }
}

impl Rule {
    /// The slot nibble a code must have; for a family whose part digit varies, the position
    /// of its module in [`FactTable::parts`] (whose layout gives the open digits).
    pub const SLOT: u16 = 0x000F;
    /// The unit a code must have (unless the unit varies), shifted by 4.
    pub const UNIT: u16 = 0x0FF0;
    /// The pattern's `varies` bits, shifted by 12.
    pub const VARIES: u16 = 0x3000;
    /// Marks the row's last rule.
    pub const LAST: u16 = 0x8000;
    /// Marks a pattern the catalog gives a side: its side is in
    /// [`CatalogTables::sides`](super::CatalogTables::sides).
    pub const SIDED: u16 = 0x4000;

    /// The pattern's `varies` bits ([`VARIES_UNIT`], [`VARIES_SLOT`]).
    #[inline]
    pub const fn varies(&self) -> u8 {
        ((self.selector & Self::VARIES) >> 12) as u8
    }

    /// The selector of `pattern` within its row; `parts`: the position of its module in
    /// [`FactTable::parts`], for a pattern whose part digit varies.
    pub const fn selector(pattern: &crate::CodePattern, parts: u8, last: bool) -> u16 {
        let (_, unit, slot) = split_code(pattern.channel().layout(), pattern.key().bits());
        let slot = if pattern.varying_part().is_some() { parts } else { slot };
        let varies = pattern.varies();
        (slot as u16 & 0xF) | (unit as u16) << 4 | ((varies & 3) as u16) << 12 | if last { Self::LAST } else { 0 }
    }

    /// Whether the part digit varies across the rule's codes (its [`SLOT`](Self::SLOT) bits
    /// then name the module's part layout).
    #[inline]
    pub const fn varies_part(&self) -> bool {
        self.selector & ((VARIES_SLOT as u16) << 12) != 0
    }

    /// Whether a code of the rule's row with this unit and slot nibble is one of the rule's
    /// codes: [`CodePattern::covers`](crate::CodePattern::covers) for the codes of one row,
    /// `parts` being the layout the rule names when its part digit varies.
    #[inline]
    pub const fn matches(&self, unit: u8, slot: u8, parts: Option<PartLayout>) -> bool {
        // Bitwise, not short-circuit: rows mix exact codes and families, and branches on
        // which one a rule is would be mispredicted.
        let varies = ((self.selector & Self::VARIES) >> 12) as u8;
        let lettered = crate::unit_letter(unit).is_some();
        let unit_ok =
            if varies & VARIES_UNIT != 0 { lettered } else { unit as u16 == (self.selector & Self::UNIT) >> 4 };
        let in_parts = match parts {
            Some(parts) => parts.contains(slot),
            None => false,
        };
        let slot_ok = if varies & VARIES_SLOT != 0 { in_parts } else { slot as u16 == self.selector & Self::SLOT };
        unit_ok & slot_ok
    }
}

crate::record! {
    /// The part layout of a module (see [`PartLayout`]), for the rules whose part digit varies.
    pub struct ModuleParts {
        /// The module id.
        pub module: u8,
        /// [`PartLayout::to_bytes`].
        pub layout: u16,
    }
}

impl ModuleParts {
    /// The record of a module's layout.
    pub const fn new(module: u8, layout: PartLayout) -> ModuleParts {
        ModuleParts { module, layout: u16::from_le_bytes(layout.to_bytes()) }
    }

    /// The layout; `None` when damaged.
    pub const fn layout(&self) -> Option<PartLayout> {
        PartLayout::from_bytes(self.layout.to_le_bytes())
    }
}

crate::tables! {
    /// The official codes and the catalog's codes, as rows. The byte strings a probe reads come
    /// first ([`FactTable::PROBED`] of them), the models after.
    pub struct FactTable<'a> /
    /// [`FactTable`] with its bytes owned.
    OwnedFacts {
        /// Row keys to rows (slots).
        pub index: PhfIndex<'a> => super::index::OwnedIndex,
        /// The field widths of [`rows`](Self::rows).
        pub format: RowFormat => RowFormat,
        /// Packed [`Row`]s in slot order.
        pub rows: &'a [u8] => alloc::vec::Vec<u8>,
        /// Distinct `key >> 16` values.
        pub prefixes: Records<'a, u64> => RecordsBuf<u64>,
        /// Per unit byte, its class in member sets ([`MemberSet::NO_CLASS`] for a unit no
        /// official code has): 256 bytes.
        pub classes: &'a [u8] => alloc::vec::Vec<u8>,
        /// The rows' member sets, the empty set first.
        pub sets: Records<'a, MemberSet> => RecordsBuf<MemberSet>,
        /// Per bit of each member set, one byte: the offset of the member's rule in its row's
        /// run, or [`NOT_MEMBER`], [`MEMBER_NONE`], [`MEMBER_SCAN`]. Sets of the same bytes
        /// share them.
        pub member_rules: &'a [u8] => alloc::vec::Vec<u8>,
        /// The rules of the rows, each row's a run ending at [`Rule::LAST`].
        pub rules: Records<'a, Rule> => RecordsBuf<Rule>,
        /// The part layouts of the modules that have one (at most 16), from catalog.yaml.
        pub parts: Records<'a, ModuleParts> => RecordsBuf<ModuleParts>,
        /// Model sets: bit masks, bit `i` being model `i` of the catalog.
        pub model_sets: Records<'a, u32> => RecordsBuf<u32>,
        /// Per member of a row whose members differ in models: its model set (one byte while
        /// there are at most 256 model sets, else `u16`).
        pub member_models: &'a [u8] => alloc::vec::Vec<u8>,
        /// Number of official records.
        pub records: u32 => u32,
    }
}

/// [`FactTable::member_rules`] value of a bit of a set that is not a member.
pub const NOT_MEMBER: u8 = 0xFF;

/// [`FactTable::member_rules`] value of a member no rule of its row matches: no entry.
pub const MEMBER_NONE: u8 = 0xFE;

/// [`FactTable::member_rules`] value of a member whose rule is found by matching the row's
/// rules: one past the first [`MEMBER_SCAN`] rules of its row.
pub const MEMBER_SCAN: u8 = 0xFD;

/// Where an official code sits in the [`FactTable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// The record index (wiki pages are parallel to records).
    pub record: u16,
    /// The row's slot (texts are per row and member).
    pub row: u32,
    /// The code's position among its row's members.
    pub position: u16,
}

/// An official code as one probe finds it: its row and its bit in the row's member set, in
/// one 32-bit word (so that a probe's answer is small). [`FactTable::found`] counts the
/// members below it when the record is wanted.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Member(core::num::NonZeroU32);

impl Member {
    /// Rows a table may have: a row takes the bits above a member's bit.
    pub const MAX_ROWS: u32 = 1 << 19;
    /// Bits a member set may span: 255 classes of 16 slots fit.
    const BIT_BITS: u32 = 12;
    /// Set in every member, so none is zero.
    const TAG: u32 = 1 << 31;

    /// The member of bit `bit` of row `row`; `None` past [`MAX_ROWS`](Self::MAX_ROWS) rows or
    /// 4,096 bits.
    pub const fn new(row: u32, bit: u16) -> Option<Member> {
        if row >= Self::MAX_ROWS || bit as u32 >= 1 << Self::BIT_BITS {
            return None;
        }
        Some(Self::packed(row, bit))
    }

    /// [`new`](Self::new) for a row and bit known to fit; bits past them are dropped.
    #[inline(always)]
    const fn packed(row: u32, bit: u16) -> Member {
        let word =
            Self::TAG | (row & (Self::MAX_ROWS - 1)) << Self::BIT_BITS | (bit as u32 & ((1 << Self::BIT_BITS) - 1));
        match core::num::NonZeroU32::new(word) {
            Some(word) => Member(word),
            None => unreachable!(),
        }
    }

    /// The row's slot.
    #[inline]
    pub const fn row(self) -> u32 {
        (self.0.get() & !Self::TAG) >> Self::BIT_BITS
    }

    /// The code's bit in the row's member set.
    #[inline]
    pub const fn bit(self) -> u16 {
        (self.0.get() & ((1 << Self::BIT_BITS) - 1)) as u16
    }
}

impl core::fmt::Debug for Member {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Member").field("row", &self.row()).field("bit", &self.bit()).finish()
    }
}

/// What one probe of the rows finds for a code, in one word: the [`Member`] in the low 32 bits
/// (0: not listed), the covering pattern's index plus 1 in the 16 above (0: none).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Probe(u64);

impl Probe {
    /// What a probe that finds nothing answers.
    pub const NOTHING: Probe = Probe(0);

    /// A probe's answer: where the code sits, and the pattern that covers it (a pattern index
    /// of `u16::MAX` is none).
    pub const fn new(official: Option<Member>, entry: Option<u16>) -> Probe {
        let entry = match entry {
            Some(e) => e.wrapping_add(1),
            None => 0,
        };
        Probe::of(official, entry)
    }

    /// The answer of `official` and the pattern index plus 1 (0: none).
    #[inline(always)]
    const fn of(official: Option<Member>, entry_plus_1: u16) -> Probe {
        let member = match official {
            Some(m) => m.0.get(),
            None => 0,
        };
        Probe(member as u64 | (entry_plus_1 as u64) << 32)
    }

    /// Where the code sits, if Bambu lists it.
    #[inline]
    pub const fn official(&self) -> Option<Member> {
        match core::num::NonZeroU32::new(self.0 as u32) {
            Some(word) => Some(Member(word)),
            None => None,
        }
    }

    /// The pattern of a catalog entry (the index of its [`Rule`]) that covers the code, if any.
    #[inline]
    pub const fn entry(&self) -> Option<u16> {
        match (self.0 >> 32) as u16 {
            0 => None,
            e => Some(e - 1),
        }
    }
}

impl core::fmt::Debug for Probe {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Probe").field("official", &self.official()).field("entry", &self.entry()).finish()
    }
}

impl<'a> FactTable<'a> {
    /// How many of the table's byte strings, in declaration order, a probe reads ([`find`]):
    /// the index's pilots, rows, prefixes, classes, sets, member rules, rules and part layouts.
    /// They are baked into one static (`bake::baked_in_one`); the models keep statics of
    /// their own, which a build that never reads them leaves out.
    ///
    /// [`find`]: Self::find
    pub const PROBED: usize = 8;

    /// Bytes of the official facts: index, rows, prefixes, classes, member sets with each
    /// member's rule offset, and models (the rules belong to the catalog).
    pub const fn byte_len(&self) -> usize {
        self.index.byte_len()
            + self.rows.len()
            + self.prefixes.bytes().len()
            + self.classes.len()
            + self.sets.bytes().len()
            + self.member_rules.len()
            + self.model_sets.bytes().len()
            + self.member_models.len()
    }

    /// Number of rows.
    pub fn row_count(&self) -> usize {
        self.rows.len().checked_div(self.format.row_size()).unwrap_or(0)
    }

    #[inline(always)]
    fn row(&self, slot: usize) -> Option<Row> {
        self.format.decode(self.rows, slot * self.format.row_size())
    }

    /// Where a code of `channel` sits: its official record and its catalog entry.
    ///
    /// Always inlined, as are the reads it makes: read through a constant table (as
    /// `hms-catalog` does), the compiler then knows the row format and the index's sizes and
    /// folds them into the code; a call would lose that at every call site.
    #[inline(always)]
    pub fn find(&self, channel: u8, code: u64) -> Probe {
        let (key, unit, slot) = split_code(channel, code);
        let Some(index) = self.index.slot(key) else { return Probe::NOTHING };
        let Some(row) = self.format.decode_lead(self.rows, index * self.format.row_size()) else {
            return Probe::NOTHING;
        };
        let (prefix, low) = split_key(key);
        if self.prefixes.get(row.prefix as usize) != Some(prefix) || row.low != low {
            return Probe::NOTHING;
        }
        let class = self.classes.get(unit as usize).copied().unwrap_or(MemberSet::NO_CLASS);
        let Some((bit, rule)) = self.member_rule(row.set, class, slot) else {
            return Probe::new(None, self.entry(row.rules, unit, slot));
        };
        // The builder keeps rows below `Member::MAX_ROWS` and sets below 4,096 bits.
        let official = Some(Member::packed(index as u32, bit as u16));
        if rule < MEMBER_SCAN {
            // The rule's index numbers the pattern, and `rules` is the row's first plus 1: the
            // answer's `entry` (an index plus 1) is their sum, no read of the rule. In `u32`, so
            // it cannot overflow; past `u16` (damage) it is no entry.
            Probe::of(official, u16::try_from(row.rules.wrapping_add(rule as u32)).unwrap_or(0))
        } else if rule == MEMBER_SCAN {
            Probe::new(official, self.entry(row.rules, unit, slot))
        } else {
            Probe::of(official, 0)
        }
    }

    /// The bit of member `(class, slot)` in set `set` and the rule byte the build noted for
    /// it, if it is a member. One byte per bit of the set says both: no count of the members
    /// below it, no scan of the rules.
    #[inline(always)]
    fn member_rule(&self, set: u32, class: u8, slot: u8) -> Option<(usize, u8)> {
        let set = self.sets.get(set as usize)?;
        let bit = set.bit(class, slot)?;
        let rule = *self.member_rules.get(set.start as usize + bit)?;
        (rule != NOT_MEMBER).then_some((bit, rule))
    }

    /// The record and position of an official code that [`find`](Self::find) found.
    pub fn found(&self, member: Member) -> Option<Found> {
        let row = self.row(member.row() as usize)?;
        let set = self.sets.get(row.set as usize)?;
        let bit = member.bit() as usize;
        let start = set.start as usize;
        let below = self.member_rules.get(start..start + bit)?;
        if bit >= set.bits() || *self.member_rules.get(start + bit)? == NOT_MEMBER {
            return None;
        }
        let position = u16::try_from(below.iter().filter(|&&b| b != NOT_MEMBER).count()).ok()?;
        let record = u16::try_from(row.base + position as u32).ok()?;
        Some(Found { record, row: member.row(), position })
    }

    /// The bit of the member at `position` of a set.
    fn bit_at(&self, set: &MemberSet, position: u16) -> Option<usize> {
        let start = set.start as usize;
        let bits = self.member_rules.get(start..start + set.bits())?;
        bits.iter().enumerate().filter(|&(_, &b)| b != NOT_MEMBER).nth(position as usize).map(|(bit, _)| bit)
    }

    /// The entry the rules starting at `rules` (plus 1) give a code.
    #[inline(always)]
    fn entry(&self, rules: u32, unit: u8, slot: u8) -> Option<u16> {
        let mut at = (rules as usize).checked_sub(1)?;
        // A damaged run ends at the table's end.
        while let Some(rule) = self.rules.get(at) {
            let parts = if rule.varies_part() { self.rule_parts(&rule) } else { None };
            if rule.matches(unit, slot, parts) {
                return u16::try_from(at).ok();
            }
            if rule.selector & Rule::LAST != 0 {
                return None;
            }
            at += 1;
        }
        None
    }

    /// The channel and key of pattern (rule) `pattern`: its row's key with the unit and slot
    /// its rule names (zero where they vary).
    pub fn pattern_key(&self, pattern: u16) -> Option<(u8, u64)> {
        let rule = self.rules.get(pattern as usize)?;
        let row = self.rule_row(pattern)?;
        let key = join_key(self.prefixes.get(row.prefix as usize)?, row.low);
        let unit = ((rule.selector & Rule::UNIT) >> 4) as u8;
        let slot = if rule.varies_part() { 0 } else { (rule.selector & Rule::SLOT) as u8 };
        Some(join_code(key, unit, slot))
    }

    /// The row whose run of rules holds rule `index`. Rows take their runs in slot order, so
    /// the row is the last one whose run starts at or before it (rows without rules between).
    fn rule_row(&self, index: u16) -> Option<Row> {
        let wanted = index as u32 + 1;
        // The row sought is in `lo..hi`.
        let (mut lo, mut hi) = (0usize, self.row_count());
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            // The first row with rules at or past `mid`.
            let mut m = mid;
            while m < hi && self.row(m)?.rules == 0 {
                m += 1;
            }
            if m < hi && self.row(m)?.rules <= wanted { lo = m } else { hi = mid }
        }
        let row = self.row(lo)?;
        (row.rules != 0 && row.rules <= wanted).then_some(row)
    }

    /// The part layout a rule whose part digit varies names.
    #[inline]
    fn rule_parts(&self, rule: &Rule) -> Option<PartLayout> {
        self.parts.get((rule.selector & Rule::SLOT) as usize)?.layout()
    }

    /// The part layout of module `module` (what the low digit of its part byte numbers), if
    /// the catalog gives it one.
    pub fn part_layout(&self, module: u8) -> Option<PartLayout> {
        (0..self.parts.len()).filter_map(|i| self.parts.get(i)).find(|p| p.module == module)?.layout()
    }

    /// The models that list the code at `found`: bit `i` is model `i` of the catalog.
    pub fn models(&self, found: &Found) -> Option<u32> {
        let row = self.row(found.row as usize)?;
        let count = self.model_sets.len() as u32;
        let set = match row.models.checked_sub(count) {
            None => row.models,
            Some(start) => {
                let i = start as usize + found.position as usize;
                if count <= 256 {
                    *self.member_models.get(i)? as u32
                } else {
                    u16::from_le_bytes(self.member_models.get(i * 2..i * 2 + 2)?.try_into().ok()?) as u32
                }
            }
        };
        self.model_sets.get(set as usize)
    }

    /// The channel and code of record `record`, and where it sits: for walking every
    /// official code.
    pub fn code(&self, record: u16) -> Option<(u8, u64, Found)> {
        let wanted = record as u32;
        if wanted >= self.records {
            return None;
        }
        // Bases grow with the slot (rows without members repeat the next base): the row is
        // the last one starting at or before the record that has members.
        let (mut lo, mut hi) = (0usize, self.row_count());
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if self.row(mid)?.base <= wanted { lo = mid } else { hi = mid }
        }
        loop {
            let row = self.row(lo)?;
            let set = self.sets.get(row.set as usize)?;
            let position = u16::try_from(wanted.checked_sub(row.base)?).ok()?;
            if let Some((class, slot)) = self.bit_at(&set, position).map(|bit| set.member(bit)) {
                let unit = self.classes.iter().position(|&c| c == class)? as u8;
                let key = join_key(self.prefixes.get(row.prefix as usize)?, row.low);
                let (channel, code) = join_code(key, unit, slot);
                return Some((channel, code, Found { record, row: lo as u32, position }));
            }
            lo = lo.checked_sub(1)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::vec::Vec;

    use super::*;
    use crate::layout::record::Field;

    #[test]
    fn rows_round_trip_through_their_bits() {
        let format = RowFormat { prefix: 7, low: 16, set: 10, models: 9, base: 13, rules: 11 };
        assert_eq!(format.row_size(), 9);
        let row = Row { prefix: 100, low: 0xBEEF, set: 1000, models: 300, base: 8000, rules: 2000 };
        let mut bytes = format.encode(&row).unwrap()[..9].to_vec();
        assert_eq!(format.decode(&bytes, 0), Some(row));
        assert_eq!(format.encode(&Row { base: 9000, ..row }), None);
        assert_eq!(RowFormat::fitting(&[row]), format);
        assert_eq!(RowFormat::fitting(&[Row { set: 5, ..row }]), RowFormat { set: 3, ..format });
        bytes.pop();
        assert_eq!(format.decode(&bytes, 0), None);
        // A damaged format wider than the bytes at hand reads nothing rather than panicking.
        let wide = RowFormat { prefix: 32, low: 16, set: 32, ..RowFormat::default() };
        assert_eq!(wide.decode(&[0; 5], 0), None);
        // Rows packed end to end read back.
        let mut packed = [0u8; 18];
        packed[..9].copy_from_slice(&format.encode(&row).unwrap()[..9]);
        packed[9..].copy_from_slice(&format.encode(&Row { rules: 5, ..row }).unwrap()[..9]);
        assert_eq!(format.decode(&packed, 0), Some(row));
        assert_eq!(format.decode(&packed, 9), Some(Row { rules: 5, ..row }));
        // A probe's read: the lead fields alone, whether 8 bytes follow the row's start or not.
        let lead = Row { models: 0, base: 0, ..row };
        assert_eq!(format.decode_lead(&packed, 0), Some(lead));
        assert_eq!(format.decode_lead(&packed, 9), Some(Row { rules: 5, ..lead }));
        assert_eq!(format.decode_lead(&packed[..16], 9), None);
        // Lead fields wider than 64 bits are read from the whole row.
        let wide = RowFormat { prefix: 20, low: 16, set: 20, rules: 20, models: 0, base: 0 };
        let row = Row { prefix: 0xABCDE, low: 0x1234, set: 0xFEDCB, rules: 0x98765, models: 0, base: 0 };
        assert_eq!(wide.decode_lead(&wide.encode(&row).unwrap()[..10], 0), Some(row));
    }

    #[test]
    fn member_sets_number_their_members_in_order() {
        // Units of classes 2-4, slots 1-3 (three per unit), all but (3, 2), each taking rule
        // 0 but (4, 3), which takes rule 1; and a wide set (classes 0-7, 16 slots each) with
        // members at bits 0, 1 and 67.
        let set = MemberSet { class: 2, classes: 3, slots: 1 | 2 << 4, start: 0 };
        let wide = MemberSet { class: 0, classes: 8, slots: 15 << 4, start: 9 };
        let members: Vec<(u8, u8)> =
            (2..5).flat_map(|c| (1..4).map(move |s| (c, s))).filter(|&m| m != (3, 2)).collect();
        let mut bytes = std::vec![NOT_MEMBER; 9 + wide.bits()];
        for &(c, s) in &members {
            bytes[set.bit(c, s).unwrap()] = if (c, s) == (4, 3) { 1 } else { 0 };
        }
        for bit in [0, 1, 67] {
            bytes[9 + bit] = MEMBER_NONE;
        }
        let mut sets = [0u8; 3 * MemberSet::SIZE];
        for (i, s) in [MemberSet::default(), set, wide].iter().enumerate() {
            s.write(&mut sets[i * MemberSet::SIZE..(i + 1) * MemberSet::SIZE]);
        }
        let format = RowFormat { set: 8, base: 8, ..RowFormat::default() };
        let rows: Vec<u8> = [Row { set: 1, base: 0, ..Row::default() }, Row { set: 2, base: 20, ..Row::default() }]
            .iter()
            .flat_map(|r| format.encode(r).unwrap()[..format.row_size()].to_vec())
            .collect();
        let t = FactTable { sets: Records::new(&sets), member_rules: &bytes, format, rows: &rows, ..empty() };
        let position = |row: u32, set: u32, c: u8, s: u8| {
            let (bit, _) = t.member_rule(set, c, s)?;
            t.found(Member::new(row, bit as u16).unwrap()).map(|f| f.position)
        };
        for (i, &(c, s)) in members.iter().enumerate() {
            assert_eq!(position(0, 1, c, s), Some(i as u16));
            assert_eq!(t.bit_at(&set, i as u16).map(|b| set.member(b)), Some((c, s)));
            assert_eq!(t.member_rule(1, c, s).map(|m| m.1), Some(if (c, s) == (4, 3) { 1 } else { 0 }));
        }
        for miss in [(3, 2), (1, 1), (5, 1), (2, 0), (2, 4), (MemberSet::NO_CLASS, 1)] {
            assert_eq!(position(0, 1, miss.0, miss.1), None, "{miss:?}");
        }
        assert_eq!(t.bit_at(&set, members.len() as u16), None);
        // Bit 67 of the wide set: class 4, slot 3, after the two members below it.
        assert_eq!(wide.bit(4, 3), Some(67));
        assert_eq!(position(1, 2, 4, 3), Some(2));
        assert_eq!(t.member_rule(2, 4, 3), Some((67, MEMBER_NONE)));
        assert_eq!(t.found(Member::new(1, 67).unwrap()).map(|f| f.record), Some(22));
        assert_eq!(position(1, 2, 8, 0), None);
        // A bit past its set, or a set past the table, is no member (damage reads as absence).
        assert_eq!(t.found(Member::new(0, 9).unwrap()), None);
        assert_eq!(t.member_rule(3, 2, 1), None);
        let cut = FactTable { member_rules: &bytes[..20], ..t };
        assert_eq!(cut.member_rule(2, 4, 3), None);
        assert_eq!(cut.found(Member::new(1, 67).unwrap()), None);
    }

    #[test]
    fn rules_find_their_rows_across_rows_without_rules() {
        // Runs of rules: row 0 holds rules 0-1, row 2 rule 2, row 5 rules 3-4; rows 1, 3 and 4
        // have none. Each row's `low` is its slot, so the row found shows in the key.
        let format = RowFormat { low: 16, rules: 8, ..RowFormat::default() };
        let starts = [1, 0, 3, 0, 0, 4];
        let rows: Vec<u8> = starts
            .iter()
            .enumerate()
            .flat_map(|(slot, &rules)| {
                format.encode(&Row { low: slot as u32, rules, ..Row::default() }).unwrap()[..format.row_size()].to_vec()
            })
            .collect();
        let last = |i: u16| if [1, 2, 4].contains(&i) { Rule::LAST } else { 0 };
        let rules: Vec<u8> = (0..5u16)
            .flat_map(|i| crate::layout::record::encode_fixed::<Rule, 4>(&Rule { entry: i, selector: 1 | last(i) }))
            .collect();
        let prefixes = 0x0700_2000_0002u64.to_le_bytes();
        let t = FactTable {
            format,
            rows: &rows,
            rules: Records::new(&rules),
            prefixes: Records::new(&prefixes),
            ..empty()
        };
        let row_of = |i: u16| t.rule_row(i).map(|r| r.low);
        assert_eq!((0..5).map(row_of).collect::<Vec<_>>(), [Some(0), Some(0), Some(2), Some(5), Some(5)]);
        // The key: the row's, with the slot the rule names.
        assert_eq!(t.pattern_key(2), Some((CHANNEL_HMS, 0x0700_2100_0002_0002)));
        assert_eq!(t.pattern_key(5), None);
        // No row with rules: no row for any rule.
        let bare: Vec<u8> =
            rows.iter().enumerate().map(|(i, &b)| if i % format.row_size() == 2 { 0 } else { b }).collect();
        assert_eq!(FactTable { rows: &bare, ..t }.rule_row(0), None);
    }

    fn empty() -> FactTable<'static> {
        FactTable {
            index: PhfIndex::EMPTY,
            format: RowFormat::default(),
            rows: &[],
            prefixes: Records::EMPTY,
            classes: &[],
            sets: Records::EMPTY,
            member_rules: &[],
            model_sets: Records::EMPTY,
            member_models: &[],
            rules: Records::EMPTY,
            parts: Records::EMPTY,
            records: 0,
        }
    }

    #[test]
    fn codes_split_into_row_and_member_and_back() {
        for (channel, code) in [(0, 0x0702_2300_0002_0003u64), (0, 0x0300_0100_0001_0001), (1, 0x0703_400C)] {
            let (key, unit, slot) = split_code(channel, code);
            assert_eq!(join_code(key, unit, slot), (channel, code), "{code:x}");
        }
        assert_eq!(split_code(0, 0x0702_2300_0002_0003), (0x0700_2000_0002_0003, 2, 3));
        // The channels' keys never meet.
        assert_ne!(split_code(1, 0x0300_400C).0, split_code(0, 0x0300_400C).0);
    }

    #[test]
    fn rules_match_as_their_patterns_cover() {
        use crate::{AnyCode, CodePattern, Hms, PartNumbers};
        let slots = PartLayout::new(PartNumbers::Slots, 0, 3);
        let rack = PartLayout::new(PartNumbers::Rack, 1, 6);
        let layouts = [slots, rack];
        for (text, parts) in [
            ("0701_2200_0002_0001", 0),
            ("07xx_2x00_0002_0001", 0),
            ("07FE_2x00_0002_0001", 0),
            ("07xx_2200_0002_0001", 0),
            ("1A00_2x00_0002_0001", 1),
        ] {
            let pattern = CodePattern::parse(text, |_| layouts[parts]).unwrap();
            let rule = Rule { entry: 1, selector: Rule::selector(&pattern, parts as u8, false) };
            assert_eq!(rule.varies_part(), pattern.varying_part().is_some());
            // Every code of the pattern's row: any unit, any slot nibble.
            for unit in 0..=255u8 {
                for slot in 0..16u8 {
                    let bits = pattern.key().bits() & !(Hms::UNIT_BITS | Hms::SLOT_BITS);
                    let (_, code) = join_code(bits, unit, slot);
                    let code = AnyCode::Hms(Hms::from_u64(code));
                    let matched = rule.matches(unit, slot, layouts[parts]);
                    assert_eq!(matched, pattern.covers(code), "{text} {code}");
                }
            }
        }
    }
}
