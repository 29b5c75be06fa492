//! Diagnostics: what is wrong and where, collected for a catalog and its included files.

use std::fmt;

use crate::spans::Spans;

/// One mistake in a catalog, at a position of its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the caller named it.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

/// Collects diagnostics for a catalog and its included files.
pub struct Sink {
    /// Display names: the catalog first, then its included files in `include` order.
    files: Vec<String>,
    /// Diagnostics with their file's number.
    diagnostics: Vec<(usize, Diagnostic)>,
}

impl Sink {
    pub fn new(file: &str) -> Sink {
        Sink { files: vec![file.to_owned()], diagnostics: Vec::new() }
    }

    /// Adds a file; returns its number.
    pub fn add_file(&mut self, name: String) -> usize {
        self.files.push(name);
        self.files.len() - 1
    }

    /// The display name of file `file`.
    pub fn file_name(&self, file: usize) -> &str {
        self.files.get(file).or(self.files.first()).map_or("", String::as_str)
    }

    pub fn error_at(&mut self, file: usize, line: usize, column: usize, message: impl Into<String>) {
        let name = self.file_name(file).to_owned();
        self.diagnostics.push((file, Diagnostic { file: name, line, column, message: message.into() }));
    }

    pub fn error(&mut self, spans: &Spans, path: &str, message: impl Into<String>) {
        let node = spans.at(path);
        self.error_at(node.file, node.line, node.column, message);
    }

    /// Where `path` is, for a message about another node: `line 12` in the same file as
    /// `from`, `catalog/ams.yaml:12` in another.
    pub fn place(&self, spans: &Spans, path: &str, from: &str) -> String {
        let (node, here) = (spans.at(path), spans.at(from));
        if node.file == here.file {
            format!("line {}", node.line)
        } else {
            format!("{}:{}", self.file_name(node.file), node.line)
        }
    }

    pub fn into_diagnostics(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by_key(|(file, d)| (*file, d.line, d.column));
        self.diagnostics.into_iter().map(|(_, d)| d).collect()
    }
}
