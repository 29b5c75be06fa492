//! A catalog code pattern: one code, or a family of codes that differ in the unit (module
//! number) and/or the low digit of the part byte; and the one rule that decides which of
//! several patterns covers a code ([`covering`]).

use core::fmt;

use crate::layout::{VARIES_SLOT, VARIES_UNIT};
use crate::spelling::{ParseError, read_digits};
use crate::{AnyCode, Channel, Hms, PartLayout, PrintError, unit_letter};

/// A code pattern as the catalog writes it: an exact code (`0700_2000_0002_0003`) or a family
/// (`07xx_2x00_0002_0003`: every lettered unit, and every slot of the module's
/// [`PartLayout`]).
///
/// ```
/// use hms_core::{AnyCode, CodePattern, Hms, PartLayout, PartNumbers};
/// let slots = PartLayout::new(PartNumbers::Slots, 0, 3);
/// let family = CodePattern::parse("07xx_2x00_0002_0003", |_| slots).unwrap();
/// let code = |bits| AnyCode::Hms(Hms::from_u64(bits));
/// assert!(family.covers(code(0x0781_2300_0002_0003)));
/// assert!(!family.covers(code(0x0700_2400_0002_0003))); // no fifth slot
/// assert!(!family.covers(code(0x07FE_2000_0002_0003))); // FE names no unit
/// assert_eq!(family.first(), code(0x0700_2000_0002_0003));
/// assert_eq!(family.to_string(), "07xx_2x00_0002_0003");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodePattern {
    /// The code, with the digits that vary zero.
    key: AnyCode,
    /// [`VARIES_UNIT`] | [`VARIES_SLOT`].
    varies: u8,
    /// The open part digits, when the part digit varies.
    parts: Option<PartLayout>,
}

/// Why a pattern's text is not a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternError {
    /// The digits do not read (a bad character, too many digits...).
    Digits(ParseError),
    /// This many hex digits: neither 16 (`print.hms`) nor 8 (`print_error`).
    Length(usize),
    /// A wildcard stands somewhere other than the module number (and for `print.hms`, the
    /// part's low digit).
    Wildcards(Channel),
    /// The part digit is open but the module (this id) numbers nothing by it.
    NoPartLayout(u8),
}

impl CodePattern {
    /// The pattern of `code`: exact, or a family leaving open the unit (`unit`) and the part
    /// digits of `parts` (a `print.hms` code only; `print_error` codes have no part). The
    /// digits that vary are cleared in the key.
    pub const fn new(code: AnyCode, unit: bool, parts: Option<PartLayout>) -> CodePattern {
        let parts = match code {
            AnyCode::Hms(_) => parts,
            AnyCode::PrintError(_) => None,
        };
        let varies = if unit { VARIES_UNIT } else { 0 } | if parts.is_some() { VARIES_SLOT } else { 0 };
        let mask = mask(code.channel(), varies);
        let key = match code {
            AnyCode::Hms(h) => AnyCode::Hms(Hms::from_u64(h.to_u64() & !mask)),
            AnyCode::PrintError(e) => AnyCode::PrintError(PrintError::from_u32(e.to_u32() & !(mask as u32))),
        };
        CodePattern { key, varies, parts }
    }

    /// The exact pattern of `code`.
    pub const fn exact(code: AnyCode) -> CodePattern {
        CodePattern::new(code, false, None)
    }

    /// The pattern the tables store as a channel's layout number, key and `varies` bits,
    /// `parts` being the layout of the key's module; `None` when they do not make one (a
    /// varying part digit with no layout, a `print_error` key wider than 32 bits).
    pub const fn from_layout(channel: u8, key: u64, varies: u8, parts: Option<PartLayout>) -> Option<CodePattern> {
        let Some(channel) = Channel::from_layout(channel) else { return None };
        let Some(code) = AnyCode::from_bits(channel, key) else { return None };
        let parts = if varies & VARIES_SLOT == 0 {
            None
        } else if parts.is_none() || matches!(channel, Channel::PrintError) {
            return None;
        } else {
            parts
        };
        Some(CodePattern::new(code, varies & VARIES_UNIT != 0, parts))
    }

