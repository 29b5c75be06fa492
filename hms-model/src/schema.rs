//! The YAML schema: what each section of catalog.yaml holds, as written, and what each field
//! takes (checked by [`crate::fit`] before serde_yaml reads an item).

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::fit::{self, Fields, Misfit, Shape, Unfit, Word};
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

/// What a module's part digit numbers: `slots` (AMS slots) or `rack` (rack positions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawNumbers {
    Slots,
    Rack,
}

impl Word for RawNumbers {
    const WORDS: &'static [&'static str] = &["slots", "rack"];
}

impl Shape for RawNumbers {
    fn expected() -> String {
        fit::word_expected::<Self>()
    }
    fn plural() -> String {
        format!("words ({})", fit::word_expected::<Self>())
    }
    fn fit(value: &Value) -> Result<(), Unfit> {
        fit::fit_word::<Self>(value)
    }
}

/// An item of a section: a struct read from a mapping, whose fields it knows by name.
pub trait Item: Fields + Shape + DeserializeOwned {}

impl<T: Fields + Shape + DeserializeOwned> Item for T {}

/// Schema structs, each read from a mapping: serde reads them, refusing unknown fields, and
/// [`Fields`] knows their fields, named as serde names them (no field is renamed), and what
/// each takes. `field: Type = default` is a field that may be left out and reads as its
/// type's default; an `Option` field may be left out too.
macro_rules! items {
    ($($(#[$meta:meta])* pub struct $name:ident as $what:literal {
        $($(#[$field_meta:meta])* pub $field:ident: $ty:ty $(= $default:ident)?,)*
    })*) => {$(
        $(#[$meta])*
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$field_meta])* $(#[serde($default)])? pub $field: $ty,)*
        }

        impl Fields for $name {
            const WHAT: &'static str = $what;
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn required(name: &str) -> bool {
                match name {
                    $(stringify!($field) => !(<$ty as Shape>::OPTIONAL $(|| stringify!($default) == "default")?),)*
                    _ => false,
                }
            }

            fn fit_field(name: &str, value: &Value) -> Option<Result<(), Unfit>> {
                match name {
                    $(stringify!($field) => Some(<$ty as Shape>::fit(value)),)*
                    _ => None,
                }
            }
        }

        impl Shape for $name {
            fn expected() -> String {
                format!("a mapping of {}", Self::FIELDS.join(", "))
            }
            fn plural() -> String {
                format!("mappings of {}", Self::FIELDS.join(", "))
            }
            fn fit(value: &Value) -> Result<(), Unfit> {
                fit::fit_fields::<Self>(value)
            }
        }
    )*};
}

items! {
    /// A module's `parts`: what its part digit numbers, and which digits (`0-3`).
    pub struct RawParts as "a module's `parts`" {
        pub numbers: RawNumbers,
        pub digits: String,
    }

    pub struct RawModule as "a module" {
        /// Read from the span index as written; here only to accept the key.
        #[allow(dead_code)]
        pub id: Value,
        pub abbr: String,
        pub name: String,
        pub variant: Option<String>,
        pub lettered: bool = default,
        pub parts: Option<RawParts>,
        pub unit_words: Vec<String> = default,
    }

    pub struct RawModel as "a model" {
        pub id: String,
        #[allow(dead_code)]
        pub prefix: Option<Value>,
        pub name: String,
        pub variant: Option<String>,
    }

    pub struct RawLevel as "a level" {
        #[allow(dead_code)]
        pub id: Value,
        pub variant: String,
        pub name: String,
        pub meaning: String,
        pub alert: Option<String>,
    }

    pub struct RawProcedure as "a procedure" {
        pub name: String,
        pub title: String,
        pub steps: Vec<String>,
        pub parts: Vec<String> = default,
        pub support: Option<String>,
    }

    pub struct RawCode as "a code entry" {
        #[allow(dead_code)]
        pub code: Value,
        pub variant: Option<String>,
        pub title: String,
        pub meaning: String,
        pub causes: Vec<String> = default,
        pub procedure: Option<String>,
        pub steps: Option<Vec<String>>,
        pub parts: Vec<String> = default,
        pub support: Option<String>,
        pub note: Option<String>,
        pub see_also: Option<String>,
        pub alert: Option<String>,
    }
}

/// Reads `item` as a `T`: when it does not fit, what is wrong and where, found in the item
/// itself key by key in the order written (see [`fit::fit_fields`]).
pub fn read_item<T: Item>(item: &Value) -> Result<T, Unfit> {
    T::fit(item)?;
    // What fits, serde reads (a test holds the two together); should it still refuse, the
    // item is named as unreadable, never in serde's words.
    serde_yaml::from_value::<T>(item.clone())
        .map_err(|_| Unfit { at: Vec::new(), misfit: Misfit::Unread { what: T::WHAT } })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::de::{self, Deserializer, Visitor};

    use super::*;
    use crate::fit::Step;

    /// The names serde's derive hands a deserializer for `T`: a struct's fields, an enum's
    /// variants.
    fn serde_names<T: DeserializeOwned>() -> &'static [&'static str] {
        struct Names(&'static [&'static str]);
        impl<'de> Deserializer<'de> for &mut Names {
            type Error = de::value::Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(de::Error::custom("neither a struct nor an enum"))
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
            fn deserialize_enum<V: Visitor<'de>>(
                self,
                _: &'static str,
                variants: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                self.0 = variants;
                Err(de::Error::custom("variants taken"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
                option unit unit_struct newtype_struct seq tuple tuple_struct map identifier
                ignored_any
            }
        }
        let mut names = Names(&[]);
        let _ = T::deserialize(&mut names);
        names.0
    }

    #[test]
    fn each_item_knows_the_fields_serde_reads() {
        assert_eq!(RawModule::FIELDS, serde_names::<RawModule>());
        assert_eq!(RawModel::FIELDS, serde_names::<RawModel>());
        assert_eq!(RawLevel::FIELDS, serde_names::<RawLevel>());
        assert_eq!(RawProcedure::FIELDS, serde_names::<RawProcedure>());
        assert_eq!(RawCode::FIELDS, serde_names::<RawCode>());
    }

    #[test]
    fn each_word_type_knows_the_words_serde_reads() {
        assert_eq!(RawNumbers::WORDS, serde_names::<RawNumbers>());
    }

    fn unfit<T: Item>(yaml: &str) -> Unfit {
        let item: Value = serde_yaml::from_str(yaml).unwrap();
        read_item::<T>(&item).err().unwrap()
    }

    fn field(name: &str) -> Step {
        Step::Field(name.to_owned())
    }

    fn wrong(expected: &str, found: &str) -> Misfit {
        Misfit::Wrong { expected: expected.to_owned(), found: found.to_owned() }
    }

    #[test]
    fn the_misfit_is_found_in_the_item_and_described_from_the_schema() {
        // `id` takes any value, so the integer 3 there is no fault; `lettered` is.
        assert_eq!(
            unfit::<RawModule>("{ id: 3, abbr: A, name: B, lettered: 3 }"),
            Unfit { at: vec![field("lettered")], misfit: wrong("`true` or `false`", "the number 3") }
        );
        // A key spelled like a message is a key like any other.
        assert_eq!(
            unfit::<RawModule>("{ id: 1, \"invalid type: integer\": 1, abbr: 3 }").misfit,
            Misfit::UnknownField { key: "invalid type: integer".into(), fields: RawModule::FIELDS }
        );
        assert_eq!(
            unfit::<RawModule>("{ id: 1, 7: x }").misfit,
            Misfit::UnknownField { key: "7".into(), fields: RawModule::FIELDS }
        );
        // Keys are read in order: the first fault is the one reported.
        assert_eq!(unfit::<RawModule>("{ abbr: [x], foo: 1 }").at, [field("abbr")]);
        assert_eq!(
            unfit::<RawModule>("{ id: 1, abbr: A }").misfit,
            Misfit::Missing { field: "name", what: "a module", required: vec!["id", "abbr", "name"] }
        );
        assert_eq!(
            unfit::<RawCode>("{ code: 1, title: t, meaning: m, causes: [a, {b: c}] }"),
            Unfit { at: vec![field("causes"), Step::Index(1)], misfit: wrong("a text", "a mapping") }
        );
        assert_eq!(
            unfit::<RawCode>("{ code: 1, title: t, meaning: m, causes: one cause }"),
            Unfit { at: vec![field("causes")], misfit: wrong("a list of texts", "the text \"one cause\"") }
        );
        assert_eq!(
            unfit::<RawModule>("{ id: 1, abbr: A, name: B, parts: { numbers: shelves, digits: 0-3 } }"),
            Unfit { at: vec![field("parts"), field("numbers")], misfit: wrong("one of: slots, rack", "`shelves`") }
        );
        assert_eq!(
            unfit::<RawModule>("{ id: 1, abbr: A, name: B, parts: { numbers: rack } }"),
            Unfit {
                at: vec![field("parts")],
                misfit: Misfit::Missing {
                    field: "digits",
                    what: "a module's `parts`",
                    required: vec!["numbers", "digits"]
                }
            }
        );
        assert_eq!(unfit::<RawLevel>("[1]").misfit, wrong("a mapping of id, variant, name, meaning, alert", "a list"));
    }

    /// A YAML value of any kind, a few levels deep, with keys a schema struct has and some it
    /// has not, and the words an enum reads.
    fn any_value(keys: &'static [&'static str]) -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-2i64..300).prop_map(Value::from),
            prop::sample::select(vec!["x", "slots", "rack", "0-3", ""]).prop_map(Value::from),
        ];
        let mut names: Vec<&'static str> = keys.to_vec();
        names.extend(["numbers", "digits", "other"]);
        leaf.prop_recursive(3, 24, 6, move |inner| {
            let names = names.clone();
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Sequence),
                prop::collection::vec((prop::sample::select(names), inner), 0..8).prop_map(|fields| {
                    Value::Mapping(fields.into_iter().map(|(k, v)| (Value::from(k), v)).collect())
                }),
            ]
        })
    }

    fn fits_as_serde_reads<T: Item>(value: &Value) -> Result<(), TestCaseError> {
        let fits = T::fit(value);
        let read = serde_yaml::from_value::<T>(value.clone());
        prop_assert_eq!(fits.is_ok(), read.is_ok(), "{:?}: fit {:?}", value, fits);
        Ok(())
    }

    proptest! {
        #[test]
        fn what_fits_is_what_serde_reads(
            module in any_value(RawModule::FIELDS),
            code in any_value(RawCode::FIELDS),
            procedure in any_value(RawProcedure::FIELDS),
            level in any_value(RawLevel::FIELDS),
            model in any_value(RawModel::FIELDS),
        ) {
            fits_as_serde_reads::<RawModule>(&module)?;
            fits_as_serde_reads::<RawCode>(&code)?;
            fits_as_serde_reads::<RawProcedure>(&procedure)?;
            fits_as_serde_reads::<RawLevel>(&level)?;
            fits_as_serde_reads::<RawModel>(&model)?;
        }
    }
}
