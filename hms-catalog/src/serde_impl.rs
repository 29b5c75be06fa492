//! `serde` support (feature `serde`). Codes are their spelled strings (`Hms`, `PrintError`,
//! `AnyCode`: see hms-core; an `AnyCode` is the spelling of its channel, read back by its
//! length).
//! [`Level`] and [`Module`] are their names in human-readable formats and their numbers in
//! compact ones; [`Model`], [`Code`] and [`Lang`] are their names everywhere.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::{Code, Lang, Level, Model, Module};

/// A type read from its name, or (in compact formats) from its number.
trait Named: Sized + Copy {
    const EXPECTING: &'static str;
    fn from_name(name: &str) -> Option<Self>;
    fn from_number(_: u64) -> Option<Self> {
        None
    }
}

struct NamedVisitor<T>(PhantomData<T>);

impl<T: Named> Visitor<'_> for NamedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        T::from_name(s).ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<T, E> {
        T::from_number(n).ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(n), &self))
    }
}

fn deserialize_named<'de, T: Named, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_str(NamedVisitor(PhantomData))
}

fn deserialize_numbered<'de, T: Named, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    if deserializer.is_human_readable() {
        deserializer.deserialize_str(NamedVisitor(PhantomData))
    } else {
        deserializer.deserialize_u64(NamedVisitor(PhantomData))
    }
}

impl Named for Level {
    const EXPECTING: &'static str = "a level name such as \"error\", or its number";
    fn from_name(name: &str) -> Option<Self> {
        Level::ALL.iter().copied().find(|l| l.name().eq_ignore_ascii_case(name))
    }
    fn from_number(n: u64) -> Option<Self> {
        u16::try_from(n).ok().and_then(Level::from_id)
    }
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(self.name())
        } else {
            serializer.serialize_u16(self.id())
        }
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_numbered(deserializer)
    }
}

impl Named for Module {
    const EXPECTING: &'static str = "a module name or abbreviation such as \"AMS\", or its id";
    fn from_name(name: &str) -> Option<Self> {
        let is = |s: &str| s.eq_ignore_ascii_case(name);
        Module::ALL.iter().copied().find(|m| is(m.name()) || is(m.abbr()))
    }
    fn from_number(n: u64) -> Option<Self> {
        u8::try_from(n).ok().and_then(Module::from_id)
    }
}

impl Serialize for Module {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(self.name())
        } else {
            serializer.serialize_u8(self.id())
        }
    }
}

impl<'de> Deserialize<'de> for Module {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_numbered(deserializer)
    }
}

impl Named for Model {
    const EXPECTING: &'static str = "a printer model name or id such as \"H2D Pro\"";
    fn from_name(name: &str) -> Option<Self> {
        name.parse().ok()
    }
}

impl Serialize for Model {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Model {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_named(deserializer)
    }
}

impl Named for Code {
    const EXPECTING: &'static str = "the name of a catalog entry such as \"AmsAssistMotorSpeed\"";
    fn from_name(name: &str) -> Option<Self> {
        Code::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_named(deserializer)
    }
}

impl Named for Lang {
    const EXPECTING: &'static str = "a language: \"en\", \"de\" or \"zh-cn\"";
    fn from_name(name: &str) -> Option<Self> {
        name.parse().ok()
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_named(deserializer)
    }
}
