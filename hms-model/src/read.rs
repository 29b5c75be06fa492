//! Reading a catalog file and the files it includes: one pass over each file for its value and
//! positions, then each section's items as the schema's structs.

use serde_yaml::Value;

use crate::diagnostics::Sink;
use crate::fit::{Misfit, Step, Unfit};
use crate::schema::{Item, Raw, SCHEMA_VERSION, read_item};
use crate::spans::{Indexed, Spans, Stop};

const SECTIONS: [&str; 7] = ["schema", "include", "modules", "models", "levels", "procedures", "codes"];

/// The sections an included file may hold.
const INCLUDED_SECTIONS: [&str; 2] = ["procedures", "codes"];

/// Reads a catalog file, as a `path -> text` function gives the files it includes; `None`
/// when the catalog itself is too broken to check further (the sink says why). An included
/// file too broken to read adds nothing, and the rest is still checked.
pub fn read(source: &str, sink: &mut Sink, resolve: &mut dyn FnMut(&str) -> Result<String, String>) -> Option<Raw> {
    let (mut spans, top) = document(source, 0, sink)?;
    for key in top.keys() {
        match key.as_str() {
            Some(k) if SECTIONS.contains(&k) => {}
            _ => {
                let name = key.as_str().unwrap_or("?");
                sink.error(
                    &spans,
                    &format!("{name}#key"),
                    format!(
                        "unknown section `{name}`, expected one of {}",
                        SECTIONS.map(|s| format!("`{s}`")).join(", ")
                    ),
                );
            }
        }
    }
    match spans.scalar("schema") {
        Some(v) if v.trim() == SCHEMA_VERSION.to_string() => {}
        Some(v) => sink.error(
            &spans,
            "schema",
            format!("unsupported schema version `{v}`, this build reads version {}", SCHEMA_VERSION),
        ),
        None if top.get("schema").is_some() => sink.error(&spans, "schema", "`schema` must be a version number"),
        None => sink.error(&spans, "", "missing `schema: 1` at the top of the catalog"),
    }
    let mut raw = Raw {
        includes: Vec::new(),
        modules: section(&top, "", "modules", true, &spans, sink),
        models: section(&top, "", "models", false, &spans, sink),
        levels: section(&top, "", "levels", true, &spans, sink),
        procedures: section(&top, "", "procedures", false, &spans, sink),
        codes: section(&top, "", "codes", false, &spans, sink),
        spans: Spans::default(),
    };
    for (at, written) in crate::include::paths(&top, &spans, sink) {
        let display = crate::include::display_name(sink.file_name(0), &written);
        let text = match resolve(&written) {
            Ok(text) => text,
            Err(e) => {
                sink.error(&spans, &at, format!("cannot read included file `{written}`: {e}"));
                continue;
            }
        };
        let file = sink.add_file(display);
        raw.includes.push(written);
        let Some((included, top)) = document(&text, file, sink) else { continue };
        let prefix = format!("~{file}");
        spans.merge(included, &prefix);
        for key in top.keys() {
            let name = key.as_str().unwrap_or("?");
            if !INCLUDED_SECTIONS.contains(&name) {
                sink.error(
                    &spans,
                    &format!("{prefix}.{name}#key"),
                    format!(
                        "section `{name}` is not allowed in an included file: it may hold only `procedures` and `codes`"
                    ),
                );
            }
        }
        let codes = spans.items(&format!("{prefix}.codes"));
        if raw.codes.len() + codes > crate::limits::MAX_CODES {
            let message = format!(
                "{} codes with the files before this one, more than the {} the tables can hold",
                raw.codes.len() + codes,
                crate::limits::MAX_CODES
            );
            sink.error(&spans, &format!("{prefix}.codes"), message);
            continue;
        }
        let prefix = format!("{prefix}.");
        raw.procedures.extend(section(&top, &prefix, "procedures", false, &spans, sink));
        raw.codes.extend(section(&top, &prefix, "codes", false, &spans, sink));
    }
    raw.spans = spans;
    Some(raw)
}

