//! JSON reading with positions: values are kept as `&RawValue` slices of the file's text, so
//! every problem is reported at `file:LINE:COL` of the entry it concerns.

use std::cell::OnceCell;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::error::Category;
use serde_json::value::RawValue;

use super::Sink;

/// The text of one input file, named as the user gave it.
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
    /// Byte offsets where lines start, found on the first position asked for, so a file with
    /// an error on every entry costs one pass, not one per error.
    line_starts: OnceCell<Vec<usize>>,
}

impl<'a> Source<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        Source { name, text, line_starts: OnceCell::new() }
    }

    /// Line and column (from 1; the column counts characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self
            .line_starts
            .get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect());
        // The last line start at or before the offset; the first is 0, so there is one.
        let line = starts.partition_point(|&start| start <= offset).max(1);
        let line_start = starts[line - 1];
        let column = self.text.get(line_start..offset).map_or(offset - line_start, |s| s.chars().count());
        (line, column + 1)
    }

    /// Byte offset of `raw` in the file: it is a slice of the file's text (0 if it is not).
    pub fn offset(&self, raw: &RawValue) -> usize {
        let start = self.text.as_ptr() as usize;
        let at = raw.get().as_ptr() as usize;
        at.checked_sub(start).filter(|&o| o <= self.text.len()).unwrap_or(0)
    }

    /// `file:LINE:COL` of `raw`.
    pub fn at(&self, raw: &RawValue) -> String {
        let (line, column) = self.line_col(self.offset(raw));
        format!("{}:{line}:{column}", self.name)
    }

    pub fn error(&self, sink: &mut Sink, raw: &RawValue, message: impl fmt::Display) {
        sink.errors.push(format!("{}: {message}", self.at(raw)));
    }

    pub fn warning(&self, sink: &mut Sink, raw: &RawValue, message: impl fmt::Display) {
        sink.warnings.push(format!("{}: {message}", self.at(raw)));
    }

    /// The whole file as one raw value; a syntax error (truncated file...) is reported.
    pub fn root(&self, sink: &mut Sink) -> Option<&'a RawValue> {
        match serde_json::from_str::<&RawValue>(self.text) {
            Ok(raw) => Some(raw),
            Err(e) => {
                sink.errors.push(format!("{}:{}:{}: {}", self.name, e.line(), e.column(), fault(&e)));
                None
            }
        }
    }

    /// `raw` as an object (keys in file order, repeats kept), else an error at `raw`.
    pub fn object(&self, sink: &mut Sink, raw: &'a RawValue, what: &str) -> Option<Object<'a>> {
        self.read(sink, raw, what, Kind::Object)
    }

    /// `raw` as an array of raw values, else an error at `raw`.
    pub fn array(&self, sink: &mut Sink, raw: &'a RawValue, what: &str) -> Option<Vec<&'a RawValue>> {
        self.read(sink, raw, what, Kind::List)
    }

    /// `raw` as a string, else an error at `raw`.
    pub fn string(&self, sink: &mut Sink, raw: &'a RawValue, what: &str) -> Option<String> {
        self.read(sink, raw, what, Kind::Text)
    }

    fn read<T: Deserialize<'a>>(&self, sink: &mut Sink, raw: &'a RawValue, what: &str, wanted: Kind) -> Option<T> {
        match serde_json::from_str::<T>(raw.get()) {
            Ok(value) => Some(value),
            Err(e) if e.classify() == Category::Data => {
                self.error(
                    sink,
                    raw,
                    format_args!("{what}: should be {}, not {}", wanted.name(), Kind::of(raw).name()),
                );
                None
            }
            Err(e) => {
                self.error(sink, raw, format_args!("{what}: {}", fault(&e)));
                None
            }
        }
    }
}

/// The kinds of JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Object,
    List,
    Text,
    Number,
    Boolean,
    Null,
}

