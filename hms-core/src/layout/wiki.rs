//! The wiki pages of the official codes, parallel to the official records.

use super::record::Records;
use super::{ListRef, StrRef};

crate::record! {
    /// One wiki page of a code: `slug/page` of `/en/<slug>/troubleshooting/hmscode/<page>`.
    pub struct WikiRecord {
        /// `slug/page` in the wiki blob.
        pub path: StrRef,
        /// The models it is for; 0 for the default page.
        pub models: u32,
    }
}

crate::tables! {
    /// The wiki pages of the official codes.
    pub struct WikiTable<'a> /
    /// [`WikiTable`] with its bytes owned.
    OwnedWiki {
        /// `slug/page` paths, back to back.
        pub blob: &'a str => alloc::string::String,
        /// Per official record, the index of its list in [`lists`](Self::lists).
        pub records: Records<'a, u16> => super::record::RecordsBuf<u16>,
        /// Distinct lists of pages, each a run of [`pages`](Self::pages).
        pub lists: Records<'a, ListRef> => super::record::RecordsBuf<ListRef>,
        /// The pages.
        pub pages: Records<'a, WikiRecord> => super::record::RecordsBuf<WikiRecord>,
    }
}

impl<'a> WikiTable<'a> {
    /// A table with no pages.
    pub const EMPTY: WikiTable<'static> =
        WikiTable { blob: "", records: Records::EMPTY, lists: Records::EMPTY, pages: Records::EMPTY };

    /// Bytes of every table.
    pub const fn byte_len(&self) -> usize {
        self.blob.len() + self.records.bytes().len() + self.lists.bytes().len() + self.pages.bytes().len()
    }

    /// The pages of record `record`: `(slug/page, models)`, models 0 for the default page.
    pub fn pages(&self, record: u16) -> impl Iterator<Item = (&'a str, u32)> + Clone + use<'a> {
        let table = *self;
        let list = self.records.get(record as usize).and_then(|l| table.lists.get(l as usize)).unwrap_or_default();
        (0..list.len).filter_map(move |i| {
            let page = table.pages.get(list.start as usize + i as usize)?;
            let start = page.path.offset as usize;
            Some((table.blob.get(start..start + page.path.len as usize)?, page.models))
        })
    }
}
