//! Placeholders in catalog texts: `{ams}` (the AMS unit letter), `{slot}` (the AMS slot
//! number), `{index}` (the number in the part byte's low digit, from 1: the slot, motor or
//! channel a code names), `{rack}` (the hotend rack position), `{side}` / `{Side}` (`left` or
//! `right`, `Left` or `Right`) and `{unit}` (`AMS Lite B`), filled from the reported code so
//! one entry covers a whole family of codes. `{{` and `}}` write a literal brace.
//!
//! **Unstable**: an implementation detail of the `hms` crates, hidden from the documentation;
//! it may change in any release.
//!
//! ```
//! use hms_core::placeholder::{Fill, Filled};
//! let fill = Fill { unit: Some(1), slot: Some(3), index: Some(3), ..Fill::default() };
//! let text = Filled::new("AMS {ams} slot {slot} is empty", fill);
//! assert_eq!(text.to_string(), "AMS B slot 3 is empty");
//! ```

use core::fmt;

use crate::packed::{self, MARKERS, PackedText};
pub use crate::side::Side;
pub use crate::template::{Piece, Pieces, pieces};
use crate::{AnyCode, ModuleFacts, PartLayout, PartNumbers};

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

// Marker byte `MARKERS.start + i` stands for `PLACEHOLDERS[i]`.
const _: () = assert!(
    PLACEHOLDERS.len() == (MARKERS.end - MARKERS.start) as usize,
    "one marker byte for each placeholder: `packed::MARKERS` grows with `PLACEHOLDERS`"
);

/// The placeholder called `name`.
pub fn find(name: &str) -> Option<&'static Placeholder> {
    PLACEHOLDERS.iter().find(|p| p.name == name)
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
    /// Hotend rack position (1-6 on the hotend rack), for a code of a module whose part digits
    /// number rack positions.
    pub rack: Option<u8>,
    /// The side, for a code of module number `0xFE`/`0xFF` or one the catalog gives a side.
    pub side: Option<Side>,
    /// The abbreviation of the code's module when its units are lettered (`AMS Lite`), for
    /// `{unit}` with [`unit`](Self::unit).
    pub abbr: Option<&'static str>,
    /// For a family shown as a whole rather than one code of it (see [`whole`](Self::whole)):
    /// its `varies` bits. A value that varies is written as its range (`A-Z`, `1-4`, `1-6`);
    /// 0 when one code is filled.
    pub family: u8,
    /// What the part digit of the code's module numbers (from catalog.yaml's `parts`), for
    /// writing the range of a family's varying part digit.
    pub parts: Option<PartLayout>,
}

