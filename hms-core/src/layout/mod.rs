//! The byte layout of the catalog tables: written by `hms-model` at build time, read here at
//! run time, so the writer and the reader share one definition (round trip tested in
//! `hms-model`).
//!
//! Texts are compressed (see [`crate::packed`]) in one symbol stream with one dictionary and
//! addressed by [`StrRef`]s (procedure names, plain, in a small blob); entries and procedures are
//! fixed-size little-endian records in byte strings, which rustc takes as single literals no
//! matter how large the catalog grows. Four perfect-hash indexes map a code to its entry.
//! Every read is bounds-checked: damaged tables give `None`, never a panic.

pub mod hash;
pub mod official;

use crate::packed::PackedText;

pub use official::{FactTable, Found, MemberSet, Row, RowFormat, TextTable, TextVariant, WikiRecord, WikiTable};

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

/// The `varies` combinations tried for a family lookup, most specific family last.
pub const FAMILY_ORDER: [u8; 3] = [VARIES_UNIT | VARIES_SLOT, VARIES_UNIT, VARIES_SLOT];

/// A text: its first symbol and its length in symbols in [`Tables::stream`] (a procedure
/// name: its byte offset and length in [`Tables::names`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StrRef {
    /// First symbol (byte offset for a name).
    pub offset: u32,
    /// Length in symbols (bytes for a name); 0: no text.
    pub len: u16,
}

/// A run of [`StrRef`]s in the list table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListRef {
    /// Index of the first item.
    pub start: u16,
    /// Number of items.
    pub len: u16,
}

/// One pattern of a catalog entry (an exact code or a family), with the entry's texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntryRecord {
    /// The code (for a family, with the varying bits zero).
    pub key: u64,
    /// [`CHANNEL_HMS`] or [`CHANNEL_PRINT_ERROR`].
    pub channel: u8,
    /// [`VARIES_UNIT`] | [`VARIES_SLOT`] bits; 0 for an exact entry.
    pub varies: u8,
    /// Short title.
    pub title: StrRef,
    /// What the code means.
    pub meaning: StrRef,
    /// A remark for people who met the code under another description.
    pub note: StrRef,
    /// Likely causes.
    pub causes: ListRef,
    /// Index of the procedure that fixes it, or [`NONE`].
    pub procedure: u16,
    /// Index of a related procedure, or [`NONE`].
    pub see_also: u16,
    /// Index of the entry's `Code` variant, or [`NONE`].
    pub variant: u16,
    /// Which of its entry's patterns this record is, from 0: an entry of several patterns
    /// (`code: [a, b]`) has one record per pattern, in order and side by side, sharing its
    /// texts, so the entry's first record is this record's index minus `pattern`.
    pub pattern: u8,
    /// How many patterns (records) the entry has, at least 1.
    pub patterns: u8,
    /// The side the catalog gives this pattern's code (`{ code: ..., side: left }`):
    /// [`Side::to_u8`](crate::placeholder::Side::to_u8), 0 for none.
    pub side: u8,
}

/// One procedure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProcedureRecord {
    /// The name codes refer to it by.
    pub name: StrRef,
    /// Short title.
    pub title: StrRef,
    /// Steps in order.
    pub steps: ListRef,
    /// Parts that may be needed.
    pub parts: ListRef,
    /// When to contact support.
    pub support: StrRef,
}

/// Little-endian field reader over a record.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    #[inline]
    pub(crate) const fn new(bytes: &'a [u8], at: usize) -> Self {
        Reader { bytes, at }
    }
    #[inline]
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let field = self.bytes.get(self.at..self.at + N)?.try_into().ok()?;
        self.at += N;
        Some(field)
    }
    #[inline]
    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[b]| b)
    }
    #[inline]
    pub(crate) fn u16(&mut self) -> Option<u16> {
        self.take().map(u16::from_le_bytes)
    }
    #[inline]
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }
    #[inline]
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }
    pub(crate) fn str_ref(&mut self) -> Option<StrRef> {
        Some(StrRef { offset: self.u32()?, len: self.u16()? })
    }
    #[inline]
    pub(crate) fn list_ref(&mut self) -> Option<ListRef> {
        Some(ListRef { start: self.u16()?, len: self.u16()? })
    }
}

/// Little-endian field writer into a fixed record.
pub(crate) struct Writer<const N: usize> {
    bytes: [u8; N],
    at: usize,
}

