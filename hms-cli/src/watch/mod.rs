//! `hms watch`: a printer's reports, live over MQTT or replayed from a capture, turned into
//! alerts: each code that should notify is printed once when it is raised, with its
//! explanation, and once when it is cleared (after it stayed away for the hold time; see
//! [`hms_catalog::tracker`]).

use std::io::{self, BufRead, Write};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use hms_catalog::report::active;

use crate::frames::Frame;
use hms_catalog::tracker::{Event, EventKind, Tracker};
use hms_catalog::{Alert, AnyCode, lookup};
use serde_json::{Value, json};

use crate::{View, explain};

pub mod mqtt;
pub mod tls;

pub use mqtt::{Fatal, Incoming, Printer, Status};
pub use tls::Trust;

/// At most this many codes are raised at once per printer; more are counted and left out
/// until there is room (a printer shows far fewer).
pub const MAX_RAISED: usize = 64;
/// At most this many codes can be muted.
pub const MAX_MUTED: usize = 64;

/// How alerts are told.
#[derive(Clone, Debug)]
pub struct Options {
    /// JSON lines instead of text.
    pub json: bool,
    /// How long a code must stay away before it is cleared.
    pub hold: Duration,
    /// Codes never raised.
    pub muted: Vec<AnyCode>,
    /// The least class raised (`Status`: every code the printer shows; `Fault`: faults
    /// only); silent codes are never raised.
    pub least: Alert,
    /// The printer model and language of the explanations.
    pub view: View,
}

/// Turns messages into printed alerts.
pub struct Watcher<'a, W: Write, E: Write> {
    options: Options,
    tracker: Tracker<MAX_RAISED, MAX_MUTED>,
    out: &'a mut W,
    errors: &'a mut E,
    messages: u64,
}

impl<'a, W: Write, E: Write> Watcher<'a, W, E> {
    /// A watcher with nothing raised; `Err` when more codes are muted than it can hold.
    pub fn new(options: Options, out: &'a mut W, errors: &'a mut E) -> Result<Self, String> {
        let hold = u64::try_from(options.hold.as_millis()).unwrap_or(u64::MAX);
        let mut tracker = Tracker::new(hold);
        for &code in &options.muted {
            tracker.mute(code).map_err(|_| format!("at most {MAX_MUTED} codes can be muted"))?;
        }
        Ok(Watcher { options, tracker, out, errors, messages: 0 })
    }

    /// Takes in one message's payload, received `at` after the watch began.
    pub fn message(&mut self, at: Duration, payload: &[u8]) -> io::Result<()> {
        self.messages += 1;
        let number = self.messages;
        let value: Value = match serde_json::from_slice(payload) {
            Ok(value) => value,
            Err(e) => return writeln!(self.errors, "hms: message {number}: not JSON: {e}"),
        };
        self.take(at, number, &value)
    }

    /// Takes in one message already read as JSON, received `at` after the watch began.
    pub fn value(&mut self, at: Duration, value: &Value) -> io::Result<()> {
        self.messages += 1;
        self.take(at, self.messages, value)
    }

    fn take(&mut self, at: Duration, number: u64, value: &Value) -> io::Result<()> {
        let (found, problems) = active(value);
        for problem in problems {
            writeln!(self.errors, "hms: message {number}: {problem}")?;
        }
        let report = found.report();
        let model = self.options.view.model;
        let mut events = Vec::new();
        let least = self.options.least.max(Alert::Status);
        self.tracker.update(millis(at), report, |code| lookup(code).alert(model) >= least, |e| events.push(e));
        self.write(&events)
    }

    /// Clears what has been away for the hold time by `at`.
    pub fn tick(&mut self, at: Duration) -> io::Result<()> {
        let mut events = Vec::new();
        self.tracker.tick(millis(at), |e| events.push(e));
        self.write(&events)
    }

    /// The end of the input at `at`: codes already gone are cleared now, without waiting out
    /// the hold; codes still reported stay raised.
    pub fn finish(&mut self, at: Duration) -> io::Result<()> {
        self.tick(at + self.options.hold)?;
        self.out.flush()
    }

