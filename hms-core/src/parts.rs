//! What the catalog says of a module: whether its units are lettered, and what the low digit
//! of its part byte numbers (AMS slots 1-4, hotend rack positions 1-6). Written per module in
//! catalog.yaml (`lettered`, `parts`), carried in the tables, read here.

/// What a module's open part digit numbers, and so which placeholder it fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartNumbers {
    /// Slots (`{slot}`): the part digit of any part quad (`2x`, `8x`) is the slot.
    Slots,
    /// Hotend rack positions (`{rack}`): the part digit of every part is the position.
    Rack,
}

/// The part digits of a module that a family may leave open (`07xx_2x00_...`), and what they
/// number: digit `first` is number 1.
///
/// ```
/// use hms_core::{PartLayout, PartNumbers};
/// let rack = PartLayout::new(PartNumbers::Rack, 1, 6).unwrap();
/// assert_eq!((rack.number(1), rack.number(6), rack.number(7)), (Some(1), Some(6), None));
/// assert_eq!(rack.count(), 6);
/// assert_eq!(PartLayout::new(PartNumbers::Slots, 4, 3), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartLayout {
    numbers: PartNumbers,
    first: u8,
    last: u8,
}

impl PartLayout {
    /// Digits `first..=last` (hex digits, so at most `0xF`) numbering `numbers`.
    pub const fn new(numbers: PartNumbers, first: u8, last: u8) -> Option<PartLayout> {
        if first <= last && last <= 0xF { Some(PartLayout { numbers, first, last }) } else { None }
    }

    /// What the digits number.
    pub const fn numbers(&self) -> PartNumbers {
        self.numbers
    }

    /// The first open digit (number 1).
    pub const fn first(&self) -> u8 {
        self.first
    }

    /// The last open digit.
    pub const fn last(&self) -> u8 {
        self.last
    }

    /// How many digits (slots, positions) there are.
    pub const fn count(&self) -> u8 {
        self.last - self.first + 1
    }

    /// Whether `digit` is one of the open digits.
    pub const fn contains(&self, digit: u8) -> bool {
        self.first <= digit && digit <= self.last
    }

    /// The number (from 1) that `digit` stands for, if it is one of the digits.
    pub const fn number(&self, digit: u8) -> Option<u8> {
        if self.contains(digit) { Some(digit - self.first + 1) } else { None }
    }

    /// The layout as two bytes for the tables: what it numbers, then first and last digit
    /// (one nibble each). Unstable, as the table layout is.
    #[doc(hidden)]
    pub const fn to_bytes(self) -> [u8; 2] {
        let numbers = match self.numbers {
            PartNumbers::Slots => 0,
            PartNumbers::Rack => 1,
        };
        [numbers, self.first | self.last << 4]
    }

    /// The layout [`to_bytes`](Self::to_bytes) wrote; `None` for damaged bytes.
    #[doc(hidden)]
    pub const fn from_bytes(bytes: [u8; 2]) -> Option<PartLayout> {
        let numbers = match bytes[0] {
            0 => PartNumbers::Slots,
            1 => PartNumbers::Rack,
            _ => return None,
        };
        PartLayout::new(numbers, bytes[1] & 0xF, bytes[1] >> 4)
    }
}

/// The facts of one module that filling a code's placeholders needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ModuleFacts {
    /// The module's abbreviation when its units are lettered (`AMS Lite`), else `None`.
    pub abbr: Option<&'static str>,
    /// What the low digit of its part byte numbers, if anything.
    pub parts: Option<PartLayout>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_round_trip_through_their_bytes() {
        for layout in [PartLayout::new(PartNumbers::Slots, 0, 3), PartLayout::new(PartNumbers::Rack, 1, 6)] {
            let layout = layout.unwrap();
            assert_eq!(PartLayout::from_bytes(layout.to_bytes()), Some(layout));
        }
        assert_eq!(PartLayout::from_bytes([2, 0x30]), None);
        assert_eq!(PartLayout::from_bytes([0, 0x03]), None);
        let slots = PartLayout::new(PartNumbers::Slots, 0, 3).unwrap();
        assert_eq!((slots.number(0), slots.number(3), slots.number(4), slots.count()), (Some(1), Some(4), None, 4));
        assert_eq!(PartLayout::new(PartNumbers::Slots, 0, 16), None);
    }
}