impl<const N: usize> Writer<N> {
    pub(crate) const fn new() -> Self {
        Writer { bytes: [0; N], at: 0 }
    }
    pub(crate) fn put(&mut self, field: &[u8]) {
        self.bytes[self.at..self.at + field.len()].copy_from_slice(field);
        self.at += field.len();
    }
    pub(crate) fn str_ref(&mut self, s: StrRef) {
        self.put(&s.offset.to_le_bytes());
        self.put(&s.len.to_le_bytes());
    }
    pub(crate) fn list_ref(&mut self, l: ListRef) {
        self.put(&l.start.to_le_bytes());
        self.put(&l.len.to_le_bytes());
    }
    pub(crate) fn finish(self) -> [u8; N] {
        debug_assert_eq!(self.at, N, "record layout and size disagree");
        self.bytes
    }
}

impl ListRef {
    /// Bytes of one encoded `ListRef`.
    pub const SIZE: usize = 4;

    /// The encoded bytes.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut w = Writer::<{ Self::SIZE }>::new();
        w.list_ref(*self);
        w.finish()
    }
}

impl StrRef {
    /// Bytes of one encoded `StrRef`.
    pub const SIZE: usize = 6;

    /// The encoded bytes.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut w = Writer::<{ Self::SIZE }>::new();
        w.str_ref(*self);
        w.finish()
    }

    /// Reads a `StrRef` from the start of `bytes`.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        Reader { bytes, at: 0 }.str_ref()
    }
}

impl EntryRecord {
    /// Bytes of one encoded entry.
    pub const SIZE: usize = 8 + 1 + 1 + 3 * StrRef::SIZE + 4 + 2 + 2 + 2 + 1 + 1 + 1;

    /// The encoded bytes.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut w = Writer::<{ Self::SIZE }>::new();
        w.put(&self.key.to_le_bytes());
        w.put(&[self.channel, self.varies]);
        w.str_ref(self.title);
        w.str_ref(self.meaning);
        w.str_ref(self.note);
        w.list_ref(self.causes);
        w.put(&self.procedure.to_le_bytes());
        w.put(&self.see_also.to_le_bytes());
        w.put(&self.variant.to_le_bytes());
        w.put(&[self.pattern, self.patterns, self.side]);
        w.finish()
    }

    /// Reads an entry from the start of `bytes`.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader { bytes, at: 0 };
        Some(EntryRecord {
            key: r.u64()?,
            channel: r.u8()?,
            varies: r.u8()?,
            title: r.str_ref()?,
            meaning: r.str_ref()?,
            note: r.str_ref()?,
            causes: r.list_ref()?,
            procedure: r.u16()?,
            see_also: r.u16()?,
            variant: r.u16()?,
            pattern: r.u8()?,
            patterns: r.u8()?,
            side: r.u8()?,
        })
    }

    /// The index of the first record of this record's entry, this record being at `index`.
    pub const fn first_of_entry(&self, index: u16) -> u16 {
        index.saturating_sub(self.pattern as u16)
    }
}

impl ProcedureRecord {
    /// Bytes of one encoded procedure.
    pub const SIZE: usize = 3 * StrRef::SIZE + 2 * 4;

    /// The encoded bytes.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut w = Writer::<{ Self::SIZE }>::new();
        w.str_ref(self.name);
        w.str_ref(self.title);
        w.list_ref(self.steps);
        w.list_ref(self.parts);
        w.str_ref(self.support);
        w.finish()
    }

    /// Reads a procedure from the start of `bytes`.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader { bytes, at: 0 };
        Some(ProcedureRecord {
            name: r.str_ref()?,
            title: r.str_ref()?,
            steps: r.list_ref()?,
            parts: r.list_ref()?,
            support: r.str_ref()?,
        })
    }
}

/// A perfect-hash index from a code to an entry index, as `phf_generator` solved it.
///
/// Build it with [`PhfIndex::new`], which also derives the constants that turn the two
/// remainders of a lookup into multiplications.
#[derive(Clone, Copy, Debug)]
pub struct PhfIndex<'a> {
    key: u64,
    disps: &'a [u8],
    map: &'a [u8],
    buckets: Modulus,
    slots: Modulus,
}

impl<'a> PhfIndex<'a> {
    /// Bytes of one displacement pair.
    pub const DISP_SIZE: usize = 4;
    /// Bytes of one map slot.
    pub const SLOT_SIZE: usize = 2;

    /// An index with no keys.
    pub const EMPTY: PhfIndex<'static> = PhfIndex::new(0, &[], &[]);

    /// The index of the generator's `key`, displacement pairs `(d1, d2)` (two u16, 4 bytes) and
    /// entry index per slot (2 bytes each).
    pub const fn new(key: u64, disps: &'a [u8], map: &'a [u8]) -> Self {
        let buckets = Modulus::new((disps.len() / Self::DISP_SIZE) as u32);
        let slots = Modulus::new((map.len() / Self::SLOT_SIZE) as u32);
        PhfIndex { key, disps, map, buckets, slots }
    }