/// One file read: its span index and its top mapping; `None`, with diagnostics, when it is
/// too large, too deep, uses aliases, is not YAML, or is not a mapping.
fn document(source: &str, file: usize, sink: &mut Sink) -> Option<(Spans, serde_yaml::Mapping)> {
    let what = if file == 0 { "the catalog" } else { "the included file" };
    if source.len() > crate::limits::MAX_SOURCE_BYTES {
        sink.error_at(
            file,
            1,
            1,
            format!(
                "{what} is {} bytes long, more than the {} bytes this build reads",
                source.len(),
                crate::limits::MAX_SOURCE_BYTES
            ),
        );
        return None;
    }
    // One pass reads the value and the positions; it refuses, in time linear in the source,
    // what would make reading slow or the value huge (aliases expand).
    let Indexed { spans, value, stop } = Spans::index(source, file);
    if let Some(stop) = stop {
        let (line, column, message) = match stop {
            Stop::TooDeep { line, column } => (
                line,
                column,
                format!(
                    "collections nested more than {} levels deep: a catalog needs four (section, entry, list, text)",
                    crate::limits::MAX_NESTING
                ),
            ),
            Stop::Alias { line, column } => {
                (line, column, "aliases (`*name`) are not supported in the catalog: write the value out".to_owned())
            }
            Stop::Tag { line, column } => (
                line,
                column,
                "tags (`!!str`, `!name`) are not supported in the catalog: write the value plainly, or quote it"
                    .to_owned(),
            ),
            Stop::ComplexKey { line, column } => {
                (line, column, "a key must be a name, not a list or a mapping".to_owned())
            }
            Stop::Documents { line, column } => {
                (line, column, format!("{what} must be one YAML document: remove this `---` and what follows"))
            }
            Stop::Syntax { line, column, message, .. } => (line, column, format!("not valid YAML here: {message}")),
        };
        sink.error_at(file, line, column, message);
        return None;
    }
    let codes = spans.items("codes");
    if codes > crate::limits::MAX_CODES {
        sink.error(
            &spans,
            "codes",
            format!("{codes} codes, more than the {} the tables can hold", crate::limits::MAX_CODES),
        );
        return None;
    }
    // A key written twice, at its second use.
    if let Some(repeated) = spans.repeated() {
        sink.error(&spans, &repeated.at, repeated_key(&repeated.mapping, &repeated.written));
        return None;
    }
    match value {
        Value::Mapping(top) => Some((spans, top)),
        // An empty included file adds nothing.
        Value::Null if file != 0 => Some((spans, serde_yaml::Mapping::new())),
        _ if file == 0 => {
            sink.error(
                &spans,
                "",
                "the catalog must be a mapping of `schema`, `modules`, `levels`, `procedures` and `codes`",
            );
            None
        }
        _ => {
            sink.error(&spans, "", "an included file must be a mapping of `procedures` and `codes`");
            None
        }
    }
}

