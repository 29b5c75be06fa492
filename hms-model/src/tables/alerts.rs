//! The alert facts: entries with a class of their own, silent official codes, and the buttons
//! each printer offers per official code.

use hms_core::layout::ListRef;
use hms_core::layout::actions::{OfferRecord, OwnedActions};
use hms_core::layout::alerts::{EntryAlert, OwnedAlerts, SilentRecord};

use super::RowLayout;
use crate::model::Catalog;
use crate::official::OfficialFacts;

/// The entries whose class is their own (by index) and the silent official records.
pub(super) fn alerts(catalog: &Catalog, facts: &OfficialFacts, layout: &RowLayout) -> Result<OwnedAlerts, String> {
    let mut out = OwnedAlerts::default();
    for (index, c) in catalog.codes.iter().enumerate() {
        if let Some(alert) = c.alert {
            let entry = u16::try_from(index).map_err(|_| "more than 65535 entries")?;
            out.entries.push(&EntryAlert { entry, alert: alert.to_u8() });
        }
    }
    for (record, &i) in layout.order.iter().enumerate() {
        let silent = facts.codes[i].silent;
        if silent != 0 {
            let record = u16::try_from(record).map_err(|_| "more than 65535 official codes")?;
            out.silent.push(&SilentRecord { record, models: silent });
        }
    }
    Ok(out)
}

/// Each official record's offers, in record order; identical id lists stored once.
pub(super) fn actions(facts: &OfficialFacts, layout: &RowLayout) -> Result<OwnedActions, String> {
    let mut out = OwnedActions::default();
    let mut runs: Vec<(Vec<u8>, ListRef)> = Vec::new();
    for (record, &i) in layout.order.iter().enumerate() {
        for (models, ids) in &facts.codes[i].actions {
            let ids = match runs.iter().find(|(list, _)| list == ids) {
                Some((_, run)) => *run,
                None => {
                    let start = u16::try_from(out.ids.len()).map_err(|_| "more than 65535 action ids")?;
                    let len = u16::try_from(ids.len()).map_err(|_| "an action list of more than 65535 ids")?;
                    out.ids.extend_from_slice(ids);
                    runs.push((ids.clone(), ListRef { start, len }));
                    ListRef { start, len }
                }
            };
            let record = u16::try_from(record).map_err(|_| "more than 65535 official codes")?;
            out.offers.push(&OfferRecord { record, models: *models, ids });
        }
    }
    Ok(out)
}