    /// Reads a pattern as the catalog writes it (`07xx_2x00_0002_0003`, any spelling a code
    /// takes, `x` for an open digit); `parts` gives the part layout of a module id, for a
    /// pattern whose part digit is open.
    pub fn parse(text: &str, parts: impl FnOnce(u8) -> Option<PartLayout>) -> Result<CodePattern, PatternError> {
        let digits = read_digits(text, true).map_err(PatternError::Digits)?;
        let channel = Channel::from_digits(digits.count).ok_or(PatternError::Length(digits.count))?;
        let (unit, slot) = (mask(channel, VARIES_UNIT), mask(channel, VARIES_SLOT));
        let unit_open = digits.wildcards & unit == unit;
        let slot_open = slot != 0 && digits.wildcards & slot == slot;
        let open = if unit_open { unit } else { 0 } | if slot_open { slot } else { 0 };
        if digits.wildcards & !open != 0 {
            return Err(PatternError::Wildcards(channel));
        }
        let code = AnyCode::from_bits(channel, digits.value).ok_or(PatternError::Length(digits.count))?;
        let layout = if slot_open {
            Some(parts(code.module_id()).ok_or(PatternError::NoPartLayout(code.module_id()))?)
        } else {
            None
        };
        Ok(CodePattern::new(code, unit_open, layout))
    }

    /// The key: the code, with the digits that vary zero.
    pub const fn key(&self) -> AnyCode {
        self.key
    }

    /// The channel of its codes.
    pub const fn channel(&self) -> Channel {
        self.key.channel()
    }

    /// The `varies` bits of the table layout ([`VARIES_UNIT`] | [`VARIES_SLOT`]); 0 for an
    /// exact code. Unstable, as the layout is.
    #[doc(hidden)]
    pub const fn varies(&self) -> u8 {
        self.varies
    }

    /// Whether it is a family (some digit varies).
    pub const fn is_family(&self) -> bool {
        self.varies != 0
    }

    /// Whether the unit varies: every lettered unit (A-Z, see [`unit_letter`]).
    pub const fn varies_unit(&self) -> bool {
        self.varies & VARIES_UNIT != 0
    }

    /// The part digits that vary, if the part digit does.
    pub const fn varying_part(&self) -> Option<PartLayout> {
        self.parts
    }

    /// The key bits left open.
    pub const fn open_bits(&self) -> u64 {
        mask(self.channel(), self.varies)
    }

    /// Whether `code` is one of its codes.
    pub const fn covers(&self, code: AnyCode) -> bool {
        if !matches!(
            (self.key, code),
            (AnyCode::Hms(_), AnyCode::Hms(_)) | (AnyCode::PrintError(_), AnyCode::PrintError(_))
        ) || code.bits() & !self.open_bits() != self.key.bits()
        {
            return false;
        }
        let unit_ok = !self.varies_unit() || unit_letter(code.module_number()).is_some();
        let part_ok = match (self.parts, code.part()) {
            (None, _) => true,
            (Some(parts), Some(part)) => parts.contains(part & 0xF),
            (Some(_), None) => false,
        };
        unit_ok && part_ok
    }

    /// Its first code: the key, with unit A where the unit varies and the first open digit
    /// where the part digit does.
    pub const fn first(&self) -> AnyCode {
        match (self.key, self.parts) {
            (AnyCode::Hms(h), Some(parts)) => AnyCode::Hms(Hms::from_u64(h.to_u64() | part_digit(parts.first()))),
            (key, _) => key,
        }
    }

    /// Where it stands among the patterns that cover a code: 0 for an exact code, then
    /// families whose unit and part digit vary, whose unit varies, whose part digit varies.
    /// The lowest rank covering a code gives the code its entry ([`covering`]).
    pub const fn rank(&self) -> u8 {
        match self.varies {
            0 => 0,
            v if v == VARIES_UNIT | VARIES_SLOT => 1,
            VARIES_UNIT => 2,
            _ => 3,
        }
    }

    /// The key of the table row its codes fall in (see
    /// [`split_code`](crate::layout::facts::split_code)). Unstable, as the layout is.
    #[doc(hidden)]
    pub const fn row_key(&self) -> u64 {
        crate::layout::facts::split_code(self.channel().layout(), self.key.bits()).0
    }