    /// An index with no slot map: the records sit in slot order, so a key's slot is its
    /// record's index.
    pub const fn dense(key: u64, disps: &'a [u8], slots: u32) -> Self {
        let buckets = Modulus::new((disps.len() / Self::DISP_SIZE) as u32);
        PhfIndex { key, disps, map: &[], buckets, slots: Modulus::new(slots) }
    }

    /// Number of slots (keys).
    pub const fn slot_count(&self) -> u32 {
        self.slots.d
    }

    /// The generator's hash key.
    pub const fn key(&self) -> u64 {
        self.key
    }

    /// Bytes of the index (displacements and map).
    pub const fn byte_len(&self) -> usize {
        self.disps.len() + self.map.len()
    }

    /// The entry index stored in `code`'s slot. Any code lands on some slot: the caller checks
    /// the entry's key.
    #[inline]
    pub fn candidate(&self, code: u64) -> Option<u16> {
        if self.buckets.d == 0 || self.slots.d == 0 {
            return None;
        }
        let h = hash::code_hash(code, self.key);
        let at = self.buckets.rem(h.g) as usize * Self::DISP_SIZE;
        let d: &[u8; 4] = self.disps.get(at..at + 4)?.try_into().ok()?;
        let d1 = u16::from_le_bytes([d[0], d[1]]) as u32;
        let d2 = u16::from_le_bytes([d[2], d[3]]) as u32;
        let slot = self.slots.rem(hash::displace(h.f1, h.f2, d1, d2));
        if self.map.is_empty() {
            return u16::try_from(slot).ok();
        }
        let at = slot as usize * Self::SLOT_SIZE;
        let m: &[u8; 2] = self.map.get(at..at + 2)?.try_into().ok()?;
        Some(u16::from_le_bytes(*m))
    }
}

/// `x % d` for a fixed `d` by two multiplications (Lemire's fastmod), exact for every `u32`.
#[derive(Clone, Copy, Debug)]
struct Modulus {
    d: u32,
    m: u64,
}

impl Modulus {
    const fn new(d: u32) -> Self {
        let m = if d == 0 { 0 } else { (u64::MAX / d as u64).wrapping_add(1) };
        Modulus { d, m }
    }

    #[inline]
    const fn rem(&self, x: u32) -> u32 {
        let low = self.m.wrapping_mul(x as u64);
        ((low as u128 * self.d as u128) >> 64) as u32
    }
}

/// The whole catalog as tables.
#[derive(Clone, Copy, Debug)]
pub struct Tables<'a> {
    /// Procedure names, back to back.
    pub names: &'a str,
    /// Every text's symbols, packed (titles first, so a titles-only build keeps a prefix).
    pub stream: &'a [u8],
    /// The dictionary of pairs of every text, packed.
    pub pairs: &'a [u8],
    /// [`EntryRecord`]s.
    pub entries: &'a [u8],
    /// [`ProcedureRecord`]s.
    pub procedures: &'a [u8],
    /// [`StrRef`]s that [`ListRef`]s point into.
    pub lists: &'a [u8],
    /// Exact `print.hms` codes.
    pub hms_exact: PhfIndex<'a>,
    /// `print.hms` families, by their key.
    pub hms_family: PhfIndex<'a>,
    /// Exact `print_error` codes.
    pub print_error_exact: PhfIndex<'a>,
    /// `print_error` families, by their key.
    pub print_error_family: PhfIndex<'a>,
    /// The official codes and their models.
    pub facts: FactTable<'a>,
    /// The official codes' wiki pages (empty when left out).
    pub wiki: WikiTable<'a>,
}

impl<'a> Tables<'a> {
    /// Number of entries.
    pub fn entry_count(&self) -> usize {
        self.entries.len() / EntryRecord::SIZE
    }

    /// Number of procedures.
    pub fn procedure_count(&self) -> usize {
        self.procedures.len() / ProcedureRecord::SIZE
    }

    /// Entry `index`.
    pub fn entry(&self, index: u16) -> Option<EntryRecord> {
        EntryRecord::decode(self.entries.get(index as usize * EntryRecord::SIZE..)?)
    }

    /// Procedure `index`.
    pub fn procedure(&self, index: u16) -> Option<ProcedureRecord> {
        ProcedureRecord::decode(self.procedures.get(index as usize * ProcedureRecord::SIZE..)?)
    }

