//! Placeholders in catalog texts: `{ams}` (the AMS unit letter), `{slot}` (the AMS slot
//! number), `{index}` (the number in the part byte's low digit, from 1: the slot, motor or
//! channel a code names), `{rack}` (the hotend rack position), `{side}` / `{Side}` (`left` or
//! `right`, `Left` or `Right`) and `{unit}` (`AMS Lite B`), filled from the reported code so
//! one entry covers a whole family of codes. `{{` and `}}` write a literal brace.
//!
//! ```
//! use hms_core::placeholder::{Fill, Filled};
//! let fill = Fill { unit: Some(1), slot: Some(3), index: Some(3), ..Fill::default() };
//! let text = Filled::new("AMS {ams} slot {slot} is empty", fill);
//! assert_eq!(text.to_string(), "AMS B slot 3 is empty");
//! ```

use core::fmt;

/// What a placeholder takes from the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The module number of a module whose units are lettered (the AMS family).
    Unit,
    /// The slot of an AMS slot part (`0x20`-`0x23`).
    Slot,
    /// The low digit of the part byte plus one, for any `print.hms` code: the numbered
    /// thing (slot, motor, channel) of parts such as `0x10`-`0x13`.
    Index,
    /// The hotend rack position 1-6: the low digit of the part byte of a rack code (module
    /// `0x1A`), such as parts `0x01`-`0x06` and `0x21`-`0x26`.
    Rack,
    /// The side, `left` or `right`: module number `0xFE` is left and `0xFF` right, and a
    /// catalog pattern may give an exact code its side.
    Side,
    /// The unit by name: the module's abbreviation and the unit letter (`AMS Lite B`).
    UnitName,
}

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

    /// Its number in an entry record: 1 left, 2 right (0 is none).
    pub const fn to_u8(self) -> u8 {
        match self {
            Side::Left => 1,
            Side::Right => 2,
        }
    }

    /// The side of an entry record's number; `None` for 0 or an unknown number.
    pub const fn from_u8(n: u8) -> Option<Side> {
        match n {
            1 => Some(Side::Left),
            2 => Some(Side::Right),
            _ => None,
        }
    }
}

/// A placeholder a catalog text may use.
#[derive(Clone, Copy, Debug)]
pub struct Placeholder {
    /// Its name between braces.
    pub name: &'static str,
    /// Where its value comes from.
    pub source: Source,
    /// Whether its value is written with a capital first letter (`{Side}`: `Left`), for the
    /// start of a sentence.
    pub capital: bool,
}

/// Every placeholder. (Their order numbers the marker bytes of compressed texts: add new
/// ones at the end.)
pub const PLACEHOLDERS: &[Placeholder] = &[
    Placeholder { name: "ams", source: Source::Unit, capital: false },
    Placeholder { name: "slot", source: Source::Slot, capital: false },
    Placeholder { name: "index", source: Source::Index, capital: false },
    Placeholder { name: "rack", source: Source::Rack, capital: false },
    Placeholder { name: "side", source: Source::Side, capital: false },
    Placeholder { name: "Side", source: Source::Side, capital: true },
    Placeholder { name: "unit", source: Source::UnitName, capital: false },
];

/// The placeholder called `name`.
pub fn find(name: &str) -> Option<&'static Placeholder> {
    PLACEHOLDERS.iter().find(|p| p.name == name)
}

/// A piece of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text written as is.
    Literal(&'a str),
    /// `{name}` at this byte offset.
    Placeholder {
        /// The name between the braces.
        name: &'a str,
        /// Byte offset of the `{`.
        offset: usize,
    },
    /// A `{` without its `}`, or a stray `}`, at this byte offset.
    Unbalanced {
        /// Byte offset of the brace.
        offset: usize,
    },
}

/// The pieces of `template` in order.
pub fn pieces(template: &str) -> Pieces<'_> {
    Pieces { template, at: 0 }
}

/// Iterator returned by [`pieces`].
#[derive(Clone, Debug)]
pub struct Pieces<'a> {
    template: &'a str,
    at: usize,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let rest = self.template.get(self.at..)?;
        if rest.is_empty() {
            return None;
        }
        let offset = self.at;
        let Some(brace) = rest.find(['{', '}']) else {
            self.at = self.template.len();
            return Some(Piece::Literal(rest));
        };
        if brace > 0 {
            self.at += brace;
            return Some(Piece::Literal(&rest[..brace]));
        }
        // `{{` and `}}` stand for a literal brace.
        if rest.starts_with("{{") || rest.starts_with("}}") {
            self.at += 2;
            return Some(Piece::Literal(&rest[..1]));
        }
        if rest.starts_with('}') {
            self.at += 1;
            return Some(Piece::Unbalanced { offset });
        }
        match rest[1..].find(['{', '}']) {
            Some(end) if rest.as_bytes()[1 + end] == b'}' => {
                self.at += end + 2;
                Some(Piece::Placeholder { name: &rest[1..1 + end], offset })
            }
            _ => {
                self.at += 1;
                Some(Piece::Unbalanced { offset })
            }
        }
    }
}

