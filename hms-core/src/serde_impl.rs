//! `serde` support (feature `serde`): a code is its spelled string in human-readable formats
//! (`"0700_2000_0002_0003"`, `"0300-400C"`) and its bits in compact ones (postcard, bincode).
//! Reading accepts every spelling [`Hms::parse`] and [`PrintError::parse`] accept. An
//! [`AnyCode`] is the spelling of its channel in every format, read back by its length.

use core::fmt::{self, Write};
use core::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::{AnyCode, Hms, PrintError};

/// A spelled code on the stack: the longest spelling, `HMS_` and 19 characters, fits.
struct Spelled {
    bytes: [u8; 24],
    len: usize,
}

impl Spelled {
    fn of(code: impl fmt::Display) -> Spelled {
        let mut out = Spelled { bytes: [0; 24], len: 0 };
        // Cannot fail: every spelling is ASCII and shorter than the buffer.
        let _ = write!(out, "{code}");
        out
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl Write for Spelled {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// The code types `serde` reads and writes, with their channel's integer.
trait ChannelCode: Sized + Copy + fmt::Display {
    const EXPECTING: &'static str;
    fn parse(s: &str) -> Result<Self, crate::ParseError>;
    fn from_bits(bits: u64) -> Option<Self>;
}

impl ChannelCode for Hms {
    const EXPECTING: &'static str = "an HMS code such as \"0700_2000_0002_0003\", or its 64 bits";
    fn parse(s: &str) -> Result<Self, crate::ParseError> {
        Hms::parse(s)
    }
    fn from_bits(bits: u64) -> Option<Self> {
        Some(Hms::from_u64(bits))
    }
}

impl ChannelCode for PrintError {
    const EXPECTING: &'static str = "a print_error code such as \"0300-400C\", or its 32 bits";
    fn parse(s: &str) -> Result<Self, crate::ParseError> {
        PrintError::parse(s)
    }
    fn from_bits(bits: u64) -> Option<Self> {
        u32::try_from(bits).ok().map(PrintError::from_u32)
    }
}

struct CodeVisitor<T>(PhantomData<T>);

impl<T: ChannelCode> Visitor<'_> for CodeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        T::parse(s).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, bits: u64) -> Result<T, E> {
        T::from_bits(bits).ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(bits), &self))
    }
}

impl Serialize for Hms {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(Spelled::of(self).as_str())
        } else {
            serializer.serialize_u64(self.to_u64())
        }
    }
}

impl<'de> Deserialize<'de> for Hms {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(CodeVisitor(PhantomData))
        } else {
            deserializer.deserialize_u64(CodeVisitor(PhantomData))
        }
    }
}

impl Serialize for PrintError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(Spelled::of(self).as_str())
        } else {
            serializer.serialize_u32(self.to_u32())
        }
    }
}

impl<'de> Deserialize<'de> for PrintError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(CodeVisitor(PhantomData))
        } else {
            deserializer.deserialize_u32(CodeVisitor(PhantomData))
        }
    }
}

impl Serialize for AnyCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Both channels as strings, in every format: the spelling's length tells them apart.
        match self {
            AnyCode::Hms(h) => serializer.collect_str(&h.spelled(crate::Spelling::Underscore)),
            AnyCode::PrintError(e) => serializer.collect_str(&e.spelled(crate::Spelling::Dash)),
        }
    }
}

impl<'de> Deserialize<'de> for AnyCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnyCodeVisitor;
        impl Visitor<'_> for AnyCodeVisitor {
            type Value = AnyCode;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an HMS code (\"0700_2000_0002_0003\") or a print_error code (\"0300-400C\")")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<AnyCode, E> {
                AnyCode::parse(s).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(AnyCodeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_test::{Configure, Token, assert_de_tokens, assert_de_tokens_error, assert_tokens};

    #[test]
    fn hms_is_its_spelling_in_readable_formats_and_its_bits_in_compact_ones() {
        let hms = Hms::from_mqtt(0x0700_2000, 0x0002_0003);
        assert_tokens(&hms.readable(), &[Token::Str("0700_2000_0002_0003")]);
        assert_tokens(&hms.compact(), &[Token::U64(0x0700_2000_0002_0003)]);
        assert_eq!(serde_json::to_string(&hms).unwrap(), "\"0700_2000_0002_0003\"");
        assert_eq!(serde_json::from_str::<Hms>("\"0700_2000_0002_0003\"").unwrap(), hms);
    }

    #[test]
    fn print_error_is_its_dashed_spelling() {
        let e = PrintError::from_u32(0x0300_400C);
        assert_tokens(&e.readable(), &[Token::Str("0300-400C")]);
        assert_tokens(&e.compact(), &[Token::U32(0x0300_400C)]);
        assert_eq!(serde_json::from_str::<PrintError>("\"0300_400c\"").unwrap(), e);
    }

    #[test]
    fn every_pasted_spelling_reads_back() {
        let hms = Hms::from_u64(0x0700_2000_0002_0003);
        assert_de_tokens(&hms.readable(), &[Token::Str("HMS_0700-2000-0002-0003")]);
        assert_de_tokens(&hms.readable(), &[Token::Str("0700200000020003")]);
    }

    #[test]
    fn malformed_codes_are_errors_that_say_why() {
        assert_de_tokens_error::<serde_test::Readable<Hms>>(
            &[Token::Str("0300-400C")],
            "found 8 hex digits, expected 16 (an HMS code, like 0700_2000_0002_0003)",
        );
        let too_big = serde_json::from_str::<serde_test::Compact<PrintError>>("4294967296");
        assert!(too_big.is_err());
    }

    #[test]
    fn any_code_is_the_spelling_of_its_channel_in_every_format() {
        let hms = AnyCode::Hms(Hms::from_u64(0x0700_2000_0002_0003));
        let error = AnyCode::PrintError(PrintError::from_u32(0x0300_400C));
        assert_tokens(&hms.readable(), &[Token::Str("0700_2000_0002_0003")]);
        assert_tokens(&hms.compact(), &[Token::Str("0700_2000_0002_0003")]);
        assert_tokens(&error.readable(), &[Token::Str("0300-400C")]);
        assert_tokens(&error.compact(), &[Token::Str("0300-400C")]);
        assert_de_tokens(&hms.readable(), &[Token::Str("HMS_0700-2000-0002-0003")]);
        assert_eq!(serde_json::from_str::<AnyCode>("\"0300_400c\"").unwrap(), error);
        assert!(serde_json::from_str::<AnyCode>("\"0700_20\"").is_err());
    }
}
