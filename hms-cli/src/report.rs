//! What one parsed MQTT message reports: the codes of its `print.hms` entries and its
//! `print.print_error`, shared by `hms decode` and the Python package.

use hms_catalog::{AnyCode, Hms, PrintError};
use serde_json::Value;

/// A code a report carries, and the field it is in (`print.hms[0]`, `print.print_error`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reported {
    /// Where in the report: `print.hms[i]` or `print.print_error`.
    pub field: String,
    /// The code as reported.
    pub code: AnyCode,
}

/// The codes of one parsed MQTT message, in order: one per `print.hms` entry and one for a
/// non-zero `print.print_error`, or what is wrong with an entry. `None` when the message has
/// no `print` object with `hms` or `print_error` (a few levels down).
pub fn reported(value: &Value) -> Option<Vec<Result<Reported, String>>> {
    let mut reports = Vec::new();
    find_reports(value, 0, &mut reports);
    if reports.is_empty() {
        return None;
    }
    let mut found = Vec::new();
    for print in reports {
        if let Some(hms) = print.get("hms") {
            let Some(entries) = hms.as_array() else {
                found.push(Err("print.hms must be a list".to_owned()));
                continue;
            };
            for (i, entry) in entries.iter().enumerate() {
                found.push(match (u32_field(entry, "attr"), u32_field(entry, "code")) {
                    (Some(attr), Some(code)) => {
                        Ok(Reported { field: format!("print.hms[{i}]"), code: Hms::from_mqtt(attr, code).into() })
                    }
                    _ => Err(format!("print.hms[{i}] must be {{\"attr\": u32, \"code\": u32}}, found {entry}")),
                });
            }
        }
        if let Some(v) = print.get("print_error") {
            match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(0) => {}
                Some(n) => found
                    .push(Ok(Reported { field: "print.print_error".to_owned(), code: PrintError::from_u32(n).into() })),
                None => found.push(Err(format!("print.print_error must be a u32, found {v}"))),
            }
        }
    }
    Some(found)
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
