//! Tables of the facts and texts imported from Bambu's published HMS lists: which codes
//! exist, on which printer models, their wiki pages, and per language the text each model
//! shows. Read by `hms-catalog`, written by `hms-model`.

use super::{ListRef, Reader, StrRef, Writer};
use crate::packed::PackedText;

/// How a code splits into its row and its member: a row is every official code that differs
/// only in the unit byte and, for `print.hms`, the slot nibble of the part byte (AMS A-H, slots
/// 1-4), so one row stands for up to hundreds of codes. Returns `(row key, member)`, the member
/// being `unit << 8 | slot`.
#[inline]
pub const fn split_code(channel: u8, code: u64) -> (u64, u16) {
    if channel == super::CHANNEL_HMS {
        let unit = ((code >> 48) & 0xFF) as u16;
        let slot = ((code >> 40) & 0xF) as u16;
        (code & !(crate::Hms::UNIT_BITS | crate::Hms::SLOT_BITS), unit << 8 | slot)
    } else {
        let unit = ((code >> 16) & 0xFF) as u16;
        (code & !(crate::PrintError::UNIT_BITS as u64), unit << 8)
    }
}

/// The code of a row key and a member: the inverse of [`split_code`].
pub const fn join_code(channel: u8, row: u64, member: u16) -> u64 {
    let (unit, slot) = ((member >> 8) as u64, (member & 0xF) as u64);
    if channel == super::CHANNEL_HMS { row | unit << 48 | slot << 40 } else { row | unit << 16 }
}

/// The packed fields of a row, in bits, in this order: prefix (index of `key >> 16` in the
/// prefix table), low (`key & 0xFFFF`, always 16 bits), member set, models, base (index of
/// the row's first record), entry (the catalog entry of its members, see [`Row::entry`]). A
/// row takes `ceil(sum / 8)` bytes, at most [`RowFormat::MAX_ROW`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowFormat {
    /// Bits of the prefix index.
    pub prefix: u8,
    /// Bits of the member set index.
    pub set: u8,
    /// Bits of the models field.
    pub models: u8,
    /// Bits of the base record index.
    pub base: u8,
    /// Bits of the catalog entry field.
    pub entry: u8,
}

impl RowFormat {
    /// Bits of the low half of the key.
    pub const LOW: u8 = 16;

    /// The most bytes a row may take: a catalog of a few thousand entries and the official
    /// codes' prefixes, sets, model sets and records need a little over 8.
    pub const MAX_ROW: usize = 16;

    /// Bytes of one row.
    #[inline]
    pub const fn row_size(&self) -> usize {
        (self.prefix as usize
            + Self::LOW as usize
            + self.set as usize
            + self.models as usize
            + self.base as usize
            + self.entry as usize)
            .div_ceil(8)
    }

    /// The row packed in its bytes (little-endian).
    pub fn encode(&self, row: &Row) -> [u8; Self::MAX_ROW] {
        let mut v = 0u128;
        let mut at = 0;
        for (value, bits) in self.fields(row) {
            v |= (value as u128 & mask(bits)) << at;
            at += bits as u32;
        }
        v.to_le_bytes()
    }

    /// Reads the row at byte `at` of `rows`.
    #[inline]
    pub fn decode(&self, rows: &[u8], at: usize) -> Option<Row> {
        let size = self.row_size();
        let mut v = match rows.get(at..at + Self::MAX_ROW) {
            // Bits past the row belong to the next one; the fields below never reach them.
            Some(whole) => u128::from_le_bytes(whole.try_into().ok()?),
            None => {
                let mut buf = [0u8; Self::MAX_ROW];
                buf.get_mut(..size)?.copy_from_slice(rows.get(at..at + size)?);
                u128::from_le_bytes(buf)
            }
        };
        let mut take = |bits: u8| {
            let field = (v & mask(bits)) as u32;
            v = v.checked_shr(bits as u32).unwrap_or(0);
            field
        };
        let prefix = take(self.prefix);
        let low = take(Self::LOW) as u16;
        let set = take(self.set);
        let models = take(self.models);
        let base = take(self.base);
        let entry = take(self.entry);
        Some(Row { prefix, low, set, models, base, entry })
    }

