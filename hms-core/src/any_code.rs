//! A code of either report channel.

use core::fmt;
use core::str::FromStr;

use crate::hms::Spelled;
use crate::spelling::{Digits, ParseError, ParseErrorKind, Spelling, read_digits};
use crate::{Channel, Hms, PrintError};

/// A code of either report channel.
///
/// ```
/// use hms_core::{AnyCode, Channel, Hms};
/// let code: AnyCode = "0701-2200-0002-0003".parse().unwrap();
/// assert_eq!(code, AnyCode::Hms(Hms::from_mqtt(0x0701_2200, 0x0002_0003)));
/// assert_eq!((code.channel(), code.module_number(), code.slot()), (Channel::Hms, 1, Some(3)));
/// let error = AnyCode::parse("0300-400C").unwrap();
/// assert_eq!((error.channel(), error.bits(), error.part()), (Channel::PrintError, 0x0300_400C, None));
/// assert_eq!(AnyCode::from_bits(Channel::PrintError, 0x0300_400C), Some(error));
/// assert_eq!(error.to_string(), "0300-400C");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AnyCode {
    /// A `print.hms` code.
    Hms(Hms),
    /// A `print.print_error` code.
    PrintError(PrintError),
}

impl AnyCode {
    /// Reads 16 hex digits as an [`Hms`] and 8 as a [`PrintError`], in any spelling they accept.
    pub fn parse(input: &str) -> Result<AnyCode, ParseError> {
        match read_digits(input, false)? {
            Digits { count: 16, value, .. } => Ok(AnyCode::Hms(Hms::from_u64(value))),
            Digits { count: 8, value, .. } => Ok(AnyCode::PrintError(PrintError::from_u32(value as u32))),
            Digits { count, .. } => {
                let expected = if count > 8 { 16 } else { 8 };
                let end = input.trim_end().chars().count();
                Err(ParseError::new(ParseErrorKind::WrongLength { found: count, expected }, end))
            }
        }
    }

    /// The code of `channel` with these bits; `None` for a `print_error` value wider than
    /// 32 bits.
    pub const fn from_bits(channel: Channel, bits: u64) -> Option<AnyCode> {
        match channel {
            Channel::Hms => Some(AnyCode::Hms(Hms::from_u64(bits))),
            Channel::PrintError if bits <= u32::MAX as u64 => {
                Some(AnyCode::PrintError(PrintError::from_u32(bits as u32)))
            }
            Channel::PrintError => None,
        }
    }

    /// The channel that reports it.
    pub const fn channel(self) -> Channel {
        match self {
            AnyCode::Hms(_) => Channel::Hms,
            AnyCode::PrintError(_) => Channel::PrintError,
        }
    }

    /// The code's bits: the 64 of an [`Hms`], the 32 of a [`PrintError`] widened.
    pub const fn bits(self) -> u64 {
        match self {
            AnyCode::Hms(h) => h.to_u64(),
            AnyCode::PrintError(e) => e.to_u32() as u64,
        }
    }

    /// Module id.
    pub const fn module_id(self) -> u8 {
        match self {
            AnyCode::Hms(h) => h.module_id(),
            AnyCode::PrintError(e) => e.module_id(),
        }
    }

    /// Module number (AMS unit 0 is A).
    pub const fn module_number(self) -> u8 {
        match self {
            AnyCode::Hms(h) => h.module_number(),
            AnyCode::PrintError(e) => e.module_number(),
        }
    }

    /// The part byte of a `print.hms` code; a `print_error` code has none.
    pub const fn part(self) -> Option<u8> {
        match self {
            AnyCode::Hms(h) => Some(h.part()),
            AnyCode::PrintError(_) => None,
        }
    }

    /// The low digit of the part byte of a `print.hms` code ([`Hms::part_digit`]); a
    /// `print_error` code has none.
    pub const fn part_digit(self) -> Option<u8> {
        match self {
            AnyCode::Hms(h) => Some(h.part_digit()),
            AnyCode::PrintError(_) => None,
        }
    }

    /// The level on the HMS scale; `None` for a `print_error` nibble with no known meaning.
    pub const fn level_raw(self) -> Option<u16> {
        match self {
            AnyCode::Hms(h) => Some(h.level_raw()),
            AnyCode::PrintError(e) => e.level_raw(),
        }
    }

    /// Slot 1-4 for an AMS slot part of a `print.hms` code.
    pub const fn slot(self) -> Option<u8> {
        match self {
            AnyCode::Hms(h) => h.slot(),
            AnyCode::PrintError(_) => None,
        }
    }