    /// Whether the two patterns have a code in common.
    pub const fn overlaps(&self, other: &CodePattern) -> bool {
        if self.channel().layout() != other.channel().layout() {
            return false;
        }
        let open = self.open_bits() | other.open_bits();
        if self.key.bits() & !open != other.key.bits() & !open {
            return false;
        }
        // A digit open in one takes the other's value; one open in both its first value both
        // cover (unit A; the later of the two first part digits).
        let mut bits = self.key.bits() | other.key.bits();
        if let (Some(a), Some(b)) = (self.parts, other.parts) {
            let first = if a.first() > b.first() { a.first() } else { b.first() };
            bits |= part_digit(first);
        }
        match AnyCode::from_bits(self.channel(), bits) {
            Some(code) => self.covers(code) && other.covers(code),
            None => false,
        }
    }
}

/// The one covering rule: of `patterns`, the position of the one that gives `code` its entry.
/// Exact codes come first, then families by [`CodePattern::rank`]; among patterns of one
/// rank (which a valid catalog never makes overlap) the first listed.
///
/// ```
/// use hms_core::{AnyCode, CodePattern, PartLayout, PartNumbers, covering};
/// let slots = |_| PartLayout::new(PartNumbers::Slots, 0, 3);
/// let patterns = ["07xx_2x00_0002_0001", "0701_2200_0002_0001", "07xx_2200_0002_0001"]
///     .map(|p| CodePattern::parse(p, slots).unwrap());
/// let code = |s: &str| s.parse::<AnyCode>().unwrap();
/// assert_eq!(covering(&patterns, code("0701_2200_0002_0001")), Some(1));
/// assert_eq!(covering(&patterns, code("0702_2200_0002_0001")), Some(0)); // unit and slot first
/// assert_eq!(covering(&patterns, code("0702_2400_0002_0001")), None);
/// ```
pub const fn covering(patterns: &[CodePattern], code: AnyCode) -> Option<usize> {
    let mut best: Option<usize> = None;
    let mut best_rank = u8::MAX;
    let mut i = 0;
    while i < patterns.len() {
        let rank = patterns[i].rank();
        if rank < best_rank && patterns[i].covers(code) {
            (best, best_rank) = (Some(i), rank);
        }
        i += 1;
    }
    best
}

/// The bits a family with these `varies` bits leaves open, on a channel.
const fn mask(channel: Channel, varies: u8) -> u64 {
    let (unit, slot) = match channel {
        Channel::Hms => (Hms::UNIT_BITS, Hms::SLOT_BITS),
        Channel::PrintError => (PrintError::UNIT_BITS as u64, 0),
    };
    (if varies & VARIES_UNIT != 0 { unit } else { 0 }) | (if varies & VARIES_SLOT != 0 { slot } else { 0 })
}

/// `digit` in the part's low digit of a `print.hms` code.
const fn part_digit(digit: u8) -> u64 {
    (digit as u64 & 0xF) << Hms::SLOT_BITS.trailing_zeros()
}

