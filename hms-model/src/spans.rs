//! The one read of a YAML document: every node's value, where it sits by path
//! (`codes.3.title`), and the text of every scalar exactly as written.
//!
//! A single pass over the parser's events builds the document as a `serde_yaml::Value`, which
//! serde_yaml then reads into the schema's types, and beside it records the start of every
//! node, for diagnostics, and every scalar as written (so a code like `0700200000020003`
//! keeps its leading zero). The pass guards the limits that keep reading linear: nesting
//! depth and aliases. It notes the first key written twice in a mapping.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};
use serde_yaml::{Mapping, Value};

use crate::limits::MAX_NESTING;

/// Position of one node: line from 1, column from 1.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Node {
    pub line: usize,
    pub column: usize,
    /// The scalar as written, for scalars.
    pub scalar: Option<String>,
    /// The number of items, for sequences.
    pub items: usize,
    /// The file it is in: 0 for the catalog, `n` for its `n`th included file.
    pub file: usize,
    /// Whether it is a sequence.
    pub sequence: bool,
}

/// Node positions by path; a mapping key's own position is under `path#key`.
#[derive(Debug, Default)]
pub struct Spans {
    nodes: HashMap<String, Node>,
    /// The file every node indexed here is in.
    file: usize,
    /// The first key written twice in one mapping, in document order.
    repeated: Option<Repeated>,
}

/// A document read: its positions, its value (null when the read stopped early), and why the
/// read stopped early, if it did.
#[derive(Debug)]
pub struct Indexed {
    pub spans: Spans,
    pub value: Value,
    pub stop: Option<Stop>,
}

/// A key written a second time in one mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Repeated {
    /// The span path of its second use: `codes.0.title#key`.
    pub at: String,
    /// The path of its mapping as messages write it: `codes[0]`.
    pub mapping: String,
    /// The key as written at its second use.
    pub written: String,
}

/// Why the index stopped before the end of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Collections nested deeper than [`MAX_NESTING`], at the first node too deep, or where
    /// the scanner stopped before that node arrived.
    TooDeep { line: usize, column: usize },
    /// An alias (`*name`): expanding aliases can multiply the document's size.
    Alias { line: usize, column: usize },
    /// A tag (`!!str`, `!name`): the catalog's values are plain YAML.
    Tag { line: usize, column: usize },
    /// A key that is a list or a mapping.
    ComplexKey { line: usize, column: usize },
    /// A second document (`---`) in the same file.
    Documents { line: usize, column: usize },
    /// A syntax error `offset` bytes into the source, and what it means.
    Syntax { line: usize, column: usize, offset: usize, message: &'static str },
}

type Next<'a> = Result<Option<(Event<'a>, Span)>, Stop>;

fn next<'a>(parser: &mut Parser<'a, impl saphyr_parser::Input>) -> Next<'a> {
    match parser.next_event() {
        None => Ok(None),
        Some(Ok((Event::Alias(_), span))) => Err(Stop::Alias { line: span.start.line(), column: span.start.col() + 1 }),
        Some(Ok((
            Event::Scalar(_, _, _, Some(_)) | Event::SequenceStart(_, Some(_)) | Event::MappingStart(_, Some(_)),
            span,
        ))) => Err(Stop::Tag { line: span.start.line(), column: span.start.col() + 1 }),
        Some(Ok(event)) => Ok(Some(event)),
        Some(Err(e)) => Err(scan_error(&e)),
    }
}

fn scan_error(e: &ScanError) -> Stop {
    let (line, column) = (e.marker().line(), e.marker().col() + 1);
    // The offset in characters for now; `index` makes it bytes.
    Stop::Syntax { line, column, offset: e.marker().index(), message: crate::syntax::describe(e.info()) }
}

