//! The JSON values of a stream of lines: one value per line, or one spread over several lines
//! (a pretty-printed report). A line or a value that is not JSON is told with its line number
//! and the stream goes on. `hms decode` and `hms watch --replay` read their input with it.
//!
//! Memory stays bounded whatever the input: a line longer than [`MAX_LINE`] bytes is told and
//! skipped without being held, and a value spread over lines is given up once it passes
//! [`MAX_REPORT`] bytes.

use std::io::{self, BufRead};

use serde::de::IgnoredAny;
use serde_json::Value;

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

/// What the stream holds next.
#[derive(Debug)]
pub enum Frame<'a> {
    /// A whole JSON value, and the line it starts on.
    Value(usize, &'a Value),
    /// A line that is not text or too long, or a value that is not JSON, and the line to
    /// report it on.
    Bad(usize, String),
    /// Everything the input had at hand is used: the next read may wait (a live stream), so
    /// output written so far should be flushed.
    Drained,
}

/// Reads `input` to its end, giving `each` every value and every bad line in order.
pub fn frames(input: impl BufRead, mut each: impl FnMut(Frame<'_>) -> io::Result<()>) -> io::Result<()> {
    let mut framer = Framer { pending: String::new(), pending_line: 0, scan: Scan::default(), skipping: false };
    let mut lines = Lines { input, bytes: Vec::new(), number: 0, drained: false, ended: false };
    loop {
        if lines.drained {
            each(Frame::Drained)?;
        }
        match lines.next() {
            None => break,
            Some((number, Ok(line))) => framer.line(number, line, &mut each)?,
            Some((number, Err(e))) => each(Frame::Bad(number, e))?,
        }
    }
    if !framer.pending.is_empty() {
        framer.unfinished(&mut each)?;
    }
    Ok(())
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

/// Lines gathered into values.
struct Framer {
    /// Lines of a value that has not closed yet, and the line it started on.
    pending: String,
    pending_line: usize,
    /// The brackets of `pending`, or of the value being skipped.
    scan: Scan,
    /// Whether the lines of a value that grew past [`MAX_REPORT`] are being skipped.
    skipping: bool,
}

impl Framer {
    fn line(
        &mut self,
        number: usize,
        line: &str,
        each: &mut impl FnMut(Frame<'_>) -> io::Result<()>,
    ) -> io::Result<()> {
        let trimmed = line.trim();
        if self.pending.is_empty() && !self.skipping {
            if trimmed.is_empty() {
                return Ok(());
            }
            return match serde_json::from_str::<Value>(trimmed) {
                Ok(value) => each(Frame::Value(number, &value)),
                Err(e) if e.is_eof() && trimmed.starts_with(['{', '[']) => {
                    self.pending.push_str(line);
                    self.pending_line = number;
                    self.scan = Scan::default();
                    self.scan.feed(line);
                    Ok(())
                }
                Err(e) => each(Frame::Bad(number, json_error(&e))),
            };
        }
        // A line that is a whole report on its own means the pending object was broken.
        if trimmed.starts_with('{')
            && let Ok(value) = serde_json::from_str::<Value>(trimmed)
        {
            if !self.skipping {
                self.unfinished(each)?;
            }
            self.skipping = false;
            self.pending = String::new();
            return each(Frame::Value(number, &value));
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
            return each(Frame::Bad(
                number,
                format!("nested deeper than {MAX_DEPTH} levels; the JSON object from line {start} is skipped"),
            ));
        }
        self.pending.push('\n');
        self.pending.push_str(line);
        if self.pending.len() > MAX_REPORT {
            self.pending = String::new();
            self.skipping = !self.scan.closed();
            return each(Frame::Bad(
                self.pending_line,
                format!("the JSON object starting here is longer than {MAX_REPORT} bytes; skipped"),
            ));
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
                    return each(Frame::Bad(at, json_error(&e)));
                }
                Ok(_) => {}
            }
        }
        match serde_json::from_str::<Value>(&self.pending) {
            Ok(value) => {
                self.pending = String::new();
                each(Frame::Value(self.pending_line, &value))
            }
            Err(e) => {
                self.pending = String::new();
                let at = self.pending_line + e.line().saturating_sub(1);
                each(Frame::Bad(at, json_error(&e)))
            }
        }
    }

    /// Reports the pending object at the end of the input, or when a whole report follows it:
    /// a broken line inside it if there is one, else that it never ends.
    fn unfinished(&mut self, each: &mut impl FnMut(Frame<'_>) -> io::Result<()>) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        match serde_json::from_str::<IgnoredAny>(&pending) {
            Err(e) if !e.is_eof() => {
                let at = self.pending_line + e.line().saturating_sub(1);
                each(Frame::Bad(at, json_error(&e)))
            }
            _ => each(Frame::Bad(self.pending_line, "the JSON object starting here never ends".to_owned())),
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

    #[test]
    fn values_spread_over_lines_and_bad_lines_come_in_order() {
        let input = b"{\"a\": 1}\nnot json\n{\n  \"b\": [1,\n 2]\n}\n{\"c\":";
        let mut seen = Vec::new();
        frames(&input[..], |frame| {
            match frame {
                Frame::Value(line, value) => seen.push(format!("{line}: {value}")),
                Frame::Bad(line, e) => seen.push(format!("{line}: bad {e}")),
                Frame::Drained => {}
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                "1: {\"a\":1}",
                "2: bad column 2: expected ident",
                "3: {\"b\":[1,2]}",
                "7: bad the JSON object starting here never ends",
            ]
        );
    }
}
