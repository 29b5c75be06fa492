//! The YAML schema: what each section of catalog.yaml holds, as written, and which field of
//! an item is at fault when the item does not fit.

use serde::Deserialize;
use serde::de::{DeserializeOwned, Error as _};
use serde_yaml::Value;

use crate::spans::Spans;

/// The schema version this crate reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The sections of the file, each item with its path for diagnostics.
pub struct Raw {
    /// Every file's nodes: the catalog's at their paths, the `n`th included file's under `~n`.
    pub spans: Spans,
    /// The included files read, as written in `include`.
    pub includes: Vec<String>,
    pub modules: Vec<(String, RawModule)>,
    pub models: Vec<(String, RawModel)>,
    pub levels: Vec<(String, RawLevel)>,
    pub procedures: Vec<(String, RawProcedure)>,
    pub codes: Vec<(String, RawCode)>,
}

/// A module's `parts`: what its part digit numbers, and which digits (`0-3`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParts {
    pub numbers: String,
    pub digits: String,
}

/// An item of a section: a struct read from a mapping, whose fields it knows by name.
pub trait Item: DeserializeOwned {
    /// The fields, by the names the catalog writes (serde's names for them).
    const FIELDS: &'static [&'static str];

    /// Reads `value` as the type of the field called `name`: serde's error when it does not
    /// fit; `None` when there is no such field.
    fn read_field(name: &str, value: &Value) -> Option<Result<(), serde_yaml::Error>>;
}

/// Section item structs: serde reads them, refusing unknown fields, and [`Item`] knows their
/// fields, named as serde names them (no field is renamed).
macro_rules! items {
    ($($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident: $ty:ty,)* })*) => {$(
        $(#[$meta])*
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: $ty,)*
        }

        impl Item for $name {
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn read_field(name: &str, value: &Value) -> Option<Result<(), serde_yaml::Error>> {
                match name {
                    $(stringify!($field) => Some(serde_yaml::from_value::<$ty>(value.clone()).map(drop)),)*
                    _ => None,
                }
            }
        }
    )*};
}

items! {
    pub struct RawModule {
        /// Read from the span index as written; here only to accept the key.
        #[allow(dead_code)]
        pub id: Value,
        pub abbr: String,
        pub name: String,
        pub variant: Option<String>,
        #[serde(default)]
        pub lettered: bool,
        pub parts: Option<RawParts>,
        #[serde(default)]
        pub unit_words: Vec<String>,
    }

    pub struct RawModel {
        pub id: String,
        #[allow(dead_code)]
        pub prefix: Option<Value>,
        pub name: String,
        pub variant: Option<String>,
    }

    pub struct RawLevel {
        #[allow(dead_code)]
        pub id: Value,
        pub variant: String,
        pub name: String,
        pub meaning: String,
        pub alert: Option<String>,
    }

    pub struct RawProcedure {
        pub name: String,
        pub title: String,
        pub steps: Vec<String>,
        #[serde(default)]
        pub parts: Vec<String>,
        pub support: Option<String>,
    }

    pub struct RawCode {
        #[allow(dead_code)]
        pub code: Value,
        pub variant: Option<String>,
        pub title: String,
        pub meaning: String,
        #[serde(default)]
        pub causes: Vec<String>,
        pub procedure: Option<String>,
        pub steps: Option<Vec<String>>,
        #[serde(default)]
        pub parts: Vec<String>,
        pub support: Option<String>,
        pub note: Option<String>,
        pub see_also: Option<String>,
        pub alert: Option<String>,
    }
}

/// What is wrong with an item.
#[derive(Debug, PartialEq, Eq)]
pub enum Fault {
    /// A key that names no field.
    UnknownField(String),
    /// The value of this field does not fit its type.
    Field(String),
    /// The item as a whole: not a mapping, a field missing, a key that is not a string.
    Item,
}

