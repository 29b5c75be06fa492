//! The HMS catalog as a web page: `hms-catalog` compiled to WebAssembly, each answer rendered
//! to HTML here and put in place by the page's small script (`page/`). `cargo xtask site`
//! builds the page; see the README's "Web page".
//!
//! Only the project's own texts are compiled in; the `official` feature adds Bambu's English
//! texts, marked as theirs, for a local build made after an import.

pub mod find;
pub mod render;

use std::fmt::Write;

use hms_catalog::report::{self, Reported};
use hms_catalog::{AnyCode, Level, Model, Module, lookup};
use wasm_bindgen::prelude::wasm_bindgen;

use render::Escaped;

/// The answer for what was typed or pasted: a code in any spelling the parser takes
/// (`HMS_0700-2000-0002-0003`, `0700_2000_0002_0003`, `0300-400C`...) or a printer's MQTT
/// report as JSON, explained for `model` (an id, `""` for none). Bad input gives one
/// `<p class="error">` that says why.
#[wasm_bindgen]
pub fn explain(input: &str, model: &str) -> String {
    let mut out = String::new();
    let input = input.trim();
    let model = Model::resolve(model).ok().flatten();
    if input.is_empty() {
        return out;
    }
    if input.starts_with('{') {
        match report::read(input.as_bytes()) {
            Ok(items) if items.is_empty() => error(&mut out, "the report carries no code"),
            Ok(items) => {
                for item in items {
                    match item {
                        Ok(Reported { code, .. }) => render::answer(&lookup(code), model, &mut out),
                        Err(e) => error(&mut out, e),
                    }
                }
            }
            Err(e) => error(&mut out, e),
        }
        return out;
    }
    match AnyCode::parse(input) {
        Ok(code) => render::answer(&lookup(code), model, &mut out),
        Err(e) => error(&mut out, format_args!("not a code: {e}")),
    }
    out
}

fn error(out: &mut String, message: impl std::fmt::Display) {
    let _ = write!(out, "<p class=\"error\" role=\"alert\">{}</p>", Escaped(message));
}

/// The entries whose titles hold every word of `words`, as a list of links.
#[wasm_bindgen]
pub fn search(words: &str) -> String {
    let mut out = String::new();
    find::search(words, &mut out);
    out
}

/// The entries of a module (`07`, `""` for all) at a level (`error`, `""` for all).
#[wasm_bindgen]
pub fn list(module: &str, level: &str) -> String {
    let mut out = String::new();
    find::list(module, level, &mut out);
    out
}

/// `<option>`s of the printer models, the first for none.
#[wasm_bindgen]
pub fn model_options() -> String {
    let mut out = String::from("<option value=\"\">Any printer</option>");
    for m in Model::ALL.iter().filter(|m| m.serial_prefix().is_some() || !m.id().is_empty()) {
        let _ = write!(out, "<option value=\"{}\">{}</option>", Escaped(m.id()), Escaped(m.name()));
    }
    out
}

/// `<option>`s of the modules and of the levels, for the list.
#[wasm_bindgen]
pub fn filter_options() -> String {
    let mut out = String::from("<select id=\"module\" aria-label=\"Module\"><option value=\"\">Every module</option>");
    for m in Module::ALL {
        let _ = write!(out, "<option value=\"{:02X}\">{:02X} {}</option>", m.id(), m.id(), Escaped(m.name()));
    }
    out.push_str("</select><select id=\"level\" aria-label=\"Level\"><option value=\"\">Every level</option>");
    for l in Level::ALL {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", l.name());
    }
    out.push_str("</select>");
    out
}

/// Whether Bambu's texts are compiled in (a local build, marked as such on the page).
#[wasm_bindgen]
pub fn with_official_texts() -> bool {
    cfg!(feature = "official")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_form_is_answered_or_refused_with_a_reason() {
        for spelled in ["HMS_0700-2000-0002-0003", "0700_2000_0002_0003", " 0700200000020003 "] {
            assert!(explain(spelled, "H2D").contains("data-code=\"0700_2000_0002_0003\""), "{spelled}");
        }
        assert!(explain("0300-400C", "").contains("data-code=\"0300-400C\""));
        let report = r#"{"print": {"hms": [{"attr": 117448704, "code": 131075}], "print_error": 50348044}}"#;
        assert_eq!(explain(report, "").matches("<article").count(), 2);
        assert!(explain("0700_20", "").starts_with("<p class=\"error\" role=\"alert\">not a code: "));
        assert!(explain("{\"print\": ", "").starts_with("<p class=\"error\""));
        assert_eq!(explain("  ", ""), "");
    }

    #[test]
    fn options_name_every_model_module_and_level() {
        assert!(model_options().contains("<option value=\"H2D\">"));
        let filters = filter_options();
        assert!(filters.contains("<option value=\"07\">07 Automated Material System</option>"), "{filters}");
        assert!(filters.contains("<option value=\"error\">error</option>"));
    }
}
