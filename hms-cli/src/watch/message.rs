//! One MQTT message as the tracker needs it: the `print.hms` list and the `print.print_error`
//! value, each only when the message carries it, so a partial update leaves the other alone.

use hms_catalog::{Hms, PrintError};
use serde_json::Value;

/// What a message says about the active codes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Active {
    /// `print.hms`, if the message has a well-formed one.
    pub hms: Option<Vec<Hms>>,
    /// `print.print_error`, if the message has a well-formed one (`Some(None)` for 0).
    pub print_error: Option<Option<PrintError>>,
}

/// Reads a message's `print` object (or the message itself when it holds `hms` or
/// `print_error`). A malformed field is left out, as if the message did not carry it, and
/// said in the returned problems; other fields still count.
pub fn active(message: &Value) -> (Active, Vec<String>) {
    let mut found = Active::default();
    let mut problems = Vec::new();
    let print = match message.get("print") {
        Some(print) => print,
        None => message,
    };
    if let Some(hms) = print.get("hms") {
        match hms_list(hms) {
            Ok(list) => found.hms = Some(list),
            Err(problem) => problems.push(problem),
        }
    }
    if let Some(value) = print.get("print_error") {
        match value.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(0) => found.print_error = Some(None),
            Some(n) => found.print_error = Some(Some(PrintError::from_u32(n))),
            None => problems.push(format!("print.print_error must be a u32, found {value}")),
        }
    }
    (found, problems)
}

fn hms_list(hms: &Value) -> Result<Vec<Hms>, String> {
    let entries = hms.as_array().ok_or_else(|| format!("print.hms must be a list, found {hms}"))?;
    let field = |entry: &Value, name: &str| entry.get(name)?.as_u64().and_then(|n| u32::try_from(n).ok());
    entries
        .iter()
        .enumerate()
        .map(|(i, entry)| match (field(entry, "attr"), field(entry, "code")) {
            (Some(attr), Some(code)) => Ok(Hms::from_mqtt(attr, code)),
            _ => Err(format!("print.hms[{i}] must be {{\"attr\": u32, \"code\": u32}}, found {entry}")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn fields_count_only_where_present_and_well_formed() {
        let (a, p) =
            active(&json!({"print": {"hms": [{"attr": 0x0700_2000u32, "code": 0x0002_0003}], "print_error": 0}}));
        assert_eq!(a.hms, Some(vec![Hms::from_mqtt(0x0700_2000, 0x0002_0003)]));
        assert_eq!((a.print_error, p.len()), (Some(None), 0));
        let (a, p) = active(&json!({"print": {"nozzle_temper": 210}}));
        assert_eq!((a, p.len()), (Active::default(), 0));
        let (a, p) = active(&json!({"print": {"hms": [{"attr": "x"}], "print_error": 50348044}}));
        assert_eq!(a.hms, None);
        assert_eq!(a.print_error, Some(Some(PrintError::from_u32(50348044))));
        assert_eq!(p, ["print.hms[0] must be {\"attr\": u32, \"code\": u32}, found {\"attr\":\"x\"}"]);
        let (a, p) = active(&json!({"hms": 3, "print_error": -1}));
        assert_eq!((a, p.len()), (Active::default(), 2));
    }
}
