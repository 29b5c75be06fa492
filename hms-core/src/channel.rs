//! The two report channels a code comes from.

use crate::layout::{CHANNEL_HMS, CHANNEL_PRINT_ERROR};

/// Which report channel a code belongs to: `print.hms` ([`Hms`](crate::Hms), 16 hex digits)
/// or `print.print_error` ([`PrintError`](crate::PrintError), 8 hex digits).
///
/// ```
/// use hms_core::Channel;
/// assert_eq!(Channel::from_digits(16), Some(Channel::Hms));
/// assert_eq!(Channel::Hms.name(), "hms");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// `print.hms`: 16 hex digits.
    Hms,
    /// `print.print_error`: 8 hex digits.
    PrintError,
}

impl Channel {
    /// Both channels, `print.hms` first.
    pub const ALL: [Channel; 2] = [Channel::Hms, Channel::PrintError];

    /// The channel's number in the table layout (`CHANNEL_HMS` or `CHANNEL_PRINT_ERROR`).
    /// Unstable, as the layout is.
    #[doc(hidden)]
    pub const fn layout(self) -> u8 {
        match self {
            Channel::Hms => CHANNEL_HMS,
            Channel::PrintError => CHANNEL_PRINT_ERROR,
        }
    }

    /// The channel with this number in the table layout. Unstable, as the layout is.
    #[doc(hidden)]
    pub const fn from_layout(layout: u8) -> Option<Channel> {
        match layout {
            CHANNEL_HMS => Some(Channel::Hms),
            CHANNEL_PRINT_ERROR => Some(Channel::PrintError),
            _ => None,
        }
    }

    /// `hms` or `print_error`, after the report's field.
    pub const fn name(self) -> &'static str {
        match self {
            Channel::Hms => "hms",
            Channel::PrintError => "print_error",
        }
    }

    /// How many hex digits its codes have: 16 or 8.
    pub const fn digits(self) -> usize {
        match self {
            Channel::Hms => 16,
            Channel::PrintError => 8,
        }
    }

    /// The channel whose codes have `count` hex digits.
    pub const fn from_digits(count: usize) -> Option<Channel> {
        match count {
            16 => Some(Channel::Hms),
            8 => Some(Channel::PrintError),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_numbers_and_digit_counts_round_trip() {
        for channel in Channel::ALL {
            assert_eq!(Channel::from_layout(channel.layout()), Some(channel));
            assert_eq!(Channel::from_digits(channel.digits()), Some(channel));
        }
        assert_eq!((Channel::Hms.layout(), Channel::PrintError.layout()), (CHANNEL_HMS, CHANNEL_PRINT_ERROR));
        assert_eq!((Channel::from_layout(2), Channel::from_digits(12)), (None, None));
        assert_eq!(Channel::PrintError.name(), "print_error");
        assert!(Channel::Hms < Channel::PrintError);
    }
}
