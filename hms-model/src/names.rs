//! Enum variant names: the catalog names the variants of the enums it generates.

use std::collections::HashMap;

use crate::diagnostics::Sink;
use crate::spans::Spans;

/// Enum variant names of one enum: valid identifiers, each used once.
pub struct Names {
    what: &'static str,
    /// Each name with the span path of its first use.
    seen: HashMap<String, String>,
}

impl Names {
    pub fn new(what: &'static str) -> Names {
        Names { what, seen: HashMap::new() }
    }

    pub fn claim(&mut self, name: &str, path: &str, spans: &Spans, sink: &mut Sink) {
        if !is_variant_name(name) {
            sink.error(spans, path, format!("{} `{name}` is not a valid Rust enum variant: use CamelCase letters and digits, starting with a capital", self.what));
        } else if let Some(first) = self.seen.get(name) {
            let place = sink.place(spans, first, path);
            sink.error(spans, path, format!("duplicate {} `{name}`: already used at {place}", self.what));
        } else {
            self.seen.insert(name.to_owned(), path.to_owned());
        }
    }
}

fn is_variant_name(name: &str) -> bool {
    const RESERVED: [&str; 2] = ["Self", "ALL"];
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && !RESERVED.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_must_be_camel_case_identifiers() {
        assert!(is_variant_name("AmsAssistMotorSpeed"));
        assert!(!is_variant_name("ams_motor"));
        assert!(!is_variant_name("Self"));
        assert!(!is_variant_name("9Lives"));
    }
}