    fn fields(&self, r: &Row) -> [(u32, u8); 6] {
        [
            (r.prefix, self.prefix),
            (r.low as u32, Self::LOW),
            (r.set, self.set),
            (r.models, self.models),
            (r.base, self.base),
            (r.entry, self.entry),
        ]
    }

    /// Whether every field fits in its bits and the row in [`RowFormat::MAX_ROW`] bytes.
    pub fn fits(&self, row: &Row) -> bool {
        self.row_size() <= Self::MAX_ROW && self.fields(row).iter().all(|&(value, bits)| value as u128 <= mask(bits))
    }
}

const fn mask(bits: u8) -> u128 {
    if bits >= 128 { u128::MAX } else { (1u128 << bits) - 1 }
}

/// One row of official codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// Index of `key >> 16` in the prefix table.
    pub prefix: u32,
    /// `key & 0xFFFF`.
    pub low: u16,
    /// Index of the row's member set: which units and slots carry the code.
    pub set: u32,
    /// Below the number of model sets: the model set of every member. Else
    /// `models - model set count` is where the row's members' model sets start in the
    /// member models table.
    pub models: u32,
    /// The record index of the row's first member; the others follow in member order.
    pub base: u32,
    /// The catalog entry of every member, found at build time: [`Row::NO_ENTRY`], or
    /// [`Row::ENTRY_VARIES`] when the members have different entries, else the entry index
    /// plus [`Row::ENTRY_BASE`].
    pub entry: u32,
}

impl Row {
    /// No member has a catalog entry.
    pub const NO_ENTRY: u32 = 0;
    /// The members have different entries: look each code up in the catalog.
    pub const ENTRY_VARIES: u32 = 1;
    /// Added to an entry index.
    pub const ENTRY_BASE: u32 = 2;
}

/// The members of a row: a grid of consecutive units by consecutive slots (the usual AMS
/// family: units A-H, slots 1-4), numbered unit by unit; or a sorted list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberSet {
    /// Units `unit..unit + units` by slots `slot..slot + slots`.
    Grid {
        /// First unit.
        unit: u8,
        /// Number of units (1-255).
        units: u8,
        /// First slot nibble.
        slot: u8,
        /// Number of slots (1-16).
        slots: u8,
    },
    /// Members `start..start + len` of [`FactTable::members`].
    List(ListRef),
}

impl MemberSet {
    /// Bytes of an encoded set.
    pub const SIZE: usize = 4;
    const GRID: u8 = 0x80;

    /// The encoded bytes: a list is a [`ListRef`] (its length below `0x8000`); a grid has the
    /// top bit of its last byte set.
    pub fn encode(&self) -> [u8; 4] {
        match *self {
            MemberSet::Grid { unit, units, slot, slots } => [unit, units, slot | (slots - 1) << 4, Self::GRID],
            MemberSet::List(l) => l.encode(),
        }
    }

    /// Reads an encoded set.
    #[inline]
    pub fn decode(b: [u8; 4]) -> Option<Self> {
        if b[3] & Self::GRID != 0 {
            Some(MemberSet::Grid { unit: b[0], units: b[1], slot: b[2] & 0xF, slots: (b[2] >> 4) + 1 })
        } else {
            Some(MemberSet::List(ListRef {
                start: u16::from_le_bytes([b[0], b[1]]),
                len: u16::from_le_bytes([b[2], b[3]]),
            }))
        }
    }
}