/// The values a code gives its placeholders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fill {
    /// Module number of a lettered module (AMS unit: 0 is A; see [`unit_letter`](crate::unit_letter)).
    pub unit: Option<u8>,
    /// Slot 1-4, if the code names one.
    pub slot: Option<u8>,
    /// The part byte's low digit plus one (1-16), for a `print.hms` code.
    pub index: Option<u8>,
    /// Hotend rack position 1-6, for a rack code.
    pub rack: Option<u8>,
    /// The side, for a code of module number `0xFE`/`0xFF` or one the catalog gives a side.
    pub side: Option<Side>,
    /// The abbreviation of the code's module when its units are lettered (`AMS Lite`), for
    /// `{unit}` with [`unit`](Self::unit).
    pub abbr: Option<&'static str>,
}

impl Fill {
    /// The values of a code of `channel` ([`CHANNEL_HMS`](crate::layout::CHANNEL_HMS) or
    /// `CHANNEL_PRINT_ERROR`), as a catalog pattern with these `varies` bits and this `side`
    /// matched it (0 and `None` when no pattern did); `abbr`: the module's abbreviation when
    /// its units are lettered, else `None`.
    ///
    /// `{side}` is the pattern's side, else the side the module number names (`0xFE` left,
    /// `0xFF` right).
    ///
    /// `{slot}` is the slot of a slot part `0x20`-`0x23`, and for a family whose part digit
    /// varies (`12xx_8x00_...`), that digit plus one in any part quad, but not on the hotend
    /// rack, whose part digit is `{rack}`.
    ///
    /// ```
    /// use hms_core::layout::{CHANNEL_HMS, VARIES_SLOT};
    /// use hms_core::placeholder::{Fill, Filled, Side};
    /// let fill = Fill::of(CHANNEL_HMS, 0x1201_8200_0002_0001, VARIES_SLOT, Some("AMS Lite"), None);
    /// assert_eq!((fill.unit, fill.slot, fill.index, fill.rack), (Some(1), Some(3), Some(3), None));
    /// assert_eq!(Filled::new("{unit} slot {slot}", fill).to_string(), "AMS Lite B slot 3");
    /// assert_eq!(Fill::of(CHANNEL_HMS, 0x1201_8200_0002_0001, 0, None, None).slot, None);
    /// let rack = Fill::of(CHANNEL_HMS, 0x1A00_2100_0002_0001, VARIES_SLOT, None, None);
    /// assert_eq!((rack.rack, rack.slot), (Some(1), None));
    /// let left = Fill::of(CHANNEL_HMS, 0x0300_1E00_0001_0001, 0, None, Some(Side::Left));
    /// assert_eq!(Filled::new("{Side} nozzle, {side} side", left).to_string(), "Left nozzle, left side");
    /// assert_eq!(Fill::of(CHANNEL_HMS, 0x07FF_2000_0002_0001, 0, None, None).side, Some(Side::Right));
    /// ```
    pub const fn of(channel: u8, code: u64, varies: u8, abbr: Option<&'static str>, side: Option<Side>) -> Fill {
        use crate::layout::{CHANNEL_HMS, RACK_MODULE, VARIES_SLOT};
        let module_number = if channel == CHANNEL_HMS { (code >> 48) as u8 } else { (code >> 16) as u8 };
        let lettered = abbr.is_some() && crate::unit_letter(module_number).is_some();
        let unit = if lettered { Some(module_number) } else { None };
        let abbr = if lettered { abbr } else { None };
        let side = match side {
            Some(side) => Some(side),
            None => Side::of_module_number(module_number),
        };
        if channel != CHANNEL_HMS {
            return Fill { unit, slot: None, index: None, rack: None, side, abbr };
        }
        let hms = crate::Hms::from_u64(code);
        let digit = hms.part() & 0xF;
        let rack_code = hms.module_id() == RACK_MODULE;
        // The hotend rack numbers its slots by the part digit (`{rack}`), even in parts
        // `0x21`-`0x26` that elsewhere are AMS slot parts.
        let slot = match hms.slot() {
            _ if rack_code => None,
            Some(slot) => Some(slot),
            None if varies & VARIES_SLOT != 0 && digit <= 3 => Some(digit + 1),
            None => None,
        };
        let rack = if rack_code && digit >= 1 && digit <= 6 { Some(digit) } else { None };
        Fill { unit, slot, index: Some(digit + 1), rack, side, abbr }
    }

