//! `hms decode`: printer MQTT reports on stdin, every `print.hms` entry and `print.print_error`
//! explained. Reads one JSON object per line, or objects spread over several lines; a
//! malformed line is reported with its number and the rest is still decoded. Each code is
//! written whole, as `hms explain` writes it, or in one line (`--compact`), as [`Form`] says.
//!
//! Memory stays bounded whatever the input: a line longer than [`MAX_LINE`] bytes is reported
//! and skipped without being held, and an object spread over lines is given up once it passes
//! [`MAX_REPORT`] bytes.

use std::io::{self, BufRead, Write};

use hms_catalog::report::{Field, Reported, reported};
use hms_catalog::{Lookup, lookup};
use serde::Serialize;
use serde::de::IgnoredAny;
use serde_json::Value;

use crate::explain::{LevelJson, key_if_other, level_json, module_and_place};
use crate::{Outcome, View, explain};

/// A line longer than this many bytes (1 MiB, without its line end) is reported and skipped.
pub const MAX_LINE: usize = 1 << 20;

/// An object spread over lines that grows past this many bytes (1 MiB) is reported, and its
/// remaining lines are skipped.
pub const MAX_REPORT: usize = 1 << 20;

/// Brackets nested deeper than this are refused, as serde_json refuses them.
const MAX_DEPTH: i64 = 127;

/// While an object spread over lines is shorter than this, it is parsed again at every line,
/// so a broken line is reported as soon as it is read. A longer one is parsed when its brackets
/// close (or the input ends), which keeps the work linear in its length.
const EAGER_PARSE: usize = 16 << 10;

/// How each code found is written: text or JSON, whole or in one line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Form {
    /// JSON, one object per code and line (`--json`), instead of text.
    pub json: bool,
    /// One line per code (`--compact`), for logs and streams: the code, its level and its
    /// title, instead of the whole explanation (see [`write_compact`] and [`Compact`]).
    pub compact: bool,
}

/// Decodes every report of `input`: explanations go to `out`, one line per bad input (`line N:
/// what is wrong`) to `errors`. The outcome is the worst seen: a bad line, an unknown code, or
/// every code known. `out` is flushed whenever the input has nothing more at hand, so a
/// buffered `out` still shows each report as it arrives from a live stream.
pub fn run(
    input: impl BufRead,
    form: Form,
    view: View,
    out: &mut impl Write,
    errors: &mut impl Write,
) -> io::Result<Outcome> {
    let mut decoder = Decoder {
        form,
        view,
        worst: Outcome::Known,
        pending: String::new(),
        pending_line: 0,
        scan: Scan::default(),
        skipping: false,
        errors,
    };
    let mut lines = Lines { input, bytes: Vec::new(), number: 0, drained: false, ended: false };
    loop {
        if lines.drained {
            out.flush()?;
        }
        match lines.next() {
            None => break,
            Some((number, Ok(line))) => decoder.line(number, line, out)?,
            Some((number, Err(e))) => decoder.bad(number, &e)?,
        }
    }
    if !decoder.pending.is_empty() {
        decoder.unfinished()?;
    }
    out.flush()?;
    Ok(decoder.worst)
}

/// The lines of the input as text, at most [`MAX_LINE`] bytes of one held at a time; a line
/// that is not UTF-8 or too long is reported with its number instead of ending the input.
struct Lines<R> {
    input: R,
    bytes: Vec<u8>,
    number: usize,
    /// Whether everything the input had buffered was used, so the next read may wait.
    drained: bool,
    ended: bool,
}

impl<R: BufRead> Lines<R> {
    fn next(&mut self) -> Option<(usize, Result<&str, String>)> {
        if self.ended {
            return None;
        }
        self.bytes.clear();
        let mut too_long = false;
        let mut any = false;
        loop {
            let chunk = match self.input.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    // A failing input (a folder, a device error) would fail again: stop here.
                    self.ended = true;
                    self.number += 1;
                    return Some((self.number, Err(format!("cannot read: {e}"))));
                }
            };
            if chunk.is_empty() {
                self.ended = true;
                if !any {
                    return None;
                }
                break;
            }
            any = true;
            // The bytes up to and with the first line end, found by the standard library's
            // fast search; reading from a slice cannot fail.
            let mut rest = chunk;
            let used = rest.skip_until(b'\n').unwrap_or(chunk.len());
            let complete = chunk[used - 1] == b'\n';
            // Room for the line, its line end, and one byte that tells it is too long.
            let room = (MAX_LINE + 3).saturating_sub(self.bytes.len());
            if !too_long {
                self.bytes.extend_from_slice(&chunk[..used.min(room)]);
                if self.bytes.len() > MAX_LINE + 2 {
                    too_long = true;
                    self.bytes.clear();
                }
            }
            self.drained = used == chunk.len();
            self.input.consume(used);
            if complete {
                break;
            }
        }
        self.number += 1;
        if self.bytes.last() == Some(&b'\n') {
            self.bytes.pop();
        }
        if self.bytes.last() == Some(&b'\r') {
            self.bytes.pop();
        }
        if too_long || self.bytes.len() > MAX_LINE {
            return Some((self.number, Err(format!("longer than {MAX_LINE} bytes; skipped"))));
        }
        Some((
            self.number,
            std::str::from_utf8(&self.bytes).map_err(|e| format!("not UTF-8 (byte {})", e.valid_up_to() + 1)),
        ))
    }
}

