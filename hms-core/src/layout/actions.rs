//! The buttons Bambu's lists offer per official code and printer model.

use super::ListRef;
use super::alerts::search;
use super::record::Records;

crate::record! {
    /// The buttons some models offer for an official code.
    pub struct OfferRecord {
        /// The official record.
        pub record: u16,
        /// The models that offer them (bit per model).
        pub models: u32,
        /// The action ids, a run of [`ActionTable::ids`].
        pub ids: ListRef,
    }
}

crate::tables! {
    /// The action lists of the official codes (empty when left out).
    pub struct ActionTable<'a> /
    /// [`ActionTable`] with its bytes owned.
    OwnedActions {
        /// Per official code and set of models, its buttons; sorted by record.
        pub offers: Records<'a, OfferRecord> => super::record::RecordsBuf<OfferRecord>,
        /// Action ids, in runs the offers point at (an offer's ids in the lists' order).
        pub ids: &'a [u8] => alloc::vec::Vec<u8>,
    }
}

impl<'a> ActionTable<'a> {
    /// No actions.
    pub const EMPTY: ActionTable<'static> = ActionTable { offers: Records::EMPTY, ids: &[] };

    /// Bytes of every table.
    pub const fn byte_len(&self) -> usize {
        self.offers.bytes().len() + self.ids.len()
    }

    /// The action ids offered for official record `record` on the model with bit `model`.
    pub fn offered(&self, record: u16, model: u8) -> &'a [u8] {
        let bit = 1u32.checked_shl(u32::from(model)).unwrap_or(0);
        let Some(first) = search(self.offers.len(), |i| self.offers.get(i).map(|o| o.record), record) else {
            return &[];
        };
        let offer = (first..self.offers.len())
            .map_while(|i| self.offers.get(i).filter(|o| o.record == record))
            .find(|o| o.models & bit != 0);
        offer.and_then(|o| self.ids.get(o.ids.start as usize..o.ids.start as usize + o.ids.len as usize)).unwrap_or(&[])
    }
}

#[cfg(all(test, feature = "bake"))]
mod tests {
    use super::*;
    use crate::layout::record::RecordsBuf;

    #[test]
    fn finds_each_models_buttons() {
        let ids = [27u8, 28, 11];
        let offers: RecordsBuf<OfferRecord> = [
            OfferRecord { record: 2, models: 0b011, ids: ListRef { start: 0, len: 2 } },
            OfferRecord { record: 2, models: 0b100, ids: ListRef { start: 2, len: 1 } },
            OfferRecord { record: 7, models: 0b001, ids: ListRef { start: 2, len: 9 } },
        ]
        .into_iter()
        .collect();
        let t = ActionTable { offers: Records::new(offers.bytes()), ids: &ids };
        assert_eq!(t.offered(2, 0), &[27, 28]);
        assert_eq!(t.offered(2, 1), &[27, 28]);
        assert_eq!(t.offered(2, 2), &[11]);
        assert_eq!(t.offered(2, 3), &[] as &[u8]);
        assert_eq!(t.offered(3, 0), &[] as &[u8]);
        // A run past the ids (damage) offers nothing; a model bit past 31 matches none.
        assert_eq!(t.offered(7, 0), &[] as &[u8]);
        assert_eq!(t.offered(2, 40), &[] as &[u8]);
    }
}