/// The official codes as rows: what codes exist, on which channel, and which printer models
/// list them. Records are numbered by row (slot order, `print.hms` first) and member, so the
/// texts of a language are one table parallel to them.
#[derive(Clone, Copy, Debug)]
pub struct FactTable<'a> {
    /// `print.hms` row keys to row slots (0..n).
    pub hms: super::PhfIndex<'a>,
    /// `print_error` row keys to row slots, after the `print.hms` rows.
    pub print_error: super::PhfIndex<'a>,
    /// The field widths of [`rows`](Self::rows).
    pub format: RowFormat,
    /// Packed [`Row`]s in slot order.
    pub rows: &'a [u8],
    /// Distinct `key >> 16` values, `u64` little-endian each.
    pub prefixes: &'a [u8],
    /// Member sets: a [`MemberSet`] each.
    pub sets: &'a [u8],
    /// Members (`unit << 8 | slot`, `u16` little-endian), sorted within each set.
    pub members: &'a [u8],
    /// Model sets: `u32` little-endian bit masks (bit `i` is model `i` of the catalog).
    pub model_sets: &'a [u8],
    /// Per member of a row whose members differ in models: its model set (one byte while
    /// there are at most 256 model sets, else `u16`).
    pub member_models: &'a [u8],
    /// Number of records.
    pub records: u32,
}

/// Where a code sits in the [`FactTable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// The record index (wiki pages are parallel to records).
    pub record: u16,
    /// The row's slot (texts are per row and member).
    pub row: u16,
    /// The code's position among its row's members.
    pub position: u16,
    /// The row's catalog entry field ([`Row::entry`]).
    pub entry: u16,
}

impl Found {
    /// The catalog entry the build found for the code: `Some(Some(i))` entry `i`,
    /// `Some(None)` none, `None` when the caller must look it up.
    pub fn entry(&self) -> Option<Option<u16>> {
        match self.entry as u32 {
            Row::NO_ENTRY => Some(None),
            Row::ENTRY_VARIES => None,
            e => Some(Some((e - Row::ENTRY_BASE) as u16)),
        }
    }
}

