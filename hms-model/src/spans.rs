//! Where each node of the YAML document sits, by path (`codes.3.title`), for diagnostics.
//!
//! serde_yaml gives typed values but no positions; a pass over the parser's events records
//! the start of every node, and the text of every scalar exactly as written (so a code like
//! `0700200000020003` keeps its leading zero). The pass runs first and also guards the
//! limits that keep serde_yaml's parse bounded: nesting depth and aliases.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScanError, Span};

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
}

/// Node positions by path; a mapping key's own position is under `path#key`.
#[derive(Debug, Default)]
pub struct Spans {
    nodes: HashMap<String, Node>,
    /// The file every node indexed here is in.
    file: usize,
}

/// Why the index stopped before the end of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Collections nested deeper than [`MAX_NESTING`], at the first node too deep.
    TooDeep { line: usize, column: usize },
    /// An alias (`*name`): expanding aliases can multiply the document's size.
    Alias { line: usize, column: usize },
    /// A syntax error, as this parser words it.
    Syntax { line: usize, column: usize, message: String },
}

type Next<'a> = Result<Option<(Event<'a>, Span)>, Stop>;

fn next<'a>(parser: &mut Parser<'a, impl saphyr_parser::Input>) -> Next<'a> {
    match parser.next_event() {
        None => Ok(None),
        Some(Ok((Event::Alias(_), span))) => Err(Stop::Alias { line: span.start.line(), column: span.start.col() + 1 }),
        Some(Ok(event)) => Ok(Some(event)),
        Some(Err(e)) => Err(scan_error(&e)),
    }
}

fn scan_error(e: &ScanError) -> Stop {
    let (line, column) = (e.marker().line(), e.marker().col() + 1);
    // The scanner's own flow-nesting limit (deeper than ours) stops it before any event.
    if e.info().contains("recursion limit") {
        Stop::TooDeep { line, column }
    } else {
        Stop::Syntax { line, column, message: e.info().to_owned() }
    }
}

impl Spans {
    /// Indexes `source`, the text of file number `file`; a [`Stop`] says why the index ended
    /// early, with what was indexed so far.
    pub fn index(source: &str, file: usize) -> (Spans, Option<Stop>) {
        let mut spans = Spans { file, ..Spans::default() };
        let mut parser = Parser::new_from_str(source);
        let stop = loop {
            match next(&mut parser) {
                Ok(Some((Event::StreamStart | Event::DocumentStart(_), _))) => continue,
                Ok(Some((Event::StreamEnd | Event::DocumentEnd, _))) | Ok(None) => break None,
                Ok(Some((event, span))) => break spans.node(&mut parser, String::new(), event, span, 1).err(),
                Err(stop) => break Some(stop),
            }
        };
        (spans, stop)
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
        let node = Node { line: span.start.line(), column: span.start.col() + 1, scalar, items: 0, file: self.file };
        self.nodes.insert(path, node);
    }

    /// Indexes the node that `event` starts, at nesting `depth` (the top node is 1).
    fn node<'a>(
        &mut self,
        parser: &mut Parser<'a, impl saphyr_parser::Input>,
        path: String,
        event: Event<'a>,
        span: Span,
        depth: usize,
    ) -> Result<(), Stop> {
        let is_collection = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
        if is_collection && depth > MAX_NESTING {
            return Err(Stop::TooDeep { line: span.start.line(), column: span.start.col() + 1 });
        }
        match event {
            Event::Scalar(value, ..) => self.record(path, span, Some(value.into_owned())),
            Event::SequenceStart(..) => {
                self.record(path.clone(), span, None);
                let mut i = 0;
                while let Some((event, span)) = next(parser)? {
                    if matches!(event, Event::SequenceEnd | Event::StreamEnd) {
                        break;
                    }
                    self.node(parser, join(&path, &i.to_string()), event, span, depth + 1)?;
                    i += 1;
                }
                if let Some(node) = self.nodes.get_mut(&path) {
                    node.items = i;
                }
            }
            Event::MappingStart(..) => {
                self.record(path.clone(), span, None);
                while let Some((key, key_span)) = next(parser)? {
                    if matches!(key, Event::MappingEnd | Event::StreamEnd) {
                        break;
                    }
                    let name = match &key {
                        Event::Scalar(name, ..) => name.to_string(),
                        _ => "?".to_owned(),
                    };
                    let child = join(&path, &name);
                    if !matches!(key, Event::Scalar(..)) {
                        self.node(parser, format!("{child}#complex"), key, key_span, depth + 1)?;
                    }
                    self.record(format!("{child}#key"), key_span, None);
                    let Some((value, value_span)) = next(parser)? else { break };
                    self.node(parser, child, value, value_span, depth + 1)?;
                }
            }
            _ => self.record(path, span, None),
        }
        Ok(())
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
        let (spans, stop) = Spans::index("codes:\n  - code: 0700200000020003\n    title: x\n", 0);
        assert_eq!(stop, None);
        assert_eq!(spans.scalar("codes.0.code"), Some("0700200000020003"));
        let node = spans.at("codes.0.title");
        assert_eq!((node.line, node.column), (3, 12));
        let key = spans.at("codes.0.title#key");
        assert_eq!((key.line, key.column), (3, 5));
    }

    #[test]
    fn missing_paths_fall_back_to_the_enclosing_node() {
        let (spans, _) = Spans::index("codes:\n  - code: 1\n", 0);
        let node = spans.at("codes.0.nothing#key");
        assert_eq!((node.line, node.column), (2, 5));
    }

    #[test]
    fn merged_files_keep_their_positions_and_file() {
        let (mut spans, _) = Spans::index("include: [a.yaml]\n", 0);
        let (other, _) = Spans::index("\ncodes:\n  - code: 1\n", 1);
        spans.merge(other, "~1");
        let node = spans.at("~1.codes.0.code");
        assert_eq!((node.file, node.line, node.column), (1, 3, 11));
        let fallback = spans.at("~1.procedures.0.name");
        // Down to the included file's top node, never the catalog's.
        assert_eq!((fallback.file, fallback.line, fallback.column), (1, 2, 1));
        assert_eq!(spans.at("include.0").file, 0);
    }
}