impl Spans {
    /// Reads `source`, the text of file number `file`: its value and node positions; a
    /// [`Stop`] says why the read ended early, with what was read so far.
    pub fn index(source: &str, file: usize) -> Indexed {
        let read = Spans::pass(source, file);
        let Some(Stop::Syntax { line, column, offset, message }) = read.stop else { return read };
        let offset = source.char_indices().nth(offset).map_or(source.len(), |(at, _)| at);
        // The scanner reads ahead along a line before it hands over the nodes it has read, so
        // a fault there, or its own flow-nesting limit (deeper than ours), can stop it before
        // the nodes that nest too deep arrive. The text before the stop shows the depth.
        let stop = match Spans::pass(&source[..offset], file).stop {
            Some(Stop::TooDeep { .. }) => Stop::TooDeep { line, column },
            _ => Stop::Syntax { line, column, offset, message },
        };
        Indexed { stop: Some(stop), ..read }
    }

    /// One pass over the events of `source`: its one document, and nothing after it.
    fn pass(source: &str, file: usize) -> Indexed {
        let mut spans = Spans { file, ..Spans::default() };
        let mut parser = Parser::new_from_str(source);
        let mut value = Value::Null;
        let mut read = false;
        let stop = loop {
            match next(&mut parser) {
                Ok(Some((Event::StreamStart | Event::DocumentEnd, _))) => continue,
                Ok(Some((Event::DocumentStart(_), span))) if read => {
                    break Some(Stop::Documents { line: span.start.line(), column: span.start.col() + 1 });
                }
                Ok(Some((Event::DocumentStart(_), _))) => continue,
                Ok(Some((Event::StreamEnd, _))) | Ok(None) => break None,
                Ok(Some((event, span))) => {
                    read = true;
                    match spans.node(&mut parser, String::new(), event, span, 1) {
                        Ok(read) => value = read,
                        Err(stop) => break Some(stop),
                    }
                }
                Err(stop) => break Some(stop),
            }
        };
        Indexed { spans, value, stop }
    }

    /// The first key written twice in one mapping, if there is one.
    pub fn repeated(&self) -> Option<&Repeated> {
        self.repeated.as_ref()
    }

    /// The span path `path` as messages write it: `codes.0.causes` is `codes[0].causes`.
    fn message_path(&self, path: &str) -> String {
        let mut out = String::new();
        let mut at = String::new();
        for part in path.split('.').filter(|p| !p.is_empty()) {
            if self.nodes.get(&at).is_some_and(|n| n.sequence) {
                out.push_str(&format!("[{part}]"));
            } else {
                out.push_str(if out.is_empty() { "" } else { "." });
                out.push_str(part);
            }
            at = join(&at, part);
        }
        out
    }

    /// The node at `path`, or the nearest enclosing node that was indexed.
    pub fn at(&self, path: &str) -> Node {
        let mut path = path;
        loop {
            if let Some(node) = self.nodes.get(path) {
                return node.clone();
            }
            match path.rfind(['.', '#']) {
                Some(i) => path = &path[..i],
                None => {
                    let top = Node { line: 1, column: 1, file: self.file, ..Node::default() };
                    return self.nodes.get("").cloned().unwrap_or(top);
                }
            }
        }
    }

    /// The scalar at `path` exactly as written.
    pub fn scalar(&self, path: &str) -> Option<&str> {
        self.nodes.get(path)?.scalar.as_deref()
    }

    /// The number of items of the sequence at `path` (0 for anything else).
    pub fn items(&self, path: &str) -> usize {
        self.nodes.get(path).map_or(0, |n| n.items)
    }

    /// Adds the nodes of `other` (another file's index) under `prefix`: its top node at
    /// `prefix`, `codes.3` at `prefix.codes.3`. A path under `prefix` that `other` lacks falls
    /// back to `other`'s nodes, ending at its top node, so diagnostics stay in its file.
    pub fn merge(&mut self, other: Spans, prefix: &str) {
        let top = Node { line: 1, column: 1, file: other.file, ..Node::default() };
        self.nodes.insert(prefix.to_owned(), top);
        for (path, node) in other.nodes {
            self.nodes.insert(join(prefix, &path), node);
        }
    }

