//! Placeholders in catalog texts: `{ams}` (the AMS unit letter), `{slot}` (the AMS slot
//! number), `{index}` (the number in the part byte's low digit, from 1: the slot, motor or
//! channel a code names) and `{rack}` (the hotend rack position), filled from the reported
//! code so one entry covers a whole family of codes. `{{` and `}}` write a literal brace.
//!
//! ```
//! use hms_core::placeholder::{Fill, Filled};
//! let fill = Fill { unit: Some(1), slot: Some(3), index: Some(3), rack: None };
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
}

/// A placeholder a catalog text may use.
#[derive(Clone, Copy, Debug)]
pub struct Placeholder {
    /// Its name between braces.
    pub name: &'static str,
    /// Where its value comes from.
    pub source: Source,
}

/// Every placeholder.
pub const PLACEHOLDERS: &[Placeholder] = &[
    Placeholder { name: "ams", source: Source::Unit },
    Placeholder { name: "slot", source: Source::Slot },
    Placeholder { name: "index", source: Source::Index },
    Placeholder { name: "rack", source: Source::Rack },
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
}

impl Fill {
    /// The values of a code of `channel` ([`CHANNEL_HMS`](crate::layout::CHANNEL_HMS) or
    /// `CHANNEL_PRINT_ERROR`), as a catalog pattern with these `varies` bits matched it (0 when
    /// no pattern did); `lettered`: whether its module's units are lettered.
    ///
    /// `{slot}` is the slot of a slot part `0x20`-`0x23`, and for a family whose part digit
    /// varies (`12xx_8x00_...`), that digit plus one in any part quad, but not on the hotend
    /// rack, whose part digit is `{rack}`.
    ///
    /// ```
    /// use hms_core::layout::{CHANNEL_HMS, VARIES_SLOT};
    /// use hms_core::placeholder::Fill;
    /// let fill = Fill::of(CHANNEL_HMS, 0x1201_8200_0002_0001, VARIES_SLOT, true);
    /// assert_eq!((fill.unit, fill.slot, fill.index, fill.rack), (Some(1), Some(3), Some(3), None));
    /// assert_eq!(Fill::of(CHANNEL_HMS, 0x1201_8200_0002_0001, 0, true).slot, None);
    /// assert_eq!(Fill::of(CHANNEL_HMS, 0x1A00_2500_0002_0001, VARIES_SLOT, false).rack, Some(5));
    /// ```
    pub const fn of(channel: u8, code: u64, varies: u8, lettered: bool) -> Fill {
        use crate::layout::{CHANNEL_HMS, RACK_MODULE, VARIES_SLOT};
        let module_number = if channel == CHANNEL_HMS { (code >> 48) as u8 } else { (code >> 16) as u8 };
        let unit = if lettered && crate::unit_letter(module_number).is_some() { Some(module_number) } else { None };
        if channel != CHANNEL_HMS {
            return Fill { unit, slot: None, index: None, rack: None };
        }
        let hms = crate::Hms::from_u64(code);
        let digit = hms.part() & 0xF;
        let rack_code = hms.module_id() == RACK_MODULE;
        let slot = match hms.slot() {
            Some(slot) => Some(slot),
            None if varies & VARIES_SLOT != 0 && !rack_code && digit <= 3 => Some(digit + 1),
            None => None,
        };
        let rack = if rack_code && digit >= 1 && digit <= 6 { Some(digit) } else { None };
        Fill { unit, slot, index: Some(digit + 1), rack }
    }

    /// Writes the value of `name`; `?` when the code does not give one.
    pub fn write_value(&self, name: &str, out: &mut dyn fmt::Write) -> fmt::Result {
        let number = match find(name).map(|p| p.source) {
            Some(Source::Unit) => match self.unit.and_then(crate::unit_letter) {
                Some(letter) => return out.write_char(letter),
                None => None,
            },
            Some(Source::Slot) => self.slot,
            Some(Source::Index) => self.index,
            Some(Source::Rack) => self.rack,
            None => None,
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
}

#[derive(Clone, Copy, Debug)]
enum Template<'a> {
    Plain(&'a str),
    Packed(crate::packed::PackedText<'a>),
}

impl<'a> Filled<'a> {
    /// `template` filled from `fill`.
    pub const fn new(template: &'a str, fill: Fill) -> Self {
        Filled { template: Template::Plain(template), fill }
    }

    /// A compressed template (placeholders as markers) filled from `fill`.
    pub const fn packed(template: crate::packed::PackedText<'a>, fill: Fill) -> Self {
        Filled { template: Template::Packed(template), fill }
    }

    /// The template as written in the catalog; `None` for a compressed official text.
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
            Template::Plain(t) => t,
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
        let fill = Fill { unit: None, slot: None, index: Some(12), rack: None };
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