    /// Writes the value of `name`; `?` when the code does not give one.
    pub fn write_value(&self, name: &str, out: &mut dyn fmt::Write) -> fmt::Result {
        let Some(placeholder) = find(name) else { return out.write_char('?') };
        let letter = self.unit.and_then(crate::unit_letter);
        let number = match placeholder.source {
            Source::Unit => match letter {
                Some(letter) => return out.write_char(letter),
                None => None,
            },
            Source::UnitName => match (self.abbr, letter) {
                (Some(abbr), Some(letter)) => return write!(out, "{abbr} {letter}"),
                _ => None,
            },
            Source::Side => match self.side {
                Some(side) if placeholder.capital => return out.write_str(side.capitalised()),
                Some(side) => return out.write_str(side.name()),
                None => None,
            },
            Source::Slot => self.slot,
            Source::Index => self.index,
            Source::Rack => self.rack,
        };
        match number {
            Some(n) => write!(out, "{n}"),
            None => out.write_char('?'),
        }
    }
}

/// A template with its placeholders filled, written through `core::fmt` (no allocation).
#[derive(Clone, Copy, Debug)]
pub struct Filled<'a> {
    template: Template<'a>,
    fill: Fill,
    as_written: bool,
}

#[derive(Clone, Copy, Debug)]
enum Template<'a> {
    Plain(&'a str),
    Packed(crate::packed::PackedText<'a>),
}

impl<'a> Filled<'a> {
    /// `template` filled from `fill`.
    pub const fn new(template: &'a str, fill: Fill) -> Self {
        Filled { template: Template::Plain(template), fill, as_written: false }
    }

    /// A compressed template (placeholders as markers) filled from `fill`.
    pub const fn packed(template: crate::packed::PackedText<'a>, fill: Fill) -> Self {
        Filled { template: Template::Packed(template), fill, as_written: false }
    }

    /// The same text unfilled: it writes the template as the catalog spells it, placeholders
    /// as `{name}` and literal braces doubled.
    ///
    /// ```
    /// use hms_core::placeholder::{Fill, Filled};
    /// let text = Filled::new("AMS {ams} {{x}}", Fill::default());
    /// assert_eq!(text.as_written().to_string(), "AMS {ams} {{x}}");
    /// ```
    pub const fn as_written(self) -> Self {
        Filled { as_written: true, ..self }
    }

    /// The template as a plain string; `None` for a compressed text (the catalog's and the
    /// official texts): write [`as_written`](Self::as_written) instead.
    pub const fn template(&self) -> Option<&'a str> {
        match self.template {
            Template::Plain(t) => Some(t),
            Template::Packed(_) => None,
        }
    }
}

impl fmt::Display for Filled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let template = match self.template {
            Template::Plain(t) if self.as_written => return f.write_str(t),
            Template::Plain(t) => t,
            Template::Packed(p) if self.as_written => return p.write_template(f),
            Template::Packed(p) => return p.write_filled(&self.fill, f),
        };
        for piece in pieces(template) {
            match piece {
                Piece::Literal(text) => f.write_str(text)?,
                Piece::Placeholder { name, .. } => self.fill.write_value(name, f)?,
                Piece::Unbalanced { offset } => f.write_str(&template[offset..offset + 1])?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_split_literals_and_placeholders() {
        let got: [Piece<'_>; 4] = {
            let mut it = pieces("AMS {ams} slot {slot}");
            [it.next().unwrap(), it.next().unwrap(), it.next().unwrap(), it.next().unwrap()]
        };
        assert_eq!(got[0], Piece::Literal("AMS "));
        assert_eq!(got[1], Piece::Placeholder { name: "ams", offset: 4 });
        assert_eq!(got[3], Piece::Placeholder { name: "slot", offset: 15 });
    }

    #[test]
    fn index_is_the_part_digit_and_missing_values_are_marked() {
        struct Out([u8; 32], usize);
        impl fmt::Write for Out {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.0[self.1..self.1 + s.len()].copy_from_slice(s.as_bytes());
                self.1 += s.len();
                Ok(())
            }
        }
        let fill = Fill { index: Some(12), ..Fill::default() };
        let mut out = Out([0; 32], 0);
        fmt::Write::write_fmt(&mut out, format_args!("{}", Filled::new("motor {index}, AMS {ams}", fill))).unwrap();
        assert_eq!(&out.0[..out.1], b"motor 12, AMS ?");
    }

    #[test]
    fn doubled_braces_are_literal() {
        let mut it = pieces("a {{b}} {slot}");
        assert_eq!(it.next(), Some(Piece::Literal("a ")));
        assert_eq!(it.next(), Some(Piece::Literal("{")));
        assert_eq!(it.next(), Some(Piece::Literal("b")));
        assert_eq!(it.next(), Some(Piece::Literal("}")));
        assert_eq!(it.next(), Some(Piece::Literal(" ")));
        assert_eq!(it.next(), Some(Piece::Placeholder { name: "slot", offset: 8 }));
    }

    #[test]
    fn stray_braces_are_reported_not_lost() {
        let mut it = pieces("a { b } c {");
        assert_eq!(it.next(), Some(Piece::Literal("a ")));
        assert_eq!(it.next(), Some(Piece::Placeholder { name: " b ", offset: 2 }));
        assert_eq!(it.next(), Some(Piece::Literal(" c ")));
        assert_eq!(it.next(), Some(Piece::Unbalanced { offset: 10 }));
        assert_eq!(it.next(), None);
    }
}
