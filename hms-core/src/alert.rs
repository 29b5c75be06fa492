//! What kind of alert a code is for the person at the printer: the class an app, a status
//! light or a notification service acts on.

use core::fmt;
use core::str::FromStr;

/// The class of an alert, from least to most pressing (the order `Ord` follows).
///
/// The catalog gives each level a class (`alert:` on the level in `catalog.yaml`: errors and
/// warnings are faults, info and notices advisories) and a code its own where it differs
/// (`alert:` on the entry: a cancelled print is a status); a code the printer lists with an
/// empty text is silent for that printer, whatever its level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Alert {
    /// The printer shows nothing for the code (Bambu lists it with an empty text): do not
    /// notify, do not show.
    Silent,
    /// A state, not a fault: the print was cancelled or paused by someone, a job finished.
    /// Show it; no warning light, no alarm.
    Status,
    /// Worth telling the owner, but nothing failed and printing goes on: a reminder, a
    /// maintenance notice, an information.
    Advisory,
    /// Something went wrong or needs the owner's action: the print stopped or paused, or a
    /// part reports a fault.
    Fault,
}

impl Alert {
    /// Every class, least pressing first.
    pub const ALL: [Alert; 4] = [Alert::Silent, Alert::Status, Alert::Advisory, Alert::Fault];

    /// Its name: `silent`, `status`, `advisory`, `fault`.
    pub const fn name(self) -> &'static str {
        match self {
            Alert::Silent => "silent",
            Alert::Status => "status",
            Alert::Advisory => "advisory",
            Alert::Fault => "fault",
        }
    }

    /// The class with this name.
    pub fn from_name(name: &str) -> Option<Alert> {
        Alert::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Whether the printer shows the code at all (every class but [`Alert::Silent`]): the
    /// default of what a tracker raises.
    pub const fn is_shown(self) -> bool {
        !matches!(self, Alert::Silent)
    }

    /// Its number in the tables (`0` silent to `3` fault). Unstable, as the layout is.
    #[doc(hidden)]
    pub const fn to_u8(self) -> u8 {
        self as u8
    }

    /// The class of a table number. Unstable, as the layout is.
    #[doc(hidden)]
    pub const fn from_u8(n: u8) -> Option<Alert> {
        match n {
            0 => Some(Alert::Silent),
            1 => Some(Alert::Status),
            2 => Some(Alert::Advisory),
            3 => Some(Alert::Fault),
            _ => None,
        }
    }
}

impl fmt::Display for Alert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a string names no [`Alert`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownAlert;

impl fmt::Display for UnknownAlert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected one of: silent, status, advisory, fault")
    }
}

impl FromStr for Alert {
    type Err = UnknownAlert;
    fn from_str(s: &str) -> Result<Alert, UnknownAlert> {
        Alert::from_name(s).ok_or(UnknownAlert)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_round_trip() {
        for a in Alert::ALL {
            assert_eq!(a.name().parse::<Alert>(), Ok(a));
            assert_eq!(Alert::from_u8(a.to_u8()), Some(a));
        }
        assert_eq!("Fault".parse::<Alert>(), Err(UnknownAlert));
        assert_eq!(Alert::from_u8(4), None);
        assert!(Alert::Silent < Alert::Status && Alert::Advisory < Alert::Fault);
        assert!(!Alert::Silent.is_shown() && Alert::Status.is_shown());
    }
}
