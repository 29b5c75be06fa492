//! The class of an alert and the buttons a printer offers for it.

use core::ffi::c_int;

use hms_catalog::Alert;

use crate::boundary::guard;
use crate::{HMS_ERR_NULL, hms_entry, read_entry};

/// `hms_entry.alert`: the printer shows nothing for the code (Bambu lists it with an empty
/// text); do not notify.
pub const HMS_ALERT_SILENT: u8 = 0;
/// `hms_entry.alert`: a state, not a fault (a cancelled or paused print).
pub const HMS_ALERT_STATUS: u8 = 1;
/// `hms_entry.alert`: worth telling, nothing failed (a reminder, an information).
pub const HMS_ALERT_ADVISORY: u8 = 2;
/// `hms_entry.alert`: something went wrong or needs the owner's action.
pub const HMS_ALERT_FAULT: u8 = 3;

/// The header's number of a class, kept apart from the tables' numbers.
pub(crate) fn alert_number(alert: Alert) -> u8 {
    match alert {
        Alert::Silent => HMS_ALERT_SILENT,
        Alert::Status => HMS_ALERT_STATUS,
        Alert::Advisory => HMS_ALERT_ADVISORY,
        Alert::Fault => HMS_ALERT_FAULT,
    }
}

/// Copies into `ids` the ids of the buttons the entry's model offers for its code, as Bambu's
/// action lists give them (ascending; `hms_action_payload` builds what each sends), and
/// returns how many there are, even when `len` is smaller (`ids` may be NULL with `len` 0 to
/// count). An entry looked up without a model offers none (0).
///
/// # Safety
/// `entry` is NULL or points to an `hms_entry`; `ids` is NULL with `len` 0 or points to `len`
/// writable `uint16_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hms_actions(entry: *const hms_entry, ids: *mut u16, len: usize) -> c_int {
    guard(|| {
        if ids.is_null() && len > 0 {
            return HMS_ERR_NULL;
        }
        // SAFETY: the caller promises `entry` is NULL or points to an hms_entry.
        let Some(entry) = (unsafe { entry.as_ref() }) else { return HMS_ERR_NULL };
        let (found, model, _) = match read_entry(entry) {
            Ok(read) => read,
            Err(e) => return e,
        };
        let out: &mut [u16] = if ids.is_null() {
            &mut []
        } else {
            // SAFETY: not NULL, and the caller promises `len` writable u16 at `ids`.
            unsafe { core::slice::from_raw_parts_mut(ids, len) }
        };
        let Some(model) = model else { return 0 };
        let mut count = 0usize;
        for action in found.actions(model) {
            if let Some(slot) = out.get_mut(count) {
                *slot = action.id();
            }
            count += 1;
        }
        c_int::try_from(count).unwrap_or(c_int::MAX)
    })
}
