//! The codes a printer's MQTT report carries (feature `json`): one per `print.hms` entry and
//! one for a non-zero `print.print_error`, read from the report's JSON text or its parsed
//! value, with what is wrong with each entry that is not a code.
//!
//! ```
//! use hms_catalog::report::{read, Field};
//! let text = br#"{"print": {"hms": [{"attr": 117579776, "code": 131075}], "print_error": 50348044}}"#;
//! let codes: Vec<_> = read(text)?.into_iter().map(|c| c.unwrap()).collect();
//! assert_eq!(codes[0].field, Field::Hms(0));
//! assert_eq!(codes[0].code.to_string(), "0702_2000_0002_0003");
//! assert_eq!(codes[1].field.to_string(), "print.print_error");
//! assert_eq!(codes[1].code.to_string(), "0300-400C");
//! # Ok::<(), hms_catalog::report::ReportError>(())
//! ```

use alloc::vec::Vec;
use core::fmt;

use serde_json::Value;

use crate::{AnyCode, Hms, PrintError};

/// Where in a report a code is: `print.hms[i]` or `print.print_error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Entry `i` (from 0) of `print.hms`.
    Hms(usize),
    /// `print.print_error`.
    PrintError,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Hms(i) => write!(f, "print.hms[{i}]"),
            Field::PrintError => f.write_str("print.print_error"),
        }
    }
}

/// A code a report carries, and the field it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reported {
    /// Where in the report.
    pub field: Field,
    /// The code as reported.
    pub code: AnyCode,
}

/// What is wrong with a report, or with one of its entries. Its `Display` says what and where.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReportError {
    /// The text is not JSON (serde_json's message).
    NotJson(serde_json::Error),
    /// The JSON is not an object.
    NotAnObject,
    /// No `print` object with `hms` or `print_error` (a few levels down).
    NoReport,
    /// `print.hms` is not a list.
    HmsNotAList,
    /// Entry `index` of `print.hms` is not `{"attr": u32, "code": u32}`.
    BadHmsEntry {
        /// Its position in `print.hms`, from 0.
        index: usize,
        /// The entry as found.
        found: Value,
    },
    /// `print.print_error` is not a `u32`.
    BadPrintError {
        /// The value as found.
        found: Value,
    },
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::NotJson(e) => write!(f, "the report is not JSON: {e}"),
            ReportError::NotAnObject => f.write_str("the report is not a JSON object"),
            ReportError::NoReport => f.write_str("no `print` object with `hms` or `print_error`"),
            ReportError::HmsNotAList => f.write_str("print.hms must be a list"),
            ReportError::BadHmsEntry { index, found } => {
                write!(f, "print.hms[{index}] must be {{\"attr\": u32, \"code\": u32}}, found {found}")
            }
            ReportError::BadPrintError { found } => write!(f, "print.print_error must be a u32, found {found}"),
        }
    }
}

impl core::error::Error for ReportError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            ReportError::NotJson(e) => Some(e),
            _ => None,
        }
    }
}

/// The codes of a report's JSON text (UTF-8): as [`reported`], after the text is parsed into
/// an object. Text that is not a JSON object, or an object without a report, is an error; an
/// entry that is not a code is an error in its place in the list.
pub fn read(text: &[u8]) -> Result<Vec<Result<Reported, ReportError>>, ReportError> {
    match serde_json::from_slice(text).map_err(ReportError::NotJson)? {
        value @ Value::Object(_) => reported(&value).ok_or(ReportError::NoReport),
        _ => Err(ReportError::NotAnObject),
    }
}

/// The codes of one parsed MQTT message, in order: one per `print.hms` entry and one for a
/// non-zero `print.print_error`, or what is wrong with an entry. The report is the message
/// itself when it holds `hms` or `print_error`, else its `print` member, else that of an
/// object wrapping it (a few levels down); `None` when there is no report (a message of
/// another kind). A partial update without either field gives `None`.
pub fn reported(value: &Value) -> Option<Vec<Result<Reported, ReportError>>> {
    let mut reports = Vec::new();
    find_reports(value, 0, &mut reports);
    if reports.is_empty() {
        return None;
    }
    let mut found = Vec::new();
    for print in reports {
        if let Some(hms) = print.get("hms") {
            let Some(entries) = hms.as_array() else {
                found.push(Err(ReportError::HmsNotAList));
                continue;
            };
            for (index, entry) in entries.iter().enumerate() {
                found.push(match (u32_field(entry, "attr"), u32_field(entry, "code")) {
                    (Some(attr), Some(code)) => {
                        Ok(Reported { field: Field::Hms(index), code: Hms::from_mqtt(attr, code).into() })
                    }
                    _ => Err(ReportError::BadHmsEntry { index, found: entry.clone() }),
                });
            }
        }
        if let Some(v) = print.get("print_error") {
            match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(0) => {}
                Some(n) => found.push(Ok(Reported { field: Field::PrintError, code: PrintError::from_u32(n).into() })),
                None => found.push(Err(ReportError::BadPrintError { found: v.clone() })),
            }
        }
    }
    Some(found)
}

