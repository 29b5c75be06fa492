//! The facts behind an alert's class: the entries whose class differs from their level's, and
//! the official codes a printer lists with an empty text (silent).

use super::record::Records;

/// [`SilentRecord::models`] bit for printers the catalog names no model for: the code is
/// silent where a printer has no text of its own (the lists' default text is empty).
pub const UNNAMED_PRINTERS: u32 = 1 << 31;

crate::record! {
    /// An entry whose alerts have their own class (`alert:` on the entry).
    pub struct EntryAlert {
        /// The entry, by its index in catalog order.
        pub entry: u16,
        /// [`Alert::to_u8`](crate::Alert::to_u8).
        pub alert: u8,
    }
}

crate::record! {
    /// An official code some printers list with an empty text.
    pub struct SilentRecord {
        /// The official record.
        pub record: u16,
        /// The models that show nothing for it (bit per model), and [`UNNAMED_PRINTERS`].
        pub models: u32,
    }
}

crate::tables! {
    /// Entries with a class of their own and silent official codes, each sorted by index.
    pub struct AlertTable<'a> /
    /// [`AlertTable`] with its bytes owned.
    OwnedAlerts {
        /// Entries whose class differs from their level's, by entry index.
        pub entries: Records<'a, EntryAlert> => super::record::RecordsBuf<EntryAlert>,
        /// Official codes listed with an empty text, by record.
        pub silent: Records<'a, SilentRecord> => super::record::RecordsBuf<SilentRecord>,
    }
}

impl AlertTable<'_> {
    /// No classes of their own, nothing silent.
    pub const EMPTY: AlertTable<'static> = AlertTable { entries: Records::EMPTY, silent: Records::EMPTY };

    /// Bytes of every table.
    pub const fn byte_len(&self) -> usize {
        self.entries.bytes().len() + self.silent.bytes().len()
    }

    /// The class the catalog gives entry `entry` (its index in catalog order), if its own.
    pub fn entry(&self, entry: u16) -> Option<crate::Alert> {
        let at = search(self.entries.len(), |i| self.entries.get(i).map(|e| e.entry), entry)?;
        crate::Alert::from_u8(self.entries.get(at)?.alert)
    }

    /// The models (and [`UNNAMED_PRINTERS`]) that show nothing for official record `record`.
    pub fn silent(&self, record: u16) -> u32 {
        search(self.silent.len(), |i| self.silent.get(i).map(|s| s.record), record)
            .and_then(|at| self.silent.get(at))
            .map_or(0, |s| s.models)
    }
}

/// The first of `len` items sorted by `key` whose key is `wanted`; a damaged table (a key
/// missing) finds nothing.
pub fn search(len: usize, key: impl Fn(usize) -> Option<u16>, wanted: u16) -> Option<usize> {
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        if key(mid)? < wanted {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    (low < len && key(low)? == wanted).then_some(low)
}

#[cfg(all(test, feature = "bake"))]
mod tests {
    use super::*;
    use crate::layout::record::RecordsBuf;

    #[test]
    fn finds_entries_and_silent_codes_by_index() {
        let entries: RecordsBuf<EntryAlert> =
            [(3, 1), (9, 2), (40, 1)].into_iter().map(|(entry, alert)| EntryAlert { entry, alert }).collect();
        let silent: RecordsBuf<SilentRecord> =
            [SilentRecord { record: 5, models: 0b101 | UNNAMED_PRINTERS }].into_iter().collect();
        let t = AlertTable { entries: Records::new(entries.bytes()), silent: Records::new(silent.bytes()) };
        assert_eq!(t.entry(9), Some(crate::Alert::Advisory));
        assert_eq!(t.entry(40), Some(crate::Alert::Status));
        assert_eq!(t.entry(4), None);
        assert_eq!(t.entry(41), None);
        assert_eq!(t.silent(5), 0b101 | UNNAMED_PRINTERS);
        assert_eq!(t.silent(4), 0);
        assert_eq!(AlertTable::EMPTY.silent(5), 0);
        // A cut table finds nothing rather than reading past its end.
        let cut = AlertTable { entries: Records::new(&entries.bytes()[..4]), silent: Records::EMPTY };
        assert_eq!(cut.entry(3), Some(crate::Alert::Status));
        assert_eq!(cut.entry(9), None);
    }
}