    fn record(&mut self, path: String, span: Span, scalar: Option<String>) {
        let node = Node {
            line: span.start.line(),
            column: span.start.col() + 1,
            scalar,
            items: 0,
            file: self.file,
            sequence: false,
        };
        self.nodes.insert(path, node);
    }

    /// Reads the node that `event` starts, at nesting `depth` (the top node is 1).
    fn node<'a>(
        &mut self,
        parser: &mut Parser<'a, impl saphyr_parser::Input>,
        path: String,
        event: Event<'a>,
        span: Span,
        depth: usize,
    ) -> Result<Value, Stop> {
        let is_collection = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
        if is_collection && depth > MAX_NESTING {
            return Err(Stop::TooDeep { line: span.start.line(), column: span.start.col() + 1 });
        }
        match event {
            Event::Scalar(text, style, ..) => {
                let value = scalar_value(&text, style != ScalarStyle::Plain);
                self.record(path, span, Some(text.into_owned()));
                Ok(value)
            }
            Event::SequenceStart(..) => {
                self.record(path.clone(), span, None);
                if let Some(node) = self.nodes.get_mut(&path) {
                    node.sequence = true;
                }
                let mut items = Vec::new();
                while let Some((event, span)) = next(parser)? {
                    if matches!(event, Event::SequenceEnd | Event::StreamEnd) {
                        break;
                    }
                    items.push(self.node(parser, join(&path, &items.len().to_string()), event, span, depth + 1)?);
                }
                if let Some(node) = self.nodes.get_mut(&path) {
                    node.items = items.len();
                }
                Ok(Value::Sequence(items))
            }
            Event::MappingStart(..) => {
                self.record(path.clone(), span, None);
                let mut mapping = Mapping::new();
                while let Some((key, key_span)) = next(parser)? {
                    if matches!(key, Event::MappingEnd | Event::StreamEnd) {
                        break;
                    }
                    let Event::Scalar(name, style, ..) = key else {
                        return Err(Stop::ComplexKey { line: key_span.start.line(), column: key_span.start.col() + 1 });
                    };
                    let child = join(&path, &name);
                    self.record(format!("{child}#key"), key_span, None);
                    let key = scalar_value(&name, style != ScalarStyle::Plain);
                    // The first key that reads as the same value as an earlier key of its
                    // mapping; the path now, while no later key has written over the
                    // mapping's ancestors.
                    let repeated = mapping.contains_key(&key);
                    if repeated && self.repeated.is_none() {
                        let mapping = self.message_path(&path);
                        let written = name.clone().into_owned();
                        self.repeated = Some(Repeated { at: format!("{child}#key"), mapping, written });
                    }
                    let Some((value, value_span)) = next(parser)? else { break };
                    let value = self.node(parser, child, value, value_span, depth + 1)?;
                    // A key written twice is refused (see `repeated`); its first value stays.
                    if !repeated {
                        mapping.insert(key, value);
                    }
                }
                Ok(Value::Mapping(mapping))
            }
            _ => {
                self.record(path, span, None);
                Ok(Value::Null)
            }
        }
    }
}

/// A scalar as serde_yaml reads it: a quoted or block scalar is a string; a plain one may be
/// null, a boolean or a number. Only text that could be one of those (no whitespace, and a
/// first character that null, booleans and numbers start with) is handed to serde_yaml to
/// resolve; any other plain scalar is a string.
fn scalar_value(text: &str, quoted: bool) -> Value {
    let could_resolve = |text: &str| {
        text.is_empty()
            || (!text.contains(char::is_whitespace)
                && text.starts_with(|c: char| c.is_ascii_digit() || "~nNtTfF+-.".contains(c)))
    };
    if quoted || !could_resolve(text) {
        return Value::String(text.to_owned());
    }
    match serde_yaml::from_str::<Value>(text) {
        Ok(v @ (Value::Null | Value::Bool(_) | Value::Number(_))) => v,
        _ => Value::String(text.to_owned()),
    }
}