/// Where a scan of JSON text stands: how deep in brackets, and inside a string or not. It
/// tells when an object spread over lines closes without parsing it again at every line.
#[derive(Clone, Copy, Debug, Default)]
struct Scan {
    depth: i64,
    in_string: bool,
    escaped: bool,
}

impl Scan {
    fn feed(&mut self, text: &str) {
        for &b in text.as_bytes() {
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

    fn closed(&self) -> bool {
        self.depth <= 0 && !self.in_string
    }
}

struct Decoder<'e, E> {
    form: Form,
    view: View,
    worst: Outcome,
    /// Lines of an object that has not closed yet, and the line it started on.
    pending: String,
    pending_line: usize,
    /// The brackets of `pending`, or of the object being skipped.
    scan: Scan,
    /// Whether the lines of an object that grew past [`MAX_REPORT`] are being skipped.
    skipping: bool,
    errors: &'e mut E,
}

impl<E: Write> Decoder<'_, E> {
    fn line(&mut self, number: usize, line: &str, out: &mut impl Write) -> io::Result<()> {
        let trimmed = line.trim();
        if self.pending.is_empty() && !self.skipping {
            if trimmed.is_empty() {
                return Ok(());
            }
            return match serde_json::from_str::<Value>(trimmed) {
                Ok(value) => self.report(number, &value, out),
                Err(e) if e.is_eof() && trimmed.starts_with(['{', '[']) => {
                    self.pending.push_str(line);
                    self.pending_line = number;
                    self.scan = Scan::default();
                    self.scan.feed(line);
                    Ok(())
                }
                Err(e) => self.bad(number, &json_error(&e)),
            };
        }
        // A line that is a whole report on its own means the pending object was broken.
        if trimmed.starts_with('{')
            && let Ok(value) = serde_json::from_str::<Value>(trimmed)
        {
            if !self.skipping {
                self.unfinished()?;
            }
            self.skipping = false;
            self.pending = String::new();
            return self.report(number, &value, out);
        }
        self.scan.feed(line);
        if self.skipping {
            self.skipping = !self.scan.closed();
            return Ok(());
        }
        if self.scan.depth > MAX_DEPTH {
            self.pending = String::new();
            self.skipping = true;
            let start = self.pending_line;
            return self.bad(
                number,
                &format!("nested deeper than {MAX_DEPTH} levels; the JSON object from line {start} is skipped"),
            );
        }
        self.pending.push('\n');
        self.pending.push_str(line);
        if self.pending.len() > MAX_REPORT {
            self.pending = String::new();
            self.skipping = !self.scan.closed();
            return self.bad(
                self.pending_line,
                &format!("the JSON object starting here is longer than {MAX_REPORT} bytes; skipped"),
            );
        }
        if !self.scan.closed() {
            if self.pending.len() > EAGER_PARSE {
                return Ok(());
            }
            // Only checked, which allocates nothing; built into a value once it is whole.
            match serde_json::from_str::<IgnoredAny>(&self.pending) {
                Err(e) if e.is_eof() => return Ok(()),
                Err(e) => {
                    self.pending = String::new();
                    let at = self.pending_line + e.line().saturating_sub(1);
                    return self.bad(at, &json_error(&e));
                }
                Ok(_) => {}
            }
        }
        match serde_json::from_str::<Value>(&self.pending) {
            Ok(value) => {
                self.pending = String::new();
                self.report(self.pending_line, &value, out)
            }
            Err(e) => {
                self.pending = String::new();
                let at = self.pending_line + e.line().saturating_sub(1);
                self.bad(at, &json_error(&e))
            }
        }
    }

    /// Reports the pending object at the end of the input, or when a whole report follows it:
    /// a broken line inside it if there is one, else that it never ends.
    fn unfinished(&mut self) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        match serde_json::from_str::<IgnoredAny>(&pending) {
            Err(e) if !e.is_eof() => {
                let at = self.pending_line + e.line().saturating_sub(1);
                self.bad(at, &json_error(&e))
            }
            _ => self.bad(self.pending_line, "the JSON object starting here never ends"),
        }
    }

    fn bad(&mut self, number: usize, error: &(impl std::fmt::Display + ?Sized)) -> io::Result<()> {
        self.worst = self.worst.max(Outcome::BadInput);
        writeln!(self.errors, "hms: line {number}: {error}")
    }

    fn report(&mut self, number: usize, value: &Value, out: &mut impl Write) -> io::Result<()> {
        let Some(found) = reported(value) else {
            return self.bad(number, "no `print` object with `hms` or `print_error`");
        };
        for item in found {
            match item {
                Ok(Reported { field, code }) => self.explain(number, field, code, out)?,
                Err(e) => self.bad(number, &e)?,
            }
        }
        Ok(())
    }

    fn explain(
        &mut self,
        number: usize,
        field: Field,
        code: hms_catalog::AnyCode,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let found = lookup(code);
        if !found.is_known() {
            self.worst = self.worst.max(Outcome::Unknown);
        }
        match self.form {
            Form { json: true, compact: false } => {
                // Two keys into the explanation's map, rather than all of its keys into a new one.
                let mut value = explain::to_json(&found, self.view)?;
                if let Value::Object(map) = &mut value {
                    map.insert("line".to_owned(), number.into());
                    map.insert("field".to_owned(), field.to_string().into());
                }
                serde_json::to_writer(&mut *out, &value)?;
                writeln!(out)
            }
            Form { json: false, compact: false } => {
                writeln!(out, "line {number}, {field}:")?;
                explain::write_text(&found, self.view, out)?;
                writeln!(out)
            }
            Form { json: true, compact: true } => {
                serde_json::to_writer(&mut *out, &Compact::of(number, &found))?;
                writeln!(out)
            }
            Form { json: false, compact: true } => write_compact(&found, self.view, out),
        }
    }
}