    fn write(&mut self, events: &[Event]) -> io::Result<()> {
        for event in events {
            let found = lookup(event.code);
            let view = self.options.view;
            let kind = match event.kind {
                EventKind::Raised => "raised",
                EventKind::Cleared => "cleared",
            };
            if self.options.json {
                let mut line = json!({
                    "event": kind,
                    "at_ms": event.at,
                    "code": event.code.to_string(),
                    "alert": found.alert(view.model).name(),
                });
                match event.kind {
                    EventKind::Raised => {
                        line["explanation"] = serde_json::to_value(found.answer(view.model, view.lang))?;
                    }
                    EventKind::Cleared => line["title"] = json!(found.title().map(|t| t.to_string())),
                }
                serde_json::to_writer(&mut *self.out, &line)?;
                writeln!(self.out)?;
            } else {
                let seconds = event.at as f64 / 1000.0;
                match event.kind {
                    EventKind::Raised => {
                        writeln!(self.out, "{kind} {} at {seconds:.1} s", event.code)?;
                        explain::write_text(&found, view, self.out)?;
                        writeln!(self.out)?;
                    }
                    EventKind::Cleared => {
                        let title = found.title().map(|t| format!(": {t}")).unwrap_or_default();
                        writeln!(self.out, "{kind} {} at {seconds:.1} s{title}", event.code)?;
                    }
                }
            }
        }
        if !events.is_empty() {
            self.out.flush()?;
        }
        Ok(())
    }
}

fn millis(at: Duration) -> u64 {
    u64::try_from(at.as_millis()).unwrap_or(u64::MAX)
}

/// Watches a printer until `stop` is set. Connection changes are told on `errors`.
pub fn live(
    printer: &Printer,
    options: Options,
    stop: &AtomicBool,
    out: &mut impl Write,
    errors: &mut impl Write,
) -> Result<(), Fatal> {
    let start = Instant::now();
    let mut watcher = Watcher::new(options, out, errors).map_err(Fatal::Setup)?;
    let result = mqtt::watch(printer, stop, |incoming| match incoming {
        Incoming::Message(payload) => watcher.message(start.elapsed(), payload),
        Incoming::Status(status) => {
            match status {
                Status::Connected => writeln!(watcher.errors, "hms: connected to {}:{}", printer.host, printer.port),
                Status::Lost { reason, retry_in } => writeln!(
                    watcher.errors,
                    "hms: connection lost ({reason}); trying again in {:.1} s",
                    retry_in.as_secs_f64()
                ),
            }?;
            watcher.tick(start.elapsed())
        }
    });
    watcher.out.flush().map_err(Fatal::Output)?;
    result
}

/// Replays a capture: one message per line (or one JSON value spread over lines), taken to
/// arrive `interval` apart. A line that is not JSON is reported and skipped.
pub fn replay(
    input: impl BufRead,
    interval: Duration,
    options: Options,
    out: &mut impl Write,
    errors: &mut impl Write,
) -> io::Result<()> {
    let mut watcher = Watcher::new(options, out, errors).map_err(io::Error::other)?;
    let mut at = Duration::ZERO;
    crate::frames::frames(input, |frame| {
        match frame {
            Frame::Value(_, value) => watcher.value(at, value)?,
            Frame::Bad(line, e) => writeln!(watcher.errors, "hms: line {line}: {e}")?,
            Frame::Drained => return Ok(()),
        }
        at += interval;
        Ok(())
    })?;
    watcher.finish(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::View;
    use hms_catalog::{Lang, Model};

    /// The codes raised by a report holding a cancelled print (a status), a code the X2D keeps
    /// silent and an AMS fault, watched from `least` up.
    fn raised(least: Alert) -> Vec<String> {
        let report = br#"{"print":{"print_error":50348044,"hms":[
            {"attr":83886336,"code":131083},{"attr":117448704,"code":131075}]}}"#;
        let options = Options {
            json: true,
            hold: Duration::from_secs(1),
            muted: Vec::new(),
            least,
            view: View { model: Some(Model::X2D), lang: Lang::En },
        };
        let (mut out, mut errors) = (Vec::new(), Vec::new());
        let mut watcher = Watcher::new(options, &mut out, &mut errors).unwrap();
        watcher.message(Duration::ZERO, report).unwrap();
        drop(watcher);
        assert!(errors.is_empty(), "{}", String::from_utf8_lossy(&errors));
        let lines = String::from_utf8(out).unwrap();
        lines
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                format!("{} {}", v["code"].as_str().unwrap(), v["alert"].as_str().unwrap())
            })
            .collect()
    }

    #[test]
    fn raises_the_classes_asked_for_and_never_silent_codes() {
        let all = raised(Alert::Status);
        assert_eq!(all.len(), 2, "{all:?}");
        assert!(all.contains(&"0300-400C status".to_owned()), "{all:?}");
        assert!(all.iter().any(|c| c.starts_with("0700_2000_0002_0003 fault")), "{all:?}");
        assert_eq!(raised(Alert::Silent), all, "silent codes never raise");
        assert_eq!(raised(Alert::Fault), ["0700_2000_0002_0003 fault"]);
    }
}
