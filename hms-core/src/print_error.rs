//! The 32-bit code of the `print.print_error` channel.

use core::fmt;
use core::str::FromStr;

use crate::hms::Spelled;
use crate::spelling::{self, ParseError, Spelling};

/// A `print_error` code: 8 hex digits, `MMNN_LEEE`, shown as `0300-400C`.
///
/// | bits  | field | meaning |
/// |-------|-------|---------|
/// | 31-24 | `MM`  | module id (modules `0x10` and above included) |
/// | 23-16 | `NN`  | module number (AMS unit) |
/// | 15-12 | `L`   | level nibble: `4` error, `8` warning, `C` info |
/// | 11-0  | `EEE` | error id |
///
/// ```
/// use hms_core::PrintError;
/// let e: PrintError = "0300-400C".parse().unwrap();
/// assert_eq!(e.module_id(), 0x03);
/// assert_eq!(e.level_raw(), Some(1));
/// assert_eq!(e.to_string(), "0300-400C");
/// assert_eq!(PrintError::from_u32(0x1200_8010).module_id(), 0x12);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PrintError(u32);

impl PrintError {
    /// Bits of the module number (AMS unit) byte.
    pub const UNIT_BITS: u32 = 0x00FF_0000;

    /// The code with these 32 bits, as `print.print_error` carries it.
    pub const fn from_u32(bits: u32) -> Self {
        PrintError(bits)
    }

    /// The 32 bits.
    pub const fn to_u32(self) -> u32 {
        self.0
    }

    /// Module id.
    pub const fn module_id(self) -> u8 {
        (self.0 >> 24) as u8
    }

    /// The same code with module number (unit) `number`.
    pub const fn with_module_number(self, number: u8) -> Self {
        PrintError(self.0 & !Self::UNIT_BITS | (number as u32) << 16)
    }

    /// Module number (AMS unit 0 is A).
    pub const fn module_number(self) -> u8 {
        (self.0 >> 16) as u8
    }

    /// The level nibble as reported: `0x4` error, `0x8` warning, `0xC` info.
    pub const fn level_nibble(self) -> u8 {
        ((self.0 >> 12) & 0xF) as u8
    }

    /// The level on the HMS scale (1 error, 2 warning, 3 info), or `None` for a nibble with no
    /// known meaning (kept in [`level_nibble`](Self::level_nibble)).
    pub const fn level_raw(self) -> Option<u16> {
        match self.level_nibble() {
            0x4 => Some(1),
            0x8 => Some(2),
            0xC => Some(3),
            _ => None,
        }
    }

    /// The error id (12 bits).
    pub const fn error_id(self) -> u16 {
        (self.0 & 0x0FFF) as u16
    }

    /// Reads `0300-400C`, `0300_400C`, `0300400C`, any case, surrounding spaces.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        spelling::read_exact(input, 8).map(|v| PrintError(v as u32))
    }

    /// The code written in `spelling` ([`Spelling::Prefixed`] writes `HMS_` too; rarely wanted).
    pub const fn spelled(self, spelling: Spelling) -> Spelled {
        Spelled { bits: self.0 as u64, groups: 2, spelling }
    }
}

impl fmt::Display for PrintError {
    /// `0300-400C`, as the apps show it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        spelling::write_groups(f, self.0 as u64, 2, Spelling::Dash)
    }
}

impl FromStr for PrintError {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PrintError::parse(s)
    }
}

impl From<PrintError> for u32 {
    fn from(e: PrintError) -> u32 {
        e.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn high_modules_keep_their_whole_byte() {
        let e = PrintError::parse("1800_8010").unwrap();
        assert_eq!((e.module_id(), e.module_number(), e.level_nibble(), e.error_id()), (0x18, 0, 8, 0x010));
        assert_eq!(e.level_raw(), Some(2));
    }

    #[test]
    fn unknown_level_nibble_is_data() {
        let e = PrintError::from_u32(0x0300_700C);
        assert_eq!(e.level_nibble(), 7);
        assert_eq!(e.level_raw(), None);
        assert_eq!(e.to_string(), "0300-700C");
    }
}
