//! The catalog's own tables: one record per entry, one per procedure, and
//! every text compressed in one stream with one dictionary (titles first, so a titles-only
//! build keeps a prefix of both). Records name a text by its id, two bytes: the texts' places
//! in the stream are in one table of block starts and lengths, as the official texts' are.

use super::record::Records;
use super::{ListRef, StrRef};
use crate::packed::PackedText;

/// A text of the catalog: its index in [`CatalogTables::lengths`]; [`NO_TEXT`] for none.
pub type TextId = u16;

/// The [`TextId`] of no text (an entry without a note, a procedure without a support text).
pub const NO_TEXT: TextId = 0;

crate::record! {
    /// One catalog entry: where its patterns are listed. What each pattern is (its code,
    /// what varies, its side) is its [`Rule`](super::facts::Rule); the entry's title is
    /// [`CatalogTables::title`]; its `Code` variant, if it has one, is the one whose entry
    /// index it is (the generated `Code::__entry_index`).
    pub struct EntryRecord {
        /// Where the entry's patterns start in [`CatalogTables::patterns`]; they end where the
        /// next entry's start.
        pub patterns: u16,
    }
}

crate::record! {
    /// The side the catalog gives one pattern's code (`{ code: ..., side: left }`).
    pub struct SidedPattern {
        /// The pattern (its rule's index).
        pub pattern: u16,
        /// [`Side::to_u8`](crate::Side::to_u8).
        pub side: u8,
    }
}

crate::record! {
    /// The guide texts of an entry (the `guides` feature), in [`CatalogTables::guides`]
    /// parallel to the entry records: a titles-only build carries none of them.
    pub struct GuideRecord {
        /// What the code means.
        pub meaning: TextId,
        /// A remark for people who met the code under another description.
        pub note: TextId,
        /// Likely causes.
        pub causes: ListRef,
        /// Index of the procedure that fixes it, or [`NONE`](super::NONE).
        pub procedure: u16,
        /// Index of a related procedure, or [`NONE`](super::NONE).
        pub see_also: u16,
    }
}

crate::record! {
    /// One procedure.
    pub struct ProcedureRecord {
        /// The name codes refer to it by.
        pub name: StrRef,
        /// Short title.
        pub title: TextId,
        /// Steps in order.
        pub steps: ListRef,
        /// Parts that may be needed.
        pub parts: ListRef,
        /// When to contact support.
        pub support: TextId,
    }
}

crate::tables! {
    /// The catalog's entries, procedures and texts.
    pub struct CatalogTables<'a> /
    /// [`CatalogTables`] with their bytes owned.
    OwnedCatalog {
        /// Procedure names, back to back.
        pub names: &'a str => alloc::string::String,
        /// Every text's symbols, packed (titles first, so a titles-only build keeps a prefix).
        pub stream: &'a [u8] => alloc::vec::Vec<u8>,
        /// The dictionary of pairs of every text, packed.
        pub pairs: &'a [u8] => alloc::vec::Vec<u8>,
        /// Per block of [`TEXT_BLOCK`](super::texts::TEXT_BLOCK) texts, the first symbol of its
        /// first text.
        pub starts: Records<'a, u32> => super::record::RecordsBuf<u32>,
        /// Per text (by [`TextId`], [`NO_TEXT`] first, then the titles), its length in
        /// symbols: one byte each, or two (little-endian) when `wide`.
        pub lengths: &'a [u8] => alloc::vec::Vec<u8>,
        /// Whether [`lengths`](Self::lengths) takes two bytes per text.
        pub wide: bool => bool,
        /// One record per entry, in catalog order.
        pub entries: Records<'a, EntryRecord> => super::record::RecordsBuf<EntryRecord>,
        /// Every entry's patterns (the indexes of their rules), entry by entry in catalog
        /// order, each entry's in the order the catalog writes them.
        pub patterns: Records<'a, u16> => super::record::RecordsBuf<u16>,
        /// The patterns the catalog gives a side ([`Rule::SIDED`](super::facts::Rule::SIDED)),
        /// by pattern.
        pub sides: Records<'a, SidedPattern> => super::record::RecordsBuf<SidedPattern>,
        /// The guide texts of each entry, parallel to the entries (empty in a titles-only
        /// build).
        pub guides: Records<'a, GuideRecord> => super::record::RecordsBuf<GuideRecord>,
        /// Procedures in catalog order.
        pub procedures: Records<'a, ProcedureRecord> => super::record::RecordsBuf<ProcedureRecord>,
        /// The texts that list references point into (causes, steps, parts).
        pub lists: Records<'a, TextId> => super::record::RecordsBuf<TextId>,
    }
}

impl<'a> CatalogTables<'a> {
    /// Entry record `index`.
    #[inline]
    pub fn entry(&self, index: u16) -> Option<EntryRecord> {
        self.entries.get(index as usize)
    }

    /// The short title of entry `index`: the titles are the first texts, one per entry in
    /// entry order (after [`NO_TEXT`]), each stored even where another entry has the same.
    #[inline]
    pub const fn title(&self, index: u16) -> TextId {
        index.wrapping_add(1)
    }