impl<'a> FactTable<'a> {
    /// A table with no codes.
    pub const EMPTY: FactTable<'static> = FactTable {
        hms: super::PhfIndex::EMPTY,
        print_error: super::PhfIndex::EMPTY,
        format: RowFormat { prefix: 0, set: 0, models: 0, base: 0, entry: 0 },
        rows: &[],
        prefixes: &[],
        sets: &[],
        members: &[],
        model_sets: &[],
        member_models: &[],
        records: 0,
    };

    /// Bytes of every table.
    pub const fn byte_len(&self) -> usize {
        self.hms.byte_len()
            + self.print_error.byte_len()
            + self.rows.len()
            + self.prefixes.len()
            + self.sets.len()
            + self.members.len()
            + self.model_sets.len()
            + self.member_models.len()
    }

    /// Number of rows.
    pub fn row_count(&self) -> usize {
        self.rows.len().checked_div(self.format.row_size()).unwrap_or(0)
    }

    #[inline]
    fn row(&self, slot: usize) -> Option<Row> {
        self.format.decode(self.rows, slot * self.format.row_size())
    }

    #[inline]
    fn u16_at(bytes: &[u8], i: usize) -> Option<u16> {
        Some(u16::from_le_bytes(bytes.get(i * 2..i * 2 + 2)?.try_into().ok()?))
    }

    #[inline]
    fn set(&self, index: u32) -> Option<MemberSet> {
        let at = index as usize * MemberSet::SIZE;
        MemberSet::decode(self.sets.get(at..at + MemberSet::SIZE)?.try_into().ok()?)
    }

    /// The position of `member` in a set.
    #[inline]
    fn position(&self, set: MemberSet, member: u16) -> Option<u16> {
        match set {
            MemberSet::Grid { unit, units, slot, slots } => {
                let u = ((member >> 8) as u8).checked_sub(unit).filter(|&u| u < units)?;
                let s = ((member & 0xF) as u8).checked_sub(slot).filter(|&s| s < slots)?;
                Some(u as u16 * slots as u16 + s as u16)
            }
            MemberSet::List(list) => {
                let start = list.start as usize * 2;
                let items = self.members.get(start..start + list.len as usize * 2)?;
                let at = |i: usize| items.get(i * 2..i * 2 + 2).map_or(u16::MAX, |b| u16::from_le_bytes([b[0], b[1]]));
                // Branch-free binary search: the loop runs log2(len) times whatever the data.
                let (mut base, mut len) = (0usize, list.len as usize);
                if len == 0 {
                    return None;
                }
                while len > 1 {
                    let half = len / 2;
                    base = if at(base + half) <= member { base + half } else { base };
                    len -= half;
                }
                (at(base) == member).then_some(base as u16)
            }
        }
    }

    /// The member at `position` of a set.
    fn member(&self, set: MemberSet, position: u16) -> Option<u16> {
        match set {
            MemberSet::Grid { unit, units, slot, slots } => {
                let (u, s) = (position / slots as u16, position % slots as u16);
                (u < units as u16).then(|| (unit as u16 + u) << 8 | (slot as u16 + s))
            }
            MemberSet::List(list) => {
                (position < list.len).then_some(())?;
                Self::u16_at(self.members, (list.start + position) as usize)
            }
        }
    }

    #[inline]
    fn models_of(&self, row: &Row, position: u16) -> Option<u32> {
        let count = (self.model_sets.len() / 4) as u32;
        let set = match row.models.checked_sub(count) {
            None => row.models,
            Some(start) => {
                let i = start as usize + position as usize;
                if count <= 256 {
                    *self.member_models.get(i)? as u32
                } else {
                    Self::u16_at(self.member_models, i)? as u32
                }
            }
        };
        Reader::new(self.model_sets, set as usize * 4).u32()
    }

    /// The models that list the code at `found`: bit `i` is model `i` of the catalog.
    pub fn models(&self, found: &Found) -> Option<u32> {
        self.models_of(&self.row(found.row as usize)?, found.position)
    }

    /// Where a code of `channel` sits, if it is an official code.
    #[inline]
    pub fn find(&self, channel: u8, code: u64) -> Option<Found> {
        let (key, member) = split_code(channel, code);
        let slot = if channel == super::CHANNEL_HMS {
            self.hms.candidate(key)? as usize
        } else {
            self.hms.slot_count() as usize + self.print_error.candidate(key)? as usize
        };
        let row = self.row(slot)?;
        let prefix = Reader::new(self.prefixes, row.prefix as usize * 8).u64()?;
        if prefix != key >> 16 || row.low != key as u16 {
            return None;
        }
        let position = self.position(self.set(row.set)?, member)?;
        let record = u16::try_from(row.base + position as u32).ok()?;
        Some(Found { record, row: slot as u16, position, entry: row.entry as u16 })
    }

    /// The channel and code of record `record`, and where it was found: for walking every
    /// official code.
    pub fn code(&self, record: u16) -> Option<(u8, u64, Found)> {
        let record = record as u32;
        if record >= self.records {
            return None;
        }
        // Bases grow with the slot: the row is the last one starting at or before the record.
        let (mut lo, mut hi) = (0usize, self.row_count());
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if self.row(mid)?.base <= record { lo = mid } else { hi = mid }
        }
        let row = self.row(lo)?;
        let position = u16::try_from(record.checked_sub(row.base)?).ok()?;
        let member = self.member(self.set(row.set)?, position)?;
        let prefix = Reader::new(self.prefixes, row.prefix as usize * 8).u64()?;
        let key = prefix << 16 | row.low as u64;
        let channel = if lo < self.hms.slot_count() as usize { super::CHANNEL_HMS } else { super::CHANNEL_PRINT_ERROR };
        let found = Found { record: record as u16, row: lo as u16, position, entry: row.entry as u16 };
        Some((channel, join_code(channel, key, member), found))
    }
}

/// The wiki pages of the official codes, parallel to the records.
#[derive(Clone, Copy, Debug)]
pub struct WikiTable<'a> {
    /// `slug/page` paths, back to back.
    pub blob: &'a str,
    /// Per record, the index (`u16`) of its list in [`lists`](Self::lists).
    pub records: &'a [u8],
    /// Distinct lists: a [`ListRef`] into [`pages`](Self::pages) each.
    pub lists: &'a [u8],
    /// [`WikiRecord`]s.
    pub pages: &'a [u8],
}

