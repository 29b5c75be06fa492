//! Where each node of the YAML document sits, by path (`codes.3.title`), for diagnostics.
//!
//! serde_yaml gives typed values but no positions; a second pass over the parser's events
//! records the start of every node, and the text of every scalar exactly as written (so a
//! code like `0700200000020003` keeps its leading zero).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, Span};

/// Nesting deeper than this is not indexed (serde_yaml already refused deeper documents).
const MAX_DEPTH: usize = 64;

/// Position of one node: line from 1, column from 1.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Node {
    pub line: usize,
    pub column: usize,
    /// The scalar as written, for scalars.
    pub scalar: Option<String>,
}

/// Node positions by path; a mapping key's own position is under `path#key`.
#[derive(Debug, Default)]
pub struct Spans {
    nodes: HashMap<String, Node>,
}

impl Spans {
    pub fn index(source: &str) -> Spans {
        let mut spans = Spans::default();
        let mut parser = Parser::new_from_str(source);
        while let Some(Ok((event, span))) = parser.next_event() {
            match event {
                Event::StreamStart | Event::DocumentStart(_) => continue,
                Event::StreamEnd | Event::DocumentEnd => break,
                _ => {
                    spans.node(&mut parser, String::new(), event, span, 0);
                    break;
                }
            }
        }
        spans
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
                None => return self.nodes.get("").cloned().unwrap_or(Node { line: 1, column: 1, scalar: None }),
            }
        }
    }

    /// The scalar at `path` exactly as written.
    pub fn scalar(&self, path: &str) -> Option<&str> {
        self.nodes.get(path)?.scalar.as_deref()
    }

    fn record(&mut self, path: String, span: Span, scalar: Option<String>) {
        let node = Node { line: span.start.line(), column: span.start.col() + 1, scalar };
        self.nodes.insert(path, node);
    }

    fn node<'a>(
        &mut self,
        parser: &mut Parser<'a, impl saphyr_parser::Input>,
        path: String,
        event: Event<'a>,
        span: Span,
        depth: usize,
    ) {
        match event {
            Event::Scalar(value, ..) => self.record(path, span, Some(value.into_owned())),
            Event::SequenceStart(..) => {
                self.record(path.clone(), span, None);
                let mut i = 0;
                while let Some(Ok((event, span))) = parser.next_event() {
                    if matches!(event, Event::SequenceEnd | Event::StreamEnd) {
                        break;
                    }
                    self.child(parser, join(&path, &i.to_string()), event, span, depth);
                    i += 1;
                }
            }
            Event::MappingStart(..) => {
                self.record(path.clone(), span, None);
                while let Some(Ok((key, key_span))) = parser.next_event() {
                    if matches!(key, Event::MappingEnd | Event::StreamEnd) {
                        break;
                    }
                    let name = match &key {
                        Event::Scalar(name, ..) => name.to_string(),
                        _ => "?".to_owned(),
                    };
                    let child = join(&path, &name);
                    if !matches!(key, Event::Scalar(..)) {
                        self.child(parser, format!("{child}#complex"), key, key_span, depth);
                    }
                    self.record(format!("{child}#key"), key_span, None);
                    let Some(Ok((value, value_span))) = parser.next_event() else { break };
                    self.child(parser, child, value, value_span, depth);
                }
            }
            _ => self.record(path, span, None),
        }
    }

    fn child<'a>(
        &mut self,
        parser: &mut Parser<'a, impl saphyr_parser::Input>,
        path: String,
        event: Event<'a>,
        span: Span,
        depth: usize,
    ) {
        if depth < MAX_DEPTH {
            self.node(parser, path, event, span, depth + 1);
        } else {
            // Too deep to index: skip the node, keeping the event stream in step.
            self.record(path, span, None);
            skip(parser, &event);
        }
    }
}

fn skip<'a>(parser: &mut Parser<'a, impl saphyr_parser::Input>, event: &Event<'a>) {
    if !matches!(event, Event::SequenceStart(..) | Event::MappingStart(..)) {
        return;
    }
    let mut open = 1usize;
    while let Some(Ok((event, _))) = parser.next_event() {
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => open += 1,
            Event::SequenceEnd | Event::MappingEnd => open -= 1,
            Event::StreamEnd => return,
            _ => {}
        }
        if open == 0 {
            return;
        }
    }
}

fn join(path: &str, child: &str) -> String {
    if path.is_empty() { child.to_owned() } else { format!("{path}.{child}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_keep_their_written_form_and_position() {
        let spans = Spans::index("codes:\n  - code: 0700200000020003\n    title: x\n");
        assert_eq!(spans.scalar("codes.0.code"), Some("0700200000020003"));
        let node = spans.at("codes.0.title");
        assert_eq!((node.line, node.column), (3, 12));
        let key = spans.at("codes.0.title#key");
        assert_eq!((key.line, key.column), (3, 5));
    }

    #[test]
    fn missing_paths_fall_back_to_the_enclosing_node() {
        let spans = Spans::index("codes:\n  - code: 1\n");
        let node = spans.at("codes.0.nothing#key");
        assert_eq!((node.line, node.column), (2, 5));
    }
}