    /// The procedure name `s` points at ("" when it points outside the names).
    pub fn name(&self, s: StrRef) -> &'a str {
        let start = s.offset as usize;
        self.names.get(start..start + s.len as usize).unwrap_or("")
    }

    /// The compressed text `s` points at (a text past the stream decodes as damage, U+FFFD).
    pub fn text(&self, s: StrRef) -> PackedText<'a> {
        PackedText {
            pairs: self.pairs,
            stream: self.stream,
            start: s.offset,
            end: s.offset.saturating_add(s.len as u32),
        }
    }

    /// Bytes of the compressed texts (stream and dictionary).
    pub const fn text_bytes(&self) -> usize {
        self.stream.len() + self.pairs.len()
    }

    /// Item `i` of `list`.
    pub fn list_item(&self, list: ListRef, i: u16) -> Option<PackedText<'a>> {
        if i >= list.len {
            return None;
        }
        let at = (list.start as usize + i as usize) * StrRef::SIZE;
        StrRef::decode(self.lists.get(at..)?).map(|s| self.text(s))
    }

    /// The official record of a code of `channel`, and the models that list it.
    #[inline]
    pub fn find_official(&self, channel: u8, code: u64) -> Option<Found> {
        self.facts.find(channel, code)
    }

    /// The entry for a `print.hms` code: the exact entry, else the family that covers it.
    pub fn find_hms(&self, code: u64) -> Option<u16> {
        self.find(CHANNEL_HMS, code, &self.hms_exact, &self.hms_family)
    }

    /// The entry for a `print_error` code: the exact entry, else the family that covers it.
    pub fn find_print_error(&self, code: u32) -> Option<u16> {
        self.find(CHANNEL_PRINT_ERROR, code as u64, &self.print_error_exact, &self.print_error_family)
    }

    fn find(&self, channel: u8, code: u64, exact: &PhfIndex<'_>, family: &PhfIndex<'_>) -> Option<u16> {
        let hit = |index: &PhfIndex<'_>, key: u64, varies: u8| {
            let i = index.candidate(key)?;
            // Key (8 bytes), channel and varies lead every record.
            let at = i as usize * EntryRecord::SIZE;
            let head: [u8; 10] = self.entries.get(at..at + 10)?.try_into().ok()?;
            let k = u64::from_le_bytes([head[0], head[1], head[2], head[3], head[4], head[5], head[6], head[7]]);
            (k == key && head[8] == channel && head[9] == varies).then_some(i)
        };
        hit(exact, code, 0).or_else(|| {
            FAMILY_ORDER
                .iter()
                .filter(|&&varies| is_family_member(channel, code, varies))
                .find_map(|&varies| hit(family, code & !family_mask(channel, varies), varies))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_round_trips_through_its_bytes() {
        let e = EntryRecord {
            key: 0x0700_2000_0002_0003,
            channel: CHANNEL_HMS,
            varies: VARIES_UNIT | VARIES_SLOT,
            title: StrRef { offset: 1, len: 2 },
            meaning: StrRef { offset: 70_000, len: 4 },
            note: StrRef::default(),
            causes: ListRef { start: 5, len: 6 },
            procedure: 7,
            see_also: NONE,
            variant: 9,
            pattern: 1,
            patterns: 3,
            side: 2,
        };
        assert_eq!(EntryRecord::decode(&e.encode()), Some(e));
        assert_eq!(EntryRecord::decode(&e.encode()[..EntryRecord::SIZE - 1]), None);
    }

    #[test]
    fn procedure_round_trips_through_its_bytes() {
        let p = ProcedureRecord {
            name: StrRef { offset: 3, len: 4 },
            title: StrRef { offset: 5, len: 6 },
            steps: ListRef { start: 1, len: 7 },
            parts: ListRef { start: 8, len: 2 },
            support: StrRef { offset: 9, len: 10 },
        };
        assert_eq!(ProcedureRecord::decode(&p.encode()), Some(p));
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

    #[test]
    fn fastmod_equals_the_remainder() {
        for d in [1u32, 2, 3, 7, 1000, 1789, 65_535, u32::MAX] {
            let m = Modulus::new(d);
            for x in [0u32, 1, 2, d - 1, d, d.wrapping_add(1), 123_456_789, u32::MAX - 1, u32::MAX] {
                assert_eq!(m.rem(x), x % d, "{x} % {d}");
            }
        }
    }

    #[test]
    fn empty_tables_find_nothing() {
        let t = Tables {
            names: "",
            stream: &[],
            pairs: &[],
            entries: &[],
            procedures: &[],
            lists: &[],
            hms_exact: PhfIndex::EMPTY,
            hms_family: PhfIndex::EMPTY,
            print_error_exact: PhfIndex::EMPTY,
            print_error_family: PhfIndex::EMPTY,
            facts: FactTable::EMPTY,
            wiki: WikiTable::EMPTY,
        };
        assert_eq!(t.find_hms(0x0700_2000_0002_0003), None);
        assert_eq!(t.list_item(ListRef { start: 0, len: 1 }, 0), None);
    }
}
