//! Whether a YAML value has the shape a schema type reads, and when not, what is wrong and
//! where, in the catalog's own words: the field, what it takes, what was found.
//!
//! serde_yaml reads the values once they fit; these checks accept what it accepts (a test
//! holds them together), so its messages never reach a diagnostic.

use serde_yaml::Value;

/// One step down into a value: a field by name, a list item by index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Field(String),
    Index(usize),
}

/// What is wrong with a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Misfit {
    /// A key that names no field of its mapping, as written; `fields` are the mapping's.
    UnknownField { key: String, fields: &'static [&'static str] },
    /// A field that must be written is not; `what` names the mapping, `required` lists every
    /// field it must have.
    Missing { field: &'static str, what: &'static str, required: Vec<&'static str> },
    /// A value of another kind than the one the field takes.
    Wrong { expected: String, found: String },
    /// A value that fits yet serde_yaml did not read; `what` names it.
    Unread { what: &'static str },
}

/// A misfit and where it is, from the value checked down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unfit {
    pub at: Vec<Step>,
    pub misfit: Misfit,
}

impl Unfit {
    fn wrong(expected: String, value: &Value) -> Unfit {
        Unfit { at: Vec::new(), misfit: Misfit::Wrong { expected, found: found(value) } }
    }

    /// The same misfit, one step further from the value checked.
    fn under(mut self, step: Step) -> Unfit {
        self.at.insert(0, step);
        self
    }
}

/// A type a schema field holds: which values fit it, described for messages.
pub trait Shape {
    /// Whether the field may be left out (it reads as nothing).
    const OPTIONAL: bool = false;
    /// What fits, after "must be": `a text`, `a list of texts`.
    fn expected() -> String;
    /// Several of it, after "a list of": `texts`.
    fn plural() -> String;
    /// Whether `value` fits.
    fn fit(value: &Value) -> Result<(), Unfit>;
}

impl Shape for String {
    fn expected() -> String {
        "a text".to_owned()
    }
    fn plural() -> String {
        "texts".to_owned()
    }
    fn fit(value: &Value) -> Result<(), Unfit> {
        match value {
            Value::String(_) => Ok(()),
            _ => Err(Unfit::wrong(Self::expected(), value)),
        }
    }
}

impl Shape for bool {
    fn expected() -> String {
        "`true` or `false`".to_owned()
    }
    fn plural() -> String {
        "`true` or `false` values".to_owned()
    }
    fn fit(value: &Value) -> Result<(), Unfit> {
        match value {
            Value::Bool(_) => Ok(()),
            _ => Err(Unfit::wrong(Self::expected(), value)),
        }
    }
}

/// A field read as written, whatever it holds; the validator checks it.
impl Shape for Value {
    fn expected() -> String {
        "any value".to_owned()
    }
    fn plural() -> String {
        "values".to_owned()
    }
    fn fit(_: &Value) -> Result<(), Unfit> {
        Ok(())
    }
}

/// A list; nothing (`~`, or no value) is an empty list.
impl<T: Shape> Shape for Vec<T> {
    fn expected() -> String {
        format!("a list of {}", T::plural())
    }
    fn plural() -> String {
        format!("lists of {}", T::plural())
    }
    fn fit(value: &Value) -> Result<(), Unfit> {
        match value {
            Value::Null => Ok(()),
            Value::Sequence(items) => {
                items.iter().enumerate().try_for_each(|(i, item)| T::fit(item).map_err(|e| e.under(Step::Index(i))))
            }
            _ => Err(Unfit::wrong(Self::expected(), value)),
        }
    }
}

impl<T: Shape> Shape for Option<T> {
    const OPTIONAL: bool = true;
    fn expected() -> String {
        T::expected()
    }
    fn plural() -> String {
        T::plural()
    }
    fn fit(value: &Value) -> Result<(), Unfit> {
        match value {
            Value::Null => Ok(()),
            _ => T::fit(value),
        }
    }
}

/// A word from a fixed set, read as an enum.
pub trait Word {
    /// The words, as written.
    const WORDS: &'static [&'static str];
}

/// Checks `value` against a [`Word`] type's words.
pub fn fit_word<T: Word>(value: &Value) -> Result<(), Unfit> {
    match value {
        Value::String(s) if T::WORDS.contains(&s.as_str()) => Ok(()),
        Value::String(s) => Err(Unfit {
            at: Vec::new(),
            misfit: Misfit::Wrong { expected: word_expected::<T>(), found: format!("`{}`", shorten(s)) },
        }),
        _ => Err(Unfit::wrong(word_expected::<T>(), value)),
    }
}

pub fn word_expected<T: Word>() -> String {
    format!("one of: {}", T::WORDS.join(", "))
}

/// A mapping read as a struct: its fields, each with what fits it.
pub trait Fields {
    /// What the mapping is, for messages: `a code entry`.
    const WHAT: &'static str;
    /// The fields, as written.
    const FIELDS: &'static [&'static str];
    /// Whether field `name` must be written.
    fn required(name: &str) -> bool;
    /// Whether `value` fits the field called `name`; `None` when there is no such field.
    fn fit_field(name: &str, value: &Value) -> Option<Result<(), Unfit>>;
}

/// Checks `value` against a [`Fields`] type, key by key in the order written: the first key
/// that names no field or whose value does not fit, then the first required field not written.
/// Nothing (`~`, or no value) reads as a mapping without keys.
pub fn fit_fields<T: Fields>(value: &Value) -> Result<(), Unfit> {
    let empty = serde_yaml::Mapping::new();
    let mapping = match value {
        Value::Mapping(mapping) => mapping,
        Value::Null => &empty,
        _ => return Err(Unfit::wrong(format!("a mapping of {}", T::FIELDS.join(", ")), value)),
    };
    for (key, value) in mapping {
        let name = key_text(key);
        let result = match key {
            Value::String(name) => T::fit_field(name, value),
            _ => None,
        };
        match result {
            None => {
                return Err(Unfit { at: Vec::new(), misfit: Misfit::UnknownField { key: name, fields: T::FIELDS } });
            }
            Some(Err(e)) => return Err(e.under(Step::Field(name))),
            Some(Ok(())) => {}
        }
    }
    let required: Vec<&'static str> = T::FIELDS.iter().copied().filter(|f| T::required(f)).collect();
    match required.iter().find(|f| !mapping.contains_key(**f)) {
        Some(field) => Err(Unfit { at: Vec::new(), misfit: Misfit::Missing { field, what: T::WHAT, required } }),
        None => Ok(()),
    }
}

/// A mapping key as text: a string as it is, a number, `true`/`false` or `null` as YAML writes
/// it.
fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_) => "?".to_owned(),
    }
}

/// What `value` is, after "found": `the text "abc"`, `the number 3`, `a list`.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "no value".to_owned(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text \"{}\"", shorten(s)),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
        Value::Tagged(_) => "a tagged value".to_owned(),
    }
}

/// `text` cut to a length a message can quote.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_owned(),
    }
}
