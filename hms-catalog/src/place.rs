//! [`Place`]: where a code points, in words.

use core::fmt;

use crate::Lookup;

/// Where a code points, for people: its module and which unit, side and slot of it:
/// `07 AMS (Automated Material System), unit B, slot 2`, `03 (unknown module), module number
/// 153`. See [`Lookup::place`].
///
/// ```
/// use hms_catalog::{lookup, Hms};
/// let found = lookup(Hms::from_mqtt(0x0701_2100, 0x0002_0003));
/// assert_eq!(found.place().to_string(), "07 AMS (Automated Material System), unit B, slot 2");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Place(pub(crate) Lookup);

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let found = &self.0;
        let code = found.code();
        match found.module() {
            Some(m) => write!(f, "{:02X} {} ({})", m.id(), m.abbr(), m.name())?,
            None => write!(f, "{:02X} (unknown module)", code.module_id())?,
        }
        if let Some(letter) = found.unit_letter() {
            write!(f, ", unit {letter}")?;
        } else if let Some(side) = found.side() {
            write!(f, ", {} side", side.name())?;
        } else if code.module_number() != 0 {
            write!(f, ", module number {}", code.module_number())?;
        }
        if let Some(slot) = found.slot() {
            write!(f, ", slot {slot}")?;
        }
        Ok(())
    }
}