impl<'a> WikiTable<'a> {
    /// A table with no pages.
    pub const EMPTY: WikiTable<'static> = WikiTable { blob: "", records: &[], lists: &[], pages: &[] };

    /// Bytes of every table.
    pub const fn byte_len(&self) -> usize {
        self.blob.len() + self.records.len() + self.lists.len() + self.pages.len()
    }

    /// The pages of record `record`: `(slug/page, models)`, models 0 for the default page.
    pub fn pages(&self, record: u16) -> impl Iterator<Item = (&'a str, u32)> + Clone + use<'a> {
        let table = *self;
        let list = Reader::new(self.records, record as usize * 2)
            .u16()
            .and_then(|l| Reader::new(table.lists, l as usize * ListRef::SIZE).list_ref())
            .unwrap_or_default();
        (0..list.len).filter_map(move |i| {
            let page = WikiRecord::decode(table.pages.get((list.start as usize + i as usize) * WikiRecord::SIZE..)?)?;
            let start = page.path.offset as usize;
            Some((table.blob.get(start..start + page.path.len as usize)?, page.models))
        })
    }
}

/// One wiki page of a code: `slug/page` of `/en/<slug>/troubleshooting/hmscode/<page>`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WikiRecord {
    /// `slug/page` in the wiki blob.
    pub path: StrRef,
    /// The models it is for; 0 for the default page.
    pub models: u32,
}

impl WikiRecord {
    /// Bytes of one encoded record.
    pub const SIZE: usize = StrRef::SIZE + 4;

    /// The encoded bytes.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut w = Writer::<{ Self::SIZE }>::new();
        w.str_ref(self.path);
        w.put(&self.models.to_le_bytes());
        w.finish()
    }

    /// Reads a record from the start of `bytes`.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader::new(bytes, 0);
        Some(WikiRecord { path: r.str_ref()?, models: r.u32()? })
    }
}

/// What a language says about one code for one model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Said<'a> {
    /// This text (a template: it may hold placeholder markers).
    Text(PackedText<'a>),
    /// The code is listed with an empty text: nothing to show.
    Empty,
    /// The language has nothing for the code.
    Nothing,
}

/// [`TextTable::values`] value of a code the language lacks.
pub const NO_TEXT: u16 = u16::MAX;
/// [`TextTable::rows`] bit of a row whose members all have the same value.
pub const UNIFORM_BIT: u16 = 0x8000;
/// [`TextTable::values`] bit of a code with several texts: the rest is the index of the
/// first [`TextVariant`] of its list in [`TextTable::lists`]. Without it, the value is the
/// record's one text, shown on every model.
pub const LIST_BIT: u16 = 0x8000;
/// [`TextVariant::text`] bit of the last variant of a list.
pub const LAST_BIT: u16 = 0x8000;
/// Text index of the empty text.
pub const EMPTY_TEXT: u16 = 0;
/// Texts per entry of [`TextTable::starts`]: a text's start is its block's plus the lengths
/// of the texts before it in the block.
pub const TEXT_BLOCK: usize = 16;

/// One text of a code, and the models that show it: an item of a variant list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextVariant {
    /// The models that show this text; 0 for the default (most common) text.
    pub models: u32,
    /// The text's index ([`EMPTY_TEXT`] when the models show none), with [`LAST_BIT`] on the
    /// last variant of its list.
    pub text: u16,
}

impl TextVariant {
    /// Bytes of one encoded variant.
    pub const SIZE: usize = 6;

    /// The encoded bytes.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut w = Writer::<{ Self::SIZE }>::new();
        w.put(&self.models.to_le_bytes());
        w.put(&self.text.to_le_bytes());
        w.finish()
    }

    /// Reads a variant from the start of `bytes`.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let mut r = Reader::new(bytes, 0);
        Some(TextVariant { models: r.u32()?, text: r.u16()? })
    }
}