impl fmt::Display for CodePattern {
    /// As the catalog writes it: groups of four joined by `_`, `x` for each open digit.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.channel().digits() as u32;
        let (key, open) = (self.key.bits(), self.open_bits());
        for i in (0..digits).rev() {
            let shift = 4 * i;
            if (open >> shift) & 0xF != 0 {
                f.write_str("x")?;
            } else {
                write!(f, "{:X}", (key >> shift) & 0xF)?;
            }
            if i % 4 == 0 && i != 0 {
                f.write_str("_")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::string::ToString;

    use super::*;
    use crate::PartNumbers;

    const SLOTS: Option<PartLayout> = PartLayout::new(PartNumbers::Slots, 0, 3);
    const RACK: Option<PartLayout> = PartLayout::new(PartNumbers::Rack, 1, 6);

    fn parts(module: u8) -> Option<PartLayout> {
        if module == 0x1A { RACK } else { SLOTS }
    }

    fn pattern(text: &str) -> CodePattern {
        CodePattern::parse(text, parts).unwrap()
    }

    fn hms(bits: u64) -> AnyCode {
        AnyCode::Hms(Hms::from_u64(bits))
    }

    #[test]
    fn an_open_part_digit_covers_its_modules_digits_in_any_quad() {
        for (family, code, expected) in [
            ("0700_2x00_0002_0001", 0x0700_2300_0002_0001u64, true),
            ("0700_2x00_0002_0001", 0x0700_2400_0002_0001, false),
            ("1200_8x00_0002_0001", 0x1200_8000_0002_0001, true),
            ("0700_1x00_0002_0001", 0x0700_1300_0002_0001, true),
            ("1A00_0x00_0002_0001", 0x1A00_0000_0002_0001, false),
            ("1A00_0x00_0002_0001", 0x1A00_0100_0002_0001, true),
            ("1A00_2x00_0002_0001", 0x1A00_2600_0002_0001, true),
            ("1A00_2x00_0002_0001", 0x1A00_2700_0002_0001, false),
            ("07xx_2x00_0002_0001", 0x0799_2000_0002_0001, true),
            ("07xx_2x00_0002_0001", 0x07FE_2000_0002_0001, false),
            ("07xx_2x00_0002_0001", 0x0800_2000_0002_0001, false),
        ] {
            assert_eq!(pattern(family).covers(hms(code)), expected, "{family} {code:016X}");
        }
        assert_eq!(pattern("1A00_2x00_0002_0001").first(), hms(0x1A00_2100_0002_0001));
        assert_eq!(pattern("0700_8x00_0002_0001").first(), hms(0x0700_8000_0002_0001));
        let error = pattern("07xx_8010");
        assert!(error.covers(AnyCode::PrintError(PrintError::from_u32(0x0703_8010))));
        assert!(!error.covers(hms(0x0703_8010)));
    }

    #[test]
    fn patterns_read_and_write_back() {
        for text in ["07xx_2x00_0002_0003", "0700_2000_0002_0003", "07FE_8x00_0002_0001", "07xx_8010", "0300_400C"] {
            assert_eq!(pattern(text).to_string(), text);
        }
        assert_eq!(pattern("07xx-2300-0002-0003").key(), hms(0x0700_2300_0002_0003));
        assert_eq!(CodePattern::parse("07x0_2000_0002_0003", parts), Err(PatternError::Wildcards(Channel::Hms)));
        assert_eq!(CodePattern::parse("07xx_8x10", parts), Err(PatternError::Wildcards(Channel::PrintError)));
        assert_eq!(CodePattern::parse("0300_2x00_0002_0003", |_| None), Err(PatternError::NoPartLayout(0x03)));
        assert_eq!(CodePattern::parse("0300_20", parts), Err(PatternError::Length(6)));
        assert!(matches!(CodePattern::parse("0300_2G00_0002_0003", parts), Err(PatternError::Digits(_))));
        let p = pattern("07xx_2x00_0002_0003");
        assert_eq!(CodePattern::from_layout(0, p.key().bits(), p.varies(), SLOTS), Some(p));
        assert_eq!(CodePattern::from_layout(0, p.key().bits(), p.varies(), None), None);
        assert_eq!(CodePattern::from_layout(1, 1 << 32, 0, None), None);
    }

    #[test]
    fn exact_codes_come_first_then_families_by_rank() {
        let patterns =
            ["0700_2x00_0002_0001", "07xx_2200_0002_0001", "07xx_2x00_0002_0001", "0701_2200_0002_0001"].map(pattern);
        assert_eq!(patterns.map(|p| p.rank()), [3, 2, 1, 0]);
        assert_eq!(covering(&patterns, hms(0x0701_2200_0002_0001)), Some(3));
        assert_eq!(covering(&patterns, hms(0x0702_2200_0002_0001)), Some(2));
        assert_eq!(covering(&patterns, hms(0x0700_2100_0002_0001)), Some(2));
        assert_eq!(covering(&patterns[..2], hms(0x0700_2100_0002_0001)), Some(0));
        assert_eq!(covering(&patterns, hms(0x0700_2500_0002_0001)), None);
    }

    #[test]
    fn families_overlap_when_they_share_a_code() {
        for (a, b, expected) in [
            ("07xx_2x00_0002_0001", "0701_2x00_0002_0001", true),
            ("07xx_2100_0002_0001", "0701_2x00_0002_0001", true),
            ("07xx_8300_0002_0001", "07xx_8x00_0002_0001", true),
            ("1Axx_0600_0002_0001", "1A00_0x00_0002_0001", true),
            ("07xx_2500_0002_0001", "07xx_2x00_0002_0001", false),
            ("07FE_2x00_0002_0001", "07xx_2x00_0002_0001", false),
            ("1A00_0000_0002_0001", "1A00_0x00_0002_0001", false),
            ("07xx_2x00_0002_0001", "07xx_2x00_0002_0002", false),
            ("07xx_8010", "0701_8010", true),
        ] {
            assert_eq!(pattern(a).overlaps(&pattern(b)), expected, "{a} {b}");
            assert_eq!(pattern(b).overlaps(&pattern(a)), expected, "{b} {a}");
        }
    }
}
