//! `hms decode`: printer MQTT reports on stdin, every `print.hms` entry and `print.print_error`
//! explained. Reads one JSON object per line, or objects spread over several lines; a
//! malformed line is reported with its number and the rest is still decoded.

use std::io::{self, BufRead, Write};

use hms_catalog::{Hms, PrintError, lookup};
use serde_json::{Value, json};

use crate::{Outcome, View, explain};

/// A report spread over more lines than this many bytes is refused.
const MAX_REPORT: usize = 16 << 20;

/// Up to this many bytes, a report spread over lines is parsed again at every line, so that a
/// broken line is reported at once. Past it, parsing it again at every line would take time
/// quadratic in its length: it is parsed when its brackets close, when it has doubled since it
/// was last parsed (a broken line is still reported at its line, a little later), and at the
/// end of the input.
const EAGER: usize = 4 << 10;

/// Decodes every report of `input`: explanations go to `out`, one line per bad input (`line N:
/// what is wrong`) to `errors`. The outcome is the worst seen: a bad line, an unknown code, or
/// every code known.
pub fn run(
    input: impl BufRead,
    json: bool,
    view: View,
    out: &mut impl Write,
    errors: &mut impl Write,
) -> io::Result<Outcome> {
    let mut decoder = Decoder {
        json,
        view,
        worst: Outcome::Known,
        pending: String::new(),
        pending_line: 0,
        nesting: Nesting::default(),
        parsed_len: 0,
        errors,
    };
    for (number, line) in read_lines(input) {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                decoder.bad(number, &e)?;
                continue;
            }
        };
        decoder.line(number, &line, out)?;
    }
    if !decoder.pending.is_empty() {
        // A long one may not have been parsed since its last lines: name its error if it has one.
        let at = decoder.pending_line;
        match serde_json::from_str::<Value>(&decoder.pending) {
            Ok(value) => decoder.report(at, &value, out)?,
            Err(e) if !e.is_eof() => decoder.bad(at + e.line().saturating_sub(1), &json_error(&e))?,
            Err(_) => decoder.bad(at, "the JSON object starting here never ends")?,
        }
    }
    Ok(decoder.worst)
}

/// Lines as bytes, so a line that is not UTF-8 is reported instead of ending the input.
fn read_lines(mut input: impl BufRead) -> impl Iterator<Item = (usize, Result<String, String>)> {
    let mut number = 0;
    std::iter::from_fn(move || {
        let mut bytes = Vec::new();
        match input.read_until(b'\n', &mut bytes) {
            Ok(0) => None,
            Ok(_) => {
                number += 1;
                while bytes.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
                    bytes.pop();
                }
                Some((
                    number,
                    String::from_utf8(bytes)
                        .map_err(|e| format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to() + 1)),
                ))
            }
            Err(e) => {
                number += 1;
                Some((number, Err(format!("cannot read: {e}"))))
            }
        }
    })
}

struct Decoder<'e, E> {
    json: bool,
    view: View,
    worst: Outcome,
    /// Lines of an object that has not closed yet, and the line it started on.
    pending: String,
    pending_line: usize,
    /// The brackets of `pending`, and its length when it was last parsed.
    nesting: Nesting,
    parsed_len: usize,
    errors: &'e mut E,
}

/// How deep the brackets of a JSON text nest at its end, strings skipped: a cheap sign of
/// whether the text may be a whole value yet.
#[derive(Default)]
struct Nesting {
    depth: isize,
    in_string: bool,
    escaped: bool,
}

impl Nesting {
    fn scan(&mut self, text: &str) {
        for b in text.bytes() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
            } else {
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => self.depth -= 1,
                    _ => {}
                }
            }
        }
    }
}

