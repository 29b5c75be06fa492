//! `defmt` support (feature `defmt`): every value goes over the wire as a number, never as a
//! string, so logging a code costs a few bytes and no catalog text is linked in for it. The
//! code types (`Hms`, `PrintError`, `AnyCode`) have theirs in hms-core.

use crate::{Code, Level, Model, Module};

impl defmt::Format for Level {
    /// `Level(1)`: the level number (1 error, 2 warning, 3 info).
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "Level({=u16})", self.id())
    }
}

impl defmt::Format for Module {
    /// `Module(07)`: the module id, the first byte of a code.
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "Module({=u8:02X})", self.id())
    }
}

impl defmt::Format for Model {
    /// `Model(7)`: the model's position in `Model::ALL`.
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "Model({=u8})", self.bit())
    }
}

impl defmt::Format for Code {
    /// `Code(0700_0100_0001_0004)`: the key of its entry (unit A and slot 1 for a family).
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "Code({})", self.entry().key())
    }
}
