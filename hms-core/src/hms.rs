//! The 64-bit HMS code of the `print.hms` channel.

use core::fmt;
use core::str::FromStr;

use crate::spelling::{self, ParseError, Spelling};

/// An HMS code: 16 hex digits, `MMNN_PP00_LLLL_EEEE`.
///
/// | bits  | field | meaning |
/// |-------|-------|---------|
/// | 63-56 | `MM`  | module id (`07` AMS) |
/// | 55-48 | `NN`  | module number (AMS unit: 0 is A, 1 is B...) |
/// | 47-40 | `PP`  | part (for AMS, `20`-`23` are slots 1-4) |
/// | 39-32 | `00`  | reserved |
/// | 31-16 | `LLLL`| alert level |
/// | 15-0  | `EEEE`| error id |
///
/// The printer reports it in `print.hms` as `{attr, code}`: the high and low 32 bits.
///
/// ```
/// use hms_core::{Hms, Spelling};
/// let hms = Hms::from_mqtt(0x0701_2200, 0x0002_0003);
/// assert_eq!(hms.module_number(), 1);
/// assert_eq!(hms.slot(), Some(3));
/// assert_eq!(hms.level_raw(), 2);
/// assert_eq!(hms.spelled(Spelling::Prefixed).to_string(), "HMS_0701-2200-0002-0003");
/// assert_eq!("0701-2200-0002-0003".parse::<Hms>(), Ok(hms));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hms(u64);

impl Hms {
    /// Bits of the module number (AMS unit) byte.
    pub const UNIT_BITS: u64 = 0x00FF_0000_0000_0000;
    /// Bits of the slot nibble of the part byte.
    pub const SLOT_BITS: u64 = 0x0000_0F00_0000_0000;

    /// The code with these 64 bits.
    pub const fn from_u64(bits: u64) -> Self {
        Hms(bits)
    }

    /// The code with these fields, in the order the code spells them (`MMNN_PP00_LLLL_EEEE`):
    /// module id, module number, part, alert level and error id; the reserved byte is 0.
    ///
    /// ```
    /// use hms_core::Hms;
    /// assert_eq!(Hms::from_parts(0x07, 1, 0x22, 2, 3), Hms::from_u64(0x0701_2200_0002_0003));
    /// ```
    pub const fn from_parts(module_id: u8, module_number: u8, part: u8, level: u16, error_id: u16) -> Self {
        let attr = u32::from_be_bytes([module_id, module_number, part, 0]);
        Hms::from_mqtt(attr, (level as u32) << 16 | error_id as u32)
    }

    /// The 64 bits.
    pub const fn to_u64(self) -> u64 {
        self.0
    }

    /// The same code with module number (unit) `number`.
    pub const fn with_module_number(self, number: u8) -> Self {
        Hms(self.0 & !Self::UNIT_BITS | (number as u64) << 48)
    }

    /// The same code with part byte `part`.
    pub const fn with_part(self, part: u8) -> Self {
        Hms(self.0 & !0x0000_FF00_0000_0000 | (part as u64) << 40)
    }

    /// The same code with reserved byte `reserved` (0 clears it, as a lookup does).
    pub const fn with_reserved(self, reserved: u8) -> Self {
        Hms(self.0 & !0x0000_00FF_0000_0000 | (reserved as u64) << 32)
    }

    /// The code of one `print.hms` entry `{attr, code}`.
    pub const fn from_mqtt(attr: u32, code: u32) -> Self {
        Hms(((attr as u64) << 32) | code as u64)
    }

    /// The `attr` half, as MQTT carries it.
    pub const fn attr(self) -> u32 {
        (self.0 >> 32) as u32
    }

    /// The `code` half, as MQTT carries it.
    pub const fn code(self) -> u32 {
        self.0 as u32
    }

    /// Module id (`0x07` for the AMS).
    pub const fn module_id(self) -> u8 {
        (self.0 >> 56) as u8
    }

    /// Module number: which of several modules of the same kind (AMS unit 0 is A).
    pub const fn module_number(self) -> u8 {
        (self.0 >> 48) as u8
    }

    /// Part within the module.
    pub const fn part(self) -> u8 {
        (self.0 >> 40) as u8
    }

    /// The low digit of the part byte: the slot digit of AMS slot parts (`0x22` gives 2), the
    /// position digit of hotend rack parts; what it numbers is the module's
    /// [`PartLayout`](crate::PartLayout).
    pub const fn part_digit(self) -> u8 {
        self.part() & 0xF
    }

    /// The reserved byte (0 in every known code).
    pub const fn reserved(self) -> u8 {
        (self.0 >> 32) as u8
    }

    /// Slot 1-4 when the part byte is one of the AMS slot parts `0x20`-`0x23`, else `None`.
    pub const fn slot(self) -> Option<u8> {
        slot_of_part(self.part())
    }