    /// The code written in `spelling`, as [`Hms::spelled`] and [`PrintError::spelled`] write it.
    pub const fn spelled(self, spelling: Spelling) -> Spelled {
        match self {
            AnyCode::Hms(h) => h.spelled(spelling),
            AnyCode::PrintError(e) => e.spelled(spelling),
        }
    }

    /// The code's other usual spelling, shown beside its [`Display`](fmt::Display) one: an HMS
    /// code as the printer's screen prefixes it (`HMS_0700-2000-0002-0003`), a `print_error`
    /// code with an underscore (`0300_400C`).
    ///
    /// ```
    /// use hms_core::AnyCode;
    /// assert_eq!(AnyCode::parse("0700_2000_0002_0003").unwrap().alternate_spelling().to_string(), "HMS_0700-2000-0002-0003");
    /// assert_eq!(AnyCode::parse("0300-400C").unwrap().alternate_spelling().to_string(), "0300_400C");
    /// ```
    pub const fn alternate_spelling(self) -> Spelled {
        match self {
            AnyCode::Hms(h) => h.spelled(Spelling::Prefixed),
            AnyCode::PrintError(e) => e.spelled(Spelling::Underscore),
        }
    }
}

impl fmt::Display for AnyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnyCode::Hms(h) => h.fmt(f),
            AnyCode::PrintError(e) => e.fmt(f),
        }
    }
}

impl FromStr for AnyCode {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        AnyCode::parse(s)
    }
}

impl From<Hms> for AnyCode {
    fn from(h: Hms) -> Self {
        AnyCode::Hms(h)
    }
}

impl From<PrintError> for AnyCode {
    fn from(e: PrintError) -> Self {
        AnyCode::PrintError(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn the_length_chooses_the_channel() {
        assert!(matches!(AnyCode::parse("0300-400C"), Ok(AnyCode::PrintError(_))));
        assert!(matches!(AnyCode::parse("HMS_0300-0100-0001-0001"), Ok(AnyCode::Hms(_))));
        let err = AnyCode::parse("0300_40").unwrap_err();
        assert_eq!((err.kind(), err.position()), (ParseErrorKind::WrongLength { found: 6, expected: 8 }, 7));
        let err = AnyCode::parse("0300_4000_0001").unwrap_err();
        assert_eq!(err.kind(), ParseErrorKind::WrongLength { found: 12, expected: 16 });
        assert_eq!("0700_2000_0002_0003".parse(), Ok(AnyCode::Hms(Hms::from_u64(0x0700_2000_0002_0003))));
    }

    #[test]
    fn fields_are_the_channel_codes_fields() {
        let hms = AnyCode::from(Hms::from_mqtt(0x1201_2300, 0x0001_0004));
        assert_eq!((hms.module_id(), hms.module_number(), hms.part(), hms.slot()), (0x12, 1, Some(0x23), Some(4)));
        assert_eq!((hms.level_raw(), hms.part_digit()), (Some(1), Some(3)));
        let error = AnyCode::from(PrintError::from_u32(0x1803_700C));
        assert_eq!((error.module_id(), error.module_number(), error.part(), error.slot()), (0x18, 3, None, None));
        assert_eq!((error.level_raw(), error.part_digit()), (None, None));
        assert_eq!((hms.to_string(), error.to_string()), ("1201_2300_0001_0004".into(), "1803-700C".into()));
        assert_eq!(error.spelled(Spelling::Compact).to_string(), "1803700C");
        assert_eq!(hms.spelled(Spelling::Prefixed).to_string(), "HMS_1201-2300-0001-0004");
    }

    #[test]
    fn bits_and_channel_round_trip() {
        for code in [AnyCode::Hms(Hms::from_u64(u64::MAX)), AnyCode::PrintError(PrintError::from_u32(u32::MAX))] {
            assert_eq!(AnyCode::from_bits(code.channel(), code.bits()), Some(code));
        }
        assert_eq!(AnyCode::PrintError(PrintError::from_u32(0x0300_400C)).bits(), 0x0300_400C);
        assert_eq!(AnyCode::from_bits(Channel::PrintError, 1 << 32), None);
        assert_eq!(AnyCode::from_bits(Channel::Hms, 0x0300_400C), Some(AnyCode::Hms(Hms::from_u64(0x0300_400C))));
    }

    #[test]
    fn codes_sort_by_channel_then_bits() {
        let mut codes = [
            AnyCode::PrintError(PrintError::from_u32(1)),
            AnyCode::Hms(Hms::from_u64(2)),
            AnyCode::Hms(Hms::from_u64(1)),
        ];
        codes.sort();
        let keys = codes.map(|c| (c.channel(), c.bits()));
        assert_eq!(keys, [(Channel::Hms, 1), (Channel::Hms, 2), (Channel::PrintError, 1)]);
    }
}