/// One code in one line of text (`--compact`), tab-separated: the code as reported, its level
/// name, and its title filled for the code. A code without a catalog entry gets the printer's
/// text in its place if Bambu's lists have one, else what its structure tells: `unknown:
/// module 07 AMS (AMS), unit B, slot 2`.
pub fn write_compact(found: &Lookup, view: View, out: &mut impl Write) -> io::Result<()> {
    write!(out, "{}\t", found.code())?;
    match (found.level(), found.code().level_raw()) {
        (Some(level), _) => write!(out, "{}\t", level.name())?,
        (None, Some(raw)) => write!(out, "level {raw}\t")?,
        (None, None) => write!(out, "unknown\t")?,
    }
    if let Some(title) = found.title() {
        return writeln!(out, "{title}");
    }
    if let Some(text) = found.official().and_then(|o| o.text(view.model, view.lang).text()) {
        // One line whatever the printer's text holds.
        let text = text.to_string().replace(['\t', '\n', '\r'], " ");
        return writeln!(out, "{text}");
    }
    let what = if found.is_known() { "no catalog entry" } else { "unknown" };
    writeln!(out, "{what}: module {}", module_and_place(found))
}

/// One code as one JSON object (`--json --compact`): the input line its report started on, and
/// the keys of the whole explanation a stream needs, with the same values: `code` (as
/// reported), `key` (the code looked up) only when it differs, `known`, `level` and `title`
/// (`null` without a catalog entry).
#[derive(Serialize)]
pub struct Compact {
    line: usize,
    code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    known: bool,
    level: LevelJson,
    title: Option<String>,
}

impl Compact {
    pub fn of(line: usize, found: &Lookup) -> Compact {
        Compact {
            line,
            code: found.code().to_string(),
            key: key_if_other(found),
            known: found.is_known(),
            level: level_json(found),
            title: found.title().map(|t| t.to_string()),
        }
    }
}

/// serde_json's message at the column it names; the line is the caller's.
fn json_error(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or_default();
    format!("column {}: {message}", e.column())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(input: &[u8], capacity: usize) -> Vec<(usize, Result<String, String>)> {
        let input = io::BufReader::with_capacity(capacity, input);
        let mut lines = Lines { input, bytes: Vec::new(), number: 0, drained: false, ended: false };
        let mut all = Vec::new();
        while let Some((number, line)) = lines.next() {
            all.push((number, line.map(str::to_owned)));
        }
        all
    }

    #[test]
    fn lines_split_over_reads_keep_their_numbers() {
        for capacity in [1, 2, 7, 8192] {
            assert_eq!(
                lines_of(b"ab\r\n\ncd\n\xff\nlast", capacity),
                [
                    (1, Ok("ab".into())),
                    (2, Ok(String::new())),
                    (3, Ok("cd".into())),
                    (4, Err("not UTF-8 (byte 1)".into())),
                    (5, Ok("last".into()))
                ],
                "buffer of {capacity} bytes"
            );
        }
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_whole() {
        let mut input = vec![b'x'; MAX_LINE];
        input.extend_from_slice(b"\r\n");
        input.resize(input.len() + MAX_LINE + 1, b'y');
        input.extend_from_slice(b"\nz");
        let lines = lines_of(&input, 8192);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].1.as_ref().map(String::len), Ok(MAX_LINE));
        assert_eq!(lines[1], (2, Err(format!("longer than {MAX_LINE} bytes; skipped"))));
        assert_eq!(lines[2], (3, Ok("z".into())));
    }

    struct Failing;

    impl io::Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("device gone"))
        }
    }

    #[test]
    fn a_failing_input_is_reported_once() {
        let view = View { model: None, lang: hms_catalog::Lang::En };
        let (mut out, mut errors) = (Vec::new(), Vec::new());
        let outcome = run(io::BufReader::new(Failing), Form::default(), view, &mut out, &mut errors).unwrap();
        assert_eq!(outcome, Outcome::BadInput);
        assert_eq!(String::from_utf8_lossy(&errors), "hms: line 1: cannot read: device gone\n");
    }
}