    /// The alert level as reported (1 error, 2 warning, 3 info; anything else is kept as is).
    pub const fn level_raw(self) -> u16 {
        (self.0 >> 16) as u16
    }

    /// The error id.
    pub const fn error_id(self) -> u16 {
        self.0 as u16
    }

    /// Reads any spelling people paste: `0700_2000_0002_0003`, `0700-2000-0002-0003`,
    /// `HMS_0700-2000-0002-0003`, `0700200000020003`, any case, surrounding spaces.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        spelling::read_exact(input, 16).map(Hms)
    }

    /// The code written in `spelling`.
    pub const fn spelled(self, spelling: Spelling) -> Spelled {
        Spelled { bits: self.0, groups: 4, spelling }
    }
}

/// Slot 1-4 of an AMS slot part `0x20`-`0x23`.
pub(crate) const fn slot_of_part(part: u8) -> Option<u8> {
    match part {
        0x20..=0x23 => Some(part - 0x20 + 1),
        _ => None,
    }
}

/// The letter of a unit by its module number: `0x00`-`0x19` are A-Z (AMS, AMS Lite), and
/// `0x80`-`0x99` are A-Z too (how the main board numbers AMS-HT units). Other numbers, such as
/// `0xFE`/`0xFF` (left/right extruder, external spool), name no unit.
///
/// ```
/// assert_eq!(hms_core::unit_letter(1), Some('B'));
/// assert_eq!(hms_core::unit_letter(0x83), Some('D'));
/// assert_eq!(hms_core::unit_letter(0xFF), None);
/// ```
pub const fn unit_letter(module_number: u8) -> Option<char> {
    match module_number {
        0x00..=0x19 => Some((b'A' + module_number) as char),
        0x80..=0x99 => Some((b'A' + module_number - 0x80) as char),
        _ => None,
    }
}

impl fmt::Display for Hms {
    /// `0700_2000_0002_0003`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        spelling::write_groups(f, self.0, 4, Spelling::Underscore)
    }
}

impl FromStr for Hms {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Hms::parse(s)
    }
}

impl From<Hms> for u64 {
    fn from(hms: Hms) -> u64 {
        hms.0
    }
}

/// A code written in a chosen [`Spelling`]; see [`Hms::spelled`] and [`PrintError::spelled`](crate::PrintError::spelled).
#[derive(Clone, Copy, Debug)]
pub struct Spelled {
    pub(crate) bits: u64,
    pub(crate) groups: u32,
    pub(crate) spelling: Spelling,
}

impl fmt::Display for Spelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        spelling::write_groups(f, self.bits, self.groups, self.spelling)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ParseErrorKind;

    #[test]
    fn every_pasted_spelling_reads_the_same_code() {
        let want = Hms::from_u64(0x0700_2000_0002_0003);
        for s in [
            "0700_2000_0002_0003",
            "0700-2000-0002-0003",
            "HMS_0700-2000-0002-0003",
            "hms_0700_2000_0002_0003",
            "0700200000020003",
            "  0700_2000_0002_0003\n",
            "0x0700200000020003",
        ] {
            assert_eq!(Hms::parse(s), Ok(want), "{s}");
        }
    }

    #[test]
    fn print_error_length_is_rejected_for_hms() {
        let err = Hms::parse("0300-400C").unwrap_err();
        assert_eq!(err.kind(), ParseErrorKind::WrongLength { found: 8, expected: 16 });
    }

    #[test]
    fn fields_follow_the_bit_layout() {
        let hms = Hms::from_mqtt(0x1201_2300, 0x0001_0004);
        assert_eq!((hms.module_id(), hms.module_number(), hms.part(), hms.reserved()), (0x12, 1, 0x23, 0));
        assert_eq!((hms.level_raw(), hms.error_id(), hms.slot()), (1, 4, Some(4)));
        assert_eq!(Hms::from_mqtt(0x0700_2500, 0x0002_0001).slot(), None);
        assert_eq!((hms.attr(), hms.code()), (0x1201_2300, 0x0001_0004));
        assert_eq!(hms.with_module_number(0x83).with_part(0x12), Hms::from_u64(0x1283_1200_0001_0004));
        assert_eq!(hms.part_digit(), 3);
        assert_eq!(Hms::from_parts(0x12, 1, 0x23, 1, 4), hms);
        assert_eq!(Hms::from_parts(0xFE, 0xDC, 0xBA, 0x9876, 0x5432), Hms::from_u64(0xFEDC_BA00_9876_5432));
        let reported = hms.with_reserved(0xA5);
        assert_eq!((reported.reserved(), reported.attr(), reported.code()), (0xA5, 0x1201_23A5, hms.code()));
        assert_eq!(reported.with_reserved(0), hms);
    }
}
