//! `defmt` support (feature `defmt`): a code goes over the wire as its bits; the host-side
//! decoder writes it in groups of four hex digits, as [`Display`](core::fmt::Display) does.

use crate::{AnyCode, Hms, PrintError};

impl defmt::Format for Hms {
    fn format(&self, f: defmt::Formatter<'_>) {
        let bits = self.to_u64();
        defmt::write!(
            f,
            "{=u16:04X}_{=u16:04X}_{=u16:04X}_{=u16:04X}",
            (bits >> 48) as u16,
            (bits >> 32) as u16,
            (bits >> 16) as u16,
            bits as u16
        )
    }
}

impl defmt::Format for PrintError {
    fn format(&self, f: defmt::Formatter<'_>) {
        let bits = self.to_u32();
        defmt::write!(f, "{=u16:04X}-{=u16:04X}", (bits >> 16) as u16, bits as u16)
    }
}

impl defmt::Format for AnyCode {
    fn format(&self, f: defmt::Formatter<'_>) {
        match self {
            AnyCode::Hms(h) => defmt::write!(f, "{}", h),
            AnyCode::PrintError(e) => defmt::write!(f, "{}", e),
        }
    }
}
