//! The side of a printer with two extruders: `{side}` and `{Side}` in catalog texts.

/// The side of a printer with two extruders, or of anything that comes in a left and a
/// right one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// Left (module number `0xFE`).
    Left,
    /// Right (module number `0xFF`).
    Right,
}

impl Side {
    /// The side a module number names: `0xFE` left, `0xFF` right.
    pub const fn of_module_number(module_number: u8) -> Option<Side> {
        match module_number {
            0xFE => Some(Side::Left),
            0xFF => Some(Side::Right),
            _ => None,
        }
    }

    /// `left` or `right`.
    pub const fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }

    /// `Left` or `Right`.
    pub const fn capitalised(self) -> &'static str {
        match self {
            Side::Left => "Left",
            Side::Right => "Right",
        }
    }

    /// The side named `left` or `right`.
    pub fn from_name(name: &str) -> Option<Side> {
        match name {
            "left" => Some(Side::Left),
            "right" => Some(Side::Right),
            _ => None,
        }
    }

    /// Its number in an entry record: 1 left, 2 right (0 is none). Unstable, as the table
    /// layout is.
    #[doc(hidden)]
    pub const fn to_u8(self) -> u8 {
        match self {
            Side::Left => 1,
            Side::Right => 2,
        }
    }

    /// The side of an entry record's number; `None` for 0 or an unknown number. Unstable, as
    /// the table layout is.
    #[doc(hidden)]
    pub const fn from_u8(n: u8) -> Option<Side> {
        match n {
            1 => Some(Side::Left),
            2 => Some(Side::Right),
            _ => None,
        }
    }
}