/// Why an item could not be read: the fault, and serde's message for it.
#[derive(Debug)]
pub struct ItemError {
    pub fault: Fault,
    pub message: String,
}

/// Reads `item` as a `T`. When it does not fit, the fault is found in the item itself, key
/// by key in the order serde reads them: the first key that names no field, or the first
/// field whose value does not fit that field's type; else the item as a whole.
pub fn read_item<T: Item>(item: &Value) -> Result<T, ItemError> {
    let whole = match serde_yaml::from_value::<T>(item.clone()) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    let no_fields = serde_yaml::Mapping::new();
    let fields = if let Value::Mapping(fields) = item { fields } else { &no_fields };
    for (key, value) in fields {
        let Some(name) = key.as_str() else { break };
        let (fault, error) = match T::read_field(name, value) {
            None => (Fault::UnknownField(name.to_owned()), serde_yaml::Error::unknown_field(name, T::FIELDS)),
            Some(Err(e)) => (Fault::Field(name.to_owned()), e),
            Some(Ok(())) => continue,
        };
        return Err(ItemError { fault, message: error.to_string() });
    }
    Err(ItemError { fault: Fault::Item, message: whole.to_string() })
}

#[cfg(test)]
mod tests {
    use serde::de::{self, Deserializer, Visitor};

    use super::*;

    /// The field names serde's derive hands a deserializer for `T`.
    fn serde_fields<T: DeserializeOwned>() -> &'static [&'static str] {
        struct Fields(&'static [&'static str]);
        impl<'de> Deserializer<'de> for &mut Fields {
            type Error = de::value::Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(de::Error::custom("not a struct"))
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                self.0 = fields;
                Err(de::Error::custom("fields taken"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
                option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
                ignored_any
            }
        }
        let mut fields = Fields(&[]);
        let _ = T::deserialize(&mut fields);
        fields.0
    }

    #[test]
    fn each_item_knows_the_fields_serde_reads() {
        assert_eq!(RawModule::FIELDS, serde_fields::<RawModule>());
        assert_eq!(RawModel::FIELDS, serde_fields::<RawModel>());
        assert_eq!(RawLevel::FIELDS, serde_fields::<RawLevel>());
        assert_eq!(RawProcedure::FIELDS, serde_fields::<RawProcedure>());
        assert_eq!(RawCode::FIELDS, serde_fields::<RawCode>());
    }

    fn fault(yaml: &str) -> (Fault, String) {
        let item: Value = serde_yaml::from_str(yaml).unwrap();
        let e = read_item::<RawModule>(&item).err().unwrap();
        (e.fault, e.message)
    }

    #[test]
    fn the_fault_is_found_in_the_item_not_in_the_message() {
        // `id` takes any value, so the integer 3 there is no fault; `lettered` is.
        let (at, message) = fault("{ id: 3, abbr: A, name: B, lettered: 3 }");
        assert_eq!(
            (at, message.as_str()),
            (Fault::Field("lettered".into()), "invalid type: integer `3`, expected a boolean")
        );
        // A key with a backtick in it, and one spelled like serde's message.
        assert_eq!(fault("{ id: 1, abbr: A, name: B, \"a`b\": 1 }").0, Fault::UnknownField("a`b".into()));
        let (at, message) = fault("{ id: 1, \"invalid type: integer\": 1, abbr: 3 }");
        assert_eq!(at, Fault::UnknownField("invalid type: integer".into()));
        assert!(
            message.starts_with("unknown field `invalid type: integer`, expected one of `id`, `abbr`"),
            "{message}"
        );
        // Keys are read in order: the first fault is the one reported.
        assert_eq!(fault("{ abbr: [x], foo: 1 }").0, Fault::Field("abbr".into()));
        assert_eq!(fault("{ id: 1, abbr: A }"), (Fault::Item, "missing field `name`".to_owned()));
        assert_eq!(fault("[1]").0, Fault::Item);
    }
}