/// The items of section `name` of the mapping `top`, each with its path (`prefix` + `codes.3`)
/// in the merged span index.
fn section<T: Item>(
    top: &serde_yaml::Mapping,
    prefix: &str,
    name: &str,
    required: bool,
    spans: &Spans,
    sink: &mut Sink,
) -> Vec<(String, T)> {
    let items = match top.get(name) {
        Some(Value::Sequence(items)) => items,
        Some(Value::Null) | None if !required => return Vec::new(),
        None => {
            sink.error(spans, prefix.trim_end_matches('.'), format!("missing section `{name}`"));
            return Vec::new();
        }
        Some(_) => {
            sink.error(spans, &format!("{prefix}{name}"), format!("`{name}` must be a list"));
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("{prefix}{name}.{i}");
        match read_item::<T>(item) {
            Ok(value) => out.push((path, value)),
            Err(unfit) => {
                let (at, message) = unfit_message(&path, &format!("{name}[{i}]"), unfit);
                sink.error(spans, &at, message);
            }
        }
    }
    out
}

/// Where an item's misfit is (a span path under the item's `path`) and what to say of it;
/// `item` names the item in the message: `codes[3]`.
fn unfit_message(path: &str, item: &str, Unfit { at, misfit }: Unfit) -> (String, String) {
    let mut span = path.to_owned();
    let mut field = String::new();
    for step in &at {
        match step {
            Step::Field(name) => {
                span = format!("{span}.{name}");
                field = if field.is_empty() { name.clone() } else { format!("{field}.{name}") };
            }
            Step::Index(i) => {
                span = format!("{span}.{i}");
                field = format!("{field}[{i}]");
            }
        }
    }
    let within = |name: &str| if field.is_empty() { name.to_owned() } else { format!("{field}.{name}") };
    match misfit {
        Misfit::UnknownField { key, fields } => (
            format!("{span}.{key}#key"),
            format!("{item}: unknown field `{}`; expected one of: {}", within(&key), fields.join(", ")),
        ),
        Misfit::Missing { field: missing, what, required } => {
            (span, format!("{item}: `{}` is missing; {what} must have {}", within(missing), required.join(", ")))
        }
        Misfit::Wrong { expected, found } if field.is_empty() => {
            (span, format!("{item} must be {expected} (found {found})"))
        }
        Misfit::Wrong { expected, found } => (span, format!("{item}: `{field}` must be {expected} (found {found})")),
        Misfit::Unread { what } => (span, format!("{item} cannot be read as {what}")),
    }
}

/// The message for key `written` (as written) used twice in the mapping at `mapping` (a path
/// as messages write it: `codes[0]`, empty for the top mapping).
fn repeated_key(mapping: &str, written: &str) -> String {
    let message = format!("`{written}` is written twice in one mapping; keep one");
    if mapping.is_empty() { message } else { format!("{mapping}: {message}") }
}

#[cfg(test)]
mod tests {
    fn errors(source: &str) -> Vec<String> {
        crate::parse(source, "c.yaml")
            .unwrap_err()
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn a_value_of_the_wrong_type_is_placed_at_its_field() {
        let source = "schema: 1\nmodules: [{ id: \"07\", abbr: A, name: B, lettered: 3 }]\nlevels: []\ncodes:\n  \
                      - code: 0700_0100_0001_0001\n    title: t\n    meaning: m\n    causes: [a, {b: c}]\n";
        assert_eq!(
            errors(source),
            [
                "2:51: modules[0]: `lettered` must be `true` or `false` (found the number 3)",
                "8:17: codes[0]: `causes[1]` must be a text (found a mapping)",
            ]
        );
    }

    #[test]
    fn a_repeated_key_is_placed_at_its_second_use() {
        let nested = "schema: 1\nmodules: [{ id: \"07\", id: \"08\", abbr: A, name: B }]\nlevels: []\n";
        assert_eq!(errors(nested), ["2:23: modules[0]: `id` is written twice in one mapping; keep one"]);
        let section = "schema: 1\nmodules: []\nlevels: []\nlevels: []\n";
        assert_eq!(errors(section), ["4:1: `levels` is written twice in one mapping; keep one"]);
    }

    #[test]
    fn one_document_of_plain_yaml_is_read() {
        let head = "schema: 1\nmodules: []\nlevels: []\n";
        assert_eq!(
            errors(&format!("{head}---\ncodes: []\n")),
            ["4:1: the catalog must be one YAML document: remove this `---` and what follows"]
        );
        assert_eq!(
            errors(&format!("{head}codes: !!seq []\n")),
            ["4:8: tags (`!!str`, `!name`) are not supported in the catalog: write the value plainly, or quote it"]
        );
        assert_eq!(errors(&format!("{head}? [a]\n: b\n")), ["4:3: a key must be a name, not a list or a mapping"]);
        let syntax = errors(&format!("{head}codes: [a, b\n"));
        assert_eq!(
            syntax,
            [
                "5:1: not valid YAML here: a list `[...]` or mapping `{...}` that is not closed, or whose items lack a comma between them"
            ]
        );
    }
}
