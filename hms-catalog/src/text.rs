//! [`Text`]: a catalog or official text, filled for one code and written through `core::fmt`.

use core::fmt;

use hms_core::packed::PackedText;
use hms_core::placeholder::{Fill, Filled};

/// A text of the catalog or of Bambu's lists, its placeholders (`{ams}`, `{slot}`...) filled
/// for one code. Texts are stored compressed and decoded as they are written, so a `Text` is
/// written with `Display` (`to_string()`, `write!`) rather than read as a `&str`; writing it
/// needs no allocation.
///
/// ```
/// use hms_catalog::{lookup, Hms};
/// let title = lookup(Hms::from_mqtt(0x0701_0100, 0x0001_0004)).title().unwrap();
/// assert_eq!(title.to_string(), "AMS B assist motor does not keep its commanded speed");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Text(Filled<'static>);

impl Text {
    /// A compressed text filled from `fill`.
    pub(crate) const fn filled(text: PackedText<'static>, fill: Fill) -> Text {
        Text(Filled::packed(text, fill))
    }

    /// A compressed text as the catalog writes it: placeholders as `{name}`, literal braces
    /// doubled.
    pub(crate) fn as_written(text: PackedText<'static>) -> Text {
        Text(Filled::packed(text, Fill::default()).as_written())
    }

    /// The same text unfilled, as the catalog writes it.
    pub(crate) const fn unfilled(self) -> Text {
        Text(self.0.as_written())
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