fn join(path: &str, child: &str) -> String {
    match (path.is_empty(), child.is_empty()) {
        (true, _) => child.to_owned(),
        (false, true) => path.to_owned(),
        (false, false) if child.starts_with('#') => format!("{path}{child}"),
        (false, false) => format!("{path}.{child}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_keep_their_written_form_and_position() {
        let Indexed { spans, stop, .. } = Spans::index("codes:\n  - code: 0700200000020003\n    title: x\n", 0);
        assert_eq!(stop, None);
        assert_eq!(spans.scalar("codes.0.code"), Some("0700200000020003"));
        let node = spans.at("codes.0.title");
        assert_eq!((node.line, node.column), (3, 12));
        let key = spans.at("codes.0.title#key");
        assert_eq!((key.line, key.column), (3, 5));
    }

    #[test]
    fn missing_paths_fall_back_to_the_enclosing_node() {
        let Indexed { spans, .. } = Spans::index("codes:\n  - code: 1\n", 0);
        let node = spans.at("codes.0.nothing#key");
        assert_eq!((node.line, node.column), (2, 5));
    }

    #[test]
    fn merged_files_keep_their_positions_and_file() {
        let Indexed { mut spans, .. } = Spans::index("include: [a.yaml]\n", 0);
        let Indexed { spans: other, .. } = Spans::index("\ncodes:\n  - code: 1\n", 1);
        spans.merge(other, "~1");
        let node = spans.at("~1.codes.0.code");
        assert_eq!((node.file, node.line, node.column), (1, 3, 11));
        let fallback = spans.at("~1.procedures.0.name");
        // Down to the included file's top node, never the catalog's.
        assert_eq!((fallback.file, fallback.line, fallback.column), (1, 2, 1));
        assert_eq!(spans.at("include.0").file, 0);
    }

    #[test]
    fn nesting_too_deep_is_known_by_its_depth_not_by_the_scanners_words() {
        // Forty `[` and a fault on the same line: the scanner stops at the fault before it
        // hands over the first `[`, and its message says nothing of depth.
        let Indexed { stop, .. } = Spans::index(&format!("codes: {}\"unclosed\n", "[".repeat(40)), 0);
        assert_eq!(stop, Some(Stop::TooDeep { line: 1, column: 48 }));
        // The scanner's own limit (255 open flow collections), after a BOM and wide characters.
        let Indexed { stop, .. } = Spans::index(&format!("\u{FEFF}codes: [\"é\u{10000}\", {}\n", "[".repeat(300)), 0);
        assert_eq!(stop, Some(Stop::TooDeep { line: 1, column: 269 }));
        // A fault where the nesting is within the limit stays a syntax error.
        let Indexed { stop, .. } = Spans::index(&format!("codes: {}\"unclosed\n", "[".repeat(30)), 0);
        assert!(matches!(stop, Some(Stop::Syntax { line: 1, column: 38, .. })), "{stop:?}");
    }

    #[test]
    fn the_first_key_serde_would_read_twice_is_noted_at_its_second_use() {
        let repeated = |source: &str| {
            let Indexed { spans, .. } = Spans::index(source, 0);
            spans.repeated().map(|r| (r.at.clone(), r.mapping.clone(), r.written.clone()))
        };
        assert_eq!(
            repeated("a: [{x: 1}, {y: 2, 'y': 3}]\na: 1\n"),
            Some(("a.1.y#key".into(), "a[1]".into(), "y".into()))
        );
        assert_eq!(repeated("- {x: 1, 1: 2, 1: 3}\n"), Some(("0.1#key".into(), "[0]".into(), "1".into())));
        // `null` reads as the same key as `~`.
        assert_eq!(
            repeated("w[1]: {~: 1, null: 2, ~: 3}\n"),
            Some(("w[1].null#key".into(), "w[1]".into(), "null".into()))
        );
        // Different keys: a number and a string.
        assert_eq!(repeated("{1: a, '1': b}\n"), None);
    }
}