impl Fill {
    /// The values of `code`, as a catalog pattern with these `varies` bits and this `side`
    /// matched it (0 and `None` when no pattern did); `module`: what the catalog says of the
    /// code's module (its abbreviation when its units are lettered, its part layout).
    ///
    /// `{side}` is the pattern's side, else the side the module number names (`0xFE` left,
    /// `0xFF` right).
    ///
    /// `{slot}` is the slot of a slot part `0x20`-`0x23`, and for a family whose part digit
    /// varies (`12xx_8x00_...`) in a module whose part digits number slots, that digit's slot
    /// in any part quad. In a module whose part digits number rack positions, the digit of
    /// every part is `{rack}` and there is no `{slot}`.
    ///
    /// ```
    /// use hms_core::layout::VARIES_SLOT;
    /// use hms_core::placeholder::{Fill, Filled, Side};
    /// use hms_core::{AnyCode, Hms, ModuleFacts, PartLayout, PartNumbers};
    /// let code = |bits| AnyCode::Hms(Hms::from_u64(bits));
    /// let slots = PartLayout::new(PartNumbers::Slots, 0, 3);
    /// let lite = ModuleFacts { abbr: Some("AMS Lite"), parts: slots };
    /// let fill = Fill::of(code(0x1201_8200_0002_0001), VARIES_SLOT, lite, None);
    /// assert_eq!((fill.unit, fill.slot, fill.index, fill.rack), (Some(1), Some(3), Some(3), None));
    /// assert_eq!(Filled::new("{unit} slot {slot}", fill).to_string(), "AMS Lite B slot 3");
    /// assert_eq!(Fill::of(code(0x1201_8200_0002_0001), 0, lite, None).slot, None);
    /// let rack = ModuleFacts { abbr: None, parts: PartLayout::new(PartNumbers::Rack, 1, 6) };
    /// let fill = Fill::of(code(0x1A00_2100_0002_0001), VARIES_SLOT, rack, None);
    /// assert_eq!((fill.rack, fill.slot), (Some(1), None));
    /// let left = Fill::of(code(0x0300_1E00_0001_0001), 0, ModuleFacts::default(), Some(Side::Left));
    /// assert_eq!(Filled::new("{Side} nozzle, {side} side", left).to_string(), "Left nozzle, left side");
    /// assert_eq!(Fill::of(code(0x07FF_2000_0002_0001), 0, ModuleFacts::default(), None).side, Some(Side::Right));
    /// ```
    pub const fn of(code: AnyCode, varies: u8, module: ModuleFacts, side: Option<Side>) -> Fill {
        use crate::layout::VARIES_SLOT;
        let module_number = code.module_number();
        let lettered = module.abbr.is_some() && crate::unit_letter(module_number).is_some();
        let unit = if lettered { Some(module_number) } else { None };
        let abbr = if lettered { module.abbr } else { None };
        let side = match side {
            Some(side) => Some(side),
            None => Side::of_module_number(module_number),
        };
        let parts = module.parts;
        let AnyCode::Hms(hms) = code else {
            return Fill { unit, slot: None, index: None, rack: None, side, abbr, family: 0, parts };
        };
        let digit = hms.part() & 0xF;
        let (slot, rack) = match parts {
            // A module that numbers rack positions by the part digit (`{rack}`), even in parts
            // `0x21`-`0x26` that elsewhere are AMS slot parts.
            Some(layout) if matches!(layout.numbers(), PartNumbers::Rack) => (None, layout.number(digit)),
            Some(layout) => match hms.slot() {
                Some(slot) => (Some(slot), None),
                None if varies & VARIES_SLOT != 0 => (layout.number(digit), None),
                None => (None, None),
            },
            None => (hms.slot(), None),
        };
        Fill { unit, slot, index: Some(digit + 1), rack, side, abbr, family: 0, parts }
    }

    /// The values of a whole family, for showing it as one line: what does not vary is filled
    /// as [`of`](Self::of) fills it for `key` (the family's first key, varying digits zero),
    /// and what varies is written as its range: `{ams}` `A-Z`, `{unit}` `AMS A-Z`, `{slot}`
    /// `1-4`, `{rack}` `1-6`, `{index}` the open digits plus one (`1-4`; on the hotend rack
    /// `2-7`). An exact code (`varies` 0) is filled as by [`of`](Self::of).
    ///
    /// ```
    /// use hms_core::layout::{VARIES_SLOT, VARIES_UNIT};
    /// use hms_core::placeholder::{Fill, Filled};
    /// use hms_core::{AnyCode, Hms, ModuleFacts, PartLayout, PartNumbers};
    /// let key = AnyCode::Hms(Hms::from_u64(0x0700_2000_0002_0001));
    /// let ams = ModuleFacts { abbr: Some("AMS"), parts: PartLayout::new(PartNumbers::Slots, 0, 3) };
    /// let fill = Fill::whole(key, VARIES_UNIT | VARIES_SLOT, ams, None);
    /// assert_eq!(Filled::new("{unit} slot {slot} ran out", fill).to_string(), "AMS A-Z slot 1-4 ran out");
    /// let rack = ModuleFacts { abbr: None, parts: PartLayout::new(PartNumbers::Rack, 1, 6) };
    /// let fill = Fill::whole(AnyCode::Hms(Hms::from_u64(0x1A00_2000_0002_0001)), VARIES_SLOT, rack, None);
    /// assert_eq!(Filled::new("rack slot {rack}, part {index}", fill).to_string(), "rack slot 1-6, part 2-7");
    /// ```
    pub const fn whole(key: AnyCode, varies: u8, module: ModuleFacts, side: Option<Side>) -> Fill {
        let mut fill = Fill::of(key, varies, module, side);
        fill.family = varies;
        fill
    }