/// The official texts of one language, parallel to the official records, compressed (see
/// [`crate::packed`]).
#[derive(Clone, Copy, Debug)]
pub struct TextTable<'a> {
    /// The language (`en`, `de`, `zh-cn`).
    pub lang: &'a str,
    /// Per official row, a `u16`: where its members' values start in
    /// [`values`](Self::values), with [`UNIFORM_BIT`] when one value serves every member.
    pub rows: &'a [u8],
    /// Per code, a `u16`: [`NO_TEXT`], a text index, or [`LIST_BIT`] and a list's first
    /// variant.
    pub values: &'a [u8],
    /// Variant lists: runs of [`TextVariant`]s ending at one with [`LAST_BIT`], the default
    /// (models 0) first when there is one.
    pub lists: &'a [u8],
    /// Per block of [`TEXT_BLOCK`] texts, the first symbol of its first text (`u32`).
    pub starts: &'a [u8],
    /// Per text, its length in symbols: one byte each, or two (little-endian) when `wide`.
    pub lengths: &'a [u8],
    /// Whether [`lengths`](Self::lengths) takes two bytes per text.
    pub wide: bool,
    /// Every text's symbols, packed.
    pub stream: &'a [u8],
    /// The dictionary of pairs, packed.
    pub pairs: &'a [u8],
}

impl<'a> TextTable<'a> {
    /// A table with no texts.
    pub const EMPTY: TextTable<'static> = TextTable {
        lang: "",
        rows: &[],
        values: &[],
        lists: &[],
        starts: &[],
        lengths: &[],
        wide: false,
        stream: &[],
        pairs: &[],
    };

    /// Bytes of every table.
    pub const fn byte_len(&self) -> usize {
        self.rows.len()
            + self.values.len()
            + self.lists.len()
            + self.starts.len()
            + self.lengths.len()
            + self.stream.len()
            + self.pairs.len()
    }

    fn length(&self, text: usize) -> Option<u32> {
        if self.wide {
            Some(u16::from_le_bytes(self.lengths.get(text * 2..text * 2 + 2)?.try_into().ok()?) as u32)
        } else {
            self.lengths.get(text).map(|&l| l as u32)
        }
    }

    /// Text `text`.
    pub fn text(&self, text: u16) -> Said<'a> {
        if text == EMPTY_TEXT {
            return Said::Empty;
        }
        let text = text as usize;
        let block = text / TEXT_BLOCK;
        let Some(mut start) = Reader::new(self.starts, block * 4).u32() else { return Said::Nothing };
        for earlier in block * TEXT_BLOCK..text {
            let Some(len) = self.length(earlier) else { return Said::Nothing };
            start += len;
        }
        match self.length(text) {
            Some(len) => Said::Text(PackedText { pairs: self.pairs, stream: self.stream, start, end: start + len }),
            None => Said::Nothing,
        }
    }

    /// What the language says about the official code at `found` for the model with bit
    /// `model` (or, without a model or when no text is specific to it, the default text).
    pub fn said(&self, found: &Found, model: Option<u8>) -> Said<'a> {
        let Some(row) = Reader::new(self.rows, found.row as usize * 2).u16() else {
            return Said::Nothing;
        };
        let at = (row & !UNIFORM_BIT) as usize + if row & UNIFORM_BIT != 0 { 0 } else { found.position as usize };
        let Some(value) = Reader::new(self.values, at * 2).u16() else {
            return Said::Nothing;
        };
        if value == NO_TEXT {
            return Said::Nothing;
        }
        if value & LIST_BIT == 0 {
            return self.text(value);
        }
        let first = (value & !LIST_BIT) as usize;
        let variant = |i: usize| TextVariant::decode(self.lists.get((first + i) * TextVariant::SIZE..)?);
        // A list ends at its last variant (or, if damaged, at the table's end or 64 items).
        let list = (0..64)
            .map_while(|i| variant(i).filter(|_| i == 0 || variant(i - 1).is_some_and(|p| p.text & LAST_BIT == 0)));
        let bit = model.filter(|&m| m < 32).map_or(0, |m| 1u32 << m);
        let chosen = list.clone().find(|v| v.models & bit != 0).or_else(|| variant(0).filter(|v| v.models == 0));
        chosen.map_or(Said::Nothing, |v| self.text(v.text & !LAST_BIT))
    }
}