impl Kind {
    /// The kind of a value (read whole, so its first character tells).
    fn of(raw: &RawValue) -> Kind {
        match raw.get().trim_start().as_bytes().first() {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::List,
            Some(b'"') => Kind::Text,
            Some(b't' | b'f') => Kind::Boolean,
            Some(b'n') => Kind::Null,
            _ => Kind::Number,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Object => "an object",
            Kind::List => "a list",
            Kind::Text => "a text",
            Kind::Number => "a number",
            Kind::Boolean => "true or false",
            Kind::Null => "null",
        }
    }
}

/// What a JSON reading error means, in the project's words (serde_json's own messages are not
/// repeated); its position is the error's `line()` and `column()`.
pub fn fault(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        Category::Eof => "the text ends in the middle of a value: the file may be cut short",
        Category::Syntax => {
            "not valid JSON here: look for a missing comma, colon, quote or bracket, or text after the end"
        }
        Category::Data => "a value of another kind than expected",
        Category::Io => "the text could not be read",
    }
}

/// A JSON object's members in file order, repeated keys included.
pub struct Object<'a> {
    pub members: Vec<(String, &'a RawValue)>,
}

impl<'a> Object<'a> {
    /// The first member called `key`.
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.members.iter().find(|(k, _)| k == key).map(|&(_, v)| v)
    }
}

impl<'de> Deserialize<'de> for Object<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = Object<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Object<'de>, M::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    members.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Object { members })
            }
        }
        deserializer.deserialize_map(Members)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_members_count_lines_and_characters() {
        let text = "{\n  \"é\": [1,\n   2],\n  \"b\": {\"c\": true}\n}";
        let source = Source::new("t.json", text);
        let mut sink = Sink::default();
        let root = source.root(&mut sink).unwrap();
        let object = source.object(&mut sink, root, "file").unwrap();
        assert_eq!(object.members.len(), 2);
        assert_eq!(source.at(object.members[0].1), "t.json:2:8");
        assert_eq!(source.at(object.members[1].1), "t.json:4:8");
        let items = source.array(&mut sink, object.members[0].1, "list").unwrap();
        assert_eq!(source.at(items[1]), "t.json:3:4");
        assert!(source.string(&mut sink, items[0], "ecode").is_none());
        assert!(source.object(&mut sink, items[0], "entry").is_none());
        assert!(source.array(&mut sink, object.members[1].1, "`data`").is_none());
        assert_eq!(
            sink.errors,
            [
                "t.json:2:9: ecode: should be a text, not a number",
                "t.json:2:9: entry: should be an object, not a number",
                "t.json:4:8: `data`: should be a list, not an object",
            ]
        );
    }

    #[test]
    fn repeated_keys_are_kept_in_order() {
        let source = Source::new("t.json", r#"{"a": 1, "a": 2}"#);
        let mut sink = Sink::default();
        let root = source.root(&mut sink).unwrap();
        let object = source.object(&mut sink, root, "file").unwrap();
        assert_eq!(object.members.iter().map(|(_, v)| v.get()).collect::<Vec<_>>(), ["1", "2"]);
    }

    #[test]
    fn syntax_errors_name_the_file_position() {
        let source = Source::new("t.json", "{\n \"a\": [1,");
        let mut sink = Sink::default();
        assert!(source.root(&mut sink).is_none());
        assert_eq!(sink.errors, ["t.json:2:9: the text ends in the middle of a value: the file may be cut short"]);
        let mut sink = Sink::default();
        assert!(Source::new("t.json", "{\"a\" 1}").root(&mut sink).is_none());
        assert!(sink.errors[0].starts_with("t.json:1:6: not valid JSON here"), "{:?}", sink.errors);
    }

    #[test]
    fn line_index_agrees_with_counting_every_time() {
        let text = "{\n\"é\": [\n\n  1,\r\n 22 ],\n\"b\"\n: \"ü\"}\n";
        let source = Source::new("t.json", text);
        for offset in (0..=text.len() + 2).filter(|&o| o > text.len() || text.is_char_boundary(o)) {
            let before = &text[..offset.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |s| s.chars().count()) + 1;
            assert_eq!(source.line_col(offset), (line, column), "offset {offset}");
        }
    }
}
