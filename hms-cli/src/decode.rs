//! `hms decode`: printer MQTT reports on stdin, every `print.hms` entry and `print.print_error`
//! explained. Reads one JSON object per line, or objects spread over several lines; a
//! malformed line is reported with its number and the rest is still decoded. Each code is
//! written whole, as `hms explain` writes it, or in one line (`--compact`), as [`Form`] says.
//!
//! The input is read by [`frames`](crate::frames), so memory stays bounded whatever it holds.

use std::io::{self, BufRead, Write};

use hms_catalog::report::{Field, Reported, reported};
use hms_catalog::{Lookup, lookup};
use serde::Serialize;
use serde_json::Value;

use crate::explain::{LevelJson, key_if_other, level_json};
use crate::frames::{Frame, frames};
use crate::{Outcome, View, explain};

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
    let mut decoder = Decoder { form, view, worst: Outcome::Known, errors };
    frames(input, |frame| match frame {
        Frame::Value(number, value) => decoder.report(number, value, out),
        Frame::Bad(number, e) => decoder.bad(number, &e),
        Frame::Drained => out.flush(),
    })?;
    out.flush()?;
    Ok(decoder.worst)
}

struct Decoder<'e, E> {
    form: Form,
    view: View,
    worst: Outcome,
    errors: &'e mut E,
}

impl<E: Write> Decoder<'_, E> {
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
    writeln!(out, "{what}: module {}", found.place())
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

#[cfg(test)]
mod tests {
    use super::*;

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