    /// The patterns (rule indexes) of entry `index`: where they start in
    /// [`patterns`](Self::patterns) and how many there are (at least 1 in sound tables).
    pub fn entry_patterns(&self, index: u16) -> Option<(u16, u16)> {
        let start = self.entries.get(index as usize)?.patterns;
        let end = match self.entries.get(index as usize + 1) {
            Some(next) => next.patterns,
            None => u16::try_from(self.patterns.len()).ok()?,
        };
        Some((start, end.checked_sub(start)?))
    }

    /// The side ([`Side::to_u8`](crate::Side::to_u8)) of a pattern marked
    /// [`Rule::SIDED`](super::facts::Rule::SIDED); 0 for none.
    pub fn side(&self, pattern: u16) -> u8 {
        let (mut lo, mut hi) = (0, self.sides.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.sides.get(mid) {
                Some(s) if s.pattern == pattern => return s.side,
                Some(s) if s.pattern < pattern => lo = mid + 1,
                _ => hi = mid,
            }
        }
        0
    }

    /// The guide texts of entry `index` (`None` in a titles-only build).
    #[inline]
    pub fn guide(&self, index: u16) -> Option<GuideRecord> {
        self.guides.get(index as usize)
    }

    /// Procedure `index`.
    pub fn procedure(&self, index: u16) -> Option<ProcedureRecord> {
        self.procedures.get(index as usize)
    }

    /// The procedure name `s` points at ("" when it points outside the names).
    pub fn name(&self, s: StrRef) -> &'a str {
        let start = s.offset as usize;
        self.names.get(start..start + s.len as usize).unwrap_or("")
    }

    /// The compressed text `id` (an id past the table, or a text past the stream, decodes as
    /// damage, U+FFFD; [`NO_TEXT`] as the empty text).
    pub fn text(&self, id: TextId) -> PackedText<'a> {
        let (start, end) = super::texts::span(self.starts, self.lengths, self.wide, id as usize)
            // Symbols past any stream: the decoder reports the damage.
            .unwrap_or((u32::MAX - 1, u32::MAX));
        PackedText { pairs: self.pairs, stream: self.stream, start, end }
    }

    /// Bytes of the compressed texts (stream and dictionary) and of where each one starts.
    pub const fn text_bytes(&self) -> usize {
        self.stream.len() + self.pairs.len() + self.starts.bytes().len() + self.lengths.len()
    }

    /// Item `i` of `list`.
    pub fn list_item(&self, list: ListRef, i: u16) -> Option<PackedText<'a>> {
        if i >= list.len {
            return None;
        }
        self.lists.get(list.start as usize + i as usize).map(|s| self.text(s))
    }
}

#[cfg(feature = "bake")]
impl OwnedCatalog {
    /// The tables a titles-only build keeps: the titles' prefix of the stream and of the
    /// dictionary, the places of the first `title_texts` texts ([`NO_TEXT`] and the titles),
    /// the entries and their patterns, and no guide texts, procedures, lists or names.
    pub fn titles_only(&self, title_stream: usize, title_pairs: usize, title_texts: usize) -> OwnedCatalog {
        let width = if self.wide { 2 } else { 1 };
        OwnedCatalog {
            names: alloc::string::String::new(),
            stream: self.stream[..title_stream.min(self.stream.len())].to_vec(),
            pairs: self.pairs[..title_pairs.min(self.pairs.len())].to_vec(),
            starts: self.starts.truncated(title_texts.div_ceil(super::texts::TEXT_BLOCK)),
            lengths: self.lengths[..(title_texts * width).min(self.lengths.len())].to_vec(),
            wide: self.wide,
            entries: self.entries.clone(),
            patterns: self.patterns.clone(),
            sides: self.sides.clone(),
            guides: Default::default(),
            procedures: Default::default(),
            lists: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_ids_past_the_table_read_as_damage_and_no_text_as_empty() {
        // Texts 0 (no text), 1 (3 symbols) and 2 (1 symbol): "abc" and "d".
        let mut stream = std::vec::Vec::new();
        crate::packed::pack([b'a', b'b', b'c', b'd'].map(u16::from), &mut stream);
        let starts = 0u32.to_le_bytes();
        let t = CatalogTables {
            names: "",
            stream: &stream,
            pairs: &[],
            starts: Records::new(&starts),
            lengths: &[0, 3, 1],
            wide: false,
            entries: Records::EMPTY,
            patterns: Records::EMPTY,
            sides: Records::EMPTY,
            guides: Records::EMPTY,
            procedures: Records::EMPTY,
            lists: Records::EMPTY,
        };
        let bytes = |id| {
            let mut out = std::vec::Vec::new();
            let whole = t.text(id).for_each_byte(|b| {
                out.push(b);
                true
            });
            (whole, out)
        };
        assert_eq!(bytes(NO_TEXT), (true, std::vec![]));
        assert_eq!(bytes(1), (true, b"abc".to_vec()));
        assert_eq!(bytes(2), (true, b"d".to_vec()));
        assert!(!bytes(3).0);
        assert!(!bytes(TextId::MAX).0);
        assert_eq!(t.list_item(ListRef { start: 0, len: 1 }, 0), None);
    }
}