/// What one message says about the active codes, for a [`Tracker`](crate::tracker::Tracker):
/// the `print.hms` list and the `print.print_error` value, each only when the message carries
/// it, so that a partial update leaves the other alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Active {
    /// `print.hms`, if the message has a well-formed one.
    pub hms: Option<Vec<Hms>>,
    /// `print.print_error`, if the message has a well-formed one (`Some(None)` for 0).
    pub print_error: Option<Option<PrintError>>,
}

impl Active {
    /// As the tracker takes it.
    pub fn report(&self) -> crate::tracker::Report<'_> {
        crate::tracker::Report { hms: self.hms.as_deref(), print_error: self.print_error }
    }
}

/// The active codes of one parsed message (its first report, found as [`reported`] finds
/// it). A malformed field counts as absent, and is said in the errors: a list with one bad
/// entry is not taken as the printer's whole list, so nothing is cleared by it.
pub fn active(value: &Value) -> (Active, Vec<ReportError>) {
    let mut reports = Vec::new();
    find_reports(value, 0, &mut reports);
    let mut found = Active::default();
    let mut errors = Vec::new();
    let Some(print) = reports.first() else { return (found, errors) };
    if let Some(hms) = print.get("hms") {
        match hms.as_array() {
            None => errors.push(ReportError::HmsNotAList),
            Some(entries) => {
                let mut list = Vec::with_capacity(entries.len());
                for (index, entry) in entries.iter().enumerate() {
                    match (u32_field(entry, "attr"), u32_field(entry, "code")) {
                        (Some(attr), Some(code)) => list.push(Hms::from_mqtt(attr, code)),
                        _ => errors.push(ReportError::BadHmsEntry { index, found: entry.clone() }),
                    }
                }
                if errors.is_empty() {
                    found.hms = Some(list);
                }
            }
        }
    }
    if let Some(v) = print.get("print_error") {
        match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(0) => found.print_error = Some(None),
            Some(n) => found.print_error = Some(Some(PrintError::from_u32(n))),
            None => errors.push(ReportError::BadPrintError { found: v.clone() }),
        }
    }
    (found, errors)
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

#[cfg(test)]
mod tests {
    use std::string::ToString;

    use super::*;

    #[test]
    fn each_entry_is_a_code_or_says_what_is_wrong() {
        let text = br#"{"print": {"hms": [{"attr": 117579776, "code": 131075}, {"attr": -1}], "print_error": 7}}"#;
        let found = read(text).unwrap();
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].as_ref().unwrap().code, AnyCode::Hms(Hms::from_u64(0x0702_2000_0002_0003)));
        let bad = found[1].as_ref().unwrap_err().to_string();
        assert_eq!(bad, r#"print.hms[1] must be {"attr": u32, "code": u32}, found {"attr":-1}"#);
        assert_eq!(found[2].as_ref().unwrap().field, Field::PrintError);
    }

    #[test]
    fn active_codes_count_only_where_present_and_well_formed() {
        let value = |text: &str| -> Value { serde_json::from_str(text).unwrap() };
        let (a, e) = active(&value(r#"{"print": {"hms": [{"attr": 117448704, "code": 131075}], "print_error": 0}}"#));
        assert_eq!(a.hms, Some(std::vec![Hms::from_mqtt(0x0700_2000, 0x0002_0003)]));
        assert_eq!((a.print_error, e.len()), (Some(None), 0));
        let (a, e) = active(&value(r#"{"print": {"nozzle_temper": 210}}"#));
        assert_eq!((a, e.len()), (Active::default(), 0));
        let (a, e) = active(&value(r#"{"print": {"hms": [{"attr": "x"}], "print_error": 50348044}}"#));
        assert_eq!(a.hms, None);
        assert_eq!(a.print_error, Some(Some(PrintError::from_u32(50348044))));
        assert_eq!(e[0].to_string(), r#"print.hms[0] must be {"attr": u32, "code": u32}, found {"attr":"x"}"#);
        let (a, e) = active(&value(r#"{"hms": 3, "print_error": -1}"#));
        assert_eq!((a, e.len()), (Active::default(), 2));
    }

    #[test]
    fn reports_are_found_inside_wrappers_and_other_messages_are_none() {
        let wrapped: Value = serde_json::from_str(r#"{"device": {"print": {"print_error": 0}}}"#).unwrap();
        assert_eq!(reported(&wrapped).map(|f| f.len()), Some(0), "a zero print_error is no code");
        let other: Value = serde_json::from_str(r#"{"print": {"nozzle_temper": 220}}"#).unwrap();
        assert!(reported(&other).is_none());
        assert!(matches!(read(br#"{"print": {"nozzle_temper": 220}}"#), Err(ReportError::NoReport)));
        assert!(matches!(read(b"[1, 2]"), Err(ReportError::NotAnObject)));
        let broken = read(b"{\"print\": ").unwrap_err().to_string();
        assert!(broken.starts_with("the report is not JSON: EOF while parsing"), "{broken}");
        let errors = |text: &str| -> Vec<_> {
            let value: Value = serde_json::from_str(text).unwrap();
            reported(&value).unwrap().into_iter().map(|r| r.unwrap_err().to_string()).collect()
        };
        assert_eq!(errors(r#"{"hms": 3}"#), ["print.hms must be a list"]);
        assert_eq!(errors(r#"{"hms": [], "print_error": "x"}"#), [r#"print.print_error must be a u32, found "x""#]);
    }
}