    /// Writes the range of a value that varies across the [`family`](Self::family); `None`
    /// when `source` does not vary.
    fn write_range(&self, source: Source, out: &mut dyn fmt::Write) -> Option<fmt::Result> {
        use crate::layout::{VARIES_SLOT, VARIES_UNIT};
        let (unit, part) = (self.family & VARIES_UNIT != 0, self.family & VARIES_SLOT != 0);
        let (first, last) = (crate::unit_letter(0x00), crate::unit_letter(0x19));
        let parts = self.parts.filter(|_| part);
        let numbers = parts.map(|p| p.numbers());
        Some(match source {
            Source::Unit if unit => write!(out, "{}-{}", first?, last?),
            Source::UnitName if unit => write!(out, "{} {}-{}", self.abbr?, first?, last?),
            Source::Slot if numbers == Some(PartNumbers::Slots) => write!(out, "1-{}", parts?.count()),
            Source::Rack if numbers == Some(PartNumbers::Rack) => write!(out, "1-{}", parts?.count()),
            Source::Index => write!(out, "{}-{}", parts?.first() + 1, parts?.last() + 1),
            _ => return None,
        })
    }

    /// Writes the value of `name`; `?` when the code does not give one.
    pub fn write_value(&self, name: &str, out: &mut dyn fmt::Write) -> fmt::Result {
        let Some(placeholder) = find(name) else { return out.write_char('?') };
        if self.family != 0
            && let Some(result) = self.write_range(placeholder.source, out)
        {
            return result;
        }
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
    Packed(PackedText<'a>),
}

impl<'a> Filled<'a> {
    /// `template` filled from `fill`.
    pub const fn new(template: &'a str, fill: Fill) -> Self {
        Filled { template: Template::Plain(template), fill, as_written: false }
    }

    /// A compressed template (placeholders as markers) filled from `fill`. Unstable: the
    /// compressed form belongs to the table layout.
    #[doc(hidden)]
    pub const fn packed(template: PackedText<'a>, fill: Fill) -> Self {
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

impl PackedText<'_> {
    /// Writes the text, with each placeholder marker replaced by its value from `fill`.
    pub fn write_filled(&self, fill: &Fill, out: &mut dyn fmt::Write) -> fmt::Result {
        self.decode(&mut Writer { out, fill: Some(fill) })
    }

    /// Writes the text as the catalog spells it: each marker as its `{name}`, and each brace
    /// doubled.
    pub fn write_template(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        self.decode(&mut Writer { out, fill: None })
    }
}

/// A decoded text on its way out: filled from `fill`, or as written when there is none.
struct Writer<'a, 'b> {
    out: &'a mut dyn fmt::Write,
    fill: Option<&'b Fill>,
}

impl packed::Sink for Writer<'_, '_> {
    fn text(&mut self, text: &str) -> fmt::Result {
        if self.fill.is_some() {
            return self.out.write_str(text);
        }
        let mut rest = text;
        while let Some(i) = rest.find(['{', '}']) {
            // The text up to the brace, and the brace again.
            self.out.write_str(&rest[..=i])?;
            self.out.write_str(&rest[i..=i])?;
            rest = &rest[i + 1..];
        }
        self.out.write_str(rest)
    }

    fn marker(&mut self, i: usize) -> fmt::Result {
        let Some(placeholder) = PLACEHOLDERS.get(i) else { return self.out.write_char('?') };
        match self.fill {
            Some(fill) => fill.write_value(placeholder.name, self.out),
            None => write!(self.out, "{{{}}}", placeholder.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_packed_text_is_filled_or_written_as_the_catalog_spells_it() {
        use std::string::ToString;
        // Pair 256 = "AM"; text: 256 "S " marker(ams) " {é}".
        let (mut pairs, mut stream) = (std::vec::Vec::new(), std::vec::Vec::new());
        crate::packed::pack([b'A' as u16, b'M' as u16], &mut pairs);
        let text =
            [256, b'S' as u16, b' ' as u16, MARKERS.start as u16, b' ' as u16, b'{' as u16, 0xC3, 0xA9, b'}' as u16];
        crate::packed::pack(text, &mut stream);
        let t = PackedText { pairs: &pairs, stream: &stream, start: 0, end: text.len() as u32 };
        let fill = Fill { unit: Some(2), ..Fill::default() };
        assert_eq!(Filled::packed(t, fill).to_string(), "AMS C {é}");
        assert_eq!(Filled::packed(t, fill).as_written().to_string(), "AMS {ams} {{é}}");
        assert_eq!(Filled::packed(t, Fill::default()).to_string(), "AMS ? {é}");
    }
}