/// What a user of `lang` on `model` is shown for the official code at `found`: the language's
/// text for the model (else its most common text), else English's; [`Said::Empty`] when the
/// lists carry the code with an empty text and no text was found.
pub fn text_with_fallback<'a>(
    lang: &TextTable<'a>,
    english: &TextTable<'a>,
    found: &Found,
    model: Option<u8>,
) -> Said<'a> {
    let first = lang.said(found, model);
    let second = if core::ptr::eq(lang, english) { first } else { english.said(found, model) };
    match (first, second) {
        (Said::Text(t), _) | (_, Said::Text(t)) => Said::Text(t),
        (Said::Empty, _) | (_, Said::Empty) => Said::Empty,
        _ => Said::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_through_their_bytes() {
        let w = WikiRecord { path: StrRef { offset: 9, len: 30 }, models: 1 << 31 };
        assert_eq!(WikiRecord::decode(&w.encode()), Some(w));
        let v = TextVariant { models: 7, text: 300 };
        assert_eq!(TextVariant::decode(&v.encode()), Some(v));
    }

    #[test]
    fn rows_round_trip_through_their_bits() {
        let format = RowFormat { prefix: 7, set: 8, models: 9, base: 13, entry: 8 };
        assert_eq!(format.row_size(), 8);
        let row = Row { prefix: 100, low: 0xBEEF, set: 255, models: 300, base: 8000, entry: 200 };
        assert!(format.fits(&row));
        let mut bytes = format.encode(&row)[..8].to_vec();
        assert_eq!(format.decode(&bytes, 0), Some(row));
        assert!(!format.fits(&Row { base: 9000, ..row }));
        bytes.pop();
        assert_eq!(format.decode(&bytes, 0), None);
        // A damaged format wider than the bytes at hand reads nothing rather than panicking.
        let wide = RowFormat { prefix: 32, set: 32, models: 0, base: 0, entry: 0 };
        assert_eq!(wide.decode(&[0; 5], 0), None);
        // Past 64 bits a row takes a ninth byte, and rows packed end to end still read back.
        let nine = RowFormat { prefix: 7, set: 8, models: 11, base: 13, entry: 11 };
        assert_eq!(nine.row_size(), 9);
        let row = Row { prefix: 127, low: 0xBEEF, set: 255, models: 2047, base: 8191, entry: 2047 };
        assert!(nine.fits(&row));
        let mut packed = [0u8; 18];
        packed[..9].copy_from_slice(&nine.encode(&row)[..9]);
        packed[9..].copy_from_slice(&nine.encode(&Row { entry: 5, ..row })[..9]);
        assert_eq!(nine.decode(&packed, 0), Some(row));
        assert_eq!(nine.decode(&packed, 9), Some(Row { entry: 5, ..row }));
    }

    #[test]
    fn member_sets_round_trip_through_their_bytes() {
        for set in [
            MemberSet::Grid { unit: 0, units: 8, slot: 0, slots: 4 },
            MemberSet::Grid { unit: 0xFE, units: 1, slot: 3, slots: 16 - 3 },
            MemberSet::List(ListRef { start: 700, len: 34 }),
        ] {
            assert_eq!(MemberSet::decode(set.encode()), Some(set));
        }
    }

    #[test]
    fn codes_split_into_row_and_member_and_back() {
        for (channel, code) in
            [(0, 0x0702_2300_0002_0003u64), (0, 0x0300_0100_0001_0001), (1, 0x0703_400C), (0, u64::MAX)]
        {
            let (row, member) = split_code(channel, code);
            assert_eq!(join_code(channel, row, member), code, "{code:x}");
        }
        assert_eq!(split_code(0, 0x0702_2300_0002_0003), (0x0700_2000_0002_0003, 0x0203));
    }
}
