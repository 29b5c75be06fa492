//! `include:`: the files a catalog spreads its procedures and codes over, named relative to
//! the catalog's folder.

use std::collections::HashSet;

use serde_yaml::{Mapping, Value};

use crate::diagnostics::Sink;
use crate::spans::Spans;

/// The paths the catalog's `include` section names, each with its span path (`include.2`);
/// a malformed section or item is a diagnostic, and the item is left out.
pub fn paths(top: &Mapping, spans: &Spans, sink: &mut Sink) -> Vec<(String, String)> {
    let items = match top.get("include") {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Sequence(items)) => items.len(),
        Some(_) => {
            sink.error(spans, "include", "`include` must be a list of file paths");
            return Vec::new();
        }
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for i in 0..items {
        let at = format!("include.{i}");
        let Some(written) = spans.scalar(&at).map(str::trim).filter(|w| !w.is_empty()) else {
            sink.error(spans, &at, "an `include` item must be a file path, like `catalog/ams.yaml`");
            continue;
        };
        if let Some(problem) = refused(written) {
            sink.error(spans, &at, format!("cannot include `{written}`: {problem}"));
            continue;
        }
        if !seen.insert(written.to_owned()) {
            sink.error(spans, &at, format!("`{written}` is included twice"));
            continue;
        }
        out.push((at, written.to_owned()));
    }
    out
}

/// Why an include path is refused: it must stay inside the catalog's folder, so that the
/// files travel with the catalog (into the `hms-catalog` package too).
fn refused(written: &str) -> Option<&'static str> {
    let absolute = written.starts_with(['/', '\\']) || written.as_bytes().get(1) == Some(&b':');
    if absolute {
        return Some("paths are relative to the catalog's folder");
    }
    if written.split(['/', '\\']).any(|part| part == "..") {
        return Some("an included file must be inside the catalog's folder (no `..`)");
    }
    None
}

/// How diagnostics name an included file: its path as written, joined to the folder of the
/// catalog's display name (`catalog.yaml` + `catalog/ams.yaml` is `catalog/ams.yaml`;
/// `tests/c.yaml` + `more.yaml` is `tests/more.yaml`).
pub fn display_name(catalog: &str, written: &str) -> String {
    match catalog.rfind(['/', '\\']) {
        Some(i) => format!("{}{written}", &catalog[..=i]),
        None => written.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn included_files_are_named_from_the_catalogs_folder() {
        assert_eq!(display_name("catalog.yaml", "catalog/ams.yaml"), "catalog/ams.yaml");
        assert_eq!(display_name("tests/c.yaml", "more.yaml"), "tests/more.yaml");
    }

    #[test]
    fn paths_outside_the_catalogs_folder_are_refused() {
        assert!(refused("catalog/ams.yaml").is_none());
        assert!(refused("/etc/passwd").is_some());
        assert!(refused("catalog/../../x.yaml").is_some());
        assert!(refused("C:/x.yaml").is_some());
    }
}
