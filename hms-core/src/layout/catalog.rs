//! The catalog's own tables: one record per code pattern of an entry, one per procedure, and
//! every text compressed in one stream with one dictionary (titles first, so a titles-only
//! build keeps a prefix of both).

use super::record::Records;
use super::{ListRef, StrRef};
use crate::packed::PackedText;

crate::record! {
    /// One pattern of a catalog entry (an exact code or a family), with the entry's texts.
    pub struct EntryRecord {
        /// The code (for a family, with the varying bits zero).
        pub key: u64,
        /// [`CHANNEL_HMS`](super::CHANNEL_HMS) or [`CHANNEL_PRINT_ERROR`](super::CHANNEL_PRINT_ERROR).
        pub channel: u8,
        /// [`VARIES_UNIT`](super::VARIES_UNIT) | [`VARIES_SLOT`](super::VARIES_SLOT) bits; 0
        /// for an exact entry.
        pub varies: u8,
        /// Short title.
        pub title: StrRef,
        /// What the code means.
        pub meaning: StrRef,
        /// A remark for people who met the code under another description.
        pub note: StrRef,
        /// Likely causes.
        pub causes: ListRef,
        /// Index of the procedure that fixes it, or [`NONE`](super::NONE).
        pub procedure: u16,
        /// Index of a related procedure, or [`NONE`](super::NONE).
        pub see_also: u16,
        /// Index of the entry's `Code` variant, or [`NONE`](super::NONE).
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
}

impl EntryRecord {
    /// The index of the first record of this record's entry, this record being at `index`.
    pub const fn first_of_entry(&self, index: u16) -> u16 {
        index.saturating_sub(self.pattern as u16)
    }
}

crate::record! {
    /// One procedure.
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
        /// One record per code pattern, entry by entry in catalog order.
        pub entries: Records<'a, EntryRecord> => super::record::RecordsBuf<EntryRecord>,
        /// Procedures in catalog order.
        pub procedures: Records<'a, ProcedureRecord> => super::record::RecordsBuf<ProcedureRecord>,
        /// The texts that list references point into (causes, steps, parts).
        pub lists: Records<'a, StrRef> => super::record::RecordsBuf<StrRef>,
    }
}

impl<'a> CatalogTables<'a> {
    /// Entry record `index`.
    #[inline]
    pub fn entry(&self, index: u16) -> Option<EntryRecord> {
        self.entries.get(index as usize)
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
        self.lists.get(list.start as usize + i as usize).map(|s| self.text(s))
    }
}

#[cfg(feature = "bake")]
impl OwnedCatalog {
    /// The tables a titles-only build keeps: the titles' prefix of the stream and of the
    /// dictionary, the entries, and no procedures, lists or names.
    pub fn titles_only(&self, title_stream: usize, title_pairs: usize) -> OwnedCatalog {
        OwnedCatalog {
            names: alloc::string::String::new(),
            stream: self.stream[..title_stream.min(self.stream.len())].to_vec(),
            pairs: self.pairs[..title_pairs.min(self.pairs.len())].to_vec(),
            entries: self.entries.clone(),
            procedures: Default::default(),
            lists: Default::default(),
        }
    }
}
