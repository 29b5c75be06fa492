//! The YAML schema: what each section of catalog.yaml holds, as written.

use serde::Deserialize;
use serde_yaml::Value;

use crate::check::Sink;
use crate::spans::{Spans, Stop};

/// The sections of the file, each item with its path for diagnostics.
pub struct Raw {
    pub spans: Spans,
    pub modules: Vec<(String, RawModule)>,
    pub models: Vec<(String, RawModel)>,
    pub levels: Vec<(String, RawLevel)>,
    pub procedures: Vec<(String, RawProcedure)>,
    pub codes: Vec<(String, RawCode)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModule {
    /// Read from the span index as written; here only to accept the key.
    #[allow(dead_code)]
    pub id: Value,
    pub abbr: String,
    pub name: String,
    pub variant: Option<String>,
    #[serde(default)]
    pub lettered: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModel {
    pub id: String,
    #[allow(dead_code)]
    pub prefix: Option<Value>,
    pub name: String,
    pub variant: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    #[allow(dead_code)]
    pub id: Value,
    pub variant: String,
    pub name: String,
    pub meaning: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProcedure {
    pub name: String,
    pub title: String,
    pub steps: Vec<String>,
    #[serde(default)]
    pub parts: Vec<String>,
    pub support: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCode {
    #[allow(dead_code)]
    pub code: Value,
    pub variant: Option<String>,
    pub title: String,
    pub meaning: String,
    #[serde(default)]
    pub causes: Vec<String>,
    pub procedure: Option<String>,
    pub steps: Option<Vec<String>>,
    #[serde(default)]
    pub parts: Vec<String>,
    pub support: Option<String>,
    pub note: Option<String>,
    pub see_also: Option<String>,
}

/// Past this many `[` and `{`, a source the span pass found malformed is not handed to
/// serde_yaml, whose time grows with the square of the flow nesting (10,000 levels: about a
/// second in a debug build).
const MAX_FLOW_OPENERS: usize = 10_000;

/// The `[` and `{` of `source`: a bound on how deep its flow collections can nest.
fn flow_openers(source: &str) -> usize {
    source.bytes().filter(|&b| b == b'[' || b == b'{').count()
}

const SECTIONS: [&str; 6] = ["schema", "modules", "models", "levels", "procedures", "codes"];

/// Reads the document; `None` when it is too broken to check further (the sink says why).
pub fn read(source: &str, sink: &mut Sink) -> Option<Raw> {
    if source.len() > crate::MAX_SOURCE_BYTES {
        sink.error_at(
            1,
            1,
            format!(
                "the catalog is {} bytes long, more than the {} bytes this build reads",
                source.len(),
                crate::MAX_SOURCE_BYTES
            ),
        );
        return None;
    }
    // The span pass runs first: it refuses, in time linear in the source, what would make the
    // YAML parse below slow (deep flow nesting costs it time quadratic in the depth) or huge
    // (aliases expand).
    let (spans, stop) = Spans::index(source);
    match stop {
        None => {}
        Some(Stop::TooDeep { line, column }) => {
            sink.error_at(
                line,
                column,
                format!(
                    "collections nested more than {} levels deep: a catalog needs four (section, entry, list, text)",
                    crate::MAX_NESTING
                ),
            );
            return None;
        }
        Some(Stop::Alias { line, column }) => {
            sink.error_at(line, column, "aliases (`*name`) are not supported in the catalog: write the value out");
            return None;
        }
        // With few brackets, the YAML parse below is quick and words the error as usual;
        // with many, it could be slow, and this parser's wording stands.
        Some(Stop::Syntax { line, column, message }) if flow_openers(source) > MAX_FLOW_OPENERS => {
            sink.error_at(line, column, message);
            return None;
        }
        Some(Stop::Syntax { .. }) => {}
    }
    let codes = spans.items("codes");
    if codes > crate::MAX_CODES {
        sink.error(&spans, "codes", format!("{codes} codes, more than the {} the tables can hold", crate::MAX_CODES));
        return None;
    }
    let document: Value = match serde_yaml::from_str(source) {
        Ok(v) => v,
        Err(e) => {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            sink.error_at(line, column, strip_location(&e.to_string()));
            return None;
        }
    };
    let Value::Mapping(top) = document else {
        sink.error(
            &spans,
            "",
            "the catalog must be a mapping of `schema`, `modules`, `levels`, `procedures` and `codes`",
        );
        return None;
    };
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
        Some(v) if v.trim() == crate::SCHEMA_VERSION.to_string() => {}
        Some(v) => sink.error(
            &spans,
            "schema",
            format!("unsupported schema version `{v}`, this build reads version {}", crate::SCHEMA_VERSION),
        ),
        None if top.get("schema").is_some() => sink.error(&spans, "schema", "`schema` must be a version number"),
        None => sink.error(&spans, "", "missing `schema: 1` at the top of the catalog"),
    }
    let raw = Raw {
        modules: section(&top, "modules", true, &spans, sink),
        models: section(&top, "models", false, &spans, sink),
        levels: section(&top, "levels", true, &spans, sink),
        procedures: section(&top, "procedures", false, &spans, sink),
        codes: section(&top, "codes", false, &spans, sink),
        spans,
    };
    Some(raw)
}

fn section<T: serde::de::DeserializeOwned>(
    top: &serde_yaml::Mapping,
    name: &str,
    required: bool,
    spans: &Spans,
    sink: &mut Sink,
) -> Vec<(String, T)> {
    let items = match top.get(name) {
        Some(Value::Sequence(items)) => items,
        Some(Value::Null) | None if !required => return Vec::new(),
        None => {
            sink.error(spans, "", format!("missing section `{name}`"));
            return Vec::new();
        }
        Some(_) => {
            sink.error(spans, name, format!("`{name}` must be a list"));
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("{name}.{i}");
        match serde_yaml::from_value::<T>(item.clone()) {
            Ok(value) => out.push((path, value)),
            Err(e) => {
                let message = strip_location(&e.to_string());
                let at = match backticked(&message) {
                    Some(field) if message.starts_with("unknown field") => format!("{path}.{field}#key"),
                    Some(field) if message.starts_with("invalid type") || message.starts_with("invalid value") => {
                        format!("{path}.{field}")
                    }
                    _ => path.clone(),
                };
                sink.error(spans, &at, format!("{name}[{i}]: {message}"));
            }
        }
    }
    out
}

/// The first name between backticks in a serde message.
fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// serde_yaml ends messages with " at line L column C"; the diagnostic says that already.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