impl<E: Write> Decoder<'_, E> {
    fn line(&mut self, number: usize, line: &str, out: &mut impl Write) -> io::Result<()> {
        let trimmed = line.trim();
        if self.pending.is_empty() {
            if trimmed.is_empty() {
                return Ok(());
            }
            return match serde_json::from_str::<Value>(trimmed) {
                Ok(value) => self.report(number, &value, out),
                Err(e) if e.is_eof() && trimmed.starts_with(['{', '[']) => {
                    self.pending = line.to_owned();
                    self.pending_line = number;
                    self.nesting = Nesting::default();
                    self.nesting.scan(line);
                    self.parsed_len = line.len();
                    Ok(())
                }
                Err(e) => self.bad(number, &json_error(&e)),
            };
        }
        // A line that is a whole report on its own means the pending object was broken.
        if trimmed.starts_with('{')
            && let Ok(value) = serde_json::from_str::<Value>(trimmed)
        {
            let at = self.pending_line;
            self.pending.clear();
            self.bad(at, "this JSON object never ends")?;
            return self.report(number, &value, out);
        }
        self.pending.push('\n');
        self.pending.push_str(line);
        self.nesting.scan(line);
        let due = self.pending.len() <= EAGER
            || self.nesting.depth <= 0
            || self.pending.len() >= 2 * self.parsed_len
            || self.pending.len() > MAX_REPORT;
        if !due {
            return Ok(());
        }
        self.parsed_len = self.pending.len();
        match serde_json::from_str::<Value>(&self.pending) {
            Ok(value) => {
                self.pending.clear();
                self.report(self.pending_line, &value, out)
            }
            Err(e) if e.is_eof() && self.pending.len() <= MAX_REPORT => Ok(()),
            Err(e) => {
                self.pending.clear();
                let at = self.pending_line + e.line().saturating_sub(1);
                self.bad(at, &json_error(&e))
            }
        }
    }

    fn bad(&mut self, number: usize, error: &(impl std::fmt::Display + ?Sized)) -> io::Result<()> {
        self.worst = self.worst.max(Outcome::BadInput);
        writeln!(self.errors, "hms: line {number}: {error}")
    }

    fn report(&mut self, number: usize, value: &Value, out: &mut impl Write) -> io::Result<()> {
        let mut reports = Vec::new();
        find_reports(value, 0, &mut reports);
        if reports.is_empty() {
            return self.bad(number, "no `print` object with `hms` or `print_error`");
        }
        for print in reports {
            if let Some(hms) = print.get("hms") {
                let Some(entries) = hms.as_array() else {
                    self.bad(number, "print.hms must be a list")?;
                    continue;
                };
                for (i, entry) in entries.iter().enumerate() {
                    match (u32_field(entry, "attr"), u32_field(entry, "code")) {
                        (Some(attr), Some(code)) => {
                            self.explain(number, &format!("print.hms[{i}]"), Hms::from_mqtt(attr, code).into(), out)?
                        }
                        _ => self.bad(
                            number,
                            &format!("print.hms[{i}] must be {{\"attr\": u32, \"code\": u32}}, found {entry}"),
                        )?,
                    }
                }
            }
            match print.get("print_error") {
                None => {}
                Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
                    Some(0) => {}
                    Some(n) => self.explain(number, "print.print_error", PrintError::from_u32(n).into(), out)?,
                    None => self.bad(number, &format!("print.print_error must be a u32, found {v}"))?,
                },
            }
        }
        Ok(())
    }

    fn explain(
        &mut self,
        number: usize,
        field: &str,
        code: hms_catalog::AnyCode,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let found = lookup(code);
        if !found.is_known() {
            self.worst = self.worst.max(Outcome::Unknown);
        }
        if self.json {
            let mut value = json!({ "line": number, "field": field });
            if let (Value::Object(into), Value::Object(from)) = (&mut value, explain::to_json(&found, self.view)) {
                into.extend(from);
            }
            serde_json::to_writer(&mut *out, &value)?;
            writeln!(out)
        } else {
            writeln!(out, "line {number}, {field}:")?;
            explain::write_text(&found, self.view, out)?;
            writeln!(out)
        }
    }
}

/// serde_json's message at the column it names; the line is the caller's.
fn json_error(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or_default();
    format!("column {}: {message}", e.column())
}

fn u32_field(entry: &Value, name: &str) -> Option<u32> {
    entry.get(name)?.as_u64().and_then(|n| u32::try_from(n).ok())
}

/// The `print` objects of a message: the message itself when it holds `hms` or
/// `print_error`, its `print` member, or those of objects that wrap it (a few levels down).
fn find_reports<'a>(value: &'a Value, depth: usize, found: &mut Vec<&'a Value>) {
    let Some(object) = value.as_object() else { return };
    if object.contains_key("hms") || object.contains_key("print_error") {
        found.push(value);
        return;
    }
    if depth >= 3 {
        return;
    }
    if let Some(print) = object.get("print") {
        find_reports(print, depth + 1, found);
        return;
    }
    for child in object.values() {
        find_reports(child, depth + 1, found);
    }
}
